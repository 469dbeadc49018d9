//! Collections of our own generated as modules of this crate (`[mounts.<module>]`).

use serde::Deserialize;

/// A `[mounts.<module>]` entry.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MountOverride {
    /// The collection file, relative to the overrides file.
    pub collection: String,
    /// Its overrides file, relative to this one.
    pub overrides: Option<String>,
    /// Why it is mounted.
    pub reason: String,
}
