//! Where release files live, each named by its SHA-256: a folder (by default `releases/` in the
//! data folder), or an S3-compatible object store that every instance of a deployment reaches
//! (`LATCHKEY_RELEASE_STORE=s3://bucket/prefix`). A file is written beside its final name and
//! renamed into place once whole and synced (a folder), or uploaded in parts under its final key
//! (an object store, where an object appears whole or not at all), so a reader never sees part of
//! one; the same bytes published twice are stored once.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use bytes::Bytes;
use futures_util::stream::{BoxStream, StreamExt, TryStreamExt};
use object_store::path::Path as ObjectPath;
use object_store::{GetOptions, GetRange, ObjectStore, WriteMultipart};
use sha2::{Digest, Sha256};
use tokio::io::{AsyncReadExt, AsyncSeekExt};

use crate::config::{ReleaseStoreLocation, Settings};

/// Read, hash and send in pieces of this size: few system calls for a large file, and a bound on
/// what one transfer holds in memory.
const CHUNK: usize = 1 << 20;
/// An object store's upload parts (S3 wants at least 5 MiB but the last).
const PART: usize = 8 << 20;

#[derive(Clone)]
pub enum ReleaseStore {
    Folder(PathBuf),
    Object {
        store: Arc<dyn ObjectStore>,
        prefix: ObjectPath,
        /// `s3://bucket/prefix`, for messages.
        shown: String,
    },
}

impl std::fmt::Debug for ReleaseStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.describe())
    }
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
    #[error("cannot write the release store {store}: {reason}")]
    Store { store: String, reason: String },
    #[error("the release store {store} cannot be used: {reason}")]
    Setting { store: String, reason: String },
}

/// The bytes of a stored file, as they are read.
pub type ByteStream = BoxStream<'static, std::io::Result<Bytes>>;

impl ReleaseStore {
    /// The folder store in `root`, which is created on the first publication.
    pub fn folder(root: impl Into<PathBuf>) -> ReleaseStore {
        ReleaseStore::Folder(root.into())
    }

    /// The release store the settings name (`LATCHKEY_RELEASE_STORE` and, for an object store,
    /// its endpoint and credentials; else the `AWS_*` environment).
    pub fn from_settings(settings: &Settings) -> Result<ReleaseStore, StoreError> {
        match &settings.release_store {
            ReleaseStoreLocation::Folder(root) => Ok(ReleaseStore::folder(root.clone())),
            ReleaseStoreLocation::S3 { url, endpoint, region, access_key_id, secret_access_key } => {
                let setting_error = |reason: String| StoreError::Setting { store: url.clone(), reason };
                let mut builder = object_store::aws::AmazonS3Builder::from_env().with_url(url.clone());
                if let Some(endpoint) = endpoint {
                    // An S3-compatible server (MinIO, Ceph, Garage…): path-style requests, and plain
                    // HTTP only when the endpoint says so.
                    builder = builder
                        .with_endpoint(endpoint.clone())
                        .with_virtual_hosted_style_request(false)
                        .with_allow_http(endpoint.starts_with("http://"));
                }
                if let Some(region) = region {
                    builder = builder.with_region(region.clone());
                }
                if let (Some(id), Some(secret)) = (access_key_id, secret_access_key) {
                    builder = builder.with_access_key_id(id.clone()).with_secret_access_key(secret.expose());
                }
                let store = builder.build().map_err(|e| setting_error(e.to_string()))?;
                let prefix = url.trim_start_matches("s3://").split_once('/').map_or("", |(_, p)| p).trim_matches('/').to_owned();
                Ok(ReleaseStore::Object { store: Arc::new(store), prefix: ObjectPath::from(prefix), shown: url.clone() })
            }
        }
    }

    /// Where the store is, for messages and logs (never a credential).
    pub fn describe(&self) -> String {
        match self {
            ReleaseStore::Folder(root) => root.display().to_string(),
            ReleaseStore::Object { shown, .. } => shown.clone(),
        }
    }

    fn key(prefix: &ObjectPath, sha256: &str) -> ObjectPath {
        prefix.child(sha256)
    }

    fn store_error(&self, reason: impl std::fmt::Display) -> StoreError {
        StoreError::Store { store: self.describe(), reason: reason.to_string() }
    }

    /// Copies `source` into the store, hashing it on the way.
    pub async fn put(&self, source: &Path) -> Result<Stored, StoreError> {
        match self {
            ReleaseStore::Folder(root) => {
                let (root, source) = (root.clone(), source.to_owned());
                tokio::task::spawn_blocking(move || put_in_folder(&root, &source)).await.map_err(|e| self.store_error(e))?
            }
            ReleaseStore::Object { store, prefix, .. } => {
                // The key is the hash: hash first (reading the file once more costs less than a
                // copy between keys), then upload in parts unless the same bytes are there.
                let path = source.to_owned();
                let stored = tokio::task::spawn_blocking(move || hash_file(&path)).await.map_err(|e| self.store_error(e))??;
                let key = Self::key(prefix, &stored.sha256);
                if store.head(&key).await.is_ok() {
                    return Ok(stored);
                }
                let source_error = |e| StoreError::Source { path: source.display().to_string(), source: e };
                let mut file = tokio::fs::File::open(source).await.map_err(source_error)?;
                let upload = store.put_multipart(&key).await.map_err(|e| self.store_error(e))?;
                let mut writer = WriteMultipart::new_with_chunk_size(upload, PART);
                let mut buffer = vec![0u8; CHUNK];
                loop {
                    let n = file.read(&mut buffer).await.map_err(source_error)?;
                    if n == 0 {
                        break;
                    }
                    writer.wait_for_capacity(4).await.map_err(|e| self.store_error(e))?;
                    writer.write(&buffer[..n]);
                }
                // An unfinished upload is aborted: no object appears under the key.
                writer.finish().await.map_err(|e| self.store_error(e))?;
                Ok(stored)
            }
        }
    }

    /// `length` bytes of the file `sha256` from byte `start`, as they are read.
    pub async fn read(&self, sha256: &str, start: u64, length: u64) -> Result<ByteStream, StoreError> {
        match self {
            ReleaseStore::Folder(root) => {
                let path = root.join(sha256);
                let mut file = tokio::fs::File::open(&path).await.map_err(|e| self.store_error(format!("{}: {e}", path.display())))?;
                if start > 0 {
                    file.seek(std::io::SeekFrom::Start(start)).await.map_err(|e| self.store_error(e))?;
                }
                Ok(tokio_util::io::ReaderStream::with_capacity(file.take(length), CHUNK).boxed())
            }
            ReleaseStore::Object { store, prefix, .. } => {
                let options = GetOptions { range: Some(GetRange::Bounded(start..start + length)), ..GetOptions::default() };
                let result = store.get_opts(&Self::key(prefix, sha256), options).await.map_err(|e| self.store_error(e))?;
                Ok(result.into_stream().map_err(std::io::Error::other).boxed())
            }
        }
    }

    /// Deletes a stored file no release names any more (a publication refused after the copy).
    pub async fn remove(&self, sha256: &str) {
        let removed = match self {
            ReleaseStore::Folder(root) => tokio::fs::remove_file(root.join(sha256)).await.map_err(|e| e.to_string()),
            ReleaseStore::Object { store, prefix, .. } => store.delete(&Self::key(prefix, sha256)).await.map_err(|e| e.to_string()),
        };
        if let Err(e) = removed {
            tracing::warn!(error = %e, sha256, store = %self.describe(), "cannot delete an unused release file");
        }
    }
}

fn hash_file(source: &Path) -> Result<Stored, StoreError> {
    let source_error = |e| StoreError::Source { path: source.display().to_string(), source: e };
    let mut input = open_regular(source)?;
    let mut hasher = Sha256::new();
    let size = std::io::copy(&mut input, &mut hasher).map_err(source_error)?;
    Ok(Stored { sha256: hex::encode(hasher.finalize()), size })
}

fn open_regular(source: &Path) -> Result<std::fs::File, StoreError> {
    let source_error = |e| StoreError::Source { path: source.display().to_string(), source: e };
    let input = std::fs::File::open(source).map_err(source_error)?;
    if !input.metadata().map_err(source_error)?.is_file() {
        return Err(source_error(std::io::Error::new(std::io::ErrorKind::InvalidInput, "not a regular file")));
    }
    Ok(input)
}

/// Copies `source` into the folder `root` under its hash. Blocking.
fn put_in_folder(root: &Path, source: &Path) -> Result<Stored, StoreError> {
    let source_error = |e| StoreError::Source { path: source.display().to_string(), source: e };
    let store_error = |e: std::io::Error| StoreError::Store { store: root.display().to_string(), reason: e.to_string() };
    let mut input = open_regular(source)?;
    std::fs::create_dir_all(root).map_err(store_error)?;
    let mut incoming = tempfile::Builder::new().prefix(".incoming-").tempfile_in(root).map_err(store_error)?;
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
    incoming.persist(root.join(&sha256)).map_err(|e| store_error(e.error))?;
    Ok(Stored { sha256, size })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn files_are_stored_once_under_their_hash_and_read_in_ranges() {
        let dir = tempfile::tempdir().unwrap();
        let source = dir.path().join("setup.msi");
        std::fs::write(&source, b"installer bytes").unwrap();
        let root = dir.path().join("store");
        let store = ReleaseStore::folder(&root);
        let stored = store.put(&source).await.unwrap();
        assert_eq!(stored.size, 15);
        assert_eq!(stored.sha256, hex::encode(Sha256::digest(b"installer bytes")));
        assert_eq!(std::fs::read(root.join(&stored.sha256)).unwrap(), b"installer bytes");
        assert_eq!(store.put(&source).await.unwrap(), stored, "the same bytes again");
        let names: Vec<_> = std::fs::read_dir(&root).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(names, vec![std::ffi::OsString::from(&stored.sha256)], "one file, no leftovers");
        let part: Vec<Bytes> = store.read(&stored.sha256, 10, 5).await.unwrap().try_collect().await.unwrap();
        assert_eq!(part.concat(), b"bytes");
    }

    #[tokio::test]
    async fn a_missing_or_odd_source_is_named() {
        let dir = tempfile::tempdir().unwrap();
        let store = ReleaseStore::folder(dir.path().join("store"));
        let missing = store.put(&dir.path().join("nope.msi")).await.unwrap_err().to_string();
        assert!(missing.contains("nope.msi"), "{missing}");
        let folder = store.put(dir.path()).await.unwrap_err().to_string();
        assert!(folder.contains("not a regular file"), "{folder}");
    }
}
