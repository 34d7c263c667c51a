//! Software delivery over real HTTP, on SQLite and PostgreSQL: the operator publishes releases with
//! the real `latchkey-server release` command; the catalogue offers the latest (or the pinned)
//! release per platform with a manifest that verifies; the file endpoint serves ranges, `ETag`s
//! and 304s, refuses a user without the Download role (403 `download_not_permitted`), a version the
//! organization did not allow, and a yanked release; every download is audited.

use latchkey_test_support as support;

use std::process::{Command, Output};

use latchkey_protocol::delivery::{ReleaseManifest, MANIFEST_TYP};
use serde_json::{json, Value};
use sha2::{Digest, Sha256};
use support::delivery::S3;
use support::{Backend, Smtp, TestServer};

support::on_both_databases!(
    releases_are_offered_served_in_ranges_and_audited,
    the_download_role_and_the_organization_decide_who_downloads,
    an_organization_pins_versions_and_sets_the_update_channel,
    bad_publications_are_refused_by_name_and_leave_nothing,
    the_terms_link_the_operators_trust_center,
    releases_live_in_an_object_store_shared_by_two_instances,
);

fn cli(server: &TestServer, args: &[&str]) -> Output {
    cli_with(server, &[], args)
}

/// The operator's command with these settings besides the server's database and data folder.
fn cli_with(server: &TestServer, settings: &[(&str, String)], args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_latchkey-server"))
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("LATCHKEY_DATA_DIR", server.dir().path())
        .env("LATCHKEY_DATABASE_URL", &server.database_url)
        .envs(settings.iter().map(|(k, v)| (*k, v.as_str())))
        .args(args)
        .output()
        .unwrap()
}

/// Publishes `bytes` as `product` `version` on `platform`; returns the release.
fn publish(server: &TestServer, product: &str, version: &str, platform: &str, bytes: &[u8]) -> Value {
    let folder = server.dir().path().join(format!("upload-{product}-{version}-{platform}"));
    std::fs::create_dir_all(&folder).unwrap();
    let file = folder.join(format!("{product}_{version}.bin"));
    std::fs::write(&file, bytes).unwrap();
    let notes = folder.join("notes.md");
    std::fs::write(&notes, format!("# {product} {version}\n\n- faster\n")).unwrap();
    let output = cli(
        server,
        &[
            "release",
            "publish",
            "--product",
            product,
            "--version",
            version,
            "--platform",
            platform,
            "--file",
            file.to_str().unwrap(),
            "--notes",
            notes.to_str().unwrap(),
            "--json",
        ],
    );
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    serde_json::from_slice(&output.stdout).unwrap()
}

fn payload(seed: u8, len: usize) -> Vec<u8> {
    (0..len).map(|i| (i as u8).wrapping_mul(31).wrapping_add(seed)).collect()
}

/// A member of `org` (added by `admin`) with these roles, signed in: their access token.
async fn member(server: &TestServer, smtp: &Smtp, admin: &str, org: &str, email: &str, roles: &[&str]) -> String {
    let request = server
        .http
        .post(format!("{}/v1/orgs/{org}/users", server.url))
        .bearer_auth(admin)
        .json(&json!({"email": email, "first_name": "Dee", "last_name": "Loader", "country": "gb", "roles": roles}));
    let (status, body) = support::read(request.send().await.unwrap()).await;
    assert_eq!(status, 201, "{body}");
    server.set_password(smtp, email, 1).await;
    server.sign_in(email).await["access_token"].as_str().unwrap().to_owned()
}

struct Fixture {
    server: TestServer,
    _smtp: Smtp,
    org: String,
    /// The Fulfillment Contact: administers, has no Download role.
    admin: String,
    /// A member with the Download role.
    downloader: String,
}

async fn fixture(backend: Backend) -> Fixture {
    let smtp = Smtp::start();
    let server = TestServer::start(backend, &smtp, &[]).await;
    let session = server.signed_in_user(&smtp, "fc@deliver.example").await;
    let org = session["user"]["org"]["id"].as_str().unwrap().to_owned();
    let admin = session["access_token"].as_str().unwrap().to_owned();
    let downloader = member(&server, &smtp, &admin, &org, "dl@deliver.example", &["product_delivery_download"]).await;
    Fixture { server, _smtp: smtp, org, admin, downloader }
}

async fn fetch(server: &TestServer, url: &str, bearer: Option<&str>, headers: &[(&str, &str)]) -> reqwest::Response {
    let mut request = server.http.get(url);
    if let Some(token) = bearer {
        request = request.bearer_auth(token);
    }
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    request.send().await.unwrap()
}

fn header<'a>(response: &'a reqwest::Response, name: &str) -> &'a str {
    response.headers().get(name).and_then(|v| v.to_str().ok()).unwrap_or("")
}

async fn catalog(server: &TestServer, token: &str) -> Value {
    let (status, body) = server.get("/v1/catalog", Some(token)).await;
    assert_eq!(status, 200, "{body}");
    body
}

fn product<'a>(catalog: &'a Value, id: &str) -> &'a Value {
    catalog["products"].as_array().unwrap().iter().find(|p| p["product"] == id).unwrap_or_else(|| panic!("no {id} in {catalog}"))
}

fn offered<'a>(catalog: &'a Value, id: &str, platform: &str) -> &'a Value {
    product(catalog, id)["releases"].as_array().unwrap().iter().find(|r| r["platform"] == platform).unwrap_or(&Value::Null)
}

async fn releases_are_offered_served_in_ranges_and_audited(backend: Backend) {
    let Fixture { server, downloader, .. } = fixture(backend).await;
    let old = payload(1, 300_000);
    let new = payload(2, 2_500_000);
    publish(&server, "suite", "2027.9.0", "linux-x64-deb", &old);
    let published = publish(&server, "suite", "2027.10.0", "linux-x64-deb", &new);
    publish(&server, "suite", "2027.9.0", "windows-x64", &old);
    let own = publish(&server, "latchkey", "1.4.0", "linux-x64-deb", b"the client itself");
    assert_eq!(published["sha256"], hex::encode(Sha256::digest(&new)));
    assert_eq!(published["size"], 2_500_000);
    assert_eq!(published["package_id"], "suite");

    let body = catalog(&server, &downloader).await;
    assert_eq!(body["products"][0]["product"], "latchkey", "Latchkey is first: {body}");
    assert_eq!(body["update_channel"], "auto");
    let suite = product(&body, "suite");
    assert_eq!((suite["may_download"].clone(), suite.get("blocked_by")), (json!(true), None), "{suite}");
    let deb = offered(&body, "suite", "linux-x64-deb");
    assert_eq!(deb["version"], "2027.10.0", "2027.10 is newer than 2027.9: {suite}");
    assert_eq!(offered(&body, "suite", "windows-x64")["version"], "2027.9.0");
    assert_eq!(deb["notes"], "# suite 2027.10.0\n\n- faster\n");
    let manifest: ReleaseManifest = server.state.keys.verify(MANIFEST_TYP, deb["manifest"].as_str().unwrap()).unwrap();
    assert_eq!(
        (manifest.release.as_str(), manifest.sha256.as_str(), manifest.size, manifest.iss.as_str()),
        (published["id"].as_str().unwrap(), published["sha256"].as_str().unwrap(), 2_500_000, server.url.as_str())
    );
    assert!(server.state.keys.verify::<Value>("entitlements+jwt", deb["manifest"].as_str().unwrap()).is_err(), "typ is checked");

    // Whole, then resumed from byte 1,000,000, then a suffix; ETag and lengths right.
    let url = deb["download_url"].as_str().unwrap().to_owned();
    let whole = fetch(&server, &url, Some(&downloader), &[]).await;
    assert_eq!(whole.status(), 200);
    let etag = format!("\"{}\"", published["sha256"].as_str().unwrap());
    assert_eq!(header(&whole, "etag"), etag);
    assert_eq!(header(&whole, "accept-ranges"), "bytes");
    assert_eq!(header(&whole, "content-length"), "2500000");
    assert_eq!(header(&whole, "content-disposition"), "attachment; filename=\"suite_2027.10.0.bin\"; filename*=UTF-8''suite_2027.10.0.bin");
    assert_eq!(whole.bytes().await.unwrap().as_ref(), new.as_slice());
    let resumed = fetch(&server, &url, Some(&downloader), &[("range", "bytes=1000000-"), ("if-range", &etag)]).await;
    assert_eq!(resumed.status(), 206);
    assert_eq!(header(&resumed, "content-range"), "bytes 1000000-2499999/2500000");
    assert_eq!(header(&resumed, "content-length"), "1500000");
    assert_eq!(resumed.bytes().await.unwrap().as_ref(), &new[1_000_000..]);
    let suffix = fetch(&server, &url, Some(&downloader), &[("range", "bytes=-10")]).await;
    assert_eq!((suffix.status().as_u16(), header(&suffix, "content-range").to_owned()), (206, "bytes 2499990-2499999/2500000".into()));
    assert_eq!(suffix.bytes().await.unwrap().as_ref(), &new[2_499_990..]);
    // A range of another file (If-Range with an old ETag) gets the whole file, not a splice.
    let changed = fetch(&server, &url, Some(&downloader), &[("range", "bytes=5-"), ("if-range", "\"0000\"")]).await;
    assert_eq!((changed.status().as_u16(), header(&changed, "content-length").to_owned()), (200, "2500000".into()));
    let beyond = fetch(&server, &url, Some(&downloader), &[("range", "bytes=2500000-")]).await;
    assert_eq!((beyond.status().as_u16(), header(&beyond, "content-range").to_owned()), (416, "bytes */2500000".into()));
    let (_, problem) = support::read(beyond).await;
    assert_eq!(problem["code"], "invalid_request");
    let cached = fetch(&server, &url, Some(&downloader), &[("if-none-match", &etag)]).await;
    assert_eq!(cached.status(), 304);
    let head = server.http.head(&url).bearer_auth(&downloader).send().await.unwrap();
    assert_eq!((head.status().as_u16(), header(&head, "content-length").to_owned()), (200, "2500000".into()));

    // Latchkey itself is public; anything else needs a token, and a bad one is refused.
    let own_url = format!("{}/v1/releases/{}/file", server.url, own["id"].as_str().unwrap());
    let anonymous = fetch(&server, &own_url, None, &[]).await;
    assert_eq!(anonymous.status(), 200);
    assert_eq!(anonymous.bytes().await.unwrap().as_ref(), b"the client itself");
    let (status, problem) = support::read(fetch(&server, &url, None, &[]).await).await;
    assert_eq!((status, &problem["code"]), (401, &json!("unauthorized")), "{problem}");
    let (status, problem) = support::read(fetch(&server, &url, Some("forged.token.here"), &[]).await).await;
    assert_eq!((status, &problem["code"]), (401, &json!("unauthorized")), "{problem}");
    let (status, problem) =
        support::read(fetch(&server, &format!("{}/v1/releases/rel_nope/file", server.url), Some(&downloader), &[]).await).await;
    assert_eq!((status, &problem["code"]), (404, &json!("not_found")), "{problem}");

    // Audited: who, what, from which byte (the HEAD and the 304 are not downloads).
    let rows: Vec<(Option<String>, String)> =
        sqlx::query_as("SELECT user_id, detail FROM audit_log WHERE event = 'release.download' ORDER BY at, id")
            .fetch_all(&server.state.db.pool)
            .await
            .unwrap();
    assert_eq!(rows.len(), 5, "{rows:?}");
    let users: Vec<bool> = rows.iter().map(|(user, _)| user.is_some()).collect();
    assert_eq!(users.iter().filter(|u| **u).count(), 4, "four by the member, one anonymous: {rows:?}");
    let starts: Vec<i64> = rows.iter().map(|(_, d)| serde_json::from_str::<Value>(d).unwrap()["from_byte"].as_i64().unwrap()).collect();
    assert!(starts.contains(&1_000_000) && starts.contains(&2_499_990), "{starts:?}");

    // Yanked: no longer offered (the older version is) nor served.
    let yank = cli(&server, &["release", "yank", published["id"].as_str().unwrap(), "--json"]);
    assert!(yank.status.success(), "{}", String::from_utf8_lossy(&yank.stderr));
    let yanked: Value = serde_json::from_slice(&yank.stdout).unwrap();
    assert!(yanked["yanked_at"].is_string(), "{yanked}");
    let body = catalog(&server, &downloader).await;
    assert_eq!(offered(&body, "suite", "linux-x64-deb")["version"], "2027.9.0");
    assert_eq!(fetch(&server, &url, Some(&downloader), &[]).await.status(), 404);
    let list = cli(&server, &["release", "list", "--product", "suite"]);
    let text = String::from_utf8_lossy(&list.stdout);
    assert_eq!(text.lines().count(), 3, "{text}");
    assert!(text.lines().next().unwrap().contains("2027.10.0") && text.contains("yanked"), "newest first: {text}");
}

async fn the_download_role_and_the_organization_decide_who_downloads(backend: Backend) {
    let Fixture { server, admin, downloader, org, .. } = fixture(backend).await;
    let release = publish(&server, "suite", "1.0.0", "linux-x64-rpm", b"rpm bytes");
    let url = format!("{}/v1/releases/{}/file", server.url, release["id"].as_str().unwrap());

    // The contact administers but lacks the role: the catalogue says so, the file is 403.
    let body = catalog(&server, &admin).await;
    let suite = product(&body, "suite");
    assert_eq!((suite["may_download"].clone(), suite["blocked_by"].clone()), (json!(false), json!("role_required")), "{suite}");
    assert_eq!(suite["releases"][0]["version"], "1.0.0", "they still see what exists");
    let (status, problem) = support::read(fetch(&server, &url, Some(&admin), &[]).await).await;
    assert_eq!((status, &problem["code"]), (403, &json!("download_not_permitted")), "{problem}");
    assert!(problem["detail"].as_str().unwrap().contains("Download role"), "{problem}");

    // The organization withholds the product: blocked for everyone in it.
    let policy = json!({"update_channel": "auto", "products": [{"product": "suite", "allowed": false}]});
    let (status, answer) = put_policy(&server, &admin, &org, policy).await;
    assert_eq!(status, 200, "{answer}");
    let body = catalog(&server, &downloader).await;
    assert_eq!(product(&body, "suite")["blocked_by"], "not_allowed_by_organization");
    let (status, problem) = support::read(fetch(&server, &url, Some(&downloader), &[]).await).await;
    assert_eq!((status, &problem["code"]), (403, &json!("download_not_permitted")), "{problem}");

    // A product the organization does not subscribe to is not in the catalogue nor served.
    let other = publish(&server, "other-product", "1.0.0", "linux-x64-deb", b"not yours");
    assert!(catalog(&server, &downloader).await["products"].as_array().unwrap().iter().all(|p| p["product"] != "other-product"));
    let other_url = format!("{}/v1/releases/{}/file", server.url, other["id"].as_str().unwrap());
    let (status, problem) = support::read(fetch(&server, &other_url, Some(&downloader), &[]).await).await;
    assert_eq!((status, &problem["code"]), (403, &json!("download_not_permitted")), "{problem}");
    assert_eq!(server.audit_events("release.download").await, 0, "refusals are not downloads");
}

async fn put_policy(server: &TestServer, token: &str, org: &str, policy: Value) -> (u16, Value) {
    let request = server.http.put(format!("{}/v1/orgs/{org}/software", server.url)).bearer_auth(token).json(&policy);
    support::read(request.send().await.unwrap()).await
}

async fn an_organization_pins_versions_and_sets_the_update_channel(backend: Backend) {
    let Fixture { server, admin, downloader, org, .. } = fixture(backend).await;
    let first = publish(&server, "suite", "1.0.0", "linux-x64-deb", b"one");
    let second = publish(&server, "suite", "2.0.0", "linux-x64-deb", b"two");
    publish(&server, "latchkey", "1.0.0", "linux-x64-deb", b"client one");
    publish(&server, "latchkey", "1.1.0", "linux-x64-deb", b"client two");
    let (status, policy) = server.get(&format!("/v1/orgs/{org}/software"), Some(&admin)).await;
    assert_eq!(status, 200, "{policy}");
    assert_eq!(policy, json!({"update_channel": "auto", "products": [{"product": "suite", "allowed": true, "pinned_version": null}]}));

    let pinned = json!({"update_channel": "off", "products": [{"product": "suite", "allowed": true, "pinned_version": "1.0.0"}]});
    let (status, answer) = put_policy(&server, &admin, &org, pinned.clone()).await;
    assert_eq!((status, &answer), (200, &pinned));
    assert_eq!(server.audit_events("org.software_policy").await, 1);
    let body = catalog(&server, &downloader).await;
    assert_eq!(body["update_channel"], "off");
    assert_eq!(product(&body, "suite")["pinned_version"], "1.0.0");
    assert_eq!(offered(&body, "suite", "linux-x64-deb")["id"], first["id"]);
    assert_eq!(offered(&body, "latchkey", "linux-x64-deb")["version"], "1.1.0", "Latchkey's own newest release is offered");
    let url = |release: &Value| format!("{}/v1/releases/{}/file", server.url, release["id"].as_str().unwrap());
    assert_eq!(fetch(&server, &url(&first), Some(&downloader), &[]).await.status(), 200);
    let (status, problem) = support::read(fetch(&server, &url(&second), Some(&downloader), &[]).await).await;
    assert_eq!((status, &problem["code"]), (403, &json!("download_not_permitted")), "{problem}");
    assert!(problem["detail"].as_str().unwrap().contains("1.0.0"), "{problem}");

    // Refused whole, each bad entry named; nothing changes.
    let bad = json!({"update_channel": "auto", "products": [
        {"product": "suite", "allowed": true, "pinned_version": "9.9.9"},
        {"product": "not-subscribed", "allowed": true},
        {"product": "suite", "allowed": true, "pinned_version": "bad version"},
    ]});
    let (status, problem) = put_policy(&server, &admin, &org, bad).await;
    assert_eq!((status, &problem["code"]), (400, &json!("invalid_request")), "{problem}");
    assert_eq!(
        problem["errors"],
        json!([
            {"field": "products[0].pinned_version", "code": "unknown_version"},
            {"field": "products[1].product", "code": "not_subscribed"},
            {"field": "products[2].product", "code": "duplicate"},
            {"field": "products[2].pinned_version", "code": "invalid_version"},
        ])
    );
    let (status, problem) = put_policy(&server, &admin, &org, json!({"update_channel": "sometimes", "products": []})).await;
    assert_eq!((status, &problem["code"]), (400, &json!("invalid_request")), "{problem}");
    assert!(problem["detail"].as_str().unwrap().contains("update_channel"), "{problem}");
    let (_, unchanged) = server.get(&format!("/v1/orgs/{org}/software"), Some(&admin)).await;
    assert_eq!(unchanged, pinned);
    // Only administrators of this organization.
    let (status, problem) = put_policy(&server, &downloader, &org, pinned.clone()).await;
    assert_eq!((status, &problem["code"]), (403, &json!("forbidden")), "{problem}");
    let (status, _) = server.get(&format!("/v1/orgs/{org}/software"), Some(&downloader)).await;
    assert_eq!(status, 403);

    // Back to the latest.
    let latest = json!({"update_channel": "notify", "products": []});
    let (status, answer) = put_policy(&server, &admin, &org, latest).await;
    assert_eq!(status, 200, "{answer}");
    assert_eq!(answer["products"][0]["pinned_version"], Value::Null);
    assert_eq!(offered(&catalog(&server, &downloader).await, "suite", "linux-x64-deb")["id"], second["id"]);
}

fn store_files(server: &TestServer) -> Vec<String> {
    let root = server.state.settings.release_store.folder().unwrap().to_owned();
    let Ok(entries) = std::fs::read_dir(&root) else { return Vec::new() };
    let mut names: Vec<String> = entries.map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    names
}

async fn bad_publications_are_refused_by_name_and_leave_nothing(backend: Backend) {
    let smtp = Smtp::start();
    let server = TestServer::start(backend, &smtp, &[]).await;
    let release = publish(&server, "suite", "1.0.0", "linux-x64-deb", b"first");
    let before = store_files(&server);
    assert_eq!(before, vec![release["sha256"].as_str().unwrap().to_owned()]);
    let file = server.dir().path().join("other.deb");
    std::fs::write(&file, b"different bytes").unwrap();
    let path = file.to_str().unwrap();
    let missing = server.dir().path().join("missing.deb");
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (vec!["--product", "suite", "--version", "1.0.0", "--platform", "linux-x64-deb", "--file", path], "already published"),
        (vec!["--product", "suite", "--version", "1.0 beta", "--platform", "linux-x64-deb", "--file", path], "version: invalid_version"),
        (vec!["--product", "su/ite", "--version", "1.0.1", "--platform", "linux-x64-deb", "--file", path], "not a product identifier"),
        (vec!["--product", "suite", "--version", "1.0.1", "--platform", "windows", "--file", path], "windows-x64"),
        (
            vec!["--product", "suite", "--version", "1.0.1", "--platform", "linux-x64-deb", "--file", missing.to_str().unwrap()],
            "missing.deb",
        ),
        (
            vec![
                "--product",
                "suite",
                "--version",
                "1.0.1",
                "--platform",
                "linux-x64-deb",
                "--file",
                path,
                "--notes",
                "/nonexistent/notes.md",
            ],
            "notes",
        ),
    ];
    for (args, expected) in cases {
        let output = cli(&server, &[&["release", "publish"], args.as_slice()].concat());
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(stderr.contains(expected), "{args:?}: expected {expected:?} in {stderr}");
    }
    assert_eq!(store_files(&server), before, "no file was left in the store");
    let count: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM releases").fetch_one(&server.state.db.pool).await.unwrap();
    assert_eq!(count, 1);
    let unknown = cli(&server, &["release", "yank", "rel_unknown"]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("rel_unknown"));
    assert!(server.state.settings.release_store.folder().unwrap().is_dir());
}

async fn the_terms_link_the_operators_trust_center(backend: Backend) {
    let smtp = Smtp::start();
    let server = TestServer::start(backend, &smtp, &[("LATCHKEY_TRUST_CENTER_URL", "https://trust.example.com/latchkey")]).await;
    server.publish_tos("2026-12", "en").await;
    let (status, document) = server.get("/v1/tos/current", None).await;
    assert_eq!((status, &document["trust_center_url"]), (200, &json!("https://trust.example.com/latchkey")), "{document}");
    server.purchase("trust@acme.example").await;
    server.set_password(&smtp, "trust@acme.example", 1).await;
    let (status, answer) = server.post("/v1/sessions", json!({"email": "trust@acme.example", "password": support::PASSWORD})).await;
    assert_eq!((status, &answer["status"]), (200, &json!("tos_required")), "{answer}");
    assert_eq!(answer["tos"]["trust_center_url"], "https://trust.example.com/latchkey", "beside the Terms to accept");
    // Without the setting, no field at all.
    let plain = TestServer::start(backend, &smtp, &[]).await;
    plain.publish_tos("2026-12", "en").await;
    let (_, document) = plain.get("/v1/tos/current", None).await;
    assert_eq!(document.get("trust_center_url"), None, "{document}");
}

async fn releases_live_in_an_object_store_shared_by_two_instances(backend: Backend) {
    let mut s3 = S3::start().await;
    let prefix = format!("deployment-{}", support::free_port());
    let settings = s3.settings(&prefix);
    let extra: Vec<(&str, &str)> = settings.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let smtp = Smtp::start();
    let first = TestServer::start(backend, &smtp, &extra).await;
    // The second instance of the deployment: the same database, bucket and public address.
    let mut second_settings = extra.clone();
    second_settings.push(("LATCHKEY_PUBLIC_URL", &first.url));
    let second = TestServer::start_on(&first.database_url, first.dir(), Some(&smtp), &second_settings).await;
    let session = first.signed_in_user(&smtp, "fc@objects.example").await;
    let org = session["user"]["org"]["id"].as_str().unwrap().to_owned();
    let admin = session["access_token"].as_str().unwrap().to_owned();
    let downloader = member(&first, &smtp, &admin, &org, "dl@objects.example", &["product_delivery_download"]).await;

    // Published through the operator's command straight into the bucket, uploaded in parts.
    let bytes = payload(9, 12 * 1024 * 1024 + 5);
    let file = first.dir().path().join("suite_3.0.0.deb");
    std::fs::write(&file, &bytes).unwrap();
    let published = cli_with(
        &first,
        &settings,
        &[
            "release",
            "publish",
            "--product",
            "suite",
            "--version",
            "3.0.0",
            "--platform",
            "linux-x64-deb",
            "--file",
            file.to_str().unwrap(),
            "--json",
        ],
    );
    assert!(published.status.success(), "{}", String::from_utf8_lossy(&published.stderr));
    let release: Value = serde_json::from_slice(&published.stdout).unwrap();
    let sha256 = release["sha256"].as_str().unwrap();
    assert_eq!(s3.keys(&prefix).await, vec![format!("{prefix}/{sha256}")], "one object, under its hash");
    assert!(!first.dir().path().join("releases").exists(), "nothing in the data folder");

    // Either instance serves it, whole or in ranges, from the bucket.
    let url = |server: &TestServer| format!("{}/v1/releases/{}/file", server.url, release["id"].as_str().unwrap());
    let whole = fetch(&second, &url(&second), Some(&downloader), &[]).await;
    assert_eq!((whole.status().as_u16(), header(&whole, "etag").to_owned()), (200, format!("\"{sha256}\"")));
    assert_eq!(whole.bytes().await.unwrap().as_ref(), bytes.as_slice());
    let resumed = fetch(&first, &url(&first), Some(&downloader), &[("range", "bytes=10000000-")]).await;
    assert_eq!(resumed.status(), 206);
    assert_eq!(resumed.bytes().await.unwrap().as_ref(), &bytes[10_000_000..]);

    // The store away: publishing fails whole (exit 1, the store named), nothing is recorded.
    s3.stop();
    let other = first.dir().path().join("suite_3.0.1.deb");
    std::fs::write(&other, b"newer").unwrap();
    let failed = cli_with(
        &first,
        &settings,
        &[
            "release",
            "publish",
            "--product",
            "suite",
            "--version",
            "3.0.1",
            "--platform",
            "linux-x64-deb",
            "--file",
            other.to_str().unwrap(),
        ],
    );
    let stderr = String::from_utf8_lossy(&failed.stderr);
    assert_eq!(failed.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains(&format!("s3://releases/{prefix}")), "{stderr}");
    assert!(!stderr.contains("test-secret-key"), "the secret key is never printed: {stderr}");
    let count: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM releases").fetch_one(&first.state.db.pool).await.unwrap();
    assert_eq!(count, 1);
}
