//! Load, resolve and validate Smithy models from the JSON AST and the IDL ([`idl`]).
//!
//! ```
//! let json = br#"{"smithy": "2.0", "shapes": {"ex#Name": {"type": "string"}}}"#;
//! let model = smithy_model::Model::load(json).unwrap();
//! assert!(model.shape(&"ex#Name".parse().unwrap()).is_some());
//! ```
//!
//! [`Model::load`] parses a document (Smithy 1.0 or 2.0), merges in the prelude, flattens
//! mixins, applies `apply` statements, upgrades 1.0 boxing semantics and validates the result,
//! collecting every problem with the shape id and member it concerns. It never panics: any
//! byte string gives a model or an error.

#![warn(missing_docs)]

mod error;
pub mod idl;
mod json_ast;
mod load;
pub mod prelude;
pub mod shape;
mod shape_id;
pub mod traits;
pub mod uri;
mod validate;

use std::collections::{BTreeMap, BTreeSet};

pub use error::{Error, Location, Problem};
pub use load::IdlVersion;
pub use shape::{Member, Shape, ShapeBody, ShapeKind};
pub use shape_id::{ShapeId, ShapeIdError};
pub use traits::Traits;

use serde_json::{Map, Value};

/// A loaded Smithy model: every shape of the document plus the prelude.
#[derive(Clone, Debug)]
pub struct Model {
    shapes: BTreeMap<ShapeId, Shape>,
    metadata: Map<String, Value>,
    version: IdlVersion,
}

impl Model {
    /// Loads a JSON AST document and validates it.
    pub fn load(bytes: &[u8]) -> Result<Model, Error> {
        let model = Model::load_unvalidated(bytes)?;
        model.validate()?;
        Ok(model)
    }

    /// Loads a JSON AST document without semantic validation (structure is still checked).
    pub fn load_unvalidated(bytes: &[u8]) -> Result<Model, Error> {
        let loaded = load::load_document(bytes).map_err(Error::new)?;
        Model::from_loaded(loaded)
    }

    /// Loads one IDL document (with nothing but the built-in definitions beside it) and
    /// validates it; see [`idl::Assembler`] for several files.
    pub fn load_idl(text: &str) -> Result<Model, Error> {
        let mut a = idl::Assembler::new();
        a.add_idl("model.smithy", text);
        a.assemble().map(|a| a.model)
    }

    /// Merges the prelude into loaded shapes and gives 1.0 shapes their 2.0 meaning.
    pub(crate) fn from_loaded(loaded: load::Loaded) -> Result<Model, Error> {
        let mut shapes = loaded.shapes;
        let mut problems = Vec::new();
        for p in prelude::shapes() {
            if shapes.contains_key(&p.id) {
                problems.push(Problem::shape(&p.id, "redefines a prelude shape"));
            } else {
                shapes.insert(p.id.clone(), p);
            }
        }
        if !problems.is_empty() {
            return Err(Error::new(problems));
        }
        load::upgrade_v1(&mut shapes, &loaded.v1_shapes);
        Ok(Model {
            shapes,
            metadata: loaded.metadata,
            version: loaded.version,
        })
    }

    /// Runs every semantic check, collecting all problems.
    pub fn validate(&self) -> Result<(), Error> {
        let problems = validate::validate(self);
        if problems.is_empty() {
            Ok(())
        } else {
            Err(Error::new(problems))
        }
    }

    /// The IDL version the document declared.
    pub fn version(&self) -> IdlVersion {
        self.version
    }

    /// Document metadata.
    pub fn metadata(&self) -> &Map<String, Value> {
        &self.metadata
    }

    /// The shape with this id (member ids resolve to their container).
    pub fn shape(&self, id: &ShapeId) -> Option<&Shape> {
        self.shapes.get(id)
    }

    /// The member a member id (`ns#Shape$member`) names.
    pub fn member(&self, id: &ShapeId) -> Option<&Member> {
        self.shapes.get(&id.root())?.member(id.member()?)
    }

    /// All shapes, prelude included, in id order.
    pub fn shapes(&self) -> impl Iterator<Item = &Shape> {
        self.shapes.values()
    }

    /// Adds or replaces a shape (for model transformations).
    pub fn insert_shape(&mut self, shape: Shape) {
        self.shapes.insert(shape.id.clone(), shape);
    }

    /// Removes a shape.
    pub fn remove_shape(&mut self, id: &ShapeId) -> Option<Shape> {
        self.shapes.remove(id)
    }

    /// Mutable access to a shape (for model transformations).
    pub fn shape_mut(&mut self, id: &ShapeId) -> Option<&mut Shape> {
        self.shapes.get_mut(id)
    }

    /// The service shapes, in id order.
    pub fn services(&self) -> impl Iterator<Item = &Shape> {
        self.shapes
            .values()
            .filter(|s| s.kind == ShapeKind::Service)
    }

    /// Every operation of a service: its own and those of its resources, recursively
    /// (lifecycle, instance, collection and nested-resource operations), sorted by id.
    pub fn operations_of(&self, service: &ShapeId) -> Vec<ShapeId> {
        let mut ops = BTreeSet::new();
        let mut seen = BTreeSet::new();
        let Some(svc) = self.shape(service).and_then(Shape::as_service) else {
            return Vec::new();
        };
        ops.extend(svc.operations.iter().cloned());
        let mut stack: Vec<ShapeId> = svc.resources.clone();
        while let Some(r) = stack.pop() {
            if !seen.insert(r.clone()) {
                continue;
            }
            if let Some(res) = self.shape(&r).and_then(Shape::as_resource) {
                ops.extend(res.all_operations());
                stack.extend(res.resources.iter().cloned());
            }
        }
        ops.into_iter().collect()
    }

    /// Every shape reachable from a service: operations, resources, inputs, outputs, errors
    /// (service-wide ones included) and the targets of their members, recursively.
    pub fn closure_of(&self, service: &ShapeId) -> BTreeSet<ShapeId> {
        let mut out = BTreeSet::new();
        let mut stack = vec![service.clone()];
        while let Some(id) = stack.pop() {
            if !out.insert(id.clone()) {
                continue;
            }
            let Some(shape) = self.shape(&id) else {
                continue;
            };
            match &shape.body {
                ShapeBody::Members(members) => {
                    stack.extend(members.iter().map(|m| m.target.clone()))
                }
                ShapeBody::Service(s) => {
                    stack.extend(s.operations.iter().cloned());
                    stack.extend(s.resources.iter().cloned());
                    stack.extend(s.errors.iter().cloned());
                }
                ShapeBody::Operation(o) => {
                    stack.push(o.input.clone());
                    stack.push(o.output.clone());
                    stack.extend(o.errors.iter().cloned());
                }
                ShapeBody::Resource(r) => {
                    stack.extend(r.all_operations());
                    stack.extend(r.resources.iter().cloned());
                    stack.extend(r.identifiers.values().cloned());
                    stack.extend(r.properties.values().cloned());
                }
            }
        }
        out
    }

    /// The errors an operation can return: its own, then the service-wide ones.
    pub fn errors_of(&self, service: &ShapeId, operation: &ShapeId) -> Vec<ShapeId> {
        let mut out: Vec<ShapeId> = self
            .shape(operation)
            .and_then(Shape::as_operation)
            .map(|o| o.errors.clone())
            .unwrap_or_default();
        if let Some(svc) = self.shape(service).and_then(Shape::as_service) {
            for e in &svc.errors {
                if !out.contains(e) {
                    out.push(e.clone());
                }
            }
        }
        out
    }

    /// The operation's `@paginated` trait with the service's defaults merged in, or `None` when
    /// the operation is not paginated.
    pub fn paginated(&self, service: &ShapeId, operation: &ShapeId) -> Option<traits::Paginated> {
        let own = self.shape(operation)?.traits.paginated()?;
        let defaults = self
            .shape(service)
            .and_then(|s| s.traits.paginated())
            .unwrap_or_default();
        Some(own.merged_over(&defaults))
    }
}
