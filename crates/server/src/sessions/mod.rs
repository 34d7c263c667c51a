//! Sessions: password sign-in, the Terms of Service gate, refresh-token families with rotation
//! and reuse detection, revocation, and the access tokens they issue.

mod grant;
mod refresh;
pub mod rotator;

pub(crate) use grant::{read_grant_sql, rule_sql, GrantRow};
pub(crate) use refresh::rotate_sql;
pub use refresh::{refresh, RefreshRefused};

use latchkey_protocol::{ClientInfo, ErrorCode, Secret, SessionResponse, SignedIn, TosRequired, User};
use serde::{Deserialize, Serialize};

use crate::audit::{self, Entry};
use crate::db::Tx;
use crate::error::ApiError;
use crate::ids::{random_token, token_hash};
use crate::limits;
use crate::metrics::Metrics;
use crate::tos;
use crate::users::load_user;
use crate::validate;
use crate::AppState;

const TICKET_SECS: i64 = 10 * 60;
pub const CLIENT_ID: &str = "latchkey-desktop";

/// Claims of an access token (RFC 9068).
#[derive(Serialize, Deserialize, Debug)]
pub struct AccessClaims {
    pub iss: String,
    pub sub: String,
    pub aud: String,
    pub exp: i64,
    pub iat: i64,
    pub jti: String,
    pub client_id: String,
    pub email: String,
    pub org: Option<String>,
    pub roles: Vec<String>,
}

fn access_token(state: &AppState, user: &User, audience: &str, now: i64) -> (Secret, u64) {
    let ttl = state.settings.access_token_ttl.as_secs();
    let claims = AccessClaims {
        iss: state.settings.public_url.clone(),
        sub: user.id.clone(),
        aud: audience.to_owned(),
        exp: now + ttl as i64,
        iat: now,
        jti: crate::ids::new_id("at"),
        client_id: CLIENT_ID.into(),
        email: user.email.clone(),
        org: user.org.as_ref().map(|o| o.id.clone()),
        roles: user.roles.clone(),
    };
    (Secret::new(state.keys.sign("at+jwt", &claims)), ttl)
}

pub(super) fn signed_in(state: &AppState, user: User, audience: &str, refresh_token: Secret, now: i64) -> SessionResponse {
    let (access_token, expires_in) = access_token(state, &user, audience, now);
    SessionResponse::SignedIn(SignedIn { access_token, token_type: "Bearer".into(), expires_in, refresh_token, user })
}

/// Verifies a bearer access token for this server (its own audience) and returns the claims.
pub fn verify_access_token(state: &AppState, token: &str) -> Result<AccessClaims, ApiError> {
    let claims: AccessClaims = state.keys.verify("at+jwt", token).map_err(|_| ApiError::unauthorized("the bearer token is not valid"))?;
    if claims.iss != state.settings.public_url || claims.aud != state.settings.default_audience() {
        return Err(ApiError::unauthorized("the bearer token is not for this server"));
    }
    if claims.exp <= state.now() {
        return Err(ApiError::unauthorized("the bearer token has expired"));
    }
    Ok(claims)
}

async fn new_family(tx: &mut Tx, user_id: &str, client: &ClientInfo, now: i64) -> Result<Secret, sqlx::Error> {
    let family = crate::ids::new_id("fam");
    sqlx::query("INSERT INTO token_families (id, user_id, client, created_at) VALUES ($1, $2, $3, $4)")
        .bind(&family)
        .bind(user_id)
        .bind(serde_json::to_string(client).unwrap_or_default())
        .bind(now)
        .execute(&mut **tx)
        .await?;
    insert_refresh_token(tx, &family, now).await
}

async fn insert_refresh_token(tx: &mut Tx, family: &str, now: i64) -> Result<Secret, sqlx::Error> {
    let token = Secret::new(random_token());
    sqlx::query("INSERT INTO refresh_tokens (token_hash, family_id, issued_at) VALUES ($1, $2, $3)")
        .bind(token_hash(token.expose()))
        .bind(family)
        .bind(now)
        .execute(&mut **tx)
        .await?;
    Ok(token)
}

/// Issues a `ToS` ticket: the user must accept `current` before any token is issued. With a
/// refresh token, acceptance continues that token's family.
pub(super) async fn tos_required(
    tx: &mut Tx,
    user: &User,
    current: tos::Version,
    refresh_hash: Option<&str>,
    audience: Option<&str>,
    client: &ClientInfo,
    now: i64,
) -> Result<SessionResponse, sqlx::Error> {
    let ticket = Secret::new(random_token());
    sqlx::query(
        "INSERT INTO tos_tickets (ticket_hash, user_id, refresh_token_hash, audience, client, expires_at) VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(token_hash(ticket.expose()))
    .bind(&user.id)
    .bind(refresh_hash)
    .bind(audience)
    .bind(serde_json::to_string(client).unwrap_or_default())
    .bind(now + TICKET_SECS)
    .execute(&mut **tx)
    .await?;
    let document = tos::document(tx, &current.version, user.language).await?;
    Ok(SessionResponse::TosRequired(TosRequired { tos_ticket: ticket, tos: document }))
}

pub async fn sign_in(state: &AppState, email: &str, password: Secret, client: ClientInfo, ip: &str) -> Result<SessionResponse, ApiError> {
    let email = validate::email(email)
        .map_err(|_| ApiError::validation(vec![latchkey_protocol::FieldError { field: "email".into(), code: "invalid_email".into() }]))?;
    let now = state.now();
    let limits = &state.settings.limits;
    let ip_key = format!("signin_failures:ip:{ip}");
    // Every attempt is counted as a failure *before* Argon2 runs, and given back on success:
    // a burst of parallel guesses cannot all pass the check while the first ones are hashing.
    let mut tx = state.db.begin().await?;
    if let Err(retry) = limits::hit(&mut tx, &ip_key, limits.signin_failures_per_ip, now).await? {
        return Err(ApiError::rate_limited(retry));
    }
    if let Err(retry) = limits::reserve_attempt(&mut tx, &email.key, limits.lock_after, now).await? {
        return Err(ApiError::new(axum::http::StatusCode::TOO_MANY_REQUESTS, ErrorCode::AccountLocked).retry_after(retry));
    }
    let account: Option<(String, Option<String>)> =
        sqlx::query_as("SELECT id, password_hash FROM users WHERE email_key = $1").bind(&email.key).fetch_optional(&mut *tx).await?;
    // Release the database while Argon2 runs: it must not hold SQLite's write lock.
    tx.commit().await?;
    let (user_id, hash) = account.map_or((None, None), |(id, hash)| (Some(id), hash));
    let verified = state.hasher.verify(crate::password::normalize(&password), hash).await.map_err(|e| ApiError::internal(&e))?;

    let mut tx = state.db.begin().await?;
    let Some(user_id) = user_id.filter(|_| verified) else {
        limits::settle_failure(&mut tx, &email.key, limits.lock_after, now).await?;
        audit::record(&mut tx, now, "signin_failed", Entry { address: Some(&email.key), ip: Some(ip), ..Entry::default() }).await?;
        tx.commit().await?;
        Metrics::add(&state.metrics.signins_failed);
        return Err(ApiError::new(axum::http::StatusCode::UNAUTHORIZED, ErrorCode::InvalidCredentials)
            .detail("the email address or the password is wrong"));
    };
    limits::clear(&mut tx, &email.key, false).await?;
    limits::give_back(&mut tx, &ip_key).await?;
    let (user, accepted) =
        load_user(&mut tx, state.db.dialect, &user_id).await?.ok_or_else(|| ApiError::internal(&"user vanished during sign-in"))?;
    audit::record(
        &mut tx,
        now,
        "signin",
        Entry { user_id: Some(&user_id), address: Some(&email.key), ip: Some(ip), detail: serde_json::json!({"client": client}) },
    )
    .await?;
    let answer = match tos::current(&mut tx).await? {
        Some(current) if accepted.as_deref() != Some(current.version.as_str()) => {
            tos_required(&mut tx, &user, current, None, None, &client, now).await?
        }
        _ => {
            let refresh = new_family(&mut tx, &user_id, &client, now).await?;
            signed_in(state, user, state.settings.default_audience(), refresh, now)
        }
    };
    tx.commit().await?;
    Metrics::add(&state.metrics.signins_succeeded);
    Ok(answer)
}

pub async fn accept_tos(state: &AppState, ticket: &Secret, version: &str, ip: &str) -> Result<SessionResponse, ApiError> {
    let now = state.now();
    let invalid = || ApiError::bad_request(ErrorCode::InvalidTicket, "the ticket is unknown, used or expired: sign in again");
    let mut tx = state.db.begin().await?;
    // Claimed by deleting it: of two concurrent accepts, only one gets the row. A refusal below
    // rolls the transaction back and the ticket stays usable.
    let row: Option<(String, Option<String>, Option<String>, String, i64)> = sqlx::query_as(
        "DELETE FROM tos_tickets WHERE ticket_hash = $1 RETURNING user_id, refresh_token_hash, audience, client, expires_at",
    )
    .bind(token_hash(ticket.expose()))
    .fetch_optional(&mut *tx)
    .await?;
    let Some((user_id, refresh_hash, audience, client, _)) = row.filter(|r| r.4 > now) else {
        return Err(invalid());
    };
    let current = tos::current(&mut tx).await?;
    if let Some(current) = &current {
        if current.version != version {
            return Err(ApiError::new(axum::http::StatusCode::CONFLICT, ErrorCode::TosVersionMismatch)
                .detail(format!("the current Terms of Service are version {}", current.version)));
        }
    }
    sqlx::query("INSERT INTO tos_acceptances (id, user_id, version, accepted_at, client) VALUES ($1, $2, $3, $4, $5)")
        .bind(crate::ids::new_id("acc"))
        .bind(&user_id)
        .bind(version)
        .bind(now)
        .bind(&client)
        .execute(&mut *tx)
        .await?;
    sqlx::query("UPDATE users SET tos_accepted_version = $2 WHERE id = $1").bind(&user_id).bind(version).execute(&mut *tx).await?;
    audit::record(
        &mut tx,
        now,
        "tos_accepted",
        Entry { user_id: Some(&user_id), ip: Some(ip), detail: serde_json::json!({"version": version}), ..Entry::default() },
    )
    .await?;
    let Some((user, _)) = load_user(&mut tx, state.db.dialect, &user_id).await? else { return Err(invalid()) };
    let refresh = match refresh_hash {
        // Continue the family of the refresh that asked for acceptance: rotate its token now.
        Some(old_hash) => {
            let family: Option<String> = sqlx::query_scalar(
                "SELECT t.family_id FROM refresh_tokens t JOIN token_families f ON f.id = t.family_id \
                 WHERE t.token_hash = $1 AND t.used_at IS NULL AND f.revoked_at IS NULL",
            )
            .bind(&old_hash)
            .fetch_optional(&mut *tx)
            .await?;
            let Some(family) = family else { return Err(invalid()) };
            refresh::rotate(&mut *tx, state.db.dialect, &family, &old_hash, now).await?.ok_or_else(invalid)?
        }
        None => {
            let client: ClientInfo = serde_json::from_str(&client).unwrap_or_default();
            new_family(&mut tx, &user_id, &client, now).await?
        }
    };
    tx.commit().await?;
    let audience = audience.unwrap_or_else(|| state.settings.default_audience().to_owned());
    Ok(signed_in(state, user, &audience, refresh, now))
}

pub async fn revoke_family(tx: &mut Tx, family: &str, reason: &str, now: i64) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE token_families SET revoked_at = $2, revoked_reason = $3 WHERE id = $1 AND revoked_at IS NULL")
        .bind(family)
        .bind(now)
        .bind(reason)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Ends every session of a user; returns how many were live.
pub async fn revoke_all_families(tx: &mut Tx, user_id: &str, reason: &str, now: i64) -> Result<u64, sqlx::Error> {
    // A pending Terms ticket would open a new session: it ends with the others.
    sqlx::query("DELETE FROM tos_tickets WHERE user_id = $1").bind(user_id).execute(&mut **tx).await?;
    let done = sqlx::query("UPDATE token_families SET revoked_at = $2, revoked_reason = $3 WHERE user_id = $1 AND revoked_at IS NULL")
        .bind(user_id)
        .bind(now)
        .bind(reason)
        .execute(&mut **tx)
        .await?;
    Ok(done.rows_affected())
}

/// Revokes the family of a refresh token (RFC 7009: unknown tokens are not an error).
pub async fn revoke(state: &AppState, token: &Secret, ip: &str) -> Result<(), ApiError> {
    let now = state.now();
    let mut tx = state.db.begin().await?;
    let row: Option<(String, String)> = sqlx::query_as(
        "SELECT t.family_id, f.user_id FROM refresh_tokens t JOIN token_families f ON f.id = t.family_id WHERE t.token_hash = $1 AND f.revoked_at IS NULL",
    )
    .bind(token_hash(token.expose()))
    .fetch_optional(&mut *tx)
    .await?;
    if let Some((family, user_id)) = row {
        revoke_family(&mut tx, &family, "signed_out", now).await?;
        audit::record(
            &mut tx,
            now,
            "token_family_revoked",
            Entry {
                user_id: Some(&user_id),
                ip: Some(ip),
                detail: serde_json::json!({"family": family, "reason": "signed_out"}),
                ..Entry::default()
            },
        )
        .await?;
    }
    tx.commit().await?;
    Ok(())
}
