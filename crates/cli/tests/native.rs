//! Native and Python applications against the real agent: the C example linked with liblatchkey
//! (compiled by the system's compiler from the committed header), Python through ctypes over the
//! same library, and the pure-Python `latchkey` package installed from a wheel built here.

use latchkey_test_support as support;
mod support_agent;

use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::Duration;

use support::{Backend, Smtp, TestServer, PASSWORD};
use support_agent::native::{build_c_example, library_dir, lines, value};
use support_agent::{stderr, stdout, Home};

const EMAIL: &str = "omar@example.com";

/// A signed-in user's agent (consent off: these tests are about the libraries).
async fn signed_in(smtp: &Smtp) -> (TestServer, Home, support_agent::AgentProcess) {
    let server = TestServer::start(Backend::Sqlite, smtp, &[]).await;
    server.publish_tos("2026-11", "en").await;
    server.purchase(EMAIL).await;
    server.set_password(smtp, EMAIL, 1).await;
    let home = Home::new();
    let agent = home.spawn_agent(&server.url, &[]);
    let output = home.run(&server.url, &["sign-in", "--email", EMAIL, "--password-stdin", "--accept-tos"], &format!("{PASSWORD}\n"));
    assert!(output.status.success(), "{}", stderr(&output));
    (server, home, agent)
}

fn user_command(home: &Home, program: &Path) -> Command {
    let mut command = Command::new(program);
    command.env("XDG_RUNTIME_DIR", home.path("run")).env_remove("LATCHKEY_AGENT_SOCKET").stdout(Stdio::piped()).stderr(Stdio::piped());
    command
}

/// The examples' `key=value` answer for the signed-in user, after checking that the program
/// succeeded and saw the session, the user and the entitlement to `suite`.
fn signed_in_answer(output: &Output) -> Vec<(String, String)> {
    assert!(output.status.success(), "{}{}", stdout(output), stderr(output));
    let answer = lines(&stdout(output));
    assert_eq!(value(&answer, "state"), Some("signed_in"));
    assert_eq!(value(&answer, "email"), Some(EMAIL));
    assert_eq!(value(&answer, "entitled"), Some("suite yes"));
    answer
}

#[test]
fn the_header_is_c_and_cpp() {
    let header = support::workspace_root().join("crates/ffi/include/latchkey.h");
    for (compiler, language) in [("cc", "c"), ("c++", "c++")] {
        let output =
            Command::new(compiler).args(["-fsyntax-only", "-Wall", "-Wextra", "-Werror", "-x", language]).arg(&header).output().unwrap();
        assert!(output.status.success(), "{compiler}: {}", String::from_utf8_lossy(&output.stderr));
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_c_program_gets_the_session_tokens_and_entitlements_from_threads_and_events() {
    let smtp = Smtp::start();
    let (server, home, agent) = signed_in(&smtp).await;
    let program = build_c_example(&home.path("home").join("c-example"), "a");

    let output = user_command(&home, &program).args(["suite", "--print-token", "--threads", "8"]).output().unwrap();
    let answer = signed_in_answer(&output);
    assert!(value(&answer, "entitlement").is_some_and(|e| e.starts_with("suite ")), "{answer:?}");
    assert_eq!(value(&answer, "thread_failures"), Some("0"));
    assert_eq!(value(&answer, "thread_calls"), Some("400"));
    let token = value(&answer, "access_token").expect("--print-token prints it");
    let (status, me) = server.get("/v1/me", Some(token)).await;
    assert_eq!(status, 200, "the server accepts the token: {me}");
    assert!(!agent.log_text().contains(token), "no token in the agent's log");

    // Without --print-token the token never reaches the output.
    let output = user_command(&home, &program).arg("suite").output().unwrap();
    assert!(!stdout(&output).contains(token) && value(&lines(&stdout(&output)), "token_length").is_some());

    // Not entitled: exit 1 with the reason.
    let output = user_command(&home, &program).arg("nothing-here").output().unwrap();
    assert_eq!(output.status.code(), Some(1), "{}", stdout(&output));
    assert!(stdout(&output).contains("entitled=nothing-here no"), "{}", stdout(&output));

    // Events: the state now, then the sign-out, through the callback with its user pointer.
    let watching = user_command(&home, &program).args(["--watch", "4"]).spawn().unwrap();
    tokio::time::sleep(Duration::from_millis(1500)).await;
    let signed_out = home.run(&server.url, &["sign-out"], "");
    assert!(signed_out.status.success(), "{}", stderr(&signed_out));
    let output = watching.wait_with_output().unwrap();
    let text = stdout(&output);
    let watched: Vec<&str> = text.lines().filter_map(|l| l.strip_prefix("watch_state=")).collect();
    assert_eq!(watched.first(), Some(&"signed_in"), "{text}");
    assert_eq!(watched.last(), Some(&"signed_out"), "{text}");
    assert!(output.status.success(), "no callback after lk_subscription_free: {}", stdout(&output));

    // Signed out: exit 1, no token asked.
    let output = user_command(&home, &program).output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(value(&lines(&stdout(&output)), "state"), Some("signed_out"));

    // No agent: exit 3, and the message says how to start one.
    let nowhere = tempfile::tempdir().unwrap();
    let output = Command::new(&program).env("XDG_RUNTIME_DIR", nowhere.path()).env_remove("LATCHKEY_AGENT_SOCKET").output().unwrap();
    assert_eq!(output.status.code(), Some(3), "{}", stdout(&output));
    assert!(stdout(&output).contains("latchkey agent") && stdout(&output).contains("LK_ERR_NO_AGENT"), "{}", stdout(&output));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn python_through_ctypes_over_the_same_library() {
    let smtp = Smtp::start();
    let (server, home, _agent) = signed_in(&smtp).await;
    let library = library_dir().join("liblatchkey.so");
    let output = user_command(&home, &support::python())
        .arg(support::workspace_root().join("examples/python/latchkey_ctypes.py"))
        .arg("suite")
        .env("LATCHKEY_LIBRARY", &library)
        .output()
        .unwrap();
    signed_in_answer(&output);
    drop(server);
}

/// Runs `program` with `args`, asserting success.
fn run_ok(program: &Path, args: &[&str]) {
    let output = Command::new(program).args(args).output().unwrap();
    assert!(output.status.success(), "{} {args:?}: {}{}", program.display(), stdout(&output), stderr(&output));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn the_python_package_installed_from_its_wheel_talks_to_the_real_agent() {
    let smtp = Smtp::start();
    let (_server, home, _agent) = signed_in(&smtp).await;
    let root = support::workspace_root();
    let python = support::python();
    let work = tempfile::tempdir().unwrap();
    let (source, wheels, venv) = (work.path().join("src"), work.path().join("wheel"), work.path().join("venv"));
    // A copy: setuptools writes build/ and *.egg-info beside the sources it builds.
    let copied = Command::new("cp").arg("-R").arg(root.join("python")).arg(&source).status().unwrap();
    assert!(copied.success());
    let _ = std::fs::remove_dir_all(source.join("build"));
    let _ = std::fs::remove_dir_all(source.join("src/latchkey.egg-info"));
    let offline = ["--no-deps", "--no-index", "--disable-pip-version-check", "-q"];
    let wheel_args: Vec<&str> = ["-m", "pip", "wheel", "--no-build-isolation"].into_iter().chain(offline).chain(["-w"]).collect();
    let output = Command::new(&python).args(&wheel_args).arg(&wheels).arg(&source).output().unwrap();
    assert!(output.status.success(), "the wheel builds offline: {}", stderr(&output));
    let wheel =
        std::fs::read_dir(&wheels).unwrap().flatten().map(|e| e.path()).find(|p| p.extension().is_some_and(|e| e == "whl")).unwrap();
    assert!(wheel.file_name().unwrap().to_string_lossy().starts_with("latchkey-0.1.0-py3-none-any"), "{}", wheel.display());
    run_ok(&python, &["-m", "venv", "--without-pip", venv.to_str().unwrap()]);
    let venv_python = venv.join("bin/python");
    let installer: Vec<&str> = ["-m", "pip", "--python", venv_python.to_str().unwrap(), "install"].into_iter().chain(offline).collect();
    let output = Command::new(&python).args(&installer).arg(&wheel).output().unwrap();
    assert!(output.status.success(), "{}", stderr(&output));

    let output = Command::new(&venv_python)
        .arg(root.join("tests/python/real_agent_check.py"))
        .env_remove("PYTHONPATH")
        .env("LATCHKEY_AGENT_SOCKET", home.socket())
        .env("LATCHKEY_TEST_EMAIL", EMAIL)
        .env("LATCHKEY_TEST_PRODUCT", "suite")
        .env("LATCHKEY_TEST_UNENTITLED", "nothing-here")
        .output()
        .unwrap();
    assert!(output.status.success() && stdout(&output).trim_end().ends_with("OK"), "{}{}", stdout(&output), stderr(&output));
}

#[test]
fn the_python_packages_unit_tests() {
    let output = Command::new(support::python())
        .args(["-m", "unittest", "discover", "-s"])
        .arg(support::workspace_root().join("tests/python"))
        .args(["-p", "test_*.py"])
        .output()
        .unwrap();
    let report = stderr(&output);
    assert!(output.status.success() && report.contains("OK"), "{report}");
    let ran: u32 = report.lines().find_map(|l| l.strip_prefix("Ran ")?.split_whitespace().next()?.parse().ok()).unwrap_or(0);
    assert!(ran >= 30, "the unit tests ran: {report}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn csharp_through_p_invoke_compiled_by_mono() {
    let smtp = Smtp::start();
    let (_server, home, _agent) = signed_in(&smtp).await;
    let root = support::workspace_root();
    let work = tempfile::tempdir().unwrap();
    let program = work.path().join("latchkey-example.exe");
    let sources: Vec<_> = ["Latchkey.cs", "Program.cs"].iter().map(|f| root.join("examples/csharp").join(f)).collect();
    let compiled = Command::new("mcs")
        .args(["-warnaserror", "-nologo"])
        .arg(format!("-out:{}", program.display()))
        .args(&sources)
        .output()
        .expect("mcs runs (make test installs mono-mcs)");
    assert!(compiled.status.success(), "{}{}", stdout(&compiled), stderr(&compiled));
    let output = user_command(&home, Path::new("mono")).arg(&program).arg("suite").env("LD_LIBRARY_PATH", library_dir()).output().unwrap();
    let answer = signed_in_answer(&output);
    assert!(value(&answer, "token_expires_at").is_some(), "{answer:?}");
}
