//! The crate's mock (`smspool::mock`, feature `mock`) as a user's tests meet it: a
//! small bot (buy a number, wait for the code, cancel on timeout) driven against the
//! order book, with the faults a real bot has to survive; then the mock's own parts
//! (stubs by example, by value, by parameter; faults; the journal; the order book's
//! answers), each through the public client.

use std::time::Duration;

use smspool::mock::{self, Orders, Server};
use smspool::sms::PurchaseResponse;
use smspool::{Client, Decimal, Error, OrderStatus, PollError, PollOptions, TransportKind};

/// What the bot got for one verification.
#[derive(Debug, PartialEq, Eq)]
enum Verification {
    /// The code arrived.
    Code(String),
    /// No code in time: the order was cancelled (and refunded).
    Cancelled(String),
}

/// The bot under test: buy a US number for service 1, wait up to `patience` for the
/// code, cancel the order if it does not come.
async fn verify(
    client: &Client,
    patience: Duration,
) -> Result<Verification, Box<dyn std::error::Error>> {
    let PurchaseResponse::Order(order) = client.sms().purchase("US", 1).await? else {
        return Err("a token instead of an order".into());
    };
    let options = PollOptions::new()
        .interval(Duration::from_millis(50))
        .timeout(patience);
    match client.wait_for_sms([order.order_id.clone()], options).await {
        Ok(outcomes) => {
            let code = outcomes[0].code().ok_or("delivered without a code")?;
            Ok(Verification::Code(code.to_owned()))
        }
        Err(PollError::Deadline { .. }) => {
            client.sms().cancel(&order.order_id).await?;
            Ok(Verification::Cancelled(order.order_id))
        }
        Err(other) => Err(other.into()),
    }
}

fn dollars(text: &str) -> Decimal {
    text.parse().expect("a decimal")
}

async fn balance(client: &Client) -> Decimal {
    let answer = client.informative().balance().await.expect("the balance");
    answer.balance.to_string().parse().expect("a decimal")
}

#[tokio::test]
async fn the_bot_buys_a_number_and_gets_its_code() {
    let mock = Server::with_orders(Orders::new().deliver_after_polls(2)).await;
    let client = mock.client();
    assert_eq!(balance(&client).await, dollars("5.00"), "the saved balance");

    let outcome = verify(&client, Duration::from_secs(10))
        .await
        .expect("verified");

    let orders = mock.orders();
    assert_eq!(orders.len(), 1, "one purchase");
    let code = orders[0].code.clone().expect("delivered");
    assert_eq!(outcome, Verification::Code(code));
    assert_eq!(orders[0].status, "completed");
    assert!(
        orders[0].looks >= 3,
        "pending twice, then completed: {orders:?}"
    );
    assert_eq!(
        balance(&client).await,
        dollars("4.76"),
        "5.00 less the saved 0.24"
    );
    let check = client.sms().check(&orders[0].id).await.expect("check");
    assert_eq!(check.status, OrderStatus::Completed);
    assert_eq!(check.sms.as_deref(), orders[0].code.as_deref());
    assert_eq!(
        check.full_sms.as_deref(),
        Some(
            format!(
                "Full code: {}",
                orders[0].code.as_deref().unwrap_or_default()
            )
            .as_str()
        ),
        "the saved text, with this order's code"
    );
}

#[tokio::test]
async fn the_bot_times_out_cancels_and_is_refunded() {
    let mock = Server::with_orders(Orders::new().never_deliver()).await;
    let client = mock.client();

    let outcome = verify(&client, Duration::from_millis(300))
        .await
        .expect("handled");

    let orders = mock.orders();
    assert_eq!(outcome, Verification::Cancelled(orders[0].id.clone()));
    assert_eq!(
        orders[0].status, "refunded",
        "a cancelled order is refunded"
    );
    assert_eq!(
        balance(&client).await,
        dollars("5.00"),
        "the refund is in the balance"
    );
    let check = client.sms().check(&orders[0].id).await.expect("check");
    assert_eq!(check.status, OrderStatus::Refunded);
    assert_eq!(mock.sms().cancel().received().len(), 1, "cancelled once");
}

#[tokio::test]
async fn a_429_in_the_middle_is_ridden_out() {
    let mock = Server::with_orders(Orders::new().deliver_after_polls(1)).await;
    mock.sms()
        .active_orders()
        .times(1)
        .rate_limited(Duration::from_secs(1));
    let client = mock.client();

    let outcome = verify(&client, Duration::from_secs(20))
        .await
        .expect("verified");

    assert!(matches!(outcome, Verification::Code(_)), "{outcome:?}");
    let statuses: Vec<u16> = mock
        .sms()
        .active_orders()
        .received()
        .iter()
        .map(|r| r.status())
        .collect();
    assert_eq!(statuses.first(), Some(&429), "{statuses:?}");
    assert!(statuses[1..].iter().all(|s| *s == 200), "{statuses:?}");
}

#[tokio::test]
async fn a_purchase_under_a_500_is_sent_exactly_once() {
    let mock = Server::with_orders(Orders::new()).await;
    mock.sms()
        .purchase()
        .times(1)
        .html(500, "<html><body>Internal Server Error</body></html>");
    let client = mock.client();

    let error = verify(&client, Duration::from_secs(5))
        .await
        .expect_err("the purchase failed");
    let error = error.downcast::<Error>().expect("an API error");
    assert_eq!(error.status().map(|s| s.as_u16()), Some(500), "{error}");
    assert_eq!(
        mock.sms().purchase().received().len(),
        1,
        "a paid call is never retried"
    );
    assert!(mock.orders().is_empty(), "the 500 came before the book");
    assert_eq!(balance(&client).await, dollars("5.00"));

    let outcome = verify(&client, Duration::from_secs(10))
        .await
        .expect("the next one works");
    assert!(matches!(outcome, Verification::Code(_)), "{outcome:?}");
    assert_eq!(mock.sms().purchase().received().len(), 2);
}

#[tokio::test]
async fn a_purchase_whose_answer_is_cut_off_is_an_unknown_outcome_and_a_real_order() {
    let mock = Server::with_orders(Orders::new()).await;
    mock.sms().purchase().times(1).cut_off();
    let client = mock.client();

    let error = client.sms().purchase("US", 1).await.expect_err("cut off");
    assert!(matches!(error, Error::OutcomeUnknown { .. }), "{error:?}");
    assert_eq!(
        mock.orders().len(),
        1,
        "the server did buy it: why the outcome is unknown"
    );
    assert_eq!(
        mock.sms().purchase().received().len(),
        1,
        "and it was not sent again"
    );
}

#[tokio::test]
async fn out_of_stock_and_a_low_balance_are_answered_as_smspool_answers_them() {
    let mock = Server::with_orders(Orders::new().stock(1)).await;
    let client = mock.client();
    client
        .sms()
        .purchase("US", 1)
        .await
        .expect("the one in stock");
    let error = client.sms().purchase("US", 1).await.expect_err("none left");
    let Error::Api(api) = &error else {
        panic!("{error:?}")
    };
    assert_eq!(
        (api.status().as_u16(), api.error_type()),
        (422, Some("OUT_OF_STOCK"))
    );

    let mock = Server::with_orders(Orders::new().balance(dollars("0.30"))).await;
    let client = mock.client();
    client
        .sms()
        .purchase("US", 1)
        .await
        .expect("0.30 pays for one at 0.24");
    let error = client.sms().purchase("US", 1).await.expect_err("0.06 left");
    let Error::Api(api) = &error else {
        panic!("{error:?}")
    };
    assert_eq!(
        (api.status().as_u16(), api.error_type()),
        (422, Some("BALANCE_ERROR"))
    );
    assert_eq!(mock.balance(), Some(dollars("0.06")));
}

#[tokio::test]
async fn a_cancel_too_soon_is_refused_and_an_unknown_order_is_not_found() {
    let mock =
        Server::with_orders(Orders::new().cancel_locked_for(Duration::from_secs(3600))).await;
    let client = mock.client();
    let PurchaseResponse::Order(order) = client.sms().purchase("US", 1).await.expect("bought")
    else {
        panic!("an order");
    };
    let error = client
        .sms()
        .cancel(&order.order_id)
        .await
        .expect_err("too soon");
    let Error::Api(api) = &error else {
        panic!("{error:?}")
    };
    assert_eq!(api.status().as_u16(), 400);
    assert!(api.message().contains("cannot be cancelled yet"), "{api:?}");
    assert_eq!(mock.orders()[0].status, "pending", "still pending");

    let error = client.sms().cancel("NOSUCHID").await.expect_err("unknown");
    let Error::Api(api) = &error else {
        panic!("{error:?}")
    };
    assert_eq!(api.status().as_u16(), 404);
}

#[tokio::test]
async fn orders_listed_and_checked_carry_their_own_values() {
    let mock = Server::with_orders(Orders::new().price(dollars("1.50")).code("424242")).await;
    let client = mock.client();
    let PurchaseResponse::Order(first) = client.sms().purchase("US", 1).await.expect("bought")
    else {
        panic!("an order");
    };
    let PurchaseResponse::Order(second) = client.sms().purchase("US", 1).await.expect("bought")
    else {
        panic!("an order");
    };
    assert_ne!(first.order_id, second.order_id);
    assert_eq!(first.cost.to_string(), "1.50");
    assert_eq!(first.expires_in.get(), 1200, "the saved lifetime");

    let listed = client.sms().active_orders().await.expect("listed");
    let ids: Vec<&str> = listed.iter().map(|o| o.order_code.as_str()).collect();
    assert_eq!(ids, [first.order_id.as_str(), second.order_id.as_str()]);
    assert!(
        listed.iter().all(|o| o.status == OrderStatus::Pending),
        "first look: pending"
    );
    assert_eq!(listed[0].phonenumber, mock.orders()[0].number);

    let listed = client.sms().active_orders().await.expect("listed");
    assert!(
        listed
            .iter()
            .all(|o| o.status == OrderStatus::Completed && o.code == "424242")
    );
    assert_eq!(
        balance(&client).await,
        dollars("2.00"),
        "5.00 less two at 1.50"
    );
}

#[tokio::test]
async fn placed_orders_expire_and_are_refunded() {
    let orders = Orders::new()
        .never_deliver()
        .expire_after(Duration::from_millis(200));
    let mock = Server::with_orders(orders).await;
    mock.place_order("ABCDEFGH");
    assert_eq!(mock.balance(), Some(dollars("4.76")));
    tokio::time::sleep(Duration::from_millis(300)).await;
    let client = mock.client();
    let check = client.sms().check("ABCDEFGH").await.expect("check");
    assert_eq!(check.status, OrderStatus::Expired);
    assert_eq!(mock.balance(), Some(dollars("5.00")));
}

#[tokio::test]
async fn stubs_answer_by_example_by_value_and_by_parameter() {
    let mock = Server::start().await;
    let client = mock.client();

    mock.sms()
        .purchase()
        .example(mock::sms::PURCHASE_422_NO_BALANCE);
    let error = client
        .sms()
        .purchase("US", 1)
        .await
        .expect_err("saved error");
    assert!(
        error.to_string().contains("Insufficient balance"),
        "{error}"
    );

    let mut complete = mock
        .sms()
        .check()
        .saved_value(mock::sms::CHECK_200_ORDER_COMPLETE);
    complete.sms = Some("777".into());
    mock.sms()
        .check()
        .when("orderid", "MINE")
        .returns(&complete);
    assert_eq!(
        client
            .sms()
            .check("MINE")
            .await
            .expect("stubbed")
            .sms
            .as_deref(),
        Some("777")
    );
    let other = client
        .sms()
        .check("OTHER")
        .await
        .expect("the saved default");
    assert_eq!(
        other.status,
        OrderStatus::Pending,
        "the first saved success: pending"
    );

    mock.informative()
        .balance()
        .json(serde_json::json!({"balance": "123.45"}));
    assert_eq!(balance(&client).await, dollars("123.45"));
}

#[tokio::test]
async fn faults_reach_the_client_as_the_errors_they_are() {
    let mock = Server::start().await;
    let client = Client::builder(mock::KEY)
        .base_url(mock.url())
        .timeout(Duration::from_millis(300))
        .retry(smspool::RetryPolicy::none())
        .build()
        .expect("client");

    mock.informative().balance().times(1).hang();
    let error = client.informative().balance().await.expect_err("hung");
    assert!(
        matches!(
            error,
            Error::Transport {
                kind: TransportKind::Timeout,
                ..
            }
        ),
        "{error:?}"
    );

    mock.informative()
        .balance()
        .times(1)
        .stall(Duration::from_millis(50));
    client
        .informative()
        .balance()
        .await
        .expect("a short stall is only slow");

    mock.informative().balance().times(1).cut_off();
    let error = client.informative().balance().await.expect_err("cut off");
    assert!(
        matches!(
            error,
            Error::Transport {
                kind: TransportKind::Body,
                ..
            }
        ),
        "{error:?}"
    );

    mock.informative()
        .balance()
        .times(1)
        .html(502, "<html>Bad Gateway</html>");
    let error = client.informative().balance().await.expect_err("502");
    assert_eq!(error.status().map(|s| s.as_u16()), Some(502));
    assert!(
        error.to_string().contains("Bad Gateway"),
        "the body is kept: {error}"
    );

    client
        .informative()
        .balance()
        .await
        .expect("every stub spent: the saved answer");
}

#[tokio::test]
async fn the_journal_decodes_parameters_and_never_holds_the_key() {
    let mock = Server::start().await;
    let client = Client::builder("sk-live-0123456789abcdef")
        .base_url(mock.url())
        .build()
        .expect("client");
    client.sms().check("ABCDEFGH").await.expect("check");
    client
        .sms()
        .purchase("US", 1)
        .quantity(2)
        .await
        .expect("purchase");

    let journal = mock.journal();
    assert_eq!(journal.len(), 2);
    assert_eq!(journal[0].operation(), Some("sms::check"));
    assert_eq!(journal[0].param("orderid"), Some("ABCDEFGH"));
    assert_eq!(
        journal[0].param("key"),
        Some(mock::REDACTED),
        "the key field"
    );
    assert!(journal[0].key_sent());
    assert_eq!(journal[1].operation(), Some("sms::purchase"));
    assert_eq!(journal[1].param("country"), Some("US"));
    assert_eq!(journal[1].param("quantity"), Some("2"));
    let text = format!("{journal:?}");
    assert!(!text.contains("sk-live"), "{text}");

    let unknown = reqwest_free_post(&mock, "/no/such/endpoint").await;
    assert!(unknown.starts_with("HTTP/1.1 404"), "{unknown}");
    assert_eq!(mock.journal()[2].operation(), None);
}

/// POSTs to `path` with a plain TCP connection (the client only calls known
/// operations) and returns the raw answer.
async fn reqwest_free_post(mock: &Server, path: &str) -> String {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let mut stream = tokio::net::TcpStream::connect(mock.addr())
        .await
        .expect("connect");
    let request = format!(
        "POST {path} HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
    );
    stream.write_all(request.as_bytes()).await.expect("write");
    let mut answer = String::new();
    stream.read_to_string(&mut answer).await.expect("read");
    answer
}
