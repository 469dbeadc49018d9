//! The request every generated operation returns: its parameters are set as the
//! builder is chained, and `.await` sends it.
//!
//! A generated method starts a [`Request`] for its operation with the required
//! parameters (so that forgetting one does not compile); optional ones are chained
//! setters (on a wrapper type the generated crate defines, where the operation has
//! any). `T` is the answer's type and `D` how it is read from the response body: JSON
//! ([`Json`]), text ([`Text`]), nothing ([`Empty`]) or a plain-text answer of the
//! operation's documented ones ([`Answers`]).

use std::fmt;
use std::future::{Future, IntoFuture};
use std::marker::PhantomData;

use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::answer::TextAnswer;
use crate::operation::FormValue;
use crate::response::{RawResponse, Reader};
use crate::{BoxFuture, Call, Client, Error, FilePart, Operation, ParamValue};

/// A call to one operation, ready to be sent: `.await` it.
///
/// Setting a parameter twice keeps the last value.
#[must_use = "a request does nothing until it is awaited"]
pub struct Request<'a, T, D = Json> {
    client: &'a Client,
    call: Result<Call, Error>,
    answer: PhantomData<fn() -> (T, D)>,
}

impl<T, D> fmt::Debug for Request<'_, T, D> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.call {
            Ok(call) => call.fmt(f),
            Err(e) => f.debug_tuple("Request").field(e).finish(),
        }
    }
}

impl<'a, T, D> Request<'a, T, D> {
    /// A call to `operation` through `client`.
    pub fn new(client: &'a Client, operation: &'static Operation) -> Self {
        Self {
            client,
            call: Ok(Call::new(operation)),
            answer: PhantomData,
        }
    }

    fn with(mut self, f: impl FnOnce(&mut Call) -> Result<(), Error>) -> Self {
        if let Ok(call) = &mut self.call
            && let Err(e) = f(call)
        {
            self.call = Err(e);
        }
        self
    }

    /// Fills the `{name}` placeholder of the path (the value is percent-encoded).
    pub fn path(mut self, name: &'static str, value: impl ParamValue) -> Self {
        edit::path(&mut self.call, name, value.into_param());
        self
    }

    /// Sets a query parameter.
    pub fn query(mut self, name: &'static str, value: impl ParamValue) -> Self {
        edit::query(&mut self.call, name, value.into_param());
        self
    }

    /// Sets a header.
    pub fn header(mut self, name: &'static str, value: impl ParamValue) -> Self {
        edit::header(&mut self.call, name, value.into_param());
        self
    }

    /// Sets a form (or multipart text) field.
    pub fn form(mut self, name: &'static str, value: impl ParamValue) -> Self {
        edit::form(&mut self.call, name, FormValue::Text(value.into_param()));
        self
    }

    /// Sets a multipart file field.
    pub fn file(mut self, name: &'static str, file: FilePart) -> Self {
        edit::form(&mut self.call, name, FormValue::File(file));
        self
    }

    /// Sets the body: `value` as JSON.
    pub fn json(self, value: &(impl Serialize + ?Sized)) -> Self {
        self.with(|call| call.json(value))
    }

    /// Sets the body: `bytes` with `content_type`.
    pub fn body(mut self, content_type: &'static str, bytes: impl Into<Vec<u8>>) -> Self {
        edit::body(&mut self.call, content_type, bytes.into());
        self
    }

    /// Sets a GraphQL body: `{"query": query, "variables": variables}`.
    pub fn graphql(self, query: &'static str, variables: &(impl Serialize + ?Sized)) -> Self {
        self.with(|call| call.graphql(query, variables))
    }

    /// The parameters set so far (the API key is not among them: it is added when
    /// the request is sent).
    pub fn call(&self) -> Option<&Call> {
        self.call.as_ref().ok()
    }
}

impl<'a, T: Send + 'a, D: Decode<T>> Request<'a, T, D> {
    /// Sends the request and reads its answer; see [`Error`] for what can fail.
    pub fn send(self) -> impl Future<Output = Result<T, Error>> + Send + 'a {
        let (client, call) = self.into_parts();
        async move { send_call::<T, D>(client, &call?).await }
    }

    /// The client, and the call or the error setting a parameter met.
    pub(crate) fn into_parts(self) -> (&'a Client, Result<Call, Error>) {
        (self.client, self.call)
    }
}

/// The builder's edits, written once for every answer type: [`Request`]'s setters are
/// generic over the answer, so a crate of many operations compiles a copy of each per
/// answer type, and those copies only convert the value and call these.
mod edit {
    use crate::operation::FormValue;
    use crate::{Call, Error};

    pub(super) fn path(call: &mut Result<Call, Error>, name: &'static str, value: String) {
        if let Ok(call) = call {
            call.path_params.retain(|(n, _)| *n != name);
            call.path(name, value);
        }
    }

    pub(super) fn query(call: &mut Result<Call, Error>, name: &'static str, value: String) {
        if let Ok(call) = call {
            call.query.retain(|(n, _)| *n != name);
            call.query(name, value);
        }
    }

    pub(super) fn header(call: &mut Result<Call, Error>, name: &'static str, value: String) {
        if let Ok(call) = call {
            call.headers.retain(|(n, _)| !n.eq_ignore_ascii_case(name));
            call.header(name, value);
        }
    }

    pub(super) fn form(call: &mut Result<Call, Error>, name: &'static str, value: FormValue) {
        if let Ok(call) = call {
            call.form.retain(|(n, _)| *n != name);
            call.form.push((name, value));
        }
    }

    pub(super) fn body(call: &mut Result<Call, Error>, content_type: &'static str, bytes: Vec<u8>) {
        if let Ok(call) = call {
            call.body(content_type, bytes);
        }
    }
}

/// Sends `call` once (with the client's retries) and reads its answer as `D` says.
pub(crate) async fn send_call<T, D: Decode<T>>(client: &Client, call: &Call) -> Result<T, Error> {
    client
        .run(call, |reader, response| {
            D::decode(Received { reader, response })
        })
        .await
}

impl<'a, T: Send + 'a, D: Decode<T> + 'a> IntoFuture for Request<'a, T, D> {
    type Output = Result<T, Error>;
    type IntoFuture = BoxFuture<'a, Self::Output>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(self.send())
    }
}

/// A response as it arrived, for a [`Decode`] strategy to read.
pub struct Received<'a> {
    reader: Reader<'a>,
    response: RawResponse,
}

impl fmt::Debug for Received<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Received")
            .field("operation", &self.reader.operation.name)
            .field("status", &self.response.status)
            .finish_non_exhaustive()
    }
}

/// How a request's answer is read from the response.
pub trait Decode<T>: sealed::Sealed {
    /// Reads the answer, or the error the response stands for.
    ///
    /// # Errors
    ///
    /// [`Error::Api`] and the other answers of a failed call, [`Error::Decode`] for a
    /// body that is not the answer.
    fn decode(received: Received<'_>) -> Result<T, Error>;
}

mod sealed {
    pub trait Sealed {}
    impl Sealed for super::Json {}
    impl Sealed for super::JsonList {}
    impl Sealed for super::Text {}
    impl Sealed for super::Empty {}
    impl Sealed for super::Answers {}
}

/// The answer is JSON, decoded into `T`.
#[derive(Debug)]
pub struct Json;

impl<T: DeserializeOwned> Decode<T> for Json {
    fn decode(received: Received<'_>) -> Result<T, Error> {
        received.reader.json(received.response)
    }
}

/// The answer is a JSON array, decoded into a `Vec` allocated once at its length (the
/// elements are counted first): for lists that can run to megabytes.
#[derive(Debug)]
pub struct JsonList;

impl<T: DeserializeOwned> Decode<Vec<T>> for JsonList {
    fn decode(received: Received<'_>) -> Result<Vec<T>, Error> {
        received.reader.json_list(received.response)
    }
}

/// The answer is the body as text (HTML, XML, plain text).
#[derive(Debug)]
pub struct Text;

impl Decode<String> for Text {
    fn decode(received: Received<'_>) -> Result<String, Error> {
        received.reader.text_body(received.response)
    }
}

/// There is no answer worth reading: a success is `()`.
#[derive(Debug)]
pub struct Empty;

impl Decode<()> for Empty {
    fn decode(received: Received<'_>) -> Result<(), Error> {
        received.reader.check(&received.response)
    }
}

/// The answer is one of the plain-text answers `T` documents
/// ([`answer`](crate::answer)).
#[derive(Debug)]
pub struct Answers;

impl<T: TextAnswer> Decode<T> for Answers {
    fn decode(received: Received<'_>) -> Result<T, Error> {
        received
            .reader
            .answer(received.response, T::ANSWERS, T::SHARED, T::build)
    }
}
