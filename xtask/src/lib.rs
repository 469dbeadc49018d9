//! The library half of `xtask`: the logic of tasks that integration tests run
//! directly (`smspool-tests` calls [`fetch::fetch`] against a local server), and
//! what those tasks share. The `cargo xtask` binary parses arguments and prints.

pub mod fetch;
pub mod vendor;

use codegen::{Api, Overrides, Warnings};

/// The model of a collection read with an overrides file, or an error naming
/// `label` (a path, a URL) and the JSON path or override key at fault.
pub fn model(label: &str, json: &str, overrides: &str) -> Result<(Api, Warnings), String> {
    let parsed = Overrides::parse(overrides).map_err(|e| format!("{label}: {e}"))?;
    let mut warnings = Warnings::default();
    let api = codegen::build_model_for_review(json, &parsed, &mut warnings).map_err(|e| {
        if e.source == "overrides" {
            format!(
                "{label}: {e}\n(the overrides file no longer matches this collection: a request or \
                 parameter it names was renamed or removed. Update the overrides file, or pass the \
                 one that fits with --old-overrides/--new-overrides.)"
            )
        } else {
            format!("{label}: {e}")
        }
    })?;
    Ok((api, warnings))
}
