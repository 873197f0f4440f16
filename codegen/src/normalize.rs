//! Model transformations run before anything is decided: keep the service closure, give every
//! operation its own `{Operation}Input` / `{Operation}Output` structure, and turn legacy
//! `@enum` strings into enum shapes.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;
use smithy_model::traits::ids;
use smithy_model::{Member, Model, Shape, ShapeBody, ShapeId, ShapeKind, Traits};

use crate::Error;

/// The normalised copy of `model` for `service`.
pub fn normalize(model: &Model, service: &ShapeId) -> Result<Model, Error> {
    let closure = model.closure_of(service);
    let mut out = model.clone();
    let all: Vec<ShapeId> = out.shapes().map(|s| s.id.clone()).collect();
    for id in all {
        if !closure.contains(&id) && !id.is_prelude() {
            out.remove_shape(&id);
        }
    }
    // Shapes that members target or that are errors: such a shape is data as well as (maybe)
    // an operation's input or output, so its synthetic copy must not take its id.
    let mut targets: BTreeSet<ShapeId> = out
        .shapes()
        .flat_map(|s| s.members().iter().map(|m| m.target.clone()))
        .collect();
    for s in out.shapes() {
        if let Some(op) = s.as_operation() {
            targets.extend(op.errors.iter().cloned());
        }
        if let Some(svc) = s.as_service() {
            targets.extend(svc.errors.iter().cloned());
        }
    }
    let mut synthetic = BTreeSet::new();
    for op_id in model.operations_of(service) {
        synthesize_io(&mut out, model, &op_id, &targets, &mut synthetic)?;
    }
    // What is left of the originals is plain data now: the `@input` / `@output` traits mark
    // the synthetic copies alone (the IR keys on them).
    let marked: Vec<ShapeId> = out
        .shapes()
        .filter(|s| !synthetic.contains(&s.id) && (s.traits.is_input() || s.traits.is_output()))
        .map(|s| s.id.clone())
        .collect();
    for id in marked {
        if let Some(shape) = out.shape_mut(&id) {
            shape.traits.remove("smithy.api#input");
            shape.traits.remove("smithy.api#output");
        }
    }
    // The original input/output shapes are no longer referenced: keep only what the service
    // still reaches.
    let closure = out.closure_of(service);
    let all: Vec<ShapeId> = out.shapes().map(|s| s.id.clone()).collect();
    for id in all {
        if !closure.contains(&id) && !id.is_prelude() {
            out.remove_shape(&id);
        }
    }
    let legacy: Vec<ShapeId> = out
        .shapes()
        .filter(|s| s.kind == ShapeKind::String && s.traits.has(ids::ENUM))
        .map(|s| s.id.clone())
        .collect();
    for id in legacy {
        convert_legacy_enum(&mut out, &id);
    }
    Ok(out)
}

fn synthesize_io(
    out: &mut Model,
    model: &Model,
    op_id: &ShapeId,
    targets: &BTreeSet<ShapeId>,
    synthetic: &mut BTreeSet<ShapeId>,
) -> Result<(), Error> {
    let Some(op) = model.shape(op_id).and_then(Shape::as_operation).cloned() else {
        return Ok(());
    };
    let mut new_op = op.clone();
    for (is_input, original) in [(true, &op.input), (false, &op.output)] {
        let suffix = if is_input { "Input" } else { "Output" };
        let new_id = ShapeId::new(op_id.namespace(), &format!("{}{suffix}", op_id.name()));
        // Another shape may already have the synthetic name (Elastic Transcoder has a data type
        // `CreateJobOutput`). Operation inputs/outputs get their Rust names from the operation,
        // not from this id, so any free id will do.
        // Nor may it take the id of the original when members target the original
        // (`DescribeXOutput` as the output of `DescribeX` and the item of `ListXsOutput`'s list).
        let mut new_id = new_id;
        while (new_id != *original || targets.contains(original))
            && (model.shape(&new_id).is_some() || synthetic.contains(&new_id))
        {
            new_id = ShapeId::new(op_id.namespace(), &format!("{}_", new_id.name()));
        }
        synthetic.insert(new_id.clone());
        let (members, traits) = match model.shape(original) {
            Some(s) if !original.is_prelude() => (s.members().to_vec(), s.traits.clone()),
            _ => (Vec::new(), Traits::default()),
        };
        let members = members
            .into_iter()
            .map(|m| Member {
                id: new_id.with_member(&m.name),
                ..m
            })
            .collect();
        let mut traits = traits;
        // Remember that the operation has no input/output at all (`smithy.api#Unit`): a server
        // then answers with no body rather than `{}`.
        if original.is_unit() {
            traits.insert(
                ShapeId::new("smithy.api", "unitType"),
                Value::Object(Default::default()),
            );
        }
        traits.insert(
            ShapeId::new("smithy.api", if is_input { "input" } else { "output" }),
            Value::Object(Default::default()),
        );
        out.insert_shape(Shape {
            id: new_id.clone(),
            kind: ShapeKind::Structure,
            traits,
            body: ShapeBody::Members(members),
        });
        if is_input {
            new_op.input = new_id;
        } else {
            new_op.output = new_id;
        }
    }
    if let Some(shape) = out.shape_mut(op_id) {
        shape.body = ShapeBody::Operation(new_op);
    }
    Ok(())
}

fn convert_legacy_enum(out: &mut Model, id: &ShapeId) {
    let Some(shape) = out.shape(id).cloned() else {
        return;
    };
    let Some(defs) = shape.traits.legacy_enum() else {
        return;
    };
    let mut members = Vec::new();
    let mut seen = BTreeMap::new();
    for def in defs {
        let base = def.name.clone().unwrap_or_else(|| def.value.clone());
        // Member names only feed `variant_name`; keep them unique so ids stay distinct.
        let n = seen.entry(base.clone()).or_insert(0);
        *n += 1;
        let name = if *n == 1 { base } else { format!("{base}_{n}") };
        let mut traits = BTreeMap::new();
        traits.insert(
            ShapeId::new("smithy.api", "enumValue"),
            Value::String(def.value.clone()),
        );
        if let Some(doc) = &def.documentation {
            traits.insert(
                ShapeId::new("smithy.api", "documentation"),
                Value::String(doc.clone()),
            );
        }
        if def.deprecated {
            traits.insert(
                ShapeId::new("smithy.api", "deprecated"),
                Value::Object(Default::default()),
            );
        }
        // An `internal` tag on an @enum entry is what @internal is on an enum member (the
        // Smithy 2.0 conversion maps it so).
        if def.tags.iter().any(|t| t == "internal") {
            traits.insert(
                ShapeId::new("smithy.api", "internal"),
                Value::Object(Default::default()),
            );
        }
        members.push(Member {
            id: id.with_member(&name),
            name,
            target: ShapeId::new("smithy.api", "Unit"),
            traits: Traits::from_map(traits),
        });
    }
    let mut traits = shape.traits.clone();
    traits.remove(ids::ENUM);
    out.insert_shape(Shape {
        id: id.clone(),
        kind: ShapeKind::Enum,
        traits,
        body: ShapeBody::Members(members),
    });
}
