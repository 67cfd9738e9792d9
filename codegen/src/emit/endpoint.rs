//! A request schema's `endpoint` as a `const` the runtime reads, and the
//! root type's `Operation` impl naming its response types.

use proc_macro2::TokenStream;
use quote::quote;

use super::{ident, Emitter};
use crate::ir::{EndpointDef, Linked};
use crate::names;
use crate::vocabulary::{AuthScheme, BodyEncoding};

/// `ENDPOINT` and `impl Operation for <Root>` for a schema with an
/// `endpoint`, and `<OPERATION>_ENDPOINT` and its impl for each operation
/// of an OpenAPI document; nothing otherwise.
pub(super) fn definition(emitter: &Emitter<'_>) -> TokenStream {
    let module = emitter.module;
    let root = module
        .endpoint
        .as_ref()
        .map(|endpoint| one(emitter, module.root, &module.id, "ENDPOINT", endpoint));
    let operations = module.operations.iter().map(|(entry, ty, endpoint)| {
        // The id is the entry's, as `SCHEMAS` gives it; the constant is
        // named after the type, which has one endpoint.
        let id = format!("{}/{}", module.id, names::snake(entry));
        one(
            emitter,
            *ty,
            &id,
            &constant_name(&emitter.def(*ty).name),
            endpoint,
        )
    });
    quote!(#root #(#operations)*)
}

/// The name of the `const` an OpenAPI operation's endpoint is written as.
pub(crate) fn constant_name(type_name: &str) -> String {
    format!("{}_ENDPOINT", names::snake(type_name).to_ascii_uppercase())
}

fn one(
    emitter: &Emitter<'_>,
    ty: crate::ir::TypeId,
    id: &str,
    constant: &str,
    endpoint: &EndpointDef,
) -> TokenStream {
    let module = emitter.module;
    let spec = &endpoint.spec;
    let root = emitter.type_ident(ty);
    let constant = ident(constant);
    let method = &spec.method;
    let base_url = &spec.base_url;
    let path = match &spec.path {
        Some(path) => quote!(Some(#path)),
        None => quote!(None),
    };
    let parameters = endpoint.parameters.iter().map(|(name, description)| {
        quote!(__rt::endpoint::Parameter { name: #name, description: #description })
    });
    let body = match spec.body_encoding {
        BodyEncoding::Json => quote!(Json),
        BodyEncoding::Form => quote!(Form),
        BodyEncoding::FormRepeated => quote!(FormRepeated),
        BodyEncoding::Multipart => quote!(Multipart),
    };
    let auth = match spec.auth.scheme {
        AuthScheme::None => quote!(None),
        AuthScheme::Bearer => quote!(Bearer),
        AuthScheme::ServiceKeyOrJwt => quote!(ServiceKeyOrJwt),
        AuthScheme::ApiKey => {
            let header = spec.auth.header.as_deref().unwrap_or("Authorization");
            let prefix = spec.auth.prefix.as_deref().unwrap_or("");
            quote!(ApiKey { header: #header, prefix: #prefix })
        }
    };
    let media_type = spec.media_type.as_deref().unwrap_or("application/json");
    let headers = spec.headers.iter().map(|(n, v)| quote!((#n, #v)));
    let files = &endpoint.files;
    let status = proc_macro2::Literal::u16_unsuffixed(endpoint.success_status);
    let success_body = optional(endpoint.success.as_ref().map(|l| l.id.as_str()));
    let error_body = optional(endpoint.error.as_ref().map(|l| l.id.as_str()));
    let errors = spec.errors.as_ref();
    let code = errors.into_iter().flat_map(|e| &e.code);
    let message = errors.into_iter().flat_map(|e| &e.message);
    let codes = errors
        .into_iter()
        .flat_map(|e| &e.retryable_codes)
        .map(|code| match code {
            serde_json::Value::String(text) => text.clone(),
            other => other.to_string(),
        });
    let deduplicated_by = optional(spec.deduplicated_by.as_deref());
    let message_id = optional(spec.message_id.as_deref());
    let rate_limits = spec.rate_limits.iter().map(|limit| {
        let per_second = proc_macro2::Literal::u32_unsuffixed(limit.per_second);
        let when = match &limit.when {
            Some(when) => {
                let pointer = &when.pointer;
                let values = &when.values;
                quote!(Some(__rt::endpoint::Selector { pointer: #pointer, values: &[#(#values),*] }))
            }
            None => quote!(None),
        };
        quote!(__rt::endpoint::RateLimit { per_second: #per_second, when: #when })
    });
    let response = type_of(&module.id, endpoint.success.as_ref());
    let error = type_of(&module.id, endpoint.error.as_ref());
    let doc = format!(
        " How a [`{root}`] is sent: `{method} {base_url}{}`, {} body, {}.",
        spec.path.as_deref().unwrap_or(""),
        match spec.body_encoding {
            BodyEncoding::Json => "a JSON",
            BodyEncoding::Form | BodyEncoding::FormRepeated => "a form",
            BodyEncoding::Multipart => "a multipart",
        },
        describe_auth(endpoint),
    );
    quote! {
        #[doc = #doc]
        pub const #constant: __rt::endpoint::Endpoint = __rt::endpoint::Endpoint {
            id: #id,
            method: #method,
            base_url: #base_url,
            path: #path,
            parameters: &[#(#parameters),*],
            body: __rt::endpoint::BodyEncoding::#body,
            media_type: #media_type,
            auth: __rt::endpoint::Auth::#auth,
            headers: &[#(#headers),*],
            files: &[#(#files),*],
            success: __rt::endpoint::Success {
                status: #status,
                body: #success_body,
                message_id: #message_id,
            },
            error_body: #error_body,
            errors: __rt::endpoint::ErrorCodes {
                code: &[#(#code),*],
                message: &[#(#message),*],
                retryable_codes: &[#(#codes),*],
            },
            deduplicated_by: #deduplicated_by,
            rate_limits: &[#(#rate_limits),*],
        };

        impl __rt::endpoint::Operation for #root {
            type Response = #response;
            type Error = #error;
            const ENDPOINT: &'static __rt::endpoint::Endpoint = &#constant;
        }
    }
}

fn optional(text: Option<&str>) -> TokenStream {
    match text {
        Some(text) => quote!(Some(#text)),
        None => quote!(None),
    }
}

fn describe_auth(endpoint: &EndpointDef) -> String {
    let auth = &endpoint.spec.auth;
    match auth.scheme {
        AuthScheme::None => "no credential".to_string(),
        AuthScheme::Bearer => "a bearer token".to_string(),
        AuthScheme::ServiceKeyOrJwt => "a service key or a JWT".to_string(),
        AuthScheme::ApiKey => format!(
            "a key in `{}: {}<key>`",
            auth.header.as_deref().unwrap_or("Authorization"),
            auth.prefix.as_deref().unwrap_or("")
        ),
    }
}

/// The root type of a linked module, by a path relative to `from`'s
/// module (`super::send_response::SendResponse`); any JSON where the
/// provider documents no body.
fn type_of(from: &str, linked: Option<&Linked>) -> TokenStream {
    let Some((linked, name)) = linked.and_then(|l| Some((l, l.type_name.as_deref()?))) else {
        return quote!(__rt::serde_json::Value);
    };
    if linked.local {
        let name = ident(name);
        return quote!(#name);
    }
    let here: Vec<&str> = from.split('/').collect();
    let there: Vec<&str> = linked.id.split('/').collect();
    let shared = here
        .iter()
        .zip(&there)
        .take(here.len() - 1)
        .take_while(|(a, b)| a == b)
        .count();
    let supers = (shared..here.len()).map(|_| quote!(super));
    let segments = there[shared..]
        .iter()
        .map(|segment| ident(&names::snake(segment)));
    let name = ident(name);
    quote!(#(#supers::)* #(#segments::)* #name)
}
