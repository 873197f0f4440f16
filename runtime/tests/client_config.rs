//! Configuration from the builder, environment variables and the shared AWS files, as a
//! table. The environment is a map passed to `from_env_with` / `with_env_from`, and the home
//! directory a temporary one: the process environment is never read or changed.

#[path = "client_fake.rs"]
mod fake;

use std::collections::HashMap;
use std::path::Path;

use fake::{FakeHttp, SERVICE};
use smithy_runtime::client::{
    ClientBuilder, ConfigErrorKind, Credentials, Handle, RetryConfig, TimeoutConfig,
};

/// A temporary home with optional `~/.aws/config` and `~/.aws/credentials`.
fn home(config: Option<&str>, credentials: Option<&str>) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let aws = dir.path().join(".aws");
    std::fs::create_dir(&aws).unwrap();
    if let Some(text) = config {
        std::fs::write(aws.join("config"), text).unwrap();
    }
    if let Some(text) = credentials {
        std::fs::write(aws.join("credentials"), text).unwrap();
    }
    dir
}

fn env_of(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> + use<> {
    let map: HashMap<String, String> = pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    move |name| map.get(name).cloned()
}

/// `from_env_with`, but with the fake transport so no TLS setup is involved.
fn from_env(
    env: &[(&str, &str)],
    home: &Path,
) -> Result<Handle, smithy_runtime::client::ConfigError> {
    ClientBuilder::<Handle>::new(&SERVICE)
        .http_client(FakeHttp::default())
        .with_env_from(env_of(env), Some(home))?
        .build()
}

const CONFIG: &str = "\
[default]
region = us-west-2

[profile dev]
region = eu-west-1
aws_access_key_id = CONFIGKEY
aws_secret_access_key = CONFIGSECRET
endpoint_url = http://localhost:4566
";

const CREDENTIALS: &str = "\
[default]
aws_access_key_id = DEFAULTKEY
aws_secret_access_key = DEFAULTSECRET

[dev]
aws_access_key_id = DEVKEY
aws_secret_access_key = DEVSECRET
aws_session_token = DEVTOKEN
";

/// (name, env, config file, credentials file, want region, want key id, want token, want endpoint)
type Case<'a> = (
    &'a str,
    Vec<(&'a str, &'a str)>,
    Option<&'a str>,
    Option<&'a str>,
    &'a str,
    &'a str,
    Option<&'a str>,
    &'a str,
);

#[test]
fn resolution_table() {
    let default_ep = "https://ivschat.us-west-2.amazonaws.com";
    let cases: Vec<Case> = vec![
        (
            "environment only",
            vec![
                ("AWS_REGION", "ap-south-1"),
                ("AWS_ACCESS_KEY_ID", "ENVKEY"),
                ("AWS_SECRET_ACCESS_KEY", "ENVSECRET"),
                ("AWS_SESSION_TOKEN", "ENVTOKEN"),
            ],
            None,
            None,
            "ap-south-1",
            "ENVKEY",
            Some("ENVTOKEN"),
            "https://ivschat.ap-south-1.amazonaws.com",
        ),
        (
            "AWS_DEFAULT_REGION is the fallback for AWS_REGION",
            vec![
                ("AWS_DEFAULT_REGION", "ca-central-1"),
                ("AWS_ACCESS_KEY_ID", "K"),
                ("AWS_SECRET_ACCESS_KEY", "S"),
            ],
            None,
            None,
            "ca-central-1",
            "K",
            None,
            "https://ivschat.ca-central-1.amazonaws.com",
        ),
        (
            "default profile from both files",
            vec![],
            Some(CONFIG),
            Some(CREDENTIALS),
            "us-west-2",
            "DEFAULTKEY",
            None,
            default_ep,
        ),
        (
            "AWS_PROFILE picks [profile dev] and [dev]; credentials file beats config file",
            vec![("AWS_PROFILE", "dev")],
            Some(CONFIG),
            Some(CREDENTIALS),
            "eu-west-1",
            "DEVKEY",
            Some("DEVTOKEN"),
            "http://localhost:4566",
        ),
        (
            "profile keys in the config file alone are enough",
            vec![("AWS_PROFILE", "dev")],
            Some(CONFIG),
            None,
            "eu-west-1",
            "CONFIGKEY",
            None,
            "http://localhost:4566",
        ),
        (
            "environment beats the profile",
            vec![
                ("AWS_PROFILE", "dev"),
                ("AWS_REGION", "us-east-2"),
                ("AWS_ACCESS_KEY_ID", "ENVKEY"),
                ("AWS_SECRET_ACCESS_KEY", "ENVSECRET"),
                ("AWS_ENDPOINT_URL", "http://env:1"),
            ],
            Some(CONFIG),
            Some(CREDENTIALS),
            "us-east-2",
            "ENVKEY",
            None,
            "http://env:1",
        ),
        (
            "service-specific endpoint variable beats the generic one",
            vec![
                ("AWS_ENDPOINT_URL", "http://generic:1"),
                ("AWS_ENDPOINT_URL_IVSCHAT", "http://specific:2"),
            ],
            Some(CONFIG),
            Some(CREDENTIALS),
            "us-west-2",
            "DEFAULTKEY",
            None,
            "http://specific:2",
        ),
        (
            "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS drops every configured endpoint",
            vec![
                ("AWS_PROFILE", "dev"),
                ("AWS_ENDPOINT_URL", "http://generic:1"),
                ("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "true"),
            ],
            Some(CONFIG),
            Some(CREDENTIALS),
            "eu-west-1",
            "DEVKEY",
            Some("DEVTOKEN"),
            "https://ivschat.eu-west-1.amazonaws.com",
        ),
        (
            "empty variables count as unset",
            vec![
                ("AWS_REGION", ""),
                ("AWS_ACCESS_KEY_ID", ""),
                ("AWS_PROFILE", ""),
            ],
            Some(CONFIG),
            Some(CREDENTIALS),
            "us-west-2",
            "DEFAULTKEY",
            None,
            default_ep,
        ),
    ];
    for (name, env, config, credentials, region, key, token, endpoint) in cases {
        let dir = home(config, credentials);
        let handle = from_env(&env, dir.path()).unwrap_or_else(|e| panic!("{name}: {e}"));
        let c = handle.config();
        assert_eq!(c.region(), region, "{name}");
        assert_eq!(c.credentials().unwrap().access_key_id(), key, "{name}");
        assert_eq!(c.credentials().unwrap().session_token(), token, "{name}");
        assert_eq!(c.endpoint_url(), endpoint, "{name}");
    }
}

#[test]
fn file_path_variables_override_the_home_files() {
    let dir = home(Some("[default]\nregion = us-west-2\n"), Some(CREDENTIALS));
    let elsewhere = tempfile::tempdir().unwrap();
    std::fs::write(
        elsewhere.path().join("cfg"),
        "[profile x]\nregion = sa-east-1\n",
    )
    .unwrap();
    std::fs::write(
        elsewhere.path().join("creds"),
        "[x]\naws_access_key_id = XKEY\naws_secret_access_key = XSECRET\n",
    )
    .unwrap();
    let cfg = elsewhere.path().join("cfg");
    let creds = elsewhere.path().join("creds");
    let handle = from_env(
        &[
            ("AWS_PROFILE", "x"),
            ("AWS_CONFIG_FILE", cfg.to_str().unwrap()),
            ("AWS_SHARED_CREDENTIALS_FILE", creds.to_str().unwrap()),
        ],
        dir.path(),
    )
    .unwrap();
    assert_eq!(handle.config().region(), "sa-east-1");
    assert_eq!(
        handle.config().credentials().unwrap().access_key_id(),
        "XKEY"
    );

    // `~/` in those variables means the home directory.
    std::fs::write(dir.path().join("mycfg"), "[default]\nregion = af-south-1\n").unwrap();
    let handle = from_env(&[("AWS_CONFIG_FILE", "~/mycfg")], dir.path()).unwrap();
    assert_eq!(handle.config().region(), "af-south-1");
}

#[test]
fn builder_settings_beat_the_environment() {
    let dir = home(Some(CONFIG), Some(CREDENTIALS));
    let handle = ClientBuilder::<Handle>::new(&SERVICE)
        .http_client(FakeHttp::default())
        .region("eu-central-1")
        .credentials(Credentials::new("CODEKEY", "CODESECRET", None))
        .endpoint_url("http://code:3")
        .with_env_from(
            env_of(&[
                ("AWS_PROFILE", "dev"),
                ("AWS_REGION", "us-east-2"),
                ("AWS_ENDPOINT_URL", "http://env:1"),
                // Half a key pair would be an error, but the builder's credentials win, so
                // the variables are not even looked at.
                ("AWS_ACCESS_KEY_ID", "HALF"),
            ]),
            Some(dir.path()),
        )
        .unwrap()
        .build()
        .unwrap();
    let c = handle.config();
    assert_eq!(c.region(), "eu-central-1");
    assert_eq!(c.credentials().unwrap().access_key_id(), "CODEKEY");
    assert_eq!(c.endpoint_url(), "http://code:3");
}

/// (name, env, config file, credentials file, kind, words the message must contain)
type ErrCase<'a> = (
    &'a str,
    Vec<(&'a str, &'a str)>,
    Option<&'a str>,
    Option<&'a str>,
    ConfigErrorKind,
    Vec<&'a str>,
);

#[test]
fn error_table() {
    let creds_env = vec![("AWS_ACCESS_KEY_ID", "K"), ("AWS_SECRET_ACCESS_KEY", "S")];
    let cases: Vec<ErrCase> = vec![
        (
            "no region anywhere",
            creds_env.clone(),
            None,
            None,
            ConfigErrorKind::MissingRegion,
            vec![
                "no region configured for ivschat",
                ".region(",
                "AWS_REGION",
                "profile `default`",
            ],
        ),
        (
            "half a key pair in the environment",
            vec![("AWS_REGION", "us-east-1"), ("AWS_ACCESS_KEY_ID", "K")],
            None,
            None,
            ConfigErrorKind::MissingCredentials,
            vec!["AWS_SECRET_ACCESS_KEY is not"],
        ),
        (
            "half a key pair in a profile",
            vec![("AWS_REGION", "us-east-1")],
            None,
            Some("[default]\naws_access_key_id = K\n"),
            ConfigErrorKind::MissingCredentials,
            vec!["only one of aws_access_key_id and aws_secret_access_key"],
        ),
        (
            "AWS_PROFILE names an absent profile",
            vec![("AWS_PROFILE", "nope")],
            Some(CONFIG),
            Some(CREDENTIALS),
            ConfigErrorKind::Profile,
            vec![
                "profile `nope` (from AWS_PROFILE) not found in",
                ".aws/config",
            ],
        ),
        (
            "malformed config file",
            creds_env.clone(),
            Some("[default]\nregion us-east-1\n"),
            None,
            ConfigErrorKind::Profile,
            vec![
                ".aws/config, line 2",
                "expected `[section]` or `key = value`",
            ],
        ),
        (
            "invalid endpoint URL",
            [
                creds_env.clone(),
                vec![
                    ("AWS_REGION", "us-east-1"),
                    ("AWS_ENDPOINT_URL", "localhost:4566"),
                ],
            ]
            .concat(),
            None,
            None,
            ConfigErrorKind::InvalidValue,
            vec!["invalid endpoint URL \"localhost:4566\""],
        ),
        (
            "invalid region",
            [creds_env.clone(), vec![("AWS_REGION", "us-east-1/../evil")]].concat(),
            None,
            None,
            ConfigErrorKind::InvalidValue,
            vec!["invalid region \"us-east-1/../evil\""],
        ),
        (
            "bad boolean",
            [
                creds_env.clone(),
                vec![
                    ("AWS_REGION", "us-east-1"),
                    ("AWS_DISABLE_HOST_PREFIX_INJECTION", "yes"),
                ],
            ]
            .concat(),
            None,
            None,
            ConfigErrorKind::InvalidValue,
            vec!["AWS_DISABLE_HOST_PREFIX_INJECTION must be `true` or `false`"],
        ),
        (
            "credentials with a newline",
            vec![
                ("AWS_REGION", "us-east-1"),
                ("AWS_ACCESS_KEY_ID", "K"),
                ("AWS_SECRET_ACCESS_KEY", "S"),
                ("AWS_SESSION_TOKEN", "a\nb"),
            ],
            None,
            None,
            ConfigErrorKind::InvalidValue,
            vec!["session token contains whitespace"],
        ),
    ];
    for (name, env, config, credentials, kind, words) in cases {
        let dir = home(config, credentials);
        let err = from_env(&env, dir.path()).expect_err(name);
        assert_eq!(err.kind(), kind, "{name}: {err}");
        let message = err.to_string();
        for w in words {
            assert!(message.contains(w), "{name}: {message:?} lacks {w:?}");
        }
    }
}

#[test]
fn builder_errors_name_the_fix() {
    let err = ClientBuilder::<Handle>::new(&SERVICE)
        .http_client(FakeHttp::default())
        .build()
        .unwrap_err();
    assert_eq!(err.kind(), ConfigErrorKind::MissingRegion);
    assert!(err.to_string().contains("AWS_REGION"), "{err}");

    let err = ClientBuilder::<Handle>::new(&SERVICE)
        .http_client(FakeHttp::default())
        .region("us-east-1")
        .credentials(Credentials::new("K", "S", None))
        .retry(RetryConfig::default().with_max_attempts(0))
        .build()
        .unwrap_err();
    assert_eq!(err.kind(), ConfigErrorKind::InvalidValue);
    assert!(
        err.to_string().contains("max_attempts must be at least 1"),
        "{err}"
    );

    for bad in [
        "ftp://x",
        "http://",
        "https://host/?q=1",
        "https://user@host",
    ] {
        let err = ClientBuilder::<Handle>::new(&SERVICE)
            .http_client(FakeHttp::default())
            .region("us-east-1")
            .credentials(Credentials::new("K", "S", None))
            .endpoint_url(bad)
            .build()
            .unwrap_err();
        assert_eq!(err.kind(), ConfigErrorKind::InvalidValue, "{bad}");
        assert!(
            err.to_string().contains("invalid endpoint URL"),
            "{bad}: {err}"
        );
    }
}

#[test]
fn missing_home_and_files_are_fine() {
    let handle = ClientBuilder::<Handle>::new(&SERVICE)
        .http_client(FakeHttp::default())
        .with_env_from(
            env_of(&[
                ("AWS_REGION", "us-east-1"),
                ("AWS_ACCESS_KEY_ID", "K"),
                ("AWS_SECRET_ACCESS_KEY", "S"),
            ]),
            None,
        )
        .unwrap()
        .build()
        .unwrap();
    assert_eq!(handle.config().region(), "us-east-1");
    let empty_home = tempfile::tempdir().unwrap();
    let err = from_env(&[], empty_home.path()).unwrap_err();
    assert_eq!(err.kind(), ConfigErrorKind::MissingRegion);
}

#[test]
fn defaults_and_debug_redaction() {
    let handle = fake::builder(&FakeHttp::default())
        .credentials(Credentials::new(
            "AKID",
            "TOPSECRET",
            Some("TOKENVALUE".into()),
        ))
        .build()
        .unwrap();
    let c = handle.config();
    assert_eq!(c.retry().max_attempts(), 3);
    assert_eq!(c.timeouts(), &TimeoutConfig::default());
    assert_eq!(c.timeouts().attempt(), None);
    assert!(!c.host_prefix_disabled());
    let debug = format!("{handle:?}");
    assert!(debug.contains("AKID"), "{debug}");
    assert!(
        !debug.contains("TOPSECRET") && !debug.contains("TOKENVALUE"),
        "{debug}"
    );
}

#[test]
fn default_transport_builds_without_a_runtime() {
    // Building the default hyper+rustls client must not need a tokio runtime or panic.
    let handle = ClientBuilder::<Handle>::new(&SERVICE)
        .region("us-east-1")
        .credentials(Credentials::new("K", "S", None))
        .build()
        .unwrap();
    assert!(format!("{handle:?}").contains("HyperClient"));
}
