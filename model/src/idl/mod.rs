//! Loading Smithy IDL files (and JSON AST documents beside them) as one model.
//!
//! ```
//! use smithy_model::idl::Assembler;
//!
//! let mut a = Assembler::new();
//! a.add_idl("ex.smithy", "$version: \"2\"\nnamespace ex\n\n/// A name.\n@length(min: 1)\nstring Name\n");
//! let model = a.assemble().unwrap().model;
//! let name = model.shape(&"ex#Name".parse().unwrap()).unwrap();
//! assert_eq!(name.traits.documentation(), Some("A name."));
//! ```
//!
//! The pipeline: [`lexer`] (tokens with spans) → [`parser`] (a syntax tree per file, every
//! syntax error recorded with recovery at the next statement) → [`resolve`] (relative shape
//! ids made absolute across all files, `$member` elision, inline input/output, doc comments,
//! 1.0 restrictions) → the JSON AST loader shared with [`crate::Model::load`] (shape and
//! metadata merging, `apply`, mixins, 1.0 boxing) → validation and the check of every applied
//! trait against its definition ([`builtin`] or a `@trait` shape of the model). Problems carry
//! the file, line and column where one is known; [`Assembler::render`] prints them like a
//! compiler does.

mod ast;
pub mod builtin;
mod lexer;
mod parser;
mod resolve;

use foldhash::HashMap;
use std::ops::Range;

use serde_json::Value;

use crate::error::Location;
use crate::{Error, Model, Problem, ShapeId, ShapeKind, Traits};

/// What a source holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SourceKind {
    /// Smithy IDL (`.smithy`).
    Idl,
    /// Smithy JSON AST (`.json`).
    Json,
}

#[derive(Clone, Debug)]
struct Source {
    name: String,
    text: String,
    kind: SourceKind,
}

/// Collects model files and assembles them into one validated [`Model`].
#[derive(Clone, Debug, Default)]
pub struct Assembler {
    sources: Vec<Source>,
}

/// A successfully assembled model and what Smithy would report as warnings.
#[derive(Clone, Debug)]
pub struct Assembled {
    /// The model, prelude included.
    pub model: Model,
    /// Problems that do not stop a model from loading (Smithy's WARNING and DANGER).
    pub warnings: Vec<Problem>,
}

impl Assembler {
    /// An empty assembler.
    pub fn new() -> Assembler {
        Assembler::default()
    }

    /// Adds an IDL file; `name` is used in diagnostics.
    pub fn add_idl(&mut self, name: impl Into<String>, text: impl Into<String>) -> &mut Self {
        self.add(name, text, SourceKind::Idl)
    }

    /// Adds a JSON AST document; `name` is used in diagnostics.
    pub fn add_json(&mut self, name: impl Into<String>, text: impl Into<String>) -> &mut Self {
        self.add(name, text, SourceKind::Json)
    }

    /// Adds a file of either kind.
    pub fn add(
        &mut self,
        name: impl Into<String>,
        text: impl Into<String>,
        kind: SourceKind,
    ) -> &mut Self {
        self.sources.push(Source {
            name: name.into(),
            text: text.into(),
            kind,
        });
        self
    }

    /// Adds a file, choosing the kind by its name (`.json` is JSON AST, anything else IDL).
    pub fn add_file(&mut self, name: impl Into<String>, text: impl Into<String>) -> &mut Self {
        let name = name.into();
        let kind = if name.ends_with(".json") {
            SourceKind::Json
        } else {
            SourceKind::Idl
        };
        self.add(name, text, kind)
    }

    /// Parses, resolves, merges and validates every source, reporting all problems found.
    pub fn assemble(&self) -> Result<Assembled, Error> {
        let mut sources: Vec<&Source> = self.sources.iter().collect();
        let framework = Source {
            name: "<built-in smithy.framework>".into(),
            text: builtin::FRAMEWORK.into(),
            kind: SourceKind::Idl,
        };
        let mut problems = Vec::new();
        let mut files = Vec::new();
        let mut jsons = Vec::new();
        for (i, s) in sources.iter().enumerate() {
            match s.kind {
                SourceKind::Idl => {
                    let (file, errors) = parser::parse(&s.text);
                    for e in errors {
                        problems.push(self.located(i, &s.text, e.span, None, e.message));
                    }
                    files.push((i, file));
                }
                SourceKind::Json => match serde_json::from_str::<Value>(&s.text) {
                    Ok(v) => jsons.push((i, v)),
                    Err(e) => {
                        let offset = offset_of(&s.text, e.line(), e.column());
                        problems.push(self.located(
                            i,
                            &s.text,
                            offset..offset,
                            None,
                            format!("not a JSON document: {e}"),
                        ));
                    }
                },
            }
        }
        if !problems.is_empty() {
            return Err(Error::new(problems));
        }
        // The framework shapes are added when referenced and not defined by a source.
        let mentions = |t: &str| t.contains("smithy.framework#");
        let defines = files.iter().any(|(_, f)| {
            f.namespace
                .as_ref()
                .is_some_and(|(n, _)| *n == "smithy.framework")
        });
        if !defines && sources.iter().any(|s| mentions(&s.text)) {
            let (file, errors) = parser::parse(&framework.text);
            debug_assert!(errors.is_empty(), "{errors:?}");
            files.push((sources.len(), file));
            sources.push(&framework);
        }
        let mut inputs: Vec<(usize, resolve::Input<'_>)> = files
            .iter()
            .map(|(i, f)| (*i, resolve::Input::Idl(f)))
            .chain(jsons.iter().map(|(i, v)| (*i, resolve::Input::Json(v))))
            .collect();
        inputs.sort_by_key(|(i, _)| *i);
        let order: Vec<usize> = inputs.iter().map(|(i, _)| *i).collect();
        let plain: Vec<resolve::Input<'_>> = inputs.into_iter().map(|(_, x)| x).collect();
        let resolved = resolve::resolve(&plain);
        let text_of = |doc: usize| &sources[order[doc]].text;
        let mut warnings = Vec::new();
        for p in resolved.problems {
            let warning = p.warning;
            problems.push(match p.at {
                Some((doc, span)) => {
                    self.located_in(&sources, order[doc], text_of(doc), span, p.shape, p.message)
                }
                None => Problem {
                    location: None,
                    shape: p.shape,
                    member: None,
                    message: p.message,
                },
            });
            if warning {
                warnings.extend(problems.pop());
            }
        }
        if !problems.is_empty() {
            return Err(Error::new(problems));
        }
        let mut spans = resolved.locations;
        // A problem with an `apply` whose target is not defined is shown at the statement.
        for (id, _, at) in &resolved.applies {
            spans.entry(id.clone()).or_insert_with(|| at.clone());
        }
        // Line and column are worked out only for problems (counting lines is linear in the file).
        let locations: HashMap<ShapeId, (usize, Range<usize>)> = spans;
        // JSON documents are loaded as they are, less prelude redefinitions; IDL files come
        // as shapes built by the resolver.
        let mut owned: Vec<Option<Value>> = Vec::with_capacity(plain.len());
        let mut built: Vec<Option<crate::load::Built>> = Vec::with_capacity(plain.len());
        for (d, input) in resolved.docs.into_iter().zip(&plain) {
            match (d, input) {
                (Some(mut b), _) => {
                    b.shapes.retain(|s| {
                        !(s.id.namespace() == "smithy.api" && builtin::in_prelude(s.id.name()))
                    });
                    built.push(Some(b));
                    owned.push(None);
                }
                (None, resolve::Input::Json(v)) => {
                    built.push(None);
                    owned.push(Some(drop_builtin_redefinitions((*v).clone())));
                }
                (None, resolve::Input::Idl(_)) => {
                    built.push(None);
                    owned.push(Some(Value::Null));
                }
            }
        }
        let docs: Vec<crate::load::Doc<'_>> = built
            .into_iter()
            .zip(&owned)
            .map(|(b, o)| match (b, o) {
                (Some(b), _) => crate::load::Doc::Built(b),
                (None, Some(v)) => crate::load::Doc::Json(v),
                (None, None) => crate::load::Doc::Json(&Value::Null),
            })
            .collect();
        let applies: Vec<(ShapeId, Traits)> = resolved
            .applies
            .into_iter()
            .map(|(id, traits, _)| (id, Traits::from_map(traits.into_iter().collect())))
            .collect();
        let locate = |mut p: Problem| {
            if p.location.is_none()
                && let Some(shape) = &p.shape
            {
                let key = match &p.member {
                    Some(m) => format!("{shape}${m}"),
                    None => shape.clone(),
                };
                p.location = locations
                    .get(key.as_str())
                    .or_else(|| locations.get(shape.as_str()))
                    .map(|(doc, span)| {
                        location(&sources[order[*doc]].name, text_of(*doc), span.clone())
                    });
            }
            p
        };
        let model = crate::load::load_docs(docs, applies)
            .map_err(|ps| Error::new(ps.into_iter().map(locate).collect()))
            .and_then(|loaded| {
                Model::from_loaded(loaded)
                    .map_err(|e| Error::new(e.problems.into_iter().map(locate).collect()))
            })?;
        let (mut problems, found) = crate::validate::validate_with_warnings(&model);
        warnings.extend(found.into_iter().map(locate));
        for (mut p, trait_id) in check_traits(&model) {
            // One problem per mistake: this one, shown at the trait, replaces the validator's
            // own complaint about the same trait value.
            let tid = trait_id.to_string();
            problems.retain(|q| {
                !(q.shape == p.shape && q.member == p.member && q.message.contains(&tid))
            });
            // Shown where the trait is applied to that shape or member.
            let owner = match (&p.shape, &p.member) {
                (Some(s), Some(m)) => format!("{s}${m}"),
                (Some(s), None) => s.clone(),
                _ => String::new(),
            };
            if let Some((doc, span)) = resolved
                .trait_spans
                .get(owner.as_str())
                .and_then(|v| v.iter().find(|(t, _)| *t == trait_id))
                .map(|(_, at)| at)
            {
                p.location = Some(location(
                    &sources[order[*doc]].name,
                    text_of(*doc),
                    span.clone(),
                ));
            }
            problems.push(p);
        }
        if !problems.is_empty() {
            return Err(Error::new(problems.into_iter().map(locate).collect()));
        }
        Ok(Assembled { model, warnings })
    }

    fn located(
        &self,
        index: usize,
        text: &str,
        span: Range<usize>,
        shape: Option<String>,
        message: String,
    ) -> Problem {
        Problem {
            location: Some(location(&self.sources[index].name, text, span)),
            shape,
            member: None,
            message,
        }
    }

    fn located_in(
        &self,
        sources: &[&Source],
        index: usize,
        text: &str,
        span: Range<usize>,
        shape: Option<String>,
        message: String,
    ) -> Problem {
        Problem {
            location: Some(location(&sources[index].name, text, span)),
            shape,
            member: None,
            message,
        }
    }

    /// Renders problems like a compiler: `error: message`, `--> file:line:column` and the
    /// source line with the problem marked; problems without a place name their shape.
    pub fn render(&self, error: &Error) -> String {
        use annotate_snippets::{Level, Renderer, Snippet};
        let renderer = Renderer::plain();
        let mut out = String::new();
        for p in &error.problems {
            // A problem in a built-in definition has no source here: it renders without a snippet.
            let source = p.location.as_ref().and_then(|l| {
                self.sources
                    .iter()
                    .find(|s| s.name == l.file)
                    .map(|s| (l, s))
            });
            let title = match (&p.shape, &p.member) {
                (Some(s), Some(m)) => format!("{s}${m}: {}", p.message),
                (Some(s), None) if !p.message.starts_with(s.as_str()) => {
                    format!("{s}: {}", p.message)
                }
                _ => p.message.clone(),
            };
            let rendered = match source {
                Some((l, s)) if !s.text.is_empty() => {
                    let (start, end) = visible_span(&s.text, l.start, l.end);
                    let message = Level::Error.title(&title).snippet(
                        Snippet::source(&s.text)
                            .line_start(1)
                            .origin(&s.name)
                            .fold(true)
                            .annotation(Level::Error.span(start..end)),
                    );
                    renderer.render(message).to_string()
                }
                _ => {
                    let mut t = renderer.render(Level::Error.title(&title)).to_string();
                    if let Some(l) = &p.location {
                        t.push_str(&format!("\n --> {l}"));
                    }
                    t
                }
            };
            out.push_str(&rendered);
            out.push_str("\n\n");
        }
        out
    }
}

/// A span that marks at least one character and stays within the text.
fn visible_span(text: &str, start: usize, end: usize) -> (usize, usize) {
    let len = text.len();
    let mut start = start.min(len);
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    let mut end = end.clamp(start, len);
    if end == start {
        if start == len && start > 0 {
            start -= 1;
            while !text.is_char_boundary(start) {
                start -= 1;
            }
        }
        end = start + text[start..].chars().next().map_or(0, char::len_utf8);
    }
    while !text.is_char_boundary(end) {
        end += 1;
    }
    (start, end)
}

fn location(file: &str, text: &str, span: Range<usize>) -> Location {
    let start = span.start.min(text.len());
    let before = &text.as_bytes()[..start];
    let line = before.iter().filter(|b| **b == b'\n').count() + 1;
    let line_start = before
        .iter()
        .rposition(|b| *b == b'\n')
        .map_or(0, |p| p + 1);
    let column = String::from_utf8_lossy(&before[line_start..])
        .chars()
        .count()
        + 1;
    Location {
        file: file.to_string(),
        line,
        column,
        start,
        end: span.end.max(start),
    }
}

/// The byte offset of a 1-based line and column (as serde_json reports them).
fn offset_of(text: &str, line: usize, column: usize) -> usize {
    let mut offset = 0;
    for (i, l) in text.split_inclusive('\n').enumerate() {
        if i + 1 == line {
            return offset + column.saturating_sub(1).min(l.len());
        }
        offset += l.len();
    }
    text.len()
}

/// Shapes of the prelude namespace that a source defines again (Smithy's own trait files do)
/// are left out: the built-in prelude is authoritative.
fn drop_builtin_redefinitions(mut doc: Value) -> Value {
    if let Some(Value::Object(shapes)) = doc.get_mut("shapes") {
        shapes.retain(|k, _| match k.split_once('#') {
            Some(("smithy.api", name)) => !builtin::in_prelude(name),
            _ => true,
        });
    }
    doc
}

/// Every applied trait must be defined (built in, or a shape of the model with `@trait`) and
/// have a value of its shape's type. Each problem comes with the trait's id.
fn check_traits(model: &Model) -> Vec<(Problem, ShapeId)> {
    let mut problems = Vec::new();
    // The definition of each trait id (the model's shape, the table's kind), looked up once per
    // id rather than once per application: the same few traits are applied throughout a model.
    type Def<'m> = (Option<&'m crate::Shape>, Option<ShapeKind>);
    fn definition<'m>(
        model: &'m Model,
        defs: &mut HashMap<&'m ShapeId, Def<'m>>,
        id: &'m ShapeId,
    ) -> Def<'m> {
        *defs.entry(id).or_insert_with(|| {
            (
                model.shape(id),
                builtin::trait_kind(id.namespace(), id.name()),
            )
        })
    }
    let mut defs: HashMap<&ShapeId, Def<'_>> = HashMap::default();
    let check = |id: &ShapeId, value: &Value, (def, built_in): Def<'_>| -> Option<String> {
        let user_defined = def.filter(|s| s.traits.has("smithy.api#trait"));
        if built_in.is_none() && user_defined.is_none() {
            return Some(format!(
                "unknown trait `{id}`: no trait definition has this id"
            ));
        }
        // A trait defined by the model is checked against its shape all the way down.
        if built_in.is_none()
            && let Some(def) = user_defined
        {
            return value_problem(model, def, value, 0)
                .map(|m| format!("trait `{id}` value does not fit its shape: {m}"));
        }
        // The type of a trait's shape, from the model first (a source may define it), else the table.
        let k = def.map(|s| s.kind).or(built_in)?;
        let fits = match k {
            ShapeKind::Structure | ShapeKind::Union | ShapeKind::Map => value.is_object(),
            ShapeKind::List => value.is_array(),
            ShapeKind::String | ShapeKind::Enum => value.is_string(),
            ShapeKind::Boolean => value.is_boolean(),
            k if k.is_number() => value.is_number(),
            _ => true,
        };
        (!fits).then(|| format!("trait `{id}` needs a {k} value, found {value}"))
    };
    for shape in model.shapes() {
        for (id, v) in shape.traits.iter() {
            if let Some(m) = check(id, v, definition(model, &mut defs, id)) {
                problems.push((Problem::shape(&shape.id, m), id.clone()));
            }
        }
        for member in shape.members() {
            for (id, v) in member.traits.iter() {
                if let Some(m) = check(id, v, definition(model, &mut defs, id)) {
                    problems.push((Problem::member(&shape.id, &member.name, m), id.clone()));
                }
            }
        }
    }
    problems
}

/// Why a node value does not fit shape `shape` (a trait's shape or one of its parts).
fn value_problem(
    model: &Model,
    shape: &crate::Shape,
    value: &Value,
    depth: usize,
) -> Option<String> {
    // Deeper values are not checked (a recursive trait shape with a hostile value).
    if depth > 32 {
        return None;
    }
    let at = |m: &crate::Member| model.shape(&m.target);
    let sub = |m: &crate::Member, v: &Value, what: String| {
        let target = at(m)?;
        value_problem(model, target, v, depth + 1).map(|p| format!("{what}: {p}"))
    };
    let found = |v: &Value| match v {
        Value::Null => "null".to_string(),
        Value::Bool(_) => "a boolean".to_string(),
        Value::Number(n) => format!("the number {n}"),
        Value::String(s) => format!("the string {s:?}"),
        Value::Array(_) => "a list".to_string(),
        Value::Object(_) => "an object".to_string(),
    };
    let k = shape.kind;
    match (k, value) {
        (ShapeKind::Structure, Value::Object(o)) => {
            for (key, v) in o {
                match shape.member(key) {
                    None => return Some(format!("`{}` has no member `{key}`", shape.id)),
                    Some(m) => {
                        if let Some(p) = sub(m, v, format!("`{key}`")) {
                            return Some(p);
                        }
                    }
                }
            }
            shape
                .members()
                .iter()
                .find(|m| {
                    m.traits.is_required()
                        && !m.traits.has("smithy.api#default")
                        && !o.contains_key(&m.name)
                })
                .map(|m| format!("`{}` needs the member `{}`", shape.id, m.name))
        }
        (ShapeKind::Union, Value::Object(o)) => {
            if o.len() != 1 {
                return Some(format!(
                    "a value of union `{}` sets exactly one member",
                    shape.id
                ));
            }
            let (key, v) = o.iter().next()?;
            match shape.member(key) {
                None => Some(format!("`{}` has no member `{key}`", shape.id)),
                Some(m) => sub(m, v, format!("`{key}`")),
            }
        }
        (ShapeKind::Map, Value::Object(o)) => {
            let (_, value_member) = shape.map_members()?;
            // `null` is for @sparse maps; not checked here.
            o.iter()
                .filter(|(_, v)| !v.is_null())
                .find_map(|(key, v)| sub(value_member, v, format!("`{key}`")))
        }
        (ShapeKind::List, Value::Array(items)) => {
            let member = shape.list_member()?;
            items
                .iter()
                .enumerate()
                .filter(|(_, v)| !v.is_null())
                .find_map(|(i, v)| sub(member, v, format!("item {i}")))
        }
        (ShapeKind::Enum, Value::String(s)) => {
            let known = shape.members().iter().any(|m| {
                m.traits.get("smithy.api#enumValue").and_then(Value::as_str) == Some(s.as_str())
            });
            (!known).then(|| format!("{s:?} is not a value of enum `{}`", shape.id))
        }
        (ShapeKind::IntEnum, Value::Number(n)) => {
            let known = shape.members().iter().any(|m| {
                m.traits.get("smithy.api#enumValue").and_then(Value::as_i64) == n.as_i64()
            });
            (!known).then(|| format!("{n} is not a value of intEnum `{}`", shape.id))
        }
        (ShapeKind::Structure | ShapeKind::Union | ShapeKind::Map, v) => Some(format!(
            "`{}` needs an object, found {}",
            shape.id,
            found(v)
        )),
        (ShapeKind::List, v) => Some(format!("`{}` needs a list, found {}", shape.id, found(v))),
        (ShapeKind::String | ShapeKind::Blob, Value::String(_)) => None,
        (ShapeKind::String | ShapeKind::Enum | ShapeKind::Blob, v) => {
            Some(format!("`{}` needs a string, found {}", shape.id, found(v)))
        }
        (ShapeKind::Boolean, Value::Bool(_)) => None,
        (ShapeKind::Boolean, v) => Some(format!(
            "`{}` needs a boolean, found {}",
            shape.id,
            found(v)
        )),
        (ShapeKind::Timestamp, Value::String(_) | Value::Number(_)) => None,
        (ShapeKind::Timestamp, v) => Some(format!(
            "`{}` needs a timestamp (a string or a number), found {}",
            shape.id,
            found(v)
        )),
        (k, Value::Number(_)) if k.is_number() => None,
        (k, v) if k.is_number() || k == ShapeKind::IntEnum => {
            Some(format!("`{}` needs a number, found {}", shape.id, found(v)))
        }
        // Documents take anything.
        _ => None,
    }
}
