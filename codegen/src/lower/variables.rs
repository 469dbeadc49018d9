//! Collection variables: `{{name}}` substitution, with cycles reported as errors.

use std::collections::BTreeMap;

use crate::diagnostics::Error;
use crate::postman::Variable;

/// Variable values by name, checked free of cycles.
#[derive(Clone, Debug, Default)]
pub struct Variables {
    values: BTreeMap<String, String>,
}

/// The names referenced as `{{name}}` in `text`, in order.
pub fn references(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find("{{") {
        let after = &rest[start + 2..];
        match after.find("}}") {
            Some(end) => {
                let name = after[..end].trim();
                if !name.is_empty() {
                    out.push(name);
                }
                rest = &after[end + 2..];
            }
            None => break,
        }
    }
    out
}

/// If `text` is exactly one `{{name}}`, the name.
pub fn sole_reference(text: &str) -> Option<&str> {
    let inner = text.trim().strip_prefix("{{")?.strip_suffix("}}")?;
    (!inner.contains("{{") && !inner.contains("}}")).then(|| inner.trim())
}

impl Variables {
    /// Reads the collection's variables (`variable[i]` in error paths). Disabled ones
    /// are left out; a cycle (`a` → `b` → `a`) is an error naming the first variable
    /// on it.
    pub fn new(variables: &[Variable], path: &str) -> Result<Self, Error> {
        let mut values = BTreeMap::new();
        let mut index_of = BTreeMap::new();
        for (i, variable) in variables.iter().enumerate() {
            if variable.disabled {
                continue;
            }
            if let Some(name) = variable.name() {
                values.insert(name.to_owned(), variable.value_text());
                index_of.insert(name.to_owned(), i);
            }
        }
        let this = Self { values };
        for name in this.values.keys() {
            let mut stack = vec![name.as_str()];
            if let Some(cycle) = this.find_cycle(&mut stack) {
                let index = index_of.get(name).copied().unwrap_or_default();
                return Err(Error::collection(
                    format!("{path}[{index}]"),
                    format!(
                        "variables refer to each other in a cycle ({}); expected values that resolve",
                        cycle.join(" → ")
                    ),
                ));
            }
        }
        Ok(this)
    }

    fn find_cycle<'a>(&'a self, stack: &mut Vec<&'a str>) -> Option<Vec<String>> {
        let current = *stack.last()?;
        let value = self.values.get(current)?;
        for reference in references(value) {
            if let Some(pos) = stack.iter().position(|s| *s == reference) {
                let mut cycle: Vec<String> = stack[pos..].iter().map(|s| (*s).to_owned()).collect();
                cycle.push(reference.to_owned());
                return Some(cycle);
            }
            if let Some((name, _)) = self.values.get_key_value(reference) {
                stack.push(name.as_str());
                if let Some(cycle) = self.find_cycle(stack) {
                    return Some(cycle);
                }
                stack.pop();
            }
        }
        None
    }

    /// The value of `name`, if defined.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.values.get(name).map(String::as_str)
    }

    /// `text` with every defined `{{name}}` replaced (recursively); unknown ones stay.
    pub fn resolve(&self, text: &str) -> String {
        self.resolve_depth(text, 0)
    }

    fn resolve_depth(&self, text: &str, depth: usize) -> String {
        if depth > 32 || !text.contains("{{") {
            return text.to_owned();
        }
        let mut out = String::with_capacity(text.len());
        let mut rest = text;
        while let Some(start) = rest.find("{{") {
            out.push_str(&rest[..start]);
            let after = &rest[start + 2..];
            match after.find("}}") {
                Some(end) => {
                    let name = after[..end].trim();
                    match self.values.get(name) {
                        Some(value) => out.push_str(&self.resolve_depth(value, depth + 1)),
                        None => out.push_str(&rest[start..start + 2 + end + 2]),
                    }
                    rest = &after[end + 2..];
                }
                None => {
                    out.push_str(&rest[start..]);
                    rest = "";
                }
            }
        }
        out.push_str(rest);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vars(pairs: &[(&str, &str)]) -> Vec<Variable> {
        pairs
            .iter()
            .map(|(k, v)| {
                serde_json::from_value(serde_json::json!({"key": k, "value": v})).expect("variable")
            })
            .collect()
    }

    #[test]
    fn resolves_nested_references() {
        let v = Variables::new(
            &vars(&[("host", "api.x.com"), ("base", "https://{{host}}/v1")]),
            "variable",
        )
        .unwrap();
        assert_eq!(
            v.resolve("{{base}}/users/{{id}}"),
            "https://api.x.com/v1/users/{{id}}"
        );
    }

    #[test]
    fn cycles_are_errors_with_a_path() {
        let err =
            Variables::new(&vars(&[("a", "{{b}}"), ("b", "x{{a}}")]), "variable").unwrap_err();
        assert_eq!(err.path, "variable[0]");
        assert!(err.message.contains("a → b → a"), "{}", err.message);
    }

    #[test]
    fn finds_references() {
        assert_eq!(references("{{a}}/x/{{ b }}"), vec!["a", "b"]);
        assert_eq!(sole_reference(" {{apikey}} "), Some("apikey"));
        assert_eq!(sole_reference("Bearer {{apikey}}"), None);
    }
}
