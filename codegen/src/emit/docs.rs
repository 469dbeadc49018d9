//! Collection Markdown made safe for rustdoc, and the layout fixes prettyplease's
//! output needs.

/// `text` as inline code, safe whatever it contains.
pub fn code(text: &str) -> String {
    format!("`{}`", text.replace('`', "'"))
}

/// Puts blank lines between items in prettyplease's output, which has none: before
/// a doc comment, attribute or item that follows the end of another item (fields and
/// variants stay together). rustfmt keeps single blank lines, so the result stays
/// rustfmt-clean.
pub fn space_items(code: &str) -> String {
    let mut out = String::with_capacity(code.len() + code.len() / 16);
    let mut previous = "";
    for line in code.lines() {
        let t = line.trim_start();
        let p = previous.trim_start();
        let starts_item = t.starts_with("///")
            || t.starts_with("#[")
            || t.starts_with("pub ")
            || t.starts_with("impl")
            || t.starts_with("static ")
            || t.starts_with("fn ")
            || t.starts_with("async fn ")
            || t.starts_with("mod ")
            || t.starts_with("__verbatim!(");
        let code_line = !p.starts_with("//") && !p.starts_with("#[");
        let ends_item =
            code_line && (p == "}" || p == "};" || (p.ends_with(';') && !p.starts_with("use ")));
        let module_decl =
            |l: &str| (l.starts_with("pub mod ") || l.starts_with("mod ")) && l.ends_with(';');
        // A module's `#[cfg(feature = ...)]` keeps it in the list of modules.
        let between_mods = module_decl(p) && (module_decl(t) || t.starts_with("#[cfg(feature"));
        let after_uses = p.starts_with("use ") && p.ends_with(';') && !t.starts_with("use ");
        let after_inner_docs = p.starts_with("//!") && !t.starts_with("//!");
        let after_header = p.starts_with("//")
            && !p.starts_with("///")
            && !p.starts_with("//!")
            && !t.starts_with("//");
        if !previous.is_empty()
            && !t.is_empty()
            && !between_mods
            && ((starts_item && ends_item) || after_uses || after_inner_docs || after_header)
        {
            out.push('\n');
        }
        out.push_str(line);
        out.push('\n');
        previous = line;
    }
    out
}

/// Makes collection Markdown safe for rustdoc:
/// - fenced code blocks without a language (which rustdoc would compile as Rust)
///   are marked `text`;
/// - lines indented four or more spaces outside fences (indented code blocks, also
///   compiled) lose their indentation beyond three spaces;
/// - bare URLs become `<autolinks>`; `[`, `]` and `<` outside code are escaped so that
///   they are never read as intra-doc links or HTML;
/// - whitespace-only lines become empty;
/// - headings are levelled under the item's own: the shallowest becomes `##`, the
///   others keep their depth below it;
/// - a table without a header row (`| **Success** | {"success":1} |`) gets an empty
///   one, so that it renders as a table rather than a line of pipes.
pub fn sanitize(markdown: &str) -> String {
    let text = markdown.replace("\r\n", "\n").replace('\r', "\n");
    let lines: Vec<&str> = text.lines().collect();
    let shift = heading_shift(&lines);
    let mut out = String::with_capacity(markdown.len() + 16);
    let mut in_fence = false;
    let mut in_table = false;
    for (i, line) in lines.iter().enumerate() {
        let trimmed = line.trim_start();
        if let Some(rest) = trimmed.strip_prefix("```") {
            in_table = false;
            if in_fence {
                in_fence = false;
                out.push_str("```\n");
            } else {
                in_fence = true;
                let lang = rest.trim();
                let safe = if lang.is_empty() || lang.contains(|c: char| !c.is_ascii_alphanumeric())
                {
                    "text"
                } else if matches!(lang, "rust" | "rs") {
                    "rust,ignore"
                } else {
                    lang
                };
                out.push_str("```");
                out.push_str(safe);
                out.push('\n');
            }
            continue;
        }
        if in_fence {
            out.push_str(line);
            out.push('\n');
            continue;
        }
        if trimmed.is_empty() {
            in_table = false;
            out.push('\n');
            continue;
        }
        if let Some(cells) = table_row(trimmed.trim_end()) {
            let delimiter_next = lines.get(i + 1).is_some_and(|l| is_delimiter_row(l.trim()));
            if !in_table && !delimiter_next {
                if !out.is_empty() && !out.ends_with("\n\n") {
                    out.push('\n');
                }
                out.push_str(&"| ".repeat(cells));
                out.push_str("|\n");
                out.push_str(&"|---".repeat(cells));
                out.push_str("|\n");
            }
            in_table = true;
        } else {
            in_table = false;
        }
        let indent = (line.len() - trimmed.len()).min(3);
        out.push_str(&" ".repeat(indent));
        match heading_level(trimmed) {
            Some(level) => {
                let new_level = (level as isize + shift).clamp(1, 6) as usize;
                out.push_str(&"#".repeat(new_level));
                out.push_str(&escape_inline(&trimmed[level..]));
            }
            None => out.push_str(&escape_inline(trimmed)),
        }
        out.push('\n');
    }
    if in_fence {
        out.push_str("```\n");
    }
    out.trim_end().to_owned()
}

/// The level of an ATX heading (`### Title` → 3).
fn heading_level(line: &str) -> Option<usize> {
    let hashes = line.bytes().take_while(|b| *b == b'#').count();
    ((1..=6).contains(&hashes) && line[hashes..].starts_with(' ')).then_some(hashes)
}

/// How far headings move so that the shallowest outside fences is `##`.
fn heading_shift(lines: &[&str]) -> isize {
    let mut in_fence = false;
    let mut shallowest = None::<usize>;
    for line in lines {
        let trimmed = line.trim_start();
        if trimmed.starts_with("```") {
            in_fence = !in_fence;
        } else if !in_fence && let Some(level) = heading_level(trimmed) {
            shallowest = Some(shallowest.map_or(level, |s| s.min(level)));
        }
    }
    shallowest.map_or(0, |s| 2 - s as isize)
}

/// The number of cells of a pipe-table row (`| a | b |` → 2).
fn table_row(line: &str) -> Option<usize> {
    let inner = line.strip_prefix('|')?.strip_suffix('|')?;
    Some(inner.split('|').count())
}

/// `|---|:--:|`: the row under a table's header.
fn is_delimiter_row(line: &str) -> bool {
    let Some(inner) = line.strip_prefix('|').and_then(|l| l.strip_suffix('|')) else {
        return false;
    };
    inner.split('|').all(|cell| {
        let cell = cell.trim().trim_start_matches(':').trim_end_matches(':');
        !cell.is_empty() && cell.bytes().all(|b| b == b'-')
    })
}

/// Escapes one line outside code spans.
fn escape_inline(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut in_code = false;
    let mut rest = line;
    while let Some(c) = rest.chars().next() {
        if c == '`' {
            in_code = !in_code;
            out.push(c);
            rest = &rest[1..];
            continue;
        }
        if !in_code {
            if let Some(url_len) = bare_url_len(rest) {
                let preceded_by_paren = out.ends_with('(') || out.ends_with('<');
                if preceded_by_paren {
                    out.push_str(&rest[..url_len]);
                } else {
                    out.push('<');
                    out.push_str(&rest[..url_len]);
                    out.push('>');
                }
                rest = &rest[url_len..];
                continue;
            }
            if c == '['
                && let Some(link_len) = inline_link_len(rest)
            {
                out.push_str(&rest[..link_len]);
                rest = &rest[link_len..];
                continue;
            }
            match c {
                '[' | ']' => {
                    out.push('\\');
                    out.push(c);
                    rest = &rest[1..];
                    continue;
                }
                '<' => {
                    out.push_str("&lt;");
                    rest = &rest[1..];
                    continue;
                }
                _ => {}
            }
        }
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    if in_code {
        // An unbalanced backtick would swallow the rest of the doc: escape it instead.
        if let Some(pos) = out.rfind('`') {
            out.replace_range(pos..=pos, "\\`");
        }
    }
    out
}

/// The length of a Markdown inline link `[text](target)` at the start of `text`.
fn inline_link_len(text: &str) -> Option<usize> {
    let close = text.find(']')?;
    if text[1..close].contains('[') || !text[close + 1..].starts_with('(') {
        return None;
    }
    let end = text[close..].find(')')? + close;
    Some(end + 1)
}

fn bare_url_len(text: &str) -> Option<usize> {
    if !(text.starts_with("http://") || text.starts_with("https://")) {
        return None;
    }
    let end = text
        .find(|c: char| c.is_whitespace() || matches!(c, '<' | '>' | '"' | '`' | ')' | ']'))
        .unwrap_or(text.len());
    let url = text[..end].trim_end_matches(['.', ',', ';', ':']);
    Some(url.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn makes_markdown_safe() {
        assert_eq!(sanitize("```\n{\"a\": 1}\n```"), "```text\n{\"a\": 1}\n```");
        assert_eq!(sanitize("``` json\n{}\n```"), "```json\n{}\n```");
        assert_eq!(
            sanitize("See https://api.smspool.net/x."),
            "See <https://api.smspool.net/x>."
        );
        assert_eq!(
            sanitize("URL `https://a.b/c` and [x](https://a.b)"),
            "URL `https://a.b/c` and [x](https://a.b)"
        );
        assert_eq!(
            sanitize("see [Country list] and a[0]"),
            "see \\[Country list\\] and a\\[0\\]"
        );
        assert_eq!(sanitize("<p>Pool</p>"), "&lt;p>Pool&lt;/p>");
        assert_eq!(sanitize("1. a\n    \n        code?"), "1. a\n\n   code?");
        assert_eq!(sanitize("odd ` tick"), "odd \\` tick");
        assert_eq!(
            sanitize("### Cancel\n\n#### Responses\n\n| **Success** | 1 |\n| **Fail** | 0 |"),
            "## Cancel\n\n### Responses\n\n| | |\n|---|---|\n| **Success** | 1 |\n| **Fail** | 0 |"
        );
        assert_eq!(
            sanitize("| a | b |\n|---|---|\n| 1 | 2 |"),
            "| a | b |\n|---|---|\n| 1 | 2 |"
        );
    }
}
