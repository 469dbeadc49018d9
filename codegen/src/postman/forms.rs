//! Fields the format allows in more than one shape, each read into one Rust type
//! with an error message that says which shapes were expected.

use std::fmt;

use serde::Deserialize;
use serde::de::value::{MapAccessDeserializer, SeqAccessDeserializer};
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::Value;

use super::model::{Header, RequestObject};

/// Text that may be written as a string, a number or a boolean (`null` is empty).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Text(pub String);

impl Text {
    /// The text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Text;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Text, E> {
                Ok(Text(v.to_owned()))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Text, E> {
                Ok(Text(v.to_string()))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Text, E> {
                Ok(Text(v.to_string()))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Text, E> {
                Ok(Text(v.to_string()))
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Text, E> {
                Ok(Text(v.to_string()))
            }
            fn visit_unit<E: de::Error>(self) -> Result<Text, E> {
                Ok(Text::default())
            }
            fn visit_none<E: de::Error>(self) -> Result<Text, E> {
                Ok(Text::default())
            }
        }
        d.deserialize_any(V)
    }
}

/// A description: a string, or `{content, type, version}`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Description(pub String);

impl<'de> Deserialize<'de> for Description {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        struct Object {
            content: Option<String>,
            #[serde(rename = "type")]
            _kind: Option<Value>,
            #[serde(rename = "version")]
            _version: Option<Value>,
        }
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Description;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string or an object with `content`")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Description, E> {
                Ok(Description(v.to_owned()))
            }
            fn visit_unit<E: de::Error>(self) -> Result<Description, E> {
                Ok(Description::default())
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Description, A::Error> {
                let object = Object::deserialize(MapAccessDeserializer::new(map))?;
                Ok(Description(object.content.unwrap_or_default()))
            }
        }
        d.deserialize_any(V)
    }
}

/// Headers: a list of header objects, or (v2.0) one string of `Name: value` lines.
#[derive(Debug, Default)]
pub struct Headers(pub Vec<Header>);

impl<'de> Deserialize<'de> for Headers {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Headers;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an array of headers or a string of `Name: value` lines")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Headers, E> {
                Ok(Headers(
                    v.lines()
                        .filter_map(|line| line.split_once(':'))
                        .map(|(key, value)| Header {
                            key: Text(key.trim().to_owned()),
                            value: Text(value.trim().to_owned()),
                            disabled: false,
                            enabled: None,
                            description: None,
                            name: None,
                            kind: None,
                        })
                        .collect(),
                ))
            }
            fn visit_unit<E: de::Error>(self) -> Result<Headers, E> {
                Ok(Headers::default())
            }
            fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Headers, A::Error> {
                Vec::<Header>::deserialize(SeqAccessDeserializer::new(seq)).map(Headers)
            }
        }
        d.deserialize_any(V)
    }
}

/// A host: `"api.example.com"` or `["api", "example", "com"]`.
#[derive(Debug, Default)]
pub struct Host(pub String);

impl<'de> Deserialize<'de> for Host {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Host;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string or an array of strings")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Host, E> {
                Ok(Host(v.to_owned()))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Host, A::Error> {
                let labels = Vec::<Text>::deserialize(SeqAccessDeserializer::new(seq))?;
                Ok(Host(
                    labels
                        .into_iter()
                        .map(|t| t.0)
                        .collect::<Vec<_>>()
                        .join("."),
                ))
            }
        }
        d.deserialize_any(V)
    }
}

/// A path: `"/a/b"`, or an array of segments, each a string or `{type, value}`.
#[derive(Debug, Default)]
pub struct PathSegments(pub Vec<String>);

impl<'de> Deserialize<'de> for PathSegments {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        struct Segment {
            value: Option<Text>,
            #[serde(rename = "type")]
            _kind: Option<Value>,
        }
        struct OneSegment(String);
        impl<'de> Deserialize<'de> for OneSegment {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                struct S;
                impl<'de> Visitor<'de> for S {
                    type Value = OneSegment;
                    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                        f.write_str("a string or an object with `value`")
                    }
                    fn visit_str<E: de::Error>(self, v: &str) -> Result<OneSegment, E> {
                        Ok(OneSegment(v.to_owned()))
                    }
                    fn visit_i64<E: de::Error>(self, v: i64) -> Result<OneSegment, E> {
                        Ok(OneSegment(v.to_string()))
                    }
                    fn visit_u64<E: de::Error>(self, v: u64) -> Result<OneSegment, E> {
                        Ok(OneSegment(v.to_string()))
                    }
                    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<OneSegment, A::Error> {
                        let s = Segment::deserialize(MapAccessDeserializer::new(map))?;
                        Ok(OneSegment(s.value.unwrap_or_default().0))
                    }
                }
                d.deserialize_any(S)
            }
        }
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = PathSegments;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string or an array of path segments")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<PathSegments, E> {
                Ok(PathSegments(
                    v.split('/')
                        .filter(|s| !s.is_empty())
                        .map(str::to_owned)
                        .collect(),
                ))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<PathSegments, A::Error> {
                let segments = Vec::<OneSegment>::deserialize(SeqAccessDeserializer::new(seq))?;
                Ok(PathSegments(segments.into_iter().map(|s| s.0).collect()))
            }
        }
        d.deserialize_any(V)
    }
}

/// A request: a URL string (a `GET`), or a request object.
#[derive(Debug, Default)]
pub struct Request(pub RequestObject);

impl<'de> Deserialize<'de> for Request {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Request;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a URL string or a request object")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Request, E> {
                Ok(Request(RequestObject {
                    url: Some(super::model::UrlForm(super::model::Url {
                        raw: Some(v.to_owned()),
                        ..Default::default()
                    })),
                    method: Some("GET".into()),
                    ..Default::default()
                }))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Request, A::Error> {
                RequestObject::deserialize(MapAccessDeserializer::new(map)).map(Request)
            }
        }
        d.deserialize_any(V)
    }
}

/// A URL: a string, or an object with `raw` and parts.
impl<'de> Deserialize<'de> for super::model::UrlForm {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = super::model::UrlForm;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a URL string or a URL object")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                Ok(super::model::UrlForm(super::model::Url {
                    raw: Some(v.to_owned()),
                    ..Default::default()
                }))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
                super::model::Url::deserialize(MapAccessDeserializer::new(map))
                    .map(super::model::UrlForm)
            }
        }
        d.deserialize_any(V)
    }
}

/// Auth attributes: `[{key, value, type}]` (v2.1) or `{key: value}` (v2.0).
#[derive(Debug, Default)]
pub struct AuthAttributes(pub Vec<(String, Value)>);

impl AuthAttributes {
    /// The value of attribute `key` as text.
    pub fn get(&self, key: &str) -> Option<String> {
        self.0.iter().find(|(k, _)| k == key).map(|(_, v)| match v {
            Value::String(s) => s.clone(),
            other => other.to_string(),
        })
    }
}

impl<'de> Deserialize<'de> for AuthAttributes {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        struct Attribute {
            key: Text,
            value: Option<Value>,
            #[serde(rename = "type")]
            _kind: Option<Value>,
        }
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = AuthAttributes;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an array of {key, value} attributes or an object")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<AuthAttributes, A::Error> {
                let list = Vec::<Attribute>::deserialize(SeqAccessDeserializer::new(seq))?;
                Ok(AuthAttributes(
                    list.into_iter()
                        .map(|a| (a.key.0, a.value.unwrap_or(Value::Null)))
                        .collect(),
                ))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<AuthAttributes, A::Error> {
                let mut out = Vec::new();
                while let Some((k, v)) = map.next_entry::<String, Value>()? {
                    out.push((k, v));
                }
                Ok(AuthAttributes(out))
            }
        }
        d.deserialize_any(V)
    }
}
