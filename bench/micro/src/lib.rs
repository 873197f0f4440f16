//! Fixtures shared by the micro-benchmarks (`benches/micro.rs`), so both clients parse the very
//! same bytes.

/// A ListRooms answer body with `n` rooms, each with a review handler, two tags and one logging
/// configuration, as the service sends it.
pub fn list_rooms_body(n: usize) -> String {
    let rooms: Vec<String> = (0..n)
        .map(|i| {
            format!(
                r#"{{"arn":"arn:aws:ivschat:us-east-1:123456789012:room/Room{i:08}","id":"Room{i:08}","name":"room-{i}","messageReviewHandler":{{"uri":"arn:aws:lambda:us-east-1:123456789012:function:review","fallbackResult":"ALLOW"}},"createTime":"2026-01-01T00:00:00Z","updateTime":"2026-01-02T03:04:05.678Z","tags":{{"team":"video","env":"prod"}},"loggingConfigurationIdentifiers":["arn:aws:ivschat:us-east-1:123456789012:logging-configuration/Log00000001"]}}"#
            )
        })
        .collect();
    format!(
        r#"{{"rooms":[{}],"nextToken":"token-50"}}"#,
        rooms.join(",")
    )
}

/// A CreateRoom answer body.
pub const CREATE_ROOM_BODY: &str = r#"{"arn":"arn:aws:ivschat:us-east-1:123456789012:room/AbCdEfGh1234","id":"AbCdEfGh1234","name":"lobby","createTime":"2026-01-01T00:00:00Z","updateTime":"2026-01-01T00:00:00Z","maximumMessageRatePerSecond":10,"maximumMessageLength":500,"tags":{"team":"video"},"loggingConfigurationIdentifiers":[]}"#;

#[cfg(test)]
mod tests {
    #[test]
    fn body_has_n_rooms() {
        let body = super::list_rooms_body(50);
        assert_eq!(body.matches("\"arn\":").count(), 50);
        assert!(body.starts_with(r#"{"rooms":[{"#) && body.ends_with(r#""nextToken":"token-50"}"#));
    }
}
