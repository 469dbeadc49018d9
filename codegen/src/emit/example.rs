//! The `# Example` section of an operation's docs: a call built from the saved
//! request (required arguments, and the optional parameters the request sets, with
//! the collection's values), run as a doctest against the crate's mock, so the docs
//! cannot drift from the code and every operation is called once through the public
//! API, decoding its saved example.

use crate::model::{Body, Operation, Param, ParamType, Requirement};

/// Lines longer than this are split into a method chain, as rustfmt would.
const MAX_LINE: usize = 80;

/// The section, starting with its heading. `module_path` is the module's Rust path
/// (`business::user`, empty at the root); `krate` the crate's package name.
pub fn section(op: &Operation, module_path: &str, krate: &str) -> String {
    let krate = krate.replace('-', "_");
    let mut chain: Vec<String> = module_path
        .split("::")
        .filter(|m| !m.is_empty())
        .map(|m| format!(".{m}()"))
        .collect();
    let mut args: Vec<String> = op
        .params
        .iter()
        .filter(|p| p.required)
        .map(|p| argument(op, p, module_path, &krate))
        .collect();
    args.extend(body_argument(&op.body));
    chain.push(format!(".{}({})", op.name, args.join(", ")));
    for p in op.params.iter().filter(|p| set_by_saved_request(p)) {
        if let Some(value) = &p.example {
            chain.push(format!(
                ".{}({})",
                p.ident,
                value_literal(p, value, module_path, &krate)
            ));
        }
    }
    chain.push(".await?".into());
    let one_line = format!("client{};", chain.concat());
    let call = if one_line.len() <= MAX_LINE {
        one_line
    } else {
        let mut out = "client".to_owned();
        for link in &chain {
            out.push_str("\n    ");
            out.push_str(link);
        }
        out.push(';');
        out
    };
    format!(
        "# Example\n\n```\n\
         # {krate}::mock::example(|client| async move {{\n\
         {call}\n\
         # Ok(()) }});\n\
         ```"
    )
}

/// Optional parameters the collection's request sends: enabled, with a value.
/// Disabled ones keep their value in the collection as an example but are not sent
/// (the lowering's reason says so; overrides only ever turn enabled ones optional).
fn set_by_saved_request(p: &Param) -> bool {
    !p.required
        && p.ty != ParamType::File
        && p.example.is_some()
        && p.requirement != Requirement::Disabled
}

/// A required argument: the request's value, else the first saved example's, else
/// a placeholder naming the parameter (`"<id>"`).
fn argument(op: &Operation, p: &Param, module_path: &str, krate: &str) -> String {
    if p.ty == ParamType::File {
        return format!(
            "{krate}::FilePart::new({}, b\"file contents\".to_vec())",
            literal(&p.wire)
        );
    }
    let value = p.example.clone().or_else(|| {
        op.examples
            .iter()
            .flat_map(|e| &e.request_params)
            .find(|(wire, value)| *wire == p.wire && !value.is_empty() && !value.contains("{{"))
            .map(|(_, value)| value.clone())
    });
    match value {
        Some(value) => value_literal(p, &value, module_path, krate),
        None if p.ty == ParamType::Text => literal(&format!("<{}>", p.wire)),
        None => value_literal(p, "", module_path, krate),
    }
}

/// `value` written as a Rust expression of `p`'s type (a typical one when `value`
/// is not of that type).
fn value_literal(p: &Param, value: &str, module_path: &str, krate: &str) -> String {
    let value = value.trim();
    match &p.ty {
        ParamType::Text => literal(value),
        ParamType::Integer { .. } => match value.parse::<i64>() {
            Ok(n) => n.to_string(),
            Err(_) => "1".into(),
        },
        ParamType::Decimal => {
            let (mantissa, scale) = decimal_parts(value).unwrap_or((1, 0));
            format!("{krate}::Decimal::new({mantissa}, {scale})")
        }
        ParamType::Bool { .. } => (!matches!(value, "0" | "false")).to_string(),
        ParamType::IdOrName => match value.parse::<u64>() {
            Ok(n) => n.to_string(),
            Err(_) => literal(value),
        },
        ParamType::Enum { name, crate_level } => {
            let path = if *crate_level || module_path.is_empty() {
                format!("{krate}::{name}")
            } else {
                format!("{krate}::{module_path}::{name}")
            };
            let variant = p.example_variant.clone().unwrap_or_default();
            format!("{path}::{variant}")
        }
        ParamType::List(_) => match serde_json::from_str::<serde_json::Value>(value) {
            Ok(list @ serde_json::Value::Array(_)) => list.to_string(),
            _ => "[]".into(),
        },
        ParamType::File => literal(value),
    }
}

/// `0.42` → `(42, 2)`, `30` → `(30, 0)`.
fn decimal_parts(value: &str) -> Option<(i64, u32)> {
    let (whole, fraction) = value.split_once('.').unwrap_or((value, ""));
    let digits = format!("{whole}{fraction}");
    let mantissa = digits.parse::<i64>().ok()?;
    Some((mantissa, u32::try_from(fraction.len()).ok()?))
}

/// The `body` argument, for bodies that are not form fields.
fn body_argument(body: &Body) -> Option<String> {
    match body {
        Body::Json { example, .. } => Some(json_literal(&example.to_string())),
        Body::GraphQl { variables, .. } => Some(json_literal(&variables.to_string())),
        Body::Text { example, .. } => Some(format!("{}.to_owned()", literal(example))),
        Body::Binary => Some("b\"body bytes\".to_vec()".into()),
        Body::None | Body::Form | Body::Multipart => None,
    }
}

/// A Rust string literal.
fn literal(value: &str) -> String {
    format!("{value:?}")
}

/// JSON text decoded into the argument's type.
fn json_literal(json: &str) -> String {
    let mut hashes = "#".to_owned();
    while json.contains(&format!("\"{hashes}")) {
        hashes.push('#');
    }
    format!("postgen_runtime::serde_json::from_str(r{hashes}\"{json}\"{hashes})?")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals_are_written_exactly() {
        assert_eq!(decimal_parts("0.42"), Some((42, 2)));
        assert_eq!(decimal_parts("30"), Some((30, 0)));
        assert_eq!(decimal_parts("x"), None);
    }

    #[test]
    fn raw_strings_outlast_their_content() {
        assert_eq!(
            json_literal(r##"{"a":"x"#"}"##),
            r###"postgen_runtime::serde_json::from_str(r##"{"a":"x"#"}"##)?"###
        );
    }
}
