//! The settings of an order book ([`Orders`]) and what a test reads back from it
//! ([`OrderView`]).

use std::time::Duration;

use rust_decimal::Decimal;

/// How orders behave in a mock started with
/// [`Server::with_orders`](super::Server::with_orders). Every value not set comes from
/// the saved examples: the balance from the balance answer, the price from the
/// purchase answer, the lifetime from its seconds until expiry, the code from the
/// delivered answer.
///
/// ```
/// use std::time::Duration;
/// use postgen_runtime::mock::Orders;
/// use postgen_runtime::rust_decimal::Decimal;
///
/// let orders = Orders::new()
///     .balance(Decimal::new(100, 2)) // 1.00
///     .deliver_after_polls(2)
///     .cancel_locked_for(Duration::from_secs(1));
/// ```
#[derive(Clone, Debug, Default)]
pub struct Orders {
    pub(super) balance: Option<Decimal>,
    pub(super) price: Option<Decimal>,
    pub(super) stock: Option<u32>,
    pub(super) delivery: Delivery,
    pub(super) code: Option<String>,
    pub(super) lifetime: Option<Option<Duration>>,
    pub(super) cancel_lock: Duration,
    pub(super) cancel_lock_message: Option<String>,
}

/// When a pending order's message arrives.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Delivery {
    /// After it has been looked at (listed or checked) this many times.
    AfterPolls(u32),
    /// Once this long has passed since the purchase.
    After(Duration),
    /// Never.
    Never,
}

impl Default for Delivery {
    fn default() -> Self {
        Delivery::AfterPolls(1)
    }
}

impl Orders {
    /// The saved examples' values; each order's message arrives at its second look.
    pub fn new() -> Self {
        Self::default()
    }

    /// The starting balance.
    pub fn balance(mut self, balance: Decimal) -> Self {
        self.balance = Some(balance);
        self
    }

    /// The price of each order.
    pub fn price(mut self, price: Decimal) -> Self {
        self.price = Some(price);
        self
    }

    /// How many orders can be bought before purchases are answered "out of stock"
    /// (unlimited by default).
    pub fn stock(mut self, stock: u32) -> Self {
        self.stock = Some(stock);
        self
    }

    /// Nothing in stock: every purchase is answered "out of stock".
    pub fn out_of_stock(self) -> Self {
        self.stock(0)
    }

    /// The message arrives once the order has been looked at (listed or checked)
    /// `polls` times: the looks before report it pending (default 1).
    pub fn deliver_after_polls(mut self, polls: u32) -> Self {
        self.delivery = Delivery::AfterPolls(polls);
        self
    }

    /// The message arrives once `wait` has passed since the purchase.
    pub fn deliver_after(mut self, wait: Duration) -> Self {
        self.delivery = Delivery::After(wait);
        self
    }

    /// No message ever arrives: orders stay pending until cancelled or expired.
    pub fn never_deliver(mut self) -> Self {
        self.delivery = Delivery::Never;
        self
    }

    /// The code every order receives (by default each order gets its own, shaped
    /// like the saved one).
    pub fn code(mut self, code: impl Into<String>) -> Self {
        self.code = Some(code.into());
        self
    }

    /// Orders still pending after `lifetime` expire, and are refunded.
    pub fn expire_after(mut self, lifetime: Duration) -> Self {
        self.lifetime = Some(Some(lifetime));
        self
    }

    /// Orders never expire.
    pub fn never_expire(mut self) -> Self {
        self.lifetime = Some(None);
        self
    }

    /// Cancelling an order is refused (with the API's saved answer) until `wait` has
    /// passed since its purchase: SMSPool's "cannot be cancelled yet".
    pub fn cancel_locked_for(mut self, wait: Duration) -> Self {
        self.cancel_lock = wait;
        self
    }

    /// The [locked](Self::cancel_locked_for) cancel is refused with `message` (HTTP
    /// 400, the error flag false) instead of the saved answer: the live API's wording
    /// differs from the collection's ("This phone number cannot be cancelled yet,
    /// please try again later!"). An order that is no longer pending is still refused
    /// with the saved answer.
    pub fn cancel_lock_message(mut self, message: impl Into<String>) -> Self {
        self.cancel_lock_message = Some(message.into());
        self
    }
}

/// One order of the book, as a test reads it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OrderView {
    /// Its id.
    pub id: String,
    /// Its phone number.
    pub number: String,
    /// Its status's name (`pending`, `completed`...).
    pub status: &'static str,
    /// What it cost.
    pub cost: Decimal,
    /// How many times it was listed or checked.
    pub looks: u32,
    /// Its code, once delivered.
    pub code: Option<String>,
}
