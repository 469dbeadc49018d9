//! The benchmark harness behind `cargo xtask bench`, which builds it in release and
//! runs it. It measures the generator, its scaling, the generated client against a
//! hand-written one, decoding, the generated crate's compile cost (SMSPool's, and a
//! 2,000-request crate's whole and by module), and the generator against
//! `postman2openapi`, then writes `BENCHMARKS.md` and its scaling plot.
//!
//! Timings on a shared machine are noisy, so every comparison is a ratio of two things
//! measured side by side in one run, repeated; reports give the minimum and median.

pub mod client;
pub mod compile;
pub mod compile_cost;
pub mod decode;
pub mod formatters;
pub mod generator;
pub mod large;
pub mod large_crate;
pub mod machine;
pub mod openapi;
pub mod plot;
pub mod report;
pub mod saved;
pub mod scaling;
pub mod shapes;
pub mod stats;
