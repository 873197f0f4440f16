//! The standard trait definitions every model may use without loading their files: the
//! prelude's traits and those of `aws.*`, `smithy.rules`, `smithy.test`, `smithy.waiters`.
//!
//! A compact table of our own (trait id → the type of its shape) instead of the trait
//! definition files: the assembler needs to know that a trait exists (an unknown trait is an
//! error) and what an annotation without a value means (`[]` for list traits, `{}` otherwise).
//! A model that defines one of these shapes itself (e.g. loads Smithy's trait files) overrides
//! the entry.

use foldhash::HashMap;
use std::sync::LazyLock;

use crate::ShapeKind;

/// `(namespace, shape type, names)`.
const TRAITS: &[(&str, ShapeKind, &[&str])] = &[
    (
        "smithy.api",
        ShapeKind::Structure,
        &[
            "trait",
            "deprecated",
            "box",
            "protocolDefinition",
            "authDefinition",
            "httpBasicAuth",
            "httpDigestAuth",
            "httpBearerAuth",
            "httpApiKeyAuth",
            "metadata",
            "addedDefault",
            "clientOptional",
            "optionalAuth",
            "retryable",
            "readonly",
            "idempotent",
            "idempotencyToken",
            "internal",
            "xmlAttribute",
            "xmlFlattened",
            "xmlNamespace",
            "noReplace",
            "private",
            "sensitive",
            "streaming",
            "requiresLength",
            "longPoll",
            "length",
            "range",
            "required",
            "property",
            "notProperty",
            "nestedProperties",
            "recommended",
            "sparse",
            "uniqueItems",
            "unstable",
            "paginated",
            "http",
            "httpLabel",
            "httpQueryParams",
            "httpPayload",
            "httpResponseCode",
            "cors",
            "eventPayload",
            "eventHeader",
            "idRef",
            "endpoint",
            "hostLabel",
            "httpChecksumRequired",
            "input",
            "output",
            "unitType",
            "mixin",
            "requestCompression",
        ],
    ),
    (
        "smithy.api",
        ShapeKind::String,
        &[
            "documentation",
            "jsonName",
            "xmlName",
            "mediaType",
            "resourceIdentifier",
            "since",
            "title",
            "pattern",
            "httpQuery",
            "httpHeader",
            "httpPrefixHeaders",
        ],
    ),
    (
        "smithy.api",
        ShapeKind::List,
        &["auth", "examples", "references", "tags", "enum", "suppress"],
    ),
    (
        "smithy.api",
        ShapeKind::Map,
        &["externalDocumentation", "traitValidators"],
    ),
    ("smithy.api", ShapeKind::Document, &["default", "enumValue"]),
    ("smithy.api", ShapeKind::Enum, &["error", "timestampFormat"]),
    ("smithy.api", ShapeKind::Integer, &["httpError"]),
    (
        "aws.api",
        ShapeKind::Structure,
        &[
            "arn",
            "arnReference",
            "awsChunked",
            "clientDiscoveredEndpoint",
            "clientEndpointDiscovery",
            "clientEndpointDiscoveryId",
            "controlPlane",
            "dataPlane",
            "service",
            "tagEnabled",
            "taggable",
        ],
    ),
    ("aws.api", ShapeKind::Enum, &["data"]),
    (
        "aws.auth",
        ShapeKind::Structure,
        &["cognitoUserPools", "sigv4", "sigv4a", "unsignedPayload"],
    ),
    ("aws.auth", ShapeKind::List, &["cognitoUserPoolsScopes"]),
    (
        "aws.cloudformation",
        ShapeKind::Structure,
        &[
            "cfnAdditionalIdentifier",
            "cfnExcludeProperty",
            "cfnDefaultValue",
            "cfnResource",
        ],
    ),
    ("aws.cloudformation", ShapeKind::String, &["cfnName"]),
    ("aws.cloudformation", ShapeKind::Enum, &["cfnMutability"]),
    (
        "aws.customizations",
        ShapeKind::Structure,
        &["s3UnwrappedXmlOutput"],
    ),
    (
        "aws.endpoints",
        ShapeKind::Structure,
        &[
            "endpointsModifier",
            "standardRegionalEndpoints",
            "standardPartitionalEndpoints",
            "dualStackOnlyEndpoints",
            "rulesBasedEndpoints",
        ],
    ),
    (
        "aws.iam",
        ShapeKind::String,
        &[
            "actionName",
            "actionPermissionDescription",
            "conditionKeyValue",
        ],
    ),
    (
        "aws.iam",
        ShapeKind::List,
        &[
            "conditionKeys",
            "requiredActions",
            "serviceResolvedConditionKeys",
            "supportedPrincipalTypes",
        ],
    ),
    ("aws.iam", ShapeKind::Map, &["defineConditionKeys"]),
    (
        "aws.iam",
        ShapeKind::Structure,
        &["disableConditionKeyInference", "iamAction", "iamResource"],
    ),
    (
        "aws.protocols",
        ShapeKind::Structure,
        &[
            "awsJson1_0",
            "awsJson1_1",
            "awsQuery",
            "awsQueryError",
            "awsQueryCompatible",
            "ec2Query",
            "httpChecksum",
            "restJson1",
            "restXml",
        ],
    ),
    ("aws.protocols", ShapeKind::String, &["ec2QueryName"]),
    ("smithy.rules", ShapeKind::Document, &["endpointRuleSet"]),
    (
        "smithy.rules",
        ShapeKind::Structure,
        &["endpointBdd", "endpointTests", "contextParam"],
    ),
    (
        "smithy.rules",
        ShapeKind::Map,
        &[
            "staticContextParams",
            "operationContextParams",
            "clientContextParams",
        ],
    ),
    (
        "smithy.test",
        ShapeKind::List,
        &[
            "httpRequestTests",
            "httpResponseTests",
            "httpMalformedRequestTests",
            "eventStreamTests",
            "smokeTests",
        ],
    ),
    ("smithy.waiters", ShapeKind::Map, &["waitable"]),
];

/// Non-trait shapes of the prelude that models may target by relative name.
const PRELUDE_TYPES: &[&str] = &[
    "String",
    "Blob",
    "BigInteger",
    "BigDecimal",
    "Timestamp",
    "Document",
    "Boolean",
    "Byte",
    "Short",
    "Integer",
    "Long",
    "Float",
    "Double",
    "PrimitiveBoolean",
    "PrimitiveByte",
    "PrimitiveShort",
    "PrimitiveInteger",
    "PrimitiveLong",
    "PrimitiveFloat",
    "PrimitiveDouble",
    "Unit",
];

/// Shapes of the built-in namespaces that are not traits but that trait values name by id.
const OTHER_SHAPES: &[&str] = &[
    "smithy.test#InitialHttpRequest",
    "smithy.test#InitialHttpResponse",
];

/// True for a built-in non-trait shape that trait values may name (see [`OTHER_SHAPES`]).
pub(crate) fn is_other_shape(id: &str) -> bool {
    OTHER_SHAPES.contains(&id)
}

/// The type of the built-in trait `namespace#name`, if there is one.
pub(crate) fn trait_kind(namespace: &str, name: &str) -> Option<ShapeKind> {
    INDEX.get(namespace)?.get(name).copied()
}

/// [`TRAITS`] by namespace and name: looked up for every relative id the assembler resolves.
static INDEX: LazyLock<HashMap<&str, HashMap<&str, ShapeKind>>> = LazyLock::new(|| {
    let mut index: HashMap<&str, HashMap<&str, ShapeKind>> = HashMap::default();
    for (ns, kind, names) in TRAITS {
        let entry = index.entry(ns).or_default();
        for n in *names {
            entry.insert(n, *kind);
        }
    }
    index
});

/// True when `name` is a shape of the prelude (`smithy.api`): a type or a trait.
pub(crate) fn in_prelude(name: &str) -> bool {
    trait_kind("smithy.api", name).is_some() || PRELUDE_TYPES.contains(&name)
}

/// Every built-in trait id, for tests that compare the table with definition files.
pub fn trait_ids() -> impl Iterator<Item = String> {
    TRAITS
        .iter()
        .flat_map(|(ns, _, names)| names.iter().map(move |n| format!("{ns}#{n}")))
}

/// Smithy's framework error for constraint violations, written by us in the IDL so that a
/// model can target it without loading a definition file.
pub(crate) const FRAMEWORK: &str = r#"$version: "2.0"
namespace smithy.framework

/// Returned when a request does not meet the model's constraints.
@error("client")
structure ValidationException {
    /// Summary of every violation.
    @required
    message: String

    /// One entry per violation.
    fieldList: ValidationExceptionFieldList
}

list ValidationExceptionFieldList {
    member: ValidationExceptionField
}

/// One violated constraint.
structure ValidationExceptionField {
    /// JSON pointer to the offending value in the request.
    @required
    path: String

    /// What is wrong with it.
    @required
    message: String
}
"#;
