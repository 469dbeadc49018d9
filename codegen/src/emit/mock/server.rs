//! `src/mock/mod.rs`: the mock `Server` of the generated crate, its routes, the order
//! lifecycle, the doctest helpers, and the endpoints of operations at the collection
//! root.

use std::collections::BTreeMap;

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::super::Config;
use super::super::cx::Cx;
use super::super::{features, layout};
use super::endpoints;
use super::lifecycle;
use crate::model::{Api, Location, Module, Operation};

/// The tokens of `src/mock/mod.rs`.
pub fn file(api: &Api, config: &Config, cx: &mut Cx) -> TokenStream {
    let krate = config.crate_name.replace('-', "_");
    let flag = api.info.error_flag.as_deref();
    let root = endpoints::parts(&api.root, "", flag, cx);
    let (methods, root_items) = (root.methods, root.items);
    let mut children: Vec<&Module> = api.root.modules.iter().collect();
    children.sort_by(|a, b| a.name.cmp(&b.name));
    let children = children.into_iter().map(|child| {
        let name = format_ident!("{}", child.name);
        let cfg = features::cfg(&child.name);
        quote!(#cfg pub mod #name;)
    });
    // How many operations share each method and path: counted once, not per route.
    let mut on_path: BTreeMap<(&str, &str), usize> = BTreeMap::new();
    for op in api.root.all_operations() {
        *on_path.entry((&op.method, &op.path)).or_default() += 1;
    }
    let shared = |op: &Operation| on_path[&(op.method.as_str(), op.path.as_str())] > 1;
    let routes: Vec<TokenStream> = api
        .root
        .walk()
        .into_iter()
        .flat_map(|(path, module)| {
            let cfg = path.first().map(|top| features::cfg(top));
            let path = path.join("::");
            // A module's routes come with its feature, as the module does.
            module.operations.iter().map(move |op| {
                let route = route(op, &path, shared(op));
                quote!(#cfg #route)
            })
        })
        .collect();
    let has_orders = api.lifecycle.is_some();
    let (lifecycle_item, lifecycle_ref) = match &api.lifecycle {
        Some(l) => (lifecycle::item(l), quote!(Some(&LIFECYCLE))),
        None => (quote!(), quote!(None)),
    };
    let with_orders = if has_orders {
        quote! {
            /// Starts a mock whose orders live: a purchase creates an order, listing and
            /// checking report it pending and then delivered with a code, a cancel refunds
            /// it, and the balance follows; `orders` sets the book's balance, prices, stock
            /// and timings.
            ///
            /// # Panics
            ///
            /// As [`start`](Self::start).
            pub async fn with_orders(orders: Orders) -> Self {
                Self(engine::Server::with_orders(&API, orders).await)
            }
        }
    } else {
        quote!()
    };
    let example_with_orders = if has_orders {
        let doc = cx.doc(&format!(
            "Runs `body` with a fresh mock [with orders](Server::with_orders) on a runtime of its own: the \
             harness of the doc examples that need orders.\n\n# Panics\n\nWhen `body` returns an error, \
             and as [`Server::start`].\n\n```\n# use {krate}::mock::Orders;\n\
             {krate}::mock::example_with_orders(Orders::new(), |mock| async move {{\n\
             \x20   let order = mock.place_order(\"ABCDEFGH\");\n\
             \x20   assert_eq!(order.status, \"{}\");\n\
             \x20   Ok(())\n\
             }});\n```",
            api.lifecycle.as_ref().map_or("", |l| l.statuses.pending.name.as_str())
        ));
        quote! {
            #doc
            pub fn example_with_orders<F, Fut>(orders: Orders, body: F)
            where
                F: FnOnce(Server) -> Fut,
                Fut: Future<Output = Result<(), Box<dyn std::error::Error>>>,
            {
                engine::block_on(async {
                    let server = Server::with_orders(orders).await;
                    if let Err(e) = body(server).await {
                        panic!("the example failed: {e}");
                    }
                });
            }
        }
    } else {
        quote!()
    };
    let ops = &api.root.operations;
    let imports = if ops.iter().any(|op| !op.examples.is_empty()) {
        quote!(
            use postgen_runtime::mock::{self as engine, Endpoint, Example};
        )
    } else if !ops.is_empty() {
        quote!(
            use postgen_runtime::mock::{self as engine, Endpoint};
        )
    } else {
        quote!(
            use postgen_runtime::mock as engine;
        )
    };
    let mut reexports: Vec<String> = [
        "REDACTED",
        "Recorded",
        "Reply",
        "SavedExample",
        "StartError",
    ]
    .map(str::to_owned)
    .to_vec();
    if has_orders {
        reexports.splice(0..0, ["OrderView".to_owned(), "Orders".to_owned()]);
    }
    let reexports = cx.verbatim(&layout::use_item(
        "pub ",
        "postgen_runtime::mock",
        &reexports,
    ));
    let module_doc = cx.inner_doc(&module_docs(api, &krate));
    let example_doc = cx.doc(&format!(
        "Runs `body` with a client of a fresh mock, on a runtime of its own: the harness of \
         the operations' doc examples, which call the API through the public client and \
         decode its saved example.\n\n# Panics\n\nWhen `body` returns an error, and as \
         [`Server::start`].\n\n```\n{krate}::mock::example(|client| async move {{\n\
         \x20   let _client = client;\n\
         \x20   Ok(())\n\
         }});\n```"
    ));
    quote! {
        #module_doc

        #imports
        #reexports

        #(#children)*

        /// The API key the mock's [client](Server::client) sends. The mock takes any key,
        /// and its journal records only that one came.
        pub const KEY: &str = "mock-api-key";

        /// The API, as the runtime's mock serves it.
        static API: engine::Api = engine::Api {
            profile: &crate::PROFILE,
            routes: &[#(#routes),*],
            examples: include_str!("examples.json"),
            lifecycle: #lifecycle_ref,
        };

        #lifecycle_item

        /// A local mock of the API on 127.0.0.1, on a free port, for tests; stopped when
        /// dropped. Its accessors mirror the client's, one endpoint per operation; the
        /// journal, the order book and the untyped endpoints are the runtime's
        /// [`engine::Server`], which it dereferences to.
        #[derive(Debug)]
        pub struct Server(engine::Server);

        impl Server {
            /// Starts a mock that answers every operation with its first saved success
            /// example.
            ///
            /// # Panics
            ///
            /// When no port on 127.0.0.1 can be bound.
            pub async fn start() -> Self {
                Self(engine::Server::start(&API).await)
            }

            #with_orders

            /// A client of this mock: its base URL, the key [`KEY`], the default rate
            /// limit and retries.
            ///
            /// # Panics
            ///
            /// If the TLS backend cannot start, as `reqwest::Client::new` does.
            pub fn client(&self) -> crate::Client {
                crate::Client::builder(KEY).base_url(self.0.url()).build_or_panic()
            }

            /// The runtime's mock underneath: the journal, the order book, untyped
            /// endpoints.
            pub fn runtime(&self) -> &engine::Server {
                &self.0
            }

            #(#methods)*
        }

        impl std::ops::Deref for Server {
            type Target = engine::Server;

            fn deref(&self) -> &engine::Server {
                &self.0
            }
        }

        #example_doc
        pub fn example<F, Fut>(body: F)
        where
            F: FnOnce(crate::Client) -> Fut,
            Fut: Future<Output = Result<(), Box<dyn std::error::Error>>>,
        {
            engine::block_on(async {
                let server = Server::start().await;
                if let Err(e) = body(server.client()).await {
                    panic!("the example failed: {e}");
                }
            });
        }

        #example_with_orders
        #root_items
    }
}

/// `engine::Route::new(&crate::sms::PURCHASE)`, with the fixed parameters that tell it
/// apart from others on its path.
fn route(op: &Operation, module_path: &str, shared_path: bool) -> TokenStream {
    let operation = super::operation_static(op, module_path);
    let fixed: Vec<TokenStream> = op
        .fixed_params
        .iter()
        .filter(|f| matches!(f.location, Location::Query | Location::Form))
        .map(|f| {
            let (wire, value) = (&f.wire, &f.value);
            quote!((#wire, #value))
        })
        .collect();
    let mut route = quote!(engine::Route::new(&#operation));
    if !fixed.is_empty() {
        route = quote!(#route.fixed(&[#(#fixed),*]));
    }
    // Another operation on the same method and path, told apart by what it sends.
    let required: Vec<&str> = op
        .params
        .iter()
        .filter(|p| p.required && matches!(p.location, Location::Query | Location::Form))
        .map(|p| p.wire.as_str())
        .collect();
    if shared_path && fixed.is_empty() && !required.is_empty() {
        route = quote!(#route.required(&[#(#required),*]));
    }
    route
}

fn module_docs(api: &Api, krate: &str) -> String {
    let title = super::super::crate_root::api_title(&api.info.name);
    let mut out = format!(
        "A local {title} for your tests (cargo feature `mock`): a real HTTP server on \
         127.0.0.1 that answers every operation with its saved examples, so that code \
         written against [`Client`](crate::Client) can be tested without a key and \
         without spending anything.\n\n\
         - [`Server::start`] answers each operation with its first saved success example;\n\
         - each operation's endpoint (`mock.<module>().<operation>()`, beside the client's \
         `client.<module>().<operation>()`) stubs it: a value of its answer type \
         (`returns`), one of its saved examples by name (`example`, with the constants of \
         its module), or a fault (`html`, `rate_limited`, `stall`, `hang`, `cut_off`), \
         optionally only `when` a parameter matches or a number of `times`;\n\
         - the journal ([`engine::Server::journal`], an endpoint's `received`) records \
         every request with its parameters decoded and the API key redacted."
    );
    if let Some(l) = &api.lifecycle {
        out.push_str(&format!(
            "\n- [`Server::with_orders`] keeps orders that live, as the overrides file \
             describes them: a purchase creates a {pending} order, which is reported \
             {delivered} with a code after a number of looks or some time, a cancel makes \
             it {cancelled} and refunds it, the balance goes down and up, and out-of-stock \
             and low-balance purchases get the API's own answers.",
            pending = l.statuses.pending.name,
            delivered = l.statuses.delivered.name,
            cancelled = l.statuses.cancelled.name,
        ));
    }
    out.push_str(&format!(
        "\n\nAdd the feature to your dev-dependencies: `{krate} = {{ version = \"…\", \
         features = [\"mock\"] }}`."
    ));
    out
}
