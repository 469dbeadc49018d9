//! The generated SMSPool client against a real HTTP server on 127.0.0.1: what
//! arrives on the wire, and what comes back decoded.

use std::time::Duration;

use smspool::sms::PurchaseResponse;
use smspool::{Client, Error, RetryPolicy};
use smspool_tests::{form_field, form_fields};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const KEY: &str = "k3y-0123456789abcdef0123456789ab";

fn client(server: &MockServer) -> Client {
    Client::builder(KEY)
        .base_url(server.uri())
        .retry(RetryPolicy::none())
        .timeout(Duration::from_secs(5))
        .build()
        .expect("client builds")
}

#[tokio::test]
async fn purchase_sends_the_form_and_decodes_the_order() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/purchase/sms"))
        .respond_with(ResponseTemplate::new(200).set_body_raw(
            r#"{"success":1,"number":1234567890,"cc":"1","phonenumber":"234567890","order_id":"ABCDEFGH",
               "country":"United States","service":"Service","pool":1,"expires_in":1200,
               "expiration":1705309968,"message":"ok","cost":"0.24","cost_in_cents":24}"#,
            "application/json",
        ))
        .expect(1)
        .mount(&server)
        .await;

    let order = client(&server)
        .sms()
        .purchase("US", 1)
        .max_price(smspool::Decimal::new(50, 2))
        .pool("Foxtrot")
        .await
        .expect("order decodes");

    let PurchaseResponse::Order(order) = order else {
        panic!("an order, not a token: {order:?}");
    };
    assert_eq!(order.order_id, "ABCDEFGH");
    assert_eq!(order.phonenumber, "234567890");
    assert_eq!(order.cost.get().to_string(), "0.24");
    // The error flag is no field: it is kept with the other fields as sent.
    assert_eq!(order.extra["success"], 1);

    let received = &server.received_requests().await.expect("recorded")[0];
    assert_eq!(received.method.as_str(), "POST");
    assert_eq!(received.url.path(), "/purchase/sms");
    assert_eq!(received.url.query(), None, "nothing travels in the URL");
    assert_eq!(
        received
            .headers
            .get("authorization")
            .and_then(|v| v.to_str().ok()),
        Some(format!("Bearer {KEY}").as_str())
    );
    assert_eq!(
        received
            .headers
            .get("content-type")
            .and_then(|v| v.to_str().ok()),
        Some("application/x-www-form-urlencoded")
    );
    let fields = form_fields(&received.body);
    assert_eq!(
        fields,
        [
            ("country".to_owned(), "US".to_owned()),
            ("service".to_owned(), "1".to_owned()),
            ("max_price".to_owned(), "0.50".to_owned()),
            ("pool".to_owned(), "Foxtrot".to_owned()),
        ],
        "required fields, then optional ones in the order they were set, the decimal exact; \
         `key` is not a field of this request"
    );
}

#[tokio::test]
async fn the_key_field_is_filled_where_the_collection_has_it() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/sms/check"))
        .respond_with(ResponseTemplate::new(200).set_body_raw(
            r#"{"status":3,"sms":"12345","full_sms":"Full code: 12345","expiration":1704562249}"#,
            "application/json",
        ))
        .mount(&server)
        .await;

    let status = client(&server)
        .sms()
        .check("ABCDEFGH")
        .await
        .expect("decodes");
    assert_eq!(status.status, smspool::OrderStatus::Completed);
    assert_eq!(status.sms.as_deref(), Some("12345"));

    let received = &server.received_requests().await.expect("recorded")[0];
    assert_eq!(
        form_field(&received.body, "orderid").as_deref(),
        Some("ABCDEFGH")
    );
    assert_eq!(form_field(&received.body, "key").as_deref(), Some(KEY));
}

#[tokio::test]
async fn get_with_a_form_body_sends_its_fields_in_the_query() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/service/retrieve_all"))
        .respond_with(ResponseTemplate::new(200).set_body_raw(
            r#"[{"ID":1,"name":"1688","favourite":0}]"#,
            "application/json",
        ))
        .mount(&server)
        .await;

    let services = client(&server)
        .informative()
        .service_list()
        .country("US")
        .await
        .expect("decodes");
    assert_eq!(services[0].name, "1688");
    assert_eq!(services[0].id, 1);

    let received = &server.received_requests().await.expect("recorded")[0];
    assert_eq!(received.url.query(), Some("country=US"));
    assert!(received.body.is_empty());
}

#[tokio::test]
async fn a_200_that_says_it_failed_is_an_error() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/preorder/cancel"))
        .respond_with(ResponseTemplate::new(200).set_body_raw(
            r#"{"success":0,"message":"This preorder does not exist."}"#,
            "application/json",
        ))
        .mount(&server)
        .await;

    match client(&server).preorders().cancel("ABCDEFGH").await {
        Err(Error::Api(e)) => {
            assert_eq!(e.status().as_u16(), 200);
            assert_eq!(e.message(), "This preorder does not exist.");
        }
        other => panic!("expected an API error, got {other:?}"),
    }
}
