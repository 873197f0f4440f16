//! The all-operations scenario, in process.

mod common;

#[tokio::test]
async fn every_operation_in_process() {
    common::scenario::all_operations(&common::emulator()).await;
}
