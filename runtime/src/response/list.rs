//! JSON arrays decoded into a `Vec` of exactly their length.
//!
//! serde grows a `Vec` by doubling as it decodes (it preallocates at most 1 MiB,
//! however long the array), so a list of 150,000 records is copied as it grows and
//! can hold up to twice its size at the end. Counting the elements first (a pass that
//! only skips over them, a small part of decoding's time) lets the `Vec` be allocated
//! once, at its final size.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{DeserializeOwned, DeserializeSeed, IgnoredAny, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer};

/// `body` decoded as a list of `T`, when it is a JSON array; `None` when it is not one
/// (or not valid JSON), for the caller's ordinary decoding to report.
pub(crate) fn decode<T: DeserializeOwned>(
    body: &[u8],
) -> Option<Result<Vec<T>, serde_json::Error>> {
    let length = serde_json::from_slice::<Length>(body).ok()?.0;
    let mut de = serde_json::Deserializer::from_slice(body);
    let decoded = WithCapacity(length, PhantomData)
        .deserialize(&mut de)
        .and_then(|list| de.end().map(|()| list));
    Some(decoded)
}

/// The number of elements of an array.
struct Length(usize);

impl<'de> Deserialize<'de> for Length {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Count;
        impl<'de> Visitor<'de> for Count {
            type Value = Length;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an array")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Length, A::Error> {
                let mut length = 0;
                while seq.next_element::<IgnoredAny>()?.is_some() {
                    length += 1;
                }
                Ok(Length(length))
            }
        }
        deserializer.deserialize_seq(Count)
    }
}

/// Decodes an array into a `Vec` allocated for `.0` elements.
struct WithCapacity<T>(usize, PhantomData<T>);

impl<'de, T: Deserialize<'de>> DeserializeSeed<'de> for WithCapacity<T> {
    type Value = Vec<T>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Vec<T>, D::Error> {
        deserializer.deserialize_seq(self)
    }
}

impl<'de, T: Deserialize<'de>> Visitor<'de> for WithCapacity<T> {
    type Value = Vec<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an array")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<T>, A::Error> {
        let mut list = Vec::with_capacity(self.0);
        while let Some(element) = seq.next_element()? {
            list.push(element);
        }
        Ok(list)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn allocates_the_final_length_once() {
        let body = format!("[{}]", vec!["1"; 5000].join(","));
        let list: Vec<u32> = decode(body.as_bytes()).unwrap().unwrap();
        assert_eq!(list.len(), 5000);
        assert_eq!(list.capacity(), 5000);
    }

    #[test]
    fn leaves_what_is_not_an_array_to_the_caller() {
        assert!(decode::<u32>(br#"{"success": 0}"#).is_none());
        assert!(decode::<u32>(b"[1, 2").is_none());
        assert!(decode::<u32>(b"[1] trailing").is_none());
    }

    #[test]
    fn reports_elements_of_the_wrong_type() {
        let error = decode::<u32>(br#"[1, "two"]"#).unwrap().unwrap_err();
        assert!(error.to_string().contains("invalid type"), "{error}");
    }
}
