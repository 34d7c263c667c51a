//! The agent end to end: the real server (SQLite) with a real SMTP sink, the `latchkey` binary,
//! the real OS keyrings (under `scripts/with-keyring.sh`), real Unix sockets, `curl` and Python
//! as outside callers.

use latchkey_test_support as support;
mod support_agent;

use std::io::{Read, Write};
use std::os::unix::fs::PermissionsExt;
use std::sync::Arc;
use std::time::Duration;

use base64::Engine as _;

use latchkey_agent::clock::ShiftedClock;
use latchkey_agent::secret_store::{MemoryStore, OsKeyring, StoreError};
use latchkey_protocol::local::SessionState;
use latchkey_sdk::{Error, Secret, TokenRequest};
use serde_json::json;
use support::{Backend, Smtp, TestServer, PASSWORD};
use support_agent::{curl, eventually, json, refreshes, stderr, stdout, Home, InProcessAgent, InProcessOptions};

async fn server_with_terms(smtp: &Smtp) -> TestServer {
    let server = TestServer::start(Backend::Sqlite, smtp, &[]).await;
    server.publish_tos("2026-11", "en").await;
    server
}

/// A purchased organization's contact with a password (forgot → code → reset through the
/// server's API); not signed in anywhere yet.
async fn user_with_password(server: &TestServer, smtp: &Smtp, email: &str) {
    server.purchase(email).await;
    server.set_password(smtp, email, 1).await;
}

fn secret_service_available() {
    assert!(
        std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some(),
        "these tests use the real Secret Service: run them through `make test` (scripts/with-keyring.sh)"
    );
}

fn secret_tool_lookup(account: &str) -> Option<String> {
    let output = std::process::Command::new("secret-tool").args(["lookup", "service", "latchkey", "username", account]).output().unwrap();
    let token = String::from_utf8_lossy(&output.stdout).trim().to_owned();
    (output.status.success() && !token.is_empty()).then_some(token)
}

fn kernel_keyring_lookup(account: &str) -> Option<String> {
    let description = format!("keyring-rs:{account}@latchkey");
    let id = std::process::Command::new("keyctl").args(["search", "@s", "user", &description]).output().unwrap();
    if !id.status.success() {
        return None;
    }
    let id = String::from_utf8_lossy(&id.stdout).trim().to_owned();
    let value = std::process::Command::new("keyctl").args(["pipe", &id]).output().unwrap();
    value.status.success().then(|| String::from_utf8_lossy(&value.stdout).into_owned())
}

/// Bot protection: with no free allowance at all, every forgot password must carry a solved proof
/// of work. The CLI (the agent's backend client, as the desktop app) asks for a challenge, solves
/// it and sends it; the server spends it and mails the code.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_cli_solves_the_proof_of_work_the_server_asks_for() {
    let smtp = Smtp::start();
    let no_free_requests =
        [("LATCHKEY_POW_FREE_PER_ADDRESS", "0/15m"), ("LATCHKEY_POW_FREE_PER_NETWORK", "0/15m"), ("LATCHKEY_POW_DIFFICULTY", "16")];
    let server = TestServer::start(Backend::Sqlite, &smtp, &no_free_requests).await;
    server.purchase("ada@example.com").await;
    let (status, refused) = server.post("/v1/password/forgot", serde_json::json!({"email": "ada@example.com"})).await;
    assert_eq!((status, refused["code"].as_str()), (428, Some("proof_required")), "{refused}");

    let home = Home::new();
    let forgot = home.run(&server.url, &["forgot-password", "--email", "ada@example.com", "--json"], "");
    assert!(forgot.status.success(), "{}", stderr(&forgot));
    smtp.code("ada@example.com", 1).await;
    let spent: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM rate_counters WHERE key LIKE 'pow:spent:%'")
        .fetch_one(&server.state.db.pool)
        .await
        .unwrap();
    assert_eq!(spent, 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn forgot_password_to_a_token_the_server_accepts_with_the_token_in_secret_service() {
    secret_service_available();
    let smtp = Smtp::start();
    let server = server_with_terms(&smtp).await;
    server.purchase("ada@example.com").await;
    server.operator(reqwest::Method::PUT, "/v1/operator/products/suite", Some(json!({"name": "Acme Suite"}))).await;
    let home = Home::new();
    let url = server.url.clone();

    // forgot → the code from the real SMTP sink → reset, through the CLI, no agent needed
    let forgot = home.run(&url, &["forgot-password", "--email", "ada@example.com"], "");
    assert!(forgot.status.success(), "{}", stderr(&forgot));
    let email_code = smtp.code("ada@example.com", 1).await;
    let reset = home.run(
        &url,
        &["reset-password", "--email", "ada@example.com", "--code", &email_code, "--password-stdin"],
        &format!("{PASSWORD}\n"),
    );
    assert!(reset.status.success(), "{}", stderr(&reset));

    let no_agent = home.run(&url, &["status"], "");
    assert_eq!(no_agent.status.code(), Some(3), "no agent: exit 3");
    assert!(stderr(&no_agent).contains("latchkey agent"), "the hint says how to start one: {}", stderr(&no_agent));

    let mut agent = home.spawn_agent(&url, &[]);
    // sign in (scripted) → the Terms are pending: exit 5 with the ToS in the status
    let sign_in = home.run(&url, &["sign-in", "--email", "ada@example.com", "--password-stdin", "--json"], &format!("{PASSWORD}\n"));
    assert_eq!(sign_in.status.code(), Some(5), "{}", stderr(&sign_in));
    let status = json(&stdout(&sign_in));
    assert_eq!(status["state"], "tos_required");
    assert_eq!(status["tos"]["version"], "2026-11");
    let token = home.run(&url, &["token"], "");
    assert_eq!(token.status.code(), Some(5), "no token before the Terms: {}", stderr(&token));

    let (code, body) = curl(&home.socket(), "POST", "/v1/tos/accept", Some(r#"{"version":"2026-11"}"#), &[]);
    assert_eq!(code, 200, "{body}");
    assert_eq!(json(&body)["state"], "signed_in");

    let token = home.run(&url, &["token"], "");
    assert!(token.status.success(), "{}", stderr(&token));
    let access_token = stdout(&token).trim().to_owned();
    let (status, me) = server.get("/v1/me", Some(&access_token)).await;
    assert_eq!(status, 200, "{me}");
    assert_eq!(me["email"], "ada@example.com");

    // the refresh token is in Secret Service, and in no file of the user's folders
    let refresh_token = secret_tool_lookup(&url).expect("the refresh token is in Secret Service");
    assert!(home.files_containing(&refresh_token).is_empty(), "{:?}", home.files_containing(&refresh_token));
    assert!(home.files_containing(&access_token).is_empty(), "an access token reached a file");
    let status = json(&stdout(&home.run(&url, &["status", "--json"], "")));
    assert_eq!(status["secret_store"]["kind"], "secret_service");
    let log = agent.log_text();
    for secret in [refresh_token.as_str(), access_token.as_str(), PASSWORD, email_code.as_str()] {
        assert!(!log.contains(secret), "a secret reached the agent's log");
    }

    // a restart finds the session again without a new sign-in
    drop(agent);
    agent = home.spawn_agent(&url, &[]);
    let again = home.run(&url, &["token", "--json"], "");
    assert!(again.status.success(), "{}", stderr(&again));
    let entitled = home.run(&url, &["entitlements", "suite"], "");
    assert_eq!(entitled.status.code(), Some(0), "{}{}", stdout(&entitled), stderr(&entitled));
    let listed = stdout(&home.run(&url, &["entitlements"], ""));
    assert!(listed.starts_with("Acme Suite (suite)  []"), "the product's name, its identifier beside: {listed}");
    let not_entitled = home.run(&url, &["entitlements", "other-product"], "");
    assert_eq!(not_entitled.status.code(), Some(1));

    // sign-out: revoked at the server, gone from the keyring, cached entitlements wiped
    let rotated = secret_tool_lookup(&url).expect("still in Secret Service");
    let out = home.run(&url, &["sign-out"], "");
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(secret_tool_lookup(&url), None, "the refresh token left the keyring");
    let (status, _) = server.refresh(&json!(rotated)).await;
    assert_eq!(status, 401, "the refresh token was revoked at the server");
    assert!(!home.path("state").join("latchkey/entitlements.json").exists());
    assert_eq!(home.run(&url, &["token"], "").status.code(), Some(1), "signed out: exit 1");
    drop(agent);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn every_endpoint_over_curl_and_the_python_example() {
    let smtp = Smtp::start();
    let server = server_with_terms(&smtp).await;
    user_with_password(&server, &smtp, "bea@example.com").await;
    let home = Home::new();
    let url = server.url.clone();
    let mut agent = home.spawn_agent(&url, &[]);
    let socket = home.socket();

    let (code, body) = curl(&socket, "GET", "/v1/status", None, &[]);
    assert_eq!((code, json(&body)["state"].as_str()), (200, Some("signed_out")), "{body}");
    let (code, body) = curl(&socket, "POST", "/v1/token", Some("{}"), &[]);
    assert_eq!((code, json(&body)["code"].as_str()), (401, Some("not_signed_in")), "{body}");
    let (code, body) = curl(&socket, "GET", "/v1/entitlements", None, &[]);
    assert_eq!((code, json(&body)["code"].as_str()), (401, Some("not_signed_in")), "{body}");
    let (code, body) = curl(&socket, "GET", "/v1/entitlements/suite", None, &[]);
    assert_eq!((code, json(&body)["code"].as_str()), (401, Some("not_signed_in")), "{body}");
    let (code, body) = curl(&socket, "POST", "/v1/sign-in", Some("{}"), &[]);
    assert_eq!((code, json(&body)["code"].as_str()), (409, Some("no_interactive_session")), "{body}");
    let (code, body) = curl(&socket, "POST", "/v1/tos/accept", Some(r#"{"version":"2026-11"}"#), &[]);
    assert_eq!((code, json(&body)["code"].as_str()), (409, Some("not_pending")), "{body}");
    let (code, body) =
        curl(&socket, "POST", "/v1/sign-in/password", Some(r#"{"email":"bea@example.com","password":"wrong password entirely"}"#), &[]);
    assert_eq!((code, json(&body)["code"].as_str()), (401, Some("invalid_credentials")), "{body}");

    let (code, body) =
        curl(&socket, "POST", "/v1/sign-in/password", Some(&json!({"email": "bea@example.com", "password": PASSWORD}).to_string()), &[]);
    assert_eq!(code, 200, "{body}");
    assert_eq!(json(&body)["state"], "tos_required");
    let (code, body) = curl(&socket, "POST", "/v1/tos/accept", Some(r#"{"version":"1999-01"}"#), &[]);
    assert_eq!((code, json(&body)["code"].as_str()), (409, Some("tos_version_mismatch")), "{body}");
    let (code, body) = curl(&socket, "POST", "/v1/tos/accept", Some(r#"{"version":"2026-11"}"#), &[]);
    assert_eq!(code, 200, "{body}");

    let (code, body) = curl(&socket, "POST", "/v1/token", Some(r#"{"min_valid_seconds":30}"#), &["Latchkey-App: curl-test"]);
    assert_eq!(code, 200, "{body}");
    let token = json(&body);
    assert_eq!(token["token_type"], "Bearer");
    let (code, body) = curl(&socket, "POST", "/v1/token", Some(r#"{"audience":"https://not-ours.example.com"}"#), &[]);
    assert_eq!((code, json(&body)["code"].as_str()), (400, Some("unsupported_audience")), "{body}");
    let (code, body) = curl(&socket, "POST", "/v1/token", Some(r#"{"min_valid_seconds":3600}"#), &[]);
    assert_eq!(code, 200, "a min_valid beyond a token's life forces a refresh and returns the newest token: {body}");
    assert_ne!(json(&body)["access_token"], token["access_token"]);
    let (code, body) = curl(&socket, "GET", "/v1/entitlements", None, &[]);
    assert_eq!(code, 200, "{body}");
    let view = json(&body);
    assert_eq!(view["source"], "online");
    assert_eq!(view["entitlements"][0]["product"], "suite");
    assert!(view["signed"].as_str().unwrap().split('.').count() == 3);
    let (code, body) = curl(&socket, "GET", "/v1/entitlements/suite", None, &[]);
    assert_eq!((code, json(&body)["entitled"].as_bool()), (200, Some(true)), "{body}");
    let (code, body) = curl(&socket, "GET", "/v1/entitlements/nothing", None, &[]);
    assert_eq!((code, json(&body)["reason"].as_str()), (200, Some("not_entitled")), "{body}");
    let (code, body) = curl(&socket, "GET", "/v1/settings", None, &[]);
    assert_eq!(code, 200, "{body}");
    assert_eq!(json(&body)["ServerUrl"], json!({"value": url, "source": "environment"}));
    assert_eq!(json(&body)["AllowSignOut"], json!({"value": true, "source": "default"}));
    let (code, body) = curl(&socket, "GET", "/v1/openapi.json", None, &[]);
    assert_eq!(code, 200);
    assert!(json(&body)["paths"]["/v1/token"]["post"].is_object());

    // the Python example: plain HTTP over the socket, standard library only
    let python = std::process::Command::new(support::python())
        .arg(support::workspace_root().join("examples/python/latchkey_token.py"))
        .arg("suite")
        .env("LATCHKEY_AGENT_SOCKET", &socket)
        .output()
        .unwrap();
    assert!(python.status.success(), "{}", String::from_utf8_lossy(&python.stderr));
    let result = json(&String::from_utf8_lossy(&python.stdout));
    assert_eq!(result["state"], "signed_in");
    assert_eq!(result["entitled"], true);
    let (status, me) = server.get("/v1/me", result["access_token"].as_str()).await;
    assert_eq!(status, 200, "{me}");

    // events: a status now, and one at every change
    let events = tokio::task::spawn_blocking({
        let socket = socket.clone();
        move || {
            let mut command = std::process::Command::new("curl");
            command.args(["-s", "-N", "--max-time", "4", "--unix-socket"]).arg(&socket).arg("http://latchkey/v1/events");
            String::from_utf8_lossy(&command.output().unwrap().stdout).into_owned()
        }
    });
    tokio::time::sleep(Duration::from_millis(1500)).await;
    let (code, body) = curl(&socket, "POST", "/v1/sign-out", None, &[]);
    assert_eq!(code, 200, "{body}");
    let events = events.await.unwrap();
    let seen: Vec<String> =
        events.lines().filter_map(|l| l.strip_prefix("data:")).map(|d| json(d.trim())["state"].as_str().unwrap().to_owned()).collect();
    assert_eq!(seen, ["signed_in", "signed_out"], "{events}");

    // the handover: 202, then the agent releases the socket and exits
    let (code, body) = curl(&socket, "POST", "/v1/agent/handover", None, &[]);
    assert_eq!(code, 202, "{body}");
    assert!(agent.wait_exit(Duration::from_secs(10)).is_some_and(|s| s.success()), "{}", agent.log_text());
    assert!(!socket.exists());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn browsers_bad_requests_and_slow_callers_get_clear_errors_while_others_are_served() {
    let home = Home::new();
    let _agent = home.spawn_agent("http://127.0.0.1:9", &[]);
    let socket = home.socket();
    for header in ["Origin: https://evil.example", "Referer: https://evil.example/page", "Host: evil.example", "Host: localhost"] {
        let (code, body) = curl(&socket, "GET", "/v1/status", None, &[header]);
        assert_eq!((code, json(&body)["code"].as_str()), (403, Some("forbidden_origin")), "{header}: {body}");
    }
    let (_, headers) = {
        let output = std::process::Command::new("curl")
            .args(["-s", "-D", "-", "-o", "/dev/null", "--unix-socket"])
            .arg(&socket)
            .arg("http://latchkey/v1/status")
            .output()
            .unwrap();
        (0, String::from_utf8_lossy(&output.stdout).to_lowercase())
    };
    assert!(headers.contains("content-security-policy: default-src 'none'"), "{headers}");

    let (code, body) = curl(&socket, "POST", "/v1/token", Some("{not json"), &[]);
    assert_eq!((code, json(&body)["code"].as_str()), (400, Some("invalid_request")), "{body}");
    let (code, body) = curl(&socket, "POST", "/v1/token", Some(r#"{"min_valid_seconds":"soon"}"#), &[]);
    assert_eq!(code, 400, "{body}");
    assert!(json(&body)["detail"].as_str().unwrap().contains("invalid type"), "the detail names the problem: {body}");
    let (code, body) = curl(&socket, "POST", "/v1/token", Some(r#"{"audiance":"x"}"#), &[]);
    assert_eq!(code, 400, "an unknown field is named: {body}");
    assert!(body.contains("audiance"), "{body}");
    let huge = format!(r#"{{"audience":"{}"}}"#, "a".repeat(200_000));
    let (code, body) = curl(&socket, "POST", "/v1/token", Some(&huge), &[]);
    assert_eq!((code, json(&body)["code"].as_str()), (413, Some("payload_too_large")), "{body}");
    let (code, body) = curl(&socket, "POST", "/v1/sign-in/password", Some(r#"{"email":"a@example.com"}"#), &[]);
    assert_eq!(code, 400, "{body}");
    assert!(body.contains("password"), "the missing field is named: {body}");
    let (code, body) =
        curl(&socket, "POST", "/v1/sign-in/password", Some(r#"{"email":"a@example.com","password":"x y z long enough"}"#), &[]);
    assert_eq!((code, json(&body)["code"].as_str()), (503, Some("backend_unreachable")), "{body}");

    // slow-loris: a caller that sends half a request head holds no one up, and is cut off
    let mut slow = std::os::unix::net::UnixStream::connect(&socket).unwrap();
    slow.write_all(b"GET /v1/status HTTP/1.1\r\nHost: lat").unwrap();
    let mut slow_body = std::os::unix::net::UnixStream::connect(&socket).unwrap();
    slow_body.write_all(b"POST /v1/token HTTP/1.1\r\nHost: latchkey\r\nContent-Length: 100\r\n\r\n{\"aud").unwrap();
    let started = std::time::Instant::now();
    let (code, _) = curl(&socket, "GET", "/v1/status", None, &[]);
    assert_eq!(code, 200);
    assert!(started.elapsed() < Duration::from_secs(2), "others are served at once");
    slow.set_read_timeout(Some(Duration::from_secs(15))).unwrap();
    let mut rest = Vec::new();
    let _ = slow.read_to_end(&mut rest);
    assert!(started.elapsed() < Duration::from_secs(12), "the slow caller is cut off after the header timeout");
    slow_body.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
    let mut answer = String::new();
    let _ = slow_body.read_to_string(&mut answer);
    assert!(answer.contains("400") && answer.contains("did not arrive in time"), "{answer}");
    let (code, _) = curl(&socket, "GET", "/v1/status", None, &[]);
    assert_eq!(code, 200, "still serving");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_hundred_concurrent_callers_with_an_expired_token_cause_one_refresh() {
    let smtp = Smtp::start();
    let server = server_with_terms(&smtp).await;
    user_with_password(&server, &smtp, "cy@example.com").await;
    let home = Home::new();
    let store = Arc::new(MemoryStore::default());
    let agent = InProcessAgent::start(
        &home,
        &server.url,
        InProcessOptions { store: store.clone(), backend_timeout: Duration::from_secs(5), clock: ShiftedClock::default() },
    )
    .await
    .unwrap();
    let client = Arc::new(agent.client());
    client.sign_in_with_password("cy@example.com", &Secret::new(PASSWORD), true).await.unwrap();
    let first = client.token(&TokenRequest::default()).await.unwrap();
    let before = refreshes(&server);

    agent.clock.advance(11 * 60); // the access token has expired
    let mut callers = Vec::new();
    for _ in 0..200 {
        let client = client.clone();
        callers.push(tokio::spawn(async move { client.token(&TokenRequest::default()).await }));
    }
    let mut tokens = std::collections::HashSet::new();
    for caller in callers {
        tokens.insert(caller.await.unwrap().unwrap().access_token.expose().to_owned());
    }
    assert_eq!(refreshes(&server) - before, 1, "exactly one refresh request reached the server");
    assert_eq!(tokens.len(), 1, "every caller got the one new token");
    assert!(!tokens.contains(first.access_token.expose()));

    // proactive refresh, with no caller: past four fifths of the token's life
    let before = refreshes(&server);
    agent.clock.advance(9 * 60);
    agent.engine.nudge();
    eventually("a proactive refresh", Duration::from_secs(10), async || refreshes(&server) > before).await;
    assert_eq!(refreshes(&server) - before, 1);
    agent.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn offline_within_the_grace_then_refused_then_recovered_by_itself() {
    let smtp = Smtp::start();
    let server = server_with_terms(&smtp).await;
    user_with_password(&server, &smtp, "dee@example.com").await;
    let proxy = support_agent::proxy::Switch::start(&server.url).await;
    let home = Home::new();
    let agent = InProcessAgent::start(
        &home,
        &proxy.url(),
        InProcessOptions {
            store: Arc::new(MemoryStore::default()),
            backend_timeout: Duration::from_secs(3),
            clock: ShiftedClock::default(),
        },
    )
    .await
    .unwrap();
    let client = agent.client();
    client.sign_in_with_password("dee@example.com", &Secret::new(PASSWORD), true).await.unwrap();
    assert_eq!(client.entitlements().await.unwrap().source, "online");

    proxy.set_up(false).await;
    agent.clock.advance(11 * 60);
    let answer = client.token(&TokenRequest::default()).await;
    assert!(matches!(answer, Err(Error::BackendUnreachable(_))), "{answer:?}");
    let status = client.status().await.unwrap();
    assert_eq!(status.state, SessionState::Offline);
    let view = client.entitlements().await.unwrap();
    assert_eq!(view.source, "cache");
    assert!(client.entitlement("suite").await.unwrap().entitled, "entitled offline within the grace");

    agent.clock.advance(8 * 86_400); // past offline_until (7 days)
    let refused = client.entitlement("suite").await.unwrap();
    assert!(!refused.entitled);
    assert_eq!(refused.reason.as_deref(), Some("offline_grace_expired"));
    assert_eq!(client.status().await.unwrap().state, SessionState::Expired);

    proxy.set_up(true).await;
    eventually("the agent recovers when the backend returns", Duration::from_secs(15), async || {
        client.status().await.is_ok_and(|s| s.state == SessionState::SignedIn)
    })
    .await;
    assert!(client.entitlement("suite").await.unwrap().entitled);
    assert_eq!(client.entitlements().await.unwrap().source, "online");
    agent.stop().await;
}

/// A compact JWS signed with the attacker's own Ed25519 key (`[9; 32]`), and that key's JWKS.
fn attackers_set(claims: &serde_json::Value) -> (String, serde_json::Value) {
    use ed25519_dalek::Signer;
    let engine = base64::engine::general_purpose::URL_SAFE_NO_PAD;
    let key = ed25519_dalek::SigningKey::from_bytes(&[9; 32]);
    let header = json!({"alg": "EdDSA", "typ": "entitlements+jwt", "kid": "attacker"});
    let input = format!("{}.{}", engine.encode(header.to_string()), engine.encode(claims.to_string()));
    let compact = format!("{input}.{}", engine.encode(key.sign(input.as_bytes()).to_bytes()));
    let key_set = json!({"keys": [{"kty": "OKP", "crv": "Ed25519", "x": engine.encode(key.verifying_key().as_bytes()),
        "kid": "attacker", "use": "sig", "alg": "EdDSA"}]});
    (compact, key_set)
}

// Regression (issue 14, defect 1): the cache was checked against the JWKS, issuer and user stored
// in the same file, and `GET /v1/entitlements` served its unsigned array, so a writer of the state
// folder could sign itself any product offline.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_tampered_or_forged_entitlement_cache_is_refused_offline() {
    let smtp = Smtp::start();
    let server = server_with_terms(&smtp).await;
    user_with_password(&server, &smtp, "eve@example.com").await;
    let proxy = support_agent::proxy::Switch::start(&server.url).await;
    let home = Home::new();
    let store = Arc::new(MemoryStore::default());
    let options = || InProcessOptions { store: store.clone(), backend_timeout: Duration::from_secs(3), clock: ShiftedClock::default() };
    let agent = InProcessAgent::start(&home, &proxy.url(), options()).await.unwrap();
    agent.client().sign_in_with_password("eve@example.com", &Secret::new(PASSWORD), true).await.unwrap();
    assert!(agent.client().entitlement("suite").await.unwrap().entitled);
    agent.stop().await;
    proxy.set_up(false).await;

    let file = home.path("state").join("latchkey/entitlements.json");
    let genuine = std::fs::read_to_string(&file).unwrap();
    let sealed = json(&genuine);
    let cache = json(sealed["cache"].as_str().unwrap());
    let user_id = cache["user"]["id"].as_str().unwrap().to_owned();
    let issuer = cache["issuer"].as_str().unwrap().to_owned();

    // Offline with the untouched file: trusted, and the status says so.
    let offline = async |expect: &str, reason: Option<&str>| {
        let agent = InProcessAgent::start(&home, &proxy.url(), options()).await.unwrap();
        let client = agent.client();
        let _ = client.token(&TokenRequest::default()).await; // the refresh fails: offline
        let status = client.status().await.unwrap();
        let check = status.entitlement_cache.clone().unwrap_or_else(|| panic!("no entitlement_cache in {status:?}"));
        assert_eq!((check.state.as_str(), check.reason.as_deref()), (expect, reason), "{check:?}");
        let studio = client.entitlement("studio").await;
        assert!(
            matches!(&studio, Err(Error::NotSignedIn | Error::BackendUnreachable(_))) || studio.as_ref().is_ok_and(|e| !e.entitled),
            "a product the backend never granted is not entitled: {studio:?}"
        );
        let listed = client.entitlements().await;
        assert!(
            listed.as_ref().map_or(true, |view| view.entitlements.iter().all(|e| e.product != "studio")),
            "the listed entitlements come from the verified set only: {listed:?}"
        );
        let suite = client.entitlement("suite").await.is_ok_and(|e| e.entitled);
        agent.stop().await;
        suite
    };
    assert!(offline("verified", None).await, "the genuine cache serves offline");

    // 1. The unsigned array edited in place (a product added), the seal kept.
    let mut edited = cache.clone();
    edited["entitlements"]["entitlements"].as_array_mut().unwrap().push(json!({"product": "studio", "features": [], "expires_at": null}));
    let mut file_json = sealed.clone();
    file_json["cache"] = json!(edited.to_string());
    std::fs::write(&file, file_json.to_string()).unwrap();
    assert!(!offline("refused", Some("seal_mismatch")).await);

    // 2. A whole cache forged with the attacker's own key and JWKS: a ten-year exp, an extra product.
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs() as i64;
    let (forged_set, attackers_keys) = attackers_set(&json!({"iss": issuer, "sub": user_id, "iat": now, "exp": now + 10 * 365 * 86_400,
        "entitlements": [{"product": "suite", "features": [], "expires_at": null}, {"product": "studio", "features": [], "expires_at": null}]}));
    let mut forged = cache.clone();
    forged["jwks"] = attackers_keys;
    forged["entitlements"]["signed"] = json!(forged_set);
    forged["entitlements"]["entitlements"] = json!([{"product": "studio", "features": [], "expires_at": null}]);
    // ... written as the earlier, unsealed format,
    std::fs::write(&file, forged.to_string()).unwrap();
    assert!(!offline("refused", Some("malformed")).await);
    // ... and in the sealed format with a seal of the attacker's making.
    let mut file_json = sealed.clone();
    file_json["cache"] = json!(forged.to_string());
    file_json["seal"] = json!("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
    std::fs::write(&file, file_json.to_string()).unwrap();
    assert!(!offline("refused", Some("seal_mismatch")).await);

    // The genuine file again: still trusted (nothing was forgotten on the way).
    std::fs::write(&file, genuine).unwrap();
    assert!(offline("verified", None).await);
}

/// The `kid` in a compact JWS's header.
fn kid_of(jws: &str) -> String {
    let header = base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(jws.split('.').next().unwrap()).unwrap();
    json(&String::from_utf8(header).unwrap())["kid"].as_str().unwrap().to_owned()
}

// Issue 14, key rotation: an agent that cached the old JWKS picks up the new one at the next set.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn after_a_key_rotation_the_agent_verifies_sets_of_the_new_key() {
    let smtp = Smtp::start();
    let server = server_with_terms(&smtp).await;
    user_with_password(&server, &smtp, "rota@example.com").await;
    let home = Home::new();
    let options = InProcessOptions {
        store: Arc::new(MemoryStore::default()),
        backend_timeout: Duration::from_secs(5),
        clock: ShiftedClock::default(),
    };
    let agent = InProcessAgent::start(&home, &server.url, options).await.unwrap();
    let client = agent.client();
    client.sign_in_with_password("rota@example.com", &Secret::new(PASSWORD), true).await.unwrap();
    let old_kid = kid_of(&client.entitlements().await.unwrap().signed);

    let (status, rotated) = server.operator(reqwest::Method::POST, "/v1/operator/keys/rotate", None).await;
    assert_eq!(status, 200, "{rotated}");
    let new_kid = rotated["kid"].as_str().unwrap().to_owned();
    agent.clock.advance(11 * 60); // the access token expired: the next token refreshes, and the set with it
    client.token(&TokenRequest::default()).await.unwrap();
    let view = client.entitlements().await.unwrap();
    assert_eq!(
        (kid_of(&view.signed), view.source.as_str()),
        (new_kid.clone(), "online"),
        "the set of the new key verified (was {old_kid})"
    );
    assert!(client.entitlement("suite").await.unwrap().entitled);
    agent.stop().await;

    // The sealed cache on disk holds the new JWKS: offline after a restart, it still verifies.
    let cache = json(&std::fs::read_to_string(home.path("state").join("latchkey/entitlements.json")).unwrap());
    let kids: Vec<String> = json(cache["cache"].as_str().unwrap())["jwks"]["keys"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| k["kid"].as_str().unwrap().to_owned())
        .collect();
    assert!(kids.contains(&new_kid), "{kids:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_locked_keyring_and_a_garbled_or_silent_backend_are_clear_errors() {
    let smtp = Smtp::start();
    let server = server_with_terms(&smtp).await;
    user_with_password(&server, &smtp, "fay@example.com").await;
    let home = Home::new();
    let store = Arc::new(MemoryStore::default());
    store.fail_with(Some(StoreError::Locked { store: "memory", reason: "the collection is locked".into() }));
    let agent = InProcessAgent::start(
        &home,
        &server.url,
        InProcessOptions { store: store.clone(), backend_timeout: Duration::from_secs(3), clock: ShiftedClock::default() },
    )
    .await
    .unwrap();
    let client = agent.client();
    let status = client.status().await.unwrap();
    assert_eq!(status.state, SessionState::SignedOut);
    assert!(status.secret_store.error.as_deref().is_some_and(|e| e.contains("locked")), "{status:?}");
    let status = client.sign_in_with_password("fay@example.com", &Secret::new(PASSWORD), true).await.unwrap();
    assert_eq!(status.state, SessionState::SignedIn, "the session works for this run even with the keyring locked");
    assert!(
        status.secret_store.error.as_deref().is_some_and(|e| e.contains("locked")),
        "and the status says why it will not last: {status:?}"
    );
    assert!(client.token(&TokenRequest::default()).await.is_ok());
    agent.stop().await;

    // a backend answering garbage, and one that never answers
    for behaviour in [support_agent::proxy::Behaviour::Garbage, support_agent::proxy::Behaviour::Silent] {
        let fake = support_agent::proxy::Fake::start(behaviour).await;
        let home = Home::new();
        let agent = InProcessAgent::start(
            &home,
            &fake.url(),
            InProcessOptions {
                store: Arc::new(MemoryStore::default()),
                backend_timeout: Duration::from_secs(2),
                clock: ShiftedClock::default(),
            },
        )
        .await
        .unwrap();
        let client = agent.client();
        let slow = tokio::spawn({
            let client = agent.client();
            async move { client.sign_in_with_password("fay@example.com", &Secret::new(PASSWORD), false).await }
        });
        if matches!(behaviour, support_agent::proxy::Behaviour::Silent) {
            tokio::time::sleep(Duration::from_millis(300)).await;
            assert_eq!(client.status().await.unwrap().state, SessionState::SigningIn, "others are served while the backend is silent");
        }
        let error = slow.await.unwrap().unwrap_err();
        assert!(matches!(error, Error::BackendUnreachable(_)), "{behaviour:?}: {error}");
        assert_eq!(client.status().await.unwrap().state, SessionState::SignedOut);
        agent.stop().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn the_kernel_keyring_when_there_is_no_secret_service() {
    let smtp = Smtp::start();
    let server = server_with_terms(&smtp).await;
    user_with_password(&server, &smtp, "gus@example.com").await;
    let home = Home::new();
    let url = server.url.clone();
    let agent = home.spawn_agent(&url, &[("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/bus")]);
    let sign_in =
        home.run(&url, &["sign-in", "--email", "gus@example.com", "--password-stdin", "--accept-tos", "--json"], &format!("{PASSWORD}\n"));
    assert!(sign_in.status.success(), "{}{}", stderr(&sign_in), agent.log_text());
    assert_eq!(json(&stdout(&sign_in))["secret_store"]["kind"], "kernel_keyring");
    let token = kernel_keyring_lookup(&url).expect("the refresh token is in the kernel keyring");
    assert!(home.files_containing(&token).is_empty());
    let out = home.run(&url, &["sign-out"], "");
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(kernel_keyring_lookup(&url), None, "gone after sign-out");
    let _ = OsKeyring::kernel_keyring(); // the same store is reachable from the library
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn one_agent_per_user_stale_sockets_and_the_handover() {
    let smtp = Smtp::start();
    let server = server_with_terms(&smtp).await;
    user_with_password(&server, &smtp, "hal@example.com").await;
    let home = Home::new();
    let url = server.url.clone();
    let mut first = home.spawn_agent(&url, &[("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/bus")]);

    let second = home.run(&url, &["agent"], "");
    assert_eq!(second.status.code(), Some(2), "a second agent refuses to start");
    assert!(stderr(&second).contains("already running"), "{}", stderr(&second));
    assert!(first.child.try_wait().unwrap().is_none(), "the first one lives on");

    // a crash leaves the socket file; the next agent replaces it
    first.crash();
    assert!(home.socket().exists());
    let mut first = home.spawn_agent(&url, &[("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/bus")]);
    let sign_in = home.run(&url, &["sign-in", "--email", "hal@example.com", "--password-stdin", "--accept-tos"], &format!("{PASSWORD}\n"));
    assert!(sign_in.status.success(), "{}", stderr(&sign_in));
    assert_eq!(std::fs::metadata(home.socket()).unwrap().permissions().mode() & 0o777, 0o600);
    assert_eq!(std::fs::metadata(home.socket().parent().unwrap()).unwrap().permissions().mode() & 0o777, 0o700);

    // the handover: the headless agent exits, the new one binds and is the only one refreshing
    let client = latchkey_sdk::Client::new(latchkey_sdk::ClientOptions::default().socket(home.socket()));
    client.handover(Duration::from_secs(10)).await.unwrap();
    assert!(first.wait_exit(Duration::from_secs(10)).is_some(), "the old agent exited: {}", first.log_text());
    let store: Arc<dyn latchkey_agent::secret_store::SecretStore> = Arc::new(OsKeyring::kernel_keyring());
    // Counted before the new agent starts: its refresh loop may refresh a restored session at once,
    // before the first caller asks (single flight keeps it to one refresh either way).
    let before = refreshes(&server);
    let app = InProcessAgent::start(
        &home,
        &url,
        InProcessOptions { store, backend_timeout: Duration::from_secs(5), clock: ShiftedClock::default() },
    )
    .await
    .unwrap();
    let token = app.client().token(&TokenRequest::default()).await.unwrap();
    assert_eq!(refreshes(&server) - before, 1, "the new agent refreshed with the token the old one left in the keyring");
    let (status, _) = server.get("/v1/me", Some(token.access_token.expose())).await;
    assert_eq!(status, 200);
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn open_or_foreign_socket_folders_are_refused() {
    let home = Home::new();
    let open = home.path("run").join("latchkey");
    std::fs::create_dir(&open).unwrap();
    std::fs::set_permissions(&open, std::fs::Permissions::from_mode(0o755)).unwrap();
    let refused = home.run("http://127.0.0.1:9", &["agent"], "");
    assert_eq!(refused.status.code(), Some(2));
    assert!(stderr(&refused).contains("accessible to other users"), "{}", stderr(&refused));
    assert_eq!(std::fs::metadata(&open).unwrap().permissions().mode() & 0o777, 0o755, "not repaired");

    std::fs::remove_dir(&open).unwrap();
    let elsewhere = home.path("home").join("elsewhere");
    std::fs::create_dir(&elsewhere).unwrap();
    std::os::unix::fs::symlink(&elsewhere, &open).unwrap();
    let refused = home.run("http://127.0.0.1:9", &["agent"], "");
    assert_eq!(refused.status.code(), Some(2));
    assert!(stderr(&refused).contains("symbolic link"), "{}", stderr(&refused));
}

/// Runs as root (as `make test` does in CI): the agent as `nobody`, the caller as root — who
/// passes any file permission, so only the peer check stands in the way — and the other way round.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn callers_and_agents_of_other_users_are_refused() {
    if latchkey_transport::current_uid() != 0 {
        eprintln!("SKIPPED: this test needs root to run an agent as `nobody` (make test runs as root in CI)");
        return;
    }
    let shared = tempfile::tempdir().unwrap();
    std::fs::set_permissions(shared.path(), std::fs::Permissions::from_mode(0o1777)).unwrap();
    let nobody_socket = shared.path().join("nobody/agent.sock");
    // setpriv execs (runuser would fork, and killing it would leave the agent running)
    let mut command = std::process::Command::new("setpriv");
    command
        .args([
            "--reuid=nobody",
            "--regid=nogroup",
            "--clear-groups",
            "env",
            "-i",
            "HOME=/nonexistent",
            "LATCHKEY_SERVER_URL=http://127.0.0.1:9",
        ])
        .arg(format!("LATCHKEY_AGENT_SOCKET={}", nobody_socket.display()))
        .arg(format!("XDG_STATE_HOME={}", shared.path().join("nobody-state").display()))
        .arg(support_agent::BIN)
        .arg("agent");
    let agent = support_agent::AgentProcess::spawn(command, &nobody_socket);

    let (code, body) = curl(&nobody_socket, "GET", "/v1/status", None, &[]);
    assert_eq!((code, json(&body)["code"].as_str()), (403, Some("forbidden_peer")), "{body}");
    assert!(agent.log_text().contains("refused a caller"), "{}", agent.log_text());
    let mut status = std::process::Command::new(support_agent::BIN);
    status
        .args(["status"])
        .env("LATCHKEY_AGENT_SOCKET", &nobody_socket)
        .env("LANG", "C.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES");
    let refused = support_agent::run_with_stdin(status, "");
    assert_eq!(refused.status.code(), Some(2), "the client refuses an agent of another user");
    assert!(stderr(&refused).contains("not as you"), "{}", stderr(&refused));
    drop(agent);

    // root's agent: its folder is 0700, so nobody cannot even reach the socket
    let home = Home::new();
    let _root_agent = home.spawn_agent("http://127.0.0.1:9", &[]);
    std::fs::set_permissions(home.dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    std::fs::set_permissions(home.path("run"), std::fs::Permissions::from_mode(0o755)).unwrap();
    let output = std::process::Command::new("runuser")
        .args(["-u", "nobody", "--", "curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", "--unix-socket"])
        .arg(home.socket())
        .arg("http://latchkey/v1/status")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(7), "curl could not connect: {}", String::from_utf8_lossy(&output.stdout));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn settings_show_each_layer_and_report_malformed_values() {
    let home = Home::new();
    std::fs::create_dir_all(home.path("config").join("latchkey")).unwrap();
    std::fs::write(
        home.path("config").join("latchkey/settings.toml"),
        "language = \"de\"\nautostart = \"maybe\"\nproxy = \"http://user-proxy:3128\"\n",
    )
    .unwrap();
    let _agent = home.spawn_agent("http://127.0.0.1:9", &[("LATCHKEY_PROXY", "none"), ("LATCHKEY_ALLOW_SIGN_OUT", "0")]);
    let settings = home.run("http://127.0.0.1:9", &["settings", "--json"], "");
    assert!(settings.status.success(), "{}", stderr(&settings));
    let settings = json(&stdout(&settings));
    assert_eq!(settings["Language"], json!({"value": "de", "source": "user"}));
    assert_eq!(settings["Proxy"], json!({"value": "none", "source": "environment"}), "the environment ranks above user settings");
    assert_eq!(settings["AutoStart"], json!({"value": true, "source": "default"}), "a malformed value is ignored");
    assert_eq!(settings["ServerUrl"]["source"], "environment");
    let (_, problems) = curl(&home.socket(), "GET", "/v1/settings/problems", None, &[]);
    assert!(problems.contains("AutoStart (user layer"), "{problems}");
    let (code, body) = curl(&home.socket(), "POST", "/v1/sign-out", None, &[]);
    assert_eq!((code, json(&body)["code"].as_str()), (403, Some("sign_out_disabled")), "{body}");
}

/// The terminal dialogue, answered at its prompts: no password yet → forgot password → the code
/// from the mail → a new password → the Terms shown and accepted → signed in.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn the_terminal_dialogue_walks_forgot_password_and_the_terms() {
    let smtp = Smtp::start();
    let server = server_with_terms(&smtp).await;
    server.purchase("ivy@example.com").await;
    let home = Home::new();
    let url = server.url.clone();
    let _agent = home.spawn_agent(&url, &[("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/bus")]);

    let mut dialogue = home
        .command(&url, &["sign-in"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = dialogue.stdin.take().unwrap();
    input.write_all(b"ivy@example.com\n\n").unwrap(); // email, then no password
    let code = smtp.code("ivy@example.com", 1).await;
    input.write_all(format!("12 34\n{code}\n{PASSWORD}\ny\n").as_bytes()).unwrap(); // a malformed code first
    drop(input);
    let output = dialogue.wait_with_output().unwrap();
    let said = stderr(&output);
    assert!(output.status.success(), "{said}");
    assert!(said.contains("The code is the 8 digits"), "a malformed code is explained: {said}");
    assert!(said.contains("Terms 2026-11"), "the Terms are shown: {said}");
    assert!(said.contains("Signed in as Fran Contact <ivy@example.com>"), "{said}");
    assert!(!said.contains(&code) && !said.contains(PASSWORD), "no secret is echoed");

    // declining the Terms signs out, with exit 5
    server.publish_tos("2026-12", "en").await;
    let out = home.run(&url, &["sign-out"], "");
    assert!(out.status.success());
    let declined = home.run(&url, &["sign-in"], &format!("ivy@example.com\n{PASSWORD}\nn\n"));
    assert_eq!(declined.status.code(), Some(5), "{}", stderr(&declined));
    assert!(stderr(&declined).contains("cannot use Latchkey without accepting"), "{}", stderr(&declined));
    assert_eq!(json(&stdout(&home.run(&url, &["status", "--json"], "")))["state"], "signed_out");
}

/// The same dialogue in the user's language (German from `LANG`): the prompts, the server's
/// refusals worded by the client (a wrong code with the tries left, a weak password with why),
/// the Terms accepted with the language's "j", and the answer. The `Language` setting outranks
/// the locale (French below).
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn the_terminal_dialogue_speaks_the_users_language() {
    let smtp = Smtp::start();
    let server = server_with_terms(&smtp).await;
    server.purchase("jan@example.com").await;
    let home = Home::new();
    let url = server.url.clone();
    let _agent = home.spawn_agent(&url, &[("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/bus")]);

    let mut dialogue = home
        .command(&url, &["sign-in"])
        .env("LANG", "de_DE.UTF-8")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = dialogue.stdin.take().unwrap();
    input.write_all(b"jan@example.com\n\n").unwrap();
    let code = smtp.code("jan@example.com", 1).await;
    let wrong = if code == "00000000" { "11111111" } else { "00000000" };
    // a wrong code, then the right one with a weak password, then with a good one; then "j"
    input.write_all(format!("{wrong}\n{PASSWORD}\n{code}\nXq7!\n{code}\n{PASSWORD}\nj\n").as_bytes()).unwrap();
    drop(input);
    let output = dialogue.wait_with_output().unwrap();
    let said = stderr(&output);
    assert!(output.status.success(), "{said}");
    for german in [
        "E-Mail: ",
        "Wenn die Adresse registriert ist, ist ein Code per E-Mail unterwegs.",
        "Code aus der E-Mail: ",
        "Dieser Code ist nicht richtig. Noch 4 Versuche. (invalid_code)",
        "Nicht akzeptiert, weil es zu kurz ist. (weak_password)",
        "Passwort festgelegt.",
        "Den Nutzungsbedingungen (Version 2026-11) zustimmen? [j/N] ",
        "Angemeldet als Fran Contact <jan@example.com>",
    ] {
        assert!(said.contains(german), "{german:?} is not in: {said}");
    }
    assert!(!said.contains(&code) && !said.contains(PASSWORD), "no secret is echoed");

    std::fs::create_dir_all(home.path("config").join("latchkey")).unwrap();
    std::fs::write(home.path("config").join("latchkey/settings.toml"), "language = \"fr\"\n").unwrap();
    let french = home
        .command(&url, &["status"])
        .env("LANG", "de_DE.UTF-8")
        .env("LATCHKEY_AGENT_SOCKET", home.path("run").join("none.sock"))
        .output()
        .unwrap();
    assert_eq!(french.status.code(), Some(3));
    assert!(stderr(&french).contains("Latchkey n’est pas en cours d’exécution sur"), "{}", stderr(&french));
}

/// `latchkey` is the small program (what makes `latchkey token` start fast: BENCHMARKS.md): it
/// links neither the agent, nor the backend's HTTP client, nor the PAC engine, which
/// `latchkey-agent` carries. The probe is checked to find them where they are.
#[test]
fn the_small_latchkey_links_neither_the_agent_nor_the_backend_client() {
    let small = std::fs::read(support_agent::BIN).unwrap();
    let full = std::fs::read(env!("CARGO_BIN_EXE_latchkey-agent")).unwrap();
    for crate_name in ["latchkey_agent", "reqwest", "boa_engine"] {
        assert!(memchr::memmem::find(&full, crate_name.as_bytes()).is_some(), "the probe finds {crate_name} in latchkey-agent");
        assert!(memchr::memmem::find(&small, crate_name.as_bytes()).is_none(), "latchkey links {crate_name}");
    }
}

/// What `latchkey` cannot run itself it hands to `latchkey-agent` beside it; when that is
/// missing it says so, with the usage exit code.
#[test]
fn without_latchkey_agent_beside_it_latchkey_says_what_is_missing() {
    let folder = tempfile::tempdir().unwrap();
    let alone = folder.path().join("latchkey");
    std::fs::copy(support_agent::BIN, &alone).unwrap();
    let output = std::process::Command::new(&alone)
        .args(["forgot-password", "--email", "a@example.com"])
        .env("LANG", "C.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let said = stderr(&output);
    assert!(
        said.contains("This command needs latchkey-agent") && said.contains(&folder.path().join("latchkey-agent").display().to_string()),
        "{said}"
    );
}

/// `POST /v1/sign-in` with a window to open (as the desktop app provides): 202 at once, or with
/// `wait_seconds` the status once the user signed in, or 408 `timeout`.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn sign_in_prompts_the_window_and_waits_for_the_user() {
    let smtp = Smtp::start();
    let server = server_with_terms(&smtp).await;
    user_with_password(&server, &smtp, "jo@example.com").await;
    let home = Home::new();
    let agent = InProcessAgent::start(
        &home,
        &server.url,
        InProcessOptions {
            store: Arc::new(MemoryStore::default()),
            backend_timeout: Duration::from_secs(5),
            clock: ShiftedClock::default(),
        },
    )
    .await
    .unwrap();
    let client = agent.client();
    let prompts = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    agent.engine.set_prompter(Some(Arc::new({
        let prompts = prompts.clone();
        move || {
            prompts.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        }
    })));
    assert!(matches!(client.sign_in(None).await.unwrap(), latchkey_sdk::SignInOutcome::Prompted));
    assert_eq!(client.status().await.unwrap().state, SessionState::SigningIn);
    assert!(matches!(client.sign_in(Some(Duration::from_secs(1))).await, Err(Error::Timeout)));
    assert_eq!(prompts.load(std::sync::atomic::Ordering::SeqCst), 2, "each call opened the window");

    // the "user" signs in in the window while the caller waits
    let waiting = tokio::spawn({
        let client = agent.client();
        async move { client.sign_in(Some(Duration::from_secs(20))).await }
    });
    tokio::time::sleep(Duration::from_millis(300)).await;
    client.sign_in_with_password("jo@example.com", &Secret::new(PASSWORD), true).await.unwrap();
    match waiting.await.unwrap().unwrap() {
        latchkey_sdk::SignInOutcome::SignedIn(status) => assert_eq!(status.state, SessionState::SignedIn),
        other @ latchkey_sdk::SignInOutcome::Prompted => panic!("{other:?}"),
    }
    agent.stop().await;
}
