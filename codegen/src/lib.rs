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

pub mod diagnostics;
pub mod diff;
pub mod emit;
pub mod infer;
pub mod ir;
pub mod listing;
pub mod overrides;
pub mod postman;

pub use diagnostics::{Error, Warnings};
pub use ir::Api;
pub use overrides::Overrides;

/// Parses, lowers and infers: the whole model of a collection.
pub fn model(
    collection_json: &str,
    overrides: &Overrides,
    warnings: &mut Warnings,
) -> Result<Api, Error> {
    let collection = postman::parse(collection_json, warnings)?;
    let mut api = ir::lower(&collection, overrides, warnings)?;
    infer::infer(&mut api, overrides)?;
    Ok(api)
}

/// A generated crate and what it was made from.
#[derive(Debug)]
pub struct Generated {
    /// The files, by path relative to the crate root.
    pub files: emit::Files,
    /// The model they were emitted from.
    pub api: Api,
    /// Warnings about the input.
    pub warnings: Warnings,
}

impl Generated {
    /// `generated <N> operations in <M> modules from <K> saved examples`.
    pub fn summary(&self) -> String {
        let (modules, operations) = emit::counts(&self.api.root);
        let examples: usize = self
            .api
            .root
            .all_operations()
            .map(|op| op.examples.len())
            .sum();
        format!(
            "generated {operations} operations in {modules} modules from {examples} saved examples"
        )
    }
}

/// The whole pipeline: collection JSON and overrides TOML in, files out.
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
        warnings,
    })
}
