//! `cargo xtask fetch`: arguments and output around [`xtask::fetch`].

use std::path::PathBuf;
use std::process::ExitCode;

use codegen::diff::{self, Labels};
use xtask::fetch::{self, Options};

use crate::{diff_cmd, paths};

/// Download the published collection beside the current one, check that it parses,
/// and print the diff.
#[derive(Debug, clap::Args)]
pub struct FetchArgs {
    /// Where to download from.
    #[arg(long, default_value = fetch::DEFAULT_URL)]
    url: String,
    /// Where to write it (default: beside the current collection).
    #[arg(long, value_name = "PATH")]
    out: Option<PathBuf>,
    /// Replace a file already there.
    #[arg(long)]
    force: bool,
}

pub fn run(args: &FetchArgs) -> Result<ExitCode, String> {
    let (url, out, force) = (args.url.clone(), args.out.clone(), args.force);
    let current = paths::collection();
    let options = Options {
        out: out.unwrap_or_else(|| fetch::default_out(&current)),
        url,
        force,
        current,
        overrides: paths::overrides(),
    };
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| format!("cannot start the async runtime: {e}"))?;
    let fetched = runtime.block_on(fetch::fetch(&options))?;
    for w in &fetched.warnings {
        eprintln!("warning: {}: {w}", options.url);
    }
    eprintln!(
        "{} {} ({} bytes) from {}",
        if fetched.replaced {
            "replaced"
        } else {
            "wrote"
        },
        fetched.out.display(),
        fetched.bytes,
        options.url
    );
    match fetched.report {
        Ok(report) => {
            let version = diff_cmd::crate_version();
            print!(
                "{}",
                diff::markdown(
                    &report,
                    &Labels {
                        old: &format!("`{}`", relative(&options.current)),
                        new: &format!("the published collection (`{}`)", relative(&fetched.out)),
                        crate_name: "smspool",
                        version: version.as_deref(),
                    }
                )
            );
            Ok(ExitCode::SUCCESS)
        }
        Err(e) => {
            eprintln!(
                "the collection was saved, but cannot be compared with the current one:\n{e}"
            );
            Ok(ExitCode::FAILURE)
        }
    }
}

/// `path` relative to the workspace root when it is inside it.
fn relative(path: &std::path::Path) -> String {
    let root = paths::root();
    let root = std::fs::canonicalize(&root).unwrap_or(root);
    path.strip_prefix(&root)
        .or_else(|_| path.strip_prefix(paths::root()))
        .unwrap_or(path)
        .display()
        .to_string()
}
