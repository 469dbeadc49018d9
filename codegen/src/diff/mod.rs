//! What changed between two models of an API, for the reviewer of a regenerated
//! client: operations added, removed, renamed or moved; parameters; response fields;
//! error shapes; examples; auth, base URL, body and safety changes; description
//! edits. Each change carries a [`Verdict`], and the whole [`Report`] implies a
//! semver bump ([`bump`]). [`markdown`] renders it for a pull request.
//!
//! The comparison reads the intermediate models ([`Api`], after inference), not the
//! collection text: a reordered JSON file or a reformatted example changes nothing,
//! and a description edit that makes a parameter optional shows as what it does.

mod markdown;
mod operations;
mod text;
mod types;

use crate::model::{Api, EnumDef, StaleEffect};

pub use markdown::{Labels, markdown};

/// How a change affects code that uses the generated crate.
///
/// Ordered: `Cosmetic < Additive < Breaking`, so the verdict of a report is the
/// largest of its changes'.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Verdict {
    /// Documentation only: descriptions, titles, saved examples' wording.
    Cosmetic,
    /// Compatible: existing code compiles and behaves as before (new operations,
    /// setters and response fields; wire details the caller does not see).
    Additive,
    /// Code may stop compiling, or an existing call may fail or do something else
    /// (another endpoint, argument, type, auth, or more eager retries).
    Breaking,
}

impl Verdict {
    /// `breaking`, `additive` or `cosmetic`.
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Cosmetic => "cosmetic",
            Verdict::Additive => "additive",
            Verdict::Breaking => "breaking",
        }
    }
}

/// What a change is about.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Subject {
    /// The API as a whole: name, base URL, auth, error flag, enums.
    Api,
    /// A module (a folder of the collection), by its Rust path (`business::user`).
    Module {
        /// The Rust path of the module.
        path: String,
    },
    /// An operation that exists on both sides, or was added or removed.
    Operation {
        /// How it is called on the new side (on the old side when removed):
        /// `sms().purchase()`.
        call: String,
        /// `POST /purchase/sms`.
        endpoint: String,
    },
}

/// Which part of the API a change touches; the renderer groups by it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Area {
    /// API-wide settings.
    Api,
    /// A module added, removed or retitled.
    Module,
    /// An operation added, removed, renamed or moved.
    Lifecycle,
    /// Method, path, auth, body mode, headers, safety class.
    Request,
    /// A parameter.
    Parameter,
    /// The success response's type.
    Response,
    /// Saved error answers.
    Errors,
    /// Saved examples.
    Examples,
    /// Descriptions and titles.
    Docs,
    /// An entry of the overrides file that no longer matches the new collection.
    Overrides,
}

/// One change.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    /// What it is about.
    pub subject: Subject,
    /// Which part.
    pub area: Area,
    /// Its effect on users of the crate.
    pub verdict: Verdict,
    /// One line of Markdown saying what changed and, where it is not obvious, why
    /// it has this verdict.
    pub text: String,
}

/// Counts of one side of the comparison.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Side {
    /// The API's name.
    pub name: String,
    /// Operations.
    pub operations: usize,
    /// Top-level modules (folders at the collection's root), counted as
    /// `cargo xtask gen` counts them.
    pub modules: usize,
    /// Saved examples.
    pub examples: usize,
}

impl Side {
    fn of(api: &Api) -> Self {
        let (modules, operations) = api.counts();
        Side {
            name: api.info.name.clone(),
            operations,
            modules,
            examples: api.root.all_operations().map(|o| o.examples.len()).sum(),
        }
    }
}

/// Everything that changed from one model to another.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Report {
    /// The old side's counts.
    pub old: Side,
    /// The new side's counts.
    pub new: Side,
    /// The changes: API-wide first, then modules, then operations in the new
    /// side's order (removed ones where they were).
    pub changes: Vec<Change>,
}

impl Report {
    /// The largest verdict of the changes, `None` when nothing changed.
    pub fn verdict(&self) -> Option<Verdict> {
        self.changes.iter().map(|c| c.verdict).max()
    }

    /// Whether some change breaks users of the crate.
    pub fn is_breaking(&self) -> bool {
        self.verdict() == Some(Verdict::Breaking)
    }

    /// How many changes have verdict `v`.
    pub fn count(&self, v: Verdict) -> usize {
        self.changes.iter().filter(|c| c.verdict == v).count()
    }
}

/// Compares two models of an API.
pub fn compare(old: &Api, new: &Api) -> Report {
    let mut changes = Vec::new();
    api_changes(old, new, &mut changes);
    operations::compare(old, new, &mut changes);
    for stale in &new.stale_overrides {
        let (verdict, effect) = match stale.effect {
            StaleEffect::Api => (
                Verdict::Breaking,
                "what it decided (a name, a type, a required parameter, a safety class...) no longer applies",
            ),
            StaleEffect::Docs => (Verdict::Cosmetic, "only documentation it added is lost"),
            StaleEffect::Mock => (
                Verdict::Cosmetic,
                "the mock's order book (feature `mock`) stops working; the client is the same",
            ),
        };
        changes.push(Change {
            subject: Subject::Api,
            area: Area::Overrides,
            verdict,
            text: format!(
                "overrides entry `{}` no longer matches: {}; {effect}. Update or remove it: `cargo xtask gen` refuses to run until then",
                stale.place, stale.message
            ),
        });
    }
    Report {
        old: Side::of(old),
        new: Side::of(new),
        changes,
    }
}

fn api_changes(old_api: &Api, new_api: &Api, out: &mut Vec<Change>) {
    let (old, new) = (&old_api.info, &new_api.info);
    let mut push = |area: Area, verdict: Verdict, text: String| {
        out.push(Change {
            subject: Subject::Api,
            area,
            verdict,
            text,
        });
    };
    if old.name != new.name {
        push(
            Area::Docs,
            Verdict::Cosmetic,
            format!(
                "API renamed {} → {}",
                text::code(&old.name),
                text::code(&new.name)
            ),
        );
    }
    if old.docs.trim() != new.docs.trim() {
        push(
            Area::Docs,
            Verdict::Cosmetic,
            format!(
                "collection description edited: {}",
                text::edit(&old.docs, &new.docs)
            ),
        );
    }
    if old.base_url != new.base_url {
        push(
            Area::Api,
            Verdict::Breaking,
            format!(
                "base URL {} → {}: clients built with the default settings talk to another server \
                 (`base_url(...)` keeps the old one)",
                text::code(&old.base_url),
                text::code(&new.base_url)
            ),
        );
    }
    if old.auth != new.auth {
        push(
            Area::Api,
            Verdict::Breaking,
            format!(
                "auth {} → {}: the key travels differently on every call that inherits it",
                text::code(&old.auth.describe()),
                text::code(&new.auth.describe())
            ),
        );
    }
    if old.error_flag != new.error_flag {
        push(
            Area::Api,
            Verdict::Breaking,
            format!(
                "error flag {} → {}: which answers count as errors changes",
                text::code(old.error_flag.as_deref().unwrap_or("none")),
                text::code(new.error_flag.as_deref().unwrap_or("none"))
            ),
        );
    }
    if old.credential_param != new.credential_param {
        push(
            Area::Api,
            Verdict::Breaking,
            format!(
                "key parameter in error bodies {} → {}: which answers are `Error::InvalidApiKey` changes",
                text::code(old.credential_param.as_deref().unwrap_or("none")),
                text::code(new.credential_param.as_deref().unwrap_or("none"))
            ),
        );
    }
    if old.rate_limit != new.rate_limit {
        let show = |r: Option<u32>| r.map_or("none".to_owned(), |n| format!("{n}/s"));
        push(
            Area::Api,
            Verdict::Additive,
            format!(
                "default rate limit {} → {} (pacing only; calls are unchanged)",
                show(old.rate_limit),
                show(new.rate_limit)
            ),
        );
    }
    for (verdict, text) in enum_changes(&old_api.enums, &new_api.enums) {
        push(Area::Api, verdict, text);
    }
}

fn enum_changes(old: &[EnumDef], new: &[EnumDef]) -> Vec<(Verdict, String)> {
    let mut out = Vec::new();
    for o in old {
        let Some(n) = new.iter().find(|n| n.name == o.name) else {
            out.push((Verdict::Breaking, format!("enum `{}` removed", o.name)));
            continue;
        };
        for v in &o.variants {
            match n.variants.iter().find(|w| w.name == v.name) {
                None => out.push((
                    Verdict::Breaking,
                    format!("enum `{}`: variant `{}` removed", o.name, v.ident),
                )),
                Some(w) if w.ident != v.ident || w.code != v.code => out.push((
                    Verdict::Breaking,
                    format!(
                        "enum `{}`: variant {} is now `{}`{}",
                        o.name,
                        text::code(&v.name),
                        w.ident,
                        w.code.map(|c| format!(" (code {c})")).unwrap_or_default()
                    ),
                )),
                Some(w) if w.docs != v.docs => out.push((
                    Verdict::Cosmetic,
                    format!(
                        "enum `{}`: variant `{}` documentation edited",
                        o.name, w.ident
                    ),
                )),
                Some(_) => {}
            }
        }
        for w in &n.variants {
            if !o.variants.iter().any(|v| v.name == w.name) {
                out.push((
                    Verdict::Breaking,
                    format!(
                        "enum `{}`: variant `{}` added (exhaustive `match`es need an arm; the value \
                         decoded as `Unknown` before)",
                        o.name, w.ident
                    ),
                ));
            }
        }
        if o.docs != n.docs {
            out.push((
                Verdict::Cosmetic,
                format!("enum `{}` documentation edited", o.name),
            ));
        }
    }
    for n in new {
        if !old.iter().any(|o| o.name == n.name) {
            out.push((
                Verdict::Additive,
                format!("enum `{}` added ({} values)", n.name, n.variants.len()),
            ));
        }
    }
    out
}

/// A semver level.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Level {
    /// No release needed.
    None,
    /// `x.y.Z`.
    Patch,
    /// `x.Y.0`.
    Minor,
    /// `X.0.0`.
    Major,
}

/// The release a report calls for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Bump {
    /// Which number moves.
    pub level: Level,
    /// The next version, when `current` parsed and something changed.
    pub next: Option<String>,
    /// Why, in one sentence.
    pub why: String,
}

/// The semver bump `verdict` implies for a crate at version `current`, following
/// Cargo's rules: in `0.y.z` the minor number is the breaking one, so a breaking
/// change bumps `y` and a compatible one bumps `z`.
pub fn bump(current: &str, verdict: Option<Verdict>) -> Bump {
    let numbers: Option<Vec<u64>> = current.trim().split('.').map(|n| n.parse().ok()).collect();
    let parts = numbers.filter(|n| n.len() == 3);
    let Some(verdict) = verdict else {
        return Bump {
            level: Level::None,
            next: None,
            why: "nothing changed".into(),
        };
    };
    let (major, minor, patch) = match &parts {
        Some(p) => (p[0], p[1], p[2]),
        None => (1, 0, 0),
    };
    let (level, why) = match (major, minor, verdict) {
        (0, 0, _) => (
            Level::Patch,
            "the crate is 0.0.x, where Cargo treats every release as breaking".to_owned(),
        ),
        (0, _, Verdict::Breaking) => (
            Level::Minor,
            "the crate is 0.x, where a breaking change bumps the minor version".to_owned(),
        ),
        (0, _, Verdict::Additive) => (
            Level::Patch,
            "the crate is 0.x, where a compatible addition bumps the patch version".to_owned(),
        ),
        (_, _, Verdict::Breaking) => (Level::Major, "a breaking change".to_owned()),
        (_, _, Verdict::Additive) => (Level::Minor, "a compatible addition".to_owned()),
        (_, _, Verdict::Cosmetic) => (
            Level::Patch,
            "documentation only: a patch release, if one is wanted at all".to_owned(),
        ),
    };
    let next = parts.map(|_| match level {
        Level::Major => format!("{}.0.0", major.saturating_add(1)),
        Level::Minor => format!("{major}.{}.0", minor.saturating_add(1)),
        Level::Patch | Level::None => format!("{major}.{minor}.{}", patch.saturating_add(1)),
    });
    Bump { level, next, why }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn semver_follows_cargo_for_zero_versions() {
        let b = bump("0.1.0", Some(Verdict::Breaking));
        assert_eq!((b.level, b.next.as_deref()), (Level::Minor, Some("0.2.0")));
        let b = bump("0.1.3", Some(Verdict::Additive));
        assert_eq!((b.level, b.next.as_deref()), (Level::Patch, Some("0.1.4")));
        let b = bump("1.4.2", Some(Verdict::Breaking));
        assert_eq!((b.level, b.next.as_deref()), (Level::Major, Some("2.0.0")));
        let b = bump("1.4.2", Some(Verdict::Additive));
        assert_eq!((b.level, b.next.as_deref()), (Level::Minor, Some("1.5.0")));
        let b = bump("0.0.7", Some(Verdict::Additive));
        assert_eq!((b.level, b.next.as_deref()), (Level::Patch, Some("0.0.8")));
        assert_eq!(bump("0.1.0", None).level, Level::None);
        assert_eq!(bump("garbage", Some(Verdict::Breaking)).next, None);
    }
}
