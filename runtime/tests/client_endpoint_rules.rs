//! Clients of services with endpoint rules (real AWS rule sets from `../shared/models/aws`),
//! observed on the requests a fake transport receives: settings from the builder, the
//! environment and the profile; signing name and region from `authSchemes`; replaced
//! partitions; rule errors.

#[path = "client_fake.rs"]
mod fake;

use std::collections::HashMap;

use fake::{FakeHttp, Scripted, create_room};
use smithy_runtime::client::endpoint::{Partitions, Value};
use smithy_runtime::client::{ClientBuilder, ConfigErrorKind, Credentials, Handle, ServiceInfo};
use smithy_runtime::error::UnhandledKind;

/// The service facts of `../shared/models/aws/<model>.json`, with its rule set.
fn service(model: &str, signing_name: &'static str) -> &'static ServiceInfo {
    let path = format!(
        "{}/../../shared/models/aws/{model}.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&path).expect("shared model")).unwrap();
    let rules = json["shapes"]
        .as_object()
        .unwrap()
        .values()
        .find_map(|s| s["traits"].get("smithy.rules#endpointRuleSet"))
        .unwrap()
        .to_string();
    Box::leak(Box::new(ServiceInfo {
        sdk_id: signing_name,
        signing_name,
        endpoint_prefix: signing_name,
        env_name: "TESTSVC",
        api_version: "2020-07-14",
        crate_name: "testsvc",
        crate_version: "0.1.0",
        endpoint_rules: Box::leak(rules.into_boxed_str()),
        auth: smithy_runtime::auth::ServiceAuth::AWS_SIGV4,
    }))
}

fn builder(svc: &'static ServiceInfo, fake: &FakeHttp) -> ClientBuilder<Handle> {
    ClientBuilder::new(svc)
        .credentials(Credentials::new("AKID", "SECRET", None))
        .http_client(fake.clone())
}

/// Sends one request and gives back its URI and credential scope (`region/service/aws4_request`).
async fn sent(handle: &Handle, fake: &FakeHttp) -> (String, String) {
    handle.send(create_room()).await.unwrap();
    let req = fake.take_requests().remove(0).request;
    let auth = req.headers()["authorization"].to_str().unwrap().to_string();
    let scope = auth
        .split("Credential=")
        .nth(1)
        .and_then(|c| c.split(',').next())
        .and_then(|c| c.splitn(3, '/').nth(2))
        .unwrap()
        .to_string();
    (req.uri().to_string(), scope)
}

fn ok() -> FakeHttp {
    FakeHttp::new(
        (0..8)
            .map(|_| Scripted::Response(200, vec![], "{}"))
            .collect(),
    )
}

#[tokio::test]
async fn builder_env_and_profile_choose_fips_and_dual_stack() {
    let svc = service("ivschat", "ivschat");
    let home = tempfile::tempdir().unwrap();
    std::fs::create_dir(home.path().join(".aws")).unwrap();
    std::fs::write(
        home.path().join(".aws/config"),
        "[default]\nuse_fips_endpoint = true\n[profile ds]\nuse_dualstack_endpoint = true\n",
    )
    .unwrap();
    // (case, environment, builder's use_fips, expected URI)
    type Case = (
        &'static str,
        Vec<(&'static str, &'static str)>,
        Option<bool>,
        &'static str,
    );
    let cases: Vec<Case> = vec![
        (
            "default",
            vec![
                ("AWS_PROFILE", "ds"),
                ("AWS_USE_DUALSTACK_ENDPOINT", "false"),
            ],
            None,
            "https://ivschat.us-east-1.amazonaws.com/CreateRoom",
        ),
        (
            "profile use_fips_endpoint",
            vec![],
            None,
            "https://ivschat-fips.us-east-1.amazonaws.com/CreateRoom",
        ),
        (
            "profile use_dualstack_endpoint",
            vec![("AWS_PROFILE", "ds")],
            None,
            "https://ivschat.us-east-1.api.aws/CreateRoom",
        ),
        (
            "AWS_USE_FIPS_ENDPOINT beats the profile",
            vec![("AWS_USE_FIPS_ENDPOINT", "false")],
            None,
            "https://ivschat.us-east-1.amazonaws.com/CreateRoom",
        ),
        (
            "both",
            vec![("AWS_PROFILE", "ds"), ("AWS_USE_FIPS_ENDPOINT", "true")],
            None,
            "https://ivschat-fips.us-east-1.api.aws/CreateRoom",
        ),
        (
            "the builder beats the environment",
            vec![("AWS_USE_FIPS_ENDPOINT", "true")],
            Some(false),
            "https://ivschat.us-east-1.amazonaws.com/CreateRoom",
        ),
    ];
    for (name, vars, fips, want) in cases {
        let env: HashMap<String, String> = vars
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        let fake = ok();
        let mut b = builder(svc, &fake).region("us-east-1");
        if let Some(f) = fips {
            b = b.use_fips(f);
        }
        let handle = b
            .with_env_from(|n| env.get(n).cloned(), Some(home.path()))
            .unwrap()
            .build()
            .unwrap();
        assert_eq!(sent(&handle, &fake).await.0, want, "{name}");
    }
    let err = builder(svc, &ok())
        .with_env_from(
            |n| (n == "AWS_USE_FIPS_ENDPOINT").then(|| "yes".into()),
            None,
        )
        .unwrap_err();
    assert_eq!(err.kind(), ConfigErrorKind::InvalidValue);
    assert!(
        err.to_string()
            .contains("AWS_USE_FIPS_ENDPOINT must be `true` or `false`"),
        "{err}"
    );
}

#[tokio::test]
async fn auth_schemes_set_the_signing_region() {
    // Greengrass's pseudo-region `dataplane-us-gov-east-1` is served from us-gov-east-1 and
    // signed for it (the model's own endpoint test says so).
    let svc = service("greengrass", "greengrass");
    let fake = ok();
    let handle = builder(svc, &fake)
        .region("dataplane-us-gov-east-1")
        .build()
        .unwrap();
    let (uri, scope) = sent(&handle, &fake).await;
    assert_eq!(
        uri,
        "https://greengrass-ats.iot.us-gov-east-1.amazonaws.com/CreateRoom"
    );
    assert_eq!(scope, "us-gov-east-1/greengrass/aws4_request");
    // Other regions are signed for themselves.
    let handle = builder(svc, &fake).region("us-gov-west-1").build().unwrap();
    let (uri, scope) = sent(&handle, &fake).await;
    assert_eq!(
        uri,
        "https://greengrass.us-gov-west-1.amazonaws.com/CreateRoom"
    );
    assert_eq!(scope, "us-gov-west-1/greengrass/aws4_request");
}

#[tokio::test]
async fn partition_errors_reach_the_caller_with_the_rules_message() {
    let svc = service("greengrass", "greengrass");
    let fake = ok();
    let handle = builder(svc, &fake)
        .region("us-iso-east-1")
        .use_dual_stack(true)
        .build()
        .unwrap();
    assert_eq!(handle.config().endpoint_url(), "");
    let e = handle.send(create_room()).await.unwrap_err();
    assert_eq!(e.kind(), UnhandledKind::Endpoint);
    assert_eq!(
        e.message(),
        Some("DualStack is enabled but this partition does not support DualStack")
    );
    assert_eq!(
        e.to_string(),
        "cannot resolve endpoint: endpoint rules: DualStack is enabled but this partition does not support DualStack"
    );
    assert_eq!(fake.request_count(), 0);
}

#[tokio::test]
async fn partitions_can_be_replaced_by_the_builder_or_a_file() {
    let svc = service("ivschat", "ivschat");
    let table = r#"{"partitions":[{"id":"aws","regionRegex":"^moon-\\w+-\\d+$","regions":{},
        "outputs":{"name":"aws","dnsSuffix":"moon.example","dualStackDnsSuffix":"dual.moon.example",
        "supportsFIPS":false,"supportsDualStack":true,"implicitGlobalRegion":"moon-base-1"}}]}"#;
    let fake = ok();
    let handle = builder(svc, &fake)
        .region("moon-base-1")
        .partitions(Partitions::parse(table).unwrap())
        .build()
        .unwrap();
    assert_eq!(
        sent(&handle, &fake).await.0,
        "https://ivschat.moon-base-1.moon.example/CreateRoom"
    );

    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("partitions.json");
    std::fs::write(&file, table).unwrap();
    let path = file.display().to_string();
    let handle = builder(svc, &fake)
        .region("moon-base-1")
        .use_dual_stack(true)
        .with_env_from(
            |n| (n == "SMITHY_PARTITIONS_FILE").then(|| path.clone()),
            None,
        )
        .unwrap()
        .build()
        .unwrap();
    assert_eq!(
        sent(&handle, &fake).await.0,
        "https://ivschat.moon-base-1.dual.moon.example/CreateRoom"
    );

    std::fs::write(&file, "{").unwrap();
    let err = builder(svc, &fake)
        .with_env_from(
            |n| (n == "SMITHY_PARTITIONS_FILE").then(|| path.clone()),
            None,
        )
        .unwrap_err();
    assert!(err.to_string().contains("SMITHY_PARTITIONS_FILE"), "{err}");
}

#[tokio::test]
async fn endpoint_params_and_operation_params_override_in_order() {
    let svc = service("ivschat", "ivschat");
    let fake = ok();
    let handle = builder(svc, &fake)
        .region("us-east-1")
        .endpoint_param("UseFIPS", true)
        .build()
        .unwrap();
    assert_eq!(
        sent(&handle, &fake).await.0,
        "https://ivschat-fips.us-east-1.amazonaws.com/CreateRoom"
    );
    // An operation's own value beats the client's (and is resolved per request).
    handle
        .send_with_endpoint_params(create_room(), &[("UseFIPS", Some(Value::Bool(false)))])
        .await
        .unwrap();
    let req = fake.take_requests().remove(0).request;
    assert_eq!(
        req.uri().to_string(),
        "https://ivschat.us-east-1.amazonaws.com/CreateRoom"
    );
    // By built-in name too.
    let handle = builder(svc, &fake)
        .region("us-east-1")
        .endpoint_param("AWS::UseDualStack", true)
        .build()
        .unwrap();
    assert_eq!(
        sent(&handle, &fake).await.0,
        "https://ivschat.us-east-1.api.aws/CreateRoom"
    );
}

#[tokio::test]
async fn custom_endpoints_with_rules() {
    let svc = service("ivschat", "ivschat");
    let fake = ok();
    // No region: the endpoint resolves, signing says what is missing.
    let handle = builder(svc, &fake)
        .endpoint_url("http://localhost:4566/base")
        .build()
        .unwrap();
    assert_eq!(handle.config().endpoint_url(), "http://localhost:4566/base");
    assert_eq!(handle.config().region(), "");
    let e = handle.send(create_room()).await.unwrap_err();
    assert_eq!(e.kind(), UnhandledKind::Signing);
    assert!(e.to_string().contains("no region to sign for"), "{e}");
    // With a region it is sent there, path prefix kept.
    let handle = builder(svc, &fake)
        .endpoint_url("http://localhost:4566/base")
        .region("eu-west-1")
        .build()
        .unwrap();
    let (uri, scope) = sent(&handle, &fake).await;
    assert_eq!(uri, "http://localhost:4566/base/CreateRoom");
    assert_eq!(scope, "eu-west-1/ivschat/aws4_request");
    // The rules refuse FIPS with a custom endpoint.
    let handle = builder(svc, &fake)
        .endpoint_url("http://localhost:4566")
        .region("eu-west-1")
        .use_fips(true)
        .build()
        .unwrap();
    let e = handle.send(create_room()).await.unwrap_err();
    assert_eq!(
        e.message(),
        Some("Invalid Configuration: FIPS and custom endpoint are not supported")
    );
    // A broken embedded rule set is a configuration error, not a panic.
    let broken: &'static ServiceInfo = Box::leak(Box::new(ServiceInfo {
        endpoint_rules: "{\"rules\": 1}",
        ..*svc
    }));
    let err = builder(broken, &fake)
        .region("us-east-1")
        .build()
        .unwrap_err();
    assert!(
        err.to_string()
            .contains("endpoint rules embedded for ivschat"),
        "{err}"
    );
}
