//! `model/ivschat.smithy`, our own Smithy model of Amazon IVS Chat: it loads and validates, it
//! agrees with the published AWS model on every wire fact except the deliberate deviations
//! listed below, its `@pattern`s accept real identifiers, and a readable summary of it is
//! snapshotted.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use regex::Regex;
use serde_json::Value;
use smithy_model::traits::ids;
use smithy_model::{Member, Model, Shape, ShapeBody, ShapeId, ShapeKind, Traits};

const OURS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/ivschat.smithy");
const PUBLISHED: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../shared/models/aws/ivschat.json"
);
const SERVICE: &str = "com.amazonaws.ivschat#AmazonInteractiveVideoServiceChat";
const NAMESPACE: &str = "com.amazonaws.ivschat";

/// Differences from the published model that we keep on purpose, as (fact key, reason). The
/// agreement test fails on any difference not listed here, and on any entry here that is no
/// longer a difference.
const DELIBERATE_DEVIATIONS: &[(&str, &str)] = &[
    (
        "ResourceArn @smithy.api#pattern",
        "the published pattern has `[a-z-]` (one letter) for the resource type, so no real ARN \
         (`...:room/<id>`, `...:logging-configuration/<id>`) matches it and a validating server \
         would refuse every tagging call; ours has `[a-z-]+`",
    ),
    (
        "ListRooms @smithy.api#paginated.items",
        "the published trait names no items member; ours names `rooms` so generated paginators \
         can yield the rooms themselves",
    ),
    (
        "ListLoggingConfigurations @smithy.api#paginated.items",
        "the published trait names no items member; ours names `loggingConfigurations` so \
         generated paginators can yield the configurations themselves",
    ),
];

/// Traits the agreement test leaves out, as (trait id, reason).
const NOT_COMPARED: &[(&str, &str)] = &[
    (ids::DOCUMENTATION, "ours is written in our own words"),
    (
        "smithy.api#cors",
        "browser CORS settings of the AWS endpoint; neither our client nor our server stubs use them",
    ),
    (
        ids::ENDPOINT_RULE_SET,
        "the endpoint rules engine comes in a later issue",
    ),
    (
        ids::ENDPOINT_TESTS,
        "the endpoint rules engine comes in a later issue",
    ),
    (
        ids::INPUT,
        "Smithy 2.0 marker the published model does not use; see `input_and_output_markers`",
    ),
    (
        ids::OUTPUT,
        "Smithy 2.0 marker the published model does not use; see `input_and_output_markers`",
    ),
    (
        ids::ENUM,
        "the published model writes enums as strings with the 1.0 `@enum` trait and ours as \
         `enum` shapes; both are compared as enum values instead",
    ),
];

fn load(path: &str) -> Model {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {path}: {e}"));
    let mut a = smithy_model::idl::Assembler::new();
    a.add_file(path, text);
    match a.assemble() {
        Ok(done) => {
            assert_eq!(done.warnings, [], "{path}");
            done.model
        }
        Err(e) => panic!("{path} does not load:\n{}", a.render(&e)),
    }
}

fn service() -> ShapeId {
    SERVICE.parse().expect("service id parses")
}

fn id(name: &str) -> ShapeId {
    ShapeId::new(NAMESPACE, name)
}

/// The name of an IVS Chat shape, or the full id of any other.
fn short(id: &ShapeId) -> String {
    if id.namespace() == NAMESPACE {
        id.name().to_string()
    } else {
        id.to_string()
    }
}

/// The kind, with a string carrying the 1.0 `@enum` trait counted as an enum.
fn kind_name(shape: &Shape) -> &'static str {
    if shape.kind == ShapeKind::String && shape.traits.has(ids::ENUM) {
        "enum"
    } else {
        shape.kind.as_str()
    }
}

/// JSON with object keys sorted, so that key order in the source does not matter.
fn canonical(v: &Value) -> String {
    match v {
        Value::Object(obj) => {
            let sorted: BTreeMap<&String, String> =
                obj.iter().map(|(k, v)| (k, canonical(v))).collect();
            let body: Vec<String> = sorted.iter().map(|(k, v)| format!("{k:?}:{v}")).collect();
            format!("{{{}}}", body.join(","))
        }
        Value::Array(items) => {
            let body: Vec<String> = items.iter().map(canonical).collect();
            format!("[{}]", body.join(","))
        }
        other => other.to_string(),
    }
}

fn id_list(ids: &[ShapeId]) -> String {
    let sorted: BTreeSet<String> = ids.iter().map(short).collect();
    sorted.into_iter().collect::<Vec<_>>().join(", ")
}

/// Wire facts: "Shape fact" or "Shape$member fact" → value.
type Facts = BTreeMap<String, String>;

/// One fact per compared trait; object values give one fact per field, so that a deviation
/// in one field (`@paginated.items`) does not hide a change in another.
fn trait_facts(owner: &str, traits: &Traits, out: &mut Facts) {
    for (trait_id, value) in traits.iter() {
        let trait_id = trait_id.to_string();
        if NOT_COMPARED.iter().any(|(t, _)| *t == trait_id) {
            continue;
        }
        let mut value = value.clone();
        if trait_id == ids::HTTP {
            // An absent `code` means 200: the two spellings are the same fact.
            if let Some(obj) = value.as_object_mut() {
                obj.entry("code").or_insert(Value::from(200));
            }
        }
        match &value {
            Value::Object(obj) if !obj.is_empty() => {
                for (field, v) in obj {
                    out.insert(format!("{owner} @{trait_id}.{field}"), canonical(v));
                }
            }
            _ => {
                out.insert(format!("{owner} @{trait_id}"), canonical(&value));
            }
        }
    }
}

/// Every wire fact of every shape reachable from the service (prelude shapes excluded).
fn facts(model: &Model) -> Facts {
    let mut out = Facts::new();
    for shape_id in model.closure_of(&service()) {
        if shape_id.is_prelude() {
            continue;
        }
        let name = short(&shape_id);
        let Some(shape) = model.shape(&shape_id) else {
            out.insert(format!("{name} kind"), "undefined".into());
            continue;
        };
        out.insert(format!("{name} kind"), kind_name(shape).into());
        trait_facts(&name, &shape.traits, &mut out);
        match &shape.body {
            ShapeBody::Service(s) => {
                out.insert(
                    format!("{name} version"),
                    s.version.clone().unwrap_or_default(),
                );
                out.insert(format!("{name} operations"), id_list(&s.operations));
                out.insert(format!("{name} resources"), id_list(&s.resources));
                out.insert(format!("{name} errors"), id_list(&s.errors));
            }
            ShapeBody::Operation(o) => {
                out.insert(format!("{name} input"), short(&o.input));
                out.insert(format!("{name} output"), short(&o.output));
                out.insert(format!("{name} errors"), id_list(&o.errors));
            }
            // IVS Chat has no resources; one appearing shows up as a `kind` difference.
            ShapeBody::Resource(_) => {}
            ShapeBody::Members(members) => {
                let is_enum = matches!(shape.kind, ShapeKind::Enum | ShapeKind::IntEnum);
                for m in members {
                    let key = format!("{name}${}", m.name);
                    if !is_enum {
                        let target_kind = model.shape(&m.target).map_or("undefined", kind_name);
                        out.insert(format!("{key} target"), short(&m.target));
                        out.insert(format!("{key} target-kind"), target_kind.into());
                    }
                    trait_facts(&key, &m.traits, &mut out);
                }
                // A 1.0 string enum: the same facts an `enum` shape's members give.
                for def in shape.traits.legacy_enum().unwrap_or_default() {
                    let member = def.name.clone().unwrap_or_else(|| def.value.clone());
                    out.insert(
                        format!("{name}${member} @{}", ids::ENUM_VALUE),
                        canonical(&Value::String(def.value)),
                    );
                }
            }
        }
    }
    out
}

/// Keys whose value differs or that only one side has: key → (ours, published).
type Differences = BTreeMap<String, (Option<String>, Option<String>)>;

fn differences(ours: &Facts, published: &Facts) -> Differences {
    let keys: BTreeSet<&String> = ours.keys().chain(published.keys()).collect();
    keys.into_iter()
        .filter(|k| ours.get(*k) != published.get(*k))
        .map(|k| (k.clone(), (ours.get(k).cloned(), published.get(k).cloned())))
        .collect()
}

/// Problems: differences not in [`DELIBERATE_DEVIATIONS`], then listed deviations that are no
/// longer differences.
fn agreement_problems(diffs: &Differences) -> Vec<String> {
    let mut problems: Vec<String> = diffs
        .iter()
        .filter(|(k, _)| !DELIBERATE_DEVIATIONS.iter().any(|(d, _)| d == k))
        .map(|(k, (ours, published))| {
            format!("unlisted difference {k}: ours {ours:?}, published {published:?}")
        })
        .collect();
    for (key, _) in DELIBERATE_DEVIATIONS {
        if !diffs.contains_key(*key) {
            problems.push(format!("listed deviation {key} is no longer a difference"));
        }
    }
    problems
}

#[test]
fn our_model_loads_and_validates() {
    let model = load(OURS);
    let svc = model.shape(&service()).expect("service shape exists");
    assert_eq!(svc.kind, ShapeKind::Service);
    assert_eq!(
        svc.as_service().and_then(|s| s.version.as_deref()),
        Some("2020-07-14")
    );
    let aws = svc.traits.aws_service().expect("aws.api#service");
    assert_eq!(aws.sdk_id, "ivschat");
    assert_eq!(aws.arn_namespace.as_deref(), Some("ivschat"));
    assert_eq!(aws.cloud_formation_name.as_deref(), Some("IVSChat"));
    assert_eq!(
        aws.cloud_trail_event_source.as_deref(),
        Some("ivschat.amazonaws.com")
    );
    assert_eq!(svc.traits.sigv4_name(), Some("ivschat"));
    assert!(svc.traits.rest_json1().is_some(), "restJson1 protocol");
    assert_eq!(
        svc.traits.title(),
        Some("Amazon Interactive Video Service Chat")
    );
    assert!(
        svc.traits.endpoint_rule_set().is_none(),
        "endpoint rules come later"
    );
    assert_eq!(model.operations_of(&service()).len(), 17);
}

#[test]
fn every_shape_and_member_is_documented_in_html() {
    let model = load(OURS);
    let mut undocumented = Vec::new();
    for shape_id in model.closure_of(&service()) {
        if shape_id.is_prelude() {
            continue;
        }
        let shape = model.shape(&shape_id).expect("closure shapes exist");
        let mut check = |what: String, traits: &Traits| match traits.documentation() {
            Some(d) if d.starts_with("<p>") && (d.ends_with("</p>") || d.ends_with("</ul>")) => {}
            other => undocumented.push(format!("{what}: {other:?}")),
        };
        check(short(&shape_id), &shape.traits);
        // List and map members are described by their container.
        if matches!(
            shape.kind,
            ShapeKind::Structure | ShapeKind::Union | ShapeKind::Enum
        ) {
            for m in shape.members() {
                check(format!("{}${}", short(&shape_id), m.name), &m.traits);
            }
        }
    }
    assert!(
        undocumented.is_empty(),
        "shapes or members without HTML documentation:\n{}",
        undocumented.join("\n")
    );
}

#[test]
fn agrees_with_the_published_model() {
    let ours = facts(&load(OURS));
    let published = facts(&load(PUBLISHED));
    // Guard against a vacuous comparison: the published closure really was read.
    assert_eq!(
        published.get(&format!("{} @{}.name", short(&service()), ids::SIGV4)),
        Some(&"\"ivschat\"".to_string())
    );
    assert_eq!(
        published
            .get("TagResourceRequest$resourceArn @smithy.api#httpLabel")
            .map(String::as_str),
        Some("{}")
    );
    assert!(published.len() > 500, "only {} facts", published.len());

    let problems = agreement_problems(&differences(&ours, &published));
    assert!(
        problems.is_empty(),
        "our model and the published one disagree:\n{}",
        problems.join("\n")
    );
}

fn members_mut<'m>(model: &'m mut Model, shape: &str) -> &'m mut Vec<Member> {
    match &mut model.shape_mut(&id(shape)).expect("shape exists").body {
        ShapeBody::Members(members) => members,
        _ => panic!("{shape} has no members"),
    }
}

/// The comparison is only worth something if it notices changes: alter our model in the ways
/// the brief names and check each is reported.
#[test]
fn agreement_check_reports_changes() {
    let published = facts(&load(PUBLISHED));
    let pristine = load(OURS);
    assert!(agreement_problems(&differences(&facts(&pristine), &published)).is_empty());

    let mut model = pristine.clone();
    let set_trait = |model: &mut Model, shape: &str, member: Option<&str>, t: &str, v: Value| {
        let shape = model.shape_mut(&id(shape)).expect("shape exists");
        let traits = match (member, &mut shape.body) {
            (None, _) => &mut shape.traits,
            (Some(name), ShapeBody::Members(members)) => {
                &mut members
                    .iter_mut()
                    .find(|m| m.name == name)
                    .expect("member exists")
                    .traits
            }
            _ => panic!("{t}: not a member shape"),
        };
        traits.insert(t.parse().expect("trait id"), v);
    };
    set_trait(
        &mut model,
        "GetRoom",
        None,
        ids::HTTP,
        serde_json::json!({"method": "GET", "uri": "/GetRoom"}),
    );
    set_trait(
        &mut model,
        "ThrottlingException",
        None,
        ids::HTTP_ERROR,
        Value::from(503),
    );
    set_trait(
        &mut model,
        "RoomID",
        None,
        ids::LENGTH,
        serde_json::json!({"min": 1, "max": 12}),
    );
    set_trait(
        &mut model,
        "ResourceArn",
        None,
        ids::PATTERN,
        Value::from("^arn:aws:ivschat:[a-z0-9-]+:[0-9]+:[a-z-]/[a-zA-Z0-9-]+$"),
    );
    set_trait(
        &mut model,
        "UntagResourceRequest",
        Some("tagKeys"),
        ids::HTTP_QUERY,
        Value::from("keys"),
    );
    let members = members_mut(&mut model, "CreateChatTokenRequest");
    members
        .iter_mut()
        .find(|m| m.name == "userId")
        .expect("userId")
        .traits
        .remove(ids::REQUIRED);
    members.retain(|m| m.name != "attributes");
    members_mut(&mut model, "FallbackResult").retain(|m| m.name != "DENY");
    let problems = agreement_problems(&differences(&facts(&model), &published));
    let expected = [
        "unlisted difference GetRoom @smithy.api#http.method",
        "unlisted difference ThrottlingException @smithy.api#httpError",
        "unlisted difference RoomID @smithy.api#length.min",
        "unlisted difference UntagResourceRequest$tagKeys @smithy.api#httpQuery",
        "unlisted difference CreateChatTokenRequest$userId @smithy.api#required",
        "unlisted difference CreateChatTokenRequest$attributes target",
        "unlisted difference FallbackResult$DENY @smithy.api#enumValue",
        "listed deviation ResourceArn @smithy.api#pattern is no longer a difference",
    ];
    for e in expected {
        assert!(
            problems.iter().any(|p| p.starts_with(e)),
            "`{e}` not reported; got:\n{}",
            problems.join("\n")
        );
    }
}

#[test]
fn input_and_output_markers() {
    let model = load(OURS);
    let unit = ShapeId::new("smithy.api", "Unit");
    let mut inputs = BTreeSet::new();
    let mut outputs = BTreeSet::new();
    for op in model.operations_of(&service()) {
        let o = model
            .shape(&op)
            .and_then(Shape::as_operation)
            .expect("operation");
        if o.input != unit {
            inputs.insert(o.input.clone());
        }
        if o.output != unit {
            outputs.insert(o.output.clone());
        }
    }
    let marked = |t: &str| -> BTreeSet<ShapeId> {
        model
            .shapes()
            .filter(|s| s.traits.has(t))
            .map(|s| s.id.clone())
            .collect()
    };
    assert_eq!(marked(ids::INPUT), inputs, "@input on exactly the inputs");
    assert_eq!(
        marked(ids::OUTPUT),
        outputs,
        "@output on exactly the outputs"
    );
    // @input/@output structures belong to one operation and are not reused as member targets.
    for shape in model.shapes() {
        for m in shape.members() {
            assert!(
                !inputs.contains(&m.target) && !outputs.contains(&m.target),
                "{} targets an operation input/output",
                m.id
            );
        }
    }
}

#[test]
fn paginated_members_exist() {
    let model = load(OURS);
    let mut checked = 0;
    for op in model.operations_of(&service()) {
        let Some(p) = model.paginated(&service(), &op) else {
            continue;
        };
        let o = model
            .shape(&op)
            .and_then(Shape::as_operation)
            .expect("operation");
        let input = model.shape(&o.input).expect("input");
        let output = model.shape(&o.output).expect("output");
        let target_kind = |shape: &Shape, name: &Option<String>| {
            let name = name
                .as_deref()
                .unwrap_or_else(|| panic!("{op}: @paginated leaves a member unset: {p:?}"));
            let m = shape
                .member(name)
                .unwrap_or_else(|| panic!("{op}: `{name}` is not a member of {}", shape.id));
            model.shape(&m.target).expect("target").kind
        };
        assert_eq!(target_kind(input, &p.input_token), ShapeKind::String);
        assert_eq!(target_kind(output, &p.output_token), ShapeKind::String);
        assert_eq!(target_kind(input, &p.page_size), ShapeKind::Integer);
        assert_eq!(target_kind(output, &p.items), ShapeKind::List);
        checked += 1;
    }
    assert_eq!(checked, 2, "ListRooms and ListLoggingConfigurations");
}

/// Example values for every `@pattern` shape: (shape, accepted, refused). Real IDs are 12
/// alphanumerics; ARNs have the form the API reference documents.
const PATTERN_CASES: &[(&str, &[&str], &[&str])] = &[
    (
        "ResourceArn",
        &[
            "arn:aws:ivschat:us-west-2:123456789012:room/g1H2I3j4k5L6",
            "arn:aws:ivschat:us-west-2:123456789012:logging-configuration/ABcdef34ghIJ",
        ],
        &[
            "arn:aws:ivschat:us-west-2:123456789012:room",
            "arn:aws:ivs:us-west-2:123456789012:channel/abcdEFGH1234",
            "room/g1H2I3j4k5L6",
        ],
    ),
    (
        "RoomArn",
        &["arn:aws:ivschat:us-west-2:123456789012:room/g1H2I3j4k5L6"],
        &["arn:aws:ivschat:us-west-2:123456789012:logging-configuration/ABcdef34ghIJ"],
    ),
    (
        "RoomIdentifier",
        &["arn:aws:ivschat:us-west-2:123456789012:room/g1H2I3j4k5L6"],
        &["g1H2I3j4k5L6"],
    ),
    (
        "LoggingConfigurationArn",
        &["arn:aws:ivschat:us-west-2:123456789012:logging-configuration/ABcdef34ghIJ"],
        &["arn:aws:ivschat:us-west-2:123456789012:room/g1H2I3j4k5L6"],
    ),
    (
        "LoggingConfigurationIdentifier",
        &["arn:aws:ivschat:us-west-2:123456789012:logging-configuration/ABcdef34ghIJ"],
        &["ABcdef34ghIJ"],
    ),
    ("RoomID", &["g1H2I3j4k5L6"], &["g1H2-3j4k5L6", "g1H2I3"]),
    (
        "LoggingConfigurationID",
        &["ABcdef34ghIJ"],
        &["ABcdef34ghI_"],
    ),
    ("MessageID", &["5Wv8x0dBeQjH"], &["5Wv8x0dBeQj"]),
    ("ID", &["Ab1Cd2Ef3Gh4"], &["Ab1Cd2Ef3Gh4!"]),
    ("ResourceId", &["g1H2I3j4k5L6"], &["room/g1H2I3j4k5L6", ""]),
    (
        "LambdaArn",
        &[
            "",
            "arn:aws:lambda:us-west-2:123456789012:function:review-messages",
            "arn:aws:lambda:us-west-2:123456789012:function:review-messages:live",
        ],
        &[
            "arn:aws:lambda:us-west-2:1234:function:review-messages",
            "arn:aws:s3:::my-bucket",
        ],
    ),
    ("RoomName", &["", "team-chat_2"], &["team chat"]),
    (
        "LoggingConfigurationName",
        &["", "all-rooms_1"],
        &["all rooms"],
    ),
    ("BucketName", &["chat-logs.example"], &["Chat_Logs", "ab"]),
    (
        "LogGroupName",
        &["/aws/ivschat/room-logs#1"],
        &["room logs", ""],
    ),
    (
        "DeliveryStreamName",
        &["chat-logs_1.stream"],
        &["chat/logs"],
    ),
];

/// Whether a string shape of `model` accepts `value` (`@length` in code points, then
/// `@pattern`, which Smithy does not anchor implicitly).
fn accepts(model: &Model, shape: &str, value: &str) -> bool {
    let shape = model.shape(&id(shape)).expect("shape exists");
    if let Some(len) = shape.traits.length() {
        let n = value.chars().count() as u64;
        if len.min.is_some_and(|min| n < min) || len.max.is_some_and(|max| n > max) {
            return false;
        }
    }
    shape.traits.pattern().is_none_or(|p| {
        Regex::new(p)
            .unwrap_or_else(|e| panic!("{}: {e}", shape.id))
            .is_match(value)
    })
}

#[test]
fn patterns_accept_real_identifiers() {
    let model = load(OURS);
    // Every pattern in our model compiles and has example cases.
    let mut with_pattern = BTreeSet::new();
    for shape in model.shapes() {
        let members = shape.members().iter().map(|m| (&m.id, &m.traits));
        for (what, traits) in std::iter::once((&shape.id, &shape.traits)).chain(members) {
            if let Some(p) = traits.pattern() {
                Regex::new(p).unwrap_or_else(|e| panic!("{what}: {e}"));
                with_pattern.insert(short(what));
            }
        }
    }
    let cased: BTreeSet<String> = PATTERN_CASES
        .iter()
        .map(|(s, _, _)| s.to_string())
        .collect();
    assert_eq!(
        with_pattern, cased,
        "every @pattern shape has example cases"
    );

    let mut wrong = Vec::new();
    for (shape, good, bad) in PATTERN_CASES {
        for v in *good {
            if !accepts(&model, shape, v) {
                wrong.push(format!("{shape} refuses {v:?}"));
            }
        }
        for v in *bad {
            if accepts(&model, shape, v) {
                wrong.push(format!("{shape} accepts {v:?}"));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// The published model judges the same examples the same way except where we deviate: this
/// is the check for genuine errors in its patterns, and the evidence for the deviation.
#[test]
fn published_patterns_refuse_only_real_resource_arns() {
    let published = load(PUBLISHED);
    let mut refused = Vec::new();
    for (shape, good, bad) in PATTERN_CASES {
        for v in *good {
            if !accepts(&published, shape, v) {
                refused.push(format!("{shape} {v}"));
            }
        }
        for v in *bad {
            assert!(
                !accepts(&published, shape, v),
                "published {shape} accepts {v:?}"
            );
        }
    }
    assert_eq!(
        refused,
        [
            "ResourceArn arn:aws:ivschat:us-west-2:123456789012:room/g1H2I3j4k5L6",
            "ResourceArn arn:aws:ivschat:us-west-2:123456789012:logging-configuration/ABcdef34ghIJ",
        ]
    );
}

fn range_text(min: Option<String>, max: Option<String>) -> String {
    format!(
        "{}..{}",
        min.unwrap_or_default(),
        max.map(|m| format!("={m}")).unwrap_or_default()
    )
}

/// Constraints and other notable traits of a shape or member, space separated.
fn trait_summary(traits: &Traits) -> String {
    let mut parts = Vec::new();
    if traits.is_required() {
        parts.push("required".to_string());
    }
    if let Some(d) = traits.default_value() {
        parts.push(format!("default({d})"));
    }
    if traits.is_http_label() {
        parts.push("label".into());
    }
    if let Some(q) = traits.http_query() {
        parts.push(format!("query({q})"));
    }
    if let Some(h) = traits.http_header() {
        parts.push(format!("header({h})"));
    }
    if let (Some(fault), Some(code)) = (traits.error(), traits.http_error()) {
        parts.push(format!("error({fault:?}, {code})").to_lowercase());
    }
    if traits.retryable().is_some() {
        parts.push("retryable".into());
    }
    if traits.is_input() {
        parts.push("input".into());
    }
    if traits.is_output() {
        parts.push("output".into());
    }
    if traits.is_sensitive() {
        parts.push("sensitive".into());
    }
    if let Some(l) = traits.length() {
        parts.push(format!(
            "length({})",
            range_text(l.min.map(|n| n.to_string()), l.max.map(|n| n.to_string()))
        ));
    }
    if let Some(r) = traits.range() {
        parts.push(format!(
            "range({})",
            range_text(r.min.map(|n| n.to_string()), r.max.map(|n| n.to_string()))
        ));
    }
    if let Some(p) = traits.pattern() {
        parts.push(format!("pattern({p})"));
    }
    if let Some(f) = traits.get(ids::TIMESTAMP_FORMAT).and_then(Value::as_str) {
        parts.push(format!("timestampFormat({f})"));
    }
    parts.join(" ")
}

/// A readable summary: the service, one line per operation, then every shape of the closure.
fn summary(model: &Model) -> String {
    let svc_id = service();
    let svc = model.shape(&svc_id).expect("service");
    let mut out = String::new();
    let aws = svc.traits.aws_service().unwrap_or_default();
    let _ = writeln!(
        out,
        "service {} version {} sdkId {} signing {} protocol {}",
        short(&svc_id),
        svc.as_service()
            .and_then(|s| s.version.as_deref())
            .unwrap_or("?"),
        aws.sdk_id,
        svc.traits.sigv4_name().unwrap_or("?"),
        if svc.traits.rest_json1().is_some() {
            "restJson1"
        } else {
            "?"
        },
    );
    out.push('\n');
    for op_id in model.operations_of(&svc_id) {
        let op = model.shape(&op_id).expect("operation");
        let data = op.as_operation().expect("operation data");
        let http = op.traits.http().expect("@http");
        let errors: Vec<String> = model
            .errors_of(&svc_id, &op_id)
            .iter()
            .map(|e| {
                let code = model.shape(e).and_then(|s| s.traits.http_error());
                format!(
                    "{}({})",
                    short(e),
                    code.map_or("?".into(), |c| c.to_string())
                )
            })
            .collect();
        let _ = write!(
            out,
            "{} {} -> {}  {}({}) -> {}  errors: {}",
            http.method,
            http.uri.text,
            http.code,
            short(&op_id),
            short(&data.input),
            short(&data.output),
            errors.join(", ")
        );
        let mut tags = Vec::new();
        if op.traits.is_readonly() {
            tags.push("readonly".to_string());
        }
        if op.traits.is_idempotent() {
            tags.push("idempotent".to_string());
        }
        if let Some(p) = model.paginated(&svc_id, &op_id) {
            tags.push(format!(
                "paginated(in {}, out {}, pageSize {}, items {})",
                p.input_token.as_deref().unwrap_or("-"),
                p.output_token.as_deref().unwrap_or("-"),
                p.page_size.as_deref().unwrap_or("-"),
                p.items.as_deref().unwrap_or("-"),
            ));
        }
        if !tags.is_empty() {
            let _ = write!(out, "  [{}]", tags.join(", "));
        }
        out.push('\n');
    }
    out.push('\n');
    for shape_id in model.closure_of(&svc_id) {
        let Some(shape) = model.shape(&shape_id) else {
            continue;
        };
        if shape_id.is_prelude() || matches!(shape.kind, ShapeKind::Service | ShapeKind::Operation)
        {
            continue;
        }
        let traits = trait_summary(&shape.traits);
        let _ = writeln!(
            out,
            "{} {}{}{}",
            short(&shape_id),
            shape.kind,
            if traits.is_empty() { "" } else { " " },
            traits
        );
        for m in shape.members() {
            if shape.kind == ShapeKind::Enum {
                let value = m.traits.get(ids::ENUM_VALUE).map(canonical);
                let _ = writeln!(out, "  {} = {}", m.name, value.unwrap_or_default());
                continue;
            }
            let traits = trait_summary(&m.traits);
            let _ = writeln!(
                out,
                "  {}: {}{}{}",
                m.name,
                short(&m.target),
                if traits.is_empty() { "" } else { "  " },
                traits
            );
        }
    }
    out
}

#[test]
fn summary_snapshot() {
    insta::assert_snapshot!(summary(&load(OURS)));
}

#[test]
fn the_json_ast_written_from_the_idl_loads_back_as_the_same_shapes() {
    // Tools that want JSON write it from the IDL (`cargo xtask model convert`); no copy is kept.
    let idl = load(OURS);
    let json = Model::load(idl.to_json_ast_string().as_bytes()).unwrap();
    let shapes = |m: &Model| m.shapes().cloned().collect::<Vec<Shape>>();
    assert_eq!(shapes(&json), shapes(&idl));
}
