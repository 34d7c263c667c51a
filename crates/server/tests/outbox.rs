//! Nothing is lost: mail asked for while the SMTP server is down is delivered once it is back,
//! and a server killed with SIGKILL delivers its outbox after a restart.

use latchkey_test_support as support;

use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::json;
use support::{Backend, Smtp, TestServer, PASSWORD};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn codes_requested_while_smtp_is_down_arrive_when_it_is_back() {
    let mut smtp = Smtp::start();
    let server = TestServer::start(Backend::Sqlite, &smtp, &[]).await;
    server.purchase("patient@acme.example").await;
    smtp.stop();
    let started = Instant::now();
    let (status, body) = server.post("/v1/password/forgot", json!({"email": "patient@acme.example"})).await;
    assert_eq!((status, body), (202, json!({"status": "code_sent"})), "the answer does not depend on SMTP");
    assert!(started.elapsed() < Duration::from_secs(2), "no request waits on SMTP");
    tokio::time::sleep(Duration::from_secs(3)).await;
    let pending: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM outbox WHERE sent_at IS NULL AND attempts > 0")
        .fetch_one(&server.state.db.pool)
        .await
        .unwrap();
    assert!(pending >= 1, "delivery was tried and is waiting to retry");
    smtp.resume();
    let code = smtp.code("patient@acme.example", 1).await;
    let (status, body) =
        server.post("/v1/password/reset", json!({"email": "patient@acme.example", "code": code, "new_password": PASSWORD})).await;
    assert_eq!(status, 200, "{body}");
}

struct Process(Child);

impl Drop for Process {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn command(dir: &std::path::Path, port: u16, smtp: &Smtp) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_latchkey-server"));
    command
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("LATCHKEY_DATA_DIR", dir)
        .env("LATCHKEY_LISTEN", format!("127.0.0.1:{port}"))
        .env("LATCHKEY_SMTP_URL", smtp.url())
        .stdout(Stdio::piped())
        .stderr(Stdio::null());
    command
}

async fn serve(dir: &std::path::Path, port: u16, smtp: &Smtp) -> Process {
    let child = command(dir, port, smtp).arg("serve").spawn().unwrap();
    let deadline = Instant::now() + Duration::from_secs(30);
    while reqwest::get(format!("http://127.0.0.1:{port}/readyz")).await.is_err() {
        assert!(Instant::now() < deadline, "the server did not start");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    Process(child)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_server_killed_mid_way_delivers_its_outbox_after_restart() {
    let mut smtp = Smtp::start();
    smtp.stop();
    let dir = tempfile::tempdir().unwrap();
    let port = support::free_port();
    let created = command(dir.path(), port, &smtp)
        .args(["org", "create", "--name", "Kill Corp", "--contact-email", "fc@kill.example", "--contact-first-name", "F"])
        .args(["--contact-last-name", "C", "--contact-country", "DE", "--contact-language", "de", "--json"])
        .output()
        .unwrap();
    assert!(created.status.success(), "{created:?}");
    let org: serde_json::Value = serde_json::from_slice(&created.stdout).unwrap();
    assert_eq!(org["fulfillment_contact"]["email"], "fc@kill.example");

    let mut server = serve(dir.path(), port, &smtp).await;
    let response = reqwest::Client::new()
        .post(format!("http://127.0.0.1:{port}/v1/password/forgot"))
        .json(&json!({"email": "fc@kill.example"}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 202);
    tokio::time::sleep(Duration::from_millis(500)).await;
    // SIGKILL: no shutdown, no flush.
    server.0.kill().unwrap();
    server.0.wait().unwrap();
    drop(server);

    smtp.resume();
    let _server = serve(dir.path(), port, &smtp).await;
    let purchase = smtp.wait_for_message("fc@kill.example", 1).await;
    assert!(purchase.contains("Content-Language: de"), "the contact's language: {purchase}");
    let code = smtp.code("fc@kill.example", 1).await;
    let response = reqwest::Client::new()
        .post(format!("http://127.0.0.1:{port}/v1/password/reset"))
        .json(&json!({"email": "fc@kill.example", "code": code, "new_password": PASSWORD}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
}
