//! Endpoint resolution, observed on the requests a fake transport receives.

#[path = "client_fake.rs"]
mod fake;

use std::collections::HashMap;

use fake::{FakeHttp, SERVICE, Scripted, create_room};
use smithy_runtime::client::{ClientBuilder, Credentials, Handle};
use smithy_runtime::error::UnhandledKind;

/// How a case configures the client.
struct Case {
    name: &'static str,
    region: &'static str,
    builder_endpoint: Option<&'static str>,
    disable_prefix: Option<bool>,
    env: Vec<(&'static str, &'static str)>,
    profile_config: Option<&'static str>,
    path_and_query: &'static str,
    host_prefix: Option<&'static str>,
    want_uri: &'static str,
    want_host: &'static str,
}

impl Case {
    fn new(name: &'static str, want_uri: &'static str, want_host: &'static str) -> Self {
        Case {
            name,
            region: "us-east-1",
            builder_endpoint: None,
            disable_prefix: None,
            env: vec![],
            profile_config: None,
            path_and_query: "/CreateRoom",
            host_prefix: None,
            want_uri,
            want_host,
        }
    }
}

async fn sent_request(case: &Case) -> smithy_runtime::http::Request<smithy_runtime::bytes::Bytes> {
    let home = tempfile::tempdir().unwrap();
    if let Some(text) = case.profile_config {
        std::fs::create_dir(home.path().join(".aws")).unwrap();
        std::fs::write(home.path().join(".aws").join("config"), text).unwrap();
    }
    let env: HashMap<String, String> = case
        .env
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    let fake = FakeHttp::new(vec![Scripted::Response(200, vec![], "{}")]);
    let mut b = ClientBuilder::<Handle>::new(&SERVICE)
        .region(case.region)
        .credentials(Credentials::new("K", "S", None))
        .http_client(fake.clone());
    if let Some(url) = case.builder_endpoint {
        b = b.endpoint_url(url);
    }
    if let Some(d) = case.disable_prefix {
        b = b.disable_host_prefix(d);
    }
    let handle = b
        .with_env_from(move |n| env.get(n).cloned(), Some(home.path()))
        .unwrap()
        .build()
        .unwrap_or_else(|e| panic!("{}: {e}", case.name));
    let mut req = create_room();
    req.path_and_query = case.path_and_query.to_string();
    req.host_prefix = case.host_prefix.map(String::from);
    handle.send(req).await.unwrap();
    fake.take_requests().remove(0).request
}

#[tokio::test]
async fn endpoint_resolution_table() {
    let cases = vec![
        Case::new(
            "default endpoint",
            "https://ivschat.us-east-1.amazonaws.com/CreateRoom",
            "ivschat.us-east-1.amazonaws.com",
        ),
        Case {
            region: "cn-north-1",
            ..Case::new(
                "China regions use amazonaws.com.cn",
                "https://ivschat.cn-north-1.amazonaws.com.cn/CreateRoom",
                "ivschat.cn-north-1.amazonaws.com.cn",
            )
        },
        Case {
            profile_config: Some("[default]\nendpoint_url = http://profile:1\n"),
            ..Case::new(
                "profile endpoint_url beats the default",
                "http://profile:1/CreateRoom",
                "profile:1",
            )
        },
        Case {
            profile_config: Some("[default]\nendpoint_url = http://profile:1\n"),
            env: vec![("AWS_ENDPOINT_URL", "http://generic:2")],
            ..Case::new(
                "AWS_ENDPOINT_URL beats the profile",
                "http://generic:2/CreateRoom",
                "generic:2",
            )
        },
        Case {
            profile_config: Some("[default]\nendpoint_url = http://profile:1\n"),
            env: vec![
                ("AWS_ENDPOINT_URL", "http://generic:2"),
                ("AWS_ENDPOINT_URL_IVSCHAT", "http://specific:3"),
            ],
            ..Case::new(
                "AWS_ENDPOINT_URL_IVSCHAT beats AWS_ENDPOINT_URL",
                "http://specific:3/CreateRoom",
                "specific:3",
            )
        },
        Case {
            builder_endpoint: Some("http://code:4"),
            env: vec![("AWS_ENDPOINT_URL_IVSCHAT", "http://specific:3")],
            ..Case::new(
                "the builder beats every variable",
                "http://code:4/CreateRoom",
                "code:4",
            )
        },
        Case {
            builder_endpoint: Some("https://proxy.example.com/base/"),
            path_and_query: "/rooms/a%2Fb?maxResults=5",
            ..Case::new(
                "an endpoint path is a prefix of the operation path",
                "https://proxy.example.com/base/rooms/a%2Fb?maxResults=5",
                "proxy.example.com",
            )
        },
        Case {
            builder_endpoint: Some("https://example.com:443"),
            ..Case::new(
                "a default port is left out of the host header",
                "https://example.com:443/CreateRoom",
                "example.com",
            )
        },
        Case {
            host_prefix: Some("data."),
            ..Case::new(
                "host prefix on the default endpoint",
                "https://data.ivschat.us-east-1.amazonaws.com/CreateRoom",
                "data.ivschat.us-east-1.amazonaws.com",
            )
        },
        Case {
            builder_endpoint: Some("https://example.com"),
            host_prefix: Some("foo.bar."),
            ..Case::new(
                "host prefix on a custom endpoint (RestJsonEndpointTraitWithHostLabel)",
                "https://foo.bar.example.com/CreateRoom",
                "foo.bar.example.com",
            )
        },
        Case {
            builder_endpoint: Some("http://localhost:4566"),
            host_prefix: Some("data."),
            disable_prefix: Some(true),
            ..Case::new(
                "disable_host_prefix(true) leaves it off",
                "http://localhost:4566/CreateRoom",
                "localhost:4566",
            )
        },
        Case {
            host_prefix: Some("data."),
            env: vec![("AWS_DISABLE_HOST_PREFIX_INJECTION", "true")],
            ..Case::new(
                "AWS_DISABLE_HOST_PREFIX_INJECTION leaves it off",
                "https://ivschat.us-east-1.amazonaws.com/CreateRoom",
                "ivschat.us-east-1.amazonaws.com",
            )
        },
        Case {
            host_prefix: Some("data."),
            profile_config: Some("[default]\ndisable_host_prefix_injection = true\n"),
            ..Case::new(
                "profile disable_host_prefix_injection leaves it off",
                "https://ivschat.us-east-1.amazonaws.com/CreateRoom",
                "ivschat.us-east-1.amazonaws.com",
            )
        },
        Case {
            host_prefix: Some("data."),
            disable_prefix: Some(false),
            env: vec![("AWS_DISABLE_HOST_PREFIX_INJECTION", "true")],
            ..Case::new(
                "the builder's choice beats the variable",
                "https://data.ivschat.us-east-1.amazonaws.com/CreateRoom",
                "data.ivschat.us-east-1.amazonaws.com",
            )
        },
    ];
    for case in &cases {
        let req = sent_request(case).await;
        assert_eq!(req.uri().to_string(), case.want_uri, "{}", case.name);
        assert_eq!(req.headers()["host"], case.want_host, "{}", case.name);
    }
}

#[tokio::test]
async fn a_bad_host_label_is_a_build_error_not_a_request() {
    let fake = FakeHttp::new(vec![]);
    let handle = fake::builder(&fake).build().unwrap();
    let mut req = create_room();
    req.host_prefix = Some("evil.com/x.".into());
    let err = handle.send(req).await.unwrap_err();
    assert_eq!(err.kind(), UnhandledKind::Build);
    assert!(err.to_string().contains("invalid host prefix"), "{err}");
    assert_eq!(fake.request_count(), 0);
}
