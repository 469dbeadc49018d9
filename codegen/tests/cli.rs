//! The CLI is written from the model: a change of the collection changes its
//! commands, arguments and tests, and nothing else of it.

use smspool_codegen::emit::Config;
use smspool_codegen::emit::cli::{self, CliConfig};
use smspool_codegen::{Overrides, Warnings, build_model};

const COLLECTION: &str = r#"{
    "info": {"name": "Shop API", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
    "item": [{"name": "Orders", "item": [
        {"name": "Place order", "request": {"method": "POST", "url": "https://api.example.com/orders",
            "body": {"mode": "urlencoded", "urlencoded": [
                {"key": "product_id", "value": "12"}, {"key": "quantity", "value": "2"}]}},
         "response": [{"name": "ok", "code": 200, "body": "{\"id\": 7, \"total\": \"4.50\"}"}]}
    ]}]
}"#;

fn cli_files(collection: &str) -> smspool_codegen::emit::Files {
    let api =
        build_model(collection, &Overrides::default(), &mut Warnings::default()).expect("models");
    let config = Config {
        crate_name: "shop".into(),
        description: "Shop.".into(),
        source: "shop.json".into(),
        docs: None,
        runtime_path: "../runtime".into(),
        in_workspace: false,
        metadata: Default::default(),
    };
    cli::emit(&api, &config, &CliConfig::beside(&config)).expect("emits")
}

#[test]
fn the_cli_follows_the_collection() {
    let before = cli_files(COLLECTION);
    let orders = &before["src/orders.rs"];
    assert!(
        orders.contains(r#"#[command(name = "place", verbatim_doc_comment)]"#),
        "{orders}"
    );
    assert!(
        orders.contains("product_id: u64,") && orders.contains("quantity: u64,"),
        "{orders}"
    );
    assert!(before["tests/operations.rs"].contains(r#"["orders", "place", "--", "12", "2"]"#));
    assert!(before["src/main.rs"].contains(r#"key_env: "SHOP_API_KEY""#));

    // Renamed, with a new parameter: the command, its arguments and its test follow.
    let changed = COLLECTION.replace("Place order", "Create order").replace(
        r#"{"key": "quantity", "value": "2"}"#,
        r#"{"key": "quantity", "value": "2"}, {"key": "note", "value": "gift"}"#,
    );
    let after = cli_files(&changed);
    let orders = &after["src/orders.rs"];
    assert!(orders.contains(r#"name = "create""#) && !orders.contains(r#"name = "place""#));
    assert!(orders.contains("note: String,"), "{orders}");
    assert!(
        after["tests/operations.rs"].contains(r#"["orders", "create", "--", "12", "2", "gift"]"#)
    );
    let unchanged: Vec<&String> = before
        .keys()
        .filter(|path| before[*path] == after[*path])
        .collect();
    assert_eq!(
        unchanged,
        ["Cargo.toml", "rustfmt.toml", "src/main.rs"],
        "only the module and its test change"
    );
}
