//! Per-app consent end to end: the real server, `latchkey agent` under the real keyring, and
//! native programs built from `examples/c` against liblatchkey as the outside callers. Each
//! program is identified by its executable's SHA-256, asked about once, remembered, revoked, and
//! held to IT's policy; a program replaced at the same path is asked about again.

use latchkey_test_support as support;
mod support_agent;

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::Duration;

use support::{Backend, Smtp, TestServer, PASSWORD};
use support_agent::native::{build_c_example, lines, sha256_of, value};
use support_agent::{curl, eventually, json, stderr, stdout, AgentProcess, Home};

const EMAIL: &str = "nina@example.com";

/// Starts a program of this user talking to the agent of `home`.
fn start(home: &Home, program: &Path, args: &[&str]) -> Child {
    Command::new(program)
        .args(args)
        .env("XDG_RUNTIME_DIR", home.path("run"))
        .env_remove("LATCHKEY_AGENT_SOCKET")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

fn finish(child: Child) -> Output {
    child.wait_with_output().unwrap()
}

fn run(home: &Home, program: &Path) -> Output {
    finish(start(home, program, &["suite"]))
}

/// `latchkey apps ARGS --json`, parsed.
fn apps_json(home: &Home, url: &str, args: &[&str]) -> serde_json::Value {
    let mut all = vec!["apps"];
    all.extend_from_slice(args);
    all.push("--json");
    let output = home.run(url, &all, "");
    assert!(output.status.success(), "latchkey {all:?}: {}", stderr(&output));
    json(&stdout(&output))
}

/// Waits for the one request of `program` and returns its id.
async fn waiting_request(home: &Home, url: &str, program: &Path) -> String {
    let mut id = String::new();
    eventually(&format!("{} waits for an answer", program.display()), Duration::from_secs(20), async || {
        let pending = apps_json(home, url, &["pending"]);
        match pending.as_array().and_then(|p| p.iter().find(|r| r["app"]["path"] == program.display().to_string())) {
            Some(request) => {
                request["id"].as_str().unwrap().clone_into(&mut id);
                true
            }
            None => false,
        }
    })
    .await;
    id
}

fn agent(home: &Home, url: &str, settings: &[(&str, &str)]) -> AgentProcess {
    let mut env = vec![("LATCHKEY_CONSENT_MODE", "prompt"), ("LATCHKEY_CONSENT_TIMEOUT_SECONDS", "20")];
    env.extend_from_slice(settings);
    home.spawn_agent(url, &env)
}

fn copy_program(from: &Path, to: &Path) -> PathBuf {
    std::fs::copy(from, to).unwrap();
    to.to_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn programs_are_asked_once_remembered_revoked_and_held_to_policy() {
    let smtp = Smtp::start();
    let server = TestServer::start(Backend::Sqlite, &smtp, &[]).await;
    server.publish_tos("2026-11", "en").await;
    server.purchase(EMAIL).await;
    server.set_password(&smtp, EMAIL, 1).await;
    let url = server.url.clone();
    let home = Home::new();
    let bin = home.path("home").join("bin");
    std::fs::create_dir(&bin).unwrap();
    let editor = build_c_example(&bin.join("acme-editor"), "editor");
    let viewer = build_c_example(&bin.join("acme-viewer"), "viewer");
    assert_ne!(sha256_of(&editor), sha256_of(&viewer), "two programs, two hashes");

    let mut headless = agent(&home, &url, &[]);
    let signed_in = home.run(&url, &["sign-in", "--email", EMAIL, "--password-stdin", "--accept-tos"], &format!("{PASSWORD}\n"));
    assert!(signed_in.status.success(), "{}", stderr(&signed_in));

    // The editor asks: its call waits; the request names the executable (not what it calls
    // itself), and the headless agent says how to answer.
    let asking = start(&home, &editor, &["suite"]);
    let id = waiting_request(&home, &url, &editor).await;
    let pending = apps_json(&home, &url, &["pending"]);
    let request = &pending[0];
    assert_eq!(request["app"]["sha256"], sha256_of(&editor));
    assert_eq!(request["app"]["name"], "c-example", "the Latchkey-App hint is shown beside the path");
    assert!(request["pid"].as_u64().unwrap() > 0);
    assert!(headless.log_text().contains(&format!("latchkey apps approve {id}")), "{}", headless.log_text());

    // Another program cannot see or answer requests: only Latchkey's own programs may.
    let (code, body) = curl(&home.socket(), "GET", "/v1/consent", None, &[]);
    assert_eq!((code, json(&body)["code"].as_str()), (403, Some("app_not_allowed")), "{body}");
    let (code, body) = curl(&home.socket(), "POST", &format!("/v1/consent/requests/{id}"), Some(r#"{"answer":"always_allow"}"#), &[]);
    assert_eq!((code, json(&body)["code"].as_str()), (403, Some("app_not_allowed")), "{body}");
    assert!(json(&body)["detail"].as_str().unwrap().contains("curl"), "the refusal names the caller: {body}");

    let approved = home.run(&url, &["apps", "approve", &id, "--always"], "");
    assert!(approved.status.success(), "{}", stderr(&approved));
    let output = finish(asking);
    assert!(output.status.success(), "{}{}", stdout(&output), stderr(&output));
    let answer = lines(&stdout(&output));
    assert_eq!(value(&answer, "state"), Some("signed_in"));
    assert_eq!(value(&answer, "email"), Some(EMAIL));
    assert_eq!(value(&answer, "entitled"), Some("suite yes"));

    // Remembered: asked no more, and a copy elsewhere is the same program by its hash.
    let output = run(&home, &editor);
    assert!(output.status.success(), "{}", stderr(&output));
    let copy = copy_program(&editor, &home.path("home").join("editor-copy"));
    assert!(run(&home, &copy).status.success());
    assert!(apps_json(&home, &url, &["pending"]).as_array().unwrap().is_empty());

    // The viewer is denied: refused now, and at once next time, with exit 6 and the reason.
    let asking = start(&home, &viewer, &["suite"]);
    let id = waiting_request(&home, &url, &viewer).await;
    assert!(home.run(&url, &["apps", "deny", &id], "").status.success());
    let output = finish(asking);
    assert_eq!(output.status.code(), Some(6), "{}{}", stdout(&output), stderr(&output));
    assert!(stdout(&output).contains("LK_ERR_APP_NOT_ALLOWED") && stdout(&output).contains("app_not_allowed"), "{}", stdout(&output));
    let output = run(&home, &viewer);
    assert_eq!(output.status.code(), Some(6));
    assert!(stdout(&output).contains("you denied"), "{}", stdout(&output));

    // Listed with their decisions, and kept in a private file.
    assert_eq!(apps_json(&home, &url, &["list"])["mode"], "prompt");
    assert_eq!(decision_of_now(&home, &url, &editor), Some(serde_json::json!("allowed")));
    assert_eq!(decision_of_now(&home, &url, &viewer), Some(serde_json::json!("denied")));
    let file = home.path("state").join("latchkey/consent.json");
    assert_eq!(std::os::unix::fs::PermissionsExt::mode(&std::fs::metadata(&file).unwrap().permissions()) & 0o777, 0o600);

    // Revoked by path: the viewer is asked again; `latchkey apps approve` without an id waits
    // for the one program that asks, and allows it once.
    let revoked = home.run(&url, &["apps", "revoke", &viewer.display().to_string()], "");
    assert!(revoked.status.success(), "{}", stderr(&revoked));
    let approving = {
        let mut command = home.command(&url, &["apps", "approve", "--wait", "20"]);
        command.stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap()
    };
    let output = run(&home, &viewer);
    assert!(output.status.success(), "allowed once: {}", stdout(&output));
    let approving = approving.wait_with_output().unwrap();
    assert!(approving.status.success() && stderr(&approving).contains(&viewer.display().to_string()), "{}", stderr(&approving));
    assert_eq!(decision_of_now(&home, &url, &viewer), None, "allow once is not remembered");

    // The editor replaced at the same path by another build: a new hash, so asked again.
    std::fs::remove_file(&editor).unwrap();
    build_c_example(&editor, "editor-2");
    let asking = start(&home, &editor, &["suite"]);
    let id = waiting_request(&home, &url, &editor).await;
    let pending = apps_json(&home, &url, &["pending"]);
    assert_eq!(pending[0]["app"]["sha256"], sha256_of(&editor));
    assert!(home.run(&url, &["apps", "deny", &id], "").status.success());
    assert_eq!(finish(asking).status.code(), Some(6));
    // Revoking by path forgets every build remembered there (the first allowed, the second denied).
    let builds = |view: &serde_json::Value| {
        view["remembered"].as_array().unwrap().iter().filter(|r| r["app"]["path"] == editor.display().to_string()).count()
    };
    assert_eq!(builds(&apps_json(&home, &url, &["list"])), 2);
    let revoked = home.run(&url, &["apps", "revoke", &editor.display().to_string()], "");
    assert!(revoked.status.success(), "{}", stderr(&revoked));
    assert_eq!(builds(&apps_json(&home, &url, &["list"])), 0);
    let unknown = home.run(&url, &["apps", "revoke", "/nowhere/at/all"], "");
    assert_eq!(unknown.status.code(), Some(1), "{}", stderr(&unknown));

    // Nobody answers: refused when the agent's wait ends.
    drop(headless);
    headless = agent(&home, &url, &[("LATCHKEY_CONSENT_TIMEOUT_SECONDS", "2")]);
    let fresh = build_c_example(&bin.join("acme-reporter"), "reporter");
    let output = run(&home, &fresh);
    assert_eq!(output.status.code(), Some(6));
    assert!(stdout(&output).contains("nobody allowed"), "{}", stdout(&output));
    drop(headless);

    // IT's policy: deny-unknown serves only the listed programs, whatever the user decided.
    let listed = format!("{};sha256:{}", viewer.display(), sha256_of(&fresh));
    let strict = home.spawn_agent(&url, &[("LATCHKEY_CONSENT_MODE", "deny-unknown"), ("LATCHKEY_ALLOWED_APPS", &listed)]);
    assert!(run(&home, &viewer).status.success(), "listed by path");
    assert!(run(&home, &fresh).status.success(), "listed by hash");
    let output = run(&home, &copy);
    assert_eq!(output.status.code(), Some(6), "allowed by the user, but not listed");
    assert!(stdout(&output).contains("deny-unknown"), "{}", stdout(&output));
    assert!(apps_json(&home, &url, &["pending"]).as_array().unwrap().is_empty(), "nobody is asked");
    // The software endpoints are the session's too: the user's products are not listed to an
    // unlisted program.
    for path in ["/v1/catalog", "/v1/updates/suite", "/v1/installs/suite"] {
        let (code, body) = curl(&home.socket(), "GET", path, None, &[]);
        assert_eq!((code, json(&body)["code"].as_str()), (403, Some("app_not_allowed")), "{path}: {body}");
    }
    let view = apps_json(&home, &url, &["list"]);
    assert_eq!(view["mode"], "deny-unknown");
    assert_eq!(view["allowed_apps"].as_array().unwrap().len(), 2);

    // `allow` serves everyone, as before consent existed.
    drop(strict);
    let _open = home.spawn_agent(&url, &[("LATCHKEY_CONSENT_MODE", "allow")]);
    assert!(run(&home, &editor).status.success(), "denied by the user, but consent is off");
}

/// The decision `latchkey apps list` shows for `program` now.
fn decision_of_now(home: &Home, url: &str, program: &Path) -> Option<serde_json::Value> {
    let view = apps_json(home, url, &["list"]);
    view["remembered"].as_array().unwrap().iter().find(|r| r["app"]["path"] == program.display().to_string()).map(|r| r["decision"].clone())
}
