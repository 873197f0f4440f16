//! The endpoint rules engine: a `smithy.rules#endpointRuleSet` document, parsed once into a
//! tree whose references are slot numbers, evaluated per resolution.
//!
//! Semantics (Smithy rules engine 1.0/1.1): parameters take the given value, else their
//! `default`; a `required` parameter without either is an error. Rules are tried in order; a
//! rule applies when each of its conditions evaluates to something other than `false` or
//! "no value" (an `assign` binds the value for the later conditions and the sub-rules). An
//! endpoint rule gives the endpoint, an error rule the error with its message, a tree rule its
//! first applying sub-rule (a tree none of whose sub-rules applies is an error). Strings in
//! conditions, URLs, headers, properties and error messages are templates (`{Region}`,
//! `{PartitionResult#dnsSuffix}`, `{{` and `}}` for braces).

use std::borrow::Cow;
use std::fmt;

use serde_json::Value as Json;

use super::functions;
use super::partition::Partitions;

/// A value in the rules language: what parameters, functions and variables hold.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Value {
    /// A string.
    String(String),
    /// A boolean.
    Bool(bool),
    /// An integer (function arguments such as `substring` indexes).
    Int(i64),
    /// An array (`stringArray` parameters, `split`, ARN resource ids).
    Array(Vec<Value>),
    /// An object (partition, parsed URL, parsed ARN, property literals), keys in order.
    Object(Vec<(String, Value)>),
}

impl Value {
    /// The value of a JSON literal (`null` and fractional numbers have none).
    pub fn from_json(json: &Json) -> Option<Value> {
        Some(match json {
            Json::Null => return None,
            Json::Bool(b) => Value::Bool(*b),
            Json::Number(n) => Value::Int(n.as_i64()?),
            Json::String(s) => Value::String(s.clone()),
            Json::Array(items) => Value::Array(items.iter().filter_map(Value::from_json).collect()),
            Json::Object(map) => Value::Object(
                map.iter()
                    .filter_map(|(k, v)| Value::from_json(v).map(|v| (k.clone(), v)))
                    .collect(),
            ),
        })
    }

    /// The value as JSON (endpoint properties).
    pub fn to_json(&self) -> Json {
        match self {
            Value::String(s) => Json::String(s.clone()),
            Value::Bool(b) => Json::Bool(*b),
            Value::Int(i) => Json::from(*i),
            Value::Array(items) => Json::Array(items.iter().map(Value::to_json).collect()),
            Value::Object(fields) => Json::Object(
                fields
                    .iter()
                    .map(|(k, v)| (k.clone(), v.to_json()))
                    .collect(),
            ),
        }
    }

    /// The string, if this is one.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    /// The boolean, if this is one.
    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Value::Bool(b) => Some(*b),
            _ => None,
        }
    }

    /// The field `key` of an object.
    pub fn field(&self, key: &str) -> Option<&Value> {
        match self {
            Value::Object(fields) => fields.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    fn kind(&self) -> &'static str {
        match self {
            Value::String(_) => "a string",
            Value::Bool(_) => "a boolean",
            Value::Int(_) => "an integer",
            Value::Array(_) => "an array",
            Value::Object(_) => "an object",
        }
    }
}

impl From<&str> for Value {
    fn from(s: &str) -> Self {
        Value::String(s.to_string())
    }
}

impl From<String> for Value {
    fn from(s: String) -> Self {
        Value::String(s)
    }
}

impl From<bool> for Value {
    fn from(b: bool) -> Self {
        Value::Bool(b)
    }
}

impl From<Vec<String>> for Value {
    fn from(items: Vec<String>) -> Self {
        Value::Array(items.into_iter().map(Value::String).collect())
    }
}

/// The declared type of a parameter.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ParamType {
    /// `String`.
    String,
    /// `Boolean`.
    Boolean,
    /// `stringArray`.
    StringArray,
}

/// A declared parameter of a rule set.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Param {
    /// The parameter name (`Region`, `UseFIPS`, …).
    pub name: String,
    /// Its type.
    pub ty: ParamType,
    /// The built-in that supplies it (`AWS::Region`, `SDK::Endpoint`, …), if any.
    pub built_in: Option<String>,
    /// A value is needed (given or default).
    pub required: bool,
    /// The value used when none is given.
    pub default: Option<Value>,
}

/// A rule set that could not be parsed, with where in the document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RulesError {
    path: String,
    message: String,
}

impl fmt::Display for RulesError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            write!(f, "invalid endpoint rule set: {}", self.message)
        } else {
            write!(
                f,
                "invalid endpoint rule set at {}: {}",
                self.path, self.message
            )
        }
    }
}

impl std::error::Error for RulesError {}

/// What kind of resolution failure an [`EndpointError`] is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EndpointErrorKind {
    /// An error rule applied; the message is the rule's.
    Rule,
    /// A required parameter has no value.
    MissingParam,
    /// A parameter was given a value of the wrong type.
    InvalidParam,
    /// No rule applied.
    NoMatch,
    /// The rule set asked for something impossible (a type mismatch, an unset template value).
    Evaluation,
}

/// Why no endpoint could be resolved.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EndpointError {
    kind: EndpointErrorKind,
    message: String,
}

impl EndpointError {
    pub(crate) fn new(kind: EndpointErrorKind, message: impl Into<String>) -> Self {
        EndpointError {
            kind,
            message: message.into(),
        }
    }

    /// The kind of failure.
    pub fn kind(&self) -> EndpointErrorKind {
        self.kind
    }

    /// The message: for [`EndpointErrorKind::Rule`], exactly the error rule's text.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for EndpointError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.kind {
            EndpointErrorKind::Rule => write!(f, "endpoint rules: {}", self.message),
            _ => write!(f, "endpoint resolution failed: {}", self.message),
        }
    }
}

impl std::error::Error for EndpointError {}

/// An endpoint the rules resolved to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ResolvedEndpoint {
    /// The URL, e.g. `https://ivschat-fips.us-east-1.amazonaws.com`.
    pub url: String,
    /// Headers to send, each with its values in order.
    pub headers: Vec<(String, Vec<String>)>,
    /// The endpoint properties (`authSchemes`, …).
    pub properties: serde_json::Map<String, Json>,
}

/// A parsed rule set.
#[derive(Clone, Debug)]
pub struct RuleSet {
    params: Vec<Param>,
    rules: Vec<Rule>,
    slots: usize,
}

#[derive(Clone, Debug)]
struct Rule {
    conditions: Vec<Condition>,
    kind: RuleKind,
}

#[derive(Clone, Debug)]
struct Condition {
    expr: Expr,
    assign: Option<usize>,
}

#[derive(Clone, Debug)]
enum RuleKind {
    Endpoint {
        url: Expr,
        headers: Vec<(String, Vec<Expr>)>,
        properties: Vec<(String, Expr)>,
    },
    Error(Expr),
    Tree(Vec<Rule>),
}

#[derive(Clone, Debug)]
enum Expr {
    Literal(Value),
    Template(Vec<Part>),
    Ref(usize, String),
    GetAttr(Box<Expr>, Vec<Step>),
    Call(Func, Vec<Expr>),
    Array(Vec<Expr>),
    Object(Vec<(String, Expr)>),
}

#[derive(Clone, Debug)]
enum Part {
    Text(String),
    Value(Expr),
}

/// One step of a `getAttr` path.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Step {
    Key(String),
    Index(usize),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Func {
    BooleanEquals,
    StringEquals,
    IsSet,
    Not,
    Partition,
    ParseArn,
    IsValidHostLabel,
    ParseUrl,
    Substring,
    UriEncode,
    IsVirtualHostableS3Bucket,
    Split,
    Coalesce,
    Ite,
}

impl Func {
    fn lookup(name: &str) -> Option<(Func, usize, usize)> {
        use Func::*;
        let (f, min, max) = match name {
            "booleanEquals" => (BooleanEquals, 2, 2),
            "stringEquals" => (StringEquals, 2, 2),
            "isSet" => (IsSet, 1, 1),
            "not" => (Not, 1, 1),
            "aws.partition" => (Partition, 1, 1),
            "aws.parseArn" => (ParseArn, 1, 1),
            "isValidHostLabel" => (IsValidHostLabel, 2, 2),
            "parseURL" => (ParseUrl, 1, 1),
            "substring" => (Substring, 4, 4),
            "uriEncode" => (UriEncode, 1, 1),
            "aws.isVirtualHostableS3Bucket" => (IsVirtualHostableS3Bucket, 2, 2),
            "split" => (Split, 3, 3),
            "coalesce" => (Coalesce, 1, usize::MAX),
            "ite" => (Ite, 3, 3),
            _ => return None,
        };
        Some((f, min, max))
    }

    fn name(self) -> &'static str {
        use Func::*;
        match self {
            BooleanEquals => "booleanEquals",
            StringEquals => "stringEquals",
            IsSet => "isSet",
            Not => "not",
            Partition => "aws.partition",
            ParseArn => "aws.parseArn",
            IsValidHostLabel => "isValidHostLabel",
            ParseUrl => "parseURL",
            Substring => "substring",
            UriEncode => "uriEncode",
            IsVirtualHostableS3Bucket => "aws.isVirtualHostableS3Bucket",
            Split => "split",
            Coalesce => "coalesce",
            Ite => "ite",
        }
    }
}

/// Names in scope while compiling: (name, slot), innermost last.
struct Compiler {
    scope: Vec<(String, usize)>,
    slots: usize,
}

fn err(path: &str, message: impl Into<String>) -> RulesError {
    RulesError {
        path: path.to_string(),
        message: message.into(),
    }
}

impl RuleSet {
    /// Parses a rule set from its JSON text (the trait's value, minified or not).
    pub fn parse(json: &str) -> Result<RuleSet, RulesError> {
        let doc: Json =
            serde_json::from_str(json).map_err(|e| err("", format!("not JSON: {e}")))?;
        RuleSet::from_json(&doc)
    }

    /// Builds a rule set from its JSON value.
    pub fn from_json(doc: &Json) -> Result<RuleSet, RulesError> {
        let obj = doc
            .as_object()
            .ok_or_else(|| err("", "expected an object"))?;
        let mut params = Vec::new();
        let mut compiler = Compiler {
            scope: Vec::new(),
            slots: 0,
        };
        if let Some(p) = obj.get("parameters") {
            let p = p
                .as_object()
                .ok_or_else(|| err("parameters", "expected an object"))?;
            for (name, spec) in p {
                let path = format!("parameters.{name}");
                params.push(parse_param(name, spec, &path)?);
                compiler.scope.push((name.clone(), compiler.slots));
                compiler.slots += 1;
            }
        }
        let rules = obj
            .get("rules")
            .and_then(Json::as_array)
            .ok_or_else(|| err("rules", "expected an array of rules"))?;
        let rules = compiler.rules(rules, "rules")?;
        Ok(RuleSet {
            params,
            rules,
            slots: compiler.slots,
        })
    }

    /// The declared parameters, in declaration order.
    pub fn params(&self) -> &[Param] {
        &self.params
    }

    /// Resolves an endpoint: `value` gives each parameter's value (or `None` to use its
    /// default) from its index in [`RuleSet::params`] and its declaration; `partitions`
    /// answers `aws.partition`.
    pub fn resolve(
        &self,
        value: &dyn Fn(usize, &Param) -> Option<Value>,
        partitions: &Partitions,
    ) -> Result<ResolvedEndpoint, EndpointError> {
        let mut slots: Vec<Option<Value>> = Vec::with_capacity(self.slots);
        for (i, p) in self.params.iter().enumerate() {
            let v = value(i, p).or_else(|| p.default.clone());
            match &v {
                None if p.required => {
                    return Err(EndpointError::new(
                        EndpointErrorKind::MissingParam,
                        format!("missing required endpoint parameter `{}`", p.name),
                    ));
                }
                Some(v) if !type_fits(p.ty, v) => {
                    return Err(EndpointError::new(
                        EndpointErrorKind::InvalidParam,
                        format!(
                            "endpoint parameter `{}` must be {}, got {}",
                            p.name,
                            match p.ty {
                                ParamType::String => "a string",
                                ParamType::Boolean => "a boolean",
                                ParamType::StringArray => "an array of strings",
                            },
                            v.kind()
                        ),
                    ));
                }
                _ => {}
            }
            slots.push(v);
        }
        slots.resize(self.slots, None);
        let mut eval = Eval { slots, partitions };
        match eval.rules(&self.rules)? {
            Some(endpoint) => Ok(endpoint),
            None => Err(EndpointError::new(
                EndpointErrorKind::NoMatch,
                "no endpoint rule matched the parameters",
            )),
        }
    }
}

fn type_fits(ty: ParamType, v: &Value) -> bool {
    match (ty, v) {
        (ParamType::String, Value::String(_)) | (ParamType::Boolean, Value::Bool(_)) => true,
        (ParamType::StringArray, Value::Array(items)) => {
            items.iter().all(|i| matches!(i, Value::String(_)))
        }
        _ => false,
    }
}

fn parse_param(name: &str, spec: &Json, path: &str) -> Result<Param, RulesError> {
    let ty = match spec.get("type").and_then(Json::as_str) {
        Some(t) if t.eq_ignore_ascii_case("string") => ParamType::String,
        Some(t) if t.eq_ignore_ascii_case("boolean") => ParamType::Boolean,
        Some(t) if t.eq_ignore_ascii_case("stringArray") => ParamType::StringArray,
        Some(t) => return Err(err(path, format!("unknown parameter type `{t}`"))),
        None => return Err(err(path, "missing `type`")),
    };
    let default = spec.get("default").and_then(Value::from_json);
    if let Some(d) = &default
        && !type_fits(ty, d)
    {
        return Err(err(path, format!("default is {}", d.kind())));
    }
    Ok(Param {
        name: name.to_string(),
        ty,
        built_in: spec
            .get("builtIn")
            .and_then(Json::as_str)
            .map(str::to_string),
        required: spec
            .get("required")
            .and_then(Json::as_bool)
            .unwrap_or(false),
        default,
    })
}

impl Compiler {
    fn rules(&mut self, rules: &[Json], path: &str) -> Result<Vec<Rule>, RulesError> {
        rules
            .iter()
            .enumerate()
            .map(|(i, r)| self.rule(r, &format!("{path}[{i}]")))
            .collect()
    }

    fn rule(&mut self, rule: &Json, path: &str) -> Result<Rule, RulesError> {
        let obj = rule
            .as_object()
            .ok_or_else(|| err(path, "a rule must be an object"))?;
        let depth = self.scope.len();
        let mut conditions = Vec::new();
        if let Some(conds) = obj.get("conditions") {
            let conds = conds
                .as_array()
                .ok_or_else(|| err(path, "`conditions` must be an array"))?;
            for (i, c) in conds.iter().enumerate() {
                let cpath = format!("{path}.conditions[{i}]");
                if c.get("fn").is_none() {
                    return Err(err(&cpath, "a condition must be a function call"));
                }
                let expr = self.expr(c, &cpath)?;
                let assign = match c.get("assign") {
                    None => None,
                    Some(Json::String(name)) => {
                        let slot = self.slots;
                        self.slots += 1;
                        self.scope.push((name.clone(), slot));
                        Some(slot)
                    }
                    Some(_) => return Err(err(&cpath, "`assign` must be a string")),
                };
                conditions.push(Condition { expr, assign });
            }
        }
        let kind = match obj.get("type").and_then(Json::as_str) {
            Some("endpoint") => {
                let ep = obj
                    .get("endpoint")
                    .and_then(Json::as_object)
                    .ok_or_else(|| err(path, "an endpoint rule needs an `endpoint` object"))?;
                let epath = format!("{path}.endpoint");
                let url = ep.get("url").ok_or_else(|| err(&epath, "missing `url`"))?;
                let url = self.expr(url, &format!("{epath}.url"))?;
                let mut headers = Vec::new();
                if let Some(h) = ep.get("headers") {
                    let h = h
                        .as_object()
                        .ok_or_else(|| err(&epath, "`headers` must be an object"))?;
                    for (name, values) in h {
                        let hpath = format!("{epath}.headers.{name}");
                        let values = values
                            .as_array()
                            .ok_or_else(|| err(&hpath, "header values must be an array"))?;
                        let values = values
                            .iter()
                            .map(|v| self.expr(v, &hpath))
                            .collect::<Result<_, _>>()?;
                        headers.push((name.clone(), values));
                    }
                }
                let mut properties = Vec::new();
                if let Some(p) = ep.get("properties") {
                    let p = p
                        .as_object()
                        .ok_or_else(|| err(&epath, "`properties` must be an object"))?;
                    for (name, v) in p {
                        let e = self.expr(v, &format!("{epath}.properties.{name}"))?;
                        properties.push((name.clone(), e));
                    }
                }
                RuleKind::Endpoint {
                    url,
                    headers,
                    properties,
                }
            }
            Some("error") => {
                let e = obj
                    .get("error")
                    .ok_or_else(|| err(path, "an error rule needs an `error` message"))?;
                RuleKind::Error(self.expr(e, &format!("{path}.error"))?)
            }
            Some("tree") => {
                let rules = obj
                    .get("rules")
                    .and_then(Json::as_array)
                    .ok_or_else(|| err(path, "a tree rule needs a `rules` array"))?;
                RuleKind::Tree(self.rules(rules, &format!("{path}.rules"))?)
            }
            Some(other) => return Err(err(path, format!("unknown rule type `{other}`"))),
            None => return Err(err(path, "missing rule `type`")),
        };
        // Names assigned by this rule's conditions are visible only inside it.
        self.scope.truncate(depth);
        Ok(Rule { conditions, kind })
    }

    fn lookup(&self, name: &str, path: &str) -> Result<usize, RulesError> {
        self.scope
            .iter()
            .rev()
            .find(|(n, _)| n == name)
            .map(|(_, slot)| *slot)
            .ok_or_else(|| {
                err(
                    path,
                    format!("`{name}` is not a parameter or assigned variable"),
                )
            })
    }

    fn expr(&mut self, json: &Json, path: &str) -> Result<Expr, RulesError> {
        Ok(match json {
            Json::String(s) => self.template(s, path)?,
            Json::Bool(b) => Expr::Literal(Value::Bool(*b)),
            Json::Number(n) => Expr::Literal(Value::Int(
                n.as_i64()
                    .ok_or_else(|| err(path, format!("number {n} is not an integer")))?,
            )),
            Json::Null => return Err(err(path, "`null` is not a value")),
            Json::Array(items) => Expr::Array(
                items
                    .iter()
                    .enumerate()
                    .map(|(i, v)| self.expr(v, &format!("{path}[{i}]")))
                    .collect::<Result<_, _>>()?,
            ),
            Json::Object(obj) => {
                if let Some(r) = obj.get("ref") {
                    let name = r
                        .as_str()
                        .ok_or_else(|| err(path, "`ref` must be a string"))?;
                    Expr::Ref(self.lookup(name, path)?, name.to_string())
                } else if let Some(f) = obj.get("fn") {
                    let name = f
                        .as_str()
                        .ok_or_else(|| err(path, "`fn` must be a string"))?;
                    let argv = obj
                        .get("argv")
                        .and_then(Json::as_array)
                        .ok_or_else(|| err(path, format!("`{name}` needs an `argv` array")))?;
                    if name == "getAttr" {
                        let [target, attr] = argv.as_slice() else {
                            return Err(err(path, "getAttr takes 2 arguments"));
                        };
                        let attr = attr
                            .as_str()
                            .ok_or_else(|| err(path, "the getAttr path must be a string"))?;
                        let target = self.expr(target, &format!("{path}.argv[0]"))?;
                        let steps = parse_path(attr).map_err(|m| err(path, m))?;
                        return Ok(Expr::GetAttr(Box::new(target), steps));
                    }
                    let (func, min, max) = Func::lookup(name)
                        .ok_or_else(|| err(path, format!("unknown function `{name}`")))?;
                    if argv.len() < min || argv.len() > max {
                        return Err(err(
                            path,
                            format!("`{name}` takes {min} argument(s), got {}", argv.len()),
                        ));
                    }
                    let args = argv
                        .iter()
                        .enumerate()
                        .map(|(i, a)| self.expr(a, &format!("{path}.argv[{i}]")))
                        .collect::<Result<_, _>>()?;
                    Expr::Call(func, args)
                } else {
                    // A literal object (endpoint properties such as `authSchemes` entries).
                    let mut fields = Vec::new();
                    for (k, v) in obj {
                        fields.push((k.clone(), self.expr(v, &format!("{path}.{k}"))?));
                    }
                    Expr::Object(fields)
                }
            }
        })
    }

    /// A string literal: plain text, or text with `{name}` / `{name#path}` parts.
    fn template(&self, s: &str, path: &str) -> Result<Expr, RulesError> {
        if !s.contains(['{', '}']) {
            return Ok(Expr::Literal(Value::String(s.to_string())));
        }
        let mut parts = Vec::new();
        let mut text = String::new();
        let mut rest = s;
        while let Some(i) = rest.find(['{', '}']) {
            text.push_str(&rest[..i]);
            let tail = &rest[i..];
            if let Some(after) = tail.strip_prefix("{{") {
                text.push('{');
                rest = after;
            } else if let Some(after) = tail.strip_prefix("}}") {
                text.push('}');
                rest = after;
            } else if tail.starts_with('}') {
                return Err(err(path, format!("unmatched `}}` in template {s:?}")));
            } else {
                let end = tail
                    .find('}')
                    .ok_or_else(|| err(path, format!("unclosed `{{` in template {s:?}")))?;
                let inner = &tail[1..end];
                if !text.is_empty() {
                    parts.push(Part::Text(std::mem::take(&mut text)));
                }
                let (name, attr) = match inner.split_once('#') {
                    Some((n, a)) => (n, Some(a)),
                    None => (inner, None),
                };
                let r = Expr::Ref(self.lookup(name, path)?, name.to_string());
                parts.push(Part::Value(match attr {
                    Some(a) => Expr::GetAttr(Box::new(r), parse_path(a).map_err(|m| err(path, m))?),
                    None => r,
                }));
                rest = &tail[end + 1..];
            }
        }
        text.push_str(rest);
        if !text.is_empty() {
            parts.push(Part::Text(text));
        }
        Ok(Expr::Template(parts))
    }
}

/// `a.b[2]` → keys and indexes.
pub(crate) fn parse_path(path: &str) -> Result<Vec<Step>, String> {
    let mut steps = Vec::new();
    for part in path.split('.') {
        let (key, index) = match part.find('[') {
            Some(i) => (&part[..i], Some(&part[i..])),
            None => (part, None),
        };
        if !key.is_empty() {
            steps.push(Step::Key(key.to_string()));
        }
        if let Some(mut idx) = index {
            while !idx.is_empty() {
                let close = idx
                    .find(']')
                    .filter(|_| idx.starts_with('['))
                    .ok_or_else(|| format!("bad index in path {path:?}"))?;
                let n = idx[1..close]
                    .parse::<usize>()
                    .map_err(|_| format!("bad index in path {path:?}"))?;
                steps.push(Step::Index(n));
                idx = &idx[close + 1..];
            }
        } else if key.is_empty() {
            return Err(format!("empty key in path {path:?}"));
        }
    }
    Ok(steps)
}

struct Eval<'p> {
    slots: Vec<Option<Value>>,
    partitions: &'p Partitions,
}

fn evaluation(message: String) -> EndpointError {
    EndpointError::new(EndpointErrorKind::Evaluation, message)
}

type Out<'a> = Result<Option<Cow<'a, Value>>, EndpointError>;

impl Eval<'_> {
    fn rules(&mut self, rules: &[Rule]) -> Result<Option<ResolvedEndpoint>, EndpointError> {
        'rules: for rule in rules {
            for c in &rule.conditions {
                let assigned = match self.eval(&c.expr)? {
                    None | Some(Cow::Owned(Value::Bool(false))) => continue 'rules,
                    Some(Cow::Borrowed(Value::Bool(false))) => continue 'rules,
                    Some(v) => c.assign.map(|slot| (slot, v.into_owned())),
                };
                if let Some((slot, v)) = assigned {
                    self.slots[slot] = Some(v);
                }
            }
            return match &rule.kind {
                RuleKind::Endpoint {
                    url,
                    headers,
                    properties,
                } => {
                    let url = self.string(url, "the endpoint URL")?;
                    let mut hs = Vec::with_capacity(headers.len());
                    for (name, values) in headers {
                        let vs = values
                            .iter()
                            .map(|v| self.string(v, "a header value"))
                            .collect::<Result<_, _>>()?;
                        hs.push((name.clone(), vs));
                    }
                    let mut props = serde_json::Map::new();
                    for (name, e) in properties {
                        if let Some(v) = self.eval(e)? {
                            props.insert(name.clone(), v.to_json());
                        }
                    }
                    Ok(Some(ResolvedEndpoint {
                        url,
                        headers: hs,
                        properties: props,
                    }))
                }
                RuleKind::Error(message) => {
                    let message = self.string(message, "an error message")?;
                    Err(EndpointError::new(EndpointErrorKind::Rule, message))
                }
                RuleKind::Tree(rules) => match self.rules(rules)? {
                    Some(endpoint) => Ok(Some(endpoint)),
                    None => Err(EndpointError::new(
                        EndpointErrorKind::NoMatch,
                        "no endpoint rule matched inside a tree rule whose conditions held",
                    )),
                },
            };
        }
        Ok(None)
    }

    fn string(&self, e: &Expr, what: &str) -> Result<String, EndpointError> {
        match self.eval(e)? {
            Some(Cow::Owned(Value::String(s))) => Ok(s),
            Some(Cow::Borrowed(Value::String(s))) => Ok(s.clone()),
            Some(other) => Err(evaluation(format!(
                "{what} must be a string, got {}",
                other.kind()
            ))),
            None => Err(evaluation(format!("{what} has no value"))),
        }
    }

    fn eval<'a>(&'a self, e: &Expr) -> Out<'a> {
        Ok(match e {
            Expr::Literal(v) => Some(Cow::Owned(v.clone())),
            Expr::Ref(slot, _) => self
                .slots
                .get(*slot)
                .and_then(Option::as_ref)
                .map(Cow::Borrowed),
            Expr::GetAttr(target, steps) => match self.eval(target)? {
                None => None,
                Some(Cow::Borrowed(v)) => get_attr(v, steps).map(Cow::Borrowed),
                Some(Cow::Owned(v)) => get_attr(&v, steps).cloned().map(Cow::Owned),
            },
            Expr::Template(parts) => {
                let mut out = String::new();
                for p in parts {
                    match p {
                        Part::Text(t) => out.push_str(t),
                        Part::Value(e) => match self.eval(e)?.as_deref() {
                            Some(Value::String(s)) => out.push_str(s),
                            Some(Value::Bool(b)) => out.push_str(if *b { "true" } else { "false" }),
                            Some(Value::Int(i)) => out.push_str(&i.to_string()),
                            Some(other) => {
                                return Err(evaluation(format!(
                                    "a template cannot hold {}",
                                    other.kind()
                                )));
                            }
                            None => {
                                return Err(evaluation(format!(
                                    "a template refers to {} which has no value",
                                    describe(e)
                                )));
                            }
                        },
                    }
                }
                Some(Cow::Owned(Value::String(out)))
            }
            Expr::Array(items) => {
                let mut out = Vec::with_capacity(items.len());
                for i in items {
                    if let Some(v) = self.eval(i)? {
                        out.push(v.into_owned());
                    }
                }
                Some(Cow::Owned(Value::Array(out)))
            }
            Expr::Object(fields) => {
                let mut out = Vec::with_capacity(fields.len());
                for (k, v) in fields {
                    if let Some(v) = self.eval(v)? {
                        out.push((k.clone(), v.into_owned()));
                    }
                }
                Some(Cow::Owned(Value::Object(out)))
            }
            Expr::Call(func, args) => self.call(*func, args)?.map(Cow::Owned),
        })
    }

    fn call(&self, func: Func, args: &[Expr]) -> Result<Option<Value>, EndpointError> {
        use Func::*;
        // Lazily evaluated functions first.
        match func {
            IsSet => return Ok(Some(Value::Bool(self.eval(&args[0])?.is_some()))),
            Coalesce => {
                for a in args {
                    if let Some(v) = self.eval(a)? {
                        return Ok(Some(v.into_owned()));
                    }
                }
                return Ok(None);
            }
            Ite => {
                let cond = self.eval(&args[0])?;
                let cond = match cond.as_deref() {
                    Some(Value::Bool(b)) => *b,
                    None => false,
                    Some(other) => {
                        return Err(evaluation(format!(
                            "ite expects a boolean condition, got {}",
                            other.kind()
                        )));
                    }
                };
                let pick = if cond { &args[1] } else { &args[2] };
                return Ok(self.eval(pick)?.map(Cow::into_owned));
            }
            _ => {}
        }
        let mut values = Vec::with_capacity(args.len());
        for a in args {
            match self.eval(a)? {
                Some(v) => values.push(v),
                // A function of a missing value has no value (its condition does not hold).
                None => return Ok(None),
            }
        }
        let v: Vec<&Value> = values.iter().map(|v| v.as_ref()).collect();
        let mismatch = |want: &str| {
            let got: Vec<&str> = v.iter().map(|x| x.kind()).collect();
            Err(evaluation(format!(
                "{} expects {want}, got {}",
                func.name(),
                got.join(", ")
            )))
        };
        Ok(match (func, v.as_slice()) {
            (BooleanEquals, [Value::Bool(a), Value::Bool(b)]) => Some(Value::Bool(a == b)),
            (BooleanEquals, _) => return mismatch("two booleans"),
            (StringEquals, [Value::String(a), Value::String(b)]) => Some(Value::Bool(a == b)),
            (StringEquals, _) => return mismatch("two strings"),
            (Not, [Value::Bool(b)]) => Some(Value::Bool(!b)),
            (Not, _) => return mismatch("a boolean"),
            (Partition, [Value::String(region)]) => self.partitions.resolve(region),
            (Partition, _) => return mismatch("a string"),
            (ParseArn, [Value::String(s)]) => functions::parse_arn(s),
            (ParseArn, _) => return mismatch("a string"),
            (IsValidHostLabel, [Value::String(s), Value::Bool(sub)]) => {
                Some(Value::Bool(functions::is_valid_host_label(s, *sub)))
            }
            (IsValidHostLabel, _) => return mismatch("a string and a boolean"),
            (ParseUrl, [Value::String(s)]) => functions::parse_url(s),
            (ParseUrl, _) => return mismatch("a string"),
            (
                Substring,
                [
                    Value::String(s),
                    Value::Int(a),
                    Value::Int(b),
                    Value::Bool(rev),
                ],
            ) => functions::substring(s, *a, *b, *rev).map(Value::String),
            (Substring, _) => return mismatch("a string, two integers and a boolean"),
            (UriEncode, [Value::String(s)]) => Some(Value::String(functions::uri_encode(s))),
            (UriEncode, _) => return mismatch("a string"),
            (IsVirtualHostableS3Bucket, [Value::String(s), Value::Bool(sub)]) => Some(Value::Bool(
                functions::is_virtual_hostable_s3_bucket(s, *sub),
            )),
            (IsVirtualHostableS3Bucket, _) => return mismatch("a string and a boolean"),
            (Split, [Value::String(s), Value::String(d), Value::Int(limit)]) => {
                Some(functions::split(s, d, *limit))
            }
            (Split, _) => return mismatch("two strings and an integer"),
            (IsSet | Coalesce | Ite, _) => None,
        })
    }
}

fn describe(e: &Expr) -> String {
    match e {
        Expr::Ref(_, name) => format!("`{name}`"),
        Expr::GetAttr(target, steps) => {
            let mut s = describe(target);
            s.push_str(" at");
            for st in steps {
                match st {
                    Step::Key(k) => {
                        s.push(' ');
                        s.push_str(k);
                    }
                    Step::Index(i) => s.push_str(&format!("[{i}]")),
                }
            }
            s
        }
        _ => "a value".into(),
    }
}

pub(crate) fn get_attr<'v>(mut v: &'v Value, steps: &[Step]) -> Option<&'v Value> {
    for step in steps {
        v = match (step, v) {
            (Step::Key(k), Value::Object(_)) => v.field(k)?,
            (Step::Index(i), Value::Array(items)) => items.get(*i)?,
            _ => return None,
        };
    }
    Some(v)
}
