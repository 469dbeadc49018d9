//! What changed in an operation's answers: the success type, the saved error shapes
//! and the saved examples.

use super::Pair;
use crate::diff::text::code;
use crate::diff::types::{self, Direction};
use crate::diff::{Area, Verdict};
use crate::model::{ErrorExample, Example, ResponseKind};

impl Pair<'_, '_> {
    pub(super) fn response(&mut self) {
        let (o, n) = (&self.o.op.response, &self.n.op.response);
        match (&o.kind, &n.kind) {
            (ResponseKind::Json(a), ResponseKind::Json(b)) => {
                let changes = types::compare(
                    (a, &self.o.module.types),
                    (b, &self.n.module.types),
                    Direction::Response,
                );
                for (verdict, text) in changes {
                    self.push(Area::Response, verdict, text);
                }
            }
            (a, b) if a != b => self.push(
                Area::Response,
                Verdict::Breaking,
                format!(
                    "response read as {} → {}",
                    response_label(a),
                    response_label(b)
                ),
            ),
            _ => {}
        }
    }

    pub(super) fn errors(&mut self) {
        let (o, n) = (&self.o.op.response.errors, &self.n.op.response.errors);
        let shapes = |errors: &[ErrorExample]| -> Vec<(String, String)> {
            let mut out: Vec<(String, String)> = Vec::new();
            for e in errors {
                let shape = error_shape(e);
                if !out.iter().any(|(s, _)| *s == shape) {
                    out.push((shape, e.message.clone()));
                }
            }
            out
        };
        let (old_shapes, new_shapes) = (shapes(o), shapes(n));
        for (shape, message) in &new_shapes {
            if !old_shapes.iter().any(|(s, _)| s == shape) {
                self.push(
                    Area::Errors,
                    Verdict::Additive,
                    format!(
                        "new error answer {shape}: {} (returned as `Error::Api`)",
                        code(message)
                    ),
                );
            }
        }
        for (shape, message) in &old_shapes {
            if !new_shapes.iter().any(|(s, _)| s == shape) {
                self.push(
                    Area::Errors,
                    Verdict::Cosmetic,
                    format!(
                        "error answer {shape} no longer saved: {} (docs only; the API may still send it)",
                        code(message)
                    ),
                );
            }
        }
    }

    pub(super) fn examples(&mut self) {
        let (o, n) = (&self.o.op.examples, &self.n.op.examples);
        let names = |list: &[String]| list.iter().map(|n| code(n)).collect::<Vec<_>>().join(", ");
        let mut added = Vec::new();
        let mut edited = Vec::new();
        let mut old_seen = vec![false; o.len()];
        for e in n {
            match o
                .iter()
                .enumerate()
                .position(|(i, x)| !old_seen[i] && x.name == e.name)
            {
                Some(i) => {
                    old_seen[i] = true;
                    let x = &o[i];
                    let same_body = match (&x.json, &e.json) {
                        (Some(a), Some(b)) => a == b,
                        _ => x.body == e.body,
                    };
                    if !same_body || x.status != e.status {
                        edited.push(e.name.clone());
                    }
                }
                None => added.push(e.name.clone()),
            }
        }
        let gone: Vec<&Example> = o
            .iter()
            .zip(&old_seen)
            .filter(|(_, seen)| !**seen)
            .map(|(x, _)| x)
            .collect();
        let removed: Vec<String> = gone.iter().map(|x| x.name.clone()).collect();
        let constants: Vec<String> = gone.iter().map(|x| format!("`{}`", x.constant)).collect();
        for (list, what) in [(added, "added"), (removed, "removed"), (edited, "edited")] {
            if !list.is_empty() {
                let mut text = format!(
                    "saved example{} {what}: {} (the types they imply are compared above)",
                    if list.len() == 1 { "" } else { "s" },
                    names(&list)
                );
                if what == "removed" {
                    text.push_str(&format!(
                        "; the mock's constants {} go with them (feature `mock`, for tests)",
                        constants.join(", ")
                    ));
                }
                self.push(Area::Examples, Verdict::Cosmetic, text);
            }
        }
    }
}

/// `HTTP 422 `OUT_OF_STOCK`, params `country``: what a caller can match on.
fn error_shape(e: &ErrorExample) -> String {
    let mut out = e
        .status
        .map_or("without status".to_owned(), |s| format!("HTTP {s}"));
    if let Some(t) = &e.error_type {
        out.push(' ');
        out.push_str(&code(t));
    }
    if !e.params.is_empty() {
        let mut params = e.params.clone();
        params.sort();
        out.push_str(&format!(" naming {}", params.join(", ")));
    }
    if !e.extra_fields.is_empty() {
        let mut fields = e.extra_fields.clone();
        fields.sort();
        out.push_str(&format!(" with {}", fields.join(", ")));
    }
    out
}

fn response_label(kind: &ResponseKind) -> String {
    match kind {
        ResponseKind::Json(ty) => format!("JSON `{}`", ty.describe()),
        ResponseKind::Text => "text (`String`)".into(),
        ResponseKind::Empty => "nothing (`()`)".into(),
        ResponseKind::Answer(name) => format!("text answers `{name}`"),
    }
}
