//! [`JsonString`]: a value sent as a string of JSON.

use std::fmt;

use serde::de::{self, Deserialize, DeserializeOwned, Deserializer};
use serde::ser::{Serialize, Serializer};

/// A value the API sends as a string of JSON (`"network": "[{\"country\": ...}]"`),
/// decoded into `T`. Serialises back to the original text.
#[derive(Clone)]
pub struct JsonString<T> {
    value: T,
    raw: String,
}

impl<T: Serialize> JsonString<T> {
    /// `value`, to be sent as a string of JSON (in a request body).
    ///
    /// # Errors
    ///
    /// If `value` cannot be written as JSON (a map whose keys are not strings).
    pub fn new(value: T) -> Result<Self, serde_json::Error> {
        let raw = serde_json::to_string(&value)?;
        Ok(Self { value, raw })
    }
}

/// The default value, as a string of JSON: what request bodies start from.
impl<T: Default + Serialize> Default for JsonString<T> {
    fn default() -> Self {
        let value = T::default();
        // The default of every type the generator emits is writable as JSON; `null`
        // stands for one that is not.
        let raw = serde_json::to_string(&value).unwrap_or_else(|_| "null".to_owned());
        Self { value, raw }
    }
}

impl<T> JsonString<T> {
    /// The decoded value.
    pub fn get(&self) -> &T {
        &self.value
    }

    /// The decoded value, by value.
    pub fn into_inner(self) -> T {
        self.value
    }

    /// The text as the API sent it.
    pub fn raw(&self) -> &str {
        &self.raw
    }
}

impl<T> std::ops::Deref for JsonString<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.value
    }
}

impl<T: PartialEq> PartialEq for JsonString<T> {
    fn eq(&self, other: &Self) -> bool {
        self.value == other.value
    }
}

impl<T: fmt::Debug> fmt::Debug for JsonString<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.value, f)
    }
}

impl<'de, T: DeserializeOwned> Deserialize<'de> for JsonString<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let raw = String::deserialize(deserializer)?;
        let value = serde_json::from_str(&raw).map_err(|e| {
            de::Error::custom(format!("the string does not hold the expected JSON: {e}"))
        })?;
        Ok(Self { value, raw })
    }
}

impl<T> Serialize for JsonString<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.raw)
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn json_string_decodes_and_keeps_its_text() {
        let raw = json!("[{\"a\": 1}]");
        let s: JsonString<Vec<std::collections::BTreeMap<String, i64>>> =
            serde_json::from_value(raw.clone()).unwrap();
        assert_eq!(s.get()[0]["a"], 1);
        assert_eq!(serde_json::to_value(&s).unwrap(), raw);
    }

    #[test]
    fn json_strings_are_built_for_requests() {
        let s = JsonString::new(vec![1, 2]).unwrap();
        assert_eq!(serde_json::to_value(&s).unwrap(), json!("[1,2]"));
        assert_eq!(*s, vec![1, 2]);
        let empty: JsonString<Vec<i64>> = JsonString::default();
        assert_eq!(empty.raw(), "[]");
        let mut keys = std::collections::BTreeMap::new();
        keys.insert(vec![1], 1);
        assert!(JsonString::new(keys).is_err(), "keys that are not strings");
    }
}
