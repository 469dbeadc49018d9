//! Benchmark 5: what the generated crate costs to compile, its dependencies already
//! built, in a target directory of its own (`target/bench-compile`) so that the
//! benchmark neither waits on nor invalidates the workspace's usual builds.

use std::path::{Path, PathBuf};
use std::time::SystemTime;

use crate::machine;
use crate::stats::{Samples, timed};

/// The target directory, relative to the workspace root.
pub const TARGET_DIR: &str = "target/bench-compile";

/// One profile's measurements.
#[derive(Debug)]
pub struct ProfileResult {
    /// `debug` or `release`.
    pub profile: &'static str,
    /// Seconds per `cargo build -p smspool` after touching its sources.
    pub times: Samples,
}

/// What the compile benchmark measured.
#[derive(Debug)]
pub struct CompileResult {
    /// Debug builds (`CARGO_INCREMENTAL=0`).
    pub debug: ProfileResult,
    /// Release builds.
    pub release: ProfileResult,
    /// Lines in `generated/src`, the mock (`src/mock/`, feature `mock`) aside.
    pub lines: usize,
    /// Lines of the mock, which only tests build.
    pub mock_lines: usize,
    /// Lines that are neither blank nor comments.
    pub code_lines: usize,
    /// `.rs` files in `generated/src`.
    pub files: usize,
    /// Operations in the crate.
    pub operations: usize,
}

/// Builds once per profile untimed (dependencies), then `debug_reps` and
/// `release_reps` timed rebuilds of the crate alone.
pub fn run(
    debug_reps: usize,
    release_reps: usize,
    operations: usize,
) -> Result<CompileResult, String> {
    let src = machine::root().join("generated/src");
    let sources = rust_files(&src)?;
    let mut lines = 0;
    let mut mock_lines = 0;
    let mut code_lines = 0;
    for path in &sources {
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        if path.starts_with(src.join("mock")) {
            mock_lines += text.lines().count();
            continue;
        }
        lines += text.lines().count();
        code_lines += text
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with("//"))
            .count();
    }
    let mut profiles = Vec::new();
    for (profile, reps) in [("debug", debug_reps), ("release", release_reps)] {
        build(profile, false)?;
        let mut times = Samples::new();
        for _ in 0..reps {
            touch(&sources)?;
            let (built, time) = timed(|| build(profile, true));
            built?;
            times.push_duration(time);
        }
        profiles.push(ProfileResult { profile, times });
    }
    let release = profiles.pop().ok_or("no release result")?;
    let debug = profiles.pop().ok_or("no debug result")?;
    Ok(CompileResult {
        debug,
        release,
        lines,
        mock_lines,
        code_lines,
        files: sources.len(),
        operations,
    })
}

/// `cargo build -p smspool` in the benchmark's target directory; with `expect_rebuild`,
/// fails unless cargo actually compiled the crate.
fn build(profile: &str, expect_rebuild: bool) -> Result<(), String> {
    let root = machine::root();
    let mut command = machine::cargo();
    command
        .args(["build", "-p", "smspool", "--target-dir"])
        .arg(root.join(TARGET_DIR))
        .env("CARGO_INCREMENTAL", "0");
    if profile == "release" {
        command.arg("--release");
    }
    let output = command
        .output()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    let stderr = String::from_utf8_lossy(&output.stderr);
    if !output.status.success() {
        return Err(format!(
            "cargo build -p smspool ({profile}) failed:\n{stderr}"
        ));
    }
    if expect_rebuild && !stderr.contains("Compiling smspool v") {
        return Err(format!(
            "cargo did not rebuild smspool after its sources were touched:\n{stderr}"
        ));
    }
    Ok(())
}

/// Sets the modification time of `files` to now, so that cargo rebuilds their crate.
pub fn touch(files: &[PathBuf]) -> Result<(), String> {
    let now = SystemTime::now();
    for path in files {
        std::fs::File::options()
            .write(true)
            .open(path)
            .and_then(|f| f.set_modified(now))
            .map_err(|e| format!("cannot touch {}: {e}", path.display()))?;
    }
    Ok(())
}

/// The `.rs` files under `dir`, sorted.
pub fn rust_files(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let mut found = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let entries =
            std::fs::read_dir(&dir).map_err(|e| format!("cannot list {}: {e}", dir.display()))?;
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                found.push(path);
            }
        }
    }
    found.sort();
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_generated_sources() {
        let files = rust_files(&machine::root().join("generated/src")).expect("lists");
        assert!(files.iter().any(|f| f.ends_with("generated/src/lib.rs")));
        assert!(files.iter().any(|f| f.ends_with("business/user.rs")));
        assert!(
            files
                .iter()
                .all(|f| f.extension().is_some_and(|e| e == "rs"))
        );
    }
}
