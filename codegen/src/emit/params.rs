//! Parameters in Rust: the type an argument or setter takes, and the call that puts
//! its value on the runtime's `Request`.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::cx::Cx;
use crate::model::{Location, Param, ParamType};

/// The type `p`'s argument or setter takes, emitted in module `module_path`.
pub fn arg_type(p: &Param, module_path: &str, cx: &mut Cx) -> TokenStream {
    match &p.ty {
        ParamType::Text => quote!(impl AsRef<str>),
        ParamType::Integer { signed: false } => quote!(u64),
        ParamType::Integer { signed: true } => quote!(i64),
        ParamType::Decimal => {
            // `lenient::Decimal` is the answers' decimal; parameters take the exact one.
            cx.uses.add("postgen_runtime::rust_decimal");
            quote!(rust_decimal::Decimal)
        }
        ParamType::Bool { .. } => quote!(bool),
        ParamType::IdOrName => {
            cx.uses.add("postgen_runtime::IdOrName");
            quote!(impl Into<IdOrName>)
        }
        ParamType::Enum { name, crate_level } => {
            if *crate_level && !module_path.is_empty() {
                cx.uses.add(&format!("crate::{name}"));
            }
            let ident = format_ident!("{name}");
            quote!(#ident)
        }
        ParamType::List(inner) => {
            let item = match **inner {
                ParamType::Integer { signed: false } => quote!(u64),
                ParamType::Integer { signed: true } => quote!(i64),
                _ => quote!(String),
            };
            quote!(impl IntoIterator<Item = #item>)
        }
        ParamType::File => {
            cx.uses.add("postgen_runtime::FilePart");
            quote!(FilePart)
        }
    }
}

/// The value sent for the argument `ident` of `p`: something `ParamValue` takes.
fn value(p: &Param, ident: &TokenStream, cx: &mut Cx) -> TokenStream {
    match &p.ty {
        ParamType::Text => quote!(#ident.as_ref()),
        ParamType::IdOrName => quote!(IdOrName::new(#ident)),
        ParamType::Bool { numeric: true } => quote!(u8::from(#ident)),
        ParamType::List(_) => {
            cx.uses.add("postgen_runtime::JsonText");
            quote!(JsonText(#ident.into_iter().collect::<Vec<_>>()))
        }
        ParamType::Integer { .. }
        | ParamType::Decimal
        | ParamType::Bool { numeric: false }
        | ParamType::Enum { .. }
        | ParamType::File => quote!(#ident),
    }
}

/// The call that sets `p` to the argument of the same name on a `Request`:
/// `.form("country", country.into())`.
pub fn set(p: &Param, cx: &mut Cx) -> TokenStream {
    let ident = format_ident!("{}", p.ident);
    let value = value(p, &quote!(#ident), cx);
    let wire = &p.wire;
    let method = match (p.location, &p.ty) {
        (Location::Path, _) => quote!(path),
        (Location::Query, _) => quote!(query),
        (Location::Header, _) => quote!(header),
        (Location::Form, ParamType::File) => quote!(file),
        (Location::Form, _) => quote!(form),
    };
    quote!(.#method(#wire, #value))
}

/// The call that sends a fixed `value` as `wire` at `location` (a fixed parameter, a
/// constant header, an optional parameter's default).
pub fn set_constant(location: Location, wire: &str, value: &str) -> TokenStream {
    let method = match location {
        Location::Path => quote!(path),
        Location::Query => quote!(query),
        Location::Header => quote!(header),
        Location::Form => quote!(form),
    };
    quote!(.#method(#wire, #value))
}
