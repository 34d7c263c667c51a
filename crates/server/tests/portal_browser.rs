//! The User Management portal in real Chromium (driven through chromedriver) against the real
//! server and SMTP sink: the administrator's part of the seed process end to end. The Fulfillment
//! Contact sets a password through the portal's forgot password (the code read from the delivered
//! mail), signs in, accepts the Terms, adds a user, bulk registers a file with errors (the report
//! and the error file checked), fixes and imports it, gives a user *Product Delivery – Download*,
//! removes one, verifies the domain, approves a join request, turns auto approval on (and a user
//! the import missed then joins by registering), reads the organization, switches to German and
//! signs out. axe-core runs on every page; every page is also checked at a phone's width.
//! Screenshots land in `target/screenshots/portal-*.png`.

use latchkey_test_support as support;

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use latchkey_protocol::Language;
use latchkey_server::portal::i18n::Texts;
use serde_json::{json, Value};
use support::webdriver::Driver;
use support::{Backend, Smtp, TestServer, PASSWORD};

struct ChromeDriver(Child);

impl Drop for ChromeDriver {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// chromedriver on a free port and a session of headless Chromium in a throwaway profile.
async fn chromium(profile: &Path) -> (ChromeDriver, Driver) {
    let port = support::free_port();
    let child = Command::new("chromedriver")
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("chromedriver runs (make test installs chromium-driver)");
    let capabilities = json!({
        "browserName": "chrome",
        "goog:chromeOptions": {
            "binary": "/usr/bin/chromium",
            // The background services would call out to Google from a machine with no network.
            "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                     "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-extensions",
                     "--lang=en-US", "--window-size=1280,1000", format!("--user-data-dir={}", profile.display())]
        }
    });
    let driver = Driver::start(port, capabilities).await;
    (ChromeDriver(child), driver)
}

/// The portal's steps, on top of the plain `WebDriver` client.
struct Portal {
    driver: Driver,
    base: String,
}

impl Portal {
    async fn open(&self, path: &str) {
        self.driver.call(reqwest::Method::POST, "/url", Some(json!({"url": format!("{}{path}", self.base)}))).await;
    }

    async fn path(&self) -> String {
        let url = self.driver.call(reqwest::Method::GET, "/url", None).await;
        url.as_str().unwrap().trim_start_matches(&self.base).to_owned()
    }

    async fn text_of(&self, css: &str) -> String {
        let css = serde_json::to_string(css).unwrap();
        let value = self.driver.script(&format!("const e = document.querySelector({css}); return e ? e.innerText : null;")).await;
        match value.as_str() {
            Some(text) => text.to_owned(),
            None => panic!("no {css} on {}: {}", self.path().await, self.body().await),
        }
    }

    async fn body(&self) -> String {
        self.driver.script("return document.body.innerText").await.as_str().unwrap_or_default().to_owned()
    }

    async fn heading(&self) -> String {
        self.text_of("h1").await
    }

    async fn flash(&self) -> String {
        self.text_of(".flash").await
    }

    async fn fill(&self, css: &str, text: &str) {
        self.driver.type_into(css, text).await;
    }

    /// Submits the form holding `css` by clicking it, and waits for the next page.
    async fn submit(&self, css: &str) {
        let marker = self.driver.script("window.__before = true; return true;").await;
        assert_eq!(marker, json!(true));
        self.driver.click(css).await;
        self.wait_for_new_page().await;
    }

    async fn wait_for_new_page(&self) {
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            let old = self.driver.script("return window.__before === true && document.readyState").await;
            if old == json!(false) || old == Value::Null {
                let ready = self.driver.script("return document.readyState").await;
                if ready == json!("complete") {
                    return;
                }
            }
            assert!(Instant::now() < deadline, "no new page after the click; still {}", self.path().await);
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// axe-core on the page shown, and a screenshot named `portal-{name}`.
    async fn check(&self, name: &str) {
        self.driver.check_screen(&format!("portal-{name}")).await;
    }

    /// At a phone's width the page neither scrolls sideways nor breaks an axe rule.
    async fn check_narrow(&self, path: &str) {
        self.open(path).await;
        let fits = self.driver.script("return [document.documentElement.scrollWidth, window.innerWidth]").await;
        let (scroll, width) = (fits[0].as_i64().unwrap(), fits[1].as_i64().unwrap());
        assert!(scroll <= width, "{path} scrolls sideways at a phone's width: {scroll} > {width}");
        let violations = self.driver.accessibility_violations().await;
        assert!(violations.is_empty(), "axe-core at a phone's width, {path}: {violations:#?}");
    }

    /// The text of a same-origin download, fetched by the page itself (its cookies included).
    async fn download(&self, path: &str) -> (u16, String, String) {
        let script = format!(
            "const done = arguments[arguments.length - 1];\
             fetch({}).then(async (r) => done([r.status, r.headers.get('content-disposition') || '', await r.text()])).catch((e) => done([0, '', String(e)]));",
            serde_json::to_string(path).unwrap()
        );
        let value = self.driver.call(reqwest::Method::POST, "/execute/async", Some(json!({"script": script, "args": []}))).await;
        (value[0].as_u64().unwrap() as u16, value[1].as_str().unwrap().to_owned(), value[2].as_str().unwrap().to_owned())
    }
}

async fn admin_api(server: &TestServer, method: reqwest::Method, path: &str, token: &str, body: Option<Value>) -> (u16, Value) {
    let mut request = server.http.request(method, format!("{}{path}", server.url)).bearer_auth(token);
    if let Some(body) = body {
        request = request.json(&body);
    }
    support::read(request.send().await.unwrap()).await
}

async fn register(server: &TestServer, smtp: &Smtp, email: &str, first_name: &str) {
    let (status, body) =
        server.post("/v1/register", json!({"email": email, "first_name": first_name, "last_name": "Late", "country": "ie"})).await;
    assert_eq!(status, 202, "{body}");
    let code = smtp.code(email, 1).await;
    let (status, body) = server.post("/v1/password/reset", json!({"email": email, "code": code, "new_password": PASSWORD})).await;
    assert_eq!(status, 200, "{body}");
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_administrators_part_of_the_process_in_chromium() {
    let smtp = Smtp::start();
    // A lower proof-of-work difficulty than the default 18 bits keeps the page's solver quick on CI.
    let server = TestServer::start(Backend::Sqlite, &smtp, &[("LATCHKEY_POW_DIFFICULTY", "14")]).await;
    let org = server.purchase("fran@acme.example").await;
    let org_id = org["id"].as_str().unwrap().to_owned();
    server.publish_tos("2026-11", "en").await;
    let english = Texts::new(Language::En);
    let files = tempfile::tempdir().unwrap();
    let (_chromedriver, driver) = chromium(&files.path().join("profile")).await;
    let portal = Portal { driver, base: server.url.clone() };

    // Not signed in: every page leads to the sign-in page.
    portal.open("/admin/users").await;
    assert_eq!(portal.path().await, "/admin/sign-in");
    assert_eq!(portal.heading().await, english.t("heading-sign-in"));
    portal.check("sign-in").await;

    // The Fulfillment Contact has no password yet: forgot password, with the mailed code.
    portal.submit("a[href='/admin/forgot']").await;
    portal.check("forgot").await;
    portal.fill("#email", "fran@acme.example").await;
    portal.submit("form[action='/admin/forgot'] button[type=submit]").await;
    let code = smtp.code("fran@acme.example", 1).await;
    // The page's script asked for a proof-of-work challenge, solved it with Web Crypto and sent it:
    // the server has spent exactly that one.
    let spent: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM rate_counters WHERE key LIKE 'pow:spent:%'")
        .fetch_one(&server.state.db.pool)
        .await
        .unwrap();
    assert_eq!(spent, 1, "the forgot password form went without a solved challenge");
    portal.fill("#code", &code).await;
    portal.fill("#new_password", "short").await;
    portal.submit("form[action='/admin/reset'] button[type=submit]").await;
    assert!(portal.text_of(".error").await.starts_with("The password is too weak"), "{}", portal.body().await);
    portal.check("reset-weak").await;
    portal.fill("#code", &code).await;
    portal.fill("#new_password", PASSWORD).await;
    portal.submit("form[action='/admin/reset'] button[type=submit]").await;
    assert_eq!(portal.path().await, "/admin/sign-in");
    assert_eq!(portal.flash().await, english.t("password-set"));

    // A wrong password is refused with the reason; the right one leads to the Terms.
    portal.fill("#email", "fran@acme.example").await;
    portal.fill("#password", "not the password at all").await;
    portal.submit("form[action='/admin/sign-in'] button[type=submit]").await;
    assert_eq!(portal.text_of("#sign-in-error").await, english.t("error-credentials"));
    portal.fill("#password", PASSWORD).await;
    portal.submit("form[action='/admin/sign-in'] button[type=submit]").await;
    assert_eq!(portal.path().await, "/admin/terms");
    assert!(portal.body().await.contains("Terms 2026-11"));
    portal.check("terms").await;
    portal.submit("button[value=accept]").await;
    assert_eq!(portal.path().await, "/admin/users");
    assert!(portal.text_of("#users").await.contains("fran@acme.example"));
    portal.check("users").await;

    // Add a user: first with mistakes, shown at their fields; then right.
    portal.submit("nav a[href='/admin/users/new']").await;
    portal.check("add-user").await;
    portal.fill("#email", "not an address").await;
    portal.fill("#first_name", "Alex").await;
    portal.fill("#last_name", "Admin").await;
    portal.submit("#add-user button[type=submit]").await;
    assert_eq!(portal.text_of("#email-error").await, english.t("error-field-email"));
    assert_eq!(portal.text_of("#country-error").await, english.t("error-field-country"));
    assert_eq!(portal.driver.script("return document.getElementById('first_name').value").await, json!("Alex"));
    let current = portal.driver.script("return document.querySelector('nav a[aria-current=page]').getAttribute('href')").await;
    assert_eq!(current, json!("/admin/users/new"), "the answer to a form stays in its section");
    portal.check("add-user-errors").await;
    portal.fill("#email", "alex@acme.example").await;
    portal.driver.click("#country option[value='DE']").await;
    portal.driver.click("#mail-language option[value='de']").await;
    portal.submit("#add-user button[type=submit]").await;
    assert_eq!(portal.flash().await, english.with("user-added", &[("email", "alex@acme.example".into())]));
    let alex_page = portal.path().await;
    assert!(alex_page.starts_with("/admin/users/usr_"), "{alex_page}");
    portal.check("user").await;
    let invitation = smtp.wait_for_message("alex@acme.example", 1).await;
    assert!(invitation.contains("Passwort vergessen"), "the invitation is in the language chosen: {invitation}");

    // Product Delivery – Download for Alex.
    portal.driver.click("#role-product_delivery_download").await;
    portal.submit("#roles button[type=submit]").await;
    assert_eq!(portal.flash().await, english.with("roles-saved", &[("email", "alex@acme.example".into())]));
    assert_eq!(portal.driver.script("return document.getElementById('role-product_delivery_download').checked").await, json!(true));

    // Bulk register a file with errors: the report names each line, the error file gives them back.
    let broken = "email,first_name,last_name,country,roles\r\n\
                  dana@acme.example,Dana,Able,DE,product_delivery_download\r\n\
                  eli@acme.example,\"=HYPERLINK(\"\"http://evil.example\"\")\",Baker,XX,\r\n\
                  not-an-address,Fay,Cole,FR,\r\n\
                  gus@acme.example,Gus,Dunn,NL,\r\n\
                  hana@acme.example,Hana,Eve,US,wizard\r\n";
    portal.submit("nav a[href='/admin/bulk']").await;
    portal.check("bulk").await;
    let (status, disposition, template) = portal.download("/admin/bulk/template.csv").await;
    assert_eq!((status, disposition.contains("attachment")), (200, true));
    assert!(template.starts_with("email,first_name,last_name,country,roles,language"), "{template}");
    let file = write(files.path(), "users.csv", broken);
    portal.driver.type_into("#file", file.to_str().unwrap()).await;
    portal.submit("#upload button[type=submit]").await;
    let report_path = portal.path().await;
    assert!(report_path.starts_with("/admin/bulk/upl_"), "{report_path}");
    let codes = portal.driver.script("return Array.from(document.querySelectorAll('#failures tr[data-code]')).map((r) => r.querySelector('th').innerText + ':' + r.dataset.code)").await;
    assert_eq!(codes, json!(["3:invalid_country", "4:invalid_email", "6:unknown_role"]));
    assert!(portal.text_of("#summary").await.contains(&english.with("report-ready", &[("count", 2.into())])));
    portal.check("bulk-report").await;
    let (status, _, errors) = portal.download(&format!("{report_path}/errors.csv")).await;
    assert_eq!(status, 200);
    let mut reader = csv::Reader::from_reader(errors.as_bytes());
    assert_eq!(reader.headers().unwrap().iter().collect::<Vec<_>>(), ["email", "first_name", "last_name", "country", "roles", "problem"]);
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 3, "{errors}");
    assert_eq!(&rows[0][1], "'=HYPERLINK(\"http://evil.example\")", "a formula comes back neutralised");
    assert_eq!(&rows[0][5], english.t("problem-invalid_country"));
    let (_, users_before) =
        admin_api(&server, reqwest::Method::GET, &format!("/v1/orgs/{org_id}/users"), &access(&server, "fran@acme.example").await, None)
            .await;
    assert_eq!(users_before["users"].as_array().unwrap().len(), 2, "the check wrote nothing: {users_before}");

    // Fixed, uploaded again, imported.
    let fixed = broken.replace(",XX,", ",AT,").replace("not-an-address", "fay@acme.example").replace(",wizard", ",");
    let file = write(files.path(), "users-fixed.csv", &fixed);
    portal.open("/admin/bulk").await;
    portal.driver.type_into("#file", file.to_str().unwrap()).await;
    portal.submit("#upload button[type=submit]").await;
    assert_eq!(portal.driver.script("return document.querySelectorAll('#failures tr').length").await, json!(0));
    portal.submit("#import").await;
    assert_eq!(portal.text_of("#imported").await, english.with("imported", &[("count", 5.into())]));
    portal.check("bulk-imported").await;
    let token = access(&server, "fran@acme.example").await;
    let (_, users) = admin_api(&server, reqwest::Method::GET, &format!("/v1/orgs/{org_id}/users"), &token, None).await;
    let listed: Vec<(String, Value)> =
        users["users"].as_array().unwrap().iter().map(|u| (u["email"].as_str().unwrap().to_owned(), u["roles"].clone())).collect();
    assert_eq!(
        listed,
        [
            ("alex@acme.example".to_owned(), json!(["product_delivery_download"])),
            ("dana@acme.example".to_owned(), json!(["product_delivery_download"])),
            ("eli@acme.example".to_owned(), json!([])),
            ("fay@acme.example".to_owned(), json!([])),
            ("fran@acme.example".to_owned(), json!(["fulfillment_contact"])),
            ("gus@acme.example".to_owned(), json!([])),
            ("hana@acme.example".to_owned(), json!([])),
        ]
    );
    smtp.wait_for_message("hana@acme.example", 1).await;

    // Search, then remove Gus (the page asks first).
    portal.open("/admin/users?q=gus").await;
    assert_eq!(portal.driver.script("return document.querySelectorAll('#users tbody tr').length").await, json!(1));
    portal.submit("#users a").await;
    portal.driver.script("window.__before = true; return true;").await;
    portal.driver.click("section.danger button[type=submit]").await;
    portal.driver.call(reqwest::Method::POST, "/alert/accept", Some(json!({}))).await;
    portal.wait_for_new_page().await;
    assert_eq!(portal.path().await, "/admin/users");
    assert_eq!(portal.flash().await, english.with("user-removed", &[("email", "gus@acme.example".into())]));
    assert!(!portal.text_of("#users").await.contains("gus@acme.example"));

    // The domain of the contact's own address, verified without auto approval: a registration
    // there waits for an administrator.
    portal.submit("nav a[href='/admin/domains']").await;
    portal.check("domains-unverified").await;
    portal.submit("form[action='/admin/domains/acme.example'] button[type=submit]").await;
    assert_eq!(portal.flash().await, english.with("domain-saved", &[("domain", "acme.example".into())]));
    register(&server, &smtp, "ivy@acme.example", "Ivy").await;
    portal.submit("nav a[href='/admin/requests']").await;
    assert!(portal.text_of("#requests").await.contains("ivy@acme.example"));
    portal.check("requests").await;
    portal.submit("#requests button.primary").await;
    assert_eq!(portal.flash().await, english.with("request-approved", &[("email", "ivy@acme.example".into())]));
    assert_eq!(portal.text_of("#no-requests").await, english.t("no-requests"));

    // Auto approval on: a user the import missed joins by registering.
    portal.submit("nav a[href='/admin/domains']").await;
    portal.submit("#domains button[type=submit]").await;
    assert_eq!(portal.flash().await, english.with("domain-saved", &[("domain", "acme.example".into())]));
    assert!(portal.text_of("#domains").await.contains(&english.t("yes")));
    portal.check("domains").await;
    register(&server, &smtp, "hal@acme.example", "Hal").await;
    portal.open("/admin/users?q=acme.example").await;
    let members = portal.text_of("#users").await;
    for email in ["hal@acme.example", "ivy@acme.example"] {
        assert!(members.contains(email), "{email} is a member: {members}");
    }

    // The organization and its subscriptions, each by its name with its identifier beside.
    server.operator(reqwest::Method::PUT, "/v1/operator/products/suite", Some(serde_json::json!({"name": "Acme Suite"}))).await;
    portal.submit("nav a[href='/admin/organization']").await;
    assert_eq!(portal.text_of("#org-name").await, "Org of fran@acme.example");
    assert!(portal.text_of("#subscriptions").await.contains("Acme Suite suite"), "{}", portal.text_of("#subscriptions").await);
    portal.check("organization").await;

    // Software: Latchkey's update channel and what members may install, saved from the form.
    portal.submit("nav a[href='/admin/software']").await;
    portal.driver.click("#update-channel option[value='notify']").await;
    portal.submit("form[action='/admin/software'] button[type=submit]").await;
    assert_eq!(portal.flash().await, english.t("software-saved"));
    assert_eq!(portal.driver.script("return document.getElementById('update-channel').value").await, json!("notify"));
    portal.check("software").await;
    // The public download page, for anyone.
    portal.open("/admin/download").await;
    assert_eq!(portal.heading().await, english.t("heading-download"));
    portal.check("download").await;

    // A page that is not there says so, in the frame.
    portal.open("/admin/users/usr_nobody").await;
    assert_eq!(portal.text_of(".error").await, english.t("error-not-found"));
    portal.check("not-found").await;

    // Every page at a phone's width.
    portal.driver.call(reqwest::Method::POST, "/window/rect", Some(json!({"width": 390, "height": 844}))).await;
    for path in [
        "/admin/users",
        "/admin/users/new",
        &alex_page,
        "/admin/bulk",
        "/admin/domains",
        "/admin/requests",
        "/admin/organization",
        "/admin/software",
        "/admin/download",
    ] {
        portal.check_narrow(path).await;
    }
    portal.open("/admin/users").await;
    let _ = portal.driver.screenshot("portal-users-phone").await;
    portal.driver.call(reqwest::Method::POST, "/window/rect", Some(json!({"width": 1280, "height": 1000}))).await;

    // German, from the language switch.
    portal.open("/admin/users").await;
    portal.driver.click("#language option[value='de']").await;
    portal.submit("form.language button[type=submit]").await;
    let german = Texts::new(Language::De);
    assert_eq!(portal.heading().await, german.t("heading-users"));
    assert_eq!(portal.driver.script("return document.documentElement.lang").await, json!("de"));
    portal.check("users-de").await;

    // Sign out: the session is over, the pages lead to the sign-in page again.
    portal.submit("header form[action='/admin/sign-out'] button").await;
    assert_eq!(portal.path().await, "/admin/sign-in");
    assert_eq!(portal.flash().await, german.t("signed-out"));
    portal.open("/admin/organization").await;
    assert_eq!(portal.path().await, "/admin/sign-in");
    portal.driver.quit().await;
}

/// An access token of `email` (signed in through the API beside the browser).
async fn access(server: &TestServer, email: &str) -> String {
    server.sign_in(email).await["access_token"].as_str().unwrap().to_owned()
}
