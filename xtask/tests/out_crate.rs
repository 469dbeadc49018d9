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

/// Runs `cargo xtask gen` with `args` and checks it succeeded.
fn xtask_gen(args: &[&std::ffi::OsStr]) {
    let generated = Command::new(env!("CARGO_BIN_EXE_xtask"))
        .arg("gen")
        .args(args)
        .output()
        .expect("xtask runs");
    assert!(
        generated.status.success(),
        "{}",
        String::from_utf8_lossy(&generated.stderr)
    );
}

/// Runs `cargo <args>` in `dir` with the corpus's build directory (the workspace's
/// versions, built once for every crate written outside the workspace), and returns
/// its stdout.
fn cargo_in(dir: &Path, args: &[&str]) -> String {
    let root = root();
    std::fs::copy(root.join("Cargo.lock"), dir.join("Cargo.lock")).expect("copies the lockfile");
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let ran = Command::new(cargo)
        .args(args)
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", root.join("target/corpus/target"))
        .output()
        .expect("cargo runs");
    let stdout = String::from_utf8_lossy(&ran.stdout).into_owned();
    assert!(
        ran.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&ran.stderr)
    );
    stdout
}

#[test]
fn a_crate_generated_with_out_runs_its_doctests_against_its_mock() {
    let root = root();
    let out = root.join("target/out-crate/non_json_examples");
    let _ = std::fs::remove_dir_all(&out);
    let collection =
        root.join("tests/fixtures/collections/non_json_examples.postman_collection.json");
    xtask_gen(&[
        "--crate-name".as_ref(),
        "fixture-out".as_ref(),
        "--collection".as_ref(),
        collection.as_os_str(),
        "--out".as_ref(),
        out.as_os_str(),
    ]);
    let manifest = std::fs::read_to_string(out.join("Cargo.toml")).expect("a manifest");
    assert!(
        manifest.contains("mock = [\"postgen-runtime/mock\"]"),
        "{manifest}"
    );
    assert!(out.join("src/mock/mod.rs").exists() && out.join("src/mock/examples.json").exists());

    let stdout = cargo_in(&out, &["test", "--doc", "--offline"]);
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

/// `--cli DIR` beside `--out`: the command-line crate of the same collection builds
/// outside the workspace and its generated test runs every operation's command, as the
/// binary, against the client's mock.
#[test]
fn a_cli_generated_with_out_runs_every_command_against_the_mock() {
    let root = root();
    let base = root.join("target/out-crate/cli");
    let _ = std::fs::remove_dir_all(&base);
    let (client, cli) = (base.join("client"), base.join("cli"));
    let collection = root.join("tests/fixtures/collections/nested_folders.postman_collection.json");
    xtask_gen(&[
        "--crate-name".as_ref(),
        "fixture-cli".as_ref(),
        "--collection".as_ref(),
        collection.as_os_str(),
        "--out".as_ref(),
        client.as_os_str(),
        "--cli".as_ref(),
        cli.as_os_str(),
    ]);
    let manifest = std::fs::read_to_string(cli.join("Cargo.toml")).expect("a manifest");
    assert!(
        manifest.contains("name = \"fixture-cli\"\npath = \"src/main.rs\""),
        "{manifest}"
    );
    // The runtime the client carries, with the CLI's part of it.
    let vendored = client.join("vendor/postgen-runtime");
    assert!(
        manifest.contains(&format!(
            "postgen-runtime = {{ path = \"{}\", version = \"0.1.0\", features = [\"cli\"] }}",
            vendored.display()
        )),
        "{manifest}"
    );
    assert!(vendored.join("src/cli/mod.rs").exists());
    let stdout = cargo_in(&cli, &["test", "--offline"]);
    let ran = stdout
        .lines()
        .filter(|l| l.starts_with("test ") && l.ends_with("... ok"))
        .count();
    assert!(ran >= 4, "every operation's test ran:\n{stdout}");
    assert!(
        stdout.contains("test tests::command_line_is_well_formed ... ok"),
        "{stdout}"
    );
}
