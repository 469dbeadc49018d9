//! The field that marks failures, when the overrides file names none and the saved
//! examples show one clearly.

use std::collections::BTreeMap;

use serde_json::Value;

use crate::model::{Module, Stage};

/// A body field that marks failures: a key that is falsy (`0`, `false`) in at least
/// two examples with an error status, truthy in some 2xx example, and falsy in fewer
/// 2xx examples than it is truthy in (SMSPool sends `{"success": 0}` with a 200 once
/// in a while).
pub(super) fn detect<S: Stage>(root: &Module<S>) -> Option<String> {
    #[derive(Default)]
    struct Counts {
        falsy_errors: usize,
        falsy_successes: usize,
        truthy_successes: usize,
    }
    let mut counts: BTreeMap<String, Counts> = BTreeMap::new();
    for op in root.all_operations() {
        for example in &op.examples {
            let (Some(object), Some(code)) = (
                example.json.as_ref().and_then(Value::as_object),
                example.status,
            ) else {
                continue;
            };
            for (key, value) in object {
                let falsy = match value {
                    Value::Bool(b) => !b,
                    Value::Number(n) => n.as_i64() == Some(0),
                    _ => continue,
                };
                let c = counts.entry(key.clone()).or_default();
                match (code, falsy) {
                    (400.., true) => c.falsy_errors += 1,
                    (200..=299, true) => c.falsy_successes += 1,
                    (200..=299, false) => c.truthy_successes += 1,
                    _ => {}
                }
            }
        }
    }
    counts
        .into_iter()
        .filter(|(_, c)| {
            c.falsy_errors >= 2 && c.truthy_successes >= 1 && c.falsy_successes < c.truthy_successes
        })
        .max_by_key(|(_, c)| c.falsy_errors)
        .map(|(key, _)| key)
}
