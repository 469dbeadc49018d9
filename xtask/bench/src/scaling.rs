//! Benchmark 2: the whole generator on synthetic collections of growing size, each
//! run in a child process of its own so that its peak memory can be read. The child
//! runs the stages one by one (as `codegen::generate` does, without overrides) so that
//! time and memory can be split by stage.

use std::path::{Path, PathBuf};
use std::process::Command;

use codegen::emit::Config;

use crate::generator::{STAGES, staged_with};
use crate::machine;
use crate::stats::{Samples, growth_exponent};

/// The collection sizes, in requests.
pub const SIZES: [usize; 5] = [100, 300, 1_000, 3_000, 10_000];

/// The measurements at one size.
#[derive(Debug)]
pub struct SizeResult {
    /// Requests in the collection.
    pub requests: usize,
    /// Size of the collection file.
    pub input_bytes: usize,
    /// Lines of Rust generated.
    pub output_lines: usize,
    /// `codegen::generate` wall time, one sample per run.
    pub times: Samples,
    /// Its on-CPU time, one sample per run (empty where not available).
    pub cpu: Samples,
    /// Peak RSS of each child process, bytes.
    pub peak: Samples,
    /// RSS of each child after reading the input, before generating, bytes.
    pub before: Samples,
    /// Each stage's time per run, in [`STAGES`] order.
    pub stages: Vec<Samples>,
    /// The largest RSS seen right after each stage, in [`STAGES`] order, bytes.
    pub rss_after: Vec<f64>,
}

/// What the scaling benchmark measured.
#[derive(Debug)]
pub struct ScalingResult {
    /// One entry per size, in [`SIZES`] order.
    pub sizes: Vec<SizeResult>,
    /// Child processes per size.
    pub children: usize,
}

impl ScalingResult {
    /// The fitted exponent of time against requests, on the medians.
    pub fn exponent_median(&self) -> f64 {
        self.exponent(Samples::median)
    }

    /// The fitted exponent on the minima.
    pub fn exponent_min(&self) -> f64 {
        self.exponent(Samples::min)
    }

    /// The fitted exponent of peak memory against requests.
    pub fn memory_exponent(&self) -> f64 {
        let points: Vec<_> = self
            .sizes
            .iter()
            .map(|s| (s.requests as f64, s.peak.max()))
            .collect();
        growth_exponent(&points)
    }

    fn exponent(&self, statistic: fn(&Samples) -> f64) -> f64 {
        let points: Vec<_> = self
            .sizes
            .iter()
            .map(|s| (s.requests as f64, statistic(&s.times)))
            .collect();
        growth_exponent(&points)
    }
}

/// How the synthetic crates are emitted (standalone, like `cargo xtask gen --out`).
pub fn synth_config() -> Config {
    Config {
        crate_name: "synthetic".into(),
        description: "Synthetic API client.".into(),
        source: "synthetic.postman_collection.json".into(),
        docs: None,
        runtime_path: "../runtime".into(),
        in_workspace: false,
        metadata: Default::default(),
    }
}

/// Runs in each child `runs` times per size; `children` children per size,
/// interleaving the sizes so that background noise falls on all of them alike.
pub fn run(children: usize, runs: impl Fn(usize) -> usize) -> Result<ScalingResult, String> {
    let scratch = machine::root().join("target/bench-scratch");
    std::fs::create_dir_all(&scratch)
        .map_err(|e| format!("cannot create {}: {e}", scratch.display()))?;
    let mut sizes = Vec::new();
    let mut files = Vec::new();
    for requests in SIZES {
        let json = codegen::synthetic::collection(requests);
        let path = scratch.join(format!("synthetic-{requests}.postman_collection.json"));
        std::fs::write(&path, &json)
            .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        sizes.push(SizeResult {
            requests,
            input_bytes: json.len(),
            output_lines: 0,
            times: Samples::new(),
            cpu: Samples::new(),
            peak: Samples::new(),
            before: Samples::new(),
            stages: vec![Samples::new(); STAGES.len()],
            rss_after: vec![0.0; STAGES.len()],
        });
        files.push(path);
    }
    for _ in 0..children {
        for (size, path) in sizes.iter_mut().zip(&files) {
            let report = spawn_child(path, runs(size.requests))?;
            for time in report.times {
                size.times.push(time);
            }
            for cpu in report.cpu {
                size.cpu.push(cpu);
            }
            size.peak.push(report.peak as f64);
            size.before.push(report.before as f64);
            size.output_lines = report.lines;
            for (samples, times) in size.stages.iter_mut().zip(report.stages) {
                for time in times {
                    samples.push(time);
                }
            }
            for (max, rss) in size.rss_after.iter_mut().zip(report.rss_after) {
                *max = max.max(rss);
            }
        }
    }
    Ok(ScalingResult { sizes, children })
}

/// What a child reports.
struct ChildReport {
    times: Vec<f64>,
    cpu: Vec<f64>,
    stages: Vec<Vec<f64>>,
    rss_after: Vec<f64>,
    peak: u64,
    before: u64,
    lines: usize,
}

fn spawn_child(collection: &Path, runs: usize) -> Result<ChildReport, String> {
    let exe = std::env::current_exe().map_err(|e| format!("cannot find this program: {e}"))?;
    let output = Command::new(exe)
        .arg("scale-child")
        .arg(collection)
        .arg(runs.to_string())
        .output()
        .map_err(|e| format!("cannot start the scaling child: {e}"))?;
    let stdout = String::from_utf8_lossy(&output.stdout);
    if !output.status.success() {
        return Err(format!(
            "the scaling child failed on {}: {}",
            collection.display(),
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    let mut report = ChildReport {
        times: Vec::new(),
        cpu: Vec::new(),
        stages: vec![Vec::new(); STAGES.len()],
        rss_after: vec![0.0; STAGES.len()],
        peak: 0,
        before: 0,
        lines: 0,
    };
    for line in stdout.lines() {
        let (key, value) = line.split_once(' ').unwrap_or((line, ""));
        let bad = || format!("the scaling child printed {line:?}");
        let stage = |value: &str| -> Result<(usize, f64), String> {
            let (name, number) = value.split_once(' ').ok_or_else(bad)?;
            let index = STAGES.iter().position(|s| *s == name).ok_or_else(bad)?;
            Ok((index, number.parse().map_err(|_| bad())?))
        };
        match key {
            "stage" => {
                let (i, time) = stage(value)?;
                report.stages[i].push(time);
            }
            "rss" => {
                let (i, rss) = stage(value)?;
                report.rss_after[i] = report.rss_after[i].max(rss);
            }
            "time" => report.times.push(value.parse().map_err(|_| bad())?),
            "cpu" => report.cpu.push(value.parse().map_err(|_| bad())?),
            "peak" => report.peak = value.parse().map_err(|_| bad())?,
            "before" => report.before = value.parse().map_err(|_| bad())?,
            "lines" => report.lines = value.parse().map_err(|_| bad())?,
            _ => return Err(bad()),
        }
    }
    Ok(report)
}

/// The child: reads the collection, generates `runs` times, prints what it saw.
pub fn child(args: &[String]) -> Result<(), String> {
    let [path, runs] = args else {
        return Err("usage: scale-child COLLECTION RUNS".into());
    };
    let runs: usize = runs
        .parse()
        .map_err(|_| format!("RUNS must be a number, not {runs:?}"))?;
    let json = std::fs::read_to_string(PathBuf::from(path))
        .map_err(|e| format!("cannot read {path}: {e}"))?;
    println!("before {}", machine::peak_rss().unwrap_or(0));
    let config = synth_config();
    // The pipeline users run (`codegen::generate`: emit and format shared out between
    // threads, one file at a time), timed and measured first: the peak is read before
    // the stage-by-stage runs below, which hold every file's tokens at once.
    for _ in 0..runs {
        let cpu = machine::process_cpu_time();
        let started = std::time::Instant::now();
        let generated =
            codegen::generate(&json, "", &config).map_err(|e| format!("{path}: {e}"))?;
        println!("time {}", started.elapsed().as_secs_f64());
        if let Some((before, after)) = cpu.zip(machine::process_cpu_time()) {
            println!("cpu {}", (after - before).as_secs_f64());
        }
        let lines: usize = generated
            .files
            .iter()
            .filter(|(name, _)| name.ends_with(".rs"))
            .map(|(_, text)| text.lines().count())
            .sum();
        println!("lines {lines}");
    }
    println!("peak {}", machine::peak_rss().unwrap_or(0));
    // The same pipeline one stage at a time, sequentially, for the breakdown.
    for _ in 0..runs {
        let mut rss = Vec::new();
        let (_, stages) = staged_with(&json, "", &config, |stage| {
            rss.push((stage, machine::current_rss().unwrap_or(0)));
        })
        .map_err(|e| format!("{path}: {e}"))?;
        for (name, time) in STAGES.iter().zip(stages) {
            println!("stage {name} {}", time.as_secs_f64());
        }
        for (name, bytes) in rss {
            println!("rss {name} {bytes}");
        }
    }
    Ok(())
}
