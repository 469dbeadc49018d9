//! The crate's closed sets, from the overrides file's `[enums]`: their Rust names
//! and variants, and the variant an enum parameter's example value names.

use crate::diagnostics::Error;
use crate::model::{EnumDef, VariantDef};
use crate::names::{Scope, is_valid_ident, pascal_ident};
use crate::overrides::Overrides;

/// The enums of `overrides`, variants named once and for all.
pub(super) fn enums(overrides: &Overrides) -> Result<Vec<EnumDef>, Error> {
    if let Some(bad) = overrides
        .enums
        .keys()
        .find(|name| !is_valid_ident(name) || !name.starts_with(|c: char| c.is_ascii_uppercase()))
    {
        return Err(Error::overrides(
            format!("enums.{bad}"),
            "an enum name must be an UpperCamelCase identifier",
        ));
    }
    Ok(overrides
        .enums
        .iter()
        .map(|(name, def)| {
            let mut scope = Scope::with_reserved(["Unknown"]);
            EnumDef {
                name: name.clone(),
                docs: def.docs.trim().to_owned(),
                source: def.reason.trim().to_owned(),
                variants: def
                    .variants
                    .iter()
                    .map(|v| VariantDef {
                        ident: scope.claim(&pascal_ident(&v.name, "Variant")),
                        code: v.code,
                        name: v.name.clone(),
                        docs: v.docs.clone().unwrap_or_default(),
                    })
                    .collect(),
            }
        })
        .collect())
}

/// The variant of `enum_name` that `example` names (by code or by name), so that doc
/// examples can write `StatusChange::Cancel`.
pub(super) fn example_variant(enums: &[EnumDef], enum_name: &str, example: &str) -> Option<String> {
    let def = enums.iter().find(|e| e.name == enum_name)?;
    def.variants
        .iter()
        .find(|v| {
            v.code.is_some_and(|c| c.to_string() == example) || v.name.eq_ignore_ascii_case(example)
        })
        .map(|v| v.ident.clone())
}
