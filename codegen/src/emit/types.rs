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
            cx.uses.add("smspool_runtime::lenient::Int");
            quote!(Int)
        }
        Ty::Decimal => {
            cx.uses.add("smspool_runtime::lenient::Decimal");
            quote!(Decimal)
        }
        Ty::Flag => {
            cx.uses.add("smspool_runtime::lenient::Flag");
            quote!(Flag)
        }
        Ty::Any => {
            cx.uses.add("smspool_runtime::serde_json::Value");
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
            cx.uses.add("smspool_runtime::lenient::JsonString");
            let inner = self::ty(inner, cx);
            quote!(JsonString<#inner>)
        }
    }
}

/// A type definition, documented with `text`.
pub fn def(def: &TypeDef, text: &str, direction: Direction, cx: &mut Cx) -> TokenStream {
    let name = format_ident!("{}", def.name);
    let doc = cx.doc(text);
    match &def.kind {
        TypeKind::Alias(t) => {
            let t = ty(t, cx);
            quote! {
                #doc
                pub type #name = #t;
            }
        }
        TypeKind::Unverified => {
            cx.uses.add("smspool_runtime::Unverified");
            quote! {
                #doc
                pub type #name = Unverified;
            }
        }
        TypeKind::Struct { fields } => {
            cx.uses.add("serde::Deserialize");
            cx.uses.add("serde::Serialize");
            cx.uses.add("smspool_runtime::serde_json::Map");
            cx.uses.add("smspool_runtime::serde_json::Value");
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
                    pub extra: Map<String, Value>,
                }
            }
        }
    }
}

fn field(f: &Field, cx: &mut Cx) -> TokenStream {
    let doc = cx.doc(&evidence(f));
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
            "smspool_runtime::lenient::option_string"
        } else {
            "smspool_runtime::lenient::string"
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

/// "Seen in 1 of 2 examples (`a`) as string." and, for keys renamed in Rust, the
/// JSON key.
pub fn evidence(f: &Field) -> String {
    let mut out = String::new();
    if f.ident != f.wire {
        out.push_str(&format!("`{}`: ", f.wire));
    }
    let names = f
        .examples
        .iter()
        .map(|e| docs::code(e))
        .collect::<Vec<_>>()
        .join(", ");
    let count = f.examples.len();
    let seen = match (count, f.examples_total) {
        (1, 1) => format!("Seen in the one example, {names}"),
        (c, t) if c == t => format!("Seen in all {t} examples ({names})"),
        (c, t) => format!("Seen in {c} of {t} examples ({names})"),
    };
    out.push_str(&seen);
    if f.present < f.objects && f.objects != f.examples_total {
        out.push_str(&format!(", in {} of {} objects", f.present, f.objects));
    }
    out.push_str(", as ");
    out.push_str(&join_words(&f.json_types));
    out.push('.');
    if f.json_types == ["null"] && f.ty != Ty::Any {
        out.push_str(" Typed from the same key elsewhere in the collection.");
    }
    if matches!(f.ty, Ty::String { lenient: true }) {
        out.push_str(" Numbers are accepted too.");
    }
    out
}

fn join_words(words: &[&str]) -> String {
    match words {
        [] => "nothing".into(),
        [one] => (*one).to_owned(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}
