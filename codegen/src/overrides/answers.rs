//! Plain-text answers (`[answers]`): the API's error answers and each operation's
//! success answers, as patterns (`ACCESS_NUMBER:{id}:{number}`).

use std::collections::BTreeMap;

use serde::Deserialize;

/// The `[answers]` section.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AnswersOverride {
    /// The name of the enum of error answers (`ErrorAnswer` when not set).
    #[serde(rename = "type")]
    pub type_name: Option<String>,
    /// Every error answer of the API: any operation may give any of them.
    #[serde(default)]
    pub errors: Vec<AnswerOverride>,
    /// Per operation, keyed by its path in the collection.
    #[serde(default)]
    pub operations: BTreeMap<String, OperationAnswersOverride>,
    /// Where the answers are documented.
    pub reason: String,
}

/// The answers of one operation.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OperationAnswersOverride {
    /// The name of the success type (`<Operation>Answer` when not set).
    #[serde(rename = "type")]
    pub type_name: Option<String>,
    /// The success answers: one makes a struct, several an enum.
    pub success: Vec<AnswerOverride>,
    /// The codes of the API's error answers documented for this operation (for its
    /// docs; every error answer is recognised from every operation).
    #[serde(default)]
    pub errors: Vec<String>,
}

/// One answer.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AnswerOverride {
    /// The pattern: `NO_NUMBERS`, `ACCESS_NUMBER:{id}:{number}`, `ACCESS_BALANCE:{balance:decimal}`.
    pub answer: String,
    /// The Rust variant name, when the one made from the code reads badly.
    pub name: Option<String>,
    /// What the answer means.
    pub docs: String,
    /// Documentation of its fields, by name.
    #[serde(default)]
    pub fields: BTreeMap<String, String>,
    /// The answer says the API key was rejected (the runtime's `InvalidApiKey`).
    #[serde(default)]
    pub invalid_api_key: bool,
}
