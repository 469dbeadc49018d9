//! The client-side rate limit, shared by every clone of a client.

use std::fmt;
use std::num::NonZeroU32;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use governor::{DefaultDirectRateLimiter, Quota};
use tokio::time::Instant;

/// Headroom between paced requests, so that requests delayed a little in flight do
/// not arrive closer together than the limit allows.
const HEADROOM: f64 = 1.05;

/// How many requests per second the client may send.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RateLimit(Option<NonZeroU32>);

impl RateLimit {
    /// At most `n` requests per second (`n` of 0 is treated as 1).
    ///
    /// Requests are paced evenly, one every `1.05 / n` seconds, rather than in bursts:
    /// no one-second window at the server ever sees more than `n`, even when a request
    /// is delayed in flight by up to 5% of a second.
    pub const fn per_second(n: u32) -> Self {
        match NonZeroU32::new(n) {
            Some(n) => Self(Some(n)),
            None => Self(Some(NonZeroU32::MIN)),
        }
    }

    /// No client-side limit (SMSPool business accounts).
    pub const fn unlimited() -> Self {
        Self(None)
    }

    /// The limit, `None` when unlimited.
    pub fn requests_per_second(self) -> Option<u32> {
        self.0.map(NonZeroU32::get)
    }
}

/// The limiter plus the pause a 429 imposes on every task.
#[derive(Clone)]
pub(crate) struct Limiter {
    limit: RateLimit,
    pacer: Option<Arc<DefaultDirectRateLimiter>>,
    paused_until: Arc<Mutex<Option<Instant>>>,
}

impl Limiter {
    pub(crate) fn new(limit: RateLimit) -> Self {
        let pacer = limit.0.map(|n| {
            let period = Duration::from_secs_f64(HEADROOM / f64::from(n.get()));
            let quota = Quota::with_period(period)
                .unwrap_or_else(|| Quota::per_second(n))
                .allow_burst(NonZeroU32::MIN);
            Arc::new(DefaultDirectRateLimiter::direct(quota))
        });
        Self {
            limit,
            pacer,
            paused_until: Arc::new(Mutex::new(None)),
        }
    }

    pub(crate) fn limit(&self) -> RateLimit {
        self.limit
    }

    /// Waits until this task may send: past any pause a 429 set, then for a slot.
    pub(crate) async fn wait_turn(&self) {
        loop {
            let until = *self
                .paused_until
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner());
            match until {
                Some(until) if until > Instant::now() => tokio::time::sleep_until(until).await,
                _ => break,
            }
        }
        if let Some(pacer) = &self.pacer {
            pacer.until_ready().await;
        }
    }

    /// Holds every task back for `wait` (the server said 429).
    pub(crate) fn pause(&self, wait: Duration) {
        let now = Instant::now();
        // A wait too long to add to the clock is as good as a year.
        let until = now
            .checked_add(wait)
            .unwrap_or_else(|| now + Duration::from_secs(365 * 24 * 3600));
        let mut paused = self
            .paused_until
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if paused.is_none_or(|current| current < until) {
            *paused = Some(until);
        }
    }
}

impl fmt::Debug for Limiter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.limit.requests_per_second() {
            Some(n) => write!(f, "{n} requests/s"),
            None => f.write_str("unlimited"),
        }
    }
}
