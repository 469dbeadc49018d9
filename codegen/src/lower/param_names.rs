//! Rust names for parameters whose wire name is several words run together: the
//! collection's own answers show how those words are split (`orderid` is sent, and
//! answers carry `order_id`), so the parameter is `order_id` too.

use std::collections::BTreeMap;

use serde_json::Value;

use crate::names::snake_ident;
use crate::postman::{Collection, Item};

/// Multi-word keys of the saved answers by their words run together: `orderid` →
/// `order_id`. A run-together form two keys share with different splits is left out.
pub(super) fn split_keys(collection: &Collection) -> BTreeMap<String, String> {
    let mut keys: BTreeMap<String, Option<String>> = BTreeMap::new();
    let mut add = |key: &str| {
        let ident = snake_ident(key, "field");
        if !ident.contains('_') || ident.starts_with('_') {
            return;
        }
        let squashed = ident.replace('_', "");
        match keys.get(&squashed) {
            Some(Some(known)) if *known != ident => {
                keys.insert(squashed, None);
            }
            Some(_) => {}
            None => {
                keys.insert(squashed, Some(ident));
            }
        }
    };
    walk_items(&collection.item, &mut add);
    keys.into_iter()
        .filter_map(|(squashed, ident)| Some((squashed, ident?)))
        .collect()
}

fn walk_items(items: &[Item], add: &mut impl FnMut(&str)) {
    for item in items {
        if let Some(children) = &item.item {
            walk_items(children, add);
        }
        for response in item.response.iter().flatten() {
            let Some(body) = &response.body else { continue };
            if !body.trim_start().starts_with(['{', '[']) {
                continue;
            }
            if let Ok(value) = serde_json::from_str::<Value>(body) {
                walk_value(&value, add);
            }
        }
    }
}

fn walk_value(value: &Value, add: &mut impl FnMut(&str)) {
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                add(k);
                walk_value(v, add);
            }
        }
        Value::Array(items) => items.iter().for_each(|v| walk_value(v, add)),
        _ => {}
    }
}

/// The Rust name of a parameter sent as `wire`: its snake_case form, split as the
/// answers split it when it is one run-together word.
pub(super) fn ident(wire: &str, split: &BTreeMap<String, String>) -> String {
    let ident = snake_ident(wire, "param");
    if ident.bytes().all(|b| b == b'_' || b.is_ascii_digit()) {
        // `_123` is a binding clippy asks to name (`just_underscores_and_digits`).
        return format!("param{ident}");
    }
    if ident.contains('_') {
        return ident;
    }
    split.get(&ident).cloned().unwrap_or(ident)
}
