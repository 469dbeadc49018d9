//! The polling helper of the overrides file (`[polling]`), checked against the
//! inferred model: the operations exist and take the right parameters, the fields
//! exist with usable types, the statuses are variants of the enum. Anything that does
//! not match is a generation error.

use heck::ToSnakeCase;

use crate::diagnostics::{Error, Stale};
use crate::model::{
    Access, Body, CLIENT_METHODS, EnumDef, Module, Operation, POLLING_MODULE, POLLING_ROOT_ITEMS,
    Polling, ResponseKind, Source, Ty, TypeKind,
};
use crate::names::is_valid_ident;
use crate::overrides::{Overrides, PollingOverride};

/// Resolves `[polling]`, if the overrides file has one, against the typed `root`
/// module and the crate's `enums`.
pub fn resolve(
    root: &Module,
    enums: &[EnumDef],
    overrides: &Overrides,
) -> Result<Option<Polling>, Error> {
    let Some(p) = &overrides.polling else {
        return Ok(None);
    };
    check_names(root, enums, p)?;
    let enum_def = enums.iter().find(|e| e.name == p.status).ok_or_else(|| {
        Error::overrides(
            "polling.status",
            format!("no enum `{}` in [enums]", p.status),
        )
    })?;
    let variants = |names: &[String], key: &str| -> Result<Vec<(String, String)>, Error> {
        names
            .iter()
            .map(|name| {
                enum_def
                    .variants
                    .iter()
                    .find(|v| &v.name == name)
                    .map(|v| (v.ident.clone(), v.name.clone()))
                    .ok_or_else(|| {
                        let known: Vec<&str> =
                            enum_def.variants.iter().map(|v| v.name.as_str()).collect();
                        Error::overrides(
                            format!("polling.{key}"),
                            format!(
                                "`{name}` is not a value of {} (it has: {})",
                                enum_def.name,
                                known.join(", ")
                            ),
                        )
                    })
            })
            .collect()
    };
    let delivered = variants(&p.delivered, "delivered")?;
    let failed = variants(&p.failed, "failed")?;
    if delivered.is_empty() {
        return Err(Error::overrides(
            "polling.delivered",
            "at least one status must mean delivered",
        ));
    }
    if let Some((_, name)) = failed.iter().find(|f| delivered.contains(f)) {
        return Err(Error::overrides(
            "polling.failed",
            format!("`{name}` is listed as both delivered and failed"),
        ));
    }

    let list = list_source(root, p)?;
    let check = check_source(root, p)?;
    Ok(Some(Polling {
        method: p.method.clone(),
        reason: p.reason.trim().to_owned(),
        status_enum: enum_def.name.clone(),
        delivered,
        failed,
        list,
        check,
    }))
}

/// The method must be a fresh snake_case identifier, and the crate root must have
/// room for the helper's module and re-exports.
fn check_names(root: &Module, enums: &[EnumDef], p: &PollingOverride) -> Result<(), Error> {
    let method = p.method.as_str();
    if method.is_empty() || method.to_snake_case() != method || !is_valid_ident(method) {
        return Err(Error::overrides(
            "polling.method",
            format!("`{method}` is not a snake_case Rust identifier"),
        ));
    }
    let taken = CLIENT_METHODS.contains(&method)
        || root.modules.iter().any(|m| m.name == method)
        || root.operations.iter().any(|o| o.name == method);
    if taken {
        return Err(Error::overrides(
            "polling.method",
            format!("the client already has a method `{method}`"),
        ));
    }
    if root.modules.iter().any(|m| m.name == POLLING_MODULE) {
        return Err(Error::overrides(
            "polling",
            format!("a folder is already named `{POLLING_MODULE}`, the helper's module"),
        ));
    }
    let clash = POLLING_ROOT_ITEMS.iter().find(|item| {
        enums.iter().any(|e| e.name == **item) || root.types.iter().any(|t| t.name == **item)
    });
    if let Some(item) = clash {
        return Err(Error::overrides(
            "polling",
            format!("the crate root already has a type `{item}`, which the helper re-exports"),
        ));
    }
    Ok(())
}

fn list_source(root: &Module, p: &PollingOverride) -> Result<Source, Error> {
    let l = &p.list;
    let (path, module, op) = find(root, &l.operation, "polling.list.operation")?;
    if let Some(param) = op.params.iter().find(|p| p.required) {
        return Err(Error::overrides(
            "polling.list.operation",
            format!(
                "`{}` has a required parameter `{}`; the list must need none",
                l.operation, param.wire
            ),
        ));
    }
    reject_body_argument(op, "polling.list.operation")?;
    let root = response_type(op, "polling.list.operation")?;
    let mut items = None;
    let mut item_field = |spec: &str, key: &str| {
        let at = format!("polling.list.{key}");
        let (prefix, name) = spec.rsplit_once("[].").ok_or_else(|| {
            Error::overrides(
                &at,
                format!("`{spec}` must name a field of the listed items, as `[].{key}`"),
            )
        })?;
        let (element, idents) = walk_to_items(module, &root, prefix, &at, &l.operation)?;
        match &items {
            Some(first) if *first != idents => {
                return Err(Error::overrides(
                    &at,
                    "every list field must be in the same array",
                ));
            }
            _ => items = Some(idents),
        }
        field_of(module, &element, name, &at, &l.operation)
    };
    let order_id = item_field(&l.order_id, "order_id")?;
    let status = item_field(&l.status, "status")?;
    let code = item_field(&l.code, "code")?;
    let full_text = l
        .full_text
        .as_deref()
        .map(|spec| item_field(spec, "full_text"))
        .transpose()?;
    expect_text(&order_id, false, "polling.list.order_id")?;
    expect_enum(&status, &p.status, "polling.list.status")?;
    expect_text(&code, true, "polling.list.code")?;
    if let Some(f) = &full_text {
        expect_text(f, true, "polling.list.full_text")?;
    }
    Ok(source(
        &path,
        module,
        op,
        items.unwrap_or_default(),
        Some(order_id.0),
        status.0,
        code.0,
        full_text.map(|f| f.0),
    ))
}

fn check_source(root: &Module, p: &PollingOverride) -> Result<Source, Error> {
    let c = &p.check;
    let (path, module, op) = find(root, &c.operation, "polling.check.operation")?;
    let required: Vec<&str> = op
        .params
        .iter()
        .filter(|p| p.required)
        .map(|p| p.wire.as_str())
        .collect();
    if required != [c.order_id_param.as_str()] {
        return Err(Error::overrides(
            "polling.check.order_id_param",
            format!(
                "`{}` must have `{}` as its only required parameter; it has: {}",
                c.operation,
                c.order_id_param,
                if required.is_empty() {
                    "none".to_owned()
                } else {
                    required.join(", ")
                }
            ),
        ));
    }
    reject_body_argument(op, "polling.check.operation")?;
    let root = response_type(op, "polling.check.operation")?;
    let top = |spec: &str, key: &str| {
        field_of(
            module,
            &root,
            spec,
            &format!("polling.check.{key}"),
            &c.operation,
        )
    };
    let status = top(&c.status, "status")?;
    let code = top(&c.code, "code")?;
    let full_text = c
        .full_text
        .as_deref()
        .map(|spec| top(spec, "full_text"))
        .transpose()?;
    expect_enum(&status, &p.status, "polling.check.status")?;
    expect_text(&code, true, "polling.check.code")?;
    if let Some(f) = &full_text {
        expect_text(f, true, "polling.check.full_text")?;
    }
    Ok(source(
        &path,
        module,
        op,
        Vec::new(),
        None,
        status.0,
        code.0,
        full_text.map(|f| f.0),
    ))
}

#[allow(clippy::too_many_arguments)]
fn source(
    path: &[String],
    module: &Module,
    op: &Operation,
    items: Vec<String>,
    order_id: Option<Access>,
    status: Access,
    code: Access,
    full_text: Option<Access>,
) -> Source {
    let handle = if path.is_empty() {
        "Client".to_owned()
    } else {
        format!("{}::{}", path.join("::"), module.handle)
    };
    Source {
        modules: path.to_vec(),
        handle,
        method: op.name.clone(),
        http: format!("{} {}", op.method, op.path),
        items,
        order_id,
        status,
        code,
        full_text,
    }
}

/// The module path, module and operation with collection path `key`.
fn find<'a>(
    root: &'a Module,
    key: &str,
    at: &str,
) -> Result<(Vec<String>, &'a Module, &'a Operation), Error> {
    for (path, module) in root.walk() {
        if let Some(op) = module.operations.iter().find(|op| op.key == key) {
            return Ok((path.iter().map(|s| (*s).to_owned()).collect(), module, op));
        }
    }
    Err(Error::stale(
        at,
        format!("no request `{key}`"),
        Stale::Polling,
    ))
}

fn reject_body_argument(op: &Operation, at: &str) -> Result<(), Error> {
    match op.body {
        Body::None | Body::Form | Body::Multipart => Ok(()),
        _ => Err(Error::overrides(
            at,
            format!("`{}` takes a body argument; polling cannot fill it", op.key),
        )),
    }
}

fn response_type(op: &Operation, at: &str) -> Result<Ty, Error> {
    match &op.response.kind {
        ResponseKind::Json(ty) if !op.response.unverified => Ok(ty.clone()),
        _ => Err(Error::overrides(
            at,
            format!("`{}` has no JSON answer known from saved examples", op.key),
        )),
    }
}

/// Follows `prefix` (`""`, `data`, `result.orders`) from the answer to an array, and
/// returns its element type and the field idents on the way.
fn walk_to_items(
    module: &Module,
    root: &Ty,
    prefix: &str,
    at: &str,
    operation: &str,
) -> Result<(Ty, Vec<String>), Error> {
    let mut ty = root.clone();
    let mut idents = Vec::new();
    for name in prefix.split('.').filter(|s| !s.is_empty()) {
        let (access, field_ty) = field(module, &ty, name, at, operation)?;
        if access.optional {
            return Err(Error::overrides(
                at,
                format!(
                    "`{name}` in `{operation}` is optional; the path to the orders must not be"
                ),
            ));
        }
        idents.push(access.ident);
        ty = field_ty;
    }
    match ty.clone() {
        Ty::Vec(element) => Ok(((*element).clone(), idents)),
        other => Err(Error::overrides(
            at,
            format!(
                "`{}` in the answer of `{operation}` is {}, not an array",
                if prefix.is_empty() {
                    "the root"
                } else {
                    prefix
                },
                other.describe()
            ),
        )),
    }
}

/// The field `name` of the struct `ty`, with its type and optionality.
fn field_of(
    module: &Module,
    ty: &Ty,
    name: &str,
    at: &str,
    operation: &str,
) -> Result<(Access, Ty), Error> {
    if name.contains('.') || name.contains("[]") {
        return Err(Error::overrides(
            at,
            format!("`{name}` must be one field name"),
        ));
    }
    field(module, ty, name, at, operation)
}

fn field(
    module: &Module,
    ty: &Ty,
    name: &str,
    at: &str,
    operation: &str,
) -> Result<(Access, Ty), Error> {
    let def = match ty.clone() {
        Ty::Named(n) => module.types.iter().find(|t| t.name == n),
        _ => None,
    };
    let fields = match def.map(|d| &d.kind) {
        Some(TypeKind::Struct { fields }) => fields,
        _ => {
            return Err(Error::overrides(
                at,
                format!("no field `{name}` in the answer of `{operation}`: not an object there"),
            ));
        }
    };
    let f = fields.iter().find(|f| f.wire == name).ok_or_else(|| {
        Error::overrides(
            at,
            format!("no response field `{name}` in request `{operation}`"),
        )
    })?;
    Ok((
        Access {
            ident: f.ident.clone(),
            optional: f.optional() || f.nullable,
        },
        f.ty.clone(),
    ))
}

fn expect_text(field: &(Access, Ty), may_be_optional: bool, at: &str) -> Result<(), Error> {
    let (access, ty) = field;
    if !matches!(ty, Ty::String { .. }) {
        return Err(Error::overrides(
            at,
            format!("`{}` is {}, not text", access.ident, ty.describe()),
        ));
    }
    if access.optional && !may_be_optional {
        return Err(Error::overrides(
            at,
            format!("`{}` is optional; it must always be present", access.ident),
        ));
    }
    Ok(())
}

fn expect_enum(field: &(Access, Ty), name: &str, at: &str) -> Result<(), Error> {
    let (access, ty) = field;
    match ty {
        Ty::Enum(n) if n == name && !access.optional => Ok(()),
        Ty::Enum(n) if n == name => Err(Error::overrides(
            at,
            format!(
                "`{}` is optional; the status must always be present",
                access.ident
            ),
        )),
        other => Err(Error::overrides(
            at,
            format!(
                "`{}` is {}, not {name} (bind it in enums.{name}.fields)",
                access.ident,
                other.describe()
            ),
        )),
    }
}
