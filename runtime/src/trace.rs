//! One `tracing` span per call, with the cargo feature `tracing`; nothing at all
//! without it.
//!
//! The span is `call` (target `postgen_runtime`, level INFO) with the fields
//! `operation` (`sms::purchase`), `safety` (`read-only`, `mutation`, `paid`),
//! `attempts`, `status` (the last HTTP status; empty when no answer came),
//! `limiter_wait_ms` (time spent waiting for the rate limit, the failure guard and
//! pauses, over all attempts) and `total_ms`. It never holds the key, parameters or
//! bodies.

use std::future::Future;
use std::time::Duration;

use crate::Operation;

/// The span of one call (a no-op without the `tracing` feature).
pub(crate) struct CallSpan {
    #[cfg(feature = "tracing")]
    span: tracing::Span,
    #[cfg(feature = "tracing")]
    started: std::time::Instant,
}

#[cfg(feature = "tracing")]
impl CallSpan {
    pub(crate) fn new(operation: &'static Operation) -> Self {
        use tracing::field::Empty;
        Self {
            span: tracing::info_span!(
                target: "postgen_runtime",
                "call",
                operation = operation.name,
                safety = operation.safety.as_str(),
                attempts = Empty,
                status = Empty,
                limiter_wait_ms = Empty,
                total_ms = Empty,
            ),
            started: std::time::Instant::now(),
        }
    }

    /// Runs `future` inside the span.
    pub(crate) fn instrument<F: Future>(&self, future: F) -> impl Future<Output = F::Output> {
        tracing::Instrument::instrument(future, self.span.clone())
    }

    /// Notes an attempt: how many so far, the limiter's total wait, the status.
    pub(crate) fn attempt(&self, attempts: u32, limiter_wait: Duration, status: Option<u16>) {
        self.span.record("attempts", attempts);
        self.span.record("limiter_wait_ms", millis(limiter_wait));
        if let Some(status) = status {
            self.span.record("status", status);
        }
    }

    /// Notes the total time; the span closes when `self` is dropped.
    pub(crate) fn finish(self) {
        self.span.record("total_ms", millis(self.started.elapsed()));
    }
}

#[cfg(feature = "tracing")]
fn millis(duration: Duration) -> u64 {
    u64::try_from(duration.as_millis()).unwrap_or(u64::MAX)
}

#[cfg(not(feature = "tracing"))]
impl CallSpan {
    pub(crate) fn new(_operation: &'static Operation) -> Self {
        Self {}
    }

    pub(crate) fn instrument<F: Future>(&self, future: F) -> F {
        future
    }

    pub(crate) fn attempt(&self, _attempts: u32, _limiter_wait: Duration, _status: Option<u16>) {}

    pub(crate) fn finish(self) {}
}
