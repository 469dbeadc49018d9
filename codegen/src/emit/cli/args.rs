//! One operation as a subcommand: the `clap::Args` struct of its parameters (typed
//! as the client's method takes them) and the `run` that confirms a paid call, calls
//! the method, prints the answer and, on the operation that creates orders, waits.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::super::cx::Cx;
use super::super::docs;
use super::Site;
use crate::model::{Body, Operation, Param, ParamType, ResponseKind, Safety};

/// Names the global options (and the `--wait` flags) take: a parameter named so gets
/// another id and flag.
const GLOBAL_ARGS: &[&str] = &[
    "json",
    "yes",
    "mock",
    "base_url",
    "key_file",
    "help",
    "version",
    "wait",
    "wait_timeout",
    "wait_interval",
];

/// The struct and its `impl` for `op`, whose handle is reached from the client by
/// `site.accessors`.
pub fn emit(op: &Operation, site: &Site<'_>, cx: &mut Cx) -> TokenStream {
    let name = super::command_type(op);
    let doc = cx.doc(&format!(
        "The arguments of `{} {}`.",
        site.command_path,
        site.command(op)
    ));
    let mut fields: Vec<TokenStream> = op.params.iter().map(|p| field(p, site, cx)).collect();
    fields.extend(body_field(op, cx));
    if site.creates(op) {
        let doc = cx.doc("Waiting for the code once bought.");
        fields.push(quote!(#doc #[command(flatten)] wait: cli::WaitFlag,));
    }
    let run = run(op, site, cx);
    quote! {
        #doc
        #[derive(Debug, clap::Args)]
        pub struct #name {
            #(#fields)*
        }

        impl #name {
            #run
        }
    }
}

fn field(p: &Param, site: &Site<'_>, cx: &mut Cx) -> TokenStream {
    let ident = format_ident!("{}", p.ident);
    let ty = value_type(&p.ty, site);
    let mut attrs: Vec<TokenStream> = Vec::new();
    let unraw = p.ident.trim_start_matches("r#");
    if GLOBAL_ARGS.contains(&unraw) {
        let id = format!("{unraw}_param");
        let long = format!("{}-param", unraw.replace('_', "-"));
        attrs.push(quote!(id = #id, long = #long));
    } else if !positional(p) {
        attrs.push(quote!(long));
    }
    if p.required && matches!(p.ty, ParamType::List(_)) {
        attrs.push(quote!(required = true));
    }
    match &p.ty {
        ParamType::Bool { .. } => attrs.push(quote!(
            action = clap::ArgAction::Set,
            value_parser = clap::builder::BoolishValueParser::new()
        )),
        ParamType::List(_) => attrs.push(quote!(value_delimiter = ',')),
        ParamType::Enum { .. } => {
            let names = site.enum_names(&p.ty);
            let enum_ty = enum_path(&p.ty, site);
            attrs.push(quote!(value_parser = cli::one_of::<#enum_ty>(&[#(#names),*])));
        }
        _ => {}
    }
    let doc = cx.doc(&param_doc(p));
    let ty = match (&p.ty, p.required) {
        (ParamType::List(_), _) | (_, true) => ty,
        (_, false) => quote!(Option<#ty>),
    };
    let attrs = if attrs.is_empty() {
        quote!()
    } else {
        quote!(#[arg(#(#attrs),*)])
    };
    quote! {
        #doc
        #attrs
        #ident: #ty,
    }
}

/// Required parameters are positional, in order, except lists (a required flag).
fn positional(p: &Param) -> bool {
    p.required && !matches!(p.ty, ParamType::List(_))
}

fn param_doc(p: &Param) -> String {
    let first = docs::sanitize(&p.docs);
    let first = first.split("\n\n").next().unwrap_or_default().trim();
    let mut text = if first.is_empty() {
        format!("The `{}` parameter.", p.wire)
    } else {
        let mut text = first.replace('\n', " ");
        if !text.ends_with(['.', '!', '?', ':', ')']) {
            text.push('.');
        }
        text
    };
    if let Some(example) = p
        .example
        .as_deref()
        .filter(|e| !e.is_empty() && !first.contains(*e))
    {
        text.push_str(&format!(" Example: `{example}`."));
    }
    text
}

/// The Rust type clap parses the value into (a list's item type for lists).
fn value_type(ty: &ParamType, site: &Site<'_>) -> TokenStream {
    match ty {
        ParamType::Text => quote!(String),
        ParamType::Integer { signed: false } => quote!(u64),
        ParamType::Integer { signed: true } => quote!(i64),
        ParamType::Decimal => quote!(postgen_runtime::rust_decimal::Decimal),
        ParamType::Bool { .. } => quote!(bool),
        ParamType::IdOrName => quote!(postgen_runtime::IdOrName),
        ParamType::Enum { .. } => enum_path(ty, site),
        ParamType::List(inner) => {
            let item = match **inner {
                ParamType::Integer { signed: false } => quote!(u64),
                ParamType::Integer { signed: true } => quote!(i64),
                _ => quote!(String),
            };
            quote!(Vec<#item>)
        }
        ParamType::File => quote!(std::path::PathBuf),
    }
}

fn enum_path(ty: &ParamType, site: &Site<'_>) -> TokenStream {
    let ParamType::Enum { name, crate_level } = ty else {
        return quote!();
    };
    let krate = format_ident!("{}", site.krate);
    let name = format_ident!("{name}");
    if *crate_level {
        quote!(#krate::#name)
    } else {
        let modules = site.modules.iter().map(|m| format_ident!("{}", m));
        quote!(#krate #(::#modules)*::#name)
    }
}

/// `--body` for operations that take one: JSON (decoded into the method's body type),
/// text, or a file's bytes.
fn body_field(op: &Operation, cx: &mut Cx) -> Option<TokenStream> {
    let (doc, attrs, ty) = match &op.body {
        Body::Json { .. } | Body::GraphQl { .. } => (
            "The request body, as JSON.",
            quote!(long, value_parser = cli::json_arg),
            quote!(postgen_runtime::serde_json::Value),
        ),
        Body::Text { .. } => ("The request body.", quote!(long), quote!(String)),
        Body::Binary => (
            "A file whose bytes are the request body.",
            quote!(long),
            quote!(std::path::PathBuf),
        ),
        Body::None | Body::Form | Body::Multipart => return None,
    };
    let doc = cx.doc(doc);
    Some(quote!(#doc #[arg(#attrs)] body: #ty,))
}

fn run(op: &Operation, site: &Site<'_>, cx: &mut Cx) -> TokenStream {
    let doc = cx.doc("Runs the command: one call, its answer on stdout.");
    let confirm = (op.safety == Safety::Paid).then(|| confirm(op, site));
    let accessors = site.accessors.iter().map(|a| format_ident!("{a}"));
    let method = format_ident!("{}", op.name);
    let required = op
        .params
        .iter()
        .filter(|p| p.required)
        .map(|p| argument(p, quote!(self.)));
    let body = match &op.body {
        Body::Json { .. } | Body::GraphQl { .. } => Some(quote!(cli::json_body(self.body)?)),
        Body::Text { .. } => Some(quote!(self.body)),
        Body::Binary => Some(quote!(cli::read_file(&self.body)?)),
        Body::None | Body::Form | Body::Multipart => None,
    };
    let args: Vec<TokenStream> = required.chain(body).collect();
    let optional: Vec<&Param> = op.params.iter().filter(|p| !p.required).collect();
    let call = quote!(client #(.#accessors())* .#method(#(#args),*));
    // An operation that answers nothing prints nothing.
    let empty = matches!(op.response.kind, ResponseKind::Empty);
    let bind = if empty {
        quote!()
    } else {
        quote!(let answer =)
    };
    let request = if optional.is_empty() {
        quote!(#bind #call.await?;)
    } else {
        let setters = optional.iter().map(|p| optional_setter(p));
        quote! {
            let mut request = #call;
            #(#setters)*
            #bind request.await?;
        }
    };
    let finish = if empty {
        quote!(session.show(&()))
    } else if site.creates(op) {
        let order_id = site.order_id_field();
        quote! {
            session.show(&answer)?;
            self.wait.after(session, client, &answer, #order_id).await
        }
    } else {
        quote!(session.show(&answer))
    };
    let client = &site.client_type;
    quote! {
        #doc
        pub async fn run(self, client: &#client, session: &cli::Session) -> Result<(), cli::Failure> {
            #confirm
            #request
            #finish
        }
    }
}

/// The value passed for `p` (read from `place`, `self.` or nothing for a binding).
fn argument(p: &Param, place: TokenStream) -> TokenStream {
    let ident = format_ident!("{}", p.ident);
    match &p.ty {
        ParamType::File => quote!(cli::file_part(&#place #ident)?),
        _ => quote!(#place #ident),
    }
}

fn optional_setter(p: &Param) -> TokenStream {
    let ident = format_ident!("{}", p.ident);
    let value = argument(p, quote!());
    if matches!(p.ty, ParamType::List(_)) {
        return quote! {
            if !self.#ident.is_empty() {
                request = request.#ident(self.#ident);
            }
        };
    }
    quote! {
        if let Some(#ident) = self.#ident {
            request = request.#ident(#value);
        }
    }
}

/// `session.confirm(...)`: what the command buys, with the arguments given.
fn confirm(op: &Operation, site: &Site<'_>) -> TokenStream {
    let command = format!("{} {}", site.command_path_below_root(), site.command(op));
    let what = format!("{} ({} {})", op.title.trim(), op.method, op.path);
    let shown = op.params.iter().map(|p| {
        let ident = format_ident!("{}", p.ident);
        let name = p.ident.trim_start_matches("r#");
        let value = match (&p.ty, p.required) {
            (ParamType::List(_), _) => quote!(cli::shown_list(&self.#ident)),
            (ParamType::File, true) => quote!(Some(self.#ident.display().to_string())),
            (ParamType::File, false) => {
                quote!(self.#ident.as_ref().map(|path| path.display().to_string()))
            }
            (_, true) => quote!(Some(cli::shown(&self.#ident))),
            (_, false) => quote!(self.#ident.as_ref().map(cli::shown)),
        };
        quote!((#name, #value))
    });
    quote! {
        session.confirm(#command, #what, &[#(#shown),*])?;
    }
}
