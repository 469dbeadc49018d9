//! One account, many processes: worker processes (`fleet/worker.rs`), each with its
//! own client on `RateLimit::shared`, against one real `redis-server` of the test's
//! own and one local server that notes when each request arrived and from whom.
//!
//! The four fleet tests take turns (they measure time; on two cores they would
//! disturb each other's measurements).

use std::collections::BTreeMap;
use std::process::Stdio;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use smspool::{Client, Error, RateLimit};
use smspool_tests::busiest_window;
use smspool_tests::fleet::{KEY, RedisServer};
use smspool_tests::spans::Recorder;
use tokio::process::{Child, Command};
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

/// One fleet test at a time.
static TURN: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

/// A request the server saw: when, from which worker, and what it answered.
#[derive(Clone, Debug)]
struct Arrival {
    at: Instant,
    worker: String,
    status: u16,
}

/// What the server answers.
#[derive(Clone, Copy)]
enum Reply {
    /// A balance, to everything.
    Balance,
    /// A balance, except for a 429 with `Retry-After: 1` to the request with this
    /// number (counting from 1).
    TooManyRequestsAt(usize),
    /// `{"success": 0, "type": "OUT_OF_STOCK"}` with a 200, to everything.
    OutOfStock,
}

struct Recording {
    log: Arc<Mutex<Vec<Arrival>>>,
    reply: Reply,
}

impl Respond for Recording {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        let mut log = self.log.lock().unwrap_or_else(|p| p.into_inner());
        let json = |status: u16, body: &str| {
            ResponseTemplate::new(status).set_body_raw(body.to_owned(), "application/json")
        };
        let (status, template) = match self.reply {
            Reply::TooManyRequestsAt(n) if log.len() + 1 == n => (
                429,
                json(429, r#"{"success":0,"message":"Too many requests"}"#)
                    .insert_header("retry-after", "1"),
            ),
            Reply::OutOfStock => (
                200,
                json(
                    200,
                    r#"{"success":0,"message":"This service is out of stock","type":"OUT_OF_STOCK"}"#,
                ),
            ),
            Reply::Balance | Reply::TooManyRequestsAt(_) => {
                (200, json(200, r#"{"balance":"5.00"}"#))
            }
        };
        let worker = request
            .headers
            .get("user-agent")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned();
        log.push(Arrival {
            at: Instant::now(),
            worker,
            status,
        });
        template
    }
}

/// A Redis, a recording server, and the workers' shared settings.
struct Fleet {
    redis: RedisServer,
    server: MockServer,
    log: Arc<Mutex<Vec<Arrival>>>,
    /// When the workers begin: in Unix milliseconds for them, as an `Instant` here.
    start_ms: u64,
    start: Instant,
}

impl Fleet {
    /// Everything up; the workers will begin `lead` from now (time to start them).
    async fn start(reply: Reply, lead: Duration) -> Self {
        let redis = RedisServer::start();
        let server = MockServer::start().await;
        let log = Arc::new(Mutex::new(Vec::new()));
        Mock::given(any())
            .respond_with(Recording {
                log: Arc::clone(&log),
                reply,
            })
            .mount(&server)
            .await;
        let unix = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .expect("after 1970")
            + lead;
        Self {
            redis,
            server,
            log,
            start_ms: u64::try_from(unix.as_millis()).expect("fits"),
            start: Instant::now() + lead,
        }
    }

    /// Starts the worker `name` with `args` (see `fleet/worker.rs`).
    fn spawn(&self, name: &str, args: &[(&str, &str)]) -> Child {
        let mut command = Command::new(env!("CARGO_BIN_EXE_fleet-worker"));
        command
            .arg(format!("name={name}"))
            .arg(format!("redis={}", self.redis.url()))
            .arg(format!("base={}", self.server.uri()))
            .arg(format!("start={}", self.start_ms));
        for (key, value) in args {
            command.arg(format!("{key}={value}"));
        }
        command
            .stdout(Stdio::piped())
            .kill_on_drop(true)
            .spawn()
            .expect("the worker starts")
    }

    /// Every arrival so far, in order.
    fn arrivals(&self) -> Vec<Arrival> {
        let mut arrivals = self.log.lock().unwrap_or_else(|p| p.into_inner()).clone();
        arrivals.sort_by_key(|a| a.at);
        arrivals
    }
}

/// How a worker's calls ended (`ok`, `api`, `rate_limited`, `shared_limit`, `other`).
#[derive(Debug)]
struct Counts(BTreeMap<String, usize>);

impl Counts {
    fn get(&self, kind: &str) -> usize {
        self.0.get(kind).copied().unwrap_or_default()
    }
}

/// Waits for a worker; it must exit 0 (no panic) and say how its calls ended.
async fn finish(child: Child) -> Counts {
    let output = child.wait_with_output().await.expect("the worker ran");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "worker: {:?}: {stdout}",
        output.status
    );
    Counts(
        stdout
            .split_whitespace()
            .filter_map(|pair| pair.split_once('='))
            .map(|(k, v)| (k.to_owned(), v.parse().expect("a count")))
            .collect(),
    )
}

/// The arrivals of the busiest second, as `offset-ms:worker`, for failure messages.
fn busiest_arrivals(arrivals: &[Arrival]) -> String {
    let second = Duration::from_secs(1);
    let Some(first) = arrivals.first() else {
        return String::new();
    };
    let mut best = (0, 0);
    let mut start = 0;
    for end in 0..arrivals.len() {
        while arrivals[end].at.duration_since(arrivals[start].at) >= second {
            start += 1;
        }
        if end - start > best.1 - best.0 {
            best = (start, end);
        }
    }
    arrivals[best.0..=best.1]
        .iter()
        .map(|a| format!("{}:{}", a.at.duration_since(first.at).as_millis(), a.worker))
        .collect::<Vec<_>>()
        .join(" ")
}

fn times<'a>(arrivals: impl IntoIterator<Item = &'a Arrival>) -> Vec<Instant> {
    arrivals.into_iter().map(|a| a.at).collect()
}

fn names(prefix: &str, n: usize) -> Vec<String> {
    (0..n).map(|i| format!("{prefix}{i}")).collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn four_processes_of_twenty_tasks_share_32_per_second() {
    let _turn = TURN.lock().await;
    let fleet = Fleet::start(Reply::Balance, Duration::from_millis(800)).await;
    let workers = names("worker", 4);
    let children: Vec<Child> = workers
        .iter()
        .map(|name| {
            fleet.spawn(
                name,
                &[
                    ("tasks", "20"),
                    ("calls", "5"),
                    ("op", "balance"),
                    ("rate", "32"),
                ],
            )
        })
        .collect();

    // Halfway through, nothing in Redis names the key: not the keys, not the values.
    tokio::time::sleep_until((fleet.start + Duration::from_secs(3)).into()).await;
    let contents = fleet.redis.contents();
    assert!(
        contents.iter().any(|(key, _)| key.ends_with(":tat")),
        "the limit lives in Redis: {contents:?}"
    );
    for (key, values) in &contents {
        assert!(key.starts_with("smspool-rs:{"), "{key}");
        for text in std::iter::once(key).chain(values) {
            assert!(!text.contains(KEY) && !text.contains(&KEY[9..]), "{text}");
        }
    }

    for child in children {
        assert_eq!(finish(child).await.get("ok"), 100, "every call succeeded");
    }
    let arrivals = fleet.arrivals();
    assert_eq!(arrivals.len(), 400, "none lost, none sent twice");
    for name in &workers {
        assert_eq!(arrivals.iter().filter(|a| &a.worker == name).count(), 100);
    }
    let times = times(&arrivals);
    let busiest = busiest_window(&times, Duration::from_secs(1));
    let span = times[399].duration_since(times[0]);
    eprintln!("400 calls from 4 processes in {span:?}; at most {busiest} arrivals in one second");
    assert!(
        busiest <= 32,
        "{busiest} requests arrived within one second: {}",
        busiest_arrivals(&arrivals)
    );
    // 32 per second for the fleet, not for each process: 399 gaps of 1/32 s at least.
    assert!(span >= Duration::from_secs_f64(399.0 / 32.0), "{span:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_429_seen_by_one_process_pauses_them_all() {
    let _turn = TURN.lock().await;
    let fleet = Fleet::start(Reply::TooManyRequestsAt(20), Duration::from_millis(800)).await;
    let workers = names("worker", 4);
    let children: Vec<Child> = workers
        .iter()
        .map(|name| {
            fleet.spawn(
                name,
                &[
                    ("tasks", "4"),
                    ("calls", "6"),
                    ("op", "balance"),
                    ("rate", "32"),
                ],
            )
        })
        .collect();
    for child in children {
        // The call that got the 429 is retried after the pause, and succeeds.
        assert_eq!(finish(child).await.get("ok"), 24);
    }

    let arrivals = fleet.arrivals();
    assert_eq!(arrivals.len(), 97, "96 calls and one retry");
    let refused = arrivals
        .iter()
        .find(|a| a.status == 429)
        .expect("one 429")
        .clone();
    let pause = refused.at..refused.at + Duration::from_secs(1);
    // Requests already admitted when the 429 left the server still arrive (the
    // worker that got it needs a moment to tell Redis, and a process may be held up
    // on a busy machine); none admitted after that does, from any process, until
    // Retry-After has passed. Without a shared pause the three other workers would
    // send about 29 requests in that second.
    let in_flight = Duration::from_millis(300);
    let during: Vec<&Arrival> = arrivals
        .iter()
        .filter(|a| a.at > pause.start && pause.contains(&a.at))
        .collect();
    eprintln!(
        "{} request(s) arrived within {:?} after the 429, none later until Retry-After",
        during.len(),
        during
            .iter()
            .map(|a| a.at - refused.at)
            .max()
            .unwrap_or_default()
    );
    assert!(
        during
            .iter()
            .all(|a| a.at.duration_since(refused.at) < in_flight),
        "sent during the pause: {during:?}"
    );
    assert!(
        during.len() <= 4,
        "{} requests were in flight",
        during.len()
    );
    // Every process was busy before the 429 and went on after the pause.
    for name in &workers {
        let mine: Vec<&Arrival> = arrivals.iter().filter(|a| &a.worker == name).collect();
        assert!(mine.iter().any(|a| a.at < refused.at), "{name} before");
        assert!(mine.iter().any(|a| a.at >= pause.end), "{name} after");
    }
    assert!(busiest_window(&times(&arrivals), Duration::from_secs(1)) <= 32);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn failing_purchases_at_an_unlimited_rate_stay_under_the_failure_guard() {
    let _turn = TURN.lock().await;
    let fleet = Fleet::start(Reply::OutOfStock, Duration::from_millis(800)).await;
    let children: Vec<Child> = names("worker", 4)
        .iter()
        .map(|name| {
            fleet.spawn(
                name,
                &[
                    ("tasks", "20"),
                    ("calls", "4"),
                    ("op", "purchase"),
                    ("rate", "unlimited"),
                ],
            )
        })
        .collect();
    for child in children {
        assert_eq!(finish(child).await.get("api"), 80, "every purchase failed");
    }

    let arrivals = fleet.arrivals();
    assert_eq!(arrivals.len(), 320, "paid calls are never sent twice");
    let times = times(&arrivals);
    let busiest = busiest_window(&times, Duration::from_secs(1));
    let span = times[319].duration_since(times[0]);
    let limit = RateLimit::DEFAULT_FAILURES_PER_SECOND as usize;
    eprintln!("320 failed purchases from 4 processes in {span:?}; at most {busiest} in one second");
    assert!(busiest <= limit, "{busiest} failures within one second");
    // The guard did the pacing: unpaced, 80 tasks send 320 requests in a blink.
    assert!(busiest >= limit / 2, "the guard let only {busiest} through");
    assert!(span >= Duration::from_secs(2), "{span:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn redis_killed_mid_run_fails_calls_or_falls_back_as_configured() {
    let _turn = TURN.lock().await;
    let mut fleet = Fleet::start(Reply::Balance, Duration::from_millis(800)).await;
    let args = |outage| {
        [
            ("tasks", "8"),
            ("calls", "5"),
            ("op", "balance"),
            ("rate", "32"),
            ("outage", outage),
        ]
    };
    let failing = names("fail", 2);
    let falling_back = names("local", 2);
    let mut children = Vec::new();
    for name in &failing {
        children.push((name, fleet.spawn(name, &args("fail"))));
    }
    for name in &falling_back {
        children.push((name, fleet.spawn(name, &args("local"))));
    }

    // 160 calls at 32/s take five seconds; Redis dies after one and a half.
    tokio::time::sleep_until((fleet.start + Duration::from_millis(1500)).into()).await;
    fleet.redis.kill();
    let killed = Instant::now();

    let mut counts = BTreeMap::new();
    for (name, child) in children {
        counts.insert(name.clone(), finish(child).await);
    }
    let arrivals = fleet.arrivals();
    let before: Vec<&Arrival> = arrivals.iter().filter(|a| a.at < killed).collect();
    assert!(busiest_window(&times(before.iter().copied()), Duration::from_secs(1)) <= 32);
    for name in &failing {
        let counts = &counts[name];
        let sent = arrivals.iter().filter(|a| &a.worker == name).count();
        eprintln!("{name}: {counts:?}");
        assert_eq!(
            counts.get("ok") + counts.get("shared_limit"),
            40,
            "{counts:?}"
        );
        assert!(counts.get("shared_limit") > 0, "{counts:?}");
        assert_eq!(sent, counts.get("ok"), "a call that failed sent nothing");
        assert!(
            arrivals
                .iter()
                .filter(|a| &a.worker == name)
                .all(|a| a.at < killed + Duration::from_millis(100)),
            "{name} sent after Redis died"
        );
    }
    for name in &falling_back {
        let counts = &counts[name];
        eprintln!("{name}: {counts:?}");
        assert_eq!(counts.get("ok"), 40, "{counts:?}");
        let mine: Vec<&Arrival> = arrivals.iter().filter(|a| &a.worker == name).collect();
        assert!(mine.iter().any(|a| a.at > killed), "{name} went on alone");
        // Alone, each process still keeps to the limit: paced, never a burst.
        assert!(busiest_window(&times(mine), Duration::from_secs(1)) <= 32);
    }
}

#[tokio::test]
async fn an_unreachable_redis_is_a_typed_error_when_the_client_is_built() {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port")
        .port();
    let url = format!("redis://:hunter2@127.0.0.1:{port}/");
    let error = Client::builder(KEY)
        .rate_limit(RateLimit::per_second(32).shared(url))
        .build()
        .expect_err("nothing listens there");
    let Error::SharedLimit(shared) = &error else {
        panic!("expected SharedLimit, got {error:?}");
    };
    assert_eq!(shared.operation(), None);
    assert_eq!(
        error.to_string(),
        format!(
            "the shared rate limit cannot use Redis at redis://127.0.0.1:{port}/ (connection refused)"
        )
    );
    let printed = format!("{error} {error:?}");
    assert!(
        !printed.contains("hunter2") && !printed.contains(KEY),
        "{printed}"
    );
}

#[tokio::test]
async fn a_client_that_falls_back_says_so_through_tracing_and_keeps_pacing() {
    let mut redis = RedisServer::start();
    let server = MockServer::start().await;
    let log = Arc::new(Mutex::new(Vec::new()));
    Mock::given(any())
        .respond_with(Recording {
            log: Arc::clone(&log),
            reply: Reply::Balance,
        })
        .mount(&server)
        .await;
    let client = Client::builder(KEY)
        .base_url(server.uri())
        .rate_limit(
            RateLimit::per_second(10)
                .shared(redis.url())
                .fall_back_to_local(),
        )
        .build()
        .expect("Redis answers");
    let recorder = Recorder::default();
    let _default = tracing::subscriber::set_default(recorder.clone());

    client.informative().balance().await.expect("through Redis");
    redis.kill();
    let started = Instant::now();
    for _ in 0..5 {
        client.informative().balance().await.expect("paced locally");
    }
    // Ten per second alone too: the four after the first wait 0.105 s each.
    assert!(
        started.elapsed() >= Duration::from_millis(400),
        "{:?}",
        started.elapsed()
    );

    let warnings: Vec<_> = recorder
        .events()
        .into_iter()
        .filter(|e| e.level == "WARN")
        .collect();
    assert_eq!(warnings.len(), 1, "one warning per outage: {warnings:?}");
    let error = warnings[0].field("error").unwrap_or_default();
    assert!(
        error.contains("cannot use Redis at redis://127.0.0.1:"),
        "{error}"
    );
    assert!(
        warnings[0].name.contains("pacing this process alone"),
        "{warnings:?}"
    );
    assert!(!format!("{warnings:?}").contains(KEY));
}
