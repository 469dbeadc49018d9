//! Where things are in the workspace.

use std::path::{Path, PathBuf};

/// The workspace root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."))
}

/// The SMSPool collection (a symlink to the third-party file in ../shared).
pub fn collection() -> PathBuf {
    root().join("collection/smspool.postman_collection.json")
}

/// Our overrides for it.
pub fn overrides() -> PathBuf {
    root().join("collection/overrides.toml")
}

/// The committed generated crate.
pub fn generated() -> PathBuf {
    root().join("generated")
}

/// Reads a file, with its path in the error.
pub fn read(path: &Path) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))
}
