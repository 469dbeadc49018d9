//! The overrides file's `[answers]` against a collection's saved examples.

use smspool_codegen::model::ResponseKind;
use smspool_codegen::{Api, Error, Overrides, Warnings, build_model};

const COLLECTION: &str = r#"{
    "info": {"name": "T", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
    "item": [{"name": "Get", "request": {"method": "GET", "url": "https://api.example.com/get"},
              "response": [{"name": "ok", "code": 200, "body": "OK:5"},
                           {"name": "odd", "code": 200, "body": "WHAT"}]}]
}"#;

fn model(overrides: &str) -> Result<Api, Error> {
    let overrides = Overrides::parse(overrides)?;
    build_model(COLLECTION, &overrides, &mut Warnings::default())
}

#[test]
fn every_saved_example_must_be_a_declared_answer() {
    let base = "[answers]\nreason = \"r\"\n[answers.operations.Get]\nsuccess = [{ answer = \"OK:{n:int}\", docs = \"d\" }]\n";
    let err = model(base).expect_err("WHAT is undeclared");
    assert!(err.message.contains("`odd` (\"WHAT\")"), "{err}");
    let with_error = base.replace(
        "[answers]\n",
        "[answers]\nerrors = [{ answer = \"WHAT\", docs = \"?\" }]\n",
    );
    let api = model(&with_error).expect("models");
    let op = &api.root.operations[0];
    assert_eq!(op.response.kind, ResponseKind::Answer("GetAnswer".into()));
    assert_eq!(op.response.successes, ["ok"]);
    assert_eq!(op.response.errors[0].error_type.as_deref(), Some("WHAT"));
    // A text answer has no JSON type: inference made none for it.
    assert!(api.root.types.is_empty(), "{:?}", api.root.types);
}

#[test]
fn answers_must_name_real_operations_and_errors() {
    let err = model("[answers]\nreason = \"r\"\n[answers.operations.Nope]\nsuccess = []\n")
        .expect_err("no such request");
    assert!(err.message.contains("no request `Nope`"), "{err}");
    let err = model(
        "[answers]\nreason = \"r\"\n[answers.operations.Get]\nsuccess = [{ answer = \"OK:{n}\", docs = \"d\" }]\nerrors = [\"GONE\"]\n",
    )
    .expect_err("no such error");
    assert!(err.message.contains("`GONE`"), "{err}");
}

#[test]
fn an_answer_type_may_not_take_a_builder_name() {
    let err = model(
        "[answers]\nreason = \"r\"\nerrors = [{ answer = \"WHAT\", docs = \"?\" }]\n[answers.operations.Get]\ntype = \"GetRequest\"\nsuccess = [{ answer = \"OK:{n:int}\", docs = \"d\" }]\n",
    )
    .expect_err("GetRequest is the builder");
    assert!(
        err.message.contains("already a type of the module"),
        "{err}"
    );
}
