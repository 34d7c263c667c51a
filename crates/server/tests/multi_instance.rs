//! Two server instances on one PostgreSQL database share every state: codes, lockouts, limits,
//! token families, signing keys and the outbox.

use latchkey_test_support as support;

use reqwest::Method;
use serde_json::json;
use support::{Backend, Smtp, TestServer, PASSWORD};

async fn pair(smtp: &Smtp) -> (TestServer, TestServer) {
    let a = TestServer::start(Backend::Postgres, smtp, &[]).await;
    // Instances behind one load balancer share the public URL, which is the tokens' issuer.
    let b = TestServer::start_on(&a.database_url, a.dir(), Some(smtp), &[("LATCHKEY_PUBLIC_URL", a.url.as_str())]).await;
    (a, b)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_code_sent_through_one_instance_is_redeemed_through_the_other() {
    let smtp = Smtp::start();
    let (a, b) = pair(&smtp).await;
    a.purchase("shared@acme.example").await;
    let (status, _) = a.post("/v1/password/forgot", json!({"email": "shared@acme.example"})).await;
    assert_eq!(status, 202);
    let code = smtp.code("shared@acme.example", 1).await;
    let (status, body) =
        b.post("/v1/password/reset", json!({"email": "shared@acme.example", "code": code, "new_password": PASSWORD})).await;
    assert_eq!(status, 200, "{body}");
    // Both instances signed with the one shared key: a token from B works on A.
    let session = b.sign_in("shared@acme.example").await;
    assert_eq!(a.get("/v1/me", session["access_token"].as_str()).await.0, 200);
    assert_eq!(a.get("/.well-known/jwks.json", None).await, b.get("/.well-known/jwks.json", None).await);
    // Each message went out once, although both workers deliver the same outbox.
    tokio::time::sleep(std::time::Duration::from_secs(2)).await;
    assert_eq!(smtp.messages_to("shared@acme.example").len(), 2, "purchase mail and code mail, once each");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_lockout_caused_on_one_instance_holds_on_the_other() {
    let smtp = Smtp::start();
    let (a, b) = pair(&smtp).await;
    a.signed_in_user(&smtp, "locked@acme.example").await;
    for _ in 0..5 {
        let (status, _) = a.post("/v1/sessions", json!({"email": "locked@acme.example", "password": "wrong wrong wrong wrong"})).await;
        assert_eq!(status, 401);
    }
    let (status, body) = b.post("/v1/sessions", json!({"email": "locked@acme.example", "password": PASSWORD})).await;
    assert_eq!((status, body["code"].as_str()), (429, Some("account_locked")), "{body}");
    // Rate limits too: four codes through A, one through B, the sixth is refused on either.
    for server in [&a, &a, &a, &a, &b] {
        assert_eq!(server.post("/v1/password/forgot", json!({"email": "flood@acme.example"})).await.0, 202);
    }
    assert_eq!(b.post("/v1/password/forgot", json!({"email": "flood@acme.example"})).await.0, 429);
    assert_eq!(a.post("/v1/password/forgot", json!({"email": "flood@acme.example"})).await.0, 429);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reusing_a_rotated_refresh_token_on_the_other_instance_revokes_the_family() {
    let smtp = Smtp::start();
    let (a, b) = pair(&smtp).await;
    let session = a.signed_in_user(&smtp, "reuse@acme.example").await;
    let (status, rotated) = a.refresh(&session["refresh_token"]).await;
    assert_eq!(status, 200);
    let (status, newest) = a.refresh(&rotated["refresh_token"]).await;
    assert_eq!(status, 200);
    let (status, body) = b.refresh(&session["refresh_token"]).await;
    assert_eq!((status, body["code"].as_str()), (401, Some("invalid_grant")), "{body}");
    let (status, _) = a.refresh(&newest["refresh_token"]).await;
    assert_eq!(status, 401, "the whole family is revoked, on every instance");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn operator_changes_take_effect_on_every_instance_at_once() {
    let smtp = Smtp::start();
    let (a, b) = pair(&smtp).await;
    let session = a.signed_in_user(&smtp, "tos@acme.example").await;
    let (status, _) =
        b.operator(Method::POST, "/v1/operator/tos", Some(json!({"version": "now", "title": "T", "body_markdown": "x"}))).await;
    assert_eq!(status, 204);
    let (_, body) = a.refresh(&session["refresh_token"]).await;
    assert_eq!(body["status"], "tos_required", "{body}");
}

/// The refresh batches run on connections of their own (crate `sessions::rotator`). When PostgreSQL
/// drops every connection (a restart, a failover, an administrator), the next batch on a dropped
/// connection fails, its grant takes the transactional path, and the runner connects again: no
/// refresh fails.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn refreshes_go_on_when_postgresql_drops_every_connection() {
    let smtp = Smtp::start();
    let server = TestServer::start(Backend::Postgres, &smtp, &[]).await;
    let session = server.signed_in_user(&smtp, "dropped@acme.example").await;
    let (status, body) = server.refresh(&session["refresh_token"]).await;
    assert_eq!(status, 200, "{body}");
    let mut token = body["refresh_token"].clone();

    let admin = sqlx::PgPool::connect(&server.database_url).await.unwrap();
    let dropped: Vec<bool> = sqlx::query_scalar(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()",
    )
    .fetch_all(&admin)
    .await
    .unwrap();
    assert!(dropped.len() >= 2, "the pool's and the batch runner's connections: {}", dropped.len());

    // Runners take the queue in turn: within three rounds the one whose connection was dropped
    // meets it (its batch fails, the grant takes the slow path) and connects again.
    let batched = || server.state.metrics.refreshes_batched.load(std::sync::atomic::Ordering::SeqCst);
    let before = batched();
    let refreshes = 3 * latchkey_server::sessions::rotator::POSTGRES_RUNNERS;
    for attempt in 0..refreshes {
        let (status, body) = server.refresh(&token).await;
        assert_eq!(status, 200, "refresh {attempt} after the drop: {body}");
        token = body["refresh_token"].clone();
    }
    assert_eq!(batched() - before, refreshes as u64 - 1, "one batch met the dropped connection; every other was batched");
    assert_eq!(server.audit_events("token_family_revoked").await, 0);
}
