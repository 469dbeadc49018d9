//! Calls the API refuses for a while: [`Request::when_allowed`] sends a call again
//! while its answer is a condition the operation declares as passing with time (an
//! [`ErrorRule::later`](crate::ErrorRule::later), such as SMSPool's "cannot be
//! cancelled yet"), until it is accepted, refused for good, or the deadline passes.
//!
//! Only that condition is retried: any other failure ends the wait at once and is
//! returned as it came, since the call may be a mutation. Every attempt goes through
//! the client, so its rate limit (and failure guard) paces the attempts as it paces
//! every other call.

use std::time::Duration;

use backon::{BackoffBuilder, ExponentialBuilder};
use tokio::time::Instant;

use crate::{Decode, Error, Request};

/// How long and how often [`Request::when_allowed`] tries: a deadline, and a
/// backoff between attempts (no jitter: the lock is the server's, not a crowd's).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Patience {
    timeout: Duration,
    first_delay: Duration,
    max_delay: Duration,
}

impl Patience {
    /// Tries for at most `timeout`, waiting 5 s after the first refusal, doubling up
    /// to 20 s. SMSPool's cancel lock was seen to clear about 130 s after a purchase:
    /// `Patience::within(Duration::from_secs(180))` rides it out with about ten calls.
    pub fn within(timeout: Duration) -> Self {
        Self {
            timeout,
            first_delay: Duration::from_secs(5),
            max_delay: Duration::from_secs(20),
        }
    }

    /// The wait after the first refusal (default 5 s); each next wait doubles it.
    pub fn first_delay(mut self, delay: Duration) -> Self {
        self.first_delay = delay;
        self
    }

    /// The longest wait between two attempts (default 20 s).
    pub fn max_delay(mut self, delay: Duration) -> Self {
        self.max_delay = delay;
        self
    }

    /// The deadline given.
    pub fn timeout(&self) -> Duration {
        self.timeout
    }

    fn delays(&self) -> impl Iterator<Item = Duration> + use<> {
        ExponentialBuilder::default()
            .with_min_delay(self.first_delay)
            .with_max_delay(self.max_delay.max(self.first_delay))
            .without_max_times()
            .build()
    }
}

/// How a [`Request::when_allowed`] ended, short of a failure it does not wait out.
#[derive(Debug)]
#[must_use]
pub enum Settled<T> {
    /// The API accepted the call: its answer.
    Accepted {
        /// The answer.
        answer: T,
        /// Attempts sent, this one included.
        attempts: u32,
    },
    /// The API refused the call with a condition the operation declares that time
    /// does not change ([`Error::kind`] tells which: an order already completed).
    Declined {
        /// The refusal.
        error: Error,
        /// Attempts sent.
        attempts: u32,
    },
    /// The deadline passed while the API still refused the call for now.
    GaveUp {
        /// The last refusal.
        error: Error,
        /// Attempts sent.
        attempts: u32,
    },
}

impl<T> Settled<T> {
    /// The answer, when the call was accepted.
    pub fn accepted(self) -> Option<T> {
        match self {
            Settled::Accepted { answer, .. } => Some(answer),
            _ => None,
        }
    }

    /// How many attempts were sent.
    pub fn attempts(&self) -> u32 {
        match self {
            Settled::Accepted { attempts, .. }
            | Settled::Declined { attempts, .. }
            | Settled::GaveUp { attempts, .. } => *attempts,
        }
    }
}

impl<'a, T: Send + 'a, D: Decode<T>> Request<'a, T, D> {
    /// Sends the request, and again while the API answers that it cannot accept it
    /// *yet* (a condition the operation declares with
    /// [`ErrorRule::later`](crate::ErrorRule::later)), waiting `patience`'s backoff
    /// between attempts, until it is accepted or `patience`'s deadline passes.
    ///
    /// Attempts go through the client's rate limit. No attempt starts after the
    /// deadline. An operation that declares no such condition is sent once.
    ///
    /// # Errors
    ///
    /// Every failure other than "not yet", at once and as it came: an unknown order,
    /// a rejected key, a transport failure... Nothing is retried on them beyond what
    /// the client's [`RetryPolicy`](crate::RetryPolicy) does for one call.
    pub async fn when_allowed(self, patience: Patience) -> Result<Settled<T>, Error> {
        let (client, call) = self.into_parts();
        let call = call?;
        let deadline = Instant::now() + patience.timeout;
        let mut delays = patience.delays();
        let mut attempts = 0;
        loop {
            attempts += 1;
            let sent = crate::request::send_call::<T, D>(client, &call).await;
            let error = match sent {
                Ok(answer) => return Ok(Settled::Accepted { answer, attempts }),
                Err(error) => error,
            };
            let Some(api) = error.api_error() else {
                return Err(error);
            };
            if api.kind().is_none() {
                return Err(error);
            }
            if !api.is_later() {
                return Ok(Settled::Declined { error, attempts });
            }
            let delay = delays.next().unwrap_or(patience.max_delay);
            if Instant::now() + delay > deadline {
                return Ok(Settled::GaveUp { error, attempts });
            }
            tokio::time::sleep(delay).await;
        }
    }
}
