//! Reading a Postman collection (schema v2.0.0 or v2.1.0) into [`model`] types.
//!
//! Errors name the JSON path of the problem and what was expected there; fields the
//! format does not define become warnings, one per field name.

mod forms;
pub mod model;

pub use forms::{AuthAttributes, Description, Headers, Host, PathSegments, Request, Text};
pub use model::*;

use crate::diagnostics::{Error, Warnings};

/// Parses collection JSON, recording unknown fields in `warnings`.
pub fn parse(json: &str, warnings: &mut Warnings) -> Result<Collection, Error> {
    let first = json.trim_start().chars().next();
    if first.is_some_and(|c| c != '{')
        && serde_json::from_str::<serde::de::IgnoredAny>(json).is_ok()
    {
        return Err(Error::collection(
            "",
            "expected a Postman collection: a JSON object with `info` and `item`",
        ));
    }
    let mut unknown = Vec::new();
    let mut json_de = serde_json::Deserializer::from_str(json);
    let mut record = |path: serde_ignored::Path<'_>| unknown.push(ignored_path(&path));
    let ignoring = serde_ignored::Deserializer::new(&mut json_de, &mut record);
    let collection: Collection = serde_path_to_error::deserialize(ignoring).map_err(|e| {
        let path = e.path().to_string();
        let inner = e.into_inner();
        // serde_json calls some type mismatches (a number where an enum goes) syntax
        // errors: only input that is not JSON at all is reported as such.
        let not_json = (inner.is_syntax() || inner.is_eof())
            && serde_json::from_str::<serde::de::IgnoredAny>(json).is_err();
        if not_json {
            Error::collection(
                "",
                format!(
                    "not valid JSON (line {}, column {}): {inner}",
                    inner.line(),
                    inner.column()
                ),
            )
        } else {
            let path = if path == "." { String::new() } else { path };
            Error::collection(path, strip_position(&inner.to_string()))
        }
    })?;
    json_de.end().map_err(|e| {
        Error::collection("", format!("trailing characters after the collection: {e}"))
    })?;
    for path in unknown {
        let field = path.rsplit('.').next().unwrap_or(&path).to_owned();
        warnings.add(format!("unknown field `{field}` ignored"), path);
    }
    if let Some(schema) = &collection.info.schema
        && !(schema.contains("v2.0.0") || schema.contains("v2.1.0"))
    {
        warnings.add(
            format!("schema {schema:?} is not v2.0.0 or v2.1.0; read as v2.1.0"),
            "info.schema",
        );
    }
    Ok(collection)
}

/// serde_json appends " at line L column C" to data errors; the JSON path says more.
fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(i) => message[..i].to_owned(),
        None => message.to_owned(),
    }
}

/// `item.0.request.foo` in serde_ignored's form → `item[0].request.foo`.
fn ignored_path(path: &serde_ignored::Path<'_>) -> String {
    use serde_ignored::Path;
    match path {
        Path::Root => String::new(),
        Path::Seq { parent, index } => format!("{}[{index}]", ignored_path(parent)),
        Path::Map { parent, key } => {
            let parent = ignored_path(parent);
            if parent.is_empty() {
                key.clone()
            } else {
                format!("{parent}.{key}")
            }
        }
        Path::Some { parent }
        | Path::NewtypeStruct { parent }
        | Path::NewtypeVariant { parent } => ignored_path(parent),
    }
}
