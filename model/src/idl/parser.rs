//! A recovering parser from tokens to [`ast::File`].
//!
//! It follows the grammar of the Smithy IDL 2.0 specification (1.0 files share it; what 1.0
//! forbids is checked during assembly, where the version is known for certain). On a syntax
//! error it records the problem and skips to the next line that starts a statement, so one
//! run reports every broken statement of a file.

use std::borrow::Cow;

use super::ast::{
    self, Apply, Body, Entry, File, InlineStructure, IoRef, MemberDef, Node, OperationBody, Ref,
    ShapeDef, Span, TraitApp,
};
use super::lexer::{self, Tok, Token, lex};

/// A syntax error: where and what.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct SyntaxError {
    pub span: Span,
    pub message: String,
}

/// Marks that a statement failed; its problem has been recorded.
struct Fail;

type PResult<T> = Result<T, Fail>;

/// Nesting deeper than this is refused, so hostile input cannot overflow the stack.
const MAX_DEPTH: usize = 64;

const SHAPE_TYPES: &[&str] = &[
    "blob",
    "boolean",
    "string",
    "byte",
    "short",
    "integer",
    "long",
    "float",
    "double",
    "bigInteger",
    "bigDecimal",
    "timestamp",
    "document",
    "enum",
    "intEnum",
    "list",
    "set",
    "map",
    "structure",
    "union",
    "service",
    "resource",
    "operation",
];

pub(crate) fn parse(src: &str) -> (File<'_>, Vec<SyntaxError>) {
    let mut p = Parser {
        src,
        toks: lex(src),
        pos: 0,
        errors: Vec::new(),
        depth: 0,
        mixins_span: None,
        namespace: "",
        shape_name: "",
    };
    let file = p.file();
    (file, p.errors)
}

struct Parser<'a> {
    src: &'a str,
    toks: Vec<Token<'a>>,
    pos: usize,
    errors: Vec<SyntaxError>,
    depth: usize,
    /// Where the last `with` keyword was (for the 1.0 check).
    mixins_span: Option<Span>,
    /// The file's namespace and the shape being parsed, for messages.
    namespace: &'a str,
    shape_name: &'a str,
}

impl<'a> Parser<'a> {
    fn tok(&self) -> &Tok<'a> {
        &self.toks[self.pos].tok
    }

    fn span(&self) -> Span {
        self.span_at(self.pos)
    }

    fn span_at(&self, i: usize) -> Span {
        lexer::span(&self.toks, i)
    }

    /// Moves past the current token (never past the end) and returns its span.
    fn bump(&mut self) -> Span {
        let span = self.span();
        if self.pos + 1 < self.toks.len() {
            self.pos += 1;
        }
        span
    }

    /// The current string or text block token's text, moved out (the token is consumed right
    /// after).
    fn take_text(&mut self) -> Cow<'a, str> {
        match &mut self.toks[self.pos].tok {
            Tok::Str(s) => Cow::Borrowed(*s),
            Tok::DecodedStr(s) | Tok::TextBlock(s) => Cow::Owned(std::mem::take(s).into_string()),
            _ => Cow::Borrowed(""),
        }
    }

    /// The source text from `start` to the end of the last token consumed.
    fn text_since(&self, start: usize) -> &'a str {
        &self.src[start..self.span_at(self.pos - 1).end]
    }

    /// Whether the current token is a `t`. Every caller passes a token without data, for which
    /// the variant is the whole value: comparing variants skips the derived comparison.
    fn at(&self, t: &Tok) -> bool {
        std::mem::discriminant(self.tok()) == std::mem::discriminant(t)
    }

    fn at_ident(&self, word: &str) -> bool {
        matches!(self.tok(), Tok::Ident(i) if *i == word)
    }

    fn error<T>(&mut self, message: impl Into<String>) -> PResult<T> {
        let span = self.span();
        self.error_at(span, message)
    }

    fn error_at<T>(&mut self, span: Span, message: impl Into<String>) -> PResult<T> {
        self.errors.push(SyntaxError {
            span,
            message: message.into(),
        });
        Err(Fail)
    }

    /// A lexer error token is reported with its own message.
    fn unexpected<T>(&mut self, expected: &str) -> PResult<T> {
        if let Tok::Error(m) | Tok::Unterminated(m) = self.tok() {
            let m = m.clone();
            return self.error(m);
        }
        let found = self.tok().describe();
        self.error(format!("expected {expected}, found {found}"))
    }

    fn expect(&mut self, t: Tok<'_>) -> PResult<Span> {
        if self.at(&t) {
            Ok(self.bump())
        } else {
            self.unexpected(&t.describe())
        }
    }

    /// `[SP]`
    fn sp(&mut self) {
        while self.at(&Tok::Space) {
            self.bump();
        }
    }

    /// `SP`: at least one space or tab.
    fn req_sp(&mut self) -> PResult<()> {
        if !self.at(&Tok::Space) {
            return self.unexpected("a space");
        }
        self.sp();
        Ok(())
    }

    /// `[WS]`: spaces, line breaks, commas and comments.
    fn ws(&mut self) {
        while matches!(
            self.tok(),
            Tok::Space | Tok::Newline | Tok::Comma | Tok::Comment | Tok::DocComment(_)
        ) {
            self.bump();
        }
    }

    /// `BR`: the end of a statement — a line break or comment (or the end of the file).
    fn br(&mut self) -> PResult<()> {
        self.sp();
        match self.tok() {
            Tok::Newline | Tok::Comment | Tok::DocComment(_) | Tok::Eof => {
                self.ws();
                Ok(())
            }
            _ => self.unexpected("a line break"),
        }
    }

    /// The doc comments directly before the current token (after earlier trivia).
    fn docs_before(&self) -> Option<(Cow<'a, str>, Span)> {
        // Backwards to the first line of the comment, then forwards to join its lines: no
        // buffer of lines, and a one-line comment is its source text.
        let mut i = self.pos;
        let mut first: Option<(usize, &'a str)> = None;
        let mut last = 0;
        let mut lines = 0;
        let mut len = 0;
        while i > 0 {
            i -= 1;
            match self.toks[i].tok {
                Tok::Space | Tok::Newline | Tok::Comma => {}
                Tok::DocComment(d) => {
                    // Only a doc comment that starts its line documents what follows.
                    let mut j = i;
                    while j > 0 && self.toks[j - 1].tok == Tok::Space {
                        j -= 1;
                    }
                    if j > 0 && self.toks[j - 1].tok != Tok::Newline {
                        break;
                    }
                    if first.is_none() {
                        last = i;
                    }
                    first = Some((i, d));
                    lines += 1;
                    len += d.len() + 1;
                }
                _ => break,
            }
        }
        let (first, line) = first?;
        let span = self.span_at(first).start..self.span_at(last).end;
        if lines == 1 {
            return Some((Cow::Borrowed(line), span));
        }
        let mut text = String::with_capacity(len);
        let mut later = false;
        for t in &self.toks[first..=last] {
            if let Tok::DocComment(d) = t.tok {
                if later {
                    text.push('\n');
                }
                text.push_str(d);
                later = true;
            }
        }
        Some((Cow::Owned(text), span))
    }

    /// Skips to the start of the next line whose first token can start a statement.
    fn recover(&mut self) {
        loop {
            match self.tok() {
                Tok::Eof => return,
                Tok::Newline => {
                    self.bump();
                    if matches!(self.tok(), Tok::Ident(_) | Tok::At | Tok::Dollar | Tok::Eof) {
                        return;
                    }
                }
                _ => {
                    self.bump();
                }
            }
        }
    }

    fn file(&mut self) -> File<'a> {
        let mut file = File::default();
        self.ws();
        // Control statements.
        while self.at(&Tok::Dollar) {
            if self.control(&mut file).is_err() {
                self.recover();
            }
            self.ws();
        }
        while self.at_ident("metadata") {
            if self.metadata(&mut file).is_err() {
                self.recover();
            }
            self.ws();
        }
        if self.at(&Tok::Eof) {
            return file;
        }
        if self.at_ident("namespace") {
            if self.namespace(&mut file).is_err() {
                self.recover();
            }
        } else {
            let _ = self.unexpected::<()>("a namespace statement");
            self.recover();
            // Continue without a namespace so later statements are still checked.
        }
        self.ws();
        while self.at_ident("use") {
            if self.use_statement(&mut file).is_err() {
                self.recover();
            }
            self.ws();
        }
        while !self.at(&Tok::Eof) {
            if self.shape_or_apply(&mut file).is_err() {
                self.recover();
            }
            self.ws();
        }
        file
    }

    fn control(&mut self, file: &mut File<'a>) -> PResult<()> {
        self.expect(Tok::Dollar)?;
        let (key, span) = self.object_key()?;
        self.sp();
        self.expect(Tok::Colon)?;
        self.sp();
        let value_span = self.span();
        let value = self.node()?;
        self.br()?;
        if key == "version" {
            if file.version.is_some() {
                return self.error_at(value_span, "`$version` is set twice");
            }
            match value {
                Node::Str(v) => file.version = Some((v, value_span)),
                _ => {
                    return self.error_at(
                        value_span,
                        "the `$version` control statement needs a string",
                    );
                }
            }
        } else {
            if file.controls.iter().any(|(k, _, _)| *k == key) {
                return self.error_at(value_span, format!("`${key}` is set twice"));
            }
            file.controls.push((key, span, value));
        }
        Ok(())
    }

    fn metadata(&mut self, file: &mut File<'a>) -> PResult<()> {
        self.bump();
        self.req_sp()?;
        let (key, span) = self.object_key()?;
        self.sp();
        self.expect(Tok::Equal)?;
        self.sp();
        let value = self.node()?;
        self.br()?;
        if file.metadata.iter().any(|(k, _, _)| *k == key) {
            return self.error_at(span, format!("metadata `{key}` is set twice in this file"));
        }
        file.metadata.push((key, span, value));
        Ok(())
    }

    fn namespace(&mut self, file: &mut File<'a>) -> PResult<()> {
        self.bump();
        self.req_sp()?;
        let start = self.span().start;
        self.ident("a namespace")?;
        while self.at(&Tok::Dot) {
            self.bump();
            self.ident("a namespace part")?;
        }
        // The parts are adjacent tokens, so the namespace is the source text they cover.
        let ns = self.text_since(start);
        let end = start + ns.len();
        self.br()?;
        self.namespace = ns;
        file.namespace = Some((ns, start..end));
        Ok(())
    }

    fn use_statement(&mut self, file: &mut File<'a>) -> PResult<()> {
        self.bump();
        self.req_sp()?;
        // Look ahead (without consuming) for the `#` an absolute id needs.
        let save = self.pos;
        let mut i = self.pos;
        while matches!(self.toks[i].tok, Tok::Ident(_)) {
            i += 1;
            if self.toks[i].tok != Tok::Dot {
                break;
            }
            i += 1;
        }
        if matches!(self.toks[i].tok, Tok::Ident(_) | Tok::Dollar) || self.toks[i].tok != Tok::Hash
        {
            if i == save {
                return self.unexpected("a namespace");
            }
            self.pos = i;
            return self.unexpected("`#` (a `use` statement needs an absolute shape id)");
        }
        let r = self.shape_id()?;
        self.br()?;
        if !r.text.contains('#') {
            return self.error_at(r.span, "a `use` statement needs an absolute shape id");
        }
        if r.text.contains('$') {
            return self.error_at(r.span, "a `use` statement cannot import a member");
        }
        file.uses.push(r);
        Ok(())
    }

    fn ident(&mut self, what: &str) -> PResult<&'a str> {
        match *self.tok() {
            Tok::Ident(i) => {
                let span = self.bump();
                if i.bytes().all(|b| b == b'_') {
                    // An identifier needs a letter or digit after leading underscores.
                    return self.error_at(
                        span.end..span.end,
                        format!("expected a letter or digit to complete the identifier `{i}`"),
                    );
                }
                Ok(i)
            }
            _ => self.unexpected(what),
        }
    }

    /// `Namespace "#" Identifier ["$" Identifier]` or a relative `Identifier ["$" Identifier]`,
    /// written without spaces.
    fn shape_id(&mut self) -> PResult<Ref<'a>> {
        let start = self.span().start;
        self.ident("a shape id")?;
        let mut dotted = false;
        while self.at(&Tok::Dot) {
            self.bump();
            self.ident("a namespace part")?;
            dotted = true;
        }
        if self.at(&Tok::Hash) {
            self.bump();
            self.ident("a shape name")?;
        } else if dotted {
            return self.unexpected("`#`");
        }
        if self.at(&Tok::Dollar) {
            self.bump();
            self.ident("a member name")?;
        }
        // Written without spaces: the id is the source text its tokens cover.
        let text = self.text_since(start);
        Ok(Ref {
            text,
            span: start..start + text.len(),
        })
    }

    fn object_key(&mut self) -> PResult<(Cow<'a, str>, Span)> {
        let span = self.span();
        match *self.tok() {
            Tok::Ident(i) => {
                self.bump();
                Ok((Cow::Borrowed(i), span))
            }
            Tok::Str(_) | Tok::DecodedStr(_) => {
                let s = self.take_text();
                self.bump();
                Ok((s, span))
            }
            _ => self.unexpected("an identifier or string key"),
        }
    }

    fn enter(&mut self) -> PResult<()> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return self.error(format!("values nest deeper than {MAX_DEPTH} levels"));
        }
        Ok(())
    }

    fn node(&mut self) -> PResult<Node<'a>> {
        self.enter()?;
        let r = self.node_inner();
        self.depth -= 1;
        r
    }

    fn node_inner(&mut self) -> PResult<Node<'a>> {
        let span = self.span();
        let keyword = match *self.tok() {
            Tok::Ident(i) if i == "true" || i == "false" || i == "null" => Some(i),
            _ => None,
        };
        match self.tok() {
            Tok::LBrace => self.node_object(),
            Tok::LBracket => {
                self.bump();
                self.ws();
                let mut items = Vec::new();
                while !self.at(&Tok::RBracket) {
                    items.push(self.node()?);
                    self.ws();
                }
                self.bump();
                Ok(Node::Array(items))
            }
            &Tok::Number(n) => {
                self.bump();
                Ok(Node::Number(n, span))
            }
            Tok::Str(_) | Tok::DecodedStr(_) | Tok::TextBlock(_) => {
                let s = self.take_text();
                self.bump();
                Ok(Node::Str(s))
            }
            Tok::Ident(_) if keyword.is_some() => {
                let i = keyword.unwrap_or_default();
                // `trueX` lexes as one identifier, so a keyword token is the whole word; but
                // `true#x` or `true.x` continues as a shape id.
                if matches!(
                    self.toks[self.pos + 1].tok,
                    Tok::Hash | Tok::Dot | Tok::Dollar
                ) {
                    return Ok(Node::ShapeId(self.shape_id()?));
                }
                self.bump();
                Ok(match i {
                    "true" => Node::Bool(true),
                    "false" => Node::Bool(false),
                    _ => Node::Null,
                })
            }
            Tok::Ident(_) => Ok(Node::ShapeId(self.shape_id()?)),
            _ => self.unexpected("a value"),
        }
    }

    fn node_object(&mut self) -> PResult<Node<'a>> {
        self.expect(Tok::LBrace)?;
        self.ws();
        let entries = self.object_entries(&Tok::RBrace)?;
        self.bump();
        Ok(Node::Object(entries))
    }

    /// `key: value` entries up to (not past) `close`: a node object's `}` or a structured trait
    /// value's `)`. A repeated key is an error at its second occurrence.
    fn object_entries(&mut self, close: &Tok) -> PResult<Vec<Entry<'a>>> {
        let mut entries: Vec<Entry<'a>> = Vec::new();
        while !self.at(close) {
            let (key, span) = self.object_key()?;
            self.ws();
            self.expect(Tok::Colon)?;
            self.ws();
            let value = self.node()?;
            if entries.iter().any(|(k, _, _)| *k == key) {
                return self.error_at(span, format!("duplicate object key `{key}`"));
            }
            entries.push((key, span, value));
            self.ws();
        }
        Ok(entries)
    }

    /// `*([WS] Trait) [WS]`, with the doc comments before the first trait.
    fn traits(&mut self) -> PResult<ast::Traits<'a>> {
        let docs = self.docs_before();
        let mut list = Vec::new();
        while self.at(&Tok::At) {
            list.push(self.trait_app()?);
            self.ws();
        }
        Ok(ast::Traits { docs, list })
    }

    fn trait_app(&mut self) -> PResult<TraitApp<'a>> {
        self.expect(Tok::At)?;
        let id = self.shape_id()?;
        if !self.at(&Tok::LParen) {
            return Ok(TraitApp { id, value: None });
        }
        self.bump();
        self.ws();
        if self.at(&Tok::RParen) {
            self.bump();
            return Ok(TraitApp { id, value: None });
        }
        // `key: value` pairs (structured shorthand) or a single node value.
        let structured = matches!(self.tok(), Tok::Ident(_) | Tok::Str(_) | Tok::DecodedStr(_))
            && {
                let mut i = self.pos + 1;
                while matches!(
                    self.toks[i].tok,
                    Tok::Space | Tok::Newline | Tok::Comma | Tok::Comment | Tok::DocComment(_)
                ) {
                    i += 1;
                }
                self.toks[i].tok == Tok::Colon
            };
        let value = if structured {
            self.enter()?;
            let entries = self.object_entries(&Tok::RParen)?;
            self.depth -= 1;
            Node::Object(entries)
        } else {
            let v = self.node()?;
            self.ws();
            v
        };
        self.expect(Tok::RParen)?;
        Ok(TraitApp {
            id,
            value: Some(value),
        })
    }

    fn shape_or_apply(&mut self, file: &mut File<'a>) -> PResult<()> {
        if self.at_ident("apply") {
            return self.apply(file);
        }
        let traits = self.traits()?;
        let kind = match *self.tok() {
            Tok::Ident(k) if SHAPE_TYPES.contains(&k) => k,
            Tok::Ident(k) => {
                return self.error(format!("unknown shape type `{k}`"));
            }
            _ => return self.unexpected("a shape definition"),
        };
        self.bump();
        self.req_sp()?;
        let span = self.span();
        let name = self.ident("a shape name")?;
        self.shape_name = name;
        if self.at(&Tok::Dot) || self.at(&Tok::Hash) || self.at(&Tok::Dollar) {
            return self.unexpected("a shape name (a single identifier)");
        }
        let aggregate = matches!(kind, "structure" | "union" | "list" | "set" | "map");
        let for_resource = if aggregate {
            self.for_resource()?
        } else {
            None
        };
        self.mixins_span = None;
        let mixins = self.mixins()?;
        let mixins_span = self.mixins_span.clone();
        let body = match kind {
            "enum" | "intEnum" => {
                self.ws();
                Body::Members(self.members(true)?)
            }
            "structure" | "union" | "list" | "set" | "map" => {
                self.ws();
                Body::Members(self.members(false)?)
            }
            "service" | "resource" => {
                self.ws();
                let Node::Object(entries) = self.node_object()? else {
                    unreachable!("node_object returns objects")
                };
                Body::Entity(entries)
            }
            "operation" => {
                self.ws();
                Body::Operation(self.operation_body()?)
            }
            _ => Body::None,
        };
        self.br()?;
        file.shapes.push(ShapeDef {
            traits,
            kind,
            name,
            span,
            for_resource,
            mixins,
            mixins_span,
            body,
        });
        Ok(())
    }

    /// `[SP %s"for" SP ShapeId]`
    fn for_resource(&mut self) -> PResult<Option<Ref<'a>>> {
        let save = self.pos;
        self.sp();
        if self.at_ident("for") {
            self.bump();
            self.req_sp()?;
            return Ok(Some(self.shape_id()?));
        }
        self.pos = save;
        Ok(None)
    }

    /// `[[SP] %s"with" [WS] "[" [WS] *(ShapeId [WS]) "]"]`
    fn mixins(&mut self) -> PResult<Vec<Ref<'a>>> {
        let save = self.pos;
        self.sp();
        if !self.at_ident("with") {
            self.pos = save;
            return Ok(Vec::new());
        }
        self.mixins_span = Some(self.span());
        self.bump();
        self.ws();
        self.expect(Tok::LBracket)?;
        self.ws();
        let mut out = vec![self.shape_id()?];
        self.ws();
        while !self.at(&Tok::RBracket) {
            out.push(self.shape_id()?);
            self.ws();
        }
        self.bump();
        Ok(out)
    }

    fn members(&mut self, enum_like: bool) -> PResult<Vec<MemberDef<'a>>> {
        self.expect(Tok::LBrace)?;
        self.ws();
        let mut out: Vec<MemberDef<'a>> = Vec::new();
        while !self.at(&Tok::RBrace) {
            let traits = self.traits()?;
            let elided = !enum_like && self.at(&Tok::Dollar);
            if elided {
                self.bump();
            }
            let span = self.span();
            let name = self.ident("a member name")?;
            let target = if enum_like || elided {
                None
            } else {
                self.sp();
                self.expect(Tok::Colon)?;
                self.sp();
                Some(self.shape_id()?)
            };
            self.sp();
            let value = if self.at(&Tok::Equal) {
                let eq = self.bump();
                self.sp();
                let v = self.node()?;
                self.sp();
                if self.at(&Tok::Comma) {
                    self.bump();
                }
                self.br()?;
                Some((v, eq))
            } else {
                None
            };
            if out.iter().any(|m| m.name == name) {
                return self.error_at(span, format!("duplicate member `{name}`"));
            }
            out.push(MemberDef {
                traits,
                name,
                span,
                target,
                value,
            });
            self.ws();
        }
        self.bump();
        Ok(out)
    }

    fn operation_body(&mut self) -> PResult<OperationBody<'a>> {
        self.expect(Tok::LBrace)?;
        self.ws();
        let mut body = OperationBody::default();
        while !self.at(&Tok::RBrace) {
            let span = self.span();
            let key = self.ident("`input`, `output` or `errors`")?;
            self.ws();
            match key {
                "input" | "output" => {
                    let io = if self.at(&Tok::Walrus) {
                        let start = self.bump().start;
                        self.ws();
                        let traits = self.traits()?;
                        let for_resource = self.for_resource()?;
                        let mixins = self.mixins()?;
                        self.ws();
                        let members = self.members(false)?;
                        let end = self.span_at(self.pos - 1).end;
                        IoRef::Inline(Box::new(InlineStructure {
                            traits,
                            for_resource,
                            mixins,
                            members,
                            span: start..end,
                        }))
                    } else {
                        self.expect(Tok::Colon)?;
                        self.ws();
                        IoRef::Target(self.shape_id()?)
                    };
                    let slot = if key == "input" {
                        &mut body.input
                    } else {
                        &mut body.output
                    };
                    if slot.is_some() {
                        return self.error_at(span, format!("`{key}` is defined twice"));
                    }
                    *slot = Some(io);
                }
                "errors" => {
                    self.expect(Tok::Colon)?;
                    self.ws();
                    self.expect(Tok::LBracket)?;
                    self.ws();
                    let mut errors = Vec::new();
                    while !self.at(&Tok::RBracket) {
                        errors.push(self.shape_id()?);
                        self.ws();
                    }
                    self.bump();
                    if body.errors.is_some() {
                        return self.error_at(span, "`errors` is defined twice");
                    }
                    body.errors = Some(errors);
                }
                other => {
                    let id = format!("{}#{}", self.namespace, self.shape_name);
                    return self.error_at(
                        span,
                        format!(
                            "unknown property `{other}` of operation {id} (expected input, output or errors)"
                        ),
                    );
                }
            }
            self.ws();
        }
        self.bump();
        Ok(body)
    }

    fn apply(&mut self, file: &mut File<'a>) -> PResult<()> {
        self.bump();
        self.req_sp()?;
        let target = self.shape_id()?;
        if !matches!(
            self.tok(),
            Tok::Space | Tok::Newline | Tok::Comma | Tok::Comment | Tok::DocComment(_)
        ) {
            return self.unexpected("whitespace");
        }
        self.ws();
        let traits = if self.at(&Tok::LBrace) {
            self.bump();
            self.ws();
            let t = self.traits()?;
            self.expect(Tok::RBrace)?;
            t.list
        } else if self.at(&Tok::At) {
            vec![self.trait_app()?]
        } else {
            return self.unexpected("a trait or `{`");
        };
        self.br()?;
        file.applies.push(Apply { target, traits });
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_a_small_file() {
        let (file, errors) = parse(
            "$version: \"2\"\nnamespace a.b\n\n/// Doc\n@length(min: 1)\nstring S\n\nstructure T with [M] {\n    @required\n    a: S = \"x\"\n    $b\n}\napply S @sensitive\n",
        );
        assert_eq!(errors, []);
        assert_eq!(file.namespace.unwrap().0, "a.b");
        assert_eq!(file.shapes.len(), 2);
        assert_eq!(file.shapes[0].traits.docs.as_ref().unwrap().0, "Doc");
        assert_eq!(file.shapes[1].mixins[0].text, "M");
        let Body::Members(m) = &file.shapes[1].body else {
            panic!("members")
        };
        assert_eq!(m.len(), 2);
        assert!(m[1].target.is_none());
        assert_eq!(file.applies.len(), 1);
    }

    #[test]
    fn recovers_and_reports_every_broken_statement() {
        let (file, errors) = parse("namespace a\nstring\nstructure X { a: }\nstring Ok\nfoo Bar\n");
        assert_eq!(errors.len(), 3, "{errors:?}");
        assert_eq!(file.shapes.len(), 1);
    }
}
