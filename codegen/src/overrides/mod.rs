//! The overrides file: what a human knows that the collection does not say.
//!
//! Every entry carries a `reason`, and every entry must match something in the
//! collection: an override that no longer applies (a request was renamed) is an
//! error, so it cannot silently stop working.

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::diagnostics::{Error, Stale};

mod answers;
mod enums;
mod errors;
mod mock;
mod mounts;
mod operations;
mod polling;

pub use answers::*;
pub use enums::*;
pub use errors::*;
pub use mock::*;
pub use mounts::*;
pub use operations::*;
pub use polling::*;

/// The whole file.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Overrides {
    /// API-wide settings.
    #[serde(default)]
    pub api: ApiOverrides,
    /// Per folder, keyed by the folder's path (`Business / User`).
    #[serde(default)]
    pub folders: BTreeMap<String, FolderOverride>,
    /// Per request, keyed by its path (`SMS / Order SMS`).
    #[serde(default)]
    pub operations: BTreeMap<String, OperationOverride>,
    /// Which operations are read-only, mutations, or paid.
    #[serde(default)]
    pub safety: SafetyOverrides,
    /// Closed sets (order status...) and the response fields that hold them.
    #[serde(default)]
    pub enums: BTreeMap<String, EnumOverride>,
    /// How to wait for orders' codes: the client's polling helper.
    pub polling: Option<PollingOverride>,
    /// How orders live in the generated mock (needs `[polling]`).
    pub mock: Option<MockOverride>,
    /// Names for inferred types where the generated one reads badly.
    #[serde(default)]
    pub types: Vec<TypeName>,
    /// What the answers' fields of each name are, for their docs.
    #[serde(default)]
    pub fields: BTreeMap<String, FieldDocs>,
    /// Plain-text answers (`ACCESS_NUMBER:{id}:{number}`), for APIs that do not
    /// answer in JSON.
    pub answers: Option<AnswersOverride>,
    /// Other collections generated as modules of this crate, by module name.
    #[serde(default)]
    pub mounts: BTreeMap<String, MountOverride>,
}

/// A name for the struct inferred at one position of an operation's answer.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TypeName {
    /// The operation's path (`eSIMs / View eSIM countries`).
    pub operation: String,
    /// The position in the answer, as in enum fields (`data[].network[]`).
    pub path: String,
    /// The Rust name.
    pub name: String,
    /// Why.
    pub reason: String,
}

/// API-wide settings.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ApiOverrides {
    /// A response field that signals failure when falsy, even with HTTP 200.
    pub error_flag: Option<String>,
    /// The parameter name the API uses for the key in error bodies.
    pub credential_param: Option<String>,
    /// Requests per second allowed by default (`0` for unlimited).
    pub rate_limit: Option<u32>,
    /// The crate-level documentation (Markdown) to put before the collection's own.
    pub docs: Option<String>,
    /// The collection variable that holds the API key, for collections whose auth
    /// block names none (the key travels in a field the protocol defines, such as
    /// SMS-Activate's `api_key`): fields whose value is `{{it}}` carry the key.
    pub key_variable: Option<String>,
    /// Why these settings.
    pub reason: Option<String>,
}

/// A folder override.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FolderOverride {
    /// The module name to use.
    pub name: Option<String>,
    /// Why.
    pub reason: String,
}

impl Overrides {
    /// These overrides without the entry `stale` (see
    /// [`build_model_for_review`](crate::build_model_for_review)).
    pub fn without(&self, stale: &Stale) -> Overrides {
        let mut o = self.clone();
        match stale {
            Stale::Folder(key) => {
                o.folders.remove(key);
            }
            Stale::Operation(key) => {
                o.operations.remove(key);
            }
            Stale::Safety { key, .. } => {
                let s = &mut o.safety;
                for list in [&mut s.paid, &mut s.mutation, &mut s.read_only] {
                    list.remove(key);
                }
            }
            Stale::Param { operation, wire } => {
                if let Some(op) = o.operations.get_mut(operation) {
                    op.params.remove(wire);
                }
            }
            Stale::Answers(key) => {
                if let Some(a) = &mut o.answers {
                    a.operations.remove(key);
                }
            }
            Stale::Polling => {
                o.polling = None;
                o.mock = None;
            }
            Stale::Mock => o.mock = None,
            Stale::EnumField {
                name,
                operation,
                field,
            } => {
                if let Some(e) = o.enums.get_mut(name) {
                    e.fields
                        .retain(|f| !(f.operation == *operation && f.field == *field));
                }
            }
            Stale::TypeName { operation, path } => {
                o.types
                    .retain(|t| !(t.operation == *operation && t.path == *path));
            }
            Stale::FieldDocs(wire) => {
                o.fields.remove(wire);
            }
        }
        o
    }

    /// Parses the TOML text of an overrides file.
    pub fn parse(toml_text: &str) -> Result<Self, Error> {
        toml::from_str(toml_text).map_err(|e| {
            let place = e
                .span()
                .map(|span| {
                    let line = toml_text[..span.start].matches('\n').count() + 1;
                    format!("line {line}")
                })
                .unwrap_or_default();
            Error::overrides(place, e.message().to_owned())
        })
    }
}

/// The docs of every answer field with one name (`order_id`).
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FieldDocs {
    /// What the field is (Markdown).
    pub docs: String,
    /// Why, or where it is documented.
    pub reason: String,
}
