//! One module of the client as one subcommand: its `Command` enum (a variant per
//! operation and per nested module) and the `run` that dispatches to them.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::super::cx::Cx;
use super::super::docs;
use super::{Site, args};
use crate::model::{Module, Operation, Safety};

/// The file of `module` (`cli/src/sms.rs`).
pub fn file(module: &Module, site: &Site<'_>, cx: &mut Cx) -> TokenStream {
    let inner = cx.inner_doc(&format!(
        "`{}`: the {} operations{}.",
        site.command_path,
        module.title.trim(),
        if module.modules.is_empty() {
            ""
        } else {
            ", and the modules below"
        }
    ));
    let children = module.modules.iter().map(|m| {
        let name = format_ident!("{}", m.name);
        quote!(pub mod #name;)
    });
    let command = command_enum(module, site, cx);
    let ops = module.operations.iter().map(|op| args::emit(op, site, cx));
    quote! {
        #inner
        #(#children)*

        use postgen_runtime::cli;

        #command
        #(#ops)*
    }
}

/// The `Command` enum of `module` and its `run`.
pub fn command_enum(module: &Module, site: &Site<'_>, cx: &mut Cx) -> TokenStream {
    let doc = cx.doc(&format!("The subcommands of `{}`.", site.command_path));
    let mut variants = Vec::new();
    let mut arms = Vec::new();
    for child in &module.modules {
        let handle = format_ident!("{}", child.handle);
        let module_ident = format_ident!("{}", child.name);
        let name = site.command_of_module(child);
        let doc = cx.doc(&module_doc(child));
        variants.push(quote! {
            #doc
            #[command(name = #name, subcommand)]
            #handle(#module_ident::Command),
        });
        arms.push(quote!(Self::#handle(command) => command.run(client, session).await,));
    }
    for op in &module.operations {
        let builder = super::command_type(op);
        let name = site.command(op);
        let doc = cx.doc(&op_doc(op));
        variants.push(quote! {
            #doc
            #[command(name = #name, verbatim_doc_comment)]
            #builder(#builder),
        });
        arms.push(quote!(Self::#builder(args) => args.run(client, session).await,));
    }
    let client = &site.client_type;
    let run_doc = cx.doc("Runs the subcommand given.");
    let help = site.help_attr(module);
    quote! {
        #doc
        #[derive(Debug, clap::Subcommand)]
        #help
        pub enum Command {
            #(#variants)*
        }

        impl Command {
            #run_doc
            pub async fn run(self, client: &#client, session: &cli::Session) -> Result<(), cli::Failure> {
                match self {
                    #(#arms)*
                }
            }
        }
    }
}

/// The help of a module's subcommand.
pub fn module_doc(module: &Module) -> String {
    let count = module.all_operations().count();
    let mut text = format!(
        "{}: {count} operation{}.",
        module.title.trim(),
        if count == 1 { "" } else { "s" }
    );
    let docs = docs::sanitize(&module.docs);
    if !docs.trim().is_empty() {
        text.push_str("\n\n");
        text.push_str(docs.trim());
    }
    text
}

/// The help of an operation's subcommand: what it is and how safe, then its docs.
fn op_doc(op: &Operation) -> String {
    let safety = match op.safety {
        Safety::Paid => "paid, asks before buying (--yes for scripts)",
        Safety::Mutation => "changes state",
        Safety::ReadOnly => "read-only",
    };
    let mut text = format!("{} ({} {}): {safety}.", op.title.trim(), op.method, op.path);
    let docs = docs::sanitize(&op.docs);
    if !docs.trim().is_empty() {
        text.push_str("\n\n");
        text.push_str(docs.trim());
    }
    text
}
