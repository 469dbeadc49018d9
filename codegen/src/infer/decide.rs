//! Observations → types. Each rule is listed in ARCHITECTURE.md with an example.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use heck::ToUpperCamelCase;

use super::shape::Shape;
use crate::model::{Evidence, Field, Part, Ty, TypeDef, TypeKind, TypeSite};
use crate::names::{Scope, pascal_ident, snake_ident};

/// Decides the types of one operation's response (or request body).
pub struct Decider<'a> {
    /// Prefix of every type name (`Purchase`).
    pub prefix: String,
    /// The operation's method name, for the types' sites.
    pub operation: String,
    /// The part of the operation the types describe.
    pub part: Part,
    /// What the types are inferred from.
    pub evidence: Evidence,
    /// The shape of answer the types belong to, when there are several.
    pub shape: Option<String>,
    /// Type names of the module, to keep them unique.
    pub scope: &'a mut Scope,
    /// Every key's scalar values across the whole collection (see [`key_evidence`]).
    pub keys: &'a BTreeMap<String, Shape>,
    /// The API's error flag field (`success`): always a [`Ty::Flag`].
    pub error_flag: Option<&'a str>,
    /// Enum bindings of this operation: field path → enum name.
    pub enum_fields: &'a BTreeMap<String, String>,
    /// Enum bindings that matched a field.
    pub used_enum_fields: BTreeSet<String>,
    /// Type names from the overrides file: position → name.
    pub type_names: &'a BTreeMap<String, String>,
    /// Type names that matched a struct.
    pub used_type_names: BTreeSet<String>,
    /// Docs of answer fields by name (the overrides file's `[fields]`).
    pub field_docs: &'a BTreeMap<String, String>,
    /// Field docs that matched a field.
    pub used_field_docs: BTreeSet<String>,
    /// How many examples were merged (for field docs).
    pub examples_total: usize,
    /// The types made, parents before children.
    pub defs: Vec<TypeDef>,
}

/// Where a value sits: its path (`data[].status`) and the field names leading to it.
#[derive(Clone, Debug)]
pub struct Position {
    /// The path in the notation of the overrides file.
    pub path: String,
    /// Field names from the root.
    pub names: Vec<String>,
}

impl Position {
    /// The root of a response.
    pub fn root() -> Self {
        Self {
            path: String::new(),
            names: Vec::new(),
        }
    }

    fn field(&self, wire: &str) -> Self {
        let mut names = self.names.clone();
        names.push(wire.to_owned());
        Self {
            path: if self.path.is_empty() {
                wire.to_owned()
            } else {
                format!("{}.{wire}", self.path)
            },
            names,
        }
    }

    fn element(&self) -> Self {
        Self {
            path: format!("{}[]", self.path),
            names: self.names.clone(),
        }
    }
}

impl Decider<'_> {
    /// The type for the values at `pos`; `root_name` names a struct at the root.
    pub fn decide(&mut self, shape: &Shape, pos: &Position, root_name: &str) -> Ty {
        if let Some(name) = self.enum_fields.get(&pos.path) {
            self.used_enum_fields.insert(pos.path.clone());
            return Ty::Enum(name.clone());
        }
        let present = shape.non_null();
        if present == 0 {
            // Only `null` here: borrow the scalar type the key has elsewhere.
            return match pos.names.last().and_then(|k| self.keys.get(k)) {
                Some(elsewhere) if elsewhere.non_null() > 0 => {
                    self.scalar(&elsewhere.clone(), pos, root_name)
                }
                _ => Ty::Any,
            };
        }
        if shape.objects == present {
            return self.object(shape, pos, root_name);
        }
        if shape.arrays == present {
            return match &shape.elements {
                Some(elements) if elements.values > 0 => {
                    let item_name = if pos.names.is_empty() {
                        // The items of a list answer: `ActiveOrders` → `ActiveOrder`.
                        match singular(&self.prefix) {
                            one if one != self.prefix => one,
                            _ => format!("{}Item", self.prefix),
                        }
                    } else {
                        singular(root_name)
                    };
                    Ty::Vec(Box::new(self.decide(elements, &pos.element(), &item_name)))
                }
                _ => Ty::Vec(Box::new(Ty::Any)),
            };
        }
        if shape.objects > 0 || shape.arrays > 0 {
            return Ty::Any;
        }
        self.scalar(shape, pos, root_name)
    }

    fn scalar(&mut self, s: &Shape, pos: &Position, root_name: &str) -> Ty {
        let name = pos.names.last().map(String::as_str).unwrap_or_default();
        if self.error_flag == Some(name) && s.arrays == 0 && s.objects == 0 {
            return Ty::Flag;
        }
        let elsewhere = self.keys.get(name);
        let fractional_elsewhere = elsewhere.is_some_and(|g| g.floats > 0 || g.decimal_strings > 0);
        let numbers_elsewhere = elsewhere.is_some_and(|g| g.numbers() > 0);
        let bools_elsewhere = elsewhere.is_some_and(|g| g.bools > 0);
        let numeric_strings = s.int_strings + s.decimal_strings;
        if s.strings == 0 {
            return if s.bools > 0 && s.floats == 0 && s.wide_ints == 0 {
                Ty::Flag
            } else if s.bools > 0 {
                Ty::Any
            } else if s.floats > 0 || fractional_elsewhere {
                Ty::Decimal
            } else if s.wide_ints == 0 && bools_elsewhere {
                Ty::Flag
            } else {
                Ty::Int
            };
        }
        if s.bools > 0 {
            return if s.int_strings == s.strings && s.wide_ints == 0 {
                Ty::Flag
            } else {
                Ty::Any
            };
        }
        if s.json_strings > 0 && s.json_strings == s.strings && s.numbers() == 0 {
            if let Some(inner) = &s.json_inner {
                return Ty::JsonString(Box::new(self.decide(inner, pos, root_name)));
            }
        }
        if numeric_strings == s.strings {
            if s.decimal_strings > 0 || s.floats > 0 {
                return Ty::Decimal;
            }
            if s.numbers() > 0 || numbers_elsewhere {
                return if fractional_elsewhere {
                    Ty::Decimal
                } else {
                    Ty::Int
                };
            }
        }
        let digits_only = s.int_strings + s.signed_digit_strings == s.strings;
        Ty::String {
            lenient: digits_only || s.numbers() > 0,
        }
    }

    fn object(&mut self, shape: &Shape, pos: &Position, root_name: &str) -> Ty {
        if shape.fields.is_empty() {
            return Ty::Any;
        }
        let data_keys = shape
            .fields
            .keys()
            .all(|k| !k.is_empty() && k.bytes().all(|b| b.is_ascii_digit()));
        if data_keys {
            let mut values = Shape::default();
            for field in shape.fields.values() {
                values.merge(&field.shape);
            }
            let element_name = format!("{root_name}Value");
            return Ty::Map(Box::new(self.decide(
                &values,
                &pos.element(),
                &element_name,
            )));
        }
        let name = match self.type_names.get(&pos.path) {
            Some(wanted) => {
                self.used_type_names.insert(pos.path.clone());
                self.type_name(wanted)
            }
            None => self.type_name(root_name),
        };
        let slot = self.defs.len();
        // Parents come before children: hold the slot while the fields are decided.
        self.defs.push(self.def(
            name.clone(),
            &pos.path,
            TypeKind::Struct { fields: Vec::new() },
        ));
        let mut idents = Scope::with_reserved(["extra"]);
        let mut fields = Vec::new();
        for (wire, observation) in &shape.fields {
            // Every success has the error flag set: it is no field to read (an
            // answer keeps it among its unknown fields, so it round-trips).
            if pos.path.is_empty() && self.part == Part::Answer && self.error_flag == Some(wire) {
                continue;
            }
            let child = pos.field(wire);
            let child_name = self.child_name(&child);
            let ty = self.decide(&observation.shape, &child, &child_name);
            let enum_as_name = matches!(ty, Ty::Enum(_)) && observation.shape.numbers() == 0;
            let docs = self.field_docs.get(wire).cloned();
            if docs.is_some() {
                self.used_field_docs.insert(wire.clone());
            }
            fields.push(Field {
                wire: wire.clone(),
                ident: idents.claim(&snake_ident(wire, "field")),
                ty,
                present: observation.present,
                objects: shape.objects,
                nullable: observation.shape.nulls > 0,
                examples: observation.examples.clone(),
                examples_total: self.examples_total,
                json_types: observation.shape.json_types(),
                enum_as_name,
                example: observation.shape.example.clone(),
                docs,
            });
        }
        self.defs[slot].kind = TypeKind::Struct { fields };
        Ty::Named(name)
    }

    /// A type named `name` for the values at `origin`.
    pub fn def(&self, name: String, origin: &str, kind: TypeKind) -> TypeDef {
        TypeDef {
            name,
            site: TypeSite {
                operation: self.operation.clone(),
                part: self.part,
                origin: origin.to_owned(),
                shape: self.shape.clone(),
            },
            shared_with: Vec::new(),
            evidence: self.evidence.clone(),
            kind,
        }
    }

    /// Claims `wanted` (or `wanted2`... when taken) in the module's type names.
    fn type_name(&mut self, wanted: &str) -> String {
        self.scope.claim(wanted)
    }

    /// The name for a struct at `pos`: the prefix plus the field names from the
    /// innermost outwards until the name is free (`PurchaseData`, then
    /// `PurchaseItemData`...).
    fn child_name(&self, pos: &Position) -> String {
        for take in 1..=pos.names.len() {
            let tail = &pos.names[pos.names.len() - take..];
            let candidate = format!(
                "{}{}",
                self.prefix,
                tail.iter()
                    .map(|n| n.to_upper_camel_case())
                    .collect::<String>()
            );
            let candidate = pascal_ident(&candidate, "Value");
            if !self.scope.contains(&candidate) {
                return candidate;
            }
        }
        format!("{}Value", self.prefix)
    }
}

/// `Messages` → `Message`, `Entries` → `Entry`; `Status`, `Address` unchanged.
fn singular(name: &str) -> String {
    if let Some(stem) = name.strip_suffix("ies") {
        return format!("{stem}y");
    }
    if name.ends_with("ss") || name.ends_with("us") || name.ends_with("is") {
        return name.to_owned();
    }
    name.strip_suffix('s').unwrap_or(name).to_owned()
}

/// Every key's scalar values across all examples of the collection, merged: evidence
/// of what the same field sends elsewhere (`success` is `true` in one endpoint and
/// `1` in others; `dataInGb` is `0.1` in one and `50` in another).
pub fn key_evidence<'v>(values: impl IntoIterator<Item = &'v Value>) -> BTreeMap<String, Shape> {
    fn walk(value: &Value, out: &mut BTreeMap<String, Shape>) {
        match value {
            Value::Object(map) => {
                for (k, v) in map {
                    if !v.is_array() && !v.is_object() {
                        out.entry(k.clone()).or_default().observe(v, "");
                    }
                    walk(v, out);
                }
            }
            Value::Array(items) => items.iter().for_each(|v| walk(v, out)),
            _ => {}
        }
    }
    let mut out = BTreeMap::new();
    for value in values {
        walk(value, &mut out);
    }
    out
}
