//! Filling saved answers with an order's values: the order book answers with the
//! API's own saved examples, a few fields changed.
//!
//! Paths name a field by its keys, dot-separated (`order_id`, `data.order_id`); in a
//! list, `[]` stands for each element (`[].order_code`: the `order_code` of each
//! element of the answer, which is an array; `data[].id`).

use serde_json::Value;

use super::lifecycle::Status;

/// The value at `path`.
pub(super) fn get<'v>(value: &'v Value, path: &str) -> Option<&'v Value> {
    if path.is_empty() {
        return Some(value);
    }
    path.split('.').try_fold(value, |value, key| value.get(key))
}

/// The value at `path`, to change.
pub(super) fn get_mut<'v>(value: &'v mut Value, path: &str) -> Option<&'v mut Value> {
    if path.is_empty() {
        return Some(value);
    }
    path.split('.')
        .try_fold(value, |value, key| value.get_mut(key))
}

/// A list path split at its `[]`: the path to the array and the field within each
/// element (`("data", "id")` for `data[].id`; `("", "order_code")` for `[].order_code`).
pub(super) fn split_items(path: &str) -> Option<(&str, &str)> {
    let (array, field) = path.split_once("[]")?;
    Some((array.trim_end_matches('.'), field.trim_start_matches('.')))
}

/// The text of a scalar: a string as it is, a number or boolean as JSON.
pub(super) fn text(value: &Value) -> Option<String> {
    match value {
        Value::String(text) => Some(text.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// Puts `text` at `path`, in the kind of value the saved answer has there: a number
/// stays a number when `text` is one, anything else becomes a string. A path the
/// answer lacks is left alone (the generator checked the paths against the examples).
pub(super) fn put(value: &mut Value, path: &str, text: &str) {
    if let Some(slot) = get_mut(value, path) {
        *slot = match slot {
            Value::Number(_) => match text.parse::<serde_json::Number>() {
                Ok(n) => Value::Number(n),
                Err(_) => Value::String(text.to_owned()),
            },
            _ => Value::String(text.to_owned()),
        };
    }
}

/// Puts a status at `path`: its code where the saved answer has a number, its name
/// where it has a string.
pub(super) fn put_status(value: &mut Value, path: &str, status: &Status) {
    if let Some(slot) = get_mut(value, path) {
        *slot = match (&slot, status.code) {
            (Value::Number(_), Some(code)) => Value::from(code),
            _ => Value::String(status.name.to_owned()),
        };
    }
}

/// `template` with its last four characters replaced by `seq`, so that each order's
/// value looks like the saved one (`ABCDEFGH` → `ABCD0001`, `1234567890` → `1234560001`).
pub(super) fn vary(template: &str, seq: u32) -> String {
    let digits = format!("{seq:04}");
    let keep = template.chars().count().saturating_sub(digits.len());
    template.chars().take(keep).collect::<String>() + &digits
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn values_keep_their_saved_kind() {
        let mut answer = json!({"number": 1234567890, "cost": "0.24", "data": {"id": "A"}});
        put(&mut answer, "number", "1234560001");
        put(&mut answer, "cost", "1.50");
        put(&mut answer, "data.id", "B");
        put(&mut answer, "absent", "C");
        assert_eq!(
            answer,
            json!({"number": 1234560001u64, "cost": "1.50", "data": {"id": "B"}})
        );
    }

    #[test]
    fn statuses_are_codes_or_names_as_saved() {
        let done = Status {
            name: "completed",
            code: Some(3),
        };
        let mut answer = json!({"status": 1, "state": "pending"});
        put_status(&mut answer, "status", &done);
        put_status(&mut answer, "state", &done);
        assert_eq!(answer, json!({"status": 3, "state": "completed"}));
    }

    #[test]
    fn list_paths_split_at_their_brackets() {
        assert_eq!(split_items("[].order_code"), Some(("", "order_code")));
        assert_eq!(split_items("data[].id"), Some(("data", "id")));
        assert_eq!(split_items("order_id"), None);
    }

    #[test]
    fn varied_values_look_like_the_saved_one() {
        assert_eq!(vary("ABCDEFGH", 1), "ABCD0001");
        assert_eq!(vary("1234567890", 12), "1234560012");
        assert_eq!(vary("12", 3), "0003");
        assert_eq!(vary("ABCDEFGH", 12345), "ABC12345");
    }
}
