//! Closed sets as parameters: a parameter the overrides file gives an enum
//! (`enum = "IdSetting"`) takes that enum as its argument or setter value, and the
//! enum implements `ParamValue`, sending its code (`8`) or, without one, its name
//! (`smspool`).

use std::collections::BTreeSet;

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::cx::Cx;
use crate::model::{Api, Param};

/// The argument type of `p` when it takes an enum, emitted in module `module_path`
/// (empty for the crate root, where the enums are).
pub fn arg_type(p: &Param, module_path: &str, cx: &mut Cx) -> Option<TokenStream> {
    let name = p.choices.as_deref()?;
    if !module_path.is_empty() {
        cx.uses.add(&format!("crate::{name}"));
    }
    let ident = format_ident!("{name}");
    Some(quote!(#ident))
}

/// `impl ParamValue` for every enum a parameter takes, for `lib.rs`.
pub fn param_impls(api: &Api) -> TokenStream {
    let used: BTreeSet<&str> = api
        .root
        .all_operations()
        .flat_map(|op| op.params.iter().filter_map(|p| p.choices.as_deref()))
        .collect();
    api.enums
        .iter()
        .filter(|e| used.contains(e.name.as_str()))
        .map(|e| {
            let name = format_ident!("{}", e.name);
            quote! {
                impl ParamValue for #name {
                    /// The code when the value has one, else the name.
                    fn into_param(self) -> String {
                        match self.code() {
                            Some(code) => code.to_string(),
                            None => self.name().into_owned(),
                        }
                    }
                }
            }
        })
        .collect()
}
