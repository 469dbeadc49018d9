//! Response (and request body) types: structs with serde attributes and evidence in
//! their docs, aliases, and the unverified placeholder.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::cx::Cx;
use super::docs;
use crate::model::{Field, Ty, TypeDef, TypeKind};

/// Whether a type is sent by the caller (a request body) or received.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// Decoded from responses: `#[non_exhaustive]`, built only by decoding.
    Response,
    /// Built by callers: `Default`, constructible.
    Request,
}

/// The Rust type for `ty`.
pub fn ty(ty: &Ty, cx: &mut Cx) -> TokenStream {
    match ty {
        Ty::String { .. } => quote!(String),
        Ty::Int => {
            cx.uses.add("postgen_runtime::lenient::Int");
            quote!(Int)
        }
        // At the crate root, `Decimal` is the re-exported exact decimal parameters take.
        Ty::Decimal if cx.crate_root => quote!(lenient::Decimal),
        Ty::Decimal => {
            cx.uses.add("postgen_runtime::lenient::Decimal");
            quote!(Decimal)
        }
        Ty::Flag => {
            cx.uses.add("postgen_runtime::lenient::Flag");
            quote!(Flag)
        }
        Ty::Any => {
            cx.uses.add("postgen_runtime::serde_json::Value");
            quote!(Value)
        }
        Ty::Named(name) => {
            let name = format_ident!("{}", name);
            quote!(#name)
        }
        Ty::Enum(name) => {
            let name = format_ident!("{}", name);
            cx.uses.add(&format!("crate::{name}"));
            quote!(#name)
        }
        Ty::Vec(inner) => {
            let inner = self::ty(inner, cx);
            quote!(Vec<#inner>)
        }
        Ty::Map(inner) => {
            cx.uses.add("std::collections::BTreeMap");
            let inner = self::ty(inner, cx);
            quote!(BTreeMap<String, #inner>)
        }
        Ty::JsonString(inner) => {
            cx.uses.add("postgen_runtime::lenient::JsonString");
            let inner = self::ty(inner, cx);
            quote!(JsonString<#inner>)
        }
        Ty::Unverified => {
            cx.uses.add("postgen_runtime::Unverified");
            quote!(Unverified)
        }
    }
}

/// A type definition, documented with `text`.
pub fn def(def: &TypeDef, text: &str, direction: Direction, cx: &mut Cx) -> TokenStream {
    let name = format_ident!("{}", def.name);
    let doc = cx.doc(text);
    match &def.kind {
        TypeKind::Shapes { variants } => {
            cx.uses.add("serde::Deserialize");
            cx.uses.add("serde::Serialize");
            let variants: Vec<TokenStream> = variants
                .iter()
                .map(|v| {
                    let ident = format_ident!("{}", v.name);
                    let inner = format_ident!("{}", v.ty);
                    let names: Vec<String> = v.examples.iter().map(|e| docs::code(e)).collect();
                    let doc = cx.doc(&format!(
                        "The shape of the saved example{} {}.",
                        if names.len() == 1 { "" } else { "s" },
                        names.join(", ")
                    ));
                    quote!(#doc #ident(#inner),)
                })
                .collect();
            quote! {
                #doc
                #[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
                #[serde(untagged)]
                #[non_exhaustive]
                #[allow(clippy::large_enum_variant, reason = "decoded once, then matched")]
                pub enum #name {
                    #(#variants)*
                }
            }
        }
        TypeKind::Struct { fields } => {
            cx.uses.add("serde::Deserialize");
            cx.uses.add("serde::Serialize");
            cx.uses.add("postgen_runtime::Extra");
            let fields: Vec<TokenStream> = fields.iter().map(|f| field(f, cx)).collect();
            let (derive, non_exhaustive) = match direction {
                Direction::Response => (
                    quote!(#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]),
                    quote!(#[non_exhaustive]),
                ),
                Direction::Request => (
                    quote!(#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]),
                    quote!(),
                ),
            };
            let extra_doc = match direction {
                Direction::Response => " Fields the saved examples did not show, kept as sent.",
                Direction::Request => " More fields to send, as they are.",
            };
            quote! {
                #doc
                #derive
                #non_exhaustive
                pub struct #name {
                    #(#fields)*
                    #[doc = #extra_doc]
                    #[serde(flatten)]
                    pub extra: Extra,
                }
            }
        }
    }
}

fn field(f: &Field, cx: &mut Cx) -> TokenStream {
    let doc = cx.doc(&field_docs(f));
    let ident = format_ident!("{}", f.ident);
    let inner = ty(&f.ty, cx);
    let optional = f.optional() || f.nullable;
    let rust_ty = if optional {
        quote!(Option<#inner>)
    } else {
        inner
    };
    let mut serde = Vec::new();
    if f.ident != f.wire {
        let wire = &f.wire;
        serde.push(quote!(rename = #wire));
    }
    if optional {
        serde.push(quote!(default));
    }
    if f.optional() && !f.nullable {
        serde.push(quote!(skip_serializing_if = "Option::is_none"));
    }
    if let Ty::String { lenient: true } = f.ty {
        let with = if optional {
            "postgen_runtime::lenient::option_string"
        } else {
            "postgen_runtime::lenient::string"
        };
        serde.push(quote!(deserialize_with = #with));
    }
    if let Ty::Enum(name) = &f.ty
        && f.enum_as_name
        && !optional
    {
        let with = format!("{name}::serialize_name");
        serde.push(quote!(serialize_with = #with));
    }
    let serde = if serde.is_empty() {
        quote!()
    } else {
        quote!(#[serde(#(#serde),*)])
    };
    quote! {
        #doc
        #serde
        pub #ident: #rust_ty,
    }
}

/// What a field is, as far as anything knows it: its name in words (the overrides
/// file's docs replace it), and the first value the saved examples show.
fn field_docs(f: &Field) -> String {
    let mut out = match &f.docs {
        Some(docs) => docs::sanitize(docs.trim()),
        None => format!("{}.", words(&f.wire)),
    };
    if let Some(example) = &f.example {
        if !out.ends_with(['.', '!', '?', ':']) {
            out.push('.');
        }
        out.push_str(&format!(" Example: {}.", docs::code(example)));
    }
    out
}

/// `expires_in` → `Expires in`, `transactionId` → `Transaction id`.
fn words(wire: &str) -> String {
    let snake = heck::ToSnakeCase::to_snake_case(wire);
    let text = snake.replace('_', " ");
    let mut chars = text.trim().chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => docs::code(wire),
    }
}
