//! Sessions: password sign-in, the Terms of Service gate, refresh-token families with rotation
//! and reuse detection, revocation, and the access tokens they issue.

pub mod rotator;

use latchkey_protocol::{ClientInfo, ErrorCode, Language, OrgRef, Secret, SessionResponse, SignedIn, TosRequired, User};
use serde::{Deserialize, Serialize};
use sqlx::any::AnyRow;
use sqlx::Row as _;

use crate::audit::{self, Entry};
use crate::db::{Dialect, Tx};
use crate::error::ApiError;
use crate::ids::{random_token, token_hash};
use crate::limits;
use crate::metrics::Metrics;
use crate::tos;
use crate::validate;
use crate::AppState;

pub(crate) const REFRESH_IDLE_SECS: i64 = 30 * 86_400;
pub(crate) const REFRESH_ABSOLUTE_SECS: i64 = 90 * 86_400;
/// A used token whose successor is younger than this and unused is taken as a lost response.
const LOST_RESPONSE_SECS: i64 = 60;
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

/// The columns of a user with their organization's name and their roles (comma-joined), for
/// `FROM users u LEFT JOIN orgs o ON o.id = u.org_id`: one query instead of two on hot paths.
fn user_columns(dialect: Dialect) -> String {
    let roles = match dialect {
        Dialect::Sqlite => "group_concat(r.role, ',')",
        Dialect::Postgres => "string_agg(r.role, ',')",
    };
    format!(
        "u.id AS user_id, u.email, u.first_name, u.last_name, u.country, u.language, u.org_id, o.name AS org_name, \
         u.tos_accepted_version, (SELECT {roles} FROM user_roles r WHERE r.user_id = u.id) AS roles"
    )
}

/// A result row, read by column name: sqlx's rows, and the rotator's ([`rotator`]:
/// rusqlite's, PostgreSQL's), so each builds a grant with one piece of code.
pub(crate) trait Columns {
    fn text(&self, name: &str) -> Result<Option<String>, sqlx::Error>;
    fn int(&self, name: &str) -> Result<Option<i64>, sqlx::Error>;

    fn required_text(&self, name: &str) -> Result<String, sqlx::Error> {
        self.text(name)?.ok_or_else(|| null_column(name))
    }

    fn required_int(&self, name: &str) -> Result<i64, sqlx::Error> {
        self.int(name)?.ok_or_else(|| null_column(name))
    }
}

fn null_column(name: &str) -> sqlx::Error {
    sqlx::Error::ColumnDecode { index: name.to_owned(), source: "unexpected NULL".into() }
}

impl Columns for AnyRow {
    fn text(&self, name: &str) -> Result<Option<String>, sqlx::Error> {
        self.try_get(name)
    }

    fn int(&self, name: &str) -> Result<Option<i64>, sqlx::Error> {
        self.try_get(name)
    }
}

fn user_from_row(row: &impl Columns) -> Result<(User, Option<String>), sqlx::Error> {
    let mut roles: Vec<String> = row.text("roles")?.map(|r| r.split(',').map(str::to_owned).collect()).unwrap_or_default();
    roles.sort_by_key(|r| crate::roles::rank(r));
    let org_id = row.text("org_id")?;
    let org_name = row.text("org_name")?;
    let language = row.required_text("language")?;
    let user = User {
        id: row.required_text("user_id")?,
        email: row.required_text("email")?,
        first_name: row.required_text("first_name")?,
        last_name: row.required_text("last_name")?,
        country: row.required_text("country")?,
        language: Language::from_tag(&language).unwrap_or_default(),
        org: org_id.map(|id| OrgRef { id, name: org_name.unwrap_or_default() }),
        roles,
    };
    Ok((user, row.text("tos_accepted_version")?))
}

/// The user and the Terms version they accepted last.
pub async fn load_user(tx: &mut Tx, dialect: Dialect, user_id: &str) -> Result<Option<(User, Option<String>)>, sqlx::Error> {
    let sql = format!("SELECT {} FROM users u LEFT JOIN orgs o ON o.id = u.org_id WHERE u.id = $1", user_columns(dialect));
    let row = sqlx::query(&sql).bind(user_id).fetch_optional(&mut **tx).await?;
    row.as_ref().map(user_from_row).transpose()
}

/// `GET /v1/me`: the user and the Terms version they accepted, or `None` if the account is gone.
pub async fn me(state: &AppState, user_id: &str) -> Result<Option<latchkey_protocol::Me>, sqlx::Error> {
    let mut tx = state.db.pool.begin().await?;
    let found = load_user(&mut tx, state.db.dialect, user_id).await?;
    tx.commit().await?;
    Ok(found.map(|(user, tos_accepted_version)| latchkey_protocol::Me { user, tos_accepted_version }))
}

fn audience(state: &AppState, requested: Option<&str>) -> Result<String, RefreshRefused> {
    match requested.map(str::trim).filter(|a| !a.is_empty()) {
        None => Ok(state.settings.default_audience().to_owned()),
        Some(a) if state.settings.audiences.iter().any(|known| known == a) => Ok(a.to_owned()),
        Some(_) => Err(RefreshRefused::UnsupportedAudience),
    }
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

fn signed_in(state: &AppState, user: User, audience: &str, refresh_token: Secret, now: i64) -> SessionResponse {
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
async fn tos_required(
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
            rotate(&mut *tx, state.db.dialect, &family, &old_hash, now).await?.ok_or_else(invalid)?
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
async fn rotate<'e, E: sqlx::Executor<'e, Database = sqlx::Any>>(
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

/// What a refresh grant needs to know about a presented token.
pub(crate) struct GrantRow {
    pub(crate) family: String,
    issued_at: i64,
    used_at: Option<i64>,
    successor_hash: Option<String>,
    family_created: i64,
    revoked_at: Option<i64>,
    client: String,
    current_tos: Option<String>,
    user: User,
    accepted: Option<String>,
}

impl GrantRow {
    pub(crate) fn from_columns(row: &impl Columns) -> Result<GrantRow, sqlx::Error> {
        let (user, accepted) = user_from_row(row)?;
        Ok(GrantRow {
            family: row.required_text("family_id")?,
            issued_at: row.required_int("issued_at")?,
            used_at: row.int("used_at")?,
            successor_hash: row.text("successor_hash")?,
            family_created: row.required_int("family_created")?,
            revoked_at: row.int("revoked_at")?,
            client: row.required_text("client")?,
            current_tos: row.text("current_tos")?,
            user,
            accepted,
        })
    }

    /// The common case, which needs no transaction of its own: a live, unused token of a user
    /// who accepted the current Terms. Anything else (a used token, Terms to accept, an
    /// expired family) goes to [`refresh_once`], which decides. The rotator's PostgreSQL batch
    /// states the same rule in SQL.
    pub(crate) fn rotates_without_decision(&self, now: i64) -> bool {
        let live = self.used_at.is_none()
            && self.revoked_at.is_none()
            && now - self.family_created <= REFRESH_ABSOLUTE_SECS
            && now - self.issued_at <= REFRESH_IDLE_SECS;
        live && (self.current_tos.is_none() || self.current_tos == self.accepted)
    }
}

/// Everything the grant needs in one query, by the token's hash (`key`: a parameter, or a column
/// of a batch's input): the token, its family,
/// the user with roles, and the current Terms version. This is the hottest query of the server.
///
/// With `lock`, the token's row stays locked until the transaction ends (PostgreSQL; on SQLite
/// `BEGIN IMMEDIATE` already serialises writers), so racing requests for one token decide one
/// after the other on what the previous one committed.
pub(crate) fn read_grant_sql(dialect: Dialect, key: &str, lock: bool) -> String {
    format!(
        "SELECT t.family_id, t.issued_at, t.used_at, t.successor_hash, f.created_at AS family_created, f.revoked_at, f.client, {}, \
         {} AS current_tos \
         FROM refresh_tokens t JOIN token_families f ON f.id = t.family_id JOIN users u ON u.id = f.user_id \
         LEFT JOIN orgs o ON o.id = u.org_id WHERE t.token_hash = {key}{}",
        user_columns(dialect),
        tos::CURRENT_VERSION_SQL,
        if lock && dialect == Dialect::Postgres { " FOR UPDATE OF t" } else { "" }
    )
}

async fn read_grant(tx: &mut Tx, dialect: Dialect, hash: &str) -> Result<Option<GrantRow>, sqlx::Error> {
    let row = sqlx::query(&read_grant_sql(dialect, "$1", true)).bind(hash).fetch_optional(&mut **tx).await?;
    row.as_ref().map(GrantRow::from_columns).transpose()
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
    let Some(GrantRow { family, issued_at, used_at, successor_hash, family_created, revoked_at, client, current_tos, user, accepted }) =
        read_grant(tx, state.db.dialect, hash).await?
    else {
        return Ok(Some(Err(RefreshRefused::InvalidGrant)));
    };
    let user_id = user.id.clone();
    if revoked_at.is_some() {
        return Ok(Some(Err(RefreshRefused::InvalidGrant)));
    }
    // Reuse is judged before age: an old, used token presented again is still a theft signal.
    if used_at.is_none() && (now - family_created > REFRESH_ABSOLUTE_SECS || now - issued_at > REFRESH_IDLE_SECS) {
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
