//! The intermediate model: the API as the emitter sees it. Built from the collection
//! and the overrides by [`lower`](super::lower), completed with response types by
//! [`infer`](crate::infer). Identifiers here are final: valid, idiomatic and unique.

use serde_json::Value;

use crate::infer::types::{EnumDef, ResponseModel, TypeDef};

/// The whole API.
#[derive(Clone, Debug)]
pub struct Api {
    /// The collection's name.
    pub name: String,
    /// Crate documentation (Markdown).
    pub docs: String,
    /// An introduction for the crate docs from the overrides file (`[api] docs`).
    pub intro: Option<String>,
    /// The base URL requests go to by default.
    pub base_url: String,
    /// How the key is sent by default.
    pub auth: Auth,
    /// The field that marks a 2xx body as a failure when falsy.
    pub error_flag: Option<String>,
    /// The parameter name the API uses for the key in error bodies.
    pub credential_param: Option<String>,
    /// The default client-side rate limit, requests per second.
    pub rate_limit: Option<u32>,
    /// Closed sets shared by the whole crate.
    pub enums: Vec<EnumDef>,
    /// The polling helper, when the overrides file describes one.
    pub polling: Option<crate::infer::polling::Polling>,
    /// The plain-text error answers every operation may give, when the API answers
    /// in text (from the overrides file's `[answers]`).
    pub answers: Option<crate::answers::ApiAnswers>,
    /// The root module: requests at the collection root, and one module per folder.
    pub root: Module,
}

/// A module: one folder of the collection.
#[derive(Clone, Debug)]
pub struct Module {
    /// The Rust module name (`sms`, `business`, `user`).
    pub name: String,
    /// The folder's name in the collection (`Informative endpoints`).
    pub title: String,
    /// The folder's path in the collection (`Business / User`); empty for the root.
    pub key: String,
    /// Documentation (Markdown, from the folder description).
    pub docs: String,
    /// The name of the handle type (`Sms`, `Business`).
    pub handle: String,
    /// The operations, in collection order.
    pub operations: Vec<Operation>,
    /// Nested modules, in collection order.
    pub modules: Vec<Module>,
    /// Response types of this module's operations.
    pub types: Vec<TypeDef>,
}

impl Module {
    /// This module and every module below it, depth first, with their paths.
    pub fn walk(&self) -> Vec<(Vec<&str>, &Module)> {
        fn go<'a>(m: &'a Module, path: Vec<&'a str>, out: &mut Vec<(Vec<&'a str>, &'a Module)>) {
            out.push((path.clone(), m));
            for child in &m.modules {
                let mut p = path.clone();
                p.push(&child.name);
                go(child, p, out);
            }
        }
        let mut out = Vec::new();
        go(self, Vec::new(), &mut out);
        out
    }

    /// Every operation in this module and below.
    pub fn all_operations(&self) -> impl Iterator<Item = &Operation> {
        self.walk()
            .into_iter()
            .flat_map(|(_, m)| m.operations.iter())
    }
}

/// One request of the collection.
#[derive(Clone, Debug)]
pub struct Operation {
    /// The request's path in the collection (`SMS / Order SMS`): the key of overrides.
    pub key: String,
    /// The Rust method name (`purchase`).
    pub name: String,
    /// The request's name in the collection (`Order SMS`).
    pub title: String,
    /// The JSON path of the request item (`item[1].item[0]`).
    pub json_path: String,
    /// Documentation (Markdown, from the request description and overrides).
    pub docs: String,
    /// The HTTP method, upper case.
    pub method: String,
    /// The path below the base URL, with `{name}` placeholders (`/users/{id}`).
    pub path: String,
    /// The host the collection gives this request (for the docs), if any.
    pub host: Option<String>,
    /// Parameters the caller gives, in collection order.
    pub params: Vec<Param>,
    /// How the body is encoded.
    pub body: Body,
    /// How the key travels for this request.
    pub auth: Auth,
    /// The form field that carries the key, where the request has one.
    pub credential_field: Option<String>,
    /// Headers sent with a fixed value (`Accept: application/json`).
    pub constant_headers: Vec<(String, String)>,
    /// Parameters always sent with the collection's value (`fixed` in the overrides
    /// file): not arguments.
    pub fixed_params: Vec<FixedParam>,
    /// Whether retries are safe.
    pub safety: Safety,
    /// Why the safety class (an override, or the method).
    pub safety_reason: String,
    /// Saved examples, in collection order.
    pub examples: Vec<Example>,
    /// Notes for the docs about decisions the generator made for this request.
    pub notes: Vec<String>,
    /// The response, filled by inference.
    pub response: ResponseModel,
}

/// A parameter.
#[derive(Clone, Debug)]
pub struct Param {
    /// The name on the wire, exactly as in the collection.
    pub wire: String,
    /// The Rust identifier.
    pub ident: String,
    /// Where it travels.
    pub location: Location,
    /// Text or a file.
    pub kind: ParamKind,
    /// Whether a call must give it.
    pub required: bool,
    /// Why it is required or optional.
    pub required_reason: String,
    /// Documentation.
    pub docs: String,
    /// The value in the collection's request, if any.
    pub example: Option<String>,
    /// The value sent when the caller gives none (a collection variable's value).
    pub default: Option<String>,
    /// The crate-level enum the parameter takes instead of any text (`enum` in the
    /// overrides file).
    pub choices: Option<String>,
    /// For an enum parameter, the variant its example value names (filled by
    /// inference, which builds the enums).
    pub example_variant: Option<String>,
}

/// A parameter sent with the same value on every call.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FixedParam {
    /// The name on the wire.
    pub wire: String,
    /// Where it travels.
    pub location: Location,
    /// The value.
    pub value: String,
}

/// Where a parameter travels.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Location {
    /// A `{name}` segment of the path.
    Path,
    /// The query string.
    Query,
    /// A header.
    Header,
    /// A form or multipart field.
    Form,
}

impl Location {
    /// A lower-case name.
    pub fn as_str(self) -> &'static str {
        match self {
            Location::Path => "path",
            Location::Query => "query",
            Location::Header => "header",
            Location::Form => "form",
        }
    }
}

/// What a parameter holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ParamKind {
    /// Text.
    Text,
    /// A file (multipart).
    File,
}

/// The request body.
#[derive(Clone, Debug, PartialEq)]
pub enum Body {
    /// No body.
    None,
    /// Form fields, urlencoded.
    Form,
    /// Form fields with files, multipart.
    Multipart,
    /// JSON, typed from the collection's example body.
    Json {
        /// The example body, parsed (with `{{variables}}` and comments tolerated).
        example: Value,
        /// The request type's name.
        type_name: String,
    },
    /// Text with a content type (raw text, XML, JSON that could not be parsed).
    Text {
        /// The content type.
        content_type: String,
        /// The collection's example text.
        example: String,
    },
    /// Bytes from a file.
    Binary,
    /// A GraphQL query with variables.
    GraphQl {
        /// The query text.
        query: String,
        /// The example variables.
        variables: Value,
        /// The variables type's name (empty when there are no variables).
        type_name: String,
    },
}

/// How the key is sent.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Auth {
    /// Nothing.
    None,
    /// `Authorization: Bearer`.
    Bearer,
    /// `Authorization: Basic`.
    Basic,
    /// A header.
    Header(String),
    /// A query parameter.
    Query(String),
    /// A scheme the client cannot perform itself (oauth2, digest, aws...): the caller
    /// supplies the header. Holds the Postman type.
    Manual(String),
}

impl Auth {
    /// A short description for listings and docs.
    pub fn describe(&self) -> String {
        match self {
            Auth::None => "none".into(),
            Auth::Bearer => "bearer".into(),
            Auth::Basic => "basic".into(),
            Auth::Header(h) => format!("api key in header `{h}`"),
            Auth::Query(q) => format!("api key in query `{q}`"),
            Auth::Manual(kind) => format!("{kind} (supply the Authorization header yourself)"),
        }
    }
}

/// Whether an operation may be retried.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Safety {
    /// Reads only.
    ReadOnly,
    /// Changes state.
    Mutation,
    /// Spends money.
    Paid,
}

impl Safety {
    /// A lower-case name.
    pub fn as_str(self) -> &'static str {
        match self {
            Safety::ReadOnly => "read-only",
            Safety::Mutation => "mutation",
            Safety::Paid => "paid",
        }
    }
}

/// A saved example response.
#[derive(Clone, Debug)]
pub struct Example {
    /// The example's name.
    pub name: String,
    /// The status code, when saved.
    pub status: Option<u16>,
    /// The reason phrase, when saved.
    pub status_text: Option<String>,
    /// Headers, as saved.
    pub headers: Vec<(String, String)>,
    /// The body, as saved.
    pub body: String,
    /// The body parsed as JSON, when it is JSON.
    pub json: Option<Value>,
    /// The parameter values of the request that produced it (wire name, value).
    pub request_params: Vec<(String, String)>,
}
