//! Proof-of-work bot protection on forgot password and register, over real HTTP with a real SMTP
//! server, on SQLite and on PostgreSQL: solved challenges pass once; forged, altered, mismatched,
//! expired and replayed ones are refused with `proof_invalid`; beyond the free allowance (per
//! address, per IPv4 address or IPv6 /64) a request without a proof gets `proof_required` with a
//! challenge; the difficulty rises with the rate; known and unknown addresses are answered alike.

use latchkey_test_support as support;

use serde_json::{json, Value};
use support::{Backend, Smtp, TestServer};

support::on_both_databases!(
    a_solved_challenge_passes_once_and_every_forgery_is_refused,
    beyond_the_free_allowance_a_request_needs_a_proof,
    ipv6_clients_are_counted_by_their_64,
    the_difficulty_rises_with_the_rate_per_address_and_network,
    known_and_unknown_addresses_get_the_same_challenges_and_refusals,
);

/// Low difficulty, so that the debug build solves in milliseconds.
const BASE: u64 = 8;

fn solve(challenge: &Value) -> u64 {
    let text = challenge["challenge"].as_str().unwrap();
    let difficulty = u32::try_from(challenge["difficulty"].as_u64().unwrap()).unwrap();
    (0..u64::MAX).find(|n| latchkey_server::pow::solves(text, *n, difficulty)).unwrap()
}

/// A number that does not solve the challenge.
fn non_solution(challenge: &Value) -> u64 {
    let text = challenge["challenge"].as_str().unwrap();
    let difficulty = u32::try_from(challenge["difficulty"].as_u64().unwrap()).unwrap();
    (0..u64::MAX).find(|n| !latchkey_server::pow::solves(text, *n, difficulty)).unwrap()
}

fn proof(challenge: &Value, solution: u64) -> Value {
    json!({"challenge": challenge["challenge"], "signature": challenge["signature"], "solution": solution})
}

async fn start(backend: Backend, smtp: &Smtp, extra: &[(&str, &str)]) -> TestServer {
    let mut settings = vec![("LATCHKEY_POW_DIFFICULTY", "8"), ("LATCHKEY_TRUSTED_PROXIES", "127.0.0.1")];
    settings.extend_from_slice(extra);
    TestServer::start(backend, smtp, &settings).await
}

/// A POST as if from `ip` (through the trusted proxy in front of the test server).
async fn post_from(server: &TestServer, ip: &str, path: &str, body: Value) -> (u16, Value) {
    let response = server.http.post(format!("{}{path}", server.url)).header("x-forwarded-for", ip).json(&body).send().await.unwrap();
    support::read(response).await
}

async fn challenge(server: &TestServer, purpose: &str, email: &str) -> Value {
    let (status, body) = server.post("/v1/challenge", json!({"purpose": purpose, "email": email})).await;
    assert_eq!(status, 200, "{body}");
    body
}

async fn forgot(server: &TestServer, email: &str, pow: Option<Value>) -> (u16, Value) {
    let mut body = json!({"email": email});
    if let Some(pow) = pow {
        body["pow"] = pow;
    }
    server.post("/v1/password/forgot", body).await
}

fn assert_code(answer: &(u16, Value), status: u16, code: &str) {
    assert_eq!(answer.0, status, "{}", answer.1);
    assert_eq!(answer.1["code"], code, "{}", answer.1);
    assert!(answer.1["detail"].is_string(), "{}", answer.1);
}

async fn a_solved_challenge_passes_once_and_every_forgery_is_refused(backend: Backend) {
    let smtp = Smtp::start();
    let server = start(backend, &smtp, &[]).await;
    server.purchase("pat@acme.example").await;

    let issued = challenge(&server, "forgot", "Pat@Acme.example").await;
    assert_eq!(issued["algorithm"], "SHA-256");
    assert_eq!(issued["difficulty"], BASE);
    assert!(issued["expires_at"].as_str().unwrap().ends_with('Z'), "{issued}");
    let solution = solve(&issued);
    // Any spelling of the address is the same address.
    let answer = forgot(&server, "pat@acme.example", Some(proof(&issued, solution))).await;
    assert_eq!(answer, (202, json!({"status": "code_sent"})));
    smtp.code("pat@acme.example", 1).await;

    // Replayed.
    assert_code(&forgot(&server, "pat@acme.example", Some(proof(&issued, solution))).await, 400, "proof_invalid");

    let fresh = challenge(&server, "forgot", "pat@acme.example").await;
    // A wrong solution.
    assert_code(&forgot(&server, "pat@acme.example", Some(proof(&fresh, non_solution(&fresh)))).await, 400, "proof_invalid");
    // A forged signature.
    let mut forged = proof(&fresh, solve(&fresh));
    forged["signature"] = json!("00".repeat(32));
    assert_code(&forgot(&server, "pat@acme.example", Some(forged)).await, 400, "proof_invalid");
    // The challenge altered to a lower difficulty under its signature.
    let text = fresh["challenge"].as_str().unwrap();
    let easier = text.replace(&format!(":{BASE}:"), ":0:");
    assert_ne!(easier, text);
    let altered = json!({"challenge": easier, "signature": fresh["signature"], "solution": 0});
    assert_code(&forgot(&server, "pat@acme.example", Some(altered)).await, 400, "proof_invalid");
    // For another address, for another purpose, from another network.
    assert_code(&forgot(&server, "other@acme.example", Some(proof(&fresh, solve(&fresh)))).await, 400, "proof_invalid");
    let register = challenge(&server, "register", "pat@acme.example").await;
    assert_code(&forgot(&server, "pat@acme.example", Some(proof(&register, solve(&register)))).await, 400, "proof_invalid");
    let elsewhere = post_from(
        &server,
        "198.51.100.9",
        "/v1/password/forgot",
        json!({"email": "pat@acme.example", "pow": proof(&fresh, solve(&fresh))}),
    )
    .await;
    assert_code(&elsewhere, 400, "proof_invalid");
    // Not a proof at all: a problem document, never a 500.
    for pow in [
        json!("x"),
        json!({"challenge": 1}),
        json!({"challenge": "", "signature": "", "solution": -1}),
        json!({"challenge": "a:b", "signature": "", "solution": 1}),
    ] {
        let (status, body) = forgot(&server, "pat@acme.example", Some(pow)).await;
        assert_eq!(status, 400, "{body}");
        assert!(["invalid_request", "proof_invalid"].contains(&body["code"].as_str().unwrap()), "{body}");
    }
    // The fresh challenge is still good (refusals do not spend it) until it expires.
    let answer = forgot(&server, "pat@acme.example", Some(proof(&fresh, solve(&fresh)))).await;
    assert_eq!(answer.0, 202, "{}", answer.1);
    let late = challenge(&server, "forgot", "pat@acme.example").await;
    server.clock.advance(301);
    assert_code(&forgot(&server, "pat@acme.example", Some(proof(&late, solve(&late)))).await, 400, "proof_invalid");

    // Register takes its own challenges the same way.
    let issued = challenge(&server, "register", "new@acme.example").await;
    let body = json!({"email": "new@acme.example", "first_name": "New", "last_name": "Person", "country": "gb", "pow": proof(&issued, solve(&issued))});
    assert_eq!(server.post("/v1/register", body.clone()).await.0, 202);
    assert_code(&server.post("/v1/register", body).await, 400, "proof_invalid");

    // Spent challenges are swept once they have expired.
    let spent = || async {
        sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM rate_counters WHERE key LIKE 'pow:spent:%'")
            .fetch_one(&server.state.db.pool)
            .await
            .unwrap()
    };
    assert_eq!(spent().await, 3);
    latchkey_server::housekeeping::sweep(&server.state.db, server.state.now() + 301).await.unwrap();
    assert_eq!(spent().await, 0);
}

async fn beyond_the_free_allowance_a_request_needs_a_proof(backend: Backend) {
    let smtp = Smtp::start();
    let server = start(backend, &smtp, &[("LATCHKEY_POW_FREE_PER_ADDRESS", "2/15m")]).await;
    server.purchase("pat@acme.example").await;
    for _ in 0..2 {
        assert_eq!(forgot(&server, "pat@acme.example", None).await.0, 202);
    }
    let refused = forgot(&server, "pat@acme.example", None).await;
    assert_code(&refused, 428, "proof_required");
    let offered = &refused.1["challenge"];
    assert!(offered["difficulty"].as_u64().unwrap() > BASE, "{offered}");
    let answer = forgot(&server, "pat@acme.example", Some(proof(offered, solve(offered)))).await;
    assert_eq!(answer.0, 202, "{}", answer.1);
    smtp.code("pat@acme.example", 3).await;

    // The same for register, counted on the same address.
    let body = json!({"email": "pat@acme.example", "first_name": "P", "last_name": "Q", "country": "GB"});
    let refused = server.post("/v1/register", body.clone()).await;
    assert_code(&refused, 428, "proof_required");
    let mut solved = body;
    solved["pow"] = proof(&refused.1["challenge"], solve(&refused.1["challenge"]));
    assert_eq!(server.post("/v1/register", solved).await.0, 202);

    // The contract's sending limit still holds for solved requests: after 5 codes, 429.
    let issued = challenge(&server, "forgot", "pat@acme.example").await;
    assert_eq!(forgot(&server, "pat@acme.example", Some(proof(&issued, solve(&issued)))).await.0, 202);
    let issued = challenge(&server, "forgot", "pat@acme.example").await;
    assert_code(&forgot(&server, "pat@acme.example", Some(proof(&issued, solve(&issued)))).await, 429, "rate_limited");

    // Another address is within its own allowance; a quarter of an hour later this one is too.
    assert_eq!(forgot(&server, "someone@acme.example", None).await.0, 202);
    server.clock.advance(15 * 60 + 1);
    assert_eq!(forgot(&server, "pat@acme.example", None).await.0, 202);
}

async fn ipv6_clients_are_counted_by_their_64(backend: Backend) {
    let smtp = Smtp::start();
    let server = start(backend, &smtp, &[("LATCHKEY_POW_FREE_PER_NETWORK", "3/15m")]).await;
    let ask = |ip: &'static str, n: usize| {
        let server = &server;
        async move { post_from(server, ip, "/v1/password/forgot", json!({"email": format!("user{n}@acme.example")})).await }
    };
    // Three addresses of one /64 share its allowance; the fourth must solve.
    assert_eq!(ask("2001:db8:1:2::1", 1).await.0, 202);
    assert_eq!(ask("2001:db8:1:2::2", 2).await.0, 202);
    assert_eq!(ask("2001:db8:1:2:ffff::3", 3).await.0, 202);
    let refused = ask("2001:db8:1:2::4", 4).await;
    assert_code(&refused, 428, "proof_required");
    // The challenge is bound to the /64, not the address: another address of it may send it.
    let pow = proof(&refused.1["challenge"], solve(&refused.1["challenge"]));
    let answer = post_from(&server, "2001:db8:1:2::5", "/v1/password/forgot", json!({"email": "user4@acme.example", "pow": pow})).await;
    assert_eq!(answer.0, 202, "{}", answer.1);
    // Another /64 has its own allowance.
    assert_eq!(ask("2001:db8:1:3::1", 6).await.0, 202);
}

async fn the_difficulty_rises_with_the_rate_per_address_and_network(backend: Backend) {
    let smtp = Smtp::start();
    let server = start(backend, &smtp, &[("LATCHKEY_POW_FREE_PER_ADDRESS", "2/15m"), ("LATCHKEY_POW_FREE_PER_NETWORK", "4/15m")]).await;
    let mut seen = Vec::new();
    for _ in 0..8 {
        seen.push(challenge(&server, "forgot", "pat@acme.example").await["difficulty"].as_u64().unwrap());
    }
    // Previous requests 0..7 against an allowance of 2: one more bit at 1, 3 and 7.
    assert_eq!(seen, [0, 1, 1, 2, 2, 2, 2, 3].map(|extra| BASE + extra));
    // Another address on the same network: its own count is low, the network's is high (8 of 4).
    let other = challenge(&server, "register", "other@acme.example").await["difficulty"].as_u64().unwrap();
    assert_eq!(other, BASE + 2);
    // Another network with a fresh address: the base.
    let (_, far) = post_from(&server, "203.0.113.1", "/v1/challenge", json!({"purpose": "forgot", "email": "far@acme.example"})).await;
    assert_eq!(far["difficulty"], BASE);
    // Capped at 8 bits above the base however fast the requests come.
    for _ in 0..300 {
        post_from(&server, "203.0.113.2", "/v1/challenge", json!({"purpose": "forgot", "email": "far@acme.example"})).await;
    }
    let (_, capped) = post_from(&server, "203.0.113.2", "/v1/challenge", json!({"purpose": "forgot", "email": "far@acme.example"})).await;
    assert_eq!(capped["difficulty"], BASE + 8);
}

/// Everything but the random challenge, its signature and its expiry.
fn blank(object: &mut serde_json::Map<String, Value>) {
    for key in ["challenge", "signature", "expires_at"] {
        if object.get(key).is_some_and(Value::is_string) {
            object.insert(key.into(), json!("…"));
        }
    }
}

async fn known_and_unknown_addresses_get_the_same_challenges_and_refusals(backend: Backend) {
    let smtp = Smtp::start();
    let server = start(backend, &smtp, &[("LATCHKEY_POW_FREE_PER_ADDRESS", "1/15m")]).await;
    server.purchase("known@acme.example").await;
    let mut answers = Vec::new();
    for email in ["known@acme.example", "unknown@acme.example"] {
        let issued = challenge(&server, "forgot", email).await;
        let first = forgot(&server, email, None).await;
        let refused = forgot(&server, email, None).await;
        let solved = forgot(&server, email, Some(proof(&refused.1["challenge"], solve(&refused.1["challenge"])))).await;
        let replayed = forgot(&server, email, Some(proof(&refused.1["challenge"], solve(&refused.1["challenge"])))).await;
        let shape = |mut v: Value| {
            if let Some(inner) = v.get_mut("challenge").and_then(Value::as_object_mut) {
                blank(inner);
            }
            if let Some(outer) = v.as_object_mut() {
                blank(outer);
            }
            v
        };
        answers.push(vec![
            shape(issued),
            json!(first.0),
            shape(first.1),
            shape(refused.1),
            json!(refused.0),
            json!(solved),
            json!(replayed),
        ]);
    }
    assert_eq!(answers[0], answers[1]);
}
