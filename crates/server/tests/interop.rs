//! Independent peers: PyJWT verifies the access token and the signed entitlements against the
//! published JWKS; Authlib refreshes and revokes through the standard OAuth 2.0 endpoints.

use latchkey_test_support as support;

use std::process::Command;

use serde_json::Value;
use support::{Backend, Smtp, TestServer};

fn run_python(script: &str, args: &[&str]) -> Value {
    let path = support::workspace_root().join("tests/interop").join(script);
    let output = Command::new(support::python()).arg(path).args(args).output().unwrap();
    assert!(output.status.success(), "{script} failed:\n{}", String::from_utf8_lossy(&output.stderr));
    serde_json::from_slice(&output.stdout).unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pyjwt_verifies_access_tokens_and_signed_entitlements() {
    let smtp = Smtp::start();
    let server = TestServer::start(Backend::Sqlite, &smtp, &[]).await;
    let session = server.signed_in_user(&smtp, "jose@acme.example").await;
    let access = session["access_token"].as_str().unwrap().to_owned();
    let (_, entitlements) = server.get("/v1/entitlements", Some(&access)).await;
    let url = server.url.clone();
    let signed = entitlements["signed"].as_str().unwrap().to_owned();
    let verified = tokio::task::spawn_blocking(move || run_python("verify_tokens.py", &[&url, &access, &signed])).await.unwrap();
    assert_eq!(verified["access"]["sub"], session["user"]["id"]);
    assert_eq!(verified["access"]["email"], "jose@acme.example");
    assert_eq!(verified["access"]["client_id"], "latchkey-desktop");
    assert_eq!(verified["entitlements"]["entitlements"], entitlements["entitlements"]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn authlib_refreshes_and_revokes_through_the_standard_endpoints() {
    let smtp = Smtp::start();
    let server = TestServer::start(Backend::Postgres, &smtp, &[]).await;
    let session = server.signed_in_user(&smtp, "oauth@acme.example").await;
    let url = server.url.clone();
    let refresh = session["refresh_token"].as_str().unwrap().to_owned();
    let result = tokio::task::spawn_blocking(move || run_python("oauth_refresh.py", &[&url, &refresh])).await.unwrap();
    let access = result["refreshed"]["access_token"].as_str().unwrap();
    assert_eq!(server.get("/v1/me", Some(access)).await.0, 200, "the refreshed token is accepted");
    assert_eq!(server.refresh(&result["revoked"]).await.0, 401, "the revoked token is refused");
    assert_eq!(server.refresh(&session["refresh_token"]).await.0, 401, "the family is revoked");
}
