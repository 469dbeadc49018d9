//! Replays every saved example of the SMSPool collection from the crate's own mock
//! (`smspool::mock`, a real HTTP server on 127.0.0.1), by name, and calls the matching
//! generated operation through the public client:
//!
//! - a success example must decode into the operation's typed response, and that value
//!   must serialise back to JSON equal to the example (so every value is checked, not
//!   just `is_ok`); `typed_values` spot-checks fields through their Rust types;
//! - an error example must come back as the right [`Error`]: status, message,
//!   per-parameter errors, error type and extra fields as saved;
//! - the mock's journal must show the request routed to that operation, with the key
//!   redacted.
//!
//! What the mock sends: the saved status (200 when the example has none, which is how
//! Postman shows a response it did not record the status of), the saved headers except
//! `Content-Length`, `Transfer-Encoding`, `Content-Encoding` and `Connection` (they
//! describe the original compressed, chunked transfer, which a test server cannot
//! reproduce byte for byte), and the saved body, byte for byte.

use std::collections::BTreeSet;
use std::time::Duration;

use codegen::model::{Example, Operation};
use serde_json::Value;
use smspool::mock::Server;
use smspool::{Client, Error, OrderStatus, RetryPolicy};
use smspool_tests::smspool;

type Outcome = Result<Value, Error>;

/// Calls the generated operation for `key`, taking required arguments from `p`.
macro_rules! operations {
    ($($key:literal => |$c:ident, $p:ident| $call:expr,)*) => {
        /// The collection paths of the operations the table covers.
        const COVERED: &[&str] = &[$($key),*];

        async fn call(client: &Client, key: &str, params: &dyn Fn(&str) -> String) -> Option<Outcome> {
            match key {
                $($key => {
                    let $c = client;
                    let $p = params;
                    let _ = $p; // not every operation takes arguments
                    Some($call.await.map(|value| serde_json::to_value(value).expect("a decoded value serialises")))
                })*
                _ => None,
            }
        }
    };
}

operations! {
    "Informative endpoints / Retrieve country success rates per service" => |c, p| c.informative().country_success_rates(p("service")),
    "Informative endpoints / Balance" => |c, p| c.informative().balance(),
    "Informative endpoints / Suggested Countries" => |c, p| c.informative().suggested_countries(p("service")),
    "Informative endpoints / Suggested Pools" => |c, p| c.informative().suggested_pools(p("service"), p("country")),
    "Informative endpoints / Country list" => |c, p| c.informative().country_list(),
    "Informative endpoints / Service list" => |c, p| c.informative().service_list(),
    "Informative endpoints / Pool list" => |c, p| c.informative().pool_list(),
    "SMS / Order SMS" => |c, p| c.sms().purchase(p("country"), p("service")),
    "SMS / Check SMS" => |c, p| c.sms().check(p("orderid")),
    "SMS / Active orders" => |c, p| c.sms().active_orders(),
    "SMS / Cancel SMS" => |c, p| c.sms().cancel(p("orderid")),
    "SMS / Cancel All SMS" => |c, p| c.sms().cancel_all(),
    "SMS / Clear SMS Cache" => |c, p| c.sms().clear_cache(),
    "SMS / Activate SMS" => |c, p| c.sms().activate(p("orderid")),
    "SMS / Reactivate SMS" => |c, p| c.sms().reactivate(p("orderid")),
    "SMS / Archive all orders" => |c, p| c.sms().archive_all_orders(),
    "SMS / Check Resend" => |c, p| c.sms().check_resend(p("orderid")),
    "SMS / Resend" => |c, p| c.sms().resend(p("orderid")),
    "SMS / One-time SMS stock" => |c, p| c.sms().one_time_stock(p("country"), p("service"), p("pool")),
    "SMS / One-time stock for all services" => |c, p| c.sms().one_time_stock_for_all_services(),
    "SMS / Order History" => |c, p| c.sms().order_history(),
    "SMS / Request available areacodes" => |c, p| c.sms().request_available_areacodes(p("service"), p("country")),
    "Preorders / Retrieve" => |c, p| c.preorders().retrieve(),
    "Preorders / Check" => |c, p| c.preorders().check(p("orderid")),
    "Preorders / Cancel" => |c, p| c.preorders().cancel(p("orderid")),
    "Preorders / Create" => |c, p| c.preorders().create(p("service"), p("country"), p("pool"), decimal(&p("max_price"))),
    "Preorders / Price" => |c, p| c.preorders().price(p("service"), p("country"), p("pool")),
    "Rental / Retrieve Rental IDs" => |c, p| c.rental().retrieve_ids(int(&p("type"))),
    "Rental / Order Rental" => |c, p| c.rental().purchase(int(&p("id")), int(&p("days"))),
    "Rental / Refund Rental" => |c, p| c.rental().refund(p("rental_code")),
    "Rental / Extend Rental" => |c, p| c.rental().extend(int(&p("days")), p("rental_code")),
    "Rental / Enable Auto Extend Rental" => |c, p| c.rental().enable_auto_extend(p("rental_code")),
    "Rental / Rental History" => |c, p| c.rental().history(),
    "Rental / Retrieve Rental Messages" => |c, p| c.rental().retrieve_messages(p("rental_code")),
    "Rental / Retrieve Rental Status" => |c, p| c.rental().retrieve_status(p("rental_code")),
    "Rental / Reset Rental" => |c, p| c.rental().reset(p("rental_code")),
    "Rental / Retrieve Rental Services" => |c, p| c.rental().retrieve_services(int(&p("rental"))),
    "Rental / Retrieve Active Rentals" => |c, p| c.rental().retrieve_active(),
    "Rental / Retrieve Rental Pricing" => |c, p| c.rental().retrieve_pricing(int(&p("id"))),
    "Rental / Retrieve Rental Stock" => |c, p| c.rental().retrieve_stock(int(&p("id")), int(&p("days"))),
    "Rental / Retrieve Rental Info" => |c, p| c.rental().retrieve_info(p("rental_code")),
    "Pricing / Retrieve all pricing" => |c, p| c.pricing().retrieve_all(),
    "Pricing / Retrieve specific price & Success Rate" => |c, p| c.pricing().price(p("country"), p("service"), p("pool")),
    "Carrier / Lookup" => |c, p| c.carrier().lookup(p("phonenumber")),
    "Business / Retrieve users" => |c, p| c.business().retrieve_users(),
    "Business / Register user" => |c, p| c.business().register_user(p("username"), p("password")),
    "Business / User / Update" => |c, p| c.business().user().update(int(&p("id"))),
    "Business / User / History" => |c, p| c.business().user().history(int(&p("id"))),
    "eSIMs / Purchase eSIM" => |c, p| c.esims().purchase(int(&p("plan"))),
    "eSIMs / View eSIM countries" => |c, p| c.esims().view_countries(),
    "eSIMs / View eSIM history" => |c, p| c.esims().view_history(),
    "eSIMs / View eSIM plans per country" => |c, p| c.esims().view_plans_per_country(p("country")),
    "eSIMs / View eSIM profile" => |c, p| c.esims().view_profile(p("transactionId")),
    "eSIMs / Delete eSIM" => |c, p| c.esims().delete(p("transactionId")),
    "eSIMs / Top up eSIM" => |c, p| c.esims().top_up(p("transactionId"), int(&p("plan"))),
    "eSIMs / Top Up Plans" => |c, p| c.esims().top_up_plans(int(&p("plan"))),
    "Voucher / Generate voucher" => |c, p| c.voucher().generate(decimal(&p("amount"))),
    "Voucher / Retrieve vouchers" => |c, p| c.voucher().retrieve(),
    "Voucher / Delete voucher" => |c, p| c.voucher().delete(p("voucher")),
    "Voucher / Bulk generate vouchers" => |c, p| c.voucher().bulk_generate(decimal(&p("amount")), int(&p("quantity"))),
}

/// An integer argument from a saved request's value (1 when it has none).
fn int(value: &str) -> u64 {
    value.trim().parse().unwrap_or(1)
}

/// A decimal argument from a saved request's value (0.50 when it has none).
fn decimal(value: &str) -> smspool::Decimal {
    value.trim().parse().unwrap_or(smspool::Decimal::new(50, 2))
}

/// A client of `mock` that never retries and never waits for the rate limit, so that
/// each example is served exactly once.
fn client(mock: &Server) -> Client {
    Client::builder(smspool::mock::KEY)
        .base_url(mock.url())
        .retry(RetryPolicy::none())
        .rate_limit(smspool::RateLimit::unlimited())
        .timeout(Duration::from_secs(10))
        .build()
        .expect("client builds")
}

/// The argument for parameter `wire`: the value the example's request sent, else the
/// collection's example value.
fn argument(op: &Operation, example: &Example, wire: &str) -> String {
    example
        .request_params
        .iter()
        .find(|(k, _)| k == wire)
        .map(|(_, v)| v.clone())
        .or_else(|| {
            op.params
                .iter()
                .find(|p| p.wire == wire)
                .and_then(|p| p.example.clone())
        })
        .unwrap_or_else(|| "x".to_owned())
}

/// What the example says should happen, judged from the example alone: an error for a
/// status of 400 or more, or a body whose `success` is falsy.
fn expects_error(example: &Example) -> bool {
    let failed_flag = example
        .json
        .as_ref()
        .and_then(|j| j.get("success"))
        .is_some_and(|s| s == &Value::from(0) || s == &Value::from(false));
    example.status.is_some_and(|s| s >= 400) || failed_flag
}

/// Checks an error outcome against the saved error body; `Err` says what differs.
fn check_error(example: &Example, outcome: &Outcome) -> Result<(), String> {
    let body = example
        .json
        .as_ref()
        .and_then(Value::as_object)
        .ok_or("error examples are JSON objects")?;
    let field_params: Vec<&str> = body
        .get("errors")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|e| e.get("param").and_then(Value::as_str))
        .collect();
    let rejects_key = example.status == Some(403) && field_params.contains(&"key");
    let api = match (outcome, rejects_key) {
        (Err(Error::InvalidApiKey { error, .. }), true) => error,
        (Err(Error::Api(error)), false) => error,
        (other, _) => {
            return Err(format!(
                "expected {} error, got {other:?}",
                if rejects_key {
                    "an invalid-key"
                } else {
                    "an API"
                }
            ));
        }
    };
    let status = example.status.unwrap_or(200);
    if api.status().as_u16() != status {
        return Err(format!("status {} instead of {status}", api.status()));
    }
    let message = body
        .get("message")
        .or_else(|| {
            body.get("errors")
                .and_then(|e| e.get(0))
                .and_then(|e| e.get("message"))
        })
        .and_then(Value::as_str)
        .unwrap_or_default();
    if api.message() != message {
        return Err(format!(
            "message {:?} instead of {message:?}",
            api.message()
        ));
    }
    let got_params: Vec<&str> = api
        .field_errors()
        .iter()
        .filter_map(|e| e.param.as_deref())
        .collect();
    if got_params != field_params {
        return Err(format!(
            "parameters {got_params:?} instead of {field_params:?}"
        ));
    }
    if api.error_type() != body.get("type").and_then(Value::as_str) {
        return Err(format!("error type {:?}", api.error_type()));
    }
    let extra: BTreeSet<&str> = body
        .keys()
        .map(String::as_str)
        .filter(|k| !matches!(*k, "success" | "message" | "errors" | "type"))
        .collect();
    let got_extra: BTreeSet<&str> = api.extra().keys().map(String::as_str).collect();
    if got_extra != extra {
        return Err(format!("extra fields {got_extra:?} instead of {extra:?}"));
    }
    for key in &extra {
        if api.extra().get(*key) != body.get(*key) {
            return Err(format!("extra field {key} changed"));
        }
    }
    Ok(())
}

/// Replays every example; returns (examples, failures, successes that did not
/// serialise back to their example).
async fn replay_all() -> (usize, Vec<String>, Vec<String>) {
    let generated = smspool();
    let mock = Server::start().await;
    let client = client(&mock);
    let saved: Vec<(String, String, String)> = mock
        .saved_examples()
        .map(|(op, e)| (op.to_owned(), e.request().to_owned(), e.name().to_owned()))
        .filter(|(op, _, _)| !op.starts_with("activate::"))
        .collect();
    let (mut total, mut failures, mut round_trip) = (0, Vec::new(), Vec::new());
    for (name, key, example_name) in saved {
        total += 1;
        let label = format!("{key} :: {example_name}");
        let Some(op) = generated.api.root.all_operations().find(|op| op.key == key) else {
            failures.push(format!(
                "{label}: the mock serves an operation the model lacks"
            ));
            continue;
        };
        let Some(example) = op.examples.iter().find(|e| e.name == example_name) else {
            failures.push(format!(
                "{label}: the mock serves an example the model lacks"
            ));
            continue;
        };
        mock.serve_saved(&name, &example_name)
            .expect("the mock has the example");
        mock.clear_journal();
        let params = |wire: &str| argument(op, example, wire);
        let Some(outcome) = call(&client, &op.key, &params).await else {
            failures.push(format!("{label}: no entry in the operations table"));
            continue;
        };
        let journal = mock.journal();
        match journal.as_slice() {
            [one] if one.operation() == Some(name.as_str()) && one.key_sent() => {}
            other => failures.push(format!("{label}: the mock received {other:?}")),
        }
        if format!("{journal:?}").contains(smspool::mock::KEY) {
            failures.push(format!("{label}: the journal shows the key"));
        }
        if expects_error(example) {
            if let Err(why) = check_error(example, &outcome) {
                failures.push(format!("{label}: {why}"));
            }
            continue;
        }
        match outcome {
            Ok(value) => {
                if Some(&value) != example.json.as_ref() {
                    round_trip.push(format!(
                        "{label}:\n  decoded  {value}\n  example  {:?}",
                        example.json
                    ));
                }
            }
            Err(e) => failures.push(format!("{label}: did not decode: {e}")),
        }
    }
    (total, failures, round_trip)
}

#[tokio::test]
async fn every_saved_example_decodes() {
    let (total, failures, _) = replay_all().await;
    println!("decoded {}/{total} saved examples", total - failures.len());
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert_eq!(total, 103, "the collection has 103 saved examples");
}

#[tokio::test]
async fn decoded_values_serialise_back_to_the_examples() {
    let (_, _, mismatches) = replay_all().await;
    assert!(mismatches.is_empty(), "{}", mismatches.join("\n"));
}

#[test]
fn the_table_covers_every_operation() {
    let generated = smspool();
    let keys: BTreeSet<&str> = generated
        .api
        .root
        .all_operations()
        .map(|op| op.key.as_str())
        .collect();
    let covered: BTreeSet<&str> = COVERED.iter().copied().collect();
    assert_eq!(
        keys, covered,
        "add new operations to the table in tests/replay.rs"
    );
}

/// A mock serving the saved example `example_name` of the operation `name`
/// (`sms::purchase`), and a client of it (keep the mock alive).
async fn serving(name: &str, example_name: &str) -> (Server, Client) {
    let mock = Server::start().await;
    mock.serve_saved(name, example_name)
        .expect("the mock has the example");
    let client = client(&mock);
    (mock, client)
}

#[tokio::test]
async fn typed_values() {
    use smspool::lenient::Decimal;
    let dec = |s: &str| s.parse::<Decimal>().expect("decimal");

    let (_s, c) = serving("informative::balance", "200").await;
    assert_eq!(
        c.informative().balance().await.unwrap().balance,
        dec("5.00")
    );

    let (_s, c) = serving("sms::purchase", "200 - successful order").await;
    let smspool::sms::PurchaseResponse::Order(order) = c.sms().purchase("US", 1).await.unwrap()
    else {
        panic!("an order is its own shape");
    };
    assert_eq!(order.order_id, "ABCDEFGH");
    assert_eq!(order.number.get(), 1_234_567_890);
    assert_eq!(order.cost, dec("0.24"));
    assert_eq!(order.cc, "1");
    let (_s, c) = serving("sms::purchase", "200 - created SMS token").await;
    let smspool::sms::PurchaseResponse::Token(token) = c.sms().purchase("US", 1).await.unwrap()
    else {
        panic!("a token is its own shape");
    };
    assert!(token.url.ends_with(&token.token), "{token:?}");

    let (_s, c) = serving("sms::check", "200 - order complete").await;
    let check = c.sms().check("ABCDEFGH").await.unwrap();
    assert_eq!(check.status, OrderStatus::Completed);
    assert_eq!(check.sms.as_deref(), Some("12345"));

    let (_s, c) = serving("sms::active_orders", "200").await;
    let active = c.sms().active_orders().await.unwrap();
    assert_eq!(
        active[0].status,
        OrderStatus::Pending,
        "sent as the name \"pending\""
    );
    assert_eq!(active[0].cost, dec("0.24"));

    let (_s, c) = serving("rental::retrieve_ids", "200").await;
    let rentals = c.rental().retrieve_ids(1).await.unwrap();
    assert_eq!(rentals.data[0].pricing["30"], 20);
    assert!(rentals.data.iter().any(|r| {
        r.single_service
            .as_ref()
            .is_some_and(|s| s.get()["30"] == 10)
    }));

    let (_s, c) = serving("esims::view_countries", "200").await;
    let countries = c.esims().view_countries().await.unwrap();
    let network = countries.data[0].network.get();
    assert_eq!(network[0].country, "United Arab Emirates");
    assert_eq!(network[0].network[0].operator_name, "Etisalat");
    assert_eq!(countries.data[0].data_in_gb, dec("0.1"));

    let (_s, c) = serving("carrier::lookup", "200").await;
    let lookup = c.carrier().lookup("123456789").await.unwrap();
    assert_eq!(
        lookup.extra["success"], true,
        "the error flag, `true` in this answer, is kept as sent"
    );

    let (_s, c) = serving("pricing::price", "200").await;
    assert_eq!(
        c.pricing().price("1", "1", "7").await.unwrap().success_rate,
        100,
        "a number"
    );
    let (_s, c) = serving("informative::country_success_rates", "200").await;
    assert_eq!(
        c.informative().country_success_rates("1").await.unwrap()[0].success_rate,
        100,
        "a string"
    );

    let (_s, c) = serving("preorders::price", "Current highest bid").await;
    assert_eq!(
        c.preorders().price("1", "1", "7").await.unwrap().cost,
        dec("1.21"),
        "exact, not 1.2099999"
    );
}
