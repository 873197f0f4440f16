//! Service customizations: what the AWS SDKs do for a few services that no Smithy trait says,
//! applied to the IR after lowering and keyed on the `aws.api#service` `sdkId`. Smithy's
//! protocol suite tests each of them (`restJson1/services/*.smithy`).

use crate::ir::{Binding, Service, Ty};

/// Applies the customizations of `svc`'s service, if it has any.
pub fn apply(svc: &mut Service) {
    match svc.sdk_id.as_str() {
        "Glacier" => glacier(svc),
        // API Gateway answers in JSON only when asked to (`ApiGatewayAccept`).
        "API Gateway" => {
            for op in &mut svc.operations {
                op.static_headers
                    .push(("accept".to_string(), "application/json".to_string()));
            }
        }
        _ => {}
    }
}

/// Glacier (`GlacierVersionHeader`, `GlacierAccountId`, `GlacierChecksums`): the API version in
/// `x-amz-glacier-version` on every request; `accountId` may be left out (or empty) and is then
/// sent as `-`, the caller's account; uploads carry the payload's SHA-256 and tree hash.
fn glacier(svc: &mut Service) {
    let version = svc.api_version.clone();
    for op in &mut svc.operations {
        op.static_headers
            .push(("x-amz-glacier-version".to_string(), version.clone()));
        for f in &mut op.input.fields {
            if f.member == "accountId"
                && matches!(f.binding, Binding::Label { .. })
                && matches!(f.ty, Ty::String)
            {
                f.plain = false;
                f.constraints.required = false;
                f.empty_label = Some("-".to_string());
                f.docs.push(String::new());
                f.docs.push(
                    "When unset or empty, `-` (the account of the credentials) is sent.".into(),
                );
            }
        }
        op.glacier_checksums = op
            .input
            .fields
            .iter()
            .any(|f| f.binding == Binding::Payload && matches!(f.ty, Ty::Blob(_)));
    }
}
