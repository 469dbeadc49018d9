//! The report's parts for large collections: the summary rows, the misses and the
//! sections of benchmarks 7 (compiling a 2,000-request crate, whole and one module)
//! and 8 (the generator against `postman2openapi`).

use std::fmt::Write as _;

use super::{Row, thousands};
use crate::compile::TARGET_DIR;
use crate::generator::STAGES;
use crate::large_crate::LargeCrateResult;
use crate::openapi::OpenapiResult;
use crate::stats::{Samples, ratio, secs};

/// Target: a debug build of the whole 2,000-request crate, seconds.
pub const LARGE_WHOLE: f64 = 60.0;
/// Target: a debug build of it with one module's feature, seconds.
pub const LARGE_ONE: f64 = 15.0;
/// Target: the generator over `postman2openapi` on 2,000 requests.
pub const OPENAPI_RATIO: f64 = 1.5;

/// The summary rows.
pub(super) fn rows(large: Option<&LargeCrateResult>, openapi: Option<&OpenapiResult>) -> Vec<Row> {
    let mut rows = Vec::new();
    if let Some(l) = large {
        rows.push(Row::info(
            &format!("7. {} requests, lines per request", thousands(l.requests)),
            format!(
                "{:.0} ({} lines)",
                l.lines as f64 / l.requests as f64,
                thousands(l.lines)
            ),
        ));
        rows.push(Row::new(
            &format!(
                "7. {} requests, debug build, whole crate",
                thousands(l.requests)
            ),
            format!("{} (min {})", secs(l.whole.median()), secs(l.whole.min())),
            "≤ 60 s",
            l.whole.median(),
            LARGE_WHOLE,
        ));
        rows.push(Row::new(
            &format!(
                "7. {} requests, debug build, one module (`{}`, {} requests)",
                thousands(l.requests),
                l.module.0,
                l.module.1
            ),
            format!(
                "{} (min {})",
                secs(l.one_module.median()),
                secs(l.one_module.min())
            ),
            "≤ 15 s",
            l.one_module.median(),
            LARGE_ONE,
        ));
    }
    match openapi {
        Some(OpenapiResult::Measured {
            ours,
            theirs,
            ratio: r,
            ..
        }) => rows.push(Row::new(
            "8. 2,000 requests, generator / `postman2openapi`",
            format!(
                "{} (min {}): {} against {}",
                ratio(r.median()),
                ratio(r.min()),
                secs(ours.median()),
                secs(theirs.median())
            ),
            "≤ 1.5×",
            r.median(),
            OPENAPI_RATIO,
        )),
        Some(OpenapiResult::Missing { .. }) => rows.push(Row::info(
            "8. 2,000 requests, generator / `postman2openapi`",
            "not measured: `postman2openapi` is not installed (section 8)".into(),
        )),
        None => {}
    }
    rows
}

/// The notes of "Targets missed".
pub(super) fn misses(
    large: Option<&LargeCrateResult>,
    openapi: Option<&OpenapiResult>,
) -> Vec<String> {
    let mut notes = Vec::new();
    if let Some(l) = large {
        let per_request = l.whole.median() / l.requests as f64;
        if l.whole.median() > LARGE_WHOLE {
            notes.push(format!(
                "- **{} requests, whole crate**: {} against 60 s, {} per request for {:.0} \
                 lines each; 60 s needs {} per request.",
                thousands(l.requests),
                secs(l.whole.median()),
                secs(per_request),
                l.lines as f64 / l.requests as f64,
                secs(LARGE_WHOLE / l.requests as f64)
            ));
            let c = &l.cost;
            notes.push(format!(
                "  By rustc's account of one build (section 7): {} before code generation \
                 (expansion, resolution, type and borrow checking), {} for the metadata's \
                 optimized MIR, {} finding and writing LLVM IR. serde's `Deserialize` and \
                 `Serialize` derives write {:.0}% of the expanded code and take {:.0}% of the \
                 build: with stub impls in their place the crate builds in {} ({} 60 s). \
                 The rest is the crate's own code: the operations and their builders, the \
                 runtime's generic `Request` code instantiated once per answer type, and the \
                 `Debug`, `Clone` and `PartialEq` derives.",
                secs(c.whole.front_end()),
                secs(c.whole.of("generate_crate_metadata")),
                secs(
                    c.whole.of("monomorphization_collector_graph_walk")
                        + c.whole.of("codegen_to_LLVM_IR"),
                ),
                (c.expanded - c.expanded_stubbed.min(c.expanded)) as f64 / c.expanded as f64
                    * 100.0,
                super::cost::derive_share(c) * 100.0,
                secs(c.stubbed.total),
                if c.stubbed.total > LARGE_WHOLE {
                    "still over"
                } else {
                    "under"
                },
            ));
        }
        if l.one_module.median() > LARGE_ONE {
            notes.push(format!(
                "- **One module of {} requests**: {} against 15 s for {} of the crate's {} \
                 operations.",
                thousands(l.requests),
                secs(l.one_module.median()),
                l.module.1,
                l.requests
            ));
        }
    }
    if let Some(OpenapiResult::Measured {
        ratio: r,
        theirs,
        stages,
        ..
    }) = openapi
        && r.median() > OPENAPI_RATIO
    {
        let total: f64 = stages.iter().map(Samples::median).sum();
        let parts: Vec<String> = STAGES
            .iter()
            .zip(stages)
            .filter(|(name, _)| **name != "overrides")
            .map(|(name, s)| {
                format!(
                    "`{name}` {} ({:.0}%)",
                    secs(s.median()),
                    s.median() / total * 100.0
                )
            })
            .collect();
        let front: f64 = stages.iter().take(4).map(Samples::median).sum();
        notes.push(format!(
            "- **Against `postman2openapi`**: {} its time on 2,000 requests, against 1.5×. \
             The generator's stages one after another on one thread (section 8): {}. \
             `postman2openapi`'s whole run, a process reading the file and writing OpenAPI \
             JSON, takes {}: reading and typing the collection (`parse` to `infer`, {}) is \
             already {} of it; writing Rust costs the rest, most of it `emit` (quote \
             tokens, docs) and `format` (syn + prettyplease).",
            ratio(r.median()),
            parts.join(", "),
            secs(theirs.median()),
            secs(front),
            ratio(front / theirs.median()),
        ));
    }
    notes
}

/// Section 7.
pub(super) fn large_crate(out: &mut String, l: &LargeCrateResult) {
    let _ = write!(
        out,
        "## 7. Compiling a large generated crate

The synthetic collection of {requests} requests (`codegen::synthetic`, as in section 2),
generated as a standalone crate in `target/bench-large`, built in `{TARGET_DIR}` with
its dependencies already built (one untimed build of each kind first), debug,
`CARGO_INCREMENTAL=0`, after touching every source file; whole-crate and one-module
builds alternate. Its {modules} top-level folders are {modules} modules, each behind a
cargo feature of its name, all on by default; the one-module build is `--no-default-features
--features {module}` ({module_requests} of the {requests} operations). Cargo's own start-up
(about a second) is included.

| Build | Builds | Median | Min | Per operation (median) |
| --- | --- | --- | --- | --- |
| whole crate | {n_whole} | {whole} | {whole_min} | {whole_per} |
| `{module}` only | {n_one} | {one} | {one_min} | {one_per} |

The crate is {lines} lines: {per_request:.0} per request, besides the mock's {mock_lines}
(feature `mock`, off in these builds).

",
        requests = thousands(l.requests),
        modules = l.modules,
        module = l.module.0,
        module_requests = l.module.1,
        n_whole = l.whole.len(),
        whole = secs(l.whole.median()),
        whole_min = secs(l.whole.min()),
        whole_per = secs(l.whole.median() / l.requests as f64),
        n_one = l.one_module.len(),
        one = secs(l.one_module.median()),
        one_min = secs(l.one_module.min()),
        one_per = secs(l.one_module.median() / l.module.1 as f64),
        lines = thousands(l.lines),
        per_request = l.lines as f64 / l.requests as f64,
        mock_lines = thousands(l.mock_lines),
    );
    super::cost::section(out, &l.cost, l.lines);
}

/// Section 8.
pub(super) fn openapi(out: &mut String, o: &OpenapiResult) {
    out.push_str("## 8. Against `postman2openapi`\n\n");
    match o {
        OpenapiResult::Missing { searched } => {
            let _ = write!(
                out,
                "Not measured: `postman2openapi` was not found. Install it outside the \
                 repository with `cargo install --root ../tools postman2openapi-cli` (or set \
                 `POSTMAN2OPENAPI` to the program). Looked for:\n\n"
            );
            for path in searched {
                let _ = writeln!(out, "- `{}`", path.display());
            }
            out.push('\n');
        }
        OpenapiResult::Measured {
            program,
            version,
            ours,
            theirs,
            ratio: r,
            stages,
        } => {
            let _ = write!(
                out,
                "`postman2openapi` ({version}, `{program}`), a converter from Postman \
                 collections to OpenAPI that writes no Rust, against `codegen::generate` on \
                 the synthetic collection of 2,000 requests. Each of {rounds} rounds, after \
                 one warm-up of each, runs both in alternating order: the converter as a \
                 process writing JSON to a pipe that discards it (`-f json FILE`), the \
                 generator in this process on the text already read (so the converter also \
                 pays for its process start and its reading of the file, a few milliseconds).

| Side | Median | Min |
| --- | --- | --- |
| generator | {ours} | {ours_min} |
| `postman2openapi` | {theirs} | {theirs_min} |
| **generator / `postman2openapi`**, per round | **{ratio}** | {ratio_min} |

",
                program = program.display(),
                rounds = r.len(),
                ours = secs(ours.median()),
                ours_min = secs(ours.min()),
                theirs = secs(theirs.median()),
                theirs_min = secs(theirs.min()),
                ratio = ratio(r.median()),
                ratio_min = ratio(r.min()),
            );
            let _ = write!(
                out,
                "The generator's stages on the same collection, run one after another on one \
                 thread ({runs} runs; `codegen::generate` shares `emit` and `format` out \
                 between threads):\n\n| Stage | Median | Share |\n| --- | --- | --- |\n",
                runs = stages.first().map_or(0, Samples::len),
            );
            let total: f64 = stages.iter().map(Samples::median).sum();
            for (name, s) in STAGES.iter().zip(stages) {
                let _ = writeln!(
                    out,
                    "| `{name}` | {} | {:.0}% |",
                    secs(s.median()),
                    s.median() / total * 100.0
                );
            }
            out.push('\n');
        }
    }
}
