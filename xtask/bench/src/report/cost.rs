//! Section 7's breakdown: where the whole large crate's build goes, by rustc's own
//! account, with and without serde's derives.

use std::fmt::Write as _;

use super::thousands;
use crate::compile_cost::{CompileCost, PASSES, TARGET_DIR};
use crate::stats::{megabytes, secs};

/// The derives' share of rustc's total, 0 to 1.
pub(super) fn derive_share(c: &CompileCost) -> f64 {
    ((c.whole.total - c.stubbed.total) / c.whole.total).max(0.0)
}

pub(super) fn section(out: &mut String, c: &CompileCost, lines: usize) {
    let _ = write!(
        out,
        "Where the whole build goes: one more build of the crate as rustc accounts for it \
         (`cargo rustc --lib -- -Z time-passes`, taken by this stable compiler under \
         `RUSTC_BOOTSTRAP=1`, in `{TARGET_DIR}`), and one of a copy with serde's \
         `Deserialize` and `Serialize` derives on its {types} types replaced by stub impls \
         (the `#[serde]` attributes dropped; nothing else changed), so that the derives' \
         share is measured. Passes nest and LLVM runs on worker threads beside the rest, so \
         the rows do not add up to the total.

| Pass | What it is | Whole crate | Share | Without serde's derives | Share |
| --- | --- | --- | --- | --- | --- |
",
        types = thousands(c.types),
    );
    for (i, (name, what)) in PASSES.iter().enumerate() {
        let (a, b) = (c.whole.seconds[i], c.stubbed.seconds[i]);
        let _ = writeln!(
            out,
            "| `{name}` | {what} | {} | {:.0}% | {} | {:.0}% |",
            secs(a),
            a / c.whole.total * 100.0,
            secs(b),
            b / c.stubbed.total * 100.0,
        );
    }
    let _ = write!(
        out,
        "| **total** (rustc) | | **{}** | | **{}** | |
| peak memory (rustc) | | {} | | {} | |
| lines after macro expansion | | {} | | {} | |

The crate is {lines} lines as written; expanded it is {expanded} lines, {expanded_stubbed} \
without serde's derives: the derives write {written:.0}% of the code the compiler checks and \
generates, and take {share:.0}% of the build ({derives} of {total}). Without them the build \
still takes {stubbed}, of which {front} before code generation.

",
        secs(c.whole.total),
        secs(c.stubbed.total),
        megabytes(c.whole.peak_rss),
        megabytes(c.stubbed.peak_rss),
        thousands(c.expanded),
        thousands(c.expanded_stubbed),
        lines = thousands(lines),
        expanded = thousands(c.expanded),
        expanded_stubbed = thousands(c.expanded_stubbed),
        written =
            (c.expanded - c.expanded_stubbed.min(c.expanded)) as f64 / c.expanded as f64 * 100.0,
        share = derive_share(c) * 100.0,
        derives = secs(c.whole.total - c.stubbed.total),
        total = secs(c.whole.total),
        stubbed = secs(c.stubbed.total),
        front = secs(c.stubbed.front_end()),
    );
}
