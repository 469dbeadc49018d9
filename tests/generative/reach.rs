//! What a sample of generated collections contains, feature by feature, so a test
//! can show that every item of the hostile vocabulary is reachable.

use std::collections::BTreeSet;

use serde_json::Value;

/// Features seen in collections, and the names items were given.
#[derive(Default)]
pub struct Seen {
    /// Feature labels.
    pub features: BTreeSet<String>,
    /// Names of folders and requests.
    pub names: BTreeSet<String>,
}

impl Seen {
    fn add(&mut self, feature: impl Into<String>) {
        self.features.insert(feature.into());
    }

    /// Records what `collection` contains.
    pub fn collection(&mut self, collection: &Value) {
        let version = crate::collection::Version::of(collection);
        self.add(format!("schema {version:?}"));
        self.auth(&collection["auth"], "collection");
        self.items(&collection["item"], 1);
    }

    fn items(&mut self, items: &Value, depth: usize) {
        for item in items.as_array().into_iter().flatten() {
            if let Some(name) = item["name"].as_str() {
                self.names.insert(name.to_owned());
            }
            match item.get("item").and_then(Value::as_array) {
                Some(children) => {
                    self.add(format!("folder at depth {}", depth.min(5)));
                    if children.is_empty() {
                        self.add("empty folder");
                    } else if children.iter().all(|c| c.get("item").is_some()) {
                        self.add("folder with only folders");
                    }
                    self.auth_field(item, "folder");
                    self.items(&item["item"], depth + 1);
                }
                None => self.request(item),
            }
        }
    }

    fn auth_field(&mut self, holder: &Value, level: &str) {
        match holder.get("auth") {
            None => self.add(format!("{level} auth inherited (absent)")),
            Some(auth) => self.auth(auth, level),
        }
    }

    fn auth(&mut self, auth: &Value, level: &str) {
        match auth["type"].as_str() {
            Some(kind) => self.add(format!("{level} auth {kind}")),
            None if auth.is_null() => self.add(format!("{level} auth null")),
            None => {}
        }
    }

    fn request(&mut self, item: &Value) {
        let request = &item["request"];
        if request.is_string() {
            self.add("request as a URL string");
            return;
        }
        self.auth_field(request, "request");
        let url = &request["url"];
        let query: Vec<&Value> = url["query"].as_array().into_iter().flatten().collect();
        let keys: Vec<&str> = query.iter().filter_map(|q| q["key"].as_str()).collect();
        if query.is_empty() && !url.as_str().is_some_and(|u| u.contains('?')) {
            self.add("request without query parameters");
        }
        if keys.iter().collect::<BTreeSet<_>>().len() < keys.len() {
            self.add("duplicate query parameters");
        }
        if query.iter().any(|q| q["disabled"] == true) {
            self.add("disabled query parameter");
        }
        if request["header"]
            .as_array()
            .is_some_and(|h| h.iter().any(|h| h["disabled"] == true))
        {
            self.add("disabled header");
        }
        let body = &request["body"];
        if body.is_null() && request.get("body").is_some() {
            self.add("body null");
        }
        if body["disabled"] == true {
            self.add("body disabled");
        }
        match body["mode"].as_str() {
            Some("raw") => self.raw_body(body),
            Some("formdata") => {
                self.add("body formdata");
                if body["formdata"]
                    .as_array()
                    .is_some_and(|f| f.iter().any(|f| f["type"] == "file"))
                {
                    self.add("body formdata with a file");
                }
            }
            Some(mode) => self.add(format!("body {mode}")),
            None => {}
        }
        let examples: Vec<&Value> = item["response"].as_array().into_iter().flatten().collect();
        self.examples(&examples);
    }

    fn raw_body(&mut self, body: &Value) {
        let raw = body["raw"].as_str().unwrap_or_default();
        let language = body["options"]["raw"]["language"]
            .as_str()
            .unwrap_or_default();
        match serde_json::from_str::<Value>(raw) {
            Ok(json) => {
                self.add("body raw JSON");
                self.json(&json, "JSON body");
            }
            Err(_) if raw.contains("// a comment") => self.add("body raw JSON with comments"),
            Err(_) if language == "xml" || raw.starts_with('<') => self.add("body raw XML"),
            Err(_) => self.add("body raw, not JSON"),
        }
    }

    fn json(&mut self, value: &Value, what: &str) {
        match value {
            Value::Null => self.add(format!("{what} with null")),
            Value::Array(items) => {
                if items.iter().any(Value::is_array) {
                    self.add(format!("{what} with nested arrays"));
                }
                items.iter().for_each(|v| self.json(v, what));
            }
            Value::Object(map) => map.values().for_each(|v| self.json(v, what)),
            Value::String(s)
                if serde_json::from_str::<Value>(s)
                    .is_ok_and(|v| v.is_object() || v.is_array()) =>
            {
                self.add(format!("{what} with JSON inside a string"));
            }
            _ => {}
        }
    }

    fn examples(&mut self, examples: &[&Value]) {
        let mut types: std::collections::BTreeMap<String, BTreeSet<&str>> = Default::default();
        for e in examples {
            match e["body"].as_str() {
                None => self.add("example with a null body"),
                Some("") => self.add("example with an empty body"),
                Some(text) => match serde_json::from_str::<Value>(text) {
                    Ok(Value::Object(map)) => {
                        for (k, v) in map {
                            types.entry(k).or_default().insert(kind(&v));
                        }
                    }
                    Ok(_) => {}
                    Err(_) => self.add("example with a non-JSON body"),
                },
            }
        }
        if types.values().any(|t| t.len() > 1) {
            self.add("examples with conflicting types");
        }
    }
}

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "bool",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

/// Every feature the generator must reach.
pub fn required_features() -> Vec<String> {
    let mut out: Vec<String> = [
        "schema V20",
        "schema V21",
        "folder at depth 5",
        "empty folder",
        "folder with only folders",
        "request as a URL string",
        "request without query parameters",
        "duplicate query parameters",
        "disabled query parameter",
        "disabled header",
        "body null",
        "body disabled",
        "body raw JSON",
        "body raw JSON with comments",
        "body raw XML",
        "body raw, not JSON",
        "body urlencoded",
        "body formdata",
        "body formdata with a file",
        "body file",
        "body graphql",
        "JSON body with nested arrays",
        "JSON body with null",
        "JSON body with JSON inside a string",
        "example with a null body",
        "example with an empty body",
        "example with a non-JSON body",
        "examples with conflicting types",
        "folder auth null",
        "request auth null",
        "folder auth inherited (absent)",
        "request auth inherited (absent)",
    ]
    .map(str::to_owned)
    .to_vec();
    for level in ["collection", "folder", "request"] {
        for kind in crate::vocabulary::AUTH_KINDS {
            out.push(format!("{level} auth {kind}"));
        }
    }
    out
}
