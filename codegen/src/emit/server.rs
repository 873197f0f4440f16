//! `src/server.rs` (feature `server`): the route table, one request reader and validator per
//! operation, response writers for outputs and errors, and `router()`. Everything generic
//! (routing, framework errors, validation messages) lives in `smithy_runtime::server`.

use std::collections::BTreeSet;

use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use smithy_model::traits::TimestampFormat;
use smithy_model::uri::Segment;

use super::operation::to_text;
use super::protocol::{
    body_lookup, de_body_walk, de_expr, field_value, header_de, parse_item, payload_de, reachable,
    ser_body_fields, walks, writer,
};
use super::{ident, inner_docs, path, wire};
use crate::ir::{Binding, Constraints, Field, Operation, Service, StructKind, Structure, Ty};

/// The structures and unions a server writes (reached from outputs and errors) and reads
/// (reached from inputs), by `fn_suffix`.
pub(crate) fn directions(svc: &Service) -> (BTreeSet<String>, BTreeSet<String>) {
    let ser = reachable(
        svc,
        svc.operations
            .iter()
            .flat_map(|o| o.output.fields.iter().map(|f| &f.ty))
            .chain(
                svc.errors
                    .iter()
                    .flat_map(|e| e.fields.iter().map(|f| &f.ty)),
            ),
    );
    let de = reachable(
        svc,
        svc.operations
            .iter()
            .flat_map(|o| o.input.fields.iter().map(|f| &f.ty)),
    );
    (ser, de)
}

fn srv() -> TokenStream {
    quote!(::smithy_runtime::server)
}

/// The `BodyKind` of a structure's body, as the router checks it.
fn body_kind(s: &Structure) -> TokenStream {
    let srv = srv();
    if let Some(f) = s.fields.iter().find(|f| f.binding == Binding::Payload) {
        return match payload_media_type(&f.ty) {
            Some(mt) => quote!(#srv::BodyKind::Payload(#mt)),
            None => quote!(#srv::BodyKind::Json),
        };
    }
    if s.fields.iter().any(|f| f.binding == Binding::Body) {
        quote!(#srv::BodyKind::Json)
    } else {
        quote!(#srv::BodyKind::None)
    }
}

/// The media type of a non-JSON `@httpPayload` (`None` for structures, unions, documents).
fn payload_media_type(ty: &Ty) -> Option<String> {
    match ty {
        Ty::Blob(mt) => Some(
            mt.clone()
                .unwrap_or_else(|| "application/octet-stream".into()),
        ),
        Ty::String | Ty::Enum(_) => Some("text/plain".into()),
        Ty::MediaString(mt) => Some(mt.clone()),
        _ => None,
    }
}

fn route(op: &Operation) -> TokenStream {
    let srv = srv();
    let name = &op.name;
    let method = &op.method;
    let segs = op.uri.segments.iter().map(|s| match s {
        Segment::Literal(l) => quote!(#srv::Seg::Lit(#l)),
        Segment::Label { name, greedy: true } => quote!(#srv::Seg::Greedy(#name)),
        Segment::Label { name, .. } => quote!(#srv::Seg::Label(#name)),
    });
    let query = op.uri.query.iter().map(|(k, v)| match v {
        Some(v) => quote!((#k, ::std::option::Option::Some(#v))),
        None => quote!((#k, ::std::option::Option::None)),
    });
    // An input structure without members (not `smithy.api#Unit`) still takes a JSON object:
    // Smithy's `RestJsonEmptyInputAndEmptyOutputWithJson` sends `{}` there, while an operation
    // without input (`RestJsonWithoutBodyExpectsEmptyContentType`) or with header-only input
    // (`RestJsonWithoutBodyEmptyInputExpectsEmptyContentType`) must refuse a `Content-Type`.
    let input = if op.input.fields.is_empty() && !op.input.unit {
        quote!(#srv::BodyKind::Json)
    } else {
        body_kind(&op.input)
    };
    let output = body_kind(&op.output);
    quote! {
        #srv::RouteSpec {
            operation: #name,
            method: #method,
            path: &[#(#segs),*],
            query: &[#(#query),*],
            input: #input,
            output: #output,
        }
    }
}

/// The error an operation reports violations with: the service's own AWS-style validation
/// error when the operation models one (detected by shape, not by name), else the framework's.
struct ModeledValidation {
    code: String,
    status: u16,
    message: String,
    reason: Option<(String, String)>,
    field_list: String,
    field_name: Option<String>,
    field_path: Option<String>,
    field_message: String,
}

fn modeled_validation(svc: &Service, e: &Structure) -> Option<ModeledValidation> {
    let StructKind::Error {
        code,
        status,
        server,
    } = &e.kind
    else {
        return None;
    };
    if *server || e.fields.iter().any(|f| f.binding != Binding::Body) {
        return None;
    }
    let string_field = |s: &Structure, names: &[&str]| {
        s.fields
            .iter()
            .find(|f| {
                matches!(f.ty, Ty::String) && names.iter().any(|n| f.member.eq_ignore_ascii_case(n))
            })
            .map(|f| f.json_name.clone())
    };
    let message = string_field(e, &["message"])?;
    // A list of structures with a message and a name or path.
    let (field_list, item) = e.fields.iter().find_map(|f| {
        let Ty::List { item, .. } = &f.ty else {
            return None;
        };
        let Ty::Structure(t) = &**item else {
            return None;
        };
        let s = svc.structures.iter().find(|s| s.path == t.path)?;
        Some((f.json_name.clone(), s))
    })?;
    let field_message = string_field(item, &["message"])?;
    let field_name = string_field(item, &["name"]);
    let field_path = string_field(item, &["path"]);
    if field_name.is_none() && field_path.is_none() {
        return None;
    }
    // A required-or-not enum member with a FIELD_VALIDATION_FAILED-like value.
    let mut reason = None;
    for f in &e.fields {
        let Ty::Enum(t) = &f.ty else { continue };
        let Some(en) = svc.enums.iter().find(|en| enum_path(&en.name) == t.path) else {
            continue;
        };
        match en
            .variants
            .iter()
            .find(|v| v.value.to_ascii_uppercase().contains("FIELD_VALIDATION"))
        {
            Some(v) => reason = Some((f.json_name.clone(), v.value.clone())),
            None if f.constraints.required => return None,
            None => {}
        }
    }
    // Every other required member must be one we fill in.
    let filled = [
        Some(&message),
        Some(&field_list),
        reason.as_ref().map(|r| &r.0),
    ];
    if e.fields
        .iter()
        .any(|f| f.constraints.required && !filled.contains(&Some(&f.json_name)))
    {
        return None;
    }
    Some(ModeledValidation {
        code: code.clone(),
        status: status.unwrap_or(400),
        message,
        reason,
        field_list,
        field_name,
        field_path,
        field_message,
    })
}

fn enum_path(name: &str) -> String {
    format!("crate::types::{name}")
}

/// Emission state: `@pattern` statics, shared by identical patterns.
#[derive(Default)]
struct Patterns(Vec<String>);

impl Patterns {
    fn get(&mut self, pattern: &str) -> proc_macro2::Ident {
        let i = match self.0.iter().position(|p| p == pattern) {
            Some(i) => i,
            None => {
                self.0.push(pattern.to_string());
                self.0.len() - 1
            }
        };
        format_ident!("PATTERN_{}", i)
    }
}

/// One generated check: `body` runs with `bind` set to `v.getter()` (or to `v` itself).
struct Check {
    bind: proc_macro2::Ident,
    getter: Option<TokenStream>,
    body: TokenStream,
}

impl Check {
    /// Where `v: &Doc` (a list item or map value; `null` items are skipped).
    fn at_value(self) -> TokenStream {
        let Check { bind, getter, body } = self;
        match getter {
            Some(g) => quote!(if let ::std::option::Option::Some(#bind) = v.#g() { #body }),
            None => quote!(if !v.is_null() { #body }),
        }
    }

    /// Where `v: Option<&Doc>` (a member, `null` already read as absent).
    fn at_member(self) -> TokenStream {
        let Check { bind, getter, body } = self;
        let w = wire();
        match getter {
            Some(g) => quote! {
                if let ::std::option::Option::Some(#bind) = v.and_then(#w::json::Doc::#g) { #body }
            },
            None => quote!(if let ::std::option::Option::Some(v) = v { #body }),
        }
    }
}

/// Which structures and unions (by `fn_suffix`) have something to check inside.
fn checked_types(svc: &Service) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    loop {
        let before = out.len();
        for s in svc
            .structures
            .iter()
            .chain(svc.operations.iter().map(|o| &o.input))
        {
            if s.fields
                .iter()
                .any(|f| f.constraints.required || needs_check(&f.ty, &f.constraints, &out))
            {
                out.insert(s.fn_suffix.clone());
            }
        }
        for u in &svc.unions {
            if u.variants.iter().any(|v| {
                v.ty.as_ref()
                    .is_some_and(|t| needs_check(t, &v.constraints, &out))
            }) {
                out.insert(u.fn_suffix.clone());
            }
        }
        if out.len() == before {
            return out;
        }
    }
}

fn needs_check(ty: &Ty, c: &Constraints, checked: &BTreeSet<String>) -> bool {
    let own = c.length.is_some() || c.range.is_some() || c.pattern.is_some() || c.unique_items;
    own || match ty {
        Ty::Enum(_) | Ty::IntEnum(_) => true,
        Ty::Structure(t) | Ty::Union(t) => checked.contains(&t.fn_suffix),
        Ty::List { item, .. } | Ty::Map { value: item, .. } => {
            let inner = c.item.as_deref().cloned().unwrap_or_default();
            c.key.is_some() || c.key_enum.is_some() || needs_check(item, &inner, checked)
        }
        _ => false,
    }
}

struct Checks<'a> {
    svc: &'a Service,
    checked: BTreeSet<String>,
    patterns: Patterns,
}

fn number_lit(n: &serde_json::Number, int: bool) -> TokenStream {
    match (int, n.as_i64()) {
        (true, Some(i)) => {
            let l = proc_macro2::Literal::i64_suffixed(i);
            quote!(#l)
        }
        _ => {
            let l = proc_macro2::Literal::f64_suffixed(n.as_f64().unwrap_or(0.0));
            quote!(#l)
        }
    }
}

fn opt_u64(v: Option<u64>) -> TokenStream {
    match v {
        Some(v) => quote!(::std::option::Option::Some(#v)),
        None => quote!(::std::option::Option::None),
    }
}

/// Tokens of the enum-membership check of `v` (a `&str` or `&i64` binding) against the values
/// of enum `path`: internal values are accepted but left out of the message.
fn enum_check(svc: &Service, path: &str, v: TokenStream, int: bool) -> TokenStream {
    let Some(en) = svc.enums.iter().find(|e| enum_path(&e.name) == path) else {
        return quote!();
    };
    let lits = |internal: bool| -> Vec<TokenStream> {
        en.variants
            .iter()
            .filter(|x| x.internal == internal)
            .filter_map(|x| {
                if int {
                    let n: i64 = x.value.parse().ok()?;
                    Some(quote!(#n))
                } else {
                    let s = &x.value;
                    Some(quote!(#s))
                }
            })
            .collect()
    };
    let (public, internal) = (lits(false), lits(true));
    if internal.is_empty() {
        quote!(r.enum_value(p, #v, &[#(#public),*]);)
    } else {
        quote!(r.enum_value_hiding(p, #v, &[#(#public),*], &[#(#internal),*]);)
    }
}

impl Checks<'_> {
    /// Checks of a string `s: &str` at `p: &str`; `enum_of`: the enum it must belong to.
    fn string(&mut self, c: &Constraints, enum_of: Option<&str>) -> TokenStream {
        let mut out = Vec::new();
        if let Some((min, max)) = c.length {
            let (min, max) = (opt_u64(min), opt_u64(max));
            out.push(quote!(r.length_str(p, s, #min, #max);));
        }
        if let Some(pat) = &c.pattern {
            let re = self.patterns.get(pat);
            out.push(quote!(r.pattern(p, s, &#re);));
        }
        if let Some(e) = enum_of {
            out.push(enum_check(self.svc, e, quote!(&s), false));
        }
        quote!(#(#out)*)
    }

    /// The check of one value (already known to have the right JSON type) at `p`, if any.
    fn value(&mut self, ty: &Ty, c: &Constraints) -> Option<Check> {
        let check = |bind: &str, getter: TokenStream, body: TokenStream| {
            (!body.is_empty()).then(|| Check {
                bind: format_ident!("{}", bind),
                getter: Some(getter),
                body,
            })
        };
        match ty {
            Ty::String | Ty::MediaString(_) | Ty::Enum(_) => {
                let enum_of = match ty {
                    Ty::Enum(t) => Some(t.path.as_str()),
                    _ => None,
                };
                let body = self.string(c, enum_of);
                check("s", quote!(as_str), body)
            }
            Ty::IntEnum(t) => check(
                "n",
                quote!(as_i64),
                enum_check(self.svc, &t.path, quote!(&n), true),
            ),
            Ty::Byte | Ty::Short | Ty::Integer | Ty::Long | Ty::Float | Ty::Double => {
                let (min, max) = c.range.as_ref()?;
                let int = !matches!(ty, Ty::Float | Ty::Double)
                    && min.as_ref().is_none_or(|n| n.as_i64().is_some())
                    && max.as_ref().is_none_or(|n| n.as_i64().is_some());
                let bound = |b: &Option<serde_json::Number>| match b {
                    Some(n) => {
                        let l = number_lit(n, int);
                        quote!(::std::option::Option::Some(#l))
                    }
                    None => quote!(::std::option::Option::None),
                };
                let (min, max) = (bound(min), bound(max));
                let get = if int { quote!(as_i64) } else { quote!(as_f64) };
                check("n", get, quote!(r.range(p, n, #min, #max);))
            }
            Ty::BigInteger | Ty::BigDecimal => {
                // Compared on decimal text: no bound or value is squeezed into an i64 or f64.
                let (min, max) = c.range.as_ref()?;
                let bound = |b: &Option<serde_json::Number>| match b {
                    Some(n) => {
                        let t = n.to_string();
                        quote!(::std::option::Option::Some(#t))
                    }
                    None => quote!(::std::option::Option::None),
                };
                let (min, max) = (bound(min), bound(max));
                check(
                    "n",
                    quote!(as_number_text),
                    quote!(r.range_decimal(p, &n, #min, #max);),
                )
            }
            Ty::Blob(_) => {
                let (min, max) = c.length?;
                let (min, max) = (opt_u64(min), opt_u64(max));
                let w = wire();
                check(
                    "s",
                    quote!(as_str),
                    quote!(r.length(p, #w::base64_decode(s).map_or(0, |b| b.len()), #min, #max);),
                )
            }
            Ty::Structure(t) | Ty::Union(t) if self.checked.contains(&t.fn_suffix) => {
                let f = format_ident!("v_{}", t.fn_suffix);
                Some(Check {
                    bind: format_ident!("v"),
                    getter: None,
                    body: quote!(#f(r, p, v);),
                })
            }
            Ty::List { item, .. } => {
                let mut body = Vec::new();
                if let Some((min, max)) = c.length {
                    let (min, max) = (opt_u64(min), opt_u64(max));
                    body.push(quote!(r.length(p, a.len(), #min, #max);));
                }
                if c.unique_items {
                    body.push(quote!(r.unique_items_by_eq(p, a);));
                }
                let inner = c.item.as_deref().cloned().unwrap_or_default();
                if let Some(each) = self.value(item, &inner) {
                    let srv = srv();
                    let each = each.at_value();
                    body.push(quote! {
                        for (i, v) in a.iter().enumerate() {
                            let p = &#srv::child_path(p, i);
                            #each
                        }
                    });
                }
                check("a", quote!(as_array), quote!(#(#body)*))
            }
            Ty::Map { value, .. } => {
                let mut body = Vec::new();
                if let Some((min, max)) = c.length {
                    let (min, max) = (opt_u64(min), opt_u64(max));
                    body.push(quote!(r.length(p, m.len(), #min, #max);));
                }
                let key = c.key.as_deref().cloned().unwrap_or_default();
                // Key violations are reported at the map's path.
                let key_checks = self.string(&key, c.key_enum.as_deref());
                let key_checks = if key_checks.is_empty() {
                    quote!()
                } else {
                    quote!({ let s: &str = k; #key_checks })
                };
                let inner = c.item.as_deref().cloned().unwrap_or_default();
                match self.value(value, &inner) {
                    Some(each) => {
                        let srv = srv();
                        let each = each.at_value();
                        body.push(quote! {
                            for (k, v) in m {
                                #key_checks
                                let p = &#srv::child_path(p, k);
                                #each
                            }
                        });
                    }
                    None if !key_checks.is_empty() => {
                        body.push(quote!(for k in m.keys() { #key_checks }));
                    }
                    None => {}
                }
                check("m", quote!(as_object), quote!(#(#body)*))
            }
            _ => None,
        }
    }

    /// Member checks of a structure or union object `o` at `p`.
    fn members<'f>(
        &mut self,
        members: impl Iterator<Item = (&'f str, &'f str, Option<&'f Ty>, &'f Constraints)>,
    ) -> TokenStream {
        let srv = srv();
        let mut out = Vec::new();
        for (member, key, ty, c) in members {
            let check = ty.and_then(|ty| self.value(ty, c));
            if !c.required && check.is_none() {
                continue;
            }
            let required = if c.required {
                quote!(r.required(p, v.is_some());)
            } else {
                quote!()
            };
            let check = check.map(Check::at_member);
            out.push(quote! {
                {
                    let p = &#srv::child_path(p, #member);
                    let v = o.get(#key).filter(|v| !v.is_null());
                    #required
                    #check
                }
            });
        }
        if out.is_empty() {
            // A constraint this generator does not check (e.g. `@range` on a blob).
            return quote!(let _ = (r, p, v););
        }
        quote! {
            let ::std::option::Option::Some(o) = v.as_object() else { return };
            #(#out)*
        }
    }

    fn structure_fn(&mut self, s: &Structure) -> TokenStream {
        let f = format_ident!("v_{}", s.fn_suffix);
        let body = self.members(s.fields.iter().map(|f| {
            (
                f.member.as_str(),
                f.json_name.as_str(),
                Some(&f.ty),
                &f.constraints,
            )
        }));
        let srv = srv();
        let w = wire();
        quote! {
            fn #f(r: &mut #srv::ValidationReport, p: &str, v: &#w::json::Doc<'_>) {
                #body
            }
        }
    }

    fn union_fn(&mut self, u: &crate::ir::Union) -> TokenStream {
        let f = format_ident!("v_{}", u.fn_suffix);
        let body = self.members(u.variants.iter().map(|v| {
            (
                v.member.as_str(),
                v.json_name.as_str(),
                v.ty.as_ref(),
                &v.constraints,
            )
        }));
        let srv = srv();
        let w = wire();
        quote! {
            fn #f(r: &mut #srv::ValidationReport, p: &str, v: &#w::json::Doc<'_>) {
                #body
            }
        }
    }
}

/// `Option<T>` expression reading a label, query or header member from `req`.
fn read_bound(f: &Field) -> TokenStream {
    let w = wire();
    let bad = |what: String, expr: TokenStream| quote!(#expr.map_err(|e| ::smithy_runtime::server::Rejection::serialization(::std::format!("{}: {}", #what, e)))?);
    match &f.binding {
        Binding::Label { .. } => {
            let name = &f.member;
            let p = parse_item(&f.ty, TimestampFormat::DateTime, true);
            bad(
                format!("label `{name}`"),
                quote!(req.label(#name).map(|s| -> ::std::result::Result<_, ::std::string::String> { #p }).transpose()),
            )
        }
        Binding::Query(k) => match &f.ty {
            Ty::List { item, sparse } => {
                let p = parse_item(item, TimestampFormat::DateTime, true);
                let wrap = if *sparse {
                    quote!(.map(::std::option::Option::Some))
                } else {
                    quote!()
                };
                bad(
                    format!("query `{k}`"),
                    quote!({
                        let items: ::std::vec::Vec<&str> = req.query().get_all(#k).collect();
                        (!items.is_empty()).then(|| items.into_iter().map(|s| -> ::std::result::Result<_, ::std::string::String> { #p #wrap }).collect::<::std::result::Result<::std::vec::Vec<_>, _>>()).transpose()
                    }),
                )
            }
            ty => {
                let p = parse_item(ty, TimestampFormat::DateTime, true);
                bad(
                    format!("query `{k}`"),
                    quote!(req.query().get(#k).map(|s| -> ::std::result::Result<_, ::std::string::String> { #p }).transpose()),
                )
            }
        },
        Binding::QueryParams => {
            let (value, sparse) = match &f.ty {
                Ty::Map { value, sparse } => (&**value, *sparse),
                _ => return quote!(::std::option::Option::None),
            };
            let wrap_opt = |e: TokenStream| {
                if sparse {
                    quote!(::std::option::Option::Some(#e))
                } else {
                    e
                }
            };
            let insert = match value {
                Ty::List { item, .. } => {
                    let p = parse_item(item, TimestampFormat::DateTime, true);
                    quote! {
                        let item = (|s: &str| -> ::std::result::Result<_, ::std::string::String> { #p })(v)?;
                        map.entry(k.to_owned()).or_insert_with(::std::vec::Vec::new).push(item);
                    }
                }
                ty => {
                    let p = parse_item(ty, TimestampFormat::DateTime, true);
                    let val = wrap_opt(quote!(item));
                    quote! {
                        if !map.contains_key(k) {
                            let item = (|s: &str| -> ::std::result::Result<_, ::std::string::String> { #p })(v)?;
                            map.insert(k.to_owned(), #val);
                        }
                    }
                }
            };
            let map = quote!({
                (|| -> ::std::result::Result<_, ::std::string::String> {
                    let mut map = ::std::collections::HashMap::new();
                    for (k, v) in req.query().iter() { #insert }
                    ::std::result::Result::Ok((!map.is_empty()).then_some(map))
                })()
            });
            // Sparse list values are not supported in query maps; plain lists are.
            bad("query".into(), map)
        }
        Binding::Header(h) => {
            let e = header_de(&f.ty, h, true);
            quote!(#e)
        }
        Binding::PrefixHeaders(prefix) => quote!(#w::header::read_prefixed(headers, #prefix)?),
        Binding::Payload => payload_de(&f.ty, &quote!(#w::json::Path::Request), true),
        Binding::ResponseCode => quote!(::std::option::Option::None),
        Binding::Body => body_lookup(f),
    }
}

/// Whether an `@httpPayload` member of this type is read as a JSON document (not raw bytes or
/// text).
fn json_payload(ty: &Ty) -> bool {
    !matches!(
        ty,
        Ty::Blob(_) | Ty::String | Ty::MediaString(_) | Ty::Enum(_)
    )
}

fn needs_headers(s: &Structure) -> bool {
    s.fields
        .iter()
        .any(|f| matches!(f.binding, Binding::Header(_) | Binding::PrefixHeaders(_)))
}

/// `fn de_<op>(req) -> Result<Input, Rejection>`: read, then validate every member.
fn de_input(op: &Operation, checks: &mut Checks<'_>, invalid: &TokenStream) -> TokenStream {
    let w = wire();
    let srv = srv();
    let s = &op.input;
    let f = format_ident!("de_{}", op.module.trim_start_matches("r#"));
    let input = path(&s.path);
    let has_body = s.fields.iter().any(|f| f.binding == Binding::Body);
    let uses_payload = s.fields.iter().any(|f| f.binding == Binding::Payload);
    let validate = checks.checked.contains(&s.fn_suffix);
    let mut stmts = Vec::new();
    if needs_headers(s) {
        stmts.push(quote!(let headers = req.headers();));
    }
    if uses_payload {
        stmts.push(quote!(let body = req.body();));
    }
    let locals: Vec<_> = (0..s.fields.len())
        .map(|i| format_ident!("m{}", i))
        .collect();
    // The body members and their locals; read in one pass when there are many (`walks`), else
    // each is looked up where the other members are read.
    let (body_fields, body_locals): (Vec<&Field>, Vec<proc_macro2::Ident>) = s
        .fields
        .iter()
        .zip(&locals)
        .filter(|(fl, _)| fl.binding == Binding::Body)
        .map(|(fl, m)| (fl, m.clone()))
        .unzip();
    let walked_body = walks(&body_fields);
    // Members outside the body join the document so one validator sees every member.
    let mut puts = Vec::new();
    for (fl, m) in s.fields.iter().zip(&locals) {
        if !validate
            || fl.binding == Binding::Body
            || !(fl.constraints.required || needs_check(&fl.ty, &fl.constraints, &checks.checked))
        {
            continue;
        }
        let key = &fl.json_name;
        if fl.binding == Binding::Payload && json_payload(&fl.ty) {
            // The typed value already has zero values in place of missing required members, so
            // the validator sees the payload's own JSON (read once, below).
            puts.push(quote! {
                o.remove(#key);
                if let ::std::option::Option::Some(raw) = raw_payload {
                    o.insert(#key.to_owned(), raw);
                }
            });
            continue;
        }
        let wr = writer(&fl.ty);
        puts.push(quote! {
            #w::json::put_doc(o, #key, &#m, #wr).map_err(#srv::Rejection::internal)?;
        });
    }
    let raw_payload = validate
        && s.fields.iter().any(|fl| {
            fl.binding == Binding::Payload
                && json_payload(&fl.ty)
                && (fl.constraints.required
                    || needs_check(&fl.ty, &fl.constraints, &checks.checked))
        });
    if has_body {
        let doc = if !puts.is_empty() {
            quote!(let mut doc = req.json()?;)
        } else {
            quote!(let doc = req.json()?;)
        };
        let walk = de_body_walk(&body_fields, &body_locals);
        stmts.push(quote! {
            #doc
            let p = &#w::json::Path::Request;
            let obj = #w::json::object(&doc, p)?;
            #walk
        });
    } else if validate && !puts.is_empty() {
        stmts.push(quote!(let mut doc = #w::json::Doc::EMPTY_OBJECT;));
    } else if validate {
        stmts.push(quote!(let doc = #w::json::Doc::EMPTY_OBJECT;));
    }
    for (fl, m) in s.fields.iter().zip(&locals) {
        let e = if raw_payload && fl.binding == Binding::Payload {
            let de = de_expr(&fl.ty, quote!(doc), quote!(&#w::json::Path::Request));
            let raw = if matches!(fl.ty, Ty::Structure(_)) {
                quote!(#w::json::structure_payload(body)?)
            } else {
                quote! {
                    if body.iter().all(u8::is_ascii_whitespace) {
                        ::std::option::Option::None
                    } else {
                        ::std::option::Option::Some(#w::json::parse(body)?)
                    }
                }
            };
            stmts.push(quote! {
                let raw_payload = #raw;
            });
            quote! {
                match &raw_payload {
                    ::std::option::Option::Some(doc) => ::std::option::Option::Some(#de?),
                    ::std::option::Option::None => ::std::option::Option::None,
                }
            }
        } else if fl.binding == Binding::Body && walked_body {
            // Already read by the walk.
            continue;
        } else {
            read_bound(fl)
        };
        stmts.push(quote!(let #m = #e;));
    }
    if validate {
        if !puts.is_empty() {
            stmts.push(quote! {
                if let ::std::option::Option::Some(o) = doc.as_object_mut() { #(#puts)* }
            });
        }
        let v = format_ident!("v_{}", s.fn_suffix);
        stmts.push(quote! {
            let mut r = #srv::ValidationReport::new();
            #v(&mut r, "", &doc);
            if !r.is_empty() {
                return ::std::result::Result::Err(#invalid);
            }
        });
    }
    let inits = s.fields.iter().zip(&locals).map(|(fl, m)| {
        let id = ident(&fl.name);
        let v = field_value(fl, quote!(#m));
        quote!(#id: #v)
    });
    let arg = if s.fields.is_empty() {
        quote!(_req)
    } else {
        quote!(req)
    };
    quote! {
        fn #f(#arg: &#srv::Request) -> ::std::result::Result<#input, #srv::Rejection> {
            #(#stmts)*
            ::std::result::Result::Ok(#input { #(#inits,)* })
        }
    }
}

/// `fn r_<suffix>(v, b) -> Result<Response, Rejection>`: headers and body of an output or error.
fn respond_fn(s: &Structure) -> TokenStream {
    let w = wire();
    let srv = srv();
    let f = format_ident!("r_{}", s.fn_suffix);
    let t = path(&s.path);
    let mut stmts = Vec::new();
    for fl in &s.fields {
        let id = ident(&fl.name);
        let set = match &fl.binding {
            Binding::Header(h) => {
                let value = match &fl.ty {
                    Ty::List { item, .. } => {
                        let t = to_text(item, quote!(x), TimestampFormat::HttpDate);
                        let join = if matches!(**item, Ty::Timestamp(_)) {
                            quote!(#w::header::join)
                        } else {
                            quote!(#w::header::join_strings)
                        };
                        quote!(#join(&x.iter().map(|x| #t).collect::<::std::vec::Vec<_>>()))
                    }
                    ty => to_text(ty, quote!(x), TimestampFormat::HttpDate),
                };
                // Set but empty lists go out as an empty header, like the client's.
                let skip_empty = if fl.plain && matches!(fl.ty, Ty::List { .. }) {
                    quote!(if !x.is_empty())
                } else {
                    quote!()
                };
                quote!(#skip_empty { b = b.header(#h, &#value); })
            }
            Binding::PrefixHeaders(prefix) => quote! {
                for (k, x) in x {
                    b = b.header(&::std::format!("{}{}", #prefix, k), x);
                }
            },
            _ => continue,
        };
        stmts.push(if fl.plain {
            quote!({ let x = &v.#id; #set })
        } else {
            quote!(if let ::std::option::Option::Some(x) = &v.#id { #set })
        });
    }
    let body_fields: Vec<&Field> = s
        .fields
        .iter()
        .filter(|f| f.binding == Binding::Body)
        .collect();
    let finish = if let Some(fl) = s.fields.iter().find(|f| f.binding == Binding::Payload) {
        let id = ident(&fl.name);
        let get = if fl.plain {
            quote!(::std::option::Option::Some(&v.#id))
        } else {
            quote!(v.#id.as_ref())
        };
        let send = match (&fl.ty, payload_media_type(&fl.ty)) {
            (Ty::Enum(_), Some(mt)) => quote!(b.payload(#mt, x.as_str().to_owned())),
            (_, Some(mt)) => quote!(b.payload(#mt, x.clone())),
            (ty, None) => {
                let wr = writer(ty);
                quote!(b.json(#w::json::to_bytes_with(x, #wr).map_err(#srv::Rejection::internal)?))
            }
        };
        quote! {
            match #get {
                ::std::option::Option::Some(x) => #send,
                ::std::option::Option::None => b.empty(),
            }
        }
    } else if body_fields.is_empty() && s.unit {
        // An operation without output (`smithy.api#Unit`) answers with no body at all
        // (Smithy's `RestJsonNoInputAndNoOutput`).
        quote!(b.empty())
    } else if body_fields.is_empty() {
        // restJson1 servers answer with a JSON object even when no member goes in the body
        // (Smithy's `RestJsonEmptyInputAndEmptyOutput`, `RestJsonGreetingWithErrors`).
        quote!(b.json(#w::bytes::Bytes::from_static(b"{}")))
    } else {
        let body = ser_body_fields(&body_fields, quote!(v), quote!(w));
        quote! {
            let mut w = #w::json::Writer::object();
            (|w: &mut #w::json::Writer| -> ::std::result::Result<(), ::std::string::String> {
                #body
                ::std::result::Result::Ok(())
            })(&mut w).map_err(#srv::Rejection::internal)?;
            b.json(w.finish_object())
        }
    };
    let b = if stmts.is_empty() {
        quote!(b)
    } else {
        quote!(mut b)
    };
    // Nothing to read when no member is a header, body or payload (an output whose only
    // member is its `@httpResponseCode`, which the caller applies: Lambda's InvokeAsync).
    let reads_v = !stmts.is_empty()
        || !body_fields.is_empty()
        || s.fields.iter().any(|f| f.binding == Binding::Payload);
    let v = if reads_v { quote!(v) } else { quote!(_v) };
    quote! {
        fn #f(#v: &#t, #b: #srv::ResponseBuilder) -> ::std::result::Result<#srv::Response, #srv::Rejection> {
            #(#stmts)*
            #finish
        }
    }
}

fn error_status(e: &Structure) -> u16 {
    match &e.kind {
        StructKind::Error { status, server, .. } => {
            status.unwrap_or(if *server { 500 } else { 400 })
        }
        _ => 500,
    }
}

pub(crate) fn server_rs(svc: &Service) -> TokenStream {
    let srv = srv();
    let trait_name = format_ident!("{}", svc.trait_name);
    let routes = svc.operations.iter().map(route);
    let mut checks = Checks {
        svc,
        checked: checked_types(svc),
        patterns: Patterns::default(),
    };

    // Validators of what requests carry.
    let (_, read) = directions(svc);
    let mut validators = Vec::new();
    for s in &svc.structures {
        if checks.checked.contains(&s.fn_suffix) && read.contains(&s.fn_suffix) {
            validators.push(checks.structure_fn(s));
        }
    }
    for s in svc.operations.iter().map(|o| &o.input) {
        if checks.checked.contains(&s.fn_suffix) {
            validators.push(checks.structure_fn(s));
        }
    }
    for u in &svc.unions {
        if checks.checked.contains(&u.fn_suffix) && read.contains(&u.fn_suffix) {
            validators.push(checks.union_fn(u));
        }
    }

    // The modeled validation error, if the service has a usable one.
    let modeled: Option<(ModeledValidation, String)> = svc
        .errors
        .iter()
        .find_map(|e| modeled_validation(svc, e).map(|m| (m, e.path.clone())));
    let mut modeled_used = false;

    let mut readers = Vec::new();
    let mut arms = Vec::new();
    let mut errors_used = BTreeSet::new();
    for (i, op) in svc.operations.iter().enumerate() {
        let uses_modeled = modeled
            .as_ref()
            .is_some_and(|(_, p)| op.errors.iter().any(|e| &e.path == p));
        modeled_used |= uses_modeled;
        let invalid = if uses_modeled {
            quote!(r.into_modeled(&MODELED_VALIDATION))
        } else {
            quote!(r.into_rejection())
        };
        readers.push(de_input(op, &mut checks, &invalid));
        let de = format_ident!("de_{}", op.module.trim_start_matches("r#"));
        let method = ident(&op.module);
        let out = format_ident!("r_{}", op.output.fn_suffix);
        let code = op.code;
        let status = match op
            .output
            .fields
            .iter()
            .find(|f| f.binding == Binding::ResponseCode)
        {
            Some(f) => {
                let id = ident(&f.name);
                // Status 0 (a `@default(0)` member left unset) or any non-status falls back.
                let value = if f.plain {
                    quote!(Some(o.#id))
                } else {
                    quote!(o.#id)
                };
                quote!(::smithy_runtime::server::response_code(#value, #code))
            }
            None => quote!(#code),
        };
        let error = path(&format!(
            "crate::operation::{}::{}",
            op.module, op.error_name
        ));
        let err_arms = op.errors.iter().map(|e| {
            errors_used.insert(e.path.clone());
            let variant = format_ident!("{}", e.variant);
            let f = format_ident!("r_{}", e.fn_suffix);
            let status = svc
                .errors
                .iter()
                .find(|s| s.path == e.path)
                .map_or(500, error_status);
            let code = &e.code;
            quote!(#error::#variant(e) => #f(&e, #srv::ResponseBuilder::error(#status, #code)))
        });
        let i = proc_macro2::Literal::usize_unsuffixed(i);
        // A body the client compressed (`@requestCompression`) is decoded before it is read.
        let req = if op.request_compression.is_empty() {
            quote!(&req)
        } else {
            let encodings = &op.request_compression;
            quote!(&req.decode_request_compression(&[#(#encodings),*])?)
        };
        arms.push(quote! {
            #i => match service.#method(#de(#req)?).await {
                ::std::result::Result::Ok(o) => #out(&o, #srv::ResponseBuilder::new(#status)),
                ::std::result::Result::Err(e) => match e {
                    #(#err_arms,)*
                    #error::Unhandled(_) => ::std::result::Result::Err(#srv::Rejection::internal("internal server error")),
                },
            },
        });
    }
    // A service without operations only has the fallback arm.
    let service_param = if arms.is_empty() {
        quote!(_service)
    } else {
        quote!(service)
    };
    let writers = svc.operations.iter().map(|o| respond_fn(&o.output)).chain(
        svc.errors
            .iter()
            .filter(|e| errors_used.contains(&e.path))
            .map(respond_fn),
    );
    let modeled_const = match (&modeled, modeled_used) {
        (Some((m, _)), true) => {
            let opt = |v: &Option<String>| match v {
                Some(v) => quote!(::std::option::Option::Some(#v)),
                None => quote!(::std::option::Option::None),
            };
            let reason = match &m.reason {
                Some((k, v)) => quote!(::std::option::Option::Some((#k, #v))),
                None => quote!(::std::option::Option::None),
            };
            let (code, status, message, list, fmsg) = (
                &m.code,
                m.status,
                &m.message,
                &m.field_list,
                &m.field_message,
            );
            let (fname, fpath) = (opt(&m.field_name), opt(&m.field_path));
            quote! {
                /// Constraint violations are reported with the service's own validation error.
                static MODELED_VALIDATION: #srv::ModeledValidation = #srv::ModeledValidation {
                    error_type: #code,
                    status: #status,
                    message: #message,
                    reason: #reason,
                    field_list: #list,
                    field_name: #fname,
                    field_path: #fpath,
                    field_message: #fmsg,
                };
            }
        }
        _ => quote!(),
    };
    let patterns = checks.patterns.0.iter().enumerate().map(|(i, p)| {
        let id = format_ident!("PATTERN_{}", i);
        quote!(static #id: #srv::LazyRegex = #srv::LazyRegex::new(#p);)
    });
    // Services that are not AWS services get the auth layer and credential accessor at hand.
    let auth_uses = if svc.auth.aws {
        quote!()
    } else {
        quote!(
            pub use ::smithy_runtime::server::{credential, AuthLayer, Credential};
        )
    };
    let krate = svc.crate_name.replace('-', "_");
    let docs = inner_docs(&[
        format!(
            // The trait is imported into this module, so a plain intra-doc link resolves (an
            // explicit `(crate::...)` target is a redundant-link warning under `-D warnings`).
            "A restJson1 server for any implementation of [`{}`]: [`router`] gives an",
            svc.trait_name
        ),
        "`axum::Router` that routes each request, reads and validates its input (every".into(),
        "constraint violation is reported), calls the service and writes its output or error."
            .into(),
        String::new(),
        "The router works behind any tower layer (`.layer(...)`): tower's `TimeoutLayer` or".into(),
        "`ConcurrencyLimitLayer`, tracing, or [`SigV4VerifyLayer`] to check request signatures."
            .into(),
        "Serve it with [`serve`] (a `tokio::net::TcpListener`) or `axum::serve`.".into(),
        String::new(),
        "```no_run".into(),
        "use std::time::Duration;".into(),
        format!("use {krate}::server::{{ServerConfig, axum, router_with, tower}};"),
        String::new(),
        format!(
            "fn app(service: impl {krate}::{} + 'static) -> axum::Router {{",
            svc.trait_name
        ),
        "    // Request bodies up to 64 KiB, at most 256 requests at once, 10 s per request.".into(),
        "    router_with(service, ServerConfig::default().body_limit(64 * 1024)).layer(".into(),
        "        tower::ServiceBuilder::new()".into(),
        "            // A timeout can fail a request: answer that with 503 instead of an error.".into(),
        "            .layer(axum::error_handling::HandleErrorLayer::new(|_: tower::BoxError| async {".into(),
        "                axum::http::StatusCode::SERVICE_UNAVAILABLE".into(),
        "            }))".into(),
        "            .layer(tower::timeout::TimeoutLayer::new(Duration::from_secs(10)))".into(),
        "            .layer(tower::limit::ConcurrencyLimitLayer::new(256)),".into(),
        "    )".into(),
        "}".into(),
        "```".into(),
    ]);
    quote! {
        #docs
        pub use ::smithy_runtime::server::{axum, serve, tower, ServerConfig, SigV4VerifyLayer};
        #auth_uses

        /// One route per operation, in dispatch order.
        static ROUTES: &[#srv::RouteSpec] = &[#(#routes),*];
        #(#patterns)*
        #modeled_const

        /// The service as an `axum::Router` with the default [`ServerConfig`].
        pub fn router<S: crate::#trait_name + 'static>(service: S) -> axum::Router {
            router_with(service, ServerConfig::default())
        }

        /// The service as an `axum::Router` with settings (request body limit).
        pub fn router_with<S: crate::#trait_name + 'static>(service: S, config: ServerConfig) -> axum::Router {
            let service = ::std::sync::Arc::new(service);
            let config = config.auth(crate::SERVICE.auth);
            match #srv::Server::new(ROUTES, config, move |req| dispatch(service.clone(), req)) {
                ::std::result::Result::Ok(server) => server.into_router(),
                ::std::result::Result::Err(e) => e.into_router(),
            }
        }

        async fn dispatch<S: crate::#trait_name>(
            #service_param: ::std::sync::Arc<S>,
            req: #srv::Request,
        ) -> ::std::result::Result<#srv::Response, #srv::Rejection> {
            match req.operation_index() {
                #(#arms)*
                _ => ::std::result::Result::Err(#srv::Rejection::internal("no such operation")),
            }
        }
        #(#readers)*
        #(#writers)*
        #(#validators)*
    }
}
