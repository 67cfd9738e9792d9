//! `Validate` for values built in code: the same member checks and object
//! rules as parsing, over the finished value. A union's variants need no
//! presence checks: their shape already says what is required and what is
//! forbidden.

use proc_macro2::TokenStream;
use quote::quote;

use super::rules::{object_rules, Access};
use super::{checks, ident, Emitter};
use crate::ir::{Field, FieldType, TypeDef, TypeKind};

pub fn implementation(emitter: &Emitter<'_>, def: &TypeDef) -> TokenStream {
    let name = ident(&def.name);
    let body = match &def.kind {
        TypeKind::Enum(_) | TypeKind::IntegerEnum(_) => quote!(),
        // The runtime's `Text`, `DateTime`, `Number` and `List` validate
        // themselves.
        TypeKind::Text(_) | TypeKind::DateTime(_) | TypeKind::Numeric(_) | TypeKind::List(_) => {
            return TokenStream::new()
        }
        TypeKind::TypeUnion(variants)
            if variants
                .iter()
                .all(|v| checks::in_memory(&v.ty, &quote!(v)).is_empty()) =>
        {
            quote!()
        }
        TypeKind::TypeUnion(variants) => {
            let arms = variants.iter().map(|variant| {
                let name = ident(&variant.name);
                let checks = checks::in_memory(&variant.ty, &quote!(v));
                if checks.is_empty() {
                    quote!(Self::#name(_) => {})
                } else {
                    quote!(Self::#name(v) => { #checks })
                }
            });
            quote! {
                let at = *at;
                match self {
                    #(#arms)*
                }
            }
        }
        TypeKind::Newtype(ty) => {
            let checks = checks::in_memory(ty, &quote!(v));
            if checks.is_empty() {
                quote!()
            } else {
                quote! {
                    let at = *at;
                    let v = &self.0;
                    #checks
                }
            }
        }
        TypeKind::Tuple(t) => {
            let prefix: Vec<TokenStream> = t
                .prefix
                .iter()
                .enumerate()
                .filter_map(|(index, ty)| {
                    let checks = checks::in_memory(ty, &quote!(v));
                    let field = proc_macro2::Literal::usize_unsuffixed(index);
                    (!checks.is_empty()).then(|| {
                        quote! {
                            {
                                let at = whole.index(#index);
                                let v = &self.#field;
                                #checks
                            }
                        }
                    })
                })
                .collect();
            let count = t.prefix.len();
            let list = proc_macro2::Literal::usize_unsuffixed(count);
            // Only a list after the prefix changes the count.
            let rest = t.kept().map(|ty| {
                let checks = checks::in_memory(ty, &quote!(v));
                let each = (!checks.is_empty()).then(|| {
                    quote! {
                        for (index, v) in self.#list.iter().enumerate() {
                            let at = whole.index(#count + index);
                            #checks
                        }
                    }
                });
                let min = t
                    .min_items
                    .map(|n| quote!(__rt::check::min_items(cx, &whole, len, #n);));
                let max = t
                    .max_items
                    .map(|n| quote!(__rt::check::max_items(cx, &whole, len, #n);));
                quote! {
                    let len = #count + self.#list.len();
                    #min
                    #max
                    #each
                }
            });
            if prefix.is_empty() && rest.is_none() {
                quote!()
            } else {
                quote! {
                    let whole = *at;
                    #(#prefix)*
                    #rest
                }
            }
        }
        // An alternative selected by what it holds (a tag, a member of its
        // own) is the only one its value can match: its own rules are all
        // that is left to check, as parsing checks them.
        TypeKind::Alternatives(a) if super::parse::selected_by_content(emitter, a) => {
            let arms = a.variants.iter().map(|variant| {
                let name = ident(&variant.name);
                // A type that holds itself is held in a `Box`.
                let boxed = matches!(&variant.ty, FieldType::Named(id) if emitter.module.boxed.contains(id));
                let value = if boxed { quote!(&**value) } else { quote!(value) };
                quote!(Self::#name(value) => __rt::Validate::validate_at(#value, cx, at),)
            });
            quote! {
                match self {
                    #(#arms)*
                }
            }
        }
        // Which alternatives a value built in code matches is what parsing
        // decides: its JSON is parsed again, with every rule.
        TypeKind::Alternatives(_) => quote! {
            match __rt::serde_json::to_value(self) {
                Ok(json) => {
                    let _ = <Self as __rt::parse::Parse>::parse(&json, cx, at);
                }
                Err(e) => cx.fail(at, "type", e.to_string()),
            }
        },
        // Structs derive `Validate` from their attributes (`attrs.rs`).
        TypeKind::Struct(_) => return quote!(),
        TypeKind::Union(u) => {
            let common = u.common.iter().map(|f| {
                let member = ident(&f.rust);
                field_checks(f, &quote!(&self.#member))
            });
            let rules = object_rules(emitter, Access::Built, &u.common, &u.rules);
            let enum_name = u.inner_enum.as_deref().map_or_else(
                || quote!(Self),
                |n| {
                    let n = ident(n);
                    quote!(#n)
                },
            );
            let scrutinee = if u.inner_enum.is_some() {
                let field = ident(&u.inner_field);
                quote!(&self.#field)
            } else {
                quote!(self)
            };
            let arms = u.variants.iter().map(|variant| {
                let variant_name = ident(&variant.name);
                if variant.fields.is_empty() {
                    return quote!(#enum_name::#variant_name => {});
                }
                // Bind only the members that have checks; `..` skips the rest.
                let checked: Vec<(proc_macro2::Ident, TokenStream)> = variant
                    .fields
                    .iter()
                    .filter_map(|f| {
                        let binding = ident(&f.rust);
                        let checks = field_checks(f, &quote!(#binding));
                        (!checks.is_empty()).then_some((binding, checks))
                    })
                    .collect();
                let bindings = checked.iter().map(|(b, _)| b);
                let checks = checked.iter().map(|(_, c)| c);
                quote! {
                    #enum_name::#variant_name { #(#bindings,)* .. } => {
                        #(#checks)*
                    }
                }
            });
            quote! {
                #(#common)*
                #rules
                match #scrutinee {
                    #(#arms)*
                }
            }
        }
    };
    if body.is_empty() {
        return quote! {
            impl __rt::Validate for #name {
                fn validate_at(&self, _: &mut __rt::Context, _: &__rt::Path<'_>) {}
            }
        };
    }
    quote! {
        impl __rt::Validate for #name {
            fn validate_at(&self, cx: &mut __rt::Context, at: &__rt::Path<'_>) {
                #body
            }
        }
    }
}

/// Checks of one member, whose value is the reference expression `value`.
fn field_checks(field: &Field, value: &TokenStream) -> TokenStream {
    let checks = checks::in_memory(&field.ty, &quote!(v));
    if checks.is_empty() {
        return quote!();
    }
    let wire = &field.wire;
    let bind = if field.required {
        quote!(let v = #value; #checks)
    } else {
        quote!(if let Some(v) = #value { #checks })
    };
    quote! {
        {
            let at = at.key(#wire);
            #bind
        }
    }
}
