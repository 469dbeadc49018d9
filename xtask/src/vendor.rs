//! The runtime as a crate generated with `cargo xtask gen --out` carries it: its
//! sources under `vendor/postgen-runtime/`, with a manifest of its own (the
//! workspace's inherited keys written out), so that the crate builds wherever it is
//! copied with nothing but the package registry.

use std::collections::BTreeMap;
use std::path::Path;

use toml::{Table, Value};

/// Where the runtime goes, relative to the generated crate.
pub const DIR: &str = "vendor/postgen-runtime";

/// How a generated crate depends on the runtime.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Runtime {
    /// A copy of the runtime inside the crate ([`DIR`]): builds anywhere, offline
    /// but for the registry. The default.
    Vendored,
    /// The published version only (`postgen-runtime = "0.1.0"`): for a crate that
    /// will itself be published, once the runtime is.
    Version,
    /// This path (absolute, or relative to the crate): builds only where it exists.
    Path(String),
}

impl Runtime {
    /// The `runtime_path` of [`codegen::emit::Config`]: the path the manifest names,
    /// empty for a version only.
    pub fn manifest_path(&self) -> String {
        match self {
            Runtime::Vendored => DIR.to_owned(),
            Runtime::Version => String::new(),
            Runtime::Path(path) => path.clone(),
        }
    }
}

/// The files of the vendored runtime, by path relative to the generated crate: the
/// runtime's `src/` and README as they are, and its manifest made standalone.
///
/// `root` is this workspace's root.
pub fn runtime_files(root: &Path) -> Result<BTreeMap<String, String>, String> {
    let runtime = root.join("runtime");
    let mut files = BTreeMap::new();
    let mut stack = vec![runtime.join("src")];
    while let Some(dir) = stack.pop() {
        let entries =
            std::fs::read_dir(&dir).map_err(|e| format!("cannot list {}: {e}", dir.display()))?;
        for entry in entries {
            let path = entry
                .map_err(|e| format!("cannot list {}: {e}", dir.display()))?
                .path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            let relative = path
                .strip_prefix(&runtime)
                .map_err(|e| format!("{}: {e}", path.display()))?
                .to_string_lossy()
                .replace('\\', "/");
            files.insert(format!("{DIR}/{relative}"), read(&path)?);
        }
    }
    files.insert(
        format!("{DIR}/README.md"),
        read(&runtime.join("README.md"))?,
    );
    let manifest = standalone_manifest(
        &read(&runtime.join("Cargo.toml"))?,
        &read(&root.join("Cargo.toml"))?,
    )?;
    files.insert(format!("{DIR}/Cargo.toml"), manifest);
    Ok(files)
}

/// The runtime's manifest with every key it inherits from `workspace` (the
/// workspace's manifest) written out.
pub fn standalone_manifest(runtime: &str, workspace: &str) -> Result<String, String> {
    let mut manifest: Table = runtime
        .parse()
        .map_err(|e| format!("runtime/Cargo.toml: {e}"))?;
    let workspace: Table = workspace.parse().map_err(|e| format!("Cargo.toml: {e}"))?;
    let shared = workspace
        .get("workspace")
        .and_then(Value::as_table)
        .ok_or("Cargo.toml has no [workspace]")?;
    let section = |name: &str| shared.get(name).and_then(Value::as_table);

    if let Some(Value::Table(package)) = manifest.get_mut("package") {
        for (key, value) in package.iter_mut() {
            if inherits(value) {
                *value = section("package")
                    .and_then(|p| p.get(key))
                    .cloned()
                    .ok_or_else(|| format!("the workspace has no package.{key}"))?;
            }
        }
    }
    for kind in ["dependencies", "dev-dependencies"] {
        let Some(Value::Table(dependencies)) = manifest.get_mut(kind) else {
            continue;
        };
        for (name, value) in dependencies.iter_mut() {
            if inherits(value) {
                let inherited = section("dependencies")
                    .and_then(|d| d.get(name))
                    .ok_or_else(|| format!("the workspace has no dependency {name}"))?;
                *value = merged(inherited, value);
            }
        }
    }
    if manifest.get("lints").is_some_and(inherits) {
        let lints = section("lints").ok_or("the workspace has no [workspace.lints]")?;
        manifest.insert("lints".into(), Value::Table(lints.clone()));
    }
    let text = toml::to_string(&manifest).map_err(|e| format!("runtime manifest: {e}"))?;
    Ok(format!(
        "# The runtime's manifest, its workspace's inherited keys written out, for a crate\n\
         # that carries the runtime with it (`cargo xtask gen --out`).\n\n{text}"
    ))
}

/// Whether `value` is `{ workspace = true, ... }` (or `x.workspace = true`).
fn inherits(value: &Value) -> bool {
    value
        .as_table()
        .and_then(|t| t.get("workspace"))
        .and_then(Value::as_bool)
        .unwrap_or(false)
}

/// The workspace's `inherited` dependency with what the member adds (`features`,
/// `optional`), as cargo merges them.
fn merged(inherited: &Value, member: &Value) -> Value {
    let mut out = match inherited {
        Value::String(version) => {
            let mut t = Table::new();
            t.insert("version".into(), Value::String(version.clone()));
            t
        }
        Value::Table(t) => t.clone(),
        other => return other.clone(),
    };
    let Some(member) = member.as_table() else {
        return Value::Table(out);
    };
    for (key, value) in member {
        match (key.as_str(), value) {
            ("workspace", _) => {}
            ("features", Value::Array(extra)) => {
                let mut features = out
                    .get("features")
                    .and_then(Value::as_array)
                    .cloned()
                    .unwrap_or_default();
                for f in extra {
                    if !features.contains(f) {
                        features.push(f.clone());
                    }
                }
                out.insert("features".into(), Value::Array(features));
            }
            _ => {
                out.insert(key.clone(), value.clone());
            }
        }
    }
    Value::Table(out)
}

fn read(path: &Path) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inherited_keys_are_written_out() {
        let workspace = r#"
[workspace.package]
edition = "2024"
version = "0.1.0"

[workspace.dependencies]
tokio = { version = "1", default-features = false }
serde = "1"

[workspace.lints.rust]
unsafe_code = "forbid"
"#;
        let runtime = r#"
[package]
name = "postgen-runtime"
edition.workspace = true
version.workspace = true

[dependencies]
tokio = { workspace = true, features = ["time"] }
serde.workspace = true
url = "2"
redis = { workspace = true, optional = true }

[dev-dependencies]
tokio = { workspace = true, features = ["macros"] }

[lints]
workspace = true
"#;
        let error = standalone_manifest(runtime, workspace).expect_err("redis is missing");
        assert!(error.contains("redis"), "{error}");
        let runtime = runtime.replace("redis = { workspace = true, optional = true }\n", "");
        let text = standalone_manifest(&runtime, workspace).expect("standalone");
        let table: Table = text.parse().expect("TOML");
        assert!(!table.values().any(inherits), "{text}");
        assert_eq!(table["package"]["edition"].as_str(), Some("2024"));
        let tokio = &table["dependencies"]["tokio"];
        assert_eq!(tokio["default-features"].as_bool(), Some(false));
        assert_eq!(tokio["features"].as_array().map(Vec::len), Some(1));
        assert_eq!(
            table["dependencies"]["serde"]["version"].as_str(),
            Some("1")
        );
        assert_eq!(table["dependencies"]["url"].as_str(), Some("2"));
        let dev = &table["dev-dependencies"]["tokio"]["features"];
        assert_eq!(dev.as_array().map(Vec::len), Some(1));
        assert_eq!(
            table["lints"]["rust"]["unsafe_code"].as_str(),
            Some("forbid")
        );
    }
}
