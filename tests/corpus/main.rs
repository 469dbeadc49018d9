//! The corpus (`tests/fixtures/collections/`, 21 collections written for this): every
//! collection generates a standalone crate that builds without a single warning, the
//! wire program of every fixture (`tests/fixtures/wire/`) calls generated operations
//! against a local server and the requests that arrive are checked, and a synthetic
//! collection of 2,000 requests generates and type-checks.

mod build;
mod coverage;
mod wire;

use build::corpus;

#[test]
fn every_collection_generates_a_crate_that_builds_without_warnings() {
    let corpus = corpus();
    let requests: usize = corpus.fixtures.iter().map(|f| f.requests).sum();
    println!(
        "corpus: {} collections, {requests} requests",
        corpus.fixtures.len()
    );
    assert!(
        corpus.built,
        "the corpus does not build:\n{}",
        corpus.build_log
    );
    let warnings: Vec<&str> = corpus
        .build_log
        .lines()
        .filter(|l| l.contains("warning"))
        .collect();
    assert!(warnings.is_empty(), "warnings:\n{}", warnings.join("\n"));
    assert!(
        corpus.fixtures.len() >= 20,
        "the issue asks for at least 20 collections"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn generated_operations_put_the_right_request_on_the_wire() {
    let corpus = tokio::task::spawn_blocking(corpus)
        .await
        .expect("the corpus builds");
    assert!(
        corpus.built,
        "the corpus does not build:\n{}",
        corpus.build_log
    );
    for fixture in &corpus.fixtures {
        assert!(
            fixture.has_wire,
            "fixture {} has no wire program in tests/fixtures/wire/",
            fixture.name
        );
        let requests = wire::run(corpus, fixture).await;
        wire::check(&fixture.name, &requests);
    }
}

#[test]
fn the_corpus_covers_every_feature() {
    let table = coverage::table(&corpus().fixtures);
    println!("{}", coverage::render(&table));
    let missing: Vec<&str> = table
        .iter()
        .filter(|(_, fixtures)| fixtures.is_empty())
        .map(|(f, _)| *f)
        .collect();
    assert!(
        missing.is_empty(),
        "features no fixture covers: {missing:?}"
    );
}

#[test]
fn two_thousand_requests_generate_and_type_check() {
    let dir = smspool_tests::root().join("target/corpus-large");
    let json = codegen::synthetic::collection(2000);
    let config = codegen::emit::Config {
        crate_name: "synthetic-large".into(),
        description: "2,000 synthetic requests.".into(),
        source: "codegen::synthetic::collection(2000)".into(),
        docs: None,
        runtime_path: smspool_tests::root().join("runtime").display().to_string(),
        in_workspace: false,
        metadata: Default::default(),
    };
    let started = std::time::Instant::now();
    let generated = codegen::generate(&json, "", &config).expect("generates");
    // Printed, not asserted: timings belong to `cargo xtask bench` (BENCHMARKS.md).
    println!(
        "generated 2,000 requests in {:?} (debug build)",
        started.elapsed()
    );
    assert_eq!(generated.api.root.all_operations().count(), 2000);
    let _ = std::fs::remove_dir_all(dir.join("src"));
    for (path, text) in &generated.files {
        let file = dir.join(path);
        std::fs::create_dir_all(file.parent().expect("files are in directories")).expect("mkdir");
        std::fs::write(&file, text).expect("writes");
    }
    std::fs::write(dir.join("Cargo.lock"), smspool_tests::read("Cargo.lock"))
        .expect("writes the lockfile");
    let output =
        std::process::Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
            .args(["check", "--offline", "--message-format", "short"])
            .current_dir(&dir)
            .env(
                "CARGO_TARGET_DIR",
                smspool_tests::root().join("target/corpus/target"),
            )
            .output()
            .expect("cargo runs");
    let log = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{log}");
    assert!(!log.contains("warning"), "{log}");
}
