//! Modules and operations: which old operation became which new one, and what
//! changed in each pair (request, parameters, response, errors, examples, docs).

use std::collections::BTreeMap;

use super::text::{code, edit};
use super::types::{self, Direction};
use super::{Area, Change, Subject, Verdict};
use crate::infer::types::{ErrorExample, ResponseKind};
use crate::ir::{Api, Auth, Body, Location, Module, Operation, Param, ParamKind, Safety};

/// An operation with where it lives.
struct Entry<'a> {
    path: Vec<&'a str>,
    module: &'a Module,
    op: &'a Operation,
}

impl Entry<'_> {
    /// `sms().purchase()`.
    fn call(&self) -> String {
        let mut out: String = self.path.iter().map(|m| format!("{m}().")).collect();
        out.push_str(&self.op.name);
        out.push_str("()");
        out
    }

    fn endpoint(&self) -> String {
        format!("{} {}", self.op.method, self.op.path)
    }

    fn subject(&self) -> Subject {
        Subject::Operation {
            call: self.call(),
            endpoint: self.endpoint(),
        }
    }
}

fn entries(api: &Api) -> Vec<Entry<'_>> {
    let mut out = Vec::new();
    for (path, module) in api.root.walk() {
        for op in &module.operations {
            out.push(Entry {
                path: path.clone(),
                module,
                op,
            });
        }
    }
    out
}

/// Adds module and operation changes to `out`.
pub fn compare(old: &Api, new: &Api, out: &mut Vec<Change>) {
    modules(old, new, out);
    let old_entries = entries(old);
    let new_entries = entries(new);
    let pairs = pair(&old_entries, &new_entries);
    let mut matched_old = vec![false; old_entries.len()];
    for (j, n) in new_entries.iter().enumerate() {
        match pairs.iter().find(|(_, nj)| *nj == j) {
            Some(&(i, _)) => {
                matched_old[i] = true;
                let mut pair = Pair {
                    old_api: old,
                    new_api: new,
                    o: &old_entries[i],
                    n,
                    subject: n.subject(),
                    out,
                };
                pair.compare();
            }
            None => out.push(Change {
                subject: n.subject(),
                area: Area::Lifecycle,
                verdict: Verdict::Additive,
                text: format!("added: {}", describe_new(n)),
            }),
        }
    }
    for (i, o) in old_entries.iter().enumerate() {
        if !matched_old[i] {
            out.push(Change {
                subject: o.subject(),
                area: Area::Lifecycle,
                verdict: Verdict::Breaking,
                text: format!(
                    "removed: `{}`, {} (request {})",
                    o.call(),
                    code(&o.endpoint()),
                    code(&o.op.key)
                ),
            });
        }
    }
}

/// `sms().stock()`, `POST /sms/stock`, read-only, in folder `SMS`, arguments ….
fn describe_new(n: &Entry<'_>) -> String {
    let args: Vec<String> =
        n.op.params
            .iter()
            .filter(|p| p.required)
            .map(|p| format!("`{}`", p.ident))
            .collect();
    let args = if args.is_empty() {
        String::new()
    } else {
        format!(", arguments {}", args.join(", "))
    };
    format!(
        "`{}`, {}, {} (request {}){args}",
        n.call(),
        code(&n.endpoint()),
        n.op.safety.as_str(),
        code(&n.op.key)
    )
}

/// Old and new operations that are the same endpoint: same request path in the
/// collection first, then, among the rest, the only old and new request with the
/// same method and path (renamed or moved).
fn pair(old: &[Entry<'_>], new: &[Entry<'_>]) -> Vec<(usize, usize)> {
    let mut pairs = Vec::new();
    let mut old_used = vec![false; old.len()];
    let mut new_used = vec![false; new.len()];
    for (i, o) in old.iter().enumerate() {
        if let Some(j) = new
            .iter()
            .enumerate()
            .position(|(j, n)| !new_used[j] && n.op.key == o.op.key)
        {
            pairs.push((i, j));
            old_used[i] = true;
            new_used[j] = true;
        }
    }
    let mut by_endpoint: BTreeMap<String, (Vec<usize>, Vec<usize>)> = BTreeMap::new();
    for (i, o) in old.iter().enumerate().filter(|(i, _)| !old_used[*i]) {
        by_endpoint.entry(o.endpoint()).or_default().0.push(i);
    }
    for (j, n) in new.iter().enumerate().filter(|(j, _)| !new_used[*j]) {
        by_endpoint.entry(n.endpoint()).or_default().1.push(j);
    }
    for (olds, news) in by_endpoint.values() {
        if let ([i], [j]) = (olds.as_slice(), news.as_slice()) {
            pairs.push((*i, *j));
        }
    }
    pairs
}

fn modules(old: &Api, new: &Api, out: &mut Vec<Change>) {
    let by_path = |api: &Api| -> Vec<(String, Module)> {
        api.root
            .walk()
            .into_iter()
            .skip(1)
            .map(|(p, m)| (p.join("::"), m.clone()))
            .collect()
    };
    let (olds, news) = (by_path(old), by_path(new));
    let subject = |path: &str| Subject::Module {
        path: path.to_owned(),
    };
    for (path, n) in &news {
        let Some((_, o)) = olds.iter().find(|(p, _)| p == path) else {
            out.push(Change {
                subject: subject(path),
                area: Area::Module,
                verdict: Verdict::Additive,
                text: format!(
                    "added (folder {}, {} operations)",
                    code(&n.title),
                    n.operations.len()
                ),
            });
            continue;
        };
        if o.title != n.title {
            out.push(Change {
                subject: subject(path),
                area: Area::Docs,
                verdict: Verdict::Cosmetic,
                text: format!(
                    "folder renamed {} → {}; the module keeps its name",
                    code(&o.title),
                    code(&n.title)
                ),
            });
        }
        if o.docs.trim() != n.docs.trim() {
            out.push(Change {
                subject: subject(path),
                area: Area::Docs,
                verdict: Verdict::Cosmetic,
                text: format!("folder description edited: {}", edit(&o.docs, &n.docs)),
            });
        }
    }
    for (path, o) in &olds {
        if !news.iter().any(|(p, _)| p == path) {
            out.push(Change {
                subject: subject(path),
                area: Area::Module,
                verdict: Verdict::Breaking,
                text: format!(
                    "removed (folder {}), with its accessor `{}()`",
                    code(&o.title),
                    o.name
                ),
            });
        }
    }
}

/// One old operation and the new operation it became.
struct Pair<'a, 'o> {
    old_api: &'a Api,
    new_api: &'a Api,
    o: &'a Entry<'a>,
    n: &'a Entry<'a>,
    subject: Subject,
    out: &'o mut Vec<Change>,
}

impl Pair<'_, '_> {
    fn push(&mut self, area: Area, verdict: Verdict, text: String) {
        self.out.push(Change {
            subject: self.subject.clone(),
            area,
            verdict,
            text,
        });
    }

    fn compare(&mut self) {
        self.lifecycle();
        self.request();
        self.params();
        self.response();
        self.errors();
        self.examples();
        self.docs();
    }

    fn lifecycle(&mut self) {
        let (o, n) = (self.o, self.n);
        let (old_call, new_call) = (o.call(), n.call());
        let folder = |e: &Entry<'_>| e.module.key.clone();
        let moved = folder(o) != folder(n) && o.path != n.path;
        let renamed = o.op.title != n.op.title;
        if old_call != new_call {
            let mut why = Vec::new();
            if moved {
                why.push(format!(
                    "moved from folder {} to {}",
                    code(&o.module.title),
                    code(&n.module.title)
                ));
            }
            if renamed {
                why.push(format!(
                    "renamed {} → {}",
                    code(&o.op.title),
                    code(&n.op.title)
                ));
            }
            if why.is_empty() {
                why.push("the method's name changed".into());
            }
            let same = if o.endpoint() == n.endpoint() {
                format!(", same {}", code(&n.endpoint()))
            } else {
                String::new()
            };
            self.push(
                Area::Lifecycle,
                Verdict::Breaking,
                format!("`{old_call}` → `{new_call}`: {}{same}", why.join(", ")),
            );
        } else if renamed {
            self.push(
                Area::Docs,
                Verdict::Cosmetic,
                format!(
                    "request renamed in the collection {} → {}; the method keeps its name",
                    code(&o.op.title),
                    code(&n.op.title)
                ),
            );
        }
    }

    fn request(&mut self) {
        let (o, n) = (self.o.op, self.n.op);
        if o.method != n.method || o.path != n.path {
            self.push(
                Area::Request,
                Verdict::Breaking,
                format!(
                    "endpoint {} → {}: the same call now goes elsewhere",
                    code(&self.o.endpoint()),
                    code(&self.n.endpoint())
                ),
            );
        }
        if o.host != n.host {
            self.push(
                Area::Docs,
                Verdict::Cosmetic,
                format!(
                    "host in the collection {} → {} (requests use the client's base URL)",
                    code(o.host.as_deref().unwrap_or("none")),
                    code(n.host.as_deref().unwrap_or("none"))
                ),
            );
        }
        let inherited = o.auth == self.old_api.auth && n.auth == self.new_api.auth;
        if o.auth != n.auth && !inherited {
            self.push(
                Area::Request,
                Verdict::Breaking,
                format!(
                    "auth {} → {}",
                    code(&o.auth.describe()),
                    code(&n.auth.describe())
                ),
            );
            if matches!(n.auth, Auth::Manual(_)) {
                self.push(
                    Area::Request,
                    Verdict::Breaking,
                    "callers must now supply the `Authorization` header themselves".into(),
                );
            }
        }
        if o.credential_field != n.credential_field {
            let show = |f: &Option<String>| {
                f.as_ref()
                    .map_or("not sent".to_owned(), |f| format!("form field `{f}`"))
            };
            self.push(
                Area::Request,
                Verdict::Additive,
                format!(
                    "key in the body: {} → {} (wire detail; the call is unchanged)",
                    show(&o.credential_field),
                    show(&n.credential_field)
                ),
            );
        }
        if o.constant_headers != n.constant_headers {
            let show = |h: &[(String, String)]| {
                if h.is_empty() {
                    "none".to_owned()
                } else {
                    h.iter()
                        .map(|(k, v)| code(&format!("{k}: {v}")))
                        .collect::<Vec<_>>()
                        .join(", ")
                }
            };
            self.push(
                Area::Request,
                Verdict::Additive,
                format!(
                    "fixed headers {} → {} (wire detail)",
                    show(&o.constant_headers),
                    show(&n.constant_headers)
                ),
            );
        }
        self.body();
        if o.safety != n.safety {
            let caution = |s: Safety| match s {
                Safety::ReadOnly => 0,
                Safety::Mutation => 1,
                Safety::Paid => 2,
            };
            let (verdict, why) = if caution(n.safety) < caution(o.safety) {
                (Verdict::Breaking, "retried more eagerly than before")
            } else {
                (Verdict::Additive, "retried less than before")
            };
            self.push(
                Area::Request,
                verdict,
                format!(
                    "safety class {} → {}: {why} ({})",
                    o.safety.as_str(),
                    n.safety.as_str(),
                    n.safety_reason.trim()
                ),
            );
        }
    }

    fn body(&mut self) {
        let (o, n) = (&self.o.op.body, &self.n.op.body);
        match (o, n) {
            (Body::Json { type_name: a, .. }, Body::Json { type_name: b, .. }) => {
                let changes = types::compare(
                    (a, &self.o.module.types),
                    (b, &self.n.module.types),
                    Direction::Body,
                );
                for (verdict, text) in changes {
                    self.push(Area::Request, verdict, text);
                }
            }
            (
                Body::Text {
                    content_type: a,
                    example: x,
                },
                Body::Text {
                    content_type: b,
                    example: y,
                },
            ) => {
                if a != b {
                    self.push(
                        Area::Request,
                        Verdict::Additive,
                        format!("body content type {} → {}", code(a), code(b)),
                    );
                }
                if x != y {
                    self.push(
                        Area::Docs,
                        Verdict::Cosmetic,
                        format!("example body edited: {}", edit(x, y)),
                    );
                }
            }
            (Body::GraphQl { query: a, .. }, Body::GraphQl { query: b, .. }) if a != b => {
                self.push(
                    Area::Request,
                    Verdict::Breaking,
                    format!("GraphQL query edited: {}", edit(a, b)),
                );
            }
            _ if std::mem::discriminant(o) != std::mem::discriminant(n) => {
                let (verdict, why) = if body_argument(o) == body_argument(n) {
                    (Verdict::Additive, "encoding on the wire only")
                } else {
                    (Verdict::Breaking, "the method's `body` argument changes")
                };
                self.push(
                    Area::Request,
                    verdict,
                    format!("body {} → {}: {why}", body_label(o), body_label(n)),
                );
            }
            _ => {}
        }
    }

    fn params(&mut self) {
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
                        q.required_reason
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
                    q.required_reason, p.ident
                )
            } else {
                format!(
                    "{name} is now optional ({}): the argument becomes the setter `.{}()`",
                    q.required_reason, q.ident
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
        if p.kind != q.kind {
            let kind = |k: ParamKind| match k {
                ParamKind::Text => "text (`impl ParamValue`)",
                ParamKind::File => "a file (`FilePart`)",
            };
            self.push(
                Area::Parameter,
                Verdict::Breaking,
                format!("{name} is now {} (was {})", kind(q.kind), kind(p.kind)),
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

    fn response(&mut self) {
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

    fn errors(&mut self) {
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
                        code(&crate::emit::docs::strip_tags(message))
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
                        code(&crate::emit::docs::strip_tags(message))
                    ),
                );
            }
        }
    }

    fn examples(&mut self) {
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
        let removed: Vec<String> = o
            .iter()
            .zip(&old_seen)
            .filter(|(_, seen)| !**seen)
            .map(|(x, _)| x.name.clone())
            .collect();
        for (list, what) in [(added, "added"), (removed, "removed"), (edited, "edited")] {
            if !list.is_empty() {
                self.push(
                    Area::Examples,
                    Verdict::Cosmetic,
                    format!(
                        "saved example{} {what}: {} (the types they imply are compared above)",
                        if list.len() == 1 { "" } else { "s" },
                        names(&list)
                    ),
                );
            }
        }
    }

    fn docs(&mut self) {
        let (o, n) = (self.o.op, self.n.op);
        if o.docs.trim() != n.docs.trim() {
            self.push(
                Area::Docs,
                Verdict::Cosmetic,
                format!("description edited: {}", edit(&o.docs, &n.docs)),
            );
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

fn place(p: &Param) -> String {
    let mut out = location(p.location).to_owned();
    if p.ident != p.wire {
        out.push_str(&format!(" {}", code(&p.wire)));
    }
    if p.kind == ParamKind::File {
        out.push_str(", a file");
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

/// What the method takes as `body`, if anything.
fn body_argument(b: &Body) -> Option<&'static str> {
    match b {
        Body::Json { .. } => Some("json"),
        Body::Text { .. } => Some("text"),
        Body::Binary => Some("bytes"),
        Body::GraphQl { .. } => Some("graphql"),
        Body::None | Body::Form | Body::Multipart => None,
    }
}

fn body_label(b: &Body) -> String {
    match b {
        Body::None => "none".into(),
        Body::Form => "form (urlencoded)".into(),
        Body::Multipart => "multipart".into(),
        Body::Json { type_name, .. } => format!("JSON `{type_name}`"),
        Body::Text { content_type, .. } => format!("text {}", code(content_type)),
        Body::Binary => "bytes".into(),
        Body::GraphQl { .. } => "GraphQL".into(),
    }
}

fn response_label(kind: &ResponseKind) -> String {
    match kind {
        ResponseKind::Json(name) => format!("JSON `{name}`"),
        ResponseKind::Text => "text (`String`)".into(),
        ResponseKind::Empty => "nothing (`()`)".into(),
        ResponseKind::Unknown => "unknown".into(),
    }
}
