//! Stubs: what the mock answers an operation with, when the saved default will not do.

use std::marker::PhantomData;
use std::time::Duration;

use serde::Serialize;
use serde::de::DeserializeOwned;

use super::{Recorded, Server};
use crate::{Answers, Json, Operation, Text};

/// What the mock sends back: a status, headers and a body, possibly with a fault.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reply {
    pub(super) status: u16,
    pub(super) headers: Vec<(String, String)>,
    pub(super) body: String,
    pub(super) fault: Fault,
}

/// How a reply misbehaves.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(super) enum Fault {
    /// It does not.
    #[default]
    None,
    /// It comes after a wait.
    Delay(Duration),
    /// It never comes: the connection stays open until the client gives up.
    Hang,
    /// The headers promise the whole body, half of it is sent, and the connection
    /// closes.
    CutOff,
}

impl Reply {
    pub(super) fn raw(status: u16, headers: Vec<(String, String)>, body: String) -> Reply {
        Reply {
            status,
            headers,
            body,
            fault: Fault::None,
        }
    }

    /// `value` as JSON, with `status`.
    pub fn json(status: u16, value: &serde_json::Value) -> Reply {
        let content_type = ("Content-Type".to_owned(), "application/json".to_owned());
        Reply::raw(status, vec![content_type], value.to_string())
    }

    /// Plain text, with `status`.
    pub fn text(status: u16, body: impl Into<String>) -> Reply {
        let content_type = (
            "Content-Type".to_owned(),
            "text/plain; charset=utf-8".to_owned(),
        );
        Reply::raw(status, vec![content_type], body.into())
    }

    /// An HTML page, with `status`: what a proxy or a crashed backend sends
    /// (`502` from a load balancer, a `500` error page).
    pub fn html(status: u16, body: impl Into<String>) -> Reply {
        let content_type = (
            "Content-Type".to_owned(),
            "text/html; charset=utf-8".to_owned(),
        );
        Reply::raw(status, vec![content_type], body.into())
    }

    /// `429 Too Many Requests` asking the client to wait `retry_after` (sent in whole
    /// seconds, rounded up), with an HTML body as rate limiters send it.
    pub fn rate_limited(retry_after: Duration) -> Reply {
        let seconds = retry_after.as_secs() + u64::from(retry_after.subsec_nanos() > 0);
        Reply::html(
            429,
            "<html><body><h1>429 Too Many Requests</h1></body></html>",
        )
        .header("Retry-After", seconds.to_string())
    }

    /// Adds a header.
    pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> Reply {
        self.headers.push((name.into(), value.into()));
        self
    }

    /// Sends it only after `wait` (a slow server: with a wait longer than the
    /// client's timeout, the call times out).
    pub fn delayed(mut self, wait: Duration) -> Reply {
        self.fault = Fault::Delay(wait);
        self
    }

    /// Never sends it: the connection stays open until the client gives up.
    pub fn hang(mut self) -> Reply {
        self.fault = Fault::Hang;
        self
    }

    /// Sends the headers (with the whole body's `Content-Length`) and half the body,
    /// then closes the connection.
    pub fn cut_off(mut self) -> Reply {
        self.fault = Fault::CutOff;
        self
    }

    /// The status.
    pub fn status(&self) -> u16 {
        self.status
    }

    /// The body.
    pub fn body(&self) -> &str {
        &self.body
    }
}

/// One of an operation's saved examples, by name: typed by the operation's answer, so
/// that only the operation's own examples fit its [`Endpoint::example`]. The generated
/// crate has a constant for each (`mock::sms::PURCHASE_422_OUT_OF_STOCK`).
pub struct Example<T> {
    operation: &'static str,
    name: &'static str,
    answer: PhantomData<fn() -> T>,
}

impl<T> Example<T> {
    /// The example `name` of the operation named `operation` (`sms::purchase`).
    pub const fn new(operation: &'static str, name: &'static str) -> Self {
        Self {
            operation,
            name,
            answer: PhantomData,
        }
    }

    /// The example's name in the collection.
    pub const fn name(&self) -> &'static str {
        self.name
    }

    /// The operation it belongs to.
    pub const fn operation(&self) -> &'static str {
        self.operation
    }
}

impl<T> Clone for Example<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for Example<T> {}

impl<T> std::fmt::Debug for Example<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Example({} / {:?})", self.operation, self.name)
    }
}

/// A registered stub.
#[derive(Debug)]
pub(super) struct Stub {
    pub(super) operation: &'static str,
    pub(super) when: Vec<(String, String)>,
    /// How many more requests it answers (`None`: all).
    pub(super) remaining: Option<usize>,
    /// What it answers; `None` is the answer the server would give anyway (the saved
    /// default, or the order book's), with `fault`.
    pub(super) reply: Option<Reply>,
    pub(super) fault: Fault,
}

impl Stub {
    /// Whether it answers `request` (and, if so, counts it).
    pub(super) fn take(&mut self, request: &Recorded) -> bool {
        let fits = request.operation() == Some(self.operation)
            && self.remaining != Some(0)
            && matches(&self.when, request);
        if fits && let Some(n) = &mut self.remaining {
            *n -= 1;
        }
        fits
    }
}

fn matches(when: &[(String, String)], request: &Recorded) -> bool {
    when.iter()
        .all(|(name, value)| request.param(name) == Some(value.as_str()))
}

/// One operation of a mock: stub its answers and read what it received.
///
/// `T` is the operation's answer type and `D` how it is read, as in
/// [`Request`](crate::Request). Conditions ([`when`](Self::when),
/// [`times`](Self::times)) chain; an answer (`returns`, `example`, a fault...)
/// registers the stub. The newest matching stub answers; once its
/// [`times`](Self::times) are spent, older ones (and finally the saved default) do.
#[must_use = "an endpoint does nothing until it is given an answer or asked what it received"]
pub struct Endpoint<'a, T, D = Json> {
    server: &'a Server,
    operation: &'static Operation,
    when: Vec<(String, String)>,
    times: Option<usize>,
    answer: PhantomData<fn() -> (T, D)>,
}

impl<T, D> std::fmt::Debug for Endpoint<'_, T, D> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Endpoint")
            .field("operation", &self.operation.name)
            .field("when", &self.when)
            .field("times", &self.times)
            .finish()
    }
}

impl<'a, T, D> Endpoint<'a, T, D> {
    /// `operation` of `server`.
    pub fn new(server: &'a Server, operation: &'static Operation) -> Self {
        Self {
            server,
            operation,
            when: Vec::new(),
            times: None,
            answer: PhantomData,
        }
    }

    /// Only requests whose parameter `name` (as sent: `orderid`) is `value`.
    pub fn when(mut self, name: impl Into<String>, value: impl ToString) -> Self {
        self.when.push((name.into(), value.to_string()));
        self
    }

    /// Only the next `n` matching requests.
    pub fn times(mut self, n: usize) -> Self {
        self.times = Some(n);
        self
    }

    /// Answers with `reply`.
    pub fn reply(self, reply: Reply) {
        self.register(Some(reply), Fault::None);
    }

    /// Answers with the operation's saved example `example`.
    ///
    /// # Panics
    ///
    /// When the example is not one of this operation's (the constants are typed by
    /// answer, and two operations may share one).
    pub fn example(self, example: Example<T>) {
        assert_eq!(
            example.operation, self.operation.name,
            "{example:?} is not an example of `{}`",
            self.operation.name
        );
        self.saved(example.name);
    }

    /// Answers with the operation's saved example called `name`.
    ///
    /// # Panics
    ///
    /// When the operation has no example of that name (the message lists those it has).
    pub fn saved(self, name: &str) {
        let reply = match self
            .server
            .shared
            .examples
            .require(self.operation.name, name)
        {
            Ok(example) => example.reply(),
            Err(message) => panic!("{message}"),
        };
        self.reply(reply);
    }

    /// Answers with an HTML page and `status` (`502`, `500`...).
    pub fn html(self, status: u16, body: impl Into<String>) {
        self.reply(Reply::html(status, body));
    }

    /// Answers `429 Too Many Requests` with `Retry-After: retry_after`.
    pub fn rate_limited(self, retry_after: Duration) {
        self.reply(Reply::rate_limited(retry_after));
    }

    /// Answers as it would anyway, but only after `wait`.
    pub fn stall(self, wait: Duration) {
        self.register(None, Fault::Delay(wait));
    }

    /// Never answers: the connection stays open until the client gives up.
    pub fn hang(self) {
        self.register(None, Fault::Hang);
    }

    /// Does what it would anyway (an order is created...), but sends only half the
    /// answer and closes the connection.
    pub fn cut_off(self) {
        self.register(None, Fault::CutOff);
    }

    /// The requests routed to this operation (and matching [`when`](Self::when)) so
    /// far, oldest first.
    pub fn received(&self) -> Vec<Recorded> {
        self.server
            .received(self.operation)
            .into_iter()
            .filter(|r| matches(&self.when, r))
            .collect()
    }

    fn register(self, reply: Option<Reply>, fault: Fault) {
        self.server.add_stub(Stub {
            operation: self.operation.name,
            when: self.when,
            remaining: self.times,
            reply,
            fault,
        });
    }
}

impl<T: Serialize> Endpoint<'_, T, Json> {
    /// Answers `200` with `value` as JSON. Answer types are built by decoding: start
    /// from a saved example with [`saved_value`](Self::saved_value) and change its
    /// fields.
    ///
    /// # Panics
    ///
    /// When `value` does not serialise (a map with non-string keys).
    pub fn returns(self, value: &T) {
        let json = match serde_json::to_value(value) {
            Ok(json) => json,
            Err(e) => panic!("the stubbed answer does not serialise: {e}"),
        };
        self.json(json);
    }
}

impl<T> Endpoint<'_, T, Json> {
    /// Answers `200` with `value`, JSON of any shape (an answer the saved examples
    /// never showed).
    pub fn json(self, value: serde_json::Value) {
        self.reply(Reply::json(200, &value));
    }
}

impl<T: DeserializeOwned> Endpoint<'_, T, Json> {
    /// The saved example `example`, decoded: a value of the answer type to change
    /// and [`returns`](Self::returns).
    ///
    /// # Panics
    ///
    /// When the example is not one of this operation's, or is an error answer that
    /// does not decode as the answer type.
    pub fn saved_value(&self, example: Example<T>) -> T {
        assert_eq!(
            example.operation, self.operation.name,
            "{example:?} is not an example of `{}`",
            self.operation.name
        );
        let saved = match self
            .server
            .shared
            .examples
            .require(self.operation.name, example.name)
        {
            Ok(saved) => saved,
            Err(message) => panic!("{message}"),
        };
        match serde_json::from_str(saved.body()) {
            Ok(value) => value,
            Err(e) => panic!("{example:?} does not decode as the answer type: {e}"),
        }
    }
}

impl<T> Endpoint<'_, T, Answers> {
    /// Answers `200` with the plain text `body` (`ACCESS_NUMBER:123:79001234567`).
    pub fn text(self, body: impl Into<String>) {
        self.reply(Reply::text(200, body));
    }
}

impl<T> Endpoint<'_, T, Text> {
    /// Answers `200` with the plain text `body`.
    pub fn text(self, body: impl Into<String>) {
        self.reply(Reply::text(200, body));
    }
}
