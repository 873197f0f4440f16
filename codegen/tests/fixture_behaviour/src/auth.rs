//! Services that are not AWS services (`fixtures/auth.json`: bearer, API key in a header with
//! a scheme, basic, digest, `@optionalAuth`, `@auth([])`, a service `@auth` order and
//! operation overrides; `fixtures/auth_query.json`: an API key in the query string). The
//! generated client talks to the generated server over a real loopback TCP connection (the
//! default hyper transport); a middleware records exactly what arrived.

use std::sync::{Arc, Mutex};

use smithy_runtime::client::{ConfigErrorKind, Handle, RetryConfig};
use smithy_runtime::error::UnhandledKind;
use smithy_runtime::server::axum;

/// What one request carried: its path and query, and its headers (names sorted).
#[derive(Clone, Debug)]
struct Seen {
    uri: String,
    headers: Vec<(String, String)>,
}

impl Seen {
    fn names(&self) -> Vec<&str> {
        self.headers.iter().map(|(k, _)| k.as_str()).collect()
    }
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
}

type Log = Arc<Mutex<Vec<Seen>>>;

async fn record(
    axum::extract::State(log): axum::extract::State<Log>,
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    let mut headers: Vec<(String, String)> = request
        .headers()
        .iter()
        .map(|(k, v)| (k.as_str().to_string(), v.to_str().unwrap().to_string()))
        .collect();
    headers.sort();
    log.lock().unwrap().push(Seen {
        uri: request.uri().to_string(),
        headers,
    });
    next.run(request).await
}

/// Serves `router` on 127.0.0.1 behind the recorder; returns the endpoint URL and the log.
async fn serve(router: axum::Router) -> (String, Log) {
    let log = Log::default();
    let app = router.layer(axum::middleware::from_fn_with_state(log.clone(), record));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(smithy_runtime::server::serve(listener, app));
    (url, log)
}

fn no_aws_headers(seen: &Seen) {
    for (k, _) in &seen.headers {
        assert!(!k.starts_with("x-amz"), "{k} sent: {seen:?}");
    }
    if let Some(a) = seen.header("authorization") {
        assert!(!a.starts_with("AWS4-HMAC-SHA256"), "SigV4 sent: {seen:?}");
    }
}

mod library_on_the_wire {
    use super::*;
    use library::Client;
    use library::operation::{audit, get_book, list_books, ping, return_book, sign_in};
    use library::server::Credential;

    /// Answers every operation and keeps the credential each handler saw.
    #[derive(Clone, Default)]
    struct Stub {
        credentials: Arc<Mutex<Vec<Option<Credential>>>>,
    }

    impl Stub {
        fn saw(&self) {
            self.credentials
                .lock()
                .unwrap()
                .push(library::server::credential());
        }
        fn last(&self) -> Option<Credential> {
            self.credentials.lock().unwrap().last().cloned().flatten()
        }
    }

    impl library::LibraryApi for Stub {
        async fn audit(
            &self,
            _: audit::AuditInput,
        ) -> Result<audit::AuditOutput, audit::AuditError> {
            self.saw();
            Ok(audit::AuditOutput {})
        }
        async fn get_book(
            &self,
            input: get_book::GetBookInput,
        ) -> Result<get_book::GetBookOutput, get_book::GetBookError> {
            self.saw();
            Ok(get_book::GetBookOutput {
                title: Some(format!("book {}", input.id)),
            })
        }
        async fn list_books(
            &self,
            _: list_books::ListBooksInput,
        ) -> Result<list_books::ListBooksOutput, list_books::ListBooksError> {
            self.saw();
            Ok(list_books::ListBooksOutput {
                titles: Some(vec!["Dune".into()]),
            })
        }
        async fn ping(&self, _: ping::PingInput) -> Result<ping::PingOutput, ping::PingError> {
            self.saw();
            Ok(ping::PingOutput {})
        }
        async fn return_book(
            &self,
            _: return_book::ReturnBookInput,
        ) -> Result<return_book::ReturnBookOutput, return_book::ReturnBookError> {
            self.saw();
            Ok(return_book::ReturnBookOutput {})
        }
        async fn sign_in(
            &self,
            _: sign_in::SignInInput,
        ) -> Result<sign_in::SignInOutput, sign_in::SignInError> {
            self.saw();
            Ok(sign_in::SignInOutput {
                greeting: Some("hello".into()),
            })
        }
    }

    fn builder(url: &str) -> smithy_runtime::client::ClientBuilder<Client> {
        Client::builder()
            .endpoint_url(url)
            .retry(RetryConfig::disabled())
    }

    #[tokio::test]
    async fn each_scheme_sends_exactly_its_header_and_nothing_from_aws() {
        let stub = Stub::default();
        let (url, log) = serve(library::server::router(stub.clone())).await;
        let client = builder(&url)
            .bearer_token("tok-1")
            .api_key("k-1")
            .basic_auth("ann", "pw:1")
            .build()
            .unwrap();

        // GetBook inherits the service's @auth order: bearer first.
        let out = client.get_book().id("7").send().await.unwrap();
        assert_eq!(out.title.as_deref(), Some("book 7"));
        // ReturnBook's own @auth puts the API key (header, scheme `ApiKey`) first.
        client
            .return_book()
            .id("7")
            .note("late")
            .send()
            .await
            .unwrap();
        // SignIn: basic auth only; base64("ann:pw:1").
        client.sign_in().send().await.unwrap();
        // Ping: @auth([]) sends no credential even though the client has three.
        client.ping().send().await.unwrap();

        let seen = log.lock().unwrap().clone();
        assert_eq!(seen.len(), 4);
        assert_eq!(seen[0].uri, "/books/7");
        assert_eq!(seen[0].names(), ["authorization", "host", "user-agent"]);
        assert_eq!(seen[0].header("authorization"), Some("Bearer tok-1"));
        assert_eq!(seen[1].uri, "/books/7/return");
        assert_eq!(
            seen[1].names(),
            [
                "content-length",
                "content-type",
                "host",
                "user-agent",
                "x-library-key"
            ]
        );
        assert_eq!(seen[1].header("x-library-key"), Some("ApiKey k-1"));
        assert_eq!(seen[2].uri, "/session");
        assert_eq!(
            seen[2].names(),
            ["authorization", "content-length", "host", "user-agent"]
        );
        assert_eq!(seen[2].header("authorization"), Some("Basic YW5uOnB3OjE="));
        assert_eq!(seen[3].uri, "/ping");
        assert_eq!(seen[3].names(), ["host", "user-agent"]);
        for s in &seen {
            no_aws_headers(s);
        }

        // The handlers saw the credentials, parsed as the operation's schemes say.
        let creds = stub.credentials.lock().unwrap().clone();
        assert_eq!(
            creds,
            [
                Some(Credential::Bearer("tok-1".into())),
                Some(Credential::ApiKey("k-1".into())),
                Some(Credential::Basic {
                    user: "ann".into(),
                    password: "pw:1".into()
                }),
                None,
            ]
        );
    }

    #[tokio::test]
    async fn the_first_scheme_with_a_credential_wins_and_optional_auth_may_send_none() {
        let stub = Stub::default();
        let (url, log) = serve(library::server::router(stub.clone())).await;
        // Only an API key: GetBook falls through bearer to it.
        let keyed = builder(&url).api_key("k-2").build().unwrap();
        keyed.get_book().id("1").send().await.unwrap();
        // Only a bearer token: ReturnBook falls through the API key to it.
        let bearer = builder(&url).bearer_token("tok-2").build().unwrap();
        bearer.return_book().id("1").send().await.unwrap();
        // ListBooks is @optionalAuth: with a token it is sent, without one nothing is.
        bearer.list_books().shelf("sf").send().await.unwrap();
        let anonymous = builder(&url).build().unwrap();
        let out = anonymous.list_books().shelf("sf").send().await.unwrap();
        assert_eq!(out.titles, Some(vec!["Dune".to_string()]));

        let seen = log.lock().unwrap().clone();
        assert_eq!(seen.len(), 4);
        assert_eq!(seen[0].header("x-library-key"), Some("ApiKey k-2"));
        assert_eq!(seen[0].header("authorization"), None);
        assert_eq!(seen[1].header("authorization"), Some("Bearer tok-2"));
        assert_eq!(seen[1].header("x-library-key"), None);
        assert_eq!(seen[2].uri, "/books?shelf=sf");
        assert_eq!(seen[2].header("authorization"), Some("Bearer tok-2"));
        assert_eq!(seen[3].uri, "/books?shelf=sf");
        assert_eq!(seen[3].names(), ["host", "user-agent"]);
        for s in &seen {
            no_aws_headers(s);
        }
    }

    #[tokio::test]
    async fn a_missing_credential_names_the_setter_and_sends_nothing() {
        let (url, log) = serve(library::server::router(Stub::default())).await;
        let client = builder(&url).build().unwrap();
        let e = client.get_book().id("1").send().await.unwrap_err();
        let text = e.to_string();
        assert!(
            text.contains(
                "operation GetBook needs a bearer token: set ClientBuilder::bearer_token(..) \
                 or ClientBuilder::token_provider(..)"
            ),
            "{text}"
        );
        let e = client.return_book().id("1").send().await.unwrap_err();
        assert!(
            e.to_string()
                .contains("operation ReturnBook needs an API key: set ClientBuilder::api_key(..)"),
            "{e}"
        );
        let e = client.sign_in().send().await.unwrap_err();
        assert!(
            e.to_string().contains(
                "operation SignIn needs a user and password: set ClientBuilder::basic_auth(..)"
            ),
            "{e}"
        );
        // Digest is not supported: a clear error, whatever the client has.
        let with_all = builder(&url)
            .bearer_token("t")
            .basic_auth("u", "p")
            .build()
            .unwrap();
        let e = with_all.audit().send().await.unwrap_err();
        assert!(
            e.to_string().contains(
                "operation Audit supports only auth schemes this client cannot apply: \
                 smithy.api#httpDigestAuth"
            ),
            "{e}"
        );
        match e {
            audit::AuditError::Unhandled(u) => assert_eq!(u.kind(), UnhandledKind::Signing),
        }
        assert!(log.lock().unwrap().is_empty(), "nothing may be sent");
    }

    #[tokio::test]
    async fn a_token_provider_is_asked_on_every_attempt() {
        let (url, log) = serve(library::server::router(Stub::default())).await;
        let calls = Arc::new(Mutex::new(0));
        let counter = calls.clone();
        let client = builder(&url)
            .token_provider(move || {
                let mut n = counter.lock().unwrap();
                *n += 1;
                Ok(format!("rotating-{n}"))
            })
            .build()
            .unwrap();
        client.get_book().id("1").send().await.unwrap();
        client.get_book().id("2").send().await.unwrap();
        let seen = log.lock().unwrap().clone();
        assert_eq!(seen[0].header("authorization"), Some("Bearer rotating-1"));
        assert_eq!(seen[1].header("authorization"), Some("Bearer rotating-2"));
        assert_eq!(*calls.lock().unwrap(), 2);
    }

    #[test]
    fn no_region_no_aws_settings_and_an_endpoint_from_the_builder_or_env() {
        // No endpoint: a clear error naming both places.
        let e = Client::builder().build().unwrap_err();
        assert_eq!(e.kind(), ConfigErrorKind::MissingEndpoint);
        assert!(
            e.to_string().contains(".endpoint_url(")
                && e.to_string().contains("LIBRARY_ENDPOINT_URL"),
            "{e}"
        );
        // From the environment: only LIBRARY_ENDPOINT_URL is read. A home with a broken AWS
        // config file and AWS variables that would fail an AWS client change nothing.
        let home = std::env::temp_dir().join(format!("auth-fixture-home-{}", std::process::id()));
        std::fs::create_dir_all(home.join(".aws")).unwrap();
        std::fs::write(home.join(".aws/config"), "[profile broken\nregion").unwrap();
        let asked = Arc::new(Mutex::new(Vec::new()));
        let asked2 = asked.clone();
        let handle = Handle::from_env_with(
            &library::SERVICE,
            move |name| {
                asked2.lock().unwrap().push(name.to_string());
                match name {
                    "LIBRARY_ENDPOINT_URL" => Some("http://127.0.0.1:9".into()),
                    "AWS_PROFILE" => Some("absent".into()),
                    "AWS_REGION" => Some("Not A Region".into()),
                    _ => None,
                }
            },
            Some(&home),
        )
        .unwrap();
        assert_eq!(*asked.lock().unwrap(), ["LIBRARY_ENDPOINT_URL"]);
        assert_eq!(handle.config().endpoint_url(), "http://127.0.0.1:9");
        assert_eq!(handle.config().region(), "");
        assert!(handle.config().credentials().is_none());
        let _ = std::fs::remove_dir_all(&home);
    }

    #[test]
    fn secrets_are_redacted_in_debug() {
        let builder = Client::builder()
            .endpoint_url("http://127.0.0.1:9")
            .bearer_token("bearer-secret")
            .api_key("key-secret")
            .basic_auth("ann", "password-secret");
        let text = format!("{builder:?}");
        let client = builder.build().unwrap();
        let text = format!("{text} {:?}", client.handle().config());
        for secret in ["bearer-secret", "key-secret", "password-secret"] {
            assert!(!text.contains(secret), "{secret} in {text}");
        }
        assert!(text.contains("ann"), "{text}");
        let c = Credential::Basic {
            user: "ann".into(),
            password: "password-secret".into(),
        };
        assert!(
            !format!("{c:?} {:?}", Credential::Bearer("bearer-secret".into())).contains("secret")
        );
    }

    #[tokio::test]
    async fn behind_an_auth_layer_missing_auth_is_401_and_a_refused_credential_403() {
        let stub = Stub::default();
        let layer = library::server::AuthLayer::new(|c: &Credential| match c {
            Credential::Bearer(t) => t == "good",
            Credential::ApiKey(k) => k == "good-key",
            Credential::Basic { user, password } => user == "ann" && password == "pw",
            Credential::SigV4 { .. } => false,
        });
        let (url, log) = serve(library::server::router(stub.clone()).layer(layer)).await;
        let anonymous = builder(&url).build().unwrap();
        // Ping (@auth([])) and ListBooks (@optionalAuth) need nothing.
        anonymous.ping().send().await.unwrap();
        anonymous.list_books().send().await.unwrap();
        // Raw request without credentials for GetBook: 401, modeled as a restJson1 error.
        let http = reqwest_like(&url, "/books/1", &[]).await;
        assert_eq!(http.0, 401);
        assert_eq!(http.1.as_deref(), Some("UnauthorizedException"));
        assert!(http.2.contains("requires authentication"), "{}", http.2);
        // A refused token: 403.
        let bad = builder(&url).bearer_token("bad").build().unwrap();
        let e = bad.get_book().id("1").send().await.unwrap_err();
        assert_eq!(e.code(), Some("AccessDeniedException"), "{e}");
        // Refused credentials are refused even where auth is optional.
        let e = bad.list_books().send().await.unwrap_err();
        assert_eq!(e.code(), Some("AccessDeniedException"), "{e}");
        // Accepted ones reach the handler.
        let good = builder(&url).bearer_token("good").build().unwrap();
        good.get_book().id("1").send().await.unwrap();
        assert_eq!(stub.last(), Some(Credential::Bearer("good".into())));
        let keyed = builder(&url).api_key("good-key").build().unwrap();
        keyed.return_book().id("1").send().await.unwrap();
        assert_eq!(stub.last(), Some(Credential::ApiKey("good-key".into())));
        // An API key without its modeled scheme prefix is not an API key credential.
        let http = reqwest_like(&url, "/books/1/return", &[("x-library-key", "good-key")]).await;
        assert_eq!(http.0, 401);
        assert!(!log.lock().unwrap().is_empty());
    }

    /// A bare HTTP/1.1 request over TCP: (status, x-amzn-errortype, body).
    async fn reqwest_like(
        url: &str,
        path: &str,
        headers: &[(&str, &str)],
    ) -> (u16, Option<String>, String) {
        use tokio::io::{AsyncReadExt, AsyncWriteExt};
        let addr = url.trim_start_matches("http://");
        let mut stream = tokio::net::TcpStream::connect(addr).await.unwrap();
        let method = if path.ends_with("return") {
            "POST"
        } else {
            "GET"
        };
        let mut req = format!("{method} {path} HTTP/1.1\r\nhost: {addr}\r\nconnection: close\r\n");
        if method == "POST" {
            req.push_str("content-length: 0\r\n");
        }
        for (k, v) in headers {
            req.push_str(&format!("{k}: {v}\r\n"));
        }
        req.push_str("\r\n");
        stream.write_all(req.as_bytes()).await.unwrap();
        let mut raw = Vec::new();
        stream.read_to_end(&mut raw).await.unwrap();
        let text = String::from_utf8(raw).unwrap();
        let (head, body) = text.split_once("\r\n\r\n").unwrap();
        let status = head.split(' ').nth(1).unwrap().parse().unwrap();
        let error_type = head.lines().find_map(|l| {
            let (k, v) = l.split_once(':')?;
            k.eq_ignore_ascii_case("x-amzn-errortype")
                .then(|| v.trim().to_string())
        });
        (status, error_type, body.to_string())
    }
}

mod catalog_on_the_wire {
    use super::*;
    use catalog::Client;
    use catalog::operation::search;
    use catalog::server::Credential;

    #[derive(Clone, Default)]
    struct Stub(Arc<Mutex<Option<Credential>>>);

    impl catalog::CatalogApi for Stub {
        async fn search(
            &self,
            _: search::SearchInput,
        ) -> Result<search::SearchOutput, search::SearchError> {
            *self.0.lock().unwrap() = catalog::server::credential();
            Ok(search::SearchOutput { hits: Some(3) })
        }
    }

    #[tokio::test]
    async fn the_api_key_goes_into_the_query_after_the_operations_own_parameters() {
        let stub = Stub::default();
        let (url, log) = serve(catalog::server::router(stub.clone())).await;
        let client = Client::builder()
            .endpoint_url(&url)
            .api_key("k/1 +")
            .build()
            .unwrap();
        let out = client.search().q("rust lang").send().await.unwrap();
        assert_eq!(out.hits, Some(3));
        // Without other parameters the key starts the query.
        client.search().send().await.unwrap();
        let seen = log.lock().unwrap().clone();
        assert_eq!(seen[0].uri, "/search?q=rust%20lang&api_key=k%2F1%20%2B");
        assert_eq!(seen[0].names(), ["host", "user-agent"]);
        assert_eq!(seen[1].uri, "/search?api_key=k%2F1%20%2B");
        for s in &seen {
            no_aws_headers(s);
        }
        assert_eq!(
            *stub.0.lock().unwrap(),
            Some(Credential::ApiKey("k/1 +".into()))
        );
        // No key: the only scheme has no credential.
        let e = Client::builder()
            .endpoint_url(&url)
            .build()
            .unwrap()
            .search()
            .send()
            .await
            .unwrap_err();
        assert!(
            e.to_string()
                .contains("operation Search needs an API key: set ClientBuilder::api_key(..)"),
            "{e}"
        );
    }
}

/// `@requestCompression` (`fixtures/idl/notes.smithy` `ImportNotes`): the generated client
/// gzips large bodies, the generated server decodes them, over a real connection.
mod notes_compression {
    use super::*;
    use notes::Client;
    use notes::operation::{
        create_note, get_attachment, get_note, import_notes, search_notes,
    };
    use smithy_runtime::error::Unhandled;
    use tokio::io::{AsyncReadExt, AsyncWriteExt};

    /// Keeps each `ImportNotes` input; the other operations are not called.
    #[derive(Clone, Default)]
    struct Stub(Arc<Mutex<Vec<import_notes::ImportNotesInput>>>);

    fn not_here() -> Unhandled {
        Unhandled::build("not called in this test")
    }

    impl notes::NotesApi for Stub {
        async fn create_note(
            &self,
            _: create_note::CreateNoteInput,
        ) -> Result<create_note::CreateNoteOutput, create_note::CreateNoteError> {
            Err(create_note::CreateNoteError::Unhandled(not_here()))
        }
        async fn get_attachment(
            &self,
            _: get_attachment::GetAttachmentInput,
        ) -> Result<get_attachment::GetAttachmentOutput, get_attachment::GetAttachmentError>
        {
            Err(get_attachment::GetAttachmentError::Unhandled(not_here()))
        }
        async fn get_note(
            &self,
            _: get_note::GetNoteInput,
        ) -> Result<get_note::GetNoteOutput, get_note::GetNoteError> {
            Err(get_note::GetNoteError::Unhandled(not_here()))
        }
        async fn import_notes(
            &self,
            input: import_notes::ImportNotesInput,
        ) -> Result<import_notes::ImportNotesOutput, import_notes::ImportNotesError> {
            let imported = input.text.lines().count() as i32;
            self.0.lock().unwrap().push(input);
            Ok(import_notes::ImportNotesOutput { imported })
        }
        async fn search_notes(
            &self,
            _: search_notes::SearchNotesInput,
        ) -> Result<search_notes::SearchNotesOutput, search_notes::SearchNotesError> {
            Err(search_notes::SearchNotesError::Unhandled(not_here()))
        }
    }

    /// 500 lines of 40 bytes: 20,000 bytes of text, well past the 10,240-byte threshold.
    fn big_text() -> String {
        (0..500).map(|i| format!("note {i:05} buy milk and eggs today\n")).collect()
    }

    #[tokio::test]
    async fn large_bodies_are_gzipped_after_the_callers_encoding_and_decoded_by_the_server() {
        let stub = Stub::default();
        let (url, log) = serve(notes::server::router(stub.clone())).await;
        let client = Client::builder().endpoint_url(&url).api_key("k").build().unwrap();
        let text = big_text();
        let out = client.import_notes().text(&text).send().await.unwrap();
        assert_eq!(out.imported, 500);
        client
            .import_notes()
            .text(&text)
            .encoding("custom")
            .send()
            .await
            .unwrap();
        // Under the threshold: sent as it is.
        client.import_notes().text("one note\n").send().await.unwrap();
        // Disabled by the caller.
        let plain = Client::builder()
            .endpoint_url(&url)
            .api_key("k")
            .disable_request_compression(true)
            .build()
            .unwrap();
        plain.import_notes().text(&text).send().await.unwrap();

        let seen = log.lock().unwrap().clone();
        assert_eq!(seen[0].header("content-encoding"), Some("gzip"));
        let gz_len: usize = seen[0].header("content-length").unwrap().parse().unwrap();
        // The JSON body is about 21,000 bytes; repetitive text gzips far below that.
        assert!(gz_len < 4_000, "{gz_len} bytes sent");
        assert_eq!(seen[1].header("content-encoding"), Some("custom, gzip"));
        assert_eq!(seen[2].header("content-encoding"), None);
        assert_eq!(seen[3].header("content-encoding"), None);
        let plain_len: usize = seen[3].header("content-length").unwrap().parse().unwrap();
        assert!(plain_len > text.len(), "{plain_len} bytes sent");

        let inputs = stub.0.lock().unwrap().clone();
        assert_eq!(inputs.len(), 4);
        assert_eq!(inputs[0].text, text);
        assert_eq!(inputs[0].encoding, None, "the server takes off the gzip it decoded");
        assert_eq!(inputs[1].text, text);
        assert_eq!(inputs[1].encoding.as_deref(), Some("custom"));
        assert_eq!(inputs[2].text, "one note\n");
        assert_eq!(inputs[3].text, text);
    }

    /// A raw HTTP/1.1 exchange: the response's status line and body.
    async fn raw(url: &str, request: &[u8]) -> (String, String) {
        let addr = url.trim_start_matches("http://");
        let mut stream = tokio::net::TcpStream::connect(addr).await.unwrap();
        stream.write_all(request).await.unwrap();
        let mut response = Vec::new();
        stream.read_to_end(&mut response).await.unwrap();
        let response = String::from_utf8_lossy(&response).into_owned();
        let status = response.lines().next().unwrap_or_default().to_string();
        let body = response.split("\r\n\r\n").nth(1).unwrap_or_default().to_string();
        (status, body)
    }

    #[tokio::test]
    async fn a_body_that_is_not_gzip_is_a_serialization_error() {
        let (url, _) = serve(notes::server::router(Stub::default())).await;
        let body = b"{\"text\":\"not compressed\"}";
        let head = format!(
            "POST /import HTTP/1.1\r\nhost: x\r\nx-api-key: k\r\ncontent-type: application/json\r\n\
             content-encoding: gzip\r\ncontent-length: {}\r\nconnection: close\r\n\r\n",
            body.len()
        );
        let (status, body) = raw(&url, &[head.as_bytes(), body].concat()).await;
        assert!(status.contains(" 400 "), "{status}");
        assert!(body.contains("SerializationException") || body.contains("gzip"), "{body}");
    }
}
