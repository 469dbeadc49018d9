//! Generating every fixture of the corpus as a standalone crate and building them all
//! in one workspace (one target directory, one lockfile), once per test run.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use codegen::emit::Config;
use smspool_tests::root;

/// A fixture of the corpus.
pub struct Fixture {
    /// Its name: the file name without `.postman_collection.json`.
    pub name: String,
    /// Its model, to serve its saved examples.
    pub api: codegen::Api,
    /// The number of requests in it.
    pub requests: usize,
    /// Whether it has a wire program (`tests/fixtures/wire/<name>.rs`).
    pub has_wire: bool,
}

/// The generated, built corpus.
pub struct Corpus {
    /// The fixtures, by name.
    pub fixtures: Vec<Fixture>,
    /// Where the workspace of generated crates is.
    pub dir: PathBuf,
    /// Whether `cargo build` succeeded.
    pub built: bool,
    /// What `cargo build` printed on stderr.
    pub build_log: String,
}

impl Corpus {
    /// The wire program of `fixture`.
    pub fn wire_program(&self, fixture: &str) -> PathBuf {
        self.dir
            .join("target/debug/examples")
            .join(format!("wire_{fixture}"))
    }
}

/// The corpus, generated and built on first use.
pub fn corpus() -> &'static Corpus {
    static CORPUS: OnceLock<Corpus> = OnceLock::new();
    CORPUS.get_or_init(build)
}

fn fixtures_dir() -> PathBuf {
    root().join("tests/fixtures/collections")
}

/// Every collection file of the corpus, sorted.
pub fn collection_names() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(fixtures_dir())
        .expect("the corpus directory exists")
        .filter_map(|entry| {
            let name = entry.ok()?.file_name().to_string_lossy().into_owned();
            name.strip_suffix(".postman_collection.json")
                .map(str::to_owned)
        })
        .collect();
    names.sort();
    names
}

fn read_optional(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_default()
}

fn build() -> Corpus {
    let dir = root().join("target/corpus");
    let runtime = root().join("runtime");
    let mut fixtures = Vec::new();
    let mut members = Vec::new();
    for name in collection_names() {
        let json = read_optional(&fixtures_dir().join(format!("{name}.postman_collection.json")));
        let overrides = read_optional(&fixtures_dir().join(format!("{name}.overrides.toml")));
        let config = Config {
            crate_name: format!("fixture-{}", name.replace('_', "-")),
            description: format!("The {name} fixture of the corpus."),
            source: format!("tests/fixtures/collections/{name}.postman_collection.json"),
            docs: None,
            runtime_path: runtime.display().to_string(),
            in_workspace: false,
            metadata: Default::default(),
        };
        let generated = codegen::generate(&json, &overrides, &config)
            .unwrap_or_else(|e| panic!("fixture {name} does not generate: {e}"));
        let crate_dir = dir.join("crates").join(&name);
        let _ = std::fs::remove_dir_all(crate_dir.join("src"));
        for (path, text) in &generated.files {
            write(&crate_dir.join(path), text);
        }
        let wire = root()
            .join("tests/fixtures/wire")
            .join(format!("{name}.rs"));
        let has_wire = wire.exists();
        compose_manifest(&crate_dir, &name, has_wire);
        if has_wire {
            write(&crate_dir.join("examples/wire.rs"), &read_optional(&wire));
        }
        members.push(format!("\"crates/{name}\""));
        fixtures.push(Fixture {
            requests: generated.api.root.all_operations().count(),
            api: generated.api,
            name,
            has_wire,
        });
    }
    write(
        &dir.join("Cargo.toml"),
        &format!(
            "[workspace]\nresolver = \"3\"\nmembers = [{}]\n",
            members.join(", ")
        ),
    );
    // The same versions as this workspace, so the build needs nothing new.
    write(
        &dir.join("Cargo.lock"),
        &read_optional(&root().join("Cargo.lock")),
    );
    let output = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
        .args([
            "build",
            "--workspace",
            "--examples",
            "--offline",
            "--message-format",
            "short",
        ])
        .current_dir(&dir)
        .env("CARGO_TARGET_DIR", dir.join("target"))
        .output()
        .expect("cargo runs");
    Corpus {
        fixtures,
        dir,
        built: output.status.success(),
        build_log: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

/// A generated crate's manifest declares a workspace of its own, so that it builds
/// wherever it is written; here the crates are members of one workspace instead.
/// Fixtures with a wire program also get it as an example, with tokio beside the
/// crate's own dev-dependency (itself with the mock).
fn compose_manifest(crate_dir: &Path, name: &str, has_wire: bool) {
    let path = crate_dir.join("Cargo.toml");
    let manifest = read_optional(&path);
    let mut composed = String::new();
    for line in manifest.lines().filter(|line| line.trim() != "[workspace]") {
        composed.push_str(line);
        composed.push('\n');
        if has_wire && line.trim() == "[dev-dependencies]" {
            composed.push_str("tokio = { version = \"1\", features = [\"macros\", \"rt\"] }\n");
        }
    }
    assert!(
        !has_wire || composed.contains("tokio ="),
        "the generated manifest of {name} has no [dev-dependencies]"
    );
    if has_wire {
        composed.push_str(&format!(
            "\n[[example]]\nname = \"wire_{name}\"\npath = \"examples/wire.rs\"\n"
        ));
    }
    write(&path, &composed);
}

fn write(path: &Path, text: &str) {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).expect("creates the directory");
    }
    if std::fs::read_to_string(path).ok().as_deref() != Some(text) {
        std::fs::write(path, text).expect("writes the file");
    }
}
