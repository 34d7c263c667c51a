//! Property tests of the local API's request handling: whatever arrives (any method, path,
//! headers and body bytes), the answer is a well-formed response — a problem document for every
//! refusal, never a panic, never a 500 — and the agent keeps answering.

use std::sync::Arc;
use std::time::Duration;

use axum::body::Body;
use axum::http::Request;
use latchkey_agent::api::{router, ApiState};
use latchkey_agent::clock::SystemClock;
use latchkey_agent::secret_store::MemoryStore;
use latchkey_agent::{Engine, EngineOptions};
use proptest::prelude::*;
use tower::ServiceExt;

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap()
}

async fn app() -> axum::Router {
    let engine = Engine::start(EngineOptions {
        config: latchkey_config::merge(vec![]),
        backend: None,
        store: Arc::new(MemoryStore::default()),
        clock: Arc::new(SystemClock),
        state_dir: None,
        retry: Duration::from_secs(1),
        consent_timeout: latchkey_agent::consent::DEFAULT_TIMEOUT,
    })
    .await;
    router(ApiState { engine, check_peer: false, handover: Arc::new(tokio::sync::Notify::new()) })
}

const PATHS: &[&str] = &[
    "/v1/status",
    "/v1/settings",
    "/v1/settings/problems",
    "/v1/token",
    "/v1/entitlements",
    "/v1/entitlements/suite",
    "/v1/sign-in",
    "/v1/sign-in/password",
    "/v1/tos/accept",
    "/v1/tos/decline",
    "/v1/sign-out",
    "/v1/openapi.json",
    "/v1/consent",
    "/v1/consent/requests/0001abcd",
    "/v1/consent/apps/0000000000000000000000000000000000000000000000000000000000000000",
    "/v1/consent/apps/not-a-hash",
    "/v1/entitlements/%FF%00",
    "/",
    "/v2/token",
];

fn requests() -> impl Strategy<Value = (String, String, Option<String>, Vec<(String, String)>, Vec<u8>)> {
    let method = prop::sample::select(vec!["GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS"]).prop_map(str::to_owned);
    let path = prop_oneof![prop::sample::select(PATHS.to_vec()).prop_map(str::to_owned), "/v1/[a-z/%0-9-]{0,30}"];
    let host = prop_oneof![Just(Some("latchkey".to_owned())), Just(None), "[a-z.:0-9]{1,20}".prop_map(Some)];
    let header =
        (prop::sample::select(vec!["origin", "referer", "content-type", "latchkey-app", "x-anything", "content-encoding"]), "[ -~]{0,40}")
            .prop_map(|(name, value)| (name.to_owned(), value));
    let body = prop_oneof![
        prop::collection::vec(any::<u8>(), 0..200),
        Just(b"{}".to_vec()),
        Just(br#"{"version":"v1"}"#.to_vec()),
        Just(br#"{"email":"a@example.com","password":"correct horse battery staple","accept_tos":true}"#.to_vec()),
        Just(br#"{"audience":"x","min_valid_seconds":4294967295}"#.to_vec()),
        Just(br#"{"wait_seconds":1}"#.to_vec()),
        Just(br#"{"answer":"always_allow"}"#.to_vec()),
        "\\PC{0,60}".prop_map(String::into_bytes),
    ];
    (method, path, host, prop::collection::vec(header, 0..3), body)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]
    #[test]
    fn every_request_gets_a_well_formed_answer((method, path, host, headers, body) in requests()) {
        let rt = runtime();
        rt.block_on(async {
            let app = app().await;
            let mut request = Request::builder().method(method.as_str()).uri(&path);
            if let Some(host) = &host {
                request = request.header("host", host);
            }
            for (name, value) in &headers {
                request = request.header(name, value);
            }
            let request = request.body(Body::from(body)).unwrap();
            let response = tokio::time::timeout(Duration::from_secs(5), app.oneshot(request)).await.expect("answers in time").unwrap();
            let status = response.status().as_u16();
            prop_assert!(status != 500, "a 500 for {method} {path}");
            prop_assert_eq!(response.headers()["content-security-policy"].to_str().unwrap(), "default-src 'none'");
            let bytes = axum::body::to_bytes(response.into_body(), 1 << 20).await.unwrap();
            let document: serde_json::Value = serde_json::from_slice(&bytes).map_err(|e| TestCaseError::fail(format!("{method} {path}: not JSON: {e}")))?;
            if status >= 400 {
                prop_assert!(document["code"].is_string(), "{method} {path}: a problem document has a code: {document}");
                prop_assert_eq!(document["status"].as_u64(), Some(u64::from(status)));
            }
            Ok(())
        })?;
    }
}

#[test]
fn the_agent_answers_after_a_storm_of_bad_requests() {
    runtime().block_on(async {
        let app = app().await;
        for body in [&b"{"[..], b"null", b"[]", &[0xff, 0xfe][..], b"{\"version\": 5}"] {
            let request = Request::post("/v1/tos/accept").header("host", "latchkey").body(Body::from(body.to_vec())).unwrap();
            let response = app.clone().oneshot(request).await.unwrap();
            assert_eq!(response.status(), 400, "{:?}", String::from_utf8_lossy(body));
        }
        let response = app.oneshot(Request::get("/v1/status").header("host", "latchkey").body(Body::empty()).unwrap()).await.unwrap();
        assert_eq!(response.status(), 200);
    });
}
