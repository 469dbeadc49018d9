//! The SMS-Activate compatible API (`client.activate()`, `/stubs/handler_api`) against
//! a real HTTP server on 127.0.0.1: every answer of every action, documented or
//! malformed, gives the right typed value or typed error, and the request on the wire
//! is right.

use std::time::Duration;

use postgen_runtime::rust_decimal::Decimal;
use smspool::activate::{
    ErrorAnswer, GetNumberAnswer, GetStatusAnswer, IdSetting, SetStatusAnswer, StatusChange,
};
use smspool::{Client, Error, RetryPolicy};
use smspool_tests::{form_fields, read};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

const KEY: &str = "k3y-0123456789abcdef0123456789ab";
const PATH: &str = "/stubs/handler_api";

fn client(server: &MockServer) -> Client {
    client_with(server, RetryPolicy::none())
}

fn client_with(server: &MockServer, retry: RetryPolicy) -> Client {
    Client::builder(KEY)
        .base_url(server.uri())
        .retry(retry)
        .timeout(Duration::from_secs(5))
        .build()
        .expect("client builds")
}

/// Answers every request to the endpoint with `status` and `body` (as text).
async fn answer(server: &MockServer, status: u16, body: impl Into<Vec<u8>>) {
    server.reset().await;
    Mock::given(method("POST"))
        .and(path(PATH))
        .respond_with(
            ResponseTemplate::new(status).set_body_raw(body.into(), "text/plain; charset=utf-8"),
        )
        .mount(server)
        .await;
}

async fn last_request(server: &MockServer) -> Request {
    server
        .received_requests()
        .await
        .expect("recording is on")
        .pop()
        .expect("a request arrived")
}

/// The four actions, called with fixed arguments; the value as its `Debug` text.
const ACTIONS: [&str; 4] = ["getBalance", "getNumber", "getStatus", "setStatus"];

async fn call(client: &Client, action: &str) -> Result<String, Error> {
    let a = client.activate();
    match action {
        "getBalance" => a.get_balance().await.map(|v| format!("{v:?}")),
        "getNumber" => a.get_number("tg", 0).await.map(|v| format!("{v:?}")),
        "getStatus" => a.get_status("123456789").await.map(|v| format!("{v:?}")),
        "setStatus" => a
            .set_status("123456789", StatusChange::Cancel)
            .await
            .map(|v| format!("{v:?}")),
        other => panic!("no action {other}"),
    }
}

fn decimal(text: &str) -> Decimal {
    text.parse().expect("a decimal")
}

/// Everything an error shows: it must never contain the key.
fn assert_no_key(error: &Error) {
    let shown = format!("{error} {error:?}");
    let body = error.api_error().map(|e| format!("{:?}", e.extra()));
    assert!(!shown.contains(KEY), "the key leaked: {shown}");
    assert!(!body.unwrap_or_default().contains(KEY));
}

#[tokio::test]
async fn requests_are_posts_with_the_action_and_the_key_in_the_body() {
    let server = MockServer::start().await;
    let client = client(&server);
    let expected_fields: [(&str, &[(&str, &str)]); 4] = [
        ("getBalance", &[("action", "getBalance")]),
        (
            "getNumber",
            &[("action", "getNumber"), ("service", "tg"), ("country", "0")],
        ),
        ("getStatus", &[("action", "getStatus"), ("id", "123456789")]),
        (
            "setStatus",
            &[
                ("action", "setStatus"),
                ("id", "123456789"),
                ("status", "8"),
            ],
        ),
    ];
    for (action, fields) in expected_fields {
        answer(&server, 200, "BAD_ACTION").await;
        let _ = call(&client, action).await;
        let request = last_request(&server).await;
        assert_eq!(request.method.as_str(), "POST", "{action}");
        assert_eq!(request.url.path(), PATH, "{action}");
        assert_eq!(
            request.url.query(),
            None,
            "{action}: nothing travels in the URL"
        );
        assert!(!request.url.as_str().contains(KEY));
        assert!(
            request.headers.get("authorization").is_none(),
            "{action}: the protocol's key is the api_key field, not a header"
        );
        assert_eq!(
            request
                .headers
                .get("content-type")
                .and_then(|v| v.to_str().ok()),
            Some("application/x-www-form-urlencoded")
        );
        let mut want: Vec<(String, String)> = fields
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
        want.push(("api_key".to_owned(), KEY.to_owned()));
        assert_eq!(form_fields(&request.body), want, "{action}");
    }
}

#[tokio::test]
async fn get_number_sends_optional_parameters_and_setting_only_when_asked() {
    let server = MockServer::start().await;
    let client = client(&server);
    answer(&server, 200, "ACCESS_NUMBER:987:12025550123").await;

    let number: GetNumberAnswer = client
        .activate()
        .get_number(1, "US")
        .pool("Foxtrot")
        .max_price(smspool::Decimal::new(50, 2))
        .setting(IdSetting::Smspool)
        .await
        .expect("a number");
    assert_eq!(
        (number.id.as_str(), number.number.as_str()),
        ("987", "12025550123")
    );
    let fields = form_fields(&last_request(&server).await.body);
    let get = |name: &str| {
        fields
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    };
    assert_eq!(get("service"), Some("1"));
    assert_eq!(get("country"), Some("US"));
    assert_eq!(get("pool"), Some("Foxtrot"));
    assert_eq!(get("maxPrice"), Some("0.50"));
    assert_eq!(get("setting"), Some("smspool"));

    client
        .activate()
        .get_number("tg", 0)
        .await
        .expect("a number");
    let fields = form_fields(&last_request(&server).await.body);
    let names: Vec<&str> = fields.iter().map(|(k, _)| k.as_str()).collect();
    assert_eq!(names, ["action", "service", "country", "api_key"]);
}

#[tokio::test]
async fn set_status_sends_the_code_of_each_change() {
    let server = MockServer::start().await;
    let client = client(&server);
    answer(&server, 200, "ACCESS_READY").await;
    for (change, code) in [
        (StatusChange::Ready, "1"),
        (StatusChange::Retry, "3"),
        (StatusChange::Complete, "6"),
        (StatusChange::Cancel, "8"),
    ] {
        client
            .activate()
            .set_status("42", change.clone())
            .await
            .expect("answered");
        let fields = form_fields(&last_request(&server).await.body);
        assert!(
            fields.contains(&("status".to_owned(), code.to_owned())),
            "{change:?}: {fields:?}"
        );
    }
}

#[tokio::test]
async fn every_success_answer_is_typed() {
    let server = MockServer::start().await;
    let client = client(&server);
    let a = client.activate();

    answer(&server, 200, "ACCESS_BALANCE:12.50").await;
    assert_eq!(
        a.get_balance().await.expect("balance").balance,
        decimal("12.50")
    );
    answer(&server, 200, "ACCESS_BALANCE:0").await;
    assert_eq!(
        a.get_balance().await.expect("balance").balance,
        decimal("0")
    );

    answer(&server, 200, "ACCESS_NUMBER:123456789:79001234567\n").await;
    let number = a.get_number("tg", 0).await.expect("number");
    assert_eq!(number.id, "123456789");
    assert_eq!(number.number, "79001234567");

    for (body, want) in [
        ("STATUS_WAIT_CODE", GetStatusAnswer::WaitCode),
        (
            "STATUS_WAIT_RETRY:482913",
            GetStatusAnswer::WaitRetry {
                code: "482913".into(),
            },
        ),
        ("STATUS_WAIT_RESEND", GetStatusAnswer::WaitResend),
        ("STATUS_CANCEL", GetStatusAnswer::Cancel),
        (
            "STATUS_OK:Your code is 4829",
            GetStatusAnswer::Ok {
                code: "Your code is 4829".into(),
            },
        ),
    ] {
        answer(&server, 200, body).await;
        assert_eq!(a.get_status("1").await.expect(body), want, "{body}");
    }

    for (body, want) in [
        ("ACCESS_READY", SetStatusAnswer::Ready),
        ("ACCESS_RETRY_GET", SetStatusAnswer::RetryGet),
        ("ACCESS_ACTIVATION", SetStatusAnswer::Activation),
        ("ACCESS_CANCEL", SetStatusAnswer::Cancel),
    ] {
        answer(&server, 200, body).await;
        let got = a.set_status("1", StatusChange::Ready).await.expect(body);
        assert_eq!(got, want, "{body}");
    }
}

/// Every documented error answer, from every action: `Error::Api` with the code as
/// its type and the text as its body (`Error::InvalidApiKey` for `BAD_KEY`), read back
/// by `ErrorAnswer::from_error`.
#[tokio::test]
async fn every_error_answer_from_every_action_is_a_typed_error() {
    let server = MockServer::start().await;
    let client = client(&server);
    let errors = [
        ("BAD_KEY", ErrorAnswer::BadKey),
        ("BAD_ACTION", ErrorAnswer::BadAction),
        ("ERROR_SQL", ErrorAnswer::ErrorSql),
        ("NO_NUMBERS", ErrorAnswer::NoNumbers),
        ("NO_BALANCE", ErrorAnswer::NoBalance),
        ("BAD_SERVICE", ErrorAnswer::BadService),
        (
            "WRONG_MAX_PRICE:0.35",
            ErrorAnswer::WrongMaxPrice {
                min: decimal("0.35"),
            },
        ),
        (
            "BANNED:2026-01-31 12:00:00",
            ErrorAnswer::Banned {
                until: "2026-01-31 12:00:00".into(),
            },
        ),
        ("NO_ACTIVATION", ErrorAnswer::NoActivation),
        ("BAD_STATUS", ErrorAnswer::BadStatus),
        ("EARLY_CANCEL_DENIED", ErrorAnswer::EarlyCancelDenied),
    ];
    for action in ACTIONS {
        for (body, want) in &errors {
            answer(&server, 200, *body).await;
            let error = call(&client, action).await.expect_err(body);
            let code = want.code();
            assert_eq!(
                error.is_invalid_api_key(),
                code == "BAD_KEY",
                "{action} {body}: {error}"
            );
            if code != "BAD_KEY" {
                assert!(matches!(error, Error::Api(_)), "{action} {body}: {error:?}");
            }
            let api = error.api_error().expect("an API error");
            assert_eq!(api.error_type(), Some(code));
            assert_eq!(api.body(), *body);
            assert_eq!(api.status().as_u16(), 200);
            assert!(!api.message().is_empty());
            assert_eq!(ErrorAnswer::from_error(&error).as_ref(), Some(want));
            assert_no_key(&error);
        }
    }
    answer(&server, 200, "WRONG_MAX_PRICE:0.35").await;
    let error = call(&client, "getNumber").await.expect_err("an error");
    let extra = error.api_error().expect("API error").extra();
    assert_eq!(extra.get("min").and_then(|v| v.as_str()), Some("0.35"));
    assert!(error.to_string().contains("WRONG_MAX_PRICE"), "{error}");
}

/// What the server sends that no answer describes, for every action: a decode error
/// that keeps the text, never a panic.
#[tokio::test]
async fn unknown_and_malformed_answers_are_decode_errors_that_keep_the_text() {
    let server = MockServer::start().await;
    let client = client(&server);
    let html = "<!DOCTYPE html><html><body><h1>502 Bad Gateway</h1></body></html>";
    let unknown = [
        ("", "empty body"),
        ("   \n", "empty body"),
        ("SOMETHING_NEW", "SOMETHING_NEW"),
        ("ACCESS_NUMBERS:1:2", "ACCESS_NUMBERS"),
        (html, "502 Bad Gateway"),
        ("[1, 2]", "[1, 2]"),
    ];
    for action in ACTIONS {
        for (body, shown) in unknown {
            answer(&server, 200, body).await;
            let error = call(&client, action).await.expect_err(body);
            let Error::Decode(decode) = &error else {
                panic!("{action} {body:?}: expected a decode error, got {error:?}");
            };
            assert_eq!(decode.body(), body, "the text is kept");
            assert_eq!(decode.status().as_u16(), 200);
            let text = error.to_string();
            assert!(
                text.contains("not an answer this operation documents"),
                "{text}"
            );
            assert!(text.contains(shown), "{text}");
            assert_eq!(ErrorAnswer::from_error(&error), None);
        }
    }
    // Another action's success answer is not this action's.
    answer(&server, 200, "ACCESS_READY").await;
    let error = call(&client, "getStatus").await.expect_err("not a status");
    assert!(matches!(error, Error::Decode(_)), "{error:?}");

    answer(&server, 200, vec![0xff, 0xfe, b'A']).await;
    let error = call(&client, "getBalance").await.expect_err("not UTF-8");
    assert!(error.to_string().contains("not UTF-8"), "{error}");
}

#[tokio::test]
async fn known_answers_with_missing_or_bad_fields_say_what_is_wrong() {
    let server = MockServer::start().await;
    let client = client(&server);
    let cases = [
        (
            "getNumber",
            "ACCESS_NUMBER:123",
            "does not fit `ACCESS_NUMBER:{id}:{number}`",
        ),
        ("getNumber", "ACCESS_NUMBER::79001234567", "does not fit"),
        ("getNumber", "ACCESS_NUMBER:123:", "does not fit"),
        ("getNumber", "ACCESS_NUMBER", "does not fit"),
        ("getBalance", "ACCESS_BALANCE:", "does not fit"),
        (
            "getBalance",
            "ACCESS_BALANCE:lots",
            "`balance` field of the `ACCESS_BALANCE` answer is not a decimal",
        ),
        ("getStatus", "STATUS_OK", "does not fit `STATUS_OK:{code}`"),
        (
            "getStatus",
            "STATUS_WAIT_CODE:1",
            "does not fit `STATUS_WAIT_CODE`",
        ),
        ("setStatus", "ACCESS_READY:now", "does not fit"),
    ];
    for (action, body, reason) in cases {
        answer(&server, 200, body).await;
        let error = call(&client, action).await.expect_err(body);
        let Error::Decode(decode) = &error else {
            panic!("{action} {body:?}: expected a decode error, got {error:?}");
        };
        assert_eq!(decode.body(), body);
        assert!(
            error.to_string().contains(reason),
            "{action} {body}: {error}"
        );
    }
    // An error answer whose field does not parse is still that error; the typed
    // reading is not available.
    answer(&server, 200, "WRONG_MAX_PRICE:cheap").await;
    let error = call(&client, "getNumber").await.expect_err("an error");
    assert_eq!(
        error.api_error().and_then(|e| e.error_type()),
        Some("WRONG_MAX_PRICE")
    );
    assert_eq!(ErrorAnswer::from_error(&error), None);
}

#[tokio::test]
async fn http_errors_and_json_error_bodies_are_errors_too() {
    let server = MockServer::start().await;
    let client = client(&server);

    answer(&server, 502, "<html><h1>502 Bad Gateway</h1></html>").await;
    let error = call(&client, "getStatus").await.expect_err("a 502");
    assert!(matches!(error, Error::Decode(_)), "{error:?}");
    assert_eq!(error.status().map(|s| s.as_u16()), Some(502));

    answer(&server, 500, "ERROR_SQL").await;
    let error = call(&client, "getBalance").await.expect_err("a 500");
    assert_eq!(
        error.api_error().and_then(|e| e.error_type()),
        Some("ERROR_SQL")
    );
    assert_eq!(error.status().map(|s| s.as_u16()), Some(500));

    answer(&server, 401, "BAD_KEY").await;
    assert!(
        call(&client, "getBalance")
            .await
            .expect_err("401")
            .is_invalid_api_key()
    );

    answer(&server, 400, "ACCESS_BALANCE:1.00").await;
    let error = call(&client, "getBalance")
        .await
        .expect_err("a success text with 400");
    assert_eq!(error.status().map(|s| s.as_u16()), Some(400));

    answer(&server, 429, "").await;
    let error = call(&client, "getBalance").await.expect_err("429");
    assert!(matches!(error, Error::RateLimited { .. }), "{error:?}");

    // SMSPool's own JSON error convention still applies.
    answer(&server, 200, r#"{"success":0,"message":"Invalid API key"}"#).await;
    match call(&client, "getNumber").await {
        Err(Error::Api(e)) => assert_eq!(e.message(), "Invalid API key"),
        other => panic!("expected an API error, got {other:?}"),
    }
}

#[tokio::test]
async fn an_echoed_key_is_redacted_from_every_error() {
    let server = MockServer::start().await;
    let client = client(&server);
    for body in [
        format!("BANNED:{KEY}"),
        format!("UNKNOWN_ANSWER {KEY}"),
        format!("ACCESS_BALANCE:{KEY}"),
        format!("<html>{KEY}</html>"),
    ] {
        answer(&server, 200, body.clone()).await;
        let error = call(&client, "getBalance").await.expect_err(&body);
        assert_no_key(&error);
        let kept = error
            .api_error()
            .map(|e| e.body().to_owned())
            .or_else(|| match &error {
                Error::Decode(d) => Some(d.body().to_owned()),
                _ => None,
            })
            .expect("the body is kept");
        assert!(kept.contains("<redacted>"), "{kept}");
    }
}

/// getNumber spends money: a 503 is never retried. getStatus only reads: it is.
#[tokio::test]
async fn paid_get_number_is_never_retried_read_only_get_status_is() {
    let server = MockServer::start().await;
    let retry = RetryPolicy::default()
        .min_delay(Duration::from_millis(1))
        .max_delay(Duration::from_millis(5))
        .jitter(false);
    let client = client_with(&server, retry);
    Mock::given(method("POST"))
        .and(path(PATH))
        .respond_with(ResponseTemplate::new(503).set_body_raw("", "text/plain"))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path(PATH))
        .respond_with(ResponseTemplate::new(200).set_body_raw("STATUS_WAIT_CODE", "text/plain"))
        .mount(&server)
        .await;
    let status = client.activate().get_status("1").await.expect("retried");
    assert_eq!(status, GetStatusAnswer::WaitCode);
    assert_eq!(server.received_requests().await.expect("recorded").len(), 2);

    server.reset().await;
    Mock::given(method("POST"))
        .and(path(PATH))
        .respond_with(ResponseTemplate::new(503).set_body_raw("", "text/plain"))
        .mount(&server)
        .await;
    let error = client
        .activate()
        .get_number("tg", 0)
        .await
        .expect_err("503");
    assert_eq!(error.status().map(|s| s.as_u16()), Some(503));
    assert_eq!(
        server.received_requests().await.expect("recorded").len(),
        1,
        "a paid call is sent once"
    );
}

/// Every saved example of our collection, served by name by the crate's mock, which
/// routes each request to its action by the `action` it sends: success examples
/// decode, error examples are the error answer their name says.
#[tokio::test]
async fn every_saved_example_replays() {
    let collection: serde_json::Value =
        serde_json::from_str(&read("collection/sms-activate.postman_collection.json"))
            .expect("JSON");
    let mock = smspool::mock::Server::start().await;
    let client = Client::builder(KEY)
        .base_url(mock.url())
        .retry(RetryPolicy::none())
        .build()
        .expect("client builds");
    let mut replayed = 0;
    for item in collection["item"].as_array().expect("items") {
        let action = item["name"].as_str().expect("a name");
        let operation = match action {
            "getBalance" => "activate::get_balance",
            "getNumber" => "activate::get_number",
            "getStatus" => "activate::get_status",
            "setStatus" => "activate::set_status",
            other => panic!("no action {other}"),
        };
        for example in item["response"].as_array().expect("examples") {
            let name = example["name"].as_str().expect("a name");
            mock.serve_saved(operation, name)
                .expect("the mock has the example");
            mock.clear_journal();
            match call(&client, action).await {
                Ok(value) => assert!(
                    name.starts_with("ACCESS_") || name.starts_with("STATUS_"),
                    "{action} {name}: an error example decoded as {value}"
                ),
                Err(error) => {
                    let typed = ErrorAnswer::from_error(&error)
                        .unwrap_or_else(|| panic!("{action} {name}: {error}"));
                    assert_eq!(typed.code(), name, "{action}");
                }
            }
            let journal = mock.journal();
            assert_eq!(journal.len(), 1, "{action} {name}: sent once");
            assert_eq!(
                journal[0].operation(),
                Some(operation),
                "routed by its action"
            );
            assert_eq!(journal[0].param("action"), Some(action));
            assert_eq!(journal[0].param("api_key"), Some(smspool::mock::REDACTED));
            replayed += 1;
        }
    }
    assert_eq!(replayed, 26, "every saved example");
}

#[test]
fn error_answers_parse_from_text() {
    assert_eq!(
        ErrorAnswer::parse(" NO_NUMBERS\n"),
        Some(ErrorAnswer::NoNumbers)
    );
    assert_eq!(
        ErrorAnswer::parse("WRONG_MAX_PRICE:1.5"),
        Some(ErrorAnswer::WrongMaxPrice {
            min: decimal("1.5")
        })
    );
    assert_eq!(ErrorAnswer::parse("ACCESS_READY"), None);
    assert_eq!(ErrorAnswer::parse("BANNED"), None);
    assert_eq!(ErrorAnswer::BadKey.code(), "BAD_KEY");
}
