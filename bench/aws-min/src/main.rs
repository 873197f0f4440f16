//! Calls ListRooms once with aws-sdk-ivschat; configuration comes from the environment
//! (`AWS_REGION`, `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`, `AWS_ENDPOINT_URL`), as in ours-min.

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let config = aws_config::load_from_env().await;
    let client = aws_sdk_ivschat::Client::new(&config);
    let rooms = client.list_rooms().send().await?;
    println!("{} rooms", rooms.rooms().len());
    Ok(())
}
