//! Splitting a request URL into the base it is sent to and the operation's path.

use super::variables::{Variables, sole_reference};
use crate::postman::{Description, Url, Variable};

/// A request URL taken apart.
#[derive(Debug, Default)]
pub struct SplitUrl {
    /// `scheme://host[:port][/base/path]`, variables resolved; `None` when the host is
    /// a variable without a value.
    pub base: Option<String>,
    /// The host as written (for docs), variables resolved.
    pub host: Option<String>,
    /// Path segments as written (`users`, `:id`, `{{itemId}}`).
    pub segments: Vec<String>,
    /// Query parameters as written.
    pub query: Vec<QueryItem>,
    /// Path variables (`url.variable`).
    pub path_variables: Vec<PathVariable>,
}

/// One query parameter.
#[derive(Debug)]
pub struct QueryItem {
    /// Name.
    pub key: String,
    /// Value.
    pub value: String,
    /// Unticked.
    pub disabled: bool,
    /// Description.
    pub description: String,
}

/// A documented path variable.
#[derive(Debug)]
pub struct PathVariable {
    /// Name.
    pub key: String,
    /// Example value.
    pub value: String,
    /// Description.
    pub description: String,
}

/// Splits `url`. Scheme-less URLs are taken as `https://` (the runtime refuses plain
/// http to remote hosts anyway).
pub fn split(url: &Url, variables: &Variables) -> SplitUrl {
    let mut out = SplitUrl {
        path_variables: url.variable.iter().filter_map(path_variable).collect(),
        ..SplitUrl::default()
    };
    let has_parts = url.host.is_some() || url.path.is_some();
    let raw = url.raw.clone().unwrap_or_default();
    let (raw_host, raw_segments, raw_query) = parse_raw(&raw);
    let (protocol, host) = if has_parts {
        (
            url.protocol.clone(),
            url.host.as_ref().map(|h| h.0.clone()).unwrap_or_default(),
        )
    } else {
        match raw_host.split_once("://") {
            Some((scheme, host)) => (Some(scheme.to_owned()), host.to_owned()),
            None => (None, raw_host.clone()),
        }
    };
    out.segments = if has_parts {
        url.path.as_ref().map(|p| p.0.clone()).unwrap_or_default()
    } else {
        raw_segments
    };
    out.query = match &url.query {
        Some(query) => query
            .iter()
            .filter_map(|q| {
                let key = q.key.as_ref()?.0.clone();
                (!key.is_empty()).then(|| QueryItem {
                    key,
                    value: q.value.as_ref().map(|v| v.0.clone()).unwrap_or_default(),
                    disabled: crate::postman::is_off(q.disabled, q.enabled),
                    description: describe(q.description.as_ref()),
                })
            })
            .collect(),
        None if !has_parts => raw_query,
        None => Vec::new(),
    };
    let port = url
        .port
        .as_ref()
        .map(|p| p.0.clone())
        .filter(|p| !p.is_empty());
    let resolved_host = variables.resolve(&host);
    if !resolved_host.is_empty() && !resolved_host.contains("{{") {
        let with_scheme = if resolved_host.contains("://") {
            resolved_host.clone()
        } else {
            format!(
                "{}://{resolved_host}",
                protocol.as_deref().unwrap_or("https")
            )
        };
        let with_port = match &port {
            Some(port) => format!("{with_scheme}:{}", variables.resolve(port)),
            None => with_scheme,
        };
        out.base = Some(with_port.trim_end_matches('/').to_owned());
        out.host = Some(resolved_host);
    } else if sole_reference(&host).is_some() {
        out.host = Some(host);
    }
    out
}

fn describe(d: Option<&Description>) -> String {
    d.map(|d| d.0.clone()).unwrap_or_default()
}

fn path_variable(v: &Variable) -> Option<PathVariable> {
    Some(PathVariable {
        key: v.name()?.to_owned(),
        value: v.value_text(),
        description: describe(v.description.as_ref()),
    })
}

/// `scheme://host/a/b?x=1#f` → (`scheme://host`, [`a`, `b`], [x=1]).
fn parse_raw(raw: &str) -> (String, Vec<String>, Vec<QueryItem>) {
    let raw = raw.split('#').next().unwrap_or_default().trim();
    let (before_query, query) = match raw.split_once('?') {
        Some((a, q)) => (a, q),
        None => (raw, ""),
    };
    let (scheme, rest) = match before_query.split_once("://") {
        Some((s, r)) => (Some(s), r),
        None => (None, before_query),
    };
    let (host, path) = match rest.find('/') {
        Some(i) => (&rest[..i], &rest[i..]),
        None => (rest, ""),
    };
    let host = match scheme {
        Some(s) => format!("{s}://{host}"),
        None => host.to_owned(),
    };
    let segments = path
        .split('/')
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect();
    let query = query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|pair| {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            QueryItem {
                key: k.to_owned(),
                value: v.to_owned(),
                disabled: false,
                description: String::new(),
            }
        })
        .collect();
    (host, segments, query)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn url(json: serde_json::Value) -> Url {
        serde_json::from_value::<crate::postman::UrlForm>(json)
            .expect("url")
            .0
    }

    #[test]
    fn object_form() {
        let u = url(serde_json::json!({
            "raw": "https://api.smspool.net/request/balance",
            "protocol": "https", "host": ["api", "smspool", "net"], "path": ["request", "balance"]
        }));
        let s = split(&u, &Variables::default());
        assert_eq!(s.base.as_deref(), Some("https://api.smspool.net"));
        assert_eq!(s.segments, ["request", "balance"]);
    }

    #[test]
    fn scheme_less_host_defaults_to_https() {
        let u = url(serde_json::json!({
            "raw": "api.smspool.net/business/users", "host": ["api", "smspool", "net"], "path": ["business", "users"]
        }));
        assert_eq!(
            split(&u, &Variables::default()).base.as_deref(),
            Some("https://api.smspool.net")
        );
    }

    #[test]
    fn string_form_with_variable_host() {
        let vars: Vec<Variable> = serde_json::from_value(serde_json::json!([
            {"key": "baseUrl", "value": "https://api.example.com/v2/"}
        ]))
        .unwrap();
        let s = split(
            &url(serde_json::json!("{{baseUrl}}/users/:id?expand=1")),
            &Variables::new(&vars, "variable").unwrap(),
        );
        assert_eq!(s.base.as_deref(), Some("https://api.example.com/v2"));
        assert_eq!(s.segments, ["users", ":id"]);
        assert_eq!(s.query[0].key, "expand");
    }
}
