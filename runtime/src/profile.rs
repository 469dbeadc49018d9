//! What a generated crate tells the runtime about its API as a whole.

use crate::RateLimit;

/// How the API key is presented on every request.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum AuthScheme {
    /// No authentication.
    None,
    /// `Authorization: Bearer <key>`.
    Bearer,
    /// `Authorization: Basic base64(<key>)`, where the key is `user:password`.
    Basic,
    /// The key in the named header (`X-Api-Key: <key>`).
    Header(&'static str),
    /// The key in the named query parameter. The URL then holds the key, so the
    /// runtime strips URLs from every error it returns.
    Query(&'static str),
    /// The key sent verbatim as the `Authorization` header, for schemes the client
    /// cannot perform itself (OAuth 1/2, Digest, Hawk, AWS Signature...): obtain the
    /// header value yourself (`Bearer <oauth2 token>`, ...) and pass it as the key.
    Authorization,
}

/// The API-wide facts the generator takes from the collection and the overrides file.
#[derive(Debug)]
pub struct ApiProfile {
    /// The API's name, for messages.
    pub name: &'static str,
    /// The base URL requests go to unless the builder sets another one.
    pub default_base_url: &'static str,
    /// A body field that, when falsy (`0`, `false`, `"0"`), marks a 2xx response as an
    /// error (SMSPool's `success`). `None` trusts the status code alone.
    pub error_flag: Option<&'static str>,
    /// The parameter name the API uses for the key in its error bodies (SMSPool's
    /// `key`): a 403 naming it is reported as [`Error::InvalidApiKey`](crate::Error::InvalidApiKey).
    pub credential_param: Option<&'static str>,
    /// The rate limit applied unless the builder sets another one.
    pub default_rate_limit: RateLimit,
    /// The `User-Agent` sent unless the builder sets another one.
    pub user_agent: &'static str,
    /// How the API key is presented, unless an operation says otherwise
    /// ([`Operation::auth`](crate::Operation::auth)).
    pub auth: AuthScheme,
    /// Error conditions operations signal by their message only (SMSPool's "cannot
    /// be cancelled yet"): an error answer that matches one reports it as its
    /// [`kind`](crate::ApiError::kind).
    pub errors: &'static [crate::ErrorRule],
}
