//! Generates Rust API clients from Postman collections (schema v2.0 and v2.1).
//!
//! One model, passes around it:
//!
//! 1. [`postman`] reads the collection JSON into serde types; errors name the JSON
//!    path, unknown fields become [`Warnings`]. [`overrides`] reads the overrides
//!    file, the human knowledge the collection lacks.
//! 2. [`lower`] builds the [`model`]: modules, operations, parameters, auth, examples,
//!    every Rust name settled.
//! 3. [`answers`] decides the answers of operations that answer in plain text,
//!    [`infer`] types every other answer from the saved examples, [`polling`]
//!    resolves the polling helper against the typed model, and [`lifecycle`] the
//!    mock's order lifecycle.
//! 4. [`mount`] makes other finished models modules of this one.
//! 5. [`emit`] turns the model into Rust files (`quote` → `syn` → `prettyplease`);
//!    [`listing`] and [`diff`] render it for snapshots and change reports.
//!
//! Each pass reads the model (and the overrides) and returns new data; no pass
//! imports another. ARCHITECTURE.md states these rules, and a test checks them.

pub mod answers;
pub mod diagnostics;
pub mod diff;
pub mod emit;
pub mod infer;
pub mod lifecycle;
pub mod listing;
pub mod lower;
pub mod model;
pub mod mount;
pub mod names;
pub mod overrides;
pub mod polling;
pub mod postman;
pub mod synthetic;
pub mod text;

pub use diagnostics::{Error, Warnings};
pub use model::Api;
pub use mount::{MountSource, Mounted};
pub use overrides::Overrides;

/// Parses, lowers, types and resolves one collection: its whole model.
pub fn build_model(
    collection_json: &str,
    overrides: &Overrides,
    warnings: &mut Warnings,
) -> Result<Api, Error> {
    let collection = stages::parse(collection_json, warnings)?;
    let lowered = stages::lower(&collection, overrides, warnings)?;
    drop(collection);
    stages::infer(lowered, overrides, warnings)
}

/// [`build_model`] for reviewing a change: an entry of the overrides file that no
/// longer matches the collection (a request it names was removed or renamed) is left
/// out and listed in [`Api::stale_overrides`], instead of stopping the build as it
/// does for generating code.
pub fn build_model_for_review(
    collection_json: &str,
    overrides: &Overrides,
    warnings: &mut Warnings,
) -> Result<Api, Error> {
    let mut overrides = overrides.clone();
    let mut stale = Vec::new();
    loop {
        let mut attempt = Warnings::default();
        match build_model(collection_json, &overrides, &mut attempt) {
            Ok(mut api) => {
                warnings.absorb(&attempt, "");
                api.stale_overrides = stale;
                return Ok(api);
            }
            Err(Error {
                stale: Some(entry),
                path,
                message,
                ..
            }) if stale.len() < 10_000 => {
                overrides = overrides.without(&entry);
                let effect = match *entry {
                    diagnostics::Stale::Mock => model::StaleEffect::Mock,
                    ref other if other.changes_api() => model::StaleEffect::Api,
                    _ => model::StaleEffect::Docs,
                };
                stale.push(model::StaleOverride {
                    place: path,
                    message,
                    effect,
                });
            }
            Err(e) => return Err(e),
        }
    }
}

/// [`build_model`] for a collection and the collections its overrides file mounts
/// (`[mounts.<module>]`, read with [`mount::load`]), each modelled with its own
/// overrides file and then made a module of the host.
pub fn build_mounted_model(
    collection_json: &str,
    overrides: &Overrides,
    mounts: &[MountSource],
    warnings: &mut Warnings,
) -> Result<Api, Error> {
    mount::check_declared(overrides, mounts)?;
    let host = build_model(collection_json, overrides, warnings)?;
    let mut mounted = Vec::with_capacity(mounts.len());
    for source in mounts {
        let at = |e| mount::in_mount(&source.module, &source.source, e);
        let own_overrides = Overrides::parse(&source.overrides_toml).map_err(at)?;
        mount::check_overrides(source, &own_overrides)?;
        let mut own = Warnings::default();
        let api = build_model(&source.collection_json, &own_overrides, &mut own).map_err(at)?;
        warnings.absorb(
            &own,
            &format!("{} (mounted as `{}`)", source.source, source.module),
        );
        mounted.push(Mounted {
            module: source.module.clone(),
            source: source.source.clone(),
            api,
        });
    }
    mount::combine(host, mounted)
}

/// The pipeline one stage at a time, for whoever times them (`cargo xtask bench`):
/// [`build_model`] is `parse`, `lower`, `infer`; [`generate`] adds [`emit::emit`],
/// whose files [`emit::plan`] lists.
pub mod stages {
    use super::*;

    /// Collection JSON → serde model.
    pub fn parse(
        collection_json: &str,
        warnings: &mut Warnings,
    ) -> Result<postman::Collection, Error> {
        postman::parse(collection_json, warnings)
    }

    /// Serde model + overrides → the lowered model, names and parameters final.
    pub fn lower(
        collection: &postman::Collection,
        overrides: &Overrides,
        warnings: &mut Warnings,
    ) -> Result<model::Lowered, Error> {
        lower::lower(collection, overrides, warnings)
    }

    /// The lowered model → the whole model: plain-text answers, types from the saved
    /// examples, then the polling helper and the mock's order lifecycle, which read
    /// the types.
    pub fn infer(
        lowered: model::Lowered,
        overrides: &Overrides,
        warnings: &mut Warnings,
    ) -> Result<Api, Error> {
        let model::Lowered { info, enums, root } = lowered;
        let text = answers::resolve(&root, overrides, warnings)?;
        let (api_answers, answered) = match text {
            Some(t) => (Some(t.api), t.responses),
            None => (None, Default::default()),
        };
        let root = infer::infer(root, info.error_flag.as_deref(), &answered, overrides)?;
        let polling = polling::resolve(&root, &enums, overrides)?;
        let lifecycle = lifecycle::resolve(&root, &enums, overrides)?;
        Ok(Api {
            info,
            enums,
            answers: api_answers,
            polling,
            lifecycle,
            root,
            stale_overrides: Vec::new(),
        })
    }
}

/// A generated crate and what it was made from.
#[derive(Debug)]
pub struct Generated {
    /// The files, by path relative to the crate root.
    pub files: emit::Files,
    /// The model they were emitted from (mounted collections included, as modules).
    pub api: Api,
    /// Warnings about the input.
    pub warnings: Warnings,
}

impl Generated {
    /// `generated <N> operations in <M> modules from <K> saved examples`, for the
    /// collection itself (mounted collections have [`mount_summaries`](Self::mount_summaries)).
    pub fn summary(&self) -> String {
        let (modules, operations) = self.api.counts();
        let examples = self.api.saved_examples();
        format!(
            "generated {operations} operations in {modules} modules from {examples} saved examples"
        )
    }

    /// One line per mounted collection: `mounted <N> operations from <K> saved
    /// examples of <file> as module <name>`.
    pub fn mount_summaries(&self) -> Vec<String> {
        self.api
            .root
            .modules
            .iter()
            .filter_map(|m| m.mount.as_ref().map(|mount| (m, mount)))
            .map(|(m, mount)| {
                let operations = m.all_operations().count();
                let examples: usize = m.all_operations().map(|op| op.examples.len()).sum();
                format!(
                    "mounted {operations} operations from {examples} saved examples of {} as module `{}`",
                    mount.source, m.name
                )
            })
            .collect()
    }
}

/// The whole pipeline: collection JSON and overrides TOML in, files out. Collections
/// the overrides file mounts are left out: see [`generate_mounted`].
pub fn generate(
    collection_json: &str,
    overrides_toml: &str,
    config: &emit::Config,
) -> Result<Generated, Error> {
    let overrides = Overrides::parse(overrides_toml)?;
    let mut warnings = Warnings::default();
    let api = build_model(collection_json, &overrides, &mut warnings)?;
    let files = emit::emit(&api, config)?;
    Ok(Generated {
        files,
        api,
        warnings,
    })
}

/// [`generate`], with the collections the overrides file mounts (`[mounts.<module>]`,
/// read with [`mount::load`]) as modules of the crate.
pub fn generate_mounted(
    collection_json: &str,
    overrides_toml: &str,
    mounts: &[MountSource],
    config: &emit::Config,
) -> Result<Generated, Error> {
    let overrides = Overrides::parse(overrides_toml)?;
    let mut warnings = Warnings::default();
    let api = build_mounted_model(collection_json, &overrides, mounts, &mut warnings)?;
    let files = emit::emit(&api, config)?;
    Ok(Generated {
        files,
        api,
        warnings,
    })
}
