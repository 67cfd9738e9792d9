//! IR → Rust. Everything is built with `quote!` and formatted with
//! prettyplease; nothing is assembled from strings of Rust.
//!
//! A module's file reads top to bottom as: the types (with docs stating
//! every limit in its unit), then how they are parsed (`Parse`, `Object`
//! and a partial value per object), then how values in memory are
//! validated (`Validate`). Generated code names the runtime through one
//! alias, `__rt`, so the same output works inside this workspace
//! (`::dmforge_runtime`) and in a user's crate (`::dmforge::runtime`).

mod attrs;
mod checks;
mod construct;
mod docs;
mod endpoint;
pub(crate) use endpoint::constant_name as endpoint_constant;
mod parse;
mod rules;
mod types;
mod validate;
mod values;

pub use docs::clean as clean_doc;
use proc_macro2::{Ident, Span, TokenStream};
use quote::{format_ident, quote};

use crate::ir::{Field, FieldType, IntegerRules, Module, NumericFormat, TypeDef, TypeId, TypeKind};

/// Choices about the emitted code that are not in the schema.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Options {
    /// Whether the types derive `schemars::JsonSchema`.
    pub json_schema: JsonSchemaDerive,
    /// The crate the generated modules are reached through (`dmforge`), for
    /// each root type's example to be a doctest; without it the example is
    /// shown as JSON.
    pub examples_crate: Option<String>,
}

/// Whether generated types derive `schemars::JsonSchema` (through the
/// runtime's re-export, present with its `json-schema` feature).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum JsonSchemaDerive {
    /// No schemars: the lean default.
    #[default]
    Never,
    /// Always (the crate using the types enables `dmforge/json-schema`).
    Always,
    /// Under `#[cfg(feature = "...")]` of the crate the code is compiled in.
    WhenFeature(String),
}

/// The tokens of one schema's module (without the header comment), with
/// the default [`Options`].
pub fn module_tokens(module: &Module, runtime: &syn::Path) -> TokenStream {
    module_tokens_with(module, runtime, &Options::default())
}

/// The tokens of one schema's module (without the header comment).
pub fn module_tokens_with(module: &Module, runtime: &syn::Path, options: &Options) -> TokenStream {
    let emitter = Emitter { module, options };
    let type_defs = module
        .types
        .iter()
        .map(|def| types::definition(&emitter, def));
    let parsing = module
        .types
        .iter()
        .map(|def| parse::implementation(&emitter, def));
    let validation = module
        .types
        .iter()
        .map(|def| validate::implementation(&emitter, def));
    let construction = module
        .types
        .iter()
        .map(|def| construct::implementation(&emitter, def));
    let value_schemas = module
        .values
        .iter()
        .map(|node| values::definition(&emitter, node));
    let endpoint = endpoint::definition(&emitter);
    quote! {
        #[allow(unused_imports)]
        use #runtime as __rt;

                #(#type_defs)*
        #(#construction)*
        #(#parsing)*
        #(#validation)*
        #(#value_schemas)*
        #endpoint
    }
}

/// Formats `tokens` as a Rust file, after `header` (comment lines).
pub fn format_file(header: &str, tokens: TokenStream) -> Result<String, syn::Error> {
    let file: syn::File = syn::parse2(tokens)?;
    Ok(format!("{header}{}", prettyplease::unparse(&file)))
}

pub(crate) struct Emitter<'m> {
    pub module: &'m Module,
    pub options: &'m Options,
}

impl Emitter<'_> {
    pub fn def(&self, id: TypeId) -> &TypeDef {
        &self.module.types[id.0]
    }

    pub fn type_ident(&self, id: TypeId) -> Ident {
        ident(&self.def(id).name)
    }

    /// The Rust type of a member's value (without `Option`).
    pub fn value_type(&self, ty: &FieldType) -> TokenStream {
        match ty {
            FieldType::String(_) => quote!(String),
            FieldType::Integer(rules) => {
                let int = integer_type(rules);
                quote!(#int)
            }
            FieldType::Number(rules) if rules.format == Some(NumericFormat::Float) => quote!(f32),
            FieldType::Number(_) => quote!(f64),
            FieldType::Boolean => quote!(bool),
            FieldType::Json(_) | FieldType::Any(_) => quote!(__rt::serde_json::Value),
            FieldType::Array(array) => {
                let item = self.item_type(&array.items);
                quote!(Vec<#item>)
            }
            FieldType::Named(id) if self.module.boxed.contains(id) => {
                let name = self.type_ident(*id);
                quote!(Box<#name>)
            }
            FieldType::Named(id) => {
                let name = self.type_ident(*id);
                quote!(#name)
            }
            FieldType::AnyObject => quote!(__rt::parse::JsonObject),
            FieldType::Nullable(inner) => {
                let inner = self.value_type(inner);
                quote!(Option<#inner>)
            }
        }
    }

    /// `ty` with each string, number or list type of its own read as the
    /// plain type and rules it holds, for saying the limits in docs.
    pub fn resolved(&self, ty: &FieldType) -> FieldType {
        match ty {
            FieldType::Named(id) => match &self.def(*id).kind {
                TypeKind::Text(rules) | TypeKind::DateTime(rules) => {
                    FieldType::String(rules.clone())
                }
                TypeKind::Numeric(rules) => rules.field_type(),
                TypeKind::List(array) => self.resolved(&FieldType::Array(Box::new(array.clone()))),
                _ => ty.clone(),
            },
            FieldType::Nullable(inner) => FieldType::Nullable(Box::new(self.resolved(inner))),
            FieldType::Array(array) => FieldType::Array(Box::new(crate::ir::ArrayType {
                items: self.resolved(&array.items),
                ..(**array).clone()
            })),
            other => other.clone(),
        }
    }

    /// The type of a list's items: a `Vec` already holds them on the heap,
    /// so a type that holds itself needs no `Box` there.
    pub fn item_type(&self, ty: &FieldType) -> TokenStream {
        match ty {
            FieldType::Named(id) => {
                let name = self.type_ident(*id);
                quote!(#name)
            }
            other => self.value_type(other),
        }
    }

    /// The declared type of a member: `Option<T>` unless required.
    pub fn field_type(&self, field: &Field) -> TokenStream {
        let value = self.value_type(&field.ty);
        if field.required {
            value
        } else {
            quote!(Option<#value>)
        }
    }

    /// The member `wire` of an object type's fields.
    pub fn field<'f>(fields: &'f [Field], wire: &str) -> Option<&'f Field> {
        fields.iter().find(|f| f.wire == wire)
    }

    /// Variant paths of an enum type, by wire value.
    pub fn enum_variant(&self, id: TypeId, wire: &str) -> Option<TokenStream> {
        let TypeKind::Enum(def) = &self.def(id).kind else {
            return None;
        };
        let name = self.type_ident(id);
        def.values
            .iter()
            .find(|(w, _)| w == wire)
            .map(|(_, variant)| {
                let variant = ident(variant);
                quote!(#name::#variant)
            })
    }
}

/// The smallest common integer type that holds every value the bounds allow.
/// (The choice is the runtime's, which the schema engine shares.)
pub fn integer_type(rules: &IntegerRules) -> Ident {
    let chosen = dmforge_runtime::rules::integer::IntegerType::for_schema(
        rules.minimum,
        rules.maximum,
        rules.format,
    );
    Ident::new(chosen.name(), Span::call_site())
}

/// An identifier, raw (`r#type`) where the name says so.
pub fn ident(name: &str) -> Ident {
    match name.strip_prefix("r#") {
        Some(raw) => Ident::new_raw(raw, Span::call_site()),
        None => format_ident!("{}", name),
    }
}

/// A partial value's type name.
pub fn partial_ident(def: &TypeDef) -> Ident {
    format_ident!("__{}Partial", def.name)
}

/// The member that keeps an open object's unlisted members: named so that
/// it cannot clash with a listed one.
pub fn additional_ident(fields: &[Field]) -> Ident {
    let mut name = "additional_properties".to_string();
    while fields.iter().any(|f| f.rust == name) {
        name.push('_');
    }
    ident(&name)
}
