//! Runtime for generated clients and servers.

pub mod wire;
