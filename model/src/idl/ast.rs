//! The syntax tree of one IDL file: what the text says, with spans, before any shape id is
//! resolved (that needs every file of the model, see [`super::resolve`]).
//!
//! Text is borrowed from the source wherever it is the source text, so parsing allocates
//! little beyond the tree itself.

use std::borrow::Cow;
use std::ops::Range;

pub(crate) type Span = Range<usize>;

/// A shape id as written (relative or absolute), with where it was written.
#[derive(Clone, Debug)]
pub(crate) struct Ref<'a> {
    pub text: &'a str,
    pub span: Span,
}

/// A node value. Unquoted shape ids stay unresolved until assembly.
#[derive(Clone, Debug)]
pub(crate) enum Node<'a> {
    Null,
    Bool(bool),
    Number(&'a str, Span),
    Str(Cow<'a, str>),
    ShapeId(Ref<'a>),
    Array(Vec<Node<'a>>),
    Object(Vec<Entry<'a>>),
}

/// A `key: value` entry of an object, with the key's span.
pub(crate) type Entry<'a> = (Cow<'a, str>, Span, Node<'a>);

/// `@id`, `@id(value)` or `@id(key: value, ...)`.
#[derive(Clone, Debug)]
pub(crate) struct TraitApp<'a> {
    pub id: Ref<'a>,
    /// `None` for `@id` and `@id()`: the value then depends on the trait's shape.
    pub value: Option<Node<'a>>,
}

/// Doc comments and traits written before a shape or member.
#[derive(Clone, Debug, Default)]
pub(crate) struct Traits<'a> {
    pub docs: Option<(Cow<'a, str>, Span)>,
    pub list: Vec<TraitApp<'a>>,
}

#[derive(Clone, Debug)]
pub(crate) struct MemberDef<'a> {
    pub traits: Traits<'a>,
    pub name: &'a str,
    pub span: Span,
    /// `None` when elided (`$name`).
    pub target: Option<Ref<'a>>,
    /// `= value` (a default, or an enum value) and the span of its `=`.
    pub value: Option<(Node<'a>, Span)>,
}

/// `input := { ... }` or `output := ...`.
#[derive(Clone, Debug)]
pub(crate) struct InlineStructure<'a> {
    pub traits: Traits<'a>,
    pub for_resource: Option<Ref<'a>>,
    pub mixins: Vec<Ref<'a>>,
    pub members: Vec<MemberDef<'a>>,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub(crate) enum IoRef<'a> {
    Target(Ref<'a>),
    Inline(Box<InlineStructure<'a>>),
}

#[derive(Clone, Debug, Default)]
pub(crate) struct OperationBody<'a> {
    pub input: Option<IoRef<'a>>,
    pub output: Option<IoRef<'a>>,
    pub errors: Option<Vec<Ref<'a>>>,
}

#[derive(Clone, Debug)]
pub(crate) enum Body<'a> {
    /// Simple shapes.
    None,
    Members(Vec<MemberDef<'a>>),
    /// Service and resource properties.
    Entity(Vec<Entry<'a>>),
    Operation(OperationBody<'a>),
}

#[derive(Clone, Debug)]
pub(crate) struct ShapeDef<'a> {
    pub traits: Traits<'a>,
    /// The type keyword as written (`set` stays `set`).
    pub kind: &'a str,
    pub name: &'a str,
    pub span: Span,
    pub for_resource: Option<Ref<'a>>,
    pub mixins: Vec<Ref<'a>>,
    /// The `with` keyword.
    pub mixins_span: Option<Span>,
    pub body: Body<'a>,
}

#[derive(Clone, Debug)]
pub(crate) struct Apply<'a> {
    pub target: Ref<'a>,
    pub traits: Vec<TraitApp<'a>>,
}

/// One parsed file.
#[derive(Clone, Debug, Default)]
pub(crate) struct File<'a> {
    /// `$name: value` statements other than `$version`, with their key span.
    pub controls: Vec<Entry<'a>>,
    /// The `$version` value and its span; `None` when absent (1.0).
    pub version: Option<(Cow<'a, str>, Span)>,
    pub metadata: Vec<Entry<'a>>,
    pub namespace: Option<(&'a str, Span)>,
    pub uses: Vec<Ref<'a>>,
    pub shapes: Vec<ShapeDef<'a>>,
    pub applies: Vec<Apply<'a>>,
}
