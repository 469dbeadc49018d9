//! A bot's tests against smspool's mock (`tests/bot.rs` of your crate): no key, nothing spent.
use std::time::Duration;

use smspool::mock::{self, Orders, Server};
use smspool::sms::PurchaseResponse;
use smspool::{Client, PollError, PollOptions};

type Outcome = Result<Option<String>, Box<dyn std::error::Error>>;

/// The code under test: buy a number, wait for its code, cancel if none comes.
async fn verify(client: &Client, patience: Duration) -> Outcome {
    let PurchaseResponse::Order(order) = client.sms().purchase("US", 1).await? else {
        return Ok(None); // a token link, not an order
    };
    let options = PollOptions::new()
        .interval(Duration::from_millis(100))
        .timeout(patience);
    match client
        .wait_for_sms([order.order_id.as_str()], options)
        .await
    {
        Ok(outcomes) => Ok(outcomes[0].code().map(str::to_owned)),
        Err(PollError::Deadline { .. }) => {
            client.sms().cancel(&order.order_id).await?;
            Ok(None)
        }
        Err(e) => Err(e.into()),
    }
}

#[tokio::test]
async fn gets_the_code() {
    // Orders that live: pending at the first look, completed at the second.
    let mock = Server::with_orders(Orders::new().code("123456")).await;
    let code = verify(&mock.client(), Duration::from_secs(5))
        .await
        .unwrap();
    assert_eq!(code.as_deref(), Some("123456"));
    assert_eq!(mock.sms().purchase().received().len(), 1, "bought once");
}

#[tokio::test]
async fn cancels_and_is_refunded_when_no_code_comes() {
    let mock = Server::with_orders(Orders::new().never_deliver()).await;
    let client = mock.client();
    let before = client.informative().balance().await.unwrap().balance;
    assert_eq!(
        verify(&client, Duration::from_millis(300)).await.unwrap(),
        None
    );
    assert_eq!(mock.orders()[0].status, "refunded");
    assert_eq!(
        client.informative().balance().await.unwrap().balance,
        before
    );
}

#[tokio::test]
async fn reports_out_of_stock() {
    // Without orders, each operation answers with a saved example: the first
    // success unless a stub says otherwise.
    let mock = Server::start().await;
    mock.sms()
        .purchase()
        .example(mock::sms::PURCHASE_422_OUT_OF_STOCK);
    let error = verify(&mock.client(), Duration::from_secs(5))
        .await
        .unwrap_err();
    assert!(
        error
            .to_string()
            .contains("couldn't find an available phone number")
    );
}

#[tokio::test]
async fn rides_out_a_429() {
    let mock = Server::with_orders(Orders::new()).await;
    mock.sms()
        .active_orders()
        .times(1)
        .rate_limited(Duration::from_secs(1));
    let code = verify(&mock.client(), Duration::from_secs(10))
        .await
        .unwrap();
    assert!(code.is_some());
    assert_eq!(mock.sms().active_orders().received()[0].status(), 429);
}
