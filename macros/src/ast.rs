//! The derive's input as a small AST: the container with its rules and
//! runtime path, and each field with its wire name, its shape (`Option`,
//! `Vec`) and its rules. Reading an attribute checks it too: unknown keys,
//! duplicates, values of the wrong kind, rules that cannot apply to the
//! field's type and contradictory bounds are errors at their span.

use proc_macro2::Span;
use syn::meta::ParseNestedMeta;
use syn::spanned::Spanned;
use syn::{Data, DeriveInput, Fields, Ident, LitInt, LitStr, Type};

use crate::ctxt::Ctxt;

pub struct Container<'a> {
    pub input: &'a DeriveInput,
    /// The runtime's path (`#[dmforge(crate = "...")]`).
    pub krate: syn::Path,
    pub fields: Vec<Field<'a>>,
    pub rules: Vec<Rule>,
}

pub struct Field<'a> {
    pub member: &'a Ident,
    /// The name on the wire, for pointers and messages.
    pub wire: String,
    pub optional: bool,
    /// `Option<Option<T>>`: present as `null` or as a value; rules apply to
    /// the value.
    pub nullable: bool,
    /// `Vec<T>` (or `Option<Vec<T>>`).
    pub list: bool,
    /// `BTreeMap<String, T>`: an object's members the schema does not
    /// list, flattened into it (`additional`), each checked by `each`.
    pub map: bool,
    /// The innermost type, after `Option` and `Vec`.
    pub scalar: Scalar,
    pub rules: Rules,
    /// Rules for each item of a list.
    pub each: Rules,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scalar {
    Str,
    Int,
    Float,
    Bool,
    Other,
}

#[derive(Default)]
pub struct Rules {
    pub max_bytes: Option<u64>,
    pub max_length: Option<u64>,
    pub min_length: Option<u64>,
    pub max_items: Option<u64>,
    /// `unique_items`: no two items of a `Vec` are equal.
    pub unique_items: bool,
    pub min_items: Option<u64>,
    pub minimum: Option<Bound>,
    pub maximum: Option<Bound>,
    pub exclusive_minimum: Option<Bound>,
    pub exclusive_maximum: Option<Bound>,
    pub multiple_of: Option<Bound>,
    /// `json_enum = "[..]"` / `json_const = "[..]"`: the allowed JSON
    /// values (as a JSON array's text) and the rule's name.
    pub json_values: Option<(String, &'static str)>,
    /// `schema = PATH`: a `serde_json::Value` checked against the
    /// `dmforge_runtime::value_schema::ValueSchema` static at `PATH`.
    pub schema: Option<syn::Path>,
    pub format: Option<String>,
    pub pattern: Option<String>,
    pub max_days_ahead: Option<u32>,
    pub base64_file: Option<(u64, Vec<String>)>,
    pub nested: bool,
    /// The map of members a schema does not list (an open object's
    /// `#[serde(flatten)]` map): no checks, counted by its length in
    /// `properties(..)`.
    pub additional: bool,
    /// `additional_pattern = ".."`: the names the map of other members may
    /// hold (`patternProperties` with `additionalProperties: false`).
    pub additional_pattern: Option<String>,
}

#[derive(Clone, Copy)]
pub enum Bound {
    Int(i128),
    Float(f64),
}

pub enum Rule {
    AnyOfRequired(Vec<Ident>),
    DependentRequired {
        trigger: Ident,
        required: Vec<Ident>,
    },
    Properties {
        min: Option<u64>,
        max: Option<u64>,
    },
    TimeWindow {
        from: Ident,
        to: Ident,
        min_minutes: u16,
    },
    When {
        condition: Condition,
        effects: Vec<Effect>,
    },
    Custom(syn::Path),
}

pub struct Condition {
    pub negated: bool,
    pub field: Ident,
    pub values: Option<Vec<String>>,
}

pub enum Effect {
    Require(Vec<Ident>),
    Forbid(Vec<Ident>),
    /// The field must hold one of `values` (`const` when one, else `enum`).
    Value {
        field: Ident,
        values: Vec<String>,
    },
    /// Members of an object-typed field.
    Nested {
        field: Ident,
        require: Vec<Ident>,
        forbid: Vec<Ident>,
    },
}

/// The formats the runtime checks (`dmforge_runtime::rules::format::FORMATS`
/// and dmforge's `infobip-date-time`); the macro cannot depend on the
/// runtime, so `tests/it/derive.rs` uses every one of them and checks the
/// runtime has no other.
pub const FORMATS: &[&str] = &[
    "date",
    "date-time",
    "duration",
    "email",
    "hostname",
    "idn-email",
    "idn-hostname",
    "infobip-date-time",
    "ipv4",
    "ipv6",
    "iri",
    "iri-reference",
    "json-pointer",
    "regex",
    "relative-json-pointer",
    "time",
    "uri",
    "uri-reference",
    "uri-template",
    "uuid",
];

impl<'a> Container<'a> {
    pub fn from_ast(cx: &mut Ctxt, input: &'a DeriveInput) -> Option<Self> {
        let named = match &input.data {
            Data::Struct(data) => match &data.fields {
                Fields::Named(named) => named,
                _ => {
                    cx.error(
                        &input.ident,
                        "#[derive(Validate)] supports structs with named fields",
                    );
                    return None;
                }
            },
            _ => {
                cx.error(
                    &input.ident,
                    "#[derive(Validate)] supports structs with named fields",
                );
                return None;
            }
        };
        let mut krate: Option<syn::Path> = None;
        let mut rename_all: Option<String> = None;
        for attr in &input.attrs {
            if attr.path().is_ident("dmforge") {
                let result = attr.parse_nested_meta(|meta| {
                    if meta.path.is_ident("crate") {
                        let path: LitStr = meta.value()?.parse()?;
                        if krate.is_some() {
                            return Err(meta.error("duplicate `crate`"));
                        }
                        krate = Some(path.parse()?);
                        Ok(())
                    } else {
                        Err(meta.error(
                            "unknown dmforge attribute; expected `crate = \"path::to::runtime\"`",
                        ))
                    }
                });
                if let Err(e) = result {
                    cx.push(e);
                }
            } else if attr.path().is_ident("serde") {
                rename_all = rename_all.or_else(|| serde_string(attr, "rename_all"));
            }
        }
        let mut fields = Vec::new();
        for field in &named.named {
            let Some(member) = field.ident.as_ref() else {
                continue;
            };
            fields.push(Field::from_ast(cx, member, field, rename_all.as_deref()));
        }
        let mut container = Container {
            input,
            krate: krate.unwrap_or_else(|| syn::parse_quote!(::dmforge::runtime)),
            fields,
            rules: Vec::new(),
        };
        for attr in input.attrs.iter().filter(|a| a.path().is_ident("validate")) {
            let result = attr.parse_nested_meta(|meta| container.rule(cx, &meta));
            if let Err(e) = result {
                cx.push(e);
            }
        }
        Some(container)
    }

    pub fn field(&self, ident: &Ident) -> Option<&Field<'a>> {
        self.fields.iter().find(|f| f.member == ident)
    }

    /// A field named in a container rule: it must exist.
    fn known(&self, cx: &mut Ctxt, ident: &Ident) {
        if self.field(ident).is_none() {
            cx.error(ident, format!("no field `{ident}` in this struct"));
        }
    }

    fn idents(&self, cx: &mut Ctxt, meta: &ParseNestedMeta<'_>) -> syn::Result<Vec<Ident>> {
        let mut idents = Vec::new();
        meta.parse_nested_meta(|inner| {
            match inner.path.get_ident() {
                Some(ident) => {
                    self.known(cx, ident);
                    idents.push(ident.clone());
                }
                None => return Err(inner.error("expected a field name")),
            }
            Ok(())
        })?;
        Ok(idents)
    }

    fn rule(&mut self, cx: &mut Ctxt, meta: &ParseNestedMeta<'_>) -> syn::Result<()> {
        let key = meta
            .path
            .get_ident()
            .map(ToString::to_string)
            .unwrap_or_default();
        let rule = match key.as_str() {
            "any_of_required" => Rule::AnyOfRequired(self.idents(cx, meta)?),
            "dependent_required" => {
                let mut idents = self.idents(cx, meta)?;
                if idents.len() < 2 {
                    return Err(meta.error("`dependent_required(trigger, required...)` names a trigger and at least one field"));
                }
                let trigger = idents.remove(0);
                Rule::DependentRequired { trigger, required: idents }
            }
            "properties" => {
                let (mut min, mut max) = (None, None);
                meta.parse_nested_meta(|inner| {
                    let slot = if inner.path.is_ident("min") {
                        &mut min
                    } else if inner.path.is_ident("max") {
                        &mut max
                    } else {
                        return Err(inner.error("expected `min = N` or `max = N`"));
                    };
                    *slot = Some(inner.value()?.parse::<LitInt>()?.base10_parse::<u64>()?);
                    Ok(())
                })?;
                if let (Some(a), Some(b)) = (min, max) {
                    if a > b {
                        return Err(meta.error(format!("`min = {a}` is more than `max = {b}`: nothing can pass")));
                    }
                }
                Rule::Properties { min, max }
            }
            "time_window" => {
                let (mut from, mut to, mut min_minutes) = (None, None, None);
                meta.parse_nested_meta(|inner| {
                    if inner.path.is_ident("min_minutes") {
                        min_minutes = Some(inner.value()?.parse::<LitInt>()?.base10_parse::<u16>()?);
                    } else if inner.path.is_ident("from") || inner.path.is_ident("to") {
                        let ident: Ident = inner.value()?.parse()?;
                        self.known(cx, &ident);
                        if inner.path.is_ident("from") {
                            from = Some(ident);
                        } else {
                            to = Some(ident);
                        }
                    } else {
                        return Err(inner.error("expected `from = field`, `to = field` or `min_minutes = N`"));
                    }
                    Ok(())
                })?;
                match (from, to, min_minutes) {
                    (Some(from), Some(to), Some(min_minutes)) => Rule::TimeWindow { from, to, min_minutes },
                    _ => return Err(meta.error("`time_window` needs `from = field, to = field, min_minutes = N`")),
                }
            }
            "when" => self.when(cx, meta)?,
            "rule" => Rule::Custom(meta.value()?.parse::<LitStr>()?.parse()?),
            _ => {
                return Err(meta.error(
                    "unknown container rule; expected `any_of_required(..)`, `dependent_required(..)`, `properties(..)`, `time_window(..)`, `when(..)` or `rule = \"path::to::fn\"`",
                ))
            }
        };
        self.rules.push(rule);
        Ok(())
    }

    /// `when(condition, effect, ...)`: the first item is the condition
    /// (`field`, `field = "v"`, `field = ["a", "b"]`, or `not(...)` of those).
    fn when(&self, cx: &mut Ctxt, meta: &ParseNestedMeta<'_>) -> syn::Result<Rule> {
        let mut condition: Option<Condition> = None;
        let mut effects = Vec::new();
        meta.parse_nested_meta(|item| {
            if condition.is_none() {
                condition = Some(self.condition(cx, &item, false)?);
                return Ok(());
            }
            let key = item.path.get_ident().map(ToString::to_string).unwrap_or_default();
            let effect = match key.as_str() {
                "require" => Effect::Require(self.idents(cx, &item)?),
                "forbid" => Effect::Forbid(self.idents(cx, &item)?),
                "value" => {
                    let mut found = None;
                    item.parse_nested_meta(|inner| {
                        let Some(field) = inner.path.get_ident().cloned() else {
                            return Err(inner.error("expected `field = \"value\"`"));
                        };
                        self.known(cx, &field);
                        found = Some(Effect::Value { field, values: string_values(&inner)? });
                        Ok(())
                    })?;
                    found.ok_or_else(|| item.error("expected `value(field = \"value\")`"))?
                }
                "nested" => {
                    let (mut field, mut require, mut forbid) = (None, Vec::new(), Vec::new());
                    item.parse_nested_meta(|inner| {
                        if inner.path.is_ident("require") {
                            require = idents_unchecked(&inner)?;
                        } else if inner.path.is_ident("forbid") {
                            forbid = idents_unchecked(&inner)?;
                        } else if let (Some(ident), None) = (inner.path.get_ident(), &field) {
                            self.known(cx, ident);
                            field = Some(ident.clone());
                        } else {
                            return Err(inner.error("expected `nested(field, require(..), forbid(..))`"));
                        }
                        Ok(())
                    })?;
                    let field = field.ok_or_else(|| item.error("`nested` needs the field first"))?;
                    Effect::Nested { field, require, forbid }
                }
                _ => return Err(item.error("unknown effect; expected `require(..)`, `forbid(..)`, `value(..)` or `nested(..)`")),
            };
            effects.push(effect);
            Ok(())
        })?;
        let condition = condition
            .ok_or_else(|| meta.error("`when` needs a condition and at least one effect"))?;
        if effects.is_empty() {
            return Err(meta.error("`when` needs at least one effect after its condition"));
        }
        Ok(Rule::When { condition, effects })
    }

    fn condition(
        &self,
        cx: &mut Ctxt,
        item: &ParseNestedMeta<'_>,
        negated: bool,
    ) -> syn::Result<Condition> {
        if item.path.is_ident("not") && !negated {
            let mut inner_condition = None;
            item.parse_nested_meta(|inner| {
                inner_condition = Some(self.condition(cx, &inner, true)?);
                Ok(())
            })?;
            return inner_condition.ok_or_else(|| item.error("`not(..)` needs a condition"));
        }
        let Some(field) = item.path.get_ident().cloned() else {
            return Err(item.error("expected a field name as the condition"));
        };
        self.known(cx, &field);
        let values = if item.input.peek(syn::Token![=]) {
            Some(string_values(item)?)
        } else {
            None
        };
        Ok(Condition {
            negated,
            field,
            values,
        })
    }
}

/// `= "v"` or `= ["a", "b"]`.
fn string_values(meta: &ParseNestedMeta<'_>) -> syn::Result<Vec<String>> {
    let value = meta.value()?;
    if value.peek(syn::token::Bracket) {
        let content;
        syn::bracketed!(content in value);
        let list = content.parse_terminated(|p| p.parse::<LitStr>(), syn::Token![,])?;
        Ok(list.iter().map(LitStr::value).collect())
    } else {
        Ok(vec![value.parse::<LitStr>()?.value()])
    }
}

/// Names of an inner struct's members (checked by the compiler on use).
fn idents_unchecked(meta: &ParseNestedMeta<'_>) -> syn::Result<Vec<Ident>> {
    let mut idents = Vec::new();
    meta.parse_nested_meta(|inner| {
        idents.push(
            inner
                .path
                .get_ident()
                .cloned()
                .ok_or_else(|| inner.error("expected a field name"))?,
        );
        Ok(())
    })?;
    Ok(idents)
}

/// `#[serde(key = "value")]`, ignoring every other serde setting.
fn serde_string(attr: &syn::Attribute, key: &str) -> Option<String> {
    let metas = attr
        .parse_args_with(syn::punctuated::Punctuated::<syn::Meta, syn::Token![,]>::parse_terminated)
        .ok()?;
    metas.iter().find_map(|meta| match meta {
        syn::Meta::NameValue(nv) if nv.path.is_ident(key) => match &nv.value {
            syn::Expr::Lit(syn::ExprLit {
                lit: syn::Lit::Str(s),
                ..
            }) => Some(s.value()),
            _ => None,
        },
        _ => None,
    })
}

impl<'a> Field<'a> {
    fn from_ast(
        cx: &mut Ctxt,
        member: &'a Ident,
        field: &'a syn::Field,
        rename_all: Option<&str>,
    ) -> Self {
        let unraw = syn::ext::IdentExt::unraw(member).to_string();
        let wire = field
            .attrs
            .iter()
            .filter(|a| a.path().is_ident("serde"))
            .find_map(|a| serde_string(a, "rename"))
            .unwrap_or_else(|| rename(&unraw, rename_all));
        let (optional, inner) = match generic_argument(&field.ty, "Option") {
            Some(inner) => (true, inner),
            None => (false, &field.ty),
        };
        // `Option<Option<T>>`: a member that may be absent, `null` or a value.
        let (nullable, inner) = match generic_argument(inner, "Option") {
            Some(value) if optional => (true, value),
            _ => (false, inner),
        };
        let (list, item) = match generic_argument(inner, "Vec") {
            Some(item) => (true, item),
            None => (false, inner),
        };
        let (map, item) = match map_value(item) {
            Some(value) => (true, value),
            None => (false, item),
        };
        let mut out = Field {
            member,
            wire,
            optional,
            nullable,
            list,
            map,
            scalar: scalar_of(item),
            rules: Rules::default(),
            each: Rules::default(),
        };
        for attr in field.attrs.iter().filter(|a| a.path().is_ident("validate")) {
            let mut rules = std::mem::take(&mut out.rules);
            let mut each = std::mem::take(&mut out.each);
            let result = attr.parse_nested_meta(|meta| {
                if meta.path.is_ident("each") {
                    if !out.list && !out.map {
                        return Err(meta.error(format!(
                            "`each` applies to the items of a `Vec` or the values of a `BTreeMap`, but `{member}` is neither"
                        )));
                    }
                    return meta.parse_nested_meta(|inner| {
                        read_rule(&mut each, &inner, out.scalar, false, member)
                    });
                }
                read_rule(&mut rules, &meta, out.scalar, out.list, member)
            });
            if let Err(e) = result {
                cx.push(e);
            }
            out.rules = rules;
            out.each = each;
        }
        for (rules, span) in [(&out.rules, field.span()), (&out.each, field.span())] {
            bounds_agree(cx, rules, span);
        }
        out
    }
}

/// Reads one field rule into `rules`, refusing duplicates and rules that do
/// not fit the field's type. `list`: the rule is on a `Vec` itself.
fn read_rule(
    rules: &mut Rules,
    meta: &ParseNestedMeta<'_>,
    scalar: Scalar,
    list: bool,
    member: &Ident,
) -> syn::Result<()> {
    let key = meta
        .path
        .get_ident()
        .map(ToString::to_string)
        .unwrap_or_default();
    let duplicate = || meta.error(format!("duplicate `{key}` on `{member}`"));
    let string_only = |what: &str| -> syn::Result<()> {
        if list || !matches!(scalar, Scalar::Str | Scalar::Other) {
            return Err(meta.error(format!(
                "`{what}` applies to strings, but `{member}` is not a string"
            )));
        }
        Ok(())
    };
    let number_only = || -> syn::Result<()> {
        if list || !matches!(scalar, Scalar::Int | Scalar::Float | Scalar::Other) {
            return Err(meta.error(format!(
                "`{key}` applies to numbers, but `{member}` is not a number"
            )));
        }
        Ok(())
    };
    let int = |meta: &ParseNestedMeta<'_>| -> syn::Result<u64> {
        meta.value()?.parse::<LitInt>()?.base10_parse()
    };
    macro_rules! set {
        ($slot:expr, $value:expr) => {{
            if $slot.is_some() {
                return Err(duplicate());
            }
            $slot = Some($value);
        }};
    }
    match key.as_str() {
        "max_bytes" => {
            string_only("max_bytes")?;
            set!(rules.max_bytes, int(meta)?)
        }
        "max_length" => {
            string_only("max_length")?;
            set!(rules.max_length, int(meta)?)
        }
        "min_length" => {
            string_only("min_length")?;
            set!(rules.min_length, int(meta)?)
        }
        "unique_items" => {
            if !list {
                return Err(meta.error(format!("`unique_items` applies to a `Vec`, but `{member}` is not one")));
            }
            if rules.unique_items {
                return Err(duplicate());
            }
            rules.unique_items = true;
        }
        "max_items" | "min_items" => {
            if !list {
                return Err(meta.error(format!("`{key}` applies to a `Vec`, but `{member}` is not one")));
            }
            if key == "max_items" {
                set!(rules.max_items, int(meta)?)
            } else {
                set!(rules.min_items, int(meta)?)
            }
        }
        "minimum" | "maximum" | "exclusive_minimum" | "exclusive_maximum" | "multiple_of" => {
            number_only()?;
            let bound = parse_bound(meta)?;
            match key.as_str() {
                "minimum" => set!(rules.minimum, bound),
                "maximum" => set!(rules.maximum, bound),
                "exclusive_minimum" => set!(rules.exclusive_minimum, bound),
                "exclusive_maximum" => set!(rules.exclusive_maximum, bound),
                _ => set!(rules.multiple_of, bound),
            }
        }
        "json_enum" | "json_const" => {
            let text: LitStr = meta.value()?.parse()?;
            // Checked here, so that a bad list is a compile error at it.
            if !text.value().trim_start().starts_with('[') || !text.value().trim_end().ends_with(']') {
                return Err(syn::Error::new(text.span(), "expected the allowed values as a JSON array, such as \"[1, 2]\""));
            }
            let rule = if key == "json_enum" { "enum" } else { "const" };
            set!(rules.json_values, (text.value(), rule))
        }
        "schema" => {
            if list || !matches!(scalar, Scalar::Other) {
                return Err(meta.error(format!(
                    "`schema` checks a `serde_json::Value`, but `{member}` is not one"
                )));
            }
            let path: syn::Path = meta.value()?.parse()?;
            set!(rules.schema, path)
        }
        "format" => {
            string_only("format")?;
            let format: LitStr = meta.value()?.parse()?;
            if !FORMATS.contains(&format.value().as_str()) {
                return Err(syn::Error::new(format.span(), format!("unknown format; expected one of {}", FORMATS.join(", "))));
            }
            set!(rules.format, format.value())
        }
        "pattern" => {
            string_only("pattern")?;
            let pattern: LitStr = meta.value()?.parse()?;
            set!(rules.pattern, pattern.value())
        }
        "max_days_ahead" => {
            string_only("max_days_ahead")?;
            let days: LitInt = meta.value()?.parse()?;
            set!(rules.max_days_ahead, days.base10_parse::<u32>()?)
        }
        "base64_file" => {
            string_only("base64_file")?;
            let (mut max, mut types) = (None, Vec::new());
            meta.parse_nested_meta(|inner| {
                if inner.path.is_ident("max_bytes") {
                    max = Some(inner.value()?.parse::<LitInt>()?.base10_parse::<u64>()?);
                } else if inner.path.is_ident("media_types") {
                    types = string_values(&inner)?;
                } else {
                    return Err(inner.error("expected `max_bytes = N` or `media_types = [..]`"));
                }
                Ok(())
            })?;
            let max = max.ok_or_else(|| meta.error("`base64_file` needs `max_bytes = N`"))?;
            set!(rules.base64_file, (max, types))
        }
        "additional" => {
            if rules.additional {
                return Err(duplicate());
            }
            rules.additional = true;
        }
        "additional_pattern" => {
            let pattern: LitStr = meta.value()?.parse()?;
            set!(rules.additional_pattern, pattern.value())
        }
        "nested" => {
            if matches!(scalar, Scalar::Str | Scalar::Int | Scalar::Float | Scalar::Bool) {
                return Err(meta.error(format!("`nested` validates a type with its own rules, but `{member}` holds a plain value")));
            }
            if rules.nested {
                return Err(duplicate());
            }
            rules.nested = true;
        }
        _ => {
            return Err(meta.error(
                "unknown rule; expected max_bytes, max_length, min_length, max_items, min_items, minimum, maximum, exclusive_minimum, exclusive_maximum, multiple_of, format, pattern, max_days_ahead, base64_file(..), nested or each(..)",
            ))
        }
    }
    Ok(())
}

fn parse_bound(meta: &ParseNestedMeta<'_>) -> syn::Result<Bound> {
    let value = meta.value()?;
    let negative = value.peek(syn::Token![-]);
    if negative {
        value.parse::<syn::Token![-]>()?;
    }
    let sign: i32 = if negative { -1 } else { 1 };
    let lit: syn::Lit = value.parse()?;
    match lit {
        syn::Lit::Int(n) => Ok(Bound::Int(i128::from(sign) * n.base10_parse::<i128>()?)),
        syn::Lit::Float(x) => Ok(Bound::Float(f64::from(sign) * x.base10_parse::<f64>()?)),
        other => Err(syn::Error::new(other.span(), "expected a number")),
    }
}

fn bounds_agree(cx: &mut Ctxt, rules: &Rules, span: Span) {
    let mut contradiction =
        |what: &str| cx.push(syn::Error::new(span, format!("{what}: no value can pass")));
    if let (Some(min), Some(max)) = (rules.min_length, rules.max_length) {
        if min > max {
            contradiction(&format!("min_length {min} is more than max_length {max}"));
        }
    }
    if let (Some(min), Some(max)) = (rules.min_items, rules.max_items) {
        if min > max {
            contradiction(&format!("min_items {min} is more than max_items {max}"));
        }
    }
    if let (Some(min), Some(max)) = (rules.minimum, rules.maximum) {
        let as_f64 = |b: Bound| match b {
            Bound::Int(n) => n as f64,
            Bound::Float(x) => x,
        };
        if as_f64(min) > as_f64(max) {
            contradiction("minimum is more than maximum");
        }
    }
}

/// The value type of a `BTreeMap<String, T>`.
fn map_value(ty: &Type) -> Option<&Type> {
    let Type::Path(path) = ty else { return None };
    let last = path.path.segments.last()?;
    if last.ident != "BTreeMap" {
        return None;
    }
    let syn::PathArguments::AngleBracketed(args) = &last.arguments else {
        return None;
    };
    match args.args.iter().nth(1)? {
        syn::GenericArgument::Type(value) => Some(value),
        _ => None,
    }
}

fn generic_argument<'t>(ty: &'t Type, wrapper: &str) -> Option<&'t Type> {
    let Type::Path(path) = ty else { return None };
    let last = path.path.segments.last()?;
    if last.ident != wrapper {
        return None;
    }
    let syn::PathArguments::AngleBracketed(args) = &last.arguments else {
        return None;
    };
    match args.args.first()? {
        syn::GenericArgument::Type(inner) => Some(inner),
        _ => None,
    }
}

fn scalar_of(ty: &Type) -> Scalar {
    let ty = match ty {
        Type::Reference(r) => &*r.elem,
        other => other,
    };
    let Type::Path(path) = ty else {
        return Scalar::Other;
    };
    let Some(last) = path.path.segments.last() else {
        return Scalar::Other;
    };
    match last.ident.to_string().as_str() {
        "String" | "str" => Scalar::Str,
        "i8" | "i16" | "i32" | "i64" | "i128" | "isize" | "u8" | "u16" | "u32" | "u64" | "u128"
        | "usize" => Scalar::Int,
        "f32" | "f64" => Scalar::Float,
        "bool" => Scalar::Bool,
        _ => Scalar::Other,
    }
}

/// serde's `rename_all` applied to a snake_case field name.
fn rename(field: &str, rule: Option<&str>) -> String {
    let words: Vec<&str> = field.split('_').filter(|w| !w.is_empty()).collect();
    let capitalised = |w: &str| {
        let mut chars = w.chars();
        chars
            .next()
            .map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
    };
    match rule {
        Some("camelCase") => words
            .iter()
            .enumerate()
            .map(|(i, w)| {
                if i == 0 {
                    w.to_string()
                } else {
                    capitalised(w)
                }
            })
            .collect(),
        Some("PascalCase") => words.iter().map(|w| capitalised(w)).collect(),
        Some("lowercase") => field.to_lowercase(),
        Some("UPPERCASE") => field.to_uppercase(),
        Some("SCREAMING_SNAKE_CASE") => field.to_uppercase(),
        Some("kebab-case") => field.replace('_', "-"),
        Some("SCREAMING-KEBAB-CASE") => field.replace('_', "-").to_uppercase(),
        _ => field.to_string(),
    }
}
