//! Small pieces of Markdown for change lines.

/// `text` as inline code on one line, whatever it contains.
pub fn code(text: &str) -> String {
    let one_line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if one_line.is_empty() {
        return "(empty)".into();
    }
    if one_line.contains('`') {
        format!("`` {} ``", one_line.replace("``", "` `"))
    } else {
        format!("`{one_line}`")
    }
}

/// The longest excerpt of an edited text shown in a change line.
const EXCERPT: usize = 60;

/// What an edit of a description did, in a few words: the first line that differs,
/// before and after, shortened around the first differing character.
pub fn edit(old: &str, new: &str) -> String {
    let old_lines: Vec<&str> = meaningful_lines(old);
    let new_lines: Vec<&str> = meaningful_lines(new);
    if old_lines.is_empty() {
        return format!("added ({})", lines(new_lines.len()));
    }
    if new_lines.is_empty() {
        return format!("removed (was {})", lines(old_lines.len()));
    }
    let first = old_lines
        .iter()
        .zip(&new_lines)
        .position(|(a, b)| a != b)
        .unwrap_or(old_lines.len().min(new_lines.len()));
    let (a, b) = (
        old_lines.get(first).copied().unwrap_or(""),
        new_lines.get(first).copied().unwrap_or(""),
    );
    let size = if old_lines.len() == new_lines.len() {
        String::new()
    } else {
        format!(" ({} → {})", lines(old_lines.len()), lines(new_lines.len()))
    };
    let (a, b) = excerpts(a, b);
    format!("{} → {}{size}", code(&a), code(&b))
}

fn meaningful_lines(text: &str) -> Vec<&str> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect()
}

fn lines(n: usize) -> String {
    if n == 1 {
        "1 line".into()
    } else {
        format!("{n} lines")
    }
}

/// Both strings cut to a window around their first difference.
fn excerpts(a: &str, b: &str) -> (String, String) {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let first = a
        .iter()
        .zip(&b)
        .position(|(x, y)| x != y)
        .unwrap_or(a.len().min(b.len()));
    let start = first.saturating_sub(EXCERPT / 3);
    let cut = |s: &[char]| {
        let end = (start + EXCERPT).min(s.len());
        let mut out = String::new();
        if start > 0 {
            out.push('…');
        }
        out.extend(&s[start.min(s.len())..end]);
        if end < s.len() {
            out.push('…');
        }
        if out.is_empty() {
            out.push_str("(nothing)");
        }
        out
    };
    (cut(&a), cut(&b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edits_show_the_first_difference() {
        assert_eq!(
            edit("Cancel your order.\nMore.", "Cancel your SMS order.\nMore."),
            "`Cancel your order.` → `Cancel your SMS order.`"
        );
        assert_eq!(edit("", "New text"), "added (1 line)");
        assert_eq!(edit("a\nb", "a"), "`b` → `(nothing)` (2 lines → 1 line)");
        let long = "x".repeat(100);
        let changed = format!("{long}y");
        let shown = edit(&long, &changed);
        assert!(shown.starts_with("`…x"), "{shown}");
        assert!(shown.ends_with("xy`"), "{shown}");
    }

    #[test]
    fn code_survives_backticks() {
        assert_eq!(code("a `b`"), "`` a `b` ``");
        assert_eq!(code(""), "(empty)");
    }
}
