//! Smithy's protocol tests, lowered into test cases of the generated crate.
//!
//! With [`crate::Settings::protocol_tests`], every case of `smithy.test#httpRequestTests` and
//! `smithy.test#httpResponseTests` (on the service's operations and error shapes) and of
//! `smithy.test#httpMalformedRequestTests` becomes one `#[test]` of the generated crate, in
//! `tests/protocol_tests.rs` and `tests/malformed_requests.rs`. Cases are filtered by `protocol`
//! (restJson1) and `appliesTo` here, while lowering; the emitters (`emit::protocol_tests`,
//! `emit::malformed_tests`) only print.
//!
//! Test functions are named `{kind}_{case id in snake_case}`, kind one of `client_request`,
//! `client_response`, `server_request`, `server_response`, `malformed_request` (with a
//! `_{n}` suffix per `testParameters` expansion, n from 0 in parameter-list order, Smithy's own
//! `{id}_case{n}`; a case without parameters has no suffix: see [`malformed`]). `cargo xtask protocol-tests` reads these
//! prefixes to count per kind.

pub mod http;
pub mod malformed;

use smithy_model::{Model, ShapeId};

use crate::Error;
use crate::ir::Service;

/// Every protocol test case of one service.
#[derive(Clone, Debug, Default)]
pub struct Cases {
    /// `httpRequestTests` and `httpResponseTests`, for client and server.
    pub http: http::Cases,
    /// `httpMalformedRequestTests`, server only.
    pub malformed: malformed::Cases,
}

/// Collects the cases of `service` from the normalised model; `ir` gives the Rust names.
pub fn lower(model: &Model, service: &ShapeId, ir: &Service) -> Result<Cases, Error> {
    Ok(Cases {
        http: http::lower(model, service, ir)?,
        malformed: malformed::lower(model, service, ir)?,
    })
}
