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
/// let key = postgen_runtime::ApiKey::new("0123456789abcdef0123456789abcdef");
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

    /// The forms the key can take in a response: as is, and JSON-escaped (with `/`
    /// escaped too, as PHP's `json_encode` does), for keys long enough to search for.
    fn forms(&self) -> Vec<String> {
        let key = self.expose();
        if key.len() < 4 {
            return Vec::new();
        }
        let mut forms = vec![key.to_owned()];
        let escaped = serde_json::to_string(key).unwrap_or_default();
        let escaped = escaped
            .strip_prefix('"')
            .and_then(|e| e.strip_suffix('"'))
            .unwrap_or_default();
        for form in [escaped.to_owned(), escaped.replace('/', "\\/")] {
            if !form.is_empty() && !forms.contains(&form) {
                forms.push(form);
            }
        }
        forms
    }

    /// Replaces every occurrence of the key in `text` with `<redacted>`.
    ///
    /// Used on response bodies and decoder messages before they are stored in errors,
    /// in case a server echoes the key back.
    pub(crate) fn redact(&self, mut text: String) -> String {
        for form in self.forms() {
            if text.contains(&form) {
                text = text.replace(&form, "<redacted>");
            }
        }
        text
    }

    /// Replaces the key in every string (and object key) of `value`.
    pub(crate) fn redact_json(&self, value: &mut serde_json::Value) {
        use serde_json::Value;
        let key = self.expose();
        if key.len() < 4 {
            return;
        }
        match value {
            Value::String(s) if s.contains(key) => *s = s.replace(key, "<redacted>"),
            Value::Array(items) => items.iter_mut().for_each(|v| self.redact_json(v)),
            Value::Object(map) => {
                if map.keys().any(|k| k.contains(key)) {
                    *map = std::mem::take(map)
                        .into_iter()
                        .map(|(k, v)| (k.replace(key, "<redacted>"), v))
                        .collect();
                }
                map.values_mut().for_each(|v| self.redact_json(v));
            }
            _ => {}
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
    fn redacts_json_escaped_keys_and_json_values() {
        let key = ApiKey::new("ab/cd\"ef");
        assert_eq!(
            key.redact(r#"{"m": "ab\/cd\"ef", "n": "ab/cd\"ef"}"#.into()),
            r#"{"m": "<redacted>", "n": "<redacted>"}"#
        );
        let mut value = serde_json::json!({"a": ["x ab/cd\"ef"], "ab/cd\"ef": 1});
        key.redact_json(&mut value);
        assert_eq!(
            value,
            serde_json::json!({"a": ["x <redacted>"], "<redacted>": 1})
        );
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
