//! The model → Rust files: `quote!` tokens, parsed into a `syn::File`, printed by
//! `prettyplease`, each file headed by a do-not-edit line.

mod answers;
mod choices;
mod crate_root;
pub(crate) mod docs;
mod enums;
mod example;
mod module;
mod mount;
mod operation;
mod polling;
mod types;
mod uses;
mod verbatim;

use std::collections::BTreeMap;

use proc_macro2::TokenStream;

use crate::diagnostics::Error;
use crate::ir::{Api, Module};

pub use mount::emit_mounted;

/// How to emit.
#[derive(Clone, Debug)]
pub struct Config {
    /// The package name (`smspool`).
    pub crate_name: String,
    /// The package description.
    pub description: String,
    /// The collection file, as named in headers (`collection/smspool.postman_collection.json`).
    pub source: String,
    /// Extra crate docs (Markdown), before the collection's description.
    pub docs: Option<String>,
    /// How the manifest depends on the runtime: a path, relative to the crate.
    pub runtime_path: String,
    /// Whether the crate is a member of this workspace (inherits its lints).
    pub in_workspace: bool,
}

/// Generated files by path relative to the crate root (`Cargo.toml`, `src/lib.rs`,
/// `src/business/user.rs`), in a stable order.
pub type Files = BTreeMap<String, String>;

/// Emits the crate for `api`: the same as [`tokens()`] then [`format()`], with the
/// files shared out between threads (token streams cannot cross threads, so each
/// thread emits and formats its own files).
pub fn emit(api: &Api, config: &Config) -> Result<Files, Error> {
    verbatim::reset();
    let modules: Vec<(Vec<&str>, &Module)> = api.root.walk();
    let threads = std::thread::available_parallelism()
        .map_or(1, usize::from)
        .min(modules.len())
        .max(1);
    let extra = match &api.polling {
        Some(p) => vec![(polling::file_path(), polling::file(p, config))],
        None => Vec::new(),
    };
    let mut files = format(extra, config)?;
    let results: Vec<Result<Vec<(String, String)>, Error>> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|worker| {
                let modules = &modules;
                scope.spawn(move || {
                    let mut out = Vec::new();
                    for (path, module) in modules.iter().skip(worker).step_by(threads) {
                        let (file_path, tokens) = file_tokens(api, config, path, module);
                        out.push((file_path.clone(), render(tokens, &file_path, config)?));
                    }
                    Ok(out)
                })
            })
            .collect();
        workers
            .into_iter()
            .map(|w| {
                w.join().unwrap_or_else(|_| {
                    Err(Error::collection(
                        "",
                        "internal error: an emitter thread panicked",
                    ))
                })
            })
            .collect()
    });
    for result in results {
        files.extend(result?);
    }
    Ok(files)
}

/// The path and tokens of the file for `module` (the crate root when `path` is empty).
fn file_tokens(
    api: &Api,
    config: &Config,
    path: &[&str],
    module: &Module,
) -> (String, TokenStream) {
    if path.is_empty() {
        ("src/lib.rs".to_owned(), crate_root::file(api, config))
    } else {
        (
            format!("src/{}.rs", path.join("/")),
            module::file(module, &path.join("::"), &config.crate_name),
        )
    }
}

/// The Rust files as token streams, by path (the "emit" stage).
pub fn tokens(api: &Api, config: &Config) -> Vec<(String, TokenStream)> {
    verbatim::reset();
    let mut out: Vec<(String, TokenStream)> = api
        .root
        .walk()
        .into_iter()
        .map(|(path, module)| file_tokens(api, config, &path, module))
        .collect();
    if let Some(p) = &api.polling {
        out.push((polling::file_path(), polling::file(p, config)));
    }
    out
}

/// Token streams → formatted files, plus the manifest (the "format" stage).
pub fn format(tokens: Vec<(String, TokenStream)>, config: &Config) -> Result<Files, Error> {
    let mut files = Files::new();
    files.insert("Cargo.toml".into(), manifest(config));
    files.insert(
        "rustfmt.toml".into(),
        format!(
            "{}# Settings under which rustfmt formats exactly as prettyplease does, so the output\n\
             # is rustfmt-clean as emitted: prettyplease breaks lines at 89 columns, breaks a\n\
             # construct only when it does not fit, and keeps a struct literal on one line while\n\
             # its path and fields fit in 30 columns (the generator writes every literal as\n\
             # `Self {{ … }}`, so that is 26 columns of fields).\n\
             max_width = 89\nuse_small_heuristics = \"Max\"\nstruct_lit_width = 26\n",
            header(config, "#")
        ),
    );
    for (path, tokens) in tokens {
        let text = render(tokens, &path, config)?;
        files.insert(path, text);
    }
    Ok(files)
}

/// The number of modules directly under the root, and of all operations.
pub fn counts(root: &Module) -> (usize, usize) {
    (root.modules.len(), root.all_operations().count())
}

fn header(config: &Config, comment: &str) -> String {
    format!(
        "{comment} @generated by `cargo xtask gen` from {}.\n{comment} Do not edit: change the collection or its overrides file and regenerate.\n",
        config.source
    )
}

fn render(tokens: TokenStream, path: &str, config: &Config) -> Result<String, Error> {
    let file: syn::File = syn::parse2(tokens).map_err(|e| {
        Error::collection(
            "",
            format!("internal error: generated {path} does not parse: {e}"),
        )
    })?;
    Ok(format!(
        "{}\n{}",
        header(config, "//"),
        verbatim::expand(&docs::space_items(&prettyplease::unparse(&file)))
    ))
}

fn manifest(config: &Config) -> String {
    let lints = if config.in_workspace {
        "\n[lints]\nworkspace = true\n"
    } else {
        "\n# A workspace of its own, so that the crate builds wherever it is written.\n[workspace]\n"
    };
    format!(
        r#"{header}
[package]
name = "{name}"
description = "{description}"
version = "0.1.0"
edition = "2024"
rust-version = "1.85"
license = "MIT OR Apache-2.0"

[dependencies]
serde = {{ version = "1", features = ["derive"] }}
smspool-runtime = {{ path = "{runtime}", version = "0.1.0" }}

[features]
# A rate limit shared through Redis by every process on one API key (`RateLimit::shared`).
redis = ["smspool-runtime/redis"]
# One `tracing` span per call.
tracing = ["smspool-runtime/tracing"]
{lints}"#,
        header = header(config, "#"),
        name = config.crate_name,
        description = config.description.replace('"', "'"),
        runtime = config.runtime_path,
    )
}
