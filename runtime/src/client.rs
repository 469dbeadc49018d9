//! The client: configuration, sending, retrying.

use std::fmt;
use std::marker::PhantomData;
use std::net::IpAddr;
use std::sync::Arc;
use std::time::Duration;

use reqwest::header::{AUTHORIZATION, HeaderName, HeaderValue};
use reqwest::{Method, Url};
use serde::de::DeserializeOwned;

use crate::error::{ConfigError, Error, TransportKind};
use crate::limit::Limiter;
use crate::operation::{BodyKind, FormValue};
use crate::response::{RawResponse, Reader};
use crate::retry::{error_is_retryable, status_is_retryable};
use crate::{ApiKey, ApiProfile, AuthScheme, Call, Operation, RateLimit, RetryPolicy, Safety};

/// Default time allowed to open a connection.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// Default time allowed for a whole request, response body included.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);

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
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("api", &self.inner.profile.name)
            .field("base_url", &self.inner.base_url.as_str())
            .field("key", &self.inner.key)
            .field("rate_limit", &self.inner.limiter)
            .field("retry", &self.inner.retry)
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
            rate_limit: profile.default_rate_limit,
            retry: RetryPolicy::default(),
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

    /// Builds the client.
    ///
    /// # Errors
    ///
    /// [`Error::Config`] when the base URL is not a valid URL, is plain `http://` to a
    /// host that is not loopback, or the TLS backend cannot start.
    pub fn build(self) -> Result<C, Error> {
        let raw_url = self
            .base_url
            .as_deref()
            .unwrap_or(self.profile.default_base_url);
        let base_url = check_base_url(raw_url)?;
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
                limiter: Limiter::new(self.rate_limit),
                retry: self.retry,
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
        self.inner.limiter.limit()
    }

    /// Sends `call` and decodes its JSON response into `T`.
    ///
    /// # Errors
    ///
    /// Any [`Error`]: see its variants.
    pub async fn execute<T: DeserializeOwned>(&self, call: Call) -> Result<T, Error> {
        let response = self.send(&call).await?;
        self.reader(&call).json(response)
    }

    /// Sends `call` and returns its body as text.
    ///
    /// # Errors
    ///
    /// Any [`Error`]: see its variants.
    pub async fn execute_text(&self, call: Call) -> Result<String, Error> {
        let response = self.send(&call).await?;
        self.reader(&call).text_body(response)
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
        let response = self.send(&call).await?;
        self.reader(&call).answer(response, answers, shared, build)
    }

    /// Sends `call` and ignores its body once the status says it succeeded.
    ///
    /// # Errors
    ///
    /// Any [`Error`]: see its variants.
    pub async fn execute_empty(&self, call: Call) -> Result<(), Error> {
        let response = self.send(&call).await?;
        self.reader(&call).check(&response)
    }

    /// How the key is presented for `operation`.
    fn auth(&self, operation: &Operation) -> AuthScheme {
        operation.auth.unwrap_or(self.inner.profile.auth)
    }

    pub(crate) fn reader(&self, call: &Call) -> Reader<'_> {
        Reader {
            profile: self.inner.profile,
            key: &self.inner.key,
            operation: call.operation,
        }
    }

    /// Sends `call`, retrying as its safety class allows, and returns the last response.
    pub(crate) async fn send(&self, call: &Call) -> Result<RawResponse, Error> {
        let safety = call.operation.safety;
        let mut delays = self.inner.retry.delays();
        loop {
            self.inner.limiter.wait_turn().await;
            let attempt = self.attempt(call).await?;
            let (retryable, server_wait) = match &attempt {
                Attempt::Response(r) => {
                    let wait = r.retry_after();
                    let cap = self.inner.retry.retry_after_cap();
                    if r.status == reqwest::StatusCode::TOO_MANY_REQUESTS {
                        self.inner
                            .limiter
                            .pause(wait.unwrap_or(Duration::from_secs(1)).min(cap));
                    }
                    let worth_waiting = wait.is_none_or(|wait| wait <= cap);
                    (worth_waiting && status_is_retryable(safety, r.status), wait)
                }
                Attempt::Failed(e) => (error_is_retryable(safety, e), None),
            };
            if retryable && let Some(delay) = delays.next() {
                tokio::time::sleep(delay.max(server_wait.unwrap_or_default())).await;
                continue;
            }
            return match attempt {
                Attempt::Response(r) => Ok(r),
                Attempt::Failed(e) => Err(self.transport_error(call, e)),
            };
        }
    }

    async fn attempt(&self, call: &Call) -> Result<Attempt, Error> {
        let request = self.request(call)?;
        let response = match self.inner.http.execute(request).await {
            Ok(response) => response,
            Err(e) => return Ok(Attempt::Failed(e)),
        };
        let status = response.status();
        let headers = response.headers().clone();
        Ok(match response.bytes().await {
            Ok(body) => Attempt::Response(RawResponse {
                status,
                headers,
                body,
            }),
            Err(e) => Attempt::Failed(e),
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

    fn request(&self, call: &Call) -> Result<reqwest::Request, Error> {
        let config = |m: String| Error::Config(ConfigError::new(m));
        let operation = call.operation;
        let method = Method::from_bytes(operation.method.as_bytes()).map_err(|_| {
            config(format!(
                "{}: invalid method {:?}",
                operation.name, operation.method
            ))
        })?;
        let url = self.url(call)?;
        let key = &self.inner.key;
        let mut builder = self.inner.http.request(method, url);

        match self.auth(operation) {
            AuthScheme::None | AuthScheme::Query(_) => {}
            AuthScheme::Authorization => {
                builder = builder.header(AUTHORIZATION, secret_header(key.expose())?);
            }
            AuthScheme::Bearer => {
                let value = secret_header(&format!("Bearer {}", key.expose()))?;
                builder = builder.header(AUTHORIZATION, value);
            }
            AuthScheme::Basic => {
                use base64::Engine as _;
                let encoded = base64::engine::general_purpose::STANDARD.encode(key.expose());
                builder =
                    builder.header(AUTHORIZATION, secret_header(&format!("Basic {encoded}"))?);
            }
            AuthScheme::Header(name) => {
                builder = builder.header(header_name(name)?, secret_header(key.expose())?);
            }
        }
        for (name, value) in &call.headers {
            let name = header_name(name)?;
            let value = HeaderValue::from_str(value).map_err(|_| {
                config(format!(
                    "{}: header {name} has an invalid value",
                    operation.name
                ))
            })?;
            builder = builder.header(name, value);
        }

        let credential = operation
            .credential_field
            .map(|field| (field, key.expose().to_owned()));
        match operation.body {
            BodyKind::None => {}
            BodyKind::Form => {
                let mut pairs: Vec<(&str, &str)> = Vec::with_capacity(call.form.len() + 1);
                for (name, value) in &call.form {
                    if let FormValue::Text(text) = value {
                        pairs.push((name, text));
                    }
                }
                if let Some((field, secret)) = &credential {
                    pairs.push((field, secret));
                }
                builder = builder.form(&pairs);
            }
            BodyKind::Multipart => {
                builder = builder.multipart(multipart_form(call, credential)?);
            }
            BodyKind::Raw => {
                if let Some((content_type, bytes)) = &call.raw_body {
                    builder = builder
                        .header(reqwest::header::CONTENT_TYPE, *content_type)
                        .body(bytes.clone());
                }
            }
        }
        builder.build().map_err(|e| {
            config(format!(
                "{}: the request could not be built: {}",
                operation.name,
                e.without_url()
            ))
        })
    }

    fn url(&self, call: &Call) -> Result<Url, Error> {
        let mut url = self.inner.base_url.clone();
        {
            let mut segments = url
                .path_segments_mut()
                .map_err(|()| Error::Config(ConfigError::new("the base URL cannot have a path")))?;
            segments.pop_if_empty();
            for segment in call.operation.path.split('/').filter(|s| !s.is_empty()) {
                let value = segment
                    .strip_prefix('{')
                    .and_then(|s| s.strip_suffix('}'))
                    .and_then(|name| {
                        call.path_params
                            .iter()
                            .find(|(n, _)| *n == name)
                            .map(|(_, v)| v.as_str())
                    });
                segments.push(value.unwrap_or(segment));
            }
        }
        let query_key = match self.auth(call.operation) {
            AuthScheme::Query(name) => Some(name),
            _ => None,
        };
        if !call.query.is_empty() || query_key.is_some() {
            let mut pairs = url.query_pairs_mut();
            for (name, value) in &call.query {
                pairs.append_pair(name, value);
            }
            if let Some(name) = query_key {
                pairs.append_pair(name, self.inner.key.expose());
            }
        }
        Ok(url)
    }
}

fn multipart_form(
    call: &Call,
    credential: Option<(&'static str, String)>,
) -> Result<reqwest::multipart::Form, Error> {
    let mut form = reqwest::multipart::Form::new();
    for (name, value) in &call.form {
        form = match value {
            FormValue::Text(text) => form.text(*name, text.clone()),
            FormValue::File(file) => {
                let mut part = reqwest::multipart::Part::bytes(file.bytes.clone())
                    .file_name(file.file_name.clone());
                if let Some(content_type) = &file.content_type {
                    part = part.mime_str(content_type).map_err(|_| {
                        Error::Config(ConfigError::new(format!(
                            "{}: invalid content type {content_type:?} for field {name}",
                            call.operation.name
                        )))
                    })?;
                }
                form.part(*name, part)
            }
        };
    }
    if let Some((field, secret)) = credential {
        form = form.text(field, secret);
    }
    Ok(form)
}

/// A header value holding the key, marked sensitive (hyper then never logs it).
fn secret_header(text: &str) -> Result<HeaderValue, Error> {
    let mut value = HeaderValue::from_str(text).map_err(|_| {
        Error::Config(ConfigError::new(
            "the API key contains characters that cannot be sent in an HTTP header",
        ))
    })?;
    value.set_sensitive(true);
    Ok(value)
}

fn header_name(name: &str) -> Result<HeaderName, Error> {
    HeaderName::from_bytes(name.as_bytes())
        .map_err(|_| Error::Config(ConfigError::new(format!("invalid header name {name:?}"))))
}
