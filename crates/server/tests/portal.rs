//! The portal's defences over real HTTP, on SQLite and on PostgreSQL: outsiders (a plain member,
//! another organization's administrator, a demoted administrator) are refused every page and
//! every action and change nothing; every change needs the form's CSRF token and comes from the
//! portal's own pages; the session cookie's attributes and its end (sign-out, a password reset,
//! idleness); bad input answered with a page that names the problem.

use latchkey_test_support as support;

use latchkey_protocol::Language;
use latchkey_server::portal::i18n::Texts;
use serde_json::{json, Value};
use support::portal::{Page, PortalClient};
use support::{Backend, Smtp, TestServer, PASSWORD};

support::on_both_databases!(
    outsiders_are_refused_every_page_and_action,
    every_change_needs_the_forms_csrf_token,
    the_session_cookie_and_what_ends_it,
    bad_input_gets_a_page_naming_the_problem,
    every_page_speaks_the_nine_languages,
    an_upload_is_imported_once,
    administrators_set_the_software_policy_and_anyone_downloads_latchkey,
);

async fn api(server: &TestServer, method: reqwest::Method, path: &str, token: &str, body: Option<Value>) -> (u16, Value) {
    let mut request = server.http.request(method, format!("{}{path}", server.url)).bearer_auth(token);
    if let Some(body) = body {
        request = request.json(&body);
    }
    support::read(request.send().await.unwrap()).await
}

/// Organization A (Fran, its contact; Cody, a co-administrator; Pat, a plain member; a pending
/// join request of Ivy) and organization B (Zed).
struct World {
    server: TestServer,
    smtp: Smtp,
    org: String,
    fran_token: String,
    cody: String,
    pat: String,
    request: String,
}

async fn world(backend: Backend) -> World {
    let smtp = Smtp::start();
    let server = TestServer::start(backend, &smtp, &[]).await;
    server.publish_tos("1", "en").await;
    let org = server.purchase("fran@acme.example").await["id"].as_str().unwrap().to_owned();
    server.set_password(&smtp, "fran@acme.example", 1).await;
    let fran_token = server.sign_in("fran@acme.example").await["access_token"].as_str().unwrap().to_owned();
    let mut ids = Vec::new();
    for (email, roles) in [("cody@acme.example", json!(["co_admin"])), ("pat@acme.example", json!([]))] {
        let body = json!({"email": email, "first_name": "M", "last_name": "Ember", "country": "gb", "roles": roles});
        let (status, added) = api(&server, reqwest::Method::POST, &format!("/v1/orgs/{org}/users"), &fran_token, Some(body)).await;
        assert_eq!(status, 201, "{added}");
        server.set_password(&smtp, email, 1).await;
        ids.push(added["id"].as_str().unwrap().to_owned());
    }
    let domain = format!("/v1/orgs/{org}/domains/acme.example");
    assert_eq!(api(&server, reqwest::Method::PUT, &domain, &fran_token, Some(json!({"auto_approve": false}))).await.0, 200);
    let (status, _) =
        server.post("/v1/register", json!({"email": "ivy@acme.example", "first_name": "Ivy", "last_name": "R", "country": "gb"})).await;
    assert_eq!(status, 202);
    let code = smtp.code("ivy@acme.example", 1).await;
    let (status, _) = server.post("/v1/password/reset", json!({"email": "ivy@acme.example", "code": code, "new_password": PASSWORD})).await;
    assert_eq!(status, 200);
    let (_, requests) = api(&server, reqwest::Method::GET, &format!("/v1/orgs/{org}/requests"), &fran_token, None).await;
    let request = requests["requests"][0]["id"].as_str().unwrap().to_owned();
    server.purchase("zed@zeta.example").await;
    server.set_password(&smtp, "zed@zeta.example", 1).await;
    World { cody: ids[0].clone(), pat: ids[1].clone(), server, smtp, org, fran_token, request }
}

/// Everything an outsider could change, as text.
async fn snapshot(server: &TestServer) -> String {
    let mut text = String::new();
    for sql in [
        "SELECT id || ':' || COALESCE(org_id, '-') || ':' || email FROM users ORDER BY 1",
        "SELECT user_id || ':' || role FROM user_roles ORDER BY 1",
        "SELECT id || ':' || org_id FROM join_requests ORDER BY 1",
        "SELECT domain || ':' || org_id || ':' || CAST(auto_approve AS TEXT) FROM domains ORDER BY 1",
        "SELECT id || ':' || org_id FROM admin_uploads ORDER BY 1",
        "SELECT id || ':' || update_channel FROM orgs ORDER BY 1",
        "SELECT org_id || ':' || product || ':' || CAST(allowed AS TEXT) FROM org_software ORDER BY 1",
    ] {
        let rows: Vec<String> = sqlx::query_scalar(sql).fetch_all(&server.state.db.pool).await.unwrap();
        text.push_str(&rows.join("\n"));
        text.push_str("\n--\n");
    }
    text
}

const GOOD_FILE: &[u8] = b"email,first_name,last_name,country\nnew@acme.example,New,Person,DE\n";

/// Fran, signed in to the portal, with a bulk file waiting: (client, upload id).
async fn fran_with_an_upload(world: &World) -> (PortalClient, String) {
    let fran = PortalClient::new(&world.server.url);
    assert!(fran.sign_in("fran@acme.example", PASSWORD).await.redirects_to("/admin/users"));
    fran.get("/admin/bulk").await;
    let uploaded = fran.upload("/admin/bulk", Some(&fran.csrf()), "new.csv", GOOD_FILE).await;
    let location = uploaded.location.clone().unwrap_or_else(|| panic!("{} {}", uploaded.status, uploaded.body));
    (fran, location.trim_start_matches("/admin/bulk/").to_owned())
}

/// Every page of organization A's things.
fn pages(world: &World, upload: &str) -> Vec<String> {
    vec![
        "/admin/users".into(),
        "/admin/users?q=pat".into(),
        "/admin/users/new".into(),
        format!("/admin/users/{}", world.pat),
        "/admin/bulk".into(),
        "/admin/bulk/template.csv".into(),
        format!("/admin/bulk/{upload}"),
        format!("/admin/bulk/{upload}/errors.csv"),
        "/admin/domains".into(),
        "/admin/requests".into(),
        "/admin/organization".into(),
        "/admin/software".into(),
    ]
}

/// Every change to organization A's things: (path, form fields).
fn changes(world: &World, upload: &str) -> Vec<(String, Vec<(&'static str, String)>)> {
    vec![
        (
            "/admin/users/new".into(),
            vec![("email", "x@acme.example".into()), ("first_name", "X".into()), ("last_name", "Y".into()), ("country", "DE".into())],
        ),
        (format!("/admin/users/{}/roles", world.pat), vec![("roles", "account_admin".into())]),
        (format!("/admin/users/{}/roles", world.cody), vec![]),
        (format!("/admin/users/{}/remove", world.pat), vec![]),
        (format!("/admin/bulk/{upload}/import"), vec![]),
        ("/admin/domains/acme.example".into(), vec![("auto_approve", "on".into())]),
        (format!("/admin/requests/{}/approve", world.request), vec![]),
        (format!("/admin/requests/{}/reject", world.request), vec![]),
        ("/admin/software".into(), vec![("update_channel", "off".into())]),
    ]
}

async fn post_change(client: &PortalClient, path: &str, fields: &[(&'static str, String)]) -> Page {
    let fields: Vec<(&str, &str)> = fields.iter().map(|(n, v)| (*n, v.as_str())).collect();
    client.post(path, &fields).await
}

async fn outsiders_are_refused_every_page_and_action(backend: Backend) {
    let world = world(backend).await;
    let english = Texts::new(Language::En);
    let (_fran, upload) = fran_with_an_upload(&world).await;
    let before = snapshot(&world.server).await;

    // A plain member: the password is right, but there is no session for them.
    let pat = PortalClient::new(&world.server.url);
    let refused = pat.sign_in("pat@acme.example", PASSWORD).await;
    assert_eq!(refused.status, 403, "{}", refused.body);
    assert!(refused.body.contains(&english.t("error-not-admin")));
    let revoked: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM token_families f JOIN users u ON u.id = f.user_id WHERE u.email = $1 AND f.revoked_at IS NULL",
    )
    .bind("pat@acme.example")
    .fetch_one(&world.server.state.db.pool)
    .await
    .unwrap();
    assert_eq!(revoked, 0, "the refused sign-in leaves no live session behind");
    for path in pages(&world, &upload) {
        assert!(pat.get(&path).await.redirects_to("/admin/sign-in"), "{path}");
    }
    for (path, fields) in changes(&world, &upload) {
        assert!(post_change(&pat, &path, &fields).await.redirects_to("/admin/sign-in"), "{path}");
    }
    let upload_page = pat.upload("/admin/bulk", Some(&pat.csrf()), "x.csv", GOOD_FILE).await;
    assert!(upload_page.redirects_to("/admin/sign-in"));
    // Nor does a Terms ticket from the API, slipped into the portal's cookie, open a session.
    world.server.publish_tos("2", "en").await;
    let (status, required) = world.server.post("/v1/sessions", json!({"email": "pat@acme.example", "password": PASSWORD})).await;
    assert_eq!((status, required["status"].as_str()), (200, Some("tos_required")), "{required}");
    pat.set_cookie("latchkey_admin_tos", required["tos_ticket"].as_str().unwrap());
    let terms = pat.get("/admin/terms").await;
    assert_eq!(terms.status, 200);
    let accepted = pat.post("/admin/terms", &[("version", "2"), ("decision", "accept")]).await;
    assert_eq!(accepted.status, 403, "{}", accepted.body);
    assert!(accepted.body.contains(&english.t("error-not-admin")));
    assert!(pat.get("/admin/users").await.redirects_to("/admin/sign-in"));
    let sessions: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM admin_sessions").fetch_one(&world.server.state.db.pool).await.unwrap();
    assert_eq!(sessions, 1, "only Fran's session exists");

    // Another organization's administrator sees only their own, and reaches nothing of A's.
    let zed = PortalClient::new(&world.server.url);
    assert!(zed.sign_in("zed@zeta.example", PASSWORD).await.redirects_to("/admin/users"));
    let own = zed.get("/admin/users").await;
    assert_eq!(own.status, 200);
    assert!(own.body.contains("zed@zeta.example") && !own.body.contains("acme.example"), "{}", own.body);
    assert_eq!(zed.get(&format!("/admin/users/{}", world.pat)).await.status, 404);
    for path in [format!("/admin/bulk/{upload}"), format!("/admin/bulk/{upload}/errors.csv")] {
        assert!(zed.get(&path).await.redirects_to("/admin/bulk"), "{path}: another session's upload is not there");
    }
    let requests = zed.get("/admin/requests").await;
    assert!(!requests.body.contains("ivy@acme.example"));
    for (path, fields) in changes(&world, &upload) {
        let page = post_change(&zed, &path, &fields).await;
        let refused = matches!(page.status, 403 | 404 | 409) || page.redirects_to("/admin/bulk");
        // Adding x@acme.example to Zed's own organization, and setting its software policy, are
        // Zed's right: they change only B.
        if path == "/admin/users/new" || path == "/admin/software" {
            continue;
        }
        assert!(refused, "{path}: {} {}", page.status, page.body);
    }
    let added_to_b: Option<String> =
        sqlx::query_scalar("SELECT o.name FROM users u JOIN orgs o ON o.id = u.org_id WHERE u.email = 'x@acme.example'")
            .fetch_optional(&world.server.state.db.pool)
            .await
            .unwrap();
    assert_eq!(added_to_b.as_deref(), Some("Org of zed@zeta.example"));
    sqlx::query("DELETE FROM users WHERE email = 'x@acme.example'").execute(&world.server.state.db.pool).await.unwrap();
    let b: String = sqlx::query_scalar("SELECT id FROM orgs WHERE name = 'Org of zed@zeta.example'")
        .fetch_one(&world.server.state.db.pool)
        .await
        .unwrap();
    assert_eq!(
        sqlx::query_scalar::<_, String>("SELECT update_channel FROM orgs WHERE id = $1")
            .bind(&b)
            .fetch_one(&world.server.state.db.pool)
            .await
            .unwrap(),
        "off"
    );
    sqlx::query("UPDATE orgs SET update_channel = 'auto' WHERE id = $1").bind(&b).execute(&world.server.state.db.pool).await.unwrap();
    sqlx::query("DELETE FROM org_software WHERE org_id = $1").bind(&b).execute(&world.server.state.db.pool).await.unwrap();
    assert_eq!(snapshot(&world.server).await, before, "another organization's administrator changed nothing of A's");

    // An administrator demoted while signed in loses every page and action at once.
    let cody = PortalClient::new(&world.server.url);
    assert!(cody.sign_in("cody@acme.example", PASSWORD).await.redirects_to("/admin/users"));
    assert_eq!(cody.get("/admin/users").await.status, 200);
    let roles = format!("/v1/orgs/{}/users/{}/roles", world.org, world.cody);
    assert_eq!(api(&world.server, reqwest::Method::PUT, &roles, &world.fran_token, Some(json!({"roles": []}))).await.0, 200);
    let before = snapshot(&world.server).await;
    for path in pages(&world, &upload) {
        let page = cody.get(&path).await;
        assert_eq!(page.status, 403, "{path}");
        assert!(page.body.contains(&english.t("error-forbidden")), "{path}");
    }
    for (path, fields) in changes(&world, &upload) {
        assert_eq!(post_change(&cody, &path, &fields).await.status, 403, "{path}");
    }
    assert_eq!(cody.upload("/admin/bulk", Some(&cody.csrf()), "x.csv", GOOD_FILE).await.status, 403);
    assert_eq!(snapshot(&world.server).await, before, "the demoted administrator changed nothing");
}

/// Posts `fields` with `csrf` (none: no such field) and `headers`.
async fn attempt(
    client: &PortalClient,
    path: &str,
    fields: &[(&'static str, String)],
    csrf: Option<&str>,
    headers: &[(&str, &str)],
) -> Page {
    let mut all: Vec<(&str, &str)> = fields.iter().map(|(n, v)| (*n, v.as_str())).collect();
    if let Some(csrf) = csrf {
        all.push(("csrf", csrf));
    }
    client.post_exactly(path, &all, headers).await
}

async fn every_change_needs_the_forms_csrf_token(backend: Backend) {
    let world = world(backend).await;
    let english = Texts::new(Language::En);
    let (fran, upload) = fran_with_an_upload(&world).await;
    fran.get("/admin/users").await;
    let token = fran.csrf();
    let stranger = PortalClient::new(&world.server.url);
    stranger.get("/admin/sign-in").await;
    let strangers_token = stranger.csrf();
    assert_ne!(token, strangers_token);
    let before = snapshot(&world.server).await;
    let mut routes = changes(&world, &upload);
    routes.push(("/admin/sign-out".into(), vec![]));
    for (path, fields) in routes {
        for (what, page) in [
            ("no token", attempt(&fran, &path, &fields, None, &[]).await),
            ("another browser's token", attempt(&fran, &path, &fields, Some(&strangers_token), &[]).await),
            ("an empty token", attempt(&fran, &path, &fields, Some(""), &[]).await),
            ("a cross-site request", attempt(&fran, &path, &fields, Some(&token), &[("sec-fetch-site", "cross-site")]).await),
            ("another origin", attempt(&fran, &path, &fields, Some(&token), &[("origin", "http://evil.example")]).await),
        ] {
            assert_eq!(page.status, 403, "{path} with {what}: {}", page.body);
            if what.contains("token") {
                assert!(page.body.contains(&english.t("error-csrf")), "{path} with {what}: {}", page.body);
            }
        }
    }
    assert_eq!(fran.upload("/admin/bulk", None, "x.csv", GOOD_FILE).await.status, 403);
    assert_eq!(fran.upload("/admin/bulk", Some(&strangers_token), "x.csv", GOOD_FILE).await.status, 403);
    // Signing in needs the token too (no login CSRF).
    let fresh = PortalClient::new(&world.server.url);
    let page = fresh.post_exactly("/admin/sign-in", &[("email", "fran@acme.example"), ("password", PASSWORD)], &[]).await;
    assert_eq!(page.status, 403);
    assert_eq!(snapshot(&world.server).await, before, "no refused change wrote anything");
    assert_eq!(fran.get("/admin/users").await.status, 200, "the refusals did not end the session");

    // With the token, from the portal's own page, the same change is done.
    let page = fran
        .post_exactly(
            "/admin/users/new",
            &[("csrf", &token), ("email", "x@acme.example"), ("first_name", "X"), ("last_name", "Y"), ("country", "DE")],
            &[("origin", &world.server.url), ("sec-fetch-site", "same-origin")],
        )
        .await;
    assert_eq!(page.status, 303, "{}", page.body);
    assert_ne!(snapshot(&world.server).await, before);
}

async fn the_session_cookie_and_what_ends_it(backend: Backend) {
    let world = world(backend).await;
    let fran = PortalClient::new(&world.server.url);
    let first = fran.get("/admin/sign-in").await;
    let anonymous = fran.cookie("latchkey_admin").unwrap();
    assert!(first.set_cookies[0].contains("HttpOnly") && first.set_cookies[0].contains("SameSite=Strict"), "{:?}", first.set_cookies);
    for (name, expected) in [
        ("content-security-policy", "frame-ancestors 'none'"),
        ("x-frame-options", "DENY"),
        ("cache-control", "no-store"),
        ("x-content-type-options", "nosniff"),
        ("referrer-policy", "same-origin"),
    ] {
        let value = first.headers.get(name).map(|v| v.to_str().unwrap().to_owned()).unwrap_or_default();
        assert!(value.contains(expected), "{name}: {value:?}");
    }
    let signed_in = fran.sign_in("fran@acme.example", PASSWORD).await;
    assert!(signed_in.redirects_to("/admin/users"));
    let session = signed_in.set_cookies.iter().find(|c| c.starts_with("latchkey_admin=")).unwrap();
    for attribute in ["HttpOnly", "SameSite=Strict", "Path=/admin"] {
        assert!(session.contains(attribute), "{session}");
    }
    assert!(!session.contains("Secure"), "plain HTTP (development): {session}");
    let token = fran.cookie("latchkey_admin").unwrap();
    assert_ne!(token, anonymous, "signing in gives the browser a new token (no session fixation)");
    let stored: Vec<String> =
        sqlx::query_scalar("SELECT token_hash FROM admin_sessions").fetch_all(&world.server.state.db.pool).await.unwrap();
    assert_eq!(stored.len(), 1);
    assert_ne!(stored[0], token, "the database keeps only a hash of the cookie");
    assert_eq!(fran.get("/admin/users").await.status, 200);

    // A password reset ends every session, the portal's too.
    world.server.set_password(&world.smtp, "fran@acme.example", 2).await;
    assert!(fran.get("/admin/users").await.redirects_to("/admin/sign-in"));

    // Thirty idle minutes end it.
    assert!(fran.sign_in("fran@acme.example", PASSWORD).await.redirects_to("/admin/users"));
    world.server.clock.advance(29 * 60);
    assert_eq!(fran.get("/admin/users").await.status, 200);
    world.server.clock.advance(29 * 60);
    assert_eq!(fran.get("/admin/users").await.status, 200, "a page view keeps it alive");
    world.server.clock.advance(31 * 60);
    assert!(fran.get("/admin/users").await.redirects_to("/admin/sign-in"));

    // Signing out ends it for good: the old cookie replayed opens nothing, its family is revoked.
    assert!(fran.sign_in("fran@acme.example", PASSWORD).await.redirects_to("/admin/users"));
    let token = fran.cookie("latchkey_admin").unwrap();
    fran.get("/admin/users").await;
    assert!(fran.post("/admin/sign-out", &[]).await.redirects_to("/admin/sign-in"));
    fran.set_cookie("latchkey_admin", &token);
    assert!(fran.get("/admin/users").await.redirects_to("/admin/sign-in"));
    let reason: Option<String> = sqlx::query_scalar("SELECT revoked_reason FROM token_families WHERE revoked_reason = 'signed_out'")
        .fetch_optional(&world.server.state.db.pool)
        .await
        .unwrap();
    assert_eq!(reason.as_deref(), Some("signed_out"));

    // Declining the Terms spends the ticket: replayed, it opens nothing.
    world.server.publish_tos("2", "en").await;
    let declining = PortalClient::new(&world.server.url);
    declining.get("/admin/sign-in").await;
    assert!(declining.post("/admin/sign-in", &[("email", "fran@acme.example"), ("password", PASSWORD)]).await.redirects_to("/admin/terms"));
    let ticket = declining.cookie("latchkey_admin_tos").unwrap();
    declining.get("/admin/terms").await;
    assert!(declining.post("/admin/terms", &[("version", "2"), ("decision", "decline")]).await.redirects_to("/admin/sign-in"));
    declining.set_cookie("latchkey_admin_tos", &ticket);
    assert!(declining.post("/admin/terms", &[("version", "2"), ("decision", "accept")]).await.redirects_to("/admin/sign-in"));
    assert!(declining.get("/admin/users").await.redirects_to("/admin/sign-in"));

    // Served over HTTPS, the cookies are Secure.
    let secure = TestServer::start_on(
        &world.server.database_url,
        world.server.dir(),
        None,
        &[("LATCHKEY_PUBLIC_URL", "https://admin.acme.example")],
    )
    .await;
    let page = PortalClient::new(&secure.url).get("/admin/sign-in").await;
    assert!(page.set_cookies[0].contains("; Secure"), "{:?}", page.set_cookies);
}

async fn bad_input_gets_a_page_naming_the_problem(backend: Backend) {
    let world = world(backend).await;
    let english = Texts::new(Language::En);
    let fran = PortalClient::new(&world.server.url);
    assert!(fran.sign_in("fran@acme.example", PASSWORD).await.redirects_to("/admin/users"));
    fran.get("/admin/bulk").await;
    let csrf = fran.csrf();
    let uploads = || async {
        sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM admin_uploads").fetch_one(&world.server.state.db.pool).await.unwrap()
    };
    let mut huge = b"email,first_name,last_name,country\n".to_vec();
    while huge.len() <= 12 * 1024 * 1024 {
        huge.extend_from_slice(b"someone@acme.example,Some,One,DE\n");
    }
    let mut many = b"email,first_name,last_name,country\n".to_vec();
    for i in 0..100_001 {
        many.extend_from_slice(format!("u{i}@acme.example,A,B,DE\n").as_bytes());
    }
    for (file, status, says) in [
        (b"\xff\xfe\x00binary".to_vec(), 400, "not UTF-8".to_owned()),
        (b"mail,name\nx,y\n".to_vec(), 400, "unknown column `mail`".to_owned()),
        (Vec::new(), 400, english.t("error-file-missing")),
        (huge, 413, english.t("error-too-large")),
        (many, 413, english.t("error-too-many-rows")),
    ] {
        let page = fran.upload("/admin/bulk", Some(&csrf), "bad.csv", &file).await;
        assert_eq!(page.status, status, "{}", page.body);
        assert!(page.body.contains(&says), "expected {says:?}: {}", page.body);
        assert!(page.headers["content-type"].to_str().unwrap().starts_with("text/html"));
    }
    assert_eq!(uploads().await, 0, "no refused file was kept");

    let bad_cursor = fran.get("/admin/users?cursor=%21%21%21").await;
    assert_eq!(bad_cursor.status, 400, "{}", bad_cursor.body);
    let unknown = fran.get("/admin/no-such-page").await;
    assert_eq!(unknown.status, 404);
    assert!(unknown.body.contains(&english.t("error-not-found")));
    assert_eq!(fran.get(&format!("/admin/users/{}x", world.pat)).await.status, 404);
    assert_eq!(fran.get("/admin/bulk/upl_unknown").await.location.as_deref(), Some("/admin/bulk"));

    fran.get("/admin/users/new").await;
    let long = "x".repeat(101);
    let page =
        fran.post("/admin/users/new", &[("email", "ok@acme.example"), ("first_name", &long), ("last_name", "Y"), ("country", "ZZ")]).await;
    assert_eq!(page.status, 400, "{}", page.body);
    assert!(page.body.contains(&english.t("error-field-name")) && page.body.contains(&english.t("error-field-country")));
    assert!(page.body.contains("value=\"ok@acme.example\""), "the form keeps what was typed");
    let page =
        fran.post("/admin/users/new", &[("email", "pat@acme.example"), ("first_name", "P"), ("last_name", "Y"), ("country", "DE")]).await;
    assert_eq!(page.status, 409, "{}", page.body);
    assert!(page.body.contains(&english.t("error-already-member")));
    let page = fran.post(&format!("/admin/users/{}/roles", world.pat), &[("roles", "wizard")]).await;
    assert_eq!(page.status, 400);
    assert!(page.body.contains(&english.t("problem-unknown_role")));
    let me: String =
        sqlx::query_scalar("SELECT id FROM users WHERE email = 'fran@acme.example'").fetch_one(&world.server.state.db.pool).await.unwrap();
    let page = fran.post(&format!("/admin/users/{me}/roles"), &[]).await;
    assert_eq!(page.status, 409, "the contact cannot drop the organization's last Fulfillment Contact: {}", page.body);
    assert!(page.body.contains(&english.t("error-last-administrator")));
    let page = fran.post("/admin/domains/gmail.com", &[("auto_approve", "on")]).await;
    assert_eq!(page.status, 400);
    assert!(page.body.contains(&english.t("error-public-domain")));
    let page = fran.post(&format!("/admin/requests/{}/maybe", world.request), &[]).await;
    assert_eq!(page.status, 404);
    let page = fran.get("/admin/language?lang=xx&next=https://evil.example/").await;
    assert!(page.redirects_to("/admin/users"), "an unknown language and a foreign address are ignored");
}

async fn every_page_speaks_the_nine_languages(backend: Backend) {
    let world = world(backend).await;
    let fran = PortalClient::new(&world.server.url);
    assert!(fran.sign_in("fran@acme.example", PASSWORD).await.redirects_to("/admin/users"));
    let pages = [
        ("/admin/users", "heading-users"),
        ("/admin/users/new", "heading-add-user"),
        ("/admin/bulk", "heading-bulk"),
        ("/admin/domains", "heading-domains"),
        ("/admin/requests", "heading-requests"),
        ("/admin/organization", "heading-organization"),
        ("/admin/software", "heading-software"),
        ("/admin/download", "heading-download"),
    ];
    for language in Language::ALL {
        let switched = fran.get(&format!("/admin/language?lang={}&next=/admin/users", language.code())).await;
        assert!(switched.redirects_to("/admin/users"));
        assert!(switched.set_cookies.iter().any(|c| c.starts_with(&format!("latchkey_admin_lang={}", language.code()))));
        let texts = Texts::new(language);
        for (path, heading) in pages {
            let page = fran.get(path).await;
            assert_eq!(page.status, 200, "{path} in {}", language.code());
            assert!(page.body.contains(&format!("<html lang=\"{}\">", language.code())), "{path} in {}", language.code());
            let title = format!("<h1>{}</h1>", texts.t(heading));
            assert!(page.body.contains(&title), "{path} in {}: no {title}", language.code());
            // The public download page has no administrator's navigation.
            if path != "/admin/download" {
                assert!(page.body.contains(&texts.t("nav-bulk")), "{path} in {}: the navigation", language.code());
            }
        }
    }
    // Without the cookie, the browser's Accept-Language decides.
    let visitor = PortalClient::new(&world.server.url);
    let page = visitor.get_with("/admin/sign-in", &[("accept-language", "pl-PL,pl;q=0.9,en;q=0.5")]).await;
    assert!(page.body.contains(&Texts::new(Language::Pl).t("heading-sign-in")));
}

async fn an_upload_is_imported_once(backend: Backend) {
    let world = world(backend).await;
    let (fran, upload) = fran_with_an_upload(&world).await;
    let report = fran.get(&format!("/admin/bulk/{upload}")).await;
    assert_eq!(report.status, 200);
    let import = format!("/admin/bulk/{upload}/import");
    let (first, second) = tokio::join!(fran.post(&import, &[]), fran.post(&import, &[]));
    let mut statuses = [first.status, second.status];
    statuses.sort_unstable();
    assert_eq!(statuses, [200, 303], "a double click imports once: {} / {}", first.body, second.body);
    let again = fran.post(&import, &[]).await;
    assert!(again.redirects_to("/admin/bulk"), "a reloaded result page imports nothing");
    let members: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM users WHERE email = 'new@acme.example'")
        .fetch_one(&world.server.state.db.pool)
        .await
        .unwrap();
    assert_eq!(members, 1);
    let uploads: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM admin_uploads").fetch_one(&world.server.state.db.pool).await.unwrap();
    assert_eq!(uploads, 0, "the import took the file");
    world.smtp.wait_for_message("new@acme.example", 1).await;
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    assert_eq!(world.smtp.messages_to("new@acme.example").len(), 1, "one invitation");
}

async fn administrators_set_the_software_policy_and_anyone_downloads_latchkey(backend: Backend) {
    let world = world(backend).await;
    let fran = PortalClient::new(&world.server.url);
    assert!(fran.sign_in("fran@acme.example", PASSWORD).await.redirects_to("/admin/users"));
    let page = fran.get("/admin/software").await;
    assert_eq!(page.status, 200, "{}", page.body);
    assert!(page.body.contains("name=\"allow-suite\" checked") && page.body.contains("<option value=\"auto\" selected"), "{}", page.body);

    // Withhold the product and ask for notifications: saved, audited, and what the API answers.
    let saved = fran.post("/admin/software", &[("update_channel", "notify"), ("pin-suite", "")]).await;
    assert!(saved.redirects_to("/admin/software"), "{} {}", saved.status, saved.body);
    let (_, policy) = api(&world.server, reqwest::Method::GET, &format!("/v1/orgs/{}/software", world.org), &world.fran_token, None).await;
    assert_eq!(policy, json!({"update_channel": "notify", "products": [{"product": "suite", "allowed": false, "pinned_version": null}]}));
    assert_eq!(world.server.audit_events("org.software_policy").await, 1);
    let page = fran.get("/admin/software").await;
    assert!(page.body.contains("The software policy is saved."), "{}", page.body);

    // Bad input: a page that names the problem; nothing changes.
    let refused = fran.post("/admin/software", &[("update_channel", "sometimes"), ("allow-suite", "on")]).await;
    assert_eq!(refused.status, 400, "{}", refused.body);
    assert!(refused.body.contains("update_channel"), "{}", refused.body);
    let refused = fran.post("/admin/software", &[("update_channel", "auto"), ("allow-suite", "on"), ("pin-suite", "9.9.9")]).await;
    assert_eq!(refused.status, 400, "{}", refused.body);
    let (_, unchanged) =
        api(&world.server, reqwest::Method::GET, &format!("/v1/orgs/{}/software", world.org), &world.fran_token, None).await;
    assert_eq!(unchanged, policy);

    // The public download page: empty, then Latchkey's installers with their hashes.
    let anyone = PortalClient::new(&world.server.url);
    assert!(anyone.get("/download").await.redirects_to("/admin/download"), "the short address");
    let page = anyone.get("/admin/download").await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("No installer is published yet."), "{}", page.body);
    let scratch = tempfile::tempdir().unwrap();
    let file = scratch.path().join("Latchkey-1.2.0-x64.msi");
    std::fs::write(&file, b"an msi").unwrap();
    let store = &world.server.state.release_store;
    let publication = latchkey_server::releases::Publication {
        product: "latchkey",
        version: "1.2.0",
        platform: latchkey_protocol::delivery::Platform::WindowsX64,
        file: &file,
        notes: None,
        package_id: Some("Latchkey"),
    };
    let release = latchkey_server::releases::publish(&world.server.state.db, store, world.server.state.now(), publication).await.unwrap();
    let page = anyone.get("/admin/download").await;
    assert!(page.body.contains("Windows (64-bit): Latchkey 1.2.0"), "{}", page.body);
    assert!(
        page.body.contains(&format!("href=\"/v1/releases/{}/file\"", release.id)) && page.body.contains(&release.sha256),
        "{}",
        page.body
    );
    let file = world.server.http.get(format!("{}/v1/releases/{}/file", world.server.url, release.id)).send().await.unwrap();
    assert_eq!((file.status().as_u16(), file.bytes().await.unwrap().as_ref()), (200, b"an msi".as_slice()), "public, no session");
}
