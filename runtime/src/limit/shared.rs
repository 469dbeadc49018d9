//! The shared limiter: one budget in Redis for every process that uses the same Redis
//! and API key. The request pace (GCRA), the failure guard and the 429 pause all run
//! in `lua/admit.lua` and `lua/pause.lua`, atomically, on the Redis server's clock.

use std::sync::{Mutex, OnceLock};
use std::time::Duration;

use redis::aio::{ConnectionManager, ConnectionManagerConfig};
use redis::{ErrorKind, RedisError, Script};
use tokio::time::Instant;

use super::local::LocalPacer;
use super::store::{SharedLimitError, Store, redacted};
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
                    gate = None;
                    self.local.pause_for(Duration::from_micros(wait));
                }
                [1, wait, slot] => {
                    held = slot;
                    gate = None;
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
