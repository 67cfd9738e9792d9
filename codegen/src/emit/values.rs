//! Schemas checked over a JSON value at run time: one `static`
//! `ValueSchema` per node, naming only the rules its schema sets
//! (`..ValueSchema::ANY` for the rest) and referring to other nodes' statics
//! for subschemas, so a reader follows a `$ref` as a Rust reference.

use proc_macro2::TokenStream;
use quote::quote;

use super::{checks, ident, Emitter};
use crate::ir::{JsonValues, ValueId, ValueNode};

pub fn definition(emitter: &Emitter<'_>, node: &ValueNode) -> TokenStream {
    let name = ident(&node.name);
    // Escaped: a member name may hold control characters.
    let doc = format!(
        " The schema at `#{}`, checked at run time.",
        node.pointer.escape_debug()
    );
    let rules = rules(emitter, node);
    quote! {
        #[doc = #doc]
        static #name: __rt::value_schema::ValueSchema = __rt::value_schema::ValueSchema {
            #(#rules,)*
            ..__rt::value_schema::ValueSchema::ANY
        };
    }
}

fn rules(emitter: &Emitter<'_>, node: &ValueNode) -> Vec<TokenStream> {
    let node_ref = |id: &ValueId| {
        let target = ident(&emitter.module.values[id.0].name);
        quote!(&#target)
    };
    let one = |id: &Option<ValueId>| id.as_ref().map(node_ref).map(|r| quote!(Some(#r)));
    let list = |ids: &[ValueId]| {
        let refs = ids.iter().map(node_ref);
        quote!(&[#(#refs),*])
    };
    let members = |members: &[(String, ValueId)]| {
        let entries = members.iter().map(|(name, id)| {
            let target = node_ref(id);
            quote!((#name, #target))
        });
        quote!(&[#(#entries),*])
    };
    let mut out = Vec::new();
    let mut set = |field: &str, value: Option<TokenStream>| {
        if let Some(value) = value {
            let field = ident(field);
            out.push(quote!(#field: #value));
        }
    };
    let some_u64 = |n: Option<u64>| n.map(|n| quote!(Some(#n)));
    let some_f64 = |x: Option<f64>| x.map(|x| quote!(Some(#x)));
    set("nothing", node.nothing.then(|| quote!(true)));
    set(
        "types",
        node.types.as_ref().map(|types| {
            let mut flags = types.iter().map(|t| {
                let flag = ident(&t.to_uppercase());
                quote!(__rt::value_schema::Types::#flag)
            });
            // The lowering refuses an empty list.
            let first = flags.next();
            quote!(Some(#first #(.or(#flags))*))
        }),
    );
    set(
        "values",
        (!node.values.is_empty()).then(|| {
            let entries = node.values.iter().map(allowed);
            quote!(&[#(#entries),*])
        }),
    );
    set("reference", one(&node.reference));
    set("min_length", some_u64(node.min_length));
    set("max_length", some_u64(node.max_length));
    set("max_bytes", some_u64(node.max_bytes));
    set(
        "pattern",
        node.pattern.as_ref().map(|source| {
            quote!(Some({
                static PATTERN: __rt::rules::pattern::Pattern = __rt::rules::pattern::Pattern::new(#source);
                &PATTERN
            }))
        }),
    );
    set("format", node.format.map(|name| quote!(Some(#name))));
    set("minimum", some_f64(node.minimum));
    set("maximum", some_f64(node.maximum));
    set("exclusive_minimum", some_f64(node.exclusive_minimum));
    set("exclusive_maximum", some_f64(node.exclusive_maximum));
    set("multiple_of", some_f64(node.multiple_of));
    set(
        "numeric_format",
        node.numeric_format.map(|range| {
            let format = checks::numeric_format(range.format);
            let integer = range.integer;
            let minimum = option_f64(range.minimum);
            let maximum = option_f64(range.maximum);
            quote!(Some(__rt::rules::integer::FormatRange {
                format: #format,
                integer: #integer,
                minimum: #minimum,
                maximum: #maximum,
            }))
        }),
    );
    set(
        "integer_limits",
        node.integer_limits.map(|limits| {
            let chosen = quote::format_ident!("{}", format!("{:?}", limits.chosen));
            let minimum = option_i128(limits.minimum);
            let maximum = option_i128(limits.maximum);
            let format = match limits.format {
                Some(format) => {
                    let format = checks::numeric_format(format);
                    quote!(Some(#format))
                }
                None => quote!(None),
            };
            quote!(Some(__rt::rules::integer::IntegerLimits {
                chosen: __rt::rules::integer::IntegerType::#chosen,
                minimum: #minimum,
                maximum: #maximum,
                format: #format,
            }))
        }),
    );
    set(
        "prefix_items",
        (!node.prefix_items.is_empty()).then(|| list(&node.prefix_items)),
    );
    set("items", one(&node.items));
    set("min_items", some_u64(node.min_items));
    set("max_items", some_u64(node.max_items));
    set("unique_items", node.unique_items.then(|| quote!(true)));
    set("contains", one(&node.contains));
    set("min_contains", some_u64(node.min_contains));
    set("max_contains", some_u64(node.max_contains));
    set("unevaluated_items", one(&node.unevaluated_items));
    set(
        "properties",
        (!node.properties.is_empty()).then(|| members(&node.properties)),
    );
    set(
        "pattern_properties",
        (!node.pattern_properties.is_empty()).then(|| {
            let entries = node.pattern_properties.iter().map(|(source, id)| {
                let target = node_ref(id);
                quote!(({
                    static PATTERN: __rt::rules::pattern::Pattern = __rt::rules::pattern::Pattern::new(#source);
                    &PATTERN
                }, #target))
            });
            quote!(&[#(#entries),*])
        }),
    );
    set("additional_properties", one(&node.additional_properties));
    set("property_names", one(&node.property_names));
    set(
        "required",
        (!node.required.is_empty()).then(|| {
            let names = &node.required;
            quote!(&[#(#names),*])
        }),
    );
    set("min_properties", some_u64(node.min_properties));
    set("max_properties", some_u64(node.max_properties));
    set(
        "dependent_required",
        (!node.dependent_required.is_empty()).then(|| {
            let entries = node
                .dependent_required
                .iter()
                .map(|(trigger, needs)| quote!((#trigger, &[#(#needs),*])));
            quote!(&[#(#entries),*])
        }),
    );
    set(
        "dependent_schemas",
        (!node.dependent_schemas.is_empty()).then(|| members(&node.dependent_schemas)),
    );
    set("unevaluated_properties", one(&node.unevaluated_properties));
    set(
        "all_of",
        (!node.all_of.is_empty()).then(|| list(&node.all_of)),
    );
    set(
        "any_of",
        (!node.any_of.is_empty()).then(|| list(&node.any_of)),
    );
    set(
        "one_of",
        (!node.one_of.is_empty()).then(|| list(&node.one_of)),
    );
    set(
        "any_of_selector",
        node.any_of_selector.as_ref().map(selector),
    );
    set(
        "one_of_selector",
        node.one_of_selector.as_ref().map(selector),
    );
    set("not", one(&node.not));
    set("if_", one(&node.if_));
    set("then", one(&node.then));
    set("else_", one(&node.else_));
    set(
        "dynamic_reference",
        node.dynamic_reference.as_ref().map(|(anchor, id)| {
            let target = node_ref(id);
            quote!(Some(__rt::value_schema::DynamicReference {
                anchor: #anchor,
                target: #target,
            }))
        }),
    );
    set(
        "dynamic_anchors",
        (!node.dynamic_anchors.is_empty()).then(|| members(&node.dynamic_anchors)),
    );
    out
}

/// `Some(Selector::…)`: what tells alternatives apart.
pub(super) fn selector(spec: &crate::ir::SelectorSpec) -> TokenStream {
    match spec {
        crate::ir::SelectorSpec::Tag(tag) => {
            quote!(Some(__rt::rules::alternatives::Selector::Tag(#tag)))
        }
        crate::ir::SelectorSpec::Members { members, exclusive } => quote!(Some(
            __rt::rules::alternatives::Selector::Members {
                members: &[#(#members),*],
                exclusive: #exclusive,
            }
        )),
    }
}

/// `(&ALLOWED, "enum")`: the values of an `enum` or `const`, read once.
fn allowed(json: &JsonValues) -> TokenStream {
    let text = checks::json_text(json);
    let rule = checks::json_rule(json);
    quote!(({
        static ALLOWED: __rt::rules::json_value::Allowed = __rt::rules::json_value::Allowed::new(#text);
        &ALLOWED
    }, #rule))
}

fn option_f64(x: Option<f64>) -> TokenStream {
    match x {
        Some(x) => quote!(Some(#x)),
        None => quote!(None),
    }
}

fn option_i128(n: Option<i128>) -> TokenStream {
    match n {
        Some(n) => quote!(Some(#n)),
        None => quote!(None),
    }
}
