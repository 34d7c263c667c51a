//! Portal sessions. The browser holds a random token in an `HttpOnly`, `SameSite=Strict` cookie; the
//! database holds its hash, the user and the token family its sign-in opened. A session lives
//! while its family does, for at most [`ABSOLUTE_SECS`], and ends after [`IDLE_SECS`] unused.
//!
//! The same cookie, before sign-in, is an anonymous browser token: the CSRF token of every form
//! is derived from it, so a page of another site can neither read nor forge it.

use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

use crate::db::Db;
use crate::ids::{b64, random_token, token_hash};

/// The session cookie (also the anonymous browser token before sign-in).
pub const COOKIE: &str = "latchkey_admin";
/// The Terms of Service ticket between sign-in and acceptance.
pub const TOS_COOKIE: &str = "latchkey_admin_tos";
/// The one-time message shown by the page a change redirects to.
pub const FLASH_COOKIE: &str = "latchkey_admin_flash";
/// The chosen language.
pub const LANGUAGE_COOKIE: &str = "latchkey_admin_lang";

pub const IDLE_SECS: i64 = 30 * 60;
pub const ABSOLUTE_SECS: i64 = 12 * 3600;
/// `last_seen_at` is written at most this often (a page view is otherwise read-only).
const TOUCH_SECS: i64 = 60;

/// A new browser token (43 characters of base64url).
pub fn new_token() -> String {
    random_token()
}

/// The CSRF token of the forms shown to the holder of `browser_token`.
pub fn csrf_token(browser_token: &str) -> String {
    b64(&Sha256::new().chain_update(b"latchkey-admin-csrf\0").chain_update(browser_token.as_bytes()).finalize())
}

/// Whether `presented` is the CSRF token of `browser_token` (constant time).
pub fn csrf_matches(browser_token: &str, presented: &str) -> bool {
    csrf_token(browser_token).as_bytes().ct_eq(presented.as_bytes()).into()
}

/// Opens a session for `user_id` on the family of `refresh_token` (from the sign-in).
pub async fn open(db: &Db, now: i64, token: &str, user_id: &str, refresh_token: &str) -> Result<(), sqlx::Error> {
    let mut tx = db.begin().await?;
    let family: String = sqlx::query_scalar("SELECT family_id FROM refresh_tokens WHERE token_hash = $1")
        .bind(token_hash(refresh_token))
        .fetch_one(&mut *tx)
        .await?;
    sqlx::query("INSERT INTO admin_sessions (token_hash, user_id, family_id, created_at, last_seen_at) VALUES ($1, $2, $3, $4, $4)")
        .bind(token_hash(token))
        .bind(user_id)
        .bind(&family)
        .bind(now)
        .execute(&mut *tx)
        .await?;
    tx.commit().await
}

/// The user of the live session `token`, if any; marks it seen.
pub async fn user(db: &Db, now: i64, token: &str) -> Result<Option<String>, sqlx::Error> {
    let hash = token_hash(token);
    let row: Option<(String, i64)> = sqlx::query_as(
        "SELECT s.user_id, s.last_seen_at FROM admin_sessions s JOIN token_families f ON f.id = s.family_id \
         WHERE s.token_hash = $1 AND f.revoked_at IS NULL AND s.created_at > $2 AND s.last_seen_at > $3",
    )
    .bind(&hash)
    .bind(now - ABSOLUTE_SECS)
    .bind(now - IDLE_SECS)
    .fetch_optional(&db.pool)
    .await?;
    let Some((user_id, last_seen)) = row else { return Ok(None) };
    if now - last_seen >= TOUCH_SECS {
        sqlx::query("UPDATE admin_sessions SET last_seen_at = $2 WHERE token_hash = $1").bind(&hash).bind(now).execute(&db.writer).await?;
    }
    Ok(Some(user_id))
}

/// Ends the session `token` and revokes its token family.
pub async fn close(db: &Db, now: i64, token: &str) -> Result<(), sqlx::Error> {
    let mut tx = db.begin().await?;
    let family: Option<String> = sqlx::query_scalar("DELETE FROM admin_sessions WHERE token_hash = $1 RETURNING family_id")
        .bind(token_hash(token))
        .fetch_optional(&mut *tx)
        .await?;
    if let Some(family) = family {
        crate::sessions::revoke_family(&mut tx, &family, "signed_out", now).await?;
    }
    tx.commit().await
}

/// The hash that keys `token`'s rows (its uploads).
pub fn key(token: &str) -> String {
    token_hash(token)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csrf_tokens_belong_to_one_browser() {
        let (a, b) = (new_token(), new_token());
        assert!(csrf_matches(&a, &csrf_token(&a)));
        assert!(!csrf_matches(&a, &csrf_token(&b)));
        assert!(!csrf_matches(&a, ""));
        assert!(!csrf_matches(&a, &a), "the cookie itself is not the form's token");
    }
}
