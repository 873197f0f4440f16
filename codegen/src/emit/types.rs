//! `src/types.rs`: structures, enums, unions, their builders, and modeled errors.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::{
    default_expr, docs, field_ty, ident, path, redacting_debug, request_id_field, rust_ty, value_ty,
};
use crate::ir::{Enum, Service, StructKind, Structure, Ty, Union};

pub(crate) fn types_rs(svc: &Service) -> TokenStream {
    let structs = svc.structures.iter().map(struct_def);
    let enums = svc.enums.iter().map(enum_def);
    let unions = svc.unions.iter().map(union_def);
    let builders = svc
        .structures
        .iter()
        .chain(&svc.errors)
        .map(|s| builder_def(s, &format!("{}Builder", s.name)));
    let errors = svc.errors.iter().map(struct_def);
    let error_docs = format!(
        " Modeled errors of {}: each is also a variant of the operations' error enums and of \
         [`crate::Error`].",
        svc.sdk_id
    );
    quote! {
        //! Data types of the service: structures, enums and unions; their builders are in
        //! [`builders`], modeled errors in [`error`].
        #(#structs)*
        #(#enums)*
        #(#unions)*
        /// Builders for the structures of [`crate::types`] and [`crate::types::error`].
        pub mod builders {
            #(#builders)*
        }
        #[doc = #error_docs]
        pub mod error {
            #(#errors)*
        }
    }
}

fn serde_attr() -> TokenStream {
    quote!(#[cfg_attr(feature = "serde", derive(::serde::Serialize, ::serde::Deserialize))])
}

/// Whether `Default` can be derived (every field is `Option` or defaults to its zero value).
fn derive_default(s: &Structure) -> bool {
    s.fields.iter().all(|f| !f.plain)
}

/// A structure definition with `builder()`, `Debug` and `Default` where possible; errors
/// also get `Display`, `std::error::Error`, `code()` and `message()`.
pub(crate) fn struct_def(s: &Structure) -> TokenStream {
    let name = format_ident!("{}", s.name);
    let doc = docs(&s.docs);
    let serde = serde_attr();
    let debug = if s.redacts() {
        redacting_debug(&s.name, &s.fields, s.sensitive)
    } else {
        quote!()
    };
    let mut derives = vec![quote!(Clone), quote!(PartialEq)];
    if !s.redacts() {
        derives.push(quote!(Debug));
    }
    let manual_default = if derive_default(s) {
        derives.push(quote!(Default));
        quote!()
    } else if s.defaultable() {
        let inits = s.fields.iter().map(|f| {
            let id = ident(&f.name);
            let v = match (&f.default, f.plain) {
                (Some(d), true) => {
                    let e = default_expr(&f.ty, d);
                    if f.boxed {
                        quote!(::std::boxed::Box::new(#e))
                    } else {
                        e
                    }
                }
                _ => quote!(::std::option::Option::None),
            };
            quote!(#id: #v)
        });
        let rid = request_id_field(s).map(|r| quote!(#r: ::std::option::Option::None,));
        quote! {
            impl ::std::default::Default for #name {
                fn default() -> Self {
                    Self { #(#inits,)* #rid }
                }
            }
        }
    } else {
        quote!()
    };
    let fields = s.fields.iter().map(|f| {
        let id = ident(&f.name);
        let t = field_ty(f);
        let d = docs(&f.docs);
        quote!(#d pub #id: #t)
    });
    let rid_field = request_id_field(s).map(|r| {
        quote! {
            /// The response's request id (`x-amzn-requestid`); a server sends its own.
            #[cfg_attr(feature = "serde", serde(skip))]
            pub #r: ::std::option::Option<::std::string::String>
        }
    });
    let fields = fields.chain(rid_field);
    let builder = format_ident!("{}Builder", s.name);
    let builder_path = match s.kind {
        // `types.rs` is `crate::types`, so its builders are `builders::…` from there.
        StructKind::Plain => quote!(builders::#builder),
        StructKind::Error { .. } => quote!(super::builders::#builder),
        _ => quote!(#builder),
    };
    let builder_doc = format!(" A builder for [`{}`].", s.name);
    // Outputs are plain data with public fields (and `Default` when every member is
    // optional): callers read them, and mocks or servers write them as struct literals.
    let builder_fn = if s.kind == StructKind::Output {
        quote!()
    } else {
        quote! {
            impl #name {
                #[doc = #builder_doc]
                pub fn builder() -> #builder_path {
                    ::std::default::Default::default()
                }
            }
        }
    };
    let error_impls = match &s.kind {
        StructKind::Error { code, .. } => {
            let rid = request_id_field(s);
            let code_doc = format!(" The error code, `{code}`.");
            let message = match s.message_field() {
                Some(f) if f.plain => {
                    let id = ident(&f.name);
                    quote!(::std::option::Option::Some(self.#id.as_str()))
                }
                Some(f) => {
                    let id = ident(&f.name);
                    quote!(self.#id.as_deref())
                }
                None => quote!(::std::option::Option::None),
            };
            quote! {
                impl #name {
                    /// The error code this error is matched by.
                    pub const CODE: &'static str = #code;
                    #[doc = #code_doc]
                    pub fn code(&self) -> &'static str {
                        Self::CODE
                    }
                    /// The error message, if the service sent one.
                    pub fn message(&self) -> ::std::option::Option<&str> {
                        #message
                    }
                    /// The service's request id, when the response carried one.
                    pub fn request_id(&self) -> ::std::option::Option<&str> {
                        self.#rid.as_deref()
                    }
                }
                impl ::std::fmt::Display for #name {
                    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                        ::smithy_runtime::error::write_code_message(f, Self::CODE, self.message())
                    }
                }
                impl ::std::error::Error for #name {}
                impl crate::error::ModeledError for #name {
                    fn code(&self) -> &'static str {
                        Self::CODE
                    }
                    fn message(&self) -> ::std::option::Option<&str> {
                        #name::message(self)
                    }
                    fn request_id(&self) -> ::std::option::Option<&str> {
                        #name::request_id(self)
                    }
                }
            }
        }
        _ => quote!(),
    };
    quote! {
        #doc
        #[derive(#(#derives),*)]
        #serde
        pub struct #name {
            #(#fields,)*
        }
        #builder_fn
        #manual_default
        #debug
        #error_impls
    }
}

/// The builder of structure `s`: setters, `set_*`, appenders for lists and maps, `build()`.
pub(crate) fn builder_def(s: &Structure, builder_name: &str) -> TokenStream {
    let builder = format_ident!("{}", builder_name);
    // Builders of `types.rs` live in `types::builders`, next to the types they build.
    let target = match s.kind {
        StructKind::Plain => path(&format!("super::{}", s.name)),
        StructKind::Error { .. } => path(&format!("super::error::{}", s.name)),
        _ => path(&s.path),
    };
    let doc = format!(" A builder for [`{}`].", s.path);
    let fields = s.fields.iter().map(|f| {
        let id = ident(&f.name);
        let t = rust_ty(&f.ty);
        quote!(pub(crate) #id: ::std::option::Option<#t>)
    });
    let setters = s
        .fields
        .iter()
        .map(|f| setters(f, &s.path, s.fields.len() == 1));
    let (derive_debug, debug) = if s.redacts() {
        let mut fake = s.fields.clone();
        for f in &mut fake {
            f.plain = false;
        }
        (quote!(), redacting_debug(builder_name, &fake, s.sensitive))
    } else {
        (quote!(Debug,), quote!())
    };
    let required: Vec<_> = s.required().collect();
    let assign = s.fields.iter().map(|f| {
        let id = ident(&f.name);
        if f.plain && f.default.is_none() && !f.boxed {
            return quote!(#id);
        }
        let v = if f.plain && f.default.is_none() {
            quote!(#id)
        } else if let Some(d) = f.default.as_ref().filter(|_| f.plain) {
            super::protocol::or_default(f, d, quote!(self.#id))
        } else {
            quote!(self.#id)
        };
        let v = match (f.boxed, f.plain) {
            (true, true) => quote!(::std::boxed::Box::new(#v)),
            (true, false) => quote!(#v.map(::std::boxed::Box::new)),
            _ => v,
        };
        quote!(#id: #v)
    });
    // A built error has no response yet, so no request id.
    let assign: Vec<TokenStream> = assign
        .chain(request_id_field(s).map(|r| quote!(#r: ::std::option::Option::None)))
        .collect();
    let shape_name = &s.name;
    // From `types::builders` the type needs its full path; operation builders sit beside it.
    let link = match s.kind {
        StructKind::Plain | StructKind::Error { .. } => format!("[`{}`]({})", s.name, s.path),
        _ => format!("[`{}`]", s.name),
    };
    let build = if required.is_empty() {
        let doc = format!(" Builds the {link}.");
        quote! {
            #[doc = #doc]
            pub fn build(self) -> #target {
                #target { #(#assign,)* }
            }
        }
    } else {
        let doc = format!(" Builds the {link}, or reports every required member that is unset.");
        let ids: Vec<_> = required.iter().map(|f| ident(&f.name)).collect();
        let labels: Vec<&str> = required
            .iter()
            .map(|f| f.name.trim_start_matches("r#"))
            .collect();
        quote! {
            #[doc = #doc]
            pub fn build(self) -> ::std::result::Result<#target, ::smithy_runtime::error::BuildError> {
                match (#(self.#ids,)*) {
                    (#(::std::option::Option::Some(#ids),)*) => ::std::result::Result::Ok(#target { #(#assign,)* }),
                    (#(#ids,)*) => ::std::result::Result::Err(::smithy_runtime::wire::missing(
                        #shape_name,
                        &[#((#labels, #ids.is_none())),*],
                    )),
                }
            }
        }
    };
    quote! {
        #[doc = #doc]
        #[derive(Clone, PartialEq, Default, #derive_debug)]
        pub struct #builder {
            #(#fields,)*
        }
        impl #builder {
            #(#setters)*
            #build
        }
        #debug
    }
}

/// The element type of a list or map (`Option<T>` when `@sparse`).
fn item_ty(item: &Ty, sparse: bool) -> TokenStream {
    let t = rust_ty(item);
    if sparse {
        quote!(::std::option::Option<#t>)
    } else {
        t
    }
}

/// Setter methods of one field (used by builders and, delegating, fluent builders).
fn setters(f: &crate::ir::Field, owner: &str, only_field: bool) -> TokenStream {
    let id = ident(&f.name);
    let bare = f.name.trim_start_matches("r#");
    let set = format_ident!("set_{}", bare);
    // The full documentation is on the structure field; setters link to it.
    let d = docs(&[format!("Sets [`{owner}::{bare}`].")]);
    let t = rust_ty(&f.ty);
    let set_doc = format!(" Sets or clears `{bare}`.");
    let main = match &f.ty {
        Ty::List { item, sparse } => {
            let it = item_ty(item, *sparse);
            let add_doc =
                format!(" Appends one item to `{bare}` (see [`Self::{set}`] to set all).");
            quote! {
                #[doc = #add_doc]
                pub fn #id(mut self, input: impl ::std::convert::Into<#it>) -> Self {
                    self.#id.get_or_insert_with(::std::vec::Vec::new).push(input.into());
                    self
                }
            }
        }
        Ty::Map { value, sparse } => {
            let v = item_ty(value, *sparse);
            let add_doc =
                format!(" Inserts one entry into `{bare}` (see [`Self::{set}`] to set all).");
            quote! {
                #[doc = #add_doc]
                pub fn #id(
                    mut self,
                    key: impl ::std::convert::Into<::std::string::String>,
                    value: impl ::std::convert::Into<#v>,
                ) -> Self {
                    self.#id
                        .get_or_insert_with(::std::collections::HashMap::new)
                        .insert(key.into(), value.into());
                    self
                }
            }
        }
        _ => quote! {
            #d
            pub fn #id(self, input: impl ::std::convert::Into<#t>) -> Self {
                self.#set(::std::option::Option::Some(input.into()))
            }
        },
    };
    let _ = value_ty;
    // prettyplease keeps `Self { f: input, ..self }` on one line only for short names.
    let set_fn = if only_field {
        quote! {
            pub fn #set(self, input: ::std::option::Option<#t>) -> Self {
                Self { #id: input }
            }
        }
    } else if bare.len() <= 11 {
        quote! {
            pub fn #set(self, input: ::std::option::Option<#t>) -> Self {
                Self { #id: input, ..self }
            }
        }
    } else {
        quote! {
            pub fn #set(mut self, input: ::std::option::Option<#t>) -> Self {
                self.#id = input;
                self
            }
        }
    };
    quote! {
        #main
        #[doc = #set_doc]
        #set_fn
    }
}

/// Delegating setters for a fluent builder whose input builder is in `self.inner`.
pub(crate) fn fluent_setters(s: &Structure) -> TokenStream {
    // Plain field assignment rather than a helper method: any helper name could clash with a
    // member's setter (a member named `map` did). (`self.inner = self.inner.x(..)` prints in 4
    // lines, a struct update in 6.)
    let out = s.fields.iter().map(|f| {
        let id = ident(&f.name);
        let bare = f.name.trim_start_matches("r#");
        let set = format_ident!("set_{}", bare);
        let owner = &s.path;
        let d = docs(&[format!("Sets [`{owner}::{bare}`].")]);
        let t = rust_ty(&f.ty);
        let set_doc = format!(" Sets or clears `{bare}`.");
        let main = match &f.ty {
            Ty::List { item, sparse } => {
                let it = item_ty(item, *sparse);
                let add_doc = format!(" Appends one item to [`{owner}::{bare}`].");
                quote! {
                    #[doc = #add_doc]
                    pub fn #id(mut self, input: impl ::std::convert::Into<#it>) -> Self {
                        self.inner = self.inner.#id(input);
                        self
                    }
                }
            }
            Ty::Map { value, sparse } => {
                let v = item_ty(value, *sparse);
                let add_doc = format!(" Inserts one entry into [`{owner}::{bare}`].");
                quote! {
                    #[doc = #add_doc]
                    pub fn #id(
                        mut self,
                        key: impl ::std::convert::Into<::std::string::String>,
                        value: impl ::std::convert::Into<#v>,
                    ) -> Self {
                        self.inner = self.inner.#id(key, value);
                        self
                    }
                }
            }
            _ => quote! {
                #d
                pub fn #id(mut self, input: impl ::std::convert::Into<#t>) -> Self {
                    self.inner = self.inner.#id(input);
                    self
                }
            },
        };
        quote! {
            #main
            #[doc = #set_doc]
            pub fn #set(mut self, input: ::std::option::Option<#t>) -> Self {
                self.inner = self.inner.#set(input);
                self
            }
        }
    });
    quote!(#(#out)*)
}

fn enum_def(e: &Enum) -> TokenStream {
    let name = format_ident!("{}", e.name);
    let doc = docs(&e.docs);
    let unknown = format_ident!("{}", e.unknown);
    let vnames: Vec<_> = e
        .variants
        .iter()
        .map(|v| format_ident!("{}", v.name))
        .collect();
    let vdocs: Vec<_> = e.variants.iter().map(|v| docs(&v.docs)).collect();
    let debug_derive = if e.sensitive {
        quote!()
    } else {
        quote!(Debug,)
    };
    let debug = if e.sensitive {
        quote! {
            impl ::std::fmt::Debug for #name {
                fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                    f.write_str("*** Sensitive Data Redacted ***")
                }
            }
        }
    } else {
        quote!()
    };
    if e.int {
        let values: Vec<i32> = e
            .variants
            .iter()
            .map(|v| v.value.parse().unwrap_or_default())
            .collect();
        return quote! {
            #doc
            #[derive(Clone, Copy, #debug_derive PartialEq, Eq, Hash, PartialOrd, Ord)]
            #[cfg_attr(feature = "serde", derive(::serde::Serialize, ::serde::Deserialize), serde(from = "i32", into = "i32"))]
            pub enum #name {
                #(#vdocs #vnames,)*
                /// A value this version of the crate does not know; it round-trips unchanged.
                #unknown(i32),
            }
            impl #name {
                /// The wire value.
                pub fn as_i32(&self) -> i32 {
                    match self {
                        #(Self::#vnames => #values,)*
                        Self::#unknown(v) => *v,
                    }
                }
                /// Every value the model defines.
                pub fn values() -> &'static [i32] {
                    &[#(#values),*]
                }
            }
            impl ::std::convert::From<i32> for #name {
                fn from(v: i32) -> Self {
                    match v {
                        #(#values => Self::#vnames,)*
                        other => Self::#unknown(other),
                    }
                }
            }
            impl ::std::convert::From<#name> for i32 {
                fn from(v: #name) -> i32 {
                    v.as_i32()
                }
            }
            impl ::std::str::FromStr for #name {
                type Err = ::std::num::ParseIntError;
                fn from_str(s: &str) -> ::std::result::Result<Self, Self::Err> {
                    s.trim().parse::<i32>().map(Self::from)
                }
            }
            impl ::std::fmt::Display for #name {
                fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                    write!(f, "{}", self.as_i32())
                }
            }
            #debug
        };
    }
    let values: Vec<&str> = e.variants.iter().map(|v| v.value.as_str()).collect();
    quote! {
        #doc
        #[derive(Clone, #debug_derive PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[cfg_attr(feature = "serde", derive(::serde::Serialize, ::serde::Deserialize), serde(from = "::std::string::String", into = "::std::string::String"))]
        pub enum #name {
            #(#vdocs #vnames,)*
            /// A value this version of the crate does not know; it round-trips unchanged.
            #unknown(::std::string::String),
        }
        impl #name {
            /// The wire value.
            pub fn as_str(&self) -> &str {
                match self {
                    #(Self::#vnames => #values,)*
                    Self::#unknown(v) => v.as_str(),
                }
            }
            /// Every value the model defines.
            pub fn values() -> &'static [&'static str] {
                &[#(#values),*]
            }
        }
        impl ::std::convert::From<&str> for #name {
            fn from(s: &str) -> Self {
                match s {
                    #(#values => Self::#vnames,)*
                    other => Self::#unknown(other.to_owned()),
                }
            }
        }
        impl ::std::convert::From<::std::string::String> for #name {
            fn from(s: ::std::string::String) -> Self {
                Self::from(s.as_str())
            }
        }
        impl ::std::convert::From<#name> for ::std::string::String {
            fn from(v: #name) -> ::std::string::String {
                v.as_str().to_owned()
            }
        }
        impl ::std::str::FromStr for #name {
            type Err = ::std::convert::Infallible;
            fn from_str(s: &str) -> ::std::result::Result<Self, Self::Err> {
                ::std::result::Result::Ok(Self::from(s))
            }
        }
        impl ::std::fmt::Display for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
        impl ::std::convert::AsRef<str> for #name {
            fn as_ref(&self) -> &str {
                self.as_str()
            }
        }
        #debug
    }
}

fn union_def(u: &Union) -> TokenStream {
    let name = format_ident!("{}", u.name);
    let doc = docs(&u.docs);
    let unknown = format_ident!("{}", u.unknown);
    let unknown_helper = format_ident!("{}", u.unknown_helper);
    let serde = serde_attr();
    let variants = u.variants.iter().map(|v| {
        let vn = format_ident!("{}", v.name);
        let d = docs(&v.docs);
        match &v.ty {
            Some(t) => {
                let t = rust_ty(t);
                let t = if v.boxed {
                    quote!(::std::boxed::Box<#t>)
                } else {
                    t
                };
                quote!(#d #vn(#t))
            }
            None => quote!(#d #vn),
        }
    });
    let helpers = u.variants.iter().map(|v| {
        let vn = format_ident!("{}", v.name);
        let is = format_ident!("is_{}", v.snake);
        let is_doc = format!(" True when this is the `{}` member.", v.member);
        match &v.ty {
            Some(t) => {
                let as_ = format_ident!("as_{}", v.snake);
                let t = rust_ty(t);
                let as_doc = format!(" The `{}` member, if that is the one set.", v.member);
                quote! {
                    #[doc = #is_doc]
                    pub fn #is(&self) -> bool {
                        matches!(self, Self::#vn(_))
                    }
                    #[doc = #as_doc]
                    pub fn #as_(&self) -> ::std::option::Option<&#t> {
                        match self {
                            Self::#vn(v) => ::std::option::Option::Some(v),
                            _ => ::std::option::Option::None,
                        }
                    }
                }
            }
            None => quote! {
                #[doc = #is_doc]
                pub fn #is(&self) -> bool {
                    matches!(self, Self::#vn)
                }
            },
        }
    });
    let (derive_debug, debug) = if u.sensitive {
        (
            quote!(),
            quote! {
                impl ::std::fmt::Debug for #name {
                    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                        f.write_str("*** Sensitive Data Redacted ***")
                    }
                }
            },
        )
    } else {
        (quote!(Debug,), quote!())
    };
    quote! {
        #doc
        #[derive(Clone, PartialEq, #derive_debug)]
        #serde
        pub enum #name {
            #(#variants,)*
            /// A member this version of the crate does not know (received only; it cannot be sent).
            #unknown,
        }
        impl #name {
            #(#helpers)*
            /// True when the member is one this version of the crate does not know.
            pub fn #unknown_helper(&self) -> bool {
                matches!(self, Self::#unknown)
            }
            /// The catch-all value, used when a required union is missing from a response.
            #[doc(hidden)]
            pub fn default_unknown() -> Self {
                Self::#unknown
            }
        }
        #debug
    }
}
