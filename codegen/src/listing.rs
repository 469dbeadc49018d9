//! A compact text listing of the model: the API surface a reviewer wants to see
//! change (operations, parameters, auth, safety, types, error shapes), without the
//! prose of descriptions. Snapshot tests store one listing per folder.

use std::fmt::Write;

use crate::model::{
    Api, Body, Evidence, Lifecycle, Module, Operation, OperationAnswers, ResponseKind, StatusValue,
    Ty, TypeDef, TypeKind,
};

/// The listing of the crate-level facts and the enums.
pub fn api_header(api: &Api) -> String {
    let mut out = String::new();
    let info = &api.info;
    let _ = writeln!(out, "api {:?}", info.name);
    let _ = writeln!(out, "base url: {}", info.base_url);
    let _ = writeln!(out, "auth: {}", info.auth.describe());
    let _ = writeln!(
        out,
        "error flag: {}",
        info.error_flag.as_deref().unwrap_or("none")
    );
    let _ = writeln!(
        out,
        "rate limit: {}",
        info.rate_limit.map_or("none".into(), |n| format!("{n}/s"))
    );
    for e in &api.enums {
        let _ = writeln!(out, "enum {}:", e.name);
        for v in &e.variants {
            let code = v.code.map(|c| format!("{c} ")).unwrap_or_default();
            let _ = writeln!(out, "  {code}{:?} => {}", v.name, v.ident);
        }
    }
    if let Some(l) = &api.lifecycle {
        lifecycle(&mut out, l);
    }
    out
}

/// The mock's order lifecycle: which operations and saved examples, which paths.
fn lifecycle(out: &mut String, l: &Lifecycle) {
    let status = |s: &StatusValue| match s.code {
        Some(code) => format!("{:?} ({code})", s.name),
        None => format!("{:?}", s.name),
    };
    let st = &l.statuses;
    let _ = writeln!(
        out,
        "mock orders: pending {}, delivered {}, cancelled {}, expired {}",
        status(&st.pending),
        status(&st.delivered),
        status(&st.cancelled),
        status(&st.expired)
    );
    let opt = |label: &str, value: &Option<String>| {
        value
            .as_ref()
            .map(|v| format!(", {label} {v:?}"))
            .unwrap_or_default()
    };
    let c = &l.create;
    let _ = writeln!(
        out,
        "  create {} from {:?}: order id {}, number {:?}{}{}{}{}",
        c.operation.key,
        c.example,
        c.order_id,
        c.number,
        opt("cost", &c.cost),
        opt("expires in", &c.expires_in),
        opt("out of stock", &c.out_of_stock),
        opt("low balance", &c.low_balance)
    );
    let li = &l.list;
    let _ = writeln!(
        out,
        "  list {} from {:?}: order id {}, status {}, code {}{}{}{}",
        li.operation.key,
        li.example,
        li.order_id,
        li.status,
        li.code,
        opt("full text", &li.full_text),
        opt("number", &li.number),
        opt("cost", &li.cost)
    );
    let ch = &l.check;
    let _ = writeln!(
        out,
        "  check {} ({}): status {}, code {}{}; pending {:?}, delivered {:?}{}{}",
        ch.operation.key,
        ch.order_id_param,
        ch.status,
        ch.code,
        opt("full text", &ch.full_text),
        ch.pending,
        ch.delivered,
        opt("cancelled", &ch.cancelled),
        opt("not found", &ch.not_found)
    );
    if let Some(ca) = &l.cancel {
        let _ = writeln!(
            out,
            "  cancel {} ({}) from {:?}{}{}",
            ca.operation.key,
            ca.order_id_param,
            ca.example,
            opt("not found", &ca.not_found),
            opt("refused", &ca.refused)
        );
    }
    if let Some(b) = &l.balance {
        let _ = writeln!(
            out,
            "  balance {} from {:?}: {}",
            b.operation.key, b.example, b.balance
        );
    }
}

/// The listing of one module (its own operations and types, not its children's).
pub fn module(m: &Module) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "module {} ({:?}), handle {}",
        display_name(m),
        m.title,
        m.handle
    );
    for child in &m.modules {
        let _ = writeln!(out, "  submodule {} ({:?})", child.name, child.title);
    }
    for op in &m.operations {
        operation(&mut out, op);
    }
    if !m.types.is_empty() {
        let _ = writeln!(out, "types:");
    }
    for t in &m.types {
        type_def(&mut out, t);
    }
    out
}

fn display_name(m: &Module) -> &str {
    if m.name.is_empty() { "(root)" } else { &m.name }
}

fn operation(out: &mut String, op: &Operation) {
    let _ = writeln!(
        out,
        "\n  {} ({:?}): {} {}",
        op.name, op.title, op.method, op.path
    );
    let _ = writeln!(
        out,
        "    safety: {} ({})",
        op.safety.as_str(),
        op.safety_reason.describe(op.safety)
    );
    let mut auth = op.auth.describe();
    if let Some(field) = &op.credential_field {
        let _ = write!(auth, " + key in form field `{field}`");
    }
    let _ = writeln!(out, "    auth: {auth}");
    let body = match &op.body {
        Body::None => "none".to_owned(),
        Body::Form => "form (urlencoded)".to_owned(),
        Body::Multipart => "multipart".to_owned(),
        Body::Json { .. } => format!(
            "json {}",
            op.body_type.as_ref().map(Ty::describe).unwrap_or_default()
        ),
        Body::Text { content_type, .. } => format!("text ({content_type})"),
        Body::Binary => "binary".to_owned(),
        Body::GraphQl { .. } => "graphql".to_owned(),
    };
    let _ = writeln!(out, "    body: {body}");
    for (name, value) in &op.constant_headers {
        let _ = writeln!(out, "    header {name}: {value}");
    }
    for f in &op.fixed_params {
        let _ = writeln!(
            out,
            "    fixed {:?}: {} = {:?}",
            f.wire,
            f.location.as_str(),
            f.value
        );
    }
    for p in &op.params {
        let need = if p.required { "required" } else { "optional" };
        let ident = if p.ident == p.wire {
            String::new()
        } else {
            format!(" as {}", p.ident)
        };
        let default = p
            .default
            .as_ref()
            .map(|d| format!(", default {d:?}"))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "    param {:?}{ident}: {} {} ({}), {need} ({}){default}",
            p.wire,
            p.location.as_str(),
            p.ty.describe(),
            p.typed_by.describe(),
            p.requirement.describe()
        );
    }
    let r = &op.response;
    let kind = match &r.kind {
        ResponseKind::Json(ty) => format!("json {}", ty.describe()),
        ResponseKind::Text => "text".into(),
        ResponseKind::Empty => "empty".into(),
        ResponseKind::Answer(name) => format!("text answers {name}"),
    };
    let verified = if r.unverified {
        ", UNVERIFIED: no success example"
    } else {
        ""
    };
    let _ = writeln!(
        out,
        "    response: {kind} from {} success example(s){verified}",
        r.successes.len()
    );
    for line in r.answers.iter().flat_map(answers) {
        let _ = writeln!(out, "    {line}");
    }
    for e in &r.errors {
        let status = e.status.map_or("no status".to_owned(), |s| s.to_string());
        let mut detail = String::new();
        if let Some(t) = &e.error_type {
            let _ = write!(detail, " type {t}");
        }
        if !e.params.is_empty() {
            let _ = write!(detail, " params {:?}", e.params);
        }
        if !e.extra_fields.is_empty() {
            let _ = write!(detail, " extra {:?}", e.extra_fields);
        }
        let _ = writeln!(
            out,
            "    error {status} {:?}{detail} ({})",
            e.name,
            e.reason.describe()
        );
    }
}

fn type_def(out: &mut String, t: &TypeDef) {
    let evidence = match &t.evidence {
        Evidence::SavedExamples(names) if names.is_empty() => String::new(),
        Evidence::SavedExamples(names) => format!("  (from {names:?})"),
        Evidence::RequestExample => "  (from the request's example)".to_owned(),
    };
    match &t.kind {
        TypeKind::Shapes { variants } => {
            let _ = writeln!(out, "  {} = one of{evidence}:", t.name);
            for v in variants {
                let _ = writeln!(out, "    {}({}) from {:?}", v.name, v.ty, v.examples);
            }
        }
        TypeKind::Struct { fields } => {
            let _ = writeln!(out, "  {} {{{evidence}", t.name);
            for f in fields {
                let mut marks = Vec::new();
                if f.optional() {
                    marks.push(format!(
                        "optional: in {} of {} objects",
                        f.present, f.objects
                    ));
                }
                if f.nullable {
                    marks.push("nullable".to_owned());
                }
                let marks = if marks.is_empty() {
                    String::new()
                } else {
                    format!("  [{}]", marks.join(", "))
                };
                let ident = if f.ident == f.wire {
                    String::new()
                } else {
                    format!(" as {}", f.ident)
                };
                let seen = format!(
                    "seen in {} of {} examples as {}",
                    f.examples.len(),
                    f.examples_total,
                    f.json_types.join("/")
                );
                let _ = writeln!(
                    out,
                    "    {:?}{ident}: {}{marks}  ({seen})",
                    f.wire,
                    f.ty.describe()
                );
            }
            let _ = writeln!(out, "  }}");
        }
    }
}

/// One line per answer of a text-answer operation.
fn answers(answers: &OperationAnswers) -> Vec<String> {
    answers
        .success
        .iter()
        .map(|d| {
            let fields: Vec<String> = d
                .fields
                .iter()
                .map(|f| format!("{}: {:?}", f.ident, f.ty))
                .collect();
            let examples: Vec<&str> = d.examples.iter().map(|(n, _)| n.as_str()).collect();
            format!(
                "answer {:?} => {} {{{}}} from {examples:?}",
                d.pattern,
                d.variant,
                fields.join(", ")
            )
        })
        .chain(
            answers
                .errors
                .iter()
                .map(|code| format!("documents error {code}")),
        )
        .collect()
}
