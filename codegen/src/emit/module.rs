//! One module file: its docs, its handle type with one method per operation and one
//! accessor per child module, the request builders, and the response types.

use std::collections::BTreeSet;

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::cx::Cx;
use super::types::{self, Direction};
use super::{answers, docs, enums, layout, operation, prose};
use crate::model::{Auth, Module, Mount, Ty, TypeDef, TypeKind};

/// Where a module's items are emitted.
pub struct Place<'a> {
    /// The handle type the operations' methods are on (`Sms`, `Client`).
    pub handle: &'a str,
    /// The expression reaching the runtime client from the handle.
    pub client: TokenStream,
    /// The module's Rust path (`sms`, `business::user`, empty at the root).
    pub path: &'a str,
    /// The crate's package name (for doc examples).
    pub krate: &'a str,
    /// The Rust path of the module holding the API's error answers (empty for the
    /// crate root; a mounted collection's module).
    pub api_root: &'a str,
    /// How the API presents the key, unless an operation says otherwise.
    pub auth: &'a Auth,
    /// Notes said once in the crate docs rather than on each operation.
    pub common_notes: &'a BTreeSet<String>,
}

/// The items shared by module files and `lib.rs`: operations and types.
pub struct Parts {
    /// Methods for the handle's `impl`.
    pub methods: Vec<TokenStream>,
    /// Builders, statics and types.
    pub items: TokenStream,
}

/// Operations and types of `module`, emitted at `place`.
pub fn parts(module: &Module, place: &Place<'_>, cx: &mut Cx) -> Parts {
    let mut methods = Vec::new();
    let mut items = TokenStream::new();
    for op in &module.operations {
        let emitted = operation::emit(op, place, cx);
        methods.push(emitted.method);
        items.extend(emitted.items);
        items.extend(answers::operation_items(op, place, cx));
    }
    for def in &module.enums {
        items.extend(enums::param_enum(def, cx));
    }
    let body_types: Vec<String> = module
        .operations
        .iter()
        .filter_map(|op| op.body_type.as_ref())
        .flat_map(|ty| {
            let mut names = Vec::new();
            named_in(ty, &mut names);
            names
        })
        .collect();
    let body_types: Vec<&str> = body_types.iter().map(String::as_str).collect();
    for def in &module.types {
        let direction = if is_request_type(def, &body_types, &module.types) {
            Direction::Request
        } else {
            Direction::Response
        };
        let doc = prose::type_docs(def, place.handle);
        items.extend(types::def(def, &doc, direction, cx));
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
            TypeKind::Struct { fields } => {
                for f in fields {
                    named_in(&f.ty, &mut names);
                }
            }
            TypeKind::Shapes { variants } => names.extend(variants.iter().map(|v| v.ty.clone())),
        }
        names.iter().any(|n| reaches(n, target, all, depth + 1))
    }
    roots.iter().any(|root| reaches(root, &def.name, all, 0))
}

fn named_in(ty: &Ty, out: &mut Vec<String>) {
    match ty {
        Ty::Named(n) => out.push(n.clone()),
        Ty::Vec(t) | Ty::Map(t) | Ty::JsonString(t) => named_in(t, out),
        _ => {}
    }
}

/// The file of a folder module, emitted at `place` (its handle and Rust path). The
/// root of a mounted collection (`mount`) also re-exports its enums, which live in
/// `lib.rs`, and holds its API-wide items (error answers).
pub fn file(module: &Module, mount: Option<&Mount>, place: &Place<'_>, cx: &mut Cx) -> TokenStream {
    let handle = format_ident!("{}", module.handle);
    let Parts { methods, mut items } = parts(module, place, cx);
    let mut head = TokenStream::new();
    if let Some(mount) = mount {
        for name in &mount.enums {
            cx.uses.remove(&format!("crate::{name}"));
        }
        if let Some(a) = &mount.answers {
            items.extend(answers::api_items(a, &module.title, cx));
        }
        if !mount.enums.is_empty() {
            head = cx.verbatim(&layout::use_item("pub ", "crate", &mount.enums));
        }
    }
    let mut sorted: Vec<&Module> = module.modules.iter().collect();
    sorted.sort_by(|a, b| a.name.cmp(&b.name));
    let children = sorted.into_iter().map(|child| {
        let name = format_ident!("{}", child.name);
        quote!(pub mod #name;)
    });
    let accessors: Vec<TokenStream> = module
        .modules
        .iter()
        .map(|child| {
            let name = format_ident!("{}", child.name);
            let child_handle = format_ident!("{}", child.handle);
            let doc = cx.doc(&accessor_docs(child, &child.title));
            quote! {
                #doc
                pub fn #name(&self) -> #name::#child_handle<'a> {
                    #name::#child_handle(self.0)
                }
            }
        })
        .collect();
    // The crate docs say once that every top-level module is a feature of its name.
    let module_doc = cx.inner_doc(&module_docs(module));
    let handle_doc = cx.doc(&format!(
        "The `{}` operations. Get it from the client; it borrows it.",
        module.title
    ));
    let uses = cx.uses.text(&[]);
    let uses = if uses.is_empty() {
        TokenStream::new()
    } else {
        cx.verbatim(&uses)
    };
    quote! {
        #module_doc
        #uses
        #head
        #(#children)*

        #handle_doc
        #[derive(Clone, Copy, Debug)]
        pub struct #handle<'a>(pub(crate) &'a postgen_runtime::Client);

        impl<'a> #handle<'a> {
            #(#accessors)*
            #(#methods)*
        }

        #items
    }
}

/// The docs of the accessor of module `child` (titled `title`) on its parent's handle.
pub fn accessor_docs(child: &Module, title: &str) -> String {
    format!(
        "{title}: {}",
        summary(
            &child.docs,
            &format!("the operations of [`{}::{}`].", child.name, child.handle)
        )
    )
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
fn summary(text: &str, fallback: &str) -> String {
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
