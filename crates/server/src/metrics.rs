//! The server's counters, exported at `/metrics`.

use std::fmt::Write as _;
use std::sync::atomic::{AtomicU64, Ordering};

/// Counters for `/metrics`, named as they are exported.
#[derive(Default)]
pub struct Metrics {
    pub http_requests: AtomicU64,
    pub http_server_errors: AtomicU64,
    pub signins_succeeded: AtomicU64,
    pub signins_failed: AtomicU64,
    pub refreshes_succeeded: AtomicU64,
    /// Of those, the ones rotated in a batch (the common case, `sessions::rotator`).
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
