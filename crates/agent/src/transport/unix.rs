//! The local API's Unix-socket transport: one agent per user (a lock file beside the socket),
//! a private folder, a `0600` socket, a stale socket replaced, and the peer's credentials read
//! from the kernel for every connection.

use std::fs::{File, OpenOptions, TryLockError};
use std::io;
use std::os::unix::fs::{FileTypeExt, MetadataExt, OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};

use tokio::net::{UnixListener, UnixStream};

use crate::api::Peer;
use crate::paths::{current_uid, ensure_private_folder, FolderError};

#[derive(Debug, thiserror::Error)]
pub enum BindError {
    #[error(transparent)]
    Folder(#[from] FolderError),
    /// Another agent of this user holds the socket.
    #[error("another Latchkey agent is already running for this user on {0}")]
    AlreadyRunning(PathBuf),
    #[error("{0} exists and is not a socket of this user; refusing to replace it")]
    NotOurSocket(PathBuf),
    #[error("cannot bind {path}: {source}")]
    Io { path: PathBuf, source: io::Error },
}

/// The bound socket. The lock it holds is released when it is dropped (or the process dies), so a
/// crashed agent never blocks the next one.
pub struct SocketListener {
    pub listener: UnixListener,
    pub path: PathBuf,
    _lock: File,
}

fn lock_path(socket: &Path) -> PathBuf {
    socket.with_extension("lock")
}

/// Takes the socket at `path` for this agent: refuses while another agent holds it, replaces a
/// stale one.
pub fn bind(path: &Path) -> Result<SocketListener, BindError> {
    let io_error = |source| BindError::Io { path: path.to_owned(), source };
    let dir = path.parent().ok_or_else(|| BindError::NotOurSocket(path.to_owned()))?;
    ensure_private_folder(dir)?;
    let lock =
        OpenOptions::new().read(true).write(true).create(true).truncate(false).mode(0o600).open(lock_path(path)).map_err(io_error)?;
    match lock.try_lock() {
        Ok(()) => {}
        Err(TryLockError::WouldBlock) => return Err(BindError::AlreadyRunning(path.to_owned())),
        Err(TryLockError::Error(e)) => return Err(io_error(e)),
    }
    // We hold the lock: whatever socket is there was left by an agent that is gone.
    match std::fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_socket() && meta.uid() == current_uid() => {
            tracing::info!(path = %path.display(), "replacing the stale socket of an agent that is gone");
            std::fs::remove_file(path).map_err(io_error)?;
        }
        Ok(_) => return Err(BindError::NotOurSocket(path.to_owned())),
        Err(e) if e.kind() == io::ErrorKind::NotFound => {}
        Err(e) => return Err(io_error(e)),
    }
    let listener = UnixListener::bind(path).map_err(io_error)?;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600)).map_err(io_error)?;
    Ok(SocketListener { listener, path: path.to_owned(), _lock: lock })
}

impl SocketListener {
    /// Removes the socket file; the lock goes with `self`.
    pub fn release(self) {
        let _ = std::fs::remove_file(&self.path);
    }
}

/// The peer's user and process, from `SO_PEERCRED` (Linux) or `getpeereid` (macOS).
pub fn peer_of(stream: &UnixStream) -> Peer {
    match stream.peer_cred() {
        Ok(cred) => {
            let pid = cred.pid();
            Peer { uid: Some(cred.uid()), pid, exe: pid.and_then(executable_of) }
        }
        Err(e) => {
            tracing::warn!(error = %e, "cannot read the peer's credentials; the caller is refused");
            Peer { uid: None, pid: None, exe: None }
        }
    }
}

fn executable_of(pid: i32) -> Option<String> {
    if cfg!(target_os = "linux") {
        std::fs::read_link(format!("/proc/{pid}/exe")).ok().map(|p| p.display().to_string())
    } else {
        None
    }
}

/// Whether an agent answers on `path` (a connection is accepted).
pub async fn is_live(path: &Path) -> bool {
    UnixStream::connect(path).await.is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn one_agent_per_socket_and_a_stale_socket_is_replaced() {
        let root = tempfile::tempdir().unwrap();
        let dir = root.path().join("latchkey");
        let path = dir.join("agent.sock");
        let first = bind(&path).unwrap();
        assert_eq!(std::fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o600);
        assert_eq!(std::fs::metadata(&dir).unwrap().permissions().mode() & 0o777, 0o700);
        assert!(matches!(bind(&path), Err(BindError::AlreadyRunning(_))));
        assert!(is_live(&path).await);

        // A crash: the lock goes with the process, the socket file stays behind.
        drop(first);
        assert!(path.exists());
        assert!(!is_live(&path).await);
        let second = bind(&path).unwrap();
        assert!(is_live(&path).await);
        second.release();
        assert!(!path.exists());
    }

    #[tokio::test]
    async fn a_file_in_the_sockets_place_is_not_replaced() {
        let root = tempfile::tempdir().unwrap();
        let dir = root.path().join("latchkey");
        std::fs::create_dir(&dir).unwrap();
        std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o700)).unwrap();
        std::fs::write(dir.join("agent.sock"), "precious").unwrap();
        assert!(matches!(bind(&dir.join("agent.sock")), Err(BindError::NotOurSocket(_))));
        assert_eq!(std::fs::read_to_string(dir.join("agent.sock")).unwrap(), "precious");
    }
}
