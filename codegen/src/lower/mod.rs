//! Lowering: a parsed collection and the overrides file → the [`Lowered`] model.
//! Folders become modules and requests operations, every Rust name is settled, and
//! each request's parameters, body, auth and safety class are decided.
//!
//! `items` walks folders and requests, `params` collects a request's parameters,
//! `param_overrides` applies what the overrides file says about them, `examples`
//! reads saved responses, `enums` names the closed sets, `error_flag` finds the
//! field that marks failures; `url`, `variables`, `auth` and `lenient_json` read the
//! parts of the collection format they are named for.

mod auth;
mod enums;
mod error_flag;
mod error_kinds;
mod examples;
mod items;
mod lenient_json;
mod param_names;
mod param_overrides;
mod param_types;
mod params;
mod url;
mod variables;

use std::collections::{BTreeMap, BTreeSet};

use self::auth::Resolved;
use self::variables::Variables;
use crate::diagnostics::{Error, Stale, Warnings};
use crate::model::{ApiInfo, EnumDef, Lowered};
use crate::overrides::Overrides;
use crate::postman::Collection;

/// Lowers a parsed collection.
pub fn lower(
    collection: &Collection,
    overrides: &Overrides,
    warnings: &mut Warnings,
) -> Result<Lowered, Error> {
    let variables = Variables::new(&collection.variable, "variable")?;
    let root_auth = auth::resolve(
        collection.auth.as_ref(),
        &Resolved::none(),
        "auth",
        warnings,
    );
    let enums = enums::enums(overrides)?;
    let mut lowering = Lowering {
        variables,
        split_keys: param_names::split_keys(collection),
        overrides,
        enums: &enums,
        warnings,
        bases: BTreeMap::new(),
        used_folders: BTreeSet::new(),
        operation_keys: BTreeSet::new(),
    };
    let docs = collection
        .info
        .description
        .as_ref()
        .map(|d| d.0.clone())
        .unwrap_or_default();
    let mut root = lowering.root(collection, docs.clone(), &root_auth)?;
    param_types::assign(&mut root);
    lowering.check_unused()?;
    let base_url = lowering.base_url();
    let api = &overrides.api;
    let error_flag = api.error_flag.clone().or_else(|| error_flag::detect(&root));
    Ok(Lowered {
        info: ApiInfo {
            name: collection.info.name.0.clone(),
            docs,
            intro: api.docs.clone(),
            base_url,
            auth: root_auth.auth,
            error_flag,
            credential_param: api.credential_param.clone(),
            rate_limit: api.rate_limit.filter(|n| *n > 0),
        },
        enums,
        root,
    })
}

/// What lowering keeps track of while it walks the collection.
struct Lowering<'a> {
    variables: Variables,
    /// How the answers split run-together words.
    split_keys: BTreeMap<String, String>,
    overrides: &'a Overrides,
    enums: &'a [EnumDef],
    warnings: &'a mut Warnings,
    /// Each base URL (`scheme://host`) seen: how many requests use it, and the order
    /// it was first seen in.
    bases: BTreeMap<String, (usize, usize)>,
    /// Folder keys the overrides file names that were found.
    used_folders: BTreeSet<String>,
    /// Every request's key.
    operation_keys: BTreeSet<String>,
}

impl Lowering<'_> {
    /// The base URL most requests use; the first seen wins a tie.
    fn base_url(&mut self) -> String {
        match self
            .bases
            .iter()
            .max_by_key(|(_, (count, order))| (*count, std::cmp::Reverse(*order)))
        {
            Some((base, _)) => format!("{base}/"),
            None => {
                self.warnings.add(
                    "no request has a host with a value; the client needs `.base_url(...)`",
                    "item",
                );
                String::new()
            }
        }
    }

    /// An entry of the overrides file that matched nothing is an error: stale
    /// knowledge must not silently stop applying.
    fn check_unused(&self) -> Result<(), Error> {
        let o = self.overrides;
        if let Some(key) = o.folders.keys().find(|k| !self.used_folders.contains(*k)) {
            return Err(Error::stale(
                format!("folders.\"{key}\""),
                format!("no folder `{key}` in the collection"),
                Stale::Folder(key.clone()),
            ));
        }
        if let Some(key) = o
            .operations
            .keys()
            .find(|k| !self.operation_keys.contains(*k))
        {
            return Err(Error::stale(
                format!("operations.\"{key}\""),
                format!("no request `{key}` in the collection"),
                Stale::Operation(key.clone()),
            ));
        }
        let s = &o.safety;
        for (list, set) in [
            ("paid", &s.paid),
            ("mutation", &s.mutation),
            ("read_only", &s.read_only),
        ] {
            if let Some(key) = set.iter().find(|k| !self.operation_keys.contains(*k)) {
                return Err(Error::stale(
                    format!("safety.{list}"),
                    format!("no request `{key}` in the collection"),
                    Stale::Safety {
                        list: list.to_owned(),
                        key: key.clone(),
                    },
                ));
            }
        }
        Ok(())
    }
}
