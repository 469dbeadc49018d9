//! Mounting: another collection generated as a module of this crate, sharing its
//! client (base URL, key, rate limit, retries). SMSPool's SMS-Activate compatible
//! endpoint is described by a collection of our own and mounted as `activate`, so it
//! is reached as `client.activate()`.
//!
//! The overrides file lists the collections to mount (`[mounts.activate]`); the
//! caller reads them ([`load`]) and hands them to
//! [`generate_mounted`](crate::generate_mounted). Each is modelled on its own, with
//! its own overrides file, then its root becomes a module of the host crate.

use std::path::Path;

use serde::Deserialize;

use crate::diagnostics::{Error, Warnings};
use crate::ir::Api;
use crate::ir::names::{is_valid_ident, pascal_ident};
use crate::overrides::Overrides;

/// A `[mounts.<module>]` entry.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MountOverride {
    /// The collection file, relative to the overrides file.
    pub collection: String,
    /// Its overrides file, relative to this one.
    pub overrides: Option<String>,
    /// Why it is mounted.
    pub reason: String,
}

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

/// A mounted collection's model: its root is the module.
#[derive(Clone, Debug)]
pub struct Mounted {
    /// The module name.
    pub module: String,
    /// The collection's path, as named in generated headers.
    pub source: String,
    /// The model; `api.root` is named after the module.
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
pub(crate) fn check_declared(overrides: &Overrides, sources: &[MountSource]) -> Result<(), Error> {
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

/// Models `source` and makes its root a module of `host`.
pub(crate) fn mount(
    host: &Api,
    source: &MountSource,
    warnings: &mut Warnings,
) -> Result<Mounted, Error> {
    let module = source.module.as_str();
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
    let taken = host.root.modules.iter().any(|m| m.name == module)
        || host.root.operations.iter().any(|op| op.name == module)
        || ["new", "builder", "runtime"].contains(&module);
    if taken {
        return Err(Error::overrides(
            place,
            format!("`{module}` is already a method of the client"),
        ));
    }
    let in_mount = |e: Error| Error {
        source: e.source,
        path: if e.path.is_empty() {
            format!("{} (mounted as `{module}`)", source.source)
        } else {
            format!("{} (mounted as `{module}`): {}", source.source, e.path)
        },
        message: e.message,
    };
    let overrides = Overrides::parse(&source.overrides_toml).map_err(in_mount)?;
    let api_settings = [
        ("error_flag", overrides.api.error_flag.is_some()),
        ("credential_param", overrides.api.credential_param.is_some()),
        ("rate_limit", overrides.api.rate_limit.is_some()),
    ];
    if let Some((name, _)) = api_settings.iter().find(|(_, set)| *set) {
        return Err(in_mount(Error::overrides(
            format!("api.{name}"),
            "a mounted collection shares the host's client; set this in the host's overrides file",
        )));
    }
    if !overrides.mounts.is_empty() {
        return Err(in_mount(Error::overrides(
            "mounts",
            "a mounted collection cannot mount others",
        )));
    }
    let mut own = Warnings::default();
    let mut api = crate::model(&source.collection_json, &overrides, &mut own).map_err(in_mount)?;
    warnings.absorb(&own, &format!("{} (mounted as `{module}`)", source.source));
    if !api.base_url.is_empty() && api.base_url != host.base_url {
        return Err(in_mount(Error::collection(
            "item",
            format!(
                "its base URL {} is not the crate's {}; a mounted collection shares the client's base URL",
                api.base_url, host.base_url
            ),
        )));
    }
    if let Some(e) = api
        .enums
        .iter()
        .find(|e| host.enums.iter().any(|h| h.name == e.name))
    {
        return Err(in_mount(Error::overrides(
            format!("enums.{}", e.name),
            "the crate already has an enum of this name",
        )));
    }
    let handle = pascal_ident(module, "Mounted");
    let root = &mut api.root;
    root.name = module.to_owned();
    root.key = module.to_owned();
    root.title = api.name.trim().to_owned();
    root.docs = api.docs.clone();
    // Types were documented against the root's handle, `Client`.
    let old_link = format!("[`{}::", root.handle);
    let new_link = format!("[`{handle}::");
    for def in &mut root.types {
        def.docs = def.docs.replace(&old_link, &new_link);
    }
    root.handle = handle;
    set_api_root(&mut api.root, module);
    Ok(Mounted {
        module: module.to_owned(),
        source: source.source.clone(),
        api,
    })
}

fn set_api_root(module: &mut crate::ir::Module, root: &str) {
    for op in &mut module.operations {
        if let Some(answers) = &mut op.response.answers {
            answers.api_root = root.to_owned();
        }
    }
    for child in &mut module.modules {
        set_api_root(child, root);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn collection(name: &str, url: &str) -> String {
        format!(
            r#"{{"info": {{"name": "{name}", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"}},
                "item": [{{"name": "Ping", "request": {{"method": "GET", "url": "{url}"}}}}]}}"#
        )
    }

    fn source(module: &str, url: &str, overrides: &str) -> MountSource {
        MountSource {
            module: module.into(),
            source: "mounted.json".into(),
            collection_json: collection("Mounted", url),
            overrides_toml: overrides.into(),
        }
    }

    fn host() -> Api {
        crate::model(
            &collection("Host", "https://api.example.com/ping"),
            &Overrides::default(),
            &mut Warnings::default(),
        )
        .expect("host models")
    }

    #[test]
    fn a_mount_becomes_a_module_with_its_own_handle() {
        let mut warnings = Warnings::default();
        let m = mount(
            &host(),
            &source("extra", "https://api.example.com/other", ""),
            &mut warnings,
        )
        .expect("mounts");
        assert_eq!(m.api.root.name, "extra");
        assert_eq!(m.api.root.handle, "Extra");
        assert_eq!(m.api.root.operations[0].path, "/other");
    }

    #[test]
    fn mounts_that_cannot_share_the_client_are_errors() {
        let host = host();
        let cases = [
            (
                source("extra", "https://elsewhere.example.com/x", ""),
                "base URL",
            ),
            (
                source("ping", "https://api.example.com/x", ""),
                "already a method",
            ),
            (
                source("Extra", "https://api.example.com/x", ""),
                "snake_case",
            ),
            (
                source(
                    "extra",
                    "https://api.example.com/x",
                    "[api]\nrate_limit = 5\n",
                ),
                "shares the host's client",
            ),
        ];
        for (source, reason) in cases {
            let err = mount(&host, &source, &mut Warnings::default()).expect_err(reason);
            assert!(err.to_string().contains(reason), "{err}");
        }
    }

    #[test]
    fn declared_and_given_mounts_must_agree() {
        let overrides =
            Overrides::parse("[mounts.extra]\ncollection = \"x.json\"\nreason = \"test\"\n")
                .expect("parses");
        let err = check_declared(&overrides, &[]).expect_err("not read");
        assert!(err.to_string().contains("mounts.extra"), "{err}");
        let given = source("other", "https://api.example.com/x", "");
        let err = check_declared(&overrides, &[given]).expect_err("not declared");
        assert!(err.to_string().contains("[mounts.other]"), "{err}");
    }
}
