//! Routing a request to an operation by method, URI path pattern and required query literals.
//!
//! The matcher is written by hand rather than built on axum's router: axum's path syntax cannot
//! express a greedy label followed by more segments (`/a/{key+}/b`), nor routes that differ only
//! by a required query literal (`/tags?list` vs `/tags`), nor Smithy's precedence rules. Route
//! tables are small (tens of operations) and built once, so a ranked linear scan is enough.

use std::fmt;

use http::Method;

use super::request::QueryMap;
use crate::wire::encode;

/// One `/`-separated segment of an `@http` URI pattern.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Seg {
    /// A literal segment, matched exactly (after percent-decoding the request segment).
    Lit(&'static str),
    /// `{name}`: one non-empty segment, percent-decoded (`%2F` becomes `/`).
    Label(&'static str),
    /// `{name+}`: one or more segments, `/` included, percent-decoded. At most one per pattern.
    Greedy(&'static str),
}

/// What a request or response body holds; drives the `Content-Type` and `Accept` checks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BodyKind {
    /// No modeled body: a request must not send a `Content-Type`; no `Accept` check.
    None,
    /// A JSON document of the body members (`application/json`).
    Json,
    /// An `@httpPayload` member with this media type (`@mediaType`, or the implied
    /// `application/octet-stream` for blobs and `text/plain` for strings).
    Payload(&'static str),
}

impl BodyKind {
    /// The media type a body of this kind has, if it has one.
    pub fn media_type(self) -> Option<&'static str> {
        match self {
            BodyKind::None => None,
            BodyKind::Json => Some("application/json"),
            BodyKind::Payload(media_type) => Some(media_type),
        }
    }
}

/// One operation's route, as generated code declares it in a `static` table.
///
/// ```
/// use smithy_runtime::server::{BodyKind, RouteSpec, Seg};
/// const LIST_TAGS: RouteSpec = RouteSpec {
///     operation: "ListTagsForResource",
///     method: "GET",
///     path: &[Seg::Lit("tags"), Seg::Label("resourceArn")],
///     query: &[("list", None)],
///     input: BodyKind::None,
///     output: BodyKind::Json,
/// };
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RouteSpec {
    /// The operation's name, for messages.
    pub operation: &'static str,
    /// The HTTP method (`"GET"`, `"POST"`, …).
    pub method: &'static str,
    /// The path pattern's segments; `&[]` is the root `/`.
    pub path: &'static [Seg],
    /// Query literals of the pattern: `("list", None)` needs the key present (any value),
    /// `("type", Some("a"))` needs a `type=a` pair.
    pub query: &'static [(&'static str, Option<&'static str>)],
    /// What the request body holds.
    pub input: BodyKind,
    /// What a successful response body holds (for the `Accept` check).
    pub output: BodyKind,
}

/// A route table that cannot be used: it names the offending operation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RouteError {
    /// The operation whose route is wrong.
    pub operation: &'static str,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for RouteError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "route of operation {}: {}", self.operation, self.message)
    }
}

impl std::error::Error for RouteError {}

impl RouteError {
    /// A router answering every request with a 500 `InternalServerException` naming this
    /// error: what a generated `router()` returns for an unusable table instead of panicking.
    pub fn into_router(self) -> axum::Router {
        let message = format!("the server's route table is unusable: {self}");
        axum::Router::new().fallback(move || {
            let message = message.clone();
            async move { super::Rejection::internal(message) }
        })
    }
}

/// Why no operation was found for a request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RouteMiss {
    /// No route matches the path and query.
    NotFound,
    /// Routes match the path and query, but none with this method.
    MethodNotAllowed {
        /// The methods that would have matched, in route-table order.
        allowed: Vec<Method>,
    },
    /// A route matches but a label does not percent-decode to UTF-8.
    BadLabel(String),
}

/// A request matched to an operation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RouteMatch {
    /// Index of the operation's [`RouteSpec`] in the table given to [`Routes::new`].
    pub index: usize,
    /// Percent-decoded label values, by label name, in pattern order.
    pub labels: Vec<(&'static str, String)>,
}

#[derive(Debug)]
struct Compiled {
    index: usize,
    spec: RouteSpec,
    method: Method,
    /// Position of the greedy label in `spec.path`, if any.
    greedy: Option<usize>,
}

impl Compiled {
    fn literals(&self) -> usize {
        self.spec
            .path
            .iter()
            .filter(|s| matches!(s, Seg::Lit(_)))
            .count()
    }

    /// Precedence, most specific first: more literal segments, then no greedy label, then
    /// more query literals, then more segments.
    fn rank(
        &self,
    ) -> (
        std::cmp::Reverse<usize>,
        bool,
        std::cmp::Reverse<usize>,
        std::cmp::Reverse<usize>,
    ) {
        use std::cmp::Reverse;
        (
            Reverse(self.literals()),
            self.greedy.is_some(),
            Reverse(self.spec.query.len()),
            Reverse(self.spec.path.len()),
        )
    }
}

/// A route table, built once from the generated [`RouteSpec`]s and checked for mistakes.
#[derive(Debug)]
pub struct Routes {
    specs: Vec<RouteSpec>,
    /// Compiled routes in precedence order.
    ranked: Vec<Compiled>,
}

impl Routes {
    /// Builds the table. Fails on an unknown method, a malformed pattern (empty literal or label
    /// name, two greedy labels, a repeated label name) or two routes that no request could tell
    /// apart (same method, same pattern shape, same query literals).
    pub fn new(specs: &[RouteSpec]) -> Result<Routes, RouteError> {
        let mut ranked = Vec::with_capacity(specs.len());
        for (index, spec) in specs.iter().enumerate() {
            let err = |message: String| RouteError {
                operation: spec.operation,
                message,
            };
            let method = Method::from_bytes(spec.method.as_bytes())
                .map_err(|_| err(format!("`{}` is not an HTTP method", spec.method)))?;
            let mut greedy = None;
            let mut names: Vec<&str> = Vec::new();
            for (i, seg) in spec.path.iter().enumerate() {
                match seg {
                    Seg::Lit(lit) => {
                        if lit.is_empty() || lit.contains('/') {
                            return Err(err(format!(
                                "literal segment `{lit}` is empty or has a `/`"
                            )));
                        }
                    }
                    Seg::Label(name) | Seg::Greedy(name) => {
                        if name.is_empty() {
                            return Err(err("a label has an empty name".into()));
                        }
                        if names.contains(name) {
                            return Err(err(format!("label `{name}` appears twice")));
                        }
                        names.push(name);
                        if matches!(seg, Seg::Greedy(_)) {
                            if greedy.is_some() {
                                return Err(err("more than one greedy label".into()));
                            }
                            greedy = Some(i);
                        }
                    }
                }
            }
            if spec.query.iter().any(|(k, _)| k.is_empty()) {
                return Err(err("a query literal has an empty key".into()));
            }
            ranked.push(Compiled {
                index,
                spec: *spec,
                method,
                greedy,
            });
        }
        for (i, a) in ranked.iter().enumerate() {
            for b in &ranked[..i] {
                if a.method == b.method && same_shape(&a.spec, &b.spec) {
                    return Err(RouteError {
                        operation: a.spec.operation,
                        message: format!(
                            "{} {} cannot be told apart from operation {}",
                            a.spec.method,
                            display_pattern(&a.spec),
                            b.spec.operation
                        ),
                    });
                }
            }
        }
        // Stable sort: equal ranks keep table order, so matching is deterministic.
        ranked.sort_by_key(Compiled::rank);
        Ok(Routes {
            specs: specs.to_vec(),
            ranked,
        })
    }

    /// The route specs, in the order given to [`Routes::new`].
    pub fn specs(&self) -> &[RouteSpec] {
        &self.specs
    }

    /// Finds the operation for a request: the most specific route whose path, query literals
    /// and method match. `path` is the raw (still percent-encoded) URI path.
    pub fn find(
        &self,
        method: &Method,
        path: &str,
        query: &QueryMap,
    ) -> Result<RouteMatch, RouteMiss> {
        let Some(rest) = path.strip_prefix('/') else {
            return Err(RouteMiss::NotFound);
        };
        let segments: Vec<&str> = if rest.is_empty() {
            Vec::new()
        } else {
            rest.split('/').collect()
        };
        let mut allowed = Vec::new();
        for route in &self.ranked {
            let Some(raw_labels) = match_path(route, &segments) else {
                continue;
            };
            if !query_matches(route.spec.query, query) {
                continue;
            }
            if route.method != *method {
                if !allowed.contains(&route.method) {
                    allowed.push(route.method.clone());
                }
                continue;
            }
            let mut labels = Vec::with_capacity(raw_labels.len());
            for (name, raw) in raw_labels {
                let value = encode::decode(&raw)
                    .map_err(|e| RouteMiss::BadLabel(format!("label `{name}`: {e}")))?;
                labels.push((name, value));
            }
            return Ok(RouteMatch {
                index: route.index,
                labels,
            });
        }
        if allowed.is_empty() {
            Err(RouteMiss::NotFound)
        } else {
            Err(RouteMiss::MethodNotAllowed { allowed })
        }
    }
}

/// Matches the path segments; returns the raw (encoded) label values.
fn match_path(route: &Compiled, segments: &[&str]) -> Option<Vec<(&'static str, String)>> {
    let pattern = route.spec.path;
    let mut labels = Vec::new();
    match route.greedy {
        None => {
            if pattern.len() != segments.len() {
                return None;
            }
            for (seg, actual) in pattern.iter().zip(segments) {
                match_one(seg, actual, &mut labels)?;
            }
        }
        Some(g) => {
            let (before, after) = (&pattern[..g], &pattern[g + 1..]);
            // The greedy label takes at least one segment.
            if segments.len() < before.len() + after.len() + 1 {
                return None;
            }
            let tail_start = segments.len() - after.len();
            for (seg, actual) in before.iter().zip(&segments[..before.len()]) {
                match_one(seg, actual, &mut labels)?;
            }
            let greedy = segments[before.len()..tail_start].join("/");
            if greedy.is_empty() {
                return None;
            }
            let Seg::Greedy(name) = pattern[g] else {
                return None;
            };
            labels.push((name, greedy));
            for (seg, actual) in after.iter().zip(&segments[tail_start..]) {
                match_one(seg, actual, &mut labels)?;
            }
        }
    }
    Some(labels)
}

fn match_one(seg: &Seg, actual: &str, labels: &mut Vec<(&'static str, String)>) -> Option<()> {
    match seg {
        Seg::Lit(lit) => {
            // Clients may percent-encode characters of a literal (`:` as `%3A`); only then is
            // decoding (an allocation per route tried) worth it.
            let equal = *lit == actual
                || (actual.contains('%') && encode::decode(actual).is_ok_and(|d| d == *lit));
            equal.then_some(())
        }
        Seg::Label(name) | Seg::Greedy(name) => {
            if actual.is_empty() {
                return None;
            }
            labels.push((name, actual.to_string()));
            Some(())
        }
    }
}

fn query_matches(required: &[(&str, Option<&str>)], query: &QueryMap) -> bool {
    required.iter().all(|(key, value)| match value {
        None => query.contains(key),
        Some(v) => query.get_all(key).any(|actual| actual == *v),
    })
}

/// Same method aside, would every request matching one route also match the other?
fn same_shape(a: &RouteSpec, b: &RouteSpec) -> bool {
    let seg_eq = |x: &Seg, y: &Seg| match (x, y) {
        (Seg::Lit(p), Seg::Lit(q)) => p == q,
        (Seg::Label(_), Seg::Label(_)) | (Seg::Greedy(_), Seg::Greedy(_)) => true,
        _ => false,
    };
    let mut qa: Vec<_> = a.query.to_vec();
    let mut qb: Vec<_> = b.query.to_vec();
    qa.sort();
    qb.sort();
    a.path.len() == b.path.len() && a.path.iter().zip(b.path).all(|(x, y)| seg_eq(x, y)) && qa == qb
}

/// The pattern as the `@http` trait writes it, for messages.
pub(crate) fn display_pattern(spec: &RouteSpec) -> String {
    let mut out = String::new();
    for seg in spec.path {
        out.push('/');
        match seg {
            Seg::Lit(l) => out.push_str(l),
            Seg::Label(n) => {
                out.push('{');
                out.push_str(n);
                out.push('}');
            }
            Seg::Greedy(n) => {
                out.push('{');
                out.push_str(n);
                out.push_str("+}");
            }
        }
    }
    if out.is_empty() {
        out.push('/');
    }
    for (i, (k, v)) in spec.query.iter().enumerate() {
        out.push(if i == 0 { '?' } else { '&' });
        out.push_str(k);
        if let Some(v) = v {
            out.push('=');
            out.push_str(v);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const fn route(
        operation: &'static str,
        method: &'static str,
        path: &'static [Seg],
    ) -> RouteSpec {
        RouteSpec {
            operation,
            method,
            path,
            query: &[],
            input: BodyKind::None,
            output: BodyKind::Json,
        }
    }

    #[test]
    fn rejects_bad_tables() {
        let bad = |specs: &[RouteSpec]| Routes::new(specs).unwrap_err().to_string();
        assert_eq!(
            bad(&[route("A", "GE T", &[])]),
            "route of operation A: `GE T` is not an HTTP method"
        );
        assert!(
            bad(&[route("A", "GET", &[Seg::Greedy("a"), Seg::Greedy("b")])])
                .contains("more than one greedy")
        );
        assert!(
            bad(&[route("A", "GET", &[Seg::Label("a"), Seg::Label("a")])])
                .contains("appears twice")
        );
        assert!(bad(&[route("A", "GET", &[Seg::Lit("")])]).contains("empty"));
        let clash = bad(&[
            route("A", "GET", &[Seg::Lit("x"), Seg::Label("a")]),
            route("B", "GET", &[Seg::Lit("x"), Seg::Label("b")]),
        ]);
        assert_eq!(
            clash,
            "route of operation B: GET /x/{b} cannot be told apart from operation A"
        );
        // Same pattern with another method, or another query literal, is fine.
        let mut with_query = route("B", "GET", &[Seg::Lit("x"), Seg::Label("b")]);
        with_query.query = &[("list", None)];
        assert!(
            Routes::new(&[
                route("A", "GET", &[Seg::Lit("x"), Seg::Label("a")]),
                route("C", "PUT", &[Seg::Lit("x"), Seg::Label("c")]),
                with_query,
            ])
            .is_ok()
        );
    }

    type Labels = Vec<(&'static str, String)>;

    fn op(routes: &Routes, method: &str, uri: &str) -> Result<(&'static str, Labels), RouteMiss> {
        let (path, query) = uri.split_once('?').unwrap_or((uri, ""));
        let m = routes.find(
            &Method::from_bytes(method.as_bytes()).unwrap(),
            path,
            &QueryMap::parse(query).unwrap(),
        )?;
        Ok((routes.specs()[m.index].operation, m.labels))
    }

    #[test]
    fn precedence_does_not_depend_on_table_order() {
        let mut list = route("List", "GET", &[Seg::Lit("files"), Seg::Label("name")]);
        list.query = &[("list", None)];
        let table = [
            route("Greedy", "GET", &[Seg::Lit("files"), Seg::Greedy("path")]),
            route("Label", "GET", &[Seg::Lit("files"), Seg::Label("name")]),
            route("Literal", "GET", &[Seg::Lit("files"), Seg::Lit("index")]),
            list,
        ];
        let mut reversed = table;
        reversed.reverse();
        for specs in [&table, &reversed] {
            let routes = Routes::new(specs).unwrap();
            let label = |v: &str| vec![("name", v.to_string())];
            assert_eq!(
                op(&routes, "GET", "/files/index").unwrap(),
                ("Literal", vec![])
            );
            assert_eq!(
                op(&routes, "GET", "/files/a").unwrap(),
                ("Label", label("a"))
            );
            assert_eq!(
                op(&routes, "GET", "/files/a?list").unwrap(),
                ("List", label("a"))
            );
            assert_eq!(
                op(&routes, "GET", "/files/a/b").unwrap(),
                ("Greedy", vec![("path", "a/b".to_string())])
            );
            assert_eq!(
                op(&routes, "POST", "/files/a"),
                Err(RouteMiss::MethodNotAllowed {
                    allowed: vec![Method::GET]
                })
            );
            assert_eq!(op(&routes, "GET", "/other"), Err(RouteMiss::NotFound));
            assert_eq!(op(&routes, "GET", "files/a"), Err(RouteMiss::NotFound));
        }
    }

    #[test]
    fn root_and_greedy_suffix_patterns() {
        let routes = Routes::new(&[
            route("Root", "GET", &[]),
            route(
                "Mid",
                "GET",
                &[
                    Seg::Label("bucket"),
                    Seg::Greedy("key"),
                    Seg::Lit("acl"),
                    Seg::Label("v"),
                ],
            ),
        ])
        .unwrap();
        assert_eq!(op(&routes, "GET", "/").unwrap(), ("Root", vec![]));
        assert_eq!(
            op(&routes, "GET", "/b/x/y/z/acl/1").unwrap(),
            (
                "Mid",
                vec![
                    ("bucket", "b".to_string()),
                    ("key", "x/y/z".to_string()),
                    ("v", "1".to_string())
                ]
            )
        );
        // The greedy label must take at least one segment.
        assert_eq!(op(&routes, "GET", "/b/acl/1"), Err(RouteMiss::NotFound));
        // An encoded literal still matches; an undecodable label is reported.
        assert_eq!(op(&routes, "GET", "/b/k/%61cl/1").unwrap().0, "Mid");
        assert!(
            matches!(op(&routes, "GET", "/%FF/k/acl/1"), Err(RouteMiss::BadLabel(m)) if m.contains("bucket"))
        );
    }

    #[test]
    fn displays_patterns() {
        let mut spec = route(
            "A",
            "GET",
            &[Seg::Lit("a"), Seg::Label("b"), Seg::Greedy("c")],
        );
        spec.query = &[("list", None), ("type", Some("x"))];
        assert_eq!(display_pattern(&spec), "/a/{b}/{c+}?list&type=x");
        assert_eq!(display_pattern(&route("R", "GET", &[])), "/");
    }
}
