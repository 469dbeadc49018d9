//! Generates Rust API clients from Postman collections (schema v2.0 and v2.1).
//!
//! The pipeline, one module per stage:
//!
//! 1. [`postman`] reads the collection JSON into serde types; errors name the JSON
//!    path, unknown fields become [`Warnings`].
//! 2. [`ir`] lowers it, with the [`overrides`] file, into an [`Api`]: modules,
//!    operations, parameters, auth, examples, with final Rust names.
//! 3. [`infer`] adds response types from the saved examples.
//! 4. [`emit`] turns the model into Rust files (`quote` → `syn` → `prettyplease`).
//!
//! [`answers`] adds typed plain-text answers to operations that do not answer in JSON,
//! and [`mount`] makes other collections modules of the same crate.

pub mod answers;
pub mod diagnostics;
pub mod diff;
pub mod emit;
pub mod infer;
pub mod ir;
pub mod listing;
pub mod mount;
pub mod overrides;
pub mod postman;
pub mod synthetic;

pub use diagnostics::{Error, Warnings};
pub use ir::Api;
pub use mount::{MountSource, Mounted};
pub use overrides::Overrides;

/// Parses, lowers and infers: the whole model of a collection.
pub fn model(
    collection_json: &str,
    overrides: &Overrides,
    warnings: &mut Warnings,
) -> Result<Api, Error> {
    let collection = stages::parse(collection_json, warnings)?;
    let mut api = stages::lower(&collection, overrides, warnings)?;
    stages::infer(&mut api, overrides, warnings)?;
    Ok(api)
}

/// The pipeline one stage at a time, for whoever times them (`cargo xtask bench`):
/// [`model`] is `parse`, `lower`, `infer`; [`generate`] adds [`emit::emit`], which is
/// [`emit::tokens`] then [`emit::format`] shared out between threads.
pub mod stages {
    use super::*;

    /// Collection JSON → serde model.
    pub fn parse(
        collection_json: &str,
        warnings: &mut Warnings,
    ) -> Result<postman::Collection, Error> {
        postman::parse(collection_json, warnings)
    }

    /// Serde model + overrides → the intermediate model, names and parameters final.
    pub fn lower(
        collection: &postman::Collection,
        overrides: &Overrides,
        warnings: &mut Warnings,
    ) -> Result<Api, Error> {
        ir::lower(collection, overrides, warnings)
    }

    /// Types from the saved examples, then what depends on them: text answers and the
    /// polling helper.
    pub fn infer(
        api: &mut Api,
        overrides: &Overrides,
        warnings: &mut Warnings,
    ) -> Result<(), Error> {
        infer::infer(api, overrides)?;
        answers::apply(api, overrides, warnings)?;
        api.polling = infer::polling::resolve(api, overrides)?;
        Ok(())
    }
}

/// A generated crate and what it was made from.
#[derive(Debug)]
pub struct Generated {
    /// The files, by path relative to the crate root.
    pub files: emit::Files,
    /// The model they were emitted from.
    pub api: Api,
    /// The collections mounted as modules.
    pub mounts: Vec<Mounted>,
    /// Warnings about the input.
    pub warnings: Warnings,
}

impl Generated {
    /// `generated <N> operations in <M> modules from <K> saved examples`.
    pub fn summary(&self) -> String {
        let (modules, operations) = emit::counts(&self.api.root);
        let examples = saved_examples(&self.api);
        format!(
            "generated {operations} operations in {modules} modules from {examples} saved examples"
        )
    }

    /// One line per mounted collection: `mounted <N> operations from <K> saved
    /// examples of <file> as module <name>`.
    pub fn mount_summaries(&self) -> Vec<String> {
        self.mounts
            .iter()
            .map(|m| {
                let operations = m.api.root.all_operations().count();
                let examples = saved_examples(&m.api);
                format!(
                    "mounted {operations} operations from {examples} saved examples of {} as module `{}`",
                    m.source, m.module
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
    let api = model(collection_json, &overrides, &mut warnings)?;
    let files = emit::emit(&api, config)?;
    Ok(Generated {
        files,
        api,
        mounts: Vec::new(),
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
    mount::check_declared(&overrides, mounts)?;
    let mut warnings = Warnings::default();
    let api = model(collection_json, &overrides, &mut warnings)?;
    let mounted = mounts
        .iter()
        .map(|source| mount::mount(&api, source, &mut warnings))
        .collect::<Result<Vec<_>, _>>()?;
    let files = if mounted.is_empty() {
        emit::emit(&api, config)?
    } else {
        emit::emit_mounted(&api, &mounted, config)?
    };
    Ok(Generated {
        files,
        api,
        mounts: mounted,
        warnings,
    })
}

/// The number of saved examples in `api`.
fn saved_examples(api: &Api) -> usize {
    api.root.all_operations().map(|op| op.examples.len()).sum()
}
