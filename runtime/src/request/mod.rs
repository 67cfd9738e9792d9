//! From a valid message to the request its provider accepts, and from the
//! provider's answer to a typed result, with no I/O (feature `http`).
//!
//! [`ToRequest::to_request`] checks the value, then writes the
//! [`Endpoint`]'s method, URL (base URL and path template filled from a
//! [`Target`]), credential header ([`Credential`], by the endpoint's
//! [`Auth`] scheme) and body (JSON, form or multipart). [`ToRequest::read_response`]
//! reads `(status, headers, body)` into the documented response type, or a
//! [`ProviderError`] that says whether to try again and when.
//!
//! A program with its own HTTP client sends the `http::Request<Vec<u8>>`;
//! the `client` feature sends it with reqwest, with retries and limits.

mod body;
mod response;
mod show;
mod url;

use std::fmt;

use http::header::{HeaderName, HeaderValue, AUTHORIZATION, CONTENT_TYPE};
use serde::Serialize;

pub use self::response::{read_response_value, Malformed, ProviderError, Refusal};
pub use self::show::show;
use crate::endpoint::{Auth, Endpoint, Operation};
use crate::parse::Parse;
use crate::{Validate, ValidationErrors};

/// Where a request goes: the base URL, if not the endpoint's own, and the
/// values of the endpoint's variables (`IG_ID`, Infobip's `baseUrl`).
#[derive(Debug, Clone, Default)]
pub struct Target {
    base_url: Option<String>,
    parameters: Vec<(String, String)>,
    /// The address last made for an endpoint: a target sends many
    /// messages to one endpoint, and its address is the same each time.
    made: std::sync::OnceLock<Made>,
}

/// An address made for an endpoint, known by its templates.
#[derive(Debug, Clone)]
struct Made {
    base_url: &'static str,
    path: Option<&'static str>,
    uri: http::Uri,
}

impl PartialEq for Target {
    fn eq(&self, other: &Self) -> bool {
        self.base_url == other.base_url && self.parameters == other.parameters
    }
}

impl Eq for Target {}

impl Target {
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// Replaces the endpoint's base URL, version segment included
    /// (`http://127.0.0.1:8080/v25.0`): the path template is added to it.
    /// Where the endpoint has no documented path, this is the whole
    /// address.
    #[must_use]
    pub fn base_url(mut self, url: impl Into<String>) -> Self {
        self.base_url = Some(url.into());
        self.made = std::sync::OnceLock::new();
        self
    }

    /// The value of the endpoint's variable `name` (`IG_ID`).
    #[must_use]
    pub fn parameter(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.parameters.push((name.into(), value.into()));
        self.made = std::sync::OnceLock::new();
        self
    }

    /// The address of a request to `endpoint`: made once, then reused.
    fn uri(&self, endpoint: &Endpoint) -> Result<http::Uri, RequestError> {
        if let Some(made) = self.made.get() {
            if made.base_url == endpoint.base_url && made.path == endpoint.path {
                return Ok(made.uri.clone());
            }
        }
        let uri = url::uri(endpoint, self)?;
        let _ = self.made.set(Made {
            base_url: endpoint.base_url,
            path: endpoint.path,
            uri: uri.clone(),
        });
        Ok(uri)
    }

    fn value(&self, name: &str) -> Option<&str> {
        self.parameters
            .iter()
            .rev()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// A credential. Its text is never shown: `Debug` and [`show`] mask it.
#[derive(Clone, PartialEq, Eq, Hash)]
pub enum Credential {
    /// For a provider that takes none (abebot).
    None,
    /// An access token or API key, sent as the endpoint's scheme says
    /// (Meta's bearer token, Infobip's `App` key). For Webex Connect, a
    /// JSON Web Token (three dot-separated parts, starting `eyJ`) is sent
    /// as a JWT and anything else as a service key.
    Token(String),
    /// Webex Connect's service key, in header `key`.
    ServiceKey(String),
    /// Webex Connect's JSON Web Token, as `Authorization: Bearer`.
    Jwt(String),
}

impl fmt::Debug for Credential {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = match self {
            Self::None => return f.write_str("None"),
            Self::Token(_) => "Token",
            Self::ServiceKey(_) => "ServiceKey",
            Self::Jwt(_) => "Jwt",
        };
        write!(f, "{kind}(****)")
    }
}

impl Credential {
    fn is_jwt(token: &str) -> bool {
        token.starts_with("eyJ") && token.split('.').count() == 3
    }
}

/// Why no request could be built.
#[derive(Debug, Clone, PartialEq)]
pub enum RequestError {
    /// The value breaks a rule (one that spans members, which a struct
    /// literal can break): nothing is sent.
    Invalid(ValidationErrors),
    /// A variable of the URL has no value.
    MissingParameter(String),
    /// A value was given for a name the endpoint does not have.
    UnknownParameter(String),
    /// A value that cannot stand where it goes (a host variable holding
    /// `/`), or a URL that is not an absolute `http`/`https` one.
    Url(String),
    /// The endpoint's scheme needs another kind of credential, or none.
    Credential(String),
    /// The body cannot be written in the endpoint's encoding.
    Body(String),
}

impl fmt::Display for RequestError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Invalid(errors) => write!(f, "the message is not valid:\n{errors}"),
            Self::MissingParameter(name) => write!(f, "no value for the URL's `{name}`"),
            Self::UnknownParameter(name) => {
                write!(f, "`{name}` is not a variable of this endpoint's URL")
            }
            Self::Url(why) | Self::Credential(why) | Self::Body(why) => f.write_str(why),
        }
    }
}

impl std::error::Error for RequestError {}

/// Requests and responses for every generated request type.
pub trait ToRequest: Operation + Serialize + Validate {
    /// The request that sends `self`: checked first (every rule, with the
    /// clock's "now"), then written as the endpoint says.
    fn to_request(
        &self,
        target: &Target,
        credential: &Credential,
    ) -> Result<http::Request<Vec<u8>>, RequestError> {
        self.validate().map_err(RequestError::Invalid)?;
        let endpoint = Self::ENDPOINT;
        let (content_type, body) = match endpoint.body {
            crate::endpoint::BodyEncoding::Json => {
                // Most messages fit: one allocation, no regrowth.
                let mut body = Vec::with_capacity(256);
                serde_json::to_writer(&mut body, self)
                    .map_err(|e| RequestError::Body(e.to_string()))?;
                (body::json_media_type(endpoint)?, body)
            }
            _ => {
                let value =
                    serde_json::to_value(self).map_err(|e| RequestError::Body(e.to_string()))?;
                body::encode(endpoint, &value)?
            }
        };
        assemble(endpoint, target, credential, content_type, body)
    }

    /// The provider's answer: the documented response, or why not.
    fn read_response(
        status: http::StatusCode,
        headers: &http::HeaderMap,
        body: &[u8],
    ) -> Result<Self::Response, ProviderError<Self::Error>>
    where
        Self::Response: for<'de> Parse<'de>,
        Self::Error: for<'de> Parse<'de>,
    {
        response::read::<Self::Response, Self::Error>(Self::ENDPOINT, status, headers, body)
    }
}

impl<T: Operation + Serialize + Validate> ToRequest for T {}

/// The request that sends `message`, a JSON value already checked against
/// the endpoint's schema (the command line's path, which picks a schema by
/// id).
pub fn request_from_value(
    endpoint: &Endpoint,
    message: &serde_json::Value,
    target: &Target,
    credential: &Credential,
) -> Result<http::Request<Vec<u8>>, RequestError> {
    let (content_type, body) = body::encode(endpoint, message)?;
    assemble(endpoint, target, credential, content_type, body)
}

fn assemble(
    endpoint: &Endpoint,
    target: &Target,
    credential: &Credential,
    content_type: HeaderValue,
    body: Vec<u8>,
) -> Result<http::Request<Vec<u8>>, RequestError> {
    let uri = target.uri(endpoint)?;
    let method = http::Method::from_bytes(endpoint.method.as_bytes())
        .map_err(|_| RequestError::Url(format!("`{}` is not an HTTP method", endpoint.method)))?;
    let mut request = http::Request::new(body);
    *request.method_mut() = method;
    *request.uri_mut() = uri;
    let headers = request.headers_mut();
    for (name, value) in endpoint.headers {
        let bad = || {
            RequestError::Body(format!(
                "the endpoint's header `{name}: {value}` cannot be sent"
            ))
        };
        let name = HeaderName::from_bytes(name.as_bytes()).map_err(|_| bad())?;
        headers.insert(name, HeaderValue::from_str(value).map_err(|_| bad())?);
    }
    headers.insert(CONTENT_TYPE, content_type);
    if let Some((name, value)) = auth_header(endpoint.auth, credential)? {
        headers.insert(name, value);
    }
    Ok(request)
}

/// `prefix` then `text`, in one allocation.
fn joined(prefix: &str, text: &str) -> String {
    let mut out = String::with_capacity(prefix.len() + text.len());
    out.push_str(prefix);
    out.push_str(text);
    out
}

/// The credential's header, by the endpoint's scheme; marked sensitive, so
/// that `http`'s `Debug` and [`show`] mask it.
fn auth_header(
    auth: Auth,
    credential: &Credential,
) -> Result<Option<(HeaderName, HeaderValue)>, RequestError> {
    let wrong = |wanted: &str| {
        Err(RequestError::Credential(format!(
            "this endpoint takes {wanted}, not a {}",
            match credential {
                Credential::None => "request without one",
                Credential::Token(_) => "token",
                Credential::ServiceKey(_) => "service key",
                Credential::Jwt(_) => "JWT",
            }
        )))
    };
    let (name, text) = match (auth, credential) {
        (Auth::None, Credential::None) => return Ok(None),
        (Auth::None, _) => return wrong("no credential"),
        (Auth::Bearer, Credential::Token(token) | Credential::Jwt(token)) => {
            (AUTHORIZATION, joined("Bearer ", token))
        }
        (Auth::Bearer, _) => return wrong("a bearer token"),
        (Auth::ApiKey { header, prefix }, Credential::Token(key)) => (
            HeaderName::from_bytes(header.as_bytes()).map_err(|_| {
                RequestError::Credential(format!("`{header}` is not a header name"))
            })?,
            joined(prefix, key),
        ),
        (Auth::ApiKey { .. }, _) => return wrong("an API key"),
        (Auth::ServiceKeyOrJwt, Credential::Jwt(token)) => {
            (AUTHORIZATION, joined("Bearer ", token))
        }
        (Auth::ServiceKeyOrJwt, Credential::Token(token)) if Credential::is_jwt(token) => {
            (AUTHORIZATION, joined("Bearer ", token))
        }
        (Auth::ServiceKeyOrJwt, Credential::ServiceKey(key) | Credential::Token(key)) => {
            (HeaderName::from_static("key"), key.clone())
        }
        (Auth::ServiceKeyOrJwt, Credential::None) => return wrong("a service key or a JWT"),
    };
    // Handed over as it is, with no copy.
    let mut value = HeaderValue::try_from(text).map_err(|_| {
        RequestError::Credential(
            "the credential holds a character a header cannot (a line break?)".to_string(),
        )
    })?;
    value.set_sensitive(true);
    Ok(Some((name, value)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::endpoint::tests::BASE;

    #[test]
    fn a_json_body_goes_with_its_endpoints_media_type() {
        let endpoint = Endpoint {
            base_url: "https://api.acme.test",
            path: Some("/notes"),
            media_type: "application/vnd.api+json",
            ..BASE
        };
        let request = request_from_value(
            &endpoint,
            &serde_json::json!({"data": {}}),
            &Target::new(),
            &Credential::None,
        )
        .expect("a request");
        assert_eq!(
            request.headers()[http::header::CONTENT_TYPE],
            "application/vnd.api+json"
        );
        let broken = Endpoint {
            media_type: "application/json\n",
            ..endpoint
        };
        assert!(matches!(
            request_from_value(
                &broken,
                &serde_json::json!({}),
                &Target::new(),
                &Credential::None
            ),
            Err(RequestError::Body(_))
        ));
    }
}
