//! From the syntax trees of every IDL file (and the JSON AST documents loaded beside them)
//! to JSON AST documents with absolute shape ids, ready for the shared loader.
//!
//! Relative shape ids resolve as the specification says: a `use` of that name, else a shape of
//! that name in the file's namespace (defined in any file of the model), else a prelude shape,
//! else the file's namespace (so a reference to an undefined shape is reported by the loader).
//! Member elision (`$name`) needs the members of mixins and the identifiers and properties of
//! `for` resources, which may live in other files, so it is resolved once all documents exist.

use std::collections::{BTreeMap, BTreeSet};

// SipHash was a tenth of the IDL's cost; these maps are keyed by the model's own ids.
use foldhash::HashMap;

use serde_json::{Map, Number, Value};

use super::ast::{self, Body, File, IoRef, MemberDef, Node, Ref, ShapeDef, Span};
use super::builtin;
use crate::load::{self, Built};
use crate::shape::{Member, OperationData, ResourceData, ServiceData, Shape, ShapeBody};
use crate::shape_id::prelude_ids;
use crate::{IdlVersion, ShapeId, ShapeKind, Traits};

/// A problem found while resolving: in file `file` at `span`, or on a shape.
#[derive(Clone, Debug)]
pub(crate) struct RProblem {
    /// Smithy reports it as a WARNING: it does not stop loading.
    pub warning: bool,
    pub at: Option<(usize, Span)>,
    pub shape: Option<String>,
    pub message: String,
}

/// One input of the assembly.
pub(crate) enum Input<'a> {
    Idl(&'a File<'a>),
    Json(&'a Value),
}

/// Where traits are applied: shape or member id → (trait, place), first application first.
pub(crate) type TraitSpans = HashMap<ShapeId, Vec<(ShapeId, (usize, Span))>>;

/// Traits of an `apply` statement, in order.
pub(crate) type Applied = Vec<(ShapeId, Value)>;

pub(crate) struct Resolved {
    /// The shapes of each IDL input (JSON inputs are loaded as they are).
    pub docs: Vec<Option<Built>>,
    /// `apply` statements: target, traits, and where they were written.
    pub applies: Vec<(ShapeId, Applied, (usize, Span))>,
    /// Where each shape and member (`ns#S`, `ns#S$m`) is defined.
    pub locations: HashMap<ShapeId, (usize, Span)>,
    /// Where each trait is applied: (shape or member id, trait id) → place.
    pub trait_spans: TraitSpans,
    pub problems: Vec<RProblem>,
}

/// Type of every shape that is (or may be) a trait, for annotation values: user-defined
/// shapes first, then the built-in table.
struct Known<'a> {
    /// The type as the source writes it (borrowed from the sources).
    defined: BTreeMap<ShapeId, &'a str>,
}

impl Known<'_> {
    fn kind(&self, id: &ShapeId) -> Option<ShapeKind> {
        match self.defined.get(id) {
            Some(t) => ShapeKind::from_ast(t),
            None => builtin::trait_kind(id.namespace(), id.name()),
        }
    }
}

struct FileCx<'a> {
    index: usize,
    namespace: String,
    uses: HashMap<String, ShapeId>,
    version: IdlVersion,
    known: &'a Known<'a>,
    input_suffix: String,
    output_suffix: String,
    /// Relative ids already resolved in this file (the same few names recur throughout).
    resolved: std::cell::RefCell<HashMap<String, ShapeId>>,
    /// A buffer for ids looked up by text.
    scratch: std::cell::RefCell<String>,
}

pub(crate) fn version_of(file: &File) -> Result<IdlVersion, (Span, String)> {
    match &file.version {
        None => Ok(IdlVersion::V1),
        Some((v, span)) => match &**v {
            "1" | "1.0" => Ok(IdlVersion::V1),
            "2" | "2.0" => Ok(IdlVersion::V2),
            other => Err((
                span.end..span.end,
                format!("unsupported IDL version `{other}` (expected 1.0 or 2.0)"),
            )),
        },
    }
}

fn suffix(file: &File, key: &str, default: &str) -> String {
    file.controls
        .iter()
        .find(|(k, _, _)| k == key)
        .and_then(|(_, _, v)| match v {
            Node::Str(s) => Some(s.to_string()),
            _ => None,
        })
        .unwrap_or_else(|| default.to_string())
}

/// Ids defined by an IDL file: its shapes and inline input/output structures.
fn defined_by<'a>(file: &File<'a>, out: &mut BTreeMap<ShapeId, &'a str>) {
    let Some((ns, _)) = &file.namespace else {
        return;
    };
    let input = suffix(file, "operationInputSuffix", "Input");
    let output = suffix(file, "operationOutputSuffix", "Output");
    for s in &file.shapes {
        let kind = if s.kind == "set" { "list" } else { s.kind };
        out.insert(ShapeId::new(ns, s.name), kind);
        if let Body::Operation(op) = &s.body {
            if matches!(op.input, Some(IoRef::Inline(_))) {
                out.insert(ShapeId::new(ns, &format!("{}{input}", s.name)), "structure");
            }
            if matches!(op.output, Some(IoRef::Inline(_))) {
                out.insert(
                    ShapeId::new(ns, &format!("{}{output}", s.name)),
                    "structure",
                );
            }
        }
    }
}

pub(crate) fn resolve(inputs: &[Input<'_>]) -> Resolved {
    let mut defined = BTreeMap::new();
    for input in inputs {
        match input {
            Input::Idl(f) => defined_by(f, &mut defined),
            Input::Json(v) => {
                for (k, s) in v
                    .get("shapes")
                    .and_then(Value::as_object)
                    .into_iter()
                    .flatten()
                {
                    if let (Ok(id), Some(t)) =
                        (ShapeId::parse(k), s.get("type").and_then(Value::as_str))
                        && t != "apply"
                    {
                        defined.insert(id, t);
                    }
                }
            }
        }
    }
    let known = Known { defined };
    // Every shape and member gets a place: sized up front, the maps never grow (rehashing
    // every id).
    let places: usize = inputs
        .iter()
        .map(|i| match i {
            Input::Idl(f) => f.shapes.iter().map(|s| 1 + places_in(&s.body)).sum(),
            Input::Json(_) => 0,
        })
        .sum();
    let mut r = Resolver {
        known: &known,
        problems: Vec::new(),
        locations: HashMap::with_capacity_and_hasher(places, Default::default()),
        trait_spans: HashMap::with_capacity_and_hasher(places, Default::default()),
        applies: Vec::new(),
        elided: Vec::new(),
    };
    let mut docs = Vec::with_capacity(inputs.len());
    for (index, input) in inputs.iter().enumerate() {
        docs.push(match input {
            Input::Idl(f) => Some(r.file(index, f)),
            Input::Json(_) => None,
        });
    }
    r.resolve_elided(&mut docs, inputs);
    Resolved {
        docs,
        applies: r.applies,
        locations: r.locations,
        trait_spans: r.trait_spans,
        problems: r.problems,
    }
}

/// Where [`Resolver::trait_list`] puts the traits it resolves: an `apply` statement's list
/// (in order) or a shape's or member's map.
trait TraitSink {
    fn has(&self, id: &ShapeId) -> bool;
    fn put(&mut self, id: ShapeId, value: Value);
    /// Doc comments come before the traits written after them.
    fn put_first(&mut self, id: ShapeId, value: Value);
}

impl TraitSink for Applied {
    fn has(&self, id: &ShapeId) -> bool {
        self.iter().any(|(k, _)| k == id)
    }
    fn put(&mut self, id: ShapeId, value: Value) {
        self.push((id, value));
    }
    fn put_first(&mut self, id: ShapeId, value: Value) {
        self.insert(0, (id, value));
    }
}

impl TraitSink for BTreeMap<ShapeId, Value> {
    fn has(&self, id: &ShapeId) -> bool {
        self.contains_key(id)
    }
    fn put(&mut self, id: ShapeId, value: Value) {
        self.insert(id, value);
    }
    fn put_first(&mut self, id: ShapeId, value: Value) {
        self.insert(id, value);
    }
}

/// How many members (inline input and output structures included) a shape body defines.
fn places_in(body: &Body<'_>) -> usize {
    match body {
        Body::Members(m) => m.len(),
        Body::Operation(op) => [&op.input, &op.output]
            .into_iter()
            .map(|io| match io {
                Some(IoRef::Inline(s)) => 1 + s.members.len(),
                _ => 0,
            })
            .sum(),
        Body::None | Body::Entity(_) => 0,
    }
}

/// An elided member waiting for its target: document, shape key, member name, where.
struct Elided {
    doc: usize,
    shape: ShapeId,
    member: String,
    span: Span,
    for_resource: Option<ShapeId>,
    mixins: Vec<ShapeId>,
}

struct Resolver<'k> {
    known: &'k Known<'k>,
    problems: Vec<RProblem>,
    locations: HashMap<ShapeId, (usize, Span)>,
    trait_spans: TraitSpans,
    applies: Vec<(ShapeId, Applied, (usize, Span))>,
    elided: Vec<Elided>,
}

impl Resolver<'_> {
    fn problem(&mut self, cx: &FileCx<'_>, span: &Span, message: impl Into<String>) {
        self.problems.push(RProblem {
            warning: false,
            at: Some((cx.index, span.clone())),
            shape: None,
            message: message.into(),
        });
    }

    fn file(&mut self, index: usize, file: &File) -> Built {
        let version = match version_of(file) {
            Ok(v) => v,
            Err((span, m)) => {
                self.problems.push(RProblem {
                    warning: false,
                    at: Some((index, span)),
                    shape: None,
                    message: m,
                });
                IdlVersion::V2
            }
        };
        let namespace = file
            .namespace
            .as_ref()
            .map_or_else(|| "smithy.api".to_string(), |(n, _)| n.to_string());
        let mut cx = FileCx {
            index,
            namespace,
            uses: HashMap::default(),
            version,
            known: self.known,
            input_suffix: suffix(file, "operationInputSuffix", "Input"),
            output_suffix: suffix(file, "operationOutputSuffix", "Output"),
            resolved: Default::default(),
            scratch: Default::default(),
        };
        for (key, span, value) in &file.controls {
            match &**key {
                "operationInputSuffix" | "operationOutputSuffix" => {
                    if !matches!(value, Node::Str(_)) {
                        self.problem(&cx, span, format!("`${key}` needs a string value"));
                    }
                }
                other => self.problems.push(RProblem {
                    warning: true,
                    at: Some((index, span.clone())),
                    shape: None,
                    message: format!("unknown control statement `${other}` is ignored"),
                }),
            }
        }
        for u in &file.uses {
            let Ok(id) = ShapeId::parse(u.text) else {
                self.problem(
                    &cx,
                    &u.span,
                    format!("`{}` is not a valid shape id", u.text),
                );
                continue;
            };
            let name = id.name().to_string();
            if let Some(prev) = cx.uses.get(&name) {
                if *prev != id {
                    self.problem(
                        &cx,
                        &u.span,
                        format!(
                            "`use {id}` conflicts with `use {prev}`: both import the name `{name}`"
                        ),
                    );
                }
                continue;
            }
            if file.shapes.iter().any(|s| s.name == name) && id.namespace() != cx.namespace {
                self.problem(
                    &cx,
                    &u.span,
                    format!("`use {id}` conflicts with the shape `{name}` this file defines"),
                );
                continue;
            }
            cx.uses.insert(name, id);
        }
        let mut metadata = Map::new();
        for (key, _, value) in &file.metadata {
            let v = self.node(&cx, value);
            metadata.insert(key.to_string(), v);
        }
        let mut shapes = Shapes::default();
        for s in &file.shapes {
            self.shape(&cx, s, &mut shapes);
        }
        for a in &file.applies {
            let Some(tid) = self.reference(&cx, &a.target) else {
                continue;
            };
            let mut traits = Applied::new();
            self.trait_list(&cx, &a.traits, None, &tid, &mut traits);
            self.applies
                .push((tid, traits, (index, a.target.span.clone())));
        }
        Built {
            version: cx.version,
            metadata,
            shapes: shapes.list,
        }
    }

    /// Resolves a relative or absolute shape id (members allowed).
    fn reference(&mut self, cx: &FileCx<'_>, r: &Ref) -> Option<ShapeId> {
        match resolve_text(cx, r.text) {
            Ok(id) => Some(id),
            Err(e) => {
                self.problem(cx, &r.span, e);
                None
            }
        }
    }

    /// A reference to a root shape (no member).
    fn root_reference(&mut self, cx: &FileCx<'_>, r: &Ref, what: &str) -> Option<ShapeId> {
        let id = self.reference(cx, r)?;
        if id.member().is_some() {
            self.problem(cx, &r.span, format!("{what} cannot be a member id"));
            return None;
        }
        Some(id)
    }

    fn node(&mut self, cx: &FileCx<'_>, n: &Node) -> Value {
        match n {
            Node::Null => Value::Null,
            Node::Bool(b) => Value::Bool(*b),
            Node::Str(s) => Value::String(s.to_string()),
            Node::Number(text, span) => match number(text) {
                Some(n) => Value::Number(n),
                None => {
                    self.problem(cx, span, format!("number `{text}` is out of range"));
                    Value::Null
                }
            },
            Node::ShapeId(r) => match resolve_text(cx, r.text) {
                Ok(id) if self.exists(&id) => Value::String(id.to_string()),
                Ok(id) => {
                    self.problem(
                        cx,
                        &r.span,
                        format!(
                            "syntactic shape id `{}` does not resolve to a defined shape (`{id}`); quote it if it is a string",
                            r.text
                        ),
                    );
                    Value::String(r.text.to_string())
                }
                Err(e) => {
                    self.problem(cx, &r.span, e);
                    Value::String(r.text.to_string())
                }
            },
            Node::Array(items) => Value::Array(items.iter().map(|i| self.node(cx, i)).collect()),
            Node::Object(entries) => Value::Object(
                entries
                    .iter()
                    .map(|(k, _, v)| (k.to_string(), self.node(cx, v)))
                    .collect(),
            ),
        }
    }

    fn exists(&self, id: &ShapeId) -> bool {
        let root = id.root();
        self.known.defined.contains_key(&root)
            || (root.is_prelude() && builtin::in_prelude(root.name()))
            || builtin::trait_kind(root.namespace(), root.name()).is_some()
            || builtin::is_other_shape(&root.to_string())
    }

    /// Trait applications → `(id, value)` into `out`, in order; doc comments become
    /// `@documentation`.
    fn trait_list(
        &mut self,
        cx: &FileCx<'_>,
        traits: &[ast::TraitApp],
        docs: Option<&(std::borrow::Cow<'_, str>, Span)>,
        owner: &ShapeId,
        out: &mut impl TraitSink,
    ) {
        let mut spans = Vec::with_capacity(traits.len());
        for t in traits {
            let Some(id) = self.root_reference(cx, &t.id, "a trait") else {
                continue;
            };
            let value = match &t.value {
                Some(v) => self.node(cx, v),
                None => match cx.known.kind(&id) {
                    Some(ShapeKind::List) => Value::Array(Vec::new()),
                    _ => Value::Object(Map::new()),
                },
            };
            if out.has(&id) {
                self.problem(cx, &t.id.span, format!("trait `{id}` is applied twice"));
                continue;
            }
            spans.push((id.clone(), (cx.index, t.id.span.clone())));
            out.put(id, value);
        }
        if !spans.is_empty() {
            // The first application of a trait to a shape or member is where it is shown.
            use std::collections::hash_map::Entry;
            match self.trait_spans.entry(owner.clone()) {
                Entry::Occupied(e) => e.into_mut().extend(spans),
                Entry::Vacant(e) => {
                    e.insert(spans);
                }
            }
        }
        if let Some((text, span)) = docs {
            let doc = prelude_ids::DOCUMENTATION.clone();
            if out.has(&doc) {
                self.problem(
                    cx,
                    span,
                    "documentation is given both as doc comments and as @documentation",
                );
            } else {
                out.put_first(doc, Value::String(text.to_string()));
            }
        }
    }

    fn traits_value(
        &mut self,
        cx: &FileCx<'_>,
        traits: &ast::Traits,
        extra: Applied,
        owner: &ShapeId,
    ) -> Traits {
        // Straight into the shape's map: no list in between (one allocation fewer per shape
        // or member with traits).
        let mut map: BTreeMap<ShapeId, Value> = BTreeMap::new();
        self.trait_list(cx, &traits.list, traits.docs.as_ref(), owner, &mut map);
        for (id, v) in extra {
            map.entry(id).or_insert(v);
        }
        Traits::from_map(map)
    }

    /// Records where shape `id` is defined; false (and a problem) when this file already
    /// defines it. (Other files may define it again, identically: the loader checks that.)
    fn define(&mut self, cx: &FileCx<'_>, id: &ShapeId, span: &Span) -> bool {
        use std::collections::hash_map::Entry;
        match self.locations.entry(id.clone()) {
            Entry::Occupied(e) if e.get().0 == cx.index => {
                self.problem(cx, span, format!("shape `{id}` is defined twice"));
                false
            }
            Entry::Occupied(mut e) => {
                e.insert((cx.index, span.clone()));
                true
            }
            Entry::Vacant(e) => {
                e.insert((cx.index, span.clone()));
                true
            }
        }
    }

    fn v2_only(&mut self, cx: &FileCx<'_>, span: &Span, what: &str) {
        if cx.version == IdlVersion::V1 {
            self.problem(
                cx,
                span,
                format!("{what} can only be used in IDL version 2.0 or later"),
            );
        }
    }

    fn shape(&mut self, cx: &FileCx<'_>, s: &ShapeDef, out: &mut Shapes) {
        let id = ShapeId::new(&cx.namespace, s.name);
        let valid = |n: &str| crate::shape_id::is_identifier(n);
        if !valid(s.name) || !cx.namespace.split('.').all(valid) {
            self.problem(
                cx,
                &s.span,
                format!("`{}` is not a valid shape name", s.name),
            );
            return;
        }
        if let Some(imported) = cx.uses.get(s.name)
            && *imported != id
        {
            self.problem(
                cx,
                &s.span,
                format!(
                    "shape name `{}` conflicts with the imported shape `{imported}`",
                    s.name
                ),
            );
        }
        if !self.define(cx, &id, &s.span) {
            return;
        }
        let kind = match s.kind {
            "set" if cx.version == IdlVersion::V2 => {
                self.problem(
                    cx,
                    &s.span,
                    "set shapes cannot be used in IDL version 2.0; use a list with @uniqueItems",
                );
                "list"
            }
            "enum" | "intEnum" if cx.version == IdlVersion::V1 => {
                self.problem(
                    cx,
                    &s.span,
                    format!("{} shapes cannot be used in IDL version 1.0", s.kind),
                );
                s.kind
            }
            k => k,
        };
        let Some(shape_kind) = ShapeKind::from_ast(kind) else {
            self.problem(cx, &s.span, format!("unknown shape type `{kind}`"));
            return;
        };
        if let Some(span) = &s.mixins_span {
            self.v2_only(cx, span, "mixins");
        }
        if let Some(t) = s
            .traits
            .list
            .iter()
            .find(|t| t.id.text == "mixin" || t.id.text == "smithy.api#mixin")
        {
            self.v2_only(cx, &t.id.span, &format!("the @mixin trait (on `{id}`)"));
        }
        let mixins: Vec<ShapeId> = s
            .mixins
            .iter()
            .filter_map(|m| self.root_reference(cx, m, "a mixin"))
            .collect();
        let for_resource = s.for_resource.as_ref().and_then(|r| {
            self.v2_only(cx, &r.span, "binding a structure to a resource with `for`");
            let t = self.root_reference(cx, r, "a `for` resource")?;
            match self.known.defined.get(&t).copied() {
                Some("resource") | None => {}
                Some(other) => self.problem(
                    cx,
                    &r.span,
                    format!(
                        "the target of `for` must be a resource shape, but {t} is a {other} shape"
                    ),
                ),
            }
            Some(t)
        });
        let mut traits = self.traits_value(cx, &s.traits, Vec::new(), &id);
        if kind == "set" && !traits.is_unique_items() {
            traits.insert(
                ShapeId::new("smithy.api", "uniqueItems"),
                Value::Object(Map::new()),
            );
        }
        let body = match &s.body {
            Body::None => ShapeBody::Members(Vec::new()),
            Body::Members(members) => {
                ShapeBody::Members(self.members(cx, &id, kind, members, &for_resource, &mixins))
            }
            Body::Entity(entries) => self.entity(cx, &id, shape_kind, entries),
            Body::Operation(op) => {
                let mut data = OperationData {
                    input: unit(),
                    output: unit(),
                    errors: Vec::new(),
                };
                for (key, io, suffix, trait_name) in [
                    ("input", &op.input, &cx.input_suffix, "input"),
                    ("output", &op.output, &cx.output_suffix, "output"),
                ] {
                    let slot = if key == "input" {
                        &mut data.input
                    } else {
                        &mut data.output
                    };
                    match io {
                        None => {}
                        Some(IoRef::Target(r)) => {
                            if let Some(t) = self.root_reference(cx, r, key) {
                                *slot = t;
                            }
                        }
                        Some(IoRef::Inline(inline)) => {
                            self.v2_only(cx, &inline.span, "inline input and output structures");
                            let sid = ShapeId::new(&cx.namespace, &format!("{}{suffix}", s.name));
                            *slot = sid.clone();
                            self.inline(cx, &sid, inline, trait_name, out);
                        }
                    }
                }
                if let Some(errors) = &op.errors {
                    data.errors = errors
                        .iter()
                        .filter_map(|e| self.root_reference(cx, e, "an error"))
                        .collect();
                }
                ShapeBody::Operation(data)
            }
        };
        let mut shape = Shape {
            id,
            kind: shape_kind,
            traits,
            body,
        };
        if let ShapeBody::Members(members) = &mut shape.body {
            if shape_kind == ShapeKind::Enum {
                for m in members.iter_mut() {
                    // An enum member without a value has its own name as value.
                    if !m.traits.has(crate::traits::ids::ENUM_VALUE) {
                        m.traits.insert(
                            prelude_ids::ENUM_VALUE.clone(),
                            Value::String(m.name.clone()),
                        );
                    }
                }
            }
            let need: &[&str] = match shape_kind {
                ShapeKind::List => &["member"],
                ShapeKind::Map => &["key", "value"],
                _ => &[],
            };
            if shape_kind == ShapeKind::Map {
                // The key before the value, whatever order they were written in.
                members.sort_by_key(|m| m.name != "key");
            }
            // A list or map may get its members from a mixin: checked once they are flattened.
            if mixins.is_empty() {
                for name in need {
                    if !members.iter().any(|m| m.name == *name) {
                        self.problems.push(RProblem {
                            warning: false,
                            at: Some((cx.index, s.span.clone())),
                            shape: Some(shape.id.to_string()),
                            message: format!("{kind} shape needs a `{name}` member"),
                        });
                    }
                }
            }
        }
        load::remember_mixins(&mut shape, &mixins);
        out.push(shape);
    }

    fn inline(
        &mut self,
        cx: &FileCx<'_>,
        id: &ShapeId,
        inline: &ast::InlineStructure,
        trait_name: &str,
        out: &mut Shapes,
    ) {
        if !self.define(cx, id, &inline.span) {
            return;
        }
        let mixins: Vec<ShapeId> = inline
            .mixins
            .iter()
            .filter_map(|m| self.root_reference(cx, m, "a mixin"))
            .collect();
        let for_resource = inline
            .for_resource
            .as_ref()
            .and_then(|r| self.root_reference(cx, r, "a `for` resource"));
        let io_trait = vec![(
            match trait_name {
                "input" => prelude_ids::INPUT.clone(),
                _ => prelude_ids::OUTPUT.clone(),
            },
            Value::Object(Map::new()),
        )];
        let traits = self.traits_value(cx, &inline.traits, io_trait, id);
        let members = self.members(cx, id, "structure", &inline.members, &for_resource, &mixins);
        let mut shape = Shape {
            id: id.clone(),
            kind: ShapeKind::Structure,
            traits,
            body: ShapeBody::Members(members),
        };
        load::remember_mixins(&mut shape, &mixins);
        out.push(shape);
    }

    fn members(
        &mut self,
        cx: &FileCx<'_>,
        id: &ShapeId,
        kind: &str,
        members: &[MemberDef],
        for_resource: &Option<ShapeId>,
        mixins: &[ShapeId],
    ) -> Vec<Member> {
        let mut out: Vec<Member> = Vec::with_capacity(members.len());
        for m in members {
            let mid = id.with_member(m.name);
            self.locations
                .insert(mid.clone(), (cx.index, m.span.clone()));
            let mut extra: Applied = Vec::new();
            let member_target = match kind {
                "enum" | "intEnum" => {
                    if let Some((v, _)) = &m.value {
                        let value = self.node(cx, v);
                        let ok = if kind == "enum" {
                            value.is_string()
                        } else {
                            value.is_i64() || value.is_u64()
                        };
                        if !ok {
                            let want = if kind == "enum" {
                                "a string"
                            } else {
                                "an integer"
                            };
                            self.problem(
                                cx,
                                &m.span,
                                format!("{mid}: {kind} members need {want} value, found {value}"),
                            );
                        } else if kind == "intEnum"
                            && value.as_i64().is_none_or(|i| i32::try_from(i).is_err())
                        {
                            self.problem(cx, &m.span, format!("{mid}: intEnum values must fit in a 32-bit integer, found {value}"));
                        }
                        extra.push((prelude_ids::ENUM_VALUE.clone(), value));
                    }
                    unit()
                }
                _ => {
                    if let Some((v, eq)) = &m.value {
                        self.v2_only(cx, eq, "default values (`= value`)");
                        let value = self.node(cx, v);
                        extra.push((prelude_ids::DEFAULT.clone(), value));
                    }
                    match &m.target {
                        Some(t) => {
                            let Some(t) = self.root_reference(cx, t, "a member target") else {
                                continue;
                            };
                            t
                        }
                        None => {
                            self.v2_only(cx, &m.span, "elided member targets (`$name`)");
                            self.elided.push(Elided {
                                doc: cx.index,
                                shape: id.clone(),
                                member: m.name.to_string(),
                                span: m.span.clone(),
                                for_resource: for_resource.clone(),
                                mixins: mixins.to_vec(),
                            });
                            elided()
                        }
                    }
                }
            };
            match kind {
                "list" | "set" if m.name != "member" => {
                    self.problem(
                        cx,
                        &m.span,
                        format!("a list's only member is `member`, not `{}`", m.name),
                    );
                    continue;
                }
                "map" if m.name != "key" && m.name != "value" => {
                    self.problem(
                        cx,
                        &m.span,
                        format!("a map's members are `key` and `value`, not `{}`", m.name),
                    );
                    continue;
                }
                _ => {}
            }
            if !crate::shape_id::is_identifier(m.name) {
                self.member_problem(cx, &mid, &m.span, "member name is not a valid identifier");
                continue;
            }
            if out.iter().any(|o| o.name.eq_ignore_ascii_case(m.name)) {
                self.member_problem(
                    cx,
                    &mid,
                    &m.span,
                    "member name conflicts case-insensitively with another member",
                );
                continue;
            }
            let traits = self.traits_value(cx, &m.traits, extra, &mid);
            out.push(Member {
                id: mid,
                name: m.name.to_string(),
                target: member_target,
                traits,
            });
        }
        out
    }

    /// A problem of a member, shown at its definition.
    fn member_problem(&mut self, cx: &FileCx<'_>, mid: &ShapeId, span: &Span, message: &str) {
        self.problems.push(RProblem {
            warning: false,
            at: Some((cx.index, span.clone())),
            shape: Some(mid.to_string()),
            message: message.to_string(),
        });
    }

    fn entity(
        &mut self,
        cx: &FileCx<'_>,
        id: &ShapeId,
        kind: ShapeKind,
        entries: &[ast::Entry<'_>],
    ) -> ShapeBody {
        let single = |r: &mut Self, n: &Node, span: &Span| -> Option<ShapeId> {
            match n {
                Node::ShapeId(rf) => r.root_reference(cx, rf, "a shape reference"),
                Node::Str(s) => r.root_reference(
                    cx,
                    &Ref {
                        text: s,
                        span: span.clone(),
                    },
                    "a shape reference",
                ),
                _ => {
                    r.problem(cx, span, "expected a shape id");
                    None
                }
            }
        };
        let mut service = ServiceData::default();
        let mut resource = ResourceData::default();
        let is_service = kind == ShapeKind::Service;
        for (key, span, value) in entries {
            let list = |r: &mut Self| -> Vec<ShapeId> {
                match value {
                    Node::Array(items) => items.iter().filter_map(|i| single(r, i, span)).collect(),
                    _ => {
                        r.problem(cx, span, format!("`{key}` must be a list of shape ids"));
                        Vec::new()
                    }
                }
            };
            match (is_service, &**key) {
                (true, "version") => match value {
                    Node::Str(s) => service.version = Some(s.to_string()),
                    _ => self.problem(cx, span, "a service `version` must be a string"),
                },
                (true, "operations") => service.operations = list(self),
                (true, "resources") => service.resources = list(self),
                (true, "errors") => service.errors = list(self),
                (false, "operations") => resource.operations = list(self),
                (false, "collectionOperations") => resource.collection_operations = list(self),
                (false, "resources") => resource.resources = list(self),
                (true, "rename") => match value {
                    Node::Object(items) => {
                        for (k, kspan, v) in items {
                            let Some(kid) = self.root_reference(
                                cx,
                                &Ref {
                                    text: k,
                                    span: kspan.clone(),
                                },
                                "a rename key",
                            ) else {
                                continue;
                            };
                            match v {
                                Node::Str(s) => {
                                    service.rename.insert(kid, s.to_string());
                                }
                                _ => self.problem(cx, kspan, "a rename value must be a string"),
                            }
                        }
                    }
                    _ => self.problem(cx, span, "`rename` must be an object"),
                },
                (false, "identifiers" | "properties") => {
                    if key == "properties" {
                        self.v2_only(cx, span, "resource properties");
                    }
                    match value {
                        Node::Object(items) => {
                            let mut m = BTreeMap::new();
                            for (k, kspan, v) in items {
                                if let Some(t) = single(self, v, kspan) {
                                    m.insert(k.to_string(), t);
                                }
                            }
                            if key == "identifiers" {
                                resource.identifiers = m;
                            } else {
                                resource.properties = m;
                            }
                        }
                        _ => self.problem(cx, span, format!("`{key}` must be an object")),
                    }
                }
                (false, "create" | "put" | "read" | "update" | "delete" | "list") => {
                    let t = single(self, value, span);
                    let slot = match &**key {
                        "create" => &mut resource.create,
                        "put" => &mut resource.put,
                        "read" => &mut resource.read,
                        "update" => &mut resource.update,
                        "delete" => &mut resource.delete,
                        _ => &mut resource.list,
                    };
                    *slot = t;
                }
                _ => self.problem(
                    cx,
                    span,
                    format!("unknown {kind} property `{key}` of `{id}`"),
                ),
            }
        }
        if is_service {
            ShapeBody::Service(service)
        } else {
            ShapeBody::Resource(resource)
        }
    }

    /// Fills in elided member targets from `for` resources and mixins (in any document),
    /// repeating while one elision depends on another.
    fn resolve_elided(&mut self, docs: &mut [Option<Built>], inputs: &[Input<'_>]) {
        let mut pending = std::mem::take(&mut self.elided);
        if pending.is_empty() {
            return;
        }
        // Where each built shape is: document and position.
        let mut at: HashMap<ShapeId, (usize, usize)> = HashMap::default();
        for (d, doc) in docs.iter().enumerate() {
            for (i, s) in doc.iter().flat_map(|b| b.shapes.iter()).enumerate() {
                at.entry(s.id.clone()).or_insert((d, i));
            }
        }
        loop {
            let before = pending.len();
            let mut still = Vec::new();
            for e in pending {
                match find_elided(docs, &at, inputs, &e) {
                    Some(t) => {
                        if let Some(&(d, i)) = at.get(&e.shape)
                            && let Some(b) = docs[d].as_mut()
                            && let ShapeBody::Members(ms) = &mut b.shapes[i].body
                            && let Some(m) = ms.iter_mut().find(|m| m.name == e.member)
                        {
                            m.target = t;
                        }
                    }
                    None => still.push(e),
                }
            }
            if still.is_empty() || still.len() == before {
                for e in still {
                    self.problems.push(RProblem {
                        warning: false,
                        at: Some((e.doc, e.span.clone())),
                        shape: Some(format!("{}${}", e.shape, e.member)),
                        message: format!(
                            "{}${}: the member's target was elided, but no `for` resource or mixin has an identifier, property or member `{}`",
                            e.shape, e.member, e.member
                        ),
                    });
                }
                return;
            }
            pending = still;
        }
    }
}

/// The target an elided member has until it is resolved.
fn elided() -> ShapeId {
    prelude_ids::ELIDED.clone()
}

fn unit() -> ShapeId {
    prelude_ids::UNIT.clone()
}

/// The shapes of one file, in order.
#[derive(Default)]
struct Shapes {
    list: Vec<Shape>,
}

impl Shapes {
    fn push(&mut self, shape: Shape) {
        self.list.push(shape);
    }
}

/// A shape as the elision lookup needs it: built from the IDL, or a JSON AST document's.
enum Found<'a> {
    Built(&'a Shape),
    Json(&'a Value),
}

fn find_shape<'a>(
    docs: &'a [Option<Built>],
    at: &HashMap<ShapeId, (usize, usize)>,
    inputs: &'a [Input<'_>],
    id: &ShapeId,
) -> Option<Found<'a>> {
    if let Some(&(d, i)) = at.get(id) {
        return docs[d].as_ref().map(|b| Found::Built(&b.shapes[i]));
    }
    let key = id.to_string();
    inputs.iter().find_map(|i| match i {
        Input::Json(v) => v.get("shapes")?.get(&key).map(Found::Json),
        Input::Idl(_) => None,
    })
}

fn find_elided(
    docs: &[Option<Built>],
    at: &HashMap<ShapeId, (usize, usize)>,
    inputs: &[Input<'_>],
    e: &Elided,
) -> Option<ShapeId> {
    if let Some(r) = &e.for_resource {
        match find_shape(docs, at, inputs, r) {
            Some(Found::Built(res)) => {
                if let Some(res) = res.as_resource()
                    && let Some(t) = res
                        .identifiers
                        .get(&e.member)
                        .or_else(|| res.properties.get(&e.member))
                {
                    return Some(t.clone());
                }
            }
            Some(Found::Json(res)) => {
                for prop in ["identifiers", "properties"] {
                    if let Some(t) = res
                        .get(prop)
                        .and_then(|p| p.get(&e.member))
                        .and_then(|t| t.get("target"))
                        .and_then(Value::as_str)
                        .and_then(|t| ShapeId::parse(t).ok())
                    {
                        return Some(t);
                    }
                }
            }
            None => {}
        }
    }
    // Through the mixins and their mixins.
    let mut queue: Vec<ShapeId> = e.mixins.clone();
    let mut seen = BTreeSet::new();
    while let Some(m) = queue.pop() {
        if !seen.insert(m.clone()) || seen.len() > 10_000 {
            continue;
        }
        match find_shape(docs, at, inputs, &m) {
            None => {}
            Some(Found::Built(shape)) => {
                if let Some(member) = shape.member(&e.member) {
                    if member.target != elided() {
                        return Some(member.target.clone());
                    }
                    return None; // elided in the mixin too: wait for it
                }
                queue.extend(load::remembered_mixins(shape));
            }
            Some(Found::Json(shape)) => {
                let member = shape
                    .get("members")
                    .and_then(|ms| ms.get(&e.member))
                    .or_else(|| shape.get(&e.member));
                if let Some(t) = member.and_then(|m| m.get("target")).and_then(Value::as_str) {
                    return ShapeId::parse(t).ok();
                }
                for mm in shape
                    .get("mixins")
                    .and_then(Value::as_array)
                    .into_iter()
                    .flatten()
                {
                    if let Some(id) = mm
                        .get("target")
                        .and_then(Value::as_str)
                        .and_then(|s| ShapeId::parse(s).ok())
                    {
                        queue.push(id);
                    }
                }
            }
        }
    }
    None
}

fn resolve_text(cx: &FileCx<'_>, text: &str) -> Result<ShapeId, String> {
    // A byte test: ids are short, and a char search's set-up costs more than the scan.
    if text.as_bytes().contains(&b'#') {
        return ShapeId::parse(text).map_err(|e| e.to_string());
    }
    if let Some(id) = cx.resolved.borrow().get(text) {
        return Ok(id.clone());
    }
    let id = resolve_relative(cx, text);
    cx.resolved
        .borrow_mut()
        .insert(text.to_string(), id.clone());
    Ok(id)
}

fn resolve_relative(cx: &FileCx<'_>, text: &str) -> ShapeId {
    let (name, member) = match text.split_once('$') {
        Some((n, m)) => (n, Some(m)),
        None => (text, None),
    };
    // A defined shape `ns#name`: its id is the map's key, shared, so looking it up by text (in
    // a reused buffer) builds no id.
    let defined = |ns: &str| {
        let mut key = cx.scratch.borrow_mut();
        key.clear();
        key.push_str(ns);
        key.push('#');
        key.push_str(name);
        cx.known
            .defined
            .get_key_value(key.as_str())
            .map(|(id, _)| id.clone())
    };
    let root = if let Some(id) = cx.uses.get(name) {
        id.clone()
    } else if let Some(local) = defined(&cx.namespace) {
        local
    } else if builtin::in_prelude(name) {
        ShapeId::new("smithy.api", name)
    } else if let Some(prelude) = defined("smithy.api") {
        prelude
    } else {
        ShapeId::new(&cx.namespace, name)
    };
    // The parser only builds relative ids from identifier tokens, so no re-parse is needed.
    match member {
        Some(m) => root.with_member(m),
        None => root,
    }
}

/// An IDL number as a JSON number: integers stay exact when they fit 64 bits.
fn number(text: &str) -> Option<Number> {
    if !text.contains(['.', 'e', 'E']) {
        if let Ok(i) = text.parse::<i64>() {
            return Some(Number::from(i));
        }
        if let Ok(u) = text.parse::<u64>() {
            return Some(Number::from(u));
        }
    }
    let f: f64 = text.parse().ok()?;
    Number::from_f64(f).filter(|_| f.is_finite())
}
