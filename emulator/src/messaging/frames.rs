//! The JSON text frames of the IVS Chat Messaging API: requests clients send and the
//! `MESSAGE`, `EVENT` and `ERROR` frames the server sends.

use std::collections::HashMap;

use serde_json::{Map, Value, json};

/// Error codes of the Messaging API (`ErrorCode` of an `ERROR` frame).
pub(crate) mod code {
    /// Malformed or invalid request.
    pub(crate) const BAD_REQUEST: u16 = 400;
    /// The connection's capabilities do not permit the action.
    pub(crate) const FORBIDDEN: u16 = 403;
    /// The room does not exist (any more).
    pub(crate) const NOT_FOUND: u16 = 404;
    /// The message review handler denied the message.
    pub(crate) const NOT_ACCEPTABLE: u16 = 406;
    /// A field is too large (content longer than the room allows, attributes over 1 KB).
    pub(crate) const PAYLOAD_TOO_LARGE: u16 = 413;
    /// The room's message rate is exceeded.
    pub(crate) const TOO_MANY_REQUESTS: u16 = 429;
}

/// The attributes of a message, an event, or a sender: strings to strings.
pub(crate) type Attributes = HashMap<String, String>;

/// A request a client sends over its connection.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Request {
    SendMessage {
        content: String,
        attributes: Option<Attributes>,
    },
    DeleteMessage {
        id: String,
        reason: Option<String>,
    },
    DisconnectUser {
        user_id: String,
        reason: Option<String>,
    },
}

/// A request that could not be read: the `RequestId` it had, if any, and why.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct BadRequest {
    pub(crate) request_id: Option<String>,
    pub(crate) message: String,
}

/// Parses a text frame: `{"Action": ..., "RequestId"?: ..., ...}`. Returns the request and its
/// `RequestId` (optional on the wire; echoed in whatever the request causes).
pub(crate) fn parse_request(text: &str) -> Result<(Option<String>, Request), BadRequest> {
    let bad = |request_id: Option<String>, message: String| BadRequest {
        request_id,
        message,
    };
    let value: Value =
        serde_json::from_str(text).map_err(|e| bad(None, format!("the frame is not JSON: {e}")))?;
    let Value::Object(object) = value else {
        return Err(bad(None, "the frame is not a JSON object".into()));
    };
    let request_id = match object.get("RequestId") {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => Some(s.clone()),
        Some(_) => return Err(bad(None, "`RequestId` must be a string".into())),
    };
    let fields = Fields {
        object: &object,
        request_id: &request_id,
    };
    let request = match object.get("Action").and_then(Value::as_str) {
        Some("SEND_MESSAGE") => Request::SendMessage {
            content: fields.string("Content")?,
            attributes: fields.attributes("Attributes")?,
        },
        Some("DELETE_MESSAGE") => Request::DeleteMessage {
            id: fields.string("Id")?,
            reason: fields.optional_string("Reason")?,
        },
        Some("DISCONNECT_USER") => Request::DisconnectUser {
            user_id: fields.string("UserId")?,
            reason: fields.optional_string("Reason")?,
        },
        Some(other) => {
            return Err(bad(
                request_id,
                format!(
                    "unknown `Action` `{other}`: expected SEND_MESSAGE, DELETE_MESSAGE or \
                     DISCONNECT_USER"
                ),
            ));
        }
        None => return Err(bad(request_id, "`Action` (a string) is required".into())),
    };
    Ok((request_id, request))
}

struct Fields<'a> {
    object: &'a Map<String, Value>,
    request_id: &'a Option<String>,
}

impl Fields<'_> {
    fn bad(&self, message: String) -> BadRequest {
        BadRequest {
            request_id: self.request_id.clone(),
            message,
        }
    }

    fn string(&self, name: &str) -> Result<String, BadRequest> {
        self.optional_string(name)?
            .ok_or_else(|| self.bad(format!("`{name}` (a string) is required")))
    }

    fn optional_string(&self, name: &str) -> Result<Option<String>, BadRequest> {
        match self.object.get(name) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.clone())),
            Some(_) => Err(self.bad(format!("`{name}` must be a string"))),
        }
    }

    fn attributes(&self, name: &str) -> Result<Option<Attributes>, BadRequest> {
        match self.object.get(name) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::Object(map)) => map
                .iter()
                .map(|(k, v)| match v {
                    Value::String(s) => Ok((k.clone(), s.clone())),
                    _ => Err(self.bad(format!("`{name}.{k}` must be a string"))),
                })
                .collect::<Result<_, _>>()
                .map(Some),
            Some(_) => Err(self.bad(format!("`{name}` must be an object of strings to strings"))),
        }
    }
}

/// The size attributes count against the 1 KB limit: the UTF-8 bytes of every key and value.
pub(crate) fn attributes_size(attributes: &Attributes) -> usize {
    attributes.iter().map(|(k, v)| k.len() + v.len()).sum()
}

/// A `MESSAGE` frame.
pub(crate) struct Message<'a> {
    pub(crate) id: &'a str,
    pub(crate) request_id: Option<&'a str>,
    pub(crate) content: &'a str,
    pub(crate) attributes: &'a Attributes,
    pub(crate) send_time: &'a str,
    pub(crate) sender_user_id: &'a str,
    pub(crate) sender_attributes: &'a Attributes,
}

impl Message<'_> {
    pub(crate) fn to_json(&self) -> String {
        let mut frame = json!({
            "Type": "MESSAGE",
            "Id": self.id,
            "Content": self.content,
            "Attributes": self.attributes,
            "SendTime": self.send_time,
            "Sender": {"UserId": self.sender_user_id, "Attributes": self.sender_attributes},
        });
        if let Some(r) = self.request_id {
            frame["RequestId"] = r.into();
        }
        frame.to_string()
    }
}

/// An `EVENT` frame (`aws:DELETE_MESSAGE` and `aws:DISCONNECT_USER` included).
pub(crate) fn event(
    id: &str,
    request_id: Option<&str>,
    event_name: &str,
    attributes: &Attributes,
    send_time: &str,
) -> String {
    let mut frame = json!({
        "Type": "EVENT",
        "Id": id,
        "EventName": event_name,
        "Attributes": attributes,
        "SendTime": send_time,
    });
    if let Some(r) = request_id {
        frame["RequestId"] = r.into();
    }
    frame.to_string()
}

/// An `ERROR` frame.
pub(crate) fn error(id: &str, request_id: Option<&str>, code: u16, message: &str) -> String {
    let mut frame = json!({
        "Type": "ERROR",
        "Id": id,
        "ErrorCode": code,
        "ErrorMessage": message,
    });
    if let Some(r) = request_id {
        frame["RequestId"] = r.into();
    }
    frame.to_string()
}

/// The attributes of `aws:DELETE_MESSAGE`: the message id under both spellings (`MessageId` is
/// the documented one, `MessageID` the one the official JS SDK reads) and the reason, if any.
pub(crate) fn delete_message_attributes(message_id: &str, reason: Option<&str>) -> Attributes {
    let mut a = Attributes::from([
        ("MessageID".to_string(), message_id.to_string()),
        ("MessageId".to_string(), message_id.to_string()),
    ]);
    if let Some(r) = reason {
        a.insert("Reason".into(), r.into());
    }
    a
}

/// The attributes of `aws:DISCONNECT_USER`.
pub(crate) fn disconnect_user_attributes(user_id: &str, reason: Option<&str>) -> Attributes {
    let mut a = Attributes::from([("UserId".to_string(), user_id.to_string())]);
    if let Some(r) = reason {
        a.insert("Reason".into(), r.into());
    }
    a
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_three_actions() {
        let (rid, r) = parse_request(
            r#"{"Action":"SEND_MESSAGE","RequestId":"r1","Content":"hi","Attributes":{"a":"b"}}"#,
        )
        .unwrap();
        assert_eq!(rid.as_deref(), Some("r1"));
        assert_eq!(
            r,
            Request::SendMessage {
                content: "hi".into(),
                attributes: Some(Attributes::from([("a".into(), "b".into())])),
            }
        );
        let (rid, r) = parse_request(r#"{"Action":"DELETE_MESSAGE","Id":"m1"}"#).unwrap();
        assert_eq!(rid, None);
        assert_eq!(
            r,
            Request::DeleteMessage {
                id: "m1".into(),
                reason: None
            }
        );
        let (_, r) =
            parse_request(r#"{"Action":"DISCONNECT_USER","UserId":"u","Reason":"x"}"#).unwrap();
        assert_eq!(
            r,
            Request::DisconnectUser {
                user_id: "u".into(),
                reason: Some("x".into())
            }
        );
    }

    #[test]
    fn malformed_requests_say_why_and_keep_their_request_id() {
        for (text, rid, needle) in [
            ("not json", None, "not JSON"),
            ("[1]", None, "not a JSON object"),
            (r#"{"RequestId":"r"}"#, Some("r"), "`Action`"),
            (
                r#"{"RequestId":"r","Action":"PING"}"#,
                Some("r"),
                "unknown `Action` `PING`",
            ),
            (
                r#"{"RequestId":"r","Action":"SEND_MESSAGE"}"#,
                Some("r"),
                "`Content`",
            ),
            (
                r#"{"RequestId":"r","Action":"SEND_MESSAGE","Content":"x","Attributes":{"a":1}}"#,
                Some("r"),
                "`Attributes.a` must be a string",
            ),
            (
                r#"{"RequestId":"r","Action":"SEND_MESSAGE","Content":"x","Attributes":[]}"#,
                Some("r"),
                "`Attributes` must be an object",
            ),
            (
                r#"{"RequestId":"r","Action":"DELETE_MESSAGE"}"#,
                Some("r"),
                "`Id`",
            ),
            (
                r#"{"RequestId":"r","Action":"DISCONNECT_USER","UserId":5}"#,
                Some("r"),
                "`UserId` must be a string",
            ),
            (
                r#"{"RequestId":7,"Action":"DELETE_MESSAGE"}"#,
                None,
                "`RequestId`",
            ),
        ] {
            let e = parse_request(text).unwrap_err();
            assert_eq!(e.request_id.as_deref(), rid, "{text}");
            assert!(e.message.contains(needle), "{text}: {}", e.message);
        }
    }

    #[test]
    fn attributes_size_counts_utf8_bytes_of_keys_and_values() {
        let a = Attributes::from([("ab".into(), "é".into()), ("c".into(), String::new())]);
        assert_eq!(attributes_size(&a), 2 + 2 + 1);
    }

    #[test]
    fn frames_carry_type_id_and_request_id_only_when_given() {
        let v: Value = serde_json::from_str(&error("E1", Some("r"), 429, "slow down")).unwrap();
        assert_eq!(
            v,
            json!({"Type":"ERROR","Id":"E1","RequestId":"r","ErrorCode":429,"ErrorMessage":"slow down"})
        );
        let v: Value = serde_json::from_str(&event(
            "E2",
            None,
            "aws:DELETE_MESSAGE",
            &delete_message_attributes("m", Some("spam")),
            "2024-01-01T00:00:00Z",
        ))
        .unwrap();
        assert_eq!(
            v,
            json!({"Type":"EVENT","Id":"E2","EventName":"aws:DELETE_MESSAGE",
                   "Attributes":{"MessageID":"m","MessageId":"m","Reason":"spam"},
                   "SendTime":"2024-01-01T00:00:00Z"})
        );
    }
}
