//! The docs of an operation's method and of its parameters' setters.

use super::module::Place;
use super::{docs, example, prose};
use crate::model::{Operation, Param, ParamType, Safety, Ty, TypeSource};

/// The docs of the handle method: name, method and path, safety, description, the
/// required arguments, notes, the saved error answers, and an example call.
pub fn method(op: &Operation, place: &Place<'_>) -> String {
    let (module_path, krate) = (place.path, place.krate);
    let mut out = format!("{} (`{} {}`): ", op.title.trim(), op.method, op.path);
    out.push_str(match op.safety {
        Safety::Paid => "**paid**, never retried automatically.",
        Safety::Mutation => "changes state, retried only when it provably did not arrive.",
        Safety::ReadOnly => "read-only, retried on transient failures.",
    });
    if !op.docs.trim().is_empty() {
        out.push_str("\n\n");
        out.push_str(&docs::sanitize(&op.docs));
    }
    let required: Vec<&Param> = op.params.iter().filter(|p| p.required).collect();
    if !required.is_empty() {
        out.push('\n');
        for p in required {
            out.push_str(&format!(
                "\n- `{}`: {}",
                p.ident,
                param(p).replace("\n\n", " ").replace('\n', " ")
            ));
        }
    }
    for note in prose::notes(op)
        .into_iter()
        .filter(|n| !place.common_notes.contains(n))
    {
        out.push_str("\n\n");
        out.push_str(&docs::sanitize(&note));
    }
    if matches!(
        &op.response.kind,
        crate::model::ResponseKind::Json(Ty::Unverified)
    ) {
        out.push_str(
            "\n\n**Unverified response**: the collection has no saved example of a successful \
             answer, so the response is kept as JSON ([`Unverified`]).",
        );
    }
    if !op.response.errors.is_empty() || !op.errors.is_empty() {
        out.push_str("\n\n# Errors\n");
        for e in &op.response.errors {
            let status = e
                .status
                .map_or("no status".to_owned(), |s| format!("HTTP {s}"));
            let kind = e
                .error_type
                .as_ref()
                .map(|t| format!(", `{t}`"))
                .unwrap_or_default();
            out.push_str(&format!(
                "\n- {status}{kind}: {}",
                docs::sanitize(&e.message)
            ));
        }
        out.push_str(&super::error_kinds::op_lines(op));
    }
    out.push_str("\n\n");
    out.push_str(&example::section(op, module_path, krate));
    out
}

/// A parameter's docs: what it is (its description), an example value, the wire
/// name where it differs from the Rust one, its default, and a word when the
/// collection does not tell its type.
pub fn param(p: &Param) -> String {
    let mut out = docs::sanitize(p.docs.trim());
    let mut sentence = |text: String| {
        if !out.is_empty() {
            if !out.ends_with(['.', '!', '?', ':']) {
                out.push('.');
            }
            out.push(' ');
        }
        out.push_str(&text);
    };
    if let Some(example) = &p.example
        && !matches!(p.ty, ParamType::Enum { .. })
    {
        sentence(format!("Example: {}.", docs::code(example)));
    }
    if p.ident != p.wire {
        sentence(format!("Sent as {}.", docs::code(&p.wire)));
    }
    if let Some(default) = &p.default {
        sentence(format!("{} when not set.", docs::code(default)));
    }
    if matches!(p.typed_by, TypeSource::Unknown(_)) {
        sentence("Sent as text: the collection does not show what it takes.".into());
    }
    if out.is_empty() {
        out = format!("The {} parameter.", docs::code(&p.wire));
    }
    out
}
