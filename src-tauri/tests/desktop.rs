//! The real desktop app under Xvfb, driven through tauri-driver and `WebKitWebDriver`, against the
//! real server and SMTP sink: a user with no password walks forgot password → the code from the
//! delivered mail → a weak password refused with its reasons → a good one → the Terms (Decline
//! keeps them out, Accept lets them in) → the signed-in screen with entitlements; the agent's
//! local API agrees; sign out. Screenshots of each screen land in `target/screenshots/`.

use latchkey_test_support as support;

use std::net::TcpListener;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use latchkey_protocol::local::SessionState;
use serde_json::{json, Value};
use support::delivery::{build_deb, install_root, installed, member_with_download_role, publish};
use support::desktop::{Panel, PrivateBus};
use support::webdriver::{Driver, END, ENTER};
use support::{Backend, Process, Smtp, TestServer, PASSWORD};

const APP: &str = env!("CARGO_BIN_EXE_latchkey-desktop");

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

fn xvfb() -> (Process, String) {
    support::xvfb(140..200, "1280x800x24")
}

/// Waits until no process of this build's app is left (a second launch while one lingers would
/// hand over to it and exit, and the next `WebDriver` session would wait for it forever).
async fn wait_until_no_app_runs() {
    let app = std::fs::canonicalize(APP).unwrap();
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        let running = std::fs::read_dir("/proc")
            .unwrap()
            .filter_map(Result::ok)
            .any(|entry| std::fs::read_link(entry.path().join("exe")).is_ok_and(|exe| exe == app));
        if !running {
            return;
        }
        assert!(Instant::now() < deadline, "the app did not exit after its WebDriver session ended");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// One app at a time: the app is single-instance per session bus (a second launch hands its
/// arguments to the first and exits), and the tests share one bus with the keyring.
static ONE_APP_AT_A_TIME: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

/// The private folders and environment of one user of the app.
struct UserFolders {
    home: tempfile::TempDir,
    runtime: PathBuf,
}

impl UserFolders {
    fn new() -> UserFolders {
        let home = tempfile::tempdir().unwrap();
        let runtime = home.path().join("run");
        std::fs::create_dir(&runtime).unwrap();
        std::fs::set_permissions(&runtime, std::os::unix::fs::PermissionsExt::from_mode(0o700)).unwrap();
        UserFolders { home, runtime }
    }

    fn path(&self, relative: &str) -> PathBuf {
        self.home.path().join(relative)
    }

    /// The environment of a process of this user on `display`: private folders, no inherited
    /// Latchkey settings, `server_url` (none: the first-run screen asks).
    fn env(&self, display: &str, server_url: Option<&str>) -> Vec<(String, String)> {
        let mut env: Vec<(String, String)> = vec![
            ("DISPLAY".into(), display.into()),
            ("HOME".into(), self.home.path().display().to_string()),
            ("XDG_RUNTIME_DIR".into(), self.runtime.display().to_string()),
            ("XDG_CONFIG_HOME".into(), self.path("config").display().to_string()),
            ("XDG_STATE_HOME".into(), self.path("state").display().to_string()),
            ("XDG_DATA_HOME".into(), self.path("data").display().to_string()),
            ("XDG_CACHE_HOME".into(), self.path("cache").display().to_string()),
            ("XDG_CONFIG_DIRS".into(), self.path("xdg").display().to_string()),
        ];
        if let Some(url) = server_url {
            env.push(("LATCHKEY_SERVER_URL".into(), url.into()));
        }
        // The tests' own calls for tokens are not what they are about; the consent test sets
        // `prompt` (a later value wins).
        env.push(("LATCHKEY_CONSENT_MODE".into(), "allow".into()));
        env
    }

    fn client(&self) -> latchkey_sdk::Client {
        latchkey_sdk::Client::new(latchkey_sdk::ClientOptions::default().socket(self.runtime.join("latchkey/agent.sock")))
    }
}

/// A command with none of the Latchkey settings of the test's own environment.
fn clean_command(program: &str) -> Command {
    let mut command = Command::new(program);
    for key in ["LATCHKEY_AGENT_SOCKET", "LATCHKEY_SERVER_URL", "LATCHKEY_LANGUAGE", "LATCHKEY_AUTOSTART", "LATCHKEY_ALLOW_SIGN_OUT"] {
        command.env_remove(key);
    }
    command
}

/// The app running under its own Xvfb and tauri-driver, for one user's private folders.
struct Desktop {
    driver: Driver,
    env: Vec<(String, String)>,
    _driver_process: Process,
    _xvfb: Process,
    user: UserFolders,
    /// Dropped last (fields drop in order): the next test starts only once this one's processes are gone.
    _turn: tokio::sync::MutexGuard<'static, ()>,
}

/// Turns `WebKitGTK`'s GPU compositing on (`0`) or off; the app turns it off unless this is set.
const COMPOSITING: &str = "WEBKIT_DISABLE_COMPOSITING_MODE";

impl Desktop {
    async fn launch(server_url: Option<&str>, extra_env: &[(&str, &str)]) -> Desktop {
        assert!(
            std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some(),
            "run through `make test` (scripts/with-keyring.sh gives the session bus)"
        );
        let turn = ONE_APP_AT_A_TIME.lock().await;
        wait_until_no_app_runs().await;
        let user = UserFolders::new();
        let (xvfb, display) = xvfb();
        let mut env = user.env(&display, server_url);
        // WebKitWebDriver's screenshot command never answers when WebKitGTK (2.50) draws without
        // compositing, as the app does by default: the screen checks run composited, and
        // `the_window_works_drawn_without_compositing_as_shipped` runs the shipped way.
        if !extra_env.iter().any(|(k, _)| *k == COMPOSITING) {
            env.push((COMPOSITING.to_owned(), "0".to_owned()));
        }
        env.extend(extra_env.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())));
        let port = free_port();
        let driver_process = Process(
            clean_command("tauri-driver")
                .args(["--port", &port.to_string(), "--native-port", &free_port().to_string()])
                .envs(env.iter().map(|(k, v)| (k, v)))
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .expect("tauri-driver runs (make test installs it)"),
        );
        let driver = Driver::start(port, json!({"tauri:options": {"application": PathBuf::from(APP)}})).await;
        Desktop { driver, env, _driver_process: driver_process, _xvfb: xvfb, user, _turn: turn }
    }

    fn client(&self) -> latchkey_sdk::Client {
        self.user.client()
    }

    /// Launches the app a second time with `args`, as a user would from the menu or a program
    /// would with `--sign-in`; returns how that second process ended.
    fn launch_again(&self, args: &[&str]) -> std::process::ExitStatus {
        let mut second = clean_command(APP)
            .args(args)
            .envs(self.env.iter().map(|(k, v)| (k, v)))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            if let Some(status) = second.try_wait().unwrap() {
                return status;
            }
            assert!(Instant::now() < deadline, "a second launch did not hand over to the first and exit");
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Gives the window the keyboard focus, as a window manager would on a click (Xvfb has none).
    fn focus_window(&self) {
        let display = &self.env.iter().find(|(k, _)| k == "DISPLAY").unwrap().1;
        let status = Command::new("xdotool")
            .args(["search", "--sync", "--onlyvisible", "--name", "^Latchkey$", "windowfocus", "--sync"])
            .env("DISPLAY", display)
            .status()
            .expect("xdotool runs (make test installs it)");
        assert!(status.success(), "xdotool could not focus the window");
    }

    async fn close(self) {
        self.driver.quit().await;
        wait_until_no_app_runs().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn the_window_works_drawn_without_compositing_as_shipped() {
    let smtp = Smtp::start();
    let server = TestServer::start(Backend::Sqlite, &smtp, &[]).await;
    let desktop = Desktop::launch(Some(&server.url), &[(COMPOSITING, "1"), ("LANG", "en_GB.UTF-8"), ("LC_ALL", "en_GB.UTF-8")]).await;
    let driver = &desktop.driver;
    driver.wait_for_screen("sign-in").await;
    driver.settle().await;
    driver.type_into("#sign-in-email", "kim@example.com").await;
    driver.click("#forgot-link").await;
    driver.wait_for_screen("forgot-email").await;
    let carried = driver.script("return document.getElementById('forgot-email-input').value").await;
    assert_eq!(carried, json!("kim@example.com"), "the page runs and answers in the shipped drawing mode");
    desktop.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_user_without_a_password_reaches_the_signed_in_screen() {
    let smtp = Smtp::start();
    let server = TestServer::start(Backend::Sqlite, &smtp, &[]).await;
    server.publish_tos("2026-11", "en").await;
    server.purchase("kim@example.com").await;
    server.operator(reqwest::Method::PUT, "/v1/operator/products/suite", Some(json!({"name": "Acme Suite"}))).await;
    let desktop = Desktop::launch(Some(&server.url), &[("LANG", "en_GB.UTF-8"), ("LC_ALL", "en_GB.UTF-8")]).await;
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
    let rules = driver.text("policy-rules").await;
    assert!(
        rules.contains("At least 15 and at most 128 characters") && rules.contains("commonly used") && rules.contains("email"),
        "{rules}"
    );
    driver.check_screen("forgot-code").await;
    let code = smtp.code("kim@example.com", 1).await;
    driver.type_into("#code-input", &format!("{} {}", &code[..4], &code[4..])).await;

    // the policy is checked live, with a strength meter; a weak password is still refused by the
    // server with its reasons, and the code is not used up
    driver.type_into("#new-password", "kimkimkim").await;
    let meter =
        driver.script("return [document.getElementById('strength').value, document.querySelector('#policy-rules li').className]").await;
    assert_eq!(meter, json!([0, "unmet"]));
    assert_eq!(driver.text("strength-text").await, "Too short");
    driver.click("#set-password").await;
    let refusal = driver.wait_for_text("error", "Choose a stronger password").await;
    assert!(refusal.contains("too short"), "{refusal}");
    driver.type_into("#new-password", PASSWORD).await;
    let meter =
        driver.script("return [document.getElementById('strength').value, document.querySelector('#policy-rules li').className]").await;
    assert!(meter[0].as_f64().unwrap() >= 3.0 && meter[1] == json!("met"), "{meter}");
    driver.check_screen("new-password").await;
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
    driver.wait_for_text("entitlements", "Acme Suite").await;
    // people, not identifiers: role names, product names (the identifier beside), how long the
    // products work offline, the state
    assert_eq!(driver.text("roles").await, "Fulfillment Contact");
    let product = driver.script("const c = document.querySelector('#entitlements li'); return [c.querySelector('.product').textContent, c.querySelector('.product-id').textContent]").await;
    assert_eq!(product, json!(["Acme Suite", "suite"]));
    let offline = driver.text("entitlements").await;
    assert!(offline.contains("Usable offline for") && offline.contains("more days"), "{offline}");
    let locales = driver.script("return [navigator.languages, new Intl.DateTimeFormat().resolvedOptions().locale]").await;
    assert!(offline.contains("Subscription ends 31 December 2099"), "the end date as en_GB writes it: {offline} ({locales})");
    assert_eq!(driver.text("badge").await, "Signed in");
    driver.check_screen("signed-in").await;
    let client = desktop.client();
    let status = client.status().await.unwrap();
    assert_eq!(status.state, SessionState::SignedIn);
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

    // the language switches live, and is saved in the user's settings
    let user_settings = desktop.user.path("config/latchkey/settings.toml");
    let choose_language = |code: &str| {
        format!(
            "const s = document.getElementById('language-choice'); s.value = '{code}'; s.dispatchEvent(new Event('change')); return true;"
        )
    };
    driver.script(&choose_language("de")).await;
    driver.wait_for_text("heading", "Einstellungen").await;
    assert_eq!(driver.script("return document.documentElement.lang").await, json!("de"));
    assert!(std::fs::read_to_string(&user_settings).unwrap().contains("language = \"de\""));
    driver.check_screen("settings-de").await;
    driver.script(&choose_language("")).await;
    driver.wait_for_text("heading", "Settings").await;
    assert!(!std::fs::read_to_string(&user_settings).unwrap().contains("language"));

    // start at login: on by default, with a per-user entry that quotes the program's path
    let entry = desktop.user.path(".config/autostart/Latchkey.desktop");
    let text = std::fs::read_to_string(&entry).expect("the per-user start-at-login entry exists");
    assert!(text.contains(&format!("Exec=\"{APP}\" --autostart")), "{text}");
    assert_eq!(driver.script("return document.getElementById('autostart-choice').checked").await, json!(true));
    driver.click("#autostart-choice").await;
    driver.wait_for_text("settings-saved", "Saved").await;
    assert!(!entry.exists(), "turning it off removes the entry");
    assert!(std::fs::read_to_string(&user_settings).unwrap().contains("autostart = false"));
    driver.click("#autostart-choice").await;
    let deadline = Instant::now() + Duration::from_secs(10);
    while !entry.exists() {
        assert!(Instant::now() < deadline, "turning it on again makes the entry");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
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
    assert_eq!(client.status().await.unwrap().state, SessionState::SignedOut);
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
    let desktop = Desktop::launch(Some(&server.url), &[("LANG", "de_DE.UTF-8"), ("LC_ALL", "de_DE.UTF-8")]).await;
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
    driver.wait_for_text("entitlements", "Tage offline nutzbar").await;
    assert_eq!(driver.text("roles").await, "Ansprechpartner Auftragsabwicklung");
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
    let desktop = Desktop::launch(Some(&server.url), &[("LANG", "en_GB.UTF-8"), ("LC_ALL", "en_GB.UTF-8")]).await;
    let driver = &desktop.driver;

    driver.wait_for_screen("sign-in").await;
    // another program asks for a sign-in (`latchkey-desktop --sign-in`): the running app shows it
    driver.click("#nav-about").await;
    driver.wait_for_screen("about").await;
    assert!(desktop.launch_again(&["--sign-in"]).success());
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
    driver.wait_for_text("entitlements-state", "No products are assigned to you yet").await;
    driver.check_screen("signed-in-empty").await;
    let (status, me) = server
        .get("/v1/me", Some(desktop.client().token(&latchkey_sdk::TokenRequest::default()).await.unwrap().access_token.expose()))
        .await;
    assert_eq!(status, 200, "{me}");
    assert_eq!(me["country"], "NL");
    desktop.close().await;
}

/// With no server configured, the first-run screen asks for one; a bad address is refused with a
/// message, a good one is saved in the user's settings and used at once.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn the_first_run_asks_for_the_server() {
    let smtp = Smtp::start();
    let server = TestServer::start(Backend::Sqlite, &smtp, &[]).await;
    // in the dark, as a system set to a dark theme asks (axe checks the contrast of those colours)
    let desktop = Desktop::launch(None, &[("LANG", "en_GB.UTF-8"), ("LC_ALL", "en_GB.UTF-8"), ("GTK_THEME", "Adwaita:dark")]).await;
    let driver = &desktop.driver;
    driver.wait_for_screen("first-run").await;
    assert_eq!(driver.text("heading").await, "Welcome to Latchkey");
    let scheme =
        driver.script("return [matchMedia('(prefers-color-scheme: dark)').matches, getComputedStyle(document.body).backgroundColor]").await;
    assert_eq!(scheme, json!([true, "rgb(18, 22, 28)"]), "the window follows the system's dark theme");
    driver.check_screen("first-run-dark").await;
    driver.type_into("#server-url", "ftp://files.example.com").await;
    driver.script("document.getElementById('server-url').type = 'text'; return true;").await; // past the browser's own URL check
    driver.click("#server-save").await;
    driver.wait_for_text("error", "not valid").await;
    assert!(!desktop.user.path("config/latchkey/settings.toml").exists(), "nothing is written for a refused value");
    driver.type_into("#server-url", &format!("{}/", server.url)).await;
    driver.click("#server-save").await;
    driver.wait_for_screen("sign-in").await;
    let saved = std::fs::read_to_string(desktop.user.path("config/latchkey/settings.toml")).unwrap();
    assert!(saved.contains(&format!("server_url = \"{}\"", server.url)), "{saved}");
    assert_eq!(desktop.client().status().await.unwrap().backend.as_deref(), Some(server.url.as_str()));
    desktop.close().await;
}

/// Every flow with the keyboard alone (sign in, settings, about, sign out, forgot password,
/// register): every stop of the Tab key shows its focus; each screen puts the focus on its first
/// field; the Terms scroll with the End key, and Accept follows.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn signing_in_with_the_keyboard_alone() {
    let smtp = Smtp::start();
    let server = TestServer::start(Backend::Sqlite, &smtp, &[]).await;
    server.publish_tos("2026-11", "en").await;
    server.purchase("kai@example.com").await;
    server.set_password(&smtp, "kai@example.com", 1).await;
    let desktop = Desktop::launch(Some(&server.url), &[("LANG", "en_GB.UTF-8"), ("LC_ALL", "en_GB.UTF-8")]).await;
    let driver = &desktop.driver;
    driver.wait_for_screen("sign-in").await;
    desktop.focus_window();
    assert_eq!(driver.focus().await.0, "sign-in-email", "the first field has the focus");
    driver.press("kai@example.com").await;
    driver.tab_to("sign-in-password", 1).await;
    driver.press(PASSWORD).await;
    driver.press(ENTER).await;
    driver.wait_for_screen("tos").await;
    assert_eq!(driver.focus().await.0, "tos-body", "the Terms have the focus, to be read first");
    driver.press(END).await;
    driver.tab_to("tos-accept", 1).await;
    driver.press(ENTER).await;
    driver.wait_for_screen("signed-in").await;
    assert_eq!(desktop.client().status().await.unwrap().state, SessionState::SignedIn);
    assert_eq!(driver.focus().await.0, "open-apps", "the screen's first action has the focus");

    // settings: start at login toggled with the space bar, then back
    driver.tab_to("nav-settings", 3).await;
    driver.press(ENTER).await;
    driver.wait_for_screen("settings").await;
    assert_eq!(driver.focus().await.0, "language-choice", "the first setting has the focus");
    let autostart = driver.script("return document.getElementById('autostart-choice').checked").await;
    driver.tab_to("autostart-choice", 1).await;
    driver.press(" ").await;
    driver.wait_for_text("settings-saved", "Saved").await;
    assert_ne!(driver.script("return document.getElementById('autostart-choice').checked").await, autostart);
    driver.tab_to("settings-back", 3).await;
    driver.press(ENTER).await;
    driver.wait_for_screen("signed-in").await;

    // about: export the diagnostics, then back
    driver.tab_to("nav-about", 4).await;
    driver.press(ENTER).await;
    driver.wait_for_screen("about").await;
    assert_eq!(driver.focus().await.0, "export-diagnostics");
    driver.press(ENTER).await;
    driver.wait_for_text("diagnostics-result", "latchkey-diagnostics-").await;
    driver.tab_to("about-back", 2).await;
    driver.press(ENTER).await;
    driver.wait_for_screen("signed-in").await;
    driver.tab_to("sign-out", 3).await;
    driver.press(ENTER).await;
    driver.wait_for_screen("sign-in").await;
    assert_eq!(desktop.client().status().await.unwrap().state, SessionState::SignedOut);

    // forgot password: the address carries over, the code from the mail, a new password, in
    driver.tab_to("forgot-link", 4).await;
    driver.press(ENTER).await;
    driver.wait_for_screen("forgot-email").await;
    assert_eq!(driver.focus().await.0, "forgot-email-input");
    driver.press(ENTER).await;
    driver.wait_for_screen("forgot-code").await;
    assert_eq!(driver.focus().await.0, "code-input");
    driver.press(&smtp.code("kai@example.com", 2).await).await;
    driver.tab_to("new-password", 1).await;
    driver.press("another long passphrase, mine").await;
    driver.press(ENTER).await;
    driver.wait_for_screen("signed-in").await;
    // Applications with the keyboard, then back and sign out.
    assert_eq!(driver.focus().await.0, "open-apps");
    driver.press(ENTER).await;
    driver.wait_for_screen("apps").await;
    driver.wait_for_text("apps-list", "Latchkey").await;
    driver.tab_to("apps-back", 3).await;
    driver.press(ENTER).await;
    driver.wait_for_screen("signed-in").await;
    driver.tab_to("sign-out", 1).await;
    driver.press(ENTER).await;
    driver.wait_for_screen("sign-in").await;

    // register: every field, the country by typing its name, the code, a password, the Terms
    driver.tab_to("register-link", 5).await;
    driver.press(ENTER).await;
    driver.wait_for_screen("register").await;
    assert_eq!(driver.focus().await.0, "register-email");
    driver.select_all().await;
    driver.press("ines@independent.example").await;
    driver.tab_to("register-first-name", 1).await;
    driver.press("Ines").await;
    driver.tab_to("register-last-name", 1).await;
    driver.press("Keys").await;
    driver.tab_to("register-country", 1).await;
    driver.press("Netherlands").await;
    assert_eq!(driver.script("return document.getElementById('register-country').value").await, json!("NL"));
    driver.tab_to("register-submit", 1).await;
    driver.press(ENTER).await;
    driver.wait_for_screen("forgot-code").await;
    driver.press(&smtp.code("ines@independent.example", 1).await).await;
    driver.tab_to("new-password", 1).await;
    driver.press(PASSWORD).await;
    driver.press(ENTER).await;
    driver.wait_for_screen("tos").await;
    driver.press(END).await;
    driver.tab_to("tos-accept", 1).await;
    driver.press(ENTER).await;
    driver.wait_for_screen("signed-in").await;
    assert_eq!(driver.text("welcome").await, "Ines Keys");
    desktop.close().await;
}

fn grey(c: [u8; 3]) -> bool {
    c[0].abs_diff(c[1]) < 20 && c[1].abs_diff(c[2]) < 20
}

fn green(c: [u8; 3]) -> bool {
    c[1] > c[0].saturating_add(40) && c[1] > c[2].saturating_add(40)
}

/// Waits for a child to exit by itself.
fn wait_for_exit(child: &mut Child, within: Duration) -> std::process::ExitStatus {
    let deadline = Instant::now() + within;
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            return status;
        }
        assert!(Instant::now() < deadline, "the app did not exit");
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// The tray as a desktop panel sees it over D-Bus: menu items and labels per state, the icon turning
/// from grey to green on sign-in with a notification, Start at login and Language from the menu,
/// Quit ending the app cleanly; then, under an organization's policy, no Sign out and a locked
/// Start at login, and a machine-wide start-at-login entry respected rather than duplicated.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn the_tray_menu_over_dbus() {
    let smtp = Smtp::start();
    let server = TestServer::start(Backend::Sqlite, &smtp, &[]).await;
    server.publish_tos("2026-11", "en").await;
    server.purchase("ron@example.com").await;
    server.set_password(&smtp, "ron@example.com", 1).await;
    let _turn = ONE_APP_AT_A_TIME.lock().await;
    wait_until_no_app_runs().await;
    let user = UserFolders::new();
    let (_xvfb, display) = xvfb();
    let bus = PrivateBus::start(user.home.path());
    let mut panel = Panel::start(&bus);
    let env = user.env(&display, Some(&server.url));
    let launch = |wrapper: &[&str]| {
        let mut command = clean_command(wrapper.first().copied().unwrap_or(APP));
        command
            .args(wrapper.iter().skip(1))
            .args(if wrapper.is_empty() { vec![] } else { vec![APP] })
            .arg("--autostart")
            .envs(env.iter().map(|(k, v)| (k, v)))
            .env("DBUS_SESSION_BUS_ADDRESS", &bus.address)
            .env("LANG", "en_GB.UTF-8")
            .env("LC_ALL", "en_GB.UTF-8")
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        command.spawn().unwrap()
    };

    // signed out: a grey key, and the actions of that state
    let mut app = Process(launch(&[]));
    let labels = panel.wait_for_menu("the signed-out items", |l| l.first().is_some_and(|f| f == "Not signed in"));
    assert_eq!(
        labels,
        ["Not signed in", "---", "Open Latchkey", "Sign in", "---", "Start at login", "Language", "About Latchkey", "---", "Quit"]
    );
    assert_eq!(panel.item("Not signed in")["enabled"], json!(false), "who is signed in is a label, not an action");
    panel.wait_for_icon("grey", grey);
    let languages: Vec<Value> = panel.item("Language")["children"].as_array().unwrap().iter().map(|l| l["label"].clone()).collect();
    assert_eq!(languages.len(), 9, "{languages:?}");

    // signed in (through the local API): the name, Sign out, a green key, a notification
    let client = user.client();
    client.sign_in_with_password("ron@example.com", &latchkey_protocol::Secret::new(PASSWORD), true).await.unwrap();
    let labels = panel.wait_for_menu("the signed-in user", |l| l.first().is_some_and(|f| f.contains("ron@example.com")));
    assert!(labels.contains(&"Sign out".to_owned()) && !labels.contains(&"Sign in".to_owned()), "{labels:?}");
    panel.wait_for_icon("green", green);
    let notice = panel.wait_for_notification("Signed in to Latchkey");
    assert!(notice["body"].as_str().unwrap().contains("ron@example.com") && notice["app"] == "Latchkey", "{notice}");

    // Start at login, from the menu: the per-user entry follows
    let entry = user.path(".config/autostart/Latchkey.desktop");
    assert_eq!(panel.item("Start at login")["toggle"], json!(1));
    assert!(entry.exists(), "on by default, with its entry");
    panel.click("Start at login");
    let deadline = Instant::now() + Duration::from_secs(10);
    while entry.exists() || panel.item("Start at login")["toggle"] != json!(0) {
        assert!(Instant::now() < deadline, "Start at login did not turn off");
        std::thread::sleep(Duration::from_millis(100));
    }
    panel.click("Start at login");
    panel.wait_for_menu("Start at login back on", |_| entry.exists());

    // Language, from the menu: the tray speaks German at once
    panel.click("Deutsch");
    let labels = panel.wait_for_menu("German labels", |l| l.contains(&"Latchkey öffnen".to_owned()));
    assert!(labels.contains(&"Abmelden".to_owned()) && labels.contains(&"Beenden".to_owned()), "{labels:?}");
    assert_eq!(panel.item("Deutsch")["toggle"], json!(1));

    // Quit ends the app cleanly, and the socket with it
    panel.click("Beenden");
    assert!(wait_for_exit(&mut app.0, Duration::from_secs(15)).success(), "Quit exits with status 0");
    assert!(!user.runtime.join("latchkey/agent.sock").exists(), "the socket is removed on quit");

    // Under policy: the session comes back from the keyring, Sign out is hidden, Start at login is
    // locked, and the installer's machine-wide entry replaces the per-user one.
    std::fs::create_dir_all(user.path("xdg/autostart")).unwrap();
    std::fs::write(
        user.path("xdg/autostart/latchkey.desktop"),
        "[Desktop Entry]\nType=Application\nName=Latchkey\nExec=latchkey-desktop --autostart\n",
    )
    .unwrap();
    // A private mount namespace; in a chroot (a fresh build root) `/` is no mount point, so the
    // propagation stays as it is there and the script unmounts its tmpfs when the app exits.
    let policy = "mkdir -p /etc/latchkey && mount -t tmpfs latchkey-test /etc/latchkey && trap 'umount -l /etc/latchkey' EXIT \
        && mkdir /etc/latchkey/policies && printf 'allow_sign_out = false\\nautostart = true\\n' > /etc/latchkey/policies/10-test.toml \
        && \"$@\"";
    let mut wrapper = vec!["unshare", "-m"];
    if !Command::new("mountpoint").args(["-q", "/"]).status().is_ok_and(|s| s.success()) {
        wrapper.extend(["--propagation", "unchanged"]);
    }
    wrapper.extend(["sh", "-c", policy, "sh"]);
    let is_root = std::fs::read_to_string("/proc/self/status")
        .unwrap()
        .lines()
        .any(|l| l.starts_with("Uid:") && l.split_whitespace().nth(1) == Some("0"));
    assert!(is_root, "the policy part needs root for a private mount of /etc/latchkey (make test runs as root in CI)");
    let mut app = Process(launch(&wrapper));
    let labels = panel.wait_for_menu("the restored session", |l| l.first().is_some_and(|f| f.contains("ron@example.com")));
    assert!(!labels.contains(&"Abmelden".to_owned()) && !labels.contains(&"Sign out".to_owned()), "Sign out is hidden: {labels:?}");
    let locked = panel.item(labels.iter().find(|l| l.starts_with("Bei der Anmeldung starten")).unwrap());
    assert_eq!((locked["enabled"].clone(), locked["toggle"].clone()), (json!(false), json!(1)), "{locked}");
    assert!(locked["label"].as_str().unwrap().contains("Organisation"), "{locked}");
    assert!(!entry.exists(), "the machine-wide entry is respected, not duplicated");
    panel.click("Beenden");
    assert!(wait_for_exit(&mut app.0, Duration::from_secs(15)).success());
}

/// Registering at a domain whose organization turned on auto approval: the new user joins it at
/// once and the signed-in screen names it.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn registering_at_an_auto_approved_domain_joins_the_organization() {
    let smtp = Smtp::start();
    // The operator links a Trust Center: the Terms screen offers it beside the Terms.
    let server = TestServer::start(Backend::Sqlite, &smtp, &[("LATCHKEY_TRUST_CENTER_URL", "https://trust.acme.example")]).await;
    server.publish_tos("2026-11", "en").await;
    let org = server.purchase("fran@acme.example").await;
    let session = server.signed_in_user_of(&smtp, "fran@acme.example").await;
    let answer = server
        .http
        .put(format!("{}/v1/orgs/{}/domains/acme.example", server.url, org["id"].as_str().unwrap()))
        .bearer_auth(session["access_token"].as_str().unwrap())
        .json(&json!({"auto_approve": true}))
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status(), 200, "{}", answer.text().await.unwrap());
    let desktop = Desktop::launch(Some(&server.url), &[("LANG", "en_GB.UTF-8"), ("LC_ALL", "en_GB.UTF-8")]).await;
    let driver = &desktop.driver;
    driver.wait_for_screen("sign-in").await;
    driver.click("#register-link").await;
    driver.wait_for_screen("register").await;
    driver.type_into("#register-email", "rio@acme.example").await;
    driver.type_into("#register-first-name", "Rio").await;
    driver.type_into("#register-last-name", "Joiner").await;
    driver
        .script("const s = document.getElementById('register-country'); s.value = 'PT'; s.dispatchEvent(new Event('change')); return true;")
        .await;
    driver.click("#register-submit").await;
    driver.wait_for_screen("forgot-code").await;
    let code = smtp.code("rio@acme.example", 1).await;
    driver.type_into("#code-input", &code).await;
    driver.type_into("#new-password", PASSWORD).await;
    driver.click("#set-password").await;
    driver.wait_for_screen("tos").await;
    assert!(driver.visible("tos-trust-center").await, "the Trust Center link shows beside the Terms");
    assert_eq!(driver.text("tos-trust-center").await, "Trust Center");
    let status = desktop.client().status().await.unwrap();
    assert_eq!(status.tos.unwrap().trust_center_url.as_deref(), Some("https://trust.acme.example"));
    driver.script("const b = document.getElementById('tos-body'); b.scrollTop = b.scrollHeight; b.dispatchEvent(new Event('scroll')); return true;").await;
    driver.click("#tos-accept").await;
    driver.wait_for_screen("signed-in").await;
    assert_eq!(driver.text("org").await, "Organization: Org of fran@acme.example");
    driver.wait_for_text("entitlements", "suite").await;
    let status = desktop.client().status().await.unwrap();
    assert_eq!(status.user.unwrap().org.unwrap().id, org["id"].as_str().unwrap());
    desktop.close().await;
}

/// The Applications screen: a member with the Download role sees the product, its installed and
/// offered versions and release notes, downloads and installs it for real (dpkg into a throwaway
/// root) with a progress bar; the screen passes axe in English and in German; a member without the
/// role is told to ask an administrator.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn applications_are_downloaded_and_installed_from_the_window() {
    let smtp = Smtp::start();
    let server = TestServer::start(Backend::Sqlite, &smtp, &[]).await;
    server.publish_tos("2026-11", "en").await;
    let org = server.purchase("fc@apps.example").await;
    let org_id = org["id"].as_str().unwrap().to_owned();
    server.operator(reqwest::Method::PUT, "/v1/operator/products/suite", Some(json!({"name": "Acme Suite"}))).await;
    member_with_download_role(&server, &smtp, &org_id, "dl@apps.example").await;
    server.set_password(&smtp, "fc@apps.example", 1).await;
    let scratch = tempfile::tempdir().unwrap();
    let deb = build_deb(scratch.path(), "acme-suite", "1.0.0", 2_000_000, None);
    publish(&server, "suite", "1.0.0", &deb, "acme-suite").await;
    let root = install_root(scratch.path());
    let root_text = root.display().to_string();
    let desktop =
        Desktop::launch(Some(&server.url), &[("LANG", "en_GB.UTF-8"), ("LC_ALL", "en_GB.UTF-8"), ("LATCHKEY_INSTALL_ROOT", &root_text)])
            .await;
    let driver = &desktop.driver;
    driver.wait_for_screen("sign-in").await;
    desktop.client().sign_in_with_password("dl@apps.example", &latchkey_sdk::Secret::new(PASSWORD), true).await.unwrap();
    driver.wait_for_screen("signed-in").await;

    driver.click("#open-apps").await;
    driver.wait_for_screen("apps").await;
    let card = driver.wait_for_text("apps-list", "Acme Suite").await;
    assert!(card.contains("Not installed") && card.contains("Available: 1.0.0"), "{card}");
    let notes = driver.script("return document.querySelector('#apps-list li[data-product=suite] details').textContent").await;
    assert!(notes.as_str().unwrap().contains("What is new in 1.0.0"), "{notes}");
    driver.check_screen("apps").await;
    driver.click("#apps-list li[data-product=suite] .install").await;
    driver.wait_for_text("apps-list", "Installed.").await;
    assert_eq!(installed(&root, "acme-suite").as_deref(), Some("1.0.0"), "installed for real");
    let card = driver.wait_for_text("apps-list", "Installed: 1.0.0").await;
    assert!(card.contains("Up to date"), "{card}");
    driver.check_screen("apps-installed").await;

    // In German, the same screen (and axe again).
    driver.click("#nav-settings").await;
    driver.wait_for_screen("settings").await;
    driver
        .script("const s = document.getElementById('language-choice'); s.value = 'de'; s.dispatchEvent(new Event('change')); return true;")
        .await;
    driver.wait_for_text("heading", "Einstellungen").await;
    driver.click("#settings .to-status").await;
    driver.wait_for_screen("signed-in").await;
    driver.click("#open-apps").await;
    driver.wait_for_screen("apps").await;
    assert_eq!(driver.text("heading").await, "Anwendungen");
    driver.wait_for_text("apps-list", "Installiert: 1.0.0").await;
    driver.check_screen("apps-de").await;
    driver
        .script("const s = document.getElementById('language-choice'); s.value = ''; s.dispatchEvent(new Event('change')); return true;")
        .await;

    // Without the Download role: the products, and who to ask.
    desktop.client().sign_out().await.unwrap();
    driver.wait_for_screen("sign-in").await;
    desktop.client().sign_in_with_password("fc@apps.example", &latchkey_sdk::Secret::new(PASSWORD), true).await.unwrap();
    driver.wait_for_screen("signed-in").await;
    driver.click("#open-apps").await;
    driver.wait_for_screen("apps").await;
    let card = driver.wait_for_text("apps-list", "Acme Suite").await;
    assert!(card.contains("Product Delivery – Download role. Ask your administrator."), "{card}");
    assert_eq!(driver.script("return document.querySelectorAll('#apps-list .install').length").await, json!(0), "no button to press");
    driver.check_screen("apps-no-role").await;
    desktop.close().await;
}

/// Waits until the consent screen's buttons take clicks (they wait half a second after a request
/// appears, so a click meant for something else does not answer it).
async fn consent_buttons_ready(driver: &Driver) {
    let deadline = Instant::now() + Duration::from_secs(10);
    while driver.script("return !document.getElementById('consent-allow-once').disabled").await != json!(true) {
        assert!(Instant::now() < deadline, "the consent buttons stayed disabled");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_program_asking_for_the_session_is_answered_in_the_window_and_revoked_in_settings() {
    let smtp = Smtp::start();
    let server = TestServer::start(Backend::Sqlite, &smtp, &[]).await;
    server.publish_tos("2026-11", "en").await;
    server.purchase("cora@consent.example").await;
    server.set_password(&smtp, "cora@consent.example", 1).await;
    let desktop =
        Desktop::launch(Some(&server.url), &[("LANG", "en_GB.UTF-8"), ("LC_ALL", "en_GB.UTF-8"), ("LATCHKEY_CONSENT_MODE", "prompt")])
            .await;
    let driver = &desktop.driver;
    driver.wait_for_screen("sign-in").await;
    desktop.client().sign_in_with_password("cora@consent.example", &latchkey_sdk::Secret::new(PASSWORD), true).await.unwrap();
    driver.wait_for_screen("signed-in").await;

    // This test's own executable asks for a token: the window comes up naming it by its path.
    let me = std::env::current_exe().unwrap().display().to_string();
    let ask = |name: &str| {
        let client = latchkey_sdk::Client::new(
            latchkey_sdk::ClientOptions::default().socket(desktop.user.runtime.join("latchkey/agent.sock")).app_name(name),
        );
        tokio::spawn(async move { client.token(&latchkey_sdk::TokenRequest::default()).await })
    };
    let asking = ask("Report Builder");
    driver.wait_for_screen("consent").await;
    assert_eq!(driver.text("consent-path").await, me);
    let shown = driver.text("consent").await;
    assert!(shown.contains("Report Builder"), "the name it gives is shown as a hint: {shown}");
    consent_buttons_ready(driver).await;
    driver.check_screen("consent").await;
    driver.click("#consent-always").await;
    let token = asking.await.unwrap().expect("allowed: the held call completes");
    let (code, _) = server.get("/v1/me", Some(token.access_token.expose())).await;
    assert_eq!(code, 200);
    // Remembered: the next call is not held.
    tokio::time::timeout(Duration::from_secs(5), ask("Report Builder")).await.expect("not asked again").unwrap().unwrap();

    // Settings lists it; Revoke forgets it.
    driver.wait_for_screen("signed-in").await;
    driver.click("#nav-settings").await;
    driver.wait_for_screen("settings").await;
    let listed = driver.wait_for_text("consent-list", &me).await;
    assert!(listed.contains("Report Builder"), "{listed}");
    driver.check_screen("settings-consent").await;
    driver.click("#consent-list button.consent-revoke").await;
    let deadline = Instant::now() + Duration::from_secs(10);
    while driver.text("consent-list").await.contains(&me) {
        assert!(Instant::now() < deadline, "the revoked program stayed listed");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }

    // Asked again, and denied: the call fails with app_not_allowed.
    let asking = ask("Report Builder");
    driver.wait_for_screen("consent").await;
    consent_buttons_ready(driver).await;
    driver.click("#consent-deny").await;
    match asking.await.unwrap() {
        Err(latchkey_sdk::Error::AppNotAllowed(detail)) => assert!(detail.contains("denied"), "{detail}"),
        other => panic!("expected app_not_allowed, got {other:?}"),
    }
    desktop.close().await;
}
