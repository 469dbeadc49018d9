//! What a file collects while it is emitted, besides its tokens: the `use` items it
//! needs, and its doc comments (kept out of the tokens, see [`verbatim`](super::verbatim)).

use proc_macro2::TokenStream;
use quote::quote;

use super::uses::Uses;
use super::verbatim;

/// The context of one file being emitted.
#[derive(Debug, Default)]
pub struct Cx {
    /// The paths the file imports.
    pub uses: Uses,
    /// Whether the file is `lib.rs`, which re-exports some names itself.
    pub crate_root: bool,
    /// Its doc blocks, by placeholder number.
    docs: Vec<Vec<String>>,
}

impl Cx {
    /// An outer doc comment (`///`) holding `text`.
    pub fn doc(&mut self, text: &str) -> TokenStream {
        match self.placeholder(text) {
            Some(p) => quote!(#[doc = #p]),
            None => quote!(),
        }
    }

    /// An inner doc comment (`//!`) holding `text`.
    pub fn inner_doc(&mut self, text: &str) -> TokenStream {
        match self.placeholder(text) {
            Some(p) => quote!(#![doc = #p]),
            None => quote!(),
        }
    }

    /// An item whose text is `text` as it is (laid out by [`layout`](super::layout)).
    pub fn verbatim(&mut self, text: &str) -> TokenStream {
        self.docs.push(text.lines().map(str::to_owned).collect());
        verbatim::item_placeholder(self.docs.len() - 1)
    }

    /// The doc blocks, for [`verbatim::expand`].
    pub fn into_docs(self) -> Vec<Vec<String>> {
        self.docs
    }

    fn placeholder(&mut self, text: &str) -> Option<String> {
        let lines = lines(text);
        if lines.is_empty() {
            return None;
        }
        self.docs.push(lines);
        Some(verbatim::placeholder(self.docs.len() - 1))
    }
}

/// The doc lines of `text`, each with the space that follows `///`, tabs as four
/// spaces (rustdoc renders tabs unevenly; clippy's `tabs_in_doc_comments`).
fn lines(text: &str) -> Vec<String> {
    let text = text.trim_matches('\n');
    text.lines()
        .map(|l| {
            let l = l.trim_end().replace('\t', "    ");
            if l.is_empty() {
                String::new()
            } else {
                format!(" {l}")
            }
        })
        .collect()
}
