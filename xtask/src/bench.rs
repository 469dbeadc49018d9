//! `cargo xtask bench`: builds the benchmark harness (`bench/`) in release and runs it.
//!
//! The harness is a crate of its own because it links the generated client and
//! reqwest; xtask stays small, and `cargo xtask gen` builds even when `generated/`
//! does not compile.

use std::process::ExitCode;

pub fn run(args: &[String]) -> Result<ExitCode, String> {
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
