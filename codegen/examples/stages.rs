//! Times each generator stage on a collection: `cargo run --release -p smspool-codegen --example stages -- FILE`.
use std::time::Instant;
fn main() {
    let path = std::env::args().nth(1).expect("collection path");
    let json = std::fs::read_to_string(path).expect("read");
    let overrides = smspool_codegen::Overrides::default();
    let config = smspool_codegen::emit::Config {
        crate_name: "x".into(),
        description: String::new(),
        source: "x".into(),
        docs: None,
        runtime_path: "../runtime".into(),
        in_workspace: false,
    };
    let mut w = smspool_codegen::Warnings::default();
    let t = Instant::now();
    let _v: serde_json::Value = serde_json::from_str(&json).expect("json");
    let floor = t.elapsed();
    let t = Instant::now();
    let c = smspool_codegen::postman::parse(&json, &mut w).expect("parse");
    let parse = t.elapsed();
    let t = Instant::now();
    let mut api = smspool_codegen::ir::lower(&c, &overrides, &mut w).expect("lower");
    let lower = t.elapsed();
    let t = Instant::now();
    smspool_codegen::infer::infer(&mut api, &overrides).expect("infer");
    let infer = t.elapsed();
    let t = Instant::now();
    let tokens = smspool_codegen::emit::tokens(&api, &config);
    let emit = t.elapsed();
    let t = Instant::now();
    let parsed: Vec<syn::File> = tokens
        .iter()
        .map(|(_, t)| syn::parse2(t.clone()).expect("parses"))
        .collect();
    let syn_parse = t.elapsed();
    let t = Instant::now();
    let printed: usize = parsed.iter().map(|f| prettyplease::unparse(f).len()).sum();
    let unparse = t.elapsed();
    println!("syn parse {syn_parse:?} prettyplease {unparse:?} bytes {printed}");
    let t = Instant::now();
    let files = smspool_codegen::emit::format(tokens, &config).expect("format");
    let format = t.elapsed();
    println!(
        "floor {floor:?} parse {parse:?} lower {lower:?} infer {infer:?} emit {emit:?} format {format:?} files {}",
        files.len()
    );
}
