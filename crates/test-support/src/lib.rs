//! Test harness: a real SMTP server (aiosmtpd) the tests read mail from, the server on a real
//! socket over SQLite or PostgreSQL, Xvfb and child processes, and small HTTP helpers. Shared by the
//! end-to-end tests of the server, the CLI and agent, and the desktop app (as `support`).
// A harness fails the test that uses it by panicking, with the reason: that is its error handling.
#![allow(clippy::missing_panics_doc, clippy::must_use_candidate, clippy::missing_errors_doc, clippy::new_without_default)]

pub mod delivery;
pub mod desktop;
pub mod portal;
pub mod webdriver;

use std::collections::HashMap;
use std::net::TcpListener as StdListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use latchkey_server::clock::ShiftedClock;
use latchkey_server::config::Settings;
use latchkey_server::db::Db;
use latchkey_server::AppState;
use serde_json::{json, Value};

pub const PASSWORD: &str = "correct horse battery staple";

/// The workspace's folder (the one holding `Cargo.lock`), from whichever crate includes the harness
/// (`crates/server`, `src-tauri`).
pub fn workspace_root() -> PathBuf {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR")).canonicalize().unwrap();
    manifest.ancestors().find(|dir| dir.join("Cargo.lock").exists()).expect("the workspace holds Cargo.lock").to_path_buf()
}

/// Runs `command` to its end; fails the test, with both outputs, unless it succeeds.
pub fn run(command: &mut Command) -> std::process::Output {
    let output = command.output().unwrap_or_else(|e| panic!("{command:?}: {e}"));
    assert!(
        output.status.success(),
        "{command:?} failed:\n{}\n{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    output
}

/// What a command wrote to its standard output, as text.
pub fn stdout(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// The Python of `.venv` (made by `scripts/python-env.sh`, which `make test` runs).
/// The folder of this build's binaries holding liblatchkey (`liblatchkey.so` and its soname link,
/// as the packages ship them), built once per test binary: `cargo test` does not build a cdylib.
pub fn native_library_dir() -> &'static Path {
    static BUILT: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();
    BUILT.get_or_init(|| {
        let status = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
            .args(["build", "-p", "latchkey-ffi", "--lib"])
            .current_dir(workspace_root())
            .status()
            .expect("cargo runs");
        assert!(status.success(), "cargo build -p latchkey-ffi failed");
        // Beside the test binaries' `deps` folder: target/<profile>/.
        let dir = std::env::current_exe().unwrap().parent().unwrap().parent().unwrap().to_owned();
        assert!(dir.join("liblatchkey.so").exists(), "no liblatchkey.so in {}", dir.display());
        let soname = dir.join("liblatchkey.so.0");
        let _ = std::fs::remove_file(&soname);
        std::os::unix::fs::symlink("liblatchkey.so", &soname).unwrap();
        dir
    })
}

pub fn python() -> PathBuf {
    let path = std::env::var_os("LATCHKEY_TEST_PYTHON").map_or_else(|| workspace_root().join(".venv/bin/python"), PathBuf::from);
    assert!(path.exists(), "{} is missing: run `make test` (or scripts/python-env.sh) first", path.display());
    path
}

pub fn free_port() -> u16 {
    StdListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

/// A child process (a server, Xvfb, the app) ended with the test: SIGTERM first, so that it
/// cleans up (Xvfb removes its lock and socket); SIGKILL if it lingers.
pub struct Process(pub Child);

impl Drop for Process {
    fn drop(&mut self) {
        let _ = Command::new("kill").args(["-TERM", &self.0.id().to_string()]).stderr(Stdio::null()).status();
        let deadline = Instant::now() + Duration::from_secs(3);
        while Instant::now() < deadline {
            if matches!(self.0.try_wait(), Ok(Some(_))) {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// A private X display of `size` (such as `1280x800x24`), numbered in `numbers` (each test file
/// keeps its own range, so that files running at once never race for one).
pub fn xvfb(numbers: std::ops::Range<u32>, size: &str) -> (Process, String) {
    for number in numbers {
        // A lock whose process is gone (an Xvfb killed earlier) is stale: Xvfb replaces it itself.
        let lock = std::fs::read_to_string(format!("/tmp/.X{number}-lock")).ok();
        let held =
            lock.as_deref().and_then(|l| l.trim().parse::<u32>().ok()).is_some_and(|pid| Path::new(&format!("/proc/{pid}")).exists());
        if held || (lock.is_none() && Path::new(&format!("/tmp/.X11-unix/X{number}")).exists()) {
            continue;
        }
        let _ = std::fs::remove_file(format!("/tmp/.X11-unix/X{number}"));
        let display = format!(":{number}");
        let child = Command::new("Xvfb")
            .args([&display, "-screen", "0", size, "-nolisten", "tcp"])
            .stderr(Stdio::null())
            .spawn()
            .expect("Xvfb runs (make test installs it)");
        let deadline = Instant::now() + Duration::from_secs(10);
        while !Path::new(&format!("/tmp/.X11-unix/X{number}")).exists() {
            assert!(Instant::now() < deadline, "Xvfb did not start on {display}");
            std::thread::sleep(Duration::from_millis(50));
        }
        return (Process(child), display);
    }
    panic!("no free X display number");
}

/// aiosmtpd with its Maildir handler: every message it accepts lands in `maildir/new`.
pub struct Smtp {
    pub port: u16,
    child: Option<Child>,
    pub maildir: tempfile::TempDir,
}

impl Smtp {
    pub fn start() -> Smtp {
        let mut smtp = Smtp { port: free_port(), child: None, maildir: tempfile::tempdir().unwrap() };
        smtp.resume();
        smtp
    }

    pub fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.port)
    }

    /// Starts (again) on the same port and folder.
    pub fn resume(&mut self) {
        let child = Command::new(python())
            .args(["-m", "aiosmtpd", "-n", "-u", "-l", &format!("127.0.0.1:{}", self.port), "-c", "aiosmtpd.handlers.Mailbox"])
            .arg(self.maildir.path().join("box"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start aiosmtpd");
        self.child = Some(child);
        let deadline = Instant::now() + Duration::from_secs(20);
        while std::net::TcpStream::connect(("127.0.0.1", self.port)).is_err() {
            assert!(Instant::now() < deadline, "aiosmtpd did not start");
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    pub fn stop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }

    /// Every message received so far, decoded from quoted-printable, oldest first.
    pub fn messages(&self) -> Vec<String> {
        let dir = self.maildir.path().join("box/new");
        let Ok(entries) = std::fs::read_dir(&dir) else { return Vec::new() };
        let mut files: Vec<_> = entries.filter_map(Result::ok).map(|e| e.path()).collect();
        files.sort_by_key(|p| std::fs::metadata(p).and_then(|m| m.modified()).ok());
        files.into_iter().filter_map(|p| std::fs::read_to_string(p).ok()).map(|m| decode_qp(&m)).collect()
    }

    pub fn messages_to(&self, address: &str) -> Vec<String> {
        let needle = format!("X-RcptTo: {}", address.to_lowercase());
        self.messages().into_iter().filter(|m| m.to_lowercase().contains(&needle.to_lowercase())).collect()
    }

    /// Waits for the `nth` (1-based) message to `address` and returns it.
    pub async fn wait_for_message(&self, address: &str, nth: usize) -> String {
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            let messages = self.messages_to(address);
            if messages.len() >= nth {
                return messages[nth - 1].clone();
            }
            assert!(Instant::now() < deadline, "no message #{nth} for {address} within 30 s (have {})", messages.len());
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Waits for the `nth` (1-based) message to `address` that holds a code, and returns the code.
    pub async fn code(&self, address: &str, nth: usize) -> String {
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            let codes: Vec<String> = self.messages_to(address).iter().filter_map(|m| extract_code(m)).collect();
            if codes.len() >= nth {
                return codes[nth - 1].clone();
            }
            assert!(Instant::now() < deadline, "no code #{nth} for {address} within 30 s (have {})", codes.len());
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }
}

impl Drop for Smtp {
    fn drop(&mut self) {
        self.stop();
    }
}

pub fn extract_code(message: &str) -> Option<String> {
    let body = message.split("\n\n").skip(1).collect::<Vec<_>>().join("\n\n");
    body.lines().map(str::trim).find(|l| l.len() == 8 && l.chars().all(|c| c.is_ascii_digit())).map(str::to_owned)
}

fn decode_qp(message: &str) -> String {
    let joined = message.replace("=\r\n", "").replace("=\n", "").replace("\r\n", "\n");
    let bytes = joined.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'=' && i + 2 < bytes.len() {
            if let Ok(byte) = u8::from_str_radix(&joined[i + 1..i + 3], 16) {
                out.push(byte);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// A fresh, empty database of the backend; the folder guard keeps a SQLite file alive.
pub async fn new_database(backend: Backend) -> (String, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let url = match backend {
        Backend::Sqlite => format!("sqlite://{}?mode=rwc", dir.path().join("latchkey.db").display()),
        Backend::Postgres => {
            let admin = std::env::var("LATCHKEY_TEST_POSTGRES_URL")
                .expect("LATCHKEY_TEST_POSTGRES_URL is not set: run `make test`, which starts PostgreSQL (scripts/postgres.sh)");
            let name = format!("lk_{}", latchkey_server::ids::new_id("t").to_lowercase().replace(['-', '_'], ""));
            let pool = sqlx::PgPool::connect(&admin).await.expect("connect to the test PostgreSQL");
            sqlx::query(&format!("CREATE DATABASE {name}")).execute(&pool).await.unwrap();
            pool.close().await;
            let base = admin.rsplit_once('/').unwrap().0;
            format!("{base}/{name}")
        }
    };
    (url, dir)
}

/// Settings for tests: limits loose enough for repeated flows unless a test sets them.
pub fn settings(database_url: &str, public_url: &str, smtp: Option<&Smtp>, data_dir: &Path, extra: &[(&str, &str)]) -> Settings {
    let mut values: HashMap<String, String> = HashMap::new();
    values.insert("LATCHKEY_DATABASE_URL".into(), database_url.into());
    values.insert("LATCHKEY_PUBLIC_URL".into(), public_url.into());
    values.insert("LATCHKEY_DATA_DIR".into(), data_dir.display().to_string());
    values.insert("LATCHKEY_OPERATOR_KEY".into(), "test-operator-key".into());
    values.insert("LATCHKEY_HASH_CONCURRENCY".into(), "2".into());
    if let Some(smtp) = smtp {
        values.insert("LATCHKEY_SMTP_URL".into(), smtp.url());
    }
    for (key, value) in extra {
        values.insert((*key).into(), (*value).into());
    }
    Settings::from_values(&values).unwrap()
}

pub struct TestServer {
    pub url: String,
    pub state: AppState,
    pub clock: ShiftedClock,
    pub http: reqwest::Client,
    pub database_url: String,
    task: tokio::task::JoinHandle<Result<(), latchkey_server::ServeError>>,
    dir: Arc<tempfile::TempDir>,
}

impl Drop for TestServer {
    fn drop(&mut self) {
        self.task.abort();
    }
}

impl TestServer {
    pub async fn start(backend: Backend, smtp: &Smtp, extra: &[(&str, &str)]) -> TestServer {
        let (url, dir) = new_database(backend).await;
        Self::start_on(&url, Arc::new(dir), Some(smtp), extra).await
    }

    /// Another instance on the same database (shares every state but the clock offset).
    pub async fn start_on(database_url: &str, dir: Arc<tempfile::TempDir>, smtp: Option<&Smtp>, extra: &[(&str, &str)]) -> TestServer {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let mut extra = extra.to_vec();
        if !extra.iter().any(|(k, _)| *k == "LATCHKEY_LIMIT_CODES_PER_IP") {
            extra.push(("LATCHKEY_LIMIT_CODES_PER_IP", "10000/15m"));
        }
        if !extra.iter().any(|(k, _)| *k == "LATCHKEY_LIMIT_REGISTER_PER_IP") {
            extra.push(("LATCHKEY_LIMIT_REGISTER_PER_IP", "10000/15m"));
        }
        let settings = settings(database_url, &url, smtp, dir.path(), &extra);
        let db = Db::connect(database_url).await.unwrap();
        db.migrate().await.unwrap();
        let clock = ShiftedClock::default();
        let state = AppState::new(settings, db, Arc::new(clock.clone())).await.unwrap();
        let task = tokio::spawn(latchkey_server::serve(state.clone(), listener, std::future::pending()));
        TestServer { url, state, clock, http: reqwest::Client::new(), database_url: database_url.into(), task, dir }
    }

    pub fn dir(&self) -> Arc<tempfile::TempDir> {
        Arc::clone(&self.dir)
    }

    pub async fn post(&self, path: &str, body: Value) -> (u16, Value) {
        let response = self.http.post(format!("{}{path}", self.url)).json(&body).send().await.unwrap();
        read(response).await
    }

    /// Posts raw bytes on a connection of its own: the server closes a connection whose body it
    /// refused unread (413), and a pooled connection would then fail the next request.
    pub async fn post_raw(&self, path: &str, content_type: &str, body: Vec<u8>) -> (u16, Value) {
        let response = reqwest::Client::new()
            .post(format!("{}{path}", self.url))
            .header("content-type", content_type)
            .body(body)
            .send()
            .await
            .unwrap();
        read(response).await
    }

    pub async fn get(&self, path: &str, bearer: Option<&str>) -> (u16, Value) {
        let mut request = self.http.get(format!("{}{path}", self.url));
        if let Some(token) = bearer {
            request = request.bearer_auth(token);
        }
        read(request.send().await.unwrap()).await
    }

    pub async fn operator(&self, method: reqwest::Method, path: &str, body: Option<Value>) -> (u16, Value) {
        let mut request = self.http.request(method, format!("{}{path}", self.url)).bearer_auth("test-operator-key");
        if let Some(body) = body {
            request = request.json(&body);
        }
        read(request.send().await.unwrap()).await
    }

    /// Creates an organization (with products) whose Fulfillment Contact is `email`.
    pub async fn purchase(&self, email: &str) -> Value {
        let (status, org) = self
            .operator(
                reqwest::Method::POST,
                "/v1/operator/orgs",
                Some(json!({"name": format!("Org of {email}"), "contact_email": email, "contact_first_name": "Fran",
                    "contact_last_name": "Contact", "contact_country": "gb", "subscriptions": [{"product": "suite", "expires_at": "2099-12-31"}]})),
            )
            .await;
        assert_eq!(status, 201, "{org}");
        org
    }

    pub async fn publish_tos(&self, version: &str, lang: &str) {
        let (status, body) = self
            .operator(
                reqwest::Method::POST,
                "/v1/operator/tos",
                Some(json!({"version": version, "title": format!("Terms {version}"), "body_markdown": format!("# Terms {version} ({lang})"), "lang": lang})),
            )
            .await;
        assert_eq!(status, 204, "{body}");
    }

    /// forgot → code from the SMTP server → reset; `nth` counts this address's codes.
    pub async fn set_password(&self, smtp: &Smtp, email: &str, nth: usize) {
        let (status, body) = self.post("/v1/password/forgot", json!({"email": email})).await;
        assert_eq!(status, 202, "{body}");
        let code = smtp.code(email, nth).await;
        let (status, body) = self.post("/v1/password/reset", json!({"email": email, "code": code, "new_password": PASSWORD})).await;
        assert_eq!(status, 200, "{body}");
    }

    /// Signs in, accepting the Terms when asked; returns the signed-in body.
    pub async fn sign_in(&self, email: &str) -> Value {
        let (status, body) = self.post("/v1/sessions", json!({"email": email, "password": PASSWORD})).await;
        assert_eq!(status, 200, "{body}");
        if body["status"] == "tos_required" {
            let (status, body) =
                self.post("/v1/tos/accept", json!({"tos_ticket": body["tos_ticket"], "version": body["tos"]["version"]})).await;
            assert_eq!(status, 200, "{body}");
            return body;
        }
        body
    }

    pub async fn refresh(&self, refresh_token: &Value) -> (u16, Value) {
        self.post("/v1/token", json!({"grant_type": "refresh_token", "refresh_token": refresh_token})).await
    }

    /// A purchased organization's contact completes registration and signs in.
    pub async fn signed_in_user_of(&self, smtp: &Smtp, email: &str) -> Value {
        self.set_password(smtp, email, 1).await;
        self.sign_in(email).await
    }

    /// A purchased organization's contact with a password, signed in.
    pub async fn signed_in_user(&self, smtp: &Smtp, email: &str) -> Value {
        self.purchase(email).await;
        self.set_password(smtp, email, 1).await;
        self.sign_in(email).await
    }

    pub async fn audit_events(&self, event: &str) -> i64 {
        sqlx::query_scalar("SELECT COUNT(*) FROM audit_log WHERE event = $1").bind(event).fetch_one(&self.state.db.pool).await.unwrap()
    }
}

pub async fn read(response: reqwest::Response) -> (u16, Value) {
    let status = response.status().as_u16();
    let text = response.text().await.unwrap();
    let value = if text.is_empty() { Value::Null } else { serde_json::from_str(&text).unwrap_or(Value::String(text)) };
    (status, value)
}

/// Declares `$name` once per backend: `sqlite_$name` and `postgres_$name` call `$name(backend)`.
#[macro_export]
macro_rules! on_both_databases {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn $name() { super::$name($crate::Backend::Sqlite).await }) *
        }
        mod postgres {
            $(#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn $name() { super::$name($crate::Backend::Postgres).await }) *
        }
    };
}
