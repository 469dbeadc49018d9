//! Saved example responses, with the parameter values of the request that produced
//! each one.

use super::url;
use super::variables::Variables;
use crate::model::Example;
use crate::postman;

/// The example `r`, its `{{variables}}` resolved.
pub(super) fn example(r: &postman::Response, variables: &Variables) -> Example {
    let body = r.body.clone().unwrap_or_default();
    let json = if body.trim().is_empty() {
        None
    } else {
        serde_json::from_str(&body).ok()
    };
    let mut request_params = Vec::new();
    if let Some(request) = &r.original_request {
        let req = &request.0;
        if let Some(url) = &req.url {
            for q in url::split(&url.0, variables)
                .query
                .into_iter()
                .filter(|q| !q.disabled)
            {
                request_params.push((q.key, q.value));
            }
        }
        if let Some(b) = &req.body {
            for f in b
                .formdata
                .iter()
                .chain(b.urlencoded.iter())
                .flatten()
                .filter(|f| !postman::is_off(f.disabled, f.enabled))
            {
                request_params.push((
                    f.key.0.clone(),
                    f.value.as_ref().map(|v| v.0.clone()).unwrap_or_default(),
                ));
            }
        }
    }
    Example {
        name: r.name.0.clone(),
        status: r.code,
        status_text: r.status.clone(),
        headers: r
            .header
            .iter()
            .flat_map(|h| h.0.iter())
            .filter(|h| !postman::is_off(h.disabled, h.enabled))
            .map(|h| (h.key.0.clone(), h.value.0.clone()))
            .collect(),
        body,
        json,
        request_params,
    }
}
