//! `src/main.rs` of the CLI crate: the top command (a subcommand per top-level
//! module, the root's operations, `wait`, `completions`), `main`, and the choice
//! between the API and the mock.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::super::cx::Cx;
use super::{CliConfig, Site, args, command_name, commands};
use crate::model::Api;

/// The file.
pub fn file(api: &Api, config: &super::Config, cli: &CliConfig, cx: &mut Cx) -> TokenStream {
    let name = api.info.name.trim();
    let binary = &cli.binary;
    let key_env = cli.key_env();
    let inner = cx.inner_doc(&format!(
        "`{binary}`: every operation of the {name} on the command line, generated from the same \
         model as the client. `{binary} --help` lists the commands; `{binary} --mock ...` runs \
         any of them against a mock server in this process."
    ));
    let krate = format_ident!("{}", config.crate_name.replace('-', "_"));
    let mods = api.root.modules.iter().map(|m| {
        let ident = format_ident!("{}", m.name);
        quote!(mod #ident;)
    });
    let site = Site::new(api, config, cli, &[]);
    let taken: Vec<String> = api
        .root
        .modules
        .iter()
        .map(|m| command_name(&m.name))
        .chain(api.root.operations.iter().map(|o| command_name(&o.name)))
        .collect();
    let builtin = |wanted: &str| {
        if taken.iter().any(|t| t == wanted) {
            format!("{wanted}-{binary}")
        } else {
            wanted.to_owned()
        }
    };

    let mut variants = Vec::new();
    let mut arms = Vec::new();
    for m in &api.root.modules {
        let handle = format_ident!("{}", m.handle);
        let module = format_ident!("{}", m.name);
        let command = command_name(&m.name);
        let doc = cx.doc(&commands::module_doc(m));
        variants.push(quote! {
            #doc
            #[command(name = #command, subcommand)]
            #handle(#module::Command),
        });
        arms.push(quote!(Command::#handle(command) => command.run(&client, &session).await,));
    }
    let root_ops = api
        .root
        .operations
        .iter()
        .map(|op| args::emit(op, &site, cx))
        .collect::<Vec<_>>();
    for op in &api.root.operations {
        let builder = super::command_type(op);
        let command = command_name(&op.name);
        let doc = cx.doc(&op.title);
        variants.push(quote! {
            #doc
            #[command(name = #command)]
            #builder(#builder),
        });
        arms.push(quote!(Command::#builder(args) => args.run(&client, &session).await,));
    }
    if api.polling.is_some() {
        let command = builtin("wait");
        let doc = cx.doc(
            "Waits for the codes of orders, printing each as it comes (Ctrl-C stops and \
             prints what arrived).",
        );
        variants.push(quote! {
            #doc
            #[command(name = #command)]
            Wait(cli::WaitArgs),
        });
        arms.push(quote!(Command::Wait(args) => session.wait(&client, &args).await,));
    }
    let completions = builtin("completions");
    let completions_doc = cx.doc("Prints a completion script for a shell (bash, zsh, fish...).");
    variants.push(quote! {
        #completions_doc
        #[command(name = #completions)]
        Completions(cli::CompletionsArgs),
    });
    arms.push(quote!(Command::Completions(_) => Ok(()),));

    let config_dir = format!("~/.config/{binary}/api-key");
    let cli_doc = cx.doc(&format!(
        "Every operation of the {name}, from the command line.\n\n\
         The API key comes from {key_env}, or the file given with --key-file, or \
         {config_dir} (on Linux; the config directory elsewhere), never from an argument. \
         --mock needs no key: it runs the command against a mock server in this process, \
         which serves the saved examples and keeps orders for the run."
    ));
    let app_doc = cx.doc("The tool's name and where it finds the key.");
    let command_doc = cx.doc("The top-level commands.");
    let main_doc = cx.doc("Parses the command line, runs the command, exits with its class.");
    let run_doc = cx.doc("Runs `command` against the API, or against a mock in this process.");
    let test_doc = cx.doc("clap's own checks of the command line: names, ids, positional order.");
    let mock = if api.lifecycle.is_some() {
        quote!(#krate::mock::Server::with_orders(#krate::mock::Orders::new()).await)
    } else {
        quote!(#krate::mock::Server::start().await)
    };
    quote! {
        #inner
        #(#mods)*

        use clap::{CommandFactory, Parser};
        use postgen_runtime::cli;

        #app_doc
        static APP: cli::App = cli::App { name: #binary, key_env: #key_env };

        #cli_doc
        #[derive(Debug, Parser)]
        #[command(name = #binary, version, after_help = cli::EXIT_CODES)]
        struct Cli {
            #[command(flatten)]
            global: cli::Global,
            #[command(subcommand)]
            command: Command,
        }

        #command_doc
        #[derive(Debug, clap::Subcommand)]
        enum Command {
            #(#variants)*
        }

        #main_doc
        fn main() -> std::process::ExitCode {
            let Cli { global, command } = Cli::parse();
            if let Command::Completions(args) = &command {
                return args.print(Cli::command());
            }
            cli::run(run(command, cli::Session::new(&APP, global)))
        }

        #run_doc
        async fn run(command: Command, session: cli::Session) -> Result<(), cli::Failure> {
            let mock = if session.mock() { Some(#mock) } else { None };
            let client = match &mock {
                Some(server) => server.client(),
                None => session.client(#krate::Client::builder)?,
            };
            match command {
                #(#arms)*
            }
        }

        #(#root_ops)*

        #[cfg(test)]
        mod tests {
            #test_doc
            #[test]
            fn command_line_is_well_formed() {
                <super::Cli as clap::CommandFactory>::command().debug_assert();
            }
        }
    }
}
