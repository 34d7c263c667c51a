//! User management over real HTTP with the real SMTP sink, on SQLite and on PostgreSQL: the seed's
//! whole administrator process, isolation between organizations, the role rules, domains and join
//! requests, and bulk files that must be refused whole.

use latchkey_test_support as support;

use serde_json::{json, Value};
use support::{Backend, Smtp, TestServer};

support::on_both_databases!(
    the_administrator_process_from_purchase_to_download,
    administration_is_for_the_organizations_own_administrators,
    roles_follow_the_order_of_authority_and_an_administrator_remains,
    domains_and_join_requests,
    bad_files_are_refused_whole_and_write_nothing,
);

async fn call(server: &TestServer, method: reqwest::Method, path: &str, bearer: Option<&str>, body: Option<Value>) -> (u16, Value) {
    let mut request = server.http.request(method, format!("{}{path}", server.url));
    if let Some(token) = bearer {
        request = request.bearer_auth(token);
    }
    if let Some(body) = body {
        request = request.json(&body);
    }
    support::read(request.send().await.unwrap()).await
}

/// Posts a CSV file on a fresh connection (a 413 may close it mid-upload).
async fn post_csv(server: &TestServer, path: &str, bearer: &str, csv: impl Into<Vec<u8>>) -> (u16, Value) {
    let response = reqwest::Client::new()
        .post(format!("{}{path}", server.url))
        .bearer_auth(bearer)
        .header("content-type", "text/csv")
        .body(csv.into())
        .send()
        .await;
    match response {
        Ok(response) => support::read(response).await,
        Err(e) => panic!("the upload failed: {e}"),
    }
}

fn access(session: &Value) -> String {
    session["access_token"].as_str().unwrap().to_owned()
}

fn assert_problem(answer: &(u16, Value), status: u16, code: &str) {
    assert_eq!(answer.0, status, "{}", answer.1);
    assert_eq!(answer.1["code"], code, "{}", answer.1);
}

/// A purchased organization whose Fulfillment Contact completed registration and signed in:
/// (org id, the contact's access token).
async fn organization(server: &TestServer, smtp: &Smtp, contact: &str) -> (String, String) {
    let org = server.purchase(contact).await;
    server.set_password(smtp, contact, 1).await;
    (org["id"].as_str().unwrap().to_owned(), access(&server.sign_in(contact).await))
}

/// Adds `email` with `roles` as `bearer`, lets them set a password and sign in: (user id, access token).
async fn member_signed_in(server: &TestServer, smtp: &Smtp, org: &str, bearer: &str, email: &str, roles: &[&str]) -> (String, String) {
    let added = call(
        server,
        reqwest::Method::POST,
        &format!("/v1/orgs/{org}/users"),
        Some(bearer),
        Some(json!({"email": email, "first_name": "Mem", "last_name": "Ber", "country": "gb", "roles": roles})),
    )
    .await;
    assert_eq!(added.0, 201, "{}", added.1);
    server.set_password(smtp, email, 1).await;
    (added.1["id"].as_str().unwrap().to_owned(), access(&server.sign_in(email).await))
}

/// Redeems the code a registration mailed, setting the password.
async fn complete_registration(server: &TestServer, smtp: &Smtp, email: &str) {
    let code = smtp.code(email, 1).await;
    let (status, body) = server.post("/v1/password/reset", json!({"email": email, "code": code, "new_password": support::PASSWORD})).await;
    assert_eq!(status, 200, "{body}");
}

async fn count(server: &TestServer, sql: &str) -> i64 {
    sqlx::query_scalar(sql).fetch_one(&server.state.db.pool).await.unwrap()
}

async fn the_administrator_process_from_purchase_to_download(backend: Backend) {
    let smtp = Smtp::start();
    let server = TestServer::start(backend, &smtp, &[]).await;
    server.publish_tos("2026-11", "en").await;
    // purchase: the Fulfillment Contact completes registration with forgot password, signs in and accepts the Terms
    let (org, fran) = organization(&server, &smtp, "fran@acme.example").await;
    let purchase_mail = smtp.wait_for_message("fran@acme.example", 1).await;
    assert!(purchase_mail.contains("Forgot password"), "{purchase_mail}");
    let (_, other_org_contact) = organization(&server, &smtp, "zed@zeta.example").await;
    drop(other_org_contact);

    // the Fulfillment Contact adds an Account Administrator, who is invited in their language
    let alex = call(
        &server,
        reqwest::Method::POST,
        &format!("/v1/orgs/{org}/users"),
        Some(&fran),
        Some(json!({"email": "alex@acme.example", "first_name": "Alex", "last_name": "Admin", "country": "de", "roles": ["account_admin"], "language": "de"})),
    )
    .await;
    assert_eq!(alex.0, 201, "{}", alex.1);
    assert_eq!(
        (alex.1["status"].clone(), alex.1["roles"].clone(), alex.1["country"].clone()),
        (json!("invited"), json!(["account_admin"]), json!("DE"))
    );
    let invitation = smtp.wait_for_message("alex@acme.example", 1).await;
    assert!(invitation.contains("Passwort vergessen"), "the invitation is in German: {invitation}");
    server.set_password(&smtp, "alex@acme.example", 1).await;
    let alex_token = access(&server.sign_in("alex@acme.example").await);

    // the Account Administrator bulk registers a file with good and bad rows
    let file = "email,first_name,last_name,country,roles\n\
        ann@acme.example,Ann,One,gb,\n\
        ben@acme.example,Ben,Two,NL,product_delivery_download\n\
        bad-address,Cat,Three,gb,\n\
        dan@acme.example,Dan,Four,xx,\n\
        eve@acme.example,Eve,Five,gb,wizard\n\
        ANN@acme.example,Ann,Again,gb,\n\
        fay@acme.example,=cmd|' /C calc'!A0,Six,gb,\n\
        gus@acme.example,Gus,Seven,gb,fulfillment_contact\n\
        zed@zeta.example,Zed,Other,gb,\n\
        ,No,Address,gb,\n\
        kit@acme.example,\"Kit\nKat\",Eight,fr,co_admin\n";
    let bulk = format!("/v1/orgs/{org}/users:bulk");
    let (status, report) = post_csv(&server, &bulk, &alex_token, file).await;
    assert_eq!(status, 200, "{report}");
    assert_eq!(report["created"], 3, "{report}");
    assert_eq!(report["already_registered"], 0, "{report}");
    assert_eq!(report["dry_run"], false);
    let failed: Vec<(u64, String)> = report["failed"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["line"].as_u64().unwrap(), f["code"].as_str().unwrap().to_owned()))
        .collect();
    let expected = [
        (4, "invalid_email"),
        (5, "invalid_country"),
        (6, "unknown_role"),
        (7, "duplicate_row"),
        (9, "role_not_grantable"),
        (10, "member_of_other_org"),
        (11, "missing_field"),
        (12, "invalid_characters"),
    ];
    assert_eq!(failed, expected.map(|(l, c)| (l, c.to_owned())), "{report}");
    // the same file again creates nothing and changes nothing
    let (_, again) = post_csv(&server, &bulk, &alex_token, file).await;
    assert_eq!((again["created"].clone(), again["already_registered"].clone()), (json!(0), json!(3)), "{again}");
    // each new member is invited once
    for address in ["ann@acme.example", "ben@acme.example", "fay@acme.example"] {
        smtp.wait_for_message(address, 1).await;
    }
    assert_eq!(smtp.messages_to("ann@acme.example").len(), 1, "no second invitation");
    // a formula-like cell is stored as the text it is
    let (status, page) = call(&server, reqwest::Method::GET, &format!("/v1/orgs/{org}/users?q=fay"), Some(&alex_token), None).await;
    assert_eq!(status, 200, "{page}");
    assert_eq!(page["users"][0]["first_name"], "=cmd|' /C calc'!A0");
    // a dry run reports and writes nothing
    let (_, dry) = post_csv(
        &server,
        &format!("{bulk}?dry_run=true"),
        &alex_token,
        "email,first_name,last_name,country\nleo@acme.example,Leo,Dry,gb\n",
    )
    .await;
    assert_eq!((dry["created"].clone(), dry["dry_run"].clone()), (json!(1), json!(true)), "{dry}");
    assert_eq!(count(&server, "SELECT COUNT(*) FROM users WHERE email_key = 'leo@acme.example'").await, 0);

    // the administrator assigns Product Delivery – Download
    let (_, page) = call(&server, reqwest::Method::GET, &format!("/v1/orgs/{org}/users?q=ann%40acme"), Some(&alex_token), None).await;
    let ann = page["users"][0]["id"].as_str().unwrap().to_owned();
    let roles = call(
        &server,
        reqwest::Method::PUT,
        &format!("/v1/orgs/{org}/users/{ann}/roles"),
        Some(&alex_token),
        Some(json!({"roles": ["product_delivery_download"]})),
    )
    .await;
    assert_eq!((roles.0, roles.1["roles"].clone()), (200, json!(["product_delivery_download"])), "{}", roles.1);

    // auto approval on the Fulfillment Contact's own domain (verified in the same step)
    let domain = call(
        &server,
        reqwest::Method::PUT,
        &format!("/v1/orgs/{org}/domains/acme.example"),
        Some(&fran),
        Some(json!({"auto_approve": true})),
    )
    .await;
    assert_eq!(domain, (200, json!({"domain": "acme.example", "verified": true, "auto_approve": true})));
    assert_eq!(server.audit_events("domain_verified").await, 1);

    // a user the import missed registers individually and joins at once
    let (status, body) =
        server.post("/v1/register", json!({"email": "hal@acme.example", "first_name": "Hal", "last_name": "Late", "country": "gb"})).await;
    assert_eq!(status, 202, "{body}");
    complete_registration(&server, &smtp, "hal@acme.example").await;
    let (_, page) = call(&server, reqwest::Method::GET, &format!("/v1/orgs/{org}/users?q=hal"), Some(&alex_token), None).await;
    assert_eq!(
        (page["users"][0]["email"].clone(), page["users"][0]["status"].clone()),
        (json!("hal@acme.example"), json!("active")),
        "{page}"
    );
    let hal = page["users"][0]["id"].as_str().unwrap().to_owned();
    let roles = call(
        &server,
        reqwest::Method::PUT,
        &format!("/v1/orgs/{org}/users/{hal}/roles"),
        Some(&alex_token),
        Some(json!({"roles": ["product_delivery_download"]})),
    )
    .await;
    assert_eq!(roles.0, 200, "{}", roles.1);
    let session = server.sign_in("hal@acme.example").await;
    assert_eq!(session["user"]["org"]["id"], org.as_str());
    let (status, entitlements) = server.get("/v1/entitlements", Some(&access(&session))).await;
    assert_eq!(status, 200, "{entitlements}");
    let suite = entitlements["entitlements"].as_array().unwrap().iter().find(|e| e["product"] == "suite").unwrap();
    assert!(suite["features"].as_array().unwrap().contains(&json!("download")), "{entitlements}");

    // the list pages through every member, in address order
    let mut seen = Vec::new();
    let mut cursor = String::new();
    loop {
        let (status, page) =
            call(&server, reqwest::Method::GET, &format!("/v1/orgs/{org}/users?limit=2&cursor={cursor}"), Some(&fran), None).await;
        assert_eq!(status, 200, "{page}");
        seen.extend(page["users"].as_array().unwrap().iter().map(|u| u["email"].as_str().unwrap().to_owned()));
        match page["next_cursor"].as_str() {
            Some(next) => next.clone_into(&mut cursor),
            None => break,
        }
    }
    let mut sorted = seen.clone();
    sorted.sort();
    assert_eq!(seen, sorted);
    assert_eq!(seen.len(), 6, "fran, alex, ann, ben, fay, hal: {seen:?}");
    let (_, org_view) = call(&server, reqwest::Method::GET, &format!("/v1/orgs/{org}"), Some(&alex_token), None).await;
    assert_eq!((org_view["id"].clone(), org_view["offline_grace_days"].clone()), (json!(org), json!(7)), "{org_view}");
}

/// Every administration endpoint of `org`, with a body where it takes one.
fn endpoints(org: &str, user: &str) -> Vec<(reqwest::Method, String, Option<Value>)> {
    use reqwest::Method;
    vec![
        (Method::GET, format!("/v1/orgs/{org}"), None),
        (Method::GET, format!("/v1/orgs/{org}/users"), None),
        (
            Method::POST,
            format!("/v1/orgs/{org}/users"),
            Some(
                json!({"email": "intruder@acme.example", "first_name": "I", "last_name": "N", "country": "gb", "roles": ["account_admin"]}),
            ),
        ),
        (Method::PUT, format!("/v1/orgs/{org}/users/{user}/roles"), Some(json!({"roles": ["co_admin"]}))),
        (Method::DELETE, format!("/v1/orgs/{org}/users/{user}"), None),
        (Method::GET, format!("/v1/orgs/{org}/domains"), None),
        (Method::PUT, format!("/v1/orgs/{org}/domains/acme.example"), Some(json!({"auto_approve": true}))),
        (Method::GET, format!("/v1/orgs/{org}/requests"), None),
        (Method::POST, format!("/v1/orgs/{org}/requests/req_x/approve"), None),
        (Method::POST, format!("/v1/orgs/{org}/requests/req_x/reject"), None),
    ]
}

/// Everything administration could change, as text, to compare before and after.
async fn snapshot(server: &TestServer) -> Vec<Vec<String>> {
    let mut all = Vec::new();
    for sql in [
        "SELECT id || ':' || COALESCE(org_id, '-') || ':' || first_name FROM users ORDER BY id",
        "SELECT user_id || ':' || role FROM user_roles ORDER BY 1",
        "SELECT domain || ':' || org_id || ':' || CAST(verified AS TEXT) || CAST(auto_approve AS TEXT) FROM domains ORDER BY 1",
        "SELECT id FROM join_requests ORDER BY 1",
        "SELECT recipient FROM outbox ORDER BY id",
        "SELECT id || ':' || COALESCE(revoked_reason, '-') FROM token_families ORDER BY 1",
    ] {
        all.push(sqlx::query_scalar(sql).fetch_all(&server.state.db.pool).await.unwrap());
    }
    all
}

async fn administration_is_for_the_organizations_own_administrators(backend: Backend) {
    let smtp = Smtp::start();
    let server = TestServer::start(backend, &smtp, &[]).await;
    let (org, fran) = organization(&server, &smtp, "fran@acme.example").await;
    let (_, other_admin) = organization(&server, &smtp, "zed@zeta.example").await;
    let (pat, plain_member) = member_signed_in(&server, &smtp, &org, &fran, "pat@acme.example", &[]).await;
    // a member with Product Delivery only is not an administrator either
    let (_, downloader) = member_signed_in(&server, &smtp, &org, &fran, "dee@acme.example", &["product_delivery_download"]).await;
    let before = snapshot(&server).await;
    for (method, path, body) in endpoints(&org, &pat) {
        for (who, token, status) in [
            ("another organization's administrator", Some(other_admin.as_str()), 403),
            ("a plain member", Some(plain_member.as_str()), 403),
            ("a member with a product role", Some(downloader.as_str()), 403),
            ("no token", None, 401),
        ] {
            let answer = call(&server, method.clone(), &path, token, body.clone()).await;
            assert_eq!(answer.0, status, "{method} {path} by {who}: {}", answer.1);
            assert_eq!(answer.1["code"], if status == 401 { "unauthorized" } else { "forbidden" }, "{method} {path} by {who}");
        }
        let bulk = post_csv(
            &server,
            &format!("/v1/orgs/{org}/users:bulk"),
            &other_admin,
            "email,first_name,last_name,country\nx@acme.example,X,Y,gb\n",
        )
        .await;
        assert_problem(&bulk, 403, "forbidden");
    }
    assert_eq!(snapshot(&server).await, before, "nothing changed");
    // an organization id that does not exist looks the same as another's
    assert_problem(&call(&server, reqwest::Method::GET, "/v1/orgs/org_nope/users", Some(&fran), None).await, 403, "forbidden");
}

async fn roles_follow_the_order_of_authority_and_an_administrator_remains(backend: Backend) {
    let smtp = Smtp::start();
    let server = TestServer::start(backend, &smtp, &[]).await;
    let (org, fran) = organization(&server, &smtp, "fran@acme.example").await;
    let fran_id = server.sign_in("fran@acme.example").await["user"]["id"].as_str().unwrap().to_owned();
    let (amy, amy_token) = member_signed_in(&server, &smtp, &org, &fran, "amy@acme.example", &["account_admin"]).await;
    let (cole, cole_token) = member_signed_in(&server, &smtp, &org, &amy_token, "cole@acme.example", &["co_admin"]).await;
    let roles_of = |user: &str| format!("/v1/orgs/{org}/users/{user}/roles");
    let put = reqwest::Method::PUT;

    // grants at or below one's own rank only; only a Fulfillment Contact manages that role
    assert_problem(
        &call(&server, put.clone(), &roles_of(&cole), Some(&cole_token), Some(json!({"roles": ["account_admin"]}))).await,
        403,
        "role_not_grantable",
    );
    assert_problem(
        &call(&server, put.clone(), &roles_of(&amy), Some(&amy_token), Some(json!({"roles": ["fulfillment_contact"]}))).await,
        403,
        "role_not_grantable",
    );
    assert_problem(
        &call(&server, put.clone(), &roles_of(&amy), Some(&amy_token), Some(json!({"roles": ["wizard"]}))).await,
        400,
        "unknown_role",
    );
    // a co-admin can neither demote nor remove the Fulfillment Contact
    assert_problem(
        &call(&server, put.clone(), &roles_of(&fran_id), Some(&cole_token), Some(json!({"roles": []}))).await,
        403,
        "role_not_grantable",
    );
    assert_problem(
        &call(&server, reqwest::Method::DELETE, &format!("/v1/orgs/{org}/users/{fran_id}"), Some(&cole_token), None).await,
        403,
        "role_not_grantable",
    );
    // the organization keeps a Fulfillment Contact and an administrator
    assert_problem(
        &call(&server, put.clone(), &roles_of(&fran_id), Some(&fran), Some(json!({"roles": ["account_admin"]}))).await,
        409,
        "last_administrator",
    );
    assert_problem(
        &call(&server, reqwest::Method::DELETE, &format!("/v1/orgs/{org}/users/{fran_id}"), Some(&fran), None).await,
        409,
        "last_administrator",
    );
    // a second Fulfillment Contact, granted by the first, lets the first step down
    let two =
        call(&server, put.clone(), &roles_of(&amy), Some(&fran), Some(json!({"roles": ["fulfillment_contact", "account_admin"]}))).await;
    assert_eq!((two.0, two.1["roles"].clone()), (200, json!(["fulfillment_contact", "account_admin"])), "{}", two.1);
    assert_eq!(call(&server, put.clone(), &roles_of(&fran_id), Some(&fran), Some(json!({"roles": ["co_admin"]}))).await.0, 200);
    // a demoted administrator loses the right at once, whatever its access token says
    assert_eq!(call(&server, put.clone(), &roles_of(&cole), Some(&amy_token), Some(json!({"roles": []}))).await.0, 200);
    assert_problem(&call(&server, reqwest::Method::GET, &format!("/v1/orgs/{org}/users"), Some(&cole_token), None).await, 403, "forbidden");
    // removing a member ends their sessions; the account stays, with no organization
    let cole_session = server.sign_in("cole@acme.example").await;
    assert_eq!(call(&server, reqwest::Method::DELETE, &format!("/v1/orgs/{org}/users/{cole}"), Some(&amy_token), None).await.0, 204);
    let (status, refused) = server.refresh(&cole_session["refresh_token"]).await;
    assert!(status == 400 || status == 401, "{status} {refused}");
    assert_eq!(refused["code"], "invalid_grant", "{refused}");
    assert_eq!(server.sign_in("cole@acme.example").await["user"]["org"], Value::Null);
    assert_problem(&call(&server, put.clone(), &roles_of(&cole), Some(&amy_token), Some(json!({"roles": []}))).await, 404, "not_found");
    // adding someone twice, or someone of another organization, is refused
    let add = |email: &str| json!({"email": email, "first_name": "A", "last_name": "B", "country": "gb"});
    assert_problem(
        &call(&server, reqwest::Method::POST, &format!("/v1/orgs/{org}/users"), Some(&amy_token), Some(add("AMY@acme.example"))).await,
        409,
        "already_member",
    );
    organization(&server, &smtp, "zed@zeta.example").await;
    assert_problem(
        &call(&server, reqwest::Method::POST, &format!("/v1/orgs/{org}/users"), Some(&amy_token), Some(add("zed@zeta.example"))).await,
        409,
        "member_of_other_org",
    );
    // a person with an account and no organization (cole, removed above) can be added back
    let back =
        call(&server, reqwest::Method::POST, &format!("/v1/orgs/{org}/users"), Some(&amy_token), Some(add("cole@acme.example"))).await;
    assert_eq!((back.0, back.1["status"].clone()), (201, json!("active")), "{}", back.1);
    let bad = call(
        &server,
        reqwest::Method::POST,
        &format!("/v1/orgs/{org}/users"),
        Some(&amy_token),
        Some(json!({"email": "x", "first_name": "", "last_name": "B", "country": "zz"})),
    )
    .await;
    assert_eq!(bad.0, 400, "{}", bad.1);
    let fields: Vec<&str> = bad.1["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap()).collect();
    assert_eq!(fields, ["email", "first_name", "country"], "{}", bad.1);
    assert!(server.audit_events("roles_changed").await >= 3 && server.audit_events("user_removed").await == 1);
}

async fn domains_and_join_requests(backend: Backend) {
    let smtp = Smtp::start();
    let server = TestServer::start(backend, &smtp, &[]).await;
    let (org, fran) = organization(&server, &smtp, "fran@acme.example").await;
    let (other, _) = organization(&server, &smtp, "zed@zeta.example").await;
    let (status, _) = server.operator(reqwest::Method::PUT, &format!("/v1/operator/orgs/{other}/domains/zeta.example"), None).await;
    assert_eq!(status, 204);
    let domain = |d: &str| format!("/v1/orgs/{org}/domains/{d}");
    let put = reqwest::Method::PUT;
    let off = Some(json!({"auto_approve": false}));
    assert_problem(&call(&server, put.clone(), &domain("gmail.com"), Some(&fran), off.clone()).await, 400, "public_domain");
    assert_problem(&call(&server, put.clone(), &domain("zeta.example"), Some(&fran), off.clone()).await, 409, "domain_taken");
    assert_problem(&call(&server, put.clone(), &domain("beta.example"), Some(&fran), off.clone()).await, 403, "domain_not_verified");
    // Regression (issue 14, defect 2): self-verification is the Fulfillment Contact's alone; an
    // account or co-administrator at the domain may not verify it (nor switch on auto approval).
    let (_, amy) = member_signed_in(&server, &smtp, &org, &fran, "amy@acme.example", &["account_admin"]).await;
    let (_, cole) = member_signed_in(&server, &smtp, &org, &fran, "cole@acme.example", &["co_admin"]).await;
    for admin in [&amy, &cole] {
        let on = Some(json!({"auto_approve": true}));
        let refused = call(&server, put.clone(), &domain("acme.example"), Some(admin), on).await;
        assert_problem(&refused, 403, "domain_not_verified");
        assert!(refused.1["detail"].as_str().unwrap().contains("Fulfillment Contact"), "{}", refused.1);
    }
    let (_, listed) = call(&server, reqwest::Method::GET, &format!("/v1/orgs/{org}/domains"), Some(&fran), None).await;
    assert_eq!(listed, json!([]), "nothing was verified by the refused administrators");
    assert_eq!(call(&server, put.clone(), &domain("acme.example"), Some(&fran), off.clone()).await.0, 200);
    // Once verified, any administrator may turn auto approval on and off.
    assert_eq!(call(&server, put.clone(), &domain("acme.example"), Some(&cole), Some(json!({"auto_approve": true}))).await.0, 200);
    assert_eq!(call(&server, put.clone(), &domain("acme.example"), Some(&amy), off.clone()).await.0, 200);
    let (_, listed) = call(&server, reqwest::Method::GET, &format!("/v1/orgs/{org}/domains"), Some(&fran), None).await;
    assert_eq!(listed, json!([{"domain": "acme.example", "verified": true, "auto_approve": false}]));

    // without auto approval a registration at the domain files a join request, and administrators hear of it
    for (email, first) in [("ivy@acme.example", "Ivy"), ("joe@acme.example", "Joe")] {
        let (status, body) =
            server.post("/v1/register", json!({"email": email, "first_name": first, "last_name": "Req", "country": "gb"})).await;
        assert_eq!(status, 202, "{body}");
        complete_registration(&server, &smtp, email).await;
    }
    let notice = smtp.wait_for_message("fran@acme.example", 3).await;
    assert!(
        notice.contains("ivy@acme.example") || smtp.messages_to("fran@acme.example").iter().any(|m| m.contains("ivy@acme.example")),
        "{notice}"
    );
    let (status, requests) = call(&server, reqwest::Method::GET, &format!("/v1/orgs/{org}/requests"), Some(&fran), None).await;
    assert_eq!(status, 200, "{requests}");
    let mut ids: Vec<(String, String)> = requests["requests"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["email"].as_str().unwrap().to_owned(), r["id"].as_str().unwrap().to_owned()))
        .collect();
    ids.sort();
    assert_eq!(ids.iter().map(|(e, _)| e.as_str()).collect::<Vec<_>>(), ["ivy@acme.example", "joe@acme.example"]);
    let reject = call(&server, reqwest::Method::POST, &format!("/v1/orgs/{org}/requests/{}/reject", ids[0].1), Some(&fran), None).await;
    assert_eq!((reject.0, reject.1["email"].clone()), (200, json!("ivy@acme.example")));
    let approve = call(&server, reqwest::Method::POST, &format!("/v1/orgs/{org}/requests/{}/approve", ids[1].1), Some(&fran), None).await;
    assert_eq!(approve.0, 200, "{}", approve.1);
    assert_problem(
        &call(&server, reqwest::Method::POST, &format!("/v1/orgs/{org}/requests/{}/approve", ids[1].1), Some(&fran), None).await,
        404,
        "not_found",
    );
    assert_eq!(server.sign_in("joe@acme.example").await["user"]["org"]["id"], org.as_str());
    assert_eq!(server.sign_in("ivy@acme.example").await["user"]["org"], Value::Null);
    let (_, requests) = call(&server, reqwest::Method::GET, &format!("/v1/orgs/{org}/requests"), Some(&fran), None).await;
    assert_eq!(requests, json!({"requests": []}));
}

async fn bad_files_are_refused_whole_and_write_nothing(backend: Backend) {
    let smtp = Smtp::start();
    let server = TestServer::start(backend, &smtp, &[]).await;
    let (org, fran) = organization(&server, &smtp, "fran@acme.example").await;
    let bulk = format!("/v1/orgs/{org}/users:bulk");
    let before = snapshot(&server).await;
    assert_problem(&post_csv(&server, &bulk, &fran, "{\"users\": [{\"email\": \"a@acme.example\"}]}").await, 400, "invalid_csv");
    assert_problem(&post_csv(&server, &bulk, &fran, "mail,first,last,land\na@acme.example,A,B,gb\n").await, 400, "invalid_csv");
    assert_problem(
        &post_csv(&server, &bulk, &fran, b"email,first_name,last_name,country\na@acme.example,\xc3\x28,B,gb\n".to_vec()).await,
        400,
        "invalid_csv",
    );
    let mut many = String::from("email,first_name,last_name,country\n");
    for i in 0..200_000 {
        std::fmt::Write::write_fmt(&mut many, format_args!("u{i}@acme.example,U,V,gb\n")).unwrap();
    }
    assert_problem(&post_csv(&server, &bulk, &fran, many).await, 413, "too_many_rows");
    let mut huge = String::from("email,first_name,last_name,country\n");
    while huge.len() < 12 * 1024 * 1024 {
        huge.push_str("someone.with.a.long.address@acme.example,Someone,With A Long Name,gb\n");
    }
    assert_problem(&post_csv(&server, &bulk, &fran, huge).await, 413, "payload_too_large");
    assert_eq!(snapshot(&server).await, before, "a refused file writes nothing");
    // a bad page request names its problem
    for query in ["cursor=!!not-a-cursor!!", "limit=0", "limit=201", "limit=many"] {
        let answer = call(&server, reqwest::Method::GET, &format!("/v1/orgs/{org}/users?{query}"), Some(&fran), None).await;
        assert_problem(&answer, 400, "invalid_request");
        assert!(answer.1["detail"].as_str().is_some_and(|d| !d.is_empty()), "{query}: {}", answer.1);
    }
    // a bad body for the other administration endpoints is a 400 problem, never a 500
    for (method, path, body) in [
        (reqwest::Method::POST, format!("/v1/orgs/{org}/users"), json!({"email": 7})),
        (reqwest::Method::PUT, format!("/v1/orgs/{org}/users/usr_x/roles"), json!({"roles": "account_admin"})),
        (reqwest::Method::PUT, format!("/v1/orgs/{org}/domains/acme.example"), json!({})),
    ] {
        assert_problem(&call(&server, method, &path, Some(&fran), Some(body)).await, 400, "invalid_request");
    }
    // a file with a BOM and CRLF line ends is fine
    let (status, report) =
        post_csv(&server, &bulk, &fran, "\u{feff}email,first_name,last_name,country\r\nmo@acme.example,Mo,Crlf,gb\r\n").await;
    assert_eq!((status, report["created"].clone()), (200, json!(1)), "{report}");
}
