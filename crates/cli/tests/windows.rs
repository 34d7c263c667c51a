//! Windows for real, under Wine: the MSI built from the cross-built release
//! (`scripts/windows-build.sh`, which `make test` runs first) is signed with a throwaway CA,
//! installed silently with enforced settings, and the installed app is started the way its `Run`
//! entry starts it, against the real server and SMTP sink on the host. The Windows CLI then talks
//! to it over the named pipe: the policy read from the registry, forgot and reset password, sign-in
//! with the Terms, a token the server accepts, the entitlements; a native program built with mingw
//! against the installed SDK allowed through per-app consent; the refresh token is in Wine's
//! Credential Manager and in no file; the app restarted is still signed in; sign-out is refused by
//! policy and the tray has no Sign out; an upgrade keeps the values; uninstall stops the app and
//! removes it, leaving the credential. The named pipe's own unit tests (its DACL and peer checks)
//! run in the same prefix. One Wine prefix, one X display, one build.

use latchkey_test_support as support;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;
use support::{run, stdout, workspace_root, Backend, Process, Smtp, TestServer, PASSWORD};

/// What `scripts/windows-build.sh` made: the MSI's payload and the test-only Wine helpers.
fn windows_build() -> (PathBuf, PathBuf) {
    let payload = workspace_root().join("target/windows/payload");
    let helpers = workspace_root().join("target/windows/wine-shim");
    for file in [
        payload.join("latchkey-desktop.exe"),
        payload.join("latchkey.exe"),
        payload.join("latchkey-agent.exe"),
        payload.join("WebView2Loader.dll"),
        payload.join("sdk/latchkey.dll"),
        helpers.join("bcryptprimitives.dll"),
        helpers.join("credread.exe"),
        helpers.join("transport-tests.exe"),
    ] {
        assert!(file.exists(), "{} is missing: run scripts/windows-build.sh (make test runs it)", file.display());
    }
    (payload, helpers)
}

/// A private X display (numbers apart from the desktop tests' 140–199).
fn xvfb() -> (Process, String) {
    support::xvfb(200..260, "1024x768x24")
}

/// One Wine prefix on one display; no attempt to fetch Mono or Gecko.
struct Wine {
    prefix: PathBuf,
    display: String,
}

impl Drop for Wine {
    fn drop(&mut self) {
        let _ = Command::new("wineserver").arg("-k").env("WINEPREFIX", &self.prefix).status();
    }
}

impl Wine {
    /// A new prefix, made before the test's first program runs (that takes a while the first time).
    fn new(prefix: PathBuf, display: String) -> Wine {
        let wine = Wine { prefix, display };
        let made = wine.output(&["wineboot", "-i"], "");
        assert!(made.status.success(), "wineboot: {}", String::from_utf8_lossy(&made.stderr));
        wine
    }

    fn command(&self, args: &[&str]) -> Command {
        let mut command = Command::new("wine");
        command
            .args(args)
            .env("WINEPREFIX", &self.prefix)
            .env("WINEDEBUG", "-all")
            .env("WINEDLLOVERRIDES", "mscoree,mshtml=")
            .env("DISPLAY", &self.display)
            .env("LATCHKEY_LOG", "info");
        command
    }

    /// Runs a Wine program to its end. Its output goes through files, not pipes: a process that
    /// Wine starts in the background (the wineserver, services) would inherit a pipe and hold it
    /// open for as long as the app runs. A program still running after two minutes is killed.
    fn output(&self, args: &[&str], stdin: &str) -> Output {
        let scratch = tempfile::tempdir().unwrap();
        let (out, err) = (scratch.path().join("out"), scratch.path().join("err"));
        let mut child = self
            .command(args)
            .stdin(Stdio::piped())
            .stdout(std::fs::File::create(&out).unwrap())
            .stderr(std::fs::File::create(&err).unwrap())
            .spawn()
            .unwrap();
        child.stdin.take().unwrap().write_all(stdin.as_bytes()).unwrap();
        let deadline = Instant::now() + Duration::from_mins(2);
        let status = loop {
            if let Some(status) = child.try_wait().unwrap() {
                break status;
            }
            if Instant::now() > deadline {
                let _ = child.kill();
                panic!("wine {args:?} ran for two minutes");
            }
            std::thread::sleep(Duration::from_millis(20));
        };
        Output { status, stdout: std::fs::read(&out).unwrap(), stderr: std::fs::read(&err).unwrap() }
    }

    fn program_files(&self) -> PathBuf {
        self.prefix.join("drive_c/Program Files/Latchkey")
    }

    /// The installed CLI.
    fn latchkey(&self, args: &[&str], stdin: &str) -> Output {
        let mut all = vec!["C:\\Program Files\\Latchkey\\latchkey.exe"];
        all.extend_from_slice(args);
        self.output(&all, stdin)
    }

    /// Runs `asking` (a program whose first call per-app consent holds) while `latchkey apps
    /// approve --always` answers for the user; both outputs.
    fn approved_while_asking(&self, asking: &[&str]) -> (Output, Output) {
        std::thread::scope(|scope| {
            let asked = scope.spawn(|| self.output(asking, ""));
            let approved = self.latchkey(&["apps", "approve", "--always", "--wait", "60"], "");
            (asked.join().unwrap(), approved)
        })
    }

    fn msiexec(&self, args: &[&str]) {
        let mut all = vec!["msiexec"];
        all.extend_from_slice(args);
        let output = self.output(&all, "");
        assert!(output.status.success(), "msiexec {args:?}: {}", String::from_utf8_lossy(&output.stderr));
    }

    fn reg_value(&self, key: &str, name: &str) -> Option<String> {
        // A wine process can fail to start while its wineserver saves the registry: ask again.
        let mut output = self.output(&["reg", "query", key, "/v", name], "");
        for _ in 0..2 {
            if output.status.success() {
                break;
            }
            std::thread::sleep(Duration::from_millis(500));
            output = self.output(&["reg", "query", key, "/v", name], "");
        }
        if !output.status.success() {
            eprintln!(
                "windows.rs: reg query {key} /v {name}: exit {:?}: {}",
                output.status.code(),
                String::from_utf8_lossy(&output.stderr).trim()
            );
        }
        output.status.success().then(|| {
            let listing = stdout(&output);
            listing.lines().find(|l| l.trim_start().starts_with(name)).map(|l| l.split("REG_SZ").nth(1).unwrap_or("").trim().to_owned())
        })?
    }

    /// Starts the app as the `Run` entry says (its command line, under Wine), logging to `log`.
    fn start_app_from_run_entry(&self, log: &Path) -> Process {
        let entry = self.reg_value(RUN_KEY, "Latchkey").expect("the MSI wrote the Run entry");
        let (exe, args) = entry.strip_prefix('"').and_then(|rest| rest.split_once('"')).expect("a quoted path");
        assert_eq!(args.trim(), "--autostart", "{entry}");
        let log = std::fs::File::create(log).unwrap();
        let child = self.command(&[exe, "--autostart"]).stdout(log.try_clone().unwrap()).stderr(log).stdin(Stdio::null()).spawn().unwrap();
        Process(child)
    }

    /// Waits until the CLI reaches an agent over the named pipe (exit 3 means none yet).
    fn wait_for_pipe(&self, log: &Path) {
        let deadline = Instant::now() + Duration::from_secs(90);
        loop {
            let status = self.latchkey(&["status", "--json"], "");
            if status.status.code() != Some(3) {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "the app never served the named pipe:\n{}",
                std::fs::read_to_string(log).unwrap_or_default()
            );
            std::thread::sleep(Duration::from_millis(500));
        }
    }

    fn stop_app(&self) {
        let _ = self.output(&["taskkill", "/F", "/IM", "latchkey-desktop.exe"], "");
        let deadline = Instant::now() + Duration::from_secs(30);
        while self.latchkey(&["status", "--json"], "").status.code() != Some(3) {
            assert!(Instant::now() < deadline, "the app still serves the pipe after taskkill");
            std::thread::sleep(Duration::from_millis(300));
        }
    }

    /// Every file of the prefix that holds `needle` (registry hives included).
    fn files_containing(&self, needle: &str) -> Vec<PathBuf> {
        let utf16: Vec<u8> = needle.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let mut found = Vec::new();
        let mut folders = vec![self.prefix.clone()];
        while let Some(folder) = folders.pop() {
            let Ok(entries) = std::fs::read_dir(&folder) else { continue };
            for entry in entries.filter_map(Result::ok) {
                let path = entry.path();
                let Ok(kind) = entry.file_type() else { continue };
                if kind.is_dir() {
                    folders.push(path);
                } else if kind.is_file() {
                    let bytes = std::fs::read(&path).unwrap_or_default();
                    if memchr::memmem::find(&bytes, needle.as_bytes()).is_some() || memchr::memmem::find(&bytes, &utf16).is_some() {
                        found.push(path);
                    }
                }
            }
        }
        found
    }
}

const RUN_KEY: &str = "HKLM\\Software\\Microsoft\\Windows\\CurrentVersion\\Run";
const POLICY: &str = "HKLM\\Software\\Policies\\Latchkey\\Latchkey";

/// A throwaway code-signing CA and a certificate it issued, made with openssl.
fn signing_certificate(dir: &Path) -> (PathBuf, PathBuf, PathBuf) {
    let openssl = |args: &[&str]| run(Command::new("openssl").args(args).current_dir(dir));
    openssl(&[
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-keyout",
        "ca.key",
        "-out",
        "ca.pem",
        "-days",
        "2",
        "-subj",
        "/CN=Latchkey Test Root",
    ]);
    std::fs::write(dir.join("ext"), "basicConstraints=CA:FALSE\nkeyUsage=digitalSignature\nextendedKeyUsage=codeSigning\n").unwrap();
    openssl(&["req", "-newkey", "rsa:2048", "-nodes", "-keyout", "sign.key", "-out", "sign.csr", "-subj", "/CN=Latchkey Test Publisher"]);
    openssl(&[
        "x509",
        "-req",
        "-in",
        "sign.csr",
        "-CA",
        "ca.pem",
        "-CAkey",
        "ca.key",
        "-CAcreateserial",
        "-out",
        "sign.pem",
        "-days",
        "1",
        "-extfile",
        "ext",
    ]);
    (dir.join("ca.pem"), dir.join("sign.pem"), dir.join("sign.key"))
}

fn osslsigncode_verify(file: &Path, ca: &Path) -> Output {
    Command::new("osslsigncode").arg("verify").arg("-CAfile").arg(ca).arg("-in").arg(file).output().unwrap()
}

/// Copies the payload, signs its executables, builds the x64 MSI of `version` and signs it.
fn signed_msi(payload: &Path, dir: &Path, version: &str, cert: &Path, key: &Path) -> PathBuf {
    let signed_payload = dir.join(format!("payload-{version}"));
    std::fs::create_dir_all(signed_payload.join("sdk")).unwrap();
    for file in [
        "latchkey-desktop.exe",
        "latchkey.exe",
        "latchkey-agent.exe",
        "WebView2Loader.dll",
        "sdk/latchkey.dll",
        "sdk/liblatchkey.dll.a",
        "sdk/latchkey.h",
    ] {
        std::fs::copy(payload.join(file), signed_payload.join(file)).unwrap();
    }
    let sign = |files: &[PathBuf]| {
        run(Command::new(workspace_root().join("installer/windows/sign.sh"))
            .args(files)
            .env("LATCHKEY_SIGN_CERT", cert)
            .env("LATCHKEY_SIGN_KEY", key));
    };
    sign(&[
        signed_payload.join("latchkey-desktop.exe"),
        signed_payload.join("latchkey.exe"),
        signed_payload.join("latchkey-agent.exe"),
        signed_payload.join("sdk/latchkey.dll"),
    ]);
    let built = run(Command::new(workspace_root().join("installer/windows/build-msi.sh"))
        .arg("x64")
        .arg(&signed_payload)
        .arg(dir.join(version))
        .arg(version));
    let msi = PathBuf::from(stdout(&built).trim());
    sign(std::slice::from_ref(&msi));
    msi
}

fn json(output: &Output) -> Value {
    serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}\n{}", stdout(output), String::from_utf8_lossy(&output.stderr)))
}

fn assert_success(output: &Output, what: &str) {
    assert!(
        output.status.success(),
        "{what}: exit {:?}\n{}\n{}",
        output.status.code(),
        stdout(output),
        String::from_utf8_lossy(&output.stderr)
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_msi_installs_the_real_app_which_serves_the_cli_over_the_named_pipe_under_wine() {
    let (payload, helpers) = windows_build();
    let dir = tempfile::tempdir().unwrap();
    let smtp = Smtp::start();
    let server = TestServer::start(Backend::Sqlite, &smtp, &[]).await;
    server.publish_tos("2026-11", "en").await;
    server.purchase("ada@example.com").await;

    // Signed: the exes and the MSI verify against the throwaway CA; unsigned builds say so.
    let (ca, cert, key) = signing_certificate(dir.path());
    let first = signed_msi(&payload, dir.path(), "0.1.0", &cert, &key);
    let second = signed_msi(&payload, dir.path(), "0.1.1", &cert, &key);
    for file in [
        first.clone(),
        dir.path().join("payload-0.1.0/latchkey-desktop.exe"),
        dir.path().join("payload-0.1.0/latchkey.exe"),
        dir.path().join("payload-0.1.0/latchkey-agent.exe"),
    ] {
        let verified = osslsigncode_verify(&file, &ca);
        assert!(verified.status.success(), "{}: {}", file.display(), stdout(&verified));
    }
    assert!(!osslsigncode_verify(&payload.join("latchkey.exe"), &ca).status.success(), "the unsigned build has no signature");
    let unsigned = Command::new(workspace_root().join("installer/windows/sign.sh"))
        .arg(dir.path().join("payload-0.1.0/WebView2Loader.dll"))
        .env_remove("LATCHKEY_SIGN_CERT")
        .env_remove("LATCHKEY_SIGN_KEY")
        .output()
        .unwrap();
    assert!(unsigned.status.success() && String::from_utf8_lossy(&unsigned.stderr).contains("UNSIGNED"), "{unsigned:?}");
    // The Wine helpers never reach the MSI.
    let files = stdout(&run(Command::new("msiinfo").arg("export").arg(&first).arg("File")));
    for name in ["latchkey-desktop.exe", "latchkey.exe", "latchkey-agent.exe", "WebView2Loader.dll", "latchkey.dll", "latchkey.h"] {
        assert!(files.contains(name), "{name} is not in the MSI:\n{files}");
    }
    assert!(!files.contains("bcryptprimitives") && !files.contains("credread"), "{files}");

    let (_xvfb, display) = xvfb();
    let wine = tokio::task::block_in_place(|| Wine::new(dir.path().join("wine"), display));

    // 6. Wine runs every process as one user: the named pipe's own tests show its DACL
    // (this user only), both peer checks, and what Wine does not enforce (crates/transport/src/windows.rs).
    let transport = tokio::task::block_in_place(|| wine.output(&[helpers.join("transport-tests.exe").to_str().unwrap()], ""));
    let report = stdout(&transport);
    assert!(
        transport.status.success() && report.contains("test result: ok.") && !report.contains("running 0 tests"),
        "the transport's tests under Wine:\n{report}\n{}",
        String::from_utf8_lossy(&transport.stderr)
    );

    eprintln!("windows.rs: step 1");
    // 1. Installed silently with enforced settings.
    tokio::task::block_in_place(|| {
        wine.msiexec(&[
            "/i",
            first.to_str().unwrap(),
            "/qn",
            &format!("SERVER_URL={}", server.url),
            "ENFORCE=1",
            "ALLOW_SIGNOUT=0",
            "UI_LANGUAGE=de",
            // Per-app consent asks about every program but the ones IT lists.
            "CONSENT_MODE=prompt",
            "ALLOWED_APPS=C:\\Program Files\\Acme\\acme.exe;sha256:0000000000000000000000000000000000000000000000000000000000000000",
        ]);
    });
    assert_eq!(wine.reg_value(POLICY, "ServerUrl").as_deref(), Some(server.url.as_str()));
    let installed = wine.program_files();
    for file in ["latchkey-desktop.exe", "latchkey.exe", "latchkey-agent.exe", "WebView2Loader.dll"] {
        assert!(installed.join(file).exists(), "{file} is not installed");
    }
    // Wine 8 lacks bcryptprimitives.dll (ProcessPrng): the test's stand-in goes beside the exes.
    std::fs::copy(helpers.join("bcryptprimitives.dll"), installed.join("bcryptprimitives.dll")).unwrap();
    std::fs::copy(helpers.join("credread.exe"), installed.join("credread.exe")).unwrap();

    eprintln!("windows.rs: step 2");
    // 2. Started the way the Run entry starts it; the named pipe is served.
    let log = dir.path().join("app.log");
    let app = tokio::task::block_in_place(|| {
        let app = wine.start_app_from_run_entry(&log);
        wine.wait_for_pipe(&log);
        app
    });
    let logged = std::fs::read_to_string(&log).unwrap_or_default();
    assert!(logged.contains("tray ready"), "{logged}");
    // The app respects the installer's start entry: it neither removes it nor adds the user's own.
    assert!(wine.reg_value(RUN_KEY, "Latchkey").is_some_and(|v| v.contains("latchkey-desktop.exe")), "{logged}");
    assert_eq!(wine.reg_value("HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Run", "Latchkey"), None);
    assert!(logged.contains("WebView2 runtime is missing"), "Wine has no WebView2: the app says so\n{logged}");

    eprintln!("windows.rs: step 3");
    // 3. The Windows CLI over the pipe: the policy from the registry, for real.
    let settings = json(&tokio::task::block_in_place(|| wine.latchkey(&["settings", "--json"], "")));
    for (key, value) in [
        ("ServerUrl", Value::from(server.url.as_str())),
        ("AllowSignOut", Value::from(false)),
        ("Language", Value::from("de")),
        ("ConsentMode", Value::from("prompt")),
        (
            "AllowedApps",
            Value::from("C:\\Program Files\\Acme\\acme.exe;sha256:0000000000000000000000000000000000000000000000000000000000000000"),
        ),
    ] {
        assert_eq!(settings[key]["source"], "policy", "{key}: {settings}");
        assert_eq!(settings[key]["value"], value, "{key}: {settings}");
    }

    let forgot = tokio::task::block_in_place(|| wine.latchkey(&["forgot-password", "--email", "ada@example.com"], ""));
    assert_success(&forgot, "forgot-password");
    let code = smtp.code("ada@example.com", 1).await;
    let reset = tokio::task::block_in_place(|| {
        wine.latchkey(&["reset-password", "--email", "ada@example.com", "--code", &code, "--password-stdin"], &format!("{PASSWORD}\n"))
    });
    assert_success(&reset, "reset-password");
    let sign_in = tokio::task::block_in_place(|| {
        wine.latchkey(&["sign-in", "--email", "ada@example.com", "--password-stdin", "--accept-tos", "--json"], &format!("{PASSWORD}\n"))
    });
    assert_success(&sign_in, "sign-in");
    assert_eq!(json(&sign_in)["state"], "signed_in");
    // The CLI is a program like any other to per-app consent: its first token waits for an answer.
    let (token, approved) =
        tokio::task::block_in_place(|| wine.approved_while_asking(&["C:\\Program Files\\Latchkey\\latchkey.exe", "token"]));
    assert_success(&approved, "apps approve (latchkey.exe)");
    assert_success(&token, "token");
    let access_token = stdout(&token).trim().to_owned();
    let (status, me) = server.get("/v1/me", Some(&access_token)).await;
    assert_eq!((status, me["email"].as_str()), (200, Some("ada@example.com")), "{me}");
    let entitlements = json(&tokio::task::block_in_place(|| wine.latchkey(&["entitlements", "--json"], "")));
    assert!(entitlements.to_string().contains("suite"), "{entitlements}");

    eprintln!("windows.rs: step 3b");
    // 3b. A native program built with mingw against the installed SDK (latchkey.dll, its import
    // library, the header) asks for the session. Per-app consent (the default, prompt) holds its
    // call until `latchkey apps approve`, which knows it by the path the pipe's client pid gives.
    let sdk = installed.join("sdk");
    for file in ["latchkey.dll", "liblatchkey.dll.a", "latchkey.h"] {
        assert!(sdk.join(file).exists(), "sdk\\{file} is not installed");
    }
    let acme = wine.prefix.join("drive_c/acme");
    std::fs::create_dir_all(&acme).unwrap();
    let compiled = Command::new("x86_64-w64-mingw32-gcc")
        .args(["-std=c11", "-Wall", "-Wextra", "-Werror", "-I"])
        .arg(&sdk)
        .arg(workspace_root().join("examples/c/latchkey_example.c"))
        .arg("-L")
        .arg(&sdk)
        // winpthreads linked in, so that only latchkey.dll sits beside the program.
        .args(["-llatchkey", "-Wl,-Bstatic", "-lpthread", "-Wl,-Bdynamic", "-o"])
        .arg(acme.join("acme.exe"))
        .output()
        .unwrap();
    assert!(compiled.status.success(), "mingw: {}", String::from_utf8_lossy(&compiled.stderr));
    std::fs::copy(sdk.join("latchkey.dll"), acme.join("latchkey.dll")).unwrap();
    std::fs::copy(helpers.join("bcryptprimitives.dll"), acme.join("bcryptprimitives.dll")).unwrap();
    let (asked, approved) = tokio::task::block_in_place(|| wine.approved_while_asking(&["C:\\acme\\acme.exe", "suite"]));
    assert_success(&approved, "apps approve");
    assert!(String::from_utf8_lossy(&approved.stderr).to_lowercase().contains("acme.exe"), "{}", String::from_utf8_lossy(&approved.stderr));
    assert_success(&asked, "the C example");
    let said = stdout(&asked);
    assert!(said.contains("state=signed_in") && said.contains("entitled=suite yes"), "{said}");
    let again = tokio::task::block_in_place(|| wine.output(&["C:\\acme\\acme.exe", "suite"], ""));
    assert_success(&again, "the C example, remembered");
    let remembered = json(&tokio::task::block_in_place(|| wine.latchkey(&["apps", "list", "--json"], "")));
    let allowed: Vec<String> = remembered["remembered"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["decision"] == "allowed")
        .map(|r| r["app"]["path"].as_str().unwrap_or_default().to_lowercase())
        .collect();
    assert!(allowed.iter().any(|p| p.ends_with("\\acme\\acme.exe")) && allowed.iter().any(|p| p.ends_with("latchkey.exe")), "{remembered}");

    eprintln!("windows.rs: step 4");
    // 4. The refresh token is in Credential Manager and in no file of the prefix (the hive holds it
    // encrypted); restarted, the app is still signed in.
    let target = format!("{}.latchkey", server.url);
    let blob = tokio::task::block_in_place(|| wine.output(&["C:\\Program Files\\Latchkey\\credread.exe", &target], ""));
    assert_success(&blob, "credread");
    let refresh_token = decode_blob(stdout(&blob).trim());
    assert!(refresh_token.len() >= 32, "a refresh token in Credential Manager: {} bytes", refresh_token.len());
    tokio::task::block_in_place(|| {
        assert_eq!(wine.files_containing(&refresh_token), Vec::<PathBuf>::new(), "the refresh token reached a file");
        assert_eq!(wine.files_containing(&access_token), Vec::<PathBuf>::new(), "an access token reached a file");
    });
    drop(app);
    tokio::task::block_in_place(|| wine.stop_app());
    let log2 = dir.path().join("app2.log");
    let app = tokio::task::block_in_place(|| {
        let app = wine.start_app_from_run_entry(&log2);
        wine.wait_for_pipe(&log2);
        app
    });
    let status = json(&tokio::task::block_in_place(|| wine.latchkey(&["status", "--json"], "")));
    assert_eq!(status["state"], "signed_in", "{status}");
    assert_eq!(status["user"]["email"], "ada@example.com");

    eprintln!("windows.rs: step 5");
    // 5. Sign-out is refused by policy; the tray menu has no Sign out.
    let sign_out = tokio::task::block_in_place(|| wine.latchkey(&["sign-out"], ""));
    assert!(!sign_out.status.success(), "sign-out must be refused: {}", stdout(&sign_out));
    let refusal = String::from_utf8_lossy(&sign_out.stderr).to_lowercase();
    // In German: the machine's Language setting (UI_LANGUAGE=de above) is the command's language too.
    assert!(refusal.contains("ihre organisation erlaubt kein abmelden"), "{refusal}");
    let status = json(&tokio::task::block_in_place(|| wine.latchkey(&["status", "--json"], "")));
    assert_eq!(status["state"], "signed_in", "still signed in: {status}");
    let logged = std::fs::read_to_string(&log2).unwrap_or_default();
    let menus: Vec<&str> = logged.lines().filter(|l| l.contains("tray menu")).collect();
    assert!(menus.iter().any(|l| l.contains("state=signed_in") && l.contains("session_item=\"none\"")), "{logged}");
    assert!(!menus.iter().any(|l| l.contains("session_item=\"sign-out\"")), "{logged}");

    eprintln!("windows.rs: step 7");
    // 7. An upgrade without properties keeps the values; uninstall stops the app, removes its
    // files, the Run entry and the shortcuts, and leaves the user's credential.
    drop(app);
    tokio::task::block_in_place(|| {
        wine.stop_app();
        wine.msiexec(&["/i", second.to_str().unwrap(), "/qn"]);
    });
    assert_eq!(wine.reg_value("HKLM\\Software\\Latchkey\\Latchkey", "Version").as_deref(), Some("0.1.1"));
    assert_eq!(wine.reg_value(POLICY, "ServerUrl").as_deref(), Some(server.url.as_str()));
    assert_eq!(wine.reg_value(POLICY, "AllowSignOut").as_deref(), Some("0"));
    assert_eq!(wine.reg_value(POLICY, "Language").as_deref(), Some("de"));
    std::fs::copy(helpers.join("bcryptprimitives.dll"), installed.join("bcryptprimitives.dll")).unwrap();
    let log3 = dir.path().join("app3.log");
    let app = tokio::task::block_in_place(|| {
        let app = wine.start_app_from_run_entry(&log3);
        wine.wait_for_pipe(&log3);
        app
    });
    let shortcuts = shortcut_files(&wine.prefix);
    assert!(!shortcuts.is_empty(), "the Start Menu and desktop shortcuts");
    // Uninstall ends the running app first (a deferred `taskkill` of every user's app, from the
    // native System32: a 32-bit one from SysWOW64 cannot start in a 64-bit-only Wine prefix),
    // then removes the files; the app must not outlive it.
    let actions = stdout(&run(Command::new("msiinfo").arg("export").arg(&second).arg("CustomAction")));
    assert!(
        actions.lines().any(|l| l.starts_with("StopApp\t3170\tINSTALLDIR\t\"[System64Folder]taskkill.exe\" /F /IM latchkey-desktop.exe")),
        "{actions}"
    );
    tokio::task::block_in_place(|| {
        wine.msiexec(&["/x", second.to_str().unwrap(), "/qn", "/l*v", "C:\\uninstall.log"]);
        // The CLI went with the files, so ask the process list, not the pipe.
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            let tasks = wine.output(&["tasklist"], "");
            let listing = String::from_utf8_lossy(&tasks.stdout).to_lowercase();
            if tasks.status.success() && !listing.contains("latchkey-desktop.exe") {
                break;
            }
            if Instant::now() > deadline {
                let log = std::fs::read(wine.prefix.join("drive_c/uninstall.log")).unwrap_or_default();
                let log = String::from_utf8_lossy(&log).replace('\0', "");
                let stop: Vec<&str> = log.lines().filter(|l| l.contains("StopApp")).collect();
                panic!("the app outlived the uninstall: {listing}\nthe log's StopApp lines: {stop:#?}");
            }
            std::thread::sleep(Duration::from_millis(300));
        }
    });
    drop(app);
    for file in ["latchkey-desktop.exe", "latchkey.exe", "latchkey-agent.exe"] {
        assert!(!installed.join(file).exists(), "{file} is removed");
    }
    assert_eq!(wine.reg_value(RUN_KEY, "Latchkey"), None, "the Run entry removed");
    assert_eq!(shortcut_files(&wine.prefix), Vec::<PathBuf>::new(), "the shortcuts removed");
    let user_hive = std::fs::read_to_string(wine.prefix.join("user.reg")).unwrap_or_default();
    assert!(user_hive.contains(&target.replace('\\', "\\\\")), "the credential stays for the user after uninstall");
}

/// The credential blob as text: keyring stores a password as UTF-16 on Windows.
fn decode_blob(hex: &str) -> String {
    let bytes: Vec<u8> = (0..hex.len()).step_by(2).map(|i| u8::from_str_radix(&hex[i..i + 2], 16).unwrap()).collect();
    if bytes.len().is_multiple_of(2) && bytes.iter().skip(1).step_by(2).all(|b| *b == 0) {
        let units: Vec<u16> = bytes.chunks(2).map(|c| u16::from_le_bytes([c[0], c[1]])).collect();
        String::from_utf16(&units).unwrap()
    } else {
        String::from_utf8(bytes).unwrap()
    }
}

/// Every `Latchkey.lnk` in the prefix (Wine puts the all-users shortcuts in a user's folders).
fn shortcut_files(prefix: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut folders = vec![prefix.join("drive_c")];
    while let Some(folder) = folders.pop() {
        let Ok(entries) = std::fs::read_dir(&folder) else { continue };
        for entry in entries.filter_map(Result::ok) {
            let path = entry.path();
            if entry.file_type().is_ok_and(|t| t.is_dir()) {
                folders.push(path);
            } else if path.file_name().is_some_and(|n| n == "Latchkey.lnk") {
                found.push(path);
            }
        }
    }
    found
}
