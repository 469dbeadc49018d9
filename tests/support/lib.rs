//! Helpers shared by the integration tests: where things are, the SMSPool model,
//! what a local mock server received, a Redis server of the tests' own (`fleet`) and
//! a `tracing` subscriber that keeps what it sees (`spans`).

use std::path::{Path, PathBuf};

pub mod fleet;
pub mod spans;

use codegen::emit::Config;

/// The workspace root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from(".."))
}

/// Reads a workspace file.
pub fn read(relative: &str) -> String {
    let path = root().join(relative);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

/// The SMSPool collection and our overrides, as text.
pub fn smspool_inputs() -> (String, String) {
    (
        read("collection/smspool.postman_collection.json"),
        read("collection/overrides.toml"),
    )
}

/// The emit configuration used for fixture crates in snapshots.
pub fn fixture_config(name: &str) -> Config {
    Config {
        crate_name: name.to_owned(),
        description: format!("Fixture {name}."),
        source: format!("tests/fixtures/collections/{name}.postman_collection.json"),
        docs: None,
        runtime_path: "../runtime".into(),
        in_workspace: false,
        metadata: Default::default(),
    }
}

/// The emit configuration of the SMSPool crate.
pub fn smspool_config() -> Config {
    Config {
        crate_name: "smspool".into(),
        description: String::new(),
        source: "collection/smspool.postman_collection.json".into(),
        docs: None,
        runtime_path: "../runtime".into(),
        in_workspace: true,
        metadata: Default::default(),
    }
}

/// The generated files and model of SMSPool.
pub fn smspool() -> codegen::Generated {
    let (json, overrides) = smspool_inputs();
    codegen::generate(&json, &overrides, &smspool_config())
        .expect("the SMSPool collection generates")
}

/// Checks that each edit of SMSPool's overrides file (`from` → `to`, each `from`
/// found exactly once) stops generation with an overrides error at `at` (any place
/// when empty) whose message contains `message`.
pub fn assert_override_errors(cases: &[(&str, &str, &str, &str)]) {
    let (json, overrides) = smspool_inputs();
    for &(from, to, at, message) in cases {
        assert_eq!(overrides.matches(from).count(), 1, "{from}");
        let changed = overrides.replacen(from, to, 1);
        let error = codegen::generate(&json, &changed, &smspool_config())
            .map(|_| ())
            .expect_err(to);
        assert_eq!(error.source, "overrides", "{error}");
        if !at.is_empty() {
            assert_eq!(error.path, at, "{error}");
        }
        assert!(error.message.contains(message), "{to}: {error}");
    }
}

/// A fixture collection's text.
pub fn fixture(name: &str) -> String {
    read(&format!(
        "tests/fixtures/collections/{name}.postman_collection.json"
    ))
}

/// The fields of an `application/x-www-form-urlencoded` body, in order.
pub fn form_fields(body: &[u8]) -> Vec<(String, String)> {
    url::form_urlencoded::parse(body).into_owned().collect()
}

/// The value of form field `name`, if sent.
pub fn form_field(body: &[u8], name: &str) -> Option<String> {
    form_fields(body)
        .into_iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v)
}

/// The most of `times` (sorted) that fall in any one window of `width`: what a
/// server counting requests per second would see.
pub fn busiest_window(times: &[std::time::Instant], width: std::time::Duration) -> usize {
    let mut most = 0;
    let mut start = 0;
    for end in 0..times.len() {
        while times[end].duration_since(times[start]) >= width {
            start += 1;
        }
        most = most.max(end - start + 1);
    }
    most
}

/// The README's examples, compiled as doctests so they cannot drift from the API.
#[doc = include_str!("../../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;
