//! The saved examples a mock serves, as the generator writes them
//! (`src/mock/examples.json` of a generated crate).

use serde::Deserialize;

use super::stub::Reply;

/// The generator's file: each operation's saved examples, in collection order.
#[derive(Debug, Deserialize)]
struct File {
    operations: Vec<OperationExamples>,
}

#[derive(Debug, Deserialize)]
struct OperationExamples {
    /// The operation's name (`sms::purchase`), as its [`Operation`](crate::Operation) has it.
    name: String,
    examples: Vec<SavedExample>,
}

/// One saved example of the collection: an answer the API gave, as recorded.
#[derive(Clone, Debug, Deserialize)]
pub struct SavedExample {
    name: String,
    /// The collection's request (`SMS / Order SMS`).
    request: String,
    success: bool,
    status: Option<u16>,
    #[serde(default)]
    headers: Vec<(String, String)>,
    body: String,
}

impl SavedExample {
    /// Its name in the collection (`422 - OUT_OF_STOCK`).
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The collection path of its request (`SMS / Order SMS`).
    pub fn request(&self) -> &str {
        &self.request
    }

    /// Whether the generator reads it as a success (else it is an error answer).
    pub fn is_success(&self) -> bool {
        self.success
    }

    /// The saved status; `None` when the collection recorded none (served as 200).
    pub fn status(&self) -> Option<u16> {
        self.status
    }

    /// The saved headers.
    pub fn headers(&self) -> &[(String, String)] {
        &self.headers
    }

    /// The saved body, byte for byte.
    pub fn body(&self) -> &str {
        &self.body
    }

    /// The reply that serves it: its status (200 when none was saved), its headers
    /// except those describing the original transfer (`Content-Length`,
    /// `Transfer-Encoding`, `Content-Encoding`, `Connection`), and its body.
    pub(super) fn reply(&self) -> Reply {
        let headers = self
            .headers
            .iter()
            .filter(|(name, _)| !is_transfer_header(name))
            .cloned()
            .collect();
        Reply::raw(self.status.unwrap_or(200), headers, self.body.clone())
    }
}

fn is_transfer_header(name: &str) -> bool {
    [
        "content-length",
        "transfer-encoding",
        "content-encoding",
        "connection",
    ]
    .iter()
    .any(|h| name.eq_ignore_ascii_case(h))
}

/// Every operation's saved examples.
#[derive(Debug)]
pub(super) struct Examples {
    operations: Vec<(String, Vec<SavedExample>)>,
}

impl Examples {
    pub(super) fn parse(text: &str) -> Result<Examples, String> {
        let file: File = serde_json::from_str(text).map_err(|e| e.to_string())?;
        let operations = file
            .operations
            .into_iter()
            .map(|op| (op.name, op.examples))
            .collect();
        Ok(Examples { operations })
    }

    fn of(&self, operation: &str) -> &[SavedExample] {
        self.operations
            .iter()
            .find(|(name, _)| *name == operation)
            .map(|(_, examples)| examples.as_slice())
            .unwrap_or_default()
    }

    /// `operation`'s example called `name`.
    pub(super) fn named(&self, operation: &str, name: &str) -> Option<&SavedExample> {
        self.of(operation).iter().find(|e| e.name == name)
    }

    /// `operation`'s example called `name`, or a message listing the names it has.
    pub(super) fn require(&self, operation: &str, name: &str) -> Result<&SavedExample, String> {
        self.named(operation, name).ok_or_else(|| {
            let names: Vec<&str> = self.of(operation).iter().map(|e| e.name.as_str()).collect();
            format!("`{operation}` has no saved example {name:?}; it has {names:?}")
        })
    }

    /// `operation`'s first saved success example, if it has one.
    pub(super) fn first_success(&self, operation: &str) -> Option<&SavedExample> {
        self.of(operation).iter().find(|e| e.success)
    }

    pub(super) fn all(&self) -> impl Iterator<Item = (&str, &SavedExample)> + '_ {
        self.operations
            .iter()
            .flat_map(|(name, examples)| examples.iter().map(move |e| (name.as_str(), e)))
    }
}
