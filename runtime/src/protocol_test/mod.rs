//! Support for the protocol tests that `smithy-codegen` generates from a model's `smithy.test`
//! traits (feature `protocol-test`, a dev-dependency of generated crates only): a transport that
//! captures the client's request and answers with a canned response, driving a generated
//! router with one request, and the comparisons Smithy's protocol tests prescribe (bodies by
//! media type, query parameters in order, required and forbidden headers). Every check panics
//! with a message that names what differs, as a test assertion does.
