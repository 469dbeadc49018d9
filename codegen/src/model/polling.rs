//! The polling helper (`[polling]` in the overrides file), resolved against the
//! typed model: which operation lists orders, which checks one, and where their
//! answers hold each order's id, status and code.

/// Names the helper adds at the crate root.
pub const POLLING_ROOT_ITEMS: &[&str] = &[
    "OrderOutcome",
    "OrderSnapshot",
    "OrderState",
    "OrderTracker",
    "PollError",
    "PollOptions",
];

/// The module the helper's code goes in.
pub const POLLING_MODULE: &str = "polling";

/// The polling helper, resolved: everything the emitter needs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Polling {
    /// The client method (`wait_for_sms`).
    pub method: String,
    /// Why the helper is set up this way (from the overrides file).
    pub reason: String,
    /// The status enum (`OrderStatus`).
    pub status_enum: String,
    /// Variants meaning delivered: (Rust ident, API name).
    pub delivered: Vec<(String, String)>,
    /// Variants meaning failed: (Rust ident, API name).
    pub failed: Vec<(String, String)>,
    /// The operation listing many orders.
    pub list: Source,
    /// The operation checking one order.
    pub check: Source,
}

/// One of the two operations, and where its answer holds what.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Source {
    /// Accessors from the client to the handle (`["sms"]`).
    pub modules: Vec<String>,
    /// The handle type's path from the crate root (`sms::Sms`), for doc links.
    pub handle: String,
    /// The operation's method (`active_orders`).
    pub method: String,
    /// `POST /request/active`.
    pub http: String,
    /// Struct fields from the answer down to the array of orders (list only; empty
    /// when the answer is the array).
    pub items: Vec<String>,
    /// The order id (list only).
    pub order_id: Option<Access>,
    /// The status.
    pub status: Access,
    /// The code.
    pub code: Access,
    /// The full message.
    pub full_text: Option<Access>,
}

/// A field of a response struct.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Access {
    /// The Rust field name.
    pub ident: String,
    /// Whether it is an `Option`.
    pub optional: bool,
}
