//! JSON as people write it in Postman bodies: with `//` and `/* */` comments,
//! trailing commas, and `{{variables}}` where a value goes (outside quotes).

use serde_json::Value;

/// Parses `text`, tolerating comments and trailing commas. A bare `{{variable}}` is
/// read as the variable's value from `lookup` when it has one (`36`, `true`, or a
/// string), and as `null` (unknown) when it has none. `None` when it is still not JSON.
pub fn parse(text: &str, lookup: &dyn Fn(&str) -> Option<String>) -> Option<Value> {
    if text.trim().is_empty() {
        return None;
    }
    if let Ok(value) = serde_json::from_str(text) {
        return Some(value);
    }
    serde_json::from_str(&clean(text, lookup)).ok()
}

/// The JSON for a bare placeholder: the variable's value as a JSON scalar.
fn placeholder(token: &str, lookup: &dyn Fn(&str) -> Option<String>) -> String {
    let name = token.trim_start_matches('{').trim_end_matches('}').trim();
    match lookup(name) {
        Some(value) => match serde_json::from_str::<Value>(&value) {
            Ok(v @ (Value::Number(_) | Value::Bool(_))) => v.to_string(),
            _ => Value::String(value).to_string(),
        },
        None => "null".to_owned(),
    }
}

fn clean(text: &str, lookup: &dyn Fn(&str) -> Option<String>) -> String {
    let bytes: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    let mut in_string = false;
    while i < bytes.len() {
        let c = bytes[i];
        let next = bytes.get(i + 1).copied();
        if in_string {
            out.push(c);
            if c == '\\' {
                if let Some(n) = next {
                    out.push(n);
                    i += 1;
                }
            } else if c == '"' {
                in_string = false;
            }
            i += 1;
            continue;
        }
        match (c, next) {
            ('"', _) => {
                in_string = true;
                out.push(c);
                i += 1;
            }
            ('/', Some('/')) => {
                while i < bytes.len() && bytes[i] != '\n' {
                    i += 1;
                }
            }
            ('/', Some('*')) => {
                i += 2;
                while i + 1 < bytes.len() && !(bytes[i] == '*' && bytes[i + 1] == '/') {
                    i += 1;
                }
                i += 2;
            }
            ('{', Some('{')) => {
                let start = i;
                while i + 1 < bytes.len() && !(bytes[i] == '}' && bytes[i + 1] == '}') {
                    i += 1;
                }
                i = (i + 2).min(bytes.len());
                let token: String = bytes[start..i].iter().collect();
                out.push_str(&placeholder(&token, lookup));
            }
            (',', _) => {
                let rest = bytes[i + 1..].iter().find(|c| !c.is_whitespace());
                if !matches!(rest, Some('}') | Some(']')) {
                    out.push(c);
                }
                i += 1;
            }
            _ => {
                out.push(c);
                i += 1;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn tolerates_what_people_write() {
        let text = r#"{
            // the user
            "name": "{{name}}", /* inline */
            "age": {{age}},
            "tags": ["a", "b",],
        }"#;
        let none = |_: &str| None;
        assert_eq!(
            parse(text, &none),
            Some(json!({"name": "{{name}}", "age": null, "tags": ["a", "b"]}))
        );
        let known = |name: &str| (name == "age").then(|| "36".to_owned());
        assert_eq!(parse(text, &known).expect("parses")["age"], json!(36));
        assert_eq!(parse("not json", &none), None);
        assert_eq!(
            parse(r#"{"url": "http://x//y"}"#, &none),
            Some(json!({"url": "http://x//y"}))
        );
    }
}
