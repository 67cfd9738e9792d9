//! JSON Schema dialects: drafts 4, 6, 7, 2019-09 and 2020-12.
//!
//! A schema says its dialect with `$schema` at its root; without one, the
//! caller's default applies (2020-12 unless told otherwise). The generator
//! works in 2020-12 terms, so an older draft's document is first rewritten
//! into them by [`normalize`], keeping the meaning each draft gives its
//! keywords:
//!
//! - draft 4's boolean `exclusiveMinimum`/`exclusiveMaximum` become the
//!   numeric forms of draft 6 on;
//! - before 2019-09, `$ref` ignores its sibling keywords, so they are
//!   dropped (`definitions` is kept, as something a reference may point into);
//! - before 2020-12, an array `items` is what `prefixItems` is now, and
//!   `additionalItems` what `items` is now (an `additionalItems` beside a
//!   single `items` schema has no effect); `dependencies` is split into
//!   `dependentRequired` (lists) and `dependentSchemas` (schemas).
//!
//! In every dialect, a count written as an integral float (`2.0`) is read
//! as the integer it is.
//!
//! `definitions` (drafts 4 to 7) holds schemas wherever it appears, as
//! `$defs` does. The schema engine does not need any of this: it runs the
//! document as written, under its own draft.

use serde_json::{Map, Value};

use crate::vocabulary::each_schema_mut;
use dmforge_runtime::pointer::{child, from_fragment, to_fragment, tokens};

/// A JSON Schema dialect dmforge reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub enum Dialect {
    Draft4,
    Draft6,
    Draft7,
    Draft201909,
    #[default]
    Draft202012,
}

impl Dialect {
    /// The dialect's name, as the Test Suite's folders spell it.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Dialect::Draft4 => "draft4",
            Dialect::Draft6 => "draft6",
            Dialect::Draft7 => "draft7",
            Dialect::Draft201909 => "draft2019-09",
            Dialect::Draft202012 => "draft2020-12",
        }
    }

    /// The dialect as people name it: `2020-12`, `draft 7`.
    #[must_use]
    pub fn title(self) -> &'static str {
        match self {
            Dialect::Draft4 => "draft 4",
            Dialect::Draft6 => "draft 6",
            Dialect::Draft7 => "draft 7",
            Dialect::Draft201909 => "2019-09",
            Dialect::Draft202012 => "2020-12",
        }
    }

    /// The dialect a `$schema` URI names (with or without its empty
    /// fragment, over http or https).
    #[must_use]
    pub fn from_uri(uri: &str) -> Option<Self> {
        let uri = uri.trim_end_matches('#');
        let uri = uri
            .strip_prefix("https://")
            .or_else(|| uri.strip_prefix("http://"))?;
        match uri {
            "json-schema.org/draft-04/schema" => Some(Dialect::Draft4),
            "json-schema.org/draft-06/schema" => Some(Dialect::Draft6),
            "json-schema.org/draft-07/schema" => Some(Dialect::Draft7),
            "json-schema.org/draft/2019-09/schema" => Some(Dialect::Draft201909),
            "json-schema.org/draft/2020-12/schema" => Some(Dialect::Draft202012),
            _ => None,
        }
    }

    /// The document's dialect: its root `$schema`, else `default`. An
    /// unknown `$schema` is an `Err` saying so (the generator reads such a
    /// schema in the default dialect with a warning, or refuses it when
    /// strict).
    pub fn of(document: &Value, default: Dialect) -> Result<Dialect, String> {
        match document.get("$schema") {
            None => Ok(default),
            Some(Value::String(uri)) => Self::from_uri(uri).ok_or_else(|| {
                format!(
                    "`$schema` `{uri}` is not a dialect dmforge reads (drafts 4, 6, 7, 2019-09 and \
                     2020-12), so what its keywords mean cannot be known"
                )
            }),
            Some(_) => Err("`$schema` must be a string".to_string()),
        }
    }
}

/// `document`, read in `dialect`, in 2020-12 terms (see the module docs).
/// A 2020-12 document only has its integral-float counts made integers.
#[must_use]
pub fn normalize(document: &Value, dialect: Dialect) -> Value {
    let mut document = document.clone();
    normalize_in_place(&mut document, dialect);
    document
}

/// [`normalize`] on a schema in place (one schema of a larger document,
/// such as an OpenAPI file's).
pub fn normalize_in_place(schema: &mut Value, dialect: Dialect) {
    // A `$ref` into a renamed keyword (`#/items/0` of a tuple) follows it.
    let renamed = if dialect <= Dialect::Draft201909 {
        renamed_references(schema)
    } else {
        Vec::new()
    };
    each_schema_mut(schema, &mut |object| {
        integral_counts(object);
        if dialect != Dialect::Draft202012 {
            rewrite(object, dialect);
        }
        if let Some(Value::String(reference)) = object.get_mut("$ref") {
            if let Some((_, to)) = renamed.iter().find(|(from, _)| from == reference) {
                *reference = to.clone();
            }
        }
    });
}

/// (written, renamed) for each `$ref` of `document` that points through a
/// keyword older drafts name differently: an array `items` (`prefixItems`),
/// the `additionalItems` beside it (`items`), `dependencies` (a list:
/// `dependentRequired`; a schema: `dependentSchemas`).
fn renamed_references(document: &Value) -> Vec<(String, String)> {
    let mut references = Vec::new();
    crate::vocabulary::each_schema(document, &mut |_, object| {
        if let Some(reference) = object.get("$ref").and_then(Value::as_str) {
            references.push(reference.to_string());
        }
    });
    references
        .into_iter()
        .filter_map(|reference| {
            let decoded = from_fragment(reference.strip_prefix('#')?);
            let tokens = tokens(&decoded)?;
            let mut node = document;
            let mut renamed = String::new();
            // Only a keyword of a schema is renamed, not a member named
            // `dependencies` or data under `enum`.
            let mut position = Position::Keyword;
            for (i, token) in tokens.iter().enumerate() {
                let tuple = node.get("items").is_some_and(Value::is_array);
                let new = match token.as_str() {
                    _ if position != Position::Keyword => token.as_str(),
                    "items" if tuple => "prefixItems",
                    "additionalItems" if tuple => "items",
                    "dependencies" => match tokens
                        .get(i + 1)
                        .and_then(|next| node.get("dependencies")?.get(next))
                    {
                        Some(Value::Array(_)) => "dependentRequired",
                        Some(_) => "dependentSchemas",
                        None => token,
                    },
                    other => other,
                };
                renamed = child(&renamed, new);
                let next = match node {
                    Value::Object(o) => o.get(token)?,
                    Value::Array(a) => a.get(token.parse::<usize>().ok()?)?,
                    _ => return None,
                };
                position = position.after(token, next);
                node = next;
            }
            (renamed != decoded).then(|| (reference.clone(), format!("#{}", to_fragment(&renamed))))
        })
        .collect()
}

/// Where a token of a pointer into a schema stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Position {
    /// A keyword of a schema.
    Keyword,
    /// A name or index under a keyword that holds schemas by name or index.
    Member,
    /// Inside a keyword's data (`enum`, `default`): no schema below.
    Data,
}

impl Position {
    /// Where the token after `token` (whose value is `value`) stands.
    fn after(self, token: &str, value: &Value) -> Self {
        use crate::vocabulary::{is_subschema_array, is_subschema_keyword, is_subschema_map};
        match self {
            Position::Keyword => match value {
                Value::Object(_) if is_subschema_map(token) => Position::Member,
                Value::Array(_) if is_subschema_array(token) => Position::Member,
                Value::Object(_) if is_subschema_keyword(token) => Position::Keyword,
                _ => Position::Data,
            },
            Position::Member => Position::Keyword,
            Position::Data => Position::Data,
        }
    }
}

/// Keywords whose value is a count of characters, items or members.
const COUNTS: &[&str] = &[
    "maxLength",
    "minLength",
    "maxItems",
    "minItems",
    "maxProperties",
    "minProperties",
    "maxContains",
    "minContains",
];

/// A count written as an integral float (`"maxLength": 2.0`) is the integer
/// it equals, as JSON Schema reads numbers: written as that integer, so
/// that every later step reads it as one.
fn integral_counts(object: &mut Map<String, Value>) {
    for keyword in COUNTS {
        if let Some(value) = object.get_mut(*keyword) {
            let integral = value
                .as_f64()
                .filter(|x| value.is_f64() && x.fract() == 0.0 && *x >= 0.0 && *x < 1.8e19);
            if let Some(x) = integral {
                *value = Value::from(x as u64);
            }
        }
    }
}

/// One schema object, before the walk goes into the schemas it holds.
fn rewrite(object: &mut Map<String, Value>, dialect: Dialect) {
    if dialect <= Dialect::Draft7 && object.contains_key("$ref") {
        object.retain(|k, _| k == "$ref" || k == "definitions" || k == "$defs");
    }
    if dialect == Dialect::Draft4 {
        draft4_exclusive(object, "exclusiveMinimum", "minimum");
        draft4_exclusive(object, "exclusiveMaximum", "maximum");
    }
    if dialect <= Dialect::Draft201909 {
        if object.get("items").is_some_and(Value::is_array) {
            if let Some(items) = object.remove("items") {
                object.insert("prefixItems".into(), items);
            }
            if let Some(additional) = object.remove("additionalItems") {
                object.insert("items".into(), additional);
            }
        } else {
            object.remove("additionalItems");
        }
        split_dependencies(object);
    }
}

/// Draft 4: `"exclusiveMinimum": true` makes `minimum` exclusive.
fn draft4_exclusive(object: &mut Map<String, Value>, exclusive: &str, bound: &str) {
    match object.get(exclusive) {
        Some(Value::Bool(true)) => match object.remove(bound) {
            Some(limit) => {
                object.insert(exclusive.to_string(), limit);
            }
            None => {
                object.remove(exclusive);
            }
        },
        Some(Value::Bool(false)) => {
            object.remove(exclusive);
        }
        _ => {}
    }
}

/// Before 2019-09, `dependencies` held both kinds: a list of required
/// members, or a schema.
fn split_dependencies(object: &mut Map<String, Value>) {
    let Some(Value::Object(dependencies)) = object.remove("dependencies") else {
        return;
    };
    let mut required = Map::new();
    let mut schemas = Map::new();
    for (trigger, dependency) in dependencies {
        if dependency.is_array() {
            required.insert(trigger, dependency);
        } else {
            schemas.insert(trigger, dependency);
        }
    }
    if !required.is_empty() {
        object.insert("dependentRequired".into(), Value::Object(required));
    }
    if !schemas.is_empty() {
        object.insert("dependentSchemas".into(), Value::Object(schemas));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn schema_uris_name_their_dialect() {
        assert_eq!(
            Dialect::from_uri("http://json-schema.org/draft-07/schema#"),
            Some(Dialect::Draft7)
        );
        assert_eq!(
            Dialect::from_uri("https://json-schema.org/draft/2020-12/schema"),
            Some(Dialect::Draft202012)
        );
        assert_eq!(
            Dialect::of(&json!({}), Dialect::Draft7),
            Ok(Dialect::Draft7)
        );
        assert!(Dialect::of(
            &json!({"$schema": "https://example.com/mine"}),
            Dialect::Draft202012
        )
        .is_err());
    }

    #[test]
    fn older_drafts_read_in_2020_12_terms() {
        let draft4 = normalize(
            &json!({"properties": {"n": {"minimum": 1, "exclusiveMinimum": true, "maximum": 9, "exclusiveMaximum": false}}}),
            Dialect::Draft4,
        );
        assert_eq!(
            draft4,
            json!({"properties": {"n": {"exclusiveMinimum": 1, "maximum": 9}}})
        );
        let draft7 = normalize(
            &json!({
                "definitions": {
                    "a": {"$ref": "#/definitions/b", "maxLength": 1}, "b": {"type": "string"},
                    "tuple": {"$ref": "#/items/0"}, "rest": {"$ref": "#/additionalItems"},
                    "z": {"$ref": "#/dependencies/z"}
                },
                "items": [{"type": "integer"}],
                "additionalItems": false,
                "dependencies": {"x": ["y"], "z": {"required": ["w"]}}
            }),
            Dialect::Draft7,
        );
        assert_eq!(
            draft7,
            json!({
                "definitions": {
                    "a": {"$ref": "#/definitions/b"}, "b": {"type": "string"},
                    "tuple": {"$ref": "#/prefixItems/0"}, "rest": {"$ref": "#/items"},
                    "z": {"$ref": "#/dependentSchemas/z"}
                },
                "prefixItems": [{"type": "integer"}],
                "items": false,
                "dependentRequired": {"x": ["y"]},
                "dependentSchemas": {"z": {"required": ["w"]}}
            })
        );
        // A member named like a renamed keyword is a name, not a keyword.
        let named = json!({"properties": {
            "dependencies": {"type": "object", "additionalProperties": {"type": "string"}},
            "items": {"type": "array", "items": [{"type": "string"}]},
            "peer": {"$ref": "#/properties/dependencies/additionalProperties"},
            "first": {"$ref": "#/properties/items/items/0"}
        }});
        let read = normalize(&named, Dialect::Draft7);
        assert_eq!(
            read["properties"]["peer"]["$ref"],
            "#/properties/dependencies/additionalProperties"
        );
        assert_eq!(
            read["properties"]["first"]["$ref"],
            "#/properties/items/prefixItems/0"
        );
        let untouched = json!({"$ref": "#/$defs/a", "maxLength": 1, "$defs": {"a": {}}});
        assert_eq!(normalize(&untouched, Dialect::Draft202012), untouched);
        assert_eq!(normalize(&untouched, Dialect::Draft201909), untouched);
    }

    #[test]
    fn integral_float_counts_are_integers_in_every_dialect() {
        let written =
            json!({"maxLength": 2.0, "properties": {"a": {"minItems": 1.0, "maxItems": 1.5}}});
        for dialect in [Dialect::Draft202012, Dialect::Draft7] {
            let read = normalize(&written, dialect);
            assert_eq!(read["maxLength"], json!(2));
            assert!(read["maxLength"].is_u64());
            assert!(read["properties"]["a"]["minItems"].is_u64());
            // Not an integer: left for the vocabulary check to refuse.
            assert_eq!(read["properties"]["a"]["maxItems"], json!(1.5));
        }
    }
}
