//! Plain-text answers: per operation, its success type (a struct for one answer, an
//! enum for several), the function that builds it from the answer the runtime
//! matched, and its answer table; per API, the enum of error answers and the table
//! every operation shares. The runtime (`postgen_runtime::answer`) does the matching.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::cx::Cx;
use super::docs;
use super::module::Place;
use crate::model::{AnswerDef, AnswerField, ApiAnswers, FieldType, Operation, OperationAnswers};

/// The table of error answers every operation shares.
pub(super) const SHARED_TABLE: &str = "ERROR_ANSWERS";

/// The success type of `op` and its `TextAnswer` impl (its answer table and the
/// function that builds it), when it answers in text; `place` is where it is emitted.
pub fn operation_items(op: &Operation, place: &Place<'_>, cx: &mut Cx) -> TokenStream {
    let Some(answers) = &op.response.answers else {
        return TokenStream::new();
    };
    for item in [
        "Answer",
        "AnswerKind",
        "Malformed",
        "Matched",
        "Table",
        "TextAnswer",
    ] {
        cx.uses.add(&format!("postgen_runtime::answer::{item}"));
    }
    let name = format_ident!("{}", answers.type_name);
    let link = format!("[`{}::{}`]", place.handle, op.name);
    let ty = if answers.is_struct() {
        struct_type(&answers.success[0], &name, &link, cx)
    } else {
        enum_type(answers, &name, &link, cx)
    };
    let shared = format_ident!("{SHARED_TABLE}");
    if place.api_root != place.path {
        cx.uses.add(&if place.api_root.is_empty() {
            format!("crate::{SHARED_TABLE}")
        } else {
            format!("crate::{}::{SHARED_TABLE}", place.api_root)
        });
    }
    let consts = answers.success.iter().map(answer_const);
    let refs = answers.success.iter().map(|d| {
        let ident = const_ident(d);
        quote!(&Self::#ident)
    });
    let build = build_fn(&answers.success, answers.is_struct());
    let table_doc = cx.doc(&format!("The answers of {link}."));
    quote! {
        #ty

        impl #name {
            #(#consts)*
        }

        impl TextAnswer for #name {
            #table_doc
            const ANSWERS: &'static Table = &[#(#refs),*];
            const SHARED: &'static Table = #shared;

            fn build(matched: &Matched<'_>) -> Result<Self, Malformed> {
                #build
            }
        }
    }
}

/// The enum of the API's error answers and the table every operation shares, for
/// the file of the API's root module.
pub fn api_items(answers: &ApiAnswers, api_name: &str, cx: &mut Cx) -> TokenStream {
    cx.uses.add("postgen_runtime::answer::Answer");
    cx.uses.add("postgen_runtime::answer::Table");
    let shared = format_ident!("{SHARED_TABLE}");
    if answers.errors.is_empty() {
        return quote! {
            /// The error answers every operation of this API may give: none.
            pub(crate) const #shared: &Table = &[];
        };
    }
    cx.uses.add("postgen_runtime::answer::AnswerKind");
    cx.uses.add("postgen_runtime::answer::Malformed");
    cx.uses.add("postgen_runtime::answer::Matched");
    cx.uses.add("postgen_runtime::Error");
    let name = format_ident!("{}", answers.type_name);
    let refs = answers.errors.iter().map(|e| {
        let ident = const_ident(e);
        quote!(&#name::#ident)
    });
    let key_codes: Vec<String> = answers
        .errors
        .iter()
        .filter(|e| e.invalid_api_key)
        .map(|e| format!("`{}`", e.code))
        .collect();
    let key_note = if key_codes.is_empty() {
        String::new()
    } else {
        format!(" ({} is [`Error::InvalidApiKey`])", key_codes.join(", "))
    };
    let doc = cx.doc(&format!(
        "An error answer of the {api}.\n\nSource: {source}\n\nCalls return error answers as [`Error::Api`]{key_note}, \
         whose `error_type()` is the answer's code and whose `body()` is the answer; \
         [`{name}::from_error`] reads it back into this enum.",
        api = api_name.trim(),
        source = docs::sanitize(&answers.source),
        name = answers.type_name,
    ));
    let variants: Vec<TokenStream> = answers.errors.iter().map(|e| variant(e, cx)).collect();
    let code_arms = answers.errors.iter().map(|e| {
        let ident = format_ident!("{}", e.variant);
        let code = &e.code;
        if e.fields.is_empty() {
            quote!(Self::#ident => #code,)
        } else {
            quote!(Self::#ident { .. } => #code,)
        }
    });
    let consts = answers.errors.iter().map(answer_const);
    let build = build_fn(&answers.errors, false);
    quote! {
        #doc
        #[derive(Clone, Debug, PartialEq, Eq)]
        #[non_exhaustive]
        pub enum #name {
            #(#variants)*
        }

        impl #name {
            #(#consts)*

            /// The error answer `error` carries, when it is one of these.
            pub fn from_error(error: &Error) -> Option<Self> {
                Self::parse(error.api_error()?.body())
            }

            /// Reads an error answer from the text of a response.
            pub fn parse(text: &str) -> Option<Self> {
                let matched = postgen_runtime::answer::find(text, #shared)?;
                Self::build(&matched).ok()
            }

            /// The answer's code (`NO_NUMBERS` for `NO_NUMBERS`, `BANNED` for
            /// `BANNED:{until}`).
            pub fn code(&self) -> &'static str {
                match self {
                    #(#code_arms)*
                }
            }

            fn build(matched: &Matched<'_>) -> Result<Self, Malformed> {
                #build
            }
        }

        /// The error answers every operation of this API may give.
        pub(crate) const #shared: &Table = &[#(#refs),*];
    }
}

/// The answer's constant (`ACCESS_NUMBER`).
fn const_ident(def: &AnswerDef) -> proc_macro2::Ident {
    format_ident!("{}", def.constant)
}

/// `const CODE: Answer = Answer { pattern, message, kind };`
fn answer_const(def: &AnswerDef) -> TokenStream {
    let ident = const_ident(def);
    let pattern = &def.pattern;
    let message = def.docs.lines().next().unwrap_or_default().trim();
    let kind = match (def.is_error, def.invalid_api_key) {
        (_, true) => quote!(InvalidApiKey),
        (true, false) => quote!(Error),
        (false, false) => quote!(Success),
    };
    let doc = format!(" `{pattern}`");
    quote! {
        #[doc = #doc]
        const #ident: Answer = Answer {
            pattern: #pattern,
            message: #message,
            kind: AnswerKind::#kind,
        };
    }
}

fn field_type(f: &AnswerField, cx: &mut Cx) -> TokenStream {
    match f.ty {
        FieldType::Text => quote!(String),
        FieldType::Int => quote!(i64),
        FieldType::Decimal => {
            cx.uses.add("postgen_runtime::rust_decimal");
            quote!(rust_decimal::Decimal)
        }
    }
}

fn field_value(f: &AnswerField) -> TokenStream {
    let name = &f.name;
    match f.ty {
        FieldType::Text => quote!(matched.text(#name)?),
        FieldType::Int => quote!(matched.int(#name)?),
        FieldType::Decimal => quote!(matched.decimal(#name)?),
    }
}

fn variant_doc(def: &AnswerDef) -> String {
    let mut text = format!("`{}`: {}", def.pattern, docs::sanitize(&def.docs));
    if let Some((_, body)) = def.examples.first() {
        text.push_str(&format!("\n\nSaved example: {}.", docs::code(body)));
    }
    text
}

fn fields_tokens(def: &AnswerDef, public: bool, cx: &mut Cx) -> Vec<TokenStream> {
    def.fields
        .iter()
        .map(|f| {
            let ident = format_ident!("{}", f.ident);
            let ty = field_type(f, cx);
            let text = match &f.docs {
                Some(text) => docs::sanitize(text),
                None => docs::sanitize(&format!("The `{{{}}}` part of `{}`.", f.name, def.pattern)),
            };
            let doc = cx.doc(&text);
            if public {
                quote!(#doc pub #ident: #ty,)
            } else {
                quote!(#doc #ident: #ty,)
            }
        })
        .collect()
}

fn struct_type(def: &AnswerDef, name: &proc_macro2::Ident, link: &str, cx: &mut Cx) -> TokenStream {
    // Serialised for the CLI's `--json` and for users who log answers.
    cx.uses.add("serde::Serialize");
    let doc = cx.doc(&format!("The answer of {link}.\n\n{}", variant_doc(def)));
    if def.fields.is_empty() {
        return quote! {
            #doc
            #[derive(Clone, Debug, PartialEq, Eq, Serialize)]
            #[non_exhaustive]
            pub struct #name;
        };
    }
    let fields = fields_tokens(def, true, cx);
    quote! {
        #doc
        #[derive(Clone, Debug, PartialEq, Eq, Serialize)]
        #[non_exhaustive]
        pub struct #name {
            #(#fields)*
        }
    }
}

fn enum_type(
    answers: &OperationAnswers,
    name: &proc_macro2::Ident,
    link: &str,
    cx: &mut Cx,
) -> TokenStream {
    cx.uses.add("serde::Serialize");
    let doc = cx.doc(&format!(
        "The answers of {link}, one variant per documented success answer."
    ));
    let variants: Vec<TokenStream> = answers.success.iter().map(|d| variant(d, cx)).collect();
    quote! {
        #doc
        #[derive(Clone, Debug, PartialEq, Eq, Serialize)]
        #[non_exhaustive]
        pub enum #name {
            #(#variants)*
        }
    }
}

fn variant(def: &AnswerDef, cx: &mut Cx) -> TokenStream {
    let ident = format_ident!("{}", def.variant);
    let doc = cx.doc(&variant_doc(def));
    let fields = fields_tokens(def, false, cx);
    if fields.is_empty() {
        quote!(#doc #ident,)
    } else {
        quote!(#doc #ident { #(#fields)* },)
    }
}

/// `let value = match matched.pattern() { "PATTERN" => ..., _ => return Err(...) };
/// Ok(value)`: fields are read into locals first, so that every arm is a plain value
/// or a block (prettyplease and rustfmt lay those out alike).
fn build_fn(defs: &[AnswerDef], is_struct: bool) -> TokenStream {
    let arms = defs.iter().map(|d| {
        let pattern = &d.pattern;
        let idents: Vec<proc_macro2::Ident> = d
            .fields
            .iter()
            .map(|f| format_ident!("{}", f.ident))
            .collect();
        let reads = d.fields.iter().zip(&idents).map(|(f, ident)| {
            let value = field_value(f);
            quote!(let #ident = #value;)
        });
        let path = if is_struct {
            quote!(Self)
        } else {
            let variant = format_ident!("{}", d.variant);
            quote!(Self::#variant)
        };
        if d.fields.is_empty() {
            quote!(#pattern => #path,)
        } else {
            quote! {
                #pattern => {
                    #(#reads)*
                    #path { #(#idents),* }
                }
            }
        }
    });
    quote! {
        let value = match matched.pattern() {
            #(#arms)*
            _ => return Err(matched.unexpected()),
        };
        Ok(value)
    }
}
