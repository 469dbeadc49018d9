//! `cargo xtask diff`: what changed in the API between two collections, as Markdown
//! for a pull request. The comparison itself is `codegen::diff`; this file finds the
//! inputs (files, or a git revision) and prints.

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

use codegen::diff::{self, Labels};

use crate::paths;

/// Exit code when `--fail-on-breaking` finds a breaking change (1 is bad input).
const BREAKING: u8 = 2;

/// What changed in the API between two collections, as Markdown for a PR, with a
/// verdict per change and the semver bump.
#[derive(Debug, Default, clap::Args)]
pub struct Options {
    /// OLD and NEW collection files (with --base REV: at most the old one).
    #[arg(value_name = "FILE")]
    files: Vec<PathBuf>,
    /// Compare the inputs committed at this git revision with the working tree.
    #[arg(long, value_name = "REV")]
    base: Option<String>,
    /// The collection to compare (with --base), instead of SMSPool's.
    #[arg(long, value_name = "PATH")]
    collection: Option<PathBuf>,
    /// The overrides file of both sides.
    #[arg(long, value_name = "PATH")]
    overrides: Option<PathBuf>,
    /// The overrides file of the old side.
    #[arg(long, value_name = "PATH")]
    old_overrides: Option<PathBuf>,
    /// The overrides file of the new side.
    #[arg(long, value_name = "PATH")]
    new_overrides: Option<PathBuf>,
    /// Exit with 2 when a change is breaking.
    #[arg(long)]
    fail_on_breaking: bool,
}

fn check(o: &Options) -> Result<(), String> {
    match (&o.base, o.files.len()) {
        (None, 2) | (Some(_), 0 | 1) => Ok(()),
        (None, _) => Err("diff takes two collection files, OLD and NEW (or --base REV)".into()),
        (Some(_), _) => {
            Err("with --base REV, diff takes at most one file: the old collection".into())
        }
    }
}

/// One side of the comparison.
struct Input {
    label: String,
    json: String,
    overrides: String,
}

pub fn run(o: &Options) -> Result<ExitCode, String> {
    check(o)?;
    let shared_overrides = o.overrides.clone().unwrap_or_else(paths::overrides);
    let new_overrides = o.new_overrides.clone().unwrap_or(shared_overrides.clone());
    let (old, new, note) = match &o.base {
        None => {
            let old_overrides = o.old_overrides.clone().unwrap_or(shared_overrides);
            let side = |file: &Path, overrides: &Path| -> Result<Input, String> {
                Ok(Input {
                    label: format!("`{}`", file.display()),
                    json: paths::read(file)?,
                    overrides: paths::read(overrides)?,
                })
            };
            (
                side(&o.files[0], &old_overrides)?,
                side(&o.files[1], &new_overrides)?,
                None,
            )
        }
        Some(rev) => at_revision(rev, o, &new_overrides)?,
    };
    let (old_api, old_warnings) = xtask::model(&old.label, &old.json, &old.overrides)?;
    let (new_api, new_warnings) = xtask::model(&new.label, &new.json, &new.overrides)?;
    for (label, warnings) in [(&old.label, old_warnings), (&new.label, new_warnings)] {
        for w in warnings.lines() {
            eprintln!("warning: {label}: {w}");
        }
    }
    let report = diff::compare(&old_api, &new_api);
    let version = crate_version();
    print!(
        "{}",
        diff::markdown(
            &report,
            &Labels {
                old: &old.label,
                new: &new.label,
                crate_name: "smspool",
                version: version.as_deref(),
            }
        )
    );
    if let Some(note) = note {
        println!("\n{note}");
    }
    if o.fail_on_breaking && report.is_breaking() {
        eprintln!("breaking changes (--fail-on-breaking)");
        return Ok(ExitCode::from(BREAKING));
    }
    Ok(ExitCode::SUCCESS)
}

/// The inputs as committed at `rev` against the working tree. The overrides file is
/// ours and committed; the SMSPool collection is a symlink to third-party data git
/// does not version, so its old content comes from the file given on the command
/// line, or, without one, is the current file (the report then shows what our
/// changes since `rev` do).
fn at_revision(
    rev: &str,
    o: &Options,
    new_overrides: &Path,
) -> Result<(Input, Input, Option<String>), String> {
    let root = paths::root();
    let commit = git(
        &root,
        &[
            "rev-parse",
            "--verify",
            "--short",
            &format!("{rev}^{{commit}}"),
        ],
    )
    .map_err(|e| format!("--base {rev}: not a revision of this repository ({e})"))?;
    let commit = commit.trim();
    let collection = o.collection.clone().unwrap_or_else(paths::collection);
    let working = paths::read(&collection)?;
    let relative = |p: &Path| {
        p.strip_prefix(&root)
            .unwrap_or(p)
            .to_string_lossy()
            .replace('\\', "/")
    };
    let collection_name = relative(&collection);
    let old_overrides = match &o.old_overrides {
        Some(path) => paths::read(path)?,
        None => committed(&root, commit, &relative(&paths::overrides()))?.unwrap_or_default(),
    };
    let mut note = None;
    let old_json = match (
        o.files.first(),
        committed_kind(&root, commit, &collection_name)?,
    ) {
        (Some(file), _) => paths::read(file)?,
        (None, Some(Kind::File)) => committed(&root, commit, &collection_name)?.unwrap_or_default(),
        (None, kind) => {
            let why = match kind {
                Some(Kind::Symlink) => "is a symlink to third-party data that git does not version",
                _ => "is not committed",
            };
            note = Some(format!(
                "> **Inputs.** `{collection_name}` {why}, so both sides read its current content: \
                 this report shows what the changes to our own inputs since `{rev}` (`{commit}`) do. \
                 Give the previous collection too (`cargo xtask diff --base {rev} OLD.json`) to \
                 include the collection's own changes."
            ));
            working.clone()
        }
    };
    let old_label = match o.files.first() {
        Some(file) => format!("`{}` with the overrides at `{rev}`", file.display()),
        None => format!("`{rev}` (`{commit}`)"),
    };
    Ok((
        Input {
            label: old_label,
            json: old_json,
            overrides: old_overrides,
        },
        Input {
            label: "the working tree".into(),
            json: working,
            overrides: paths::read(new_overrides)?,
        },
        note,
    ))
}

enum Kind {
    File,
    Symlink,
}

/// What `path` is at `commit`, `None` when absent.
fn committed_kind(root: &Path, commit: &str, path: &str) -> Result<Option<Kind>, String> {
    let listing = git(root, &["ls-tree", commit, "--", path])?;
    Ok(match listing.split_whitespace().next() {
        None => None,
        Some("120000") => Some(Kind::Symlink),
        Some(_) => Some(Kind::File),
    })
}

/// The content of `path` at `commit`, `None` when absent.
fn committed(root: &Path, commit: &str, path: &str) -> Result<Option<String>, String> {
    if committed_kind(root, commit, path)?.is_none() {
        return Ok(None);
    }
    git(root, &["show", &format!("{commit}:{path}")]).map(Some)
}

fn git(root: &Path, args: &[&str]) -> Result<String, String> {
    let output = Command::new("git")
        .arg("-C")
        .arg(root)
        .args(args)
        .output()
        .map_err(|e| format!("cannot run git: {e}"))?;
    if !output.status.success() {
        return Err(String::from_utf8_lossy(&output.stderr).trim().to_owned());
    }
    String::from_utf8(output.stdout)
        .map_err(|_| format!("git {} printed non-UTF-8", args.join(" ")))
}

/// The committed crate's version, for the release line.
pub fn crate_version() -> Option<String> {
    let manifest = std::fs::read_to_string(paths::generated().join("Cargo.toml")).ok()?;
    manifest.lines().find_map(|l| {
        let value = l.strip_prefix("version = \"")?.strip_suffix('"')?;
        Some(value.to_owned())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The arguments as `cargo xtask diff` reads them, checked.
    fn parse(args: &[&str]) -> Result<Options, String> {
        #[derive(clap::Parser)]
        struct Diff {
            #[command(flatten)]
            options: Options,
        }
        let parsed = <Diff as clap::Parser>::try_parse_from(
            std::iter::once("diff").chain(args.iter().copied()),
        )
        .map_err(|e| e.to_string())?;
        check(&parsed.options)?;
        Ok(parsed.options)
    }

    /// `--base`: the overrides come from git, the symlinked collection from the file
    /// it names today, and the report says so.
    #[test]
    fn base_reads_committed_overrides_and_explains_the_symlinked_collection() {
        let o = parse(&["--base", "HEAD"]).expect("parses");
        let (old, new, note) = at_revision("HEAD", &o, &paths::overrides()).expect("HEAD");
        let committed_overrides =
            git(&paths::root(), &["show", "HEAD:collection/overrides.toml"]).expect("committed");
        assert_eq!(old.overrides, committed_overrides);
        assert_eq!(old.json, new.json, "both sides read the current collection");
        let note = note.expect("a note about the symlink");
        assert!(note.contains("symlink to third-party data"), "{note}");

        let error = at_revision("no-such-revision", &o, &paths::overrides())
            .err()
            .expect("an unknown revision is an error");
        assert!(error.contains("not a revision"), "{error}");
    }

    #[test]
    fn arguments_are_checked() {
        assert!(parse(&["a.json"]).is_err());
        assert!(parse(&["--base"]).is_err());
        assert!(parse(&["--base", "main", "a", "b"]).is_err());
        assert!(parse(&["--frobnicate"]).is_err());
        assert!(parse(&["a", "b", "--fail-on-breaking"]).is_ok());
    }
}
