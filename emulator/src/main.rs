//! `ivschat-emulator`: serves [`ivschat_emulator::Emulator`] over HTTP with the generated
//! IVS Chat server router. See `ivschat-emulator --help` and the README.

use std::process::ExitCode;

use clap::Parser;
use ivschat_emulator::cli::{self, Args};

#[tokio::main]
async fn main() -> ExitCode {
    let args = Args::parse();
    match cli::run(args, ivschat::server::router, std::io::stdout()).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("ivschat-emulator: {e}");
            ExitCode::FAILURE
        }
    }
}
