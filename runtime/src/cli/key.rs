//! Where the API key comes from: `--key-file`, the environment, or the user's config
//! directory, in that order. The key is never an argument, never printed.

use std::path::{Path, PathBuf};

use super::{App, Exit, Failure};
use crate::ApiKey;

/// Where a key was found (for messages: never the key itself).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum KeySource {
    /// The file given with `--key-file`.
    File(PathBuf),
    /// The environment variable.
    Env(&'static str),
    /// `<config dir>/<name>/api-key`.
    Config(PathBuf),
}

/// The file in the user's config directory that holds the key
/// (`~/.config/smspool/api-key` on Linux).
pub fn config_file(app: &App) -> Option<PathBuf> {
    dirs::config_dir().map(|dir| dir.join(app.name).join("api-key"))
}

/// The key, from the first of: `key_file`, the environment variable, the config
/// file.
///
/// # Errors
///
/// [`Exit::Usage`] when a file cannot be read or is empty, or when no source has a
/// key; the message says where to put one.
pub fn load(app: &App, key_file: Option<&Path>) -> Result<(ApiKey, KeySource), Failure> {
    if let Some(path) = key_file {
        return read(path).map(|key| (key, KeySource::File(path.to_owned())));
    }
    if let Some(value) = std::env::var_os(app.key_env) {
        let value = value.to_string_lossy();
        let value = value.trim();
        if value.is_empty() {
            return Err(Failure::new(
                Exit::Usage,
                format!("{} is set but empty", app.key_env),
            ));
        }
        return Ok((ApiKey::new(value), KeySource::Env(app.key_env)));
    }
    let config = config_file(app);
    if let Some(path) = config.as_deref().filter(|p| p.exists()) {
        return read(path).map(|key| (key, KeySource::Config(path.to_owned())));
    }
    let place = config.map_or_else(String::new, |p| format!(", or write it to {}", p.display()));
    Err(Failure::new(
        Exit::Usage,
        format!(
            "no API key: set {}, pass --key-file PATH{place} (or try --mock: no key needed)",
            app.key_env
        ),
    ))
}

fn read(path: &Path) -> Result<ApiKey, Failure> {
    let text = std::fs::read_to_string(path).map_err(|e| {
        Failure::new(
            Exit::Usage,
            format!("cannot read the key file {}: {e}", path.display()),
        )
    })?;
    let key = text.trim();
    if key.is_empty() {
        return Err(Failure::new(
            Exit::Usage,
            format!("the key file {} is empty", path.display()),
        ));
    }
    Ok(ApiKey::new(key))
}
