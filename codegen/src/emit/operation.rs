//! One operation: the method on its module's handle, the builder of its optional
//! parameters (when it has any), and the static description the runtime reads.
//!
//! The method starts the runtime's `Request` with the required parameters, so that
//! forgetting one does not compile. An operation without optional parameters returns
//! that `Request` as it is; one with optional parameters wraps it in a builder whose
//! setters add them.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::cx::Cx;
use super::module::Place;
use super::{layout, op_docs, params, types};
use crate::model::{Auth, BODY_ARGUMENT, Body, Operation, Param, ResponseKind, Safety, Ty};

/// What one operation contributes to its module file.
pub struct Emitted {
    /// The method on the handle (goes in the handle's `impl`).
    pub method: TokenStream,
    /// The builder (if any) and the static.
    pub items: TokenStream,
}

/// Emits `op`, an operation of the module at `place`.
pub fn emit(op: &Operation, place: &Place<'_>, cx: &mut Cx) -> Emitted {
    // Folder handles carry the client's lifetime as `'a`; the root `Client` lends its own.
    let lifetime = if place.handle == "Client" {
        quote!('_)
    } else {
        quote!('a)
    };
    cx.uses.add("postgen_runtime::Operation");
    cx.uses.add("postgen_runtime::Request");
    let method_name = format_ident!("{}", op.name);
    let constant = format_ident!("{}", op.constant);
    let request = request_type(op, &lifetime, cx);

    let required: Vec<&Param> = op.params.iter().filter(|p| p.required).collect();
    let optional: Vec<&Param> = op.params.iter().filter(|p| !p.required).collect();
    let mut args: Vec<TokenStream> = required
        .iter()
        .map(|p| {
            let ident = format_ident!("{}", p.ident);
            let ty = params::arg_type(p, place.path, cx);
            quote!(#ident: #ty)
        })
        .collect();
    let body = body(op, cx);
    if let Some((ty, _)) = &body {
        let arg = format_ident!("{BODY_ARGUMENT}");
        args.push(quote!(#arg: #ty));
    }

    // What every call sends, then the required parameters, then the body.
    let mut chain: Vec<TokenStream> = Vec::new();
    for f in &op.fixed_params {
        chain.push(params::set_constant(f.location, &f.wire, &f.value));
    }
    for (name, value) in &op.constant_headers {
        chain.push(quote!(.header(#name, #value)));
    }
    for p in &op.params {
        match (&p.default, p.required) {
            (_, true) => chain.push(params::set(p, cx)),
            (Some(default), false) => {
                chain.push(params::set_constant(p.location, &p.wire, default));
            }
            (None, false) => {}
        }
    }
    if let Some((_, set_body)) = &body {
        chain.push(set_body.clone());
    }
    let client = &place.client;
    let start = quote!(Request::new(#client, &#constant) #(#chain)*);
    let method_doc = cx.doc(&op_docs::method(op, place));
    // clippy counts `self`: more than 7 arguments in all.
    let allow = if args.len() + 1 > 7 {
        quote!(#[allow(
            clippy::too_many_arguments,
            reason = "required parameters are arguments, so that forgetting one does not compile"
        )])
    } else {
        quote!()
    };
    let (root, calls) = spec(op, place);
    // The crate's mock routes requests to the operation by its static.
    let static_item = cx.verbatim(&layout::static_item(
        "pub(crate) ",
        &op.constant,
        "Operation",
        root.as_pair(),
        &calls,
    ));

    if optional.is_empty() {
        return Emitted {
            method: quote! {
                #method_doc
                #allow
                pub fn #method_name(&self, #(#args),*) -> #request {
                    #start
                }
            },
            items: static_item,
        };
    }

    let builder = format_ident!("{}", op.builder);
    let setters: Vec<TokenStream> = optional.iter().map(|p| setter(p, place, cx)).collect();
    let builder_doc = format!(
        " A call to [`{}::{}`]: set optional parameters, then `.await` it.",
        place.handle, op.name
    );
    let answer = answer_type(op, cx);
    let request_a = request_type(op, &quote!('a), cx);
    Emitted {
        method: quote! {
            #method_doc
            #allow
            pub fn #method_name(&self, #(#args),*) -> #builder<#lifetime> {
                let request = #start;
                #builder(request)
            }
        },
        items: quote! {
            #[doc = #builder_doc]
            #[derive(Debug)]
            #[must_use = "a request does nothing until it is awaited"]
            pub struct #builder<'a>(#request_a);

            impl #builder<'_> {
                #(#setters)*
            }

            postgen_runtime::await_request!(#builder => #answer);

            #static_item
        },
    }
}

fn setter(p: &Param, place: &Place<'_>, cx: &mut Cx) -> TokenStream {
    let ident = format_ident!("{}", p.ident);
    let doc = cx.doc(&op_docs::param(p));
    let ty = params::arg_type(p, place.path, cx);
    let set = params::set(p, cx);
    quote! {
        #doc
        pub fn #ident(self, #ident: #ty) -> Self {
            Self(self.0 #set)
        }
    }
}

/// The type of `op`'s answer.
fn answer_type(op: &Operation, cx: &mut Cx) -> TokenStream {
    match &op.response.kind {
        ResponseKind::Json(ty) => types::ty(ty, cx),
        ResponseKind::Text => quote!(String),
        ResponseKind::Empty => quote!(()),
        ResponseKind::Answer(name) => {
            let name = format_ident!("{}", name);
            quote!(#name)
        }
    }
}

/// `Request<'a, T>`, with how `T` is read when it is not JSON.
fn request_type(op: &Operation, lifetime: &TokenStream, cx: &mut Cx) -> TokenStream {
    let answer = answer_type(op, cx);
    let decode = match &op.response.kind {
        // Lists are allocated once at their length: some run to megabytes.
        ResponseKind::Json(Ty::Vec(_)) => quote!(JsonList),
        ResponseKind::Json(_) => return quote!(Request<#lifetime, #answer>),
        ResponseKind::Text => quote!(Text),
        ResponseKind::Empty => quote!(Empty),
        ResponseKind::Answer(_) => quote!(Answers),
    };
    cx.uses.add(&format!("postgen_runtime::{decode}"));
    quote!(Request<#lifetime, #answer, #decode>)
}

/// The `body` argument's type and the call that sends it, for bodies that are not
/// form fields.
fn body(op: &Operation, cx: &mut Cx) -> Option<(TokenStream, TokenStream)> {
    // JSON bodies and GraphQL variables have a type when the example is an object.
    let typed = |cx: &mut Cx| match &op.body_type {
        Some(ty) => types::ty(ty, cx),
        None => quote!(postgen_runtime::serde_json::Value),
    };
    let body = format_ident!("{BODY_ARGUMENT}");
    match &op.body {
        Body::Json { .. } => Some((typed(cx), quote!(.json(&#body)))),
        Body::Text { content_type, .. } => {
            Some((quote!(String), quote!(.body(#content_type, #body))))
        }
        Body::Binary => Some((
            quote!(Vec<u8>),
            quote!(.body("application/octet-stream", #body)),
        )),
        Body::GraphQl { query, .. } => Some((typed(cx), quote!(.graphql(#query, &#body)))),
        Body::None | Body::Form | Body::Multipart => None,
    }
}

/// A constructor call: the function and its arguments, as written.
struct Root {
    function: String,
    args: Vec<String>,
}

impl Root {
    fn as_pair(&self) -> (&str, &[String]) {
        (&self.function, &self.args)
    }
}

/// The name the runtime knows `op` by (`sms::purchase`), in the module at
/// `module_path`: the mock's routes and examples use it too.
pub fn runtime_name(module_path: &str, op: &Operation) -> String {
    if module_path.is_empty() {
        op.name.clone()
    } else {
        format!("{module_path}::{}", op.name)
    }
}

/// `Operation::post("sms::purchase", "/purchase/sms")` and `.paid()`, `.form()`: the
/// static description of `op`, as text.
fn spec(op: &Operation, place: &Place<'_>) -> (Root, Vec<String>) {
    let name = runtime_name(place.path, op);
    let method = op.method.as_str();
    let root = match method {
        "GET" | "POST" | "PUT" | "PATCH" | "DELETE" => Root {
            function: format!("Operation::{}", method.to_ascii_lowercase()),
            args: vec![format!("{name:?}"), format!("{:?}", op.path)],
        },
        _ => Root {
            function: "Operation::new".into(),
            args: vec![
                format!("{name:?}"),
                format!("{method:?}"),
                format!("{:?}", op.path),
            ],
        },
    };
    let mut calls = vec![
        match op.safety {
            Safety::ReadOnly => ".read_only()",
            Safety::Mutation => ".mutation()",
            Safety::Paid => ".paid()",
        }
        .to_owned(),
    ];
    match op.body {
        Body::None => {}
        Body::Form => calls.push(".form()".into()),
        Body::Multipart => calls.push(".multipart()".into()),
        _ => calls.push(".raw()".into()),
    }
    if op.auth != *place.auth {
        calls.push(format!(
            ".auth(postgen_runtime::AuthScheme::{})",
            auth_scheme(&op.auth)
        ));
    }
    if let Some(field) = &op.credential_field {
        calls.push(format!(".key_field({field:?})"));
    }
    (root, calls)
}

/// The runtime's name for `auth` (`Bearer`, `Header("X-Api-Key")`).
pub fn auth_scheme(auth: &Auth) -> String {
    match auth {
        Auth::None => "None".into(),
        Auth::Bearer => "Bearer".into(),
        Auth::Basic => "Basic".into(),
        Auth::Header(h) => format!("Header({h:?})"),
        Auth::Query(q) => format!("Query({q:?})"),
        Auth::Manual(_) => "Authorization".into(),
    }
}
