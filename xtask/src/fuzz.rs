//! `cargo xtask fuzz`: the generative test (`tests/generative/`) over more random
//! collections than `cargo test` checks, keeping each failing collection, shrunk, as
//! a fixture under `tests/fixtures/collections/`.
//!
//! The generator lives with the tests (proptest is a dev-dependency there); this task
//! builds that test binary, then runs it itself with the run's settings in
//! `GENERATIVE_*` variables, so that no cargo lock is held while it runs.

use std::process::ExitCode;

/// The test that checks generated collections.
const TEST: &str = "generated_collections_build_without_warnings";

/// Random collections generated as crates that must pass clippy with warnings denied;
/// each failing class is shrunk and kept as a fixture in tests/fixtures/collections/.
#[derive(Debug, clap::Args)]
pub struct FuzzArgs {
    /// How many collections.
    #[arg(long, value_name = "N", default_value_t = 2000)]
    count: u64,
    /// The seed: collection `i` of seed `s` is always the same.
    #[arg(long, value_name = "S", default_value_t = 1)]
    seed: u64,
    /// The first collection's index, to resume a run.
    #[arg(long, value_name = "I")]
    start: Option<u64>,
    /// Collections per cargo invocation.
    #[arg(long, value_name = "B", default_value_t = 50)]
    batch: u64,
    /// Report failures without shrinking them or keeping fixtures.
    #[arg(long)]
    no_keep: bool,
}

impl FuzzArgs {
    /// The run's settings, as the `GENERATIVE_*` variables the test reads.
    fn env(&self) -> Vec<(&'static str, String)> {
        let mut env = vec![
            ("GENERATIVE_COUNT", self.count.to_string()),
            ("GENERATIVE_SEED", self.seed.to_string()),
            ("GENERATIVE_BATCH", self.batch.to_string()),
            ("GENERATIVE_DIR", "target/fuzz".into()),
            (
                "GENERATIVE_KEEP",
                if self.no_keep { "0" } else { "1" }.into(),
            ),
        ];
        if let Some(start) = self.start {
            env.push(("GENERATIVE_START", start.to_string()));
        }
        env
    }
}

pub fn run(fuzz: &FuzzArgs) -> Result<ExitCode, String> {
    let env = fuzz.env();
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
