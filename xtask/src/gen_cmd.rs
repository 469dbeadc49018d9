//! `cargo xtask gen`: write (or check) a generated crate.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use codegen::emit::cli::CliConfig;
use codegen::emit::{Config, Files, Metadata};
use xtask::vendor::{self, Runtime};

use crate::paths;

/// Regenerate `generated/` and `cli/` from `collection/` (SMSPool), or write the
/// crates of another collection.
#[derive(Debug, clap::Args)]
pub struct Options {
    /// Fail, listing stale files, when the committed crates are not what gen would write.
    #[arg(long)]
    check: bool,
    /// Read another collection (schema v2.0 or v2.1).
    #[arg(long, value_name = "PATH")]
    collection: Option<PathBuf>,
    /// Its overrides file.
    #[arg(long, value_name = "PATH")]
    overrides: Option<PathBuf>,
    /// Write the client crate here (a standalone crate).
    #[arg(long, value_name = "DIR", requires = "collection")]
    out: Option<PathBuf>,
    /// With --out: also write the command-line crate here.
    #[arg(long, value_name = "DIR", requires = "out")]
    cli: Option<PathBuf>,
    /// The crate's name (default: from the collection's file name).
    #[arg(long, value_name = "NAME")]
    crate_name: Option<String>,
    /// With --out: depend on the runtime by its published version (`postgen-runtime =
    /// "0.1.0"`) instead of carrying a copy of it in vendor/.
    #[arg(long, requires = "out", conflicts_with = "runtime_path")]
    runtime_version: bool,
    /// With --out: depend on the runtime at this path (absolute, or relative to the
    /// crate) instead of carrying a copy of it in vendor/.
    #[arg(long, value_name = "PATH", requires = "out")]
    runtime_path: Option<String>,
}

impl Options {
    /// How a crate written with `--out` depends on the runtime: vendored unless
    /// `--runtime-version` or `--runtime-path` says otherwise.
    fn runtime(&self) -> Runtime {
        match (&self.runtime_path, self.runtime_version) {
            (Some(path), _) => Runtime::Path(path.clone()),
            (None, true) => Runtime::Version,
            (None, false) => Runtime::Vendored,
        }
    }
}

/// The configuration for the committed SMSPool crate.
pub fn smspool_config() -> Config {
    Config {
        crate_name: "smspool".into(),
        description:
            "Typed Rust client for the SMSPool API, generated from SMSPool's Postman collection."
                .into(),
        source: "collection/smspool.postman_collection.json".into(),
        docs: None,
        runtime_path: "../runtime".into(),
        in_workspace: true,
        metadata: Metadata {
            repository: None,
            readme: Some("../README.md".into()),
            keywords: ["smspool", "sms", "verification", "api", "client"]
                .map(str::to_owned)
                .to_vec(),
            categories: ["api-bindings", "web-programming::http-client"]
                .map(str::to_owned)
                .to_vec(),
        },
    }
}

/// Generates from `collection` and the overrides file at `overrides_path` (none when
/// `None`), with the collections it mounts.
pub fn generate(
    collection: &Path,
    overrides_path: Option<&Path>,
    config: &Config,
) -> Result<codegen::Generated, String> {
    let (overrides, mounts) = match overrides_path {
        Some(path) => {
            let text = paths::read(path)?;
            let dir = path.parent().unwrap_or(Path::new("."));
            let display = dir
                .strip_prefix(paths::root())
                .unwrap_or(dir)
                .to_string_lossy()
                .replace('\\', "/");
            let mounts = codegen::mount::load(&text, dir, &display)
                .map_err(|e| format!("{}: {e}", path.display()))?;
            (text, mounts)
        }
        None => (String::new(), Vec::new()),
    };
    let json = paths::read(collection)?;
    codegen::generate_mounted(&json, &overrides, &mounts, config)
        .map_err(|e| format!("{}: {e}", collection.display()))
}

pub fn run(o: &Options) -> Result<ExitCode, String> {
    let standalone = o.out.is_some();
    let out = o.out.clone().unwrap_or_else(paths::generated);
    let collection = o.collection.clone().unwrap_or_else(paths::collection);
    let overrides = match (&o.overrides, standalone) {
        (Some(path), _) => Some(path.clone()),
        (None, false) => Some(paths::overrides()),
        (None, true) => None,
    };
    let config = if standalone {
        let name = o
            .crate_name
            .clone()
            .unwrap_or_else(|| default_crate_name(&collection));
        Config {
            description: format!("API client generated from {}.", file_name(&collection)),
            crate_name: name,
            source: file_name(&collection),
            docs: None,
            runtime_path: o.runtime().manifest_path(),
            in_workspace: false,
            metadata: Default::default(),
        }
    } else {
        smspool_config()
    };
    let mut generated = generate(&collection, overrides.as_deref(), &config)?;
    if standalone && o.runtime() == Runtime::Vendored {
        generated
            .files
            .extend(vendor::runtime_files(&paths::root())?);
    }
    for warning in generated.warnings.lines() {
        eprintln!("warning: {warning}");
    }
    // Exactly one line on stdout, the summary; what mounted collections added is a
    // note on stderr.
    let summary = || {
        println!("{}", generated.summary());
        for line in generated.mount_summaries() {
            eprintln!("note: {line}");
        }
    };
    // The command-line crate: `cli/` beside `generated/`, or `--cli DIR` with `--out`.
    let cli = match (&o.cli, standalone) {
        (Some(dir), _) => Some(dir.clone()),
        (None, false) => Some(paths::root().join("cli")),
        (None, true) => None,
    };
    let mut outputs = vec![(out.clone(), generated.files.clone())];
    if let Some(dir) = cli {
        let cli_config = if standalone {
            let client = absolute(&out)?;
            CliConfig {
                package: format!("{}-cli", config.crate_name),
                binary: config.crate_name.clone(),
                client_path: client.display().to_string(),
                runtime_path: cli_runtime_path(&o.runtime(), &client),
            }
        } else {
            CliConfig::beside(&config)
        };
        let files = codegen::emit::cli::emit(&generated.api, &config, &cli_config)
            .map_err(|e| format!("{}: {e}", collection.display()))?;
        outputs.push((dir, files));
    }
    if o.check {
        summary();
        let mut fresh = true;
        for (dir, files) in &outputs {
            let stale = stale_files(dir, files);
            if stale.is_empty() {
                continue;
            }
            fresh = false;
            eprintln!(
                "{} is stale; run `cargo xtask gen`. Files that differ:",
                dir.display()
            );
            for file in stale {
                eprintln!("  {file}");
            }
        }
        return Ok(if fresh {
            ExitCode::SUCCESS
        } else {
            ExitCode::FAILURE
        });
    }
    for (dir, files) in &outputs {
        write(dir, files)?;
    }
    summary();
    Ok(ExitCode::SUCCESS)
}

/// Where the CLI crate finds the runtime: the very runtime the client at `client`
/// (absolute) depends on, so that cargo sees one package: its vendored copy, the
/// published version (empty), or the `--runtime-path`, read from the client's
/// directory when relative.
fn cli_runtime_path(runtime: &Runtime, client: &Path) -> String {
    match runtime {
        Runtime::Version => String::new(),
        Runtime::Vendored | Runtime::Path(_) => {
            client.join(runtime.manifest_path()).display().to_string()
        }
    }
}

/// `path` made absolute (it may not exist yet).
fn absolute(path: &Path) -> Result<PathBuf, String> {
    std::path::absolute(path).map_err(|e| format!("{}: {e}", path.display()))
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

fn default_crate_name(collection: &Path) -> String {
    let stem = file_name(collection);
    let stem = stem.split('.').next().unwrap_or("client");
    let name: String = stem
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    let name = name.trim_matches('-');
    if name.is_empty() || name.starts_with(|c: char| c.is_ascii_digit()) {
        format!("client-{name}")
    } else {
        name.to_owned()
    }
}

/// Files under `src/` that `files` does not contain: left over from a removed folder.
fn leftover_sources(out: &Path, files: &Files) -> Vec<String> {
    let mut found = Vec::new();
    let mut stack = vec![out.join("src")];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs")
                && let Ok(relative) = path.strip_prefix(out)
            {
                let relative = relative.to_string_lossy().replace('\\', "/");
                if !files.contains_key(&relative) {
                    found.push(relative);
                }
            }
        }
    }
    found.sort();
    found
}

fn stale_files(out: &Path, files: &Files) -> Vec<String> {
    let mut stale: BTreeSet<String> = files
        .iter()
        .filter(|(path, content)| {
            std::fs::read_to_string(out.join(path)).ok().as_deref() != Some(content.as_str())
        })
        .map(|(path, _)| path.clone())
        .collect();
    for leftover in leftover_sources(out, files) {
        stale.insert(format!("{leftover} (no longer generated)"));
    }
    stale.into_iter().collect()
}

fn write(out: &Path, files: &Files) -> Result<(), String> {
    for leftover in leftover_sources(out, files) {
        let path = out.join(&leftover);
        std::fs::remove_file(&path)
            .map_err(|e| format!("cannot remove {}: {e}", path.display()))?;
    }
    for (relative, content) in files {
        let path = out.join(relative);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
        }
        if std::fs::read_to_string(&path).ok().as_deref() != Some(content.as_str()) {
            std::fs::write(&path, content)
                .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The same check as `cargo xtask gen --check`, so that `cargo test` alone catches
    /// a `generated/` that does not match the collection, the overrides or the
    /// generator.
    #[test]
    fn generated_crate_is_fresh() {
        let generated = generate(
            &paths::collection(),
            Some(&paths::overrides()),
            &smspool_config(),
        )
        .expect("generates");
        let stale = stale_files(&paths::generated(), &generated.files);
        assert!(
            stale.is_empty(),
            "generated/ is stale, run `cargo xtask gen`: {stale:#?}"
        );
        let config = smspool_config();
        let cli = codegen::emit::cli::emit(&generated.api, &config, &CliConfig::beside(&config))
            .expect("emits the CLI");
        let stale = stale_files(&paths::root().join("cli"), &cli);
        assert!(
            stale.is_empty(),
            "cli/ is stale, run `cargo xtask gen`: {stale:#?}"
        );
    }

    #[test]
    fn generation_is_deterministic() {
        let run = || {
            generate(
                &paths::collection(),
                Some(&paths::overrides()),
                &smspool_config(),
            )
            .expect("generates")
        };
        assert_eq!(run().files, run().files);
    }

    /// The SMSPool summary line is the same with the mounted collection, which gets
    /// a note of its own.
    #[test]
    fn mounted_collections_have_their_own_summary() {
        let generated = generate(
            &paths::collection(),
            Some(&paths::overrides()),
            &smspool_config(),
        )
        .expect("generates");
        assert_eq!(
            generated.summary(),
            "generated 60 operations in 9 modules from 103 saved examples"
        );
        assert_eq!(
            generated.mount_summaries(),
            ["mounted 4 operations from 26 saved examples of \
              collection/sms-activate.postman_collection.json as module `activate`"]
        );
        assert!(
            generated.warnings.is_empty(),
            "{:#?}",
            generated.warnings.lines()
        );
    }
}
