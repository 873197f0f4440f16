//! Endpoint rules, lowered once: the service's `smithy.rules#endpointRuleSet` in the compact
//! form generated crates embed, and each operation's endpoint parameters
//! (`@staticContextParams`, `@contextParam`, `@operationContextParams`). The emitter prints
//! these; `cargo xtask corpus --endpoint-tests` applies the same mapping to the
//! `operationInputs` of the models' `endpointTests` ([`apply`]).

use serde_json::{Map, Value};
use smithy_model::{Model, ShapeId};

/// The trait holding a service's rule set.
pub const RULE_SET_TRAIT: &str = "smithy.rules#endpointRuleSet";
/// The trait holding a service's endpoint test cases.
pub const TESTS_TRAIT: &str = "smithy.rules#endpointTests";

/// Where an operation's endpoint parameter gets its value.
#[derive(Clone, Debug, PartialEq)]
pub enum ParamSource {
    /// `@staticContextParams`: a constant (string or boolean, or a list of strings).
    Static(Value),
    /// `@contextParam` on the input member with this Smithy name.
    Member(String),
    /// `@operationContextParams`: a path into the input (`Delete.Objects[*].Key`,
    /// `keys(Tags)`), in the JMESPath subset the trait allows.
    Path(String),
}

/// One endpoint parameter an operation sets.
#[derive(Clone, Debug, PartialEq)]
pub struct ContextParam {
    /// The rule set's parameter name.
    pub name: String,
    /// Where the value comes from.
    pub source: ParamSource,
}

/// The rule set of `service`, if its model has one.
pub fn rule_set<'m>(model: &'m Model, service: &ShapeId) -> Option<&'m Value> {
    model.shape(service)?.traits.get(RULE_SET_TRAIT)
}

/// The rule set as generated crates embed it: minified JSON without `documentation` (the
/// engine ignores it): ivschat's rule set (8.8 kB pretty, 3.5 kB minified) becomes 3.0 kB.
pub fn compact(rule_set: &Value) -> String {
    fn strip(v: &Value) -> Value {
        match v {
            Value::Object(map) => Value::Object(
                map.iter()
                    .filter(|(k, _)| k.as_str() != "documentation")
                    .map(|(k, v)| (k.clone(), strip(v)))
                    .collect::<Map<String, Value>>(),
            ),
            Value::Array(items) => Value::Array(items.iter().map(strip).collect()),
            other => other.clone(),
        }
    }
    strip(rule_set).to_string()
}

/// The endpoint parameters operation `op` sets, in this order: static ones, then input
/// members, then input paths (a later one of the same name wins when applied).
pub fn operation_params(model: &Model, op: &ShapeId) -> Vec<ContextParam> {
    let mut out = Vec::new();
    let Some(shape) = model.shape(op) else {
        return out;
    };
    if let Some(Value::Object(statics)) = shape.traits.get("smithy.rules#staticContextParams") {
        for (name, spec) in statics {
            if let Some(v) = spec.get("value") {
                out.push(ContextParam {
                    name: name.clone(),
                    source: ParamSource::Static(v.clone()),
                });
            }
        }
    }
    if let Some(input) = shape.as_operation().and_then(|o| model.shape(&o.input)) {
        for m in input.members() {
            if let Some(name) = m
                .traits
                .get("smithy.rules#contextParam")
                .and_then(|v| v.get("name"))
                .and_then(Value::as_str)
            {
                out.push(ContextParam {
                    name: name.to_string(),
                    source: ParamSource::Member(m.name.clone()),
                });
            }
        }
    }
    if let Some(Value::Object(paths)) = shape.traits.get("smithy.rules#operationContextParams") {
        for (name, spec) in paths {
            if let Some(p) = spec.get("path").and_then(Value::as_str) {
                out.push(ContextParam {
                    name: name.clone(),
                    source: ParamSource::Path(p.to_string()),
                });
            }
        }
    }
    out
}

/// The values `params` take for an operation input given as JSON (Smithy member names as
/// keys, as in `endpointTests` `operationParams`); parameters without a value are left out.
pub fn apply(params: &[ContextParam], input: &Value) -> Vec<(String, Value)> {
    let mut out: Vec<(String, Value)> = Vec::new();
    for p in params {
        let v = match &p.source {
            ParamSource::Static(v) => Some(v.clone()),
            ParamSource::Member(m) => input.get(m).filter(|v| !v.is_null()).cloned(),
            ParamSource::Path(path) => eval_path(path, input),
        };
        if let Some(v) = v {
            out.retain(|(n, _)| *n != p.name);
            out.push((p.name.clone(), v));
        }
    }
    out
}

/// Evaluates the JMESPath subset of `@operationContextParams`: `a.b`, projections `a[*].b`,
/// multiselect lists `a[*][b, c.d]`, flattening `[]`, and `keys(a)`. A projection collects the
/// strings it reaches into a list (nulls and other values dropped, as JMESPath projections do).
pub fn eval_path(path: &str, input: &Value) -> Option<Value> {
    let path = path.trim();
    if let Some(inner) = path.strip_prefix("keys(").and_then(|p| p.strip_suffix(')')) {
        let target = eval_path(inner, input)?;
        let keys = target.as_object()?.keys().cloned().map(Value::String);
        return Some(Value::Array(keys.collect()));
    }
    let steps = parse_steps(path)?;
    let (current, projected) = eval_steps(&steps, input);
    if projected {
        let strings: Vec<Value> = current.into_iter().filter(Value::is_string).collect();
        Some(Value::Array(strings))
    } else {
        current.into_iter().next()
    }
}

/// One step of a path.
#[derive(Debug)]
enum Step {
    /// `.name` (or the leading name).
    Field(String),
    /// `[*]`.
    Wildcard,
    /// `[]`.
    Flatten,
    /// `[a, b.c]`.
    Multi(Vec<Vec<Step>>),
}

/// Parses a path into steps; `None` for anything outside the subset.
fn parse_steps(path: &str) -> Option<Vec<Step>> {
    let chars: Vec<char> = path.chars().collect();
    let mut at = 0;
    let steps = parse_chain(&chars, &mut at)?;
    (at == chars.len()).then_some(steps)
}

fn parse_chain(c: &[char], at: &mut usize) -> Option<Vec<Step>> {
    let mut steps = Vec::new();
    let skip_ws = |at: &mut usize| {
        while c.get(*at).is_some_and(|ch| ch.is_whitespace()) {
            *at += 1;
        }
    };
    loop {
        skip_ws(at);
        match c.get(*at) {
            Some(ch) if ch.is_alphanumeric() || *ch == '_' => {
                let start = *at;
                while c
                    .get(*at)
                    .is_some_and(|ch| ch.is_alphanumeric() || *ch == '_')
                {
                    *at += 1;
                }
                steps.push(Step::Field(c[start..*at].iter().collect()));
            }
            Some('.') if !steps.is_empty() => *at += 1,
            Some('[') => {
                *at += 1;
                skip_ws(at);
                match c.get(*at) {
                    Some('*') if c.get(*at + 1) == Some(&']') => {
                        *at += 2;
                        steps.push(Step::Wildcard);
                    }
                    Some(']') => {
                        *at += 1;
                        steps.push(Step::Flatten);
                    }
                    _ => {
                        let mut items = Vec::new();
                        loop {
                            items.push(parse_chain(c, at)?);
                            skip_ws(at);
                            match c.get(*at) {
                                Some(',') => *at += 1,
                                Some(']') => {
                                    *at += 1;
                                    break;
                                }
                                _ => return None,
                            }
                        }
                        steps.push(Step::Multi(items));
                    }
                }
            }
            _ => break,
        }
    }
    (!steps.is_empty()).then_some(steps)
}

/// The values `steps` reach from `input`, and whether a projection spread them.
fn eval_steps(steps: &[Step], input: &Value) -> (Vec<Value>, bool) {
    let mut current = vec![input.clone()];
    let mut projected = false;
    for step in steps {
        let mut next = Vec::new();
        for v in current.iter().filter(|v| !v.is_null()) {
            match step {
                Step::Field(name) => {
                    if let Some(f) = v.get(name).filter(|f| !f.is_null()) {
                        next.push(f.clone());
                    }
                }
                Step::Wildcard => {
                    if let Value::Array(items) = v {
                        next.extend(items.iter().cloned());
                    }
                }
                Step::Flatten => match v {
                    Value::Array(items) => next.extend(items.iter().cloned()),
                    other => next.push(other.clone()),
                },
                Step::Multi(items) => next.push(Value::Array(
                    items
                        .iter()
                        .map(|item| {
                            let (vals, proj) = eval_steps(item, v);
                            if proj {
                                Value::Array(vals)
                            } else {
                                vals.into_iter().next().unwrap_or(Value::Null)
                            }
                        })
                        .collect(),
                )),
            }
        }
        projected |= matches!(step, Step::Wildcard | Step::Flatten);
        current = next;
    }
    (current, projected)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn paths_follow_members_projections_and_keys() {
        let input = json!({
            "Bucket": "b",
            "Delete": {"Objects": [{"Key": "k1"}, {"Key": "k2"}, {"Other": 1}]},
            "Tags": {"a": 1, "b": 2},
            "Nested": {"List": ["x", "y"]}
        });
        assert_eq!(eval_path("Bucket", &input), Some(json!("b")));
        assert_eq!(
            eval_path("Delete.Objects[*].Key", &input),
            Some(json!(["k1", "k2"]))
        );
        assert_eq!(eval_path("keys(Tags)", &input), Some(json!(["a", "b"])));
        // A multiselect list per item, flattened (Smithy's rules-engine `ListOfUnions` case).
        let unions = json!({"l": [{"s": "k1"}, {"o": {"k": "k2"}}, {"s": "k3", "o": {"k": "k4"}}]});
        assert_eq!(
            eval_path("l[*][s, o.k][]", &unions),
            Some(json!(["k1", "k2", "k3", "k4"]))
        );
        assert_eq!(eval_path("l[*].o.k", &unions), Some(json!(["k2", "k4"])));
        assert_eq!(eval_path("l[*][s", &unions), None);
        assert_eq!(eval_path("Nested.List", &input), Some(json!(["x", "y"])));
        assert_eq!(eval_path("Missing.Key", &input), None);
        assert_eq!(eval_path("Missing[*].Key", &input), Some(json!([])));
    }

    #[test]
    fn apply_orders_static_then_members_and_skips_unset() {
        let params = vec![
            ContextParam {
                name: "UseArnRegion".into(),
                source: ParamSource::Static(json!(true)),
            },
            ContextParam {
                name: "Bucket".into(),
                source: ParamSource::Member("Bucket".into()),
            },
            ContextParam {
                name: "Key".into(),
                source: ParamSource::Member("Key".into()),
            },
        ];
        let got = apply(&params, &json!({"Bucket": "b", "Key": null}));
        assert_eq!(
            got,
            vec![
                ("UseArnRegion".to_string(), json!(true)),
                ("Bucket".to_string(), json!("b"))
            ]
        );
    }

    #[test]
    fn compact_drops_documentation_only() {
        let rs = json!({"version": "1.0", "parameters": {"Region": {"type": "String", "documentation": "d"}},
            "rules": [{"documentation": "x", "conditions": [], "error": "documentation", "type": "error"}]});
        assert_eq!(
            compact(&rs),
            r#"{"version":"1.0","parameters":{"Region":{"type":"String"}},"rules":[{"conditions":[],"error":"documentation","type":"error"}]}"#
        );
    }
}
