//! Scalar types for APIs that are loose about JSON types.
//!
//! SMSPool sends a price as `"0.80"` in one place and `1.21` in another, `success` as
//! `1`, `0` or `true`, a success rate as `"100"` or `100`. These types accept every
//! such form, never go through binary floating point for money, and remember the form
//! they arrived in so that serialising a decoded value gives back the same JSON.

use std::fmt;
use std::str::FromStr;

use serde::de::{self, Deserialize, Deserializer, Visitor};
use serde::ser::{Serialize, Serializer};

mod json_string;

pub use json_string::JsonString;

/// How a number arrived.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
enum NumberForm {
    /// A JSON number without a fraction or exponent.
    #[default]
    Integer,
    /// A JSON number with a fraction or exponent.
    Float,
    /// A JSON string.
    Text,
}

/// An integer sent as a JSON number (`7`) or a string of digits (`"7"`).
// Packed to 4-byte alignment: 12 bytes instead of 16, so a record of SMSPool's pricing
// list is 136 bytes instead of 152, 2.5 MB less on its 150,000 records (BENCHMARKS.md,
// row 6). The compiler refuses a borrow of a field; they are only copied out.
#[derive(Clone, Copy, Default)]
#[repr(C, packed(4))]
pub struct Int {
    value: i64,
    form: NumberForm,
}

impl Int {
    /// The value.
    pub fn get(self) -> i64 {
        self.value
    }
}

impl From<i64> for Int {
    fn from(value: i64) -> Self {
        Self {
            value,
            form: NumberForm::Integer,
        }
    }
}

impl From<Int> for i64 {
    fn from(value: Int) -> Self {
        value.value
    }
}

impl PartialEq for Int {
    fn eq(&self, other: &Self) -> bool {
        self.value == other.value
    }
}

impl Eq for Int {}

impl PartialEq<i64> for Int {
    fn eq(&self, other: &i64) -> bool {
        self.value == *other
    }
}

impl PartialOrd for Int {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Int {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.get().cmp(&other.get())
    }
}

impl std::hash::Hash for Int {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.get().hash(state);
    }
}

impl fmt::Debug for Int {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.get(), f)
    }
}

impl fmt::Display for Int {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.get(), f)
    }
}

impl<'de> Deserialize<'de> for Int {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct IntVisitor;
        impl Visitor<'_> for IntVisitor {
            type Value = Int;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an integer or a string holding one")
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Int, E> {
                Ok(Int::from(v))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Int, E> {
                i64::try_from(v)
                    .map(Int::from)
                    .map_err(|_| E::custom(format!("integer {v} is out of range")))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Int, E> {
                if v.fract() == 0.0 && v.abs() < 9.0e15 {
                    Ok(Int {
                        value: v as i64,
                        form: NumberForm::Float,
                    })
                } else {
                    Err(E::custom(format!("{v} is not an integer")))
                }
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Int, E> {
                v.trim()
                    .parse::<i64>()
                    .map(|value| Int {
                        value,
                        form: NumberForm::Text,
                    })
                    .map_err(|_| E::custom(format!("{v:?} is not an integer")))
            }
        }
        deserializer.deserialize_any(IntVisitor)
    }
}

impl Serialize for Int {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self.form {
            NumberForm::Integer => serializer.serialize_i64(self.value),
            NumberForm::Float => serializer.serialize_f64(self.value as f64),
            NumberForm::Text => serializer.collect_str(&self.get()),
        }
    }
}

/// A decimal number (a price, a balance, a rate) sent as a JSON number (`1.21`) or a
/// string (`"0.80"`), held exactly as [`rust_decimal::Decimal`].
///
/// A string keeps its scale (`"5.00"` stays `5.00`); a JSON number is read from its
/// shortest decimal text, so `1.21` is exactly `1.21`, never `1.2099999`.
#[derive(Clone, Copy, Default)]
pub struct Decimal {
    value: rust_decimal::Decimal,
    form: NumberForm,
}

impl Decimal {
    /// The value.
    pub fn get(&self) -> rust_decimal::Decimal {
        self.value
    }
}

impl From<rust_decimal::Decimal> for Decimal {
    fn from(value: rust_decimal::Decimal) -> Self {
        Self {
            value,
            form: NumberForm::Text,
        }
    }
}

impl From<Decimal> for rust_decimal::Decimal {
    fn from(value: Decimal) -> Self {
        value.value
    }
}

impl PartialEq for Decimal {
    fn eq(&self, other: &Self) -> bool {
        self.value == other.value
    }
}

impl Eq for Decimal {}

impl PartialEq<rust_decimal::Decimal> for Decimal {
    fn eq(&self, other: &rust_decimal::Decimal) -> bool {
        self.value == *other
    }
}

impl PartialOrd for Decimal {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Decimal {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.value.cmp(&other.value)
    }
}

impl fmt::Debug for Decimal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.value, f)
    }
}

impl fmt::Display for Decimal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.value, f)
    }
}

impl FromStr for Decimal {
    type Err = rust_decimal::Error;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        parse_decimal(s).map(Decimal::from)
    }
}

fn parse_decimal(text: &str) -> Result<rust_decimal::Decimal, rust_decimal::Error> {
    let text = text.trim();
    rust_decimal::Decimal::from_str(text).or_else(|_| rust_decimal::Decimal::from_scientific(text))
}

impl<'de> Deserialize<'de> for Decimal {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct DecimalVisitor;
        impl Visitor<'_> for DecimalVisitor {
            type Value = Decimal;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a number or a string holding one")
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Decimal, E> {
                Ok(Decimal {
                    value: v.into(),
                    form: NumberForm::Integer,
                })
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Decimal, E> {
                Ok(Decimal {
                    value: v.into(),
                    form: NumberForm::Integer,
                })
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Decimal, E> {
                // `f64`'s `Display` is the shortest text that reads back as the same
                // float, which is the decimal the JSON document spelled out.
                parse_decimal(&v.to_string())
                    .map(|value| Decimal {
                        value,
                        form: NumberForm::Float,
                    })
                    .map_err(|_| E::custom(format!("{v} does not fit a decimal")))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Decimal, E> {
                parse_decimal(v)
                    .map(|value| Decimal {
                        value,
                        form: NumberForm::Text,
                    })
                    .map_err(|_| E::custom(format!("{v:?} is not a decimal number")))
            }
        }
        deserializer.deserialize_any(DecimalVisitor)
    }
}

impl Serialize for Decimal {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self.form {
            NumberForm::Text => serializer.collect_str(&self.value),
            NumberForm::Integer => match i64::try_from(self.value) {
                Ok(i) => serializer.serialize_i64(i),
                Err(_) => serializer.collect_str(&self.value),
            },
            NumberForm::Float => {
                let float: f64 = self.value.to_string().parse().unwrap_or(f64::NAN);
                serializer.serialize_f64(float)
            }
        }
    }
}

/// How a flag arrived.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
enum FlagForm {
    #[default]
    Bool,
    Number(i64),
    Text(String),
}

/// A yes/no value sent as `true`/`false`, `1`/`0` or `"1"`/`"0"`.
///
/// Any non-zero number counts as `true`.
#[derive(Clone, Default)]
pub struct Flag {
    value: bool,
    form: FlagForm,
}

impl Flag {
    /// The value.
    pub fn get(&self) -> bool {
        self.value
    }
}

impl From<bool> for Flag {
    fn from(value: bool) -> Self {
        Self {
            value,
            form: FlagForm::Bool,
        }
    }
}

impl From<Flag> for bool {
    fn from(value: Flag) -> Self {
        value.value
    }
}

impl PartialEq for Flag {
    fn eq(&self, other: &Self) -> bool {
        self.value == other.value
    }
}

impl Eq for Flag {}

impl PartialEq<bool> for Flag {
    fn eq(&self, other: &bool) -> bool {
        self.value == *other
    }
}

impl fmt::Debug for Flag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.value, f)
    }
}

impl fmt::Display for Flag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.value, f)
    }
}

impl<'de> Deserialize<'de> for Flag {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct FlagVisitor;
        impl Visitor<'_> for FlagVisitor {
            type Value = Flag;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a boolean, 0/1, or a string holding one")
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Flag, E> {
                Ok(Flag::from(v))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Flag, E> {
                Ok(Flag {
                    value: v != 0,
                    form: FlagForm::Number(v),
                })
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Flag, E> {
                i64::try_from(v)
                    .map_err(|_| E::custom(format!("{v} is not a flag")))
                    .and_then(|v| self.visit_i64(v))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Flag, E> {
                let value = match v.trim().to_ascii_lowercase().as_str() {
                    "1" | "true" | "yes" => true,
                    "0" | "false" | "no" | "" => false,
                    _ => return Err(E::custom(format!("{v:?} is not a flag"))),
                };
                Ok(Flag {
                    value,
                    form: FlagForm::Text(v.to_owned()),
                })
            }
        }
        deserializer.deserialize_any(FlagVisitor)
    }
}

impl Serialize for Flag {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match &self.form {
            FlagForm::Bool => serializer.serialize_bool(self.value),
            FlagForm::Number(n) => serializer.serialize_i64(*n),
            FlagForm::Text(t) => serializer.serialize_str(t),
        }
    }
}

/// Deserialises a string that the API may also send as a number (phone numbers,
/// codes): `"1234"` and `1234` both give `"1234"`. Use with
/// `#[serde(deserialize_with = "postgen_runtime::lenient::string")]`.
pub fn string<'de, D: Deserializer<'de>>(deserializer: D) -> Result<String, D::Error> {
    deserializer.deserialize_any(StringVisitor)
}

/// [`string`] for optional fields.
pub fn option_string<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<String>, D::Error> {
    struct OptionVisitor;
    impl<'de> Visitor<'de> for OptionVisitor {
        type Value = Option<String>;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a string, a number or null")
        }
        fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
            string(d).map(Some)
        }
    }
    deserializer.deserialize_option(OptionVisitor)
}

struct StringVisitor;

impl Visitor<'_> for StringVisitor {
    type Value = String;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string or a number")
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<String, E> {
        Ok(v.to_owned())
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<String, E> {
        Ok(v)
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<String, E> {
        Ok(v.to_string())
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<String, E> {
        Ok(v.to_string())
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<String, E> {
        Ok(v.to_string())
    }
}

/// A value of a closed set that this version does not know, kept as sent.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Unrecognised {
    /// A number, such as a status code added after this client was generated.
    Code(i64),
    /// A name.
    Name(String),
}

impl fmt::Display for Unrecognised {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Unrecognised::Code(c) => write!(f, "{c}"),
            Unrecognised::Name(n) => f.write_str(n),
        }
    }
}

impl Serialize for Unrecognised {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Unrecognised::Code(c) => serializer.serialize_i64(*c),
            Unrecognised::Name(n) => serializer.serialize_str(n),
        }
    }
}

/// A closed set of values the API sends as a code (`3`) or a name (`"completed"`),
/// with a fallback for values this version does not know. Generated enums implement
/// it with a table of their values, and get their conversions and serde impls from
/// the functions of [`closed_set`].
pub trait ClosedSet: Sized + Clone + PartialEq + 'static {
    /// Every known value, with its code (if the API uses codes) and its name.
    fn known() -> &'static [(Self, Option<i64>, &'static str)];

    /// The value for something the table does not have.
    fn unknown(raw: Unrecognised) -> Self;

    /// What the API sent, for a value the table does not have.
    fn as_unknown(&self) -> Option<&Unrecognised>;
}

/// What generated [`ClosedSet`] enums delegate to.
pub mod closed_set {
    use std::borrow::Cow;
    use std::fmt;

    use serde::de::{self, Deserializer, Visitor};
    use serde::ser::{Serialize, Serializer};

    use super::{ClosedSet, Unrecognised};

    fn entry<E: ClosedSet>(value: &E) -> Option<&'static (E, Option<i64>, &'static str)> {
        E::known().iter().find(|(known, _, _)| known == value)
    }

    /// The value's code: from the table, or as the API sent it.
    pub fn code<E: ClosedSet>(value: &E) -> Option<i64> {
        match (entry(value), value.as_unknown()) {
            (Some((_, code, _)), _) => *code,
            (None, Some(Unrecognised::Code(code))) => Some(*code),
            (None, _) => None,
        }
    }

    /// The value's name: from the table, or as the API sent it (an unknown code as text).
    pub fn name<E: ClosedSet>(value: &E) -> Cow<'_, str> {
        match (entry(value), value.as_unknown()) {
            (Some((_, _, name)), _) => Cow::Borrowed(name),
            (None, Some(Unrecognised::Name(name))) => Cow::Borrowed(name),
            (None, Some(Unrecognised::Code(code))) => Cow::Owned(code.to_string()),
            (None, None) => Cow::Borrowed(""),
        }
    }

    /// Decodes a code (`3`, `"3"`) or a name (any case); anything else the table does
    /// not have becomes the unknown value.
    pub fn deserialize<'de, D: Deserializer<'de>, E: ClosedSet>(
        deserializer: D,
    ) -> Result<E, D::Error> {
        struct ValueVisitor<E>(std::marker::PhantomData<E>);
        impl<E: ClosedSet> Visitor<'_> for ValueVisitor<E> {
            type Value = E;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a code or a name")
            }
            fn visit_i64<Er: de::Error>(self, v: i64) -> Result<E, Er> {
                Ok(by_code(v).unwrap_or_else(|| E::unknown(Unrecognised::Code(v))))
            }
            fn visit_u64<Er: de::Error>(self, v: u64) -> Result<E, Er> {
                match i64::try_from(v) {
                    Ok(v) => self.visit_i64(v),
                    Err(_) => Ok(E::unknown(Unrecognised::Name(v.to_string()))),
                }
            }
            fn visit_str<Er: de::Error>(self, v: &str) -> Result<E, Er> {
                let trimmed = v.trim();
                let known = trimmed.parse::<i64>().ok().and_then(by_code).or_else(|| {
                    E::known()
                        .iter()
                        .find(|(_, _, name)| name.eq_ignore_ascii_case(trimmed))
                        .map(|(value, _, _)| value.clone())
                });
                Ok(known.unwrap_or_else(|| E::unknown(Unrecognised::Name(v.to_owned()))))
            }
        }
        fn by_code<E: ClosedSet>(code: i64) -> Option<E> {
            E::known()
                .iter()
                .find(|(_, c, _)| *c == Some(code))
                .map(|(value, _, _)| value.clone())
        }
        deserializer.deserialize_any(ValueVisitor(std::marker::PhantomData))
    }

    /// Serialises the code when the value has one, else the name; an unknown value as
    /// the API sent it.
    pub fn serialize<S: Serializer, E: ClosedSet>(
        value: &E,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        if let Some(raw) = value.as_unknown() {
            return raw.serialize(serializer);
        }
        match code(value) {
            Some(code) => serializer.serialize_i64(code),
            None => serializer.serialize_str(&name(value)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::de::DeserializeOwned;
    use serde_json::{Value, json};

    fn round_trip<T: DeserializeOwned + Serialize>(v: Value) -> Value {
        let t: T = serde_json::from_value(v).expect("decodes");
        serde_json::to_value(&t).expect("encodes")
    }

    #[test]
    fn int_accepts_numbers_and_strings_and_keeps_the_form() {
        for v in [json!(7), json!("7"), json!(7.0)] {
            assert_eq!(serde_json::from_value::<Int>(v.clone()).unwrap(), 7);
            assert_eq!(round_trip::<Int>(v.clone()), v);
        }
        assert!(serde_json::from_value::<Int>(json!("seven")).is_err());
        assert!(serde_json::from_value::<Int>(json!(7.5)).is_err());
    }

    #[test]
    fn decimal_is_exact_and_keeps_the_form() {
        let d: Decimal = serde_json::from_value(json!(1.21)).unwrap();
        assert_eq!(d.get().to_string(), "1.21");
        let d: Decimal = serde_json::from_value(json!("0.80")).unwrap();
        assert_eq!(d.get().to_string(), "0.80");
        for v in [
            json!("0.80"),
            json!(1.21),
            json!(0),
            json!("5.00"),
            json!(0.1),
        ] {
            assert_eq!(round_trip::<Decimal>(v.clone()), v);
        }
    }

    #[test]
    fn flag_accepts_every_form() {
        for (v, expected) in [
            (json!(true), true),
            (json!(1), true),
            (json!(0), false),
            (json!("1"), true),
            (json!("false"), false),
        ] {
            assert_eq!(serde_json::from_value::<Flag>(v.clone()).unwrap(), expected);
            assert_eq!(round_trip::<Flag>(v.clone()), v);
        }
    }

    #[derive(Clone, Debug, PartialEq)]
    enum Status {
        Pending,
        Done,
        Unknown(Unrecognised),
    }

    impl ClosedSet for Status {
        fn known() -> &'static [(Self, Option<i64>, &'static str)] {
            &[
                (Status::Pending, Some(1), "pending"),
                (Status::Done, Some(3), "done"),
            ]
        }
        fn unknown(raw: Unrecognised) -> Self {
            Status::Unknown(raw)
        }
        fn as_unknown(&self) -> Option<&Unrecognised> {
            match self {
                Status::Unknown(raw) => Some(raw),
                _ => None,
            }
        }
    }

    #[test]
    fn closed_sets_decode_codes_and_names_and_keep_the_unknown() {
        let decode = |v: Value| closed_set::deserialize::<_, Status>(v).expect("decodes");
        assert_eq!(decode(json!(3)), Status::Done);
        assert_eq!(decode(json!("3")), Status::Done);
        assert_eq!(decode(json!("PENDING")), Status::Pending);
        assert_eq!(decode(json!(9)), Status::Unknown(Unrecognised::Code(9)));
        assert_eq!(
            decode(json!("paused")),
            Status::Unknown(Unrecognised::Name("paused".into()))
        );
        assert_eq!(closed_set::code(&Status::Done), Some(3));
        assert_eq!(
            closed_set::name(&Status::Unknown(Unrecognised::Code(9))),
            "9"
        );
        let encode =
            |s: &Status| closed_set::serialize(s, serde_json::value::Serializer).expect("encodes");
        assert_eq!(encode(&Status::Done), json!(3));
        assert_eq!(
            encode(&Status::Unknown(Unrecognised::Name("paused".into()))),
            json!("paused")
        );
    }

    #[test]
    fn lenient_string_accepts_numbers() {
        #[derive(serde::Deserialize)]
        struct T {
            #[serde(deserialize_with = "string")]
            a: String,
            #[serde(default, deserialize_with = "option_string")]
            b: Option<String>,
        }
        let t: T = serde_json::from_value(json!({"a": 123, "b": null})).unwrap();
        assert_eq!((t.a.as_str(), t.b), ("123", None));
    }
}
