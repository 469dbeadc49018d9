//! The report's sections.

use std::fmt::Write as _;

use super::{Results, thousands};
use crate::client::ClientResult;
use crate::compile::{CompileResult, TARGET_DIR};
use crate::decode::DecodeResult;
use crate::generator::{GeneratorResult, STAGES};
use crate::large::LargeResult;
use crate::scaling::ScalingResult;
use crate::stats::{megabytes, ratio, secs, sig3};

pub(super) fn header(out: &mut String, r: &Results) {
    let m = &r.machine;
    let _ = write!(
        out,
        "# Benchmarks

<!-- Written by `cargo xtask bench`. Do not edit: rerun it. -->

Numbers from one run of `cargo xtask bench{quick}` on {date}, at commit `{commit}`; the
run took {wall:.0} s of wall time. The machine is shared with other builds, so timings
are noisy: every comparison below is a ratio of two things measured side by side in the
same run, repeated, and the tables give the median and the minimum.
{quick_note}
## Reproduce

```sh
cargo xtask bench                     # everything, writes BENCHMARKS.md
cargo xtask bench --quick             # a few repetitions of each, writes target/bench-report.md
cargo xtask bench --only client,decode
```

`cargo xtask bench` builds the harness (`xtask/bench/`, crate `smspool-bench`) with the
release profile and runs it; it is a crate of its own because it links the generated
client, and `cargo xtask gen` must keep building when `generated/` does not. The wall
time above is the harness's own; the first run on a fresh `target/` also builds it in
release and builds `smspool`'s dependencies in `target/bench-compile` (several minutes
on this machine). Nothing here is a test: no timing is asserted anywhere. To see where
a client call spends its time: `perf record -g target/release/smspool-bench spin
service_list generated 5` (or `purchase`, `hand`).

## Machine

| | |
| --- | --- |
| CPUs (`nproc`) | {cpus} |
| CPU model | {cpu} |
| Memory | {mem:.1} GiB |
| OS | {os} |
| Toolchain | {rustc} |
| Load average (1, 5, 15 min) at start / end | {load_before} / {load_after} |

",
        quick = if r.quick { " --quick" } else { "" },
        date = crate::machine::today(),
        commit = m.commit,
        wall = r.wall.as_secs_f64(),
        quick_note = if r.quick {
            "\n**This is a `--quick` run: too few repetitions to trust.**\n"
        } else {
            ""
        },
        cpus = m.cpus,
        cpu = m.cpu_model,
        mem = m.memory as f64 / (1u64 << 30) as f64,
        os = m.os,
        rustc = m.rustc,
        load_before = r.load_before,
        load_after = r.load_after,
    );
}

pub(super) fn generator(out: &mut String, g: &GeneratorResult) {
    let _ = write!(
        out,
        "## 1. Generator on the SMSPool collection

The pipeline on `collection/smspool.postman_collection.json` ({} KB, {} operations)
with `collection/overrides.toml`, in release. The **total** is `codegen::generate`,
what `cargo xtask gen` runs: `emit` and `format` shared out between the cores, each
thread emitting and formatting its own files. The stage rows are the same pipeline
run one stage at a time on one thread (`codegen::stages`, then every job of `emit::plan`
drafted, then rendered; a test checks it writes the same files), so they add up to more than
the total. Each of {} runs, after 3 warm-up runs, also parses the file into a
`serde_json::Value` (with `preserve_order`, as the generator's serde_json has it): the
floor any generator reading this JSON pays. Floor and pipeline alternate in order.

| Stage | Median | Min | × floor (median) |
| --- | --- | --- | --- |
",
        g.input_bytes / 1000,
        g.operations,
        g.total.len()
    );
    let floor = g.floor.median();
    for (name, s) in STAGES.iter().zip(&g.stages) {
        let _ = writeln!(
            out,
            "| `{name}` | {} | {} | {} |",
            secs(s.median()),
            secs(s.min()),
            ratio(s.median() / floor)
        );
    }
    let _ = write!(
        out,
        "| **total** | **{}** | **{}** | **{}** (ratio of the minima {}) |
| floor: `serde_json::from_str::<Value>` | {} | {} | 1× |
| total, on-CPU time | {} | {} | |
| inside `format`: `syn::parse2` | {} | {} | {} |
| inside `format`: `prettyplease::unparse` | {} | {} | {} |

`overrides` parses the TOML overrides file; `parse` is the Postman serde model
(serde_path_to_error around serde_ignored); `lower` builds the IR; `infer` the response
types; `emit` the token streams (`quote`); `format` parses them with `syn` and prints them
with `prettyplease`. The total's × floor is the median of per-run ratios. On-CPU time
(every thread of the process, from `/proc/self/stat`, to 10 ms) leaves out the time
the threads waited for a CPU while other processes ran.
The last two rows split `format`: each run also parses freshly emitted tokens with
`syn` and prints them with `prettyplease`, timing each.

",
        secs(g.total.median()),
        secs(g.total.min()),
        ratio(g.total_ratio.median()),
        ratio(g.total.min() / g.floor.min()),
        secs(floor),
        secs(g.floor.min()),
        secs(g.total_cpu.median()),
        secs(g.total_cpu.min()),
        secs(g.syn_parse.median()),
        secs(g.syn_parse.min()),
        ratio(g.syn_parse.median() / floor),
        secs(g.unparse.median()),
        secs(g.unparse.min()),
        ratio(g.unparse.median() / floor),
    );
}

pub(super) fn scaling(out: &mut String, s: &ScalingResult) {
    let _ = write!(
        out,
        "## 2. Scaling on synthetic collections

`codegen/src/synthetic.rs` writes deterministic collections shaped like real ones: folders of a
dozen requests grouped in parent folders, some three deep; GET requests with query
parameters, POST requests with form bodies, path variables, Markdown descriptions; one
to three saved examples per request with Postman's response headers and JSON bodies
holding nested objects, arrays of records, numeric strings and an error example. Each
size is generated by `codegen::generate` (no overrides) in a child process of its own,
{} children per size, sizes interleaved; the child reads the file, then times each run
(wall time, and on-CPU time of all its threads: emit and format are shared out
between the machine's cores) and reports its peak RSS (`VmHWM` from
`/proc/self/status`, the input text included).

| Requests | Input | Generated lines | Runs | Median | Min | On-CPU (median) | Per request | Peak RSS | RSS before generating |
| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |
",
        s.children
    );
    for z in &s.sizes {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} | {} | {} | {} | {} |",
            thousands(z.requests),
            megabytes(z.input_bytes as f64),
            thousands(z.output_lines),
            z.times.len(),
            secs(z.times.median()),
            secs(z.times.min()),
            secs(z.cpu.median()),
            secs(z.times.median() / z.requests as f64),
            megabytes(z.peak.max()),
            megabytes(z.before.max()),
        );
    }
    let _ = write!(
        out,
        "
Least-squares fit of log(time) on log(requests): exponent **{:.2}** on the medians,
{:.2} on the minima (1 is linear). Peak memory grows with exponent {:.2}.

Median time per stage when the same child then runs the stages one after another on
one thread (`emit` holding every file's tokens before `format` prints any, which
`codegen::generate` avoids), and the resident memory right after each stage in the
largest such run:

| Stage |",
        s.exponent_median(),
        s.exponent_min(),
        s.memory_exponent()
    );
    for z in &s.sizes {
        let _ = write!(out, " {} requests |", thousands(z.requests));
    }
    let big = s.sizes.last();
    let _ = writeln!(
        out,
        " RSS after, {} |",
        big.map_or(String::new(), |z| thousands(z.requests))
    );
    out.push_str(&"| --- ".repeat(s.sizes.len() + 2));
    out.push_str("|\n");
    for (i, name) in STAGES.iter().enumerate() {
        let _ = write!(out, "| `{name}` |");
        for z in &s.sizes {
            let _ = write!(out, " {} |", secs(z.stages[i].median()));
        }
        let rss = big.map_or(0.0, |z| z.rss_after[i]);
        let _ = writeln!(out, " {} |", megabytes(rss));
    }
    out.push('\n');
}

pub(super) fn client(out: &mut String, c: &ClientResult, decode: Option<&DecodeResult>) {
    let _ = write!(
        out,
        "## 3. Client overhead: generated against hand-written

A minimal keep-alive HTTP/1.1 server on a tokio `TcpListener` in the same process
(`xtask/bench/src/client/server.rs`) answers each path with its saved success body from the
collection. Against it, the generated client (`RateLimit::unlimited()`,
`RetryPolicy::none()`) and the same requests written by hand with reqwest and serde
(`xtask/bench/src/client/hand.rs`: same method, path, bearer header and form fields, a status
check, decoding into a plain struct with the example's fields; a test checks the server
sees the same requests). Both reqwest clients have the same timeouts and redirect policy.
One call in flight at a time; tokio multi-threaded, 2 workers. Each round is one block of
generated calls and one block of hand-written calls, in alternating order after a
warm-up block each; the ratio is generated block time over hand-written block time of
the same round.

| Call | Body | Client | p50 | p99 | Calls/s | Generated / hand-written |
| --- | --- | --- | --- | --- | --- | --- |
"
    );
    for call in [&c.purchase, &c.service_list] {
        let _ = writeln!(
            out,
            "| `{}` | {} KB | generated | {} | {} | {:.0} | {} (middle half {}–{}, min {}), {} rounds of {} |",
            call.name,
            sig3(call.body_bytes as f64 / 1000.0),
            secs(call.generated.median()),
            secs(call.generated.percentile(99.0)),
            call.generated_throughput(),
            ratio(call.ratio.median()),
            ratio(call.ratio.percentile(25.0)),
            ratio(call.ratio.percentile(75.0)),
            ratio(call.ratio.min()),
            call.ratio.len(),
            call.block
        );
        let _ = writeln!(
            out,
            "| | | hand-written | {} | {} | {:.0} | |",
            secs(call.hand.median()),
            secs(call.hand.percentile(99.0)),
            call.hand_throughput()
        );
    }
    out.push('\n');
    if decode.is_some() {
        out.push_str(
            "Where the time goes: section 4 decodes the same bodies both ways, and variants \
             of the generated types with one difference each.\n\n",
        );
    }
}

pub(super) fn decode(out: &mut String, d: &DecodeResult) {
    out.push_str(
        "## 4. Decoding

`serde_json::from_slice` of a saved body into each type, from the same bytes; each
repetition decodes with every variant in turn (starting from a different one each
time), so ratios are per repetition. The purchase body is small, so its times are per
decode over batches of 200.

",
    );
    for body in [&d.service_list, &d.purchase] {
        let _ = write!(
            out,
            "**{}** ({} KB, {} repetitions)

| Variant | What | Median | Min | × `Value` (median) | × hand-written (median) |
| --- | --- | --- | --- | --- | --- |
",
            body.body,
            sig3(body.bytes as f64 / 1000.0),
            body.variants.first().map_or(0, |v| v.times.len())
        );
        for v in &body.variants {
            let _ = writeln!(
                out,
                "| `{}` | {} | {} | {} | {} | {} |",
                v.name,
                v.what,
                secs(v.times.median()),
                secs(v.times.min()),
                ratio(body.ratio(v.name, "Value").median()),
                ratio(body.ratio(v.name, "hand").median()),
            );
        }
        out.push('\n');
    }
}

pub(super) fn compile(out: &mut String, c: &CompileResult) {
    let per_op = |x: f64| x / c.operations as f64;
    let _ = write!(
        out,
        "## 5. Compile cost of the generated crate

`cargo build -p smspool` after touching every file in `generated/src`, its dependencies
already built (one untimed build first), in `{TARGET_DIR}` so that it neither waits for
nor invalidates the usual `target/`. Debug builds run with `CARGO_INCREMENTAL=0` so
that the whole crate is compiled, as on a fresh checkout; release builds are not
incremental anyway. Cargo's own start-up (about a second) is included.

| Profile | Builds | Median | Min | Per operation (median) |
| --- | --- | --- | --- | --- |
| debug | {} | {} | {} | {} |
| release | {} | {} | {} | {} |

The crate is {} lines ({} neither blank nor comments) in {} files for {} operations:
{:.0} lines, {:.0} of code, per operation.

",
        c.debug.times.len(),
        secs(c.debug.times.median()),
        secs(c.debug.times.min()),
        secs(per_op(c.debug.times.median())),
        c.release.times.len(),
        secs(c.release.times.median()),
        secs(c.release.times.min()),
        secs(per_op(c.release.times.median())),
        thousands(c.lines),
        thousands(c.code_lines),
        c.files,
        c.operations,
        per_op(c.lines as f64),
        per_op(c.code_lines as f64),
    );
}

pub(super) fn large(out: &mut String, l: &LargeResult) {
    let _ = write!(
        out,
        "## 6. A large answer

SMSPool's unfiltered `/request/pricing` answers about 18 MB and `/sms/all_stock` more
than 16 MiB. A child process serves a synthetic `/request/pricing`-shaped array
({} MB, {} rows) from the local server, resets its peak resident set (`VmHWM`, through
`/proc/self/clear_refs`) once the server holds the body, and makes the call with the
generated client (`client.pricing().retrieve_all()`: read up to the client's
`max_response_size`, then decoded into `Vec<RetrieveAllItem>`). The peak it then
reports, less the resident set before the call, is what one call costs; the target is
under 3× the body. Then {} timed calls.

| | |
| --- | --- |
| Resident before the call (the server's copy) | {} |
| Peak during the call | {} |
| The call's own peak | {} ({:.2}× the body) |
| Time per call, median (min) | {} ({}) |
| Time per MB, median | {} |

",
        sig3(l.body_bytes as f64 / 1e6),
        thousands(l.rows),
        l.times.len(),
        megabytes(l.baseline),
        megabytes(l.peak),
        megabytes(l.peak - l.baseline),
        l.peak_ratio(),
        secs(l.times.median()),
        secs(l.times.min()),
        secs(l.seconds_per_mb()),
    );
}
