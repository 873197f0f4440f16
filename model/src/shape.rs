//! The resolved shapes of a model.

use std::collections::BTreeMap;

use crate::{ShapeId, Traits};

/// The type of a shape, as named in the Smithy JSON AST (`set` is loaded as [`ShapeKind::List`]
/// with `@uniqueItems`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ShapeKind {
    Blob,
    Boolean,
    String,
    Byte,
    Short,
    Integer,
    Long,
    Float,
    Double,
    BigInteger,
    BigDecimal,
    Timestamp,
    Document,
    Enum,
    IntEnum,
    List,
    Map,
    Structure,
    Union,
    Service,
    Operation,
    Resource,
}

impl ShapeKind {
    /// Parses the JSON AST `type` value. `set` maps to `List` (the loader adds `@uniqueItems`).
    pub fn from_ast(name: &str) -> Option<ShapeKind> {
        Some(match name {
            "blob" => ShapeKind::Blob,
            "boolean" => ShapeKind::Boolean,
            "string" => ShapeKind::String,
            "byte" => ShapeKind::Byte,
            "short" => ShapeKind::Short,
            "integer" => ShapeKind::Integer,
            "long" => ShapeKind::Long,
            "float" => ShapeKind::Float,
            "double" => ShapeKind::Double,
            "bigInteger" => ShapeKind::BigInteger,
            "bigDecimal" => ShapeKind::BigDecimal,
            "timestamp" => ShapeKind::Timestamp,
            "document" => ShapeKind::Document,
            "enum" => ShapeKind::Enum,
            "intEnum" => ShapeKind::IntEnum,
            "list" | "set" => ShapeKind::List,
            "map" => ShapeKind::Map,
            "structure" => ShapeKind::Structure,
            "union" => ShapeKind::Union,
            "service" => ShapeKind::Service,
            "operation" => ShapeKind::Operation,
            "resource" => ShapeKind::Resource,
            _ => return None,
        })
    }

    /// The JSON AST name of this kind.
    pub fn as_str(self) -> &'static str {
        match self {
            ShapeKind::Blob => "blob",
            ShapeKind::Boolean => "boolean",
            ShapeKind::String => "string",
            ShapeKind::Byte => "byte",
            ShapeKind::Short => "short",
            ShapeKind::Integer => "integer",
            ShapeKind::Long => "long",
            ShapeKind::Float => "float",
            ShapeKind::Double => "double",
            ShapeKind::BigInteger => "bigInteger",
            ShapeKind::BigDecimal => "bigDecimal",
            ShapeKind::Timestamp => "timestamp",
            ShapeKind::Document => "document",
            ShapeKind::Enum => "enum",
            ShapeKind::IntEnum => "intEnum",
            ShapeKind::List => "list",
            ShapeKind::Map => "map",
            ShapeKind::Structure => "structure",
            ShapeKind::Union => "union",
            ShapeKind::Service => "service",
            ShapeKind::Operation => "operation",
            ShapeKind::Resource => "resource",
        }
    }

    /// Simple (scalar) shape types, including `enum` and `intEnum`.
    pub fn is_simple(self) -> bool {
        !matches!(
            self,
            ShapeKind::List
                | ShapeKind::Map
                | ShapeKind::Structure
                | ShapeKind::Union
                | ShapeKind::Service
                | ShapeKind::Operation
                | ShapeKind::Resource
        )
    }

    /// Integer-valued number types (`byte` … `long`, `intEnum`, `bigInteger`).
    pub fn is_integer(self) -> bool {
        matches!(
            self,
            ShapeKind::Byte
                | ShapeKind::Short
                | ShapeKind::Integer
                | ShapeKind::Long
                | ShapeKind::IntEnum
                | ShapeKind::BigInteger
        )
    }

    /// All number types.
    pub fn is_number(self) -> bool {
        self.is_integer()
            || matches!(
                self,
                ShapeKind::Float | ShapeKind::Double | ShapeKind::BigDecimal
            )
    }
}

impl std::fmt::Display for ShapeKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A member of an aggregate shape (structure, union, list, map, enum, intEnum).
#[derive(Clone, Debug, PartialEq)]
pub struct Member {
    /// The member's own id, `ns#Container$name`.
    pub id: ShapeId,
    /// The member name (`member`, `key` and `value` for lists and maps).
    pub name: String,
    /// The shape the member targets.
    pub target: ShapeId,
    /// Traits applied to the member (not those of its target).
    pub traits: Traits,
}

/// Service-specific properties.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ServiceData {
    pub version: Option<String>,
    pub operations: Vec<ShapeId>,
    pub resources: Vec<ShapeId>,
    pub errors: Vec<ShapeId>,
    /// Shape id → the name used for it in this service (disambiguates conflicting names).
    pub rename: BTreeMap<ShapeId, String>,
}

/// Operation-specific properties. `input` and `output` are `smithy.api#Unit` when absent.
#[derive(Clone, Debug, PartialEq)]
pub struct OperationData {
    pub input: ShapeId,
    pub output: ShapeId,
    pub errors: Vec<ShapeId>,
}

/// Resource-specific properties.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ResourceData {
    pub identifiers: BTreeMap<String, ShapeId>,
    pub properties: BTreeMap<String, ShapeId>,
    pub create: Option<ShapeId>,
    pub put: Option<ShapeId>,
    pub read: Option<ShapeId>,
    pub update: Option<ShapeId>,
    pub delete: Option<ShapeId>,
    pub list: Option<ShapeId>,
    pub operations: Vec<ShapeId>,
    pub collection_operations: Vec<ShapeId>,
    pub resources: Vec<ShapeId>,
}

impl ResourceData {
    /// Every operation bound to this resource (lifecycle first, then instance and collection
    /// operations), without duplicates, in declaration order.
    pub fn all_operations(&self) -> Vec<ShapeId> {
        let mut out: Vec<ShapeId> = Vec::new();
        let lifecycle = [
            &self.create,
            &self.put,
            &self.read,
            &self.update,
            &self.delete,
            &self.list,
        ];
        for id in lifecycle
            .into_iter()
            .flatten()
            .chain(&self.operations)
            .chain(&self.collection_operations)
        {
            if !out.contains(id) {
                out.push(id.clone());
            }
        }
        out
    }
}

/// Kind-specific data of a shape.
#[derive(Clone, Debug, PartialEq)]
pub enum ShapeBody {
    /// Simple types and aggregates: the members in declaration order (empty for scalars; one
    /// `member` for lists; `key` and `value` for maps).
    Members(Vec<Member>),
    Service(ServiceData),
    Operation(OperationData),
    Resource(ResourceData),
}

/// One shape of a model.
#[derive(Clone, Debug, PartialEq)]
pub struct Shape {
    pub id: ShapeId,
    pub kind: ShapeKind,
    pub traits: Traits,
    pub body: ShapeBody,
}

impl Shape {
    /// Members in declaration order (empty for shapes without members).
    pub fn members(&self) -> &[Member] {
        match &self.body {
            ShapeBody::Members(m) => m,
            _ => &[],
        }
    }

    /// The member named `name`.
    pub fn member(&self, name: &str) -> Option<&Member> {
        self.members().iter().find(|m| m.name == name)
    }

    /// The `member` of a list.
    pub fn list_member(&self) -> Option<&Member> {
        (self.kind == ShapeKind::List)
            .then(|| self.member("member"))
            .flatten()
    }

    /// `key` and `value` of a map.
    pub fn map_members(&self) -> Option<(&Member, &Member)> {
        if self.kind != ShapeKind::Map {
            return None;
        }
        Some((self.member("key")?, self.member("value")?))
    }

    pub fn as_service(&self) -> Option<&ServiceData> {
        match &self.body {
            ShapeBody::Service(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_operation(&self) -> Option<&OperationData> {
        match &self.body {
            ShapeBody::Operation(o) => Some(o),
            _ => None,
        }
    }

    pub fn as_resource(&self) -> Option<&ResourceData> {
        match &self.body {
            ShapeBody::Resource(r) => Some(r),
            _ => None,
        }
    }
}
