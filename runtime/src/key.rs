//! The API key: a secret that formats as `<redacted>` everywhere.

use std::fmt;

use secrecy::{ExposeSecret, SecretString};

/// An API key.
///
/// `Debug` and `Display` print `<redacted>`; the key itself is only read by the
/// runtime when it builds the `Authorization` header or the credential form field,
/// so it never ends up in URLs, logs, error messages or panics.
///
/// ```
/// let key = smspool_runtime::ApiKey::new("0123456789abcdef0123456789abcdef");
/// assert_eq!(format!("{key:?}"), "ApiKey(<redacted>)");
/// assert_eq!(key.to_string(), "<redacted>");
/// ```
#[derive(Clone)]
pub struct ApiKey(SecretString);

impl ApiKey {
    /// Wraps a key.
    pub fn new(key: impl Into<String>) -> Self {
        Self(SecretString::from(key.into()))
    }

    /// The key itself, for the transport. Kept crate-private so no caller can print it
    /// by accident through this type.
    pub(crate) fn expose(&self) -> &str {
        self.0.expose_secret()
    }

    /// Replaces every occurrence of the key in `text` with `<redacted>`.
    ///
    /// Used on response bodies before they are stored in errors, in case a server
    /// echoes the key back.
    pub(crate) fn redact(&self, text: String) -> String {
        let key = self.expose();
        if key.len() >= 4 && text.contains(key) {
            text.replace(key, "<redacted>")
        } else {
            text
        }
    }
}

impl fmt::Debug for ApiKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ApiKey(<redacted>)")
    }
}

impl fmt::Display for ApiKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}

impl From<String> for ApiKey {
    fn from(key: String) -> Self {
        Self::new(key)
    }
}

impl From<&str> for ApiKey {
    fn from(key: &str) -> Self {
        Self::new(key)
    }
}

impl From<&String> for ApiKey {
    fn from(key: &String) -> Self {
        Self::new(key.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formatting_never_shows_the_key() {
        let key = ApiKey::new("s3cr3t-key-value");
        assert!(!format!("{key:?} {key} {key:#?}").contains("s3cr3t"));
    }

    #[test]
    fn redacts_echoed_keys() {
        let key = ApiKey::new("s3cr3t-key-value");
        assert_eq!(
            key.redact("bad key s3cr3t-key-value!".into()),
            "bad key <redacted>!"
        );
    }
}
