//! An answer for people: a table for a list of records, key/value lines for one
//! record, the text for a scalar. (`--json` prints the value as JSON instead.)

use comfy_table::{Table, presets};
use serde_json::{Map, Value};

/// `value` as text for a terminal, ending with a newline (empty for `null` and an
/// empty list).
pub fn render(value: &Value) -> String {
    let mut out = String::new();
    match value {
        Value::Null => {}
        Value::Array(items) => list(items, &mut out),
        Value::Object(fields) => record(fields, &mut out),
        scalar => {
            out.push_str(&cell(scalar));
            out.push('\n');
        }
    }
    out
}

/// A list: a table when its items are records, else one item per line.
fn list(items: &[Value], out: &mut String) {
    if items.is_empty() {
        return;
    }
    if !items.iter().all(Value::is_object) {
        for item in items {
            out.push_str(&cell(item));
            out.push('\n');
        }
        return;
    }
    let mut columns: Vec<&str> = Vec::new();
    for item in items {
        for key in item.as_object().into_iter().flat_map(Map::keys) {
            if !columns.contains(&key.as_str()) {
                columns.push(key);
            }
        }
    }
    let mut table = Table::new();
    table.load_preset(presets::UTF8_FULL_CONDENSED);
    table.set_header(columns.iter().copied());
    for item in items {
        table.add_row(
            columns
                .iter()
                .map(|c| item.get(*c).map(cell).unwrap_or_default()),
        );
    }
    out.push_str(&table.to_string());
    out.push('\n');
}

/// One record: its scalar fields as key/value lines (nested records with dotted
/// keys), then each field that is a list of records as a table of its own.
fn record(fields: &Map<String, Value>, out: &mut String) {
    let mut lines = Vec::new();
    let mut lists = Vec::new();
    flatten("", fields, &mut lines, &mut lists);
    if !lines.is_empty() {
        let mut table = Table::new();
        table.load_preset(presets::NOTHING);
        for (key, value) in lines {
            table.add_row([key, value]);
        }
        for line in table.to_string().lines() {
            out.push_str(line.trim());
            out.push('\n');
        }
    }
    for (key, items) in lists {
        out.push('\n');
        out.push_str(&key);
        out.push_str(":\n");
        list(items, out);
    }
}

type Lists<'a> = Vec<(String, &'a [Value])>;

fn flatten<'a>(
    prefix: &str,
    fields: &'a Map<String, Value>,
    lines: &mut Vec<(String, String)>,
    lists: &mut Lists<'a>,
) {
    for (key, value) in fields {
        let key = if prefix.is_empty() {
            key.clone()
        } else {
            format!("{prefix}.{key}")
        };
        match value {
            Value::Object(inner) if !inner.is_empty() => flatten(&key, inner, lines, lists),
            Value::Array(items) if !items.is_empty() && items.iter().all(Value::is_object) => {
                lists.push((key, items));
            }
            Value::Array(items) => {
                let joined: Vec<String> = items.iter().map(cell).collect();
                lines.push((key, joined.join(", ")));
            }
            other => lines.push((key, cell(other))),
        }
    }
}

/// A value in one cell: text as it is, nested values as compact JSON.
fn cell(value: &Value) -> String {
    match value {
        Value::Null => String::new(),
        Value::String(text) => text.clone(),
        Value::Bool(_) | Value::Number(_) => value.to_string(),
        nested => nested.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn records_are_key_value_lines_with_dotted_keys_and_tables_for_lists() {
        let text = render(&json!({
            "success": 1,
            "order": {"id": "AB", "cost": "0.24"},
            "tags": ["a", "b"],
            "items": [{"n": 1}, {"n": 2, "m": "x"}]
        }));
        assert!(text.starts_with("success"), "{text}");
        assert!(text.contains("order.id    AB"), "{text}");
        assert!(text.contains("tags        a, b"), "{text}");
        assert!(text.contains("items:\n"), "{text}");
        assert!(text.contains("│ n ┆ m │"), "{text}");
    }

    #[test]
    fn scalars_print_as_they_are_and_nothing_prints_for_nothing() {
        assert_eq!(render(&json!("OK")), "OK\n");
        assert_eq!(render(&json!(12)), "12\n");
        assert_eq!(render(&Value::Null), "");
        assert_eq!(render(&json!([])), "");
        assert_eq!(render(&json!([1, "a"])), "1\na\n");
    }
}
