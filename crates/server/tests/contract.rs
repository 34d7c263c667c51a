//! One test (at least) per rule of the backend contract, over real HTTP with a real SMTP server,
//! each run on SQLite and on PostgreSQL.

use latchkey_test_support as support;

use std::time::{Duration, Instant};

use serde_json::{json, Value};
use support::{Backend, Smtp, TestServer, PASSWORD};

support::on_both_databases!(
    known_and_unknown_addresses_get_the_same_answers,
    forgot_password_takes_the_same_time_for_known_and_unknown_addresses,
    sign_in_takes_the_same_time_for_unknown_addresses_and_wrong_passwords,
    codes_expire_after_ten_minutes,
    five_wrong_tries_kill_a_code,
    codes_are_single_use_and_a_newer_code_replaces_the_older,
    weak_passwords_name_each_reason_and_do_not_use_up_the_code,
    a_reset_ends_other_sessions_and_unlocks_a_locked_account,
    lockout_answers_retry_after_and_holds_for_unknown_addresses,
    code_sending_is_rate_limited_per_address,
    no_token_before_the_current_terms_are_accepted,
    a_new_terms_version_forces_acceptance_at_the_next_refresh,
    refresh_tokens_rotate_and_reuse_revokes_the_family,
    a_lost_refresh_response_is_replaced_not_revoked,
    revoke_ends_the_session,
    register_creates_nothing_until_the_code_is_redeemed,
    mail_goes_to_the_stored_address_not_the_spelling_of_the_request,
    register_joins_an_auto_approved_domain_or_files_a_join_request,
    bad_input_gets_a_problem_document_never_a_500,
    bearer_tokens_are_checked,
    entitlements_follow_subscriptions_and_roles,
    products_are_shown_by_their_display_names,
    signing_keys_rotate_with_an_overlap_then_the_old_one_leaves,
    audiences_are_limited_to_the_configured_ones,
    the_audit_log_records_events_without_secrets,
    per_ip_limits_count_every_address_and_trust_only_listed_proxies,
    housekeeping_removes_only_finished_state,
    concurrent_refreshes_of_one_token_leave_exactly_one_live_successor,
    refreshes_of_many_sessions_at_once_are_each_decided_alone,
    racing_purchases_for_one_contact_conflict_instead_of_failing,
    refresh_tokens_expire_after_thirty_idle_days_and_ninety_in_all,
    a_burst_of_parallel_guesses_gets_no_more_tries_than_the_lockout_allows,
    passwords_are_compared_after_normalisation,
    a_reset_voids_pending_terms_tickets,
    an_old_used_refresh_token_still_revokes_its_family,
);

fn assert_problem(status: u16, body: &Value, want_status: u16, code: &str) {
    assert_eq!(status, want_status, "{body}");
    assert_eq!(body["code"], code, "{body}");
    assert_eq!(body["status"], want_status, "{body}");
    assert!(body["title"].is_string() && body["type"].is_string(), "{body}");
}

async fn known_and_unknown_addresses_get_the_same_answers(backend: Backend) {
    let smtp = Smtp::start();
    let server = TestServer::start(backend, &smtp, &[]).await;
    server.purchase("known@acme.example").await; // has an account, no password yet
    server.signed_in_user(&smtp, "haspassword@acme2.example").await;

    let known = server.post("/v1/password/forgot", json!({"email": "known@acme.example"})).await;
    let unknown = server.post("/v1/password/forgot", json!({"email": "nobody@acme.example"})).await;
    assert_eq!(known, (202, json!({"status": "code_sent"})));
    assert_eq!(known, unknown);

    let registered =
        server.post("/v1/register", json!({"email": "known@acme.example", "first_name": "K", "last_name": "N", "country": "GB"})).await;
    let fresh =
        server.post("/v1/register", json!({"email": "new@acme.example", "first_name": "K", "last_name": "N", "country": "GB"})).await;
    assert_eq!(registered, (202, json!({"status": "code_sent"})));
    assert_eq!(registered, fresh);
    // Regression: register stored no code for an existing account, so a wrong code then said
    // `attempts_remaining: 0` there and 4 for a new address.
    let wrong = json!({"code": "00000000", "new_password": PASSWORD});
    let mut remaining = Vec::new();
    for email in ["known@acme.example", "new@acme.example"] {
        let mut body = wrong.clone();
        body["email"] = json!(email);
        let (status, answer) = server.post("/v1/password/reset", body).await;
        assert_eq!(status, 400, "{answer}");
        remaining.push(answer["attempts_remaining"].clone());
    }
    assert_eq!(remaining[0], remaining[1]);

    let answers = [
        server.post("/v1/sessions", json!({"email": "nobody@acme.example", "password": PASSWORD})).await,
        server.post("/v1/sessions", json!({"email": "known@acme.example", "password": PASSWORD})).await,
        server.post("/v1/sessions", json!({"email": "haspassword@acme2.example", "password": "wrong wrong wrong wrong"})).await,
    ];
    for (status, body) in &answers {
        assert_problem(*status, body, 401, "invalid_credentials");
    }
    assert_eq!(answers[0].1, answers[1].1);
    assert_eq!(answers[1].1, answers[2].1);
}

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

async fn timed(server: &TestServer, path: &str, body: Value) -> Duration {
    let started = Instant::now();
    let (status, answer) = server.post(path, body).await;
    assert!(status == 202 || status == 401, "{status} {answer}");
    started.elapsed()
}

async fn forgot_password_takes_the_same_time_for_known_and_unknown_addresses(backend: Backend) {
    let smtp = Smtp::start();
    let server = TestServer::start(backend, &smtp, &[("LATCHKEY_LIMIT_CODES_PER_ADDRESS", "1000/15m")]).await;
    server.purchase("timing@acme.example").await;
    let (mut known, mut unknown) = (Vec::new(), Vec::new());
    // Interleaved, so that any drift of the machine hits both alike.
    for _ in 0..50 {
        known.push(timed(&server, "/v1/password/forgot", json!({"email": "timing@acme.example"})).await);
        unknown.push(timed(&server, "/v1/password/forgot", json!({"email": "ghost@acme.example"})).await);
    }
    let (known, unknown) = (median(known), median(unknown));
    assert!(known.abs_diff(unknown) < Duration::from_millis(20), "medians differ: known {known:?}, unknown {unknown:?}");
}

async fn sign_in_takes_the_same_time_for_unknown_addresses_and_wrong_passwords(backend: Backend) {
    let smtp = Smtp::start();
    let server =
        TestServer::start(backend, &smtp, &[("LATCHKEY_LOCK_AFTER", "1000"), ("LATCHKEY_LIMIT_SIGNIN_FAILURES_PER_IP", "1000/15m")]).await;
    server.signed_in_user(&smtp, "timing@acme.example").await;
    let (mut known, mut unknown) = (Vec::new(), Vec::new());
    for _ in 0..50 {
        known.push(timed(&server, "/v1/sessions", json!({"email": "timing@acme.example", "password": "not the password at all"})).await);
        unknown.push(timed(&server, "/v1/sessions", json!({"email": "ghost@acme.example", "password": "not the password at all"})).await);
    }
    let (known, unknown) = (median(known), median(unknown));
    assert!(known.abs_diff(unknown) < Duration::from_millis(20), "medians differ: wrong password {known:?}, unknown {unknown:?}");
}

async fn codes_expire_after_ten_minutes(backend: Backend) {
    let smtp = Smtp::start();
    let server = TestServer::start(backend, &smtp, &[]).await;
    server.purchase("late@acme.example").await;
    server.post("/v1/password/forgot", json!({"email": "late@acme.example"})).await;
    let code = smtp.code("late@acme.example", 1).await;
    server.clock.advance(10 * 60 + 1);
    let (status, body) =
        server.post("/v1/password/reset", json!({"email": "late@acme.example", "code": code, "new_password": PASSWORD})).await;
    assert_problem(status, &body, 400, "code_expired");
    // Any other code is just wrong: code_expired would confirm a guess.
    let other = if code == "00000000" { "11111111" } else { "00000000" };
    let (status, body) =
        server.post("/v1/password/reset", json!({"email": "late@acme.example", "code": other, "new_password": PASSWORD})).await;
    assert_problem(status, &body, 400, "invalid_code");
}

async fn five_wrong_tries_kill_a_code(backend: Backend) {
    let smtp = Smtp::start();
    let server = TestServer::start(backend, &smtp, &[]).await;
    server.purchase("guess@acme.example").await;
    server.post("/v1/password/forgot", json!({"email": "guess@acme.example"})).await;
    let code = smtp.code("guess@acme.example", 1).await;
    let wrong = format!("{:08}", (code.parse::<u32>().unwrap() + 1) % 100_000_000);
    for remaining in (0..5).rev() {
        let (status, body) =
            server.post("/v1/password/reset", json!({"email": "guess@acme.example", "code": wrong, "new_password": PASSWORD})).await;
        assert_problem(status, &body, 400, "invalid_code");
        assert_eq!(body["attempts_remaining"], remaining, "{body}");
    }
    let (status, body) =
        server.post("/v1/password/reset", json!({"email": "guess@acme.example", "code": code, "new_password": PASSWORD})).await;
    assert_problem(status, &body, 400, "invalid_code");
    assert_eq!(body["attempts_remaining"], 0);
    // An unknown address counts down the same way.
    server.post("/v1/password/forgot", json!({"email": "ghost@acme.example"})).await;
    let (_, body) =
        server.post("/v1/password/reset", json!({"email": "ghost@acme.example", "code": wrong, "new_password": PASSWORD})).await;
    assert_eq!(body["attempts_remaining"], 4, "{body}");
}

async fn codes_are_single_use_and_a_newer_code_replaces_the_older(backend: Backend) {
    let smtp = Smtp::start();
    let server = TestServer::start(backend, &smtp, &[]).await;
    server.purchase("once@acme.example").await;
    server.post("/v1/password/forgot", json!({"email": "once@acme.example"})).await;
    let first = smtp.code("once@acme.example", 1).await;
    server.post("/v1/password/forgot", json!({"email": "once@acme.example"})).await;
    let second = smtp.code("once@acme.example", 2).await;
    if first != second {
        let (status, body) =
            server.post("/v1/password/reset", json!({"email": "once@acme.example", "code": first, "new_password": PASSWORD})).await;
        assert_problem(status, &body, 400, "invalid_code");
    }
    let (status, body) =
        server.post("/v1/password/reset", json!({"email": "once@acme.example", "code": second, "new_password": PASSWORD})).await;
    assert_eq!(status, 200, "{body}");
    let (status, body) = server
        .post("/v1/password/reset", json!({"email": "once@acme.example", "code": second, "new_password": "another long passphrase"}))
        .await;
    assert_problem(status, &body, 400, "invalid_code");
    // The password is the one the used code set.
    server.sign_in("once@acme.example").await;
}

async fn weak_passwords_name_each_reason_and_do_not_use_up_the_code(backend: Backend) {
    let smtp = Smtp::start();
    let server = TestServer::start(backend, &smtp, &[]).await;
    server.purchase("alexandra@acme.example").await;
    server.post("/v1/password/forgot", json!({"email": "alexandra@acme.example"})).await;
    let code = smtp.code("alexandra@acme.example", 1).await;
    let long = "x".repeat(129);
    let cases = [
        ("zq7 vvx", vec!["too_short"]),
        (long.as_str(), vec!["too_long"]),
        ("password", vec!["too_short", "common"]),
        ("MailCreated5240", vec!["common"]),
        ("i am alexandra and this is long", vec!["contains_email"]),
    ];
    // More refusals than a code has tries: a weak password never counts as a try.
    for (password, reasons) in cases.iter().chain(cases.iter()) {
        let (status, body) =
            server.post("/v1/password/reset", json!({"email": "alexandra@acme.example", "code": code, "new_password": password})).await;
        assert_problem(status, &body, 400, "weak_password");
        assert_eq!(body["reasons"], json!(reasons), "{password}: {body}");
    }
    let (status, body) =
        server.post("/v1/password/reset", json!({"email": "alexandra@acme.example", "code": code, "new_password": PASSWORD})).await;
    assert_eq!(status, 200, "{body}");
    let (status, body) = server.get("/v1/password/policy", None).await;
    assert_eq!(status, 200);
    assert_eq!((body["min_length"].as_u64(), body["max_length"].as_u64()), (Some(15), Some(128)), "{body}");
}

async fn a_reset_ends_other_sessions_and_unlocks_a_locked_account(backend: Backend) {
    let smtp = Smtp::start();
    let server = TestServer::start(backend, &smtp, &[]).await;
    let session = server.signed_in_user(&smtp, "reset@acme.example").await;
    for _ in 0..5 {
        let (status, body) =
            server.post("/v1/sessions", json!({"email": "reset@acme.example", "password": "wrong wrong wrong wrong"})).await;
        assert_problem(status, &body, 401, "invalid_credentials");
    }
    let (status, body) = server.post("/v1/sessions", json!({"email": "reset@acme.example", "password": PASSWORD})).await;
    assert_problem(status, &body, 429, "account_locked");
    server.set_password(&smtp, "reset@acme.example", 2).await;
    let (status, body) = server.refresh(&session["refresh_token"]).await;
    assert_problem(status, &body, 401, "invalid_grant");
    server.sign_in("reset@acme.example").await;
}

async fn lockout_answers_retry_after_and_holds_for_unknown_addresses(backend: Backend) {
    let smtp = Smtp::start();
    let server = TestServer::start(backend, &smtp, &[]).await;
    server.signed_in_user(&smtp, "locked@acme.example").await;
    for email in ["locked@acme.example", "ghost@acme.example"] {
        for _ in 0..5 {
            server.post("/v1/sessions", json!({"email": email, "password": "wrong wrong wrong wrong"})).await;
        }
        let (status, body) = server.post("/v1/sessions", json!({"email": email, "password": PASSWORD})).await;
        assert_problem(status, &body, 429, "account_locked");
        let retry = body["retry_after"].as_u64().unwrap();
        assert!((1..=30).contains(&retry), "{body}");
    }
    // After the delay, five more failures lock for twice as long.
    server.clock.advance(31);
    server.sign_in("locked@acme.example").await;
    for _ in 0..5 {
        server.post("/v1/sessions", json!({"email": "ghost@acme.example", "password": "wrong wrong wrong wrong"})).await;
    }
    let (_, body) = server.post("/v1/sessions", json!({"email": "ghost@acme.example", "password": PASSWORD})).await;
    let retry = body["retry_after"].as_u64().unwrap();
    assert!((31..=60).contains(&retry), "{body}");
}

async fn code_sending_is_rate_limited_per_address(backend: Backend) {
    let smtp = Smtp::start();
    let server = TestServer::start(backend, &smtp, &[]).await;
    for _ in 0..5 {
        let (status, _) = server.post("/v1/password/forgot", json!({"email": "spam@acme.example"})).await;
        assert_eq!(status, 202);
    }
    let (status, body) = server.post("/v1/password/forgot", json!({"email": "spam@acme.example"})).await;
    assert_problem(status, &body, 429, "rate_limited");
    assert!(body["retry_after"].as_u64().unwrap() <= 15 * 60, "{body}");
    // Another address is not affected, and the window passes.
    assert_eq!(server.post("/v1/password/forgot", json!({"email": "other@acme.example"})).await.0, 202);
    server.clock.advance(15 * 60 + 1);
    assert_eq!(server.post("/v1/password/forgot", json!({"email": "spam@acme.example"})).await.0, 202);
}

async fn no_token_before_the_current_terms_are_accepted(backend: Backend) {
    let smtp = Smtp::start();
    let server = TestServer::start(backend, &smtp, &[]).await;
    let (status, body) = server.get("/v1/tos/current", None).await;
    assert_problem(status, &body, 404, "no_tos");
    server.publish_tos("2026-11", "en").await;
    server.publish_tos("2026-11", "de").await;
    server.purchase("tos@acme.example").await;
    server.set_password(&smtp, "tos@acme.example", 1).await;
    let (status, body) = server.post("/v1/sessions", json!({"email": "tos@acme.example", "password": PASSWORD})).await;
    assert_eq!(status, 200);
    assert_eq!(body["status"], "tos_required", "{body}");
    assert!(body.get("access_token").is_none() && body.get("refresh_token").is_none(), "{body}");
    assert_eq!(body["tos"]["version"], "2026-11");
    let ticket = body["tos_ticket"].clone();
    let (status, body) = server.post("/v1/tos/accept", json!({"tos_ticket": ticket, "version": "2025-01"})).await;
    assert_problem(status, &body, 409, "tos_version_mismatch");
    let (status, body) = server.post("/v1/tos/accept", json!({"tos_ticket": "made-up", "version": "2026-11"})).await;
    assert_problem(status, &body, 400, "invalid_ticket");
    let (status, body) = server.post("/v1/tos/accept", json!({"tos_ticket": ticket, "version": "2026-11"})).await;
    assert_eq!((status, body["status"].as_str()), (200, Some("signed_in")), "{body}");
    let (status, body) = server.post("/v1/tos/accept", json!({"tos_ticket": ticket, "version": "2026-11"})).await;
    assert_problem(status, &body, 400, "invalid_ticket"); // single use
    let (_, document) = server.get("/v1/tos/current?lang=de", None).await;
    assert_eq!((document["lang"].as_str(), document["version"].as_str()), (Some("de"), Some("2026-11")), "{document}");
    assert_eq!(server.audit_events("tos_accepted").await, 1);
    // A ticket lives ten minutes.
    let (_, body) = server.post("/v1/sessions", json!({"email": "tos@acme.example", "password": PASSWORD})).await;
    assert_eq!(body["status"], "signed_in", "accepted already: {body}");
    server.publish_tos("2026-12", "en").await;
    let (_, body) = server.post("/v1/sessions", json!({"email": "tos@acme.example", "password": PASSWORD})).await;
    server.clock.advance(10 * 60 + 1);
    let (status, body) = server.post("/v1/tos/accept", json!({"tos_ticket": body["tos_ticket"], "version": "2026-12"})).await;
    assert_problem(status, &body, 400, "invalid_ticket");
}

async fn a_new_terms_version_forces_acceptance_at_the_next_refresh(backend: Backend) {
    let smtp = Smtp::start();
    let server = TestServer::start(backend, &smtp, &[]).await;
    server.publish_tos("v1", "en").await;
    let session = server.signed_in_user(&smtp, "again@acme.example").await;
    let refresh_token = session["refresh_token"].clone();
    // A translation of the current version asks for nothing.
    server.publish_tos("v1", "fr").await;
    let (status, body) = server.refresh(&refresh_token).await;
    assert_eq!((status, body["status"].as_str()), (200, Some("signed_in")), "{body}");
    let refresh_token = body["refresh_token"].clone();
    server.publish_tos("v2", "en").await;
    for _ in 0..2 {
        // tos_required neither rotates nor uses up the token: asking twice gives the same answer.
        let (status, body) = server.refresh(&refresh_token).await;
        assert_eq!((status, body["status"].as_str()), (200, Some("tos_required")), "{body}");
        assert_eq!(body["tos"]["version"], "v2");
    }
    let (_, required) = server.refresh(&refresh_token).await;
    let (status, accepted) = server.post("/v1/tos/accept", json!({"tos_ticket": required["tos_ticket"], "version": "v2"})).await;
    assert_eq!((status, accepted["status"].as_str()), (200, Some("signed_in")), "{accepted}");
    // The same family continues: the new token refreshes, the one the ticket rotated is used.
    let (status, body) = server.refresh(&accepted["refresh_token"]).await;
    assert_eq!((status, body["status"].as_str()), (200, Some("signed_in")), "{body}");
    let (_, me) = server.get("/v1/me", body["access_token"].as_str()).await;
    assert_eq!(me["tos_accepted_version"], "v2");
    // Through the standard endpoint, a pending version is invalid_grant with its reason.
    server.publish_tos("v3", "en").await;
    let form =
        [("grant_type", "refresh_token"), ("refresh_token", body["refresh_token"].as_str().unwrap()), ("client_id", "latchkey-desktop")];
    let response = server.http.post(format!("{}/oauth2/token", server.url)).form(&form).send().await.unwrap();
    let (status, oauth) = support::read(response).await;
    assert_eq!(
        (status, oauth["error"].as_str(), oauth["error_description"].as_str()),
        (400, Some("invalid_grant"), Some("terms_of_service_required"))
    );
    let (status, still) = server.refresh(&body["refresh_token"]).await;
    assert_eq!((status, still["status"].as_str()), (200, Some("tos_required")), "the token was left unused: {still}");
}

async fn refresh_tokens_rotate_and_reuse_revokes_the_family(backend: Backend) {
    let smtp = Smtp::start();
    let server = TestServer::start(backend, &smtp, &[]).await;
    let session = server.signed_in_user(&smtp, "rotate@acme.example").await;
    let first = session["refresh_token"].clone();
    let (status, second) = server.refresh(&first).await;
    assert_eq!(status, 200, "{second}");
    assert_ne!(first, second["refresh_token"]);
    let (status, third) = server.refresh(&second["refresh_token"]).await;
    assert_eq!(status, 200, "{third}");
    // `first` is used and its successor was used too: this is theft, not a lost response.
    let (status, body) = server.refresh(&first).await;
    assert_problem(status, &body, 401, "invalid_grant");
    let (status, body) = server.refresh(&third["refresh_token"]).await;
    assert_problem(status, &body, 401, "invalid_grant");
    assert_eq!(server.audit_events("token_family_revoked").await, 1);
    // Another session of the same user is untouched.
    let other = server.sign_in("rotate@acme.example").await;
    assert_eq!(server.refresh(&other["refresh_token"]).await.0, 200);
}

async fn a_lost_refresh_response_is_replaced_not_revoked(backend: Backend) {
    let smtp = Smtp::start();
    let server = TestServer::start(backend, &smtp, &[]).await;
    let session = server.signed_in_user(&smtp, "lost@acme.example").await;
    let first = session["refresh_token"].clone();
    let (_, lost) = server.refresh(&first).await; // the client never received this answer
    let (status, retried) = server.refresh(&first).await;
    assert_eq!(status, 200, "retry within a minute with an unused successor: {retried}");
    assert_ne!(retried["refresh_token"], lost["refresh_token"]);
    let (status, body) = server.refresh(&lost["refresh_token"]).await;
    assert_problem(status, &body, 401, "invalid_grant"); // the lost one was replaced
    let (status, body) = server.refresh(&retried["refresh_token"]).await;
    assert_eq!(status, 200, "{body}");
    // Past a minute, the same retry is reuse.
    let (_, pending) = server.refresh(&body["refresh_token"]).await;
    let _ = pending;
    server.clock.advance(61);
    let (status, body2) = server.refresh(&body["refresh_token"]).await;
    assert_problem(status, &body2, 401, "invalid_grant");
    let (status, _) = server.refresh(&pending["refresh_token"]).await;
    assert_eq!(status, 401, "the family is revoked");
}

async fn revoke_ends_the_session(backend: Backend) {
    let smtp = Smtp::start();
    let server = TestServer::start(backend, &smtp, &[]).await;
    let session = server.signed_in_user(&smtp, "bye@acme.example").await;
    let (status, body) = server.post("/v1/sessions/revoke", json!({"refresh_token": session["refresh_token"]})).await;
    assert_eq!(status, 204, "{body}");
    assert_eq!(server.refresh(&session["refresh_token"]).await.0, 401);
    // Unknown tokens are not an error.
    assert_eq!(server.post("/v1/sessions/revoke", json!({"refresh_token": "nonsense"})).await.0, 204);
    let other = server.sign_in("bye@acme.example").await;
    let form = [("token", other["refresh_token"].as_str().unwrap())];
    let response = server.http.post(format!("{}/oauth2/revoke", server.url)).form(&form).send().await.unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(server.refresh(&other["refresh_token"]).await.0, 401);
    let response = server.http.post(format!("{}/oauth2/revoke", server.url)).form(&[("token", "nonsense")]).send().await.unwrap();
    assert_eq!(response.status(), 200);
}

async fn user_count(server: &TestServer, email: &str) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM users WHERE email_key = $1").bind(email).fetch_one(&server.state.db.pool).await.unwrap()
}

/// The recipients of every message received so far, exactly as the SMTP envelope carried them.
fn envelope_recipients(smtp: &Smtp) -> Vec<String> {
    smtp.messages()
        .iter()
        .flat_map(|m| m.lines().filter_map(|l| l.strip_prefix("X-RcptTo: ")).map(str::to_owned).collect::<Vec<_>>())
        .collect()
}

// Regression (issue 14, defect 5): mail went to the address as the request spelled it, which only
// has to match the stored one's key (case, or a Kelvin sign `\u{212A}` that lower-cases to `k`).
async fn mail_goes_to_the_stored_address_not_the_spelling_of_the_request(backend: Backend) {
    let smtp = Smtp::start();
    let server = TestServer::start(backend, &smtp, &[]).await;
    server.purchase("Kim.Contact@acme.example").await;
    smtp.wait_for_message("kim.contact@acme.example", 1).await;
    for typed in ["kim.contact@ACME.example", "\u{212A}IM.CONTACT@acme.example"] {
        let (status, body) = server.post("/v1/password/forgot", json!({"email": typed})).await;
        assert_eq!(status, 202, "{body}");
    }
    let (status, body) = server
        .post("/v1/register", json!({"email": "\u{212A}im.contact@acme.example", "first_name": "K", "last_name": "C", "country": "gb"}))
        .await;
    assert_eq!(status, 202, "{body}");
    // A registration waiting for its code: "Forgot password?" in another spelling resends it to
    // the address registered, and the account is created with that address.
    let (status, _) = server
        .post("/v1/register", json!({"email": "Lee.Pending@beta.example", "first_name": "Lee", "last_name": "P", "country": "gb"}))
        .await;
    assert_eq!(status, 202);
    smtp.code("lee.pending@beta.example", 1).await;
    server.post("/v1/password/forgot", json!({"email": "LEE.PENDING@beta.example"})).await;
    let code = smtp.code("lee.pending@beta.example", 2).await;
    smtp.wait_for_message("kim.contact@acme.example", 4).await;
    let recipients = envelope_recipients(&smtp);
    assert_eq!(recipients.len(), 6, "{recipients:?}");
    assert!(
        recipients.iter().all(|r| r == "Kim.Contact@acme.example" || r == "Lee.Pending@beta.example"),
        "every message went to a stored address exactly: {recipients:?}"
    );
    let (status, body) =
        server.post("/v1/password/reset", json!({"email": "lee.pending@BETA.example", "code": code, "new_password": PASSWORD})).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(server.sign_in("lee.pending@beta.example").await["user"]["email"], "Lee.Pending@beta.example");
}

async fn register_creates_nothing_until_the_code_is_redeemed(backend: Backend) {
    let smtp = Smtp::start();
    let server = TestServer::start(backend, &smtp, &[]).await;
    let (status, _) = server
        .post(
            "/v1/register",
            json!({"email": "Solo@Indie.example", "first_name": "Sol", "last_name": "O", "country": "fr", "language": "fr"}),
        )
        .await;
    assert_eq!(status, 202);
    assert_eq!(user_count(&server, "solo@indie.example").await, 0);
    let message = smtp.wait_for_message("Solo@indie.example", 1).await;
    assert!(message.contains("Content-Language: fr"), "{message}");
    // Losing the mail and using "Forgot password?" sends a fresh registration code.
    server.post("/v1/password/forgot", json!({"email": "solo@indie.example"})).await;
    let code = smtp.code("solo@indie.example", 2).await;
    let (status, body) =
        server.post("/v1/password/reset", json!({"email": "solo@indie.example", "code": code, "new_password": PASSWORD})).await;
    assert_eq!(status, 200, "{body}");
    let session = server.sign_in("solo@indie.example").await;
    let user = &session["user"];
    assert_eq!(
        (user["first_name"].as_str(), user["country"].as_str(), user["language"].as_str()),
        (Some("Sol"), Some("FR"), Some("fr")),
        "{user}"
    );
    assert!(user["org"].is_null(), "{user}");
    // Registering an existing address changes nothing and tells its owner.
    server.post("/v1/register", json!({"email": "solo@indie.example", "first_name": "Evil", "last_name": "Twin", "country": "US"})).await;
    let message = smtp.wait_for_message("solo@indie.example", 3).await;
    assert!(support::extract_code(&message).is_none(), "{message}");
    let (_, me) = server.get("/v1/me", session["access_token"].as_str()).await;
    assert_eq!(me["first_name"], "Sol");
}

async fn register_joins_an_auto_approved_domain_or_files_a_join_request(backend: Backend) {
    let smtp = Smtp::start();
    let server = TestServer::start(backend, &smtp, &[]).await;
    let org = server.purchase("boss@auto.example").await;
    let org_id = org["id"].as_str().unwrap();
    let (status, body) = server.operator(reqwest::Method::PUT, &format!("/v1/operator/orgs/{org_id}/domains/auto.example"), None).await;
    assert_eq!(status, 204, "{body}");
    sqlx::query("UPDATE domains SET auto_approve = 1 WHERE domain = 'auto.example'").execute(&server.state.db.pool).await.unwrap();
    let (status, body) = server.operator(reqwest::Method::PUT, &format!("/v1/operator/orgs/{org_id}/domains/gmail.com"), None).await;
    assert_problem(status, &body, 400, "public_domain");
    let other = server.purchase("boss@manual.example").await;
    let other_id = other["id"].as_str().unwrap();
    let (status, body) = server.operator(reqwest::Method::PUT, &format!("/v1/operator/orgs/{other_id}/domains/auto.example"), None).await;
    assert_problem(status, &body, 409, "domain_taken");
    server.operator(reqwest::Method::PUT, &format!("/v1/operator/orgs/{other_id}/domains/manual.example"), None).await;

    server.post("/v1/register", json!({"email": "joiner@auto.example", "first_name": "Jo", "last_name": "Iner", "country": "GB"})).await;
    let code = smtp.code("joiner@auto.example", 1).await;
    server.post("/v1/password/reset", json!({"email": "joiner@auto.example", "code": code, "new_password": PASSWORD})).await;
    let session = server.sign_in("joiner@auto.example").await;
    assert_eq!(session["user"]["org"]["id"], org_id, "{session}");
    assert_eq!(server.audit_events("auto_joined").await, 1);

    server.post("/v1/register", json!({"email": "asker@manual.example", "first_name": "Ask", "last_name": "Er", "country": "GB"})).await;
    let code = smtp.code("asker@manual.example", 1).await;
    server.post("/v1/password/reset", json!({"email": "asker@manual.example", "code": code, "new_password": PASSWORD})).await;
    let session = server.sign_in("asker@manual.example").await;
    assert!(session["user"]["org"].is_null(), "{session}");
    let requests: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM join_requests WHERE org_id = $1")
        .bind(other_id)
        .fetch_one(&server.state.db.pool)
        .await
        .unwrap();
    assert_eq!(requests, 1);
    let mail = smtp.wait_for_message("boss@manual.example", 2).await;
    assert!(mail.contains("asker@manual.example"), "the administrators are told: {mail}");
}

async fn bad_input_gets_a_problem_document_never_a_500(backend: Backend) {
    let smtp = Smtp::start();
    let server = TestServer::start(backend, &smtp, &[]).await;
    let endpoints =
        ["/v1/register", "/v1/password/forgot", "/v1/password/reset", "/v1/sessions", "/v1/tos/accept", "/v1/token", "/v1/sessions/revoke"];
    let huge = format!("{{\"email\": \"{}\"}}", "a".repeat(1024 * 1024 + 10));
    for path in endpoints {
        let cases: Vec<(&str, Vec<u8>, u16, &str)> = vec![
            ("malformed", b"{\"email\": ".to_vec(), 400, "invalid_request"),
            ("wrong type", br#"{"email": 5, "code": [], "new_password": {}, "password": 1, "first_name": 1, "last_name": 1, "country": 1, "tos_ticket": 1, "version": 1, "grant_type": 1, "refresh_token": 1}"#.to_vec(), 400, "invalid_request"),
            ("empty", b"{}".to_vec(), 400, "invalid_request"),
            ("not an object", b"[1,2]".to_vec(), 400, "invalid_request"),
            ("not utf-8", vec![0xff, 0xfe, 0x00], 400, "invalid_request"),
            ("oversize", huge.clone().into_bytes(), 413, "payload_too_large"),
        ];
        for (case, body, status, code) in cases {
            let (got, problem) = server.post_raw(path, "application/json", body).await;
            assert_eq!((got, problem["code"].as_str()), (status, Some(code)), "{path} {case}: {problem}");
        }
        let (got, problem) = server.post_raw(path, "text/plain", b"{}".to_vec()).await;
        assert_eq!((got, problem["code"].as_str()), (400, Some("invalid_request")), "{path} wrong content type: {problem}");
    }
    let (status, body) =
        server.post("/v1/register", json!({"email": "nope", "first_name": "", "last_name": "x\u{1}", "country": "ZZ"})).await;
    assert_problem(status, &body, 400, "invalid_request");
    let fields: Vec<(&str, &str)> =
        body["errors"].as_array().unwrap().iter().map(|e| (e["field"].as_str().unwrap(), e["code"].as_str().unwrap())).collect();
    assert_eq!(
        fields,
        vec![
            ("email", "invalid_email"),
            ("first_name", "missing_field"),
            ("last_name", "invalid_characters"),
            ("country", "invalid_country")
        ]
    );
    let (status, body) = server.post("/v1/password/forgot", json!({"email": "not an address"})).await;
    assert_problem(status, &body, 400, "invalid_email");
    let (status, body) = server.get("/v1/nowhere", None).await;
    assert_problem(status, &body, 404, "not_found");
    let response = reqwest::Client::new().post(format!("{}/v1/sessions", server.url)).body(huge.clone()).send().await.unwrap();
    assert!(response.headers().get("x-request-id").is_some(), "every response carries x-request-id, even a 413");
    let (status, body) = server.post("/v1/token", json!({"grant_type": "password", "refresh_token": "x"})).await;
    assert_problem(status, &body, 400, "invalid_request");
    let response = server.http.post(format!("{}/oauth2/token", server.url)).form(&[("grant_type", "password")]).send().await.unwrap();
    let (status, body) = support::read(response).await;
    assert_eq!((status, body["error"].as_str()), (400, Some("unsupported_grant_type")));
    let response = server.http.post(format!("{}/oauth2/token", server.url)).body("%%%").send().await.unwrap();
    assert_eq!(response.status(), 400);
    // Nothing was created by any of it.
    assert_eq!(user_count(&server, "nope").await, 0);
    let (_, metrics) = server.get("/metrics", None).await;
    assert!(metrics.as_str().unwrap().contains("latchkey_http_server_errors_total 0"), "{metrics}");
}

async fn bearer_tokens_are_checked(backend: Backend) {
    let smtp = Smtp::start();
    let server = TestServer::start(backend, &smtp, &[]).await;
    let session = server.signed_in_user(&smtp, "bearer@acme.example").await;
    let access = session["access_token"].as_str().unwrap();
    let (status, me) = server.get("/v1/me", Some(access)).await;
    assert_eq!(status, 200, "{me}");
    assert_eq!((me["email"].as_str(), me["roles"][0].as_str()), (Some("bearer@acme.example"), Some("fulfillment_contact")));
    for bad in [None, Some("garbage"), Some("a.b.c"), Some(&access[..access.len() - 2])] {
        let response = server.http.get(format!("{}/v1/me", server.url));
        let response = match bad {
            Some(t) => response.bearer_auth(t),
            None => response,
        }
        .send()
        .await
        .unwrap();
        assert_eq!(response.status(), 401);
        assert!(response.headers().get("www-authenticate").unwrap().to_str().unwrap().starts_with("Bearer"));
        let (_, body) = support::read(response).await;
        assert_eq!(body["code"], "unauthorized");
    }
    // A signed entitlement set is not an access token (typ differs).
    let (_, entitlements) = server.get("/v1/entitlements", Some(access)).await;
    assert_eq!(server.get("/v1/me", entitlements["signed"].as_str()).await.0, 401);
    server.clock.advance(601);
    assert_eq!(server.get("/v1/me", Some(access)).await.0, 401, "expired after 10 minutes");
}

/// The `kid` in a compact JWS's header.
fn kid_of(jws: &str) -> String {
    use base64::Engine as _;
    let header = base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(jws.split('.').next().unwrap()).unwrap();
    serde_json::from_slice::<Value>(&header).unwrap()["kid"].as_str().unwrap().to_owned()
}

async fn jwks_kids(server: &TestServer) -> Vec<String> {
    let (status, jwks) = server.get("/.well-known/jwks.json", None).await;
    assert_eq!(status, 200, "{jwks}");
    jwks["keys"].as_array().unwrap().iter().map(|k| k["kid"].as_str().unwrap().to_owned()).collect()
}

async fn signing_keys_rotate_with_an_overlap_then_the_old_one_leaves(backend: Backend) {
    let smtp = Smtp::start();
    let server = TestServer::start(backend, &smtp, &[]).await;
    let before = server.signed_in_user(&smtp, "keys@acme.example").await;
    let old_token = before["access_token"].as_str().unwrap().to_owned();
    let old_kid = kid_of(&old_token);
    let (_, old_set) = server.get("/v1/entitlements", Some(&old_token)).await;
    assert_eq!(jwks_kids(&server).await, std::slice::from_ref(&old_kid));

    let (status, rotated) = server.operator(reqwest::Method::POST, "/v1/operator/keys/rotate", None).await;
    assert_eq!(status, 200, "{rotated}");
    let new_kid = rotated["kid"].as_str().unwrap().to_owned();
    assert_ne!(new_kid, old_kid);
    assert_eq!(rotated["retired_kid"], old_kid.as_str());
    // Both keys are published during the overlap, the signing one first.
    assert_eq!(jwks_kids(&server).await, [new_kid.clone(), old_kid.clone()]);
    // New tokens and sets are signed by the new key; what the old key signed still verifies.
    let after = server.sign_in("keys@acme.example").await;
    let new_token = after["access_token"].as_str().unwrap().to_owned();
    assert_eq!(kid_of(&new_token), new_kid);
    for token in [&old_token, &new_token] {
        assert_eq!(server.get("/v1/me", Some(token)).await.0, 200);
    }
    let (_, new_set) = server.get("/v1/entitlements", Some(&new_token)).await;
    assert_eq!(kid_of(new_set["signed"].as_str().unwrap()), new_kid);
    let _: Value = server.state.keys.verify("entitlements+jwt", old_set["signed"].as_str().unwrap()).unwrap();

    // Another instance on the same database signs with the new key after its reload.
    if backend == Backend::Postgres {
        let other = TestServer::start_on(&server.database_url, server.dir(), None, &[]).await;
        assert_eq!(other.state.keys.kid(), new_kid, "an instance started after the rotation");
        other.state.keys.reload(&other.state.db, other.state.now()).await.unwrap();
        assert_eq!(jwks_kids(&other).await, [new_kid.clone(), old_kid.clone()]);
    }

    // Past the overlap (30 days and an hour: the longest offline grace and token lifetime) the
    // old key leaves the JWKS, no longer verifies, and housekeeping deletes it.
    server.clock.advance(latchkey_server::keys::RETIRED_KEY_LIFETIME + 1);
    server.state.keys.reload(&server.state.db, server.state.now()).await.unwrap();
    assert_eq!(jwks_kids(&server).await, std::slice::from_ref(&new_kid));
    assert!(server.state.keys.verify::<Value>("entitlements+jwt", old_set["signed"].as_str().unwrap()).is_err());
    latchkey_server::housekeeping::sweep(&server.state.db, server.state.now()).await.unwrap();
    let left: Vec<String> = sqlx::query_scalar("SELECT kid FROM signing_keys").fetch_all(&server.state.db.pool).await.unwrap();
    assert_eq!(left, [new_kid]);
}

async fn entitlements_follow_subscriptions_and_roles(backend: Backend) {
    let smtp = Smtp::start();
    let server = TestServer::start(backend, &smtp, &[]).await;
    let session = server.signed_in_user(&smtp, "ent@acme.example").await;
    let org = session["user"]["org"]["id"].as_str().unwrap().to_owned();
    let access = session["access_token"].as_str().unwrap();
    let (status, body) = server.get("/v1/entitlements", Some(access)).await;
    assert_eq!(status, 200);
    assert_eq!(body["entitlements"], json!([{"product": "suite", "features": [], "expires_at": "2099-12-31T23:59:59Z"}]));
    let issued = time::OffsetDateTime::parse(body["issued_at"].as_str().unwrap(), &time::format_description::well_known::Rfc3339).unwrap();
    let offline =
        time::OffsetDateTime::parse(body["offline_until"].as_str().unwrap(), &time::format_description::well_known::Rfc3339).unwrap();
    assert_eq!(offline - issued, time::Duration::days(7));
    let claims: Value = server.state.keys.verify("entitlements+jwt", body["signed"].as_str().unwrap()).unwrap();
    assert_eq!(claims["entitlements"], body["entitlements"]);
    assert_eq!(claims["exp"].as_i64().unwrap(), offline.unix_timestamp());

    sqlx::query("INSERT INTO user_roles (user_id, role) VALUES ($1, 'product_delivery_download')")
        .bind(session["user"]["id"].as_str())
        .execute(&server.state.db.pool)
        .await
        .unwrap();
    server.operator(reqwest::Method::PATCH, &format!("/v1/operator/orgs/{org}"), Some(json!({"offline_grace_days": 30}))).await;
    server
        .operator(
            reqwest::Method::POST,
            &format!("/v1/operator/orgs/{org}/subscriptions"),
            Some(json!({"product": "old", "expires_at": "2001-01-01"})),
        )
        .await;
    let (status, body) =
        server.operator(reqwest::Method::PATCH, &format!("/v1/operator/orgs/{org}"), Some(json!({"offline_grace_days": 31}))).await;
    assert_eq!(status, 400, "{body}");
    // The roles claim follows at the next refresh; entitlements at once.
    let (_, refreshed) = server.refresh(&session["refresh_token"]).await;
    assert_eq!(refreshed["user"]["roles"], json!(["fulfillment_contact", "product_delivery_download"]));
    let (_, body) = server.get("/v1/entitlements", refreshed["access_token"].as_str()).await;
    assert_eq!(
        body["entitlements"],
        json!([{"product": "suite", "features": ["download"], "expires_at": "2099-12-31T23:59:59Z"}]),
        "expired subscriptions are left out"
    );
    let issued = time::OffsetDateTime::parse(body["issued_at"].as_str().unwrap(), &time::format_description::well_known::Rfc3339).unwrap();
    let offline =
        time::OffsetDateTime::parse(body["offline_until"].as_str().unwrap(), &time::format_description::well_known::Rfc3339).unwrap();
    assert_eq!(offline - issued, time::Duration::days(30));
    // A user with no organization has none.
    server.post("/v1/register", json!({"email": "loner@indie.example", "first_name": "L", "last_name": "O", "country": "GB"})).await;
    let code = smtp.code("loner@indie.example", 1).await;
    server.post("/v1/password/reset", json!({"email": "loner@indie.example", "code": code, "new_password": PASSWORD})).await;
    let loner = server.sign_in("loner@indie.example").await;
    let (_, body) = server.get("/v1/entitlements", loner["access_token"].as_str()).await;
    assert_eq!(body["entitlements"], json!([]));
}

async fn products_are_shown_by_their_display_names(backend: Backend) {
    let smtp = Smtp::start();
    let server = TestServer::start(backend, &smtp, &[]).await;
    let session = server.signed_in_user(&smtp, "names@acme.example").await;
    let org = session["user"]["org"]["id"].as_str().unwrap().to_owned();
    let access = session["access_token"].as_str().unwrap();
    let (_, body) = server.get("/v1/entitlements", Some(access)).await;
    assert_eq!(body["entitlements"][0].get("name"), None, "a product with no name has no name field: {body}");

    let put = |name: Value| server.operator(reqwest::Method::PUT, "/v1/operator/products/suite", Some(json!({ "name": name })));
    let (status, named) = put(json!("  Acme Suite  ")).await;
    assert_eq!((status, named), (200, json!({"id": "suite", "name": "Acme Suite"})));
    let (_, body) = server.get("/v1/entitlements", Some(access)).await;
    assert_eq!(
        body["entitlements"],
        json!([{"product": "suite", "name": "Acme Suite", "features": [], "expires_at": "2099-12-31T23:59:59Z"}])
    );
    let claims: Value = server.state.keys.verify("entitlements+jwt", body["signed"].as_str().unwrap()).unwrap();
    assert_eq!(claims["entitlements"], body["entitlements"], "the name is signed with the rest");
    let (status, renamed) = put(json!("Acme Suite 2027")).await;
    assert_eq!((status, &renamed["name"]), (200, &json!("Acme Suite 2027")));
    let (status, document) = server.get(&format!("/v1/orgs/{org}"), Some(access)).await;
    assert_eq!(status, 200, "{document}");
    assert_eq!(document["subscriptions"], json!([{"product": "suite", "name": "Acme Suite 2027", "expires_at": "2099-12-31T23:59:59Z"}]));

    // Refused by field, and nothing written.
    for (name, code) in
        [(json!(""), "missing_field"), (json!("Bell\u{7}"), "invalid_characters"), (json!("x".repeat(101)), "field_too_long")]
    {
        let (status, problem) = put(name.clone()).await;
        assert_problem(status, &problem, 400, "invalid_request");
        assert_eq!(problem["errors"], json!([{"field": "name", "code": code}]), "{name}");
    }
    let (status, problem) = server.operator(reqwest::Method::PUT, "/v1/operator/products/no%20spaces", Some(json!({"name": "X"}))).await;
    assert_problem(status, &problem, 400, "invalid_request");
    assert_eq!(problem["errors"][0]["field"], "product");
    let (status, problem) = server.operator(reqwest::Method::PUT, "/v1/operator/products/suite", Some(json!({"title": "X"}))).await;
    assert_problem(status, &problem, 400, "invalid_request");
    let anonymous = server.http.put(format!("{}/v1/operator/products/suite", server.url)).json(&json!({"name": "Stolen"}));
    assert_eq!(anonymous.send().await.unwrap().status(), 401, "only the operator names products");
    let (_, document) = server.get(&format!("/v1/orgs/{org}"), Some(access)).await;
    assert_eq!(document["subscriptions"][0]["name"], "Acme Suite 2027");
}

async fn audiences_are_limited_to_the_configured_ones(backend: Backend) {
    let smtp = Smtp::start();
    let server = TestServer::start(backend, &smtp, &[]).await;
    let session = server.signed_in_user(&smtp, "aud@acme.example").await;
    let (status, body) = server
        .post(
            "/v1/token",
            json!({"grant_type": "refresh_token", "refresh_token": session["refresh_token"], "audience": "https://evil.example"}),
        )
        .await;
    assert_problem(status, &body, 400, "unsupported_audience");
    let (status, body) = server
        .post("/v1/token", json!({"grant_type": "refresh_token", "refresh_token": session["refresh_token"], "audience": server.url}))
        .await;
    assert_eq!(status, 200, "the refused request did not use the token: {body}");
}

async fn the_audit_log_records_events_without_secrets(backend: Backend) {
    let smtp = Smtp::start();
    let server = TestServer::start(backend, &smtp, &[]).await;
    let session = server.signed_in_user(&smtp, "audit@acme.example").await;
    server.post("/v1/sessions", json!({"email": "audit@acme.example", "password": "wrong wrong wrong wrong"})).await;
    for event in ["org_created", "password_reset", "signin", "signin_failed"] {
        assert!(server.audit_events(event).await >= 1, "{event} is audited");
    }
    let rows: Vec<(String, String)> = sqlx::query_as("SELECT event, detail FROM audit_log").fetch_all(&server.state.db.pool).await.unwrap();
    let code = smtp.code("audit@acme.example", 1).await;
    let everything = format!("{rows:?}");
    for secret in [
        PASSWORD,
        "wrong wrong wrong wrong",
        code.as_str(),
        session["refresh_token"].as_str().unwrap(),
        session["access_token"].as_str().unwrap(),
    ] {
        assert!(!everything.contains(secret), "the audit log holds a secret");
    }
    // Delivered mail is not kept: the outbox body is blanked once sent.
    let stored: Vec<String> =
        sqlx::query_scalar("SELECT body FROM outbox WHERE sent_at IS NOT NULL").fetch_all(&server.state.db.pool).await.unwrap();
    assert!(stored.iter().all(String::is_empty));
}

async fn post_from(server: &TestServer, path: &str, forwarded_for: &str, body: Value) -> (u16, Value) {
    let request = server.http.post(format!("{}{path}", server.url)).header("x-forwarded-for", forwarded_for).json(&body);
    support::read(request.send().await.unwrap()).await
}

async fn per_ip_limits_count_every_address_and_trust_only_listed_proxies(backend: Backend) {
    let smtp = Smtp::start();
    let limits = [
        ("LATCHKEY_LIMIT_SIGNIN_FAILURES_PER_IP", "3/15m"),
        ("LATCHKEY_LIMIT_CODES_PER_IP", "3/15m"),
        ("LATCHKEY_LIMIT_REGISTER_PER_IP", "2/15m"),
    ];
    let direct = TestServer::start(backend, &smtp, &limits).await;
    // Without trusted proxies, X-Forwarded-For is ignored: every request is the peer's.
    for (i, spoofed) in ["10.0.0.1", "10.0.0.2", "10.0.0.3"].iter().enumerate() {
        let (status, _) = post_from(
            &direct,
            "/v1/sessions",
            spoofed,
            json!({"email": format!("u{i}@acme.example"), "password": "wrong wrong wrong wrong"}),
        )
        .await;
        assert_eq!(status, 401);
    }
    let (status, body) = post_from(&direct, "/v1/sessions", "10.0.0.4", json!({"email": "fresh@acme.example", "password": PASSWORD})).await;
    assert_problem(status, &body, 429, "rate_limited");
    for i in 0..3 {
        assert_eq!(direct.post("/v1/password/forgot", json!({"email": format!("c{i}@acme.example")})).await.0, 202);
    }
    let (status, body) = direct.post("/v1/password/forgot", json!({"email": "c9@acme.example"})).await;
    assert_problem(status, &body, 429, "rate_limited");
    let (status, body) =
        direct.post("/v1/register", json!({"email": "r@acme.example", "first_name": "R", "last_name": "R", "country": "GB"})).await;
    assert_problem(status, &body, 429, "rate_limited");

    let mut with_proxy = limits.to_vec();
    with_proxy.push(("LATCHKEY_TRUSTED_PROXIES", "127.0.0.1"));
    let proxied = TestServer::start(backend, &smtp, &with_proxy).await;
    // Behind a trusted proxy, the last hop it appended is the client.
    for i in 0..3 {
        let (status, _) = post_from(
            &proxied,
            "/v1/sessions",
            "203.0.113.7, 10.0.0.1",
            json!({"email": format!("u{i}@acme.example"), "password": "wrong wrong wrong wrong"}),
        )
        .await;
        assert_eq!(status, 401);
    }
    let (status, _) =
        post_from(&proxied, "/v1/sessions", "203.0.113.7, 10.0.0.1", json!({"email": "x@acme.example", "password": PASSWORD})).await;
    assert_eq!(status, 429, "10.0.0.1 is over its limit");
    let (status, _) = post_from(&proxied, "/v1/sessions", "10.0.0.2", json!({"email": "x@acme.example", "password": PASSWORD})).await;
    assert_eq!(status, 401, "another client behind the proxy is not");
}

async fn housekeeping_removes_only_finished_state(backend: Backend) {
    let smtp = Smtp::start();
    let server = TestServer::start(backend, &smtp, &[]).await;
    let session = server.signed_in_user(&smtp, "sweep@acme.example").await;
    server.post("/v1/password/forgot", json!({"email": "old@acme.example"})).await;
    server.clock.advance(8 * 86_400);
    server.post("/v1/password/forgot", json!({"email": "new@acme.example"})).await;
    let removed = latchkey_server::housekeeping::sweep(&server.state.db, server.state.now()).await.unwrap();
    assert!(removed >= 2, "the old code and the old rate window go: {removed}");
    let codes: Vec<String> = sqlx::query_scalar("SELECT address FROM codes").fetch_all(&server.state.db.pool).await.unwrap();
    assert_eq!(codes, vec!["new@acme.example".to_owned()]);
    // A live session survives a sweep.
    assert_eq!(server.refresh(&session["refresh_token"]).await.0, 200);
}

async fn concurrent_refreshes_of_one_token_leave_exactly_one_live_successor(backend: Backend) {
    let smtp = Smtp::start();
    let server = TestServer::start(backend, &smtp, &[]).await;
    let session = server.signed_in_user(&smtp, "race@acme.example").await;
    let mut racers = tokio::task::JoinSet::new();
    for _ in 0..8 {
        let (http, url, token) = (server.http.clone(), server.url.clone(), session["refresh_token"].clone());
        racers.spawn(async move {
            let request = http.post(format!("{url}/v1/token")).json(&json!({"grant_type": "refresh_token", "refresh_token": token}));
            support::read(request.send().await.unwrap()).await
        });
    }
    let mut issued = Vec::new();
    while let Some(result) = racers.join_next().await {
        let (status, body) = result.unwrap();
        assert!(status == 200 || status == 401, "{status} {body}");
        if status == 200 {
            issued.push(body["refresh_token"].clone());
        }
    }
    assert!(!issued.is_empty(), "at least one racer gets tokens");
    // Every answer but the newest was replaced as a lost response: exactly one token lives on,
    // and trying the dead ones did not revoke the family.
    let mut live = 0;
    for token in &issued {
        if server.refresh(token).await.0 == 200 {
            live += 1;
        }
    }
    assert_eq!(live, 1, "{} tokens issued", issued.len());
    assert_eq!(server.audit_events("token_family_revoked").await, 0);
}

/// Refreshes arriving together are rotated in one batch (crate `sessions::rotator`); each is still
/// decided on its own: a revoked or unknown token in the batch fails alone, a token that needs
/// Terms gets its ticket, and every live one rotates exactly once.
async fn refreshes_of_many_sessions_at_once_are_each_decided_alone(backend: Backend) {
    let smtp = Smtp::start();
    let server = TestServer::start(backend, &smtp, &[]).await;
    let first = server.signed_in_user(&smtp, "many@acme.example").await;
    let mut live = vec![first["refresh_token"].clone()];
    for _ in 0..5 {
        live.push(server.sign_in("many@acme.example").await["refresh_token"].clone());
    }
    let revoked = server.sign_in("many@acme.example").await["refresh_token"].clone();
    assert_eq!(server.post("/v1/sessions/revoke", json!({"refresh_token": revoked})).await.0, 204);
    let unknown = json!("an-unknown-refresh-token-of-the-right-length-0000");

    for wave in 0..3 {
        let mut racers = tokio::task::JoinSet::new();
        for (index, token) in live.iter().cloned().chain([revoked.clone(), unknown.clone()]).enumerate() {
            let (http, url) = (server.http.clone(), server.url.clone());
            racers.spawn(async move {
                let form = [("grant_type", "refresh_token"), ("refresh_token", token.as_str().unwrap()), ("client_id", "latchkey-desktop")];
                (index, support::read(http.post(format!("{url}/oauth2/token")).form(&form).send().await.unwrap()).await)
            });
        }
        let mut answers = Vec::new();
        while let Some(result) = racers.join_next().await {
            answers.push(result.unwrap());
        }
        answers.sort_by_key(|(index, _)| *index);
        for (index, (status, body)) in answers {
            if index < live.len() {
                assert_eq!(status, 200, "wave {wave}, session {index}: {body}");
                assert_ne!(body["refresh_token"], live[index], "rotated");
                live[index] = body["refresh_token"].clone();
            } else {
                assert_eq!((status, body["error"].as_str()), (400, Some("invalid_grant")), "wave {wave}, token {index}: {body}");
            }
        }
    }
    // Each live family has exactly one unused token, and nothing was taken for reuse.
    let unused: Vec<i64> = sqlx::query_scalar(
        "SELECT COUNT(*) FROM refresh_tokens t JOIN token_families f ON f.id = t.family_id \
         WHERE f.revoked_at IS NULL AND t.used_at IS NULL GROUP BY f.id",
    )
    .fetch_all(&server.state.db.pool)
    .await
    .unwrap();
    assert_eq!(unused, vec![1; live.len()]);
    assert_eq!(server.audit_events("token_family_revoked").await, 1, "only the sign-out");
    let batched = server.state.metrics.refreshes_batched.load(std::sync::atomic::Ordering::SeqCst);
    assert_eq!(batched, 3 * live.len() as u64, "every live refresh was rotated in a batch");

    // A new Terms version: the same batch now answers every live session with a ticket, and
    // the tokens stay as they were (unused, no successor) until the Terms are accepted.
    let tokens_before: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM refresh_tokens").fetch_one(&server.state.db.pool).await.unwrap();
    server.publish_tos("2", "en").await;
    let mut racers = tokio::task::JoinSet::new();
    for token in live.clone() {
        let (http, url) = (server.http.clone(), server.url.clone());
        racers.spawn(async move {
            let request = http.post(format!("{url}/v1/token")).json(&json!({"grant_type": "refresh_token", "refresh_token": token}));
            support::read(request.send().await.unwrap()).await
        });
    }
    while let Some(result) = racers.join_next().await {
        let (status, body) = result.unwrap();
        assert_eq!((status, body["status"].as_str()), (200, Some("tos_required")), "{body}");
    }
    for token in &live {
        let used: Option<i64> = sqlx::query_scalar("SELECT used_at FROM refresh_tokens WHERE token_hash = $1")
            .bind(latchkey_server::ids::token_hash(token.as_str().unwrap()))
            .fetch_one(&server.state.db.pool)
            .await
            .unwrap();
        assert_eq!(used, None, "a token that needs Terms stays unused");
    }
    let tokens_after: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM refresh_tokens").fetch_one(&server.state.db.pool).await.unwrap();
    assert_eq!(tokens_after, tokens_before, "no successor was issued");
}

async fn racing_purchases_for_one_contact_conflict_instead_of_failing(backend: Backend) {
    let smtp = Smtp::start();
    let server = TestServer::start(backend, &smtp, &[]).await;
    let mut racers = tokio::task::JoinSet::new();
    for i in 0..4 {
        let (http, url) = (server.http.clone(), server.url.clone());
        racers.spawn(async move {
            let body = json!({"name": format!("Race {i}"), "contact_email": "twice@race.example", "contact_first_name": "T",
                "contact_last_name": "W", "contact_country": "GB"});
            support::read(http.post(format!("{url}/v1/operator/orgs")).bearer_auth("test-operator-key").json(&body).send().await.unwrap())
                .await
        });
    }
    let mut created = 0;
    while let Some(result) = racers.join_next().await {
        let (status, body) = result.unwrap();
        match status {
            201 => created += 1,
            409 => assert!(body["code"] == "member_of_other_org" || body["code"] == "invalid_request", "{body}"),
            _ => panic!("a racing purchase answered {status}: {body}"),
        }
    }
    assert_eq!(created, 1, "one organization gets the contact");
    assert_eq!(user_count(&server, "twice@race.example").await, 1);
    let orgs: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM orgs").fetch_one(&server.state.db.pool).await.unwrap();
    assert_eq!(orgs, 1, "a refused purchase leaves no half-written organization");
}

async fn refresh_tokens_expire_after_thirty_idle_days_and_ninety_in_all(backend: Backend) {
    const DAY: i64 = 86_400;
    let smtp = Smtp::start();
    let server = TestServer::start(backend, &smtp, &[]).await;
    let idle = server.signed_in_user(&smtp, "idle@acme.example").await;
    let active = server.sign_in("idle@acme.example").await;
    // Used every 29 days, a session lives until its 90th day; unused for 30 days, it ends.
    let mut token = active["refresh_token"].clone();
    for _ in 0..3 {
        server.clock.advance(29 * DAY);
        let (status, body) = server.refresh(&token).await;
        assert_eq!(status, 200, "{body}");
        token = body["refresh_token"].clone();
    }
    let (status, body) = server.refresh(&idle["refresh_token"]).await;
    assert_problem(status, &body, 401, "invalid_grant");
    server.clock.advance(4 * DAY); // day 91
    let (status, body) = server.refresh(&token).await;
    assert_problem(status, &body, 401, "invalid_grant");
}

async fn a_burst_of_parallel_guesses_gets_no_more_tries_than_the_lockout_allows(backend: Backend) {
    let smtp = Smtp::start();
    let server = TestServer::start(backend, &smtp, &[]).await;
    server.signed_in_user(&smtp, "burst@acme.example").await;
    let mut racers = tokio::task::JoinSet::new();
    for _ in 0..20 {
        let (http, url) = (server.http.clone(), server.url.clone());
        racers.spawn(async move {
            let body = json!({"email": "burst@acme.example", "password": "a guess of some length"});
            support::read(http.post(format!("{url}/v1/sessions")).json(&body).send().await.unwrap()).await
        });
    }
    let mut checked = 0;
    while let Some(result) = racers.join_next().await {
        let (status, body) = result.unwrap();
        match status {
            401 => checked += 1,
            429 => assert_eq!(body["code"], "account_locked", "{body}"),
            _ => panic!("{status} {body}"),
        }
    }
    assert!(checked <= 5, "{checked} guesses were checked; the lockout allows 5");
    let (status, body) = server.post("/v1/sessions", json!({"email": "burst@acme.example", "password": PASSWORD})).await;
    assert_problem(status, &body, 429, "account_locked");
}

async fn passwords_are_compared_after_normalisation(backend: Backend) {
    let smtp = Smtp::start();
    let server = TestServer::start(backend, &smtp, &[]).await;
    server.purchase("wide@acme.example").await;
    server.post("/v1/password/forgot", json!({"email": "wide@acme.example"})).await;
    let code = smtp.code("wide@acme.example", 1).await;
    // Set in fullwidth letters (as some input methods type them), typed back in ASCII.
    let fullwidth = "\u{ff43}\u{ff4f}\u{ff52}\u{ff52}\u{ff45}\u{ff43}\u{ff54} horse battery staple";
    let (status, body) =
        server.post("/v1/password/reset", json!({"email": "wide@acme.example", "code": code, "new_password": fullwidth})).await;
    assert_eq!(status, 200, "{body}");
    for typed in [fullwidth, PASSWORD] {
        let (status, body) = server.post("/v1/sessions", json!({"email": "wide@acme.example", "password": typed})).await;
        assert_eq!(status, 200, "{typed}: {body}");
    }
}

async fn a_reset_voids_pending_terms_tickets(backend: Backend) {
    let smtp = Smtp::start();
    let server = TestServer::start(backend, &smtp, &[]).await;
    server.signed_in_user(&smtp, "ticket@acme.example").await;
    server.publish_tos("v9", "en").await;
    let (_, pending) = server.post("/v1/sessions", json!({"email": "ticket@acme.example", "password": PASSWORD})).await;
    assert_eq!(pending["status"], "tos_required");
    server.set_password(&smtp, "ticket@acme.example", 2).await;
    let (status, body) = server.post("/v1/tos/accept", json!({"tos_ticket": pending["tos_ticket"], "version": "v9"})).await;
    assert_problem(status, &body, 400, "invalid_ticket");
}

async fn an_old_used_refresh_token_still_revokes_its_family(backend: Backend) {
    let smtp = Smtp::start();
    let server = TestServer::start(backend, &smtp, &[]).await;
    let session = server.signed_in_user(&smtp, "old@acme.example").await;
    let (_, first) = server.refresh(&session["refresh_token"]).await;
    server.clock.advance(20 * 86_400);
    let (status, second) = server.refresh(&first["refresh_token"]).await;
    assert_eq!(status, 200, "{second}");
    server.clock.advance(11 * 86_400); // the original token was used 31 days ago
    let (status, body) = server.refresh(&session["refresh_token"]).await;
    assert_problem(status, &body, 401, "invalid_grant");
    assert_eq!(server.refresh(&second["refresh_token"]).await.0, 401, "the family is revoked");
    assert_eq!(server.audit_events("token_family_revoked").await, 1);
}
