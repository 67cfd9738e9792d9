//! Type definitions: structs, string enums, and tagged unions, with serde
//! attributes that match the wire format exactly and, when asked for,
//! schemars' derive.

use proc_macro2::TokenStream;
use quote::quote;

use super::{attrs, docs, ident, Emitter, JsonSchemaDerive};
use crate::ir::{
    EnumDef, Field, IntegerEnumDef, Rest, StructDef, TupleDef, TypeDef, TypeKind, UnionDef, Variant,
};

pub fn definition(emitter: &Emitter<'_>, def: &TypeDef) -> TokenStream {
    let name = ident(&def.name);
    match &def.kind {
        TypeKind::Struct(s) => structure(emitter, def, s),
        TypeKind::Enum(e) => enumeration(emitter, def, e),
        TypeKind::IntegerEnum(e) => integer_enumeration(emitter, def, e),
        TypeKind::TypeUnion(variants) => type_union(emitter, def, variants),
        TypeKind::Alternatives(a) => alternatives(emitter, def, a),
        TypeKind::Union(u) => union(emitter, def, u, &name),
        TypeKind::Tuple(t) => tuple(emitter, def, t),
        TypeKind::Text(rules) => text(emitter, def, rules),
        TypeKind::DateTime(rules) => date_time(emitter, def, rules),
        TypeKind::Numeric(rules) => numeric(emitter, def, rules),
        TypeKind::List(array) => list(emitter, def, array),
        TypeKind::Newtype(ty) => {
            let doc = docs::attributes(&def.doc, &docs::limits(&emitter.resolved(ty)));
            let derives = derives(emitter);
            let inner = emitter.value_type(ty);
            quote! {
                #doc
                #derives
                #[serde(transparent)]
                pub struct #name(pub #inner);
            }
        }
    }
}

fn derives(emitter: &Emitter<'_>) -> TokenStream {
    let json_schema = json_schema(emitter);
    quote! {
        #[derive(Debug, Clone, PartialEq, __rt::serde::Serialize)]
        #[serde(crate = "__rt::serde")]
        #json_schema
    }
}

/// schemars' derive, as [`JsonSchemaDerive`] says: never, always, or under
/// a `cfg` (the bundled types: under the `dmforge` crate's `json-schema`
/// feature, so that users who do not ask for schemars do not compile it).
fn json_schema(emitter: &Emitter<'_>) -> Option<TokenStream> {
    match &emitter.options.json_schema {
        JsonSchemaDerive::Never => None,
        JsonSchemaDerive::Always => Some(quote! {
            #[derive(__rt::schemars::JsonSchema)]
            #[schemars(crate = "__rt::schemars")]
        }),
        JsonSchemaDerive::WhenFeature(feature) => Some(quote! {
            #[cfg_attr(
                feature = #feature,
                derive(__rt::schemars::JsonSchema),
                schemars(crate = "__rt::schemars")
            )]
        }),
    }
}

fn fields(emitter: &Emitter<'_>, fields: &[Field], public: bool, derive: bool) -> Vec<TokenStream> {
    fields
        .iter()
        .map(|field| {
            let doc = docs::attributes(&field.doc, &docs::limits(&emitter.resolved(&field.ty)));
            let name = ident(&field.rust);
            let ty = emitter.field_type(field);
            let wire = &field.wire;
            let rename = (field.rust.trim_start_matches("r#") != field.wire)
                .then(|| quote!(#[serde(rename = #wire)]));
            let skip = (!field.required)
                .then(|| quote!(#[serde(skip_serializing_if = "Option::is_none")]));
            let vis = public.then(|| quote!(pub));
            let validate = derive.then(|| attrs::field(field));
            quote! {
                #doc
                #rename
                #skip
                #validate
                #vis #name: #ty,
            }
        })
        .collect()
}

/// For the schema's root type, its first `example` as a doctest that
/// deserializes it (with [`Options::examples_crate`](super::Options) set),
/// or as a JSON block to read.
fn root_example(emitter: &Emitter<'_>, def: &TypeDef) -> TokenStream {
    let module = emitter.module;
    let is_root = module.types[module.root.0].name == def.name;
    let Some(example) = module.examples.first().filter(|_| is_root) else {
        return quote!();
    };
    let Ok(json) = serde_json::to_string_pretty(example) else {
        return quote!();
    };
    let mut lines = vec![String::new(), " # Example".to_string(), String::new()];
    match &emitter.options.examples_crate {
        Some(krate) => {
            let path: Vec<String> = module.id.split('/').map(crate::names::snake).collect();
            // Enough `#`s that the JSON cannot end the raw string early.
            let mut hashes = "#".to_string();
            while json.contains(&format!("\"{hashes}")) {
                hashes.push('#');
            }
            lines.push(" ```".into());
            lines.push(format!(
                " let value: {krate}::{}::{} = serde_json::from_str(r{hashes}\"",
                path.join("::"),
                def.name
            ));
            lines.extend(json.lines().map(|l| format!(" {l}")));
            lines.push(format!(" \"{hashes})?;"));
            lines.push(" # Ok::<(), serde_json::Error>(())".into());
        }
        None => {
            lines.push(" ```json".into());
            lines.extend(json.lines().map(|l| format!(" {l}")));
        }
    }
    lines.push(" ```".into());
    let lines = lines.iter().map(|l| docs::clean(l));
    quote!(#(#[doc = #lines])*)
}

fn structure(emitter: &Emitter<'_>, def: &TypeDef, s: &StructDef) -> TokenStream {
    let name = ident(&def.name);
    let doc = docs::attributes(&def.doc, &[]);
    let example = root_example(emitter, def);
    let doc = quote!(#doc #example);
    let derives = derives(emitter);
    let deny = s.closed.then(|| quote!(#[serde(deny_unknown_fields)]));
    let container_rules = attrs::container(emitter, &s.fields, &s.rules);
    // Two rules may name the same member (`require(payload)` under two
    // conditions); clippy's duplicated_attributes cannot tell them apart.
    let allow = (!s.rules.is_empty()).then(|| quote!(#[allow(clippy::duplicated_attributes)]));
    let fields = fields(emitter, &s.fields, true, true);
    // An open object keeps what it does not list, so nothing is lost in a
    // round trip.
    let additional = (!s.closed).then(|| {
        let name = super::additional_ident(&s.fields);
        let map = super::parse::additional_map_type(emitter, s.additional.as_ref());
        match &s.additional {
            None => quote! {
                /// Members the schema does not list, kept as they were sent.
                #[serde(flatten)]
                #[validate(additional)]
                pub #name: #map,
            },
            Some(ty) => {
                let rules = attrs::map_values(ty);
                let pattern = s
                    .additional_pattern
                    .as_ref()
                    .map(|source| quote!(, additional_pattern = #source));
                let limits = super::docs::limits(&emitter.resolved(ty));
                let limits: Vec<String> = s
                    .additional_pattern
                    .iter()
                    .map(|p| format!("Only names matching `{}`.", super::docs::clean(p)))
                    .chain(limits)
                    .collect();
                let doc = if limits.is_empty() {
                    " Members the schema does not list, each of the type its `additionalProperties` gives.".to_string()
                } else {
                    format!(
                        " Members the schema does not list, each of the type its `additionalProperties` gives. Each: {}",
                        limits.join(" ")
                    )
                };
                quote! {
                    #[doc = #doc]
                    #[serde(flatten)]
                    #[validate(additional #pattern #rules)]
                    pub #name: #map,
                }
            }
        }
    });
    quote! {
        #doc
        #derives
        #[derive(__rt::Validate)]
                #[dmforge(crate = "__rt")]
        #deny
        #allow
        #container_rules
        pub struct #name {
            #(#fields)*
            #additional
        }
    }
}

fn enumeration(emitter: &Emitter<'_>, def: &TypeDef, e: &EnumDef) -> TokenStream {
    let name = ident(&def.name);
    let json_schema = json_schema(emitter);
    let doc = docs::attributes(&def.doc, &[]);
    let variants = e.values.iter().map(|(wire, variant)| {
        let variant = ident(variant);
        let doc = format!(" `{}`", docs::clean(wire));
        quote! {
            #[doc = #doc]
            #[serde(rename = #wire)]
            #variant,
        }
    });
    let all = e.values.iter().map(|(_, v)| {
        let v = ident(v);
        quote!(Self::#v)
    });
    let wires: Vec<&String> = e.values.iter().map(|(w, _)| w).collect();
    let arms = e.values.iter().map(|(wire, v)| {
        let v = ident(v);
        quote!(Self::#v => #wire,)
    });
    let count = e.values.len();
    quote! {
        #doc
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, __rt::serde::Serialize)]
        #[serde(crate = "__rt::serde")]
        #json_schema
        pub enum #name {
            #(#variants)*
        }

        impl #name {
            /// Every value, in schema order.
            pub const ALL: [Self; #count] = [#(#all),*];
            /// Every value as sent on the wire, in schema order.
            pub const VALUES: &'static [&'static str] = &[#(#wires),*];

            /// The value as sent on the wire.
            #[must_use]
            pub fn as_str(self) -> &'static str {
                match self {
                    #(#arms)*
                }
            }
        }
    }
}

/// A value of one of several types: a variant per type, written as the
/// value itself.
fn type_union(
    emitter: &Emitter<'_>,
    def: &TypeDef,
    variants: &[crate::ir::TypeVariant],
) -> TokenStream {
    let name = ident(&def.name);
    let doc = docs::attributes(&def.doc, &[]);
    let derives = derives(emitter);
    let variants = variants.iter().map(|variant| {
        let name = ident(&variant.name);
        let ty = emitter.value_type(&variant.ty);
        let doc = docs::attributes(
            &crate::ir::Doc {
                title: None,
                description: Some(format!("A value of type `{}`.", variant.json_type)),
                pointer: String::new(),
            },
            &docs::limits(&emitter.resolved(&variant.ty)),
        );
        quote! {
            #doc
            #name(#ty),
        }
    });
    quote! {
        #doc
        #derives
        #[serde(untagged)]
        pub enum #name {
            #(#variants)*
        }
    }
}

/// `oneOf`/`anyOf`: a variant per alternative, written as the alternative
/// itself (no tag of serde's own: a tag member is the alternative's).
fn alternatives(
    emitter: &Emitter<'_>,
    def: &TypeDef,
    a: &crate::ir::AlternativesDef,
) -> TokenStream {
    let name = ident(&def.name);
    let doc = docs::attributes(&def.doc, &[]);
    let derives = derives(emitter);
    let variants = a.variants.iter().map(|variant| {
        let name = ident(&variant.name);
        let ty = emitter.value_type(&variant.ty);
        let mut doc = variant.doc.clone();
        if doc.description.is_none() && doc.title.is_none() {
            doc.description = Some(match (a.tag(), &variant.tag_value) {
                (Some(tag), Some(value)) => format!("`{tag}` is `{value}`."),
                _ => format!("The alternative at `#{}`.", variant.doc.pointer),
            });
        }
        let doc = docs::attributes(&doc, &docs::limits(&emitter.resolved(&variant.ty)));
        quote! {
            #doc
            #name(#ty),
        }
    });
    // Each variant holds its alternative by value, so that a match reads
    // as the schema does; one alternative may well be much larger.
    quote! {
        #doc
        #derives
        #[serde(untagged)]
        #[allow(clippy::large_enum_variant)]
        pub enum #name {
            #(#variants)*
        }
    }
}

/// For a type that keeps its rules in a rules type beside it: its path
/// from the generated root (`webex_connect::send_message::QuickReplyTitle`),
/// which messages name, and the rules type's doc line.
fn kept_names(emitter: &Emitter<'_>, def: &TypeDef, what: &str) -> (String, String) {
    let module: Vec<String> = emitter
        .module
        .id
        .split('/')
        .map(crate::names::snake)
        .collect();
    let qualified = format!("{}::{}", module.join("::"), def.name);
    let rules_doc = format!(
        " The {what} of [`{}`], checked by every way to make one.",
        def.name
    );
    (qualified, rules_doc)
}

/// A list with a count limit: `List` of its items and of a rules type
/// generated beside it (`UniqueList` when its items must differ); the type
/// is named for the member (`QuickReplies`).
fn list(emitter: &Emitter<'_>, def: &TypeDef, array: &crate::ir::ArrayType) -> TokenStream {
    let name = ident(&def.name);
    let rules_name = quote::format_ident!("{}Rules", def.name);
    let resolved = emitter.resolved(&crate::ir::FieldType::Array(Box::new(array.clone())));
    let doc = docs::attributes(&def.doc, &docs::limits(&resolved));
    let (qualified, rules_doc) = kept_names(emitter, def, "item limits");
    let option = |n: Option<u64>| n.map_or_else(|| quote!(None), |n| quote!(Some(#n)));
    let (min, max) = (option(array.min_items), option(array.max_items));
    let item = emitter.item_type(&array.items);
    let list = if array.unique_items {
        quote!(UniqueList)
    } else {
        quote!(List)
    };
    quote! {
        #doc
        pub type #name = __rt::list::#list<#item, #rules_name>;

        #[doc = #rules_doc]
        pub enum #rules_name {}

        impl __rt::list::ListRules for #rules_name {
            const LIMITS: __rt::lit::ItemLimits = __rt::lit::ItemLimits {
                name: #qualified,
                min_items: #min,
                max_items: #max,
            };
        }
    }
}

/// A string with rules: `Text` of a rules type generated beside it, which
/// checks them; the type is named for the member (`QuickReplyTitle`).
fn text(emitter: &Emitter<'_>, def: &TypeDef, rules: &crate::ir::StringRules) -> TokenStream {
    let name = ident(&def.name);
    let rules_name = quote::format_ident!("{}Rules", def.name);
    let doc = docs::attributes(
        &def.doc,
        &docs::limits(&crate::ir::FieldType::String(rules.clone())),
    );
    let (qualified, rules_doc) = kept_names(emitter, def, "rules");
    let option = |n: Option<u64>| n.map_or_else(|| quote!(None), |n| quote!(Some(#n)));
    let (min, max, bytes) = (
        option(rules.min_length),
        option(rules.max_length),
        option(rules.max_bytes),
    );
    let only_limits = rules.only_limits();
    let format = rules.format.map(|format| {
        let format = format.name();
        quote!(const FORMAT: Option<&'static str> = Some(#format);)
    });
    let pattern = rules
        .pattern
        .as_ref()
        .map(|pattern| quote!(const PATTERN: Option<&'static str> = Some(#pattern);));
    let time_relative = rules.max_days_ahead.map(|_| {
        quote!(
            const TIME_RELATIVE: bool = true;
        )
    });
    let checks = super::checks::string(rules, &quote!(text));
    // Length checks are a few instructions, inlined into every parser of
    // the member like a plain string's were; a format or pattern is left to
    // the compiler.
    let inline = if only_limits {
        quote!(#[inline(always)])
    } else {
        quote!(#[inline])
    };
    quote! {
        #doc
        pub type #name = __rt::text::Text<#rules_name>;

        #[doc = #rules_doc]
        pub enum #rules_name {}

        impl __rt::text::TextRules for #rules_name {
            const LIMITS: __rt::lit::StrLimits = __rt::lit::StrLimits {
                name: #qualified,
                min_chars: #min,
                max_chars: #max,
                max_bytes: #bytes,
            };
            const ONLY_LIMITS: bool = #only_limits;
            #format
            #pattern
            #time_relative

            #inline
            fn check(text: &str, cx: &mut __rt::Context, at: &__rt::Path<'_>) {
                let at = *at;
                #checks
            }
        }
    }
}

/// A date-time of a provider's format: `DateTime` of a rules type
/// generated beside it, which says the format and the days ahead allowed.
fn date_time(emitter: &Emitter<'_>, def: &TypeDef, rules: &crate::ir::StringRules) -> TokenStream {
    let name = ident(&def.name);
    let rules_name = quote::format_ident!("{}Rules", def.name);
    let doc = docs::attributes(
        &def.doc,
        &docs::limits(&crate::ir::FieldType::String(rules.clone())),
    );
    let (qualified, rules_doc) = kept_names(emitter, def, "rules");
    let format = rules.format.map_or("date-time", crate::ir::Format::name);
    let days = rules
        .max_days_ahead
        .map(|days| quote!(const MAX_DAYS_AHEAD: Option<u32> = Some(#days);));
    quote! {
        #doc
        pub type #name = __rt::date_time::DateTime<#rules_name>;

        #[doc = #rules_doc]
        pub enum #rules_name {}

        impl __rt::date_time::DateTimeRules for #rules_name {
            const NAME: &'static str = #qualified;
            const FORMAT: &'static str = #format;
            #days
        }
    }
}

/// A number with rules its Rust type does not hold: `Number` of that type
/// and a rules type generated beside it, whose check is what a plain
/// member's parser did (bounds on the value read, then narrowing).
fn numeric(emitter: &Emitter<'_>, def: &TypeDef, rules: &crate::ir::NumericRules) -> TokenStream {
    use crate::ir::NumericRules;
    let name = ident(&def.name);
    let rules_name = quote::format_ident!("{}Rules", def.name);
    let doc = docs::attributes(&def.doc, &docs::limits(&rules.field_type()));
    let (qualified, rules_doc) = kept_names(emitter, def, "rules");
    let float = |x: Option<f64>| {
        x.map_or_else(
            || quote!(None),
            |x| quote!(Some(__rt::number::Bound::Float(#x))),
        )
    };
    let integer_bound = |n: Option<i128>| {
        n.map_or_else(
            || quote!(None),
            |n| quote!(Some(__rt::number::Bound::Integer(#n))),
        )
    };
    let (value, literal, schema, check) = match rules {
        NumericRules::Integer(integer) => {
            let int = super::integer_type(integer);
            let chosen = dmforge_runtime::rules::integer::IntegerType::for_schema(
                integer.minimum,
                integer.maximum,
                integer.format,
            );
            let (low, high) = chosen.range();
            let minimum = integer.minimum.map_or(low, |m| m.max(low));
            let maximum = integer.maximum.map_or(high, |m| m.min(high));
            // A literal is checked in a constant when the rules are bounds
            // and a whole `multipleOf`.
            let literal = match integer.multiple_of {
                None => Some(quote!(None)),
                Some(d) if d.fract() == 0.0 && d.abs() < 1e15 => {
                    #[allow(clippy::cast_possible_truncation)]
                    let d = d as i128;
                    Some(quote!(Some(#d)))
                }
                Some(_) => None,
            };
            let literal = literal.map_or_else(
                || quote!(None),
                |multiple| {
                    quote!(Some(__rt::number::IntegerLimits {
                        minimum: #minimum,
                        maximum: #maximum,
                        multiple_of: #multiple,
                    }))
                },
            );
            // As the schema says it: an exclusive bound is kept as the
            // inclusive one next to it.
            let bound = |n: Option<i128>, exclusive: bool, step: i128| {
                (
                    integer_bound(n.filter(|_| !exclusive)),
                    integer_bound(n.filter(|_| exclusive).map(|n| n + step)),
                )
            };
            let (min, exclusive_min) = bound(integer.minimum, integer.exclusive_minimum, -1);
            let (max, exclusive_max) = bound(integer.maximum, integer.exclusive_maximum, 1);
            let multiple = float(integer.multiple_of);
            let format = integer.format.map_or_else(
                || quote!(None),
                |f| {
                    let f = f.name();
                    quote!(Some(#f))
                },
            );
            let schema = quote!(__rt::number::NumberSchema {
                minimum: #min,
                maximum: #max,
                exclusive_minimum: #exclusive_min,
                exclusive_maximum: #exclusive_max,
                multiple_of: #multiple,
                format: #format,
            });
            let narrowed = super::parse::narrowed_integer(integer);
            let check = quote! {
                fn check(n: i128, cx: &mut __rt::Context, at: &__rt::Path<'_>) -> Option<#int> {
                    let at = *at;
                    #narrowed
                }
            };
            (quote!(#int), literal, schema, check)
        }
        NumericRules::Number(number) => {
            let x = quote!(x);
            let bounds = super::checks::number(number, &x);
            // A `float` with rules is held as the `f64` it was sent as: an
            // `f32` would round some values onto or past a bound they were
            // checked within (0.99999999 is 1.0 as an `f32`).
            let format = match number.format {
                Some(crate::ir::NumericFormat::Float) => {
                    let float = super::checks::numeric_format(crate::ir::NumericFormat::Float);
                    quote!(__rt::check::number_format(cx, &at, x, #float);)
                }
                _ => super::checks::number_format(number, &x),
            };
            let (value, tail) = (quote!(f64), quote!((cx.count() == before).then_some(x)));
            let format_name = number.format.map_or_else(
                || quote!(None),
                |f| {
                    let f = f.name();
                    quote!(Some(#f))
                },
            );
            let schema = {
                let (min, max) = (float(number.minimum), float(number.maximum));
                let (emin, emax) = (
                    float(number.exclusive_minimum),
                    float(number.exclusive_maximum),
                );
                let multiple = float(number.multiple_of);
                quote!(__rt::number::NumberSchema {
                    minimum: #min,
                    maximum: #max,
                    exclusive_minimum: #emin,
                    exclusive_maximum: #emax,
                    multiple_of: #multiple,
                    format: #format_name,
                })
            };
            let check = quote! {
                fn check(x: f64, cx: &mut __rt::Context, at: &__rt::Path<'_>) -> Option<#value> {
                    let at = *at;
                    let before = cx.count();
                    #bounds
                    #format
                    #tail
                }
            };
            (value, quote!(None), schema, check)
        }
    };
    quote! {
        #doc
        pub type #name = __rt::number::Number<#value, #rules_name>;

        #[doc = #rules_doc]
        pub enum #rules_name {}

        impl __rt::number::NumberRules<#value> for #rules_name {
            const NAME: &'static str = #qualified;
            const LITERAL: Option<__rt::number::IntegerLimits> = #literal;
            const SCHEMA: __rt::number::NumberSchema = #schema;

            #[inline(always)]
            #check
        }
    }
}

/// An array typed by position: a tuple struct, written as the array of its
/// fields (and then of the items of its last, when items may follow the
/// prefix), with schemars' schema saying the same.
fn tuple(emitter: &Emitter<'_>, def: &TypeDef, t: &TupleDef) -> TokenStream {
    let name = ident(&def.name);
    let count = t.prefix.len();
    let shape = match (&t.rest, count) {
        (Rest::Kept(_), 1) => {
            "Sent as a JSON array: the first field, then the items the last one holds.".to_string()
        }
        (Rest::Kept(_), _) => format!(
            "Sent as a JSON array: the first {count} fields in order, then the items the last one holds."
        ),
        (Rest::Forbidden | Rest::Counted, _) => {
            format!("Sent as a JSON array of exactly {count} items, the fields in order.")
        }
    };
    let doc = docs::attributes(&def.doc, &[shape]);
    let prefix = t.prefix.iter().enumerate().map(|(index, ty)| {
        let doc = docs::attributes(
            &crate::ir::Doc {
                description: Some(format!("Item {index}.")),
                ..Default::default()
            },
            &docs::limits(&emitter.resolved(ty)),
        );
        let ty = emitter.value_type(ty);
        quote!(#doc pub #ty)
    });
    let rest = t.kept().map(|ty| {
        let doc = docs::attributes(
            &crate::ir::Doc {
                description: Some(format!("The items from item {count} on.")),
                ..Default::default()
            },
            &docs::limits(&emitter.resolved(ty)),
        );
        let ty = emitter.value_type(ty);
        quote!(#doc pub Vec<#ty>)
    });
    let elements = (0..count).map(|index| {
        let index = proc_macro2::Literal::usize_unsuffixed(index);
        quote!(seq.serialize_element(&self.#index)?;)
    });
    let last = proc_macro2::Literal::usize_unsuffixed(count);
    let (len, rest_elements) = if t.kept().is_some() {
        (
            quote!(#count + self.#last.len()),
            quote! {
                for item in &self.#last {
                    seq.serialize_element(item)?;
                }
            },
        )
    } else {
        (quote!(#count), quote!())
    };
    let schema_impl = json_schema_cfg(emitter).map(|cfg| {
        let title = &def.name;
        let prefix_types = t.prefix.iter().map(|ty| emitter.value_type(ty));
        let mut keywords = vec![quote!("type": "array")];
        keywords.push(quote!("prefixItems": [#(generator.subschema_for::<#prefix_types>()),*]));
        match &t.rest {
            Rest::Forbidden => keywords.push(quote!("items": false)),
            Rest::Kept(ty) => {
                let ty = emitter.value_type(ty);
                keywords.push(quote!("items": generator.subschema_for::<#ty>()));
            }
            Rest::Counted => {}
        }
        if let Some(min) = t.min_items {
            keywords.push(quote!("minItems": #min));
        }
        if let Some(max) = t.max_items {
            keywords.push(quote!("maxItems": #max));
        }
        quote! {
            #cfg
            impl __rt::schemars::JsonSchema for #name {
                fn schema_name() -> ::std::borrow::Cow<'static, str> {
                    ::std::borrow::Cow::Borrowed(#title)
                }
                fn json_schema(generator: &mut __rt::schemars::SchemaGenerator) -> __rt::schemars::Schema {
                    __rt::schemars::json_schema!({ #(#keywords),* })
                }
            }
        }
    });
    quote! {
        #doc
        #[derive(Debug, Clone, PartialEq)]
        pub struct #name(#(#prefix,)* #rest);

        impl __rt::serde::Serialize for #name {
            fn serialize<S: __rt::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                use __rt::serde::ser::SerializeSeq as _;
                let mut seq = serializer.serialize_seq(Some(#len))?;
                #(#elements)*
                #rest_elements
                seq.end()
            }
        }

        #schema_impl
    }
}

/// The `cfg` under which a hand-written `JsonSchema` impl is compiled, as
/// [`JsonSchemaDerive`] says; `None` for none.
fn json_schema_cfg(emitter: &Emitter<'_>) -> Option<TokenStream> {
    match &emitter.options.json_schema {
        JsonSchemaDerive::Never => None,
        JsonSchemaDerive::Always => Some(quote!()),
        JsonSchemaDerive::WhenFeature(feature) => Some(quote!(#[cfg(feature = #feature)])),
    }
}

/// An enum of integers: written as the integer each variant stands for.
fn integer_enumeration(emitter: &Emitter<'_>, def: &TypeDef, e: &IntegerEnumDef) -> TokenStream {
    let name = ident(&def.name);
    let doc = docs::attributes(&def.doc, &[]);
    let variants = e.values.iter().map(|(n, variant)| {
        let variant = ident(variant);
        let doc = format!(" `{n}`");
        quote! {
            #[doc = #doc]
            #variant,
        }
    });
    let all = e.values.iter().map(|(_, v)| {
        let v = ident(v);
        quote!(Self::#v)
    });
    let numbers: Vec<i64> = e.values.iter().map(|(n, _)| *n).collect();
    let arms = e.values.iter().map(|(n, v)| {
        let v = ident(v);
        quote!(Self::#v => #n,)
    });
    let count = e.values.len();
    // schemars' derive would describe the variants by name: the schema
    // says integers.
    let schema_impl = {
        let title = &def.name;
        json_schema_cfg(emitter).map(|cfg| {
            quote! {
                #cfg
                impl __rt::schemars::JsonSchema for #name {
                    fn schema_name() -> ::std::borrow::Cow<'static, str> {
                        ::std::borrow::Cow::Borrowed(#title)
                    }
                    fn json_schema(_: &mut __rt::schemars::SchemaGenerator) -> __rt::schemars::Schema {
                        __rt::schemars::json_schema!({"type": "integer", "enum": [#(#numbers),*]})
                    }
                }
            }
        })
    };
    quote! {
        #doc
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum #name {
            #(#variants)*
        }

        impl #name {
            /// Every value, in schema order.
            pub const ALL: [Self; #count] = [#(#all),*];
            /// Every value as sent on the wire, in schema order.
            pub const VALUES: &'static [i64] = &[#(#numbers),*];

            /// The integer sent on the wire.
            #[must_use]
            pub fn value(self) -> i64 {
                match self {
                    #(#arms)*
                }
            }
        }

        impl __rt::serde::Serialize for #name {
            fn serialize<S: __rt::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_i64(self.value())
            }
        }

        #schema_impl
    }
}

fn variant(emitter: &Emitter<'_>, variant: &Variant) -> TokenStream {
    let name = ident(&variant.name);
    let wire = &variant.value;
    let doc = format!(" `{}`", docs::clean(wire));
    if variant.fields.is_empty() {
        return quote! {
            #[doc = #doc]
            #[serde(rename = #wire)]
            #name,
        };
    }
    let fields = fields(emitter, &variant.fields, false, false);
    quote! {
        #[doc = #doc]
        #[serde(rename = #wire)]
        #name {
            #(#fields)*
        },
    }
}

fn union(
    emitter: &Emitter<'_>,
    def: &TypeDef,
    u: &UnionDef,
    name: &proc_macro2::Ident,
) -> TokenStream {
    let doc = docs::attributes(&def.doc, &[]);
    let example = root_example(emitter, def);
    let doc = quote!(#doc #example);
    let derives = derives(emitter);
    let tag = &u.tag.wire;
    let variants = u.variants.iter().map(|v| variant(emitter, v));
    match &u.inner_enum {
        None => quote! {
            #doc
            #derives
            #[serde(tag = #tag)]
            pub enum #name {
                #(#variants)*
            }
        },
        Some(inner) => {
            let inner = ident(inner);
            let inner_field = ident(&u.inner_field);
            let common = fields(emitter, &u.common, true, false);
            let inner_doc = format!(
                " [`{}`] by its `{tag}`: the members that depend on it.",
                def.name
            );
            let field_doc = format!(" The members that depend on `{tag}`, and `{tag}` itself.");
            quote! {
                #doc
                #derives
                pub struct #name {
                    #(#common)*
                    #[doc = #field_doc]
                    #[serde(flatten)]
                    pub #inner_field: #inner,
                }

                #[doc = #inner_doc]
                #derives
                #[serde(tag = #tag)]
                pub enum #inner {
                    #(#variants)*
                }
            }
        }
    }
}
