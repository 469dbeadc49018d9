//! Saved example responses, with the parameter values of the request that produced
//! each one.

use std::collections::BTreeSet;

use heck::ToShoutySnakeCase;

use super::url;
use super::variables::Variables;
use crate::model::{Example, Operation, Untyped};
use crate::names::snake_words;
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
        constant: String::new(),
    }
}

/// Names the mock's constant of every saved example of one module's `operations`:
/// the operation's constant and the example's name (`PURCHASE_422_OUT_OF_STOCK`),
/// `_2`, `_3`... where two would be the same.
pub(super) fn name_constants(operations: &mut [Operation<Untyped>]) {
    let mut taken = BTreeSet::new();
    for op in operations {
        for example in &mut op.examples {
            let words = snake_words(&example.name).to_shouty_snake_case();
            let base = if words.is_empty() {
                format!("{}_EXAMPLE", op.constant)
            } else {
                format!("{}_{words}", op.constant)
            };
            let mut candidate = base.clone();
            let mut n = 2;
            while taken.contains(&candidate) {
                candidate = format!("{base}_{n}");
                n += 1;
            }
            taken.insert(candidate.clone());
            example.constant = candidate;
        }
    }
}
