//! `smspool-bench`: the command line `cargo xtask bench` runs (see the library docs).

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use smspool_bench::{
    client, compile, compile_cost, decode, formatters, generator, large, large_crate, machine,
    openapi, plot, report, scaling,
};

const HELP: &str = "\
smspool-bench [options]     (run it as `cargo xtask bench [options]`)

options:
  --quick          a few repetitions of each, to try the harness (minutes become seconds)
  --only LIST      run only these, comma-separated: generator,scaling,client,decode,
                   compile,large,large-crate,openapi,format
  --out PATH       where to write the report (default: BENCHMARKS.md for a full run,
                   target/bench-report.md with --quick or --only)

smspool-bench cost DIR
                   where the debug build of the generated crate in DIR goes (section 7's
                   breakdown, for any crate `cargo xtask gen --out DIR` wrote)

smspool-bench spin CALL CLIENT SECONDS
                   make one call in a loop, for a profiler: CALL is purchase or
                   service_list, CLIENT generated or hand
";

/// Which benchmarks to run, and how many repetitions of each.
#[derive(Debug)]
struct Plan {
    quick: bool,
    only: Option<Vec<String>>,
    out: Option<PathBuf>,
}

impl Plan {
    fn parse(args: &[String]) -> Result<Self, String> {
        let mut plan = Plan {
            quick: false,
            only: None,
            out: None,
        };
        let mut it = args.iter();
        while let Some(arg) = it.next() {
            match arg.as_str() {
                "--quick" => plan.quick = true,
                "--only" => {
                    let list = it.next().ok_or("--only needs a list")?;
                    let names: Vec<String> = list.split(',').map(str::to_owned).collect();
                    for name in &names {
                        if !report::BENCHMARKS.contains(&name.as_str()) {
                            return Err(format!("unknown benchmark `{name}`\n\n{HELP}"));
                        }
                    }
                    plan.only = Some(names);
                }
                "--out" => plan.out = Some(it.next().ok_or("--out needs a path")?.into()),
                other => return Err(format!("unknown option `{other}`\n\n{HELP}")),
            }
        }
        Ok(plan)
    }

    fn runs(&self, name: &str) -> bool {
        self.only
            .as_ref()
            .is_none_or(|only| only.iter().any(|n| n == name))
    }

    /// Full runs, or a twentieth of them (at least 2) with `--quick`.
    fn reps(&self, full: usize) -> usize {
        if self.quick { (full / 20).max(2) } else { full }
    }

    fn out(&self) -> PathBuf {
        let default = if self.quick || self.only.is_some() {
            "target/bench-report.md"
        } else {
            "BENCHMARKS.md"
        };
        self.out
            .clone()
            .unwrap_or_else(|| machine::root().join(default))
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("scale-child") => scaling::child(&args[1..]),
        Some("large-child") => large::child(&args[1..]),
        Some("spin") => spin(&args[1..]),
        Some("cost") => cost(&args[1..]),
        Some("help" | "--help" | "-h") => {
            print!("{HELP}");
            Ok(())
        }
        _ => Plan::parse(&args).and_then(|plan| run(&plan)),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

fn cost(args: &[String]) -> Result<(), String> {
    let [dir] = args else {
        return Err(format!("cost needs DIR\n\n{HELP}"));
    };
    let dir = PathBuf::from(dir);
    let lines = compile::rust_files(&dir.join("src"))?
        .iter()
        .filter(|p| !p.starts_with(dir.join("src/mock")))
        .map(|p| std::fs::read_to_string(p).map_or(0, |t| t.lines().count()))
        .sum();
    let cost = compile_cost::run(&dir)?;
    print!("{}", report::cost_markdown(&cost, lines));
    Ok(())
}

fn spin(args: &[String]) -> Result<(), String> {
    let [call, client, seconds] = args else {
        return Err(format!("spin needs CALL CLIENT SECONDS\n\n{HELP}"));
    };
    let seconds: f64 = seconds
        .parse()
        .map_err(|_| format!("SECONDS must be a number, not {seconds:?}"))?;
    let calls = client::spin(call, client, seconds)?;
    println!("{calls} calls in {seconds} s");
    Ok(())
}

fn run(plan: &Plan) -> Result<(), String> {
    let start = Instant::now();
    let mut results = report::Results::new(plan.quick);
    let step = |name: &str| eprintln!("bench: {name}...");
    if plan.runs("generator") {
        step("generator on the SMSPool collection");
        results.generator = Some(generator::run(plan.reps(60))?);
    }
    if plan.runs("scaling") {
        step("scaling on synthetic collections");
        let runs = |requests: usize| match requests {
            0..=100 => plan.reps(10),
            101..=1_000 => plan.reps(3),
            _ => 1,
        };
        let children = if plan.quick { 1 } else { 3 };
        results.scaling = Some(scaling::run(children, runs)?);
    }
    if plan.runs("client") {
        step("client: generated against hand-written");
        results.client = Some(client::run(plan.reps(100), 100, 10)?);
    }
    if plan.runs("decode") {
        step("decoding saved bodies");
        results.decode = Some(decode::run(plan.reps(1000))?);
    }
    if plan.runs("compile") {
        step("compiling the generated crate");
        let operations = generator::smspool_operations()?;
        let reps = if plan.quick { 1 } else { 3 };
        results.compile = Some(compile::run(reps, reps, operations)?);
    }
    if plan.runs("large") {
        step("a 20 MB answer: peak memory and time");
        results.large = Some(large::run(plan.reps(20))?);
    }
    if plan.runs("large-crate") {
        step("compiling a 2,000-request crate, whole and one module");
        results.large_crate = Some(large_crate::run(if plan.quick { 1 } else { 3 })?);
    }
    if plan.runs("openapi") {
        step("the generator against postman2openapi");
        results.openapi = Some(openapi::run(plan.reps(20))?);
    }
    if plan.runs("format") {
        step("formatting: the alternatives");
        results.formatters = Some(formatters::run(plan.reps(40).min(5))?);
    }
    results.finish(start.elapsed());
    let out = plan.out();
    if let Some(scaling) = &results.scaling {
        // The plot beside the report: `BENCHMARKS.svg` for `BENCHMARKS.md`.
        let svg = out.with_extension("svg");
        std::fs::write(&svg, plot::scaling_svg(scaling)?)
            .map_err(|e| format!("cannot write {}: {e}", svg.display()))?;
        results.plot = svg
            .file_name()
            .map(|name| name.to_string_lossy().into_owned());
    }
    let text = results.markdown();
    std::fs::write(&out, &text).map_err(|e| format!("cannot write {}: {e}", out.display()))?;
    println!("{}", results.summary());
    eprintln!(
        "bench: done in {:.0} s; report written to {}",
        start.elapsed().as_secs_f64(),
        out.display()
    );
    Ok(())
}
