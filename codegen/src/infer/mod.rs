//! Inference: types from saved examples. Every example of an operation is merged
//! into one observation tree (`shape`), a type is decided for each position
//! (`decide`), identical nested structs of a module are shared (`share`), and
//! examples are sorted into successes and errors (`classify`). Takes the lowered
//! modules and returns them typed.

mod classify;
mod decide;
mod shape;
mod share;

use std::collections::{BTreeMap, BTreeSet};

use self::classify::{Class, classify};
use self::decide::{Decider, Position};
use self::shape::Shape;
use crate::diagnostics::Error;
use crate::model::{
    Body, Evidence, Module, Operation, Part, Response, ResponseKind, Ty, TypeDef, TypeKind, Untyped,
};
use crate::names::{Scope, is_valid_ident, type_stem};
use crate::overrides::Overrides;

/// Types every operation's answer (and JSON request body) of `root`. `error_flag` is
/// the API's; `answered` holds the responses of operations that answer in plain text
/// (decided from the overrides file's `[answers]`), by operation key.
pub fn infer(
    root: Module<Untyped>,
    error_flag: Option<&str>,
    answered: &BTreeMap<String, Response>,
    overrides: &Overrides,
) -> Result<Module, Error> {
    let mut names: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();
    for t in &overrides.types {
        if !is_valid_ident(&t.name) {
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
        root.all_operations()
            .flat_map(|op| op.examples.iter().filter_map(|e| e.json.as_ref())),
    );
    let mut used = BTreeSet::new();
    let tables = Tables {
        keys: &keys,
        bindings: &bindings,
        names: &names,
        error_flag,
        answered,
    };
    let root = infer_module(root, &tables, &mut used)?;
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
    Ok(root)
}

/// What every module's inference reads.
struct Tables<'a> {
    keys: &'a BTreeMap<String, Shape>,
    bindings: &'a BTreeMap<String, BTreeMap<String, String>>,
    names: &'a BTreeMap<String, BTreeMap<String, String>>,
    error_flag: Option<&'a str>,
    answered: &'a BTreeMap<String, Response>,
}

fn infer_module(
    module: Module<Untyped>,
    tables: &Tables<'_>,
    used: &mut BTreeSet<(String, String)>,
) -> Result<Module, Error> {
    let Module {
        name,
        title,
        key,
        docs,
        handle,
        operations,
        modules,
        types: (),
        mount,
    } = module;
    let mut scope = Scope::with_reserved([handle.as_str()]);
    for op in &operations {
        scope.claim(&op.builder);
    }
    for response in operations
        .iter()
        .filter_map(|op| tables.answered.get(&op.key))
    {
        if let ResponseKind::Answer(name) = &response.kind {
            scope.claim(name);
        }
    }
    let mut types = Vec::new();
    let mut typed = Vec::with_capacity(operations.len());
    for op in operations {
        let prefix = type_stem(&op.name);
        let (response, answer_types) = match tables.answered.get(&op.key) {
            Some(answered) => (answered.clone(), Vec::new()),
            None => answer(&op, &prefix, &mut scope, tables, used),
        };
        let (body_type, body_types) = body(&op, &prefix, &mut scope, tables);
        types.extend(body_types);
        types.extend(answer_types);
        typed.push(op.typed(body_type, response));
    }
    share::share(&mut types);
    let modules = modules
        .into_iter()
        .map(|child| infer_module(child, tables, used))
        .collect::<Result<_, _>>()?;
    Ok(Module {
        name,
        title,
        key,
        docs,
        handle,
        operations: typed,
        modules,
        types,
        mount,
    })
}

/// What `op`'s saved examples say of its answers, with the types they need.
fn answer(
    op: &Operation<Untyped>,
    prefix: &str,
    scope: &mut Scope,
    tables: &Tables<'_>,
    used: &mut BTreeSet<(String, String)>,
) -> (Response, Vec<TypeDef>) {
    let no_bindings = BTreeMap::new();
    let mut decider = Decider {
        prefix: prefix.to_owned(),
        operation: op.name.clone(),
        part: Part::Answer,
        evidence: Evidence::SavedExamples(Vec::new()),
        scope,
        keys: tables.keys,
        error_flag: tables.error_flag,
        enum_fields: tables.bindings.get(&op.key).unwrap_or(&no_bindings),
        used_enum_fields: BTreeSet::new(),
        type_names: tables.names.get(&op.key).unwrap_or(&no_bindings),
        used_type_names: BTreeSet::new(),
        examples_total: 0,
        defs: Vec::new(),
    };
    let response = respond(op, tables.error_flag, &mut decider);
    for path in &decider.used_enum_fields {
        used.insert((op.key.clone(), path.clone()));
    }
    for path in &decider.used_type_names {
        used.insert((op.key.clone(), format!("type {path}")));
    }
    (response, decider.defs)
}

/// The type of `op`'s JSON body or GraphQL variables, with the types it needs.
fn body(
    op: &Operation<Untyped>,
    prefix: &str,
    scope: &mut Scope,
    tables: &Tables<'_>,
) -> (Option<String>, Vec<TypeDef>) {
    let (example, part, suffix) = match &op.body {
        Body::Json { example } => (example, Part::Body, "Body"),
        Body::GraphQl { variables, .. } if variables.is_object() => {
            (variables, Part::Variables, "Variables")
        }
        _ => return (None, Vec::new()),
    };
    let wanted = format!("{prefix}{suffix}");
    let mut shape = Shape::default();
    shape.observe(example, "request body");
    let no_names = BTreeMap::new();
    let mut decider = Decider {
        prefix: wanted.clone(),
        operation: op.name.clone(),
        part,
        evidence: Evidence::RequestExample,
        scope,
        keys: tables.keys,
        error_flag: None,
        enum_fields: &no_names,
        used_enum_fields: BTreeSet::new(),
        type_names: &no_names,
        used_type_names: BTreeSet::new(),
        examples_total: 1,
        defs: Vec::new(),
    };
    let name = root_type(&mut decider, &shape, &wanted);
    (Some(name), decider.defs)
}

/// Decides the type at the root of `shape` and names it `wanted`: a struct is named
/// by the decider, anything else gets an alias.
fn root_type(decider: &mut Decider<'_>, shape: &Shape, wanted: &str) -> String {
    match decider.decide(shape, &Position::root(), wanted) {
        Ty::Named(name) => name,
        other => {
            let name = decider.scope.claim(wanted);
            let alias = decider.def(name.clone(), "", TypeKind::Alias(other));
            decider.defs.insert(0, alias);
            name
        }
    }
}

/// Sorts `op`'s examples into successes and errors and types the successes.
fn respond(
    op: &Operation<Untyped>,
    error_flag: Option<&str>,
    decider: &mut Decider<'_>,
) -> Response {
    let mut successes = Vec::new();
    let mut errors = Vec::new();
    let mut shape = Shape::default();
    let mut json = 0;
    let mut text = 0;
    for example in &op.examples {
        match classify(example, error_flag) {
            Class::Error(e) => errors.push(e),
            Class::Success => {
                successes.push(example.name.clone());
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
    decider.evidence = Evidence::SavedExamples(successes.clone());
    let name = format!("{}Response", decider.prefix);
    let mut unverified = false;
    let kind = if op.method == "HEAD" {
        ResponseKind::Empty
    } else if text > 0 {
        ResponseKind::Text
    } else if json == 0 && !successes.is_empty() {
        ResponseKind::Empty
    } else if json == 0 {
        unverified = true;
        let claimed = decider.scope.claim(&name);
        let def = decider.def(claimed.clone(), "", TypeKind::Unverified);
        decider.defs.push(def);
        ResponseKind::Json(claimed)
    } else {
        ResponseKind::Json(root_type(decider, &shape, &name))
    };
    Response {
        kind,
        successes,
        errors,
        unverified,
        answers: None,
    }
}
