//! Helpers shared by the emulator's tests.
#![allow(dead_code)] // each test file uses a different part

pub mod scenario;

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, SystemTime};

use ivschat::IvschatApi;
use ivschat::operation::create_logging_configuration::CreateLoggingConfigurationInput;
use ivschat::operation::create_room::{CreateRoomInput, CreateRoomOutput};
use ivschat::types::{DestinationConfiguration, S3DestinationConfiguration};
use ivschat_emulator::{Config, Emulator};

pub const ACCOUNT: &str = "123456789012";
pub const REGION: &str = "us-east-1";
pub const LAMBDA: &str = "arn:aws:lambda:us-east-1:123456789012:function:review";

/// A clock tests move by hand, starting at 2024-01-01T00:00:00Z.
#[derive(Clone)]
pub struct TestClock(Arc<AtomicU64>);

impl TestClock {
    pub const START_MILLIS: u64 = 1_704_067_200_000;

    pub fn new() -> TestClock {
        TestClock(Arc::new(AtomicU64::new(Self::START_MILLIS)))
    }

    pub fn millis(&self) -> u64 {
        self.0.load(Ordering::SeqCst)
    }

    pub fn advance(&self, by: Duration) {
        self.0.fetch_add(by.as_millis() as u64, Ordering::SeqCst);
    }

    pub fn now(&self) -> SystemTime {
        SystemTime::UNIX_EPOCH + Duration::from_millis(self.millis())
    }
}

pub fn emulator() -> Emulator {
    Emulator::new(Config::default()).unwrap()
}

pub fn emulator_with(config: Config) -> Emulator {
    Emulator::new(config).unwrap()
}

pub fn emulator_at(clock: &TestClock) -> Emulator {
    let clock = clock.clone();
    Emulator::with_clock(Config::default(), move || clock.now()).unwrap()
}

pub async fn room(emu: &Emulator, name: &str) -> CreateRoomOutput {
    emu.create_room(CreateRoomInput::builder().name(name).build())
        .await
        .unwrap()
}

pub fn s3(bucket: &str) -> DestinationConfiguration {
    DestinationConfiguration::S3(S3DestinationConfiguration {
        bucket_name: bucket.to_string(),
    })
}

/// Creates a logging configuration sending to an S3 bucket; returns its ARN.
pub async fn logging_configuration(emu: &Emulator, bucket: &str) -> String {
    emu.create_logging_configuration(CreateLoggingConfigurationInput {
        name: None,
        destination_configuration: s3(bucket),
        tags: None,
    })
    .await
    .unwrap()
    .arn
    .unwrap()
}

/// The ARN of a room that does not exist.
pub fn missing_room() -> String {
    format!("arn:aws:ivschat:{REGION}:{ACCOUNT}:room/AAAAAAAAAAAA")
}

/// The ARN of a logging configuration that does not exist.
pub fn missing_logging_configuration() -> String {
    format!("arn:aws:ivschat:{REGION}:{ACCOUNT}:logging-configuration/AAAAAAAAAAAA")
}
