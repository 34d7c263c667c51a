//! `latchkey-server`: the registration backend. Sign-in, forgot password, Terms of Service,
//! tokens and entitlements over HTTP, on `SQLite` or `PostgreSQL`, with a mail outbox.
//!
//! [`app`] builds the router from an [`AppState`] (tests drive it directly); [`serve`] runs it
//! with the outbox worker.

pub mod accounts;
pub mod audit;
pub mod bulk;
pub mod clock;
pub mod config;
pub mod db;
pub mod entitlements;
pub mod error;
pub mod housekeeping;
pub mod ids;
pub mod keys;
pub mod limits;
pub mod mail;
pub mod members;
pub mod orgs;
pub mod password;
pub mod portal;
pub mod pow;
pub mod roles;
pub mod routes;
pub mod sessions;
pub mod state;
pub mod tos;
pub mod validate;

use std::net::SocketAddr;
use std::sync::Arc;

pub use routes::app;
pub use state::AppState;

/// Why the server could not start or stopped serving.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    #[error("database: {0}")]
    Database(#[from] sqlx::Error),
    /// A setting that cannot be used, named with its key.
    #[error("{0}")]
    Setting(String),
    #[error("{0}")]
    Io(#[from] std::io::Error),
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
