//! `tests/protocol_tests.rs`: `httpRequestTests` / `httpResponseTests` for client and server.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::{docs, ident, path};
use crate::ir::{Service, Ty};
use crate::protocol_tests::http::{Case, Cases, Kind, Request, Response, Subject, Value};

pub(crate) fn tests_rs(_svc: &Service, cases: &Cases) -> TokenStream {
    let krate = ident(&cases.crate_ident);
    let client_cases = cases.cases.iter().any(|c| !c.kind.server());
    let server_cases = cases.cases.iter().any(|c| c.kind.server());
    let client_helper = if client_cases {
        quote! {
            /// A client that sends through `transport`, with fixed credentials and region and
            /// no retries (each case expects exactly one request).
            fn client(
                transport: &::smithy_runtime::protocol_test::client::CapturingClient,
                host: &str,
            ) -> #krate::Client {
                match #krate::Client::builder()
                    .endpoint_url(::std::format!("https://{host}"))
                    .region("us-east-1")
                    .credentials(::smithy_runtime::client::Credentials::new(
                        "AKIDEXAMPLE",
                        "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
                        ::std::option::Option::None,
                    ))
                    .retry(::smithy_runtime::client::RetryConfig::disabled())
                    .http_client(transport.clone())
                    .build()
                {
                    ::std::result::Result::Ok(c) => c,
                    ::std::result::Result::Err(e) => ::std::panic!("the test client does not build: {e}"),
                }
            }
        }
    } else {
        quote!()
    };
    let server_helper = if server_cases {
        test_service(cases)
    } else {
        quote!()
    };
    let tests = cases.cases.iter().map(|c| case_fn(cases, c));
    quote! {
        //! Smithy's `httpRequestTests` and `httpResponseTests` of the model, for the client and
        //! (with the `server` feature) the server.
        #![allow(deprecated, clippy::all)]
        #client_helper
        #server_helper
        #(#tests)*
    }
}

/// A service that records each operation's input and returns the result a test put in.
fn test_service(cases: &Cases) -> TokenStream {
    let trait_path = path(&cases.trait_path);
    let methods = cases.operations.iter().map(|op| {
        let m = ident(&op.method);
        let input = path(&op.input);
        let output = path(&op.output);
        let error = path(&op.error);
        quote! {
            fn #m(
                &self,
                input: #input,
            ) -> impl ::std::future::Future<Output = ::std::result::Result<#output, #error>> + Send {
                self.input.put(input);
                let reply = self.reply.take::<::std::result::Result<#output, #error>>();
                async move {
                    match reply {
                        ::std::option::Option::Some(r) => r,
                        ::std::option::Option::None => ::std::result::Result::Err(#error::from(
                            ::smithy_runtime::error::Unhandled::service(
                                ::smithy_runtime::http::StatusCode::INTERNAL_SERVER_ERROR,
                                ::std::option::Option::None,
                                ::std::option::Option::None,
                                ::std::option::Option::None,
                            ),
                        )),
                    }
                }
            }
        }
    });
    quote! {
        /// Keeps the input of the operation called and returns the result put in `reply`.
        #[cfg(feature = "server")]
        #[derive(Clone, Default)]
        struct TestService {
            input: ::smithy_runtime::protocol_test::server::Slot,
            reply: ::smithy_runtime::protocol_test::server::Slot,
        }
        #[cfg(feature = "server")]
        impl #trait_path for TestService {
            #(#methods)*
        }
    }
}

fn strs(v: &[String]) -> TokenStream {
    quote!(&[#(#v),*])
}

fn pairs(v: &[(String, String)]) -> TokenStream {
    let items = v.iter().map(|(k, v)| quote!((#k, #v)));
    quote!(&[#(#items),*])
}

fn opt_str(v: &Option<String>) -> TokenStream {
    match v {
        Some(s) => quote!(::std::option::Option::Some(#s)),
        None => quote!(::std::option::Option::None),
    }
}

fn compare(c: &Case, actual: TokenStream, expected: TokenStream) -> TokenStream {
    let v = match &c.subject {
        Some(Subject::Input(v) | Subject::Output(v) | Subject::Error { value: v, .. }) => v,
        None => return quote!(),
    };
    if c.compare_debug {
        nan_aware(quote!(&#actual), v, "value")
    } else {
        quote! {
            let expected = #expected;
            ::std::assert_eq!(#actual, expected);
        }
    }
}

/// Compares `actual` (a reference) with `v` part by part where `v` holds a NaN, which
/// `PartialEq` never finds equal: structure fields one by one, NaN with `is_nan`, anything
/// else (and collections holding a NaN, by `Debug`) as a whole.
fn nan_aware(actual: TokenStream, v: &Value, what: &str) -> TokenStream {
    match v {
        Value::Float { value, .. } if value.is_nan() => {
            quote!(::std::assert!((#actual).is_nan(), "{}: expected NaN, got {}", #what, #actual);)
        }
        Value::Struct { fields, .. } if has_nan(v) => {
            let checks = fields.iter().map(|f| {
                let name = ident(&f.name);
                let what = format!("{what}.{}", f.name);
                let inner = |a: TokenStream, v: &Value| {
                    let a = if f.boxed { quote!(&**#a) } else { a };
                    nan_aware(a, v, &what)
                };
                match (&f.value, f.optional) {
                    (None, _) => {
                        quote!(::std::assert!((#actual).#name.is_none(), "{}: expected none", #what);)
                    }
                    (Some(x), false) => inner(quote!(&(#actual).#name), x),
                    (Some(x), true) => {
                        let check = inner(quote!(x), x);
                        quote! {
                            match &(#actual).#name {
                                ::std::option::Option::Some(x) => { #check }
                                ::std::option::Option::None => ::std::panic!("{}: missing", #what),
                            }
                        }
                    }
                }
            });
            quote!(#(#checks)*)
        }
        _ if has_nan(v) => {
            let e = value(v);
            quote!(::smithy_runtime::protocol_test::assert_debug_eq(#actual, &#e);)
        }
        _ => {
            let e = value(v);
            quote!(::smithy_runtime::protocol_test::assert_same(#actual, #e, #what);)
        }
    }
}

fn has_nan(v: &Value) -> bool {
    match v {
        Value::Float { value, .. } => value.is_nan(),
        Value::Struct { fields, .. } => fields.iter().filter_map(|f| f.value.as_ref()).any(has_nan),
        Value::Union { value, .. } => value.as_deref().is_some_and(has_nan),
        Value::List { items, .. } => items.iter().flatten().any(has_nan),
        Value::Map { entries, .. } => entries.iter().filter_map(|(_, v)| v.as_ref()).any(has_nan),
        _ => false,
    }
}

fn case_fn(cases: &Cases, c: &Case) -> TokenStream {
    let name = ident(&c.fn_name);
    let doc = docs(&c.docs);
    let cfg = if c.kind.server() {
        quote!(#[cfg(feature = "server")])
    } else {
        quote!()
    };
    let body = match (&c.unsupported, &c.subject) {
        (Some(why), _) => {
            let msg = format!("cannot generate this case: {why}");
            quote!(::std::panic!(#msg);)
        }
        (None, None) => quote!(::std::panic!("cannot generate this case");),
        (None, Some(subject)) => match c.kind {
            Kind::ClientRequest => client_request(cases, c, subject),
            Kind::ClientResponse => client_response(cases, c, subject),
            Kind::ServerRequest => server_request(c, subject),
            Kind::ServerResponse => server_response(c, subject),
        },
    };
    quote! {
        #doc
        #cfg
        #[tokio::test]
        async fn #name() {
            #body
        }
    }
}

fn call(cases: &Cases, c: &Case, input: TokenStream) -> TokenStream {
    let krate = ident(&cases.crate_ident);
    let trait_path = path(&cases.trait_path);
    let m = ident(&c.op.method);
    quote!(<#krate::Client as #trait_path>::#m(&client, #input).await)
}

fn host_of(r: Option<&Request>) -> String {
    r.and_then(|r| r.host.clone())
        .unwrap_or_else(|| "example.com".to_string())
}

fn client_request(cases: &Cases, c: &Case, subject: &Subject) -> TokenStream {
    let (Subject::Input(v), Some(r)) = (subject, &c.request) else {
        return quote!(::std::panic!("not a request case"););
    };
    let input = value(v);
    let host = host_of(Some(r));
    let fix = if r.fixed_token {
        quote!(::smithy_runtime::protocol_test::fix_idempotency_tokens();)
    } else {
        quote!()
    };
    let call = call(cases, c, quote!(input));
    let method = &r.method;
    let uri = &r.uri;
    let resolved = opt_str(&r.resolved_host);
    let qp = strs(&r.query_params);
    let fqp = strs(&r.forbid_query_params);
    let rqp = strs(&r.require_query_params);
    let headers = pairs(&r.headers);
    let fh = strs(&r.forbid_headers);
    let rh = strs(&r.require_headers);
    let body = opt_str(&r.body);
    let media = opt_str(&r.body_media_type);
    quote! {
        #fix
        let transport = ::smithy_runtime::protocol_test::client::CapturingClient::new();
        let client = client(&transport, #host);
        let input = #input;
        // The canned empty response may not parse as the output: only the request matters.
        let _ = #call;
        ::smithy_runtime::protocol_test::client::assert_request(
            &transport.request(),
            &::smithy_runtime::protocol_test::client::ExpectedRequest {
                method: #method,
                uri: #uri,
                resolved_host: #resolved,
                query_params: #qp,
                forbid_query_params: #fqp,
                require_query_params: #rqp,
                headers: #headers,
                forbid_headers: #fh,
                require_headers: #rh,
                body: #body,
                body_media_type: #media,
            },
        );
    }
}

fn client_response(cases: &Cases, c: &Case, subject: &Subject) -> TokenStream {
    let (Some(r), Some(filler)) = (&c.response, &c.filler_input) else {
        return quote!(::std::panic!("not a response case"););
    };
    let code = r.code;
    let headers = pairs(&r.headers);
    let body = r.body.clone().unwrap_or_default();
    let input = value(filler);
    let call = call(cases, c, quote!(input));
    let check = match subject {
        Subject::Output(v) => {
            let expected = value(v);
            let cmp = compare(c, quote!(actual), expected.clone());
            quote! {
                let actual = match result {
                    ::std::result::Result::Ok(o) => o,
                    ::std::result::Result::Err(e) => ::std::panic!("expected the output, got {e:?}"),
                };
                #cmp
            }
        }
        Subject::Error { variant, value: v } => {
            let expected = value(v);
            let error = path(&c.op.error);
            let var = ident(variant);
            let cmp = compare(c, quote!(actual), expected.clone());
            quote! {
                let actual = match result {
                    ::std::result::Result::Err(#error::#var(e)) => e,
                    other => ::std::panic!("expected the {} error, got {other:?}", #variant),
                };
                #cmp
            }
        }
        Subject::Input(_) => quote!(::std::panic!("not a response case");),
    };
    quote! {
        let transport = ::smithy_runtime::protocol_test::client::CapturingClient::responding(
            #code, #headers, #body,
        );
        let client = client(&transport, "example.com");
        let input = #input;
        let result = #call;
        #check
    }
}

fn server_request(c: &Case, subject: &Subject) -> TokenStream {
    let (Subject::Input(v), Some(r)) = (subject, &c.request) else {
        return quote!(::std::panic!("not a request case"););
    };
    let krate_router = router_path(c);
    let input_ty = path(&c.op.input);
    let expected = value(v);
    let method = &r.method;
    let uri = &r.uri;
    let qp = strs(&r.query_params);
    let host = opt_str(&r.host);
    let headers = pairs(&r.headers);
    let body = r.body.clone().unwrap_or_default();
    let cmp = compare(c, quote!(actual), expected.clone());
    quote! {
        let service = TestService::default();
        let request = ::smithy_runtime::protocol_test::server::request(
            #method, #uri, #qp, #host, #headers, #body,
        );
        let response = ::smithy_runtime::protocol_test::call_router(
            #krate_router(service.clone()),
            request,
        )
        .await;
        let actual = match service.input.take::<#input_ty>() {
            ::std::option::Option::Some(i) => i,
            ::std::option::Option::None => ::std::panic!(
                "the operation was not called: {} {}",
                response.status(),
                ::std::string::String::from_utf8_lossy(response.body()),
            ),
        };
        #cmp
    }
}

fn router_path(c: &Case) -> TokenStream {
    let root = c.op.input.split("::").next().unwrap_or_default();
    path(&format!("{root}::server::router"))
}

fn server_response(c: &Case, subject: &Subject) -> TokenStream {
    let (Some(r), Some(filler)) = (&c.response, &c.filler_input) else {
        return quote!(::std::panic!("not a response case"););
    };
    let output = path(&c.op.output);
    let error = path(&c.op.error);
    let reply = match subject {
        Subject::Output(v) => {
            let v = value(v);
            quote!(::std::result::Result::Ok(#v))
        }
        Subject::Error { variant, value: v } => {
            let v = value(v);
            let var = ident(variant);
            quote!(::std::result::Result::Err(#error::#var(#v)))
        }
        Subject::Input(_) => return quote!(::std::panic!("not a response case");),
    };
    let ser = path(&c.op.ser_request);
    let input = value(filler);
    let router = router_path(c);
    let Response {
        code,
        headers,
        forbid_headers,
        require_headers,
        body,
        body_media_type,
    } = r;
    let headers = pairs(headers);
    let fh = strs(forbid_headers);
    let rh = strs(require_headers);
    let body = opt_str(body);
    let media = opt_str(body_media_type);
    quote! {
        let service = TestService::default();
        service.reply.put::<::std::result::Result<#output, #error>>(#reply);
        let input = #input;
        let request = match #ser(&input) {
            ::std::result::Result::Ok(r) => ::smithy_runtime::protocol_test::server::from_operation_request(r),
            ::std::result::Result::Err(e) => ::std::panic!("the routing request does not serialize: {e}"),
        };
        let response = ::smithy_runtime::protocol_test::call_router(#router(service), request).await;
        ::smithy_runtime::protocol_test::server::assert_response(
            &response,
            &::smithy_runtime::protocol_test::server::ExpectedResponse {
                code: #code,
                headers: #headers,
                forbid_headers: #fh,
                require_headers: #rh,
                body: #body,
                body_media_type: #media,
            },
        );
    }
}

fn neg(negative: bool, lit: TokenStream) -> TokenStream {
    if negative { quote!(-#lit) } else { lit }
}

/// The Rust expression of a value.
fn value(v: &Value) -> TokenStream {
    let w = quote!(::smithy_runtime::wire);
    match v {
        Value::String(s) => quote!(::std::string::String::from(#s)),
        Value::Bool(b) => quote!(#b),
        Value::Int { value, ty } => {
            let t = ident(ty);
            if *value == i64::MIN {
                return quote!(#t::MIN);
            }
            let lit: TokenStream = format!("{}{ty}", value.unsigned_abs())
                .parse()
                .unwrap_or_else(|_| quote!(0));
            neg(*value < 0, lit)
        }
        Value::Float { value, double } => {
            let t = if *double { quote!(f64) } else { quote!(f32) };
            if value.is_nan() {
                quote!(#t::NAN)
            } else if value.is_infinite() {
                if *value > 0.0 {
                    quote!(#t::INFINITY)
                } else {
                    quote!(#t::NEG_INFINITY)
                }
            } else {
                let lit = if *double {
                    Literal::f64_suffixed(value.abs())
                } else {
                    Literal::f32_suffixed(value.abs() as f32)
                };
                neg(*value < 0.0, quote!(#lit))
            }
        }
        Value::BigInteger(s) => {
            quote!(#w::BigInteger::new(#s).expect("the case's bigInteger"))
        }
        Value::BigDecimal(s) => {
            quote!(#w::BigDecimal::new(#s).expect("the case's bigDecimal"))
        }
        Value::Timestamp(secs) => {
            if secs.fract() == 0.0 && secs.abs() < 1e15 {
                let n = *secs as i64;
                let lit = Literal::i64_unsuffixed(n.abs());
                let n = neg(n < 0, quote!(#lit));
                quote!(#w::DateTime::from_secs(#n).expect("the case's timestamp"))
            } else {
                let lit = Literal::f64_suffixed(secs.abs());
                let n = neg(*secs < 0.0, quote!(#lit));
                quote!(#w::DateTime::from_secs_f64(#n).expect("the case's timestamp"))
            }
        }
        Value::Blob(b) => {
            let lit = Literal::byte_string(b);
            quote!(#lit.to_vec())
        }
        Value::Base64Blob(s) => quote!(#w::base64_decode(#s).expect("the default's base64")),
        Value::Document(d) => {
            let text = d.to_string();
            quote!(#w::serde_json::from_str::<#w::Document>(#text).expect("the case's document"))
        }
        Value::Enum {
            path: p,
            variant,
            unknown,
            raw,
            int,
        } => {
            let p = path(p);
            match variant {
                Some(v) => {
                    let v = ident(v);
                    quote!(#p::#v)
                }
                None => {
                    let u = ident(unknown);
                    if *int {
                        let n: i64 = raw.parse().unwrap_or_default();
                        let lit = Literal::i64_unsuffixed(n.abs());
                        let n = neg(n < 0, quote!(#lit));
                        quote!(#p::#u(#n))
                    } else {
                        quote!(#p::#u(::std::string::String::from(#raw)))
                    }
                }
            }
        }
        Value::Struct { path: p, fields } => {
            let p = path(p);
            let fields = fields.iter().map(|f| {
                let name = ident(&f.name);
                let v = match &f.value {
                    None => quote!(::std::option::Option::None),
                    Some(v) => {
                        let mut e = value(v);
                        if f.boxed {
                            e = quote!(::std::boxed::Box::new(#e));
                        }
                        if f.optional {
                            e = quote!(::std::option::Option::Some(#e));
                        }
                        e
                    }
                };
                quote!(#name: #v)
            });
            quote!(#p { #(#fields),* })
        }
        Value::Union {
            path: p,
            variant,
            value: inner,
            boxed,
        } => {
            let p = path(p);
            let var = ident(variant);
            match inner {
                None => quote!(#p::#var),
                Some(inner) => {
                    let mut e = value(inner);
                    if *boxed {
                        e = quote!(::std::boxed::Box::new(#e));
                    }
                    quote!(#p::#var(#e))
                }
            }
        }
        Value::List { items, sparse } => {
            let items = items.iter().map(|i| item(i.as_ref(), *sparse));
            quote!(::std::vec![#(#items),*])
        }
        Value::Map { entries, sparse } => {
            let entries = entries.iter().map(|(k, v)| {
                let v = item(v.as_ref(), *sparse);
                quote!((::std::string::String::from(#k), #v))
            });
            quote!(::std::collections::HashMap::from([#(#entries),*]))
        }
        Value::Zero(ty) => zero(ty),
    }
}

fn item(v: Option<&Value>, sparse: bool) -> TokenStream {
    match (v, sparse) {
        (Some(v), false) => value(v),
        (Some(v), true) => {
            let v = value(v);
            quote!(::std::option::Option::Some(#v))
        }
        (None, _) => quote!(::std::option::Option::None),
    }
}

fn zero(ty: &Ty) -> TokenStream {
    let w = quote!(::smithy_runtime::wire);
    match ty {
        Ty::String | Ty::MediaString(_) => quote!(::std::string::String::new()),
        Ty::Boolean => quote!(false),
        Ty::Float | Ty::Double => quote!(0.0),
        Ty::Timestamp(_) => quote!(#w::DateTime::UNIX_EPOCH),
        Ty::Blob(_) | Ty::List { .. } => quote!(::std::vec::Vec::new()),
        Ty::Map { .. } => quote!(::std::collections::HashMap::new()),
        Ty::Document => quote!(#w::Document::Null),
        _ => quote!(::std::default::Default::default()),
    }
}
