//! What generated code hands to the runtime: a static description of an operation
//! ([`Operation`]) and the values of one call to it ([`Call`]).

use std::borrow::Cow;

/// How safe it is to send an operation twice. The generator emits it from the
/// overrides file; the retry policy reads it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Safety {
    /// Reads only: retried on connection errors, timeouts, 429 and 5xx.
    ReadOnly,
    /// Changes state but costs nothing: retried only when the request provably never
    /// reached the server (connection refused) or was rejected by rate limiting (429).
    Mutation,
    /// Spends money (buys a number, a rental, an eSIM, a lookup, a voucher...): never
    /// retried automatically. When the outcome is unknown the caller gets
    /// [`Error::OutcomeUnknown`](crate::Error::OutcomeUnknown).
    Paid,
}

impl Safety {
    /// A lower-case name for messages.
    pub fn as_str(self) -> &'static str {
        match self {
            Safety::ReadOnly => "read-only",
            Safety::Mutation => "mutation",
            Safety::Paid => "paid",
        }
    }
}

/// How the call's fields travel in the request body.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BodyKind {
    /// No body.
    None,
    /// `application/x-www-form-urlencoded`.
    Form,
    /// `multipart/form-data` (file uploads).
    Multipart,
    /// A raw body whose bytes the call supplies (JSON, text, XML, binary, GraphQL).
    Raw,
}

/// A static description of one API operation, emitted by the generator as a
/// `static`: `Operation::post("sms::purchase", "/purchase/sms").paid().form()`.
#[derive(Debug)]
pub struct Operation {
    /// A stable name for messages, such as `sms::purchase`.
    pub name: &'static str,
    /// The HTTP method (any token, `PURGE` and `PROPFIND` included).
    pub method: &'static str,
    /// The path below the base URL, with `{name}` placeholders for path parameters.
    pub path: &'static str,
    /// Whether the call may be retried.
    pub safety: Safety,
    /// How fields travel in the body.
    pub body: BodyKind,
    /// How the API key is presented, when it is not the API's way
    /// ([`ApiProfile::auth`](crate::ApiProfile::auth)).
    pub auth: Option<crate::AuthScheme>,
    /// The form field that carries the API key, where the API wants it in the body
    /// as well as in the `Authorization` header (SMSPool's `key`).
    pub credential_field: Option<&'static str>,
}

impl Operation {
    /// An operation named `name` (`sms::purchase`), sent as `method` to `path`: a
    /// mutation without a body, authenticated as the API is, until said otherwise.
    pub const fn new(name: &'static str, method: &'static str, path: &'static str) -> Self {
        Self {
            name,
            method,
            path,
            safety: Safety::Mutation,
            body: BodyKind::None,
            auth: None,
            credential_field: None,
        }
    }

    /// [`new`](Self::new) with `GET`.
    pub const fn get(name: &'static str, path: &'static str) -> Self {
        Self::new(name, "GET", path)
    }

    /// [`new`](Self::new) with `POST`.
    pub const fn post(name: &'static str, path: &'static str) -> Self {
        Self::new(name, "POST", path)
    }

    /// [`new`](Self::new) with `PUT`.
    pub const fn put(name: &'static str, path: &'static str) -> Self {
        Self::new(name, "PUT", path)
    }

    /// [`new`](Self::new) with `PATCH`.
    pub const fn patch(name: &'static str, path: &'static str) -> Self {
        Self::new(name, "PATCH", path)
    }

    /// [`new`](Self::new) with `DELETE`.
    pub const fn delete(name: &'static str, path: &'static str) -> Self {
        Self::new(name, "DELETE", path)
    }

    /// It only reads: retried on transient failures.
    pub const fn read_only(mut self) -> Self {
        self.safety = Safety::ReadOnly;
        self
    }

    /// It changes state without spending money (the default).
    pub const fn mutation(mut self) -> Self {
        self.safety = Safety::Mutation;
        self
    }

    /// It spends money: never retried.
    pub const fn paid(mut self) -> Self {
        self.safety = Safety::Paid;
        self
    }

    /// Its fields travel as an urlencoded form.
    pub const fn form(mut self) -> Self {
        self.body = BodyKind::Form;
        self
    }

    /// Its fields travel as `multipart/form-data` (files).
    pub const fn multipart(mut self) -> Self {
        self.body = BodyKind::Multipart;
        self
    }

    /// Its body is raw bytes the call supplies (JSON, text, binary, GraphQL).
    pub const fn raw(mut self) -> Self {
        self.body = BodyKind::Raw;
        self
    }

    /// Presents the API key with `auth` instead of the API's way.
    pub const fn auth(mut self, auth: crate::AuthScheme) -> Self {
        self.auth = Some(auth);
        self
    }

    /// Sends the API key in the form field `name` too.
    pub const fn key_field(mut self, name: &'static str) -> Self {
        self.credential_field = Some(name);
        self
    }
}

/// An error condition an operation signals by its message only: an error answer of
/// `operation` without a `type` whose message contains one of `messages` (ASCII case
/// ignored) is of kind `kind`. The generator emits these from the overrides file
/// into [`ApiProfile::errors`](crate::ApiProfile::errors).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ErrorRule {
    /// The operation's name ([`Operation::name`]).
    pub operation: &'static str,
    /// The kind's name (`cancel_too_early`).
    pub kind: &'static str,
    /// Texts that identify it, any of which may appear in the message.
    pub messages: &'static [&'static str],
    /// Whether the same call may be accepted later (a time lock): what
    /// [`Request::when_allowed`](crate::Request::when_allowed) retries on.
    pub later: bool,
}

impl ErrorRule {
    /// A condition that trying again will not change (`already_completed`).
    pub const fn new(
        operation: &'static str,
        kind: &'static str,
        messages: &'static [&'static str],
    ) -> Self {
        Self {
            operation,
            kind,
            messages,
            later: false,
        }
    }

    /// A condition that passes with time: the same call may be accepted later.
    pub const fn later(
        operation: &'static str,
        kind: &'static str,
        messages: &'static [&'static str],
    ) -> Self {
        Self {
            later: true,
            ..Self::new(operation, kind, messages)
        }
    }

    /// Whether an error answer of `operation` with `message` is this condition.
    pub fn matches(&self, operation: &str, message: &str) -> bool {
        if operation != self.operation {
            return false;
        }
        let message = message.to_ascii_lowercase();
        self.messages
            .iter()
            .any(|m| message.contains(&m.to_ascii_lowercase()))
    }
}

/// A value that can be sent as a query, form or path parameter.
///
/// Implemented for strings and numbers so that `.country("US")`, `.country(1)` and
/// `.max_price(0.5)` all work.
pub trait ParamValue {
    /// The text sent on the wire.
    fn into_param(self) -> String;
}

impl ParamValue for String {
    fn into_param(self) -> String {
        self
    }
}

impl ParamValue for &str {
    fn into_param(self) -> String {
        self.to_owned()
    }
}

impl ParamValue for &String {
    fn into_param(self) -> String {
        self.clone()
    }
}

impl ParamValue for Cow<'_, str> {
    fn into_param(self) -> String {
        self.into_owned()
    }
}

impl ParamValue for bool {
    /// `true` or `false`.
    fn into_param(self) -> String {
        self.to_string()
    }
}

impl ParamValue for char {
    fn into_param(self) -> String {
        self.to_string()
    }
}

impl ParamValue for rust_decimal::Decimal {
    fn into_param(self) -> String {
        self.to_string()
    }
}

macro_rules! display_param {
    ($($t:ty),*) => {$(
        impl ParamValue for $t {
            fn into_param(self) -> String {
                self.to_string()
            }
        }
    )*};
}

display_param!(
    u8, u16, u32, u64, u128, usize, i8, i16, i32, i64, i128, isize, f32, f64
);

impl ParamValue for crate::lenient::Int {
    fn into_param(self) -> String {
        self.get().to_string()
    }
}

impl ParamValue for &crate::lenient::Decimal {
    fn into_param(self) -> String {
        self.get().to_string()
    }
}

/// A file sent in a `multipart/form-data` field.
#[derive(Clone, Debug)]
pub struct FilePart {
    /// The file name sent in `Content-Disposition`.
    pub file_name: String,
    /// The content type, `application/octet-stream` when `None`.
    pub content_type: Option<String>,
    /// The file's bytes.
    pub bytes: Vec<u8>,
}

impl FilePart {
    /// A file from its name and bytes.
    pub fn new(file_name: impl Into<String>, bytes: impl Into<Vec<u8>>) -> Self {
        Self {
            file_name: file_name.into(),
            content_type: None,
            bytes: bytes.into(),
        }
    }

    /// Sets the content type.
    pub fn content_type(mut self, content_type: impl Into<String>) -> Self {
        self.content_type = Some(content_type.into());
        self
    }
}

/// One field of a form or multipart body.
#[derive(Clone, Debug)]
pub(crate) enum FormValue {
    Text(String),
    File(FilePart),
}

/// The values of one call: built by generated code, sent by [`Client::execute`](crate::Client::execute).
#[derive(Clone, Debug)]
pub struct Call {
    pub(crate) operation: &'static Operation,
    pub(crate) path_params: Vec<(&'static str, String)>,
    pub(crate) query: Vec<(&'static str, String)>,
    pub(crate) headers: Vec<(&'static str, String)>,
    pub(crate) form: Vec<(&'static str, FormValue)>,
    pub(crate) raw_body: Option<(&'static str, Vec<u8>)>,
}

impl Call {
    /// Starts a call to `operation`.
    pub fn new(operation: &'static Operation) -> Self {
        Self {
            operation,
            path_params: Vec::new(),
            query: Vec::new(),
            headers: Vec::new(),
            form: Vec::new(),
            raw_body: None,
        }
    }

    /// The operation this call is for.
    pub fn operation(&self) -> &'static Operation {
        self.operation
    }

    /// Fills the `{name}` placeholder of the path (the value is percent-encoded).
    pub fn path(&mut self, name: &'static str, value: String) {
        self.path_params.push((name, value));
    }

    /// Adds a query parameter.
    pub fn query(&mut self, name: &'static str, value: String) {
        self.query.push((name, value));
    }

    /// Adds a query parameter when it is set.
    pub fn query_opt(&mut self, name: &'static str, value: Option<String>) {
        if let Some(value) = value {
            self.query(name, value);
        }
    }

    /// Adds a header.
    pub fn header(&mut self, name: &'static str, value: String) {
        self.headers.push((name, value));
    }

    /// Adds a header when it is set.
    pub fn header_opt(&mut self, name: &'static str, value: Option<String>) {
        if let Some(value) = value {
            self.header(name, value);
        }
    }

    /// Adds a form (or multipart text) field.
    pub fn form(&mut self, name: &'static str, value: String) {
        self.form.push((name, FormValue::Text(value)));
    }

    /// Adds a form field when it is set.
    pub fn form_opt(&mut self, name: &'static str, value: Option<String>) {
        if let Some(value) = value {
            self.form(name, value);
        }
    }

    /// Adds a multipart file field.
    pub fn file(&mut self, name: &'static str, file: FilePart) {
        self.form.push((name, FormValue::File(file)));
    }

    /// Adds a multipart file field when it is set.
    pub fn file_opt(&mut self, name: &'static str, file: Option<FilePart>) {
        if let Some(file) = file {
            self.file(name, file);
        }
    }

    /// Sets a raw body and its content type.
    pub fn body(&mut self, content_type: &'static str, bytes: Vec<u8>) {
        self.raw_body = Some((content_type, bytes));
    }

    /// Sets a JSON body serialised from `value`.
    pub fn json<T: serde::Serialize + ?Sized>(&mut self, value: &T) -> Result<(), crate::Error> {
        let bytes = serde_json::to_vec(value).map_err(|e| {
            crate::Error::Config(crate::ConfigError::new(format!(
                "could not serialise the JSON body of {}: {e}",
                self.operation.name
            )))
        })?;
        self.body("application/json", bytes);
        Ok(())
    }

    /// Sets a GraphQL body: `{"query": query, "variables": variables}` as JSON.
    ///
    /// # Errors
    ///
    /// [`Error::Config`](crate::Error::Config) when `variables` cannot be serialised.
    pub fn graphql<T: serde::Serialize + ?Sized>(
        &mut self,
        query: &str,
        variables: &T,
    ) -> Result<(), crate::Error> {
        #[derive(serde::Serialize)]
        struct GraphQlBody<'a, T: ?Sized> {
            query: &'a str,
            variables: &'a T,
        }
        self.json(&GraphQlBody { query, variables })
    }
}
