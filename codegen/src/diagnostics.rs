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
}

impl Error {
    pub(crate) fn collection(path: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            source: "collection",
            path: path.into(),
            message: message.into(),
        }
    }

    pub(crate) fn overrides(path: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            source: "overrides",
            path: path.into(),
            message: message.into(),
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

    /// Adds `other`'s warnings, each kind prefixed with `context`.
    pub(crate) fn absorb(&mut self, other: &Warnings, context: &str) {
        for (kind, seen) in &other.by_kind {
            let entry = self
                .by_kind
                .entry(format!("{context}: {kind}"))
                .or_insert_with(|| Seen {
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
