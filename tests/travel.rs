//! Crates that travel: a crate generated as `cargo xtask gen --out` writes it (the
//! runtime vendored under `vendor/`), copied to a fresh directory outside this
//! repository and the original removed, builds there, and names no path of this
//! machine. The repository still exists while it builds, so the test also reads
//! every manifest of the copy: a dependency by absolute path would build here and
//! nowhere else.

use std::path::{Path, PathBuf};
use std::process::Command;

use codegen::emit::Config;
use smspool_tests::root;
use xtask::vendor::{self, Runtime};

#[test]
fn a_generated_crate_builds_after_it_is_copied_elsewhere() {
    let json =
        smspool_tests::read("tests/fixtures/collections/nested_folders.postman_collection.json");
    let config = Config {
        crate_name: "travelling-client".into(),
        description: "A generated crate that is copied elsewhere.".into(),
        source: "nested_folders.postman_collection.json".into(),
        docs: None,
        runtime_path: Runtime::Vendored.manifest_path(),
        in_workspace: false,
        metadata: Default::default(),
    };
    let mut generated = codegen::generate(&json, "", &config).expect("generates");
    generated
        .files
        .extend(vendor::runtime_files(&root()).expect("the runtime's files"));

    let out = root().join("target/travel/out");
    let _ = std::fs::remove_dir_all(&out);
    for (path, text) in &generated.files {
        write(&out.join(path), text);
    }
    let elsewhere = std::env::temp_dir().join(format!("travelling-client-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&elsewhere);
    copy_dir(&out, &elsewhere);
    std::fs::remove_dir_all(&out).expect("removes the original");

    let here = root().display().to_string();
    for manifest in ["Cargo.toml", &format!("{}/Cargo.toml", vendor::DIR)] {
        let text = std::fs::read_to_string(elsewhere.join(manifest)).expect("the manifest");
        assert!(
            !text.contains(&here) && !text.contains("workspace = true"),
            "{manifest} names this machine's repository or a workspace it left:\n{text}"
        );
    }
    // The workspace's lockfile, so that the registry's packages are the ones already
    // built in the corpus's target directory (the copy's own path packages are added).
    std::fs::copy(root().join("Cargo.lock"), elsewhere.join("Cargo.lock")).expect("lockfile");
    let output = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
        .args(["build", "--offline", "--message-format", "short"])
        .current_dir(&elsewhere)
        .env("CARGO_TARGET_DIR", root().join("target/corpus/target"))
        .output()
        .expect("cargo runs");
    let log = String::from_utf8_lossy(&output.stderr).into_owned();
    let _ = std::fs::remove_dir_all(&elsewhere);
    assert!(output.status.success(), "the copy does not build:\n{log}");
    let vendored = elsewhere.join(vendor::DIR);
    assert!(
        log.contains(&format!(
            "Compiling postgen-runtime v0.1.0 ({})",
            vendored.display()
        )),
        "the copy's own runtime was not built:\n{log}"
    );
    assert!(!log.contains("warning"), "{log}");
}

fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().expect("files are in directories")).expect("mkdir");
    std::fs::write(path, text).expect("writes");
}

fn copy_dir(from: &Path, to: &Path) {
    let mut stack: Vec<PathBuf> = vec![from.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("lists") {
            let path = entry.expect("an entry").path();
            let target = to.join(path.strip_prefix(from).expect("under the original"));
            if path.is_dir() {
                stack.push(path);
            } else {
                std::fs::create_dir_all(target.parent().expect("a parent")).expect("mkdir");
                std::fs::copy(&path, &target).expect("copies");
            }
        }
    }
}
