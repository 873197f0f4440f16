//! What endpoint resolution adds to a generated crate: the compact rule set in `SERVICE`, and
//! per operation the endpoint parameters it passes to `Handle::send_with_endpoint_params`.
//! Operations without parameters call `Handle::send`, whose endpoint is resolved once per
//! client.

use proc_macro2::TokenStream;
use quote::quote;
use serde_json::Value;

use super::ident;
use crate::endpoint::ParamSource;
use crate::ir::{Operation, Service, Ty};

/// The `endpoint_rules` field value: the compact rule set as a raw string (JSON reads as
/// itself, no `\"` escapes), `""` without one.
pub(crate) fn rules_literal(svc: &Service) -> TokenStream {
    let text = svc.endpoint_rules.as_deref().unwrap_or("");
    if text.is_empty() {
        return quote!("");
    }
    // Enough `#`s that the text cannot close the literal early.
    let mut hashes = String::from("#");
    while text.contains(&format!("\"{hashes}")) {
        hashes.push('#');
    }
    format!("r{hashes}\"{text}\"{hashes}")
        .parse()
        .unwrap_or_else(|_| quote!(#text))
}

/// `handle.send(request).await?`, or with the operation's endpoint parameters.
pub(crate) fn send_call(op: &Operation) -> TokenStream {
    let params: Vec<TokenStream> = op
        .endpoint_params
        .iter()
        .filter_map(|p| {
            let name = &p.name;
            let value = param_value(op, &p.source)?;
            Some(quote!((#name, ::smithy_runtime::client::endpoint::param(#value))))
        })
        .collect();
    if params.is_empty() {
        quote!(handle.send(request).await?)
    } else {
        quote!(handle.send_with_endpoint_params(request, &[#(#params),*]).await?)
    }
}

/// The expression giving a parameter's value; `None` for a source the generated code cannot
/// read (a member of an unsupported type, or an `@operationContextParams` path with
/// projections, which only the engine's test runner evaluates so far).
fn param_value(op: &Operation, source: &ParamSource) -> Option<TokenStream> {
    let member = match source {
        ParamSource::Static(Value::String(s)) => return Some(quote!(#s)),
        ParamSource::Static(Value::Bool(b)) => return Some(quote!(#b)),
        ParamSource::Static(Value::Array(items)) => {
            let items: Option<Vec<&str>> = items.iter().map(Value::as_str).collect();
            let items = items?;
            return Some(quote!(&::std::vec![#(#items.to_string()),*]));
        }
        ParamSource::Static(_) => return None,
        ParamSource::Member(m) => m.as_str(),
        ParamSource::Path(p) if p.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') => {
            p.as_str()
        }
        ParamSource::Path(_) => return None,
    };
    let field = op.input.fields.iter().find(|f| f.member == member)?;
    let id = ident(&field.name);
    match &field.ty {
        Ty::String | Ty::Boolean => Some(quote!(&input.#id)),
        Ty::List {
            item,
            sparse: false,
        } if **item == Ty::String => Some(quote!(&input.#id)),
        Ty::Enum(_) if field.plain => Some(quote!(input.#id.as_str())),
        Ty::Enum(_) => Some(quote!(input.#id.as_ref().map(|v| v.as_str()))),
        _ => None,
    }
}
