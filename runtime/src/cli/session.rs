//! One run of a command: its global options, the client it calls, and how it talks to
//! the person or script that started it.

use std::io::{BufRead, IsTerminal, Write};

use serde::Serialize;

use super::{App, Exit, Failure, Global, key, output};
use crate::{ApiKey, ClientBuilder};

/// One run of a command.
#[derive(Debug)]
pub struct Session {
    app: &'static App,
    global: Global,
}

impl Session {
    /// A run of `app` with `global` options.
    pub fn new(app: &'static App, global: Global) -> Self {
        Self { app, global }
    }

    /// Whether the run is against the in-process mock server (`--mock`).
    pub fn mock(&self) -> bool {
        self.global.mock
    }

    /// The tool's description.
    pub fn app(&self) -> &'static App {
        self.app
    }

    /// A client for the real API (or `--base-url`), with the key from its sources.
    ///
    /// # Errors
    ///
    /// [`Exit::Usage`] when there is no key or the base URL is not one.
    pub fn client<C: From<crate::Client>>(
        &self,
        builder: impl FnOnce(ApiKey) -> ClientBuilder<C>,
    ) -> Result<C, Failure> {
        let (key, _source) = key::load(self.app, self.global.key_file.as_deref())?;
        let mut builder = builder(key);
        if let Some(url) = &self.global.base_url {
            builder = builder.base_url(url.clone());
        }
        Ok(builder.build()?)
    }

    /// Asks before a paid call: says what `command` buys (`what`, with the arguments
    /// given: those that are `None` were not) and waits for a yes on a terminal. `--yes` skips the question; without
    /// a terminal to ask on, and without `--yes`, the call is refused.
    ///
    /// # Errors
    ///
    /// [`Exit::Usage`] when refused or declined: nothing was sent.
    pub fn confirm(
        &self,
        command: &str,
        what: &str,
        args: &[(&str, Option<String>)],
    ) -> Result<(), Failure> {
        if self.global.yes {
            return Ok(());
        }
        let given: Vec<String> = args
            .iter()
            .filter_map(|(k, v)| v.as_ref().map(|v| format!("{k} {v}")))
            .collect();
        let with = if given.is_empty() {
            String::new()
        } else {
            format!(" with {}", given.join(", "))
        };
        let mock = if self.mock() {
            " (mock server: nothing is charged)"
        } else {
            ""
        };
        let summary = format!("`{} {command}` is paid: {what}{with}{mock}.", self.app.name);
        if !(std::io::stdin().is_terminal() && std::io::stderr().is_terminal()) {
            return Err(Failure::new(
                Exit::Usage,
                format!("{summary} Not sent: pass --yes to confirm (no terminal to ask on)."),
            ));
        }
        let mut stderr = std::io::stderr().lock();
        let _ = write!(stderr, "{summary}\nBuy? [y/N] ");
        let _ = stderr.flush();
        drop(stderr);
        let mut answer = String::new();
        let _ = std::io::stdin().lock().read_line(&mut answer);
        if matches!(answer.trim().to_ascii_lowercase().as_str(), "y" | "yes") {
            Ok(())
        } else {
            Err(Failure::new(Exit::Usage, "not confirmed: nothing was sent"))
        }
    }

    /// Prints an answer on stdout: as JSON with `--json`, else as a table, key/value
    /// lines or text.
    ///
    /// # Errors
    ///
    /// [`Exit::Api`] when the value cannot be written as JSON (a bug: answers are
    /// decoded from JSON).
    pub fn show<T: Serialize>(&self, answer: &T) -> Result<(), Failure> {
        let value = serde_json::to_value(answer)
            .map_err(|e| Failure::new(Exit::Api, format!("cannot show the answer: {e}")))?;
        let text = if self.global.json {
            let mut text = serde_json::to_string_pretty(&value)
                .map_err(|e| Failure::new(Exit::Api, format!("cannot show the answer: {e}")))?;
            text.push('\n');
            text
        } else {
            output::render(&value)
        };
        let mut stdout = std::io::stdout().lock();
        // A closed pipe (`| head`) is not a failure of the command.
        let _ = stdout.write_all(text.as_bytes());
        let _ = stdout.flush();
        Ok(())
    }

    /// Whether answers print as JSON.
    pub fn json(&self) -> bool {
        self.global.json
    }
}
