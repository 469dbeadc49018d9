//! Writes a synthetic collection of N requests (`codegen::synthetic`):
//! `cargo run -p smspool-codegen --example synthetic -- N > FILE`.

fn main() {
    let requests = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(2000);
    print!("{}", smspool_codegen::synthetic::collection(requests));
}
