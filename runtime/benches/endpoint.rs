//! Cost of endpoint resolution with ivschat's rule set (read from
//! `../shared/models/aws/ivschat.json`): parsing the rule set (once per process), one
//! resolution, and `Handle::send` with and without rules (the client's own parameters resolve
//! once, at build time, so the per-request cost is a borrow).
//!
//! Run: `cargo bench -p smithy-runtime --bench endpoint`.

use std::sync::LazyLock;
use std::time::{Duration, SystemTime};

use smithy_runtime::bytes::Bytes;
use smithy_runtime::client::endpoint::{Partitions, RuleSet, Value};
use smithy_runtime::client::{
    BoxFuture, ClientBuilder, Clock, Credentials, Handle, HttpClient, OperationRequest,
    ServiceInfo, TransportError,
};
use smithy_runtime::http;

/// ivschat's `smithy.rules#endpointRuleSet`, as JSON text.
static RULES: LazyLock<&'static str> = LazyLock::new(|| {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../shared/models/aws/ivschat.json"
    );
    let model: serde_json::Value =
        serde_json::from_slice(&std::fs::read(path).expect("../shared/models/aws/ivschat.json"))
            .unwrap();
    let rules = model["shapes"]
        .as_object()
        .unwrap()
        .values()
        .find_map(|s| s["traits"].get("smithy.rules#endpointRuleSet"))
        .unwrap()
        .to_string();
    Box::leak(rules.into_boxed_str())
});

fn service(rules: &'static str) -> &'static ServiceInfo {
    Box::leak(Box::new(ServiceInfo {
        sdk_id: "ivschat",
        signing_name: "ivschat",
        endpoint_prefix: "ivschat",
        env_name: "IVSCHAT",
        api_version: "2020-07-14",
        crate_name: "ivschat",
        crate_version: "0.1.0",
        endpoint_rules: rules,
        auth: smithy_runtime::auth::ServiceAuth::AWS_SIGV4,
    }))
}

#[divan::bench]
fn parse_rule_set(bencher: divan::Bencher) {
    bencher.bench(|| RuleSet::parse(divan::black_box(&RULES)).unwrap());
}

#[divan::bench(args = [false, true])]
fn resolve(bencher: divan::Bencher, fips: bool) {
    let rules = RuleSet::parse(&RULES).unwrap();
    let partitions = Partitions::builtin();
    bencher.bench(|| {
        let value = |_: usize, p: &smithy_runtime::client::endpoint::Param| match p.name.as_str() {
            "Region" => Some(Value::from("us-east-1")),
            "UseFIPS" => Some(Value::Bool(fips)),
            _ => None,
        };
        rules.resolve(&value, &partitions).unwrap()
    });
}

/// Answers 200 at once, so `send` measures the runtime's own overhead.
#[derive(Debug)]
struct Instant200;

impl HttpClient for Instant200 {
    fn call(
        &self,
        _request: http::Request<Bytes>,
    ) -> BoxFuture<'static, Result<http::Response<Bytes>, TransportError>> {
        Box::pin(async { Ok(http::Response::new(Bytes::from_static(b"{}"))) })
    }
}

/// `Handle::send` of one `CreateRoom`: `rules` false is the fixed default endpoint, true the
/// rule set (cached resolution of the client's parameters); `params` adds one operation
/// parameter, which makes every request resolve anew.
#[divan::bench(args = [(false, false), (true, false), (true, true)])]
fn send_create_room(bencher: divan::Bencher, (rules, params): (bool, bool)) {
    let svc = service(if rules { &RULES } else { "" });
    let handle: Handle = ClientBuilder::new(svc)
        .region("us-east-1")
        .credentials(Credentials::new("AKIDEXAMPLE", "SECRET", None))
        .clock(Clock::fixed(
            SystemTime::UNIX_EPOCH + Duration::from_secs(1_440_938_160),
        ))
        .http_client(Instant200)
        .build()
        .unwrap();
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .build()
        .unwrap();
    let op = || OperationRequest {
        operation: "CreateRoom",
        method: http::Method::POST,
        path_and_query: "/CreateRoom".into(),
        headers: http::HeaderMap::new(),
        body: Bytes::from_static(br#"{"name":"lobby"}"#),
        host_prefix: None,
    };
    let extra = [("UseFIPS", Some(Value::Bool(false)))];
    let extra: &[_] = if params { &extra } else { &[] };
    bencher.with_inputs(op).bench_local_values(|req| {
        rt.block_on(handle.send_with_endpoint_params(req, extra))
            .unwrap()
    });
}

fn main() {
    divan::main();
}
