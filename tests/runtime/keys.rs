//! The API key: sent as the bearer token and as the `key` form field where the
//! collection has one, never in a URL, and never in an error, a Debug print or a
//! panic message, even when the server echoes it back.

use std::time::Duration;

use smspool::{Client, Error, PollError, PollOptions, RetryPolicy};
use smspool_tests::form_field;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

use super::{KEY, client, client_for, refusing_base_url};

#[tokio::test]
async fn the_key_travels_as_bearer_and_form_field_never_in_the_url() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/sms/check"))
        .respond_with(ResponseTemplate::new(200).set_body_raw(
            r#"{"status":1,"resend":0,"expiration":1704562249,"time_left":1173}"#,
            "application/json",
        ))
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/request/balance"))
        .respond_with(
            ResponseTemplate::new(200).set_body_raw(r#"{"balance":"5.00"}"#, "application/json"),
        )
        .mount(&server)
        .await;

    let client = client(&server);
    client.sms().check("ABCDEFGH").await.expect("check decodes");
    client
        .informative()
        .balance()
        .await
        .expect("balance decodes");

    let received = server.received_requests().await.expect("recording is on");
    assert_eq!(received.len(), 2);
    for request in &received {
        assert!(
            !request.url.as_str().contains(KEY),
            "key in URL {}",
            request.url
        );
        assert_eq!(
            request
                .headers
                .get("authorization")
                .and_then(|v| v.to_str().ok()),
            Some(format!("Bearer {KEY}").as_str()),
            "bearer token on {}",
            request.url.path()
        );
    }
    let check = received
        .iter()
        .find(|r| r.url.path() == "/sms/check")
        .expect("check arrived");
    assert_eq!(form_field(&check.body, "key").as_deref(), Some(KEY));
    assert_eq!(
        form_field(&check.body, "orderid").as_deref(),
        Some("ABCDEFGH")
    );
}

fn variant(error: &Error) -> &'static str {
    match error {
        Error::Transport { .. } => "Transport",
        Error::OutcomeUnknown { .. } => "OutcomeUnknown",
        Error::Api(_) => "Api",
        Error::InvalidApiKey { .. } => "InvalidApiKey",
        Error::RateLimited { .. } => "RateLimited",
        Error::Decode(_) => "Decode",
        Error::Config(_) => "Config",
        _ => "a variant this test does not know",
    }
}

/// Display, Debug, pretty Debug, and the same for every error in the source chain.
fn everything_printed(error: &(dyn std::error::Error + 'static)) -> String {
    let mut out = format!("{error}\n{error:?}\n{error:#?}\n");
    let mut source = error.source();
    while let Some(cause) = source {
        out.push_str(&format!("{cause}\n{cause:?}\n"));
        source = cause.source();
    }
    out
}

fn echoing(status: u16, body: String, content_type: &str) -> ResponseTemplate {
    ResponseTemplate::new(status).set_body_raw(body, content_type)
}

/// A server whose every error answer quotes the key back.
async fn echoing_server() -> MockServer {
    let server = MockServer::start().await;
    let answers = [
        (
            "/request/balance",
            echoing(
                403,
                format!(
                    r#"{{"success":0,"message":"Invalid API key {KEY}","errors":[{{"message":"Invalid API key","param":"key","description":"you sent {KEY}"}}]}}"#
                ),
                "application/json",
            ),
        ),
        (
            "/purchase/sms",
            echoing(
                422,
                format!(
                    r#"{{"success":0,"message":"Insufficient balance for {KEY}","type":"BALANCE_ERROR","key":"{KEY}"}}"#
                ),
                "application/json",
            ),
        ),
        (
            "/sms/check",
            echoing(
                429,
                format!(r#"{{"success":0,"message":"slow down, {KEY}"}}"#),
                "application/json",
            )
            .insert_header("retry-after", "0"),
        ),
        (
            "/request/active",
            echoing(
                502,
                format!("<html><body>Bad gateway for {KEY}</body></html>"),
                "text/html",
            ),
        ),
        (
            "/request/price",
            echoing(
                200,
                format!(r#"{{"price":"{KEY}","success_rate":"100"}}"#),
                "application/json",
            ),
        ),
        (
            "/sms/cancel",
            echoing(
                200,
                format!(r#"{{"success":1,"message":["{KEY}"]}}"#),
                "application/json",
            ),
        ),
    ];
    for (route, answer) in answers {
        Mock::given(method("POST"))
            .and(path(route))
            .respond_with(answer)
            .mount(&server)
            .await;
    }
    server
}

#[tokio::test]
async fn no_error_debug_print_or_panic_shows_the_key() {
    let server = echoing_server().await;
    let client = client_for(&server.uri(), RetryPolicy::none());
    let mut errors: Vec<(&str, Error)> = Vec::new();
    let mut err = |label, expected: &str, result: Result<(), Error>| match result {
        Ok(()) => panic!("{label}: expected an error"),
        Err(e) => {
            assert_eq!(variant(&e), expected, "{label}: {e:?}");
            errors.push((label, e));
        }
    };

    err(
        "invalid key",
        "InvalidApiKey",
        client.informative().balance().await.map(drop),
    );
    err("api", "Api", client.sms().purchase("US", 1).await.map(drop));
    err(
        "rate limited",
        "RateLimited",
        client.sms().check("ABCDEFGH").await.map(drop),
    );
    err(
        "decode html",
        "Decode",
        client.sms().active_orders().await.map(drop),
    );
    err(
        "decode type",
        "Decode",
        client.sms().cancel("ABCDEFGH").await.map(drop),
    );
    err(
        "decode value",
        "Decode",
        client.pricing().price("US", 1, 1).await.map(drop),
    );

    let refused = client_for(&refusing_base_url().await, RetryPolicy::none());
    err(
        "transport",
        "Transport",
        refused.informative().balance().await.map(drop),
    );

    let stalling = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/purchase/sms"))
        .respond_with(ResponseTemplate::new(200).set_delay(Duration::from_secs(5)))
        .mount(&stalling)
        .await;
    let impatient = Client::builder(KEY)
        .base_url(stalling.uri())
        .timeout(Duration::from_millis(200))
        .build()
        .expect("valid");
    err(
        "outcome unknown",
        "OutcomeUnknown",
        impatient.sms().purchase("US", 1).await.map(drop),
    );

    err(
        "config base url",
        "Config",
        Client::builder(KEY)
            .base_url("http://example.com/")
            .build()
            .map(drop),
    );
    let unsendable = Client::builder(format!("{KEY}\n"))
        .base_url(server.uri())
        .build()
        .expect("the key is only checked when sent");
    err(
        "config key",
        "Config",
        unsendable.informative().balance().await.map(drop),
    );

    let mut variants: Vec<&str> = errors.iter().map(|(_, e)| variant(e)).collect();
    variants.sort_unstable();
    variants.dedup();
    assert_eq!(variants.len(), 7, "every variant: {variants:?}");
    for (label, error) in &errors {
        let text = everything_printed(error);
        assert!(!text.contains(KEY), "{label} shows the key:\n{text}");
    }
    // The echoed bodies are kept, with the key blanked out.
    let kept = errors[0].1.api_error().expect("has the API's error").body();
    assert!(kept.contains("Invalid API key <redacted>"), "{kept}");

    // Polling errors carry request errors in their source chain.
    let poll_error = client
        .wait_for_sms(
            ["ABCDEFGH"],
            PollOptions::new()
                .interval(Duration::from_millis(20))
                .timeout(Duration::from_millis(200)),
        )
        .await
        .expect_err("the list keeps failing");
    assert!(
        matches!(
            &poll_error,
            PollError::Deadline {
                last_error: Some(Error::Decode(_)),
                ..
            }
        ),
        "{poll_error:?}"
    );
    let text = everything_printed(&poll_error);
    assert!(text.contains("Bad gateway for <redacted>"), "{text}");
    assert!(!text.contains(KEY), "{text}");

    // Debug prints of everything that holds the key.
    let debug = [
        format!("{client:?} {client:#?}"),
        format!("{:?}", client.runtime()),
        format!("{:?}", Client::builder(KEY)),
        format!("{:?}", client.sms().check("ABCDEFGH")),
        format!("{:?}", client.sms().purchase("US", 1)),
        format!("{:?}", client.informative()),
        format!("{0:?} {0}", smspool::ApiKey::new(KEY)),
        format!("{:?}", PollOptions::new()),
    ];
    for text in &debug {
        assert!(!text.contains(KEY), "{text}");
    }

    // A panic on invalid configuration.
    let panic = std::panic::catch_unwind(|| {
        Client::builder(KEY)
            .base_url("http://example.com/")
            .build_or_panic()
    })
    .expect_err("plain http to a remote host panics in build_or_panic");
    let message = panic
        .downcast_ref::<String>()
        .cloned()
        .or_else(|| panic.downcast_ref::<&str>().map(|s| (*s).to_owned()))
        .expect("a text payload");
    assert!(message.contains("invalid configuration"), "{message}");
    assert!(!message.contains(KEY), "{message}");
}

#[tokio::test]
async fn redirects_are_not_followed_with_the_key() {
    let elsewhere = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(
            ResponseTemplate::new(200).set_body_raw(r#"{"balance":"5.00"}"#, "application/json"),
        )
        .mount(&elsewhere)
        .await;
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/request/balance"))
        .respond_with(
            ResponseTemplate::new(307)
                .insert_header("location", format!("{}/request/balance", elsewhere.uri())),
        )
        .mount(&server)
        .await;

    let error = client(&server)
        .informative()
        .balance()
        .await
        .expect_err("a redirect is not a balance");
    assert_eq!(error.status().map(|s| s.as_u16()), Some(307), "{error:?}");
    assert_eq!(
        elsewhere
            .received_requests()
            .await
            .expect("recording is on")
            .len(),
        0,
        "the other host never saw the request"
    );
}
