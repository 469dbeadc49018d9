//! `Extra`: the fields of a JSON object that its generated struct does not name.

use std::fmt;
use std::ops::{Deref, DerefMut};

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::{Map, Value};

/// The fields of an object that its type does not name, kept as sent (in a response)
/// or sent as they are (in a request body): a JSON map, read and written through
/// `Deref`/`DerefMut` (`item.extra.get("new_field")`, `body.extra.insert(..)`).
///
/// It takes 8 bytes when empty, as it nearly always is, where a map takes 72: on a
/// list of a hundred thousand records that is 6 MB less (BENCHMARKS.md, row 6).
#[derive(Clone, Default)]
pub struct Extra(Option<Box<Map<String, Value>>>);

static EMPTY: std::sync::LazyLock<Map<String, Value>> = std::sync::LazyLock::new(Map::new);

impl Extra {
    /// The fields, as a map of their own.
    pub fn into_map(self) -> Map<String, Value> {
        self.0.map(|map| *map).unwrap_or_default()
    }
}

impl Deref for Extra {
    type Target = Map<String, Value>;

    fn deref(&self) -> &Map<String, Value> {
        self.0.as_deref().unwrap_or(&EMPTY)
    }
}

impl DerefMut for Extra {
    fn deref_mut(&mut self) -> &mut Map<String, Value> {
        self.0.get_or_insert_with(Box::default)
    }
}

impl From<Map<String, Value>> for Extra {
    fn from(map: Map<String, Value>) -> Self {
        Self((!map.is_empty()).then(|| Box::new(map)))
    }
}

impl PartialEq for Extra {
    fn eq(&self, other: &Self) -> bool {
        **self == **other
    }
}

impl fmt::Debug for Extra {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        (**self).fmt(f)
    }
}

impl Serialize for Extra {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        (**self).serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for Extra {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Map::deserialize(deserializer).map(Self::from)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[derive(Debug, PartialEq, Deserialize, Serialize)]
    struct Row {
        id: u64,
        #[serde(flatten)]
        extra: Extra,
    }

    #[test]
    fn keeps_unknown_fields_and_allocates_nothing_without_them() {
        let row: Row = serde_json::from_value(json!({"id": 1})).unwrap();
        assert!(row.extra.0.is_none());
        assert!(row.extra.is_empty());
        let row: Row = serde_json::from_value(json!({"id": 1, "new": [true]})).unwrap();
        assert_eq!(row.extra["new"], json!([true]));
        assert_eq!(
            serde_json::to_value(&row).unwrap(),
            json!({"id": 1, "new": [true]})
        );
        assert_eq!(format!("{:?}", row.extra), r#"{"new": Array [Bool(true)]}"#);
    }

    #[test]
    fn writes_through_and_compares_as_maps() {
        let mut extra = Extra::default();
        assert_eq!(extra, Extra::from(Map::new()));
        extra.insert("note".into(), json!("x"));
        assert_eq!(extra.clone().into_map().len(), 1);
        assert_ne!(extra, Extra::default());
        let row = Row { id: 2, extra };
        assert_eq!(
            serde_json::to_value(&row).unwrap(),
            json!({"id": 2, "note": "x"})
        );
    }
}
