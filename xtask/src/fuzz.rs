//! `cargo xtask fuzz`: the generative test (`tests/generative/`) over more random
//! collections than `cargo test` checks, keeping each failing collection, shrunk, as
//! a fixture under `tests/fixtures/collections/`.
//!
//! The generator lives with the tests (proptest is a dev-dependency there); this task
//! builds that test binary, then runs it itself with the run's settings in
//! `GENERATIVE_*` variables, so that no cargo lock is held while it runs.

use std::process::ExitCode;

use crate::args::Args;

/// The test that checks generated collections.
const TEST: &str = "generated_collections_build_without_warnings";

pub fn run(args: &[String]) -> Result<ExitCode, String> {
    let mut env: Vec<(&str, String)> = vec![
        ("GENERATIVE_COUNT", "2000".into()),
        ("GENERATIVE_SEED", "1".into()),
        ("GENERATIVE_BATCH", "50".into()),
        ("GENERATIVE_DIR", "target/fuzz".into()),
        ("GENERATIVE_KEEP", "1".into()),
    ];
    let mut args = Args::new(args);
    while let Some(arg) = args.next_arg() {
        let name = match arg {
            "--count" => "GENERATIVE_COUNT",
            "--seed" => "GENERATIVE_SEED",
            "--start" => "GENERATIVE_START",
            "--batch" => "GENERATIVE_BATCH",
            "--no-keep" => {
                env.push(("GENERATIVE_KEEP", "0".into()));
                continue;
            }
            other => return Err(format!("unknown option `{other}` for fuzz")),
        };
        let value = args.value(arg)?;
        if value.parse::<u64>().is_err() {
            return Err(format!("{arg} takes a number, not `{value}`"));
        }
        env.push((name, value));
    }
    let binary = build_test()?;
    let status = std::process::Command::new(&binary)
        .current_dir(crate::paths::root().join("tests"))
        .args(["--exact", TEST, "--nocapture"])
        .envs(env)
        .status()
        .map_err(|e| format!("cannot run {binary}: {e}"))?;
    Ok(if status.success() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

/// Builds the `generative` test binary and returns its path.
fn build_test() -> Result<String, String> {
    let output = crate::cargo::command()
        .args([
            "test",
            "-p",
            "smspool-tests",
            "--test",
            "generative",
            "--no-run",
            "--message-format",
            "json",
        ])
        .stderr(std::process::Stdio::inherit())
        .output()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    if !output.status.success() {
        return Err("the generative test does not build".into());
    }
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
        .filter(|m| m["target"]["name"] == "generative")
        .find_map(|m| m["executable"].as_str().map(str::to_owned))
        .ok_or_else(|| "cargo named no generative test binary".into())
}
