//! A rate limit per sending account: governor's GCRA, one keyed limiter per
//! rate (Meta's 300 and 10 per second are separate budgets).

use std::collections::HashMap;
use std::num::NonZeroU32;
use std::sync::{Arc, Mutex, PoisonError};

use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};

use super::RateLimit;
use crate::endpoint::Endpoint;

pub(super) struct Limiter {
    mode: RateLimit,
    by_rate: Mutex<HashMap<NonZeroU32, Arc<DefaultKeyedRateLimiter<String>>>>,
}

impl Limiter {
    pub(super) fn new(mode: RateLimit) -> Self {
        Self {
            mode,
            by_rate: Mutex::new(HashMap::new()),
        }
    }

    /// The rate that applies to `message` on `endpoint`, if any.
    pub(super) fn per_second(
        &self,
        endpoint: &Endpoint,
        message: Option<&serde_json::Value>,
    ) -> Option<NonZeroU32> {
        match self.mode {
            RateLimit::Off => None,
            RateLimit::PerSecond(rate) => Some(rate),
            RateLimit::Provider => {
                let null = serde_json::Value::Null;
                endpoint
                    .rate_limit(message.unwrap_or(&null))
                    .and_then(NonZeroU32::new)
            }
        }
    }

    /// Waits until `account` may send at `per_second`.
    pub(super) async fn wait(&self, account: &str, per_second: NonZeroU32) {
        let limiter = {
            let mut by_rate = self.by_rate.lock().unwrap_or_else(PoisonError::into_inner);
            Arc::clone(
                by_rate
                    .entry(per_second)
                    .or_insert_with(|| Arc::new(RateLimiter::keyed(Quota::per_second(per_second)))),
            )
        };
        limiter.until_key_ready(&account.to_string()).await;
    }
}
