//! `AppState`: what every handler shares. Built once by `serve` (or by a test) and cloned cheaply.

use std::fmt::Write as _;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use tokio::sync::Notify;

use crate::clock::Clock;
use crate::config::Settings;
use crate::db::Db;
use crate::keys::Keys;
use crate::password::{Hasher, Policy};

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
}

impl std::ops::Deref for AppState {
    type Target = Inner;
    fn deref(&self) -> &Inner {
        &self.0
    }
}

impl AppState {
    pub async fn new(settings: Settings, db: Db, clock: Arc<dyn Clock>) -> Result<AppState, crate::ServeError> {
        let keys = Keys::load_or_create(&db, clock.now()).await?;
        Ok(AppState(Arc::new(Inner {
            policy: Policy::new(settings.password_min_length),
            hasher: Hasher::new(settings.hash_concurrency),
            settings,
            db,
            clock,
            keys,
            mail_wake: Arc::new(Notify::new()),
            metrics: Metrics::default(),
        })))
    }

    pub fn now(&self) -> i64 {
        self.clock.now()
    }
}

/// Counters for `/metrics`, named as they are exported.
#[derive(Default)]
pub struct Metrics {
    pub http_requests: AtomicU64,
    pub http_server_errors: AtomicU64,
    pub signins_succeeded: AtomicU64,
    pub signins_failed: AtomicU64,
    pub refreshes_succeeded: AtomicU64,
    /// Of those, the ones rotated in a batch (the common case, `db::rotator`).
    pub refreshes_batched: AtomicU64,
    pub refreshes_failed: AtomicU64,
    pub token_families_revoked_for_reuse: AtomicU64,
    pub codes_sent: AtomicU64,
    pub passwords_reset: AtomicU64,
}

impl Metrics {
    pub fn add(counter: &AtomicU64) {
        counter.fetch_add(1, Ordering::Relaxed);
    }

    pub fn render(&self) -> String {
        let rows = [
            ("latchkey_http_requests_total", "HTTP requests answered", &self.http_requests),
            ("latchkey_http_server_errors_total", "HTTP 5xx answers", &self.http_server_errors),
            ("latchkey_signins_succeeded_total", "Successful password sign-ins", &self.signins_succeeded),
            ("latchkey_signins_failed_total", "Failed password sign-ins", &self.signins_failed),
            ("latchkey_refreshes_succeeded_total", "Refresh grants answered with tokens", &self.refreshes_succeeded),
            ("latchkey_refreshes_batched_total", "Refresh grants rotated in a batch (the common case)", &self.refreshes_batched),
            ("latchkey_refreshes_failed_total", "Refresh grants refused", &self.refreshes_failed),
            (
                "latchkey_token_families_revoked_for_reuse_total",
                "Token families revoked on refresh-token reuse",
                &self.token_families_revoked_for_reuse,
            ),
            ("latchkey_codes_sent_total", "One-time codes queued for mail", &self.codes_sent),
            ("latchkey_passwords_reset_total", "Passwords set with a one-time code", &self.passwords_reset),
        ];
        let mut out = String::new();
        for (name, help, counter) in rows {
            let _ = write!(out, "# HELP {name} {help}\n# TYPE {name} counter\n{name} {}\n", counter.load(Ordering::Relaxed));
        }
        out
    }
}
