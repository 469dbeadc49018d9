//! Benchmark 4: decoding saved bodies into the generated types, against
//! `serde_json::Value` and hand-written structs, plus variants that price each of the
//! generated types' choices.

use std::hint::black_box;
use std::time::Instant;

use serde::de::DeserializeOwned;

use crate::client::hand;
use crate::saved::Bodies;
use crate::shapes;
use crate::stats::Samples;

/// Decodes a body, or says why not.
type Decoder = fn(&[u8]) -> Result<(), String>;

/// One way of decoding a body, measured.
#[derive(Debug)]
pub struct Variant {
    /// A short name (`generated`, `Value`...).
    pub name: &'static str,
    /// What it is.
    pub what: &'static str,
    /// Seconds per decode, one sample per repetition.
    pub times: Samples,
}

/// One body decoded every way.
#[derive(Debug)]
pub struct BodyResult {
    /// The body, as named in the report.
    pub body: &'static str,
    /// Its size.
    pub bytes: usize,
    /// The variants; the first is `Value`, the reference.
    pub variants: Vec<Variant>,
}

impl BodyResult {
    /// The variant named `name`.
    pub fn variant(&self, name: &str) -> Option<&Variant> {
        self.variants.iter().find(|v| v.name == name)
    }

    /// Per-repetition ratios of variant `a` to variant `b`.
    pub fn ratio(&self, a: &str, b: &str) -> Samples {
        match (self.variant(a), self.variant(b)) {
            (Some(a), Some(b)) => a.times.ratio_to(&b.times),
            _ => Samples::new(),
        }
    }
}

/// What the decode benchmark measured.
#[derive(Debug)]
pub struct DecodeResult {
    /// The service list (the largest saved body).
    pub service_list: BodyResult,
    /// The purchase success body.
    pub purchase: BodyResult,
}

fn decode<T: DeserializeOwned>(bytes: &[u8]) -> Result<(), String> {
    black_box(serde_json::from_slice::<T>(bytes).map_err(|e| e.to_string())?);
    Ok(())
}

fn probe_then_decode<T: DeserializeOwned>(bytes: &[u8]) -> Result<(), String> {
    if black_box(shapes::flag_is_false(bytes, "success")) {
        return Err("the error flag is set".into());
    }
    decode::<T>(bytes)
}

fn probe(bytes: &[u8]) -> Result<(), String> {
    black_box(shapes::flag_is_false(bytes, "success"));
    Ok(())
}

/// Value, generated, hand-written, then the attribution variants.
fn service_list_variants() -> Vec<(&'static str, &'static str, Decoder)> {
    use smspool::informative::ServiceListItem;
    vec![
        ("Value", "`serde_json::Value`", decode::<serde_json::Value>),
        (
            "generated",
            "`Vec<ServiceListItem>` (generated)",
            decode::<Vec<ServiceListItem>>,
        ),
        (
            "hand",
            "hand-written struct (`i64`, `String`)",
            decode::<Vec<hand::Service>>,
        ),
        (
            "lenient",
            "generated field types, no `extra`",
            decode::<Vec<shapes::ServiceLenient>>,
        ),
        (
            "extra",
            "hand-written types + flattened `extra`",
            decode::<Vec<shapes::ServiceExtra>>,
        ),
    ]
}

fn purchase_variants() -> Vec<(&'static str, &'static str, Decoder)> {
    use smspool::sms::PurchaseResponse;
    vec![
        ("Value", "`serde_json::Value`", decode::<serde_json::Value>),
        (
            "generated",
            "`PurchaseResponse` (generated)",
            decode::<PurchaseResponse>,
        ),
        (
            "hand",
            "hand-written struct (`i64`, `String`)",
            decode::<hand::Purchase>,
        ),
        (
            "lenient",
            "generated field types, no `extra`",
            decode::<shapes::PurchaseLenient>,
        ),
        (
            "extra",
            "hand-written types + flattened `extra`",
            decode::<shapes::PurchaseExtra>,
        ),
        ("probe", "the runtime's error-flag probe alone", probe),
        (
            "generated+probe",
            "probe, then `PurchaseResponse`: what the client does",
            probe_then_decode::<PurchaseResponse>,
        ),
    ]
}

/// Measures `reps` repetitions; in each, every variant decodes the body `batch` times
/// in a row (timed together), starting from a different variant each repetition.
fn measure(
    body: &'static str,
    bytes: &[u8],
    variants: Vec<(&'static str, &'static str, Decoder)>,
    reps: usize,
    batch: usize,
) -> Result<BodyResult, String> {
    let mut result = BodyResult {
        body,
        bytes: bytes.len(),
        variants: variants
            .iter()
            .map(|(name, what, _)| Variant {
                name,
                what,
                times: Samples::new(),
            })
            .collect(),
    };
    for (_, _, decoder) in &variants {
        decoder(bytes).map_err(|e| format!("{body}: {e}"))?;
    }
    let n = variants.len();
    for rep in 0..reps {
        for k in 0..n {
            let i = (rep + k) % n;
            let decoder = variants[i].2;
            let start = Instant::now();
            for _ in 0..batch {
                decoder(bytes)?;
            }
            let time = start.elapsed().as_secs_f64() / batch as f64;
            result.variants[i].times.push(time);
        }
    }
    Ok(result)
}

/// Runs the decode benchmark: `reps` repetitions per body.
pub fn run(reps: usize) -> Result<DecodeResult, String> {
    let bodies = Bodies::load()?;
    Ok(DecodeResult {
        service_list: measure(
            "service list",
            bodies.service_list.as_bytes(),
            service_list_variants(),
            reps,
            1,
        )?,
        purchase: measure(
            "purchase",
            bodies.purchase.as_bytes(),
            purchase_variants(),
            reps,
            200,
        )?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_variant_decodes_the_saved_bodies() {
        let result = run(2).expect("decodes");
        for body in [&result.service_list, &result.purchase] {
            assert!(body.variants.len() >= 5);
            for variant in &body.variants {
                assert_eq!(variant.times.len(), 2, "{}", variant.name);
            }
            assert_eq!(body.ratio("generated", "Value").len(), 2);
        }
    }

    #[test]
    fn the_probe_copy_reads_the_flag() {
        assert!(shapes::flag_is_false(
            br#"{"a": [1], "success": 0}"#,
            "success"
        ));
        assert!(!shapes::flag_is_false(br#"{"success": 1}"#, "success"));
        assert!(probe_then_decode::<serde_json::Value>(br#"{"success": 0}"#).is_err());
    }
}
