//! How generated types are parsed: `Deserialize` (which refuses any value
//! that breaks a rule, reporting every violation), `Parse`, and for objects
//! `Object` with a partial value of one `Slot` per member.

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use super::rules::{object_rules, required, Access};
use super::{checks, ident, integer_type, partial_ident, Emitter};
use crate::ir::{
    EnumDef, Field, FieldType, NumericFormat, ObjectRule, StructDef, TypeDef, TypeKind, UnionDef,
    Variant,
};

pub fn implementation(emitter: &Emitter<'_>, def: &TypeDef) -> TokenStream {
    let name = ident(&def.name);
    let deserialize = quote! {
        impl<'de> __rt::serde::Deserialize<'de> for #name {
            fn deserialize<D: __rt::serde::Deserializer<'de>>(de: D) -> Result<Self, D::Error> {
                __rt::parse::deserialize(de)
            }
        }
    };
    let body = match &def.kind {
        TypeKind::Enum(e) => enumeration(def, e),
        TypeKind::IntegerEnum(e) => integer_enumeration(def, e),
        TypeKind::TypeUnion(variants) => type_union(emitter, def, variants),
        TypeKind::Alternatives(a) => alternatives(emitter, def, a),
        TypeKind::Struct(s) => structure(emitter, def, s),
        TypeKind::Union(u) => union(emitter, def, u),
        TypeKind::Newtype(ty) => newtype(emitter, def, ty),
        TypeKind::Tuple(t) => tuple(emitter, def, t),
        // The runtime's `Text`, `DateTime`, `Number` and `List` parse
        // themselves.
        TypeKind::Text(_) | TypeKind::DateTime(_) | TypeKind::Numeric(_) | TypeKind::List(_) => {
            return TokenStream::new()
        }
    };
    quote!(#deserialize #body)
}

fn enumeration(def: &TypeDef, e: &EnumDef) -> TokenStream {
    let name = ident(&def.name);
    let typed = e.typed;
    let rule = e.rule.keyword();
    quote! {
        #[doc(hidden)]
        impl<'de> __rt::parse::Parse<'de> for #name {
            fn parse<D: __rt::serde::Deserializer<'de>>(
                de: D,
                cx: &mut __rt::Context,
                at: &__rt::Path<'_>,
            ) -> Result<Option<Self>, D::Error> {
                let index = __rt::parse::parse_choice(de, cx, at, Self::VALUES, #typed, #rule)?;
                Ok(index.map(|i| Self::ALL[i]))
            }
        }
    }
}

/// Read as JSON, then, by the value's JSON type, parsed from it as that
/// variant's type (with its checks); a value of no listed type is a `type`
/// violation worded as the schema engine words it.
fn type_union(
    emitter: &Emitter<'_>,
    def: &TypeDef,
    variants: &[crate::ir::TypeVariant],
) -> TokenStream {
    let name = ident(&def.name);
    let phrase = dmforge_runtime::value_schema::Types::from_names(
        variants.iter().map(|v| v.json_type.as_str()),
    )
    .map(dmforge_runtime::value_schema::Types::phrase)
    .unwrap_or_default();
    let arms = variants.iter().map(|variant| {
        let variant_name = ident(&variant.name);
        let test = match variant.json_type.as_str() {
            "integer" => quote!(__rt::rules::integer::as_i128(&json).is_some()),
            "number" => quote!(json.is_number()),
            "string" => quote!(json.is_string()),
            "boolean" => quote!(json.is_boolean()),
            "array" => quote!(json.is_array()),
            _ => quote!(json.is_object()),
        };
        let t = emitter.value_type(&variant.ty);
        let parse = parse_value(emitter, &variant.ty, From::Deserializer);
        quote! {
            if #test {
                let parsed = (|| -> Result<Option<#t>, __rt::serde_json::Error> {
                    let de = json;
                    #parse
                    Ok(value)
                })();
                return parsed
                    .map(|value| value.map(Self::#variant_name))
                    .map_err(<D::Error as __rt::serde::de::Error>::custom);
            }
        }
    });
    quote! {
        #[doc(hidden)]
        impl<'de> __rt::parse::Parse<'de> for #name {
            // Each variant is parsed by the code a member of its type gets,
            // as a closure so that its errors can be converted.
            #[allow(clippy::redundant_closure_call)]
            fn parse<D: __rt::serde::Deserializer<'de>>(
                de: D,
                cx: &mut __rt::Context,
                at: &__rt::Path<'_>,
            ) -> Result<Option<Self>, D::Error> {
                let Some(json) = <__rt::serde_json::Value as __rt::parse::Parse>::parse(de, cx, at)? else {
                    return Ok(None);
                };
                let at = *at;
                #(#arms)*
                cx.fail(&at, "type", __rt::describe::type_mismatch(#phrase, __rt::value_schema::kind_of(&json)));
                Ok(None)
            }
        }
    }
}

/// `parse::Alternatives`: what selects an alternative, how to parse each
/// from text, and, when all are objects, how to stream the selected one
/// (`parse::parse_alternatives` decides, with JSON Schema's meaning of
/// `oneOf`/`anyOf`).
fn alternatives(
    emitter: &Emitter<'_>,
    def: &TypeDef,
    a: &crate::ir::AlternativesDef,
) -> TokenStream {
    let name = ident(&def.name);
    let rule = a.keyword();
    let count = a.variants.len();
    let attempts = a.variants.iter().enumerate().map(|(i, variant)| {
        let i = proc_macro2::Literal::usize_unsuffixed(i);
        let variant_name = ident(&variant.name);
        let parse = parse_value(emitter, &variant.ty, From::Deserializer);
        quote! {
            #i => {
                #parse
                value.map(Self::#variant_name)
            }
        }
    });
    // The tag selects an alternative when its values are all strings or all
    // integers (any other value, `1.0` included, tries each alternative).
    let tag_values = |read: fn(&serde_json::Value) -> Option<TokenStream>| {
        a.variants
            .iter()
            .map(|v| v.tag_value.as_ref().and_then(read))
            .collect::<Option<Vec<TokenStream>>>()
    };
    let strings = tag_values(|t| t.as_str().map(|s| quote!(#s)));
    let integers = tag_values(|t| t.as_i64().map(|n| quote!(#n)));
    let fast = match (strings, integers) {
        (Some(values), _) => Some((quote!(as_str), values)),
        (None, Some(values)) => Some((quote!(as_i64), values)),
        (None, None) => None,
    };
    let by_tag = match (a.tag(), fast) {
        (Some(_), Some((read, values))) => {
            let arms = values.iter().enumerate().map(|(i, value)| {
                let i = proc_macro2::Literal::usize_unsuffixed(i);
                quote!(Some(#value) => Some(#i),)
            });
            Some(quote! {
                fn by_tag(tag: &__rt::parse::TagValue<'_>) -> Option<usize> {
                    match tag.#read() {
                        #(#arms)*
                        _ => None,
                    }
                }
            })
        }
        _ => None,
    };
    let selector = match &a.selector {
        Some(spec) => super::values::selector(spec),
        None => quote!(None),
    };
    // Alternatives that are all objects parsed member by member are read as
    // the value streams past, into the one its members select.
    let objects: Option<Vec<(TokenStream, Ident)>> = a
        .variants
        .iter()
        .map(|variant| match &variant.ty {
            FieldType::Named(id)
                if matches!(
                    emitter.def(*id).kind,
                    TypeKind::Struct(_) | TypeKind::Union(_)
                ) =>
            {
                let name = ident(&variant.name);
                // A type that holds itself is held in a `Box`.
                let wrap = if emitter.module.boxed.contains(id) {
                    quote!(|value| Self::#name(Box::new(value)))
                } else {
                    quote!(Self::#name)
                };
                Some((wrap, emitter.type_ident(*id)))
            }
            _ => None,
        })
        .collect();
    let objects = objects.filter(|_| selected_by_content(emitter, a));
    let streamed = objects.is_some();
    let shared = shared_members(emitter, a);
    let (shared_type, shared_impl) = match &shared {
        Some(fields) => shared_slots(emitter, def, fields),
        None => (
            quote!(
                type Shared = ();
            ),
            None,
        ),
    };
    let stream = objects.map(|objects| {
        let arms = objects.iter().zip(&a.variants).enumerate().map(|(i, ((variant, ty), alternative))| {
            let i = proc_macro2::Literal::usize_unsuffixed(i);
            // The members read ahead, moved into the alternative's slots.
            let partial = match (&shared, &alternative.ty) {
                (Some(fields), FieldType::Named(id)) => {
                    let partial = partial_ident(emitter.def(*id));
                    let moved = fields.iter().map(|f| {
                        let name = ident(&f.rust);
                        quote!(#name: shared.#name,)
                    });
                    quote!(#partial { #(#moved)* ..Default::default() })
                }
                _ => quote!(Default::default()),
            };
            quote! {
                #i => {
                    let partial = #partial;
                    __rt::parse::stream_object::<#ty, _, _>(partial, object, map, cx, at)?.map(#variant)
                }
            }
        });
        let shared_param = if shared.is_some() {
            quote!(shared)
        } else {
            quote!(_shared)
        };
        quote! {
            #[inline]
            fn stream<A: __rt::serde::de::MapAccess<'de>>(
                index: usize,
                #shared_param: Self::Shared,
                object: __rt::parse::Streamed<'de>,
                map: &mut A,
                cx: &mut __rt::Context,
                at: &__rt::Path<'_>,
            ) -> Result<Option<Self>, A::Error> {
                let parsed = match index {
                    #(#arms)*
                    _ => None,
                };
                Ok(parsed)
            }
        }
    });
    quote! {
        #[doc(hidden)]
        impl<'de> __rt::parse::Parse<'de> for #name {
            fn parse<D: __rt::serde::Deserializer<'de>>(
                de: D,
                cx: &mut __rt::Context,
                at: &__rt::Path<'_>,
            ) -> Result<Option<Self>, D::Error> {
                __rt::parse::parse_alternatives(de, cx, at)
            }
        }

        #shared_impl

        #[doc(hidden)]
        impl<'de> __rt::parse::Alternatives<'de> for #name {
            const RULE: &'static str = #rule;
            const SELECTOR: Option<__rt::rules::alternatives::Selector<'static, &'static str>> = #selector;
            const COUNT: usize = #count;
            const STREAMED: bool = #streamed;
            #shared_type

            #by_tag

            fn attempt(
                index: usize,
                text: &str,
                cx: &mut __rt::Context,
                at: &__rt::Path<'_>,
            ) -> Result<Option<Self>, __rt::serde_json::Error> {
                let at = *at;
                let mut reader = __rt::serde_json::Deserializer::from_slice(text.as_bytes());
                let de = &mut reader;
                let parsed = match index {
                    #(#attempts)*
                    _ => None,
                };
                Ok(parsed)
            }

            #stream
        }
    }
}

/// The members every alternative declares alike (same name, same type and
/// rules, no rule reaching into them), when the alternatives are objects
/// told apart by exclusive members: read before one is selected straight
/// into slots of their own, rather than kept as text to read again (Meta's
/// `recipient`, beside `message` or `sender_action`).
fn shared_members<'a>(
    emitter: &'a Emitter<'a>,
    a: &crate::ir::AlternativesDef,
) -> Option<Vec<&'a Field>> {
    let Some(crate::ir::SelectorSpec::Members {
        members,
        exclusive: true,
    }) = &a.selector
    else {
        return None;
    };
    let structs: Vec<&'a StructDef> = a
        .variants
        .iter()
        .map(|v| match &v.ty {
            FieldType::Named(id) => match &emitter.def(*id).kind {
                TypeKind::Struct(s) => Some(s),
                _ => None,
            },
            _ => None,
        })
        .collect::<Option<_>>()?;
    let (first, rest) = structs.split_first()?;
    let alike = |s: &StructDef, field: &Field| {
        !super::rules::nested_targets(&s.rules).contains(&field.wire)
            && s.fields
                .iter()
                .any(|f| f.wire == field.wire && f.rust == field.rust && f.ty == field.ty)
    };
    let fields: Vec<&'a Field> = first
        .fields
        .iter()
        .filter(|f| !members.contains(&f.wire))
        .filter(|f| alike(first, f) && rest.iter().all(|s| alike(s, f)))
        .collect();
    (!fields.is_empty()).then_some(fields)
}

/// The slots of the members read ahead ([`shared_members`]): `type Shared`
/// and the struct it names, and `fn shared` parsing each as the
/// alternatives' own members are parsed.
fn shared_slots(
    emitter: &Emitter<'_>,
    def: &TypeDef,
    fields: &[&Field],
) -> (TokenStream, Option<TokenStream>) {
    let shared = quote::format_ident!("__{}Shared", def.name);
    let doc = format!(
        " The members every alternative of [`{}`] declares alike, read before one is selected.",
        def.name
    );
    let slots = fields.iter().map(|f| {
        let name = ident(&f.rust);
        let ty = emitter.value_type(&f.ty);
        quote!(pub #name: __rt::parse::Slot<#ty>,)
    });
    let arms: Vec<TokenStream> = fields
        .iter()
        .map(|f| member_arm(emitter, f, false))
        .collect();
    let shared_fn = member_fn(&quote!(shared), &quote!(#shared), &arms);
    let shared_type = quote! {
        type Shared = #shared;

        #shared_fn
    };
    let shared_struct = quote! {
        #[doc = #doc]
        #[doc(hidden)]
        #[derive(Default)]
        pub struct #shared {
            #(#slots)*
        }
    };
    (shared_type, Some(shared_struct))
}

/// Read as JSON and compared as `enum`/`const` values are (so `1.0` is
/// `1`, and a refusal reads as the schema engine's), then the variant.
fn integer_enumeration(def: &TypeDef, e: &crate::ir::IntegerEnumDef) -> TokenStream {
    let name = ident(&def.name);
    let rule = e.rule.keyword();
    let text =
        serde_json::Value::from(e.values.iter().map(|(n, _)| *n).collect::<Vec<i64>>()).to_string();
    // `type: integer` is its own rule, reported beside `enum` as the schema
    // engine reports it.
    let type_check = e.typed.then(|| {
        quote! {
            if __rt::rules::integer::as_i128(&value).is_none() {
                cx.fail(at, "type", __rt::describe::type_mismatch("an integer", __rt::value_schema::kind_of(&value)));
            }
        }
    });
    quote! {
        #[doc(hidden)]
        impl<'de> __rt::parse::Parse<'de> for #name {
            fn parse<D: __rt::serde::Deserializer<'de>>(
                de: D,
                cx: &mut __rt::Context,
                at: &__rt::Path<'_>,
            ) -> Result<Option<Self>, D::Error> {
                static ALLOWED: __rt::rules::json_value::Allowed =
                    __rt::rules::json_value::Allowed::new(#text);
                let Some(value) = <__rt::serde_json::Value as __rt::parse::Parse>::parse(de, cx, at)? else {
                    return Ok(None);
                };
                if !ALLOWED.contains(&value) {
                    #type_check
                    __rt::check::json_value(cx, at, &value, &ALLOWED, #rule);
                    return Ok(None);
                }
                let n = __rt::rules::integer::as_i128(&value);
                Ok(Self::ALL.into_iter().find(|v| Some(i128::from(v.value())) == n))
            }
        }
    }
}

/// Whether a member is kept as raw text until its union's tag is known:
/// a varying member whose base schema is just `{"type": "object"}`.
fn deferred(field: &Field, varying: bool) -> bool {
    varying && field.ty == FieldType::AnyObject
}

/// The type a member is parsed into.
fn slot_type(emitter: &Emitter<'_>, field: &Field, varying: bool) -> TokenStream {
    if deferred(field, varying) {
        quote!(__rt::parse::Deferred)
    } else {
        emitter.value_type(&field.ty)
    }
}

/// `let value = …;` parsing one member's value at `at`, with its own checks.
/// Where a value is read from: a member of the object being parsed, or the
/// deserializer itself (a newtype).
#[derive(Clone, Copy)]
enum From {
    Member,
    Deserializer,
    /// The next item of an array (`seq`), in a function that returns
    /// `Ok(false)` when there is none.
    Element,
}

impl From {
    fn read(self, seed: TokenStream) -> TokenStream {
        match self {
            From::Member => quote!(map.next_value_seed(#seed)?),
            From::Deserializer => quote!(__rt::serde::de::DeserializeSeed::deserialize(#seed, de)?),
            From::Element => quote! {
                match seq.next_element_seed(#seed)? {
                    Some(value) => value,
                    None => return Ok(false),
                }
            },
        }
    }
}

/// `parse::Tuple`: each prefix item read as a member of its type is, into
/// a slot of its own; the items after it into a list, or only read and
/// counted (`parse::parse_tuple` refuses them where `items: false` does).
fn tuple(emitter: &Emitter<'_>, def: &TypeDef, t: &crate::ir::TupleDef) -> TokenStream {
    let name = ident(&def.name);
    let count = t.prefix.len();
    let slots = t.prefix.iter().map(|ty| {
        let ty = emitter.value_type(ty);
        quote!(Option<#ty>)
    });
    let arms = t.prefix.iter().enumerate().map(|(index, ty)| {
        let parse = parse_value(emitter, ty, From::Element);
        let slot = proc_macro2::Literal::usize_unsuffixed(index);
        quote! {
            #index => {
                #parse
                partial.#slot = value;
            }
        }
    });
    let (list, broken) = (
        proc_macro2::Literal::usize_unsuffixed(count),
        proc_macro2::Literal::usize_unsuffixed(count + 1),
    );
    // A kept list is a `Vec` and whether any of its items was invalid.
    let (rest_slots, rest_arm) = match t.kept() {
        Some(ty) => {
            let item = emitter.value_type(ty);
            let parse = parse_value(emitter, ty, From::Element);
            (
                quote!(Vec<#item>, bool,),
                quote! {
                    _ => {
                        #parse
                        match value {
                            Some(item) => partial.#list.push(item),
                            None => partial.#broken = true,
                        }
                    }
                },
            )
        }
        None => (
            quote!(),
            quote! {
                _ => {
                    if seq.next_element_seed(__rt::parse::StrictSkip::new(cx, &at))?.is_none() {
                        return Ok(false);
                    }
                }
            },
        ),
    };
    let bindings: Vec<Ident> = (0..count)
        .map(|index| quote::format_ident!("item{index}"))
        .collect();
    let (rest_pattern, rest_value) = if t.kept().is_some() {
        (quote!(rest, false,), quote!(rest))
    } else {
        (quote!(), quote!())
    };
    let closed = matches!(t.rest, crate::ir::Rest::Forbidden);
    let option = |n: Option<u64>| n.map_or_else(|| quote!(None), |n| quote!(Some(#n)));
    let (min, max) = (option(t.min_items), option(t.max_items));
    quote! {
        #[doc(hidden)]
        impl<'de> __rt::parse::Tuple<'de> for #name {
            type Partial = (#(#slots,)* #rest_slots);
            const PREFIX: usize = #count;
            const CLOSED: bool = #closed;
            const MIN_ITEMS: Option<u64> = #min;
            const MAX_ITEMS: Option<u64> = #max;

            fn item<A: __rt::serde::de::SeqAccess<'de>>(
                partial: &mut Self::Partial,
                index: usize,
                seq: &mut A,
                cx: &mut __rt::Context,
                at: &__rt::Path<'_>,
            ) -> Result<bool, A::Error> {
                let at = at.index(index);
                match index {
                    #(#arms)*
                    #rest_arm
                }
                Ok(true)
            }

            fn finish(partial: Self::Partial) -> Option<Self> {
                let (#(Some(#bindings),)* #rest_pattern) = partial else {
                    return None;
                };
                Some(Self(#(#bindings,)* #rest_value))
            }
        }

        #[doc(hidden)]
        impl<'de> __rt::parse::Parse<'de> for #name {
            fn parse<D: __rt::serde::Deserializer<'de>>(
                de: D,
                cx: &mut __rt::Context,
                at: &__rt::Path<'_>,
            ) -> Result<Option<Self>, D::Error> {
                __rt::parse::parse_tuple(de, cx, at)
            }
        }
    }
}

fn parse_value(emitter: &Emitter<'_>, ty: &FieldType, from: From) -> TokenStream {
    match ty {
        FieldType::Array(array) if array.unique_items => unique_list(emitter, array, from),
        FieldType::Nullable(inner) => nullable_value(emitter, inner, from),
        // A `float` is checked as the `f64` it was sent as (so bounds read
        // as the schema engine reads them), then held as an `f32`.
        FieldType::Number(rules) if rules.format == Some(NumericFormat::Float) => {
            let checks = checks::number(rules, &quote!(x));
            let read = from.read(quote!(__rt::parse::Seed::<f64>::new(cx, &at)));
            quote! {
                let value = #read;
                let value = match value {
                    Some(x) => {
                        let before = cx.count();
                        #checks
                        if cx.count() > before { None } else { __rt::parse::narrow_float(x, cx, &at) }
                    }
                    None => None,
                };
            }
        }
        // A list with a count limit is read as a list is, its count
        // reported where it stands, then made the member's type.
        FieldType::Named(id) if matches!(emitter.def(*id).kind, TypeKind::List(_)) => {
            let TypeKind::List(array) = &emitter.def(*id).kind else {
                return TokenStream::new();
            };
            let t = emitter.value_type(ty);
            let read = parse_value(emitter, &FieldType::Array(Box::new(array.clone())), from);
            quote! {
                #read
                let value = value.and_then(<#t>::counted);
            }
        }
        // A string, date-time or number with rules is read as a plain one
        // was (a `String`, an `i128`, an `f64`) and checked where it stands
        // by its type's own check, inlined: through the type's `Parse`,
        // serde_json's reader was no longer inlined (abebot's message cost
        // 1.7% more), so the type costs nothing.
        FieldType::Named(id) if read_as(emitter, *id).is_some() => {
            let t = emitter.value_type(ty);
            let plain = read_as(emitter, *id);
            let read = from.read(quote!(__rt::parse::Seed::<#plain>::new(cx, &at)));
            quote! {
                let value = #read;
                let value = match value {
                    Some(plain) => <#t>::checked(plain, cx, &at),
                    None => None,
                };
            }
        }
        FieldType::String(_)
        | FieldType::Number(_)
        | FieldType::Boolean
        | FieldType::Json(_)
        | FieldType::Any(_)
        | FieldType::Named(_)
        | FieldType::AnyObject => {
            let t = emitter.value_type(ty);
            let checks = checks::parsed_scalar(ty, &quote!(v));
            let checks = (!checks.is_empty()).then(|| quote!(if let Some(v) = &value { #checks }));
            let read = from.read(quote!(__rt::parse::Seed::<#t>::new(cx, &at)));
            quote! {
                let value = #read;
                #checks
            }
        }
        FieldType::Integer(rules) => {
            let narrowed = narrowed_integer(rules);
            let read = from.read(quote!(__rt::parse::Seed::<i128>::new(cx, &at)));
            quote! {
                let value = #read;
                let value = match value {
                    Some(n) => #narrowed,
                    None => None,
                };
            }
        }
        // Integer items are read as `i128`, checked against their bounds,
        // then narrowed one by one, as a lone integer member is.
        FieldType::Array(array) if matches!(array.items, FieldType::Integer(_)) => {
            let FieldType::Integer(rules) = &array.items else {
                return TokenStream::new();
            };
            let unique = unique_check(array);
            let option = |n: Option<u64>| n.map_or_else(|| quote!(None), |n| quote!(Some(#n)));
            let (min, max) = (option(array.min_items), option(array.max_items));
            let narrowed = narrowed_integer(rules);
            let read = from.read(quote!(__rt::parse::ArraySeed::<i128, _>::new(
                cx,
                &at,
                items,
                |_: &i128, _: &mut __rt::Context, _: &__rt::Path<'_>| {}
            )));
            quote! {
                let items = __rt::parse::Items { min: #min, max: #max };
                let value = #read;
                let value = match value {
                    Some(read) => {
                        let mut narrowed = Vec::with_capacity(read.len());
                        let mut whole = true;
                        for (index, n) in read.into_iter().enumerate() {
                            let at = at.index(index);
                            let item = #narrowed;
                            match item {
                                Some(item) => narrowed.push(item),
                                None => whole = false,
                            }
                        }
                        whole.then_some(narrowed)
                    }
                    None => None,
                };
                #unique
            }
        }
        FieldType::Array(array) => {
            let (item, min, max, each) = list_parts(emitter, array);
            let read =
                from.read(quote!(__rt::parse::ArraySeed::<#item, _>::new(cx, &at, items, #each)));
            let unique = unique_check(array);
            quote! {
                let items = __rt::parse::Items { min: #min, max: #max };
                let value = #read;
                #unique
            }
        }
    }
}

/// An integer `n` read as an `i128`, checked, then narrowed to its Rust
/// type: an `Option` of it, `None` when a rule was broken. A value beyond
/// the bounds (or the format's range) is reported by them alone; one within
/// them that the type cannot hold is a `type` violation, whether or not it
/// is a multiple of `multipleOf`, as the schema engine says.
pub(super) fn narrowed_integer(rules: &crate::ir::IntegerRules) -> TokenStream {
    let int = integer_type(rules);
    let bounds = checks::integer_bounds(rules, &quote!(n));
    let format = checks::integer_format(rules, &quote!(n));
    let multiple = checks::integer_multiple(rules, &quote!(n));
    let narrow = quote! {
        if cx.count() > before { None } else { __rt::parse::narrow::<#int>(n, cx, &at) }
    };
    if multiple.is_empty() {
        return quote! {
            {
                let before = cx.count();
                #bounds
                #format
                #narrow
            }
        };
    }
    quote! {
        {
            let before = cx.count();
            #bounds
            #format
            let fits = #narrow;
            #multiple
            if cx.count() > before { None } else { fits }
        }
    }
}

/// Whether what a value holds selects its alternative (a tag whose values
/// are all strings or all integers, or a member each alternative has of its
/// own) and every alternative is an object: parsing then reads the value
/// as that alternative alone, as it streams past, and a value made in code
/// as one alternative matches no other.
pub(super) fn selected_by_content(emitter: &Emitter<'_>, a: &crate::ir::AlternativesDef) -> bool {
    let selects = match &a.selector {
        Some(crate::ir::SelectorSpec::Tag(_)) => {
            let all = |read: fn(&serde_json::Value) -> bool| {
                a.variants
                    .iter()
                    .all(|v| v.tag_value.as_ref().is_some_and(read))
            };
            all(serde_json::Value::is_string) || all(serde_json::Value::is_i64)
        }
        Some(crate::ir::SelectorSpec::Members { exclusive, .. }) => *exclusive,
        None => false,
    };
    let objects = a.variants.iter().all(|variant| {
        matches!(&variant.ty, FieldType::Named(id)
            if matches!(emitter.def(*id).kind, TypeKind::Struct(_) | TypeKind::Union(_)))
    });
    selects && objects
}

/// For a string, date-time or number type of its own, the plain type it is
/// read as before its type's `checked` (`String`, `i128`, `f64`); `None`
/// for any other type.
fn read_as(emitter: &Emitter<'_>, id: crate::ir::TypeId) -> Option<TokenStream> {
    match &emitter.def(id).kind {
        TypeKind::Text(_) | TypeKind::DateTime(_) => Some(quote!(String)),
        TypeKind::Numeric(crate::ir::NumericRules::Integer(_)) => Some(quote!(i128)),
        TypeKind::Numeric(crate::ir::NumericRules::Number(_)) => Some(quote!(f64)),
        _ => None,
    }
}

/// What an `ArraySeed` (or `NullableArraySeed`) of `array` is made of: its
/// item type, its count limits, and the closure checking each item's own
/// rules where it stands.
fn list_parts(
    emitter: &Emitter<'_>,
    array: &crate::ir::ArrayType,
) -> (TokenStream, TokenStream, TokenStream, TokenStream) {
    let item = emitter.item_type(&array.items);
    let option = |n: Option<u64>| n.map_or_else(|| quote!(None), |n| quote!(Some(#n)));
    let (min, max) = (option(array.min_items), option(array.max_items));
    let each = checks::parsed_scalar(&array.items, &quote!(item));
    let each = if each.is_empty() {
        quote!(|_: &#item, _: &mut __rt::Context, _: &__rt::Path<'_>| {})
    } else {
        quote!(|item: &#item, cx: &mut __rt::Context, at: &__rt::Path<'_>| {
            let at = *at;
            #each
        })
    };
    (item, min, max, each)
}

/// A list with `uniqueItems`: read as JSON first, so that every item is
/// compared (also those not of the list's type, as the schema engine
/// compares them), then parsed as the typed list from that.
fn unique_list(emitter: &Emitter<'_>, array: &crate::ir::ArrayType, from: From) -> TokenStream {
    let typed = FieldType::Array(Box::new(crate::ir::ArrayType {
        unique_items: false,
        ..array.clone()
    }));
    let t = emitter.value_type(&typed);
    let parse = parse_value(emitter, &typed, From::Deserializer);
    let read = from.read(quote!(__rt::parse::Seed::<__rt::serde_json::Value>::new(
        cx, &at
    )));
    quote! {
        let json = #read;
        if let Some(__rt::serde_json::Value::Array(items)) = &json {
            __rt::check::unique_json_items(cx, &at, items);
        }
        let value = match json {
            Some(json) => (|| -> Result<Option<#t>, __rt::serde_json::Error> {
                let de = json;
                #parse
                Ok(value)
            })()
            .map_err(__rt::serde::de::Error::custom)?,
            None => None,
        };
    }
}

/// `uniqueItems` over a freshly parsed list (`value: Option<Vec<_>>`).
fn unique_check(array: &crate::ir::ArrayType) -> Option<TokenStream> {
    array.unique_items.then(|| {
        quote!(if let Some(v) = &value {
            __rt::check::unique_items(cx, &at, v);
        })
    })
}

/// `let value = …;` for a value that may be `null`: `Some(None)` for
/// `null`, the value's own checks otherwise.
fn nullable_value(emitter: &Emitter<'_>, inner: &FieldType, from: From) -> TokenStream {
    match inner {
        FieldType::Integer(rules) => {
            let narrowed = narrowed_integer(rules);
            let read = from.read(quote!(__rt::parse::Seed::<Option<i128>>::new(cx, &at)));
            quote! {
                let value = #read;
                let value = match value {
                    Some(Some(n)) => #narrowed.map(Some),
                    Some(None) => Some(None),
                    None => None,
                };
            }
        }
        FieldType::Number(rules) if rules.format == Some(NumericFormat::Float) => {
            let checks = checks::number(rules, &quote!(x));
            let read = from.read(quote!(__rt::parse::Seed::<Option<f64>>::new(cx, &at)));
            quote! {
                let value = #read;
                let value = match value {
                    Some(Some(x)) => {
                        let before = cx.count();
                        #checks
                        if cx.count() > before { None } else { __rt::parse::narrow_float(x, cx, &at).map(Some) }
                    }
                    Some(None) => Some(None),
                    None => None,
                };
            }
        }
        FieldType::Named(id) if read_as(emitter, *id).is_some() => {
            let t = emitter.value_type(inner);
            let plain = read_as(emitter, *id);
            let read = from.read(quote!(__rt::parse::Seed::<Option<#plain>>::new(cx, &at)));
            quote! {
                let value = #read;
                let value = match value {
                    Some(Some(plain)) => <#t>::checked(plain, cx, &at).map(Some),
                    Some(None) => Some(None),
                    None => None,
                };
            }
        }
        FieldType::Named(id) if matches!(emitter.def(*id).kind, TypeKind::List(_)) => {
            let TypeKind::List(array) = &emitter.def(*id).kind else {
                return TokenStream::new();
            };
            let t = emitter.value_type(inner);
            let read = nullable_value(emitter, &FieldType::Array(Box::new(array.clone())), from);
            quote! {
                #read
                let value = match value {
                    Some(Some(items)) => <#t>::counted(items).map(Some),
                    Some(None) => Some(None),
                    None => None,
                };
            }
        }
        // Read as a list, its count checked whatever its items are, as a
        // list that may not be `null` is.
        FieldType::Array(array) => {
            let (item, min, max, each) = list_parts(emitter, array);
            let read = from.read(
                quote!(__rt::parse::NullableArraySeed::<#item, _>::new(cx, &at, items, #each)),
            );
            let unique = array.unique_items.then(|| {
                quote! {
                    if let Some(Some(v)) = &value {
                        __rt::check::unique_items(cx, &at, v);
                    }
                }
            });
            quote! {
                let items = __rt::parse::Items { min: #min, max: #max };
                let value = #read;
                #unique
            }
        }
        _ => {
            let t = emitter.value_type(inner);
            let checks = checks::parsed_scalar(inner, &quote!(v));
            let checks =
                (!checks.is_empty()).then(|| quote!(if let Some(Some(v)) = &value { #checks }));
            let read = from.read(quote!(__rt::parse::Seed::<Option<#t>>::new(cx, &at)));
            quote! {
                let value = #read;
                #checks
            }
        }
    }
}

fn member_arm(emitter: &Emitter<'_>, field: &Field, varying: bool) -> TokenStream {
    let name = ident(&field.rust);
    let wire = &field.wire;
    let deferred = deferred(field, varying);
    let parse = if deferred {
        // Raw text is parsed, at its own path, once the tag is known.
        quote!(let value = Some(__rt::parse::read_deferred(map, &at.key(#wire))?);)
    } else {
        parse_value(emitter, &field.ty, From::Member)
    };
    let at = (!deferred).then(|| quote!(let at = at.key(#wire);));
    quote! {
        #wire => {
            if p.#name.present() {
                return Ok(__rt::parse::Member::Duplicate);
            }
            #at
            #parse
            p.#name.set(value);
        }
    }
}

/// A member whose own members a rule looks at: read as raw text once, to
/// record its keys, then parsed from that text.
fn keyed_member_arm(emitter: &Emitter<'_>, field: &Field) -> TokenStream {
    let name = ident(&field.rust);
    let keys = super::rules::keys_ident(field);
    let wire = &field.wire;
    let t = emitter.value_type(&field.ty);
    quote! {
        #wire => {
            if p.#name.present() {
                return Ok(__rt::parse::Member::Duplicate);
            }
            let at = at.key(#wire);
            let raw = __rt::parse::read_deferred(map, &at)?;
            p.#keys = __rt::parse::object_keys(&raw);
            p.#name.set(__rt::parse::parse_deferred::<#t>(&raw, cx, &at));
        }
    }
}

fn partial_struct(
    def: &TypeDef,
    slots: &[(TokenStream, TokenStream)],
    additional: Option<TokenStream>,
    keys: &[Ident],
) -> TokenStream {
    let partial = partial_ident(def);
    let doc = format!(" [`{}`] while it is parsed: one slot per member.", def.name);
    let fields = slots
        .iter()
        .map(|(name, ty)| quote!(pub #name: __rt::parse::Slot<#ty>,));
    let additional = additional.map(|map| quote!(pub __additional: #map,));
    quote! {
        #[doc = #doc]
        #[doc(hidden)]
        #[derive(Default)]
        pub struct #partial {
            #(#fields)*
            #additional
            #(pub #keys: Option<Vec<String>>,)*
        }
    }
}

/// How an open object reads a member it does not list: `None` keeps it as
/// JSON, `Some` parses it as the `additionalProperties` type (`let value`).
fn object_impl(
    def: &TypeDef,
    closed: bool,
    arms: &[TokenStream],
    finish: &TokenStream,
    uses_members: bool,
    additional: Option<TokenStream>,
) -> TokenStream {
    let name = ident(&def.name);
    let partial = partial_ident(def);
    let unknown_fn = (!closed).then(|| {
        let parse = match additional {
            // `at` is the member's own path.
            Some(parse) => quote!(let at = *at; #parse),
            None => {
                quote!(let value = map.next_value_seed(__rt::parse::Seed::<__rt::serde_json::Value>::new(cx, at))?;)
            }
        };
        quote! {
            fn unknown<A: __rt::serde::de::MapAccess<'de>>(
                p: &mut #partial,
                key: &str,
                map: &mut A,
                cx: &mut __rt::Context,
                at: &__rt::Path<'_>,
            ) -> Result<bool, A::Error> {
                #parse
                if let Some(value) = value {
                    p.__additional.insert(key.to_string(), value);
                }
                Ok(true)
            }
        }
    });
    let members = if uses_members {
        quote!(members)
    } else {
        quote!(_members)
    };
    let member_fn = if arms.is_empty() {
        quote! {
            fn member<A: __rt::serde::de::MapAccess<'de>>(
                _: &mut #partial,
                _: &str,
                _: &mut A,
                _: &mut __rt::Context,
                _: &__rt::Path<'_>,
            ) -> Result<__rt::parse::Member, A::Error> {
                Ok(__rt::parse::Member::Unknown)
            }
        }
    } else {
        member_fn(&quote!(member), &quote!(#partial), arms)
    };
    quote! {
        #[doc(hidden)]
        impl<'de> __rt::parse::Parse<'de> for #name {
            fn parse<D: __rt::serde::Deserializer<'de>>(
                de: D,
                cx: &mut __rt::Context,
                at: &__rt::Path<'_>,
            ) -> Result<Option<Self>, D::Error> {
                __rt::parse::parse_object(de, cx, at)
            }
        }

        #[doc(hidden)]
        impl<'de> __rt::parse::Object<'de> for #name {
            type Partial = #partial;
            const CLOSED: bool = #closed;

            #member_fn

            #unknown_fn

            #[allow(unused_variables)]
            #[inline]
            fn finish(p: #partial, #members: usize, cx: &mut __rt::Context, at: &__rt::Path<'_>) -> Option<Self> {
                #finish
            }
        }
    }
}

/// `fn #name` parsing member `key` into its slot of `partial` by `arms`
/// (one per member, from [`member_arm`]), or telling that it is not one:
/// an object's `member`, or alternatives' `shared`.
fn member_fn(name: &TokenStream, partial: &TokenStream, arms: &[TokenStream]) -> TokenStream {
    quote! {
        #[inline]
        fn #name<A: __rt::serde::de::MapAccess<'de>>(
            p: &mut #partial,
            key: &str,
            map: &mut A,
            cx: &mut __rt::Context,
            at: &__rt::Path<'_>,
        ) -> Result<__rt::parse::Member, A::Error> {
            match key {
                #(#arms)*
                _ => return Ok(__rt::parse::Member::Unknown),
            }
            Ok(__rt::parse::Member::Parsed)
        }
    }
}

fn uses_members(rules: &[ObjectRule]) -> bool {
    rules
        .iter()
        .any(|r| matches!(r, ObjectRule::PropertyCount { .. }))
}

/// `name: p.name.into_required()?` (or `into_optional`), from `source`.
fn take(field: &Field, source: &TokenStream) -> TokenStream {
    let name = ident(&field.rust);
    if field.required {
        quote!(#name: #source.into_required()?)
    } else {
        quote!(#name: #source.into_optional()?)
    }
}

fn structure(emitter: &Emitter<'_>, def: &TypeDef, s: &StructDef) -> TokenStream {
    let slots: Vec<_> = s
        .fields
        .iter()
        .map(|f| {
            let name = ident(&f.rust);
            (quote!(#name), slot_type(emitter, f, false))
        })
        .collect();
    let targets = super::rules::nested_targets(&s.rules);
    let nested: Vec<&Field> = s
        .fields
        .iter()
        .filter(|f| targets.contains(&f.wire))
        .collect();
    let keys: Vec<Ident> = nested.iter().map(|f| super::rules::keys_ident(f)).collect();
    let map = (!s.closed).then(|| additional_map_type(emitter, s.additional.as_ref()));
    let partial = partial_struct(def, &slots, map, &keys);
    let arms: Vec<_> = s
        .fields
        .iter()
        .map(|f| {
            if nested.iter().any(|n| n.wire == f.wire) {
                keyed_member_arm(emitter, f)
            } else {
                member_arm(emitter, f, false)
            }
        })
        .collect();
    let required = required(
        Access::Partial,
        &s.fields,
        s.fields
            .iter()
            .filter(|f| f.required)
            .map(|f| f.wire.clone()),
    );
    let rules = object_rules(emitter, Access::Partial, &s.fields, &s.rules);
    let takes = s.fields.iter().map(|f| {
        let name = ident(&f.rust);
        take(f, &quote!(p.#name))
    });
    let additional = (!s.closed).then(|| {
        let name = super::additional_ident(&s.fields);
        quote!(#name: p.__additional,)
    });
    let finish = quote! {
        #required
        #rules
        Some(Self { #(#takes,)* #additional })
    };
    let typed_additional = s.additional.as_ref().map(|ty| {
        let parse = parse_value(emitter, ty, From::Member);
        match &s.additional_pattern {
            None => parse,
            // Only names the pattern matches may be sent; another is
            // refused and its value skipped.
            Some(source) => quote! {
                static PATTERN: __rt::rules::pattern::Pattern = __rt::rules::pattern::Pattern::new(#source);
                if PATTERN.is_match(key) != Some(true) {
                    cx.fail(&at, "additionalProperties", format!("property `{key}` is not defined by the schema"));
                    return Ok(false);
                }
                #parse
            },
        }
    });
    let object = object_impl(
        def,
        s.closed,
        &arms,
        &finish,
        uses_members(&s.rules),
        typed_additional,
    );
    quote!(#partial #object)
}

/// The map an open object keeps its unlisted members in: typed by its
/// `additionalProperties` schema, else JSON.
pub fn additional_map_type(emitter: &Emitter<'_>, ty: Option<&FieldType>) -> TokenStream {
    match ty {
        Some(ty) => {
            let value = emitter.value_type(ty);
            quote!(::std::collections::BTreeMap<String, #value>)
        }
        None => quote!(__rt::serde_json::Map<String, __rt::serde_json::Value>),
    }
}

fn union(emitter: &Emitter<'_>, def: &TypeDef, u: &UnionDef) -> TokenStream {
    let all: Vec<Field> = u.common.iter().chain(&u.varying).cloned().collect();
    let mut slots = vec![(quote!(__tag), quote!(usize))];
    let varying = |f: &Field| u.varying.iter().any(|v| v.wire == f.wire);
    slots.extend(all.iter().map(|f| {
        let name = ident(&f.rust);
        (quote!(#name), slot_type(emitter, f, varying(f)))
    }));
    let partial = partial_struct(def, &slots, None, &[]);
    let tag = &u.tag.wire;
    let values: Vec<&String> = u.variants.iter().map(|v| &v.value).collect();
    let (typed, rule) = (u.tag.typed, u.tag.rule.keyword());
    let mut arms = vec![quote! {
        #tag => {
            if p.__tag.present() {
                return Ok(__rt::parse::Member::Duplicate);
            }
            let at = at.key(#tag);
            let value = map.next_value_seed(__rt::parse::ChoiceSeed::new(cx, &at, &[#(#values),*], #typed, #rule))?;
            p.__tag.set(value);
        }
    }];
    arms.extend(all.iter().map(|f| member_arm(emitter, f, varying(f))));
    let tag_required = dmforge_runtime::describe::missing(tag);
    let required = required(
        Access::Partial,
        &all,
        all.iter().filter(|f| f.required).map(|f| f.wire.clone()),
    );
    let rules = object_rules(emitter, Access::Partial, &u.common, &u.rules);
    let deferred: Vec<&Field> = u
        .varying
        .iter()
        .filter(|f| f.ty == FieldType::AnyObject)
        .collect();
    let base_checks: Vec<TokenStream> = deferred
        .iter()
        .map(|f| {
            let (name, wire) = (ident(&f.rust), &f.wire);
            quote!(__rt::parse::check_deferred_object(&p.#name, cx, &at.key(#wire));)
        })
        .collect();
    let tag_binding = if base_checks.is_empty() {
        quote!(let tag = p.__tag.value().copied()?;)
    } else {
        quote! {
            let Some(tag) = p.__tag.value().copied() else {
                #(#base_checks)*
                return None;
            };
        }
    };
    let arms_by_tag = u.variants.iter().enumerate().map(|(index, variant)| {
        let body = variant_finish(emitter, u, variant);
        quote!(#index => { #body })
    });
    let finish = quote! {
        if !p.__tag.present() {
            cx.fail(at, "required", #tag_required);
        }
        #required
        #rules
        #tag_binding
        match tag {
            #(#arms_by_tag)*
            _ => None,
        }
    };
    let object = object_impl(def, u.closed, &arms, &finish, uses_members(&u.rules), None);
    quote!(#partial #object)
}

/// The condition under which `member` is required or forbidden in
/// `variant`, worded as in the schema's `if`.
fn variant_condition(variant: &Variant, tag: &str, member: &str) -> String {
    variant.conditions.get(member).cloned().unwrap_or_else(|| {
        format!(
            "when `{tag}` is {}",
            dmforge_runtime::describe::preview_str(&variant.value)
        )
    })
}

/// Checks of one variant (forbidden and newly required members, deferred
/// members typed) and the value built from the partial.
fn variant_finish(emitter: &Emitter<'_>, u: &UnionDef, variant: &Variant) -> TokenStream {
    let tag = &u.tag.wire;
    let mut statements = Vec::new();
    for wire in &variant.forbidden {
        let Some(field) = Emitter::field(&u.varying, wire) else {
            continue;
        };
        let name = ident(&field.rust);
        let message =
            dmforge_runtime::describe::not_allowed(wire, &variant_condition(variant, tag, wire));
        statements.push(quote! {
            if p.#name.present() {
                cx.fail(&at.key(#wire), __rt::describe::FORBIDDEN, #message);
            }
        });
        if field.ty == FieldType::AnyObject {
            statements
                .push(quote!(__rt::parse::check_deferred_object(&p.#name, cx, &at.key(#wire));));
        }
    }
    let mut sources = Vec::new();
    for field in &variant.fields {
        let base = Emitter::field(&u.varying, &field.wire);
        let name = ident(&field.rust);
        let wire = &field.wire;
        if field.required && !base.is_some_and(|b| b.required) {
            let message = dmforge_runtime::describe::missing_when(
                wire,
                &variant_condition(variant, tag, wire),
            );
            statements.push(quote! {
                if !p.#name.present() {
                    cx.fail(at, "required", #message);
                }
            });
        }
        if base.is_some_and(|b| b.ty == FieldType::AnyObject) {
            let t = emitter.value_type(&field.ty);
            statements.push(quote! {
                let #name = __rt::parse::resolve_deferred::<#t>(p.#name, cx, &at.key(#wire));
            });
            sources.push(take(field, &quote!(#name)));
        } else {
            sources.push(take(field, &quote!(p.#name)));
        }
    }
    let variant_name = ident(&variant.name);
    let inner = if variant.fields.is_empty() {
        quote!(#variant_name)
    } else {
        quote!(#variant_name { #(#sources),* })
    };
    let built = match &u.inner_enum {
        None => quote!(Self::#inner),
        Some(inner_enum) => {
            let inner_enum = ident(inner_enum);
            let inner_field = ident(&u.inner_field);
            let common = u.common.iter().map(|f| {
                let name = ident(&f.rust);
                take(f, &quote!(p.#name))
            });
            quote!(Self { #(#common,)* #inner_field: #inner_enum::#inner })
        }
    };
    quote! {
        #(#statements)*
        Some(#built)
    }
}

fn newtype(emitter: &Emitter<'_>, def: &TypeDef, ty: &FieldType) -> TokenStream {
    let name = ident(&def.name);
    let parse = parse_value(emitter, ty, From::Deserializer);
    quote! {
        #[doc(hidden)]
        impl<'de> __rt::parse::Parse<'de> for #name {
            fn parse<D: __rt::serde::Deserializer<'de>>(
                de: D,
                cx: &mut __rt::Context,
                at: &__rt::Path<'_>,
            ) -> Result<Option<Self>, D::Error> {
                let at = *at;
                #parse
                Ok(value.map(Self))
            }
        }
    }
}
