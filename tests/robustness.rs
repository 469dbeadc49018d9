//! Bad input: malformed collections are rejected with the JSON path and what was
//! expected; unknown fields and unsupported features are warnings, one per kind; and
//! no input, arbitrary or mutated, makes the pipeline panic.

use std::panic::{AssertUnwindSafe, catch_unwind};

use codegen::emit::Config;
use serde_json::{Map, Value, json};
use smspool_tests::{fixture_config, smspool_inputs};

fn generate(json: &str) -> Result<codegen::Generated, codegen::Error> {
    codegen::generate(json, "", &fixture_config("robustness"))
}

fn error_of(json: &str) -> codegen::Error {
    match generate(json) {
        Ok(_) => panic!("accepted: {json}"),
        Err(e) => e,
    }
}

const REQUEST: &str =
    r#"{"name": "a", "request": {"method": "GET", "url": "https://a.example/x"}}"#;

#[test]
fn malformed_collections_name_the_path_and_what_was_expected() {
    let with_item = |item: &str| format!(r#"{{"info": {{"name": "x"}}, "item": [{item}]}}"#);
    let cases: Vec<(String, &str, &str)> = vec![
        ("not json".into(), "", "not valid JSON (line 1, column 2)"),
        ("".into(), "", "not valid JSON"),
        (
            r#"{"info": {"name": "x"}, "item": [] "#.into(),
            "",
            "not valid JSON",
        ),
        (
            "[1, 2]".into(),
            "",
            "expected a Postman collection: a JSON object with `info` and `item`",
        ),
        ("\"collection\"".into(), "", "expected a Postman collection"),
        (r#"{"item": []}"#.into(), "", "missing field `info`"),
        (
            r#"{"info": {"name": "x"}}"#.into(),
            "",
            "missing field `item`",
        ),
        (
            r#"{"info": {"name": "x"}, "item": {"name": "a"}}"#.into(),
            "item",
            "expected a sequence",
        ),
        (
            with_item(r#"{"name": "a"}"#),
            "item[0]",
            "expected a folder (with `item`) or a request (with `request`)",
        ),
        (
            with_item(r#"{"name": "f", "item": [{"name": "b"}]}"#),
            "item[0].item[0]",
            "found neither",
        ),
        (
            with_item(r#"{"name": "a", "request": 42}"#),
            "item[0].request",
            "expected a URL string or a request object",
        ),
        (
            with_item(r#"{"name": "a", "request": {"method": "GET", "url": 5}}"#),
            "item[0].request.url",
            "expected a URL string or a URL object",
        ),
        (
            with_item(r#"{"name": "a", "request": {"method": "GET"}}"#),
            "item[0].request",
            "missing `url`",
        ),
        (
            with_item(r#"{"name": "a", "request": {"method": "G E T", "url": "https://a/b"}}"#),
            "item[0].request.method",
            "not an HTTP method",
        ),
        (
            with_item(
                r#"{"name": "a", "request": {"method": "POST", "url": "https://a/b", "body": {"mode": "carrier-pigeon"}}}"#,
            ),
            "item[0].request.body.mode",
            "expected one of `raw`, `urlencoded`, `formdata`, `file`, `graphql`",
        ),
        (
            with_item(
                r#"{"name": "a", "request": {"method": "POST", "url": "https://a/b", "body": {"mode": 42}}}"#,
            ),
            "item[0].request.body.mode",
            "invalid type: integer `42`",
        ),
        (
            with_item(
                r#"{"name": "a", "request": {"method": "POST", "url": "https://a/b", "header": [{"key": "A", "disabled": "yes"}]}}"#,
            ),
            "item[0].request.header[0].disabled",
            "expected a boolean",
        ),
        (
            with_item(
                r#"{"name": "a", "request": "https://a/b", "response": [{"name": "r", "code": "two hundred"}]}"#,
            ),
            "item[0].response[0].code",
            "expected u16",
        ),
        (
            format!(
                r#"{{"info": {{"name": "x"}}, "item": [{REQUEST}], "variable": [{{"key": "a", "value": "{{{{b}}}}"}}, {{"key": "b", "value": "x{{{{c}}}}"}}, {{"key": "c", "value": "{{{{a}}}}"}}]}}"#
            ),
            "variable[0]",
            "variables refer to each other in a cycle (a → b → c → a)",
        ),
    ];
    for (input, path, expected) in cases {
        let e = error_of(&input);
        assert_eq!(e.path, path, "path for {input}: {e}");
        assert!(
            e.message.contains(expected),
            "message for {input}: {e}\nexpected it to contain: {expected}"
        );
        assert!(e.to_string().starts_with("invalid collection"), "{e}");
    }
}

#[test]
fn unknown_fields_and_unsupported_features_are_warnings_once_per_kind() {
    let json = json!({
        "info": {"name": "x", "schema": "https://schema.getpostman.com/json/collection/v9.9.9/collection.json"},
        "item": [
            {"name": "a", "request": {"method": "GET", "url": "https://a.example/a", "color": "red"}, "color": "blue"},
            {"name": "b", "request": {"method": "GET", "url": "https://a.example/b", "color": "green",
                "auth": {"type": "oauth2", "oauth2": []}}},
            {"name": "c", "request": {"method": "GET", "url": "https://a.example/c",
                "auth": {"type": "telepathy"}}},
        ],
    });
    let generated = generate(&json.to_string()).expect("warnings do not stop generation");
    let lines = generated.warnings.lines();
    assert_eq!(
        lines,
        [
            "auth type `oauth2` cannot be performed by the client; callers pass the Authorization header value as the key (at `item[1].request.auth.type`)",
            "schema \"https://schema.getpostman.com/json/collection/v9.9.9/collection.json\" is not v2.0.0 or v2.1.0; read as v2.1.0 (at `info.schema`)",
            "unknown auth type `telepathy`; callers pass the Authorization header value as the key (at `item[2].request.auth.type`)",
            "unknown field `color` ignored (3 times, first at `item[0].request.color`)",
        ]
    );
}

/// A small deterministic random source (xorshift), so failures reproduce from the seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn pick<'a>(&mut self, items: &'a [&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

/// Strings that stress names, templates and escaping.
const WEIRD: &[&str] = &[
    "",
    " ",
    "type",
    "self",
    "Self",
    "crate",
    "super",
    "_",
    "__",
    "0",
    "2fa",
    "a[b]",
    "a.b",
    "$x",
    "{{x}}",
    "{{",
    "}}",
    ":id",
    "/",
    "//",
    "?",
    "#",
    "%",
    "\"",
    "\\",
    "\n",
    "\t",
    "🚀",
    "获取用户",
    "Créer",
    "é",
    "ß",
    "Ω",
    "null",
    "true",
    "[1]",
    "{\"a\":1}",
    "-1",
    "1e400",
    "0.80",
    "GET",
    "get",
    "PURGE",
    "formdata",
    "raw",
    "file",
    "graphql",
    "urlencoded",
    "noauth",
    "bearer",
    "apikey",
    "basic",
    "oauth2",
    "text",
    "https://",
    "http://a b",
];

/// An arbitrary JSON value of bounded depth.
fn arbitrary(rng: &mut Rng, depth: usize) -> Value {
    let kinds = if depth == 0 { 5 } else { 7 };
    match rng.below(kinds) {
        0 => Value::Null,
        1 => Value::Bool(rng.below(2) == 0),
        2 => json!(rng.next() as i64),
        3 => json!(rng.below(1000) as f64 / 7.0),
        4 => Value::String(rng.pick(WEIRD).to_owned()),
        5 => Value::Array(
            (0..rng.below(4))
                .map(|_| arbitrary(rng, depth - 1))
                .collect(),
        ),
        _ => {
            let keys = [
                "info",
                "item",
                "name",
                "request",
                "url",
                "method",
                "body",
                "mode",
                "response",
                "auth",
                "variable",
                "key",
                "value",
                "type",
                "raw",
                "path",
                "host",
                "query",
                "header",
                "description",
            ];
            let mut map = Map::new();
            for _ in 0..rng.below(5) {
                let key = if rng.below(3) == 0 {
                    rng.pick(WEIRD)
                } else {
                    rng.pick(&keys)
                };
                map.insert(key.to_owned(), arbitrary(rng, depth - 1));
            }
            Value::Object(map)
        }
    }
}

/// Applies one random change somewhere in `value` (descending `depth` levels at
/// most): replace a value (by another of any type, or a weird string), delete a key,
/// duplicate or drop array elements.
fn mutate(rng: &mut Rng, value: &mut Value, depth: usize) {
    if depth > 0 && rng.below(4) != 0 {
        let child = match value {
            Value::Object(map) if !map.is_empty() => {
                let i = rng.below(map.len());
                map.iter_mut().nth(i).map(|(_, child)| child)
            }
            Value::Array(items) if !items.is_empty() => {
                let i = rng.below(items.len());
                items.get_mut(i)
            }
            _ => None,
        };
        if let Some(child) = child {
            return mutate(rng, child, depth - 1);
        }
    }
    match (rng.below(5), &mut *value) {
        (0, Value::Object(map)) if !map.is_empty() => {
            let key = map
                .keys()
                .nth(rng.below(map.len()))
                .cloned()
                .unwrap_or_default();
            map.remove(&key);
        }
        (1, Value::Array(items)) if !items.is_empty() => {
            let copy = items[rng.below(items.len())].clone();
            items.push(copy);
        }
        (2, Value::Array(items)) if !items.is_empty() => {
            items.remove(rng.below(items.len()));
        }
        (3, _) => *value = Value::String(rng.pick(WEIRD).to_owned()),
        _ => *value = arbitrary(rng, 2),
    }
}

/// Runs the whole pipeline on `input`; a panic fails the test with the input saved.
fn must_not_panic(input: &str, case: usize) {
    let config = Config {
        crate_name: "fuzz".into(),
        ..fixture_config("fuzz")
    };
    let result = catch_unwind(AssertUnwindSafe(|| codegen::generate(input, "", &config)));
    if result.is_err() {
        let path = smspool_tests::root().join(format!("target/panic-case-{case}.json"));
        let _ = std::fs::write(&path, input);
        panic!("case {case} panicked; input saved to {}", path.display());
    }
}

#[test]
fn no_input_makes_the_pipeline_panic() {
    let mut rng = Rng(0x5eed_cafe_f00d_1234);
    let mut cases = 0;
    // Arbitrary JSON, and arbitrary bytes.
    for _ in 0..1500 {
        let value = arbitrary(&mut rng, 5);
        must_not_panic(&value.to_string(), cases);
        cases += 1;
    }
    for _ in 0..200 {
        let bytes: Vec<u8> = (0..rng.below(64)).map(|_| rng.next() as u8).collect();
        must_not_panic(&String::from_utf8_lossy(&bytes), cases);
        cases += 1;
    }
    // Mutations of every fixture of the corpus and of the SMSPool collection.
    let dir = smspool_tests::root().join("tests/fixtures/collections");
    let mut seeds: Vec<Value> = std::fs::read_dir(&dir)
        .expect("the corpus")
        .filter_map(|e| e.ok())
        .filter(|e| {
            e.file_name()
                .to_string_lossy()
                .ends_with(".postman_collection.json")
        })
        .filter_map(|e| serde_json::from_str(&std::fs::read_to_string(e.path()).ok()?).ok())
        .collect();
    seeds.sort_by_key(|v| v.to_string());
    let (smspool, _) = smspool_inputs();
    let smspool: Value = serde_json::from_str(&smspool).expect("the collection is JSON");
    for round in 0..120 {
        for seed in &seeds {
            let mut value = seed.clone();
            for _ in 0..=rng.below(4) {
                mutate(&mut rng, &mut value, 12);
            }
            must_not_panic(&value.to_string(), cases);
            cases += 1;
        }
        if round % 4 == 0 {
            let mut value = smspool.clone();
            mutate(&mut rng, &mut value, 12);
            must_not_panic(&value.to_string(), cases);
            cases += 1;
        }
    }
    println!("{cases} inputs through the whole pipeline without a panic");
    assert!(cases > 4000);
}
