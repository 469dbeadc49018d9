//! The order lifecycle of the overrides file, as the runtime's mock reads it: the
//! `LIFECYCLE` static of `src/mock/mod.rs`.

use proc_macro2::TokenStream;
use quote::quote;

use crate::model::{Lifecycle, OperationAt, StatusValue};

/// `static LIFECYCLE: engine::Lifecycle = …;`
pub fn item(l: &Lifecycle) -> TokenStream {
    let status = |s: &StatusValue| {
        let name = &s.name;
        let code = option_i64(s.code);
        quote!(engine::Status { name: #name, code: #code })
    };
    let st = &l.statuses;
    let (pending, delivered) = (status(&st.pending), status(&st.delivered));
    let (cancelled, expired) = (status(&st.cancelled), status(&st.expired));

    let c = &l.create;
    let create_op = name(&c.operation);
    let create_example = &c.example;
    let order_id = &c.order_id;
    let number = &c.number;
    let (cost, expires_in) = (option(&c.cost), option(&c.expires_in));
    let (out_of_stock, low_balance) = (option(&c.out_of_stock), option(&c.low_balance));

    let li = &l.list;
    let list_op = name(&li.operation);
    let (list_example, list_id, list_status, list_code) =
        (&li.example, &li.order_id, &li.status, &li.code);
    let (list_full, list_number, list_cost) =
        (option(&li.full_text), option(&li.number), option(&li.cost));

    let ch = &l.check;
    let check_op = name(&ch.operation);
    let (check_param, check_status, check_code) = (&ch.order_id_param, &ch.status, &ch.code);
    let check_full = option(&ch.full_text);
    let (check_pending, check_delivered) = (&ch.pending, &ch.delivered);
    let (check_cancelled, check_missing) = (option(&ch.cancelled), option(&ch.not_found));

    let cancel = match &l.cancel {
        Some(ca) => {
            let op = name(&ca.operation);
            let (param, example) = (&ca.order_id_param, &ca.example);
            let (missing, refused) = (option(&ca.not_found), option(&ca.refused));
            quote! {
                Some(engine::Cancel {
                    operation: #op,
                    order_id_param: #param,
                    example: #example,
                    not_found: #missing,
                    refused: #refused,
                })
            }
        }
        None => quote!(None),
    };
    let balance = match &l.balance {
        Some(b) => {
            let op = name(&b.operation);
            let (example, field) = (&b.example, &b.balance);
            quote!(Some(engine::Balance { operation: #op, example: #example, balance: #field }))
        }
        None => quote!(None),
    };
    quote! {
        /// How orders live in [`Server::with_orders`], from the overrides file.
        static LIFECYCLE: engine::Lifecycle = engine::Lifecycle {
            statuses: engine::Statuses {
                pending: #pending,
                delivered: #delivered,
                cancelled: #cancelled,
                expired: #expired,
            },
            create: engine::Create {
                operation: #create_op,
                example: #create_example,
                order_id: #order_id,
                number: &[#(#number),*],
                cost: #cost,
                expires_in: #expires_in,
                out_of_stock: #out_of_stock,
                low_balance: #low_balance,
            },
            list: engine::List {
                operation: #list_op,
                example: #list_example,
                order_id: #list_id,
                status: #list_status,
                code: #list_code,
                full_text: #list_full,
                number: #list_number,
                cost: #list_cost,
            },
            check: engine::Check {
                operation: #check_op,
                order_id_param: #check_param,
                status: #check_status,
                code: #check_code,
                full_text: #check_full,
                pending: #check_pending,
                delivered: #check_delivered,
                cancelled: #check_cancelled,
                not_found: #check_missing,
            },
            cancel: #cancel,
            balance: #balance,
        };
    }
}

/// The runtime name of the operation at `at` (`sms::purchase`).
fn name(at: &OperationAt) -> String {
    let path = at.modules.join("::");
    if path.is_empty() {
        at.method.clone()
    } else {
        format!("{path}::{}", at.method)
    }
}

fn option(value: &Option<String>) -> TokenStream {
    match value {
        Some(v) => quote!(Some(#v)),
        None => quote!(None),
    }
}

fn option_i64(value: Option<i64>) -> TokenStream {
    match value {
        Some(v) => {
            let v = proc_macro2::Literal::i64_unsuffixed(v);
            quote!(Some(#v))
        }
        None => quote!(None),
    }
}
