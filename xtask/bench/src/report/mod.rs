//! `BENCHMARKS.md`: the machine, how to reproduce, a summary against the targets,
//! what missed and why, then one section per benchmark.

mod cost;
mod format;
mod misses;
mod scale;
mod sections;

use std::fmt::Write as _;
use std::time::Duration;

use crate::client::ClientResult;
use crate::compile::CompileResult;
use crate::decode::DecodeResult;
use crate::formatters::FormattersResult;
use crate::generator::GeneratorResult;
use crate::large::LargeResult;
use crate::large_crate::LargeCrateResult;
use crate::machine::{self, Machine};
use crate::openapi::OpenapiResult;
use crate::scaling::ScalingResult;
use crate::stats::{megabytes, ratio, secs};

/// The benchmarks, by the names `--only` takes.
pub const BENCHMARKS: [&str; 9] = [
    "generator",
    "scaling",
    "client",
    "decode",
    "compile",
    "large",
    "large-crate",
    "openapi",
    "format",
];

/// Target: the generator's total on the SMSPool collection, seconds.
pub const GENERATOR_TOTAL: f64 = 0.050;
/// Target: the growth exponent of generation time.
pub const EXPONENT: f64 = 1.1;
/// Target: 10,000 requests, seconds.
pub const SCALE_TIME: f64 = 2.0;
/// Target: 10,000 requests, peak RSS in bytes.
pub const SCALE_MEMORY: f64 = 500e6;
/// Target: generated client time over hand-written.
pub const CLIENT_RATIO: f64 = 1.05;
/// Target: peak memory of decoding a large answer, over the answer's size.
pub const LARGE_PEAK_RATIO: f64 = 3.0;

/// Everything one run measured.
#[derive(Debug)]
pub struct Results {
    quick: bool,
    machine: Machine,
    load_before: String,
    load_after: String,
    wall: Duration,
    /// Benchmark 1.
    pub generator: Option<GeneratorResult>,
    /// Benchmark 2.
    pub scaling: Option<ScalingResult>,
    /// Benchmark 3.
    pub client: Option<ClientResult>,
    /// Benchmark 4.
    pub decode: Option<DecodeResult>,
    /// Benchmark 5.
    pub compile: Option<CompileResult>,
    /// Benchmark 6.
    pub large: Option<LargeResult>,
    /// Benchmark 7.
    pub large_crate: Option<LargeCrateResult>,
    /// Benchmark 8.
    pub openapi: Option<OpenapiResult>,
    /// Benchmark 9.
    pub formatters: Option<FormattersResult>,
    /// Where the scaling plot was written, relative to the report.
    pub plot: Option<String>,
}

/// One line of the summary table.
struct Row {
    benchmark: String,
    result: String,
    target: &'static str,
    /// `Some(excess)` when there is a target: 0 when met, else how far over (0.2 = 20%).
    over: Option<f64>,
}

impl Row {
    fn new(benchmark: &str, result: String, target: &'static str, value: f64, limit: f64) -> Self {
        Self {
            benchmark: benchmark.to_owned(),
            result,
            target,
            over: Some((value / limit - 1.0).max(0.0)),
        }
    }

    fn info(benchmark: &str, result: String) -> Self {
        Self {
            benchmark: benchmark.to_owned(),
            result,
            target: "—",
            over: None,
        }
    }

    fn verdict(&self) -> String {
        match self.over {
            None => "—".into(),
            Some(over) if over <= 0.0 => "yes".into(),
            Some(over) => format!("**no**, {:.0}% over", over * 100.0),
        }
    }
}

impl Results {
    /// Starts a run's results; notes the load average.
    pub fn new(quick: bool) -> Self {
        Self {
            quick,
            machine: Machine::detect(),
            load_before: machine::load_average(),
            load_after: String::new(),
            wall: Duration::ZERO,
            generator: None,
            scaling: None,
            client: None,
            decode: None,
            compile: None,
            large: None,
            large_crate: None,
            openapi: None,
            formatters: None,
            plot: None,
        }
    }

    /// Records the end of the run.
    pub fn finish(&mut self, wall: Duration) {
        self.wall = wall;
        self.load_after = machine::load_average();
    }

    fn rows(&self) -> Vec<Row> {
        let mut rows = Vec::new();
        if let Some(g) = &self.generator {
            rows.push(Row::new(
                "1. Generator, SMSPool collection, total",
                format!(
                    "{} (min {}; on-CPU {}), {} the serde_json floor",
                    secs(g.total.median()),
                    secs(g.total.min()),
                    secs(g.total_cpu.median()),
                    ratio(g.total_ratio.median())
                ),
                "< 50 ms",
                g.total.median(),
                GENERATOR_TOTAL,
            ));
        }
        if let Some(s) = &self.scaling {
            rows.push(Row::new(
                "2. Scaling, growth exponent of time",
                format!(
                    "{:.2} (on minima: {:.2})",
                    s.exponent_median(),
                    s.exponent_min()
                ),
                "≤ 1.1",
                s.exponent_median(),
                EXPONENT,
            ));
            if let Some(big) = s.sizes.last() {
                rows.push(Row::new(
                    &format!("2. Scaling, {} requests, time", thousands(big.requests)),
                    format!(
                        "{} (min {}; on-CPU {})",
                        secs(big.times.median()),
                        secs(big.times.min()),
                        secs(big.cpu.median())
                    ),
                    "< 2 s",
                    big.times.median(),
                    SCALE_TIME,
                ));
                rows.push(Row::new(
                    &format!("2. Scaling, {} requests, peak RSS", thousands(big.requests)),
                    megabytes(big.peak.max()),
                    "< 500 MB",
                    big.peak.max(),
                    SCALE_MEMORY,
                ));
            }
        }
        if let Some(c) = &self.client {
            for call in [&c.purchase, &c.service_list] {
                rows.push(Row::new(
                    &format!("3. Client, `{}`, generated / hand-written", call.name),
                    format!(
                        "{} (min {})",
                        ratio(call.ratio.median()),
                        ratio(call.ratio.min())
                    ),
                    "≤ 1.05×",
                    call.ratio.median(),
                    CLIENT_RATIO,
                ));
            }
        }
        if let Some(d) = &self.decode {
            for body in [&d.service_list, &d.purchase] {
                rows.push(Row::info(
                    &format!("4. Decode {}, generated / `Value`", body.body),
                    format!(
                        "{} (min {}); {} the hand-written struct",
                        ratio(body.ratio("generated", "Value").median()),
                        ratio(body.ratio("generated", "Value").min()),
                        ratio(body.ratio("generated", "hand").median())
                    ),
                ));
            }
        }
        if let Some(c) = &self.compile {
            let per_op = c.lines as f64 / c.operations as f64;
            rows.push(Row::new(
                "5. Generated `smspool`, lines per operation",
                format!(
                    "{per_op:.1} ({} lines, {} operations; the mock, feature `mock`, {} more)",
                    c.lines, c.operations, c.mock_lines
                ),
                "≤ 70",
                per_op,
                70.0,
            ));
            rows.push(Row::info(
                "5. Compile `smspool`, debug / release",
                format!(
                    "{} / {}; {} lines, {} operations",
                    secs(c.debug.times.median()),
                    secs(c.release.times.median()),
                    c.lines,
                    c.operations
                ),
            ));
        }
        if let Some(l) = &self.large {
            rows.push(Row::new(
                "6. Large answer, 20 MB `/request/pricing`, peak memory",
                format!(
                    "{} over the server's copy ({:.2}× the body); {} per MB",
                    megabytes(l.peak - l.baseline),
                    l.peak_ratio(),
                    secs(l.seconds_per_mb())
                ),
                "< 3×",
                l.peak_ratio(),
                LARGE_PEAK_RATIO,
            ));
        }
        rows.extend(scale::rows(
            self.large_crate.as_ref(),
            self.openapi.as_ref(),
        ));
        rows
    }

    /// A plain-text summary for the terminal.
    pub fn summary(&self) -> String {
        let mut out = String::new();
        for row in self.rows() {
            let _ = writeln!(
                out,
                "{:<58} {:<50} target {:<8} {}",
                row.benchmark.replace('`', ""),
                row.result.replace('`', ""),
                row.target,
                row.verdict().replace("**", "")
            );
        }
        out
    }

    /// The report.
    pub fn markdown(&self) -> String {
        let mut out = String::new();
        sections::header(&mut out, self);
        out.push_str("## Summary\n\n");
        out.push_str(
            "Medians of repeated runs, minima in brackets. A target is judged on the median.\n\n",
        );
        out.push_str("| Benchmark | Result | Target | Met |\n| --- | --- | --- | --- |\n");
        let rows = self.rows();
        for row in &rows {
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} |",
                row.benchmark,
                row.result,
                row.target,
                row.verdict()
            );
        }
        out.push('\n');
        misses::misses(&mut out, self);
        if let Some(g) = &self.generator {
            sections::generator(&mut out, g);
        }
        if let Some(s) = &self.scaling {
            sections::scaling(&mut out, s);
            if let Some(plot) = &self.plot {
                let _ = writeln!(
                    out,
                    "![Generation time and peak memory against requests, log-log]({plot})\n"
                );
            }
        }
        if let Some(c) = &self.client {
            sections::client(&mut out, c, self.decode.as_ref());
        }
        if let Some(d) = &self.decode {
            sections::decode(&mut out, d);
        }
        if let Some(c) = &self.compile {
            sections::compile(&mut out, c);
        }
        if let Some(l) = &self.large {
            sections::large(&mut out, l);
        }
        if let Some(l) = &self.large_crate {
            scale::large_crate(&mut out, l);
        }
        if let Some(o) = &self.openapi {
            scale::openapi(&mut out, o);
        }
        if let Some(f) = &self.formatters {
            format::section(&mut out, f);
        }
        out
    }
}

/// Section 7's breakdown alone, for `smspool-bench cost DIR`.
pub fn cost_markdown(cost: &crate::compile_cost::CompileCost, lines: usize) -> String {
    let mut out = String::new();
    cost::section(&mut out, cost, lines);
    out
}

/// `10,000`.
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verdicts() {
        assert_eq!(
            Row::new("a", String::new(), "", 0.04, 0.05).verdict(),
            "yes"
        );
        assert_eq!(
            Row::new("a", String::new(), "", 1.26, 1.05).verdict(),
            "**no**, 20% over"
        );
        assert_eq!(Row::info("a", String::new()).verdict(), "—");
    }

    #[test]
    fn thousands_separators() {
        assert_eq!(thousands(100), "100");
        assert_eq!(thousands(1000), "1,000");
        assert_eq!(thousands(10000), "10,000");
        assert_eq!(thousands(1234567), "1,234,567");
    }
}
