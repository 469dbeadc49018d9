//! Error conditions told apart by message (the overrides file's `errors` of an
//! operation): the rules `lib.rs`'s `PROFILE` hands the runtime, the crate's
//! `ErrorKind` enum that names them, and the lines an operation's docs add.

use std::collections::BTreeMap;

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::cx::Cx;
use super::docs;
use super::operation::runtime_name;
use crate::model::{Api, ERROR_KIND_ENUM, ErrorKind, Operation};

/// Every declared condition with the operations (runtime names) that declare it,
/// by kind name.
fn kinds(api: &Api) -> BTreeMap<&str, (&ErrorKind, Vec<String>)> {
    let mut out: BTreeMap<&str, (&ErrorKind, Vec<String>)> = BTreeMap::new();
    for (path, module) in api.root.walk() {
        let module_path = path.join("::");
        for op in &module.operations {
            for kind in &op.errors {
                out.entry(kind.name.as_str())
                    .or_insert_with(|| (kind, Vec::new()))
                    .1
                    .push(runtime_name(&module_path, op));
            }
        }
    }
    out
}

/// The `errors` field of `PROFILE`: one `ErrorRule` per operation and condition.
pub fn rules(api: &Api, cx: &mut Cx) -> TokenStream {
    let mut rules = Vec::new();
    for (path, module) in api.root.walk() {
        let module_path = path.join("::");
        for op in &module.operations {
            let operation = runtime_name(&module_path, op);
            for kind in &op.errors {
                let constructor = if kind.later {
                    format_ident!("later")
                } else {
                    format_ident!("new")
                };
                let name = &kind.name;
                let messages = &kind.messages;
                rules.push(quote!(ErrorRule::#constructor(#operation, #name, &[#(#messages),*])));
            }
        }
    }
    if !rules.is_empty() {
        cx.uses.add("postgen_runtime::ErrorRule");
    }
    quote!(&[#(#rules),*])
}

/// The `ErrorKind` enum, when any operation declares a condition.
pub fn enum_item(api: &Api, krate: &str, cx: &mut Cx) -> TokenStream {
    let kinds = kinds(api);
    if kinds.is_empty() {
        return quote!();
    }
    let ty = format_ident!("{}", ERROR_KIND_ENUM);
    let doc = cx.doc(&format!(
        "Error conditions the API signals by their message alone (no `type`), told apart \
         for you: match [`{ERROR_KIND_ENUM}::of`] (or [`is`](Self::is)) instead of the \
         message's text, which differs between the collection and the live API.\n\n\
         ```\n\
         use {krate}::{{Error, {ERROR_KIND_ENUM}}};\n\n\
         fn is_it(error: &Error) -> bool {{\n\
         \x20   {ERROR_KIND_ENUM}::{}.is(error)\n\
         }}\n\
         ```",
        kinds
            .values()
            .map(|(k, _)| k)
            .find(|k| k.later)
            .or(kinds.values().map(|(k, _)| k).next())
            .map_or("", |k| k.variant.as_str()),
        krate = krate.replace('-', "_"),
    ));
    let mut variants = Vec::new();
    let mut of_arms = Vec::new();
    for (name, (kind, operations)) in &kinds {
        let variant = format_ident!("{}", kind.variant);
        let doc = cx.doc(&variant_docs(kind, operations));
        variants.push(quote!(#doc #variant,));
        of_arms.push(quote!(#name => Some(Self::#variant),));
    }
    quote! {
        #doc
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum #ty {
            #(#variants)*
        }

        impl #ty {
            /// The condition `error` is, when it is one of these.
            pub fn of(error: &Error) -> Option<Self> {
                match error.kind()? {
                    #(#of_arms)*
                    _ => None,
                }
            }

            /// Whether `error` is this condition.
            pub fn is(self, error: &Error) -> bool {
                Self::of(error) == Some(self)
            }
        }
    }
}

fn variant_docs(kind: &ErrorKind, operations: &[String]) -> String {
    let mut out = docs::sanitize(&kind.docs);
    let quoted: Vec<String> = kind.messages.iter().map(|m| docs::code(m)).collect();
    let ops: Vec<String> = operations.iter().map(|o| docs::code(o)).collect();
    out.push_str(&format!(
        "\n\nAnswered by {}; recognised by a message containing {}.",
        ops.join(", "),
        quoted.join(" or ")
    ));
    if kind.later {
        out.push_str(
            " It passes with time: [`Request::when_allowed`] sends the call again until the API \
             accepts it.",
        );
    }
    out
}

/// The lines of an operation's docs about its conditions (none when it has none).
pub fn op_lines(op: &Operation) -> String {
    let mut out = String::new();
    for kind in &op.errors {
        out.push_str(&format!(
            "\n- [`{ERROR_KIND_ENUM}::{v}`](crate::{ERROR_KIND_ENUM}::{v}): {}",
            first_sentence(&docs::sanitize(&kind.docs)),
            v = kind.variant,
        ));
        if kind.later {
            out.push_str(
                " `.when_allowed(Patience::within(timeout))` instead of `.await` sends the call \
                 again until it is accepted ([`Request::when_allowed`](crate::Request::when_allowed)).",
            );
        }
    }
    out
}

fn first_sentence(text: &str) -> &str {
    match text.find(". ") {
        Some(end) => &text[..=end],
        None => text,
    }
}

/// An operation that declares a condition passing with time.
pub struct Later<'a> {
    /// A doc link to its method (`` [`Sms::cancel`](crate::sms::Sms::cancel) ``).
    pub link: String,
    /// The call from a client, when it takes one text argument (`.sms().cancel`).
    pub call: Option<String>,
    /// The condition.
    pub kind: &'a ErrorKind,
}

/// Every operation with a condition that passes with time, in model order.
pub fn later_operations(api: &Api) -> Vec<Later<'_>> {
    let mut out = Vec::new();
    for (path, module) in api.root.walk() {
        for op in &module.operations {
            let Some(kind) = op.errors.iter().find(|k| k.later) else {
                continue;
            };
            let handle = if path.is_empty() {
                "Client".to_owned()
            } else {
                format!("{}::{}", path.join("::"), module.handle)
            };
            let link = format!(
                "[`{}::{}`](crate::{handle}::{})",
                module.handle, op.name, op.name
            );
            let required = op.params.iter().filter(|p| p.required).count();
            let call =
                (required == 1 && op.params.iter().any(|p| p.required && is_text(p))).then(|| {
                    let accessors: String = path.iter().map(|m| format!(".{m}()")).collect();
                    format!("{accessors}.{}", op.name)
                });
            out.push(Later { link, call, kind });
        }
    }
    out
}

fn is_text(p: &crate::model::Param) -> bool {
    matches!(p.ty, crate::model::ParamType::Text)
}
