//! The pieces of the multi-process tests (`tests/fleet.rs`): a real `redis-server` on
//! a free loopback port, stopped when dropped, and the key every worker uses.

use std::net::TcpListener;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// The API key of the fleet's account, easy to search for.
pub const KEY: &str = "FLEETKEY-6b1d0c9e8f7a4b3c2d1e0f9a8b7c6d5e";

/// A `redis-server` of our own: no persistence, loopback only, killed on drop.
pub struct RedisServer {
    child: Child,
    port: u16,
}

impl RedisServer {
    /// Starts one on a free port and waits until it answers.
    ///
    /// # Panics
    ///
    /// When `redis-server` is not installed (Debian's `redis-server` package;
    /// `.ci/run` installs it) or does not answer within 10 s.
    pub fn start() -> Self {
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .map(|a| a.port())
            .expect("a free port");
        let child = Command::new("redis-server")
            .args(["--port", &port.to_string(), "--bind", "127.0.0.1"])
            .args(["--save", "", "--appendonly", "no"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| {
                panic!("cannot start redis-server ({e}): apt-get install redis-server")
            });
        let server = Self { child, port };
        let deadline = Instant::now() + Duration::from_secs(10);
        while server.connection().is_err() {
            assert!(Instant::now() < deadline, "redis-server did not answer");
            std::thread::sleep(Duration::from_millis(20));
        }
        server
    }

    /// `redis://127.0.0.1:<port>/`.
    pub fn url(&self) -> String {
        format!("redis://127.0.0.1:{}/", self.port)
    }

    /// Kills the server (SIGKILL: no goodbye to its clients).
    pub fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }

    /// Every key and what it holds (a string's value; a sorted set's members and
    /// scores), to check that nothing in Redis names the API key.
    pub fn contents(&self) -> Vec<(String, Vec<String>)> {
        let mut connection = self.connection().expect("redis answers");
        let keys: Vec<String> = redis::cmd("KEYS")
            .arg("*")
            .query(&mut connection)
            .expect("KEYS");
        keys.into_iter()
            .map(|key| {
                let kind: String = redis::cmd("TYPE")
                    .arg(&key)
                    .query(&mut connection)
                    .expect("TYPE");
                let values: Vec<String> = match kind.as_str() {
                    "string" => redis::cmd("GET")
                        .arg(&key)
                        .query::<Option<String>>(&mut connection)
                        .expect("GET")
                        .into_iter()
                        .collect(),
                    "zset" => redis::cmd("ZRANGE")
                        .arg(&key)
                        .arg(0)
                        .arg(-1)
                        .arg("WITHSCORES")
                        .query(&mut connection)
                        .expect("ZRANGE"),
                    other => vec![format!("a {other}")],
                };
                (key, values)
            })
            .collect()
    }

    fn connection(&self) -> redis::RedisResult<redis::Connection> {
        redis::Client::open(self.url())?.get_connection_with_timeout(Duration::from_secs(1))
    }
}

impl Drop for RedisServer {
    fn drop(&mut self) {
        self.kill();
    }
}
