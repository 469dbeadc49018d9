//! Snapshots that guard the generator's output without storing the same code twice:
//!
//! - the model of the SMSPool collection, one compact listing per folder (the API
//!   surface: operations, parameters, auth, safety, inferred types, error shapes),
//!   whose generated code is guarded by the `generated/` freshness test instead;
//! - the generated code of small fixture collections, one per generator feature.
//!
//! Accept intended changes with `cargo insta review`.

use codegen::listing;
use smspool_tests::{fixture, fixture_config, read, root, smspool};

#[test]
fn smspool_model_per_folder() {
    let generated = smspool();
    insta::assert_snapshot!("smspool_api", listing::api_header(&generated.api));
    for (path, module) in generated.api.root.walk() {
        let name = if path.is_empty() {
            "root".to_owned()
        } else {
            path.join("__")
        };
        insta::assert_snapshot!(format!("smspool_model_{name}"), listing::module(module));
    }
}

#[test]
fn smspool_collection_has_no_warnings() {
    let generated = smspool();
    assert!(
        generated.warnings.is_empty(),
        "{:#?}",
        generated.warnings.lines()
    );
}

/// Every file of a fixture crate, concatenated with their paths.
fn fixture_code(name: &str) -> String {
    let overrides_path = root().join(format!("tests/fixtures/collections/{name}.overrides.toml"));
    let overrides = if overrides_path.exists() {
        read(&format!("tests/fixtures/collections/{name}.overrides.toml"))
    } else {
        String::new()
    };
    let generated = codegen::generate(&fixture(name), &overrides, &fixture_config(name))
        .unwrap_or_else(|e| panic!("fixture {name}: {e}"));
    let mut out = String::new();
    for (path, text) in &generated.files {
        if path.ends_with(".rs") {
            out.push_str(&format!("===== {path}\n{text}\n"));
        }
    }
    for warning in generated.warnings.lines() {
        out.push_str(&format!("===== warning: {warning}\n"));
    }
    out
}

macro_rules! code_snapshot {
    ($($test:ident => $fixture:literal, $what:literal;)*) => {$(
        #[doc = $what]
        #[test]
        fn $test() {
            insta::assert_snapshot!(concat!("code_", $fixture), fixture_code($fixture));
        }
    )*};
}

code_snapshot! {
    form_parameters => "form_params", "Form fields: required, optional (empty, disabled, \"optional\"), the API key field, GET with a form body.";
    nested_folders => "nested_folders", "Folders nested as modules, requests at the root, keyword names, a scheme-less URL.";
    inferred_types => "inference", "Types from examples: merging, optional vs nullable, lenient scalars, maps, JSON in strings, enums, errors.";
    auth_inheritance => "auth_inheritance", "Auth inherited from the collection, `noauth` folders, an API key header on one request.";
    schema_v2_0 => "v20_schema", "A v2.0 export: URL string with a path variable, description objects, header string, basic auth map.";
    text_answers => "text_answers", "Plain-text answers (struct, enum, unit, typed fields, errors), fixed parameters, enum parameters, a key variable.";
}

/// `[polling]` names operations, fields and statuses; any that does not match the
/// collection stops generation with an error that says where and why.
#[test]
fn polling_overrides_that_do_not_match_are_errors() {
    let cases = [
        (
            r#"delivered = ["completed"]"#,
            r#"delivered = ["complete"]"#,
            "polling.delivered",
            "`complete` is not a value of OrderStatus",
        ),
        (
            "[polling.list]\noperation = \"SMS / Active orders\"",
            "[polling.list]\noperation = \"SMS / Active order\"",
            "polling.list.operation",
            "no request `SMS / Active order`",
        ),
        (
            r#"status = "[].status""#,
            r#"status = "[].state""#,
            "polling.list.status",
            "no response field `state`",
        ),
        (
            r#"code = "[].code""#,
            r#"code = "code""#,
            "polling.list.code",
            "must name a field of the listed items",
        ),
        (
            r#"code = "sms""#,
            r#"code = "status""#,
            "polling.check.code",
            "not text",
        ),
        (
            "operation = \"SMS / Check SMS\"\norder_id_param = \"orderid\"",
            "operation = \"SMS / Check SMS\"\norder_id_param = \"order\"",
            "polling.check.order_id_param",
            "only required parameter",
        ),
        (
            r#"method = "wait_for_sms""#,
            r#"method = "sms""#,
            "polling.method",
            "already has a method `sms`",
        ),
        (
            r#"method = "wait_for_sms""#,
            "method = \"wait_for_sms\"\ninterval = 5",
            "",
            "unknown field `interval`",
        ),
    ];
    smspool_tests::assert_override_errors(&cases);
}

/// `[mock]` names operations, saved examples, paths and statuses; any that does not
/// match the collection stops generation with an error that says where and why.
#[test]
fn mock_overrides_that_do_not_match_are_errors() {
    let cases = [
        (
            r#"example = "200 - successful order""#,
            r#"example = "200 - order placed""#,
            "mock.create.example",
            "has no saved example `200 - order placed`",
        ),
        (
            r#"example = "200 - successful order""#,
            r#"example = "422 - OUT_OF_STOCK""#,
            "mock.create.example",
            "is an error answer",
        ),
        (
            r#"out_of_stock = "422 - OUT_OF_STOCK""#,
            r#"out_of_stock = "200 - successful order""#,
            "mock.create.out_of_stock",
            "is a success answer",
        ),
        (
            r#"number = ["number", "phonenumber"]"#,
            r#"number = ["number", "phone"]"#,
            "mock.create.number",
            "has nothing at `phone`",
        ),
        (
            r#"cancelled = "refunded""#,
            r#"cancelled = "voided""#,
            "mock.statuses.cancelled",
            "`voided` is not a value of OrderStatus",
        ),
        (
            r#"cost = "[].cost""#,
            r#"cost = "[].price""#,
            "mock.list.cost",
            "has nothing at `price`",
        ),
        (
            r#"operation = "SMS / Cancel SMS""#,
            r#"operation = "SMS / Cancel order""#,
            "mock.cancel.operation",
            "no request `SMS / Cancel order`",
        ),
        (
            r#"order_id_param = "orderid"
example = "200 - order cancelled""#,
            r#"order_id_param = "order"
example = "200 - order cancelled""#,
            "mock.cancel.order_id_param",
            "has no parameter `order`",
        ),
        (
            r#"balance = "balance""#,
            r#"balance = "funds""#,
            "mock.balance.balance",
            "has nothing at `funds`",
        ),
    ];
    smspool_tests::assert_override_errors(&cases);
}

/// The eSIM folder's description is a numbered step-by-step guide: the module docs
/// keep it as a Markdown list (items, bold names, the blank lines between steps).
#[test]
fn module_docs_keep_the_esim_guide() {
    let generated = smspool();
    let esims = &generated.files["src/esims.rs"];
    let guide = [
        "//! 1. Retrieve the country list from **View eSIM countries**",
        "//!",
        "//! 2. Retrieve the plans per country using the **countryCode**",
        "//!",
        "//! 3. Create your first purchase using the **Purchase eSIM**",
        "//!",
        "//! 4. Retrieve the **transactionId** from **Purchase eSIM**",
        "//!",
        "//! 5. Use the **View eSIM profile** endpoint",
    ]
    .join("\n");
    assert!(esims.contains(&guide), "{esims}");
}

/// Each operation's docs end with an example call, compiled by `cargo test --doc`:
/// required arguments and the optional parameters the saved request sends, with its
/// values; parameters the collection disables are left out.
#[test]
fn operation_docs_have_an_example_from_the_saved_request() {
    let generated = smspool();
    let sms = &generated.files["src/sms.rs"];
    let purchase = [
        "    /// client",
        "    ///     .sms()",
        "    ///     .purchase(1, 1)",
        "    ///     .quantity(2)",
        "    ///     .create_token(false)",
        "    ///     .activation_type(smspool::sms::ActivationType::Sms)",
        "    ///     .await?;",
    ]
    .join("\n");
    assert!(sms.contains(&purchase), "{sms}");
    // Every operation's docs have one; `polling.rs` documents the polling helper.
    let examples: usize = generated
        .files
        .iter()
        .filter(|(path, _)| path.as_str() != "src/polling.rs")
        .map(|(_, text)| text.matches("/// # Example\n").count())
        .sum();
    assert_eq!(examples, generated.api.root.all_operations().count());
}
