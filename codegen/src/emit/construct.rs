//! Construction in code: each member's limits as constants (for
//! `dmforge::text!` / `dmforge::items!`, checked at compile time), and
//! typestate builders in which leaving out a required member does not
//! compile, while `build()` checks at run time what no member's type holds:
//! the rules that span members (each member's own were checked when its
//! value was made).

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

use super::{docs, ident, Emitter};
use crate::ir::{AlternativesDef, Field, FieldType, TypeDef, TypeKind};
use crate::names::snake;

pub fn implementation(emitter: &Emitter<'_>, def: &TypeDef) -> TokenStream {
    let name = ident(&def.name);
    // Limit errors name the provider module too: `Message` alone is in
    // every provider.
    let module: Vec<String> = emitter.module.id.split('/').map(snake).collect();
    let qualified = format!("{}::{}", module.join("::"), def.name);
    match &def.kind {
        TypeKind::Struct(s) => {
            let limits = limits(&name, &qualified, &s.fields, "");
            let open = (!s.closed).then(|| match s.additional {
                None => quote!(__rt::serde_json::Map::new()),
                Some(_) => quote!(::std::collections::BTreeMap::new()),
            });
            let builder = builder(emitter, def, &s.fields, None, open);
            quote!(#limits #builder)
        }
        TypeKind::Union(u) => {
            // Variant members' limits live on the enum that has the variants.
            let variants_type = u.inner_enum.as_deref().map_or_else(|| name.clone(), ident);
            let variant_limits: Vec<TokenStream> = u
                .variants
                .iter()
                .map(|v| {
                    limits(
                        &variants_type,
                        &qualified,
                        &v.fields,
                        &format!("{}_", snake(&v.name).to_uppercase()),
                    )
                })
                .collect();
            match &u.inner_enum {
                None => quote!(#(#variant_limits)*),
                Some(inner) => {
                    let common = limits(&name, &qualified, &u.common, "");
                    let inner_ident = ident(inner);
                    let inner_field = Field {
                        wire: u.tag.wire.clone(),
                        rust: u.inner_field.clone(),
                        doc: Default::default(),
                        ty: FieldType::AnyObject,
                        required: true,
                    };
                    let builder = builder(
                        emitter,
                        def,
                        &u.common,
                        Some((&inner_field, &inner_ident)),
                        None,
                    );
                    quote!(#common #(#variant_limits)* #builder)
                }
            }
        }
        TypeKind::Enum(_)
        | TypeKind::IntegerEnum(_)
        | TypeKind::TypeUnion(_)
        | TypeKind::Tuple(_)
        | TypeKind::Text(_)
        | TypeKind::DateTime(_)
        | TypeKind::Numeric(_)
        | TypeKind::List(_)
        | TypeKind::Newtype(_) => quote!(),
        TypeKind::Alternatives(a) => alternatives_from(emitter, def, a),
    }
}

/// `impl Type { pub const MEMBER: StrLimits = …; }` for members with length
/// or count limits; `type_name` is the type's path from the generated root
/// (`meta_graph::send_message::Message`).
fn limits(target: &Ident, type_name: &str, fields: &[Field], prefix: &str) -> TokenStream {
    let consts: Vec<TokenStream> = fields
        .iter()
        .filter_map(|field| {
            let const_name = format_ident!(
                "{}{}",
                prefix,
                field.rust.trim_start_matches("r#").to_uppercase()
            );
            let name = format!("{type_name}.{}", field.wire);
            // Only a list its owner checks (`uniqueItems`, numbers) still has
            // its limits here; other members' types carry their own.
            let doc = format!(
                " Limits of `{}`, checked at compile time by `dmforge::items![limits = …; …]`.",
                docs::clean(&field.wire),
            );
            let option = |n: Option<u64>| n.map_or_else(|| quote!(None), |n| quote!(Some(#n)));
            match &field.ty {
                FieldType::String(r)
                    if r.max_bytes.is_some()
                        || r.max_length.is_some()
                        || r.min_length.is_some() =>
                {
                    let (min, max, bytes) = (
                        option(r.min_length),
                        option(r.max_length),
                        option(r.max_bytes),
                    );
                    Some(quote! {
                        #[doc = #doc]
                        pub const #const_name: __rt::lit::StrLimits = __rt::lit::StrLimits {
                            name: #name,
                            min_chars: #min,
                            max_chars: #max,
                            max_bytes: #bytes,
                        };
                    })
                }
                FieldType::Array(a) if a.min_items.is_some() || a.max_items.is_some() => {
                    let (min, max) = (option(a.min_items), option(a.max_items));
                    Some(quote! {
                        #[doc = #doc]
                        pub const #const_name: __rt::lit::ItemLimits = __rt::lit::ItemLimits {
                            name: #name,
                            min_items: #min,
                            max_items: #max,
                        };
                    })
                }
                _ => None,
            }
        })
        .collect();
    if consts.is_empty() {
        return quote!();
    }
    quote! {
        impl #target {
            #(#consts)*
        }
    }
}

/// The setter's parameter: `impl Into<String>` for strings, else the type.
fn setter_param(
    emitter: &Emitter<'_>,
    field: &Field,
    inner: Option<&Ident>,
) -> (TokenStream, TokenStream) {
    if let Some(inner) = inner {
        return (quote!(#inner), quote!(value));
    }
    match &field.ty {
        FieldType::String(_) => (quote!(impl Into<String>), quote!(value.into())),
        // Alternatives take any of their alternatives' types
        // (`.message(MessageText::builder()…)`).
        FieldType::Named(id)
            if matches!(emitter.module.types[id.0].kind, TypeKind::Alternatives(_)) =>
        {
            let t = emitter.value_type(&field.ty);
            (quote!(impl Into<#t>), quote!(value.into()))
        }
        // A type that holds itself is held in a `Box`: the setter takes
        // the value or the box (`.next(outline)`).
        FieldType::Named(id) if emitter.module.boxed.contains(id) => {
            let t = emitter.value_type(&field.ty);
            (quote!(impl Into<#t>), quote!(value.into()))
        }
        _ => (emitter.value_type(&field.ty), quote!(value)),
    }
}

/// `From<Alternative> for Alternatives`, for each alternative whose type
/// is one of this module's and no other alternative's.
fn alternatives_from(emitter: &Emitter<'_>, def: &TypeDef, a: &AlternativesDef) -> TokenStream {
    let name = ident(&def.name);
    let impls = a.variants.iter().filter_map(|variant| {
        let FieldType::Named(_) = variant.ty else {
            return None;
        };
        let shared = a.variants.iter().filter(|v| v.ty == variant.ty).count() > 1;
        if shared {
            return None;
        }
        let ty = emitter.value_type(&variant.ty);
        let variant_name = ident(&variant.name);
        Some(quote! {
            impl From<#ty> for #name {
                fn from(value: #ty) -> Self {
                    Self::#variant_name(value)
                }
            }
        })
    });
    quote!(#(#impls)*)
}

/// A typestate builder for a struct with required members (and, for a
/// union's outer struct, the variant as one more required member).
fn builder(
    emitter: &Emitter<'_>,
    def: &TypeDef,
    fields: &[Field],
    inner: Option<(&Field, &Ident)>,
    // An open object's map of unlisted members, empty: how to write it.
    open: Option<TokenStream>,
) -> TokenStream {
    let all: Vec<(&Field, Option<&Ident>)> = fields
        .iter()
        .map(|f| (f, None))
        .chain(inner.map(|(f, i)| (f, Some(i))))
        .collect();
    // A required member with one possible value (a `const`) is filled in;
    // every other required member is a type parameter until it is set.
    let fixed = |f: &Field| -> Option<TokenStream> {
        let FieldType::Named(id) = f.ty else {
            return None;
        };
        match &emitter.def(id).kind {
            TypeKind::Enum(e) if f.required && e.values.len() == 1 => {
                emitter.enum_variant(id, &e.values[0].0)
            }
            _ => None,
        }
    };
    let required: Vec<usize> = all
        .iter()
        .enumerate()
        .filter(|(_, (f, _))| f.required && fixed(f).is_none())
        .map(|(i, _)| i)
        .collect();
    let name = ident(&def.name);
    let builder = format_ident!("{}Builder", def.name);
    let markers_mod = format_ident!("{}_required", snake(&def.name).trim_start_matches("r#"));
    let params: Vec<Ident> = (0..required.len())
        .map(|i| format_ident!("R{}", i))
        .collect();
    let member = |f: &Field| ident(&f.rust);
    let value_type = |f: &Field, inner: Option<&Ident>| match inner {
        Some(i) => quote!(#i),
        None => emitter.value_type(&f.ty),
    };
    // Builder fields: a type parameter for each required member, an Option for the rest.
    let settable: Vec<(&Field, Option<&Ident>)> = all
        .iter()
        .copied()
        .filter(|(f, _)| fixed(f).is_none())
        .collect();
    let builder_fields = settable.iter().map(|(f, inner)| {
        let m = member(f);
        match required.iter().position(|&r| std::ptr::eq(all[r].0, *f)) {
            Some(p) => {
                let param = &params[p];
                quote!(#m: #param,)
            }
            None => {
                let t = value_type(f, *inner);
                quote!(#m: Option<#t>,)
            }
        }
    });
    let marker_types: Vec<TokenStream> = required
        .iter()
        .map(|&r| {
            let marker = ident(&all[r].0.rust);
            quote!(__rt::builder::Missing<#markers_mod::#marker>)
        })
        .collect();
    let markers = required.iter().map(|&r| {
        let marker = ident(&all[r].0.rust);
        let doc = format!(" `{}` not set yet.", docs::clean(&all[r].0.wire));
        // Not `doc(hidden)`: rustc would then name the marker by its full
        // path in the error for a missing member, which must read
        // `SendMessageBuilder<Missing<recipient>>`.
        quote!(#[doc = #doc] pub struct #marker;)
    });
    let start_fields = settable.iter().map(|(f, _)| {
        let m = member(f);
        if f.required {
            quote!(#m: __rt::builder::Missing::new(),)
        } else {
            quote!(#m: None,)
        }
    });
    let setters = settable.iter().map(|(f, inner)| {
        let m = member(f);
        let (param_type, value) = setter_param(emitter, f, *inner);
        let doc = docs::attributes(&f.doc, &docs::limits(&emitter.resolved(&f.ty)));
        match required.iter().position(|&r| std::ptr::eq(all[r].0, *f)) {
            None => quote! {
                #doc
                pub fn #m(mut self, value: #param_type) -> Self {
                    self.#m = Some(#value);
                    self
                }
            },
            Some(p) => {
                let set_type = value_type(f, *inner);
                let out_params = params.iter().enumerate().map(|(i, param)| {
                    if i == p {
                        quote!(#set_type)
                    } else {
                        quote!(#param)
                    }
                });
                let moves = settable.iter().map(|(g, _)| {
                    let gm = member(g);
                    if std::ptr::eq(*g, *f) && gm == value.to_string() {
                        // A member named `value`: the shorthand.
                        quote!(#gm,)
                    } else if std::ptr::eq(*g, *f) {
                        quote!(#gm: #value,)
                    } else {
                        quote!(#gm: self.#gm,)
                    }
                });
                quote! {
                    #doc
                    pub fn #m(self, value: #param_type) -> #builder <#(#out_params),*> {
                        #builder { #(#moves)* }
                    }
                }
            }
        }
    });
    let set_types = required.iter().map(|&r| value_type(all[r].0, all[r].1));
    let takes = all.iter().map(|(f, _)| {
        let m = member(f);
        match fixed(f) {
            Some(value) => quote!(#m: #value,),
            None => quote!(#m: self.#m,),
        }
    });
    let additional = open.map(|empty| {
        let a = super::additional_ident(fields);
        quote!(#a: #empty,)
    });
    let builder_doc = format!(
        " Builds a [`{0}`]: `{0}::builder()`, a setter per member, then `build()`, which only compiles once every required member is set, and checks the rules that span members (each member's own were checked when its value was made).",
        def.name
    );
    let markers_doc = format!(
        " Markers of the required members of [`{}`] not yet set in its builder.",
        def.name
    );
    let generics = |items: Vec<TokenStream>| {
        if items.is_empty() {
            quote!()
        } else {
            quote!(<#(#items),*>)
        }
    };
    let declared = generics(params.iter().map(|p| quote!(#p)).collect());
    let start = generics(marker_types);
    let complete = generics(set_types.collect());
    // One type parameter per required member: long for a large object, by
    // design.
    let complex = (params.len() > 4).then(|| quote!(#[allow(clippy::type_complexity)]));
    let markers_mod_tokens = (!required.is_empty()).then(|| {
        quote! {
            #[doc = #markers_doc]
            #[allow(non_camel_case_types)]
            pub mod #markers_mod {
                #(#markers)*
            }
        }
    });
    quote! {
        #markers_mod_tokens

        #[doc = #builder_doc]
        #[must_use]
        pub struct #builder #declared {
            #(#builder_fields)*
        }

        impl #name {
            /// A builder; see its type.
            #complex
            pub fn builder() -> #builder #start {
                #builder { #(#start_fields)* }
            }
        }

        #complex
        impl #declared #builder #declared {
            #(#setters)*
        }

        impl #builder #complete {
            /// The value, if it breaks no rule that spans its members (or
            /// those of the values it holds, which a struct literal may
            /// have made); each member's own rules were checked when its
            /// value was made.
            pub fn build(self) -> Result<#name, __rt::ValidationErrors> {
                __rt::Validate::validated(#name { #(#takes)* #additional })
            }
        }
    }
}
