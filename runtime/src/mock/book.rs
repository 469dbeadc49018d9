//! The order book of a mock with orders: the orders bought, the balance, and the
//! answers the lifecycle's operations get, made from the saved examples.

use std::str::FromStr;
use std::time::{Duration, Instant};

use rust_decimal::Decimal;
use serde_json::Value;

use super::Recorded;
use super::examples::{Examples, SavedExample};
use super::lifecycle::{Lifecycle, Status};
use super::orders::{Delivery, OrderView, Orders};
use super::stub::Reply;
use super::template::{self, get, put, put_status, text, vary};

/// A saved answer to fill: its status and headers, and its JSON body.
#[derive(Debug)]
struct Template {
    base: Reply,
    body: Value,
}

impl Template {
    fn from(example: &SavedExample) -> Result<Template, String> {
        let body = serde_json::from_str(example.body())
            .map_err(|e| format!("the saved example {:?} is not JSON: {e}", example.name()))?;
        Ok(Template {
            base: example.reply(),
            body,
        })
    }

    fn reply(&self, body: &Value) -> Reply {
        Reply {
            body: body.to_string(),
            ..self.base.clone()
        }
    }
}

/// Where an order is in its life.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum State {
    Pending,
    Delivered,
    Cancelled,
    Expired,
}

#[derive(Debug)]
struct Order {
    seq: u32,
    id: String,
    cost: Decimal,
    bought: Instant,
    looks: u32,
    state: State,
    code: String,
}

/// Orders, a balance, and the templates the answers are made from.
#[derive(Debug)]
pub(super) struct Book {
    lifecycle: &'static Lifecycle,
    error_flag: Option<&'static str>,
    create: Template,
    list: Template,
    list_item: Value,
    check_pending: Template,
    check_delivered: Template,
    check_cancelled: Option<Template>,
    balance_answer: Option<Template>,
    examples: Replies,
    orders: Vec<Order>,
    balance: Decimal,
    price: Decimal,
    stock: Option<u32>,
    delivery: Delivery,
    code: String,
    full_text: Option<String>,
    fixed_code: bool,
    lifetime: Option<Duration>,
    cancel_lock: Duration,
    cancel_lock_message: Option<String>,
}

/// Saved answers sent as they are.
#[derive(Debug, Default)]
struct Replies {
    out_of_stock: Option<Reply>,
    low_balance: Option<Reply>,
    check_not_found: Option<Reply>,
    cancelled: Option<Reply>,
    cancel_not_found: Option<Reply>,
    cancel_refused: Option<Reply>,
}

impl Book {
    pub(super) fn new(
        lifecycle: &'static Lifecycle,
        error_flag: Option<&'static str>,
        saved: &Examples,
        orders: Orders,
    ) -> Result<Book, String> {
        let example = |operation: &str, name: &str| saved.require(operation, name);
        let template = |operation: &str, name: &str| Template::from(example(operation, name)?);
        let reply = |operation: &str, name: Option<&str>| -> Result<Option<Reply>, String> {
            name.map(|name| example(operation, name).map(SavedExample::reply))
                .transpose()
        };
        let (create, list, check) = (&lifecycle.create, &lifecycle.list, &lifecycle.check);
        let create_answer = template(create.operation, create.example)?;
        let list_answer = template(list.operation, list.example)?;
        let (array, _) = template::split_items(list.order_id)
            .ok_or_else(|| format!("the list's order id path {:?} has no `[]`", list.order_id))?;
        let list_item = get(&list_answer.body, array)
            .and_then(Value::as_array)
            .and_then(|items| items.first())
            .cloned()
            .ok_or_else(|| format!("the saved example {:?} lists no order", list.example))?;
        let check_delivered = template(check.operation, check.delivered)?;
        let code = text_at(&check_delivered.body, check.code).unwrap_or_else(|| "12345".into());
        let full_text = check
            .full_text
            .and_then(|path| text_at(&check_delivered.body, path));
        let mut examples = Replies {
            out_of_stock: reply(create.operation, create.out_of_stock)?,
            low_balance: reply(create.operation, create.low_balance)?,
            check_not_found: reply(check.operation, check.not_found)?,
            ..Replies::default()
        };
        if let Some(cancel) = &lifecycle.cancel {
            examples.cancelled = reply(cancel.operation, Some(cancel.example))?;
            examples.cancel_not_found = reply(cancel.operation, cancel.not_found)?;
            examples.cancel_refused = reply(cancel.operation, cancel.refused)?;
        }
        let balance_answer = match &lifecycle.balance {
            Some(balance) => Some(template(balance.operation, balance.example)?),
            None => None,
        };
        let saved_price = create
            .cost
            .and_then(|path| decimal_at(&create_answer.body, path));
        let price = orders.price.or(saved_price).unwrap_or(Decimal::ONE);
        let saved_balance = lifecycle.balance.as_ref().zip(balance_answer.as_ref());
        let saved_balance = saved_balance.and_then(|(b, t)| decimal_at(&t.body, b.balance));
        let saved_lifetime = create
            .expires_in
            .and_then(|path| get(&create_answer.body, path))
            .and_then(Value::as_u64)
            .map(Duration::from_secs);
        Ok(Book {
            lifecycle,
            error_flag,
            check_pending: template(check.operation, check.pending)?,
            check_cancelled: check
                .cancelled
                .map(|name| template(check.operation, name))
                .transpose()?,
            create: create_answer,
            list: list_answer,
            list_item,
            check_delivered,
            balance_answer,
            examples,
            orders: Vec::new(),
            balance: orders
                .balance
                .or(saved_balance)
                .unwrap_or(price * Decimal::from(100)),
            price,
            stock: orders.stock,
            delivery: orders.delivery,
            fixed_code: orders.code.is_some(),
            code: orders.code.unwrap_or(code),
            full_text,
            lifetime: orders.lifetime.unwrap_or(saved_lifetime),
            cancel_lock: orders.cancel_lock,
            cancel_lock_message: orders.cancel_lock_message.clone(),
        })
    }

    pub(super) fn balance(&self) -> Decimal {
        self.balance
    }

    pub(super) fn views(&self) -> Vec<OrderView> {
        self.orders
            .iter()
            .map(|order| OrderView {
                id: order.id.clone(),
                number: self.number(order),
                status: self.status(order.state).name,
                cost: order.cost,
                looks: order.looks,
                code: (order.state == State::Delivered).then(|| order.code.clone()),
            })
            .collect()
    }

    /// The answer to `request` for `operation`, when the lifecycle has it.
    pub(super) fn answer(&mut self, operation: &str, request: &Recorded) -> Option<Reply> {
        self.expire_due();
        let lifecycle = self.lifecycle;
        if operation == lifecycle.create.operation {
            return Some(self.buy());
        }
        if operation == lifecycle.list.operation {
            return Some(self.list());
        }
        if operation == lifecycle.check.operation {
            let id = request
                .param(lifecycle.check.order_id_param)
                .unwrap_or_default();
            return Some(self.check(id));
        }
        if let Some(cancel) = &lifecycle.cancel
            && operation == cancel.operation
        {
            let id = request.param(cancel.order_id_param).unwrap_or_default();
            return Some(self.cancel(id));
        }
        if let Some(balance) = &lifecycle.balance
            && operation == balance.operation
            && let Some(answer) = &self.balance_answer
        {
            let mut body = answer.body.clone();
            put(&mut body, balance.balance, &money(self.balance));
            return Some(answer.reply(&body));
        }
        None
    }

    fn buy(&mut self) -> Reply {
        if self.stock == Some(0) {
            let reply = self.examples.out_of_stock.clone();
            return reply.unwrap_or_else(|| self.error(422, "Out of stock."));
        }
        if self.balance < self.price {
            let reply = self.examples.low_balance.clone();
            return reply.unwrap_or_else(|| self.error(422, "Insufficient balance."));
        }
        self.stock = self.stock.map(|n| n - 1);
        let i = self.add(None);
        let (order, seq) = (&self.orders[i], self.orders[i].seq);
        let create = &self.lifecycle.create;
        let mut body = self.create.body.clone();
        put(&mut body, create.order_id, &order.id);
        for path in create.number {
            if let Some(saved) = text_at(&self.create.body, path) {
                put(&mut body, path, &vary(&saved, seq));
            }
        }
        if let Some(path) = create.cost {
            put(&mut body, path, &money(order.cost));
        }
        if let (Some(path), Some(lifetime)) = (create.expires_in, self.lifetime) {
            put(&mut body, path, &lifetime.as_secs().to_string());
        }
        self.create.reply(&body)
    }

    /// Adds an order, as bought now (its price comes off the balance), with `id` or
    /// one shaped like the saved id; returns its index.
    fn add(&mut self, id: Option<String>) -> usize {
        self.balance -= self.price;
        let seq = u32::try_from(self.orders.len() + 1).unwrap_or(u32::MAX);
        let id = id.unwrap_or_else(|| {
            let saved = text_at(&self.create.body, self.lifecycle.create.order_id);
            vary(&saved.unwrap_or_default(), seq)
        });
        self.orders.push(Order {
            seq,
            id,
            cost: self.price,
            bought: Instant::now(),
            looks: 0,
            state: State::Pending,
            code: if self.fixed_code {
                self.code.clone()
            } else {
                vary(&self.code, seq)
            },
        });
        self.orders.len() - 1
    }

    /// Puts an order with `id` in the book, as if bought now.
    pub(super) fn place(&mut self, id: String) -> OrderView {
        let i = self.add(Some(id));
        let mut views = self.views();
        views.swap_remove(i)
    }

    fn list(&mut self) -> Reply {
        let lifecycle: &'static Lifecycle = self.lifecycle;
        let list = &lifecycle.list;
        let field = |path: &'static str| template::split_items(path).map_or(path, |(_, f)| f);
        let mut items = Vec::new();
        for i in 0..self.orders.len() {
            if !matches!(self.orders[i].state, State::Pending | State::Delivered) {
                continue;
            }
            self.look(i);
            let order = &self.orders[i];
            let mut item = self.list_item.clone();
            put(&mut item, field(list.order_id), &order.id);
            put_status(&mut item, field(list.status), self.status(order.state));
            if let Some(path) = list.number {
                put(&mut item, field(path), &self.number(order));
            }
            if let Some(path) = list.cost {
                put(&mut item, field(path), &money(order.cost));
            }
            if order.state == State::Delivered {
                put(&mut item, field(list.code), &order.code);
                if let Some(path) = list.full_text {
                    put(&mut item, field(path), &self.full_text(order));
                }
            }
            items.push(item);
        }
        let (array, _) = template::split_items(list.order_id).unwrap_or_default();
        let mut body = self.list.body.clone();
        if let Some(slot) = template::get_mut(&mut body, array) {
            *slot = Value::Array(items);
        }
        self.list.reply(&body)
    }

    fn check(&mut self, id: &str) -> Reply {
        let Some(i) = self.orders.iter().position(|o| o.id == id) else {
            return self.not_found(self.examples.check_not_found.clone());
        };
        self.look(i);
        let lifecycle: &'static Lifecycle = self.lifecycle;
        let check = &lifecycle.check;
        let order = &self.orders[i];
        let template = match order.state {
            State::Pending => &self.check_pending,
            State::Delivered => &self.check_delivered,
            State::Cancelled | State::Expired => {
                self.check_cancelled.as_ref().unwrap_or(&self.check_pending)
            }
        };
        let mut body = template.body.clone();
        put_status(&mut body, check.status, self.status(order.state));
        if order.state == State::Delivered {
            put(&mut body, check.code, &order.code);
            if let Some(path) = check.full_text {
                put(&mut body, path, &self.full_text(order));
            }
        }
        template.reply(&body)
    }

    fn cancel(&mut self, id: &str) -> Reply {
        let Some(i) = self.orders.iter().position(|o| o.id == id) else {
            return self.not_found(self.examples.cancel_not_found.clone());
        };
        let order = &self.orders[i];
        let locked = order.bought.elapsed() < self.cancel_lock;
        if order.state == State::Pending
            && locked
            && let Some(message) = &self.cancel_lock_message
        {
            return self.error(400, message);
        }
        if order.state != State::Pending || locked {
            let reply = self.examples.cancel_refused.clone();
            return reply.unwrap_or_else(|| self.error(400, "This order cannot be cancelled."));
        }
        self.orders[i].state = State::Cancelled;
        self.balance += self.orders[i].cost;
        let reply = self.examples.cancelled.clone();
        reply.unwrap_or_else(|| self.error(500, "No saved cancel answer."))
    }

    /// One more look at order `i`: its message may arrive.
    fn look(&mut self, i: usize) {
        let delivery = self.delivery;
        let order = &mut self.orders[i];
        order.looks += 1;
        let arrived = match delivery {
            Delivery::AfterPolls(polls) => order.looks > polls,
            Delivery::After(wait) => order.bought.elapsed() >= wait,
            Delivery::Never => false,
        };
        if order.state == State::Pending && arrived {
            order.state = State::Delivered;
        }
    }

    /// Pending orders past their lifetime expire, and are refunded.
    fn expire_due(&mut self) {
        let Some(lifetime) = self.lifetime else {
            return;
        };
        for order in &mut self.orders {
            if order.state == State::Pending && order.bought.elapsed() >= lifetime {
                order.state = State::Expired;
                self.balance += order.cost;
            }
        }
    }

    fn status(&self, state: State) -> &'static Status {
        let statuses = &self.lifecycle.statuses;
        match state {
            State::Pending => &statuses.pending,
            State::Delivered => &statuses.delivered,
            State::Cancelled => &statuses.cancelled,
            State::Expired => &statuses.expired,
        }
    }

    fn number(&self, order: &Order) -> String {
        let saved = self
            .lifecycle
            .create
            .number
            .first()
            .and_then(|p| text_at(&self.create.body, p));
        vary(&saved.unwrap_or_else(|| "1000000000".into()), order.seq)
    }

    /// The whole message: the saved one with the saved code replaced by the order's.
    fn full_text(&self, order: &Order) -> String {
        let check = &self.lifecycle.check;
        let saved_code = text_at(&self.check_delivered.body, check.code).unwrap_or_default();
        match &self.full_text {
            Some(saved) if !saved_code.is_empty() => saved.replace(&saved_code, &order.code),
            Some(saved) => saved.clone(),
            None => order.code.clone(),
        }
    }

    fn not_found(&self, saved: Option<Reply>) -> Reply {
        saved
            .or_else(|| self.examples.cancel_not_found.clone())
            .unwrap_or_else(|| self.error(404, "This order does not exist."))
    }

    /// An error answer the saved examples do not have: the message, with the error
    /// flag false where the API has one.
    fn error(&self, status: u16, message: &str) -> Reply {
        let mut body = serde_json::Map::new();
        if let Some(flag) = self.error_flag {
            body.insert(flag.to_owned(), Value::from(0));
        }
        body.insert("message".to_owned(), Value::from(message));
        Reply::json(status, &Value::Object(body))
    }
}

fn text_at(value: &Value, path: &str) -> Option<String> {
    get(value, path).and_then(text)
}

fn decimal_at(value: &Value, path: &str) -> Option<Decimal> {
    text_at(value, path).and_then(|text| Decimal::from_str(&text).ok())
}

/// Money as APIs write it: at least two decimals (`5.00`, `0.24`, `0.125`).
fn money(amount: Decimal) -> String {
    if amount.scale() < 2 {
        format!("{amount:.2}")
    } else {
        amount.to_string()
    }
}
