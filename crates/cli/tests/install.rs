//! Software delivery end to end: the real server publishes Debian packages built here with
//! dpkg-deb; the real agent (under `scripts/with-keyring.sh`) lists them (`latchkey apps`),
//! answers update checks, downloads through a throttled forwarder (cancelled, interrupted, then
//! resumed from where it stopped), checks the file against the signed manifest, and installs it for
//! real with dpkg into a throwaway root (`LATCHKEY_INSTALL_ROOT`). A tampered file and a failing
//! package install nothing; a user without the Download role is told to ask an administrator.

use latchkey_test_support as support;
mod support_agent;

use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

use serde_json::Value;
use support::delivery::{build_deb, install_root, installed, member_with_download_role, publish};
use support::{Backend, Smtp, TestServer, PASSWORD};
use support_agent::{curl, eventually, json, stderr, stdout, Home};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// Forwards TCP to the server at `rate` bytes per second towards the client while up; going
/// down cuts every connection.
struct Throttle {
    port: u16,
    up: Arc<AtomicBool>,
    rate: Arc<AtomicU64>,
    task: tokio::task::JoinHandle<()>,
}

impl Throttle {
    async fn start(target: &str) -> Throttle {
        let target = target.trim_start_matches("http://").to_owned();
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        let (up, rate) = (Arc::new(AtomicBool::new(true)), Arc::new(AtomicU64::new(u64::MAX)));
        let task = tokio::spawn({
            let (up, rate) = (up.clone(), rate.clone());
            async move {
                loop {
                    let Ok((inbound, _)) = listener.accept().await else { continue };
                    if !up.load(Ordering::SeqCst) {
                        continue;
                    }
                    let Ok(outbound) = TcpStream::connect(&target).await else { continue };
                    let (up, rate) = (up.clone(), rate.clone());
                    tokio::spawn(async move {
                        let (mut client_read, mut client_write) = inbound.into_split();
                        let (mut server_read, mut server_write) = outbound.into_split();
                        let upstream = tokio::io::copy(&mut client_read, &mut server_write);
                        let downstream = async {
                            let mut buffer = vec![0u8; 16 * 1024];
                            loop {
                                let n = server_read.read(&mut buffer).await.unwrap_or(0);
                                if n == 0 || client_write.write_all(&buffer[..n]).await.is_err() {
                                    break;
                                }
                                let per_second = rate.load(Ordering::SeqCst);
                                if per_second != u64::MAX {
                                    tokio::time::sleep(Duration::from_secs_f64(n as f64 / per_second as f64)).await;
                                }
                            }
                        };
                        let down = async {
                            while up.load(Ordering::SeqCst) {
                                tokio::time::sleep(Duration::from_millis(20)).await;
                            }
                        };
                        tokio::select! {
                            _ = upstream => {}
                            () = downstream => {}
                            () = down => {}
                        }
                    });
                }
            }
        });
        Throttle { port, up, rate, task }
    }

    fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }
}

impl Drop for Throttle {
    fn drop(&mut self) {
        self.task.abort();
    }
}

async fn downloads_audited_from(server: &TestServer) -> Vec<i64> {
    let rows: Vec<String> =
        sqlx::query_scalar("SELECT detail FROM audit_log WHERE event = 'release.download'").fetch_all(&server.state.db.pool).await.unwrap();
    rows.iter().map(|d| serde_json::from_str::<Value>(d).unwrap()["from_byte"].as_i64().unwrap()).collect()
}

fn progress_of(socket: &Path, product: &str) -> Value {
    let (status, body) = curl(socket, "GET", &format!("/v1/installs/{product}"), None, &[]);
    assert_eq!(status, 200, "{body}");
    json(&body)
}

async fn wait_until_final(socket: &Path, product: &str) -> Value {
    let mut last = Value::Null;
    eventually("the installation ends", Duration::from_mins(1), async || {
        last = progress_of(socket, product);
        ["installed", "failed", "cancelled"].contains(&last["state"].as_str().unwrap_or(""))
    })
    .await;
    last
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_user_with_the_download_role_installs_verified_packages_and_resumes_downloads() {
    let smtp = Smtp::start();
    let server = TestServer::start(Backend::Sqlite, &smtp, &[]).await;
    server.publish_tos("2026-11", "en").await;
    let org = server.purchase("fc@install.example").await;
    let org_id = org["id"].as_str().unwrap().to_owned();
    server.operator(reqwest::Method::PUT, "/v1/operator/products/suite", Some(serde_json::json!({"name": "Acme Suite"}))).await;
    member_with_download_role(&server, &smtp, &org_id, "dl@install.example").await;
    let scratch = tempfile::tempdir().unwrap();
    let old = build_deb(scratch.path(), "acme-suite", "1.0.0", 200_000, None);
    let new = build_deb(scratch.path(), "acme-suite", "2.0.0", 3_000_000, None);
    publish(&server, "suite", "1.0.0", &old, "acme-suite").await;
    let current = publish(&server, "suite", "2.0.0", &new, "acme-suite").await;

    let root = install_root(scratch.path());
    let throttle = Throttle::start(&server.url).await;
    let url = throttle.url();
    let home = Home::new();
    let root_text = root.display().to_string();
    let agent = home.spawn_agent(&url, &[("LATCHKEY_INSTALL_ROOT", &root_text)]);
    let signed_in =
        home.run(&url, &["sign-in", "--email", "dl@install.example", "--password-stdin", "--accept-tos"], &format!("{PASSWORD}\n"));
    assert!(signed_in.status.success(), "{}", stderr(&signed_in));

    // The catalogue as this computer sees it: Latchkey first, the suite offered at 2.0.0.
    let apps = home.run(&url, &["apps", "--json"], "");
    assert!(apps.status.success(), "{}", stderr(&apps));
    let catalog = json(&stdout(&apps));
    assert_eq!(catalog["platform"], "linux-x64-deb");
    assert_eq!(catalog["products"][0]["product"], "latchkey");
    let suite = &catalog["products"][1];
    assert_eq!((suite["product"].as_str(), suite["installed_version"].clone()), (Some("suite"), Value::Null), "{suite}");
    assert_eq!((suite["available"]["version"].as_str(), suite["update_available"].as_bool()), (Some("2.0.0"), Some(true)), "{suite}");
    let text = stdout(&home.run(&url, &["apps"], ""));
    assert!(text.contains("Acme Suite (suite)  not installed  2.0.0 available"), "{text}");
    let (status, body) = curl(&home.socket(), "GET", "/v1/updates/suite?current=1.0.0", None, &[]);
    assert_eq!(status, 200, "{body}");
    let check = json(&body);
    assert_eq!((check["available_version"].as_str(), check["update_available"].as_bool()), (Some("2.0.0"), Some(true)), "{check}");
    assert_eq!(check["notes"], "What is new in 2.0.0");
    let (status, body) = curl(&home.socket(), "GET", "/v1/updates/suite?current=2.0.0", None, &[]);
    assert_eq!((status, json(&body)["update_available"].as_bool()), (200, Some(false)), "{body}");
    let (status, body) = curl(&home.socket(), "GET", "/v1/updates/not-mine", None, &[]);
    assert_eq!((status, json(&body)["code"].as_str()), (404, Some("not_found")), "{body}");

    // Cancelled part-way (slowed to 1 MB/s): what was received stays for the resume.
    throttle.rate.store(1_000_000, Ordering::SeqCst);
    // Two callers at once (the window and the command line, say) share one installation: the
    // audit below counts one download per attempt.
    let socket = home.socket();
    let racing = std::thread::spawn(move || curl(&socket, "POST", "/v1/installs/suite", None, &[]));
    let (status, body) = curl(&home.socket(), "POST", "/v1/installs/suite", None, &[]);
    assert_eq!(status, 202, "{body}");
    let (other, other_body) = racing.join().unwrap();
    assert_eq!(other, 202, "{other_body}");
    assert_eq!(json(&body)["state"], "downloading");
    eventually("some bytes arrive", Duration::from_secs(20), async || {
        progress_of(&home.socket(), "suite")["received"].as_u64() > Some(100_000)
    })
    .await;
    let (status, body) = curl(&home.socket(), "DELETE", "/v1/installs/suite", None, &[]);
    assert_eq!(status, 200, "{body}");
    let cancelled = json(&body);
    assert_eq!(cancelled["state"], "cancelled", "{cancelled}");
    let part = home.path("state").join(format!("latchkey/downloads/{}.part", current.sha256));
    let kept = std::fs::metadata(&part).map_or(0, |m| m.len());
    assert!(kept > 0 && kept < current.size, "a partial file is kept: {kept} of {}", current.size);
    assert_eq!(installed(&root, "acme-suite"), None);

    // Interrupted: the backend goes away mid-transfer; the attempt fails saying so.
    let (status, body) = curl(&home.socket(), "POST", "/v1/installs/suite", None, &[]);
    assert_eq!(status, 202, "{body}");
    eventually("the download resumes", Duration::from_secs(20), async || {
        progress_of(&home.socket(), "suite")["received"].as_u64() > Some(kept + 100_000)
    })
    .await;
    throttle.up.store(false, Ordering::SeqCst);
    let failed = wait_until_final(&home.socket(), "suite").await;
    assert_eq!((failed["state"].as_str(), failed["error"].as_str()), (Some("failed"), Some("backend_unreachable")), "{failed}");
    assert!(failed["detail"].as_str().unwrap().contains("resume"), "{failed}");
    throttle.up.store(true, Ordering::SeqCst);
    throttle.rate.store(u64::MAX, Ordering::SeqCst);

    // `latchkey install` finishes from where it stopped, verifies and installs for real.
    let install = home.run(&url, &["install", "suite"], "");
    assert!(install.status.success(), "{}{}", stdout(&install), stderr(&install));
    assert!(stderr(&install).contains("suite 2.0.0 is installed."), "{}", stderr(&install));
    assert_eq!(installed(&root, "acme-suite").as_deref(), Some("2.0.0"));
    assert_eq!(std::fs::read_to_string(root.join("opt/acme-suite/VERSION")).unwrap(), "2.0.0");
    let mut starts = downloads_audited_from(&server).await;
    starts.sort_unstable();
    assert_eq!(starts.len(), 3, "three requests: {starts:?}");
    assert!(starts[0] == 0 && starts[1] > 0 && starts[2] > starts[1], "each resumed where the last stopped: {starts:?}");
    assert!(!part.exists(), "the partial file became the verified one");
    let text = stdout(&home.run(&url, &["apps"], ""));
    assert!(text.contains("Acme Suite (suite)  installed 2.0.0  up to date"), "{text}");

    // A tampered file (same length, other bytes) is refused after download: nothing runs.
    let tampered = build_deb(scratch.path(), "acme-suite", "3.0.0", 100_000, None);
    let third = publish(&server, "suite", "3.0.0", &tampered, "acme-suite").await;
    let stored = server.state.settings.release_store.folder().unwrap().join(&third.sha256);
    let mut bytes = std::fs::read(&stored).unwrap();
    let last = bytes.len() - 1;
    bytes[last] ^= 0xff;
    std::fs::write(&stored, bytes).unwrap();
    let refused = home.run(&url, &["install", "suite", "--json"], "");
    assert_eq!(refused.status.code(), Some(1), "{}", stderr(&refused));
    let progress = json(&stdout(&refused));
    assert_eq!(progress["error"], "integrity_failed", "{progress}");
    assert!(stderr(&refused).contains("did not match its signed description"), "{}", stderr(&refused));
    assert_eq!(installed(&root, "acme-suite").as_deref(), Some("2.0.0"), "the tampered package was not installed");
    let leftovers: Vec<_> =
        std::fs::read_dir(home.path("state").join("latchkey/downloads")).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert!(leftovers.is_empty(), "the tampered download was deleted: {leftovers:?}");

    // A package whose installation fails leaves nothing half-installed.
    server
        .operator(
            reqwest::Method::POST,
            &format!("/v1/operator/orgs/{org_id}/subscriptions"),
            Some(serde_json::json!({"product": "broken"})),
        )
        .await;
    let broken =
        build_deb(scratch.path(), "acme-broken", "1.0.0", 1000, Some("#!/bin/sh\necho 'the licence server is unreachable' >&2\nexit 1\n"));
    publish(&server, "broken", "1.0.0", &broken, "acme-broken").await;
    let failed = home.run(&url, &["install", "broken"], "");
    assert_eq!(failed.status.code(), Some(1), "{}", stderr(&failed));
    let said = stderr(&failed);
    assert!(said.contains("The installation failed") && said.contains("the licence server is unreachable"), "{said}");
    assert!(said.contains("removed"), "{said}");
    assert_eq!(installed(&root, "acme-broken"), None);
    assert!(!root.join("opt/acme-broken").exists(), "no file of the failed package remains");

    // No secret reached the agent's log.
    let log = agent.log_text();
    assert!(!log.contains(PASSWORD));
    drop(agent);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_user_without_the_download_role_is_told_to_ask_an_administrator() {
    let smtp = Smtp::start();
    let server = TestServer::start(Backend::Sqlite, &smtp, &[]).await;
    server.publish_tos("2026-11", "en").await;
    server.purchase("fc@norole.example").await;
    server.set_password(&smtp, "fc@norole.example", 1).await;
    let scratch = tempfile::tempdir().unwrap();
    let deb = build_deb(scratch.path(), "acme-suite", "1.0.0", 1000, None);
    publish(&server, "suite", "1.0.0", &deb, "acme-suite").await;
    let root = install_root(scratch.path());
    let home = Home::new();
    let root_text = root.display().to_string();
    let agent = home.spawn_agent(&server.url, &[("LATCHKEY_INSTALL_ROOT", &root_text)]);
    let signed_in =
        home.run(&server.url, &["sign-in", "--email", "fc@norole.example", "--password-stdin", "--accept-tos"], &format!("{PASSWORD}\n"));
    assert!(signed_in.status.success(), "{}", stderr(&signed_in));

    let text = stdout(&home.run(&server.url, &["apps"], ""));
    assert!(text.contains("suite  not installed  ask your administrator for the Product Delivery – Download role"), "{text}");
    let refused = home.run(&server.url, &["install", "suite"], "");
    assert_eq!(refused.status.code(), Some(1), "{}", stderr(&refused));
    assert!(stderr(&refused).contains("Ask your administrator"), "{}", stderr(&refused));
    let (status, body) = curl(&home.socket(), "POST", "/v1/installs/suite", None, &[]);
    assert_eq!((status, json(&body)["code"].as_str()), (403, Some("download_not_permitted")), "{body}");
    let (status, body) = curl(&home.socket(), "POST", "/v1/installs/not-subscribed", None, &[]);
    assert_eq!((status, json(&body)["code"].as_str()), (403, Some("download_not_permitted")), "{body}");
    let (status, body) = curl(&home.socket(), "GET", "/v1/installs/suite", None, &[]);
    assert_eq!((status, json(&body)["code"].as_str()), (404, Some("not_found")), "{body}");
    assert_eq!(installed(&root, "acme-suite"), None);
    drop(agent);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn the_updater_installs_a_newer_latchkey_unless_policy_says_off() {
    let smtp = Smtp::start();
    let server = TestServer::start(Backend::Sqlite, &smtp, &[]).await;
    server.publish_tos("2026-11", "en").await;
    let org = server.purchase("fc@update.example").await;
    let org_id = org["id"].as_str().unwrap().to_owned();
    server.set_password(&smtp, "fc@update.example", 1).await;
    let admin = server.sign_in("fc@update.example").await["access_token"].as_str().unwrap().to_owned();
    let set_channel = |channel: &'static str| {
        let request = server
            .http
            .put(format!("{}/v1/orgs/{org_id}/software", server.url))
            .bearer_auth(&admin)
            .json(&serde_json::json!({"update_channel": channel, "products": []}));
        async move {
            let (status, body) = support::read(request.send().await.unwrap()).await;
            assert_eq!(status, 200, "{body}");
        }
    };
    // Two releases of Latchkey itself: an older one and one newer than this build.
    let scratch = tempfile::tempdir().unwrap();
    let older = build_deb(scratch.path(), "latchkey", "0.0.9", 1000, None);
    let newer = build_deb(scratch.path(), "latchkey", "9.0.0", 50_000, None);
    publish(&server, "latchkey", "0.0.9", &older, "latchkey").await;
    publish(&server, "latchkey", "9.0.0", &newer, "latchkey").await;
    let root = install_root(scratch.path());
    let root_text = root.display().to_string();
    let home = Home::new();
    let sign_in = |home: &Home| {
        let out = home.run(
            &server.url,
            &["sign-in", "--email", "fc@update.example", "--password-stdin", "--accept-tos"],
            &format!("{PASSWORD}\n"),
        );
        assert!(out.status.success(), "{}", stderr(&out));
    };
    let check = |home: &Home| {
        let (status, body) = curl(&home.socket(), "POST", "/v1/self-update", None, &[]);
        assert_eq!(status, 200, "{body}");
        json(&body)
    };

    // The machine says off: the newer Latchkey is seen, and left alone, whatever the organization says.
    let agent = home.spawn_agent(&server.url, &[("LATCHKEY_INSTALL_ROOT", &root_text), ("LATCHKEY_UPDATES", "off")]);
    sign_in(&home);
    let answer = check(&home);
    assert_eq!(
        (answer["channel"].as_str(), answer["available_version"].as_str(), answer["action"].as_str()),
        (Some("off"), Some("9.0.0"), Some("off")),
        "{answer}"
    );
    assert_eq!(answer["current_version"], env!("CARGO_PKG_VERSION"));
    let (status, _) = curl(&home.socket(), "GET", "/v1/installs/latchkey", None, &[]);
    assert_eq!(status, 404, "no installation was started");
    assert_eq!(installed(&root, "latchkey"), None);
    drop(agent);

    // The machine says notify, the organization auto: the stricter, notify, holds.
    let agent = home.spawn_agent(&server.url, &[("LATCHKEY_INSTALL_ROOT", &root_text), ("LATCHKEY_UPDATES", "notify")]);
    let answer = check(&home);
    assert_eq!((answer["channel"].as_str(), answer["action"].as_str()), (Some("notify"), Some("notify")), "{answer}");
    assert_eq!(installed(&root, "latchkey"), None);
    drop(agent);

    // Nothing set on the machine: the organization's channel decides, off then auto.
    let agent = home.spawn_agent(&server.url, &[("LATCHKEY_INSTALL_ROOT", &root_text)]);
    set_channel("off").await;
    assert_eq!(check(&home)["action"], "off");
    set_channel("auto").await;
    let answer = check(&home);
    assert_eq!((answer["channel"].as_str(), answer["action"].as_str()), (Some("auto"), Some("installing")), "{answer}");
    let done = wait_until_final(&home.socket(), "latchkey").await;
    assert_eq!(done["state"], "installed", "{done}");
    assert_eq!(installed(&root, "latchkey").as_deref(), Some("9.0.0"), "the newer Latchkey, verified and installed");
    drop(agent);
}

/// A man in the middle between the agent and the server: everything passes, except that the
/// catalogue's manifests are re-signed with another key (under the real key's `kid`).
async fn forger(target: String) -> (String, tokio::task::JoinHandle<()>) {
    use axum::body::Body;
    use axum::extract::Request;
    use axum::response::Response;
    use base64::Engine as _;
    use ed25519_dalek::Signer as _;
    let b64 = base64::engine::general_purpose::URL_SAFE_NO_PAD;
    let forge = move |manifest: &str| {
        let mut parts = manifest.split('.');
        let (header, payload) = (parts.next().unwrap(), parts.next().unwrap());
        let key = ed25519_dalek::SigningKey::from_bytes(&[42; 32]);
        let input = format!("{header}.{payload}");
        format!("{input}.{}", b64.encode(key.sign(input.as_bytes()).to_bytes()))
    };
    let http = reqwest::Client::new();
    let app = axum::Router::new().fallback(move |request: Request| {
        let (http, target) = (http.clone(), target.clone());
        async move {
            let (parts, body) = request.into_parts();
            let body = axum::body::to_bytes(body, 1 << 20).await.unwrap();
            let mut forwarded = http.request(parts.method.clone(), format!("{target}{}", parts.uri));
            for (name, value) in &parts.headers {
                if name != "host" {
                    forwarded = forwarded.header(name, value);
                }
            }
            let answer = forwarded.body(body).send().await.unwrap();
            let status = answer.status();
            let mut bytes = answer.bytes().await.unwrap().to_vec();
            if parts.uri.path() == "/v1/catalog" && status.is_success() {
                let mut catalog: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
                for product in catalog["products"].as_array_mut().unwrap() {
                    for release in product["releases"].as_array_mut().unwrap() {
                        release["manifest"] = serde_json::json!(forge(release["manifest"].as_str().unwrap()));
                    }
                }
                bytes = serde_json::to_vec(&catalog).unwrap();
            }
            Response::builder().status(status.as_u16()).header("content-type", "application/json").body(Body::from(bytes)).unwrap()
        }
    });
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    (url, tokio::spawn(async move { axum::serve(listener, app).await.unwrap() }))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_manifest_signed_by_another_key_installs_nothing() {
    let smtp = Smtp::start();
    let server = TestServer::start(Backend::Sqlite, &smtp, &[]).await;
    server.publish_tos("2026-11", "en").await;
    let org = server.purchase("fc@forged.example").await;
    let org_id = org["id"].as_str().unwrap().to_owned();
    member_with_download_role(&server, &smtp, &org_id, "dl@forged.example").await;
    let scratch = tempfile::tempdir().unwrap();
    let deb = build_deb(scratch.path(), "acme-suite", "1.0.0", 1000, None);
    publish(&server, "suite", "1.0.0", &deb, "acme-suite").await;
    let root = install_root(scratch.path());
    let (url, proxy) = forger(server.url.clone()).await;
    let home = Home::new();
    let root_text = root.display().to_string();
    let agent = home.spawn_agent(&url, &[("LATCHKEY_INSTALL_ROOT", &root_text)]);
    let signed_in =
        home.run(&url, &["sign-in", "--email", "dl@forged.example", "--password-stdin", "--accept-tos"], &format!("{PASSWORD}\n"));
    assert!(signed_in.status.success(), "{}", stderr(&signed_in));
    let (status, body) = curl(&home.socket(), "POST", "/v1/installs/suite", None, &[]);
    let problem = json(&body);
    assert_eq!((status, problem["code"].as_str()), (502, Some("integrity_failed")), "{body}");
    assert!(problem["detail"].as_str().unwrap().contains("signature does not verify"), "{body}");
    let refused = home.run(&url, &["install", "suite"], "");
    assert_eq!(refused.status.code(), Some(1), "{}", stderr(&refused));
    assert!(stderr(&refused).contains("did not match its signed description"), "{}", stderr(&refused));
    assert_eq!(installed(&root, "acme-suite"), None);
    assert!(downloads_audited_from(&server).await.is_empty(), "nothing was even downloaded");
    drop(agent);
    proxy.abort();
}
