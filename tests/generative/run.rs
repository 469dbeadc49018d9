//! A run: collections from fixed seeds, checked in batches; failures shrunk (one per
//! class) and, when asked, kept as fixtures.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use proptest::strategy::{Strategy, ValueTree};
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};
use serde_json::Value;

use crate::build::{Verdict, Workspace};
use crate::collection::collection;

/// What a run does, read from the environment (`cargo xtask fuzz` sets it; `cargo
/// test` runs the defaults).
pub struct Settings {
    /// How many collections (`GENERATIVE_COUNT`).
    pub count: u64,
    /// The seed (`GENERATIVE_SEED`): collection `i` of seed `s` is always the same.
    pub seed: u64,
    /// The first collection's index (`GENERATIVE_START`), to resume a run.
    pub start: u64,
    /// Collections per cargo invocation (`GENERATIVE_BATCH`).
    pub batch: u64,
    /// Where the workspaces and their target directory go (`GENERATIVE_DIR`).
    pub dir: PathBuf,
    /// Shrink failures and keep them as fixtures (`GENERATIVE_KEEP=1`).
    pub keep: bool,
}

impl Settings {
    /// The settings of `cargo test`: a dozen collections, one clippy invocation.
    pub fn from_env() -> Self {
        let number = |name: &str, default: u64| {
            std::env::var(name)
                .ok()
                .and_then(|v| v.parse().ok())
                .unwrap_or(default)
        };
        let count = number("GENERATIVE_COUNT", 12);
        Self {
            count,
            seed: number("GENERATIVE_SEED", 13),
            start: number("GENERATIVE_START", 0),
            batch: number("GENERATIVE_BATCH", count.clamp(1, 12)),
            dir: std::env::var_os("GENERATIVE_DIR")
                .map_or_else(|| PathBuf::from("target/generative"), PathBuf::from),
            keep: std::env::var("GENERATIVE_KEEP").is_ok_and(|v| v == "1"),
        }
    }
}

/// The value tree of collection `index` of `seed`: its current value is the
/// collection, and it shrinks.
pub fn tree(seed: u64, index: u64) -> Box<dyn ValueTree<Value = Value>> {
    let mut bytes = [0u8; 32];
    bytes[..8].copy_from_slice(&seed.to_le_bytes());
    bytes[8..16].copy_from_slice(&index.to_le_bytes());
    let rng = TestRng::from_seed(RngAlgorithm::ChaCha, &bytes);
    let mut runner = TestRunner::new_with_rng(Config::default(), rng);
    Box::new(
        collection()
            .new_tree(&mut runner)
            .expect("the collection strategy never rejects"),
    )
}

/// A failing collection.
pub struct Failure {
    /// Its index in the run.
    pub index: u64,
    /// The failure's class and log.
    pub class: String,
    /// What was printed.
    pub log: String,
    /// The fixture it was kept as, shrunk.
    pub fixture: Option<PathBuf>,
}

/// Runs `settings`, printing a line per batch; returns the failures.
pub fn run(settings: &Settings) -> Vec<Failure> {
    let workspace = Workspace::new(&settings.dir.join("batch"), &settings.dir.join("target"));
    let mut failures: Vec<Failure> = Vec::new();
    let started = Instant::now();
    let end = settings.start + settings.count;
    let mut first = settings.start;
    while first < end {
        let last = (first + settings.batch).min(end);
        let texts: Vec<String> = (first..last)
            .map(|i| pretty(&tree(settings.seed, i).current()))
            .collect();
        let verdicts = workspace.check(&texts);
        let mut failed = 0;
        for (offset, verdict) in verdicts.into_iter().enumerate() {
            if let Verdict::Failed { class, log } = verdict {
                failed += 1;
                failures.push(Failure {
                    index: first + offset as u64,
                    class,
                    log,
                    fixture: None,
                });
            }
        }
        println!(
            "generative: seed {} collections {first}..{last}: {} clean, {failed} failed ({:.0?} in all)",
            settings.seed,
            last - first - failed,
            started.elapsed()
        );
        first = last;
    }
    if settings.keep {
        let shrink = Workspace::new(&settings.dir.join("shrink"), &settings.dir.join("target"));
        let mut kept: BTreeMap<String, PathBuf> = BTreeMap::new();
        for failure in &mut failures {
            if kept.contains_key(&failure.class) {
                continue;
            }
            let (shrunk, log) = shrink_failure(&shrink, settings.seed, failure);
            let path = keep_fixture(settings.seed, failure, &shrunk, &log);
            println!("generative: kept {} ({})", path.display(), failure.class);
            kept.insert(failure.class.clone(), path.clone());
            failure.fixture = Some(path);
        }
    }
    failures
}

/// Shrinks `failure` while it fails with the same class: proptest's simplify and
/// complicate, one cargo invocation per step, within a time budget.
fn shrink_failure(workspace: &Workspace, seed: u64, failure: &Failure) -> (Value, String) {
    let mut tree = tree(seed, failure.index);
    let mut best = (tree.current(), failure.log.clone());
    let budget = Duration::from_secs(5 * 60);
    let started = Instant::now();
    let mut steps = 0;
    if !tree.simplify() {
        return best;
    }
    while started.elapsed() < budget && steps < 200 {
        steps += 1;
        let candidate = tree.current();
        let verdict = workspace.check(&[pretty(&candidate)]).remove(0);
        let still_fails = match verdict {
            Verdict::Failed { class, log } if class == failure.class => {
                best = (candidate, log);
                true
            }
            _ => false,
        };
        let moved = if still_fails {
            tree.simplify()
        } else {
            tree.complicate()
        };
        if !moved {
            break;
        }
    }
    println!(
        "generative: shrank collection {} ({}) in {steps} steps, {:.0?}",
        failure.index,
        failure.class,
        started.elapsed()
    );
    best
}

/// Writes the shrunk collection to `tests/fixtures/collections/`, its description
/// saying how it was found and how it failed.
fn keep_fixture(seed: u64, failure: &Failure, shrunk: &Value, log: &str) -> PathBuf {
    let slug: String = failure
        .class
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '_'
            }
        })
        .take(40)
        .collect();
    // One `_` between words (`clippy::x` → `clippy_x`): the corpus's crate name
    // `fixture-<name>` must be snake_case once its dashes are underscores.
    let slug = slug
        .split('_')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join("_");
    let name = format!("fuzz_{slug}_{seed}_{}", failure.index);
    let mut collection = shrunk.clone();
    let first_line = log.lines().next().unwrap_or_default();
    collection["info"]["description"] = Value::from(format!(
        "Found by `cargo xtask fuzz --seed {seed}` (collection {}), shrunk. It failed with {}: {first_line}",
        failure.index, failure.class
    ));
    let path = smspool_tests::root()
        .join("tests/fixtures/collections")
        .join(format!("{name}.postman_collection.json"));
    std::fs::write(&path, pretty(&collection)).expect("writes the fixture");
    let note = Path::new(&path)
        .with_extension("")
        .with_extension("failure.txt");
    std::fs::write(&note, log).expect("writes the failure note");
    path
}

/// The text a collection is written as.
pub fn pretty(value: &Value) -> String {
    let mut text = serde_json::to_string_pretty(value).expect("JSON values serialise");
    text.push('\n');
    text
}
