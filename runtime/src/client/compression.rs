//! `@requestCompression`: gzip the body of an operation request before it is signed.
//!
//! Generated code calls [`compress`] only for operations with the trait, and enables this
//! module's `compression` feature only for models that have one, so other clients carry
//! no deflate code or crate.

use std::io::Write;

use bytes::Bytes;
use http::HeaderValue;
use http::header::CONTENT_ENCODING;

use super::{Config, OperationRequest};

/// The encodings this runtime can apply, in the names `@requestCompression` uses.
pub const SUPPORTED: &[&str] = &["gzip"];

/// Compresses `request`'s body with the first of `encodings` (the model's order of
/// preference) that is supported, unless compression is disabled in `config` or the body is
/// shorter than its threshold. The encoding is appended to any `Content-Encoding` the
/// request already has (`custom` becomes `custom, gzip`), as the body was encoded in that
/// order. Returns whether the body was compressed.
pub fn compress(config: &Config, request: &mut OperationRequest, encodings: &[&str]) -> bool {
    let settings = config.compression();
    if settings.disabled || request.body.len() < settings.min_size as usize {
        return false;
    }
    if !encodings.iter().any(|e| SUPPORTED.contains(e)) {
        return false;
    }
    request.body = gzip(&request.body);
    let value = match request
        .headers
        .get(CONTENT_ENCODING)
        .map(HeaderValue::to_str)
    {
        Some(Ok(existing)) if !existing.trim().is_empty() => {
            HeaderValue::from_str(&format!("{existing}, gzip"))
                .unwrap_or(HeaderValue::from_static("gzip"))
        }
        _ => HeaderValue::from_static("gzip"),
    };
    request.headers.insert(CONTENT_ENCODING, value);
    true
}

/// The gzip (RFC 1952) encoding of `body`.
pub fn gzip(body: &[u8]) -> Bytes {
    let mut encoder = flate2::write::GzEncoder::new(
        Vec::with_capacity(body.len() / 2),
        flate2::Compression::default(),
    );
    // Writing to a Vec cannot fail.
    let _ = encoder.write_all(body);
    Bytes::from(encoder.finish().unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use std::io::Read;

    use super::*;
    use crate::client::{ClientBuilder, Handle, ServiceInfo};

    static SERVICE: ServiceInfo = ServiceInfo {
        sdk_id: "test",
        signing_name: "test",
        endpoint_prefix: "test",
        env_name: "TEST",
        api_version: "2020-01-01",
        crate_name: "test",
        crate_version: "0.1.0",
        endpoint_rules: "",
        auth: crate::auth::ServiceAuth {
            aws: false,
            default: &[],
            operations: &[],
        },
    };

    fn config(f: impl FnOnce(ClientBuilder<Handle>) -> ClientBuilder<Handle>) -> Config {
        let builder = ClientBuilder::<Handle>::new(&SERVICE).endpoint_url("http://localhost:1");
        f(builder).build().unwrap().config().clone()
    }

    fn request(body: &[u8], encoding: Option<&str>) -> OperationRequest {
        let mut headers = http::HeaderMap::new();
        if let Some(e) = encoding {
            headers.insert(CONTENT_ENCODING, HeaderValue::from_str(e).unwrap());
        }
        OperationRequest {
            operation: "Put",
            method: http::Method::POST,
            path_and_query: "/".into(),
            headers,
            body: Bytes::copy_from_slice(body),
            host_prefix: None,
        }
    }

    fn gunzip(body: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        flate2::read::GzDecoder::new(body)
            .read_to_end(&mut out)
            .unwrap();
        out
    }

    #[test]
    fn a_body_at_the_threshold_is_gzipped_and_decodes_back() {
        let body = vec![b'a'; 10_240];
        let mut r = request(&body, None);
        assert!(compress(&config(|b| b), &mut r, &["gzip"]));
        assert_eq!(r.headers[CONTENT_ENCODING], "gzip");
        assert_eq!(&r.body[..2], &[0x1f, 0x8b], "gzip magic");
        assert!(r.body.len() < body.len());
        assert_eq!(gunzip(&r.body), body);
    }

    #[test]
    fn a_shorter_body_is_left_alone() {
        let mut r = request(&[b'a'; 10_239], None);
        assert!(!compress(&config(|b| b), &mut r, &["gzip"]));
        assert_eq!(r.body.len(), 10_239);
        assert!(!r.headers.contains_key(CONTENT_ENCODING));
    }

    #[test]
    fn the_encoding_is_appended_to_one_the_caller_set() {
        let mut r = request(b"{}", Some("custom"));
        let c = config(|b| b.request_min_compression_size_bytes(0));
        assert!(compress(&c, &mut r, &["gzip"]));
        assert_eq!(r.headers[CONTENT_ENCODING], "custom, gzip");
        assert_eq!(gunzip(&r.body), b"{}");
    }

    #[test]
    fn disabled_or_unsupported_encodings_send_the_body_as_it_is() {
        let c = config(|b| {
            b.request_min_compression_size_bytes(0)
                .disable_request_compression(true)
        });
        let mut r = request(b"{}", None);
        assert!(!compress(&c, &mut r, &["gzip"]));
        let mut r = request(b"{}", None);
        let c = config(|b| b.request_min_compression_size_bytes(0));
        assert!(!compress(&c, &mut r, &["zstd"]));
        assert_eq!(&r.body[..], b"{}");
    }

    #[test]
    fn the_settings_come_from_the_environment_and_are_bounded() {
        let env = |name: &str| match name {
            "AWS_DISABLE_REQUEST_COMPRESSION" => Some("true".to_string()),
            "AWS_REQUEST_MIN_COMPRESSION_SIZE_BYTES" => Some("128".to_string()),
            "AWS_REGION" => Some("us-east-1".to_string()),
            "AWS_ACCESS_KEY_ID" => Some("AKID".to_string()),
            "AWS_SECRET_ACCESS_KEY" => Some("secret".to_string()),
            _ => None,
        };
        static AWS: ServiceInfo = ServiceInfo {
            auth: crate::auth::ServiceAuth::AWS_SIGV4,
            ..SERVICE
        };
        let dir = std::env::temp_dir().join("smithy-runtime-compression-no-home");
        let handle = ClientBuilder::<Handle>::new(&AWS)
            .with_env_from(env, Some(&dir))
            .unwrap()
            .build()
            .unwrap();
        let settings = handle.config().compression();
        assert!(settings.disabled);
        assert_eq!(settings.min_size, 128);
        let too_big = ClientBuilder::<Handle>::new(&SERVICE)
            .endpoint_url("http://localhost:1")
            .request_min_compression_size_bytes(10_485_761)
            .build();
        assert!(
            too_big
                .unwrap_err()
                .to_string()
                .contains("at most 10485760")
        );
        let bad = |v: &'static str| {
            move |name: &str| match name {
                "AWS_REQUEST_MIN_COMPRESSION_SIZE_BYTES" => Some(v.to_string()),
                other => env(other),
            }
        };
        for v in ["-1", "10485761", "ten"] {
            let e = ClientBuilder::<Handle>::new(&AWS)
                .with_env_from(bad(v), Some(&dir))
                .unwrap_err();
            assert!(
                e.to_string()
                    .contains("AWS_REQUEST_MIN_COMPRESSION_SIZE_BYTES"),
                "{e}"
            );
        }
    }
}
