//! Resource ARNs: building them and resolving identifiers to ids of this emulator.

use crate::errors::Fault;

/// The region and account resources are made and found in (the request's region).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Scope<'a> {
    pub(crate) region: &'a str,
    pub(crate) account: &'a str,
}

/// The two kinds of resources of IVS Chat.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    Room,
    LoggingConfiguration,
}

impl Kind {
    /// The resource type segment of the ARN.
    fn segment(self) -> &'static str {
        match self {
            Kind::Room => "room",
            Kind::LoggingConfiguration => "logging-configuration",
        }
    }

    /// Words for messages.
    pub(crate) fn noun(self) -> &'static str {
        match self {
            Kind::Room => "room",
            Kind::LoggingConfiguration => "logging configuration",
        }
    }

    pub(crate) fn arn(self, scope: Scope<'_>, id: &str) -> String {
        format!(
            "arn:aws:ivschat:{}:{}:{}/{id}",
            scope.region,
            scope.account,
            self.segment()
        )
    }
}

/// The id part of an identifier: what follows the last `/`, or the whole text without one.
pub(crate) fn id_part(identifier: &str) -> &str {
    identifier.rsplit('/').next().unwrap_or(identifier)
}

/// Splits an ARN of the scope's region and account into its kind and id.
///
/// Anything else (another partition, service, region or account, an unknown resource type, an
/// empty id, or not an ARN at all) is a resource that does not exist here: the real service
/// answers such identifiers with `ResourceNotFoundException` once they pass the model's
/// patterns, and this emulator also meets them when called without the router.
pub(crate) fn parse(scope: Scope<'_>, identifier: &str) -> Result<(Kind, String), Fault> {
    let not_found = |kind| Fault::not_found(kind, id_part(identifier));
    let mut parts = identifier.splitn(6, ':');
    let fixed = [parts.next(), parts.next(), parts.next()];
    let (region, account, resource) = (parts.next(), parts.next(), parts.next());
    let Some(resource) = resource else {
        return Err(not_found(Kind::Room));
    };
    let (segment, id) = resource.split_once('/').unwrap_or((resource, ""));
    let kind = match segment {
        "room" => Kind::Room,
        "logging-configuration" => Kind::LoggingConfiguration,
        _ => return Err(not_found(Kind::Room)),
    };
    let ours = fixed == [Some("arn"), Some("aws"), Some("ivschat")]
        && region == Some(scope.region)
        && account == Some(scope.account)
        && !id.is_empty()
        && !id.contains('/');
    if ours {
        Ok((kind, id.to_string()))
    } else {
        Err(not_found(kind))
    }
}

/// Like [`parse`], but the identifier must name a resource of `kind`.
pub(crate) fn parse_kind(scope: Scope<'_>, kind: Kind, identifier: &str) -> Result<String, Fault> {
    match parse(scope, identifier)? {
        (found, id) if found == kind => Ok(id),
        _ => Err(Fault::not_found(kind, id_part(identifier))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config() -> Scope<'static> {
        Scope {
            region: "us-east-1",
            account: "123456789012",
        }
    }

    #[test]
    fn builds_arns_of_both_kinds() {
        assert_eq!(
            Kind::Room.arn(config(), "abcDEF123456"),
            "arn:aws:ivschat:us-east-1:123456789012:room/abcDEF123456"
        );
        assert_eq!(
            Kind::LoggingConfiguration.arn(config(), "abcDEF123456"),
            "arn:aws:ivschat:us-east-1:123456789012:logging-configuration/abcDEF123456"
        );
    }

    #[test]
    fn parses_own_arns() {
        let c = config();
        assert_eq!(
            parse(c, "arn:aws:ivschat:us-east-1:123456789012:room/abc").unwrap(),
            (Kind::Room, "abc".to_string())
        );
        assert_eq!(
            parse(
                c,
                "arn:aws:ivschat:us-east-1:123456789012:logging-configuration/xyz"
            )
            .unwrap(),
            (Kind::LoggingConfiguration, "xyz".to_string())
        );
    }

    #[test]
    fn foreign_or_malformed_identifiers_are_not_found_with_their_id_part() {
        let c = config();
        for (identifier, id) in [
            ("arn:aws:ivschat:eu-west-1:123456789012:room/abc", "abc"),
            ("arn:aws:ivschat:us-east-1:999999999999:room/abc", "abc"),
            ("arn:aws-cn:ivschat:us-east-1:123456789012:room/abc", "abc"),
            ("arn:aws:ivs:us-east-1:123456789012:room/abc", "abc"),
            ("arn:aws:ivschat:us-east-1:123456789012:channel/abc", "abc"),
            ("arn:aws:ivschat:us-east-1:123456789012:room/", ""),
            (
                "arn:aws:ivschat:us-east-1:123456789012:room",
                "arn:aws:ivschat:us-east-1:123456789012:room",
            ),
            ("not-an-arn", "not-an-arn"),
            ("", ""),
        ] {
            let Err(Fault::ResourceNotFoundException(e)) = parse(c, identifier) else {
                panic!("{identifier:?} should not resolve");
            };
            assert_eq!(e.resource_id, id, "{identifier:?}");
            assert_eq!(e.resource_type, ivschat::types::ResourceType::Room);
        }
    }

    #[test]
    fn parse_kind_rejects_the_other_kind() {
        let c = config();
        let log = "arn:aws:ivschat:us-east-1:123456789012:logging-configuration/abc";
        assert!(parse_kind(c, Kind::Room, log).is_err());
        assert_eq!(
            parse_kind(c, Kind::LoggingConfiguration, log).unwrap(),
            "abc"
        );
    }
}
