//! Writing a loaded model as a Smithy JSON AST 2.0 document.
//!
//! The output describes the same model, not the same text: mixins are already flattened
//! into the shapes that use them (the mixin shapes stay, with `@mixin`), `apply` statements
//! are merged into the traits they set, 1.0 documents come out in 2.0 form (with the
//! `@default` traits their boxing rules implied), and prelude shapes are left out. Loading
//! the output gives a model equal to the one written.

use serde_json::{Map, Value};

use crate::shape::{Member, ShapeBody, ShapeKind};
use crate::{Model, Shape, ShapeId, Traits};

fn target(id: &ShapeId) -> Value {
    let mut m = Map::new();
    m.insert("target".into(), Value::String(id.to_string()));
    Value::Object(m)
}

fn targets(ids: &[ShapeId]) -> Value {
    Value::Array(ids.iter().map(target).collect())
}

fn traits(t: &Traits) -> Option<Value> {
    let mut m = Map::new();
    for (id, v) in t.iter() {
        m.insert(id.to_string(), v.clone());
    }
    (!m.is_empty()).then_some(Value::Object(m))
}

fn member(m: &Member) -> Value {
    let mut o = Map::new();
    o.insert("target".into(), Value::String(m.target.to_string()));
    if let Some(t) = traits(&m.traits) {
        o.insert("traits".into(), t);
    }
    Value::Object(o)
}

fn shape(s: &Shape) -> Value {
    let mut o = Map::new();
    o.insert("type".into(), Value::String(s.kind.as_str().into()));
    match &s.body {
        ShapeBody::Members(members) => match s.kind {
            ShapeKind::List | ShapeKind::Map => {
                for m in members {
                    o.insert(m.name.clone(), member(m));
                }
            }
            k if !k.is_simple() || matches!(k, ShapeKind::Enum | ShapeKind::IntEnum) => {
                let ms: Map<String, Value> = members
                    .iter()
                    .map(|m| (m.name.clone(), member(m)))
                    .collect();
                o.insert("members".into(), Value::Object(ms));
            }
            _ => {}
        },
        ShapeBody::Service(svc) => {
            if let Some(v) = &svc.version {
                o.insert("version".into(), Value::String(v.clone()));
            }
            for (k, ids) in [
                ("operations", &svc.operations),
                ("resources", &svc.resources),
                ("errors", &svc.errors),
            ] {
                if !ids.is_empty() {
                    o.insert(k.into(), targets(ids));
                }
            }
            if !svc.rename.is_empty() {
                let r: Map<String, Value> = svc
                    .rename
                    .iter()
                    .map(|(k, v)| (k.to_string(), Value::String(v.clone())))
                    .collect();
                o.insert("rename".into(), Value::Object(r));
            }
        }
        ShapeBody::Operation(op) => {
            if !op.input.is_unit() {
                o.insert("input".into(), target(&op.input));
            }
            if !op.output.is_unit() {
                o.insert("output".into(), target(&op.output));
            }
            if !op.errors.is_empty() {
                o.insert("errors".into(), targets(&op.errors));
            }
        }
        ShapeBody::Resource(r) => {
            for (k, map) in [
                ("identifiers", &r.identifiers),
                ("properties", &r.properties),
            ] {
                if !map.is_empty() {
                    let m: Map<String, Value> =
                        map.iter().map(|(k, v)| (k.clone(), target(v))).collect();
                    o.insert(k.into(), Value::Object(m));
                }
            }
            for (k, v) in [
                ("create", &r.create),
                ("put", &r.put),
                ("read", &r.read),
                ("update", &r.update),
                ("delete", &r.delete),
                ("list", &r.list),
            ] {
                if let Some(id) = v {
                    o.insert(k.into(), target(id));
                }
            }
            for (k, ids) in [
                ("operations", &r.operations),
                ("collectionOperations", &r.collection_operations),
                ("resources", &r.resources),
            ] {
                if !ids.is_empty() {
                    o.insert(k.into(), targets(ids));
                }
            }
        }
    }
    if let Some(t) = traits(&s.traits) {
        o.insert("traits".into(), t);
    }
    Value::Object(o)
}

impl Model {
    /// The model as a JSON AST 2.0 document (see the module notes for what changes form).
    pub fn to_json_ast(&self) -> Value {
        let mut doc = Map::new();
        doc.insert("smithy".into(), Value::String("2.0".into()));
        if !self.metadata().is_empty() {
            doc.insert("metadata".into(), Value::Object(self.metadata().clone()));
        }
        let shapes: Map<String, Value> = self
            .shapes()
            .filter(|s| !s.id.is_prelude())
            .map(|s| (s.id.to_string(), shape(s)))
            .collect();
        doc.insert("shapes".into(), Value::Object(shapes));
        Value::Object(doc)
    }

    /// [`Model::to_json_ast`] as pretty-printed text with a final line break.
    pub fn to_json_ast_string(&self) -> String {
        let mut s = serde_json::to_string_pretty(&self.to_json_ast())
            .expect("a JSON value always serialises");
        s.push('\n');
        s
    }
}
