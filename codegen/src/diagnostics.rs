//! Errors that stop generation, and warnings that do not.

use std::collections::BTreeMap;
use std::fmt;

/// A problem with the input that stops generation. Names where it is (a JSON path
/// into the collection, or a key of the overrides file) and what was expected.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error {
    /// The file the problem is in (`collection` or `overrides`).
    pub source: &'static str,
    /// Where in that file, such as `item[3].request.body.mode`.
    pub path: String,
    /// What is wrong and what was expected.
    pub message: String,
    /// When the problem is an entry of the overrides file that no longer matches the
    /// collection: which one.
    pub stale: Option<Box<Stale>>,
}

/// An entry of the overrides file that names something the collection no longer has.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Stale {
    /// `[folders."<key>"]`.
    Folder(String),
    /// `[operations."<key>"]`.
    Operation(String),
    /// `<key>` in `safety.<list>`.
    Safety {
        /// `paid`, `mutation` or `read_only`.
        list: String,
        /// The request.
        key: String,
    },
    /// `[operations."<operation>".params.<wire>]`.
    Param {
        /// The request.
        operation: String,
        /// The parameter.
        wire: String,
    },
    /// `[answers.operations."<key>"]`.
    Answers(String),
    /// `[polling]`.
    Polling,
    /// `[mock]`: the mock's order lifecycle (not the client's API).
    Mock,
    /// A field of `enums.<name>.fields`.
    EnumField {
        /// The enum.
        name: String,
        /// The request.
        operation: String,
        /// The field.
        field: String,
    },
    /// An entry of `[[types]]`.
    TypeName {
        /// The request.
        operation: String,
        /// The position.
        path: String,
    },
    /// `[fields.<wire>]`.
    FieldDocs(String),
}

impl Stale {
    /// Whether the entry changed the generated API (names, types, required
    /// parameters, safety...), so that it no longer applying changes the API too;
    /// docs-only entries do not.
    pub fn changes_api(&self) -> bool {
        // The mock's order book is test support: the client's API is the same.
        !matches!(self, Stale::FieldDocs(_) | Stale::Mock)
    }
}

impl Error {
    pub(crate) fn collection(path: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            source: "collection",
            path: path.into(),
            message: message.into(),
            stale: None,
        }
    }

    pub(crate) fn overrides(path: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            source: "overrides",
            path: path.into(),
            message: message.into(),
            stale: None,
        }
    }

    /// An entry of the overrides file that no longer matches the collection.
    pub(crate) fn stale(path: impl Into<String>, message: impl Into<String>, stale: Stale) -> Self {
        Self {
            stale: Some(Box::new(stale)),
            ..Self::overrides(path, message)
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            write!(f, "invalid {}: {}", self.source, self.message)
        } else {
            write!(
                f,
                "invalid {} at `{}`: {}",
                self.source, self.path, self.message
            )
        }
    }
}

impl std::error::Error for Error {}

/// Warnings, grouped by kind so that each kind is listed once with a count and the
/// first place it was seen.
#[derive(Clone, Debug, Default)]
pub struct Warnings {
    by_kind: BTreeMap<String, Seen>,
}

#[derive(Clone, Debug)]
struct Seen {
    first_path: String,
    count: usize,
}

impl Warnings {
    /// Records one occurrence of `kind` at `path`.
    pub(crate) fn add(&mut self, kind: impl Into<String>, path: impl Into<String>) {
        self.by_kind
            .entry(kind.into())
            .and_modify(|seen| seen.count += 1)
            .or_insert_with(|| Seen {
                first_path: path.into(),
                count: 1,
            });
    }

    /// Adds `other`'s warnings, each kind prefixed with `context` (when not empty).
    pub(crate) fn absorb(&mut self, other: &Warnings, context: &str) {
        for (kind, seen) in &other.by_kind {
            let kind = if context.is_empty() {
                kind.clone()
            } else {
                format!("{context}: {kind}")
            };
            let entry = self.by_kind.entry(kind).or_insert_with(|| Seen {
                first_path: seen.first_path.clone(),
                count: 0,
            });
            entry.count += seen.count;
        }
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.by_kind.is_empty()
    }

    /// One line per kind: `kind (N times, first at PATH)`.
    pub fn lines(&self) -> Vec<String> {
        self.by_kind
            .iter()
            .map(|(kind, seen)| match seen.count {
                1 => format!("{kind} (at `{}`)", seen.first_path),
                n => format!("{kind} ({n} times, first at `{}`)", seen.first_path),
            })
            .collect()
    }
}
