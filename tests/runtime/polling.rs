//! `client.wait_for_sms(...)`: one `/request/active` per round for every order, a
//! `/sms/check` only for orders that list does not show, and a clean stop at the
//! deadline, on cancellation, or on an error waiting will not fix.

use std::time::{Duration, Instant};

use smspool::{OrderOutcome, OrderStatus, PollError, PollOptions, RateLimit, RetryPolicy};
use smspool_tests::form_field;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

use super::{KEY, client, client_for, hits};

fn active(orders: &[(&str, &str, &str)]) -> ResponseTemplate {
    let items: Vec<String> = orders
        .iter()
        .map(|(id, status, code)| {
            format!(
                r#"{{"timestamp":"2024-01-06 18:03:15","cost":"0.24","order_code":"{id}","phonenumber":"1234567890","code":"{code}","full_code":"{full}","short_name":"US","service":"Test","status":"{status}","expiry":1704561795,"time_left":1126}}"#,
                full = if *code == "0" {
                    String::new()
                } else {
                    format!("Your code is {code}")
                }
            )
        })
        .collect();
    ResponseTemplate::new(200).set_body_raw(format!("[{}]", items.join(",")), "application/json")
}

async fn mount_active(server: &MockServer, answer: ResponseTemplate, times: Option<u64>) {
    let mock = Mock::given(method("POST"))
        .and(path("/request/active"))
        .respond_with(answer);
    match times {
        Some(n) => mock.up_to_n_times(n).with_priority(1).mount(server).await,
        None => mock.mount(server).await,
    }
}

fn quick() -> PollOptions {
    PollOptions::new()
        .interval(Duration::from_millis(30))
        .timeout(Duration::from_secs(10))
}

#[tokio::test]
async fn pending_pending_completed_returns_the_codes_from_the_list() {
    let server = MockServer::start().await;
    let pending = [("AAAA", "pending", "0"), ("BBBB", "pending", "0")];
    mount_active(&server, active(&pending), Some(2)).await;
    mount_active(
        &server,
        active(&[
            ("AAAA", "completed", "12345"),
            ("BBBB", "completed", "67890"),
        ]),
        None,
    )
    .await;
    Mock::given(method("POST"))
        .and(path("/sms/check"))
        .respond_with(ResponseTemplate::new(500))
        .expect(0)
        .mount(&server)
        .await;

    let client = client(&server);
    // Spawned: the future is Send, so it can run on any worker.
    let outcomes =
        tokio::spawn(async move { client.wait_for_sms(["AAAA", "BBBB"], quick()).await })
            .await
            .expect("task finished")
            .expect("both codes arrive");

    assert_eq!(outcomes.len(), 2);
    assert_eq!(outcomes[0].order_id(), "AAAA");
    assert_eq!(outcomes[0].code(), Some("12345"));
    assert_eq!(outcomes[1].order_id(), "BBBB");
    assert_eq!(outcomes[1].code(), Some("67890"));
    match &outcomes[0] {
        OrderOutcome::Delivered(s) => {
            assert_eq!(s.status, OrderStatus::Completed);
            assert_eq!(s.full_text.as_deref(), Some("Your code is 12345"));
        }
        other => panic!("expected delivered, got {other:?}"),
    }
    assert_eq!(
        hits(&server, "/request/active").await,
        3,
        "one list per round for both orders: pending, pending, completed"
    );
    assert_eq!(hits(&server, "/sms/check").await, 0, "no per-order checks");
    let received = server.received_requests().await.expect("recording is on");
    assert!(received.iter().all(|r| !r.url.as_str().contains(KEY)));
}

#[tokio::test]
async fn an_order_missing_from_the_list_is_checked_on_its_own() {
    let server = MockServer::start().await;
    mount_active(&server, active(&[("AAAA", "completed", "12345")]), None).await;
    Mock::given(method("POST"))
        .and(path("/sms/check"))
        .respond_with(ResponseTemplate::new(200).set_body_raw(
            r#"{"status":3,"sms":"55555","full_sms":"Full code: 55555","expiration":1704562249}"#,
            "application/json",
        ))
        .mount(&server)
        .await;

    let outcomes = client(&server)
        .wait_for_sms(["AAAA", "GONE"], quick())
        .await
        .expect("both settle");

    assert_eq!(outcomes[0].code(), Some("12345"));
    assert_eq!(outcomes[1].order_id(), "GONE");
    assert_eq!(outcomes[1].code(), Some("55555"));
    let checks: Vec<String> = server
        .received_requests()
        .await
        .expect("recording is on")
        .iter()
        .filter(|r| r.url.path() == "/sms/check")
        .filter_map(|r| form_field(&r.body, "orderid"))
        .collect();
    assert_eq!(checks, ["GONE"], "only the order the list did not show");
}

#[tokio::test]
async fn failed_orders_end_with_their_final_status() {
    let server = MockServer::start().await;
    mount_active(
        &server,
        active(&[("AAAA", "refunded", "0"), ("BBBB", "expired", "0")]),
        None,
    )
    .await;

    let outcomes = client(&server)
        .wait_for_sms(["AAAA", "BBBB", "AAAA"], quick())
        .await
        .expect("both settle");

    assert_eq!(outcomes.len(), 2, "duplicates are asked for once");
    assert!(matches!(&outcomes[0], OrderOutcome::Failed(s) if s.status == OrderStatus::Refunded));
    assert!(matches!(&outcomes[1], OrderOutcome::Failed(s) if s.status == OrderStatus::Expired));
    assert_eq!(outcomes[0].code(), None);
    assert_eq!(hits(&server, "/request/active").await, 1);
}

#[tokio::test]
async fn an_order_that_never_completes_stops_at_the_deadline() {
    let server = MockServer::start().await;
    mount_active(&server, active(&[("AAAA", "pending", "0")]), None).await;

    let client = client(&server);
    let started = Instant::now();
    let error = client
        .wait_for_sms(
            ["AAAA"],
            PollOptions::new()
                .interval(Duration::from_millis(50))
                .timeout(Duration::from_millis(400)),
        )
        .await
        .expect_err("never completes");
    let elapsed = started.elapsed();

    match &error {
        PollError::Deadline {
            outcomes,
            last_error,
        } => {
            assert!(last_error.is_none(), "{last_error:?}");
            assert_eq!(outcomes.len(), 1);
            match &outcomes[0] {
                OrderOutcome::Pending { order_id, last } => {
                    assert_eq!(order_id, "AAAA");
                    assert_eq!(
                        last.as_ref().map(|s| &s.status),
                        Some(&OrderStatus::Pending)
                    );
                }
                other => panic!("expected pending, got {other:?}"),
            }
        }
        other => panic!("expected the deadline, got {other:?}"),
    }
    assert!(
        error.to_string().contains("1 of 1 orders still pending"),
        "{error}"
    );
    assert!(elapsed >= Duration::from_millis(400), "{elapsed:?}");

    let at_deadline = hits(&server, "/request/active").await;
    // One round per 50 ms for 400 ms: at most 9, however slow the machine.
    assert!((1..=9).contains(&at_deadline), "{at_deadline} rounds");
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(
        hits(&server, "/request/active").await,
        at_deadline,
        "nothing is sent after the deadline"
    );
}

#[tokio::test]
async fn cancellation_stops_polling_at_once() {
    let server = MockServer::start().await;
    mount_active(&server, active(&[("AAAA", "pending", "0")]), None).await;
    let (cancel, cancelled) = tokio::sync::oneshot::channel::<()>();

    let client = client(&server);
    let waiting = tokio::spawn(async move {
        client
            .wait_for_sms(
                ["AAAA"],
                quick().cancel_on(async move {
                    let _ = cancelled.await;
                }),
            )
            .await
    });
    tokio::time::sleep(Duration::from_millis(200)).await;
    cancel.send(()).expect("still waiting");
    let error = waiting
        .await
        .expect("task finished")
        .expect_err("cancelled");

    assert!(
        matches!(&error, PollError::Cancelled { outcomes } if outcomes[0].is_pending()),
        "{error:?}"
    );
    let at_cancel = hits(&server, "/request/active").await;
    assert!(at_cancel >= 1);
    tokio::time::sleep(Duration::from_millis(150)).await;
    assert_eq!(hits(&server, "/request/active").await, at_cancel);
}

#[tokio::test]
async fn a_rejected_key_stops_polling_with_the_error() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/request/active"))
        .respond_with(ResponseTemplate::new(403).set_body_raw(
            r#"{"success":0,"errors":[{"message":"Invalid API key","param":"key"}]}"#,
            "application/json",
        ))
        .mount(&server)
        .await;

    let error = client(&server)
        .wait_for_sms(["AAAA"], quick())
        .await
        .expect_err("bad key");
    match &error {
        PollError::Request { source, outcomes } => {
            assert!(source.is_invalid_api_key(), "{source:?}");
            assert!(outcomes[0].is_pending());
        }
        other => panic!("expected a request error, got {other:?}"),
    }
    assert_eq!(hits(&server, "/request/active").await, 1, "not retried");
}

#[tokio::test]
async fn a_transient_failure_is_ridden_out() {
    let server = MockServer::start().await;
    mount_active(
        &server,
        ResponseTemplate::new(503).set_body_raw("<html>down</html>", "text/html"),
        Some(1),
    )
    .await;
    mount_active(&server, active(&[("AAAA", "completed", "12345")]), None).await;

    let client = client_for(&server.uri(), RetryPolicy::none());
    let outcomes = client
        .wait_for_sms(["AAAA"], quick())
        .await
        .expect("the next round gets through");
    assert_eq!(outcomes[0].code(), Some("12345"));
    assert_eq!(hits(&server, "/request/active").await, 2);
}

#[tokio::test]
async fn rounds_keep_to_the_client_rate_limit() {
    let server = MockServer::start().await;
    mount_active(&server, active(&[("AAAA", "pending", "0")]), Some(5)).await;
    mount_active(&server, active(&[("AAAA", "completed", "12345")]), None).await;
    let client = smspool::Client::builder(KEY)
        .base_url(server.uri())
        .rate_limit(RateLimit::per_second(10))
        .build()
        .expect("valid");

    let started = Instant::now();
    let outcomes = client
        .wait_for_sms(["AAAA"], PollOptions::new().interval(Duration::ZERO))
        .await
        .expect("completes on the sixth round");
    let elapsed = started.elapsed();

    assert_eq!(outcomes[0].code(), Some("12345"));
    assert_eq!(hits(&server, "/request/active").await, 6);
    // Six requests at 10/s: five gaps of at least 100 ms, even with no interval.
    assert!(elapsed >= Duration::from_millis(500), "{elapsed:?}");
}

#[tokio::test]
async fn no_orders_means_no_requests() {
    let server = MockServer::start().await;
    let outcomes = client(&server)
        .wait_for_sms(Vec::<String>::new(), quick())
        .await
        .expect("nothing to wait for");
    assert!(outcomes.is_empty());
    assert!(
        server
            .received_requests()
            .await
            .expect("recording is on")
            .is_empty()
    );
}
