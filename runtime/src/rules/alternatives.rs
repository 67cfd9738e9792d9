//! `oneOf` and `anyOf`: how a value that matches none of the alternatives
//! is reported, by one rule in every engine.
//!
//! "Matches none of the alternatives" alone tells a user nothing. Every
//! engine reports instead the violations of the *closest* alternative, and
//! one line at the value naming it: the alternative the value's tag selects
//! (the member whose `const` tells the alternatives apart, such as `type`),
//! else the one with the fewest violations, the earlier on a tie. The tag
//! is read from the schema by [`tag_of`], so the typed engine (which knows
//! it from the generator) and the schema engine (which reads the schema)
//! choose the same alternative.

use serde_json::Value;

use crate::rules::json_value::json_equal;
use crate::Violation;

/// How deep `$ref`s and `allOf`s are followed when looking for a tag.
const MAX_DEPTH: usize = 16;

/// The member that tells `branches` apart: every branch requires it and
/// fixes it to one value (`const`, or an `enum` of one), the values all
/// different. Read through `$ref`s (pointers into `root`) and `allOf`.
/// `None` with fewer than two branches or no such member.
#[must_use]
pub fn tag_of(branches: &[Value], root: &Value) -> Option<String> {
    if branches.len() < 2 {
        return None;
    }
    let pinned: Vec<Pins<'_>> = branches
        .iter()
        .map(|branch| {
            let mut pins = Pins::default();
            pins.collect(branch, root, 0);
            pins
        })
        .collect();
    let first = pinned.first()?;
    first
        .required
        .iter()
        .filter(|name| pinned.iter().all(|p| p.required.contains(name)))
        .find(|name| {
            let values: Option<Vec<&Value>> = pinned.iter().map(|p| p.value_of(name)).collect();
            values.is_some_and(|values| {
                values
                    .iter()
                    .enumerate()
                    .all(|(i, a)| values[i + 1..].iter().all(|b| !json_equal(a, b)))
            })
        })
        .map(|name| (*name).to_string())
}

/// What one branch requires and which values it fixes members to.
#[derive(Default)]
struct Pins<'s> {
    required: Vec<&'s str>,
    fixed: Vec<(&'s str, &'s Value)>,
}

impl<'s> Pins<'s> {
    fn collect(&mut self, schema: &'s Value, root: &'s Value, depth: usize) {
        if depth > MAX_DEPTH {
            return;
        }
        let Some(object) = schema.as_object() else {
            return;
        };
        if let Some(target) = object
            .get("$ref")
            .and_then(Value::as_str)
            .and_then(|r| r.strip_prefix('#'))
            .and_then(|fragment| root.pointer(&crate::pointer::from_fragment(fragment)))
        {
            self.collect(target, root, depth + 1);
        }
        for name in object
            .get("required")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
        {
            self.required.push(name);
        }
        for (name, member) in object
            .get("properties")
            .and_then(Value::as_object)
            .into_iter()
            .flatten()
        {
            let fixed = member.get("const").or_else(|| match member.get("enum") {
                Some(Value::Array(values)) if values.len() == 1 => values.first(),
                _ => None,
            });
            if let Some(value) = fixed {
                self.fixed.push((name, value));
            }
        }
        for branch in object
            .get("allOf")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            self.collect(branch, root, depth + 1);
        }
    }

    fn value_of(&self, name: &str) -> Option<&'s Value> {
        self.fixed.iter().find(|(n, _)| *n == name).map(|(_, v)| *v)
    }
}

/// The index of the closest of `branches` (each one's violations, sorted
/// and without repeats): among those with no violation at the tag (when
/// `tag_at`, the tag's pointer, is given and any has none), the one with
/// the fewest violations, the earlier on a tie.
#[must_use]
pub fn closest(branches: &[Vec<Violation>], tag_at: Option<&str>) -> usize {
    let at_tag = |violations: &Vec<Violation>| {
        tag_at.is_some_and(|tag| {
            violations
                .iter()
                .any(|v| v.pointer == tag || v.pointer.starts_with(&format!("{tag}/")))
        })
    };
    let tag_matches = branches.iter().any(|b| !at_tag(b));
    branches
        .iter()
        .enumerate()
        .filter(|(_, b)| !tag_matches || !at_tag(b))
        .min_by_key(|(i, b)| (b.len(), *i))
        .map_or(0, |(i, _)| i)
}

/// The line at the value: `matches none of the 3 alternatives; closest:
/// alternative 2` (counted from 1), its violations reported beside it.
#[must_use]
pub fn none_matched(count: usize, closest: usize) -> String {
    format!(
        "matches none of the {count} alternatives; closest: alternative {}",
        closest + 1
    )
}

/// `oneOf` with more than one alternative matching.
pub const SEVERAL_MATCHED: &str = "matches more than one of the alternatives";

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_tag_is_a_required_member_fixed_to_a_different_value_in_each_branch() {
        let root = json!({"$defs": {
            "image": {"required": ["type", "url"], "properties": {"type": {"const": "image"}}}
        }});
        let branches = json!([
            {"required": ["type"], "properties": {"type": {"enum": ["text"]}, "id": {"const": 1}}},
            {"$ref": "#/$defs/image"},
            {"allOf": [{"required": ["type"]}, {"properties": {"type": {"const": "audio"}}}]}
        ]);
        let branches = branches.as_array().map(Vec::as_slice).unwrap_or_default();
        assert_eq!(tag_of(branches, &root), Some("type".to_string()));
        // Two branches fixing the same value tell nothing apart.
        let same = json!([
            {"required": ["type"], "properties": {"type": {"const": "a"}}},
            {"required": ["type"], "properties": {"type": {"const": "a"}}}
        ]);
        assert_eq!(
            tag_of(
                same.as_array().map(Vec::as_slice).unwrap_or_default(),
                &root
            ),
            None
        );
        // Not required in every branch: no tag.
        let optional = json!([
            {"required": ["type"], "properties": {"type": {"const": "a"}}},
            {"properties": {"type": {"const": "b"}}}
        ]);
        assert_eq!(
            tag_of(
                optional.as_array().map(Vec::as_slice).unwrap_or_default(),
                &root
            ),
            None
        );
    }

    #[test]
    fn the_closest_is_the_tags_alternative_else_the_one_with_fewest_violations() {
        let v = |pointer: &str| Violation::new(pointer, "r", "m");
        let branches = vec![
            vec![v("/type")],
            vec![v("/a"), v("/b")],
            vec![v("/type"), v("/c")],
        ];
        // The tag's alternative wins even with more violations.
        assert_eq!(closest(&branches, Some("/type")), 1);
        // Without a tag: the fewest, the earlier on a tie.
        assert_eq!(closest(&branches, None), 0);
        // Every alternative breaks the tag: the fewest again.
        let all_tagged = vec![vec![v("/type"), v("/a")], vec![v("/type")]];
        assert_eq!(closest(&all_tagged, Some("/type")), 1);
        assert_eq!(
            none_matched(3, 1),
            "matches none of the 3 alternatives; closest: alternative 2"
        );
    }
}
