//! Variants of the generated response types, one difference at a time, to price each
//! of the generated code's choices: lenient scalars, and the flattened `extra` map.

use postgen_runtime::lenient::{Decimal, Flag, Int};
use postgen_runtime::serde_json::{Map, Value};
use serde::Deserialize;
use serde::de::{IgnoredAny, MapAccess, Visitor};

/// A service entry with the generated field types but no `extra` map.
#[derive(Debug, Deserialize)]
pub struct ServiceLenient {
    /// Id.
    #[serde(rename = "ID")]
    pub id: Int,
    /// Name.
    pub name: String,
    /// Favourite.
    pub favourite: Int,
}

/// A service entry with plain field types plus the flattened `extra` map.
#[derive(Debug, Deserialize)]
pub struct ServiceExtra {
    /// Id.
    #[serde(rename = "ID")]
    pub id: i64,
    /// Name.
    pub name: String,
    /// Favourite.
    pub favourite: i64,
    /// Unknown fields.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// `sms().purchase()`'s answer with the generated field types but no `extra` map.
#[derive(Debug, Deserialize)]
pub struct PurchaseLenient {
    /// Flag.
    pub success: Flag,
    /// Number.
    pub number: Option<Int>,
    /// Country code.
    #[serde(deserialize_with = "postgen_runtime::lenient::string")]
    pub cc: String,
    /// Phone number.
    #[serde(deserialize_with = "postgen_runtime::lenient::string")]
    pub phonenumber: String,
    /// Order id.
    pub order_id: Option<String>,
    /// Country.
    pub country: Option<String>,
    /// Service.
    pub service: Option<String>,
    /// Pool.
    pub pool: Option<Int>,
    /// Expires in.
    pub expires_in: Option<Int>,
    /// Expiration.
    pub expiration: Option<Int>,
    /// Message.
    pub message: String,
    /// Cost.
    pub cost: Option<Decimal>,
    /// Cost in cents.
    pub cost_in_cents: Option<Int>,
    /// URL.
    pub url: Option<String>,
    /// Token.
    pub token: Option<String>,
}

/// `sms().purchase()`'s answer with plain field types plus the flattened `extra` map.
#[derive(Debug, Deserialize)]
pub struct PurchaseExtra {
    /// Flag.
    pub success: i64,
    /// Number.
    pub number: Option<i64>,
    /// Country code.
    pub cc: String,
    /// Phone number.
    pub phonenumber: String,
    /// Order id.
    pub order_id: Option<String>,
    /// Country.
    pub country: Option<String>,
    /// Service.
    pub service: Option<String>,
    /// Pool.
    pub pool: Option<i64>,
    /// Expires in.
    pub expires_in: Option<i64>,
    /// Expiration.
    pub expiration: Option<i64>,
    /// Message.
    pub message: String,
    /// Cost.
    pub cost: Option<String>,
    /// Cost in cents.
    pub cost_in_cents: Option<i64>,
    /// URL.
    pub url: Option<String>,
    /// Token.
    pub token: Option<String>,
    /// Unknown fields.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// Whether the top-level object has `flag` set to a false value: a copy of the
/// runtime's error-flag probe (`runtime/src/response.rs`, private there), to price it.
pub fn flag_is_false(body: &[u8], flag: &str) -> bool {
    struct Probe<'f>(&'f str);
    impl<'de> Visitor<'de> for Probe<'_> {
        type Value = Option<bool>;
        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
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
