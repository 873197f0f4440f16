//! `tests/malformed_requests.rs`: `httpMalformedRequestTests` against the generated router.
//!
//! One `#[tokio::test]` per expansion ([`crate::protocol_tests::malformed`]): the request goes
//! through `server::router` with a service whose every handler records that it ran and fails
//! (`smithy_runtime::protocol_test::malformed::Probe`); the test fails if a handler ran, then
//! checks the status, the listed headers and the body assertion.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::{docs, ident};
use crate::ir::Service;
use crate::protocol_tests::malformed::{Assertion, Cases};

pub(crate) fn tests_rs(svc: &Service, cases: &Cases) -> TokenStream {
    if cases.cases.is_empty() {
        return quote! {
            //! This service's operations have no `httpMalformedRequestTests` cases.
        };
    }
    let krate = ident(&svc.crate_name.replace('-', "_"));
    let trait_name = format_ident!("{}", svc.trait_name);
    let handlers = svc.operations.iter().map(|op| {
        let module = ident(&op.module);
        let input = format_ident!("{}", op.input.name);
        let output = format_ident!("{}", op.output.name);
        let error = format_ident!("{}", op.error_name);
        let name = &op.name;
        quote! {
            async fn #module(
                &self,
                _input: #krate::operation::#module::#input,
            ) -> Result<#krate::operation::#module::#output, #krate::operation::#module::#error> {
                Err(#krate::operation::#module::#error::Unhandled(self.0.reached(#name)))
            }
        }
    });
    let skipped = cases
        .skipped
        .iter()
        .map(|(id, why)| format!(" - `{id}`: {why}"));
    let skipped_docs: Vec<String> = if cases.skipped.is_empty() {
        Vec::new()
    } else {
        std::iter::once(" Cases not generated:".to_string())
            .chain(skipped)
            .collect()
    };
    let skipped_docs = skipped_docs.iter().map(|l| quote! { #![doc = #l] });
    let tests = cases.cases.iter().map(|c| {
        let name = ident(&c.fn_name);
        let mut lines = c.docs.clone();
        if !c.tags.is_empty() {
            lines.push(String::new());
            lines.push(format!("Tags: {}.", c.tags.join(", ")));
        }
        let doc = docs(&lines);
        let r = &c.request;
        let method = &r.method;
        let uri = &r.uri;
        let host = match &r.host {
            Some(h) => quote! { Some(#h) },
            None => quote! { None },
        };
        let query = &r.query;
        let req_headers = r.headers.iter().map(|(k, v)| quote! { (#k, #v) });
        let body = match &r.body {
            Some(b) => quote! { Some(#b) },
            None => quote! { None },
        };
        let code = c.response.code;
        let resp_headers = c.response.headers.iter().map(|(k, v)| quote! { (#k, #v) });
        let resp_body = match &c.response.body {
            None => quote! { None },
            Some((media, Assertion::Contents(s))) => {
                quote! { Some((#media, ::smithy_runtime::protocol_test::malformed::BodyAssertion::Contents(#s))) }
            }
            Some((media, Assertion::MessageRegex(s))) => {
                quote! { Some((#media, ::smithy_runtime::protocol_test::malformed::BodyAssertion::MessageRegex(#s))) }
            }
        };
        quote! {
            #doc
            #[tokio::test]
            async fn #name() {
                let probe = Probe::new();
                let request = MalformedRequest {
                    method: #method,
                    uri: #uri,
                    host: #host,
                    query: &[#(#query),*],
                    headers: &[#(#req_headers),*],
                    body: #body,
                }
                .build();
                let response = call_router(router(Unreachable(probe.clone())), request).await;
                probe.assert_not_reached(&response);
                assert_response(
                    &ExpectedResponse {
                        code: #code,
                        headers: &[#(#resp_headers),*],
                        body: #resp_body,
                    },
                    &response,
                );
            }
        }
    });
    quote! {
        //! Smithy's `httpMalformedRequestTests` for this service: each request must be rejected
        //! by the server before any operation handler runs, with the status, headers and body
        //! the case gives. One test per `testParameters` expansion, numbered from 0.
        #(#skipped_docs)*
        #![cfg(feature = "server")]

        use smithy_runtime::protocol_test::call_router;
        use smithy_runtime::protocol_test::malformed::{
            ExpectedResponse, MalformedRequest, Probe, assert_response,
        };
        use #krate::server::router;

        /// Every handler records that it ran and fails: malformed requests must never reach one.
        struct Unreachable(Probe);

        impl #krate::#trait_name for Unreachable {
            #(#handlers)*
        }

        #(#tests)*
    }
}
