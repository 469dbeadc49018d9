//! The model: the API as plain data, which every pass reads and the output stages
//! (`emit`, `listing`, `diff`) render. It depends on nothing else in the generator.
//!
//! Lowering builds a [`Lowered`] API: modules and operations with their final Rust
//! names, parameters, bodies, auth, safety and saved examples, as [`Untyped`]
//! modules. Inference turns those into [`Typed`] modules (answers and their types),
//! and the pipeline assembles the [`Api`] from what each pass returned. Facts are
//! kept as facts (which examples showed a field, why a parameter is optional, what a
//! note is about); sentences for readers are written only when the model is emitted.

mod answers;
mod lifecycle;
mod operation;
mod polling;
mod types;

pub use answers::*;
pub use lifecycle::*;
pub use operation::*;
pub use polling::*;
pub use types::*;

use std::fmt::Debug;

/// Names the generated `Client` already uses for its own methods, or clippy reads as
/// trait methods ([`HANDLE_METHODS`]): no folder or operation at the collection root
/// may take them.
pub const CLIENT_METHODS: &[&str] = &[
    "new",
    "builder",
    "runtime",
    "from_runtime",
    "clone",
    "fmt",
    "cmp",
];

/// Names a folder's handle cannot give an operation: `clone` is the derived
/// `Clone`'s; clippy reads `clone(&self)` and `cmp(&self, x)` of any return type as
/// trait methods (`should_implement_trait`) and wants `new` to return `Self`
/// (`new_ret_no_self`).
pub const HANDLE_METHODS: &[&str] = &["new", "clone", "cmp"];

/// Names no parameter may take: the builder's `into_future` (the `IntoFuture` it
/// implements), setters `fn add(self, x) -> Self` clippy reads as operators that
/// should be `std::ops` impls (`should_implement_trait`), and [`BODY_ARGUMENT`].
pub const BUILDER_NAMES: &[&str] = &[
    "into_future",
    "add",
    "sub",
    "mul",
    "div",
    "rem",
    "shl",
    "shr",
    "bitand",
    "bitor",
    "bitxor",
];

/// Type names a generated file may use unqualified or the crate root defines: what
/// module files import (the runtime's `Request`, `Operation`, `Value`...), the
/// crate root's items and re-exports (`Client`, `Error`, `RateLimit`...) and the
/// prelude names generated code writes (`Option`, `String`, `Result`...). No handle,
/// builder, inferred type or parameter enum takes one: a folder `Value` has the
/// handle `ValueFolder`, a nested answer `{"rate": {"limit": ..}}` at the root the
/// type `RateLimit2`.
pub const TAKEN_TYPE_NAMES: &[&str] = &[
    // Imported by module files.
    "Answer",
    "AnswerKind",
    "Answers",
    "ApiProfile",
    "BTreeMap",
    "ClosedSet",
    "Decimal",
    "Deserialize",
    "Empty",
    "ErrorRule",
    "Extra",
    "Flag",
    "Int",
    "JsonList",
    "JsonString",
    "JsonText",
    "Malformed",
    "Map",
    "Matched",
    "Operation",
    "Serialize",
    "Table",
    "Text",
    "TextAnswer",
    "UnknownName",
    "Unrecognised",
    "Value",
    // The crate root's own items (its re-exports are [`ROOT_REEXPORTS`]).
    "Client",
    "ClientBuilder",
    "ErrorKind",
    // The prelude's types and traits.
    "AsMut",
    "AsRef",
    "Box",
    "Clone",
    "Copy",
    "Default",
    "Drop",
    "Eq",
    "Extend",
    "Fn",
    "FnMut",
    "FnOnce",
    "From",
    "FromIterator",
    "Future",
    "Into",
    "IntoFuture",
    "IntoIterator",
    "Iterator",
    "Option",
    "Ord",
    "PartialEq",
    "PartialOrd",
    "Result",
    "Send",
    "Sized",
    "String",
    "Sync",
    "ToOwned",
    "ToString",
    "TryFrom",
    "TryInto",
    "Unpin",
    "Vec",
];

/// Module names generated code writes as the first segment of paths (`use
/// serde::Deserialize`, `postgen_runtime::Client`): a folder module of that name
/// would make them ambiguous, so folders named so get a number (`serde_2`).
pub const TAKEN_MODULE_NAMES: &[&str] =
    &["core", "rust_decimal", "serde", "postgen_runtime", "std"];

/// Module names taken at the crate root only: the re-exported `lenient`, files
/// cargo gives a meaning of its own (`src/lib.rs` is the root, `src/main.rs` and
/// `src/bin/` are binaries), and the crate's own cargo features (a top-level module
/// is compiled with the feature of its name).
pub const TAKEN_ROOT_MODULE_NAMES: &[&str] = &[
    "bin", "default", "lenient", "lib", "main", "mock", "redis", "tracing",
];

/// Statics generated files define or import besides operations' own: the crate
/// root's `PROFILE` (the API's profile) and `ERROR_ANSWERS` (the error answers
/// every operation of a text-answer API shares). No operation's static takes them.
pub const TAKEN_STATIC_NAMES: &[&str] = &["ERROR_ANSWERS", "PROFILE"];

/// What the crate root re-exports from the runtime (`pub use postgen_runtime::{..}`), so
/// that users need only the generated crate.
pub const ROOT_REEXPORTS: &[&str] = &[
    "ApiError",
    "ApiKey",
    "DecodeError",
    "Error",
    "Extra",
    "FieldError",
    "FilePart",
    "IdOrName",
    "ParamValue",
    "Patience",
    "RateLimit",
    "Request",
    "RetryPolicy",
    "Safety",
    "Settled",
    "StatusCode",
    "TransportKind",
    "Unverified",
    "lenient",
];

/// [`TAKEN_TYPE_NAMES`], the crate root's re-exports ([`ROOT_REEXPORTS`]) and the
/// polling helper's items at the crate root ([`POLLING_ROOT_ITEMS`]).
pub fn taken_type_names() -> impl Iterator<Item = &'static str> {
    TAKEN_TYPE_NAMES
        .iter()
        .chain(ROOT_REEXPORTS)
        .chain(POLLING_ROOT_ITEMS)
        .copied()
}

/// The method argument holding a request's body, when it has one that is not form
/// fields: no parameter of that request may take it.
pub const BODY_ARGUMENT: &str = "body";

/// The module of the generated mock (cargo feature `mock`), at the crate root.
pub const MOCK_MODULE: &str = "mock";

/// Names the generated mock `Server` uses for its own functions; its accessors mirror
/// the client's (`mock.sms()` beside `client.sms()`), so no folder or operation at the
/// collection root may take them either.
pub const MOCK_METHODS: &[&str] = &["start", "with_orders", "client", "runtime"];

/// Every name a folder or operation at the collection root may not take: the
/// client's and the mock server's own, and the mock's module.
pub fn root_reserved() -> Vec<&'static str> {
    let mut names = CLIENT_METHODS.to_vec();
    names.extend(
        MOCK_METHODS
            .iter()
            .copied()
            .filter(|n| !CLIENT_METHODS.contains(n)),
    );
    names.push(MOCK_MODULE);
    names
}

/// API-wide facts, from the collection and the overrides file's `[api]`.
#[derive(Clone, Debug)]
pub struct ApiInfo {
    /// The collection's name.
    pub name: String,
    /// The collection's description (Markdown).
    pub docs: String,
    /// An introduction for the crate docs from the overrides file (`[api] docs`).
    pub intro: Option<String>,
    /// The base URL requests go to by default (empty when no request has a host).
    pub base_url: String,
    /// How the key is sent by default.
    pub auth: Auth,
    /// The field that marks a 2xx body as a failure when falsy: from the overrides
    /// file, or detected from the saved examples.
    pub error_flag: Option<String>,
    /// The parameter name the API uses for the key in error bodies.
    pub credential_param: Option<String>,
    /// The default client-side rate limit, requests per second.
    pub rate_limit: Option<u32>,
}

/// What lowering builds: the API before inference.
#[derive(Clone, Debug)]
pub struct Lowered {
    /// API-wide facts.
    pub info: ApiInfo,
    /// Closed sets shared by the whole crate.
    pub enums: Vec<EnumDef>,
    /// The root module.
    pub root: Module<Untyped>,
}

/// The whole API, as the output stages read it.
#[derive(Clone, Debug)]
pub struct Api {
    /// API-wide facts.
    pub info: ApiInfo,
    /// Closed sets shared by the whole crate (a mounted collection's included).
    pub enums: Vec<EnumDef>,
    /// The plain-text error answers every operation may give, when the API answers
    /// in text (the overrides file's `[answers]`).
    pub answers: Option<ApiAnswers>,
    /// The polling helper, when the overrides file describes one (`[polling]`).
    pub polling: Option<Polling>,
    /// How orders live in the mock, when the overrides file describes it (`[mock]`).
    pub lifecycle: Option<Lifecycle>,
    /// The root module: requests at the collection root, and one module per folder.
    pub root: Module,
    /// Entries of the overrides file that no longer match the collection, left out
    /// to build this model for a review (none in a model built to generate code).
    pub stale_overrides: Vec<StaleOverride>,
}

/// An entry of the overrides file that no longer matches the collection.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StaleOverride {
    /// Where it is in the overrides file (`operations."SMS / Order SMS"`).
    pub place: String,
    /// What no longer matches.
    pub message: String,
    /// What is lost while it does not match.
    pub effect: StaleEffect,
}

/// What a stale overrides entry decided, and so what is lost while it does not match.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StaleEffect {
    /// Part of the generated API: a name, a type, a required parameter, a safety
    /// class...
    Api,
    /// Only documentation.
    Docs,
    /// How orders live in the mock (feature `mock`); the client is the same.
    Mock,
}

impl Api {
    /// The number of modules directly under the root and of all operations, leaving
    /// out mounted collections (as `cargo xtask gen` counts them).
    pub fn counts(&self) -> (usize, usize) {
        let own = self.root.modules.iter().filter(|m| m.mount.is_none());
        let operations = self.root.operations.len()
            + own
                .clone()
                .map(|m| m.all_operations().count())
                .sum::<usize>();
        (own.count(), operations)
    }

    /// The number of saved examples, leaving out mounted collections.
    pub fn saved_examples(&self) -> usize {
        self.root
            .operations
            .iter()
            .map(|op| op.examples.len())
            .sum::<usize>()
            + self
                .root
                .modules
                .iter()
                .filter(|m| m.mount.is_none())
                .flat_map(|m| m.all_operations())
                .map(|op| op.examples.len())
                .sum::<usize>()
    }
}

/// How far along the pipeline a [`Module`] or [`Operation`] is: what inference adds
/// is absent from an [`Untyped`] one, so nothing can read it before it exists.
pub trait Stage: Clone + Debug {
    /// The types a module defines.
    type Types: Clone + Debug;
    /// The type of an operation's JSON body (or GraphQL variables).
    type BodyType: Clone + Debug;
    /// What is known of an operation's answers.
    type Response: Clone + Debug;
}

/// Lowered, not inferred: no types, no answers.
#[derive(Clone, Debug)]
pub struct Untyped;

impl Stage for Untyped {
    type Types = ();
    type BodyType = ();
    type Response = ();
}

/// Inferred: what the output stages read.
#[derive(Clone, Debug)]
pub struct Typed;

impl Stage for Typed {
    type Types = Vec<TypeDef>;
    type BodyType = Option<Ty>;
    type Response = Response;
}

/// A module: one folder of the collection, the collection root, or a mounted
/// collection.
#[derive(Clone, Debug)]
pub struct Module<S: Stage = Typed> {
    /// The Rust module name (`sms`, `business`, `user`; empty for the root).
    pub name: String,
    /// The folder's name in the collection (`Informative endpoints`).
    pub title: String,
    /// The folder's path in the collection (`Business / User`); empty for the root.
    pub key: String,
    /// Documentation (Markdown, from the folder description).
    pub docs: String,
    /// The name of the handle type (`Sms`, `Business`; `Client` for the root).
    pub handle: String,
    /// The operations, in collection order.
    pub operations: Vec<Operation<S>>,
    /// Nested modules, in collection order.
    pub modules: Vec<Module<S>>,
    /// Closed sets its operations' parameters take (inferred from their
    /// descriptions).
    pub enums: Vec<EnumDef>,
    /// Types of this module's answers and bodies, in the order they are emitted.
    pub types: S::Types,
    /// Set when the module is another collection mounted in this crate.
    pub mount: Option<Mount>,
}

impl<S: Stage> Module<S> {
    /// This module and every module below it, depth first, with their paths.
    pub fn walk(&self) -> Vec<(Vec<&str>, &Module<S>)> {
        fn go<'a, S: Stage>(
            m: &'a Module<S>,
            path: Vec<&'a str>,
            out: &mut Vec<(Vec<&'a str>, &'a Module<S>)>,
        ) {
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
    pub fn all_operations(&self) -> impl Iterator<Item = &Operation<S>> {
        self.walk()
            .into_iter()
            .flat_map(|(_, m)| m.operations.iter())
    }
}

/// Another collection generated as a module of this crate (`[mounts.<module>]`),
/// sharing its client.
#[derive(Clone, Debug)]
pub struct Mount {
    /// The collection's path, as named in the headers of its files.
    pub source: String,
    /// The names of its enums, which live at the crate root with the others and are
    /// re-exported from its module.
    pub enums: Vec<String>,
    /// Its plain-text error answers, emitted in its module.
    pub answers: Option<ApiAnswers>,
}
