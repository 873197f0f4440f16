//! Lowering of `smithy.test#httpRequestTests` and `smithy.test#httpResponseTests`: each case
//! becomes a [`Case`] with the Rust paths it touches and its `params` as a typed [`Value`]
//! tree, so `emit::protocol_tests` only prints.

use std::collections::BTreeSet;

use heck::ToSnakeCase;
use serde_json::{Map, Value as Json};
use smithy_model::{Model, ShapeId};

use crate::Error;
use crate::docs;
use crate::ir::{Binding, Field, Operation, Service, StructKind, Structure, Ty};

const REST_JSON: &str = "aws.protocols#restJson1";

/// The `http` cases of one service.
#[derive(Clone, Debug, Default)]
pub struct Cases {
    /// The generated crate as a Rust path root (`restjson`).
    pub crate_ident: String,
    /// The service trait's path (`restjson::service::RestJsonProtocolApi`).
    pub trait_path: String,
    /// Every operation, for the test service that implements the whole trait.
    pub operations: Vec<OpRef>,
    /// The cases, in model order (operations, then error shapes).
    pub cases: Vec<Case>,
}

/// The paths of one operation.
#[derive(Clone, Debug)]
pub struct OpRef {
    /// The service trait method (`json_unions`).
    pub method: String,
    /// `{Op}Input`.
    pub input: String,
    /// `{Op}Output`.
    pub output: String,
    /// `{Op}Error`.
    pub error: String,
    /// The request serializer (`ser_request`) of the operation module.
    pub ser_request: String,
}

/// Which side and direction a case tests.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// The client serializes the input into the expected request.
    ClientRequest,
    /// The client parses the response into the expected output or error.
    ClientResponse,
    /// The server parses the request into the expected input.
    ServerRequest,
    /// The server serializes the output or error into the expected response.
    ServerResponse,
}

impl Kind {
    /// The test function prefix (the naming contract of [`super`]).
    pub fn prefix(self) -> &'static str {
        match self {
            Kind::ClientRequest => "client_request",
            Kind::ClientResponse => "client_response",
            Kind::ServerRequest => "server_request",
            Kind::ServerResponse => "server_response",
        }
    }

    /// Runs on the server (needs the crate's `server` feature).
    pub fn server(self) -> bool {
        matches!(self, Kind::ServerRequest | Kind::ServerResponse)
    }
}

/// What the case's `params` describe.
#[derive(Clone, Debug)]
pub enum Subject {
    /// The operation input.
    Input(Value),
    /// The operation output.
    Output(Value),
    /// A modeled error: the `{Op}Error` variant and the error value.
    Error {
        /// Variant name in `{Op}Error`.
        variant: String,
        /// The error structure.
        value: Value,
    },
}

/// One test case.
#[derive(Clone, Debug)]
pub struct Case {
    /// The case id.
    pub id: String,
    /// The test function name.
    pub fn_name: String,
    /// Side and direction.
    pub kind: Kind,
    /// Documentation lines (the case's `documentation`, then its id).
    pub docs: Vec<String>,
    /// The operation the case runs.
    pub op: OpRef,
    /// The value built from `params` (`None` when it could not be, see `unsupported`).
    pub subject: Option<Subject>,
    /// Compare values by `Debug` rendering (the value holds a NaN).
    pub compare_debug: bool,
    /// The request: expected (client request) or sent (server request).
    pub request: Option<Request>,
    /// The response: canned (client response) or expected (server response).
    pub response: Option<Response>,
    /// For response cases: an input the client sends / the router accepts for the operation.
    pub filler_input: Option<Value>,
    /// Why this case cannot be generated; the test then fails with this message.
    pub unsupported: Option<String>,
}

/// The HTTP request of a case.
#[derive(Clone, Debug, Default)]
pub struct Request {
    /// `method`.
    pub method: String,
    /// `uri`.
    pub uri: String,
    /// `host`, if given.
    pub host: Option<String>,
    /// `resolvedHost`, if given.
    pub resolved_host: Option<String>,
    /// `queryParams`.
    pub query_params: Vec<String>,
    /// `forbidQueryParams`.
    pub forbid_query_params: Vec<String>,
    /// `requireQueryParams`.
    pub require_query_params: Vec<String>,
    /// `headers`, in model order.
    pub headers: Vec<(String, String)>,
    /// `forbidHeaders`.
    pub forbid_headers: Vec<String>,
    /// `requireHeaders`.
    pub require_headers: Vec<String>,
    /// `body`.
    pub body: Option<String>,
    /// `bodyMediaType`.
    pub body_media_type: Option<String>,
    /// The input leaves an `@idempotencyToken` member unset: the client must send Smithy's
    /// fixed test token.
    pub fixed_token: bool,
}

/// The HTTP response of a case.
#[derive(Clone, Debug, Default)]
pub struct Response {
    /// `code`.
    pub code: u16,
    /// `headers`.
    pub headers: Vec<(String, String)>,
    /// `forbidHeaders`.
    pub forbid_headers: Vec<String>,
    /// `requireHeaders`.
    pub require_headers: Vec<String>,
    /// `body`.
    pub body: Option<String>,
    /// `bodyMediaType`.
    pub body_media_type: Option<String>,
}

/// A typed value of the generated crate, built from a `params` node.
#[derive(Clone, Debug)]
pub enum Value {
    /// `String`.
    String(String),
    /// `bool`.
    Bool(bool),
    /// An integer of type `ty` (`i8`, `i16`, `i32`, `i64`).
    Int {
        /// The value.
        value: i64,
        /// The Rust type.
        ty: &'static str,
    },
    /// `f32` (`double` false) or `f64`; NaN and infinities allowed.
    Float {
        /// The value.
        value: f64,
        /// `f64`.
        double: bool,
    },
    /// `wire::BigInteger` from its text.
    BigInteger(String),
    /// `wire::BigDecimal` from its text.
    BigDecimal(String),
    /// `wire::DateTime` from epoch seconds.
    Timestamp(f64),
    /// `Vec<u8>`.
    Blob(Vec<u8>),
    /// `Vec<u8>` from base64 text (a blob's `@default`).
    Base64Blob(String),
    /// `wire::Document`.
    Document(Json),
    /// A string enum or intEnum.
    Enum {
        /// The enum's path.
        path: String,
        /// The known variant, or `None` for the catch-all.
        variant: Option<String>,
        /// The catch-all variant name.
        unknown: String,
        /// The wire value (integer text for intEnums).
        raw: String,
        /// intEnum.
        int: bool,
    },
    /// A structure, every field given.
    Struct {
        /// The structure's path.
        path: String,
        /// The fields, in declaration order.
        fields: Vec<FieldValue>,
    },
    /// A union variant (`value` is `None` for unit members and the catch-all).
    Union {
        /// The union's path.
        path: String,
        /// The variant.
        variant: String,
        /// Its value.
        value: Option<Box<Value>>,
        /// The value is boxed.
        boxed: bool,
    },
    /// A list (`None` items: nulls of a sparse list).
    List {
        /// The items.
        items: Vec<Option<Value>>,
        /// `@sparse`: items are `Option`s.
        sparse: bool,
    },
    /// A map (`None` values: nulls of a sparse map).
    Map {
        /// The entries, in node order.
        entries: Vec<(String, Option<Value>)>,
        /// `@sparse`: values are `Option`s.
        sparse: bool,
    },
    /// The zero value of a required member the case leaves out (scalars and collections).
    Zero(Ty),
}

/// One field of a structure value.
#[derive(Clone, Debug)]
pub struct FieldValue {
    /// The Rust field name.
    pub name: String,
    /// The field is an `Option`.
    pub optional: bool,
    /// The value is boxed.
    pub boxed: bool,
    /// The value (`None`: an optional field left unset).
    pub value: Option<Value>,
}

/// Collects the cases.
pub fn lower(model: &Model, service: &ShapeId, ir: &Service) -> Result<Cases, Error> {
    let crate_ident = ir.crate_name.replace('-', "_");
    let l = Lowerer {
        ir,
        crate_ident: crate_ident.clone(),
    };
    let mut out = Cases {
        trait_path: format!("{crate_ident}::service::{}", ir.trait_name),
        crate_ident,
        operations: ir.operations.iter().map(|op| l.op_ref(op)).collect(),
        cases: Vec::new(),
    };
    let mut names = BTreeSet::new();
    for op in &ir.operations {
        let Some(shape) = model.operations_of(service).into_iter().find(|id| {
            // Operations are matched by their generated input path: names may be renamed.
            model.shape(id).is_some() && id.name() == op.name
        }) else {
            continue;
        };
        let Some(shape) = model.shape(&shape) else {
            continue;
        };
        for case in entries(shape.traits.get("smithy.test#httpRequestTests")) {
            for kind in [Kind::ClientRequest, Kind::ServerRequest] {
                if applies(case, kind) {
                    out.cases.push(l.request_case(op, case, kind, &mut names));
                }
            }
        }
        for case in entries(shape.traits.get("smithy.test#httpResponseTests")) {
            for kind in [Kind::ClientResponse, Kind::ServerResponse] {
                if applies(case, kind) {
                    out.cases
                        .push(l.response_case(op, None, case, kind, &mut names));
                }
            }
        }
    }
    for err in &ir.errors {
        let Some(shape) = model.shape(&err.id) else {
            continue;
        };
        let cases = entries(shape.traits.get("smithy.test#httpResponseTests"));
        if cases.is_empty() {
            continue;
        }
        // The first operation that can return the error carries its cases.
        let Some((op, variant)) = ir.operations.iter().find_map(|op| {
            op.errors
                .iter()
                .find(|e| e.path == err.path)
                .map(|e| (op, e.variant.clone()))
        }) else {
            continue;
        };
        for case in cases {
            for kind in [Kind::ClientResponse, Kind::ServerResponse] {
                if applies(case, kind) {
                    out.cases.push(l.response_case(
                        op,
                        Some((err, variant.as_str())),
                        case,
                        kind,
                        &mut names,
                    ));
                }
            }
        }
    }
    Ok(out)
}

fn entries(v: Option<&Json>) -> Vec<&Map<String, Json>> {
    v.and_then(Json::as_array)
        .map(|a| a.iter().filter_map(Json::as_object).collect())
        .unwrap_or_default()
}

fn applies(case: &Map<String, Json>, kind: Kind) -> bool {
    if case.get("protocol").and_then(Json::as_str) != Some(REST_JSON) {
        return false;
    }
    match case.get("appliesTo").and_then(Json::as_str) {
        Some("client") => !kind.server(),
        Some("server") => kind.server(),
        _ => true,
    }
}

fn str_of(case: &Map<String, Json>, key: &str) -> Option<String> {
    case.get(key).and_then(Json::as_str).map(str::to_string)
}

fn strings(case: &Map<String, Json>, key: &str) -> Vec<String> {
    case.get(key)
        .and_then(Json::as_array)
        .map(|a| {
            a.iter()
                .filter_map(Json::as_str)
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default()
}

fn header_map(case: &Map<String, Json>) -> Vec<(String, String)> {
    case.get("headers")
        .and_then(Json::as_object)
        .map(|m| {
            m.iter()
                .map(|(k, v)| (k.clone(), v.as_str().unwrap_or_default().to_string()))
                .collect()
        })
        .unwrap_or_default()
}

struct Lowerer<'a> {
    ir: &'a Service,
    crate_ident: String,
}

impl Lowerer<'_> {
    /// `crate::x::Y` as seen from the tests crate.
    fn ext(&self, path: &str) -> String {
        match path.strip_prefix("crate::") {
            Some(rest) => format!("{}::{rest}", self.crate_ident),
            None => path.to_string(),
        }
    }

    fn op_ref(&self, op: &Operation) -> OpRef {
        let module = format!("{}::operation::{}", self.crate_ident, op.module);
        OpRef {
            method: op.module.clone(),
            input: self.ext(&op.input.path),
            output: self.ext(&op.output.path),
            error: format!("{module}::{}", op.error_name),
            ser_request: format!("{module}::ser_request"),
        }
    }

    fn new_case(
        &self,
        op: &Operation,
        case: &Map<String, Json>,
        kind: Kind,
        names: &mut BTreeSet<String>,
    ) -> Case {
        let id = str_of(case, "id").unwrap_or_else(|| "unnamed".into());
        let base = format!("{}_{}", kind.prefix(), id.to_snake_case());
        let mut fn_name = base.clone();
        let mut n = 2;
        while !names.insert(fn_name.clone()) {
            fn_name = format!("{base}_{n}");
            n += 1;
        }
        let mut docs = docs::doc_lines(case.get("documentation").and_then(Json::as_str));
        if !docs.is_empty() {
            docs.push(String::new());
        }
        docs.push(format!("Smithy protocol test `{id}` ({}).", op.name));
        Case {
            id,
            fn_name,
            kind,
            docs,
            op: self.op_ref(op),
            subject: None,
            compare_debug: false,
            request: None,
            response: None,
            filler_input: None,
            unsupported: None,
        }
    }

    fn request_case(
        &self,
        op: &Operation,
        case: &Map<String, Json>,
        kind: Kind,
        names: &mut BTreeSet<String>,
    ) -> Case {
        let mut c = self.new_case(op, case, kind, names);
        let params = case
            .get("params")
            .and_then(Json::as_object)
            .cloned()
            .unwrap_or_default();
        let fixed_token = kind == Kind::ClientRequest
            && op
                .input
                .fields
                .iter()
                .any(|f| f.idempotency_token && !params.contains_key(&f.member));
        match self.structure(&op.input, &Json::Object(params), kind.server()) {
            Ok(v) => {
                c.compare_debug = has_nan(&v);
                c.subject = Some(Subject::Input(v));
            }
            Err(e) => c.unsupported = Some(e),
        }
        c.request = Some(Request {
            method: str_of(case, "method").unwrap_or_default(),
            uri: str_of(case, "uri").unwrap_or_default(),
            host: str_of(case, "host"),
            resolved_host: str_of(case, "resolvedHost"),
            query_params: strings(case, "queryParams"),
            forbid_query_params: strings(case, "forbidQueryParams"),
            require_query_params: strings(case, "requireQueryParams"),
            headers: header_map(case),
            forbid_headers: strings(case, "forbidHeaders"),
            require_headers: strings(case, "requireHeaders"),
            body: str_of(case, "body"),
            body_media_type: str_of(case, "bodyMediaType"),
            fixed_token,
        });
        c
    }

    fn response_case(
        &self,
        op: &Operation,
        error: Option<(&Structure, &str)>,
        case: &Map<String, Json>,
        kind: Kind,
        names: &mut BTreeSet<String>,
    ) -> Case {
        let mut c = self.new_case(op, case, kind, names);
        let params = Json::Object(
            case.get("params")
                .and_then(Json::as_object)
                .cloned()
                .unwrap_or_default(),
        );
        // A response's values are never filled in by server defaults (those apply to inputs).
        let value = match error {
            Some((s, variant)) => self
                .structure(s, &params, false)
                .map(|value| Subject::Error {
                    variant: variant.to_string(),
                    value,
                }),
            None => self
                .structure(&op.output, &params, false)
                .map(Subject::Output),
        };
        match value {
            Ok(v) => {
                c.compare_debug = match &v {
                    Subject::Input(v) | Subject::Output(v) | Subject::Error { value: v, .. } => {
                        has_nan(v)
                    }
                };
                c.subject = Some(v);
            }
            Err(e) => c.unsupported = Some(e),
        }
        {
            match self.filler(&op.input) {
                Ok(v) => c.filler_input = Some(v),
                Err(e) => c.unsupported = Some(e),
            }
        }
        c.response = Some(Response {
            code: case
                .get("code")
                .and_then(Json::as_u64)
                .and_then(|c| u16::try_from(c).ok())
                .unwrap_or(200),
            headers: header_map(case),
            forbid_headers: strings(case, "forbidHeaders"),
            require_headers: strings(case, "requireHeaders"),
            body: str_of(case, "body"),
            body_media_type: str_of(case, "bodyMediaType"),
        });
        c
    }

    fn find_structure(&self, path: &str) -> Option<&Structure> {
        self.ir
            .structures
            .iter()
            .chain(&self.ir.errors)
            .chain(
                self.ir
                    .operations
                    .iter()
                    .flat_map(|o| [&o.input, &o.output]),
            )
            .find(|s| s.path == path)
    }

    /// A structure value from an object node; `server` fills absent optional input members
    /// that have a `@default` with it, as the server does.
    fn structure(&self, s: &Structure, node: &Json, server: bool) -> Result<Value, String> {
        let obj = node
            .as_object()
            .ok_or_else(|| format!("{}: expected an object, got {node}", s.id))?;
        for k in obj.keys() {
            if !s.fields.iter().any(|f| &f.member == k) {
                return Err(format!("{}: no member `{k}`", s.id));
            }
        }
        let server_defaults = server && s.kind == StructKind::Input;
        let mut fields = Vec::new();
        for f in &s.fields {
            let given = obj.get(&f.member).filter(|v| !v.is_null());
            let value = match given {
                Some(v) => Some(
                    self.value(&f.ty, v, server)
                        .map_err(|e| format!("{}.{}: {e}", s.id, f.member))?,
                ),
                None => self.absent(f, server_defaults)?,
            };
            fields.push(FieldValue {
                name: f.name.clone(),
                optional: !f.plain,
                boxed: f.boxed,
                value,
            });
        }
        // A modeled error also carries the response's request id, which no case sets.
        if let Some(name) = s.request_id_field() {
            fields.push(FieldValue {
                name: name.to_string(),
                optional: true,
                boxed: false,
                value: None,
            });
        }
        Ok(Value::Struct {
            path: self.ext(&s.path),
            fields,
        })
    }

    /// The value of a member the node leaves out.
    fn absent(&self, f: &Field, server_defaults: bool) -> Result<Option<Value>, String> {
        let default = |d: &Json| match (&f.ty, d) {
            // Smithy writes a blob's `@default` in base64 (`params` give the text itself).
            (Ty::Blob(_), Json::String(s)) => Ok(Value::Base64Blob(s.clone())),
            _ => self
                .value(&f.ty, d, false)
                .map_err(|e| format!("@default of {}: {e}", f.member)),
        };
        Ok(match (&f.default, f.plain) {
            (Some(d), true) => Some(default(d)?),
            (Some(d), false) if server_defaults => Some(default(d)?),
            (_, false) => None,
            (None, true) => Some(self.zero(&f.ty)?),
        })
    }

    fn zero(&self, ty: &Ty) -> Result<Value, String> {
        Ok(match ty {
            Ty::Structure(t) => {
                let s = self
                    .find_structure(&t.path)
                    .ok_or_else(|| format!("no structure {}", t.path))?;
                self.structure(s, &Json::Object(Map::new()), false)?
            }
            Ty::Union(t) => {
                let u = self.union_of(&t.path)?;
                Value::Union {
                    path: self.ext(&t.path),
                    variant: u.unknown.clone(),
                    value: None,
                    boxed: false,
                }
            }
            Ty::Enum(_) => self.value(ty, &Json::String(String::new()), false)?,
            Ty::IntEnum(_) => self.value(ty, &Json::from(0), false)?,
            other => Value::Zero(other.clone()),
        })
    }

    fn union_of(&self, path: &str) -> Result<&crate::ir::Union, String> {
        let name = path.rsplit("::").next().unwrap_or_default();
        self.ir
            .unions
            .iter()
            .find(|u| u.name == name)
            .ok_or_else(|| format!("no union {path}"))
    }

    fn value(&self, ty: &Ty, v: &Json, server: bool) -> Result<Value, String> {
        let bad = || format!("{v} does not fit {ty:?}");
        let int = |rust: &'static str, min: i64, max: i64| -> Result<Value, String> {
            let n = v
                .as_i64()
                .filter(|n| (min..=max).contains(n))
                .ok_or_else(bad)?;
            Ok(Value::Int { value: n, ty: rust })
        };
        let float = |double: bool| -> Result<Value, String> {
            let value = match v {
                Json::Number(n) => n.as_f64().ok_or_else(bad)?,
                Json::String(s) if s == "NaN" => f64::NAN,
                Json::String(s) if s == "Infinity" => f64::INFINITY,
                Json::String(s) if s == "-Infinity" => f64::NEG_INFINITY,
                _ => return Err(bad()),
            };
            Ok(Value::Float { value, double })
        };
        let text = || match v {
            Json::Number(n) => Ok(n.to_string()),
            Json::String(s) => Ok(s.clone()),
            _ => Err(bad()),
        };
        Ok(match ty {
            Ty::String | Ty::MediaString(_) => Value::String(v.as_str().ok_or_else(bad)?.into()),
            Ty::Boolean => Value::Bool(v.as_bool().ok_or_else(bad)?),
            Ty::Byte => int("i8", i8::MIN.into(), i8::MAX.into())?,
            Ty::Short => int("i16", i16::MIN.into(), i16::MAX.into())?,
            Ty::Integer => int("i32", i32::MIN.into(), i32::MAX.into())?,
            Ty::Long => int("i64", i64::MIN, i64::MAX)?,
            Ty::Float => float(false)?,
            Ty::Double => float(true)?,
            Ty::BigInteger => Value::BigInteger(text()?),
            Ty::BigDecimal => Value::BigDecimal(text()?),
            Ty::Timestamp(_) => Value::Timestamp(v.as_f64().ok_or_else(bad)?),
            // Smithy's params give blobs as their text.
            Ty::Blob(_) => Value::Blob(v.as_str().ok_or_else(bad)?.as_bytes().to_vec()),
            Ty::Document => Value::Document(v.clone()),
            Ty::Enum(t) | Ty::IntEnum(t) => {
                let int = matches!(ty, Ty::IntEnum(_));
                let raw = if int {
                    v.as_i64().ok_or_else(bad)?.to_string()
                } else {
                    v.as_str().ok_or_else(bad)?.to_string()
                };
                let name = t.path.rsplit("::").next().unwrap_or_default();
                let e = self
                    .ir
                    .enums
                    .iter()
                    .find(|e| e.name == name)
                    .ok_or_else(|| format!("no enum {}", t.path))?;
                Value::Enum {
                    path: self.ext(&t.path),
                    variant: e
                        .variants
                        .iter()
                        .find(|x| x.value == raw)
                        .map(|x| x.name.clone()),
                    unknown: e.unknown.clone(),
                    raw,
                    int,
                }
            }
            Ty::Structure(t) => {
                let s = self
                    .find_structure(&t.path)
                    .ok_or_else(|| format!("no structure {}", t.path))?;
                self.structure(s, v, server)?
            }
            Ty::Union(t) => {
                let u = self.union_of(&t.path)?;
                let obj = v.as_object().filter(|o| o.len() == 1).ok_or_else(bad)?;
                let (k, inner) = obj.iter().next().ok_or_else(bad)?;
                let var = u
                    .variants
                    .iter()
                    .find(|x| &x.member == k)
                    .ok_or_else(|| format!("union {} has no member `{k}`", t.path))?;
                let value = match &var.ty {
                    Some(ty) => Some(Box::new(self.value(ty, inner, server)?)),
                    None => None,
                };
                Value::Union {
                    path: self.ext(&t.path),
                    variant: var.name.clone(),
                    value,
                    boxed: var.boxed,
                }
            }
            Ty::List { item, sparse } => {
                let items = v.as_array().ok_or_else(bad)?;
                let mut out = Vec::new();
                for i in items {
                    if i.is_null() && *sparse {
                        out.push(None);
                    } else {
                        out.push(Some(self.value(item, i, server)?));
                    }
                }
                Value::List {
                    items: out,
                    sparse: *sparse,
                }
            }
            Ty::Map { value, sparse } => {
                let m = v.as_object().ok_or_else(bad)?;
                let mut out = Vec::new();
                for (k, i) in m {
                    if i.is_null() && *sparse {
                        out.push((k.clone(), None));
                    } else {
                        out.push((k.clone(), Some(self.value(value, i, server)?)));
                    }
                }
                Value::Map {
                    entries: out,
                    sparse: *sparse,
                }
            }
        })
    }

    /// An input the router accepts for the operation, so a server response case reaches it:
    /// labels get `1`-like values, other required members the smallest valid value.
    fn filler(&self, s: &Structure) -> Result<Value, String> {
        let mut obj = Map::new();
        for f in &s.fields {
            if !f.plain || f.default.is_some() {
                continue;
            }
            let label = matches!(f.binding, Binding::Label { .. });
            let v = self.sample(&f.ty, &f.constraints, label);
            if let Some(v) = v {
                obj.insert(f.member.clone(), v);
            }
        }
        self.structure(s, &Json::Object(obj), false)
    }

    fn sample(&self, ty: &Ty, c: &crate::ir::Constraints, label: bool) -> Option<Json> {
        let min_len = c
            .length
            .and_then(|l| l.0)
            .unwrap_or(0)
            .max(u64::from(label));
        let min_num = c
            .range
            .as_ref()
            .and_then(|r| r.0.as_ref())
            .and_then(serde_json::Number::as_i64)
            .unwrap_or(i64::from(label));
        Some(match ty {
            Ty::String | Ty::MediaString(_) | Ty::Blob(_) => {
                Json::String("a".repeat(usize::try_from(min_len).ok()?))
            }
            Ty::Byte | Ty::Short | Ty::Integer | Ty::Long => Json::from(min_num),
            Ty::Float | Ty::Double => Json::from(min_num as f64),
            Ty::Boolean => Json::Bool(false),
            Ty::Timestamp(_) => Json::from(0),
            Ty::Enum(t) | Ty::IntEnum(t) => {
                let name = t.path.rsplit("::").next().unwrap_or_default();
                let e = self.ir.enums.iter().find(|e| e.name == name)?;
                let first = e.variants.first()?;
                if e.int {
                    Json::from(first.value.parse::<i64>().ok()?)
                } else {
                    Json::String(first.value.clone())
                }
            }
            _ => return None,
        })
    }
}

fn has_nan(v: &Value) -> bool {
    match v {
        Value::Float { value, .. } => value.is_nan(),
        Value::Struct { fields, .. } => fields.iter().filter_map(|f| f.value.as_ref()).any(has_nan),
        Value::Union { value, .. } => value.as_deref().is_some_and(has_nan),
        Value::List { items, .. } => items.iter().flatten().any(has_nan),
        Value::Map { entries, .. } => entries.iter().filter_map(|(_, v)| v.as_ref()).any(has_nan),
        _ => false,
    }
}
