//! Generating many collections as crates of one cargo workspace (one target
//! directory, the workspace's lockfile, `--offline`) and checking them all with one
//! `cargo clippy -- -D warnings`, each failure attributed to its crate.

use std::collections::BTreeMap;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::process::Command;

use codegen::emit::Config;
use serde_json::Value;
use smspool_tests::root;

/// What became of one collection.
#[derive(Clone, Debug)]
pub enum Verdict {
    /// It generated a crate that passed clippy with warnings denied.
    Clean,
    /// It did not: `class` names the failure (`generate`, a rustc error code such as
    /// `E0201`, a lint such as `dead_code`), `log` is what was printed.
    Failed {
        /// The first diagnostic's code, lint name or kind.
        class: String,
        /// The diagnostics, rendered.
        log: String,
    },
}

/// A workspace of generated crates under `dir`, built in `target`.
pub struct Workspace {
    dir: PathBuf,
    target: PathBuf,
}

impl Workspace {
    /// The workspace `dir` (relative to the repository root), built in `target`.
    pub fn new(dir: &Path, target: &Path) -> Self {
        Self {
            dir: root().join(dir),
            target: root().join(target),
        }
    }

    /// Generates every collection as crate `gen-NNN` (NNN its index) and checks them
    /// all with one clippy invocation.
    pub fn check(&self, collections: &[String]) -> Vec<Verdict> {
        let mut verdicts = vec![Verdict::Clean; collections.len()];
        let mut members = Vec::new();
        let _ = std::fs::remove_dir_all(self.dir.join("crates"));
        for (slot, json) in collections.iter().enumerate() {
            let name = slot_name(slot);
            match generate(json, &name) {
                Ok(files) => {
                    let crate_dir = self.dir.join("crates").join(&name);
                    for (path, text) in &files {
                        let text = if path == "Cargo.toml" {
                            member_manifest(text)
                        } else {
                            text.clone()
                        };
                        write(&crate_dir.join(path), &text);
                    }
                    members.push(format!("\"crates/{name}\""));
                }
                Err(failure) => verdicts[slot] = failure,
            }
        }
        if members.is_empty() {
            return verdicts;
        }
        write(
            &self.dir.join("Cargo.toml"),
            &format!(
                "[workspace]\nresolver = \"3\"\nmembers = [{}]\n",
                members.join(", ")
            ),
        );
        write(
            &self.dir.join("Cargo.lock"),
            &std::fs::read_to_string(root().join("Cargo.lock")).expect("the lockfile"),
        );
        let output = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
            .args([
                "clippy",
                "--workspace",
                "--offline",
                "--keep-going",
                // The mock is generated code too.
                "--features",
                "mock",
                "--quiet",
                "--message-format",
                "json",
                "--",
                "-D",
                "warnings",
            ])
            .current_dir(&self.dir)
            .env("CARGO_TARGET_DIR", &self.target)
            .output()
            .expect("cargo runs");
        let diagnostics = diagnostics(&String::from_utf8_lossy(&output.stdout));
        for (slot, messages) in diagnostics {
            if let Some(verdict) = verdicts.get_mut(slot) {
                let class = messages[0].0.clone();
                let log = messages.into_iter().map(|(_, m)| m).collect();
                *verdict = Verdict::Failed { class, log };
            }
        }
        let attributed = verdicts
            .iter()
            .any(|v| matches!(v, Verdict::Failed { class, .. } if class != "generate"));
        if !output.status.success() && !attributed {
            // Nothing to pin on one crate (the workspace itself failed): every crate
            // of the batch is suspect.
            let log = String::from_utf8_lossy(&output.stderr).into_owned();
            for v in &mut verdicts {
                if matches!(v, Verdict::Clean) {
                    *v = Verdict::Failed {
                        class: "cargo".into(),
                        log: log.clone(),
                    };
                }
            }
        }
        verdicts
    }
}

fn slot_name(slot: usize) -> String {
    format!("gen-{slot:03}")
}

/// Runs the generator, turning an error or a panic into a verdict.
fn generate(json: &str, name: &str) -> Result<codegen::emit::Files, Verdict> {
    let config = Config {
        crate_name: name.to_owned(),
        description: "A generated collection.".into(),
        source: "a generated collection".into(),
        docs: None,
        runtime_path: root().join("runtime").display().to_string(),
        in_workspace: false,
        metadata: Default::default(),
    };
    match catch_unwind(AssertUnwindSafe(|| codegen::generate(json, "", &config))) {
        Ok(Ok(generated)) => Ok(generated.files),
        Ok(Err(e)) => Err(Verdict::Failed {
            class: "generate".into(),
            log: e.to_string(),
        }),
        Err(panic) => Err(Verdict::Failed {
            class: "panic".into(),
            log: panic
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| panic.downcast_ref::<&str>().map(|s| (*s).to_owned()))
                .unwrap_or_default(),
        }),
    }
}

/// The generated manifest without its `[workspace]` table: here the crate is a
/// member of the batch's workspace.
fn member_manifest(manifest: &str) -> String {
    manifest
        .lines()
        .filter(|line| line.trim() != "[workspace]")
        .map(|line| format!("{line}\n"))
        .collect()
}

/// Error diagnostics (warnings are denied, so every one is an error) by crate slot,
/// each as (code or lint name, rendered text), in the order cargo printed them.
fn diagnostics(stdout: &str) -> BTreeMap<usize, Vec<(String, String)>> {
    let mut out: BTreeMap<usize, Vec<(String, String)>> = BTreeMap::new();
    for line in stdout.lines() {
        let Ok(message) = serde_json::from_str::<Value>(line) else {
            continue;
        };
        if message["reason"] != "compiler-message" {
            continue;
        }
        let diagnostic = &message["message"];
        let text = diagnostic["message"].as_str().unwrap_or_default();
        if diagnostic["level"] != "error" || text.starts_with("aborting due to") {
            continue;
        }
        let Some(slot) = message["manifest_path"].as_str().and_then(slot_of) else {
            continue;
        };
        let class = diagnostic["code"]["code"]
            .as_str()
            .map_or_else(|| text.to_owned(), str::to_owned);
        let rendered = diagnostic["rendered"].as_str().unwrap_or(text).to_owned();
        out.entry(slot).or_default().push((class, rendered));
    }
    out
}

/// `…/crates/gen-007/Cargo.toml` → 7.
fn slot_of(manifest_path: &str) -> Option<usize> {
    let (_, rest) = manifest_path.rsplit_once("/crates/gen-")?;
    rest.split('/').next()?.parse().ok()
}

fn write(path: &Path, text: &str) {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).expect("creates the directory");
    }
    std::fs::write(path, text).expect("writes the file");
}
