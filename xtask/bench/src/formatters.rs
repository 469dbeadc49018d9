//! Benchmark 9: ways to turn the emitter's token streams into source text, on the
//! crate of the synthetic collection of [`REQUESTS`] requests: what `format` does now
//! (`syn` parses the tokens, `prettyplease` prints the tree) against the alternatives,
//! each timed on the same fresh tokens and judged by the text it prints.
//!
//! All of them see the same tokens, doc comments already out of them (placeholders
//! put back after formatting, `codegen::emit::verbatim`), so the comparison is of the
//! formatter alone.

use std::hint::black_box;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use codegen::emit::{self, Draft};
use proc_macro2::TokenStream;

use crate::machine;
use crate::scaling::synth_config;
use crate::stats::{Samples, timed};

/// Requests in the collection.
pub const REQUESTS: usize = 2_000;

/// The ways measured, in the report's order.
pub const WAYS: [Way; 5] = [
    Way::Current,
    Way::TreeOnly,
    Way::FromText,
    Way::Rustfmt,
    Way::Unformatted,
];

/// One way of printing the tokens.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Way {
    /// `syn::parse2` then `prettyplease::unparse`: what the generator does.
    Current,
    /// `prettyplease::unparse` of a tree already built, plus a clone of that tree:
    /// the least an emitter building `syn` trees directly (no parse) would pay.
    TreeOnly,
    /// `TokenStream::to_string`, `syn::parse_file` of that text, `prettyplease`.
    FromText,
    /// `TokenStream::to_string`, then one `rustfmt` process over every file.
    Rustfmt,
    /// `TokenStream::to_string` alone: no formatting.
    Unformatted,
}

impl Way {
    /// Its name in the report.
    pub fn name(self) -> &'static str {
        match self {
            Way::Current => "`syn::parse2` + `prettyplease` (now)",
            Way::TreeOnly => "`prettyplease` on a built tree (no parse)",
            Way::FromText => "text, `syn::parse_file` + `prettyplease`",
            Way::Rustfmt => "text, then `rustfmt`",
            Way::Unformatted => "`TokenStream::to_string`, unformatted",
        }
    }
}

/// How a way's text reads, measured on the whole crate.
#[derive(Clone, Debug, Default)]
pub struct Layout {
    /// Lines of Rust.
    pub lines: usize,
    /// The longest line, in characters.
    pub longest: usize,
    /// Lines longer than 100 characters.
    pub over_100: usize,
    /// Files whose text differs from the generator's (`Current`).
    pub differ: usize,
}

/// One way's measurements.
#[derive(Debug)]
pub struct WayResult {
    /// Which way.
    pub way: Way,
    /// Seconds per run, all files.
    pub time: Samples,
    /// Its text, or why it has none.
    pub layout: Result<Layout, String>,
}

/// What the benchmark measured.
#[derive(Debug)]
pub struct FormattersResult {
    /// Requests in the collection.
    pub requests: usize,
    /// Rust files formatted.
    pub files: usize,
    /// `rustfmt --version`, when it ran.
    pub rustfmt: Option<String>,
    /// One per way, in [`WAYS`] order.
    pub ways: Vec<WayResult>,
}

/// Measures every way `runs` times (after one warm-up run each), the ways in a
/// different order each run.
pub fn run(runs: usize) -> Result<FormattersResult, String> {
    let json = codegen::synthetic::collection(REQUESTS);
    let config = synth_config();
    let model = codegen::build_model(
        &json,
        &codegen::Overrides::default(),
        &mut codegen::Warnings::default(),
    )
    .map_err(|e| e.to_string())?;
    let jobs = emit::plan(&model, &config);
    let fresh = || -> Vec<(String, TokenStream)> {
        jobs.iter()
            .filter_map(|job| match job.draft() {
                Draft::Rust { tokens, .. } => Some((job.path.clone(), tokens)),
                Draft::Text(_) => None,
            })
            .collect()
    };
    let scratch = machine::root().join("target/bench-format");
    let rustfmt = rustfmt_version();
    let reference = print(Way::Current, fresh(), &scratch)?.0;
    let mut ways: Vec<WayResult> = WAYS
        .iter()
        .map(|&way| WayResult {
            way,
            time: Samples::new(),
            layout: Err("not run".into()),
        })
        .collect();
    for run in 0..=runs {
        for i in 0..ways.len() {
            let slot = &mut ways[(i + run) % WAYS.len()];
            if slot.way == Way::Rustfmt && rustfmt.is_none() {
                slot.layout = Err("`rustfmt` was not found".into());
                continue;
            }
            let tokens = fresh();
            let (texts, time) = print(slot.way, tokens, &scratch)?;
            if run == 0 {
                slot.layout = Ok(layout(&texts, &reference));
            } else {
                slot.time.push_duration(time);
            }
        }
    }
    let _ = std::fs::remove_dir_all(&scratch);
    Ok(FormattersResult {
        requests: REQUESTS,
        files: reference.len(),
        rustfmt,
        ways,
    })
}

/// Prints every file `way` says; the texts and the time it took.
fn print(
    way: Way,
    files: Vec<(String, TokenStream)>,
    scratch: &Path,
) -> Result<(Vec<String>, Duration), String> {
    let parse = |tokens: TokenStream| syn::parse2::<syn::File>(tokens).map_err(|e| e.to_string());
    match way {
        Way::Current => ok_timed(timed(|| {
            files
                .into_iter()
                .map(|(_, tokens)| parse(tokens).map(|file| prettyplease::unparse(&file)))
                .collect::<Result<Vec<_>, _>>()
        })),
        Way::TreeOnly => {
            let trees = files
                .into_iter()
                .map(|(_, tokens)| parse(tokens))
                .collect::<Result<Vec<_>, _>>()?;
            Ok(timed(|| {
                trees
                    .iter()
                    .map(|tree| {
                        black_box(tree.clone());
                        prettyplease::unparse(tree)
                    })
                    .collect()
            }))
        }
        Way::FromText => ok_timed(timed(|| {
            files
                .into_iter()
                .map(|(_, tokens)| {
                    syn::parse_file(&tokens.to_string())
                        .map(|file| prettyplease::unparse(&file))
                        .map_err(|e| e.to_string())
                })
                .collect::<Result<Vec<_>, _>>()
        })),
        Way::Rustfmt => rustfmt(files, scratch),
        Way::Unformatted => Ok(timed(|| {
            files
                .into_iter()
                .map(|(_, tokens)| tokens.to_string())
                .collect()
        })),
    }
}

/// A timed result whose value may have failed.
fn ok_timed<T>((value, time): (Result<T, String>, Duration)) -> Result<(T, Duration), String> {
    value.map(|v| (v, time))
}

/// The tokens as text, written under `scratch` at their paths in the crate, then one
/// `rustfmt` (edition 2024, the generated crate's width) on the crate root, which
/// follows the `mod` items to every file; the time covers all of it.
fn rustfmt(
    files: Vec<(String, TokenStream)>,
    scratch: &Path,
) -> Result<(Vec<String>, Duration), String> {
    let _ = std::fs::remove_dir_all(scratch);
    let started = Instant::now();
    let mut paths = Vec::with_capacity(files.len());
    for (path, tokens) in files {
        let path = scratch.join(path);
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)
                .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
        }
        std::fs::write(&path, tokens.to_string())
            .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        paths.push(path);
    }
    let output = Command::new("rustfmt")
        .args(["--edition", "2024", "--config", "max_width=89"])
        .arg(scratch.join("src/lib.rs"))
        .output()
        .map_err(|e| format!("cannot run rustfmt: {e}"))?;
    if !output.status.success() {
        return Err(format!(
            "rustfmt failed:\n{}",
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    let texts = paths
        .iter()
        .map(|p| {
            std::fs::read_to_string(p).map_err(|e| format!("cannot read {}: {e}", p.display()))
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok((texts, started.elapsed()))
}

fn rustfmt_version() -> Option<String> {
    let output = Command::new("rustfmt").arg("--version").output().ok()?;
    output
        .status
        .success()
        .then(|| String::from_utf8_lossy(&output.stdout).trim().to_owned())
}

/// How `texts` read, against `reference` (the generator's own text, file by file).
fn layout(texts: &[String], reference: &[String]) -> Layout {
    let mut out = Layout::default();
    for (text, reference) in texts.iter().zip(reference) {
        for line in text.lines() {
            let width = line.chars().count();
            out.lines += 1;
            out.longest = out.longest.max(width);
            out.over_100 += usize::from(width > 100);
        }
        out.differ += usize::from(text != reference);
    }
    out
}
