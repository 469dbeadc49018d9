//! Prints the model listing of a collection (what the snapshot tests store):
//! `cargo run -p smspool-codegen --example listing -- COLLECTION [OVERRIDES]`.
fn main() {
    let args: Vec<String> = std::env::args().collect();
    let json = std::fs::read_to_string(&args[1]).expect("collection");
    let overrides = match args.get(2) {
        Some(p) => {
            smspool_codegen::Overrides::parse(&std::fs::read_to_string(p).expect("overrides"))
                .expect("valid overrides")
        }
        None => smspool_codegen::Overrides::default(),
    };
    let mut warnings = smspool_codegen::Warnings::default();
    let api =
        smspool_codegen::model(&json, &overrides, &mut warnings).unwrap_or_else(|e| panic!("{e}"));
    print!("{}", smspool_codegen::listing::api_header(&api));
    for (_, m) in api.root.walk() {
        println!("\n=====");
        print!("{}", smspool_codegen::listing::module(m));
    }
    for w in warnings.lines() {
        eprintln!("warning: {w}");
    }
}
