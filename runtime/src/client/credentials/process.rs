//! `credential_process`: a command run through the shell whose standard output is
//! `{"Version": 1, "AccessKeyId", "SecretAccessKey", "SessionToken", "Expiration"}`.
//!
//! Run with `std::process` on tokio's blocking pool rather than `tokio::process`, whose
//! `process` feature would add a crate (signal-hook-registry) to every client.

use super::http::{credentials_json, excerpt};
use super::{Credentials, CredentialsError};

/// Runs `command` and reads credentials from what it prints.
pub(crate) async fn credentials(command: &str) -> Result<Credentials, CredentialsError> {
    let owned = command.to_string();
    let output = tokio::task::spawn_blocking(move || {
        let mut cmd = if cfg!(windows) {
            let mut c = std::process::Command::new("cmd.exe");
            c.arg("/C").arg(&owned);
            c
        } else {
            let mut c = std::process::Command::new("sh");
            c.arg("-c").arg(&owned);
            c
        };
        cmd.stdin(std::process::Stdio::null()).output()
    })
    .await
    .map_err(|e| CredentialsError::provider_error("credential_process task failed").with_source(e))?
    .map_err(|e| {
        CredentialsError::provider_error(format!("cannot run credential_process `{command}`"))
            .with_source(e)
    })?;
    if !output.status.success() {
        return Err(CredentialsError::provider_error(format!(
            "credential_process `{command}` failed ({}): {}",
            output.status,
            excerpt(&output.stderr)
        )));
    }
    let what = format!("credential_process `{command}`");
    let version = serde_json::from_slice::<serde_json::Value>(&output.stdout)
        .ok()
        .and_then(|doc| doc.get("Version").and_then(|v| v.as_u64()));
    if version.is_some_and(|v| v != 1) {
        return Err(CredentialsError::provider_error(format!(
            "{what} printed Version {}, only 1 is supported",
            version.unwrap_or_default()
        )));
    }
    let credentials = credentials_json(&output.stdout, "SessionToken", &what)?;
    if version.is_none() {
        return Err(CredentialsError::provider_error(format!(
            "{what} printed no `Version` (must be 1)"
        )));
    }
    Ok(credentials)
}
