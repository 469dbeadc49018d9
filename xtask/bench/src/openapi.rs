//! Benchmark 8: the generator against `postman2openapi` (crates.io's
//! `postman2openapi-cli`, which converts a collection to OpenAPI and writes no Rust)
//! on the same synthetic collection of [`REQUESTS`] requests, side by side: each
//! round runs both, in alternating order, and the ratio is taken per round.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::generator::{STAGES, staged};
use crate::machine;
use crate::scaling::synth_config;
use crate::stats::{Samples, timed};

/// Requests in the collection.
pub const REQUESTS: usize = 2_000;

/// The converter's program name.
const PROGRAM: &str = "postman2openapi";

/// What the benchmark measured, or why it could not run.
#[derive(Debug)]
pub enum OpenapiResult {
    /// Both ran.
    Measured {
        /// Where the converter was found.
        program: PathBuf,
        /// Its `--version` line.
        version: String,
        /// Seconds per `codegen::generate`, in this process.
        ours: Samples,
        /// Seconds per run of the converter, a process writing its JSON to a pipe
        /// that discards it.
        theirs: Samples,
        /// Ours over theirs, per round.
        ratio: Samples,
        /// The generator's stages run one after another on one thread, seconds per
        /// run, in [`STAGES`] order: where its time goes at this size.
        stages: Vec<Samples>,
    },
    /// The converter is not installed.
    Missing {
        /// Where it was looked for.
        searched: Vec<PathBuf>,
    },
}

/// Where to look for the converter: `$POSTMAN2OPENAPI`, then every directory of
/// `$PATH`, then `../tools/bin` beside the workspace (where `cargo install --root
/// ../tools postman2openapi-cli` puts it) and `~/.cargo/bin`.
pub fn candidates() -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::env::var_os("POSTMAN2OPENAPI")
        .map(PathBuf::from)
        .into_iter()
        .collect();
    if let Some(path) = std::env::var_os("PATH") {
        out.extend(std::env::split_paths(&path).map(|dir| dir.join(PROGRAM)));
    }
    if let Some(parent) = machine::root().parent() {
        out.push(parent.join("tools/bin").join(PROGRAM));
    }
    if let Some(home) = std::env::var_os("HOME") {
        out.push(Path::new(&home).join(".cargo/bin").join(PROGRAM));
    }
    out
}

/// Runs `reps` rounds after one warm-up round.
pub fn run(reps: usize) -> Result<OpenapiResult, String> {
    let searched = candidates();
    let Some(program) = searched.iter().find(|p| p.is_file()).cloned() else {
        return Ok(OpenapiResult::Missing { searched });
    };
    let version = Command::new(&program)
        .arg("--version")
        .output()
        .map(|o| {
            // Its first line (`postman2openapi v1.2.1`); build details follow.
            let text = String::from_utf8_lossy(&o.stdout);
            text.lines().next().unwrap_or_default().trim().to_owned()
        })
        .unwrap_or_default();
    let scratch = machine::root().join("target/bench-scratch");
    std::fs::create_dir_all(&scratch)
        .map_err(|e| format!("cannot create {}: {e}", scratch.display()))?;
    let json = codegen::synthetic::collection(REQUESTS);
    let file = scratch.join(format!("synthetic-{REQUESTS}.postman_collection.json"));
    std::fs::write(&file, &json).map_err(|e| format!("cannot write {}: {e}", file.display()))?;
    let config = synth_config();
    let ours_once = || -> Result<f64, String> {
        let (generated, time) = timed(|| codegen::generate(&json, "", &config));
        generated.map_err(|e| e.to_string())?;
        Ok(time.as_secs_f64())
    };
    let theirs_once = || -> Result<f64, String> {
        let (status, time) = timed(|| {
            Command::new(&program)
                .args(["-f", "json"])
                .arg(&file)
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status()
        });
        let status = status.map_err(|e| format!("cannot run {}: {e}", program.display()))?;
        if !status.success() {
            return Err(format!(
                "{} failed on {}",
                program.display(),
                file.display()
            ));
        }
        Ok(time.as_secs_f64())
    };
    ours_once()?;
    theirs_once()?;
    let (mut ours, mut theirs, mut ratio) = (Samples::new(), Samples::new(), Samples::new());
    for round in 0..reps {
        let (a, b) = if round % 2 == 0 {
            let a = ours_once()?;
            (a, theirs_once()?)
        } else {
            let b = theirs_once()?;
            (ours_once()?, b)
        };
        ours.push(a);
        theirs.push(b);
        ratio.push(a / b);
    }
    let mut stages = vec![Samples::new(); STAGES.len()];
    for _ in 0..reps.div_ceil(4) {
        let (_, times) = staged(&json, "", &config)?;
        for (samples, time) in stages.iter_mut().zip(times) {
            samples.push_duration(time);
        }
    }
    Ok(OpenapiResult::Measured {
        program,
        version,
        ours,
        theirs,
        ratio,
        stages,
    })
}
