//! Turning an HTTP response into the operation's value or an [`Error`].

use std::fmt;
use std::time::Duration;

use reqwest::StatusCode;
use reqwest::header::{HeaderMap, RETRY_AFTER};
use serde::de::{DeserializeOwned, IgnoredAny, MapAccess, Visitor};
use serde_json::Value;

use crate::error::{ApiError, DecodeError, Error};
use crate::lenient::Flag;
use crate::{ApiKey, ApiProfile, Operation};

/// A response read in full.
pub(crate) struct RawResponse {
    pub(crate) status: StatusCode,
    pub(crate) headers: HeaderMap,
    pub(crate) body: bytes::Bytes,
}

impl RawResponse {
    /// The wait asked for in `Retry-After` (seconds or an HTTP date).
    pub(crate) fn retry_after(&self) -> Option<Duration> {
        let value = self.headers.get(RETRY_AFTER)?.to_str().ok()?.trim();
        if let Ok(seconds) = value.parse::<u64>() {
            return Some(Duration::from_secs(seconds));
        }
        let date = httpdate::parse_http_date(value).ok()?;
        Some(
            date.duration_since(std::time::SystemTime::now())
                .unwrap_or_default(),
        )
    }
}

/// Reads responses for one client: knows the API's error conventions and the key to
/// scrub from any text it keeps.
pub(crate) struct Reader<'a> {
    pub(crate) profile: &'static ApiProfile,
    pub(crate) key: &'a ApiKey,
    pub(crate) operation: &'static Operation,
}

impl Reader<'_> {
    fn text(&self, body: &[u8]) -> String {
        self.key.redact(String::from_utf8_lossy(body).into_owned())
    }

    /// Decodes a JSON success value, or the error the response stands for.
    pub(crate) fn json<T: DeserializeOwned>(&self, response: RawResponse) -> Result<T, Error> {
        self.check(&response)?;
        // An empty body (204, or an answer no example showed) is `null` to types that
        // accept it (`Option`, `Unverified`, `()`), and an error to the others.
        let body: &[u8] = if response.body.iter().all(u8::is_ascii_whitespace) {
            b"null"
        } else {
            &response.body
        };
        serde_json::from_slice(body).map_err(|e| {
            // Decoders quote the values they reject, which may hold an echoed key:
            // keep the error as its source only when its text is clean.
            let message = e.to_string();
            let reason = self.key.redact(message.clone());
            let source = (reason == message).then_some(e);
            Error::Decode(Box::new(DecodeError {
                operation: self.operation.name,
                status: response.status,
                body: self.text(&response.body),
                reason,
                source,
            }))
        })
    }

    /// Returns the body as text, or the error the response stands for.
    pub(crate) fn text_body(&self, response: RawResponse) -> Result<String, Error> {
        self.check(&response)?;
        String::from_utf8(response.body.to_vec()).map_err(|_| {
            Error::Decode(Box::new(DecodeError {
                operation: self.operation.name,
                status: response.status,
                body: self.text(&response.body),
                reason: "the body is not UTF-8".into(),
                source: None,
            }))
        })
    }

    /// `Ok` when the response is a success, else the error it stands for.
    pub(crate) fn check(&self, response: &RawResponse) -> Result<(), Error> {
        if !response.status.is_success() {
            return Err(self.failure(response));
        }
        if let Some(flag) = self.profile.error_flag
            && starts_with_object(&response.body)
            && flag_is_false(&response.body, flag)
        {
            return Err(self.failure(response));
        }
        Ok(())
    }

    /// The error for a response that is a failure.
    pub(crate) fn failure(&self, response: &RawResponse) -> Error {
        let operation = self.operation.name;
        let status = response.status;
        let body = self.text(&response.body);
        let parsed = serde_json::from_slice::<Value>(&response.body).map(|mut value| {
            self.key.redact_json(&mut value);
            value
        });
        let api_error = match parsed {
            Ok(Value::Object(object)) => {
                ApiError::from_object(operation, status, object, body).classify(self.profile.errors)
            }
            _ if status == StatusCode::TOO_MANY_REQUESTS
                || status == StatusCode::UNAUTHORIZED
                || body.trim().is_empty() =>
            {
                ApiError::bare(operation, status, body)
            }
            Ok(_) | Err(_) => {
                return Error::Decode(Box::new(DecodeError {
                    operation,
                    status,
                    reason: "the error body is not a JSON object".into(),
                    body,
                    source: None,
                }));
            }
        };
        if status == StatusCode::TOO_MANY_REQUESTS {
            return Error::RateLimited {
                operation,
                retry_after: response.retry_after(),
                error: Box::new(api_error),
            };
        }
        let names_key = self.profile.credential_param.is_some_and(|param| {
            api_error
                .field_errors()
                .iter()
                .any(|e| e.param.as_deref() == Some(param))
        });
        if status == StatusCode::UNAUTHORIZED || (status == StatusCode::FORBIDDEN && names_key) {
            return Error::InvalidApiKey {
                operation,
                error: Box::new(api_error),
            };
        }
        Error::Api(Box::new(api_error))
    }
}

fn starts_with_object(body: &[u8]) -> bool {
    body.iter()
        .find(|b| !b.is_ascii_whitespace())
        .is_some_and(|b| *b == b'{')
}

/// Whether the top-level object has `flag` set to a false value. Reads only that
/// field; a body that is not valid JSON is left for the decoder to report.
fn flag_is_false(body: &[u8], flag: &str) -> bool {
    struct Probe<'f>(&'f str);
    impl<'de> Visitor<'de> for Probe<'_> {
        type Value = Option<bool>;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("an object")
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
            let mut found = None;
            while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
                if key == self.0 {
                    found = map.next_value::<Flag>().ok().map(|f| f.get());
                } else {
                    map.next_value::<IgnoredAny>()?;
                }
            }
            Ok(found)
        }
    }
    let mut de = serde_json::Deserializer::from_slice(body);
    matches!(
        serde::Deserializer::deserialize_map(&mut de, Probe(flag)),
        Ok(Some(false))
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn probe_reads_the_flag_only() {
        assert!(flag_is_false(
            br#"{"success": 0, "message": "x"}"#,
            "success"
        ));
        assert!(flag_is_false(
            br#"{"a": [1, {"b": 2}], "success": false}"#,
            "success"
        ));
        assert!(!flag_is_false(br#"{"success": 1}"#, "success"));
        assert!(!flag_is_false(br#"{"success": true}"#, "success"));
        assert!(!flag_is_false(br#"{"balance": "5.00"}"#, "success"));
        assert!(!flag_is_false(br#"{"success": 0"#, "success"));
    }
}
