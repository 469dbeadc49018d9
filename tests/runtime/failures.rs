//! Every way a call can fail gives the right error, nothing panics, and retries
//! follow the safety class: read-only calls are retried, a purchase is sent once.

use std::error::Error as _;
use std::sync::atomic::Ordering;
use std::time::Duration;

use smspool::{Client, Error, RetryPolicy, Safety, TransportKind};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

use super::{KEY, client, client_for, fast_retries, hits, raw_server, refusing_base_url};

const ORDER: &str = r#"{"success":1,"number":1234567890,"cc":"1","phonenumber":"234567890","order_id":"ABCDEFGH","country":"United States","service":"Service","pool":1,"expires_in":1200,"expiration":1705309968,"message":"ok","cost":"0.24","cost_in_cents":24}"#;

#[tokio::test]
async fn a_500_then_200_on_a_read_only_call_is_retried_and_succeeds() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/request/balance"))
        .respond_with(ResponseTemplate::new(500).set_body_raw(
            r#"{"success":0,"message":"Internal error"}"#,
            "application/json",
        ))
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/request/balance"))
        .respond_with(
            ResponseTemplate::new(200).set_body_raw(r#"{"balance":"5.00"}"#, "application/json"),
        )
        .mount(&server)
        .await;

    let balance = client(&server)
        .informative()
        .balance()
        .await
        .expect("the retry succeeds");
    assert_eq!(balance.balance.get().to_string(), "5.00");
    assert_eq!(hits(&server, "/request/balance").await, 2);
}

#[tokio::test]
async fn a_500_on_a_purchase_is_not_retried() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/purchase/sms"))
        .respond_with(ResponseTemplate::new(500).set_body_raw(
            r#"{"success":0,"message":"Internal error"}"#,
            "application/json",
        ))
        .mount(&server)
        .await;

    let error = client(&server)
        .sms()
        .purchase("US", 1)
        .await
        .expect_err("500");
    match &error {
        Error::Api(e) => {
            assert_eq!(e.status().as_u16(), 500);
            assert_eq!(e.message(), "Internal error");
            assert_eq!(e.operation(), "sms::purchase");
        }
        other => panic!("expected an API error, got {other:?}"),
    }
    assert_eq!(
        hits(&server, "/purchase/sms").await,
        1,
        "exactly one request"
    );
}

fn stalling(server: &MockServer) -> Client {
    Client::builder(KEY)
        .base_url(server.uri())
        .retry(fast_retries().max_retries(2))
        .timeout(Duration::from_millis(300))
        .build()
        .expect("valid")
}

#[tokio::test]
async fn a_stalled_server_times_out_a_read_only_call_after_its_retries() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/request/balance"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_raw(r#"{"balance":"5.00"}"#, "application/json")
                .set_delay(Duration::from_secs(10)),
        )
        .mount(&server)
        .await;

    let error = stalling(&server)
        .informative()
        .balance()
        .await
        .expect_err("stalls");
    assert!(
        matches!(
            error,
            Error::Transport {
                kind: TransportKind::Timeout,
                operation: "informative::balance",
                ..
            }
        ),
        "{error:?}"
    );
    assert!(error.source().is_some(), "keeps reqwest's error");
    assert!(error.is_transient());
    assert_eq!(hits(&server, "/request/balance").await, 3, "1 + 2 retries");
}

#[tokio::test]
async fn a_stalled_purchase_has_an_unknown_outcome_and_is_sent_once() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/purchase/sms"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_raw(ORDER, "application/json")
                .set_delay(Duration::from_secs(10)),
        )
        .mount(&server)
        .await;

    let error = stalling(&server)
        .sms()
        .purchase("US", 1)
        .await
        .expect_err("stalls");
    assert!(
        matches!(
            error,
            Error::OutcomeUnknown {
                safety: Safety::Paid,
                kind: TransportKind::Timeout,
                ..
            }
        ),
        "{error:?}"
    );
    let text = error.to_string();
    assert!(text.contains("outcome is unknown"), "{text}");
    assert!(text.contains("check your orders"), "{text}");
    assert!(!error.is_transient());
    assert_eq!(hits(&server, "/purchase/sms").await, 1);
}

#[tokio::test]
async fn a_refused_connection_is_a_connect_error_even_for_a_purchase() {
    let base = refusing_base_url().await;
    let client = client_for(&base, fast_retries());

    let read = client.informative().balance().await.expect_err("refused");
    assert!(
        matches!(
            read,
            Error::Transport {
                kind: TransportKind::Connect,
                ..
            }
        ),
        "{read:?}"
    );
    // Nothing was sent, so nothing can have been bought.
    let paid = client.sms().purchase("US", 1).await.expect_err("refused");
    assert!(
        matches!(
            paid,
            Error::Transport {
                kind: TransportKind::Connect,
                ..
            }
        ),
        "{paid:?}"
    );
    assert!(paid.to_string().contains("could not connect"), "{paid}");
}

/// Promises 100 bytes, sends 14, hangs up.
const CUT_OFF: &[u8] =
    b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"balance\":\"5.";

#[tokio::test]
async fn a_body_cut_off_mid_json_is_a_body_error() {
    let (base, count) = raw_server(CUT_OFF).await;
    let client = client_for(&base, fast_retries().max_retries(1));

    let read = client.informative().balance().await.expect_err("cut off");
    assert!(
        matches!(
            read,
            Error::Transport {
                kind: TransportKind::Body,
                ..
            }
        ),
        "{read:?}"
    );
    assert_eq!(count.load(Ordering::SeqCst), 2, "read-only: retried once");

    let paid = client.sms().purchase("US", 1).await.expect_err("cut off");
    assert!(
        matches!(
            paid,
            Error::OutcomeUnknown {
                kind: TransportKind::Body,
                ..
            }
        ),
        "{paid:?}"
    );
    assert_eq!(count.load(Ordering::SeqCst), 3, "paid: sent once");
}

/// A complete HTTP answer whose JSON stops half-way.
const HALF_JSON: &[u8] =
    b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 14\r\n\r\n{\"balance\":\"5.";

#[tokio::test]
async fn a_complete_answer_with_half_a_json_document_is_a_decode_error() {
    let (base, _) = raw_server(HALF_JSON).await;
    let error = client_for(&base, RetryPolicy::none())
        .informative()
        .balance()
        .await
        .expect_err("half a document");
    match &error {
        Error::Decode(e) => {
            assert_eq!(e.status().as_u16(), 200);
            assert_eq!(e.body(), r#"{"balance":"5."#);
        }
        other => panic!("expected a decode error, got {other:?}"),
    }
    assert!(error.source().is_some(), "keeps serde's error");
}

const BAD_GATEWAY: &str =
    "<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>";

#[tokio::test]
async fn a_non_json_502_page_is_a_decode_error_with_status_and_body() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/request/balance"))
        .respond_with(ResponseTemplate::new(502).set_body_raw(BAD_GATEWAY, "text/html"))
        .mount(&server)
        .await;

    let error = client(&server)
        .informative()
        .balance()
        .await
        .expect_err("502");
    match &error {
        Error::Decode(e) => {
            assert_eq!(e.status().as_u16(), 502);
            assert_eq!(e.body(), BAD_GATEWAY);
        }
        other => panic!("expected a decode error, got {other:?}"),
    }
    assert!(error.to_string().contains("HTTP 502"), "{error}");
    assert!(error.is_transient(), "a 5xx is worth another try later");
    assert_eq!(hits(&server, "/request/balance").await, 4, "1 + 3 retries");
}

#[test]
fn plain_http_is_refused_except_for_loopback() {
    for bad in [
        "http://api.smspool.net/",
        "http://192.168.1.10/",
        "ftp://127.0.0.1/",
        "not a url",
    ] {
        match Client::builder(KEY).base_url(bad).build() {
            Err(Error::Config(e)) => {
                let text = e.to_string();
                assert!(text.starts_with("invalid configuration"), "{text}");
            }
            other => panic!("{bad}: expected a configuration error, got {other:?}"),
        }
    }
    for good in [
        "https://api.smspool.net/",
        "http://127.0.0.1:8080/",
        "http://[::1]:8080/",
        "http://localhost:8080/",
    ] {
        let client = Client::builder(KEY)
            .base_url(good)
            .build()
            .unwrap_or_else(|e| panic!("{good}: {e}"));
        assert_eq!(client.runtime().base_url().as_str(), good);
    }
}
