//! Text put into the printed code after prettyplease, where syn and prettyplease
//! would only make things slower or uglier:
//!
//! - doc comments, close to half of the generated text, which syn would parse line by
//!   line as attributes holding strings: a block is emitted as one placeholder
//!   attribute, `#[doc = " __verbatim_7__"]`, printed `/// __verbatim_7__`, and
//!   replaced by its `///` lines: exactly what prettyplease prints for one attribute
//!   per line;
//! - macro invocations whose bodies prettyplease would print as loose tokens: emitted
//!   as `__verbatim!(8);` and replaced by text the emitter laid out (rustfmt leaves
//!   brace-delimited macro bodies alone).
//!
//! Blocks are kept per thread, because token streams never leave the thread that
//! builds them; [`reset`] starts a crate.

use std::cell::RefCell;

use proc_macro2::{Literal, TokenStream};
use quote::quote;

enum Block {
    /// Doc lines, each starting with the space after `///`.
    Doc(Vec<String>),
    /// An item's text, lines unindented.
    Item(String),
}

thread_local! {
    static BLOCKS: RefCell<Vec<Block>> = const { RefCell::new(Vec::new()) };
}

const MARK: &str = "__verbatim_";

/// Forgets the blocks of earlier crates: called before a thread emits a crate.
pub fn reset() {
    BLOCKS.with(|blocks| blocks.borrow_mut().clear());
}

fn push(block: Block) -> usize {
    BLOCKS.with(|blocks| {
        let mut blocks = blocks.borrow_mut();
        blocks.push(block);
        blocks.len() - 1
    })
}

/// The placeholder string for a doc attribute holding `lines`; `None` without lines.
pub fn doc(lines: Vec<String>) -> Option<String> {
    if lines.is_empty() {
        return None;
    }
    Some(format!(" {MARK}{}__", push(Block::Doc(lines))))
}

/// A placeholder item that becomes `text` (an item, laid out by the caller).
pub fn item(text: String) -> TokenStream {
    let number = Literal::usize_unsuffixed(push(Block::Item(text)));
    quote!(__verbatim!(#number);)
}

/// Replaces every placeholder line of printed `code` by its block.
pub fn expand(code: &str) -> String {
    BLOCKS.with(|blocks| {
        let blocks = blocks.borrow();
        let mut out = String::with_capacity(code.len() * 2);
        for line in code.lines() {
            let trimmed = line.trim_start();
            let indent = &line[..line.len() - trimmed.len()];
            let doc = ["///", "//!"].iter().find_map(|comment| {
                let number = trimmed
                    .strip_prefix(comment)?
                    .strip_prefix(' ')?
                    .strip_prefix(MARK)?
                    .strip_suffix("__")?;
                Some((*comment, number.parse::<usize>().ok()?))
            });
            let item = trimmed
                .strip_prefix("__verbatim!(")
                .and_then(|rest| rest.strip_suffix(");"))
                .and_then(|number| number.parse::<usize>().ok());
            match (doc, item) {
                (Some((comment, n)), _) if matches!(blocks.get(n), Some(Block::Doc(_))) => {
                    if let Some(Block::Doc(lines)) = blocks.get(n) {
                        for text in lines {
                            out.push_str(indent);
                            out.push_str(comment);
                            out.push_str(text);
                            out.push('\n');
                        }
                    }
                }
                (_, Some(n)) if matches!(blocks.get(n), Some(Block::Item(_))) => {
                    if let Some(Block::Item(text)) = blocks.get(n) {
                        for text_line in text.lines() {
                            if !text_line.is_empty() {
                                out.push_str(indent);
                            }
                            out.push_str(text_line);
                            out.push('\n');
                        }
                    }
                }
                _ => {
                    out.push_str(line);
                    out.push('\n');
                }
            }
        }
        out
    })
}
