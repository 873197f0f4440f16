//! The region of the request being served: the real service is regional, so a client
//! configured for `us-west-2` gets `us-west-2` ARNs. The binary's router reads it from each
//! request's SigV4 credential scope ([`from_authorization`]) and runs the request inside
//! [`scope`]; unsigned requests and direct trait calls use [`crate::Config::region`].

use std::future::Future;
use std::sync::Arc;

use smithy_runtime::server::axum::extract::Request;
use smithy_runtime::server::axum::middleware::Next;
use smithy_runtime::server::axum::response::Response;

tokio::task_local! {
    static REGION: Arc<str>;
}

/// Runs `f` with `region` as the emulator's region (its ARNs, and which resources exist).
pub async fn scope<F: Future>(region: impl Into<Arc<str>>, f: F) -> F::Output {
    REGION.scope(region.into(), f).await
}

/// The region of the request being served, if one was set.
pub(crate) fn current() -> Option<Arc<str>> {
    REGION.try_with(Arc::clone).ok()
}

/// The region of a SigV4 `Authorization` header's credential scope
/// (`AWS4-HMAC-SHA256 Credential=AKID/20240101/us-west-2/ivschat/aws4_request, ...`), if it
/// is a well-formed region name.
pub fn from_authorization(header: &str) -> Option<&str> {
    let credential = header
        .split([' ', ','])
        .find_map(|part| part.strip_prefix("Credential="))?;
    let region = credential.split('/').nth(2)?;
    let valid = !region.is_empty()
        && region
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    valid.then_some(region)
}

/// axum middleware (`axum::middleware::from_fn(region::middleware)`): serves each signed
/// request in the region of its credential scope.
pub async fn middleware(request: Request, next: Next) -> Response {
    let region = request
        .headers()
        .get(smithy_runtime::http::header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(from_authorization)
        .map(Arc::<str>::from);
    match region {
        Some(region) => scope(region, next.run(request)).await,
        None => next.run(request).await,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_region_of_the_credential_scope() {
        let h = "AWS4-HMAC-SHA256 Credential=AKID/20240101/us-west-2/ivschat/aws4_request, \
                 SignedHeaders=host;x-amz-date, Signature=abc";
        assert_eq!(from_authorization(h), Some("us-west-2"));
        let compact = "AWS4-HMAC-SHA256 Credential=AKID/20240101/eu-central-1/ivschat/aws4_request,SignedHeaders=host,Signature=x";
        assert_eq!(from_authorization(compact), Some("eu-central-1"));
        for bad in [
            "",
            "Bearer xyz",
            "AWS4-HMAC-SHA256 Credential=AKID/20240101",
            "AWS4-HMAC-SHA256 Credential=AKID/20240101/US West/ivschat/aws4_request",
            "AWS4-HMAC-SHA256 Credential=AKID/20240101//ivschat/aws4_request",
        ] {
            assert_eq!(from_authorization(bad), None, "{bad}");
        }
    }

    #[tokio::test]
    async fn scope_sets_the_current_region_inside_only() {
        assert_eq!(current(), None);
        let inside = scope("ap-south-1", async { current() }).await;
        assert_eq!(inside.as_deref(), Some("ap-south-1"));
        assert_eq!(current(), None);
    }
}
