//! Runtime for generated clients and servers.
//!
//! Generated crates depend only on this crate: it re-exports the crates their code names
//! (`http`, `bytes`, `futures_core`, `futures_util`).

pub mod auth;
pub mod client;
pub mod error;
#[cfg(feature = "protocol-test")]
pub mod protocol_test;
mod rand;
pub mod wire;

pub use bytes;
pub use futures_core;
pub use futures_util;
pub use http;
#[cfg(feature = "server")]
pub mod server;
