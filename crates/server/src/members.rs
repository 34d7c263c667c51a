//! User management by an organization's administrators (`/v1/orgs/{org}/…`): members (list, add,
//! roles, remove), domains (self-verification, auto approval) and join requests.
//!
//! Who may act is read from the database on every request, never from the access token's claims,
//! which lag a change by up to the token's lifetime: a removed or demoted administrator loses
//! the right at once. Changes to roles and membership take the organization's row lock first, so
//! two concurrent changes cannot both leave it without an administrator.

use axum::http::StatusCode;
use latchkey_protocol::{AddMemberRequest, DomainEntry, ErrorCode, JoinRequest, JoinRequests, Language, MemberPage, OrgMember};

use crate::audit::{self, Entry};
use crate::clock::rfc3339;
use crate::db::{Db, Tx};
use crate::error::ApiError;
use crate::mail::{self, Mail};
use crate::roles;
use crate::validate::{self, Fields};

/// An administrator of `org`, as the database says now.
#[derive(Clone, Debug)]
pub struct Admin {
    pub user_id: String,
    pub org: String,
    /// The rank of the highest role held (0: Fulfillment Contact).
    pub level: usize,
    /// The administrator's own address.
    pub email: String,
    /// The domain of the administrator's own address (self-verification).
    pub email_domain: String,
}

impl Admin {
    /// The operator acting on `org` (`latchkey-server users add`): every role grantable, recorded
    /// as `operator` in the audit log, as a bulk import by the operator is.
    pub fn operator(org: &str) -> Admin {
        Admin { user_id: "operator".into(), org: org.to_owned(), level: 0, email: String::new(), email_domain: String::new() }
    }
}

/// Whether `role` makes its holder an administrator.
pub fn is_admin_role(role: &str) -> bool {
    roles::rank(role) <= roles::rank(roles::CO_ADMIN)
}

fn forbidden() -> ApiError {
    ApiError::forbidden("only an administrator of this organization may do this")
}

/// The signed-in user `user_id` as an administrator of `org`; 403 `forbidden` for anyone else
/// (another organization's administrator, a plain member, an unknown organization alike).
pub async fn authorize(db: &Db, user_id: &str, org: &str) -> Result<Admin, ApiError> {
    match authorize_in_own_org(db, user_id).await? {
        Some(admin) if admin.org == org => Ok(admin),
        _ => Err(forbidden()),
    }
}

/// The signed-in user `user_id` as an administrator of the organization they belong to (the web
/// portal, whose pages name none); `None` for anyone else, 401 for a vanished account.
pub async fn authorize_in_own_org(db: &Db, user_id: &str) -> Result<Option<Admin>, ApiError> {
    let row: Option<(Option<String>, String)> =
        sqlx::query_as("SELECT org_id, email FROM users WHERE id = $1").bind(user_id).fetch_optional(&db.pool).await?;
    let (member_of, email) = row.ok_or_else(|| ApiError::unauthorized("the account of this token no longer exists"))?;
    let Some(org) = member_of else { return Ok(None) };
    let held: Vec<String> = sqlx::query_scalar("SELECT role FROM user_roles WHERE user_id = $1").bind(user_id).fetch_all(&db.pool).await?;
    let level = held.iter().map(|r| roles::rank(r)).min().unwrap_or(roles::ALL.len());
    if level > roles::rank(roles::CO_ADMIN) {
        return Ok(None);
    }
    let email_domain = email.rsplit_once('@').map(|(_, d)| d.to_ascii_lowercase()).unwrap_or_default();
    Ok(Some(Admin { user_id: user_id.to_owned(), org, level, email, email_domain }))
}

const MEMBER_COLUMNS: &str = "u.id, u.email, u.first_name, u.last_name, u.country, u.language, \
     CASE WHEN u.password_hash IS NULL THEN 'invited' WHEN l.locked_until > $1 THEN 'locked' ELSE 'active' END, u.created_at, u.email_key";

type MemberRow = (String, String, String, String, String, String, String, i64, String);

async fn with_roles(conn: &mut sqlx::AnyConnection, rows: Vec<MemberRow>) -> Result<Vec<OrgMember>, sqlx::Error> {
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!(
        "SELECT user_id, role FROM user_roles WHERE user_id IN ({})",
        (1..=rows.len()).map(|i| format!("${i}")).collect::<Vec<_>>().join(", ")
    );
    let mut query = sqlx::query_as::<_, (String, String)>(&sql);
    for row in &rows {
        query = query.bind(&row.0);
    }
    let grants = query.fetch_all(&mut *conn).await?;
    Ok(rows
        .into_iter()
        .map(|(id, email, first_name, last_name, country, language, status, created_at, _)| {
            let mut held: Vec<String> = grants.iter().filter(|(user, _)| *user == id).map(|(_, role)| role.clone()).collect();
            held.sort_by_key(|r| roles::rank(r));
            OrgMember {
                id,
                email,
                first_name,
                last_name,
                country,
                language: Language::from_tag(&language).unwrap_or_default(),
                roles: held,
                status,
                created_at: rfc3339(created_at),
            }
        })
        .collect())
}

async fn member(conn: &mut sqlx::AnyConnection, now: i64, org: &str, user_id: &str) -> Result<Option<OrgMember>, sqlx::Error> {
    let sql = format!(
        "SELECT {MEMBER_COLUMNS} FROM users u LEFT JOIN signin_lockouts l ON l.address = u.email_key WHERE u.org_id = $2 AND u.id = $3"
    );
    let rows: Vec<MemberRow> = sqlx::query_as(&sql).bind(now).bind(org).bind(user_id).fetch_all(&mut *conn).await?;
    Ok(with_roles(conn, rows).await?.pop())
}

/// The member `user_id` of `org`; `None` when they are not one.
pub async fn get(db: &Db, now: i64, org: &str, user_id: &str) -> Result<Option<OrgMember>, ApiError> {
    let mut conn = db.pool.acquire().await?;
    Ok(member(&mut conn, now, org, user_id).await?)
}

/// Members per page when the caller does not say, and at most.
pub const DEFAULT_PAGE: u32 = 50;
pub const MAX_PAGE: u32 = 200;

fn cursor_of(email_key: &str) -> String {
    use base64::Engine;
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(email_key)
}

fn bad_cursor() -> ApiError {
    ApiError::bad_request(ErrorCode::InvalidRequest, "`cursor` is not one this server gave")
}

/// One page of `org`'s members ordered by address, optionally those whose address or name
/// contains `q` (any case).
pub async fn list(db: &Db, now: i64, org: &str, q: Option<&str>, cursor: Option<&str>, limit: Option<u32>) -> Result<MemberPage, ApiError> {
    use base64::Engine;
    let limit = limit.unwrap_or(DEFAULT_PAGE);
    if !(1..=MAX_PAGE).contains(&limit) {
        return Err(ApiError::bad_request(ErrorCode::InvalidRequest, format!("`limit` must be from 1 to {MAX_PAGE}")));
    }
    let after = match cursor.filter(|c| !c.is_empty()) {
        None => String::new(),
        Some(c) => {
            let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(c).map_err(|_| bad_cursor())?;
            String::from_utf8(bytes).map_err(|_| bad_cursor())?
        }
    };
    let pattern = match q.map(str::trim).filter(|q| !q.is_empty()) {
        None => String::new(),
        Some(q) => {
            let escaped: String = q.to_lowercase().chars().flat_map(|c| if "%_\\".contains(c) { vec!['\\', c] } else { vec![c] }).collect();
            format!("%{escaped}%")
        }
    };
    let sql = format!(
        "SELECT {MEMBER_COLUMNS} FROM users u LEFT JOIN signin_lockouts l ON l.address = u.email_key \
         WHERE u.org_id = $2 AND u.email_key > $3 \
         AND ($4 = '' OR u.email_key LIKE $4 ESCAPE '\\' OR lower(u.first_name) LIKE $4 ESCAPE '\\' OR lower(u.last_name) LIKE $4 ESCAPE '\\') \
         ORDER BY u.email_key LIMIT $5"
    );
    let mut conn = db.pool.acquire().await?;
    let mut rows: Vec<MemberRow> =
        sqlx::query_as(&sql).bind(now).bind(org).bind(&after).bind(&pattern).bind(i64::from(limit) + 1).fetch_all(&mut *conn).await?;
    let next_cursor = if rows.len() > limit as usize {
        rows.truncate(limit as usize);
        rows.last().map(|r| cursor_of(&r.8))
    } else {
        None
    };
    Ok(MemberPage { users: with_roles(&mut conn, rows).await?, next_cursor })
}

/// The roles of a request, checked: known (400 `unknown_role`) and at or below `level`
/// (403 `role_not_grantable`); deduplicated, highest first.
pub fn grantable(requested: &[String], level: usize) -> Result<Vec<String>, ApiError> {
    let mut checked: Vec<String> = Vec::new();
    for role in requested {
        let role = role.trim();
        if roles::rank(role) == roles::ALL.len() {
            return Err(ApiError::bad_request(ErrorCode::UnknownRole, format!("`{role}` is not a role (see GET /v1/roles)")));
        }
        if roles::rank(role) < level {
            return Err(
                ApiError::new(StatusCode::FORBIDDEN, ErrorCode::RoleNotGrantable).detail(format!("you cannot grant or remove `{role}`"))
            );
        }
        if !checked.iter().any(|r| r == role) {
            checked.push(role.to_owned());
        }
    }
    checked.sort_by_key(|r| roles::rank(r));
    Ok(checked)
}

/// Takes `org`'s row lock (`PostgreSQL`; `SQLite` has one writer anyway) so checks of the whole
/// organization, such as "an administrator remains", see no concurrent change.
async fn lock_org(tx: &mut Tx, org: &str) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE orgs SET name = name WHERE id = $1").bind(org).execute(&mut **tx).await?;
    Ok(())
}

/// 409 `last_administrator` unless `org` still has a Fulfillment Contact and an administrator.
async fn keeps_administrators(tx: &mut Tx, org: &str) -> Result<(), ApiError> {
    let (contacts, admins): (i64, i64) = sqlx::query_as(
        "SELECT COALESCE(SUM(CASE WHEN r.role = $2 THEN 1 ELSE 0 END), 0), COALESCE(SUM(CASE WHEN r.role IN ($2, $3, $4) THEN 1 ELSE 0 END), 0) \
         FROM user_roles r JOIN users u ON u.id = r.user_id WHERE u.org_id = $1",
    )
    .bind(org)
    .bind(roles::FULFILLMENT_CONTACT)
    .bind(roles::ACCOUNT_ADMIN)
    .bind(roles::CO_ADMIN)
    .fetch_one(&mut **tx)
    .await?;
    if contacts == 0 || admins == 0 {
        return Err(ApiError::new(StatusCode::CONFLICT, ErrorCode::LastAdministrator)
            .detail("the organization must keep a Fulfillment Contact and an administrator"));
    }
    Ok(())
}

async fn grant(tx: &mut Tx, user_id: &str, granted: &[String]) -> Result<(), sqlx::Error> {
    for role in granted {
        sqlx::query("INSERT INTO user_roles (user_id, role) VALUES ($1, $2) ON CONFLICT DO NOTHING")
            .bind(user_id)
            .bind(role)
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}

/// Adds one member: a new account without a password (mailed an invitation to complete
/// registration with forgot password), or an existing account that belongs to no organization.
pub async fn add(db: &Db, now: i64, admin: &Admin, request: AddMemberRequest) -> Result<OrgMember, ApiError> {
    let mut fields = Fields::default();
    let email = fields.check("email", validate::email(&request.email));
    let first = fields.check("first_name", validate::name(&request.first_name));
    let last = fields.check("last_name", validate::name(&request.last_name));
    let country = fields.check("country", validate::country(&request.country));
    let (Some(email), Some(first), Some(last), Some(country)) = (email, first, last, country) else {
        return Err(ApiError::validation(fields.0));
    };
    let granted = grantable(&request.roles, admin.level)?;
    let language = request.language.unwrap_or_default();
    let mut tx = db.begin().await?;
    // An administrator's organization exists; the operator's may be mistyped.
    let org_name: Option<String> =
        sqlx::query_scalar("SELECT name FROM orgs WHERE id = $1").bind(&admin.org).fetch_optional(&mut *tx).await?;
    let org_name = org_name.ok_or_else(|| ApiError::not_found().detail(format!("no organization `{}`", admin.org)))?;
    let existing: Option<(String, String, Option<String>, i64)> =
        sqlx::query_as("SELECT id, email, org_id, CASE WHEN password_hash IS NULL THEN 0 ELSE 1 END FROM users WHERE email_key = $1")
            .bind(&email.key)
            .fetch_optional(&mut *tx)
            .await?;
    // The address mail goes to is the stored one, never the request's spelling of it (which
    // matched by `email_key` and may differ: case, a Kelvin sign, ...).
    let (user_id, address, invite) = match existing {
        Some((_, _, Some(org), _)) => return Err(taken(&email.address, &org, &admin.org)),
        Some((id, stored, None, has_password)) => {
            // Conditional: another organization may take the account between the read and here
            // (on PostgreSQL the update waits for its commit and then matches nothing).
            let joined = sqlx::query("UPDATE users SET org_id = $2 WHERE id = $1 AND org_id IS NULL")
                .bind(&id)
                .bind(&admin.org)
                .execute(&mut *tx)
                .await?;
            if joined.rows_affected() == 0 {
                let now_in: Option<String> =
                    sqlx::query_scalar("SELECT org_id FROM users WHERE id = $1").bind(&id).fetch_one(&mut *tx).await?;
                return Err(taken(&email.address, now_in.as_deref().unwrap_or_default(), &admin.org));
            }
            sqlx::query("DELETE FROM join_requests WHERE user_id = $1").bind(&id).execute(&mut *tx).await?;
            (id, stored, has_password == 0)
        }
        None => {
            let member = crate::orgs::NewMember { email: &email, first_name: &first, last_name: &last, country: &country, language };
            (crate::orgs::insert_member(&mut tx, &admin.org, &member, now).await?, email.address.clone(), true)
        }
    };
    grant(&mut tx, &user_id, &granted).await?;
    if invite {
        mail::enqueue(&mut tx, now, &address, language, &Mail::Invitation { first_name: &first, org: &org_name, email: &address }).await?;
    }
    audit::record(
        &mut tx,
        now,
        "user_added",
        Entry {
            user_id: Some(&user_id),
            address: Some(&email.key),
            detail: serde_json::json!({"org": admin.org, "by": admin.user_id, "roles": granted}),
            ..Entry::default()
        },
    )
    .await?;
    let added = member(&mut tx, now, &admin.org, &user_id).await?;
    tx.commit().await?;
    added.ok_or_else(|| ApiError::internal(&"the added member was not found"))
}

/// The 409 for an address that is already a member of `member_of` (this organization or another).
fn taken(address: &str, member_of: &str, org: &str) -> ApiError {
    if member_of == org {
        ApiError::new(StatusCode::CONFLICT, ErrorCode::AlreadyMember).detail(format!("{address} is already a member"))
    } else {
        ApiError::new(StatusCode::CONFLICT, ErrorCode::MemberOfOtherOrg).detail(format!("{address} belongs to another organization"))
    }
}

async fn roles_of(tx: &mut Tx, org: &str, user_id: &str) -> Result<Vec<String>, ApiError> {
    let found: Option<String> =
        sqlx::query_scalar("SELECT id FROM users WHERE id = $1 AND org_id = $2").bind(user_id).bind(org).fetch_optional(&mut **tx).await?;
    if found.is_none() {
        return Err(ApiError::not_found().detail("no such member in this organization"));
    }
    Ok(sqlx::query_scalar("SELECT role FROM user_roles WHERE user_id = $1").bind(user_id).fetch_all(&mut **tx).await?)
}

/// Replaces a member's roles. Every role added or removed must be at or below the caller's own;
/// the organization keeps a Fulfillment Contact and an administrator.
pub async fn set_roles(db: &Db, now: i64, admin: &Admin, user_id: &str, requested: &[String]) -> Result<OrgMember, ApiError> {
    for role in requested {
        if roles::rank(role.trim()) == roles::ALL.len() {
            return Err(ApiError::bad_request(ErrorCode::UnknownRole, format!("`{}` is not a role (see GET /v1/roles)", role.trim())));
        }
    }
    let mut wanted: Vec<String> = requested.iter().map(|r| r.trim().to_owned()).collect();
    wanted.sort_by_key(|r| roles::rank(r));
    wanted.dedup();
    let mut tx = db.begin().await?;
    lock_org(&mut tx, &admin.org).await?;
    let held = roles_of(&mut tx, &admin.org, user_id).await?;
    let added: Vec<String> = wanted.iter().filter(|r| !held.contains(r)).cloned().collect();
    let removed: Vec<String> = held.iter().filter(|r| !wanted.contains(r)).cloned().collect();
    grantable(&added, admin.level)?;
    grantable(&removed, admin.level)?;
    for role in &removed {
        sqlx::query("DELETE FROM user_roles WHERE user_id = $1 AND role = $2").bind(user_id).bind(role).execute(&mut *tx).await?;
    }
    grant(&mut tx, user_id, &added).await?;
    keeps_administrators(&mut tx, &admin.org).await?;
    audit::record(
        &mut tx,
        now,
        "roles_changed",
        Entry {
            user_id: Some(user_id),
            detail: serde_json::json!({"org": admin.org, "by": admin.user_id, "added": added, "removed": removed}),
            ..Entry::default()
        },
    )
    .await?;
    let changed = member(&mut tx, now, &admin.org, user_id).await?;
    tx.commit().await?;
    changed.ok_or_else(ApiError::not_found)
}

/// Removes a member from the organization (the account stays, with no organization) and ends
/// every session of theirs. A member holding a role above the caller's cannot be removed by it.
pub async fn remove(db: &Db, now: i64, admin: &Admin, user_id: &str) -> Result<(), ApiError> {
    let mut tx = db.begin().await?;
    lock_org(&mut tx, &admin.org).await?;
    let held = roles_of(&mut tx, &admin.org, user_id).await?;
    if held.iter().any(|r| roles::rank(r) < admin.level) {
        return Err(ApiError::new(StatusCode::FORBIDDEN, ErrorCode::RoleNotGrantable).detail("this member holds a role above yours"));
    }
    sqlx::query("DELETE FROM user_roles WHERE user_id = $1").bind(user_id).execute(&mut *tx).await?;
    sqlx::query("UPDATE users SET org_id = NULL WHERE id = $1").bind(user_id).execute(&mut *tx).await?;
    keeps_administrators(&mut tx, &admin.org).await?;
    let ended = crate::sessions::revoke_all_families(&mut tx, user_id, "removed_from_org", now).await?;
    audit::record(
        &mut tx,
        now,
        "user_removed",
        Entry {
            user_id: Some(user_id),
            detail: serde_json::json!({"org": admin.org, "by": admin.user_id, "sessions_ended": ended, "roles": held}),
            ..Entry::default()
        },
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// The organization's domains.
pub async fn domains(db: &Db, org: &str) -> Result<Vec<DomainEntry>, ApiError> {
    let rows: Vec<(String, i64, i64)> =
        sqlx::query_as("SELECT domain, verified, auto_approve FROM domains WHERE org_id = $1 ORDER BY domain")
            .bind(org)
            .fetch_all(&db.pool)
            .await?;
    Ok(rows
        .into_iter()
        .map(|(domain, verified, auto_approve)| DomainEntry { domain, verified: verified == 1, auto_approve: auto_approve == 1 })
        .collect())
}

/// Sets auto approval on a verified domain of the organization. The Fulfillment Contact, when
/// their own address is at the domain, verifies it in the same step (audited, and logged for the
/// operator); any other domain must first be verified by the operator.
pub async fn put_domain(db: &Db, now: i64, admin: &Admin, domain: &str, auto_approve: bool) -> Result<DomainEntry, ApiError> {
    let domain = crate::orgs::organization_domain(domain)?;
    let mut tx = db.begin().await?;
    let row: Option<(String, i64)> =
        sqlx::query_as("SELECT org_id, verified FROM domains WHERE domain = $1").bind(&domain).fetch_optional(&mut *tx).await?;
    match row {
        Some((owner, _)) if owner != admin.org => {
            return Err(
                ApiError::new(StatusCode::CONFLICT, ErrorCode::DomainTaken).detail(format!("{domain} belongs to another organization"))
            )
        }
        Some((_, 1)) => {}
        // Self-verification is the Fulfillment Contact's alone (the contract): a co-administrator
        // at the domain could otherwise claim it and open auto approval to everyone there.
        _ if admin.email_domain == domain && admin.level == roles::rank(roles::FULFILLMENT_CONTACT) => {
            sqlx::query(
                "INSERT INTO domains (domain, org_id, verified, auto_approve, created_at) VALUES ($1, $2, 1, 0, $3) \
                 ON CONFLICT (domain) DO UPDATE SET verified = 1",
            )
            .bind(&domain)
            .bind(&admin.org)
            .bind(now)
            .execute(&mut *tx)
            .await?;
            audit::record(
                &mut tx,
                now,
                "domain_verified",
                Entry {
                    user_id: Some(&admin.user_id),
                    detail: serde_json::json!({"org": admin.org, "domain": domain, "by": "administrator"}),
                    ..Entry::default()
                },
            )
            .await?;
            tracing::warn!(org = %admin.org, %domain, by = %admin.user_id, "operator notice: an administrator verified the domain of their own address");
        }
        _ => {
            return Err(ApiError::new(StatusCode::FORBIDDEN, ErrorCode::DomainNotVerified).detail(format!(
                "{domain} is not verified for this organization: only the Fulfillment Contact can verify the domain of their own address; any other domain the operator verifies"
            )))
        }
    }
    sqlx::query("UPDATE domains SET auto_approve = $2 WHERE domain = $1")
        .bind(&domain)
        .bind(i64::from(auto_approve))
        .execute(&mut *tx)
        .await?;
    audit::record(
        &mut tx,
        now,
        "domain_auto_approve",
        Entry {
            user_id: Some(&admin.user_id),
            detail: serde_json::json!({"org": admin.org, "domain": domain, "auto_approve": auto_approve}),
            ..Entry::default()
        },
    )
    .await?;
    tx.commit().await?;
    Ok(DomainEntry { domain, verified: true, auto_approve })
}

const REQUEST_COLUMNS: &str = "j.id, u.email, u.first_name, u.last_name, u.country, j.created_at";

fn join_request((id, email, first_name, last_name, country, created_at): (String, String, String, String, String, i64)) -> JoinRequest {
    JoinRequest { id, email, first_name, last_name, country, created_at: rfc3339(created_at) }
}

/// Registrations at a verified domain without auto approval, oldest first.
pub async fn requests(db: &Db, org: &str) -> Result<JoinRequests, ApiError> {
    let rows = sqlx::query_as(&format!(
        "SELECT {REQUEST_COLUMNS} FROM join_requests j JOIN users u ON u.id = j.user_id WHERE j.org_id = $1 ORDER BY j.created_at, u.email_key"
    ))
    .bind(org)
    .fetch_all(&db.pool)
    .await?;
    Ok(JoinRequests { requests: rows.into_iter().map(join_request).collect() })
}

/// Approves (the requester joins, with no role) or rejects a join request; either way it is gone.
pub async fn decide(db: &Db, now: i64, admin: &Admin, request_id: &str, approve: bool) -> Result<JoinRequest, ApiError> {
    let mut tx = db.begin().await?;
    let row: Option<(String, String, String, String, String, i64)> = sqlx::query_as(&format!(
        "SELECT {REQUEST_COLUMNS} FROM join_requests j JOIN users u ON u.id = j.user_id WHERE j.id = $1 AND j.org_id = $2"
    ))
    .bind(request_id)
    .bind(&admin.org)
    .fetch_optional(&mut *tx)
    .await?;
    let request = join_request(row.ok_or_else(|| ApiError::not_found().detail("no such join request in this organization"))?);
    let (user_id, member_of): (String, Option<String>) =
        sqlx::query_as("SELECT u.id, u.org_id FROM join_requests j JOIN users u ON u.id = j.user_id WHERE j.id = $1")
            .bind(request_id)
            .fetch_one(&mut *tx)
            .await?;
    if approve {
        if member_of.is_some_and(|o| o != admin.org) {
            sqlx::query("DELETE FROM join_requests WHERE id = $1").bind(request_id).execute(&mut *tx).await?;
            tx.commit().await?;
            return Err(ApiError::new(StatusCode::CONFLICT, ErrorCode::MemberOfOtherOrg)
                .detail("the requester joined another organization meanwhile"));
        }
        // Conditional, like `add`: a racing organization that took the account first wins.
        let joined = sqlx::query("UPDATE users SET org_id = $2 WHERE id = $1 AND (org_id IS NULL OR org_id = $2)")
            .bind(&user_id)
            .bind(&admin.org)
            .execute(&mut *tx)
            .await?;
        if joined.rows_affected() == 0 {
            sqlx::query("DELETE FROM join_requests WHERE id = $1").bind(request_id).execute(&mut *tx).await?;
            tx.commit().await?;
            return Err(ApiError::new(StatusCode::CONFLICT, ErrorCode::MemberOfOtherOrg)
                .detail("the requester joined another organization meanwhile"));
        }
    }
    sqlx::query("DELETE FROM join_requests WHERE id = $1").bind(request_id).execute(&mut *tx).await?;
    audit::record(
        &mut tx,
        now,
        if approve { "join_request_approved" } else { "join_request_rejected" },
        Entry { user_id: Some(&user_id), detail: serde_json::json!({"org": admin.org, "by": admin.user_id}), ..Entry::default() },
    )
    .await?;
    tx.commit().await?;
    Ok(request)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_are_granted_at_or_below_the_granters_own() {
        let co_admin = roles::rank(roles::CO_ADMIN);
        assert_eq!(
            grantable(&["product_delivery_download".into(), "co_admin".into(), "co_admin".into()], co_admin).unwrap(),
            ["co_admin", "product_delivery_download"]
        );
        assert_eq!(grantable(&["account_admin".into()], co_admin).unwrap_err().problem.code, ErrorCode::RoleNotGrantable);
        assert_eq!(
            grantable(&["fulfillment_contact".into()], roles::rank(roles::ACCOUNT_ADMIN)).unwrap_err().problem.code,
            ErrorCode::RoleNotGrantable
        );
        assert_eq!(grantable(&["wizard".into()], 0).unwrap_err().problem.code, ErrorCode::UnknownRole);
        assert!(grantable(&["fulfillment_contact".into()], 0).is_ok(), "a Fulfillment Contact manages its own role");
    }

    #[test]
    fn administrators_are_the_first_three_roles() {
        assert!(is_admin_role(roles::FULFILLMENT_CONTACT) && is_admin_role(roles::ACCOUNT_ADMIN) && is_admin_role(roles::CO_ADMIN));
        assert!(!is_admin_role(roles::PRODUCT_DELIVERY_DOWNLOAD) && !is_admin_role("wizard"));
    }

    #[test]
    fn a_cursor_is_opaque_and_round_trips() {
        use base64::Engine;
        let cursor = cursor_of("ada@acme.example");
        assert!(!cursor.contains('@'));
        assert_eq!(base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(cursor).unwrap(), b"ada@acme.example");
    }
}
