//! The intermediate model and how it is built from a collection.

mod auth;
mod lenient_json;
mod lower;
mod model;
pub mod names;
mod url;
mod variables;

pub(crate) use lower::CLIENT_METHODS;
pub use lower::lower;
pub use model::*;
