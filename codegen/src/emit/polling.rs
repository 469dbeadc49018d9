//! The polling helper (`[polling]` in the overrides file): `src/polling.rs`, which
//! implements the runtime's `OrderTracker` for the client and adds the waiting method,
//! and the lines of `lib.rs` that declare it and re-export the runtime's types.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::cx::Cx;
use super::{Config, docs, error_kinds, features};
use crate::model::{Access, Api, POLLING_MODULE, POLLING_ROOT_ITEMS, Polling, Source};

/// The items `lib.rs` needs: the module and the re-exports.
pub fn root_items(polling: Option<&Polling>) -> TokenStream {
    let Some(polling) = polling else {
        return quote!();
    };
    let module = format_ident!("{}", POLLING_MODULE);
    let items = POLLING_ROOT_ITEMS.iter().map(|i| format_ident!("{}", i));
    let cfg = features::polling_cfg(polling);
    quote! {
        #cfg
        mod #module;
        pub use postgen_runtime::poll::{#(#items),*};
    }
}

/// The path of the helper's file.
pub fn file_path() -> String {
    format!("src/{POLLING_MODULE}.rs")
}

/// The tokens of `src/polling.rs`.
pub fn file(p: &Polling, config: &Config, api: &Api, cx: &mut Cx) -> TokenStream {
    let orders = api.lifecycle.is_some();
    let status = format_ident!("{}", p.status_enum);
    let method = format_ident!("{}", p.method);
    let arm = |variants: &[(String, String)], state: TokenStream| {
        if variants.is_empty() {
            return quote!();
        }
        let idents = variants.iter().map(|(ident, _)| format_ident!("{}", ident));
        quote!(#(#status::#idents)|* => OrderState::#state,)
    };
    let delivered = arm(&p.delivered, quote!(Delivered));
    let failed = arm(&p.failed, quote!(Failed));

    let list_call = call(&p.list, None);
    let items = p.list.items.iter().map(|i| format_ident!("{}", i));
    let list_snapshot = snapshot(&p.list, quote!(item), None);
    let order_id = format_ident!("order_id");
    let check_call = call(&p.check, Some(&order_id));
    let check_snapshot = snapshot(&p.check, quote!(answer), Some(quote!(order_id.to_owned())));

    let module_doc = cx.inner_doc(&format!(
        "Waiting for orders' codes: [`Client::{}`], and the [`OrderTracker`] behind it.",
        p.method
    ));
    let tracker_doc = cx.doc(&format!(
        "How [`Client::{}`] reports on orders: {} lists many at once, {} checks one.\n\n{}",
        p.method,
        link(&p.list),
        link(&p.check),
        docs::sanitize(&p.reason)
    ));
    let mut method_text = method_docs(p, config, orders);
    method_text.push_str(&recipe(p, config, api, orders));
    let method_doc = cx.doc(&method_text);
    quote! {
        #module_doc

        use crate::{Client, Error, #status};
        use postgen_runtime::poll::{
            OrderOutcome, OrderSnapshot, OrderState, OrderTracker, PollError, PollOptions,
        };

        #tracker_doc
        impl OrderTracker for Client {
            type Status = #status;

            fn state(&self, status: &#status) -> OrderState {
                match status {
                    #delivered
                    #failed
                    _ => OrderState::Pending,
                }
            }

            async fn list_orders(&self) -> Result<Vec<OrderSnapshot<#status>>, Error> {
                let answer = #list_call.await?;
                let orders = answer
                    #(.#items)*
                    .into_iter()
                    .map(|item| #list_snapshot)
                    .collect();
                Ok(orders)
            }

            async fn check_order(&self, order_id: &str) -> Result<OrderSnapshot<#status>, Error> {
                let answer = #check_call.await?;
                Ok(#check_snapshot)
            }
        }

        impl Client {
            #method_doc
            pub fn #method(
                &self,
                order_ids: impl IntoIterator<Item = impl Into<String>>,
                options: PollOptions,
            ) -> impl Future<Output = Result<Vec<OrderOutcome<#status>>, PollError<#status>>> + Send
            {
                postgen_runtime::poll::wait_for_codes(self, order_ids, options)
            }
        }
    }
}

/// `self.sms().active_orders()`, `self.sms().check(order_id)`.
fn call(source: &Source, arg: Option<&proc_macro2::Ident>) -> TokenStream {
    let modules = source.modules.iter().map(|m| format_ident!("{}", m));
    let method = format_ident!("{}", source.method);
    let arg = arg.map(|a| quote!(#a));
    quote!(self #(.#modules())* .#method(#arg))
}

/// `OrderSnapshot { order_id, status, code, full_text }` from `value`'s fields.
fn snapshot(source: &Source, value: TokenStream, order_id: Option<TokenStream>) -> TokenStream {
    let field = |a: &Access| {
        let ident = format_ident!("{}", a.ident);
        quote!(#value.#ident)
    };
    let text = |a: &Access| {
        let f = field(a);
        if a.optional {
            quote!(#f.filter(|text| !text.is_empty()))
        } else {
            quote!(Some(#f).filter(|text| !text.is_empty()))
        }
    };
    let order_id = match (order_id, &source.order_id) {
        (Some(given), _) => given,
        (None, Some(a)) => field(a),
        (None, None) => quote!(String::new()),
    };
    let status = field(&source.status);
    let code = text(&source.code);
    let full_text = match &source.full_text {
        Some(a) => text(a),
        None => quote!(None),
    };
    quote! {
        OrderSnapshot {
            order_id: #order_id,
            status: #status,
            code: #code,
            full_text: #full_text,
        }
    }
}

/// `[`Sms::active_orders`](crate::sms::Sms::active_orders) (`POST /request/active`)`.
fn link(source: &Source) -> String {
    let short = source.handle.rsplit("::").next().unwrap_or(&source.handle);
    format!(
        "[`{short}::{m}`](crate::{h}::{m}) (`{http}`)",
        m = source.method,
        h = source.handle,
        http = source.http
    )
}

fn names(variants: &[(String, String)]) -> String {
    let quoted: Vec<String> = variants.iter().map(|(_, n)| docs::code(n)).collect();
    match quoted.as_slice() {
        [] => "never".to_owned(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
    }
}

fn method_docs(p: &Polling, config: &Config, orders: bool) -> String {
    let krate = config.crate_name.replace('-', "_");
    // With the mock's order book, the example runs: the order exists and its code
    // arrives at the first look. Without it, it is only compiled.
    let (fence, open, close) = harness(&krate, orders, "deliver_after_polls(0)");
    format!(
        "Waits for the codes of `order_ids`, and returns each order's outcome in the order \
         given.\n\n\
         Each round sends one request to {list}, which reports on many orders at once, and checks \
         with {check} only the orders that list does not show. An order is delivered when its \
         status is {delivered}, failed when it is {failed}, and pending otherwise; rounds go on \
         until every order is delivered or failed. Requests go through this client, so its rate \
         limit and retries apply; transient failures (network, 429, 5xx) are ridden out until the \
         deadline.\n\n\
         # Errors\n\n\
         [`PollError`] when the deadline passes, the cancellation signal of [`PollOptions`] \
         completes, or a request fails in a way waiting will not fix (a rejected key...). It \
         keeps every order's outcome so far: codes that arrived are never lost.\n\n\
         # Example\n\n\
         {fence}\n\
         {open}\
         use std::time::Duration;\n\
         use {krate}::PollOptions;\n\n\
         let options = PollOptions::new()\n    .interval(Duration::from_secs(5))\n    .timeout(Duration::from_secs(600));\n\
         for outcome in client.{method}([\"ABCDEFGH\"], options).await? {{\n\
         \x20   match outcome.code() {{\n\
         \x20       Some(code) => println!(\"{{}}: {{code}}\", outcome.order_id()),\n\
         \x20       None => println!(\"{{}}: no code, {{:?}}\", outcome.order_id(), outcome.status()),\n\
         \x20   }}\n\
         }}\n\
         {close}\
         ```",
        list = link(&p.list),
        check = link(&p.check),
        delivered = names(&p.delivered),
        failed = names(&p.failed),
        method = p.method,
    )
}

/// "When no code comes": the operations the API refuses for a while after a purchase
/// (a cancel's time lock), and how to wait it out after a timeout. Nothing when no
/// operation declares such a condition.
fn recipe(p: &Polling, config: &Config, api: &Api, orders: bool) -> String {
    let later = error_kinds::later_operations(api);
    let Some(first) = later.first() else {
        return String::new();
    };
    let links: Vec<&str> = later.iter().map(|l| l.link.as_str()).collect();
    let mut out = format!(
        "\n\n# When no code comes\n\n\
         An order still pending at the deadline is paid for until it is cancelled, and the API \
         may refuse that for a while after the purchase: {} answers \
         [`ErrorKind::{v}`](crate::ErrorKind::{v}) then. \
         Send it with [`when_allowed`](crate::Request::when_allowed) instead of `.await`: it \
         sends the call again, through this client's rate limit and with a backoff, only while \
         the answer is that condition, until the API accepts it or the [`Patience`](crate::Patience) \
         runs out; any other failure ends it at once.",
        links.join(", "),
        v = first.kind.variant
    );
    let Some(call) = &first.call else {
        return out;
    };
    let krate = config.crate_name.replace('-', "_");
    let (fence, open, close) = harness(&krate, orders, "never_deliver()");
    out.push_str(&format!(
        "\n\n{fence}\n\
         {open}\
         use std::time::Duration;\n\
         use {krate}::{{Patience, PollError, PollOptions, Settled}};\n\n\
         let options = PollOptions::new().timeout(Duration::from_millis(100));\n\
         if let Err(PollError::Deadline {{ .. }}) = client.{method}([\"ABCDEFGH\"], options).await {{\n\
         \x20   let patience = Patience::within(Duration::from_secs(180));\n\
         \x20   match client{call}(\"ABCDEFGH\").when_allowed(patience).await? {{\n\
         \x20       Settled::Accepted {{ answer, .. }} => println!(\"cancelled: {{answer:?}}\"),\n\
         \x20       Settled::Declined {{ error, .. }} => println!(\"not cancellable: {{error}}\"),\n\
         \x20       Settled::GaveUp {{ attempts, .. }} => println!(\"still locked after {{attempts}} tries\"),\n\
         \x20   }}\n\
         }}\n\
         {close}\
         ```",
        method = p.method,
    ));
    out
}

/// The fence and hidden lines around a doc example of the helper: with the mock's
/// order book (`orders`, set up with `Orders::new().{setup}` and order `ABCDEFGH`) it
/// runs; without it, it is only compiled.
fn harness(krate: &str, orders: bool, setup: &str) -> (&'static str, String, String) {
    if orders {
        (
            "```",
            format!(
                "# {krate}::mock::example_with_orders({krate}::mock::Orders::new().{setup}, |mock| async move {{\n\
                 # mock.place_order(\"ABCDEFGH\");\n\
                 # let client = mock.client();\n"
            ),
            "# Ok(())\n# });\n".to_owned(),
        )
    } else {
        (
            "```no_run",
            format!(
                "# async fn example(client: {krate}::Client) -> Result<(), Box<dyn std::error::Error>> {{\n"
            ),
            "# Ok(())\n# }\n".to_owned(),
        )
    }
}
