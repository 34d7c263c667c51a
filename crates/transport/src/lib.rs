//! The local API's platform transport, shared by the agent (which listens) and every client
//! (which connects): where the socket or pipe is, how it is made private, and who is on the other
//! end. Unix sockets on Linux and macOS (`unix.rs`); a named pipe on Windows (`windows.rs`).
//! Both directions check the peer: the agent refuses callers of another user, and clients refuse
//! an agent of another user before sending anything.

use std::path::PathBuf;

#[cfg(target_os = "macos")]
mod macos;
#[cfg(unix)]
pub mod unix;
#[cfg(windows)]
pub mod windows;

#[cfg(unix)]
pub use unix::{connect, current_uid, ensure_private_folder, FolderError, Listener, Stream};
#[cfg(windows)]
pub use windows::{connect, Listener, Stream};

/// Overrides the socket path (or pipe name) for every client and the agent.
pub const SOCKET_ENV: &str = "LATCHKEY_AGENT_SOCKET";

/// Who is on the other end of a connection, from the kernel.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Peer {
    /// Whether the peer runs as this process's user.
    pub same_user: bool,
    /// The peer's user: a uid on Unix, a SID on Windows (for the log).
    pub user: Option<String>,
    pub pid: Option<u32>,
    /// The peer's executable, when the OS tells (for the log).
    pub exe: Option<String>,
}

impl Peer {
    /// A peer whose credentials could not be read: refused.
    pub fn unknown() -> Peer {
        Peer { same_user: false, user: None, pid: None, exe: None }
    }
}

/// Why the agent could not take the socket.
#[derive(Debug, thiserror::Error)]
pub enum BindError {
    #[cfg(unix)]
    #[error(transparent)]
    Folder(#[from] FolderError),
    /// Another agent of this user holds the socket.
    #[error("another Latchkey agent is already running for this user on {0}")]
    AlreadyRunning(PathBuf),
    #[error("{0} exists and is not a socket of this user; refusing to replace it")]
    NotOurSocket(PathBuf),
    #[error("cannot bind {path}: {source}")]
    Io { path: PathBuf, source: std::io::Error },
}

/// Why a client could not talk to the agent.
#[derive(Debug, thiserror::Error)]
pub enum ConnectError {
    /// Nothing listens (no socket, or a stale one).
    #[error("no agent listens on {0}")]
    NotRunning(PathBuf),
    /// The agent runs as another user: nothing was sent.
    #[error("the agent on {path} runs as {user}, not as this user")]
    ForeignAgent { path: PathBuf, user: String },
    #[error("cannot connect to {path}: {source}")]
    Io { path: PathBuf, source: std::io::Error },
}

/// The contract's place for the agent of this user, looked up through `env`: the Unix socket path,
/// or on Windows the pipe name `\\.\pipe\latchkey-agent-<SID>`.
pub fn default_path(env: &dyn Fn(&str) -> Option<String>) -> PathBuf {
    if let Some(path) = env(SOCKET_ENV).filter(|p| !p.is_empty()) {
        return PathBuf::from(path);
    }
    #[cfg(windows)]
    {
        windows::default_pipe_name()
    }
    #[cfg(not(windows))]
    {
        use std::path::Path;
        if cfg!(target_os = "macos") {
            let home = env("HOME").unwrap_or_default();
            return Path::new(&home).join("Library/Application Support/Latchkey/agent.sock");
        }
        match env("XDG_RUNTIME_DIR").filter(|d| Path::new(d).is_absolute()) {
            Some(runtime) => Path::new(&runtime).join("latchkey").join("agent.sock"),
            None => PathBuf::from(format!("/tmp/latchkey-{}/agent.sock", unix::current_uid())),
        }
    }
}

/// [`default_path`] with the process environment.
pub fn default_path_from_process() -> PathBuf {
    default_path(&|name| std::env::var(name).ok())
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::path::Path;

    #[test]
    fn the_socket_path_follows_the_contract() {
        let env = |name: &str| (name == "XDG_RUNTIME_DIR").then(|| "/run/user/1000".to_owned());
        if cfg!(target_os = "linux") {
            assert_eq!(default_path(&env), Path::new("/run/user/1000/latchkey/agent.sock"));
            assert_eq!(default_path(&|_| None), PathBuf::from(format!("/tmp/latchkey-{}/agent.sock", current_uid())));
            let relative = |name: &str| (name == "XDG_RUNTIME_DIR").then(|| "run".to_owned());
            assert!(default_path(&relative).starts_with("/tmp"), "a relative XDG_RUNTIME_DIR is ignored");
        }
        let explicit = |name: &str| (name == SOCKET_ENV).then(|| "/x/agent.sock".to_owned());
        assert_eq!(default_path(&explicit), Path::new("/x/agent.sock"));
    }
}
