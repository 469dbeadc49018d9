//! Saved example bodies, read from the SMSPool collection.

use serde_json::Value;

use crate::machine;

/// The bodies the client and decode benchmarks answer with.
#[derive(Debug)]
pub struct Bodies {
    /// `SMS / Order SMS`, example `200 - successful order`.
    pub purchase: String,
    /// `Informative endpoints / Service list`, example `200` (the largest saved body).
    pub service_list: String,
}

impl Bodies {
    /// Reads them from the collection.
    pub fn load() -> Result<Self, String> {
        let (json, _) = machine::smspool_inputs()?;
        let collection: Value = serde_json::from_str(&json).map_err(|e| e.to_string())?;
        Ok(Self {
            purchase: saved_body(&collection, "Order SMS", "200 - successful order")?,
            service_list: saved_body(&collection, "Service list", "200")?,
        })
    }
}

/// The body of the saved example `example` of the request named `request`, anywhere
/// in the collection.
pub fn saved_body(collection: &Value, request: &str, example: &str) -> Result<String, String> {
    let mut stack = vec![collection];
    while let Some(node) = stack.pop() {
        if let Some(items) = node.get("item").and_then(Value::as_array) {
            stack.extend(items);
        }
        if node.get("name").and_then(Value::as_str) != Some(request) {
            continue;
        }
        let found = node
            .get("response")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .find(|r| r.get("name").and_then(Value::as_str) == Some(example))
            .and_then(|r| r.get("body").and_then(Value::as_str));
        if let Some(body) = found {
            return Ok(body.to_owned());
        }
    }
    Err(format!(
        "the collection has no example {example:?} of {request:?}"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_bodies() {
        let bodies = Bodies::load().expect("bodies");
        assert!(bodies.purchase.contains("\"order_id\""));
        assert!(bodies.service_list.len() > 100_000);
        let collection = serde_json::json!({"item": [{"name": "A", "item": []}]});
        assert!(saved_body(&collection, "A", "200").is_err());
    }
}
