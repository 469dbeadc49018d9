//! What the overrides file says about one request's parameters: required or
//! optional, docs, an enum to take, or a fixed value that is not an argument.

use super::enums::example_variant;
use crate::diagnostics::{Error, Stale};
use crate::model::{EnumDef, FixedParam, Location, Param, ParamType, Requirement, TypeSource};
use crate::names::is_valid_ident;
use crate::overrides::{Overrides, ParamTypeOverride};

/// Applies `operations."<key>".params` to `params`; a parameter it names that the
/// request does not have is an error.
pub(super) fn apply(
    key: &str,
    mut params: Vec<Param>,
    overrides: &Overrides,
    enums: &[EnumDef],
) -> Result<Vec<Param>, Error> {
    let Some(op) = overrides.operations.get(key) else {
        return Ok(params);
    };
    for (wire, o) in &op.params {
        let param = params.iter_mut().find(|p| &p.wire == wire).ok_or_else(|| {
            Error::stale(
                format!("operations.\"{key}\".params.{wire}"),
                format!("the request has no parameter `{wire}`"),
                Stale::Param {
                    operation: key.to_owned(),
                    wire: wire.clone(),
                },
            )
        })?;
        if let Some(required) = o.required {
            param.required = required;
            param.requirement = Requirement::Override(o.reason.trim().to_owned());
        }
        if let Some(docs) = &o.docs
            && param.docs.is_empty()
        {
            param.docs = docs.trim().to_owned();
        }
        if let Some(rename) = &o.rename {
            let snake = rename
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
            if !is_valid_ident(rename) || !snake {
                return Err(Error::overrides(
                    format!("operations.\"{key}\".params.{wire}.rename"),
                    format!("`{rename}` is not a snake_case Rust identifier"),
                ));
            }
            param.ident = rename.clone();
        }
        if let Some(ty) = o.param_type {
            param.ty = match ty {
                ParamTypeOverride::Text => ParamType::Text,
                ParamTypeOverride::Integer => ParamType::Integer { signed: false },
                ParamTypeOverride::SignedInteger => ParamType::Integer { signed: true },
                ParamTypeOverride::Decimal => ParamType::Decimal,
                ParamTypeOverride::Bool => ParamType::Bool { numeric: false },
                ParamTypeOverride::Flag => ParamType::Bool { numeric: true },
                ParamTypeOverride::IdOrName => ParamType::IdOrName,
                ParamTypeOverride::IntegerList => {
                    ParamType::List(Box::new(ParamType::Integer { signed: false }))
                }
                ParamTypeOverride::TextList => ParamType::List(Box::new(ParamType::Text)),
            };
            param.typed_by = TypeSource::Override(o.reason.trim().to_owned());
        }
        if let Some(name) = &o.enum_type {
            if !overrides.enums.contains_key(name) {
                return Err(Error::overrides(
                    format!("operations.\"{key}\".params.{wire}.enum"),
                    format!("no `[enums.{name}]` in the overrides file"),
                ));
            }
            param.example_variant = param
                .example
                .as_deref()
                .and_then(|example| example_variant(enums, name, example));
            param.ty = ParamType::Enum {
                name: name.clone(),
                crate_level: true,
            };
            param.typed_by = TypeSource::Override(o.reason.trim().to_owned());
        }
    }
    Ok(params)
}

/// Takes out the parameters the overrides file marks `fixed`: they are sent with the
/// collection's value on every call.
pub(super) fn fixed(
    key: &str,
    params: Vec<Param>,
    overrides: &Overrides,
) -> Result<(Vec<Param>, Vec<FixedParam>), Error> {
    let Some(op) = overrides.operations.get(key) else {
        return Ok((params, Vec::new()));
    };
    let mut kept = Vec::with_capacity(params.len());
    let mut fixed = Vec::new();
    for p in params {
        if !op.params.get(&p.wire).is_some_and(|o| o.fixed) {
            kept.push(p);
            continue;
        }
        let place = format!("operations.\"{key}\".params.{}", p.wire);
        let value = p.example.clone().ok_or_else(|| {
            Error::overrides(
                place.clone(),
                "a fixed parameter needs a value in the collection",
            )
        })?;
        if p.location == Location::Path || p.ty == ParamType::File {
            return Err(Error::overrides(
                place,
                "only query, header and form text parameters can be fixed",
            ));
        }
        fixed.push(FixedParam {
            wire: p.wire,
            location: p.location,
            value,
        });
    }
    Ok((kept, fixed))
}
