//! Tokens of the Smithy IDL, each with its byte span.
//!
//! Whitespace, line breaks, commas and comments are tokens too: the IDL's grammar is
//! sensitive to them (a statement ends at a line break, `metadata` needs a space after it), so
//! the parser decides where they matter. Lexing never fails: a malformed piece of text becomes
//! an [`Tok::Error`] token with its message, which the parser reports like any other problem.

use std::borrow::Cow;
use std::ops::Range;

/// One token kind. String-like tokens hold their decoded text, borrowed from the source where
/// it is the source text (identifiers, numbers, strings without escapes): a load then allocates
/// per token only for the strings that need decoding.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Tok<'a> {
    LBrace,
    RBrace,
    LBracket,
    RBracket,
    LParen,
    RParen,
    Colon,
    /// `:=`
    Walrus,
    Equal,
    At,
    Dollar,
    Dot,
    Hash,
    Comma,
    /// Spaces and tabs.
    Space,
    Newline,
    /// `// ...` (without the line break).
    Comment,
    /// `/// ...`: the text after `///` and one optional space.
    DocComment(&'a str),
    /// A quoted string without escapes: its source text.
    Str(&'a str),
    /// A quoted string with its escapes decoded. (Boxed text, not a `String` or `Cow`: a
    /// token is then 24 bytes, not 32, and the token list is read and written in full.)
    DecodedStr(Box<str>),
    /// A `"""` text block, indentation removed and escapes decoded.
    TextBlock(Box<str>),
    /// The number's source text (validated against the grammar).
    Number(&'a str),
    Ident(&'a str),
    /// Text that is no token; the message says why.
    Error(Box<str>),
    /// A string or text block without its end: like [`Tok::Error`], but its span is the end of
    /// the file (where the closing quotes were looked for), while the token starts at its
    /// opening quote (where the previous token ends).
    Unterminated(Box<str>),
    Eof,
}

impl Tok<'_> {
    /// How the token is named in messages.
    pub(crate) fn describe(&self) -> String {
        match self {
            Tok::LBrace => "`{`".into(),
            Tok::RBrace => "`}`".into(),
            Tok::LBracket => "`[`".into(),
            Tok::RBracket => "`]`".into(),
            Tok::LParen => "`(`".into(),
            Tok::RParen => "`)`".into(),
            Tok::Colon => "`:`".into(),
            Tok::Walrus => "`:=`".into(),
            Tok::Equal => "`=`".into(),
            Tok::At => "`@`".into(),
            Tok::Dollar => "`$`".into(),
            Tok::Dot => "`.`".into(),
            Tok::Hash => "`#`".into(),
            Tok::Comma => "`,`".into(),
            Tok::Space => "a space".into(),
            Tok::Newline => "a line break".into(),
            Tok::Comment | Tok::DocComment(_) => "a comment".into(),
            Tok::Str(_) | Tok::DecodedStr(_) => "a string".into(),
            Tok::TextBlock(_) => "a text block".into(),
            Tok::Number(n) => format!("number `{n}`"),
            Tok::Ident(i) => format!("`{i}`"),
            Tok::Error(_) | Tok::Unterminated(_) => "invalid text".into(),
            Tok::Eof => "the end of the file".into(),
        }
    }
}

/// A token and where it starts in the source. It ends where the next token starts (every
/// byte after a byte order mark belongs to a token, and [`Tok::Eof`] ends at its start): one
/// offset instead of a range keeps a token at 32 bytes.
#[derive(Clone, Debug)]
pub(crate) struct Token<'a> {
    pub tok: Tok<'a>,
    pub start: usize,
}

/// The span of token `i` of `toks` (a list [`lex`] made).
pub(crate) fn span(toks: &[Token<'_>], i: usize) -> Range<usize> {
    let start = toks[i].start;
    let end = toks.get(i + 1).map_or(start, |t| t.start);
    match toks[i].tok {
        Tok::Unterminated(_) => end..end,
        _ => start..end,
    }
}

/// Splits `src` into tokens; the last one is always [`Tok::Eof`].
pub(crate) fn lex(src: &str) -> Vec<Token<'_>> {
    let mut lexer = Lexer {
        src,
        bytes: src.as_bytes(),
        // A UTF-8 byte order mark (editors on Windows write one) is not text.
        pos: if src.starts_with('\u{feff}') { 3 } else { 0 },
        out: Vec::with_capacity(src.len() / 4),
    };
    lexer.run();
    lexer.out
}

struct Lexer<'a> {
    src: &'a str,
    bytes: &'a [u8],
    pos: usize,
    out: Vec<Token<'a>>,
}

impl<'a> Lexer<'a> {
    fn peek(&self, ahead: usize) -> Option<u8> {
        self.bytes.get(self.pos + ahead).copied()
    }

    /// Pushes a token that starts at `start` and ends at `pos`, where the next one starts.
    fn push(&mut self, start: usize, tok: Tok<'a>) {
        self.out.push(Token { tok, start });
    }

    fn run(&mut self) {
        while let Some(b) = self.peek(0) {
            let start = self.pos;
            let single = match b {
                b'{' => Some(Tok::LBrace),
                b'}' => Some(Tok::RBrace),
                b'[' => Some(Tok::LBracket),
                b']' => Some(Tok::RBracket),
                b'(' => Some(Tok::LParen),
                b')' => Some(Tok::RParen),
                b'=' => Some(Tok::Equal),
                b'@' => Some(Tok::At),
                b'$' => Some(Tok::Dollar),
                b'.' => Some(Tok::Dot),
                b'#' => Some(Tok::Hash),
                b',' => Some(Tok::Comma),
                _ => None,
            };
            if let Some(tok) = single {
                self.pos += 1;
                self.push(start, tok);
                continue;
            }
            match b {
                b':' => {
                    if self.peek(1) == Some(b'=') {
                        self.pos += 2;
                        self.push(start, Tok::Walrus);
                    } else {
                        self.pos += 1;
                        self.push(start, Tok::Colon);
                    }
                }
                b' ' | b'\t' => {
                    self.pos += run_of(&self.bytes[start..], |c| matches!(c, b' ' | b'\t'));
                    self.push(start, Tok::Space);
                }
                b'\n' => {
                    self.pos += 1;
                    self.push(start, Tok::Newline);
                }
                b'\r' => {
                    self.pos += 1;
                    if self.peek(0) == Some(b'\n') {
                        self.pos += 1;
                    }
                    self.push(start, Tok::Newline);
                }
                b'/' => self.comment(),
                b'"' => {
                    if self.src[self.pos..].starts_with("\"\"\"") {
                        self.text_block();
                    } else {
                        self.string();
                    }
                }
                b'-' | b'0'..=b'9' => self.number(),
                b'A'..=b'Z' | b'a'..=b'z' | b'_' => {
                    self.pos += run_of(&self.bytes[start..], |c| IDENT[usize::from(c)]);
                    let text = &self.src[start..self.pos];
                    self.push(start, Tok::Ident(text));
                }
                _ => {
                    let c = self.src[self.pos..].chars().next().unwrap_or('\u{fffd}');
                    self.pos += c.len_utf8();
                    self.push(
                        start,
                        Tok::Error(format!("unexpected character {c:?}").into()),
                    );
                }
            }
        }
        let end = self.pos;
        self.out.push(Token {
            tok: Tok::Eof,
            start: end,
        });
    }

    fn comment(&mut self) {
        let start = self.pos;
        if self.peek(1) != Some(b'/') {
            self.pos += 1;
            self.push(start, Tok::Error("expected `//` to start a comment".into()));
            return;
        }
        let end = line_break(&self.bytes[start..]).map_or(self.src.len(), |i| start + i);
        self.pos = end;
        let text = &self.src[start..end];
        if let Some(doc) = text.strip_prefix("///") {
            let doc = doc.strip_prefix(' ').unwrap_or(doc);
            self.push(start, Tok::DocComment(doc));
        } else {
            self.push(start, Tok::Comment);
        }
    }

    /// `-? int frac? exp?` as in JSON; a letter or digit right after it is an error.
    fn number(&mut self) {
        let start = self.pos;
        let b = self.bytes;
        let mut p = self.pos;
        let digits = |p: &mut usize| {
            let s = *p;
            while b.get(*p).is_some_and(u8::is_ascii_digit) {
                *p += 1;
            }
            *p > s
        };
        let mut ok = true;
        if b.get(p) == Some(&b'-') {
            p += 1;
        }
        if b.get(p) == Some(&b'0') {
            p += 1;
        } else if !digits(&mut p) {
            ok = false;
        }
        if ok && b.get(p) == Some(&b'.') {
            p += 1;
            ok = digits(&mut p);
        }
        if ok && matches!(b.get(p), Some(b'e' | b'E')) {
            p += 1;
            if matches!(b.get(p), Some(b'+' | b'-')) {
                p += 1;
            }
            ok = digits(&mut p);
        }
        if ok
            && b.get(p)
                .is_some_and(|c| c.is_ascii_alphanumeric() || *c == b'_')
        {
            ok = false;
        }
        if !ok {
            while b.get(p).is_some_and(|c| {
                c.is_ascii_alphanumeric() || matches!(c, b'_' | b'.' | b'-' | b'+')
            }) {
                p += 1;
            }
            self.pos = p.max(start + 1);
            let text = &self.src[start..self.pos];
            self.push(start, Tok::Error(format!("invalid number `{text}`").into()));
            return;
        }
        self.pos = p;
        let text = &self.src[start..p];
        self.push(start, Tok::Number(text));
    }

    fn string(&mut self) {
        let start = self.pos;
        self.pos += 1;
        let body_start = self.pos;
        // No escape and no `\r`: the string is its source text.
        let mut plain = true;
        loop {
            match self.peek(0) {
                None => {
                    // Reported where the closing quote was looked for: the end of the file.
                    self.push(
                        start,
                        Tok::Unterminated(
                            "unterminated string: expected `\"` before the end of the file".into(),
                        ),
                    );
                    return;
                }
                Some(b'\\') => {
                    plain = false;
                    self.pos += if self.peek(1).is_some() { 2 } else { 1 };
                }
                Some(b'"') => break,
                Some(b'\r') => {
                    plain = false;
                    self.pos += 1;
                }
                Some(_) => self.pos += 1,
            }
        }
        // `pos` may sit inside a multi-byte character only after a backslash; move to a boundary.
        while !self.src.is_char_boundary(self.pos) {
            self.pos += 1;
        }
        let raw = &self.src[body_start..self.pos];
        self.pos += 1;
        // Nearly every string is its source text: borrowed, not copied.
        if plain {
            self.push(start, Tok::Str(raw));
            return;
        }
        match unescape(&normalize_newlines(raw)) {
            Ok(s) => self.push(start, Tok::DecodedStr(s.into())),
            Err(e) => self.push(start, Tok::Error(e.into())),
        }
    }

    fn text_block(&mut self) {
        let start = self.pos;
        self.pos += 3;
        let body_start = self.pos;
        loop {
            if self.pos >= self.bytes.len() {
                self.pos = self.bytes.len();
                self.push(
                    start,
                    Tok::Unterminated(
                        "unterminated text block: expected `\"\"\"` before the end of the file"
                            .into(),
                    ),
                );
                return;
            }
            match self.bytes[self.pos] {
                b'\\' => self.pos += 2,
                b'"' if self.src[self.pos..].starts_with("\"\"\"") => break,
                _ => self.pos += 1,
            }
        }
        let raw = &self.src[body_start..self.pos];
        self.pos += 3;
        let raw = normalize_newlines(raw);
        let Some(rest) = raw.strip_prefix('\n').or_else(|| {
            // Only spaces may follow the opening `"""` on its line.
            let nl = raw.find('\n')?;
            raw[..nl]
                .trim_matches(' ')
                .is_empty()
                .then(|| &raw[nl + 1..])
        }) else {
            self.push(
                start,
                Tok::Error(
                    "a text block's opening `\"\"\"` must be followed by a line break".into(),
                ),
            );
            return;
        };
        match unescape(&dedent(rest)) {
            Ok(s) => self.push(start, Tok::TextBlock(s.into())),
            Err(e) => self.push(start, Tok::Error(e.into())),
        }
    }
}

/// Bytes that continue an identifier (a table: one load per byte instead of range tests).
static IDENT: [bool; 256] = {
    let mut t = [false; 256];
    let mut c = 0;
    while c < 256 {
        let b = c as u8;
        t[c] = b.is_ascii_alphanumeric() || b == b'_';
        c += 1;
    }
    t
};

/// How many bytes at the start of `b` are `class` bytes (one slice walk, not an indexed
/// lookup per byte).
fn run_of(b: &[u8], class: impl Fn(u8) -> bool) -> usize {
    b.iter().position(|c| !class(*c)).unwrap_or(b.len())
}

/// The offset of the first `\n` or `\r` in `b`, eight bytes at a time: comments are most of
/// a documented model's text, and a byte-by-byte search was a large part of lexing it.
fn line_break(b: &[u8]) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // The high bit of each zero byte of `x` (and maybe of bytes after one: only the lowest
    // marked byte, the first in the text, is used).
    let zero_bytes = |x: u64| x.wrapping_sub(ONES) & !x & HIGH;
    let mut i = 0;
    while let Some(chunk) = b.get(i..i + 8) {
        let w = u64::from_le_bytes(chunk.try_into().expect("eight bytes"));
        let found =
            zero_bytes(w ^ (ONES * u64::from(b'\n'))) | zero_bytes(w ^ (ONES * u64::from(b'\r')));
        if found != 0 {
            return Some(i + (found.trailing_zeros() / 8) as usize);
        }
        i += 8;
    }
    b[i..]
        .iter()
        .position(|c| matches!(c, b'\n' | b'\r'))
        .map(|p| i + p)
}

/// Line breaks as `\n`; borrowed when there is no `\r` (almost always), so a string token
/// allocates once, for its decoded text.
fn normalize_newlines(s: &str) -> Cow<'_, str> {
    if s.contains('\r') {
        s.replace("\r\n", "\n").replace('\r', "\n").into()
    } else {
        s.into()
    }
}

/// Removes a text block's incidental indentation: the smallest indentation of its non-blank
/// lines and of the closing delimiter's line, and every line's trailing spaces.
fn dedent(body: &str) -> String {
    let lines: Vec<&str> = body.split('\n').collect();
    let last = lines.len() - 1;
    let indent = |l: &str| l.len() - l.trim_start_matches([' ', '\t']).len();
    let min = lines
        .iter()
        .enumerate()
        .filter(|(i, l)| *i == last || !l.trim().is_empty())
        .map(|(_, l)| indent(l))
        .min()
        .unwrap_or(0);
    let mut out = String::with_capacity(body.len());
    for (i, line) in lines.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let line = if line.trim().is_empty() {
            ""
        } else {
            &line[min.min(line.len())..]
        };
        out.push_str(line.trim_end_matches([' ', '\t']));
    }
    out
}

/// Decodes the IDL's escapes (JSON's plus `\'` and line continuation).
fn unescape(raw: &str) -> Result<String, String> {
    if !raw.contains('\\') {
        return Ok(raw.to_string());
    }
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('"') => out.push('"'),
            Some('\\') => out.push('\\'),
            Some('/') => out.push('/'),
            Some('b') => out.push('\u{8}'),
            Some('f') => out.push('\u{c}'),
            Some('n') => out.push('\n'),
            Some('r') => out.push('\r'),
            Some('t') => out.push('\t'),
            Some('\n') => {}
            Some('u') => {
                let hi = hex4(&mut chars)?;
                let code = if (0xD800..0xDC00).contains(&hi) {
                    if chars.next() != Some('\\') || chars.next() != Some('u') {
                        return Err("a high surrogate escape must be followed by a low one".into());
                    }
                    let lo = hex4(&mut chars)?;
                    if !(0xDC00..0xE000).contains(&lo) {
                        return Err("invalid low surrogate in a unicode escape".into());
                    }
                    0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00)
                } else {
                    hi
                };
                out.push(char::from_u32(code).ok_or_else(|| "invalid unicode escape".to_string())?);
            }
            Some(other) => return Err(format!("invalid escape `\\{other}`")),
            None => return Err("a string cannot end with `\\`".into()),
        }
    }
    Ok(out)
}

fn hex4(chars: &mut std::str::Chars<'_>) -> Result<u32, String> {
    let mut v = 0;
    for _ in 0..4 {
        let d = chars
            .next()
            .and_then(|c| c.to_digit(16))
            .ok_or_else(|| "a unicode escape needs four hex digits".to_string())?;
        v = v * 16 + d;
    }
    Ok(v)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(src: &str) -> Vec<Tok<'_>> {
        lex(src).into_iter().map(|t| t.tok).collect()
    }

    #[test]
    fn strings_numbers_and_punctuation() {
        assert_eq!(
            kinds("a:=\"x\\n\\u00e9\" -1.5e3 // c"),
            [
                Tok::Ident("a"),
                Tok::Walrus,
                Tok::DecodedStr("x\né".into()),
                Tok::Space,
                Tok::Number("-1.5e3"),
                Tok::Space,
                Tok::Comment,
                Tok::Eof
            ]
        );
        assert!(matches!(kinds("01")[0], Tok::Error(_)));
        assert!(matches!(kinds("\"\\q\"")[0], Tok::Error(_)));
        assert!(matches!(kinds("\"open")[0], Tok::Unterminated(_)));
    }

    #[test]
    fn line_breaks_are_found_at_any_offset() {
        for len in 0..20 {
            for at in 0..=len {
                for brk in [b'\n', b'\r'] {
                    let mut text = vec![b'x'; len];
                    // Bytes just above and below the break's value must not be taken for it.
                    for (i, c) in text.iter_mut().enumerate() {
                        *c = [b'x', 0x0b, 0x0c, 0x09, 0x8a, 0x0e][i % 6];
                    }
                    if at < len {
                        text[at] = brk;
                        if at + 1 < len {
                            text[at + 1] = b'\n';
                        }
                    }
                    let want = text.iter().position(|c| matches!(c, b'\n' | b'\r'));
                    assert_eq!(line_break(&text), want, "{text:?}");
                }
            }
        }
    }

    #[test]
    fn a_token_ends_where_the_next_starts() {
        let src = "\u{feff}a:=\"x\\n\" -1.5e3 // c\r\n/// d\n@t(1)\"\"\"\n  b\n  \"\"\" 01 \"open";
        let toks = lex(src);
        let texts: Vec<&str> = (0..toks.len()).map(|i| &src[span(&toks, i)]).collect();
        assert_eq!(
            texts,
            [
                "a",
                ":=",
                "\"x\\n\"",
                " ",
                "-1.5e3",
                " ",
                "// c",
                "\r\n",
                "/// d",
                "\n",
                "@",
                "t",
                "(",
                "1",
                ")",
                "\"\"\"\n  b\n  \"\"\"",
                " ",
                "01",
                " ",
                "",
                ""
            ]
        );
        assert_eq!(span(&toks, toks.len() - 1), src.len()..src.len());
    }

    #[test]
    fn tokens_stay_small() {
        // The whole token list is written by the lexer and read by the parser.
        assert_eq!(std::mem::size_of::<Tok<'_>>(), 24);
        assert_eq!(std::mem::size_of::<Token<'_>>(), 32);
    }

    #[test]
    fn a_byte_order_mark_is_skipped() {
        assert_eq!(kinds("\u{feff}a"), [Tok::Ident("a"), Tok::Eof]);
    }

    #[test]
    fn text_blocks_lose_incidental_indentation() {
        let toks = kinds("\"\"\"\n    Hello\n      world  \n    \"\"\"");
        assert_eq!(toks[0], Tok::TextBlock("Hello\n  world\n".into()));
        assert!(matches!(kinds("\"\"\"x\"\"\"")[0], Tok::Error(_)));
    }
}
