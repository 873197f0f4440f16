//! `src/protocol.rs`: JSON (de)serializers per structure and union, and modeled-error readers.
//! Also the expression builders the operation emitter shares.

use std::collections::BTreeSet;

use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use smithy_model::traits::TimestampFormat;

use super::{default_expr, ident, path, rust_ty, ts_format, wire};
use crate::ir::{Binding, Field, Service, Structure, Ty, Union};

/// The `fn_suffix`es of the structures and unions reachable from `roots`.
pub(crate) fn reachable<'a>(
    svc: &Service,
    roots: impl Iterator<Item = &'a Ty>,
) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut stack: Vec<Ty> = roots.cloned().collect();
    while let Some(ty) = stack.pop() {
        match ty {
            Ty::List { item, .. } => stack.push(*item),
            Ty::Map { value, .. } => stack.push(*value),
            Ty::Structure(t) | Ty::Union(t) => {
                if !out.insert(t.fn_suffix.clone()) {
                    continue;
                }
                if let Some(s) = svc
                    .structures
                    .iter()
                    .chain(&svc.errors)
                    .find(|s| s.fn_suffix == t.fn_suffix)
                {
                    stack.extend(s.fields.iter().map(|f| f.ty.clone()));
                }
                if let Some(u) = svc.unions.iter().find(|u| u.fn_suffix == t.fn_suffix) {
                    stack.extend(u.variants.iter().filter_map(|v| v.ty.clone()));
                }
            }
            _ => {}
        }
    }
    out
}

pub(crate) fn protocol_rs(svc: &Service) -> TokenStream {
    // A client writes what inputs reach and reads what outputs and errors reach; a server does
    // the opposite. Only those functions are generated: the client's directions always, the
    // ones only a server needs behind the `server` feature.
    let (server_ser, server_de) = super::server::directions(svc);
    let (ser_needed, de_needed) = (&server_de, &server_ser);
    let gate = quote!(#[cfg(feature = "server")]);
    let pick = |suffix: &String, client: &BTreeSet<String>, server: &BTreeSet<String>| {
        if client.contains(suffix) {
            Some(quote!())
        } else if server.contains(suffix) {
            Some(gate.clone())
        } else {
            None
        }
    };
    let structs = svc.structures.iter().map(|s| {
        let ser = match pick(&s.fn_suffix, ser_needed, &server_ser) {
            Some(attr) => {
                let f = struct_ser_fn(s);
                quote!(#attr #f)
            }
            None => quote!(),
        };
        let de = match pick(&s.fn_suffix, de_needed, &server_de) {
            Some(attr) => {
                let f = struct_de_fn(s);
                quote!(#attr #f)
            }
            None => quote!(),
        };
        quote!(#ser #de)
    });
    let unions = svc.unions.iter().map(|u| {
        let ser = match pick(&u.fn_suffix, ser_needed, &server_ser) {
            Some(attr) => {
                let f = union_fns(u, true, false);
                quote!(#attr #f)
            }
            None => quote!(),
        };
        let de = match pick(&u.fn_suffix, de_needed, &server_de) {
            Some(attr) => {
                let f = union_fns(u, false, true);
                quote!(#attr #f)
            }
            None => quote!(),
        };
        quote!(#ser #de)
    });
    let errors = svc
        .errors
        .iter()
        .map(|s| response_de_fn(s, &format_ident!("de_{}", s.fn_suffix)));
    let outputs = svc
        .operations
        .iter()
        .map(|op| response_de_fn(&op.output, &format_ident!("de_{}", op.output.fn_suffix)));
    quote! {
        //! JSON serializers and deserializers shared by the operations (and a later server).
        #(#structs)*
        #(#unions)*
        #(#errors)*
        #(#outputs)*
    }
}

fn ts_suffix(f: Option<TimestampFormat>) -> &'static str {
    match f.unwrap_or(TimestampFormat::EpochSeconds) {
        TimestampFormat::DateTime => "date_time",
        TimestampFormat::HttpDate => "http_date",
        TimestampFormat::EpochSeconds => "epoch_seconds",
    }
}

/// A callable `Fn(&T, &mut Writer) -> Result<(), String>` writing one value (a runtime writer,
/// a generated `ser_*` function, or a closure for collections).
pub(crate) fn writer(ty: &Ty) -> TokenStream {
    match ty {
        Ty::String | Ty::MediaString(_) | Ty::Enum(_) => {
            quote!(::smithy_runtime::wire::json::w_str)
        }
        Ty::Boolean => quote!(::smithy_runtime::wire::json::w_bool),
        Ty::Byte | Ty::Short | Ty::Integer | Ty::Long => {
            quote!(::smithy_runtime::wire::json::w_int)
        }
        Ty::Float => quote!(::smithy_runtime::wire::json::w_f32),
        Ty::Double => quote!(::smithy_runtime::wire::json::w_f64),
        Ty::BigInteger => quote!(::smithy_runtime::wire::json::w_big_integer),
        Ty::BigDecimal => quote!(::smithy_runtime::wire::json::w_big_decimal),
        Ty::Timestamp(f) => {
            let w = format_ident!("w_{}", ts_suffix(*f));
            quote!(::smithy_runtime::wire::json::#w)
        }
        Ty::Blob(_) => quote!(::smithy_runtime::wire::json::w_blob),
        Ty::Document => quote!(::smithy_runtime::wire::json::w_document),
        Ty::IntEnum(_) => quote!(::smithy_runtime::wire::json::w_int_enum),
        Ty::Structure(t) | Ty::Union(t) => {
            let f = format_ident!("ser_{}", t.fn_suffix);
            quote!(crate::protocol::#f)
        }
        Ty::List { .. } | Ty::Map { .. } => {
            let call = ser_call(ty, quote!(v), quote!(w));
            quote!(|v, w| #call)
        }
    }
}

/// Expression of type `Result<(), String>` writing `v: &T` to `w: &mut Writer`.
pub(crate) fn ser_call(ty: &Ty, v: TokenStream, w: TokenStream) -> TokenStream {
    let item_writer = |item: &Ty, sparse: bool| {
        let wr = writer(item);
        if sparse {
            quote!(|v, w| ::smithy_runtime::wire::json::w_opt(v, w, #wr))
        } else {
            wr
        }
    };
    match ty {
        Ty::List { item, sparse } => {
            let wr = item_writer(item, *sparse);
            quote!(::smithy_runtime::wire::json::write_list(#v, #w, #wr))
        }
        Ty::Map { value, sparse } => {
            let wr = item_writer(value, *sparse);
            quote!(::smithy_runtime::wire::json::write_map(#v, #w, #wr))
        }
        other => {
            let wr = writer(other);
            quote!(#wr(#v, #w))
        }
    }
}

/// Expression of type `Result<Bytes, String>`: the JSON text of `v: &T`.
pub(crate) fn ser_to_bytes(ty: &Ty, v: TokenStream) -> TokenStream {
    let wr = writer(ty);
    quote!(::smithy_runtime::wire::json::to_bytes_with(#v, #wr))
}

/// A callable `Fn(&Doc, &Path) -> Result<T, DeError>` reading one value.
pub(crate) fn reader(ty: &Ty) -> TokenStream {
    match ty {
        Ty::String | Ty::MediaString(_) => quote!(::smithy_runtime::wire::json::string),
        Ty::Boolean => quote!(::smithy_runtime::wire::json::boolean),
        Ty::Byte => quote!(::smithy_runtime::wire::json::integer::<i8>),
        Ty::Short => quote!(::smithy_runtime::wire::json::integer::<i16>),
        Ty::Integer => quote!(::smithy_runtime::wire::json::integer::<i32>),
        Ty::Long => quote!(::smithy_runtime::wire::json::integer::<i64>),
        Ty::Float => quote!(::smithy_runtime::wire::json::float),
        Ty::Double => quote!(::smithy_runtime::wire::json::double),
        Ty::BigInteger => quote!(::smithy_runtime::wire::json::big_integer),
        Ty::BigDecimal => quote!(::smithy_runtime::wire::json::big_decimal),
        Ty::Timestamp(f) => {
            let r = format_ident!("{}", ts_suffix(*f));
            quote!(::smithy_runtime::wire::json::#r)
        }
        Ty::Blob(_) => quote!(::smithy_runtime::wire::json::blob),
        Ty::Document => quote!(::smithy_runtime::wire::json::document),
        Ty::Enum(t) => {
            let t = path(&t.path);
            quote!(::smithy_runtime::wire::json::string_into::<#t>)
        }
        Ty::IntEnum(t) => {
            let t = path(&t.path);
            quote!(::smithy_runtime::wire::json::int_into::<#t>)
        }
        Ty::Structure(t) | Ty::Union(t) => {
            let f = format_ident!("de_{}", t.fn_suffix);
            quote!(crate::protocol::#f)
        }
        Ty::List { .. } | Ty::Map { .. } => {
            let call = de_expr(ty, quote!(v), quote!(p));
            quote!(|v, p| #call)
        }
    }
}

/// Expression of type `Result<T, DeError>` reading `v: &Doc` at `p: &Path`.
pub(crate) fn de_expr(ty: &Ty, v: TokenStream, p: TokenStream) -> TokenStream {
    match ty {
        Ty::List { item, sparse } => {
            let r = reader(item);
            if *sparse {
                quote!(::smithy_runtime::wire::json::sparse_list(#v, #p, #r))
            } else {
                quote!(::smithy_runtime::wire::json::list(#v, #p, #r))
            }
        }
        Ty::Map { value, sparse } => {
            let r = reader(value);
            if *sparse {
                quote!(::smithy_runtime::wire::json::sparse_map(#v, #p, #r))
            } else {
                quote!(::smithy_runtime::wire::json::map(#v, #p, #r))
            }
        }
        other => {
            let r = reader(other);
            quote!(#r(#v, #p))
        }
    }
}

/// The zero value used when a required member is missing from a response (Smithy "client
/// error correction"); may use `?` (only in functions returning `Result<_, DeError>`).
pub(crate) fn zero_expr(ty: &Ty) -> TokenStream {
    let w = wire();
    match ty {
        Ty::String | Ty::MediaString(_) => quote!(::std::string::String::new()),
        Ty::Boolean => quote!(false),
        Ty::Byte | Ty::Short | Ty::Integer | Ty::Long => quote!(0),
        Ty::Float | Ty::Double => quote!(0.0),
        Ty::BigInteger | Ty::BigDecimal => quote!(::std::default::Default::default()),
        Ty::Timestamp(_) => quote!(#w::DateTime::UNIX_EPOCH),
        Ty::Blob(_) | Ty::List { .. } => quote!(::std::vec::Vec::new()),
        Ty::Map { .. } => quote!(::std::collections::HashMap::new()),
        Ty::Document => quote!(::smithy_runtime::wire::serde_json::Value::Null),
        Ty::Enum(t) => {
            let t = path(&t.path);
            quote!(#t::from(""))
        }
        Ty::IntEnum(t) => {
            let t = path(&t.path);
            quote!(#t::from(0))
        }
        Ty::Structure(t) => {
            let f = format_ident!("de_{}", t.fn_suffix);
            quote!(crate::protocol::#f(&::smithy_runtime::wire::json::Doc::EMPTY_OBJECT, &::smithy_runtime::wire::json::Path::Root)?)
        }
        Ty::Union(t) => {
            // A union has no zero value; the catch-all variant is the honest stand-in.
            let p = path(&t.path);
            quote!(#p::default_unknown())
        }
    }
}

/// Turns an `Option<T>` expression into the field's value (plain fields fall back to their
/// default, else the zero value; boxed fields are boxed).
pub(crate) fn field_value(f: &Field, opt: TokenStream) -> TokenStream {
    if !f.plain {
        // An optional input member with a default: the server, the authority, applies it.
        let opt = match &f.default {
            Some(d) => {
                let v = or_default(f, d, opt);
                quote!(::std::option::Option::Some(#v))
            }
            None => opt,
        };
        return if f.boxed {
            quote!(#opt.map(::std::boxed::Box::new))
        } else {
            opt
        };
    }
    let v = match (&f.default, &f.ty) {
        (Some(d), _) => or_default(f, d, opt),
        // The zero value of these types is their `Default`.
        (None, Ty::Union(t)) => {
            let p = path(&t.path);
            quote!(#opt.unwrap_or_else(#p::default_unknown))
        }
        (None, Ty::Enum(_) | Ty::IntEnum(_)) => {
            let z = zero_expr(&f.ty);
            quote!(#opt.unwrap_or_else(|| #z))
        }
        (None, Ty::Structure(_)) => {
            let z = zero_expr(&f.ty);
            quote!(match #opt {
                ::std::option::Option::Some(v) => v,
                ::std::option::Option::None => #z,
            })
        }
        (None, _) => quote!(#opt.unwrap_or_default()),
    };
    if f.boxed {
        quote!(::std::boxed::Box::new(#v))
    } else {
        v
    }
}

/// `opt.unwrap_or(default)` (lazily unless the default is a literal: clippy's
/// `unnecessary_lazy_evaluations`).
pub(crate) fn or_default(f: &Field, d: &serde_json::Value, opt: TokenStream) -> TokenStream {
    let e = default_expr(&f.ty, d);
    let literal = matches!(d, serde_json::Value::Bool(_) | serde_json::Value::Number(_))
        && matches!(
            f.ty,
            Ty::Boolean | Ty::Byte | Ty::Short | Ty::Integer | Ty::Long | Ty::Float | Ty::Double
        );
    // Lists and maps default to empty (`Default::default()`; clippy: `unwrap_or_default`).
    let empty = matches!(f.ty, Ty::List { .. } | Ty::Map { .. });
    if literal {
        quote!(#opt.unwrap_or(#e))
    } else if empty {
        quote!(#opt.unwrap_or_default())
    } else {
        quote!(#opt.unwrap_or_else(|| #e))
    }
}

/// Statements writing the body members of `v` (a `&Struct`) to `w` (a `&mut Writer` inside an
/// object the caller begins and ends).
pub(crate) fn ser_body_fields(fields: &[&Field], v: TokenStream, w: TokenStream) -> TokenStream {
    let stmts = fields.iter().map(|f| {
        let id = ident(&f.name);
        let key = &f.json_name;
        let wr = if f.boxed {
            let wr = writer(&f.ty);
            quote!(|v, w| #wr(v, w))
        } else {
            writer(&f.ty)
        };
        if f.plain {
            quote!(::smithy_runtime::wire::json::put(#w, #key, &#v.#id, #wr)?;)
        } else {
            quote!(::smithy_runtime::wire::json::put_opt(#w, #key, &#v.#id, #wr)?;)
        }
    });
    quote!(#(#stmts)*)
}

/// Objects with more body members than this are read in one pass (a `match` on each key met);
/// smaller ones look each member up. A lookup scans the object's few keys, which costs about
/// what the `match` saves, and keeps the generated readers a third shorter.
const WALK_ABOVE_FIELDS: usize = 12;

/// Whether an object with these body members is read in one pass ([`de_body_walk`]).
pub(crate) fn walks(fields: &[&Field]) -> bool {
    fields.len() > WALK_ABOVE_FIELDS
}

/// `Option<T>` expression for body member `f`: its local after [`de_body_walk`], or a lookup.
pub(crate) fn body_read(f: &Field, local: &proc_macro2::Ident, walk: bool) -> TokenStream {
    if walk { quote!(#local) } else { body_lookup(f) }
}

/// `Option<T>` expression looking body member `f` up in `obj: &Obj` at `p`.
pub(crate) fn body_lookup(f: &Field) -> TokenStream {
    let key = &f.json_name;
    let r = reader(&f.ty);
    quote!(::smithy_runtime::wire::json::member(obj, p, #key, #r)?)
}

/// The local holding body member `f` while an object is read.
pub(crate) fn body_local(f: &Field) -> proc_macro2::Ident {
    format_ident!("m_{}", f.name.trim_start_matches("r#"))
}

/// Statements reading body members `fields` from `obj: &Obj` at `p` in one pass over the
/// object's members, each into its `Option` local (`locals`, same order), when [`walks`] says
/// so (else nothing: the members are looked up). A repeated key keeps its last value; unknown
/// keys are skipped.
pub(crate) fn de_body_walk(fields: &[&Field], locals: &[proc_macro2::Ident]) -> TokenStream {
    if !walks(fields) {
        return quote!();
    }
    let arms = fields.iter().zip(locals).map(|(f, m)| {
        let key = &f.json_name;
        let r = reader(&f.ty);
        quote!(#key => #m = ::smithy_runtime::wire::json::read(v, p, #key, #r)?)
    });
    quote! {
        #(let mut #locals = ::std::option::Option::None;)*
        for (k, v) in obj.iter() {
            match k {
                #(#arms,)*
                _ => {}
            }
        }
    }
}

fn struct_ser_fn(s: &Structure) -> TokenStream {
    let f = format_ident!("ser_{}", s.fn_suffix);
    let t = path(&s.path);
    let fields: Vec<&Field> = s.fields.iter().collect();
    let body = ser_body_fields(&fields, quote!(v), quote!(w));
    let arg = if fields.is_empty() {
        quote!(_v)
    } else {
        quote!(v)
    };
    quote! {
        pub fn #f(#arg: &#t, w: &mut ::smithy_runtime::wire::json::Writer) -> ::std::result::Result<(), ::std::string::String> {
            w.begin_object();
            #body
            w.end_object();
            ::std::result::Result::Ok(())
        }
    }
}

fn struct_de_fn(s: &Structure) -> TokenStream {
    let f = format_ident!("de_{}", s.fn_suffix);
    let t = path(&s.path);
    let fields: Vec<&Field> = s.fields.iter().collect();
    let locals: Vec<_> = fields.iter().map(|f| body_local(f)).collect();
    let walk = de_body_walk(&fields, &locals);
    let one_pass = walks(&fields);
    let inits = s.fields.iter().zip(&locals).map(|(fl, m)| {
        let id = ident(&fl.name);
        let v = field_value(fl, body_read(fl, m, one_pass));
        quote!(#id: #v)
    });
    let obj = if s.fields.is_empty() {
        quote!(::smithy_runtime::wire::json::object(v, p)?;)
    } else {
        quote!(let obj = ::smithy_runtime::wire::json::object(v, p)?;)
    };
    quote! {
        pub fn #f(v: &::smithy_runtime::wire::json::Doc<'_>, p: &::smithy_runtime::wire::json::Path<'_>) -> ::std::result::Result<#t, ::smithy_runtime::wire::json::DeError> {
            #obj
            #walk
            ::std::result::Result::Ok(#t { #(#inits,)* })
        }
    }
}

fn union_fns(u: &Union, ser_needed: bool, de_needed: bool) -> TokenStream {
    let ser = format_ident!("ser_{}", u.fn_suffix);
    let de = format_ident!("de_{}", u.fn_suffix);
    let t = path(&format!("crate::types::{}", u.name));
    let unknown = format_ident!("{}", u.unknown);
    let ser_arms = u.variants.iter().map(|v| {
        let vn = format_ident!("{}", v.name);
        let key = &v.json_name;
        match &v.ty {
            Some(ty) => {
                let e = ser_call(ty, quote!(x), quote!(w));
                quote!(#t::#vn(x) => {
                    w.key(#key);
                    #e?;
                })
            }
            None => quote!(#t::#vn => {
                w.key(#key);
                w.begin_object();
                w.end_object();
            }),
        }
    });
    let de_arms = u.variants.iter().map(|v| {
        let vn = format_ident!("{}", v.name);
        let key = &v.json_name;
        match &v.ty {
            Some(ty) => {
                let e = de_expr(ty, quote!(v), quote!(p));
                let e = if v.boxed {
                    quote!(::std::boxed::Box::new(#e?))
                } else {
                    quote!(#e?)
                };
                quote!(#key => #t::#vn(#e))
            }
            None => quote!(#key => #t::#vn),
        }
    });
    let msg = format!(
        "cannot send the unknown member of union {}: choose a member this crate knows",
        u.name
    );
    let ser_fn = quote! {
        pub fn #ser(v: &#t, w: &mut ::smithy_runtime::wire::json::Writer) -> ::std::result::Result<(), ::std::string::String> {
            w.begin_object();
            match v {
                #(#ser_arms)*
                #t::#unknown => return ::std::result::Result::Err(#msg.to_owned()),
            }
            w.end_object();
            ::std::result::Result::Ok(())
        }
    };
    let unknown_msg = format!("not a member of union {}", u.name);
    // A union of unit members only never reads the member's value.
    let value = if u.variants.iter().any(|v| v.ty.is_some()) {
        quote!(v)
    } else {
        quote!(_)
    };
    let de_fn = quote! {
        pub fn #de(v: &::smithy_runtime::wire::json::Doc<'_>, p: &::smithy_runtime::wire::json::Path<'_>) -> ::std::result::Result<#t, ::smithy_runtime::wire::json::DeError> {
            let (key, #value) = ::smithy_runtime::wire::json::union_member(v, p)?;
            let p = &p.field(key);
            ::std::result::Result::Ok(match key {
                #(#de_arms,)*
                // A server rejects what it does not know; a client keeps it as the catch-all.
                _ if p.is_request() => return ::std::result::Result::Err(::smithy_runtime::wire::json::DeError::new(p, #unknown_msg)),
                _ => #t::#unknown,
            })
        }
    };
    let ser_fn = if ser_needed { ser_fn } else { quote!() };
    let de_fn = if de_needed { de_fn } else { quote!() };
    quote!(#ser_fn #de_fn)
}

/// Reads an output or error structure from a response: `(status, headers, body)`.
pub(crate) fn response_de_fn(s: &Structure, name: &proc_macro2::Ident) -> TokenStream {
    let t = path(&s.path);
    let w = wire();
    // Label and query bindings mean nothing in a response: such members are read from the body.
    let body_fields: Vec<&Field> = s
        .fields
        .iter()
        .filter(|f| {
            !matches!(
                f.binding,
                Binding::Header(_)
                    | Binding::PrefixHeaders(_)
                    | Binding::ResponseCode
                    | Binding::Payload
            )
        })
        .collect();
    let has_body = !body_fields.is_empty();
    let uses_headers = s
        .fields
        .iter()
        .any(|f| matches!(f.binding, Binding::Header(_) | Binding::PrefixHeaders(_)));
    let uses_status = s.fields.iter().any(|f| f.binding == Binding::ResponseCode);
    let uses_payload = s.fields.iter().any(|f| f.binding == Binding::Payload);
    // The body is only parsed here unless a payload member reads it too.
    let body = if uses_payload {
        quote!(body)
    } else {
        quote!(response.body())
    };
    let prelude = if has_body {
        quote! {
            let doc = ::smithy_runtime::wire::json::parse(#body)?;
            let p = &::smithy_runtime::wire::json::Path::Root;
            let obj = ::smithy_runtime::wire::json::object(&doc, p)?;
        }
    } else {
        quote!()
    };
    let locals: Vec<_> = body_fields.iter().map(|f| body_local(f)).collect();
    let walk = de_body_walk(&body_fields, &locals);
    let one_pass = walks(&body_fields);
    let inits = s.fields.iter().map(|f| {
        let id = ident(&f.name);
        let opt = match &f.binding {
            Binding::Header(h) => header_de(&f.ty, h, false),
            Binding::PrefixHeaders(prefix) => {
                quote!(#w::header::read_prefixed(headers, #prefix)?)
            }
            Binding::ResponseCode => quote!(::std::option::Option::Some(i32::from(status))),
            Binding::Payload => payload_de(
                &f.ty,
                &quote!(::smithy_runtime::wire::json::Path::Root),
                false,
            ),
            _ => body_read(f, &body_local(f), one_pass),
        };
        let v = field_value(f, opt);
        quote!(#id: #v)
    });
    let rid = super::request_id_field(s);
    let inits = inits.chain(
        rid.as_ref()
            .map(|r| quote!(#r: ::smithy_runtime::client::request_id(response.headers()))),
    );
    let mut parts = Vec::new();
    if uses_status {
        parts.push(quote!(let status = response.status().as_u16();));
    }
    if uses_headers {
        parts.push(quote!(let headers = response.headers();));
    }
    if uses_payload {
        parts.push(quote!(let body = response.body();));
    }
    let arg = if parts.is_empty() && rid.is_none() && !has_body {
        quote!(_response)
    } else {
        quote!(response)
    };
    quote! {
        pub fn #name(
            #arg: &#w::http::Response<#w::bytes::Bytes>,
        ) -> ::std::result::Result<#t, ::smithy_runtime::wire::json::DeError> {
            #(#parts)*
            #prelude
            #walk
            ::std::result::Result::Ok(#t { #(#inits,)* })
        }
    }
}

/// `Result<T, String>` expression parsing one header/label/query item `s: &str`; `request`:
/// read by a server (strict `date-time` and base64, see `wire::json::Path::Request`).
pub(crate) fn parse_item(ty: &Ty, default: TimestampFormat, request: bool) -> TokenStream {
    let w = wire();
    let b64 = if request {
        quote!(#w::base64_decode_strict)
    } else {
        quote!(#w::base64_decode)
    };
    match ty {
        Ty::String => quote!(::std::result::Result::Ok(s.to_owned())),
        Ty::MediaString(_) => quote!(#b64(s).and_then(|b| {
            ::std::string::String::from_utf8(b).map_err(|e| e.to_string())
        })),
        Ty::Enum(t) => {
            let t = path(&t.path);
            quote!(::std::result::Result::Ok(#t::from(s)))
        }
        Ty::IntEnum(t) => {
            let t = path(&t.path);
            quote!(#w::header::parse::<i32>(s).map(#t::from))
        }
        Ty::Timestamp(f) => {
            let format = f.unwrap_or(default);
            let f = ts_format(format);
            // Only `date-time` differs between the strict and the lenient parser.
            let parse = if request && format == TimestampFormat::DateTime {
                quote!(parse_strict)
            } else {
                quote!(parse)
            };
            quote!(#w::DateTime::#parse(s, #f).map_err(|e| e.to_string()))
        }
        Ty::BigInteger => quote!(#w::BigInteger::new(s)),
        Ty::BigDecimal => quote!(#w::BigDecimal::new(s)),
        Ty::Blob(_) => quote!(#b64(s)),
        other => {
            let t = rust_ty(other);
            quote!(#w::header::parse::<#t>(s))
        }
    }
}

pub(crate) fn header_de(ty: &Ty, name: &str, request: bool) -> TokenStream {
    let w = wire();
    match ty {
        Ty::List { item, .. } => {
            if matches!(
                **item,
                Ty::Timestamp(None | Some(TimestampFormat::HttpDate))
            ) {
                quote!(#w::header::read_http_dates(headers, #name)?)
            } else {
                let p = parse_item(item, TimestampFormat::HttpDate, request);
                quote!(#w::header::read_list(headers, #name, |s| #p)?)
            }
        }
        _ => {
            let p = parse_item(ty, TimestampFormat::HttpDate, request);
            quote!(#w::header::read(headers, #name, |s| #p)?)
        }
    }
}

/// `request`: read by a server, where an empty object is an unset structure payload.
pub(crate) fn payload_de(ty: &Ty, root: &TokenStream, request: bool) -> TokenStream {
    match ty {
        Ty::Blob(_) => quote!((!body.is_empty()).then(|| body.to_vec())),
        Ty::String | Ty::MediaString(_) | Ty::Enum(_) => {
            let conv = match ty {
                Ty::Enum(t) => {
                    let t = path(&t.path);
                    quote!(.map(#t::from))
                }
                _ => quote!(),
            };
            quote!(if body.is_empty() {
                ::std::option::Option::None
            } else {
                ::std::option::Option::Some(
                    ::std::string::String::from_utf8(body.to_vec())
                        .map_err(|_| ::smithy_runtime::wire::json::DeError::new("body", "the payload is not UTF-8"))?
                )
            }#conv)
        }
        Ty::Structure(_) if request => {
            let e = de_expr(ty, quote!(&doc), quote!(&#root));
            quote!(match ::smithy_runtime::wire::json::structure_payload(body)? {
                ::std::option::Option::Some(doc) => ::std::option::Option::Some(#e?),
                ::std::option::Option::None => ::std::option::Option::None,
            })
        }
        _ => {
            let e = de_expr(ty, quote!(&doc), quote!(&#root));
            quote!(if body.iter().all(u8::is_ascii_whitespace) {
                ::std::option::Option::None
            } else {
                let doc = ::smithy_runtime::wire::json::parse(body)?;
                ::std::option::Option::Some(#e?)
            })
        }
    }
}
