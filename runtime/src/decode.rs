//! `Deserialize` for generated structs that keep unknown keys.
//!
//! `#[serde(flatten)] extra: Map<String, Value>` keeps unknown keys, but serde then
//! buffers every object in full before decoding it, which made decoding a long list
//! 20% slower than a plain struct. [`impl_deserialize!`](crate::impl_deserialize)
//! writes the visitor serde would write for a plain struct, with one more arm: a key
//! no field claims goes into `extra`.

use std::fmt;

use serde::de::{Deserialize, Deserializer};

/// A `String` field that accepts numbers too (see [`lenient::string`](crate::lenient::string)).
#[doc(hidden)]
pub struct LenientString(pub String);

impl<'de> Deserialize<'de> for LenientString {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        crate::lenient::string(deserializer).map(LenientString)
    }
}

/// An optional `String` field that accepts numbers too.
#[doc(hidden)]
pub struct LenientOptionString(pub Option<String>);

impl<'de> Deserialize<'de> for LenientOptionString {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        crate::lenient::option_string(deserializer).map(LenientOptionString)
    }
}

/// An object key, borrowed from the input when it has no escapes (serde's `Cow<str>`
/// would allocate every key).
#[doc(hidden)]
pub enum Key<'de> {
    /// Borrowed from the input.
    Borrowed(&'de str),
    /// Unescaped into a new string.
    Owned(String),
}

impl Key<'_> {
    /// The key.
    pub fn as_str(&self) -> &str {
        match self {
            Key::Borrowed(s) => s,
            Key::Owned(s) => s,
        }
    }

    /// The key, owned.
    pub fn into_owned(self) -> String {
        match self {
            Key::Borrowed(s) => s.to_owned(),
            Key::Owned(s) => s,
        }
    }
}

impl<'de> Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KeyVisitor;
        impl<'de> serde::de::Visitor<'de> for KeyVisitor {
            type Value = Key<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object key")
            }
            fn visit_borrowed_str<E: serde::de::Error>(self, v: &'de str) -> Result<Key<'de>, E> {
                Ok(Key::Borrowed(v))
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Key<'de>, E> {
                Ok(Key::Owned(v.to_owned()))
            }
            fn visit_string<E: serde::de::Error>(self, v: String) -> Result<Key<'de>, E> {
                Ok(Key::Owned(v))
            }
        }
        deserializer.deserialize_str(KeyVisitor)
    }
}

/// What the visitor says it expected.
#[doc(hidden)]
pub struct Expecting(pub &'static str);

impl fmt::Display for Expecting {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "an object for {}", self.0)
    }
}

/// Implements `Deserialize` for a generated struct whose last field is
/// `extra: Map<String, Value>`. Each field is listed with how it is read:
///
/// - `required name: Type = "wire"`: the key must be there;
/// - `optional name: Type = "wire"`: the field is `Option<Type>`, `None` when the key is
///   missing or `null`;
/// - `lenient` and `optional_lenient`: the same for `String` fields that also accept
///   numbers.
///
/// ```
/// use smspool_runtime::lenient::Int;
/// use smspool_runtime::serde_json::{self, Map, Value};
///
/// #[derive(Debug)]
/// struct Order {
///     id: Int,
///     code: Option<String>,
///     extra: Map<String, Value>,
/// }
///
/// smspool_runtime::impl_deserialize! {
///     Order {
///         required id: Int = "ID",
///         optional_lenient code: String = "code",
///     }
/// }
///
/// let order: Order = serde_json::from_str(r#"{"ID": "7", "code": 12345, "new": true}"#).unwrap();
/// assert_eq!(order.id, 7);
/// assert_eq!(order.code.as_deref(), Some("12345"));
/// assert_eq!(order.extra["new"], true);
/// ```
#[macro_export]
macro_rules! impl_deserialize {
    ($name:ident { $($kind:ident $field:ident : $ty:ty = $wire:literal),* $(,)? }) => {
        impl<'de> $crate::serde::Deserialize<'de> for $name {
            fn deserialize<D: $crate::serde::Deserializer<'de>>(deserializer: D) -> ::core::result::Result<Self, D::Error> {
                struct Visitor;
                impl<'de> $crate::serde::de::Visitor<'de> for Visitor {
                    type Value = $name;
                    fn expecting(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                        ::core::fmt::Display::fmt(&$crate::decode::Expecting(::core::stringify!($name)), f)
                    }
                    fn visit_map<A: $crate::serde::de::MapAccess<'de>>(self, mut map: A) -> ::core::result::Result<$name, A::Error> {
                        $( let mut $field: ::core::option::Option<$crate::__field_slot!($kind $ty)> = ::core::option::Option::None; )*
                        let mut extra = $crate::serde_json::Map::new();
                        while let ::core::option::Option::Some(key) = map.next_key::<$crate::decode::Key<'de>>()? {
                            match key.as_str() {
                                $( $wire => $field = ::core::option::Option::Some($crate::__field_read!($kind $ty, map)), )*
                                _ => {
                                    let value: $crate::serde_json::Value = map.next_value()?;
                                    extra.insert(key.into_owned(), value);
                                }
                            }
                        }
                        ::core::result::Result::Ok($name {
                            $( $field: $crate::__field_finish!($kind, $field, $wire), )*
                            extra,
                        })
                    }
                }
                deserializer.deserialize_map(Visitor)
            }
        }
    };
}

/// The type a field is read into, by kind.
#[doc(hidden)]
#[macro_export]
macro_rules! __field_slot {
    (required $ty:ty) => { $ty };
    (optional $ty:ty) => { ::core::option::Option<$ty> };
    (lenient $ty:ty) => { ::std::string::String };
    (optional_lenient $ty:ty) => { ::core::option::Option<::std::string::String> };
}

/// Reads a field's value, by kind.
#[doc(hidden)]
#[macro_export]
macro_rules! __field_read {
    (required $ty:ty, $map:ident) => {
        $map.next_value::<$ty>()?
    };
    (optional $ty:ty, $map:ident) => {
        $map.next_value::<::core::option::Option<$ty>>()?
    };
    (lenient $ty:ty, $map:ident) => {
        $map.next_value::<$crate::decode::LenientString>()?.0
    };
    (optional_lenient $ty:ty, $map:ident) => {
        $map.next_value::<$crate::decode::LenientOptionString>()?.0
    };
}

/// The field's final value: a missing required key is an error.
#[doc(hidden)]
#[macro_export]
macro_rules! __field_finish {
    (required, $slot:ident, $wire:literal) => {
        $slot.ok_or_else(|| <A::Error as $crate::serde::de::Error>::missing_field($wire))?
    };
    (lenient, $slot:ident, $wire:literal) => {
        $slot.ok_or_else(|| <A::Error as $crate::serde::de::Error>::missing_field($wire))?
    };
    (optional, $slot:ident, $wire:literal) => {
        $slot.flatten()
    };
    (optional_lenient, $slot:ident, $wire:literal) => {
        $slot.flatten()
    };
}
