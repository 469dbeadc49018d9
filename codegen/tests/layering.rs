//! The architecture's dependency rule, checked on the source: which top-level module
//! of the generator may name which (ARCHITECTURE.md, "Architecture invariants").
//!
//! Every `crate::<module>` path in the code of a module (comments aside) is an edge;
//! a `super::` that climbs out of a top-level module is refused outright, so that
//! every edge is visible as `crate::`. `lib.rs`, the pipeline, may name anything.

use std::collections::BTreeMap;
use std::path::Path;

/// Each top-level module and the modules it may name.
const LAYERS: &[(&str, &[&str])] = &[
    // Utilities and the model: they name nothing else.
    ("diagnostics", &[]),
    ("names", &[]),
    ("text", &[]),
    ("model", &[]),
    ("synthetic", &[]),
    // Reading the inputs.
    ("postman", &["diagnostics"]),
    ("overrides", &["diagnostics"]),
    // The passes: the model, the overrides, the utilities; never another pass.
    (
        "lower",
        &["diagnostics", "model", "names", "overrides", "postman"],
    ),
    (
        "answers",
        &["diagnostics", "model", "names", "overrides", "text"],
    ),
    (
        "infer",
        &["diagnostics", "model", "names", "overrides", "text"],
    ),
    ("polling", &["diagnostics", "model", "names", "overrides"]),
    ("lifecycle", &["diagnostics", "model", "overrides"]),
    ("mount", &["diagnostics", "model", "names", "overrides"]),
    // The output stages read the model only.
    ("emit", &["diagnostics", "model"]),
    ("diff", &["model"]),
    ("listing", &["model"]),
];

/// The passes: each takes the model (and the overrides) and returns new data.
const PASSES: &[&str] = &["lower", "answers", "infer", "polling", "lifecycle", "mount"];

/// A reference from one module to another, with where it was found.
#[derive(Debug, PartialEq, Eq)]
struct Edge {
    from: String,
    to: String,
    at: String,
}

/// The module path of a source file relative to `src/` (`lower/items.rs` →
/// `["lower", "items"]`, `lower/mod.rs` → `["lower"]`).
fn module_path(relative: &str) -> Vec<String> {
    let trimmed = relative.trim_end_matches(".rs");
    let mut parts: Vec<String> = trimmed.split('/').map(str::to_owned).collect();
    if parts.last().is_some_and(|p| p == "mod") {
        parts.pop();
    }
    parts
}

/// `code` with comments, strings and character literals blanked out (newlines kept),
/// so that only code is scanned.
fn blank_non_code(code: &str) -> String {
    let chars: Vec<char> = code.chars().collect();
    let mut out = String::with_capacity(code.len());
    let mut i = 0;
    let keep_newlines = |c: char| if c == '\n' { '\n' } else { ' ' };
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        if c == '/' && next == Some('/') {
            while i < chars.len() && chars[i] != '\n' {
                out.push(' ');
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            let mut depth = 0;
            while i < chars.len() {
                if chars[i] == '/' && chars.get(i + 1) == Some(&'*') {
                    depth += 1;
                    out.push_str("  ");
                    i += 2;
                } else if chars[i] == '*' && chars.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    out.push_str("  ");
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    out.push(keep_newlines(chars[i]));
                    i += 1;
                }
            }
        } else if c == 'r'
            && matches!(next, Some('"' | '#'))
            && !ident_char(chars.get(i.wrapping_sub(1)))
        {
            let mut hashes = 0;
            let mut j = i + 1;
            while chars.get(j) == Some(&'#') {
                hashes += 1;
                j += 1;
            }
            if chars.get(j) != Some(&'"') {
                out.push(c);
                i += 1;
                continue;
            }
            let closing: String = std::iter::once('"')
                .chain(std::iter::repeat_n('#', hashes))
                .collect();
            let body_start = j + 1;
            let text: String = chars[body_start..].iter().collect();
            let end = text.find(&closing).map_or(chars.len(), |k| {
                body_start + text[..k].chars().count() + closing.chars().count()
            });
            for &ch in &chars[i..end] {
                out.push(keep_newlines(ch));
            }
            i = end;
        } else if c == '"' {
            out.push(' ');
            i += 1;
            while i < chars.len() && chars[i] != '"' {
                if chars[i] == '\\' {
                    out.push(' ');
                    i += 1;
                }
                if i < chars.len() {
                    out.push(keep_newlines(chars[i]));
                    i += 1;
                }
            }
            out.push(' ');
            i += 1;
        } else if c == '\'' && (next == Some('\\') || chars.get(i + 2) == Some(&'\'')) {
            // A character literal (`'{'`, `'\n'`), not a lifetime.
            out.push(' ');
            i += 1;
            while i < chars.len() && chars[i] != '\'' {
                if chars[i] == '\\' {
                    out.push(' ');
                    i += 1;
                }
                out.push(' ');
                i += 1;
            }
            out.push(' ');
            i += 1;
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}

fn ident_char(c: Option<&char>) -> bool {
    c.is_some_and(|c| c.is_ascii_alphanumeric() || *c == '_')
}

/// The edges in `code`, the text of the file at `relative`: `crate::x` paths to
/// top-level modules, and `super::` paths that climb to the crate root (`to` is then
/// `super::`). Inline modules (`mod tests { ... }`) count as one level deeper.
fn edges(relative: &str, code: &str, modules: &[&str]) -> Vec<Edge> {
    let path = module_path(relative);
    let Some(from) = path.first().cloned() else {
        return Vec::new();
    };
    let code = blank_non_code(code);
    let mut out = Vec::new();
    // Brace depth, and the depths at which inline modules opened.
    let mut depth = 0usize;
    let mut inline: Vec<usize> = Vec::new();
    for (n, line) in code.lines().enumerate() {
        let at = format!("{relative}:{}", n + 1);
        let mut rest = line;
        while let Some(i) = rest.find("crate::") {
            let after = &rest[i + "crate::".len()..];
            let ident: String = after
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            if modules.contains(&ident.as_str()) && ident != from {
                out.push(Edge {
                    from: from.clone(),
                    to: ident,
                    at: at.clone(),
                });
            }
            rest = after;
        }
        let mut rest = line;
        while let Some(i) = rest.find("super::") {
            let mut chain = &rest[i..];
            let mut supers = 0;
            while let Some(next) = chain.strip_prefix("super::") {
                supers += 1;
                chain = next;
            }
            if supers >= path.len() + inline.len() {
                out.push(Edge {
                    from: from.clone(),
                    to: "super::".into(),
                    at: at.clone(),
                });
            }
            rest = chain;
        }
        let words: Vec<&str> = line.split_whitespace().collect();
        let opens_module = words
            .windows(3)
            .any(|w| w[0] == "mod" && w[2].starts_with('{'));
        if opens_module {
            inline.push(depth);
        }
        for c in line.chars() {
            match c {
                '{' => depth += 1,
                '}' => {
                    depth = depth.saturating_sub(1);
                    if inline.last() == Some(&depth) {
                        inline.pop();
                    }
                }
                _ => {}
            }
        }
    }
    out
}

/// Every edge the rule forbids among `edges`.
fn violations(edges: &[Edge]) -> Vec<String> {
    let allowed: BTreeMap<&str, &[&str]> = LAYERS.iter().copied().collect();
    edges
        .iter()
        .filter(|e| {
            !allowed
                .get(e.from.as_str())
                .is_some_and(|deps| deps.contains(&e.to.as_str()))
        })
        .map(|e| format!("{}: `{}` names `{}`", e.at, e.from, e.to))
        .collect()
}

fn source_files(dir: &Path, base: &Path, out: &mut Vec<(String, String)>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .expect("the source directory is readable")
        .filter_map(Result::ok)
        .collect();
    entries.sort_by_key(|e| e.path());
    for entry in entries {
        let path = entry.path();
        if path.is_dir() {
            source_files(&path, base, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            let relative = path
                .strip_prefix(base)
                .expect("under src")
                .to_string_lossy()
                .replace('\\', "/");
            let code = std::fs::read_to_string(&path).expect("the file is readable");
            out.push((relative, code));
        }
    }
}

fn codegen_sources() -> Vec<(String, String)> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    source_files(&src, &src, &mut files);
    files
}

#[test]
fn modules_depend_only_on_what_the_architecture_allows() {
    let modules: Vec<&str> = LAYERS.iter().map(|(m, _)| *m).collect();
    let files = codegen_sources();
    let mut all = Vec::new();
    for (relative, code) in &files {
        if relative == "lib.rs" {
            continue;
        }
        let top = module_path(relative)[0].clone();
        assert!(
            modules.contains(&top.as_str()),
            "`{top}` ({relative}) is not in the layering table: say what it may depend on"
        );
        all.extend(edges(relative, code, &modules));
    }
    let bad = violations(&all);
    assert!(
        bad.is_empty(),
        "forbidden dependencies:\n{}",
        bad.join("\n")
    );
    assert!(
        all.len() > 30,
        "only {} edges found: is the scan reading the sources?",
        all.len()
    );
}

#[test]
fn no_pass_may_name_another_pass() {
    for (module, deps) in LAYERS {
        if PASSES.contains(module) {
            let other: Vec<&&str> = deps.iter().filter(|d| PASSES.contains(d)).collect();
            assert!(
                other.is_empty(),
                "pass `{module}` may name passes {other:?}"
            );
        }
    }
}

#[test]
fn the_layers_have_no_cycle() {
    fn visit<'a>(m: &'a str, layers: &BTreeMap<&'a str, &'a [&'a str]>, stack: &mut Vec<&'a str>) {
        assert!(!stack.contains(&m), "cycle: {stack:?} → {m}");
        stack.push(m);
        for dep in layers.get(m).copied().unwrap_or_default() {
            visit(dep, layers, stack);
        }
        stack.pop();
    }
    let layers: BTreeMap<&str, &[&str]> = LAYERS.iter().copied().collect();
    for module in layers.keys() {
        visit(module, &layers, &mut Vec::new());
    }
}

#[test]
fn the_check_catches_a_pass_that_names_another() {
    let modules: Vec<&str> = LAYERS.iter().map(|(m, _)| *m).collect();
    let code = "//! Docs naming crate::infer are fine.\nuse crate::model::Api;\nuse crate::infer::infer;\nfn f() { crate::emit::emit(); }\n";
    let found = edges("lower/items.rs", code, &modules);
    assert_eq!(found.len(), 3, "{found:?}");
    let bad = violations(&found);
    assert_eq!(
        bad,
        [
            "lower/items.rs:3: `lower` names `infer`",
            "lower/items.rs:4: `lower` names `emit`"
        ]
    );
    let climbing = edges("lower/mod.rs", "use super::infer;\n", &modules);
    assert_eq!(
        violations(&climbing),
        ["lower/mod.rs:1: `lower` names `super::`"]
    );
    let inside = edges("lower/items.rs", "use super::params;\n", &modules);
    assert!(inside.is_empty(), "{inside:?}");
    let tests = "fn f() {}\n#[cfg(test)]\nmod tests {\n    use super::*;\n}\nuse super::x;\n";
    let found = edges("names.rs", tests, &modules);
    assert_eq!(violations(&found), ["names.rs:6: `names` names `super::`"]);
    let strings = "let a = \"crate::infer\"; let b = r#\"crate::emit\"#; let c = '{';\n";
    assert!(edges("lower/items.rs", strings, &modules).is_empty());
}
