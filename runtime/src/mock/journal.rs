//! What the mock received.

use std::time::SystemTime;

/// The value a parameter carrying the API key is recorded with.
pub const REDACTED: &str = "[redacted]";

/// One request the mock received, as a test asserts on it: the operation it was routed
/// to, its parameters decoded, and the API key redacted (only whether one came is kept).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Recorded {
    pub(super) operation: Option<&'static str>,
    pub(super) method: String,
    pub(super) path: String,
    pub(super) params: Vec<(String, String)>,
    pub(super) key_sent: bool,
    pub(super) status: u16,
    pub(super) at: SystemTime,
}

impl Recorded {
    /// The operation it was routed to (`sms::purchase`), `None` when no route fit.
    pub fn operation(&self) -> Option<&'static str> {
        self.operation
    }

    /// The HTTP method.
    pub fn method(&self) -> &str {
        &self.method
    }

    /// The path, as sent (`/purchase/sms`).
    pub fn path(&self) -> &str {
        &self.path
    }

    /// Every parameter, in the order it came: the query string's, then the body's
    /// (urlencoded or multipart fields; a JSON object's members, strings as they are
    /// and other values as JSON; a file part as `<file name> (<n> bytes)`). Parameters
    /// that carry the API key hold `[redacted]`.
    pub fn params(&self) -> &[(String, String)] {
        &self.params
    }

    /// The last value of the parameter `name` (as sent: `orderid`).
    pub fn param(&self, name: &str) -> Option<&str> {
        self.params
            .iter()
            .rev()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// Whether the request carried an API key (header, parameter or field).
    pub fn key_sent(&self) -> bool {
        self.key_sent
    }

    /// The status the mock answered with (or would have: a cut-off answer's).
    pub fn status(&self) -> u16 {
        self.status
    }

    /// When it arrived.
    pub fn at(&self) -> SystemTime {
        self.at
    }
}
