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

/// Bodies smaller than this are decoded as serde does: below it, what the doubling
/// copies is small, and the counting pass would cost more than it saves.
const COUNT_FROM: usize = 1 << 20;

/// `body` decoded as a list of `T`, when it is a JSON array of at least [`COUNT_FROM`]
/// bytes; `None` when it is smaller, not an array or not valid JSON, for the caller's
/// ordinary decoding.
pub(crate) fn decode<T: DeserializeOwned>(
    body: &[u8],
) -> Option<Result<Vec<T>, serde_json::Error>> {
    if body.len() < COUNT_FROM {
        return None;
    }
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

    /// A JSON array of `n` copies of `element`, padded with spaces to `COUNT_FROM`.
    fn array(element: &str, n: usize) -> String {
        let body = format!("[{}]", vec![element; n].join(","));
        format!(
            "{body}{}",
            " ".repeat(COUNT_FROM.saturating_sub(body.len()))
        )
    }

    #[test]
    fn allocates_the_final_length_once() {
        let body = array("1", 300_000);
        let list: Vec<u32> = decode(body.as_bytes()).unwrap().unwrap();
        assert_eq!(list.len(), 300_000);
        assert_eq!(list.capacity(), 300_000);
    }

    #[test]
    fn leaves_small_bodies_and_what_is_not_an_array_to_the_caller() {
        assert!(decode::<u32>(b"[1, 2, 3]").is_none());
        let object = format!(r#"{{"success": 0}}{}"#, " ".repeat(COUNT_FROM));
        assert!(decode::<u32>(object.as_bytes()).is_none());
        let cut = array("1", 10).replacen(']', " ", 1);
        assert!(decode::<u32>(cut.as_bytes()).is_none());
        let trailing = format!("{} trailing", array("1", 10));
        assert!(decode::<u32>(trailing.as_bytes()).is_none());
    }

    #[test]
    fn reports_elements_of_the_wrong_type() {
        // The first element becomes an integer, the length unchanged.
        let body = array(r#""two""#, 10).replacen(r#""two""#, "1    ", 1);
        let error = decode::<u32>(body.as_bytes()).unwrap().unwrap_err();
        assert!(error.to_string().contains("invalid type"), "{error}");
    }
}
