//! Start at login. The per-user entry (an XDG autostart file, an `HKCU\…\Run` value, a `LaunchAgent`)
//! is made through the `auto-launch` crate and starts the app with `--autostart`, its executable
//! path quoted. A machine-wide entry made by an installer is respected, not duplicated: with one,
//! no per-user entry is made (and one left from before is removed). Either entry only starts the
//! app; the app then exits at once when the effective `AutoStart` is off, so the setting (and a
//! policy that enforces it) decides even where the entry is the installer's.

use std::path::{Path, PathBuf};

/// The per-user entry's name (`~/.config/autostart/Latchkey.desktop` on Linux).
const USER_ENTRY: &str = "Latchkey";

/// The file an installer puts in a system autostart folder (`/etc/xdg/autostart` on Linux).
pub const MACHINE_ENTRY_FILE: &str = "latchkey.desktop";

/// Where a machine-wide entry would be, when there is one.
pub fn machine_wide_entry() -> Option<PathBuf> {
    machine_wide_entry_in(&|name| std::env::var(name).ok())
}

fn machine_wide_entry_in(env: &dyn Fn(&str) -> Option<String>) -> Option<PathBuf> {
    if cfg!(target_os = "macos") {
        let agent = PathBuf::from("/Library/LaunchAgents/com.latchkey.client.plist");
        return agent.exists().then_some(agent);
    }
    if cfg!(windows) {
        return windows_machine_entry();
    }
    // XDG autostart: every folder of $XDG_CONFIG_DIRS (default /etc/xdg) has an `autostart` folder.
    let dirs = env("XDG_CONFIG_DIRS").filter(|d| !d.is_empty()).unwrap_or_else(|| "/etc/xdg".into());
    dirs.split(':')
        .filter(|d| Path::new(d).is_absolute())
        .map(|d| Path::new(d).join("autostart").join(MACHINE_ENTRY_FILE))
        .find(|p| p.exists())
}

#[cfg(windows)]
fn windows_machine_entry() -> Option<PathBuf> {
    let run =
        winreg::RegKey::predef(winreg::enums::HKEY_LOCAL_MACHINE).open_subkey(r"Software\Microsoft\Windows\CurrentVersion\Run").ok()?;
    run.get_value::<String, _>("Latchkey").ok().map(|_| PathBuf::from(r"HKLM\Software\Microsoft\Windows\CurrentVersion\Run\Latchkey"))
}

#[cfg(not(windows))]
fn windows_machine_entry() -> Option<PathBuf> {
    None
}

/// The executable as the entry names it: quoted where the entry is a command line (Linux, Windows),
/// as is where it is an argument list (macOS).
pub fn quoted_executable(path: &str) -> String {
    if cfg!(target_os = "macos") {
        path.to_owned()
    } else if cfg!(windows) {
        format!("\"{path}\"")
    } else {
        // Desktop Entry `Exec`: inside double quotes, `"`, `` ` ``, `$` and `\` take a backslash,
        // which the string-level escaping of the file doubles; `%` is written `%%`.
        let mut quoted = String::from("\"");
        for c in path.chars() {
            match c {
                '"' | '`' | '$' | '\\' => {
                    quoted.push_str("\\\\");
                    quoted.push(c);
                }
                '%' => quoted.push_str("%%"),
                c => quoted.push(c),
            }
        }
        quoted.push('"');
        quoted
    }
}

/// The per-user entry: `auto-launch` on Linux and macOS; on Windows, only `HKCU\…\Run\Latchkey`
/// (`WindowsUserEntry`), because `auto-launch` there writes and deletes the machine's `HKLM` value
/// of the same name when it can, which would remove the installer's own entry (seen under Wine).
trait UserEntry {
    fn is_enabled(&self) -> Result<bool, String>;
    fn enable(&self) -> Result<(), String>;
    fn disable(&self) -> Result<(), String>;
}

fn executable() -> Result<String, String> {
    let exe = std::env::current_exe().map_err(|e| format!("cannot find this program's path: {e}"))?;
    exe.to_str().map(str::to_owned).ok_or_else(|| "this program's path is not valid UTF-8".to_owned())
}

#[cfg(not(windows))]
impl UserEntry for auto_launch::AutoLaunch {
    fn is_enabled(&self) -> Result<bool, String> {
        auto_launch::AutoLaunch::is_enabled(self).map_err(|e| e.to_string())
    }
    fn enable(&self) -> Result<(), String> {
        auto_launch::AutoLaunch::enable(self).map_err(|e| e.to_string())
    }
    fn disable(&self) -> Result<(), String> {
        auto_launch::AutoLaunch::disable(self).map_err(|e| e.to_string())
    }
}

#[cfg(not(windows))]
fn user_entry() -> Result<impl UserEntry, String> {
    auto_launch::AutoLaunchBuilder::new()
        .set_app_name(USER_ENTRY)
        .set_app_path(&quoted_executable(&executable()?))
        .set_args(&["--autostart"])
        .build()
        .map_err(|e| e.to_string())
}

#[cfg(windows)]
struct WindowsUserEntry {
    command: String,
}

#[cfg(windows)]
const RUN_KEY: &str = r"Software\Microsoft\Windows\CurrentVersion\Run";

#[cfg(windows)]
impl UserEntry for WindowsUserEntry {
    fn is_enabled(&self) -> Result<bool, String> {
        let user = winreg::RegKey::predef(winreg::enums::HKEY_CURRENT_USER);
        Ok(user.open_subkey(RUN_KEY).is_ok_and(|run| run.get_value::<String, _>(USER_ENTRY).is_ok()))
    }
    fn enable(&self) -> Result<(), String> {
        let user = winreg::RegKey::predef(winreg::enums::HKEY_CURRENT_USER);
        let (run, _) = user.create_subkey(RUN_KEY).map_err(|e| format!("HKCU\\{RUN_KEY}: {e}"))?;
        run.set_value(USER_ENTRY, &self.command).map_err(|e| format!("HKCU\\{RUN_KEY}\\{USER_ENTRY}: {e}"))
    }
    fn disable(&self) -> Result<(), String> {
        let user = winreg::RegKey::predef(winreg::enums::HKEY_CURRENT_USER);
        let Ok(run) = user.open_subkey_with_flags(RUN_KEY, winreg::enums::KEY_SET_VALUE) else { return Ok(()) };
        match run.delete_value(USER_ENTRY) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(format!("HKCU\\{RUN_KEY}\\{USER_ENTRY}: {e}")),
            _ => Ok(()),
        }
    }
}

#[cfg(windows)]
fn user_entry() -> Result<impl UserEntry, String> {
    Ok(WindowsUserEntry { command: format!("{} --autostart", quoted_executable(&executable()?)) })
}

/// Whether a per-user entry exists.
pub fn user_entry_exists() -> bool {
    user_entry().and_then(|entry| entry.is_enabled()).unwrap_or(false)
}

/// Makes the per-user entry agree with `enabled` (the effective `AutoStart`) and with a
/// machine-wide entry, if any. Failures are logged: start at login is a convenience.
pub fn follow_setting(enabled: bool) {
    if let Err(e) = try_follow_setting(enabled) {
        tracing::warn!(error = %e, "cannot update the start-at-login entry");
    }
}

fn try_follow_setting(enabled: bool) -> Result<(), String> {
    let entry = user_entry()?;
    let exists = entry.is_enabled()?;
    let machine = machine_wide_entry();
    match (enabled && machine.is_none(), exists) {
        (true, _) => entry.enable(),
        (false, true) => {
            if let Some(machine) = machine {
                tracing::info!(entry = %machine.display(), "a machine-wide start-at-login entry exists: removing the per-user one");
            }
            entry.disable()
        }
        (false, false) => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[cfg(target_os = "linux")]
    fn the_desktop_entry_quotes_the_path_and_escapes_what_the_spec_reserves() {
        assert_eq!(quoted_executable("/opt/Latchkey App/latchkey-desktop"), "\"/opt/Latchkey App/latchkey-desktop\"");
        assert_eq!(quoted_executable("/home/a$b/100%/x\"y"), "\"/home/a\\\\$b/100%%/x\\\\\"y\"");
    }

    #[test]
    #[cfg(target_os = "linux")]
    fn a_machine_wide_entry_is_found_in_any_xdg_config_dir() {
        let root = tempfile::tempdir().unwrap();
        let (first, second) = (root.path().join("a"), root.path().join("b"));
        std::fs::create_dir_all(second.join("autostart")).unwrap();
        let dirs = format!("{}:{}:relative", first.display(), second.display());
        let env = |name: &str| (name == "XDG_CONFIG_DIRS").then(|| dirs.clone());
        assert_eq!(machine_wide_entry_in(&env), None);
        std::fs::write(second.join("autostart").join(MACHINE_ENTRY_FILE), "[Desktop Entry]\n").unwrap();
        assert_eq!(machine_wide_entry_in(&env), Some(second.join("autostart").join(MACHINE_ENTRY_FILE)));
    }
}
