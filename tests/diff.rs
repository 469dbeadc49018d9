//! `cargo xtask diff` and `cargo xtask fetch`: what a reviewer reads when the API
//! changes.
//!
//! Each diff test derives a new collection from the real SMSPool one with one edit
//! (the kind SMSPool makes: an endpoint added, a field dropped, a parameter
//! un-disabled, a request renamed or moved, descriptions reworded, a type changed),
//! checks the verdicts, and snapshots the Markdown report. The fetch tests serve a
//! collection from a local HTTP server and run the fetch logic as a library call.

use codegen::Overrides;
use codegen::diff::{self, Area, Labels, Report, Verdict};
use serde_json::{Value, json};
use smspool_tests::smspool_inputs;

/// The SMSPool collection as JSON, to edit.
fn collection() -> Value {
    serde_json::from_str(&smspool_inputs().0).expect("the collection is JSON")
}

fn model(json: &Value, overrides: &str) -> codegen::Api {
    let overrides = Overrides::parse(overrides).expect("overrides parse");
    let mut warnings = codegen::Warnings::default();
    codegen::build_model_for_review(&json.to_string(), &overrides, &mut warnings)
        .expect("collection lowers")
}

/// The report from the real collection to the one `edit` makes, with overrides
/// `fix` makes from ours (renaming a request renames its overrides' keys too).
fn compare_with(edit: impl FnOnce(&mut Value), fix: impl FnOnce(&str) -> String) -> Report {
    let overrides = smspool_inputs().1;
    let old = collection();
    let mut new = old.clone();
    edit(&mut new);
    diff::compare(&model(&old, &overrides), &model(&new, &fix(&overrides)))
}

fn compare(edit: impl FnOnce(&mut Value)) -> Report {
    compare_with(edit, str::to_owned)
}

fn markdown(report: &Report) -> String {
    diff::markdown(
        report,
        &Labels {
            old: "`smspool.postman_collection.json`",
            new: "the edited copy",
            crate_name: "smspool",
            version: Some("0.1.0"),
        },
    )
}

/// The folder named `name`.
fn folder<'a>(c: &'a mut Value, name: &str) -> &'a mut Value {
    c["item"]
        .as_array_mut()
        .and_then(|items| items.iter_mut().find(|i| i["name"] == name))
        .unwrap_or_else(|| panic!("no folder {name}"))
}

/// The request `name` in folder `folder_name`.
fn request<'a>(c: &'a mut Value, folder_name: &str, name: &str) -> &'a mut Value {
    folder(c, folder_name)["item"]
        .as_array_mut()
        .and_then(|items| items.iter_mut().find(|i| i["name"] == name))
        .unwrap_or_else(|| panic!("no request {folder_name} / {name}"))
}

/// The verdicts of the changes in `area`.
fn verdicts(report: &Report, area: Area) -> Vec<Verdict> {
    report
        .changes
        .iter()
        .filter(|c| c.area == area)
        .map(|c| c.verdict)
        .collect()
}

#[test]
fn the_same_collection_has_no_changes() {
    let report = compare(|_| {});
    assert_eq!(report.changes, vec![]);
    assert_eq!(report.verdict(), None);
    insta::assert_snapshot!("unchanged", markdown(&report));
}

#[test]
fn an_added_endpoint_is_additive() {
    let report = compare(|c| {
        let mut added = request(c, "Informative endpoints", "Balance").clone();
        added["name"] = json!("Balance history");
        added["request"]["url"] = json!({
            "raw": "https://api.smspool.net/request/balance_history",
            "protocol": "https",
            "host": ["api", "smspool", "net"],
            "path": ["request", "balance_history"]
        });
        added["request"]["description"] = json!("Your balance over the last 30 days.");
        for example in added["response"].as_array_mut().expect("examples") {
            if example["code"] == 200 {
                example["body"] =
                    json!(r#"{"history": [{"date": "2024-01-06", "balance": "1.50"}]}"#);
            }
        }
        folder(c, "Informative endpoints")["item"]
            .as_array_mut()
            .expect("items")
            .push(added);
    });
    assert_eq!(report.verdict(), Some(Verdict::Additive));
    assert_eq!(verdicts(&report, Area::Lifecycle), [Verdict::Additive]);
    assert_eq!(report.new.operations, report.old.operations + 1);
    insta::assert_snapshot!("added_endpoint", markdown(&report));
}

#[test]
fn a_response_field_dropped_from_the_examples_is_breaking() {
    let report = compare(|c| {
        // `Check SMS` has three success examples; `time_left` is in two of them.
        for example in request(c, "SMS", "Check SMS")["response"]
            .as_array_mut()
            .expect("examples")
        {
            let body: Value = serde_json::from_str(example["body"].as_str().unwrap_or("{}"))
                .expect("example bodies are JSON");
            let mut body = body.as_object().cloned().unwrap_or_default();
            body.remove("time_left");
            example["body"] = json!(Value::Object(body).to_string());
        }
    });
    assert_eq!(report.verdict(), Some(Verdict::Breaking));
    let removed: Vec<&str> = report
        .changes
        .iter()
        .filter(|c| c.area == Area::Response)
        .map(|c| c.text.as_str())
        .collect();
    assert_eq!(removed.len(), 1, "{removed:#?}");
    assert!(removed[0].contains("`time_left` removed"), "{}", removed[0]);
    insta::assert_snapshot!("dropped_response_field", markdown(&report));
}

/// Ticks `max_price` of `Order SMS`, disabled in the collection.
fn enable_max_price(c: &mut Value) {
    let fields = request(c, "SMS", "Order SMS")["request"]["body"]["formdata"]
        .as_array_mut()
        .expect("form fields");
    let max_price = fields
        .iter_mut()
        .find(|f| f["key"] == "max_price")
        .expect("max_price");
    max_price
        .as_object_mut()
        .expect("object")
        .remove("disabled");
}

#[test]
fn an_enabled_parameter_becomes_a_required_argument() {
    let report = compare(enable_max_price);
    assert_eq!(report.verdict(), Some(Verdict::Breaking));
    assert_eq!(verdicts(&report, Area::Parameter), [Verdict::Breaking]);
    let change = &report.changes[0];
    assert!(
        change.text.contains("`max_price` is now required"),
        "{}",
        change.text
    );
    insta::assert_snapshot!("param_made_required", markdown(&report));
}

#[test]
fn a_renamed_request_renames_the_method() {
    let report = compare_with(
        |c| request(c, "SMS", "Check SMS")["name"] = json!("Check order"),
        |o| o.replace("\"SMS / Check SMS\"", "\"SMS / Check order\""),
    );
    assert_eq!(report.verdict(), Some(Verdict::Breaking));
    let lifecycle: Vec<&str> = report
        .changes
        .iter()
        .filter(|c| c.area == Area::Lifecycle)
        .map(|c| c.text.as_str())
        .collect();
    assert_eq!(
        lifecycle,
        [
            "`sms().check()` → `sms().check_order()`: renamed `Check SMS` → `Check order`, same `POST /sms/check`"
        ]
    );
    insta::assert_snapshot!("renamed_request", markdown(&report));
}

#[test]
fn a_request_moved_to_another_folder_moves_the_method() {
    let report = compare_with(
        |c| {
            let items = folder(c, "Carrier")["item"].as_array_mut().expect("items");
            let lookup = items.remove(0);
            folder(c, "Informative endpoints")["item"]
                .as_array_mut()
                .expect("items")
                .push(lookup);
        },
        |o| o.replace("\"Carrier / Lookup\"", "\"Informative endpoints / Lookup\""),
    );
    assert_eq!(report.verdict(), Some(Verdict::Breaking));
    assert_eq!(verdicts(&report, Area::Lifecycle), [Verdict::Breaking]);
    insta::assert_snapshot!("moved_request", markdown(&report));
}

#[test]
fn description_edits_are_cosmetic() {
    let report = compare(|c| {
        c["info"]["description"] = json!("SMSPool's API, as a Postman collection.");
        folder(c, "eSIMs")["description"] = json!(
            "How to buy an eSIM:\n\n1. Retrieve the country list from **View eSIM countries**\n2. Pick a plan\n3. Purchase it"
        );
        let order = request(c, "SMS", "Order SMS");
        order["request"]["description"] = json!("Orders a number for one service in one country.");
        order["request"]["body"]["formdata"][0]["description"] =
            json!("The country: ISO code or the number from `Country list`");
    });
    assert_eq!(report.verdict(), Some(Verdict::Cosmetic));
    assert!(
        report
            .changes
            .iter()
            .all(|c| c.verdict == Verdict::Cosmetic)
    );
    assert_eq!(report.changes.len(), 4, "{:#?}", report.changes);
    insta::assert_snapshot!("descriptions_only", markdown(&report));
}

#[test]
fn a_changed_response_type_is_breaking() {
    let report = compare(|c| {
        let balance = request(c, "Informative endpoints", "Balance");
        for example in balance["response"].as_array_mut().expect("examples") {
            if example["code"] == 200 {
                example["body"] = json!(r#"{"balance": {"amount": "1.50", "currency": "USD"}}"#);
            }
        }
    });
    assert_eq!(report.verdict(), Some(Verdict::Breaking));
    // Inference reads a key's values across the whole collection, so `amount` being
    // a decimal here makes the integer `amount` of `One-time SMS stock` a decimal
    // too: the report shows the ripple a text diff of the collection would hide.
    let responses: Vec<(&str, Verdict)> = report
        .changes
        .iter()
        .filter(|c| c.area == Area::Response)
        .map(|c| match &c.subject {
            diff::Subject::Operation { call, .. } => (call.as_str(), c.verdict),
            other => panic!("response change about {other:?}"),
        })
        .collect();
    assert_eq!(
        responses,
        [
            ("informative().balance()", Verdict::Breaking),
            ("sms().one_time_stock()", Verdict::Breaking)
        ]
    );
    insta::assert_snapshot!("changed_response_type", markdown(&report));
}

#[test]
fn new_error_shapes_and_removed_examples_are_reported() {
    let report = compare(|c| {
        let cancel = request(c, "SMS", "Cancel SMS");
        let examples = cancel["response"].as_array_mut().expect("examples");
        let mut limited = examples[1].clone();
        limited["name"] = json!("429 - rate limited");
        limited["code"] = json!(429);
        limited["status"] = json!("Too Many Requests");
        limited["body"] =
            json!(r#"{"success": 0, "message": "Too many requests", "type": "RATE_LIMITED"}"#);
        examples.push(limited);
        examples.retain(|e| e["name"] != "400 - order cannot be cancelled yet");
    });
    assert_eq!(report.verdict(), Some(Verdict::Additive));
    assert_eq!(
        verdicts(&report, Area::Errors),
        [Verdict::Additive, Verdict::Cosmetic]
    );
    assert_eq!(verdicts(&report, Area::Examples), [Verdict::Cosmetic; 2]);
    insta::assert_snapshot!("error_shapes", markdown(&report));
}

// ---- cargo xtask fetch ----------------------------------------------------------

mod fetch {
    use std::path::PathBuf;

    use serde_json::json;
    use smspool_tests::root;
    use wiremock::matchers::{method, path};
    use wiremock::{Mock, MockServer, ResponseTemplate};
    use xtask::fetch::{Options, default_out, fetch};

    use super::{Verdict, collection, request};

    /// A fresh directory for one test's output.
    fn scratch(test: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("smspool-fetch-{test}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("temporary directory");
        dir
    }

    /// A server that answers `GET /collection` with `body` and `status`.
    async fn serving(status: u16, body: String) -> MockServer {
        let server = MockServer::start().await;
        Mock::given(method("GET"))
            .and(path("/collection"))
            .respond_with(
                ResponseTemplate::new(status)
                    .insert_header("content-type", "application/json")
                    .set_body_string(body),
            )
            .mount(&server)
            .await;
        server
    }

    fn options(server: &MockServer, out: PathBuf) -> Options {
        Options {
            url: format!("{}/collection", server.uri()),
            out,
            force: false,
            current: root().join("collection/smspool.postman_collection.json"),
            overrides: root().join("collection/overrides.toml"),
        }
    }

    #[test]
    fn the_default_file_is_beside_the_current_one() {
        assert_eq!(
            default_out(&root().join("collection/smspool.postman_collection.json")),
            root().join("collection/smspool.fetched.postman_collection.json")
        );
    }

    #[tokio::test]
    async fn fetch_saves_the_collection_and_compares_it_with_the_current_one() {
        let mut published = collection();
        request(&mut published, "SMS", "Cancel SMS")["request"]["description"] =
            json!("Cancels an order and refunds it.");
        let body = serde_json::to_string_pretty(&published).expect("serialises");
        let server = serving(200, body.clone()).await;
        let dir = scratch("saves");
        let out = dir.join("smspool.fetched.postman_collection.json");

        let fetched = fetch(&options(&server, out.clone()))
            .await
            .expect("fetch succeeds");

        assert_eq!(fetched.out, out);
        assert!(!fetched.replaced);
        assert_eq!(fetched.bytes, body.len());
        assert_eq!(std::fs::read_to_string(&out).expect("written"), body);
        assert_eq!(fetched.warnings, Vec::<String>::new());
        let report = fetched.report.expect("compared");
        assert_eq!(report.verdict(), Some(Verdict::Cosmetic));
        assert_eq!(report.changes.len(), 1, "{:#?}", report.changes);
        let received = server.received_requests().await.expect("recorded");
        assert_eq!(received.len(), 1);
        assert_eq!(
            received[0].headers.get("accept").map(|v| v.as_bytes()),
            Some(&b"application/json"[..])
        );
        let _ = std::fs::remove_dir_all(dir);
    }

    #[tokio::test]
    async fn fetch_never_replaces_a_file_without_force() {
        let server = serving(200, collection().to_string()).await;
        let dir = scratch("force");
        let out = dir.join("existing.json");
        std::fs::write(&out, "keep me").expect("written");

        let refused = fetch(&options(&server, out.clone()))
            .await
            .expect_err("refuses");
        assert!(refused.contains("--force"), "{refused}");
        assert_eq!(
            std::fs::read_to_string(&out).expect("still there"),
            "keep me"
        );
        assert_eq!(
            server.received_requests().await.expect("recorded").len(),
            0,
            "refused before downloading"
        );

        let mut forced = options(&server, out.clone());
        forced.force = true;
        let fetched = fetch(&forced).await.expect("replaces with --force");
        assert!(fetched.replaced);
        assert_eq!(fetched.report.expect("compared").verdict(), None);
        assert_ne!(std::fs::read_to_string(&out).expect("replaced"), "keep me");
        let _ = std::fs::remove_dir_all(dir);
    }

    #[tokio::test]
    async fn what_is_not_a_collection_is_refused_with_its_json_path() {
        let mut broken = collection();
        folder_requests(&mut broken)[1]["request"]["method"] = json!(42);
        let server = serving(200, broken.to_string()).await;
        let dir = scratch("invalid");
        let out = dir.join("fetched.json");

        let error = fetch(&options(&server, out.clone()))
            .await
            .expect_err("refused");
        assert!(error.contains("item[0].item[1].request.method"), "{error}");
        assert!(!out.exists(), "nothing written");

        let html = serving(200, "<html>Sign in</html>".into()).await;
        let error = fetch(&options(&html, out.clone()))
            .await
            .expect_err("refused");
        assert!(error.contains("not valid JSON"), "{error}");
        assert!(!out.exists(), "nothing written");
        let _ = std::fs::remove_dir_all(dir);
    }

    fn folder_requests(c: &mut serde_json::Value) -> &mut Vec<serde_json::Value> {
        c["item"][0]["item"].as_array_mut().expect("first folder")
    }

    #[tokio::test]
    async fn http_errors_and_unreachable_servers_are_reported() {
        let server = serving(404, "{}".into()).await;
        let dir = scratch("http");
        let out = dir.join("fetched.json");
        let error = fetch(&options(&server, out.clone()))
            .await
            .expect_err("404");
        assert!(error.contains("404"), "{error}");

        let mut unreachable = options(&server, out.clone());
        // A port nothing listens on: bind one, then free it.
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("free port")
            .port();
        unreachable.url = format!("http://127.0.0.1:{port}/collection");
        let error = fetch(&unreachable).await.expect_err("refused connection");
        assert!(error.starts_with("cannot download"), "{error}");
        assert!(!out.exists());
        let _ = std::fs::remove_dir_all(dir);
    }

    #[tokio::test]
    async fn a_collection_the_overrides_no_longer_fit_is_saved_and_reported() {
        let mut renamed = collection();
        request(&mut renamed, "SMS", "Order SMS")["name"] = json!("Buy number");
        let server = serving(200, renamed.to_string()).await;
        let dir = scratch("overrides");
        let out = dir.join("fetched.json");

        let fetched = fetch(&options(&server, out.clone())).await.expect("saved");
        assert!(out.exists());
        let report = fetched
            .report
            .expect("a report, with the stale entries in it");
        let stale: Vec<&codegen::diff::Change> = report
            .changes
            .iter()
            .filter(|c| c.area == codegen::diff::Area::Overrides)
            .collect();
        assert!(
            stale
                .iter()
                .any(|c| c.text.contains("operations.\"SMS / Order SMS\"")
                    && c.verdict == codegen::diff::Verdict::Breaking),
            "{stale:#?}"
        );
        let _ = std::fs::remove_dir_all(dir);
    }
}

/// Removing a request the overrides file names is what a reviewer most needs to
/// see: the report says so (with the request's removal) rather than refusing to run.
#[test]
fn a_removed_request_named_in_the_overrides_is_a_finding() {
    let report = compare(|c| {
        let sms = folder(c, "SMS")["item"].as_array_mut().expect("requests");
        sms.retain(|r| r["name"] != "Order SMS");
    });
    let text = markdown(&report);
    assert!(text.contains("### Overrides to update"), "{text}");
    for entry in ["operations.\"SMS / Order SMS\"", "safety.paid"] {
        assert!(
            report.changes.iter().any(|c| c.area == Area::Overrides
                && c.verdict == Verdict::Breaking
                && c.text.contains(entry)
                && c.text.contains("SMS / Order SMS")),
            "no finding for {entry}:\n{text}"
        );
    }
    assert!(
        report
            .changes
            .iter()
            .any(|c| c.area == Area::Lifecycle && c.text.contains("removed")),
        "{text}"
    );
    assert_eq!(report.verdict(), Some(Verdict::Breaking));
}

/// The README's sample report is an excerpt of a real one: each of its lines is in
/// the report of the same edit.
#[test]
fn the_readme_sample_is_a_real_report() {
    let readme = smspool_tests::read("README.md");
    let start = readme
        .find("```text\n## API changes")
        .expect("the README has a sample report");
    let sample = &readme[start + "```text\n".len()..];
    let sample = &sample[..sample.find("```").expect("closed")];
    let report = markdown(&compare(enable_max_price));
    for line in sample.lines().filter(|l| !l.is_empty()) {
        assert!(
            report.lines().any(|l| l == line),
            "not in the report: {line}\n{report}"
        );
    }
}
