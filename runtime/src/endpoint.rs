//! How a message is sent: the `endpoint` block of its schema, as data.
//!
//! The generator writes one [`Endpoint`] per request schema and implements
//! [`Operation`] for its root type. Both are plain data and compile with no
//! HTTP dependency; building an `http::Request` from them, and reading a
//! response, is `request` (feature `http`), and sending is the client
//! (feature `client`).

/// An HTTP endpoint that takes one message per request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Endpoint {
    /// The schema id of the request (`meta_graph/send_message`).
    pub id: &'static str,
    /// `POST`, `PUT`, …
    pub method: &'static str,
    /// The base URL, with `{name}` variables a target fills in
    /// (`https://{baseUrl}` for Infobip, whose host is per account).
    pub base_url: &'static str,
    /// The path template after the base URL (`/{IG_ID}/messages`); `None`
    /// where the provider's document does not give one, so the target's
    /// base URL must be the whole address.
    pub path: Option<&'static str>,
    /// The variables of `base_url` and `path`, with what each is.
    pub parameters: &'static [Parameter],
    /// How the body is written.
    pub body: BodyEncoding,
    /// The content type of a JSON body: `application/json`, or the
    /// `+json` type an OpenAPI operation names
    /// (`application/vnd.api+json`).
    pub media_type: &'static str,
    /// How the credential is sent.
    pub auth: Auth,
    /// Headers every request carries (abebot's `Accept: application/json`,
    /// without which Laravel answers an invalid request with a redirect).
    pub headers: &'static [(&'static str, &'static str)],
    /// Top-level members that hold a file as base64 (`base64File`): a
    /// multipart body sends each decoded, as a file part.
    pub files: &'static [&'static str],
    /// The status of a success, and the schema id of its body (`None`:
    /// the provider documents none, so any JSON is taken).
    pub success: Success,
    /// The schema id of the error body, if the provider documents one.
    pub error_body: Option<&'static str>,
    /// Where an error body says what went wrong, and which of its codes
    /// ask to be retried later.
    pub errors: ErrorCodes,
    /// A member of the request that makes the provider refuse a second
    /// request with the same value (Infobip's `messageId`), so that a
    /// request it may already have accepted can be sent again safely.
    /// `None`: the provider deduplicates nothing, and such a request is
    /// never repeated.
    pub deduplicated_by: Option<&'static str>,
    /// How many requests per second one sending account may make, and
    /// where the provider says so.
    pub rate_limits: &'static [RateLimit],
}

/// A variable of an endpoint's base URL or path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Parameter {
    pub name: &'static str,
    pub description: &'static str,
}

/// How a request body is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BodyEncoding {
    /// `application/json`.
    Json,
    /// `application/x-www-form-urlencoded`, nested members in PHP's bracket
    /// form (`a[b]=c`, `a[0]=c`), `true`/`false` as `1`/`0`, as Laravel
    /// reads them.
    Form,
    /// `application/x-www-form-urlencoded` in OpenAPI's default style
    /// (`form`, exploded): an array's items under its name repeated, an
    /// object's members under their own names, `true`/`false` as words,
    /// anything nested deeper as JSON text (Twilio's `MediaUrl=…&MediaUrl=…`).
    FormRepeated,
    /// `multipart/form-data`: each top-level member a part, a file member
    /// ([`Endpoint::files`]) as a file part.
    Multipart,
}

/// How a credential is sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Auth {
    /// No credential (abebot).
    None,
    /// `Authorization: Bearer <token>` (Meta).
    Bearer,
    /// A key in a header, after a prefix: Infobip's `Authorization: App <key>`.
    ApiKey {
        header: &'static str,
        prefix: &'static str,
    },
    /// Webex Connect: a service key in header `key`, or a JSON Web Token as
    /// `Authorization: Bearer <jwt>` (the JWT wins when both are sent).
    ServiceKeyOrJwt,
}

/// What a successful response is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Success {
    /// The documented status (200); any 2xx is a success.
    pub status: u16,
    /// The schema id of its body.
    pub body: Option<&'static str>,
    /// JSON Pointer of the sent message's ID in the body
    /// (`/message_id`), for reports.
    pub message_id: Option<&'static str>,
}

/// Where an error body says what went wrong.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ErrorCodes {
    /// JSON Pointers of the provider's error code (`/error/code`): the
    /// first found is the code (Infobip has two shapes of error body).
    pub code: &'static [&'static str],
    /// JSON Pointers of its message (`/error/message`), likewise.
    pub message: &'static [&'static str],
    /// Codes that mean "too many requests, try later", whatever the status
    /// (Meta's throttling codes come with a 400).
    pub retryable_codes: &'static [&'static str],
}

/// A limit on requests per second per sending account, for the messages
/// it applies to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RateLimit {
    /// Requests per second.
    pub per_second: u32,
    /// The messages it applies to; `None`: every message no other limit
    /// selects.
    pub when: Option<Selector>,
}

/// Messages whose member at `pointer` is one of `values` (Meta's audio and
/// video: `/message/attachment/type` is `audio` or `video`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Selector {
    pub pointer: &'static str,
    pub values: &'static [&'static str],
}

impl Endpoint {
    /// Whether `message` carries the member the provider deduplicates by
    /// (every item's, under a `*`), so that sending it twice sends it once.
    #[must_use]
    pub fn deduplicates(&self, message: &serde_json::Value) -> bool {
        fn holds(value: &serde_json::Value, segments: &[&str]) -> bool {
            let Some((first, rest)) = segments.split_first() else {
                return !value.is_null();
            };
            match (*first, value) {
                ("*", serde_json::Value::Array(items)) => {
                    !items.is_empty() && items.iter().all(|item| holds(item, rest))
                }
                (key, serde_json::Value::Object(members)) => {
                    members.get(key).is_some_and(|v| holds(v, rest))
                }
                (index, serde_json::Value::Array(items)) => index
                    .parse::<usize>()
                    .ok()
                    .and_then(|i| items.get(i))
                    .is_some_and(|v| holds(v, rest)),
                _ => false,
            }
        }
        let Some(pointer) = self.deduplicated_by else {
            return false;
        };
        let segments: Vec<&str> = pointer.split('/').skip(1).collect();
        holds(message, &segments)
    }

    /// The requests per second allowed for `message`: the first limit that
    /// selects it, else the one for every message, else `None`.
    #[must_use]
    pub fn rate_limit(&self, message: &serde_json::Value) -> Option<u32> {
        let selected = self.rate_limits.iter().find(|limit| {
            limit.when.is_some_and(|when| {
                message
                    .pointer(when.pointer)
                    .and_then(serde_json::Value::as_str)
                    .is_some_and(|found| when.values.contains(&found))
            })
        });
        selected
            .or_else(|| self.rate_limits.iter().find(|limit| limit.when.is_none()))
            .map(|limit| limit.per_second)
    }
}

/// A request type and what it is sent with: its endpoint, and the types of
/// its provider's answers. Generated for the root type of every schema
/// with an `endpoint` block.
pub trait Operation {
    /// The body of a successful response (`serde_json::Value` where the
    /// provider documents none).
    type Response;
    /// The body of an error response.
    type Error;
    /// How the request is sent.
    const ENDPOINT: &'static Endpoint;
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// An endpoint for tests to change a field of.
    pub(crate) const BASE: Endpoint = Endpoint {
        id: "acme/send",
        method: "POST",
        base_url: "https://x",
        path: None,
        parameters: &[],
        body: BodyEncoding::Json,
        media_type: "application/json",
        auth: Auth::None,
        headers: &[],
        files: &[],
        success: Success {
            status: 200,
            body: None,
            message_id: None,
        },
        error_body: None,
        errors: ErrorCodes {
            code: &[],
            message: &[],
            retryable_codes: &[],
        },
        deduplicated_by: Some("/messages/*/destinations/*/messageId"),
        rate_limits: &[],
    };

    #[test]
    fn a_message_deduplicates_only_if_every_item_carries_the_member() {
        let with = |ids: &[Option<&str>]| {
            let destinations: Vec<_> = ids
                .iter()
                .map(|id| match id {
                    Some(id) => serde_json::json!({"to": "1", "messageId": id}),
                    None => serde_json::json!({"to": "1"}),
                })
                .collect();
            serde_json::json!({"messages": [{"destinations": destinations}]})
        };
        assert!(BASE.deduplicates(&with(&[Some("a"), Some("b")])));
        assert!(!BASE.deduplicates(&with(&[Some("a"), None])));
        assert!(!BASE.deduplicates(&with(&[])));
        assert!(!BASE.deduplicates(&serde_json::json!({"messages": {}})));
        let indexed = Endpoint {
            deduplicated_by: Some("/messages/0/id"),
            ..BASE
        };
        assert!(indexed.deduplicates(&serde_json::json!({"messages": [{"id": 1}]})));
        assert!(!indexed.deduplicates(&serde_json::json!({"messages": [{"id": null}]})));
        let none = Endpoint {
            deduplicated_by: None,
            ..BASE
        };
        assert!(!none.deduplicates(&with(&[Some("a")])));
    }
}
