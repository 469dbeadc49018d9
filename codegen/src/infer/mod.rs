//! Inference: types from saved examples. Every example of an operation is merged
//! into one observation tree (`shape`), a type is decided for each position
//! (`decide`), identical nested structs of a module are shared (`share`), and
//! examples are sorted into successes and errors (`classify`). Takes the lowered
//! modules and returns them typed.

mod classify;
mod decide;
mod shape;
mod shapes;
mod share;

use std::collections::{BTreeMap, BTreeSet};

use self::classify::{Class, classify};
use self::decide::{Decider, Position};
use self::shape::Shape;
use crate::diagnostics::{Error, Stale};
use crate::model::{
    Body, Evidence, Example, Module, Operation, Part, Response, ResponseKind, ShapeVariant, Ty,
    TypeDef, TypeKind, Untyped, taken_type_names,
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
    let field_docs: BTreeMap<String, String> = overrides
        .fields
        .iter()
        .map(|(wire, f)| (wire.clone(), f.docs.trim().to_owned()))
        .collect();
    let mut used = BTreeSet::new();
    let tables = Tables {
        keys: &keys,
        bindings: &bindings,
        names: &names,
        field_docs: &field_docs,
        error_flag,
        answered,
    };
    let root = infer_module(root, &tables, &mut used)?;
    if let Some(wire) = field_docs
        .keys()
        .find(|w| !used.contains(&(String::new(), format!("field {w}"))))
    {
        return Err(Error::stale(
            format!("fields.{wire}"),
            format!("no answer has a field `{wire}`"),
            Stale::FieldDocs(wire.clone()),
        ));
    }
    for (operation, paths) in &names {
        for path in paths.keys() {
            if !used.contains(&(operation.clone(), format!("type {path}"))) {
                return Err(Error::stale(
                    "types",
                    format!("no struct at `{path}` in the answer of `{operation}`"),
                    Stale::TypeName {
                        operation: operation.clone(),
                        path: path.clone(),
                    },
                ));
            }
        }
    }
    for (operation, fields) in &bindings {
        for (field, name) in fields {
            if !used.contains(&(operation.clone(), field.clone())) {
                return Err(Error::stale(
                    format!("enums.{name}.fields"),
                    format!("no response field `{field}` in request `{operation}`"),
                    Stale::EnumField {
                        name: name.clone(),
                        operation: operation.clone(),
                        field: field.clone(),
                    },
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
    field_docs: &'a BTreeMap<String, String>,
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
        enums,
        types: (),
        mount,
    } = module;
    let mut scope = Scope::with_reserved(taken_type_names());
    scope.reserve(&handle);
    for op in &operations {
        scope.claim(&op.builder);
    }
    for def in &enums {
        scope.claim(&def.name);
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
        enums,
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
        shape: None,
        scope,
        keys: tables.keys,
        error_flag: tables.error_flag,
        enum_fields: tables.bindings.get(&op.key).unwrap_or(&no_bindings),
        used_enum_fields: BTreeSet::new(),
        type_names: tables.names.get(&op.key).unwrap_or(&no_bindings),
        used_type_names: BTreeSet::new(),
        field_docs: tables.field_docs,
        used_field_docs: BTreeSet::new(),
        examples_total: 0,
        defs: Vec::new(),
    };
    let response = respond(op, tables.error_flag, &mut decider);
    for wire in &decider.used_field_docs {
        used.insert((String::new(), format!("field {wire}")));
    }
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
) -> (Option<Ty>, Vec<TypeDef>) {
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
        shape: None,
        scope,
        keys: tables.keys,
        error_flag: None,
        enum_fields: &no_names,
        used_enum_fields: BTreeSet::new(),
        type_names: &no_names,
        used_type_names: BTreeSet::new(),
        field_docs: &no_names,
        used_field_docs: BTreeSet::new(),
        examples_total: 1,
        defs: Vec::new(),
    };
    let ty = decider.decide(&shape, &Position::root(), &wanted);
    (Some(ty), decider.defs)
}

/// Sorts `op`'s examples into successes and errors and types the successes.
fn respond(
    op: &Operation<Untyped>,
    error_flag: Option<&str>,
    decider: &mut Decider<'_>,
) -> Response {
    let mut successes = Vec::new();
    let mut json_successes = Vec::new();
    let mut errors = Vec::new();
    let mut text = 0;
    for example in &op.examples {
        match classify(example, error_flag) {
            Class::Error(e) => errors.push(e),
            Class::Success => {
                successes.push(example.name.clone());
                match &example.json {
                    Some(_) => json_successes.push(example),
                    None if example.body.trim().is_empty() => {}
                    None => text += 1,
                }
            }
        }
    }
    let name = format!("{}Response", decider.prefix);
    let mut unverified = false;
    let kind = if op.method == "HEAD" {
        ResponseKind::Empty
    } else if text > 0 {
        ResponseKind::Text
    } else if json_successes.is_empty() && !successes.is_empty() {
        ResponseKind::Empty
    } else if json_successes.is_empty() {
        unverified = true;
        ResponseKind::Json(Ty::Unverified)
    } else if let Some(groups) = shapes::groups(&json_successes, error_flag) {
        ResponseKind::Json(shaped(decider, &name, groups))
    } else {
        decider.examples_total = json_successes.len();
        decider.evidence = Evidence::SavedExamples(successes.clone());
        let shape = observe(&json_successes);
        ResponseKind::Json(decider.decide(&shape, &Position::root(), &name))
    };
    Response {
        kind,
        successes,
        errors,
        unverified,
        answers: None,
    }
}

/// Every example's JSON, merged into one observation.
fn observe(examples: &[&Example]) -> Shape {
    let mut shape = Shape::default();
    for example in examples {
        if let Some(value) = &example.json {
            shape.observe(value, &example.name);
        }
    }
    shape
}

/// An answer of several shapes: the enum `name`, and a struct per shape, tried by
/// decoding in the order of how many fields they require (most first), so that an
/// answer is never read as a shape whose fields it merely includes.
fn shaped(decider: &mut Decider<'_>, name: &str, groups: Vec<shapes::Group<'_>>) -> Ty {
    let enum_name = decider.scope.claim(name);
    let slot = decider.defs.len();
    decider.defs.push(decider.def(
        enum_name.clone(),
        "",
        TypeKind::Shapes {
            variants: Vec::new(),
        },
    ));
    let mut variants = Vec::new();
    for group in groups {
        let names: Vec<String> = group.examples.iter().map(|e| e.name.clone()).collect();
        decider.examples_total = group.examples.len();
        decider.evidence = Evidence::SavedExamples(names.clone());
        decider.shape = Some(group.name.clone());
        let shape = observe(&group.examples);
        let struct_name = format!("{}{}", decider.prefix, group.name);
        let Ty::Named(ty) = decider.decide(&shape, &Position::root(), &struct_name) else {
            continue;
        };
        let required = decider
            .defs
            .iter()
            .find(|d| d.name == ty)
            .map_or(0, |d| match &d.kind {
                TypeKind::Struct { fields } => fields
                    .iter()
                    .filter(|f| !f.optional() && !f.nullable)
                    .count(),
                TypeKind::Shapes { .. } => 0,
            });
        variants.push((
            required,
            ShapeVariant {
                name: group.name,
                ty,
                examples: names,
            },
        ));
    }
    decider.shape = None;
    variants.sort_by_key(|v| std::cmp::Reverse(v.0));
    decider.defs[slot].kind = TypeKind::Shapes {
        variants: variants.into_iter().map(|(_, v)| v).collect(),
    };
    decider.defs[slot].evidence = Evidence::SavedExamples(Vec::new());
    Ty::Named(enum_name)
}
