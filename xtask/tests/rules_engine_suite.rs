//! Smithy's rules-engine test models (`../shared/smithy/rules-engine-tests/*.smithy`, IDL)
//! through the same runner as `cargo xtask corpus --endpoint-tests`: every case passes except
//! the ones listed here, each with its reason, and each of those is asserted to still fail (so
//! a fix shows up as a test failure until it comes off the list).

use smithy_runtime::client::endpoint::Partitions;
use xtask::corpus::model_paths;
use xtask::endpoint_tests::run_model;

/// (model, start of the case's documentation, why it fails). Empty: every case passes.
const EXPECTED_FAILURES: &[(&str, &str, &str)] = &[];

#[test]
fn smithy_rules_engine_cases_pass() {
    let dir = xtask::workspace_root().join("../shared/smithy/rules-engine-tests");
    let paths = model_paths(&dir, &[]).expect("the rules-engine tests are readable");
    assert_eq!(paths.len(), 12, "models in {}", dir.display());
    let partitions = Partitions::builtin();
    let (mut cases, mut passed) = (0, 0);
    let mut unexpected = Vec::new();
    let mut still_failing = vec![false; EXPECTED_FAILURES.len()];
    for (name, path) in &paths {
        let outcome = run_model(name, path, &partitions).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(outcome.cases > 0, "{name} has no endpoint test cases");
        cases += outcome.cases;
        passed += outcome.passed;
        for failure in &outcome.failures {
            match EXPECTED_FAILURES
                .iter()
                .position(|(m, doc, _)| m == name && failure.starts_with(doc))
            {
                Some(i) => still_failing[i] = true,
                None => unexpected.push(format!("{name}: {failure}")),
            }
        }
    }
    assert!(
        unexpected.is_empty(),
        "unexpected failures:\n{}",
        unexpected.join("\n")
    );
    for ((model, doc, why), failing) in EXPECTED_FAILURES.iter().zip(still_failing) {
        assert!(
            failing,
            "{model} `{doc}` passes now ({why}): take it off the list"
        );
    }
    assert_eq!(cases - passed, EXPECTED_FAILURES.len());
    println!("{passed}/{cases} rules-engine test cases pass");
}
