//! Secrets never reach a log: the real binary, logging at `debug` and `trace`, runs the whole
//! flow (purchase, code, reset, sign-in, ToS, refresh, OAuth refresh, bad input), and its log is
//! searched for every code, password and token it handled, the portal's session cookie and CSRF
//! tokens among them.

use latchkey_test_support as support;

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{json, Value};
use support::{Smtp, PASSWORD};

async fn post(http: &reqwest::Client, url: String, body: Value) -> Value {
    support::read(http.post(url).json(&body).send().await.unwrap()).await.1
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_code_password_or_token_reaches_the_log() {
    for filter in ["debug", "trace"] {
        let smtp = Smtp::start();
        let dir = tempfile::tempdir().unwrap();
        let port = support::free_port();
        let base = format!("http://127.0.0.1:{port}");
        let log_path = dir.path().join("server.log");
        let log = std::fs::File::create(&log_path).unwrap();
        let env = |c: &mut Command| {
            c.env("LATCHKEY_DATA_DIR", dir.path().join("data"))
                .env("LATCHKEY_LISTEN", format!("127.0.0.1:{port}"))
                .env("LATCHKEY_SMTP_URL", smtp.url())
                .env("LATCHKEY_OPERATOR_KEY", "operator-secret-key-123")
                .env("LATCHKEY_LOG", filter)
                .env("NO_COLOR", "1");
        };
        let mut create = Command::new(env!("CARGO_BIN_EXE_latchkey-server"));
        env(&mut create);
        let created = create
            .args(["org", "create", "--name", "Log Corp", "--contact-email", "fc@log.example", "--contact-first-name", "L"])
            .args(["--contact-last-name", "C", "--contact-country", "GB"])
            .stderr(log.try_clone().unwrap())
            .output()
            .unwrap();
        assert!(created.status.success());
        let mut serve = Command::new(env!("CARGO_BIN_EXE_latchkey-server"));
        env(&mut serve);
        let mut child = serve.arg("serve").stdout(Stdio::null()).stderr(log).spawn().unwrap();
        let deadline = Instant::now() + Duration::from_secs(30);
        while reqwest::get(format!("{base}/readyz")).await.is_err() {
            assert!(Instant::now() < deadline);
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        let http = reqwest::Client::new();
        let tos = http.post(format!("{base}/v1/operator/tos")).bearer_auth("operator-secret-key-123");
        tos.json(&json!({"version": "1", "title": "T", "body_markdown": "terms"})).send().await.unwrap();

        post(&http, format!("{base}/v1/password/forgot"), json!({"email": "fc@log.example"})).await;
        let code = smtp.code("fc@log.example", 1).await;
        post(&http, format!("{base}/v1/password/reset"), json!({"email": "fc@log.example", "code": "00000001", "new_password": PASSWORD}))
            .await;
        post(&http, format!("{base}/v1/password/reset"), json!({"email": "fc@log.example", "code": code, "new_password": "weak"})).await;
        post(&http, format!("{base}/v1/password/reset"), json!({"email": "fc@log.example", "code": code, "new_password": PASSWORD})).await;
        post(&http, format!("{base}/v1/sessions"), json!({"email": "fc@log.example", "password": "a wrong password here"})).await;
        post(&http, format!("{base}/v1/sessions"), json!({"email": "fc@log.example", "password": 123_456_789})).await;
        let required = post(&http, format!("{base}/v1/sessions"), json!({"email": "fc@log.example", "password": PASSWORD})).await;
        let ticket = required["tos_ticket"].as_str().unwrap().to_owned();
        let session = post(&http, format!("{base}/v1/tos/accept"), json!({"tos_ticket": ticket, "version": "1"})).await;
        let first_refresh = session["refresh_token"].as_str().unwrap().to_owned();
        let refreshed =
            post(&http, format!("{base}/v1/token"), json!({"grant_type": "refresh_token", "refresh_token": first_refresh})).await;
        let access = refreshed["access_token"].as_str().unwrap().to_owned();
        http.get(format!("{base}/v1/me")).bearer_auth(&access).send().await.unwrap();
        http.get(format!("{base}/v1/entitlements")).bearer_auth(&access).send().await.unwrap();
        let form = [("grant_type", "refresh_token"), ("refresh_token", refreshed["refresh_token"].as_str().unwrap())];
        let oauth: Value = http.post(format!("{base}/oauth2/token")).form(&form).send().await.unwrap().json().await.unwrap();
        // Reuse of a used token (family revoked) is logged as an event, without the token.
        post(&http, format!("{base}/v1/token"), json!({"grant_type": "refresh_token", "refresh_token": first_refresh})).await;
        // The portal: a refused and a good sign-in, a page, a refused form, sign-out.
        let portal = support::portal::PortalClient::new(&base);
        portal.get("/admin/sign-in").await;
        portal.post("/admin/sign-in", &[("email", "fc@log.example"), ("password", "a wrong portal password")]).await;
        assert!(portal.sign_in("fc@log.example", PASSWORD).await.redirects_to("/admin/users"));
        let portal_page = portal.get("/admin/users").await;
        assert_eq!(portal_page.status, 200);
        let portal_cookie = portal.cookie("latchkey_admin").unwrap();
        let portal_csrf = portal.csrf();
        portal.post_exactly("/admin/users/new", &[("csrf", "forged-token-value")], &[]).await;
        portal.post("/admin/sign-out", &[]).await;
        tokio::time::sleep(Duration::from_millis(300)).await;
        child.kill().unwrap();
        child.wait().unwrap();

        let text = std::fs::read_to_string(&log_path).unwrap();
        assert!(text.contains("refresh token reused"), "the log is real and has the events ({filter}): {text}");
        let secrets = [
            code.as_str(),
            PASSWORD,
            "a wrong password here",
            "123456789",
            "operator-secret-key-123",
            ticket.as_str(),
            first_refresh.as_str(),
            access.as_str(),
            session["access_token"].as_str().unwrap(),
            refreshed["refresh_token"].as_str().unwrap(),
            oauth["refresh_token"].as_str().unwrap(),
            oauth["access_token"].as_str().unwrap(),
            "a wrong portal password",
            portal_cookie.as_str(),
            portal_csrf.as_str(),
            "forged-token-value",
        ];
        for secret in secrets {
            assert!(!text.contains(secret), "a secret reached the {filter} log");
        }
        // Nothing but the database lives in the data folder (no mail folder with SMTP configured).
        let files: Vec<String> =
            std::fs::read_dir(dir.path().join("data")).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
        assert!(files.iter().all(|f| f.starts_with("latchkey.db")), "{files:?}");
    }
}
