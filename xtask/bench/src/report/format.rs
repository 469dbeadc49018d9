//! Section 9: the ways to print the emitter's tokens, timed and judged by their text.

use std::fmt::Write as _;

use super::thousands;
use crate::formatters::{FormattersResult, Way};
use crate::stats::{ratio, secs};

/// What each way's text costs a reader, beyond the numbers.
fn reads(way: Way) -> &'static str {
    match way {
        Way::Current => {
            "The committed style: rustfmt-stable as emitted (`generated/rustfmt.toml`), the \
             same bytes on every machine, diffs a reviewer can read."
        }
        Way::TreeOnly => {
            "The same text. The cost moves into the emitter: every `quote!` becomes `syn` \
             nodes built field by field, several times the code, much harder to read than \
             the Rust it makes."
        }
        Way::FromText => {
            "The same text: only what `syn` reads changes (text, lexed, instead of tokens)."
        }
        Way::Rustfmt => {
            "rustfmt's own style, the most familiar, but not ours to pin: it needs `rustfmt` \
             where the crate is generated (a toolchain component, not a crate), its output \
             follows that toolchain's version, so the same input no longer gives the same \
             bytes everywhere and `gen --check` would depend on the machine, and docs \
             print as `#[doc = ...]` attributes unless the post-pass learns its form."
        }
        Way::Unformatted => {
            "Nothing to read: each file is one line of tokens (`pub fn new (client : & ...`), \
             a pull request's diff shows whole files changed."
        }
    }
}

pub(super) fn section(out: &mut String, f: &FormattersResult) {
    let _ = write!(
        out,
        "## 9. Formatting: the alternatives

The `format` stage turns each file's tokens into text. Here it is measured against the \
ways it could be done instead, on the crate of the synthetic collection of {requests} \
requests ({files} Rust files), each way on the same freshly emitted tokens, {runs} runs \
after one untimed run (whose text is judged), the ways in a different order each run. \
One thread; doc comments are placeholders in the tokens for all of them \
(`codegen::emit::verbatim`), so this is the formatter alone. `rustfmt`: {rustfmt}.

| Way | Median | Min | Against now | Lines | Longest line | Lines over 100 | Files not as now |
| --- | --- | --- | --- | --- | --- | --- | --- |
",
        requests = thousands(f.requests),
        files = f.files,
        runs = f.ways.first().map_or(0, |w| w.time.len()),
        rustfmt = f.rustfmt.as_deref().unwrap_or("not found"),
    );
    let now = f
        .ways
        .iter()
        .find(|w| w.way == Way::Current)
        .map_or(0.0, |w| w.time.median());
    for w in &f.ways {
        let layout = match &w.layout {
            Ok(l) => format!(
                "{} | {} | {} | {}",
                thousands(l.lines),
                l.longest,
                thousands(l.over_100),
                l.differ
            ),
            Err(why) => format!("{why} | | | "),
        };
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {layout} |",
            w.way.name(),
            secs(w.time.median()),
            secs(w.time.min()),
            ratio(w.time.median() / now),
        );
    }
    out.push_str("\nWhat each costs in readability:\n\n");
    for w in &f.ways {
        let _ = writeln!(out, "- **{}**: {}", w.way.name(), reads(w.way));
    }
    out.push('\n');
}
