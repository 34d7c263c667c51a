//! `latchkey-server`: the registration backend. Sign-in, forgot password, Terms of Service,
//! tokens and entitlements over HTTP, on `SQLite` or `PostgreSQL`, with a mail outbox.
//!
//! [`app`] builds the router from an [`AppState`] (tests drive it directly); [`serve`] runs it
//! with the outbox worker.

pub mod accounts;
pub mod audit;
pub mod bulk;
pub mod catalog;
pub mod clock;
pub mod config;
pub mod db;
pub mod entitlements;
pub mod error;
pub mod housekeeping;
pub mod http;
pub mod ids;
pub mod keys;
pub mod limits;
pub mod mail;
pub mod markdown;
pub mod members;
pub mod metrics;
pub mod orgs;
pub mod password;
pub mod portal;
pub mod pow;
pub mod products;
pub mod release_store;
pub mod releases;
pub mod roles;
pub mod routes;
pub mod sessions;
pub mod tos;
pub mod users;
pub mod validate;

use std::net::SocketAddr;
use std::sync::Arc;

use tokio::sync::Notify;

use crate::clock::Clock;
use crate::config::Settings;
use crate::db::Db;
use crate::keys::Keys;
use crate::metrics::Metrics;
use crate::password::{Hasher, Policy};

pub use error::ServeError;
pub use routes::app;

/// What every handler shares, built once by [`serve`]'s caller (or by a test) and cloned cheaply.
/// It lives at the crate root, which composes the modules: every module may use it, and it may
/// hold any module's parts (the refresh rotator of `sessions`) without an import cycle.
#[derive(Clone)]
pub struct AppState(pub Arc<Inner>);

pub struct Inner {
    pub settings: Settings,
    pub db: Db,
    pub clock: Arc<dyn Clock>,
    pub keys: Keys,
    pub policy: Policy,
    pub hasher: Hasher,
    /// Wakes the outbox worker after a commit that queued mail.
    pub mail_wake: Arc<Notify>,
    pub metrics: Metrics,
    /// Batches the refresh grant's common case (`None`: every grant is transactional).
    pub rotator: Option<Arc<crate::sessions::rotator::Rotator>>,
    /// Where release files live.
    pub release_store: crate::release_store::ReleaseStore,
}

impl std::ops::Deref for AppState {
    type Target = Inner;
    fn deref(&self) -> &Inner {
        &self.0
    }
}

impl AppState {
    pub async fn new(settings: Settings, db: Db, clock: Arc<dyn Clock>) -> Result<AppState, ServeError> {
        let keys = Keys::load_or_create(&db, clock.now()).await?;
        let rotator = crate::sessions::rotator::Rotator::for_db(&db);
        let release_store = crate::release_store::ReleaseStore::from_settings(&settings).map_err(|e| ServeError::Setting(e.to_string()))?;
        Ok(AppState(Arc::new(Inner {
            release_store,
            policy: Policy::new(settings.password_min_length),
            hasher: Hasher::new(settings.hash_concurrency),
            settings,
            db,
            clock,
            keys,
            mail_wake: Arc::new(Notify::new()),
            metrics: Metrics::default(),
            rotator,
        })))
    }

    pub fn now(&self) -> i64 {
        self.clock.now()
    }
}

/// The OpenAPI document of the backend contract.
pub fn openapi_document() -> String {
    routes::ops_document()
}

/// Reads the signing keys again every minute: a rotation by another instance or the CLI, a
/// retired key whose time is up.
async fn reload_keys(state: AppState) {
    loop {
        tokio::time::sleep(std::time::Duration::from_mins(1)).await;
        if let Err(e) = state.keys.reload(&state.db, state.now()).await {
            tracing::warn!(error = %e, "cannot reload the signing keys; will retry");
        }
    }
}

/// Serves `state` on `listener` with the outbox worker beside it, until `shutdown` resolves.
pub async fn serve(
    state: AppState,
    listener: tokio::net::TcpListener,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> Result<(), ServeError> {
    let worker = mail::Worker::new(&state.settings, state.db.clone(), state.clock.clone(), Arc::clone(&state.mail_wake))?;
    let worker = tokio::spawn(worker.run());
    let housekeeping = tokio::spawn(housekeeping::run(state.db.clone(), state.clock.clone()));
    let keys = tokio::spawn(reload_keys(state.clone()));
    let router = app(state);
    // Small JSON answers on kept-alive connections: without TCP_NODELAY, Nagle's algorithm and the
    // peer's delayed ACK hold some of them back for tens of milliseconds.
    let listener = axum::serve::ListenerExt::tap_io(listener, |stream: &mut tokio::net::TcpStream| {
        if let Err(e) = stream.set_nodelay(true) {
            tracing::debug!(error = %e, "cannot set TCP_NODELAY");
        }
    });
    let result = axum::serve(listener, router.into_make_service_with_connect_info::<SocketAddr>()).with_graceful_shutdown(shutdown).await;
    worker.abort();
    housekeeping.abort();
    keys.abort();
    Ok(result?)
}
