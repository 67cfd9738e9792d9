//! A conformance suite for a schema, derived from its IR and its `examples`
//! (valid payloads): the examples themselves, and for every rule the
//! examples reach, payloads at the limit (valid) and one over (invalid),
//! with multibyte variants where bytes and characters differ, each required
//! member removed, each enum given an unknown value, each closed object
//! given an unknown member, each value given the wrong type. Every invalid
//! case names the (pointer, rule) it must be refused with.
//!
//! Cases are data ([`Case`], serializable); `dmforge check` runs them through
//! both engines. A new provider's schema gets its suite with no test written
//! by hand: add `examples`.

use serde::Serialize;
use serde_json::{json, Value};

use crate::ir::{
    AlternativesDef, Field, FieldType, Module, ObjectRule, Rest, SelectorSpec, StringRules,
    TupleDef, TypeId, TypeKind, ValueId, ValueNode,
};

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Case {
    /// What the case does, e.g. `example 1: /message/text at 1000 UTF-8 bytes`.
    pub name: String,
    pub payload: Value,
    pub valid: bool,
    /// For an invalid case, the (pointer, rule) it must be refused with.
    pub expect: Option<(String, String)>,
}

/// The rules of a module that cases exercise: member rules and object rules.
#[must_use]
pub fn rule_count(module: &Module) -> usize {
    module
        .types
        .iter()
        .map(|t| match &t.kind {
            TypeKind::Struct(s) => {
                s.rules.len()
                    + s.fields
                        .iter()
                        .map(|f| field_rule_count(&f.ty, f.required))
                        .sum::<usize>()
            }
            TypeKind::Union(u) => {
                1 + u.rules.len()
                    + u.common
                        .iter()
                        .map(|f| field_rule_count(&f.ty, f.required))
                        .sum::<usize>()
                    + u.variants
                        .iter()
                        .flat_map(|v| &v.fields)
                        .map(|f| field_rule_count(&f.ty, f.required))
                        .sum::<usize>()
            }
            TypeKind::Enum(_) | TypeKind::IntegerEnum(_) => 1,
            TypeKind::TypeUnion(variants) => variants
                .iter()
                .map(|v| field_rule_count(&v.ty, false))
                .sum(),
            TypeKind::Alternatives(a) => {
                1 + a
                    .variants
                    .iter()
                    .map(|v| field_rule_count(&v.ty, false))
                    .sum::<usize>()
            }
            TypeKind::Newtype(ty) => field_rule_count(ty, false),
            TypeKind::Text(rules) | TypeKind::DateTime(rules) => {
                field_rule_count(&FieldType::String(rules.clone()), false)
            }
            TypeKind::Numeric(rules) => field_rule_count(&rules.field_type(), false),
            TypeKind::List(array) => {
                field_rule_count(&FieldType::Array(Box::new(array.clone())), false)
            }
            TypeKind::Tuple(t) => {
                usize::from(t.min_items.is_some())
                    + usize::from(t.max_items.is_some())
                    + usize::from(t.rest == Rest::Forbidden)
                    + t.prefix
                        .iter()
                        .chain(t.kept())
                        .map(|ty| field_rule_count(ty, false))
                        .sum::<usize>()
            }
        })
        .sum()
}

fn field_rule_count(ty: &FieldType, required: bool) -> usize {
    let own = match ty {
        FieldType::String(r) => {
            [
                r.min_length.is_some(),
                r.max_length.is_some(),
                r.max_bytes.is_some(),
                r.format.is_some(),
                r.pattern.is_some(),
            ]
            .iter()
            .filter(|x| **x)
            .count()
                + usize::from(r.max_days_ahead.is_some())
                + usize::from(r.base64_file.is_some())
        }
        FieldType::Integer(r) => {
            usize::from(r.minimum.is_some()) + usize::from(r.maximum.is_some())
        }
        FieldType::Number(r) => usize::from(r.minimum.is_some()) + usize::from(r.maximum.is_some()),
        FieldType::Array(a) => {
            usize::from(a.min_items.is_some()) + usize::from(a.max_items.is_some())
        }
        _ => 0,
    };
    own + usize::from(required)
}

/// Every case of a module.
#[must_use]
pub fn cases(module: &Module) -> Vec<Case> {
    let mut out = Vec::new();
    for (index, example) in module.examples.iter().enumerate() {
        let mut gen = Generator {
            module,
            example,
            label: format!("example {}", index + 1),
            out: &mut out,
            selecting: Vec::new(),
        };
        gen.valid(example.clone(), "as given".into());
        gen.named(module.root, example, &mut Vec::new());
    }
    let mut seen = Vec::new();
    out.retain(|case| {
        let key = (case.payload.clone(), case.valid);
        if seen.contains(&key) {
            false
        } else {
            seen.push(key);
            true
        }
    });
    out
}

/// Limits above this get no boundary cases: a case at a limit of a billion
/// bytes or items would be a payload of that size.
const LARGEST_LIMIT: u64 = 100_000;

struct Generator<'a> {
    module: &'a Module,
    example: &'a Value,
    label: String,
    out: &'a mut Vec<Case>,
    /// (pointer, member): members that select an alternative there, whose
    /// removal is a case of the alternatives, not of `required`.
    selecting: Vec<(String, String)>,
}

fn pointer(path: &[String]) -> String {
    path.iter()
        .map(|t| format!("/{}", t.replace('~', "~0").replace('/', "~1")))
        .collect()
}

fn set(root: &Value, path: &[String], value: Option<Value>) -> Value {
    let mut copy = root.clone();
    let Some((last, parent)) = path.split_last() else {
        return value.unwrap_or(copy);
    };
    let mut target = &mut copy;
    for token in parent {
        target = match target {
            Value::Object(m) => match m.get_mut(token) {
                Some(v) => v,
                None => return copy,
            },
            Value::Array(a) => match token.parse::<usize>().ok().and_then(|i| a.get_mut(i)) {
                Some(v) => v,
                None => return copy,
            },
            _ => return copy,
        };
    }
    match (target, value) {
        (Value::Object(m), Some(v)) => {
            m.insert(last.clone(), v);
        }
        (Value::Object(m), None) => {
            m.remove(last);
        }
        (Value::Array(a), Some(v)) => {
            if let Some(slot) = last.parse::<usize>().ok().and_then(|i| a.get_mut(i)) {
                *slot = v;
            }
        }
        _ => {}
    }
    copy
}

/// Which of a string's length rules `s` breaks (none, or the rule names).
fn broken(rules: &StringRules, s: &str) -> Vec<&'static str> {
    let (chars, bytes) = (s.chars().count() as u64, s.len() as u64);
    let mut out = Vec::new();
    if rules.min_length.is_some_and(|n| chars < n) {
        out.push("minLength");
    }
    if rules.max_length.is_some_and(|n| chars > n) {
        out.push("maxLength");
    }
    if rules.max_bytes.is_some_and(|n| bytes > n) {
        out.push("maxBytes");
    }
    out
}

impl Generator<'_> {
    fn valid(&mut self, payload: Value, what: String) {
        self.out.push(Case {
            name: format!("{}: {what}", self.label),
            payload,
            valid: true,
            expect: None,
        });
    }

    fn invalid(&mut self, payload: Value, what: String, at: &[String], rule: &str) {
        self.out.push(Case {
            name: format!("{}: {what}", self.label),
            payload,
            valid: false,
            expect: Some((pointer(at), rule.to_string())),
        });
    }

    fn named(&mut self, id: TypeId, value: &Value, path: &mut Vec<String>) {
        match &self.module.types[id.0].kind {
            TypeKind::Struct(s) => {
                let Some(object) = value.as_object() else {
                    return;
                };
                self.members(&s.fields, object, path);
                self.object_rules(&s.fields, &s.rules, object, path);
                if s.closed {
                    self.unknown_member(path);
                }
            }
            TypeKind::Union(u) => {
                let Some(object) = value.as_object() else {
                    return;
                };
                let tag = &u.tag.wire;
                let Some(variant) = object
                    .get(tag)
                    .and_then(Value::as_str)
                    .and_then(|t| u.variants.iter().find(|v| v.value == t))
                else {
                    return;
                };
                path.push(tag.clone());
                let what = format!("{} = an unknown value", pointer(path));
                self.invalid(
                    set(self.example, path, Some(json!("zz-unknown"))),
                    what,
                    path,
                    u.tag.rule.keyword(),
                );
                path.pop();
                let tag_field = Field {
                    wire: tag.clone(),
                    rust: String::new(),
                    doc: Default::default(),
                    ty: FieldType::Boolean,
                    required: true,
                };
                self.remove_required(&tag_field, object, path);
                let fields: Vec<Field> = u.common.iter().chain(&variant.fields).cloned().collect();
                self.members(&fields, object, path);
                self.object_rules(&u.common, &u.rules, object, path);
                // Members this variant forbids, added with a value valid on its own.
                for wire in &variant.forbidden {
                    let Some(field) = u.varying.iter().find(|f| &f.wire == wire) else {
                        continue;
                    };
                    if object.contains_key(wire) {
                        continue;
                    }
                    if let Some(value) = self.synthesize(&field.ty) {
                        path.push(wire.clone());
                        let what = format!(
                            "{} added, which `{tag}` {} forbids",
                            pointer(path),
                            variant.value
                        );
                        self.invalid(
                            set(self.example, path, Some(value)),
                            what,
                            path,
                            dmforge_runtime::describe::FORBIDDEN,
                        );
                        path.pop();
                    }
                }
                self.unknown_member(path);
            }
            TypeKind::Enum(e) => {
                let what = format!("{} = an unknown value", pointer(path));
                self.invalid(
                    set(self.example, path, Some(json!("zz-unknown"))),
                    what,
                    path,
                    e.rule.keyword(),
                );
            }
            TypeKind::TypeUnion(_) => {}
            TypeKind::Alternatives(a) => self.alternatives(a, value, path),
            TypeKind::IntegerEnum(e) => {
                // One more than the largest value is none of them (or, at
                // the top of the range, one less than the smallest).
                let largest = e.values.iter().map(|(n, _)| *n).max().unwrap_or(0);
                let smallest = e.values.iter().map(|(n, _)| *n).min().unwrap_or(0);
                let beyond = largest
                    .checked_add(1)
                    .unwrap_or_else(|| smallest.saturating_sub(1));
                let what = format!("{} = {beyond}, not one of the values", pointer(path));
                self.invalid(
                    set(self.example, path, Some(json!(beyond))),
                    what,
                    path,
                    e.rule.keyword(),
                );
            }
            TypeKind::Newtype(ty) => self.value(ty, value, path),
            TypeKind::Tuple(t) => self.tuple(t, value, path),
            TypeKind::Text(rules) | TypeKind::DateTime(rules) => {
                self.value(&FieldType::String(rules.clone()), value, path);
            }
            TypeKind::Numeric(rules) => self.value(&rules.field_type(), value, path),
            TypeKind::List(array) => {
                self.value(&FieldType::Array(Box::new(array.clone())), value, path);
            }
        }
    }

    /// Cases of an array typed by position: one item short, one too many,
    /// and each item's own.
    fn tuple(&mut self, t: &TupleDef, value: &Value, path: &mut Vec<String>) {
        let Some(items) = value.as_array() else {
            return;
        };
        let here = pointer(path);
        if let Some(min) = t.min_items.filter(|n| (1..=LARGEST_LIMIT).contains(n)) {
            if items.len() >= min as usize {
                let under = Value::Array(items[..min as usize - 1].to_vec());
                self.invalid(
                    set(self.example, path, Some(under)),
                    format!("{here} with {} items", min - 1),
                    path,
                    "minItems",
                );
            }
        }
        let count = t.prefix.len();
        match &t.rest {
            Rest::Forbidden => {
                let mut over = items.clone();
                over.push(items.last().cloned().unwrap_or(Value::Null));
                let payload = set(self.example, path, Some(Value::Array(over)));
                path.push(items.len().to_string());
                self.invalid(
                    payload,
                    format!("{here} with an item after its {count}"),
                    path,
                    dmforge_runtime::describe::FORBIDDEN,
                );
                path.pop();
            }
            Rest::Counted | Rest::Kept(_) => {
                // Items after the prefix: the example's own, else one made
                // valid for `items` (anything, where no `items` is given).
                let filler = match t.kept() {
                    Some(ty) => items.get(count).cloned().or_else(|| self.synthesize(ty)),
                    None => Some(Value::Null),
                };
                if let (Some(max), Some(filler), true) = (
                    t.max_items.filter(|n| *n <= LARGEST_LIMIT),
                    filler,
                    items.len() >= count,
                ) {
                    let mut full = items[..count].to_vec();
                    full.resize(max as usize, filler);
                    self.valid(
                        set(self.example, path, Some(Value::Array(full.clone()))),
                        format!("{here} with {max} items"),
                    );
                    full.push(full.last().cloned().unwrap_or(Value::Null));
                    self.invalid(
                        set(self.example, path, Some(Value::Array(full))),
                        format!("{here} with {} items", max + 1),
                        path,
                        "maxItems",
                    );
                }
            }
        }
        let typed = t.prefix.iter().chain(t.kept());
        for (index, (ty, item)) in typed.zip(items).enumerate() {
            path.push(index.to_string());
            self.value(ty, item, path);
            path.pop();
        }
    }

    /// A value valid for `ty` on its own, for adding a member; `None` where
    /// the generator cannot make one without guessing.
    fn synthesize(&self, ty: &FieldType) -> Option<Value> {
        match ty {
            FieldType::String(r) => {
                if r.pattern.is_some() || r.base64_file.is_some() || r.max_days_ahead.is_some() {
                    return None;
                }
                match r.format {
                    Some(crate::ir::Format::Uri) => Some(json!("https://example.com/dmforge")),
                    Some(_) => Some(json!("2026-01-01T00:00:00Z")),
                    None => {
                        let n = r.min_length.unwrap_or(1).max(1);
                        let fits = r.max_length.is_none_or(|m| m >= n)
                            && r.max_bytes.is_none_or(|m| m >= n);
                        (n <= LARGEST_LIMIT && fits).then(|| Value::String("x".repeat(n as usize)))
                    }
                }
            }
            FieldType::Integer(r) => r
                .minimum
                .or(r.maximum)
                .or(Some(1))
                .and_then(|n| i64::try_from(n).ok())
                .map(Value::from),
            FieldType::Boolean => Some(json!(true)),
            FieldType::Json(json) => json.values.first().cloned(),
            FieldType::Named(id) => match &self.module.types[id.0].kind {
                TypeKind::Text(rules) | TypeKind::DateTime(rules) => {
                    self.synthesize(&FieldType::String(rules.clone()))
                }
                TypeKind::Numeric(rules) => self.synthesize(&rules.field_type()),
                TypeKind::Enum(e) => e.values.first().map(|(wire, _)| json!(wire)),
                TypeKind::IntegerEnum(e) => e.values.first().map(|(n, _)| json!(n)),
                _ => None,
            },
            _ => None,
        }
    }

    /// Cases that break the rules spanning an object's members, starting
    /// from what the example has.
    fn object_rules(
        &mut self,
        fields: &[Field],
        rules: &[ObjectRule],
        object: &serde_json::Map<String, Value>,
        path: &mut Vec<String>,
    ) {
        let here = pointer(path);
        for rule in rules {
            match rule {
                ObjectRule::AnyOfRequired(members) => {
                    let mut payload = self.example.clone();
                    for m in members {
                        path.push(m.clone());
                        payload = set(&payload, path, None);
                        path.pop();
                    }
                    if members.iter().any(|m| object.contains_key(m)) {
                        self.invalid(
                            payload,
                            format!("{here}: none of {members:?}"),
                            path,
                            "anyOf",
                        );
                    }
                }
                ObjectRule::DependentRequired { trigger, required } => {
                    if !object.contains_key(trigger) {
                        continue;
                    }
                    for r in required.iter().filter(|r| object.contains_key(*r)) {
                        path.push(r.clone());
                        let payload = set(self.example, path, None);
                        path.pop();
                        self.invalid(
                            payload,
                            format!("{here}: `{trigger}` without `{r}`"),
                            path,
                            "dependentRequired",
                        );
                    }
                }
                ObjectRule::TimeWindow(spec) => {
                    if let (Some(from), true) =
                        (object.get(&spec.from), object.contains_key(&spec.to))
                    {
                        path.push(spec.to.clone());
                        let payload = set(self.example, path, Some(from.clone()));
                        path.pop();
                        self.invalid(
                            payload,
                            format!("{here}: a window of 0 minutes"),
                            path,
                            "timeWindow",
                        );
                    }
                }
                ObjectRule::PropertyCount { max: Some(max), .. } => {
                    let absent: Vec<&Field> = fields
                        .iter()
                        .filter(|f| !object.contains_key(&f.wire))
                        .collect();
                    if object.len() as u64 == *max {
                        if let Some((field, value)) = absent
                            .iter()
                            .find_map(|f| self.synthesize(&f.ty).map(|v| (*f, v)))
                        {
                            path.push(field.wire.clone());
                            let payload = set(self.example, path, Some(value));
                            path.pop();
                            self.invalid(
                                payload,
                                format!("{here}: one member too many"),
                                path,
                                "maxProperties",
                            );
                        }
                    }
                }
                ObjectRule::PropertyCount { .. } => {}
                ObjectRule::Conditional {
                    when,
                    then,
                    otherwise,
                } => {
                    let present = object.contains_key(&when.member);
                    let holds = present
                        && when.values.as_ref().is_none_or(|values| {
                            object
                                .get(&when.member)
                                .and_then(Value::as_str)
                                .is_some_and(|v| values.iter().any(|w| w == v))
                        });
                    let branch = if holds { then } else { otherwise };
                    for r in branch
                        .required
                        .iter()
                        .filter(|r| object.contains_key(*r) && **r != when.member)
                    {
                        path.push(r.clone());
                        let payload = set(self.example, path, None);
                        path.pop();
                        self.invalid(
                            payload,
                            format!("{here}: `{r}` removed where a condition requires it"),
                            path,
                            "required",
                        );
                    }
                    for f in branch
                        .forbidden
                        .iter()
                        .filter(|f| !object.contains_key(*f) && **f != when.member)
                    {
                        let Some(value) = fields
                            .iter()
                            .find(|x| &x.wire == f)
                            .and_then(|x| self.synthesize(&x.ty))
                        else {
                            continue;
                        };
                        path.push(f.clone());
                        let payload = set(self.example, path, Some(value));
                        self.invalid(
                            payload,
                            format!("{here}: `{f}` added where a condition forbids it"),
                            path,
                            dmforge_runtime::describe::FORBIDDEN,
                        );
                        path.pop();
                    }
                }
            }
        }
    }

    /// Cases of `oneOf`/`anyOf` alternatives told apart by a tag or by a
    /// member of their own: the tag given an unknown value, the members
    /// removed, two of them at once; then the cases of the alternative the
    /// example holds, which its tag or member keeps selected. (Untold
    /// alternatives get none inside: a change could make another match.)
    fn alternatives(&mut self, a: &AlternativesDef, value: &Value, path: &mut Vec<String>) {
        let rule = a.keyword();
        let (index, selecting) = match &a.selector {
            Some(SelectorSpec::Tag(tag)) => {
                let Some(index) = a
                    .variants
                    .iter()
                    .position(|v| v.tag_value.is_some() && v.tag_value.as_ref() == value.get(tag))
                else {
                    return;
                };
                path.push(tag.clone());
                let what = format!("{} = an unknown value", pointer(path));
                let payload = set(self.example, path, Some(json!("zz-unknown")));
                path.pop();
                self.invalid(payload, what, path, rule);
                // Removing the tag is a `required` case of every alternative.
                (index, None)
            }
            Some(SelectorSpec::Members { members, exclusive }) => {
                let present: Vec<usize> = (0..members.len())
                    .filter(|i| value.get(&members[*i]).is_some())
                    .collect();
                let [index] = present.as_slice() else {
                    return;
                };
                let own = &members[*index];
                path.push(own.clone());
                let payload = set(self.example, path, None);
                let what = format!(
                    "{} removed, so no alternative's member is there",
                    pointer(path)
                );
                path.pop();
                self.invalid(payload, what, path, rule);
                if *exclusive {
                    for (other, variant) in members.iter().zip(&a.variants) {
                        let field = match &variant.ty {
                            FieldType::Named(id) => match &self.module.types[id.0].kind {
                                TypeKind::Struct(s) => s.fields.iter().find(|f| &f.wire == other),
                                _ => None,
                            },
                            _ => None,
                        };
                        // A value of its own, else one another example gives
                        // it at the same place.
                        let here = pointer(path);
                        let borrowed = || {
                            self.module.examples.iter().find_map(|example| {
                                example.pointer(&here).and_then(|v| v.get(other)).cloned()
                            })
                        };
                        let Some(extra) =
                            field.and_then(|f| self.synthesize(&f.ty)).or_else(borrowed)
                        else {
                            continue;
                        };
                        if other == own {
                            continue;
                        }
                        path.push(other.clone());
                        let payload = set(self.example, path, Some(extra));
                        let what = format!("{} added beside `{own}`", pointer(path));
                        path.pop();
                        self.invalid(payload, what, path, rule);
                    }
                }
                (*index, Some(own.clone()))
            }
            None => return,
        };
        let pushed = selecting.map(|member| self.selecting.push((pointer(path), member)));
        let ty = a.variants[index].ty.clone();
        self.value(&ty, value, path);
        if pushed.is_some() {
            self.selecting.pop();
        }
    }

    /// Cases for a value checked at run time against node `id`: the rules
    /// of its own a case can break without knowing more of the schema (a
    /// repeated item, too few or too many items, no item or too many that
    /// `contains` a fixed value, the value a `not` names).
    fn checked_value(&mut self, id: ValueId, value: &Value, path: &mut Vec<String>, depth: usize) {
        let Some(node) = self.module.values.get(id.0) else {
            return;
        };
        if depth > 8 {
            return;
        }
        let here = pointer(path);
        if let Some(sample) = node.not.and_then(|not| self.sample(not)) {
            self.invalid(
                set(self.example, path, Some(sample)),
                format!("{here} = the value `not` names"),
                path,
                "not",
            );
        }
        if let Some(items) = value.as_array() {
            if let (true, Some(first)) = (node.unique_items, items.first()) {
                if node.max_items.is_none_or(|n| n >= 2) {
                    self.invalid(
                        set(self.example, path, Some(json!([first, first]))),
                        format!("{here} with a repeated item"),
                        path,
                        "uniqueItems",
                    );
                }
            }
            if let Some(max) = node.max_items.filter(|n| *n <= LARGEST_LIMIT) {
                if let (false, Some(first)) = (node.unique_items, items.first()) {
                    let over = vec![first.clone(); max as usize + 1];
                    self.invalid(
                        set(self.example, path, Some(Value::Array(over))),
                        format!("{here} with {} items", max + 1),
                        path,
                        "maxItems",
                    );
                }
            }
            if let Some(min) = node.min_items.filter(|n| *n > 0 && *n <= LARGEST_LIMIT) {
                if items.len() >= min as usize {
                    let under: Vec<Value> = items.iter().take(min as usize - 1).cloned().collect();
                    self.invalid(
                        set(self.example, path, Some(Value::Array(under))),
                        format!("{here} with {} items", min - 1),
                        path,
                        "minItems",
                    );
                }
            }
            if let Some(contains) = node.contains {
                let rule = dmforge_runtime::describe::contains_rule(
                    node.min_contains.is_some(),
                    node.max_contains.is_some(),
                );
                if node.min_contains.unwrap_or(1) > 0 {
                    self.invalid(
                        set(self.example, path, Some(json!([]))),
                        format!("{here} with no item it must contain"),
                        path,
                        rule,
                    );
                }
                if let (Some(max), Some(sample)) = (
                    node.max_contains.filter(|n| *n < LARGEST_LIMIT),
                    self.sample(contains),
                ) {
                    let over = vec![sample; max as usize + 1];
                    self.invalid(
                        set(self.example, path, Some(Value::Array(over))),
                        format!("{here} containing it {} times", max + 1),
                        path,
                        rule,
                    );
                }
            }
        }
        if let Some(target) = node.reference {
            self.checked_value(target, value, path, depth + 1);
        }
    }

    /// A value node `id` accepts for sure: its one fixed value, or a value of
    /// its one type, when it says nothing else.
    fn sample(&self, id: ValueId) -> Option<Value> {
        let node = self.module.values.get(id.0)?;
        let bare = |keep: &dyn Fn(&mut ValueNode)| {
            let mut bare = ValueNode {
                name: node.name.clone(),
                pointer: node.pointer.clone(),
                dynamic_anchors: node.dynamic_anchors.clone(),
                ..ValueNode::default()
            };
            keep(&mut bare);
            bare == *node
        };
        if bare(&|b| b.values = node.values.clone()) {
            if let [only] = node.values.as_slice() {
                if let [value] = only.values.as_slice() {
                    return Some(value.clone());
                }
            }
        }
        if bare(&|b| b.types = node.types.clone()) {
            return match node.types.as_deref() {
                Some([t]) => match t.as_str() {
                    "string" => Some(json!("x")),
                    "integer" | "number" => Some(json!(1)),
                    "boolean" => Some(json!(true)),
                    "null" => Some(Value::Null),
                    "array" => Some(json!([])),
                    "object" => Some(json!({})),
                    _ => None,
                },
                _ => None,
            };
        }
        None
    }

    fn unknown_member(&mut self, path: &mut Vec<String>) {
        path.push("zz_unknown".into());
        let what = format!("{} added", pointer(path));
        self.invalid(
            set(self.example, path, Some(json!(1))),
            what,
            path,
            "additionalProperties",
        );
        path.pop();
    }

    fn remove_required(
        &mut self,
        field: &Field,
        object: &serde_json::Map<String, Value>,
        path: &mut Vec<String>,
    ) {
        if !field.required || !object.contains_key(&field.wire) {
            return;
        }
        let here = pointer(path);
        if self
            .selecting
            .iter()
            .any(|(at, member)| *at == here && *member == field.wire)
        {
            return;
        }
        path.push(field.wire.clone());
        let payload = set(self.example, path, None);
        let what = format!("{} removed", pointer(path));
        path.pop();
        self.invalid(payload, what, path, "required");
    }

    fn members(
        &mut self,
        fields: &[Field],
        object: &serde_json::Map<String, Value>,
        path: &mut Vec<String>,
    ) {
        for field in fields {
            self.remove_required(field, object, path);
            let Some(member) = object.get(&field.wire) else {
                continue;
            };
            path.push(field.wire.clone());
            self.value(&field.ty, member, path);
            path.pop();
        }
    }

    fn value(&mut self, ty: &FieldType, value: &Value, path: &mut Vec<String>) {
        let here = pointer(path);
        match ty {
            FieldType::String(rules) => {
                self.invalid(
                    set(self.example, path, Some(json!(42))),
                    format!("{here} = a number"),
                    path,
                    "type",
                );
                let small = [rules.max_bytes, rules.max_length, rules.min_length]
                    .iter()
                    .all(|n| n.is_none_or(|n| n <= LARGEST_LIMIT));
                let plain = small
                    && rules.format.is_none()
                    && rules.pattern.is_none()
                    && rules.base64_file.is_none()
                    && rules.max_days_ahead.is_none();
                if !plain {
                    return;
                }
                let mut candidates: Vec<(String, String)> = Vec::new();
                if let Some(n) = rules.max_bytes {
                    let n = n as usize;
                    let emoji = format!("{}{}", "😀".repeat(n / 4), "a".repeat(n % 4));
                    candidates.push(("a".repeat(n), format!("{n} ASCII bytes")));
                    candidates.push(("a".repeat(n + 1), format!("{} ASCII bytes", n + 1)));
                    candidates.push((emoji.clone(), format!("{n} bytes of 4-byte characters")));
                    candidates.push((
                        format!("{emoji}a"),
                        format!("{} bytes, mostly 4-byte characters", n + 1),
                    ));
                    candidates.push((
                        "😀".repeat(n.div_ceil(4) + 1),
                        "more bytes than allowed in fewer characters".into(),
                    ));
                }
                if let Some(n) = rules.max_length {
                    let n = n as usize;
                    candidates.push(("😀".repeat(n), format!("{n} 4-byte characters")));
                    candidates.push(("😀".repeat(n + 1), format!("{} 4-byte characters", n + 1)));
                    candidates.push(("a".repeat(n + 1), format!("{} ASCII characters", n + 1)));
                }
                if let Some(n) = rules.min_length {
                    let n = n as usize;
                    candidates.push(("é".repeat(n), format!("{n} 2-byte characters")));
                    if n > 0 {
                        candidates.push(("é".repeat(n - 1), format!("{} characters", n - 1)));
                    }
                }
                for (s, what) in candidates {
                    let payload = set(self.example, path, Some(Value::String(s.clone())));
                    match broken(rules, &s).first() {
                        None => self.valid(payload, format!("{here} at {what}")),
                        Some(rule) => {
                            self.invalid(payload, format!("{here} at {what}"), path, rule)
                        }
                    }
                }
            }
            FieldType::Integer(rules) => {
                self.invalid(
                    set(self.example, path, Some(json!("1"))),
                    format!("{here} = a string"),
                    path,
                    "type",
                );
                // Bounds as JSON integers; a bound beyond 64 bits has no case.
                let number = |n: i128| {
                    i64::try_from(n)
                        .ok()
                        .map(Value::from)
                        .or_else(|| u64::try_from(n).ok().map(Value::from))
                };
                if let Some(max) = rules.maximum {
                    if let (Some(at), Some(over)) = (number(max), number(max + 1)) {
                        self.valid(set(self.example, path, Some(at)), format!("{here} = {max}"));
                        self.invalid(
                            set(self.example, path, Some(over)),
                            format!("{here} = {}", max + 1),
                            path,
                            "maximum",
                        );
                    }
                }
                if let Some(min) = rules.minimum {
                    if let (Some(at), Some(under)) = (number(min), number(min - 1)) {
                        self.valid(set(self.example, path, Some(at)), format!("{here} = {min}"));
                        self.invalid(
                            set(self.example, path, Some(under)),
                            format!("{here} = {}", min - 1),
                            path,
                            "minimum",
                        );
                    }
                }
            }
            FieldType::Number(rules) => {
                if let Some(max) = rules.maximum {
                    self.valid(
                        set(self.example, path, Some(json!(max))),
                        format!("{here} = {max}"),
                    );
                    self.invalid(
                        set(self.example, path, Some(json!(max + 0.5))),
                        format!("{here} over its maximum"),
                        path,
                        "maximum",
                    );
                }
                if let Some(min) = rules.minimum {
                    self.invalid(
                        set(self.example, path, Some(json!(min - 0.5))),
                        format!("{here} under its minimum"),
                        path,
                        "minimum",
                    );
                }
            }
            FieldType::Boolean => {
                self.invalid(
                    set(self.example, path, Some(json!("true"))),
                    format!("{here} = a string"),
                    path,
                    "type",
                );
            }
            FieldType::Json(json) => {
                // A value none of the allowed ones equals.
                let outside = json!({"dmforge": "not one of the values"});
                let rule = match json.rule {
                    crate::ir::ValueRule::Enum => "enum",
                    crate::ir::ValueRule::Const => "const",
                };
                self.invalid(
                    set(self.example, path, Some(outside)),
                    format!("{here} = a value not allowed"),
                    path,
                    rule,
                );
            }
            FieldType::Array(array) => {
                let Some(items) = value.as_array() else {
                    return;
                };
                self.invalid(
                    set(self.example, path, Some(json!({}))),
                    format!("{here} = an object"),
                    path,
                    "type",
                );
                // Items that must differ are not made by repeating one:
                // a repeat is the case instead.
                if let (true, Some(first)) = (array.unique_items, items.first()) {
                    if array.max_items.is_none_or(|n| n >= 2) {
                        self.invalid(
                            set(self.example, path, Some(json!([first, first]))),
                            format!("{here} with a repeated item"),
                            path,
                            "uniqueItems",
                        );
                    }
                } else if let (Some(max), Some(first)) = (
                    array.max_items.filter(|n| *n <= LARGEST_LIMIT),
                    items.first(),
                ) {
                    let max = max as usize;
                    let full = vec![first.clone(); max];
                    self.valid(
                        set(self.example, path, Some(Value::Array(full))),
                        format!("{here} with {max} items"),
                    );
                    let over = vec![first.clone(); max + 1];
                    self.invalid(
                        set(self.example, path, Some(Value::Array(over))),
                        format!("{here} with {} items", max + 1),
                        path,
                        "maxItems",
                    );
                }
                if let Some(min) = array.min_items.filter(|n| *n <= LARGEST_LIMIT) {
                    if min > 0 && items.len() >= min as usize {
                        let under: Vec<Value> =
                            items.iter().take(min as usize - 1).cloned().collect();
                        self.invalid(
                            set(self.example, path, Some(Value::Array(under))),
                            format!("{here} with {} items", min - 1),
                            path,
                            "minItems",
                        );
                    }
                }
                if let Some(first) = items.first() {
                    path.push("0".into());
                    self.value(&array.items, first, path);
                    path.pop();
                }
            }
            FieldType::Named(id) => {
                if matches!(
                    self.module.types[id.0].kind,
                    TypeKind::Struct(_) | TypeKind::Union(_) | TypeKind::Tuple(_)
                ) {
                    self.invalid(
                        set(self.example, path, Some(json!("x"))),
                        format!("{here} = a string"),
                        path,
                        "type",
                    );
                }
                self.named(*id, value, path);
            }
            FieldType::Any(node) => self.checked_value(node.id, value, path, 0),
            FieldType::AnyObject => {}
            FieldType::Nullable(inner) if !value.is_null() => self.value(inner, value, path),
            FieldType::Nullable(_) => {}
        }
    }
}
