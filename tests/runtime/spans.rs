//! The `tracing` feature: one span per call, with what an operator needs to see a
//! client pace itself, and never the key.

use std::time::Duration;

use smspool::{Client, RateLimit, RetryPolicy};
use smspool_tests::spans::{Recorder, Seen};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

use super::KEY;

fn calls(recorder: &Recorder) -> Vec<Seen> {
    recorder
        .closed_spans()
        .into_iter()
        .filter(|s| s.target == "postgen_runtime" && s.name == "call")
        .collect()
}

#[tokio::test]
async fn every_call_is_one_span_with_attempts_status_and_waits() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/request/balance"))
        .respond_with(ResponseTemplate::new(503))
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
    Mock::given(method("POST"))
        .and(path("/purchase/sms"))
        .respond_with(ResponseTemplate::new(400).set_body_raw(
            format!(r#"{{"success":0,"message":"bad key {KEY}"}}"#),
            "application/json",
        ))
        .mount(&server)
        .await;
    let client = Client::builder(KEY)
        .base_url(server.uri())
        .rate_limit(RateLimit::per_second(4))
        .retry(
            RetryPolicy::default()
                .min_delay(Duration::from_millis(1))
                .jitter(false),
        )
        .build()
        .expect("valid");

    let recorder = Recorder::default();
    let _default = tracing::subscriber::set_default(recorder.clone());
    client
        .informative()
        .balance()
        .await
        .expect("the retry succeeds");
    client
        .sms()
        .purchase("US", 1)
        .max_price(smspool::Decimal::new(50, 2))
        .await
        .expect_err("400");

    let spans = calls(&recorder);
    assert_eq!(spans.len(), 2, "one span per call: {spans:?}");
    let (balance, purchase) = (&spans[0], &spans[1]);
    assert_eq!(balance.field("operation"), Some("informative::balance"));
    assert_eq!(balance.field("safety"), Some("read-only"));
    assert_eq!(balance.field("attempts"), Some("2"));
    assert_eq!(balance.field("status"), Some("200"));
    assert_eq!(purchase.field("operation"), Some("sms::purchase"));
    assert_eq!(purchase.field("safety"), Some("paid"));
    assert_eq!(purchase.field("attempts"), Some("1"));
    assert_eq!(purchase.field("status"), Some("400"));
    // Four a second: the retry and the purchase each waited about a quarter second.
    let waited = |s: &Seen| -> u64 {
        s.field("limiter_wait_ms")
            .and_then(|v| v.parse().ok())
            .expect("a wait")
    };
    assert!(waited(balance) >= 200, "{balance:?}");
    assert!(waited(purchase) >= 200, "{purchase:?}");
    for span in &spans {
        let total: u64 = span
            .field("total_ms")
            .and_then(|v| v.parse().ok())
            .expect("a total");
        assert!(total >= waited(span), "{span:?}");
    }
    // Neither the key nor the parameters: only what the fields above say.
    let everything = format!("{:?} {:?}", recorder.closed_spans(), recorder.events());
    assert!(!everything.contains(KEY), "{everything}");
    assert!(!everything.contains("0.50"), "{everything}");
}
