//! The generated servers of the fixture crates (`<crate>::server::router`): raw requests
//! through `tower::ServiceExt::oneshot`, and client → router round trips through a transport
//! that hands each request to the router in process (no socket needed).

use std::sync::{Arc, Mutex};

use smithy_runtime::bytes::Bytes;
use smithy_runtime::client::TransportError;
use smithy_runtime::client::{BoxFuture, ClientBuilder, Credentials, Handle, HttpClient};
use smithy_runtime::http;
use smithy_runtime::server::axum;
use smithy_runtime::server::tower::ServiceExt as _;
use smithy_runtime::wire::DateTime;
use smithy_runtime::wire::serde_json::{self, Value, json};

/// Sends every client request to a router in process.
#[derive(Clone)]
struct Loopback(axum::Router);

impl std::fmt::Debug for Loopback {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Loopback")
    }
}

impl HttpClient for Loopback {
    fn call(
        &self,
        request: http::Request<Bytes>,
    ) -> BoxFuture<'static, Result<http::Response<Bytes>, TransportError>> {
        let router = self.0.clone();
        Box::pin(async move {
            let response = router
                .oneshot(request.map(axum::body::Body::from))
                .await
                .unwrap();
            let (parts, body) = response.into_parts();
            let bytes = axum::body::to_bytes(body, usize::MAX).await.unwrap();
            Ok(http::Response::from_parts(parts, bytes))
        })
    }
}

fn client<C: From<Handle>>(builder: ClientBuilder<C>, router: axum::Router) -> C {
    builder
        .region("us-east-1")
        .endpoint_url("http://localhost")
        .credentials(Credentials::new("AKID", "SECRET", None))
        .http_client(Loopback(router))
        .build()
        .expect("client builds")
}

/// What the router answered: status, headers, body.
struct Answer {
    status: u16,
    headers: http::HeaderMap,
    body: Bytes,
}

impl Answer {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).map(|v| v.to_str().unwrap())
    }
    fn json(&self) -> Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&self.body)))
    }
    /// The error type and status, for framework/modeled error checks.
    fn error(&self) -> (u16, Option<&str>) {
        (self.status, self.header("x-amzn-errortype"))
    }
}

async fn send(
    router: &axum::Router,
    method: &str,
    uri: &str,
    headers: &[(&str, &str)],
    body: &'static [u8],
) -> Answer {
    let mut req = http::Request::builder().method(method).uri(uri);
    for (k, v) in headers {
        req = req.header(*k, *v);
    }
    let req = req.body(axum::body::Body::from(body)).unwrap();
    let response = router.clone().oneshot(req).await.unwrap();
    let (parts, body) = response.into_parts();
    Answer {
        status: parts.status.as_u16(),
        headers: parts.headers,
        body: axum::body::to_bytes(body, usize::MAX).await.unwrap(),
    }
}

const JSON: &[(&str, &str)] = &[("content-type", "application/json")];

mod bindings_server {
    use super::*;
    use bindings::operation::{
        all_bindings, blob_payload, document_payload, host_prefixed, no_content, string_payload,
    };
    use bindings::types::Thing;
    use bindings::types::error::NotFound;

    /// Keeps the last input of each operation; answers from it.
    #[derive(Clone, Default)]
    struct Stub {
        all: Arc<Mutex<Option<all_bindings::AllBindingsInput>>>,
        blob: Arc<Mutex<Option<blob_payload::BlobPayloadInput>>>,
    }

    impl bindings::BindingsApi for Stub {
        async fn all_bindings(
            &self,
            input: all_bindings::AllBindingsInput,
        ) -> Result<all_bindings::AllBindingsOutput, all_bindings::AllBindingsError> {
            *self.all.lock().unwrap() = Some(input.clone());
            if input.id == "missing" {
                return Err(all_bindings::AllBindingsError::NotFound(NotFound {
                    message: Some("no such thing".into()),
                    request_id: None,
                }));
            }
            Ok(all_bindings::AllBindingsOutput {
                status: Some(201),
                etag: Some("\"v1\"".into()),
                dates: input.when.map(|w| vec![w, DateTime::from_secs(0).unwrap()]),
                meta: input.meta.clone(),
                body: input.body.clone(),
            })
        }
        async fn blob_payload(
            &self,
            input: blob_payload::BlobPayloadInput,
        ) -> Result<blob_payload::BlobPayloadOutput, blob_payload::BlobPayloadError> {
            *self.blob.lock().unwrap() = Some(input.clone());
            Ok(blob_payload::BlobPayloadOutput {
                data: input.data.map(|mut d| {
                    d.reverse();
                    d
                }),
            })
        }
        async fn document_payload(
            &self,
            input: document_payload::DocumentPayloadInput,
        ) -> Result<document_payload::DocumentPayloadOutput, document_payload::DocumentPayloadError>
        {
            Ok(document_payload::DocumentPayloadOutput {
                doc: input.doc.map(|d| json!({"echo": d})),
            })
        }
        async fn host_prefixed(
            &self,
            _input: host_prefixed::HostPrefixedInput,
        ) -> Result<host_prefixed::HostPrefixedOutput, host_prefixed::HostPrefixedError> {
            Ok(Default::default())
        }
        async fn no_content(
            &self,
            _input: no_content::NoContentInput,
        ) -> Result<no_content::NoContentOutput, no_content::NoContentError> {
            Ok(Default::default())
        }
        async fn string_payload(
            &self,
            input: string_payload::StringPayloadInput,
        ) -> Result<string_payload::StringPayloadOutput, string_payload::StringPayloadError>
        {
            Ok(string_payload::StringPayloadOutput {
                text: input.text.map(|t| t.to_uppercase()),
            })
        }
    }

    #[tokio::test]
    async fn every_binding_round_trips_from_the_client_through_the_router() {
        let stub = Stub::default();
        let client: bindings::Client = client(
            bindings::Client::builder(),
            bindings::server::router(stub.clone()),
        );
        let when = DateTime::from_secs(1576540098).unwrap();
        let out = client
            .all_bindings()
            .id("a b/c")
            .path("there/guy%2F")
            .limit(-10)
            .tags("x")
            .tags("y&z")
            .since(when)
            .enabled(false)
            .extra("free", "form")
            .request_id("r1")
            .colors("red")
            .colors("b,c")
            .when(when)
            .count(7)
            .encoded("{\"a\":1}")
            .meta("Abc", "v1")
            .body(Thing::builder().name("n").renamed("r").build().unwrap())
            .send()
            .await
            .unwrap();
        let seen = stub.all.lock().unwrap().clone().unwrap();
        // Labels are percent-decoded; the greedy label keeps its `/` and a literal `%2F`.
        assert_eq!(seen.id, "a b/c");
        assert_eq!(seen.path, "there/guy%2F");
        assert_eq!(seen.limit, Some(-10));
        assert_eq!(
            seen.tags.as_deref(),
            Some(&["x".to_string(), "y&z".into()][..])
        );
        assert_eq!(seen.since.map(|t| t.secs()), Some(1576540098));
        assert_eq!(seen.enabled, Some(false));
        // @httpQueryParams sees every query parameter, bound ones included.
        let extra = seen.extra.unwrap();
        assert_eq!(extra["free"], "form");
        assert_eq!(extra["limit"], "-10");
        assert_eq!(seen.request_id.as_deref(), Some("r1"));
        // A quoted list item keeps its comma.
        assert_eq!(
            seen.colors.as_deref(),
            Some(&["red".to_string(), "b,c".into()][..])
        );
        assert_eq!(seen.when.map(|t| t.secs()), Some(1576540098));
        assert_eq!(seen.count, Some(7));
        // The @mediaType header string is base64-decoded.
        assert_eq!(seen.encoded.as_deref(), Some("{\"a\":1}"));
        // Prefix headers are keyed by the rest of the (lowercased) header name.
        assert_eq!(seen.meta.unwrap()["abc"], "v1");
        let body = seen.body.unwrap();
        assert_eq!(
            (body.name.as_str(), body.renamed.as_deref()),
            ("n", Some("r"))
        );
        // The output comes back through @httpResponseCode, headers and the payload.
        assert_eq!(out.status, Some(201));
        assert_eq!(out.etag.as_deref(), Some("\"v1\""));
        let dates: Vec<i64> = out.dates.unwrap().iter().map(|d| d.secs()).collect();
        assert_eq!(dates, [1576540098, 0]);
        assert_eq!(out.meta.unwrap()["abc"], "v1");
        assert_eq!(out.body.unwrap().renamed.as_deref(), Some("r"));
    }

    #[tokio::test]
    async fn modeled_errors_payloads_and_no_content_round_trip() {
        let stub = Stub::default();
        let client: bindings::Client = client(
            bindings::Client::builder(),
            bindings::server::router(stub.clone()),
        );
        let err = client
            .all_bindings()
            .id("missing")
            .path("p")
            .send()
            .await
            .unwrap_err();
        assert!(err.is_not_found(), "{err:?}");
        assert_eq!(err.message(), Some("no such thing"));
        let out = client
            .blob_payload()
            .data(b"\x00\x01\xff".to_vec())
            .send()
            .await
            .unwrap();
        assert_eq!(out.data.as_deref(), Some(&b"\xff\x01\x00"[..]));
        let seen = stub.blob.lock().unwrap().clone().unwrap();
        assert_eq!(seen.content_type.as_deref(), Some("image/png"));
        let out = client.string_payload().text("hi").send().await.unwrap();
        assert_eq!(out.text.as_deref(), Some("HI"));
        let out = client
            .document_payload()
            .doc(json!([1, {"k": null}]))
            .send()
            .await
            .unwrap();
        assert_eq!(out.doc, Some(json!({"echo": [1, {"k": null}]})));
        client.no_content().id("gone").send().await.unwrap();
        client.host_prefixed().account("acct").send().await.unwrap();
    }

    #[tokio::test]
    async fn raw_requests_labels_query_headers_and_status() {
        let stub = Stub::default();
        let router = bindings::server::router(stub.clone());
        // The greedy label spans segments and is percent-decoded; the required query literals
        // `fixed=yes` and `flag` select the route.
        let a = send(
            &router,
            "PUT",
            "/things/x%3Ay/files/a%2Fb/c%20d/?fixed=yes&flag&tag=1&tag=2&since=2019-12-16T23%3A48%3A18Z",
            &[("x-count", "-3"), ("x-when", "Mon, 16 Dec 2019 23:48:18 GMT")],
            b"",
        )
        .await;
        assert_eq!(a.status, 201, "{}", String::from_utf8_lossy(&a.body));
        let seen = stub.all.lock().unwrap().clone().unwrap();
        assert_eq!((seen.id.as_str(), seen.path.as_str()), ("x:y", "a/b/c d/"));
        assert_eq!(seen.tags.unwrap(), ["1", "2"]);
        assert_eq!(seen.count, Some(-3));
        assert_eq!(seen.since.unwrap().secs(), 1576540098);
        // No payload sent: the optional structure payload is absent.
        assert_eq!(seen.body, None);
        // An empty payload is written as no body at all.
        assert!(
            a.body.is_empty() || a.body.as_ref() == b"{}",
            "{:?}",
            a.body
        );
        // Without the literal query `flag` no route matches; another method gives 405.
        let a = send(&router, "PUT", "/things/x/files/p?fixed=yes", &[], b"").await;
        assert_eq!(a.error(), (404, Some("UnknownOperationException")));
        let a = send(&router, "GET", "/things/x", &[], b"").await;
        assert_eq!(a.error(), (405, Some("UnknownOperationException")));
        assert!(a.header("allow").unwrap().contains("DELETE"));
        // Ill-typed query, header and timestamp values are 400 SerializationException.
        for (uri, headers) in [
            ("/things/x/files/p?fixed=yes&flag&limit=ten", &[][..]),
            ("/things/x/files/p?fixed=yes&flag&limit=2147483648", &[][..]),
            ("/things/x/files/p?fixed=yes&flag&enabled=yes", &[][..]),
            ("/things/x/files/p?fixed=yes&flag&since=1576540098", &[][..]),
            (
                "/things/x/files/p?fixed=yes&flag",
                &[("x-count", "1.5")][..],
            ),
            (
                "/things/x/files/p?fixed=yes&flag",
                &[("x-when", "2019-12-16T23:48:18Z")][..],
            ),
            (
                "/things/x/files/p?fixed=yes&flag",
                &[("x-encoded", "not base64!")][..],
            ),
        ] {
            let a = send(&router, "PUT", uri, headers, b"").await;
            assert_eq!(
                a.error(),
                (400, Some("SerializationException")),
                "{uri} {headers:?}"
            );
            assert!(a.json()["message"].is_string(), "{uri}");
        }
        // 204 carries no body.
        let a = send(&router, "DELETE", "/things/x", &[], b"").await;
        assert_eq!(a.status, 204);
        assert!(a.body.is_empty());
    }

    #[tokio::test]
    async fn payload_content_types_are_checked_and_written() {
        let router = bindings::server::router(Stub::default());
        // The blob payload's @mediaType is image/png.
        let a = send(
            &router,
            "POST",
            "/blob",
            &[("content-type", "image/png")],
            b"abc",
        )
        .await;
        assert_eq!(a.status, 200);
        assert_eq!(a.body.as_ref(), b"cba");
        assert_eq!(a.header("content-type"), Some("application/octet-stream"));
        let a = send(&router, "POST", "/blob", JSON, b"abc").await;
        assert_eq!(a.error(), (415, Some("UnsupportedMediaTypeException")));
        // String payloads are text/plain both ways.
        let a = send(
            &router,
            "POST",
            "/text",
            &[("content-type", "text/plain")],
            b"ok",
        )
        .await;
        assert_eq!((a.status, a.body.as_ref()), (200, &b"OK"[..]));
        assert_eq!(a.header("content-type"), Some("text/plain"));
        let a = send(
            &router,
            "POST",
            "/text",
            &[("accept", "application/json")],
            b"",
        )
        .await;
        assert_eq!(a.error(), (406, Some("NotAcceptableException")));
        // Document payloads are JSON of any shape.
        let a = send(&router, "POST", "/doc", JSON, b"[1, \"two\"]").await;
        assert_eq!(a.json(), json!({"echo": [1, "two"]}));
        // A structure payload must be a JSON object.
        let a = send(
            &router,
            "PUT",
            "/things/x/files/p?fixed=yes&flag",
            JSON,
            b"[1]",
        )
        .await;
        assert_eq!(a.error(), (400, Some("SerializationException")));
        // A payload structure missing its required `name` is a violation at its path (the
        // typed value would have `name: ""`, so the validator must see the raw JSON).
        let a = send(
            &router,
            "PUT",
            "/things/x/files/p?fixed=yes&flag",
            JSON,
            br#"{"size": 1}"#,
        )
        .await;
        assert_eq!(a.error(), (400, Some("ValidationException")));
        assert_eq!(a.json()["fieldList"][0]["path"], "/body/name");
        // With `name` present the same request is accepted.
        let a = send(
            &router,
            "PUT",
            "/things/x/files/p?fixed=yes&flag",
            JSON,
            br#"{"name": "n", "size": 1}"#,
        )
        .await;
        // 201: the stub's output sets its @httpResponseCode member.
        assert_eq!(a.status, 201, "{}", String::from_utf8_lossy(&a.body));
        assert_eq!(a.json(), json!({"name": "n", "size": 1}));
    }
}

mod enums_server {
    use super::*;
    use enums::operation::put_enums;
    use enums::types::{LegacyNamed, Level, Modern};

    #[derive(Clone, Default)]
    struct Stub(Arc<Mutex<Option<put_enums::PutEnumsInput>>>);

    impl enums::EnumsApi for Stub {
        async fn put_enums(
            &self,
            input: put_enums::PutEnumsInput,
        ) -> Result<put_enums::PutEnumsOutput, put_enums::PutEnumsError> {
            *self.0.lock().unwrap() = Some(input.clone());
            Ok(put_enums::PutEnumsOutput {
                named: input.named,
                level: input.level.unwrap_or(Level::Low),
                modern: input.header,
            })
        }
    }

    #[tokio::test]
    async fn enums_and_int_enums_round_trip() {
        let stub = Stub::default();
        let client: enums::Client = client(
            enums::Client::builder(),
            enums::server::router(stub.clone()),
        );
        let out = client
            .put_enums()
            .named(LegacyNamed::Old)
            .level(Level::High)
            .levels(Level::Low)
            .header(Modern::B)
            .query(Level::High)
            .send()
            .await
            .unwrap();
        assert_eq!(
            (out.named, out.level, out.modern),
            (LegacyNamed::Old, Level::High, Some(Modern::B))
        );
        let seen = stub.0.lock().unwrap().clone().unwrap();
        assert_eq!(seen.query, Some(Level::High));
        assert_eq!(seen.levels, Some(vec![Level::Low]));
        // The @default("b") member arrives as sent.
        assert_eq!(seen.modern, Some(Modern::B));
    }

    #[tokio::test]
    async fn unknown_enum_values_get_the_framework_validation_exception() {
        let router = enums::server::router(Stub::default());
        // Enums has no modeled ValidationException: the Smithy framework one is used, and every
        // violation is listed (body string enum, body intEnum, list item, header, query).
        let a = send(
            &router,
            "POST",
            "/enums?level=3",
            &[("content-type", "application/json"), ("x-modern", "c")],
            br#"{"named": "t3.nano", "level": 99, "levels": [1, 2]}"#,
        )
        .await;
        assert_eq!(a.error(), (400, Some("ValidationException")));
        let body = a.json();
        let mut paths: Vec<&str> = body["fieldList"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["path"].as_str().unwrap())
            .collect();
        paths.sort();
        assert_eq!(
            paths,
            ["/header", "/level", "/levels/1", "/named", "/query"]
        );
        let message = body["message"].as_str().unwrap();
        assert!(
            message.starts_with("5 validation errors detected. "),
            "{message}"
        );
        assert!(
            message.contains("Value at '/named' failed to satisfy constraint: Member must satisfy enum value set: [t2.micro, UNKNOWN, old]"),
            "{message}"
        );
        // A missing required enum member is a violation too.
        let a = send(&router, "POST", "/enums", JSON, b"{}").await;
        assert_eq!(a.error(), (400, Some("ValidationException")));
        assert_eq!(
            a.json()["fieldList"],
            json!([{"path": "/named", "message": "Value at '/named' failed to satisfy constraint: Member must not be null"}])
        );
        // A non-numeric intEnum is malformed, not invalid.
        let a = send(
            &router,
            "POST",
            "/enums",
            JSON,
            br#"{"named": "old", "level": "HIGH"}"#,
        )
        .await;
        assert_eq!(a.error(), (400, Some("SerializationException")));
    }
}

mod recursion_server {
    use super::*;
    use recursion::operation::walk;
    use recursion::types::{Choice, Expr, Sum, Tree};

    #[derive(Clone, Default)]
    struct Stub(Arc<Mutex<Option<walk::WalkInput>>>);

    impl recursion::RecursionApi for Stub {
        async fn walk(&self, input: walk::WalkInput) -> Result<walk::WalkOutput, walk::WalkError> {
            *self.0.lock().unwrap() = Some(input.clone());
            Ok(walk::WalkOutput {
                choice: Some(input.choice.clone()),
                expr: Expr::Sum(Box::new(Sum {
                    left: Expr::Literal(1),
                    right: Expr::Negate(Box::new(Expr::Literal(2))),
                })),
                tree: input.tree.clone(),
            })
        }
    }

    #[tokio::test]
    async fn unions_and_recursive_structures_round_trip() {
        let stub = Stub::default();
        let client: recursion::Client = client(
            recursion::Client::builder(),
            recursion::server::router(stub.clone()),
        );
        let tree = Tree::builder()
            .value(1)
            .left(
                Tree::builder()
                    .value(2)
                    .right(Tree::builder().value(3).build())
                    .build(),
            )
            .children(Tree::builder().value(4).build())
            .build();
        let out = client
            .walk()
            .choice(Choice::Many(vec![1, 2]))
            .tree(tree.clone())
            .send()
            .await
            .unwrap();
        assert_eq!(out.choice, Some(Choice::Many(vec![1, 2])));
        assert_eq!(out.tree, Some(tree.clone()));
        assert_eq!(
            out.expr,
            Expr::Sum(Box::new(Sum {
                left: Expr::Literal(1),
                right: Expr::Negate(Box::new(Expr::Literal(2))),
            }))
        );
        let out = client.walk().choice(Choice::Nothing).send().await.unwrap();
        assert_eq!(out.choice, Some(Choice::Nothing));
        assert_eq!(stub.0.lock().unwrap().clone().unwrap().tree, None);
    }

    #[tokio::test]
    async fn malformed_unions_and_missing_required_members_are_rejected() {
        let router = recursion::server::router(Stub::default());
        let a = send(
            &router,
            "POST",
            "/walk",
            JSON,
            br#"{"choice": {"number": 1, "text": "a"}}"#,
        )
        .await;
        assert_eq!(a.error(), (400, Some("SerializationException")));
        let a = send(&router, "POST", "/walk", JSON, br#"{"tree": {"value": 1}}"#).await;
        assert_eq!(a.error(), (400, Some("ValidationException")));
        assert_eq!(a.json()["fieldList"][0]["path"], "/choice");
        // A required member deep in a recursive structure is checked at its path.
        let a = send(
            &router,
            "POST",
            "/walk",
            JSON,
            br#"{"choice": {"nothing": {}}, "a": {"b": {}}}"#,
        )
        .await;
        assert_eq!(a.error(), (400, Some("ValidationException")));
        assert_eq!(a.json()["fieldList"][0]["path"], "/a/b/a");
    }
}

mod scalars_server {
    use super::*;
    use scalars::operation::{list_things, put_scalars};

    #[derive(Clone, Default)]
    struct Stub(Arc<Mutex<Option<put_scalars::PutScalarsInput>>>);

    impl scalars::ScalarsApi for Stub {
        async fn list_things(
            &self,
            input: list_things::ListThingsInput,
        ) -> Result<list_things::ListThingsOutput, list_things::ListThingsError> {
            let token: i64 = input.token.as_deref().unwrap_or("0").parse().unwrap();
            Ok(list_things::ListThingsOutput {
                next: (token < 2).then(|| (token + 1).to_string()),
                page: Some(scalars::types::Page {
                    things: vec![DateTime::from_secs(1576540098 + token).unwrap()],
                }),
            })
        }
        async fn put_scalars(
            &self,
            input: put_scalars::PutScalarsInput,
        ) -> Result<put_scalars::PutScalarsOutput, put_scalars::PutScalarsError> {
            *self.0.lock().unwrap() = Some(input.clone());
            Ok(put_scalars::PutScalarsOutput {
                at: input.at,
                count: 3,
                flags: input.holes.clone().unwrap_or_default(),
                secret: Some(input.secret.clone()),
                times: Some(vec![input.at]),
                wide: Some(
                    scalars::types::Wide::builder()
                        .a("a")
                        .b(-2)
                        .c("quote \" and \\ and \u{1}")
                        .d(4)
                        .m("m")
                        .build(),
                ),
            })
        }
    }

    #[tokio::test]
    async fn timestamps_blobs_and_numbers_round_trip() {
        let stub = Stub::default();
        let client: scalars::Client = client(
            scalars::Client::builder(),
            scalars::server::router(stub.clone()),
        );
        let at = DateTime::from_secs(1576540098).unwrap();
        let out = client
            .put_scalars()
            .at(at)
            .secret("s3cret")
            // @required + @clientOptional: the client may omit it, the server requires it.
            .optional("o")
            .epoch(at)
            .iso(at)
            .http(at)
            .data(b"\x00value".to_vec())
            .big(smithy_runtime::wire::BigInteger::new("-123456789012345678901234567890").unwrap())
            .ratio(f32::NEG_INFINITY)
            .holes(Some(true))
            .holes(None)
            .gaps("k", None)
            .send()
            .await
            .unwrap();
        let seen = stub.0.lock().unwrap().clone().unwrap();
        // The timestamp label (date-time), epoch-seconds, date-time and http-date members.
        assert_eq!(seen.at.secs(), 1576540098);
        assert_eq!(seen.epoch.map(|t| t.secs()), Some(1576540098));
        assert_eq!(seen.iso.map(|t| t.secs()), Some(1576540098));
        assert_eq!(seen.http.map(|t| t.secs()), Some(1576540098));
        assert_eq!(seen.data.as_deref(), Some(&b"\x00value"[..]));
        assert_eq!(
            seen.big.unwrap().to_string(),
            "-123456789012345678901234567890"
        );
        assert_eq!(seen.ratio, Some(f32::NEG_INFINITY));
        assert_eq!(seen.holes.as_deref(), Some(&[Some(true), None][..]));
        assert_eq!(seen.gaps.unwrap()["k"], None);
        assert_eq!(seen.precise, Some(1.5));
        assert_eq!((out.at, out.count), (at, 3));
        assert_eq!(out.flags, [Some(true), None]);
        // A 13-member structure, written by the server and read back in one pass; a string
        // needing escapes survives the writer's escaping.
        let wide = out.wide.expect("wide comes back");
        assert_eq!(wide.c.as_deref(), Some("quote \" and \\ and \u{1}"));
        assert_eq!(
            (wide.a.as_deref(), wide.b, wide.d),
            (Some("a"), Some(-2), Some(4))
        );
        assert_eq!((wide.m.as_deref(), wide.e, wide.l), (Some("m"), None, None));
        // A paginated operation over the router: query members in, nested items out.
        let items: Vec<i64> = smithy_runtime::client::StreamExt::collect::<Vec<_>>(
            client.list_things().size(1).into_paginator().items(),
        )
        .await
        .into_iter()
        .map(|t| t.unwrap().secs())
        .collect();
        assert_eq!(items, [1576540098, 1576540099, 1576540100]);
    }

    #[tokio::test]
    async fn timestamps_in_each_location_reject_other_formats() {
        let router = scalars::server::router(Stub::default());
        let ok = br#"{"secret": "s", "optional": "o"}"#;
        let a = send(
            &router,
            "POST",
            "/scalars/2019-12-16T23%3A48%3A18.5Z",
            JSON,
            ok,
        )
        .await;
        assert_eq!(a.status, 200, "{}", String::from_utf8_lossy(&a.body));
        assert_eq!(a.json()["at"], json!(1576540098.5));
        for (uri, body) in [
            ("/scalars/1576540098", &ok[..]),
            (
                "/scalars/Mon%2C%2016%20Dec%202019%2023%3A48%3A18%20GMT",
                &ok[..],
            ),
            (
                "/scalars/2019-12-16T23%3A48%3A18Z",
                br#"{"secret": "s", "optional": "o", "epoch": "2019-12-16T23:48:18Z"}"#,
            ),
            (
                "/scalars/2019-12-16T23%3A48%3A18Z",
                br#"{"secret": "s", "optional": "o", "iso": 1576540098}"#,
            ),
            (
                "/scalars/2019-12-16T23%3A48%3A18Z",
                br#"{"secret": "s", "optional": "o", "http": "2019-12-16T23:48:18Z"}"#,
            ),
            (
                "/scalars/2019-12-16T23%3A48%3A18Z",
                br#"{"secret": "s", "optional": "o", "data": "not base64!"}"#,
            ),
            (
                "/scalars/2019-12-16T23%3A48%3A18Z",
                br#"{"secret": "s", "optional": "o", "holes": [1]}"#,
            ),
        ] {
            let body: &'static [u8] = Box::leak(body.to_vec().into_boxed_slice());
            let a = send(&router, "POST", uri, JSON, body).await;
            assert_eq!(
                a.error(),
                (400, Some("SerializationException")),
                "{uri} {}",
                String::from_utf8_lossy(body)
            );
        }
        // Query numbers are checked too.
        let a = send(&router, "GET", "/things?size=x", &[], b"").await;
        assert_eq!(a.error(), (400, Some("SerializationException")));
    }

    #[tokio::test]
    async fn big_number_ranges_are_checked_exactly() {
        let router = scalars::server::router(Stub::default());
        let uri = "/scalars/2019-12-16T23%3A48%3A18Z";
        // Inside the bounds (a bigDecimal may come as a JSON string).
        let a = send(
            &router,
            "POST",
            uri,
            JSON,
            br#"{"secret": "s", "optional": "o", "bigRange": 8, "decRange": "2.2"}"#,
        )
        .await;
        assert_eq!(a.status, 200, "{}", String::from_utf8_lossy(&a.body));
        // A bigInteger no i64 holds, and a bigDecimal an f64 would round up to the bound (as
        // strings: JSON numbers beyond f64 precision lose digits in the body parser).
        let a = send(
            &router,
            "POST",
            uri,
            JSON,
            br#"{"secret": "s", "optional": "o", "bigRange": "123456789012345678901234567890", "decRange": "2.19999999999999999999"}"#,
        )
        .await;
        assert_eq!(a.error(), (400, Some("ValidationException")));
        assert_eq!(
            a.json(),
            json!({
                "message": "2 validation errors detected. Value at '/bigRange' failed to satisfy constraint: Member must be between 2 and 8, inclusive; Value at '/decRange' failed to satisfy constraint: Member must be greater than or equal to 2.2",
                "fieldList": [
                    {"path": "/bigRange", "message": "Value at '/bigRange' failed to satisfy constraint: Member must be between 2 and 8, inclusive"},
                    {"path": "/decRange", "message": "Value at '/decRange' failed to satisfy constraint: Member must be greater than or equal to 2.2"},
                ],
            })
        );
    }
}

mod response_code_server {
    use super::*;
    use response_code::operation::enqueue;

    struct Stub;

    impl response_code::ResponseCodeApi for Stub {
        async fn enqueue(
            &self,
            input: enqueue::EnqueueInput,
        ) -> Result<enqueue::EnqueueOutput, enqueue::EnqueueError> {
            // `status` is `@default(0)`: left unset unless the item asks for a code.
            let status = input.item.and_then(|i| i.parse().ok()).unwrap_or_default();
            Ok(enqueue::EnqueueOutput { status })
        }
    }

    #[tokio::test]
    async fn an_unset_or_invalid_response_code_falls_back_to_the_http_code() {
        let router = response_code::server::router(Stub);
        for (body, want) in [
            (&br#"{}"#[..], 202),
            (br#"{"item": "0"}"#, 202),
            (br#"{"item": "42"}"#, 202),
            (br#"{"item": "1000"}"#, 202),
            (br#"{"item": "201"}"#, 201),
        ] {
            let a = send(&router, "POST", "/queue", JSON, body).await;
            assert_eq!(a.status, want, "{}", String::from_utf8_lossy(body));
        }
    }
}

mod names_server {
    use super::*;
    use name_hazards::operation::{match_, self_, type_};

    #[derive(Clone, Default)]
    struct Stub(Arc<Mutex<Vec<String>>>);

    impl name_hazards::NameHazardsApi for Stub {
        async fn match_(
            &self,
            input: match_::MatchInput,
        ) -> Result<match_::MatchOutput, match_::MatchError> {
            self.0.lock().unwrap().push(format!("{input:?}"));
            Ok(match_::MatchOutput {
                string: input.r#match.clone(),
                option: Some(name_hazards::types::Option::None),
                ..Default::default()
            })
        }
        async fn self_(
            &self,
            _input: self_::SelfInput,
        ) -> Result<self_::SelfOutput, self_::SelfError> {
            Ok(Default::default())
        }
        async fn type_(
            &self,
            input: type_::TypeInput,
        ) -> Result<type_::TypeOutput, type_::TypeError> {
            self.0
                .lock()
                .unwrap()
                .push(format!("crate={:?}", input.crate_));
            Ok(Default::default())
        }
    }

    #[tokio::test]
    async fn keyword_member_names_round_trip() {
        let stub = Stub::default();
        let client: name_hazards::Client = client(
            name_hazards::Client::builder(),
            name_hazards::server::router(stub.clone()),
        );
        let out = client
            .match_()
            .r#type("t")
            .r#match(name_hazards::types::String::builder().value("m").build())
            .self_(
                name_hazards::types::Result::builder()
                    .ok(true)
                    .build()
                    .unwrap(),
            )
            .foo_bar("1")
            .foo_bar_2("2")
            .build_value("b")
            .send_value("s")
            .send()
            .await
            .unwrap();
        assert_eq!(out.string.unwrap().value.as_deref(), Some("m"));
        assert_eq!(out.option, Some(name_hazards::types::Option::None));
        client.self_().send().await.unwrap();
        client.type_().crate_("c").send().await.unwrap();
        let seen = stub.0.lock().unwrap().clone();
        assert!(
            seen[0].contains("r#type: \"t\"") || seen[0].contains("type: \"t\""),
            "{}",
            seen[0]
        );
        assert!(
            seen[0].contains("foo_bar: Some(\"1\")") && seen[0].contains("foo_bar_2: Some(\"2\")"),
            "{}",
            seen[0]
        );
        assert!(seen[0].contains("send_value: Some(\"s\")"), "{}", seen[0]);
        assert_eq!(seen[1], "crate=Some(\"c\")");
        // `type` is required: the framework ValidationException names its wire name.
        let router = name_hazards::server::router(stub.clone());
        let a = send(&router, "POST", "/match", JSON, br#"{"self": {}}"#).await;
        assert_eq!(a.error(), (400, Some("ValidationException")));
        let mut paths: Vec<String> = a.json()["fieldList"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["path"].as_str().unwrap().to_string())
            .collect();
        paths.sort();
        assert_eq!(paths, ["/self/ok", "/type"]);
    }
}

mod defaults_server {
    use super::*;
    use defaults::operation::update_channel::{
        UpdateChannelError, UpdateChannelInput, UpdateChannelOutput,
    };

    #[derive(Clone, Default)]
    struct Stub(Arc<Mutex<Option<UpdateChannelInput>>>);

    impl defaults::DefaultsApi for Stub {
        async fn update_channel(
            &self,
            input: UpdateChannelInput,
        ) -> Result<UpdateChannelOutput, UpdateChannelError> {
            *self.0.lock().unwrap() = Some(input.clone());
            Ok(UpdateChannelOutput {
                authorized: input.authorized.unwrap_or_default(),
                name: input.name,
            })
        }
    }

    #[tokio::test]
    async fn the_server_applies_the_defaults_of_members_a_client_left_out() {
        let stub = Stub::default();
        let router = defaults::server::router(stub.clone());
        let answer = send(&router, "POST", "/UpdateChannel", JSON, b"{\"arn\":\"a\"}").await;
        assert_eq!(answer.status, 200, "{}", String::from_utf8_lossy(&answer.body));
        // Servers write every default (authoritative), so `authorized` is in the body.
        assert_eq!(answer.json(), json!({"authorized": false}));
        let input = stub.0.lock().unwrap().take().unwrap();
        assert_eq!(input.authorized, Some(false));
        assert_eq!(input.insecure_ingest, Some(false));
        assert_eq!(
            input.latency_mode,
            Some(defaults::types::LatencyMode::Low)
        );
        assert_eq!(input.tags, Some(Default::default()));
        assert_eq!(input.revision, 1);
        assert_eq!(input.priority, Some(5));
        assert_eq!(input.dry_run, Some(false));
        assert_eq!(input.name, None);
        assert_eq!(input.recording, None);
    }

    #[tokio::test]
    async fn values_a_client_sent_reach_the_handler() {
        let stub = Stub::default();
        let client: defaults::Client = client(
            defaults::Client::builder(),
            defaults::server::router(stub.clone()),
        );
        let out = client
            .update_channel()
            .arn("a")
            .authorized(true)
            .priority(9)
            .dry_run(true)
            .send()
            .await
            .unwrap();
        assert!(out.authorized);
        let input = stub.0.lock().unwrap().take().unwrap();
        assert_eq!(input.authorized, Some(true));
        assert_eq!(input.insecure_ingest, Some(false));
        assert_eq!(input.priority, Some(9));
        assert_eq!(input.dry_run, Some(true));
    }
}

mod io_reuse_server {
    use super::*;
    use io_reuse::operation::{batch_create_widgets, create_widget, describe_widget, list_widgets};
    use io_reuse::types::DescribeWidgetOutput;

    #[derive(Clone, Default)]
    struct Stub(Arc<Mutex<Vec<String>>>);

    impl io_reuse::IoReuseApi for Stub {
        async fn describe_widget(
            &self,
            input: describe_widget::DescribeWidgetInput,
        ) -> Result<describe_widget::DescribeWidgetOutput, describe_widget::DescribeWidgetError>
        {
            Ok(describe_widget::DescribeWidgetOutput {
                id: input.id,
                size: 4,
            })
        }
        async fn list_widgets(
            &self,
            _input: list_widgets::ListWidgetsInput,
        ) -> Result<list_widgets::ListWidgetsOutput, list_widgets::ListWidgetsError> {
            let names = self.0.lock().unwrap().clone();
            Ok(list_widgets::ListWidgetsOutput {
                widgets: Some(
                    names
                        .into_iter()
                        .map(|id| DescribeWidgetOutput { id, size: 1 })
                        .collect(),
                ),
            })
        }
        async fn create_widget(
            &self,
            input: create_widget::CreateWidgetInput,
        ) -> Result<create_widget::CreateWidgetOutput, create_widget::CreateWidgetError> {
            self.0.lock().unwrap().push(input.name.clone());
            Ok(create_widget::CreateWidgetOutput {
                id: input.name,
                size: input.size.unwrap_or_default(),
            })
        }
        async fn batch_create_widgets(
            &self,
            input: batch_create_widgets::BatchCreateWidgetsInput,
        ) -> Result<
            batch_create_widgets::BatchCreateWidgetsOutput,
            batch_create_widgets::BatchCreateWidgetsError,
        > {
            let mut names = self.0.lock().unwrap();
            names.extend(input.requests.into_iter().map(|r| format!("{}:{}", r.name, r.size)));
            Ok(Default::default())
        }
    }

    #[tokio::test]
    async fn shapes_used_as_io_and_as_data_round_trip_through_the_router() {
        let stub = Stub::default();
        let client: io_reuse::Client = client(
            io_reuse::Client::builder(),
            io_reuse::server::router(stub.clone()),
        );
        let d = client.describe_widget().id("w").send().await.unwrap();
        assert_eq!((d.id.as_str(), d.size), ("w", 4));
        client.create_widget().name("a").send().await.unwrap();
        let answer = send(
            &router_of(&stub),
            "POST",
            "/widgets/batch",
            JSON,
            b"{\"requests\":[{\"name\":\"b\"},{\"name\":\"c\",\"size\":2}]}",
        )
        .await;
        assert_eq!(answer.status, 204, "{}", String::from_utf8_lossy(&answer.body));
        let list = client.list_widgets().send().await.unwrap();
        let ids: Vec<String> = list.widgets.unwrap().into_iter().map(|w| w.id).collect();
        // The nested items got their default size (0) from the server.
        assert_eq!(ids, ["a", "b:0", "c:2"]);
    }

    fn router_of(stub: &Stub) -> axum::Router {
        io_reuse::server::router(stub.clone())
    }
}

mod malformed_server {
    //! Requests Smithy's malformed-request suites do not send: well-formed ones, which the
    //! operations of `fixtures/malformed.json` (those suites' operation shapes) must accept;
    //! a server rejecting everything would pass every `httpMalformedRequestTests` case. The
    //! cases themselves run as generated tests of the suites' own crates
    //! (`--protocol-tests`, `tests/malformed_requests.rs`).
    use super::*;
    use malformed::operation::*;

    /// Every operation succeeds with its default output.
    struct Stub;

    impl malformed::MalformedApi for Stub {
        async fn malformed_accept_with_body(
            &self,
            _input: malformed_accept_with_body::MalformedAcceptWithBodyInput,
        ) -> Result<
            malformed_accept_with_body::MalformedAcceptWithBodyOutput,
            malformed_accept_with_body::MalformedAcceptWithBodyError,
        > {
            Ok(Default::default())
        }
        async fn malformed_accept_with_generic_string(
            &self,
            _input: malformed_accept_with_generic_string::MalformedAcceptWithGenericStringInput,
        ) -> Result<
            malformed_accept_with_generic_string::MalformedAcceptWithGenericStringOutput,
            malformed_accept_with_generic_string::MalformedAcceptWithGenericStringError,
        > {
            Ok(Default::default())
        }
        async fn malformed_accept_with_payload(
            &self,
            _input: malformed_accept_with_payload::MalformedAcceptWithPayloadInput,
        ) -> Result<
            malformed_accept_with_payload::MalformedAcceptWithPayloadOutput,
            malformed_accept_with_payload::MalformedAcceptWithPayloadError,
        > {
            Ok(Default::default())
        }
        async fn malformed_blob(
            &self,
            _input: malformed_blob::MalformedBlobInput,
        ) -> Result<malformed_blob::MalformedBlobOutput, malformed_blob::MalformedBlobError>
        {
            Ok(Default::default())
        }
        async fn malformed_boolean(
            &self,
            _input: malformed_boolean::MalformedBooleanInput,
        ) -> Result<
            malformed_boolean::MalformedBooleanOutput,
            malformed_boolean::MalformedBooleanError,
        > {
            Ok(Default::default())
        }
        async fn malformed_content_type_with_body(
            &self,
            _input: malformed_content_type_with_body::MalformedContentTypeWithBodyInput,
        ) -> Result<
            malformed_content_type_with_body::MalformedContentTypeWithBodyOutput,
            malformed_content_type_with_body::MalformedContentTypeWithBodyError,
        > {
            Ok(Default::default())
        }
        async fn malformed_content_type_with_generic_string(
            &self,
            _input: malformed_content_type_with_generic_string::MalformedContentTypeWithGenericStringInput,
        ) -> Result<
            malformed_content_type_with_generic_string::MalformedContentTypeWithGenericStringOutput,
            malformed_content_type_with_generic_string::MalformedContentTypeWithGenericStringError,
        > {
            Ok(Default::default())
        }
        async fn malformed_content_type_with_payload(
            &self,
            _input: malformed_content_type_with_payload::MalformedContentTypeWithPayloadInput,
        ) -> Result<
            malformed_content_type_with_payload::MalformedContentTypeWithPayloadOutput,
            malformed_content_type_with_payload::MalformedContentTypeWithPayloadError,
        > {
            Ok(Default::default())
        }
        async fn malformed_content_type_without_body(
            &self,
            _input: malformed_content_type_without_body::MalformedContentTypeWithoutBodyInput,
        ) -> Result<
            malformed_content_type_without_body::MalformedContentTypeWithoutBodyOutput,
            malformed_content_type_without_body::MalformedContentTypeWithoutBodyError,
        > {
            Ok(Default::default())
        }
        async fn malformed_content_type_without_body_empty_input(&self, _input: malformed_content_type_without_body_empty_input::MalformedContentTypeWithoutBodyEmptyInputInput) -> Result<malformed_content_type_without_body_empty_input::MalformedContentTypeWithoutBodyEmptyInputOutput, malformed_content_type_without_body_empty_input::MalformedContentTypeWithoutBodyEmptyInputError>{
            Ok(Default::default())
        }
        async fn malformed_enum(
            &self,
            _input: malformed_enum::MalformedEnumInput,
        ) -> Result<malformed_enum::MalformedEnumOutput, malformed_enum::MalformedEnumError>
        {
            Ok(Default::default())
        }
        async fn malformed_integer(
            &self,
            _input: malformed_integer::MalformedIntegerInput,
        ) -> Result<
            malformed_integer::MalformedIntegerOutput,
            malformed_integer::MalformedIntegerError,
        > {
            Ok(Default::default())
        }
        async fn malformed_length(
            &self,
            _input: malformed_length::MalformedLengthInput,
        ) -> Result<malformed_length::MalformedLengthOutput, malformed_length::MalformedLengthError>
        {
            Ok(Default::default())
        }
        async fn malformed_length_query_string(
            &self,
            _input: malformed_length_query_string::MalformedLengthQueryStringInput,
        ) -> Result<
            malformed_length_query_string::MalformedLengthQueryStringOutput,
            malformed_length_query_string::MalformedLengthQueryStringError,
        > {
            Ok(Default::default())
        }
        async fn malformed_list(
            &self,
            _input: malformed_list::MalformedListInput,
        ) -> Result<malformed_list::MalformedListOutput, malformed_list::MalformedListError>
        {
            Ok(Default::default())
        }
        async fn malformed_map(
            &self,
            _input: malformed_map::MalformedMapInput,
        ) -> Result<malformed_map::MalformedMapOutput, malformed_map::MalformedMapError> {
            Ok(Default::default())
        }
        async fn malformed_pattern(
            &self,
            _input: malformed_pattern::MalformedPatternInput,
        ) -> Result<
            malformed_pattern::MalformedPatternOutput,
            malformed_pattern::MalformedPatternError,
        > {
            Ok(Default::default())
        }
        async fn malformed_range(
            &self,
            _input: malformed_range::MalformedRangeInput,
        ) -> Result<malformed_range::MalformedRangeOutput, malformed_range::MalformedRangeError>
        {
            Ok(Default::default())
        }
        async fn malformed_request_body(
            &self,
            _input: malformed_request_body::MalformedRequestBodyInput,
        ) -> Result<
            malformed_request_body::MalformedRequestBodyOutput,
            malformed_request_body::MalformedRequestBodyError,
        > {
            Ok(Default::default())
        }
        async fn malformed_required(
            &self,
            _input: malformed_required::MalformedRequiredInput,
        ) -> Result<
            malformed_required::MalformedRequiredOutput,
            malformed_required::MalformedRequiredError,
        > {
            Ok(Default::default())
        }
        async fn malformed_string(
            &self,
            _input: malformed_string::MalformedStringInput,
        ) -> Result<malformed_string::MalformedStringOutput, malformed_string::MalformedStringError>
        {
            Ok(Default::default())
        }
        async fn malformed_timestamp_body_date_time(
            &self,
            _input: malformed_timestamp_body_date_time::MalformedTimestampBodyDateTimeInput,
        ) -> Result<
            malformed_timestamp_body_date_time::MalformedTimestampBodyDateTimeOutput,
            malformed_timestamp_body_date_time::MalformedTimestampBodyDateTimeError,
        > {
            Ok(Default::default())
        }
        async fn malformed_timestamp_body_default(
            &self,
            _input: malformed_timestamp_body_default::MalformedTimestampBodyDefaultInput,
        ) -> Result<
            malformed_timestamp_body_default::MalformedTimestampBodyDefaultOutput,
            malformed_timestamp_body_default::MalformedTimestampBodyDefaultError,
        > {
            Ok(Default::default())
        }
        async fn malformed_timestamp_body_http_date(
            &self,
            _input: malformed_timestamp_body_http_date::MalformedTimestampBodyHttpDateInput,
        ) -> Result<
            malformed_timestamp_body_http_date::MalformedTimestampBodyHttpDateOutput,
            malformed_timestamp_body_http_date::MalformedTimestampBodyHttpDateError,
        > {
            Ok(Default::default())
        }
        async fn malformed_timestamp_header_date_time(
            &self,
            _input: malformed_timestamp_header_date_time::MalformedTimestampHeaderDateTimeInput,
        ) -> Result<
            malformed_timestamp_header_date_time::MalformedTimestampHeaderDateTimeOutput,
            malformed_timestamp_header_date_time::MalformedTimestampHeaderDateTimeError,
        > {
            Ok(Default::default())
        }
        async fn malformed_timestamp_header_default(
            &self,
            _input: malformed_timestamp_header_default::MalformedTimestampHeaderDefaultInput,
        ) -> Result<
            malformed_timestamp_header_default::MalformedTimestampHeaderDefaultOutput,
            malformed_timestamp_header_default::MalformedTimestampHeaderDefaultError,
        > {
            Ok(Default::default())
        }
        async fn malformed_timestamp_header_epoch(
            &self,
            _input: malformed_timestamp_header_epoch::MalformedTimestampHeaderEpochInput,
        ) -> Result<
            malformed_timestamp_header_epoch::MalformedTimestampHeaderEpochOutput,
            malformed_timestamp_header_epoch::MalformedTimestampHeaderEpochError,
        > {
            Ok(Default::default())
        }
        async fn malformed_timestamp_path_default(
            &self,
            _input: malformed_timestamp_path_default::MalformedTimestampPathDefaultInput,
        ) -> Result<
            malformed_timestamp_path_default::MalformedTimestampPathDefaultOutput,
            malformed_timestamp_path_default::MalformedTimestampPathDefaultError,
        > {
            Ok(Default::default())
        }
        async fn malformed_timestamp_path_epoch(
            &self,
            _input: malformed_timestamp_path_epoch::MalformedTimestampPathEpochInput,
        ) -> Result<
            malformed_timestamp_path_epoch::MalformedTimestampPathEpochOutput,
            malformed_timestamp_path_epoch::MalformedTimestampPathEpochError,
        > {
            Ok(Default::default())
        }
        async fn malformed_timestamp_path_http_date(
            &self,
            _input: malformed_timestamp_path_http_date::MalformedTimestampPathHttpDateInput,
        ) -> Result<
            malformed_timestamp_path_http_date::MalformedTimestampPathHttpDateOutput,
            malformed_timestamp_path_http_date::MalformedTimestampPathHttpDateError,
        > {
            Ok(Default::default())
        }
        async fn malformed_timestamp_query_default(
            &self,
            _input: malformed_timestamp_query_default::MalformedTimestampQueryDefaultInput,
        ) -> Result<
            malformed_timestamp_query_default::MalformedTimestampQueryDefaultOutput,
            malformed_timestamp_query_default::MalformedTimestampQueryDefaultError,
        > {
            Ok(Default::default())
        }
        async fn malformed_timestamp_query_epoch(
            &self,
            _input: malformed_timestamp_query_epoch::MalformedTimestampQueryEpochInput,
        ) -> Result<
            malformed_timestamp_query_epoch::MalformedTimestampQueryEpochOutput,
            malformed_timestamp_query_epoch::MalformedTimestampQueryEpochError,
        > {
            Ok(Default::default())
        }
        async fn malformed_timestamp_query_http_date(
            &self,
            _input: malformed_timestamp_query_http_date::MalformedTimestampQueryHttpDateInput,
        ) -> Result<
            malformed_timestamp_query_http_date::MalformedTimestampQueryHttpDateOutput,
            malformed_timestamp_query_http_date::MalformedTimestampQueryHttpDateError,
        > {
            Ok(Default::default())
        }
        async fn malformed_union(
            &self,
            _input: malformed_union::MalformedUnionInput,
        ) -> Result<malformed_union::MalformedUnionOutput, malformed_union::MalformedUnionError>
        {
            Ok(Default::default())
        }
        async fn malformed_unique_items(
            &self,
            _input: malformed_unique_items::MalformedUniqueItemsInput,
        ) -> Result<
            malformed_unique_items::MalformedUniqueItemsOutput,
            malformed_unique_items::MalformedUniqueItemsError,
        > {
            Ok(Default::default())
        }
    }

    const WELL_FORMED: &[(&str, &[(&str, &str)], &str)] = &[
        (
            "/MalformedInteger/-7?integerInQuery=8",
            &[
                ("integerInHeader", "9"),
                ("content-type", "application/json"),
            ],
            r#"{"integerInBody": 10}"#,
        ),
        (
            "/MalformedBoolean/false?booleanInQuery=true",
            &[("booleanInHeader", "false")],
            "",
        ),
        (
            "/MalformedTimestampPathDefault/1985-04-12T23%3A20%3A50.52Z",
            &[],
            "",
        ),
        (
            "/MalformedTimestampPathHttpDate/Tue%2C%2029%20Apr%202014%2018%3A30%3A38%20GMT",
            &[],
            "",
        ),
        ("/MalformedTimestampPathEpoch/1515531081.1234", &[], ""),
        (
            "/MalformedTimestampQueryEpoch?timestamp=1515531081",
            &[],
            "",
        ),
        (
            "/MalformedTimestampHeaderDefault",
            &[("timestamp", "Tue, 29 Apr 2014 18:30:38 GMT")],
            "",
        ),
        (
            "/MalformedTimestampHeaderDateTime",
            &[("timestamp", "1985-04-12T23:20:50.52Z")],
            "",
        ),
        (
            "/MalformedTimestampBodyHttpDate",
            JSON,
            r#"{"timestamp": "Tue, 29 Apr 2014 18:30:38 GMT"}"#,
        ),
        (
            "/MalformedTimestampBodyDefault",
            JSON,
            r#"{"timestamp": 1515531081.5}"#,
        ),
        ("/MalformedUnion", JSON, r#"{"union": {"int": 2}}"#),
        (
            "/MalformedString",
            &[("amz-media-typed-header", "eyJhIjoxfQ==")],
            "",
        ),
        (
            "/MalformedContentTypeWithPayload",
            &[("content-type", "image/jpeg")],
            "\u{ff}\u{d8}",
        ),
        (
            "/MalformedContentTypeWithGenericString",
            &[("content-type", "text/plain")],
            "hi",
        ),
        (
            "/MalformedEnum",
            JSON,
            r#"{"string": "abc", "stringWithEnumTrait": "def", "list": ["jkl"], "map": {"def": "abc"}, "union": {"second": "abc"}}"#,
        ),
        // Internal enum values are left out of messages but still accepted, as keys too.
        (
            "/MalformedEnum",
            JSON,
            r#"{"string": "ghi", "stringWithEnumTrait": "ghi", "list": ["ghi"], "map": {"ghi": "ghi"}}"#,
        ),
        (
            "/MalformedLength",
            JSON,
            r#"{"blob": "YWJj", "string": "abc", "minString": "ab", "maxString": "", "list": ["ab", "cd"], "map": {"ab": ["cd", "ef"], "gh": ["ij", "kl"]}}"#,
        ),
        (
            "/MalformedRange",
            JSON,
            r#"{"byte": 2, "short": 8, "integer": 5, "long": 2, "float": 8.8, "minFloat": 2.2, "maxByte": -128}"#,
        ),
        (
            "/MalformedPattern",
            JSON,
            r#"{"string": "abc", "evilString": "123", "list": ["m"], "map": {"a": "b"}, "union": {"first": "k"}}"#,
        ),
        (
            "/MalformedRequired?stringInQuery=abc",
            &[
                ("content-type", "application/json"),
                ("string-in-headers", "abc"),
            ],
            r#"{"string": "abc"}"#,
        ),
        (
            "/MalformedUniqueItems",
            JSON,
            r#"{"stringList": ["a", "b"], "listList": [["a"], ["b"]], "structureList": [{"hi": "a"}, {"hi": "b"}], "timestampList": [1, 2]}"#,
        ),
    ];

    #[tokio::test]
    async fn well_formed_requests_to_the_malformed_suites_operations_succeed() {
        let router = malformed::server::router(Stub);
        let mut failures = Vec::new();
        for (uri, headers, body) in WELL_FORMED {
            let body: &'static [u8] = body.as_bytes();
            let a = send(&router, "POST", uri, headers, body).await;
            if a.status != 200 {
                failures.push(format!(
                    "{uri}: {} {}",
                    a.status,
                    String::from_utf8_lossy(&a.body)
                ));
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }
}
