//! Sending (feature `client`): a request built by [`crate::request`], sent
//! with reqwest over rustls, with a timeout, retries, a rate limit per
//! sending account, and bulk sends where every message ends with exactly
//! one outcome.
//!
//! What is retried, and how often:
//! - a retryable answer ([`ProviderError::is_retryable`]: 408, 429, 5xx, a
//!   provider's throttling code) or no answer at all, up to
//!   [`SenderBuilder::max_attempts`] attempts;
//! - after `Retry-After` where the provider sends one, else after an
//!   exponential backoff with full jitter (a random wait between zero and
//!   `base × 2^retry`, at most `max_delay`);
//! - only when repeating cannot send the message twice: the provider
//!   refused before doing anything (408, 429, a throttling code), or the
//!   connection was never made, or the provider deduplicates by a member
//!   the message carries ([`crate::endpoint::Endpoint::deduplicated_by`])
//!   and the caller says it does for this account
//!   ([`SenderBuilder::provider_deduplicates`]). A 5xx or a timeout may come
//!   after the provider accepted the message: that is reported, not
//!   repeated.

mod limit;

use std::fmt;
use std::num::NonZeroU32;
use std::sync::Arc;
use std::time::Duration;

use futures_util::stream::{self, Stream, StreamExt};
use serde::Serialize;
use tracing::Instrument as _;

use self::limit::Limiter;
use crate::endpoint::{Endpoint, Operation};
use crate::parse::Parse;
use crate::request::{
    read_response_value, request_from_value, Credential, ProviderError, RequestError, Target,
    ToRequest,
};
use crate::Validate;

/// What is read of a response body at most (1 MiB): a provider's answer is
/// small; anything larger is cut and reported as it is.
const MAX_BODY: usize = 1 << 20;

/// Sends messages. Cheap to clone: clones share the connection pool and
/// the rate limiters.
#[derive(Clone)]
pub struct Sender {
    http: reqwest::Client,
    config: Arc<Config>,
    limiter: Arc<Limiter>,
}

impl fmt::Debug for Sender {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Sender")
            .field("config", &self.config)
            .finish_non_exhaustive()
    }
}

#[derive(Debug, Clone)]
struct Config {
    max_attempts: u32,
    base_delay: Duration,
    max_delay: Duration,
    max_retry_after: Duration,
    provider_deduplicates: bool,
    concurrency: usize,
}

/// How requests per second are limited.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RateLimit {
    /// The provider's documented limits ([`crate::endpoint::Endpoint::rate_limits`]),
    /// per sending account: Meta's 300 per second for text, 10 for audio
    /// and video.
    Provider,
    /// This many per second per sending account, for every message.
    PerSecond(NonZeroU32),
    /// None: the provider's own limit decides (and answers 429).
    Off,
}

/// Configures a [`Sender`].
#[derive(Debug, Clone)]
pub struct SenderBuilder {
    timeout: Duration,
    connect_timeout: Duration,
    config: Config,
    rate_limit: RateLimit,
    user_agent: String,
}

impl Default for SenderBuilder {
    fn default() -> Self {
        Self {
            timeout: Duration::from_secs(30),
            connect_timeout: Duration::from_secs(10),
            config: Config {
                max_attempts: 4,
                base_delay: Duration::from_millis(250),
                max_delay: Duration::from_secs(30),
                max_retry_after: Duration::from_secs(300),
                provider_deduplicates: false,
                concurrency: 16,
            },
            rate_limit: RateLimit::Provider,
            user_agent: concat!("dmforge/", env!("CARGO_PKG_VERSION")).to_string(),
        }
    }
}

impl SenderBuilder {
    /// How long one attempt may take, from connecting to the end of the
    /// answer (30 s).
    #[must_use]
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// How long connecting may take (10 s).
    #[must_use]
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// Attempts per message, the first included (4); 1 never retries.
    #[must_use]
    pub fn max_attempts(mut self, attempts: u32) -> Self {
        self.config.max_attempts = attempts.max(1);
        self
    }

    /// The backoff's first ceiling (250 ms) and its largest (30 s).
    #[must_use]
    pub fn backoff(mut self, base: Duration, max: Duration) -> Self {
        self.config.base_delay = base;
        self.config.max_delay = max.max(base);
        self
    }

    /// The longest `Retry-After` waited for (5 min): a provider asking for
    /// longer gets its answer reported instead.
    #[must_use]
    pub fn max_retry_after(mut self, wait: Duration) -> Self {
        self.config.max_retry_after = wait;
        self
    }

    /// Says that the provider deduplicates by its endpoint's
    /// `deduplicated_by` member for this account (Infobip does once it has
    /// enabled idempotency for the account's channels), so that a message
    /// carrying it may be sent again after a 5xx or a timeout (off).
    #[must_use]
    pub fn provider_deduplicates(mut self, on: bool) -> Self {
        self.config.provider_deduplicates = on;
        self
    }

    /// The rate limit ([`RateLimit::Provider`]).
    #[must_use]
    pub fn rate_limit(mut self, limit: RateLimit) -> Self {
        self.rate_limit = limit;
        self
    }

    /// Messages in flight at once in a bulk send (16).
    #[must_use]
    pub fn concurrency(mut self, messages: usize) -> Self {
        self.config.concurrency = messages.max(1);
        self
    }

    /// The `User-Agent` header (`dmforge/<version>`).
    #[must_use]
    pub fn user_agent(mut self, agent: impl Into<String>) -> Self {
        self.user_agent = agent.into();
        self
    }

    /// The sender, or why its HTTP client could not be made (no TLS
    /// roots).
    pub fn build(self) -> Result<Sender, String> {
        let http = reqwest::Client::builder()
            .timeout(self.timeout)
            .connect_timeout(self.connect_timeout)
            .user_agent(self.user_agent)
            .build()
            .map_err(|e| e.to_string())?;
        Ok(Sender {
            http,
            config: Arc::new(self.config),
            limiter: Arc::new(Limiter::new(self.rate_limit)),
        })
    }
}

/// A message the provider took.
#[derive(Debug, Clone, PartialEq)]
pub struct Sent<R> {
    pub status: http::StatusCode,
    /// The documented response.
    pub response: R,
    /// The provider's ID of the message, where its response gives one.
    pub message_id: Option<String>,
    /// Attempts made, the successful one included.
    pub attempts: u32,
}

/// No answer from the provider: what happened, and whether the request
/// may have reached it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TransportError {
    pub message: String,
    pub timed_out: bool,
    /// `false` when no connection was made, so the provider cannot have
    /// the message.
    pub may_have_been_sent: bool,
}

impl fmt::Display for TransportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.timed_out {
            write!(f, "timed out: {}", self.message)
        } else {
            f.write_str(&self.message)
        }
    }
}

/// The last thing that went wrong with a message that was not sent.
#[derive(Debug, Clone, PartialEq)]
pub enum Failure<E> {
    Provider(ProviderError<E>),
    Transport(TransportError),
}

impl<E> fmt::Display for Failure<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Provider(error) => error.fmt(f),
            Self::Transport(error) => error.fmt(f),
        }
    }
}

/// Why a message was not sent.
#[derive(Debug, Clone, PartialEq)]
pub enum SendError<E> {
    /// No request could be made of it (a rule broken, a URL variable
    /// missing): nothing was sent.
    Request(RequestError),
    /// The provider refused it, and trying again would not help.
    Refused {
        error: ProviderError<E>,
        attempts: u32,
    },
    /// It failed in a way that may pass, but no attempt was left, or
    /// repeating it could send it twice; or the provider refused a repeat
    /// of an attempt it may have taken (a duplicate, perhaps): whether the
    /// message is out is not known.
    Failed { last: Failure<E>, attempts: u32 },
}

impl<E> SendError<E> {
    /// Attempts made (0: nothing was sent).
    pub fn attempts(&self) -> u32 {
        match self {
            Self::Request(_) => 0,
            Self::Refused { attempts, .. } | Self::Failed { attempts, .. } => *attempts,
        }
    }
}

impl<E> fmt::Display for SendError<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Request(error) => write!(f, "not sent: {error}"),
            Self::Refused { error, .. } => error.fmt(f),
            Self::Failed { last, attempts } => {
                write!(f, "failed after {attempts} attempt")?;
                if *attempts != 1 {
                    f.write_str("s")?;
                }
                write!(f, ": {last}")
            }
        }
    }
}

impl<E: fmt::Debug> std::error::Error for SendError<E> {}

/// What became of one message.
pub type Outcome<O> = Result<Sent<<O as Operation>::Response>, SendError<<O as Operation>::Error>>;

/// A sending account, for the rate limit: the address (Meta's `IG_ID`,
/// Infobip's host) and the credential that speaks for it, hashed.
fn account(request: &http::Request<Vec<u8>>, credential: &Credential) -> String {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    credential.hash(&mut hasher);
    format!("{}#{:016x}", request.uri(), hasher.finish())
}

impl Sender {
    #[must_use]
    pub fn builder() -> SenderBuilder {
        SenderBuilder::default()
    }

    /// Sends one message, retrying as the module's docs say.
    pub async fn send<O>(&self, message: &O, target: &Target, credential: &Credential) -> Outcome<O>
    where
        O: Operation + Serialize + Validate,
        O::Response: for<'de> Parse<'de>,
        O::Error: for<'de> Parse<'de>,
    {
        let endpoint = O::ENDPOINT;
        let span = tracing::info_span!("dmforge.send", endpoint = endpoint.id);
        async move {
            let request = message
                .to_request(target, credential)
                .map_err(SendError::Request)?;
            // The member-level facts the retry and limit rules need are
            // read off the value only where the endpoint has such rules.
            let needs_value = endpoint.deduplicated_by.is_some()
                || endpoint.rate_limits.iter().any(|l| l.when.is_some());
            let value = if needs_value {
                serde_json::to_value(message).ok()
            } else {
                None
            };
            let deduplicated = self.config.provider_deduplicates
                && value.as_ref().is_some_and(|v| endpoint.deduplicates(v));
            let per_second = self.limiter.per_second(endpoint, value.as_ref());
            let account = account(&request, credential);
            self.attempts(
                endpoint,
                &request,
                &account,
                per_second,
                deduplicated,
                O::read_response,
            )
            .await
        }
        .instrument(span)
        .await
    }

    /// Sends a message given as a JSON value already checked against
    /// `endpoint`'s schema (the command line's path, which picks schemas by
    /// id); the answer is read as JSON, its code and message by the
    /// endpoint's pointers.
    pub async fn send_value(
        &self,
        endpoint: &'static Endpoint,
        message: &serde_json::Value,
        target: &Target,
        credential: &Credential,
    ) -> Result<Sent<serde_json::Value>, SendError<serde_json::Value>> {
        let span = tracing::info_span!("dmforge.send", endpoint = endpoint.id);
        async move {
            let request = request_from_value(endpoint, message, target, credential)
                .map_err(SendError::Request)?;
            let deduplicated = self.config.provider_deduplicates && endpoint.deduplicates(message);
            let per_second = self.limiter.per_second(endpoint, Some(message));
            let account = account(&request, credential);
            self.attempts(
                endpoint,
                &request,
                &account,
                per_second,
                deduplicated,
                |status, headers, body| read_response_value(endpoint, status, headers, body),
            )
            .await
        }
        .instrument(span)
        .await
    }

    async fn attempts<R, E>(
        &self,
        endpoint: &Endpoint,
        request: &http::Request<Vec<u8>>,
        account: &str,
        per_second: Option<NonZeroU32>,
        deduplicated: bool,
        read: impl Fn(http::StatusCode, &http::HeaderMap, &[u8]) -> Result<R, ProviderError<E>>,
    ) -> Result<Sent<R>, SendError<E>> {
        let mut attempt = 0;
        // Whether an attempt ended where the provider may have taken the
        // message (a 5xx, a timeout): a refusal after it may be of a
        // duplicate, so the message may be out after all.
        let mut uncertain = false;
        loop {
            attempt += 1;
            if let Some(per_second) = per_second {
                self.limiter.wait(account, per_second).await;
            }
            let answer = self
                .exchange(request)
                .instrument(tracing::debug_span!("attempt", attempt))
                .await;
            let (failure, repeat_is_safe, asked_wait) = match answer {
                Ok((status, headers, body)) => {
                    match read(status, &headers, &body) {
                        Ok(response) => {
                            let message_id = endpoint.success.message_id.and_then(|pointer| {
                                let body: serde_json::Value = serde_json::from_slice(&body).ok()?;
                                match body.pointer(pointer)? {
                                    serde_json::Value::String(id) => Some(id.clone()),
                                    serde_json::Value::Number(id) => Some(id.to_string()),
                                    _ => None,
                                }
                            });
                            tracing::info!(%status, attempt, "sent");
                            return Ok(Sent {
                                status,
                                response,
                                message_id,
                                attempts: attempt,
                            });
                        }
                        // A success whose body is not the documented one:
                        // the message may be out, so it is not repeated.
                        Err(error @ ProviderError::Malformed(_)) => {
                            tracing::warn!(%status, "unreadable answer");
                            return Err(SendError::Failed {
                                last: Failure::Provider(error),
                                attempts: attempt,
                            });
                        }
                        Err(error) if !error.is_retryable() && uncertain => {
                            tracing::warn!(%status, code = error.code(), "refused after an attempt that may have been taken");
                            return Err(SendError::Failed {
                                last: Failure::Provider(error),
                                attempts: attempt,
                            });
                        }
                        Err(error) if !error.is_retryable() => {
                            tracing::info!(%status, code = error.code(), "refused");
                            return Err(SendError::Refused {
                                error,
                                attempts: attempt,
                            });
                        }
                        Err(error) => {
                            let safe = error.repeat_is_safe();
                            let wait = error.retry_after();
                            (Failure::Provider(error), safe, wait)
                        }
                    }
                }
                Err(error) => {
                    let safe = !error.may_have_been_sent;
                    (Failure::Transport(error), safe, None)
                }
            };
            uncertain |= !repeat_is_safe;
            let delay = match asked_wait {
                Some(wait) if wait > self.config.max_retry_after => None,
                Some(wait) => Some(wait),
                None => Some(self.backoff(attempt)),
            };
            let retry = attempt < self.config.max_attempts && (repeat_is_safe || deduplicated);
            match delay {
                Some(delay) if retry => {
                    tracing::warn!(attempt, ?delay, failure = %failure, "retrying");
                    tokio::time::sleep(delay).await;
                }
                _ => {
                    tracing::warn!(attempt, failure = %failure, "giving up");
                    return Err(SendError::Failed {
                        last: failure,
                        attempts: attempt,
                    });
                }
            }
        }
    }

    /// Full jitter: a wait drawn evenly from zero to `base × 2^(attempt-1)`,
    /// at most `max_delay`.
    fn backoff(&self, attempt: u32) -> Duration {
        let ceiling = self
            .config
            .base_delay
            .saturating_mul(1u32 << (attempt - 1).min(20))
            .min(self.config.max_delay);
        ceiling.mul_f64(fastrand::f64())
    }

    /// One request and its whole answer.
    async fn exchange(
        &self,
        request: &http::Request<Vec<u8>>,
    ) -> Result<(http::StatusCode, http::HeaderMap, Vec<u8>), TransportError> {
        let mut builder = self
            .http
            .request(request.method().clone(), request.uri().to_string())
            .body(request.body().clone());
        for (name, value) in request.headers() {
            builder = builder.header(name, value);
        }
        let transport = |error: reqwest::Error| TransportError {
            message: error.to_string(),
            timed_out: error.is_timeout(),
            may_have_been_sent: !error.is_connect(),
        };
        let mut response = builder.send().await.map_err(transport)?;
        let status = response.status();
        let headers = std::mem::take(response.headers_mut());
        let mut body = Vec::new();
        while let Some(chunk) = response.chunk().await.map_err(transport)? {
            let room = MAX_BODY.saturating_sub(body.len());
            body.extend_from_slice(&chunk[..chunk.len().min(room)]);
            if room < chunk.len() {
                break;
            }
        }
        Ok((status, headers, body))
    }

    /// Sends every message, at most [`SenderBuilder::concurrency`] at once,
    /// each retried on its own: every message yields exactly one
    /// `(index, outcome)`, in the order they end. Messages are taken from
    /// `messages` only as room frees up, so memory stays flat however many
    /// there are.
    pub fn send_stream<'a, O, I>(
        &'a self,
        messages: I,
        target: &'a Target,
        credential: &'a Credential,
    ) -> impl Stream<Item = (usize, Outcome<O>)> + 'a
    where
        I: IntoIterator<Item = O>,
        I::IntoIter: 'a,
        O: Operation + Serialize + Validate + 'a,
        O::Response: for<'de> Parse<'de>,
        O::Error: for<'de> Parse<'de>,
    {
        stream::iter(messages.into_iter().enumerate())
            .map(move |(index, message)| async move {
                (index, self.send(&message, target, credential).await)
            })
            .buffer_unordered(self.config.concurrency)
    }

    /// [`Sender::send_stream`], every outcome collected in the messages'
    /// order.
    pub async fn send_all<O, I>(
        &self,
        messages: I,
        target: &Target,
        credential: &Credential,
    ) -> Vec<Outcome<O>>
    where
        I: IntoIterator<Item = O>,
        O: Operation + Serialize + Validate,
        O::Response: for<'de> Parse<'de>,
        O::Error: for<'de> Parse<'de>,
    {
        let mut outcomes: Vec<(usize, Outcome<O>)> = self
            .send_stream(messages, target, credential)
            .collect()
            .await;
        outcomes.sort_by_key(|(index, _)| *index);
        outcomes.into_iter().map(|(_, outcome)| outcome).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_account_is_its_address_and_its_credential() {
        let request = http::Request::new(Vec::new());
        let one = account(&request, &Credential::Token("tenant-a".into()));
        let other = account(&request, &Credential::Token("tenant-b".into()));
        assert_ne!(one, other);
        assert_eq!(
            one,
            account(&request, &Credential::Token("tenant-a".into()))
        );
        assert!(!one.contains("tenant-a"), "the credential is hashed: {one}");
    }
}
