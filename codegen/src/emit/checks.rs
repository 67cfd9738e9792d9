//! Checks of one value against its type's rules, as statements over `cx`
//! (the `Context`), `at` (its `Path`) and a value expression. Parsing and
//! validation emit the same statements, so both report the same way.

use proc_macro2::TokenStream;
use quote::quote;

use crate::ir::{
    FieldType, Format, IntegerRules, JsonValues, NumberRules, NumericFormat, StringRules, ValueRef,
};

/// Checks on a string `v` (a `&String` or `&str` expression).
pub fn string(rules: &StringRules, v: &TokenStream) -> TokenStream {
    let mut out = Vec::new();
    if let Some(n) = rules.min_length {
        out.push(quote!(__rt::check::min_length(cx, &at, #v, #n);));
    }
    if let Some(n) = rules.max_length {
        out.push(quote!(__rt::check::max_length(cx, &at, #v, #n);));
    }
    if let Some(n) = rules.max_bytes {
        out.push(quote!(__rt::check::max_bytes(cx, &at, #v, #n);));
    }
    // An Infobip date-time with a day limit is parsed once for both rules.
    let combined_days = match (rules.format, rules.max_days_ahead) {
        (Some(Format::InfobipDateTime), Some(days)) => Some(days),
        _ => None,
    };
    match rules.format {
        Some(Format::Uri) => out.push(quote!(__rt::check::format_uri(cx, &at, #v);)),
        Some(Format::DateTime) => out.push(quote!(__rt::check::format_date_time(cx, &at, #v);)),
        Some(Format::InfobipDateTime) => match combined_days {
            Some(days) => {
                out.push(quote!(__rt::check::infobip_date_time_max_days_ahead(cx, &at, #v, #days);))
            }
            None => out.push(quote!(__rt::check::format_infobip_date_time(cx, &at, #v);)),
        },
        Some(Format::Standard(name)) => out.push(quote!(__rt::check::format(cx, &at, #v, #name);)),
        None => {}
    }
    if let Some(source) = &rules.pattern {
        out.push(quote! {
            __rt::check::pattern(cx, &at, #v, {
                static PATTERN: __rt::rules::pattern::Pattern = __rt::rules::pattern::Pattern::new(#source);
                &PATTERN
            });
        });
    }
    if let (Some(days), None) = (rules.max_days_ahead, combined_days) {
        out.push(quote!(__rt::check::max_days_ahead(cx, &at, #v, #days);));
    }
    if let Some(file) = &rules.base64_file {
        let max = file.max_bytes;
        let types = &file.media_types;
        out.push(quote!(__rt::check::base64_file(cx, &at, #v, #max, &[#(#types),*]);));
    }
    quote!(#(#out)*)
}

/// Bounds and `multipleOf` on an integer `n`, an `i128` expression.
pub fn integer(rules: &IntegerRules, n: &TokenStream) -> TokenStream {
    let bounds = integer_bounds(rules, n);
    let multiple = integer_multiple(rules, n);
    quote!(#bounds #multiple)
}

/// `multipleOf` on an integer `n`, an `i128` expression.
pub fn integer_multiple(rules: &IntegerRules, n: &TokenStream) -> TokenStream {
    rules.multiple_of.map_or_else(
        TokenStream::new,
        |d| quote!(__rt::check::multiple_of_int(cx, &at, #n, #d);),
    )
}

/// Bounds on an integer `n`, an `i128` expression.
pub fn integer_bounds(rules: &IntegerRules, n: &TokenStream) -> TokenStream {
    let min = rules.minimum.map(|m| {
        if rules.exclusive_minimum {
            let limit = m - 1;
            quote!(__rt::check::exclusive_minimum_int(cx, &at, #n, #limit);)
        } else {
            quote!(__rt::check::minimum_int(cx, &at, #n, #m);)
        }
    });
    let max = rules.maximum.map(|m| {
        if rules.exclusive_maximum {
            let limit = m + 1;
            quote!(__rt::check::exclusive_maximum_int(cx, &at, #n, #limit);)
        } else {
            quote!(__rt::check::maximum_int(cx, &at, #n, #m);)
        }
    });
    quote!(#min #max)
}

/// The path of a numeric format in generated code.
pub fn numeric_format(format: NumericFormat) -> TokenStream {
    let variant = quote::format_ident!("{}", format!("{format:?}"));
    quote!(__rt::rules::integer::NumericFormat::#variant)
}

/// An integer's format range (`int32`, `int64`), checked on the `i128`
/// read before it is narrowed.
pub fn integer_format(rules: &IntegerRules, n: &TokenStream) -> TokenStream {
    rules.format.map_or_else(TokenStream::new, |format| {
        let format = numeric_format(format);
        quote!(__rt::check::integer_format(cx, &at, #n, #format);)
    })
}

/// Bounds on a number `x`, an `f64` (or `f32`) expression.
pub fn number(rules: &NumberRules, x: &TokenStream) -> TokenStream {
    let min = rules
        .minimum
        .map(|m| quote!(__rt::check::minimum(cx, &at, #x, #m);));
    let max = rules
        .maximum
        .map(|m| quote!(__rt::check::maximum(cx, &at, #x, #m);));
    let exclusive_min = rules
        .exclusive_minimum
        .map(|m| quote!(__rt::check::exclusive_minimum(cx, &at, #x, #m);));
    let exclusive_max = rules
        .exclusive_maximum
        .map(|m| quote!(__rt::check::exclusive_maximum(cx, &at, #x, #m);));
    let multiple = rules
        .multiple_of
        .map(|d| quote!(__rt::check::multiple_of(cx, &at, #x, #d);));
    quote!(#min #max #exclusive_min #exclusive_max #multiple)
}

/// A number's format range, other than `float`'s (which reading into an
/// `f32` checks).
pub fn number_format(rules: &NumberRules, x: &TokenStream) -> TokenStream {
    match rules.format {
        None | Some(NumericFormat::Float) => TokenStream::new(),
        Some(format) => {
            let format = numeric_format(format);
            // Every format but `float` (not checked here) is held in an `f64`.
            quote!(__rt::check::number_format(cx, &at, #x, #format);)
        }
    }
}

/// Every check of a value already in memory: `v` is a reference to it.
/// Named types validate themselves; arrays check their count and each item.
pub fn in_memory(ty: &FieldType, v: &TokenStream) -> TokenStream {
    match ty {
        FieldType::String(rules) => string(rules, v),
        FieldType::Integer(rules) => integer(rules, &quote!(i128::from(*#v))),
        FieldType::Number(rules) => number(rules, &quote!(*#v)),
        FieldType::Boolean => quote!(),
        FieldType::Json(json) => json_check(json, v),
        FieldType::Any(node) => value_check(node, v),
        FieldType::Nullable(inner) => {
            let checks = in_memory(inner, &quote!(v));
            if checks.is_empty() {
                quote!()
            } else {
                quote!(if let Some(v) = #v { #checks })
            }
        }
        FieldType::Named(_) | FieldType::AnyObject => {
            quote!(__rt::Validate::validate_at(#v, cx, &at);)
        }
        FieldType::Array(array) => {
            let max = array
                .max_items
                .map(|n| quote!(__rt::check::max_items(cx, &at, #v.len(), #n);));
            let min = array
                .min_items
                .map(|n| quote!(__rt::check::min_items(cx, &at, #v.len(), #n);));
            let unique = array
                .unique_items
                .then(|| quote!(__rt::check::unique_items(cx, &at, #v);));
            let each = in_memory(&array.items, &quote!(item));
            let each = (!each.is_empty()).then(|| {
                quote! {
                    for (index, item) in #v.iter().enumerate() {
                        let at = at.index(index);
                        #each
                    }
                }
            });
            quote!(#max #min #unique #each)
        }
    }
}

/// The allowed values of a JSON `enum`/`const`, as a JSON array's text.
pub fn json_text(json: &JsonValues) -> String {
    serde_json::Value::Array(json.values.clone()).to_string()
}

/// The rule a JSON `enum`/`const` reports under.
pub fn json_rule(json: &JsonValues) -> &'static str {
    match json.rule {
        crate::ir::ValueRule::Enum => "enum",
        crate::ir::ValueRule::Const => "const",
    }
}

/// `enum`/`const` of JSON values: `v` is a reference to the value.
pub fn json_check(json: &JsonValues, v: &TokenStream) -> TokenStream {
    let text = json_text(json);
    let rule = json_rule(json);
    quote! {
        {
            static ALLOWED: __rt::rules::json_value::Allowed =
                __rt::rules::json_value::Allowed::new(#text);
            __rt::check::json_value(cx, &at, #v, &ALLOWED, #rule);
        }
    }
}

/// A JSON value against its run-time schema: `v` is a reference to it.
pub fn value_check(node: &ValueRef, v: &TokenStream) -> TokenStream {
    let schema = super::ident(&node.name);
    quote!(__rt::value_schema::check(&#schema, #v, &at, cx);)
}

/// Checks run on a freshly parsed scalar (strings and numbers; integers are
/// checked before narrowing, arrays and objects check themselves as they
/// are read).
pub fn parsed_scalar(ty: &FieldType, v: &TokenStream) -> TokenStream {
    match ty {
        FieldType::String(rules) => string(rules, v),
        FieldType::Number(rules) => {
            let bounds = number(rules, &quote!(*#v));
            let format = number_format(rules, &quote!(*#v));
            quote!(#bounds #format)
        }
        FieldType::Json(json) => json_check(json, v),
        FieldType::Any(node) => value_check(node, v),
        _ => quote!(),
    }
}
