//! The command-line tool of a generated client: a crate of its own (so the library's
//! users never compile clap), one subcommand per module and per operation, typed as
//! the client's methods are, calling them and printing their answers. What every
//! such tool shares (global options, the key's sources, tables, confirmation,
//! waiting, exit codes) is the runtime's `cli` module; this emits only what the model
//! says.
//!
//! Files: `Cargo.toml`, `rustfmt.toml`, `src/main.rs` (the top command, `wait` when
//! the API has a polling helper, `completions`, and the mock for `--mock`), and one
//! file per module, laid out as the client's.

mod args;
mod commands;
mod main_file;
mod tests;

use super::{Config, Files, Job, What};
use crate::diagnostics::Error;
use crate::model::{Api, Module, Operation, ParamType};

/// How to emit the command-line crate.
#[derive(Clone, Debug)]
pub struct CliConfig {
    /// The package name (`smspool-cli`).
    pub package: String,
    /// The binary's name (`smspool`).
    pub binary: String,
    /// How the manifest depends on the client crate: a path, relative to this crate.
    pub client_path: String,
    /// How the manifest depends on the runtime: a path, relative to this crate (the
    /// client's runtime), or empty for the published version alone.
    pub runtime_path: String,
}

impl CliConfig {
    /// The SMSPool layout: `cli/` beside `generated/` and `runtime/`, the binary
    /// named as the client crate.
    pub fn beside(config: &Config) -> Self {
        Self {
            package: format!("{}-cli", config.crate_name),
            binary: config.crate_name.clone(),
            client_path: "../generated".into(),
            runtime_path: "../runtime".into(),
        }
    }

    /// The environment variable holding the key (`SMSPOOL_API_KEY`).
    pub fn key_env(&self) -> String {
        format!(
            "{}_API_KEY",
            self.binary.to_ascii_uppercase().replace('-', "_")
        )
    }
}

/// Every file of the CLI crate for `api`, formatted.
///
/// # Errors
///
/// When generated tokens do not parse: a bug of the emitter.
pub fn emit(api: &Api, config: &Config, cli: &CliConfig) -> Result<Files, Error> {
    super::run_jobs(&plan(api, config, cli))
}

/// The CLI crate's files, as jobs.
pub fn plan<'a>(api: &'a Api, config: &'a Config, cli: &'a CliConfig) -> Vec<Job<'a>> {
    let job = |path: String, what| Job {
        path,
        source: &config.source,
        what,
        api,
        config,
        common_notes: Default::default(),
    };
    let mut jobs = vec![
        job("Cargo.toml".into(), What::CliManifest(cli)),
        job("rustfmt.toml".into(), What::CliRustfmt),
        job("src/main.rs".into(), What::CliMain(cli)),
        job("tests/operations.rs".into(), What::CliTests(cli)),
    ];
    for (path, module) in api.root.walk() {
        if path.is_empty() {
            continue;
        }
        jobs.push(job(
            format!("src/{}.rs", path.join("/")),
            What::CliModule {
                module,
                path: path.iter().map(|p| (*p).to_owned()).collect(),
                cli,
            },
        ));
    }
    jobs
}

/// Where a module's commands are: its path, and what the commands in it need to know.
pub struct Site<'a> {
    /// The model.
    api: &'a Api,
    /// The client crate's name as a Rust path (`smspool`).
    krate: String,
    /// The module's path in the client crate (`["business", "user"]`).
    modules: &'a [String],
    /// The methods from the client to the module's handle: the module names.
    accessors: &'a [String],
    /// The command line up to this module (`smspool business user`).
    command_path: String,
    /// The client's type (`smspool::Client`).
    client_type: proc_macro2::TokenStream,
}

impl<'a> Site<'a> {
    fn new(api: &'a Api, config: &Config, cli: &CliConfig, modules: &'a [String]) -> Self {
        let krate = config.crate_name.replace('-', "_");
        let ident = quote::format_ident!("{krate}");
        let mut command_path = cli.binary.clone();
        for m in modules {
            command_path.push(' ');
            command_path.push_str(&command_name(m));
        }
        Self {
            api,
            krate,
            modules,
            accessors: modules,
            command_path,
            client_type: quote::quote!(#ident::Client),
        }
    }

    /// The subcommand name of `op` (`active-orders`).
    fn command(&self, op: &Operation) -> String {
        command_name(&op.name)
    }

    /// The subcommand name of a nested module.
    fn command_of_module(&self, module: &Module) -> String {
        command_name(&module.name)
    }

    /// The command line below the binary (`sms purchase` without `smspool`).
    fn command_path_below_root(&self) -> String {
        self.modules
            .iter()
            .map(|m| command_name(m))
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// Whether `op` creates the orders the polling helper waits for (`--wait`).
    fn creates(&self, op: &Operation) -> bool {
        let (Some(_), Some(lifecycle)) = (&self.api.polling, &self.api.lifecycle) else {
            return false;
        };
        let at = &lifecycle.create.operation;
        at.method == op.name && at.modules == self.modules
    }

    /// The field of the create operation's answer holding the order id.
    fn order_id_field(&self) -> String {
        self.api
            .lifecycle
            .as_ref()
            .map(|l| l.create.order_id.clone())
            .unwrap_or_default()
    }

    /// The names of an enum parameter's values, as sent.
    fn enum_names(&self, ty: &ParamType) -> Vec<String> {
        let ParamType::Enum { name, crate_level } = ty else {
            return Vec::new();
        };
        let module = self
            .api
            .root
            .walk()
            .into_iter()
            .find(|(path, _)| {
                path.iter()
                    .copied()
                    .eq(self.modules.iter().map(String::as_str))
            })
            .map(|(_, m)| m);
        let defs = if *crate_level {
            self.api.enums.as_slice()
        } else {
            module.map_or(&[][..], |m| m.enums.as_slice())
        };
        defs.iter()
            .find(|d| d.name == *name)
            .map(|d| d.variants.iter().map(|v| v.name.clone()).collect())
            .unwrap_or_default()
    }

    /// `disable_help_subcommand` where an operation or module is called `help`.
    fn help_attr(&self, module: &Module) -> proc_macro2::TokenStream {
        let taken = module
            .operations
            .iter()
            .map(|o| o.name.as_str())
            .chain(module.modules.iter().map(|m| m.name.as_str()));
        if taken.into_iter().any(|n| n == "help") {
            quote::quote!(#[command(disable_help_subcommand = true)])
        } else {
            quote::quote!()
        }
    }
}

/// The type of `op`'s arguments and its variant in `Command`: the builder's name
/// (settled in the model, unique in its file) without its `Request` (`Purchase`),
/// unless that is a name the CLI's files already use.
fn command_type(op: &Operation) -> proc_macro2::Ident {
    let name = match op.builder.strip_suffix("Request") {
        Some(stem) if !stem.is_empty() && !["Command", "Cli", "App", "Self"].contains(&stem) => {
            stem
        }
        _ => op.builder.as_str(),
    };
    quote::format_ident!("{name}")
}

/// A Rust name as a command name: `active_orders` is `active-orders`, a raw
/// identifier loses its `r#`.
fn command_name(rust: &str) -> String {
    rust.trim_start_matches("r#").replace('_', "-")
}

/// The CLI crate's manifest.
fn manifest(api: &Api, config: &Config, cli: &CliConfig) -> String {
    let lints = super::manifest_tail(config);
    format!(
        r#"{header}
[package]
name = "{package}"
description = "The `{binary}` command line: every operation of the {title}, generated from the same model as the client."
version = "0.1.0"
edition = "2024"
rust-version = "1.85"
license = "MIT OR Apache-2.0"

[[bin]]
name = "{binary}"
path = "src/main.rs"

[dependencies]
# The client, with its mock for `--mock`.
{krate} = {{ path = "{client}", version = "0.1.0", features = ["mock"] }}
postgen-runtime = {runtime}
clap = {{ version = "4", default-features = false, features = ["std", "derive"] }}

[dev-dependencies]
# `tests/operations.rs`: the binary against the client's mock.
serde = "1"
serde_json = "1"
tokio = {{ version = "1", features = ["macros", "rt-multi-thread"] }}{insta}
{lints}"#,
        insta = if config.in_workspace {
            "\n# The workspace's hand-written tests of this CLI snapshot its tables.\ninsta.workspace = true"
        } else {
            ""
        },
        header = super::header(&config.source, "#"),
        package = cli.package,
        binary = cli.binary,
        title = api.info.name.trim(),
        krate = config.crate_name,
        client = cli.client_path,
        runtime = super::runtime_dependency(&cli.runtime_path, r#""cli""#),
    )
}

/// Renders a CLI job's draft (called from [`Job::draft`]).
pub(super) fn draft(
    what: &What<'_>,
    api: &Api,
    config: &Config,
    cx: &mut super::cx::Cx,
) -> Option<proc_macro2::TokenStream> {
    match what {
        What::CliMain(cli) => Some(main_file::file(api, config, cli, cx)),
        What::CliTests(cli) => Some(tests::file(api, config, cli, cx)),
        What::CliModule { module, path, cli } => {
            let site = Site::new(api, config, cli, path);
            Some(commands::file(module, &site, cx))
        }
        _ => None,
    }
}

/// The CLI crate's `rustfmt.toml`: prettyplease formats this crate and `cargo xtask
/// gen --check` keeps it as generated; rustfmt lays out long method chains otherwise.
pub(super) fn rustfmt_text(config: &Config) -> String {
    format!(
        "{}# The generator formats this crate (prettyplease), and `cargo xtask gen --check`\n\
         # keeps it exactly as generated; rustfmt would lay out long method chains and calls\n\
         # differently, so it leaves the crate alone.\n\
         disable_all_formatting = true\n",
        super::header(&config.source, "#")
    )
}

/// The manifest's text.
pub(super) fn manifest_text(api: &Api, config: &Config, cli: &CliConfig) -> String {
    manifest(api, config, cli)
}
