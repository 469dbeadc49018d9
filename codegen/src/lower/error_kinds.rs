//! An operation's error conditions told apart by message (`errors` of an
//! `[operations."…"]` entry): named, checked, and kept with the operation.

use super::Lowering;
use super::items::checked_name;
use crate::diagnostics::Error;
use crate::model::ErrorKind;
use crate::names::pascal_ident;

impl Lowering<'_> {
    /// The conditions the overrides file declares for request `key`.
    pub(super) fn error_kinds(&self, key: &str) -> Result<Vec<ErrorKind>, Error> {
        let Some(entry) = self.overrides.operations.get(key) else {
            return Ok(Vec::new());
        };
        entry
            .errors
            .iter()
            .map(|(name, kind)| {
                let path = format!("operations.\"{key}\".errors.{name}");
                let name = checked_name(name, &path)?;
                let messages: Vec<String> = kind
                    .messages
                    .iter()
                    .map(|m| m.trim().to_owned())
                    .filter(|m| !m.is_empty())
                    .collect();
                if messages.is_empty() {
                    return Err(Error::overrides(
                        format!("{path}.messages"),
                        "an error kind needs at least one message to recognise it by",
                    ));
                }
                Ok(ErrorKind {
                    variant: pascal_ident(&name, "Kind"),
                    name,
                    messages,
                    later: kind.later,
                    docs: kind.docs.trim().to_owned(),
                })
            })
            .collect()
    }
}
