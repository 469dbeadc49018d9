//! What changed in how an operation is sent: endpoint, host, auth, key field, fixed
//! headers, body and safety class.

use super::Pair;
use crate::diff::text::{code, edit};
use crate::diff::types::{self, Direction};
use crate::diff::{Area, Verdict};
use crate::model::{Auth, Body, Safety, Ty};

impl Pair<'_, '_> {
    pub(super) fn request(&mut self) {
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
        let inherited = o.auth == self.old_api.info.auth && n.auth == self.new_api.info.auth;
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
                    n.safety_reason.describe(n.safety)
                ),
            );
        }
    }

    fn body(&mut self) {
        let (o, n) = (&self.o.op.body, &self.n.op.body);
        let (o_type, n_type) = (
            self.o.op.body_type.clone().unwrap_or(Ty::Any),
            self.n.op.body_type.clone().unwrap_or(Ty::Any),
        );
        match (o, n) {
            (Body::Json { .. }, Body::Json { .. }) => {
                let changes = types::compare(
                    (&o_type, &self.o.module.types),
                    (&n_type, &self.n.module.types),
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
                    format!(
                        "body {} → {}: {why}",
                        body_label(o, &o_type),
                        body_label(n, &n_type)
                    ),
                );
            }
            _ => {}
        }
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

/// `b`, whose type (for JSON) is `ty`, for the report.
fn body_label(b: &Body, ty: &Ty) -> String {
    match b {
        Body::None => "none".into(),
        Body::Form => "form (urlencoded)".into(),
        Body::Multipart => "multipart".into(),
        Body::Json { .. } => format!("JSON `{}`", ty.describe()),
        Body::Text { content_type, .. } => format!("text {}", code(content_type)),
        Body::Binary => "bytes".into(),
        Body::GraphQl { .. } => "GraphQL".into(),
    }
}
