//! The syntax tree of one IDL file: what the text says, with spans, before any shape id is
//! resolved (that needs every file of the model, see [`super::resolve`]).

use std::ops::Range;

pub(crate) type Span = Range<usize>;

/// A shape id as written (relative or absolute), with where it was written.
#[derive(Clone, Debug)]
pub(crate) struct Ref {
    pub text: String,
    pub span: Span,
}

/// A node value. Unquoted shape ids stay unresolved until assembly.
#[derive(Clone, Debug)]
pub(crate) enum Node {
    Null,
    Bool(bool),
    Number(String, Span),
    Str(String),
    ShapeId(Ref),
    Array(Vec<Node>),
    Object(Vec<(String, Span, Node)>),
}

/// `@id`, `@id(value)` or `@id(key: value, ...)`.
#[derive(Clone, Debug)]
pub(crate) struct TraitApp {
    pub id: Ref,
    /// `None` for `@id` and `@id()`: the value then depends on the trait's shape.
    pub value: Option<Node>,
}

/// Doc comments and traits written before a shape or member.
#[derive(Clone, Debug, Default)]
pub(crate) struct Traits {
    pub docs: Option<(String, Span)>,
    pub list: Vec<TraitApp>,
}

#[derive(Clone, Debug)]
pub(crate) struct MemberDef {
    pub traits: Traits,
    pub name: String,
    pub span: Span,
    /// `None` when elided (`$name`).
    pub target: Option<Ref>,
    /// `= value` (a default, or an enum value) and the span of its `=`.
    pub value: Option<(Node, Span)>,
}

/// `input := { ... }` or `output := ...`.
#[derive(Clone, Debug)]
pub(crate) struct InlineStructure {
    pub traits: Traits,
    pub for_resource: Option<Ref>,
    pub mixins: Vec<Ref>,
    pub members: Vec<MemberDef>,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub(crate) enum IoRef {
    Target(Ref),
    Inline(Box<InlineStructure>),
}

#[derive(Clone, Debug, Default)]
pub(crate) struct OperationBody {
    pub input: Option<IoRef>,
    pub output: Option<IoRef>,
    pub errors: Option<Vec<Ref>>,
}

#[derive(Clone, Debug)]
pub(crate) enum Body {
    /// Simple shapes.
    None,
    Members(Vec<MemberDef>),
    /// Service and resource properties.
    Entity(Vec<(String, Span, Node)>),
    Operation(OperationBody),
}

#[derive(Clone, Debug)]
pub(crate) struct ShapeDef {
    pub traits: Traits,
    /// The type keyword as written (`set` stays `set`).
    pub kind: String,
    pub name: String,
    pub span: Span,
    pub for_resource: Option<Ref>,
    pub mixins: Vec<Ref>,
    /// The `with` keyword.
    pub mixins_span: Option<Span>,
    pub body: Body,
}

#[derive(Clone, Debug)]
pub(crate) struct Apply {
    pub target: Ref,
    pub traits: Vec<TraitApp>,
}

/// One parsed file.
#[derive(Clone, Debug, Default)]
pub(crate) struct File {
    /// `$name: value` statements other than `$version`, with their key span.
    pub controls: Vec<(String, Span, Node)>,
    /// The `$version` value and its span; `None` when absent (1.0).
    pub version: Option<(String, Span)>,
    pub metadata: Vec<(String, Span, Node)>,
    pub namespace: Option<(String, Span)>,
    pub uses: Vec<Ref>,
    pub shapes: Vec<ShapeDef>,
    pub applies: Vec<Apply>,
}
