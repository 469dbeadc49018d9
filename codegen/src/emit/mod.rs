//! The model → Rust files: `quote!` tokens, parsed into a `syn::File`, printed by
//! `prettyplease`, each file headed by a do-not-edit line.
//!
//! [`plan`] lists the crate's files, each a [`Job`]: the manifest, `rustfmt.toml`,
//! `lib.rs`, one file per module (mounted collections included), the polling
//! helper, and the mock's files. A job drafts its file (tokens, and the doc blocks its `Cx`
//! collected), and [`Job::render`] formats the draft. [`emit`] runs every job, shared
//! out between threads; the benchmark runs the same jobs one stage at a time.

mod answers;
pub mod cli;
mod crate_root;
mod cx;
mod docs;
mod enums;
mod error_kinds;
mod example;
mod features;
mod layout;
mod mock;
mod module;
mod op_docs;
mod operation;
mod params;
mod polling;
mod prose;
mod types;
mod uses;
mod verbatim;

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use proc_macro2::TokenStream;

use crate::diagnostics::Error;
use crate::model::{Api, Module, Mount, Polling};

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
    /// How the manifest depends on the runtime: a path, relative to the crate, with
    /// the version; empty for the published version alone.
    pub runtime_path: String,
    /// Whether the crate is a member of this workspace (inherits its lints and
    /// repository).
    pub in_workspace: bool,
    /// Package metadata for publishing.
    pub metadata: Metadata,
}

/// What the manifest says about the package besides its name and description.
#[derive(Clone, Debug, Default)]
pub struct Metadata {
    /// `repository` (a crate in this workspace inherits the workspace's).
    pub repository: Option<String>,
    /// `readme`, relative to the crate.
    pub readme: Option<String>,
    /// `keywords` (at most five).
    pub keywords: Vec<String>,
    /// `categories`, from crates.io's list.
    pub categories: Vec<String>,
}

/// Generated files by path relative to the crate root (`Cargo.toml`, `src/lib.rs`,
/// `src/business/user.rs`), in a stable order.
pub type Files = BTreeMap<String, String>;

/// One file of the crate to write.
pub struct Job<'a> {
    /// Its path relative to the crate root.
    pub path: String,
    /// The collection it comes from, as named in its header.
    source: &'a str,
    what: What<'a>,
    api: &'a Api,
    config: &'a Config,
    /// Notes many operations share, said once in the crate docs.
    common_notes: Arc<BTreeSet<String>>,
}

enum What<'a> {
    Manifest,
    Rustfmt,
    Root,
    Module {
        module: &'a Module,
        /// Its Rust path (`business::user`).
        path: String,
        /// The Rust path of the module holding its API's error answers: a mounted
        /// collection's module, or empty for the crate root.
        api_root: String,
        /// Set for the root module of a mounted collection.
        mount: Option<&'a Mount>,
    },
    Polling(&'a Polling),
    /// `src/mock/mod.rs`.
    MockServer,
    /// `src/mock/<module>.rs`.
    MockModule {
        module: &'a Module,
        /// Its Rust path (`business::user`).
        path: String,
    },
    /// `src/mock/examples.json`.
    MockExamples,
    /// The CLI crate's `Cargo.toml`.
    CliManifest(&'a cli::CliConfig),
    /// The CLI crate's `rustfmt.toml`.
    CliRustfmt,
    /// The CLI crate's `src/main.rs`.
    CliMain(&'a cli::CliConfig),
    /// The CLI crate's `tests/operations.rs`.
    CliTests(&'a cli::CliConfig),
    /// The CLI crate's file of a module (`src/business/user.rs`).
    CliModule {
        module: &'a Module,
        /// Its path (`["business", "user"]`).
        path: Vec<String>,
        cli: &'a cli::CliConfig,
    },
}

/// A file's content before it is formatted.
pub enum Draft {
    /// Text written as it is (the manifest, `rustfmt.toml`).
    Text(String),
    /// Rust, with the doc blocks its tokens refer to.
    Rust {
        /// The file's items.
        tokens: TokenStream,
        /// Its doc comments (put back after formatting).
        docs: Vec<Vec<String>>,
    },
}

/// Every file of the crate for `api`, in a stable order.
pub fn plan<'a>(api: &'a Api, config: &'a Config) -> Vec<Job<'a>> {
    let common_notes = Arc::new(prose::common_notes(api));
    let job = |path: String, source: &'a str, what| Job {
        path,
        source,
        what,
        api,
        config,
        common_notes: Arc::clone(&common_notes),
    };
    let own = config.source.as_str();
    let mut jobs = vec![
        job("Cargo.toml".into(), own, What::Manifest),
        job("rustfmt.toml".into(), own, What::Rustfmt),
    ];
    if let Some(p) = &api.polling {
        jobs.push(job(polling::file_path(), own, What::Polling(p)));
    }
    jobs.push(job(mock::server_file_path(), own, What::MockServer));
    jobs.push(job(mock::examples_file_path(), own, What::MockExamples));
    for (path, module) in api.root.walk() {
        let Some(top) = path.first() else {
            jobs.push(job("src/lib.rs".into(), own, What::Root));
            continue;
        };
        let mount = api
            .root
            .modules
            .iter()
            .find(|m| m.name == *top)
            .and_then(|m| m.mount.as_ref());
        let source = mount.map_or(own, |m| m.source.as_str());
        let what = What::MockModule {
            module,
            path: path.join("::"),
        };
        jobs.push(job(mock::module_file_path(&path), source, what));
        jobs.push(job(
            format!("src/{}.rs", path.join("/")),
            mount.map_or(own, |m| m.source.as_str()),
            What::Module {
                module,
                path: path.join("::"),
                api_root: if mount.is_some() {
                    (*top).to_owned()
                } else {
                    String::new()
                },
                mount: module.mount.as_ref(),
            },
        ));
    }
    jobs
}

impl Job<'_> {
    /// The file's content, unformatted.
    pub fn draft(&self) -> Draft {
        let (api, config) = (self.api, self.config);
        let mut cx = cx::Cx::default();
        cx.crate_root = matches!(self.what, What::Root);
        let tokens = match &self.what {
            What::Manifest => return Draft::Text(manifest(api, config)),
            What::Rustfmt => return Draft::Text(rustfmt(config)),
            What::Root => crate_root::file(api, config, &self.common_notes, &mut cx),
            What::Module {
                module,
                path,
                api_root,
                mount,
            } => {
                let place = module::Place {
                    handle: &module.handle,
                    client: quote::quote!(self.0),
                    path,
                    krate: &config.crate_name,
                    api_root,
                    auth: &api.info.auth,
                    common_notes: &self.common_notes,
                };
                module::file(module, *mount, &place, &mut cx)
            }
            What::Polling(p) => polling::file(p, config, api, &mut cx),
            What::MockServer => mock::server_file(api, config, &mut cx),
            What::MockModule { module, path } => {
                mock::module_file(module, path, api.info.error_flag.as_deref(), &mut cx)
            }
            What::MockExamples => return Draft::Text(mock::examples_file(api)),
            What::CliManifest(c) => return Draft::Text(cli::manifest_text(api, config, c)),
            What::CliRustfmt => return Draft::Text(cli::rustfmt_text(config)),
            What::CliMain(_) | What::CliTests(_) | What::CliModule { .. } => {
                cli::draft(&self.what, api, config, &mut cx).unwrap_or_default()
            }
        };
        Draft::Rust {
            tokens,
            docs: cx.into_docs(),
        }
    }

    /// Formats `draft`, this job's draft.
    ///
    /// # Errors
    ///
    /// When the tokens do not parse as a Rust file: a bug of the emitter.
    pub fn render(&self, draft: Draft) -> Result<String, Error> {
        match draft {
            Draft::Text(text) => Ok(text),
            Draft::Rust { tokens, docs } => {
                let file: syn::File = syn::parse2(tokens).map_err(|e| {
                    Error::collection(
                        "",
                        format!(
                            "internal error: generated {} does not parse: {e}",
                            self.path
                        ),
                    )
                })?;
                Ok(format!(
                    "{}\n{}",
                    header(self.source, "//"),
                    verbatim::expand(&docs::space_items(&prettyplease::unparse(&file)), &docs)
                ))
            }
        }
    }
}

/// Emits the crate for `api`: every job of [`plan`], shared out between threads
/// (token streams cannot cross threads, so each thread drafts and renders its own
/// files).
pub fn emit(api: &Api, config: &Config) -> Result<Files, Error> {
    run_jobs(&plan(api, config))
}

/// Drafts and renders `jobs`, shared out between threads.
fn run_jobs(jobs: &[Job<'_>]) -> Result<Files, Error> {
    let threads = std::thread::available_parallelism()
        .map_or(1, usize::from)
        .min(jobs.len())
        .max(1);
    let results: Vec<Result<Vec<(String, String)>, Error>> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|worker| {
                scope.spawn(move || {
                    jobs.iter()
                        .skip(worker)
                        .step_by(threads)
                        .map(|job| Ok((job.path.clone(), job.render(job.draft())?)))
                        .collect()
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
    let mut files = Files::new();
    for result in results {
        files.extend(result?);
    }
    Ok(files)
}

fn header(source: &str, comment: &str) -> String {
    format!(
        "{comment} @generated by `cargo xtask gen` from {source}.\n{comment} Do not edit: change the collection or its overrides file and regenerate.\n",
    )
}

fn rustfmt(config: &Config) -> String {
    format!(
        "{}# Settings under which rustfmt formats exactly as prettyplease does, so the output\n\
         # is rustfmt-clean as emitted: prettyplease breaks lines at 89 columns, breaks a\n\
         # construct only when it does not fit, and keeps a struct literal on one line while\n\
         # its path and fields fit in 30 columns (the generator writes every literal as\n\
         # `Self {{ … }}`, so that is 26 columns of fields).\n\
         max_width = 89\nuse_small_heuristics = \"Max\"\nstruct_lit_width = 26\n",
        header(&config.source, "#")
    )
}

/// The end of a manifest: the workspace's lints for a member, else a workspace of its
/// own.
fn manifest_tail(config: &Config) -> &'static str {
    if config.in_workspace {
        "\n[lints]\nworkspace = true\n"
    } else {
        "\n# A workspace of its own, so that the crate builds wherever it is written.\n[workspace]\n"
    }
}

fn manifest(api: &Api, config: &Config) -> String {
    let lints = manifest_tail(config);
    format!(
        r#"{header}
[package]
name = "{name}"
description = "{description}"
version = "0.1.0"
edition = "2024"
rust-version = "1.85"
license = "MIT OR Apache-2.0"
{metadata}
[dependencies]
serde = {{ version = "1", features = ["derive"] }}
postgen-runtime = {runtime}

[features]
{modules}# A local mock of the API for tests, serving the saved examples (`mock::Server`).
mock = ["postgen-runtime/mock"]
# A rate limit shared through Redis by every process on one API key (`RateLimit::shared`).
redis = ["postgen-runtime/redis"]
# One `tracing` span per call.
tracing = ["postgen-runtime/tracing"]

[dev-dependencies]
# The doc examples run against the mock.
{name} = {{ path = ".", features = ["mock"] }}
{lints}"#,
        header = header(&config.source, "#"),
        name = config.crate_name,
        description = config.description.replace('"', "'"),
        runtime = runtime_dependency(&config.runtime_path, ""),
        modules = features::manifest_lines(api),
        metadata = metadata_lines(config),
    )
}

/// The runtime's dependency: by path and version, or by version alone (`path`
/// empty), with `features` (a TOML array's items, or empty).
fn runtime_dependency(path: &str, features: &str) -> String {
    let features = if features.is_empty() {
        String::new()
    } else {
        format!(", features = [{features}]")
    };
    if path.is_empty() {
        format!(r#"{{ version = "0.1.0"{features} }}"#)
    } else {
        format!(r#"{{ path = "{path}", version = "0.1.0"{features} }}"#)
    }
}

/// `repository`, `readme`, `keywords` and `categories`, those that are set.
fn metadata_lines(config: &Config) -> String {
    let m = &config.metadata;
    let list = |items: &[String]| {
        let quoted: Vec<String> = items.iter().map(|i| format!("{i:?}")).collect();
        format!("[{}]", quoted.join(", "))
    };
    let mut out = String::new();
    if config.in_workspace {
        out.push_str("repository.workspace = true\n");
    } else if let Some(url) = &m.repository {
        out.push_str(&format!("repository = {url:?}\n"));
    }
    if let Some(readme) = &m.readme {
        out.push_str(&format!("readme = {readme:?}\n"));
    }
    if !m.keywords.is_empty() {
        out.push_str(&format!("keywords = {}\n", list(&m.keywords)));
    }
    if !m.categories.is_empty() {
        out.push_str(&format!("categories = {}\n", list(&m.categories)));
    }
    out
}
