//! When a failed attempt is tried again, and how long to wait first.

use std::time::Duration;

use backon::{BackoffBuilder, ExponentialBuilder};
use reqwest::StatusCode;

use crate::Safety;

/// Retries for transient failures: capped exponential backoff with jitter.
///
/// Which failures are retried depends on the operation's [`Safety`]:
///
/// | failure                          | read-only | mutation | paid |
/// |----------------------------------|-----------|----------|------|
/// | connection refused (nothing sent)| retried   | retried  | no   |
/// | HTTP 429                         | retried   | retried  | no   |
/// | timeout, reset, body cut off     | retried   | no       | no   |
/// | HTTP 500, 502, 503, 504          | retried   | no       | no   |
///
/// A wait the server asks for in `Retry-After` is honoured when it is longer than the
/// backoff delay, up to [`max_retry_after`](Self::max_retry_after) (default 60 s,
/// SMSPool's ban for accounts that send too many failed requests); a longer wait is
/// not sat out but returned at once as [`Error::RateLimited`](crate::Error::RateLimited)
/// with the wait in it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RetryPolicy {
    max_retries: usize,
    min_delay: Duration,
    max_delay: Duration,
    jitter: bool,
    max_retry_after: Duration,
}

impl Default for RetryPolicy {
    /// 3 retries, starting at 250 ms, doubling, capped at 8 s, with jitter; server
    /// waits up to 60 s honoured.
    fn default() -> Self {
        Self {
            max_retries: 3,
            min_delay: Duration::from_millis(250),
            max_delay: Duration::from_secs(8),
            jitter: true,
            max_retry_after: Duration::from_secs(60),
        }
    }
}

impl RetryPolicy {
    /// Never retry.
    pub fn none() -> Self {
        Self {
            max_retries: 0,
            ..Self::default()
        }
    }

    /// Sets how many times a call is retried after its first attempt.
    pub fn max_retries(mut self, retries: usize) -> Self {
        self.max_retries = retries;
        self
    }

    /// Sets the first delay (doubled on each retry).
    pub fn min_delay(mut self, delay: Duration) -> Self {
        self.min_delay = delay;
        self
    }

    /// Sets the cap on any one delay.
    pub fn max_delay(mut self, delay: Duration) -> Self {
        self.max_delay = delay;
        self
    }

    /// Turns random jitter on or off.
    pub fn jitter(mut self, jitter: bool) -> Self {
        self.jitter = jitter;
        self
    }

    /// Sets the longest `Retry-After` the client waits out by itself before a retry,
    /// and the longest pause a 429 imposes on every task of the client.
    pub fn max_retry_after(mut self, wait: Duration) -> Self {
        self.max_retry_after = wait;
        self
    }

    pub(crate) fn retry_after_cap(&self) -> Duration {
        self.max_retry_after
    }

    /// The delays before each retry, in order.
    pub(crate) fn delays(&self) -> impl Iterator<Item = Duration> + use<> {
        let mut builder = ExponentialBuilder::default()
            .with_min_delay(self.min_delay)
            .with_max_delay(self.max_delay)
            .with_max_times(self.max_retries);
        if self.jitter {
            builder = builder.with_jitter();
        }
        builder.build()
    }
}

/// Whether an attempt that got `status` back may be retried.
pub(crate) fn status_is_retryable(safety: Safety, status: StatusCode) -> bool {
    match safety {
        Safety::Paid => false,
        Safety::Mutation => status == StatusCode::TOO_MANY_REQUESTS,
        Safety::ReadOnly => {
            status == StatusCode::TOO_MANY_REQUESTS
                || matches!(status.as_u16(), 500 | 502 | 503 | 504)
        }
    }
}

/// Whether an attempt that failed with `error` may be retried.
pub(crate) fn error_is_retryable(safety: Safety, error: &reqwest::Error) -> bool {
    match safety {
        Safety::Paid => false,
        Safety::Mutation => error.is_connect(),
        Safety::ReadOnly => true,
    }
}
