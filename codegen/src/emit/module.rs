//! One module file: its docs, its handle type with one method per operation and one
//! accessor per child module, the request builders, and the response types.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::docs;
use super::types::{self, Direction};
use super::uses::Uses;
use super::{answers, operation};
use crate::infer::types::TypeDef;
use crate::ir::{Body, Module};

/// The items shared by module files and `lib.rs`: operations and types.
pub struct Parts {
    /// Methods for the handle's `impl`.
    pub methods: Vec<TokenStream>,
    /// Builders, statics and types.
    pub items: TokenStream,
}

/// Operations and types of `module`, whose handle is `handle` and reaches the runtime
/// client through `client`.
pub fn parts(
    module: &Module,
    handle: &str,
    client: &TokenStream,
    path: &str,
    krate: &str,
    uses: &mut Uses,
) -> Parts {
    let mut methods = Vec::new();
    let mut items = TokenStream::new();
    for op in &module.operations {
        let emitted = operation::emit(op, handle, client, path, krate, uses);
        methods.push(emitted.method);
        items.extend(emitted.items);
        items.extend(answers::operation_items(op, handle, uses));
    }
    let body_types: Vec<&str> = module
        .operations
        .iter()
        .filter_map(|op| match &op.body {
            Body::Json { type_name, .. } | Body::GraphQl { type_name, .. }
                if !type_name.is_empty() =>
            {
                Some(type_name.as_str())
            }
            _ => None,
        })
        .collect();
    for def in &module.types {
        let direction = if is_request_type(def, &body_types, &module.types) {
            Direction::Request
        } else {
            Direction::Response
        };
        items.extend(types::def(def, direction, uses));
    }
    Parts { methods, items }
}

/// Whether `def` is a request body type or reachable from one.
fn is_request_type(def: &TypeDef, roots: &[&str], all: &[TypeDef]) -> bool {
    fn reaches(from: &str, target: &str, all: &[TypeDef], depth: usize) -> bool {
        if from == target {
            return true;
        }
        if depth > 32 {
            return false;
        }
        let Some(def) = all.iter().find(|d| d.name == from) else {
            return false;
        };
        let mut names = Vec::new();
        match &def.kind {
            crate::infer::types::TypeKind::Struct { fields } => {
                for f in fields {
                    named_in(&f.ty, &mut names);
                }
            }
            crate::infer::types::TypeKind::Alias(t) => named_in(t, &mut names),
            crate::infer::types::TypeKind::Unverified => {}
        }
        names.iter().any(|n| reaches(n, target, all, depth + 1))
    }
    roots.iter().any(|root| reaches(root, &def.name, all, 0))
}

fn named_in(ty: &crate::infer::types::Ty, out: &mut Vec<String>) {
    use crate::infer::types::Ty;
    match ty {
        Ty::Named(n) => out.push(n.clone()),
        Ty::Vec(t) | Ty::Map(t) | Ty::JsonString(t) => named_in(t, out),
        _ => {}
    }
}

/// The file of a folder module of crate `krate`.
pub fn file(module: &Module, path: &str, krate: &str) -> TokenStream {
    file_with(module, path, krate, TokenStream::new(), |_| {
        TokenStream::new()
    })
}

/// The file of a folder module, with `head` items after its `use`s (re-exports) and
/// `extra` items after its own (a mounted collection's API-wide items).
pub fn file_with(
    module: &Module,
    path: &str,
    krate: &str,
    head: TokenStream,
    extra: impl FnOnce(&mut Uses) -> TokenStream,
) -> TokenStream {
    let mut uses = Uses::default();
    let handle = format_ident!("{}", module.handle);
    let client = quote!(self.client);
    let Parts { methods, mut items } =
        parts(module, &module.handle, &client, path, krate, &mut uses);
    items.extend(extra(&mut uses));
    let mut sorted: Vec<&Module> = module.modules.iter().collect();
    sorted.sort_by(|a, b| a.name.cmp(&b.name));
    let children = sorted.into_iter().map(|child| {
        let name = format_ident!("{}", child.name);
        quote!(pub mod #name;)
    });
    let accessors = module.modules.iter().map(|child| {
        let name = format_ident!("{}", child.name);
        let child_handle = format_ident!("{}", child.handle);
        let doc = docs::outer(&format!(
            "{}: {}",
            child.title,
            summary(
                &child.docs,
                &format!("the operations of [`{}::{}`].", child.name, child.handle)
            )
        ));
        quote! {
            #doc
            pub fn #name(&self) -> #name::#child_handle<'a> {
                #name::#child_handle::new(self.client)
            }
        }
    });
    let module_doc = docs::inner(&module_docs(module));
    let handle_doc = docs::outer(&format!(
        "The `{}` operations. Get it from the client; it borrows it.",
        module.title
    ));
    let uses = uses.tokens();
    quote! {
        #module_doc
        #uses
        #head
        #(#children)*

        #handle_doc
        #[derive(Clone, Copy, Debug)]
        pub struct #handle<'a> {
            client: &'a smspool_runtime::Client,
        }

        impl<'a> #handle<'a> {
            pub(crate) fn new(client: &'a smspool_runtime::Client) -> Self {
                Self { client }
            }

            #(#accessors)*
            #(#methods)*
        }

        #items
    }
}

/// A module's docs: its title and the folder description.
fn module_docs(module: &Module) -> String {
    let mut out = format!("# {}", module.title.trim());
    if !module.docs.trim().is_empty() {
        out.push_str("\n\n");
        out.push_str(&docs::sanitize(module.docs.trim()));
    }
    out
}

/// The first sentence of `text`, or `fallback`.
pub fn summary(text: &str, fallback: &str) -> String {
    let text = docs::sanitize(text.trim());
    let first = text.lines().next().unwrap_or_default().trim();
    if first.is_empty() || first.starts_with('#') {
        return fallback.to_owned();
    }
    match first.find(". ") {
        Some(end) => first[..=end].to_owned(),
        None => first.to_owned(),
    }
}
