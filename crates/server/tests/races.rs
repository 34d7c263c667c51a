//! Two organizations racing for one account on PostgreSQL, made deterministic: a transaction
//! standing in for organization A takes the account (its row lock held) while B's request reads
//! the account as unattached and then waits on that lock; A commits, and B must see that it lost.
//!
//! Regression (issue 14, defect 3): `members::add` and join-request approval updated `org_id`
//! unconditionally, so B moved A's new member into B; a bulk row's conditional update changed
//! nothing but its roles and invitation were written all the same.

use latchkey_test_support as support;

use std::time::Duration;

use latchkey_protocol::{AddMemberRequest, ErrorCode};
use latchkey_server::db::Db;
use latchkey_server::members::Admin;
use latchkey_server::orgs::{self, Purchase};
use support::Backend;

const NOW: i64 = 1_800_000_000;

async fn organization(db: &Db, name: &str, contact: &str) -> Admin {
    let purchase = Purchase {
        name: name.into(),
        contact_email: contact.into(),
        contact_first_name: "F".into(),
        contact_last_name: "C".into(),
        contact_country: "GB".into(),
        contact_language: None,
        products: vec![("suite".into(), None)],
        offline_grace_days: None,
    };
    let org = orgs::create(db, NOW, purchase).await.unwrap();
    let (_, domain) = contact.split_once('@').unwrap();
    Admin { user_id: org.fulfillment_contact.id.clone(), org: org.id, level: 0, email: contact.into(), email_domain: domain.into() }
}

/// An account with no organization (self-registered at an unverified domain).
async fn unattached(db: &Db, email: &str) -> String {
    let id = latchkey_server::ids::new_id("usr");
    sqlx::query(
        "INSERT INTO users (id, email, email_key, first_name, last_name, country, language, created_at) \
         VALUES ($1, $2, $2, 'Una', 'Attached', 'GB', 'en', $3)",
    )
    .bind(&id)
    .bind(email)
    .bind(NOW)
    .execute(&db.pool)
    .await
    .unwrap();
    id
}

/// Holds `user` in `org` inside an open transaction (A mid-request), runs `racer` (B), lets it
/// reach the row lock, commits A, and returns B's result.
async fn race<T: Send + 'static>(db: &Db, user: &str, org: &str, racer: impl std::future::Future<Output = T> + Send + 'static) -> T {
    let mut first = db.begin().await.unwrap();
    sqlx::query("UPDATE users SET org_id = $2 WHERE id = $1").bind(user).bind(org).execute(&mut *first).await.unwrap();
    let second = tokio::spawn(racer);
    tokio::time::sleep(Duration::from_millis(500)).await; // B has read the account and waits on its row
    first.commit().await.unwrap();
    tokio::time::timeout(Duration::from_secs(20), second).await.expect("B finishes once A commits").unwrap()
}

async fn state_of(db: &Db, user: &str) -> (Option<String>, Vec<String>) {
    let org: Option<String> = sqlx::query_scalar("SELECT org_id FROM users WHERE id = $1").bind(user).fetch_one(&db.pool).await.unwrap();
    let roles: Vec<String> =
        sqlx::query_scalar("SELECT role FROM user_roles WHERE user_id = $1").bind(user).fetch_all(&db.pool).await.unwrap();
    (org, roles)
}

async fn invitations_to(db: &Db, address: &str) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM outbox WHERE recipient = $1").bind(address).fetch_one(&db.pool).await.unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_organizations_racing_for_one_account_leave_it_whole_in_the_first() {
    let (url, _dir) = support::new_database(Backend::Postgres).await;
    let db = Db::connect(&url).await.unwrap();
    db.migrate().await.unwrap();
    let a = organization(&db, "Alpha", "fc@alpha.example").await;
    let b = organization(&db, "Beta", "fc@beta.example").await;

    // B adds the account one by one.
    let user = unattached(&db, "sam@free.example").await;
    let (db2, b2) = (db.clone(), b.clone());
    let request = AddMemberRequest {
        email: "sam@free.example".into(),
        first_name: "Sam".into(),
        last_name: "S".into(),
        country: "GB".into(),
        roles: vec!["co_admin".into()],
        language: None,
    };
    let added = race(&db, &user, &a.org, async move { latchkey_server::members::add(&db2, NOW, &b2, request).await }).await;
    let refused = added.expect_err("B lost the race");
    assert_eq!((refused.status.as_u16(), refused.problem.code), (409, ErrorCode::MemberOfOtherOrg));
    assert_eq!(state_of(&db, &user).await, (Some(a.org.clone()), vec![]), "in A, with none of B's roles");
    assert_eq!(invitations_to(&db, "sam@free.example").await, 0, "B sent no invitation");

    // B imports it in a bulk file.
    let user = unattached(&db, "bo@free.example").await;
    let (db2, b2) = (db.clone(), b.clone());
    let file = "email,first_name,last_name,country,roles\nbo@free.example,Bo,B,GB,product_delivery_download\n";
    let report = race(&db, &user, &a.org, async move {
        let checked = latchkey_server::bulk::check(file.as_bytes(), 0).unwrap();
        let granter = latchkey_server::bulk::Granter::Admin { user_id: b2.user_id.clone(), level: 0 };
        latchkey_server::bulk::import(&db2, NOW, &b2.org, &granter, checked, false).await
    })
    .await
    .unwrap();
    assert_eq!(report.created, 0, "{report:?}");
    assert_eq!(report.failed.iter().map(|f| (f.line, f.code.as_str())).collect::<Vec<_>>(), [(2, "member_of_other_org")]);
    assert_eq!(state_of(&db, &user).await, (Some(a.org.clone()), vec![]), "in A, with none of B's roles");
    assert_eq!(invitations_to(&db, "bo@free.example").await, 0, "B sent no invitation");

    // B approves the account's join request.
    let user = unattached(&db, "jo@free.example").await;
    let request_id = latchkey_server::ids::new_id("jrq");
    sqlx::query("INSERT INTO join_requests (id, org_id, user_id, created_at) VALUES ($1, $2, $3, $4)")
        .bind(&request_id)
        .bind(&b.org)
        .bind(&user)
        .bind(NOW)
        .execute(&db.pool)
        .await
        .unwrap();
    let (db2, b2) = (db.clone(), b.clone());
    let decided = race(&db, &user, &a.org, async move { latchkey_server::members::decide(&db2, NOW, &b2, &request_id, true).await }).await;
    let refused = decided.expect_err("B lost the race");
    assert_eq!((refused.status.as_u16(), refused.problem.code), (409, ErrorCode::MemberOfOtherOrg));
    assert_eq!(state_of(&db, &user).await.0, Some(a.org.clone()), "still in A");
}
