//! `src/protocol.rs`: JSON (de)serializers per structure and union, and modeled-error readers.
//! Also the expression builders the operation emitter shares.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use smithy_model::traits::TimestampFormat;

use super::{default_expr, ident, path, rust_ty, ts_format, wire};
use crate::ir::{Binding, Field, Service, Structure, Ty, Union};

pub(crate) fn protocol_rs(svc: &Service) -> TokenStream {
    let structs = svc.structures.iter().map(|s| {
        let ser = struct_ser_fn(s);
        let de = struct_de_fn(s);
        quote!(#ser #de)
    });
    let unions = svc.unions.iter().map(union_fns);
    let errors = svc.errors.iter().map(|s| {
        let ser = struct_ser_fn(s);
        let de = response_de_fn(s, &format_ident!("de_{}", s.fn_suffix));
        quote!(#ser #de)
    });
    let outputs = svc
        .operations
        .iter()
        .map(|op| response_de_fn(&op.output, &format_ident!("de_{}", op.output.fn_suffix)));
    quote! {
        //! JSON serializers and deserializers shared by the operations (and a later server).
        #![allow(clippy::all, unused_imports)]
        use ::smithy_runtime::wire::json::{self, DeError, Path};
        use ::smithy_runtime::wire::serde_json::{Map, Value};
        #(#structs)*
        #(#unions)*
        #(#errors)*
        #(#outputs)*
    }
}

/// Expression writing `v: &T` as a JSON value, and whether it is a `Result<Value, String>`
/// (structures, unions and collections) rather than a plain `Value`.
pub(crate) fn ser_value(ty: &Ty, v: TokenStream) -> (TokenStream, bool) {
    let plain = |t: TokenStream| (t, false);
    match ty {
        Ty::String | Ty::MediaString(_) => plain(quote!(Value::String(#v.clone()))),
        Ty::Boolean => plain(quote!(Value::Bool(*#v))),
        Ty::Byte | Ty::Short | Ty::Integer | Ty::Long => plain(quote!(Value::from(*#v))),
        Ty::Float => plain(quote!(json::write_double(f64::from(*#v)))),
        Ty::Double => plain(quote!(json::write_double(*#v))),
        Ty::BigInteger | Ty::BigDecimal => plain(quote!(json::write_big(#v.as_str()))),
        Ty::Timestamp(f) => {
            let f = ts_format(f.unwrap_or(TimestampFormat::EpochSeconds));
            plain(quote!(json::write_timestamp(#v, #f)))
        }
        Ty::Blob(_) => plain(quote!(json::write_blob(#v))),
        Ty::Document => plain(quote!(#v.clone())),
        Ty::Enum(_) => plain(quote!(Value::String(#v.as_str().to_owned()))),
        Ty::IntEnum(_) => plain(quote!(Value::from(#v.as_i32()))),
        Ty::Structure(t) | Ty::Union(t) => {
            let f = format_ident!("ser_{}", t.fn_suffix);
            (quote!(crate::protocol::#f(#v)), true)
        }
        Ty::List { item, sparse } => {
            let inner = ser_expr(item, quote!(v));
            let t = if *sparse {
                quote!(json::write_list(#v, |v| match v {
                    ::std::option::Option::Some(v) => #inner,
                    ::std::option::Option::None => ::std::result::Result::Ok(Value::Null),
                }))
            } else {
                quote!(json::write_list(#v, |v| #inner))
            };
            (t, true)
        }
        Ty::Map { value, sparse } => {
            let inner = ser_expr(value, quote!(v));
            let t = if *sparse {
                quote!(json::write_map(#v, |v| match v {
                    ::std::option::Option::Some(v) => #inner,
                    ::std::option::Option::None => ::std::result::Result::Ok(Value::Null),
                }))
            } else {
                quote!(json::write_map(#v, |v| #inner))
            };
            (t, true)
        }
    }
}

/// Expression of type `Result<Value, String>` writing `v: &T`.
pub(crate) fn ser_expr(ty: &Ty, v: TokenStream) -> TokenStream {
    match ser_value(ty, v) {
        (t, true) => t,
        (t, false) => quote!(::std::result::Result::Ok(#t)),
    }
}

/// Expression of type `Value` writing `v: &T` (with `?` for fallible writers).
pub(crate) fn ser_try(ty: &Ty, v: TokenStream) -> TokenStream {
    match ser_value(ty, v) {
        (t, true) => quote!(#t?),
        (t, false) => t,
    }
}

/// Expression of type `Result<T, DeError>` reading `v: &Value` at `p: &Path`.
pub(crate) fn de_expr(ty: &Ty, v: TokenStream, p: TokenStream) -> TokenStream {
    match ty {
        Ty::String | Ty::MediaString(_) => quote!(json::string(#v, #p)),
        Ty::Boolean => quote!(json::boolean(#v, #p)),
        Ty::Byte => quote!(json::integer::<i8>(#v, #p)),
        Ty::Short => quote!(json::integer::<i16>(#v, #p)),
        Ty::Integer => quote!(json::integer::<i32>(#v, #p)),
        Ty::Long => quote!(json::integer::<i64>(#v, #p)),
        Ty::Float => quote!(json::float(#v, #p)),
        Ty::Double => quote!(json::double(#v, #p)),
        Ty::BigInteger => quote!(json::big_integer(#v, #p)),
        Ty::BigDecimal => quote!(json::big_decimal(#v, #p)),
        Ty::Timestamp(f) => {
            let f = ts_format(f.unwrap_or(TimestampFormat::EpochSeconds));
            quote!(json::timestamp(#v, #p, #f))
        }
        Ty::Blob(_) => quote!(json::blob(#v, #p)),
        Ty::Document => quote!(json::document(#v, #p)),
        Ty::Enum(t) => {
            let t = path(&t.path);
            quote!(json::string(#v, #p).map(#t::from))
        }
        Ty::IntEnum(t) => {
            let t = path(&t.path);
            quote!(json::integer::<i32>(#v, #p).map(#t::from))
        }
        Ty::Structure(t) | Ty::Union(t) => {
            let f = format_ident!("de_{}", t.fn_suffix);
            quote!(crate::protocol::#f(#v, #p))
        }
        Ty::List { item, sparse } => {
            let inner = de_expr(item, quote!(v), quote!(p));
            if *sparse {
                quote!(json::sparse_list(#v, #p, |v, p| #inner))
            } else {
                quote!(json::list(#v, #p, |v, p| #inner))
            }
        }
        Ty::Map { value, sparse } => {
            let inner = de_expr(value, quote!(v), quote!(p));
            if *sparse {
                quote!(json::sparse_map(#v, #p, |v, p| #inner))
            } else {
                quote!(json::map(#v, #p, |v, p| #inner))
            }
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
        Ty::Document => quote!(Value::Null),
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
            quote!(crate::protocol::#f(&Value::Object(Map::new()), &Path::Root)?)
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
    if f.plain {
        let fallback = match &f.default {
            Some(d) => default_expr(&f.ty, d),
            None => zero_expr(&f.ty),
        };
        let v = quote!(match #opt {
            ::std::option::Option::Some(v) => v,
            ::std::option::Option::None => #fallback,
        });
        if f.boxed {
            quote!(::std::boxed::Box::new(#v))
        } else {
            v
        }
    } else if f.boxed {
        quote!(#opt.map(::std::boxed::Box::new))
    } else {
        opt
    }
}

/// Statements inserting the body members of `v` (a `&Struct`) into `obj`.
pub(crate) fn ser_body_fields(fields: &[&Field], v: TokenStream) -> TokenStream {
    let stmts = fields.iter().map(|f| {
        let id = ident(&f.name);
        let key = &f.json_name;
        let e = ser_try(&f.ty, quote!(x));
        if f.plain {
            quote! {
                let x = &#v.#id;
                obj.insert(#key.to_owned(), #e);
            }
        } else {
            quote! {
                if let ::std::option::Option::Some(x) = &#v.#id {
                    obj.insert(#key.to_owned(), #e);
                }
            }
        }
    });
    quote!(#(#stmts)*)
}

/// `Option<T>` expression reading body member `f` from `obj` at `p`.
pub(crate) fn de_body_field(f: &Field) -> TokenStream {
    let key = &f.json_name;
    let inner = de_expr(&f.ty, quote!(v), quote!(&p.field(#key)));
    quote!(json::field(obj, #key).map(|v| #inner).transpose()?)
}

fn struct_ser_fn(s: &Structure) -> TokenStream {
    let f = format_ident!("ser_{}", s.fn_suffix);
    let t = path(&s.path);
    let fields: Vec<&Field> = s.fields.iter().collect();
    let body = ser_body_fields(&fields, quote!(v));
    let mutability = if fields.is_empty() {
        quote!()
    } else {
        quote!(mut)
    };
    let arg = if fields.is_empty() {
        quote!(_v)
    } else {
        quote!(v)
    };
    quote! {
        pub fn #f(#arg: &#t) -> ::std::result::Result<Value, ::std::string::String> {
            let #mutability obj = Map::new();
            #body
            ::std::result::Result::Ok(Value::Object(obj))
        }
    }
}

fn struct_de_fn(s: &Structure) -> TokenStream {
    let f = format_ident!("de_{}", s.fn_suffix);
    let t = path(&s.path);
    let inits = s.fields.iter().map(|fl| {
        let id = ident(&fl.name);
        let v = field_value(fl, de_body_field(fl));
        quote!(#id: #v)
    });
    let obj = if s.fields.is_empty() {
        quote!(json::object(v, p)?;)
    } else {
        quote!(let obj = json::object(v, p)?;)
    };
    quote! {
        pub fn #f(v: &Value, p: &Path<'_>) -> ::std::result::Result<#t, DeError> {
            #obj
            ::std::result::Result::Ok(#t { #(#inits,)* })
        }
    }
}

fn union_fns(u: &Union) -> TokenStream {
    let ser = format_ident!("ser_{}", u.fn_suffix);
    let de = format_ident!("de_{}", u.fn_suffix);
    let t = path(&format!("crate::types::{}", u.name));
    let unknown = format_ident!("{}", u.unknown);
    let ser_arms = u.variants.iter().map(|v| {
        let vn = format_ident!("{}", v.name);
        let key = &v.json_name;
        match &v.ty {
            Some(ty) => {
                let e = ser_try(ty, quote!(x));
                quote!(#t::#vn(x) => (#key, #e))
            }
            None => quote!(#t::#vn => (#key, Value::Object(Map::new()))),
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
    quote! {
        pub fn #ser(v: &#t) -> ::std::result::Result<Value, ::std::string::String> {
            let (key, value) = match v {
                #(#ser_arms,)*
                #t::#unknown => return ::std::result::Result::Err(#msg.to_owned()),
            };
            let mut obj = Map::new();
            obj.insert(key.to_owned(), value);
            ::std::result::Result::Ok(Value::Object(obj))
        }
        pub fn #de(v: &Value, p: &Path<'_>) -> ::std::result::Result<#t, DeError> {
            let (key, v) = json::union_member(v, p)?;
            let p = &p.field(key);
            ::std::result::Result::Ok(match key {
                #(#de_arms,)*
                _ => #t::#unknown,
            })
        }
    }
}

/// Reads an output or error structure from a response: `(status, headers, body)`.
pub(crate) fn response_de_fn(s: &Structure, name: &proc_macro2::Ident) -> TokenStream {
    let t = path(&s.path);
    let w = wire();
    let has_body = s.fields.iter().any(|f| f.binding == Binding::Body);
    let uses_headers = s
        .fields
        .iter()
        .any(|f| matches!(f.binding, Binding::Header(_) | Binding::PrefixHeaders(_)));
    let uses_status = s.fields.iter().any(|f| f.binding == Binding::ResponseCode);
    let uses_payload = s.fields.iter().any(|f| f.binding == Binding::Payload);
    let prelude = if has_body {
        quote! {
            let doc = json::parse(body)?;
            let p = &Path::Root;
            let obj = json::object(&doc, p)?;
        }
    } else {
        quote!()
    };
    let inits = s.fields.iter().map(|f| {
        let id = ident(&f.name);
        let opt = match &f.binding {
            Binding::Header(h) => header_de(&f.ty, h),
            Binding::PrefixHeaders(prefix) => {
                quote!(#w::header::read_prefixed(headers, #prefix)?)
            }
            Binding::ResponseCode => quote!(::std::option::Option::Some(i32::from(status))),
            Binding::Payload => payload_de(&f.ty),
            _ => de_body_field(f),
        };
        let v = field_value(f, opt);
        quote!(#id: #v)
    });
    let status_arg = if uses_status {
        quote!(status)
    } else {
        quote!(_status)
    };
    let headers_arg = if uses_headers {
        quote!(headers)
    } else {
        quote!(_headers)
    };
    let body_arg = if has_body || uses_payload {
        quote!(body)
    } else {
        quote!(_body)
    };
    quote! {
        pub fn #name(
            #status_arg: u16,
            #headers_arg: &#w::http::HeaderMap,
            #body_arg: &[u8],
        ) -> ::std::result::Result<#t, DeError> {
            #prelude
            ::std::result::Result::Ok(#t { #(#inits,)* })
        }
    }
}

/// `Result<T, String>` expression parsing one header/label/query item `s: &str`.
pub(crate) fn parse_item(ty: &Ty, default: TimestampFormat) -> TokenStream {
    let w = wire();
    match ty {
        Ty::String => quote!(::std::result::Result::Ok(s.to_owned())),
        Ty::MediaString(_) => quote!(#w::base64_decode(s).and_then(|b| {
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
            let f = ts_format(f.unwrap_or(default));
            quote!(#w::DateTime::parse(s, #f).map_err(|e| e.to_string()))
        }
        Ty::BigInteger => quote!(#w::BigInteger::new(s)),
        Ty::BigDecimal => quote!(#w::BigDecimal::new(s)),
        Ty::Blob(_) => quote!(#w::base64_decode(s)),
        other => {
            let t = rust_ty(other);
            quote!(#w::header::parse::<#t>(s))
        }
    }
}

fn header_de(ty: &Ty, name: &str) -> TokenStream {
    let w = wire();
    match ty {
        Ty::List { item, .. } => {
            if matches!(
                **item,
                Ty::Timestamp(None | Some(TimestampFormat::HttpDate))
            ) {
                quote!(#w::header::read_http_dates(headers, #name)?)
            } else {
                let p = parse_item(item, TimestampFormat::HttpDate);
                quote!(#w::header::read_list(headers, #name, |s| #p)?)
            }
        }
        _ => {
            let p = parse_item(ty, TimestampFormat::HttpDate);
            quote!(#w::header::read(headers, #name, |s| #p)?)
        }
    }
}

fn payload_de(ty: &Ty) -> TokenStream {
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
                        .map_err(|_| DeError::new("body", "the payload is not UTF-8"))?
                )
            }#conv)
        }
        _ => {
            let e = de_expr(ty, quote!(&doc), quote!(&Path::Root));
            quote!(if body.iter().all(u8::is_ascii_whitespace) {
                ::std::option::Option::None
            } else {
                let doc = json::parse(body)?;
                ::std::option::Option::Some(#e?)
            })
        }
    }
}
