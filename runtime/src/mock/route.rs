//! Which operation a request is, and which of its parts carry the API key.

use hyper::HeaderMap;
use hyper::header::AUTHORIZATION;

use super::journal::REDACTED;
use super::{Api, Route};
use crate::{AuthScheme, Operation};

/// The route `method` and `path` (with `params`) reach: of those whose method, path
/// template and fixed parameters fit, the one whose required parameters all came and
/// are the most (a bulk operation beside a single one on the same path), else the
/// first.
pub(super) fn find<'a>(
    api: &'a Api,
    method: &str,
    path: &str,
    params: &[(String, String)],
) -> Option<&'a Route> {
    let mut fitting = api.routes.iter().filter(|route| {
        route.operation.method.eq_ignore_ascii_case(method)
            && path_fits(route.operation.path, path)
            && route
                .fixed
                .iter()
                .all(|(name, value)| params.iter().any(|(n, v)| n == name && v == value))
    });
    let first = fitting.next()?;
    let sent = |route: &Route| {
        route
            .required
            .iter()
            .all(|r| params.iter().any(|(n, _)| n == r))
    };
    let best = std::iter::once(first)
        .chain(fitting)
        .filter(|route| sent(route))
        .max_by_key(|route| {
            (
                route.required.len(),
                std::cmp::Reverse(position(api, route)),
            )
        });
    Some(best.unwrap_or(first))
}

fn position(api: &Api, route: &Route) -> usize {
    api.routes
        .iter()
        .position(|r| std::ptr::eq(r, route))
        .unwrap_or(usize::MAX)
}

/// Whether `path` fits `template`, whose `{name}` segments take any one segment.
fn path_fits(template: &str, path: &str) -> bool {
    let template = template.trim_matches('/');
    let path = path.trim_matches('/');
    let mut want = template.split('/');
    let mut got = path.split('/');
    loop {
        match (want.next(), got.next()) {
            (None, None) => return true,
            (Some(w), Some(g)) => {
                let placeholder = w.starts_with('{') && w.ends_with('}') && !g.is_empty();
                if !placeholder && w != g {
                    return false;
                }
            }
            _ => return false,
        }
    }
}

/// Redacts the parameters that carry the API key, and says whether a key came (in a
/// header or a parameter).
pub(super) fn redact_key(
    api: &Api,
    operation: Option<&Operation>,
    headers: &HeaderMap,
    params: &mut [(String, String)],
) -> bool {
    let scheme = operation.and_then(|op| op.auth).unwrap_or(api.profile.auth);
    let mut sent = match scheme {
        AuthScheme::None => false,
        AuthScheme::Header(name) => headers.contains_key(name),
        AuthScheme::Query(_) => false,
        AuthScheme::Bearer | AuthScheme::Basic | AuthScheme::Authorization => {
            headers.contains_key(AUTHORIZATION)
        }
    };
    let query = match scheme {
        AuthScheme::Query(name) => Some(name),
        _ => None,
    };
    let fields = [
        query,
        operation.and_then(|op| op.credential_field),
        api.profile.credential_param,
    ];
    for (name, value) in params.iter_mut() {
        if fields.contains(&Some(name.as_str())) && !value.is_empty() {
            *value = REDACTED.to_owned();
            sent = true;
        }
    }
    sent
}

#[cfg(test)]
mod tests {
    use super::path_fits;

    #[test]
    fn placeholders_take_one_segment() {
        assert!(path_fits("/purchase/sms", "/purchase/sms"));
        assert!(path_fits("/purchase/sms", "/purchase/sms/"));
        assert!(path_fits("/users/{id}", "/users/42"));
        assert!(!path_fits("/users/{id}", "/users/"));
        assert!(!path_fits("/users/{id}", "/users/42/posts"));
        assert!(!path_fits("/purchase/sms", "/purchase/rental"));
    }
}
