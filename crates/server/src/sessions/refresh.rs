//! The refresh grant (`grant_type=refresh_token`): rotation on every use, reuse detection with
//! the lost-response exception, the Terms gate, and the two ways a token rotates: batched with
//! others when the rule needs no decision ([`super::rotator`]), or in a transaction that decides.

use latchkey_protocol::{ClientInfo, ErrorCode, Secret, SessionResponse};

use super::grant::{self, read_grant, GrantRow, UNEXPIRED};
use super::{revoke_family, signed_in, tos_required};
use crate::audit::{self, Entry};
use crate::db::{Dialect, Tx};
use crate::error::ApiError;
use crate::ids::{random_token, token_hash};
use crate::metrics::Metrics;
use crate::tos;
use crate::AppState;

/// A used token whose successor is younger than this and unused is taken as a lost response.
const LOST_RESPONSE_SECS: i64 = 60;

/// Why a refresh was refused; the OAuth endpoint and the v1 endpoint word it differently.
pub enum RefreshRefused {
    InvalidGrant,
    UnsupportedAudience,
    Api(ApiError),
}

impl From<sqlx::Error> for RefreshRefused {
    fn from(e: sqlx::Error) -> Self {
        RefreshRefused::Api(e.into())
    }
}

impl From<RefreshRefused> for ApiError {
    fn from(refused: RefreshRefused) -> Self {
        match refused {
            RefreshRefused::InvalidGrant => ApiError::new(axum::http::StatusCode::UNAUTHORIZED, ErrorCode::InvalidGrant)
                .detail("the refresh token is not valid: sign in again"),
            RefreshRefused::UnsupportedAudience => {
                ApiError::bad_request(ErrorCode::UnsupportedAudience, "the audience is not one this server issues tokens for")
            }
            RefreshRefused::Api(e) => e,
        }
    }
}

fn audience(state: &AppState, requested: Option<&str>) -> Result<String, RefreshRefused> {
    match requested.map(str::trim).filter(|a| !a.is_empty()) {
        None => Ok(state.settings.default_audience().to_owned()),
        Some(a) if state.settings.audiences.iter().any(|known| known == a) => Ok(a.to_owned()),
        Some(_) => Err(RefreshRefused::UnsupportedAudience),
    }
}

/// Marks `$1` (the presented token's hash) used at `$2` and inserts its successor `$3` in family
/// `$4`, in one atomic statement that changes nothing when the token was used first or its
/// family revoked meanwhile.
pub(crate) fn rotate_sql(dialect: Dialect) -> &'static str {
    match dialect {
        // PostgreSQL updates and inserts in one round trip (one commit).
        Dialect::Postgres => {
            "WITH used AS (UPDATE refresh_tokens SET used_at = $2, successor_hash = $3 WHERE token_hash = $1 AND used_at IS NULL \
             AND NOT EXISTS (SELECT 1 FROM token_families f WHERE f.id = $4 AND f.revoked_at IS NOT NULL) RETURNING family_id) \
             INSERT INTO refresh_tokens (token_hash, family_id, issued_at) SELECT $3, family_id, $2 FROM used"
        }
        // The insert happens only if the presented token is unused and its family live; the
        // `refresh_tokens_rotate` trigger (migration 0002) marks it used in the same statement.
        Dialect::Sqlite => {
            "INSERT INTO refresh_tokens (token_hash, family_id, issued_at, predecessor_hash) \
             SELECT $3, t.family_id, $2, t.token_hash FROM refresh_tokens t JOIN token_families f ON f.id = t.family_id \
             WHERE t.token_hash = $1 AND t.used_at IS NULL AND f.id = $4 AND f.revoked_at IS NULL"
        }
    }
}

/// Rotates with [`rotate_sql`]: `None` when another request used the token first or its family
/// was revoked meanwhile. The transactional slow path and the Terms acceptance rotate here.
pub(super) async fn rotate<'e, E: sqlx::Executor<'e, Database = sqlx::Any>>(
    executor: E,
    dialect: Dialect,
    family: &str,
    old_hash: &str,
    now: i64,
) -> Result<Option<Secret>, sqlx::Error> {
    let successor = Secret::new(random_token());
    let inserted = sqlx::query(rotate_sql(dialect))
        .bind(old_hash)
        .bind(now)
        .bind(token_hash(successor.expose()))
        .bind(family)
        .execute(executor)
        .await?;
    Ok((inserted.rows_affected() == 1).then_some(successor))
}

/// The refresh grant. Rotation on every use; a used token revokes its family, except a lost
/// response (successor unused and under a minute old), whose pair is replaced instead; a
/// pending Terms of Service answers `tos_required` and leaves the token unused.
pub async fn refresh(
    state: &AppState,
    token: &Secret,
    requested_audience: Option<&str>,
    ip: &str,
) -> Result<SessionResponse, RefreshRefused> {
    let audience = audience(state, requested_audience)?;
    let hash = token_hash(token.expose());
    if let Some(answer) = fast_rotate(state, &hash, &audience).await {
        Metrics::add(&state.metrics.refreshes_succeeded);
        Metrics::add(&state.metrics.refreshes_batched);
        return Ok(answer);
    }
    // Two attempts: on PostgreSQL a concurrent request may use the token between our read and
    // our update; the second pass then sees it used and applies the reuse rules.
    for _ in 0..2 {
        let mut tx = state.db.begin().await?;
        match refresh_once(state, &mut tx, &hash, &audience, ip).await? {
            Some(outcome) => {
                tx.commit().await?;
                match &outcome {
                    Ok(_) => Metrics::add(&state.metrics.refreshes_succeeded),
                    Err(_) => Metrics::add(&state.metrics.refreshes_failed),
                }
                return outcome;
            }
            None => tx.rollback().await?,
        }
    }
    Metrics::add(&state.metrics.refreshes_failed);
    Err(RefreshRefused::InvalidGrant)
}

/// The common case, batched with others in one transaction ([`rotator`]); `None`
/// when the slow path must decide (used token, Terms, a race) or the batch failed.
async fn fast_rotate(state: &AppState, hash: &str, audience: &str) -> Option<SessionResponse> {
    let now = state.now();
    let successor = Secret::new(random_token());
    let grant = state.rotator.as_ref()?.rotate(hash, &token_hash(successor.expose()), now).await?;
    Some(signed_in(state, grant.user, audience, successor, now))
}

type Outcome = Result<SessionResponse, RefreshRefused>;

async fn refresh_once(state: &AppState, tx: &mut Tx, hash: &str, audience: &str, ip: &str) -> Result<Option<Outcome>, sqlx::Error> {
    let now = state.now();
    let Some(grant) = read_grant(tx, state.db.dialect, hash).await? else {
        return Ok(Some(Err(RefreshRefused::InvalidGrant)));
    };
    let unexpired = grant::holds(UNEXPIRED, &grant, now);
    let GrantRow { family, used_at, successor_hash, revoked_at, client, current_tos, user, accepted, .. } = grant;
    let user_id = user.id.clone();
    if revoked_at.is_some() {
        return Ok(Some(Err(RefreshRefused::InvalidGrant)));
    }
    // Reuse is judged before age: an old, used token presented again is still a theft signal.
    if used_at.is_none() && !unexpired {
        return Ok(Some(Err(RefreshRefused::InvalidGrant)));
    }
    if used_at.is_some() {
        let successor: Option<(i64, Option<i64>)> = match &successor_hash {
            Some(s) => {
                sqlx::query_as("SELECT issued_at, used_at FROM refresh_tokens WHERE token_hash = $1")
                    .bind(s)
                    .fetch_optional(&mut **tx)
                    .await?
            }
            None => None,
        };
        let lost_response = matches!(successor, Some((issued, None)) if now - issued < LOST_RESPONSE_SECS);
        if !lost_response {
            revoke_family(tx, &family, "refresh_token_reuse", now).await?;
            audit::record(
                tx,
                now,
                "token_family_revoked",
                Entry {
                    user_id: Some(&user_id),
                    ip: Some(ip),
                    detail: serde_json::json!({"family": family, "reason": "refresh_token_reuse"}),
                    ..Entry::default()
                },
            )
            .await?;
            Metrics::add(&state.metrics.token_families_revoked_for_reuse);
            tracing::warn!(user = %user_id, family = %family, "refresh token reused: family revoked");
            return Ok(Some(Err(RefreshRefused::InvalidGrant)));
        }
        // The client never saw the successor: retire it and issue a new one in its place.
        if let Some(s) = &successor_hash {
            let retired =
                sqlx::query("DELETE FROM refresh_tokens WHERE token_hash = $1 AND used_at IS NULL").bind(s).execute(&mut **tx).await?;
            if retired.rows_affected() == 0 {
                // The successor was used after our read (we lock the presented token, not its
                // successor): no longer a lost response. The next pass sees it used and revokes.
                return Ok(None);
            }
        }
        sqlx::query("UPDATE refresh_tokens SET used_at = NULL WHERE token_hash = $1").bind(hash).execute(&mut **tx).await?;
    }
    if let Some(version) = current_tos {
        if accepted.as_deref() != Some(version.as_str()) {
            let client: ClientInfo = serde_json::from_str(&client).unwrap_or_default();
            let answer = tos_required(tx, &user, tos::Version { version }, Some(hash), Some(audience), &client, now).await?;
            return Ok(Some(Ok(answer)));
        }
    }
    let Some(successor) = rotate(&mut **tx, state.db.dialect, &family, hash, now).await? else {
        return Ok(None);
    };
    Ok(Some(Ok(signed_in(state, user, audience, successor, now))))
}
