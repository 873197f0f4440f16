//! Smithy's restJson1 `httpMalformedRequestTests` (`malformedRequests/*.smithy`) and the
//! `validation/*.smithy` constraint tests, as a Rust table run against the server generated from
//! `tests/fixtures/malformed.json` (a JSON AST transcription of those tests' operation shapes).
//!
//! The generated crate only exists at test time, so the test writes it next to a small runner
//! binary (`target/codegen-malformed/`), pipes every request of the table to the runner (which
//! drives `malformed::server::router` with `tower::ServiceExt::oneshot` and a service that always
//! succeeds), and compares each response with the protocol test's expected status,
//! `X-Amzn-Errortype` and, where the protocol test gives one, body. Every mismatch is listed,
//! not just the first.

mod common;

use std::io::Write as _;
use std::process::{Command, Stdio};

use heck::ToSnakeCase as _;
use serde_json::{Value, json};

/// One `httpMalformedRequestTests` entry. `$value:L` in `uri`, a header value or `body` is
/// replaced by each of `values` (the test's `testParameters`), `$value:S` by it as a JSON
/// string; `$inputLength:L` by the paired `lengths` entry.
struct Case {
    id: &'static str,
    method: &'static str,
    uri: &'static str,
    headers: &'static [(&'static str, &'static str)],
    body: &'static str,
    values: &'static [&'static str],
    lengths: &'static [&'static str],
    status: u16,
    error: &'static str,
    /// The protocol test's exact expected JSON body (templated like the request).
    expect_body: Option<&'static str>,
}

/// Request headers as (name, value).
type Headers = &'static [(&'static str, &'static str)];

const JSON: Headers = &[("content-type", "application/json")];

/// A case with no parameters and no body assertion (most `malformedRequests/` tests).
const fn case(
    id: &'static str,
    uri: &'static str,
    headers: &'static [(&'static str, &'static str)],
    body: &'static str,
    values: &'static [&'static str],
    status: u16,
    error: &'static str,
) -> Case {
    Case {
        id,
        method: "POST",
        uri,
        headers,
        body,
        values,
        lengths: &[],
        status,
        error,
        expect_body: None,
    }
}

/// A `validation/` case: 400 `ValidationException` with the given exact body.
const fn invalid(
    id: &'static str,
    uri: &'static str,
    body: &'static str,
    values: &'static [&'static str],
    lengths: &'static [&'static str],
    expect_body: &'static str,
) -> Case {
    Case {
        id,
        method: "POST",
        uri,
        headers: JSON,
        body,
        values,
        lengths,
        status: 400,
        error: "ValidationException",
        expect_body: Some(expect_body),
    }
}

const SER: &str = "SerializationException";
const NO_VALUE: &[&str] = &[""];
const INT_OVERFLOW: &[&str] = &[
    "-9223372000000000000",
    "9223372000000000000",
    "123000000000000000000000",
];
const INT_MALFORMED_BODY: &[&str] = &[
    "\"123\"",
    "true",
    "1.001",
    "2ABC",
    "0x42",
    "Infinity",
    "\"Infinity\"",
    "-Infinity",
    "\"-Infinity\"",
    "NaN",
    "\"NaN\"",
];
const INT_MALFORMED: &[&str] = &[
    "true",
    "1.001",
    "2ABC",
    "0x42",
    "Infinity",
    "-Infinity",
    "NaN",
];
const BOOL_COERCION: &[&str] = &[
    "True", "TRUE", "y", "Y", "yes", "Yes", "YES", "1", "on", "On", "ON", "False", "FALSE", "n",
    "N", "no", "No", "NO", "0", "off", "Off", "OFF",
];
const BOOL_BODY_STRING: &[&str] = &[
    "true", "True", "TRUE", "y", "Y", "yes", "Yes", "YES", "1", "on", "On", "ON", "false", "False",
    "FALSE", "n", "N", "no", "No", "NO", "0", "off", "Off", "OFF",
];
const DATE_TIMES: &[&str] = &[
    "1985-04-12T23:20:50.52Z",
    "1985-04-12T23:20:50Z",
    "1996-12-19T16:39:57-08:00",
];
const DATE_TIMES_ENCODED: &[&str] = &[
    "1985-04-12T23%3A20%3A50.52Z",
    "1985-04-12T23%3A20%3A50Z",
    "1996-12-19T16%3A39%3A57-08%3A00",
];
const HTTP_DATES_ENCODED: &[&str] = &[
    "Tue%2C%2029%20Apr%202014%2018%3A30%3A38%20GMT",
    "Sun%2C%2002%20Jan%202000%2020%3A34%3A56.000%20GMT",
];
const EPOCHS: &[&str] = &["1515531081.1234", "1515531081"];
const EPOCH_MALFORMED: &[&str] = &[
    "true",
    "1515531081ABC",
    "0x42",
    "1515531081.123.456",
    "Infinity",
    "-Infinity",
    "NaN",
];
const OTHER_8601: &[&str] = &[
    "1996-12-19T16:39:57+00",
    "1996-12-19T16:39:57+00Z",
    "1996-12-19T16:39:57",
    "1996-12-19T163957",
    "19961219T163957Z",
    "19961219T163957",
    "19961219T16:39:57Z",
    "19961219T16:39:57",
    "1996-12-19T16:39Z",
    "1996-12-19T16:39",
    "1996-12-19T1639",
    "1996-12-19T16Z",
    "1996-12-19T16",
    "1996-12-19 16:39:57Z",
    "2011-12-03T10:15:30+01:00[Europe/Paris]",
];
const ENUM_BAD: &[&str] = &["ABC", "XYZ"];
const PATTERN_BAD: &[&str] = &["ABC", "xyz"];

fn unique(member: &'static str) -> String {
    format!(
        r#"{{"message": "1 validation error detected. Value at '/{member}' failed to satisfy constraint: Member must have unique values", "fieldList": [{{"message": "Value at '/{member}' failed to satisfy constraint: Member must have unique values", "path": "/{member}"}}]}}"#
    )
}

/// The table. Ids are the protocol tests'; a suffix names the variant when one protocol test
/// is split (header vs query, etc.).
fn cases() -> Vec<Case> {
    let mut cases = vec![
        // malformed-integer.smithy
        case(
            "RestJsonBodyIntegerUnderflowOverflow",
            "/MalformedInteger/1",
            JSON,
            r#"{ "integerInBody" : $value:L }"#,
            INT_OVERFLOW,
            400,
            SER,
        ),
        case(
            "RestJsonPathIntegerUnderflowOverflow",
            "/MalformedInteger/$value:L",
            &[],
            "",
            INT_OVERFLOW,
            400,
            SER,
        ),
        case(
            "RestJsonQueryIntegerUnderflowOverflow",
            "/MalformedInteger/1?integerInQuery=$value:L",
            &[],
            "",
            INT_OVERFLOW,
            400,
            SER,
        ),
        case(
            "RestJsonHeaderIntegerUnderflowOverflow",
            "/MalformedInteger/1",
            &[("integerInHeader", "$value:L")],
            "",
            INT_OVERFLOW,
            400,
            SER,
        ),
        case(
            "RestJsonBodyIntegerMalformedValueRejected",
            "/MalformedInteger/1",
            JSON,
            r#"{ "integerInBody" : $value:L }"#,
            INT_MALFORMED_BODY,
            400,
            SER,
        ),
        case(
            "RestJsonPathIntegerMalformedValueRejected",
            "/MalformedInteger/$value:L",
            &[],
            "",
            INT_MALFORMED,
            400,
            SER,
        ),
        case(
            "RestJsonQueryIntegerMalformedValueRejected",
            "/MalformedInteger/1?integerInQuery=$value:L",
            &[],
            "",
            INT_MALFORMED,
            400,
            SER,
        ),
        case(
            "RestJsonHeaderIntegerMalformedValueRejected",
            "/MalformedInteger/1",
            &[("integerInHeader", "$value:L")],
            "",
            INT_MALFORMED,
            400,
            SER,
        ),
        // malformed-boolean.smithy
        case(
            "RestJsonBodyBooleanStringCoercion",
            "/MalformedBoolean/true",
            JSON,
            r#"{ "booleanInBody" : $value:S }"#,
            BOOL_BODY_STRING,
            400,
            SER,
        ),
        case(
            "RestJsonBodyBooleanBadLiteral",
            "/MalformedBoolean/true",
            JSON,
            r#"{ "booleanInBody" : $value:L }"#,
            BOOL_COERCION,
            400,
            SER,
        ),
        case(
            "RestJsonPathBooleanStringCoercion",
            "/MalformedBoolean/$value:L",
            &[],
            "",
            BOOL_COERCION,
            400,
            SER,
        ),
        case(
            "RestJsonQueryBooleanStringCoercion",
            "/MalformedBoolean/true?booleanInQuery=$value:L",
            &[],
            "",
            BOOL_COERCION,
            400,
            SER,
        ),
        case(
            "RestJsonHeaderBooleanStringCoercion",
            "/MalformedBoolean/true",
            &[("booleanInHeader", "$value:L")],
            "",
            BOOL_COERCION,
            400,
            SER,
        ),
        // malformed-timestamp-path.smithy
        case(
            "RestJsonPathTimestampDefaultRejectsHttpDate",
            "/MalformedTimestampPathDefault/$value:L",
            &[],
            "",
            HTTP_DATES_ENCODED,
            400,
            SER,
        ),
        case(
            "RestJsonPathTimestampDefaultRejectsEpochSeconds",
            "/MalformedTimestampPathDefault/$value:L",
            &[],
            "",
            EPOCHS,
            400,
            SER,
        ),
        case(
            "RestJsonPathTimestampDefaultRejectsUTCOffsets",
            "/MalformedTimestampPathDefault/1996-12-19T16%3A39%3A57-08%3A00",
            &[],
            "",
            NO_VALUE,
            400,
            SER,
        ),
        case(
            "RestJsonPathTimestampHttpDateRejectsDateTime",
            "/MalformedTimestampPathHttpDate/$value:L",
            &[],
            "",
            DATE_TIMES_ENCODED,
            400,
            SER,
        ),
        case(
            "RestJsonPathTimestampHttpDateRejectsEpochSeconds",
            "/MalformedTimestampPathHttpDate/$value:L",
            &[],
            "",
            EPOCHS,
            400,
            SER,
        ),
        case(
            "RestJsonPathTimestampEpochRejectsDateTime",
            "/MalformedTimestampPathEpoch/$value:L",
            &[],
            "",
            DATE_TIMES_ENCODED,
            400,
            SER,
        ),
        case(
            "RestJsonPathTimestampEpochRejectsHttpDate",
            "/MalformedTimestampPathEpoch/$value:L",
            &[],
            "",
            HTTP_DATES_ENCODED,
            400,
            SER,
        ),
        case(
            "RestJsonPathTimestampEpochRejectsMalformedValues",
            "/MalformedTimestampPathEpoch/$value:L",
            &[],
            "",
            EPOCH_MALFORMED,
            400,
            SER,
        ),
        // malformed-timestamp-query.smithy
        case(
            "RestJsonQueryTimestampDefaultRejectsHttpDate",
            "/MalformedTimestampQueryDefault?timestamp=$value:L",
            &[],
            "",
            HTTP_DATES_ENCODED,
            400,
            SER,
        ),
        case(
            "RestJsonQueryTimestampDefaultRejectsEpochSeconds",
            "/MalformedTimestampQueryDefault?timestamp=$value:L",
            &[],
            "",
            EPOCHS,
            400,
            SER,
        ),
        case(
            "RestJsonQueryTimestampDefaultRejectsUTCOffsets",
            "/MalformedTimestampQueryDefault?timestamp=1996-12-19T16%3A39%3A57-08%3A00",
            &[],
            "",
            NO_VALUE,
            400,
            SER,
        ),
        case(
            "RestJsonQueryTimestampHttpDateRejectsDateTime",
            "/MalformedTimestampQueryHttpDate?timestamp=$value:L",
            &[],
            "",
            DATE_TIMES_ENCODED,
            400,
            SER,
        ),
        case(
            "RestJsonQueryTimestampHttpDateRejectsEpochSeconds",
            "/MalformedTimestampQueryHttpDate?timestamp=$value:L",
            &[],
            "",
            EPOCHS,
            400,
            SER,
        ),
        case(
            "RestJsonQueryTimestampEpochRejectsDateTime",
            "/MalformedTimestampQueryEpoch?timestamp=$value:L",
            &[],
            "",
            DATE_TIMES_ENCODED,
            400,
            SER,
        ),
        case(
            "RestJsonQueryTimestampEpochRejectsHttpDate",
            "/MalformedTimestampQueryEpoch?timestamp=$value:L",
            &[],
            "",
            HTTP_DATES_ENCODED,
            400,
            SER,
        ),
        case(
            "RestJsonQueryTimestampEpochRejectsMalformedValues",
            "/MalformedTimestampQueryEpoch?timestamp=$value:L",
            &[],
            "",
            EPOCH_MALFORMED,
            400,
            SER,
        ),
        // malformed-timestamp-header.smithy
        case(
            "RestJsonHeaderTimestampDefaultRejectsDateTime",
            "/MalformedTimestampHeaderDefault",
            &[("timestamp", "$value:L")],
            "",
            DATE_TIMES,
            400,
            SER,
        ),
        case(
            "RestJsonHeaderTimestampDefaultRejectsEpochSeconds",
            "/MalformedTimestampHeaderDefault",
            &[("timestamp", "$value:L")],
            "",
            EPOCHS,
            400,
            SER,
        ),
        case(
            "RestJsonHeaderTimestampDateTimeRejectsHttpDate",
            "/MalformedTimestampHeaderDateTime",
            &[("timestamp", "Tue, 29 Apr 2014 18:30:38 GMT")],
            "",
            NO_VALUE,
            400,
            SER,
        ),
        case(
            "RestJsonHeaderTimestampDateTimeRejectsEpochSeconds",
            "/MalformedTimestampHeaderDateTime",
            &[("timestamp", "$value:L")],
            "",
            EPOCHS,
            400,
            SER,
        ),
        case(
            "RestJsonHeaderTimestampDateTimeRejectsDifferent8601Formats",
            "/MalformedTimestampHeaderDateTime",
            &[("timestamp", "$value:L")],
            "",
            OTHER_8601,
            400,
            SER,
        ),
        case(
            "RestJsonHeaderTimestampEpochRejectsDateTime",
            "/MalformedTimestampHeaderEpoch",
            &[("timestamp", "$value:L")],
            "",
            DATE_TIMES,
            400,
            SER,
        ),
        case(
            "RestJsonHeaderTimestampEpochRejectsHttpDate",
            "/MalformedTimestampHeaderEpoch",
            &[("timestamp", "Tue, 29 Apr 2014 18:30:38 GMT")],
            "",
            NO_VALUE,
            400,
            SER,
        ),
        case(
            "RestJsonHeaderTimestampEpochRejectsMalformedValues",
            "/MalformedTimestampHeaderEpoch",
            &[("timestamp", "$value:L")],
            "",
            EPOCH_MALFORMED,
            400,
            SER,
        ),
        // malformed-timestamp-body.smithy
        case(
            "RestJsonBodyTimestampDefaultRejectsDateTime",
            "/MalformedTimestampBodyDefault",
            JSON,
            r#"{ "timestamp": $value:S }"#,
            DATE_TIMES,
            400,
            SER,
        ),
        case(
            "RestJsonBodyTimestampDefaultRejectsStringifiedEpochSeconds",
            "/MalformedTimestampBodyDefault",
            JSON,
            r#"{ "timestamp": $value:S }"#,
            EPOCHS,
            400,
            SER,
        ),
        case(
            "RestJsonBodyTimestampDefaultRejectsMalformedEpochSeconds",
            "/MalformedTimestampBodyDefault",
            JSON,
            r#"{ "timestamp": $value:L }"#,
            &[
                "true",
                "1515531081ABC",
                "0x42",
                "1515531081.123.456",
                "Infinity",
                "\"Infinity\"",
                "-Infinity",
                "\"-Infinity\"",
                "NaN",
                "\"NaN\"",
            ],
            400,
            SER,
        ),
        case(
            "RestJsonBodyTimestampDefaultRejectsHttpDate",
            "/MalformedTimestampBodyDefault",
            JSON,
            r#"{ "timestamp": $value:S }"#,
            &["Tue, 29 Apr 2014 18:30:38 GMT"],
            400,
            SER,
        ),
        case(
            "RestJsonBodyTimestampDateTimeRejectsHttpDate",
            "/MalformedTimestampBodyDateTime",
            JSON,
            r#"{ "timestamp": $value:S }"#,
            &["Tue, 29 Apr 2014 18:30:38 GMT"],
            400,
            SER,
        ),
        case(
            "RestJsonBodyTimestampDateTimeRejectsEpochSeconds",
            "/MalformedTimestampBodyDateTime",
            JSON,
            r#"{ "timestamp": $value:L }"#,
            EPOCHS,
            400,
            SER,
        ),
        case(
            "RestJsonBodyTimestampDateTimeRejectsUTCOffsets",
            "/MalformedTimestampBodyDateTime",
            JSON,
            r#"{ "timestamp": $value:S }"#,
            &["1996-12-19T16:39:57-08:00"],
            400,
            SER,
        ),
        case(
            "RestJsonBodyTimestampDateTimeRejectsDifferent8601Formats",
            "/MalformedTimestampBodyDateTime",
            JSON,
            r#"{ "timestamp": $value:S }"#,
            OTHER_8601,
            400,
            SER,
        ),
        case(
            "RestJsonBodyTimestampHttpDateRejectsDateTime",
            "/MalformedTimestampBodyHttpDate",
            JSON,
            r#"{ "timestamp": $value:S }"#,
            DATE_TIMES,
            400,
            SER,
        ),
        case(
            "RestJsonBodyTimestampHttpDateRejectsEpoch",
            "/MalformedTimestampBodyHttpDate",
            JSON,
            r#"{ "timestamp": $value:L }"#,
            EPOCHS,
            400,
            SER,
        ),
        // malformed-request-body.smithy
        case(
            "RestJsonInvalidJsonBody",
            "/MalformedRequestBody",
            JSON,
            "$value:L",
            &[
                "{[",
                "{ \"int\": 10 }abc",
                "abc{ \"int\": 10 }",
                "{\n  \"int\": 10 // the integer should be 10\n}",
                "{\n  \"int\": 10 /* the integer should be 10 */\n}",
                "{\"int\" :\u{c}10}",
                "{'int': 10}",
                "{\"int\": 10,}",
            ],
            400,
            SER,
        ),
        case(
            "RestJsonTechnicallyValidJsonBody",
            "/MalformedRequestBody",
            JSON,
            "$value:L",
            &["[{ \"int\": 10}]", "10", "null"],
            400,
            SER,
        ),
        // malformed-list.smithy, malformed-map.smithy
        case(
            "RestJsonBodyMalformedListNullItem",
            "/MalformedList",
            JSON,
            r#"{ "bodyList" : ["a", null, "b", "c"] }"#,
            NO_VALUE,
            400,
            SER,
        ),
        case(
            "RestJsonBodyMalformedListUnclosed",
            "/MalformedList",
            JSON,
            r#"{ "bodyList" : ["a", "b", "c" }"#,
            NO_VALUE,
            400,
            SER,
        ),
        case(
            "RestJsonBodyMalformedMapNullKey",
            "/MalformedMap",
            JSON,
            r#"{ "bodyMap" : { null: "abc" }  }"#,
            NO_VALUE,
            400,
            SER,
        ),
        case(
            "RestJsonBodyMalformedMapNullValue",
            "/MalformedMap",
            JSON,
            r#"{ "bodyMap" : { "abc": null }  }"#,
            NO_VALUE,
            400,
            SER,
        ),
        // malformed-union.smithy
        case(
            "RestJsonMalformedUnionMultipleFieldsSet",
            "/MalformedUnion",
            JSON,
            r#"{ "union" : { "int": 2, "string": "three" } }"#,
            NO_VALUE,
            400,
            SER,
        ),
        case(
            "RestJsonMalformedUnionKnownAndUnknownFieldsSet",
            "/MalformedUnion",
            JSON,
            r#"{ "union" : { "int": 2, "unknownField": "three" } }"#,
            NO_VALUE,
            400,
            SER,
        ),
        case(
            "RestJsonMalformedUnionNoFieldsSet",
            "/MalformedUnion",
            JSON,
            r#"{ "union" : { "int": null } }"#,
            NO_VALUE,
            400,
            SER,
        ),
        case(
            "RestJsonMalformedUnionEmptyObjectNoFieldsSet",
            "/MalformedUnion",
            JSON,
            r#"{ "union" : {  } }"#,
            NO_VALUE,
            400,
            SER,
        ),
        case(
            "RestJsonMalformedUnionValueIsArray",
            "/MalformedUnion",
            JSON,
            r#"{ "union" : ["int"] }"#,
            NO_VALUE,
            400,
            SER,
        ),
        case(
            "RestJsonMalformedUnionUnknownMember",
            "/MalformedUnion",
            JSON,
            r#"{ "union" : { "unknown": "hello" } }"#,
            NO_VALUE,
            400,
            SER,
        ),
        // malformed-blob.smithy, malformed-string.smithy
        case(
            "RestJsonBodyMalformedBlobInvalidBase64",
            "/MalformedBlob",
            JSON,
            r#"{ "blob" : $value:L }"#,
            &[
                "blob",
                "\"xyz\"",
                "\"YmxvYg=\"",
                "[98, 108, 11, 98]",
                "[\"b\", \"l\",\"o\",\"b\"]",
                "981081198",
                "true",
                "[][]",
                "-_==",
            ],
            400,
            SER,
        ),
        case(
            "RestJsonHeaderMalformedStringInvalidBase64MediaType",
            "/MalformedString",
            &[
                ("content-type", "application/json"),
                ("amz-media-typed-header", "$value:L"),
            ],
            "",
            &["xyz", "YmxvYg=", "[][]", "-_=="],
            400,
            SER,
        ),
        // malformed-content-type.smithy
        case(
            "RestJsonWithoutBodyExpectsEmptyContentType",
            "/MalformedContentTypeWithoutBody",
            JSON,
            "{}",
            NO_VALUE,
            415,
            "UnsupportedMediaTypeException",
        ),
        case(
            "RestJsonWithBodyExpectsApplicationJsonContentType",
            "/MalformedContentTypeWithBody",
            &[("content-type", "application/hal+json")],
            "{}",
            NO_VALUE,
            415,
            "UnsupportedMediaTypeException",
        ),
        case(
            "RestJsonWithBodyExpectsApplicationJsonContentTypeNoHeaders",
            "/MalformedContentTypeWithBody",
            &[],
            "{}",
            NO_VALUE,
            415,
            "UnsupportedMediaTypeException",
        ),
        case(
            "RestJsonWithPayloadExpectsModeledContentType",
            "/MalformedContentTypeWithPayload",
            JSON,
            "{}",
            NO_VALUE,
            415,
            "UnsupportedMediaTypeException",
        ),
        // The protocol test file applies this one to MalformedContentTypeWithPayload too (a
        // typo upstream); its documentation is about the generic-string operation.
        case(
            "RestJsonWithPayloadExpectsImpliedContentType",
            "/MalformedContentTypeWithGenericString",
            JSON,
            "{}",
            NO_VALUE,
            415,
            "UnsupportedMediaTypeException",
        ),
        case(
            "RestJsonWithoutBodyEmptyInputExpectsEmptyContentType",
            "/MalformedContentTypeWithoutBodyEmptyInput",
            JSON,
            "{}",
            NO_VALUE,
            415,
            "UnsupportedMediaTypeException",
        ),
        // malformed-accept.smithy
        case(
            "RestJsonWithBodyExpectsApplicationJsonAccept",
            "/MalformedAcceptWithBody",
            &[("accept", "application/hal+json")],
            "",
            NO_VALUE,
            406,
            "NotAcceptableException",
        ),
        case(
            "RestJsonWithPayloadExpectsModeledAccept",
            "/MalformedAcceptWithPayload",
            &[("accept", "application/json")],
            "",
            NO_VALUE,
            406,
            "NotAcceptableException",
        ),
        case(
            "RestJsonWithPayloadExpectsImpliedAccept",
            "/MalformedAcceptWithGenericString",
            &[("accept", "application/json")],
            "",
            NO_VALUE,
            406,
            "NotAcceptableException",
        ),
        // validation/malformed-enum.smithy
        invalid(
            "RestJsonMalformedEnumString",
            "/MalformedEnum",
            r#"{ "string" : $value:S }"#,
            ENUM_BAD,
            &[],
            r#"{ "message" : "1 validation error detected. Value at '/string' failed to satisfy constraint: Member must satisfy enum value set: [abc, def, jkl]", "fieldList" : [{"message": "Value at '/string' failed to satisfy constraint: Member must satisfy enum value set: [abc, def, jkl]", "path": "/string"}]}"#,
        ),
        invalid(
            "RestJsonMalformedEnumTraitString",
            "/MalformedEnum",
            r#"{ "stringWithEnumTrait" : $value:S }"#,
            ENUM_BAD,
            &[],
            r#"{ "message" : "1 validation error detected. Value at '/stringWithEnumTrait' failed to satisfy constraint: Member must satisfy enum value set: [abc, def]", "fieldList" : [{"message": "Value at '/stringWithEnumTrait' failed to satisfy constraint: Member must satisfy enum value set: [abc, def]", "path": "/stringWithEnumTrait"}]}"#,
        ),
        invalid(
            "RestJsonMalformedEnumList",
            "/MalformedEnum",
            r#"{ "list" : [$value:S] }"#,
            ENUM_BAD,
            &[],
            r#"{ "message" : "1 validation error detected. Value at '/list/0' failed to satisfy constraint: Member must satisfy enum value set: [abc, def, jkl]", "fieldList" : [{"message": "Value at '/list/0' failed to satisfy constraint: Member must satisfy enum value set: [abc, def, jkl]", "path": "/list/0"}]}"#,
        ),
        invalid(
            "RestJsonMalformedEnumMapKey",
            "/MalformedEnum",
            r#"{ "map" : { $value:S : "abc" } }"#,
            ENUM_BAD,
            &[],
            r#"{ "message" : "1 validation error detected. Value at '/map' failed to satisfy constraint: Member must satisfy enum value set: [abc, def, jkl]", "fieldList" : [{"message": "Value at '/map' failed to satisfy constraint: Member must satisfy enum value set: [abc, def, jkl]", "path": "/map"}]}"#,
        ),
        invalid(
            "RestJsonMalformedEnumMapValue",
            "/MalformedEnum",
            r#"{ "map" : { "abc": $value:S } }"#,
            ENUM_BAD,
            &[],
            r#"{ "message" : "1 validation error detected. Value at '/map/abc' failed to satisfy constraint: Member must satisfy enum value set: [abc, def, jkl]", "fieldList" : [{"message": "Value at '/map/abc' failed to satisfy constraint: Member must satisfy enum value set: [abc, def, jkl]", "path": "/map/abc"}]}"#,
        ),
        invalid(
            "RestJsonMalformedEnumUnion",
            "/MalformedEnum",
            r#"{ "union" : { "first": $value:S } }"#,
            ENUM_BAD,
            &[],
            r#"{ "message" : "1 validation error detected. Value at '/union/first' failed to satisfy constraint: Member must satisfy enum value set: [abc, def, jkl]", "fieldList" : [{"message": "Value at '/union/first' failed to satisfy constraint: Member must satisfy enum value set: [abc, def, jkl]", "path": "/union/first"}]}"#,
        ),
        // validation/malformed-length.smithy
        invalid(
            "RestJsonMalformedLengthBlob",
            "/MalformedLength",
            r#"{ "blob" : $value:S }"#,
            &["YQ==", "YWJjZGVmZ2hpamtsbW5vcHFyc3R1dnd4eXo="],
            &["1", "26"],
            r#"{ "message" : "1 validation error detected. Value with length $inputLength:L at '/blob' failed to satisfy constraint: Member must have length between 2 and 8, inclusive", "fieldList" : [{"message": "Value with length $inputLength:L at '/blob' failed to satisfy constraint: Member must have length between 2 and 8, inclusive", "path": "/blob"}]}"#,
        ),
        invalid(
            "RestJsonMalformedLengthString",
            "/MalformedLength",
            r#"{ "string" : $value:S }"#,
            &["a", "abcdefghijklmnopqrstuvwxyz", "👍"],
            &["1", "26", "1"],
            r#"{ "message" : "1 validation error detected. Value with length $inputLength:L at '/string' failed to satisfy constraint: Member must have length between 2 and 8, inclusive", "fieldList" : [{"message": "Value with length $inputLength:L at '/string' failed to satisfy constraint: Member must have length between 2 and 8, inclusive", "path": "/string"}]}"#,
        ),
        invalid(
            "RestJsonMalformedLengthMinString",
            "/MalformedLength",
            r#"{ "minString" : "a" }"#,
            NO_VALUE,
            &[],
            r#"{ "message" : "1 validation error detected. Value with length 1 at '/minString' failed to satisfy constraint: Member must have length greater than or equal to 2", "fieldList" : [{"message": "Value with length 1 at '/minString' failed to satisfy constraint: Member must have length greater than or equal to 2", "path": "/minString"}]}"#,
        ),
        invalid(
            "RestJsonMalformedLengthMaxString",
            "/MalformedLength",
            r#"{ "maxString" : "abcdefghijklmnopqrstuvwxyz" }"#,
            NO_VALUE,
            &[],
            r#"{ "message" : "1 validation error detected. Value with length 26 at '/maxString' failed to satisfy constraint: Member must have length less than or equal to 8", "fieldList" : [{"message": "Value with length 26 at '/maxString' failed to satisfy constraint: Member must have length less than or equal to 8", "path": "/maxString"}]}"#,
        ),
        invalid(
            "RestJsonMalformedLengthList",
            "/MalformedLength",
            r#"{ "list" : $value:L }"#,
            &[
                "[\"abc\"]",
                "[\"abc\", \"abc\", \"abc\", \"abc\", \"abc\", \"abc\", \"abc\", \"abc\", \"abc\", \"abc\"]",
            ],
            &["1", "10"],
            r#"{ "message" : "1 validation error detected. Value with length $inputLength:L at '/list' failed to satisfy constraint: Member must have length between 2 and 8, inclusive", "fieldList" : [{"message": "Value with length $inputLength:L at '/list' failed to satisfy constraint: Member must have length between 2 and 8, inclusive", "path": "/list"}]}"#,
        ),
        invalid(
            "RestJsonMalformedLengthListValue",
            "/MalformedLength",
            r#"{ "list" : $value:L }"#,
            &[
                "[\"a\", \"abc\"]",
                "[\"abcdefghijklmnopqrstuvwxyz\", \"abc\"]",
            ],
            &["1", "26"],
            r#"{ "message" : "1 validation error detected. Value with length $inputLength:L at '/list/0' failed to satisfy constraint: Member must have length between 2 and 8, inclusive", "fieldList" : [{"message": "Value with length $inputLength:L at '/list/0' failed to satisfy constraint: Member must have length between 2 and 8, inclusive", "path": "/list/0"}]}"#,
        ),
        invalid(
            "RestJsonMalformedLengthMap",
            "/MalformedLength",
            r#"{ "map" : $value:L }"#,
            &[
                r#"{"abc": ["def", "efg", "fgh"]}"#,
                r#"{"abc": ["abc", "def", "efg"], "bcd": ["abc", "def", "efg"], "cde": ["abc", "def", "efg"], "def": ["abc", "def", "efg"], "efg": ["abc", "def", "efg"], "fgh": ["abc", "def", "efg"], "ghi": ["abc", "def", "efg"], "jkl": ["abc", "def", "efg"], "klm": ["abc", "def", "efg"], "lmn": ["abc", "def", "efg"]}"#,
            ],
            &["1", "10"],
            r#"{ "message" : "1 validation error detected. Value with length $inputLength:L at '/map' failed to satisfy constraint: Member must have length between 2 and 8, inclusive", "fieldList" : [{"message": "Value with length $inputLength:L at '/map' failed to satisfy constraint: Member must have length between 2 and 8, inclusive", "path": "/map"}]}"#,
        ),
        invalid(
            "RestJsonMalformedLengthMapKey",
            "/MalformedLength",
            r#"{ "map" : $value:L }"#,
            &[
                r#"{"a": ["abc", "def", "efg"], "bcd": ["abc", "def", "efg"], "cde": ["abc", "def", "efg"]}"#,
                r#"{"abcdefghijklmnopqrstuvwxyz": ["abc", "def", "efg"], "bcd": ["abc", "def", "efg"], "cde": ["abc", "def", "efg"]}"#,
            ],
            &["1", "26"],
            r#"{ "message" : "1 validation error detected. Value with length $inputLength:L at '/map' failed to satisfy constraint: Member must have length between 2 and 8, inclusive", "fieldList" : [{"message": "Value with length $inputLength:L at '/map' failed to satisfy constraint: Member must have length between 2 and 8, inclusive", "path": "/map"}]}"#,
        ),
        invalid(
            "RestJsonMalformedLengthMapValue",
            "/MalformedLength",
            r#"{ "map" : $value:L }"#,
            &[
                r#"{"abc": ["def"], "bcd": ["abc", "def", "efg"], "cde": ["abc", "def", "efg"]}"#,
                r#"{"abc": ["def", "efg", "fgh", "def", "efg", "fgh", "def", "efg", "fgh", "def"], "bcd": ["abc", "def", "efg"], "cde": ["abc", "def", "efg"]}"#,
            ],
            &["1", "10"],
            r#"{ "message" : "1 validation error detected. Value with length $inputLength:L at '/map/abc' failed to satisfy constraint: Member must have length between 2 and 8, inclusive", "fieldList" : [{"message": "Value with length $inputLength:L at '/map/abc' failed to satisfy constraint: Member must have length between 2 and 8, inclusive", "path": "/map/abc"}]}"#,
        ),
        // validation/malformed-pattern.smithy
        invalid(
            "RestJsonMalformedPatternString",
            "/MalformedPattern",
            r#"{ "string" : $value:S }"#,
            PATTERN_BAD,
            &[],
            r#"{ "message" : "1 validation error detected. Value at '/string' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[a-m]+$", "fieldList" : [{"message": "Value at '/string' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[a-m]+$", "path": "/string"}]}"#,
        ),
        invalid(
            "RestJsonMalformedPatternReDOSString",
            "/MalformedPattern",
            r#"{ "evilString" : "000000000000000000000000000000000000000000000000000000000000000000000000000000000000!" }"#,
            NO_VALUE,
            &[],
            r#"{ "message" : "1 validation error detected. Value at '/evilString' failed to satisfy constraint: Member must satisfy regular expression pattern: ^([0-9]+)+$", "fieldList" : [{"message": "Value at '/evilString' failed to satisfy constraint: Member must satisfy regular expression pattern: ^([0-9]+)+$", "path": "/evilString"}]}"#,
        ),
        invalid(
            "RestJsonMalformedPatternList",
            "/MalformedPattern",
            r#"{ "list" : [$value:S] }"#,
            PATTERN_BAD,
            &[],
            r#"{ "message" : "1 validation error detected. Value at '/list/0' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[a-m]+$", "fieldList" : [{"message": "Value at '/list/0' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[a-m]+$", "path": "/list/0"}]}"#,
        ),
        invalid(
            "RestJsonMalformedPatternMapKey",
            "/MalformedPattern",
            r#"{ "map" : { $value:S : "abc" } }"#,
            PATTERN_BAD,
            &[],
            r#"{ "message" : "1 validation error detected. Value at '/map' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[a-m]+$", "fieldList" : [{"message": "Value at '/map' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[a-m]+$", "path": "/map"}]}"#,
        ),
        invalid(
            "RestJsonMalformedPatternMapValue",
            "/MalformedPattern",
            r#"{ "map" : { "abc": $value:S } }"#,
            PATTERN_BAD,
            &[],
            r#"{ "message" : "1 validation error detected. Value at '/map/abc' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[a-m]+$", "fieldList" : [{"message": "Value at '/map/abc' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[a-m]+$", "path": "/map/abc"}]}"#,
        ),
        invalid(
            "RestJsonMalformedPatternUnion",
            "/MalformedPattern",
            r#"{ "union" : { "first": $value:S } }"#,
            PATTERN_BAD,
            &[],
            r#"{ "message" : "1 validation error detected. Value at '/union/first' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[a-m]+$", "fieldList" : [{"message": "Value at '/union/first' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[a-m]+$", "path": "/union/first"}]}"#,
        ),
        // validation/malformed-required.smithy
        Case {
            headers: &[
                ("content-type", "application/json"),
                ("string-in-headers", "abc"),
            ],
            ..invalid(
                "RestJsonMalformedRequiredBodyUnset",
                "/MalformedRequired?stringInQuery=abc",
                "{  }",
                NO_VALUE,
                &[],
                r#"{ "message" : "1 validation error detected. Value at '/string' failed to satisfy constraint: Member must not be null", "fieldList" : [{"message": "Value at '/string' failed to satisfy constraint: Member must not be null", "path": "/string"}]}"#,
            )
        },
        Case {
            headers: &[
                ("content-type", "application/json"),
                ("string-in-headers", "abc"),
            ],
            ..invalid(
                "RestJsonMalformedRequiredBodyExplicitNull",
                "/MalformedRequired?stringInQuery=abc",
                r#"{ "string": null }"#,
                NO_VALUE,
                &[],
                r#"{ "message" : "1 validation error detected. Value at '/string' failed to satisfy constraint: Member must not be null", "fieldList" : [{"message": "Value at '/string' failed to satisfy constraint: Member must not be null", "path": "/string"}]}"#,
            )
        },
        invalid(
            "RestJsonMalformedRequiredHeaderUnset",
            "/MalformedRequired?stringInQuery=abc",
            r#"{ "string": "abc" }"#,
            NO_VALUE,
            &[],
            r#"{ "message" : "1 validation error detected. Value at '/stringInHeader' failed to satisfy constraint: Member must not be null", "fieldList" : [{"message": "Value at '/stringInHeader' failed to satisfy constraint: Member must not be null", "path": "/stringInHeader"}]}"#,
        ),
    ];
    // validation/malformed-range.smithy: the same three tests for every numeric type.
    for (ty, lo, hi, below, above) in [
        ("byte", "2", "8", "1", "9"),
        ("short", "2", "8", "1", "9"),
        ("integer", "2", "8", "1", "9"),
        ("long", "2", "8", "1", "9"),
        ("float", "2.2", "8.8", "2.1", "8.9"),
    ] {
        let cap = format!("{}{}", ty[..1].to_uppercase(), &ty[1..]);
        let range = |id: String,
                     member: String,
                     body: String,
                     values: &'static [&'static str],
                     rule: String| {
            let msg =
                format!("Value at '/{member}' failed to satisfy constraint: Member must be {rule}");
            invalid(
                leak(id),
                "/MalformedRange",
                leak(body),
                values,
                &[],
                leak(json!({"message": format!("1 validation error detected. {msg}"), "fieldList": [{"message": msg, "path": format!("/{member}")}]}).to_string()),
            )
        };
        cases.push(range(
            format!("RestJsonMalformedRange{cap}"),
            ty.into(),
            format!(r#"{{ "{ty}" : $value:L }}"#),
            leak_slice(vec![below, above]),
            format!("between {lo} and {hi}, inclusive"),
        ));
        cases.push(range(
            format!("RestJsonMalformedRangeMin{cap}"),
            format!("min{cap}"),
            format!(r#"{{ "min{cap}" : {below} }}"#),
            NO_VALUE,
            format!("greater than or equal to {lo}"),
        ));
        cases.push(range(
            format!("RestJsonMalformedRangeMax{cap}"),
            format!("max{cap}"),
            format!(r#"{{ "max{cap}" : {above} }}"#),
            NO_VALUE,
            format!("less than or equal to {hi}"),
        ));
    }
    // validation/malformed-uniqueItems.smithy
    for (member, body) in [
        ("blobList", r#"["YQ==", "YQ=="]"#),
        ("booleanList", "[true, true]"),
        ("booleanList", "[false, false]"),
        ("stringList", r#"["abc", "abc"]"#),
        ("integerList", "[3, 3]"),
        ("longList", "[4, 4]"),
        ("timestampList", "[1676660607, 1676660607]"),
        (
            "httpDateList",
            r#"["Tue, 29 Apr 2014 18:30:38 GMT", "Tue, 29 Apr 2014 18:30:38 GMT"]"#,
        ),
        ("enumList", r#"["Foo", "Foo"]"#),
        ("intEnumList", "[3, 3]"),
        ("listList", r#"[["foo","bar"], ["foo","bar"]]"#),
        ("structureList", r#"[{"hi": "hello"}, {"hi": "hello"}]"#),
    ] {
        let cap = format!("{}{}", member[..1].to_uppercase(), &member[1..]);
        cases.push(invalid(
            leak(format!("RestJsonMalformedUniqueItems{cap}")),
            "/MalformedUniqueItems",
            leak(format!(r#"{{ "{member}" : {body} }}"#)),
            NO_VALUE,
            &[],
            leak(unique(member)),
        ));
    }
    cases
}

/// Requests that must succeed: the table's operations accept well-formed input (so a case
/// cannot pass by the route or the stub rejecting everything). (uri, headers, body).
const WELL_FORMED: &[(&str, Headers, &str)] = &[
    (
        "/MalformedInteger/-7?integerInQuery=8",
        &[
            ("integerInHeader", "9"),
            ("content-type", "application/json"),
        ],
        r#"{"integerInBody": 10}"#,
    ),
    (
        "/MalformedBoolean/false?booleanInQuery=true",
        &[("booleanInHeader", "false")],
        "",
    ),
    (
        "/MalformedTimestampPathDefault/1985-04-12T23%3A20%3A50.52Z",
        &[],
        "",
    ),
    (
        "/MalformedTimestampPathHttpDate/Tue%2C%2029%20Apr%202014%2018%3A30%3A38%20GMT",
        &[],
        "",
    ),
    ("/MalformedTimestampPathEpoch/1515531081.1234", &[], ""),
    (
        "/MalformedTimestampQueryEpoch?timestamp=1515531081",
        &[],
        "",
    ),
    (
        "/MalformedTimestampHeaderDefault",
        &[("timestamp", "Tue, 29 Apr 2014 18:30:38 GMT")],
        "",
    ),
    (
        "/MalformedTimestampHeaderDateTime",
        &[("timestamp", "1985-04-12T23:20:50.52Z")],
        "",
    ),
    (
        "/MalformedTimestampBodyHttpDate",
        JSON,
        r#"{"timestamp": "Tue, 29 Apr 2014 18:30:38 GMT"}"#,
    ),
    (
        "/MalformedTimestampBodyDefault",
        JSON,
        r#"{"timestamp": 1515531081.5}"#,
    ),
    ("/MalformedUnion", JSON, r#"{"union": {"int": 2}}"#),
    (
        "/MalformedString",
        &[("amz-media-typed-header", "eyJhIjoxfQ==")],
        "",
    ),
    (
        "/MalformedContentTypeWithPayload",
        &[("content-type", "image/jpeg")],
        "\u{ff}\u{d8}",
    ),
    (
        "/MalformedContentTypeWithGenericString",
        &[("content-type", "text/plain")],
        "hi",
    ),
    (
        "/MalformedEnum",
        JSON,
        r#"{"string": "abc", "stringWithEnumTrait": "def", "list": ["jkl"], "map": {"def": "abc"}, "union": {"second": "abc"}}"#,
    ),
    // Internal enum values are left out of messages but still accepted, as keys too.
    (
        "/MalformedEnum",
        JSON,
        r#"{"string": "ghi", "stringWithEnumTrait": "ghi", "list": ["ghi"], "map": {"ghi": "ghi"}}"#,
    ),
    (
        "/MalformedLength",
        JSON,
        r#"{"blob": "YWJj", "string": "abc", "minString": "ab", "maxString": "", "list": ["ab", "cd"], "map": {"ab": ["cd", "ef"], "gh": ["ij", "kl"]}}"#,
    ),
    (
        "/MalformedRange",
        JSON,
        r#"{"byte": 2, "short": 8, "integer": 5, "long": 2, "float": 8.8, "minFloat": 2.2, "maxByte": -128}"#,
    ),
    (
        "/MalformedPattern",
        JSON,
        r#"{"string": "abc", "evilString": "123", "list": ["m"], "map": {"a": "b"}, "union": {"first": "k"}}"#,
    ),
    (
        "/MalformedRequired?stringInQuery=abc",
        &[
            ("content-type", "application/json"),
            ("string-in-headers", "abc"),
        ],
        r#"{"string": "abc"}"#,
    ),
    (
        "/MalformedUniqueItems",
        JSON,
        r#"{"stringList": ["a", "b"], "listList": [["a"], ["b"]], "structureList": [{"hi": "a"}, {"hi": "b"}], "timestampList": [1, 2]}"#,
    ),
];

/// Cases that fail today, with the reason: `(id, parameter value or "" for all)`. The test
/// fails if any other case fails, and also if one of these starts passing (remove it then).
const KNOWN_GAPS: &[(&str, &str, &str)] = &[];

/// Test-table strings are built at run time for the generated range/uniqueItems cases; leaking
/// them keeps `Case` a plain `&'static` table.
fn leak(s: impl Into<String>) -> &'static str {
    Box::leak(s.into().into_boxed_str())
}

fn leak_slice(v: Vec<&'static str>) -> &'static [&'static str] {
    Box::leak(v.into_boxed_slice())
}

fn fill(template: &str, value: &str, length: &str) -> String {
    template
        .replace("$value:L", value)
        .replace("$value:S", &Value::from(value).to_string())
        .replace("$inputLength:L", length)
}

/// The runner: a service that always succeeds, and a loop feeding requests from stdin (JSON)
/// through the router, printing each response's status, error type and body.
const RUNNER: &str = r#"
use malformed::operation::*;
use malformed::server::{axum, router, tower::ServiceExt as _};
use smithy_runtime::http;
use smithy_runtime::wire::serde_json::{self, Value, json};

struct Stub;

macro_rules! stub {
    ($($m:ident: $in:ident -> $out:ident, $err:ident;)*) => {
        impl malformed::MalformedApi for Stub {
            $(async fn $m(&self, _input: $m::$in) -> Result<$m::$out, $m::$err> {
                Ok(Default::default())
            })*
        }
    };
}

stub! {
OPS}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let input = std::io::read_to_string(std::io::stdin()).expect("stdin");
    let requests: Vec<Value> = serde_json::from_str(&input).expect("requests");
    let app = router(Stub);
    let mut out = Vec::new();
    for r in requests {
        let mut req = http::Request::builder()
            .method(r["method"].as_str().unwrap())
            .uri(r["uri"].as_str().unwrap());
        for h in r["headers"].as_array().unwrap() {
            req = req.header(h[0].as_str().unwrap(), h[1].as_str().unwrap());
        }
        let req = req.body(axum::body::Body::from(r["body"].as_str().unwrap().to_owned()));
        let resp = match req {
            Ok(req) => app.clone().oneshot(req).await.unwrap(),
            Err(e) => {
                out.push(json!({"status": 0, "body": format!("request not buildable: {e}")}));
                continue;
            }
        };
        let status = resp.status().as_u16();
        let error = resp
            .headers()
            .get("x-amzn-errortype")
            .map(|v| v.to_str().unwrap().to_owned());
        let body = axum::body::to_bytes(resp.into_body(), usize::MAX).await.unwrap();
        out.push(json!({"status": status, "error": error, "body": String::from_utf8_lossy(&body)}));
    }
    println!("{}", Value::Array(out));
}
"#;

const RUNNER_MANIFEST: &str = r#"[package]
name = "malformed-runner"
version = "0.0.0"
edition = "2024"
publish = false

[dependencies]
malformed = { path = "../malformed", features = ["server"] }
smithy-runtime = { path = "../../../runtime", features = ["server"] }
tokio = { version = "1", features = ["macros", "rt"] }
"#;

/// Generates the fixture crate and the runner, sends every request, returns the responses.
fn run(requests: &[Value]) -> Vec<Value> {
    let root = common::root();
    let dir = root.join("target/codegen-malformed");
    let fixture = root.join("codegen/tests/fixtures/malformed.json");
    let out = dir.join("malformed");
    let _ = std::fs::remove_dir_all(&out);
    for (file, contents) in common::generate(&fixture, None, "../../../runtime").iter() {
        let target = out.join(file);
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        std::fs::write(&target, contents).unwrap();
    }
    // One stub line per operation of the model (Rust names are the snake-cased shape names).
    let model = common::load(&fixture);
    let mut ops = String::new();
    for service in model.services() {
        for op in model.operations_of(&service.id) {
            let name = op.name();
            let snake = name.to_snake_case();
            ops.push_str(&format!(
                "    {snake}: {name}Input -> {name}Output, {name}Error;\n"
            ));
        }
    }
    let runner = dir.join("runner");
    std::fs::create_dir_all(runner.join("src")).unwrap();
    std::fs::write(runner.join("src/main.rs"), RUNNER.replace("OPS", &ops)).unwrap();
    std::fs::write(runner.join("Cargo.toml"), RUNNER_MANIFEST).unwrap();
    std::fs::write(
        dir.join("Cargo.toml"),
        "[workspace]\nresolver = \"3\"\nmembers = [\"malformed\", \"runner\"]\n",
    )
    .unwrap();
    std::fs::copy(root.join("Cargo.lock"), dir.join("Cargo.lock")).unwrap();
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    // The fixtures' target directory: its dependencies are already built by compile_fixtures.
    let mut child = Command::new(cargo)
        .args(["run", "--quiet", "-p", "malformed-runner"])
        .current_dir(&dir)
        .env(
            "CARGO_TARGET_DIR",
            root.join("target/codegen-fixtures/target"),
        )
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("cargo runs");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(Value::Array(requests.to_vec()).to_string().as_bytes())
        .unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(
        output.status.success(),
        "the malformed runner failed:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("runner prints JSON")
}

#[test]
fn the_malformed_fixture_is_one_of_the_compiled_fixtures() {
    // compile_fixtures and the snapshots cover it too (warnings denied, reviewed files).
    assert!(
        common::fixtures()
            .iter()
            .any(|(name, _)| name == "malformed")
    );
}

#[test]
fn smithy_malformed_request_and_validation_protocol_tests() {
    let cases = cases();
    let mut requests = Vec::new();
    // (case id, value, expected status, error, body)
    let mut expected = Vec::new();
    for c in &cases {
        for (i, value) in c.values.iter().enumerate() {
            let length = c.lengths.get(i).copied().unwrap_or("");
            let headers: Vec<Value> = c
                .headers
                .iter()
                .map(|(k, v)| json!([k, fill(v, value, length)]))
                .collect();
            requests.push(json!({
                "method": c.method,
                "uri": fill(c.uri, value, length),
                "headers": headers,
                "body": fill(c.body, value, length),
            }));
            let body = c.expect_body.map(|b| {
                serde_json::from_str::<Value>(&fill(b, value, length))
                    .unwrap_or_else(|e| panic!("{}: expected body is not JSON: {e}", c.id))
            });
            expected.push((c.id, *value, c.status, c.error, body));
        }
    }
    let well_formed_from = requests.len();
    for (uri, headers, body) in WELL_FORMED {
        let headers: Vec<Value> = headers.iter().map(|(k, v)| json!([k, v])).collect();
        requests.push(json!({"method": "POST", "uri": uri, "headers": headers, "body": body}));
    }
    let responses = run(&requests);
    assert_eq!(responses.len(), requests.len());

    let (mut failures, mut passing, mut known_failing) = (Vec::new(), 0, 0);
    for ((id, value, status, error, body), got) in expected.iter().zip(&responses) {
        let got_body: Value =
            serde_json::from_str(got["body"].as_str().unwrap_or("")).unwrap_or(Value::Null);
        let mut problems = Vec::new();
        if got["status"] != json!(status) {
            problems.push(format!("status {} (want {status})", got["status"]));
        }
        if got["error"] != json!(error) {
            problems.push(format!("X-Amzn-Errortype {} (want {error})", got["error"]));
        }
        if let Some(body) = body
            && &got_body != body
        {
            problems.push(format!("body {got_body} (want {body})"));
        }
        let known = KNOWN_GAPS
            .iter()
            .find(|(k, v, _)| k == id && (v.is_empty() || v == value));
        match (problems.is_empty(), known) {
            (false, None) => failures.push(format!("{id} [{value}]: {}", problems.join("; "))),
            (true, Some((_, _, why))) => failures.push(format!(
                "{id} [{value}] passes now: remove it from KNOWN_GAPS ({why})"
            )),
            (false, Some(_)) => known_failing += 1,
            (true, None) => passing += 1,
        }
    }
    for (i, got) in responses[well_formed_from..].iter().enumerate() {
        if got["status"] != json!(200) {
            failures.push(format!(
                "well-formed {}: {} {}",
                WELL_FORMED[i].0, got["status"], got["body"]
            ));
        }
    }
    eprintln!(
        "{} protocol test cases ({} requests with their parameters): {passing} pass, \
         {known_failing} fail as listed in KNOWN_GAPS; {} well-formed requests; {} unexpected",
        cases.len(),
        expected.len(),
        WELL_FORMED.len(),
        failures.len()
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
