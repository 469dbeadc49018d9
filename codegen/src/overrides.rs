//! The overrides file: what a human knows that the collection does not say.
//!
//! Every entry carries a `reason`, and every entry must match something in the
//! collection: an override that no longer applies (a request was renamed) is an
//! error, so it cannot silently stop working.

use std::collections::{BTreeMap, BTreeSet};

use serde::Deserialize;

use crate::diagnostics::Error;

/// The whole file.
#[derive(Debug, Default, Deserialize)]
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
    /// Names for inferred types where the generated one reads badly.
    #[serde(default)]
    pub types: Vec<TypeName>,
    /// Plain-text answers (`ACCESS_NUMBER:{id}:{number}`), for APIs that do not
    /// answer in JSON.
    pub answers: Option<crate::answers::AnswersOverride>,
    /// Other collections generated as modules of this crate, by module name.
    #[serde(default)]
    pub mounts: BTreeMap<String, crate::mount::MountOverride>,
}

/// A name for the struct inferred at one position of an operation's answer.
#[derive(Debug, Deserialize)]
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
#[derive(Debug, Default, Deserialize)]
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
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FolderOverride {
    /// The module name to use.
    pub name: Option<String>,
    /// Why.
    pub reason: String,
}

/// An operation override.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OperationOverride {
    /// The method name to use.
    pub name: Option<String>,
    /// Parameter overrides, keyed by wire name.
    #[serde(default)]
    pub params: BTreeMap<String, ParamOverride>,
    /// Documentation to add (Markdown), appended to the request's description.
    pub docs: Option<String>,
    /// Why.
    pub reason: Option<String>,
}

/// A parameter override.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ParamOverride {
    /// Whether the parameter must be given.
    pub required: Option<bool>,
    /// Documentation to use when the collection has none.
    pub docs: Option<String>,
    /// A closed set from `[enums]`: the argument or setter takes that enum instead of
    /// any text, and sends its code (or its name when it has no code).
    #[serde(rename = "enum")]
    pub enum_type: Option<String>,
    /// Always send the collection's value: the parameter is not an argument (the
    /// `action=getNumber` of a protocol that names the operation in a field).
    #[serde(default)]
    pub fixed: bool,
    /// Why.
    pub reason: String,
}

/// The safety class of each operation.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SafetyOverrides {
    /// The class of operations not listed: by default `GET`, `HEAD` and `OPTIONS`
    /// are read-only and everything else a mutation.
    pub default: Option<SafetyClass>,
    /// Operations that only read.
    #[serde(default)]
    pub read_only: BTreeSet<String>,
    /// Operations that change state without spending money.
    #[serde(default)]
    pub mutation: BTreeSet<String>,
    /// Operations that spend money: never retried.
    #[serde(default)]
    pub paid: BTreeSet<String>,
    /// Why.
    pub reason: Option<String>,
}

/// A safety class.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SafetyClass {
    /// Reads only.
    ReadOnly,
    /// Changes state.
    Mutation,
    /// Spends money.
    Paid,
}

/// A closed set of values.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EnumOverride {
    /// Documentation for the enum.
    pub docs: String,
    /// Where the set is documented.
    pub reason: String,
    /// The values.
    pub variants: Vec<EnumVariant>,
    /// The response fields that hold it.
    #[serde(default)]
    pub fields: Vec<EnumField>,
}

/// One value of a closed set.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EnumVariant {
    /// The numeric code.
    pub code: Option<i64>,
    /// The name the API uses.
    pub name: String,
    /// Documentation.
    pub docs: Option<String>,
}

/// A response field holding an enum.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EnumField {
    /// The operation's path (`SMS / Check SMS`).
    pub operation: String,
    /// The field's path in the response: `status`, `[].status`, `data[].status`.
    pub field: String,
}

/// The polling helper: which operations report on orders, which of their response
/// fields hold what, and which statuses settle an order.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PollingOverride {
    /// The name of the generated client method (`wait_for_sms`).
    pub method: String,
    /// The enum the status fields hold (`OrderStatus`, from `[enums]`).
    pub status: String,
    /// Status names (as in the enum's `variants`) meaning the code arrived.
    pub delivered: Vec<String>,
    /// Status names meaning no code will come. Every other status is pending.
    pub failed: Vec<String>,
    /// The operation that reports on many orders at once (preferred).
    pub list: PollingList,
    /// The operation that reports on one order (for orders the list does not show).
    pub check: PollingCheck,
    /// Why.
    pub reason: String,
}

/// The operation that lists orders. Field paths use the notation of
/// `enums.*.fields`, through one array: `[].status`, `data[].status`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PollingList {
    /// The operation's path (`SMS / Active orders`).
    pub operation: String,
    /// The field holding the order id (`[].order_code`).
    pub order_id: String,
    /// The field holding the status (`[].status`).
    pub status: String,
    /// The field holding the code (`[].code`).
    pub code: String,
    /// The field holding the full message, if any (`[].full_code`).
    pub full_text: Option<String>,
}

/// The operation that checks one order. Field paths are top-level fields of its
/// answer (`status`).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PollingCheck {
    /// The operation's path (`SMS / Check SMS`).
    pub operation: String,
    /// The parameter (wire name) that takes the order id; the operation's only
    /// required parameter.
    pub order_id_param: String,
    /// The field holding the status.
    pub status: String,
    /// The field holding the code.
    pub code: String,
    /// The field holding the full message, if any.
    pub full_text: Option<String>,
}

impl Overrides {
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
