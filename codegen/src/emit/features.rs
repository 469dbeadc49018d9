//! One cargo feature per top-level module, all on by default, so that a user of a
//! large API compiles only the folders they call: the manifest's `[features]`
//! lines, the `#[cfg]` of each module and accessor in `lib.rs`, and what the docs
//! say about them. A feature is named like its module (`sms`); the generator's own
//! features (`mock`, `redis`, `tracing`) cannot be module names (`model::TAKEN_ROOT_MODULE_NAMES`).

use proc_macro2::TokenStream;
use quote::quote;

use crate::model::{Api, Polling};

/// The manifest's `default` feature and one feature per top-level module, with the
/// folder's title as a comment.
pub fn manifest_lines(api: &Api) -> String {
    let modules = &api.root.modules;
    let mut out = String::from(
        "# One feature per top-level module, all on by default: with\n\
         # `default-features = false`, list the modules you call.\n",
    );
    let names: Vec<String> = modules.iter().map(|m| format!("{:?}", m.name)).collect();
    if names.len() <= 4 {
        out.push_str(&format!("default = [{}]\n", names.join(", ")));
    } else {
        out.push_str("default = [\n");
        for name in &names {
            out.push_str(&format!("    {name},\n"));
        }
        out.push_str("]\n");
    }
    for module in modules {
        let title = module
            .title
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        out.push_str(&format!(
            "# `{}()`: {title}.\n{} = []\n",
            module.name, module.name
        ));
    }
    out
}

/// `#[cfg(feature = "sms")]`, for the declaration and the accessor of top-level
/// module `name`.
pub fn cfg(name: &str) -> TokenStream {
    quote!(#[cfg(feature = #name)])
}

/// The `#[cfg]` of the polling helper: it calls operations of one or two modules.
pub fn polling_cfg(polling: &Polling) -> TokenStream {
    let mut modules: Vec<&str> = [&polling.list, &polling.check]
        .iter()
        .filter_map(|s| s.modules.first().map(String::as_str))
        .collect();
    modules.sort_unstable();
    modules.dedup();
    match modules.as_slice() {
        [] => quote!(),
        [one] => quote!(#[cfg(feature = #one)]),
        many => quote!(#[cfg(all(#(feature = #many),*))]),
    }
}

/// The sentence of the crate docs about the features, when there are modules.
pub fn crate_docs(api: &Api) -> Option<String> {
    let first = api.root.modules.first()?;
    Some(format!(
        "Every top-level module is behind a cargo feature of its name, all on by default: \
         with `default-features = false, features = [\"{}\"]` only that module is compiled.",
        first.name
    ))
}
