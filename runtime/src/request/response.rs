//! A provider's answer, read: the documented response, or a typed error
//! that says whether to try again, and when.

use std::fmt;
use std::time::{Duration, SystemTime};

use http::{HeaderMap, StatusCode};

use crate::endpoint::Endpoint;
use crate::parse::Parse;
use crate::{Context, Path, ValidationErrors};

/// Why a request did not end in the documented response.
#[derive(Debug, Clone, PartialEq)]
pub enum ProviderError<E> {
    /// The provider answered with an error status. (Boxed: a `Result`
    /// carrying it stays the size of its success.)
    Refused(Box<Refusal<E>>),
    /// A success status whose body is not the documented response. The
    /// message may have been sent: this is never retried.
    Malformed(Malformed),
}

/// An error status, and what its body says.
#[derive(Debug, Clone, PartialEq)]
pub struct Refusal<E> {
    pub status: StatusCode,
    /// The body read as the provider's documented error, if it is one.
    pub error: Option<E>,
    /// The provider's error code (Meta's `error.code`), as text.
    pub code: Option<String>,
    /// The provider's message.
    pub message: Option<String>,
    /// How long the provider asks to wait (`Retry-After`).
    pub retry_after: Option<Duration>,
    /// The body as sent (lossy UTF-8, at most 64 KiB).
    pub body: String,
    retryable: bool,
    repeat_is_safe: bool,
}

/// A success status with a body that is not the documented response.
#[derive(Debug, Clone, PartialEq)]
pub struct Malformed {
    pub status: StatusCode,
    /// What is wrong with it: not JSON, or the rules it breaks.
    pub reason: String,
    /// The body as sent (lossy UTF-8, at most 64 KiB).
    pub body: String,
}

/// What is kept of a body for a report.
const KEPT: usize = 64 * 1024;

impl<E> ProviderError<E> {
    /// Whether trying again later may succeed: 408, 429, any 5xx, and a
    /// code the provider gives for throttling (Meta's 4, 17, 32, 613),
    /// whatever its status. Other 4xx are the request's own fault.
    pub fn is_retryable(&self) -> bool {
        matches!(self, Self::Refused(r) if r.retryable)
    }

    /// Whether the provider refused before doing anything, so that sending
    /// the same request again cannot send the message twice: 408, 429 and
    /// throttling codes. A 5xx may come after the message went out.
    pub fn repeat_is_safe(&self) -> bool {
        matches!(self, Self::Refused(r) if r.repeat_is_safe)
    }

    /// How long the provider asks to wait before trying again.
    pub fn retry_after(&self) -> Option<Duration> {
        match self {
            Self::Refused(r) => r.retry_after,
            Self::Malformed(_) => None,
        }
    }

    pub fn status(&self) -> StatusCode {
        match self {
            Self::Refused(r) => r.status,
            Self::Malformed(m) => m.status,
        }
    }

    /// The provider's error code, where its body gives one.
    pub fn code(&self) -> Option<&str> {
        match self {
            Self::Refused(r) => r.code.as_deref(),
            Self::Malformed(_) => None,
        }
    }
}

impl<E> fmt::Display for ProviderError<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Refused(r) => {
                write!(f, "refused with HTTP {}", r.status)?;
                if let Some(code) = &r.code {
                    write!(f, ", code {code}")?;
                }
                match &r.message {
                    Some(message) => write!(f, ": {message}")?,
                    None if !r.body.is_empty() => write!(f, ": {}", one_line(&r.body))?,
                    None => {}
                }
                if let Some(wait) = r.retry_after {
                    write!(f, " (retry after {} s)", wait.as_secs())?;
                }
                Ok(())
            }
            Self::Malformed(m) => write!(
                f,
                "HTTP {} with a body that is not the documented response: {}",
                m.status, m.reason
            ),
        }
    }
}

impl<E: fmt::Debug> std::error::Error for ProviderError<E> {}

fn one_line(text: &str) -> String {
    let line: String = text.chars().take(300).collect();
    line.replace(['\r', '\n'], " ")
}

fn kept(body: &[u8]) -> String {
    String::from_utf8_lossy(&body[..body.len().min(KEPT)]).into_owned()
}

/// Reads an answer as `R` (a success) or `E` (an error body), each checked
/// against its schema.
pub(super) fn read<R, E>(
    endpoint: &Endpoint,
    status: StatusCode,
    headers: &HeaderMap,
    body: &[u8],
) -> Result<R, ProviderError<E>>
where
    R: for<'de> Parse<'de>,
    E: for<'de> Parse<'de>,
{
    if status.is_success() {
        let parsed = parse::<R>(body).or_else(|reason| match endpoint.success.body {
            Some(_) => Err(reason),
            None => parse::<R>(stand_in(body).as_bytes()),
        });
        return parsed.map_err(|reason| {
            ProviderError::Malformed(Malformed {
                status,
                reason,
                body: kept(body),
            })
        });
    }
    let error = parse::<E>(body).ok();
    Err(ProviderError::Refused(Box::new(refusal(
        endpoint, status, headers, body, error,
    ))))
}

/// The answer as a JSON value: the command line's path, which picks its
/// schemas by id and checks the body with them itself.
pub fn read_response_value(
    endpoint: &Endpoint,
    status: StatusCode,
    headers: &HeaderMap,
    body: &[u8],
) -> Result<serde_json::Value, ProviderError<serde_json::Value>> {
    if status.is_success() {
        let parsed = serde_json::from_slice(body).or_else(|e| match endpoint.success.body {
            Some(_) => Err(e),
            None => serde_json::from_str(&stand_in(body)),
        });
        return parsed.map_err(|e| {
            ProviderError::Malformed(Malformed {
                status,
                reason: format!("not JSON: {e}"),
                body: kept(body),
            })
        });
    }
    let error = serde_json::from_slice(body).ok();
    Err(ProviderError::Refused(Box::new(refusal(
        endpoint, status, headers, body, error,
    ))))
}

/// Where a provider documents no success body (abebot), what came is taken
/// as it is: nothing as `null`, anything else that is not JSON as its text,
/// a JSON string.
fn stand_in(body: &[u8]) -> String {
    let text = String::from_utf8_lossy(body);
    if text.trim().is_empty() {
        "null".to_string()
    } else {
        serde_json::to_string(&text).unwrap_or_else(|_| "null".to_string())
    }
}

fn parse<T: for<'de> Parse<'de>>(body: &[u8]) -> Result<T, String> {
    let mut cx = Context::now();
    let mut de = serde_json::Deserializer::from_slice(body);
    let parsed = T::parse(&mut de, &mut cx, &Path::Root)
        .and_then(|value| de.end().map(|()| value))
        .map_err(|e| format!("not JSON: {e}"))?;
    match parsed {
        Some(value) if cx.is_clean() => Ok(value),
        _ => Err(ValidationErrors(cx.into_violations()).to_string()),
    }
}

fn refusal<E>(
    endpoint: &Endpoint,
    status: StatusCode,
    headers: &HeaderMap,
    body: &[u8],
    error: Option<E>,
) -> Refusal<E> {
    let json: Option<serde_json::Value> = serde_json::from_slice(body).ok();
    let text_at = |pointers: &[&str]| {
        pointers
            .iter()
            .find_map(|pointer| match json.as_ref()?.pointer(pointer)? {
                serde_json::Value::String(text) => Some(text.clone()),
                serde_json::Value::Number(number) => Some(number.to_string()),
                _ => None,
            })
    };
    let code = text_at(endpoint.errors.code);
    let message = text_at(endpoint.errors.message);
    let throttled = code
        .as_deref()
        .is_some_and(|code| endpoint.errors.retryable_codes.contains(&code));
    let refused_unread = throttled
        || status == StatusCode::TOO_MANY_REQUESTS
        || status == StatusCode::REQUEST_TIMEOUT;
    Refusal {
        status,
        error,
        code,
        message,
        retry_after: retry_after(headers),
        body: kept(body),
        retryable: refused_unread || status.is_server_error(),
        repeat_is_safe: refused_unread,
    }
}

/// `Retry-After` (RFC 9110 §10.2.3): seconds, or an HTTP date measured from
/// the response's own `Date` (the provider's clock), else from ours.
fn retry_after(headers: &HeaderMap) -> Option<Duration> {
    let value = headers
        .get(http::header::RETRY_AFTER)?
        .to_str()
        .ok()?
        .trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let at = httpdate::parse_http_date(value).ok()?;
    let now = headers
        .get(http::header::DATE)
        .and_then(|date| date.to_str().ok())
        .and_then(|date| httpdate::parse_http_date(date).ok())
        .unwrap_or_else(|| SystemTime::from(Context::now().time()));
    Some(at.duration_since(now).unwrap_or(Duration::ZERO))
}

#[cfg(test)]
mod tests {
    use super::*;
    use http::HeaderValue;

    fn with(name: http::HeaderName, value: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(name, HeaderValue::from_str(value).expect("a header value"));
        headers
    }

    #[test]
    fn retry_after_is_seconds_or_a_date_from_the_responses_own_clock() {
        let seconds = with(http::header::RETRY_AFTER, "120");
        assert_eq!(retry_after(&seconds), Some(Duration::from_secs(120)));
        let mut dated = with(http::header::RETRY_AFTER, "Sun, 06 Nov 1994 08:49:37 GMT");
        dated.insert(
            http::header::DATE,
            HeaderValue::from_static("Sun, 06 Nov 1994 08:48:00 GMT"),
        );
        assert_eq!(retry_after(&dated), Some(Duration::from_secs(97)));
        let past = with(http::header::RETRY_AFTER, "Sun, 06 Nov 1994 08:49:37 GMT");
        assert_eq!(retry_after(&past), Some(Duration::ZERO));
        assert_eq!(retry_after(&with(http::header::RETRY_AFTER, "soon")), None);
        assert_eq!(retry_after(&HeaderMap::new()), None);
    }
}
