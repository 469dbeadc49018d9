//! Running a fixture's wire program against a local server that answers every
//! operation with its first saved success example, and what each program must put
//! on the wire.

use codegen::model::ResponseKind;
use codegen::model::{Location, Operation};
use serde_json::{Value, json};
use smspool_tests::form_fields;
use wiremock::matchers::{body_string_contains, method, path_regex, query_param};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

use crate::build::{Corpus, Fixture};

/// The key the wire programs use (see `tests/fixtures/wire/*.rs`).
pub const KEY: &str = "wire-test-key";

/// Runs `fixture`'s wire program and returns the requests that arrived, in order.
pub async fn run(corpus: &Corpus, fixture: &Fixture) -> Vec<Request> {
    let server = MockServer::start().await;
    for op in fixture.api.root.all_operations() {
        // Operations on one method and path (an action-style API) differ by their
        // fixed parameters.
        let mut mock =
            Mock::given(method(op.method.as_str())).and(path_regex(path_pattern(&op.path)));
        for fixed in &op.fixed_params {
            mock = match fixed.location {
                Location::Query => mock.and(query_param(fixed.wire.as_str(), fixed.value.as_str())),
                _ => mock.and(body_string_contains(format!(
                    "{}={}",
                    fixed.wire, fixed.value
                ))),
            };
        }
        mock.respond_with(answer(op)).mount(&server).await;
    }
    let program = corpus.wire_program(&fixture.name);
    let base = server.uri();
    let output = tokio::task::spawn_blocking(move || {
        std::process::Command::new(&program)
            .env("BASE_URL", base)
            .output()
    })
    .await
    .expect("the program's thread ends")
    .expect("the wire program runs");
    assert!(
        output.status.success(),
        "wire program of {} failed:\n{}",
        fixture.name,
        String::from_utf8_lossy(&output.stderr)
    );
    server
        .received_requests()
        .await
        .expect("requests are recorded")
}

/// `/users/{id}/posts` → `^/users/[^/]+/posts$`.
fn path_pattern(template: &str) -> String {
    let mut out = String::from("^");
    for segment in template.split('/').filter(|s| !s.is_empty()) {
        out.push('/');
        if segment.starts_with('{') && segment.ends_with('}') {
            out.push_str("[^/]+");
        } else {
            out.push_str(&regex_escape(segment));
        }
    }
    if out == "^" {
        out.push('/');
    }
    out.push('$');
    out
}

fn regex_escape(text: &str) -> String {
    text.chars()
        .flat_map(|c| {
            let special = "\\.+*?()|[]{}^$#&-~".contains(c);
            special
                .then_some('\\')
                .into_iter()
                .chain(std::iter::once(c))
        })
        .collect()
}

/// The operation's first saved success example, else an answer its type accepts.
fn answer(op: &Operation) -> ResponseTemplate {
    let example = op
        .examples
        .iter()
        .find(|e| op.response.successes.contains(&e.name));
    match example {
        Some(e) => {
            let mut template =
                ResponseTemplate::new(e.status.unwrap_or(200)).set_body_bytes(e.body.clone());
            for (name, value) in e
                .headers
                .iter()
                .filter(|(n, _)| n.eq_ignore_ascii_case("content-type"))
            {
                template = template.insert_header(name.as_str(), value.as_str());
            }
            template
        }
        None => match op.response.kind {
            ResponseKind::Text | ResponseKind::Empty => ResponseTemplate::new(200),
            _ => ResponseTemplate::new(200).set_body_raw("{}", "application/json"),
        },
    }
}

fn header<'r>(request: &'r Request, name: &str) -> Option<&'r str> {
    request.headers.get(name).and_then(|v| v.to_str().ok())
}

fn query(request: &Request) -> Vec<(String, String)> {
    request.url.query_pairs().into_owned().collect()
}

fn pairs(expected: &[(&str, &str)]) -> Vec<(String, String)> {
    expected
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect()
}

/// Method and path (as sent, percent-encoding kept) of every request.
fn lines(requests: &[Request]) -> Vec<String> {
    requests
        .iter()
        .map(|r| format!("{} {}", r.method, r.url.path()))
        .collect()
}

fn json_body(request: &Request) -> Value {
    serde_json::from_slice(&request.body).expect("the body is JSON")
}

fn bearer() -> String {
    format!("Bearer {KEY}")
}

/// Checks what `fixture`'s wire program sent.
pub fn check(fixture: &str, r: &[Request]) {
    match fixture {
        "auth_inheritance" => {
            assert_eq!(lines(r), ["GET /me", "GET /status", "GET /keyed"]);
            assert_eq!(header(&r[0], "authorization"), Some(bearer().as_str()));
            assert_eq!(header(&r[1], "authorization"), None, "noauth folder");
            assert_eq!(
                header(&r[2], "x-api-key"),
                Some(KEY),
                "API key header on the request"
            );
            assert_eq!(header(&r[2], "authorization"), None);
        }
        "auth_schemes" => {
            assert_eq!(
                lines(r),
                [
                    "GET /basic",
                    "GET /bearer",
                    "GET /header",
                    "GET /query",
                    "GET /public"
                ]
            );
            // base64("ada:s3cret")
            assert_eq!(
                header(&r[0], "authorization"),
                Some("Basic YWRhOnMzY3JldA==")
            );
            assert_eq!(header(&r[1], "authorization"), Some("Bearer ada:s3cret"));
            assert_eq!(header(&r[2], "x-api-key"), Some("ada:s3cret"));
            assert_eq!(
                query(&r[3]),
                pairs(&[("page", "2"), ("api_key", "ada:s3cret")])
            );
            assert_eq!(header(&r[3], "authorization"), None);
            assert_eq!(header(&r[4], "authorization"), None);
        }
        "auth_unsupported" => {
            assert_eq!(lines(r), ["GET /oauth2", "GET /digest"]);
            for request in r {
                assert_eq!(
                    header(request, "authorization"),
                    Some("Bearer oauth-token-from-elsewhere")
                );
            }
        }
        "binary_body" => {
            assert_eq!(lines(r), ["PUT /bucket/object.bin"]);
            assert_eq!(r[0].body, [0u8, 1, 2, 255]);
            assert_eq!(
                header(&r[0], "content-type"),
                Some("application/octet-stream")
            );
        }
        "deep_nesting" => {
            assert_eq!(lines(r), ["GET /root", "POST /1/2/3/4/5"]);
            assert_eq!(form_fields(&r[1].body), pairs(&[("depth", "5")]));
        }
        "digit_names" => {
            assert_eq!(lines(r), ["POST /lookup"]);
            assert_eq!(query(&r[0]), pairs(&[("123", "a"), ("2", "c")]));
            assert_eq!(form_fields(&r[0].body), pairs(&[("4", "b")]));
        }
        "emitted_names" => {
            assert_eq!(
                lines(r),
                ["POST /accounts", "GET /accounts/client", "POST /upload"]
            );
            assert_eq!(query(&r[2]), pairs(&[("body", "draft"), ("new", "1")]));
            assert_eq!(json_body(&r[2]), json!({"title": "x"}));
        }
        "folders_of_folders" => assert_eq!(lines(r), ["GET /ping"]),
        "form_params" => {
            assert_eq!(lines(r), ["POST /orders/place", "GET /products"]);
            assert_eq!(header(&r[0], "authorization"), Some(bearer().as_str()));
            assert_eq!(
                header(&r[0], "content-type"),
                Some("application/x-www-form-urlencoded")
            );
            assert_eq!(
                form_fields(&r[0].body),
                pairs(&[("product", "42"), ("gift", "yes"), ("key", KEY)]),
                "the `{{{{apikey}}}}` field carries the key; unset optional fields are not sent"
            );
            assert_eq!(
                query(&r[1]),
                pairs(&[("category", "tools")]),
                "a GET form body goes in the query"
            );
            assert!(r[1].body.is_empty());
        }
        "fuzz_clippy_large_enum_variant_2026_2" => assert_eq!(lines(r), ["GET /"]),
        "fuzz_e0530_2026_10" => assert_eq!(lines(r), ["GET /"]),
        "fuzz_non_camel_case_types_1_567" => assert_eq!(lines(r), ["GET /"]),
        "fuzz_non_camel_case_types_2028_1925" => assert_eq!(lines(r), ["GET /"]),
        "graphql" => {
            assert_eq!(lines(r), ["POST /graphql"]);
            assert_eq!(header(&r[0], "content-type"), Some("application/json"));
            let body = json_body(&r[0]);
            assert!(
                body["query"]
                    .as_str()
                    .is_some_and(|q| q.starts_with("query Viewer"))
            );
            assert_eq!(body["variables"], json!({"first": 3}));
        }
        "inference" => assert_eq!(lines(r), ["POST /order", "POST /untested"]),
        "json_in_strings" => {
            assert_eq!(lines(r), ["POST /search"]);
            assert_eq!(
                json_body(&r[0]),
                json!({"filter": "{\"status\":1,\"tags\":[\"a\"]}", "ids": "[1,2]", "name": "x"})
            );
        }
        "methods" => {
            assert_eq!(
                lines(r),
                [
                    "GET /items",
                    "PURGE /items/one",
                    "PROPFIND /dav/folder",
                    "HEAD /items",
                    "OPTIONS /items",
                    "DELETE /items/one",
                    "PATCH /items/one",
                    "GET /default",
                ]
            );
            assert_eq!(header(&r[2], "depth"), Some("1"), "a constant header");
            assert_eq!(json_body(&r[6]), json!({"ttl": 60}));
        }
        "module_inception" => assert_eq!(lines(r), ["GET /"]),
        "multipart_files" => {
            assert_eq!(lines(r), ["POST /avatars"]);
            let content_type = header(&r[0], "content-type").unwrap_or_default();
            assert!(
                content_type.starts_with("multipart/form-data; boundary="),
                "{content_type}"
            );
            let body = String::from_utf8_lossy(&r[0].body);
            assert!(body.contains("name=\"user\"\r\n\r\n42\r\n"), "{body}");
            assert!(body.contains("name=\"avatar\"; filename=\"me.png\"\r\nContent-Type: image/png\r\n\r\n\u{fffd}PNG-bytes"), "{body}");
            assert!(body.contains("name=\"caption\"\r\n\r\nhello\r\n"), "{body}");
            assert!(
                !body.contains("thumbnail"),
                "an unset optional file is not sent"
            );
        }
        "nested_folders" => assert_eq!(
            lines(r),
            [
                "GET /ping",
                "GET /business/users",
                "POST /business/user/update",
                "POST /business/user/type"
            ]
        ),
        "non_json_examples" => assert_eq!(
            lines(r),
            ["GET /", "GET /feed.xml", "POST /ping", "GET /status"]
        ),
        "odd_names" => {
            assert_eq!(
                lines(r),
                [
                    "GET /empty",
                    "GET /get2",
                    "POST /2fa",
                    "GET /zh",
                    "GET /type",
                    "GET /in-self",
                    "GET /numbers",
                    "POST /keys"
                ]
            );
            assert_eq!(
                query(&r[7]),
                pairs(&[("a[b]", "1"), ("a.b", "2"), ("$x", "3"), ("type", "4")])
            );
            assert_eq!(
                form_fields(&r[7].body),
                pairs(&[
                    ("self", "s"),
                    ("crate", "c"),
                    ("a[b]", "30"),
                    ("a.b", "40"),
                    ("$x", "50"),
                    ("2fa", "2"),
                    ("名前", "名"),
                    ("naïve", "é"),
                ]),
                "wire names are kept exactly (values of the same names in the query and the form
                 are integers, so these are too)"
            );
        }
        "path_variables" => assert_eq!(
            lines(r),
            [
                "GET /users/42/posts/seven%2F8",
                "GET /shop/items/i-1",
                "GET /outlet/items/i-2",
                "GET /t/acme/settings",
            ],
            "path values are percent-encoded; variables with defaults fill in when not set"
        ),
        "query_headers" => {
            assert_eq!(lines(r), ["GET /search"]);
            assert_eq!(
                query(&r[0]),
                pairs(&[
                    ("q", "rust lang"),
                    ("page", "2"),
                    ("tags[]", "a&b"),
                    ("sort", "desc")
                ])
            );
            assert_eq!(header(&r[0], "accept"), Some("application/json"));
            assert_eq!(header(&r[0], "x-request-id"), Some("req-1"));
            assert_eq!(
                header(&r[0], "accept-language"),
                Some("en"),
                "the variable's default"
            );
            assert_eq!(
                header(&r[0], "x-debug"),
                Some("1"),
                "a disabled header, set"
            );
            assert_eq!(
                header(&r[0], "authorization"),
                Some(bearer().as_str()),
                "the Authorization header is auth"
            );
        }
        "raw_json" => {
            assert_eq!(lines(r), ["POST /users", "POST /import"]);
            let user = json_body(&r[0]);
            assert_eq!(user["name"], "Ada");
            assert_eq!(user["age"], 36);
            assert_eq!(user["address"]["city"], "London");
            assert_eq!(user["tags"], json!(["math"]));
            assert_eq!(r[1].body, b"{ not json");
            assert_eq!(header(&r[1], "content-type"), Some("application/json"));
        }
        "raw_text_xml" => {
            assert_eq!(lines(r), ["POST /notes", "POST /orders"]);
            assert_eq!(r[0].body, b"remember the milk");
            assert_eq!(header(&r[0], "content-type"), Some("text/plain"));
            assert_eq!(r[1].body, b"<order><id>2</id></order>");
            assert_eq!(header(&r[1], "content-type"), Some("application/xml"));
        }
        "tabs_in_docs" => {
            // Tabs are spaces in the docs only: the wire keeps them.
            assert_eq!(lines(r), ["GET /find"]);
            assert_eq!(query(&r[0]), pairs(&[("q\t", "1")]));
        }
        "taken_module_names" => assert_eq!(
            lines(r),
            [
                "GET /serde",
                "GET /serde/std",
                "GET /runtime",
                "GET /lenient",
                "GET /main",
                "GET /bin/tool",
                "GET /lib",
                "GET /status"
            ]
        ),
        "taken_static_names" => {
            assert_eq!(lines(r), ["GET /profile", "GET /users/profile"]);
        }
        "taken_type_names" => {
            assert_eq!(
                lines(r),
                [
                    "GET /value",
                    "GET /result",
                    "GET /box",
                    "GET /into-future",
                    "GET /error",
                    "POST /purchase",
                    "GET /get-2",
                    "GET /get2",
                    "GET /rate",
                    "GET /api"
                ]
            );
            assert_eq!(query(&r[6]), pairs(&[("page", "2")]));
        }
        "text_answers" => {
            assert_eq!(lines(r), ["GET /ping", "POST /do", "POST /do"]);
            assert_eq!(
                query(&r[0]),
                pairs(&[("format", "text")]),
                "a fixed parameter"
            );
            assert_eq!(
                form_fields(&r[1].body),
                pairs(&[
                    ("cmd", "start"),
                    ("priority", "2"),
                    ("mode", "fast"),
                    ("token", KEY)
                ]),
                "enum parameters send their code (or name); the key goes in its form field"
            );
            assert_eq!(
                form_fields(&r[2].body),
                pairs(&[("cmd", "state"), ("job", "17"), ("token", KEY)])
            );
        }
        "urlencoded" => {
            assert_eq!(lines(r), ["POST /oauth/token"]);
            assert_eq!(
                form_fields(&r[0].body),
                pairs(&[
                    ("grant_type", "client_credentials"),
                    ("scope", "read write"),
                    ("audience", "api")
                ])
            );
        }
        "v20_requests" => {
            assert_eq!(lines(r), ["GET /status", "POST /form"]);
            assert_eq!(form_fields(&r[1].body), pairs(&[("a", "1")]));
            assert_eq!(
                header(&r[1], "authorization"),
                Some(bearer().as_str()),
                "v2.0 bearer map"
            );
        }
        "v20_schema" => {
            assert_eq!(lines(r), ["GET /users/7"]);
            assert_eq!(query(&r[0]), pairs(&[("verbose", "true")]));
            // base64("ada:pw")
            assert_eq!(header(&r[0], "authorization"), Some("Basic YWRhOnB3"));
            assert_eq!(header(&r[0], "accept"), Some("application/json"));
            assert_eq!(header(&r[0], "x-trace"), Some("trace-1"));
        }
        "variables" => {
            assert_eq!(lines(r), ["GET /v3/things", "GET /ping"]);
            assert_eq!(query(&r[0]), pairs(&[("limit", "10")]));
        }
        other => panic!("no expectations for fixture {other}: add them to tests/corpus/wire.rs"),
    }
}
