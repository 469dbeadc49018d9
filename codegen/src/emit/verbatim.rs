//! Text put into the printed code after prettyplease.
//!
//! - Doc comments: docs are close to half of the generated text, and syn would parse
//!   them line by line as attributes holding strings. A block is emitted as one
//!   placeholder attribute, `#[doc = " __verbatim_7__"]`, printed `/// __verbatim_7__`,
//!   and replaced by its `///` lines: exactly what prettyplease prints for one
//!   attribute per line.
//! - Items laid out as rustfmt lays them out ([`layout`](super::layout)): emitted as
//!   `__verbatim!(7);`, replaced by their lines.
//!
//! Each file keeps its own blocks ([`Cx`](super::cx::Cx)).

use proc_macro2::{Literal, TokenStream};
use quote::quote;

const MARK: &str = "__verbatim_";

/// The name of the macro an item placeholder calls.
const ITEM: &str = "__verbatim!(";

/// The placeholder item of block number `n`.
pub fn item_placeholder(n: usize) -> TokenStream {
    let n = Literal::usize_unsuffixed(n);
    quote!(__verbatim!(#n);)
}

/// The placeholder text of doc attribute number `n`.
pub fn placeholder(n: usize) -> String {
    format!(" {MARK}{n}__")
}

/// Replaces every placeholder line of printed `code` by its block of `blocks`.
pub fn expand(code: &str, blocks: &[Vec<String>]) -> String {
    let mut out = String::with_capacity(code.len() * 2);
    for line in code.lines() {
        let trimmed = line.trim_start();
        let indent = &line[..line.len() - trimmed.len()];
        let item = trimmed
            .strip_prefix(ITEM)
            .and_then(|rest| rest.strip_suffix(");"))
            .and_then(|n| blocks.get(n.parse::<usize>().ok()?));
        if let Some(lines) = item {
            for text in lines {
                if !text.is_empty() {
                    out.push_str(indent);
                }
                out.push_str(text);
                out.push('\n');
            }
            continue;
        }
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
}
