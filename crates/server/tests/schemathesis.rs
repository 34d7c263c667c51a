//! schemathesis (property-based API testing from the OpenAPI document) against a live server:
//! no 5xx, and every response fits the published schema. Bounded in time.

use latchkey_test_support as support;

use std::process::Command;

use support::{Backend, Smtp, TestServer};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn schemathesis_finds_no_server_error_and_no_schema_violation() {
    let smtp = Smtp::start();
    let server = TestServer::start(Backend::Sqlite, &smtp, &[]).await;
    server.publish_tos("1", "en").await;
    server.signed_in_user(&smtp, "fuzz@acme.example").await;
    let schemathesis = support::python().with_file_name("schemathesis");
    let url = format!("{}/openapi.json", server.url);
    // `make fuzz` raises this for a long run; `make test` keeps it bounded.
    let examples = std::env::var("LATCHKEY_SCHEMATHESIS_EXAMPLES").unwrap_or_else(|_| "40".into());
    // schemathesis keeps a cache in its working folder: give it a throwaway one.
    let scratch = tempfile::tempdir().unwrap();
    let cwd = scratch.path().to_owned();
    let output = tokio::task::spawn_blocking(move || {
        Command::new("timeout")
            .current_dir(cwd)
            .arg(if examples == "40" { "600" } else { "7200" })
            .arg(schemathesis)
            .args([
                "run",
                &url,
                "--checks",
                "not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance",
            ])
            .args(["--max-examples", &examples, "--seed", "1", "--continue-on-failure", "--no-color"])
            .args(["--header", "Authorization: Bearer test-operator-key"])
            .env("SCHEMATHESIS_HOOKS", "")
            .output()
            .unwrap()
    })
    .await
    .unwrap();
    let report = format!("{}\n{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr));
    assert!(output.status.success(), "schemathesis found problems:\n{report}");
    assert!(report.contains("passed"), "{report}");
    eprintln!("{report}");
}
