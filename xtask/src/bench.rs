//! `cargo xtask bench`: builds the benchmark harness (`bench/`) in release and runs it.
//!
//! The harness is a crate of its own because it links the generated client and
//! reqwest; xtask stays small, and `cargo xtask gen` builds even when `generated/`
//! does not compile.

use std::process::ExitCode;

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
    let status = crate::cargo::command()
        .args(["run", "--release", "--quiet", "-p", "smspool-bench", "--"])
        .args(args)
        .status()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    Ok(if status.success() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}
