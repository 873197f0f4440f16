//! Printing the IR: `quote!` → `syn::parse2::<syn::File>` → `prettyplease::unparse`.

mod client;
mod endpoint;
mod malformed_tests;
mod operation;
mod protocol;
mod protocol_tests;
mod server;
mod shorten;
mod types;

use proc_macro2::{Ident, Span, TokenStream};
use quote::{ToTokens, format_ident, quote};
use serde_json::Value;
use smithy_model::traits::TimestampFormat;

use crate::ir::{Field, Service, Ty};
use crate::{Error, Files, HEADER, Settings};

/// Prints every file of the crate.
pub fn emit(svc: &Service, settings: &Settings) -> Result<Files, Error> {
    let mut files = vec![
        ("Cargo.toml".to_string(), client::cargo_toml(svc, settings)),
        render("src/lib.rs", client::lib_rs(svc))?,
        render("src/client.rs", client::client_rs(svc))?,
        render("src/error.rs", client::error_rs(svc))?,
        render("src/service.rs", client::service_rs(svc))?,
        render("src/types.rs", types::types_rs(svc))?,
        render("src/protocol.rs", protocol::protocol_rs(svc))?,
        render("src/server.rs", server::server_rs(svc))?,
        render("src/operation/mod.rs", operation::mod_rs(svc))?,
    ];
    for op in &svc.operations {
        files.push(render(
            &format!("src/operation/{}.rs", op.module),
            operation::operation_rs(svc, op),
        )?);
    }
    if let Some(cases) = &svc.protocol_tests {
        files.push(render(
            "tests/protocol_tests.rs",
            protocol_tests::tests_rs(svc, &cases.http),
        )?);
        files.push(render(
            "tests/malformed_requests.rs",
            malformed_tests::tests_rs(svc, &cases.malformed),
        )?);
    }
    files.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(Files(files))
}

fn render(file: &str, tokens: TokenStream) -> Result<(String, String), Error> {
    let mut parsed = syn::parse2::<syn::File>(tokens).map_err(|e| Error::Emit {
        file: file.to_string(),
        message: e.to_string(),
    })?;
    shorten::shorten(&mut parsed);
    Ok((
        file.to_string(),
        format!("{HEADER}\n{}", prettyplease::unparse(&parsed)),
    ))
}

/// The request-id field of a modeled error, as an identifier (see `Structure::request_id_field`).
pub(crate) fn request_id_field(s: &crate::ir::Structure) -> Option<Ident> {
    s.request_id_field().map(ident)
}

/// An identifier; `r#type` becomes a raw identifier.
pub(crate) fn ident(s: &str) -> Ident {
    match s.strip_prefix("r#") {
        Some(raw) => Ident::new_raw(raw, Span::call_site()),
        None => Ident::new(s, Span::call_site()),
    }
}

/// A path such as `crate::types::Room`.
pub(crate) fn path(s: &str) -> TokenStream {
    match syn::parse_str::<syn::Path>(s) {
        Ok(p) => p.to_token_stream(),
        // Paths come from `naming`, which only produces identifiers; keep going visibly.
        Err(_) => quote!(compile_error!(#s)),
    }
}

/// `#[doc = " line"]` per line (prettyplease prints them as `///` comments).
pub(crate) fn docs(lines: &[String]) -> TokenStream {
    let lines = lines.iter().map(|l| {
        if l.is_empty() {
            String::new()
        } else {
            format!(" {l}")
        }
    });
    quote! { #(#[doc = #lines])* }
}

/// Inner (`//!`) docs.
pub(crate) fn inner_docs(lines: &[String]) -> TokenStream {
    let lines = lines.iter().map(|l| {
        if l.is_empty() {
            String::new()
        } else {
            format!(" {l}")
        }
    });
    quote! { #(#![doc = #lines])* }
}

pub(crate) fn wire() -> TokenStream {
    quote!(::smithy_runtime::wire)
}

/// The Rust type of `ty`.
pub(crate) fn rust_ty(ty: &Ty) -> TokenStream {
    let w = wire();
    match ty {
        Ty::String | Ty::MediaString(_) => quote!(::std::string::String),
        Ty::Boolean => quote!(bool),
        Ty::Byte => quote!(i8),
        Ty::Short => quote!(i16),
        Ty::Integer => quote!(i32),
        Ty::Long => quote!(i64),
        Ty::Float => quote!(f32),
        Ty::Double => quote!(f64),
        Ty::BigInteger => quote!(#w::BigInteger),
        Ty::BigDecimal => quote!(#w::BigDecimal),
        Ty::Timestamp(_) => quote!(#w::DateTime),
        Ty::Blob(_) => quote!(::std::vec::Vec<u8>),
        Ty::Document => quote!(#w::Document),
        Ty::Enum(t) | Ty::IntEnum(t) | Ty::Structure(t) | Ty::Union(t) => path(&t.path),
        Ty::List { item, sparse } => {
            let item = rust_ty(item);
            if *sparse {
                quote!(::std::vec::Vec<::std::option::Option<#item>>)
            } else {
                quote!(::std::vec::Vec<#item>)
            }
        }
        Ty::Map { value, sparse } => {
            let value = rust_ty(value);
            if *sparse {
                quote!(::std::collections::HashMap<::std::string::String, ::std::option::Option<#value>>)
            } else {
                quote!(::std::collections::HashMap<::std::string::String, #value>)
            }
        }
    }
}

/// The stored value type of a field (boxed when it closes a cycle), without `Option`.
pub(crate) fn value_ty(f: &Field) -> TokenStream {
    let t = rust_ty(&f.ty);
    if f.boxed {
        quote!(::std::boxed::Box<#t>)
    } else {
        t
    }
}

/// The declared type of a struct field.
pub(crate) fn field_ty(f: &Field) -> TokenStream {
    let t = value_ty(f);
    if f.plain {
        t
    } else {
        quote!(::std::option::Option<#t>)
    }
}

pub(crate) fn ts_format(f: TimestampFormat) -> TokenStream {
    let w = wire();
    match f {
        TimestampFormat::DateTime => quote!(#w::TimestampFormat::DateTime),
        TimestampFormat::HttpDate => quote!(#w::TimestampFormat::HttpDate),
        TimestampFormat::EpochSeconds => quote!(#w::TimestampFormat::EpochSeconds),
    }
}

/// The `@default` value of a field as an expression (never fails, never `?`).
pub(crate) fn default_expr(ty: &Ty, v: &Value) -> TokenStream {
    let w = wire();
    match (ty, v) {
        (Ty::String | Ty::MediaString(_), Value::String(s)) => {
            quote!(::std::string::String::from(#s))
        }
        (Ty::Boolean, Value::Bool(b)) => quote!(#b),
        (Ty::Byte, Value::Number(n)) => int_lit(n.as_i64().unwrap_or(0), "i8"),
        (Ty::Short, Value::Number(n)) => int_lit(n.as_i64().unwrap_or(0), "i16"),
        (Ty::Integer, Value::Number(n)) => int_lit(n.as_i64().unwrap_or(0), "i32"),
        (Ty::Long, Value::Number(n)) => int_lit(n.as_i64().unwrap_or(0), "i64"),
        (Ty::Float, Value::Number(n)) => {
            let f = proc_macro2::Literal::f32_suffixed(n.as_f64().unwrap_or(0.0) as f32);
            quote!(#f)
        }
        (Ty::Double, Value::Number(n)) => {
            let f = proc_macro2::Literal::f64_suffixed(n.as_f64().unwrap_or(0.0));
            quote!(#f)
        }
        (Ty::BigInteger, v) => {
            let s = v.to_string().trim_matches('"').to_string();
            quote!(#w::BigInteger::new(#s).unwrap_or_default())
        }
        (Ty::BigDecimal, v) => {
            let s = v.to_string().trim_matches('"').to_string();
            quote!(#w::BigDecimal::new(#s).unwrap_or_default())
        }
        (Ty::Timestamp(_), Value::Number(n)) => {
            let f = proc_macro2::Literal::f64_suffixed(n.as_f64().unwrap_or(0.0));
            quote!(#w::DateTime::from_secs_f64(#f).unwrap_or_default())
        }
        (Ty::Timestamp(_), Value::String(s)) => {
            quote!(#w::DateTime::parse(#s, #w::TimestampFormat::DateTime).unwrap_or_default())
        }
        // Smithy writes a blob's `@default` in base64.
        (Ty::Blob(_), Value::String(s)) => quote!(#w::base64_decode(#s).unwrap_or_default()),
        (Ty::Document, v) => {
            let text = v.to_string();
            quote!(#w::serde_json::from_str(#text).unwrap_or_default())
        }
        (Ty::Enum(t), Value::String(s)) => {
            let p = path(&t.path);
            quote!(#p::from(#s))
        }
        (Ty::IntEnum(t), Value::Number(n)) => {
            let p = path(&t.path);
            let lit = int_lit(n.as_i64().unwrap_or(0), "i32");
            quote!(#p::from(#lit))
        }
        _ => quote!(::std::default::Default::default()),
    }
}

fn int_lit(v: i64, suffix: &str) -> TokenStream {
    let lit = match suffix {
        "i8" => proc_macro2::Literal::i8_suffixed(v as i8),
        "i16" => proc_macro2::Literal::i16_suffixed(v as i16),
        "i32" => proc_macro2::Literal::i32_suffixed(v as i32),
        _ => proc_macro2::Literal::i64_suffixed(v),
    };
    quote!(#lit)
}

/// A `Debug` impl that redacts sensitive fields (or everything, for a sensitive shape).
pub(crate) fn redacting_debug(name: &str, fields: &[Field], all: bool) -> TokenStream {
    let ty = format_ident!("{}", name);
    let name_str = name;
    if fields.is_empty() {
        return quote! {
            impl ::std::fmt::Debug for #ty {
                fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                    f.debug_struct(#name_str).finish()
                }
            }
        };
    }
    let entries = fields.iter().map(|f| {
        let id = ident(&f.name);
        let label = f.name.trim_start_matches("r#");
        if all || f.sensitive {
            quote!(s.field(#label, &"*** Sensitive Data Redacted ***");)
        } else {
            quote!(s.field(#label, &self.#id);)
        }
    });
    quote! {
        impl ::std::fmt::Debug for #ty {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                let mut s = f.debug_struct(#name_str);
                #(#entries)*
                s.finish()
            }
        }
    }
}
