//! Project tasks: `cargo xtask gen [--check]`, and the tools maintainers use
//! around it. Run `cargo xtask help` for the list.

mod args;
mod bench;
mod cargo;
mod diff_cmd;
mod fetch_cmd;
mod fuzz;
mod gen_cmd;
mod paths;

use std::process::ExitCode;

const HELP: &str = "\
cargo xtask <task> [options]

tasks:
  gen                      regenerate generated/ from collection/ (SMSPool)
  gen --check              fail, listing stale files, when generated/ is not what gen would write
  gen --collection PATH    read another collection (with --overrides PATH, --out DIR, --crate-name NAME);
                           the crate carries the runtime in vendor/ so it builds wherever it is
                           copied, or depends on it by --runtime-version or --runtime-path DIR
  diff OLD NEW             Markdown for a PR: what changed in the API between two collections,
                           with a verdict per change and the semver bump (--fail-on-breaking: exit 2)
  diff --base REV [OLD]    the inputs committed at REV against the working tree (see README)
  fetch                    download the published collection beside the current one, check it
                           parses, and print the diff (--url URL, --out PATH, --force)
  bench [--quick] [--only LIST] [--out PATH]
                           benchmarks (release build), writes BENCHMARKS.md; see BENCHMARKS.md
  fuzz [--count N] [--seed S] [--start I] [--batch B] [--no-keep]
                           random collections (default 2000 of seed 1, 50 per cargo
                           invocation) generated as crates that must pass clippy with
                           warnings denied; each failing class is shrunk and kept as a
                           fixture in tests/fixtures/collections/ (see tests/generative/)
  help                     this text
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("gen") => gen_cmd::run(&args[1..]),
        Some("diff") => diff_cmd::run(&args[1..]),
        Some("fetch") => fetch_cmd::run(&args[1..]),
        Some("bench") => bench::run(&args[1..]),
        Some("fuzz") => fuzz::run(&args[1..]),
        Some("help" | "--help" | "-h") | None => {
            print!("{HELP}");
            Ok(ExitCode::SUCCESS)
        }
        Some(other) => Err(format!("unknown task `{other}`\n\n{HELP}")),
    };
    match result {
        Ok(code) => code,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}
