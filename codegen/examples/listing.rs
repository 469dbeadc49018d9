//! Prints the model listing of a collection (what the snapshot tests store):
//! `cargo run -p smspool-codegen --example listing -- COLLECTION [OVERRIDES]`.

use std::process::ExitCode;

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<(), String> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let read =
        |path: &str| std::fs::read_to_string(path).map_err(|e| format!("cannot read {path}: {e}"));
    let collection = args
        .first()
        .ok_or("usage: listing COLLECTION [OVERRIDES]")?;
    let json = read(collection)?;
    let overrides = match args.get(1) {
        Some(path) => smspool_codegen::Overrides::parse(&read(path)?).map_err(|e| e.to_string())?,
        None => smspool_codegen::Overrides::default(),
    };
    let mut warnings = smspool_codegen::Warnings::default();
    let api = smspool_codegen::build_model(&json, &overrides, &mut warnings)
        .map_err(|e| e.to_string())?;
    print!("{}", smspool_codegen::listing::api_header(&api));
    for (_, module) in api.root.walk() {
        println!("\n=====");
        print!("{}", smspool_codegen::listing::module(module));
    }
    for warning in warnings.lines() {
        eprintln!("warning: {warning}");
    }
    Ok(())
}
