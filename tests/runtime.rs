//! The runtime under the generated client, against real servers on 127.0.0.1: the
//! key never leaks, the rate limit and the failure guard hold, retries never
//! double-charge, every failure gives the right error, the polling helper waits the
//! way the article advises, and each call is one `tracing` span.
//!
//! Servers are wiremock's, except where a test needs a broken HTTP answer (a body
//! cut off mid-JSON), which a raw `TcpListener` sends.

#[path = "runtime/failures.rs"]
mod failures;
#[path = "runtime/guard.rs"]
mod guard;
#[path = "runtime/keys.rs"]
mod keys;
#[path = "runtime/limits.rs"]
mod limits;
#[path = "runtime/polling.rs"]
mod polling;
#[path = "runtime/spans.rs"]
mod spans;

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use smspool::{Client, RetryPolicy};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;
use wiremock::MockServer;

/// A key that is easy to search for in any text.
pub const KEY: &str = "SECRETKEY-9f8e7d6c5b4a39281706f5e4d3c2b1a0";

/// Retries that are quick enough for tests: 3 retries, 10 ms doubling, no jitter.
pub fn fast_retries() -> RetryPolicy {
    RetryPolicy::default()
        .max_retries(3)
        .min_delay(Duration::from_millis(10))
        .max_delay(Duration::from_millis(40))
        .jitter(false)
}

/// A client for `base_url` with quick retries and a 5 s timeout.
pub fn client_for(base_url: &str, retry: RetryPolicy) -> Client {
    Client::builder(KEY)
        .base_url(base_url)
        .retry(retry)
        .timeout(Duration::from_secs(5))
        .build()
        .expect("a loopback base URL is valid")
}

/// A client for a wiremock server with quick retries.
pub fn client(server: &MockServer) -> Client {
    client_for(&server.uri(), fast_retries())
}

/// How many requests `server` received on `path`.
pub async fn hits(server: &MockServer, path: &str) -> usize {
    server
        .received_requests()
        .await
        .expect("recording is on")
        .iter()
        .filter(|r| r.url.path() == path)
        .count()
}

/// A server on 127.0.0.1 that answers every request with the bytes of `response`
/// (status line, headers and whatever body), then closes the connection. Returns
/// its base URL and the number of requests it has read.
pub async fn raw_server(response: &'static [u8]) -> (String, Arc<AtomicUsize>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("binds");
    let address = listener.local_addr().expect("has an address");
    let count = Arc::new(AtomicUsize::new(0));
    let seen = Arc::clone(&count);
    tokio::spawn(async move {
        while let Ok((mut socket, _)) = listener.accept().await {
            let seen = Arc::clone(&seen);
            tokio::spawn(async move {
                if read_request(&mut socket).await {
                    seen.fetch_add(1, Ordering::SeqCst);
                    let _ = socket.write_all(response).await;
                    let _ = socket.shutdown().await;
                }
            });
        }
    });
    (format!("http://{address}/"), count)
}

/// Reads one request (headers, then `Content-Length` bytes of body).
async fn read_request(socket: &mut tokio::net::TcpStream) -> bool {
    let mut buffer = Vec::new();
    let mut chunk = [0u8; 4096];
    loop {
        let Ok(n) = socket.read(&mut chunk).await else {
            return false;
        };
        if n == 0 {
            return false;
        }
        buffer.extend_from_slice(&chunk[..n]);
        let Some(end) = buffer.windows(4).position(|w| w == b"\r\n\r\n") else {
            continue;
        };
        let head = String::from_utf8_lossy(&buffer[..end]).to_ascii_lowercase();
        let length: usize = head
            .lines()
            .find_map(|l| l.strip_prefix("content-length:"))
            .and_then(|v| v.trim().parse().ok())
            .unwrap_or(0);
        if buffer.len() >= end + 4 + length {
            return true;
        }
    }
}

/// A base URL on 127.0.0.1 where nothing listens.
pub async fn refusing_base_url() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("binds");
    let address = listener.local_addr().expect("has an address");
    drop(listener);
    format!("http://{address}/")
}

/// The client and its errors can be shared across tasks and threads (checked when
/// this file compiles).
const _: () = {
    const fn shareable<T: Clone + Send + Sync + 'static>() {}
    const fn error<T: std::error::Error + Send + Sync + 'static>() {}
    shareable::<Client>();
    shareable::<smspool::ApiKey>();
    error::<smspool::Error>();
    error::<smspool::PollError<smspool::OrderStatus>>();
};
