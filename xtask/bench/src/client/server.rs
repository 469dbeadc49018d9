//! A minimal keep-alive HTTP/1.1 server answering canned responses by path: as little
//! work per request as possible, so that the clients' own costs stand out.

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::task::JoinHandle;

/// A request as the server saw it (kept only when capturing).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Captured {
    /// `GET`, `POST`...
    pub method: String,
    /// The request target, query included.
    pub target: String,
    /// Header names (lower case) and values, in order.
    pub headers: Vec<(String, String)>,
    /// The body.
    pub body: Vec<u8>,
}

impl Captured {
    /// The value of header `name` (lower case).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// A running server; stops when dropped.
pub struct Server {
    addr: SocketAddr,
    captured: Option<Arc<Mutex<Vec<Captured>>>>,
    task: JoinHandle<()>,
}

impl Drop for Server {
    fn drop(&mut self) {
        self.task.abort();
    }
}

type Routes = Arc<Vec<(String, Vec<u8>)>>;

impl Server {
    /// Serves `routes` (path, JSON body) on 127.0.0.1; a path not listed gets a 404.
    /// With `capture`, every request is recorded.
    pub async fn start(routes: &[(&str, &str)], capture: bool) -> std::io::Result<Self> {
        let listener = TcpListener::bind("127.0.0.1:0").await?;
        let addr = listener.local_addr()?;
        let routes: Routes = Arc::new(
            routes
                .iter()
                .map(|(path, body)| ((*path).to_owned(), response(200, body)))
                .collect(),
        );
        let captured = capture.then(|| Arc::new(Mutex::new(Vec::new())));
        let log = captured.clone();
        let task = tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                let (routes, log) = (routes.clone(), log.clone());
                tokio::spawn(async move {
                    // A connection error ends that connection only.
                    let _ = connection(stream, routes, log).await;
                });
            }
        });
        Ok(Self {
            addr,
            captured,
            task,
        })
    }

    /// `http://127.0.0.1:PORT/`.
    pub fn url(&self) -> String {
        format!("http://{}/", self.addr)
    }

    /// The requests received so far (empty unless capturing).
    pub fn captured(&self) -> Vec<Captured> {
        self.captured
            .as_ref()
            .map(|c| c.lock().unwrap_or_else(|p| p.into_inner()).clone())
            .unwrap_or_default()
    }
}

fn response(status: u16, body: &str) -> Vec<u8> {
    let reason = if status == 200 { "OK" } else { "Not Found" };
    let mut bytes = format!(
        "HTTP/1.1 {status} {reason}\r\ncontent-type: application/json; charset=utf-8\r\ncontent-length: {}\r\n\r\n",
        body.len()
    )
    .into_bytes();
    bytes.extend_from_slice(body.as_bytes());
    bytes
}

async fn connection(
    mut stream: TcpStream,
    routes: Routes,
    log: Option<Arc<Mutex<Vec<Captured>>>>,
) -> std::io::Result<()> {
    stream.set_nodelay(true)?;
    let not_found = response(404, "");
    let mut buf: Vec<u8> = Vec::with_capacity(16 * 1024);
    loop {
        let head_end = loop {
            if let Some(i) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
                break i + 4;
            }
            if stream.read_buf(&mut buf).await? == 0 {
                return Ok(());
            }
        };
        let head = std::str::from_utf8(&buf[..head_end]).unwrap_or("");
        let mut lines = head.split("\r\n");
        let mut request_line = lines.next().unwrap_or("").split(' ');
        let method = request_line.next().unwrap_or("");
        let target = request_line.next().unwrap_or("");
        let headers = lines
            .filter_map(|l| l.split_once(':'))
            .map(|(n, v)| (n.trim(), v.trim()));
        let length: usize = headers
            .clone()
            .find(|(n, _)| n.eq_ignore_ascii_case("content-length"))
            .and_then(|(_, v)| v.parse().ok())
            .unwrap_or(0);
        let path = target.split('?').next().unwrap_or("");
        let answer = routes
            .iter()
            .find(|(p, _)| p == path)
            .map_or(&not_found, |(_, r)| r);
        let captured = log.is_some().then(|| Captured {
            method: method.to_owned(),
            target: target.to_owned(),
            headers: headers
                .map(|(n, v)| (n.to_ascii_lowercase(), v.to_owned()))
                .collect(),
            body: Vec::new(),
        });
        while buf.len() < head_end + length {
            if stream.read_buf(&mut buf).await? == 0 {
                return Ok(());
            }
        }
        if let (Some(log), Some(mut captured)) = (&log, captured) {
            captured.body = buf[head_end..head_end + length].to_vec();
            log.lock().unwrap_or_else(|p| p.into_inner()).push(captured);
        }
        stream.write_all(answer).await?;
        buf.drain(..head_end + length);
    }
}
