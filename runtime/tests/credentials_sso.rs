//! SSO profiles against a local server following the documented SSO portal API
//! (`GET /federation/credentials`, bearer token in `x-amz-sso_bearer_token`) and SSO-OIDC
//! `CreateToken` (`POST /token`, `grantType: refresh_token`); moto does not serve either.
//! The token cache is laid out as the AWS CLI writes it: `~/.aws/sso/cache/<sha1>.json`.

mod credentials_support;
#[path = "client_fake.rs"]
mod fake;

use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

use credentials_support as support;
use fake::SERVICE;
use smithy_runtime::client::{ClientBuilder, Handle, RetryConfig};

/// SHA-1 of `my-sso` and of the start URL (from `sha1sum`): the CLI's cache file names.
const SESSION_CACHE: &str = "0ad374308c5a4e22f723adf10145eafad7c4031c.json";
const LEGACY_CACHE: &str = "40a89917e3175433e361b710a9d43528d7f1890a.json";
const START_URL: &str = "https://d-abc123.awsapps.com/start";

/// The portal and OIDC in one server: tokens it accepts, and a log of refreshes.
struct Sso {
    server: support::Server,
    valid_tokens: Arc<Mutex<Vec<String>>>,
}

async fn sso_server() -> Sso {
    let valid = Arc::new(Mutex::new(vec!["cached-token".to_string()]));
    let v = valid.clone();
    let handler: support::Handler = Arc::new(move |req: &support::Seen| {
        if req.method == "POST" && req.path == "/token" {
            let body: serde_json::Value = serde_json::from_slice(&req.body).unwrap();
            if body["grantType"] != "refresh_token"
                || body["refreshToken"] != "refresh-1"
                || body["clientId"] != "client-1"
                || body["clientSecret"] != "client-secret-1"
            {
                return support::Reply::new(
                    400,
                    r#"{"error":"invalid_grant","error_description":"bad refresh"}"#,
                );
            }
            v.lock().unwrap().push("refreshed-token".into());
            return support::Reply::new(
                200,
                r#"{"accessToken":"refreshed-token","tokenType":"Bearer","expiresIn":28800,"refreshToken":"refresh-2"}"#,
            );
        }
        if req.method == "GET" && req.path.starts_with("/federation/credentials?") {
            let token = req.header("x-amz-sso_bearer_token").unwrap_or_default();
            if !v.lock().unwrap().iter().any(|t| t == token) {
                return support::Reply::new(
                    401,
                    r#"{"message":"Session token not found or invalid"}"#,
                );
            }
            if req.path != "/federation/credentials?account_id=123456789012&role_name=Dev" {
                return support::Reply::new(403, r#"{"message":"No access"}"#);
            }
            let expiration = SystemTime::now() + Duration::from_secs(3600);
            let ms = expiration
                .duration_since(SystemTime::UNIX_EPOCH)
                .unwrap()
                .as_millis();
            let key = match token {
                "refreshed-token" => "SSOKEYREFRESHED",
                _ => "SSOKEY",
            };
            return support::Reply::new(
                200,
                format!(
                    r#"{{"roleCredentials":{{"accessKeyId":"{key}","secretAccessKey":"ssosecret","sessionToken":"ssotoken","expiration":{ms}}}}}"#
                ),
            );
        }
        support::Reply::new(404, "{}")
    });
    Sso {
        server: support::serve(handler).await,
        valid_tokens: valid,
    }
}

const CONFIG: &str = "\
[profile legacy]
sso_start_url = https://d-abc123.awsapps.com/start
sso_region = us-east-1
sso_account_id = 123456789012
sso_role_name = Dev

[profile modern]
sso_session = my-sso
sso_account_id = 123456789012
sso_role_name = Dev

[profile other-role]
sso_session = my-sso
sso_account_id = 123456789012
sso_role_name = Admin

[profile no-session]
sso_session = missing
sso_account_id = 1
sso_role_name = r

[sso-session my-sso]
sso_start_url = https://d-abc123.awsapps.com/start
sso_region = us-east-1
sso_registration_scopes = sso:account:access
";

fn handle(service: &str, profile: &str, sso: &str, home: &std::path::Path) -> Handle {
    ClientBuilder::<Handle>::new(&SERVICE)
        .region("us-east-1")
        .endpoint_url(service)
        .retry(RetryConfig::disabled())
        .with_env_from(
            support::env_of(&[
                ("AWS_PROFILE", profile),
                ("AWS_ENDPOINT_URL_SSO", sso),
                ("AWS_ENDPOINT_URL_SSO_OIDC", sso),
                ("AWS_EC2_METADATA_DISABLED", "true"),
            ]),
            Some(home),
        )
        .unwrap()
        .build()
        .unwrap()
}

fn rfc3339_in(secs: i64) -> String {
    let t = if secs >= 0 {
        SystemTime::now() + Duration::from_secs(secs as u64)
    } else {
        SystemTime::now() - Duration::from_secs((-secs) as u64)
    };
    support::rfc3339(t)
}

fn cache(home: &std::path::Path, file: &str, json: serde_json::Value) -> std::path::PathBuf {
    let path = home.join(".aws/sso/cache").join(file);
    support::write(home, &format!(".aws/sso/cache/{file}"), &json.to_string());
    path
}

#[tokio::test]
async fn legacy_profile_uses_the_cached_token() {
    let sso = sso_server().await;
    let home = tempfile::tempdir().unwrap();
    support::write(home.path(), ".aws/config", CONFIG);
    cache(
        home.path(),
        LEGACY_CACHE,
        serde_json::json!({"startUrl": START_URL, "region": "us-east-1",
                           "accessToken": "cached-token", "expiresAt": rfc3339_in(3600)}),
    );
    let h = handle(
        "http://127.0.0.1:9",
        "legacy",
        &sso.server.url(),
        home.path(),
    );
    let c = h.config().current_credentials().await.unwrap();
    assert_eq!(c.access_key_id(), "SSOKEY");
    assert_eq!(c.session_token(), Some("ssotoken"));
    assert!(c.expiry().unwrap() > SystemTime::now() + Duration::from_secs(3000));
    let log = sso.server.requests();
    assert_eq!(log.len(), 1);
    assert_eq!(
        log[0].header("x-amz-sso_bearer_token"),
        Some("cached-token")
    );
}

#[tokio::test]
async fn sso_session_refreshes_a_token_about_to_expire_and_rewrites_the_cache() {
    let sso = sso_server().await;
    let home = tempfile::tempdir().unwrap();
    support::write(home.path(), ".aws/config", CONFIG);
    // Expires in 2 minutes: inside the 5-minute refresh window.
    let path = cache(
        home.path(),
        SESSION_CACHE,
        serde_json::json!({"startUrl": START_URL, "region": "us-east-1",
                           "accessToken": "cached-token", "expiresAt": rfc3339_in(120),
                           "clientId": "client-1", "clientSecret": "client-secret-1",
                           "registrationExpiresAt": rfc3339_in(86400),
                           "refreshToken": "refresh-1"}),
    );
    let h = handle(
        "http://127.0.0.1:9",
        "modern",
        &sso.server.url(),
        home.path(),
    );
    let c = h.config().current_credentials().await.unwrap();
    assert_eq!(c.access_key_id(), "SSOKEYREFRESHED");
    let log = sso.server.requests();
    assert_eq!(log.len(), 2, "{log:?}");
    assert_eq!(
        (log[0].method.as_str(), log[0].path.as_str()),
        ("POST", "/token")
    );
    assert_eq!(
        log[1].header("x-amz-sso_bearer_token"),
        Some("refreshed-token")
    );
    // The cache now holds the new token, its expiry (8 h) and the rotated refresh token;
    // the other fields are kept.
    let cached: serde_json::Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
    assert_eq!(cached["accessToken"], "refreshed-token");
    assert_eq!(cached["refreshToken"], "refresh-2");
    assert_eq!(cached["clientId"], "client-1");
    assert_eq!(cached["startUrl"], START_URL);
    let expires = cached["expiresAt"].as_str().unwrap();
    let expires =
        time::OffsetDateTime::parse(expires, &time::format_description::well_known::Rfc3339)
            .unwrap();
    let in_secs = (expires - time::OffsetDateTime::now_utc()).whole_seconds();
    assert!((28_700..=28_800).contains(&in_secs), "{in_secs}");
    assert!(
        sso.valid_tokens
            .lock()
            .unwrap()
            .contains(&"refreshed-token".to_string())
    );
    // No temporary file is left behind.
    let left: Vec<_> = std::fs::read_dir(path.parent().unwrap()).unwrap().collect();
    assert_eq!(left.len(), 1);
}

#[tokio::test]
async fn sso_errors_say_how_to_log_in() {
    let sso = sso_server().await;
    let home = tempfile::tempdir().unwrap();
    support::write(home.path(), ".aws/config", CONFIG);
    let url = sso.server.url();
    let err = |profile: &'static str| {
        let home = home.path().to_path_buf();
        let url = url.clone();
        async move {
            handle("http://127.0.0.1:9", profile, &url, &home)
                .config()
                .current_credentials()
                .await
                .unwrap_err()
                .to_string()
        }
    };
    // No cache file yet.
    let e = err("legacy").await;
    assert!(
        e.starts_with("profile `legacy`: no SSO token in ") && e.contains(LEGACY_CACHE),
        "{e}"
    );
    assert!(e.ends_with("run `aws sso login --profile legacy`"), "{e}");
    // Expired legacy token (no refresh for legacy profiles).
    cache(
        home.path(),
        LEGACY_CACHE,
        serde_json::json!({"accessToken": "cached-token", "expiresAt": rfc3339_in(-60)}),
    );
    let e = err("legacy").await;
    assert!(
        e.contains("has expired: run `aws sso login --profile legacy`"),
        "{e}"
    );
    // Expired session token whose refresh is refused.
    cache(
        home.path(),
        SESSION_CACHE,
        serde_json::json!({"accessToken": "cached-token", "expiresAt": rfc3339_in(-60),
                           "clientId": "client-1", "clientSecret": "client-secret-1",
                           "refreshToken": "stale"}),
    );
    let e = err("modern").await;
    assert!(
        e.contains(
            "could not be refreshed (SSO-OIDC CreateToken: HTTP 400: {\"error\":\"invalid_grant\""
        ),
        "{e}"
    );
    // A valid token but a role the portal refuses.
    cache(
        home.path(),
        SESSION_CACHE,
        serde_json::json!({"accessToken": "cached-token", "expiresAt": rfc3339_in(3600)}),
    );
    let e = err("other-role").await;
    assert!(
        e.contains("SSO GetRoleCredentials for account 123456789012 role Admin: HTTP 403"),
        "{e}"
    );
    let e = err("no-session").await;
    assert!(e.contains("no [sso-session missing] section"), "{e}");
}
