//! The engine's software delivery: the user's catalogue as this computer sees it (installed and
//! offered versions), update checks for applications, and installation jobs (download with
//! progress, cancel and resume; verification; the platform's installer), one per product.

use std::collections::HashMap;
use std::sync::{Mutex, PoisonError};

use latchkey_protocol::delivery::{
    Catalog, CatalogProduct, DownloadBlock, OfferedRelease, Platform, ReleaseManifest, UpdateChannel, LATCHKEY_PRODUCT,
};
use latchkey_protocol::local::{
    InstallProgress, InstallState, LocalCatalog, LocalErrorCode as C, LocalProduct, SelfUpdate, SelfUpdateAction, TokenRequest, UpdateCheck,
};
use latchkey_protocol::{ErrorCode, Secret};
use tokio::sync::watch;

use super::Engine;
use crate::backend::BackendError;
use crate::delivery::download::{DownloadError, Downloads};
use crate::delivery::platform::{self, Target};
use crate::error::LocalError;

/// The installation jobs of this agent, and where they download and install.
pub struct Installs {
    downloads: Option<Downloads>,
    target: Target,
    platform: Option<Platform>,
    jobs: Mutex<HashMap<String, Job>>,
}

struct Job {
    progress: watch::Receiver<InstallProgress>,
    cancel: watch::Sender<bool>,
}

/// An installation ready to download.
struct Prepared {
    downloads: Downloads,
    platform: Platform,
    manifest: ReleaseManifest,
    backend: crate::backend::Backend,
    token: Secret,
    url: String,
    start: InstallProgress,
}

impl Installs {
    /// Downloads go to `downloads/` in the state folder (none: installing is refused).
    pub fn new(state_dir: Option<&std::path::Path>) -> Installs {
        Installs {
            downloads: state_dir.map(|d| Downloads { dir: d.join("downloads") }),
            target: Target::from_env(&crate::paths::process_env),
            platform: platform::this_platform(),
            jobs: Mutex::new(HashMap::new()),
        }
    }

    fn jobs(&self) -> std::sync::MutexGuard<'_, HashMap<String, Job>> {
        self.jobs.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

fn backend_error(error: &BackendError) -> LocalError {
    match error {
        BackendError::Refused(problem) if problem.code == ErrorCode::DownloadNotPermitted => {
            LocalError::new(C::DownloadNotPermitted, problem.detail.clone().unwrap_or_else(|| problem.title.clone()))
        }
        BackendError::Refused(problem) => LocalError::new(
            C::BackendRefused,
            format!("{} ({})", problem.detail.clone().unwrap_or_else(|| problem.title.clone()), problem.code.as_str()),
        ),
        BackendError::Unreachable(_) | BackendError::Garbled(_) => LocalError::new(C::BackendUnreachable, error.to_string()),
    }
}

fn blocked(product: &CatalogProduct) -> LocalError {
    let why = match product.blocked_by {
        Some(DownloadBlock::NotAllowedByOrganization) => "your organization does not let its members install it",
        _ => "downloading needs the Product Delivery – Download role: ask your administrator",
    };
    LocalError::new(C::DownloadNotPermitted, format!("{}: {why}", product.product))
}

fn percent_encode(text: &str) -> String {
    text.bytes()
        .map(|b| if b.is_ascii_alphanumeric() || b"-._~".contains(&b) { char::from(b).to_string() } else { format!("%{b:02X}") })
        .collect()
}

fn is_newer(available: &str, installed: Option<&str>) -> bool {
    installed.is_none_or(|installed| latchkey_protocol::delivery::compare_versions(available, installed).is_gt())
}

impl Engine {
    async fn own_token(&self) -> Result<Secret, LocalError> {
        Ok(self.token(&TokenRequest::default()).await?.access_token)
    }

    async fn backend_catalog(&self) -> Result<Catalog, LocalError> {
        let backend = self.backend().ok_or_else(super::no_backend)?;
        let token = self.own_token().await?;
        backend.catalog(&token).await.map_err(|e| backend_error(&e))
    }

    fn offered_here<'a>(&self, product: &'a CatalogProduct) -> Option<&'a OfferedRelease> {
        let platform = self.installs.platform?;
        product.releases.iter().find(|r| r.release.platform == platform)
    }

    async fn installed(&self, product: &CatalogProduct) -> Option<String> {
        let platform = self.installs.platform?;
        let package_id = self.offered_here(product).map_or(product.product.as_str(), |r| r.release.package_id.as_str());
        platform::installed_version(&self.installs.target, platform, package_id).await
    }

    /// `GET /v1/catalog`: the user's products with what is installed here and what is offered.
    pub async fn catalog(&self) -> Result<LocalCatalog, LocalError> {
        let catalog = self.backend_catalog().await?;
        let mut products = Vec::with_capacity(catalog.products.len());
        for product in &catalog.products {
            let installed_version = self.installed(product).await;
            let available = self.offered_here(product).cloned();
            let update_available = available.as_ref().is_some_and(|a| is_newer(&a.release.version, installed_version.as_deref()));
            products.push(LocalProduct {
                product: product.product.clone(),
                name: product.name.clone(),
                may_download: product.may_download,
                blocked_by: product.blocked_by,
                installed_version,
                available,
                update_available,
            });
        }
        Ok(LocalCatalog { platform: self.installs.platform, update_channel: catalog.update_channel, products })
    }

    /// `GET /v1/updates/{product}`: whether a release newer than `current` (else the installed
    /// version) is offered for this computer.
    pub async fn update_check(&self, product: &str, current: Option<String>) -> Result<UpdateCheck, LocalError> {
        let catalog = self.backend_catalog().await?;
        let entry = catalog
            .products
            .iter()
            .find(|p| p.product == product)
            .ok_or_else(|| LocalError::new(C::NotFound, format!("{product} is not in your catalogue")))?;
        let current_version = match current {
            Some(version) => Some(version),
            None => self.installed(entry).await,
        };
        let offered = self.offered_here(entry);
        let available_version = offered.map(|r| r.release.version.clone());
        Ok(UpdateCheck {
            product: product.to_owned(),
            update_available: available_version.as_deref().is_some_and(|a| is_newer(a, current_version.as_deref())),
            current_version,
            available_version,
            may_download: entry.may_download,
            release_id: offered.map(|r| r.release.id.clone()),
            notes: offered.and_then(|r| r.release.notes.clone()),
        })
    }

    /// Checks the offered release's manifest: signed by the backend's key, for this release.
    async fn verified_manifest(&self, offered: &OfferedRelease) -> Result<ReleaseManifest, LocalError> {
        let backend = self.backend().ok_or_else(super::no_backend)?;
        let known = self.inner().offline.cache.as_ref().map(|(c, _)| (c.issuer.clone(), c.jwks.clone()));
        let (issuer, jwks) = match known {
            Some(known) => known,
            None => super::entitlements::fetch_keys(&backend).await.map_err(|e| backend_error(&e))?,
        };
        let mut verified = crate::signed::verify_manifest(&offered.manifest, &jwks, &issuer);
        if verified.is_err() {
            // The signing key may have rotated since the keys were cached.
            if let Ok((_, fresh)) = super::entitlements::fetch_keys(&backend).await {
                verified = crate::signed::verify_manifest(&offered.manifest, &fresh, &issuer);
            }
        }
        let manifest = verified.map_err(|e| LocalError::new(C::IntegrityFailed, format!("the release manifest: {e}")))?;
        let release = &offered.release;
        let same = manifest.release == release.id
            && manifest.product == release.product
            && manifest.platform == release.platform
            && manifest.sha256 == release.sha256
            && manifest.size == release.size
            // It names files in the downloads folder.
            && manifest.sha256.len() == 64
            && manifest.sha256.bytes().all(|b| b.is_ascii_hexdigit());
        if !same {
            return Err(LocalError::new(C::IntegrityFailed, "the release manifest describes another release"));
        }
        Ok(manifest)
    }

    /// `POST /v1/installs/{product}`: starts downloading and installing the release offered for
    /// this computer (or answers the installation already under way).
    pub async fn start_install(&self, product: &str) -> Result<InstallProgress, LocalError> {
        // The product's slot is taken before the first await, so two callers (the window and
        // `latchkey install`, or the updater and a click) never run two jobs on one file.
        let (progress, cancelled) = {
            let mut jobs = self.installs.jobs();
            if let Some(job) = jobs.get(product) {
                let progress = job.progress.borrow().clone();
                if !progress.state.is_final() {
                    return Ok(progress);
                }
            }
            let preparing = InstallProgress {
                product: product.to_owned(),
                version: String::new(),
                state: InstallState::Downloading,
                received: 0,
                total: 0,
                error: None,
                detail: None,
            };
            let (progress, watcher) = watch::channel(preparing);
            let (cancel, cancelled) = watch::channel(false);
            jobs.insert(product.to_owned(), Job { progress: watcher, cancel });
            (progress, cancelled)
        };
        match self.prepare_install(product).await {
            Ok(prepared) => {
                let start = prepared.start.clone();
                progress.send_replace(start.clone());
                self.run_install(prepared, progress, cancelled);
                Ok(start)
            }
            Err(error) => {
                // Give the slot back; a later request starts afresh.
                let mut jobs = self.installs.jobs();
                if jobs.get(product).is_some_and(|job| job.progress.same_channel(&progress.subscribe())) {
                    jobs.remove(product);
                }
                Err(error)
            }
        }
    }

    /// Everything an installation needs before its download: the offered release, its verified
    /// manifest, a token.
    async fn prepare_install(&self, product: &str) -> Result<Prepared, LocalError> {
        let downloads = self
            .installs
            .downloads
            .clone()
            .ok_or_else(|| LocalError::new(C::Internal, "this agent has no state folder to download into"))?;
        let platform =
            self.installs.platform.ok_or_else(|| LocalError::new(C::NoRelease, "Latchkey cannot install software on this system"))?;
        let catalog = self.backend_catalog().await?;
        let entry = catalog
            .products
            .iter()
            .find(|p| p.product == product)
            .ok_or_else(|| LocalError::new(C::DownloadNotPermitted, format!("{product} is not in your catalogue")))?;
        if !entry.may_download {
            return Err(blocked(entry));
        }
        let offered = self
            .offered_here(entry)
            .ok_or_else(|| LocalError::new(C::NoRelease, format!("nothing of {product} is offered for {platform}")))?;
        let manifest = self.verified_manifest(offered).await?;
        let backend = self.backend().ok_or_else(super::no_backend)?;
        let token = self.own_token().await?;
        let start = InstallProgress {
            product: product.to_owned(),
            version: manifest.version.clone(),
            state: InstallState::Downloading,
            received: downloads.received(&manifest),
            total: manifest.size,
            error: None,
            detail: None,
        };
        // The configured server's own address, never one the answer names: the bearer token goes
        // nowhere else.
        let url = format!("{}/v1/releases/{}/file", backend.base(), percent_encode(&offered.release.id));
        Ok(Prepared { downloads, platform, manifest, backend, token, url, start })
    }

    fn run_install(&self, prepared: Prepared, progress: watch::Sender<InstallProgress>, cancelled: watch::Receiver<bool>) {
        let Prepared { downloads, platform, manifest, backend, token, url, .. } = prepared;
        let target = self.installs.target.clone();
        tokio::spawn(async move {
            let outcome = run_job(&downloads, backend.http(), &url, &token, &manifest, &target, platform, &progress, cancelled).await;
            progress.send_modify(|p| match outcome {
                Ok(()) => p.state = InstallState::Installed,
                Err(Stopped::Cancelled) => {
                    p.state = InstallState::Cancelled;
                    p.detail = Some("cancelled; what was downloaded is kept for a resume".into());
                }
                Err(Stopped::Failed(error)) => {
                    p.state = InstallState::Failed;
                    p.error = Some(error.code);
                    p.detail = Some(error.detail);
                }
            });
        });
    }

    /// `GET /v1/installs/{product}`.
    pub fn install_progress(&self, product: &str) -> Result<InstallProgress, LocalError> {
        self.installs
            .jobs()
            .get(product)
            .map(|job| job.progress.borrow().clone())
            .ok_or_else(|| LocalError::new(C::NotFound, format!("no installation of {product} was started")))
    }

    /// `DELETE /v1/installs/{product}`: stops a download (what was received is kept for a
    /// resume). An installer already running is not interrupted.
    pub async fn cancel_install(&self, product: &str) -> Result<InstallProgress, LocalError> {
        let mut watcher = {
            let jobs = self.installs.jobs();
            let job = jobs.get(product).ok_or_else(|| LocalError::new(C::NotFound, format!("no installation of {product} was started")))?;
            if job.progress.borrow().state == InstallState::Downloading {
                let _ = job.cancel.send(true);
            }
            job.progress.clone()
        };
        let settled =
            watcher.wait_for(|p| p.state != InstallState::Downloading && p.state != InstallState::Verifying).await.map(|p| p.clone());
        Ok(settled.unwrap_or_else(|_| watcher.borrow().clone()))
    }

    /// The updater: whether a Latchkey newer than `own_version` is offered for this computer, and
    /// what the effective channel (the stricter of the machine's `Updates` and the organization's)
    /// lets it do: nothing (`off`), tell the user (`notify`), or install it (`auto`).
    pub async fn self_update(&self, own_version: &str) -> Result<SelfUpdate, LocalError> {
        let catalog = self.backend_catalog().await?;
        let channel = self.config().updates().strictest(catalog.update_channel);
        let offered = catalog.products.iter().find(|p| p.product == LATCHKEY_PRODUCT).and_then(|p| self.offered_here(p));
        let available_version = offered.map(|r| r.release.version.clone());
        // Installed already by this agent (it runs on until the app restarts): nothing to do again.
        let installed_here = self.installs.jobs().get(LATCHKEY_PRODUCT).is_some_and(|job| {
            let progress = job.progress.borrow();
            progress.state == InstallState::Installed && available_version.as_deref() == Some(progress.version.as_str())
        });
        let newer = !installed_here && available_version.as_deref().is_some_and(|v| is_newer(v, Some(own_version)));
        let action = match (newer, channel) {
            (false, _) => SelfUpdateAction::UpToDate,
            (true, UpdateChannel::Off) => SelfUpdateAction::Off,
            (true, UpdateChannel::Notify) => SelfUpdateAction::Notify,
            (true, UpdateChannel::Auto) => {
                self.start_install(LATCHKEY_PRODUCT).await?;
                SelfUpdateAction::Installing
            }
        };
        tracing::info!(channel = channel.as_str(), own_version, available = ?available_version, action = ?action, "checked for a newer Latchkey");
        Ok(SelfUpdate { channel, current_version: own_version.to_owned(), available_version, action })
    }
}

/// Why a job ended without installing.
enum Stopped {
    Cancelled,
    Failed(LocalError),
}

/// Downloads, verifies and installs.
#[allow(clippy::too_many_arguments)]
async fn run_job(
    downloads: &Downloads,
    http: &reqwest::Client,
    url: &str,
    token: &Secret,
    manifest: &ReleaseManifest,
    target: &Target,
    platform: Platform,
    progress: &watch::Sender<InstallProgress>,
    cancelled: watch::Receiver<bool>,
) -> Result<(), Stopped> {
    let report = |received: u64| {
        progress.send_modify(|p| {
            p.received = received;
            if received == p.total {
                p.state = InstallState::Verifying;
            }
        });
    };
    let file = downloads.fetch(http, url, token, manifest, &report, cancelled).await.map_err(|e| {
        Stopped::Failed(match e {
            DownloadError::Cancelled => return Stopped::Cancelled,
            DownloadError::Refused { code, detail, .. } if code.as_deref() == Some("download_not_permitted") => {
                LocalError::new(C::DownloadNotPermitted, detail)
            }
            DownloadError::Refused { status, detail, .. } => LocalError::new(C::BackendRefused, format!("{detail} ({status})")),
            DownloadError::Interrupted(reason) => {
                LocalError::new(C::BackendUnreachable, format!("the download was interrupted ({reason}); start it again to resume"))
            }
            DownloadError::Integrity(reason) => {
                LocalError::new(C::IntegrityFailed, format!("{reason}; the file was deleted and nothing was run"))
            }
            DownloadError::Disk { .. } => LocalError::new(C::Internal, e.to_string()),
        })
    })?;
    progress.send_modify(|p| p.state = InstallState::Installing);
    tracing::info!(product = %manifest.product, version = %manifest.version, "running the installer of a verified release");
    platform::install(target, platform, &file, &manifest.package_id)
        .await
        .map_err(|e| Stopped::Failed(LocalError::new(C::InstallFailed, e)))?;
    // Installed: the download has served its purpose.
    let _ = tokio::fs::remove_file(&file).await;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_update_is_a_newer_version_or_a_first_install() {
        assert!(is_newer("2.0", Some("1.9")));
        assert!(is_newer("2027.10", Some("2027.9")));
        assert!(!is_newer("1.0", Some("1.0")));
        assert!(!is_newer("1.0", Some("2.0")), "a pinned older version is not an update");
        assert!(is_newer("1.0", None));
    }
}
