//! Where a shared limit lives (`RateLimit::shared`), and the error when it cannot be
//! used: the parts of the `redis` feature a caller sees.

use std::fmt;

use redis::RedisError;

use super::RateLimit;

impl RateLimit {
    /// Shares this limit (requests, failure guard, and the pause after a 429) with
    /// every process that uses the same Redis and the same API key. Needs the cargo
    /// feature `redis`.
    ///
    /// The fleet's requests are paced one every `1.1 / n` seconds (29 a second for
    /// 32): twice the headroom of a local limit, since a request is admitted by Redis
    /// before it is sent and its process may be held up in between.
    ///
    /// `redis_url` is a `redis://[:password@]host[:port][/db]` or `redis+unix://`
    /// URL (TLS is not supported). [`ClientBuilder::build`](crate::ClientBuilder::build)
    /// connects once to check that Redis answers (blocking for up to a second) and
    /// fails with [`Error::SharedLimit`](crate::Error::SharedLimit) when it does not.
    ///
    /// The account is named in Redis by a keyed hash of the API key (HMAC-SHA256,
    /// keyed with the API key, of the fixed label `smspool-rs shared rate limit v1`,
    /// 128 bits in hex): `smspool-rs:{<hash>}:tat`, `:pause`, `:guard` and `:seq`,
    /// all expiring when idle. The key itself is never stored or sent to Redis.
    ///
    /// Redis has a second to accept a connection and a second to answer each
    /// command. When Redis cannot be reached later on, each call fails with
    /// [`Error::SharedLimit`](crate::Error::SharedLimit) before anything is sent, unless
    /// [`fall_back_to_local`](Self::fall_back_to_local) is set. Redis 5 or newer
    /// (or Valkey) is needed.
    ///
    /// ```
    /// use postgen_runtime::RateLimit;
    ///
    /// // Four workers on one standard account: 32 requests per second between them.
    /// let limit = RateLimit::per_second(32).shared("redis://:s3cret@10.0.0.5:6379/");
    /// assert!(limit.is_shared());
    /// // Printed without the password.
    /// assert_eq!(
    ///     limit.to_string(),
    ///     "32 requests/s, at most 100 failures/s, shared through redis://10.0.0.5:6379/"
    /// );
    /// ```
    pub fn shared(mut self, redis_url: impl Into<String>) -> Self {
        self.store = Some(Store {
            url: redis_url.into(),
            fall_back: false,
        });
        self
    }

    /// With a [`shared`](Self::shared) limit: when Redis cannot be reached at run
    /// time, pace this process on its own, to the same limits, instead of failing the
    /// call. Every process then has the whole budget to itself, so a fleet may
    /// exceed the account's limit (the server's 429s still pause each process) until
    /// Redis answers again, which is tried once a second. With the `tracing` feature a
    /// warning is logged when the fallback starts and a note when it ends; without
    /// it the fallback is silent. Has no effect on a limit that is not shared.
    pub fn fall_back_to_local(mut self) -> Self {
        if let Some(store) = &mut self.store {
            store.fall_back = true;
        }
        self
    }

    /// Whether the limit is kept in Redis ([`shared`](Self::shared)).
    pub fn is_shared(&self) -> bool {
        self.store.is_some()
    }
}

/// Where a shared limit lives, and what to do when it cannot be reached.
#[derive(Clone, PartialEq, Eq)]
pub(super) struct Store {
    pub(super) url: String,
    pub(super) fall_back: bool,
}

impl fmt::Display for Store {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&redacted(&self.url))?;
        if self.fall_back {
            f.write_str(" (else local)")?;
        }
        Ok(())
    }
}

impl fmt::Debug for Store {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "\"{self}\"")
    }
}

/// The URL without user, password or query, for messages.
pub(super) fn redacted(url: &str) -> String {
    match url::Url::parse(url) {
        Ok(mut url) => {
            let _ = url.set_password(None);
            let _ = url.set_username("");
            url.set_query(None);
            url.set_fragment(None);
            url.to_string()
        }
        Err(_) => "<an invalid URL>".into(),
    }
}

/// Redis could not be used by a [shared](RateLimit::shared) rate limit: it did not
/// answer, timed out, or refused the limiter's script. Nothing was sent to the API.
#[derive(Debug)]
pub struct SharedLimitError {
    operation: Option<&'static str>,
    address: String,
    source: RedisError,
}

impl SharedLimitError {
    pub(super) fn new(operation: Option<&'static str>, address: &str, source: RedisError) -> Self {
        Self {
            operation,
            address: address.to_owned(),
            source,
        }
    }

    /// The operation that was not sent, or `None` when the client was being built.
    pub fn operation(&self) -> Option<&'static str> {
        self.operation
    }

    /// The Redis server, as `redis://host:port/db` (never with its password).
    pub fn address(&self) -> &str {
        &self.address
    }
}

impl fmt::Display for SharedLimitError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let reason = if self.source.is_connection_refusal() {
            "connection refused"
        } else if self.source.is_timeout() {
            "timed out"
        } else if self.source.is_connection_dropped() || self.source.is_io_error() {
            "connection lost"
        } else {
            "it answered with an error"
        };
        match self.operation {
            Some(operation) => write!(
                f,
                "{operation}: not sent: the shared rate limit cannot use Redis at {} ({reason})",
                self.address
            ),
            None => write!(
                f,
                "the shared rate limit cannot use Redis at {} ({reason})",
                self.address
            ),
        }
    }
}

impl std::error::Error for SharedLimitError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.source)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_lose_their_passwords_in_messages() {
        assert_eq!(
            redacted("redis://:hunter2@cache.internal:6380/2?timeout=1"),
            "redis://cache.internal:6380/2"
        );
        assert_eq!(
            redacted("redis://user:hunter2@127.0.0.1/"),
            "redis://127.0.0.1/"
        );
        assert_eq!(redacted("not a url hunter2"), "<an invalid URL>");
        let limit = RateLimit::per_second(32)
            .shared("redis://:hunter2@127.0.0.1:6379/")
            .fall_back_to_local();
        let printed = format!("{limit:?} {limit}");
        assert!(!printed.contains("hunter2"), "{printed}");
        assert!(
            printed.contains("redis://127.0.0.1:6379/ (else local)"),
            "{printed}"
        );
    }
}
