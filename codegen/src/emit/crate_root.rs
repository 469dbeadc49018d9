//! `lib.rs`: crate docs, module declarations, the `Client`, the API profile, the
//! crate-level enums, and operations at the collection root.

use std::collections::BTreeSet;

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::cx::Cx;
use super::module::{Place, accessor_docs, parts};
use super::{Config, answers, docs, enums, error_kinds, features, layout, polling};
use crate::model::{Api, Auth, MOCK_MODULE, Module, Operation, ROOT_REEXPORTS, Safety};

/// The tokens of `lib.rs`.
pub fn file(
    api: &Api,
    config: &Config,
    common_notes: &BTreeSet<String>,
    cx: &mut Cx,
) -> TokenStream {
    cx.uses.add("postgen_runtime::ApiProfile");
    let root = &api.root;
    let place = Place {
        handle: "Client",
        client: quote!(&self.inner),
        path: "",
        krate: &config.crate_name,
        api_root: "",
        auth: &api.info.auth,
        common_notes,
    };
    let module_parts = parts(root, &place, cx);
    let methods = module_parts.methods;
    let items = module_parts.items;
    // The modules and the mock, in the order rustfmt sorts module declarations.
    let mut names: Vec<&str> = root.modules.iter().map(|m| m.name.as_str()).collect();
    names.push(MOCK_MODULE);
    names.sort_unstable();
    let mods = names.into_iter().map(|name| {
        let cfg = features::cfg(name);
        let name = format_ident!("{}", name);
        quote!(#cfg pub mod #name;)
    });
    let accessors: Vec<TokenStream> = root
        .modules
        .iter()
        .map(|m| {
            let name = format_ident!("{}", m.name);
            let handle = format_ident!("{}", m.handle);
            let doc = cx.doc(&accessor_docs(m, m.title.trim()));
            let cfg = features::cfg(&m.name);
            quote! {
                #doc
                #cfg
                pub fn #name(&self) -> #name::#handle<'_> {
                    #name::#handle(&self.inner)
                }
            }
        })
        .collect();
    let enums: Vec<TokenStream> = api.enums.iter().map(|e| enums::emit(e, cx)).collect();
    let answer_items = api
        .answers
        .as_ref()
        .map(|a| answers::api_items(a, &api.info.name, cx))
        .unwrap_or_default();
    let crate_doc = cx.inner_doc(&crate_docs(api, config, common_notes));
    let profile = profile(api, config, cx);
    let error_kind = error_kinds::enum_item(api, &config.crate_name, cx);
    let client_doc = cx.doc(&format!(
        "A client for the {}.\n\nCheap to clone (the connection pool, rate limit and key are shared) and \
         usable from many tasks at once. Operations are grouped by folder: each accessor returns a handle \
         whose methods start calls.",
        api_title(&api.info.name)
    ));
    let new_fn = if api.info.base_url.is_empty() {
        quote!()
    } else {
        let doc = cx.doc(&format!(
            "A client for `{}` with the default settings (rate limit, timeouts, retries).\n\n# Panics\n\n\
             If the TLS backend cannot start, as `reqwest::Client::new` does.",
            api.info.base_url
        ));
        quote! {
            #doc
            pub fn new(key: impl Into<ApiKey>) -> Self {
                Self::builder(key).build_or_panic()
            }
        }
    };
    cx.uses.remove_parent("crate");
    let polling = polling::root_items(api.polling.as_ref());
    let uses = cx.uses.text(ROOT_REEXPORTS);
    let uses = if uses.is_empty() {
        TokenStream::new()
    } else {
        cx.verbatim(&uses)
    };
    let reexports: Vec<String> = ROOT_REEXPORTS.iter().map(|r| (*r).to_owned()).collect();
    let reexports = cx.verbatim(&layout::use_item("pub ", "postgen_runtime", &reexports));
    quote! {
        #crate_doc
        #uses
        #(#mods)*

        #reexports
        /// An exact decimal, for parameters that take money (`Decimal::new(50, 2)` is 0.50).
        pub use postgen_runtime::rust_decimal::Decimal;
        #polling

        #profile

        #error_kind

        /// Configures a [`Client`]: base URL, timeouts, rate limit, retries.
        pub type ClientBuilder = postgen_runtime::ClientBuilder<Client>;

        #client_doc
        #[derive(Clone, Debug)]
        pub struct Client {
            inner: postgen_runtime::Client,
        }

        impl Client {
            #new_fn

            /// A builder starting from the default settings.
            pub fn builder(key: impl Into<ApiKey>) -> ClientBuilder {
                ClientBuilder::new(&PROFILE, key)
            }

            /// The runtime client underneath, for calls this crate does not wrap.
            pub fn runtime(&self) -> &postgen_runtime::Client {
                &self.inner
            }

            #(#accessors)*
            #(#methods)*
        }

        impl From<postgen_runtime::Client> for Client {
            fn from(inner: postgen_runtime::Client) -> Self {
                Self { inner }
            }
        }

        #(#enums)*
        #answer_items
        #items
    }
}

fn profile(api: &Api, config: &Config, cx: &mut Cx) -> TokenStream {
    let info = &api.info;
    let name = info.name.trim();
    let base = &info.base_url;
    let flag = match &info.error_flag {
        Some(f) => quote!(Some(#f)),
        None => quote!(None),
    };
    let credential = match &info.credential_param {
        Some(c) => quote!(Some(#c)),
        None => quote!(None),
    };
    let limit = match info.rate_limit {
        Some(n) => quote!(RateLimit::per_second(#n)),
        None => quote!(RateLimit::unlimited()),
    };
    let agent = format!("{}/", config.crate_name);
    let errors = error_kinds::rules(api, cx);
    let auth = match &info.auth {
        Auth::None => quote!(None),
        Auth::Bearer => quote!(Bearer),
        Auth::Basic => quote!(Basic),
        Auth::Header(h) => quote!(Header(#h)),
        Auth::Query(q) => quote!(Query(#q)),
        Auth::Manual(_) => quote!(Authorization),
    };
    quote! {
        /// What the runtime needs to know about this API as a whole.
        pub(crate) static PROFILE: ApiProfile = ApiProfile {
            name: #name,
            default_base_url: #base,
            error_flag: #flag,
            credential_param: #credential,
            default_rate_limit: #limit,
            user_agent: concat!(#agent, env!("CARGO_PKG_VERSION")),
            auth: postgen_runtime::AuthScheme::#auth,
            errors: #errors,
        };
    }
}

fn crate_docs(api: &Api, config: &Config, common_notes: &BTreeSet<String>) -> String {
    let info = &api.info;
    let mut out = format!("# {}\n\n", info.name.trim());
    if let Some(extra) = config.docs.as_ref().or(info.intro.as_ref()) {
        out.push_str(extra.trim());
        out.push_str("\n\n");
    }
    if !info.docs.trim().is_empty() {
        out.push_str(&docs::sanitize(info.docs.trim()));
        out.push_str("\n\n");
    }
    if !common_notes.is_empty() {
        out.push_str("## Notes on many operations\n");
        for note in common_notes {
            out.push_str("\n- ");
            out.push_str(&docs::sanitize(note));
        }
        out.push_str("\n\n");
    }
    out.push_str(&format!(
        "Generated by `cargo xtask gen` from `{}`; every module is one folder of the collection.",
        config.source
    ));
    if let Some(features) = features::crate_docs(api) {
        out.push(' ');
        out.push_str(&features);
    }
    if let Some(example) = usage_example(&api.root, &config.crate_name, !info.base_url.is_empty()) {
        out.push_str("\n\n```no_run\n");
        out.push_str(&example);
        out.push_str("```");
    }
    out
}

/// A short doctest: build a client and call the first operation that needs no
/// arguments (preferring read-only ones).
fn usage_example(root: &Module, crate_name: &str, has_base: bool) -> Option<String> {
    let mut candidates: Vec<(String, &Operation)> = Vec::new();
    for (path, module) in root.walk() {
        let prefix: String = path.iter().map(|p| format!(".{p}()")).collect();
        for op in &module.operations {
            if !op.params.iter().any(|p| p.required) && !op.body.is_argument() {
                candidates.push((prefix.clone(), op));
            }
        }
    }
    let (prefix, op) = candidates
        .iter()
        .find(|(_, op)| op.safety == Safety::ReadOnly)
        .or(candidates.first())?;
    let krate = crate_name.replace('-', "_");
    let build = if has_base {
        format!(
            "let client = {krate}::Client::new(std::env::var(\"API_KEY\").unwrap_or_default());\n"
        )
    } else {
        format!(
            "let client = {krate}::Client::builder(std::env::var(\"API_KEY\").unwrap_or_default())\n    .base_url(\"https://api.example.com/\")\n    .build()?;\n"
        )
    };
    Some(format!(
        "# async fn example() -> Result<(), {krate}::Error> {{\n{build}let answer = client{prefix}.{}().await?;\nprintln!(\"{{answer:?}}\");\n# Ok(())\n# }}\n",
        op.name
    ))
}

/// `SMSPool API` stays as it is; `Petstore` becomes `Petstore API`.
pub fn api_title(name: &str) -> String {
    let name = name.trim();
    if name.to_ascii_lowercase().ends_with("api") {
        name.to_owned()
    } else {
        format!("{name} API")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::taken_type_names;

    #[test]
    fn root_items_are_taken_type_names() {
        for name in [
            "Client",
            "ClientBuilder",
            "Decimal",
            crate::model::ERROR_KIND_ENUM,
        ] {
            assert!(taken_type_names().any(|t| t == name), "{name}");
        }
    }

    #[test]
    fn root_statics_are_taken_static_names() {
        for name in ["PROFILE", answers::SHARED_TABLE] {
            assert!(crate::model::TAKEN_STATIC_NAMES.contains(&name), "{name}");
        }
    }
}
