//! The shared limiter: one budget in Redis for every process that uses the same Redis
//! and API key. The request pace (GCRA), the failure guard and the 429 pause all run
//! in `lua/admit.lua` and `lua/pause.lua`, atomically, on the Redis server's clock.

use std::fmt;
use std::sync::{Mutex, OnceLock};
use std::time::Duration;

use redis::aio::{ConnectionManager, ConnectionManagerConfig};
use redis::{ErrorKind, RedisError, Script};
use tokio::time::Instant;

use super::local::LocalPacer;
use super::{Outcome, Pace, RateLimit, Ticket, guard_window, interval};
use crate::error::ConfigError;
use crate::{ApiKey, BoxFuture, Error};

/// Headroom between requests paced through Redis, and the failure guard's window in
/// seconds: twice the local limiter's. Each request is admitted by Redis and only
/// then sent, and any of the processes may be held up between the two; 10% lets a
/// request be late by a tenth of a second (a process descheduled for that long on a
/// busy machine) without any one-second window at the server seeing more than the
/// limit. The process's own pacer, used when falling back, leaves the same.
const SHARED_HEADROOM: f64 = 1.1;
/// Time allowed to connect to Redis, when the client is built and at run time.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(1);
/// Time allowed for Redis to answer one command.
const RESPONSE_TIMEOUT: Duration = Duration::from_secs(1);
/// While falling back, how often Redis is tried again.
const RETRY_EVERY: Duration = Duration::from_secs(1);
/// How late a request may use the slot it was given before it must take a new one.
const LATE: Duration = Duration::from_millis(10);
/// How often a process waiting for room in the failure guard asks again (a request
/// that succeeds in another process frees room without telling this one).
const GUARD_POLL: Duration = Duration::from_millis(25);

/// The label HMAC-SHA256 signs, keyed with the API key, to name the account in Redis.
const NAMESPACE_LABEL: &[u8] = b"smspool-rs shared rate limit v1";

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
    /// fails with [`Error::SharedLimit`] when it does not.
    ///
    /// The account is named in Redis by a keyed hash of the API key (HMAC-SHA256,
    /// keyed with the API key, of the fixed label `smspool-rs shared rate limit v1`,
    /// 128 bits in hex): `smspool-rs:{<hash>}:tat`, `:pause`, `:guard` and `:seq`,
    /// all expiring when idle. The key itself is never stored or sent to Redis.
    ///
    /// When Redis cannot be reached later on, each call fails with
    /// [`Error::SharedLimit`] before anything is sent, unless
    /// [`fall_back_to_local`](Self::fall_back_to_local) is set. Redis 5 or newer
    /// (or Valkey) is needed.
    ///
    /// ```no_run
    /// use smspool_runtime::RateLimit;
    ///
    /// // Four workers on one standard account: 32 requests per second between them.
    /// let limit = RateLimit::per_second(32).shared("redis://10.0.0.5:6379/");
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
    url: String,
    fall_back: bool,
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
fn redacted(url: &str) -> String {
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
    fn new(operation: Option<&'static str>, address: &str, source: RedisError) -> Self {
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

/// The Redis keys of one account.
struct Keys {
    tat: String,
    pause: String,
    guard: String,
    seq: String,
}

impl Keys {
    /// `smspool-rs:{<hash>}:…`; the braces keep an account's keys in one slot of a
    /// Redis cluster.
    fn for_key(key: &ApiKey) -> Self {
        let mac = ring::hmac::Key::new(ring::hmac::HMAC_SHA256, key.expose().as_bytes());
        let tag = ring::hmac::sign(&mac, NAMESPACE_LABEL);
        let hash: String = tag.as_ref()[..16]
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        let name = |what: &str| format!("smspool-rs:{{{hash}}}:{what}");
        Self {
            tat: name("tat"),
            pause: name("pause"),
            guard: name("guard"),
            seq: name("seq"),
        }
    }
}

/// Paces, guards and pauses every process of the account through Redis.
pub(super) struct SharedPacer {
    /// Mirrors fleet pauses (so a paused process does not ask Redis in a loop), and
    /// paces the process alone while falling back.
    local: LocalPacer,
    fall_back: bool,
    address: String,
    client: redis::Client,
    connection: OnceLock<ConnectionManager>,
    keys: Keys,
    interval_us: u64,
    guard_limit: u32,
    admit: Script,
    pause: Script,
    /// One task per process at a time polls for room in a full guard.
    guard_gate: tokio::sync::Mutex<()>,
    /// When Redis last failed, while it has not answered since.
    outage: Mutex<Option<Instant>>,
}

impl SharedPacer {
    /// Checks that Redis answers and accepts the scripts (blocking, at most about
    /// two seconds); the async connection is opened on the first call.
    pub(super) fn connect(limit: &RateLimit, store: &Store, key: &ApiKey) -> Result<Self, Error> {
        let address = redacted(&store.url);
        let config = |reason: String| {
            Error::Config(ConfigError::new(format!(
                "the shared rate limit's Redis URL {address} cannot be used: {reason}"
            )))
        };
        if url::Url::parse(&store.url).is_err() {
            return Err(config("it is not a valid URL".into()));
        }
        let client = redis::Client::open(store.url.as_str()).map_err(|e| config(e.to_string()))?;
        let admit = Script::new(include_str!("lua/admit.lua"));
        let pause = Script::new(include_str!("lua/pause.lua"));
        let unreachable =
            |e: RedisError| Error::SharedLimit(Box::new(SharedLimitError::new(None, &address, e)));
        let mut check = client
            .get_connection_with_timeout(CONNECT_TIMEOUT)
            .map_err(unreachable)?;
        check
            .set_read_timeout(Some(RESPONSE_TIMEOUT))
            .and_then(|()| check.set_write_timeout(Some(RESPONSE_TIMEOUT)))
            .and_then(|()| admit.load(&mut check))
            .and_then(|_| pause.load(&mut check))
            .map_err(unreachable)?;
        Ok(Self {
            local: LocalPacer::new(limit, SHARED_HEADROOM),
            fall_back: store.fall_back,
            address,
            client,
            connection: OnceLock::new(),
            keys: Keys::for_key(key),
            interval_us: limit
                .requests
                .map_or(0, |n| micros(interval(n, SHARED_HEADROOM))),
            guard_limit: limit.failures.map_or(0, |n| n.get()),
            admit,
            pause,
            guard_gate: tokio::sync::Mutex::new(()),
            outage: Mutex::new(None),
        })
    }

    /// The async connection, opened lazily (it needs a Tokio runtime) and
    /// reconnected by the manager after Redis comes back.
    fn connection(&self) -> Result<ConnectionManager, RedisError> {
        if let Some(connection) = self.connection.get() {
            return Ok(connection.clone());
        }
        let config = ConnectionManagerConfig::new()
            .set_connection_timeout(Some(CONNECT_TIMEOUT))
            .set_response_timeout(Some(RESPONSE_TIMEOUT))
            .set_number_of_retries(0);
        let manager = ConnectionManager::new_lazy_with_config(self.client.clone(), config)?;
        Ok(self.connection.get_or_init(|| manager).clone())
    }

    /// Asks Redis for this request's turn until it is given.
    async fn turn(&self) -> Result<Ticket, RedisError> {
        let mut connection = self.connection()?;
        let mut held: u64 = 0;
        let mut gate = None;
        loop {
            self.local.wait_pause().await;
            let reply: Vec<u64> = self
                .admit
                .key(&self.keys.tat)
                .key(&self.keys.pause)
                .key(&self.keys.guard)
                .key(&self.keys.seq)
                .arg(self.interval_us)
                .arg(self.guard_limit)
                .arg(micros(guard_window(SHARED_HEADROOM)))
                .arg(held)
                .arg(micros(LATE))
                .invoke_async(&mut connection)
                .await?;
            match *reply.as_slice() {
                [0, wait] => {
                    held = 0;
                    self.local.pause_for(Duration::from_micros(wait));
                }
                [1, wait, slot] => {
                    held = slot;
                    tokio::time::sleep(Duration::from_micros(wait)).await;
                }
                [2, wait] => {
                    held = 0;
                    if gate.is_none() {
                        gate = Some(self.guard_gate.lock().await);
                        continue;
                    }
                    tokio::time::sleep(Duration::from_micros(wait).min(GUARD_POLL)).await;
                }
                [3, id] => {
                    let local = self.local.note_admitted();
                    return Ok(match (id, local) {
                        (0, None) => Ticket::Unguarded,
                        (id, local) => Ticket::Shared {
                            id: i64::try_from(id).unwrap_or(i64::MAX),
                            local,
                        },
                    });
                }
                _ => {
                    return Err(RedisError::from((
                        ErrorKind::UnexpectedReturnType,
                        "the limiter script gave an unexpected answer",
                    )));
                }
            }
        }
    }

    /// Whether to skip Redis for now: falling back, and it failed less than
    /// [`RETRY_EVERY`] ago.
    fn skip_redis(&self) -> bool {
        self.fall_back
            && self
                .outage
                .lock()
                .unwrap_or_else(|p| p.into_inner())
                .is_some_and(|failed| failed.elapsed() < RETRY_EVERY)
    }

    fn redis_answered(&self) {
        let was_down = self
            .outage
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .take()
            .is_some();
        #[cfg(feature = "tracing")]
        if was_down {
            tracing::info!(
                redis = %self.address,
                "Redis answers again; the shared rate limit is back in force"
            );
        }
        let _ = was_down;
    }

    fn redis_failed(&self, error: &RedisError) {
        let first = self
            .outage
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .replace(Instant::now())
            .is_none();
        #[cfg(feature = "tracing")]
        if first {
            let e = SharedLimitError::new(None, &self.address, error.clone());
            if self.fall_back {
                tracing::warn!(
                    error = %e,
                    "pacing this process alone until Redis answers: the fleet may exceed the account's limit"
                );
            } else {
                tracing::warn!(error = %e, "calls fail until Redis answers");
            }
        }
        let _ = (first, error);
    }
}

impl Pace for SharedPacer {
    fn admit(&self, operation: &'static str) -> BoxFuture<'_, Result<Ticket, Error>> {
        Box::pin(async move {
            if self.skip_redis() {
                return Ok(self.local.enter().await);
            }
            match self.turn().await {
                Ok(ticket) => {
                    self.redis_answered();
                    Ok(ticket)
                }
                Err(e) => {
                    self.redis_failed(&e);
                    if self.fall_back {
                        Ok(self.local.enter().await)
                    } else {
                        Err(Error::SharedLimit(Box::new(SharedLimitError::new(
                            Some(operation),
                            &self.address,
                            e,
                        ))))
                    }
                }
            }
        })
    }

    fn settle(&self, ticket: Ticket, outcome: Outcome) -> BoxFuture<'_, ()> {
        Box::pin(async move {
            match ticket {
                Ticket::Shared { id, local } if outcome != Outcome::Failed => {
                    if let Some(local) = local {
                        self.local.leave(Ticket::Local(local), outcome);
                    }
                    if id == 0 {
                        return;
                    }
                    let removed = match self.connection() {
                        Ok(mut connection) => {
                            redis::cmd("ZREM")
                                .arg(&self.keys.guard)
                                .arg(id)
                                .query_async::<()>(&mut connection)
                                .await
                        }
                        Err(e) => Err(e),
                    };
                    // Lost, the place ages out of the window within a second.
                    if let Err(e) = removed {
                        self.redis_failed(&e);
                    }
                }
                Ticket::Shared { .. } => {}
                ticket => self.local.leave(ticket, outcome),
            }
        })
    }

    fn pause(&self, wait: Duration) -> BoxFuture<'_, ()> {
        self.local.pause_for(wait);
        Box::pin(async move {
            if self.skip_redis() {
                return;
            }
            let paused = match self.connection() {
                Ok(mut connection) => {
                    self.pause
                        .key(&self.keys.pause)
                        .arg(micros(wait))
                        .invoke_async::<()>(&mut connection)
                        .await
                }
                Err(e) => Err(e),
            };
            match paused {
                Ok(()) => self.redis_answered(),
                Err(e) => self.redis_failed(&e),
            }
        })
    }
}

fn micros(duration: Duration) -> u64 {
    u64::try_from(duration.as_micros()).unwrap_or(u64::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_hide_the_api_key() {
        let keys = Keys::for_key(&ApiKey::new("SECRETKEY-0123456789abcdef"));
        for key in [&keys.tat, &keys.pause, &keys.guard, &keys.seq] {
            assert!(!key.contains("SECRETKEY"), "{key}");
            assert!(key.starts_with("smspool-rs:{"), "{key}");
        }
        // 128 bits in hex between the braces; stable for one key, another for another.
        let hash = &keys.tat["smspool-rs:{".len()..keys.tat.len() - "}:tat".len()];
        assert_eq!(hash.len(), 32);
        assert!(hash.bytes().all(|b| b.is_ascii_hexdigit()));
        assert_eq!(
            Keys::for_key(&ApiKey::new("SECRETKEY-0123456789abcdef")).tat,
            keys.tat
        );
        assert_ne!(Keys::for_key(&ApiKey::new("another key")).tat, keys.tat);
    }

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

    #[test]
    fn a_url_that_is_not_one_is_a_config_error_without_the_url() {
        let limit = RateLimit::per_second(1).shared("hunter2 is no url");
        let store = limit.store.clone().expect("shared");
        let error = SharedPacer::connect(&limit, &store, &ApiKey::new("k"))
            .err()
            .expect("invalid");
        assert!(matches!(error, Error::Config(_)), "{error:?}");
        assert!(!error.to_string().contains("hunter2"), "{error}");
    }

    #[test]
    fn an_unreachable_redis_fails_the_build_with_a_typed_error() {
        // Port 1 on loopback: nothing listens there.
        let limit = RateLimit::per_second(1).shared("redis://:hunter2@127.0.0.1:1/");
        let store = limit.store.clone().expect("shared");
        let error = SharedPacer::connect(&limit, &store, &ApiKey::new("k"))
            .err()
            .expect("nothing listens");
        let Error::SharedLimit(e) = &error else {
            panic!("expected SharedLimit, got {error:?}");
        };
        assert_eq!(e.operation(), None);
        assert_eq!(e.address(), "redis://127.0.0.1:1/");
        assert_eq!(
            error.to_string(),
            "the shared rate limit cannot use Redis at redis://127.0.0.1:1/ (connection refused)"
        );
        assert!(error.is_transient());
        assert!(!format!("{error:?}").contains("hunter2"));
    }
}
