//! `#[validate(...)]` attributes for `#[derive(Validate)]`: a generated
//! struct's in-memory validation is the derive's, from the same rules a
//! hand-written struct would state. Parsing stays generated (`parse.rs`).

use proc_macro2::TokenStream;
use quote::quote;

use super::{ident, Emitter};
use crate::ir::{Condition, Effects, Field, FieldType, ObjectRule, StringRules, TypeKind};

fn string_rules(rules: &StringRules) -> Vec<TokenStream> {
    let mut out = Vec::new();
    if let Some(n) = rules.min_length {
        out.push(quote!(min_length = #n));
    }
    if let Some(n) = rules.max_length {
        out.push(quote!(max_length = #n));
    }
    if let Some(n) = rules.max_bytes {
        out.push(quote!(max_bytes = #n));
    }
    if let Some(format) = rules.format {
        let name = format.name();
        out.push(quote!(format = #name));
    }
    if let Some(pattern) = &rules.pattern {
        out.push(quote!(pattern = #pattern));
    }
    if let Some(days) = rules.max_days_ahead {
        out.push(quote!(max_days_ahead = #days));
    }
    if let Some(file) = &rules.base64_file {
        let (max, types) = (file.max_bytes, &file.media_types);
        out.push(quote!(base64_file(max_bytes = #max, media_types = [#(#types),*])));
    }
    out
}

/// The rules of one value of type `ty`, as attribute items.
fn value_rules(ty: &FieldType) -> Vec<TokenStream> {
    match ty {
        FieldType::String(rules) => string_rules(rules),
        FieldType::Integer(rules) => {
            let min = rules.minimum.map(|n| {
                if rules.exclusive_minimum {
                    let n = n - 1;
                    quote!(exclusive_minimum = #n)
                } else {
                    quote!(minimum = #n)
                }
            });
            let max = rules.maximum.map(|n| {
                if rules.exclusive_maximum {
                    let n = n + 1;
                    quote!(exclusive_maximum = #n)
                } else {
                    quote!(maximum = #n)
                }
            });
            let multiple = rules.multiple_of.map(|d| quote!(multiple_of = #d));
            min.into_iter().chain(max).chain(multiple).collect()
        }
        FieldType::Number(rules) => {
            let bound = |key: &str, n: Option<f64>| {
                n.map(|n| {
                    let key = quote::format_ident!("{key}");
                    quote!(#key = #n)
                })
            };
            [
                bound("minimum", rules.minimum),
                bound("maximum", rules.maximum),
                bound("exclusive_minimum", rules.exclusive_minimum),
                bound("exclusive_maximum", rules.exclusive_maximum),
                bound("multiple_of", rules.multiple_of),
            ]
            .into_iter()
            .flatten()
            .collect()
        }
        FieldType::Named(_) => vec![quote!(nested)],
        FieldType::Json(json) => {
            let text = super::checks::json_text(json);
            let key = quote::format_ident!("json_{}", super::checks::json_rule(json));
            vec![quote!(#key = #text)]
        }
        FieldType::Any(node) => {
            let schema = super::ident(&node.name);
            vec![quote!(schema = #schema)]
        }
        // The derive checks the value inside the `Option`s.
        FieldType::Nullable(inner) => value_rules(inner),
        FieldType::Boolean | FieldType::AnyObject | FieldType::Array(_) => Vec::new(),
    }
}

/// The rules of a typed map's values, as `, each(...)` / `, nested` after
/// `additional` in its `#[validate(...)]`.
pub fn map_values(ty: &FieldType) -> TokenStream {
    let rules = value_rules(ty);
    let nested = rules.iter().any(|t| t.to_string() == "nested");
    let each: Vec<_> = rules
        .into_iter()
        .filter(|t| t.to_string() != "nested")
        .collect();
    let each = (!each.is_empty()).then(|| quote!(, each(#(#each),*)));
    let nested = nested.then(|| quote!(, nested));
    quote!(#each #nested)
}

/// `#[validate(...)]` for a member, if it has rules.
pub fn field(field: &Field) -> TokenStream {
    // The derive looks through a nullable member's `Option`s.
    let ty = match &field.ty {
        FieldType::Nullable(inner) => inner,
        ty => ty,
    };
    let items = match ty {
        FieldType::Array(array) => {
            let mut items = Vec::new();
            if let Some(n) = array.max_items {
                items.push(quote!(max_items = #n));
            }
            if let Some(n) = array.min_items {
                items.push(quote!(min_items = #n));
            }
            if array.unique_items {
                items.push(quote!(unique_items));
            }
            let each = value_rules(&array.items);
            if each.iter().any(|t| t.to_string() == "nested") {
                items.push(quote!(nested));
            }
            let each: Vec<_> = each
                .into_iter()
                .filter(|t| t.to_string() != "nested")
                .collect();
            if !each.is_empty() {
                items.push(quote!(each(#(#each),*)));
            }
            items
        }
        other => value_rules(other),
    };
    if items.is_empty() {
        quote!()
    } else {
        quote!(#[validate(#(#items),*)])
    }
}

fn idents<'a>(
    fields: &'a [Field],
    wires: &'a [String],
) -> impl Iterator<Item = proc_macro2::Ident> + 'a {
    wires
        .iter()
        .filter_map(move |w| Emitter::field(fields, w).map(|f| ident(&f.rust)))
}

/// Container `#[validate(...)]` attributes for an object's rules.
pub fn container(emitter: &Emitter<'_>, fields: &[Field], rules: &[ObjectRule]) -> TokenStream {
    let attrs = rules.iter().map(|rule| match rule {
        ObjectRule::AnyOfRequired(members) => {
            let members = idents(fields, members);
            quote!(#[validate(any_of_required(#(#members),*))])
        }
        ObjectRule::DependentRequired { trigger, required } => {
            let all: Vec<String> = std::iter::once(trigger.clone())
                .chain(required.iter().cloned())
                .collect();
            let members: Vec<_> = idents(fields, &all).collect();
            quote!(#[validate(dependent_required(#(#members),*))])
        }
        ObjectRule::PropertyCount { min, max } => {
            let min = min.map(|n| quote!(min = #n));
            let max = max.map(|n| quote!(max = #n));
            let items = min.into_iter().chain(max);
            quote!(#[validate(properties(#(#items),*))])
        }
        ObjectRule::TimeWindow(spec) => {
            let from = idents(fields, std::slice::from_ref(&spec.from));
            let to = idents(fields, std::slice::from_ref(&spec.to));
            let min = spec.min_minutes;
            quote!(#[validate(time_window(from = #(#from)*, to = #(#to)*, min_minutes = #min))])
        }
        ObjectRule::Conditional {
            when,
            then,
            otherwise,
        } => {
            let then = conditional(emitter, fields, when, false, then);
            let otherwise = conditional(emitter, fields, when, true, otherwise);
            quote!(#then #otherwise)
        }
    });
    quote!(#(#attrs)*)
}

fn conditional(
    emitter: &Emitter<'_>,
    fields: &[Field],
    when: &Condition,
    negated: bool,
    effects: &Effects,
) -> TokenStream {
    if effects.is_empty() {
        return quote!();
    }
    let Some(member) = Emitter::field(fields, &when.member) else {
        return quote!();
    };
    let name = ident(&member.rust);
    let condition = match &when.values {
        None => quote!(#name),
        Some(values) if values.len() == 1 => {
            let value = &values[0];
            quote!(#name = #value)
        }
        Some(values) => quote!(#name = [#(#values),*]),
    };
    let condition = if negated {
        quote!(not(#condition))
    } else {
        condition
    };
    let mut items = Vec::new();
    let required: Vec<_> = idents(fields, &effects.required).collect();
    if !required.is_empty() {
        items.push(quote!(require(#(#required),*)));
    }
    let forbidden: Vec<_> = idents(fields, &effects.forbidden).collect();
    if !forbidden.is_empty() {
        items.push(quote!(forbid(#(#forbidden),*)));
    }
    for (wire, values, _) in &effects.values {
        let Some(field) = Emitter::field(fields, wire) else {
            continue;
        };
        let name = ident(&field.rust);
        items.push(if values.len() == 1 {
            let value = &values[0];
            quote!(value(#name = #value))
        } else {
            quote!(value(#name = [#(#values),*]))
        });
    }
    for (wire, inner) in &effects.nested {
        let Some(field) = Emitter::field(fields, wire) else {
            continue;
        };
        let FieldType::Named(id) = field.ty else {
            continue;
        };
        let TypeKind::Struct(def) = &emitter.def(id).kind else {
            continue;
        };
        let name = ident(&field.rust);
        let require: Vec<_> = idents(&def.fields, &inner.required).collect();
        let forbid: Vec<_> = idents(&def.fields, &inner.forbidden).collect();
        let require = (!require.is_empty()).then(|| quote!(, require(#(#require),*)));
        let forbid = (!forbid.is_empty()).then(|| quote!(, forbid(#(#forbid),*)));
        items.push(quote!(nested(#name #require #forbid)));
    }
    quote!(#[validate(when(#condition, #(#items),*))])
}
