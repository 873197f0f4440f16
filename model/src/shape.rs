//! The resolved shapes of a model.

use std::collections::BTreeMap;

use crate::{ShapeId, Traits};

/// The type of a shape, as named in the Smithy JSON AST (`set` is loaded as [`ShapeKind::List`]
/// with `@uniqueItems`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ShapeKind {
    /// Binary data.
    Blob,
    /// `true` or `false`.
    Boolean,
    /// UTF-8 text.
    String,
    /// 8-bit signed integer.
    Byte,
    /// 16-bit signed integer.
    Short,
    /// 32-bit signed integer.
    Integer,
    /// 64-bit signed integer.
    Long,
    /// 32-bit float.
    Float,
    /// 64-bit float.
    Double,
    /// Arbitrary-precision integer.
    BigInteger,
    /// Arbitrary-precision decimal.
    BigDecimal,
    /// A point in time.
    Timestamp,
    /// Untyped JSON-like data.
    Document,
    /// A string with a closed set of values (its members).
    Enum,
    /// An integer with a closed set of values (its members).
    IntEnum,
    /// An ordered collection (`set` loads as a list with `@uniqueItems`).
    List,
    /// String keys to values.
    Map,
    /// Named members.
    Structure,
    /// Exactly one of its members.
    Union,
    /// An API: operations, resources and errors.
    Service,
    /// One call: input, output and errors.
    Operation,
    /// An entity with identifiers and lifecycle operations.
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
    /// The service version, e.g. `2020-07-14`.
    pub version: Option<String>,
    /// Operations bound directly to the service.
    pub operations: Vec<ShapeId>,
    /// Resources bound directly to the service.
    pub resources: Vec<ShapeId>,
    /// Errors every operation of the service can return.
    pub errors: Vec<ShapeId>,
    /// Shape id → the name used for it in this service (disambiguates conflicting names).
    pub rename: BTreeMap<ShapeId, String>,
}

/// Operation-specific properties. `input` and `output` are `smithy.api#Unit` when absent.
#[derive(Clone, Debug, PartialEq)]
pub struct OperationData {
    /// The input structure.
    pub input: ShapeId,
    /// The output structure.
    pub output: ShapeId,
    /// Errors the operation can return (service-wide ones not included).
    pub errors: Vec<ShapeId>,
}

/// Resource-specific properties.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ResourceData {
    /// Identifier name → the string shape it targets.
    pub identifiers: BTreeMap<String, ShapeId>,
    /// Property name → the shape it targets.
    pub properties: BTreeMap<String, ShapeId>,
    /// Lifecycle: create with a service-assigned identifier.
    pub create: Option<ShapeId>,
    /// Lifecycle: create or replace with a client-assigned identifier.
    pub put: Option<ShapeId>,
    /// Lifecycle: read one instance.
    pub read: Option<ShapeId>,
    /// Lifecycle: update one instance.
    pub update: Option<ShapeId>,
    /// Lifecycle: delete one instance.
    pub delete: Option<ShapeId>,
    /// Lifecycle: list instances.
    pub list: Option<ShapeId>,
    /// Other operations on one instance.
    pub operations: Vec<ShapeId>,
    /// Other operations on the collection.
    pub collection_operations: Vec<ShapeId>,
    /// Child resources.
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
// Boxing the resource variant would break pattern matching for every user of this public
// enum; models hold at most a few thousand shapes, so the extra bytes do not matter.
#[allow(clippy::large_enum_variant)]
pub enum ShapeBody {
    /// Simple types and aggregates: the members in declaration order (empty for scalars; one
    /// `member` for lists; `key` and `value` for maps).
    Members(Vec<Member>),
    /// A service's bindings.
    Service(ServiceData),
    /// An operation's input, output and errors.
    Operation(OperationData),
    /// A resource's identifiers, properties and operations.
    Resource(ResourceData),
}

/// One shape of a model.
#[derive(Clone, Debug, PartialEq)]
pub struct Shape {
    /// The shape's absolute id.
    pub id: ShapeId,
    /// Its type.
    pub kind: ShapeKind,
    /// Traits applied to it (mixins and `apply` included).
    pub traits: Traits,
    /// Members or service/operation/resource bindings.
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

    /// The service bindings, for a service shape.
    pub fn as_service(&self) -> Option<&ServiceData> {
        match &self.body {
            ShapeBody::Service(s) => Some(s),
            _ => None,
        }
    }

    /// The operation bindings, for an operation shape.
    pub fn as_operation(&self) -> Option<&OperationData> {
        match &self.body {
            ShapeBody::Operation(o) => Some(o),
            _ => None,
        }
    }

    /// The resource bindings, for a resource shape.
    pub fn as_resource(&self) -> Option<&ResourceData> {
        match &self.body {
            ShapeBody::Resource(r) => Some(r),
            _ => None,
        }
    }
}
