//! Postman auth blocks → [`Auth`], with inheritance (request → folder → collection).

use super::variables::sole_reference;
use crate::diagnostics::Warnings;
use crate::model::Auth;
use crate::postman;

/// The auth in force at some level, and the variable that holds the secret (the
/// `apikey` of `{{apikey}}`), so that fields carrying it can be recognised.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Resolved {
    /// The scheme.
    pub auth: Auth,
    /// The variable holding the secret, when the collection names one.
    pub secret_variable: Option<String>,
}

impl Resolved {
    /// No auth.
    pub fn none() -> Self {
        Self {
            auth: Auth::None,
            secret_variable: None,
        }
    }
}

/// The auth that applies given this level's block (`None` inherits `parent`).
pub fn resolve(
    block: Option<&postman::Auth>,
    parent: &Resolved,
    path: &str,
    warnings: &mut Warnings,
) -> Resolved {
    let Some(block) = block else {
        return parent.clone();
    };
    let get = |a: &Option<postman::AuthAttributes>, key: &str| a.as_ref().and_then(|a| a.get(key));
    let secret =
        |value: Option<String>| value.as_deref().and_then(sole_reference).map(str::to_owned);
    match block.kind.as_str() {
        "inherit" => parent.clone(),
        "noauth" => Resolved::none(),
        "bearer" => Resolved {
            auth: Auth::Bearer,
            secret_variable: secret(get(&block.bearer, "token")),
        },
        "basic" => Resolved {
            auth: Auth::Basic,
            secret_variable: secret(get(&block.basic, "password")),
        },
        "apikey" => {
            let name = get(&block.apikey, "key").unwrap_or_else(|| "X-API-Key".into());
            let location = get(&block.apikey, "in").unwrap_or_else(|| "header".into());
            let auth = if location == "query" {
                Auth::Query(name)
            } else {
                Auth::Header(name)
            };
            Resolved {
                auth,
                secret_variable: secret(get(&block.apikey, "value")),
            }
        }
        other => {
            let known = matches!(
                other,
                "oauth1"
                    | "oauth2"
                    | "digest"
                    | "hawk"
                    | "awsv4"
                    | "ntlm"
                    | "edgegrid"
                    | "jwt"
                    | "asap"
                    | "akamai"
            );
            let kind = if known {
                format!(
                    "auth type `{other}` cannot be performed by the client; callers pass the Authorization header value as the key"
                )
            } else {
                format!(
                    "unknown auth type `{other}`; callers pass the Authorization header value as the key"
                )
            };
            warnings.add(kind, format!("{path}.type"));
            Resolved {
                auth: Auth::Manual(other.to_owned()),
                secret_variable: None,
            }
        }
    }
}
