//! Is a saved example a success or an error answer?

use serde_json::Value;

use crate::model::{ErrorExample, ErrorReason, Example};
use crate::text::strip_tags;

/// How an example reads.
pub enum Class {
    /// A success answer.
    Success,
    /// An error answer.
    Error(ErrorExample),
}

/// Classifies `example`: a status of 400 or more is an error; so is a body whose
/// `error_flag` field is falsy, whatever the status (SMSPool sends `{"success": 0}`
/// with 200 at times); an example without a status is judged by its body alone.
pub fn classify(example: &Example, error_flag: Option<&str>) -> Class {
    let object = example.json.as_ref().and_then(Value::as_object);
    let flag_false = match (error_flag, object) {
        (Some(flag), Some(o)) => o.get(flag).is_some_and(is_falsy),
        _ => false,
    };
    let reason = match example.status {
        Some(code) if code >= 400 => ErrorReason::Status,
        _ if flag_false => ErrorReason::Flag,
        _ => return Class::Success,
    };
    let text = |v: Option<&Value>| v.and_then(Value::as_str).map(str::to_owned);
    let errors = object
        .and_then(|o| o.get("errors"))
        .and_then(Value::as_array);
    let message = text(object.and_then(|o| o.get("message")))
        .or_else(|| errors.and_then(|e| text(e.first().and_then(|e| e.get("message")))))
        .unwrap_or_else(|| example.body.trim().chars().take(120).collect());
    let params = errors
        .into_iter()
        .flatten()
        .filter_map(|e| text(e.get("param")))
        .collect();
    let extra_fields = object
        .into_iter()
        .flat_map(|o| o.keys())
        .filter(|k| !matches!(k.as_str(), "success" | "message" | "errors" | "type"))
        .cloned()
        .collect();
    Class::Error(ErrorExample {
        name: example.name.clone(),
        status: example.status,
        message: strip_tags(&message),
        error_type: text(object.and_then(|o| o.get("type"))),
        params,
        extra_fields,
        reason,
    })
}

fn is_falsy(v: &Value) -> bool {
    match v {
        Value::Bool(b) => !b,
        Value::Number(n) => n.as_f64() == Some(0.0),
        Value::String(s) => matches!(s.trim(), "0" | "false" | ""),
        Value::Null => false,
        _ => false,
    }
}
