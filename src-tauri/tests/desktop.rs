//! The real desktop app under Xvfb, driven through tauri-driver and `WebKitWebDriver`, against the
//! real server and SMTP sink: a user with no password walks forgot password → the code from the
//! delivered mail → a weak password refused with its reasons → a good one → the Terms (Decline
//! keeps them out, Accept lets them in) → the signed-in screen with entitlements; the agent's
//! local API agrees; sign out. Screenshots of each screen land in `target/screenshots/`.

#[path = "../../crates/server/tests/support/mod.rs"]
mod support;

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{json, Value};
use support::{Backend, Smtp, TestServer, PASSWORD};

const APP: &str = env!("CARGO_BIN_EXE_latchkey-desktop");

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

struct Process(Child);

impl Drop for Process {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// A private X display.
fn xvfb() -> (Process, String) {
    for number in 140..200 {
        if Path::new(&format!("/tmp/.X11-unix/X{number}")).exists() || Path::new(&format!("/tmp/.X{number}-lock")).exists() {
            continue;
        }
        let display = format!(":{number}");
        let child = Command::new("Xvfb")
            .args([&display, "-screen", "0", "1280x800x24", "-nolisten", "tcp"])
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

/// A W3C `WebDriver` session, spoken in plain HTTP.
struct Driver {
    http: reqwest::Client,
    base: String,
    session: String,
}

impl Driver {
    async fn start(port: u16, application: &Path) -> Driver {
        let http = reqwest::Client::new();
        let base = format!("http://127.0.0.1:{port}");
        let deadline = Instant::now() + Duration::from_secs(30);
        let body = json!({"capabilities": {"alwaysMatch": {"tauri:options": {"application": application}}}});
        loop {
            match http.post(format!("{base}/session")).json(&body).send().await {
                Ok(response) => {
                    let value: Value = response.json().await.unwrap();
                    let session = value["value"]["sessionId"].as_str().unwrap_or_else(|| panic!("no session: {value}")).to_owned();
                    return Driver { http, base, session };
                }
                Err(_) if Instant::now() < deadline => tokio::time::sleep(Duration::from_millis(100)).await,
                Err(e) => panic!("tauri-driver does not answer: {e}"),
            }
        }
    }

    async fn call(&self, method: reqwest::Method, path: &str, body: Option<Value>) -> Value {
        let url = format!("{}/session/{}{path}", self.base, self.session);
        let mut request = self.http.request(method, url);
        if let Some(body) = body {
            request = request.json(&body);
        }
        let value: Value = request.send().await.unwrap().json().await.unwrap();
        assert!(value["value"].get("error").is_none(), "{path}: {value}");
        value["value"].clone()
    }

    async fn script(&self, script: &str) -> Value {
        self.call(reqwest::Method::POST, "/execute/sync", Some(json!({"script": script, "args": []}))).await
    }

    async fn element(&self, css: &str) -> String {
        let value = self.call(reqwest::Method::POST, "/element", Some(json!({"using": "css selector", "value": css}))).await;
        value.as_object().and_then(|o| o.values().next()).and_then(Value::as_str).unwrap().to_owned()
    }

    async fn click(&self, css: &str) {
        let element = self.element(css).await;
        self.call(reqwest::Method::POST, &format!("/element/{element}/click"), Some(json!({}))).await;
    }

    /// Types into a field, as keystrokes, after clearing it.
    async fn type_into(&self, css: &str, text: &str) {
        let element = self.element(css).await;
        self.call(reqwest::Method::POST, &format!("/element/{element}/clear"), Some(json!({}))).await;
        self.call(reqwest::Method::POST, &format!("/element/{element}/value"), Some(json!({"text": text}))).await;
    }

    async fn visible(&self, id: &str) -> bool {
        // Rendered, not merely un-`hidden`: a style that overrides `hidden` would show every screen.
        self.script(&format!("const e = document.getElementById('{id}'); return !!e && getComputedStyle(e).display !== 'none' && e.getClientRects().length > 0;")).await == json!(true)
    }

    async fn wait_for_screen(&self, id: &str) {
        let deadline = Instant::now() + Duration::from_secs(20);
        while !self.visible(id).await {
            assert!(
                Instant::now() < deadline,
                "the {id} screen did not show; page: {}",
                self.script("return document.body.innerText").await
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    async fn text(&self, id: &str) -> String {
        self.script(&format!("return document.getElementById('{id}').textContent")).await.as_str().unwrap_or_default().to_owned()
    }

    async fn wait_for_text(&self, id: &str, needle: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let text = self.text(id).await;
            if text.contains(needle) {
                return text;
            }
            assert!(Instant::now() < deadline, "#{id} never said {needle:?}; it says {text:?}");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    async fn screenshot(&self, name: &str) {
        let data = self.call(reqwest::Method::GET, "/screenshot", None).await;
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/screenshots");
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join(format!("{name}.png")), base64_decode::decode(data.as_str().unwrap())).unwrap();
    }

    /// Runs axe-core on the page as it is now; returns the violations (rule: targets).
    async fn accessibility_violations(&self) -> Vec<String> {
        let axe = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui/node_modules/axe-core/axe.min.js"))
            .expect("axe-core is installed by scripts/ui-build.sh");
        self.script(&format!("{axe}\nreturn true;")).await;
        let script = "const done = arguments[arguments.length - 1];\
            axe.run(document, { resultTypes: ['violations'] })\
              .then((r) => done(r.violations.map((v) => v.id + ': ' + v.nodes.map((n) => n.target.join(' ')).join(', '))))\
              .catch((e) => done(['axe failed: ' + e]));";
        let value = self.call(reqwest::Method::POST, "/execute/async", Some(json!({"script": script, "args": []}))).await;
        value.as_array().unwrap().iter().map(|v| v.as_str().unwrap_or_default().to_owned()).collect()
    }

    /// Screenshot and accessibility audit of the screen showing now.
    async fn check_screen(&self, name: &str) {
        self.screenshot(name).await;
        let violations = self.accessibility_violations().await;
        assert!(violations.is_empty(), "axe-core finds violations on the {name} screen: {violations:#?}");
    }

    async fn quit(&self) {
        let _ = self.http.delete(format!("{}/session/{}", self.base, self.session)).send().await;
    }
}

/// Standard base64 (the screenshot's encoding), without another dependency.
mod base64_decode {
    pub fn decode(text: &str) -> Vec<u8> {
        let value = |c: u8| match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            _ => 63,
        };
        let clean: Vec<u8> = text.bytes().filter(|c| !c.is_ascii_whitespace() && *c != b'=').collect();
        clean
            .chunks(4)
            .flat_map(|chunk| {
                let n = chunk.iter().enumerate().fold(0_u32, |acc, (i, c)| acc | (u32::from(value(*c)) << (18 - 6 * i)));
                let bytes = [(n >> 16) as u8, (n >> 8) as u8, n as u8];
                bytes.into_iter().take(chunk.len().saturating_sub(1))
            })
            .collect()
    }
}

/// One app at a time: the app is single-instance per session bus (a second launch hands its
/// arguments to the first and exits), and the tests share one bus with the keyring.
static ONE_APP_AT_A_TIME: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

/// The app running under its own Xvfb and tauri-driver, for one user's private folders.
struct Desktop {
    driver: Driver,
    _turn: tokio::sync::MutexGuard<'static, ()>,
    runtime: PathBuf,
    _driver_process: Process,
    _xvfb: Process,
    _home: tempfile::TempDir,
}

impl Desktop {
    async fn launch(server_url: &str, extra_env: &[(&str, &str)]) -> Desktop {
        assert!(
            std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some(),
            "run through `make test` (scripts/with-keyring.sh gives the session bus)"
        );
        let turn = ONE_APP_AT_A_TIME.lock().await;
        let home = tempfile::tempdir().unwrap();
        let runtime = home.path().join("run");
        std::fs::create_dir(&runtime).unwrap();
        std::fs::set_permissions(&runtime, std::os::unix::fs::PermissionsExt::from_mode(0o700)).unwrap();
        let (xvfb, display) = xvfb();
        let port = free_port();
        let driver_process = Process(
            Command::new("tauri-driver")
                .args(["--port", &port.to_string(), "--native-port", &free_port().to_string()])
                .env("DISPLAY", &display)
                .env("HOME", home.path())
                .env("XDG_RUNTIME_DIR", &runtime)
                .env("XDG_CONFIG_HOME", home.path().join("config"))
                .env("XDG_STATE_HOME", home.path().join("state"))
                .env("XDG_DATA_HOME", home.path().join("data"))
                .env("XDG_CACHE_HOME", home.path().join("cache"))
                .env("LATCHKEY_SERVER_URL", server_url)
                .env_remove("LATCHKEY_AGENT_SOCKET")
                .env_remove("LATCHKEY_LANGUAGE")
                .envs(extra_env.iter().copied())
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .expect("tauri-driver runs (make test installs it)"),
        );
        let driver = Driver::start(port, &PathBuf::from(APP)).await;
        Desktop { driver, _turn: turn, runtime, _driver_process: driver_process, _xvfb: xvfb, _home: home }
    }

    fn client(&self) -> latchkey_sdk::Client {
        latchkey_sdk::Client::new(latchkey_sdk::ClientOptions::default().socket(self.runtime.join("latchkey/agent.sock")))
    }

    async fn close(self) {
        self.driver.quit().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_user_without_a_password_reaches_the_signed_in_screen() {
    let smtp = Smtp::start();
    let server = TestServer::start(Backend::Sqlite, &smtp, &[]).await;
    server.publish_tos("2026-11", "en").await;
    server.purchase("kim@example.com").await;
    let desktop = Desktop::launch(&server.url, &[("LANG", "en_GB.UTF-8"), ("LC_ALL", "en_GB.UTF-8")]).await;
    let driver = &desktop.driver;

    // forgot password → the code from the delivered mail
    driver.wait_for_screen("sign-in").await;
    for other in ["forgot-email", "forgot-code", "tos", "signed-in"] {
        assert!(!driver.visible(other).await, "one screen at a time: {other} shows beside sign-in");
    }
    driver.check_screen("sign-in").await;
    // the audit is not vacuous: an image without a text alternative is caught
    driver.script("document.body.insertAdjacentHTML('beforeend', '<img id=\"probe\" src=\"x.png\">'); return true;").await;
    assert!(
        driver.accessibility_violations().await.iter().any(|v| v.starts_with("image-alt")),
        "axe-core runs and finds a planted violation"
    );
    driver.script("document.getElementById('probe').remove(); return true;").await;
    driver.click("#forgot-link").await;
    driver.wait_for_screen("forgot-email").await;
    driver.type_into("#forgot-email-input", "kim@example.com").await;
    driver.click("#forgot-send").await;
    driver.wait_for_screen("forgot-code").await;
    driver.wait_for_text("policy", "At least 15 characters").await;
    driver.check_screen("forgot-code").await;
    let code = smtp.code("kim@example.com", 1).await;
    driver.type_into("#code-input", &format!("{} {}", &code[..4], &code[4..])).await;

    // a weak password is refused with its reasons, and the code is not used up
    driver.type_into("#new-password", "kimkimkim").await;
    driver.click("#set-password").await;
    let refusal = driver.wait_for_text("error", "Choose a stronger password").await;
    assert!(refusal.contains("too short"), "{refusal}");
    driver.type_into("#new-password", PASSWORD).await;
    driver.click("#set-password").await;

    // the Terms: Accept only after reading to the end; Decline keeps the user out
    driver.wait_for_screen("tos").await;
    assert_eq!(driver.script("return document.getElementById('tos-title').textContent").await, json!("Terms 2026-11"));
    driver.check_screen("terms").await;
    driver.click("#tos-decline").await;
    driver.wait_for_screen("sign-in").await;
    driver.wait_for_text("error", "cannot use Latchkey without accepting").await;
    driver.type_into("#sign-in-email", "kim@example.com").await;
    driver.type_into("#sign-in-password", PASSWORD).await;
    driver.click("#sign-in-submit").await;
    driver.wait_for_screen("tos").await;
    driver.script("const b = document.getElementById('tos-body'); b.scrollTop = b.scrollHeight; b.dispatchEvent(new Event('scroll')); return true;").await;
    driver.click("#tos-accept").await;

    // signed in, with entitlements; the local API agrees
    driver.wait_for_screen("signed-in").await;
    assert_eq!(driver.text("welcome").await, "Fran Contact");
    driver.wait_for_text("entitlements", "suite").await;
    driver.check_screen("signed-in").await;
    let client = desktop.client();
    let status = client.status().await.unwrap();
    assert_eq!(status.state, "signed_in");
    assert_eq!(status.user.unwrap().email, "kim@example.com");
    let token = client.token(&latchkey_sdk::TokenRequest::default()).await.unwrap();
    let (code, me) = server.get("/v1/me", Some(token.access_token.expose())).await;
    assert_eq!(code, 200, "{me}");

    // settings (with the layer of each value) and about, with a diagnostics bundle free of secrets
    driver.click("#nav-settings").await;
    driver.wait_for_screen("settings").await;
    let settings = driver.text("settings-list").await;
    assert!(settings.contains("Server") && settings.contains(&server.url), "{settings}");
    driver.check_screen("settings").await;
    driver.click("#nav-about").await;
    driver.wait_for_screen("about").await;
    driver.wait_for_text("about-version", env!("CARGO_PKG_VERSION")).await;
    driver.click("#export-diagnostics").await;
    let saved = driver.wait_for_text("diagnostics-result", "latchkey-diagnostics-").await;
    let path = saved.split_whitespace().find(|w| w.contains("latchkey-diagnostics-")).unwrap().trim_end_matches('.');
    let bundle = std::fs::read_to_string(path).unwrap();
    assert!(
        bundle.contains("kim@example.com") && !bundle.contains(token.access_token.expose()) && !bundle.contains("refresh_token"),
        "{bundle}"
    );
    driver.check_screen("about").await;
    driver.click("#about .to-status").await;
    driver.wait_for_screen("signed-in").await;

    // sign out from the window
    driver.click("#sign-out").await;
    driver.wait_for_screen("sign-in").await;
    assert_eq!(client.status().await.unwrap().state, "signed_out");
    desktop.close().await;
}

/// The same journey's key steps in German: the language follows the OS locale.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn the_window_speaks_the_users_language() {
    let smtp = Smtp::start();
    let server = TestServer::start(Backend::Sqlite, &smtp, &[]).await;
    server.publish_tos("2026-11", "de").await;
    server.purchase("lea@example.com").await;
    server.set_password(&smtp, "lea@example.com", 1).await;
    let desktop = Desktop::launch(&server.url, &[("LANG", "de_DE.UTF-8"), ("LC_ALL", "de_DE.UTF-8")]).await;
    let driver = &desktop.driver;

    driver.wait_for_screen("sign-in").await;
    assert_eq!(driver.text("heading").await, "Anmelden");
    assert_eq!(driver.text("forgot-link").await, "Passwort vergessen?");
    assert_eq!(driver.script("return document.documentElement.lang").await, json!("de"));
    driver.check_screen("sign-in-de").await;
    driver.type_into("#sign-in-email", "lea@example.com").await;
    driver.type_into("#sign-in-password", "definitely not the password").await;
    driver.click("#sign-in-submit").await;
    driver.wait_for_text("error", "E-Mail oder Passwort ist falsch.").await;
    driver.type_into("#sign-in-password", PASSWORD).await;
    driver.click("#sign-in-submit").await;
    driver.wait_for_screen("tos").await;
    assert_eq!(driver.text("heading").await, "Nutzungsbedingungen");
    driver.script("const b = document.getElementById('tos-body'); b.scrollTop = b.scrollHeight; b.dispatchEvent(new Event('scroll')); return true;").await;
    driver.click("#tos-accept").await;
    driver.wait_for_screen("signed-in").await;
    assert_eq!(driver.text("heading").await, "Angemeldet");
    driver.wait_for_text("entitlements", "offline nutzbar bis").await;
    driver.check_screen("signed-in-de").await;
    desktop.close().await;
}

/// Registering an address of no organization: register → the code from the mail → a password →
/// the Terms → signed in with no organization.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn registering_an_address_of_no_organization() {
    let smtp = Smtp::start();
    let server = TestServer::start(Backend::Sqlite, &smtp, &[]).await;
    // Terms with Markdown, and with HTML that must stay text
    let body = "# Terms\n\nPlease read **all** of this.\n\n- one\n- two\n\n<img src=x onerror=\"document.title='pwned'\"><script>document.title='pwned'</script>";
    let (status, answer) = server
        .operator(
            reqwest::Method::POST,
            "/v1/operator/tos",
            Some(json!({"version": "2026-11", "title": "Terms", "body_markdown": body, "lang": "en"})),
        )
        .await;
    assert_eq!(status, 204, "{answer}");
    let desktop = Desktop::launch(&server.url, &[("LANG", "en_GB.UTF-8"), ("LC_ALL", "en_GB.UTF-8")]).await;
    let driver = &desktop.driver;

    driver.wait_for_screen("sign-in").await;
    driver.click("#register-link").await;
    driver.wait_for_screen("register").await;
    let countries = driver.script("return document.getElementById('register-country').options.length").await;
    assert!(countries.as_u64().unwrap() > 240, "every country is offered: {countries}");
    driver.type_into("#register-email", "noor@independent.example").await;
    driver.type_into("#register-first-name", "Noor").await;
    driver.type_into("#register-last-name", "Independent").await;
    driver
        .script("const s = document.getElementById('register-country'); s.value = 'NL'; s.dispatchEvent(new Event('change')); return true;")
        .await;
    driver.check_screen("register").await;
    driver.click("#register-submit").await;
    driver.wait_for_screen("forgot-code").await;
    let code = smtp.code("noor@independent.example", 1).await;
    driver.type_into("#code-input", &code).await;
    driver.type_into("#new-password", PASSWORD).await;
    driver.click("#set-password").await;
    driver.wait_for_screen("tos").await;
    let rendered = driver
        .script("const b = document.getElementById('tos-body'); return [b.querySelectorAll('h3').length, b.querySelectorAll('strong').length, b.querySelectorAll('li').length, b.querySelectorAll('img, script').length, b.textContent.includes('<script>'), document.title];")
        .await;
    assert_eq!(rendered, json!([1, 1, 2, 0, true, "Latchkey"]), "Markdown is rendered; HTML stays text and never runs");
    driver.check_screen("terms-markdown").await;
    driver.script("const b = document.getElementById('tos-body'); b.scrollTop = b.scrollHeight; b.dispatchEvent(new Event('scroll')); return true;").await;
    driver.click("#tos-accept").await;
    driver.wait_for_screen("signed-in").await;
    assert_eq!(driver.text("welcome").await, "Noor Independent");
    assert_eq!(driver.text("org").await, "No organization");
    let (status, me) = server
        .get("/v1/me", Some(desktop.client().token(&latchkey_sdk::TokenRequest::default()).await.unwrap().access_token.expose()))
        .await;
    assert_eq!(status, 200, "{me}");
    assert_eq!(me["country"], "NL");
    desktop.close().await;
}
