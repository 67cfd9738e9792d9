//! IR → the contenders' Rust types. Only field rules are carried over:
//! neither garde nor validator has dmforge's cross-field rules (anyOf,
//! dependentRequired, if/then, timeWindow, property counts) or a clock for
//! `maxDaysAhead`, and validator has no per-item rules for arrays of strings.
//! Leaving those out can only flatter the contenders.

use std::collections::BTreeMap;

use dmforge_codegen::emit::{ident, integer_type};
use dmforge_codegen::ir::{
    AlternativesDef, Field, FieldType, Format, Module, StringRules, TypeDef, TypeKind, UnionDef,
    Variant,
};
use proc_macro2::{Ident, Literal, TokenStream};
use quote::{format_ident, quote};

#[derive(Clone, Copy, PartialEq, Eq)]
enum Flavour {
    Plain,
    Garde,
    Validator,
}

impl Flavour {
    const ALL: [Flavour; 3] = [Flavour::Plain, Flavour::Garde, Flavour::Validator];

    fn module(self) -> Ident {
        match self {
            Flavour::Plain => format_ident!("plain"),
            Flavour::Garde => format_ident!("with_garde"),
            Flavour::Validator => format_ident!("with_validator"),
        }
    }

    fn derives(self) -> TokenStream {
        match self {
            Flavour::Plain => quote!(#[derive(Debug, ::serde::Deserialize)]),
            Flavour::Garde => quote! {
                #[derive(Debug, ::serde::Deserialize, ::garde::Validate)]
                #[garde(allow_unvalidated)]
            },
            // validator's nested rules need `Serialize` for their reports.
            Flavour::Validator => quote! {
                #[derive(Debug, ::serde::Deserialize, ::serde::Serialize, ::validator::Validate)]
            },
        }
    }
}

/// Every module in every flavour: `<flavour>::<provider>::<message>`.
pub fn render(modules: &[Module]) -> Result<TokenStream, String> {
    let mut flavours = Vec::new();
    for flavour in Flavour::ALL {
        let mut providers: BTreeMap<&str, Vec<TokenStream>> = BTreeMap::new();
        for module in modules {
            let (provider, message) = module
                .id
                .split_once('/')
                .ok_or_else(|| format!("{}: expected <provider>/<message>", module.id))?;
            let message = ident(&dmforge_codegen::names::snake(message));
            let plain = with_plain_strings(module);
            let body = Mirror::new(&plain, flavour).module()?;
            providers.entry(provider).or_default().push(quote! {
                pub mod #message { #body }
            });
        }
        let providers = providers.into_iter().map(|(provider, messages)| {
            let provider = ident(&dmforge_codegen::names::snake(provider));
            quote!(pub mod #provider { #(#messages)* })
        });
        let name = flavour.module();
        flavours.push(quote!(pub mod #name { #(#providers)* }));
    }
    Ok(quote!(#(#flavours)*))
}

/// `module` with each string, number or list type of its own (dmforge's
/// `Text`, `Number` and `List`, which keep their rules) read as the plain
/// type and rules it holds: the contenders check plain values.
fn with_plain_strings(module: &Module) -> Module {
    fn plain(ty: &mut FieldType, types: &[TypeDef]) {
        match ty {
            FieldType::Named(id) => match &types[id.0].kind {
                TypeKind::Text(rules) | TypeKind::DateTime(rules) => {
                    *ty = FieldType::String(rules.clone())
                }
                TypeKind::Numeric(rules) => *ty = rules.field_type(),
                TypeKind::List(array) => {
                    *ty = FieldType::Array(Box::new(array.clone()));
                    plain(ty, types);
                }
                _ => {}
            },
            FieldType::Nullable(inner) => plain(inner, types),
            FieldType::Array(array) => plain(&mut array.items, types),
            _ => {}
        }
    }
    let mut module = module.clone();
    let types = module.types.clone();
    for def in &mut module.types {
        let fields: Vec<&mut Field> = match &mut def.kind {
            TypeKind::Struct(s) => s.fields.iter_mut().collect(),
            TypeKind::Union(u) => u
                .common
                .iter_mut()
                .chain(u.varying.iter_mut())
                .chain(u.variants.iter_mut().flat_map(|v| v.fields.iter_mut()))
                .collect(),
            _ => Vec::new(),
        };
        for field in fields {
            plain(&mut field.ty, &types);
        }
    }
    module
}

struct Mirror<'m> {
    module: &'m Module,
    flavour: Flavour,
    /// Helper functions and statics the rule attributes refer to.
    helpers: Vec<TokenStream>,
}

impl<'m> Mirror<'m> {
    fn new(module: &'m Module, flavour: Flavour) -> Self {
        Self {
            module,
            flavour,
            helpers: Vec::new(),
        }
    }

    fn module(mut self) -> Result<TokenStream, String> {
        let mut items = Vec::new();
        for def in &self.module.types {
            items.push(self.type_def(def)?);
        }
        let helpers = &self.helpers;
        let prelude = (self.flavour == Flavour::Validator).then(|| {
            quote!(
                use ::validator::Validate;
            )
        });
        Ok(quote! {
            #![allow(clippy::all, dead_code, non_camel_case_types, unused_imports)]
            #prelude
            #(#items)*
            #(#helpers)*
        })
    }

    fn type_def(&mut self, def: &TypeDef) -> Result<TokenStream, String> {
        let name = ident(&def.name);
        let derives = self.flavour.derives();
        Ok(match &def.kind {
            TypeKind::Struct(st) => {
                let deny = st.closed.then(|| quote!(#[serde(deny_unknown_fields)]));
                let fields = self.fields(&st.fields);
                quote! { #derives #deny pub struct #name { #(#fields)* } }
            }
            TypeKind::Enum(en) => {
                let variants = en.values.iter().map(|(wire, variant)| {
                    let variant = ident(variant);
                    quote!(#[serde(rename = #wire)] #variant,)
                });
                quote! {
                    #[derive(Debug, Clone, Copy, ::serde::Deserialize, ::serde::Serialize)]
                    pub enum #name { #(#variants)* }
                }
            }
            TypeKind::Union(union) => self.union(&def.name, union)?,
            TypeKind::Alternatives(alternatives) => self.alternatives(&def.name, alternatives)?,
            TypeKind::IntegerEnum(_) | TypeKind::TypeUnion(_) => {
                return Err(format!(
                "{}: enums of integers and of types have no contender mirror (the shipped schemas have none)",
                self.module.id
            ))
            }
            TypeKind::Newtype(_) => {
                return Err(format!(
                    "{}: a non-object root has no contender mirror",
                    self.module.id
                ))
            }
            // Read as plain strings, numbers and lists (`with_plain_strings`).
            TypeKind::Text(_)
            | TypeKind::DateTime(_)
            | TypeKind::Numeric(_)
            | TypeKind::List(_) => TokenStream::new(),
            TypeKind::Tuple(_) => {
                return Err(format!(
                    "{}: arrays typed by position have no contender mirror (the shipped schemas have none)",
                    self.module.id
                ))
            }
        })
    }

    /// `oneOf`/`anyOf`: serde's untagged enum, which takes the first
    /// alternative that deserializes (it neither refuses a value two
    /// alternatives of a `oneOf` accept nor says why none did).
    fn alternatives(
        &mut self,
        name: &str,
        alternatives: &AlternativesDef,
    ) -> Result<TokenStream, String> {
        let enum_ident = ident(name);
        let mut variants = Vec::new();
        let mut arms = Vec::new();
        for variant in &alternatives.variants {
            let FieldType::Named(_) = variant.ty else {
                return Err(format!(
                    "{}: {name}: only alternatives of named types have a contender mirror",
                    self.module.id
                ));
            };
            let variant_ident = ident(&variant.name);
            let ty = self.value_type(&variant.ty);
            let dive = (self.flavour == Flavour::Garde).then(|| quote!(#[garde(dive)]));
            variants.push(quote!(#variant_ident(#dive #ty),));
            arms.push(quote!(Self::#variant_ident(inner) => inner.validate(),));
        }
        let (derives, validate_impl) = match self.flavour {
            Flavour::Validator => (
                quote!(#[derive(Debug, ::serde::Deserialize, ::serde::Serialize)]),
                // validator's derive is for structs only.
                quote! {
                    impl ::validator::Validate for #enum_ident {
                        fn validate(&self) -> Result<(), ::validator::ValidationErrors> {
                            match self { #(#arms)* }
                        }
                    }
                },
            ),
            _ => (self.flavour.derives(), TokenStream::new()),
        };
        Ok(quote! {
            #derives
            #[serde(untagged)]
            pub enum #enum_ident { #(#variants)* }
            #validate_impl
        })
    }

    fn union(&mut self, name: &str, union: &UnionDef) -> Result<TokenStream, String> {
        let Some(inner) = &union.inner_enum else {
            return self.variant_enum(name, union);
        };
        let outer = ident(name);
        let inner_ident = ident(inner);
        let inner_field = ident(&union.inner_field);
        let derives = self.flavour.derives();
        let common = self.fields(&union.common);
        let nested = self.nested_attr();
        let inner_enum = self.variant_enum(inner, union)?;
        Ok(quote! {
            #derives
            pub struct #outer {
                #(#common)*
                #[serde(flatten)]
                #nested
                pub #inner_field: #inner_ident,
            }
            #inner_enum
        })
    }

    /// An internally tagged enum, one newtype variant per tag value around
    /// a struct of that variant's members.
    fn variant_enum(&mut self, name: &str, union: &UnionDef) -> Result<TokenStream, String> {
        let enum_ident = ident(name);
        let tag = &union.tag.wire;
        let mut variants = Vec::new();
        let mut structs = Vec::new();
        let mut arms = Vec::new();
        for variant in &union.variants {
            let Variant {
                value,
                name: variant_name,
                fields,
                ..
            } = variant;
            let variant_ident = ident(variant_name);
            if fields.is_empty() {
                variants.push(quote!(#[serde(rename = #value)] #variant_ident,));
                arms.push(quote!(Self::#variant_ident => Ok(()),));
                continue;
            }
            let struct_name = format!("{name}{variant_name}");
            if self.module.types.iter().any(|t| t.name == struct_name) {
                return Err(format!("{}: {struct_name} is taken", self.module.id));
            }
            let struct_ident = ident(&struct_name);
            let dive = (self.flavour == Flavour::Garde).then(|| quote!(#[garde(dive)]));
            variants.push(quote!(#[serde(rename = #value)] #variant_ident(#dive #struct_ident),));
            arms.push(quote!(Self::#variant_ident(inner) => inner.validate(),));
            let derives = self.flavour.derives();
            let deny = union.closed.then(|| quote!(#[serde(deny_unknown_fields)]));
            let fields = self.fields(fields);
            structs.push(quote! { #derives #deny pub struct #struct_ident { #(#fields)* } });
        }
        let (derives, validate_impl) = match self.flavour {
            Flavour::Validator => (
                quote!(#[derive(Debug, ::serde::Deserialize, ::serde::Serialize)]),
                // validator's derive is for structs only.
                quote! {
                    impl ::validator::Validate for #enum_ident {
                        fn validate(&self) -> Result<(), ::validator::ValidationErrors> {
                            match self { #(#arms)* }
                        }
                    }
                },
            ),
            _ => (self.flavour.derives(), TokenStream::new()),
        };
        Ok(quote! {
            #derives
            #[serde(tag = #tag)]
            pub enum #enum_ident { #(#variants)* }
            #validate_impl
            #(#structs)*
        })
    }

    fn fields(&mut self, fields: &[Field]) -> Vec<TokenStream> {
        fields
            .iter()
            .map(|field| {
                let wire = &field.wire;
                let name = ident(&field.rust);
                let value = self.value_type(&field.ty);
                let ty = if field.required {
                    value
                } else {
                    quote!(Option<#value>)
                };
                let rules = self.rules(&field.ty);
                quote! {
                    #[serde(rename = #wire)]
                    #rules
                    pub #name: #ty,
                }
            })
            .collect()
    }

    fn value_type(&self, ty: &FieldType) -> TokenStream {
        match ty {
            FieldType::String(_) => quote!(String),
            FieldType::Integer(rules) => {
                let int = integer_type(rules);
                quote!(#int)
            }
            FieldType::Number(_) => quote!(f64),
            FieldType::Boolean => quote!(bool),
            // The shipped schemas have none; the contenders are only for them.
            FieldType::Json(_) | FieldType::Any(_) => quote!(::serde_json::Value),
            FieldType::Array(array) => {
                let item = self.value_type(&array.items);
                quote!(Vec<#item>)
            }
            FieldType::Named(id) => {
                let name = ident(&self.module.types[id.0].name);
                quote!(#name)
            }
            FieldType::AnyObject => quote!(::serde_json::Map<String, ::serde_json::Value>),
            FieldType::Nullable(inner) => {
                let inner = self.value_type(inner);
                quote!(Option<#inner>)
            }
        }
    }

    fn is_validated(&self, ty: &FieldType) -> bool {
        matches!(ty, FieldType::Named(id)
            if !matches!(self.module.types[id.0].kind, TypeKind::Enum(_)))
    }

    fn nested_attr(&self) -> TokenStream {
        match self.flavour {
            Flavour::Plain => TokenStream::new(),
            Flavour::Garde => quote!(#[garde(dive)]),
            Flavour::Validator => quote!(#[validate(nested)]),
        }
    }

    /// The field's rule attribute in this flavour (empty when none).
    fn rules(&mut self, ty: &FieldType) -> TokenStream {
        let rules = match (self.flavour, ty) {
            (Flavour::Plain, _) => return TokenStream::new(),
            // Both crates spell bounds `range(min = .., max = ..)`.
            // Suffixed with the field's type: validator reads an unsuffixed
            // bound as an `i32`, and abebot's maximum is 2^63 - 1.
            (_, FieldType::Integer(rules)) => {
                let int = dmforge_codegen::emit::integer_type(rules);
                let literal = |n: i128| {
                    format!("{n}{int}")
                        .parse::<Literal>()
                        .unwrap_or_else(|_| Literal::i128_unsuffixed(n))
                };
                range(rules.minimum.map(literal), rules.maximum.map(literal))
            }
            (_, FieldType::Number(rules)) => range(
                rules.minimum.map(Literal::f64_unsuffixed),
                rules.maximum.map(Literal::f64_unsuffixed),
            ),
            (Flavour::Garde, _) => self.garde_rules(ty),
            (Flavour::Validator, _) => self.validator_rules(ty),
        };
        if rules.is_empty() {
            return TokenStream::new();
        }
        match self.flavour {
            Flavour::Garde => quote!(#[garde(#(#rules),*)]),
            _ => quote!(#[validate(#(#rules),*)]),
        }
    }

    fn garde_rules(&mut self, ty: &FieldType) -> Vec<TokenStream> {
        match ty {
            FieldType::String(rules) => garde_string_rules(rules),
            FieldType::Array(array) => {
                let mut rules = length(None, array.min_items, array.max_items);
                if self.is_validated(&array.items) {
                    rules.push(quote!(dive));
                } else if let FieldType::String(items) = &array.items {
                    let inner = garde_string_rules(items);
                    if !inner.is_empty() {
                        rules.push(quote!(inner(#(#inner),*)));
                    }
                }
                rules
            }
            FieldType::Named(_) if self.is_validated(ty) => vec![quote!(dive)],
            // Bounds are the same in both crates: `rules` writes them.
            FieldType::Integer(_)
            | FieldType::Number(_)
            | FieldType::Named(_)
            | FieldType::Boolean
            | FieldType::Json(_)
            | FieldType::Any(_)
            | FieldType::Nullable(_)
            | FieldType::AnyObject => Vec::new(),
        }
    }

    fn validator_rules(&mut self, ty: &FieldType) -> Vec<TokenStream> {
        match ty {
            FieldType::String(rules) => self.validator_string_rules(rules),
            FieldType::Array(array) => {
                let mut rules = length(None, array.min_items, array.max_items);
                if self.is_validated(&array.items) {
                    rules.push(quote!(nested));
                }
                rules
            }
            FieldType::Named(_) if self.is_validated(ty) => vec![quote!(nested)],
            // Bounds are the same in both crates: `rules` writes them.
            FieldType::Integer(_)
            | FieldType::Number(_)
            | FieldType::Named(_)
            | FieldType::Boolean
            | FieldType::Json(_)
            | FieldType::Any(_)
            | FieldType::Nullable(_)
            | FieldType::AnyObject => Vec::new(),
        }
    }

    fn validator_string_rules(&mut self, rules: &StringRules) -> Vec<TokenStream> {
        // validator's `length` counts characters.
        let mut out = length(None, rules.min_length, rules.max_length);
        if let Some(limit) = rules.max_bytes {
            let name = self.helper(format!("max_bytes_{limit}"), |name| {
                quote! {
                    fn #name(s: &str) -> Result<(), ::validator::ValidationError> {
                        crate::support::validator_max_bytes(s, #limit)
                    }
                }
            });
            out.push(quote!(custom(function = #name)));
        }
        match rules.format {
            Some(Format::Uri) => out.push(quote!(url)),
            Some(Format::DateTime) => {
                out.push(quote!(custom(
                    function = crate::support::validator_date_time
                )));
            }
            Some(Format::InfobipDateTime) => {
                out.push(quote!(custom(
                    function = crate::support::validator_infobip_date_time
                )));
            }
            // The shipped schemas use no other format; the contenders are
            // only built for them.
            Some(Format::Standard(_)) | None => {}
        }
        if let Some(spec) = &rules.base64_file {
            let max = spec.max_bytes;
            let types = &spec.media_types;
            let name = self.helper(format!("base64_file_{}", self.helpers.len()), |name| {
                quote! {
                    fn #name(s: &str) -> Result<(), ::validator::ValidationError> {
                        crate::support::validator_base64_file(s, #max, &[#(#types),*])
                    }
                }
            });
            out.push(quote!(custom(function = #name)));
        }
        if let Some(pattern) = &rules.pattern {
            let name = self.helper(format!("PATTERN_{}", self.helpers.len()), |name| {
                quote! {
                    static #name: ::std::sync::LazyLock<::regex::Regex> =
                        ::std::sync::LazyLock::new(|| ::regex::Regex::new(#pattern).expect("the generator checked it"));
                }
            });
            out.push(quote!(regex(path = *#name)));
        }
        out
    }

    /// Adds a helper item once per name; returns its name.
    fn helper(&mut self, name: String, item: impl FnOnce(&Ident) -> TokenStream) -> Ident {
        let name = format_ident!("{}", name);
        let item = item(&name);
        if !self
            .helpers
            .iter()
            .any(|h| h.to_string() == item.to_string())
        {
            self.helpers.push(item);
        }
        name
    }
}

fn garde_string_rules(rules: &StringRules) -> Vec<TokenStream> {
    let chars = rules.min_length.is_some() || rules.max_length.is_some();
    let mut out = length(Some(quote!(chars)), rules.min_length, rules.max_length);
    match rules.max_bytes {
        Some(limit) if chars => {
            out.push(quote!(custom(|s, _: &()| crate::support::garde_max_bytes(s, #limit))));
        }
        Some(limit) => out.extend(length(Some(quote!(bytes)), None, Some(limit))),
        None => {}
    }
    match rules.format {
        Some(Format::Uri) => out.push(quote!(url)),
        Some(Format::DateTime) => out.push(quote!(custom(crate::support::garde_date_time))),
        Some(Format::InfobipDateTime) => {
            out.push(quote!(custom(crate::support::garde_infobip_date_time)));
        }
        Some(Format::Standard(_)) | None => {}
    }
    if let Some(spec) = &rules.base64_file {
        let max = spec.max_bytes;
        let types = &spec.media_types;
        out.push(
            quote!(custom(|s, _: &()| crate::support::garde_base64_file(s, #max, &[#(#types),*]))),
        );
    }
    if let Some(pattern) = &rules.pattern {
        out.push(quote!(pattern(#pattern)));
    }
    out
}

/// `length(mode, min = .., max = ..)`, or nothing without bounds.
fn length(mode: Option<TokenStream>, min: Option<u64>, max: Option<u64>) -> Vec<TokenStream> {
    if min.is_none() && max.is_none() {
        return Vec::new();
    }
    let mut args: Vec<TokenStream> = mode.into_iter().collect();
    if let Some(min) = min {
        let min = Literal::u64_unsuffixed(min);
        args.push(quote!(min = #min));
    }
    if let Some(max) = max {
        let max = Literal::u64_unsuffixed(max);
        args.push(quote!(max = #max));
    }
    vec![quote!(length(#(#args),*))]
}

fn range(min: Option<Literal>, max: Option<Literal>) -> Vec<TokenStream> {
    let mut args = Vec::new();
    if let Some(min) = min {
        args.push(quote!(min = #min));
    }
    if let Some(max) = max {
        args.push(quote!(max = #max));
    }
    if args.is_empty() {
        Vec::new()
    } else {
        vec![quote!(range(#(#args),*))]
    }
}
