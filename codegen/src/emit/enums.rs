//! Closed sets: from the overrides file, an enum with an `Unknown` fallback and its
//! table of codes and names, made a `ClosedSet` (conversions, serde impls, `ParamValue`)
//! by the runtime's `closed_set!`, which decodes codes and names alike; from a
//! parameter's description, an enum sent as the listed names (`param_enum!`).

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::cx::Cx;
use super::docs;
use crate::model::EnumDef;

/// The enum, its table, its conversions and its serde impls.
pub fn emit(def: &EnumDef, cx: &mut Cx) -> TokenStream {
    cx.uses.add("postgen_runtime::lenient::Unrecognised");
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

        impl #name {
            const KNOWN: &[(Self, Option<i64>, &str)] = &[#(#table),*];
        }

        postgen_runtime::closed_set!(#name);
    }
}

/// A closed set a parameter's description lists (`Options: SMS, VOICE, FLASH`): an
/// enum sent as the listed names.
pub fn param_enum(def: &EnumDef, cx: &mut Cx) -> TokenStream {
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

        postgen_runtime::param_enum!(#name);
    }
}
