//! The failure guard within one process: failed answers (a non-2xx, `{"success": 0}`,
//! a plain-text error answer) are held under the limit in every second, and
//! successful ones cost nothing.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use smspool::{Client, Error, RateLimit, RetryPolicy};
use smspool_tests::busiest_window;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

use super::KEY;

/// Notes when each request arrived and answers with `template`.
struct Stopwatch {
    arrivals: Arc<Mutex<Vec<Instant>>>,
    template: ResponseTemplate,
}

impl Respond for Stopwatch {
    fn respond(&self, _: &Request) -> ResponseTemplate {
        self.arrivals
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .push(Instant::now());
        self.template.clone()
    }
}

/// A server answering `route` with `template`, and its arrival times.
async fn server(route: &str, template: ResponseTemplate) -> (MockServer, Arc<Mutex<Vec<Instant>>>) {
    let server = MockServer::start().await;
    let arrivals = Arc::new(Mutex::new(Vec::new()));
    Mock::given(method("POST"))
        .and(path(route))
        .respond_with(Stopwatch {
            arrivals: Arc::clone(&arrivals),
            template,
        })
        .mount(&server)
        .await;
    (server, arrivals)
}

fn business(server: &MockServer, limit: RateLimit) -> Client {
    Client::builder(KEY)
        .base_url(server.uri())
        .rate_limit(limit)
        .retry(RetryPolicy::none())
        .build()
        .expect("a loopback base URL is valid")
}

fn busiest_second(arrivals: &Mutex<Vec<Instant>>) -> (usize, Duration) {
    let mut times = arrivals.lock().unwrap_or_else(|p| p.into_inner()).clone();
    times.sort();
    let span = match (times.first(), times.last()) {
        (Some(first), Some(last)) => last.duration_since(*first),
        _ => Duration::ZERO,
    };
    (busiest_window(&times, Duration::from_secs(1)), span)
}

/// Runs `calls` calls from `tasks` tasks at once; returns how many failed with `Api`.
async fn flood<F, Fut>(tasks: usize, calls: usize, call: F) -> usize
where
    F: Fn() -> Fut + Clone + Send + 'static,
    Fut: std::future::Future<Output = Result<(), Error>> + Send,
{
    let handles: Vec<_> = (0..tasks)
        .map(|_| {
            let call = call.clone();
            tokio::spawn(async move {
                let mut api_errors = 0;
                for _ in 0..calls {
                    match call().await {
                        Err(Error::Api(_)) => api_errors += 1,
                        Ok(()) => {}
                        Err(other) => panic!("unexpected {other:?}"),
                    }
                }
                api_errors
            })
        })
        .collect();
    let mut total = 0;
    for handle in handles {
        total += handle.await.expect("task finished");
    }
    total
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn failing_purchases_at_an_unlimited_rate_stay_under_the_guard() {
    let (server, arrivals) = server(
        "/purchase/sms",
        ResponseTemplate::new(400).set_body_raw(
            r#"{"success":0,"message":"This service is out of stock","type":"OUT_OF_STOCK"}"#,
            "application/json",
        ),
    )
    .await;
    let client = business(&server, RateLimit::unlimited().max_failures_per_second(40));

    let failed = flood(60, 2, move || {
        let client = client.clone();
        async move { client.sms().purchase("US", 1).await.map(drop) }
    })
    .await;

    assert_eq!(failed, 120);
    let (busiest, span) = busiest_second(&arrivals);
    eprintln!("120 failed purchases in {span:?}; at most {busiest} in one second");
    assert!(busiest <= 40, "{busiest} failures within one second");
    // 40, then 40 a second later, then the last 40: the guard did the pacing.
    assert!(span >= Duration::from_secs(2), "{span:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn error_flags_in_a_200_count_as_failures() {
    let (server, arrivals) = server(
        "/request/balance",
        ResponseTemplate::new(200)
            .set_body_raw(r#"{"success":0,"message":"Try again"}"#, "application/json"),
    )
    .await;
    let client = business(&server, RateLimit::unlimited().max_failures_per_second(10));

    let failed = flood(10, 2, move || {
        let client = client.clone();
        async move { client.informative().balance().await.map(drop) }
    })
    .await;

    assert_eq!(failed, 20);
    let (busiest, span) = busiest_second(&arrivals);
    assert!(busiest <= 10, "{busiest}");
    assert!(span >= Duration::from_secs(1), "{span:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn plain_text_error_answers_count_as_failures() {
    let (server, arrivals) = server(
        "/stubs/handler_api",
        ResponseTemplate::new(200).set_body_raw("NO_NUMBERS", "text/plain"),
    )
    .await;
    let client = business(&server, RateLimit::unlimited().max_failures_per_second(5));

    let failed = flood(5, 2, move || {
        let client = client.clone();
        async move { client.activate().get_number("tg", 0).await.map(drop) }
    })
    .await;

    assert_eq!(failed, 10, "NO_NUMBERS is an error answer");
    let (busiest, span) = busiest_second(&arrivals);
    assert!(busiest <= 5, "{busiest}");
    assert!(span >= Duration::from_secs(1), "{span:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn successful_answers_cost_the_guard_nothing() {
    let (server, arrivals) = server(
        "/request/balance",
        ResponseTemplate::new(200).set_body_raw(r#"{"balance":"5.00"}"#, "application/json"),
    )
    .await;
    let client = business(&server, RateLimit::unlimited().max_failures_per_second(10));

    let started = Instant::now();
    let failed = flood(20, 10, move || {
        let client = client.clone();
        async move { client.informative().balance().await.map(drop) }
    })
    .await;

    assert_eq!(failed, 0);
    let (busiest, _) = busiest_second(&arrivals);
    // Were successes counted, 200 calls at 10 a second would take 20 s.
    assert!(busiest > 10, "{busiest}");
    assert!(
        started.elapsed() < Duration::from_secs(10),
        "{:?}",
        started.elapsed()
    );
}

#[test]
fn the_guard_is_on_by_default_and_can_be_turned_off() {
    let standard = Client::new(KEY);
    assert_eq!(
        standard.runtime().rate_limit().failures_per_second(),
        Some(RateLimit::DEFAULT_FAILURES_PER_SECOND)
    );
    assert_eq!(RateLimit::DEFAULT_FAILURES_PER_SECOND, 100);
    assert_eq!(RateLimit::unlimited().failures_per_second(), Some(100));
    assert_eq!(
        RateLimit::unlimited()
            .without_failure_guard()
            .failures_per_second(),
        None
    );
    assert_eq!(
        RateLimit::per_second(32)
            .max_failures_per_second(0)
            .failures_per_second(),
        Some(1)
    );
    assert_eq!(
        RateLimit::per_second(32).to_string(),
        "32 requests/s, at most 100 failures/s"
    );
}
