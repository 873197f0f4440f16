//! The `endpoint_rules` fixture on the wire: every request's endpoint comes from the model's
//! rule set (FIPS and dual-stack hosts, a pseudo-region whose rules set the signing region and
//! name, an operation's context and static parameters), and rule errors reach the caller.

use smithy_runtime::client::Credentials;
use smithy_runtime::error::UnhandledKind;

use super::{Fake, header};

fn client(
    configure: impl FnOnce(
        smithy_runtime::client::ClientBuilder<endpoint_rules::Client>,
    ) -> smithy_runtime::client::ClientBuilder<endpoint_rules::Client>,
    fake: &Fake,
) -> endpoint_rules::Client {
    configure(endpoint_rules::Client::builder())
        .credentials(Credentials::new("AKID", "SECRET", None))
        .http_client(fake.clone())
        .build()
        .expect("client builds")
}

/// The credential scope of a SigV4 `authorization` header: `date/region/service/aws4_request`.
fn scope(request: &smithy_runtime::http::Request<smithy_runtime::bytes::Bytes>) -> String {
    let auth = header(request, "authorization").expect("signed");
    let credential = auth.split("Credential=").nth(1).unwrap();
    let credential = credential.split(',').next().unwrap();
    credential.splitn(3, '/').nth(2).unwrap().to_string()
}

#[tokio::test]
async fn fips_on_sends_to_the_fips_host() {
    let fake = Fake::new(vec![]);
    let c = client(|b| b.region("us-east-1").use_fips(true), &fake);
    c.get_thing().id("t1").send().await.unwrap();
    let req = fake.only_request();
    assert_eq!(
        req.uri().to_string(),
        "https://rules-fips.us-east-1.amazonaws.com/things/t1"
    );
    assert_eq!(header(&req, "host"), Some("rules-fips.us-east-1.amazonaws.com"));
    assert_eq!(scope(&req), "us-east-1/rules/aws4_request");
}

#[tokio::test]
async fn fips_and_dual_stack_come_from_the_environment_and_partitions_pick_suffixes() {
    let env = |vars: &'static [(&'static str, &'static str)]| {
        move |name: &str| {
            vars.iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| v.to_string())
        }
    };
    let home = std::env::temp_dir().join("endpoint-rules-no-home");
    let cases: [(&[(&str, &str)], &str); 3] = [
        (
            &[("AWS_REGION", "us-iso-east-1"), ("AWS_USE_FIPS_ENDPOINT", "true")],
            "https://rules-fips.us-iso-east-1.c2s.ic.gov/things/t",
        ),
        (
            &[("AWS_REGION", "cn-north-1"), ("AWS_USE_DUALSTACK_ENDPOINT", "true")],
            "https://rules.cn-north-1.api.amazonwebservices.com.cn/things/t",
        ),
        (
            &[("AWS_REGION", "eu-west-1"), ("AWS_USE_FIPS_ENDPOINT", "false")],
            "https://rules.eu-west-1.amazonaws.com/things/t",
        ),
    ];
    for (vars, want) in cases {
        let fake = Fake::new(vec![]);
        let c = client(
            |b| b.with_env_from(env(vars), Some(&home)).unwrap(),
            &fake,
        );
        c.get_thing().id("t").send().await.unwrap();
        assert_eq!(fake.only_request().uri().to_string(), want, "{vars:?}");
    }
}

#[tokio::test]
async fn rules_set_the_signing_region_and_name() {
    let fake = Fake::new(vec![]);
    let c = client(|b| b.region("global"), &fake);
    c.get_thing().id("t").send().await.unwrap();
    let req = fake.only_request();
    assert_eq!(req.uri().to_string(), "https://rules.amazonaws.com/things/t");
    assert_eq!(scope(&req), "us-east-1/rulesglobal/aws4_request");
}

#[tokio::test]
async fn operation_parameters_and_rule_headers_reach_the_request() {
    let fake = Fake::new(vec![]);
    let c = client(|b| b.region("us-west-2"), &fake);
    c.put_thing().id("t").stage("beta").send().await.unwrap();
    let req = fake.only_request();
    assert_eq!(
        req.uri().to_string(),
        "https://beta.rules.us-west-2.amazonaws.com/things/t"
    );
    assert_eq!(header(&req, "x-rules-mode"), Some("bulk"));
    // Without the member, the operation's other parameter leaves the regional endpoint.
    let fake = Fake::new(vec![]);
    let c = client(|b| b.region("us-west-2"), &fake);
    c.put_thing().id("t").send().await.unwrap();
    let req = fake.only_request();
    assert_eq!(req.uri().to_string(), "https://rules.us-west-2.amazonaws.com/things/t");
    assert_eq!(header(&req, "x-rules-mode"), None);
}

#[tokio::test]
async fn rule_errors_are_clear_and_send_nothing() {
    let fake = Fake::new(vec![]);
    let c = client(
        |b| b.endpoint_url("https://example.com").region("us-east-1").use_fips(true),
        &fake,
    );
    let e = c.get_thing().id("t").send().await.unwrap_err();
    // The operation models no errors: everything is `Unhandled`.
    let endpoint_rules::operation::get_thing::GetThingError::Unhandled(u) = &e;
    assert_eq!(u.kind(), UnhandledKind::Endpoint);
    assert_eq!(
        u.message(),
        Some("Invalid Configuration: FIPS and custom endpoint are not supported")
    );
    assert!(e.to_string().contains("FIPS and custom endpoint"), "{e}");

    let c = client(|b| b.region("us-west-2"), &fake);
    let e = c.put_thing().id("t").stage("no.dots").send().await.unwrap_err();
    assert!(e.to_string().contains("stage `no.dots` is not a host label"), "{e}");

    // SigV4a endpoints are refused plainly.
    let c = client(|b| b.region("multi"), &fake);
    let e = c.get_thing().id("t").send().await.unwrap_err();
    assert!(e.to_string().contains("sigv4a"), "{e}");
    assert!(fake.seen.lock().unwrap().is_empty());
}

#[tokio::test]
async fn a_custom_endpoint_resolves_without_a_region_but_signing_says_it_needs_one() {
    let fake = Fake::new(vec![]);
    let c = client(|b| b.endpoint_url("http://127.0.0.1:9"), &fake);
    assert_eq!(c.handle().config().endpoint_url(), "http://127.0.0.1:9");
    let e = c.get_thing().id("t").send().await.unwrap_err();
    // The operation models no errors: everything is `Unhandled`.
    let endpoint_rules::operation::get_thing::GetThingError::Unhandled(u) = &e;
    assert_eq!(u.kind(), UnhandledKind::Signing);
    assert!(e.to_string().contains("no region to sign for"), "{e}");
    assert!(e.to_string().contains(".region("), "{e}");
    // Without an endpoint URL the region is still required when the client is built.
    let err = endpoint_rules::Client::builder()
        .credentials(Credentials::new("AKID", "SECRET", None))
        .http_client(fake.clone())
        .build()
        .unwrap_err();
    assert!(err.to_string().contains("no region configured"), "{err}");
}
