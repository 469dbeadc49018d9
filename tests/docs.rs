//! Every doc block the generator writes renders as intended: read with a CommonMark
//! parser (GitHub tables on, as rustdoc has them), no table row ends up as a line of
//! pipes in a paragraph, which is what a table without its header row renders as.

use std::ops::Range;

use codegen::emit::Config;
use pulldown_cmark::{Event, Options, Parser, Tag};
use smspool_tests::{read, root};

/// The doc blocks of a Rust file: runs of `///` or `//!` lines, without the markers.
fn doc_blocks(code: &str) -> Vec<String> {
    let mut blocks = Vec::new();
    let mut current: Option<(String, &str)> = None;
    for line in code.lines() {
        let trimmed = line.trim_start();
        let marker = ["///", "//!"].into_iter().find(|m| trimmed.starts_with(m));
        match (marker, &mut current) {
            (Some(m), Some((text, kind))) if *kind == m => {
                text.push_str(strip(trimmed, m));
                text.push('\n');
            }
            (Some(m), _) => {
                if let Some((text, _)) = current.take() {
                    blocks.push(text);
                }
                current = Some((format!("{}\n", strip(trimmed, m)), m));
            }
            (None, _) => {
                if let Some((text, _)) = current.take() {
                    blocks.push(text);
                }
            }
        }
    }
    blocks.extend(current.map(|(text, _)| text));
    blocks
}

fn strip<'a>(line: &'a str, marker: &str) -> &'a str {
    let rest = &line[marker.len()..];
    rest.strip_prefix(' ').unwrap_or(rest)
}

/// The paragraphs of `markdown` (outside code) holding a line that is a table row.
fn pipe_paragraphs(markdown: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut paragraph: Option<Range<usize>> = None;
    for (event, range) in Parser::new_ext(markdown, Options::ENABLE_TABLES).into_offset_iter() {
        match event {
            Event::Start(Tag::Paragraph) => paragraph = Some(range),
            Event::End(_) if paragraph.as_ref() == Some(&range) => {
                let text = &markdown[range];
                if text.lines().any(|l| {
                    let l = l.trim();
                    l.len() > 1 && l.starts_with('|') && l.ends_with('|')
                }) {
                    found.push(text.to_owned());
                }
                paragraph = None;
            }
            _ => {}
        }
    }
    found
}

fn check(files: impl IntoIterator<Item = (String, String)>) -> usize {
    let mut blocks = 0;
    let mut bad = Vec::new();
    for (path, code) in files {
        for block in doc_blocks(&code) {
            blocks += 1;
            for p in pipe_paragraphs(&block) {
                bad.push(format!("{path}: a table without its header row:\n{p}"));
            }
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n\n"));
    blocks
}

#[test]
fn the_check_finds_a_table_without_a_header_row() {
    let headless =
        "Responses:\n\n| **Success** | {\"success\":1} |\n| **Fail** | {\"success\":0} |\n";
    assert_eq!(pipe_paragraphs(headless).len(), 1);
    let table = "| | |\n|---|---|\n| **Success** | 1 |\n";
    assert!(pipe_paragraphs(table).is_empty());
    assert_eq!(
        doc_blocks("/// a\n/// b\nfn f() {}\n//! c\n"),
        ["a\nb\n", "c\n"]
    );
}

#[test]
fn every_doc_block_of_the_smspool_crate_renders_its_tables() {
    let dir = root().join("generated/src");
    let mut files = Vec::new();
    for entry in walk(&dir) {
        let relative = entry
            .strip_prefix(root())
            .unwrap_or(&entry)
            .display()
            .to_string();
        files.push((relative.clone(), read(&relative)));
    }
    let blocks = check(files);
    println!("{blocks} doc blocks of generated/ checked");
    assert!(blocks > 300, "only {blocks} doc blocks found");
}

#[test]
fn every_doc_block_of_the_fixture_crates_renders_its_tables() {
    let fixtures = root().join("tests/fixtures/collections");
    let mut files = Vec::new();
    for entry in std::fs::read_dir(&fixtures).expect("fixtures") {
        let path = entry.expect("entry").path();
        let name = path
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned();
        let Some(stem) = name.strip_suffix(".postman_collection.json") else {
            continue;
        };
        let json = std::fs::read_to_string(&path).expect("fixture");
        let overrides = std::fs::read_to_string(fixtures.join(format!("{stem}.overrides.toml")))
            .unwrap_or_default();
        let config = Config {
            crate_name: stem.replace('_', "-"),
            description: String::new(),
            source: name.clone(),
            docs: None,
            runtime_path: "../runtime".into(),
            in_workspace: false,
            metadata: Default::default(),
        };
        let generated = codegen::generate(&json, &overrides, &config).expect("generates");
        files.extend(
            generated
                .files
                .into_iter()
                .filter(|(p, _)| p.ends_with(".rs"))
                .map(|(p, code)| (format!("{stem}/{p}"), code)),
        );
    }
    check(files);
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).expect("a directory") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
    out.sort();
    out
}

/// The README's "Testing your code" example is `tests/testing_your_code.rs`, which
/// runs with the tests: the two must not drift apart.
#[test]
fn the_readme_testing_example_is_the_test_file() {
    let readme = smspool_tests::read("README.md");
    let file = smspool_tests::read("tests/testing_your_code.rs");
    let section = readme
        .split("## Testing your code")
        .nth(1)
        .expect("README has a \"Testing your code\" section");
    let block = section
        .split("```rust,no_run\n")
        .nth(1)
        .and_then(|rest| rest.split("```\n").next())
        .expect("the section has a Rust block");
    assert_eq!(
        block, file,
        "copy tests/testing_your_code.rs into the README"
    );
}
