//! Lowering of `smithy.test#httpMalformedRequestTests`: every case of the service's operations
//! whose `protocol` is restJson1, one [`Case`] per `testParameters` expansion.
//!
//! Expansion, as Smithy's own `ParameterizedHttpMalformedRequestTestCase` does it: every list
//! of `testParameters` has the same length n, and the case is run n times; run i formats every
//! string of the case (request uri, query parameters, header names and values, body; expected
//! header names and values, media type and body assertion; documentation and tags) with
//! Smithy's code writer, whose context holds the i-th value of each parameter: `$name:L` is the
//! value as it is, `$name:S` the value as a quoted string (`"a\"b"`), `$$` one `$`. A `$` that
//! is none of these is kept. Cases without `testParameters` are taken as written (no
//! formatting, so a `$$` stays `$$`). Expansions are numbered from 0 in list order, as
//! Smithy's `{id}_case{i}`; their functions are `malformed_request_{id snake}_{i}`; a case
//! without `testParameters` is one function without suffix.

use std::collections::BTreeMap;

use serde_json::Value;
use smithy_model::{Model, ShapeId};

use crate::Error;
use crate::ir::Service;
use crate::naming;

const TRAIT: &str = "smithy.test#httpMalformedRequestTests";
const REST_JSON: &str = "aws.protocols#restJson1";

/// The `malformed` cases of one service.
#[derive(Clone, Debug, Default)]
pub struct Cases {
    /// Every expansion, by operation (id order) then trait order.
    pub cases: Vec<Case>,
    /// Cases not generated, as (case id, why): operations the crate leaves out.
    pub skipped: Vec<(String, String)>,
}

/// One expansion of one case: a request the server must reject, and what it must answer.
#[derive(Clone, Debug)]
pub struct Case {
    /// The test function (`malformed_request_rest_json_body_integer_underflow_overflow_0`).
    pub fn_name: String,
    /// The case's `id`.
    pub id: String,
    /// The expansion number, `None` without `testParameters`.
    pub index: Option<usize>,
    /// The operation's Smithy name.
    pub operation: String,
    /// `documentation` (interpolated), then the parameter values of this expansion.
    pub docs: Vec<String>,
    /// `tags` (informative only).
    pub tags: Vec<String>,
    /// The request.
    pub request: Request,
    /// The expected response.
    pub response: Response,
}

/// `HttpMalformedRequestDefinition`, interpolated.
#[derive(Clone, Debug)]
pub struct Request {
    /// HTTP method.
    pub method: String,
    /// Path, without the query string.
    pub uri: String,
    /// `host`, if given.
    pub host: Option<String>,
    /// `queryParams` as on the wire (`key=value`, already percent-encoded).
    pub query: Vec<String>,
    /// Headers (name, value).
    pub headers: Vec<(String, String)>,
    /// Body, if any.
    pub body: Option<String>,
}

/// `HttpMalformedResponseDefinition`, interpolated.
#[derive(Clone, Debug)]
pub struct Response {
    /// Status code.
    pub code: u16,
    /// Headers that must be present with these values (others are ignored).
    pub headers: Vec<(String, String)>,
    /// Body assertion, if any: (media type, assertion).
    pub body: Option<(String, Assertion)>,
}

/// `HttpMalformedResponseBodyAssertion`.
#[derive(Clone, Debug)]
pub enum Assertion {
    /// The exact body, compared by media type.
    Contents(String),
    /// A regex the body's `message` field must match.
    MessageRegex(String),
}

/// Collects the cases.
pub fn lower(model: &Model, service: &ShapeId, ir: &Service) -> Result<Cases, Error> {
    let mut out = Cases::default();
    for op_id in model.operations_of(service) {
        let Some(shape) = model.shape(&op_id) else {
            continue;
        };
        let Some(list) = shape.traits.get(TRAIT) else {
            continue;
        };
        let bad = |message: String| Error::Unsupported {
            shape: op_id.to_string(),
            message: format!("{TRAIT}: {message}"),
        };
        let Some(list) = list.as_array() else {
            return Err(bad("not a list".into()));
        };
        let op = ir.operations.iter().find(|o| o.name == op_id.name());
        for case in list {
            let id =
                str_field(case, "id").ok_or_else(|| bad("a case without a string `id`".into()))?;
            let bad = |message: &str| bad(format!("case {id}: {message}"));
            if str_field(case, "protocol") != Some(REST_JSON) {
                continue;
            }
            if op.is_none() {
                let why = ir
                    .skipped
                    .iter()
                    .find(|(name, _)| name == op_id.name())
                    .map_or("operation not generated".to_string(), |(_, why)| {
                        format!("operation not generated: {why}")
                    });
                out.skipped.push((id.to_string(), why));
                continue;
            }
            for (index, values) in expansions(case.get("testParameters")).map_err(|m| bad(&m))? {
                out.cases
                    .push(lower_case(case, id, op_id.name(), index, &values, &bad)?);
            }
        }
    }
    Ok(out)
}

/// The parameter values of every expansion: `[(None, {})]` without `testParameters`.
#[allow(clippy::type_complexity)]
fn expansions(
    params: Option<&Value>,
) -> Result<Vec<(Option<usize>, Vec<(String, String)>)>, String> {
    let Some(params) = params else {
        return Ok(vec![(None, Vec::new())]);
    };
    let Some(params) = params.as_object() else {
        return Err("`testParameters` is not a map".into());
    };
    let mut lists: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for (name, values) in params {
        let values = values
            .as_array()
            .and_then(|v| v.iter().map(Value::as_str).collect::<Option<Vec<_>>>())
            .ok_or_else(|| format!("`testParameters.{name}` is not a list of strings"))?;
        lists.insert(name, values);
    }
    let len = lists.values().next().map_or(0, Vec::len);
    if let Some((name, _)) = lists.iter().find(|(_, v)| v.len() != len) {
        return Err(format!(
            "`testParameters.{name}` has another length than the other parameters"
        ));
    }
    Ok((0..len)
        .map(|i| {
            let values = lists
                .iter()
                .map(|(name, v)| (name.to_string(), v[i].to_string()))
                .collect();
            (Some(i), values)
        })
        .collect())
}

fn lower_case(
    case: &Value,
    id: &str,
    operation: &str,
    index: Option<usize>,
    values: &[(String, String)],
    bad: &dyn Fn(&str) -> Error,
) -> Result<Case, Error> {
    // Smithy formats only the strings of parameterized cases (`generateTestCasesFromParameters`
    // in smithy-protocol-test-traits): a case without parameters is taken as written.
    let fill = |s: &str| {
        if values.is_empty() {
            s.to_string()
        } else {
            interpolate(s, values)
        }
    };
    let req = case.get("request").ok_or_else(|| bad("no `request`"))?;
    let resp = case.get("response").ok_or_else(|| bad("no `response`"))?;
    let request = Request {
        method: str_field(req, "method")
            .ok_or_else(|| bad("no `request.method`"))?
            .to_string(),
        uri: fill(str_field(req, "uri").ok_or_else(|| bad("no `request.uri`"))?),
        host: str_field(req, "host").map(fill),
        query: match req.get("queryParams") {
            None => Vec::new(),
            Some(q) => q
                .as_array()
                .and_then(|q| q.iter().map(|v| v.as_str().map(fill)).collect())
                .ok_or_else(|| bad("`request.queryParams` is not a list of strings"))?,
        },
        headers: headers(req.get("headers"), &fill)
            .ok_or_else(|| bad("`request.headers` is not a map of strings"))?,
        body: str_field(req, "body").map(fill),
    };
    let code = resp
        .get("code")
        .and_then(Value::as_u64)
        .and_then(|c| u16::try_from(c).ok())
        .ok_or_else(|| bad("`response.code` is not a status code"))?;
    let body = match resp.get("body") {
        None => None,
        Some(b) => {
            let media_type = str_field(b, "mediaType")
                .ok_or_else(|| bad("`response.body` without `mediaType`"))?;
            let assertion = b.get("assertion");
            let assertion = if let Some(c) = assertion.and_then(|a| str_field(a, "contents")) {
                Assertion::Contents(fill(c))
            } else if let Some(r) = assertion.and_then(|a| str_field(a, "messageRegex")) {
                Assertion::MessageRegex(fill(r))
            } else {
                return Err(bad(
                    "`response.body.assertion` has neither `contents` nor `messageRegex`",
                ));
            };
            Some((fill(media_type), assertion))
        }
    };
    let response = Response {
        code,
        headers: headers(resp.get("headers"), &fill)
            .ok_or_else(|| bad("`response.headers` is not a map of strings"))?,
        body,
    };
    let mut docs: Vec<String> = str_field(case, "documentation")
        .map(|d| fill(d).lines().map(str::to_string).collect())
        .unwrap_or_default();
    docs.insert(0, format!("`{id}` (`{operation}`)."));
    if !values.is_empty() {
        docs.push(String::new());
        docs.push(format!("Parameters of expansion {}:", index.unwrap_or(0)));
        for (name, value) in values {
            docs.push(format!("- `{name}` = `{}`", Value::from(value.as_str())));
        }
    }
    let tags = case
        .get("tags")
        .and_then(Value::as_array)
        .map(|t| t.iter().filter_map(Value::as_str).map(fill).collect())
        .unwrap_or_default();
    let mut fn_name = format!("malformed_request_{}", naming::module_name(id));
    if let Some(i) = index {
        fn_name.push_str(&format!("_{i}"));
    }
    Ok(Case {
        fn_name,
        id: id.to_string(),
        index,
        operation: operation.to_string(),
        docs,
        tags,
        request,
        response,
    })
}

fn str_field<'v>(v: &'v Value, key: &str) -> Option<&'v str> {
    v.get(key).and_then(Value::as_str)
}

fn headers(v: Option<&Value>, fill: &dyn Fn(&str) -> String) -> Option<Vec<(String, String)>> {
    let Some(v) = v else {
        return Some(Vec::new());
    };
    v.as_object()?
        .iter()
        .map(|(k, v)| Some((fill(k), fill(v.as_str()?))))
        .collect()
}

/// Smithy's code-writer formatting of one expansion's strings: `$$` is one `$`, `$name:L`
/// the value, `$name:S` the value as a quoted string. Any other `$` is kept (the writer
/// would refuse it; an expected message is better shown than lost).
fn interpolate(s: &str, values: &[(String, String)]) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(at) = rest.find('$') {
        out.push_str(&rest[..at]);
        rest = &rest[at + 1..];
        if let Some(after) = rest.strip_prefix('$') {
            out.push('$');
            rest = after;
            continue;
        }
        let name_len = rest
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .unwrap_or(rest.len());
        let (name, tail) = rest.split_at(name_len);
        let value = values.iter().find(|(n, _)| n == name).map(|(_, v)| v);
        match (value, tail.as_bytes()) {
            (Some(v), [b':', b'L', ..]) => out.push_str(v),
            (Some(v), [b':', b'S', ..]) => out.push_str(&Value::from(v.as_str()).to_string()),
            _ => {
                out.push('$');
                continue;
            }
        }
        rest = &tail[2..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn interpolation_replaces_only_the_parameters() {
        let values = vec![("value".to_string(), "a\"b".to_string())];
        assert_eq!(
            interpolate(
                r#"{"x": $value:S, "y": "$value:L", "re": "^a+$$", "z": "$other:L$"}"#,
                &values
            ),
            r#"{"x": "a\"b", "y": "a"b", "re": "^a+$", "z": "$other:L$"}"#
        );
    }

    #[test]
    fn parameters_expand_by_index_and_must_have_one_length() {
        let params = serde_json::json!({"value": ["1", "2"], "tag": ["a", "b"]});
        let e = expansions(Some(&params)).unwrap();
        assert_eq!(e.len(), 2);
        assert_eq!(e[1].0, Some(1));
        assert_eq!(
            e[1].1,
            vec![("tag".into(), "b".into()), ("value".into(), "2".into())]
        );
        let uneven = serde_json::json!({"value": ["1", "2"], "tag": ["a"]});
        assert!(expansions(Some(&uneven)).is_err());
        assert_eq!(expansions(None).unwrap(), vec![(None, Vec::new())]);
    }
}
