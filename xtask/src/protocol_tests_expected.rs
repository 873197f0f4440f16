//! The protocol tests that are known to fail: (service shape id, generated test name, why).
//!
//! `cargo xtask protocol-tests` fails when a listed case passes (take it off) or is no longer
//! generated, and when an unlisted case fails. The goal is an empty list.

const REST_JSON: &str = "aws.protocoltests.restjson#RestJson";
const VALIDATION: &str = "aws.protocoltests.restjson.validation#RestJsonValidation";

/// (service, test function, reason).
pub const EXPECTED_FAILURES: &[(&str, &str, &str)] = &[
    (
        REST_JSON,
        "server_request_sdk_applied_content_encoding_rest_json1",
        "a client-only case run on the server too (no appliesTo): it sends `Content-Encoding: gzip` \
         with no body, so no server can read `data` from it",
    ),
    (
        REST_JSON,
        "server_request_sdk_appended_gzip_after_provided_encoding_rest_json1",
        "a client-only case run on the server too (no appliesTo): no body to read `data` from",
    ),
    (
        REST_JSON,
        "server_request_rest_json_endpoint_trait_with_host_label",
        "a JSON body without Content-Type gets 415, as the malformed-request case \
         RestJsonWithBodyExpectsApplicationJsonContentTypeNoHeaders requires; this case sends one",
    ),
    (
        REST_JSON,
        "server_request_rest_json_omits_empty_list_query_values",
        "the params set empty lists, which a query string cannot carry: the server sees them unset",
    ),
    (
        VALIDATION,
        "malformed_request_rest_json_malformed_pattern_re_dos_string",
        "suite defect: the case has no testParameters, so Smithy does not format it and its \
         expected message keeps the `$$` escape (`^([0-9]+)+$$`); we answer the pattern itself",
    ),
];
