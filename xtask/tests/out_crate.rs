//! `cargo xtask gen --out`: a crate generated for a fixture collection, outside the
//! workspace, has the `mock` feature, and its doctests (one per operation, each
//! calling it through the public client against the crate's own mock) pass.

use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from(".."))
}

#[test]
fn a_crate_generated_with_out_runs_its_doctests_against_its_mock() {
    let root = root();
    let out = root.join("target/out-crate/non_json_examples");
    let _ = std::fs::remove_dir_all(&out);
    let collection =
        root.join("tests/fixtures/collections/non_json_examples.postman_collection.json");
    let generated = Command::new(env!("CARGO_BIN_EXE_xtask"))
        .args(["gen", "--crate-name", "fixture-out", "--collection"])
        .arg(&collection)
        .arg("--out")
        .arg(&out)
        .output()
        .expect("xtask runs");
    assert!(
        generated.status.success(),
        "{}",
        String::from_utf8_lossy(&generated.stderr)
    );
    let manifest = std::fs::read_to_string(out.join("Cargo.toml")).expect("a manifest");
    assert!(
        manifest.contains("mock = [\"smspool-runtime/mock\"]"),
        "{manifest}"
    );
    assert!(out.join("src/mock/mod.rs").exists() && out.join("src/mock/examples.json").exists());

    // The workspace's versions, and the corpus's build directory, so that nothing new
    // is downloaded and the dependencies are built once for both.
    std::fs::copy(root.join("Cargo.lock"), out.join("Cargo.lock")).expect("copies the lockfile");
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let tested = Command::new(cargo)
        .args(["test", "--doc", "--offline"])
        .current_dir(&out)
        .env("CARGO_TARGET_DIR", root.join("target/corpus/target"))
        .output()
        .expect("cargo runs");
    let stdout = String::from_utf8_lossy(&tested.stdout);
    assert!(
        tested.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&tested.stderr)
    );
    let lib = std::fs::read_to_string(out.join("src/lib.rs")).expect("lib.rs");
    let operations: Vec<&str> = lib
        .lines()
        .filter_map(|l| l.trim().strip_prefix("pub fn "))
        .filter_map(|l| l.split('(').next())
        .filter(|name| !["new", "builder", "runtime"].contains(name))
        .filter(|name| !name.starts_with(|c: char| c.is_ascii_uppercase()))
        .collect();
    assert!(operations.len() >= 4, "{operations:?}");
    for op in &operations {
        let ran = format!("Client::{op} (line");
        assert!(
            stdout
                .lines()
                .any(|l| l.contains(&ran) && l.ends_with("... ok")),
            "the doc example of {op} did not run:\n{stdout}"
        );
    }
    assert!(stdout.contains("mock::example (line"), "{stdout}");
}
