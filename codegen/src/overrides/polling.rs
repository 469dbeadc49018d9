//! The polling helper (`[polling]`): which operations report on orders, and where
//! their answers hold each order's id, status and code.

use serde::Deserialize;

/// The polling helper: which operations report on orders, which of their response
/// fields hold what, and which statuses settle an order.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PollingOverride {
    /// The name of the generated client method (`wait_for_sms`).
    pub method: String,
    /// The enum the status fields hold (`OrderStatus`, from `[enums]`).
    pub status: String,
    /// Status names (as in the enum's `variants`) meaning the code arrived.
    pub delivered: Vec<String>,
    /// Status names meaning no code will come. Every other status is pending.
    pub failed: Vec<String>,
    /// The operation that reports on many orders at once (preferred).
    pub list: PollingList,
    /// The operation that reports on one order (for orders the list does not show).
    pub check: PollingCheck,
    /// Why.
    pub reason: String,
}

/// The operation that lists orders. Field paths use the notation of
/// `enums.*.fields`, through one array: `[].status`, `data[].status`.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PollingList {
    /// The operation's path (`SMS / Active orders`).
    pub operation: String,
    /// The field holding the order id (`[].order_code`).
    pub order_id: String,
    /// The field holding the status (`[].status`).
    pub status: String,
    /// The field holding the code (`[].code`).
    pub code: String,
    /// The field holding the full message, if any (`[].full_code`).
    pub full_text: Option<String>,
}

/// The operation that checks one order. Field paths are top-level fields of its
/// answer (`status`).
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PollingCheck {
    /// The operation's path (`SMS / Check SMS`).
    pub operation: String,
    /// The parameter (wire name) that takes the order id; the operation's only
    /// required parameter.
    pub order_id_param: String,
    /// The field holding the status.
    pub status: String,
    /// The field holding the code.
    pub code: String,
    /// The field holding the full message, if any.
    pub full_text: Option<String>,
}
