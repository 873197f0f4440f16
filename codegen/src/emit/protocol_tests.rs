//! `tests/protocol_tests.rs`: `httpRequestTests` / `httpResponseTests` for client and server.

use proc_macro2::TokenStream;
use quote::quote;

use crate::ir::Service;
use crate::protocol_tests::http::Cases;

pub(crate) fn tests_rs(_svc: &Service, _cases: &Cases) -> TokenStream {
    quote! {}
}
