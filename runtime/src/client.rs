//! The client: configuration, sending, retrying.

use std::fmt;
use std::marker::PhantomData;
use std::net::IpAddr;
use std::sync::Arc;
use std::time::Duration;

use reqwest::Url;
use serde::de::DeserializeOwned;

use crate::error::{ConfigError, Error, TransportKind};
use crate::limit::{Limiter, Outcome, Ticket};
use crate::response::{RawResponse, Reader};
use crate::retry::{error_is_retryable, status_is_retryable};
use crate::trace::CallSpan;
use crate::{ApiKey, ApiProfile, Call, RateLimit, RetryPolicy, Safety};

mod request;

/// Default time allowed to open a connection.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// Default time allowed for a whole request, response body included.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);
/// Default largest response body read, in bytes: 64 MiB. The largest answers seen
/// from SMSPool (every stock row, unfiltered pricing) are 16 to 18 MB, the saved
/// examples a few hundred KB at most; 64 MiB leaves room for either to grow three
/// times over, and bounds what one call can make the process allocate.
pub const DEFAULT_MAX_RESPONSE_SIZE: u64 = 64 * 1024 * 1024;

/// An API client. Cheap to clone (one `Arc`), `Send + Sync`, and meant to be shared:
/// every clone uses the same connection pool and the same rate limit.
#[derive(Clone)]
pub struct Client {
    inner: Arc<Inner>,
}

struct Inner {
    http: reqwest::Client,
    base_url: Url,
    key: ApiKey,
    profile: &'static ApiProfile,
    limiter: Limiter,
    retry: RetryPolicy,
    max_response_size: u64,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("api", &self.inner.profile.name)
            .field("base_url", &self.inner.base_url.as_str())
            .field("key", &self.inner.key)
            .field("rate_limit", &self.inner.limiter)
            .field("retry", &self.inner.retry)
            .field("max_response_size", &self.inner.max_response_size)
            .finish()
    }
}

/// Configures a [`Client`]; `C` is the client type it builds (a generated crate's own
/// `Client`, which wraps this one).
#[must_use]
pub struct ClientBuilder<C = Client> {
    profile: &'static ApiProfile,
    key: ApiKey,
    base_url: Option<String>,
    connect_timeout: Duration,
    timeout: Duration,
    user_agent: Option<String>,
    http: Option<reqwest::Client>,
    rate_limit: RateLimit,
    retry: RetryPolicy,
    max_response_size: u64,
    output: PhantomData<fn() -> C>,
}

impl<C> fmt::Debug for ClientBuilder<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("api", &self.profile.name)
            .field("key", &self.key)
            .field("base_url", &self.base_url)
            .field("connect_timeout", &self.connect_timeout)
            .field("timeout", &self.timeout)
            .field("rate_limit", &self.rate_limit)
            .field("retry", &self.retry)
            .field("max_response_size", &self.max_response_size)
            .finish_non_exhaustive()
    }
}

impl<C: From<Client>> ClientBuilder<C> {
    /// A builder with the API's defaults.
    pub fn new(profile: &'static ApiProfile, key: impl Into<ApiKey>) -> Self {
        Self {
            profile,
            key: key.into(),
            base_url: None,
            connect_timeout: DEFAULT_CONNECT_TIMEOUT,
            timeout: DEFAULT_TIMEOUT,
            user_agent: None,
            http: None,
            rate_limit: profile.default_rate_limit.clone(),
            retry: RetryPolicy::default(),
            max_response_size: DEFAULT_MAX_RESPONSE_SIZE,
            output: PhantomData,
        }
    }

    /// Sends requests to `url` instead of the API's default. Must be `https://`,
    /// except for loopback addresses (local mocks and tests).
    pub fn base_url(mut self, url: impl Into<String>) -> Self {
        self.base_url = Some(url.into());
        self
    }

    /// Time allowed to open a connection (default 10 s).
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// Time allowed for a whole attempt, body included (default 30 s).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// The `User-Agent` header.
    pub fn user_agent(mut self, user_agent: impl Into<String>) -> Self {
        self.user_agent = Some(user_agent.into());
        self
    }

    /// Uses a `reqwest::Client` you configured (proxies, certificates...). Its own
    /// timeouts, user agent and redirect policy then apply instead of this builder's;
    /// configure it with `redirect::Policy::none()` so that credentials are never
    /// replayed to another host.
    pub fn http_client(mut self, client: reqwest::Client) -> Self {
        self.http = Some(client);
        self
    }

    /// The client-side rate limit, shared by all clones. Use
    /// [`RateLimit::unlimited`] for SMSPool business accounts.
    pub fn rate_limit(mut self, limit: RateLimit) -> Self {
        self.rate_limit = limit;
        self
    }

    /// The retry policy for transient failures.
    pub fn retry(mut self, policy: RetryPolicy) -> Self {
        self.retry = policy;
        self
    }

    /// The largest response body the client reads, in bytes (default
    /// [`DEFAULT_MAX_RESPONSE_SIZE`], 64 MiB). Bodies are read as they arrive; one
    /// that grows past `bytes`, or whose `Content-Length` is over it, fails the call
    /// with [`Error::TooLarge`] (naming the operation and the size) before more is
    /// allocated. Filter the large listings (stock, pricing) rather than raise it.
    pub fn max_response_size(mut self, bytes: u64) -> Self {
        self.max_response_size = bytes;
        self
    }

    /// Builds the client.
    ///
    /// With a shared rate limit (`RateLimit::shared`, feature `redis`), this connects to Redis once to
    /// check that it answers and accepts the limiter's scripts: a blocking wait of at
    /// most a second or two (from an async context, call it before the work starts,
    /// or inside `tokio::task::spawn_blocking`).
    ///
    /// # Errors
    ///
    /// [`Error::Config`] when the base URL is not a valid URL, is plain `http://` to a
    /// host that is not loopback, or the TLS backend cannot start, or when a shared
    /// rate limit's Redis URL cannot be used; `Error::SharedLimit` (feature `redis`)
    /// when that Redis does not answer.
    pub fn build(self) -> Result<C, Error> {
        let raw_url = self
            .base_url
            .as_deref()
            .unwrap_or(self.profile.default_base_url);
        let base_url = check_base_url(raw_url)?;
        let limiter = Limiter::new(self.rate_limit, &self.key)?;
        let http = match self.http {
            Some(http) => http,
            None => {
                install_crypto_provider();
                reqwest::Client::builder()
                    .connect_timeout(self.connect_timeout)
                    .timeout(self.timeout)
                    .redirect(reqwest::redirect::Policy::none())
                    .user_agent(
                        self.user_agent
                            .as_deref()
                            .unwrap_or(self.profile.user_agent),
                    )
                    .build()
                    .map_err(|e| {
                        Error::Config(ConfigError::new(format!(
                            "the HTTP client could not start: {}",
                            e.without_url()
                        )))
                    })?
            }
        };
        Ok(C::from(Client {
            inner: Arc::new(Inner {
                http,
                base_url,
                key: self.key,
                profile: self.profile,
                limiter,
                retry: self.retry,
                max_response_size: self.max_response_size,
            }),
        }))
    }
}

impl<C: From<Client>> ClientBuilder<C> {
    /// Builds a client whose configuration is known to be valid: the API's defaults
    /// plus nothing but a key. Generated crates use it for `Client::new`.
    ///
    /// # Panics
    ///
    /// If the TLS backend cannot start, as `reqwest::Client::new` does, or if the
    /// API's default base URL is invalid (the generator refuses to emit one).
    pub fn build_or_panic(self) -> C {
        match self.build() {
            Ok(client) => client,
            Err(e) => panic!("{e}"),
        }
    }
}

/// rustls needs a process-wide crypto provider; use ring unless the application
/// installed one already.
fn install_crypto_provider() {
    if rustls::crypto::CryptoProvider::get_default().is_none() {
        // An `Err` means another thread installed one first, which is as good.
        let _ = rustls::crypto::ring::default_provider().install_default();
    }
}

fn check_base_url(raw: &str) -> Result<Url, Error> {
    let config = |m: String| Error::Config(ConfigError::new(m));
    let url =
        Url::parse(raw).map_err(|e| config(format!("the base URL {raw:?} is not valid: {e}")))?;
    if url.cannot_be_a_base() {
        return Err(config(format!("the base URL {raw:?} cannot have a path")));
    }
    let loopback = match url.host() {
        Some(url::Host::Domain(d)) => d.eq_ignore_ascii_case("localhost"),
        Some(url::Host::Ipv4(ip)) => IpAddr::V4(ip).is_loopback(),
        Some(url::Host::Ipv6(ip)) => IpAddr::V6(ip).is_loopback(),
        None => false,
    };
    match url.scheme() {
        "https" => Ok(url),
        "http" if loopback => Ok(url),
        "http" => Err(config(format!(
            "the base URL {raw:?} is plain http to a host that is not loopback; use https"
        ))),
        other => Err(config(format!(
            "the base URL {raw:?} has scheme {other:?}; use https"
        ))),
    }
}

/// The outcome of one attempt.
enum Attempt {
    Response(RawResponse),
    Failed(reqwest::Error),
    /// The body was over the limit: its status, and its `Content-Length` if it said.
    TooLarge(reqwest::StatusCode, Option<u64>),
}

/// The last response to a call, and the limiter's ticket for it: the call's outcome
/// is known once the body is read (a plain-text error answer comes with a 200).
struct Sent {
    response: RawResponse,
    ticket: Ticket,
}

impl Client {
    /// A builder for `profile`'s API.
    pub fn builder(profile: &'static ApiProfile, key: impl Into<ApiKey>) -> ClientBuilder {
        ClientBuilder::new(profile, key)
    }

    /// The base URL requests go to.
    pub fn base_url(&self) -> &Url {
        &self.inner.base_url
    }

    /// The rate limit in force.
    pub fn rate_limit(&self) -> RateLimit {
        self.inner.limiter.limit().clone()
    }

    /// Sends `call` and decodes its JSON response into `T`.
    ///
    /// # Errors
    ///
    /// Any [`Error`]: see its variants.
    pub async fn execute<T: DeserializeOwned>(&self, call: Call) -> Result<T, Error> {
        self.run(&call, |reader, response| reader.json(response))
            .await
    }

    /// Sends `call` and returns its body as text.
    ///
    /// # Errors
    ///
    /// Any [`Error`]: see its variants.
    pub async fn execute_text(&self, call: Call) -> Result<String, Error> {
        self.run(&call, |reader, response| reader.text_body(response))
            .await
    }

    /// Sends `call` and reads its plain-text answer: `answers` are the answers the
    /// operation documents, `shared` those any operation of the API may give, and
    /// `build` turns a success answer into `T` (see [`answer`](crate::answer)).
    ///
    /// # Errors
    ///
    /// Any [`Error`]: error answers are [`Error::Api`] (or [`Error::InvalidApiKey`]),
    /// text no answer describes is [`Error::Decode`].
    pub async fn execute_answers<T>(
        &self,
        call: Call,
        answers: &crate::answer::Table,
        shared: &crate::answer::Table,
        build: crate::answer::Build<T>,
    ) -> Result<T, Error> {
        self.run(&call, |reader, response| {
            reader.answer(response, answers, shared, build)
        })
        .await
    }

    /// Sends `call` and ignores its body once the status says it succeeded.
    ///
    /// # Errors
    ///
    /// Any [`Error`]: see its variants.
    pub async fn execute_empty(&self, call: Call) -> Result<(), Error> {
        self.run(&call, |reader, response| reader.check(&response))
            .await
    }

    /// How the key is presented for `operation`: its own way, else the API's.
    pub(crate) fn auth(&self, operation: &crate::Operation) -> crate::AuthScheme {
        operation.auth.unwrap_or(self.inner.profile.auth)
    }

    pub(crate) fn reader(&self, call: &Call) -> Reader<'_> {
        Reader {
            profile: self.inner.profile,
            key: &self.inner.key,
            operation: call.operation,
        }
    }

    /// Sends `call`, reads the answer with `read`, and tells the limiter whether the
    /// call failed; all in the call's span.
    pub(crate) async fn run<T>(
        &self,
        call: &Call,
        read: impl FnOnce(Reader<'_>, RawResponse) -> Result<T, Error>,
    ) -> Result<T, Error> {
        let span = CallSpan::new(call.operation);
        let result = span
            .instrument(async {
                let Sent { response, ticket } = self.send(call, &span).await?;
                let status = response.status;
                let result = read(self.reader(call), response);
                let failed = !status.is_success()
                    || matches!(
                        result,
                        Err(Error::Api(_)
                            | Error::InvalidApiKey { .. }
                            | Error::RateLimited { .. })
                    );
                let outcome = if failed {
                    Outcome::Failed
                } else {
                    Outcome::Succeeded
                };
                self.inner.limiter.settle(ticket, outcome).await;
                result
            })
            .await;
        span.finish();
        result
    }

    /// Sends `call`, retrying as its safety class allows, and returns the last response.
    async fn send(&self, call: &Call, span: &CallSpan) -> Result<Sent, Error> {
        let operation = call.operation;
        let limiter = &self.inner.limiter;
        let mut delays = self.inner.retry.delays();
        let mut attempts = 0;
        let mut waited = Duration::ZERO;
        loop {
            let request = self.request(call)?;
            let queued = tokio::time::Instant::now();
            let ticket = limiter.admit(operation.name).await?;
            waited += queued.elapsed();
            attempts += 1;
            let attempt = self.attempt(request).await;
            let (retryable, server_wait) = match &attempt {
                Attempt::Response(r) => {
                    span.attempt(attempts, waited, Some(r.status.as_u16()));
                    let wait = r.retry_after();
                    let cap = self.inner.retry.retry_after_cap();
                    if r.status == reqwest::StatusCode::TOO_MANY_REQUESTS {
                        limiter
                            .pause(wait.unwrap_or(Duration::from_secs(1)).min(cap))
                            .await;
                    }
                    let worth_waiting = wait.is_none_or(|wait| wait <= cap);
                    (
                        worth_waiting && status_is_retryable(operation.safety, r.status),
                        wait,
                    )
                }
                Attempt::Failed(e) => {
                    span.attempt(attempts, waited, None);
                    (error_is_retryable(operation.safety, e), None)
                }
                Attempt::TooLarge(status, _) => {
                    span.attempt(attempts, waited, Some(status.as_u16()));
                    (false, None)
                }
            };
            if retryable && let Some(delay) = delays.next() {
                // Retried only after a failure (a 429, a 5xx, no answer).
                limiter.settle(ticket, attempt_outcome(&attempt)).await;
                tokio::time::sleep(delay.max(server_wait.unwrap_or_default())).await;
                continue;
            }
            return match attempt {
                Attempt::Response(response) => Ok(Sent { response, ticket }),
                Attempt::Failed(e) => {
                    let outcome = if e.is_connect() {
                        Outcome::NotSent
                    } else {
                        Outcome::Failed
                    };
                    limiter.settle(ticket, outcome).await;
                    Err(self.transport_error(call, e))
                }
                Attempt::TooLarge(status, declared) => {
                    let outcome = if status.is_success() {
                        Outcome::Succeeded
                    } else {
                        Outcome::Failed
                    };
                    limiter.settle(ticket, outcome).await;
                    Err(Error::TooLarge {
                        operation: operation.name,
                        status,
                        limit: self.inner.max_response_size,
                        declared,
                    })
                }
            };
        }
    }

    async fn attempt(&self, request: reqwest::Request) -> Attempt {
        let mut response = match self.inner.http.execute(request).await {
            Ok(response) => response,
            Err(e) => return Attempt::Failed(e),
        };
        let status = response.status();
        let limit = self.inner.max_response_size;
        let declared = response.content_length();
        if declared.is_some_and(|n| n > limit) {
            return Attempt::TooLarge(status, declared);
        }
        let headers = response.headers().clone();
        // Read as it arrives, so that a body over the limit is never held whole.
        let capacity = declared.unwrap_or(0).min(limit);
        let mut body = Vec::with_capacity(usize::try_from(capacity).unwrap_or(0));
        loop {
            match response.chunk().await {
                Ok(Some(chunk)) => {
                    if (body.len() + chunk.len()) as u64 > limit {
                        return Attempt::TooLarge(status, declared);
                    }
                    body.extend_from_slice(&chunk);
                }
                Ok(None) => break,
                Err(e) => return Attempt::Failed(e),
            }
        }
        Attempt::Response(RawResponse {
            status,
            headers,
            body: body.into(),
        })
    }

    fn transport_error(&self, call: &Call, error: reqwest::Error) -> Error {
        let kind = if error.is_connect() {
            TransportKind::Connect
        } else if error.is_timeout() {
            TransportKind::Timeout
        } else if error.is_body() || error.is_decode() {
            TransportKind::Body
        } else {
            TransportKind::Other
        };
        let operation = call.operation.name;
        let safety = call.operation.safety;
        let source = error.without_url();
        if kind == TransportKind::Connect || safety == Safety::ReadOnly {
            Error::Transport {
                operation,
                kind,
                source,
            }
        } else {
            Error::OutcomeUnknown {
                operation,
                safety,
                kind,
                source,
            }
        }
    }
}

/// How an attempt that is not the call's last ended, for the failure guard.
fn attempt_outcome(attempt: &Attempt) -> Outcome {
    match attempt {
        Attempt::Response(r) if r.status.is_success() => Outcome::Succeeded,
        Attempt::Response(_) => Outcome::Failed,
        Attempt::Failed(e) if e.is_connect() => Outcome::NotSent,
        Attempt::Failed(_) => Outcome::Failed,
        Attempt::TooLarge(status, _) if status.is_success() => Outcome::Succeeded,
        Attempt::TooLarge(..) => Outcome::Failed,
    }
}
