//! What changed in an operation's parameters: added, removed, required or optional,
//! renamed, kind, location, default, argument order, docs and example values.

use super::Pair;
use crate::diff::text::{code, edit};
use crate::diff::{Area, Verdict};
use crate::model::{Location, Param, ParamType};

impl Pair<'_, '_> {
    pub(super) fn params(&mut self) {
        let (o, n) = (self.o.op, self.n.op);
        let mut new_seen = vec![false; n.params.len()];
        for p in &o.params {
            let found = n
                .params
                .iter()
                .enumerate()
                .position(|(j, q)| !new_seen[j] && q.wire == p.wire);
            match found {
                Some(j) => {
                    new_seen[j] = true;
                    self.param(p, &n.params[j]);
                }
                None => {
                    let what = if p.required {
                        format!("argument `{}` removed", p.ident)
                    } else {
                        format!("setter `.{}()` removed", p.ident)
                    };
                    self.push(
                        Area::Parameter,
                        Verdict::Breaking,
                        format!("{what} ({})", place(p)),
                    );
                }
            }
        }
        for (j, q) in n.params.iter().enumerate() {
            if new_seen[j] {
                continue;
            }
            let (verdict, text) = if q.required {
                (
                    Verdict::Breaking,
                    format!(
                        "new required argument `{}` ({}; {}): every call must pass it",
                        q.ident,
                        place(q),
                        q.requirement.describe()
                    ),
                )
            } else {
                (
                    Verdict::Additive,
                    format!("new optional parameter `.{}()` ({})", q.ident, place(q)),
                )
            };
            self.push(Area::Parameter, verdict, text);
        }
        let required = |params: &[Param], other: &[Param]| -> Vec<String> {
            params
                .iter()
                .filter(|p| p.required && other.iter().any(|q| q.required && q.wire == p.wire))
                .map(|p| p.wire.clone())
                .collect()
        };
        let (a, b) = (
            required(&o.params, &n.params),
            required(&n.params, &o.params),
        );
        if a != b {
            self.push(
                Area::Parameter,
                Verdict::Breaking,
                format!(
                    "argument order ({}) → ({}): calls compile but pass values to the wrong parameters",
                    a.join(", "),
                    b.join(", ")
                ),
            );
        }
    }

    fn param(&mut self, p: &Param, q: &Param) {
        let name = format!("`{}`", q.ident);
        if p.required != q.required {
            let text = if q.required {
                format!(
                    "{name} is now required ({}): the setter `.{}()` becomes an argument",
                    q.requirement.describe(),
                    p.ident
                )
            } else {
                format!(
                    "{name} is now optional ({}): the argument becomes the setter `.{}()`",
                    q.requirement.describe(),
                    q.ident
                )
            };
            self.push(Area::Parameter, Verdict::Breaking, text);
        }
        if p.ident != q.ident {
            self.push(
                Area::Parameter,
                Verdict::Breaking,
                format!(
                    "parameter {} renamed in Rust `{}` → `{}`",
                    code(&q.wire),
                    p.ident,
                    q.ident
                ),
            );
        }
        if p.ty != q.ty {
            self.push(
                Area::Parameter,
                Verdict::Breaking,
                format!(
                    "{name} now takes {} (was {}; {}): calls passing the old type stop compiling",
                    q.ty.describe(),
                    p.ty.describe(),
                    q.typed_by.describe()
                ),
            );
        }
        if p.location != q.location {
            self.push(
                Area::Parameter,
                Verdict::Additive,
                format!(
                    "{name} moves from {} to {} (wire detail; the call is unchanged)",
                    location(p.location),
                    location(q.location)
                ),
            );
        }
        if p.default != q.default {
            let show = |d: &Option<String>| d.as_deref().map_or("nothing".to_owned(), code);
            self.push(
                Area::Parameter,
                Verdict::Breaking,
                format!(
                    "{name} sends {} → {} when not set: calls that leave it out send something else",
                    show(&p.default),
                    show(&q.default)
                ),
            );
        }
        if p.docs.trim() != q.docs.trim() {
            self.push(
                Area::Docs,
                Verdict::Cosmetic,
                format!("{name} description edited: {}", edit(&p.docs, &q.docs)),
            );
        }
        if p.example != q.example {
            let show = |d: &Option<String>| d.as_deref().map_or("none".to_owned(), code);
            self.push(
                Area::Docs,
                Verdict::Cosmetic,
                format!(
                    "{name} example value {} → {}",
                    show(&p.example),
                    show(&q.example)
                ),
            );
        }
    }
}

fn place(p: &Param) -> String {
    let mut out = location(p.location).to_owned();
    if p.ident != p.wire {
        out.push_str(&format!(" {}", code(&p.wire)));
    }
    if p.ty != ParamType::Text {
        out.push_str(&format!(", {}", p.ty.describe()));
    }
    if let Some(example) = &p.example {
        out.push_str(&format!(", example {}", code(example)));
    }
    out
}

fn location(l: Location) -> &'static str {
    match l {
        Location::Path => "path segment",
        Location::Query => "query parameter",
        Location::Header => "header",
        Location::Form => "form field",
    }
}
