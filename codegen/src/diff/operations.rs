//! Modules and operations: which old operation became which new one, and what
//! changed in each pair (request, parameters, response, errors, examples, docs).

mod answers;
mod params;
mod request;

use std::collections::BTreeMap;

use super::text::{code, edit};
use super::{Area, Change, Subject, Verdict};
use crate::model::{Api, Module, Operation};

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
