//! Benchmark 6: a very large answer. The generated client reads and decodes a 20 MB
//! synthetic `/request/pricing` answer (SMSPool's unfiltered pricing is about 18 MB)
//! from a local server, in a child process of its own so that its peak memory can be
//! read: the child starts the server, makes a small call on the same client (so the
//! connection is open), resets its high-water mark (`VmHWM`), makes the call, and
//! reports how far the peak rose above what the server and the client already held. Then
//! it times repeated calls, for the time per MB.

use std::process::Command;
use std::time::Instant;

use postgen_runtime::{RateLimit, RetryPolicy};

use crate::client::server::Server;
use crate::machine;
use crate::stats::Samples;

/// The body's size, in bytes.
pub const BODY_BYTES: usize = 20_000_000;

/// What the large-answer benchmark measured.
#[derive(Debug)]
pub struct LargeResult {
    /// The body's size, bytes.
    pub body_bytes: usize,
    /// Rows in it.
    pub rows: usize,
    /// The process's resident set before the call (the server holding the body), bytes.
    pub baseline: f64,
    /// The peak during the first call, bytes.
    pub peak: f64,
    /// Seconds per call.
    pub times: Samples,
    /// `size_of` one decoded row, bytes.
    pub row_size: usize,
    /// Rows the decoded `Vec` has room for (it doubles as it is filled).
    pub capacity: usize,
}

impl LargeResult {
    /// How far the peak rose above the baseline, over the body's size.
    pub fn peak_ratio(&self) -> f64 {
        (self.peak - self.baseline) / self.body_bytes as f64
    }

    /// Median seconds per MB (10^6 bytes) of answer.
    pub fn seconds_per_mb(&self) -> f64 {
        self.times.median() / (self.body_bytes as f64 / 1e6)
    }
}

/// Runs the child with `reps` timed calls.
pub fn run(reps: usize) -> Result<LargeResult, String> {
    let exe = std::env::current_exe().map_err(|e| format!("cannot find the harness: {e}"))?;
    let output = Command::new(exe)
        .arg("large-child")
        .arg(BODY_BYTES.to_string())
        .arg(reps.to_string())
        .output()
        .map_err(|e| format!("cannot start the large-answer child: {e}"))?;
    if !output.status.success() {
        return Err(format!(
            "the large-answer child failed: {}",
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    let mut result = LargeResult {
        body_bytes: 0,
        rows: 0,
        baseline: 0.0,
        peak: 0.0,
        times: Samples::new(),
        row_size: 0,
        capacity: 0,
    };
    for line in String::from_utf8_lossy(&output.stdout).lines() {
        let (key, value) = line.split_once(' ').unwrap_or((line, ""));
        let number: f64 = value
            .parse()
            .map_err(|_| format!("the large-answer child printed {line:?}"))?;
        match key {
            "bytes" => result.body_bytes = number as usize,
            "rows" => result.rows = number as usize,
            "baseline" => result.baseline = number,
            "peak" => result.peak = number,
            "time" => result.times.push(number),
            "row_size" => result.row_size = number as usize,
            "capacity" => result.capacity = number as usize,
            _ => return Err(format!("the large-answer child printed {line:?}")),
        }
    }
    if result.times.is_empty() || result.peak == 0.0 {
        return Err("the large-answer child measured nothing (no /proc?)".into());
    }
    Ok(result)
}

/// A `/request/pricing`-shaped JSON array of at least `bytes` bytes, and its rows.
pub fn pricing_body(bytes: usize) -> (String, usize) {
    let mut body = String::with_capacity(bytes + 256);
    body.push('[');
    let mut rows = 0;
    while body.len() < bytes {
        if rows > 0 {
            body.push(',');
        }
        let (service, country, pool) = (rows % 1500 + 1, rows / 1500 % 180 + 1, rows % 9 + 1);
        body.push_str(&format!(
            r#"{{"service":{service},"service_name":"Service {service}","country":{country},"country_name":"Country {country}","short_name":"C{country}","pool":{pool},"price":"{}.{:02}"}}"#,
            rows % 3,
            rows % 100
        ));
        rows += 1;
    }
    body.push(']');
    (body, rows)
}

/// The child: prints `bytes`, `rows`, `baseline`, `peak` and one `time` per call.
pub fn child(args: &[String]) -> Result<(), String> {
    let [bytes, reps] = args else {
        return Err("usage: large-child BYTES REPS".into());
    };
    let bytes: usize = bytes
        .parse()
        .map_err(|_| format!("BYTES must be a number, not {bytes:?}"))?;
    let reps: usize = reps
        .parse()
        .map_err(|_| format!("REPS must be a number, not {reps:?}"))?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| format!("cannot start tokio: {e}"))?;
    runtime.block_on(async {
        let (body, rows) = pricing_body(bytes);
        println!("bytes {}", body.len());
        println!("rows {rows}");
        let routes = [
            ("/request/pricing", body.as_str()),
            ("/request/balance", r#"{"balance":"5.00"}"#),
        ];
        let server = Server::start(&routes, false)
            .await
            .map_err(|e| format!("cannot start the local server: {e}"))?;
        drop(body);
        let client = smspool::Client::builder("bench-key")
            .base_url(server.url())
            .rate_limit(RateLimit::unlimited())
            .retry(RetryPolicy::none())
            .build()
            .map_err(|e| e.to_string())?;
        // A small call first, so that the connection, its buffers and the runtime's
        // threads are in place: what is measured is what the large answer costs.
        client
            .informative()
            .balance()
            .await
            .map_err(|e| e.to_string())?;
        // From here the peak is what the call adds to the server's copy.
        reset_peak();
        println!("baseline {}", machine::current_rss().unwrap_or(0));
        let answer = client
            .pricing()
            .retrieve_all()
            .await
            .map_err(|e| e.to_string())?;
        println!("peak {}", machine::peak_rss().unwrap_or(0));
        println!(
            "row_size {}",
            std::mem::size_of::<smspool::pricing::RetrieveAllItem>()
        );
        println!("capacity {}", answer.capacity());
        if answer.len() != rows {
            return Err(format!("decoded {} rows of {rows}", answer.len()));
        }
        drop(answer);
        for _ in 0..reps {
            let started = Instant::now();
            let answer = client
                .pricing()
                .retrieve_all()
                .await
                .map_err(|e| e.to_string())?;
            println!("time {}", started.elapsed().as_secs_f64());
            drop(answer);
        }
        Ok(())
    })
}

/// Resets `VmHWM` to the current resident set (Linux 4.0 and later).
fn reset_peak() {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}
