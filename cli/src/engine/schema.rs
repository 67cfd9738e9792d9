//! The `schema` engine: a payload checked against the JSON Schema itself.
//!
//! A schema is first checked by `dmforge_codegen::vocabulary` (every keyword
//! known and well-shaped, every `$ref` resolvable), then compiled once by the
//! jsonschema crate with dmforge's extension keywords registered and format
//! assertion on. Validation takes the cheap `is_valid` path first and only
//! collects errors, with their paths, for an invalid payload.

use std::fmt;

use dmforge_codegen::bundle::Resources;
use dmforge_codegen::dialect::{normalize, Dialect};
use dmforge_codegen::vocabulary::check_document;
use dmforge_runtime::Violation;
use jsonschema::{Draft, Validator};
use serde_json::Value;
use time::OffsetDateTime;

use super::keywords;
use super::messages::translate;
use crate::registry::BundledSchema;

/// A schema that cannot be used, with the file and the JSON Pointer inside it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SchemaError {
    pub file: String,
    pub pointer: String,
    pub message: String,
}

impl fmt::Display for SchemaError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}#{}: {}", self.file, self.pointer, self.message)
    }
}

impl std::error::Error for SchemaError {}

/// One compiled schema.
pub struct SchemaValidator {
    document: Value,
    validator: Validator,
    any_top_level: bool,
    warnings: Vec<SchemaError>,
}

impl SchemaValidator {
    /// Compiles a bundled schema; `now` is the instant `maxDaysAhead` measures from.
    pub fn bundled(schema: &BundledSchema, now: OffsetDateTime) -> Result<Self, Vec<SchemaError>> {
        Self::compile(schema.path, schema.json, now)
    }

    /// Compiles the schema text of `file`.
    pub fn compile(file: &str, text: &str, now: OffsetDateTime) -> Result<Self, Vec<SchemaError>> {
        Self::compile_with(file, text, now, &Resources::default())
    }

    /// Compiles the schema text of `file`, its `$ref`s to other documents
    /// (beside the file, or under a URI prefix of `resources`) bundled into
    /// it as the generator bundles them.
    pub fn compile_with(
        file: &str,
        text: &str,
        now: OffsetDateTime,
        resources: &Resources,
    ) -> Result<Self, Vec<SchemaError>> {
        let error = |pointer: String, message: String| SchemaError {
            file: file.to_string(),
            pointer,
            message,
        };
        let document: Value = serde_json::from_str(text)
            .map_err(|e| vec![error(String::new(), format!("not valid JSON: {e}"))])?;
        // The dialect `$schema` names (2020-12 without one), then its
        // meta-schema (wrong types for standard keywords, `"maxLength":
        // "ten"`), then dmforge's own vocabulary check, on the document in
        // 2020-12 terms. jsonschema runs the document as written, in its draft.
        let dialect = Dialect::of(&document, Dialect::Draft202012)
            .map_err(|message| vec![error("/$schema".to_string(), message)])?;
        let (meta, draft) = match dialect {
            Dialect::Draft4 => (jsonschema::draft4::meta::validator(), Draft::Draft4),
            Dialect::Draft6 => (jsonschema::draft6::meta::validator(), Draft::Draft6),
            Dialect::Draft7 => (jsonschema::draft7::meta::validator(), Draft::Draft7),
            Dialect::Draft201909 => (
                jsonschema::draft201909::meta::validator(),
                Draft::Draft201909,
            ),
            Dialect::Draft202012 => (
                jsonschema::draft202012::meta::validator(),
                Draft::Draft202012,
            ),
        };
        let meta_errors: Vec<SchemaError> = meta
            .iter_errors(&document)
            .map(|e| {
                error(
                    e.instance_path().as_str().to_string(),
                    format!("not a valid JSON Schema {}: {e}", dialect.title()),
                )
            })
            .collect();
        if !meta_errors.is_empty() {
            return Err(meta_errors);
        }
        // References to other documents, as the generator resolves them:
        // copied in, so jsonschema needs nothing beside the document.
        let base = dmforge_codegen::bundle::base_for(Some(std::path::Path::new(file)), file);
        let document =
            match dmforge_codegen::bundle::bundle_as(&document, &base, resources, dialect, false) {
                Ok(Some(bundled)) => bundled,
                Ok(None) => document,
                Err(issues) => {
                    return Err(issues
                        .into_iter()
                        .map(|i| error(i.pointer, i.message))
                        .collect())
                }
            };
        // Unknown keywords are annotations (a warning); anything else the
        // vocabulary finds is an error.
        let (warnings, issues): (Vec<_>, Vec<_>) = check_document(&normalize(&document, dialect))
            .into_iter()
            .partition(|i| i.warning);
        if !issues.is_empty() {
            return Err(issues
                .into_iter()
                .map(|i| error(i.pointer, i.message))
                .collect());
        }
        let warnings = warnings
            .into_iter()
            .map(|i| error(i.pointer, i.message))
            .collect();
        let options = jsonschema::options()
            .with_draft(draft)
            .should_validate_formats(true)
            // An unknown format is an annotation (the vocabulary check warned).
            .should_ignore_unknown_formats(true);
        // Compiled with each integer schema's 64-bit type added; errors are
        // still worded from `document`, the schema as written.
        let validator = keywords::register(options, now)
            .build(&keywords::integer_type::with_integer_types(&document))
            .map_err(|e| vec![error(e.schema_path().as_str().to_string(), e.to_string())])?;
        Ok(Self {
            document,
            validator,
            any_top_level: false,
            warnings,
        })
    }

    /// What the schema has that checks nothing (unknown keywords, read as
    /// annotations), for the caller to show.
    #[must_use]
    pub fn warnings(&self) -> &[SchemaError] {
        &self.warnings
    }

    /// Payloads may have any JSON value at the top level, as the schema
    /// decides (a user's schema file); by default a payload is a request
    /// body, an object, as the typed engine reads it.
    #[must_use]
    pub fn accepting_any_top_level(mut self) -> Self {
        self.any_top_level = true;
        self
    }

    /// Whether payloads may be any JSON value at the top level.
    #[must_use]
    pub fn any_top_level(&self) -> bool {
        self.any_top_level
    }

    /// The compiled jsonschema validator itself, for callers (and the
    /// benchmarks) that want its own API.
    #[must_use]
    pub fn jsonschema(&self) -> &Validator {
        &self.validator
    }

    /// Every violation in `instance`, sorted by pointer then rule; none if valid.
    #[must_use]
    pub fn validate(&self, instance: &Value) -> Vec<Violation> {
        if self.validator.is_valid(instance) {
            return Vec::new();
        }
        let mut violations: Vec<Violation> = self
            .validator
            .iter_errors(instance)
            .flat_map(|e| translate(&e, &self.document))
            .collect();
        violations.sort();
        violations.dedup();
        violations
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn now() -> OffsetDateTime {
        OffsetDateTime::UNIX_EPOCH
    }

    fn compile(schema: Value) -> Result<SchemaValidator, Vec<SchemaError>> {
        SchemaValidator::compile("test.schema.json", &schema.to_string(), now())
    }

    #[test]
    fn every_bundled_schema_is_valid_2020_12_and_compiles() {
        for schema in crate::registry::BUNDLED {
            if let Err(errors) = SchemaValidator::bundled(schema, now()) {
                panic!("{}: {errors:?}", schema.id);
            }
        }
    }

    #[test]
    fn alternatives_are_read_in_2020_12_terms_as_the_generator_reads_them() {
        // Draft 7 drops a `$ref`'s siblings: the alternatives are told apart
        // by the member each definition requires (`x`, `y`), not by `kind`.
        let engine = compile(json!({
            "$schema": "http://json-schema.org/draft-07/schema#",
            "definitions": {"a": {"required": ["x"]}, "b": {"required": ["y"]}},
            "oneOf": [
                {"$ref": "#/definitions/a", "required": ["kind"], "properties": {"kind": {"const": "a"}}},
                {"$ref": "#/definitions/b", "required": ["kind"], "properties": {"kind": {"const": "b"}}}
            ]
        }))
        .unwrap_or_else(|e| panic!("{e:?}"));
        let found = engine.validate(&json!({"kind": "b"}));
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].message, "one of `x`, `y` is required");
    }

    #[test]
    fn draft_7_additional_items_false_refuses_each_item_as_items_false_does() {
        // The generator reads draft 7's `additionalItems: false` as 2020-12's
        // `items: false`, which refuses each item after the prefix where it
        // stands: the schema engine says the same of either.
        let pairs = |schema: Value| -> Vec<(String, String)> {
            compile(schema)
                .unwrap_or_else(|e| panic!("{e:?}"))
                .validate(&json!([1, 2, 3, 4]))
                .into_iter()
                .map(|v| (v.pointer, format!("{} [{}]", v.message, v.rule)))
                .collect()
        };
        let draft_7 = pairs(json!({
            "$schema": "http://json-schema.org/draft-07/schema#",
            "items": [{"type": "integer"}, {"type": "integer"}],
            "additionalItems": false
        }));
        let draft_2020 = pairs(json!({
            "prefixItems": [{"type": "integer"}, {"type": "integer"}],
            "items": false
        }));
        assert_eq!(
            draft_7,
            [
                (
                    "/2".to_string(),
                    "`2` is not allowed here [forbidden]".to_string()
                ),
                (
                    "/3".to_string(),
                    "`3` is not allowed here [forbidden]".to_string()
                ),
            ]
        );
        assert_eq!(draft_7, draft_2020);
    }

    #[test]
    fn bad_schemas_name_file_and_pointer() {
        let errors = compile(json!({"properties": {"a": {"maxBytes": -1}}}))
            .err()
            .unwrap_or_default();
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].file, "test.schema.json");
        assert_eq!(errors[0].pointer, "/properties/a/maxBytes");
        let errors = compile(json!({"$ref": "#/$defs/gone"}))
            .err()
            .unwrap_or_default();
        assert_eq!(errors[0].pointer, "/$ref");
        let errors = compile(json!({"properties": {"a": {"maxLength": "ten"}}}))
            .err()
            .unwrap_or_default();
        assert_eq!(errors[0].pointer, "/properties/a/maxLength");
        assert!(errors[0]
            .message
            .starts_with("not a valid JSON Schema 2020-12"));
        let errors = SchemaValidator::compile("x.json", "{", now())
            .err()
            .unwrap_or_default();
        assert!(errors[0].message.starts_with("not valid JSON"));
    }

    #[test]
    fn reports_every_violation_with_pointer_and_rule() {
        let validator = compile(json!({
            "type": "object",
            "additionalProperties": false,
            "required": ["id"],
            "properties": {"id": {}, "text": {"type": "string", "maxBytes": 4}, "n": {"maximum": 3}}
        }))
        .unwrap_or_else(|e| panic!("{e:?}"));
        let found: Vec<(String, String)> = validator
            .validate(&json!({"text": "é😀", "n": 4, "extra": 1}))
            .into_iter()
            .map(|v| (v.pointer, v.rule))
            .collect();
        let expected = [
            ("", "required"),
            ("/extra", "additionalProperties"),
            ("/n", "maximum"),
            ("/text", "maxBytes"),
        ];
        assert_eq!(found, expected.map(|(p, r)| (p.to_string(), r.to_string())));
        assert!(validator
            .validate(&json!({"id": 1, "text": "ab"}))
            .is_empty());
    }
}
