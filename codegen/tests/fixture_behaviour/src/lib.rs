//! Behaviour of the generated fixture crates on the wire, checked against the restJson1
//! protocol tests' expectations. Copied next to the generated fixtures and run by
//! `codegen/tests/compile_fixtures.rs` (the crates only exist at test time).
#![cfg(test)]

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};

use smithy_runtime::bytes::Bytes;
use smithy_runtime::client::{
    BoxFuture, ClientBuilder, Credentials, Handle, HttpClient, StreamExt, TransportError,
};
use smithy_runtime::error::UnhandledKind;
use smithy_runtime::http;
use smithy_runtime::wire::DateTime;

/// The generated servers (`<crate>::server::router`) of the same fixtures.
mod server;

/// Endpoints from the `endpoint_rules` fixture's rule set.
mod endpoints;

/// Services that are not AWS services: auth schemes over a loopback connection.
mod auth;

type Answer = (u16, Vec<(&'static str, &'static str)>, &'static [u8]);

/// Answers from a script and records every request.
#[derive(Clone, Debug, Default)]
struct Fake {
    script: Arc<Mutex<VecDeque<Answer>>>,
    seen: Arc<Mutex<Vec<http::Request<Bytes>>>>,
}

impl HttpClient for Fake {
    fn call(
        &self,
        request: http::Request<Bytes>,
    ) -> BoxFuture<'static, Result<http::Response<Bytes>, TransportError>> {
        self.seen.lock().unwrap().push(request);
        let (status, headers, body) =
            self.script
                .lock()
                .unwrap()
                .pop_front()
                .unwrap_or((200, vec![], b"{}"));
        let mut response = http::Response::new(Bytes::from_static(body));
        *response.status_mut() = http::StatusCode::from_u16(status).unwrap();
        for (k, v) in headers {
            response
                .headers_mut()
                .append(k, http::HeaderValue::from_static(v));
        }
        Box::pin(async move { Ok(response) })
    }
}

impl Fake {
    fn new(script: Vec<Answer>) -> Self {
        let fake = Fake::default();
        *fake.script.lock().unwrap() = script.into();
        fake
    }
    fn only_request(&self) -> http::Request<Bytes> {
        let mut seen = self.seen.lock().unwrap();
        assert_eq!(seen.len(), 1, "one request expected");
        seen.remove(0)
    }
}

fn build<C: From<Handle>>(builder: ClientBuilder<C>, fake: &Fake) -> C {
    builder
        .region("us-east-1")
        .endpoint_url("https://service.example.com")
        .credentials(Credentials::new("AKID", "SECRET", None))
        .http_client(fake.clone())
        .build()
        .expect("client builds")
}

fn json(request: &http::Request<Bytes>) -> serde_json::Value {
    serde_json::from_slice(request.body()).expect("JSON body")
}

fn header<'a>(request: &'a http::Request<Bytes>, name: &str) -> Option<&'a str> {
    request.headers().get(name).map(|v| v.to_str().unwrap())
}

mod bindings_on_the_wire {
    use super::*;
    use bindings::Client;
    use bindings::types::Thing;

    #[tokio::test]
    async fn every_request_binding_lands_where_the_model_says() {
        let fake = Fake::new(vec![]);
        let client: Client = build(Client::builder(), &fake);
        client
            .all_bindings()
            .id("a b/c")
            .path("there/guy")
            .limit(10)
            .tags("x")
            .tags("y&z")
            .since(DateTime::from_secs(1576540098).unwrap())
            .enabled(true)
            .extra("limit", "ignored: an explicit @httpQuery wins")
            .extra("free", "form")
            .request_id("r1")
            .colors("red")
            .colors("b,c")
            .when(DateTime::from_secs(1576540098).unwrap())
            .count(7)
            .encoded("{\"a\":1}")
            .meta("Abc", "v1")
            .body(Thing::builder().name("n").renamed("r").build().unwrap())
            .send()
            .await
            .unwrap();
        let req = fake.only_request();
        assert_eq!(req.method(), http::Method::PUT);
        // RestJsonHttpRequestWithGreedyLabelInPath / ...LabelsAndTimestampFormat.
        assert_eq!(req.uri().path(), "/things/a%20b%2Fc/files/there/guy");
        let query: Vec<&str> = req.uri().query().unwrap().split('&').collect();
        assert_eq!(
            query,
            [
                "fixed=yes",
                "flag",
                "enabled=true",
                "free=form",
                "limit=10",
                "since=2019-12-16T23%3A48%3A18Z",
                "tag=x",
                "tag=y%26z"
            ]
        );
        assert_eq!(header(&req, "x-request-id"), Some("r1"));
        // RestJsonInputAndOutputWithQuotedStringHeaders.
        assert_eq!(header(&req, "x-colors"), Some("red, \"b,c\""));
        assert_eq!(
            header(&req, "x-when"),
            Some("Mon, 16 Dec 2019 23:48:18 GMT")
        );
        assert_eq!(header(&req, "x-count"), Some("7"));
        // @mediaType strings travel base64-encoded in headers.
        assert_eq!(header(&req, "x-encoded"), Some("eyJhIjoxfQ=="));
        assert_eq!(header(&req, "x-meta-abc"), Some("v1"));
        assert_eq!(header(&req, "content-type"), Some("application/json"));
        assert_eq!(
            json(&req),
            serde_json::json!({"name": "n", "Renamed_Key": "r"})
        );
    }

    #[tokio::test]
    async fn empty_labels_are_refused_before_sending() {
        let fake = Fake::new(vec![]);
        let client: Client = build(Client::builder(), &fake);
        let err = client
            .all_bindings()
            .id("")
            .path("p")
            .send()
            .await
            .unwrap_err();
        let bindings::operation::all_bindings::AllBindingsError::Unhandled(u) = &err else {
            panic!("{err:?}")
        };
        assert_eq!(u.kind(), UnhandledKind::Build);
        assert!(err.to_string().contains("must not be empty"), "{err}");
        assert!(fake.seen.lock().unwrap().is_empty());
    }

    #[tokio::test]
    async fn response_bindings_are_read_from_status_headers_and_payload() {
        let fake = Fake::new(vec![(
            201,
            vec![
                ("etag", "\"v1\""),
                (
                    "x-dates",
                    "Mon, 16 Dec 2019 23:48:18 GMT, Mon, 16 Dec 2019 23:48:19 GMT",
                ),
                ("x-meta-one", "1"),
                ("x-meta-two", "2"),
            ],
            br#"{"name": "n", "size": 3}"#,
        )]);
        let client: Client = build(Client::builder(), &fake);
        let out = client
            .all_bindings()
            .id("i")
            .path("p")
            .send()
            .await
            .unwrap();
        assert_eq!(out.status, Some(201));
        assert_eq!(out.etag.as_deref(), Some("\"v1\""));
        let dates = out.dates.unwrap();
        assert_eq!(dates[1].secs(), 1576540099);
        let meta = out.meta.unwrap();
        assert_eq!((meta["one"].as_str(), meta["two"].as_str()), ("1", "2"));
        let body = out.body.unwrap();
        assert_eq!((body.name.as_str(), body.size), ("n", Some(3)));
    }

    #[tokio::test]
    async fn an_empty_payload_response_is_none() {
        let fake = Fake::new(vec![(200, vec![], b"")]);
        let client: Client = build(Client::builder(), &fake);
        let out = client
            .all_bindings()
            .id("i")
            .path("p")
            .send()
            .await
            .unwrap();
        assert_eq!(out.body, None);
    }

    #[tokio::test]
    async fn blob_string_and_document_payloads() {
        let fake = Fake::new(vec![
            (200, vec![], b"\x00\x01raw"),
            (200, vec![], b"hello"),
            (200, vec![], br#"{"any": [1, "two"]}"#),
        ]);
        let client: Client = build(Client::builder(), &fake);
        let out = client
            .blob_payload()
            .data(b"\x89PNG".to_vec())
            .send()
            .await
            .unwrap();
        assert_eq!(out.data.as_deref(), Some(&b"\x00\x01raw"[..]));
        let out = client.string_payload().text("hi").send().await.unwrap();
        assert_eq!(out.text.as_deref(), Some("hello"));
        let out = client
            .document_payload()
            .doc(serde_json::json!({"k": true}))
            .send()
            .await
            .unwrap();
        assert_eq!(out.doc, Some(serde_json::json!({"any": [1, "two"]})));
        let seen = fake.seen.lock().unwrap();
        assert_eq!(seen[0].body().as_ref(), b"\x89PNG");
        assert_eq!(header(&seen[0], "content-type"), Some("image/png"));
        assert_eq!(seen[1].body().as_ref(), b"hi");
        assert_eq!(header(&seen[1], "content-type"), Some("text/plain"));
        assert_eq!(json(&seen[2]), serde_json::json!({"k": true}));
    }

    #[tokio::test]
    async fn a_content_type_member_wins_over_the_payload_default() {
        let fake = Fake::new(vec![(200, vec![], b"")]);
        let client: Client = build(Client::builder(), &fake);
        client
            .blob_payload()
            .data(b"x".to_vec())
            .content_type("image/webp")
            .send()
            .await
            .unwrap();
        assert_eq!(
            header(&fake.only_request(), "content-type"),
            Some("image/webp")
        );
    }

    #[tokio::test]
    async fn no_content_responses_and_host_prefixes() {
        let fake = Fake::new(vec![(204, vec![], b""), (200, vec![], b"")]);
        let client: Client = build(Client::builder(), &fake);
        client.no_content().id("gone").send().await.unwrap();
        client
            .host_prefixed()
            .account("acct-1")
            .send()
            .await
            .unwrap();
        let seen = std::mem::take(&mut *fake.seen.lock().unwrap());
        assert_eq!(seen[0].method(), http::Method::DELETE);
        assert!(seen[0].body().is_empty());
        assert_eq!(
            seen[1].uri().host(),
            Some("acct-1.data.service.example.com")
        );
        // An unset @idempotencyToken gets a fresh UUID.
        let token = json(&seen[1])["clientToken"].as_str().unwrap().to_string();
        assert_eq!(token.len(), 36, "{token}");
        let err = client
            .host_prefixed()
            .account("not.a label")
            .send()
            .await
            .unwrap_err();
        assert!(err.to_string().contains("host label"), "{err}");
    }

    #[tokio::test]
    async fn errors_read_header_members_and_fall_back_to_unhandled() {
        let fake = Fake::new(vec![
            (
                400,
                vec![("x-amzn-errortype", "BadThing"), ("x-reason", "too big")],
                br#"{"message": "no"}"#,
            ),
            (
                404,
                vec![],
                br#"{"code": "NotFound", "Message": "missing"}"#,
            ),
            (503, vec![], b"<html>down</html>"),
        ]);
        let client: Client = build(
            Client::builder().retry(smithy_runtime::client::RetryConfig::disabled()),
            &fake,
        );
        let err = client
            .all_bindings()
            .id("i")
            .path("p")
            .send()
            .await
            .unwrap_err();
        match &err {
            bindings::operation::all_bindings::AllBindingsError::BadThing(e) => {
                assert_eq!(e.reason.as_deref(), Some("too big"));
                assert_eq!(e.message.as_deref(), Some("no"));
            }
            other => panic!("{other:?}"),
        }
        let err = client
            .all_bindings()
            .id("i")
            .path("p")
            .send()
            .await
            .unwrap_err();
        assert!(err.is_not_found(), "{err:?}");
        assert_eq!(err.message(), Some("missing"));
        let err = client
            .all_bindings()
            .id("i")
            .path("p")
            .send()
            .await
            .unwrap_err();
        assert_eq!(err.code(), None);
        assert!(err.to_string().contains("503"), "{err}");
    }
}

mod enums_on_the_wire {
    use enums::types::{LegacyNamed, LegacyUnnamed, Level, Modern};

    use super::*;

    #[tokio::test]
    async fn enums_travel_as_their_values_and_unknown_values_round_trip() {
        let fake = Fake::new(vec![(
            200,
            vec![],
            br#"{"named": "t3.nano", "level": 99, "modern": "a"}"#,
        )]);
        let client: enums::Client = build(enums::Client::builder(), &fake);
        let out = client
            .put_enums()
            .named(LegacyNamed::T2Micro)
            .unnamed(LegacyUnnamed::V1st)
            .level(Level::High)
            .levels(Level::Low)
            .header(Modern::B)
            .query(Level::from(42))
            .send()
            .await
            .unwrap();
        assert_eq!(out.named, LegacyNamed::Unknown("t3.nano".into()));
        assert_eq!(out.named.as_str(), "t3.nano");
        assert_eq!(out.level, Level::Unknown(99));
        assert_eq!(out.modern, Some(Modern::A));
        let req = fake.only_request();
        assert_eq!(req.uri().query(), Some("level=42"));
        assert_eq!(header(&req, "x-modern"), Some("b"));
        // `modern` has @default("b"), but the caller did not set it: it is not sent.
        assert_eq!(
            json(&req),
            serde_json::json!({"named": "t2.micro", "unnamed": "1st", "level": 10, "levels": [1]})
        );
    }

    #[test]
    fn a_value_named_unknown_does_not_take_the_catch_all() {
        assert_eq!(LegacyNamed::from("UNKNOWN"), LegacyNamed::UnknownValue);
        assert_eq!(LegacyNamed::values(), ["t2.micro", "UNKNOWN", "old"]);
        // Declaration order (the fixture file lists HIGH first).
        assert_eq!(Level::values(), [10, 1]);
        assert_eq!("10".parse::<Level>().unwrap(), Level::High);
        assert!("ten".parse::<Level>().is_err());
    }
}

mod recursion_on_the_wire {
    use recursion::types::{Choice, Expr, Sum, Tree};

    use super::*;

    #[tokio::test]
    async fn unions_and_recursive_shapes_round_trip() {
        let fake = Fake::new(vec![(
            200,
            vec![],
            br#"{"expr": {"sum": {"left": {"literal": 1}, "right": {"negate": {"literal": 2}}}},
                 "choice": {"somethingNew": 1},
                 "tree": {"value": 1, "left": {"value": 2}, "children": [{"value": 3}]}}"#,
        )]);
        let client: recursion::Client = build(recursion::Client::builder(), &fake);
        let out = client
            .walk()
            .choice(Choice::Nothing)
            .tree(
                Tree::builder()
                    .value(1)
                    .left(Tree::builder().value(2).build())
                    .build(),
            )
            .send()
            .await
            .unwrap();
        assert_eq!(
            out.expr,
            Expr::Sum(Box::new(Sum {
                left: Expr::Literal(1),
                right: Expr::Negate(Box::new(Expr::Literal(2))),
            }))
        );
        // A member this crate does not know is received as the catch-all.
        assert_eq!(out.choice, Some(Choice::Unknown));
        let tree = out.tree.unwrap();
        assert_eq!(tree.left.unwrap().value, Some(2));
        assert_eq!(tree.children.unwrap()[0].value, Some(3));
        assert_eq!(
            json(&fake.only_request()),
            serde_json::json!({"choice": {"nothing": {}}, "tree": {"value": 1, "left": {"value": 2}}})
        );
    }

    #[tokio::test]
    async fn the_catch_all_union_member_cannot_be_sent() {
        let fake = Fake::new(vec![]);
        let client: recursion::Client = build(recursion::Client::builder(), &fake);
        let err = client
            .walk()
            .choice(Choice::Unknown)
            .send()
            .await
            .unwrap_err();
        assert!(
            err.to_string().contains("unknown member of union Choice"),
            "{err}"
        );
        assert!(fake.seen.lock().unwrap().is_empty());
    }

    #[tokio::test]
    async fn a_missing_required_union_is_corrected_to_the_catch_all() {
        let fake = Fake::new(vec![(200, vec![], b"{}")]);
        let client: recursion::Client = build(recursion::Client::builder(), &fake);
        let out = client
            .walk()
            .choice(Choice::Number(1))
            .send()
            .await
            .unwrap();
        assert_eq!(out.expr, Expr::Unknown);
    }
}

mod scalars_on_the_wire {
    use scalars::types::Login;

    use super::*;

    #[tokio::test]
    async fn timestamps_blobs_numbers_and_sparse_collections_on_the_wire() {
        let fake = Fake::new(vec![(
            200,
            vec![],
            br#"{"at": 1576540098.5, "times": ["2019-12-16T23:48:18Z"], "flags": [true, null],
                "wide": {"a": "first", "b": 2, "c": "c", "d": 4, "e": "e", "f": 6, "g": "g",
                    "h": 8, "i": "i", "j": 10, "k": "k", "l": 12, "m": null, "extra": {"x": 1},
                    "a": "last"}}"#,
        )]);
        let client: scalars::Client = build(scalars::Client::builder(), &fake);
        let at = DateTime::from_secs(1576540098).unwrap();
        let out = client
            .put_scalars()
            .at(at)
            .secret("s3cret")
            .epoch(at)
            .iso(at)
            .http(at)
            .data(b"value".to_vec())
            .big(smithy_runtime::wire::BigInteger::new("123456789012345678901234567890").unwrap())
            .ratio(f32::NAN)
            .holes(Some(true))
            .holes(None)
            .gaps("k", None)
            .send()
            .await
            .unwrap();
        assert_eq!(out.at.subsec_millis(), 500);
        assert_eq!(
            out.count, 0,
            "a missing required member gets its zero value"
        );
        assert_eq!(out.flags, [Some(true), None]);
        // More than twelve members: read in one pass. A repeated key keeps its last value,
        // `null` is absent, an unknown key is skipped.
        let wide = out.wide.expect("wide is read");
        assert_eq!(wide.a.as_deref(), Some("last"));
        assert_eq!((wide.b, wide.l), (Some(2), Some(12)));
        assert_eq!(wide.k.as_deref(), Some("k"));
        assert_eq!(wide.m, None);
        let req = fake.only_request();
        assert_eq!(req.uri().path(), "/scalars/2019-12-16T23%3A48%3A18Z");
        let body = json(&req);
        assert_eq!(body["epoch"], serde_json::json!(1576540098));
        assert_eq!(body["iso"], "2019-12-16T23:48:18Z");
        assert_eq!(body["http"], "Mon, 16 Dec 2019 23:48:18 GMT");
        assert_eq!(body["data"], "dmFsdWU=");
        assert_eq!(body["big"], "123456789012345678901234567890");
        assert_eq!(body["ratio"], "NaN");
        assert_eq!(body["holes"], serde_json::json!([true, null]));
        assert_eq!(body["gaps"], serde_json::json!({"k": null}));
        // Input members with @default(1.5), @default(0), @default(true), @default("none") that
        // the caller did not set are not sent: the default is the server's to apply.
        for key in ["precise", "small", "on", "label"] {
            assert!(body.get(key).is_none(), "{key} sent: {body}");
        }
    }

    #[test]
    fn sensitive_shapes_and_members_are_redacted() {
        let login = Login::builder()
            .user("alice")
            .password("hunter2")
            .build()
            .unwrap();
        let text = format!("{login:?}");
        assert!(
            !text.contains("alice") && !text.contains("hunter2"),
            "{text}"
        );
        let input = scalars::operation::put_scalars::PutScalarsInput::builder()
            .at(DateTime::from_secs(0).unwrap())
            .secret("s3cret")
            .build()
            .unwrap();
        assert!(!format!("{input:?}").contains("s3cret"));
    }

    #[tokio::test]
    async fn paginated_items_follow_a_nested_path() {
        let fake = Fake::new(vec![
            (
                200,
                vec![],
                br#"{"next": "2", "page": {"things": ["2019-12-16T23:48:18Z"]}}"#,
            ),
            (
                200,
                vec![],
                br#"{"page": {"things": ["2019-12-16T23:48:19Z"]}}"#,
            ),
        ]);
        let client: scalars::Client = build(scalars::Client::builder(), &fake);
        let items: Vec<i64> = client
            .list_things()
            .size(1)
            .into_paginator()
            .items()
            .map(|t| t.unwrap().secs())
            .collect()
            .await;
        assert_eq!(items, [1576540098, 1576540099]);
        let seen = fake.seen.lock().unwrap();
        assert_eq!(seen[0].uri().query(), Some("size=1"));
        // Query members in declaration order (`size`, then `token`).
        assert_eq!(seen[1].uri().query(), Some("size=1&token=2"));
    }
}

mod names_on_the_wire {
    use super::*;

    #[tokio::test]
    async fn keyword_members_and_std_named_shapes_work() {
        let fake = Fake::new(vec![(
            200,
            vec![],
            br#"{"string": {"value": "v"}, "option": "SOME", "vec": [{"value": "x"}]}"#,
        )]);
        let client: name_hazards::Client = build(name_hazards::Client::builder(), &fake);
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
            .send()
            .await
            .unwrap();
        assert_eq!(out.string.unwrap().value.as_deref(), Some("v"));
        assert_eq!(out.option, Some(name_hazards::types::Option::Some));
        assert_eq!(out.vec.unwrap()[0].value.as_deref(), Some("x"));
        assert_eq!(
            json(&fake.only_request()),
            serde_json::json!({"type": "t", "match": {"value": "m"}, "self": {"ok": true},
                               "fooBar": "1", "foo_bar": "2", "build": "b"})
        );
        client.self_().send().await.unwrap();
        client.type_().crate_("c").send().await.unwrap();
        let seen = fake.seen.lock().unwrap();
        assert_eq!(
            seen.last()
                .unwrap()
                .uri()
                .path_and_query()
                .unwrap()
                .as_str(),
            "/type?crate=c"
        );
    }
}

mod defaults_on_the_wire {
    use super::*;
    use defaults::Client;
    use defaults::types::{LatencyMode, Recording};

    #[tokio::test]
    async fn an_update_with_one_member_set_sends_exactly_that_member() {
        // Like IVS UpdateChannel: `authorized` and `insecureIngest` default to false. A client
        // that sends them would turn a private channel public (the server applies what it
        // gets), so only what the caller set travels, plus the one member that is both
        // @required and @default (`revision`, which Smithy says is always serialized).
        let fake = Fake::new(vec![]);
        let client: Client = build(Client::builder(), &fake);
        client
            .update_channel()
            .arn("arn:aws:ivs:us-west-2:123456789012:channel/abc")
            .name("renamed")
            .send()
            .await
            .unwrap();
        let req = fake.only_request();
        assert_eq!(
            json(&req),
            serde_json::json!({
                "arn": "arn:aws:ivs:us-west-2:123456789012:channel/abc",
                "name": "renamed",
                "revision": 1
            })
        );
        // Nor a defaulted header or query member.
        assert_eq!(header(&req, "x-priority"), None);
        assert_eq!(req.uri().query(), None);
    }

    #[tokio::test]
    async fn members_set_to_their_default_value_are_sent() {
        let fake = Fake::new(vec![]);
        let client: Client = build(Client::builder(), &fake);
        client
            .update_channel()
            .arn("a")
            .authorized(false)
            .insecure_ingest(true)
            .latency_mode(LatencyMode::Low)
            .priority(5)
            .dry_run(false)
            // A nested structure is data the caller builds whole: its defaulted members are
            // written (Smithy: default values SHOULD be serialized).
            .recording(Recording::builder().prefix("p").build())
            .send()
            .await
            .unwrap();
        let req = fake.only_request();
        assert_eq!(
            json(&req),
            serde_json::json!({
                "arn": "a",
                "authorized": false,
                "insecureIngest": true,
                "latencyMode": "LOW",
                "revision": 1,
                "recording": {"enabled": false, "prefix": "p"}
            })
        );
        assert_eq!(header(&req, "x-priority"), Some("5"));
        assert_eq!(req.uri().query(), Some("dryRun=false"));
    }

    #[tokio::test]
    async fn output_members_with_defaults_are_filled_in_when_absent() {
        let fake = Fake::new(vec![(200, vec![], b"{\"name\":\"n\"}")]);
        let client: Client = build(Client::builder(), &fake);
        let out = client.update_channel().arn("a").send().await.unwrap();
        assert!(!out.authorized);
        assert_eq!(out.name.as_deref(), Some("n"));
    }
}

mod io_reuse_on_the_wire {
    use super::*;
    use io_reuse::Client;
    use io_reuse::types::{CreateWidgetInput, DescribeWidgetOutput};

    #[tokio::test]
    async fn an_operation_output_that_is_also_a_list_item_reads_both_ways() {
        let fake = Fake::new(vec![
            (200, vec![], b"{\"id\":\"w1\",\"size\":3}"),
            (
                200,
                vec![],
                b"{\"widgets\":[{\"id\":\"w1\",\"size\":3},{\"id\":\"w2\"}]}",
            ),
        ]);
        let client: Client = build(Client::builder(), &fake);
        let one = client.describe_widget().id("w1").send().await.unwrap();
        assert_eq!((one.id.as_str(), one.size), ("w1", 3));
        let all = client.list_widgets().send().await.unwrap();
        assert_eq!(
            all.widgets.unwrap(),
            vec![
                DescribeWidgetOutput::builder().id("w1").size(3).build().unwrap(),
                DescribeWidgetOutput::builder().id("w2").build().unwrap(),
            ]
        );
    }

    #[tokio::test]
    async fn an_operation_input_that_is_also_a_list_item_writes_both_ways() {
        let fake = Fake::new(vec![(200, vec![], b"{\"id\":\"w9\"}"), (204, vec![], b"")]);
        let client: Client = build(Client::builder(), &fake);
        let created = client.create_widget().name("a").send().await.unwrap();
        assert_eq!(created.id, "w9");
        client
            .batch_create_widgets()
            .requests(CreateWidgetInput::builder().name("b").build().unwrap())
            .requests(CreateWidgetInput::builder().name("c").size(2).build().unwrap())
            .send()
            .await
            .unwrap();
        let seen = fake.seen.lock().unwrap();
        assert_eq!(seen.len(), 2);
        // The operation input sends only what was set; the list items are data and carry
        // their default.
        assert_eq!(json(&seen[0]), serde_json::json!({"name": "a"}));
        assert_eq!(
            json(&seen[1]),
            serde_json::json!({"requests": [{"name": "b", "size": 0}, {"name": "c", "size": 2}]})
        );
    }
}
