//! What the live API does that the collection does not show (issue 17), against
//! local servers: the cancel time lock told apart whatever its wording and waited out
//! by `when_allowed` (under the rate limit, with a backoff, until a deadline, and
//! never past another failure), and answers larger than the client's limit refused
//! without being held in memory.

use std::time::{Duration, SystemTime};

use postgen_runtime::mock::Reply;
use smspool::mock::{Orders, Server};
use smspool::sms::PurchaseResponse;
use smspool::{Client, Error, ErrorKind, Patience, PollError, PollOptions, RateLimit, Settled};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

const SAVED_WORDING: &str = "Your order cannot be cancelled yet, please try again later.";
const LIVE_WORDING: &str = "This phone number cannot be cancelled yet, please try again later!";

fn lock_reply(message: &str) -> Reply {
    Reply::json(400, &serde_json::json!({"success": 0, "message": message}))
}

/// A client of `mock` paced at `per_second`.
fn paced(mock: &Server, per_second: u32) -> Client {
    Client::builder("test-key")
        .base_url(mock.url())
        .rate_limit(RateLimit::per_second(per_second))
        .build()
        .expect("a client")
}

async fn buy(client: &Client) -> String {
    match client.sms().purchase("US", 1).await.expect("bought") {
        PurchaseResponse::Order(order) => order.order_id,
        other => panic!("an order, not {other:?}"),
    }
}

/// The cancel attempts the mock received: when, and the status it answered.
fn cancels(mock: &Server) -> Vec<(SystemTime, u16)> {
    mock.sms()
        .cancel()
        .received()
        .iter()
        .map(|r| (r.at(), r.status()))
        .collect()
}

fn gap(a: SystemTime, b: SystemTime) -> Duration {
    b.duration_since(a).unwrap_or_default()
}

#[tokio::test]
async fn a_cancel_refused_in_either_wording_is_cancel_too_early() {
    let mock = Server::start().await;
    let client = mock.client();
    let endpoint = mock.sms().cancel();
    endpoint.times(1).reply(lock_reply(SAVED_WORDING));
    mock.sms().cancel().times(1).reply(lock_reply(LIVE_WORDING));
    mock.sms().cancel().times(1).reply(lock_reply(
        "This order was already completed, you cannot refund this number.",
    ));
    mock.sms()
        .cancel()
        .times(1)
        .example(smspool::mock::sms::CANCEL_404_ORDER_NOT_FOUND);
    // Stubs answer newest first: the not-found, the completed, then both locks.
    let mut kinds = Vec::new();
    for _ in 0..4 {
        let error = client.sms().cancel("ABCDEFGH").await.expect_err("refused");
        kinds.push(ErrorKind::of(&error));
        if let Some(kind) = ErrorKind::of(&error) {
            assert!(kind.is(&error));
            assert!(error.kind().is_some(), "{error}");
        }
    }
    assert_eq!(
        kinds,
        [
            None,
            Some(ErrorKind::AlreadyCompleted),
            Some(ErrorKind::CancelTooEarly),
            Some(ErrorKind::CancelTooEarly),
        ]
    );
    // The saved example itself, as the collection words it.
    mock.clear_stubs();
    mock.sms()
        .cancel()
        .example(smspool::mock::sms::CANCEL_400_ORDER_CANNOT_BE_CANCELLED_YET);
    let error = client.sms().cancel("ABCDEFGH").await.expect_err("refused");
    assert!(ErrorKind::CancelTooEarly.is(&error), "{error:?}");
    // A condition is told by the operation that declares it: the same words from
    // another operation are not a cancel lock.
    mock.informative()
        .balance()
        .reply(lock_reply(SAVED_WORDING));
    let error = client.informative().balance().await.expect_err("refused");
    assert_eq!(ErrorKind::of(&error), None);
}

#[tokio::test]
async fn when_allowed_retries_the_lock_until_the_cancel_is_accepted() {
    let lock = Duration::from_millis(1200);
    let mock = Server::with_orders(
        Orders::new()
            .never_deliver()
            .cancel_locked_for(lock)
            .cancel_lock_message(LIVE_WORDING),
    )
    .await;
    // 4 per second: one request every 262.5 ms, longer than the first backoff waits.
    let client = paced(&mock, 4);
    let order = buy(&client).await;
    let patience = Patience::within(Duration::from_secs(10))
        .first_delay(Duration::from_millis(100))
        .max_delay(Duration::from_millis(400));
    let settled = client
        .sms()
        .cancel(&order)
        .when_allowed(patience)
        .await
        .expect("no other failure");
    let attempts = settled.attempts();
    let Settled::Accepted { answer, .. } = settled else {
        panic!("accepted, not {settled:?}");
    };
    assert!(answer.message.contains("refunded"), "{answer:?}");
    assert_eq!(mock.orders()[0].status, "refunded");

    // Some time later: nothing was sent after the acceptance.
    tokio::time::sleep(Duration::from_millis(500)).await;
    let log = cancels(&mock);
    assert_eq!(log.len() as u32, attempts, "{log:?}");
    assert!(attempts >= 3, "the lock lasted several attempts: {log:?}");
    let (last, refusals) = log.split_last().expect("attempts");
    assert_eq!(last.1, 200, "accepted last");
    assert!(refusals.iter().all(|(_, status)| *status == 400), "{log:?}");

    // Each wait is the longer of the pace (262.5 ms) and the backoff (100, 200,
    // 400, 400... ms); a little slack for the clocks of server and client.
    let pace = Duration::from_millis(250);
    for (i, pair) in log.windows(2).enumerate() {
        let backoff = Duration::from_millis((100u64 << i).min(400));
        let waited = gap(pair[0].0, pair[1].0);
        assert!(
            waited >= pace.max(backoff) - Duration::from_millis(20),
            "attempt {} came {waited:?} after the one before: {log:?}",
            i + 2
        );
    }
    let bought = mock.orders()[0].clone();
    assert_eq!(bought.id, order);
}

#[tokio::test]
async fn when_allowed_gives_up_at_the_deadline_with_the_last_refusal() {
    let mock = Server::with_orders(
        Orders::new()
            .never_deliver()
            .cancel_locked_for(Duration::from_secs(3600)),
    )
    .await;
    let client = mock.client();
    let order = buy(&client).await;
    let started = SystemTime::now();
    let timeout = Duration::from_millis(700);
    let settled = client
        .sms()
        .cancel(&order)
        .when_allowed(
            Patience::within(timeout)
                .first_delay(Duration::from_millis(100))
                .max_delay(Duration::from_millis(200)),
        )
        .await
        .expect("no other failure");
    let took = started.elapsed().expect("a clock");
    let Settled::GaveUp { error, attempts } = settled else {
        panic!("gave up, not {settled:?}");
    };
    assert!(ErrorKind::CancelTooEarly.is(&error), "{error:?}");
    let log = cancels(&mock);
    assert_eq!(log.len() as u32, attempts);
    // 0, 100, 300, 500 ms: the next (700 ms) would start at the deadline's edge or past it.
    assert!((3..=5).contains(&attempts), "{log:?}");
    assert!(
        log.iter().all(|(at, _)| gap(started, *at) < timeout),
        "no attempt after the deadline: {log:?}"
    );
    assert!(took < timeout + Duration::from_millis(300), "{took:?}");
    assert_eq!(mock.orders()[0].status, "pending");
}

#[tokio::test]
async fn when_allowed_stops_at_once_on_any_other_answer() {
    let mock = Server::with_orders(Orders::new().never_deliver()).await;
    let client = mock.client();
    let patience = Patience::within(Duration::from_secs(10)).first_delay(Duration::from_millis(50));

    // An unknown order: an error, after one attempt.
    let error = client
        .sms()
        .cancel("NOSUCHID")
        .when_allowed(patience)
        .await
        .expect_err("not found");
    assert_eq!(error.status().map(|s| s.as_u16()), Some(404), "{error:?}");
    assert_eq!(cancels(&mock).len(), 1);

    // A refusal that time does not change: declined, after one attempt.
    mock.sms().cancel().reply(lock_reply(
        "This order was already completed, you cannot refund this number.",
    ));
    let settled = client
        .sms()
        .cancel("ABCDEFGH")
        .when_allowed(patience)
        .await
        .expect("a declared refusal");
    let Settled::Declined { error, attempts } = settled else {
        panic!("declined, not {settled:?}");
    };
    assert_eq!(
        (ErrorKind::of(&error), attempts),
        (Some(ErrorKind::AlreadyCompleted), 1)
    );

    // A server error on a mutation: returned as it came, not waited out.
    mock.clear_stubs();
    mock.sms().cancel().reply(Reply::json(
        500,
        &serde_json::json!({"success": 0, "message": "oops"}),
    ));
    let error = client
        .sms()
        .cancel("ABCDEFGH")
        .when_allowed(patience)
        .await
        .expect_err("a 500");
    assert!(matches!(error, Error::Api(_)), "{error:?}");
    assert_eq!(cancels(&mock).len(), 3, "one attempt each");
}

/// The README's recipe: wait for the code, and on timeout cancel as soon as SMSPool
/// allows it.
#[tokio::test]
async fn the_recipe_waits_then_cancels_when_allowed() {
    let mock = Server::with_orders(
        Orders::new()
            .never_deliver()
            .cancel_locked_for(Duration::from_millis(600))
            .cancel_lock_message(LIVE_WORDING),
    )
    .await;
    let client = mock.client();
    let order = buy(&client).await;
    let options = PollOptions::new()
        .interval(Duration::from_millis(50))
        .timeout(Duration::from_millis(200));
    let waited = client.wait_for_sms([order.clone()], options).await;
    assert!(
        matches!(waited, Err(PollError::Deadline { .. })),
        "{waited:?}"
    );
    let patience = Patience::within(Duration::from_secs(5)).first_delay(Duration::from_millis(100));
    let settled = client
        .sms()
        .cancel(&order)
        .when_allowed(patience)
        .await
        .expect("cancelled");
    assert!(matches!(settled, Settled::Accepted { .. }), "{settled:?}");
    assert!(settled.attempts() >= 2, "the lock refused the first cancel");
    assert_eq!(mock.orders()[0].status, "refunded");
}

// --- Bounded bodies ------------------------------------------------------------------

/// Serves one connection: reads the request head, then answers 200 with `head` and
/// writes `body_bytes` bytes of a JSON array in 64 KiB chunks, until the client hangs up.
async fn serve_large(listener: TcpListener, head: String, body_bytes: usize) {
    let (mut socket, _) = listener.accept().await.expect("a connection");
    let mut request = vec![0u8; 16 * 1024];
    let mut read = 0;
    while !request[..read].windows(4).any(|w| w == b"\r\n\r\n") {
        match socket.read(&mut request[read..]).await {
            Ok(0) | Err(_) => return,
            Ok(n) => read += n,
        }
    }
    if socket.write_all(head.as_bytes()).await.is_err() {
        return;
    }
    let row = br#"{"service":846,"service_name":"Snapchat","country":20,"country_name":"Malaysia","short_name":"MY","pool":3,"price":"0.02"},"#;
    let chunk: Vec<u8> = row.iter().copied().cycle().take(64 * 1024).collect();
    let mut sent = 0;
    while sent < body_bytes {
        let framed = format!("{:x}\r\n", chunk.len());
        let ok = socket.write_all(framed.as_bytes()).await.is_ok()
            && socket.write_all(&chunk).await.is_ok()
            && socket.write_all(b"\r\n").await.is_ok();
        if !ok {
            return;
        }
        sent += chunk.len();
    }
    let _ = socket.write_all(b"0\r\n\r\n").await;
}

fn limited(url: String, limit: u64) -> Client {
    Client::builder("test-key")
        .base_url(url)
        .max_response_size(limit)
        .build()
        .expect("a client")
}

/// This process's peak resident set size, in KiB (Linux).
fn peak_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

const CHILD: &str = "SMSPOOL_LIVE_CHILD";

/// The child's part: a server streams 512 MiB to a client limited to 4 MiB; prints
/// the outcome and the peak memory.
async fn stream_too_much() {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("a port");
    let url = format!("http://{}", listener.local_addr().expect("an address"));
    let head =
        "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\n\r\n";
    let server = tokio::spawn(serve_large(listener, head.to_owned(), 512 << 20));
    let client = limited(url, 4 << 20);
    let result = client.pricing().retrieve_all().await;
    let error = match result {
        Ok(rows) => {
            println!("READ {} rows", rows.len());
            return;
        }
        Err(error) => error,
    };
    println!(
        "ERROR {}",
        error.to_string().chars().take(200).collect::<String>()
    );
    match error {
        Error::TooLarge {
            operation,
            limit,
            declared,
            ..
        } => println!("TOO_LARGE {operation} {limit} {declared:?}"),
        other => println!(
            "OTHER {}",
            other.to_string().chars().take(200).collect::<String>()
        ),
    }
    server.abort();
    println!("PEAK_KIB {}", peak_kib().unwrap_or(0));
}

/// Run in a child process of this test binary, so that no other test's memory counts:
/// the peak stays far below the 512 MiB the server sends.
#[tokio::test]
async fn a_body_over_the_limit_is_refused_and_memory_stays_bounded() {
    if std::env::var_os(CHILD).is_some() {
        stream_too_much().await;
        return;
    }
    let exe = std::env::current_exe().expect("the test binary");
    let output = tokio::process::Command::new(exe)
        .args([
            "--exact",
            "a_body_over_the_limit_is_refused_and_memory_stays_bounded",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(CHILD, "1")
        .output()
        .await
        .expect("the child ran");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        stdout.contains(&format!("TOO_LARGE pricing::retrieve_all {} None", 4 << 20)),
        "{stdout}"
    );
    assert!(
        stdout.contains(
            "pricing::retrieve_all: the HTTP 200 response is larger than the limit of 4194304 bytes"
        ),
        "the message names the operation and the size: {stdout}"
    );
    let peak: u64 = stdout
        .lines()
        .find_map(|l| l.strip_prefix("PEAK_KIB "))
        .and_then(|n| n.parse().ok())
        .expect("the child's peak");
    if peak > 0 {
        assert!(
            peak < 96 * 1024,
            "peak {peak} KiB for a 512 MiB body: {stdout}"
        );
    }
}

#[tokio::test]
async fn a_content_length_over_the_limit_fails_before_the_body_is_read() {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("a port");
    let url = format!("http://{}", listener.local_addr().expect("an address"));
    // Declares 1 GiB, then sends nothing: waiting for the body would time out.
    let head =
        "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 1073741824\r\n\r\n";
    let server = tokio::spawn(serve_large(listener, head.to_owned(), 0));
    let client = limited(url, 1 << 20);
    let result = tokio::time::timeout(
        Duration::from_secs(5),
        client.sms().one_time_stock_for_all_services(),
    )
    .await
    .expect("failed at once, not after a wait for the body");
    match result {
        Err(Error::TooLarge {
            operation,
            status,
            limit,
            declared,
        }) => {
            assert_eq!(operation, "sms::one_time_stock_for_all_services");
            assert_eq!(
                (status.as_u16(), limit, declared),
                (200, 1 << 20, Some(1 << 30))
            );
        }
        other => panic!("too large, not {other:?}"),
    }
    server.abort();
}

#[tokio::test]
async fn a_body_under_the_limit_is_read_whole() {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("a port");
    let url = format!("http://{}", listener.local_addr().expect("an address"));
    // A whole array in chunks: `[` + rows + a last row and `]` after the chunks.
    let head = "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\n\r\n1\r\n[\r\n";
    let server = tokio::spawn(serve_large(listener, head.to_owned(), 64 * 1024));
    // The stream above never closes the array; only the size is under test here.
    let client = limited(url, 1 << 20);
    let error = client
        .pricing()
        .retrieve_all()
        .await
        .expect_err("the array is not closed");
    assert!(
        matches!(error, Error::Decode(_)),
        "read whole, then decoded: {error:?}"
    );
    server.abort();
}
