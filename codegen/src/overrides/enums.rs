//! Closed sets (`[enums.<Name>]`) and the response fields that hold them.

use serde::Deserialize;

/// A closed set of values.
#[derive(Clone, Debug, Deserialize)]
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
#[derive(Clone, Debug, Deserialize)]
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
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EnumField {
    /// The operation's path (`SMS / Check SMS`).
    pub operation: String,
    /// The field's path in the response: `status`, `[].status`, `data[].status`.
    pub field: String,
}
