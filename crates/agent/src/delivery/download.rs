//! A release's file, downloaded so that an interruption costs only what was not yet received: the
//! bytes go to `<sha256>.part` in the downloads folder, a new attempt asks for the rest (`Range`
//! with `If-Range` on the file's `ETag`, so a changed file is never spliced), and the whole is
//! checked against the signed manifest (length, SHA-256) before it is renamed to `<sha256>` and
//! handed to an installer. A file that fails the check is deleted.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::Duration;

use latchkey_protocol::delivery::ReleaseManifest;
use latchkey_protocol::Secret;
use sha2::{Digest, Sha256};
use tokio::io::AsyncWriteExt;
use tokio::sync::watch;

/// A stalled transfer (no byte for this long) is abandoned; the next attempt resumes it.
const STALL: Duration = Duration::from_secs(30);

#[derive(Debug, thiserror::Error)]
pub enum DownloadError {
    #[error("the download was cancelled")]
    Cancelled,
    /// The server refused: 401, 403 (`download_not_permitted`), 404 (yanked meanwhile).
    #[error("the server refused the download ({status}): {detail}")]
    Refused { status: u16, code: Option<String>, detail: String },
    #[error("the download was interrupted: {0}")]
    Interrupted(String),
    #[error("the file does not match its signed manifest: {0}")]
    Integrity(String),
    #[error("cannot write the download to {path}: {reason}")]
    Disk { path: String, reason: String },
}

/// Where the downloads of one user live, and what each is called.
#[derive(Clone, Debug)]
pub struct Downloads {
    pub dir: PathBuf,
}

impl Downloads {
    fn part(&self, manifest: &ReleaseManifest) -> PathBuf {
        self.dir.join(format!("{}.part", manifest.sha256))
    }

    /// The verified file of `manifest` (named by its hash, with the published name's extension,
    /// which msiexec and the package managers look at).
    pub fn verified(&self, manifest: &ReleaseManifest) -> PathBuf {
        let extension = Path::new(&manifest.file_name).extension().and_then(|e| e.to_str()).unwrap_or("bin");
        self.dir.join(format!("{}.{extension}", manifest.sha256))
    }

    /// Bytes already received of `manifest`'s file (what a resumed download starts from).
    pub fn received(&self, manifest: &ReleaseManifest) -> u64 {
        std::fs::metadata(self.part(manifest)).map_or(0, |m| m.len())
    }

    /// Downloads `url` (the release of `manifest`) with `token`, resuming a partial file, then
    /// verifies it. `progress` receives the bytes held so far; `cancel` turning true stops it,
    /// keeping the partial file for a later resume.
    pub async fn fetch(
        &self,
        http: &reqwest::Client,
        url: &str,
        token: &Secret,
        manifest: &ReleaseManifest,
        progress: &(dyn Fn(u64) + Sync),
        mut cancel: watch::Receiver<bool>,
    ) -> Result<PathBuf, DownloadError> {
        let verified = self.verified(manifest);
        if verified.exists() && check_file(&verified, manifest).await.is_ok() {
            progress(manifest.size);
            return Ok(verified);
        }
        let disk = |path: &Path| {
            let path = path.display().to_string();
            move |e: std::io::Error| DownloadError::Disk { path: path.clone(), reason: e.to_string() }
        };
        tokio::fs::create_dir_all(&self.dir).await.map_err(disk(&self.dir))?;
        let part = self.part(manifest);
        let mut have = self.received(manifest);
        if have > manifest.size {
            have = 0;
        }
        let response = if have == manifest.size {
            None
        } else {
            let mut answer = request(http, url, token, have, &manifest.sha256, &mut cancel).await?;
            let resumes_here = answer.status().as_u16() == 206 && continues_at(&answer, have, manifest.size);
            if answer.status().as_u16() == 416 || (answer.status().as_u16() == 206 && !resumes_here) {
                // The partial file does not fit this one, or the range answered is not the one
                // asked for (a proxy's): start again rather than splice.
                let _ = tokio::fs::remove_file(&part).await;
                have = 0;
                answer = request(http, url, token, 0, &manifest.sha256, &mut cancel).await?;
            }
            match answer.status().as_u16() {
                206 => {}
                // The whole file: no range was asked, or the file changed (`If-Range`).
                200 => have = 0,
                // A proxy's or the server's passing trouble: the next attempt resumes.
                status @ (408 | 429 | 500..=599) => {
                    return Err(DownloadError::Interrupted(format!("the server answered {status}")));
                }
                status => {
                    let body: serde_json::Value = answer.json().await.unwrap_or_default();
                    return Err(DownloadError::Refused {
                        status,
                        code: body["code"].as_str().map(str::to_owned),
                        detail: body["detail"].as_str().unwrap_or("no detail").to_owned(),
                    });
                }
            }
            Some(answer)
        };
        if let Some(mut answer) = response {
            let mut file = tokio::fs::OpenOptions::new()
                .create(true)
                .write(true)
                .append(have > 0)
                .truncate(have == 0)
                .open(&part)
                .await
                .map_err(disk(&part))?;
            progress(have);
            loop {
                let chunk = tokio::select! {
                    chunk = tokio::time::timeout(STALL, answer.chunk()) => chunk,
                    () = until_cancelled(&mut cancel) => {
                        file.flush().await.map_err(disk(&part))?;
                        return Err(DownloadError::Cancelled);
                    }
                };
                let chunk = match chunk {
                    Err(_) => return Err(DownloadError::Interrupted(format!("no data for {} seconds", STALL.as_secs()))),
                    Ok(Err(e)) => return Err(DownloadError::Interrupted(e.to_string())),
                    Ok(Ok(None)) => break,
                    Ok(Ok(Some(chunk))) => chunk,
                };
                have += chunk.len() as u64;
                if have > manifest.size {
                    drop(file);
                    let _ = tokio::fs::remove_file(&part).await;
                    return Err(DownloadError::Integrity(format!("the server sent more than the manifest's {} bytes", manifest.size)));
                }
                file.write_all(&chunk).await.map_err(disk(&part))?;
                progress(have);
            }
            file.sync_all().await.map_err(disk(&part))?;
        }
        if let Err(e) = check_file(&part, manifest).await {
            let _ = tokio::fs::remove_file(&part).await;
            return Err(e);
        }
        tokio::fs::rename(&part, &verified).await.map_err(disk(&verified))?;
        Ok(verified)
    }
}

/// Whether a 206 answer carries the bytes from `from` of a file of `size` bytes
/// (`Content-Range: bytes FROM-END/SIZE`).
fn continues_at(answer: &reqwest::Response, from: u64, size: u64) -> bool {
    let Some(range) = answer.headers().get("content-range").and_then(|v| v.to_str().ok()) else { return false };
    let Some((span, total)) = range.trim().strip_prefix("bytes ").and_then(|r| r.split_once('/')) else { return false };
    let start = span.split_once('-').and_then(|(start, _)| start.parse::<u64>().ok());
    start == Some(from) && total.parse::<u64>().ok() == Some(size)
}

/// Asks for the file from byte `from` (`If-Range`: only if it is still the file of `sha256`).
async fn request(
    http: &reqwest::Client,
    url: &str,
    token: &Secret,
    from: u64,
    sha256: &str,
    cancel: &mut watch::Receiver<bool>,
) -> Result<reqwest::Response, DownloadError> {
    // The client's timeout is for short API calls; a large file takes as long as it takes, and a
    // stall is caught per chunk instead.
    let mut request = http.get(url).bearer_auth(token.expose()).timeout(Duration::from_hours(24));
    if from > 0 {
        request = request.header("range", format!("bytes={from}-")).header("if-range", format!("\"{sha256}\""));
    }
    tokio::select! {
        sent = request.send() => sent.map_err(|e| DownloadError::Interrupted(e.to_string())),
        () = until_cancelled(cancel) => Err(DownloadError::Cancelled),
    }
}

/// Resolves when `cancel` turns true (never, if its sender is gone).
async fn until_cancelled(cancel: &mut watch::Receiver<bool>) {
    if cancel.wait_for(|c| *c).await.is_err() {
        std::future::pending::<()>().await;
    }
}

/// Checks a file's length and SHA-256 against the manifest.
pub async fn check_file(path: &Path, manifest: &ReleaseManifest) -> Result<(), DownloadError> {
    let path = path.to_owned();
    let (size, sha256) = (manifest.size, manifest.sha256.clone());
    tokio::task::spawn_blocking(move || {
        let mut file = std::fs::File::open(&path).map_err(|e| DownloadError::Integrity(format!("cannot read {}: {e}", path.display())))?;
        let mut hasher = Sha256::new();
        let length = std::io::copy(&mut file, &mut hasher).map_err(|e| DownloadError::Integrity(e.to_string()))?;
        if length != size {
            return Err(DownloadError::Integrity(format!("{length} bytes where the manifest says {size}")));
        }
        let actual = hex(&hasher.finalize());
        if actual != sha256 {
            return Err(DownloadError::Integrity(format!("SHA-256 {actual} where the manifest says {sha256}")));
        }
        Ok(())
    })
    .await
    .map_err(|e| DownloadError::Integrity(e.to_string()))?
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().fold(String::with_capacity(bytes.len() * 2), |mut text, b| {
        let _ = write!(text, "{b:02x}");
        text
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use latchkey_protocol::delivery::Platform;

    fn manifest_of(bytes: &[u8]) -> ReleaseManifest {
        ReleaseManifest {
            iss: "https://backend.example".into(),
            iat: 0,
            release: "rel_1".into(),
            product: "p".into(),
            version: "1.0".into(),
            platform: Platform::LinuxX64Deb,
            file_name: "p_1.0.deb".into(),
            size: bytes.len() as u64,
            sha256: hex(&Sha256::digest(bytes)),
            package_id: "p".into(),
        }
    }

    #[tokio::test]
    async fn a_file_is_checked_by_length_and_hash() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("f");
        std::fs::write(&path, b"payload").unwrap();
        check_file(&path, &manifest_of(b"payload")).await.unwrap();
        let short = check_file(&path, &manifest_of(b"payload!")).await.unwrap_err().to_string();
        assert!(short.contains("7 bytes where the manifest says 8"), "{short}");
        let other = check_file(&path, &manifest_of(b"PAYLOAD")).await.unwrap_err().to_string();
        assert!(other.contains("SHA-256"), "{other}");
    }

    #[test]
    fn the_verified_file_keeps_the_installers_extension() {
        let downloads = Downloads { dir: "/d".into() };
        let manifest = manifest_of(b"x");
        assert_eq!(downloads.verified(&manifest), PathBuf::from(format!("/d/{}.deb", manifest.sha256)));
        assert_eq!(downloads.part(&manifest), PathBuf::from(format!("/d/{}.part", manifest.sha256)));
    }
}
