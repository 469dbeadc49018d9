//! A local server that speaks a generated API, for tests (cargo feature `mock`).
//!
//! A generated crate describes its API once, as an [`Api`]: its operations' routes
//! and their saved examples (the collection's, as recorded). [`Server::start`] binds
//! 127.0.0.1 on a free port and answers each operation with its first saved success
//! example; everything else is asked for per operation, through the typed
//! [`Endpoint`] the generated crate hands out for it:
//!
//! - **Stubs**: answer with a value of the operation's type, one of its saved examples
//!   by name ([`Example`]), or a fault: a status with an HTML body, a 429 with
//!   `Retry-After`, a stall, a body cut off. Optionally only when parameters match,
//!   or only the first `n` times. The newest matching stub answers.
//! - **A journal**: every request received, with the operation it was routed to, its
//!   parameters decoded (query, urlencoded, multipart and JSON bodies) and the API
//!   key redacted ([`Recorded`]).
//! - **Orders that live**: when the API describes an order [`Lifecycle`] (the
//!   generator takes it from the overrides file), [`Server::with_orders`] keeps a
//!   book of orders and a balance ([`Orders`]): a purchase creates an order, listing
//!   and checking report it pending and then delivered with a code, a cancel refunds
//!   it, and out-of-stock and low-balance purchases are answered with the API's own
//!   saved answers.
//!
//! The server stops when the [`Server`] is dropped. It uses the tokio runtime it was
//! started on; HTTP is hyper's.

mod body;
mod book;
mod decode;
mod examples;
mod http;
mod journal;
mod lifecycle;
mod orders;
mod route;
mod stub;
mod template;

use std::fmt;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex, MutexGuard};

use rust_decimal::Decimal;
use tokio::task::JoinHandle;

use crate::{ApiProfile, Operation};

pub use examples::SavedExample;
pub use journal::{REDACTED, Recorded};
pub use lifecycle::{Balance, Cancel, Check, Create, Lifecycle, List, Status, Statuses};
pub use orders::{OrderView, Orders};
pub use stub::{Endpoint, Example, Reply};

use book::Book;
use examples::Examples;
use stub::{Fault, Stub};

/// What a generated crate tells the mock about its API.
#[derive(Debug)]
pub struct Api {
    /// The API as the client knows it (key placement, error flag).
    pub profile: &'static ApiProfile,
    /// Every operation, with what tells it apart from others on the same path.
    pub routes: &'static [Route],
    /// The saved examples, as the generator writes them (`mock/examples.json`).
    pub examples: &'static str,
    /// How orders live, for [`Server::with_orders`].
    pub lifecycle: Option<&'static Lifecycle>,
}

/// One operation the mock answers.
#[derive(Debug)]
pub struct Route {
    /// The operation, as the client sends it.
    pub operation: &'static Operation,
    /// Parameters the operation always sends with a fixed value, which tell it apart
    /// from other operations on the same method and path (`action=getBalance`).
    pub fixed: &'static [(&'static str, &'static str)],
    /// Parameters the operation always sends, which tell it apart from others on the
    /// same method and path that take fewer (`quantity` of a bulk voucher).
    pub required: &'static [&'static str],
}

impl Route {
    /// A route to `operation`.
    pub const fn new(operation: &'static Operation) -> Self {
        Self {
            operation,
            fixed: &[],
            required: &[],
        }
    }

    /// Requests that send all of these parameters are this operation rather than one
    /// on the same path that takes fewer.
    pub const fn required(mut self, required: &'static [&'static str]) -> Self {
        self.required = required;
        self
    }

    /// Only requests with these parameter values are this operation.
    pub const fn fixed(mut self, fixed: &'static [(&'static str, &'static str)]) -> Self {
        self.fixed = fixed;
        self
    }
}

/// A mock of the API on 127.0.0.1, on a free port: see the [module docs](self).
pub struct Server {
    shared: Arc<Shared>,
    addr: SocketAddr,
    url: String,
    accept: JoinHandle<()>,
}

/// The state the connections share.
struct Shared {
    api: &'static Api,
    examples: Examples,
    stubs: Mutex<Vec<Stub>>,
    journal: Mutex<Vec<Recorded>>,
    book: Option<Mutex<Book>>,
}

impl Server {
    /// Starts a mock of `api` that answers every operation with its first saved
    /// success example.
    ///
    /// # Panics
    ///
    /// When no port on 127.0.0.1 can be bound, or `api.examples` is not the
    /// generator's format (the generated file was edited): see [`try_start`](Self::try_start).
    pub async fn start(api: &'static Api) -> Server {
        match Self::try_start(api, None).await {
            Ok(server) => server,
            Err(e) => panic!("the {} mock server did not start: {e}", api.profile.name),
        }
    }

    /// Starts a mock of `api` whose orders live as `api.lifecycle` says, from the
    /// book `orders` describes.
    ///
    /// # Panics
    ///
    /// As [`start`](Self::start), and when the API describes no lifecycle.
    pub async fn with_orders(api: &'static Api, orders: Orders) -> Server {
        match Self::try_start(api, Some(orders)).await {
            Ok(server) => server,
            Err(e) => panic!("the {} mock server did not start: {e}", api.profile.name),
        }
    }

    /// [`start`](Self::start) or [`with_orders`](Self::with_orders), returning what
    /// went wrong instead of panicking.
    ///
    /// # Errors
    ///
    /// When the port cannot be bound, the examples do not parse, or orders are asked
    /// of an API without a lifecycle or whose lifecycle names examples it lacks.
    pub async fn try_start(
        api: &'static Api,
        orders: Option<Orders>,
    ) -> Result<Server, StartError> {
        let examples = Examples::parse(api.examples).map_err(StartError::Examples)?;
        let book = match orders {
            None => None,
            Some(orders) => {
                let lifecycle = api.lifecycle.ok_or(StartError::NoLifecycle)?;
                let flag = api.profile.error_flag;
                let book =
                    Book::new(lifecycle, flag, &examples, orders).map_err(StartError::Lifecycle)?;
                Some(Mutex::new(book))
            }
        };
        let listener = tokio::net::TcpListener::bind(("127.0.0.1", 0))
            .await
            .map_err(StartError::Bind)?;
        let addr = listener.local_addr().map_err(StartError::Bind)?;
        let shared = Arc::new(Shared {
            api,
            examples,
            stubs: Mutex::new(Vec::new()),
            journal: Mutex::new(Vec::new()),
            book,
        });
        let accept = tokio::spawn(http::serve(listener, Arc::clone(&shared)));
        Ok(Server {
            shared,
            addr,
            url: format!("http://{addr}/"),
            accept,
        })
    }

    /// The base URL to give the client: `http://127.0.0.1:<port>/`.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// The address the server listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// Every request received so far, oldest first.
    pub fn journal(&self) -> Vec<Recorded> {
        lock(&self.shared.journal).clone()
    }

    /// Forgets the requests received so far.
    pub fn clear_journal(&self) {
        lock(&self.shared.journal).clear();
    }

    /// The requests routed to `operation` so far, oldest first.
    pub fn received(&self, operation: &Operation) -> Vec<Recorded> {
        lock(&self.shared.journal)
            .iter()
            .filter(|r| r.operation() == Some(operation.name))
            .cloned()
            .collect()
    }

    /// Every saved example the server can serve: (operation name, example).
    pub fn saved_examples(&self) -> impl Iterator<Item = (&str, &SavedExample)> + '_ {
        self.shared.examples.all()
    }

    /// The balance of the order book (`None` without [`with_orders`](Self::with_orders)).
    pub fn balance(&self) -> Option<Decimal> {
        self.shared.book.as_ref().map(|book| lock(book).balance())
    }

    /// The orders of the book, oldest first (empty without [`with_orders`](Self::with_orders)).
    pub fn orders(&self) -> Vec<OrderView> {
        match &self.shared.book {
            Some(book) => lock(book).views(),
            None => Vec::new(),
        }
    }

    /// Puts an order with `id` in the book, pending, as if it had just been bought
    /// (its price comes off the balance): for tests that start with an order.
    ///
    /// # Panics
    ///
    /// When the server was not started [`with_orders`](Self::with_orders).
    pub fn place_order(&self, id: impl Into<String>) -> OrderView {
        match &self.shared.book {
            Some(book) => lock(book).place(id.into()),
            None => panic!("place_order needs a mock started with orders (`with_orders`)"),
        }
    }

    /// Answers the operation named `operation` (`sms::purchase`) with its saved
    /// example `example` from now on: [`Endpoint::saved`] by names, for tests that
    /// go through every example ([`saved_examples`](Self::saved_examples)).
    ///
    /// # Errors
    ///
    /// When the API has no such operation, or the operation no such example: the
    /// message lists what there is.
    pub fn serve_saved(&self, operation: &str, example: &str) -> Result<(), String> {
        let route = self
            .shared
            .api
            .routes
            .iter()
            .find(|r| r.operation.name == operation);
        let Some(route) = route else {
            let names: Vec<&str> = self
                .shared
                .api
                .routes
                .iter()
                .map(|r| r.operation.name)
                .collect();
            return Err(format!("no operation `{operation}`; there are {names:?}"));
        };
        let reply = self.shared.examples.require(operation, example)?.reply();
        self.add_stub(Stub {
            operation: route.operation.name,
            when: Vec::new(),
            remaining: None,
            reply: Some(reply),
            fault: Fault::None,
        });
        Ok(())
    }

    /// Forgets every stub: each operation answers as it did at the start.
    pub fn clear_stubs(&self) {
        lock(&self.shared.stubs).clear();
    }

    /// An endpoint to stub and observe `operation`, untyped: the generated crate's
    /// per-operation accessors return typed ones.
    pub fn endpoint<T, D>(&self, operation: &'static Operation) -> Endpoint<'_, T, D> {
        Endpoint::new(self, operation)
    }

    fn add_stub(&self, stub: Stub) {
        lock(&self.shared.stubs).push(stub);
    }
}

impl Shared {
    /// What `request` is answered with: the newest stub that takes it, else what the
    /// server answers anyway.
    fn reply(&self, request: &Recorded) -> Reply {
        let stubbed = lock(&self.stubs)
            .iter_mut()
            .rev()
            .find_map(|stub| stub.take(request).then(|| (stub.reply.clone(), stub.fault)));
        match stubbed {
            Some((reply, fault)) => {
                let mut reply = reply.unwrap_or_else(|| self.unstubbed(request));
                if fault != Fault::None {
                    reply.fault = fault;
                }
                reply
            }
            None => self.unstubbed(request),
        }
    }

    /// The answer without stubs: the order book's, else the operation's first saved
    /// success example, else a bare success (an operation the collection shows no
    /// answer of), and `404` for a request no route fits.
    fn unstubbed(&self, request: &Recorded) -> Reply {
        let flag = self.api.profile.error_flag;
        let Some(operation) = request.operation() else {
            let message = format!(
                "the {} mock has no operation for {} {}",
                self.api.profile.name,
                request.method(),
                request.path()
            );
            return Reply::json(404, &flagged(flag, 0, Some(&message)));
        };
        if let Some(book) = &self.book
            && let Some(reply) = lock(book).answer(operation, request)
        {
            return reply;
        }
        match self.examples.first_success(operation) {
            Some(example) => example.reply(),
            None => Reply::json(200, &flagged(flag, 1, None)),
        }
    }
}

/// `{"<flag>": value, "message": ...}`, or just the message without a flag.
fn flagged(flag: Option<&str>, value: u8, message: Option<&str>) -> serde_json::Value {
    let mut body = serde_json::Map::new();
    if let Some(flag) = flag {
        body.insert(flag.to_owned(), value.into());
    }
    if let Some(message) = message {
        body.insert("message".to_owned(), message.into());
    }
    serde_json::Value::Object(body)
}

impl Drop for Server {
    fn drop(&mut self) {
        // Aborting the accept loop drops its set of connections, which aborts them.
        self.accept.abort();
    }
}

impl fmt::Debug for Server {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Server")
            .field("api", &self.shared.api.profile.name)
            .field("url", &self.url)
            .field("orders", &self.shared.book.is_some())
            .finish_non_exhaustive()
    }
}

/// Why a mock server did not start.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StartError {
    /// No port on 127.0.0.1 could be bound.
    #[error("cannot listen on 127.0.0.1: {0}")]
    Bind(#[source] std::io::Error),
    /// The saved examples are not in the generator's format.
    #[error("the saved examples do not parse: {0}")]
    Examples(String),
    /// Orders were asked of an API that describes no lifecycle.
    #[error("this API describes no order lifecycle (`[mock]` in the overrides file)")]
    NoLifecycle,
    /// The lifecycle names an operation or example the API does not have.
    #[error("the order lifecycle does not fit the saved examples: {0}")]
    Lifecycle(String),
}

/// Runs `future` on a new single-threaded tokio runtime (with I/O and timers): the
/// harness of generated doc examples, which have no runtime of their own.
///
/// # Panics
///
/// When the runtime cannot start (no file descriptors left).
pub fn block_on<F: std::future::Future>(future: F) -> F::Output {
    match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime.block_on(future),
        Err(e) => panic!("cannot start a tokio runtime: {e}"),
    }
}

/// Locks a mutex, even one a panicking test thread poisoned: the data is a journal
/// and stubs, still good to read.
fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}
