//! `tests/malformed_requests.rs`: `httpMalformedRequestTests` against the generated router.

use proc_macro2::TokenStream;
use quote::quote;

use crate::ir::Service;
use crate::protocol_tests::malformed::Cases;

pub(crate) fn tests_rs(_svc: &Service, _cases: &Cases) -> TokenStream {
    quote! {}
}
