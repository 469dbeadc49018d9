//! What generated command-line tools share (feature `cli`): the options every command
//! takes ([`Global`]), where the API key comes from ([`KeySource`]), output as tables,
//! key/value lists or JSON ([`Session::show`]), confirmation before a paid call
//! ([`Session::confirm`]), waiting for orders with a spinner ([`Session::wait`]), and
//! exit codes by class of failure ([`Exit`]).
//!
//! A generated CLI crate holds the commands (one `clap` subcommand per operation,
//! typed from the model) and calls these; nothing here knows one API from another.
//! The API key is never an argument (it would show in process listings and shell
//! history): it comes from an environment variable, a file, or the user's config
//! directory, and is held as an [`ApiKey`](crate::ApiKey), which never prints.

mod exit;
mod key;
mod output;
mod session;
mod wait;

use std::path::PathBuf;
use std::str::FromStr;
use std::time::Duration;

pub use clap;
pub use exit::{EXIT_CODES, Exit, Failure};
pub use key::KeySource;
pub use session::Session;
pub use wait::{WaitArgs, WaitFlag};

/// What a generated tool is called and where it looks for its key.
#[derive(Clone, Copy, Debug)]
pub struct App {
    /// The binary's name (`smspool`).
    pub name: &'static str,
    /// The environment variable holding the API key (`SMSPOOL_API_KEY`).
    pub key_env: &'static str,
}

/// The options every command takes.
#[derive(Clone, Debug, Default, clap::Args)]
#[command(next_help_heading = "Global options")]
pub struct Global {
    /// Print the answer as JSON (the exact typed value), not as a table.
    #[arg(long, global = true)]
    pub json: bool,
    /// Do not ask before paid operations (for scripts).
    #[arg(long, short = 'y', global = true)]
    pub yes: bool,
    /// Run against a mock server in this process, serving the saved examples: no key,
    /// no money, nothing leaves the machine.
    #[arg(long, global = true, conflicts_with_all = ["base_url", "key_file"])]
    pub mock: bool,
    /// Send requests to this server instead of the API's (a local test server).
    #[arg(long, global = true, value_name = "URL")]
    pub base_url: Option<String>,
    /// Read the API key from this file (instead of the environment variable or the
    /// config directory).
    #[arg(long, global = true, value_name = "PATH")]
    pub key_file: Option<PathBuf>,
}

/// The arguments of `completions`.
#[derive(Clone, Debug, clap::Args)]
pub struct CompletionsArgs {
    /// The shell to write completions for.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

impl CompletionsArgs {
    /// Writes the completion script of `command` (the tool's whole command line) to
    /// stdout.
    pub fn print(&self, mut command: clap::Command) -> std::process::ExitCode {
        let name = command.get_name().to_owned();
        clap_complete::generate(self.shell, &mut command, name, &mut std::io::stdout());
        std::process::ExitCode::SUCCESS
    }
}

/// Parses a duration written for people: `90s`, `5m`, `1h 30m`, `500ms`.
///
/// # Errors
///
/// When `text` is not such a duration.
pub fn duration(text: &str) -> Result<Duration, String> {
    humantime::parse_duration(text).map_err(|e| e.to_string())
}

/// Runs `body` on a current-thread Tokio runtime and turns its outcome into the
/// process's exit code, printing a failure on stderr.
pub fn run<F>(body: F) -> std::process::ExitCode
where
    F: Future<Output = Result<(), Failure>>,
{
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(e) => return Failure::new(Exit::Transport, format!("cannot start: {e}")).report(),
    };
    match runtime.block_on(body) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(failure) => failure.report(),
    }
}

/// A parameter's value as it is sent, for the confirmation of a paid call.
pub fn shown<T: crate::ParamValue + Clone>(value: &T) -> String {
    value.clone().into_param()
}

/// A list parameter's values as they are sent, or `None` when empty.
pub fn shown_list<T: crate::ParamValue + Clone>(values: &[T]) -> Option<String> {
    if values.is_empty() {
        return None;
    }
    let shown: Vec<String> = values.iter().map(shown).collect();
    Some(shown.join(","))
}

/// Parses a `--body` argument as JSON.
///
/// # Errors
///
/// When it is not JSON: the parser's message, which clap shows.
pub fn json_arg(text: &str) -> Result<serde_json::Value, String> {
    serde_json::from_str(text).map_err(|e| format!("not JSON: {e}"))
}

/// Decodes a `--body` into the type the operation's method takes.
///
/// # Errors
///
/// [`Exit::Usage`] when the JSON does not fit that type.
pub fn json_body<T: serde::de::DeserializeOwned>(value: serde_json::Value) -> Result<T, Failure> {
    serde_json::from_value(value)
        .map_err(|e| Failure::new(Exit::Usage, format!("--body does not fit the request: {e}")))
}

/// The bytes of the file at `path` (a binary body).
///
/// # Errors
///
/// [`Exit::Usage`] when it cannot be read.
pub fn read_file(path: &std::path::Path) -> Result<Vec<u8>, Failure> {
    std::fs::read(path)
        .map_err(|e| Failure::new(Exit::Usage, format!("cannot read {}: {e}", path.display())))
}

/// The file at `path` as a multipart part, named as the file.
///
/// # Errors
///
/// [`Exit::Usage`] when it cannot be read.
pub fn file_part(path: &std::path::Path) -> Result<crate::FilePart, Failure> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    Ok(crate::FilePart::new(name, read_file(path)?))
}

/// A parser of a closed set's values (a parameter's enum): any of `names` in any case,
/// or a code where the set has codes, through `T`'s `FromStr`; clap lists the names in
/// `--help`, in completions and in the error for anything else.
pub fn one_of<T>(names: &'static [&'static str]) -> OneOf<T> {
    OneOf {
        names,
        value: std::marker::PhantomData,
    }
}

/// The parser [`one_of`] makes.
#[derive(Debug)]
pub struct OneOf<T> {
    names: &'static [&'static str],
    value: std::marker::PhantomData<fn() -> T>,
}

impl<T> Clone for OneOf<T> {
    fn clone(&self) -> Self {
        Self {
            names: self.names,
            value: std::marker::PhantomData,
        }
    }
}

impl<T> clap::builder::TypedValueParser for OneOf<T>
where
    T: FromStr + Clone + Send + Sync + 'static,
{
    type Value = T;

    fn parse_ref(
        &self,
        command: &clap::Command,
        arg: Option<&clap::Arg>,
        value: &std::ffi::OsStr,
    ) -> Result<T, clap::Error> {
        let text = value.to_string_lossy();
        text.parse::<T>().map_err(|_| {
            let mut error =
                clap::Error::new(clap::error::ErrorKind::InvalidValue).with_cmd(command);
            use clap::error::{ContextKind, ContextValue};
            if let Some(arg) = arg {
                error.insert(
                    ContextKind::InvalidArg,
                    ContextValue::String(arg.to_string()),
                );
            }
            error.insert(
                ContextKind::InvalidValue,
                ContextValue::String(text.into_owned()),
            );
            error.insert(
                ContextKind::ValidValue,
                ContextValue::Strings(self.names.iter().map(|n| (*n).to_owned()).collect()),
            );
            error
        })
    }

    fn possible_values(
        &self,
    ) -> Option<Box<dyn Iterator<Item = clap::builder::PossibleValue> + '_>> {
        Some(Box::new(
            self.names
                .iter()
                .map(|n| clap::builder::PossibleValue::new(*n)),
        ))
    }
}
