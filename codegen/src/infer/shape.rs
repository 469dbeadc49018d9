//! Observations: every JSON value seen at one position of a response, counted by
//! kind, merged across all saved examples.

use indexmap::IndexMap;
use serde_json::Value;

/// What was seen at one position.
#[derive(Clone, Debug, Default)]
pub struct Shape {
    /// Values seen (nulls included).
    pub values: usize,
    /// `null`s.
    pub nulls: usize,
    /// Booleans.
    pub bools: usize,
    /// Integers.
    pub ints: usize,
    /// Integers other than 0 and 1.
    pub wide_ints: usize,
    /// Numbers with a fraction or exponent.
    pub floats: usize,
    /// Strings.
    pub strings: usize,
    /// Empty strings.
    pub empty_strings: usize,
    /// Strings of digits (`"100"`, `"0"`).
    pub int_strings: usize,
    /// Strings of digits with a `+` sign (`"+123456789"`).
    pub signed_digit_strings: usize,
    /// Decimal strings (`"0.80"`).
    pub decimal_strings: usize,
    /// Strings holding a JSON array or object.
    pub json_strings: usize,
    /// What those strings held.
    pub json_inner: Option<Box<Shape>>,
    /// Arrays.
    pub arrays: usize,
    /// What the arrays held.
    pub elements: Option<Box<Shape>>,
    /// Objects.
    pub objects: usize,
    /// Their keys, in the order first seen.
    pub fields: IndexMap<String, FieldObservation>,
    /// The first scalar value seen other than `null` and `""`, as JSON.
    pub example: Option<String>,
}

/// What was seen under one key of the objects at a position.
#[derive(Clone, Debug, Default)]
pub struct FieldObservation {
    /// In how many objects the key was present.
    pub present: usize,
    /// The examples it was present in, in order.
    pub examples: Vec<String>,
    /// Its values.
    pub shape: Shape,
}

impl Shape {
    /// Records `value`, seen in the example named `example`.
    pub fn observe(&mut self, value: &Value, example: &str) {
        self.values += 1;
        if self.example.is_none()
            && !matches!(value, Value::Null | Value::Array(_) | Value::Object(_))
            && value.as_str().is_none_or(|s| !s.trim().is_empty())
        {
            self.example = Some(value.to_string());
        }
        match value {
            Value::Null => self.nulls += 1,
            Value::Bool(_) => self.bools += 1,
            Value::Number(n) => {
                if n.is_i64() || n.is_u64() {
                    self.ints += 1;
                    if !matches!(n.as_u64(), Some(0 | 1)) {
                        self.wide_ints += 1;
                    }
                } else {
                    self.floats += 1;
                }
            }
            Value::String(s) => self.observe_string(s, example),
            Value::Array(items) => {
                self.arrays += 1;
                let elements = self.elements.get_or_insert_with(Default::default);
                for item in items {
                    elements.observe(item, example);
                }
            }
            Value::Object(map) => {
                self.objects += 1;
                for (key, item) in map {
                    let field = self.fields.entry(key.clone()).or_default();
                    field.present += 1;
                    if field.examples.last().map(String::as_str) != Some(example) {
                        field.examples.push(example.to_owned());
                    }
                    field.shape.observe(item, example);
                }
            }
        }
    }

    fn observe_string(&mut self, s: &str, example: &str) {
        self.strings += 1;
        let t = s.trim();
        let digits = |t: &str| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit());
        if t.is_empty() {
            self.empty_strings += 1;
        } else if digits(t.strip_prefix('-').unwrap_or(t)) {
            self.int_strings += 1;
        } else if t.strip_prefix('+').is_some_and(digits) {
            self.signed_digit_strings += 1;
        } else if is_decimal(t) {
            self.decimal_strings += 1;
        } else if t.starts_with(['[', '{'])
            && let Ok(inner @ (Value::Array(_) | Value::Object(_))) =
                serde_json::from_str::<Value>(t)
        {
            self.json_strings += 1;
            self.json_inner
                .get_or_insert_with(Default::default)
                .observe(&inner, example);
        }
    }

    /// Values that are not null.
    pub fn non_null(&self) -> usize {
        self.values - self.nulls
    }

    /// Numbers of any kind.
    pub fn numbers(&self) -> usize {
        self.ints + self.floats
    }

    /// Folds `other` into `self` (for map values: every key's values together).
    pub fn merge(&mut self, other: &Shape) {
        if self.example.is_none() {
            self.example.clone_from(&other.example);
        }
        self.values += other.values;
        self.nulls += other.nulls;
        self.bools += other.bools;
        self.ints += other.ints;
        self.wide_ints += other.wide_ints;
        self.floats += other.floats;
        self.strings += other.strings;
        self.empty_strings += other.empty_strings;
        self.int_strings += other.int_strings;
        self.signed_digit_strings += other.signed_digit_strings;
        self.decimal_strings += other.decimal_strings;
        self.json_strings += other.json_strings;
        merge_boxed(&mut self.json_inner, &other.json_inner);
        self.arrays += other.arrays;
        merge_boxed(&mut self.elements, &other.elements);
        self.objects += other.objects;
        for (key, field) in &other.fields {
            let mine = self.fields.entry(key.clone()).or_default();
            mine.present += field.present;
            for e in &field.examples {
                if !mine.examples.contains(e) {
                    mine.examples.push(e.clone());
                }
            }
            mine.shape.merge(&field.shape);
        }
    }

    /// The JSON types seen, for documentation.
    pub fn json_types(&self) -> Vec<&'static str> {
        let mut out = Vec::new();
        let plain_strings = self.strings - self.json_strings;
        for (count, name) in [
            (self.ints, "integer"),
            (self.floats, "fractional number"),
            (plain_strings, "string"),
            (self.json_strings, "string of JSON"),
            (self.bools, "boolean"),
            (self.arrays, "array"),
            (self.objects, "object"),
            (self.nulls, "null"),
        ] {
            if count > 0 {
                out.push(name);
            }
        }
        out
    }
}

fn merge_boxed(mine: &mut Option<Box<Shape>>, other: &Option<Box<Shape>>) {
    if let Some(other) = other {
        mine.get_or_insert_with(Default::default).merge(other);
    }
}

/// `0.80`, `-1.5`: digits, one dot, digits.
fn is_decimal(t: &str) -> bool {
    let t = t.strip_prefix('-').unwrap_or(t);
    match t.split_once('.') {
        Some((a, b)) => {
            !a.is_empty()
                && !b.is_empty()
                && a.bytes().all(|c| c.is_ascii_digit())
                && b.bytes().all(|c| c.is_ascii_digit())
        }
        None => false,
    }
}
