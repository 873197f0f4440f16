//! The endpoint rules engine and its functions. Expected values come from the Smithy
//! rules-engine test suite (`../shared/smithy/rules-engine-tests/*.smithy`, transcribed by
//! hand into JSON rule sets here until the IDL loader lands) and from the spec's examples.

use serde_json::json;
use smithy_runtime::client::endpoint::functions;
use smithy_runtime::client::endpoint::{
    EndpointErrorKind, Partitions, ResolvedEndpoint, RuleSet, Value,
};

/// Resolves `rules` with `params` (a JSON object of parameter values).
fn resolve(
    rules: &serde_json::Value,
    params: serde_json::Value,
) -> Result<ResolvedEndpoint, smithy_runtime::client::endpoint::EndpointError> {
    let rules = RuleSet::parse(&rules.to_string()).expect("rule set parses");
    let params = params.as_object().cloned().unwrap_or_default();
    rules.resolve(
        &|_, p| params.get(&p.name).and_then(Value::from_json),
        &Partitions::builtin(),
    )
}

fn url(rules: &serde_json::Value, params: serde_json::Value) -> String {
    match resolve(rules, params.clone()) {
        Ok(ep) => ep.url,
        Err(e) => panic!("{params}: {e}"),
    }
}

fn error(rules: &serde_json::Value, params: serde_json::Value) -> String {
    match resolve(rules, params.clone()) {
        Ok(ep) => panic!("{params}: resolved {}", ep.url),
        Err(e) => e.message().to_string(),
    }
}

/// parse-url.smithy.
#[test]
fn parse_url_suite() {
    let rules = json!({
        "version": "1.3",
        "parameters": {"Endpoint": {"type": "string"}},
        "rules": [
            {"conditions": [
                {"fn": "isSet", "argv": [{"ref": "Endpoint"}]},
                {"fn": "parseURL", "argv": ["{Endpoint}"], "assign": "url"}
            ], "type": "tree", "rules": [
                {"conditions": [{"fn": "booleanEquals", "argv": [{"fn": "getAttr", "argv": [{"ref": "url"}, "isIp"]}, true]}],
                 "endpoint": {"url": "{url#scheme}://{url#authority}{url#normalizedPath}is-ip-addr"}, "type": "endpoint"},
                {"conditions": [{"fn": "stringEquals", "argv": ["{url#path}", "/port"]}],
                 "endpoint": {"url": "{url#scheme}://{url#authority}/uri-with-port"}, "type": "endpoint"},
                {"conditions": [{"fn": "stringEquals", "argv": ["{url#normalizedPath}", "/"]}],
                 "endpoint": {"url": "https://{url#scheme}-{url#authority}-nopath.example.com"}, "type": "endpoint"},
                {"conditions": [],
                 "endpoint": {"url": "https://{url#scheme}-{url#authority}.example.com/path-is{url#path}"}, "type": "endpoint"}
            ]},
            {"error": "endpoint was invalid", "conditions": [], "type": "error"}
        ]
    });
    let cases = [
        (
            "https://authority.com/custom-path",
            Some("https://https-authority.com.example.com/path-is/custom-path"),
        ),
        (
            "https://authority.com",
            Some("https://https-authority.com-nopath.example.com"),
        ),
        (
            "https://authority.com/",
            Some("https://https-authority.com-nopath.example.com"),
        ),
        (
            "https://authority.com:8000/port",
            Some("https://authority.com:8000/uri-with-port"),
        ),
        (
            "http://authority.com:8000/port",
            Some("http://authority.com:8000/uri-with-port"),
        ),
        ("acbd://example.com", None),
        (
            "http://99_ab.com",
            Some("https://http-99_ab.com-nopath.example.com"),
        ),
        (
            "http://99_ab-.com",
            Some("https://http-99_ab-.com-nopath.example.com"),
        ),
        ("http://abc.com:a/foo", None),
        (
            "http://192.168.1.1/foo/",
            Some("http://192.168.1.1/foo/is-ip-addr"),
        ),
        (
            "http://192.168.1.1:1234/foo/",
            Some("http://192.168.1.1:1234/foo/is-ip-addr"),
        ),
        (
            "https://[2001:db8:85a3:8d3:1319:8a2e:370:7348]:443",
            Some("https://[2001:db8:85a3:8d3:1319:8a2e:370:7348]:443/is-ip-addr"),
        ),
        (
            "https://999.999.abc.blah",
            Some("https://https-999.999.abc.blah-nopath.example.com"),
        ),
        ("https://example.com/path?query1=foo", None),
    ];
    for (input, want) in cases {
        let params = json!({ "Endpoint": input });
        match want {
            Some(u) => assert_eq!(url(&rules, params), u, "{input}"),
            None => assert_eq!(error(&rules, params), "endpoint was invalid", "{input}"),
        }
    }
}

/// valid-hostlabel.smithy.
#[test]
fn valid_host_label_suite() {
    let rules = json!({
        "parameters": {"Region": {"type": "string", "required": true}},
        "rules": [
            {"conditions": [{"fn": "isValidHostLabel", "argv": [{"ref": "Region"}, false]}],
             "endpoint": {"url": "https://{Region}.amazonaws.com"}, "type": "endpoint"},
            {"conditions": [{"fn": "isValidHostLabel", "argv": [{"ref": "Region"}, true]}],
             "endpoint": {"url": "https://{Region}-subdomains.amazonaws.com"}, "type": "endpoint"},
            {"conditions": [], "error": "Invalid hostlabel", "type": "error"}
        ]
    });
    assert_eq!(
        url(&rules, json!({"Region": "us-east-1"})),
        "https://us-east-1.amazonaws.com"
    );
    assert_eq!(
        url(&rules, json!({"Region": "3aws4"})),
        "https://3aws4.amazonaws.com"
    );
    assert_eq!(
        url(&rules, json!({"Region": "part1.part2"})),
        "https://part1.part2-subdomains.amazonaws.com"
    );
    for bad in ["part1 part2", "", "part1.", "part1..part2", "part1.-part2"] {
        assert_eq!(
            error(&rules, json!({ "Region": bad })),
            "Invalid hostlabel",
            "{bad:?}"
        );
    }
    assert_eq!(
        error(&rules, json!({})),
        "missing required endpoint parameter `Region`"
    );
}

fn value_is(func: serde_json::Value) -> serde_json::Value {
    json!({
        "parameters": {"Input": {"type": "string", "required": true}},
        "rules": [
            {"conditions": [func], "error": "The value is: `{output}`", "type": "error"},
            {"conditions": [], "error": "No tests matched", "type": "error"}
        ]
    })
}

/// substring.smithy.
#[test]
fn substring_suite() {
    let first4 =
        value_is(json!({"fn": "substring", "argv": ["{Input}", 0, 4, false], "assign": "output"}));
    let last4 =
        value_is(json!({"fn": "substring", "argv": ["{Input}", 0, 4, true], "assign": "output"}));
    let mid =
        value_is(json!({"fn": "substring", "argv": ["{Input}", 1, 3, false], "assign": "output"}));
    let check = |rules: &serde_json::Value, input: &str, want: &str| {
        assert_eq!(error(rules, json!({ "Input": input })), want, "{input:?}");
    };
    check(&first4, "abcdefg", "The value is: `abcd`");
    check(&first4, "abcd", "The value is: `abcd`");
    check(&first4, "abc", "No tests matched");
    check(&first4, "", "No tests matched");
    check(&first4, "\u{fdfd}", "No tests matched");
    check(&first4, "\u{7f}abcdef", "The value is: `\u{7f}abc`");
    check(&last4, "abcdefg", "The value is: `defg`");
    check(&last4, "defg", "The value is: `defg`");
    check(&last4, "abc", "No tests matched");
    check(&last4, "\u{fdfd}", "No tests matched");
    check(&mid, "defg", "The value is: `ef`");
    check(&mid, "def", "The value is: `ef`");
    check(&mid, "ab", "No tests matched");
}

/// url-encode.smithy.
#[test]
fn uri_encode_suite() {
    let rules = value_is(json!({"fn": "uriEncode", "argv": ["{Input}"], "assign": "output"}));
    let cases = [
        ("abcdefg", "abcdefg"),
        ("abc:defg", "abc%3Adefg"),
        (
            "/:,?#[]{}|@! $&'()*+;=%<>\"^`\\",
            "%2F%3A%2C%3F%23%5B%5D%7B%7D%7C%40%21%20%24%26%27%28%29%2A%2B%3B%3D%25%3C%3E%22%5E%60%5C",
        ),
        (
            "0123456789.underscore_dash-Tilda~",
            "0123456789.underscore_dash-Tilda~",
        ),
        ("\u{1f639}", "%F0%9F%98%B9"),
    ];
    for (input, want) in cases {
        assert_eq!(
            error(&rules, json!({ "Input": input })),
            format!("The value is: `{want}`")
        );
    }
}

/// split.smithy (the parts shown as `p1=..; p2=..` with `<null>` past the end).
#[test]
fn split_suite() {
    let parts = (0..5).map(|i| {
        json!({"fn": "coalesce", "argv": [
            {"fn": "getAttr", "argv": [{"ref": "parts"}, format!("[{i}]")]}, "<null>"
        ], "assign": format!("part{}", i + 1)})
    });
    let mut conds =
        vec![json!({"fn": "split", "argv": ["{Input}", "{Delimiter}", 0], "assign": "parts"})];
    conds.extend(parts);
    let rules = |limit: i64| {
        let mut c = conds.clone();
        c[0]["argv"][2] = json!(limit);
        json!({
            "parameters": {"Input": {"type": "string", "required": true}, "Delimiter": {"type": "string", "required": true}},
            "rules": [{"conditions": c, "endpoint": {"url": "https://example.com",
                "properties": {"splitResult": "p1={part1}; p2={part2}; p3={part3}; p4={part4}; p5={part5}"}}, "type": "endpoint"}]
        })
    };
    let run = |limit: i64, input: &str, delim: &str| {
        let ep = resolve(&rules(limit), json!({"Input": input, "Delimiter": delim})).unwrap();
        ep.properties["splitResult"].as_str().unwrap().to_string()
    };
    assert_eq!(
        run(0, "a--b--c", "--"),
        "p1=a; p2=b; p3=c; p4=<null>; p5=<null>"
    );
    assert_eq!(
        run(0, "", "--"),
        "p1=; p2=<null>; p3=<null>; p4=<null>; p5=<null>"
    );
    assert_eq!(
        run(0, "--leading", "--"),
        "p1=; p2=leading; p3=<null>; p4=<null>; p5=<null>"
    );
    assert_eq!(run(0, "----", "--"), "p1=; p2=; p3=; p4=<null>; p5=<null>");
    assert_eq!(
        run(0, "aaa", "aa"),
        "p1=; p2=a; p3=<null>; p4=<null>; p5=<null>"
    );
    assert_eq!(
        run(0, "--both--", "--"),
        "p1=; p2=both; p3=; p4=<null>; p5=<null>"
    );
    assert_eq!(
        run(2, "foo<=>bar<=>baz", "<=>"),
        "p1=foo; p2=bar<=>baz; p3=<null>; p4=<null>; p5=<null>"
    );
    assert_eq!(
        run(1, "a--b--c", "--"),
        "p1=a--b--c; p2=<null>; p3=<null>; p4=<null>; p5=<null>"
    );
}

/// coalesce.smithy and ite.smithy.
#[test]
fn coalesce_and_ite() {
    let rules = json!({
        "parameters": {
            "req1": {"type": "string", "required": true, "default": "req1Value"},
            "opt1": {"type": "string"},
            "opt2": {"type": "string"},
            "useFips": {"type": "boolean", "required": true, "default": false}
        },
        "rules": [
            {"conditions": [
                {"fn": "coalesce", "argv": [{"ref": "opt1"}, {"ref": "opt2"}], "assign": "o"},
                {"fn": "ite", "argv": [{"ref": "useFips"}, "-fips", ""], "assign": "suffix"}
             ], "error": "The value is: {o}{suffix}", "type": "error"},
            {"conditions": [{"fn": "coalesce", "argv": [{"ref": "opt1"}, {"ref": "req1"}], "assign": "r"}],
             "error": "fallback {r}", "type": "error"}
        ]
    });
    assert_eq!(error(&rules, json!({"opt2": "b"})), "The value is: b");
    assert_eq!(
        error(&rules, json!({"opt1": "a", "opt2": "b", "useFips": true})),
        "The value is: a-fips"
    );
    assert_eq!(error(&rules, json!({})), "fallback req1Value");
}

/// headers.smithy, get-attr.smithy, endpoint properties and default values.
#[test]
fn headers_properties_get_attr_and_defaults() {
    let rules = json!({
        "parameters": {
            "Region": {"type": "string", "builtIn": "AWS::Region"},
            "Arn": {"type": "string"},
            "Flag": {"type": "boolean", "required": true, "default": true}
        },
        "rules": [
            {"conditions": [
                {"fn": "isSet", "argv": [{"ref": "Arn"}]},
                {"fn": "aws.parseArn", "argv": [{"ref": "Arn"}], "assign": "arn"},
                {"fn": "getAttr", "argv": [{"ref": "arn"}, "resourceId[1]"], "assign": "second"}
             ], "endpoint": {"url": "https://{arn#service}.{arn#region}.example.com/{second}/{arn#resourceId[0]}"}, "type": "endpoint"},
            {"conditions": [{"fn": "isSet", "argv": [{"ref": "Region"}]}, {"fn": "booleanEquals", "argv": [{"ref": "Flag"}, true]}],
             "endpoint": {"url": "https://{Region}.amazonaws.com",
                "headers": {"x-amz-region": ["{Region}"], "x-amz-multi": ["*", "{Region}", "dub"]},
                "properties": {"authSchemes": [{"name": "sigv4", "signingRegion": "{Region}", "disableDoubleEncoding": true}], "n": 3}},
             "type": "endpoint"},
            {"conditions": [], "error": "no region (Flag={Flag})", "type": "error"}
        ]
    });
    let mut ep = resolve(&rules, json!({"Region": "us-east-1"})).unwrap();
    assert_eq!(ep.url, "https://us-east-1.amazonaws.com");
    // Header names in any order (JSON object order), values in the rule's order.
    ep.headers.sort();
    assert_eq!(
        ep.headers,
        vec![
            (
                "x-amz-multi".to_string(),
                vec!["*".into(), "us-east-1".into(), "dub".into()]
            ),
            ("x-amz-region".to_string(), vec!["us-east-1".to_string()]),
        ]
    );
    assert_eq!(
        serde_json::Value::Object(ep.properties),
        json!({"authSchemes": [{"name": "sigv4", "signingRegion": "us-east-1", "disableDoubleEncoding": true}], "n": 3})
    );
    assert_eq!(
        url(
            &rules,
            json!({"Arn": "arn:aws:ec2:us-east-1:012345678910:vpc/vpc-0e9801d129EXAMPLE"})
        ),
        "https://ec2.us-east-1.example.com/vpc-0e9801d129EXAMPLE/vpc"
    );
    // An ARN with one resource part has no `resourceId[1]`: the condition does not hold.
    assert_eq!(
        error(
            &rules,
            json!({"Arn": "arn:aws:sns:us-west-2:012345678910:topic", "Flag": false})
        ),
        "no region (Flag=false)"
    );
    let e = resolve(&rules, json!({"Region": 7})).unwrap_err();
    assert_eq!(e.kind(), EndpointErrorKind::InvalidParam);
    assert!(e.to_string().contains("`Region` must be a string"), "{e}");
}

#[test]
fn partitions_pick_suffixes_by_region() {
    let rules = json!({
        "parameters": {"Region": {"type": "string", "required": true}},
        "rules": [{"conditions": [{"fn": "aws.partition", "argv": [{"ref": "Region"}], "assign": "p"}],
            "endpoint": {"url": "https://{p#name}.{Region}.{p#dnsSuffix}/{p#supportsDualStack}/{p#implicitGlobalRegion}"}, "type": "endpoint"}]
    });
    let cases = [
        (
            "us-east-1",
            "https://aws.us-east-1.amazonaws.com/true/us-east-1",
        ),
        (
            "cn-north-1",
            "https://aws-cn.cn-north-1.amazonaws.com.cn/true/cn-northwest-1",
        ),
        (
            "us-gov-west-1",
            "https://aws-us-gov.us-gov-west-1.amazonaws.com/true/us-gov-west-1",
        ),
        (
            "us-iso-east-1",
            "https://aws-iso.us-iso-east-1.c2s.ic.gov/false/us-iso-east-1",
        ),
        (
            "us-isob-east-1",
            "https://aws-iso-b.us-isob-east-1.sc2s.sgov.gov/false/us-isob-east-1",
        ),
        (
            "eu-isoe-west-1",
            "https://aws-iso-e.eu-isoe-west-1.cloud.adc-e.uk/false/eu-isoe-west-1",
        ),
        (
            "us-isof-south-1",
            "https://aws-iso-f.us-isof-south-1.csp.hci.ic.gov/false/us-isof-south-1",
        ),
        // Listed by name (no pattern matches it), and an unknown region falls back to aws.
        (
            "aws-global",
            "https://aws.aws-global.amazonaws.com/true/us-east-1",
        ),
        (
            "mars-west-1",
            "https://aws.mars-west-1.amazonaws.com/true/us-east-1",
        ),
    ];
    for (region, want) in cases {
        assert_eq!(url(&rules, json!({ "Region": region })), want);
    }
}

#[test]
fn functions_follow_the_spec_examples() {
    let arn = functions::parse_arn("arn:aws:iam::012345678910:user/johndoe").unwrap();
    assert_eq!(arn.field("region"), Some(&Value::from("")));
    assert_eq!(
        arn.field("resourceId"),
        Some(&Value::Array(vec!["user".into(), "johndoe".into()]))
    );
    let s3 = functions::parse_arn("arn:aws:s3:::bucket_name").unwrap();
    assert_eq!(s3.field("accountId"), Some(&Value::from("")));
    for bad in [
        "11111111-2222-3333-4444-555555555555",
        "arn:aws:s3",
        "arn::s3:::x",
        "arn:aws:s3:::",
        "urn:aws:s3:::b",
    ] {
        assert!(functions::parse_arn(bad).is_none(), "{bad}");
    }

    let u = functions::parse_url("http://example.com:80/foo/bar").unwrap();
    assert_eq!(u.field("authority"), Some(&Value::from("example.com:80")));
    assert_eq!(u.field("normalizedPath"), Some(&Value::from("/foo/bar/")));
    assert_eq!(u.field("isIp"), Some(&Value::Bool(false)));
    assert_eq!(
        functions::parse_url("https://[fe80::1]")
            .unwrap()
            .field("isIp"),
        Some(&Value::Bool(true))
    );
    for bad in [
        "https://",
        "https://a.com#frag",
        "https://u@a.com",
        "https://[zz]",
        "https://a.com:99999",
        "ftp://a.com",
        "a.com",
    ] {
        assert!(functions::parse_url(bad).is_none(), "{bad}");
    }

    for good in ["bucket", "my-bucket1", "abc"] {
        assert!(
            functions::is_virtual_hostable_s3_bucket(good, false),
            "{good}"
        );
    }
    assert!(functions::is_virtual_hostable_s3_bucket("my-bucket", false));
    assert!(functions::is_virtual_hostable_s3_bucket("abc.def", true));
    assert!(!functions::is_virtual_hostable_s3_bucket("abc.def", false));
    assert!(!functions::is_virtual_hostable_s3_bucket("ab.def", true));
    for bad in [
        "ab",
        "Bucket",
        "bucket-",
        "-bucket",
        "192.168.1.1",
        "a_b_c",
        &"a".repeat(64),
    ] {
        assert!(
            !functions::is_virtual_hostable_s3_bucket(bad, true),
            "{bad}"
        );
    }

    assert_eq!(functions::substring("abc", 0, 0, false), None);
    assert_eq!(functions::substring("abc", -1, 2, false), None);
    assert_eq!(
        functions::split("a,b", "", 0),
        Value::Array(vec!["a,b".into()])
    );
}

#[test]
fn tree_rules_are_terminal_and_scopes_end_with_their_rule() {
    let rules = json!({
        "parameters": {"A": {"type": "boolean", "required": true, "default": true}},
        "rules": [
            {"conditions": [{"fn": "booleanEquals", "argv": [{"ref": "A"}, true]}], "type": "tree",
             "rules": [{"conditions": [{"fn": "booleanEquals", "argv": [{"ref": "A"}, false]}], "error": "inner", "type": "error"}]},
            {"conditions": [], "error": "outer", "type": "error"}
        ]
    });
    let e = resolve(&rules, json!({})).unwrap_err();
    assert_eq!(e.kind(), EndpointErrorKind::NoMatch);
    assert_eq!(error(&rules, json!({"A": false})), "outer");

    let leaked = json!({
        "parameters": {"R": {"type": "string"}},
        "rules": [
            {"conditions": [{"fn": "aws.partition", "argv": ["x"], "assign": "p"}, {"fn": "isSet", "argv": [{"ref": "R"}]}],
             "error": "first", "type": "error"},
            {"conditions": [], "error": "{p#name}", "type": "error"}
        ]
    });
    let e = RuleSet::parse(&leaked.to_string()).unwrap_err();
    assert!(
        e.to_string()
            .contains("`p` is not a parameter or assigned variable"),
        "{e}"
    );
}

#[test]
fn bad_rule_sets_are_clear_errors() {
    let cases = [
        ("not json", "not JSON"),
        ("[]", "expected an object"),
        (r#"{"parameters": {}}"#, "rules"),
        (
            r#"{"parameters": {"A": {"type": "int"}}, "rules": []}"#,
            "unknown parameter type `int`",
        ),
        (
            r#"{"rules": [{"conditions": [{"fn": "nope", "argv": []}], "error": "x", "type": "error"}]}"#,
            "unknown function `nope`",
        ),
        (
            r#"{"rules": [{"conditions": [{"fn": "not", "argv": [true, false]}], "error": "x", "type": "error"}]}"#,
            "`not` takes 1",
        ),
        (
            r#"{"rules": [{"conditions": [], "error": "{Missing}", "type": "error"}]}"#,
            "`Missing` is not a parameter",
        ),
        (
            r#"{"rules": [{"conditions": [], "error": "a {b", "type": "error"}]}"#,
            "unclosed `{`",
        ),
        (
            r#"{"rules": [{"conditions": [], "type": "endpoint"}]}"#,
            "`endpoint` object",
        ),
        (
            r#"{"rules": [{"conditions": [], "type": "other"}]}"#,
            "unknown rule type",
        ),
        (
            r#"{"rules": [{"conditions": [{"ref": "x"}], "error": "x", "type": "error"}]}"#,
            "must be a function call",
        ),
        (
            r#"{"rules": [{"conditions": [{"fn": "getAttr", "argv": [true, "a[x]"]}], "error": "x", "type": "error"}]}"#,
            "bad index",
        ),
    ];
    for (text, want) in cases {
        let e = RuleSet::parse(text).unwrap_err().to_string();
        assert!(e.starts_with("invalid endpoint rule set"), "{text}: {e}");
        assert!(e.contains(want), "{text}: {e}");
    }
    // Type mismatches at evaluation are errors that name the function.
    let rules = json!({"parameters": {"A": {"type": "string", "required": true, "default": "x"}},
        "rules": [{"conditions": [{"fn": "booleanEquals", "argv": [{"ref": "A"}, true]}], "error": "x", "type": "error"}]});
    let e = resolve(&rules, json!({})).unwrap_err();
    assert_eq!(e.kind(), EndpointErrorKind::Evaluation);
    assert!(
        e.to_string()
            .contains("booleanEquals expects two booleans, got a string, a boolean"),
        "{e}"
    );
}

/// Mangled copies of a real rule set (truncated, bytes flipped, keys renamed) never panic:
/// they parse to an error or resolve to an endpoint or an error.
#[test]
fn mangled_rule_sets_never_panic() {
    let model: serde_json::Value = serde_json::from_slice(
        &std::fs::read(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../shared/models/aws/greengrass.json"
        ))
        .expect("../shared/models/aws/greengrass.json"),
    )
    .unwrap();
    let rules = model["shapes"]
        .as_object()
        .unwrap()
        .values()
        .find_map(|s| s["traits"].get("smithy.rules#endpointRuleSet"))
        .unwrap()
        .to_string();
    let bytes = rules.as_bytes();
    let mut seed = 0x2545_f491_4f6c_dd1d_u64;
    let mut next = || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let swaps: [(&str, &str); 6] = [
        ("\"ref\"", "\"fn\""),
        ("true", "\"true\""),
        ("\"tree\"", "\"endpoint\""),
        ("argv", "argx"),
        ("{Region}", "{Region#x[3]}"),
        ("booleanEquals", "stringEquals"),
    ];
    let params = [
        json!({"Region": "us-east-1"}),
        json!({"Region": "dataplane-us-gov-east-1", "UseFIPS": true}),
        json!({"Endpoint": "https://x", "UseDualStack": true}),
        json!({}),
    ];
    for round in 0..400 {
        let mut text = bytes.to_vec();
        match round % 3 {
            0 => text.truncate((next() as usize) % text.len()),
            1 => {
                for _ in 0..3 {
                    let i = (next() as usize) % text.len();
                    text[i] = b" {}[]\",:#ab1"[(next() as usize) % 12];
                }
            }
            _ => {
                let (from, to) = swaps[(next() as usize) % swaps.len()];
                text = String::from_utf8_lossy(&text)
                    .replacen(from, to, 3)
                    .into_bytes();
            }
        }
        let Ok(set) = RuleSet::parse(&String::from_utf8_lossy(&text)) else {
            continue;
        };
        for p in &params {
            let p = p.as_object().unwrap();
            let _ = set.resolve(
                &|_, param| p.get(&param.name).and_then(Value::from_json),
                &Partitions::builtin(),
            );
        }
    }
}
