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
//! satisfy each: it becomes `{"allOf": [those schemas]}` (the same rules
//! with only other annotations are one schema). Merged members are copies
//! of the branches' schemas (so a `readOnly` member stays one, and an
//! inline object is named from its new owner), so a refusal inside one
//! names the merged object's pointer.

use serde_json::{Map, Value};

use super::is_annotation;

/// How deep `$ref`s and nested `allOf`s are followed from one branch; a
/// chain longer than this (or a cycle) is left as written.
const MAX_DEPTH: usize = 32;

/// Merges, in `document`, every mergeable `allOf` in the schemas at
/// `roots` (JSON Pointers), in one pass over the document as written: a
/// merged schema is never merged again, so a recursive one (a member that
/// is `allOf: [{$ref: Node}]` inside `Node`) cannot grow. A schema that a
/// merge around it moved, or whose merge would change what a `$ref` into
/// it finds, is left as written.
pub(super) fn merge_all_of(document: &mut Value, roots: &[String]) {
    let mut targets: Vec<String> = Vec::new();
    crate::vocabulary::each_schema(document, &mut |_, object| {
        if let Some(target) = object
            .get("$ref")
            .and_then(Value::as_str)
            .and_then(|r| r.strip_prefix('#'))
        {
            targets.push(target.to_string());
        }
    });
    // Each schema to merge, as written and merged, read before any is
    // written.
    let mut found: Vec<(String, Value, Map<String, Value>)> = Vec::new();
    for root in roots {
        let Some(schema) = document.pointer(root) else {
            continue;
        };
        crate::vocabulary::each_schema(schema, &mut |at, object| {
            let at = format!("{root}{at}");
            let Some(merged) = merged(document, object) else {
                return;
            };
            // A reference into it must find what it found before (not a
            // branch, gone, nor a member now declared twice).
            let (before, after) = (Value::Object(object.clone()), Value::Object(merged));
            let kept = targets.iter().all(|t| match t.strip_prefix(&at) {
                Some(rest) if rest.starts_with('/') => before.pointer(rest) == after.pointer(rest),
                _ => true,
            });
            if let (true, Value::Object(merged)) = (kept, after) {
                found.push((at, before, merged));
            }
        });
    }
    // Outer schemas first. One inside a merged one is merged where it
    // still is as written (its `$defs`, its own members), else left.
    found.sort_by_key(|(at, _, _)| at.len());
    for (at, before, merged) in found {
        if let Some(slot) = document.pointer_mut(&at).filter(|slot| **slot == before) {
            *slot = Value::Object(merged);
        }
    }
}

/// What the branches of one `allOf` declare, gathered. Each object read
/// (a branch, its `$ref`'s target, a nested `allOf`'s, the schema itself)
/// is a source, numbered, for [`Members::one_way_apart`].
#[derive(Default)]
struct Members {
    /// Each member's schemas and the sources declaring it, in the order
    /// members first appear.
    properties: Vec<(String, Vec<Value>, Vec<usize>)>,
    /// Each required member and the sources requiring it.
    required: Vec<(String, Vec<usize>)>,
    /// Some branch (or the schema itself) says `type: object`.
    typed: bool,
    sources: usize,
}

impl Members {
    /// A new source's number.
    fn source(&mut self) -> usize {
        self.sources += 1;
        self.sources
    }

    fn add_property(&mut self, name: &str, schema: &Value, source: usize) {
        match self.properties.iter_mut().find(|(n, _, _)| n == name) {
            Some((_, schemas, sources)) => {
                // The same rules with other words around them (a derived
                // schema's own `description`) are one schema: the first.
                if !schemas.iter().any(|s| asserts(s) == asserts(schema)) {
                    schemas.push(schema.clone());
                }
                sources.push(source);
            }
            None => self
                .properties
                .push((name.to_string(), vec![schema.clone()], vec![source])),
        }
    }

    fn add_required(&mut self, names: &[Value], source: usize) -> Option<()> {
        for name in names {
            let name = name.as_str()?;
            match self.required.iter_mut().find(|(r, _)| r == name) {
                Some((_, sources)) => sources.push(source),
                None => self.required.push((name.to_string(), vec![source])),
            }
        }
        Some(())
    }

    /// Whether a `readOnly`/`writeOnly` member is declared by several
    /// sources or required by one that does not declare it. OpenAPI's
    /// one-way members leave a request (a response) object by object:
    /// merged, one would leave where the schema as written keeps it.
    fn one_way_apart(&self) -> bool {
        self.properties.iter().any(|(name, schemas, declared)| {
            let one_way = schemas.iter().any(|s| {
                s.get("readOnly") == Some(&Value::Bool(true))
                    || s.get("writeOnly") == Some(&Value::Bool(true))
            });
            one_way
                && (declared.len() > 1
                    || self
                        .required
                        .iter()
                        .filter(|(r, _)| r == name)
                        .flat_map(|(_, by)| by)
                        .any(|by| !declared.contains(by)))
        })
    }
}

/// `object` with its `allOf` branches merged, when it has some and every
/// one only declares members.
fn merged(document: &Value, object: &Map<String, Value>) -> Option<Map<String, Value>> {
    let items = object.get("allOf")?.as_array()?;
    // One reference with annotations around it (OpenAPI 3.0's way to
    // describe a `$ref`): the reference itself, which keeps a recursive
    // type recursive.
    let pure = |o: &Map<String, Value>, beside: &str| {
        o.keys().all(|k| k == beside || is_plain_annotation(k))
    };
    if let [only] = items.as_slice() {
        if let (Some(reference), true) = (only.get("$ref"), pure(object, "allOf")) {
            if only.as_object().is_some_and(|o| pure(o, "$ref")) {
                let mut out = object.clone();
                out.remove("allOf");
                out.insert("$ref".into(), reference.clone());
                return Some(out);
            }
        }
    }
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
    let own = members.source();
    for (keyword, value) in object {
        match keyword.as_str() {
            "allOf" => {}
            "type" if value == "object" => members.typed = true,
            "properties" => {
                for (name, schema) in value.as_object()? {
                    members.add_property(name, schema, own);
                }
            }
            "required" => members.add_required(value.as_array()?, own)?,
            "unevaluatedProperties" if value == true => {}
            _ if is_plain_annotation(keyword) || matches!(keyword.as_str(), "$id" | "$anchor") => {
                out.insert(keyword.clone(), value.clone());
            }
            _ => return None,
        }
    }
    if !members.typed || members.one_way_apart() {
        return None;
    }
    out.insert("type".into(), "object".into());
    let properties: Map<String, Value> = members
        .properties
        .into_iter()
        .map(|(name, mut schemas, _)| {
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
        let required: Vec<Value> = members
            .required
            .into_iter()
            .map(|(name, _)| name.into())
            .collect();
        out.insert("required".into(), required.into());
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
    let source = members.source();
    for (keyword, value) in branch {
        match keyword.as_str() {
            "type" if value == "object" => members.typed = true,
            "properties" => {
                for (name, schema) in value.as_object()? {
                    members.add_property(name, schema, source);
                }
            }
            "required" => members.add_required(value.as_array()?, source)?,
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

/// What `schema` asserts: itself without the annotations that only
/// describe it (`readOnly`/`writeOnly` stay: a request or a response leaves
/// such a member out).
fn asserts(schema: &Value) -> Value {
    match schema {
        Value::Object(object) => Value::Object(
            object
                .iter()
                .filter(|(k, _)| {
                    !is_plain_annotation(k) || matches!(k.as_str(), "readOnly" | "writeOnly")
                })
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect(),
        ),
        other => other.clone(),
    }
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
    fn a_member_redeclared_with_other_words_only_is_one_schema() {
        let merged = merge(json!({
            "type": "object",
            "allOf": [
                {"properties": {"kind": {"type": "string", "description": "The kind."}}},
                {"properties": {"kind": {"type": "string", "description": "A dog's kind."}}}
            ]
        }));
        assert_eq!(
            merged["properties"]["kind"],
            json!({"type": "string", "description": "The kind."})
        );
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
    fn a_described_reference_is_the_reference_and_recursion_stays() {
        let merged = merge(json!({
            "$defs": {"node": {"type": "object", "properties": {
                "v": {"type": "string"},
                "left": {"description": "l", "allOf": [{"$ref": "#/$defs/node"}]},
                "right": {"description": "r", "allOf": [{"$ref": "#/$defs/node"}]}
            }}},
            "$ref": "#/$defs/node"
        }));
        assert_eq!(
            merged["$defs"]["node"]["properties"]["left"],
            json!({"description": "l", "$ref": "#/$defs/node"})
        );
        // A branch naming its own ancestor is read once, not grown.
        let merged = merge(json!({
            "$defs": {"node": {"type": "object", "allOf": [
                {"properties": {"next": {"allOf": [{"$ref": "#/$defs/node"}, {"properties": {"n": {}}}]}}}
            ]}},
            "$ref": "#/$defs/node"
        }));
        assert!(merged.to_string().len() < 400, "{merged}");
    }

    #[test]
    fn one_way_members_merge_only_within_the_object_declaring_them() {
        let pet = json!({"type": "object", "required": ["id"],
            "properties": {"id": {"type": "string", "readOnly": true}}});
        // Declared and required by the same object: merged.
        let merged = merge(json!({"$defs": {"pet": pet},
            "allOf": [{"$ref": "#/$defs/pet"}, {"properties": {"bark": {}}}]}));
        assert!(merged.get("allOf").is_none(), "{merged}");
        // Required by another: as written.
        let document = json!({"$defs": {"pet": pet},
            "allOf": [{"$ref": "#/$defs/pet"}, {"required": ["id"]}]});
        assert_eq!(merge(document.clone()), document);
    }

    #[test]
    fn a_schema_a_reference_points_into_is_left_as_written() {
        let document = json!({"properties": {
            "dog": {"type": "object", "allOf": [{"properties": {"a": {"type": "string"}}}]},
            "copy": {"$ref": "#/properties/dog/allOf/0/properties/a"}
        }});
        assert_eq!(merge(document.clone()), document);
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
