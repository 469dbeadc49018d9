//! Closed sets from the overrides file: an enum with an `Unknown` fallback that
//! decodes codes and names alike.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::docs;
use super::uses::Uses;
use crate::infer::types::EnumDef;

/// The enum, its conversions and its serde impls.
pub fn emit(def: &EnumDef, uses: &mut Uses) -> TokenStream {
    uses.add("smspool_runtime::lenient::Unrecognised");
    uses.add("serde::Deserialize");
    uses.add("serde::Deserializer");
    uses.add("serde::Serialize");
    uses.add("serde::Serializer");
    let name = format_ident!("{}", def.name);
    let doc = docs::outer(&format!(
        "{}\n\nSource: {}\n\nDecodes from the code (`3`, `\"3\"`) or the name (`\"completed\"`, any case); a value this \
         version does not know becomes [`{}::Unknown`] rather than an error.",
        docs::sanitize(&def.docs),
        docs::sanitize(&def.source),
        def.name
    ));
    let variants = def.variants.iter().map(|v| {
        let ident = format_ident!("{}", v.ident);
        let code = v.code.map(|c| format!("code `{c}`, ")).unwrap_or_default();
        let text = format!("{} ({code}name `{:?}`)", v.docs.trim(), v.name);
        let doc = docs::outer(text.trim());
        quote!(#doc #ident,)
    });
    let code_arms = def.variants.iter().filter_map(|v| {
        let ident = format_ident!("{}", v.ident);
        let code = v.code?;
        Some(quote!(Self::#ident => Some(#code),))
    });
    let name_arms = def.variants.iter().map(|v| {
        let ident = format_ident!("{}", v.ident);
        let wire = &v.name;
        quote!(Self::#ident => #wire,)
    });
    let from_code_arms = def.variants.iter().filter_map(|v| {
        let ident = format_ident!("{}", v.ident);
        let code = v.code?;
        Some(quote!(#code => Some(Self::#ident),))
    });
    let from_name_arms = def.variants.iter().map(|v| {
        let ident = format_ident!("{}", v.ident);
        let lower = v.name.to_ascii_lowercase();
        quote!(#lower => Some(Self::#ident),)
    });
    let has_codes = def.variants.iter().any(|v| v.code.is_some());
    let code_fn_body = if has_codes {
        quote! {
            match self {
                #(#code_arms)*
                Self::Unknown(Unrecognised::Code(code)) => Some(*code),
                _ => None,
            }
        }
    } else {
        quote! {
            match self {
                Self::Unknown(Unrecognised::Code(code)) => Some(*code),
                _ => None,
            }
        }
    };
    let from_code_body = if has_codes {
        quote! {
            match code {
                #(#from_code_arms)*
                _ => None,
            }
        }
    } else {
        quote! {
            let _ = code;
            None
        }
    };
    quote! {
        #doc
        #[derive(Clone, Debug, PartialEq, Eq, Hash)]
        pub enum #name {
            #(#variants)*
            /// A value this version does not know, kept as the API sent it.
            Unknown(Unrecognised),
        }

        impl #name {
            /// The numeric code, when the value has one.
            pub fn code(&self) -> Option<i64> {
                #code_fn_body
            }

            /// The name the API uses (the code as text for an unknown code).
            pub fn name(&self) -> std::borrow::Cow<'_, str> {
                let name = match self {
                    #(#name_arms)*
                    Self::Unknown(Unrecognised::Name(name)) => name,
                    Self::Unknown(Unrecognised::Code(code)) => {
                        return std::borrow::Cow::Owned(code.to_string());
                    }
                };
                std::borrow::Cow::Borrowed(name)
            }

            fn from_code(code: i64) -> Option<Self> {
                #from_code_body
            }

            fn from_name(name: &str) -> Option<Self> {
                match name {
                    #(#from_name_arms)*
                    _ => None,
                }
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
                smspool_runtime::lenient::decode_enum(deserializer, Self::from_code, Self::from_name, Self::Unknown)
            }
        }

        impl Serialize for #name {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                match (self.code(), self) {
                    (_, Self::Unknown(unknown)) => unknown.serialize(serializer),
                    (Some(code), _) => serializer.serialize_i64(code),
                    (None, _) => serializer.serialize_str(&self.name()),
                }
            }
        }
    }
}
