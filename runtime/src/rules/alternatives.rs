//! `oneOf` and `anyOf`: how a value that matches none of the alternatives
//! is reported, by one rule in every engine.
//!
//! "Matches none of the alternatives" alone tells a user nothing. Every
//! engine reports instead what selects an alternative ([`Selector`], read
//! from the schema by [`selector_of`], so the typed engine, which knows it
//! from the generator, and the schema engine, which reads the schema, agree):
//!
//! - alternatives told apart by a **tag** (a member each requires and fixes
//!   to its own value, such as `type`): the violations of the alternative
//!   the tag selects;
//! - alternatives told apart by **which member is present** (each requires
//!   a member of its own, as Meta's message requires `text`, `attachment`
//!   or `attachments`): "one of `text`, `attachment`, `attachments` is
//!   required" when none is; "only one of … may be given" when several are
//!   and the alternatives are closed objects that cannot hold each other's;
//!   else the violations of the alternative whose member is present;
//! - otherwise the violations of the alternative with the fewest, the
//!   earlier on a tie.
//!
//! An alternative the value selects (by tag or member) is reported by its
//! violations alone; one chosen as the closest is named by one more line
//! at the value ([`none_matched`]).

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

/// The value `branch` fixes member `name` to (its `const`, or an `enum` of
/// one), read as [`tag_of`] reads it, through `$ref` and `allOf`.
#[must_use]
pub fn fixed_value<'v>(branch: &'v Value, name: &str, root: &'v Value) -> Option<&'v Value> {
    let mut pins = Pins::default();
    pins.collect(branch, root, 0);
    pins.value_of(name)
}

/// What one branch requires and which values it fixes members to.
#[derive(Default)]
struct Pins<'s> {
    required: Vec<&'s str>,
    fixed: Vec<(&'s str, &'s Value)>,
    /// Members `properties` names.
    declared: Vec<&'s str>,
    /// `additionalProperties: false` (here or in what it refers to).
    closed: bool,
    /// `patternProperties`, which may admit members `properties` does not name.
    patterned: bool,
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
        self.closed |= object.get("additionalProperties") == Some(&Value::Bool(false));
        self.patterned |= object.contains_key("patternProperties");
        for (name, member) in object
            .get("properties")
            .and_then(Value::as_object)
            .into_iter()
            .flatten()
        {
            self.declared.push(name);
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

/// What tells alternatives apart, read from the schema ([`selector_of`]).
/// `S` is `String` when read, `&'static str` in generated code.
#[derive(Debug, PartialEq, Eq)]
pub enum Selector<'a, S> {
    /// A member every alternative requires and fixes to its own value.
    Tag(&'a str),
    /// Each alternative requires a member of its own (`members[i]` for
    /// alternative `i`). `exclusive`: every alternative is a closed object
    /// that declares no other's member, so two of them present match none.
    Members { members: &'a [S], exclusive: bool },
}

// Copied whatever `S` is: it holds only references.
impl<S> Clone for Selector<'_, S> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<S> Copy for Selector<'_, S> {}

/// A [`Selector`] as read from a schema.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SelectorSpec {
    Tag(String),
    Members {
        members: Vec<String>,
        exclusive: bool,
    },
}

impl SelectorSpec {
    #[must_use]
    pub fn as_selector(&self) -> Selector<'_, String> {
        match self {
            SelectorSpec::Tag(tag) => Selector::Tag(tag),
            SelectorSpec::Members { members, exclusive } => Selector::Members {
                members,
                exclusive: *exclusive,
            },
        }
    }
}

/// What tells `branches` apart: a tag ([`tag_of`]), else a member of each
/// alternative's own ([`own_members`]).
#[must_use]
pub fn selector_of(branches: &[Value], root: &Value) -> Option<SelectorSpec> {
    if let Some(tag) = tag_of(branches, root) {
        return Some(SelectorSpec::Tag(tag));
    }
    own_members(branches, root)
        .map(|(members, exclusive)| SelectorSpec::Members { members, exclusive })
}

/// One member per branch that the branch requires and no other branch
/// requires, the members all different (`text`, `attachment`,
/// `attachments`); and whether every branch is a closed object
/// (`additionalProperties: false`) that declares none of the others'.
#[must_use]
pub fn own_members(branches: &[Value], root: &Value) -> Option<(Vec<String>, bool)> {
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
    let mut members = Vec::with_capacity(pinned.len());
    for (i, pins) in pinned.iter().enumerate() {
        let own = pins.required.iter().find(|name| {
            pinned
                .iter()
                .enumerate()
                .all(|(j, other)| j == i || !other.required.contains(name))
        })?;
        members.push((*own).to_string());
    }
    let exclusive = pinned.iter().enumerate().all(|(i, pins)| {
        pins.closed
            && !pins.patterned
            && members
                .iter()
                .enumerate()
                .all(|(j, m)| j == i || !pins.declared.contains(&m.as_str()))
    });
    Some((members, exclusive))
}

/// What is reported when no alternative matched `value`, given each
/// alternative's violations (`found`, each sorted and without repeats).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NoMatch {
    /// None of the alternatives' own members is present. (Not `Missing`:
    /// rustc names the builders' `Missing` marker by its short name in
    /// errors only while that name is unique.)
    NonePresent(Vec<String>),
    /// Several are, and no alternative can hold two.
    Several(Vec<String>),
    /// The value selects this alternative (by its tag or its member): its
    /// violations are what is wrong.
    Selected(usize),
    /// Nothing selects one: this alternative's violations, and a line
    /// naming it.
    Closest(usize),
}

/// Decides what to report for a value (at pointer `at`) that matched none
/// of the alternatives whose violations are `found`; `has_member` says
/// which members it has, when it is an object ([`report_on`] looks them up in a value).
#[must_use]
pub fn no_match<S: AsRef<str>>(
    selector: Option<Selector<'_, S>>,
    has_member: Option<&dyn Fn(&str) -> bool>,
    at: &str,
    found: &[Vec<Violation>],
) -> NoMatch {
    match (selector, has_member) {
        // Members select among objects; anything else is a matter of type.
        (Some(Selector::Members { members, exclusive }), Some(has_member)) => {
            let present: Vec<usize> = (0..members.len())
                .filter(|i| has_member(members[*i].as_ref()))
                .collect();
            let names = |indices: &[usize]| -> Vec<String> {
                indices
                    .iter()
                    .map(|i| members[*i].as_ref().to_string())
                    .collect()
            };
            match present.as_slice() {
                [] => NoMatch::NonePresent(names(&(0..members.len()).collect::<Vec<_>>())),
                [one] => NoMatch::Selected(*one),
                several if exclusive => NoMatch::Several(names(several)),
                several => NoMatch::Closest(fewest(found, |i| several.contains(&i))),
            }
        }
        (Some(Selector::Tag(tag)), _) => {
            let tag_at = format!("{at}{}", crate::pointer::child("", tag));
            let at_tag = |violations: &Vec<Violation>| {
                violations
                    .iter()
                    .any(|v| v.pointer == tag_at || v.pointer.starts_with(&format!("{tag_at}/")))
            };
            let matching: Vec<usize> = (0..found.len()).filter(|i| !at_tag(&found[*i])).collect();
            match matching.as_slice() {
                [one] => NoMatch::Selected(*one),
                [] => NoMatch::Closest(fewest(found, |_| true)),
                several => NoMatch::Closest(fewest(found, |i| several.contains(&i))),
            }
        }
        _ => NoMatch::Closest(fewest(found, |_| true)),
    }
}

/// [`report`] for a value at hand (the schema engine's, a checked JSON
/// value's), whose members are looked up in it.
#[must_use]
pub fn report_on<S: AsRef<str>>(
    rule: &str,
    selector: Option<Selector<'_, S>>,
    value: &Value,
    at: &str,
    found: Vec<Vec<Violation>>,
) -> Vec<Violation> {
    let has = |member: &str| value.get(member).is_some();
    let has_member = value.is_object().then_some(&has as &dyn Fn(&str) -> bool);
    report(rule, selector, has_member, at, found)
}

/// Among the alternatives `keep` keeps, the one with the fewest
/// violations, the earlier on a tie.
fn fewest(found: &[Vec<Violation>], keep: impl Fn(usize) -> bool) -> usize {
    found
        .iter()
        .enumerate()
        .filter(|(i, _)| keep(*i))
        .min_by_key(|(i, b)| (b.len(), *i))
        .map_or(0, |(i, _)| i)
}

/// The violations reported for a value at `at` that matched none of the
/// `found.len()` alternatives of `rule` (`oneOf`/`anyOf`).
#[must_use]
pub fn report<S: AsRef<str>>(
    rule: &str,
    selector: Option<Selector<'_, S>>,
    has_member: Option<&dyn Fn(&str) -> bool>,
    at: &str,
    found: Vec<Vec<Violation>>,
) -> Vec<Violation> {
    let count = found.len();
    match no_match(selector, has_member, at, &found) {
        NoMatch::NonePresent(members) => {
            vec![Violation::new(at, rule, crate::describe::none_of(&members))]
        }
        NoMatch::Several(members) => vec![Violation::new(at, rule, only_one_of(&members))],
        NoMatch::Selected(index) => found.into_iter().nth(index).unwrap_or_default(),
        NoMatch::Closest(index) => {
            let mut out = found.into_iter().nth(index).unwrap_or_default();
            out.push(Violation::new(at, rule, none_matched(count, index)));
            out
        }
    }
}

/// `only one of `text`, `attachment` may be given`.
#[must_use]
pub fn only_one_of(members: &[String]) -> String {
    let names: Vec<String> = members.iter().map(|m| format!("`{m}`")).collect();
    format!("only one of {} may be given", names.join(", "))
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
        let found = vec![
            vec![v("/type")],
            vec![v("/a"), v("/b")],
            vec![v("/type"), v("/c")],
        ];
        let tag: Option<Selector<'_, &str>> = Some(Selector::Tag("type"));
        // The tag's alternative wins even with more violations.
        assert_eq!(no_match(tag, None, "", &found), NoMatch::Selected(1));
        // Without a selector: the fewest, the earlier on a tie.
        assert_eq!(
            no_match::<&str>(None, None, "", &found),
            NoMatch::Closest(0)
        );
        // Every alternative breaks the tag: the fewest again.
        let all_tagged = vec![vec![v("/type"), v("/a")], vec![v("/type")]];
        assert_eq!(no_match(tag, None, "", &all_tagged), NoMatch::Closest(1));
        assert_eq!(
            none_matched(3, 1),
            "matches none of the 3 alternatives; closest: alternative 2"
        );
    }

    #[test]
    fn alternatives_told_apart_by_a_member_of_their_own() {
        let branches = json!([
            {"type": "object", "additionalProperties": false, "required": ["text"],
             "properties": {"text": {}, "quick_replies": {}}},
            {"type": "object", "additionalProperties": false, "required": ["attachment"],
             "properties": {"attachment": {}, "quick_replies": {}}}
        ]);
        let branches = branches.as_array().map(Vec::as_slice).unwrap_or_default();
        let spec = selector_of(branches, &json!({}));
        assert_eq!(
            spec,
            Some(SelectorSpec::Members {
                members: vec!["text".into(), "attachment".into()],
                exclusive: true
            })
        );
        let selector = spec.as_ref().map(SelectorSpec::as_selector);
        let found = vec![vec![Violation::new("/x", "r", "m")], Vec::new()];
        let report_for =
            |value: Value| report_on("oneOf", selector, &value, "/message", found.clone());
        assert_eq!(
            report_for(json!({"quick_replies": []}))[0].message,
            "one of `text`, `attachment` is required"
        );
        assert_eq!(
            report_for(json!({"text": "a", "attachment": {}}))[0].message,
            "only one of `text`, `attachment` may be given"
        );
        // One present: its alternative's violations, which say it all.
        let one = report_for(json!({"text": 1}));
        assert_eq!(one, [Violation::new("/x", "r", "m")]);
        // A closed branch with pattern members may hold another's member.
        let patterned = json!([
            {"type": "object", "additionalProperties": false, "required": ["text"],
             "properties": {"text": {}}, "patternProperties": {"^x-": {}}},
            {"type": "object", "additionalProperties": false, "required": ["x-extra"],
             "properties": {"x-extra": {}}}
        ]);
        let patterned = patterned.as_array().map(Vec::as_slice).unwrap_or_default();
        assert!(matches!(
            selector_of(patterned, &json!({})),
            Some(SelectorSpec::Members {
                exclusive: false,
                ..
            })
        ));
        // Required-only branches: members of their own, not exclusive.
        let required = json!([{"required": ["a"]}, {"required": ["b"]}]);
        let required = required.as_array().map(Vec::as_slice).unwrap_or_default();
        assert_eq!(
            selector_of(required, &json!({})),
            Some(SelectorSpec::Members {
                members: vec!["a".into(), "b".into()],
                exclusive: false
            })
        );
    }
}
