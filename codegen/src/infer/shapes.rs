//! One shape per answer: an operation whose successes come in clearly different
//! shapes (SMSPool's purchase answers with an order, or with a token link) answers
//! with an enum of them, each variant a struct whose fields are required where that
//! shape always has them.
//!
//! Successes are grouped by their top-level keys: an example joins a group when it
//! shares at least half of their keys (Jaccard index ≥ 0.5). The answer is an enum when
//! there are several groups and each pair shares under a quarter of their keys; else
//! every success is one shape (fields that only some have are optional).

use std::collections::BTreeSet;

use serde_json::Value;

use crate::model::Example;
use crate::names::pascal_ident;

/// A group of successes of one shape.
#[derive(Debug)]
pub struct Group<'e> {
    /// The variant name (`Order`).
    pub name: String,
    /// Its examples.
    pub examples: Vec<&'e Example>,
    keys: BTreeSet<&'e str>,
}

/// The groups `successes` fall into, when they are clearly different shapes; `None`
/// when they are one shape. `flag` is the API's error flag, which every shape has.
pub fn groups<'e>(successes: &[&'e Example], flag: Option<&str>) -> Option<Vec<Group<'e>>> {
    let mut groups: Vec<Group<'e>> = Vec::new();
    for example in successes {
        let Some(Value::Object(map)) = &example.json else {
            return None;
        };
        let keys: BTreeSet<&str> = map
            .keys()
            .map(String::as_str)
            .filter(|k| Some(*k) != flag)
            .collect();
        match groups.iter_mut().find(|g| jaccard(&g.keys, &keys) >= 0.5) {
            Some(group) => {
                group.keys.extend(keys);
                group.examples.push(example);
            }
            None => groups.push(Group {
                name: String::new(),
                examples: vec![example],
                keys,
            }),
        }
    }
    if groups.len() < 2 {
        return None;
    }
    for (i, a) in groups.iter().enumerate() {
        if groups[i + 1..]
            .iter()
            .any(|b| jaccard(&a.keys, &b.keys) >= 0.25)
        {
            return None;
        }
    }
    let names = names(&groups);
    for (group, name) in groups.iter_mut().zip(names) {
        group.name = name;
    }
    Some(groups)
}

fn jaccard(a: &BTreeSet<&str>, b: &BTreeSet<&str>) -> f64 {
    let union = a.union(b).count();
    if union == 0 {
        return 1.0;
    }
    a.intersection(b).count() as f64 / union as f64
}

/// Variant names: the last word of each group's first example name (`200 - successful
/// order` → `Order`), when they tell the groups apart; else the first key only that
/// group has that makes a name; else `Shape1`, `Shape2`...
fn names(groups: &[Group<'_>]) -> Vec<String> {
    let by_example: Vec<String> = groups
        .iter()
        .map(|g| {
            let name = &g.examples[0].name;
            let word = name
                .split(|c: char| !c.is_alphanumeric())
                .rfind(|w| w.starts_with(char::is_alphabetic))
                .unwrap_or_default();
            variant_name(word)
        })
        .collect();
    if distinct(&by_example) {
        return by_example;
    }
    let by_key: Vec<String> = groups
        .iter()
        .enumerate()
        .map(|(i, g)| {
            g.keys
                .iter()
                .filter(|k| {
                    groups
                        .iter()
                        .enumerate()
                        .all(|(j, other)| i == j || !other.keys.contains(*k))
                })
                .map(|k| variant_name(k))
                .find(|name| !name.is_empty())
                .unwrap_or_default()
        })
        .collect();
    if distinct(&by_key) {
        return by_key;
    }
    (1..=groups.len()).map(|i| format!("Shape{i}")).collect()
}

/// `word` as a variant's name, when it makes one: UpperCamelCase from a letter. A
/// word from a digit (`2fa`) does not, and would make `Purchase_2fa` of the struct's
/// name: empty then.
fn variant_name(word: &str) -> String {
    let name = pascal_ident(word, "");
    if name.starts_with(|c: char| c.is_ascii_uppercase()) {
        name
    } else {
        String::new()
    }
}

fn distinct(names: &[String]) -> bool {
    let set: BTreeSet<&String> = names.iter().collect();
    set.len() == names.len() && names.iter().all(|n| !n.is_empty() && n != "Unknown")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn example(name: &str, body: &str) -> Example {
        Example {
            name: name.into(),
            status: Some(200),
            status_text: None,
            headers: Vec::new(),
            body: body.into(),
            json: serde_json::from_str(body).ok(),
            request_params: Vec::new(),
            constant: String::new(),
        }
    }

    #[test]
    fn an_order_and_a_token_are_two_shapes() {
        let order = example(
            "200 - successful order",
            r#"{"success":1,"number":1,"cc":"1","phonenumber":"1","order_id":"A","country":"US","service":"x","pool":1,"expires_in":1,"expiration":1,"message":"m","cost":"1","cost_in_cents":1}"#,
        );
        let token = example(
            "200 - created SMS token",
            r#"{"success":1,"cc":"1","phonenumber":"1","message":"m","url":"u","token":"t"}"#,
        );
        let groups = groups(&[&order, &token], Some("success")).expect("two shapes");
        let names: Vec<&str> = groups.iter().map(|g| g.name.as_str()).collect();
        assert_eq!(names, ["Order", "Token"]);
    }

    #[test]
    fn variant_names_start_with_a_letter() {
        let first = example("200 2fa", r#"{"alpha":1,"beta":2}"#);
        let second = example("3d", r#"{"1x":1,"gamma":2}"#);
        let groups = groups(&[&first, &second], None).expect("two shapes");
        let names: Vec<&str> = groups.iter().map(|g| g.name.as_str()).collect();
        assert_eq!(names, ["Alpha", "Gamma"]);
    }

    #[test]
    fn answers_sharing_their_core_are_one_shape() {
        let pending = example(
            "200 - order pending",
            r#"{"status":1,"resend":0,"expiration":1,"time_left":5}"#,
        );
        let complete = example(
            "200 - order complete",
            r#"{"status":3,"sms":"1","full_sms":"x","expiration":1}"#,
        );
        assert!(groups(&[&pending, &complete], None).is_none());
    }
}
