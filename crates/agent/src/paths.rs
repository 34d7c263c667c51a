//! Where the agent keeps its cache. (The socket's place and checks are `latchkey-transport`'s.)

use std::path::{Path, PathBuf};

/// The process environment, as `socket_path` and the configuration read it.
pub fn process_env(name: &str) -> Option<String> {
    std::env::var(name).ok()
}

/// The folder for the cached signed entitlements: `$XDG_STATE_HOME/latchkey` (default
/// `~/.local/state/latchkey`); macOS `~/Library/Application Support/Latchkey`; Windows
/// `%LOCALAPPDATA%\Latchkey`. It never holds a token.
pub fn state_dir(env: &dyn Fn(&str) -> Option<String>) -> Option<PathBuf> {
    if cfg!(windows) {
        return env("LOCALAPPDATA").map(|d| Path::new(&d).join("Latchkey"));
    }
    let home = env("HOME").filter(|h| !h.is_empty());
    if cfg!(target_os = "macos") {
        return home.map(|h| Path::new(&h).join("Library/Application Support/Latchkey"));
    }
    env("XDG_STATE_HOME")
        .filter(|d| Path::new(d).is_absolute())
        .map(|d| Path::new(&d).join("latchkey"))
        .or_else(|| home.map(|h| Path::new(&h).join(".local/state/latchkey")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_state_folder_follows_xdg() {
        if !cfg!(target_os = "linux") {
            return;
        }
        let env = |name: &str| match name {
            "HOME" => Some("/home/ada".to_owned()),
            "XDG_STATE_HOME" => Some("/home/ada/.st".to_owned()),
            _ => None,
        };
        assert_eq!(state_dir(&env).as_deref(), Some(Path::new("/home/ada/.st/latchkey")));
        let home_only = |name: &str| (name == "HOME").then(|| "/home/ada".to_owned());
        assert_eq!(state_dir(&home_only).as_deref(), Some(Path::new("/home/ada/.local/state/latchkey")));
    }
}
