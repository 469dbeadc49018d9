//! A request's parameters, decoded: the query string's, then the body's.

use bytes::Bytes;
use hyper::header::CONTENT_TYPE;
use hyper::http::request::Parts;
use serde_json::Value;

/// The parameters of a request, in the order they came.
pub(super) async fn params(parts: &Parts, body: &Bytes) -> Vec<(String, String)> {
    let mut params: Vec<(String, String)> = match parts.uri.query() {
        Some(query) => pairs(query.as_bytes()),
        None => Vec::new(),
    };
    let content_type = parts
        .headers
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    let essence = content_type
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase();
    match essence.as_str() {
        "application/x-www-form-urlencoded" => params.extend(pairs(body)),
        "multipart/form-data" => params.extend(multipart(content_type, body).await),
        _ if essence == "application/json" || essence.ends_with("+json") => {
            params.extend(json_members(body));
        }
        _ => {}
    }
    params
}

fn pairs(text: &[u8]) -> Vec<(String, String)> {
    url::form_urlencoded::parse(text).into_owned().collect()
}

/// A JSON object's members: strings as they are, other values as JSON text.
fn json_members(body: &[u8]) -> Vec<(String, String)> {
    match serde_json::from_slice::<Value>(body) {
        Ok(Value::Object(members)) => members
            .into_iter()
            .map(|(name, value)| match value {
                Value::String(text) => (name, text),
                other => (name, other.to_string()),
            })
            .collect(),
        _ => Vec::new(),
    }
}

/// Multipart fields: text fields' values, and for files `<file name> (<n> bytes)`.
/// A body that does not parse gives the fields read before the fault.
async fn multipart(content_type: &str, body: &Bytes) -> Vec<(String, String)> {
    let Ok(boundary) = multer::parse_boundary(content_type) else {
        return Vec::new();
    };
    let chunk = body.clone();
    let stream = futures_util::stream::once(async move { Ok::<Bytes, std::io::Error>(chunk) });
    let mut form = multer::Multipart::new(stream, boundary);
    let mut fields = Vec::new();
    while let Ok(Some(field)) = form.next_field().await {
        let name = field.name().unwrap_or_default().to_owned();
        let file = field.file_name().map(str::to_owned);
        let Ok(bytes) = field.bytes().await else {
            break;
        };
        let value = match file {
            Some(file) => format!("{file} ({} bytes)", bytes.len()),
            None => String::from_utf8_lossy(&bytes).into_owned(),
        };
        fields.push((name, value));
    }
    fields
}
