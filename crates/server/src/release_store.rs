//! Where release files live: a folder (by default `releases/` in the data folder) that every
//! instance and the operator's CLI reach, each file named by its SHA-256. A file is written beside
//! its final name and renamed into place once whole and synced, so a reader never sees part of
//! one, and the same bytes published twice are stored once.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

/// Read and hash in pieces of this size: large enough that a 500 MB file costs few system calls.
const CHUNK: usize = 1 << 20;

#[derive(Clone, Debug)]
pub struct ReleaseStore {
    root: PathBuf,
}

/// A file taken into the store.
#[derive(Debug, PartialEq, Eq)]
pub struct Stored {
    pub sha256: String,
    pub size: u64,
}

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("cannot read {path}: {source}")]
    Source { path: String, source: std::io::Error },
    #[error("cannot write the release store {root}: {source}")]
    Store { root: String, source: std::io::Error },
}

impl ReleaseStore {
    /// The store in `root`, which is created on the first publication.
    pub fn new(root: impl Into<PathBuf>) -> ReleaseStore {
        ReleaseStore { root: root.into() }
    }

    /// The release store named by the settings: `LATCHKEY_RELEASE_STORE`, else `releases/` in the
    /// data folder.
    pub fn from_settings(settings: &crate::config::Settings) -> ReleaseStore {
        ReleaseStore::new(settings.release_store.clone())
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The path of the file with this SHA-256 (lower-case hex, as stored; checked by the caller's
    /// database row, never taken from a request).
    pub fn path_of(&self, sha256: &str) -> PathBuf {
        self.root.join(sha256)
    }

    /// Copies `source` into the store, hashing it on the way. Blocking: run it off the runtime.
    pub fn put(&self, source: &Path) -> Result<Stored, StoreError> {
        let source_error = |e| StoreError::Source { path: source.display().to_string(), source: e };
        let store_error = |e| StoreError::Store { root: self.root.display().to_string(), source: e };
        let mut input = std::fs::File::open(source).map_err(source_error)?;
        if !input.metadata().map_err(source_error)?.is_file() {
            return Err(source_error(std::io::Error::new(std::io::ErrorKind::InvalidInput, "not a regular file")));
        }
        std::fs::create_dir_all(&self.root).map_err(store_error)?;
        let mut incoming = tempfile::Builder::new().prefix(".incoming-").tempfile_in(&self.root).map_err(store_error)?;
        let mut hasher = Sha256::new();
        let mut size = 0u64;
        let mut buffer = vec![0u8; CHUNK];
        loop {
            let n = match input.read(&mut buffer) {
                Ok(0) => break,
                Ok(n) => n,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(source_error(e)),
            };
            hasher.update(&buffer[..n]);
            incoming.write_all(&buffer[..n]).map_err(store_error)?;
            size += n as u64;
        }
        incoming.as_file().sync_all().map_err(store_error)?;
        let sha256 = hex::encode(hasher.finalize());
        // Dropped unpersisted on any error above: no partial file is left behind.
        incoming.persist(self.path_of(&sha256)).map_err(|e| store_error(e.error))?;
        Ok(Stored { sha256, size })
    }

    /// Deletes a stored file no release names any more (a publication refused after the copy).
    pub fn remove(&self, sha256: &str) {
        if let Err(e) = std::fs::remove_file(self.path_of(sha256)) {
            tracing::warn!(error = %e, sha256, "cannot delete an unused release file");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_are_stored_once_under_their_hash() {
        let dir = tempfile::tempdir().unwrap();
        let source = dir.path().join("setup.msi");
        std::fs::write(&source, b"installer bytes").unwrap();
        let store = ReleaseStore::new(dir.path().join("store"));
        let stored = store.put(&source).unwrap();
        assert_eq!(stored.size, 15);
        assert_eq!(stored.sha256, hex::encode(Sha256::digest(b"installer bytes")));
        assert_eq!(std::fs::read(store.path_of(&stored.sha256)).unwrap(), b"installer bytes");
        assert_eq!(store.put(&source).unwrap(), stored, "the same bytes again");
        let names: Vec<_> = std::fs::read_dir(store.root()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(names, vec![std::ffi::OsString::from(&stored.sha256)], "one file, no leftovers");
    }

    #[test]
    fn a_missing_or_odd_source_is_named() {
        let dir = tempfile::tempdir().unwrap();
        let store = ReleaseStore::new(dir.path().join("store"));
        let missing = store.put(&dir.path().join("nope.msi")).unwrap_err().to_string();
        assert!(missing.contains("nope.msi"), "{missing}");
        let folder = store.put(dir.path()).unwrap_err().to_string();
        assert!(folder.contains("not a regular file"), "{folder}");
    }
}
