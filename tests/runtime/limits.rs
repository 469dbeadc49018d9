//! The client-side rate limit, measured where it matters: arrival times at the server.
//! And what a 429 does: honour `Retry-After`, retry read-only calls, never paid ones.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use smspool::{Error, RateLimit, RetryPolicy};
use smspool_tests::busiest_window;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

use super::{client, client_for, fast_retries, hits};

/// Answers the balance and notes when each request arrived.
struct Stopwatch(Arc<Mutex<Vec<Instant>>>);

impl Respond for Stopwatch {
    fn respond(&self, _: &Request) -> ResponseTemplate {
        self.0
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .push(Instant::now());
        ResponseTemplate::new(200).set_body_raw(r#"{"balance":"5.00"}"#, "application/json")
    }
}

/// A 429 asking the client to wait `retry_after` seconds.
fn too_many_requests(retry_after: &str, message: &str) -> ResponseTemplate {
    ResponseTemplate::new(429)
        .insert_header("retry-after", retry_after)
        .set_body_raw(
            format!(r#"{{"success":0,"message":"{message}"}}"#),
            "application/json",
        )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_hundred_calls_from_twenty_tasks_keep_to_32_per_second() {
    let server = MockServer::start().await;
    let arrivals = Arc::new(Mutex::new(Vec::new()));
    Mock::given(method("POST"))
        .and(path("/request/balance"))
        .respond_with(Stopwatch(Arc::clone(&arrivals)))
        .mount(&server)
        .await;
    let client = client(&server);
    assert_eq!(
        client.runtime().rate_limit(),
        RateLimit::per_second(32),
        "SMSPool's default"
    );

    let started = Instant::now();
    let tasks: Vec<_> = (0..20)
        .map(|_| {
            let client = client.clone();
            tokio::spawn(async move {
                for _ in 0..10 {
                    client.informative().balance().await.expect("balance");
                }
            })
        })
        .collect();
    for task in tasks {
        task.await.expect("task finished");
    }
    let elapsed = started.elapsed();

    let mut arrivals = arrivals.lock().unwrap_or_else(|p| p.into_inner()).clone();
    arrivals.sort();
    assert_eq!(arrivals.len(), 200);
    // The first request goes at once; the other 199 wait their turn at 32/s.
    let least = Duration::from_secs_f64(199.0 / 32.0);
    assert!(elapsed >= least, "{elapsed:?} < {least:?}");
    let busiest = busiest_window(&arrivals, Duration::from_secs(1));
    eprintln!("200 calls in {elapsed:?}; at most {busiest} arrivals in one second");
    assert!(
        busiest <= 32,
        "{busiest} requests arrived within one second"
    );
}

#[tokio::test]
async fn a_429_with_retry_after_is_waited_out_then_a_read_only_call_succeeds() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/request/balance"))
        .respond_with(too_many_requests("1", "Too many requests"))
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

    let started = Instant::now();
    let balance = client(&server)
        .informative()
        .balance()
        .await
        .expect("the retry gets through");
    let waited = started.elapsed();

    assert_eq!(balance.balance.get().to_string(), "5.00");
    assert_eq!(hits(&server, "/request/balance").await, 2);
    // The backoff alone is 10 ms; the server asked for a second.
    assert!(
        waited >= Duration::from_millis(950),
        "retried after {waited:?}"
    );
}

#[tokio::test]
async fn a_429_that_outlasts_the_retries_is_a_rate_limited_error() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/request/balance"))
        .respond_with(too_many_requests("1", "Too many requests"))
        .mount(&server)
        .await;

    let client = client_for(&server.uri(), fast_retries().max_retries(1));
    let error = client
        .informative()
        .balance()
        .await
        .expect_err("always 429");

    match &error {
        Error::RateLimited {
            retry_after, error, ..
        } => {
            assert_eq!(*retry_after, Some(Duration::from_secs(1)));
            assert_eq!(error.message(), "Too many requests");
        }
        other => panic!("expected RateLimited, got {other:?}"),
    }
    assert_eq!(error.status().map(|s| s.as_u16()), Some(429));
    assert!(error.is_transient());
    assert_eq!(hits(&server, "/request/balance").await, 2, "one retry");
}

#[tokio::test]
async fn a_429_on_a_purchase_is_returned_without_a_retry() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/purchase/sms"))
        .respond_with(too_many_requests("2", "Too many requests"))
        .mount(&server)
        .await;

    let error = client(&server)
        .sms()
        .purchase("US", 1)
        .await
        .expect_err("429");

    assert!(
        matches!(error, Error::RateLimited { retry_after: Some(wait), .. } if wait == Duration::from_secs(2)),
        "{error:?}"
    );
    assert_eq!(
        hits(&server, "/purchase/sms").await,
        1,
        "paid: never resent"
    );
}

#[tokio::test]
async fn a_retry_after_beyond_the_cap_is_returned_at_once() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/request/balance"))
        .respond_with(too_many_requests("3600", "Banned"))
        .mount(&server)
        .await;

    let client = client_for(
        &server.uri(),
        fast_retries().max_retry_after(Duration::from_secs(60)),
    );
    let started = Instant::now();
    let error = client.informative().balance().await.expect_err("banned");

    assert!(
        matches!(error, Error::RateLimited { retry_after: Some(wait), .. } if wait == Duration::from_secs(3600)),
        "{error:?}"
    );
    assert_eq!(hits(&server, "/request/balance").await, 1);
    // Not sat out: an hour is far beyond this.
    assert!(started.elapsed() < Duration::from_secs(30));
}

#[tokio::test]
async fn a_429_pauses_every_clone_of_the_client() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/purchase/sms"))
        .respond_with(too_many_requests("1", "Too many requests"))
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/request/balance"))
        .respond_with(
            ResponseTemplate::new(200).set_body_raw(r#"{"balance":"5.00"}"#, "application/json"),
        )
        .mount(&server)
        .await;

    let client = client_for(&server.uri(), RetryPolicy::none());
    let other = client.clone();
    client.sms().purchase("US", 1).await.expect_err("429");
    let started = Instant::now();
    other
        .informative()
        .balance()
        .await
        .expect("after the pause");
    let waited = started.elapsed();
    assert!(
        waited >= Duration::from_millis(900),
        "sent after {waited:?}"
    );
}
