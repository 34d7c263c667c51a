//! Bulk registration at scale and from the operator's side, with the real server binary: a server
//! killed (SIGKILL) during an import of 100,000 rows leaves only whole rows, and the same file
//! completes it (SQLite and PostgreSQL); `latchkey-server users import` reports as the HTTP
//! endpoint does and refuses a bad file with exit status 2; `latchkey-server users add` adds one
//! member and refuses bad input by name, writing nothing.

use latchkey_test_support as support;

use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{json, Value};
use support::Backend;

const OPERATOR_KEY: &str = "bulk-test-operator-key";

struct Process(Child);

impl Drop for Process {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn command(database_url: &str, dir: &std::path::Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_latchkey-server"));
    command
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("LATCHKEY_DATA_DIR", dir)
        .env("LATCHKEY_DATABASE_URL", database_url)
        .env("LATCHKEY_OPERATOR_KEY", OPERATOR_KEY)
        .env("LATCHKEY_MAIL_DIR", dir.join("mail"))
        .stdout(Stdio::piped())
        .stderr(Stdio::null());
    command
}

async fn serve(database_url: &str, dir: &std::path::Path, port: u16) -> Process {
    let child = command(database_url, dir).env("LATCHKEY_LISTEN", format!("127.0.0.1:{port}")).arg("serve").spawn().unwrap();
    let deadline = Instant::now() + Duration::from_secs(30);
    while reqwest::get(format!("http://127.0.0.1:{port}/readyz")).await.is_err() {
        assert!(Instant::now() < deadline, "the server did not start");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    Process(child)
}

fn rows(count: usize) -> String {
    let mut file = String::from("email,first_name,last_name,country,roles\n");
    for i in 0..count {
        std::fmt::Write::write_fmt(&mut file, format_args!("user{i:06}@kill.example,First{i},Last,gb,product_delivery_download\n"))
            .unwrap();
    }
    file
}

async fn import(port: u16, org: &str, file: String) -> reqwest::Result<reqwest::Response> {
    reqwest::Client::new()
        .post(format!("http://127.0.0.1:{port}/v1/operator/orgs/{org}/users:bulk"))
        .bearer_auth(OPERATOR_KEY)
        .header("content-type", "text/csv")
        .body(file)
        .send()
        .await
}

/// (members imported, their role rows, their invitations) in `org`.
async fn whole_rows(db: &latchkey_server::db::Db, org: &str) -> (i64, i64, i64) {
    let members = sqlx::query_scalar("SELECT COUNT(*) FROM users WHERE org_id = $1 AND email_key LIKE 'user%'")
        .bind(org)
        .fetch_one(&db.pool)
        .await
        .unwrap();
    let roles = sqlx::query_scalar(
        "SELECT COUNT(*) FROM user_roles r JOIN users u ON u.id = r.user_id WHERE u.org_id = $1 AND u.email_key LIKE 'user%'",
    )
    .bind(org)
    .fetch_one(&db.pool)
    .await
    .unwrap();
    let mails =
        sqlx::query_scalar("SELECT COUNT(*) FROM outbox WHERE recipient LIKE 'user%@kill.example'").fetch_one(&db.pool).await.unwrap();
    (members, roles, mails)
}

async fn a_server_killed_during_an_import_leaves_whole_rows(backend: Backend) {
    let (database_url, dir) = support::new_database(backend).await;
    let port = support::free_port();
    let mut server = serve(&database_url, dir.path(), port).await;
    let http = reqwest::Client::new();
    let org: Value = http
        .post(format!("http://127.0.0.1:{port}/v1/operator/orgs"))
        .bearer_auth(OPERATOR_KEY)
        .json(&json!({"name": "Kill Corp", "contact_email": "fc@kill.example", "contact_first_name": "F", "contact_last_name": "C", "contact_country": "gb"}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let org = org["id"].as_str().unwrap().to_owned();
    let db = latchkey_server::db::Db::connect(&database_url).await.unwrap();
    let file = rows(100_000);

    let upload = {
        let (org, file) = (org.clone(), file.clone());
        tokio::spawn(async move { import(port, &org, file).await.map(|r| r.status().as_u16()) })
    };
    // kill it as soon as some batches are in, long before the last
    let deadline = Instant::now() + Duration::from_secs(45);
    loop {
        let (members, _, _) = whole_rows(&db, &org).await;
        if members > 0 {
            break;
        }
        assert!(Instant::now() < deadline, "the import never started");
        tokio::time::sleep(Duration::from_millis(2)).await;
    }
    server.0.kill().unwrap();
    let _ = server.0.wait();
    let _ = upload.await;
    let (members, roles, mails) = whole_rows(&db, &org).await;
    assert!(members > 0 && members < 100_000, "killed mid-way: {members} of 100000");
    assert_eq!((roles, mails), (members, members), "every member written has its role and its invitation: whole rows only");

    // the same file, again, completes it
    let _server = serve(&database_url, dir.path(), port).await;
    let response = import(port, &org, file).await.unwrap();
    assert_eq!(response.status(), 200);
    let report: Value = response.json().await.unwrap();
    assert_eq!(report["already_registered"], members, "{report}");
    assert_eq!(report["created"], 100_000 - members, "{report}");
    assert_eq!(whole_rows(&db, &org).await, (100_000, 100_000, 100_000));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_a_server_killed_during_an_import_leaves_whole_rows() {
    a_server_killed_during_an_import_leaves_whole_rows(Backend::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_a_server_killed_during_an_import_leaves_whole_rows() {
    a_server_killed_during_an_import_leaves_whole_rows(Backend::Postgres).await;
}

/// `latchkey-server org create` through `run`; the new organization's id.
fn create_org(run: &dyn Fn(&[&str]) -> std::process::Output, name: &str, contact: &str) -> String {
    let created = run(&[
        "org",
        "create",
        "--name",
        name,
        "--contact-email",
        contact,
        "--contact-first-name",
        "F",
        "--contact-last-name",
        "C",
        "--contact-country",
        "gb",
        "--json",
    ]);
    assert!(created.status.success(), "{}", String::from_utf8_lossy(&created.stderr));
    let org: Value = serde_json::from_slice(&created.stdout).unwrap();
    org["id"].as_str().unwrap().to_owned()
}

#[test]
fn the_operator_imports_a_file_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let database_url = format!("sqlite://{}/latchkey.db?mode=rwc", dir.path().display());
    let run = |args: &[&str]| command(&database_url, dir.path()).stderr(Stdio::piped()).args(args).output().unwrap();
    let org = &create_org(&run, "Cli Corp", "fc@cli.example");
    let file = dir.path().join("people.csv");
    std::fs::write(&file, "country,email,first_name,last_name,language\nfr,amelie@cli.example,Amélie,Poulain,fr\nde,bruno@cli.example,Bruno,Ganz,de\nzz,carl@cli.example,Carl,Zed,en\n").unwrap();
    let file = file.to_str().unwrap();

    let dry = run(&["users", "import", "--org", org, file, "--dry-run", "--json"]);
    assert!(dry.status.success(), "{}", String::from_utf8_lossy(&dry.stderr));
    let report: Value = serde_json::from_slice(&dry.stdout).unwrap();
    assert_eq!(
        report,
        json!({"created": 2, "already_registered": 0, "failed": [{"line": 4, "email": "carl@cli.example", "code": "invalid_country"}], "dry_run": true})
    );
    let imported = run(&["users", "import", "--org", org, file, "--json"]);
    let report: Value = serde_json::from_slice(&imported.stdout).unwrap();
    assert_eq!((report["created"].clone(), report["dry_run"].clone()), (json!(2), json!(false)), "{report}");
    let again = run(&["users", "import", "--org", org, file]);
    let text = String::from_utf8_lossy(&again.stdout);
    assert!(
        text.contains("created 0, already registered 2, failed 1") && text.contains("line 4: carl@cli.example (invalid_country)"),
        "{text}"
    );

    let bad = dir.path().join("bad.csv");
    std::fs::write(&bad, "name;mail\nx;y\n").unwrap();
    let refused = run(&["users", "import", "--org", org, bad.to_str().unwrap()]);
    assert_eq!(refused.status.code(), Some(2), "a refused file is exit status 2");
    assert!(String::from_utf8_lossy(&refused.stderr).contains("invalid_csv"), "{}", String::from_utf8_lossy(&refused.stderr));
    let unknown = run(&["users", "import", "--org", "org_nope", file]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("not_found"));
}

#[tokio::test]
async fn the_operator_adds_one_member_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let database_url = format!("sqlite://{}/latchkey.db?mode=rwc", dir.path().display());
    let run = |args: &[&str]| command(&database_url, dir.path()).stderr(Stdio::piped()).args(args).output().unwrap();
    let org = create_org(&run, "One Corp", "fc@one.example");
    let add = |email: &str, country: &str, extra: &[&str]| {
        let mut args =
            vec!["users", "add", "--org", &org, "--email", email, "--first-name", "Zoë", "--last-name", "Ames", "--country", country];
        args.extend_from_slice(extra);
        run(&args)
    };
    let db = latchkey_server::db::Db::connect(&database_url).await.unwrap();
    let members = || async {
        let count = |query: &'static str| sqlx::query_scalar::<_, i64>(query).fetch_one(&db.pool);
        (count("SELECT count(*) FROM users").await.unwrap(), count("SELECT count(*) FROM outbox").await.unwrap())
    };
    let before = members().await;

    let added = add("Zoe@One.example", "de", &["--role", "product_delivery_download", "--role", "co_admin", "--language", "de", "--json"]);
    assert!(added.status.success(), "{}", String::from_utf8_lossy(&added.stderr));
    let member: Value = serde_json::from_slice(&added.stdout).unwrap();
    assert_eq!(
        (&member["email"], &member["country"], &member["language"], &member["roles"], &member["status"]),
        (&json!("Zoe@one.example"), &json!("DE"), &json!("de"), &json!(["co_admin", "product_delivery_download"]), &json!("invited")),
        "{member}"
    );
    assert_eq!(members().await, (before.0 + 1, before.1 + 1), "one account and one invitation");

    let plain = add("ann@one.example", "GB", &[]);
    let text = String::from_utf8_lossy(&plain.stdout);
    assert!(
        text.starts_with("Added ann@one.example (") && text.contains("with no roles; they were mailed how to complete registration"),
        "{text}"
    );
    let after_good = members().await;

    // Refused by name, exit status 2, nothing written.
    for (args, code) in [
        (vec!["zoe@one.example", "DE"], "already_member"),
        (vec!["bad@one.example", "ZZ"], "invalid_country"),
        (vec!["not-an-address", "GB"], "invalid_email"),
        (vec!["role@one.example", "GB", "--role", "emperor"], "unknown_role"),
    ] {
        let refused = add(args[0], args[1], &args[2..]);
        let stderr = String::from_utf8_lossy(&refused.stderr);
        assert_eq!(refused.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(stderr.contains(code), "{args:?}: expected {code} in {stderr}");
    }
    let mut args =
        vec!["users", "add", "--org", "org_nope", "--email", "x@one.example", "--first-name", "X", "--last-name", "Y", "--country", "GB"];
    let unknown = run(&args);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&unknown.stderr).contains("no organization `org_nope`"),
        "{}",
        String::from_utf8_lossy(&unknown.stderr)
    );
    args.truncate(args.len() - 2);
    let missing = run(&args);
    assert_eq!(missing.status.code(), Some(2), "clap names the missing --country");
    assert!(String::from_utf8_lossy(&missing.stderr).contains("--country"));
    assert_eq!(members().await, after_good, "nothing written by a refused add");
}

#[tokio::test]
async fn the_operator_names_products_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let database_url = format!("sqlite://{}/latchkey.db?mode=rwc", dir.path().display());
    let run = |args: &[&str]| command(&database_url, dir.path()).stderr(Stdio::piped()).args(args).output().unwrap();
    let org = create_org(&run, "Named Corp", "fc@named.example");
    let subscribed = run(&["org", "subscribe", "--org", &org, "--product", "microstation"]);
    assert!(subscribed.status.success(), "{}", String::from_utf8_lossy(&subscribed.stderr));

    let named = run(&["product", "set", "--product", "microstation", "--name", "MicroStation"]);
    assert!(named.status.success(), "{}", String::from_utf8_lossy(&named.stderr));
    assert_eq!(serde_json::from_slice::<Value>(&named.stdout).unwrap(), json!({"id": "microstation", "name": "MicroStation"}));
    let db = latchkey_server::db::Db::connect(&database_url).await.unwrap();
    let stored =
        || async { sqlx::query_as::<_, (String, String)>("SELECT id, name FROM products ORDER BY id").fetch_all(&db.pool).await.unwrap() };
    assert_eq!(stored().await, vec![("microstation".to_owned(), "MicroStation".to_owned())]);

    // Refused by name, exit status 2, nothing written.
    for (product, name, expected) in [
        ("microstation", "", "name: missing_field"),
        ("microstation", "Micro\tStation", "name: invalid_characters"),
        ("micro station", "X", "not a product identifier"),
    ] {
        let refused = run(&["product", "set", "--product", product, "--name", name]);
        let stderr = String::from_utf8_lossy(&refused.stderr);
        assert_eq!(refused.status.code(), Some(2), "{product:?} {name:?}: {stderr}");
        assert!(stderr.contains(expected), "{product:?} {name:?}: expected {expected} in {stderr}");
    }
    let missing = run(&["product", "set", "--product", "microstation"]);
    assert_eq!(missing.status.code(), Some(2), "clap names the missing --name");
    assert!(String::from_utf8_lossy(&missing.stderr).contains("--name"));
    assert_eq!(stored().await, vec![("microstation".to_owned(), "MicroStation".to_owned())]);
}
