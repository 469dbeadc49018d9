//! The typed endpoints of one module's operations, and a constant for each of their
//! saved examples: `src/mock/<module>.rs`, and the root's share of `src/mock/mod.rs`.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::super::cx::Cx;
use super::super::operation::runtime_name;
use super::super::{docs, features, layout};
use super::{answer_type, endpoint_type, operation_static};
use crate::model::{Module, Operation};

/// What a module contributes to its mock handle's `impl` and file.
pub struct Parts {
    /// Accessors of the child modules' handles, then one endpoint per operation.
    pub methods: Vec<TokenStream>,
    /// The saved examples' constants.
    pub items: TokenStream,
}

/// The endpoints and constants of `module`, at `module_path` (`business::user`,
/// empty at the root, whose methods are on the `Server`).
pub fn parts(module: &Module, module_path: &str, flag: Option<&str>, cx: &mut Cx) -> Parts {
    let root = module_path.is_empty();
    let (lifetime, server) = if root {
        (quote!('_), quote!(&self.0))
    } else {
        (quote!('a), quote!(self.0))
    };
    let mut methods: Vec<TokenStream> = module
        .modules
        .iter()
        .map(|child| {
            let name = format_ident!("{}", child.name);
            let handle = format_ident!("{}", child.handle);
            let doc = cx.doc(&format!(
                "The `{}` operations: stub them and read what they received.",
                child.title.trim()
            ));
            // The server's accessors come with their module's feature.
            let cfg = root.then(|| features::cfg(&child.name));
            quote! {
                #doc
                #cfg
                pub fn #name(&self) -> #name::#handle<#lifetime> {
                    #name::#handle(#server)
                }
            }
        })
        .collect();
    let mut items = TokenStream::new();
    for op in &module.operations {
        let name = format_ident!("{}", op.name);
        let ty = endpoint_type(op, module_path, &lifetime);
        let operation = operation_static(op, module_path);
        let doc = cx.doc(&endpoint_docs(op, module, module_path, flag));
        methods.push(quote! {
            #doc
            pub fn #name(&self) -> #ty {
                Endpoint::new(#server, &#operation)
            }
        });
        let answer = answer_type(op, module_path)
            .to_string()
            .replace(' ', "")
            .replace(',', ", ");
        let runtime = runtime_name(module_path, op);
        for example in &op.examples {
            let doc = cx.doc(&example_docs(op, module, module_path, &example.name));
            let args = [format!("{runtime:?}"), format!("{:?}", example.name)];
            let item = layout::const_item(
                "pub const ",
                &example.constant,
                ("Example", &answer),
                ("Example::new", &args),
            );
            let item = cx.verbatim(&item);
            items.extend(quote! {
                #doc
                #item
            });
        }
    }
    Parts { methods, items }
}

/// The file of `module`'s mock handle, at `module_path`.
pub fn file(module: &Module, module_path: &str, flag: Option<&str>, cx: &mut Cx) -> TokenStream {
    let handle = format_ident!("{}", module.handle);
    let Parts { methods, items } = parts(module, module_path, flag, cx);
    let mut children: Vec<&Module> = module.modules.iter().collect();
    children.sort_by(|a, b| a.name.cmp(&b.name));
    let children = children.into_iter().map(|child| {
        let name = format_ident!("{}", child.name);
        quote!(pub mod #name;)
    });
    let module_doc = cx.inner_doc(&format!(
        "The mock's `{}` operations: a typed endpoint for each operation of [`crate::{module_path}`], \
         and a constant for each of their saved examples.",
        module.title.trim()
    ));
    let handle_doc = cx.doc(&format!(
        "Stubs the `{}` operations and reads what they received. Get it from the mock \
         [`Server`](crate::{}::Server); it borrows it.",
        module.title.trim(),
        crate::model::MOCK_MODULE
    ));
    let example_import = if module.operations.iter().any(|op| !op.examples.is_empty()) {
        quote!(
            use postgen_runtime::mock::{Endpoint, Example};
        )
    } else if module.operations.is_empty() {
        quote!()
    } else {
        quote!(
            use postgen_runtime::mock::Endpoint;
        )
    };
    quote! {
        #module_doc
        #example_import
        #(#children)*

        #handle_doc
        #[derive(Clone, Copy, Debug)]
        pub struct #handle<'a>(pub(crate) &'a postgen_runtime::mock::Server);

        impl<'a> #handle<'a> {
            #(#methods)*
        }

        #items
    }
}

/// `[`Sms::purchase`](crate::sms::Sms::purchase)`: the client method of `op`.
fn method_link(op: &Operation, module: &Module, module_path: &str) -> String {
    if module_path.is_empty() {
        format!("[`Client::{0}`](crate::Client::{0})", op.name)
    } else {
        format!(
            "[`{h}::{m}`](crate::{p}::{h}::{m})",
            h = module.handle,
            m = op.name,
            p = module_path
        )
    }
}

fn endpoint_docs(op: &Operation, module: &Module, module_path: &str, flag: Option<&str>) -> String {
    let mut out = format!(
        "{} (`{} {}`).\n\n",
        method_link(op, module, module_path),
        op.method,
        op.path
    );
    let first_success = op
        .examples
        .iter()
        .find(|e| op.response.successes.contains(&e.name));
    match (first_success, flag) {
        (Some(e), _) => out.push_str(&format!(
            "Unless stubbed, it answers with its saved example [`{}`].",
            e.constant
        )),
        (None, Some(flag)) => out.push_str(&format!(
            "The collection shows no successful answer: unless stubbed, it answers `{{\"{flag}\": 1}}`."
        )),
        (None, None) => out.push_str(
            "The collection shows no successful answer: unless stubbed, it answers `{}`.",
        ),
    }
    let others: Vec<String> = op
        .examples
        .iter()
        .filter(|e| first_success.is_none_or(|first| !std::ptr::eq(first, *e)))
        .map(|e| format!("[`{}`]", e.constant))
        .collect();
    if !others.is_empty() {
        out.push_str(&format!(
            " Its other saved examples: {}.",
            others.join(", ")
        ));
    }
    out
}

fn example_docs(op: &Operation, module: &Module, module_path: &str, name: &str) -> String {
    let saved = op.examples.iter().find(|e| e.name == name);
    let status = saved
        .and_then(|e| e.status)
        .map_or("no status saved (served as 200)".to_owned(), |s| {
            format!("HTTP {s}")
        });
    let kind = if op.response.successes.iter().any(|s| s == name) {
        "a success"
    } else {
        "an error"
    };
    format!(
        "The saved example {} of {}: {kind}, {status}.",
        docs::code(name),
        method_link(op, module, module_path)
    )
}
