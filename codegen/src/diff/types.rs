//! Walks two inferred types side by side, from an operation's response (or JSON
//! body) type down through its fields, and lists what changed at each position.

use std::collections::BTreeSet;

use super::Verdict;
use super::text::code;
use crate::model::{Field, Ty, TypeDef, TypeKind};

/// Which way a type travels; it decides what adding a field means.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    /// Decoded from answers: structs are `#[non_exhaustive]`, so new fields are
    /// compatible.
    Response,
    /// Built by callers: a new field breaks struct literals.
    Body,
}

/// The changes from type `old` (among `old_types`) to `new` (among `new_types`).
pub fn compare(
    old: (&Ty, &[TypeDef]),
    new: (&Ty, &[TypeDef]),
    direction: Direction,
) -> Vec<(Verdict, String)> {
    let mut walk = Walk {
        old: old.1,
        new: new.1,
        direction,
        seen: BTreeSet::new(),
        out: Vec::new(),
    };
    walk.ty(old.0, new.0, "");
    walk.out
}

struct Walk<'a> {
    old: &'a [TypeDef],
    new: &'a [TypeDef],
    direction: Direction,
    seen: BTreeSet<(String, String)>,
    out: Vec<(Verdict, String)>,
}

impl Walk<'_> {
    /// `response` or `response field `data[].name``.
    fn label(&self, at: &str) -> String {
        let what = match self.direction {
            Direction::Response => "response",
            Direction::Body => "body",
        };
        if at.is_empty() {
            what.to_owned()
        } else {
            format!("{what} field `{at}`")
        }
    }

    fn push(&mut self, verdict: Verdict, text: String) {
        self.out.push((verdict, text));
    }

    fn named(&mut self, old: &str, new: &str, at: &str) {
        if !self.seen.insert((old.to_owned(), new.to_owned())) {
            return;
        }
        let (Some(o), Some(n)) = (
            self.old.iter().find(|t| t.name == old),
            self.new.iter().find(|t| t.name == new),
        ) else {
            return;
        };
        let label = self.label(at);
        if old != new {
            self.push(
                Verdict::Breaking,
                format!("{label}: type `{old}` is now `{new}`"),
            );
        }
        match (&o.kind, &n.kind) {
            (TypeKind::Struct { fields: a }, TypeKind::Struct { fields: b }) => {
                self.fields(a, b, at);
            }
            (TypeKind::Shapes { variants: a }, TypeKind::Shapes { variants: b }) => {
                for v in a {
                    match b.iter().find(|w| w.name == v.name) {
                        Some(w) => self.named(&v.ty, &w.ty, at),
                        None => self.push(
                            Verdict::Breaking,
                            format!("{label}: the `{}` shape of answer is gone", v.name),
                        ),
                    }
                }
                for w in b.iter().filter(|w| !a.iter().any(|v| v.name == w.name)) {
                    self.push(
                        Verdict::Breaking,
                        format!(
                            "{label}: a new shape of answer `{}` (exhaustive `match`es need an arm)",
                            w.name
                        ),
                    );
                }
            }
            (a, b) => self.push(
                Verdict::Breaking,
                format!("{label}: {} → {}", kind_description(a), kind_description(b)),
            ),
        }
    }

    fn fields(&mut self, old: &[Field], new: &[Field], at: &str) {
        let join = |wire: &str| {
            if at.is_empty() {
                wire.to_owned()
            } else {
                format!("{at}.{wire}")
            }
        };
        for f in old {
            let path = join(&f.wire);
            let label = self.label(&path);
            let Some(g) = new.iter().find(|g| g.wire == f.wire) else {
                self.push(
                    Verdict::Breaking,
                    format!("{label} removed (was {})", field_type(f)),
                );
                continue;
            };
            if f.ident != g.ident {
                self.push(
                    Verdict::Breaking,
                    format!("{label}: Rust name `{}` → `{}`", f.ident, g.ident),
                );
            }
            self.ty(&f.ty, &g.ty, &path);
            let (was, is) = (is_option(f), is_option(g));
            if was != is {
                let what = if is {
                    format!("now optional ({})", optionality(g))
                } else {
                    "no longer optional: always present in the examples".to_owned()
                };
                self.push(
                    Verdict::Breaking,
                    format!("{label}: {what}, `{}` → `{}`", rust_type(f), rust_type(g)),
                );
            } else if (f.optional(), f.nullable) != (g.optional(), g.nullable) {
                self.push(
                    Verdict::Cosmetic,
                    format!(
                        "{label}: {} → {} (same Rust type `{}`)",
                        optionality(f),
                        optionality(g),
                        rust_type(g)
                    ),
                );
            }
        }
        for g in new {
            if old.iter().any(|f| f.wire == g.wire) {
                continue;
            }
            let label = self.label(&join(&g.wire));
            let (verdict, why) = match self.direction {
                Direction::Response => (
                    Verdict::Additive,
                    "response structs are `#[non_exhaustive]`".to_owned(),
                ),
                Direction::Body => (
                    Verdict::Breaking,
                    "struct literals without `..Default::default()` stop compiling".to_owned(),
                ),
            };
            self.push(verdict, format!("{label} added ({}): {why}", field_type(g)));
        }
    }

    fn ty(&mut self, old: &Ty, new: &Ty, at: &str) {
        let label = self.label(at);
        match (old, new) {
            (Ty::String { lenient: a }, Ty::String { lenient: b }) if a != b => {
                if *b {
                    self.push(
                        Verdict::Additive,
                        format!("{label}: now also accepts numbers (still a `String`)"),
                    );
                } else {
                    self.push(
                        Verdict::Breaking,
                        format!(
                            "{label}: no longer accepts numbers; an answer with a number there fails to decode"
                        ),
                    );
                }
            }
            (Ty::Vec(a), Ty::Vec(b)) => self.ty(a, b, &format!("{at}[]")),
            (Ty::Map(a), Ty::Map(b)) => self.ty(a, b, &format!("{at}.*")),
            (Ty::JsonString(a), Ty::JsonString(b)) => self.ty(a, b, at),
            (Ty::Named(a), Ty::Named(b)) => self.named(a, b, at),
            (Ty::Unverified, b) if *b != Ty::Unverified => self.push(
                Verdict::Breaking,
                format!(
                    "{label}: now typed from a saved success example ({}), was `Unverified` JSON",
                    code(&describe(b, self.new))
                ),
            ),
            (a, Ty::Unverified) if *a != Ty::Unverified => self.push(
                Verdict::Breaking,
                format!(
                    "{label}: no saved success example any more, so it is `Unverified` JSON (was {})",
                    code(&describe(a, self.old))
                ),
            ),
            (a, b) if a != b => {
                let (was, is) = (describe(a, self.old), describe(b, self.new));
                self.push(
                    Verdict::Breaking,
                    format!("{label}: type {} → {}", code(&was), code(&is)),
                );
            }
            _ => {}
        }
    }
}

/// Like [`Ty::describe`], with the fields of structs: `BalanceBalance {amount, currency}`.
fn describe(ty: &Ty, types: &[TypeDef]) -> String {
    match ty {
        Ty::Named(name) => match types.iter().find(|t| &t.name == name).map(|t| &t.kind) {
            Some(TypeKind::Struct { fields }) => {
                let names: Vec<&str> = fields.iter().map(|f| f.wire.as_str()).collect();
                format!("{name} {{{}}}", names.join(", "))
            }
            _ => name.clone(),
        },
        Ty::Vec(t) => format!("[{}]", describe(t, types)),
        Ty::Map(t) => format!("{{string: {}}}", describe(t, types)),
        Ty::JsonString(t) => format!("json-string {}", describe(t, types)),
        other => other.describe(),
    }
}

fn is_option(f: &Field) -> bool {
    f.optional() || f.nullable
}

fn optionality(f: &Field) -> String {
    match (f.optional(), f.nullable) {
        (true, true) => format!(
            "absent in {} of {} and sometimes null",
            f.objects - f.present,
            f.objects
        ),
        (true, false) => format!("absent in {} of {}", f.objects - f.present, f.objects),
        (false, true) => "sometimes null".to_owned(),
        (false, false) => "always present".to_owned(),
    }
}

fn rust_type(f: &Field) -> String {
    let inner = f.ty.describe();
    if is_option(f) {
        format!("Option<{inner}>")
    } else {
        inner
    }
}

fn field_type(f: &Field) -> String {
    code(&rust_type(f))
}

fn kind_description(kind: &TypeKind) -> String {
    match kind {
        TypeKind::Struct { fields } => format!("a struct of {} fields", fields.len()),
        TypeKind::Shapes { variants } => format!("an enum of {} shapes", variants.len()),
    }
}
