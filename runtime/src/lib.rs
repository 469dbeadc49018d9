//! The hand-written runtime under clients generated from Postman collections by
//! `smspool-codegen`, first among them the [`smspool`](https://docs.rs/smspool) crate.
//!
//! Generated code describes each operation as a static [`Operation`] and fills a
//! [`Call`] with its parameters; [`Client::execute`] does the rest:
//!
//! - **Transport** over `reqwest` with rustls, connect and total timeouts, no redirects
//!   (so credentials are never replayed to another host), `https://` required except
//!   for loopback addresses.
//! - **The API key** ([`ApiKey`]) sent as the API wants it (bearer header, and the
//!   credential form field where the collection has one), redacted in every `Debug`,
//!   `Display` and error.
//! - **Errors** ([`Error`]) that tell transport failures, API errors (even inside a
//!   `200`), a rejected key, rate limiting and undecodable bodies apart, and keep the
//!   status and body.
//! - **Rate limiting** ([`RateLimit`]) shared by every clone of a client, a pause for
//!   every task when the server answers 429, and a guard that holds failed answers
//!   under a limit per second (SMSPool bans accounts that send too many). With the
//!   cargo feature `redis`, `RateLimit::shared` shares all three with every process
//!   that uses the same Redis and API key.
//! - **Tracing**: with the cargo feature `tracing`, one span per call (operation,
//!   safety class, attempts, status, time waiting for the limiter, total time).
//! - **Retries** ([`RetryPolicy`]) that follow each operation's [`Safety`]: paid calls
//!   are never sent twice.
//! - **Calls refused for a while** ([`Request::when_allowed`]): a call the API
//!   answers "not yet" (a time lock the operation declares, [`ErrorRule`]) is sent
//!   again with a backoff until it is accepted or a deadline passes.
//! - **Bounded bodies**: responses are read as they arrive, up to
//!   [`ClientBuilder::max_response_size`]; a larger one is [`Error::TooLarge`].
//! - **Polling** ([`poll`]) for orders' codes, with a deadline and cancellation,
//!   through the same client (and so the same rate limit).
//! - **Lenient scalars** ([`lenient`]) for APIs that send `"0.80"` here and `0.8` there.
//! - **A mock server** ([`mock`], cargo feature `mock`): the API on 127.0.0.1 for
//!   tests, serving the saved examples, with stubs, a journal and orders that live.
//! - **Plain-text answers** ([`answer`]) for protocols that answer `ACCESS_NUMBER:1:7900…`
//!   or `NO_NUMBERS` instead of JSON.

pub mod answer;
#[cfg(feature = "cli")]
pub mod cli;
mod client;
mod error;
mod key;
mod later;
pub mod lenient;
mod limit;
mod macros;
#[cfg(feature = "mock")]
pub mod mock;
mod operation;
mod params;
pub mod poll;
mod profile;
mod request;
mod response;
mod retry;
mod trace;
mod unverified;

pub use client::{
    Client, ClientBuilder, DEFAULT_CONNECT_TIMEOUT, DEFAULT_MAX_RESPONSE_SIZE, DEFAULT_TIMEOUT,
};
pub use error::{ApiError, ConfigError, DecodeError, Error, FieldError, TransportKind};
pub use key::ApiKey;
pub use later::{Patience, Settled};
pub use limit::RateLimit;
#[cfg(feature = "redis")]
pub use limit::SharedLimitError;
pub use operation::{BodyKind, Call, ErrorRule, FilePart, Operation, ParamValue, Safety};
pub use params::{IdOrName, JsonText, UnknownName};
pub use profile::{ApiProfile, AuthScheme};
pub use request::{Answers, Decode, Empty, Json, Received, Request, Text};
pub use retry::RetryPolicy;
pub use unverified::Unverified;

/// Re-exported so generated code and callers name the same versions.
pub use reqwest::StatusCode;
pub use rust_decimal;
pub use serde;
pub use serde_json;

/// The future returned by generated request builders' `IntoFuture`.
pub type BoxFuture<'a, T> = std::pin::Pin<Box<dyn std::future::Future<Output = T> + Send + 'a>>;

/// The client is shared across tasks and threads, and so are its errors: checked
/// at compile time.
const _: () = {
    const fn shareable<T: Clone + Send + Sync + 'static>() {}
    const fn sendable<T: Send + Sync + 'static>() {}
    const fn movable<T: Send + 'static>() {}
    shareable::<Client>();
    shareable::<ApiKey>();
    sendable::<Error>();
    sendable::<poll::PollError<()>>();
    movable::<poll::PollOptions>();
};
