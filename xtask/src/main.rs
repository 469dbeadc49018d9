//! Project tasks: `cargo xtask gen [--check]`, and the tools maintainers use
//! around it. Run `cargo xtask --help` for the list, `cargo xtask <task> --help` for one.

mod bench;
mod cargo;
mod diff_cmd;
mod fetch_cmd;
mod fuzz;
mod gen_cmd;
mod paths;

use std::process::ExitCode;

use clap::Parser;

/// Project tasks: regenerate the committed crates, review API changes, fetch the
/// published collection, benchmark, fuzz the generator.
#[derive(Debug, Parser)]
#[command(name = "cargo xtask", bin_name = "cargo xtask")]
enum Task {
    /// Regenerate generated/ and cli/ from collection/ (--check: fail when stale).
    Gen(gen_cmd::Options),
    /// What changed in the API between two collections, as Markdown for a PR.
    Diff(diff_cmd::Options),
    /// Download the published collection, check it parses, print the diff.
    Fetch(fetch_cmd::FetchArgs),
    /// Benchmarks (release build); writes BENCHMARKS.md.
    Bench(bench::BenchArgs),
    /// Random collections built as crates under clippy -D warnings; failures kept as fixtures.
    Fuzz(fuzz::FuzzArgs),
}

fn main() -> ExitCode {
    let result = match Task::parse() {
        Task::Gen(o) => gen_cmd::run(&o),
        Task::Diff(o) => diff_cmd::run(&o),
        Task::Fetch(o) => fetch_cmd::run(&o),
        Task::Bench(o) => bench::run(&o),
        Task::Fuzz(o) => fuzz::run(&o),
    };
    match result {
        Ok(code) => code,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}
