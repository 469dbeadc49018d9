//! The same two calls written by hand with reqwest and serde, as someone without the
//! generator would: plain structs with the fields of the saved examples, a status
//! check, and for SMSPool's `success` flag a look at the decoded field.

use std::time::Duration;

use serde::Deserialize;

/// `POST /purchase/sms`'s answer, with the fields of the saved success examples.
#[derive(Debug, Deserialize)]
pub struct Purchase {
    /// 1 on success.
    pub success: i64,
    /// The number, without the country code.
    pub number: Option<i64>,
    /// The country code.
    pub cc: String,
    /// The number, as text.
    pub phonenumber: String,
    /// The order id.
    pub order_id: Option<String>,
    /// The country's name.
    pub country: Option<String>,
    /// The service's name.
    pub service: Option<String>,
    /// The pool.
    pub pool: Option<i64>,
    /// Seconds until the order expires.
    pub expires_in: Option<i64>,
    /// When it expires (Unix time).
    pub expiration: Option<i64>,
    /// A message for people.
    pub message: String,
    /// The price, as sent (`"0.24"`).
    pub cost: Option<String>,
    /// The price in cents.
    pub cost_in_cents: Option<i64>,
    /// The token link, for token orders.
    pub url: Option<String>,
    /// The token.
    pub token: Option<String>,
}

/// One entry of `GET /service/retrieve_all`.
#[derive(Debug, Deserialize)]
pub struct Service {
    /// The service id.
    #[serde(rename = "ID")]
    pub id: i64,
    /// The service's name.
    pub name: String,
    /// 1 when the account marked it as a favourite.
    pub favourite: i64,
}

/// Why a hand-written call failed.
#[derive(Debug)]
pub enum HandError {
    /// reqwest failed (connection, status, body).
    Http(reqwest::Error),
    /// The body did not decode.
    Json(serde_json::Error),
    /// `success` was 0.
    Api(String),
}

impl From<reqwest::Error> for HandError {
    fn from(e: reqwest::Error) -> Self {
        Self::Http(e)
    }
}

impl From<serde_json::Error> for HandError {
    fn from(e: serde_json::Error) -> Self {
        Self::Json(e)
    }
}

/// A hand-written SMSPool client.
pub struct HandClient {
    http: reqwest::Client,
    base: String,
    key: String,
}

impl HandClient {
    /// A client for `base` (ending in `/`), configured like the runtime's: the same
    /// timeouts, no redirects, a user agent.
    pub fn new(base: &str, key: &str) -> Result<Self, String> {
        if rustls::crypto::CryptoProvider::get_default().is_none() {
            let _ = rustls::crypto::ring::default_provider().install_default();
        }
        let http = reqwest::Client::builder()
            .connect_timeout(Duration::from_secs(10))
            .timeout(Duration::from_secs(30))
            .redirect(reqwest::redirect::Policy::none())
            .user_agent("hand-written/0.1")
            .build()
            .map_err(|e| format!("cannot build the reqwest client: {e}"))?;
        Ok(Self {
            http,
            base: base.to_owned(),
            key: key.to_owned(),
        })
    }

    /// Buys a number.
    pub async fn purchase(&self, country: &str, service: &str) -> Result<Purchase, HandError> {
        let body = self
            .http
            .post(format!("{}purchase/sms", self.base))
            .bearer_auth(&self.key)
            .form(&[("country", country), ("service", service)])
            .send()
            .await?
            .error_for_status()?
            .bytes()
            .await?;
        let purchase: Purchase = serde_json::from_slice(&body)?;
        if purchase.success == 0 {
            return Err(HandError::Api(purchase.message));
        }
        Ok(purchase)
    }

    /// Lists the services.
    pub async fn service_list(&self) -> Result<Vec<Service>, HandError> {
        let body = self
            .http
            .get(format!("{}service/retrieve_all", self.base))
            .bearer_auth(&self.key)
            .send()
            .await?
            .error_for_status()?
            .bytes()
            .await?;
        Ok(serde_json::from_slice(&body)?)
    }
}
