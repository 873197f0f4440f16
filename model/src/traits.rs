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
    pub const DOCUMENTATION: &str = "smithy.api#documentation";
    pub const REQUIRED: &str = "smithy.api#required";
    pub const DEFAULT: &str = "smithy.api#default";
    pub const CLIENT_OPTIONAL: &str = "smithy.api#clientOptional";
    pub const ADDED_DEFAULT: &str = "smithy.api#addedDefault";
    pub const HTTP: &str = "smithy.api#http";
    pub const HTTP_LABEL: &str = "smithy.api#httpLabel";
    pub const HTTP_QUERY: &str = "smithy.api#httpQuery";
    pub const HTTP_QUERY_PARAMS: &str = "smithy.api#httpQueryParams";
    pub const HTTP_HEADER: &str = "smithy.api#httpHeader";
    pub const HTTP_PREFIX_HEADERS: &str = "smithy.api#httpPrefixHeaders";
    pub const HTTP_PAYLOAD: &str = "smithy.api#httpPayload";
    pub const HTTP_RESPONSE_CODE: &str = "smithy.api#httpResponseCode";
    pub const HTTP_ERROR: &str = "smithy.api#httpError";
    pub const ERROR: &str = "smithy.api#error";
    pub const RETRYABLE: &str = "smithy.api#retryable";
    pub const JSON_NAME: &str = "smithy.api#jsonName";
    pub const TIMESTAMP_FORMAT: &str = "smithy.api#timestampFormat";
    pub const MEDIA_TYPE: &str = "smithy.api#mediaType";
    pub const LENGTH: &str = "smithy.api#length";
    pub const RANGE: &str = "smithy.api#range";
    pub const PATTERN: &str = "smithy.api#pattern";
    pub const UNIQUE_ITEMS: &str = "smithy.api#uniqueItems";
    pub const ENUM: &str = "smithy.api#enum";
    pub const ENUM_VALUE: &str = "smithy.api#enumValue";
    pub const SENSITIVE: &str = "smithy.api#sensitive";
    pub const DEPRECATED: &str = "smithy.api#deprecated";
    pub const PAGINATED: &str = "smithy.api#paginated";
    pub const IDEMPOTENCY_TOKEN: &str = "smithy.api#idempotencyToken";
    pub const IDEMPOTENT: &str = "smithy.api#idempotent";
    pub const READONLY: &str = "smithy.api#readonly";
    pub const STREAMING: &str = "smithy.api#streaming";
    pub const EVENT_PAYLOAD: &str = "smithy.api#eventPayload";
    pub const EVENT_HEADER: &str = "smithy.api#eventHeader";
    pub const SPARSE: &str = "smithy.api#sparse";
    pub const INPUT: &str = "smithy.api#input";
    pub const OUTPUT: &str = "smithy.api#output";
    pub const ENDPOINT: &str = "smithy.api#endpoint";
    pub const HOST_LABEL: &str = "smithy.api#hostLabel";
    pub const BOX: &str = "smithy.api#box";
    pub const MIXIN: &str = "smithy.api#mixin";
    pub const UNIT_TYPE: &str = "smithy.api#unitType";
    pub const TITLE: &str = "smithy.api#title";
    pub const EXAMPLES: &str = "smithy.api#examples";
    pub const AWS_SERVICE: &str = "aws.api#service";
    pub const SIGV4: &str = "aws.auth#sigv4";
    pub const REST_JSON1: &str = "aws.protocols#restJson1";
    pub const ENDPOINT_RULE_SET: &str = "smithy.rules#endpointRuleSet";
    pub const ENDPOINT_TESTS: &str = "smithy.rules#endpointTests";
    pub const WAITABLE: &str = "smithy.waiters#waitable";
}

/// The traits applied to a shape or member, keyed by absolute trait id.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Traits(BTreeMap<ShapeId, Value>);

/// `@http`.
#[derive(Clone, Debug, PartialEq)]
pub struct HttpTrait {
    pub method: String,
    pub uri: UriPattern,
    /// Success status code (default 200).
    pub code: u16,
}

/// `@error`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorFault {
    Client,
    Server,
}

/// `@retryable`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct Retryable {
    pub throttling: bool,
}

/// `@timestampFormat`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum TimestampFormat {
    DateTime,
    HttpDate,
    EpochSeconds,
}

/// `@length`: inclusive bounds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct Length {
    pub min: Option<u64>,
    pub max: Option<u64>,
}

/// `@range`: inclusive bounds, kept as JSON numbers so integer bounds stay exact.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Range {
    pub min: Option<Number>,
    pub max: Option<Number>,
}

/// One entry of a legacy `@enum` trait.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct EnumDefinition {
    pub value: String,
    pub name: Option<String>,
    pub documentation: Option<String>,
    pub tags: Vec<String>,
    pub deprecated: bool,
}

/// `@enumValue`.
#[derive(Clone, Debug, PartialEq)]
pub enum EnumValue {
    String(String),
    Int(i64),
}

/// `@deprecated`.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Deprecated {
    pub message: Option<String>,
    pub since: Option<String>,
}

/// `@paginated` (on an operation or a service; see [`crate::Model::paginated`] for the merge).
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Paginated {
    pub input_token: Option<String>,
    pub output_token: Option<String>,
    pub items: Option<String>,
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
    pub sdk_id: String,
    pub arn_namespace: Option<String>,
    pub endpoint_prefix: Option<String>,
    pub cloud_formation_name: Option<String>,
    pub cloud_trail_event_source: Option<String>,
}

/// `aws.protocols#restJson1`.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct RestJson1 {
    pub http: Vec<String>,
    pub event_stream_http: Vec<String>,
}

/// One entry of `@examples`.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Example {
    pub title: String,
    pub documentation: Option<String>,
    pub input: Option<Value>,
    pub output: Option<Value>,
    pub error: Option<Value>,
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

impl Traits {
    /// Builds a trait map from (id, value) pairs.
    pub fn from_map(map: BTreeMap<ShapeId, Value>) -> Traits {
        Traits(map)
    }

    /// The raw value of trait `id` (absolute, e.g. `smithy.api#required`).
    pub fn get(&self, id: &str) -> Option<&Value> {
        let id = ShapeId::parse(id).ok()?;
        self.0.get(&id)
    }

    /// True when trait `id` is applied.
    pub fn has(&self, id: &str) -> bool {
        self.get(id).is_some()
    }

    /// Applies (or replaces) a trait.
    pub fn insert(&mut self, id: ShapeId, value: Value) {
        self.0.insert(id, value);
    }

    /// Removes a trait, returning its value.
    pub fn remove(&mut self, id: &str) -> Option<Value> {
        let id = ShapeId::parse(id).ok()?;
        self.0.remove(&id)
    }

    /// All traits in id order.
    pub fn iter(&self) -> impl Iterator<Item = (&ShapeId, &Value)> {
        self.0.iter()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    fn str_of(&self, id: &str) -> Option<&str> {
        self.get(id)?.as_str()
    }

    pub fn documentation(&self) -> Option<&str> {
        self.str_of(ids::DOCUMENTATION)
    }
    pub fn title(&self) -> Option<&str> {
        self.str_of(ids::TITLE)
    }
    pub fn is_required(&self) -> bool {
        self.has(ids::REQUIRED)
    }
    /// The `@default` value (JSON `null` means "explicitly no default").
    pub fn default_value(&self) -> Option<&Value> {
        self.get(ids::DEFAULT)
    }
    pub fn is_client_optional(&self) -> bool {
        self.has(ids::CLIENT_OPTIONAL)
    }
    pub fn is_added_default(&self) -> bool {
        self.has(ids::ADDED_DEFAULT)
    }
    pub fn http(&self) -> Option<HttpTrait> {
        parse_http(self.get(ids::HTTP)?).ok()
    }
    pub fn is_http_label(&self) -> bool {
        self.has(ids::HTTP_LABEL)
    }
    pub fn http_query(&self) -> Option<&str> {
        self.str_of(ids::HTTP_QUERY)
    }
    pub fn is_http_query_params(&self) -> bool {
        self.has(ids::HTTP_QUERY_PARAMS)
    }
    pub fn http_header(&self) -> Option<&str> {
        self.str_of(ids::HTTP_HEADER)
    }
    pub fn http_prefix_headers(&self) -> Option<&str> {
        self.str_of(ids::HTTP_PREFIX_HEADERS)
    }
    pub fn is_http_payload(&self) -> bool {
        self.has(ids::HTTP_PAYLOAD)
    }
    pub fn is_http_response_code(&self) -> bool {
        self.has(ids::HTTP_RESPONSE_CODE)
    }
    pub fn http_error(&self) -> Option<u16> {
        self.get(ids::HTTP_ERROR)?
            .as_u64()
            .filter(|c| (100..=999).contains(c))
            .map(|c| c as u16)
    }
    pub fn error(&self) -> Option<ErrorFault> {
        match self.str_of(ids::ERROR)? {
            "client" => Some(ErrorFault::Client),
            "server" => Some(ErrorFault::Server),
            _ => None,
        }
    }
    pub fn retryable(&self) -> Option<Retryable> {
        let v = self.get(ids::RETRYABLE)?;
        let obj = v.as_object()?;
        Some(Retryable {
            throttling: obj
                .get("throttling")
                .and_then(Value::as_bool)
                .unwrap_or(false),
        })
    }
    pub fn json_name(&self) -> Option<&str> {
        self.str_of(ids::JSON_NAME)
    }
    pub fn timestamp_format(&self) -> Option<TimestampFormat> {
        match self.str_of(ids::TIMESTAMP_FORMAT)? {
            "date-time" => Some(TimestampFormat::DateTime),
            "http-date" => Some(TimestampFormat::HttpDate),
            "epoch-seconds" => Some(TimestampFormat::EpochSeconds),
            _ => None,
        }
    }
    pub fn media_type(&self) -> Option<&str> {
        self.str_of(ids::MEDIA_TYPE)
    }
    pub fn length(&self) -> Option<Length> {
        parse_length(self.get(ids::LENGTH)?).ok()
    }
    pub fn range(&self) -> Option<Range> {
        parse_range(self.get(ids::RANGE)?).ok()
    }
    pub fn pattern(&self) -> Option<&str> {
        self.str_of(ids::PATTERN)
    }
    pub fn is_unique_items(&self) -> bool {
        self.has(ids::UNIQUE_ITEMS)
    }
    /// The legacy `@enum` trait on a string shape.
    pub fn legacy_enum(&self) -> Option<Vec<EnumDefinition>> {
        parse_legacy_enum(self.get(ids::ENUM)?).ok()
    }
    pub fn enum_value(&self) -> Option<EnumValue> {
        match self.get(ids::ENUM_VALUE)? {
            Value::String(s) => Some(EnumValue::String(s.clone())),
            Value::Number(n) => n.as_i64().map(EnumValue::Int),
            _ => None,
        }
    }
    pub fn is_sensitive(&self) -> bool {
        self.has(ids::SENSITIVE)
    }
    pub fn deprecated(&self) -> Option<Deprecated> {
        let obj = self.get(ids::DEPRECATED)?.as_object()?;
        Some(Deprecated {
            message: obj
                .get("message")
                .and_then(Value::as_str)
                .map(str::to_string),
            since: obj.get("since").and_then(Value::as_str).map(str::to_string),
        })
    }
    /// `@paginated` as written on this shape (see [`crate::Model::paginated`] for the merged view).
    pub fn paginated(&self) -> Option<Paginated> {
        parse_paginated(self.get(ids::PAGINATED)?).ok()
    }
    pub fn is_idempotency_token(&self) -> bool {
        self.has(ids::IDEMPOTENCY_TOKEN)
    }
    pub fn is_idempotent(&self) -> bool {
        self.has(ids::IDEMPOTENT)
    }
    pub fn is_readonly(&self) -> bool {
        self.has(ids::READONLY)
    }
    pub fn is_streaming(&self) -> bool {
        self.has(ids::STREAMING)
    }
    pub fn is_event_payload(&self) -> bool {
        self.has(ids::EVENT_PAYLOAD)
    }
    pub fn is_sparse(&self) -> bool {
        self.has(ids::SPARSE)
    }
    pub fn is_input(&self) -> bool {
        self.has(ids::INPUT)
    }
    pub fn is_output(&self) -> bool {
        self.has(ids::OUTPUT)
    }
    pub fn is_mixin(&self) -> bool {
        self.has(ids::MIXIN)
    }
    /// `@endpoint(hostPrefix: ...)`: the host prefix template.
    pub fn endpoint_host_prefix(&self) -> Option<&str> {
        self.get(ids::ENDPOINT)?.get("hostPrefix")?.as_str()
    }
    pub fn is_host_label(&self) -> bool {
        self.has(ids::HOST_LABEL)
    }
    pub fn aws_service(&self) -> Option<AwsService> {
        parse_aws_service(self.get(ids::AWS_SERVICE)?).ok()
    }
    /// `aws.auth#sigv4`: the signing name.
    pub fn sigv4_name(&self) -> Option<&str> {
        self.get(ids::SIGV4)?.get("name")?.as_str()
    }
    pub fn rest_json1(&self) -> Option<RestJson1> {
        let obj = self.get(ids::REST_JSON1)?.as_object()?;
        Some(RestJson1 {
            http: string_list(obj, "http").ok()?,
            event_stream_http: string_list(obj, "eventStreamHttp").ok()?,
        })
    }
    pub fn endpoint_rule_set(&self) -> Option<&Value> {
        self.get(ids::ENDPOINT_RULE_SET)
    }
    pub fn endpoint_tests(&self) -> Option<&Value> {
        self.get(ids::ENDPOINT_TESTS)
    }
    pub fn examples(&self) -> Option<Vec<Example>> {
        parse_examples(self.get(ids::EXAMPLES)?).ok()
    }
    /// `smithy.waiters#waitable`: waiter name → definition (kept raw).
    pub fn waitable(&self) -> Option<&Map<String, Value>> {
        self.get(ids::WAITABLE)?.as_object()
    }

    /// Every malformed value among the traits this crate understands, as (trait id, message).
    pub fn problems(&self) -> Vec<(String, String)> {
        let mut out = Vec::new();
        for (id, value) in &self.0 {
            let id_str = id.to_string();
            let check: Result<(), String> = match id_str.as_str() {
                ids::DOCUMENTATION
                | ids::HTTP_QUERY
                | ids::JSON_NAME
                | ids::MEDIA_TYPE
                | ids::TITLE
                | ids::ERROR
                | ids::TIMESTAMP_FORMAT => as_string(value, &id_str).map(|_| ()),
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
                ids::ENUM => parse_legacy_enum(value).map(|_| ()),
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
                ids::ENDPOINT => value
                    .get("hostPrefix")
                    .and_then(Value::as_str)
                    .map(|_| ())
                    .ok_or_else(|| "@endpoint needs a string `hostPrefix`".to_string()),
                ids::REST_JSON1 => as_object(value, "aws.protocols#restJson1").and_then(|o| {
                    string_list(o, "http")?;
                    string_list(o, "eventStreamHttp").map(|_| ())
                }),
                _ => Ok(()),
            };
            let check = check.and_then(|()| match id_str.as_str() {
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
                out.push((id_str, message));
            }
        }
        out
    }
}
