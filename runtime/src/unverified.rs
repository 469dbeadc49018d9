//! The response type of operations no saved example shows.

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// The answer of an operation whose collection has no saved success example: its
/// shape is unknown, so it is kept as any JSON. Decode it into your own type with
/// [`decode`](Self::decode) once you know what the API sends.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Unverified(pub Value);

impl Unverified {
    /// The JSON as received.
    pub fn json(&self) -> &Value {
        &self.0
    }

    /// The JSON, by value.
    pub fn into_json(self) -> Value {
        self.0
    }

    /// Decodes the JSON into `T`.
    ///
    /// # Errors
    ///
    /// When the JSON does not fit `T`.
    pub fn decode<T: DeserializeOwned>(&self) -> Result<T, serde_json::Error> {
        T::deserialize(&self.0)
    }
}
