//! One operation: the method on its module's handle, its request builder, and the
//! static description the runtime reads.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::cx::Cx;
use super::module::Place;
use super::{answers, choices, docs, prose};
use crate::model::{Auth, Body, Location, Operation, Param, ParamKind, ResponseKind, Safety};

/// What one operation contributes to its module file.
pub struct Emitted {
    /// The method on the handle (goes in the handle's `impl`).
    pub method: TokenStream,
    /// The builder, its impls, and the static.
    pub items: TokenStream,
}

/// Emits `op`, an operation of the module at `place`.
pub fn emit(op: &Operation, place: &Place<'_>, cx: &mut Cx) -> Emitted {
    let (handle, client, module_path) = (place.handle, &place.client, place.path);
    // Folder handles carry the client's lifetime as `'a`; the root `Client` lends its own.
    let lifetime = if handle == "Client" {
        quote!('_)
    } else {
        quote!('a)
    };
    cx.uses.add("smspool_runtime::BoxFuture");
    cx.uses.add("smspool_runtime::Call");
    cx.uses.add("smspool_runtime::Error");
    cx.uses.add("smspool_runtime::Operation");
    let method_name = format_ident!("{}", op.name);
    let builder = format_ident!("{}", op.builder);
    let static_name = format_ident!("{}", op.constant);
    let body = body_param(op);

    let required: Vec<&Param> = op.params.iter().filter(|p| p.required).collect();
    let optional: Vec<&Param> = op.params.iter().filter(|p| !p.required).collect();
    let any_text_arg = required.iter().any(|p| p.kind == ParamKind::Text) || !optional.is_empty();
    if any_text_arg {
        cx.uses.add("smspool_runtime::ParamValue");
    }
    if op.params.iter().any(|p| p.kind == ParamKind::File) {
        cx.uses.add("smspool_runtime::FilePart");
    }

    // The method on the handle.
    let args: Vec<TokenStream> = required
        .iter()
        .map(|p| {
            let ident = format_ident!("{}", p.ident);
            if let Some(ty) = choices::arg_type(p, module_path, cx) {
                return quote!(#ident: #ty);
            }
            match p.kind {
                ParamKind::Text => quote!(#ident: impl ParamValue),
                ParamKind::File => quote!(#ident: FilePart),
            }
        })
        .collect();
    let body_arg = body.as_ref().map(|b| {
        let ty = &b.ty;
        quote!(body: #ty)
    });
    // Every struct literal is `Self { … }` (see `emit::format` on rustfmt), so the
    // method hands its arguments to the builder's `new`.
    let call_args = required.iter().map(|p| {
        let ident = format_ident!("{}", p.ident);
        match p.kind {
            ParamKind::Text => quote!(#ident.into_param()),
            ParamKind::File => quote!(#ident),
        }
    });
    let body_arg_value = body.as_ref().map(|_| quote!(body));
    let all_call_args = call_args.chain(body_arg_value);
    let method_doc = cx.doc(&method_docs(op, module_path, place.krate));
    let all_args = args.into_iter().chain(body_arg);
    // clippy counts `self`: more than 7 arguments in all.
    let allow = if required.len() + usize::from(body.is_some()) + 1 > 7 {
        quote!(#[allow(
            clippy::too_many_arguments,
            reason = "required parameters are arguments, so that forgetting one does not compile"
        )])
    } else {
        quote!()
    };
    let method = quote! {
        #method_doc
        #allow
        pub fn #method_name(&self, #(#all_args),*) -> #builder<#lifetime> {
            #builder::new(#client, #(#all_call_args),*)
        }
    };

    // The builder's constructor.
    let new_params = required.iter().map(|p| {
        let ident = format_ident!("{}", p.ident);
        match p.kind {
            ParamKind::Text => quote!(#ident: String),
            ParamKind::File => quote!(#ident: FilePart),
        }
    });
    let new_body_param = body.as_ref().map(|b| {
        let ty = &b.ty;
        quote!(body: #ty)
    });
    let all_new_params = new_params.chain(new_body_param);
    let inits = op.params.iter().map(|p| {
        let ident = format_ident!("{}", p.ident);
        if p.required {
            quote!(#ident)
        } else {
            quote!(#ident: None)
        }
    });
    let body_init = body.as_ref().map(|_| quote!(body));
    let all_inits = inits.chain(body_init);
    let new_allow = if required.len() + usize::from(body.is_some()) + 1 > 7 {
        quote!(#[allow(clippy::too_many_arguments, reason = "one argument per required parameter")])
    } else {
        quote!()
    };
    let constructor = quote! {
        #new_allow
        fn new(client: &'a smspool_runtime::Client, #(#all_new_params),*) -> Self {
            Self { client, #(#all_inits),* }
        }
    };

    // The builder.
    let fields = op.params.iter().map(|p| {
        let ident = format_ident!("{}", p.ident);
        let ty = match p.kind {
            ParamKind::Text => quote!(String),
            ParamKind::File => quote!(FilePart),
        };
        if p.required {
            quote!(#ident: #ty,)
        } else {
            quote!(#ident: Option<#ty>,)
        }
    });
    let body_field = body.as_ref().map(|b| {
        let ty = &b.ty;
        quote!(body: #ty,)
    });
    let setters: Vec<TokenStream> = optional
        .iter()
        .map(|p| setter(p, module_path, cx))
        .collect();
    let response_ty = response_type(op);
    let statements = op.params.iter().map(call_statement);
    let header_statements = op
        .constant_headers
        .iter()
        .map(|(name, value)| quote!(call.header(#name, #value.to_owned());));
    let body_statement = body.as_ref().map(|b| b.statement.clone());
    let fixed_statements = op.fixed_params.iter().map(|f| {
        let (wire, value) = (&f.wire, &f.value);
        match f.location {
            Location::Query => quote!(call.query(#wire, #value.to_owned());),
            Location::Header => quote!(call.header(#wire, #value.to_owned());),
            Location::Path | Location::Form => quote!(call.form(#wire, #value.to_owned());),
        }
    });
    let has_statements = !op.params.is_empty()
        || body.is_some()
        || !op.constant_headers.is_empty()
        || !op.fixed_params.is_empty();
    let call_binding = if has_statements {
        quote!(let mut call = Call::new(&#static_name);)
    } else {
        quote!(let call = Call::new(&#static_name);)
    };
    let execute = match &op.response.kind {
        ResponseKind::Text => quote!(execute_text),
        ResponseKind::Empty => quote!(execute_empty),
        ResponseKind::Json(_) | ResponseKind::Answer(_) => quote!(execute),
    };
    let execute_call = answers::execute(op, module_path, place.api_root, cx)
        .unwrap_or_else(|| quote!(self.client.#execute(call).await));
    let builder_doc = if optional.is_empty() {
        format!(
            " A call to [`{handle}::{name}`]: `.await` it (or call [`send`](Self::send)).",
            name = op.name
        )
    } else {
        format!(
            " A call to [`{handle}::{name}`]: set optional parameters, then `.await` it (or call [`send`](Self::send)).",
            name = op.name
        )
    };
    let static_doc = format!(" `{} {}`", op.method, op.path);
    let spec = spec(op, module_path);

    let items = quote! {
        #[doc = #builder_doc]
        #[derive(Clone, Debug)]
        #[must_use = "a request does nothing until it is awaited or sent"]
        pub struct #builder<'a> {
            client: &'a smspool_runtime::Client,
            #(#fields)*
            #body_field
        }

        impl<'a> #builder<'a> {
            #constructor

            #(#setters)*

            /// Sends the request and decodes the answer; see [`Error`] for what can fail.
            pub async fn send(self) -> Result<#response_ty, Error> {
                #call_binding
                #(#fixed_statements)*
                #(#statements)*
                #(#header_statements)*
                #body_statement
                #execute_call
            }
        }

        impl<'a> IntoFuture for #builder<'a> {
            type Output = Result<#response_ty, Error>;
            type IntoFuture = BoxFuture<'a, Self::Output>;

            fn into_future(self) -> Self::IntoFuture {
                Box::pin(self.send())
            }
        }

        #[doc = #static_doc]
        static #static_name: Operation = #spec;
    };
    Emitted { method, items }
}

struct BodyParam {
    ty: TokenStream,
    statement: TokenStream,
}

/// The `body` argument, for operations whose body is not form fields.
fn body_param(op: &Operation) -> Option<BodyParam> {
    // JSON bodies and GraphQL variables have a type when the example is an object.
    let typed = || match &op.body_type {
        Some(name) => {
            let name = format_ident!("{}", name);
            quote!(#name)
        }
        None => quote!(smspool_runtime::serde_json::Value),
    };
    match &op.body {
        Body::Json { .. } => Some(BodyParam {
            ty: typed(),
            statement: quote!(call.json(&self.body)?;),
        }),
        Body::Text { content_type, .. } => Some(BodyParam {
            ty: quote!(String),
            statement: quote!(call.body(#content_type, self.body.into_bytes());),
        }),
        Body::Binary => Some(BodyParam {
            ty: quote!(Vec<u8>),
            statement: quote!(call.body("application/octet-stream", self.body);),
        }),
        Body::GraphQl { query, .. } => Some(BodyParam {
            ty: typed(),
            statement: quote!(call.graphql(#query, &self.body)?;),
        }),
        Body::None | Body::Form | Body::Multipart => None,
    }
}

fn setter(p: &Param, module_path: &str, cx: &mut Cx) -> TokenStream {
    let ident = format_ident!("{}", p.ident);
    let doc = cx.doc(&param_docs(p));
    if let Some(ty) = choices::arg_type(p, module_path, cx) {
        return quote! {
            #doc
            pub fn #ident(mut self, #ident: #ty) -> Self {
                self.#ident = Some(#ident.into_param());
                self
            }
        };
    }
    match p.kind {
        ParamKind::Text => quote! {
            #doc
            pub fn #ident(mut self, #ident: impl ParamValue) -> Self {
                self.#ident = Some(#ident.into_param());
                self
            }
        },
        ParamKind::File => quote! {
            #doc
            pub fn #ident(mut self, #ident: FilePart) -> Self {
                self.#ident = Some(#ident);
                self
            }
        },
    }
}

fn call_statement(p: &Param) -> TokenStream {
    let ident = format_ident!("{}", p.ident);
    let wire = &p.wire;
    let value = match (&p.default, p.required) {
        (Some(default), false) => quote!(self.#ident.unwrap_or_else(|| #default.to_owned())),
        _ => quote!(self.#ident),
    };
    let has_default = p.default.is_some() && !p.required;
    let single = p.required || has_default;
    match (p.location, p.kind, single) {
        (Location::Path, _, _) => quote!(call.path(#wire, #value);),
        (Location::Query, _, true) => quote!(call.query(#wire, #value);),
        (Location::Query, _, false) => quote!(call.query_opt(#wire, #value);),
        (Location::Header, _, true) => quote!(call.header(#wire, #value);),
        (Location::Header, _, false) => quote!(call.header_opt(#wire, #value);),
        (Location::Form, ParamKind::Text, true) => quote!(call.form(#wire, #value);),
        (Location::Form, ParamKind::Text, false) => quote!(call.form_opt(#wire, #value);),
        (Location::Form, ParamKind::File, true) => quote!(call.file(#wire, #value);),
        (Location::Form, ParamKind::File, false) => quote!(call.file_opt(#wire, #value);),
    }
}

fn response_type(op: &Operation) -> TokenStream {
    match &op.response.kind {
        ResponseKind::Text => quote!(String),
        ResponseKind::Empty => quote!(()),
        ResponseKind::Answer(name) => {
            let name = format_ident!("{}", name);
            quote!(#name)
        }
        ResponseKind::Json(name) => {
            let name = format_ident!("{}", name);
            quote!(#name)
        }
    }
}

fn spec(op: &Operation, module_path: &str) -> TokenStream {
    let name = if module_path.is_empty() {
        op.name.clone()
    } else {
        format!("{module_path}::{}", op.name)
    };
    let method = &op.method;
    let path = &op.path;
    let safety = match op.safety {
        Safety::ReadOnly => quote!(ReadOnly),
        Safety::Mutation => quote!(Mutation),
        Safety::Paid => quote!(Paid),
    };
    let body = match op.body {
        Body::None => quote!(None),
        Body::Form => quote!(Form),
        Body::Multipart => quote!(Multipart),
        _ => quote!(Raw),
    };
    let response = match op.response.kind {
        ResponseKind::Text | ResponseKind::Answer(_) => quote!(Text),
        ResponseKind::Empty => quote!(Empty),
        ResponseKind::Json(_) => quote!(Json),
    };
    let auth = match &op.auth {
        Auth::None => quote!(None),
        Auth::Bearer => quote!(Bearer),
        Auth::Basic => quote!(Basic),
        Auth::Header(h) => quote!(Header(#h)),
        Auth::Query(q) => quote!(Query(#q)),
        Auth::Manual(_) => quote!(Authorization),
    };
    let credential = match &op.credential_field {
        Some(field) => quote!(Some(#field)),
        None => quote!(None),
    };
    quote! {
        Operation {
            name: #name,
            method: #method,
            path: #path,
            safety: smspool_runtime::Safety::#safety,
            body: smspool_runtime::BodyKind::#body,
            response: smspool_runtime::ResponseKind::#response,
            auth: smspool_runtime::AuthScheme::#auth,
            credential_field: #credential,
        }
    }
}

/// The docs of the handle method: name, method and path, safety, description,
/// parameters' notes, the saved error answers, and an example call.
fn method_docs(op: &Operation, module_path: &str, krate: &str) -> String {
    let mut out = format!("{}\n\n`{} {}`", op.title.trim(), op.method, op.path);
    match op.safety {
        Safety::Paid => out.push_str(" · **paid**: never retried automatically."),
        Safety::Mutation => {
            out.push_str(" · changes state: retried only when the request provably did not arrive.")
        }
        Safety::ReadOnly => out.push_str(" · read-only: retried on transient failures."),
    }
    if !op.docs.trim().is_empty() {
        out.push_str("\n\n");
        out.push_str(&docs::sanitize(&op.docs));
    }
    let required: Vec<&Param> = op.params.iter().filter(|p| p.required).collect();
    if !required.is_empty() {
        out.push_str("\n\n# Arguments\n");
        for p in required {
            let (description, wire) = param_parts(p);
            let text = if description.is_empty() {
                wire
            } else {
                format!("{description} {wire}")
            };
            out.push_str(&format!("\n- `{}`: {}", p.ident, text.replace('\n', " ")));
        }
    }
    for note in prose::notes(op) {
        out.push_str("\n\n");
        out.push_str(&docs::sanitize(&note));
    }
    if op.response.unverified {
        out.push_str(
            "\n\n**Unverified response**: the collection has no saved example of a successful answer, \
             so the response is kept as JSON ([`Unverified`]).",
        );
    }
    if !op.response.errors.is_empty() {
        out.push_str(
            "\n\n# Errors\n\nSaved examples of error answers, each returned as an [`Error`]:\n",
        );
        for e in &op.response.errors {
            let status = e
                .status
                .map_or("no status".to_owned(), |s| format!("HTTP {s}"));
            let kind = e
                .error_type
                .as_ref()
                .map(|t| format!(", `{t}`"))
                .unwrap_or_default();
            out.push_str(&format!(
                "\n- {status}{kind}: {}",
                docs::sanitize(&e.message)
            ));
        }
    }
    out.push_str("\n\n");
    out.push_str(&super::example::section(op, module_path, krate));
    out
}

/// A parameter's docs: its description and where it goes on the wire.
fn param_docs(p: &Param) -> String {
    match param_parts(p) {
        (description, wire) if description.is_empty() => wire,
        (description, wire) => format!("{description}\n\n{wire}"),
    }
}

/// A parameter's description (sanitized, ending with a full stop) and its wire
/// placement (`Form field `country`, example `1`.`).
fn param_parts(p: &Param) -> (String, String) {
    let mut description = docs::sanitize(p.docs.trim());
    if !description.is_empty() && !description.ends_with(['.', '!', '?', ')', '`']) {
        description.push('.');
    }
    let place = match p.location {
        Location::Path => "Path segment",
        Location::Query => "Query parameter",
        Location::Header => "Header",
        Location::Form => "Form field",
    };
    let mut wire = format!("{place} {}", docs::code(&p.wire));
    if let Some(example) = &p.example {
        wire.push_str(&format!(", example {}", docs::code(example)));
    }
    if let Some(default) = &p.default {
        wire.push_str(&format!(", {} when not set", docs::code(default)));
    }
    wire.push('.');
    (description, wire)
}
