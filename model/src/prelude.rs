//! The Smithy prelude shapes (`smithy.api#String`, `Unit`, `PrimitiveInteger`, …) that every
//! model can target without defining them.

use std::collections::BTreeMap;

use serde_json::Value;

use crate::shape::{Shape, ShapeBody, ShapeKind};
use crate::{ShapeId, Traits};

/// The prelude's shapes, with the traits the 2.0 prelude gives them.
pub fn shapes() -> Vec<Shape> {
    let simple = [
        ("String", ShapeKind::String, None),
        ("Blob", ShapeKind::Blob, None),
        ("BigInteger", ShapeKind::BigInteger, None),
        ("BigDecimal", ShapeKind::BigDecimal, None),
        ("Timestamp", ShapeKind::Timestamp, None),
        ("Document", ShapeKind::Document, None),
        ("Boolean", ShapeKind::Boolean, None),
        ("Byte", ShapeKind::Byte, None),
        ("Short", ShapeKind::Short, None),
        ("Integer", ShapeKind::Integer, None),
        ("Long", ShapeKind::Long, None),
        ("Float", ShapeKind::Float, None),
        ("Double", ShapeKind::Double, None),
        (
            "PrimitiveBoolean",
            ShapeKind::Boolean,
            Some(Value::Bool(false)),
        ),
        ("PrimitiveByte", ShapeKind::Byte, Some(Value::from(0))),
        ("PrimitiveShort", ShapeKind::Short, Some(Value::from(0))),
        ("PrimitiveInteger", ShapeKind::Integer, Some(Value::from(0))),
        ("PrimitiveLong", ShapeKind::Long, Some(Value::from(0))),
        ("PrimitiveFloat", ShapeKind::Float, Some(Value::from(0))),
        ("PrimitiveDouble", ShapeKind::Double, Some(Value::from(0))),
    ];
    let mut out: Vec<Shape> = simple
        .into_iter()
        .map(|(name, kind, default)| {
            let mut traits = BTreeMap::new();
            if let Some(d) = default {
                traits.insert(ShapeId::new("smithy.api", "default"), d);
            }
            Shape {
                id: ShapeId::new("smithy.api", name),
                kind,
                traits: Traits::from_map(traits),
                body: ShapeBody::Members(Vec::new()),
            }
        })
        .collect();
    let mut unit_traits = BTreeMap::new();
    unit_traits.insert(
        ShapeId::new("smithy.api", "unitType"),
        Value::Object(Default::default()),
    );
    out.push(Shape {
        id: ShapeId::new("smithy.api", "Unit"),
        kind: ShapeKind::Structure,
        traits: Traits::from_map(unit_traits),
        body: ShapeBody::Members(Vec::new()),
    });
    out
}
