//! Per request (`[operations."Folder / Request"]`, with its `params`) and per safety
//! class (`[safety]`).

use std::collections::{BTreeMap, BTreeSet};

use serde::Deserialize;

/// An operation override.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OperationOverride {
    /// The method name to use.
    pub name: Option<String>,
    /// Parameter overrides, keyed by wire name.
    #[serde(default)]
    pub params: BTreeMap<String, ParamOverride>,
    /// Documentation to add (Markdown), appended to the request's description.
    pub docs: Option<String>,
    /// Error conditions it signals by message only, keyed by kind (`cancel_too_early`).
    #[serde(default)]
    pub errors: BTreeMap<String, super::ErrorKindOverride>,
    /// Why.
    pub reason: Option<String>,
}

/// A parameter override.
#[derive(Clone, Debug, Deserialize)]
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
    /// What the parameter takes, where the collection does not tell it (or tells it
    /// wrong).
    #[serde(rename = "type")]
    pub param_type: Option<ParamTypeOverride>,
    /// The Rust name, where the one made from the wire name reads badly
    /// (`order_id` for `orderid`).
    pub rename: Option<String>,
    /// Always send the collection's value: the parameter is not an argument (the
    /// `action=getNumber` of a protocol that names the operation in a field).
    #[serde(default)]
    pub fixed: bool,
    /// Why.
    pub reason: String,
}

/// A parameter type in the overrides file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ParamTypeOverride {
    /// Text.
    Text,
    /// A non-negative integer (`u64`).
    Integer,
    /// An integer that may be negative (`i64`).
    SignedInteger,
    /// An exact decimal (money).
    Decimal,
    /// Yes or no, sent as `true`/`false`.
    Bool,
    /// Yes or no, sent as `1`/`0`.
    Flag,
    /// An ID or a name.
    IdOrName,
    /// A list of integers, sent as JSON.
    IntegerList,
    /// A list of texts, sent as JSON.
    TextList,
}

/// The safety class of each operation.
#[derive(Clone, Debug, Default, Deserialize)]
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
