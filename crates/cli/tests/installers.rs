//! The installers (`installer/`), built from this build's binaries and checked the way IT would
//! meet them: the deb (lintian; installed into a throwaway root with preseeded debconf answers; the
//! agent reads what it wrote; upgraded; purged), the rpm (rpmlint; `%config(noreplace)`; installed
//! into a throwaway rpm root), the MSI (its tables; installed, upgraded and removed under Wine), the
//! macOS inputs and Group Policy templates (well-formed, naming every key); and the five layers'
//! order through a running agent.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use latchkey_test_support::{run, stdout, workspace_root};
use serde_json::Value;

/// The folder of this build's binaries (`latchkey` and, built by the workspace, `latchkey-desktop`).
fn bin_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_BIN_EXE_latchkey")).parent().unwrap().to_owned();
    assert!(dir.join("latchkey-desktop").exists(), "build the workspace first (`make test` runs `cargo test --workspace`)");
    assert_eq!(latchkey_test_support::native_library_dir(), dir, "liblatchkey beside the programs");
    dir
}

fn is_root() -> bool {
    std::fs::read_to_string("/proc/self/status").unwrap().lines().any(|l| l.starts_with("Uid:") && l.split_whitespace().nth(1) == Some("0"))
}

fn build_deb(out: &Path, version: &str) -> PathBuf {
    let built = run(Command::new(workspace_root().join("installer/linux/build-deb.sh"))
        .arg(bin_dir())
        .arg(out)
        .arg(version)
        .env("COMPRESS", "gzip"));
    PathBuf::from(stdout(&built).trim())
}

/// A throwaway dpkg root.
fn dpkg_root(dir: &Path) -> PathBuf {
    let r = dir.join("root");
    for sub in ["var/lib/dpkg/info", "var/lib/dpkg/updates", "var/lib/dpkg/triggers", "var/cache/debconf", "etc"] {
        std::fs::create_dir_all(r.join(sub)).unwrap();
    }
    // debconf reads its configuration, as dpkg does everything, under DPKG_ROOT
    std::fs::copy("/etc/debconf.conf", r.join("etc/debconf.conf")).unwrap();
    std::fs::write(r.join("var/lib/dpkg/status"), "").unwrap();
    std::fs::write(r.join("var/lib/dpkg/available"), "").unwrap();
    r
}

fn dpkg(r: &Path, args: &[&str]) -> Output {
    run(Command::new("dpkg")
        .arg(format!("--root={}", r.display()))
        .args(["--force-script-chrootless", "--force-not-root", "--force-depends", "--log=/dev/null"])
        .args(args)
        .env("DPKG_ROOT", r)
        .env("DEBIAN_FRONTEND", "noninteractive"))
}

/// `latchkey settings --json` of an agent started with `etc` mounted on `/etc/latchkey` (a private
/// mount namespace: the machine's own `/etc` is untouched), `env` and a private home.
fn settings_with(etc: &Path, env: &[(&str, &str)], home: &Path) -> Value {
    let runtime = home.join("run");
    std::fs::create_dir_all(&runtime).unwrap();
    std::fs::set_permissions(&runtime, std::os::unix::fs::PermissionsExt::from_mode(0o700)).unwrap();
    let script = r#"set -e
mount --bind "$ETC" /etc/latchkey
trap 'umount -l /etc/latchkey' EXIT
"$LATCHKEY" agent >"$HOME/agent.log" 2>&1 &
agent=$!
for _ in $(seq 100); do [ -S "$XDG_RUNTIME_DIR/latchkey/agent.sock" ] && break; sleep 0.05; done
"$LATCHKEY" settings --json
kill $agent
wait $agent || true"#;
    let mut command = mount_namespace();
    command
        .args(["sh", "-c", script])
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("ETC", etc)
        .env("LATCHKEY", env!("CARGO_BIN_EXE_latchkey"))
        .env("HOME", home)
        .env("XDG_RUNTIME_DIR", &runtime)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_STATE_HOME", home.join("state"))
        .envs(env.iter().copied())
        .stderr(Stdio::piped());
    serde_json::from_slice(&run(&mut command).stdout).unwrap()
}

/// `unshare -m`: a private mount namespace. In a chroot (a fresh build root), `/` is no mount point
/// and unshare cannot make the namespace private, so there it leaves the propagation as it is; the
/// scripts unmount what they mounted on exit either way.
fn mount_namespace() -> Command {
    let mut command = Command::new("unshare");
    command.arg("-m");
    if !Command::new("mountpoint").args(["-q", "/"]).status().is_ok_and(|s| s.success()) {
        command.args(["--propagation", "unchanged"]);
    }
    command
}

fn require_root_for_mounts() {
    assert!(is_root(), "this test mounts a folder on /etc/latchkey in a private namespace: it needs root (make test runs as root in CI)");
    std::fs::create_dir_all("/etc/latchkey").unwrap();
}

#[test]
fn the_deb_installs_with_preseeded_answers_upgrades_keeping_them_and_purges_clean() {
    require_root_for_mounts();
    let dir = tempfile::tempdir().unwrap();
    let deb = build_deb(&dir.path().join("dist"), "0.1.0");
    let lint = Command::new("lintian")
        .args(["--allow-root", "--fail-on", "error", "--suppress-tags", "embedded-library"])
        .arg(&deb)
        .output()
        .unwrap();
    assert!(lint.status.success(), "lintian finds errors:\n{}", String::from_utf8_lossy(&lint.stdout));
    let contents = stdout(&run(Command::new("dpkg-deb").arg("--contents").arg(&deb)));
    for path in [
        "./usr/bin/latchkey-desktop",
        "./usr/bin/latchkey",
        "./usr/bin/latchkey-agent",
        "./usr/lib/x86_64-linux-gnu/liblatchkey.so.0",
        "./usr/lib/x86_64-linux-gnu/liblatchkey.so -> liblatchkey.so.0",
        "./usr/lib/x86_64-linux-gnu/pkgconfig/latchkey.pc",
        "./usr/include/latchkey.h",
        "./usr/share/applications/latchkey.desktop",
        "./etc/xdg/autostart/latchkey.desktop",
        "./usr/share/icons/hicolor/256x256/apps/latchkey.png",
    ] {
        assert!(contents.contains(path), "{path} is not in the package:\n{contents}");
    }
    let autostart = std::fs::read_to_string(workspace_root().join("installer/linux/latchkey-autostart.desktop")).unwrap();
    assert!(autostart.contains("Exec=latchkey-desktop --autostart"));

    // preseeded answers, as IT gives them, then a silent install
    let r = dpkg_root(dir.path());
    let answers = "latchkey latchkey/server_url string https://id.example.com\n\
        latchkey latchkey/autostart boolean false\n\
        latchkey latchkey/allow_sign_out boolean false\n\
        latchkey latchkey/language string de\n";
    let mut preseed = Command::new("debconf-set-selections");
    preseed.env("DPKG_ROOT", &r).stdin(Stdio::piped());
    let mut child = preseed.spawn().unwrap();
    std::io::Write::write_all(child.stdin.as_mut().unwrap(), answers.as_bytes()).unwrap();
    assert!(child.wait().unwrap().success());
    dpkg(&r, &["-i", deb.to_str().unwrap()]);
    let config = std::fs::read_to_string(r.join("etc/latchkey/config.toml")).unwrap();
    for line in ["server_url = \"https://id.example.com\"", "autostart = false", "allow_sign_out = false", "language = \"de\""] {
        assert!(config.lines().any(|l| l == line), "{line:?} is not in config.toml:\n{config}");
    }
    assert!(r.join("etc/latchkey/policies").is_dir());
    assert!(r.join("usr/bin/latchkey-desktop").exists() && r.join("etc/xdg/autostart/latchkey.desktop").exists());

    // the agent reads what the package wrote, as the machine layer
    let home = dir.path().join("home");
    let settings = settings_with(&r.join("etc/latchkey"), &[], &home);
    assert_eq!(settings["ServerUrl"], serde_json::json!({"value": "https://id.example.com", "source": "machine"}), "{settings}");
    assert_eq!(settings["AllowSignOut"], serde_json::json!({"value": false, "source": "machine"}), "{settings}");
    assert_eq!(settings["Language"]["source"], "machine", "{settings}");

    // an upgrade keeps the answers, and an edit IT made to config.toml
    let edited = config.replace("https://id.example.com", "https://id2.example.com");
    std::fs::write(r.join("etc/latchkey/config.toml"), edited).unwrap();
    let newer = build_deb(&dir.path().join("dist2"), "0.1.1");
    dpkg(&r, &["-i", newer.to_str().unwrap()]);
    let upgraded = std::fs::read_to_string(r.join("etc/latchkey/config.toml")).unwrap();
    assert!(upgraded.contains("server_url = \"https://id2.example.com\"") && upgraded.contains("autostart = false"), "{upgraded}");

    // purge removes what the package made
    dpkg(&r, &["--purge", "latchkey"]);
    assert!(!r.join("etc/latchkey").exists(), "purge leaves /etc/latchkey");
    assert!(!r.join("usr/bin/latchkey-desktop").exists() && !r.join("etc/xdg/autostart/latchkey.desktop").exists());
}

#[test]
fn the_rpm_keeps_the_machine_defaults_as_noreplace_config_and_installs_into_a_throwaway_root() {
    let dir = tempfile::tempdir().unwrap();
    let built =
        run(Command::new(workspace_root().join("installer/linux/build-rpm.sh")).arg(bin_dir()).arg(dir.path().join("dist")).arg("0.1.0"));
    let rpm = PathBuf::from(stdout(&built).trim());
    let lint = Command::new("rpmlint").arg("-c").arg(workspace_root().join("installer/linux/rpm/rpmlint.toml")).arg(&rpm).output().unwrap();
    let report = String::from_utf8_lossy(&lint.stdout).into_owned();
    let errors = report.lines().filter(|l| l.contains(": E: ")).collect::<Vec<_>>();
    assert!(errors.is_empty(), "rpmlint finds errors:\n{report}");
    let files = stdout(&run(Command::new("rpm").args(["-qp", "--qf", "[%{FILENAMES} %{FILEFLAGS:fflags}\n]"]).arg(&rpm)));
    assert!(files.lines().any(|l| l == "/etc/latchkey/config.toml cn"), "config.toml is %config(noreplace):\n{files}");
    assert!(files.lines().any(|l| l == "/etc/xdg/autostart/latchkey.desktop cn"), "{files}");
    let r = dir.path().join("root");
    std::fs::create_dir_all(&r).unwrap();
    run(Command::new("rpm").arg("--root").arg(&r).arg("--initdb"));
    run(Command::new("rpm").arg("--root").arg(&r).args(["-i", "--nodeps", "--noscripts"]).arg(&rpm));
    assert!(
        r.join("usr/bin/latchkey").exists()
            && r.join("usr/bin/latchkey-agent").exists()
            && r.join("usr/lib64/liblatchkey.so.0").exists()
            && r.join("usr/include/latchkey.h").exists()
            && r.join("etc/latchkey/config.toml").exists()
            && r.join("etc/latchkey/policies").is_dir()
    );
    let installed = stdout(&run(Command::new("rpm").arg("--root").arg(&r).args(["-q", "latchkey"])));
    assert_eq!(installed.trim(), "latchkey-0.1.0-1.x86_64");
}

fn placeholder_payload(dir: &Path) -> PathBuf {
    let payload = dir.join("payload");
    std::fs::create_dir_all(&payload).unwrap();
    std::fs::create_dir_all(payload.join("sdk")).unwrap();
    for exe in [
        "latchkey-desktop.exe",
        "WebView2Loader.dll",
        "latchkey.exe",
        "latchkey-agent.exe",
        "sdk/latchkey.dll",
        "sdk/liblatchkey.dll.a",
        "sdk/latchkey.h",
    ] {
        std::fs::write(payload.join(exe), "placeholder for the test: the release MSI carries the Windows build\r\n").unwrap();
    }
    payload
}

fn build_msi(arch: &str, payload: &Path, out: &Path, version: &str) -> PathBuf {
    let built = run(Command::new(workspace_root().join("installer/windows/build-msi.sh")).arg(arch).arg(payload).arg(out).arg(version));
    PathBuf::from(stdout(&built).trim())
}

/// One table of an MSI as rows of columns (`msiinfo export`, minus its three header lines).
fn msi_table(msi: &Path, table: &str) -> Vec<Vec<String>> {
    let exported = stdout(&run(Command::new("msiinfo").arg("export").arg(msi).arg(table)));
    exported.lines().skip(3).map(|l| l.split('\t').map(str::to_owned).collect()).collect()
}

#[test]
fn the_msi_tables_carry_every_property_its_conditions_and_the_start_entry() {
    let dir = tempfile::tempdir().unwrap();
    let payload = placeholder_payload(dir.path());
    for arch in ["x64", "x86"] {
        let msi = build_msi(arch, &payload, &dir.path().join("dist"), "0.1.0");
        let properties = msi_table(&msi, "Property");
        let property = |name: &str| properties.iter().find(|r| r[0] == name).map(|r| r[1].clone());
        assert_eq!(property("UpgradeCode").as_deref(), Some("{6F1C1E38-3B1B-4C57-9F0E-5A7C2D41B7A1}"), "a fixed UpgradeCode");
        assert_eq!(property("ALLUSERS").as_deref(), Some("1"), "per machine");
        let secure = property("SecureCustomProperties").unwrap();
        let components = msi_table(&msi, "Component");
        let condition = |component: &str| components.iter().find(|r| r[0] == component).map(|r| r[4].clone()).unwrap_or_default();
        let registry = msi_table(&msi, "Registry");
        for key in latchkey_config::Key::ALL {
            let (name, msi_property) = (key.name(), key.msi_property());
            assert!(secure.split(';').any(|p| p == msi_property), "{msi_property} is not secure: {secure}");
            assert_eq!(condition(&format!("Machine{name}")), format!("{msi_property} AND NOT (ENFORCE = \"1\")"));
            assert_eq!(condition(&format!("Policy{name}")), format!("{msi_property} AND ENFORCE = \"1\""));
            for (root_key, component) in [
                ("SOFTWARE\\Latchkey\\Latchkey", format!("Machine{name}")),
                ("SOFTWARE\\Policies\\Latchkey\\Latchkey", format!("Policy{name}")),
            ] {
                assert!(
                    registry.iter().any(|r| r[1] == "2"
                        && r[2] == root_key
                        && r[3] == name
                        && r[4] == format!("[{msi_property}]")
                        && r[5] == component),
                    "{name} under HKLM\\{root_key}"
                );
            }
        }
        assert!(secure.split(';').any(|p| p == "ENFORCE") && secure.split(';').any(|p| p == "DESKTOP_SHORTCUT"));
        assert_eq!(condition("DesktopShortcut"), "DESKTOP_SHORTCUT = \"1\"");
        assert!(
            registry.iter().any(|r| r[2] == "SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Run"
                && r[3] == "Latchkey"
                && r[4] == "\"[INSTALLDIR]latchkey-desktop.exe\" --autostart"),
            "the machine-wide start entry, quoted, with --autostart"
        );
        assert!(
            registry.iter().any(|r| r[2] == "SOFTWARE\\Latchkey\\Latchkey" && r[3] == "Version" && r[4] == "[ProductVersion]"),
            "the detection value"
        );
        let shortcuts: Vec<String> = msi_table(&msi, "Shortcut").iter().map(|r| r[1].clone()).collect();
        assert_eq!(shortcuts, ["ProgramMenuFolder", "DesktopFolder"]);
        let sequence = msi_table(&msi, "InstallExecuteSequence");
        let at = |action: &str| sequence.iter().find(|r| r[0] == action).map(|r| r[2].parse::<u32>().unwrap()).unwrap();
        assert!(
            at("AppSearch") < at("RestoreServerUrl") && at("RestoreServerUrl") < at("CostFinalize"),
            "remembered values are restored before costing"
        );
        let bits = components.iter().find(|r| r[0] == "DesktopApp").unwrap()[3].parse::<u32>().unwrap();
        assert_eq!(bits & 256 != 0, arch == "x64", "{arch}: 64-bit components only in the x64 MSI");
        // The platform Windows Installer checks before anything else: an x64 MSI refuses 32-bit
        // Windows; the x86 one installs under Program Files (x86) on 64-bit Windows.
        let summary = stdout(&run(Command::new("msiinfo").arg("suminfo").arg(&msi)));
        let template = if arch == "x64" { "Template: x64;1033" } else { "Template: Intel;1033" };
        assert!(summary.lines().any(|l| l == template), "{arch}: {summary}");
        let folder = if arch == "x64" { "ProgramFiles64Folder" } else { "ProgramFilesFolder" };
        assert!(msi_table(&msi, "Directory").iter().any(|r| r[0] == "INSTALLDIR" && r[1] == folder), "{arch}: INSTALLDIR under {folder}");
    }
}

/// Wine, with a private prefix and no attempt to fetch Mono or Gecko.
fn wine(prefix: &Path, args: &[&str]) -> Output {
    Command::new("wine")
        .args(args)
        .env("WINEPREFIX", prefix)
        .env("WINEDEBUG", "-all")
        .env("WINEDLLOVERRIDES", "mscoree,mshtml=")
        .env_remove("DISPLAY")
        .output()
        .unwrap()
}

const MACHINE: &str = "HKLM\\Software\\Latchkey\\Latchkey";
const POLICY: &str = "HKLM\\Software\\Policies\\Latchkey\\Latchkey";

fn reg_value(prefix: &Path, key: &str, name: &str) -> Option<String> {
    // A wine process can fail to start on a loaded machine (its wineserver is busy saving the
    // registry), which looks the same as a missing value: ask three times before saying "none".
    let mut output = wine(prefix, &["reg", "query", key, "/v", name]);
    for _ in 0..2 {
        if output.status.success() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(500));
        output = wine(prefix, &["reg", "query", key, "/v", name]);
    }
    if !output.status.success() {
        return None;
    }
    let listing = stdout(&output);
    listing.lines().find(|l| l.trim_start().starts_with(name)).map(|l| l.split("REG_SZ").nth(1).unwrap_or("").trim().to_owned())
}

#[test]
fn the_msi_installs_upgrades_and_uninstalls_under_wine() {
    let dir = tempfile::tempdir().unwrap();
    let payload = placeholder_payload(dir.path());
    let first = build_msi("x64", &payload, &dir.path().join("a"), "0.1.0");
    let second = build_msi("x64", &payload, &dir.path().join("b"), "0.1.1");
    let third = build_msi("x64", &payload, &dir.path().join("c"), "0.1.2");
    let fourth = build_msi("x64", &payload, &dir.path().join("d"), "0.1.3");
    let prefix = dir.path().join("wine");
    let install = |msi: &Path, properties: &[&str]| {
        let mut args = vec!["msiexec", "/i", msi.to_str().unwrap(), "/qn"];
        args.extend_from_slice(properties);
        let output = wine(&prefix, &args);
        assert!(output.status.success(), "msiexec {args:?}: {}", String::from_utf8_lossy(&output.stderr));
    };

    install(&first, &["SERVER_URL=https://id.example.com", "AUTOSTART=0", "UI_LANGUAGE=de"]);
    assert_eq!(reg_value(&prefix, MACHINE, "ServerUrl").as_deref(), Some("https://id.example.com"));
    assert_eq!(reg_value(&prefix, MACHINE, "AutoStart").as_deref(), Some("0"));
    assert_eq!(reg_value(&prefix, MACHINE, "Language").as_deref(), Some("de"));
    assert_eq!(reg_value(&prefix, MACHINE, "Version").as_deref(), Some("0.1.0"));
    assert_eq!(reg_value(&prefix, MACHINE, "Proxy"), None, "a property not given writes nothing");
    let run_entry = reg_value(&prefix, "HKLM\\Software\\Microsoft\\Windows\\CurrentVersion\\Run", "Latchkey").unwrap();
    assert!(run_entry.starts_with('"') && run_entry.ends_with("latchkey-desktop.exe\" --autostart"), "{run_entry}");
    assert!(prefix.join("drive_c/Program Files/Latchkey/latchkey-desktop.exe").exists());

    // a major upgrade without properties keeps the values; one with a property changes it
    install(&second, &[]);
    assert_eq!(reg_value(&prefix, MACHINE, "Version").as_deref(), Some("0.1.1"));
    assert_eq!(reg_value(&prefix, MACHINE, "ServerUrl").as_deref(), Some("https://id.example.com"));
    assert_eq!(reg_value(&prefix, MACHINE, "Language").as_deref(), Some("de"));
    install(&third, &["SERVER_URL=https://id2.example.com"]);
    assert_eq!(reg_value(&prefix, MACHINE, "ServerUrl").as_deref(), Some("https://id2.example.com"));
    assert_eq!(reg_value(&prefix, MACHINE, "AutoStart").as_deref(), Some("0"));

    // ENFORCE=1: the values go to the policy key instead
    install(&fourth, &["ENFORCE=1"]);
    assert_eq!(reg_value(&prefix, POLICY, "ServerUrl").as_deref(), Some("https://id2.example.com"));
    assert_eq!(reg_value(&prefix, MACHINE, "ServerUrl"), None);

    // uninstall leaves nothing
    let output = wine(&prefix, &["msiexec", "/x", fourth.to_str().unwrap(), "/qn"]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    assert_eq!(reg_value(&prefix, MACHINE, "Version"), None);
    assert_eq!(reg_value(&prefix, POLICY, "ServerUrl"), None);
    assert_eq!(reg_value(&prefix, "HKLM\\Software\\Microsoft\\Windows\\CurrentVersion\\Run", "Latchkey"), None);
    assert!(!prefix.join("drive_c/Program Files/Latchkey/latchkey-desktop.exe").exists());
}

fn well_formed_xml(path: &Path) {
    run(Command::new("xmllint").arg("--noout").arg(path));
}

/// A plist read by Python's plistlib, as JSON.
fn plist(path: &Path) -> Value {
    let script = "import json, plistlib, sys; print(json.dumps(plistlib.load(open(sys.argv[1], 'rb')), default=str))";
    serde_json::from_slice(&run(Command::new("python3").args(["-c", script]).arg(path)).stdout).unwrap()
}

#[test]
fn the_templates_and_macos_inputs_are_well_formed_and_name_every_key() {
    let installer = workspace_root().join("installer");
    let admx = std::fs::read_to_string(installer.join("windows/admx/Latchkey.admx")).unwrap();
    let strings = std::fs::read_to_string(installer.join("windows/admx/en-US/Latchkey.adml")).unwrap();
    let wxs = std::fs::read_to_string(installer.join("windows/Latchkey.wxs")).unwrap();
    let templates = std::fs::read_to_string(installer.join("linux/debian/templates")).unwrap();
    let postinst = std::fs::read_to_string(installer.join("linux/debian/postinst")).unwrap();
    let rpm_config = std::fs::read_to_string(installer.join("linux/config.toml")).unwrap();
    let profile = plist(&installer.join("macos/com.latchkey.client.mobileconfig"));
    let managed = &profile["PayloadContent"][0];
    assert_eq!(managed["PayloadType"], "com.latchkey.client");
    for key in latchkey_config::Key::ALL {
        let (name, toml) = (key.name(), key.toml_key());
        assert!(admx.contains(&format!("<policy name=\"{name}\"")) && admx.contains(&format!("valueName=\"{name}\"")), "ADMX lacks {name}");
        assert!(strings.contains(&format!("<string id=\"{name}\">")), "ADML lacks {name}");
        assert!(
            wxs.contains(&format!("Property Id=\"{}\"", key.msi_property())) && wxs.contains(&format!("Name=\"{name}\"")),
            "the WiX source lacks {name}"
        );
        assert!(templates.contains(&format!("Template: latchkey/{toml}")), "debconf lacks {toml}");
        assert!(postinst.contains(toml), "the postinst does not write {toml}");
        assert!(rpm_config.contains(&format!("# {toml} =")), "the rpm's config.toml does not show {toml}");
        assert!(managed.get(name).is_some(), "the configuration profile lacks {name}");
    }
    for xml in ["windows/admx/Latchkey.admx", "windows/admx/en-US/Latchkey.adml", "windows/Latchkey.wxs", "macos/Distribution.xml"] {
        well_formed_xml(&installer.join(xml));
    }
    let agent = plist(&installer.join("macos/com.latchkey.client.plist"));
    assert_eq!(agent["Label"], "com.latchkey.client");
    assert_eq!(agent["ProgramArguments"][1], "--autostart");
    assert_eq!(agent["RunAtLoad"], true);
    for script in ["macos/scripts/postinstall", "macos/build-pkg.sh", "linux/debian/config", "linux/debian/postinst", "linux/debian/postrm"]
    {
        run(Command::new("sh").arg("-n").arg(installer.join(script)));
    }
    for script in ["build.sh", "linux/stage.sh", "linux/build-deb.sh", "linux/build-rpm.sh", "windows/build-msi.sh"] {
        run(Command::new("bash").arg("-n").arg(installer.join(script)));
    }
    for entry in ["linux/latchkey.desktop", "linux/latchkey-autostart.desktop"] {
        run(Command::new("desktop-file-validate").arg(installer.join(entry)));
    }
}

#[test]
fn policy_beats_environment_beats_user_beats_machine_for_every_key() {
    require_root_for_mounts();
    let dir = tempfile::tempdir().unwrap();
    let ca = |layer: &str| {
        let path = dir.path().join(format!("{layer}.pem"));
        std::fs::copy("/etc/ssl/certs/ca-certificates.crt", &path).unwrap();
        path.display().to_string()
    };
    let values = |layer: &str, flag: bool, lang: &str| {
        let updates = if flag { "auto" } else { "off" };
        let consent_mode = if flag { "allow" } else { "deny-unknown" };
        format!(
            "server_url = \"https://{layer}.example.com\"\nautostart = {flag}\nallow_sign_out = {flag}\nproxy = \"http://{layer}.example.com:3128\"\nextra_ca_file = \"{}\"\nlanguage = \"{lang}\"\nupdates = \"{updates}\"\nconsent_mode = \"{consent_mode}\"\nallowed_apps = \"/opt/{layer}/bin/app;sha256:{}\"\n",
            ca(layer),
            "ab".repeat(32)
        )
    };
    let etc = dir.path().join("etc");
    std::fs::create_dir_all(etc.join("policies")).unwrap();
    std::fs::write(etc.join("config.toml"), values("machine", true, "pl")).unwrap();
    std::fs::write(etc.join("policies/10-it.toml"), values("policy", false, "de")).unwrap();
    let home = dir.path().join("home");
    std::fs::create_dir_all(home.join("config/latchkey")).unwrap();
    std::fs::write(home.join("config/latchkey/settings.toml"), values("user", false, "it")).unwrap();
    let env_ca = ca("environment");
    let env: Vec<(&str, &str)> = vec![
        ("LATCHKEY_SERVER_URL", "https://environment.example.com"),
        ("LATCHKEY_AUTOSTART", "true"),
        ("LATCHKEY_ALLOW_SIGN_OUT", "true"),
        ("LATCHKEY_PROXY", "http://environment.example.com:3128"),
        ("LATCHKEY_EXTRA_CA_FILE", &env_ca),
        ("LATCHKEY_LANGUAGE", "fr"),
        ("LATCHKEY_UPDATES", "notify"),
        ("LATCHKEY_CONSENT_MODE", "prompt"),
        ("LATCHKEY_ALLOWED_APPS", "/opt/environment/bin/app"),
    ];
    let expect = |settings: &Value, layer: &str| {
        for key in latchkey_config::Key::ALL {
            assert_eq!(settings[key.name()]["source"], layer, "{}: {settings}", key.name());
        }
        assert_eq!(settings["ServerUrl"]["value"], format!("https://{layer}.example.com"));
        assert_eq!(settings["Proxy"]["value"], format!("http://{layer}.example.com:3128"));
    };
    expect(&settings_with(&etc, &env, &home), "policy");
    std::fs::remove_file(etc.join("policies/10-it.toml")).unwrap();
    expect(&settings_with(&etc, &env, &home), "environment");
    expect(&settings_with(&etc, &[], &home), "user");
    std::fs::remove_file(home.join("config/latchkey/settings.toml")).unwrap();
    let machine = settings_with(&etc, &[], &home);
    expect(&machine, "machine");
    assert_eq!(
        (machine["Language"]["value"].clone(), machine["AutoStart"]["value"].clone()),
        (serde_json::json!("pl"), serde_json::json!(true))
    );
}

/// The installers offer exactly the product's languages (protocol's `Language`, the one table the
/// window, tray, portal and mail read), in its order and with its names.
#[test]
fn the_installers_offer_the_products_languages() {
    let installer = workspace_root().join("installer");
    let admx = std::fs::read_to_string(installer.join("windows/admx/Latchkey.admx")).unwrap();
    let strings = std::fs::read_to_string(installer.join("windows/admx/en-US/Latchkey.adml")).unwrap();
    let templates = std::fs::read_to_string(installer.join("linux/debian/templates")).unwrap();
    let codes: Vec<&str> = latchkey_protocol::Language::ALL.iter().map(|l| l.code()).collect();
    // ADMX: `<item displayName="$(string.Language_en)"><value><string>en</string></value></item>`
    let items: Vec<(&str, &str)> = admx
        .split("<item displayName=\"$(string.Language_")
        .skip(1)
        .map(|item| (item.split(')').next().unwrap(), item.split("<string>").nth(1).unwrap().split('<').next().unwrap()))
        .collect();
    assert_eq!(items, codes.iter().map(|c| (*c, *c)).collect::<Vec<_>>(), "the Group Policy's Language choices");
    for language in latchkey_protocol::Language::ALL {
        let name = format!("<string id=\"Language_{}\">{}</string>", language.code(), language.endonym());
        assert!(strings.contains(&name), "the ADML names {} {}", language.code(), language.endonym());
    }
    assert_eq!(
        strings.matches("<string id=\"Language_").count() - 1,
        codes.len(),
        "no other language in the ADML (beside Language_Explain)"
    );
    let (last, others) = codes.split_last().unwrap();
    let listed = format!("Description: Language ({} or {last}):", others.join(", "));
    assert!(templates.contains(&listed), "the debconf question lists the languages: {listed}");
}
