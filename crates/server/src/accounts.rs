//! Self-service accounts: register, forgot password, reset password with a one-time code.
//!
//! Every answer here is the same whether or not the address has an account, and limits and
//! code counters are keyed on the submitted address either way (no account enumeration).

use latchkey_protocol::{ChallengePurpose, ErrorCode, Language, Proof, RegisterRequest, ResetPasswordRequest, Secret};
use serde::{Deserialize, Serialize};

use crate::audit::{self, Entry};
use crate::db::Tx;
use crate::error::ApiError;
use crate::limits;
use crate::mail::{self, Mail, CODE_MINUTES};
use crate::metrics::Metrics;
use crate::validate::{self, Email, Fields};
use crate::AppState;

pub const MAX_CODE_ATTEMPTS: i64 = 5;

/// What a self-registration will create once its code is redeemed.
#[derive(Serialize, Deserialize)]
struct PendingRegistration {
    /// The address as registered: the code and the account go to it, whatever spelling of it
    /// (case, a Kelvin sign for a `k`, ...) a later request uses. Absent in rows written before.
    #[serde(default)]
    address: Option<String>,
    first_name: String,
    last_name: String,
    country: String,
    language: Language,
}

async fn limit_code_sending(tx: &mut Tx, state: &AppState, email: &Email, ip: &str, now: i64) -> Result<(), ApiError> {
    let limits = &state.settings.limits;
    if let Err(retry) = limits::hit(tx, &format!("codes:ip:{ip}"), limits.codes_per_ip, now).await? {
        return Err(ApiError::rate_limited(retry));
    }
    if let Err(retry) = limits::hit(tx, &format!("codes:address:{}", email.key), limits.codes_per_address, now).await? {
        return Err(ApiError::rate_limited(retry));
    }
    Ok(())
}

/// Stores a new code for the address, replacing any older one; returns the code.
async fn store_code(tx: &mut Tx, state: &AppState, email: &Email, registration: Option<String>, now: i64) -> Result<Secret, sqlx::Error> {
    let code = Secret::new(crate::ids::one_time_code());
    sqlx::query(
        "INSERT INTO codes (address, code_mac, expires_at, attempts, created_at, registration) VALUES ($1, $2, $3, 0, $4, $5) \
         ON CONFLICT (address) DO UPDATE SET code_mac = excluded.code_mac, expires_at = excluded.expires_at, \
         attempts = 0, created_at = excluded.created_at, registration = excluded.registration",
    )
    .bind(&email.key)
    .bind(state.keys.code_mac(&email.key, code.expose()))
    .bind(now + CODE_MINUTES * 60)
    .bind(now)
    .bind(registration)
    .execute(&mut **tx)
    .await?;
    Metrics::add(&state.metrics.codes_sent);
    Ok(code)
}

pub async fn register(state: &AppState, request: RegisterRequest, fallback_language: Language, ip: &str) -> Result<(), ApiError> {
    let mut fields = Fields::default();
    let email = fields.check("email", validate::email(&request.email));
    let first_name = fields.check("first_name", validate::name(&request.first_name));
    let last_name = fields.check("last_name", validate::name(&request.last_name));
    let country = fields.check("country", validate::country(&request.country));
    let (Some(email), Some(first_name), Some(last_name), Some(country)) = (email, first_name, last_name, country) else {
        return Err(ApiError::validation(fields.0));
    };
    let language = request.language.unwrap_or(fallback_language);
    let now = state.now();
    let mut tx = state.db.begin().await?;
    if let Err(retry) = limits::hit(&mut tx, &format!("register:ip:{ip}"), state.settings.limits.register_per_ip, now).await? {
        return Err(ApiError::rate_limited(retry));
    }
    limit_code_sending(&mut tx, state, &email, ip, now).await?;
    crate::pow::gate(&mut tx, state, ChallengePurpose::Register, &email, ip, request.pow.as_ref()).await?;
    let existing: Option<(String, String)> =
        sqlx::query_as("SELECT email, language FROM users WHERE email_key = $1").bind(&email.key).fetch_optional(&mut *tx).await?;
    if let Some((stored_address, their_language)) = existing {
        // Register never changes an existing account: tell its owner, nothing more. A code is
        // stored all the same, never sent, so that reset attempts on this address count down
        // exactly as after registering a new one.
        store_code(&mut tx, state, &email, None, now).await?;
        let language = Language::from_tag(&their_language).unwrap_or(language);
        // To the address the account holds, not the request's spelling of it.
        mail::enqueue(&mut tx, now, &stored_address, language, &Mail::AlreadyRegistered).await?;
    } else {
        let pending =
            PendingRegistration { address: Some(email.address.clone()), first_name: first_name.clone(), last_name, country, language };
        let code = store_code(&mut tx, state, &email, Some(serde_json::to_string(&pending).unwrap_or_default()), now).await?;
        mail::enqueue(&mut tx, now, &email.address, language, &Mail::RegisterCode { first_name: &first_name, code: code.expose() }).await?;
    }
    tx.commit().await?;
    state.mail_wake.notify_one();
    Ok(())
}

pub async fn forgot(state: &AppState, email: &str, ip: &str, proof: Option<&Proof>) -> Result<(), ApiError> {
    let email = validate::email_field(email)?;
    let now = state.now();
    let mut tx = state.db.begin().await?;
    limit_code_sending(&mut tx, state, &email, ip, now).await?;
    crate::pow::gate(&mut tx, state, ChallengePurpose::Forgot, &email, ip, proof).await?;
    let user: Option<(String, String)> =
        sqlx::query_as("SELECT email, language FROM users WHERE email_key = $1").bind(&email.key).fetch_optional(&mut *tx).await?;
    if let Some((stored_address, language)) = user {
        let code = store_code(&mut tx, state, &email, None, now).await?;
        let language = Language::from_tag(&language).unwrap_or_default();
        // To the address the account holds: the request's spelling only matched its key.
        mail::enqueue(&mut tx, now, &stored_address, language, &Mail::ResetCode { code: code.expose() }).await?;
    } else {
        // No account. A registration waiting for its code gets a fresh one (a user who lost the
        // first mail naturally tries "Forgot password?"); otherwise a code is stored all the
        // same, never sent, so that the reset attempts behave exactly as for a real account.
        let pending: Option<Option<String>> =
            sqlx::query_scalar("SELECT registration FROM codes WHERE address = $1").bind(&email.key).fetch_optional(&mut *tx).await?;
        let pending = pending.flatten();
        let code = store_code(&mut tx, state, &email, pending.clone(), now).await?;
        if let Some(registration) = pending.and_then(|p| serde_json::from_str::<PendingRegistration>(&p).ok()) {
            let mail = Mail::RegisterCode { first_name: &registration.first_name, code: code.expose() };
            let address = registration.address.as_deref().unwrap_or(&email.address);
            mail::enqueue(&mut tx, now, address, registration.language, &mail).await?;
        }
    }
    tx.commit().await?;
    state.mail_wake.notify_one();
    Ok(())
}

/// Redeems a code and sets the password. The code is checked first (an attempt is reserved
/// atomically, so at most five guesses are ever compared), then the password policy (a weak
/// password gives the attempt back), then the hash is computed outside any transaction, and
/// the code is consumed in the transaction that writes the password.
pub async fn reset(state: &AppState, request: ResetPasswordRequest, ip: &str) -> Result<(), ApiError> {
    let email = validate::email_field(&request.email)?;
    let now = state.now();
    let submitted_mac = state.keys.code_mac(&email.key, request.code.expose().trim());

    let mut tx = state.db.begin().await?;
    let row: Option<(String, i64, i64)> = sqlx::query_as(
        "UPDATE codes SET attempts = attempts + 1 WHERE address = $1 AND attempts < $2 RETURNING code_mac, expires_at, attempts",
    )
    .bind(&email.key)
    .bind(MAX_CODE_ATTEMPTS)
    .fetch_optional(&mut *tx)
    .await?;
    let Some((stored_mac, expires_at, attempts)) = row else {
        tx.commit().await?;
        return Err(ApiError::invalid_code(0));
    };
    if !crate::keys::macs_equal(&stored_mac, &submitted_mac) {
        tx.commit().await?;
        return Err(ApiError::invalid_code((MAX_CODE_ATTEMPTS - attempts).max(0) as u32));
    }
    if expires_at <= now {
        tx.commit().await?;
        return Err(ApiError::bad_request(ErrorCode::CodeExpired, "the code has expired: ask for a new one"));
    }
    // The right code: a weak password must not use it up.
    sqlx::query("UPDATE codes SET attempts = attempts - 1 WHERE address = $1").bind(&email.key).execute(&mut *tx).await?;
    tx.commit().await?;

    let password = state.policy.check(&request.new_password, &email.local).map_err(ApiError::weak_password)?;
    let hash = state.hasher.hash(password).await.map_err(|e| ApiError::internal(&e))?;

    let mut tx = state.db.begin().await?;
    let consumed: Option<Option<String>> =
        sqlx::query_scalar("DELETE FROM codes WHERE address = $1 AND code_mac = $2 RETURNING registration")
            .bind(&email.key)
            .bind(&stored_mac)
            .fetch_optional(&mut *tx)
            .await?;
    let Some(registration) = consumed else {
        // Used or replaced by a concurrent request meanwhile.
        return Err(ApiError::invalid_code(0));
    };
    let user_id: Option<String> =
        sqlx::query_scalar("SELECT id FROM users WHERE email_key = $1").bind(&email.key).fetch_optional(&mut *tx).await?;
    let user_id = match (user_id, registration) {
        (Some(user_id), _) => {
            sqlx::query("UPDATE users SET password_hash = $2, email_verified = 1 WHERE id = $1")
                .bind(&user_id)
                .bind(&hash)
                .execute(&mut *tx)
                .await?;
            let revoked = crate::sessions::revoke_all_families(&mut tx, &user_id, "password_reset", now).await?;
            audit::record(
                &mut tx,
                now,
                "password_reset",
                Entry {
                    user_id: Some(&user_id),
                    address: Some(&email.key),
                    ip: Some(ip),
                    detail: serde_json::json!({"sessions_ended": revoked}),
                },
            )
            .await?;
            user_id
        }
        (None, Some(registration)) => {
            let pending: PendingRegistration = serde_json::from_str(&registration).map_err(|e| ApiError::internal(&e))?;
            create_registered_user(&mut tx, &email, &pending, &hash, ip, now).await?
        }
        // A code for an address with no account and no registration is never mailed; it
        // exists only so that guesses behave as for a real account.
        (None, None) => return Err(ApiError::invalid_code(0)),
    };
    limits::clear(&mut tx, &email.key, true).await?;
    tx.commit().await?;
    state.mail_wake.notify_one();
    Metrics::add(&state.metrics.passwords_reset);
    tracing::info!(user = %user_id, "password set with a one-time code");
    Ok(())
}

/// Creates the account of a redeemed self-registration and applies the domain rules: auto
/// approval joins the organization, a verified domain without it files a join request.
async fn create_registered_user(
    tx: &mut Tx,
    email: &Email,
    pending: &PendingRegistration,
    hash: &str,
    ip: &str,
    now: i64,
) -> Result<String, ApiError> {
    let user_id = crate::ids::new_id("usr");
    let domain: Option<(String, i64, String)> = sqlx::query_as(
        "SELECT d.org_id, d.auto_approve, o.name FROM domains d JOIN orgs o ON o.id = d.org_id WHERE d.domain = $1 AND d.verified = 1",
    )
    .bind(email.domain.to_lowercase())
    .fetch_optional(&mut **tx)
    .await?;
    let joins = domain.as_ref().filter(|(_, auto, _)| *auto == 1).map(|(org, _, _)| org.clone());
    sqlx::query(
        "INSERT INTO users (id, email, email_key, first_name, last_name, country, language, org_id, password_hash, email_verified, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 1, $10)",
    )
    .bind(&user_id)
    .bind(pending.address.as_deref().unwrap_or(&email.address))
    .bind(&email.key)
    .bind(&pending.first_name)
    .bind(&pending.last_name)
    .bind(&pending.country)
    .bind(pending.language.code())
    .bind(joins.as_deref())
    .bind(hash)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    audit::record(tx, now, "registered", Entry { user_id: Some(&user_id), address: Some(&email.key), ip: Some(ip), ..Entry::default() })
        .await?;
    match domain {
        Some((org_id, 1, _)) => {
            audit::record(
                tx,
                now,
                "auto_joined",
                Entry {
                    user_id: Some(&user_id),
                    address: Some(&email.key),
                    ip: Some(ip),
                    detail: serde_json::json!({"org": org_id, "domain": email.domain}),
                },
            )
            .await?;
        }
        Some((org_id, _, org_name)) => {
            sqlx::query("INSERT INTO join_requests (id, org_id, user_id, created_at) VALUES ($1, $2, $3, $4)")
                .bind(crate::ids::new_id("req"))
                .bind(&org_id)
                .bind(&user_id)
                .bind(now)
                .execute(&mut **tx)
                .await?;
            let admins: Vec<(String, String)> = sqlx::query_as(
                "SELECT DISTINCT u.email, u.language FROM users u JOIN user_roles r ON r.user_id = u.id \
                 WHERE u.org_id = $1 AND r.role IN ('fulfillment_contact', 'account_admin', 'co_admin')",
            )
            .bind(&org_id)
            .fetch_all(&mut **tx)
            .await?;
            let name = format!("{} {}", pending.first_name, pending.last_name);
            for (admin, language) in admins {
                let mail = Mail::JoinRequest { name: &name, email: pending.address.as_deref().unwrap_or(&email.address), org: &org_name };
                mail::enqueue(tx, now, &admin, Language::from_tag(&language).unwrap_or_default(), &mail).await?;
            }
            audit::record(
                tx,
                now,
                "join_requested",
                Entry { user_id: Some(&user_id), address: Some(&email.key), ip: Some(ip), detail: serde_json::json!({"org": org_id}) },
            )
            .await?;
        }
        None => {}
    }
    Ok(user_id)
}
