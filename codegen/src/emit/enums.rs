//! Closed sets: from the overrides file, an enum with an `Unknown` fallback, its table
//! of codes and names (`ClosedSet`), and the conversions and serde impls of the
//! runtime's `closed_set!`, which decodes codes and names alike; from a parameter's
//! description, an enum sent as the listed names.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use std::collections::BTreeSet;

use super::cx::Cx;
use super::docs;
use crate::model::{Api, EnumDef, ParamType};

/// The enum, its table, its conversions and its serde impls.
pub fn emit(def: &EnumDef, cx: &mut Cx) -> TokenStream {
    for path in [
        "smspool_runtime::lenient::ClosedSet",
        "smspool_runtime::lenient::Unrecognised",
    ] {
        cx.uses.add(path);
    }
    let name = format_ident!("{}", def.name);
    let has_codes = def.variants.iter().any(|v| v.code.is_some());
    let decodes = if has_codes {
        "from its code or its name (any case)"
    } else {
        "from its name (any case)"
    };
    let doc = cx.doc(&format!(
        "{}\n\nSource: {}\n\nDecodes {decodes}; a value this version does not know becomes \
         [`{}::Unknown`] rather than an error.",
        docs::sanitize(&def.docs),
        docs::sanitize(&def.source),
        def.name
    ));
    let variants: Vec<TokenStream> = def
        .variants
        .iter()
        .map(|v| {
            let ident = format_ident!("{}", v.ident);
            let code = v.code.map(|c| format!("code `{c}`, ")).unwrap_or_default();
            let text = format!("{} ({code}name `{:?}`)", v.docs.trim(), v.name);
            let doc = cx.doc(text.trim());
            quote!(#doc #ident,)
        })
        .collect();
    let table = def.variants.iter().map(|v| {
        let ident = format_ident!("{}", v.ident);
        let wire = &v.name;
        let code = match v.code {
            Some(c) => {
                let c = proc_macro2::Literal::i64_unsuffixed(c);
                quote!(Some(#c))
            }
            None => quote!(None),
        };
        quote!((Self::#ident, #code, #wire))
    });
    quote! {
        #doc
        #[derive(Clone, Debug, PartialEq, Eq, Hash)]
        pub enum #name {
            #(#variants)*
            /// A value this version does not know, kept as the API sent it.
            Unknown(Unrecognised),
        }

        impl ClosedSet for #name {
            fn known() -> &'static [(Self, Option<i64>, &'static str)] {
                &[#(#table),*]
            }

            fn unknown(raw: Unrecognised) -> Self {
                Self::Unknown(raw)
            }

            fn as_unknown(&self) -> Option<&Unrecognised> {
                match self {
                    Self::Unknown(raw) => Some(raw),
                    _ => None,
                }
            }
        }

        smspool_runtime::closed_set!(#name);
    }
}

/// `impl ParamValue` for every crate-level enum a parameter takes, for `lib.rs`: the
/// code when the value has one, else the name.
pub fn param_impls(api: &Api) -> TokenStream {
    let used: BTreeSet<&str> = api
        .root
        .all_operations()
        .flat_map(|op| &op.params)
        .filter_map(|p| match &p.ty {
            ParamType::Enum {
                name,
                crate_level: true,
            } => Some(name.as_str()),
            _ => None,
        })
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

/// A closed set a parameter's description lists (`Options: SMS, VOICE, FLASH`): an
/// enum sent as the listed names.
pub fn param_enum(def: &EnumDef, cx: &mut Cx) -> TokenStream {
    cx.uses.add("smspool_runtime::ParamValue");
    cx.uses.add("smspool_runtime::UnknownName");
    let name = format_ident!("{}", def.name);
    // The description that lists the values says what they mean.
    let doc = cx.doc(&docs::sanitize(&def.docs));
    let variants: Vec<TokenStream> = def
        .variants
        .iter()
        .map(|v| {
            let ident = format_ident!("{}", v.ident);
            let doc = format!(" `{}`", v.name);
            quote!(#[doc = #doc] #ident,)
        })
        .collect();
    let arms = def.variants.iter().map(|v| {
        let ident = format_ident!("{}", v.ident);
        let wire = &v.name;
        quote!(Self::#ident => #wire,)
    });
    let count = proc_macro2::Literal::usize_unsuffixed(def.variants.len());
    let all = def.variants.iter().map(|v| format_ident!("{}", v.ident));
    quote! {
        #doc
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum #name {
            #(#variants)*
        }

        impl #name {
            /// Every value, in the order the description lists them.
            pub const ALL: [Self; #count] = [#(Self::#all),*];

            /// The name sent on the wire.
            pub fn as_str(self) -> &'static str {
                match self {
                    #(#arms)*
                }
            }
        }

        impl ParamValue for #name {
            fn into_param(self) -> String {
                self.as_str().to_owned()
            }
        }

        impl std::str::FromStr for #name {
            type Err = UnknownName;

            /// The value named `text`, in any case.
            fn from_str(text: &str) -> Result<Self, UnknownName> {
                UnknownName::pick(text, Self::ALL.iter().map(|v| (v, None, v.as_str())))
            }
        }
    }
}
