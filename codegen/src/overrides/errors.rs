//! Error conditions of an operation told apart by message
//! (`[operations."Folder / Request".errors.<kind>]`), for APIs that send no `type`.

use serde::Deserialize;

/// One condition: the API's error answers whose message contains one of `messages`.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ErrorKindOverride {
    /// Texts that identify it (ASCII case ignored), every wording the API was seen
    /// to use.
    pub messages: Vec<String>,
    /// Whether the same call may be accepted later (a time lock): the runtime's
    /// `when_allowed` sends it again while it lasts.
    #[serde(default)]
    pub later: bool,
    /// What it means, for the generated `ErrorKind`'s docs (Markdown).
    pub docs: String,
    /// Why.
    pub reason: String,
}
