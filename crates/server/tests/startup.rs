//! The real `latchkey-server` binary at start-up, as an operator runs it: a plain `sqlite://` URL
//! naming a file that does not exist yet, files holding secrets created readable by the user alone
//! under a permissive umask, and database URLs that cannot work explained by setting and remedy.

use latchkey_test_support as support;

use std::os::unix::fs::PermissionsExt;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

/// Runs the server binary with `args` under umask 022 (the common default), with `env`.
fn server(args: &[&str], env: &[(&str, String)]) -> Command {
    let mut command = Command::new("sh");
    command.arg("-c").arg("umask 022; exec \"$0\" \"$@\"").arg(env!("CARGO_BIN_EXE_latchkey-server")).args(args);
    command.env("NO_COLOR", "1").env_remove("LATCHKEY_SMTP_URL").env_remove("LATCHKEY_CONFIG");
    for (key, value) in env {
        command.env(key, value);
    }
    command
}

fn mode(path: &std::path::Path) -> u32 {
    std::fs::metadata(path).unwrap_or_else(|e| panic!("{}: {e}", path.display())).permissions().mode() & 0o777
}

// Regression (issue 14, defects 4 and 6).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_plain_sqlite_url_creates_a_private_database_and_the_mail_files_are_private() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    let mail = dir.path().join("mail");
    std::fs::create_dir(&mail).unwrap();
    std::fs::set_permissions(&mail, std::fs::Permissions::from_mode(0o755)).unwrap();
    let database = dir.path().join("fresh.db");
    let port = support::free_port();
    let env = [
        ("LATCHKEY_DATABASE_URL", format!("sqlite://{}", database.display())),
        ("LATCHKEY_DATA_DIR", dir.path().join("data").display().to_string()),
        ("LATCHKEY_MAIL_DIR", mail.display().to_string()),
        ("LATCHKEY_LISTEN", format!("127.0.0.1:{port}")),
    ];
    let created = server(&["org", "create", "--name", "Fresh", "--contact-email", "fc@fresh.example", "--contact-first-name", "F"], &env)
        .args(["--contact-last-name", "C", "--contact-country", "GB"])
        .output()
        .unwrap();
    assert!(created.status.success(), "{}", String::from_utf8_lossy(&created.stderr));
    assert_eq!(mode(&database), 0o600, "the database holds the signing and code keys");
    for entry in std::fs::read_dir(dir.path()).unwrap().map(Result::unwrap) {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with("fresh.db") {
            assert_eq!(mode(&entry.path()) & 0o077, 0, "{name} is private");
        }
    }

    let mut serve = server(&["serve"], &env).stdout(Stdio::null()).stderr(Stdio::null()).spawn().unwrap();
    let deadline = Instant::now() + Duration::from_secs(30);
    let written = loop {
        let files: Vec<_> =
            std::fs::read_dir(&mail).unwrap().map(|e| e.unwrap().path()).filter(|p| p.extension().is_some_and(|e| e == "eml")).collect();
        if let Some(file) = files.into_iter().next() {
            break file;
        }
        assert!(Instant::now() < deadline, "the purchase mail was not written to the development folder");
        tokio::time::sleep(Duration::from_millis(50)).await;
    };
    let _ = serve.kill();
    let _ = serve.wait();
    assert_eq!(mode(&written), 0o600, "development mail holds codes: {}", written.display());
}

fn failed(output: &Output) -> String {
    assert_eq!(output.status.code(), Some(1), "a failure of the system exits 1");
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn database_urls_that_cannot_work_are_explained_by_setting_and_remedy() {
    let dir = tempfile::tempdir().unwrap();
    let data = ("LATCHKEY_DATA_DIR", dir.path().display().to_string());
    let listen = ("LATCHKEY_LISTEN", format!("127.0.0.1:{}", support::free_port()));
    let absent = dir.path().join("absent.db");
    let read_only = failed(
        &server(&["serve"], &[data.clone(), listen.clone(), ("LATCHKEY_DATABASE_URL", format!("sqlite://{}?mode=ro", absent.display()))])
            .output()
            .unwrap(),
    );
    assert!(read_only.contains("LATCHKEY_DATABASE_URL") && read_only.contains("absent.db"), "{read_only}");
    assert!(!absent.exists(), "mode=ro never creates the file");

    let unreachable = failed(
        &server(
            &["serve"],
            &[data.clone(), listen.clone(), ("LATCHKEY_DATABASE_URL", "postgres://latchkey:s3cret-pw@127.0.0.1:1/latchkey".into())],
        )
        .output()
        .unwrap(),
    );
    assert!(unreachable.contains("LATCHKEY_DATABASE_URL") && unreachable.contains("Is PostgreSQL running"), "{unreachable}");
    assert!(!unreachable.contains("s3cret-pw"), "the password stays out of the message: {unreachable}");
}

#[test]
fn keys_rotate_retires_the_current_key_and_says_until_when() {
    let dir = tempfile::tempdir().unwrap();
    let env = [
        ("LATCHKEY_DATA_DIR", dir.path().display().to_string()),
        ("LATCHKEY_DATABASE_URL", format!("sqlite://{}", dir.path().join("keys.db").display())),
    ];
    let rotate = || {
        let output = server(&["keys", "rotate", "--json"], &env).output().unwrap();
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
        serde_json::from_slice::<serde_json::Value>(&output.stdout).unwrap()
    };
    let first = rotate();
    let second = rotate();
    assert!(first["retired_kid"].is_string(), "the key made at first start is retired: {first}");
    assert_eq!(second["retired_kid"], first["kid"], "{second}");
    assert_ne!(second["kid"], first["kid"]);
    assert!(second["retired_until"].as_i64().unwrap() > 30 * 86_400, "{second}");
}
