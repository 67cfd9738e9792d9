//! A schema checked over a `serde_json::Value` at run time.
//!
//! Most of a schema becomes Rust types whose parsers check each rule as they
//! read. Some parts have no useful Rust shape: a member without `type` (any
//! JSON value), one of several types, an object with a map of pattern
//! members, alternatives. The generator keeps those as `serde_json::Value`
//! and writes their rules as a [`ValueSchema`], a `static` tree that refers
//! to other statics (so `$ref`s and recursion are plain references), and
//! [`check()`] walks it over the value. Every rule is the one of
//! [`crate::check`], worded as there, so a violation reads the same whether
//! a typed member or a value broke it.

use std::cell::RefCell;
use std::collections::HashMap;

use serde_json::{Map, Value};

use crate::check;
use crate::describe::type_phrase;
use crate::path::Path;
use crate::report::Context;
use crate::rules::alternatives::{self, Selector};
#[cfg(test)]
use crate::rules::integer::IntegerType;
use crate::rules::integer::{as_i128, FormatRange, IntegerLimits};
use crate::rules::json_value::{json_equal, Allowed};
use crate::rules::pattern::Pattern;

/// A set of JSON types, as `type` lists them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Types(u8);

impl Types {
    pub const NULL: Self = Self(1);
    pub const BOOLEAN: Self = Self(1 << 1);
    pub const OBJECT: Self = Self(1 << 2);
    pub const ARRAY: Self = Self(1 << 3);
    pub const NUMBER: Self = Self(1 << 4);
    pub const STRING: Self = Self(1 << 5);
    pub const INTEGER: Self = Self(1 << 6);

    /// Both sets.
    #[must_use]
    pub const fn or(self, other: Self) -> Self {
        Self(self.0 | other.0)
    }

    const fn has(self, other: Self) -> bool {
        self.0 & other.0 != 0
    }

    /// Whether `value` is of one of the types (`1.0` is an integer).
    #[must_use]
    pub fn admits(self, value: &Value) -> bool {
        match value {
            Value::Null => self.has(Self::NULL),
            Value::Bool(_) => self.has(Self::BOOLEAN),
            Value::Object(_) => self.has(Self::OBJECT),
            Value::Array(_) => self.has(Self::ARRAY),
            Value::String(_) => self.has(Self::STRING),
            Value::Number(_) => {
                self.has(Self::NUMBER) || (self.has(Self::INTEGER) && as_i128(value).is_some())
            }
        }
    }

    const NAMES: [(Types, &'static str); 7] = [
        (Types::STRING, "string"),
        (Types::INTEGER, "integer"),
        (Types::NUMBER, "number"),
        (Types::BOOLEAN, "boolean"),
        (Types::OBJECT, "object"),
        (Types::ARRAY, "array"),
        (Types::NULL, "null"),
    ];

    /// The set of these JSON type names; `None` if one is not a type.
    pub fn from_names<'n>(names: impl IntoIterator<Item = &'n str>) -> Option<Self> {
        names.into_iter().try_fold(Self(0), |set, name| {
            Self::NAMES
                .iter()
                .find(|(_, known)| *known == name)
                .map(|(t, _)| set.or(*t))
        })
    }

    /// `a string or null`: the types in one order whatever the schema's
    /// (both engines word a `type` violation so).
    #[must_use]
    pub fn phrase(self) -> String {
        Self::NAMES
            .iter()
            .filter(|(t, _)| self.has(*t))
            .map(|(_, name)| type_phrase(name))
            .collect::<Vec<_>>()
            .join(" or ")
    }
}

/// The rules of one schema, in JSON Schema 2020-12 terms. Every member left
/// at its [`ValueSchema::ANY`] value asserts nothing; generated code writes
/// the members a schema sets and `..ValueSchema::ANY` for the rest.
#[derive(Debug)]
pub struct ValueSchema {
    /// The `false` schema: no value is valid.
    pub nothing: bool,
    /// `type`; `None` when the schema has none.
    pub types: Option<Types>,
    /// `enum` and `const`: the allowed values, and which keyword each is.
    pub values: &'static [(&'static Allowed, &'static str)],
    /// A `$ref` beside the other keywords (2020-12 applies both).
    pub reference: Option<&'static ValueSchema>,

    // Strings.
    pub min_length: Option<u64>,
    pub max_length: Option<u64>,
    pub max_bytes: Option<u64>,
    pub pattern: Option<&'static Pattern>,
    /// A 2020-12 string format, by the name `rules::format` knows.
    pub format: Option<&'static str>,

    // Numbers.
    pub minimum: Option<f64>,
    pub maximum: Option<f64>,
    pub exclusive_minimum: Option<f64>,
    pub exclusive_maximum: Option<f64>,
    pub multiple_of: Option<f64>,
    /// `int32`, `int64`, `float` or `double` on an `integer` or `number`
    /// schema: its range.
    pub numeric_format: Option<FormatRange>,
    /// On an `integer` schema: the Rust integer its values are held in
    /// elsewhere, whose range both engines enforce (`rules::integer`).
    pub integer_limits: Option<IntegerLimits>,

    // Arrays.
    pub prefix_items: &'static [&'static ValueSchema],
    /// `items`: every item after the prefix.
    pub items: Option<&'static ValueSchema>,
    pub min_items: Option<u64>,
    pub max_items: Option<u64>,
    pub unique_items: bool,
    pub contains: Option<&'static ValueSchema>,
    pub min_contains: Option<u64>,
    pub max_contains: Option<u64>,
    /// `unevaluatedItems`: every item no other keyword of this schema, or
    /// of a subschema applied in place that the value passed, evaluated.
    pub unevaluated_items: Option<&'static ValueSchema>,

    // Objects.
    pub properties: &'static [(&'static str, &'static ValueSchema)],
    pub pattern_properties: &'static [(&'static Pattern, &'static ValueSchema)],
    /// Members neither `properties` nor `patternProperties` name.
    pub additional_properties: Option<&'static ValueSchema>,
    pub property_names: Option<&'static ValueSchema>,
    pub required: &'static [&'static str],
    pub min_properties: Option<u64>,
    pub max_properties: Option<u64>,
    pub dependent_required: &'static [(&'static str, &'static [&'static str])],
    pub dependent_schemas: &'static [(&'static str, &'static ValueSchema)],
    /// `unevaluatedProperties`: every member no other keyword of this
    /// schema, or of a subschema applied in place that the value passed,
    /// evaluated.
    pub unevaluated_properties: Option<&'static ValueSchema>,

    // Applicators.
    pub all_of: &'static [&'static ValueSchema],
    pub any_of: &'static [&'static ValueSchema],
    pub one_of: &'static [&'static ValueSchema],
    /// What tells the alternatives apart, when something does
    /// (`rules::alternatives::selector_of`): it decides what a value that
    /// matches none is told.
    pub any_of_selector: Option<Selector<'static, &'static str>>,
    pub one_of_selector: Option<Selector<'static, &'static str>>,
    pub not: Option<&'static ValueSchema>,
    pub if_: Option<&'static ValueSchema>,
    pub then: Option<&'static ValueSchema>,
    pub else_: Option<&'static ValueSchema>,
    /// A `$dynamicRef`: resolved against the resources evaluation went
    /// through to get here, outermost first (the dynamic scope).
    pub dynamic_reference: Option<DynamicReference>,
    /// The `$dynamicAnchor`s of the resource this schema is in, which
    /// evaluating it brings into the dynamic scope.
    pub dynamic_anchors: &'static [(&'static str, &'static ValueSchema)],
}

/// A `$dynamicRef` to `#anchor`: the outermost schema of the dynamic scope
/// that declares `$dynamicAnchor: anchor`; `target` (the one that declares it
/// in the reference's own resource) when none further out does.
#[derive(Debug)]
pub struct DynamicReference {
    pub anchor: &'static str,
    pub target: &'static ValueSchema,
}

/// The dynamic scope: the `$dynamicAnchor`s of each resource evaluation has
/// entered, innermost first.
struct Scope<'s> {
    anchors: &'static [(&'static str, &'static ValueSchema)],
    outer: Option<&'s Scope<'s>>,
}

impl Scope<'_> {
    /// The outermost schema declaring `$dynamicAnchor: name`.
    fn outermost(&self, name: &str) -> Option<&'static ValueSchema> {
        let mut found = None;
        let mut scope = Some(self);
        while let Some(here) = scope {
            if let Some((_, schema)) = here.anchors.iter().find(|(n, _)| *n == name) {
                found = Some(*schema);
            }
            scope = here.outer;
        }
        found
    }
}

impl ValueSchema {
    /// The `true` schema: every value is valid.
    pub const ANY: Self = Self {
        nothing: false,
        types: None,
        values: &[],
        reference: None,
        min_length: None,
        max_length: None,
        max_bytes: None,
        pattern: None,
        format: None,
        minimum: None,
        maximum: None,
        exclusive_minimum: None,
        exclusive_maximum: None,
        multiple_of: None,
        numeric_format: None,
        integer_limits: None,
        prefix_items: &[],
        items: None,
        min_items: None,
        max_items: None,
        unique_items: false,
        contains: None,
        min_contains: None,
        max_contains: None,
        unevaluated_items: None,
        properties: &[],
        pattern_properties: &[],
        additional_properties: None,
        property_names: None,
        required: &[],
        min_properties: None,
        max_properties: None,
        dependent_required: &[],
        dependent_schemas: &[],
        unevaluated_properties: None,
        all_of: &[],
        any_of: &[],
        one_of: &[],
        any_of_selector: None,
        one_of_selector: None,
        not: None,
        if_: None,
        then: None,
        else_: None,
        dynamic_reference: None,
        dynamic_anchors: &[],
    };

    /// The `false` schema.
    pub const NOTHING: Self = Self {
        nothing: true,
        ..Self::ANY
    };
}

/// Whether `value` is valid against `schema`, reporting nothing.
#[must_use]
pub fn is_valid(schema: &ValueSchema, value: &Value, cx: &Context) -> bool {
    let verdicts = Verdicts::default();
    valid_in(schema, value, cx, Walk::new(&verdicts))
}

/// Every violation of `schema` by `value`, reported at `at`.
pub fn check(schema: &ValueSchema, value: &Value, at: &Path<'_>, cx: &mut Context) {
    let verdicts = Verdicts::default();
    check_in(schema, value, at, cx, Walk::new(&verdicts));
}

/// Verdicts already reached in one check, by (schema, value) address: the
/// applicators ask whether a subschema passes, and `unevaluated*` asks again
/// of the same ones, at every level of a recursive schema; answering from
/// here keeps a check polynomial where asking afresh would double per level.
type Verdicts = RefCell<HashMap<(usize, usize), bool>>;

/// What a check carries down: the dynamic scope, and the verdicts so far.
#[derive(Clone, Copy)]
struct Walk<'w> {
    scope: Option<&'w Scope<'w>>,
    verdicts: &'w Verdicts,
}

impl<'w> Walk<'w> {
    fn new(verdicts: &'w Verdicts) -> Self {
        Self {
            scope: None,
            verdicts,
        }
    }

    /// This walk inside `schema`: with its resource's `$dynamicAnchor`s in
    /// scope (kept in `slot`), if it has any.
    fn within(self, schema: &ValueSchema, slot: &'w mut Option<Scope<'w>>) -> Self {
        if schema.dynamic_anchors.is_empty() {
            return self;
        }
        let scope = slot.insert(Scope {
            anchors: schema.dynamic_anchors,
            outer: self.scope,
        });
        Self {
            scope: Some(scope),
            verdicts: self.verdicts,
        }
    }

    /// What a `$dynamicRef` resolves to here: the outermost schema in scope
    /// declaring its anchor, else its first target.
    fn resolve(self, dynamic: &DynamicReference) -> &'static ValueSchema {
        self.scope
            .and_then(|s| s.outermost(dynamic.anchor))
            .unwrap_or(dynamic.target)
    }
}

/// Whether `value` (part of the value being checked, so its address names
/// it for the whole check) passes `schema`. A verdict is remembered only
/// outside any dynamic scope, where it depends on nothing else.
fn valid_in(schema: &ValueSchema, value: &Value, cx: &Context, scope: Walk<'_>) -> bool {
    let key = (
        std::ptr::from_ref(schema) as usize,
        std::ptr::from_ref(value) as usize,
    );
    let remembered = scope.scope.is_none();
    if remembered {
        if let Some(verdict) = scope.verdicts.borrow().get(&key) {
            return *verdict;
        }
    }
    let verdict = valid_fresh(schema, value, cx, scope);
    if remembered {
        scope.verdicts.borrow_mut().insert(key, verdict);
    }
    verdict
}

/// Whether `value` passes `schema`, asked afresh (for a value made for the
/// question, such as a property name, whose address names nothing).
fn valid_fresh(schema: &ValueSchema, value: &Value, cx: &Context, scope: Walk<'_>) -> bool {
    let mut probe = Context::at_time(cx.time());
    check_in(schema, value, &Path::Root, &mut probe, scope);
    probe.is_clean()
}

fn check_in(schema: &ValueSchema, value: &Value, at: &Path<'_>, cx: &mut Context, scope: Walk<'_>) {
    let mut entered = None;
    let scope = scope.within(schema, &mut entered);
    if schema.nothing {
        let name = match at {
            Path::Key(_, name) => name.to_string(),
            Path::Index(_, index) => index.to_string(),
            Path::Root => String::new(),
        };
        cx.fail(
            at,
            crate::describe::FORBIDDEN,
            format!("`{name}` is not allowed here"),
        );
        return;
    }
    if let Some(target) = schema.reference {
        check_in(target, value, at, cx, scope);
    }
    if let Some(dynamic) = &schema.dynamic_reference {
        let target = scope.resolve(dynamic);
        check_in(target, value, at, cx, scope);
    }
    if let Some(types) = schema.types {
        if !types.admits(value) {
            cx.fail(
                at,
                "type",
                crate::describe::type_mismatch(&types.phrase(), kind_of(value)),
            );
        }
    }
    for (allowed, rule) in schema.values {
        check::json_value(cx, at, value, allowed, rule);
    }
    match value {
        Value::String(s) => string(schema, s, at, cx),
        Value::Number(_) => number(schema, value, at, cx),
        Value::Array(items) => array(schema, items, at, cx, scope),
        Value::Object(members) => object(schema, value, members, at, cx, scope),
        Value::Null | Value::Bool(_) => {}
    }
    applicators(schema, value, at, cx, scope);
    if schema.unevaluated_properties.is_some() || schema.unevaluated_items.is_some() {
        unevaluated(schema, value, at, cx, scope);
    }
}

/// `a string`, `null`, …: the kind of a JSON value, as type messages name it.
#[must_use]
pub fn kind_of(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

fn string(schema: &ValueSchema, s: &str, at: &Path<'_>, cx: &mut Context) {
    if let Some(n) = schema.min_length {
        check::min_length(cx, at, s, n);
    }
    if let Some(n) = schema.max_length {
        check::max_length(cx, at, s, n);
    }
    if let Some(n) = schema.max_bytes {
        check::max_bytes(cx, at, s, n);
    }
    if let Some(pattern) = schema.pattern {
        check::pattern(cx, at, s, pattern);
    }
    if let Some(name) = schema.format {
        check::format(cx, at, s, name);
    }
}

fn number(schema: &ValueSchema, value: &Value, at: &Path<'_>, cx: &mut Context) {
    let integer = as_i128(value);
    let Some(x) = value.as_f64() else { return };
    // Integer values against integral bounds are compared exactly; anything
    // else as an `f64`, as the schema engine compares them.
    let exact = |bound: f64| integer.filter(|_| bound.fract() == 0.0 && bound.abs() < 1.7e38);
    if let Some(bound) = schema.minimum {
        match exact(bound) {
            Some(n) => check::minimum_int(cx, at, n, bound as i128),
            None => check::minimum(cx, at, x, bound),
        }
    }
    if let Some(bound) = schema.maximum {
        match exact(bound) {
            Some(n) => check::maximum_int(cx, at, n, bound as i128),
            None => check::maximum(cx, at, x, bound),
        }
    }
    if let Some(bound) = schema.exclusive_minimum {
        match exact(bound) {
            Some(n) => check::exclusive_minimum_int(cx, at, n, bound as i128),
            None => check::exclusive_minimum(cx, at, x, bound),
        }
    }
    if let Some(bound) = schema.exclusive_maximum {
        match exact(bound) {
            Some(n) => check::exclusive_maximum_int(cx, at, n, bound as i128),
            None => check::exclusive_maximum(cx, at, x, bound),
        }
    }
    if let Some(divisor) = schema.multiple_of {
        // Exactly as an integer only when it was written as one: a float
        // like 1e40 is a multiple of what its decimal value is.
        match integer.filter(|_| value.is_i64() || value.is_u64()) {
            Some(n) => check::multiple_of_int(cx, at, n, divisor),
            None => check::multiple_of(cx, at, x, divisor),
        }
    }
    if let Some(range) = schema.numeric_format {
        if let Some(shown) = range.misfit(value) {
            cx.fail(at, "format", range.format.not_valid(&shown));
        }
    }
    if let Some(limits) = schema.integer_limits {
        if let Some(n) = limits.misfit(value) {
            cx.fail(at, "type", limits.chosen.does_not_fit(n));
        }
    }
}

fn array(schema: &ValueSchema, items: &[Value], at: &Path<'_>, cx: &mut Context, scope: Walk<'_>) {
    if let Some(n) = schema.min_items {
        check::min_items(cx, at, items.len(), n);
    }
    if let Some(n) = schema.max_items {
        check::max_items(cx, at, items.len(), n);
    }
    for (index, item) in items.iter().enumerate() {
        let item_schema = match schema.prefix_items.get(index) {
            Some(prefix) => Some(*prefix),
            None => schema.items,
        };
        if let Some(item_schema) = item_schema {
            check_in(item_schema, item, &at.index(index), cx, scope);
        }
    }
    if schema.unique_items {
        let repeated = (1..items.len()).any(|j| {
            items[..j]
                .iter()
                .any(|earlier| json_equal(earlier, &items[j]))
        });
        if repeated {
            cx.fail(at, "uniqueItems", "items are not unique");
        }
    }
    if let Some(contains) = schema.contains {
        let matching = items
            .iter()
            .filter(|item| valid_in(contains, item, cx, scope))
            .count() as u64;
        let min = schema.min_contains.unwrap_or(1);
        let too_many = schema.max_contains.is_some_and(|max| matching > max);
        if matching < min || too_many {
            let rule = crate::describe::contains_rule(
                schema.min_contains.is_some(),
                schema.max_contains.is_some(),
            );
            cx.fail(
                at,
                rule,
                crate::describe::contains_count(min, schema.max_contains),
            );
        }
    }
}

fn object(
    schema: &ValueSchema,
    value: &Value,
    members: &Map<String, Value>,
    at: &Path<'_>,
    cx: &mut Context,
    scope: Walk<'_>,
) {
    for name in schema.required {
        if !members.contains_key(*name) {
            cx.fail(at, "required", crate::describe::missing(name));
        }
    }
    if let Some(n) = schema.min_properties {
        check::min_properties(cx, at, members.len(), n);
    }
    if let Some(n) = schema.max_properties {
        check::max_properties(cx, at, members.len(), n);
    }
    for (trigger, needed) in schema.dependent_required {
        if members.contains_key(*trigger) {
            for name in *needed {
                if !members.contains_key(*name) {
                    cx.fail(
                        at,
                        "dependentRequired",
                        crate::describe::dependent(trigger, name),
                    );
                }
            }
        }
    }
    for (name, member) in members {
        let at = at.key(name);
        let mut named = false;
        if let Some((_, member_schema)) = schema.properties.iter().find(|(n, _)| n == name) {
            named = true;
            check_in(member_schema, member, &at, cx, scope);
        }
        for (pattern, member_schema) in schema.pattern_properties {
            if pattern.is_match(name) == Some(true) {
                named = true;
                check_in(member_schema, member, &at, cx, scope);
            }
        }
        if let (false, Some(additional)) = (named, schema.additional_properties) {
            if additional.nothing {
                cx.fail(
                    &at,
                    "additionalProperties",
                    format!("property `{name}` is not defined by the schema"),
                );
            } else {
                check_in(additional, member, &at, cx, scope);
            }
        }
    }
    if let Some(names) = schema.property_names {
        let bad = members
            .keys()
            .any(|name| !valid_fresh(names, &Value::String(name.clone()), cx, scope));
        if bad {
            cx.fail(
                at,
                "propertyNames",
                "a property name breaks `propertyNames`",
            );
        }
    }
    for (trigger, dependent) in schema.dependent_schemas {
        if members.contains_key(*trigger) {
            check_in(dependent, value, at, cx, scope);
        }
    }
}

fn applicators(
    schema: &ValueSchema,
    value: &Value,
    at: &Path<'_>,
    cx: &mut Context,
    scope: Walk<'_>,
) {
    for branch in schema.all_of {
        check_in(branch, value, at, cx, scope);
    }
    // Worded as the schema engine words it: the members when every branch
    // requires one, else the closest alternative's violations.
    if !schema.any_of.is_empty() && !schema.any_of.iter().any(|b| valid_in(b, value, cx, scope)) {
        none_matched(
            schema.any_of,
            schema.any_of_selector,
            "anyOf",
            (value, at, scope),
            cx,
        );
    }
    if !schema.one_of.is_empty() {
        let matching = schema
            .one_of
            .iter()
            .filter(|b| valid_in(b, value, cx, scope))
            .take(2)
            .count();
        match matching {
            0 => none_matched(
                schema.one_of,
                schema.one_of_selector,
                "oneOf",
                (value, at, scope),
                cx,
            ),
            1 => {}
            _ => cx.fail(at, "oneOf", alternatives::SEVERAL_MATCHED),
        }
    }
    if let Some(not) = schema.not {
        if valid_in(not, value, cx, scope) {
            cx.fail(at, "not", "matches a schema it must not match");
        }
    }
    if let Some(condition) = schema.if_ {
        let branch = if valid_in(condition, value, cx, scope) {
            schema.then
        } else {
            schema.else_
        };
        if let Some(branch) = branch {
            check_in(branch, value, at, cx, scope);
        }
    }
}

/// No alternative of `branches` (`rule`) matched: what the selector says
/// (`rules::alternatives::report`), from each alternative's violations.
fn none_matched(
    branches: &[&ValueSchema],
    selector: Option<Selector<'static, &'static str>>,
    rule: &str,
    (value, at, scope): (&Value, &Path<'_>, Walk<'_>),
    cx: &mut Context,
) {
    let found: Vec<Vec<crate::Violation>> = branches
        .iter()
        .map(|branch| {
            let mut probe = Context::at_time(cx.time());
            check_in(branch, value, at, &mut probe, scope);
            probe.into_violations()
        })
        .collect();
    cx.extend(alternatives::report_on(
        rule,
        selector,
        value,
        &at.pointer(),
        found,
    ));
}

/// `unevaluatedProperties` and `unevaluatedItems`: the members (items) that
/// no keyword evaluated, neither of this schema nor of a subschema applied
/// to the same value that the value passed, must pass the rest schema.
fn unevaluated(
    schema: &ValueSchema,
    value: &Value,
    at: &Path<'_>,
    cx: &mut Context,
    scope: Walk<'_>,
) {
    match (
        value,
        schema.unevaluated_properties,
        schema.unevaluated_items,
    ) {
        (Value::Object(members), Some(rest), _) => {
            let mut evaluated = vec![false; members.len()];
            mark_evaluated(schema, value, &mut evaluated, false, cx, scope);
            for ((name, member), seen) in members.iter().zip(evaluated) {
                if !seen && !valid_in(rest, member, cx, scope) {
                    cx.fail(
                        &at.key(name),
                        "unevaluatedProperties",
                        format!("property `{name}` is not defined by the schema"),
                    );
                }
            }
        }
        (Value::Array(items), _, Some(rest)) => {
            let mut evaluated = vec![false; items.len()];
            mark_evaluated(schema, value, &mut evaluated, false, cx, scope);
            let bad = items
                .iter()
                .zip(evaluated)
                .any(|(item, seen)| !seen && !valid_in(rest, item, cx, scope));
            if bad {
                cx.fail(
                    at,
                    "unevaluatedItems",
                    "has items the schema does not define",
                );
            }
        }
        _ => {}
    }
}

/// Marks the members of an object (or items of an array, by position) that
/// `schema` evaluates: its own `properties`, `patternProperties`,
/// `additionalProperties` (`prefixItems`, `items`, `contains`), its
/// `unevaluated*` when `with_unevaluated` (a subschema's, not the one being
/// decided), and those of every subschema applied to the same value that
/// the value passes (`$ref`, `allOf`, `anyOf`, `oneOf`, `if`/`then`/`else`,
/// `dependentSchemas`; never `not`).
fn mark_evaluated(
    schema: &ValueSchema,
    value: &Value,
    evaluated: &mut [bool],
    with_unevaluated: bool,
    cx: &Context,
    scope: Walk<'_>,
) {
    if schema.nothing {
        return;
    }
    let mut entered = None;
    let scope = scope.within(schema, &mut entered);
    match value {
        Value::Object(members) => {
            let everything = schema.additional_properties.is_some()
                || (with_unevaluated && schema.unevaluated_properties.is_some());
            for (name, seen) in members.keys().zip(evaluated.iter_mut()) {
                *seen = *seen
                    || everything
                    || schema.properties.iter().any(|(n, _)| n == name)
                    || schema
                        .pattern_properties
                        .iter()
                        .any(|(pattern, _)| pattern.is_match(name) == Some(true));
            }
        }
        Value::Array(items) => {
            let everything = with_unevaluated && schema.unevaluated_items.is_some();
            for (index, (item, seen)) in items.iter().zip(evaluated.iter_mut()).enumerate() {
                *seen = *seen
                    || everything
                    || index < schema.prefix_items.len()
                    || schema.items.is_some()
                    || schema
                        .contains
                        .is_some_and(|c| valid_in(c, item, cx, scope));
            }
        }
        _ => return,
    }
    let in_place = |sub: &ValueSchema, evaluated: &mut [bool]| {
        if valid_in(sub, value, cx, scope) {
            mark_evaluated(sub, value, evaluated, true, cx, scope);
        }
    };
    if let Some(target) = schema.reference {
        in_place(target, evaluated);
    }
    if let Some(dynamic) = &schema.dynamic_reference {
        let target = scope.resolve(dynamic);
        in_place(target, evaluated);
    }
    // Each branch that passes counts (as the schema engine counts them),
    // except that a `oneOf` counts only when exactly one passes: two that
    // pass fail it, and a failed `oneOf` keeps nothing.
    for branch in schema.all_of.iter().chain(schema.any_of) {
        in_place(branch, evaluated);
    }
    let mut passing = schema
        .one_of
        .iter()
        .filter(|b| valid_in(b, value, cx, scope));
    if let (Some(only), None) = (passing.next(), passing.next()) {
        mark_evaluated(only, value, evaluated, true, cx, scope);
    }
    if let Some(condition) = schema.if_ {
        if valid_in(condition, value, cx, scope) {
            mark_evaluated(condition, value, evaluated, true, cx, scope);
            if let Some(then) = schema.then {
                in_place(then, evaluated);
            }
        } else if let Some(else_) = schema.else_ {
            in_place(else_, evaluated);
        }
    }
    if let Value::Object(members) = value {
        for (trigger, dependent) in schema.dependent_schemas {
            if members.contains_key(*trigger) {
                in_place(dependent, evaluated);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn found(schema: &ValueSchema, value: &Value) -> Vec<(String, String)> {
        let mut cx = Context::now();
        check(schema, value, &Path::Root, &mut cx);
        cx.into_violations()
            .into_iter()
            .map(|v| (v.pointer, v.rule))
            .collect()
    }

    fn rules(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(p, r)| (p.to_string(), r.to_string()))
            .collect()
    }

    static STRING: ValueSchema = ValueSchema {
        types: Some(Types::STRING),
        max_length: Some(3),
        ..ValueSchema::ANY
    };
    static INTEGER: ValueSchema = ValueSchema {
        types: Some(Types::INTEGER),
        ..ValueSchema::ANY
    };

    #[test]
    fn types_and_rules_of_other_types() {
        static SCHEMA: ValueSchema = ValueSchema {
            types: Some(Types::STRING.or(Types::NULL)),
            max_length: Some(2),
            minimum: Some(5.0),
            ..ValueSchema::ANY
        };
        assert!(found(&SCHEMA, &json!(null)).is_empty());
        assert!(found(&SCHEMA, &json!("ab")).is_empty());
        assert_eq!(found(&SCHEMA, &json!("abc")), rules(&[("", "maxLength")]));
        assert_eq!(
            found(&SCHEMA, &json!(1)),
            rules(&[("", "minimum"), ("", "type")])
        );
        // `1.0` is an integer.
        assert!(found(&INTEGER, &json!(1.0)).is_empty());
        assert_eq!(found(&INTEGER, &json!(1.5)), rules(&[("", "type")]));
        assert_eq!(
            Types::from_names(["null", "integer"]).map(Types::phrase),
            Some("an integer or null".to_string())
        );
        assert_eq!(Types::from_names(["text"]), None);
    }

    #[test]
    fn objects_with_pattern_and_additional_members() {
        static NOTHING: ValueSchema = ValueSchema::NOTHING;
        static NAMES: ValueSchema = ValueSchema {
            max_length: Some(4),
            ..ValueSchema::ANY
        };
        static SCHEMA: ValueSchema = ValueSchema {
            properties: &[("id", &INTEGER)],
            pattern_properties: &[(
                {
                    static P: Pattern = Pattern::new("^s_");
                    &P
                },
                &STRING,
            )],
            additional_properties: Some(&NOTHING),
            property_names: Some(&NAMES),
            required: &["id"],
            dependent_required: &[("s_a", &["s_b"])],
            ..ValueSchema::ANY
        };
        assert!(found(&SCHEMA, &json!({"id": 1, "s_a": "x", "s_b": "y"})).is_empty());
        assert_eq!(
            found(&SCHEMA, &json!({"s_a": "long", "other": 1})),
            rules(&[
                ("", "dependentRequired"),
                ("", "propertyNames"),
                ("", "required"),
                ("/other", "additionalProperties"),
                ("/s_a", "maxLength"),
            ])
        );
    }

    #[test]
    fn arrays_with_prefixes_contains_and_unique_items() {
        static SCHEMA: ValueSchema = ValueSchema {
            prefix_items: &[&INTEGER],
            items: Some(&STRING),
            contains: Some(&INTEGER),
            max_contains: Some(1),
            unique_items: true,
            ..ValueSchema::ANY
        };
        assert!(found(&SCHEMA, &json!([1, "a", "b"])).is_empty());
        assert_eq!(
            found(&SCHEMA, &json!(["a", 2, "a"])),
            rules(&[("", "uniqueItems"), ("/0", "type"), ("/1", "type")])
        );
        // Unique by JSON equality: 1 and 1.0 are the same value.
        assert_eq!(
            found(&SCHEMA, &json!([1, 1.0])),
            rules(&[("", "maxContains"), ("", "uniqueItems"), ("/1", "type")])
        );
        assert_eq!(
            found(&SCHEMA, &json!(["a"])),
            rules(&[("", "maxContains"), ("/0", "type")])
        );
    }

    #[test]
    fn applicators_and_recursion() {
        static ONE_OF: ValueSchema = ValueSchema {
            one_of: &[&STRING, &NAMED],
            ..ValueSchema::ANY
        };
        static NAMED: ValueSchema = ValueSchema {
            types: Some(Types::STRING),
            min_length: Some(2),
            ..ValueSchema::ANY
        };
        assert!(found(&ONE_OF, &json!("a")).is_empty());
        assert!(found(&ONE_OF, &json!("abcd")).is_empty());
        assert_eq!(found(&ONE_OF, &json!("ab")), rules(&[("", "oneOf")]));
        // None matches: the closest alternative's violations, and a line naming it.
        assert_eq!(
            found(&ONE_OF, &json!(1)),
            rules(&[("", "oneOf"), ("", "type")])
        );
        let mut cx = Context::now();
        check(&ONE_OF, &json!(1), &Path::Root, &mut cx);
        let messages: Vec<String> = cx
            .into_violations()
            .into_iter()
            .map(|v| v.message)
            .collect();
        assert_eq!(
            messages,
            [
                "matches none of the 2 alternatives; closest: alternative 1",
                "expected a string, found a number"
            ]
        );

        static NOT: ValueSchema = ValueSchema {
            not: Some(&INTEGER),
            ..ValueSchema::ANY
        };
        assert_eq!(found(&NOT, &json!(3)), rules(&[("", "not")]));
        static IF: ValueSchema = ValueSchema {
            if_: Some(&INTEGER),
            then: Some(&NOT),
            else_: Some(&STRING),
            ..ValueSchema::ANY
        };
        assert_eq!(found(&IF, &json!(3)), rules(&[("", "not")]));
        assert_eq!(found(&IF, &json!("long")), rules(&[("", "maxLength")]));

        // A tree: each node's children are trees.
        static TREE: ValueSchema = ValueSchema {
            types: Some(Types::OBJECT),
            properties: &[("value", &INTEGER), ("children", &CHILDREN)],
            ..ValueSchema::ANY
        };
        static CHILDREN: ValueSchema = ValueSchema {
            items: Some(&TREE),
            ..ValueSchema::ANY
        };
        assert_eq!(
            found(
                &TREE,
                &json!({"value": 1, "children": [{"value": 2}, {"value": "x", "children": [3]}]})
            ),
            rules(&[
                ("/children/1/children/0", "type"),
                ("/children/1/value", "type")
            ])
        );
    }

    #[test]
    fn unevaluated_members_and_items_see_through_passing_subschemas() {
        static NOTHING: ValueSchema = ValueSchema::NOTHING;
        static HAS_A: ValueSchema = ValueSchema {
            properties: &[("a", &INTEGER)],
            required: &["a"],
            ..ValueSchema::ANY
        };
        static HAS_B: ValueSchema = ValueSchema {
            properties: &[("b", &INTEGER)],
            required: &["b"],
            ..ValueSchema::ANY
        };
        static OBJECT: ValueSchema = ValueSchema {
            properties: &[("id", &INTEGER)],
            any_of: &[&HAS_A, &HAS_B],
            not: Some(&HAS_B_STRING),
            unevaluated_properties: Some(&NOTHING),
            ..ValueSchema::ANY
        };
        // `not` evaluates nothing, whatever it names.
        static HAS_B_STRING: ValueSchema = ValueSchema {
            properties: &[("c", &STRING)],
            required: &["c"],
            ..ValueSchema::ANY
        };
        assert!(found(&OBJECT, &json!({"id": 1, "a": 1, "b": 2})).is_empty());
        // `b` is named only by a branch that failed (it is not an integer).
        assert_eq!(
            found(&OBJECT, &json!({"a": 1, "b": "x"})),
            rules(&[("/b", "unevaluatedProperties")])
        );
        assert_eq!(
            found(&OBJECT, &json!({"a": 1, "c": "x"})),
            rules(&[("", "not"), ("/c", "unevaluatedProperties")])
        );

        static TAIL: ValueSchema = ValueSchema {
            prefix_items: &[&INTEGER],
            ..ValueSchema::ANY
        };
        static ARRAY: ValueSchema = ValueSchema {
            all_of: &[&TAIL],
            contains: Some(&STRING),
            unevaluated_items: Some(&INTEGER),
            ..ValueSchema::ANY
        };
        // Item 0 by the prefix, strings by `contains`, the rest must be integers.
        assert!(found(&ARRAY, &json!([1, "a", 2, "b"])).is_empty());
        assert_eq!(
            found(&ARRAY, &json!([1, "a", true])),
            rules(&[("", "unevaluatedItems")])
        );
    }

    #[test]
    fn dynamic_references_resolve_to_the_outermost_anchor_in_scope() {
        // A list resource whose items are `$dynamicRef: #item` (anything by
        // default), and a root that re-declares `item` as an integer.
        static DEFAULT_ITEM: ValueSchema = ValueSchema {
            dynamic_anchors: LIST_ANCHORS,
            ..ValueSchema::ANY
        };
        static LIST_ANCHORS: &[(&str, &ValueSchema)] = &[("item", &DEFAULT_ITEM)];
        static LIST_ITEM: ValueSchema = ValueSchema {
            dynamic_reference: Some(DynamicReference {
                anchor: "item",
                target: &DEFAULT_ITEM,
            }),
            dynamic_anchors: LIST_ANCHORS,
            ..ValueSchema::ANY
        };
        static LIST: ValueSchema = ValueSchema {
            items: Some(&LIST_ITEM),
            dynamic_anchors: LIST_ANCHORS,
            ..ValueSchema::ANY
        };
        static ROOT_ANCHORS: &[(&str, &ValueSchema)] = &[("item", &ROOT_ITEM)];
        static ROOT_ITEM: ValueSchema = ValueSchema {
            types: Some(Types::INTEGER),
            dynamic_anchors: ROOT_ANCHORS,
            ..ValueSchema::ANY
        };
        static INTEGERS: ValueSchema = ValueSchema {
            reference: Some(&LIST),
            dynamic_anchors: ROOT_ANCHORS,
            ..ValueSchema::ANY
        };
        // Entered through the list alone, the list's own anchor applies.
        assert!(found(&LIST, &json!(["a", 1])).is_empty());
        // Entered through the root, the root's anchor is further out.
        assert_eq!(found(&INTEGERS, &json!(["a", 1])), rules(&[("/0", "type")]));
    }

    #[test]
    fn recursive_alternatives_and_unevaluated_members_stay_polynomial() {
        // n = anyOf[string, {c: n}]: a failing leaf 60 levels down asks
        // every level's branches twice (to decide, then to report); and
        // t = {$ref: {c: t}, unevaluatedProperties: false} asks again what
        // every level's `$ref` evaluated. Asked afresh each time, both would
        // double per level.
        static NODE: ValueSchema = ValueSchema {
            any_of: &[&STRING, &HAS_C],
            ..ValueSchema::ANY
        };
        static HAS_C: ValueSchema = ValueSchema {
            types: Some(Types::OBJECT),
            properties: &[("c", &NODE)],
            required: &["c"],
            ..ValueSchema::ANY
        };
        static NOTHING: ValueSchema = ValueSchema::NOTHING;
        static TREE: ValueSchema = ValueSchema {
            reference: Some(&TREE_BODY),
            unevaluated_properties: Some(&NOTHING),
            ..ValueSchema::ANY
        };
        static TREE_BODY: ValueSchema = ValueSchema {
            properties: &[("c", &TREE)],
            ..ValueSchema::ANY
        };
        let mut deep = json!(5);
        for _ in 0..60 {
            deep = json!({ "c": deep });
        }
        let found_node = found(&NODE, &deep);
        assert!(found_node.iter().any(|(_, rule)| rule == "anyOf"));
        let mut tree = json!({});
        for _ in 0..60 {
            tree = json!({ "c": tree });
        }
        assert!(found(&TREE, &tree).is_empty());
    }

    #[test]
    fn multiples_of_large_floats_are_decimal() {
        static SCHEMA: ValueSchema = ValueSchema {
            multiple_of: Some(2.0),
            ..ValueSchema::ANY
        };
        assert!(found(&SCHEMA, &json!(1e40)).is_empty());
        assert_eq!(found(&SCHEMA, &json!(3)), rules(&[("", "multipleOf")]));
    }

    #[test]
    fn integers_beyond_the_members_type() {
        static SCHEMA: ValueSchema = ValueSchema {
            types: Some(Types::INTEGER),
            integer_limits: Some(IntegerLimits {
                chosen: IntegerType::I64,
                minimum: None,
                maximum: None,
                format: None,
            }),
            ..ValueSchema::ANY
        };
        assert!(found(&SCHEMA, &json!(9_223_372_036_854_775_807_i64)).is_empty());
        assert_eq!(
            found(&SCHEMA, &json!(9_223_372_036_854_775_808_u64)),
            rules(&[("", "type")])
        );
    }
}
