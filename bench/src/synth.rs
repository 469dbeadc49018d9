//! Synthetic Postman collections of any size, for the scaling benchmark.
//!
//! Deterministic (a fixed-seed SplitMix64), and shaped like real collections:
//! folders of about a dozen requests, grouped in parent folders, some three deep;
//! GET requests with query parameters, POST requests with form bodies, path
//! variables; Markdown descriptions; one to three saved examples per request with
//! Postman's response headers and pretty-printed JSON bodies holding nested objects,
//! arrays of records, numeric strings (`"0.24"`), integers, booleans and an error
//! example with `{"success": 0, ...}`.

use serde_json::{Value, json};

/// Requests per leaf folder.
const PER_FOLDER: usize = 12;
/// Leaf folders per top-level folder.
const LEAVES_PER_TOP: usize = 4;

const NOUNS: [&str; 16] = [
    "order", "number", "rental", "invoice", "account", "voucher", "carrier", "pool", "service",
    "country", "webhook", "token", "session", "report", "profile", "plan",
];
const VERBS: [&str; 8] = [
    "List", "Get", "Create", "Update", "Cancel", "Check", "Archive", "Refresh",
];
const AREAS: [&str; 10] = [
    "Accounts",
    "Billing",
    "Numbers",
    "Rentals",
    "Messaging",
    "Reports",
    "Carriers",
    "Vouchers",
    "Webhooks",
    "Pricing",
];

/// A SplitMix64 generator: small, fast, and the same on every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n`.
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// True with probability `percent`%.
    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

/// A collection of `requests` requests, as JSON text.
pub fn collection(requests: usize) -> String {
    let mut rng = Rng(0x5EED_0000 + requests as u64);
    let leaves = requests.div_ceil(PER_FOLDER);
    let mut top_folders = Vec::new();
    for top in 0..leaves.div_ceil(LEAVES_PER_TOP) {
        let area = format!("{} {}", AREAS[top % AREAS.len()], top + 1);
        let mut children = Vec::new();
        for leaf in top * LEAVES_PER_TOP..((top + 1) * LEAVES_PER_TOP).min(leaves) {
            let range = leaf * PER_FOLDER..((leaf + 1) * PER_FOLDER).min(requests);
            let items: Vec<Value> = range.map(|i| request(&mut rng, &area, i)).collect();
            if leaf % LEAVES_PER_TOP == 0 {
                // The first dozen sit directly in the area folder.
                children.extend(items);
            } else if leaf % 7 == 3 {
                // Some folders are three deep.
                let inner = folder(&mut rng, &format!("Legacy {}", leaf + 1), items);
                children.push(folder(
                    &mut rng,
                    &format!("Admin {}", leaf + 1),
                    vec![inner],
                ));
            } else {
                let name = format!("{} {}", capitalise(rng.pick(&NOUNS)), leaf + 1);
                children.push(folder(&mut rng, &name, items));
            }
        }
        top_folders.push(folder(&mut rng, &area, children));
    }
    let collection = json!({
        "info": {
            "_postman_id": "00000000-0000-4000-8000-000000000000",
            "name": format!("Synthetic API ({requests} requests)"),
            "description": "A synthetic collection for the generator's scaling benchmark.",
            "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"
        },
        "item": top_folders,
        "auth": {"type": "bearer", "bearer": [{"key": "token", "value": "{{apikey}}", "type": "string"}]},
        "variable": [{"key": "apikey", "value": "", "type": "string"}]
    });
    serde_json::to_string_pretty(&collection).unwrap_or_default()
}

fn folder(rng: &mut Rng, name: &str, items: Vec<Value>) -> Value {
    let description = if rng.chance(50) {
        format!("Endpoints for **{name}**. All of them need an API key.")
    } else {
        String::new()
    };
    json!({ "name": name, "description": description, "item": items })
}

fn capitalise(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map(|c| c.to_ascii_uppercase().to_string() + chars.as_str())
        .unwrap_or_default()
}

fn request(rng: &mut Rng, area: &str, index: usize) -> Value {
    let noun = rng.pick(&NOUNS);
    let verb = rng.pick(&VERBS);
    let name = format!("{verb} {noun} {index}");
    let post = !matches!(verb, "List" | "Get" | "Check");
    let area_path = area.to_lowercase().replace(' ', "_");
    let mut path = vec![area_path, format!("{noun}s")];
    let mut path_variables = Vec::new();
    if verb == "Get" || rng.chance(15) {
        path.push(":id".into());
        path_variables
            .push(json!({"key": "id", "value": "42", "description": format!("The {noun}'s id.")}));
    }
    path.push(format!("{}_{index}", verb.to_lowercase()));
    let query: Vec<Value> = if post {
        Vec::new()
    } else {
        (0..1 + rng.below(4)).map(|q| param(rng, q, true)).collect()
    };
    let raw_query: Vec<String> = query
        .iter()
        .map(|q| {
            format!(
                "{}={}",
                q["key"].as_str().unwrap_or(""),
                q["value"].as_str().unwrap_or("")
            )
        })
        .collect();
    let raw = format!(
        "https://api.example.com/v1/{}{}{}",
        path.join("/"),
        if raw_query.is_empty() { "" } else { "?" },
        raw_query.join("&")
    );
    let mut request = json!({
        "method": if post { "POST" } else { "GET" },
        "header": [],
        "url": {
            "raw": raw,
            "protocol": "https",
            "host": ["api", "example", "com"],
            "path": std::iter::once("v1".to_owned()).chain(path).collect::<Vec<_>>(),
            "query": query,
            "variable": path_variables
        },
        "description": format!(
            "{verb}s a {noun}. Send `{noun}` as returned by the list endpoint.\n\n- Costs nothing unless it says so\n- Answers within a second"
        )
    });
    if post {
        let fields: Vec<Value> = (0..2 + rng.below(7))
            .map(|f| param(rng, f, false))
            .collect();
        request["body"] = json!({"mode": "formdata", "formdata": fields});
    }
    let mut bodies = vec![(200, "OK", success_body(rng, noun))];
    if rng.chance(50) {
        bodies.push((200, "OK", success_body(rng, noun)));
    }
    if rng.chance(60) {
        bodies.push((422, "Unprocessable Entity", error_body(rng)));
    }
    let responses: Vec<Value> = bodies
        .into_iter()
        .map(|(code, status, body)| example(rng, &name, code, status, body))
        .collect();
    json!({ "name": name, "request": request, "response": responses })
}

/// A query parameter or form field.
fn param(rng: &mut Rng, position: usize, query: bool) -> Value {
    const NAMES: [&str; 10] = [
        "country",
        "service",
        "pool",
        "max_price",
        "quantity",
        "page",
        "limit",
        "areacode",
        "days",
        "webhook_url",
    ];
    let key = NAMES[(position + rng.below(3)) % NAMES.len()];
    let value = match key {
        "max_price" => "0.50".to_owned(),
        "webhook_url" => "https://example.com/hook".to_owned(),
        _ => (1 + rng.below(99)).to_string(),
    };
    let mut param = json!({
        "key": key,
        "value": value,
        "description": format!("The {key} to use. Optional unless the call fails without it."),
        "disabled": rng.chance(20)
    });
    if !query {
        param["type"] = json!("text");
    }
    param
}

fn example(rng: &mut Rng, name: &str, code: u16, status: &str, body: Value) -> Value {
    let headers: Vec<Value> = [
        ("Date", "Sat, 06 Jan 2024 17:02:30 GMT"),
        ("Content-Type", "application/json; charset=utf-8"),
        ("Transfer-Encoding", "chunked"),
        ("Connection", "keep-alive"),
        ("vary", "Accept-Encoding"),
        ("CF-Cache-Status", "DYNAMIC"),
        ("Server", "cloudflare"),
        ("CF-RAY", "84158767ee790eaa-AMS"),
    ]
    .iter()
    .map(|(k, v)| json!({"key": k, "value": v}))
    .collect();
    let label = if code == 200 {
        "successful"
    } else {
        "rejected"
    };
    json!({
        "name": format!("{code} - {label} {}", rng.below(1000)),
        "originalRequest": {"method": "GET", "header": [], "url": {"raw": format!("https://api.example.com/{}", name.replace(' ', "_"))}},
        "status": status,
        "code": code,
        "_postman_previewlanguage": "json",
        "header": headers,
        "cookie": [],
        "body": serde_json::to_string_pretty(&body).unwrap_or_default()
    })
}

fn success_body(rng: &mut Rng, noun: &str) -> Value {
    let records: Vec<Value> = (0..3 + rng.below(8))
        .map(|i| {
            json!({
                "ID": i + 1,
                "name": format!("{noun} {}", rng.below(10_000)),
                "price": format!("{}.{:02}", rng.below(5), rng.below(100)),
                "stock": rng.below(500),
                "active": rng.chance(70),
                "tags": ["fast", "cheap"]
            })
        })
        .collect();
    if rng.chance(20) {
        // Some endpoints answer with a bare list.
        return Value::Array(records);
    }
    json!({
        "success": 1,
        format!("{noun}_id"): format!("{:08X}", rng.next() as u32),
        "balance": format!("{}.{:02}", rng.below(100), rng.below(100)),
        "cost_in_cents": rng.below(1000),
        "expires_in": 1200,
        "details": {
            "country": "United States",
            "cc": "1",
            "limits": {"daily": rng.below(100), "monthly": "3000"}
        },
        "items": records
    })
}

fn error_body(rng: &mut Rng) -> Value {
    const TYPES: [&str; 4] = [
        "OUT_OF_STOCK",
        "BALANCE_ERROR",
        "PRICE_NOT_FOUND",
        "NOT_FOUND",
    ];
    let kind = rng.pick(&TYPES);
    json!({
        "success": 0,
        "message": format!("The request failed: {}", kind.to_lowercase().replace('_', " ")),
        "type": kind
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deterministic() {
        assert_eq!(collection(50), collection(50));
        assert_ne!(collection(50), collection(51));
    }

    /// Every request becomes an operation, without warnings about the input.
    #[test]
    fn generates_one_operation_per_request() {
        for n in [1, 13, 100] {
            let json = collection(n);
            let generated = codegen::generate(&json, "", &crate::scaling::synth_config())
                .unwrap_or_else(|e| panic!("{n} requests: {e}"));
            assert_eq!(codegen::emit::counts(&generated.api.root).1, n);
            assert!(
                generated.warnings.is_empty(),
                "{:?}",
                generated.warnings.lines()
            );
        }
    }

    #[test]
    fn shapes_are_varied() {
        let json: Value = serde_json::from_str(&collection(200)).expect("valid JSON");
        let text = json.to_string();
        for needle in [
            "\"formdata\"",
            "\"query\"",
            ":id",
            "\\\"success\\\": 0",
            "Legacy",
        ] {
            assert!(text.contains(needle), "no {needle}");
        }
    }
}
