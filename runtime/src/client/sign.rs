//! SigV4 request signing with `aws-sigv4`.

use std::time::SystemTime;

use aws_sigv4::http_request::{SignableBody, SignableRequest, SigningSettings, sign as sigv4_sign};
use aws_sigv4::sign::v4;
use bytes::Bytes;
use http::{HeaderName, HeaderValue};

use super::Credentials;
use crate::error::Unhandled;

/// Signs `request` in place with SigV4 (`Authorization`, `X-Amz-Date`, and
/// `X-Amz-Security-Token` for temporary credentials), for `region` and `signing_name` at `time`.
///
/// The body is hashed into the signature, but no `x-amz-content-sha256` header is added:
/// restJson1 services do not need it (only S3 does). The request must have an absolute URI;
/// every header present is signed except `user-agent`, `authorization`,
/// `x-amzn-trace-id` and `transfer-encoding`. [`Handle::send`](super::Handle::send) calls this
/// on every attempt.
pub fn sign(
    request: &mut http::Request<Bytes>,
    credentials: &Credentials,
    region: &str,
    signing_name: &str,
    time: SystemTime,
) -> Result<(), Unhandled> {
    if request.uri().authority().is_none() {
        return Err(Unhandled::signing(format!(
            "request URI {} has no host",
            request.uri()
        )));
    }
    let params = v4::SigningParams::builder()
        .identity(credentials.identity())
        .region(region)
        .name(signing_name)
        .time(time)
        .settings(SigningSettings::default())
        .build()
        .map_err(Unhandled::signing)?
        .into();
    let headers = request
        .headers()
        .iter()
        .map(|(name, value)| {
            value
                .to_str()
                .map(|v| (name.as_str(), v))
                .map_err(|_| Unhandled::signing(format!("header {name} is not visible ASCII")))
        })
        .collect::<Result<Vec<_>, _>>()?;
    let uri = request.uri().to_string();
    let signable = SignableRequest::new(
        request.method().as_str(),
        uri,
        headers.into_iter(),
        SignableBody::Bytes(request.body()),
    )
    .map_err(Unhandled::signing)?;
    let (instructions, _signature) = sigv4_sign(signable, &params)
        .map_err(Unhandled::signing)?
        .into_parts();
    // Applied by hand rather than with `apply_to_request_http1x`, which unwraps invalid
    // header values; credentials are checked at build time, but a panic is never the answer.
    let (new_headers, _query) = instructions.into_parts();
    for header in new_headers {
        let mut value = HeaderValue::from_str(header.value()).map_err(|_| {
            Unhandled::signing(format!(
                "signed header {} is not a valid value",
                header.name()
            ))
        })?;
        // The signature is a credential for ~15 minutes: keep it out of `Debug` output too.
        value.set_sensitive(header.sensitive() || header.name() == "authorization");
        request
            .headers_mut()
            .insert(HeaderName::from_static(header.name()), value);
    }
    Ok(())
}
