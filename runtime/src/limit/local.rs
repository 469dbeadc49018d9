//! The limiter whose state lives in the process: governor paces the requests, a
//! [`FailureGuard`] counts the failures, and a 429 pauses every task.

use std::sync::Mutex;
use std::time::Duration;

use governor::{DefaultDirectRateLimiter, Quota};
use tokio::time::Instant;

use super::guard::FailureGuard;
use super::{Outcome, Pace, RateLimit, Ticket, guard_window, interval};
use crate::{BoxFuture, Error};

/// Paces, guards and pauses the requests of one process.
pub(crate) struct LocalPacer {
    pacer: Option<DefaultDirectRateLimiter>,
    guard: Option<FailureGuard>,
    paused_until: Mutex<Option<Instant>>,
}

impl LocalPacer {
    /// A pacer for `limit`, leaving `headroom` (see [`HEADROOM`](super::HEADROOM)).
    pub(crate) fn new(limit: &RateLimit, headroom: f64) -> Self {
        let pacer = limit.requests.map(|n| {
            let quota = Quota::with_period(interval(n, headroom))
                .unwrap_or_else(|| Quota::per_second(n))
                .allow_burst(std::num::NonZeroU32::MIN);
            DefaultDirectRateLimiter::direct(quota)
        });
        Self {
            pacer,
            guard: limit
                .failures
                .map(|n| FailureGuard::new(n, guard_window(headroom))),
            paused_until: Mutex::new(None),
        }
    }

    /// Waits past any pause a 429 set.
    pub(crate) async fn wait_pause(&self) {
        loop {
            let until = *self.paused_until.lock().unwrap_or_else(|p| p.into_inner());
            match until {
                Some(until) if until > Instant::now() => tokio::time::sleep_until(until).await,
                _ => break,
            }
        }
    }

    /// Holds every task of the process back for `wait`.
    pub(crate) fn pause_for(&self, wait: Duration) {
        let now = Instant::now();
        // A wait too long to add to the clock is as good as a year.
        let until = now
            .checked_add(wait)
            .unwrap_or_else(|| now + Duration::from_secs(365 * 24 * 3600));
        let mut paused = self.paused_until.lock().unwrap_or_else(|p| p.into_inner());
        if paused.is_none_or(|current| current < until) {
            *paused = Some(until);
        }
    }

    /// Waits for this task's turn: past any pause, then a slot, then guard room.
    pub(crate) async fn enter(&self) -> Ticket {
        self.wait_pause().await;
        if let Some(pacer) = &self.pacer {
            pacer.until_ready().await;
        }
        match &self.guard {
            Some(guard) => Ticket::Local(guard.enter().await),
            None => Ticket::Unguarded,
        }
    }

    /// Counts a request the shared limiter admitted, so that this process paces
    /// itself from where it is should it fall back: a slot if one is free, and a
    /// place in the failure guard (returned, to be handed back to [`leave`](Self::leave)).
    #[cfg(feature = "redis")]
    pub(crate) fn note_admitted(&self) -> Option<u64> {
        if let Some(pacer) = &self.pacer {
            let _ = pacer.check();
        }
        self.guard.as_ref().map(FailureGuard::note)
    }

    /// Frees the guard's place unless the request failed.
    pub(crate) fn leave(&self, ticket: Ticket, outcome: Outcome) {
        if let (Ticket::Local(id), Some(guard)) = (ticket, &self.guard)
            && outcome != Outcome::Failed
        {
            guard.release(id);
        }
    }
}

impl Pace for LocalPacer {
    fn admit(&self, _operation: &'static str) -> BoxFuture<'_, Result<Ticket, Error>> {
        Box::pin(async move { Ok(self.enter().await) })
    }

    fn settle(&self, ticket: Ticket, outcome: Outcome) -> BoxFuture<'_, ()> {
        self.leave(ticket, outcome);
        Box::pin(std::future::ready(()))
    }

    fn pause(&self, wait: Duration) -> BoxFuture<'_, ()> {
        self.pause_for(wait);
        Box::pin(std::future::ready(()))
    }
}
