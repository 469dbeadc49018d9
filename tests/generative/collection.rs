//! Random valid Postman collections (schema v2.0 and v2.1) as `proptest` strategies,
//! so that a failing collection shrinks: folders and requests drawn from the hostile
//! vocabulary, every body mode, every auth kind at every level, and saved examples
//! whose types conflict.

use proptest::collection::vec;
use proptest::option;
use proptest::prelude::*;
use proptest::sample::select;
use serde_json::{Map, Value, json};

use crate::vocabulary::{AUTH_KINDS, METHODS, NOT_JSON, NOT_JSON_ANSWERS, VALUES, names};

/// The schema versions a collection can declare.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Version {
    /// v2.0.0: auth attributes are maps.
    V20,
    /// v2.1.0: auth attributes are lists of `{key, value, type}`.
    V21,
}

impl Version {
    /// The `info.schema` URL.
    pub fn schema_url(self) -> &'static str {
        match self {
            Version::V20 => "https://schema.getpostman.com/json/collection/v2.0.0/collection.json",
            Version::V21 => "https://schema.getpostman.com/json/collection/v2.1.0/collection.json",
        }
    }

    /// The version a collection declares.
    pub fn of(collection: &Value) -> Version {
        match collection["info"]["schema"].as_str() {
            Some(s) if s.contains("v2.0.0") => Version::V20,
            _ => Version::V21,
        }
    }
}

/// A whole collection.
pub fn collection() -> impl Strategy<Value = Value> {
    (
        prop_oneof![Just(Version::V20), Just(Version::V21)],
        name(),
        option::of(description()),
        variables(),
        option::weighted(0.6, auth()),
        items(),
    )
        .prop_map(|(version, name, description, variable, auth, item)| {
            let mut info = json!({ "name": name, "schema": version.schema_url() });
            if let Some(d) = description {
                info["description"] = d;
            }
            let mut root = json!({ "info": info, "item": item, "variable": variable });
            if let Some(a) = auth {
                root["auth"] = a;
            }
            if version == Version::V20 {
                to_v20(&mut root);
            }
            root
        })
}

/// A name from the vocabulary, alone or two joined (`Purchase` + ` ` + `Request`).
pub fn name() -> BoxedStrategy<String> {
    let words = select(names());
    prop_oneof![
        3 => words.clone().prop_map(str::to_owned),
        1 => (words.clone(), select(vec![" ", "_", "-", "", "."]), words)
            .prop_map(|(a, sep, b)| format!("{a}{sep}{b}")),
    ]
    .boxed()
}

fn description() -> BoxedStrategy<Value> {
    let text = select(vec![
        "",
        "Plain words.",
        "**Markdown** with `code`, <b>HTML</b> and a [link](https://example.com).",
        "Optional.",
        "# Heading\n\n```\nfenced\n```",
        "Ends in a backslash \\",
        "*/ /* {{var}} [`Client::new`]",
    ]);
    prop_oneof![
        text.clone().prop_map(Value::from),
        text.prop_map(|t| json!({ "content": t, "type": "text/markdown" })),
    ]
    .boxed()
}

fn variables() -> BoxedStrategy<Value> {
    (
        select(vec![
            "https://api.example.com",
            "http://127.0.0.1:9/",
            "",
            "{{scheme}}://h.example",
        ]),
        any::<bool>(),
        vec(
            (
                select(vec![
                    "id", "apiKey", "scheme", "version", "name", "body", "2fa",
                ]),
                select(VALUES),
            ),
            0..3,
        ),
    )
        .prop_map(|(base, by_id, extra)| {
            let mut out = vec![json!({ "key": "baseUrl", "value": base })];
            for (key, value) in extra {
                // No variable refers to itself or to one defined after it: no cycles.
                let value = if value.contains("{{") { "v" } else { value };
                let name_field = if by_id { "id" } else { "key" };
                out.push(json!({ name_field: key, "value": value, "type": "string" }));
            }
            Value::Array(out)
        })
        .boxed()
}

/// Items at the root: requests and folders, nested up to five deep, plus now and
/// then a chain of folders holding only a folder.
fn items() -> BoxedStrategy<Vec<Value>> {
    let item = request().prop_recursive(5, 32, 5, |inner| {
        prop_oneof![
            2 => request(),
            1 => folder(vec(inner, 0..5).boxed()),
        ]
    });
    prop_oneof![
        6 => vec(item.clone(), 0..9),
        1 => (vec(item, 0..3), chain()).prop_map(|(mut items, chain)| {
            items.push(chain);
            items
        }),
    ]
    .boxed()
}

fn folder(children: BoxedStrategy<Vec<Value>>) -> BoxedStrategy<Value> {
    (
        name(),
        children,
        option::weighted(0.3, auth_or_null()),
        option::of(description()),
    )
        .prop_map(|(name, item, auth, description)| {
            let mut folder = json!({ "name": name, "item": item });
            if let Some(a) = auth {
                folder["auth"] = a;
            }
            if let Some(d) = description {
                folder["description"] = d;
            }
            folder
        })
        .boxed()
}

/// Folders five to seven deep, each holding only the next, the last one a request
/// (or nothing).
fn chain() -> BoxedStrategy<Value> {
    (vec(name(), 5..8), option::of(request()))
        .prop_map(|(names, last)| {
            let mut inner: Vec<Value> = last.into_iter().collect();
            for name in names.iter().rev() {
                inner = vec![json!({ "name": name, "item": inner })];
            }
            inner.remove(0)
        })
        .boxed()
}

fn request() -> BoxedStrategy<Value> {
    (
        name(),
        prop_oneof![
            8 => request_object(),
            1 => url_string().prop_map(Value::from),
        ],
        vec(example(), 0..4),
        option::of(description()),
    )
        .prop_map(|(name, request, response, description)| {
            let mut item = json!({ "name": name, "request": request, "response": response });
            if let Some(d) = description {
                item["description"] = d;
            }
            item
        })
        .boxed()
}

fn request_object() -> BoxedStrategy<Value> {
    (
        select(METHODS),
        url(),
        headers(),
        body(),
        option::weighted(0.3, auth_or_null()),
        option::of(description()),
    )
        .prop_map(|(method, url, header, body, auth, description)| {
            let mut request = json!({ "method": method, "url": url, "header": header });
            if let Some(b) = body {
                request["body"] = b;
            }
            if let Some(a) = auth {
                request["auth"] = a;
            }
            if let Some(d) = description {
                request["description"] = d;
            }
            request
        })
        .boxed()
}

fn host() -> impl Strategy<Value = &'static str> {
    select(vec![
        "{{baseUrl}}",
        "https://api.example.com",
        "http://localhost:8080",
        "https://other.example.org/v1",
        "",
    ])
}

/// A path segment: a literal, `:name` or `{{name}}`.
fn segment() -> BoxedStrategy<String> {
    prop_oneof![
        3 => select(vec!["users", "v1", "items", "a b", "ünï", "x.json", "", "-"]).prop_map(str::to_owned),
        1 => name().prop_map(|n| format!(":{n}")),
        1 => name().prop_map(|n| format!("{{{{{n}}}}}")),
        1 => select(vec![":id", "{{id}}", ":new", ":client", ":body"]).prop_map(str::to_owned),
    ]
    .boxed()
}

fn query_param() -> BoxedStrategy<Value> {
    (
        name(),
        select(VALUES),
        any::<bool>(),
        option::of(description()),
    )
        .prop_map(|(key, value, disabled, description)| {
            let mut q = json!({ "key": key, "value": value });
            if disabled {
                q["disabled"] = json!(true);
            }
            if let Some(d) = description {
                q["description"] = d;
            }
            q
        })
        .boxed()
}

fn url_string() -> BoxedStrategy<String> {
    (
        host(),
        vec(segment(), 0..4),
        vec((name(), select(VALUES)), 0..3),
    )
        .prop_map(|(host, segments, query)| raw_url(host, &segments, &query))
        .boxed()
}

fn raw_url(host: &str, segments: &[String], query: &[(String, &str)]) -> String {
    let mut raw = host.to_owned();
    for s in segments {
        raw.push('/');
        raw.push_str(s);
    }
    if !query.is_empty() {
        let pairs: Vec<String> = query.iter().map(|(k, v)| format!("{k}={v}")).collect();
        raw.push('?');
        raw.push_str(&pairs.join("&"));
    }
    raw
}

fn url() -> BoxedStrategy<Value> {
    (
        host(),
        vec(segment(), 0..4),
        vec(query_param(), 0..4),
        any::<bool>(),
        select(VALUES),
    )
        .prop_map(|(host, segments, query, as_string, variable_value)| {
            let pairs: Vec<(String, &str)> = query
                .iter()
                .filter(|q| q.get("disabled").is_none())
                .map(|q| {
                    let key = q["key"].as_str().unwrap_or_default().to_owned();
                    (key, q["value"].as_str().unwrap_or_default())
                })
                .collect();
            let raw = raw_url(host, &segments, &pairs);
            if as_string {
                return Value::from(raw);
            }
            let mut url = json!({ "raw": raw, "path": segments });
            match host.split_once("://") {
                Some((protocol, rest)) => {
                    let (h, prefix) = rest.split_once('/').unwrap_or((rest, ""));
                    url["protocol"] = json!(protocol);
                    url["host"] = json!(h.split('.').collect::<Vec<_>>());
                    if !prefix.is_empty() {
                        let mut path = vec![Value::from(prefix)];
                        path.extend(segments.iter().cloned().map(Value::from));
                        url["path"] = Value::Array(path);
                    }
                }
                None if !host.is_empty() => url["host"] = json!([host]),
                None => {}
            }
            if !query.is_empty() {
                url["query"] = Value::Array(query);
            }
            let variables: Vec<Value> = segments
                .iter()
                .filter_map(|s| s.strip_prefix(':'))
                .map(|key| json!({ "key": key, "value": variable_value, "description": "A path variable." }))
                .collect();
            if !variables.is_empty() {
                url["variable"] = Value::Array(variables);
            }
            url
        })
        .boxed()
}

fn headers() -> BoxedStrategy<Value> {
    let header = (
        prop_oneof![
            2 => select(vec!["Accept", "X-Trace", "Authorization", "X-API-Key", "Content-Type", "x-trace"]).prop_map(str::to_owned),
            1 => name(),
        ],
        prop_oneof![
            2 => select(VALUES),
            1 => select(vec!["application/json", "text/plain", "application/xml", "Bearer {{apiKey}}"]),
        ],
        any::<bool>(),
    )
        .prop_map(|(key, value, disabled)| {
            let mut h = json!({ "key": key, "value": value });
            if disabled {
                h["disabled"] = json!(true);
            }
            h
        });
    prop_oneof![
        6 => vec(header, 0..4).prop_map(Value::Array),
        1 => Just(json!("Accept: application/json\nX-Trace: 1")),
    ]
    .boxed()
}

/// Every body mode, `null`, or none; now and then disabled.
fn body() -> BoxedStrategy<Option<Value>> {
    let mode = prop_oneof![
        3 => raw_json(),
        2 => (select(NOT_JSON), select(vec!["text", "xml", "html", "javascript", "json", ""]))
            .prop_map(|(raw, language)| with_language(json!({ "mode": "raw", "raw": raw }), language)),
        2 => vec(form_field(false), 0..4).prop_map(|f| json!({ "mode": "urlencoded", "urlencoded": f })),
        2 => vec(form_field(true), 0..4).prop_map(|f| json!({ "mode": "formdata", "formdata": f })),
        1 => select(vec![json!({ "src": "/tmp/upload.bin" }), json!({ "src": null }), json!({ "content": "bytes" })])
            .prop_map(|file| json!({ "mode": "file", "file": file })),
        1 => graphql(),
    ];
    prop_oneof![
        2 => Just(None),
        1 => Just(Some(Value::Null)),
        8 => (mode, proptest::bool::weighted(0.1)).prop_map(|(mut body, disabled)| {
            if disabled {
                body["disabled"] = json!(true);
            }
            Some(body)
        }),
    ]
    .boxed()
}

fn with_language(mut body: Value, language: &str) -> Value {
    if !language.is_empty() {
        body["options"] = json!({ "raw": { "language": language } });
    }
    body
}

/// A raw JSON body: any JSON (mostly objects), compact, pretty, or with comments and
/// a trailing comma (Postman accepts them), with or without `language: json`.
fn raw_json() -> BoxedStrategy<Value> {
    (json_value(), 0..3u8, select(vec!["json", ""]))
        .prop_map(|(value, style, language)| {
            let raw = match style {
                0 => value.to_string(),
                1 => serde_json::to_string_pretty(&value).unwrap_or_default(),
                _ => match value.to_string().strip_prefix('{') {
                    Some(rest) if rest != "}" => {
                        format!("{{\n  // a comment\n  {},\n}}", &rest[..rest.len() - 1])
                    }
                    _ => value.to_string(),
                },
            };
            with_language(json!({ "mode": "raw", "raw": raw }), language)
        })
        .boxed()
}

fn form_field(files: bool) -> BoxedStrategy<Value> {
    let text = (
        name(),
        select(VALUES),
        any::<bool>(),
        option::of(description()),
    )
        .prop_map(|(key, value, disabled, description)| {
            let mut f = json!({ "key": key, "value": value, "type": "text" });
            if disabled {
                f["disabled"] = json!(true);
            }
            if let Some(d) = description {
                f["description"] = d;
            }
            f
        });
    if !files {
        return text.boxed();
    }
    let file = (
        name(),
        select(vec![
            json!("/tmp/a.png"),
            json!(["/tmp/a.png", "/tmp/b.png"]),
            Value::Null,
        ]),
        any::<bool>(),
    )
        .prop_map(|(key, src, disabled)| {
            let mut f = json!({ "key": key, "src": src, "type": "file" });
            if disabled {
                f["disabled"] = json!(true);
            }
            f
        });
    prop_oneof![2 => text, 1 => file].boxed()
}

fn graphql() -> BoxedStrategy<Value> {
    (
        select(vec![
            "query { viewer { id } }",
            "mutation Add($n: Int) { add(n: $n) }",
            "",
        ]),
        prop_oneof![
            Just(None),
            json_value().prop_map(|v| Some(Value::from(v.to_string()))),
            json_value().prop_map(Some),
            Just(Some(Value::from("{not json"))),
        ],
    )
        .prop_map(|(query, variables)| {
            let mut g = json!({ "query": query });
            if let Some(v) = variables {
                g["variables"] = v;
            }
            json!({ "mode": "graphql", "graphql": g })
        })
        .boxed()
}

/// Keys of JSON objects: few, so that examples of one request share keys with
/// different types, and hostile.
fn key() -> BoxedStrategy<String> {
    prop_oneof![
        4 => select(vec![
            "id", "name", "type", "self", "extra", "Extra", "", "new", "client", "body", "data",
            "items", "error", "value", "1", "2", "a.b", "名前", "success", "status", "limit",
            "Request", "option", "string", "future", "part", "rror",
        ])
        .prop_map(str::to_owned),
        1 => name(),
    ]
    .boxed()
}

/// Any JSON: nested arrays and objects, nulls, numbers as numbers and as strings,
/// wide integers, and JSON inside strings.
pub fn json_value() -> BoxedStrategy<Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        (-3i64..1000).prop_map(Value::from),
        select(vec![
            json!(0.5),
            json!(-1.25),
            json!(1e21),
            json!(u64::MAX),
            json!(-9_007_199_254_740_993i64)
        ]),
        select(vec![
            "",
            "abc",
            "12",
            "0.50",
            "-7",
            "1",
            "0",
            "true",
            "2024-01-01",
            "名",
            "{\"a\": 1}",
            "[1, \"x\"]",
            "{"
        ])
        .prop_map(Value::from),
    ];
    leaf.prop_recursive(4, 24, 4, |inner| {
        prop_oneof![
            2 => vec(inner.clone(), 0..4).prop_map(Value::Array),
            3 => vec((key(), inner.clone()), 0..5).prop_map(|pairs| Value::Object(pairs.into_iter().collect::<Map<_, _>>())),
            1 => inner.prop_map(|v| Value::from(v.to_string())),
        ]
    })
    .boxed()
}

/// A saved example: JSON, text that is not JSON, empty or `null` bodies, statuses
/// that say success or failure or nothing.
fn example() -> BoxedStrategy<Value> {
    (
        name(),
        option::of(select(vec![
            200u16, 201, 204, 400, 401, 403, 404, 429, 500, 502,
        ])),
        prop_oneof![
            4 => json_value().prop_map(|v| Some(v.to_string())),
            1 => select(NOT_JSON_ANSWERS).prop_map(|s| Some(s.to_owned())),
            1 => Just(Some(String::new())),
            1 => Just(None),
        ],
        option::of(select(vec![
            "application/json",
            "text/plain; charset=utf-8",
            "text/html",
        ])),
        option::weighted(0.2, url_string()),
    )
        .prop_map(|(name, code, body, content_type, original)| {
            let mut e = json!({ "name": name, "body": body });
            if let Some(code) = code {
                e["code"] = json!(code);
                e["status"] = json!(if code < 400 { "OK" } else { "Error" });
            }
            if let Some(ct) = content_type {
                e["header"] = json!([{ "key": "Content-Type", "value": ct }]);
            }
            if let Some(url) = original {
                e["originalRequest"] = json!({ "method": "GET", "url": url });
            }
            e
        })
        .boxed()
}

/// Auth at a folder or request: an auth object, or `null` (inherit).
fn auth_or_null() -> BoxedStrategy<Value> {
    prop_oneof![4 => auth(), 1 => Just(Value::Null)].boxed()
}

/// An auth object of any kind, in the v2.1 form (lists of attributes).
fn auth() -> BoxedStrategy<Value> {
    (
        select(AUTH_KINDS),
        prop_oneof![
            select(vec!["X-API-Key", "api_key", "key", "Authorization"]).prop_map(str::to_owned),
            name(),
        ],
        select(vec!["header", "query"]),
        select(vec!["{{apiKey}}", "literal-secret", ""]),
    )
        .prop_map(|(kind, key_name, place, secret)| {
            let attributes: Vec<(&str, String)> = match kind {
                "apikey" => vec![
                    ("key", key_name),
                    ("value", secret.into()),
                    ("in", place.into()),
                ],
                "bearer" => vec![("token", secret.into())],
                "basic" | "digest" | "ntlm" => {
                    vec![("username", "user".into()), ("password", secret.into())]
                }
                "oauth2" => vec![
                    ("accessToken", secret.into()),
                    ("addTokenTo", "header".into()),
                ],
                "oauth1" => vec![
                    ("consumerKey", "ck".into()),
                    ("consumerSecret", secret.into()),
                ],
                "hawk" => vec![("authId", "id".into()), ("authKey", secret.into())],
                "awsv4" => vec![("accessKey", "ak".into()), ("secretKey", secret.into())],
                "edgegrid" => vec![("accessToken", secret.into()), ("clientToken", "ct".into())],
                _ => Vec::new(),
            };
            let mut auth = json!({ "type": kind });
            if kind != "noauth" {
                auth[kind] = attributes
                    .into_iter()
                    .map(|(k, v)| json!({ "key": k, "value": v, "type": "string" }))
                    .collect();
            }
            auth
        })
        .boxed()
}

/// Rewrites a collection in the v2.1 form to v2.0: auth attributes become maps.
fn to_v20(value: &mut Value) {
    match value {
        Value::Object(map) => {
            if let Some(Value::String(kind)) = map.get("type").cloned()
                && AUTH_KINDS.contains(&kind.as_str())
                && let Some(Value::Array(attributes)) = map.get(&kind).cloned()
            {
                let as_map: Map<String, Value> = attributes
                    .iter()
                    .map(|a| {
                        (
                            a["key"].as_str().unwrap_or_default().to_owned(),
                            a["value"].clone(),
                        )
                    })
                    .collect();
                map.insert(kind, Value::Object(as_map));
            }
            map.values_mut().for_each(to_v20);
        }
        Value::Array(items) => items.iter_mut().for_each(to_v20),
        _ => {}
    }
}
