//! The mock's order lifecycle of the overrides file (`[mock]`), checked against the
//! typed model: the operations exist, the examples exist and are successes or
//! errors as their role needs, every path holds a value in its example, and the
//! statuses are values of the polling helper's enum. Listing and checking are the
//! polling helper's operations (`[polling]`), with its paths. Anything that does not
//! match is a generation error naming the entry; one the collection's content
//! causes (an example renamed, removed or reshaped) marks `[mock]` stale, so that a
//! review of a new collection reports it rather than stopping.

use serde_json::Value;

use crate::diagnostics::{Error, Stale};
use crate::model::{
    EnumDef, Lifecycle, LifecycleBalance, LifecycleCancel, LifecycleCheck, LifecycleCreate,
    LifecycleList, LifecycleStatuses, Module, Operation, OperationAt, StatusValue,
};
use crate::overrides::{MockOverride, Overrides, PollingOverride};

/// Resolves `[mock]`, if the overrides file has one, against the typed `root` module
/// and the crate's `enums`.
pub fn resolve(
    root: &Module,
    enums: &[EnumDef],
    overrides: &Overrides,
) -> Result<Option<Lifecycle>, Error> {
    let Some(m) = &overrides.mock else {
        return Ok(None);
    };
    let Some(p) = &overrides.polling else {
        return Err(Error::overrides(
            "mock",
            "the order lifecycle lists and checks orders with the polling helper's operations: add [polling]",
        ));
    };
    let statuses = statuses(m, p, enums)?;
    Ok(Some(Lifecycle {
        reason: m.reason.trim().to_owned(),
        statuses,
        create: create(root, m)?,
        list: list(root, m, p)?,
        check: check(root, m, p)?,
        cancel: cancel(root, m)?,
        balance: balance(root, m)?,
    }))
}

fn statuses(
    m: &MockOverride,
    p: &PollingOverride,
    enums: &[EnumDef],
) -> Result<LifecycleStatuses, Error> {
    let def = enums.iter().find(|e| e.name == p.status).ok_or_else(|| {
        Error::overrides(
            "polling.status",
            format!("no enum `{}` in [enums]", p.status),
        )
    })?;
    let value = |name: &str, key: &str| -> Result<StatusValue, Error> {
        let variant = def
            .variants
            .iter()
            .find(|v| v.name == name)
            .ok_or_else(|| {
                let known: Vec<&str> = def.variants.iter().map(|v| v.name.as_str()).collect();
                Error::overrides(
                    format!("mock.statuses.{key}"),
                    format!(
                        "`{name}` is not a value of {} (it has: {})",
                        def.name,
                        known.join(", ")
                    ),
                )
            })?;
        Ok(StatusValue {
            name: variant.name.clone(),
            code: variant.code,
        })
    };
    let s = &m.statuses;
    Ok(LifecycleStatuses {
        pending: value(&s.pending, "pending")?,
        delivered: value(&s.delivered, "delivered")?,
        cancelled: value(&s.cancelled, "cancelled")?,
        expired: value(&s.expired, "expired")?,
    })
}

fn create(root: &Module, m: &MockOverride) -> Result<LifecycleCreate, Error> {
    let c = &m.create;
    let (at, op) = find(root, &c.operation, "mock.create.operation")?;
    let answer = success(op, &c.example, "mock.create.example")?;
    let mut paths = vec![("order_id", &c.order_id)];
    paths.extend(c.number.iter().map(|n| ("number", n)));
    paths.extend(c.cost.iter().map(|n| ("cost", n)));
    paths.extend(c.expires_in.iter().map(|n| ("expires_in", n)));
    for (key, path) in paths {
        holds(answer, path, &c.example, &format!("mock.create.{key}"))?;
    }
    for (key, name) in [
        ("out_of_stock", &c.out_of_stock),
        ("low_balance", &c.low_balance),
    ] {
        if let Some(name) = name {
            error(op, name, &format!("mock.create.{key}"))?;
        }
    }
    Ok(LifecycleCreate {
        operation: at,
        example: c.example.clone(),
        order_id: c.order_id.clone(),
        number: c.number.clone(),
        cost: c.cost.clone(),
        expires_in: c.expires_in.clone(),
        out_of_stock: c.out_of_stock.clone(),
        low_balance: c.low_balance.clone(),
    })
}

fn list(root: &Module, m: &MockOverride, p: &PollingOverride) -> Result<LifecycleList, Error> {
    let (l, pl) = (&m.list, &p.list);
    let (at, op) = find(root, &pl.operation, "polling.list.operation")?;
    let answer = success(op, &l.example, "mock.list.example")?;
    let (array, _) = pl.order_id.split_once("[]").ok_or_else(|| {
        Error::overrides("polling.list.order_id", "a list path goes through `[]`")
    })?;
    let first = get(answer, array.trim_end_matches('.'))
        .and_then(Value::as_array)
        .and_then(|items| items.first())
        .ok_or_else(|| {
            mismatch(
                "mock.list.example",
                format!(
                    "`{}` lists no order at `{array}[]`: its first order is the template",
                    l.example
                ),
            )
        })?;
    let mut paths = vec![
        ("polling.list.order_id", &pl.order_id),
        ("polling.list.status", &pl.status),
        ("polling.list.code", &pl.code),
    ];
    paths.extend(pl.full_text.iter().map(|f| ("polling.list.full_text", f)));
    paths.extend(l.number.iter().map(|f| ("mock.list.number", f)));
    paths.extend(l.cost.iter().map(|f| ("mock.list.cost", f)));
    for (at, path) in paths {
        let Some((prefix, field)) = path.split_once("[]") else {
            return Err(Error::overrides(
                at,
                format!("`{path}` does not go through `[]`"),
            ));
        };
        if prefix != array {
            return Err(Error::overrides(
                at,
                format!("`{path}` is not in the list at `{array}[]`"),
            ));
        }
        holds(first, field.trim_start_matches('.'), &l.example, at)?;
    }
    Ok(LifecycleList {
        operation: at,
        example: l.example.clone(),
        order_id: pl.order_id.clone(),
        status: pl.status.clone(),
        code: pl.code.clone(),
        full_text: pl.full_text.clone(),
        number: l.number.clone(),
        cost: l.cost.clone(),
    })
}

fn check(root: &Module, m: &MockOverride, p: &PollingOverride) -> Result<LifecycleCheck, Error> {
    let (c, pc) = (&m.check, &p.check);
    let (at, op) = find(root, &pc.operation, "polling.check.operation")?;
    let mut templates = vec![("pending", &c.pending), ("delivered", &c.delivered)];
    templates.extend(c.cancelled.iter().map(|n| ("cancelled", n)));
    for (key, name) in templates {
        let answer = success(op, name, &format!("mock.check.{key}"))?;
        holds(answer, &pc.status, name, "polling.check.status")?;
        if key == "delivered" {
            holds(answer, &pc.code, name, "polling.check.code")?;
            if let Some(full) = &pc.full_text {
                holds(answer, full, name, "polling.check.full_text")?;
            }
        }
    }
    if let Some(name) = &c.not_found {
        error(op, name, "mock.check.not_found")?;
    }
    Ok(LifecycleCheck {
        operation: at,
        order_id_param: pc.order_id_param.clone(),
        status: pc.status.clone(),
        code: pc.code.clone(),
        full_text: pc.full_text.clone(),
        pending: c.pending.clone(),
        delivered: c.delivered.clone(),
        cancelled: c.cancelled.clone(),
        not_found: c.not_found.clone(),
    })
}

fn cancel(root: &Module, m: &MockOverride) -> Result<Option<LifecycleCancel>, Error> {
    let Some(c) = &m.cancel else {
        return Ok(None);
    };
    let (at, op) = find(root, &c.operation, "mock.cancel.operation")?;
    success(op, &c.example, "mock.cancel.example")?;
    takes(op, &c.order_id_param, "mock.cancel.order_id_param")?;
    for (key, name) in [("not_found", &c.not_found), ("refused", &c.refused)] {
        if let Some(name) = name {
            error(op, name, &format!("mock.cancel.{key}"))?;
        }
    }
    Ok(Some(LifecycleCancel {
        operation: at,
        order_id_param: c.order_id_param.clone(),
        example: c.example.clone(),
        not_found: c.not_found.clone(),
        refused: c.refused.clone(),
    }))
}

fn balance(root: &Module, m: &MockOverride) -> Result<Option<LifecycleBalance>, Error> {
    let Some(b) = &m.balance else {
        return Ok(None);
    };
    let (at, op) = find(root, &b.operation, "mock.balance.operation")?;
    let answer = success(op, &b.example, "mock.balance.example")?;
    holds(answer, &b.balance, &b.example, "mock.balance.balance")?;
    Ok(Some(LifecycleBalance {
        operation: at,
        example: b.example.clone(),
        balance: b.balance.clone(),
    }))
}

/// The operation with collection path `key`, and where it is.
fn find<'a>(root: &'a Module, key: &str, at: &str) -> Result<(OperationAt, &'a Operation), Error> {
    for (path, module) in root.walk() {
        if let Some(op) = module.operations.iter().find(|op| op.key == key) {
            let at = OperationAt {
                modules: path.iter().map(|s| (*s).to_owned()).collect(),
                method: op.name.clone(),
                key: op.key.clone(),
            };
            return Ok((at, op));
        }
    }
    Err(Error::stale(at, format!("no request `{key}`"), Stale::Mock))
}

/// The JSON of `op`'s success example `name`.
fn success<'a>(op: &'a Operation, name: &str, at: &str) -> Result<&'a Value, Error> {
    let json = example(op, name, at)?;
    if !op.response.successes.iter().any(|s| s == name) {
        return Err(mismatch(
            at,
            format!(
                "`{name}` of `{}` is an error answer; this needs a success",
                op.key
            ),
        ));
    }
    json.ok_or_else(|| mismatch(at, format!("`{name}` of `{}` is not JSON", op.key)))
}

/// Checks that `name` is one of `op`'s saved error examples.
fn error(op: &Operation, name: &str, at: &str) -> Result<(), Error> {
    example(op, name, at)?;
    if op.response.errors.iter().any(|e| e.name == name) {
        Ok(())
    } else {
        Err(mismatch(
            at,
            format!(
                "`{name}` of `{}` is a success answer; this needs an error",
                op.key
            ),
        ))
    }
}

fn example<'a>(op: &'a Operation, name: &str, at: &str) -> Result<Option<&'a Value>, Error> {
    match op.examples.iter().find(|e| e.name == name) {
        Some(e) => Ok(e.json.as_ref()),
        None => {
            let names: Vec<&str> = op.examples.iter().map(|e| e.name.as_str()).collect();
            Err(Error::stale(
                at,
                format!(
                    "`{}` has no saved example `{name}` (it has: {})",
                    op.key,
                    names.join(", ")
                ),
                Stale::Mock,
            ))
        }
    }
}

/// Checks that `op` takes the parameter `wire`.
fn takes(op: &Operation, wire: &str, at: &str) -> Result<(), Error> {
    if op.params.iter().any(|p| p.wire == wire) {
        Ok(())
    } else {
        Err(mismatch(
            at,
            format!("`{}` has no parameter `{wire}`", op.key),
        ))
    }
}

/// Checks that `answer` (the example `name`) holds a string or number at `path`.
fn holds(answer: &Value, path: &str, name: &str, at: &str) -> Result<(), Error> {
    match get(answer, path) {
        Some(Value::String(_) | Value::Number(_)) => Ok(()),
        Some(other) => Err(Error::stale(
            at,
            format!("`{path}` in `{name}` is {other}, not a string or number"),
            Stale::Mock,
        )),
        None => Err(Error::stale(
            at,
            format!("`{name}` has nothing at `{path}`"),
            Stale::Mock,
        )),
    }
}

/// An entry that the collection no longer fits (an example renamed, removed or
/// reshaped): `[mock]` is stale, which a review reports instead of stopping.
fn mismatch(at: &str, message: impl Into<String>) -> Error {
    Error::stale(at, message, Stale::Mock)
}

/// The value at a dot-separated `path` (empty: the whole answer).
fn get<'v>(value: &'v Value, path: &str) -> Option<&'v Value> {
    if path.is_empty() {
        return Some(value);
    }
    path.split('.').try_fold(value, |value, key| value.get(key))
}
