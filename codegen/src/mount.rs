//! Mounting: other collections generated as modules of this crate, sharing its
//! client (base URL, key, rate limit, retries). SMSPool's SMS-Activate compatible
//! endpoint is described by a collection of our own and mounted as `activate`, so it
//! is reached as `client.activate()`.
//!
//! The overrides file lists the collections to mount (`[mounts.activate]`); the
//! caller reads them ([`load`]). The pipeline models each one on its own, with its own
//! overrides file, and [`combine`] makes the finished models modules of the host's.

use std::path::Path;

use crate::diagnostics::Error;
use crate::model::{Api, Mount, TAKEN_MODULE_NAMES, TAKEN_ROOT_MODULE_NAMES, root_reserved};
use crate::names::{is_valid_ident, pascal_ident};
use crate::overrides::Overrides;

/// A collection to mount, as read by the caller.
#[derive(Clone, Debug)]
pub struct MountSource {
    /// The module it becomes (`activate`).
    pub module: String,
    /// The collection's path, as named in generated headers.
    pub source: String,
    /// The collection JSON.
    pub collection_json: String,
    /// Its overrides TOML (empty for none).
    pub overrides_toml: String,
}

/// A mounted collection's model, before it becomes a module of the host.
#[derive(Clone, Debug)]
pub struct Mounted {
    /// The module name.
    pub module: String,
    /// The collection's path, as named in generated headers.
    pub source: String,
    /// Its model.
    pub api: Api,
}

/// Reads the collections the overrides file `overrides_toml` mounts: paths are
/// relative to `dir` (the overrides file's directory), and named in headers relative
/// to `display_dir` (`collection`).
pub fn load(
    overrides_toml: &str,
    dir: &Path,
    display_dir: &str,
) -> Result<Vec<MountSource>, String> {
    let overrides = Overrides::parse(overrides_toml).map_err(|e| e.to_string())?;
    let read = |relative: &str| {
        let path = dir.join(relative);
        std::fs::read_to_string(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))
    };
    overrides
        .mounts
        .iter()
        .map(|(module, m)| {
            Ok(MountSource {
                module: module.clone(),
                source: format!("{}/{}", display_dir.trim_end_matches('/'), m.collection),
                collection_json: read(&m.collection)?,
                overrides_toml: match &m.overrides {
                    Some(path) => read(path)?,
                    None => String::new(),
                },
            })
        })
        .collect()
}

/// Checks that `sources` are the mounts `overrides` declares, no more, no fewer.
pub fn check_declared(overrides: &Overrides, sources: &[MountSource]) -> Result<(), Error> {
    for source in sources {
        if !overrides.mounts.contains_key(&source.module) {
            return Err(Error::overrides(
                "mounts",
                format!("no `[mounts.{}]` for the collection given", source.module),
            ));
        }
    }
    if let Some(missing) = overrides
        .mounts
        .keys()
        .find(|m| !sources.iter().any(|s| &s.module == *m))
    {
        return Err(Error::overrides(
            format!("mounts.{missing}"),
            "the mounted collection was not read",
        ));
    }
    Ok(())
}

/// Checks the overrides file of the collection mounted from `source`: a mounted
/// collection shares the host's client, so it cannot set what the client decides.
pub fn check_overrides(source: &MountSource, overrides: &Overrides) -> Result<(), Error> {
    let api_settings = [
        ("error_flag", overrides.api.error_flag.is_some()),
        ("credential_param", overrides.api.credential_param.is_some()),
        ("rate_limit", overrides.api.rate_limit.is_some()),
    ];
    let error = if let Some((name, _)) = api_settings.iter().find(|(_, set)| *set) {
        Error::overrides(
            format!("api.{name}"),
            "a mounted collection shares the host's client; set this in the host's overrides file",
        )
    } else if !overrides.mounts.is_empty() {
        Error::overrides("mounts", "a mounted collection cannot mount others")
    } else if overrides.mock.is_some() {
        Error::overrides(
            "mock",
            "a mounted collection cannot describe an order lifecycle; describe it in the host's overrides file",
        )
    } else if overrides.polling.is_some() {
        Error::overrides(
            "polling",
            "a mounted collection cannot have a polling helper; describe it in the host's overrides file",
        )
    } else {
        return Ok(());
    };
    Err(in_mount(&source.module, &source.source, error))
}

/// `error`, placed in the collection at `source` mounted as `module`.
pub fn in_mount(module: &str, source: &str, error: Error) -> Error {
    Error {
        source: error.source,
        path: if error.path.is_empty() {
            format!("{source} (mounted as `{module}`)")
        } else {
            format!("{source} (mounted as `{module}`): {}", error.path)
        },
        message: error.message,
        stale: error.stale,
    }
}

/// The host's model with every mounted collection's root as a module of it (after
/// the host's own), and their enums with the host's.
pub fn combine(mut host: Api, mounted: Vec<Mounted>) -> Result<Api, Error> {
    for m in mounted {
        let module = m.module.as_str();
        let place = format!("mounts.{module}");
        let lower_snake = module
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
        if !is_valid_ident(module) || !lower_snake {
            return Err(Error::overrides(
                place,
                "a module name is snake_case and not a Rust keyword",
            ));
        }
        if TAKEN_MODULE_NAMES.contains(&module) || TAKEN_ROOT_MODULE_NAMES.contains(&module) {
            return Err(Error::overrides(
                place,
                format!(
                    "`{module}` is a name the crate already uses (a crate, a file or a cargo feature)"
                ),
            ));
        }
        let taken = host.root.modules.iter().any(|m| m.name == module)
            || host.root.operations.iter().any(|op| op.name == module)
            || root_reserved().contains(&module);
        if taken {
            return Err(Error::overrides(
                place,
                format!("`{module}` is already a method of the client"),
            ));
        }
        let in_mount = |e: Error| in_mount(module, &m.source, e);
        let info = &m.api.info;
        if !info.base_url.is_empty() && info.base_url != host.info.base_url {
            return Err(in_mount(Error::collection(
                "item",
                format!(
                    "its base URL {} is not the crate's {}; a mounted collection shares the client's base URL",
                    info.base_url, host.info.base_url
                ),
            )));
        }
        if let Some(e) = m
            .api
            .enums
            .iter()
            .find(|e| host.enums.iter().any(|h| h.name == e.name))
        {
            return Err(in_mount(Error::overrides(
                format!("enums.{}", e.name),
                "the crate already has an enum of this name",
            )));
        }
        let mut root = m.api.root;
        root.name = module.to_owned();
        root.key = module.to_owned();
        root.title = info.name.trim().to_owned();
        root.docs = info.docs.clone();
        root.handle = pascal_ident(module, "Mounted");
        root.mount = Some(Mount {
            source: m.source,
            enums: m.api.enums.iter().map(|e| e.name.clone()).collect(),
            answers: m.api.answers,
        });
        host.root.modules.push(root);
        host.enums.extend(m.api.enums);
    }
    Ok(host)
}
