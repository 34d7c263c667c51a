//! Unix sockets (Linux, macOS): a private `0700` folder (created when missing; refused when another
//! user owns it, when it is group- or world-accessible, or when it is a symbolic link — never
//! repaired: a folder the agent did not make is not its to change), a `0600` socket, one agent per
//! user through a lock file beside the socket, a stale socket replaced, and the peer's credentials
//! (`SO_PEERCRED`, `getpeereid`) read on every connection, in both directions.

use std::fs::{File, OpenOptions, TryLockError};
use std::io;
use std::os::unix::fs::{DirBuilderExt, FileTypeExt, MetadataExt, OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};

use tokio::net::UnixStream;

use crate::{BindError, ConnectError, Peer};

/// A connection on the socket.
pub type Stream = UnixStream;

/// The user id of this process.
pub fn current_uid() -> u32 {
    rustix::process::getuid().as_raw()
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
pub fn ensure_private_folder(dir: &Path) -> Result<(), FolderError> {
    let me = current_uid();
    match std::fs::symlink_metadata(dir) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            if let Some(parent) = dir.parent() {
                std::fs::create_dir_all(parent).map_err(|source| FolderError::Create { path: parent.to_owned(), source })?;
            }
            match std::fs::DirBuilder::new().mode(0o700).create(dir) {
                Ok(()) => Ok(()),
                // Another process made it in between: check it like any existing folder.
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => ensure_private_folder(dir),
                Err(source) => Err(FolderError::Create { path: dir.to_owned(), source }),
            }
        }
        Err(source) => Err(FolderError::Inspect { path: dir.to_owned(), source }),
        Ok(meta) if meta.file_type().is_symlink() => Err(FolderError::Symlink(dir.to_owned())),
        Ok(meta) if !meta.is_dir() => Err(FolderError::NotAFolder(dir.to_owned())),
        Ok(meta) if meta.uid() != me => Err(FolderError::OwnedByOther { path: dir.to_owned(), owner: meta.uid(), me }),
        Ok(meta) if meta.mode() & 0o077 != 0 => Err(FolderError::TooOpen { path: dir.to_owned(), mode: meta.mode() & 0o7777 }),
        Ok(_) => Ok(()),
    }
}

/// The bound socket. The lock it holds is released when it is dropped (or the process dies), so a
/// crashed agent never blocks the next one.
pub struct Listener {
    socket: tokio::net::UnixListener,
    path: PathBuf,
    _lock: File,
}

impl Listener {
    /// Takes the socket at `path` for this agent: refuses while another agent holds it, replaces a
    /// stale one.
    pub fn bind(path: &Path) -> Result<Listener, BindError> {
        let io_error = |source| BindError::Io { path: path.to_owned(), source };
        let dir = path.parent().ok_or_else(|| BindError::NotOurSocket(path.to_owned()))?;
        ensure_private_folder(dir)?;
        let lock = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .mode(0o600)
            .open(path.with_extension("lock"))
            .map_err(io_error)?;
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
        let listener = tokio::net::UnixListener::bind(path).map_err(io_error)?;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600)).map_err(io_error)?;
        Ok(Listener { socket: listener, path: path.to_owned(), _lock: lock })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The next connection and who made it.
    pub async fn accept(&mut self) -> io::Result<(Stream, Peer)> {
        let (stream, _) = self.socket.accept().await?;
        let peer = peer_of(&stream);
        Ok((stream, peer))
    }

    /// Removes the socket file; the lock goes with `self`.
    pub fn release(self) {
        let _ = std::fs::remove_file(&self.path);
    }
}

fn peer_of(stream: &UnixStream) -> Peer {
    match stream.peer_cred() {
        Ok(cred) => {
            let pid = cred.pid().and_then(|p| u32::try_from(p).ok());
            Peer { same_user: cred.uid() == current_uid(), user: Some(cred.uid().to_string()), pid, exe: pid.and_then(executable_of) }
        }
        Err(e) => {
            tracing::warn!(error = %e, "cannot read the peer's credentials; the caller is refused");
            Peer::unknown()
        }
    }
}

fn executable_of(pid: u32) -> Option<String> {
    #[cfg(target_os = "macos")]
    {
        crate::macos::executable_of(pid)
    }
    #[cfg(not(target_os = "macos"))]
    {
        std::fs::read_link(format!("/proc/{pid}/exe")).ok().map(|p| p.display().to_string())
    }
}

/// Connects to the agent at `path` and checks that it runs as this user before anything is sent.
pub async fn connect(path: &Path) -> Result<UnixStream, ConnectError> {
    let stream = match UnixStream::connect(path).await {
        Ok(stream) => stream,
        Err(e) if matches!(e.kind(), io::ErrorKind::NotFound | io::ErrorKind::ConnectionRefused) => {
            return Err(ConnectError::NotRunning(path.to_owned()))
        }
        Err(source) => return Err(ConnectError::Io { path: path.to_owned(), source }),
    };
    let agent_uid = stream.peer_cred().map_err(|source| ConnectError::Io { path: path.to_owned(), source })?.uid();
    if agent_uid != current_uid() {
        return Err(ConnectError::ForeignAgent { path: path.to_owned(), user: format!("user {agent_uid}") });
    }
    Ok(stream)
}

#[cfg(test)]
mod tests {
    use super::*;

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

    #[tokio::test]
    async fn one_agent_per_socket_and_a_stale_socket_is_replaced() {
        let root = tempfile::tempdir().unwrap();
        let dir = root.path().join("latchkey");
        let path = dir.join("agent.sock");
        let first = Listener::bind(&path).unwrap();
        assert_eq!(std::fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o600);
        assert_eq!(std::fs::metadata(&dir).unwrap().permissions().mode() & 0o777, 0o700);
        assert!(matches!(Listener::bind(&path), Err(BindError::AlreadyRunning(_))));
        assert!(connect(&path).await.is_ok(), "a live agent of this user is accepted");

        // A crash: the lock goes with the process, the socket file stays behind.
        drop(first);
        assert!(path.exists());
        assert!(matches!(connect(&path).await, Err(ConnectError::NotRunning(_))));
        let second = Listener::bind(&path).unwrap();
        assert!(connect(&path).await.is_ok());
        second.release();
        assert!(!path.exists());
    }

    #[tokio::test]
    async fn the_peer_of_a_connection_is_this_user() {
        let root = tempfile::tempdir().unwrap();
        let path = root.path().join("latchkey/agent.sock");
        let mut listener = Listener::bind(&path).unwrap();
        let client = tokio::spawn({
            let path = path.clone();
            async move { connect(&path).await.map(|_| ()) }
        });
        let (_, peer) = listener.accept().await.unwrap();
        assert!(peer.same_user);
        assert_eq!(peer.pid, Some(std::process::id()));
        client.await.unwrap().unwrap();
    }

    #[test]
    fn a_file_in_the_sockets_place_is_not_replaced() {
        let root = tempfile::tempdir().unwrap();
        let dir = root.path().join("latchkey");
        std::fs::create_dir(&dir).unwrap();
        std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o700)).unwrap();
        std::fs::write(dir.join("agent.sock"), "precious").unwrap();
        assert!(matches!(Listener::bind(&dir.join("agent.sock")), Err(BindError::NotOurSocket(_))));
        assert_eq!(std::fs::read_to_string(dir.join("agent.sock")).unwrap(), "precious");
    }
}
