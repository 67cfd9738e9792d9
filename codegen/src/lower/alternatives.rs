//! `oneOf` and `anyOf` as Rust enums: one variant per alternative, each the
//! alternative's own type, so that a value holding two alternatives at once
//! cannot be written. The parser matches a value to its alternative with
//! JSON Schema's meaning (exactly one for `oneOf`, at least one for
//! `anyOf`); when a member tells the alternatives apart (a tag: required,
//! and fixed to a different value in each), the tag selects the one parsed.

use serde_json::{Map, Value};

use super::{child, doc_of, is_annotation, Lowerer};
use crate::ir::{Alternative, AlternativesDef, FieldType, TypeKind};
use crate::names::upper_camel;

/// Keywords an alternatives schema may carry beside `oneOf`/`anyOf`
/// (besides annotations): `type`, when every alternative is of it, and
/// OpenAPI's `discriminator`, which names the tag the alternatives fix.
const BESIDE: &[&str] = &["type", "discriminator", "$defs", "definitions"];

/// `oneOf` or `anyOf`, when `object` is only alternatives (and, at the
/// root, what only the root carries: `$schema`, `endpoint`, `sources`, …).
pub(super) fn keyword_of(object: &Map<String, Value>, is_root: bool) -> Option<&'static str> {
    let keyword = match (object.contains_key("oneOf"), object.contains_key("anyOf")) {
        (true, false) => "oneOf",
        (false, true) => "anyOf",
        _ => return None,
    };
    let only = object.keys().all(|k| {
        k == keyword
            || BESIDE.contains(&k.as_str())
            || is_annotation(k)
            || (is_root && super::ROOT_ONLY.contains(&k.as_str()))
    });
    // `anyOf` of `required` branches is an object rule of the schema around.
    let members_only = object
        .get(keyword)
        .and_then(crate::vocabulary::required_alternatives)
        .is_some();
    (only && !members_only).then_some(keyword)
}

impl<'a> Lowerer<'a> {
    /// The enum of the alternatives of `object[keyword]`.
    pub(super) fn alternatives(
        &mut self,
        pointer: &str,
        object: &'a Map<String, Value>,
        keyword: &'static str,
        names: (&str, &str),
    ) -> Option<FieldType> {
        let at = child(pointer, keyword);
        let Some(branches) = object.get(keyword).and_then(Value::as_array) else {
            self.error(&at, format!("`{keyword}` must be a list of schemas"));
            return None;
        };
        if branches.is_empty() {
            self.error(&at, format!("`{keyword}` must list at least one schema"));
            return None;
        }
        // `null` beside the alternatives (`["object", "null"]`, OpenAPI 3.0's
        // `nullable`) still has to match one of them, and a list of types
        // must hold for each: both are checked as one JSON value.
        if super::is_nullable(object) || object.get("type").is_some_and(|t| !t.is_string()) {
            self.error(
                pointer,
                format!("`type` beside `{keyword}` is not one type; the alternatives are checked as one JSON value"),
            );
            return None;
        }
        let root: &'a Value = self.root;
        let selector = dmforge_runtime::rules::alternatives::selector_of(branches, root);
        let tag = match &selector {
            Some(crate::ir::SelectorSpec::Tag(tag)) => Some(tag.clone()),
            _ => None,
        };
        let owner = names.0.to_string();
        let name = self.unique_name(names.0, names.1);
        let id = self.reserve(name, doc_of(object, pointer));
        let mut variants: Vec<Alternative> = Vec::new();
        for (index, branch) in branches.iter().enumerate() {
            let branch_at = child(&at, &index.to_string());
            let title = branch.get("title").and_then(Value::as_str);
            let tag_value = tag
                .as_deref()
                .and_then(|t| dmforge_runtime::rules::alternatives::fixed_value(branch, t, root))
                .cloned();
            let own_member = match &selector {
                Some(crate::ir::SelectorSpec::Members { members, .. }) => {
                    members.get(index).map(|m| upper_camel(m))
                }
                _ => None,
            };
            // Named from its title, else what selects it (its tag's value or
            // its own member: `MessageText`), else its JSON type.
            let label = title
                .map(upper_camel)
                .or_else(|| tag_value.as_ref().and_then(Value::as_str).map(upper_camel))
                .or_else(|| own_member.clone())
                .or_else(|| branch.get("type").and_then(Value::as_str).map(upper_camel))
                .filter(|l| !l.is_empty());
            let preferred = match &label {
                Some(label) if title.is_some() => label.clone(),
                Some(label) => format!("{owner}{label}"),
                None => format!("{owner}Alternative{}", index + 1),
            };
            let fallback = format!(
                "{owner}{}",
                label
                    .clone()
                    .unwrap_or_else(|| format!("Alternative{}", index + 1))
            );
            let ty = self.type_of(&branch_at, branch, (&preferred, &fallback))?;
            if matches!(ty, FieldType::Any(_)) {
                self.error(
                    &branch_at,
                    "this alternative has no Rust type of its own, so the alternatives are checked as one JSON value",
                );
                return None;
            }
            if let Some(Value::String(outer)) = object.get("type") {
                if self.json_type_of(&ty) != Some(outer.as_str())
                    && !(outer == "number" && self.json_type_of(&ty) == Some("integer"))
                {
                    self.error(
                        &child(pointer, "type"),
                        format!("`type: {outer}` beside `{keyword}` holds only if every alternative is of it; the alternatives are checked as one JSON value"),
                    );
                    return None;
                }
            }
            // The variant says what selects it: its tag's value or its own
            // member (`Message::Text`), else what names its type.
            let variant = tag_value
                .as_ref()
                .and_then(Value::as_str)
                .map(upper_camel)
                .or(own_member)
                .or(label)
                .or_else(|| self.type_label(&ty))
                .filter(|l| !l.is_empty())
                .unwrap_or_else(|| format!("Alternative{}", index + 1));
            // `Self` cannot name a variant; a repeated name takes the
            // alternative's number, then more until it is free.
            let mut variant = if variant == "Self" {
                format!("Self{}", index + 1)
            } else {
                variant
            };
            while variants.iter().any(|v| v.name == variant) {
                variant = format!("{variant}{}", index + 1);
            }
            variants.push(Alternative {
                name: variant,
                tag_value,
                ty,
                doc: branch
                    .as_object()
                    .map(|o| doc_of(o, &branch_at))
                    .unwrap_or_default(),
            });
        }
        self.types[id.0].kind = TypeKind::Alternatives(AlternativesDef {
            exclusive: keyword == "oneOf",
            selector,
            variants,
        });
        Some(FieldType::Named(id))
    }

    /// The JSON type every value of `ty` has, when it has one.
    fn json_type_of(&self, ty: &FieldType) -> Option<&'static str> {
        match ty {
            FieldType::String(_) => Some("string"),
            FieldType::Integer(_) => Some("integer"),
            FieldType::Number(_) => Some("number"),
            FieldType::Boolean => Some("boolean"),
            FieldType::Array(_) => Some("array"),
            FieldType::AnyObject => Some("object"),
            FieldType::Named(id) => match &self.types[id.0].kind {
                TypeKind::Struct(_) | TypeKind::Union(_) => Some("object"),
                TypeKind::Enum(_) | TypeKind::Text(_) | TypeKind::DateTime(_) => Some("string"),
                TypeKind::IntegerEnum(_) => Some("integer"),
                TypeKind::Tuple(_) | TypeKind::List(_) => Some("array"),
                TypeKind::Numeric(crate::ir::NumericRules::Integer(_)) => Some("integer"),
                TypeKind::Numeric(crate::ir::NumericRules::Number(_)) => Some("number"),
                _ => None,
            },
            FieldType::Json(_) | FieldType::Any(_) | FieldType::Nullable(_) => None,
        }
    }

    /// A variant name from the alternative's type: its type's name, or the
    /// JSON type of a value (`String`, `Integer`, …).
    fn type_label(&self, ty: &FieldType) -> Option<String> {
        match ty {
            FieldType::Named(id) => Some(self.types[id.0].name.clone()),
            other => self.json_type_of(other).map(upper_camel),
        }
    }
}
