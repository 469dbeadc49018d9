//! The mock's order lifecycle (`[mock]`): which operations create, list, check and
//! cancel orders, which saved examples their answers are made from, and where the
//! order's values go in them. Listing and checking are the polling helper's
//! operations (`[polling]`), with its field paths.

use serde::Deserialize;

/// How orders live, for the generated mock's order book.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MockOverride {
    /// Why the lifecycle is described this way.
    pub reason: String,
    /// The statuses an order goes through: values of the polling helper's enum.
    pub statuses: MockStatuses,
    /// The operation that buys an order.
    pub create: MockCreate,
    /// The polling helper's list operation, as the mock answers it.
    pub list: MockList,
    /// The polling helper's check operation, as the mock answers it.
    pub check: MockCheck,
    /// The operation that cancels (and refunds) an order.
    pub cancel: Option<MockCancel>,
    /// The operation that tells the balance.
    pub balance: Option<MockBalance>,
}

/// Status names, as in the enum's `variants`.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MockStatuses {
    /// A new order.
    pub pending: String,
    /// Its message arrived.
    pub delivered: String,
    /// Cancelled and refunded.
    pub cancelled: String,
    /// No message came in time.
    pub expired: String,
}

/// Buying an order. Field paths are as in `[polling.check]`: fields of the answer,
/// dot-separated.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MockCreate {
    /// The operation's path (`SMS / Order SMS`).
    pub operation: String,
    /// The saved success example the answer is made from.
    pub example: String,
    /// The field holding the order id.
    pub order_id: String,
    /// The fields holding the phone number.
    #[serde(default)]
    pub number: Vec<String>,
    /// The field holding the cost.
    pub cost: Option<String>,
    /// The field holding the seconds until the order expires.
    pub expires_in: Option<String>,
    /// The saved error example for a purchase when nothing is in stock.
    pub out_of_stock: Option<String>,
    /// The saved error example for a purchase the balance does not cover.
    pub low_balance: Option<String>,
}

/// Listing orders: the polling list's operation and paths, plus these.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MockList {
    /// The saved success example whose first element (a pending order) is the
    /// template of each listed order.
    pub example: String,
    /// The field of each element holding the phone number (`[].phonenumber`).
    pub number: Option<String>,
    /// The field of each element holding the cost (`[].cost`).
    pub cost: Option<String>,
}

/// Checking an order: the polling check's operation and paths, with these examples.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MockCheck {
    /// The saved example for a pending order.
    pub pending: String,
    /// The saved example for a delivered order.
    pub delivered: String,
    /// The saved example for a cancelled or expired order.
    pub cancelled: Option<String>,
    /// The saved error example for an order that does not exist.
    pub not_found: Option<String>,
}

/// Cancelling an order.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MockCancel {
    /// The operation's path (`SMS / Cancel SMS`).
    pub operation: String,
    /// The parameter (wire name) that takes the order id.
    pub order_id_param: String,
    /// The saved success example.
    pub example: String,
    /// The saved error example for an order that does not exist.
    pub not_found: Option<String>,
    /// The saved error example for an order that cannot be cancelled (yet).
    pub refused: Option<String>,
}

/// Telling the balance.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MockBalance {
    /// The operation's path (`Informative endpoints / Balance`).
    pub operation: String,
    /// The saved success example.
    pub example: String,
    /// The field holding the balance.
    pub balance: String,
}
