//! Waiting for orders' codes: poll one endpoint that lists many orders at once, check
//! single orders only when the list does not show them, and stop when every order is
//! settled, at a deadline, or on cancellation.
//!
//! A generated crate implements [`OrderTracker`] for its client (SMSPool: the list is
//! `/request/active`, the single check `/sms/check`, as SMSPool's article advises) and
//! wraps [`wait_for_codes`] in a method such as `client.wait_for_sms(...)`. Every
//! request goes through the client, so its rate limit and retry policy apply.

use std::collections::HashMap;
use std::fmt;
use std::future::{Future, poll_fn};
use std::pin::{Pin, pin};
use std::task::Poll;
use std::time::Duration;

use tokio::time::Instant;

use crate::Error;

/// Default time between two rounds of polling.
pub const DEFAULT_INTERVAL: Duration = Duration::from_secs(5);
/// Default time allowed for the whole wait: 20 minutes, the lifetime of an SMSPool
/// order.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(20 * 60);

/// Where an order stands, as far as waiting for its code goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum OrderState {
    /// No code yet; it may still come.
    Pending,
    /// The code arrived.
    Delivered,
    /// No code will come (expired, cancelled, refunded...).
    Failed,
}

/// What one look at an order showed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OrderSnapshot<S> {
    /// The order's id.
    pub order_id: String,
    /// Its status, as the API reported it.
    pub status: S,
    /// The code, when the API sent a non-empty one.
    pub code: Option<String>,
    /// The full text of the message, when the API sent a non-empty one.
    pub full_text: Option<String>,
}

/// An API that can report on orders: many at once ([`list_orders`](Self::list_orders),
/// preferred) and one at a time ([`check_order`](Self::check_order), used only for
/// orders the list does not show).
///
/// Generated crates implement it for their client. Implementations should send their
/// requests through the [`Client`](crate::Client), so that the rate limit applies.
pub trait OrderTracker: Sync {
    /// The order status type (a generated enum).
    type Status: Clone + fmt::Debug + Send + Sync;

    /// Whether `status` means the code is still to come, has come, or never will.
    fn state(&self, status: &Self::Status) -> OrderState;

    /// The orders one request can report on. Orders missing from the answer are
    /// checked one by one; a tracker without a list endpoint returns an empty list.
    fn list_orders(
        &self,
    ) -> impl Future<Output = Result<Vec<OrderSnapshot<Self::Status>>, Error>> + Send;

    /// One order.
    fn check_order(
        &self,
        order_id: &str,
    ) -> impl Future<Output = Result<OrderSnapshot<Self::Status>, Error>> + Send;
}

/// How long and how often to poll, and when to give up early.
///
/// ```
/// use std::time::Duration;
/// use postgen_runtime::poll::PollOptions;
///
/// let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
/// let options = PollOptions::new()
///     .interval(Duration::from_secs(3))
///     .timeout(Duration::from_secs(300))
///     .cancel_on(async move {
///         let _ = stopped.await;
///     });
/// # drop(stop);
/// ```
#[must_use]
pub struct PollOptions {
    interval: Duration,
    limit: Limit,
    cancel: Option<Pin<Box<dyn Future<Output = ()> + Send>>>,
}

#[derive(Clone, Copy, Debug)]
enum Limit {
    After(Duration),
    At(std::time::Instant),
}

impl Default for PollOptions {
    /// A round every 5 s, for up to 20 minutes, never cancelled.
    fn default() -> Self {
        Self {
            interval: DEFAULT_INTERVAL,
            limit: Limit::After(DEFAULT_TIMEOUT),
            cancel: None,
        }
    }
}

impl fmt::Debug for PollOptions {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PollOptions")
            .field("interval", &self.interval)
            .field("limit", &self.limit)
            .field("cancellable", &self.cancel.is_some())
            .finish()
    }
}

impl PollOptions {
    /// The defaults: see [`Default`](#impl-Default-for-PollOptions).
    pub fn new() -> Self {
        Self::default()
    }

    /// Time between the start of one round and the next (default 5 s). Rounds never
    /// send faster than the client's rate limit, whatever this says.
    pub fn interval(mut self, interval: Duration) -> Self {
        self.interval = interval;
        self
    }

    /// Gives up this long after the wait starts (default 20 minutes).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.limit = Limit::After(timeout);
        self
    }

    /// Gives up at `deadline`.
    pub fn deadline(mut self, deadline: std::time::Instant) -> Self {
        self.limit = Limit::At(deadline);
        self
    }

    /// Gives up as soon as `signal` completes (a oneshot receiver, a cancellation
    /// token's `cancelled_owned()`, `tokio::signal::ctrl_c()` mapped to `()`...).
    pub fn cancel_on(mut self, signal: impl Future<Output = ()> + Send + 'static) -> Self {
        self.cancel = Some(Box::pin(signal));
        self
    }
}

/// How one order ended up.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OrderOutcome<S> {
    /// The status says the code arrived; [`code`](Self::code) holds it (`None` only if
    /// neither the list nor the single check sent one).
    Delivered(OrderSnapshot<S>),
    /// No code will come; the snapshot holds the final status.
    Failed(OrderSnapshot<S>),
    /// Still waiting when polling stopped.
    Pending {
        /// The order's id.
        order_id: String,
        /// What the last look showed, if any look succeeded.
        last: Option<OrderSnapshot<S>>,
    },
}

impl<S> OrderOutcome<S> {
    /// The order's id.
    pub fn order_id(&self) -> &str {
        match self {
            OrderOutcome::Delivered(s) | OrderOutcome::Failed(s) => &s.order_id,
            OrderOutcome::Pending { order_id, .. } => order_id,
        }
    }

    /// The code, for a delivered order.
    pub fn code(&self) -> Option<&str> {
        match self {
            OrderOutcome::Delivered(s) => s.code.as_deref(),
            _ => None,
        }
    }

    /// The last status seen, if any.
    pub fn status(&self) -> Option<&S> {
        match self {
            OrderOutcome::Delivered(s) | OrderOutcome::Failed(s) => Some(&s.status),
            OrderOutcome::Pending { last, .. } => last.as_ref().map(|s| &s.status),
        }
    }

    /// Whether the code arrived.
    pub fn is_delivered(&self) -> bool {
        matches!(self, OrderOutcome::Delivered(_))
    }

    /// Whether the order was still waiting when polling stopped.
    pub fn is_pending(&self) -> bool {
        matches!(self, OrderOutcome::Pending { .. })
    }
}

/// Why polling stopped before every order was settled. Each variant keeps the
/// outcome of every order so far, in the order they were asked for: codes that did
/// arrive are never lost.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum PollError<S: fmt::Debug> {
    /// The deadline passed.
    #[error("the deadline passed with {} of {} orders still pending", pending(.outcomes), .outcomes.len())]
    Deadline {
        /// Every order's outcome.
        outcomes: Vec<OrderOutcome<S>>,
        /// The error of the last round, when it failed with a transient error
        /// (network, rate limit, 5xx) that polling rode out.
        #[source]
        last_error: Option<Error>,
    },
    /// The cancellation signal completed.
    #[error("polling was cancelled with {} of {} orders still pending", pending(.outcomes), .outcomes.len())]
    Cancelled {
        /// Every order's outcome.
        outcomes: Vec<OrderOutcome<S>>,
    },
    /// A request failed in a way retrying will not fix (rejected key, an API error
    /// other than a 5xx...).
    #[error("polling stopped by an error that waiting will not fix")]
    Request {
        /// The error.
        #[source]
        source: Error,
        /// Every order's outcome.
        outcomes: Vec<OrderOutcome<S>>,
    },
}

fn pending<S>(outcomes: &[OrderOutcome<S>]) -> usize {
    outcomes.iter().filter(|o| o.is_pending()).count()
}

impl<S: fmt::Debug> PollError<S> {
    /// Every order's outcome when polling stopped.
    pub fn outcomes(&self) -> &[OrderOutcome<S>] {
        match self {
            PollError::Deadline { outcomes, .. }
            | PollError::Cancelled { outcomes }
            | PollError::Request { outcomes, .. } => outcomes,
        }
    }

    /// Every order's outcome when polling stopped, by value.
    pub fn into_outcomes(self) -> Vec<OrderOutcome<S>> {
        match self {
            PollError::Deadline { outcomes, .. }
            | PollError::Cancelled { outcomes }
            | PollError::Request { outcomes, .. } => outcomes,
        }
    }
}

/// Polls `tracker` until every order in `order_ids` has its code or has failed, and
/// returns their outcomes in the order given (duplicates removed).
///
/// Each round lists the orders with one request and checks individually only the
/// orders the list does not show (or shows as delivered without a code). Transient
/// failures (network, 429, 5xx; already retried by the client) skip the rest of the
/// round; polling goes on until the deadline.
///
/// # Errors
///
/// [`PollError`] at the deadline, on cancellation, or on an error that waiting will
/// not fix; each carries every order's outcome so far.
pub fn wait_for_codes<'a, T: OrderTracker>(
    tracker: &'a T,
    order_ids: impl IntoIterator<Item = impl Into<String>>,
    options: PollOptions,
) -> impl Future<Output = Result<Vec<OrderOutcome<T::Status>>, PollError<T::Status>>> + Send + 'a {
    let mut ids: Vec<String> = Vec::new();
    for id in order_ids {
        let id = id.into();
        if !ids.contains(&id) {
            ids.push(id);
        }
    }
    run(tracker, ids, options)
}

/// One order being waited for.
struct Tracked<S> {
    order_id: String,
    last: Option<OrderSnapshot<S>>,
    state: OrderState,
}

impl<S> Tracked<S> {
    fn outcome(self) -> OrderOutcome<S> {
        match (self.state, self.last) {
            (OrderState::Delivered, Some(s)) => OrderOutcome::Delivered(s),
            (OrderState::Failed, Some(s)) => OrderOutcome::Failed(s),
            (_, last) => OrderOutcome::Pending {
                order_id: self.order_id,
                last,
            },
        }
    }
}

enum Stop {
    Cancelled,
    Deadline,
}

async fn run<T: OrderTracker>(
    tracker: &T,
    ids: Vec<String>,
    options: PollOptions,
) -> Result<Vec<OrderOutcome<T::Status>>, PollError<T::Status>> {
    let start = Instant::now();
    let deadline = match options.limit {
        Limit::After(timeout) => start.checked_add(timeout),
        Limit::At(at) => Some(Instant::from_std(at)),
    };
    let mut cancel = options.cancel;
    let mut orders: Vec<Tracked<T::Status>> = ids
        .into_iter()
        .map(|order_id| Tracked {
            order_id,
            last: None,
            state: OrderState::Pending,
        })
        .collect();
    let mut last_error = None;
    let outcomes =
        |orders: Vec<Tracked<T::Status>>| orders.into_iter().map(Tracked::outcome).collect();

    loop {
        if orders.iter().all(|o| o.state != OrderState::Pending) {
            return Ok(outcomes(orders));
        }
        let round_start = Instant::now();
        let round = round(tracker, &mut orders, &mut last_error);
        let stop = match interruptible(&mut cancel, deadline, round).await {
            Ok(Ok(())) => None,
            Ok(Err(source)) => {
                return Err(PollError::Request {
                    source,
                    outcomes: outcomes(orders),
                });
            }
            Err(stop) => Some(stop),
        };
        let stop = match stop {
            Some(stop) => Some(stop),
            None if orders.iter().all(|o| o.state != OrderState::Pending) => None,
            None => {
                let next = async {
                    match round_start.checked_add(options.interval) {
                        Some(at) => tokio::time::sleep_until(at).await,
                        None => std::future::pending().await,
                    }
                };
                interruptible(&mut cancel, deadline, next).await.err()
            }
        };
        match stop {
            None => {}
            Some(Stop::Cancelled) => {
                return Err(PollError::Cancelled {
                    outcomes: outcomes(orders),
                });
            }
            Some(Stop::Deadline) => {
                return Err(PollError::Deadline {
                    outcomes: outcomes(orders),
                    last_error,
                });
            }
        }
    }
}

/// One round: the list, then single checks for what it did not settle.
async fn round<T: OrderTracker>(
    tracker: &T,
    orders: &mut [Tracked<T::Status>],
    last_error: &mut Option<Error>,
) -> Result<(), Error> {
    let list = match tracker.list_orders().await {
        Ok(list) => list,
        Err(e) if e.is_transient() => {
            *last_error = Some(e);
            return Ok(());
        }
        Err(e) => return Err(e),
    };
    *last_error = None;
    let mut listed: HashMap<String, OrderSnapshot<T::Status>> = HashMap::new();
    for snapshot in list {
        listed.entry(snapshot.order_id.clone()).or_insert(snapshot);
    }
    let mut unsettled = Vec::new();
    for (index, order) in orders.iter_mut().enumerate() {
        if order.state != OrderState::Pending {
            continue;
        }
        match listed.remove(&order.order_id) {
            Some(snapshot) => {
                let state = tracker.state(&snapshot.status);
                if state == OrderState::Delivered && snapshot.code.is_none() {
                    unsettled.push(index);
                } else {
                    order.state = state;
                    order.last = Some(snapshot);
                }
            }
            None => unsettled.push(index),
        }
    }
    for index in unsettled {
        let order = &mut orders[index];
        match tracker.check_order(&order.order_id).await {
            Ok(mut snapshot) => {
                snapshot.order_id.clone_from(&order.order_id);
                order.state = tracker.state(&snapshot.status);
                order.last = Some(snapshot);
            }
            Err(e) if e.is_transient() => {
                *last_error = Some(e);
                return Ok(());
            }
            Err(e) => return Err(e),
        }
    }
    Ok(())
}

/// Runs `work` unless `cancel` completes or `deadline` passes first.
async fn interruptible<F: Future>(
    cancel: &mut Option<Pin<Box<dyn Future<Output = ()> + Send>>>,
    deadline: Option<Instant>,
    work: F,
) -> Result<F::Output, Stop> {
    let mut work = pin!(work);
    let mut timer = pin!(deadline.map(tokio::time::sleep_until));
    poll_fn(|cx| {
        if let Some(signal) = cancel.as_mut()
            && signal.as_mut().poll(cx).is_ready()
        {
            return Poll::Ready(Err(Stop::Cancelled));
        }
        // The clock is read too: a timer that is already due may not say so on its
        // first poll.
        if let Some(timer) = timer.as_mut().as_pin_mut()
            && (timer.poll(cx).is_ready() || deadline.is_some_and(|d| Instant::now() >= d))
        {
            return Poll::Ready(Err(Stop::Deadline));
        }
        work.as_mut().poll(cx).map(Ok)
    })
    .await
}

#[cfg(test)]
mod tests {
    use std::sync::Mutex;

    use super::*;
    use crate::error::ConfigError;

    /// Status 3 is delivered, 2 failed, anything else pending.
    struct Fake {
        lists: Mutex<Vec<Result<Vec<OrderSnapshot<u8>>, Error>>>,
        checked: Mutex<Vec<String>>,
    }

    fn snap(id: &str, status: u8, code: Option<&str>) -> OrderSnapshot<u8> {
        OrderSnapshot {
            order_id: id.into(),
            status,
            code: code.map(Into::into),
            full_text: None,
        }
    }

    impl OrderTracker for Fake {
        type Status = u8;

        fn state(&self, status: &u8) -> OrderState {
            match status {
                3 => OrderState::Delivered,
                2 => OrderState::Failed,
                _ => OrderState::Pending,
            }
        }

        async fn list_orders(&self) -> Result<Vec<OrderSnapshot<u8>>, Error> {
            let mut lists = self.lists.lock().unwrap_or_else(|p| p.into_inner());
            if lists.len() > 1 {
                lists.remove(0)
            } else {
                match lists.first() {
                    Some(Ok(list)) => Ok(list.clone()),
                    _ => Err(Error::Config(ConfigError::new("no list"))),
                }
            }
        }

        async fn check_order(&self, order_id: &str) -> Result<OrderSnapshot<u8>, Error> {
            self.checked
                .lock()
                .unwrap_or_else(|p| p.into_inner())
                .push(order_id.into());
            Ok(snap("ignored", 3, Some("777")))
        }
    }

    fn fake(lists: Vec<Result<Vec<OrderSnapshot<u8>>, Error>>) -> Fake {
        Fake {
            lists: Mutex::new(lists),
            checked: Mutex::new(Vec::new()),
        }
    }

    fn quick() -> PollOptions {
        PollOptions::new()
            .interval(Duration::from_millis(1))
            .timeout(Duration::from_secs(10))
    }

    #[tokio::test]
    async fn delivered_without_a_code_in_the_list_is_checked() {
        let tracker = fake(vec![Ok(vec![snap("A", 3, None), snap("B", 2, None)])]);
        let outcomes = wait_for_codes(&tracker, ["A", "B"], quick())
            .await
            .expect("settled");
        assert_eq!(outcomes[0].code(), Some("777"));
        assert_eq!(
            outcomes[0].order_id(),
            "A",
            "the id asked for, not the answer's"
        );
        assert!(matches!(&outcomes[1], OrderOutcome::Failed(s) if s.status == 2));
        assert_eq!(*tracker.checked.lock().unwrap(), ["A"]);
    }

    #[tokio::test]
    async fn an_error_waiting_will_not_fix_stops_with_the_outcomes_so_far() {
        let tracker = fake(vec![
            Ok(vec![snap("A", 3, Some("1")), snap("B", 1, None)]),
            Err(Error::Config(ConfigError::new("broken"))),
        ]);
        let error = wait_for_codes(&tracker, ["A", "B"], quick())
            .await
            .expect_err("stops");
        let outcomes = error.outcomes();
        assert_eq!(outcomes[0].code(), Some("1"), "the code is kept");
        assert!(outcomes[1].is_pending());
        assert_eq!(outcomes[1].status(), Some(&1));
        assert!(matches!(error, PollError::Request { .. }));
    }

    #[tokio::test]
    async fn a_zero_timeout_sends_nothing() {
        let tracker = fake(vec![]);
        let error = wait_for_codes(&tracker, ["A"], quick().timeout(Duration::ZERO))
            .await
            .expect_err("no time");
        assert!(matches!(error, PollError::Deadline { .. }));
        assert!(tracker.checked.lock().unwrap().is_empty());
    }
}
