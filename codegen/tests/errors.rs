//! A schema the generator cannot honour is refused with an error that names
//! the file, the JSON Pointer of the offending keyword, and its line and
//! column: never a panic, never a rule silently dropped.

use dmforge_codegen::load::{load_text, load_text_strict};
use dmforge_codegen::CodegenError;

fn errors(schema: &str) -> Vec<CodegenError> {
    match load_text("acme/broken", "broken.schema.json", schema) {
        Ok(_) => panic!("schema was accepted:\n{schema}"),
        Err(errors) => errors,
    }
}

/// (pointer, line, column) of each error.
fn located(schema: &str) -> Vec<(String, Option<(usize, usize)>)> {
    errors(schema)
        .into_iter()
        .map(|e| (e.pointer, e.position))
        .collect()
}

#[test]
fn unsupported_keywords_are_refused_where_they_are() {
    let schema = r##"{
  "type": "object",
  "properties": {
    "n": {"properties": {}, "$recursiveRef": "#"},
    "list": {"type": "string", "pattern": "(?<=x)"}
  }
}"##;
    let found = errors(schema);
    let pointers: Vec<&str> = found.iter().map(|e| e.pointer.as_str()).collect();
    assert_eq!(
        pointers,
        ["/properties/n/$recursiveRef", "/properties/list/pattern"]
    );
    assert_eq!(found[0].position, Some((4, 29)));
    assert!(
        found[0].message.contains("cannot be enforced"),
        "{}",
        found[0].message
    );
    assert_eq!(
        found[0].to_string(),
        format!(
            "broken.schema.json:4:29: #/properties/n/$recursiveRef: {}",
            found[0].message
        )
    );
}

#[test]
fn unknown_keywords_are_annotations_read_past_with_a_located_warning() {
    let schema = "{\"type\": \"object\",\n \"properties\": {\"a\": {\"type\": \"string\", \"maxChars\": 3, \"x-note\": 1}}}";
    let module = load_text("acme/lenient", "lenient.schema.json", schema).expect("generated");
    let warnings: Vec<String> = module.warnings.iter().map(ToString::to_string).collect();
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(
        warnings[0].starts_with(
            "lenient.schema.json:2:41: #/properties/a/maxChars: unknown keyword `maxChars`"
        ),
        "{}",
        warnings[0]
    );
    // Strict: the same keyword is an error; the vendor one is still read past.
    let refused =
        load_text_strict("acme/lenient", "lenient.schema.json", schema).expect_err("strict");
    assert_eq!(refused.len(), 1, "{refused:?}");
    assert_eq!(refused[0].pointer, "/properties/a/maxChars");
    assert_eq!(refused[0].position, Some((2, 41)));
}

#[test]
fn a_misspelt_rule_is_refused_with_did_you_mean() {
    let found =
        located(r#"{"type": "object", "properties": {"a": {"type": "string", "maxLenght": 3}}}"#);
    assert_eq!(
        found,
        [("/properties/a/maxLenght".to_string(), Some((1, 59)))]
    );
    let message =
        &errors(r#"{"type": "object", "properties": {"a": {"type": "string", "maxLenght": 3}}}"#)
            [0]
        .message;
    assert!(message.contains("did you mean `maxLength`?"), "{message}");
}

#[test]
fn broken_refs_are_refused() {
    let found = located(
        r##"{"type": "object", "properties": {"a": {"$ref": "#/$defs/missing"}}, "$defs": {}}"##,
    );
    assert_eq!(found, [("/properties/a/$ref".to_string(), Some((1, 41)))]);
    let remote = errors(r#"{"type": "object", "properties": {"a": {"$ref": "other.json#/x"}}}"#);
    assert!(
        remote[0]
            .message
            .contains("is relative, and this schema has no file or `$id`"),
        "{}",
        remote[0].message
    );
    let remote = errors(
        r#"{"type": "object", "properties": {"a": {"$ref": "https://example.com/x.json"}}}"#,
    );
    assert!(
        remote[0].message.contains("no resource prefix maps it"),
        "{}",
        remote[0].message
    );
}

#[test]
fn keywords_with_values_of_the_wrong_type_are_refused() {
    let found = errors(
        r#"{"type": "object", "properties": {"a": {"type": "string", "maxLength": "ten"}}}"#,
    );
    assert_eq!(found[0].pointer, "/properties/a/maxLength");
    assert!(
        found[0].message.contains("wrong type"),
        "{}",
        found[0].message
    );
}

#[test]
fn schemas_that_cannot_be_checked_are_refused() {
    for (schema, pointer) in [
        (
            r#"{"type": "object", "properties": {"a": {"type": "string", "pattern": "(?=x)"}}}"#,
            "/properties/a/pattern",
        ),
        (
            r#"{"type": "object", "properties": {"a": {"maxLength": 2, "pattern": "(?=x)"}}}"#,
            "/properties/a/pattern",
        ),
        (r##"{"$ref": "#"}"##, ""),
        (
            r##"{"type": "object", "properties": {"a": {"$ref": "#/$defs/b"}}, "$defs": {"b": {"$ref": "#/$defs/b"}}}"##,
            "/$defs/b",
        ),
        // `allOf` of one `$ref` is read as the `$ref`: the loop is found
        // at the schema that starts it.
        (
            r##"{"$defs": {"b": {"allOf": [{"$ref": "#/$defs/c"}]}, "c": {"not": {"$ref": "#/$defs/b"}}}, "$ref": "#/$defs/b"}"##,
            "/$defs/b",
        ),
        (
            r##"{"properties": {"a": {"$dynamicRef": "#node"}}}"##,
            "/properties/a/$dynamicRef",
        ),
        (
            r#"{"properties": {"a": {"type": ["string", "null"], "maxDaysAhead": 3}}}"#,
            "/properties/a/maxDaysAhead",
        ),
    ] {
        let found = errors(schema);
        assert!(
            found.iter().any(|e| e.pointer == pointer),
            "{schema}: {found:?}"
        );
    }
}

/// What has no single Rust type is kept as a JSON value and checked at run
/// time, rather than refused.
#[test]
fn schemas_without_one_rust_type_are_checked_as_json_values() {
    use dmforge_codegen::ir::{FieldType, TypeKind};
    for (schema, member) in [
        (
            r#"{"type": "object", "properties": {"a": {"maxLength": 2}}}"#,
            "a",
        ),
        (
            r#"{"type": "object", "properties": {"a": {"properties": {}}}}"#,
            "a",
        ),
        (
            r#"{"type": "object", "properties": {"a": {"type": ["number", "integer"]}}}"#,
            "a",
        ),
        (
            r#"{"type": "object", "properties": {"a": {"type": "array"}}}"#,
            "a",
        ),
        (
            r#"{"type": "object", "properties": {"a": {"type": "integer", "not": {"const": 2}}}}"#,
            "a",
        ),
        (
            r#"{"type": "object", "properties": {"a": {"type": "object", "patternProperties": {"^x": {"type": "string"}}}}}"#,
            "a",
        ),
    ] {
        let module = load_text("acme/any", "any.schema.json", schema)
            .unwrap_or_else(|e| panic!("{schema}: {e:?}"));
        let TypeKind::Struct(root) = &module.types[module.root.0].kind else {
            panic!("{schema}: the root is a struct");
        };
        let field = root
            .fields
            .iter()
            .find(|f| f.wire == member)
            .expect("member");
        assert!(
            matches!(field.ty, FieldType::Any(_)),
            "{schema}: {:?}",
            field.ty
        );
    }
    // `additionalProperties` with a schema: a typed map beside the members.
    let module = load_text(
        "acme/any",
        "any.schema.json",
        r#"{"type": "object", "properties": {"a": {"type": "string"}}, "additionalProperties": {"type": "integer", "minimum": 1}}"#,
    )
    .expect("a typed map");
    let TypeKind::Struct(root) = &module.types[module.root.0].kind else {
        panic!("the root is a struct");
    };
    // Its values keep their minimum in a number type of their own.
    assert!(
        root.additional
            .as_ref()
            .and_then(|ty| module.integer_rules(ty))
            .is_some_and(|rules| rules.minimum == Some(1)),
        "{:?}",
        root.additional
    );
    // Several types: an enum of them.
    let module = load_text(
        "acme/any",
        "any.schema.json",
        r#"{"type": "object", "properties": {"a": {"type": ["integer", "string"], "maxLength": 2}}}"#,
    )
    .expect("two types");
    let TypeKind::Struct(root) = &module.types[module.root.0].kind else {
        panic!("the root is a struct");
    };
    let FieldType::Named(id) = &root.fields[0].ty else {
        panic!("a named type: {:?}", root.fields[0].ty);
    };
    let TypeKind::TypeUnion(variants) = &module.types[id.0].kind else {
        panic!("an enum of types");
    };
    let names: Vec<&str> = variants.iter().map(|v| v.name.as_str()).collect();
    assert_eq!(names, ["Integer", "String"]);
    assert_eq!(
        module
            .string_rules(&variants[1].ty)
            .and_then(|r| r.max_length),
        Some(2)
    );
    // A type and `null` is an `Option` of the type.
    let module = load_text(
        "acme/any",
        "any.schema.json",
        r#"{"type": "object", "properties": {"a": {"type": ["null", "string"], "maxLength": 2}}}"#,
    )
    .expect("a nullable string");
    let TypeKind::Struct(root) = &module.types[module.root.0].kind else {
        panic!("the root is a struct");
    };
    assert!(
        matches!(&root.fields[0].ty, FieldType::Nullable(inner) if module.string_rules(inner).is_some()),
        "{:?}",
        root.fields[0].ty
    );
    // A root without one type is a newtype around the checked value.
    let module = load_text(
        "acme/any",
        "any.schema.json",
        r#"{"properties": {"a": {"type": "string"}}, "required": ["a"]}"#,
    )
    .expect("a root without type");
    assert!(matches!(
        module.types[module.root.0].kind,
        TypeKind::Newtype(FieldType::Any(_))
    ));
    // Rules for other types than the member's own have nothing to check.
    let module = load_text(
        "acme/any",
        "any.schema.json",
        r#"{"type": "object", "properties": {"a": {"type": "integer", "maxLength": 2}}}"#,
    )
    .expect("maxLength on an integer");
    let TypeKind::Struct(root) = &module.types[module.root.0].kind else {
        panic!("the root is a struct");
    };
    assert!(matches!(root.fields[0].ty, FieldType::Integer(_)));
}

#[test]
fn malformed_and_duplicate_key_schemas_are_refused_with_positions() {
    let syntax = errors("{\n  \"type\": \"object\",\n}");
    assert_eq!(
        (syntax[0].pointer.as_str(), syntax[0].position),
        ("", Some((3, 1)))
    );
    assert!(
        syntax[0].message.starts_with("not valid JSON"),
        "{}",
        syntax[0].message
    );
    let duplicate = errors("{\"type\": \"object\",\n \"type\": \"object\"}");
    assert_eq!(duplicate[0].pointer, "/type");
    assert!(
        duplicate[0].message.contains("duplicate key"),
        "{}",
        duplicate[0].message
    );
}

#[test]
fn every_error_of_a_schema_is_reported_at_once() {
    let found = errors(
        r##"{"type": "object", "properties": {"a": {"type": "object", "$recursiveRef": "#"}, "b": {"type": "string", "maxLenght": 3}, "c": {"type": "string", "pattern": "(?=x)"}}}"##,
    );
    assert!(found.len() >= 3, "{found:?}");
}

#[test]
fn huge_limits_get_no_boundary_cases_rather_than_huge_payloads() {
    let module = dmforge_codegen::load::load_text(
        "acme/huge",
        "huge.schema.json",
        r#"{"type": "object", "examples": [{"a": "x", "b": [1.5]}],
            "properties": {"a": {"type": "string", "maxLength": 4000000000},
                           "b": {"type": "array", "maxItems": 4000000000, "items": {"type": "number"}}}}"#,
    )
    .unwrap_or_else(|e| panic!("{e:?}"));
    let cases = dmforge_codegen::conformance::cases(&module);
    let largest = cases
        .iter()
        .map(|c| c.payload.to_string().len())
        .max()
        .unwrap_or(0);
    assert!(largest < 1000, "a case of {largest} bytes");
}

#[test]
fn older_drafts_are_read_in_their_own_terms() {
    use dmforge_codegen::ir::TypeKind;
    // Draft 7: `definitions`, a `$ref` whose siblings are ignored, and
    // `dependencies` as a list.
    let draft7 = r##"{
        "$schema": "http://json-schema.org/draft-07/schema#",
        "type": "object",
        "properties": {"to": {"$ref": "#/definitions/handle", "maxLength": 1}, "cc": {"type": "string"}},
        "dependencies": {"cc": ["to"]},
        "definitions": {"handle": {"type": "string", "maxLength": 30}}
    }"##;
    let module = load_text("acme/draft7", "draft7.schema.json", draft7).expect("draft 7 is read");
    assert!(module.warnings.is_empty(), "{:?}", module.warnings);
    // Draft 4: a boolean `exclusiveMinimum` makes `minimum` exclusive.
    let draft4 = r#"{
        "$schema": "http://json-schema.org/draft-04/schema#",
        "type": "object",
        "properties": {"n": {"type": "integer", "minimum": 0, "exclusiveMinimum": true}}
    }"#;
    let module = load_text("acme/draft4", "draft4.schema.json", draft4).expect("draft 4 is read");
    let TypeKind::Struct(root) = &module.types[module.root.0].kind else {
        panic!("an object is a struct");
    };
    let Some(rules) = module.integer_rules(&root.fields[0].ty) else {
        panic!("n is an integer");
    };
    assert_eq!((rules.minimum, rules.exclusive_minimum), (Some(1), true));
    // An unknown `$schema` is read in the default dialect, with a warning.
    let custom = r#"{"$schema": "https://example.com/my-meta", "type": "string"}"#;
    let module = load_text("acme/custom", "custom.schema.json", custom).expect("read");
    assert!(module.warnings[0].to_string().contains(
        "#/$schema: `$schema` `https://example.com/my-meta` is not a dialect dmforge reads"
    ));
    assert!(load_text_strict("acme/custom", "custom.schema.json", custom).is_err());
}
