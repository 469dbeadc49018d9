//! The client-side rate limit and failure guard, shared by every clone of a client
//! (and, with [`RateLimit::shared`], by every process that uses the same Redis and
//! API key).
//!
//! [`RateLimit`] is the configuration. [`Limiter`] is what a client holds: the
//! configuration plus an implementation of [`Pace`], the interface every limiter
//! offers the send loop (wait for a turn, say how the request ended, pause after a
//! 429). `local.rs` keeps the state in the process (governor for the pace, a window of
//! failures for the guard); `shared.rs` keeps it in Redis, configured and reported on
//! by `store.rs`.

mod guard;
mod local;
#[cfg(feature = "redis")]
mod shared;
#[cfg(feature = "redis")]
mod store;

use std::fmt;
use std::num::NonZeroU32;
use std::time::Duration;

use crate::{ApiKey, BoxFuture, Error};

#[cfg(feature = "redis")]
pub use store::SharedLimitError;

/// Headroom between paced requests, so that requests delayed a little in flight do
/// not arrive closer together than the limit allows. The failure guard counts in a
/// window of this many seconds, for the same reason.
const HEADROOM: f64 = 1.05;

/// How many requests per second the client may send, how many of them may fail,
/// and where that budget is kept.
///
/// ```
/// use postgen_runtime::RateLimit;
///
/// // SMSPool's standard accounts (the default): 32 requests per second.
/// let standard = RateLimit::per_second(32);
/// assert_eq!(standard.requests_per_second(), Some(32));
/// // Every limit guards against SMSPool's ban for failed requests, by default at
/// // 100 failed answers per second (the ban comes at 300).
/// assert_eq!(standard.failures_per_second(), Some(100));
///
/// // Business accounts: no request limit, and the guard still applies.
/// let business = RateLimit::unlimited().max_failures_per_second(150);
/// assert_eq!(business.requests_per_second(), None);
/// assert_eq!(business.failures_per_second(), Some(150));
/// ```
///
/// The budget belongs to the client and all its clones. Several processes on one
/// account each have their own unless they share it through Redis with
/// `shared` (cargo feature `redis`).
#[derive(Clone, PartialEq, Eq)]
pub struct RateLimit {
    requests: Option<NonZeroU32>,
    failures: Option<NonZeroU32>,
    #[cfg(feature = "redis")]
    store: Option<store::Store>,
}

impl RateLimit {
    /// The failure guard's default: at most this many failed answers per second.
    ///
    /// SMSPool blocks an account for a minute when it sends more than 300 failed
    /// requests in a second (ordering an out-of-stock service, say), business
    /// accounts included; a third of that leaves room for answers already on their
    /// way when the guard closes.
    pub const DEFAULT_FAILURES_PER_SECOND: u32 = 100;

    /// At most `n` requests per second (`n` of 0 is treated as 1).
    ///
    /// Requests are paced evenly, one every `1.05 / n` seconds, rather than in bursts:
    /// no one-second window at the server ever sees more than `n`, even when a request
    /// is delayed in flight by up to 5% of a second.
    pub const fn per_second(n: u32) -> Self {
        let requests = match NonZeroU32::new(n) {
            Some(n) => n,
            None => NonZeroU32::MIN,
        };
        Self {
            requests: Some(requests),
            failures: NonZeroU32::new(Self::DEFAULT_FAILURES_PER_SECOND),
            #[cfg(feature = "redis")]
            store: None,
        }
    }

    /// No limit on requests (SMSPool business accounts). The failure guard still
    /// applies.
    pub const fn unlimited() -> Self {
        Self {
            requests: None,
            failures: NonZeroU32::new(Self::DEFAULT_FAILURES_PER_SECOND),
            #[cfg(feature = "redis")]
            store: None,
        }
    }

    /// The failure guard: at most `n` failed answers in any second (`n` of 0 is
    /// treated as 1; the default is
    /// [`DEFAULT_FAILURES_PER_SECOND`](Self::DEFAULT_FAILURES_PER_SECOND)).
    ///
    /// A failed answer is a non-2xx status or a 2xx whose body says it failed
    /// (`{"success": 0}`); a timeout or a broken connection counts too, since the
    /// server may have seen the request. Requests still waiting for their answer
    /// count until they succeed, so that a burst of requests that all fail cannot
    /// overshoot: when `n` requests of the last second have failed or are still out,
    /// the next one waits. Requests that succeed cost the guard nothing, so it
    /// slows a client down only while its requests fail (or are slow to answer).
    pub fn max_failures_per_second(mut self, n: u32) -> Self {
        self.failures = Some(NonZeroU32::new(n).unwrap_or(NonZeroU32::MIN));
        self
    }

    /// Turns the failure guard off: requests are then paced by the request limit
    /// alone, however many fail.
    pub fn without_failure_guard(mut self) -> Self {
        self.failures = None;
        self
    }

    /// The request limit, `None` when unlimited.
    pub fn requests_per_second(&self) -> Option<u32> {
        self.requests.map(NonZeroU32::get)
    }

    /// The failure guard's limit, `None` when it is off.
    pub fn failures_per_second(&self) -> Option<u32> {
        self.failures.map(NonZeroU32::get)
    }
}

impl fmt::Debug for RateLimit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut s = f.debug_struct("RateLimit");
        s.field("requests_per_second", &self.requests_per_second())
            .field("failures_per_second", &self.failures_per_second());
        #[cfg(feature = "redis")]
        if let Some(store) = &self.store {
            s.field("shared", store);
        }
        s.finish()
    }
}

impl fmt::Display for RateLimit {
    /// `32 requests/s, at most 100 failures/s`, plus where the budget is shared.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.requests_per_second() {
            Some(n) => write!(f, "{n} requests/s")?,
            None => f.write_str("unlimited")?,
        }
        match self.failures_per_second() {
            Some(n) => write!(f, ", at most {n} failures/s")?,
            None => f.write_str(", no failure guard")?,
        }
        #[cfg(feature = "redis")]
        if let Some(store) = &self.store {
            write!(f, ", shared through {store}")?;
        }
        Ok(())
    }
}

/// How an admitted request ended, as far as the limiter cares.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Outcome {
    /// A 2xx answer that does not say it failed.
    Succeeded,
    /// A failed answer, or no answer (the server may have counted the request).
    Failed,
    /// Nothing reached the server (connection refused).
    NotSent,
}

/// What the limiter hands an admitted request, to be given back with its outcome.
#[derive(Debug)]
pub(crate) enum Ticket {
    /// Nothing to give back (no failure guard).
    Unguarded,
    /// A place in the process's failure window.
    Local(u64),
    /// A place in the shared failure window, by its id in Redis, and the place in
    /// the process's window that mirrors it.
    #[cfg(feature = "redis")]
    Shared { id: i64, local: Option<u64> },
}

/// What the send loop asks of a limiter, wherever it keeps its state.
pub(crate) trait Pace: Send + Sync {
    /// Waits until a request of `operation` may go: past any pause a 429 set, then
    /// for a slot in the request rate and room in the failure guard.
    fn admit(&self, operation: &'static str) -> BoxFuture<'_, Result<Ticket, Error>>;

    /// Tells the limiter how the request admitted with `ticket` ended.
    fn settle(&self, ticket: Ticket, outcome: Outcome) -> BoxFuture<'_, ()>;

    /// Holds every request back for `wait` (the server answered 429).
    fn pause(&self, wait: Duration) -> BoxFuture<'_, ()>;
}

/// A client's limiter: its configuration and the [`Pace`] that applies it.
pub(crate) struct Limiter {
    limit: RateLimit,
    pace: Box<dyn Pace>,
}

impl Limiter {
    /// The limiter for `limit`. A shared limit checks that Redis answers.
    pub(crate) fn new(limit: RateLimit, key: &ApiKey) -> Result<Self, Error> {
        #[cfg(feature = "redis")]
        if let Some(store) = &limit.store {
            let pace = shared::SharedPacer::connect(&limit, store, key)?;
            return Ok(Self {
                pace: Box::new(pace),
                limit,
            });
        }
        let _ = key;
        Ok(Self {
            pace: Box::new(local::LocalPacer::new(&limit, HEADROOM)),
            limit,
        })
    }

    pub(crate) fn limit(&self) -> &RateLimit {
        &self.limit
    }

    /// See [`Pace::admit`].
    pub(crate) async fn admit(&self, operation: &'static str) -> Result<Ticket, Error> {
        self.pace.admit(operation).await
    }

    /// See [`Pace::settle`].
    pub(crate) async fn settle(&self, ticket: Ticket, outcome: Outcome) {
        self.pace.settle(ticket, outcome).await;
    }

    /// See [`Pace::pause`].
    pub(crate) async fn pause(&self, wait: Duration) {
        self.pace.pause(wait).await;
    }
}

impl fmt::Debug for Limiter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.limit, f)
    }
}

/// The time between two paced requests at `n` per second, with `headroom`.
fn interval(n: NonZeroU32, headroom: f64) -> Duration {
    Duration::from_secs_f64(headroom / f64::from(n.get()))
}

/// The failure guard's window: a second, with `headroom`.
fn guard_window(headroom: f64) -> Duration {
    Duration::from_secs_f64(headroom)
}
