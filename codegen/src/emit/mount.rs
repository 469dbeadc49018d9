//! A crate with mounted collections: the host's files, plus one module per mounted
//! collection. `lib.rs` declares the modules and their accessors and holds their
//! enums (so every generated file names enums `crate::Name`); each mounted module's
//! file re-exports its enums and holds its API-wide items (error answers), and is
//! headed with its own collection's name.

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

use super::{Config, Files, answers, format, module, render, tokens};
use crate::diagnostics::Error;
use crate::ir::Api;
use crate::mount::Mounted;

/// Emits the crate for `api` with `mounts` as modules.
pub fn emit_mounted(api: &Api, mounts: &[Mounted], config: &Config) -> Result<Files, Error> {
    let mut combined = api.clone();
    for m in mounts {
        combined.root.modules.push(m.api.root.clone());
        combined.enums.extend(m.api.enums.iter().cloned());
    }
    let mut host = Vec::new();
    let mut mounted: Vec<(String, TokenStream, &Mounted)> = Vec::new();
    for (path, file) in tokens(&combined, config) {
        let owner = mounts.iter().find(|m| {
            path == format!("src/{}.rs", m.module)
                || path.starts_with(&format!("src/{}/", m.module))
        });
        match owner {
            Some(m) => mounted.push((path, file, m)),
            None => host.push((path, file)),
        }
    }
    let mut files = format(host, config)?;
    for (path, file, m) in mounted {
        let file = if path == format!("src/{}.rs", m.module) {
            module::file_with(
                &m.api.root,
                &m.module,
                &config.crate_name,
                reexports(m),
                |uses| {
                    for e in &m.api.enums {
                        uses.remove(&format!("crate::{}", e.name));
                    }
                    m.api
                        .answers
                        .as_ref()
                        .map(|a| answers::api_items(a, &m.api.name, uses))
                        .unwrap_or_default()
                },
            )
        } else {
            file
        };
        let own = Config {
            source: m.source.clone(),
            ..config.clone()
        };
        files.insert(path.clone(), render(file, &path, &own)?);
    }
    Ok(files)
}

/// `pub use crate::{...}` for the mounted collection's enums, which live in `lib.rs`.
fn reexports(m: &Mounted) -> TokenStream {
    let enums: Vec<Ident> = m
        .api
        .enums
        .iter()
        .map(|e| format_ident!("{}", e.name))
        .collect();
    if enums.is_empty() {
        quote!()
    } else {
        quote!(pub use crate::{#(#enums),*};)
    }
}
