//! `allOf` of object schemas, merged into one object before lowering.
//!
//! Published schemas compose objects with `allOf`, as OpenAPI's
//! inheritance does (`allOf: [{$ref: Pet}, {properties: {bark: …}}]`). When
//! every branch only declares members (`properties`, `required`, `type:
//! object` and annotations), a value satisfies them all exactly when it
//! satisfies one object with every member and every required member, and
//! breaks the same rules at the same places, so the schema is rewritten
//! into that object and becomes one Rust struct. Anything else a branch
//! says (`additionalProperties`, conditions, counts, …) would change
//! meaning if merged: the schema is left as written, and the lowering
//! checks each branch over the value, or refuses it with its reason.
//!
//! `unevaluatedProperties: false` beside the branches is left as written
//! too: the verdict would be the same, but a branch that fails evaluates
//! none of its members, so each of them is also reported as unevaluated,
//! which one closed object would not say.
//!
//! A member declared by several branches with different schemas must
//! satisfy each: it becomes `{"allOf": [those schemas]}`, merged in turn if
//! they are objects. Merged members are copies of the branches' schemas (so
//! a `readOnly` member stays one, and an inline object is named from its
//! new owner), so a refusal inside one names the merged object's pointer.

use serde_json::{Map, Value};

use super::is_annotation;

/// How deep `$ref`s and nested `allOf`s are followed from one branch; a
/// chain longer than this (or a cycle) is left as written.
const MAX_DEPTH: usize = 32;

/// Merges, in `document`, every mergeable `allOf` in the schemas at
/// `roots` (JSON Pointers), until none is left (members merged from one
/// pass may hold another).
pub(super) fn merge_all_of(document: &mut Value, roots: &[String]) {
    for _ in 0..MAX_DEPTH {
        let mut found: Vec<(String, Map<String, Value>)> = Vec::new();
        for root in roots {
            let Some(schema) = document.pointer(root) else {
                continue;
            };
            crate::vocabulary::each_schema(schema, &mut |at, object| {
                if let Some(merged) = merged(document, object) {
                    found.push((format!("{root}{at}"), merged));
                }
            });
        }
        if found.is_empty() {
            return;
        }
        // Outer schemas first; one whose ancestor was merged in this pass
        // waits for the next (its pointer may have moved).
        found.sort_by_key(|(at, _)| at.len());
        let mut done: Vec<String> = Vec::new();
        for (at, merged) in found {
            if done.iter().any(|outer| is_within(&at, outer)) {
                continue;
            }
            if let Some(slot) = document.pointer_mut(&at) {
                *slot = Value::Object(merged);
            }
            done.push(at);
        }
    }
}

/// Whether `at` is `outer` or inside it.
fn is_within(at: &str, outer: &str) -> bool {
    at == outer
        || at
            .strip_prefix(outer)
            .is_some_and(|rest| rest.starts_with('/'))
}

/// What the branches of one `allOf` declare, gathered.
#[derive(Default)]
struct Members {
    /// Each member's schemas, in the order members first appear.
    properties: Vec<(String, Vec<Value>)>,
    required: Vec<String>,
    /// Some branch (or the schema itself) says `type: object`.
    typed: bool,
}

impl Members {
    fn add_property(&mut self, name: &str, schema: &Value) {
        match self.properties.iter_mut().find(|(n, _)| n == name) {
            Some((_, schemas)) => {
                if !schemas.contains(schema) {
                    schemas.push(schema.clone());
                }
            }
            None => self
                .properties
                .push((name.to_string(), vec![schema.clone()])),
        }
    }

    fn add_required(&mut self, names: &[Value]) -> Option<()> {
        for name in names {
            let name = name.as_str()?;
            if !self.required.iter().any(|r| r == name) {
                self.required.push(name.to_string());
            }
        }
        Some(())
    }
}

/// `object` with its `allOf` branches merged, when it has some and every
/// one only declares members.
fn merged(document: &Value, object: &Map<String, Value>) -> Option<Map<String, Value>> {
    let items = object.get("allOf")?.as_array()?;
    let mut members = Members::default();
    let mut conditions: Vec<Value> = Vec::new();
    let mut branches = 0;
    for item in items {
        let branch = item.as_object()?;
        if branch.contains_key("if") {
            // A condition stays a condition of the merged object.
            if !branch
                .keys()
                .all(|k| matches!(k.as_str(), "if" | "then" | "else") || is_annotation(k))
            {
                return None;
            }
            conditions.push(item.clone());
        } else {
            gather(document, branch, &mut members, 0)?;
            branches += 1;
        }
    }
    if branches == 0 {
        return None;
    }
    let mut out = Map::new();
    for (keyword, value) in object {
        match keyword.as_str() {
            "allOf" => {}
            "type" if value == "object" => members.typed = true,
            "properties" => {
                for (name, schema) in value.as_object()? {
                    members.add_property(name, schema);
                }
            }
            "required" => members.add_required(value.as_array()?)?,
            "unevaluatedProperties" if value == true => {}
            _ if is_plain_annotation(keyword) || matches!(keyword.as_str(), "$id" | "$anchor") => {
                out.insert(keyword.clone(), value.clone());
            }
            _ => return None,
        }
    }
    if !members.typed {
        return None;
    }
    out.insert("type".into(), "object".into());
    let properties: Map<String, Value> = members
        .properties
        .into_iter()
        .map(|(name, mut schemas)| {
            let schema = if schemas.len() == 1 {
                schemas.remove(0)
            } else {
                serde_json::json!({ "allOf": schemas })
            };
            (name, schema)
        })
        .collect();
    out.insert("properties".into(), Value::Object(properties));
    if !members.required.is_empty() {
        out.insert("required".into(), members.required.into());
    }
    if !conditions.is_empty() {
        out.insert("allOf".into(), conditions.into());
    }
    Some(out)
}

/// Adds what `branch` declares to `members`; `None` when it says anything
/// else (then the `allOf` is not merged).
fn gather(
    document: &Value,
    branch: &Map<String, Value>,
    members: &mut Members,
    depth: usize,
) -> Option<()> {
    if depth > MAX_DEPTH {
        return None;
    }
    if let Some(reference) = branch.get("$ref") {
        // Only a reference (and annotations) beside it: its target is the
        // branch. `load` has made every `$ref` a pointer from the root.
        if !branch.keys().all(|k| k == "$ref" || is_plain_annotation(k)) {
            return None;
        }
        let target = document
            .pointer(reference.as_str()?.strip_prefix('#')?)?
            .as_object()?;
        return gather(document, target, members, depth + 1);
    }
    for (keyword, value) in branch {
        match keyword.as_str() {
            "type" if value == "object" => members.typed = true,
            "properties" => {
                for (name, schema) in value.as_object()? {
                    members.add_property(name, schema);
                }
            }
            "required" => members.add_required(value.as_array()?)?,
            "allOf" => {
                for item in value.as_array()? {
                    gather(document, item.as_object()?, members, depth + 1)?;
                }
            }
            _ if is_plain_annotation(keyword) => {}
            _ => return None,
        }
    }
    Some(())
}

/// An annotation a branch may carry without changing what it means when
/// merged: not a resource's identity nor a null marker.
fn is_plain_annotation(keyword: &str) -> bool {
    is_annotation(keyword)
        && !matches!(
            keyword,
            "$id" | "$anchor" | "$dynamicAnchor" | super::NULLABLE
        )
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn merge(document: Value) -> Value {
        let mut document = document;
        merge_all_of(&mut document, &[String::new()]);
        document
    }

    #[test]
    fn branches_that_only_declare_members_become_one_object() {
        let merged = merge(json!({
            "$defs": {"pet": {"type": "object", "required": ["name"],
                "properties": {"name": {"type": "string"}}}},
            "description": "A dog.",
            "allOf": [
                {"$ref": "#/$defs/pet"},
                {"properties": {"bark": {"type": "boolean"}}, "required": ["bark"]}
            ]
        }));
        assert_eq!(merged["type"], "object");
        assert_eq!(merged["description"], "A dog.");
        assert!(merged.get("additionalProperties").is_none());
        assert_eq!(merged["required"], json!(["name", "bark"]));
        assert_eq!(merged["properties"]["name"], json!({"type": "string"}));
        assert_eq!(merged["properties"]["bark"], json!({"type": "boolean"}));
        assert!(merged.get("allOf").is_none());
    }

    #[test]
    fn a_member_two_branches_declare_differently_must_satisfy_both() {
        let merged = merge(json!({
            "type": "object",
            "allOf": [
                {"properties": {"kind": {"type": "string"}}},
                {"properties": {"kind": {"const": "dog"}}},
                {"properties": {"kind": {"type": "string"}}}
            ]
        }));
        assert_eq!(
            merged["properties"]["kind"],
            json!({"allOf": [{"type": "string"}, {"const": "dog"}]})
        );
    }

    #[test]
    fn conditions_stay_and_nested_branches_are_followed() {
        let merged = merge(json!({
            "$defs": {
                "base": {"type": "object", "properties": {"id": {"type": "string"}}},
                "named": {"type": "object", "allOf": [{"$ref": "#/$defs/base"}],
                    "properties": {"name": {"type": "string"}}}
            },
            "allOf": [
                {"$ref": "#/$defs/named"},
                {"if": {"required": ["id"]}, "then": {"required": ["name"]}}
            ]
        }));
        let names: Vec<&String> = merged["properties"]
            .as_object()
            .map(|p| p.keys().collect())
            .unwrap_or_default();
        assert_eq!(names.len(), 2, "{merged}");
        assert_eq!(
            merged["allOf"],
            json!([{"if": {"required": ["id"]}, "then": {"required": ["name"]}}])
        );
        // The referenced definition was merged too, in place.
        assert!(merged["$defs"]["named"].get("allOf").is_none(), "{merged}");
        assert!(merged["$defs"]["named"]["properties"]["id"].is_object());
    }

    #[test]
    fn a_branch_that_says_more_than_its_members_is_left_as_written() {
        for document in [
            // Closed on its own: merged, it would accept the other's members.
            json!({"allOf": [
                {"type": "object", "properties": {"a": {}}, "additionalProperties": false},
                {"properties": {"b": {}}}
            ]}),
            json!({"allOf": [{"type": "object", "minProperties": 2}, {"properties": {"b": {}}}]}),
            // A reference with a rule beside it, a broken one, a cycle.
            json!({"$defs": {"a": {"type": "object"}},
                "allOf": [{"$ref": "#/$defs/a", "maxProperties": 1}]}),
            json!({"allOf": [{"$ref": "#/$defs/missing"}], "type": "object"}),
            json!({"$defs": {"a": {"allOf": [{"$ref": "#/$defs/a"}]}},
                "allOf": [{"$ref": "#/$defs/a"}], "type": "object"}),
            // Nothing says the value is an object.
            json!({"allOf": [{"properties": {"a": {}}}]}),
            // Closed by what the branches evaluate: a failing branch's
            // members would be reported as unevaluated too.
            json!({"type": "object", "unevaluatedProperties": false, "allOf": [
                {"properties": {"a": {}}}
            ]}),
        ] {
            assert_eq!(merge(document.clone()), document);
        }
    }
}
