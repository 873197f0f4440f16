//! Reading a Smithy JSON AST document into shapes (versions 1.0 and 2.0).
//!
//! Loading collects every structural problem it finds instead of stopping at the first one;
//! semantic checks live in [`crate::validate`].

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{Map, Value};

use crate::shape::{Member, OperationData, ResourceData, ServiceData, Shape, ShapeBody, ShapeKind};
use crate::traits::ids;
use crate::{Problem, ShapeId, Traits};

/// The Smithy IDL version a document was written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IdlVersion {
    /// Smithy 1.0 (boxed/unboxed members, `set`).
    V1,
    /// Smithy 2.0.
    V2,
}

pub(crate) struct Loaded {
    pub shapes: BTreeMap<ShapeId, Shape>,
    pub metadata: Map<String, Value>,
    pub version: IdlVersion,
    /// Shapes from 1.0 documents, which get 1.0 boxing semantics.
    pub v1_shapes: BTreeSet<ShapeId>,
}

struct Loader {
    problems: Vec<Problem>,
    version: IdlVersion,
}

fn unit() -> ShapeId {
    crate::shape_id::prelude_ids::UNIT.clone()
}

impl Loader {
    fn shape_id(
        &mut self,
        owner: &str,
        member: Option<&str>,
        what: &str,
        v: &str,
    ) -> Option<ShapeId> {
        match ShapeId::parse(v) {
            Ok(id) if id.member().is_none() => Some(id),
            Ok(_) => {
                self.push(
                    owner,
                    member,
                    format!("{what} `{v}` must not name a member"),
                );
                None
            }
            Err(e) => {
                self.push(owner, member, format!("{what}: {e}"));
                None
            }
        }
    }

    fn push(&mut self, owner: &str, member: Option<&str>, message: String) {
        self.problems.push(match member {
            Some(m) => Problem::member(owner, m, message),
            None => Problem::shape(owner, message),
        });
    }

    fn traits(&mut self, owner: &str, member: Option<&str>, v: Option<&Value>) -> Traits {
        let mut map = BTreeMap::new();
        match v {
            None => {}
            Some(Value::Object(obj)) => {
                for (k, v) in obj {
                    if let Some(id) = self.shape_id(owner, member, "trait id", k) {
                        map.insert(id, v.clone());
                    }
                }
            }
            Some(_) => self.push(owner, member, "`traits` must be an object".into()),
        }
        Traits::from_map(map)
    }

    /// `{"target": "ns#Shape"}` → the target id.
    fn target_ref(
        &mut self,
        owner: &str,
        member: Option<&str>,
        what: &str,
        v: &Value,
    ) -> Option<ShapeId> {
        match v.get("target").and_then(Value::as_str) {
            Some(t) => self.shape_id(owner, member, what, t),
            None => {
                self.push(
                    owner,
                    member,
                    format!("{what} must be an object with a string `target`"),
                );
                None
            }
        }
    }

    fn target_list(&mut self, owner: &str, what: &str, v: Option<&Value>) -> Vec<ShapeId> {
        match v {
            None => Vec::new(),
            Some(Value::Array(items)) => items
                .iter()
                .filter_map(|i| self.target_ref(owner, None, what, i))
                .collect(),
            Some(_) => {
                self.push(
                    owner,
                    None,
                    format!("`{what}` must be a list of shape references"),
                );
                Vec::new()
            }
        }
    }

    fn optional_target(&mut self, owner: &str, what: &str, v: Option<&Value>) -> Option<ShapeId> {
        v.and_then(|v| self.target_ref(owner, None, what, v))
    }

    fn member(&mut self, owner: &ShapeId, name: &str, v: &Value) -> Option<Member> {
        let owner_s = owner.to_string();
        if !v.is_object() {
            self.push(&owner_s, Some(name), "member must be an object".into());
            return None;
        }
        let target = self.target_ref(&owner_s, Some(name), "member target", v)?;
        let traits = self.traits(&owner_s, Some(name), v.get("traits"));
        Some(Member {
            id: owner.with_member(name),
            name: name.to_string(),
            target,
            traits,
        })
    }

    fn members(&mut self, id: &ShapeId, obj: &Map<String, Value>) -> Vec<Member> {
        let owner = id.to_string();
        match obj.get("members") {
            None => Vec::new(),
            Some(Value::Object(members)) => {
                let mut out = Vec::with_capacity(members.len());
                for (name, m) in members {
                    if ShapeId::parse(&format!("a#A${name}")).is_err() {
                        self.push(
                            &owner,
                            Some(name),
                            "member name is not a valid identifier".into(),
                        );
                        continue;
                    }
                    if out
                        .iter()
                        .any(|o: &Member| o.name.eq_ignore_ascii_case(name))
                    {
                        self.push(
                            &owner,
                            Some(name),
                            "member name conflicts case-insensitively with another member".into(),
                        );
                        continue;
                    }
                    if let Some(m) = self.member(id, name, m) {
                        out.push(m);
                    }
                }
                out
            }
            Some(_) => {
                self.push(&owner, None, "`members` must be an object".into());
                Vec::new()
            }
        }
    }

    /// A list's `member` or a map's `key`/`value`. A shape with mixins may inherit it instead,
    /// so then its absence is checked once mixins are flattened ([`apply_mixins`]).
    fn named_member(
        &mut self,
        id: &ShapeId,
        obj: &Map<String, Value>,
        name: &str,
    ) -> Option<Member> {
        match obj.get(name) {
            Some(v) => self.member(id, name, v),
            None => {
                if !obj.contains_key("mixins") {
                    self.push(
                        &id.to_string(),
                        None,
                        format!(
                            "{} shape needs a `{name}` member",
                            obj.get("type").and_then(Value::as_str).unwrap_or("")
                        ),
                    );
                }
                None
            }
        }
    }

    fn string_map(
        &mut self,
        owner: &str,
        what: &str,
        v: Option<&Value>,
    ) -> BTreeMap<String, ShapeId> {
        let mut out = BTreeMap::new();
        match v {
            None => {}
            Some(Value::Object(m)) => {
                for (k, v) in m {
                    if let Some(t) = self.target_ref(owner, None, what, v) {
                        out.insert(k.clone(), t);
                    }
                }
            }
            Some(_) => self.push(owner, None, format!("`{what}` must be an object")),
        }
        out
    }

    /// Smithy 2.0 features used in a 1.0 document.
    fn v2_only(&mut self, owner: &str, type_name: &str, obj: &Map<String, Value>) {
        let feature = if matches!(type_name, "enum" | "intEnum") {
            Some(format!("{type_name} shapes"))
        } else if obj.contains_key("mixins") {
            Some("mixins".to_string())
        } else if type_name == "resource" && obj.contains_key("properties") {
            Some("resource properties".to_string())
        } else {
            None
        };
        if let Some(feature) = feature {
            self.push(
                owner,
                None,
                format!("{feature} need Smithy 2.0, but the document is 1.0"),
            );
        }
    }

    fn shape(&mut self, id: ShapeId, v: &Value) -> Option<Shape> {
        let owner = id.to_string();
        let Some(obj) = v.as_object() else {
            self.push(&owner, None, "shape must be an object".into());
            return None;
        };
        let Some(type_name) = obj.get("type").and_then(Value::as_str) else {
            self.push(&owner, None, "shape needs a string `type`".into());
            return None;
        };
        let Some(kind) = ShapeKind::from_ast(type_name) else {
            self.push(&owner, None, format!("unknown shape type `{type_name}`"));
            return None;
        };
        if self.version == IdlVersion::V1 {
            self.v2_only(&owner, type_name, obj);
        }
        let mut traits = self.traits(&owner, None, obj.get("traits"));
        if type_name == "set" && !traits.is_unique_items() {
            traits.insert(
                ShapeId::new("smithy.api", "uniqueItems"),
                Value::Object(Map::new()),
            );
        }
        let body = match kind {
            ShapeKind::List => {
                ShapeBody::Members(self.named_member(&id, obj, "member").into_iter().collect())
            }
            ShapeKind::Map => {
                let key = self.named_member(&id, obj, "key");
                let value = self.named_member(&id, obj, "value");
                ShapeBody::Members(key.into_iter().chain(value).collect())
            }
            ShapeKind::Service => ShapeBody::Service(ServiceData {
                version: match obj.get("version") {
                    None => None,
                    Some(Value::String(s)) => Some(s.clone()),
                    Some(_) => {
                        self.push(&owner, None, "`version` must be a string".into());
                        None
                    }
                },
                operations: self.target_list(&owner, "operations", obj.get("operations")),
                resources: self.target_list(&owner, "resources", obj.get("resources")),
                errors: self.target_list(&owner, "errors", obj.get("errors")),
                rename: {
                    let mut out = BTreeMap::new();
                    match obj.get("rename") {
                        None => {}
                        Some(Value::Object(m)) => {
                            for (k, v) in m {
                                let Some(id) = self.shape_id(&owner, None, "rename key", k) else {
                                    continue;
                                };
                                match v.as_str() {
                                    Some(name) => {
                                        out.insert(id, name.to_string());
                                    }
                                    None => self.push(
                                        &owner,
                                        None,
                                        format!("rename of `{k}` must be a string"),
                                    ),
                                }
                            }
                        }
                        Some(_) => self.push(&owner, None, "`rename` must be an object".into()),
                    }
                    out
                },
            }),
            ShapeKind::Operation => ShapeBody::Operation(OperationData {
                input: self
                    .optional_target(&owner, "input", obj.get("input"))
                    .unwrap_or_else(unit),
                output: self
                    .optional_target(&owner, "output", obj.get("output"))
                    .unwrap_or_else(unit),
                errors: self.target_list(&owner, "errors", obj.get("errors")),
            }),
            ShapeKind::Resource => ShapeBody::Resource(ResourceData {
                identifiers: self.string_map(&owner, "identifiers", obj.get("identifiers")),
                properties: self.string_map(&owner, "properties", obj.get("properties")),
                create: self.optional_target(&owner, "create", obj.get("create")),
                put: self.optional_target(&owner, "put", obj.get("put")),
                read: self.optional_target(&owner, "read", obj.get("read")),
                update: self.optional_target(&owner, "update", obj.get("update")),
                delete: self.optional_target(&owner, "delete", obj.get("delete")),
                list: self.optional_target(&owner, "list", obj.get("list")),
                operations: self.target_list(&owner, "operations", obj.get("operations")),
                collection_operations: self.target_list(
                    &owner,
                    "collectionOperations",
                    obj.get("collectionOperations"),
                ),
                resources: self.target_list(&owner, "resources", obj.get("resources")),
            }),
            ShapeKind::Structure | ShapeKind::Union | ShapeKind::Enum | ShapeKind::IntEnum => {
                let mut members = self.members(&id, obj);
                if kind == ShapeKind::Enum {
                    for m in &mut members {
                        // An enum member without @enumValue has its own name as value.
                        if !m.traits.has(ids::ENUM_VALUE) {
                            m.traits.insert(
                                ShapeId::new("smithy.api", "enumValue"),
                                Value::String(m.name.clone()),
                            );
                        }
                    }
                }
                ShapeBody::Members(members)
            }
            _ => {
                if obj.contains_key("members") {
                    self.push(
                        &owner,
                        None,
                        format!("{type_name} shapes cannot have members"),
                    );
                }
                ShapeBody::Members(Vec::new())
            }
        };
        let mixins = self.target_list(&owner, "mixins", obj.get("mixins"));
        let shape = Shape {
            id,
            kind,
            traits,
            body,
        };
        let mut shape = shape;
        remember_mixins(&mut shape, &mixins);
        Some(shape)
    }
}

/// Parses a JSON AST document into shapes; the prelude is not yet merged in.
pub(crate) fn load_document(bytes: &[u8]) -> Result<Loaded, Vec<Problem>> {
    let doc: Value = serde_json::from_slice(bytes)
        .map_err(|e| vec![Problem::document(format!("not a JSON document: {e}"))])?;
    load_values(&[&doc], Vec::new())
}

/// An `apply` statement from outside a JSON AST document (the IDL's `apply`).
pub(crate) type Apply = (ShapeId, Traits);

fn doc_version(doc: &Value) -> Result<IdlVersion, String> {
    let Some(doc) = doc.as_object() else {
        return Err("the JSON AST must be an object".to_string());
    };
    match doc.get("smithy").and_then(Value::as_str) {
        Some("1" | "1.0") => Ok(IdlVersion::V1),
        Some("2" | "2.0") => Ok(IdlVersion::V2),
        Some(v) => Err(format!(
            "unsupported Smithy version `{v}` (expected 1.0 or 2.0)"
        )),
        None => Err("missing the string `smithy` version property".to_string()),
    }
}

/// Merges metadata as Smithy does: lists with the same key are concatenated, equal values are
/// kept once, anything else conflicts.
fn merge_metadata(
    into: &mut Map<String, Value>,
    from: &Map<String, Value>,
    problems: &mut Vec<Problem>,
) {
    for (k, v) in from {
        match into.get_mut(k) {
            None => {
                into.insert(k.clone(), v.clone());
            }
            Some(Value::Array(a)) if v.is_array() => {
                a.extend(v.as_array().into_iter().flatten().cloned());
            }
            Some(existing) if existing == v => {}
            Some(_) => problems.push(Problem::document(format!(
                "metadata `{k}` is defined in two files with different values"
            ))),
        }
    }
}

/// Loads one or more JSON AST documents as one model: shapes are merged (a shape defined twice
/// must be defined identically), metadata merged, mixins flattened, `apply` statements (the
/// documents' own and `extra`) applied. The prelude is not yet merged in.
pub(crate) fn load_values(docs: &[&Value], extra: Vec<Apply>) -> Result<Loaded, Vec<Problem>> {
    load_docs(docs.iter().map(|d| Doc::Json(d)).collect(), extra)
}

/// Shapes already built from another source (the IDL resolver builds them straight from its
/// syntax tree, without a JSON AST document in between). Mixins are in [`MIXINS_KEY`] as the
/// JSON loader leaves them.
pub(crate) struct Built {
    pub version: IdlVersion,
    pub metadata: Map<String, Value>,
    pub shapes: Vec<Shape>,
}

/// One input of [`load_docs`].
pub(crate) enum Doc<'a> {
    Json(&'a Value),
    Built(Built),
}

/// Remembers `mixins` on a shape until every shape is loaded (see [`flatten_mixins`]).
pub(crate) fn remember_mixins(shape: &mut Shape, mixins: &[ShapeId]) {
    if !mixins.is_empty() {
        shape.traits.insert(
            crate::shape_id::prelude_ids::MIXINS.clone(),
            Value::Array(
                mixins
                    .iter()
                    .map(|m| Value::String(m.to_string()))
                    .collect(),
            ),
        );
    }
}

/// The mixins [`remember_mixins`] put on a shape.
pub(crate) fn remembered_mixins(shape: &Shape) -> Vec<ShapeId> {
    shape
        .traits
        .get(MIXINS_KEY)
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .filter_map(|m| ShapeId::parse(m).ok())
        .collect()
}

/// [`load_values`] for documents of either kind.
pub(crate) fn load_docs(docs: Vec<Doc<'_>>, extra: Vec<Apply>) -> Result<Loaded, Vec<Problem>> {
    let mut problems = Vec::new();
    let mut versions = Vec::with_capacity(docs.len());
    for doc in &docs {
        match doc {
            Doc::Json(doc) => match doc_version(doc) {
                Ok(v) => versions.push(v),
                Err(p) => return Err(vec![Problem::document(p)]),
            },
            Doc::Built(b) => versions.push(b.version),
        }
    }
    let mut metadata = Map::new();
    let mut shapes: BTreeMap<ShapeId, Shape> = BTreeMap::new();
    let mut v1_shapes = BTreeSet::new();
    let mut applies: Vec<(ShapeId, Traits)> = Vec::new();
    let add = |shape: Shape,
               version: IdlVersion,
               shapes: &mut BTreeMap<ShapeId, Shape>,
               v1_shapes: &mut BTreeSet<ShapeId>,
               problems: &mut Vec<Problem>| {
        // One search: the entry serves the check and the insertion.
        match shapes.entry(shape.id.clone()) {
            std::collections::btree_map::Entry::Occupied(e) => {
                if *e.get() != shape {
                    problems.push(Problem::shape(
                        &shape.id,
                        "is defined more than once, with different definitions",
                    ));
                }
            }
            std::collections::btree_map::Entry::Vacant(e) => {
                if version == IdlVersion::V1 {
                    v1_shapes.insert(shape.id.clone());
                }
                e.insert(shape);
            }
        }
    };
    for (doc, version) in docs.into_iter().zip(&versions) {
        let doc = match doc {
            Doc::Json(doc) => doc,
            Doc::Built(b) => {
                merge_metadata(&mut metadata, &b.metadata, &mut problems);
                for shape in b.shapes {
                    add(shape, *version, &mut shapes, &mut v1_shapes, &mut problems);
                }
                continue;
            }
        };
        let mut loader = Loader {
            problems: Vec::new(),
            version: *version,
        };
        match doc.get("metadata") {
            None => {}
            Some(Value::Object(m)) => merge_metadata(&mut metadata, m, &mut loader.problems),
            Some(_) => loader
                .problems
                .push(Problem::document("`metadata` must be an object")),
        }
        match doc.get("shapes") {
            None => {}
            Some(Value::Object(entries)) => {
                for (key, v) in entries {
                    let id = match ShapeId::parse(key) {
                        Ok(id) => id,
                        Err(e) => {
                            loader.problems.push(Problem::shape(key, e.to_string()));
                            continue;
                        }
                    };
                    if v.get("type").and_then(Value::as_str) == Some("apply") {
                        let traits = loader.traits(key, None, v.get("traits"));
                        applies.push((id, traits));
                        continue;
                    }
                    if id.member().is_some() {
                        loader
                            .problems
                            .push(Problem::shape(key, "a shape id key must not name a member"));
                        continue;
                    }
                    if let Some(shape) = loader.shape(id, v) {
                        add(
                            shape,
                            *version,
                            &mut shapes,
                            &mut v1_shapes,
                            &mut loader.problems,
                        );
                    }
                }
            }
            Some(_) => loader
                .problems
                .push(Problem::document("`shapes` must be an object")),
        }
        problems.append(&mut loader.problems);
    }
    applies.extend(extra);
    // Traits applied to a shape or to one of its own members are part of it before mixins are
    // flattened (so they flow into the shapes that use it); an inherited member exists only
    // afterwards.
    let (early, late): (Vec<_>, Vec<_>) = applies.into_iter().partition(|(target, _)| {
        shapes
            .get(&target.root())
            .is_some_and(|s| match target.member() {
                None => true,
                Some(m) => s.member(m).is_some(),
            })
    });
    for s in shapes.values() {
        if s.traits.is_mixin()
            && s.as_resource()
                .is_some_and(|r| !r.properties.is_empty() || !r.identifiers.is_empty())
        {
            problems.push(Problem::shape(
                &s.id,
                "a resource mixin cannot define identifiers or properties",
            ));
        }
    }
    for (target, traits) in early {
        apply_traits(&mut shapes, &target, traits, false, &mut problems);
    }
    // Traits applied to an inherited member override what the mixin gave it; they are applied
    // as soon as that shape is flattened, so shapes that mix it in see them too.
    let mut late = late;
    flatten_mixins(&mut shapes, &mut late, &mut problems);
    for (target, traits) in late {
        apply_traits(&mut shapes, &target, traits, true, &mut problems);
    }
    let version = if versions.iter().all(|v| *v == IdlVersion::V1) && !versions.is_empty() {
        IdlVersion::V1
    } else {
        IdlVersion::V2
    };
    if problems.is_empty() {
        Ok(Loaded {
            shapes,
            metadata,
            version,
            v1_shapes,
        })
    } else {
        Err(problems)
    }
}

fn apply_traits(
    shapes: &mut BTreeMap<ShapeId, Shape>,
    target: &ShapeId,
    traits: Traits,
    overwrite: bool,
    problems: &mut Vec<Problem>,
) {
    let Some(shape) = shapes.get_mut(&target.root()) else {
        problems.push(Problem::shape(
            target,
            "`apply` targets a shape that is not defined",
        ));
        return;
    };
    let dest = match target.member() {
        None => &mut shape.traits,
        Some(m) => match &mut shape.body {
            ShapeBody::Members(members) => match members.iter_mut().find(|x| x.name == m) {
                Some(x) => &mut x.traits,
                None => {
                    problems.push(Problem::shape(
                        target,
                        "`apply` targets a member that is not defined",
                    ));
                    return;
                }
            },
            _ => {
                problems.push(Problem::shape(
                    target,
                    "`apply` targets a member of a shape without members",
                ));
                return;
            }
        },
    };
    for (id, v) in traits.iter() {
        match dest.get(&id.to_string()) {
            _ if overwrite => dest.insert(id.clone(), v.clone()),
            None => dest.insert(id.clone(), v.clone()),
            Some(existing) if existing == v => {}
            // Smithy concatenates list-valued traits applied more than once.
            Some(Value::Array(a)) if v.is_array() => {
                let mut merged = a.clone();
                merged.extend(v.as_array().into_iter().flatten().cloned());
                dest.insert(id.clone(), Value::Array(merged));
            }
            Some(_) => problems.push(Problem::shape(
                target,
                format!("conflicting values for trait `{id}` (applied more than once)"),
            )),
        }
    }
}

/// The synthetic trait that remembers a shape's mixins until every shape is loaded.
const MIXINS_KEY: &str = "smithy.api#__mixins";

/// Copies mixin members, traits and (for services, operations and resources) bindings into the
/// shapes that use them, mixins first, in declaration order.
///
/// Shapes are flattened in dependency order found with an explicit stack rather than by
/// recursion: a hostile document with a very long mixin chain must not overflow the stack.
fn flatten_mixins(
    shapes: &mut BTreeMap<ShapeId, Shape>,
    late: &mut Vec<Apply>,
    problems: &mut Vec<Problem>,
) {
    let mut mixins_of: BTreeMap<ShapeId, Vec<ShapeId>> = BTreeMap::new();
    for shape in shapes.values_mut() {
        if let Some(v) = shape.traits.remove(MIXINS_KEY) {
            let list = v
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(Value::as_str)
                .filter_map(|m| ShapeId::parse(m).ok())
                .collect();
            mixins_of.insert(shape.id.clone(), list);
        }
    }
    // Post-order walk: a shape is pushed to `order` after all of its mixins.
    let mut done: BTreeMap<ShapeId, bool> = BTreeMap::new(); // false = on the stack
    let mut order = Vec::with_capacity(mixins_of.len());
    for root in mixins_of.keys() {
        if done.contains_key(root) {
            continue;
        }
        done.insert(root.clone(), false);
        let mut stack: Vec<(&ShapeId, usize)> = vec![(root, 0)];
        while let Some((id, next)) = stack.last_mut() {
            let id: &ShapeId = id;
            let Some(m) = mixins_of.get(id).and_then(|m| m.get(*next)) else {
                done.insert(id.clone(), true);
                order.push(id.clone());
                stack.pop();
                continue;
            };
            *next += 1;
            match done.get(m) {
                Some(false) => problems.push(Problem::shape(
                    id,
                    format!("mixins form a cycle through `{m}`"),
                )),
                Some(true) => {}
                None => {
                    if let Some((key, _)) = mixins_of.get_key_value(m) {
                        done.insert(m.clone(), false);
                        stack.push((key, 0));
                    }
                }
            }
        }
    }
    for id in order {
        apply_mixins(shapes, &id, &mixins_of[&id], problems);
        if late.iter().any(|(t, _)| t.root() == id) {
            let (now, later): (Vec<_>, Vec<_>) = std::mem::take(late)
                .into_iter()
                .partition(|(t, _)| t.root() == id);
            *late = later;
            for (target, traits) in now {
                apply_traits(shapes, &target, traits, true, problems);
            }
        }
    }
}

/// Copies the (already flattened) `mixins` into shape `id`.
fn apply_mixins(
    shapes: &mut BTreeMap<ShapeId, Shape>,
    id: &ShapeId,
    mixins: &[ShapeId],
    problems: &mut Vec<Problem>,
) {
    let Some(kind) = shapes.get(id).map(|s| s.kind) else {
        return;
    };
    let mut inherited_members: Vec<Member> = Vec::new();
    let mut inherited_traits: Vec<(ShapeId, Value)> = Vec::new();
    let mut inherited_bodies: Vec<ShapeBody> = Vec::new();
    for mid in mixins {
        let Some(mixin) = shapes.get(mid) else {
            problems.push(Problem::shape(id, format!("mixin `{mid}` is not defined")));
            continue;
        };
        if !mixin.traits.is_mixin() {
            problems.push(Problem::shape(
                id,
                format!("`{mid}` is used as a mixin but has no @mixin trait"),
            ));
            continue;
        }
        if mixin.kind != kind {
            problems.push(Problem::shape(
                id,
                format!(
                    "mixin `{mid}` is a {} shape; a {kind} shape can only use {kind} mixins",
                    mixin.kind
                ),
            ));
            continue;
        }
        let local: Vec<String> = mixin
            .traits
            .get(ids::MIXIN)
            .and_then(|v| v.get("localTraits"))
            .and_then(Value::as_array)
            .map(|a| {
                a.iter()
                    .filter_map(Value::as_str)
                    .map(str::to_string)
                    .collect()
            })
            .unwrap_or_default();
        for (tid, v) in mixin.traits.iter() {
            let t = tid.to_string();
            if t != ids::MIXIN && !local.contains(&t) {
                inherited_traits.push((tid.clone(), v.clone()));
            }
        }
        for member in mixin.members() {
            if let Some(prev) = inherited_members.iter_mut().find(|m| m.name == member.name)
                && prev.target == member.target
            {
                // The same member from several mixins: one member with all their traits.
                for (tid, v) in member.traits.iter() {
                    prev.traits.insert(tid.clone(), v.clone());
                }
                continue;
            }
            if let Some(prev) = inherited_members.iter().find(|m| m.name == member.name)
                && prev.target != member.target
            {
                problems.push(Problem::member(
                    id,
                    &member.name,
                    format!(
                        "conflicts with an inherited mixin member: `{mid}${}` targets `{}`, another mixin's targets `{}`",
                        member.name, member.target, prev.target
                    ),
                ));
                continue;
            }
            let mut copy = member.clone();
            copy.id = id.with_member(&member.name);
            inherited_members.push(copy);
        }
        if !matches!(mixin.body, ShapeBody::Members(_)) {
            inherited_bodies.push(mixin.body.clone());
        }
    }
    let Some(shape) = shapes.get_mut(id) else {
        return;
    };
    for (tid, v) in inherited_traits {
        if !shape.traits.iter().any(|(k, _)| *k == tid) {
            shape.traits.insert(tid, v);
        }
    }
    match &mut shape.body {
        ShapeBody::Members(own) => {
            let mut merged: Vec<Member> = Vec::new();
            for mut inherited in inherited_members {
                // A member redeclared locally keeps the mixin's traits beneath its own.
                if let Some(pos) = own.iter().position(|m| m.name == inherited.name) {
                    let local = own.remove(pos);
                    if local.target != inherited.target {
                        problems.push(Problem::member(
                            id,
                            &local.name,
                            format!(
                                "conflicts with an inherited mixin member, which targets `{}` (this one targets `{}`)",
                                inherited.target, local.target
                            ),
                        ));
                    }
                    inherited.target = local.target;
                    for (tid, v) in local.traits.iter() {
                        inherited.traits.insert(tid.clone(), v.clone());
                    }
                }
                merged.retain(|m| m.name != inherited.name);
                merged.push(inherited);
            }
            merged.append(own);
            *own = merged;
        }
        body => {
            // Each mixin goes before those after it: merge the last first.
            for inherited in inherited_bodies.into_iter().rev() {
                merge_body(body, inherited);
            }
        }
    }
    // A list or map may get its members only from a mixin; now they must be there.
    let missing: &[&str] = match shape.kind {
        ShapeKind::List => &["member"],
        ShapeKind::Map => &["key", "value"],
        _ => &[],
    };
    for name in missing {
        if shape.member(name).is_none() {
            problems.push(Problem::shape(
                id,
                format!("{} shape needs a `{name}` member", shape.kind),
            ));
        }
    }
}

/// Puts a mixin's items (`from`) before the shape's own, without duplicates: what a mixin
/// gives comes first, as with members.
fn extend_unique(into: &mut Vec<ShapeId>, from: Vec<ShapeId>) {
    let mut merged: Vec<ShapeId> = Vec::with_capacity(into.len() + from.len());
    for id in from.into_iter().chain(into.drain(..)) {
        if !merged.contains(&id) {
            merged.push(id);
        }
    }
    *into = merged;
}

/// Merges a mixin's service, operation or resource bindings into a shape's own (the shape's
/// own values win where both define one).
fn merge_body(body: &mut ShapeBody, mixin: ShapeBody) {
    match (body, mixin) {
        (ShapeBody::Service(own), ShapeBody::Service(m)) => {
            if own.version.is_none() {
                own.version = m.version;
            }
            extend_unique(&mut own.operations, m.operations);
            extend_unique(&mut own.resources, m.resources);
            extend_unique(&mut own.errors, m.errors);
            for (k, v) in m.rename {
                own.rename.entry(k).or_insert(v);
            }
        }
        (ShapeBody::Operation(own), ShapeBody::Operation(m)) => {
            // Operation mixins must have Unit input and output; only their errors carry over.
            extend_unique(&mut own.errors, m.errors);
        }
        (ShapeBody::Resource(own), ShapeBody::Resource(m)) => {
            for (k, v) in m.identifiers {
                own.identifiers.entry(k).or_insert(v);
            }
            for (k, v) in m.properties {
                own.properties.entry(k).or_insert(v);
            }
            for (slot, from) in [
                (&mut own.create, m.create),
                (&mut own.put, m.put),
                (&mut own.read, m.read),
                (&mut own.update, m.update),
                (&mut own.delete, m.delete),
                (&mut own.list, m.list),
            ] {
                if slot.is_none() {
                    *slot = from;
                }
            }
            extend_unique(&mut own.operations, m.operations);
            extend_unique(&mut own.collection_operations, m.collection_operations);
            extend_unique(&mut own.resources, m.resources);
        }
        _ => {}
    }
}

/// Gives Smithy 1.0 members the 2.0 meaning: a member targeting a non-boxed number or boolean
/// shape is non-null with a zero default, unless it (or its target) is `@box`ed.
pub(crate) fn upgrade_v1(shapes: &mut BTreeMap<ShapeId, Shape>, only: &BTreeSet<ShapeId>) {
    let primitive: BTreeMap<ShapeId, Value> = shapes
        .values()
        .filter(|s| !s.traits.has(ids::BOX))
        .filter_map(|s| {
            let zero = match s.kind {
                ShapeKind::Boolean => Value::Bool(false),
                ShapeKind::Byte
                | ShapeKind::Short
                | ShapeKind::Integer
                | ShapeKind::Long
                | ShapeKind::Float
                | ShapeKind::Double => Value::from(0),
                _ => return None,
            };
            // 1.0 prelude: only the `Primitive*` shapes are unboxed.
            if s.id.is_prelude() && !s.id.name().starts_with("Primitive") {
                return None;
            }
            Some((s.id.clone(), zero))
        })
        .collect();
    for shape in shapes.values_mut() {
        if shape.kind != ShapeKind::Structure || !only.contains(&shape.id) {
            continue;
        }
        if let ShapeBody::Members(members) = &mut shape.body {
            for m in members {
                if m.traits.has(ids::BOX) || m.traits.has(ids::DEFAULT) {
                    continue;
                }
                if let Some(zero) = primitive.get(&m.target) {
                    m.traits
                        .insert(ShapeId::new("smithy.api", "default"), zero.clone());
                }
            }
        }
    }
}
