//! "Targets missed": by how much, and what the measurements say about why.

use std::fmt::Write as _;

use super::{
    CLIENT_RATIO, EXPONENT, GENERATOR_TOTAL, Results, SCALE_MEMORY, SCALE_TIME, thousands,
};
use crate::client::CallResult;
use crate::decode::BodyResult;
use crate::generator::{GeneratorResult, STAGES};
use crate::stats::{megabytes, ratio, secs};

/// Where a target is missed: by how much, and what the measurements say about why.
pub(super) fn misses(out: &mut String, r: &Results) {
    let mut notes = Vec::new();
    if let Some(g) = &r.generator
        && g.total.median() > GENERATOR_TOTAL
    {
        let (stage, share) = largest_stage(g);
        let mut note = format!(
            "- **Generator total**: {} against 50 ms ({:.0}% over; on-CPU {}). The largest \
             stage, run on its own, is `{stage}`, {:.0}% of the total (section 1).",
            secs(g.total.median()),
            (g.total.median() / GENERATOR_TOTAL - 1.0) * 100.0,
            secs(g.total_cpu.median()),
            share * 100.0
        );
        if stage == "format" {
            let _ = write!(
                note,
                " Within it, `syn` parsing the emitted tokens back takes {} and \
                 `prettyplease` printing them {}.",
                secs(g.syn_parse.median()),
                secs(g.unparse.median())
            );
        }
        notes.push(note);
    }
    if let Some(s) = &r.scaling {
        let per_request: Vec<String> = s
            .sizes
            .iter()
            .map(|z| {
                format!(
                    "{} at {}",
                    secs(z.times.median() / z.requests as f64),
                    thousands(z.requests)
                )
            })
            .collect();
        if s.exponent_median() > EXPONENT {
            notes.push(format!(
                "- **Growth exponent** {:.2} against 1.1: time per request is {}.",
                s.exponent_median(),
                per_request.join(", ")
            ));
        }
        if let Some(big) = s.sizes.last() {
            if big.times.median() > SCALE_TIME {
                // Shares of the stage-by-stage run (one thread), which takes longer
                // than `codegen::generate` on several cores.
                let staged: f64 = big.stages.iter().map(|t| t.median()).sum();
                let shares: Vec<String> = STAGES
                    .iter()
                    .zip(&big.stages)
                    .filter(|(_, t)| t.median() / staged >= 0.05)
                    .map(|(name, t)| format!("`{name}` {:.0}%", t.median() / staged * 100.0))
                    .collect();
                let format_index = STAGES.iter().position(|n| *n == "format").unwrap_or(0);
                notes.push(format!(
                    "- **{} requests** took {} against 2 s. Growth is linear (exponent \
                     {:.2}), so the miss is the cost per request: {}. Of the time at \
                     {}, run one stage at a time: {} (section 2). 2 s needs {} per \
                     request; `format` alone takes {} per request on one thread, for {:.0} \
                     generated lines per request.",
                    thousands(big.requests),
                    secs(big.times.median()),
                    s.exponent_median(),
                    per_request.join(", "),
                    thousands(big.requests),
                    shares.join(", "),
                    secs(SCALE_TIME / big.requests as f64),
                    secs(big.stages[format_index].median() / big.requests as f64),
                    big.output_lines as f64 / big.requests as f64,
                ));
                if let Some(f) = &r.formatters {
                    let others = (staged - big.stages[format_index].median()) / big.requests as f64;
                    notes.push(format!(
                        "  The alternatives to `format` (section 9, on 2,000 requests): {}. \
                         None meets the target: with `format` free, the other stages still \
                         take {} per request.",
                        formatter_ratios(f),
                        secs(others),
                    ));
                }
            }
            if big.peak.max() > SCALE_MEMORY {
                let (stage, step) = largest_memory_step(big.before.max(), &big.rss_after);
                notes.push(format!(
                    "- **{} requests** peaked at {} against 500 MB, for a {} input. The \
                     largest step is `{stage}`: resident memory grows by {} during it \
                     (section 2).{}",
                    thousands(big.requests),
                    megabytes(big.peak.max()),
                    megabytes(big.input_bytes as f64),
                    megabytes(step),
                    if stage == "emit" {
                        " The staged run drafts every job of `emit::plan` first and only \
                         then renders them one by one, so all the token streams are alive \
                         together."
                    } else {
                        ""
                    }
                ));
            }
        }
    }
    if let Some(c) = &r.client {
        let decode = r.decode.as_ref();
        for (call, body) in [
            (&c.purchase, decode.map(|d| &d.purchase)),
            (&c.service_list, decode.map(|d| &d.service_list)),
        ] {
            if call.ratio.median() > CLIENT_RATIO {
                notes.push(client_miss(call, body));
            }
        }
    }
    if let Some(l) = &r.large
        && l.peak_ratio() > super::LARGE_PEAK_RATIO
    {
        notes.push(format!(
            "- **Large answer**: the call's peak is {:.2}× the {} body ({:.0}% over 3×), the \
             body's own copy included, since it is held until decoding ends. The decoded rows \
             fill {} ({} rows of {} B each: lenient scalars, an exact decimal, three strings \
             and the unknown keys, in a `Vec` of {} slots), and each row's three short strings \
             sit on the heap besides. Filtering the call (`country`, `service`, `pool`) is \
             what keeps such answers small (section 6).",
            l.peak_ratio(),
            megabytes(l.body_bytes as f64),
            (l.peak_ratio() / super::LARGE_PEAK_RATIO - 1.0) * 100.0,
            megabytes((l.rows * l.row_size) as f64),
            thousands(l.rows),
            l.row_size,
            thousands(l.capacity),
        ));
    }
    notes.extend(super::scale::misses(
        r.large_crate.as_ref(),
        r.openapi.as_ref(),
    ));
    out.push_str("## Targets missed\n\n");
    if notes.is_empty() {
        out.push_str("None.\n\n");
    } else {
        out.push_str(&notes.join("\n"));
        out.push_str("\n\n");
    }
}

/// The stage during which resident memory grew most, and by how much.
fn largest_memory_step(before: f64, rss_after: &[f64]) -> (&'static str, f64) {
    let mut previous = before;
    let mut best = ("", 0.0);
    for (name, rss) in STAGES.iter().zip(rss_after) {
        if rss - previous > best.1 {
            best = (name, rss - previous);
        }
        previous = *rss;
    }
    best
}

/// The stage taking the largest share of the median total, and that share.
fn largest_stage(g: &GeneratorResult) -> (&'static str, f64) {
    STAGES
        .iter()
        .zip(&g.stages)
        .map(|(name, s)| (*name, s.median() / g.total.median()))
        .fold(("", 0.0), |best, x| if x.1 > best.1 { x } else { best })
}

/// The client's extra time per call, taken apart with the decode benchmark.
fn client_miss(call: &CallResult, body: Option<&BodyResult>) -> String {
    let extra = call.generated.median() - call.hand.median();
    let mut text = format!(
        "- **`{}`**: {} the hand-written call ({:.0}% over 1.05×). Per call (p50) the \
         generated client takes {} against {}, {} more.",
        call.name,
        ratio(call.ratio.median()),
        (call.ratio.median() / CLIENT_RATIO - 1.0) * 100.0,
        secs(call.generated.median()),
        secs(call.hand.median()),
        secs(extra),
    );
    if let Some(body) = body {
        let median = |name: &str| body.variant(name).map_or(0.0, |v| v.times.median());
        let hand = median("hand");
        let decoding = median("generated") - hand;
        let lenient = median("lenient") - hand;
        let keep_unknown = median("generated") - median("lenient");
        let probe = median("probe");
        let _ = write!(
            text,
            " Decoding the body into the generated type costs {} more than into the \
             hand-written struct (section 4): the lenient scalars {}, keeping unknown keys \
             in the flattened `extra` map {}.",
            secs(decoding),
            secs(lenient),
            secs(keep_unknown),
        );
        if body.variant("probe").is_some() {
            let _ = write!(
                text,
                " The error-flag probe reads the body once more: {}.",
                secs(probe)
            );
        }
        let rest = extra - decoding - probe;
        let _ = write!(
            text,
            " That leaves {} ({:.0}% of the difference) to everything else (building the \
             `Call` and the request, the boxed future, keeping the response headers) and to \
             noise: the middle half of the per-round ratios spans {}–{}.",
            secs(rest),
            rest / extra * 100.0,
            ratio(call.ratio.percentile(25.0)),
            ratio(call.ratio.percentile(75.0)),
        );
    }
    text
}

/// `way` at `ratio`× the time of `format` now, for each alternative measured.
fn formatter_ratios(f: &crate::formatters::FormattersResult) -> String {
    use crate::formatters::Way;
    let now = f
        .ways
        .iter()
        .find(|w| w.way == Way::Current)
        .map_or(0.0, |w| w.time.median());
    f.ways
        .iter()
        .filter(|w| w.way != Way::Current && !w.time.is_empty())
        .map(|w| format!("{} {}", w.way.name(), ratio(w.time.median() / now)))
        .collect::<Vec<_>>()
        .join(", ")
}
