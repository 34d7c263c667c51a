//! This computer's side of installing: which platform's installers it takes, which version of a
//! package is installed (dpkg, rpm, the Windows uninstall registry keys, macOS receipts), and
//! running the platform's installer (the package manager through polkit, msiexec, `installer`).
//!
//! `LATCHKEY_INSTALL_ROOT` installs Debian and RPM packages into that folder (`dpkg --root`,
//! `rpm --root`) instead of the system, without privileges: for building images, and for the
//! tests, which install for real into a throwaway root.

use std::path::{Path, PathBuf};
use std::process::Stdio;

use latchkey_protocol::delivery::Platform;
use tokio::process::Command;

/// Where packages go.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Target {
    /// The running system, through its package manager (elevated by polkit, UAC or an
    /// administrator's password).
    System,
    /// A folder holding a Debian or RPM database (`LATCHKEY_INSTALL_ROOT`).
    Root(PathBuf),
}

impl Target {
    pub fn from_env(env: &dyn Fn(&str) -> Option<String>) -> Target {
        env("LATCHKEY_INSTALL_ROOT").filter(|r| Path::new(r).is_absolute()).map_or(Target::System, |r| Target::Root(r.into()))
    }
}

/// The platform whose installers this computer takes, if Latchkey can install here.
pub fn this_platform() -> Option<Platform> {
    if cfg!(windows) {
        return Some(if cfg!(target_arch = "x86") && std::env::var_os("PROCESSOR_ARCHITEW6432").is_none() {
            Platform::WindowsX86
        } else {
            Platform::WindowsX64
        });
    }
    if cfg!(target_os = "macos") {
        return Some(Platform::MacosUniversalPkg);
    }
    if !cfg!(all(target_os = "linux", target_arch = "x86_64")) {
        return None;
    }
    if Path::new("/var/lib/dpkg/status").exists() {
        Some(Platform::LinuxX64Deb)
    } else if Path::new("/var/lib/rpm").exists() || Path::new("/usr/lib/sysimage/rpm").exists() {
        Some(Platform::LinuxX64Rpm)
    } else {
        None
    }
}

/// The installed version of `package_id`, or `None` (not installed, or the platform cannot tell).
pub async fn installed_version(target: &Target, platform: Platform, package_id: &str) -> Option<String> {
    let output = match platform {
        Platform::LinuxX64Deb => {
            let mut command = Command::new("dpkg-query");
            if let Target::Root(root) = target {
                command.arg(format!("--admindir={}", root.join("var/lib/dpkg").display()));
            }
            command.args(["-W", "-f=${db:Status-Abbrev}|${Version}", "--", package_id]);
            let text = run_quiet(command).await?;
            // `ii ` is installed; `rc ` (removed, configuration left) and others are not.
            let (status, version) = text.split_once('|')?;
            return status.starts_with("ii").then(|| upstream_version(version.trim()).to_owned()).filter(|v| !v.is_empty());
        }
        Platform::LinuxX64Rpm => {
            let mut command = Command::new("rpm");
            if let Target::Root(root) = target {
                command.arg("--root").arg(root);
            }
            // The upstream version, as releases are published (the release number is the packager's).
            command.args(["-q", "--qf", "%{VERSION}", "--", package_id]);
            run_quiet(command).await?
        }
        Platform::MacosUniversalPkg => {
            let mut command = Command::new("pkgutil");
            command.args(["--pkg-info", package_id]);
            let text = run_quiet(command).await?;
            return text.lines().find_map(|l| l.strip_prefix("version: ")).map(|v| v.trim().to_owned());
        }
        Platform::WindowsX64 | Platform::WindowsX86 => return windows_installed_version(package_id),
    };
    Some(output.trim().to_owned()).filter(|v| !v.is_empty())
}

/// A Debian version without its epoch and packaging revision (`1:2.0-3` → `2.0`), as releases
/// are published and compared.
fn upstream_version(version: &str) -> &str {
    let version = version.split_once(':').map_or(version, |(_, rest)| rest);
    version.rsplit_once('-').map_or(version, |(upstream, _)| upstream)
}

/// Standard output of a successful command; `None` for a failure or a missing program.
async fn run_quiet(mut command: Command) -> Option<String> {
    let output = command.stdin(Stdio::null()).stderr(Stdio::null()).output().await.ok()?;
    output.status.success().then(|| String::from_utf8_lossy(&output.stdout).into_owned())
}

#[cfg(windows)]
fn windows_installed_version(display_name: &str) -> Option<String> {
    use winreg::enums::{HKEY_CURRENT_USER, HKEY_LOCAL_MACHINE, KEY_READ, KEY_WOW64_32KEY, KEY_WOW64_64KEY};
    use winreg::RegKey;
    const UNINSTALL: &str = r"Software\Microsoft\Windows\CurrentVersion\Uninstall";
    let views =
        [(HKEY_LOCAL_MACHINE, KEY_READ | KEY_WOW64_64KEY), (HKEY_LOCAL_MACHINE, KEY_READ | KEY_WOW64_32KEY), (HKEY_CURRENT_USER, KEY_READ)];
    for (hive, flags) in views {
        let Ok(uninstall) = RegKey::predef(hive).open_subkey_with_flags(UNINSTALL, flags) else { continue };
        for name in uninstall.enum_keys().flatten() {
            let Ok(entry) = uninstall.open_subkey_with_flags(&name, flags) else { continue };
            if entry.get_value::<String, _>("DisplayName").is_ok_and(|n| n == display_name) {
                if let Ok(version) = entry.get_value::<String, _>("DisplayVersion") {
                    return Some(version);
                }
            }
        }
    }
    None
}

#[cfg(not(windows))]
fn windows_installed_version(_display_name: &str) -> Option<String> {
    None
}

/// Runs the platform's installer on a verified `file`. On failure, a package that was not
/// installed before is removed again, so a failed first install leaves nothing behind (a failed
/// upgrade is unwound by the package manager itself). The error is what the installer said.
pub async fn install(target: &Target, platform: Platform, file: &Path, package_id: &str) -> Result<(), String> {
    let was_installed = installed_version(target, platform, package_id).await.is_some();
    let mut command = match (platform, target) {
        (Platform::LinuxX64Deb, Target::Root(root)) => {
            let mut c = Command::new("dpkg");
            c.arg(format!("--root={}", root.display())).args(["--force-not-root", "--force-script-chrootless", "-i"]).arg(file);
            c
        }
        (Platform::LinuxX64Deb, Target::System) => {
            // apt resolves the package's dependencies; polkit asks for an administrator.
            let mut c = Command::new("pkexec");
            c.args(["apt-get", "install", "--yes", "--allow-downgrades"]).arg(file);
            c
        }
        (Platform::LinuxX64Rpm, Target::Root(root)) => {
            let mut c = Command::new("rpm");
            c.arg("--root").arg(root).args(["--nodeps", "-U", "--oldpackage"]).arg(file);
            c
        }
        (Platform::LinuxX64Rpm, Target::System) => {
            let mut c = Command::new("pkexec");
            c.args(["dnf", "install", "--assumeyes"]).arg(file);
            c
        }
        (Platform::WindowsX64 | Platform::WindowsX86, _) => {
            // A progress bar without questions; Windows asks for elevation (UAC) when the package
            // installs for the machine.
            let mut c = Command::new("msiexec");
            c.arg("/i").arg(file).args(["/qb!", "/norestart"]);
            c
        }
        (Platform::MacosUniversalPkg, _) => {
            let script = format!(
                "do shell script \"/usr/sbin/installer -pkg \" & quoted form of \"{}\" & \" -target /\" with administrator privileges",
                file.display().to_string().replace('\\', "\\\\").replace('"', "\\\"")
            );
            let mut c = Command::new("osascript");
            c.args(["-e", &script]);
            c
        }
    };
    let output =
        command.stdin(Stdio::null()).output().await.map_err(|e| format!("cannot run the installer ({}): {e}", command_name(&command)))?;
    // msiexec: 3010 is success with a restart needed.
    let succeeded =
        output.status.success() || (matches!(platform, Platform::WindowsX64 | Platform::WindowsX86) && output.status.code() == Some(3010));
    if succeeded {
        return Ok(());
    }
    let said = last_lines(&String::from_utf8_lossy(&output.stderr), &String::from_utf8_lossy(&output.stdout));
    let mut error = format!("{} failed ({}): {said}", command_name(&command), output.status);
    let left_behind = installed_version(target, platform, package_id).await.is_some() || half_installed(target, platform, package_id).await;
    if !was_installed && left_behind {
        match remove(target, platform, package_id).await {
            Ok(()) => error.push_str("; the partly installed package was removed"),
            Err(e) => error = format!("{error}; removing the partly installed package failed too: {e}"),
        }
    }
    Err(error)
}

/// A Debian package left unpacked or half-configured by a failed first install.
async fn half_installed(target: &Target, platform: Platform, package_id: &str) -> bool {
    if platform != Platform::LinuxX64Deb {
        return false;
    }
    let mut command = Command::new("dpkg-query");
    if let Target::Root(root) = target {
        command.arg(format!("--admindir={}", root.join("var/lib/dpkg").display()));
    }
    command.args(["-W", "-f=${db:Status-Abbrev}", "--", package_id]);
    run_quiet(command).await.is_some_and(|status| {
        let status = status.trim();
        !status.is_empty() && !status.starts_with("ii") && !status.starts_with("un") && !status.starts_with('n')
    })
}

async fn remove(target: &Target, platform: Platform, package_id: &str) -> Result<(), String> {
    let mut command = match (platform, target) {
        (Platform::LinuxX64Deb, Target::Root(root)) => {
            let mut c = Command::new("dpkg");
            c.arg(format!("--root={}", root.display())).args([
                "--force-not-root",
                "--force-script-chrootless",
                "--force-remove-reinstreq",
                "--purge",
                package_id,
            ]);
            c
        }
        (Platform::LinuxX64Deb, Target::System) => {
            let mut c = Command::new("pkexec");
            c.args(["dpkg", "--force-remove-reinstreq", "--purge", "--", package_id]);
            c
        }
        (Platform::LinuxX64Rpm, Target::Root(root)) => {
            let mut c = Command::new("rpm");
            c.arg("--root").arg(root).args(["-e", "--nodeps", "--", package_id]);
            c
        }
        (Platform::LinuxX64Rpm, Target::System) => {
            let mut c = Command::new("pkexec");
            c.args(["rpm", "-e", "--", package_id]);
            c
        }
        // msiexec rolls a failed installation back itself; macOS packages have no uninstaller.
        _ => return Ok(()),
    };
    let output = command.stdin(Stdio::null()).output().await.map_err(|e| e.to_string())?;
    if output.status.success() {
        Ok(())
    } else {
        Err(last_lines(&String::from_utf8_lossy(&output.stderr), ""))
    }
}

fn command_name(command: &Command) -> String {
    let std = command.as_std();
    let program = std.get_program().to_string_lossy().into_owned();
    // pkexec's program is the one that matters.
    if program == "pkexec" {
        if let Some(first) = std.get_args().next() {
            return first.to_string_lossy().into_owned();
        }
    }
    program
}

/// The installer's last words, short enough for a window.
fn last_lines(stderr: &str, stdout: &str) -> String {
    let text = if stderr.trim().is_empty() { stdout } else { stderr };
    let lines: Vec<&str> = text.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
    let tail = lines[lines.len().saturating_sub(6)..].join(" / ");
    if tail.is_empty() {
        "no message".into()
    } else {
        tail.chars().take(600).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_install_root_is_an_absolute_folder() {
        let root = |value: &'static str| move |name: &str| (name == "LATCHKEY_INSTALL_ROOT").then(|| value.to_owned());
        assert_eq!(Target::from_env(&root("/tmp/root")), Target::Root("/tmp/root".into()));
        assert_eq!(Target::from_env(&root("relative")), Target::System);
        assert_eq!(Target::from_env(&|_: &str| None), Target::System);
    }

    #[test]
    fn debian_epochs_and_revisions_are_not_part_of_the_version() {
        assert_eq!(upstream_version("1:2.0-3"), "2.0");
        assert_eq!(upstream_version("2027.1.0"), "2027.1.0");
        assert_eq!(upstream_version("2.0-1ubuntu2"), "2.0");
    }

    #[test]
    fn an_installers_last_words_are_kept_short() {
        assert_eq!(last_lines("a\n\nb\nc\nd\ne\nf\ng\n", "ignored"), "b / c / d / e / f / g");
        assert_eq!(last_lines("  ", "only stdout"), "only stdout");
        assert_eq!(last_lines("", ""), "no message");
        assert_eq!(last_lines(&"x".repeat(2000), "").len(), 600);
    }
}
