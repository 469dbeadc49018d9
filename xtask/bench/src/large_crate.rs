//! Benchmark 7: what a large generated crate costs to compile, whole and with one
//! module's cargo feature: the synthetic collection of [`REQUESTS`] requests
//! (`codegen::synthetic`), generated as a standalone crate, its dependencies built
//! once untimed, in the compile benchmark's target directory.

use std::path::Path;

use crate::compile::{TARGET_DIR, rust_files, touch};
use crate::compile_cost::{self, CompileCost};
use crate::machine;
use crate::scaling::synth_config;
use crate::stats::{Samples, timed};

/// Requests in the collection.
pub const REQUESTS: usize = 2_000;

/// The crate's package name.
const CRATE: &str = "synthetic-large";

/// What the benchmark measured.
#[derive(Debug)]
pub struct LargeCrateResult {
    /// Requests (operations) in the crate.
    pub requests: usize,
    /// Lines of Rust in `src/`, the mock (`src/mock/`) aside.
    pub lines: usize,
    /// Lines of the mock, which these builds leave out.
    pub mock_lines: usize,
    /// Top-level modules, each a cargo feature.
    pub modules: usize,
    /// The module built alone, and its operations.
    pub module: (String, usize),
    /// Seconds per debug build of the whole crate.
    pub whole: Samples,
    /// Seconds per debug build with only `module`'s feature.
    pub one_module: Samples,
    /// Where the whole build's time goes.
    pub cost: CompileCost,
}

/// Generates the crate, builds it once untimed, then `reps` timed builds of each
/// kind, alternating; then where the whole build goes ([`compile_cost`]).
pub fn run(reps: usize) -> Result<LargeCrateResult, String> {
    let root = machine::root();
    let dir = root.join("target/bench-large");
    let json = codegen::synthetic::collection(REQUESTS);
    let mut config = synth_config();
    config.crate_name = CRATE.into();
    config.runtime_path = root.join("runtime").display().to_string();
    let generated = codegen::generate(&json, "", &config).map_err(|e| e.to_string())?;
    let _ = std::fs::remove_dir_all(dir.join("src"));
    for (path, text) in &generated.files {
        let file = dir.join(path);
        if let Some(parent) = file.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
        }
        std::fs::write(&file, text).map_err(|e| format!("cannot write {}: {e}", file.display()))?;
    }
    // The workspace's versions, so that the dependencies are the ones it uses.
    std::fs::copy(root.join("Cargo.lock"), dir.join("Cargo.lock"))
        .map_err(|e| format!("cannot copy the lockfile: {e}"))?;
    let first = generated
        .api
        .root
        .modules
        .first()
        .ok_or("the synthetic collection has no folder")?;
    let module = (first.name.clone(), first.all_operations().count());
    let sources = rust_files(&dir.join("src"))?;
    let (mut lines, mut mock_lines) = (0, 0);
    for path in &sources {
        let count = std::fs::read_to_string(path)
            .map_err(|e| format!("cannot read {}: {e}", path.display()))?
            .lines()
            .count();
        // The mock (feature `mock`, off in these builds) is counted aside.
        if path.starts_with(dir.join("src/mock")) {
            mock_lines += count;
        } else {
            lines += count;
        }
    }
    build(&dir, None, false)?;
    build(&dir, Some(&module.0), false)?;
    let (mut whole, mut one_module) = (Samples::new(), Samples::new());
    for _ in 0..reps {
        for (feature, samples) in [
            (None, &mut whole),
            (Some(module.0.as_str()), &mut one_module),
        ] {
            touch(&sources)?;
            let (built, time) = timed(|| build(&dir, feature, true));
            built?;
            samples.push_duration(time);
        }
    }
    let cost = compile_cost::run(&dir)?;
    Ok(LargeCrateResult {
        requests: generated.api.root.all_operations().count(),
        lines,
        mock_lines,
        modules: generated.api.root.modules.len(),
        module,
        whole,
        one_module,
        cost,
    })
}

/// `cargo build` (debug, not incremental) of the crate in `dir`, with only `feature`
/// when given; with `expect_rebuild`, fails unless cargo compiled the crate.
fn build(dir: &Path, feature: Option<&str>, expect_rebuild: bool) -> Result<(), String> {
    let mut command = machine::cargo();
    command
        .current_dir(dir)
        .args(["build", "--offline", "--target-dir"])
        .arg(machine::root().join(TARGET_DIR))
        .env("CARGO_INCREMENTAL", "0");
    if let Some(feature) = feature {
        command.args(["--no-default-features", "--features", feature]);
    }
    let output = command
        .output()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    let stderr = String::from_utf8_lossy(&output.stderr);
    if !output.status.success() {
        return Err(format!("cargo build of {CRATE} failed:\n{stderr}"));
    }
    if stderr.contains("warning") {
        return Err(format!("{CRATE} builds with warnings:\n{stderr}"));
    }
    if expect_rebuild && !stderr.contains(&format!("Compiling {CRATE} v")) {
        return Err(format!(
            "cargo did not rebuild {CRATE} after its sources were touched:\n{stderr}"
        ));
    }
    Ok(())
}
