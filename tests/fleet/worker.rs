//! One worker of a fleet, for `tests/fleet.rs`: its own client on a shared rate limit,
//! some tasks making calls at once, and one line on stdout saying how they ended.
//!
//! Arguments are `name=value` pairs:
//!
//! - `redis`: the Redis URL; `base`: the API's base URL; `name`: sent as the user agent
//! - `tasks`, `calls`: tasks at once, and calls each task makes
//! - `op`: `balance` (read-only) or `purchase` (paid, never retried)
//! - `rate`: requests per second, or `unlimited`
//! - `outage`: `fail` (the default) or `local` (fall back to the local limiter)
//! - `start`: when to begin, in milliseconds since the Unix epoch
//!
//! Prints `ok=N api=N rate_limited=N shared_limit=N other=N` and exits 0, or prints
//! `build: <error>` and exits 2 when the client cannot be built. A panic exits 101.

use std::collections::BTreeMap;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use smspool::{Client, Error, RateLimit};
use smspool_tests::fleet::KEY;

#[tokio::main]
async fn main() {
    let args: BTreeMap<String, String> = std::env::args()
        .skip(1)
        .filter_map(|a| a.split_once('=').map(|(k, v)| (k.to_owned(), v.to_owned())))
        .collect();
    let arg = |name: &str| args.get(name).map(String::as_str).unwrap_or_default();
    let number = |name: &str| arg(name).parse::<u64>().unwrap_or(1);

    let limit = match arg("rate") {
        "unlimited" => RateLimit::unlimited(),
        n => RateLimit::per_second(n.parse().unwrap_or(32)),
    }
    .shared(arg("redis"));
    let limit = if arg("outage") == "local" {
        limit.fall_back_to_local()
    } else {
        limit
    };
    let client = match Client::builder(KEY)
        .base_url(arg("base"))
        .user_agent(arg("name"))
        .timeout(Duration::from_secs(5))
        .rate_limit(limit)
        .build()
    {
        Ok(client) => client,
        Err(e) => {
            println!("build: {e}");
            std::process::exit(2);
        }
    };

    let start = UNIX_EPOCH + Duration::from_millis(number("start"));
    if let Ok(wait) = start.duration_since(SystemTime::now()) {
        tokio::time::sleep(wait).await;
    }

    let purchase = arg("op") == "purchase";
    let calls = number("calls");
    let tasks: Vec<_> = (0..number("tasks"))
        .map(|_| {
            let client = client.clone();
            tokio::spawn(async move {
                let mut outcomes = Vec::new();
                for _ in 0..calls {
                    let result = if purchase {
                        client.sms().purchase("US", 1).await.map(drop)
                    } else {
                        client.informative().balance().await.map(drop)
                    };
                    outcomes.push(kind(result));
                }
                outcomes
            })
        })
        .collect();

    let mut counts: BTreeMap<&str, usize> = ["ok", "api", "rate_limited", "shared_limit", "other"]
        .into_iter()
        .map(|k| (k, 0))
        .collect();
    for task in tasks {
        for outcome in task.await.expect("a task panicked") {
            *counts.entry(outcome).or_default() += 1;
        }
    }
    let line: Vec<String> = counts.iter().map(|(k, n)| format!("{k}={n}")).collect();
    println!("{}", line.join(" "));
}

fn kind(result: Result<(), Error>) -> &'static str {
    match result {
        Ok(()) => "ok",
        Err(Error::Api(_)) => "api",
        Err(Error::RateLimited { .. }) => "rate_limited",
        Err(Error::SharedLimit(e)) => {
            // The message says what happened and keeps the key out.
            let text = e.to_string();
            assert!(text.contains("not sent"), "{text}");
            assert!(!text.contains(KEY), "{text}");
            "shared_limit"
        }
        Err(e) => {
            eprintln!("{e}");
            "other"
        }
    }
}
