//! `cargo xtask bench`: builds the benchmark harness (`bench/`) in release and runs it.
//!
//! The harness is a crate of its own because it links the generated client and
//! reqwest; xtask stays small, and `cargo xtask gen` builds even when `generated/`
//! does not compile.

use std::process::{Command, ExitCode};

use crate::paths;

/// Benchmarks (release build); writes BENCHMARKS.md.
#[derive(Debug, clap::Args)]
pub struct BenchArgs {
    /// Fewer samples: a quick look, not numbers to report.
    #[arg(long)]
    quick: bool,
    /// Only these benchmarks (comma-separated names; see BENCHMARKS.md).
    #[arg(long, value_name = "LIST")]
    only: Option<String>,
    /// Write the report here instead of BENCHMARKS.md.
    #[arg(long, value_name = "PATH")]
    out: Option<std::path::PathBuf>,
}

impl BenchArgs {
    /// The harness's arguments.
    fn forwarded(&self) -> Vec<std::ffi::OsString> {
        let mut args = Vec::new();
        if self.quick {
            args.push("--quick".into());
        }
        if let Some(only) = &self.only {
            args.extend(["--only".into(), only.into()]);
        }
        if let Some(out) = &self.out {
            args.extend(["--out".into(), out.clone().into_os_string()]);
        }
        args
    }
}

pub fn run(bench: &BenchArgs) -> Result<ExitCode, String> {
    let args = bench.forwarded();
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let mut command = Command::new(cargo);
    command
        .current_dir(paths::root())
        .args(["run", "--release", "--quiet", "-p", "smspool-bench", "--"])
        .args(args);
    // `cargo run` describes xtask's package in the environment; a nested cargo that
    // sees those values rebuilds the harness (its `env!("CARGO_MANIFEST_DIR")` looks
    // changed), and again on the next plain `cargo build`.
    for (name, _) in std::env::vars_os() {
        let name = name.to_string_lossy();
        if name.starts_with("CARGO_PKG_")
            || matches!(
                &*name,
                "CARGO_MANIFEST_DIR"
                    | "CARGO_MANIFEST_PATH"
                    | "CARGO_CRATE_NAME"
                    | "CARGO_BIN_NAME"
                    | "CARGO_PRIMARY_PACKAGE"
            )
        {
            command.env_remove(&*name);
        }
    }
    let status = command
        .status()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    Ok(if status.success() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}
