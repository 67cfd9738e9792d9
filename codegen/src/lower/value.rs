//! Schemas that have no useful Rust shape, lowered to [`ValueNode`]s: the
//! member is kept as a `serde_json::Value` and each rule is checked over it
//! at run time by `dmforge_runtime::value_schema`. This is the fallback for
//! any schema the typed lowering cannot give one precise Rust type (no
//! `type`, several types, pattern members, alternatives); it refuses only
//! what it cannot decide, with the reason.

use serde_json::{Map, Value};

use super::{child, is_annotation, Lowerer, ROOT_ONLY};
use crate::ir::{FieldType, Format, JsonValues, ValueId, ValueNode, ValueRef, ValueRule};
use crate::vocabulary::parse_max_bytes;
use crate::vocabulary::TYPES;
use dmforge_runtime::rules::integer::{FormatRange, IntegerLimits};

impl<'a> Lowerer<'a> {
    /// `schema` as a JSON value checked at run time.
    pub(super) fn value_type(&mut self, pointer: &str, schema: &'a Value) -> Option<FieldType> {
        let id = self.value_node(pointer, schema)?;
        Some(FieldType::Any(ValueRef {
            id,
            name: self.values[id.0].name.clone(),
        }))
    }

    /// The node checking `schema` (at `pointer` in the document), lowered
    /// once per location, so that `$ref`s and recursion share it.
    pub(super) fn value_node(&mut self, pointer: &str, schema: &'a Value) -> Option<ValueId> {
        if let Some(id) = self.value_by_pointer.get(&self.memo_key(pointer)) {
            return Some(*id);
        }
        let id = ValueId(self.values.len());
        let name = self.value_name(pointer);
        self.values.push(ValueNode {
            name: name.clone(),
            pointer: pointer.to_string(),
            ..ValueNode::default()
        });
        self.value_by_pointer.insert(self.memo_key(pointer), id);
        let mut node = match schema {
            Value::Bool(true) => ValueNode::default(),
            Value::Bool(false) => ValueNode {
                nothing: true,
                ..ValueNode::default()
            },
            Value::Object(object) => self.value_rules(pointer, object),
            _ => {
                self.error(pointer, "a schema must be an object or a boolean");
                ValueNode::default()
            }
        };
        node.name = name;
        node.pointer = pointer.to_string();
        self.values[id.0] = node;
        Some(id)
    }

    /// A unique SCREAMING_SNAKE_CASE name for the node at `pointer`, from
    /// the place it describes (`/properties/tags/items` → `TAGS_ITEMS`).
    fn value_name(&mut self, pointer: &str) -> String {
        let tokens: Vec<String> = pointer
            .split('/')
            .skip(1)
            .filter(|t| !matches!(*t, "properties" | "$defs" | "definitions"))
            .map(|t| crate::names::snake(&t.replace("~1", "/").replace("~0", "~")))
            .map(|t| t.trim_start_matches("r#").to_uppercase())
            .filter(|t| !t.is_empty())
            .collect();
        let mut base = if tokens.is_empty() {
            "SCHEMA".to_string()
        } else {
            tokens.join("_")
        };
        if base.starts_with(|c: char| c.is_ascii_digit()) {
            base.insert_str(0, "SCHEMA_");
        }
        let mut name = base.clone();
        let mut n = 2;
        // `ENDPOINT` and `<TYPE>_ENDPOINT` are a request's endpoint consts.
        while self.values.iter().any(|v| v.name == name)
            || name == "ENDPOINT"
            || name.ends_with("_ENDPOINT")
        {
            name = format!("{base}_{n}");
            n += 1;
        }
        name
    }

    fn value_child(&mut self, pointer: &str, keyword: &str, schema: &'a Value) -> Option<ValueId> {
        self.value_node(&child(pointer, keyword), schema)
    }

    /// Subschemas of an object-valued keyword (`properties`, …), by name.
    fn value_members(
        &mut self,
        pointer: &str,
        keyword: &str,
        value: &'a Value,
    ) -> Vec<(String, ValueId)> {
        let at = child(pointer, keyword);
        let Some(members) = value.as_object() else {
            self.error(&at, format!("`{keyword}` must be an object of schemas"));
            return Vec::new();
        };
        members
            .iter()
            .filter_map(|(name, schema)| {
                self.value_node(&child(&at, name), schema)
                    .map(|id| (name.clone(), id))
            })
            .collect()
    }

    /// Subschemas of an array-valued keyword (`allOf`, `prefixItems`, …).
    fn value_list(&mut self, pointer: &str, keyword: &str, value: &'a Value) -> Vec<ValueId> {
        let at = child(pointer, keyword);
        let Some(items) = value.as_array() else {
            self.error(&at, format!("`{keyword}` must be a list of schemas"));
            return Vec::new();
        };
        items
            .iter()
            .enumerate()
            .filter_map(|(i, schema)| self.value_node(&child(&at, &i.to_string()), schema))
            .collect()
    }

    /// What tells `anyOf`/`oneOf` alternatives apart, as every engine
    /// reads it (`rules::alternatives::selector_of`).
    fn alternatives_selector(&self, branches: &Value) -> Option<crate::ir::SelectorSpec> {
        let branches = branches.as_array()?;
        dmforge_runtime::rules::alternatives::selector_of(branches, self.root)
    }

    fn strings(&mut self, pointer: &str, value: &Value) -> Vec<String> {
        match value.as_array().and_then(|items| {
            items
                .iter()
                .map(|item| item.as_str().map(str::to_string))
                .collect::<Option<Vec<_>>>()
        }) {
            Some(names) => names,
            None => {
                self.error(pointer, "expected a list of member names");
                Vec::new()
            }
        }
    }

    fn count(&mut self, pointer: &str, value: &Value) -> Option<u64> {
        // `2.0` is the integer 2, as JSON Schema reads numbers.
        let n = value.as_u64().or_else(|| {
            value
                .as_f64()
                .filter(|x| x.fract() == 0.0 && *x >= 0.0)
                .map(|x| x as u64)
        });
        if n.is_none() {
            self.error(pointer, "expected a non-negative integer");
        }
        n
    }

    /// The rules of one schema object.
    fn value_rules(&mut self, pointer: &str, object: &'a Map<String, Value>) -> ValueNode {
        let mut node = ValueNode::default();
        for (keyword, value) in object {
            let at = child(pointer, keyword);
            match keyword.as_str() {
                "type" => node.types = self.value_types(&at, value),
                "enum" => match value.as_array() {
                    Some(values) => node.values.push(JsonValues {
                        values: values.clone(),
                        rule: ValueRule::Enum,
                    }),
                    None => self.error(&at, "`enum` must be a list of values"),
                },
                "const" => node.values.push(JsonValues {
                    values: vec![value.clone()],
                    rule: ValueRule::Const,
                }),
                "$ref" => node.reference = self.value_reference(&at, value),
                "minLength" => node.min_length = self.count(&at, value),
                "maxLength" => node.max_length = self.count(&at, value),
                "maxBytes" => match parse_max_bytes(value) {
                    Ok(n) => node.max_bytes = Some(n),
                    Err(e) => self.error(&at, e),
                },
                "pattern" => node.pattern = self.value_pattern(&at, value),
                "format" => {
                    node.format = value
                        .as_str()
                        .and_then(Format::parse)
                        .and_then(|f| self.string_format(&at, f));
                    node.numeric_format = FormatRange::of_schema(object);
                }
                "minimum" => node.minimum = value.as_f64(),
                "maximum" => node.maximum = value.as_f64(),
                "exclusiveMinimum" => node.exclusive_minimum = value.as_f64(),
                "exclusiveMaximum" => node.exclusive_maximum = value.as_f64(),
                "multipleOf" => node.multiple_of = value.as_f64(),
                "items" => node.items = self.value_child(pointer, keyword, value),
                "prefixItems" => node.prefix_items = self.value_list(pointer, keyword, value),
                "minItems" => node.min_items = self.count(&at, value),
                "maxItems" => node.max_items = self.count(&at, value),
                "uniqueItems" => node.unique_items = value == &Value::Bool(true),
                "contains" => node.contains = self.value_child(pointer, keyword, value),
                "minContains" => node.min_contains = self.count(&at, value),
                "maxContains" => node.max_contains = self.count(&at, value),
                "properties" => node.properties = self.value_members(pointer, keyword, value),
                "patternProperties" => {
                    node.pattern_properties = self.value_members(pointer, keyword, value);
                    for (source, _) in node.pattern_properties.clone() {
                        self.value_pattern(&child(&at, &source), &Value::String(source.clone()));
                    }
                }
                "additionalProperties" => {
                    node.additional_properties = self.value_child(pointer, keyword, value);
                }
                "propertyNames" => node.property_names = self.value_child(pointer, keyword, value),
                "required" => {
                    node.required = self.strings(&at, value);
                    // Not required the way a `readOnly`/`writeOnly` member is not sent.
                    let properties = object.get("properties");
                    node.required.retain(|name| {
                        !properties
                            .and_then(|p| p.get(name))
                            .is_some_and(|member| self.left_out_this_way(member))
                    });
                }
                "minProperties" => node.min_properties = self.count(&at, value),
                "maxProperties" => node.max_properties = self.count(&at, value),
                "dependentRequired" => {
                    for (trigger, needs) in value.as_object().into_iter().flatten() {
                        let needs = self.strings(&child(&at, trigger), needs);
                        node.dependent_required.push((trigger.clone(), needs));
                    }
                }
                "dependentSchemas" => {
                    node.dependent_schemas = self.value_members(pointer, keyword, value);
                }
                "allOf" => node.all_of = self.value_list(pointer, keyword, value),
                "anyOf" => {
                    node.any_of = self.value_list(pointer, keyword, value);
                    node.any_of_selector = self.alternatives_selector(value);
                }
                "oneOf" => {
                    node.one_of = self.value_list(pointer, keyword, value);
                    node.one_of_selector = self.alternatives_selector(value);
                }
                "not" => node.not = self.value_child(pointer, keyword, value),
                "if" => node.if_ = self.value_child(pointer, keyword, value),
                // Without `if`, `then` and `else` have no effect.
                "then" if object.contains_key("if") => {
                    node.then = self.value_child(pointer, keyword, value);
                }
                "else" if object.contains_key("if") => {
                    node.else_ = self.value_child(pointer, keyword, value);
                }
                "then" | "else" => {}
                // Subschemas reached only through `$ref`, lowered when referred to.
                "$defs" | "definitions" => {}
                "unevaluatedProperties" => {
                    node.unevaluated_properties = self.value_child(pointer, keyword, value);
                }
                "unevaluatedItems" => {
                    node.unevaluated_items = self.value_child(pointer, keyword, value);
                }
                // Bundling left only dynamic ones, as pointers to the
                // schema that declares the anchor.
                "$dynamicRef" => node.dynamic_reference = self.dynamic_reference(&at, value),
                "$recursiveRef" => self.error(
                    &at,
                    "`$recursiveRef` (draft 2019-09) resolves against the schema the evaluation started from, which the generator supports only as 2020-12's `$dynamicRef`; it cannot be enforced, so the schema is refused",
                ),
                "maxDaysAhead" | "base64File" | "timeWindow" => self.error(
                    &at,
                    format!("dmforge's `{keyword}` is supported on a member of its own type only (a string, or an object for `timeWindow`); say `type` so the member has one"),
                ),
                // Identifiers and anchors assert nothing; references to
                // them are refused where they are made.
                "$id" | "$anchor" | "$dynamicAnchor" | "$recursiveAnchor" | "$comment" => {}
                // The content vocabulary only annotates, in 2020-12.
                "contentSchema" => {}
                other if is_annotation(other) => {}
                other if pointer.is_empty() && ROOT_ONLY.contains(&other) => {}
                other => self.error(
                    &at,
                    format!("`{other}` is not supported by the generator; it cannot be enforced, so the schema is refused"),
                ),
            }
        }
        if dmforge_runtime::rules::integer::numeric_type(object) == Some(true) {
            node.integer_limits = Some(IntegerLimits::of_schema(object));
        }
        if super::is_nullable(object) {
            if let Some(types) = &mut node.types {
                types.push("null".to_string());
            }
        }
        node
    }

    fn value_types(&mut self, pointer: &str, value: &Value) -> Option<Vec<String>> {
        let names: Option<Vec<&str>> = match value {
            Value::String(name) => Some(vec![name.as_str()]),
            Value::Array(names) => names.iter().map(Value::as_str).collect(),
            _ => None,
        };
        match names {
            Some(names) if !names.is_empty() && names.iter().all(|n| TYPES.contains(n)) => {
                Some(names.into_iter().map(str::to_string).collect())
            }
            _ => {
                self.error(
                    pointer,
                    format!(
                        "`type` must be one of {} or a non-empty list of them",
                        TYPES.join(", ")
                    ),
                );
                None
            }
        }
    }

    fn value_pattern(&mut self, pointer: &str, value: &Value) -> Option<String> {
        let Some(source) = value.as_str() else {
            self.error(pointer, "a pattern must be a string");
            return None;
        };
        match dmforge_runtime::rules::pattern::compiles(source) {
            Ok(()) => Some(source.to_string()),
            Err(e) => {
                self.error(pointer, crate::vocabulary::pattern_error(&e));
                None
            }
        }
    }

    /// The name a string format is checked under at run time.
    fn string_format(&mut self, pointer: &str, format: Format) -> Option<&'static str> {
        match format {
            Format::Uri => Some("uri"),
            Format::DateTime => Some("date-time"),
            Format::Standard(name) => Some(name),
            Format::InfobipDateTime => {
                self.error(
                    pointer,
                    "`infobip-date-time` is supported on a member of `type: string` only",
                );
                None
            }
        }
    }

    /// A `$ref` inside a checked value: a JSON Pointer into this document.
    fn value_reference(&mut self, pointer: &str, reference: &Value) -> Option<ValueId> {
        let Some(reference) = reference.as_str() else {
            self.error(pointer, "`$ref` must be a string");
            return None;
        };
        let Some(target) = reference.strip_prefix('#') else {
            self.error(
                pointer,
                format!("$ref `{reference}` is not local: only `#/...` references are supported"),
            );
            return None;
        };
        if !target.is_empty() && !target.starts_with('/') {
            self.error(
                pointer,
                format!(
                    "$ref `{reference}` names an anchor: only `#/...` references are supported"
                ),
            );
            return None;
        }
        if self.embeds_resources {
            self.error(
                pointer,
                "this schema embeds resources with their own `$id`, against which references resolve; that is not supported yet, so the schema is refused",
            );
            return None;
        }
        let decoded = dmforge_runtime::pointer::from_fragment(target);
        let root: &'a Value = self.root;
        let Some(schema) = root.pointer(&decoded) else {
            self.error(
                pointer,
                format!("`$ref` `{reference}` points to nothing in this schema"),
            );
            return None;
        };
        self.value_node(&decoded, schema)
    }
}

impl<'a> Lowerer<'a> {
    /// A `$dynamicRef` (bundled: `#` and the pointer of a schema declaring
    /// the `$dynamicAnchor` it names).
    fn dynamic_reference(&mut self, pointer: &str, reference: &Value) -> Option<(String, ValueId)> {
        if !self.dynamic {
            self.error(
                pointer,
                "a `$dynamicRef` is supported in a schema checked as one JSON value (a document's root), not inside an OpenAPI document's types",
            );
            return None;
        }
        let target = reference
            .as_str()
            .and_then(|r| r.strip_prefix('#'))
            .map(dmforge_runtime::pointer::from_fragment);
        let root: &'a Value = self.root;
        let resolved = target.as_deref().and_then(|t| {
            let schema = root.pointer(t)?;
            let anchor = schema.get("$dynamicAnchor")?.as_str()?;
            Some((t.to_string(), schema, anchor.to_string()))
        });
        let Some((target, schema, anchor)) = resolved else {
            self.error(
                pointer,
                "this `$dynamicRef` names no `$dynamicAnchor` that could be found, so it cannot be followed",
            );
            return None;
        };
        let id = self.value_node(&target, schema)?;
        Some((anchor, id))
    }

    /// Gives every node of a document with dynamic references the
    /// `$dynamicAnchor`s of the resource it is in (lowering the anchored
    /// schemas, whose own nodes get theirs in turn).
    pub(super) fn attach_dynamic_scopes(&mut self) {
        if !self.dynamic {
            return;
        }
        let root: &'a Value = self.root;
        let resources = resources_of(root);
        let mut next = 0;
        while next < self.values.len() {
            let pointer = self.values[next].pointer.clone();
            let resource = enclosing(&resources, &pointer).map(|i| &resources[i]);
            let mut anchors = Vec::new();
            for (name, at) in resource
                .map(|(_, anchors)| anchors.as_slice())
                .unwrap_or_default()
            {
                if let Some(id) = root
                    .pointer(at)
                    .and_then(|schema| self.value_node(at, schema))
                {
                    anchors.push((name.clone(), id));
                }
            }
            self.values[next].dynamic_anchors = anchors;
            next += 1;
        }
    }
}

/// The schema resources of a bundled document (the root, and every
/// subschema with an `$id`), by pointer, each with the `$dynamicAnchor`s
/// declared in it (not in a resource inside it): (name, pointer).
fn resources_of(document: &Value) -> Vec<(String, Vec<(String, String)>)> {
    let mut roots = vec![String::new()];
    let mut anchors = Vec::new();
    crate::vocabulary::each_schema(document, &mut |at, object| {
        if !at.is_empty() && object.get("$id").is_some_and(Value::is_string) {
            roots.push(at.to_string());
        }
        if let Some(name) = object.get("$dynamicAnchor").and_then(Value::as_str) {
            anchors.push((name.to_string(), at.to_string()));
        }
    });
    let mut resources: Vec<(String, Vec<(String, String)>)> =
        roots.into_iter().map(|at| (at, Vec::new())).collect();
    for (name, at) in anchors {
        if let Some(index) = enclosing(&resources, &at) {
            resources[index].1.push((name, at));
        }
    }
    resources
}

/// The index of the resource that `pointer` is in: the one whose pointer is
/// the longest prefix of it (the root's, `""`, is one of every pointer).
fn enclosing<T>(resources: &[(String, T)], pointer: &str) -> Option<usize> {
    resources
        .iter()
        .enumerate()
        .filter(|(_, (at, _))| {
            at.is_empty() || pointer == at || pointer.starts_with(&format!("{at}/"))
        })
        .max_by_key(|(_, (at, _))| at.len())
        .map(|(index, _)| index)
}

/// Whether a schema document holds a subschema with its own `$id` (an
/// embedded resource), against which relative references would resolve.
pub(super) fn embeds_resources(document: &Value) -> bool {
    let mut found = false;
    crate::vocabulary::each_schema(document, &mut |at, object| {
        found |= !at.is_empty() && (object.contains_key("$id") || object.contains_key("id"));
    });
    found
}

impl Lowerer<'_> {
    /// Refuses a cycle of subschemas applied to the same value (`{"$ref":
    /// "#"}`, two definitions referring to each other through `allOf`):
    /// checking it would never end. A cycle through `properties`, `items`
    /// and the like is fine (a tree): each step goes one level into the value.
    pub(super) fn refuse_endless_references(&mut self) {
        let anchored = |name: &str| -> Vec<ValueId> {
            let mut ids: Vec<ValueId> = self
                .values
                .iter()
                .flat_map(|v| v.dynamic_anchors.iter())
                .filter(|(n, _)| n == name)
                .map(|(_, id)| *id)
                .collect();
            ids.sort_unstable();
            ids.dedup();
            ids
        };
        let same_value = |node: &ValueNode| -> Vec<ValueId> {
            let mut next: Vec<ValueId> = Vec::new();
            next.extend(node.reference);
            next.extend(&node.all_of);
            next.extend(&node.any_of);
            next.extend(&node.one_of);
            next.extend(node.not);
            next.extend(node.if_);
            next.extend(node.then);
            next.extend(node.else_);
            next.extend(node.dependent_schemas.iter().map(|(_, id)| *id));
            // A dynamic reference may resolve to any schema declaring its
            // anchor.
            if let Some((name, target)) = &node.dynamic_reference {
                next.push(*target);
                next.extend(anchored(name));
            }
            next
        };
        // 0: not seen, 1: on the current path, 2: done.
        let mut state = vec![0u8; self.values.len()];
        let mut refused = Vec::new();
        for start in 0..self.values.len() {
            if state[start] != 0 {
                continue;
            }
            let mut stack: Vec<(usize, Vec<ValueId>)> =
                vec![(start, same_value(&self.values[start]))];
            state[start] = 1;
            while let Some((at, pending)) = stack.last_mut() {
                let at = *at;
                match pending.pop() {
                    Some(next) if state[next.0] == 1 => refused.push(at),
                    Some(next) if state[next.0] == 0 => {
                        state[next.0] = 1;
                        stack.push((next.0, same_value(&self.values[next.0])));
                    }
                    Some(_) => {}
                    None => {
                        state[at] = 2;
                        stack.pop();
                    }
                }
            }
        }
        refused.sort_unstable();
        refused.dedup();
        for at in refused {
            let pointer = self.values[at].pointer.clone();
            self.error(
                &pointer,
                "this schema applies itself to the same value again (through `$ref` or an applicator) without going into a member or item: checking it would never end, so it is refused",
            );
        }
    }
}
