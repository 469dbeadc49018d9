//! The `# Example` section of an operation's docs: a call built from the saved
//! request (required arguments, and the optional parameters the request sets, with
//! the collection's values), compiled as a `no_run` doctest so the docs cannot
//! drift from the code.

use crate::model::{Body, Operation, Param, ParamKind, Requirement, ResponseKind};

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
        .map(|p| argument(op, p, &krate))
        .collect();
    args.extend(body_argument(&op.body));
    chain.push(format!(".{}({})", op.name, args.join(", ")));
    for p in op.params.iter().filter(|p| set_by_saved_request(p)) {
        match (&p.choices, &p.example_variant, &p.example) {
            (Some(name), Some(variant), _) => {
                chain.push(format!(".{}({krate}::{name}::{variant})", p.ident))
            }
            (Some(_), None, _) => {}
            (None, _, Some(value)) => chain.push(format!(".{}({})", p.ident, literal(value))),
            (None, _, None) => {}
        }
    }
    chain.push(".await?".into());
    let binding = match op.response.kind {
        ResponseKind::Empty => "",
        _ => "let answer = ",
    };
    let one_line = format!("{binding}client{};", chain.concat());
    let call = if one_line.len() <= MAX_LINE {
        one_line
    } else {
        let mut out = format!("{binding}client");
        for link in &chain {
            out.push_str("\n    ");
            out.push_str(link);
        }
        out.push(';');
        out
    };
    let print = match op.response.kind {
        ResponseKind::Empty => "",
        _ => "\nprintln!(\"{answer:?}\");",
    };
    format!(
        "# Example\n\n```no_run\n\
         # async fn example() -> Result<(), Box<dyn std::error::Error>> {{\n\
         # let client = {krate}::Client::builder(\"your API key\").build()?;\n\
         {call}{print}\n\
         # Ok(())\n\
         # }}\n\
         ```"
    )
}

/// Optional parameters the collection's request sends: enabled, with a value.
/// Disabled ones keep their value in the collection as an example but are not sent
/// (the lowering's reason says so; overrides only ever turn enabled ones optional).
fn set_by_saved_request(p: &Param) -> bool {
    !p.required
        && p.kind == ParamKind::Text
        && p.example.is_some()
        && p.requirement != Requirement::Disabled
}

/// A required argument: the request's value, else the first saved example's, else
/// a placeholder naming the parameter (`"<id>"`).
fn argument(op: &Operation, p: &Param, krate: &str) -> String {
    if let (Some(name), Some(variant)) = (&p.choices, &p.example_variant) {
        return format!("{krate}::{name}::{variant}");
    }
    match p.kind {
        ParamKind::File => {
            format!(
                "{krate}::FilePart::new(\"{0}\", std::fs::read(\"{0}\")?)",
                p.wire
            )
        }
        ParamKind::Text => {
            let value = p.example.clone().or_else(|| {
                op.examples
                    .iter()
                    .flat_map(|e| &e.request_params)
                    .find(|(wire, value)| {
                        *wire == p.wire && !value.is_empty() && !value.contains("{{")
                    })
                    .map(|(_, value)| value.clone())
            });
            literal(&value.unwrap_or_else(|| format!("<{}>", p.wire)))
        }
    }
}

/// The `body` argument, for bodies that are not form fields.
fn body_argument(body: &Body) -> Option<String> {
    match body {
        Body::Json { example, .. } => Some(json_literal(&example.to_string())),
        Body::GraphQl { variables, .. } => Some(json_literal(&variables.to_string())),
        Body::Text { example, .. } => Some(format!("{}.to_owned()", literal(example))),
        Body::Binary => Some("std::fs::read(\"body\")?".into()),
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
    format!("smspool_runtime::serde_json::from_str(r{hashes}\"{json}\"{hashes})?")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_strings_outlast_their_content() {
        assert_eq!(
            json_literal(r##"{"a":"x"#"}"##),
            r###"smspool_runtime::serde_json::from_str(r##"{"a":"x"#"}"##)?"###
        );
    }
}
