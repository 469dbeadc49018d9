//! The mock (cargo feature `mock`): a local server that speaks the API, for the
//! tests of the crate's users and for its own doctests.
//!
//! - `src/mock/mod.rs` ([`server`]): the `Server` (typed accessors mirroring the
//!   client's), the routes and saved examples the runtime's mock serves, the order
//!   lifecycle where the overrides file describes one, and the doctest helpers;
//! - `src/mock/<module>.rs` ([`endpoints`]): per module, the typed endpoint of each
//!   operation and a constant for each of its saved examples;
//! - `src/mock/examples.json` ([`examples`]): every saved example, as recorded.

mod endpoints;
mod examples;
mod lifecycle;
mod server;

pub use endpoints::file as module_file;
pub use examples::json as examples_file;
pub use server::file as server_file;

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::model::{MOCK_MODULE, Operation, ResponseKind, Ty};

/// The path of the mock's file for the module at `path` (`["business", "user"]`).
pub fn module_file_path(path: &[&str]) -> String {
    format!("src/{MOCK_MODULE}/{}.rs", path.join("/"))
}

/// The path of the server's file.
pub fn server_file_path() -> String {
    format!("src/{MOCK_MODULE}/mod.rs")
}

/// The path of the saved examples.
pub fn examples_file_path() -> String {
    format!("src/{MOCK_MODULE}/examples.json")
}

/// `crate::sms::PURCHASE`: the static of `op`, in the module at `module_path`.
fn operation_static(op: &Operation, module_path: &str) -> TokenStream {
    let constant = format_ident!("{}", op.constant);
    let path = rust_path(module_path);
    quote!(crate #(::#path)* ::#constant)
}

/// `Endpoint<'a, crate::sms::PurchaseResponse>`, with the decoding where it is not
/// JSON: answer types by their full paths, so that no import can clash with a name
/// of the file.
fn endpoint_type(op: &Operation, module_path: &str, lifetime: &TokenStream) -> TokenStream {
    let path = rust_path(module_path);
    match &op.response.kind {
        ResponseKind::Json(ty) => {
            let answer = qualified(ty, &path);
            quote!(Endpoint<#lifetime, #answer>)
        }
        ResponseKind::Text => quote!(Endpoint<#lifetime, String, postgen_runtime::Text>),
        ResponseKind::Empty => quote!(Endpoint<#lifetime, (), postgen_runtime::Empty>),
        ResponseKind::Answer(name) => {
            let name = format_ident!("{}", name);
            quote!(Endpoint<#lifetime, crate #(::#path)* ::#name, postgen_runtime::Answers>)
        }
    }
}

/// The answer type of `op`, as `Example<…>` takes it.
fn answer_type(op: &Operation, module_path: &str) -> TokenStream {
    let path = rust_path(module_path);
    match &op.response.kind {
        ResponseKind::Json(ty) => qualified(ty, &path),
        ResponseKind::Text => quote!(String),
        ResponseKind::Empty => quote!(()),
        ResponseKind::Answer(name) => {
            let name = format_ident!("{}", name);
            quote!(crate #(::#path)* ::#name)
        }
    }
}

fn rust_path(module_path: &str) -> Vec<proc_macro2::Ident> {
    module_path
        .split("::")
        .filter(|m| !m.is_empty())
        .map(|m| format_ident!("{}", m))
        .collect()
}

/// `ty` with every name written out in full.
fn qualified(ty: &Ty, path: &[proc_macro2::Ident]) -> TokenStream {
    match ty {
        Ty::String { .. } => quote!(String),
        Ty::Int => quote!(postgen_runtime::lenient::Int),
        Ty::Decimal => quote!(postgen_runtime::lenient::Decimal),
        Ty::Flag => quote!(postgen_runtime::lenient::Flag),
        Ty::Any => quote!(postgen_runtime::serde_json::Value),
        Ty::Named(name) => {
            let name = format_ident!("{}", name);
            quote!(crate #(::#path)* ::#name)
        }
        Ty::Enum(name) => {
            let name = format_ident!("{}", name);
            quote!(crate::#name)
        }
        Ty::Vec(inner) => {
            let inner = qualified(inner, path);
            quote!(Vec<#inner>)
        }
        Ty::Map(inner) => {
            let inner = qualified(inner, path);
            quote!(std::collections::BTreeMap<String, #inner>)
        }
        Ty::JsonString(inner) => {
            let inner = qualified(inner, path);
            quote!(postgen_runtime::lenient::JsonString<#inner>)
        }
        Ty::Unverified => quote!(postgen_runtime::Unverified),
    }
}
