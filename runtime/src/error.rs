//! The one error type every call returns.

use std::fmt;
use std::time::Duration;

use reqwest::StatusCode;
use serde_json::{Map, Value};

/// Everything that can go wrong in a call.
///
/// Match on the variant to decide what to do; every variant has a readable
/// `Display` and, where there is an underlying cause, a `source()`.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The request could not be sent or its response not read (connection refused,
    /// timeout, connection reset, body cut off), and it is safe to say nothing was
    /// charged: the operation is read-only, or the request never left.
    #[error("{operation}: {kind}")]
    Transport {
        /// The operation that failed.
        operation: &'static str,
        /// What went wrong.
        kind: TransportKind,
        /// The underlying error (its URL removed).
        #[source]
        source: reqwest::Error,
    },

    /// The request may have reached the server but no answer came back, and the
    /// operation changes state (or spends money), so it was not retried. Check the
    /// account (orders, balance) before trying again.
    #[error(
        "{operation}: the outcome is unknown ({kind}); the {} operation may have been processed \
         and was not retried, check your orders before trying again",
        safety.as_str()
    )]
    OutcomeUnknown {
        /// The operation that failed.
        operation: &'static str,
        /// Whether it was a paid or a plain mutation.
        safety: crate::Safety,
        /// What went wrong.
        kind: TransportKind,
        /// The underlying error (its URL removed).
        #[source]
        source: reqwest::Error,
    },

    /// The API answered with an error: a non-2xx status with a JSON error body, or a
    /// 2xx whose body says it failed (`{"success": 0, ...}`).
    #[error("{0}")]
    Api(Box<ApiError>),

    /// The API rejected the API key (HTTP 401, or 403 naming the key parameter).
    #[error("{operation}: the API key was rejected ({})", .error.message())]
    InvalidApiKey {
        /// The operation that failed.
        operation: &'static str,
        /// The error the API sent.
        error: Box<ApiError>,
    },

    /// HTTP 429 and retries (if any were allowed) did not get through.
    #[error("{operation}: rate limited{}", match .retry_after {
        Some(wait) => format!(", retry after {} ms", wait.as_millis()),
        None => String::new(),
    })]
    RateLimited {
        /// The operation that failed.
        operation: &'static str,
        /// The wait the server asked for in `Retry-After`, when it sent one.
        retry_after: Option<Duration>,
        /// The response body, decoded when it was JSON.
        error: Box<ApiError>,
    },

    /// The body could not be decoded: not JSON, JSON that does not fit the type, or a
    /// plain-text answer the operation does not document (the text is kept).
    #[error(transparent)]
    Decode(Box<DecodeError>),

    /// The response was larger than the client's
    /// [maximum](crate::ClientBuilder::max_response_size): reading stopped there, or
    /// before reading when its `Content-Length` said so. The call was not retried.
    #[error("{operation}: the HTTP {} response is larger than the limit of {limit} bytes ({})",
        .status.as_u16(),
        match .declared {
            Some(n) => format!("Content-Length {n}"),
            None => format!("more than {limit} bytes arrived"),
        })]
    TooLarge {
        /// The operation that failed.
        operation: &'static str,
        /// The status of the response.
        status: StatusCode,
        /// The limit in force, in bytes.
        limit: u64,
        /// The size the response declared (`Content-Length`), when it did.
        declared: Option<u64>,
    },

    /// The client or the call is configured wrongly (bad base URL, plain `http://`
    /// to a remote host, a key that cannot go in a header...).
    #[error(transparent)]
    Config(ConfigError),

    /// A [shared](crate::RateLimit::shared) rate limit could not use Redis, when the
    /// client was built or before a call was sent (nothing was sent then). Transient:
    /// Redis may answer again. Feature `redis`.
    #[cfg(feature = "redis")]
    #[error(transparent)]
    SharedLimit(Box<crate::SharedLimitError>),
}

impl Error {
    /// The HTTP status, when a response arrived.
    pub fn status(&self) -> Option<StatusCode> {
        match self {
            Error::Api(e) => Some(e.status()),
            Error::InvalidApiKey { error, .. } => Some(error.status()),
            Error::RateLimited { error, .. } => Some(error.status()),
            Error::Decode(e) => Some(e.status()),
            Error::Transport { source, .. } | Error::OutcomeUnknown { source, .. } => {
                source.status()
            }
            Error::TooLarge { status, .. } => Some(*status),
            Error::Config(_) => None,
            #[cfg(feature = "redis")]
            Error::SharedLimit(_) => None,
        }
    }

    /// The condition the API's error answer is, among those the operation declares
    /// ([`ApiError::kind`]).
    pub fn kind(&self) -> Option<&'static str> {
        self.api_error().and_then(ApiError::kind)
    }

    /// The API's error, for [`Api`](Error::Api), [`InvalidApiKey`](Error::InvalidApiKey)
    /// and [`RateLimited`](Error::RateLimited).
    pub fn api_error(&self) -> Option<&ApiError> {
        match self {
            Error::Api(e) => Some(e),
            Error::InvalidApiKey { error, .. } => Some(error),
            Error::RateLimited { error, .. } => Some(error),
            _ => None,
        }
    }

    /// Whether the API rejected the key.
    pub fn is_invalid_api_key(&self) -> bool {
        matches!(self, Error::InvalidApiKey { .. })
    }

    /// Whether trying again later may succeed: a transport failure of a call that
    /// was not sent or only reads, rate limiting, a 5xx answer, or a shared rate
    /// limit's Redis that did not answer. Paid calls whose outcome is unknown are not
    /// transient: check the account first.
    pub fn is_transient(&self) -> bool {
        match self {
            Error::Transport { .. } | Error::RateLimited { .. } => true,
            #[cfg(feature = "redis")]
            Error::SharedLimit(_) => true,
            Error::Api(_) | Error::Decode(_) => self.status().is_some_and(|s| s.is_server_error()),
            Error::OutcomeUnknown { .. }
            | Error::InvalidApiKey { .. }
            | Error::TooLarge { .. }
            | Error::Config(_) => false,
        }
    }
}

/// What kind of transport failure happened.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum TransportKind {
    /// No connection could be made: nothing was sent.
    Connect,
    /// The connect or total timeout passed.
    Timeout,
    /// The response body broke off or could not be read.
    Body,
    /// Anything else (connection reset while sending, protocol error...).
    Other,
}

impl fmt::Display for TransportKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            TransportKind::Connect => "could not connect",
            TransportKind::Timeout => "timed out",
            TransportKind::Body => "the response body could not be read",
            TransportKind::Other => "the request failed",
        })
    }
}

/// One per-parameter error, from `{"errors": [{"message", "param", "description"}]}`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldError {
    /// What is wrong.
    pub message: String,
    /// The parameter it is about, when the API says.
    pub param: Option<String>,
    /// A hint about the parameter, when the API gives one.
    pub description: Option<String>,
}

/// An error answer from the API, with everything it said.
#[derive(Clone, Debug)]
pub struct ApiError {
    pub(crate) operation: &'static str,
    pub(crate) status: StatusCode,
    pub(crate) message: Option<String>,
    pub(crate) errors: Vec<FieldError>,
    pub(crate) error_type: Option<String>,
    pub(crate) extra: Map<String, Value>,
    pub(crate) body: String,
    pub(crate) rule: Option<&'static crate::ErrorRule>,
}

impl ApiError {
    /// Builds the error from a JSON object body (`success`, `message`, `errors`,
    /// `type`; everything else is kept in [`extra`](Self::extra)).
    pub(crate) fn from_object(
        operation: &'static str,
        status: StatusCode,
        mut object: Map<String, Value>,
        body: String,
    ) -> Self {
        object.remove("success");
        let message = match object.remove("message") {
            Some(Value::String(s)) => Some(s),
            Some(other) => {
                object.insert("message".into(), other);
                None
            }
            None => None,
        };
        let error_type = match object.remove("type") {
            Some(Value::String(s)) => Some(s),
            Some(other) => {
                object.insert("type".into(), other);
                None
            }
            None => None,
        };
        let errors = match object.remove("errors") {
            Some(Value::Array(items)) if items.iter().all(Value::is_object) => items
                .into_iter()
                .filter_map(|item| match item {
                    Value::Object(mut o) => Some(FieldError {
                        message: take_string(&mut o, "message").unwrap_or_default(),
                        param: take_string(&mut o, "param"),
                        description: take_string(&mut o, "description"),
                    }),
                    _ => None,
                })
                .collect(),
            Some(other) => {
                object.insert("errors".into(), other);
                Vec::new()
            }
            None => Vec::new(),
        };
        Self {
            operation,
            status,
            message,
            errors,
            error_type,
            extra: object,
            body,
            rule: None,
        }
    }

    /// An error with no JSON details (for statuses whose body was empty).
    pub(crate) fn bare(operation: &'static str, status: StatusCode, body: String) -> Self {
        Self {
            operation,
            status,
            message: None,
            errors: Vec::new(),
            error_type: None,
            extra: Map::new(),
            body,
            rule: None,
        }
    }

    /// Names the condition among `rules` that this answer is, when it has no `type`.
    pub(crate) fn classify(mut self, rules: &'static [crate::ErrorRule]) -> Self {
        if self.error_type.is_none() {
            let (operation, message) = (self.operation, self.message());
            self.rule = rules.iter().find(|rule| rule.matches(operation, message));
        }
        self
    }

    /// The operation that failed.
    pub fn operation(&self) -> &'static str {
        self.operation
    }

    /// The HTTP status (200 for `{"success": 0}` bodies sent with a 200).
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// The API's message: the top-level `message`, else the first per-parameter
    /// message, else the status reason.
    pub fn message(&self) -> &str {
        self.message
            .as_deref()
            .or_else(|| self.errors.first().map(|e| e.message.as_str()))
            .or_else(|| self.status.canonical_reason())
            .unwrap_or("error")
    }

    /// Per-parameter errors (`errors: [{message, param, description}]`).
    pub fn field_errors(&self) -> &[FieldError] {
        &self.errors
    }

    /// The machine-readable error type when the API sends one (`OUT_OF_STOCK`,
    /// `PRICE_NOT_FOUND`, `BALANCE_ERROR`...).
    pub fn error_type(&self) -> Option<&str> {
        self.error_type.as_deref()
    }

    /// The condition this answer is, among those the API declares for the operation
    /// ([`ApiProfile::errors`](crate::ApiProfile::errors)): `cancel_too_early`. Only
    /// answers without a [`type`](Self::error_type) are told apart by their message.
    /// Generated crates name the kinds in an `ErrorKind` enum.
    pub fn kind(&self) -> Option<&'static str> {
        self.rule.map(|rule| rule.kind)
    }

    /// Whether the same call may be accepted later: the answer is a condition the
    /// operation declares as passing with time (a time lock).
    pub fn is_later(&self) -> bool {
        self.rule.is_some_and(|rule| rule.later)
    }

    /// Every other field of the error body (`minimum_price`, `highest_offer`,
    /// `pools`...), as sent.
    pub fn extra(&self) -> &Map<String, Value> {
        &self.extra
    }

    /// The response body as text.
    pub fn body(&self) -> &str {
        &self.body
    }
}

fn take_string(object: &mut Map<String, Value>, key: &str) -> Option<String> {
    match object.remove(key)? {
        Value::String(s) => Some(s),
        Value::Null => None,
        other => Some(other.to_string()),
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: HTTP {}: {}",
            self.operation,
            self.status.as_u16(),
            self.message()
        )?;
        if let Some(kind) = &self.error_type {
            write!(f, " ({kind})")?;
        }
        let params: Vec<&str> = self
            .errors
            .iter()
            .filter_map(|e| e.param.as_deref())
            .collect();
        if !params.is_empty() {
            write!(f, " [parameters: {}]", params.join(", "))?;
        }
        Ok(())
    }
}

impl std::error::Error for ApiError {}

/// A body that could not be decoded. Keeps the status and the text.
#[derive(Debug, thiserror::Error)]
#[error("{operation}: could not decode the HTTP {} response ({reason}): {}", .status.as_u16(), preview(.body))]
pub struct DecodeError {
    pub(crate) operation: &'static str,
    pub(crate) status: StatusCode,
    pub(crate) body: String,
    pub(crate) reason: String,
    #[source]
    pub(crate) source: Option<serde_json::Error>,
}

impl DecodeError {
    /// The operation that failed.
    pub fn operation(&self) -> &'static str {
        self.operation
    }

    /// The HTTP status of the response.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// The whole body, as text (invalid UTF-8 replaced).
    pub fn body(&self) -> &str {
        &self.body
    }
}

fn preview(body: &str) -> String {
    const MAX: usize = 200;
    let trimmed = body.trim();
    if trimmed.is_empty() {
        return "empty body".into();
    }
    match trimmed.char_indices().nth(MAX) {
        Some((cut, _)) => format!("{}…", &trimmed[..cut]),
        None => trimmed.to_owned(),
    }
}

/// A configuration mistake.
#[derive(Clone, Debug, thiserror::Error)]
#[error("invalid configuration: {message}")]
pub struct ConfigError {
    message: String,
}

impl ConfigError {
    pub(crate) fn new(message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
        }
    }
}
