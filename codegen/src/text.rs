//! Plain-text helpers the passes share.

/// `text` without HTML tags (`<p>Pool <b>Foxtrot</b></p>` → `Pool Foxtrot`) and
/// with runs of whitespace made one space: messages quoted from saved answers.
pub fn strip_tags(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_tag = false;
    for c in text.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_and_spacing_go() {
        assert_eq!(
            strip_tags("<p>Pool <b>Foxtrot</b>:\n  no</p>"),
            "Pool Foxtrot: no"
        );
        assert_eq!(strip_tags("a > b"), "a > b");
        assert_eq!(strip_tags(&strip_tags("<i>x</i>  y")), "x y");
    }
}
