//! `tests/operations.rs` of the CLI crate: every operation's subcommand run as the
//! real binary against the client's mock, once per saved example. A success must
//! exit 0 with `--json` output that decodes into the typed answer (equal to the saved
//! example, for JSON answers); an error must exit with the API-error class (rate
//! limited for a 429) and name the status; the mock's journal must show one request
//! per run.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::super::cx::Cx;
use super::{CliConfig, command_name};
use crate::model::{Api, Body, Module, Operation, Param, ParamType, ResponseKind, Safety};

/// The file.
pub fn file(api: &Api, config: &super::Config, cli: &CliConfig, cx: &mut Cx) -> TokenStream {
    let krate = format_ident!("{}", config.crate_name.replace('-', "_"));
    let inner = cx.inner_doc(&format!(
        "Every operation of `{}` run as the real binary against the client's mock, once \
         per saved example.",
        cli.binary
    ));
    let bin = format!("CARGO_BIN_EXE_{}", cli.binary);
    let key_env = cli.key_env();
    let mut used = Used::default();
    let tests: Vec<TokenStream> = api
        .root
        .walk()
        .into_iter()
        .flat_map(|(path, module)| {
            module
                .operations
                .iter()
                .map(move |op| (path.clone(), module, op))
        })
        .map(|(path, module, op)| test(api, module, &path, op, &krate, &mut used, cx))
        .collect();
    let run_doc = cx.doc("Runs the binary against `mock` with `args`: the key in the environment, answers as JSON, paid calls confirmed.");
    let mut helpers = Vec::new();
    if used.typed {
        let doc = cx.doc("A success whose `--json` output is the typed answer `expected`.");
        helpers.push(quote! {
            #doc
            fn succeeded<T>(output: &Output, expected: &T)
            where
                T: serde::de::DeserializeOwned + PartialEq + std::fmt::Debug,
            {
                let stdout = String::from_utf8_lossy(&output.stdout);
                let stderr = String::from_utf8_lossy(&output.stderr);
                assert_eq!(output.status.code(), Some(0), "stdout: {stdout}\nstderr: {stderr}");
                let decoded: T = serde_json::from_str(&stdout)
                    .unwrap_or_else(|e| panic!("--json output does not decode: {e}\n{stdout}"));
                assert_eq!(&decoded, expected);
            }
        });
    }
    if used.json {
        let doc = cx.doc("A success whose `--json` output is JSON.");
        helpers.push(quote! {
            #doc
            fn succeeded_json(output: &Output) {
                let stdout = String::from_utf8_lossy(&output.stdout);
                let stderr = String::from_utf8_lossy(&output.stderr);
                assert_eq!(output.status.code(), Some(0), "stdout: {stdout}\nstderr: {stderr}");
                let parsed: Result<serde_json::Value, _> = serde_json::from_str(&stdout);
                assert!(parsed.is_ok(), "--json output is not JSON: {stdout}");
            }
        });
    }
    if used.failed {
        let doc = cx.doc("A failure of class `code` whose message names the HTTP status.");
        helpers.push(quote! {
            #doc
            fn failed(output: &Output, code: i32, status: Option<u16>) {
                let stderr = String::from_utf8_lossy(&output.stderr);
                assert_eq!(output.status.code(), Some(code), "stderr: {stderr}");
                assert!(stderr.starts_with("error: "), "{stderr}");
                if let Some(status) = status {
                    assert!(stderr.contains(&format!("HTTP {status}")), "{stderr}");
                }
                assert!(output.stdout.is_empty(), "nothing on stdout for a failure");
            }
        });
    }
    quote! {
        #inner

        use std::process::Output;

        use #krate::mock::Server;

        #run_doc
        async fn run(mock: &Server, args: &[&str]) -> Output {
            let mut command = std::process::Command::new(env!(#bin));
            command
                .args(["--json", "--yes", "--base-url", mock.url()])
                .args(args)
                .env(#key_env, #krate::mock::KEY);
            tokio::task::spawn_blocking(move || command.output())
                .await
                .expect("the command's thread")
                .expect("the binary runs")
        }

        #(#helpers)*

        #(#tests)*
    }
}

/// Which checks the tests use (the file defines only those).
#[derive(Default)]
struct Used {
    typed: bool,
    json: bool,
    failed: bool,
}

fn test<'a>(
    api: &Api,
    module: &Module,
    path: &[&'a str],
    op: &'a Operation,
    krate: &proc_macro2::Ident,
    used: &mut Used,
    cx: &mut Cx,
) -> TokenStream {
    // The path's and the operation's names without leading and trailing `_`
    // (`_2fa_setup` at the root is `root_2fa_setup`).
    let bare = |name: &'a str| name.trim_start_matches("r#").trim_matches('_');
    let mut name: Vec<&str> = path.iter().map(|p| bare(p)).collect();
    if name.is_empty() {
        name.push("root");
    }
    name.push(bare(&op.name));
    name.retain(|n| !n.is_empty());
    let mut test_name = name.join("_");
    if !test_name.starts_with(|c: char| c.is_ascii_alphabetic()) {
        test_name.insert_str(0, "op_");
    }
    let test_name = format_ident!("{test_name}");
    let mut command: Vec<String> = path.iter().map(|p| command_name(p)).collect();
    command.push(command_name(&op.name));
    let args = arguments(api, module, op);
    let doc = cx.doc(&format!("`{}`, once per saved example.", command.join(" ")));
    let accessors: Vec<proc_macro2::Ident> = path.iter().map(|p| format_ident!("{p}")).collect();
    let method = format_ident!("{}", op.name);
    let endpoint = quote!(mock #(.#accessors())* .#method());
    let constants = |name: &str| {
        let example = op.examples.iter().find(|e| e.name == name)?;
        let constant = format_ident!("{}", example.constant);
        Some(quote!(#krate::mock #(::#accessors)* ::#constant))
    };
    // One run per saved example: the mock serves it, the binary calls, the output is
    // checked. Examples of one kind share a loop.
    let mut runs: Vec<TokenStream> = Vec::new();
    let mut count = 0usize;
    let successes: Vec<TokenStream> = op
        .response
        .successes
        .iter()
        .filter_map(|name| constants(name))
        .collect();
    count += successes.len().max(1);
    match (&op.response.kind, successes.is_empty()) {
        (_, true) => {
            used.json = true;
            runs.push(quote!(succeeded_json(&run(&mock, &args).await);));
        }
        (ResponseKind::Json(_), false) => {
            used.typed = true;
            runs.push(quote! {
                for example in [#(#successes),*] {
                    mock.clear_stubs();
                    #endpoint.example(example);
                    succeeded(&run(&mock, &args).await, &#endpoint.saved_value(example));
                }
            });
        }
        (_, false) => {
            used.json = true;
            runs.push(quote! {
                for example in [#(#successes),*] {
                    mock.clear_stubs();
                    #endpoint.example(example);
                    succeeded_json(&run(&mock, &args).await);
                }
            });
        }
    }
    let errors: Vec<TokenStream> = op
        .response
        .errors
        .iter()
        .filter_map(|error| {
            let constant = constants(&error.name)?;
            let code =
                proc_macro2::Literal::i32_unsuffixed(if error.status == Some(429) { 3 } else { 1 });
            let status = match error.status {
                Some(s) => {
                    let s = proc_macro2::Literal::u16_unsuffixed(s);
                    quote!(Some(#s))
                }
                None => quote!(None),
            };
            Some(quote!((#constant, #code, #status)))
        })
        .collect();
    if !errors.is_empty() {
        used.failed = true;
        count += errors.len();
        runs.push(quote! {
            for (example, code, status) in [#(#errors),*] {
                mock.clear_stubs();
                #endpoint.example(example);
                failed(&run(&mock, &args).await, code, status);
            }
        });
    }
    let count = proc_macro2::Literal::usize_unsuffixed(count);
    // A 429, or a 5xx to a read-only operation, is retried: more than one request.
    let retried = op.response.errors.iter().any(|e| match e.status {
        Some(429) => op.safety != Safety::Paid,
        Some(s) => s >= 500 && op.safety == Safety::ReadOnly,
        None => false,
    });
    let journal = if retried {
        quote!(assert!(#endpoint.received().len() > #count, "retried answers were retried");)
    } else {
        quote!(assert_eq!(#endpoint.received().len(), #count, "one request per run");)
    };
    quote! {
        #doc
        #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
        async fn #test_name() {
            let mock = Server::start().await;
            let args = [#(#command,)* #(#args),*];
            #(#runs)*
            #journal
        }
    }
}

/// The command line's arguments after the subcommand: required parameters from the
/// collection's values (a value of the type where it has none), then the body.
fn arguments(api: &Api, module: &Module, op: &Operation) -> Vec<String> {
    let mut positional = Vec::new();
    let mut flags = Vec::new();
    for p in op.params.iter().filter(|p| p.required) {
        let value = value(p, api, module);
        match p.ty {
            ParamType::List(_) => flags.push(format!("--{}={value}", command_name(&p.ident))),
            _ => positional.push(value),
        }
    }
    match &op.body {
        Body::Json { example } => flags.push(format!("--body={example}")),
        Body::GraphQl { variables, .. } => flags.push(format!("--body={variables}")),
        Body::Text { example, .. } => flags.push(format!("--body={example}")),
        Body::Binary => flags.push("--body=Cargo.toml".into()),
        Body::None | Body::Form | Body::Multipart => {}
    }
    let mut args = flags;
    if !positional.is_empty() {
        args.push("--".into());
        args.extend(positional);
    }
    args
}

fn value(p: &Param, api: &Api, module: &Module) -> String {
    if let Some(example) = p.example.as_deref().filter(|e| !e.is_empty()) {
        // A list's value is JSON text in the collection (`[123]`); flags take `1,2`.
        if let (ParamType::List(_), Ok(serde_json::Value::Array(items))) =
            (&p.ty, serde_json::from_str::<serde_json::Value>(example))
        {
            let items: Vec<String> = items
                .iter()
                .map(|i| i.as_str().map_or_else(|| i.to_string(), str::to_owned))
                .collect();
            return items.join(",");
        }
        return example.to_owned();
    }
    if let ParamType::Enum { name, crate_level } = &p.ty {
        let defs = if *crate_level {
            &api.enums
        } else {
            &module.enums
        };
        if let Some(first) = defs
            .iter()
            .find(|d| d.name == *name)
            .and_then(|d| d.variants.first())
        {
            return first.name.clone();
        }
    }
    match &p.ty {
        ParamType::Integer { .. } | ParamType::IdOrName | ParamType::List(_) => "1".into(),
        ParamType::Decimal => "1.00".into(),
        ParamType::Bool { .. } => "true".into(),
        ParamType::File => "Cargo.toml".into(),
        ParamType::Text | ParamType::Enum { .. } => "value".into(),
    }
}
