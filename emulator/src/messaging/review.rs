//! Message review: a room's `messageReviewHandler` (a Lambda ARN) is mapped to a local HTTP
//! endpoint (`Config::review_handlers`, `--review-handler ARN=URL`), which gets the documented
//! review request as a JSON `POST` body and answers with the handler's JSON result.

use std::net::IpAddr;

use ivschat::types::{FallbackResult, MessageReviewHandler};
use serde_json::{Value, json};
use smithy_runtime::bytes::Bytes;
use smithy_runtime::client::{HttpClient, HyperClient, TimeoutConfig};
use smithy_runtime::http;

use super::MAX_ATTRIBUTES_BYTES;
use super::frames::{Attributes, attributes_size};
use crate::Emulator;

/// What review decided for a message.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Verdict {
    /// Deliver, with this content and these attributes (changed by the handler or not).
    Allow {
        content: String,
        attributes: Attributes,
    },
    /// Refuse (406 to the sender); `reason` is the handler's `Attributes.Reason`, if any.
    Deny { reason: Option<String> },
}

/// The message under review.
pub(crate) struct Pending<'a> {
    pub(crate) message_id: &'a str,
    pub(crate) room_arn: &'a str,
    pub(crate) content: String,
    pub(crate) attributes: Attributes,
    pub(crate) sender_user_id: &'a str,
    pub(crate) sender_attributes: &'a Attributes,
    pub(crate) sender_ip: Option<IpAddr>,
    /// The room's `maximumMessageLength`: changed content must respect it too.
    pub(crate) max_length: usize,
}

impl Emulator {
    /// Reviews a message with the room's handler; an unmapped handler, a transport error, a
    /// non-2xx status, a timeout or an answer that is not a valid review result gives the
    /// room's `fallbackResult`.
    pub(crate) async fn review(&self, handler: &MessageReviewHandler, m: Pending<'_>) -> Verdict {
        let answer = match handler
            .uri
            .as_ref()
            .and_then(|arn| self.config().review_handlers.get(arn))
        {
            Some(url) => self.call_handler(url, &m).await,
            None => None,
        };
        match answer.and_then(|a| read_answer(&a, &m)) {
            Some(verdict) => verdict,
            None => match handler.fallback_result {
                Some(FallbackResult::Deny) => Verdict::Deny { reason: None },
                _ => Verdict::Allow {
                    content: m.content,
                    attributes: m.attributes,
                },
            },
        }
    }

    /// POSTs the review request; the body of a 2xx answer within the review timeout.
    async fn call_handler(&self, url: &str, m: &Pending<'_>) -> Option<Bytes> {
        let body = json!({
            "Content": m.content,
            "MessageId": m.message_id,
            "RoomArn": m.room_arn,
            "Attributes": m.attributes,
            "Sender": {
                "Attributes": m.sender_attributes,
                "UserId": m.sender_user_id,
                "Ip": m.sender_ip.map(|ip| ip.to_string()).unwrap_or_default(),
            },
        });
        let request = http::Request::post(url)
            .header(http::header::CONTENT_TYPE, "application/json")
            .body(Bytes::from(body.to_string()))
            .ok()?;
        let client = self.review_client()?;
        let timeout = self.config().review_timeout;
        let response = tokio::time::timeout(timeout, client.call(request))
            .await
            .ok()?
            .ok()?;
        response.status().is_success().then(|| response.into_body())
    }

    fn review_client(&self) -> Option<&HyperClient> {
        self.inner
            .review_client
            .get_or_init(|| HyperClient::new(&TimeoutConfig::default()).ok())
            .as_ref()
    }
}

/// A handler answer: `{"ReviewResult": "ALLOW"|"DENY", "Content"?, "Attributes"?}`. Anything
/// else, or changed content/attributes over the room's limits, is not a valid answer.
fn read_answer(body: &[u8], m: &Pending<'_>) -> Option<Verdict> {
    let Value::Object(answer) = serde_json::from_slice(body).ok()? else {
        return None;
    };
    let attributes = match answer.get("Attributes") {
        None | Some(Value::Null) => None,
        Some(Value::Object(map)) => Some(
            map.iter()
                .map(|(k, v)| v.as_str().map(|v| (k.clone(), v.to_string())))
                .collect::<Option<Attributes>>()?,
        ),
        Some(_) => return None,
    };
    let content = match answer.get("Content") {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => Some(s.clone()),
        Some(_) => return None,
    };
    match answer.get("ReviewResult").and_then(Value::as_str)? {
        "ALLOW" => {
            let content = content.unwrap_or_else(|| m.content.clone());
            let attributes = attributes.unwrap_or_else(|| m.attributes.clone());
            let fits = content.chars().count() <= m.max_length
                && attributes_size(&attributes) <= MAX_ATTRIBUTES_BYTES;
            fits.then_some(Verdict::Allow {
                content,
                attributes,
            })
        }
        "DENY" => Some(Verdict::Deny {
            reason: attributes.and_then(|mut a| a.remove("Reason")),
        }),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pending() -> Pending<'static> {
        static NONE: std::sync::OnceLock<Attributes> = std::sync::OnceLock::new();
        Pending {
            message_id: "m",
            room_arn: "arn",
            content: "hello".into(),
            attributes: Attributes::from([("a".into(), "1".into())]),
            sender_user_id: "u",
            sender_attributes: NONE.get_or_init(Attributes::new),
            sender_ip: None,
            max_length: 10,
        }
    }

    #[test]
    fn answers_are_read_strictly() {
        let m = pending();
        let allow = |c: &str, a: &[(&str, &str)]| {
            Some(Verdict::Allow {
                content: c.into(),
                attributes: a
                    .iter()
                    .map(|(k, v)| (k.to_string(), v.to_string()))
                    .collect(),
            })
        };
        assert_eq!(
            read_answer(br#"{"ReviewResult":"ALLOW"}"#, &m),
            allow("hello", &[("a", "1")])
        );
        assert_eq!(
            read_answer(
                br#"{"ReviewResult":"ALLOW","Content":"hi","Attributes":{}}"#,
                &m
            ),
            allow("hi", &[])
        );
        assert_eq!(
            read_answer(
                br#"{"ReviewResult":"DENY","Attributes":{"Reason":"rude"}}"#,
                &m
            ),
            Some(Verdict::Deny {
                reason: Some("rude".into())
            })
        );
        for bad in [
            &br#"{"ReviewResult":"MAYBE"}"#[..],
            br#"{"Content":"x"}"#,
            br#"{"ReviewResult":"ALLOW","Content":5}"#,
            br#"{"ReviewResult":"ALLOW","Attributes":{"a":1}}"#,
            br#"{"ReviewResult":"ALLOW","Content":"far more than ten"}"#,
            b"[]",
            b"not json",
        ] {
            assert_eq!(
                read_answer(bad, &m),
                None,
                "{}",
                String::from_utf8_lossy(bad)
            );
        }
    }
}
