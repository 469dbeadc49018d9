//! The `use` items a generated file needs, collected while emitting it.

use std::collections::BTreeMap;

use super::layout;
use crate::model::taken_type_names;

/// Paths used by a file, grouped by the path they are imported from.
#[derive(Debug, Default)]
pub struct Uses {
    by_parent: BTreeMap<String, Vec<String>>,
}

impl Uses {
    /// Records `path` (`postgen_runtime::lenient::Int`).
    pub fn add(&mut self, path: &str) {
        let (parent, item) = path.rsplit_once("::").unwrap_or(("", path));
        debug_assert!(
            parent.starts_with("crate")
                || !item.starts_with(|c: char| c.is_ascii_uppercase())
                || taken_type_names().any(|taken| taken == item),
            "`{item}` is imported unqualified: list it in model::TAKEN_TYPE_NAMES"
        );
        let items = self.by_parent.entry(parent.to_owned()).or_default();
        if !items.iter().any(|i| i == item) {
            items.push(item.to_owned());
        }
    }

    /// Forgets everything imported from `parent` (the crate root needs no `crate::`
    /// imports of its own items).
    pub fn remove_parent(&mut self, parent: &str) {
        self.by_parent.remove(parent);
    }

    /// Forgets `path` (the file defines or re-exports the item itself).
    pub fn remove(&mut self, path: &str) {
        let (parent, item) = path.rsplit_once("::").unwrap_or(("", path));
        if let Some(items) = self.by_parent.get_mut(parent) {
            items.retain(|i| i != item);
        }
    }

    /// One `use` per parent path, items in rustfmt's order, parents in rustfmt's
    /// order (`crate`, then `serde`, `postgen_runtime`, `std`: plain ASCII order), laid
    /// out as rustfmt lays them out; without `postgen_runtime` items named in
    /// `reexported` (the crate root imports those with its `pub use`).
    pub fn text(&self, reexported: &[&str]) -> String {
        let mut lines: Vec<(String, String)> = Vec::new();
        for (parent, items) in &self.by_parent {
            let mut items: Vec<String> = items
                .iter()
                .filter(|i| parent != "postgen_runtime" || !reexported.contains(&i.as_str()))
                .cloned()
                .collect();
            if items.is_empty() {
                continue;
            }
            items.sort_by(|a, b| version_order(a, b));
            // rustfmt orders `use` items by their text, where `{` sorts after names.
            let key = if let [one] = items.as_slice() {
                format!("{parent}::{one}")
            } else {
                format!("{parent}::{{{}}}", items.join(", "))
            };
            lines.push((key, layout::use_item("", parent, &items)));
        }
        lines.sort_by(|a, b| a.0.cmp(&b.0));
        let text: Vec<String> = lines.into_iter().map(|(_, text)| text).collect();
        text.join("\n")
    }
}

/// rustfmt's (style edition 2024) order inside a `use` group: `self` first, then
/// case-sensitive ASCII order (upper case before lower case).
fn version_order(a: &str, b: &str) -> std::cmp::Ordering {
    (a != "self").cmp(&(b != "self")).then_with(|| a.cmp(b))
}
