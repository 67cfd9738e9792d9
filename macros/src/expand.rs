//! The `Validate` impl: each field's rules, then the container's, every
//! check a call into the runtime (`check::*`), so a derived type reports
//! exactly as a generated one does.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use syn::{DeriveInput, Ident};

use crate::ast::{Bound, Condition, Container, Effect, Field, Rule, Rules, Scalar};
use crate::ctxt::Ctxt;

pub fn derive(input: &DeriveInput) -> Result<TokenStream, syn::Error> {
    let mut cx = Ctxt::default();
    let container = Container::from_ast(&mut cx, input);
    cx.check()?;
    let Some(container) = container else {
        return Err(syn::Error::new_spanned(
            &input.ident,
            "cannot derive Validate",
        ));
    };
    Ok(expand(&container))
}

fn expand(c: &Container<'_>) -> TokenStream {
    let rt = &c.krate;
    let name = &c.input.ident;
    let (impl_generics, type_generics, where_clause) = c.input.generics.split_for_impl();
    let fields: Vec<TokenStream> = c.fields.iter().map(|f| field_checks(rt, f)).collect();
    let rules: Vec<TokenStream> = c.rules.iter().map(|r| rule(c, r)).collect();
    let body = quote!(#(#fields)* #(#rules)*);
    let (cx, at) = if body.is_empty() {
        (quote!(_), quote!(_))
    } else {
        (quote!(cx), quote!(at))
    };
    quote! {
        impl #impl_generics #rt::Validate for #name #type_generics #where_clause {
            fn validate_at(&self, #cx: &mut #rt::Context, #at: &#rt::Path<'_>) {
                #body
            }
        }
    }
}

/// Checks on one value `v` (a reference) of the given scalar kind.
fn value_checks(rt: &syn::Path, rules: &Rules, scalar: Scalar) -> TokenStream {
    let mut out = Vec::new();
    if let Some(n) = rules.min_length {
        out.push(quote!(#rt::check::min_length(cx, &at, v, #n);));
    }
    if let Some(n) = rules.max_length {
        out.push(quote!(#rt::check::max_length(cx, &at, v, #n);));
    }
    if let Some(n) = rules.max_bytes {
        out.push(quote!(#rt::check::max_bytes(cx, &at, v, #n);));
    }
    // An Infobip date-time with a day limit is parsed once for both rules.
    let combined_days = match (rules.format.as_deref(), rules.max_days_ahead) {
        (Some("infobip-date-time"), Some(days)) => Some(days),
        _ => None,
    };
    match rules.format.as_deref() {
        Some("uri") => out.push(quote!(#rt::check::format_uri(cx, &at, v);)),
        Some("date-time") => out.push(quote!(#rt::check::format_date_time(cx, &at, v);)),
        Some("infobip-date-time") => match combined_days {
            Some(days) => {
                out.push(quote!(#rt::check::infobip_date_time_max_days_ahead(cx, &at, v, #days);))
            }
            None => out.push(quote!(#rt::check::format_infobip_date_time(cx, &at, v);)),
        },
        Some(other) => out.push(quote!(#rt::check::format(cx, &at, v, #other);)),
        None => {}
    }
    if let Some(source) = &rules.pattern {
        out.push(quote! {
            #rt::check::pattern(cx, &at, v, {
                static PATTERN: #rt::rules::pattern::Pattern = #rt::rules::pattern::Pattern::new(#source);
                &PATTERN
            });
        });
    }
    if let (Some(days), None) = (rules.max_days_ahead, combined_days) {
        out.push(quote!(#rt::check::max_days_ahead(cx, &at, v, #days);));
    }
    if let Some((max, types)) = &rules.base64_file {
        out.push(quote!(#rt::check::base64_file(cx, &at, v, #max, &[#(#types),*]);));
    }
    let int = |b: Bound| match b {
        Bound::Int(n) => quote!(#n),
        Bound::Float(x) => {
            let n = x as i128;
            quote!(#n)
        }
    };
    let float = |b: Bound| match b {
        Bound::Int(n) => {
            let x = n as f64;
            quote!(#x)
        }
        Bound::Float(x) => quote!(#x),
    };
    if scalar == Scalar::Int {
        if let Some(b) = rules.minimum {
            let b = int(b);
            out.push(quote!(#rt::check::minimum_int(cx, &at, *v as i128, #b);));
        }
        if let Some(b) = rules.maximum {
            let b = int(b);
            out.push(quote!(#rt::check::maximum_int(cx, &at, *v as i128, #b);));
        }
        if let Some(b) = rules.exclusive_minimum {
            let b = int(b);
            out.push(quote!(#rt::check::exclusive_minimum_int(cx, &at, *v as i128, #b);));
        }
        if let Some(b) = rules.exclusive_maximum {
            let b = int(b);
            out.push(quote!(#rt::check::exclusive_maximum_int(cx, &at, *v as i128, #b);));
        }
        if let Some(b) = rules.multiple_of {
            let b = float(b);
            out.push(quote!(#rt::check::multiple_of_int(cx, &at, *v as i128, #b);));
        }
    } else {
        if let Some(b) = rules.minimum {
            let b = float(b);
            out.push(quote!(#rt::check::minimum(cx, &at, f64::from(*v), #b);));
        }
        if let Some(b) = rules.maximum {
            let b = float(b);
            out.push(quote!(#rt::check::maximum(cx, &at, f64::from(*v), #b);));
        }
        if let Some(b) = rules.exclusive_minimum {
            let b = float(b);
            out.push(quote!(#rt::check::exclusive_minimum(cx, &at, f64::from(*v), #b);));
        }
        if let Some(b) = rules.exclusive_maximum {
            let b = float(b);
            out.push(quote!(#rt::check::exclusive_maximum(cx, &at, f64::from(*v), #b);));
        }
        if let Some(b) = rules.multiple_of {
            let b = float(b);
            out.push(quote!(#rt::check::multiple_of(cx, &at, f64::from(*v), #b);));
        }
    }
    if let Some((text, rule)) = &rules.json_values {
        out.push(quote! {
            {
                static ALLOWED: #rt::rules::json_value::Allowed =
                    #rt::rules::json_value::Allowed::new(#text);
                #rt::check::json_value(cx, &at, v, &ALLOWED, #rule);
            }
        });
    }
    if let Some(schema) = &rules.schema {
        out.push(quote!(#rt::value_schema::check(&#schema, v, &at, cx);));
    }
    if rules.nested {
        out.push(quote!(#rt::Validate::validate_at(v, cx, &at);));
    }
    quote!(#(#out)*)
}

fn field_checks(rt: &syn::Path, f: &Field<'_>) -> TokenStream {
    let member = f.member;
    let wire = &f.wire;
    let checks = if f.list {
        let max = f
            .rules
            .max_items
            .map(|n| quote!(#rt::check::max_items(cx, &at, v.len(), #n);));
        let min = f
            .rules
            .min_items
            .map(|n| quote!(#rt::check::min_items(cx, &at, v.len(), #n);));
        let unique = f
            .rules
            .unique_items
            .then(|| quote!(#rt::check::unique_items(cx, &at, v);));
        let mut each_rules = value_checks(rt, &f.each, f.scalar);
        if f.rules.nested {
            each_rules.extend(quote!(#rt::Validate::validate_at(v, cx, &at);));
        }
        let each = (!each_rules.is_empty()).then(|| {
            quote! {
                for (index, v) in v.iter().enumerate() {
                    let at = at.index(index);
                    #each_rules
                }
            }
        });
        quote!(#max #min #unique #each)
    } else if f.map {
        // The map's members are the object's own: each at its name.
        let mut each_rules = value_checks(rt, &f.each, f.scalar);
        if f.rules.nested {
            each_rules.extend(quote!(#rt::Validate::validate_at(v, cx, &at);));
        }
        if let Some(source) = &f.rules.additional_pattern {
            each_rules.extend(quote! {
                static PATTERN: #rt::rules::pattern::Pattern = #rt::rules::pattern::Pattern::new(#source);
                if PATTERN.is_match(name) != Some(true) {
                    cx.fail(&at, "additionalProperties", format!("property `{name}` is not defined by the schema"));
                }
            });
        }
        if each_rules.is_empty() {
            return quote!();
        }
        return quote! {
            for (name, v) in &self.#member {
                let at = at.key(name);
                #each_rules
            }
        };
    } else {
        value_checks(rt, &f.rules, f.scalar)
    };
    if checks.is_empty() {
        return quote!();
    }
    let bind = if f.nullable {
        quote!(if let Some(Some(v)) = &self.#member { #checks })
    } else if f.optional {
        quote!(if let Some(v) = &self.#member { #checks })
    } else {
        quote!(let v = &self.#member; #checks)
    };
    quote! {
        {
            let at = at.key(#wire);
            #bind
        }
    }
}

/// `(is present, is absent)` tests for a field.
fn presence(c: &Container<'_>, ident: &Ident) -> (TokenStream, TokenStream) {
    match c.field(ident) {
        Some(f) if f.optional => (quote!(self.#ident.is_some()), quote!(self.#ident.is_none())),
        _ => (quote!(true), quote!(false)),
    }
}

/// The field's value as `Option<&str>`, for conditions on values.
fn value_str(c: &Container<'_>, ident: &Ident) -> TokenStream {
    match c.field(ident) {
        Some(f) if f.nullable => {
            quote!(self.#ident.as_ref().and_then(Option::as_ref).map(|v| v.as_str()))
        }
        Some(f) if f.optional => quote!(self.#ident.as_ref().map(|v| v.as_str())),
        _ => quote!(Some(self.#ident.as_str())),
    }
}

fn wire(c: &Container<'_>, ident: &Ident) -> String {
    c.field(ident)
        .map_or_else(|| ident.to_string(), |f| f.wire.clone())
}

fn rule(c: &Container<'_>, rule: &Rule) -> TokenStream {
    let rt = &c.krate;
    match rule {
        Rule::AnyOfRequired(fields) => {
            let absent = fields.iter().map(|f| presence(c, f).1);
            let names: Vec<String> = fields.iter().map(|f| wire(c, f)).collect();
            quote! {
                if #(#absent)&&* {
                    cx.fail(at, "anyOf", #rt::describe::none_of(&[#(#names),*]));
                }
            }
        }
        Rule::DependentRequired { trigger, required } => {
            let present = presence(c, trigger).0;
            let checks = required.iter().map(|r| {
                let absent = presence(c, r).1;
                let (trigger, member) = (wire(c, trigger), wire(c, r));
                quote! {
                    if #present && #absent {
                        cx.fail(at, "dependentRequired", #rt::describe::dependent(#trigger, #member));
                    }
                }
            });
            quote!(#(#checks)*)
        }
        Rule::Properties { min, max } => {
            let present = c.fields.iter().map(|f| {
                let member = f.member;
                if f.rules.additional {
                    quote!(self.#member.len())
                } else {
                    let present = presence(c, member).0;
                    quote!(usize::from(#present))
                }
            });
            let max = max.map(|n| quote!(#rt::check::max_properties(cx, at, members, #n);));
            let min = min.map(|n| quote!(#rt::check::min_properties(cx, at, members, #n);));
            quote! {
                let members: usize = [#(#present),*].into_iter().sum();
                #max #min
            }
        }
        Rule::TimeWindow {
            from,
            to,
            min_minutes,
        } => {
            let value = |f: &Ident| match c.field(f) {
                Some(field) if field.optional => quote!(self.#f.as_ref()),
                _ => quote!(Some(&self.#f)),
            };
            let (from_value, to_value) = (value(from), value(to));
            quote! {
                let time_of_day = |hour: i128, minute: i128| {
                    #rt::rules::time_window::TimeOfDay::new(u8::try_from(hour).ok()?, u8::try_from(minute).ok()?)
                };
                if let (Some(from), Some(to)) = (#from_value, #to_value) {
                    use #rt::rules::time_window::Whole as _;
                    let times = (
                        time_of_day(from.hour.whole(), from.minute.whole()),
                        time_of_day(to.hour.whole(), to.minute.whole()),
                    );
                    if let (Some(from), Some(to)) = times {
                        if let Some(message) = #rt::rules::time_window::check(from, to, #min_minutes) {
                            cx.fail(at, "timeWindow", message);
                        }
                    }
                }
            }
        }
        Rule::When { condition, effects } => when(c, condition, effects),
        Rule::Custom(path) => quote!(#path(self, cx, at);),
    }
}

fn when(c: &Container<'_>, condition: &Condition, effects: &[Effect]) -> TokenStream {
    let rt = &c.krate;
    let field = &condition.field;
    let shown = wire(c, field);
    let (test, described) = match &condition.values {
        None => {
            let (present, absent) = presence(c, field);
            if condition.negated {
                (absent, format!("without `{shown}`"))
            } else {
                (present, format!("when `{shown}` is present"))
            }
        }
        Some(values) => {
            let value = value_str(c, field);
            let list = values
                .iter()
                .map(|v| format!("\"{v}\""))
                .collect::<Vec<_>>()
                .join(", ");
            let one_of = if values.len() == 1 {
                list.clone()
            } else {
                format!("one of {list}")
            };
            if condition.negated {
                (
                    quote!(!matches!(#value, Some(#(#values)|*))),
                    format!("unless `{shown}` is {one_of}"),
                )
            } else {
                (
                    quote!(matches!(#value, Some(#(#values)|*))),
                    format!("when `{shown}` is {one_of}"),
                )
            }
        }
    };
    let mut out = Vec::new();
    for effect in effects {
        match effect {
            Effect::Require(fields) => {
                for f in fields {
                    let absent = presence(c, f).1;
                    let w = wire(c, f);
                    out.push(
                        quote!(if #absent { cx.fail(at, "required", #rt::describe::missing_when(#w, #described)); }),
                    );
                }
            }
            Effect::Forbid(fields) => {
                for f in fields {
                    let present = presence(c, f).0;
                    let w = wire(c, f);
                    out.push(quote!(if #present { cx.fail(&at.key(#w), #rt::describe::FORBIDDEN, #rt::describe::not_allowed(#w, #described)); }));
                }
            }
            Effect::Value { field, values } => {
                let present = presence(c, field).0;
                let value = value_str(c, field);
                let w = wire(c, field);
                let keyword = if values.len() == 1 { "const" } else { "enum" };
                out.push(quote! {
                    if #present && !matches!(#value, Some(#(#values)|*)) {
                        let shown = #value.map_or_else(|| "the value".to_string(), #rt::describe::preview_str);
                        #rt::parse::choice_failed(cx, &at.key(#w), &shown, &[#(#values),*], #keyword);
                    }
                });
            }
            Effect::Nested {
                field,
                require,
                forbid,
            } => {
                let value = match c.field(field) {
                    Some(f) if f.optional => quote!(self.#field.as_ref()),
                    _ => quote!(Some(&self.#field)),
                };
                let w = wire(c, field);
                for inner in require {
                    let inner_wire = syn::ext::IdentExt::unraw(inner).to_string();
                    out.push(quote! {
                        if #value.is_some_and(|inner| inner.#inner.is_none()) {
                            cx.fail(&at.key(#w), "required", #rt::describe::missing_when(#inner_wire, #described));
                        }
                    });
                }
                for inner in forbid {
                    let inner_wire = syn::ext::IdentExt::unraw(inner).to_string();
                    out.push(quote! {
                        if #value.is_some_and(|inner| inner.#inner.is_some()) {
                            cx.fail(&at.key(#w).key(#inner_wire), #rt::describe::FORBIDDEN, #rt::describe::not_allowed(#inner_wire, #described));
                        }
                    });
                }
            }
        }
    }
    let flag = format_ident!("__when_{}", syn::ext::IdentExt::unraw(field).to_string());
    quote! {
        let #flag = #test;
        if #flag {
            #(#out)*
        }
    }
}
