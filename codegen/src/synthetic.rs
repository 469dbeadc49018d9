//! Synthetic collections of any size with realistic shapes, for tests and benchmarks:
//! nested folders, form and query parameters (required, optional, disabled, the API
//! key), descriptions, and saved examples with nested objects, arrays, numeric strings,
//! nulls and error answers. Deterministic: the same size gives the same text.

use serde_json::{Value, json};

/// Requests per innermost folder.
const PER_FOLDER: usize = 10;
/// Innermost folders per top-level folder.
const SUBFOLDERS: usize = 5;

/// A collection of `requests` requests, as JSON text.
pub fn collection(requests: usize) -> String {
    let mut top = Vec::new();
    let mut n = 0;
    let mut folder = 0;
    while n < requests {
        let mut subfolders = Vec::new();
        for sub in 0..SUBFOLDERS {
            let mut items = Vec::new();
            for _ in 0..PER_FOLDER {
                if n == requests {
                    break;
                }
                items.push(request(n));
                n += 1;
            }
            if items.is_empty() {
                break;
            }
            subfolders.push(json!({
                "name": format!("Area {sub}"),
                "description": format!("Operations of area {sub} in **section {folder}**."),
                "item": items,
            }));
        }
        top.push(json!({
            "name": format!("Section {folder}"),
            "description": "A top-level folder.",
            "item": subfolders,
        }));
        folder += 1;
    }
    let collection = json!({
        "info": {
            "name": "Synthetic API",
            "description": "A generated collection with realistic shapes.",
            "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json",
        },
        "auth": {"type": "bearer", "bearer": [{"key": "token", "value": "{{apikey}}", "type": "string"}]},
        "variable": [{"key": "apikey", "value": ""}, {"key": "baseUrl", "value": "https://api.example.com"}],
        "item": top,
    });
    serde_json::to_string_pretty(&collection).unwrap_or_default()
}

/// One request: every fourth is a GET with query parameters, the rest are POSTs with
/// form fields; each has a success example and most an error example.
fn request(n: usize) -> Value {
    let verb = ["Create", "Retrieve", "Update", "Cancel", "List"][n % 5];
    let noun = [
        "order", "rental", "voucher", "profile", "number", "plan", "message",
    ][n % 7];
    let name = format!("{verb} {noun} {n}");
    let path = format!("{noun}/{}{n}", verb.to_ascii_lowercase());
    let (method, url, body) = if n % 4 == 0 {
        let url = json!({
            "raw": format!("{{{{baseUrl}}}}/{path}?page=1&limit=50"),
            "host": ["{{baseUrl}}"],
            "path": path.split('/').collect::<Vec<_>>(),
            "query": [
                {"key": "page", "value": "1", "description": "Page number (optional)"},
                {"key": "limit", "value": "50"},
                {"key": "sort", "value": "asc", "disabled": true},
            ],
        });
        ("GET", url, Value::Null)
    } else {
        let url = json!(format!("{{{{baseUrl}}}}/{path}"));
        let body = json!({
            "mode": "formdata",
            "formdata": [
                {"key": "key", "value": "{{apikey}}", "type": "text"},
                {"key": "id", "value": format!("{n}"), "type": "text", "description": format!("The {noun} id")},
                {"key": "country", "value": "US", "type": "text", "description": "ISO country code"},
                {"key": "max_price", "value": "0.50", "type": "text", "disabled": true},
                {"key": "note", "value": "", "type": "text", "description": "Free text (optional)"},
            ],
        });
        ("POST", url, body)
    };
    let mut request = json!({
        "method": method,
        "url": url,
        "description": format!("{verb}s a {noun}. See `/{path}` in the API docs."),
    });
    if !body.is_null() {
        request["body"] = body;
    }
    let mut responses = vec![json!({
        "name": "200",
        "code": 200,
        "status": "OK",
        "header": [{"key": "Content-Type", "value": "application/json"}],
        "body": success_body(n, noun).to_string(),
    })];
    if n % 3 != 0 {
        responses.push(json!({
            "name": "404 - not found",
            "code": 404,
            "status": "Not Found",
            "body": json!({"success": 0, "message": format!("This {noun} could not be found.")}).to_string(),
        }));
    }
    json!({"name": name, "request": request, "response": responses})
}

fn success_body(n: usize, noun: &str) -> Value {
    let item = |i: usize| {
        json!({
            "ID": n * 10 + i,
            "name": format!("{noun} {i}"),
            "price": format!("{}.{:02}", i, (n + i) % 100),
            "phonenumber": format!("1555{:06}", n * 7 + i),
            "active": i % 2,
            "tags": ["a", "b"],
            "meta": {"created": "2024-01-06 18:03:15", "rank": i, "score": 0.5 + i as f64},
            "label": if i % 3 == 0 { Value::Null } else { json!("x") },
        })
    };
    if n % 2 == 0 {
        json!({"success": 1, "data": [item(0), item(1), item(2)], "rows": 3, "pricing": {"30": 20, "7": 5}})
    } else {
        json!({"success": 1, "message": "Done.", "order_code": format!("ABC{n}"), "cost": "0.24", "expires_in": 1200})
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn sizes_and_determinism() {
        let text = super::collection(123);
        assert_eq!(text, super::collection(123));
        let value: serde_json::Value = serde_json::from_str(&text).expect("JSON");
        let count = |v: &serde_json::Value| -> usize {
            fn go(v: &serde_json::Value) -> usize {
                v["item"]
                    .as_array()
                    .map_or(1, |items| items.iter().map(go).sum())
            }
            go(v)
        };
        assert_eq!(count(&value), 123);
    }
}
