//! Generative testing: random valid Postman collections (v2.0 and v2.1, from
//! `proptest` strategies, so that failures shrink) drawn from a hostile vocabulary,
//! each generated as a crate that must pass `cargo clippy -- -D warnings`.
//!
//! `cargo test` checks a dozen collections of a fixed seed in one clippy invocation;
//! `cargo xtask fuzz --count N --seed S` runs the same test over more collections
//! (through `GENERATIVE_*` variables, see [`run::Settings`]) and keeps each failing
//! collection, shrunk, as a fixture.

mod build;
mod collection;
mod reach;
mod run;
mod schema;
mod vocabulary;

use collection::Version;

/// How many collections the cheap tests (schema, reach) look at.
const SAMPLE: u64 = 400;

#[test]
fn generated_collections_build_without_warnings() {
    let settings = run::Settings::from_env();
    let failures = run::run(&settings);
    let report: Vec<String> = failures
        .iter()
        .map(|f| {
            let kept = f
                .fixture
                .as_ref()
                .map(|p| format!(", kept as {}", p.display()))
                .unwrap_or_default();
            format!(
                "collection {} of seed {} failed ({}{kept}):\n{}",
                f.index, settings.seed, f.class, f.log
            )
        })
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {} collections failed; `cargo xtask fuzz --seed {} --start {} --count 1` \
         shrinks the first into a fixture.\n\n{}",
        failures.len(),
        settings.count,
        settings.seed,
        failures[0].index,
        report.join("\n\n")
    );
}

#[test]
fn generated_collections_are_valid_by_postman_schemas() {
    let v20 = schema::validator(Version::V20);
    let v21 = schema::validator(Version::V21);
    let mut versions = [0; 2];
    for index in 0..SAMPLE {
        let collection = run::tree(7, index).current();
        let version = Version::of(&collection);
        let validator = match version {
            Version::V20 => &v20,
            Version::V21 => &v21,
        };
        versions[usize::from(version == Version::V21)] += 1;
        let errors = schema::errors(validator, &collection);
        assert!(
            errors.is_empty(),
            "collection {index} is not a valid {version:?} collection:\n{}\n\n{}",
            errors.join("\n"),
            run::pretty(&collection)
        );
    }
    assert!(versions.iter().all(|n| *n > SAMPLE / 4), "{versions:?}");
}

#[test]
fn the_schemas_reject_what_is_not_a_collection() {
    // The schema check is only worth something if it can fail.
    let v21 = schema::validator(Version::V21);
    let mut collection = run::tree(7, 0).current();
    collection["item"] = serde_json::json!([{ "name": "no request, no item" }]);
    assert!(!schema::errors(&v21, &collection).is_empty());
    collection["item"] = serde_json::json!([{ "name": "bad mode", "request": {
        "url": "https://a.example", "body": { "mode": "binary" } } }]);
    assert!(!schema::errors(&v21, &collection).is_empty());
}

#[test]
fn the_generator_reaches_its_whole_vocabulary() {
    let mut seen = reach::Seen::default();
    for index in 0..SAMPLE {
        seen.collection(&run::tree(11, index).current());
    }
    let missing: Vec<String> = reach::required_features()
        .into_iter()
        .filter(|f| !seen.features.contains(f))
        .collect();
    assert!(missing.is_empty(), "never generated: {missing:?}");
    let unnamed: Vec<&str> = vocabulary::names()
        .into_iter()
        .filter(|n| !seen.names.contains(*n))
        .collect();
    assert!(unnamed.is_empty(), "no item was named {unnamed:?}");
}
