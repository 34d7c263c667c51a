//! Where the agent's socket and cache live, and the checks on the socket's folder: created `0700`
//! when missing; refused when another user owns it, when it is group- or world-accessible, or when
//! it is a symbolic link (never repaired: a folder the agent did not make is not its to change).

use std::io;
use std::path::{Path, PathBuf};

/// Overrides the socket path for every client and the agent.
pub const SOCKET_ENV: &str = "LATCHKEY_AGENT_SOCKET";

/// The user id of this process.
#[cfg(unix)]
pub fn current_uid() -> u32 {
    rustix::process::getuid().as_raw()
}

/// The socket path of `local-api.md`, looked up through `env`.
pub fn socket_path(env: &dyn Fn(&str) -> Option<String>) -> PathBuf {
    if let Some(path) = env(SOCKET_ENV).filter(|p| !p.is_empty()) {
        return PathBuf::from(path);
    }
    if cfg!(target_os = "macos") {
        let home = env("HOME").unwrap_or_default();
        return Path::new(&home).join("Library/Application Support/Latchkey/agent.sock");
    }
    match env("XDG_RUNTIME_DIR").filter(|d| Path::new(d).is_absolute()) {
        Some(runtime) => Path::new(&runtime).join("latchkey").join("agent.sock"),
        #[cfg(unix)]
        None => PathBuf::from(format!("/tmp/latchkey-{}/agent.sock", current_uid())),
        #[cfg(not(unix))]
        None => PathBuf::from(r"\\.\pipe\latchkey-agent"),
    }
}

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

/// Why the socket's folder is refused.
#[derive(Debug, thiserror::Error)]
pub enum FolderError {
    #[error("{0} is a symbolic link; refusing to use it for the agent's socket")]
    Symlink(PathBuf),
    #[error("{0} is not a folder")]
    NotAFolder(PathBuf),
    #[error("{path} belongs to user {owner}, not to this user ({me}); refusing to use it")]
    OwnedByOther { path: PathBuf, owner: u32, me: u32 },
    #[error("{path} is accessible to other users (mode {mode:o}); it must be 0700 — refusing to use it (the agent does not change a folder it did not create)")]
    TooOpen { path: PathBuf, mode: u32 },
    #[error("cannot create {path}: {source}")]
    Create { path: PathBuf, source: io::Error },
    #[error("cannot inspect {path}: {source}")]
    Inspect { path: PathBuf, source: io::Error },
}

/// Makes sure `dir` is a private folder of this user: creates it `0700` when missing, refuses it
/// otherwise unless it already is one.
#[cfg(unix)]
pub fn ensure_private_folder(dir: &Path) -> Result<(), FolderError> {
    use std::os::unix::fs::{DirBuilderExt, MetadataExt};
    let me = current_uid();
    match std::fs::symlink_metadata(dir) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            if let Some(parent) = dir.parent() {
                std::fs::create_dir_all(parent).map_err(|source| FolderError::Create { path: parent.to_owned(), source })?;
            }
            match std::fs::DirBuilder::new().mode(0o700).create(dir) {
                Ok(()) => {}
                // Another process made it in between: check it like any existing folder.
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => return ensure_private_folder(dir),
                Err(source) => return Err(FolderError::Create { path: dir.to_owned(), source }),
            }
            Ok(())
        }
        Err(source) => Err(FolderError::Inspect { path: dir.to_owned(), source }),
        Ok(meta) if meta.file_type().is_symlink() => Err(FolderError::Symlink(dir.to_owned())),
        Ok(meta) if !meta.is_dir() => Err(FolderError::NotAFolder(dir.to_owned())),
        Ok(meta) if meta.uid() != me => Err(FolderError::OwnedByOther { path: dir.to_owned(), owner: meta.uid(), me }),
        Ok(meta) if meta.mode() & 0o077 != 0 => Err(FolderError::TooOpen { path: dir.to_owned(), mode: meta.mode() & 0o7777 }),
        Ok(_) => Ok(()),
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    #[test]
    fn socket_path_follows_the_contract() {
        let env = |name: &str| (name == "XDG_RUNTIME_DIR").then(|| "/run/user/1000".to_owned());
        if cfg!(target_os = "linux") {
            assert_eq!(socket_path(&env), Path::new("/run/user/1000/latchkey/agent.sock"));
            assert_eq!(socket_path(&|_| None), PathBuf::from(format!("/tmp/latchkey-{}/agent.sock", current_uid())));
        }
        let explicit = |name: &str| (name == SOCKET_ENV).then(|| "/x/agent.sock".to_owned());
        assert_eq!(socket_path(&explicit), Path::new("/x/agent.sock"));
    }

    #[test]
    fn a_missing_folder_is_made_private_and_open_or_linked_folders_are_refused() {
        let root = tempfile::tempdir().unwrap();
        let fresh = root.path().join("a/b/latchkey");
        ensure_private_folder(&fresh).unwrap();
        assert_eq!(std::fs::metadata(&fresh).unwrap().permissions().mode() & 0o777, 0o700);
        ensure_private_folder(&fresh).unwrap();

        let open = root.path().join("open");
        std::fs::create_dir(&open).unwrap();
        std::fs::set_permissions(&open, std::fs::Permissions::from_mode(0o755)).unwrap();
        assert!(matches!(ensure_private_folder(&open), Err(FolderError::TooOpen { mode: 0o755, .. })));
        assert_eq!(std::fs::metadata(&open).unwrap().permissions().mode() & 0o777, 0o755, "never repaired");

        let link = root.path().join("link");
        std::os::unix::fs::symlink(&fresh, &link).unwrap();
        assert!(matches!(ensure_private_folder(&link), Err(FolderError::Symlink(_))));

        let file = root.path().join("file");
        std::fs::write(&file, "").unwrap();
        assert!(matches!(ensure_private_folder(&file), Err(FolderError::NotAFolder(_))));
    }
}
