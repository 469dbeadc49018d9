//! Types from saved examples: merges every example of an operation into one
//! observation tree (`shape`), decides a type for each position (`decide`),
//! and sorts examples into successes and errors (`classify`).

mod classify;
mod decide;
pub mod polling;
mod shape;
mod share;
pub mod types;

use std::collections::{BTreeMap, BTreeSet};

use self::classify::{Class, classify};
use self::decide::{Decider, Position};
use self::shape::Shape;
use self::types::{EnumDef, ResponseKind, ResponseModel, Ty, TypeDef, TypeKind, VariantDef};
use crate::diagnostics::Error;
use crate::ir::names::{Scope, pascal_ident};
use crate::ir::{Api, Body, Module, Operation};
use crate::overrides::Overrides;

/// Infers every operation's response type (and JSON request body type), and the
/// crate's enums from the overrides file.
pub fn infer(api: &mut Api, overrides: &Overrides) -> Result<(), Error> {
    if let Some(bad) = overrides.enums.keys().find(|name| {
        !crate::ir::names::is_valid_ident(name)
            || !name.starts_with(|c: char| c.is_ascii_uppercase())
    }) {
        return Err(Error::overrides(
            format!("enums.{bad}"),
            "an enum name must be an UpperCamelCase identifier",
        ));
    }
    api.enums = enums(overrides);
    name_example_variants(&mut api.root, &api.enums);
    if api.error_flag.is_none() {
        api.error_flag = detect_error_flag(&api.root);
    }
    let mut names: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();
    for t in &overrides.types {
        if !crate::ir::names::is_valid_ident(&t.name) {
            return Err(Error::overrides(
                "types",
                format!("`{}` is not a Rust type name", t.name),
            ));
        }
        names
            .entry(t.operation.clone())
            .or_default()
            .insert(t.path.clone(), t.name.clone());
    }
    let mut bindings: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();
    for (name, def) in &overrides.enums {
        for field in &def.fields {
            bindings
                .entry(field.operation.clone())
                .or_default()
                .insert(field.field.clone(), name.clone());
        }
    }
    let keys = decide::key_evidence(
        api.root
            .all_operations()
            .flat_map(|op| op.examples.iter().filter_map(|e| e.json.as_ref())),
    );
    let mut used = BTreeSet::new();
    let tables = Tables {
        keys: &keys,
        bindings: &bindings,
        names: &names,
    };
    infer_module(&mut api.root, api.error_flag.as_deref(), &tables, &mut used)?;
    for (operation, paths) in &names {
        for path in paths.keys() {
            if !used.contains(&(operation.clone(), format!("type {path}"))) {
                return Err(Error::overrides(
                    "types",
                    format!("no struct at `{path}` in the answer of `{operation}`"),
                ));
            }
        }
    }
    for (operation, fields) in &bindings {
        for (field, name) in fields {
            if !used.contains(&(operation.clone(), field.clone())) {
                return Err(Error::overrides(
                    format!("enums.{name}.fields"),
                    format!("no response field `{field}` in request `{operation}`"),
                ));
            }
        }
    }
    Ok(())
}

/// Finds, for every enum parameter with an example value, the variant that value
/// names (by code or by name), so that doc examples can write `StatusChange::Cancel`.
fn name_example_variants(module: &mut Module, enums: &[EnumDef]) {
    for op in &mut module.operations {
        for p in &mut op.params {
            let (Some(name), Some(example)) = (&p.choices, &p.example) else {
                continue;
            };
            let Some(def) = enums.iter().find(|e| &e.name == name) else {
                continue;
            };
            p.example_variant = def
                .variants
                .iter()
                .find(|v| {
                    v.code.is_some_and(|c| c.to_string() == *example)
                        || v.name.eq_ignore_ascii_case(example)
                })
                .map(|v| v.ident.clone());
        }
    }
    for child in &mut module.modules {
        name_example_variants(child, enums);
    }
}

fn enums(overrides: &Overrides) -> Vec<EnumDef> {
    overrides
        .enums
        .iter()
        .map(|(name, def)| {
            let mut scope = Scope::with_reserved(["Unknown"]);
            EnumDef {
                name: name.clone(),
                docs: def.docs.trim().to_owned(),
                source: def.reason.trim().to_owned(),
                variants: def
                    .variants
                    .iter()
                    .map(|v| VariantDef {
                        ident: scope.claim(&pascal_ident(&v.name, "Variant")),
                        code: v.code,
                        name: v.name.clone(),
                        docs: v.docs.clone().unwrap_or_default(),
                    })
                    .collect(),
            }
        })
        .collect()
}

/// What every module's inference reads.
struct Tables<'a> {
    keys: &'a BTreeMap<String, Shape>,
    bindings: &'a BTreeMap<String, BTreeMap<String, String>>,
    names: &'a BTreeMap<String, BTreeMap<String, String>>,
}

fn infer_module(
    module: &mut Module,
    error_flag: Option<&str>,
    tables: &Tables<'_>,
    used: &mut BTreeSet<(String, String)>,
) -> Result<(), Error> {
    let (keys, bindings) = (tables.keys, tables.bindings);
    let mut scope = Scope::with_reserved([module.handle.as_str()]);
    for op in &module.operations {
        scope.claim(&request_type_name(op));
    }
    let no_bindings = BTreeMap::new();
    let mut types = Vec::new();
    for op in &mut module.operations {
        let enum_fields = bindings.get(&op.key).unwrap_or(&no_bindings);
        let type_names = tables.names.get(&op.key).unwrap_or(&no_bindings);
        let prefix = crate::ir::names::type_stem(&op.name);
        let mut decider = Decider {
            prefix: prefix.clone(),
            scope: &mut scope,
            keys,
            error_flag,
            enum_fields,
            used_enum_fields: BTreeSet::new(),
            type_names,
            used_type_names: BTreeSet::new(),
            examples_total: 0,
            defs: Vec::new(),
        };
        op.response = respond(op, error_flag, &mut decider);
        let body = match &mut op.body {
            Body::Json { example, type_name } => {
                Some((&*example, type_name, "Body", "the JSON body"))
            }
            Body::GraphQl {
                variables,
                type_name,
                ..
            } if variables.is_object() => {
                Some((&*variables, type_name, "Variables", "the GraphQL variables"))
            }
            _ => None,
        };
        if let Some((example, type_name, suffix, what)) = body {
            let (name, mut defs) =
                infer_body(example, &format!("{prefix}{suffix}"), decider.scope, keys);
            *type_name = name;
            let subject = format!(
                "{what} of [`{handle}::{name}`]",
                handle = module.handle,
                name = op.name
            );
            for def in &mut defs {
                def.docs = type_docs(def, &subject, "the collection's example", 1);
            }
            types.extend(defs);
        }
        for path in &decider.used_enum_fields {
            used.insert((op.key.clone(), path.clone()));
        }
        for path in &decider.used_type_names {
            used.insert((op.key.clone(), format!("type {path}")));
        }
        let subject = format!(
            "the answer of [`{handle}::{name}`]",
            handle = module.handle,
            name = op.name
        );
        let evidence = match op.response.successes.len() {
            0 => "no saved example".to_owned(),
            _ => format!(
                "the saved example{} {}",
                if op.response.successes.len() == 1 {
                    ""
                } else {
                    "s"
                },
                op.response
                    .successes
                    .iter()
                    .map(|n| format!("`{n}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        };
        for def in &mut decider.defs {
            def.docs = type_docs(def, &subject, &evidence, op.response.successes.len());
        }
        types.extend(decider.defs);
    }
    share::share(&mut types);
    module.types = types;
    for child in &mut module.modules {
        infer_module(child, error_flag, tables, used)?;
    }
    Ok(())
}

/// A type's docs: what it is part of, and the evidence it was inferred from.
fn type_docs(def: &TypeDef, subject: &str, evidence: &str, examples: usize) -> String {
    let what = if def.origin.is_empty() {
        let mut first = subject.to_owned();
        if let Some(c) = first.get(..1) {
            first.replace_range(..1, &c.to_uppercase());
        }
        format!("{first}.")
    } else if def.origin == "[]" {
        format!("An item of {subject}.")
    } else if let Some(list) = def.origin.strip_suffix("[]") {
        format!("An item of `{list}` in {subject}.")
    } else {
        format!("`{}` in {subject}.", def.origin)
    };
    match def.kind {
        TypeKind::Unverified => format!(
            "{what}\n\n**Unverified**: the collection has no saved example of a successful answer, so its shape is \
             unknown and it is kept as JSON."
        ),
        _ if examples == 0 => what,
        _ => format!("{what}\n\nInferred from {evidence}."),
    }
}

/// Infers the type of a request body (or GraphQL variables) from the collection's
/// example: returns its name and the types it needs.
fn infer_body(
    example: &serde_json::Value,
    wanted: &str,
    scope: &mut Scope,
    keys: &BTreeMap<String, Shape>,
) -> (String, Vec<TypeDef>) {
    let mut shape = Shape::default();
    shape.observe(example, "request body");
    let no_names = BTreeMap::new();
    let mut decider = Decider {
        prefix: wanted.to_owned(),
        scope,
        keys,
        error_flag: None,
        enum_fields: &no_names,
        used_enum_fields: BTreeSet::new(),
        type_names: &no_names,
        used_type_names: BTreeSet::new(),
        examples_total: 1,
        defs: Vec::new(),
    };
    let name = match decider.decide(&shape, &Position::root(), wanted) {
        Ty::Named(name) => name,
        other => {
            let name = decider.scope.claim(wanted);
            decider.defs.insert(
                0,
                TypeDef {
                    name: name.clone(),
                    origin: String::new(),
                    docs: String::new(),
                    kind: TypeKind::Alias(other),
                },
            );
            name
        }
    };
    (name, decider.defs)
}

/// The name of an operation's request builder.
pub fn request_type_name(op: &Operation) -> String {
    format!("{}Request", crate::ir::names::type_stem(&op.name))
}

/// The name of an operation's response type.
pub fn response_type_name(op: &Operation) -> String {
    format!("{}Response", crate::ir::names::type_stem(&op.name))
}

fn respond(op: &Operation, error_flag: Option<&str>, decider: &mut Decider<'_>) -> ResponseModel {
    let mut model = ResponseModel::default();
    let mut shape = Shape::default();
    let mut json = 0;
    let mut text = 0;
    for example in &op.examples {
        match classify(example, error_flag) {
            Class::Error(e) => model.errors.push(e),
            Class::Success => {
                model.successes.push(example.name.clone());
                match &example.json {
                    Some(value) => {
                        json += 1;
                        shape.observe(value, &example.name);
                    }
                    None if example.body.trim().is_empty() => {}
                    None => text += 1,
                }
            }
        }
    }
    decider.examples_total = json;
    let name = response_type_name(op);
    model.kind = if op.method == "HEAD" {
        ResponseKind::Empty
    } else if text > 0 {
        ResponseKind::Text
    } else if json == 0 && !model.successes.is_empty() {
        ResponseKind::Empty
    } else if json == 0 {
        model.unverified = true;
        let claimed = decider.scope.claim(&name);
        decider.defs.push(TypeDef {
            name: claimed.clone(),
            origin: String::new(),
            docs: String::new(),
            kind: TypeKind::Unverified,
        });
        ResponseKind::Json(claimed)
    } else {
        match decider.decide(&shape, &Position::root(), &name) {
            Ty::Named(claimed) => ResponseKind::Json(claimed),
            other => {
                let claimed = decider.scope.claim(&name);
                decider.defs.insert(
                    0,
                    TypeDef {
                        name: claimed.clone(),
                        origin: String::new(),
                        docs: String::new(),
                        kind: TypeKind::Alias(other),
                    },
                );
                ResponseKind::Json(claimed)
            }
        }
    };
    model
}

/// A body field that marks failures, when the examples show one clearly: a key that
/// is falsy (`0`, `false`) in at least two examples with an error status, truthy in
/// some 2xx example, and falsy in fewer 2xx examples than it is truthy in (SMSPool
/// sends `{"success": 0}` with a 200 once in a while).
fn detect_error_flag(root: &Module) -> Option<String> {
    #[derive(Default)]
    struct Counts {
        falsy_errors: usize,
        falsy_successes: usize,
        truthy_successes: usize,
    }
    let mut counts: BTreeMap<String, Counts> = BTreeMap::new();
    for op in root.all_operations() {
        for example in &op.examples {
            let (Some(object), Some(code)) = (
                example.json.as_ref().and_then(serde_json::Value::as_object),
                example.status,
            ) else {
                continue;
            };
            for (key, value) in object {
                let falsy = match value {
                    serde_json::Value::Bool(b) => !b,
                    serde_json::Value::Number(n) => n.as_i64() == Some(0),
                    _ => continue,
                };
                let c = counts.entry(key.clone()).or_default();
                match (code, falsy) {
                    (400.., true) => c.falsy_errors += 1,
                    (200..=299, true) => c.falsy_successes += 1,
                    (200..=299, false) => c.truthy_successes += 1,
                    _ => {}
                }
            }
        }
    }
    counts
        .into_iter()
        .filter(|(_, c)| {
            c.falsy_errors >= 2 && c.truthy_successes >= 1 && c.falsy_successes < c.truthy_successes
        })
        .max_by_key(|(_, c)| c.falsy_errors)
        .map(|(key, _)| key)
}
