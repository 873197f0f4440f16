//! `cargo xtask corpus --endpoint-tests`: every `smithy.rules#endpointTests` case of every
//! model, run against the runtime's rules engine (`smithy_runtime::client::endpoint`) with the
//! rule set in the compact form generated crates embed. No crate is built per model.
//!
//! A case passes when its `params` resolve to the expected URL, headers and properties (or to
//! the expected error message), and each of its `operationInputs` does too, with the
//! operation's endpoint parameters mapped by `smithy_codegen::endpoint` (the same lowering
//! the generated clients use), `builtInParams` by built-in name and `clientParams` by name.

use std::path::Path;

use serde_json::Value as Json;
use smithy_codegen::endpoint as lowering;
use smithy_runtime::client::endpoint::{Partitions, ResolvedEndpoint, RuleSet, Value};

/// The outcome of one model's cases.
#[derive(Debug, Default)]
pub struct ModelOutcome {
    /// The model's file name without `.json`.
    pub name: String,
    /// Test cases.
    pub cases: usize,
    /// Cases that passed.
    pub passed: usize,
    /// One line per failed case (documentation and what differed).
    pub failures: Vec<String>,
}

/// Runs the endpoint tests of the model at `path`; `Err` when the model or its rule set
/// cannot be read.
pub fn run_model(name: &str, path: &Path, partitions: &Partitions) -> Result<ModelOutcome, String> {
    let model = crate::corpus::load_model(path)?;
    let service = smithy_codegen::select_service(&model, None).map_err(|e| e.to_string())?;
    let mut out = ModelOutcome {
        name: name.to_string(),
        ..ModelOutcome::default()
    };
    let cases = model
        .shape(&service)
        .and_then(|s| s.traits.get(lowering::TESTS_TRAIT))
        .and_then(|t| t.get("testCases"))
        .and_then(Json::as_array)
        .cloned()
        .unwrap_or_default();
    out.cases = cases.len();
    if cases.is_empty() {
        return Ok(out);
    }
    let Some(rules_json) = lowering::rule_set(&model, &service) else {
        out.failures.push(format!(
            "{} test cases but no endpoint rule set",
            cases.len()
        ));
        return Ok(out);
    };
    let rules = RuleSet::parse(&lowering::compact(rules_json)).map_err(|e| e.to_string())?;
    for (i, case) in cases.iter().enumerate() {
        let doc = case
            .get("documentation")
            .and_then(Json::as_str)
            .map(str::to_string)
            .unwrap_or_else(|| format!("case {i}"));
        match run_case(&model, &service, &rules, partitions, case) {
            Ok(()) => out.passed += 1,
            Err(why) => out.failures.push(format!("{doc}: {why}")),
        }
    }
    Ok(out)
}

fn values_from(obj: Option<&Json>) -> Vec<(String, Value)> {
    obj.and_then(Json::as_object)
        .map(|m| {
            m.iter()
                .filter_map(|(k, v)| Value::from_json(v).map(|v| (k.clone(), v)))
                .collect()
        })
        .unwrap_or_default()
}

fn run_case(
    model: &smithy_model::Model,
    service: &smithy_model::ShapeId,
    rules: &RuleSet,
    partitions: &Partitions,
    case: &Json,
) -> Result<(), String> {
    let expect = case.get("expect").ok_or("no `expect`")?;
    let params = values_from(case.get("params"));
    let by_name = |_: usize, p: &smithy_runtime::client::endpoint::Param| {
        params
            .iter()
            .find(|(n, _)| *n == p.name)
            .map(|(_, v)| v.clone())
    };
    check(rules.resolve(&by_name, partitions), expect).map_err(|e| format!("params: {e}"))?;
    let inputs = case
        .get("operationInputs")
        .and_then(Json::as_array)
        .cloned()
        .unwrap_or_default();
    for input in &inputs {
        let op_name = input
            .get("operationName")
            .and_then(Json::as_str)
            .ok_or("operationInputs entry without operationName")?;
        let op = model
            .operations_of(service)
            .into_iter()
            .find(|o| o.name() == op_name)
            .ok_or_else(|| format!("operation {op_name} is not in the service"))?;
        let op_params = lowering::operation_params(model, &op);
        let op_values = lowering::apply(
            &op_params,
            input.get("operationParams").unwrap_or(&Json::Null),
        );
        let op_values: Vec<(String, Value)> = op_values
            .into_iter()
            .filter_map(|(k, v)| Value::from_json(&v).map(|v| (k, v)))
            .collect();
        let builtins = values_from(input.get("builtInParams"));
        let client = values_from(input.get("clientParams"));
        let value = |_: usize, p: &smithy_runtime::client::endpoint::Param| {
            let named = |list: &[(String, Value)]| {
                list.iter()
                    .find(|(n, _)| *n == p.name)
                    .map(|(_, v)| v.clone())
            };
            // A client parameter the inputs leave unset comes from the case's `params` (Smithy's
            // `ite` case sets its client context parameter only there); built-ins and what the
            // operation binds never do, so the operation's own lowering is what is tested.
            let client_only = p.built_in.is_none() && !op_params.iter().any(|c| c.name == p.name);
            named(&op_values)
                .or_else(|| named(&client))
                .or_else(|| {
                    let b = p.built_in.as_deref()?;
                    builtins
                        .iter()
                        .find(|(n, _)| n == b)
                        .map(|(_, v)| v.clone())
                })
                .or_else(|| client_only.then(|| named(&params)).flatten())
        };
        check(rules.resolve(&value, partitions), expect)
            .map_err(|e| format!("operation input {op_name}: {e}"))?;
    }
    Ok(())
}

fn check(
    got: Result<ResolvedEndpoint, smithy_runtime::client::endpoint::EndpointError>,
    expect: &Json,
) -> Result<(), String> {
    match (got, expect.get("endpoint"), expect.get("error")) {
        (Ok(ep), Some(want), _) => {
            let url = want.get("url").and_then(Json::as_str).unwrap_or("");
            if ep.url != url {
                return Err(format!("URL {} instead of {url}", ep.url));
            }
            let want_headers = want
                .get("headers")
                .and_then(Json::as_object)
                .cloned()
                .unwrap_or_default();
            let mut got_headers = serde_json::Map::new();
            for (k, vs) in &ep.headers {
                got_headers.insert(k.clone(), Json::from(vs.clone()));
            }
            if got_headers != want_headers {
                return Err(format!(
                    "headers {} instead of {}",
                    Json::Object(got_headers),
                    Json::Object(want_headers)
                ));
            }
            let want_props = want
                .get("properties")
                .and_then(Json::as_object)
                .cloned()
                .unwrap_or_default();
            if ep.properties != want_props {
                return Err(format!(
                    "properties {} instead of {}",
                    Json::Object(ep.properties),
                    Json::Object(want_props)
                ));
            }
            Ok(())
        }
        (Ok(ep), None, Some(err)) => Err(format!("resolved {} instead of error {err}", ep.url)),
        (Err(e), _, Some(want)) => {
            let want = want.as_str().unwrap_or("");
            if e.message() == want {
                Ok(())
            } else {
                Err(format!("error {:?} instead of {want:?}", e.message()))
            }
        }
        (Err(e), Some(_), _) => Err(format!("error {e}")),
        (_, None, None) => Err("`expect` has neither endpoint nor error".into()),
    }
}

/// Runs every model's cases; prints one line per failing model (with its first failures)
/// and `N/M endpoint test cases pass` last. `Err` unless every case passed.
pub fn run_all(paths: &[(String, std::path::PathBuf)], verbose: bool) -> Result<(), String> {
    let partitions = Partitions::builtin();
    let mut total = 0;
    let mut passed = 0;
    let mut broken = Vec::new();
    for (name, path) in paths {
        match run_model(name, path, &partitions) {
            Ok(o) => {
                total += o.cases;
                passed += o.passed;
                if !o.failures.is_empty() {
                    println!(
                        "{name}: {}/{} endpoint test cases pass; first failure: {}",
                        o.passed, o.cases, o.failures[0]
                    );
                    if verbose {
                        for f in &o.failures[1..] {
                            println!("    {f}");
                        }
                    }
                    broken.push(name.clone());
                }
            }
            Err(e) => {
                println!("{name}: cannot run its endpoint tests: {e}");
                broken.push(name.clone());
            }
        }
    }
    println!("{passed}/{total} endpoint test cases pass");
    if broken.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "endpoint tests fail in {} model(s): {}",
            broken.len(),
            broken.join(", ")
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ivschat() -> std::path::PathBuf {
        crate::workspace_root().join("../shared/models/aws/ivschat.json")
    }

    #[test]
    fn ivschat_cases_pass_with_the_embedded_partitions() {
        let o = run_model("ivschat", &ivschat(), &Partitions::builtin()).unwrap();
        assert!(o.cases >= 27, "{o:?}");
        assert_eq!(o.passed, o.cases, "{:#?}", o.failures);
    }

    #[test]
    fn a_wrong_partition_table_fails_cases_with_the_difference() {
        let wrong = Partitions::parse(
            r#"{"partitions":[{"id":"aws","regionRegex":"^nothing$","regions":{},
                "outputs":{"name":"aws","dnsSuffix":"wrong.example","dualStackDnsSuffix":"api.aws",
                "supportsFIPS":true,"supportsDualStack":true,"implicitGlobalRegion":"us-east-1"}}]}"#,
        )
        .unwrap();
        let o = run_model("ivschat", &ivschat(), &wrong).unwrap();
        assert!(o.passed < o.cases);
        assert!(
            o.failures
                .iter()
                .any(|f| f.contains("ivschat.us-east-1.wrong.example instead of")),
            "{:#?}",
            o.failures
        );
    }

    #[test]
    fn expectations_are_compared_exactly() {
        let ep = ResolvedEndpoint {
            url: "https://a.example".into(),
            headers: vec![("x-h".into(), vec!["1".into()])],
            properties: serde_json::Map::new(),
        };
        let ok = serde_json::json!({"endpoint": {"url": "https://a.example", "headers": {"x-h": ["1"]}}});
        assert!(check(Ok(ep.clone()), &ok).is_ok());
        for bad in [
            serde_json::json!({"endpoint": {"url": "https://b.example", "headers": {"x-h": ["1"]}}}),
            serde_json::json!({"endpoint": {"url": "https://a.example"}}),
            serde_json::json!({"endpoint": {"url": "https://a.example", "headers": {"x-h": ["1"]},
                "properties": {"authSchemes": []}}}),
            serde_json::json!({"error": "boom"}),
        ] {
            assert!(check(Ok(ep.clone()), &bad).is_err(), "{bad}");
        }
    }
}
