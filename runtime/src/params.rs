//! Parameter types for values an API takes in more than one form.

use std::fmt;

use crate::ParamValue;

/// An ID or a name: what an API takes where either identifies the same thing
/// (SMSPool's `country` is `1` or `"US"`, its `service` `1` or `"Telegram"`).
///
/// Built from integers and strings alike, so arguments read as written:
/// `.purchase("US", 1)`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum IdOrName {
    /// A numeric ID.
    Id(u64),
    /// A name or code.
    Name(String),
}

impl IdOrName {
    /// `value` as an ID or a name: what generated methods do with the arguments
    /// they take as `impl Into<IdOrName>`.
    pub fn new(value: impl Into<IdOrName>) -> Self {
        value.into()
    }
}

impl fmt::Display for IdOrName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            IdOrName::Id(id) => write!(f, "{id}"),
            IdOrName::Name(name) => f.write_str(name),
        }
    }
}

impl ParamValue for IdOrName {
    fn into_param(self) -> String {
        match self {
            IdOrName::Id(id) => id.to_string(),
            IdOrName::Name(name) => name,
        }
    }
}

impl From<u64> for IdOrName {
    fn from(id: u64) -> Self {
        IdOrName::Id(id)
    }
}

impl From<u32> for IdOrName {
    fn from(id: u32) -> Self {
        IdOrName::Id(id.into())
    }
}

impl From<u16> for IdOrName {
    fn from(id: u16) -> Self {
        IdOrName::Id(id.into())
    }
}

impl From<u8> for IdOrName {
    fn from(id: u8) -> Self {
        IdOrName::Id(id.into())
    }
}

/// Integer literals are `i32` unless said otherwise: `.purchase("US", 1)` must work.
/// A negative number is kept as the text it is (no API uses negative IDs).
impl From<i32> for IdOrName {
    fn from(id: i32) -> Self {
        match u64::try_from(id) {
            Ok(id) => IdOrName::Id(id),
            Err(_) => IdOrName::Name(id.to_string()),
        }
    }
}

impl From<i64> for IdOrName {
    fn from(id: i64) -> Self {
        match u64::try_from(id) {
            Ok(id) => IdOrName::Id(id),
            Err(_) => IdOrName::Name(id.to_string()),
        }
    }
}

/// A string of digits is an ID, anything else a name.
impl From<&str> for IdOrName {
    fn from(text: &str) -> Self {
        match text.parse::<u64>() {
            Ok(id) if !text.starts_with('+') => IdOrName::Id(id),
            _ => IdOrName::Name(text.to_owned()),
        }
    }
}

impl From<String> for IdOrName {
    fn from(text: String) -> Self {
        match text.parse::<u64>() {
            Ok(id) if !text.starts_with('+') => IdOrName::Id(id),
            _ => IdOrName::Name(text),
        }
    }
}

/// As [`From<&str>`](#impl-From%3C%26str%3E-for-IdOrName): a string of digits is an ID,
/// anything else a name (command lines parse arguments with it).
impl std::str::FromStr for IdOrName {
    type Err = std::convert::Infallible;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Ok(text.into())
    }
}

impl From<&String> for IdOrName {
    fn from(text: &String) -> Self {
        text.as_str().into()
    }
}

/// A value sent as JSON text (`[123, 456]`), for parameters the API reads as JSON.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JsonText<T>(pub T);

impl<T: serde::Serialize> ParamValue for JsonText<T> {
    fn into_param(self) -> String {
        // Serialising plain values (numbers, strings, lists of them) cannot fail.
        serde_json::to_string(&self.0).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_and_names_from_what_callers_write() {
        assert_eq!(IdOrName::from(1), IdOrName::Id(1));
        assert_eq!(IdOrName::from("US"), IdOrName::Name("US".into()));
        assert_eq!(IdOrName::from("395"), IdOrName::Id(395));
        assert_eq!(IdOrName::from("+1"), IdOrName::Name("+1".into()));
        assert_eq!(IdOrName::from(-3), IdOrName::Name("-3".into()));
        assert_eq!(IdOrName::from("Telegram").into_param(), "Telegram");
        assert_eq!(IdOrName::from(7_u64).into_param(), "7");
        assert_eq!(JsonText(vec![123, 456]).into_param(), "[123,456]");
    }
}

/// A value that is none of a closed set's: what parsing a generated enum from text
/// (`"VOICE".parse::<ActivationType>()`) fails with.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("`{given}` is not one of: {}", .expected.join(", "))]
pub struct UnknownName {
    /// The text given.
    pub given: String,
    /// The names the set has.
    pub expected: Vec<&'static str>,
}

impl UnknownName {
    /// The value of `known` (value, code, name) that `text` names: its name in any
    /// case, or its code.
    ///
    /// # Errors
    ///
    /// When none does.
    pub fn pick<'a, T: Clone + 'a>(
        text: &str,
        known: impl IntoIterator<Item = (&'a T, Option<i64>, &'static str)>,
    ) -> Result<T, UnknownName> {
        let text = text.trim();
        let code = text.parse::<i64>().ok();
        let mut expected = Vec::new();
        for (value, value_code, name) in known {
            if name.eq_ignore_ascii_case(text) || (code.is_some() && value_code == code) {
                return Ok(value.clone());
            }
            expected.push(name);
        }
        Err(UnknownName {
            given: text.to_owned(),
            expected,
        })
    }
}
