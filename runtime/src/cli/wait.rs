//! Waiting for orders' codes on the command line: a spinner on stderr while the
//! runtime's [`wait_for_codes`](crate::poll::wait_for_codes) polls, the codes on
//! stdout, and Ctrl-C as a clean stop that still prints what arrived.

use std::time::Duration;

use serde::Serialize;
use serde_json::{Value, json};

use super::{Exit, Failure, Session};
use crate::poll::{OrderOutcome, OrderTracker, PollError, PollOptions, wait_for_codes};

/// The arguments of `wait`.
#[derive(Clone, Debug, clap::Args)]
pub struct WaitArgs {
    /// The orders to wait for.
    #[arg(required = true, value_name = "ORDER_ID")]
    pub order_ids: Vec<String>,
    /// Give up after this long (`90s`, `5m`).
    #[arg(long, value_name = "DURATION", default_value = "20m", value_parser = super::duration)]
    pub timeout: Duration,
    /// Ask the API this often (`5s`, `500ms`).
    #[arg(long, value_name = "DURATION", default_value = "5s", value_parser = super::duration)]
    pub interval: Duration,
}

/// `--wait` on the operation that creates orders.
#[derive(Clone, Debug, clap::Args)]
pub struct WaitFlag {
    /// Once bought, wait for the code and print it.
    #[arg(long)]
    pub wait: bool,
    /// With `--wait`: give up after this long.
    #[arg(long, value_name = "DURATION", default_value = "20m", value_parser = super::duration, requires = "wait")]
    pub wait_timeout: Duration,
    /// With `--wait`: ask the API this often.
    #[arg(long, value_name = "DURATION", default_value = "5s", value_parser = super::duration, requires = "wait")]
    pub wait_interval: Duration,
}

impl WaitFlag {
    /// After `answer` (the created order, as the API sent it), waits for the code of
    /// the order whose id is in its field `order_id`, when `--wait` was given.
    ///
    /// # Errors
    ///
    /// Those of [`Session::wait`]; [`Exit::Api`] when the answer has no such field
    /// (the order was not created: a token instead, say).
    pub async fn after<T: OrderTracker, A: Serialize>(
        &self,
        session: &Session,
        tracker: &T,
        answer: &A,
        order_id: &str,
    ) -> Result<(), Failure>
    where
        T::Status: Serialize + std::fmt::Display,
    {
        if !self.wait {
            return Ok(());
        }
        let value = serde_json::to_value(answer).unwrap_or(Value::Null);
        let id = match value.get(order_id) {
            Some(Value::String(id)) if !id.is_empty() => id.clone(),
            Some(Value::Number(id)) => id.to_string(),
            _ => {
                return Err(Failure::new(
                    Exit::Api,
                    format!("--wait: the answer has no `{order_id}` to wait for"),
                ));
            }
        };
        let args = WaitArgs {
            order_ids: vec![id],
            timeout: self.wait_timeout,
            interval: self.wait_interval,
        };
        session.wait(tracker, &args).await
    }
}

impl Session {
    /// Waits for the codes of `args.order_ids`, with a spinner on stderr (when it is a
    /// terminal), and prints them on stdout: the code alone for one order, `ID CODE`
    /// lines for several, the outcomes as JSON with `--json`. Ctrl-C stops the wait
    /// and prints what arrived.
    ///
    /// # Errors
    ///
    /// [`Exit::NotDelivered`] when the deadline passed or an order ended without a
    /// code, [`Exit::Interrupted`] on Ctrl-C, and the class of a request error that
    /// waiting does not fix.
    pub async fn wait<T: OrderTracker>(&self, tracker: &T, args: &WaitArgs) -> Result<(), Failure>
    where
        T::Status: Serialize + std::fmt::Display,
    {
        let spinner = indicatif::ProgressBar::new_spinner();
        let orders = match args.order_ids.as_slice() {
            [one] => format!("the code of {one}"),
            many => format!("the codes of {} orders", many.len()),
        };
        spinner.set_message(format!("waiting for {orders} (Ctrl-C stops)"));
        spinner.enable_steady_tick(Duration::from_millis(120));
        let options = PollOptions::new()
            .interval(args.interval)
            .timeout(args.timeout)
            .cancel_on(async {
                let _ = tokio::signal::ctrl_c().await;
            });
        let result = wait_for_codes(tracker, args.order_ids.iter().cloned(), options).await;
        // Stop the ticker before clearing, so that no tick draws the line again.
        spinner.disable_steady_tick();
        spinner.finish_and_clear();
        let (outcomes, ending) = match result {
            Ok(outcomes) => (outcomes, None),
            Err(PollError::Deadline { outcomes, .. }) => {
                (outcomes, Some((Exit::NotDelivered, "the deadline passed")))
            }
            Err(PollError::Cancelled { outcomes }) => {
                (outcomes, Some((Exit::Interrupted, "interrupted")))
            }
            Err(PollError::Request { source, outcomes }) => {
                self.print_outcomes(&outcomes);
                return Err(source.into());
            }
        };
        self.print_outcomes(&outcomes);
        let missing: Vec<String> = outcomes
            .iter()
            .filter(|o| !o.is_delivered())
            .map(describe)
            .collect();
        match (ending, missing.is_empty()) {
            (None, true) => Ok(()),
            (ending, _) => {
                let (exit, why) = ending.unwrap_or((Exit::NotDelivered, "orders ended"));
                Err(Failure::new(
                    exit,
                    format!("{why} without a code for: {}", missing.join(", ")),
                ))
            }
        }
    }

    fn print_outcomes<S: Serialize + std::fmt::Display>(&self, outcomes: &[OrderOutcome<S>]) {
        if self.json() {
            let list: Vec<Value> = outcomes.iter().map(outcome_json).collect();
            let _ = self.show(&list);
            return;
        }
        let delivered: Vec<&OrderOutcome<S>> =
            outcomes.iter().filter(|o| o.is_delivered()).collect();
        let lines: Vec<String> = match (outcomes.len(), delivered.as_slice()) {
            (1, [one]) => vec![one.code().unwrap_or_default().to_owned()],
            _ => delivered
                .iter()
                .map(|o| format!("{} {}", o.order_id(), o.code().unwrap_or_default()))
                .collect(),
        };
        if !lines.is_empty() {
            let _ = self.show(&lines.join("\n"));
        }
    }
}

fn status_text<S: std::fmt::Display>(status: Option<&S>) -> String {
    status.map_or_else(|| "unknown".into(), ToString::to_string)
}

fn describe<S: std::fmt::Display>(outcome: &OrderOutcome<S>) -> String {
    let state = if outcome.is_pending() {
        "still pending"
    } else {
        "ended"
    };
    format!(
        "{} ({state}, {})",
        outcome.order_id(),
        status_text(outcome.status())
    )
}

fn outcome_json<S: std::fmt::Display>(outcome: &OrderOutcome<S>) -> Value {
    let (state, snapshot) = match outcome {
        OrderOutcome::Delivered(s) => ("delivered", Some(s)),
        OrderOutcome::Failed(s) => ("failed", Some(s)),
        OrderOutcome::Pending { last, .. } => ("pending", last.as_ref()),
    };
    json!({
        "order_id": outcome.order_id(),
        "state": state,
        "status": outcome.status().map(ToString::to_string),
        "code": outcome.code(),
        "full_text": snapshot.and_then(|s| s.full_text.as_deref()),
    })
}
