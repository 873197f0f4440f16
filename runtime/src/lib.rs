//! Runtime for generated clients and servers.
