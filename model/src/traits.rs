//! Traits: kept as raw JSON values, with typed accessors for what a generator needs.
//!
//! Typed accessors return `None` both when a trait is absent and when its value is malformed;
//! [`Traits::problems`] reports malformed values, and [`crate::Model::validate`] calls it for
//! every shape and member, so on a validated model `None` means "absent".

use std::collections::BTreeMap;

use serde_json::{Map, Number, Value};

use crate::ShapeId;
use crate::uri::UriPattern;

/// Trait ids used by the accessors.
pub mod ids {
    /// `smithy.api#documentation`.
    pub const DOCUMENTATION: &str = "smithy.api#documentation";
    /// `smithy.api#required`.
    pub const REQUIRED: &str = "smithy.api#required";
    /// `smithy.api#default`.
    pub const DEFAULT: &str = "smithy.api#default";
    /// `smithy.api#clientOptional`.
    pub const CLIENT_OPTIONAL: &str = "smithy.api#clientOptional";
    /// `smithy.api#addedDefault`.
    pub const ADDED_DEFAULT: &str = "smithy.api#addedDefault";
    /// `smithy.api#http`.
    pub const HTTP: &str = "smithy.api#http";
    /// `smithy.api#httpLabel`.
    pub const HTTP_LABEL: &str = "smithy.api#httpLabel";
    /// `smithy.api#httpQuery`.
    pub const HTTP_QUERY: &str = "smithy.api#httpQuery";
    /// `smithy.api#httpQueryParams`.
    pub const HTTP_QUERY_PARAMS: &str = "smithy.api#httpQueryParams";
    /// `smithy.api#httpHeader`.
    pub const HTTP_HEADER: &str = "smithy.api#httpHeader";
    /// `smithy.api#httpPrefixHeaders`.
    pub const HTTP_PREFIX_HEADERS: &str = "smithy.api#httpPrefixHeaders";
    /// `smithy.api#httpPayload`.
    pub const HTTP_PAYLOAD: &str = "smithy.api#httpPayload";
    /// `smithy.api#httpResponseCode`.
    pub const HTTP_RESPONSE_CODE: &str = "smithy.api#httpResponseCode";
    /// `smithy.api#httpError`.
    pub const HTTP_ERROR: &str = "smithy.api#httpError";
    /// `smithy.api#error`.
    pub const ERROR: &str = "smithy.api#error";
    /// `smithy.api#retryable`.
    pub const RETRYABLE: &str = "smithy.api#retryable";
    /// `smithy.api#jsonName`.
    pub const JSON_NAME: &str = "smithy.api#jsonName";
    /// `smithy.api#timestampFormat`.
    pub const TIMESTAMP_FORMAT: &str = "smithy.api#timestampFormat";
    /// `smithy.api#mediaType`.
    pub const MEDIA_TYPE: &str = "smithy.api#mediaType";
    /// `smithy.api#length`.
    pub const LENGTH: &str = "smithy.api#length";
    /// `smithy.api#range`.
    pub const RANGE: &str = "smithy.api#range";
    /// `smithy.api#pattern`.
    pub const PATTERN: &str = "smithy.api#pattern";
    /// `smithy.api#uniqueItems`.
    pub const UNIQUE_ITEMS: &str = "smithy.api#uniqueItems";
    /// `smithy.api#enum`.
    pub const ENUM: &str = "smithy.api#enum";
    /// `smithy.api#enumValue`.
    pub const ENUM_VALUE: &str = "smithy.api#enumValue";
    /// `smithy.api#sensitive`.
    pub const SENSITIVE: &str = "smithy.api#sensitive";
    /// `smithy.api#deprecated`.
    pub const DEPRECATED: &str = "smithy.api#deprecated";
    /// `smithy.api#paginated`.
    pub const PAGINATED: &str = "smithy.api#paginated";
    /// `smithy.api#idempotencyToken`.
    pub const IDEMPOTENCY_TOKEN: &str = "smithy.api#idempotencyToken";
    /// `smithy.api#idempotent`.
    pub const IDEMPOTENT: &str = "smithy.api#idempotent";
    /// `smithy.api#readonly`.
    pub const READONLY: &str = "smithy.api#readonly";
    /// `smithy.api#streaming`.
    pub const STREAMING: &str = "smithy.api#streaming";
    /// `smithy.api#eventPayload`.
    pub const EVENT_PAYLOAD: &str = "smithy.api#eventPayload";
    /// `smithy.api#eventHeader`.
    pub const EVENT_HEADER: &str = "smithy.api#eventHeader";
    /// `smithy.api#sparse`.
    pub const SPARSE: &str = "smithy.api#sparse";
    /// `smithy.api#input`.
    pub const INPUT: &str = "smithy.api#input";
    /// `smithy.api#output`.
    pub const OUTPUT: &str = "smithy.api#output";
    /// `smithy.api#endpoint`.
    pub const ENDPOINT: &str = "smithy.api#endpoint";
    /// `smithy.api#hostLabel`.
    pub const HOST_LABEL: &str = "smithy.api#hostLabel";
    /// `smithy.api#box`.
    pub const BOX: &str = "smithy.api#box";
    /// `smithy.api#mixin`.
    pub const MIXIN: &str = "smithy.api#mixin";
    /// `smithy.api#unitType`.
    pub const UNIT_TYPE: &str = "smithy.api#unitType";
    /// `smithy.api#title`.
    pub const TITLE: &str = "smithy.api#title";
    /// `smithy.api#examples`.
    pub const EXAMPLES: &str = "smithy.api#examples";
    /// `aws.api#service`.
    pub const AWS_SERVICE: &str = "aws.api#service";
    /// `aws.auth#sigv4`.
    pub const SIGV4: &str = "aws.auth#sigv4";
    /// `aws.protocols#restJson1`.
    pub const REST_JSON1: &str = "aws.protocols#restJson1";
    /// `smithy.rules#endpointRuleSet`.
    pub const ENDPOINT_RULE_SET: &str = "smithy.rules#endpointRuleSet";
    /// `smithy.rules#endpointTests`.
    pub const ENDPOINT_TESTS: &str = "smithy.rules#endpointTests";
    /// `smithy.waiters#waitable`.
    pub const WAITABLE: &str = "smithy.waiters#waitable";
}

/// The traits applied to a shape or member, keyed by absolute trait id.
#[derive(Clone, Debug, Default)]
pub struct Traits(BTreeMap<ShapeId, Value>, NameFilter);

/// A 64-bit filter over the applied trait ids' text: a clear bit proves that no trait of that id
/// is applied. Validation asks for dozens of traits per shape and nearly all are
/// absent, so most lookups end here instead of walking the map. Bits are only ever set (a
/// removed trait may leave one behind, which costs a scan, never a wrong answer).
#[derive(Clone, Copy, Debug, Default)]
struct NameFilter(u64);

impl NameFilter {
    // From the whole id (its length and last two bytes, which vary with the name), so a
    // lookup needs no search for the name first.
    fn bit(id: &str) -> u64 {
        let b = id.as_bytes();
        let (a, z) = match b {
            [.., a, z] => (*a as usize, *z as usize),
            _ => (0, 0),
        };
        1 << ((b.len().wrapping_mul(7) ^ a.wrapping_mul(3) ^ z.wrapping_mul(13)) % 64)
    }

    fn add(&mut self, id: &str) {
        self.0 |= Self::bit(id);
    }

    fn may_contain(self, id: &str) -> bool {
        self.0 & Self::bit(id) != 0
    }
}

// The filter is derived from the map (and may hold stale bits), so equality is the map's.
impl PartialEq for Traits {
    fn eq(&self, other: &Traits) -> bool {
        self.0 == other.0
    }
}

/// `@http`.
#[derive(Clone, Debug, PartialEq)]
pub struct HttpTrait {
    /// The HTTP method, e.g. `POST`.
    pub method: String,
    /// The parsed URI pattern.
    pub uri: UriPattern,
    /// Success status code (default 200).
    pub code: u16,
}

/// `@error`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorFault {
    /// The caller is at fault (4xx).
    Client,
    /// The service is at fault (5xx).
    Server,
}

/// `@retryable`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct Retryable {
    /// The error means the caller is being throttled.
    pub throttling: bool,
}

/// `@timestampFormat`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum TimestampFormat {
    /// RFC 3339 `date-time`.
    DateTime,
    /// RFC 7231 IMF-fixdate.
    HttpDate,
    /// Seconds since the Unix epoch, with optional fraction.
    EpochSeconds,
}

/// `@length`: inclusive bounds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct Length {
    /// Smallest allowed length.
    pub min: Option<u64>,
    /// Largest allowed length.
    pub max: Option<u64>,
}

/// `@range`: inclusive bounds, kept as JSON numbers so integer bounds stay exact.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Range {
    /// Smallest allowed value.
    pub min: Option<Number>,
    /// Largest allowed value.
    pub max: Option<Number>,
}

/// One entry of a legacy `@enum` trait.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct EnumDefinition {
    /// The wire value.
    pub value: String,
    /// The symbolic name, when given.
    pub name: Option<String>,
    /// Documentation of this value.
    pub documentation: Option<String>,
    /// Free-form tags.
    pub tags: Vec<String>,
    /// The value is deprecated.
    pub deprecated: bool,
}

/// `@enumValue`.
#[derive(Clone, Debug, PartialEq)]
pub enum EnumValue {
    /// The value of an `enum` member.
    String(String),
    /// The value of an `intEnum` member.
    Int(i64),
}

/// `@deprecated`.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Deprecated {
    /// What to use instead, or why.
    pub message: Option<String>,
    /// Since when (a date or version).
    pub since: Option<String>,
}

/// `@paginated` (on an operation or a service; see [`crate::Model::paginated`] for the merge).
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Paginated {
    /// The input member that carries the continuation token.
    pub input_token: Option<String>,
    /// The output member (or dotted path) that carries the next token.
    pub output_token: Option<String>,
    /// The output member (or dotted path) holding the page's items.
    pub items: Option<String>,
    /// The input member that limits the page size.
    pub page_size: Option<String>,
}

impl Paginated {
    /// Fills what this trait leaves unset from `defaults` (the service's trait).
    pub fn merged_over(&self, defaults: &Paginated) -> Paginated {
        Paginated {
            input_token: self.input_token.clone().or(defaults.input_token.clone()),
            output_token: self.output_token.clone().or(defaults.output_token.clone()),
            items: self.items.clone().or(defaults.items.clone()),
            page_size: self.page_size.clone().or(defaults.page_size.clone()),
        }
    }
}

/// `aws.api#service`.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct AwsService {
    /// The SDK service id, e.g. `ivschat`.
    pub sdk_id: String,
    /// The ARN service namespace.
    pub arn_namespace: Option<String>,
    /// The endpoint prefix (`{prefix}.{region}.amazonaws.com`).
    pub endpoint_prefix: Option<String>,
    /// The CloudFormation service name.
    pub cloud_formation_name: Option<String>,
    /// The CloudTrail event source.
    pub cloud_trail_event_source: Option<String>,
}

/// `aws.protocols#restJson1`.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct RestJson1 {
    /// Supported HTTP versions (ALPN ids), in preference order.
    pub http: Vec<String>,
    /// HTTP versions supported for event streams.
    pub event_stream_http: Vec<String>,
}

/// One entry of `@examples`.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Example {
    /// Short title.
    pub title: String,
    /// Longer description.
    pub documentation: Option<String>,
    /// Example input (a JSON object of member values).
    pub input: Option<Value>,
    /// Example output.
    pub output: Option<Value>,
    /// Example error (`shapeId` and `content`).
    pub error: Option<Value>,
}

/// `@endpoint`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Endpoint {
    /// Host prefix template, e.g. `{graphIdentifier}.` or `management.`.
    pub host_prefix: String,
}

/// The state a waiter moves to when an acceptor matches.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AcceptorState {
    /// The waiter succeeds.
    Success,
    /// The waiter fails.
    Failure,
    /// The waiter polls again.
    Retry,
}

/// One acceptor of a waiter.
#[derive(Clone, Debug, PartialEq)]
pub struct Acceptor {
    /// What happens when the matcher matches.
    pub state: AcceptorState,
    /// The matcher, kept raw: an object with exactly one of `output`, `inputOutput`,
    /// `success` or `errorType`.
    pub matcher: Value,
}

/// One waiter of `smithy.waiters#waitable`.
#[derive(Clone, Debug, PartialEq)]
pub struct Waiter {
    /// Documentation of the waiter.
    pub documentation: Option<String>,
    /// Acceptors, in evaluation order (never empty).
    pub acceptors: Vec<Acceptor>,
    /// Minimum delay between attempts, in seconds (default 2).
    pub min_delay: u64,
    /// Maximum delay between attempts, in seconds (default 120).
    pub max_delay: u64,
    /// The waiter is deprecated.
    pub deprecated: bool,
    /// Free-form tags.
    pub tags: Vec<String>,
}

/// A parameter of `smithy.rules#endpointRuleSet`.
#[derive(Clone, Debug, PartialEq)]
pub struct EndpointParameter {
    /// `String`, `Boolean` or `stringArray` as written in the model.
    pub kind: String,
    /// The parameter must have a value (given or defaulted).
    pub required: bool,
    /// Default value.
    pub default: Option<Value>,
    /// The SDK built-in that supplies it, e.g. `AWS::Region`.
    pub built_in: Option<String>,
    /// Documentation of the parameter.
    pub documentation: Option<String>,
}

/// `smithy.rules#endpointRuleSet`: parameters typed, rules kept raw for the rules engine.
#[derive(Clone, Debug, PartialEq)]
pub struct EndpointRuleSet {
    /// Rule-set format version, e.g. `1.0`.
    pub version: String,
    /// Parameters by name.
    pub parameters: BTreeMap<String, EndpointParameter>,
    /// The rules, unparsed.
    pub rules: Vec<Value>,
}

/// One case of `smithy.rules#endpointTests`.
#[derive(Clone, Debug, PartialEq)]
pub struct EndpointTestCase {
    /// What the case checks.
    pub documentation: Option<String>,
    /// Parameter values.
    pub params: Map<String, Value>,
    /// The expected endpoint (`{"endpoint": …}`) or error (`{"error": "…"}`), kept raw.
    pub expect: Value,
}

fn opt_str(obj: &Map<String, Value>, key: &str) -> Result<Option<String>, String> {
    match obj.get(key) {
        None => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(_) => Err(format!("`{key}` must be a string")),
    }
}

fn as_object<'a>(v: &'a Value, what: &str) -> Result<&'a Map<String, Value>, String> {
    v.as_object()
        .ok_or_else(|| format!("{what} value must be an object"))
}

fn as_string<'a>(v: &'a Value, what: &str) -> Result<&'a str, String> {
    v.as_str()
        .ok_or_else(|| format!("{what} value must be a string"))
}

fn non_empty_string<'a>(v: &'a Value, what: &str) -> Result<&'a str, String> {
    let s = as_string(v, what)?;
    if s.is_empty() {
        return Err(format!("{what} value must not be empty"));
    }
    Ok(s)
}

fn parse_http(v: &Value) -> Result<HttpTrait, String> {
    let obj = as_object(v, "@http")?;
    let method = opt_str(obj, "method")?.ok_or("@http needs `method`")?;
    if method.is_empty() || !method.bytes().all(|b| b.is_ascii_alphabetic()) {
        return Err(format!(
            "@http method `{method}` is not an HTTP method token"
        ));
    }
    let uri = opt_str(obj, "uri")?.ok_or("@http needs `uri`")?;
    let uri = UriPattern::parse(&uri).map_err(|e| format!("@http uri `{uri}`: {e}"))?;
    let code = match obj.get("code") {
        None => 200,
        Some(c) => c
            .as_u64()
            .filter(|c| (100..=999).contains(c))
            .ok_or("@http `code` must be an integer from 100 to 999")? as u16,
    };
    Ok(HttpTrait { method, uri, code })
}

fn parse_length(v: &Value) -> Result<Length, String> {
    let obj = as_object(v, "@length")?;
    let bound = |k: &str| -> Result<Option<u64>, String> {
        match obj.get(k) {
            None => Ok(None),
            Some(n) => n
                .as_u64()
                .map(Some)
                .ok_or_else(|| format!("@length `{k}` must be a non-negative integer")),
        }
    };
    let l = Length {
        min: bound("min")?,
        max: bound("max")?,
    };
    if let (Some(min), Some(max)) = (l.min, l.max)
        && min > max
    {
        return Err(format!("@length min {min} is greater than max {max}"));
    }
    Ok(l)
}

fn parse_range(v: &Value) -> Result<Range, String> {
    let obj = as_object(v, "@range")?;
    let bound = |k: &str| -> Result<Option<Number>, String> {
        match obj.get(k) {
            None => Ok(None),
            Some(Value::Number(n)) => Ok(Some(n.clone())),
            Some(_) => Err(format!("@range `{k}` must be a number")),
        }
    };
    let r = Range {
        min: bound("min")?,
        max: bound("max")?,
    };
    if let (Some(min), Some(max)) = (&r.min, &r.max)
        && min.as_f64() > max.as_f64()
    {
        return Err(format!("@range min {min} is greater than max {max}"));
    }
    Ok(r)
}

fn parse_legacy_enum(v: &Value) -> Result<Vec<EnumDefinition>, String> {
    let arr = v.as_array().ok_or("@enum value must be a list")?;
    if arr.is_empty() {
        return Err("@enum must define at least one value".into());
    }
    let mut out = Vec::with_capacity(arr.len());
    for (i, e) in arr.iter().enumerate() {
        let obj = e
            .as_object()
            .ok_or_else(|| format!("@enum entry {i} must be an object"))?;
        let value =
            opt_str(obj, "value")?.ok_or_else(|| format!("@enum entry {i} needs `value`"))?;
        let tags = match obj.get("tags") {
            None => Vec::new(),
            Some(Value::Array(t)) => t
                .iter()
                .map(|t| t.as_str().map(str::to_string))
                .collect::<Option<Vec<_>>>()
                .ok_or_else(|| format!("@enum entry {i}: `tags` must be strings"))?,
            Some(_) => return Err(format!("@enum entry {i}: `tags` must be a list")),
        };
        out.push(EnumDefinition {
            value,
            name: opt_str(obj, "name")?,
            documentation: opt_str(obj, "documentation")?,
            tags,
            deprecated: obj
                .get("deprecated")
                .and_then(Value::as_bool)
                .unwrap_or(false),
        });
    }
    Ok(out)
}

fn parse_paginated(v: &Value) -> Result<Paginated, String> {
    let obj = as_object(v, "@paginated")?;
    let field = |k: &str| -> Result<Option<String>, String> {
        match opt_str(obj, k)? {
            Some(s) if s.is_empty() => Err(format!("@paginated `{k}` must not be empty")),
            other => Ok(other),
        }
    };
    Ok(Paginated {
        input_token: field("inputToken")?,
        output_token: field("outputToken")?,
        items: field("items")?,
        page_size: field("pageSize")?,
    })
}

fn parse_aws_service(v: &Value) -> Result<AwsService, String> {
    let obj = as_object(v, "aws.api#service")?;
    Ok(AwsService {
        sdk_id: opt_str(obj, "sdkId")?.ok_or("aws.api#service needs `sdkId`")?,
        arn_namespace: opt_str(obj, "arnNamespace")?,
        endpoint_prefix: opt_str(obj, "endpointPrefix")?,
        cloud_formation_name: opt_str(obj, "cloudFormationName")?,
        cloud_trail_event_source: opt_str(obj, "cloudTrailEventSource")?,
    })
}

fn string_list(obj: &Map<String, Value>, key: &str) -> Result<Vec<String>, String> {
    match obj.get(key) {
        None => Ok(Vec::new()),
        Some(Value::Array(a)) => a
            .iter()
            .map(|s| s.as_str().map(str::to_string))
            .collect::<Option<Vec<_>>>()
            .ok_or_else(|| format!("`{key}` must be a list of strings")),
        Some(_) => Err(format!("`{key}` must be a list of strings")),
    }
}

fn parse_examples(v: &Value) -> Result<Vec<Example>, String> {
    let arr = v.as_array().ok_or("@examples value must be a list")?;
    arr.iter()
        .enumerate()
        .map(|(i, e)| {
            let obj = e
                .as_object()
                .ok_or_else(|| format!("@examples entry {i} must be an object"))?;
            Ok(Example {
                title: opt_str(obj, "title")?
                    .ok_or_else(|| format!("@examples entry {i} needs `title`"))?,
                documentation: opt_str(obj, "documentation")?,
                input: obj.get("input").cloned(),
                output: obj.get("output").cloned(),
                error: obj.get("error").cloned(),
            })
        })
        .collect()
}

fn parse_endpoint(v: &Value) -> Result<Endpoint, String> {
    let obj = as_object(v, "@endpoint")?;
    let host_prefix = opt_str(obj, "hostPrefix")?.ok_or("@endpoint needs `hostPrefix`")?;
    if host_prefix.is_empty() {
        return Err("@endpoint `hostPrefix` must not be empty".into());
    }
    Ok(Endpoint { host_prefix })
}

fn parse_retryable(v: &Value) -> Result<Retryable, String> {
    let obj = as_object(v, "@retryable")?;
    Ok(Retryable {
        throttling: match obj.get("throttling") {
            None => false,
            Some(Value::Bool(b)) => *b,
            Some(_) => return Err("@retryable `throttling` must be a boolean".into()),
        },
    })
}

fn parse_deprecated(v: &Value) -> Result<Deprecated, String> {
    let obj = as_object(v, "@deprecated")?;
    Ok(Deprecated {
        message: opt_str(obj, "message")?,
        since: opt_str(obj, "since")?,
    })
}

fn parse_waitable(v: &Value) -> Result<BTreeMap<String, Waiter>, String> {
    let obj = as_object(v, "smithy.waiters#waitable")?;
    let mut out = BTreeMap::new();
    for (name, w) in obj {
        let w = w
            .as_object()
            .ok_or_else(|| format!("waiter `{name}` must be an object"))?;
        let delay = |k: &str, default: u64| -> Result<u64, String> {
            match w.get(k) {
                None => Ok(default),
                Some(d) => d
                    .as_u64()
                    .filter(|d| *d >= 1)
                    .ok_or_else(|| format!("waiter `{name}`: `{k}` must be a positive integer")),
            }
        };
        let (min_delay, max_delay) = (delay("minDelay", 2)?, delay("maxDelay", 120)?);
        if min_delay > max_delay {
            return Err(format!(
                "waiter `{name}`: minDelay {min_delay} is greater than maxDelay {max_delay}"
            ));
        }
        let acceptors = w
            .get("acceptors")
            .and_then(Value::as_array)
            .filter(|a| !a.is_empty())
            .ok_or_else(|| format!("waiter `{name}` needs a non-empty `acceptors` list"))?;
        let acceptors = acceptors
            .iter()
            .enumerate()
            .map(|(i, a)| {
                let state = match a.get("state").and_then(Value::as_str) {
                    Some("success") => AcceptorState::Success,
                    Some("failure") => AcceptorState::Failure,
                    Some("retry") => AcceptorState::Retry,
                    _ => {
                        return Err(format!(
                            "waiter `{name}` acceptor {i}: `state` must be success, failure or retry"
                        ));
                    }
                };
                let matcher = a.get("matcher").cloned().unwrap_or(Value::Null);
                let kinds = ["output", "inputOutput", "success", "errorType"];
                match matcher.as_object() {
                    Some(m) if m.len() == 1 && m.keys().all(|k| kinds.contains(&k.as_str())) => {}
                    _ => {
                        return Err(format!(
                            "waiter `{name}` acceptor {i}: `matcher` must have exactly one of \
                             output, inputOutput, success or errorType"
                        ));
                    }
                }
                Ok(Acceptor { state, matcher })
            })
            .collect::<Result<Vec<_>, String>>()?;
        out.insert(
            name.clone(),
            Waiter {
                documentation: opt_str(w, "documentation")?,
                acceptors,
                min_delay,
                max_delay,
                deprecated: w
                    .get("deprecated")
                    .and_then(Value::as_bool)
                    .unwrap_or(false),
                tags: string_list(w, "tags")?,
            },
        );
    }
    Ok(out)
}

fn parse_endpoint_rule_set(v: &Value) -> Result<EndpointRuleSet, String> {
    let obj = as_object(v, "smithy.rules#endpointRuleSet")?;
    let version = opt_str(obj, "version")?.ok_or("endpointRuleSet needs `version`")?;
    let params = obj
        .get("parameters")
        .and_then(Value::as_object)
        .ok_or("endpointRuleSet needs a `parameters` object")?;
    let mut parameters = BTreeMap::new();
    for (name, p) in params {
        let p = p
            .as_object()
            .ok_or_else(|| format!("endpoint parameter `{name}` must be an object"))?;
        let kind = opt_str(p, "type")?
            .ok_or_else(|| format!("endpoint parameter `{name}` needs `type`"))?;
        if !["string", "boolean", "stringarray"].contains(&kind.to_ascii_lowercase().as_str()) {
            return Err(format!(
                "endpoint parameter `{name}` has unknown type `{kind}`"
            ));
        }
        parameters.insert(
            name.clone(),
            EndpointParameter {
                kind,
                required: p.get("required").and_then(Value::as_bool).unwrap_or(false),
                default: p.get("default").cloned(),
                built_in: opt_str(p, "builtIn")?,
                documentation: opt_str(p, "documentation")?,
            },
        );
    }
    let rules = obj
        .get("rules")
        .and_then(Value::as_array)
        .ok_or("endpointRuleSet needs a `rules` list")?
        .clone();
    Ok(EndpointRuleSet {
        version,
        parameters,
        rules,
    })
}

fn parse_endpoint_tests(v: &Value) -> Result<Vec<EndpointTestCase>, String> {
    let obj = as_object(v, "smithy.rules#endpointTests")?;
    let cases = obj
        .get("testCases")
        .and_then(Value::as_array)
        .ok_or("endpointTests needs a `testCases` list")?;
    cases
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let c = c
                .as_object()
                .ok_or_else(|| format!("endpoint test case {i} must be an object"))?;
            Ok(EndpointTestCase {
                documentation: opt_str(c, "documentation")?,
                params: match c.get("params") {
                    None => Map::new(),
                    Some(Value::Object(p)) => p.clone(),
                    Some(_) => {
                        return Err(format!(
                            "endpoint test case {i}: `params` must be an object"
                        ));
                    }
                },
                expect: c
                    .get("expect")
                    .filter(|e| e.is_object())
                    .cloned()
                    .ok_or_else(|| format!("endpoint test case {i} needs an `expect` object"))?,
            })
        })
        .collect()
}

impl Traits {
    /// Builds a trait map from (id, value) pairs.
    pub fn from_map(map: BTreeMap<ShapeId, Value>) -> Traits {
        let mut filter = NameFilter::default();
        for id in map.keys() {
            filter.add(id.as_str());
        }
        Traits(map, filter)
    }

    /// The raw value of trait `id` (absolute, e.g. `smithy.api#required`).
    pub fn get(&self, id: &str) -> Option<&Value> {
        // A linear scan without parsing: shapes carry a handful of traits, and this is called
        // for every trait check, so avoiding the allocations of `ShapeId::parse` pays off.
        if self.0.is_empty() {
            return None;
        }
        if !self.1.may_contain(id) {
            return None;
        }
        // An id's text is its parts: one comparison (lengths first) per applied trait.
        self.0
            .iter()
            .find(|(k, _)| k.as_str() == id && k.member().is_none())
            .map(|(_, v)| v)
    }

    /// True when trait `id` is applied.
    pub fn has(&self, id: &str) -> bool {
        self.get(id).is_some()
    }

    /// Applies (or replaces) a trait.
    pub fn insert(&mut self, id: ShapeId, value: Value) {
        self.1.add(id.as_str());
        self.0.insert(id, value);
    }

    /// Removes a trait, returning its value.
    pub fn remove(&mut self, id: &str) -> Option<Value> {
        // Searched by text (ids order and compare as their text), without parsing a copy. A
        // text that is no valid id is never a key.
        self.0.remove(id)
    }

    /// All traits in id order.
    pub fn iter(&self) -> impl Iterator<Item = (&ShapeId, &Value)> {
        self.0.iter()
    }

    /// True when no trait is applied.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// How many traits are applied.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    fn str_of(&self, id: &str) -> Option<&str> {
        self.get(id)?.as_str()
    }

    /// `@documentation` (CommonMark).
    pub fn documentation(&self) -> Option<&str> {
        self.str_of(ids::DOCUMENTATION)
    }
    /// `@title`.
    pub fn title(&self) -> Option<&str> {
        self.str_of(ids::TITLE)
    }
    /// `@required`.
    pub fn is_required(&self) -> bool {
        self.has(ids::REQUIRED)
    }
    /// The `@default` value (JSON `null` means "explicitly no default").
    pub fn default_value(&self) -> Option<&Value> {
        self.get(ids::DEFAULT)
    }
    /// `@clientOptional`: generate the member as optional even when required or defaulted.
    pub fn is_client_optional(&self) -> bool {
        self.has(ids::CLIENT_OPTIONAL)
    }
    /// `@addedDefault`: the default was added after the member was published.
    pub fn is_added_default(&self) -> bool {
        self.has(ids::ADDED_DEFAULT)
    }
    /// `@http`: method, URI pattern and success code.
    pub fn http(&self) -> Option<HttpTrait> {
        parse_http(self.get(ids::HTTP)?).ok()
    }
    /// `@httpLabel`.
    pub fn is_http_label(&self) -> bool {
        self.has(ids::HTTP_LABEL)
    }
    /// `@httpQuery`: the query parameter name.
    pub fn http_query(&self) -> Option<&str> {
        self.str_of(ids::HTTP_QUERY)
    }
    /// `@httpQueryParams`.
    pub fn is_http_query_params(&self) -> bool {
        self.has(ids::HTTP_QUERY_PARAMS)
    }
    /// `@httpHeader`: the header name.
    pub fn http_header(&self) -> Option<&str> {
        self.str_of(ids::HTTP_HEADER)
    }
    /// `@httpPrefixHeaders`: the header name prefix (may be empty).
    pub fn http_prefix_headers(&self) -> Option<&str> {
        self.str_of(ids::HTTP_PREFIX_HEADERS)
    }
    /// `@httpPayload`.
    pub fn is_http_payload(&self) -> bool {
        self.has(ids::HTTP_PAYLOAD)
    }
    /// `@httpResponseCode`.
    pub fn is_http_response_code(&self) -> bool {
        self.has(ids::HTTP_RESPONSE_CODE)
    }
    /// `@httpError`: the status code of an error.
    pub fn http_error(&self) -> Option<u16> {
        self.get(ids::HTTP_ERROR)?
            .as_u64()
            .filter(|c| (100..=999).contains(c))
            .map(|c| c as u16)
    }
    /// `@error`: who is at fault.
    pub fn error(&self) -> Option<ErrorFault> {
        match self.str_of(ids::ERROR)? {
            "client" => Some(ErrorFault::Client),
            "server" => Some(ErrorFault::Server),
            _ => None,
        }
    }
    /// `@retryable`.
    pub fn retryable(&self) -> Option<Retryable> {
        parse_retryable(self.get(ids::RETRYABLE)?).ok()
    }
    /// `@jsonName`: the member's JSON key.
    pub fn json_name(&self) -> Option<&str> {
        self.str_of(ids::JSON_NAME)
    }
    /// `@timestampFormat`.
    pub fn timestamp_format(&self) -> Option<TimestampFormat> {
        match self.str_of(ids::TIMESTAMP_FORMAT)? {
            "date-time" => Some(TimestampFormat::DateTime),
            "http-date" => Some(TimestampFormat::HttpDate),
            "epoch-seconds" => Some(TimestampFormat::EpochSeconds),
            _ => None,
        }
    }
    /// `@mediaType`.
    pub fn media_type(&self) -> Option<&str> {
        self.str_of(ids::MEDIA_TYPE)
    }
    /// `@length`.
    pub fn length(&self) -> Option<Length> {
        parse_length(self.get(ids::LENGTH)?).ok()
    }
    /// `@range`.
    pub fn range(&self) -> Option<Range> {
        parse_range(self.get(ids::RANGE)?).ok()
    }
    /// `@pattern`: an ECMA 262 regular expression.
    pub fn pattern(&self) -> Option<&str> {
        self.str_of(ids::PATTERN)
    }
    /// `@uniqueItems` (also set for 1.0 `set` shapes).
    pub fn is_unique_items(&self) -> bool {
        self.has(ids::UNIQUE_ITEMS)
    }
    /// The legacy `@enum` trait on a string shape.
    pub fn legacy_enum(&self) -> Option<Vec<EnumDefinition>> {
        parse_legacy_enum(self.get(ids::ENUM)?).ok()
    }
    /// `@enumValue` (the loader fills it in for every `enum` member).
    pub fn enum_value(&self) -> Option<EnumValue> {
        match self.get(ids::ENUM_VALUE)? {
            Value::String(s) => Some(EnumValue::String(s.clone())),
            Value::Number(n) => n.as_i64().map(EnumValue::Int),
            _ => None,
        }
    }
    /// `@sensitive`.
    pub fn is_sensitive(&self) -> bool {
        self.has(ids::SENSITIVE)
    }
    /// `@deprecated`.
    pub fn deprecated(&self) -> Option<Deprecated> {
        parse_deprecated(self.get(ids::DEPRECATED)?).ok()
    }
    /// `@paginated` as written on this shape (see [`crate::Model::paginated`] for the merged view).
    pub fn paginated(&self) -> Option<Paginated> {
        parse_paginated(self.get(ids::PAGINATED)?).ok()
    }
    /// `@idempotencyToken`.
    pub fn is_idempotency_token(&self) -> bool {
        self.has(ids::IDEMPOTENCY_TOKEN)
    }
    /// `@idempotent`.
    pub fn is_idempotent(&self) -> bool {
        self.has(ids::IDEMPOTENT)
    }
    /// `@readonly`.
    pub fn is_readonly(&self) -> bool {
        self.has(ids::READONLY)
    }
    /// `@streaming`.
    pub fn is_streaming(&self) -> bool {
        self.has(ids::STREAMING)
    }
    /// `@eventPayload`.
    pub fn is_event_payload(&self) -> bool {
        self.has(ids::EVENT_PAYLOAD)
    }
    /// `@sparse`.
    pub fn is_sparse(&self) -> bool {
        self.has(ids::SPARSE)
    }
    /// `@input`.
    pub fn is_input(&self) -> bool {
        self.has(ids::INPUT)
    }
    /// `@output`.
    pub fn is_output(&self) -> bool {
        self.has(ids::OUTPUT)
    }
    /// `@mixin`.
    pub fn is_mixin(&self) -> bool {
        self.has(ids::MIXIN)
    }
    /// `@endpoint(hostPrefix: ...)`: the host prefix template.
    pub fn endpoint_host_prefix(&self) -> Option<&str> {
        self.get(ids::ENDPOINT)?.get("hostPrefix")?.as_str()
    }
    /// `@hostLabel`.
    pub fn is_host_label(&self) -> bool {
        self.has(ids::HOST_LABEL)
    }
    /// `aws.api#service`.
    pub fn aws_service(&self) -> Option<AwsService> {
        parse_aws_service(self.get(ids::AWS_SERVICE)?).ok()
    }
    /// `aws.auth#sigv4`: the signing name.
    pub fn sigv4_name(&self) -> Option<&str> {
        self.get(ids::SIGV4)?.get("name")?.as_str()
    }
    /// `aws.protocols#restJson1`.
    pub fn rest_json1(&self) -> Option<RestJson1> {
        let obj = self.get(ids::REST_JSON1)?.as_object()?;
        Some(RestJson1 {
            http: string_list(obj, "http").ok()?,
            event_stream_http: string_list(obj, "eventStreamHttp").ok()?,
        })
    }
    /// `smithy.rules#endpointRuleSet`, raw (see [`Traits::endpoint_rules`] for the typed view).
    pub fn endpoint_rule_set(&self) -> Option<&Value> {
        self.get(ids::ENDPOINT_RULE_SET)
    }
    /// `smithy.rules#endpointTests`, raw (see [`Traits::endpoint_test_cases`]).
    pub fn endpoint_tests(&self) -> Option<&Value> {
        self.get(ids::ENDPOINT_TESTS)
    }
    /// `@examples`.
    pub fn examples(&self) -> Option<Vec<Example>> {
        parse_examples(self.get(ids::EXAMPLES)?).ok()
    }
    /// `smithy.waiters#waitable`: waiter name → definition, raw (see [`Traits::waiters`]).
    pub fn waitable(&self) -> Option<&Map<String, Value>> {
        self.get(ids::WAITABLE)?.as_object()
    }

    /// `@eventHeader`.
    pub fn is_event_header(&self) -> bool {
        self.has(ids::EVENT_HEADER)
    }
    /// `@box` (Smithy 1.0; the loader turns unboxed members into defaulted ones).
    pub fn is_box(&self) -> bool {
        self.has(ids::BOX)
    }
    /// `@unitType` (only `smithy.api#Unit` has it).
    pub fn is_unit_type(&self) -> bool {
        self.has(ids::UNIT_TYPE)
    }
    /// `@endpoint`.
    pub fn endpoint(&self) -> Option<Endpoint> {
        parse_endpoint(self.get(ids::ENDPOINT)?).ok()
    }
    /// `smithy.rules#endpointRuleSet` with its parameters typed.
    pub fn endpoint_rules(&self) -> Option<EndpointRuleSet> {
        parse_endpoint_rule_set(self.get(ids::ENDPOINT_RULE_SET)?).ok()
    }
    /// The cases of `smithy.rules#endpointTests`.
    pub fn endpoint_test_cases(&self) -> Option<Vec<EndpointTestCase>> {
        parse_endpoint_tests(self.get(ids::ENDPOINT_TESTS)?).ok()
    }
    /// `smithy.waiters#waitable`, typed: waiter name → waiter.
    pub fn waiters(&self) -> Option<BTreeMap<String, Waiter>> {
        parse_waitable(self.get(ids::WAITABLE)?).ok()
    }

    /// Every malformed value among the traits this crate understands, as (trait id, message).
    pub fn problems(&self) -> Vec<(String, String)> {
        let mut out = Vec::new();
        // The id's own text: this runs for every trait of every shape, and `to_string`
        // (formatting machinery plus an allocation per trait) showed up in profiles.
        for (id, value) in &self.0 {
            let id_str = id.as_str();
            let check: Result<(), String> = match id_str {
                ids::HTTP_QUERY => non_empty_string(value, "@httpQuery").map(|_| ()),
                ids::DOCUMENTATION
                | ids::JSON_NAME
                | ids::MEDIA_TYPE
                | ids::TITLE
                | ids::ERROR
                | ids::TIMESTAMP_FORMAT => as_string(value, id_str).map(|_| ()),
                ids::HTTP_HEADER => non_empty_string(value, "@httpHeader").and_then(|h| {
                    if h.bytes().all(|b| b.is_ascii_graphic() && b != b':') {
                        Ok(())
                    } else {
                        Err(format!("@httpHeader `{h}` is not a valid header name"))
                    }
                }),
                ids::HTTP_PREFIX_HEADERS => as_string(value, "@httpPrefixHeaders").map(|_| ()),
                ids::PATTERN => as_string(value, "@pattern").map(|_| ()),
                ids::HTTP => parse_http(value).map(|_| ()),
                ids::LENGTH => parse_length(value).map(|_| ()),
                ids::RANGE => parse_range(value).map(|_| ()),
                ids::ENUM => parse_legacy_enum(value).and_then(|defs| {
                    let mut values = std::collections::BTreeSet::new();
                    let mut names = std::collections::BTreeSet::new();
                    for d in &defs {
                        if !values.insert(d.value.as_str()) {
                            return Err(format!(
                                "@enum value `{}` appears more than once",
                                d.value
                            ));
                        }
                        if let Some(n) = &d.name
                            && !names.insert(n.as_str())
                        {
                            return Err(format!("@enum name `{n}` appears more than once"));
                        }
                    }
                    Ok(())
                }),
                ids::PAGINATED => parse_paginated(value).map(|_| ()),
                ids::AWS_SERVICE => parse_aws_service(value).map(|_| ()),
                ids::EXAMPLES => parse_examples(value).map(|_| ()),
                ids::HTTP_ERROR => value
                    .as_u64()
                    .filter(|c| (100..=999).contains(c))
                    .map(|_| ())
                    .ok_or_else(|| "@httpError must be an integer from 100 to 999".to_string()),
                ids::ENUM_VALUE => match value {
                    Value::String(s) if !s.is_empty() => Ok(()),
                    Value::Number(n) if n.as_i64().is_some() => Ok(()),
                    _ => Err("@enumValue must be a non-empty string or an integer".to_string()),
                },
                ids::SIGV4 => value
                    .get("name")
                    .and_then(Value::as_str)
                    .filter(|n| !n.is_empty())
                    .map(|_| ())
                    .ok_or_else(|| "aws.auth#sigv4 needs a non-empty `name`".to_string()),
                ids::ENDPOINT => parse_endpoint(value).map(|_| ()),
                ids::RETRYABLE => parse_retryable(value).map(|_| ()),
                ids::DEPRECATED => parse_deprecated(value).map(|_| ()),
                ids::WAITABLE => parse_waitable(value).map(|_| ()),
                ids::ENDPOINT_RULE_SET => parse_endpoint_rule_set(value).map(|_| ()),
                ids::ENDPOINT_TESTS => parse_endpoint_tests(value).map(|_| ()),
                ids::REQUIRED
                | ids::SENSITIVE
                | ids::IDEMPOTENCY_TOKEN
                | ids::IDEMPOTENT
                | ids::READONLY
                | ids::HTTP_LABEL
                | ids::HTTP_PAYLOAD
                | ids::HTTP_RESPONSE_CODE
                | ids::HTTP_QUERY_PARAMS
                | ids::UNIQUE_ITEMS
                | ids::SPARSE
                | ids::INPUT
                | ids::OUTPUT
                | ids::HOST_LABEL
                | ids::EVENT_PAYLOAD
                | ids::EVENT_HEADER
                | ids::CLIENT_OPTIONAL
                | ids::ADDED_DEFAULT
                | ids::BOX
                | ids::STREAMING => match value {
                    // Annotation traits take `{}` in the JSON AST.
                    Value::Object(_) => Ok(()),
                    _ => Err(format!("@{} value must be an object (`{{}}`)", id.name())),
                },
                ids::REST_JSON1 => as_object(value, "aws.protocols#restJson1").and_then(|o| {
                    string_list(o, "http")?;
                    string_list(o, "eventStreamHttp").map(|_| ())
                }),
                _ => Ok(()),
            };
            let check = check.and_then(|()| match id_str {
                ids::ERROR if value.as_str().is_some() && self.error().is_none() => {
                    Err("@error must be \"client\" or \"server\"".to_string())
                }
                ids::TIMESTAMP_FORMAT
                    if value.as_str().is_some() && self.timestamp_format().is_none() =>
                {
                    Err(format!(
                        "@timestampFormat `{}` is not date-time, http-date or epoch-seconds",
                        value.as_str().unwrap_or_default()
                    ))
                }
                _ => Ok(()),
            });
            if let Err(message) = check {
                out.push((id_str.to_string(), message));
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    /// Traits from a JSON object of `trait id → value`.
    fn traits(v: Value) -> Traits {
        let map = v
            .as_object()
            .unwrap()
            .iter()
            .map(|(k, v)| (ShapeId::parse(k).unwrap(), v.clone()))
            .collect();
        Traits::from_map(map)
    }

    /// `problems()` as "id: message" strings.
    fn problems(v: Value) -> Vec<String> {
        traits(v)
            .problems()
            .into_iter()
            .map(|(id, m)| format!("{id}: {m}"))
            .collect()
    }

    #[test]
    fn annotation_accessors_see_their_trait_and_only_it() {
        type Accessor = fn(&Traits) -> bool;
        let checks: [(&str, Accessor); 21] = [
            (ids::REQUIRED, Traits::is_required),
            (ids::CLIENT_OPTIONAL, Traits::is_client_optional),
            (ids::ADDED_DEFAULT, Traits::is_added_default),
            (ids::HTTP_LABEL, Traits::is_http_label),
            (ids::HTTP_QUERY_PARAMS, Traits::is_http_query_params),
            (ids::HTTP_PAYLOAD, Traits::is_http_payload),
            (ids::HTTP_RESPONSE_CODE, Traits::is_http_response_code),
            (ids::UNIQUE_ITEMS, Traits::is_unique_items),
            (ids::SENSITIVE, Traits::is_sensitive),
            (ids::IDEMPOTENCY_TOKEN, Traits::is_idempotency_token),
            (ids::IDEMPOTENT, Traits::is_idempotent),
            (ids::READONLY, Traits::is_readonly),
            (ids::STREAMING, Traits::is_streaming),
            (ids::EVENT_PAYLOAD, Traits::is_event_payload),
            (ids::EVENT_HEADER, Traits::is_event_header),
            (ids::SPARSE, Traits::is_sparse),
            (ids::INPUT, Traits::is_input),
            (ids::OUTPUT, Traits::is_output),
            (ids::HOST_LABEL, Traits::is_host_label),
            (ids::MIXIN, Traits::is_mixin),
            (ids::BOX, Traits::is_box),
        ];
        for (id, accessor) in checks {
            let t = traits(json!({ id: {} }));
            assert!(accessor(&t), "{id} not seen");
            assert!(t.problems().is_empty(), "{id}: {:?}", t.problems());
            for (other, other_accessor) in checks {
                if other != id {
                    assert!(
                        !other_accessor(&t),
                        "{other} seen on a shape with only {id}"
                    );
                }
            }
        }
        assert_eq!(
            problems(json!({"smithy.api#required": true})),
            ["smithy.api#required: @required value must be an object (`{}`)"]
        );
    }

    #[test]
    fn string_valued_accessors() {
        let t = traits(json!({
            "smithy.api#documentation": "Docs.",
            "smithy.api#title": "Amazon Thing",
            "smithy.api#httpQuery": "max-results",
            "smithy.api#httpHeader": "X-Amz-Token",
            "smithy.api#httpPrefixHeaders": "X-Meta-",
            "smithy.api#jsonName": "Name",
            "smithy.api#mediaType": "application/json",
            "smithy.api#pattern": "^[a-z]+$",
        }));
        assert_eq!(t.documentation(), Some("Docs."));
        assert_eq!(t.title(), Some("Amazon Thing"));
        assert_eq!(t.http_query(), Some("max-results"));
        assert_eq!(t.http_header(), Some("X-Amz-Token"));
        assert_eq!(t.http_prefix_headers(), Some("X-Meta-"));
        assert_eq!(t.json_name(), Some("Name"));
        assert_eq!(t.media_type(), Some("application/json"));
        assert_eq!(t.pattern(), Some("^[a-z]+$"));
        assert!(t.problems().is_empty());
        assert_eq!(traits(json!({})).documentation(), None);
        assert_eq!(
            problems(json!({"smithy.api#httpQuery": "", "smithy.api#httpHeader": "Bad Header"})),
            [
                "smithy.api#httpHeader: @httpHeader `Bad Header` is not a valid header name",
                "smithy.api#httpQuery: @httpQuery value must not be empty",
            ]
        );
    }

    #[test]
    fn default_value_keeps_explicit_null() {
        assert_eq!(
            traits(json!({"smithy.api#default": null})).default_value(),
            Some(&Value::Null)
        );
        assert_eq!(
            traits(json!({"smithy.api#default": 5})).default_value(),
            Some(&json!(5))
        );
        assert_eq!(traits(json!({})).default_value(), None);
    }

    #[test]
    fn http_trait() {
        let t = traits(
            json!({"smithy.api#http": {"method": "PUT", "uri": "/rooms/{id}", "code": 201}}),
        );
        let http = t.http().unwrap();
        assert_eq!(http.method, "PUT");
        assert_eq!(http.code, 201);
        assert_eq!(http.uri.labels().collect::<Vec<_>>(), [("id", false)]);
        let default_code = traits(json!({"smithy.api#http": {"method": "GET", "uri": "/"}}));
        assert_eq!(default_code.http().unwrap().code, 200);
        assert_eq!(
            problems(json!({"smithy.api#http": {"method": "GET", "uri": "/", "code": 42}})),
            ["smithy.api#http: @http `code` must be an integer from 100 to 999"]
        );
        assert_eq!(
            problems(json!({"smithy.api#http": {"method": "G T", "uri": "/"}})),
            ["smithy.api#http: @http method `G T` is not an HTTP method token"]
        );
    }

    #[test]
    fn errors_and_retries() {
        let t = traits(json!({
            "smithy.api#error": "server",
            "smithy.api#httpError": 503,
            "smithy.api#retryable": {"throttling": true}
        }));
        assert_eq!(t.error(), Some(ErrorFault::Server));
        assert_eq!(t.http_error(), Some(503));
        assert_eq!(t.retryable(), Some(Retryable { throttling: true }));
        assert_eq!(
            traits(json!({"smithy.api#retryable": {}})).retryable(),
            Some(Retryable { throttling: false })
        );
        assert_eq!(
            problems(json!({
                "smithy.api#error": "caller",
                "smithy.api#httpError": 1000,
                "smithy.api#retryable": {"throttling": "yes"}
            })),
            [
                "smithy.api#error: @error must be \"client\" or \"server\"",
                "smithy.api#httpError: @httpError must be an integer from 100 to 999",
                "smithy.api#retryable: @retryable `throttling` must be a boolean",
            ]
        );
    }

    #[test]
    fn timestamp_format() {
        for (text, want) in [
            ("date-time", TimestampFormat::DateTime),
            ("http-date", TimestampFormat::HttpDate),
            ("epoch-seconds", TimestampFormat::EpochSeconds),
        ] {
            let t = traits(json!({ "smithy.api#timestampFormat": text }));
            assert_eq!(t.timestamp_format(), Some(want));
        }
        assert_eq!(
            traits(json!({"smithy.api#timestampFormat": "unix"})).timestamp_format(),
            None
        );
    }

    #[test]
    fn length_and_range() {
        let t = traits(json!({
            "smithy.api#length": {"min": 1, "max": 128},
            "smithy.api#range": {"min": -1.5}
        }));
        assert_eq!(
            t.length(),
            Some(Length {
                min: Some(1),
                max: Some(128)
            })
        );
        let r = t.range().unwrap();
        assert_eq!(r.min.unwrap().as_f64(), Some(-1.5));
        assert_eq!(r.max, None);
        assert_eq!(
            problems(json!({
                "smithy.api#length": {"min": 5, "max": 2},
                "smithy.api#range": {"min": "1"}
            })),
            [
                "smithy.api#length: @length min 5 is greater than max 2",
                "smithy.api#range: @range `min` must be a number",
            ]
        );
    }

    #[test]
    fn enums() {
        let t = traits(json!({"smithy.api#enum": [
            {"value": "a", "name": "A", "documentation": "The A.", "tags": ["x"]},
            {"value": "b", "deprecated": true}
        ]}));
        let defs = t.legacy_enum().unwrap();
        assert_eq!(defs.len(), 2);
        assert_eq!(defs[0].name.as_deref(), Some("A"));
        assert_eq!(defs[0].tags, ["x"]);
        assert!(defs[1].deprecated);
        assert_eq!(
            problems(json!({"smithy.api#enum": [{"value": "a"}, {"value": "a"}]})),
            ["smithy.api#enum: @enum value `a` appears more than once"]
        );
        assert_eq!(
            traits(json!({"smithy.api#enumValue": "on"})).enum_value(),
            Some(EnumValue::String("on".into()))
        );
        assert_eq!(
            traits(json!({"smithy.api#enumValue": 7})).enum_value(),
            Some(EnumValue::Int(7))
        );
        assert_eq!(
            problems(json!({"smithy.api#enumValue": ""})),
            ["smithy.api#enumValue: @enumValue must be a non-empty string or an integer"]
        );
    }

    #[test]
    fn deprecated() {
        let t = traits(json!({"smithy.api#deprecated": {"message": "Use B.", "since": "2024"}}));
        assert_eq!(
            t.deprecated(),
            Some(Deprecated {
                message: Some("Use B.".into()),
                since: Some("2024".into())
            })
        );
        assert_eq!(
            traits(json!({"smithy.api#deprecated": {}})).deprecated(),
            Some(Deprecated::default())
        );
        assert_eq!(
            problems(json!({"smithy.api#deprecated": {"since": 2024}})),
            ["smithy.api#deprecated: `since` must be a string"]
        );
    }

    #[test]
    fn paginated_merges_over_defaults() {
        let own = traits(json!({"smithy.api#paginated": {"items": "rooms"}}))
            .paginated()
            .unwrap();
        let defaults = traits(json!({"smithy.api#paginated": {
            "inputToken": "nextToken", "outputToken": "nextToken", "items": "things"
        }}))
        .paginated()
        .unwrap();
        let merged = own.merged_over(&defaults);
        assert_eq!(merged.input_token.as_deref(), Some("nextToken"));
        assert_eq!(merged.items.as_deref(), Some("rooms"), "own value wins");
        assert_eq!(merged.page_size, None);
        assert_eq!(
            problems(json!({"smithy.api#paginated": {"pageSize": ""}})),
            ["smithy.api#paginated: @paginated `pageSize` must not be empty"]
        );
    }

    #[test]
    fn endpoint_and_host_label() {
        let t = traits(json!({"smithy.api#endpoint": {"hostPrefix": "{account}.data."}}));
        assert_eq!(t.endpoint_host_prefix(), Some("{account}.data."));
        assert_eq!(
            t.endpoint(),
            Some(Endpoint {
                host_prefix: "{account}.data.".into()
            })
        );
        assert_eq!(
            problems(json!({"smithy.api#endpoint": {"hostPrefix": ""}})),
            ["smithy.api#endpoint: @endpoint `hostPrefix` must not be empty"]
        );
    }

    #[test]
    fn aws_traits() {
        let t = traits(json!({
            "aws.api#service": {"sdkId": "ivschat", "endpointPrefix": "ivschat", "arnNamespace": "ivschat"},
            "aws.auth#sigv4": {"name": "ivschat"},
            "aws.protocols#restJson1": {"http": ["h2", "http/1.1"]}
        }));
        let svc = t.aws_service().unwrap();
        assert_eq!(svc.sdk_id, "ivschat");
        assert_eq!(svc.endpoint_prefix.as_deref(), Some("ivschat"));
        assert_eq!(svc.cloud_formation_name, None);
        assert_eq!(t.sigv4_name(), Some("ivschat"));
        let rj = t.rest_json1().unwrap();
        assert_eq!(rj.http, ["h2", "http/1.1"]);
        assert!(rj.event_stream_http.is_empty());
        assert_eq!(
            problems(json!({
                "aws.api#service": {"endpointPrefix": "x"},
                "aws.auth#sigv4": {},
                "aws.protocols#restJson1": {"http": "h2"}
            })),
            [
                "aws.api#service: aws.api#service needs `sdkId`",
                "aws.auth#sigv4: aws.auth#sigv4 needs a non-empty `name`",
                "aws.protocols#restJson1: `http` must be a list of strings",
            ]
        );
    }

    #[test]
    fn endpoint_rules_and_tests() {
        let t = traits(json!({
            "smithy.rules#endpointRuleSet": {
                "version": "1.0",
                "parameters": {
                    "Region": {"type": "String", "builtIn": "AWS::Region", "required": false},
                    "UseFIPS": {"type": "Boolean", "builtIn": "AWS::UseFIPS", "required": true, "default": false}
                },
                "rules": [{"type": "error", "conditions": [], "error": "no"}]
            },
            "smithy.rules#endpointTests": {
                "version": "1.0",
                "testCases": [{"documentation": "fips", "params": {"Region": "us-east-1"},
                    "expect": {"endpoint": {"url": "https://x"}}}]
            }
        }));
        assert!(t.problems().is_empty(), "{:?}", t.problems());
        assert!(t.endpoint_rule_set().is_some());
        let rules = t.endpoint_rules().unwrap();
        assert_eq!(rules.version, "1.0");
        assert_eq!(rules.rules.len(), 1);
        let fips = &rules.parameters["UseFIPS"];
        assert!(fips.required);
        assert_eq!(fips.default, Some(json!(false)));
        assert_eq!(
            rules.parameters["Region"].built_in.as_deref(),
            Some("AWS::Region")
        );
        let cases = t.endpoint_test_cases().unwrap();
        assert_eq!(cases[0].params["Region"], "us-east-1");
        assert_eq!(cases[0].expect["endpoint"]["url"], "https://x");
        assert!(t.endpoint_tests().is_some());
        assert_eq!(
            problems(json!({"smithy.rules#endpointRuleSet": {"version": "1.0",
                "parameters": {"X": {"type": "Integer"}}, "rules": []}})),
            ["smithy.rules#endpointRuleSet: endpoint parameter `X` has unknown type `Integer`"]
        );
    }

    #[test]
    fn examples() {
        let t = traits(json!({"smithy.api#examples": [
            {"title": "Make a room", "input": {"name": "r"}, "output": {"arn": "a"}}
        ]}));
        let ex = t.examples().unwrap();
        assert_eq!(ex[0].title, "Make a room");
        assert_eq!(ex[0].input, Some(json!({"name": "r"})));
        assert_eq!(ex[0].error, None);
        assert_eq!(
            problems(json!({"smithy.api#examples": [{"input": {}}]})),
            ["smithy.api#examples: @examples entry 0 needs `title`"]
        );
    }

    #[test]
    fn waiters() {
        let t = traits(json!({"smithy.waiters#waitable": {
            "RoomReady": {
                "documentation": "Waits for a room.",
                "minDelay": 5,
                "acceptors": [
                    {"state": "success", "matcher": {"output": {"path": "state", "expected": "READY", "comparator": "stringEquals"}}},
                    {"state": "retry", "matcher": {"errorType": "NotFound"}}
                ]
            }
        }}));
        assert!(t.waitable().unwrap().contains_key("RoomReady"));
        let waiters = t.waiters().unwrap();
        let w = &waiters["RoomReady"];
        assert_eq!((w.min_delay, w.max_delay), (5, 120));
        assert_eq!(w.acceptors[0].state, AcceptorState::Success);
        assert_eq!(w.acceptors[1].matcher, json!({"errorType": "NotFound"}));
        assert_eq!(
            problems(json!({"smithy.waiters#waitable": {"W": {"acceptors": []}}})),
            ["smithy.waiters#waitable: waiter `W` needs a non-empty `acceptors` list"]
        );
        assert_eq!(
            problems(
                json!({"smithy.waiters#waitable": {"W": {"minDelay": 10, "maxDelay": 5,
                "acceptors": [{"state": "success", "matcher": {"success": true}}]}}})
            ),
            ["smithy.waiters#waitable: waiter `W`: minDelay 10 is greater than maxDelay 5"]
        );
        assert_eq!(
            problems(json!({"smithy.waiters#waitable": {"W": {
                "acceptors": [{"state": "done", "matcher": {"success": true}}]}}})),
            [
                "smithy.waiters#waitable: waiter `W` acceptor 0: `state` must be success, failure or retry"
            ]
        );
    }

    #[test]
    fn get_matches_whole_ids_only() {
        let t = traits(json!({"smithy.api#required": {}, "ex.custom#required": {"x": 1}}));
        assert_eq!(t.get("smithy.api#required"), Some(&json!({})));
        assert_eq!(t.get("ex.custom#required"), Some(&json!({"x": 1})));
        assert_eq!(t.get("smithy.api#require"), None);
        assert_eq!(t.get("required"), None);
        assert_eq!(t.get("api#required"), None);
        assert_eq!(t.len(), 2);
    }
}
