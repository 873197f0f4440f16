//! Calls ListRooms once with the generated client; configuration comes from the environment
//! (`AWS_REGION`, `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`, `AWS_ENDPOINT_URL`), as in aws-min.

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let client = ivschat::Client::from_env()?;
    let rooms = client.list_rooms().send().await?;
    println!("{} rooms", rooms.rooms.len());
    Ok(())
}
