//! The benchmark harness behind `cargo xtask bench`, which builds it in release and
//! runs it. It measures the generator, its scaling, the generated client against a
//! hand-written one, decoding, and the generated crate's compile cost, then writes
//! `BENCHMARKS.md`.
//!
//! Timings on a shared machine are noisy, so every comparison is a ratio of two things
//! measured side by side in one run, repeated; reports give the minimum and median.

pub mod client;
pub mod compile;
pub mod decode;
pub mod generator;
pub mod large;
pub mod machine;
pub mod report;
pub mod saved;
pub mod scaling;
pub mod shapes;
pub mod stats;
