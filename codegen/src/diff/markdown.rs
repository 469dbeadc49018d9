//! A [`Report`] as Markdown for a pull request description: the overall verdict
//! and release, counts, then the changes grouped by what they are about, each with
//! its own verdict. Operations whose changes are all documentation go in one
//! collapsed block at the end, so the reviewer reads the API changes first.

use std::fmt::Write;

use super::{Area, Change, Report, Side, Subject, Verdict, bump};

/// What the report calls things.
#[derive(Clone, Copy, Debug)]
pub struct Labels<'a> {
    /// The old side (`collection/smspool.postman_collection.json at main`).
    pub old: &'a str,
    /// The new side.
    pub new: &'a str,
    /// The generated crate (`smspool`).
    pub crate_name: &'a str,
    /// Its current version, for the release line.
    pub version: Option<&'a str>,
}

const LEGEND: &str = "_Verdicts: **breaking**: code using the crate may stop compiling, or a call may \
fail or behave differently; **additive**: compatible, existing code keeps working; \
**cosmetic**: documentation only._";

/// Renders `report`.
pub fn markdown(report: &Report, labels: &Labels<'_>) -> String {
    let mut out = String::new();
    let verdict = report.verdict();
    let _ = writeln!(
        out,
        "## API changes: {}\n",
        verdict.map_or("none", Verdict::as_str)
    );
    let _ = writeln!(
        out,
        "- old: {}: {}\n- new: {}: {}\n",
        labels.old,
        side(&report.old),
        labels.new,
        side(&report.new)
    );
    let Some(verdict) = verdict else {
        let _ = writeln!(
            out,
            "No changes to the operations, their parameters, types, errors, examples or \
             documentation: no release of `{}` is needed.",
            labels.crate_name
        );
        return out;
    };
    let _ = writeln!(out, "{}\n", release(verdict, labels));
    let _ = writeln!(out, "| verdict | changes |\n| --- | ---: |");
    for v in [Verdict::Breaking, Verdict::Additive, Verdict::Cosmetic] {
        let _ = writeln!(out, "| {} | {} |", v.as_str(), report.count(v));
    }

    section(
        &mut out,
        "API",
        report
            .changes
            .iter()
            .filter(|c| c.subject == Subject::Api && c.area != Area::Overrides)
            .map(|c| line(c, "")),
    );
    section(
        &mut out,
        "Overrides to update",
        report
            .changes
            .iter()
            .filter(|c| c.area == Area::Overrides)
            .map(|c| line(c, "")),
    );
    section(
        &mut out,
        "Modules",
        report.changes.iter().filter_map(|c| match &c.subject {
            Subject::Module { path } => Some(line(c, &format!("module `{path}`: "))),
            _ => None,
        }),
    );
    section(
        &mut out,
        "Operations added, removed, renamed or moved",
        report
            .changes
            .iter()
            .filter(|c| c.area == Area::Lifecycle)
            .map(|c| line(c, "")),
    );

    let groups = operation_groups(report);
    let (docs_only, api): (Vec<_>, Vec<_>) = groups
        .into_iter()
        .partition(|(_, changes)| changes.iter().all(|c| c.verdict == Verdict::Cosmetic));
    for (heading, changes) in &api {
        section(&mut out, heading, changes.iter().map(|c| line(c, "")));
    }
    if !docs_only.is_empty() {
        let _ = writeln!(
            out,
            "\n<details><summary>{} operation{} with documentation changes only</summary>\n",
            docs_only.len(),
            if docs_only.len() == 1 { "" } else { "s" }
        );
        for (heading, changes) in &docs_only {
            let _ = writeln!(out, "{heading}\n");
            for c in changes {
                let _ = writeln!(out, "{}", line(c, ""));
            }
            out.push('\n');
        }
        let _ = writeln!(out, "</details>");
    }
    let _ = writeln!(out, "\n{LEGEND}");
    out
}

fn side(s: &Side) -> String {
    format!(
        "{} operation{} in {} module{}, {} saved example{}",
        s.operations,
        plural(s.operations),
        s.modules,
        plural(s.modules),
        s.examples,
        plural(s.examples)
    )
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

fn release(verdict: Verdict, labels: &Labels<'_>) -> String {
    let head = format!("**Verdict: {}.**", verdict.as_str());
    let Some(version) = labels.version else {
        return head;
    };
    let b = bump(version, Some(verdict));
    match b.next {
        Some(next) => format!(
            "{head} Release `{}` **{next}** (now {version}): {}.",
            labels.crate_name, b.why
        ),
        None => format!(
            "{head} `{}` {version} is not `x.y.z`; {}.",
            labels.crate_name, b.why
        ),
    }
}

fn line(c: &Change, prefix: &str) -> String {
    format!("- **{}**: {prefix}{}", c.verdict.as_str(), c.text)
}

fn section(out: &mut String, heading: &str, lines: impl Iterator<Item = String>) {
    let lines: Vec<String> = lines.collect();
    if lines.is_empty() {
        return;
    }
    let heading = if heading.starts_with('#') {
        heading.to_owned()
    } else {
        format!("### {heading}")
    };
    let _ = writeln!(out, "\n{heading}\n");
    for l in lines {
        let _ = writeln!(out, "{l}");
    }
}

/// The non-lifecycle changes of each operation, in report order, with a heading,
/// sorted by area within an operation.
fn operation_groups(report: &Report) -> Vec<(String, Vec<&Change>)> {
    let mut groups: Vec<(String, Vec<&Change>)> = Vec::new();
    for c in &report.changes {
        let Subject::Operation { call, endpoint } = &c.subject else {
            continue;
        };
        if c.area == Area::Lifecycle {
            continue;
        }
        let heading = format!("### `{call}` · `{endpoint}`");
        match groups.iter_mut().find(|(h, _)| *h == heading) {
            Some((_, list)) => list.push(c),
            None => groups.push((heading, vec![c])),
        }
    }
    for (_, list) in &mut groups {
        list.sort_by_key(|c| c.area);
    }
    groups
}
