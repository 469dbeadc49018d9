//! Benchmark 1: the generator on the SMSPool collection, stage by stage, against the
//! floor of parsing the same file into a `serde_json::Value`.

use std::hint::black_box;
use std::time::Duration;

use codegen::emit::{self, Config, Files};
use codegen::{Overrides, Warnings, stages};

use crate::machine;
use crate::stats::{Samples, timed};

/// The stages, in pipeline order, as named in the report.
pub const STAGES: [&str; 6] = ["overrides", "parse", "lower", "infer", "emit", "format"];

/// What the generator benchmark measured.
#[derive(Debug)]
pub struct GeneratorResult {
    /// Size of the collection file.
    pub input_bytes: usize,
    /// Operations generated.
    pub operations: usize,
    /// `serde_json::from_str::<Value>` on the file, per run.
    pub floor: Samples,
    /// Each stage's time per run, in [`STAGES`] order.
    pub stages: Vec<Samples>,
    /// The sum of the stages per run.
    pub total: Samples,
    /// `total / floor` per run (both measured in the same run).
    pub total_ratio: Samples,
    /// On-CPU time of the whole pipeline per run (empty where not available).
    pub total_cpu: Samples,
    /// Inside `format`, per run: `syn::parse2` of every file's tokens.
    pub syn_parse: Samples,
    /// Inside `format`, per run: `prettyplease::unparse` of every file.
    pub unparse: Samples,
}

/// The configuration `cargo xtask gen` uses for the committed crate (a copy of
/// `xtask/src/gen_cmd.rs::smspool_config`; a test checks that the output matches).
pub fn smspool_config() -> Config {
    Config {
        crate_name: "smspool".into(),
        description:
            "Typed Rust client for the SMSPool API, generated from SMSPool's Postman collection."
                .into(),
        source: "collection/smspool.postman_collection.json".into(),
        docs: None,
        runtime_path: "../runtime".into(),
        in_workspace: true,
        metadata: Default::default(),
    }
}

/// The number of operations in the SMSPool crate, the mounted SMS-Activate ones
/// included (as `cargo xtask gen` writes it).
pub fn smspool_operations() -> Result<usize, String> {
    let (json, overrides) = machine::smspool_inputs()?;
    let mounts = codegen::mount::load(
        &overrides,
        &machine::root().join("collection"),
        "collection",
    )?;
    codegen::generate_mounted(&json, &overrides, &mounts, &smspool_config())
        .map(|g| g.api.root.all_operations().count())
        .map_err(|e| e.to_string())
}

/// Runs the pipeline once, stage by stage: the files and each stage's time.
pub fn staged(
    json: &str,
    overrides_toml: &str,
    config: &Config,
) -> Result<(Files, [Duration; 6]), String> {
    staged_with(json, overrides_toml, config, |_| {})
}

/// [`staged`], calling `after(stage)` once each stage is done. Intermediate results
/// are dropped where `codegen::generate` drops them, so memory use matches too.
pub fn staged_with(
    json: &str,
    overrides_toml: &str,
    config: &Config,
    mut after: impl FnMut(&'static str),
) -> Result<(Files, [Duration; 6]), String> {
    let fail = |e: codegen::Error| e.to_string();
    let (overrides, t_overrides) = timed(|| Overrides::parse(overrides_toml));
    let overrides = overrides.map_err(fail)?;
    after(STAGES[0]);
    let mut warnings = Warnings::default();
    let (collection, t_parse) = timed(|| stages::parse(json, &mut warnings));
    let collection = collection.map_err(fail)?;
    after(STAGES[1]);
    let (lowered, t_lower) = timed(|| stages::lower(&collection, &overrides, &mut warnings));
    let lowered = lowered.map_err(fail)?;
    drop(collection);
    after(STAGES[2]);
    let (api, t_infer) = timed(|| stages::infer(lowered, &overrides, &mut warnings));
    let api = api.map_err(fail)?;
    after(STAGES[3]);
    let jobs = emit::plan(&api, config);
    let (drafts, t_emit) = timed(|| jobs.iter().map(emit::Job::draft).collect::<Vec<_>>());
    after(STAGES[4]);
    let (files, t_format) = timed(|| {
        jobs.iter()
            .zip(drafts)
            .map(|(job, draft)| Ok((job.path.clone(), job.render(draft)?)))
            .collect::<Result<Files, codegen::Error>>()
    });
    let files = files.map_err(fail)?;
    after(STAGES[5]);
    Ok((
        files,
        [t_overrides, t_parse, t_lower, t_infer, t_emit, t_format],
    ))
}

/// Measures `runs` runs (after 3 warm-up runs), alternating which of the floor and
/// the pipeline goes first.
pub fn run(runs: usize) -> Result<GeneratorResult, String> {
    let (json, overrides) = machine::smspool_inputs()?;
    let config = smspool_config();
    let operations = smspool_operations()?;
    let mut result = GeneratorResult {
        input_bytes: json.len(),
        operations,
        floor: Samples::new(),
        stages: vec![Samples::new(); STAGES.len()],
        total: Samples::new(),
        total_ratio: Samples::new(),
        total_cpu: Samples::new(),
        syn_parse: Samples::new(),
        unparse: Samples::new(),
    };
    let floor = || {
        let (value, time) = timed(|| serde_json::from_str::<serde_json::Value>(&json));
        black_box(value.map_err(|e| e.to_string())?);
        Ok::<_, String>(time)
    };
    // The total is `codegen::generate`, the pipeline `cargo xtask gen` runs (emit and
    // format shared out between the cores); the stages are the same pipeline run one
    // stage at a time on one thread, for the breakdown.
    let pipeline = || {
        let cpu = machine::process_cpu_time();
        let started = std::time::Instant::now();
        let generated =
            black_box(codegen::generate(&json, &overrides, &config).map_err(|e| e.to_string())?);
        let total = started.elapsed();
        let cpu = cpu.zip(machine::process_cpu_time()).map(|(a, b)| b - a);
        drop(generated);
        let (files, times) = black_box(staged(&json, &overrides, &config)?);
        drop(files);
        Ok::<_, String>((times, total, cpu))
    };
    let model = codegen::build_model(
        &json,
        &Overrides::parse(&overrides).map_err(|e| e.to_string())?,
        &mut Warnings::default(),
    )
    .map_err(|e| e.to_string())?;
    for run in 0..runs + 3 {
        // The floor first in even runs, the pipeline first in odd ones; the split of
        // `format` in between, so that it shares their conditions.
        let (floor_time, (stage_times, total, cpu), (parse, unparse)) = if run % 2 == 0 {
            let f = floor()?;
            let parts = format_parts(&model, &config)?;
            (f, pipeline()?, parts)
        } else {
            let p = pipeline()?;
            let parts = format_parts(&model, &config)?;
            (floor()?, p, parts)
        };
        if run < 3 {
            continue;
        }
        result.floor.push_duration(floor_time);
        for (samples, time) in result.stages.iter_mut().zip(stage_times) {
            samples.push_duration(time);
        }
        result.total.push_duration(total);
        result
            .total_ratio
            .push(total.as_secs_f64() / floor_time.as_secs_f64());
        if let Some(cpu) = cpu {
            result.total_cpu.push_duration(cpu);
        }
        result.syn_parse.push_duration(parse);
        result.unparse.push_duration(unparse);
    }
    Ok(result)
}

/// Splits `format` into its two big parts, on fresh tokens (parsing a clone of shared
/// tokens would copy them): `syn` parsing them, and `prettyplease` printing the tree.
fn format_parts(api: &codegen::Api, config: &Config) -> Result<(Duration, Duration), String> {
    let mut parse = Duration::ZERO;
    let mut unparse = Duration::ZERO;
    for job in emit::plan(api, config) {
        let emit::Draft::Rust { tokens, .. } = job.draft() else {
            continue;
        };
        let (file, t) = timed(|| syn::parse2::<syn::File>(tokens));
        let file = file.map_err(|e| format!("{}: {e}", job.path))?;
        parse += t;
        let (text, t) = timed(|| prettyplease::unparse(&file));
        black_box(text);
        unparse += t;
    }
    Ok((parse, unparse))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The stages run here are the pipeline `codegen::generate` runs: same files.
    /// (`cargo xtask gen` also mounts the SMS-Activate collection, which is not timed.)
    #[test]
    fn staged_pipeline_writes_what_generate_writes() {
        let (json, overrides) = machine::smspool_inputs().expect("inputs");
        let (files, times) = staged(&json, &overrides, &smspool_config()).expect("generates");
        let generated = codegen::generate(&json, &overrides, &smspool_config()).expect("generates");
        assert!(files.len() > 3);
        assert!(
            files == generated.files,
            "the staged pipeline differs from codegen::generate"
        );
        assert!(times.iter().all(|t| *t > Duration::ZERO));
    }
}
