//! Sentences for readers, from the facts the model keeps: what a type is and what it
//! was inferred from, and what the generator did with parts of a request.

use std::collections::{BTreeMap, BTreeSet};

use crate::model::{Api, Note, Operation, Part, TypeDef, TypeSite};

/// A type's docs: what it is part of, and the other places that share it (what it
/// was inferred from is in the model's listing). `handle` is the handle type of the
/// type's module (doc links).
pub fn type_docs(def: &TypeDef, handle: &str) -> String {
    let mut out = site(&def.site, handle);
    if !def.shared_with.is_empty() {
        out.push_str("\n\nThe same type is shared by:");
        for other in &def.shared_with {
            out.push_str("\n- ");
            out.push_str(&site(other, handle));
        }
    }
    out
}

/// `The answer of [`Sms::purchase`].`, `An item of `data` in the answer of ...`.
fn site(site: &TypeSite, handle: &str) -> String {
    let link = format!("[`{handle}::{}`]", site.operation);
    let subject = match (site.part, &site.shape) {
        (Part::Answer, Some(shape)) => format!("the `{shape}` shape of the answer of {link}"),
        (Part::Answer, None) => format!("the answer of {link}"),
        (Part::Body, _) => format!("the JSON body of {link}"),
        (Part::Variables, _) => format!("the GraphQL variables of {link}"),
    };
    let origin = site.origin.as_str();
    if origin.is_empty() {
        let mut first = subject;
        if let Some(c) = first.get(..1) {
            first.replace_range(..1, &c.to_uppercase());
        }
        format!("{first}.")
    } else if origin == "[]" {
        format!("An item of {subject}.")
    } else if let Some(list) = origin.strip_suffix("[]") {
        format!("An item of `{list}` in {subject}.")
    } else {
        format!("`{origin}` in {subject}.")
    }
}

/// The notes of `op`'s docs: what the generator did with the parts of the request
/// that are not parameters, then what every call sends by itself.
pub fn notes(op: &Operation) -> Vec<String> {
    let mut out: Vec<String> = op.notes.iter().map(note).collect();
    if !op.fixed_params.is_empty() {
        let sent: Vec<String> = op
            .fixed_params
            .iter()
            .map(|f| format!("`{}={}`", f.wire, f.value))
            .collect();
        out.push(format!("Always sends {}.", sent.join(", ")));
    }
    if !op.constant_headers.is_empty() {
        let sent: Vec<String> = op
            .constant_headers
            .iter()
            .map(|(k, v)| format!("`{k}: {v}`"))
            .collect();
        out.push(format!("Always sends {}.", sent.join(", ")));
    }
    out
}

/// Notes that at least three operations have: said once, in the crate docs.
pub fn common_notes(api: &Api) -> BTreeSet<String> {
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for op in api.root.all_operations() {
        for note in op.notes.iter().map(note) {
            *counts.entry(note).or_default() += 1;
        }
    }
    counts
        .into_iter()
        .filter(|(_, n)| *n >= 3)
        .map(|(note, _)| note)
        .collect()
}

fn note(note: &Note) -> String {
    match note {
        Note::CredentialHeader { name } => {
            format!("The `{name}` header carries the credentials; the client sets it.")
        }
        Note::FormInQuery { method } => format!(
            "Postman gives this {method} request a form body; its fields are sent in the query string."
        ),
        Note::UnsentKeyField { wire, disabled } => format!(
            "The collection's `{wire}` field is the API key {}; it is not sent, the `Authorization` header carries the key.",
            if *disabled {
                "and is disabled"
            } else {
                "in a URL"
            }
        ),
        Note::KeyQueryParam { wire } => {
            format!("The `{wire}` query parameter is the API key; the client adds it.")
        }
        Note::DisabledDuplicate { location, wire } => format!(
            "The collection also has a disabled {} parameter `{wire}`; it is the same parameter and is not repeated.",
            location.as_str()
        ),
    }
}
