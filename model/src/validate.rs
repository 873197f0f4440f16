//! Semantic validation of a loaded model, collecting every problem.
//!
//! The checks follow the Smithy 2.0 specification (references, trait targets and values, HTTP
//! bindings, pagination, errors) as far as a generator relies on them. Anything that one of the
//! published AWS models does is accepted, even where Smithy itself only warns.
//!
//! Messages name what is wrong and, where it helps, what was expected. Checks that depend on
//! a reference (e.g. a label's member) are skipped when the reference itself is broken, so one
//! mistake gives one problem rather than a cascade.

use std::collections::BTreeMap;

use serde_json::Value;

use crate::shape::{Member, OperationData, ResourceData, ServiceData, Shape, ShapeBody, ShapeKind};
use crate::traits::{HttpTrait, Paginated, ids};
use crate::{Model, Problem, ShapeId};

pub(crate) fn validate(model: &Model) -> Vec<Problem> {
    validate_with_warnings(model).0
}

/// Errors, and what Smithy reports as WARNING or DANGER (which does not stop a model).
pub(crate) fn validate_with_warnings(model: &Model) -> (Vec<Problem>, Vec<Problem>) {
    let mut v = Validator {
        model,
        problems: Vec::new(),
        warnings: Vec::new(),
    };
    for shape in model.shapes() {
        v.shape(shape);
    }
    (v.problems, v.warnings)
}

struct Validator<'m> {
    model: &'m Model,
    problems: Vec<Problem>,
    warnings: Vec<Problem>,
}

/// Which side of an HTTP exchange a structure is bound to.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Side {
    Request,
    Response,
}

/// `a` or `an`, for messages that name a shape kind.
fn article(kind: ShapeKind) -> &'static str {
    match kind.as_str().as_bytes().first() {
        Some(b'a' | b'e' | b'i' | b'o' | b'u') => "an",
        _ => "a",
    }
}

/// `string`, `boolean`, number and `timestamp` shapes (enums count as strings, intEnums as
/// numbers): what an HTTP label, header or query value can hold.
fn is_http_scalar(kind: ShapeKind) -> bool {
    matches!(
        kind,
        ShapeKind::String | ShapeKind::Enum | ShapeKind::Boolean | ShapeKind::Timestamp
    ) || kind.is_number()
}

fn is_string(kind: ShapeKind) -> bool {
    matches!(kind, ShapeKind::String | ShapeKind::Enum)
}

impl<'m> Validator<'m> {
    fn on_shape(&mut self, shape: &ShapeId, message: impl Into<String>) {
        self.problems.push(Problem::shape(shape, message));
    }

    fn on_member(&mut self, member: &Member, message: impl Into<String>) {
        self.problems
            .push(Problem::member(member.id.root(), &member.name, message));
    }

    fn kind_of(&self, id: &ShapeId) -> Option<ShapeKind> {
        self.model.shape(id).map(|s| s.kind)
    }

    fn shape(&mut self, shape: &'m Shape) {
        for (t, message) in shape.traits.problems() {
            self.on_shape(&shape.id, format!("trait {t}: {message}"));
        }
        self.shape_trait_targets(shape);
        match &shape.body {
            ShapeBody::Members(members) => {
                for m in members {
                    self.member(shape, m);
                }
                match shape.kind {
                    ShapeKind::Enum | ShapeKind::IntEnum => self.enum_shape(shape, members),
                    ShapeKind::Structure => self.structure(shape, members),
                    ShapeKind::Union if members.is_empty() && !shape.traits.is_mixin() => {
                        self.on_shape(&shape.id, "a union needs at least one member")
                    }
                    _ => {}
                }
            }
            ShapeBody::Service(s) => self.service(shape, s),
            ShapeBody::Operation(o) => self.operation(shape, o),
            ShapeBody::Resource(r) => self.resource(shape, r),
        }
    }

    // ---- references -------------------------------------------------------------------

    /// Checks that `id` (named `what` in messages, e.g. "operation") is defined and is one of
    /// `kinds`; returns its shape when it is.
    fn reference(
        &mut self,
        owner: &ShapeId,
        what: &str,
        id: &ShapeId,
        kinds: &[ShapeKind],
    ) -> Option<&'m Shape> {
        let Some(target) = self.model.shape(id) else {
            self.on_shape(owner, format!("{what} `{id}` is not defined"));
            return None;
        };
        if !kinds.contains(&target.kind) {
            let expected: Vec<&str> = kinds.iter().map(|k| k.as_str()).collect();
            self.on_shape(
                owner,
                format!(
                    "{what} `{id}` is {} {} shape, not {} {}",
                    article(target.kind),
                    target.kind,
                    article(kinds[0]),
                    expected.join(" or ")
                ),
            );
            return None;
        }
        Some(target)
    }

    /// An operation or service error: a structure with `@error`.
    fn error_ref(&mut self, owner: &ShapeId, id: &ShapeId) {
        if let Some(e) = self.reference(owner, "error", id, &[ShapeKind::Structure])
            && !e.traits.has(ids::ERROR)
        {
            self.on_shape(owner, format!("error `{id}` has no @error trait"));
        }
    }

    fn member(&mut self, shape: &'m Shape, m: &'m Member) {
        for (t, message) in m.traits.problems() {
            self.on_member(m, format!("trait {t}: {message}"));
        }
        let Some(target) = self.model.shape(&m.target) else {
            self.on_member(m, format!("targets `{}`, which is not defined", m.target));
            return;
        };
        match target.kind {
            ShapeKind::Operation | ShapeKind::Service | ShapeKind::Resource => {
                self.on_member(
                    m,
                    format!(
                        "targets `{}`, {} {} shape; members can only target data shapes",
                        m.target,
                        article(target.kind),
                        target.kind
                    ),
                );
                return;
            }
            _ => {}
        }
        if target.traits.is_mixin() {
            self.on_member(m, format!("targets `{}`, which is a mixin", m.target));
        }
        let enum_like = matches!(shape.kind, ShapeKind::Enum | ShapeKind::IntEnum);
        if target.traits.has(ids::UNIT_TYPE) && !enum_like && shape.kind != ShapeKind::Union {
            self.on_member(
                m,
                format!(
                    "targets `{}`; only union members and operation input/output may target Unit",
                    m.target
                ),
            );
        }
        if shape.kind == ShapeKind::Map
            && m.name == "key"
            && target.kind != ShapeKind::String
            && target.kind != ShapeKind::Enum
        {
            self.on_member(
                m,
                format!(
                    "map keys must target a string shape, but `{}` is {} {}",
                    m.target,
                    article(target.kind),
                    target.kind
                ),
            );
        }
        self.member_trait_targets(shape, m, target);
    }

    fn service(&mut self, shape: &'m Shape, s: &'m ServiceData) {
        for op in &s.operations {
            self.reference(&shape.id, "operation", op, &[ShapeKind::Operation]);
        }
        for r in &s.resources {
            self.reference(&shape.id, "resource", r, &[ShapeKind::Resource]);
        }
        for e in &s.errors {
            self.error_ref(&shape.id, e);
        }
        // The closure is a walk of the whole service: only worth it when there are renames.
        let closure = if s.rename.is_empty() {
            Default::default()
        } else {
            self.model.closure_of(&shape.id)
        };
        for (id, name) in &s.rename {
            if self.model.shape(id).is_none() {
                self.on_shape(&shape.id, format!("rename key `{id}` is not defined"));
            } else if !closure.contains(id) {
                self.on_shape(
                    &shape.id,
                    format!("rename key `{id}` is not in the service's closure"),
                );
            }
            // Parsed as the name part of an id, so `$` (a member separator) is rejected too.
            if ShapeId::parse(&format!("a#{name}")).map_or(true, |id| id.member().is_some()) {
                self.on_shape(
                    &shape.id,
                    format!("rename of `{id}` to `{name}` is not a valid identifier"),
                );
            }
        }
        for op in self.model.operations_of(&shape.id) {
            if let Some(p) = self.model.paginated(&shape.id, &op) {
                self.paginated(&op, &p);
            }
        }
    }

    fn operation(&mut self, shape: &'m Shape, o: &'m OperationData) {
        let input = self.reference(&shape.id, "input", &o.input, &[ShapeKind::Structure]);
        let output = self.reference(&shape.id, "output", &o.output, &[ShapeKind::Structure]);
        for e in &o.errors {
            self.error_ref(&shape.id, e);
        }
        if shape.traits.is_mixin() && (!o.input.is_unit() || !o.output.is_unit()) {
            self.on_shape(
                &shape.id,
                "an operation mixin must have Unit input and output",
            );
        }
        // Paginated operations bound to a service are checked with the service's defaults.
        if let Some(p) = shape.traits.paginated()
            && !self
                .model
                .services()
                .any(|s| self.model.operations_of(&s.id).contains(&shape.id))
        {
            self.paginated(&shape.id, &p);
        }
        if let Some(input) = input {
            self.host_prefix(shape, input);
        }
        if let Some(http) = shape.traits.http() {
            if let Some(input) = input {
                self.labels(shape, &http, input);
                self.bindings(input, Side::Request);
            }
            if let Some(output) = output {
                self.bindings(output, Side::Response);
            }
            for e in &o.errors {
                if let Some(e) = self
                    .model
                    .shape(e)
                    .filter(|e| e.kind == ShapeKind::Structure)
                {
                    self.bindings(e, Side::Response);
                }
            }
        }
    }

    fn resource(&mut self, shape: &'m Shape, r: &'m ResourceData) {
        for (what, map) in [("identifier", &r.identifiers), ("property", &r.properties)] {
            for (name, target) in map {
                match self.kind_of(target) {
                    None => self.on_shape(
                        &shape.id,
                        format!("{what} `{name}` targets `{target}`, which is not defined"),
                    ),
                    // Enums are strings, so Smithy accepts them as identifiers.
                    Some(k) if what == "identifier" && !is_string(k) => self.on_shape(
                        &shape.id,
                        format!(
                            "identifier `{name}` targets `{target}`, {} {k} shape, not a string",
                            article(k)
                        ),
                    ),
                    _ => {}
                }
            }
        }
        let lifecycle = [
            ("create", &r.create),
            ("put", &r.put),
            ("read", &r.read),
            ("update", &r.update),
            ("delete", &r.delete),
            ("list", &r.list),
        ];
        for (what, op) in lifecycle {
            if let Some(op) = op {
                self.reference(
                    &shape.id,
                    &format!("{what} operation"),
                    op,
                    &[ShapeKind::Operation],
                );
            }
        }
        for op in r.operations.iter().chain(&r.collection_operations) {
            self.reference(&shape.id, "operation", op, &[ShapeKind::Operation]);
        }
        for child in &r.resources {
            self.reference(&shape.id, "resource", child, &[ShapeKind::Resource]);
        }
    }

    // ---- aggregate shapes -------------------------------------------------------------

    fn enum_shape(&mut self, shape: &'m Shape, members: &'m [Member]) {
        if members.is_empty() && !shape.traits.is_mixin() {
            self.on_shape(
                &shape.id,
                format!(
                    "{} {} needs at least one member",
                    article(shape.kind),
                    shape.kind
                ),
            );
        }
        let mut seen: BTreeMap<String, &str> = BTreeMap::new();
        for m in members {
            let value = match (shape.kind, m.traits.get(ids::ENUM_VALUE)) {
                (ShapeKind::Enum, Some(Value::String(s))) => s.clone(),
                (ShapeKind::IntEnum, Some(Value::Number(n))) if n.as_i64().is_some() => {
                    n.to_string()
                }
                (ShapeKind::Enum, _) => {
                    self.on_member(m, "an enum member's @enumValue must be a string");
                    continue;
                }
                _ => {
                    self.on_member(m, "an intEnum member needs an integer @enumValue");
                    continue;
                }
            };
            if let Some(other) = seen.get(&value) {
                self.on_member(
                    m,
                    format!("enum value `{value}` is also the value of member `{other}`"),
                );
            } else {
                seen.insert(value, &m.name);
            }
        }
    }

    fn structure(&mut self, shape: &'m Shape, members: &'m [Member]) {
        // Header names are case-insensitive; two members bound to one header would clash.
        let mut headers: BTreeMap<String, &str> = BTreeMap::new();
        for m in members {
            if let Some(h) = m.traits.http_header() {
                let key = h.to_ascii_lowercase();
                if let Some(other) = headers.get(&key) {
                    self.on_member(
                        m,
                        format!("@httpHeader `{h}` is also bound by member `{other}`"),
                    );
                } else {
                    headers.insert(key, &m.name);
                }
            }
        }
        let mut queries: BTreeMap<&str, &str> = BTreeMap::new();
        for m in members {
            if let Some(q) = m.traits.http_query() {
                if let Some(other) = queries.get(q) {
                    self.on_member(
                        m,
                        format!("@httpQuery `{q}` is also bound by member `{other}`"),
                    );
                } else {
                    queries.insert(q, &m.name);
                }
            }
        }
        let payloads: Vec<&str> = members
            .iter()
            .filter(|m| m.traits.is_http_payload())
            .map(|m| m.name.as_str())
            .collect();
        if payloads.len() > 1 {
            self.on_shape(
                &shape.id,
                format!(
                    "has more than one @httpPayload member: {}",
                    payloads.join(", ")
                ),
            );
        }
    }

    // ---- traits: where they may be applied ------------------------------------------------

    /// Traits on a shape that only make sense on certain kinds of shape.
    fn shape_trait_targets(&mut self, shape: &'m Shape) {
        let t = &shape.traits;
        // Every check below is about an applied trait; most shapes have none.
        if t.is_empty() {
            return;
        }
        let k = shape.kind;
        let mut wrong = |trait_name: &str, allowed: &str| {
            self.on_shape(
                &shape.id,
                format!(
                    "@{trait_name} cannot be applied to {} {k} shape; it applies to {allowed}",
                    article(k)
                ),
            );
        };
        check_value_traits(t, k, &mut wrong);
        if t.has(ids::ERROR) && k != ShapeKind::Structure {
            wrong("error", "structures");
        }
        for (id, name) in [
            (ids::HTTP_ERROR, "httpError"),
            (ids::RETRYABLE, "retryable"),
        ] {
            if t.has(id) && !(k == ShapeKind::Structure && t.has(ids::ERROR)) {
                wrong(name, "structures with @error");
            }
        }
        if t.has(ids::STREAMING) && !matches!(k, ShapeKind::Blob | ShapeKind::Union) {
            wrong("streaming", "blobs and unions");
        }
        for (id, name) in [
            (ids::HTTP, "http"),
            (ids::READONLY, "readonly"),
            (ids::IDEMPOTENT, "idempotent"),
            (ids::ENDPOINT, "endpoint"),
            (ids::WAITABLE, "waitable"),
        ] {
            if t.has(id) && k != ShapeKind::Operation {
                wrong(name, "operations");
            }
        }
        if t.has(ids::PAGINATED) && !matches!(k, ShapeKind::Operation | ShapeKind::Service) {
            wrong("paginated", "operations and services");
        }
        if let Some(default) = t.default_value() {
            let problem = self.default_problem(shape, default, false);
            if let Some(p) = problem {
                self.on_shape(&shape.id, format!("@default {p}"));
            }
        }
        for name in member_only_traits() {
            if t.has(name.0) {
                self.on_shape(
                    &shape.id,
                    format!("@{} can only be applied to members", name.1),
                );
            }
        }
    }

    /// Traits on a member, checked against the kind of shape the member targets.
    fn member_trait_targets(&mut self, shape: &'m Shape, m: &'m Member, target: &'m Shape) {
        let t = &m.traits;
        // Every check below is about an applied trait; many members have none.
        if t.is_empty() {
            return;
        }
        let k = target.kind;
        let mut problems: Vec<String> = Vec::new();
        let wrong = |trait_name: &str, allowed: &str| {
            format!(
                "@{trait_name} cannot be applied to a member targeting {} {k}; it applies to {allowed}",
                article(k)
            )
        };
        check_value_traits(t, k, &mut |name, allowed| {
            problems.push(wrong(name, allowed))
        });
        let in_structure = shape.kind == ShapeKind::Structure;
        let structure_only = [
            (ids::HTTP_LABEL, "httpLabel"),
            (ids::HTTP_QUERY, "httpQuery"),
            (ids::HTTP_QUERY_PARAMS, "httpQueryParams"),
            (ids::HTTP_HEADER, "httpHeader"),
            (ids::HTTP_PREFIX_HEADERS, "httpPrefixHeaders"),
            (ids::HTTP_PAYLOAD, "httpPayload"),
            (ids::HTTP_RESPONSE_CODE, "httpResponseCode"),
            (ids::IDEMPOTENCY_TOKEN, "idempotencyToken"),
            (ids::HOST_LABEL, "hostLabel"),
            (ids::REQUIRED, "required"),
        ];
        for (id, name) in structure_only {
            if t.has(id) && !in_structure {
                problems.push(format!(
                    "@{name} can only be applied to structure members, not {} {} member",
                    article(shape.kind),
                    shape.kind
                ));
            }
        }
        let list_of_scalars = || {
            k == ShapeKind::List
                && target
                    .list_member()
                    .and_then(|lm| self.kind_of(&lm.target))
                    .is_some_and(is_http_scalar)
        };
        if t.is_http_label() {
            if !is_http_scalar(k) {
                problems.push(wrong(
                    "httpLabel",
                    "strings, numbers, booleans and timestamps",
                ));
            }
            if !t.is_required() {
                problems.push("@httpLabel member must be @required".into());
            }
        }
        if t.has(ids::HTTP_HEADER) && !is_http_scalar(k) && !list_of_scalars() {
            problems.push(wrong(
                "httpHeader",
                "strings, numbers, booleans, timestamps and lists of them",
            ));
        }
        if t.has(ids::HTTP_QUERY) && !is_http_scalar(k) && !list_of_scalars() {
            problems.push(wrong(
                "httpQuery",
                "strings, numbers, booleans, timestamps and lists of them",
            ));
        }
        let map_value_kind = || {
            target
                .map_members()
                .and_then(|(_, v)| self.model.shape(&v.target))
        };
        if t.has(ids::HTTP_PREFIX_HEADERS) && !map_value_kind().is_some_and(|v| is_string(v.kind)) {
            problems.push(wrong("httpPrefixHeaders", "maps of strings"));
        }
        if t.is_http_query_params()
            && !map_value_kind().is_some_and(|v| {
                is_string(v.kind)
                    || v.list_member()
                        .and_then(|lm| self.kind_of(&lm.target))
                        .is_some_and(is_string)
            })
        {
            problems.push(wrong(
                "httpQueryParams",
                "maps of strings or of lists of strings",
            ));
        }
        if t.is_http_payload()
            && !matches!(
                k,
                ShapeKind::String
                    | ShapeKind::Enum
                    | ShapeKind::Blob
                    | ShapeKind::Structure
                    | ShapeKind::Union
                    | ShapeKind::Document
                    | ShapeKind::List
                    | ShapeKind::Map
            )
        {
            problems.push(wrong(
                "httpPayload",
                "strings, blobs, structures, unions, documents, lists and maps",
            ));
        }
        if t.is_http_response_code() && k != ShapeKind::Integer {
            problems.push(wrong("httpResponseCode", "integers"));
        }
        if t.is_idempotency_token() && !is_string(k) {
            problems.push(wrong("idempotencyToken", "strings"));
        }
        if t.is_host_label() {
            if k != ShapeKind::String {
                problems.push(wrong("hostLabel", "strings"));
            }
            if !t.is_required() {
                problems.push("@hostLabel member must be @required".into());
            }
        }
        if t.has(ids::ENUM_VALUE) && !matches!(shape.kind, ShapeKind::Enum | ShapeKind::IntEnum) {
            problems.push("@enumValue can only be applied to enum and intEnum members".into());
        }
        if let Some(default) = t.default_value() {
            if let Some(p) = self.default_problem(target, default, true) {
                problems.push(format!("@default {p}"));
            }
            if !matches!(shape.kind, ShapeKind::Structure) {
                problems.push(format!(
                    "@default can only be applied to structure members, not {} {} member",
                    article(shape.kind),
                    shape.kind
                ));
            }
        }
        for p in problems {
            self.on_member(m, p);
        }
    }

    /// Why `value` is not a valid `@default` for shape `target`, if it is not.
    fn default_problem(&self, target: &Shape, value: &Value, on_member: bool) -> Option<String> {
        let k = target.kind;
        let ok = match (k, value) {
            // `null` on a member removes the target's default.
            (_, Value::Null) => on_member,
            (ShapeKind::Document, _) => true,
            (ShapeKind::Boolean, Value::Bool(_)) => true,
            (ShapeKind::String | ShapeKind::Blob, Value::String(_)) => true,
            (ShapeKind::Timestamp, Value::String(_) | Value::Number(_)) => true,
            (ShapeKind::Enum | ShapeKind::IntEnum, Value::String(_) | Value::Number(_)) => {
                let known = target
                    .members()
                    .iter()
                    .any(|m| m.traits.get(ids::ENUM_VALUE) == Some(value));
                if !known {
                    return Some(format!("{value} is not a value of {k} `{}`", target.id));
                }
                true
            }
            (ShapeKind::Byte, Value::Number(n)) => in_range(n, i8::MIN.into(), i8::MAX.into()),
            (ShapeKind::Short, Value::Number(n)) => in_range(n, i16::MIN.into(), i16::MAX.into()),
            (ShapeKind::Integer, Value::Number(n)) => in_range(n, i32::MIN.into(), i32::MAX.into()),
            (ShapeKind::Long, Value::Number(n)) => n.is_i64(),
            (ShapeKind::BigInteger, Value::Number(n)) => n.is_i64() || n.is_u64(),
            (ShapeKind::Float | ShapeKind::Double | ShapeKind::BigDecimal, Value::Number(_)) => {
                true
            }
            (ShapeKind::List, Value::Array(a)) => a.is_empty(),
            (ShapeKind::Map, Value::Object(o)) => o.is_empty(),
            _ => false,
        };
        if ok {
            return None;
        }
        let shown = serde_json::to_string(value).unwrap_or_default();
        Some(match k {
            ShapeKind::List | ShapeKind::Map if value.is_array() || value.is_object() => {
                format!("of {k} `{}` can only be empty, not {shown}", target.id)
            }
            ShapeKind::Structure | ShapeKind::Union => {
                format!("cannot be set for {} {k}", article(k))
            }
            _ if value.is_null() => "of a shape cannot be null".to_string(),
            _ => format!(
                "value {shown} does not match {} {k} (`{}`)",
                article(k),
                target.id
            ),
        })
    }

    // ---- HTTP bindings ---------------------------------------------------------------

    /// Every URI label has exactly one `@httpLabel` input member and vice versa; greedy labels
    /// target strings.
    fn labels(&mut self, op: &'m Shape, http: &HttpTrait, input: &'m Shape) {
        let labels: Vec<(&str, bool)> = http.uri.labels().collect();
        for (label, greedy) in &labels {
            match input.member(label) {
                Some(m) if m.traits.is_http_label() => {
                    if *greedy && self.kind_of(&m.target) != Some(ShapeKind::String) {
                        self.on_member(
                            m,
                            format!(
                                "greedy label `{{{label}+}}` of `{}` must target a string, not `{}`",
                                op.id, m.target
                            ),
                        );
                    }
                }
                _ => self.on_shape(
                    &op.id,
                    format!(
                        "uri label `{{{label}}}` has no matching @httpLabel member in input `{}`",
                        input.id
                    ),
                ),
            }
        }
        for m in input.members() {
            if m.traits.is_http_label() && !labels.iter().any(|(l, _)| *l == m.name) {
                self.on_member(
                    m,
                    format!(
                        "@httpLabel member has no `{{{}}}` label in the uri `{}` of `{}`",
                        m.name, http.uri, op.id
                    ),
                );
            }
        }
    }

    /// Beside an `@httpPayload` member, every member must be bound elsewhere in the message.
    fn bindings(&mut self, structure: &'m Shape, side: Side) {
        let members = structure.members();
        let payloads: Vec<&Member> = members
            .iter()
            .filter(|m| m.traits.is_http_payload())
            .collect();
        let [payload] = payloads.as_slice() else {
            return;
        };
        for m in members {
            let t = &m.traits;
            let bound = t.is_http_payload()
                || t.has(ids::HTTP_HEADER)
                || t.has(ids::HTTP_PREFIX_HEADERS)
                || match side {
                    Side::Request => {
                        t.is_http_label() || t.has(ids::HTTP_QUERY) || t.is_http_query_params()
                    }
                    Side::Response => t.is_http_response_code(),
                };
            if !bound {
                let where_ = match side {
                    Side::Request => "label, query, header or prefix headers",
                    Side::Response => "header, prefix headers or response code",
                };
                self.on_member(
                    m,
                    format!(
                        "is a body member beside @httpPayload member `{}`; bind it to a {where_}",
                        payload.name
                    ),
                );
            }
        }
    }

    /// `@endpoint(hostPrefix)` labels name required string `@hostLabel` input members.
    fn host_prefix(&mut self, op: &'m Shape, input: &'m Shape) {
        let Some(prefix) = op.traits.endpoint_host_prefix() else {
            return;
        };
        let mut rest = prefix;
        while let Some(start) = rest.find('{') {
            let Some(len) = rest[start..].find('}') else {
                self.on_shape(
                    &op.id,
                    format!("@endpoint hostPrefix `{prefix}` has an unclosed `{{`"),
                );
                return;
            };
            let label = &rest[start + 1..start + len];
            if !input
                .member(label)
                .is_some_and(|m| m.traits.is_host_label())
            {
                self.on_shape(
                    &op.id,
                    format!(
                        "@endpoint hostPrefix label `{{{label}}}` has no matching @hostLabel member in input `{}`",
                        input.id
                    ),
                );
            }
            rest = &rest[start + len + 1..];
        }
    }

    // ---- pagination ------------------------------------------------------------------

    /// Checks a (merged) `@paginated` trait against the operation's input and output.
    fn paginated(&mut self, op_id: &ShapeId, p: &Paginated) {
        let Some(op) = self.model.shape(op_id).and_then(Shape::as_operation) else {
            return;
        };
        let input = self.model.shape(&op.input);
        let output = self.model.shape(&op.output);
        match (&p.input_token, &p.output_token) {
            (Some(_), None) => self.on_shape(
                op_id,
                "@paginated sets `inputToken` but no `outputToken` (on the operation or its service)",
            ),
            (None, Some(_)) => self.on_shape(
                op_id,
                "@paginated sets `outputToken` but no `inputToken` (on the operation or its service)",
            ),
            (None, None) if p.items.is_some() || p.page_size.is_some() => self.on_shape(
                op_id,
                "@paginated needs `inputToken` and `outputToken` (on the operation or its service)",
            ),
            _ => {}
        }
        // (property, member name, where it must be, dotted paths allowed, allowed target kinds)
        type Check<'a> = (
            &'a str,
            &'a Option<String>,
            Option<&'a Shape>,
            bool,
            &'a [ShapeKind],
        );
        let checks: [Check; 4] = [
            (
                "inputToken",
                &p.input_token,
                input,
                false,
                &[ShapeKind::String],
            ),
            (
                "outputToken",
                &p.output_token,
                output,
                true,
                &[ShapeKind::String],
            ),
            (
                "items",
                &p.items,
                output,
                true,
                &[ShapeKind::List, ShapeKind::Map],
            ),
            (
                "pageSize",
                &p.page_size,
                input,
                false,
                // Smithy only warns about a page size that is a long (or another integer type),
                // and published models use longs: see the warning below.
                &[
                    ShapeKind::Integer,
                    ShapeKind::Long,
                    ShapeKind::Short,
                    ShapeKind::Byte,
                ],
            ),
        ];
        for (what, name, container, path_ok, kinds) in checks {
            let (Some(name), Some(container)) = (name, container) else {
                continue;
            };
            let side = if container.id == op.input {
                "input"
            } else {
                "output"
            };
            match self.resolve_path(container, name, path_ok) {
                Err(message) => self.on_shape(
                    op_id,
                    format!(
                        "@paginated `{what}` names `{name}`, which {message} of {side} `{}`",
                        container.id
                    ),
                ),
                Ok(target) if !kinds.contains(&target.kind) => {
                    let expected: Vec<&str> = kinds.iter().map(|k| k.as_str()).collect();
                    self.on_shape(
                        op_id,
                        format!(
                            "@paginated `{what}` member `{name}` targets `{}`, {} {}, not {} {}",
                            target.id,
                            article(target.kind),
                            target.kind,
                            article(kinds[0]),
                            expected.join(" or ")
                        ),
                    );
                }
                Ok(target) => {
                    if what == "pageSize" && target.kind != ShapeKind::Integer {
                        self.warnings.push(Problem::shape(
                            op_id,
                            format!(
                                "@paginated `pageSize` member `{name}` targets `{}`, {} {}; Smithy expects an integer",
                                target.id,
                                article(target.kind),
                                target.kind
                            ),
                        ));
                    }
                    if what == "pageSize"
                        && container
                            .member(name)
                            .is_some_and(|m| m.traits.has(ids::REQUIRED))
                    {
                        self.warnings.push(Problem::shape(
                            op_id,
                            format!(
                                "@paginated `pageSize` member `{name}` should not be @required"
                            ),
                        ));
                    }
                    if path_ok && name.split('.').count() > 2 {
                        self.warnings.push(Problem::shape(
                            op_id,
                            format!(
                                "@paginated `{what}` path `{name}` has more than two parts, which makes the API cumbersome to use"
                            ),
                        ));
                    }
                }
            }
        }
    }

    /// Follows a member name, or a dotted path of structure members when `path_ok`, from
    /// `container` to the shape it targets.
    fn resolve_path(
        &self,
        container: &'m Shape,
        path: &str,
        path_ok: bool,
    ) -> Result<&'m Shape, &'static str> {
        if !path_ok && path.contains('.') {
            return Err("is not a member name (paths are only allowed for output members)");
        }
        let mut current = container;
        for step in path.split('.') {
            if current.kind != ShapeKind::Structure {
                return Err("does not lead through structure members");
            }
            let m = current.member(step).ok_or("is not a member")?;
            current = self
                .model
                .shape(&m.target)
                .ok_or("targets an undefined shape")?;
        }
        Ok(current)
    }
}

/// Whether a JSON number is an integer within `min..=max`.
fn in_range(n: &serde_json::Number, min: i64, max: i64) -> bool {
    n.as_i64().is_some_and(|v| (min..=max).contains(&v))
}

/// Traits that only mean something on a member: (id, name for messages).
fn member_only_traits() -> [(&'static str, &'static str); 11] {
    [
        (ids::REQUIRED, "required"),
        (ids::HTTP_LABEL, "httpLabel"),
        (ids::HTTP_QUERY, "httpQuery"),
        (ids::HTTP_QUERY_PARAMS, "httpQueryParams"),
        (ids::HTTP_HEADER, "httpHeader"),
        (ids::HTTP_PREFIX_HEADERS, "httpPrefixHeaders"),
        (ids::HTTP_PAYLOAD, "httpPayload"),
        (ids::HTTP_RESPONSE_CODE, "httpResponseCode"),
        (ids::IDEMPOTENCY_TOKEN, "idempotencyToken"),
        (ids::HOST_LABEL, "hostLabel"),
        (ids::JSON_NAME, "jsonName"),
    ]
}

/// Constraint and format traits valid on a shape of kind `k` or a member targeting one.
fn check_value_traits(t: &crate::Traits, k: ShapeKind, wrong: &mut impl FnMut(&str, &str)) {
    if t.has(ids::LENGTH)
        && !matches!(
            k,
            ShapeKind::String
                | ShapeKind::Enum
                | ShapeKind::Blob
                | ShapeKind::List
                | ShapeKind::Map
        )
    {
        wrong("length", "strings, blobs, lists and maps");
    }
    if t.has(ids::PATTERN) && !is_string(k) {
        wrong("pattern", "strings");
    }
    if t.has(ids::RANGE) && !k.is_number() {
        wrong("range", "numbers");
    }
    if t.has(ids::TIMESTAMP_FORMAT) && k != ShapeKind::Timestamp {
        wrong("timestampFormat", "timestamps");
    }
    if t.has(ids::UNIQUE_ITEMS) && k != ShapeKind::List {
        wrong("uniqueItems", "lists");
    }
    if t.has(ids::SPARSE) && !matches!(k, ShapeKind::List | ShapeKind::Map) {
        wrong("sparse", "lists and maps");
    }
    if t.has(ids::ENUM) && k != ShapeKind::String {
        wrong("enum", "strings");
    }
    if t.has(ids::MEDIA_TYPE) && !matches!(k, ShapeKind::String | ShapeKind::Blob) {
        wrong("mediaType", "strings and blobs");
    }
}
