//! Rust identifiers for Smithy names.
//!
//! Every identifier the generator prints goes through this module, so the naming rules live in one
//! place (like prost-build's `ident.rs`):
//!
//! - **Words.** A Smithy name is split into lowercase words the way the AWS SDK for Rust splits
//!   them: `NotificationARNs` → `notification` `arns`, `DBInstanceARN` → `db` `instance` `arn`,
//!   `IPv6Address` → `ipv6` `address`, `S3Bucket` → `s3` `bucket`, `SEND_MESSAGE` → `send`
//!   `message`, `t2.micro` → `t2` `micro`. Any character that is not an ASCII letter or digit
//!   separates words and is dropped.
//! - **Cases.** Types and variants are UpperCamelCase (`Acls`, `DbClusterIdentifier`), fields and
//!   modules snake_case, constants SCREAMING_SNAKE_CASE. Two words that are both numbers keep a `_`
//!   between them (`1.6` → `V1_6`) so `1.6` and `16` stay apart.
//! - **Escaping.** Results are always legal identifiers that also pass rustc's case lints (the
//!   generated crates are built with warnings denied):
//!
//! | function | empty | starts with a digit | keyword |
//! | --- | --- | --- | --- |
//! | [`type_name`] | `Unnamed` | `_` prefix | `Self` → `Self_` |
//! | [`field_name`] | `unnamed` | `_` prefix (`_1st`) | `r#type`; `self_`, `super_`, `crate_` |
//! | [`variant_name`] | `Empty` | `V` prefix (`V1_6`) | `Self` → `Self_`; `Unknown` → `UnknownValue` |
//! | [`module_name`] | `unnamed` | `_` prefix | trailing `_` (`type_`), never raw |
//! | [`const_name`] | `UNNAMED` | `_` prefix | (cannot clash: keywords are lowercase) |
//!
//! Field names listed in [`RESERVED_FIELD_NAMES`] get a `_value` suffix because the generator adds
//! methods with those names next to the field accessors.
//!
//! Names are not made unique here: a structure may have both `fooBar` and `foo_bar`. Callers pass
//! the names of one scope to [`disambiguate`].

use std::collections::HashSet;

/// Field names that would clash with methods the generator puts beside the field accessors and
/// setters: `Type::builder()`, `TypeBuilder::build()`, and the fluent operation builder's `send()`,
/// `send_with()` and `into_paginator()`. [`field_name`] appends `_value` to them (`build` →
/// `build_value`), as the AWS SDK for Rust does.
pub const RESERVED_FIELD_NAMES: &[&str] =
    &["build", "builder", "into_paginator", "send", "send_with"];

/// Rust keywords in any edition 2015–2024: strict (`type`, `async`, `dyn`, …) and reserved
/// (`abstract`, `gen`, `try`, …). Weak keywords (`union`, `macro_rules`, `raw`, `safe`) are legal
/// identifiers and are not listed.
const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate",
    "do", "dyn", "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl",
    "in", "let", "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref",
    "return", "self", "Self", "static", "struct", "super", "trait", "true", "try", "type",
    "typeof", "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// Keywords that cannot be written as raw identifiers (`r#self` is an error).
const NOT_RAW: &[&str] = &["_", "crate", "self", "Self", "super"];

/// Words kept whole although their mixed casing would otherwise split them (`MiB` would become
/// `mi` `b`, `IoT` would become `io` `t`).
const WHOLE_WORDS: &[&str] = &[
    "gib", "iot", "ipv4", "ipv6", "kib", "mib", "sigv4", "tib", "ttl",
];

/// The UpperCamelCase type identifier for a shape name: `ChatTokenCapability` stays,
/// `ACLs` → `Acls`, `DBClusterIdentifier` → `DbClusterIdentifier`, `IPv6Address` → `Ipv6Address`.
///
/// Shapes named like std types (`String`, `Result`, `Option`, `Box`, `Vec`) keep their name: the
/// generated code spells std types with full paths (`::std::string::String`), so nothing clashes.
pub fn type_name(smithy_name: &str) -> String {
    let name = upper_camel(&split_words(smithy_name));
    if name.is_empty() {
        "Unnamed".to_owned()
    } else if starts_with_digit(&name) {
        format!("_{name}")
    } else if name == "Self" {
        "Self_".to_owned()
    } else {
        name
    }
}

/// The snake_case field (and method) identifier for a member name: `roomIdentifier` →
/// `room_identifier`, `NotificationARNs` → `notification_arns`, `DBInstanceARN` →
/// `db_instance_arn`.
///
/// Keywords come back as raw identifier text (`type` → `r#type`), except those that cannot be
/// raw: `self`, `super`, `crate` (and `Self`, which lowercases to `self`) get a trailing `_`.
/// Names starting with a digit get a leading `_` (`1st` → `_1st`), and [`RESERVED_FIELD_NAMES`]
/// get a `_value` suffix.
pub fn field_name(member: &str) -> String {
    let name = split_words(member).join("_");
    if name.is_empty() {
        "unnamed".to_owned()
    } else if starts_with_digit(&name) {
        format!("_{name}")
    } else if NOT_RAW.contains(&name.as_str()) {
        format!("{name}_")
    } else if KEYWORDS.contains(&name.as_str()) {
        format!("r#{name}")
    } else if RESERVED_FIELD_NAMES.contains(&name.as_str()) {
        format!("{name}_value")
    } else {
        name
    }
}

/// The UpperCamelCase variant identifier for an enum member name, a legacy `@enum` name or value,
/// or a union member name: `SEND_MESSAGE` → `SendMessage`, `t2.micro` → `T2Micro`,
/// `us-east-1` → `UsEast1`, `application/json` → `ApplicationJson`.
///
/// Never empty (`""` → `Empty`; a value with no letters or digits is spelled out: `*` → `Star`,
/// `/` → `Slash`, other characters as `U` + hex code point), never starting with a digit (`V`
/// prefix: `1` → `V1`, `1.6` → `V1_6`), never `Self` (`Self_`) and never `Unknown`, which the
/// generator reserves for its catch-all variant (`Unknown` → `UnknownValue`).
pub fn variant_name(value: &str) -> String {
    let mut name = upper_camel(&split_words(value));
    if name.is_empty() {
        name = spell_symbols(value);
    }
    if starts_with_digit(&name) {
        name.insert(0, 'V');
    }
    match name.as_str() {
        "Self" => "Self_".to_owned(),
        "Unknown" => "UnknownValue".to_owned(),
        _ => name,
    }
}

/// The snake_case module identifier for a name (operation modules: `CreateChatToken` →
/// `create_chat_token`).
///
/// Keywords get a trailing `_` (`type` → `type_`) rather than a raw identifier: `mod r#type` is
/// legal but `crate::operation::r#type::…` is awkward to write and read. Names starting with a
/// digit get a leading `_`.
pub fn module_name(name: &str) -> String {
    let name = split_words(name).join("_");
    if name.is_empty() {
        "unnamed".to_owned()
    } else if starts_with_digit(&name) {
        format!("_{name}")
    } else if KEYWORDS.contains(&name.as_str()) {
        format!("{name}_")
    } else {
        name
    }
}

/// The SCREAMING_SNAKE_CASE constant identifier for a name: `maxResults` → `MAX_RESULTS`,
/// `IPv6Address` → `IPV6_ADDRESS`. Names starting with a digit get a leading `_`.
pub fn const_name(name: &str) -> String {
    let name = split_words(name)
        .iter()
        .map(|w| w.to_ascii_uppercase())
        .collect::<Vec<_>>()
        .join("_");
    if name.is_empty() {
        "UNNAMED".to_owned()
    } else if starts_with_digit(&name) {
        format!("_{name}")
    } else {
        name
    }
}

/// Makes the identifiers of one scope distinct, deterministically.
///
/// The first occurrence of each name is kept; each later duplicate gets the smallest numeric
/// suffix, starting at 2, that matches no candidate and no name handed out before. Snake_case
/// names get `_2`, `_3`, … (`foo_bar` → `foo_bar_2`); names starting with an uppercase letter
/// get `2`, `3`, … (`Foo` → `Foo2`, but `V1` → `V1_2`) because `Foo_2` trips rustc's
/// `non_camel_case_types` lint. A raw identifier drops its `r#` (`r#type` → `type_2`).
pub fn disambiguate(candidates: &[String]) -> Vec<String> {
    let all: HashSet<&str> = candidates.iter().map(String::as_str).collect();
    let mut used: HashSet<String> = HashSet::with_capacity(candidates.len());
    let mut out = Vec::with_capacity(candidates.len());
    for candidate in candidates {
        if used.insert(candidate.clone()) {
            out.push(candidate.clone());
            continue;
        }
        let base = candidate.strip_prefix("r#").unwrap_or(candidate);
        // Terminates: at most `candidates.len()` suffixes can be taken.
        let name = (2u64..)
            .map(|n| with_suffix(base, n))
            .find(|name| !all.contains(name.as_str()) && !used.contains(name))
            .unwrap_or_else(|| base.to_owned());
        used.insert(name.clone());
        out.push(name);
    }
    out
}

/// Whether `s` is a legal Rust identifier (raw identifiers included) in every edition up to 2024.
pub fn is_legal_ident(s: &str) -> bool {
    // syn's keyword list predates edition 2024 and lets `gen` through; ours rejects it.
    syn::parse_str::<syn::Ident>(s).is_ok() && !KEYWORDS.contains(&s)
}

/// Appends the numeric suffix `n` in the style of `base` (see [`disambiguate`]).
fn with_suffix(base: &str, n: u64) -> String {
    let upper = base
        .trim_start_matches('_')
        .starts_with(|c: char| c.is_uppercase());
    let sep = if upper {
        if base.ends_with(|c: char| c.is_ascii_digit()) {
            "_"
        } else {
            ""
        }
    } else if base.ends_with('_') {
        ""
    } else {
        "_"
    };
    format!("{base}{sep}{n}")
}

fn starts_with_digit(s: &str) -> bool {
    s.starts_with(|c: char| c.is_ascii_digit())
}

/// Joins lowercase words as UpperCamelCase, keeping a `_` between two numbers.
fn upper_camel(words: &[String]) -> String {
    let mut out = String::new();
    for word in words {
        let digit_after_digit =
            out.ends_with(|c: char| c.is_ascii_digit()) && starts_with_digit(word);
        if digit_after_digit {
            out.push('_');
        }
        let mut chars = word.chars();
        if let Some(first) = chars.next() {
            out.push(first.to_ascii_uppercase());
            out.push_str(chars.as_str());
        }
    }
    out
}

/// Names the characters of a value that has no letters or digits (`*` → `Star`, `""` → `Empty`).
fn spell_symbols(value: &str) -> String {
    let mut out = String::new();
    for c in value.chars().filter(|c| !c.is_whitespace()) {
        let word = match c {
            '*' => "Star",
            '+' => "Plus",
            '-' => "Minus",
            '.' => "Dot",
            '/' => "Slash",
            '\\' => "Backslash",
            ':' => "Colon",
            '_' => "Underscore",
            '=' => "Equals",
            '<' => "Less",
            '>' => "Greater",
            '!' => "Bang",
            '?' => "Question",
            '@' => "At",
            '#' => "Hash",
            '$' => "Dollar",
            '%' => "Percent",
            '&' => "Ampersand",
            '|' => "Pipe",
            '~' => "Tilde",
            ',' => "Comma",
            ';' => "Semicolon",
            _ => {
                out.push_str(&format!("U{:X}", u32::from(c)));
                continue;
            }
        };
        out.push_str(word);
    }
    if out.is_empty() {
        "Empty".to_owned()
    } else {
        out
    }
}

/// Splits a Smithy name into lowercase ASCII words.
///
/// Hand-written because heck splits AWS plurals of acronyms apart (`NotificationARNs` →
/// `notification_ar_ns`, `ACLs` → `ac_ls`) and knows nothing of `IPv6` or `MiB`; the rules follow
/// the AWS SDK for Rust so names look like the ones its users know.
fn split_words(name: &str) -> Vec<String> {
    // `s3key` → `s3` `key` only when nothing is capitalised (otherwise `Ipv6address`-style names
    // would lose a boundary the capitals already mark).
    let all_lower = !name.chars().any(|c| c.is_ascii_uppercase());
    let mut words = Vec::new();
    for run in name.split(|c: char| !c.is_ascii_alphanumeric()) {
        split_run(run.as_bytes(), all_lower, &mut words);
    }
    words
}

/// Splits one run of ASCII letters and digits into words.
fn split_run(run: &[u8], all_lower: bool, words: &mut Vec<String>) {
    let mut start = 0;
    let mut i = 0;
    while i < run.len() {
        if i == start {
            if let Some(len) = whole_word_at(&run[i..]) {
                words.push(lowercase(&run[i..i + len]));
                i += len;
                start = i;
            } else {
                i += 1;
            }
            continue;
        }
        let (prev, c, next) = (run[i - 1], run[i], run.get(i + 1).copied());
        // `fooBar`, `S3Bucket`
        let camel_hump =
            c.is_ascii_uppercase() && (prev.is_ascii_lowercase() || prev.is_ascii_digit());
        // `s3key` (only when the word so far has a letter, so `1st` stays whole)
        let digits_then_word = all_lower
            && prev.is_ascii_digit()
            && c.is_ascii_lowercase()
            && run[start..i].iter().any(u8::is_ascii_alphabetic);
        // `DBProxy` → `DB` `Proxy`, but not `ARNs`, `ACLs` (plural acronym) or `DBv2` (version)
        let acronym_end = prev.is_ascii_uppercase()
            && c.is_ascii_uppercase()
            && next.is_some_and(|n| n.is_ascii_lowercase())
            && !plural_or_version(&run[i + 1..]);
        if camel_hump || digits_then_word || acronym_end {
            words.push(lowercase(&run[start..i]));
            start = i;
        } else {
            i += 1;
        }
    }
    if start < run.len() {
        words.push(lowercase(&run[start..]));
    }
}

/// Whether `rest` (which starts with a lowercase letter right after an acronym) is the `s` of a
/// plural (`ARNs`, `ACLsEnabled`) or a version (`DBv2`) rather than the start of a new word.
fn plural_or_version(rest: &[u8]) -> bool {
    match rest {
        [b's'] => true,
        [b's', after, ..] => !after.is_ascii_lowercase(),
        [b'v', digit, ..] => digit.is_ascii_digit(),
        _ => false,
    }
}

/// The length of a [`WHOLE_WORDS`] entry at the start of `rest`, when it is written in mixed case
/// (`MiB`, `IPv6`, `IoT`; all-caps and all-lowercase spellings split fine by the normal rules)
/// and is not followed by more lowercase letters.
fn whole_word_at(rest: &[u8]) -> Option<usize> {
    WHOLE_WORDS.iter().map(|w| w.len()).find(|&len| {
        let Some(candidate) = rest.get(..len) else {
            return false;
        };
        let mixed = candidate.iter().any(u8::is_ascii_uppercase)
            && candidate.iter().any(u8::is_ascii_lowercase);
        mixed
            && WHOLE_WORDS
                .iter()
                .any(|w| w.as_bytes().eq_ignore_ascii_case(candidate))
            && !rest.get(len).is_some_and(u8::is_ascii_lowercase)
    })
}

fn lowercase(bytes: &[u8]) -> String {
    // Runs only hold ASCII letters and digits.
    bytes
        .iter()
        .map(|b| char::from(b.to_ascii_lowercase()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Value;
    use std::collections::BTreeSet;

    fn strings(names: &[&str]) -> Vec<String> {
        names.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn explicit_table() {
        type NameFn = fn(&str) -> String;
        let t: NameFn = type_name;
        let f: NameFn = field_name;
        let v: NameFn = variant_name;
        let m: NameFn = module_name;
        let c: NameFn = const_name;
        let cases: &[(NameFn, &str, &str)] = &[
            // types: AWS SDK for Rust spellings
            (t, "ChatTokenCapability", "ChatTokenCapability"),
            (t, "ACLs", "Acls"),
            (t, "NotificationARNs", "NotificationArns"),
            (t, "IPv6Address", "Ipv6Address"),
            (t, "DBClusterIdentifier", "DbClusterIdentifier"),
            (t, "S3Bucket", "S3Bucket"),
            (t, "CreateRoomRequest", "CreateRoomRequest"),
            (t, "String", "String"),
            (t, "Result", "Result"),
            (t, "Option", "Option"),
            (t, "Box", "Box"),
            (t, "Vec", "Vec"),
            (t, "Self", "Self_"),
            (t, "self", "Self_"),
            (t, "", "Unnamed"),
            (t, "3DSettings", "_3DSettings"),
            (t, "DynamoDBv2Action", "DynamoDbv2Action"),
            (t, "SizeInMiB", "SizeInMib"),
            (t, "IoTThing", "IotThing"),
            (t, "H264Settings", "H264Settings"),
            (t, "Foo.Bar-baz", "FooBarBaz"),
            // fields
            (f, "NotificationARNs", "notification_arns"),
            (f, "ACLs", "acls"),
            (f, "ARNs", "arns"),
            (f, "roomIdentifier", "room_identifier"),
            (
                f,
                "maximumMessageRatePerSecond",
                "maximum_message_rate_per_second",
            ),
            (f, "IPv6Address", "ipv6_address"),
            (f, "S3Bucket", "s3_bucket"),
            (f, "nextToken", "next_token"),
            (f, "DBInstanceARN", "db_instance_arn"),
            (f, "CNAME", "cname"),
            (f, "ACLsEnabled", "acls_enabled"),
            (f, "ETag", "e_tag"),
            (f, "userID", "user_id"),
            (f, "TTLSeconds", "ttl_seconds"),
            (f, "SigV4Auth", "sigv4_auth"),
            (f, "s3key", "s3_key"),
            (f, "TLSv1_2", "tlsv1_2"),
            (f, "fooBar", "foo_bar"),
            (f, "foo_bar", "foo_bar"),
            (f, "type", "r#type"),
            (f, "Type", "r#type"),
            (f, "match", "r#match"),
            (f, "async", "r#async"),
            (f, "await", "r#await"),
            (f, "dyn", "r#dyn"),
            (f, "try", "r#try"),
            (f, "gen", "r#gen"),
            (f, "ref", "r#ref"),
            (f, "box", "r#box"),
            (f, "yield", "r#yield"),
            (f, "abstract", "r#abstract"),
            (f, "become", "r#become"),
            (f, "do", "r#do"),
            (f, "final", "r#final"),
            (f, "macro", "r#macro"),
            (f, "override", "r#override"),
            (f, "priv", "r#priv"),
            (f, "typeof", "r#typeof"),
            (f, "unsized", "r#unsized"),
            (f, "virtual", "r#virtual"),
            (f, "TRUE", "r#true"),
            (f, "union", "union"),
            (f, "self", "self_"),
            (f, "Self", "self_"),
            (f, "SELF", "self_"),
            (f, "super", "super_"),
            (f, "crate", "crate_"),
            (f, "_", "unnamed"),
            (f, "1st", "_1st"),
            (f, "2FAEnabled", "_2_fa_enabled"),
            (f, "build", "build_value"),
            (f, "Builder", "builder_value"),
            (f, "send", "send_value"),
            (f, "buildId", "build_id"),
            // variants
            (v, "SEND_MESSAGE", "SendMessage"),
            (v, "SendMessage", "SendMessage"),
            (v, "t2.micro", "T2Micro"),
            (v, "us-east-1", "UsEast1"),
            (v, "application/json", "ApplicationJson"),
            (v, "*", "Star"),
            (v, "1", "V1"),
            (v, "1.6", "V1_6"),
            (v, "16", "V16"),
            (v, "", "Empty"),
            (v, "  ", "Empty"),
            (v, "Unknown", "UnknownValue"),
            (v, "UNKNOWN", "UnknownValue"),
            (v, "unknown", "UnknownValue"),
            (v, "Self", "Self_"),
            (v, "AWS::EC2::Instance", "AwsEc2Instance"),
            (v, "CBR-AAC_HQ-192000", "CbrAacHq192000"),
            (v, "Bits/Second", "BitsSecond"),
            (
                v,
                "Amazon Elastic Cloud Compute (EC2)",
                "AmazonElasticCloudComputeEc2",
            ),
            (v, "日本", "U65E5U672C"),
            // modules
            (m, "CreateChatToken", "create_chat_token"),
            (m, "type", "type_"),
            (m, "self", "self_"),
            (m, "Match", "match_"),
            (m, "1Password", "_1_password"),
            (m, "", "unnamed"),
            // constants
            (c, "maxResults", "MAX_RESULTS"),
            (c, "IPv6Address", "IPV6_ADDRESS"),
            (c, "type", "TYPE"),
            (c, "1st", "_1ST"),
            (c, "", "UNNAMED"),
        ];
        let mut failures = Vec::new();
        for (func, input, expected) in cases {
            let got = func(input);
            if got != *expected {
                failures.push(format!("{input:?}: expected {expected:?}, got {got:?}"));
            }
            assert!(
                is_legal_ident(&got),
                "{got:?} (from {input:?}) is not an identifier"
            );
        }
        assert!(
            failures.is_empty(),
            "{} mismatches:\n{}",
            failures.len(),
            failures.join("\n")
        );
    }

    #[test]
    fn disambiguate_table() {
        let cases: &[(&[&str], &[&str])] = &[
            (&["foo_bar", "foo_bar"], &["foo_bar", "foo_bar_2"]),
            (&["a", "a", "a"], &["a", "a_2", "a_3"]),
            // a generated suffix must not take an existing candidate's name
            (&["a", "a", "a_2"], &["a", "a_3", "a_2"]),
            (&["a_2", "a", "a"], &["a_2", "a", "a_3"]),
            (&["r#type", "r#type"], &["r#type", "type_2"]),
            (&["self_", "self_"], &["self_", "self_2"]),
            (&["Foo", "Foo", "Foo2"], &["Foo", "Foo3", "Foo2"]),
            (&["V1", "V1"], &["V1", "V1_2"]),
            (&["FOO", "FOO"], &["FOO", "FOO2"]),
            (&["x", "y"], &["x", "y"]),
            (&[], &[]),
        ];
        for (input, expected) in cases {
            assert_eq!(
                disambiguate(&strings(input)),
                strings(expected),
                "for {input:?}"
            );
        }
        // the collision the brief names: two members that snake_case alike
        let fields = vec![field_name("fooBar"), field_name("foo_bar")];
        assert_eq!(disambiguate(&fields), strings(&["foo_bar", "foo_bar_2"]));
    }

    #[test]
    fn disambiguate_is_distinct_and_deterministic_on_many_duplicates() {
        let input: Vec<String> = (0..50)
            .map(|i| ["x", "x_2", "x_3", "Y"][i % 4].to_owned())
            .collect();
        let out = disambiguate(&input);
        assert_eq!(out.len(), input.len());
        assert_eq!(
            out.iter().collect::<BTreeSet<_>>().len(),
            out.len(),
            "{out:?}"
        );
        assert_eq!(out, disambiguate(&input));
        assert!(
            out.iter()
                .all(|n| is_legal_ident(n) && camel_or_snake_clean(n)),
            "{out:?}"
        );
    }

    #[test]
    fn is_legal_ident_table() {
        for ok in [
            "foo", "r#type", "r#gen", "union", "Self_", "self_", "_1st", "V1_6", "String",
        ] {
            assert!(is_legal_ident(ok), "{ok}");
        }
        for bad in [
            "", "type", "gen", "self", "Self", "r#self", "r#Self", "r#crate", "_", "1st", "a-b",
            "a b",
        ] {
            assert!(!is_legal_ident(bad), "{bad}");
        }
    }

    /// heck, the usual crate for this, splits AWS plural acronyms apart: this is why the word
    /// splitter is hand-written. If heck ever learns `ARNs`, switch to it.
    #[test]
    fn heck_does_not_handle_aws_acronyms() {
        use heck::ToSnakeCase;
        assert_eq!("NotificationARNs".to_snake_case(), "notification_ar_ns");
        assert_eq!(field_name("NotificationARNs"), "notification_arns");
    }

    /// rustc's `non_camel_case_types` rule (as documented: no `__`, no `_` next to a letter after
    /// trimming outer underscores, not starting lowercase) or `non_snake_case` rule (no uppercase,
    /// no `__` after trimming), whichever the name's first letter calls for.
    fn camel_or_snake_clean(name: &str) -> bool {
        let name = name.strip_prefix("r#").unwrap_or(name);
        let trimmed = name.trim_matches('_');
        if trimmed.contains("__") {
            return false;
        }
        if trimmed.starts_with(|c: char| c.is_ascii_uppercase() || c.is_ascii_digit())
            && name.chars().any(|c| c.is_ascii_lowercase())
        {
            let chars: Vec<char> = trimmed.chars().collect();
            !chars.windows(2).any(|w| {
                (w[0] == '_' && w[1].is_alphabetic()) || (w[1] == '_' && w[0].is_alphabetic())
            })
        } else if name.chars().any(|c| c.is_ascii_lowercase()) {
            !trimmed.chars().any(|c| c.is_ascii_uppercase())
        } else {
            true // SCREAMING_SNAKE_CASE or digits only
        }
    }

    fn models() -> Vec<(String, Value)> {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../shared/models/aws");
        let mut paths: Vec<_> = std::fs::read_dir(dir)
            .unwrap_or_else(|e| panic!("reading {dir}: {e}"))
            .map(|e| e.expect("dir entry").path())
            .filter(|p| p.extension().is_some_and(|x| x == "json"))
            .collect();
        paths.sort();
        paths
            .into_iter()
            .map(|p| {
                let text = std::fs::read_to_string(&p).expect("model readable");
                (
                    p.display().to_string(),
                    serde_json::from_str(&text).expect("model is JSON"),
                )
            })
            .collect()
    }

    /// Every shape name, member name and enum value of the 60 published AWS models becomes a legal,
    /// lint-clean identifier, and the names of each scope are distinct after `disambiguate`.
    #[test]
    fn all_names_of_the_aws_models() {
        let models = models();
        assert_eq!(models.len(), 60, "expected the 60 AWS models");
        let (mut checked, mut renamed_scopes, mut shapes_seen) = (0usize, 0usize, 0usize);
        let mut problems = Vec::new();
        let mut check = |what: &str, input: &str, out: &str| {
            checked += 1;
            if !is_legal_ident(out) || !camel_or_snake_clean(out) {
                problems.push(format!("{what} {input:?} -> {out:?}"));
            }
        };
        for (path, model) in &models {
            let shapes = model["shapes"]
                .as_object()
                .unwrap_or_else(|| panic!("{path}: no shapes"));
            let mut type_names = Vec::new();
            for (id, shape) in shapes {
                shapes_seen += 1;
                let name = id.rsplit('#').next().unwrap_or(id);
                let ty = type_name(name);
                check("type", name, &ty);
                check("module", name, &module_name(name));
                check("const", name, &const_name(name));
                type_names.push(ty);
                let members = shape["members"].as_object();
                let kind = shape["type"].as_str().unwrap_or_default();
                let mut scope = Vec::new();
                for (member, def) in members.into_iter().flatten() {
                    let out = match kind {
                        "structure" => field_name(member),
                        _ => variant_name(member),
                    };
                    check(kind, member, &out);
                    check("field", member, &field_name(member));
                    check("const", member, &const_name(member));
                    scope.push(out);
                    if let Some(value) = def["traits"]["smithy.api#enumValue"].as_str() {
                        check("enum value", value, &variant_name(value));
                    }
                }
                let mut legacy = Vec::new();
                for entry in shape["traits"]["smithy.api#enum"]
                    .as_array()
                    .into_iter()
                    .flatten()
                {
                    let label = entry["name"]
                        .as_str()
                        .or(entry["value"].as_str())
                        .unwrap_or_default();
                    let out = variant_name(label);
                    check("legacy enum", label, &out);
                    if let Some(value) = entry["value"].as_str() {
                        check("legacy enum value", value, &variant_name(value));
                    }
                    legacy.push(out);
                }
                for names in [scope, legacy] {
                    if names.is_empty() {
                        continue;
                    }
                    let unique = disambiguate(&names);
                    if unique != names {
                        renamed_scopes += 1;
                    }
                    let distinct: BTreeSet<&String> = unique.iter().collect();
                    assert_eq!(distinct.len(), unique.len(), "{path} {id}: {unique:?}");
                    assert!(
                        !unique.iter().any(|n| n == "Unknown"),
                        "{path} {id}: {unique:?}"
                    );
                    for (before, after) in names.iter().zip(&unique) {
                        check("disambiguated", before, after);
                    }
                }
            }
            let unique = disambiguate(&type_names);
            assert_eq!(
                unique.iter().collect::<BTreeSet<_>>().len(),
                unique.len(),
                "{path}"
            );
        }
        assert!(
            problems.is_empty(),
            "{} bad identifiers:\n{}",
            problems.len(),
            problems.join("\n")
        );
        assert!(
            shapes_seen > 10_000 && checked > 50_000,
            "only {checked} names checked"
        );
        println!("{checked} names checked, {renamed_scopes} scopes needed disambiguation");
    }
}
