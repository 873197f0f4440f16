//! `src/operation/<op>.rs`: input, output, error, builders, fluent builder, paginator, and the
//! request serializer / response deserializer of one operation.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use smithy_model::traits::TimestampFormat;
use smithy_model::uri::Segment;

use super::protocol::{ser_body_fields, ser_to_bytes};
use super::types::{builder_def, fluent_setters, struct_def};
use super::{ident, inner_docs, path, rust_ty, ts_format, wire};
use crate::ir::{Binding, Field, Operation, Service, Ty};

pub(crate) fn mod_rs(svc: &Service) -> TokenStream {
    let mods = svc.operations.iter().map(|op| {
        let m = ident(&op.module);
        let doc = format!(" The `{}` operation.", op.name);
        quote!(#[doc = #doc] pub mod #m;)
    });
    quote! {
        //! One module per operation: input, output, error, builders and (de)serializers.
        #(#mods)*
    }
}

pub(crate) fn operation_rs(svc: &Service, op: &Operation) -> TokenStream {
    let w = wire();
    let module_docs = inner_docs(&op.docs);
    let input_def = struct_def(&op.input);
    let output_def = struct_def(&op.output);
    let input_builder = builder_def(&op.input, &format!("{}Builder", op.input.name));
    let input = format_ident!("{}", op.input.name);
    let output = format_ident!("{}", op.output.name);
    let input_builder_ty = format_ident!("{}Builder", op.input.name);
    let error = format_ident!("{}", op.error_name);
    let fluent = format_ident!(
        "{}FluentBuilder",
        op.error_name
            .strip_suffix("Error")
            .unwrap_or(&op.error_name)
    );
    let trait_name = format_ident!("{}", svc.trait_name);
    let method = ident(&op.module);

    let error_enum = error_enum(op);
    let ser = ser_request(op);
    let de_output_fn = format_ident!("de_{}", op.output.fn_suffix);
    let de_errors = de_error_fn(op);

    let build_input = if op.input.required().next().is_some() {
        quote!(self.inner.build().map_err(|e| #error::Unhandled(e.into()))?)
    } else {
        quote!(self.inner.build())
    };
    let setters = fluent_setters(&op.input);
    let fluent_doc = format!(
        " Builds and sends a `{}` request: set members, then call [`Self::send`].",
        op.name
    );
    let paginator = paginator(op, &fluent, &input_builder_ty, &output, &error);
    let send_doc = format!(" Sends the request and waits for the [`{output}`] or the [`{error}`].");
    let send = super::endpoint::send_call(op);
    // `@requestCompression`: the runtime gzips the body before it is signed.
    let (let_request, compress) = if op.request_compression.is_empty() {
        (quote!(let request), quote!())
    } else {
        let encodings = &op.request_compression;
        (
            quote!(let mut request),
            quote!(::smithy_runtime::client::compression::compress(
                handle.config(),
                &mut request,
                &[#(#encodings),*],
            );),
        )
    };
    quote! {
        #module_docs
        #input_def
        #output_def
        #input_builder
        #error_enum

        #[doc = #fluent_doc]
        #[derive(Clone, Debug)]
        pub struct #fluent {
            client: crate::Client,
            inner: #input_builder_ty,
        }
        impl #fluent {
            pub(crate) fn new(client: crate::Client) -> Self {
                Self { client, inner: ::std::default::Default::default() }
            }
            /// The input built so far.
            pub fn as_input(&self) -> &#input_builder_ty {
                &self.inner
            }
            #[doc = #send_doc]
            pub async fn send(self) -> ::std::result::Result<#output, #error> {
                let input = #build_input;
                invoke(self.client.handle(), input).await
            }
            /// Builds the input and calls the same operation on `api` (a mock, or another
            /// implementation of the service trait) instead of the network.
            pub async fn send_with(
                self,
                api: &impl crate::service::#trait_name,
            ) -> ::std::result::Result<#output, #error> {
                let input = #build_input;
                api.#method(input).await
            }
            #setters
        }
        #paginator

        pub(crate) async fn invoke(
            handle: &::smithy_runtime::client::Handle,
            input: #input,
        ) -> ::std::result::Result<#output, #error> {
            #let_request = ser_request(&input)
                .map_err(|e| #error::Unhandled(::smithy_runtime::error::Unhandled::build(e)))?;
            #compress
            let response = #send;
            de_response(&response)
        }

        #ser

        /// Reads the response: the output on success, else the modeled error or `Unhandled`.
        #[doc(hidden)]
        pub fn de_response(
            response: &#w::http::Response<#w::bytes::Bytes>,
        ) -> ::std::result::Result<#output, #error> {
            if !response.status().is_success() {
                return ::std::result::Result::Err(#error::from_response(response));
            }
            crate::protocol::#de_output_fn(response)
                .map_err(|e| #error::Unhandled(#w::error::unparseable(response, e)))
        }

        #de_errors
    }
}

fn error_enum(op: &Operation) -> TokenStream {
    let error = format_ident!("{}", op.error_name);
    let op_name = &op.name;
    let doc = format!(" The errors `{}` can return.", op.name);
    let variants = op.errors.iter().map(|e| {
        let v = format_ident!("{}", e.variant);
        let p = path(&e.path);
        let d = format!(" See [`{}`].", e.path);
        quote!(#[doc = #d] #v(#p))
    });
    let names: Vec<_> = op
        .errors
        .iter()
        .map(|e| format_ident!("{}", e.variant))
        .collect();
    let is_fns = op.errors.iter().map(|e| {
        let v = format_ident!("{}", e.variant);
        let f = format_ident!("is_{}", e.snake);
        let d = format!(" True for [`{}`].", e.path);
        quote! {
            #[doc = #d]
            pub fn #f(&self) -> bool {
                matches!(self, Self::#v(_))
            }
        }
    });
    let failed = format!("{op_name} failed: {{}}");
    quote! {
        #[doc = #doc]
        #[derive(Debug)]
        pub enum #error {
            #(#variants,)*
            /// Any other failure: an error the model does not describe, an unparseable
            /// response, a transport, signing or timeout failure, or an input that could not be
            /// built.
            Unhandled(::smithy_runtime::error::Unhandled),
        }
        impl #error {
            /// The modeled error, or the `Unhandled` one.
            fn parts(
                &self,
            ) -> ::std::result::Result<&dyn crate::error::ModeledError, &::smithy_runtime::error::Unhandled> {
                match self {
                    #(Self::#names(e) => ::std::result::Result::Ok(e),)*
                    Self::Unhandled(e) => ::std::result::Result::Err(e),
                }
            }
            #(#is_fns)*
            /// The error code, when known.
            pub fn code(&self) -> ::std::option::Option<&str> {
                self.parts().map_or_else(|u| u.code(), |e| ::std::option::Option::Some(e.code()))
            }
            /// The error message, when known.
            pub fn message(&self) -> ::std::option::Option<&str> {
                self.parts().map_or_else(|u| u.message(), |e| e.message())
            }
            /// The service's request id, when known.
            pub fn request_id(&self) -> ::std::option::Option<&str> {
                self.parts().map_or_else(|u| u.request_id(), |e| e.request_id())
            }
        }
        impl ::std::fmt::Display for #error {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                match self.parts() {
                    ::std::result::Result::Ok(e) => write!(f, #failed, e),
                    ::std::result::Result::Err(e) => write!(f, #failed, e),
                }
            }
        }
        impl ::std::error::Error for #error {
            fn source(&self) -> ::std::option::Option<&(dyn ::std::error::Error + 'static)> {
                ::std::option::Option::Some(match self.parts() {
                    ::std::result::Result::Ok(e) => e,
                    ::std::result::Result::Err(e) => e,
                })
            }
        }
        impl ::std::convert::From<::smithy_runtime::error::Unhandled> for #error {
            fn from(e: ::smithy_runtime::error::Unhandled) -> Self {
                Self::Unhandled(e)
            }
        }
    }
}

fn de_error_fn(op: &Operation) -> TokenStream {
    let w = wire();
    let error = format_ident!("{}", op.error_name);
    let arms = op.errors.iter().map(|e| {
        let v = format_ident!("{}", e.variant);
        let code = &e.code;
        let f = format_ident!("de_{}", e.fn_suffix);
        quote!(::std::option::Option::Some(#code) => crate::protocol::#f(response).map(Self::#v))
    });
    let body = if op.errors.is_empty() {
        quote!(Self::Unhandled(#w::error::unknown(response, code, &doc)))
    } else {
        quote! {
            let parsed = match code.as_deref() {
                #(#arms,)*
                _ => return Self::Unhandled(#w::error::unknown(response, code, &doc)),
            };
            parsed.unwrap_or_else(|e| Self::Unhandled(#w::error::unparseable(response, e)))
        }
    };
    quote! {
        impl #error {
            /// Reads an error response: the modeled error its code names, else `Unhandled`.
            fn from_response(response: &#w::http::Response<#w::bytes::Bytes>) -> Self {
                let doc = #w::json::parse(response.body()).unwrap_or(#w::json::Doc::Null);
                let code = #w::error::code(response.headers(), &doc);
                #body
            }
        }
    }
}

/// `String` expression of a scalar `v: &T` for a label, query value or header.
pub(crate) fn to_text(ty: &Ty, v: TokenStream, default: TimestampFormat) -> TokenStream {
    let w = wire();
    match ty {
        Ty::String => quote!(#v.clone()),
        Ty::MediaString(_) => quote!(#w::base64_encode(#v)),
        Ty::Enum(_) => quote!(#v.as_str().to_owned()),
        Ty::IntEnum(_) => quote!(#v.as_i32().to_string()),
        Ty::Float => quote!(#w::header::float(#w::widen_f32(*#v))),
        Ty::Double => quote!(#w::header::float(*#v)),
        Ty::Timestamp(f) => {
            let f = ts_format(f.unwrap_or(default));
            quote!(#v.format(#f))
        }
        Ty::Blob(_) => quote!(#w::base64_encode(#v)),
        _ => quote!(#v.to_string()),
    }
}

fn ser_request(op: &Operation) -> TokenStream {
    let w = wire();
    let input = format_ident!("{}", op.input.name);
    let fields = &op.input.fields;
    let by_member = |m: &str| fields.iter().find(|f| f.member == m);
    let mut stmts = Vec::new();

    // Path.
    let mut uri_lit = String::new();
    for seg in &op.uri.segments {
        match seg {
            Segment::Literal(l) => {
                uri_lit.push('/');
                uri_lit.push_str(&encode_path_literal(l));
            }
            Segment::Label { name, greedy } => {
                if !uri_lit.is_empty() {
                    stmts.push(quote!(uri.push_str(#uri_lit);));
                    uri_lit.clear();
                }
                let Some(f) = by_member(name) else { continue };
                let id = ident(&f.name);
                let text = to_text(&f.ty, quote!(v), TimestampFormat::DateTime);
                let enc = if *greedy {
                    quote!(#w::encode::greedy_label(&text))
                } else {
                    quote!(#w::encode::label(&text))
                };
                let msg = format!(
                    "member `{}` is bound to the URI label `{name}` and must not be empty",
                    f.name.trim_start_matches("r#")
                );
                if let Some(fallback) = &f.empty_label {
                    // A customization: unset or empty sends a fixed text instead of failing.
                    let fallback = encode_path_literal(fallback);
                    let get = if f.plain {
                        quote!(::std::option::Option::Some(&input.#id))
                    } else {
                        quote!(input.#id.as_ref())
                    };
                    stmts.push(quote! {
                        uri.push('/');
                        match #get {
                            ::std::option::Option::Some(v) if !v.is_empty() => {
                                let text = #text;
                                uri.push_str(&#enc);
                            }
                            _ => uri.push_str(#fallback),
                        }
                    });
                    continue;
                }
                let get = if f.plain {
                    quote!(let v = &input.#id;)
                } else {
                    quote!(let v = input.#id.as_ref().ok_or_else(|| #msg.to_owned())?;)
                };
                stmts.push(quote! {
                    {
                        #get
                        let text = #text;
                        if text.is_empty() {
                            return ::std::result::Result::Err(#msg.to_owned());
                        }
                        uri.push('/');
                        uri.push_str(&#enc);
                    }
                });
            }
        }
    }
    if op.uri.segments.is_empty()
        || op
            .uri
            .text
            .split('?')
            .next()
            .is_some_and(|p| p.ends_with('/') && p.len() > 1)
    {
        uri_lit.push('/');
    }
    if !uri_lit.is_empty() {
        stmts.push(quote!(uri.push_str(#uri_lit);));
    }

    // Query.
    let literal_query: Vec<String> = op
        .uri
        .query
        .iter()
        .map(|(k, v)| match v {
            Some(v) => format!("{}={}", smithy_model_encode(k), smithy_model_encode(v)),
            None => smithy_model_encode(k),
        })
        .collect();
    let literal_query = literal_query.join("&");
    let query_fields: Vec<&Field> = fields
        .iter()
        .filter(|f| matches!(f.binding, Binding::Query(_) | Binding::QueryParams))
        .collect();
    if !literal_query.is_empty() || !query_fields.is_empty() {
        let explicit: Vec<&str> = fields
            .iter()
            .filter_map(|f| match &f.binding {
                Binding::Query(k) => Some(k.as_str()),
                _ => None,
            })
            .chain(op.uri.query.iter().map(|(k, _)| k.as_str()))
            .collect();
        let mut qs = Vec::new();
        for f in &query_fields {
            let id = ident(&f.name);
            let push = match (&f.binding, &f.ty) {
                (Binding::Query(k), Ty::List { item, .. }) => {
                    let t = to_text(item, quote!(item), TimestampFormat::DateTime);
                    quote!(for item in v { #w::encode::push_query(&mut query, #k, &#t); })
                }
                (Binding::Query(k), ty) => {
                    let t = to_text(ty, quote!(v), TimestampFormat::DateTime);
                    quote!(#w::encode::push_query(&mut query, #k, &#t);)
                }
                (Binding::QueryParams, Ty::Map { value, .. }) => {
                    let push_one = match &**value {
                        Ty::List { item, .. } => {
                            let t = to_text(item, quote!(item), TimestampFormat::DateTime);
                            quote!(for item in v { #w::encode::push_query(&mut query, k, &#t); })
                        }
                        other => {
                            let t = to_text(other, quote!(v), TimestampFormat::DateTime);
                            quote!(#w::encode::push_query(&mut query, k, &#t);)
                        }
                    };
                    quote! {
                        let mut entries: ::std::vec::Vec<_> = v.iter().collect();
                        entries.sort_by(|a, b| a.0.cmp(b.0));
                        for (k, v) in entries {
                            // Explicit `@httpQuery` members win over the map.
                            if [#(#explicit),*].contains(&k.as_str()) {
                                continue;
                            }
                            #push_one
                        }
                    }
                }
                _ => quote!(),
            };
            let push = if f.plain {
                quote!({ let v = &input.#id; #push })
            } else {
                quote!(if let ::std::option::Option::Some(v) = &input.#id { #push })
            };
            qs.push(push);
        }
        let value = if literal_query.is_empty() {
            quote!(::std::string::String::new())
        } else {
            quote!(::std::string::String::from(#literal_query))
        };
        let init = if qs.is_empty() {
            quote!(let query = #value;)
        } else {
            quote!(let mut query = #value;)
        };
        stmts.push(quote! {
            #init
            #(#qs)*
            if !query.is_empty() {
                uri.push('?');
                uri.push_str(&query);
            }
        });
    }

    // Headers. A set but empty list is sent as an empty header (Smithy's
    // `RestJsonNullAndEmptyHeaders`); an empty required/defaulted one (never unset) is not.
    let mut header_stmts = Vec::new();
    for f in fields {
        let id = ident(&f.name);
        match &f.binding {
            Binding::Header(h) => {
                let value = match &f.ty {
                    Ty::List { item, .. } if matches!(**item, Ty::String | Ty::Enum(_)) => {
                        // Strings and enums (`AsRef<str>`) are joined directly, quoted as needed.
                        let w = wire();
                        if f.plain {
                            quote!((!v.is_empty()).then(|| #w::header::join_strings(v)))
                        } else {
                            quote!(::std::option::Option::Some(#w::header::join_strings(v)))
                        }
                    }
                    Ty::List { item, .. } => {
                        let t = to_text(item, quote!(v), TimestampFormat::HttpDate);
                        let join = if matches!(**item, Ty::Timestamp(_)) {
                            quote!(#w::header::join)
                        } else {
                            quote!(#w::header::join_strings)
                        };
                        let joined =
                            quote!(#join(&v.iter().map(|v| #t).collect::<::std::vec::Vec<_>>()));
                        if f.plain {
                            quote!((!v.is_empty()).then(|| #joined))
                        } else {
                            quote!(::std::option::Option::Some(#joined))
                        }
                    }
                    ty => {
                        let t = to_text(ty, quote!(v), TimestampFormat::HttpDate);
                        quote!(::std::option::Option::Some(#t))
                    }
                };
                let body = quote! {
                    let value: ::std::option::Option<::std::string::String> = #value;
                    if let ::std::option::Option::Some(value) = value {
                        #w::header::insert(&mut headers, #h, &value)?;
                    }
                };
                header_stmts.push(if f.plain {
                    quote!({ let v = &input.#id; #body })
                } else {
                    quote!(if let ::std::option::Option::Some(v) = &input.#id { #body })
                });
            }
            Binding::PrefixHeaders(prefix) => {
                let body = quote! {
                    let mut entries: ::std::vec::Vec<_> = v.iter().collect();
                    entries.sort_by(|a, b| a.0.cmp(b.0));
                    for (k, v) in entries {
                        #w::header::insert(&mut headers, &::std::format!("{}{}", #prefix, k), v)?;
                    }
                };
                header_stmts.push(if f.plain {
                    quote!({ let v = &input.#id; #body })
                } else {
                    quote!(if let ::std::option::Option::Some(v) = &input.#id { #body })
                });
            }
            _ => {}
        }
    }

    // Body.
    let payload = fields.iter().find(|f| f.binding == Binding::Payload);
    let body_fields: Vec<&Field> = fields
        .iter()
        .filter(|f| f.binding == Binding::Body)
        .collect();
    // A `Content-Type` header member set by the caller wins over the default.
    let has_content_type_member = fields.iter().any(
        |f| matches!(&f.binding, Binding::Header(h) if h.eq_ignore_ascii_case("content-type")),
    );
    let content_type = |ct: &str| {
        if has_content_type_member {
            quote! {
                if !headers.contains_key("content-type") {
                    #w::header::insert(&mut headers, "content-type", #ct)?;
                }
            }
        } else {
            quote!(#w::header::insert(&mut headers, "content-type", #ct)?;)
        }
    };
    let body = if let Some(f) = payload {
        let id = ident(&f.name);
        let (bytes, ct) = match &f.ty {
            Ty::Blob(mt) => (
                quote!(#w::bytes::Bytes::from(v.clone())),
                mt.clone()
                    .unwrap_or_else(|| "application/octet-stream".into()),
            ),
            Ty::String => (
                quote!(#w::bytes::Bytes::from(v.clone())),
                "text/plain".to_string(),
            ),
            Ty::MediaString(mt) => (quote!(#w::bytes::Bytes::from(v.clone())), mt.clone()),
            Ty::Enum(_) => (
                quote!(#w::bytes::Bytes::from(v.as_str().to_owned())),
                "text/plain".to_string(),
            ),
            ty => {
                let e = ser_to_bytes(ty, quote!(v));
                (quote!(#e?), "application/json".to_string())
            }
        };
        let ct = content_type(&ct);
        if f.plain {
            quote! {
                let v = &input.#id;
                #ct
                let body = #bytes;
            }
        } else {
            // An unset structure payload is sent as an empty JSON object (Smithy's
            // `RestJsonHttpWithEmptyStructurePayload`; servers read `{}` back as unset:
            // `wire::json::structure_payload`); other unset payloads as nothing.
            let none = if matches!(f.ty, Ty::Structure(_)) {
                quote! {{
                    #ct
                    #w::bytes::Bytes::from_static(b"{}")
                }}
            } else {
                quote!(#w::bytes::Bytes::new())
            };
            quote! {
                let body = match &input.#id {
                    ::std::option::Option::Some(v) => {
                        #ct
                        #bytes
                    }
                    ::std::option::Option::None => #none,
                };
            }
        }
    } else if !body_fields.is_empty() {
        let ser = ser_body_fields(&body_fields, quote!(input), quote!(&mut w));
        let ct = content_type("application/json");
        quote! {
            let mut w = #w::json::Writer::object();
            #ser
            #ct
            let body = w.finish_object();
        }
    } else {
        quote!(let body = #w::bytes::Bytes::new();)
    };
    // `@httpChecksumRequired`: the body's MD5 (Smithy's `RestJsonHttpChecksumRequired`).
    let body = if op.checksum_required {
        quote! {
            #body
            #w::header::insert(&mut headers, "content-md5", &#w::content_md5(&body))?;
        }
    } else {
        body
    };
    // Service customizations (`crate::customize`): fixed headers a member has not set, and
    // Glacier's payload checksums.
    let statics = op.static_headers.iter().map(|(name, value)| {
        quote! {
            if !headers.contains_key(#name) {
                #w::header::insert(&mut headers, #name, #value)?;
            }
        }
    });
    let body = quote! {
        #body
        #(#statics)*
    };
    let body = if op.glacier_checksums {
        quote! {
            #body
            #w::insert_glacier_checksums(&mut headers, &body)?;
        }
    } else {
        body
    };
    let needs_headers = !header_stmts.is_empty()
        || payload.is_some()
        || !body_fields.is_empty()
        || op.checksum_required
        || !op.static_headers.is_empty()
        || op.glacier_checksums;
    let headers_init = if needs_headers {
        quote!(let mut headers = #w::http::HeaderMap::new();)
    } else {
        quote!(let headers = #w::http::HeaderMap::new();)
    };

    // Host prefix.
    let host_prefix = match &op.host_prefix {
        Some(template) => {
            let mut parts = Vec::new();
            let mut rest = template.as_str();
            while let Some(start) = rest.find('{') {
                let lit = &rest[..start];
                if !lit.is_empty() {
                    parts.push(quote!(host.push_str(#lit);));
                }
                let end = rest[start..]
                    .find('}')
                    .map(|e| start + e)
                    .unwrap_or(rest.len());
                let label = &rest[start + 1..end.min(rest.len())];
                if let Some(f) = by_member(label) {
                    let id = ident(&f.name);
                    let msg = format!(
                        "member `{label}` fills the host prefix and must be a non-empty host label"
                    );
                    let get = if f.plain {
                        quote!(::std::option::Option::Some(&input.#id))
                    } else {
                        quote!(input.#id.as_ref())
                    };
                    parts.push(quote! {
                        match #get {
                            ::std::option::Option::Some(v) if !v.is_empty() && v.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-') => host.push_str(v),
                            _ => return ::std::result::Result::Err(#msg.to_owned()),
                        }
                    });
                }
                rest = rest.get(end + 1..).unwrap_or("");
            }
            if !rest.is_empty() {
                parts.push(quote!(host.push_str(#rest);));
            }
            quote! {{
                let mut host = ::std::string::String::new();
                #(#parts)*
                ::std::option::Option::Some(host)
            }}
        }
        None => quote!(::std::option::Option::None),
    };
    let method = match op.method.as_str() {
        "GET" | "PUT" | "POST" | "DELETE" | "PATCH" | "HEAD" | "OPTIONS" => {
            let m = format_ident!("{}", op.method);
            quote!(#w::http::Method::#m)
        }
        other => {
            let b = proc_macro2::Literal::byte_string(other.as_bytes());
            quote!(#w::http::Method::from_bytes(#b).map_err(|e| e.to_string())?)
        }
    };
    let op_name = &op.name;
    let input_arg = if fields.is_empty() {
        quote!(_input)
    } else {
        quote!(input)
    };
    // Unset `@idempotencyToken` members get a fresh token (the input itself is not changed).
    let tokens: Vec<_> = fields
        .iter()
        .filter(|f| f.idempotency_token && !f.plain && matches!(f.ty, Ty::String))
        .map(|f| ident(&f.name))
        .collect();
    let fill_tokens = if tokens.is_empty() {
        quote!()
    } else {
        quote! {
            let mut input = ::std::borrow::Cow::Borrowed(input);
            #(
                if input.#tokens.is_none() {
                    input.to_mut().#tokens = ::std::option::Option::Some(#w::idempotency_token());
                }
            )*
            let input = &*input;
        }
    };
    quote! {
        /// Builds the HTTP request for the input (restJson1 bindings).
        #[doc(hidden)]
        pub fn ser_request(
            #input_arg: &#input,
        ) -> ::std::result::Result<::smithy_runtime::client::OperationRequest, ::std::string::String> {
            #fill_tokens
            let mut uri = ::std::string::String::new();
            #(#stmts)*
            #headers_init
            #(#header_stmts)*
            #body
            ::std::result::Result::Ok(::smithy_runtime::client::OperationRequest {
                operation: #op_name,
                method: #method,
                path_and_query: uri,
                headers,
                body,
                host_prefix: #host_prefix,
            })
        }
    }
}

/// Percent-encodes a literal path segment of the URI pattern at generation time: the pattern's
/// text is sent as written, so only what a path segment cannot hold (RFC 3986 `pchar`) is
/// escaped (`/ReDosLiteral/{str}/(a+)+` keeps its `(a+)+`).
fn encode_path_literal(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~!$&'()*+,;=:@".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Percent-encodes literal URI text at generation time (same rules as the runtime).
fn smithy_model_encode(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// `Option<&T>` expression following `fields` from `output` (plain fields are always there).
fn chain(fields: &[Field]) -> TokenStream {
    // While every field so far is plain, the value is a plain reference.
    let mut present = quote!(output);
    let mut opt: Option<TokenStream> = None;
    for f in fields {
        let id = ident(&f.name);
        opt = Some(match (opt.take(), f.plain) {
            (None, true) => {
                present = quote!(#present.#id);
                continue;
            }
            (None, false) => quote!(#present.#id.as_ref()),
            (Some(o), true) => quote!(#o.map(|v| &v.#id)),
            (Some(o), false) => quote!(#o.and_then(|v| v.#id.as_ref())),
        });
    }
    opt.unwrap_or_else(|| quote!(::std::option::Option::Some(&#present)))
}

fn paginator(
    op: &Operation,
    fluent: &proc_macro2::Ident,
    input_builder: &proc_macro2::Ident,
    output: &proc_macro2::Ident,
    error: &proc_macro2::Ident,
) -> TokenStream {
    let Some(p) = &op.paginator else {
        return quote!();
    };
    if !matches!(p.input_token.ty, Ty::String)
        || !p
            .output_token
            .last()
            .is_some_and(|f| matches!(f.ty, Ty::String))
    {
        return quote!();
    }
    let pager = format_ident!(
        "{}Paginator",
        op.error_name
            .strip_suffix("Error")
            .unwrap_or(&op.error_name)
    );
    let token = ident(&p.input_token.name);
    let set_token = format_ident!("set_{}", p.input_token.name.trim_start_matches("r#"));
    let next = chain(&p.output_token);
    let build = if op.input.required().next().is_some() {
        quote!(let input = input.map_err(|e| #error::Unhandled(e.into()))?;)
    } else {
        quote!()
    };
    let items = match p.items.as_ref().and_then(|i| i.last().map(|l| (i, l))) {
        Some((path_fields, last)) => match &last.ty {
            Ty::List { item, sparse } => {
                let it = rust_ty(item);
                let it = if *sparse {
                    quote!(::std::option::Option<#it>)
                } else {
                    it
                };
                // All-plain paths are moved out of the page; optional ones are cloned.
                let c = if path_fields.iter().all(|f| f.plain) {
                    let ids = path_fields.iter().map(|f| ident(&f.name));
                    quote!(output #(.#ids)*)
                } else {
                    let c = chain(path_fields);
                    quote!(#c.cloned().unwrap_or_default())
                };
                let doc = format!(" A stream of every `{}` of every page.", last.member);
                quote! {
                    #[doc = #doc]
                    pub fn items(self) -> impl ::smithy_runtime::client::Stream<Item = ::std::result::Result<#it, #error>> + ::std::marker::Unpin {
                        use ::smithy_runtime::client::StreamExt as _;
                        self.send().flat_map(|page| {
                            let items: ::std::vec::Vec<::std::result::Result<#it, #error>> = match page {
                                ::std::result::Result::Ok(output) => #c
                                    .into_iter()
                                    .map(::std::result::Result::Ok)
                                    .collect(),
                                ::std::result::Result::Err(e) => ::std::vec![::std::result::Result::Err(e)],
                            };
                            ::smithy_runtime::futures_util::stream::iter(items)
                        })
                    }
                }
            }
            _ => quote!(),
        },
        None => quote!(),
    };
    let doc = format!(
        " Pages through `{}` results: see [`{fluent}::into_paginator`].",
        op.name
    );
    quote! {
        impl #fluent {
            /// Turns this request into a paginator that follows the continuation token.
            pub fn into_paginator(self) -> #pager {
                #pager { client: self.client, inner: self.inner }
            }
        }
        #[doc = #doc]
        #[derive(Clone, Debug)]
        pub struct #pager {
            client: crate::Client,
            inner: #input_builder,
        }
        impl #pager {
            /// A stream of pages; it ends after a page without a new token (missing, empty or
            /// repeated) or after the first error.
            pub fn send(self) -> impl ::smithy_runtime::client::Stream<Item = ::std::result::Result<#output, #error>> + ::std::marker::Unpin {
                let #pager { client, inner } = self;
                let first = inner.#token.clone();
                ::smithy_runtime::client::paginate(first, move |token| {
                    let client = client.clone();
                    let input = inner.clone().#set_token(token).build();
                    async move {
                        #build
                        let output = invoke(client.handle(), input).await?;
                        let next = #next.cloned();
                        ::std::result::Result::Ok((output, next))
                    }
                })
            }
            #items
        }
    }
}
