//! Which fixtures exercise which generator feature: computed from their models and
//! files, so that the table in the closing note of issue 5 cannot drift, and so that
//! removing a fixture cannot silently drop a feature.

use codegen::model::{Auth, Body, Location, Note, ParamType, ResponseKind};

use crate::build::Fixture;

/// Feature → fixtures that exercise it, in the order.
pub fn table(fixtures: &[Fixture]) -> Vec<(&'static str, Vec<&str>)> {
    type Check = fn(&Fixture, &str) -> bool;
    let checks: Vec<(&'static str, Check)> = vec![
        ("schema v2.0.0", |_, json| {
            json.contains("v2.0.0/collection.json")
        }),
        ("schema v2.1.0", |_, json| {
            json.contains("v2.1.0/collection.json")
        }),
        ("url as a string", |_, json| json.contains("\"url\": \"")),
        ("url as an object", |_, json| json.contains("\"url\": {")),
        ("request as a bare URL string", |_, json| {
            json.contains("\"request\": \"")
        }),
        ("description as an object", |_, json| {
            json.contains("\"description\": {")
        }),
        ("lower-case method", |_, json| {
            json.contains("\"method\": \"get\"")
        }),
        ("non-standard methods (PURGE, PROPFIND)", |f, _| {
            ops(f).any(|o| o.method == "PURGE") && ops(f).any(|o| o.method == "PROPFIND")
        }),
        ("requests at the root", |f, _| {
            !f.api.root.operations.is_empty()
        }),
        ("folders nested 5 deep", |f, _| {
            f.api.root.walk().iter().any(|(path, _)| path.len() >= 5)
        }),
        ("path variables `:id` with url.variable", |_, json| {
            json.contains("\":id\"")
        }),
        ("path variables `{{var}}`", |f, _| {
            ops(f).any(|o| {
                o.params
                    .iter()
                    .any(|p| p.location == Location::Path && p.default.is_none())
                    && o.path.contains("/{")
                    && !o.path.contains(":")
            })
        }),
        ("collection variables with defaults", |f, _| {
            ops(f).any(|o| o.params.iter().any(|p| p.default.is_some()))
        }),
        ("`{{baseUrl}}` hosts", |_, json| {
            json.contains("\"host\": [\"{{baseUrl}}\"]") || json.contains("\"url\": \"{{baseUrl}}")
        }),
        ("query parameters, disabled ones optional", |f, _| {
            ops(f).any(|o| {
                o.params
                    .iter()
                    .any(|p| p.location == Location::Query && !p.required)
            })
        }),
        ("header parameters, disabled ones optional", |f, _| {
            ops(f).any(|o| {
                o.params
                    .iter()
                    .any(|p| p.location == Location::Header && !p.required)
            })
        }),
        ("auth headers handled as auth", |f, _| {
            ops(f).any(|o| {
                o.notes
                    .iter()
                    .any(|n| matches!(n, Note::CredentialHeader { .. }))
            })
        }),
        ("raw JSON body, typed", |f, _| {
            ops(f).any(|o| matches!(o.body, Body::Json { .. }))
        }),
        ("raw JSON with {{variables}} and comments", |_, json| {
            json.contains("// who")
        }),
        ("raw text and XML bodies", |f, _| {
            ops(f).any(|o| matches!(&o.body, Body::Text { content_type, .. } if content_type.contains("xml")))
        }),
        ("urlencoded body", |_, json| {
            json.contains("\"mode\": \"urlencoded\"")
        }),
        ("formdata with text and file fields", |f, _| {
            ops(f).any(|o| {
                o.body == Body::Multipart && o.params.iter().any(|p| p.ty == ParamType::File)
            })
        }),
        ("binary file body", |f, _| {
            ops(f).any(|o| o.body == Body::Binary)
        }),
        ("graphql body", |f, _| {
            ops(f).any(|o| matches!(o.body, Body::GraphQl { .. }))
        }),
        ("no body", |f, _| ops(f).any(|o| o.body == Body::None)),
        ("auth inherited, `noauth` overrides", |_, json| {
            json.contains("\"type\": \"noauth\"")
        }),
        ("bearer", |f, _| ops(f).any(|o| o.auth == Auth::Bearer)),
        ("basic", |f, _| ops(f).any(|o| o.auth == Auth::Basic)),
        ("api key in a header", |f, _| {
            ops(f).any(|o| matches!(o.auth, Auth::Header(_)))
        }),
        ("api key in the query", |f, _| {
            ops(f).any(|o| matches!(o.auth, Auth::Query(_)))
        }),
        (
            "oauth1, oauth2, digest, hawk, aws (caller supplies the header)",
            |f, _| {
                ["oauth1", "oauth2", "digest", "hawk", "awsv4"]
                    .iter()
                    .all(|kind| ops(f).any(|o| o.auth == Auth::Manual((*kind).to_owned())))
            },
        ),
        (
            "names: empty, duplicate, leading digit, punctuation, non-ASCII, keywords, a[b], a.b, $x",
            |f, _| f.name == "odd_names",
        ),
        (
            "examples that are not JSON (HTML, XML, empty) or have no status",
            |f, _| {
                ops(f).any(|o| o.response.kind == ResponseKind::Text)
                    && ops(f).any(|o| o.examples.iter().any(|e| e.status.is_none()))
            },
        ),
        (
            "saved examples typed (merge, optional vs nullable, maps, JSON in strings, enums)",
            |f, _| f.name == "inference",
        ),
    ];
    checks
        .into_iter()
        .map(|(feature, check)| {
            let covering = fixtures
                .iter()
                .filter(|f| {
                    let json = smspool_tests::fixture(&f.name);
                    check(f, &json)
                })
                .map(|f| f.name.as_str())
                .collect();
            (feature, covering)
        })
        .collect()
}

fn ops(f: &Fixture) -> impl Iterator<Item = &codegen::model::Operation> {
    f.api.root.all_operations()
}

/// The table as Markdown.
pub fn render(table: &[(&str, Vec<&str>)]) -> String {
    let mut out = String::from("| feature | fixtures |\n| --- | --- |\n");
    for (feature, fixtures) in table {
        out.push_str(&format!("| {feature} | {} |\n", fixtures.join(", ")));
    }
    out
}
