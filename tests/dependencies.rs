//! What depending on `smspool` costs: its normal dependency tree, features included,
//! is a snapshot, so that a change to it shows in review, and the optional parts
//! (the mock) add to it only when their feature is on.

use std::process::Command;

/// `cargo tree -p smspool -e normal,features` with `extra` arguments: one line per
/// package or feature, without local paths, sorted.
fn tree(extra: &[&str]) -> Vec<String> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let output = Command::new(cargo)
        .args([
            "tree",
            "-p",
            "smspool",
            "-e",
            "normal,features",
            "--prefix",
            "none",
            "--offline",
        ])
        .args(extra)
        .current_dir(smspool_tests::root())
        .output()
        .expect("cargo runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let mut lines: Vec<String> = String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(|line| {
            let line = line.trim_end_matches(" (*)");
            match line.find(" (/") {
                Some(at) => line[..at].to_owned(),
                None => line.to_owned(),
            }
        })
        .collect();
    lines.sort();
    lines.dedup();
    lines
}

#[test]
fn the_mock_feature_adds_nothing_to_a_normal_build() {
    let normal = tree(&[]);
    insta::assert_snapshot!("smspool_normal_tree", normal.join("\n"));
    let with_mock = tree(&["--features", "mock"]);
    let added: Vec<&String> = with_mock.iter().filter(|l| !normal.contains(l)).collect();
    assert!(
        added.iter().any(|l| l.starts_with("multer ")),
        "the feature turns the mock's dependencies on: {added:?}"
    );
    assert!(
        normal
            .iter()
            .all(|l| !l.contains("postgen-runtime feature \"mock\"")),
        "{normal:?}"
    );
}
