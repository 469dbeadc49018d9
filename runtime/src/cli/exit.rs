//! Exit codes by class of failure, and the failure a command ends with.

use std::fmt;
use std::process::ExitCode;

use crate::Error;

/// The exit codes, for `--help`.
pub const EXIT_CODES: &str = "\
Exit codes:
  0    success
  1    the API answered with an error (or an answer that could not be read)
  2    usage: bad arguments, no API key, a paid command not confirmed
  3    rate limited, after the retries allowed
  4    transport: could not connect, timed out, nothing was charged
  5    outcome unknown: a paid or state-changing call may have gone through; check
       your orders before trying again
  6    waited without getting every code (deadline passed, or an order ended)
  130  interrupted (Ctrl-C)";

/// The class of a failure, which is the process's exit code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Exit {
    /// The API answered with an error, or with an answer that could not be read.
    Api = 1,
    /// Bad arguments, no API key, a paid command not confirmed.
    Usage = 2,
    /// Rate limited, after the retries allowed.
    RateLimited = 3,
    /// Could not connect, timed out: nothing was charged.
    Transport = 4,
    /// A paid or state-changing call may have gone through.
    OutcomeUnknown = 5,
    /// A wait ended without every code.
    NotDelivered = 6,
    /// Interrupted by Ctrl-C.
    Interrupted = 130,
}

impl Exit {
    /// The class of `error`.
    pub fn of(error: &Error) -> Self {
        match error {
            Error::Api(_) | Error::InvalidApiKey { .. } | Error::Decode(_) => Exit::Api,
            Error::RateLimited { .. } => Exit::RateLimited,
            Error::Transport { .. } => Exit::Transport,
            Error::OutcomeUnknown { .. } => Exit::OutcomeUnknown,
            Error::Config(_) => Exit::Usage,
            Error::TooLarge { .. } => Exit::Api,
            #[cfg(feature = "redis")]
            Error::SharedLimit(_) => Exit::Transport,
        }
    }
}

/// How a command failed: its class and what to print on stderr.
#[derive(Debug)]
pub struct Failure {
    exit: Exit,
    message: String,
}

impl Failure {
    /// A failure of class `exit`.
    pub fn new(exit: Exit, message: impl Into<String>) -> Self {
        Self {
            exit,
            message: message.into(),
        }
    }

    /// Its class.
    pub fn exit(&self) -> Exit {
        self.exit
    }

    /// Prints it on stderr and gives its exit code.
    pub fn report(self) -> ExitCode {
        if !self.message.is_empty() {
            eprintln!("error: {}", self.message);
        }
        ExitCode::from(self.exit as u8)
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl From<Error> for Failure {
    /// The error's message (the API's own, with the HTTP status, for an API error)
    /// and its class. Errors never carry the key, so neither does this.
    fn from(error: Error) -> Self {
        let mut message = error.to_string();
        if let Some(status) = error.status()
            && !message.contains("HTTP ")
        {
            message.push_str(&format!(" (HTTP {})", status.as_u16()));
        }
        Self::new(Exit::of(&error), message)
    }
}
