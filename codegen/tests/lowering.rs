//! How the typed lowering reads schemas that mix `null`, several types,
//! references and alternatives: each either the type the schema means or a
//! checked JSON value, never a type that accepts more or less.

use dmforge_codegen::ir::{FieldType, Module, TypeKind};
use dmforge_codegen::load::load_text;

fn field<'m>(module: &'m Module, wire: &str) -> &'m FieldType {
    let TypeKind::Struct(root) = &module.types[module.root.0].kind else {
        panic!("the root is a struct");
    };
    &root.fields.iter().find(|f| f.wire == wire).expect(wire).ty
}

fn load(schema: &str) -> Module {
    load_text("acme/t", "t.schema.json", schema).unwrap_or_else(|e| panic!("{schema}: {e:?}"))
}

/// `["string", "null"]` with an `enum` that does not list `null` refuses
/// `null`: the enum is not made an `Option`.
#[test]
fn an_enum_that_does_not_list_null_refuses_it() {
    let module = load(
        r#"{"type": "object", "properties": {"a": {"type": ["string", "null"], "enum": ["x", "y"]}}}"#,
    );
    assert!(
        matches!(field(&module, "a"), FieldType::Named(_)),
        "{:?}",
        field(&module, "a")
    );
}

/// A `$ref` to a schema that may be `null` is an `Option` of its type,
/// however many times it is referred to.
#[test]
fn a_reference_to_a_nullable_schema_is_an_option() {
    let module = load(
        r##"{"type": "object", "$defs": {"A": {"type": ["object", "null"], "properties": {"n": {"type": "integer"}}}},
            "properties": {"a": {"$ref": "#/$defs/A"}, "b": {"$ref": "#/$defs/A"}}}"##,
    );
    for member in ["a", "b"] {
        assert!(
            matches!(field(&module, member), FieldType::Nullable(inner) if matches!(**inner, FieldType::Named(_))),
            "{member}: {:?}",
            field(&module, member)
        );
    }
}

/// A schema of several types referred to twice is the enum of them both
/// times, not its object variant the second time.
#[test]
fn a_shared_schema_of_several_types_stays_an_enum_of_them() {
    let module = load(
        r##"{"type": "object", "$defs": {"U": {"type": ["string", "object"], "minProperties": 1}},
            "properties": {"a": {"$ref": "#/$defs/U"}, "b": {"$ref": "#/$defs/U"}}}"##,
    );
    for member in ["a", "b"] {
        let FieldType::Named(id) = field(&module, member) else {
            panic!("{member}: {:?}", field(&module, member));
        };
        assert!(
            matches!(module.types[id.0].kind, TypeKind::TypeUnion(_)),
            "{member}"
        );
    }
}

/// Items that may be `null` are checked inside the `Option` by the value
/// path.
#[test]
fn nullable_items_are_checked_as_json_values() {
    let module = load(
        r#"{"type": "object", "properties": {"a": {"type": "array", "items": {"type": ["string", "null"], "maxLength": 3}}}}"#,
    );
    assert!(
        matches!(field(&module, "a"), FieldType::Any(_)),
        "{:?}",
        field(&module, "a")
    );
}

/// A chain of definitions the typed lowering cannot type, each referring
/// twice to the next, is lowered once each: without remembering failures,
/// this would take 2^40 attempts.
#[test]
fn untypable_chains_are_lowered_once_per_schema() {
    let mut defs = Vec::new();
    for i in 0..40 {
        let next = if i == 39 {
            r#"{"type": "string"}"#.to_string()
        } else {
            format!(r##"{{"$ref": "#/$defs/d{}"}}"##, i + 1)
        };
        defs.push(format!(
            r#""d{i}": {{"type": "object", "properties": {{"x": {next}, "y": {next}}}, "oneOf": [{{"required": ["x"]}}, {{"required": ["y"]}}]}}"#
        ));
    }
    let schema = format!(
        r##"{{"type": "object", "properties": {{"root": {{"$ref": "#/$defs/d0"}}}}, "$defs": {{{}}}}}"##,
        defs.join(", ")
    );
    let module = load(&schema);
    assert!(matches!(field(&module, "root"), FieldType::Any(_)));
}

/// Alternatives become an enum only when nothing beside them says more:
/// `null` beside them (it must still match an alternative) and a list of
/// types (each alternative must be of one) are checked as JSON values.
#[test]
fn alternatives_with_null_or_a_list_of_types_beside_them_are_checked_values() {
    let module = load(
        r#"{"type": "object", "properties": {
            "plain": {"oneOf": [{"type": "string"}, {"type": "integer"}]},
            "nullable": {"type": ["object", "null"], "oneOf": [
                {"type": "object", "required": ["a"]}, {"type": "object", "required": ["b"]}]},
            "listed": {"type": ["string", "integer"], "oneOf": [{"type": "string"}, {"type": "boolean"}]}
        }}"#,
    );
    let FieldType::Named(plain) = field(&module, "plain") else {
        panic!("{:?}", field(&module, "plain"));
    };
    assert!(matches!(
        module.types[plain.0].kind,
        TypeKind::Alternatives(_)
    ));
    assert!(matches!(field(&module, "nullable"), FieldType::Any(_)));
    assert!(matches!(field(&module, "listed"), FieldType::Any(_)));
}

/// A schema name Rust or the generated code already uses (`Result`,
/// `String`, `Self`) is never given to a type or variant of the schema's.
#[test]
fn names_rust_uses_are_not_taken() {
    let module = load(
        r##"{"type": "object", "properties": {
            "result": {"type": "object", "properties": {"ok": {"type": "boolean"}}},
            "either": {"oneOf": [
                {"title": "String", "type": "object", "required": ["s"], "properties": {"s": {"type": "string"}}},
                {"title": "Self", "type": "object", "required": ["t"], "properties": {"t": {"type": "string"}}}
            ]}
        }}"##,
    );
    let names: Vec<&str> = module.types.iter().map(|t| t.name.as_str()).collect();
    for taken in ["Result", "String", "Self"] {
        assert!(!names.contains(&taken), "{taken} in {names:?}");
    }
    let FieldType::Named(either) = field(&module, "either") else {
        panic!("alternatives");
    };
    let TypeKind::Alternatives(a) = &module.types[either.0].kind else {
        panic!("alternatives");
    };
    assert!(
        a.variants.iter().all(|v| v.name != "Self"),
        "{:?}",
        a.variants
    );
}

/// `prefixItems` is a tuple only where `minItems` asks for every prefix
/// item and no other array keyword applies; otherwise a checked value.
#[test]
fn prefix_items_are_a_tuple_only_when_every_item_is_there() {
    use dmforge_codegen::ir::Rest;

    let tuple = |schema: &str| {
        let module = load(&format!(
            r#"{{"type": "object", "properties": {{"a": {schema}}}}}"#
        ));
        match field(&module, "a") {
            FieldType::Named(id) => match &module.types[id.0].kind {
                TypeKind::Tuple(t) => Some(t.clone()),
                other => panic!("{schema}: {other:?}"),
            },
            FieldType::Any(_) => None,
            other => panic!("{schema}: {other:?}"),
        }
    };
    let closed = tuple(
        r#"{"type": "array", "prefixItems": [{"type": "string"}, {"type": "integer"}], "items": false, "minItems": 2}"#,
    )
    .expect("a tuple");
    assert_eq!(closed.prefix.len(), 2);
    assert_eq!(closed.rest, Rest::Forbidden);
    let open = tuple(
        r#"{"type": "array", "prefixItems": [{"type": "string"}], "items": {"type": "integer"}, "minItems": 1}"#,
    )
    .expect("a tuple");
    assert!(matches!(open.rest, Rest::Kept(FieldType::Integer(_))));
    let anything_after =
        tuple(r#"{"type": "array", "prefixItems": [{"type": "string"}], "minItems": 1}"#)
            .expect("a tuple");
    assert!(matches!(anything_after.rest, Rest::Kept(FieldType::Any(_))));
    let counted = tuple(
        r#"{"type": "array", "prefixItems": [{"type": "string"}], "minItems": 1, "maxItems": 1}"#,
    )
    .expect("a tuple");
    assert_eq!(counted.rest, Rest::Counted);
    for checked in [
        // The second item may be absent.
        r#"{"type": "array", "prefixItems": [{"type": "string"}, {"type": "integer"}], "minItems": 1}"#,
        r#"{"type": "array", "prefixItems": [{"type": "string"}]}"#,
        // Other array keywords.
        r#"{"type": "array", "prefixItems": [{"type": "string"}], "minItems": 1, "uniqueItems": true}"#,
        r#"{"type": "array", "prefixItems": [{"type": "string"}], "minItems": 1, "contains": {"const": "x"}}"#,
        // More items than any array may hold.
        r#"{"type": "array", "prefixItems": [{}, {}], "minItems": 2, "maxItems": 1}"#,
        r#"{"type": "array", "prefixItems": [{}], "minItems": 3, "maxItems": 2}"#,
    ] {
        assert_eq!(tuple(checked), None, "{checked}");
    }
    // A definition two members name is one type.
    let shared = load(
        r##"{"type": "object", "properties": {"a": {"$ref": "#/$defs/pair"}, "b": {"$ref": "#/$defs/pair"}},
            "$defs": {"pair": {"type": "array", "prefixItems": [{"type": "string"}, {"type": "string"}], "minItems": 2, "items": false}}}"##,
    );
    assert_eq!(field(&shared, "a"), field(&shared, "b"));
    assert!(matches!(field(&shared, "a"), FieldType::Named(_)));
}

/// A type that holds itself is boxed once per cycle, at the type the cycle
/// comes back to; the types in between, and a list's items, are not.
#[test]
fn only_the_type_a_cycle_comes_back_to_is_boxed() {
    let module = load(
        r##"{"title": "Node", "type": "object", "properties": {
            "next": {"$ref": "#"},
            "aside": {"type": "object", "properties": {"node": {"$ref": "#"}}},
            "children": {"type": "array", "items": {"$ref": "#/$defs/leaf"}}
        }, "$defs": {"leaf": {"type": "object", "properties": {"name": {"type": "string"}}}}}"##,
    );
    let boxed: Vec<&str> = module
        .boxed
        .iter()
        .map(|id| module.types[id.0].name.as_str())
        .collect();
    assert_eq!(boxed, ["Node"]);
    let flat = load(
        r#"{"type": "object", "properties": {"a": {"type": "object", "properties": {"b": {"type": "string"}}}}}"#,
    );
    assert!(flat.boxed.is_empty());
}

/// A string type of its own takes its name and its rules type's name from
/// those no other type has: not a struct's builder, not another member's
/// rules type; and a string in a list of types is one too.
#[test]
fn string_types_of_their_own_take_free_names() {
    let module = load(
        r#"{"title": "Note", "type": "object", "properties": {
            "body": {"type": "string", "maxLength": 5},
            "bodyRules": {"type": "string", "maxLength": 5},
            "builder": {"type": "string", "maxLength": 3},
            "thread": {"type": ["integer", "string"], "maxLength": 4}
        }}"#,
    );
    let names: Vec<&str> = module.types.iter().map(|t| t.name.as_str()).collect();
    let texts: Vec<&str> = module
        .types
        .iter()
        .filter(|t| matches!(t.kind, TypeKind::Text(_)))
        .map(|t| t.name.as_str())
        .collect();
    for text in &texts {
        let rules = format!("{text}Rules");
        assert!(!names.contains(&rules.as_str()), "{rules} in {names:?}");
        assert!(!texts.contains(&rules.as_str()), "{rules} in {texts:?}");
        assert_ne!(*text, "NoteBuilder");
    }
    assert_eq!(texts.len(), 4, "{texts:?}");
    let thread = field(&module, "thread");
    let FieldType::Named(id) = thread else {
        panic!("{thread:?}");
    };
    let TypeKind::TypeUnion(variants) = &module.types[id.0].kind else {
        panic!("an enum of types");
    };
    assert!(module.string_rules(&variants[1].ty).is_some());
    assert!(matches!(variants[1].ty, FieldType::Named(_)));
}
