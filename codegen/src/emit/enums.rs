//! Closed sets from the overrides file: an enum with an `Unknown` fallback, its table
//! of codes and names (`ClosedSet`), and impls that delegate to the runtime's
//! `lenient::closed_set`, which decodes codes and names alike.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::cx::Cx;
use super::docs;
use crate::model::EnumDef;

/// The enum, its table, its conversions and its serde impls.
pub fn emit(def: &EnumDef, cx: &mut Cx) -> TokenStream {
    for path in [
        "smspool_runtime::lenient::ClosedSet",
        "smspool_runtime::lenient::Unrecognised",
        "smspool_runtime::lenient::closed_set",
        "serde::Deserialize",
        "serde::Deserializer",
        "serde::Serialize",
        "serde::Serializer",
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

        impl #name {
            /// The numeric code, when the value has one.
            pub fn code(&self) -> Option<i64> {
                closed_set::code(self)
            }

            /// The name the API uses (an unknown code as text).
            pub fn name(&self) -> std::borrow::Cow<'_, str> {
                closed_set::name(self)
            }

            /// Serialises the name instead of the code, for fields the API sends as
            /// names: `#[serde(serialize_with = "...::serialize_name")]`.
            ///
            /// # Errors
            ///
            /// Those of the serializer.
            pub fn serialize_name<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(&self.name())
            }
        }

        impl std::fmt::Display for #name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&self.name())
            }
        }

        impl<'de> Deserialize<'de> for #name {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                closed_set::deserialize(deserializer)
            }
        }

        impl Serialize for #name {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                closed_set::serialize(self, serializer)
            }
        }
    }
}
