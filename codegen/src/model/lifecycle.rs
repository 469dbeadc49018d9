//! How orders live (`[mock]` in the overrides file), resolved against the typed
//! model: the operations that create, list, check, cancel orders and tell the
//! balance, the saved examples their answers are made from, and the paths in those
//! examples where an order's values go. The generated mock's order book reads it.

/// An order lifecycle.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Lifecycle {
    /// Why it is described this way (from the overrides file).
    pub reason: String,
    /// The statuses an order goes through.
    pub statuses: LifecycleStatuses,
    /// Buying an order.
    pub create: LifecycleCreate,
    /// Listing the orders in progress (the polling helper's list).
    pub list: LifecycleList,
    /// Checking one order (the polling helper's check).
    pub check: LifecycleCheck,
    /// Cancelling an order, if the API can.
    pub cancel: Option<LifecycleCancel>,
    /// Telling the balance, if the API can.
    pub balance: Option<LifecycleBalance>,
}

/// An operation of the model, by where it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OperationAt {
    /// Its module path from the crate root (`["sms"]`).
    pub modules: Vec<String>,
    /// Its method (`purchase`).
    pub method: String,
    /// Its collection path (`SMS / Order SMS`).
    pub key: String,
}

/// A status value: its name and, where the enum has one, its code.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StatusValue {
    /// The API's name (`pending`).
    pub name: String,
    /// The API's code (`1`).
    pub code: Option<i64>,
}

/// The statuses an order goes through.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LifecycleStatuses {
    /// A new order.
    pub pending: StatusValue,
    /// Its message arrived.
    pub delivered: StatusValue,
    /// Cancelled and refunded.
    pub cancelled: StatusValue,
    /// No message came in time.
    pub expired: StatusValue,
}

/// Buying an order. Paths are into the saved answer (`order_id`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LifecycleCreate {
    /// The operation.
    pub operation: OperationAt,
    /// The saved success example the answer is made from.
    pub example: String,
    /// The order id.
    pub order_id: String,
    /// The phone number, wherever it is.
    pub number: Vec<String>,
    /// The cost.
    pub cost: Option<String>,
    /// The seconds until expiry.
    pub expires_in: Option<String>,
    /// The saved error example when nothing is in stock.
    pub out_of_stock: Option<String>,
    /// The saved error example when the balance is too low.
    pub low_balance: Option<String>,
}

/// Listing orders. Paths go through the list (`[].order_code`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LifecycleList {
    /// The operation.
    pub operation: OperationAt,
    /// The saved success example whose first element is a pending order.
    pub example: String,
    /// Each order's id.
    pub order_id: String,
    /// Each order's status.
    pub status: String,
    /// Each order's code.
    pub code: String,
    /// Each order's whole message.
    pub full_text: Option<String>,
    /// Each order's phone number.
    pub number: Option<String>,
    /// Each order's cost.
    pub cost: Option<String>,
}

/// Checking an order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LifecycleCheck {
    /// The operation.
    pub operation: OperationAt,
    /// The parameter taking the order id.
    pub order_id_param: String,
    /// The status.
    pub status: String,
    /// The code.
    pub code: String,
    /// The whole message.
    pub full_text: Option<String>,
    /// The saved example for a pending order.
    pub pending: String,
    /// The saved example for a delivered order.
    pub delivered: String,
    /// The saved example for a cancelled or expired order.
    pub cancelled: Option<String>,
    /// The saved error example for an unknown order.
    pub not_found: Option<String>,
}

/// Cancelling an order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LifecycleCancel {
    /// The operation.
    pub operation: OperationAt,
    /// The parameter taking the order id.
    pub order_id_param: String,
    /// The saved success example.
    pub example: String,
    /// The saved error example for an unknown order.
    pub not_found: Option<String>,
    /// The saved error example for an order that cannot be cancelled (yet).
    pub refused: Option<String>,
}

/// Telling the balance.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LifecycleBalance {
    /// The operation.
    pub operation: OperationAt,
    /// The saved success example.
    pub example: String,
    /// The balance.
    pub balance: String,
}
