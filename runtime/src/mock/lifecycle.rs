//! How an API's orders live, as the generator describes it from the overrides file
//! (`[mock]`): which operations create, list, check and cancel orders, which saved
//! examples their answers are made from, and where in those answers each value goes.
//!
//! Operations are named as their [`Operation`](crate::Operation)s are (`sms::purchase`),
//! examples by their names in the collection, and fields by paths into the saved
//! answer (`order_id`; `[].order_code` in a list: see the order book's templates).

/// An order lifecycle.
#[derive(Debug)]
pub struct Lifecycle {
    /// The statuses an order goes through.
    pub statuses: Statuses,
    /// The operation that buys an order.
    pub create: Create,
    /// The operation that lists the orders in progress.
    pub list: List,
    /// The operation that reports on one order.
    pub check: Check,
    /// The operation that cancels an order (and refunds it), if there is one.
    pub cancel: Option<Cancel>,
    /// The operation that tells the balance, if there is one.
    pub balance: Option<Balance>,
}

/// One status, as the API writes it: its name, and its code where it has one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Status {
    /// The name (`pending`): written where the saved answer has a string.
    pub name: &'static str,
    /// The code (`1`): written where the saved answer has a number.
    pub code: Option<i64>,
}

/// The statuses an order goes through.
#[derive(Debug)]
pub struct Statuses {
    /// A new order, waiting for its message.
    pub pending: Status,
    /// The message arrived.
    pub delivered: Status,
    /// Cancelled, and its cost refunded.
    pub cancelled: Status,
    /// No message came in time; its cost refunded.
    pub expired: Status,
}

/// Buying an order.
#[derive(Debug)]
pub struct Create {
    /// The operation.
    pub operation: &'static str,
    /// The saved success answer the mock fills.
    pub example: &'static str,
    /// Where the order id goes.
    pub order_id: &'static str,
    /// Where the phone number goes (each path keeps its saved form, varied per order).
    pub number: &'static [&'static str],
    /// Where the cost goes; the saved value there is the default price.
    pub cost: Option<&'static str>,
    /// Where the seconds until expiry go; the saved value is the default lifetime.
    pub expires_in: Option<&'static str>,
    /// The saved answer to a purchase when nothing is in stock.
    pub out_of_stock: Option<&'static str>,
    /// The saved answer to a purchase the balance does not cover.
    pub low_balance: Option<&'static str>,
}

/// Listing the orders in progress.
#[derive(Debug)]
pub struct List {
    /// The operation.
    pub operation: &'static str,
    /// The saved answer whose first element is the template of each listed order
    /// (a pending one).
    pub example: &'static str,
    /// Each order's id (`[].order_code`).
    pub order_id: &'static str,
    /// Each order's status.
    pub status: &'static str,
    /// Each order's code.
    pub code: &'static str,
    /// Each order's whole message.
    pub full_text: Option<&'static str>,
    /// Each order's phone number.
    pub number: Option<&'static str>,
    /// Each order's cost.
    pub cost: Option<&'static str>,
}

/// Reporting on one order.
#[derive(Debug)]
pub struct Check {
    /// The operation.
    pub operation: &'static str,
    /// The parameter naming the order.
    pub order_id_param: &'static str,
    /// Where the status goes.
    pub status: &'static str,
    /// Where the code goes.
    pub code: &'static str,
    /// Where the whole message goes.
    pub full_text: Option<&'static str>,
    /// The saved answer for a pending order.
    pub pending: &'static str,
    /// The saved answer for a delivered order (its code is the default code).
    pub delivered: &'static str,
    /// The saved answer for a cancelled or expired order (else the pending one, with
    /// the status changed).
    pub cancelled: Option<&'static str>,
    /// The saved answer for an order that does not exist (else the cancel
    /// operation's, else a plain 404).
    pub not_found: Option<&'static str>,
}

/// Cancelling an order.
#[derive(Debug)]
pub struct Cancel {
    /// The operation.
    pub operation: &'static str,
    /// The parameter naming the order.
    pub order_id_param: &'static str,
    /// The saved answer to a cancel that worked.
    pub example: &'static str,
    /// The saved answer for an order that does not exist.
    pub not_found: Option<&'static str>,
    /// The saved answer for an order that cannot be cancelled (now or any more).
    pub refused: Option<&'static str>,
}

/// Telling the balance.
#[derive(Debug)]
pub struct Balance {
    /// The operation.
    pub operation: &'static str,
    /// The saved answer; its balance is the default starting balance.
    pub example: &'static str,
    /// Where the balance goes.
    pub balance: &'static str,
}
