//! `src/mock/examples.json`: every saved example, as recorded, for the runtime's mock
//! to serve by name (its format is the runtime's `mock::Api::examples`).

use serde_json::{Value, json};

use super::super::operation::runtime_name;
use crate::model::Api;

/// The file's text: one entry per operation that has saved examples, in module
/// order, each example with its name, request, whether it is a success, status,
/// headers and body.
pub fn json(api: &Api) -> String {
    let mut operations = Vec::new();
    for (path, module) in api.root.walk() {
        let module_path = path.join("::");
        for op in &module.operations {
            if op.examples.is_empty() {
                continue;
            }
            let examples: Vec<Value> = op
                .examples
                .iter()
                .map(|e| {
                    json!({
                        "name": e.name,
                        "request": op.key,
                        "success": op.response.successes.contains(&e.name),
                        "status": e.status,
                        "headers": e.headers,
                        "body": e.body,
                    })
                })
                .collect();
            operations.push(json!({
                "name": runtime_name(&module_path, op),
                "examples": examples,
            }));
        }
    }
    let mut text =
        serde_json::to_string_pretty(&json!({ "operations": operations })).unwrap_or_default();
    text.push('\n');
    text
}
