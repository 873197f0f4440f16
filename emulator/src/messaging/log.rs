//! Chat logging: the messages and events of a room with logging configurations are appended,
//! one JSON line each, to a file per destination under `Config::log_dir` (`--log-dir`).

use std::io::Write;
use std::path::PathBuf;

use ivschat::types::DestinationConfiguration;
use serde_json::json;

use crate::Emulator;
use crate::arn;

/// The file a destination is recorded in: `s3-BUCKET.jsonl`, `cloudwatchlogs-GROUP.jsonl` or
/// `firehose-STREAM.jsonl`, with every character other than ASCII letters, digits, `.`, `_`
/// and `-` replaced by `_` (log group names may contain `/`).
pub(crate) fn file_name(destination: &DestinationConfiguration) -> Option<String> {
    let (kind, name) = match destination {
        DestinationConfiguration::S3(d) => ("s3", d.bucket_name.as_str()),
        DestinationConfiguration::CloudWatchLogs(d) => {
            ("cloudwatchlogs", d.log_group_name.as_str())
        }
        DestinationConfiguration::Firehose(d) => ("firehose", d.delivery_stream_name.as_str()),
        _ => return None,
    };
    let name: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-') {
                c
            } else {
                '_'
            }
        })
        .collect();
    Some(format!("{kind}-{name}.jsonl"))
}

impl Emulator {
    /// Records a frame the room was sent (`kind` `MESSAGE` or `EVENT`) at each of the room's
    /// logging destinations. A failed write is reported on stderr; it never fails the message.
    pub(crate) fn log_frame(&self, room_id: &str, kind: &str, frame: &str, timestamp: &str) {
        let Some(dir) = &self.config().log_dir else {
            return;
        };
        let (room_arn, files): (String, Vec<PathBuf>) = {
            let state = self.read();
            let Some(room) = state.rooms.get(room_id) else {
                return;
            };
            let files = room
                .logging_configuration_identifiers
                .iter()
                .filter_map(|log_arn| state.logs.get(arn::id_part(log_arn)))
                .filter_map(|log| file_name(&log.destination_configuration))
                .map(|name| dir.join(name))
                .collect();
            (room.arn.clone(), files)
        };
        if files.is_empty() {
            return;
        }
        let payload: serde_json::Value = serde_json::from_str(frame).unwrap_or_default();
        let mut line = json!({
            "event_timestamp": timestamp,
            "type": kind,
            "version": "1.0",
            "room_arn": room_arn,
            "payload": payload,
        })
        .to_string();
        line.push('\n');
        for file in files {
            // One write per line on an O_APPEND file: concurrent lines never interleave.
            let written = std::fs::OpenOptions::new()
                .create(true)
                .append(true)
                .open(&file)
                .and_then(|mut f| f.write_all(line.as_bytes()));
            if let Err(e) = written {
                eprintln!(
                    "ivschat-emulator: cannot write chat log {}: {e}",
                    file.display()
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ivschat::types::{
        CloudWatchLogsDestinationConfiguration, FirehoseDestinationConfiguration,
        S3DestinationConfiguration,
    };

    #[test]
    fn one_file_per_destination_with_safe_names() {
        let s3 = DestinationConfiguration::S3(S3DestinationConfiguration {
            bucket_name: "my.bucket-1".into(),
        });
        let cw = DestinationConfiguration::CloudWatchLogs(CloudWatchLogsDestinationConfiguration {
            log_group_name: "/aws/ivs/chat#1".into(),
        });
        let fh = DestinationConfiguration::Firehose(FirehoseDestinationConfiguration {
            delivery_stream_name: "stream_A".into(),
        });
        assert_eq!(file_name(&s3).unwrap(), "s3-my.bucket-1.jsonl");
        assert_eq!(
            file_name(&cw).unwrap(),
            "cloudwatchlogs-_aws_ivs_chat_1.jsonl"
        );
        assert_eq!(file_name(&fh).unwrap(), "firehose-stream_A.jsonl");
    }
}
