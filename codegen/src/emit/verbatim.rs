//! Doc comments put into the printed code after prettyplease. Docs are close to half
//! of the generated text, and syn would parse them line by line as attributes holding
//! strings: a block is emitted as one placeholder attribute, `#[doc = " __verbatim_7__"]`,
//! printed `/// __verbatim_7__`, and replaced by its `///` lines: exactly what
//! prettyplease prints for one attribute per line.
//!
//! Blocks are kept per thread, because token streams never leave the thread that
//! builds them; [`reset`] starts a crate.

use std::cell::RefCell;

thread_local! {
    /// Doc blocks by placeholder number: lines, each starting with the space after `///`.
    static BLOCKS: RefCell<Vec<Vec<String>>> = const { RefCell::new(Vec::new()) };
}

const MARK: &str = "__verbatim_";

/// Forgets the blocks of earlier crates: called before a thread emits a crate.
pub fn reset() {
    BLOCKS.with(|blocks| blocks.borrow_mut().clear());
}

fn push(block: Vec<String>) -> usize {
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
    Some(format!(" {MARK}{}__", push(lines)))
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
            match doc.and_then(|(comment, n)| Some((comment, blocks.get(n)?))) {
                Some((comment, lines)) => {
                    for text in lines {
                        out.push_str(indent);
                        out.push_str(comment);
                        out.push_str(text);
                        out.push('\n');
                    }
                }
                None => {
                    out.push_str(line);
                    out.push('\n');
                }
            }
        }
        out
    })
}
