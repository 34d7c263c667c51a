//! Housekeeping: removes state that can no longer matter (expired codes and tickets, finished
//! rate windows, refresh tokens of ended sessions, delivered mail), so tables stay small.

use std::sync::Arc;
use std::time::Duration;

use crate::clock::Clock;
use crate::db::Db;

/// How long finished rows are kept before removal, for forensics (the audit log is kept).
const KEEP_SECS: i64 = 7 * 86_400;
/// Refresh tokens live at most 90 days (absolute lifetime).
const FAMILY_MAX_SECS: i64 = 90 * 86_400;

/// One pass; returns the number of rows removed. Safe to run on several instances at once.
pub async fn sweep(db: &Db, now: i64) -> Result<u64, sqlx::Error> {
    let keep = now - KEEP_SECS;
    let statements: [(&str, i64); 10] = [
        // A retired signing key has left the JWKS: nothing it signed is still valid.
        ("DELETE FROM signing_keys WHERE retire_after IS NOT NULL AND retire_after < $1", now),
        // Portal sessions end by 12 hours; their uploads wait an hour for the import.
        ("DELETE FROM admin_uploads WHERE created_at < $1", now - crate::portal::UPLOAD_KEEP_SECS),
        ("DELETE FROM admin_sessions WHERE created_at < $1", now - crate::portal::session::ABSOLUTE_SECS),
        ("DELETE FROM codes WHERE expires_at < $1", keep),
        ("DELETE FROM tos_tickets WHERE expires_at < $1", keep),
        // The longest window of any limit is far shorter than a week.
        ("DELETE FROM rate_counters WHERE window_start < $1", keep),
        // A spent proof-of-work challenge (its expiry in `window_start`) cannot be replayed once expired.
        ("DELETE FROM rate_counters WHERE key LIKE 'pow:spent:%' AND window_start < $1", now),
        ("DELETE FROM signin_lockouts WHERE locked_until < $1 AND failures = 0", keep),
        ("DELETE FROM outbox WHERE (sent_at IS NOT NULL AND sent_at < $1) OR (failed_at IS NOT NULL AND failed_at < $1)", keep),
        (
            "DELETE FROM refresh_tokens WHERE family_id IN (SELECT id FROM token_families WHERE (revoked_at IS NOT NULL AND revoked_at < $1) OR created_at < $1)",
            // Families past their absolute lifetime are dead whether revoked or not.
            now - FAMILY_MAX_SECS - KEEP_SECS,
        ),
    ];
    let mut removed = 0;
    for (sql, before) in statements {
        removed += sqlx::query(sql).bind(before).execute(&db.pool).await?.rows_affected();
    }
    Ok(removed)
}

pub async fn run(db: Db, clock: Arc<dyn Clock>) {
    loop {
        match sweep(&db, clock.now()).await {
            Ok(0) => {}
            Ok(removed) => tracing::info!(removed, "housekeeping removed finished rows"),
            Err(e) => tracing::warn!(error = %e, "housekeeping failed; will retry"),
        }
        tokio::time::sleep(Duration::from_mins(15)).await;
    }
}
