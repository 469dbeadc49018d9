//! Writes a synthetic collection: `cargo run -p smspool-codegen --example synthetic -- REQUESTS > FILE`.
fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(2000);
    print!("{}", smspool_codegen::synthetic::collection(n));
}
