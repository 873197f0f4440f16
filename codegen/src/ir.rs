//! The intermediate representation: every naming, typing and binding decision, made once.
//! Emitters only print what is here.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;
use smithy_model::traits::{EnumValue, TimestampFormat};
use smithy_model::uri::UriPattern;
use smithy_model::{Member, Model, Shape, ShapeId, ShapeKind};

pub use crate::auth::{Auth, AuthScheme};
use crate::docs;
use crate::names;
use crate::{Error, Settings};

/// The whole service, ready to print.
#[derive(Clone, Debug)]
pub struct Service {
    /// Package name (`ivschat`, `api-gateway`).
    pub crate_name: String,
    /// Package version.
    pub crate_version: String,
    /// `aws.api#service` sdkId (or the service shape name).
    pub sdk_id: String,
    /// The service trait, e.g. `IvschatApi`.
    pub trait_name: String,
    /// Service title (`@title`) or sdkId.
    pub title: String,
    /// Service documentation lines.
    pub docs: Vec<String>,
    /// SigV4 signing name.
    pub signing_name: String,
    /// Endpoint prefix (`ivschat` in `ivschat.us-east-1.amazonaws.com`).
    pub endpoint_prefix: String,
    /// Suffix of `AWS_ENDPOINT_URL_<ENV_NAME>`.
    pub env_name: String,
    /// The service's API version.
    pub api_version: String,
    /// AWS service or not, and the schemes of operations without their own.
    pub auth: Auth,
    /// Structures of `types` (not operation inputs/outputs, not errors), by Rust name.
    pub structures: Vec<Structure>,
    /// Modeled errors (`types::error`), by Rust name.
    pub errors: Vec<Structure>,
    /// Enums and intEnums, by Rust name.
    pub enums: Vec<Enum>,
    /// Unions, by Rust name.
    pub unions: Vec<Union>,
    /// Operations, by module name.
    pub operations: Vec<Operation>,
    /// Operations left out, with why (event streams are not supported yet); the crate docs
    /// list them.
    pub skipped: Vec<(String, String)>,
    /// `smithy.rules#endpointRuleSet` in compact JSON ([`crate::endpoint::compact`]).
    pub endpoint_rules: Option<String>,
    /// The model's protocol tests, when [`Settings::protocol_tests`] asks for them.
    pub protocol_tests: Option<crate::protocol_tests::Cases>,
}

/// What a structure is for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StructKind {
    /// A structure in `types`.
    Plain,
    /// An operation input.
    Input,
    /// An operation output.
    Output,
    /// A modeled error.
    Error {
        /// The code matched against the response (the shape name).
        code: String,
        /// `@httpError` status, if any.
        status: Option<u16>,
        /// Server fault (`@error("server")`).
        server: bool,
    },
}

/// A structure.
#[derive(Clone, Debug)]
pub struct Structure {
    /// The shape id.
    pub id: ShapeId,
    /// The Rust type name.
    pub name: String,
    /// Full path of the type from the crate root (`crate::types::Room`).
    pub path: String,
    /// Suffix of its protocol functions (`ser_<fn>`, `de_<fn>`).
    pub fn_suffix: String,
    /// What it is for.
    pub kind: StructKind,
    /// Documentation lines.
    pub docs: Vec<String>,
    /// Fields in declaration order.
    pub fields: Vec<Field>,
    /// The whole shape is `@sensitive`.
    pub sensitive: bool,
    /// An operation input/output standing for `smithy.api#Unit` (the operation has none).
    pub unit: bool,
}

impl Structure {
    /// The field of a modeled error that keeps the response's request id (`x-amzn-requestid`):
    /// `request_id`, or `response_request_id` when a modeled member already has that name.
    /// `None` for structures that are not errors.
    pub fn request_id_field(&self) -> Option<&'static str> {
        if !matches!(self.kind, StructKind::Error { .. }) {
            return None;
        }
        let taken = |n: &str| self.fields.iter().any(|f| f.name == n);
        Some(if taken("request_id") {
            "response_request_id"
        } else {
            "request_id"
        })
    }

    /// True when `Debug` must be written by hand to redact something.
    pub fn redacts(&self) -> bool {
        self.sensitive || self.fields.iter().any(|f| f.sensitive)
    }

    /// The required fields without a default (those `build()` checks).
    pub fn required(&self) -> impl Iterator<Item = &Field> {
        self.fields
            .iter()
            .filter(|f| f.plain && f.default.is_none())
    }

    /// Every field can take a value without input (`Default` is possible).
    pub fn defaultable(&self) -> bool {
        self.required().next().is_none()
    }

    /// Name of the error's `message` member, if it has one.
    pub fn message_field(&self) -> Option<&Field> {
        self.fields
            .iter()
            .find(|f| f.member.eq_ignore_ascii_case("message") && matches!(f.ty, Ty::String))
    }
}

/// Where a member travels in an HTTP message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Binding {
    /// The JSON document body.
    Body,
    /// `{label}` / `{label+}`.
    Label {
        /// Greedy label (`/` kept).
        greedy: bool,
    },
    /// `@httpQuery`.
    Query(String),
    /// `@httpQueryParams`.
    QueryParams,
    /// `@httpHeader`.
    Header(String),
    /// `@httpPrefixHeaders`.
    PrefixHeaders(String),
    /// `@httpPayload`.
    Payload,
    /// `@httpResponseCode`.
    ResponseCode,
}

/// A Rust type for a member or collection item.
#[derive(Clone, Debug, PartialEq)]
pub enum Ty {
    /// `String` (`media_type`: the shape has `@mediaType`, base64 in headers).
    String,
    /// A string with `@mediaType` (base64-encoded in headers).
    MediaString(String),
    /// `bool`.
    Boolean,
    /// `i8`.
    Byte,
    /// `i16`.
    Short,
    /// `i32`.
    Integer,
    /// `i64`.
    Long,
    /// `f32`.
    Float,
    /// `f64`.
    Double,
    /// Decimal text newtype.
    BigInteger,
    /// Decimal text newtype.
    BigDecimal,
    /// A timestamp, with the format its traits name (the location decides otherwise).
    Timestamp(Option<TimestampFormat>),
    /// Bytes (and the `@mediaType`, if any).
    Blob(Option<String>),
    /// A JSON document.
    Document,
    /// A string enum.
    Enum(TypeRef),
    /// An intEnum.
    IntEnum(TypeRef),
    /// A structure.
    Structure(TypeRef),
    /// A union.
    Union(TypeRef),
    /// A list.
    List {
        /// Member type.
        item: Box<Ty>,
        /// `@sparse`.
        sparse: bool,
    },
    /// A map with string keys.
    Map {
        /// Value type.
        value: Box<Ty>,
        /// `@sparse`.
        sparse: bool,
    },
}

/// A named generated type.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TypeRef {
    /// Full path (`crate::types::Room`).
    pub path: String,
    /// Suffix of its protocol functions.
    pub fn_suffix: String,
}

/// A structure member.
#[derive(Clone, Debug)]
pub struct Field {
    /// The Smithy member name.
    pub member: String,
    /// The Rust field name (may be `r#type`).
    pub name: String,
    /// The JSON key.
    pub json_name: String,
    /// The value type.
    pub ty: Ty,
    /// Stored without `Option` (required, or has a default outside an operation input).
    pub plain: bool,
    /// The `@default` value, if any (never `null`). On a plain field it fills a missing value
    /// (builders, responses); on an optional input field only the server fills it in.
    pub default: Option<Value>,
    /// Stored in a `Box` (closes a recursive cycle).
    pub boxed: bool,
    /// Redacted in `Debug`.
    pub sensitive: bool,
    /// Documentation lines.
    pub docs: Vec<String>,
    /// Where it travels.
    pub binding: Binding,
    /// `@idempotencyToken`: filled with a fresh token when unset.
    pub idempotency_token: bool,
    /// `@hostLabel`.
    pub host_label: bool,
    /// What a server checks on this member.
    pub constraints: Constraints,
    /// For a URI label: the text sent when the member is unset or empty (Glacier's
    /// `accountId` is `-`, the caller's account); `None` makes that an error.
    pub empty_label: Option<String>,
}

/// The constraints a server checks on a member, its list items or map entries (the member's
/// traits over its target's). Enum membership comes from the member's [`Ty`].
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Constraints {
    /// `@required` without a `@default`: absence is a violation.
    pub required: bool,
    /// `@length` (min, max): code points, elements or bytes.
    pub length: Option<(Option<u64>, Option<u64>)>,
    /// `@range` (min, max), exact JSON numbers.
    pub range: Option<(Option<serde_json::Number>, Option<serde_json::Number>)>,
    /// `@pattern`.
    pub pattern: Option<String>,
    /// `@uniqueItems`.
    pub unique_items: bool,
    /// Constraints of each list item or map value.
    pub item: Option<Box<Constraints>>,
    /// Constraints of each map key.
    pub key: Option<Box<Constraints>>,
    /// Rust path of the enum a map key targets (keys have no [`Ty`] to carry it).
    pub key_enum: Option<String>,
}

/// A string enum or intEnum.
#[derive(Clone, Debug)]
pub struct Enum {
    /// Rust name.
    pub name: String,
    /// Documentation lines.
    pub docs: Vec<String>,
    /// Known variants: (Rust variant name, wire value, docs).
    pub variants: Vec<Variant>,
    /// Name of the catch-all variant (`Unknown`, unless the model uses that name).
    pub unknown: String,
    /// Integer enum.
    pub int: bool,
    /// Redacted in `Debug`.
    pub sensitive: bool,
}

/// An enum variant.
#[derive(Clone, Debug)]
pub struct Variant {
    /// Rust variant name.
    pub name: String,
    /// Wire value (string, or the integer as text).
    pub value: String,
    /// Documentation lines.
    pub docs: Vec<String>,
    /// `@internal`: accepted, but left out of the value set a validation message shows.
    pub internal: bool,
}

/// A union.
#[derive(Clone, Debug)]
pub struct Union {
    /// Rust name.
    pub name: String,
    /// Suffix of its protocol functions.
    pub fn_suffix: String,
    /// Documentation lines.
    pub docs: Vec<String>,
    /// Members.
    pub variants: Vec<UnionVariant>,
    /// Name of the catch-all variant.
    pub unknown: String,
    /// Name of the catch-all's `is_*` helper (`is_unknown` unless a member takes it).
    pub unknown_helper: String,
    /// Redacted in `Debug`.
    pub sensitive: bool,
}

/// A union member.
#[derive(Clone, Debug)]
pub struct UnionVariant {
    /// Rust variant name.
    pub name: String,
    /// Smithy member name (for `is_`/`as_` helpers).
    pub member: String,
    /// snake_case of the member, for helper methods.
    pub snake: String,
    /// JSON key.
    pub json_name: String,
    /// Value type (`None` for unit members).
    pub ty: Option<Ty>,
    /// Boxed (closes a cycle).
    pub boxed: bool,
    /// Documentation lines.
    pub docs: Vec<String>,
    /// What a server checks on this member.
    pub constraints: Constraints,
}

/// A modeled error an operation can return.
#[derive(Clone, Debug)]
pub struct ErrorRef {
    /// Variant name in `{Op}Error` and the crate `Error`.
    pub variant: String,
    /// Full path of the error structure.
    pub path: String,
    /// Code matched against the response.
    pub code: String,
    /// Suffix of its protocol functions.
    pub fn_suffix: String,
    /// snake_case for `is_*`.
    pub snake: String,
}

/// `@paginated`, resolved against the input and output.
#[derive(Clone, Debug)]
pub struct Paginator {
    /// Input token field.
    pub input_token: Field,
    /// Output token: the fields to follow from the output.
    pub output_token: Vec<Field>,
    /// Items: the fields to follow from the output, ending at a list.
    pub items: Option<Vec<Field>>,
    /// Page size field of the input.
    pub page_size: Option<Field>,
}

/// An operation.
#[derive(Clone, Debug)]
pub struct Operation {
    /// Smithy name (`CreateRoom`).
    pub name: String,
    /// Module and method name (`create_room`).
    pub module: String,
    /// Documentation lines.
    pub docs: Vec<String>,
    /// HTTP method.
    pub method: String,
    /// URI pattern.
    pub uri: UriPattern,
    /// Success status code.
    pub code: u16,
    /// Input structure.
    pub input: Structure,
    /// Output structure.
    pub output: Structure,
    /// `{Op}Error`.
    pub error_name: String,
    /// Modeled errors (operation's, then the service's), in that order.
    pub errors: Vec<ErrorRef>,
    /// Pagination, if any.
    pub paginator: Option<Paginator>,
    /// `@endpoint` host prefix template.
    pub host_prefix: Option<String>,
    /// Endpoint rule parameters the operation sets ([`crate::endpoint::operation_params`]).
    pub endpoint_params: Vec<crate::endpoint::ContextParam>,
    /// `@deprecated`.
    pub deprecated: bool,
    /// Auth schemes in the order a client tries them (never empty: `NoAuth` at worst).
    pub auth: Vec<AuthScheme>,
    /// `@httpChecksumRequired`: the client sends a `Content-MD5` of the body.
    pub checksum_required: bool,
    /// `@requestCompression` encodings the runtime supports, in the model's order of
    /// preference (empty: the body is sent as it is).
    pub request_compression: Vec<String>,
    /// Headers every request of the operation carries unless a member sets them (lowercase
    /// name, value): service customizations ([`crate::customize`]).
    pub static_headers: Vec<(String, String)>,
    /// Glacier's `x-amz-content-sha256` and `x-amz-sha256-tree-hash` of the payload.
    pub glacier_checksums: bool,
}

/// The encodings of `@requestCompression` a client can apply (gzip only, like the AWS SDKs);
/// the others are skipped, as the trait allows.
fn request_compression(op: &Shape) -> Vec<String> {
    const SUPPORTED: &[&str] = &["gzip"];
    op.traits
        .get("smithy.api#requestCompression")
        .and_then(|t| t.get("encodings"))
        .and_then(|e| e.as_array())
        .into_iter()
        .flatten()
        .filter_map(|e| e.as_str())
        .filter(|e| SUPPORTED.contains(e))
        .map(str::to_string)
        .collect()
}

/// The service must speak restJson1, the one protocol generated: a model for another
/// protocol (awsJson1_1, restXml, rpcv2Cbor…) would otherwise come out as a restJson1 client
/// that the real service does not understand.
fn check_protocol(model: &Model, svc: &Shape, id: &ShapeId) -> Result<(), Error> {
    const REST_JSON1: &str = "aws.protocols#restJson1";
    if svc.traits.has(REST_JSON1) {
        return Ok(());
    }
    // Protocol traits are those defined with `@protocolDefinition` (Smithy's own, and any a
    // model defines), plus the AWS ones by namespace in case their definitions are not loaded.
    let others: Vec<String> = svc
        .traits
        .iter()
        .map(|(t, _)| t)
        .filter(|t| {
            let defined = model
                .shape(t)
                .is_some_and(|d| d.traits.has("smithy.api#protocolDefinition"));
            defined || matches!(t.namespace(), "aws.protocols" | "smithy.protocols")
        })
        .map(ToString::to_string)
        .collect();
    let message = if others.is_empty() {
        format!("the service has no protocol trait; apply @{REST_JSON1}, the protocol generated")
    } else {
        format!(
            "the service uses {}; only {REST_JSON1} is generated",
            others.join(", ")
        )
    };
    Err(unsupported(id, message))
}

fn unsupported(shape: &ShapeId, message: impl Into<String>) -> Error {
    Error::Unsupported {
        shape: shape.to_string(),
        message: message.into(),
    }
}

struct Ctx<'m> {
    model: &'m Model,
    svc: &'m Shape,
    auth: &'m Auth,
    /// Shape id → (Rust name, path, fn suffix) for structures, unions, enums.
    types: BTreeMap<ShapeId, TypeRef>,
    /// Members that must be boxed.
    boxed: BTreeSet<ShapeId>,
    errors: BTreeSet<ShapeId>,
}

/// Builds the IR of `service` from a normalised model.
pub fn build(model: &Model, service: &ShapeId, settings: &Settings) -> Result<Service, Error> {
    let svc_shape = model
        .shape(service)
        .ok_or_else(|| Error::UnknownService(service.to_string()))?;
    let svc = svc_shape
        .as_service()
        .ok_or_else(|| Error::UnknownService(service.to_string()))?;
    check_protocol(model, svc_shape, service)?;
    let rename = &svc.rename;
    let aws = svc_shape.traits.aws_service();
    let sdk_id = aws
        .as_ref()
        .map(|a| a.sdk_id.clone())
        .unwrap_or_else(|| service.name().to_string());
    let operations_ids = model.operations_of(service);
    let mut errors: BTreeSet<ShapeId> = svc.errors.iter().cloned().collect();
    for op in &operations_ids {
        errors.extend(model.errors_of(service, op));
    }

    // Names of every generated type, disambiguated per module.
    let local = |id: &ShapeId| {
        rename
            .get(id)
            .cloned()
            .unwrap_or_else(|| id.name().to_string())
    };
    let mut type_ids: Vec<&Shape> = model
        .shapes()
        .filter(|s| !s.id.is_prelude())
        .filter(|s| {
            matches!(
                s.kind,
                ShapeKind::Structure | ShapeKind::Union | ShapeKind::Enum | ShapeKind::IntEnum
            ) && !s.traits.is_input()
                && !s.traits.is_output()
        })
        .collect();
    type_ids.sort_by(|a, b| local(&a.id).cmp(&local(&b.id)).then(a.id.cmp(&b.id)));
    let mut types = BTreeMap::new();
    let (err_shapes, plain): (Vec<&Shape>, Vec<&Shape>) =
        type_ids.into_iter().partition(|s| errors.contains(&s.id));
    let plain_names = names::disambiguate(
        &plain
            .iter()
            .map(|s| names::type_name(&local(&s.id)))
            .collect::<Vec<_>>(),
    );
    let err_names = names::disambiguate(
        &err_shapes
            .iter()
            .map(|s| names::type_name(&local(&s.id)))
            .collect::<Vec<_>>(),
    );
    let mut fn_candidates = Vec::new();
    for (s, n) in plain.iter().zip(&plain_names) {
        fn_candidates.push((
            s.id.clone(),
            format!("crate::types::{n}"),
            names::module_name(n),
        ));
    }
    for (s, n) in err_shapes.iter().zip(&err_names) {
        fn_candidates.push((
            s.id.clone(),
            format!("crate::types::error::{n}"),
            names::module_name(n),
        ));
    }
    let fn_names = names::disambiguate(
        &fn_candidates
            .iter()
            .map(|c| c.2.clone())
            .collect::<Vec<_>>(),
    );
    for ((id, path, _), f) in fn_candidates.into_iter().zip(fn_names) {
        types.insert(id, TypeRef { path, fn_suffix: f });
    }

    let auth = crate::auth::service(model, svc_shape)?;
    let ctx = Ctx {
        model,
        svc: svc_shape,
        auth: &auth,
        types,
        boxed: find_boxed(model),
        errors: errors.clone(),
    };

    let mut structures = Vec::new();
    let mut error_structs = Vec::new();
    let mut enums = Vec::new();
    let mut unions = Vec::new();
    for (id, tr) in &ctx.types {
        let Some(shape) = model.shape(id) else {
            continue;
        };
        let name = tr.path.rsplit("::").next().unwrap_or_default().to_string();
        match shape.kind {
            ShapeKind::Structure => {
                let kind = if ctx.errors.contains(id) {
                    StructKind::Error {
                        code: id.name().to_string(),
                        status: shape.traits.http_error(),
                        server: shape.traits.error()
                            == Some(smithy_model::traits::ErrorFault::Server),
                    }
                } else {
                    StructKind::Plain
                };
                let s = ctx.structure(shape, name, tr.path.clone(), tr.fn_suffix.clone(), kind)?;
                if ctx.errors.contains(id) {
                    error_structs.push(s);
                } else {
                    structures.push(s);
                }
            }
            ShapeKind::Union => unions.push(ctx.union(shape, name, tr.fn_suffix.clone())?),
            ShapeKind::Enum | ShapeKind::IntEnum => enums.push(ctx.enumeration(shape, name)),
            _ => {}
        }
    }
    structures.sort_by(|a, b| a.name.cmp(&b.name));
    error_structs.sort_by(|a, b| a.name.cmp(&b.name));
    enums.sort_by(|a, b| a.name.cmp(&b.name));
    unions.sort_by(|a, b| a.name.cmp(&b.name));

    let mut operations = Vec::new();
    let op_modules = names::disambiguate(
        &operations_ids
            .iter()
            .map(|id| names::module_name(&local(id)))
            .collect::<Vec<_>>(),
    );
    let mut skipped = Vec::new();
    for (op_id, module) in operations_ids.iter().zip(op_modules) {
        match ctx.operation(service, op_id, &local(op_id), module) {
            Ok(op) => operations.push(op),
            // One event-stream operation should not cost the whole client: leave it out and
            // say so in the crate docs.
            Err(Error::Unsupported { message, .. }) if message.contains("event stream") => {
                skipped.push((op_id.name().to_string(), message));
            }
            Err(e) => return Err(e),
        }
    }
    operations.sort_by(|a, b| a.module.cmp(&b.module));

    let signing_name = svc_shape
        .traits
        .sigv4_name()
        .map(str::to_string)
        .unwrap_or_else(|| sdk_id.to_lowercase().replace(' ', ""));
    let endpoint_prefix = aws
        .as_ref()
        .and_then(|a| a.endpoint_prefix.clone())
        .unwrap_or_else(|| signing_name.clone());
    let crate_name = settings
        .crate_name
        .clone()
        .unwrap_or_else(|| crate_name_of(&sdk_id));
    let mut docs_lines = docs::doc_lines(svc_shape.traits.documentation());
    if docs_lines.is_empty() {
        docs_lines.push(format!("The {sdk_id} service."));
    }
    Ok(Service {
        crate_name,
        crate_version: settings.crate_version.clone(),
        trait_name: format!("{}Api", names::type_name(&sdk_id.replace(' ', "_"))),
        title: svc_shape
            .traits
            .title()
            .map(str::to_string)
            .unwrap_or_else(|| sdk_id.clone()),
        docs: docs_lines,
        signing_name,
        endpoint_prefix,
        env_name: env_name_of(&sdk_id),
        api_version: svc.version.clone().unwrap_or_default(),
        auth,
        sdk_id,
        structures,
        errors: error_structs,
        enums,
        unions,
        operations,
        skipped,
        endpoint_rules: crate::endpoint::rule_set(model, service).map(crate::endpoint::compact),
        protocol_tests: None,
    })
}

/// The default crate name: the sdkId's words, lower-cased, joined by `-` (`SageMaker Metrics`
/// → `sagemaker-metrics`, as AWS names its SDK crates; splitting `SageMaker` would not be).
pub fn crate_name_of(sdk_id: &str) -> String {
    let words: Vec<String> = sdk_id
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_ascii_lowercase)
        .collect();
    if words.is_empty() {
        "service".to_string()
    } else {
        words.join("-")
    }
}

/// The suffix of `AWS_ENDPOINT_URL_<NAME>`: the sdkId upper-cased, spaces and dashes as `_`
/// (the AWS SDKs' rule: `SageMaker Metrics` → `SAGEMAKER_METRICS`).
pub fn env_name_of(sdk_id: &str) -> String {
    sdk_id.trim().replace([' ', '-'], "_").to_ascii_uppercase()
}

/// Members to box: walking shapes and members in id order, a structure/union member is boxed
/// when its target reaches the member's container again through unboxed structure/union
/// members (lists and maps already break the infinite size).
fn find_boxed(model: &Model) -> BTreeSet<ShapeId> {
    let aggregate = |id: &ShapeId| {
        model
            .shape(id)
            .is_some_and(|s| matches!(s.kind, ShapeKind::Structure | ShapeKind::Union))
    };
    let mut boxed = BTreeSet::new();
    let shapes: Vec<&Shape> = model
        .shapes()
        .filter(|s| matches!(s.kind, ShapeKind::Structure | ShapeKind::Union))
        .collect();
    for shape in shapes {
        for m in shape.members() {
            if !aggregate(&m.target) {
                continue;
            }
            // Does `m.target` reach `shape.id` through unboxed aggregate members?
            let mut stack = vec![m.target.clone()];
            let mut seen = BTreeSet::new();
            let mut cycle = false;
            while let Some(id) = stack.pop() {
                if id == shape.id {
                    cycle = true;
                    break;
                }
                if !seen.insert(id.clone()) {
                    continue;
                }
                if let Some(s) = model.shape(&id) {
                    for mm in s.members() {
                        if aggregate(&mm.target) && !boxed.contains(&mm.id) {
                            stack.push(mm.target.clone());
                        }
                    }
                }
            }
            if cycle {
                boxed.insert(m.id.clone());
            }
        }
    }
    boxed
}

fn member_docs(m: &Member, target: Option<&Shape>, field: &str) -> Vec<String> {
    let mut lines = docs::doc_lines(m.traits.documentation());
    if lines.is_empty() {
        lines = docs::doc_lines(target.and_then(|t| t.traits.documentation()));
    }
    if lines.is_empty() {
        lines.push(format!("The `{}` member.", field.trim_start_matches("r#")));
    }
    lines
}

fn shape_docs(shape: &Shape, name: &str, what: &str) -> Vec<String> {
    let mut lines = docs::doc_lines(shape.traits.documentation());
    if lines.is_empty() {
        lines.push(format!("The `{name}` {what}."));
    }
    lines
}

impl Ctx<'_> {
    fn ty(&self, target: &ShapeId, member: Option<&Member>) -> Result<Ty, Error> {
        let shape = self
            .model
            .shape(target)
            .ok_or_else(|| unsupported(target, "target shape is missing"))?;
        let ts_format = member
            .and_then(|m| m.traits.timestamp_format())
            .or_else(|| shape.traits.timestamp_format());
        let named = || {
            self.types
                .get(target)
                .cloned()
                .ok_or_else(|| unsupported(target, "no generated type for this shape"))
        };
        Ok(match shape.kind {
            ShapeKind::String => match shape.traits.media_type() {
                Some(mt) => Ty::MediaString(mt.to_string()),
                None => Ty::String,
            },
            ShapeKind::Boolean => Ty::Boolean,
            ShapeKind::Byte => Ty::Byte,
            ShapeKind::Short => Ty::Short,
            ShapeKind::Integer => Ty::Integer,
            ShapeKind::Long => Ty::Long,
            ShapeKind::Float => Ty::Float,
            ShapeKind::Double => Ty::Double,
            ShapeKind::BigInteger => Ty::BigInteger,
            ShapeKind::BigDecimal => Ty::BigDecimal,
            ShapeKind::Timestamp => Ty::Timestamp(ts_format),
            // `@streaming` blobs are buffered whole: the runtime's transport reads complete
            // bodies, so the bytes on the wire are the same; only memory use differs.
            ShapeKind::Blob => Ty::Blob(shape.traits.media_type().map(str::to_string)),
            ShapeKind::Document => Ty::Document,
            ShapeKind::Enum => Ty::Enum(named()?),
            ShapeKind::IntEnum => Ty::IntEnum(named()?),
            ShapeKind::Structure => Ty::Structure(named()?),
            ShapeKind::Union => {
                if shape.traits.is_streaming() {
                    return Err(unsupported(target, "event streams are not supported yet"));
                }
                Ty::Union(named()?)
            }
            ShapeKind::List => {
                let m = shape
                    .list_member()
                    .ok_or_else(|| unsupported(target, "list without member"))?;
                Ty::List {
                    item: Box::new(self.ty(&m.target, Some(m))?),
                    sparse: shape.traits.is_sparse(),
                }
            }
            ShapeKind::Map => {
                let (_, v) = shape
                    .map_members()
                    .ok_or_else(|| unsupported(target, "map without key/value"))?;
                Ty::Map {
                    value: Box::new(self.ty(&v.target, Some(v))?),
                    sparse: shape.traits.is_sparse(),
                }
            }
            other => {
                return Err(unsupported(
                    target,
                    format!("cannot be a member target ({other})"),
                ));
            }
        })
    }

    /// Constraints of member `m` (its traits over its target's), recursing into list items and
    /// map entries; `required_counts` is false when a default fills a missing value.
    fn constraints(&self, m: &Member, required_counts: bool) -> Constraints {
        let target = self.model.shape(&m.target);
        let pick = |f: &dyn Fn(&smithy_model::Traits) -> bool| {
            f(&m.traits) || target.is_some_and(|t| f(&t.traits))
        };
        let length = m
            .traits
            .length()
            .or_else(|| target.and_then(|t| t.traits.length()));
        let range = m
            .traits
            .range()
            .or_else(|| target.and_then(|t| t.traits.range()));
        let pattern = m
            .traits
            .pattern()
            .or_else(|| target.and_then(|t| t.traits.pattern()));
        let mut c = Constraints {
            required: required_counts && m.traits.is_required(),
            length: length.map(|l| (l.min, l.max)),
            range: range.map(|r| (r.min, r.max)),
            pattern: pattern.map(str::to_string),
            unique_items: pick(&|t| t.is_unique_items()),
            item: None,
            key: None,
            key_enum: None,
        };
        let nonempty = |c: Constraints| (c != Constraints::default()).then(|| Box::new(c));
        if let Some(t) = target {
            match t.kind {
                ShapeKind::List => {
                    c.item = t
                        .list_member()
                        .and_then(|i| nonempty(self.constraints(i, false)));
                }
                ShapeKind::Map => {
                    if let Some((k, v)) = t.map_members() {
                        let key = self.model.shape(&k.target);
                        if key.is_some_and(|s| s.kind == ShapeKind::Enum) {
                            c.key_enum = self.types.get(&k.target).map(|t| t.path.clone());
                        }
                        c.key = nonempty(self.constraints(k, false));
                        c.item = nonempty(self.constraints(v, false));
                    }
                }
                _ => {}
            }
        }
        c
    }

    fn sensitive(&self, target: &ShapeId) -> bool {
        let Some(shape) = self.model.shape(target) else {
            return false;
        };
        if shape.traits.is_sensitive() {
            return true;
        }
        match shape.kind {
            ShapeKind::List | ShapeKind::Map => {
                shape.members().iter().any(|m| self.sensitive(&m.target))
            }
            _ => false,
        }
    }

    fn structure(
        &self,
        shape: &Shape,
        name: String,
        path: String,
        fn_suffix: String,
        kind: StructKind,
    ) -> Result<Structure, Error> {
        let candidates: Vec<String> = shape
            .members()
            .iter()
            .map(|m| names::field_name(&m.name))
            .collect();
        let field_names = names::disambiguate(&candidates);
        let mut fields = Vec::new();
        for (m, fname) in shape.members().iter().zip(field_names) {
            let target = self.model.shape(&m.target);
            let ty = self.ty(&m.target, Some(m))?;
            let t = &m.traits;
            let binding = if t.is_http_label() {
                let greedy = false;
                Binding::Label { greedy }
            } else if let Some(q) = t.http_query() {
                Binding::Query(q.to_string())
            } else if t.is_http_query_params() {
                Binding::QueryParams
            } else if let Some(h) = t.http_header() {
                Binding::Header(h.to_string())
            } else if let Some(p) = t.http_prefix_headers() {
                Binding::PrefixHeaders(p.to_string())
            } else if t.is_http_payload() {
                Binding::Payload
            } else if t.is_http_response_code() {
                Binding::ResponseCode
            } else {
                Binding::Body
            };
            // Bindings only apply to operation inputs/outputs and errors; labels and query
            // bindings only to inputs (on an output or error the member goes in the body:
            // Smithy's `RestJsonIgnoreQueryParamsInResponse`).
            let binding = match (&kind, binding) {
                (StructKind::Plain, _) => Binding::Body,
                (
                    StructKind::Output | StructKind::Error { .. },
                    Binding::Label { .. } | Binding::Query(_) | Binding::QueryParams,
                ) => Binding::Body,
                (_, b) => b,
            };
            let default = t.default_value().filter(|v| !v.is_null()).cloned();
            let client_optional = t.is_client_optional();
            // Smithy's optionality table: a client (non-authoritative) treats the members of an
            // operation input as optional whatever their `@default`, because the default is the
            // server's to apply; so an input member with a default but no `@required` is an
            // `Option` that is sent only when the caller set it (the server fills the default
            // in when it is absent). Nested structures keep their defaults: the `@input` rule
            // covers the input structure itself, and Smithy says defaults SHOULD be serialized.
            let plain = !client_optional
                && (t.is_required() || (default.is_some() && kind != StructKind::Input));
            let constraints = self.constraints(m, default.is_none());
            let mut docs = member_docs(m, target, &fname);
            if let Some(d) = default.as_ref().filter(|_| !plain && !client_optional) {
                docs.push(String::new());
                docs.push(format!("When unset, the service uses its default, `{d}`."));
            }
            fields.push(Field {
                member: m.name.clone(),
                json_name: t.json_name().unwrap_or(&m.name).to_string(),
                docs,
                name: fname,
                ty,
                plain,
                default: if client_optional { None } else { default },
                boxed: self.boxed.contains(&m.id),
                sensitive: self.sensitive(&m.target),
                binding,
                idempotency_token: t.is_idempotency_token(),
                host_label: t.is_host_label(),
                constraints,
                empty_label: None,
            });
        }
        let what = match kind {
            StructKind::Error { .. } => "error",
            StructKind::Input => "operation input",
            StructKind::Output => "operation output",
            StructKind::Plain => "structure",
        };
        Ok(Structure {
            id: shape.id.clone(),
            docs: shape_docs(shape, &name, what),
            name,
            path,
            fn_suffix,
            kind,
            fields,
            sensitive: shape.traits.is_sensitive(),
            unit: shape.traits.is_unit_type(),
        })
    }

    fn union(&self, shape: &Shape, name: String, fn_suffix: String) -> Result<Union, Error> {
        let candidates: Vec<String> = shape
            .members()
            .iter()
            .map(|m| names::variant_name(&m.name))
            .collect();
        let mut all = candidates.clone();
        let unknown = if candidates.iter().any(|c| c == "Unknown") {
            "UnknownMember".to_string()
        } else {
            "Unknown".to_string()
        };
        all.push(unknown.clone());
        let variant_names = names::disambiguate(&all);
        let snakes = names::disambiguate(
            &shape
                .members()
                .iter()
                .map(|m| names::module_name(&m.name))
                .collect::<Vec<_>>(),
        );
        let mut variants = Vec::new();
        for ((m, vname), snake) in shape.members().iter().zip(&variant_names).zip(snakes) {
            let ty = if m.target == ShapeId::new("smithy.api", "Unit") {
                None
            } else {
                Some(self.ty(&m.target, Some(m))?)
            };
            variants.push(UnionVariant {
                name: vname.clone(),
                member: m.name.clone(),
                snake,
                json_name: m.traits.json_name().unwrap_or(&m.name).to_string(),
                ty,
                boxed: self.boxed.contains(&m.id),
                docs: member_docs(m, self.model.shape(&m.target), &m.name),
                constraints: self.constraints(m, false),
            });
        }
        let helpers: Vec<String> = variants
            .iter()
            .map(|v| format!("is_{}", v.snake))
            .chain(["is_unknown".to_string()])
            .collect();
        let unknown_helper = names::disambiguate(&helpers).pop().unwrap_or_default();
        Ok(Union {
            unknown_helper,
            docs: shape_docs(shape, &name, "union"),
            name,
            fn_suffix,
            variants,
            unknown: variant_names.last().cloned().unwrap_or_default(),
            sensitive: shape.traits.is_sensitive(),
        })
    }

    fn enumeration(&self, shape: &Shape, name: String) -> Enum {
        let int = shape.kind == ShapeKind::IntEnum;
        let candidates: Vec<String> = shape
            .members()
            .iter()
            .map(|m| names::variant_name(&m.name))
            .collect();
        let unknown = if candidates.iter().any(|c| c == "Unknown") {
            "UnknownValue".to_string()
        } else {
            "Unknown".to_string()
        };
        let mut all = candidates;
        all.push(unknown);
        let variant_names = names::disambiguate(&all);
        let variants = shape
            .members()
            .iter()
            .zip(&variant_names)
            .map(|(m, v)| Variant {
                name: v.clone(),
                value: match m.traits.enum_value() {
                    Some(EnumValue::String(s)) => s,
                    Some(EnumValue::Int(i)) => i.to_string(),
                    None => m.name.clone(),
                },
                docs: {
                    let mut d = docs::doc_lines(m.traits.documentation());
                    if d.is_empty() {
                        d.push(format!("The `{}` value.", m.name));
                    }
                    d
                },
                internal: m.traits.has("smithy.api#internal"),
            })
            .collect();
        Enum {
            docs: shape_docs(shape, &name, if int { "intEnum" } else { "enum" }),
            name,
            variants,
            unknown: variant_names.last().cloned().unwrap_or_default(),
            int,
            sensitive: shape.traits.is_sensitive(),
        }
    }

    fn operation(
        &self,
        service: &ShapeId,
        op_id: &ShapeId,
        local_name: &str,
        module: String,
    ) -> Result<Operation, Error> {
        let shape = self
            .model
            .shape(op_id)
            .ok_or_else(|| unsupported(op_id, "operation is missing"))?;
        let op = shape
            .as_operation()
            .ok_or_else(|| unsupported(op_id, "not an operation"))?;
        let http = shape
            .traits
            .http()
            .ok_or_else(|| unsupported(op_id, "restJson1 operations need the @http trait"))?;
        // `Self` escapes to `Self_`; with a suffix (`SelfInput`) no escape is needed.
        let type_base = names::type_name(local_name)
            .trim_end_matches('_')
            .to_string();
        let mk = |id: &ShapeId, suffix: &str, kind: StructKind| -> Result<Structure, Error> {
            let s = self
                .model
                .shape(id)
                .ok_or_else(|| unsupported(id, "missing input/output"))?;
            let name = format!("{type_base}{suffix}");
            let path = format!("crate::operation::{module}::{name}");
            let mut fn_suffix =
                format!("{}_{}", module.trim_end_matches('_'), suffix.to_lowercase());
            // A data type may have the same snake name (`SelfOutput` next to operation `Self`).
            let base = fn_suffix.clone();
            let mut n = 2;
            while self.types.values().any(|t| t.fn_suffix == fn_suffix) {
                fn_suffix = format!("{base}_{n}");
                n += 1;
            }
            self.structure(s, name, path, fn_suffix, kind)
        };
        let mut input = mk(&op.input, "Input", StructKind::Input)?;
        let output = mk(&op.output, "Output", StructKind::Output)?;
        for f in &mut input.fields {
            if f.binding == (Binding::Label { greedy: false }) {
                let greedy = http.uri.labels().any(|(l, g)| l == f.member && g);
                f.binding = Binding::Label { greedy };
            }
        }
        let mut errors = Vec::new();
        let mut error_ids = self.model.errors_of(service, op_id);
        error_ids.sort();
        error_ids.dedup();
        for e in error_ids {
            let tr = self
                .types
                .get(&e)
                .ok_or_else(|| unsupported(&e, "error without a generated type"))?;
            let variant = tr.path.rsplit("::").next().unwrap_or_default().to_string();
            errors.push(ErrorRef {
                snake: names::module_name(&variant),
                variant,
                path: tr.path.clone(),
                code: e.name().to_string(),
                fn_suffix: tr.fn_suffix.clone(),
            });
        }
        let paginator = match self.model.paginated(service, op_id) {
            Some(p) => self.paginator(op_id, &p, &input, &output)?,
            None => None,
        };
        let mut docs_lines = docs::doc_lines(shape.traits.documentation());
        if docs_lines.is_empty() {
            docs_lines.push(format!("Calls the `{}` operation.", op_id.name()));
        }
        Ok(Operation {
            name: op_id.name().to_string(),
            module,
            docs: docs_lines,
            method: http.method.to_uppercase(),
            uri: http.uri.clone(),
            code: http.code,
            input,
            output,
            error_name: format!("{type_base}Error"),
            errors,
            paginator,
            host_prefix: shape.traits.endpoint_host_prefix().map(str::to_string),
            endpoint_params: crate::endpoint::operation_params(self.model, op_id),
            deprecated: shape.traits.deprecated().is_some(),
            auth: crate::auth::operation(self.svc, self.auth, shape)?,
            checksum_required: shape.traits.has("smithy.api#httpChecksumRequired"),
            request_compression: request_compression(shape),
            static_headers: Vec::new(),
            glacier_checksums: false,
        })
    }

    fn paginator(
        &self,
        op_id: &ShapeId,
        p: &smithy_model::traits::Paginated,
        input: &Structure,
        output: &Structure,
    ) -> Result<Option<Paginator>, Error> {
        let (Some(in_tok), Some(out_tok)) = (&p.input_token, &p.output_token) else {
            return Ok(None);
        };
        let find = |s: &Structure, m: &str| s.fields.iter().find(|f| f.member == m).cloned();
        let input_token = find(input, in_tok).ok_or_else(|| {
            unsupported(
                op_id,
                format!("inputToken `{in_tok}` is not an input member"),
            )
        })?;
        let follow = |path: &str| -> Option<Vec<Field>> {
            let mut out = Vec::new();
            let mut current = output.clone();
            let parts: Vec<&str> = path.split('.').collect();
            for (i, part) in parts.iter().enumerate() {
                let f = find(&current, part)?;
                if i + 1 < parts.len() {
                    let Ty::Structure(tr) = &f.ty else {
                        return None;
                    };
                    let sid = self
                        .types
                        .iter()
                        .find(|(_, t)| *t == tr)
                        .map(|(id, _)| id.clone())?;
                    let shape = self.model.shape(&sid)?;
                    current = self
                        .structure(
                            shape,
                            String::new(),
                            tr.path.clone(),
                            tr.fn_suffix.clone(),
                            StructKind::Plain,
                        )
                        .ok()?;
                }
                out.push(f);
            }
            Some(out)
        };
        let output_token = follow(out_tok).ok_or_else(|| {
            unsupported(
                op_id,
                format!("outputToken `{out_tok}` is not an output path"),
            )
        })?;
        let items = match &p.items {
            Some(items) => Some(follow(items).ok_or_else(|| {
                unsupported(op_id, format!("items `{items}` is not an output path"))
            })?),
            None => None,
        };
        let page_size = p.page_size.as_deref().and_then(|ps| find(input, ps));
        Ok(Some(Paginator {
            input_token,
            output_token,
            items,
            page_size,
        }))
    }
}
