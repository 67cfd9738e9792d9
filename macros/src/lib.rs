//! `#[derive(Validate)]`: the rules of dmforge's schema vocabulary as field
//! and container attributes, so a hand-written struct for a provider that
//! has no schema yet gets the same checks, pointers and messages as the
//! generated ones (which use this derive too).
//!
//! Parse → check → expand, as serde_derive does: attributes are read into a
//! small AST (`ast`) with every error collected with its span (`ctxt`),
//! then `expand` writes the `Validate` impl. The macro never panics: a bad
//! attribute is a compile error at that attribute, and all of them are
//! reported at once. Re-exported as `dmforge::Validate` (and
//! `dmforge::runtime::Validate`), next to the trait of the same name.

mod ast;
mod ctxt;
mod expand;

use proc_macro::TokenStream;

/// Derives `Validate`. See the crate's README section "Hand-written types"
/// for every attribute.
#[proc_macro_derive(Validate, attributes(validate, dmforge))]
pub fn derive_validate(input: TokenStream) -> TokenStream {
    let input = syn::parse_macro_input!(input as syn::DeriveInput);
    expand::derive(&input)
        .unwrap_or_else(|errors| errors.into_compile_error())
        .into()
}
