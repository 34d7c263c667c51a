//! Administration endpoints (`Authorization: Bearer` access token of an administrator of `{org}`):
//! members, roles, bulk registration, domains and join requests. The rules live in `members.rs`
//! and `bulk.rs`; these handlers translate.

use std::collections::HashMap;

use axum::body::Body;
use axum::extract::{FromRequestParts, Path, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::{get, post, put};
use axum::Router;
use latchkey_protocol::{
    AddMemberRequest, BulkReport, DomainEntry, DomainUpdate, JoinRequest, JoinRequests, MemberPage, OrgMember, Problem, SetRolesRequest,
};
use serde::Deserialize;

use super::org_document::OrgDocument;
use crate::bulk::{self, Granter};
use crate::error::ApiError;
use crate::http::{read_csv, Bearer, BulkQuery, Json, NoContent, Query};
use crate::members::{self, Admin};
use crate::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/v1/orgs/{org}", get(org))
        .route("/v1/orgs/{org}/users", get(list_users).post(add_user))
        .route("/v1/orgs/{org}/users:bulk", post(bulk_register))
        .route("/v1/orgs/{org}/users/{user}/roles", put(set_roles))
        .route("/v1/orgs/{org}/users/{user}", axum::routing::delete(remove_user))
        .route("/v1/orgs/{org}/software", get(software_policy).put(set_software_policy))
        .route("/v1/orgs/{org}/domains", get(list_domains))
        .route("/v1/orgs/{org}/domains/{domain}", put(put_domain))
        .route("/v1/orgs/{org}/requests", get(list_requests))
        .route("/v1/orgs/{org}/requests/{id}/approve", post(approve))
        .route("/v1/orgs/{org}/requests/{id}/reject", post(reject))
}

/// An administrator of the path's `{org}`: checked before any body is read, so an outsider gets
/// 401 or 403 whatever it sends.
struct OrgAdmin(Admin);

impl FromRequestParts<AppState> for OrgAdmin {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let Bearer(claims) = Bearer::from_request_parts(parts, state).await?;
        let Path(params) = Path::<HashMap<String, String>>::from_request_parts(parts, state).await.map_err(|_| ApiError::not_found())?;
        let org = params.get("org").ok_or_else(ApiError::not_found)?;
        members::authorize(&state.db, &claims.sub, org).await.map(OrgAdmin)
    }
}

const PROBLEM: &str = "application/problem+json";

/// The organization: its subscriptions and offline grace.
#[utoipa::path(get, path = "/v1/orgs/{org}", tag = "administration", security(("bearer" = [])),
    params(("org" = String, Path, description = "Organization id")),
    responses(
        (status = 200, body = OrgDocument),
        (status = 401, description = "`unauthorized`", body = Problem, content_type = PROBLEM),
        (status = 403, description = "`forbidden`: not an administrator of this organization", body = Problem, content_type = PROBLEM),
    ))]
async fn org(State(state): State<AppState>, OrgAdmin(admin): OrgAdmin) -> Result<axum::Json<OrgDocument>, ApiError> {
    let mut tx = state.db.pool.begin().await?;
    let org = crate::orgs::describe(&mut tx, &admin.org).await?.ok_or_else(ApiError::not_found)?;
    Ok(axum::Json(org.into()))
}

#[derive(Deserialize, utoipa::IntoParams)]
struct ListQuery {
    /// Part of the address, first or last name (any case).
    q: Option<String>,
    /// `next_cursor` of the previous page.
    cursor: Option<String>,
    /// 1 to 200 (default 50).
    limit: Option<u32>,
}

/// Members, ordered by address, a page at a time.
#[utoipa::path(get, path = "/v1/orgs/{org}/users", tag = "administration", security(("bearer" = [])),
    params(("org" = String, Path, description = "Organization id"), ListQuery),
    responses(
        (status = 200, body = MemberPage),
        (status = 400, description = "`invalid_request`: a bad `cursor` or `limit`", body = Problem, content_type = PROBLEM),
        (status = 401, description = "`unauthorized`", body = Problem, content_type = PROBLEM),
        (status = 403, description = "`forbidden`", body = Problem, content_type = PROBLEM),
    ))]
async fn list_users(
    State(state): State<AppState>,
    OrgAdmin(admin): OrgAdmin,
    Query(query): Query<ListQuery>,
) -> Result<axum::Json<MemberPage>, ApiError> {
    Ok(axum::Json(members::list(&state.db, state.now(), &admin.org, query.q.as_deref(), query.cursor.as_deref(), query.limit).await?))
}

/// Adds one member; one without a password is mailed an invitation to complete registration
/// with forgot password.
#[utoipa::path(post, path = "/v1/orgs/{org}/users", tag = "administration", security(("bearer" = [])), request_body = AddMemberRequest,
    params(("org" = String, Path, description = "Organization id")),
    responses(
        (status = 201, body = OrgMember),
        (status = 400, description = "`invalid_request`, `invalid_email` (with `errors`), `unknown_role`", body = Problem, content_type = PROBLEM),
        (status = 401, description = "`unauthorized`", body = Problem, content_type = PROBLEM),
        (status = 403, description = "`forbidden`, `role_not_grantable`", body = Problem, content_type = PROBLEM),
        (status = 409, description = "`already_member`, `member_of_other_org`", body = Problem, content_type = PROBLEM),
        (status = 413, description = "`payload_too_large`", body = Problem, content_type = PROBLEM),
    ))]
async fn add_user(
    State(state): State<AppState>,
    OrgAdmin(admin): OrgAdmin,
    Json(request): Json<AddMemberRequest>,
) -> Result<(StatusCode, axum::Json<OrgMember>), ApiError> {
    let member = members::add(&state.db, state.now(), &admin, request).await?;
    state.mail_wake.notify_one();
    Ok((StatusCode::CREATED, axum::Json(member)))
}

/// Bulk registration from RFC 4180 CSV (UTF-8, a BOM accepted; any `Content-Type`): header
/// `email,first_name,last_name,country[,roles][,language]` in any order, roles `;`-separated.
/// Each valid row is imported, each invalid row reported by line; the same file again creates
/// nothing. Roles above the importer's own are refused per row (`role_not_grantable`), as is an
/// unknown language (`invalid_language`). A `problem` column (the reason the web portal's error
/// report gives for each line) is read past, so that a report fixed in place imports as it is.
#[utoipa::path(post, path = "/v1/orgs/{org}/users:bulk", tag = "administration", security(("bearer" = [])),
    request_body(content = String, content_type = "text/csv"),
    params(("org" = String, Path, description = "Organization id"), BulkQuery),
    responses(
        (status = 200, body = BulkReport),
        (status = 400, description = "`invalid_csv`: not UTF-8, not CSV, or a wrong header; `invalid_request`", body = Problem, content_type = PROBLEM),
        (status = 401, description = "`unauthorized`", body = Problem, content_type = PROBLEM),
        (status = 403, description = "`forbidden`", body = Problem, content_type = PROBLEM),
        (status = 413, description = "`payload_too_large` (over 10 MiB), `too_many_rows` (over 100,000)", body = Problem, content_type = PROBLEM),
    ))]
async fn bulk_register(
    State(state): State<AppState>,
    OrgAdmin(admin): OrgAdmin,
    Query(query): Query<BulkQuery>,
    headers: HeaderMap,
    body: Body,
) -> Result<axum::Json<BulkReport>, ApiError> {
    let bytes = read_csv(&headers, body).await?;
    let level = admin.level;
    let checked = tokio::task::spawn_blocking(move || bulk::check(&bytes, level)).await.map_err(|e| ApiError::internal(&e))??;
    let granter = Granter::Admin { user_id: admin.user_id.clone(), level: admin.level };
    let report = bulk::import(&state.db, state.now(), &admin.org, &granter, checked, query.dry_run).await?;
    state.mail_wake.notify_one();
    Ok(axum::Json(report))
}

/// Replaces a member's roles (each added or removed role at or below the caller's own).
#[utoipa::path(put, path = "/v1/orgs/{org}/users/{user}/roles", tag = "administration", security(("bearer" = [])), request_body = SetRolesRequest,
    params(("org" = String, Path, description = "Organization id"), ("user" = String, Path, description = "User id")),
    responses(
        (status = 200, body = OrgMember),
        (status = 400, description = "`unknown_role`, `invalid_request`", body = Problem, content_type = PROBLEM),
        (status = 401, description = "`unauthorized`", body = Problem, content_type = PROBLEM),
        (status = 403, description = "`forbidden`, `role_not_grantable`", body = Problem, content_type = PROBLEM),
        (status = 404, description = "`not_found`: no such member", body = Problem, content_type = PROBLEM),
        (status = 409, description = "`last_administrator`", body = Problem, content_type = PROBLEM),
        (status = 413, description = "`payload_too_large`", body = Problem, content_type = PROBLEM),
    ))]
async fn set_roles(
    State(state): State<AppState>,
    OrgAdmin(admin): OrgAdmin,
    Path((_org, user)): Path<(String, String)>,
    Json(request): Json<SetRolesRequest>,
) -> Result<axum::Json<OrgMember>, ApiError> {
    Ok(axum::Json(members::set_roles(&state.db, state.now(), &admin, &user, &request.roles).await?))
}

/// Removes a member from the organization (the account stays) and ends their sessions.
#[utoipa::path(delete, path = "/v1/orgs/{org}/users/{user}", tag = "administration", security(("bearer" = [])),
    params(("org" = String, Path, description = "Organization id"), ("user" = String, Path, description = "User id")),
    responses(
        (status = 204, description = "Removed"),
        (status = 401, description = "`unauthorized`", body = Problem, content_type = PROBLEM),
        (status = 403, description = "`forbidden`, `role_not_grantable` (the member holds a role above the caller's)", body = Problem, content_type = PROBLEM),
        (status = 404, description = "`not_found`: no such member", body = Problem, content_type = PROBLEM),
        (status = 409, description = "`last_administrator`", body = Problem, content_type = PROBLEM),
    ))]
async fn remove_user(
    State(state): State<AppState>,
    OrgAdmin(admin): OrgAdmin,
    Path((_org, user)): Path<(String, String)>,
) -> Result<NoContent, ApiError> {
    members::remove(&state.db, state.now(), &admin, &user).await?;
    Ok(NoContent)
}

/// The organization's software policy: Latchkey's update channel for its members, and per
/// subscribed product whether members (with the Download role) may install it and at which
/// version (`pinned_version`; `null` for the latest).
#[utoipa::path(get, path = "/v1/orgs/{org}/software", tag = "administration", security(("bearer" = [])),
    params(("org" = String, Path, description = "Organization id")),
    responses(
        (status = 200, body = latchkey_protocol::delivery::SoftwarePolicy),
        (status = 401, description = "`unauthorized`", body = Problem, content_type = PROBLEM),
        (status = 403, description = "`forbidden`", body = Problem, content_type = PROBLEM),
    ))]
async fn software_policy(
    State(state): State<AppState>,
    OrgAdmin(admin): OrgAdmin,
) -> Result<axum::Json<latchkey_protocol::delivery::SoftwarePolicy>, ApiError> {
    Ok(axum::Json(crate::catalog::policy(&state.db, &admin.org).await?))
}

/// Replaces the software policy (audited). A subscribed product left out is allowed at its latest
/// version. Refused whole, naming each bad entry (`products[i].product`: `not_subscribed`,
/// `duplicate`; `products[i].pinned_version`: `invalid_version`, `unknown_version`).
#[utoipa::path(put, path = "/v1/orgs/{org}/software", tag = "administration", security(("bearer" = [])),
    request_body = latchkey_protocol::delivery::SoftwarePolicy,
    params(("org" = String, Path, description = "Organization id")),
    responses(
        (status = 200, body = latchkey_protocol::delivery::SoftwarePolicy),
        (status = 400, description = "`invalid_request`", body = Problem, content_type = PROBLEM),
        (status = 401, description = "`unauthorized`", body = Problem, content_type = PROBLEM),
        (status = 403, description = "`forbidden`", body = Problem, content_type = PROBLEM),
        (status = 413, description = "`payload_too_large`", body = Problem, content_type = PROBLEM),
    ))]
async fn set_software_policy(
    State(state): State<AppState>,
    OrgAdmin(admin): OrgAdmin,
    Json(policy): Json<latchkey_protocol::delivery::SoftwarePolicy>,
) -> Result<axum::Json<latchkey_protocol::delivery::SoftwarePolicy>, ApiError> {
    Ok(axum::Json(crate::catalog::set_policy(&state.db, state.now(), Some(&admin.user_id), &admin.org, policy).await?))
}

/// The organization's domains.
#[utoipa::path(get, path = "/v1/orgs/{org}/domains", tag = "administration", security(("bearer" = [])),
    params(("org" = String, Path, description = "Organization id")),
    responses(
        (status = 200, body = Vec<DomainEntry>),
        (status = 401, description = "`unauthorized`", body = Problem, content_type = PROBLEM),
        (status = 403, description = "`forbidden`", body = Problem, content_type = PROBLEM),
    ))]
async fn list_domains(State(state): State<AppState>, OrgAdmin(admin): OrgAdmin) -> Result<axum::Json<Vec<DomainEntry>>, ApiError> {
    Ok(axum::Json(members::domains(&state.db, &admin.org).await?))
}

/// Sets auto approval on a verified domain. The domain of the caller's own address is verified
/// in the same step (audited; the operator is told through the log); any other domain must be
/// verified by the operator first.
#[utoipa::path(put, path = "/v1/orgs/{org}/domains/{domain}", tag = "administration", security(("bearer" = [])), request_body = DomainUpdate,
    params(("org" = String, Path, description = "Organization id"), ("domain" = String, Path, description = "Mail domain")),
    responses(
        (status = 200, body = DomainEntry),
        (status = 400, description = "`public_domain`, `invalid_request`", body = Problem, content_type = PROBLEM),
        (status = 401, description = "`unauthorized`", body = Problem, content_type = PROBLEM),
        (status = 403, description = "`forbidden`, `domain_not_verified`", body = Problem, content_type = PROBLEM),
        (status = 409, description = "`domain_taken`", body = Problem, content_type = PROBLEM),
        (status = 413, description = "`payload_too_large`", body = Problem, content_type = PROBLEM),
    ))]
async fn put_domain(
    State(state): State<AppState>,
    OrgAdmin(admin): OrgAdmin,
    Path((_org, domain)): Path<(String, String)>,
    Json(update): Json<DomainUpdate>,
) -> Result<axum::Json<DomainEntry>, ApiError> {
    Ok(axum::Json(members::put_domain(&state.db, state.now(), &admin, &domain, update.auto_approve).await?))
}

/// Join requests: registrations at a verified domain without auto approval.
#[utoipa::path(get, path = "/v1/orgs/{org}/requests", tag = "administration", security(("bearer" = [])),
    params(("org" = String, Path, description = "Organization id")),
    responses(
        (status = 200, body = JoinRequests),
        (status = 401, description = "`unauthorized`", body = Problem, content_type = PROBLEM),
        (status = 403, description = "`forbidden`", body = Problem, content_type = PROBLEM),
    ))]
async fn list_requests(State(state): State<AppState>, OrgAdmin(admin): OrgAdmin) -> Result<axum::Json<JoinRequests>, ApiError> {
    Ok(axum::Json(members::requests(&state.db, &admin.org).await?))
}

/// Approves a join request: the requester becomes a member (with no role). Answers the request.
#[utoipa::path(post, path = "/v1/orgs/{org}/requests/{id}/approve", tag = "administration", security(("bearer" = [])),
    params(("org" = String, Path, description = "Organization id"), ("id" = String, Path, description = "Join request id")),
    responses(
        (status = 200, body = JoinRequest),
        (status = 401, description = "`unauthorized`", body = Problem, content_type = PROBLEM),
        (status = 403, description = "`forbidden`", body = Problem, content_type = PROBLEM),
        (status = 404, description = "`not_found`", body = Problem, content_type = PROBLEM),
        (status = 409, description = "`member_of_other_org`: the requester joined another organization meanwhile", body = Problem, content_type = PROBLEM),
    ))]
async fn approve(
    State(state): State<AppState>,
    OrgAdmin(admin): OrgAdmin,
    Path((_org, id)): Path<(String, String)>,
) -> Result<axum::Json<JoinRequest>, ApiError> {
    Ok(axum::Json(members::decide(&state.db, state.now(), &admin, &id, true).await?))
}

/// Rejects a join request. Answers the request.
#[utoipa::path(post, path = "/v1/orgs/{org}/requests/{id}/reject", tag = "administration", security(("bearer" = [])),
    params(("org" = String, Path, description = "Organization id"), ("id" = String, Path, description = "Join request id")),
    responses(
        (status = 200, body = JoinRequest),
        (status = 401, description = "`unauthorized`", body = Problem, content_type = PROBLEM),
        (status = 403, description = "`forbidden`", body = Problem, content_type = PROBLEM),
        (status = 404, description = "`not_found`", body = Problem, content_type = PROBLEM),
    ))]
async fn reject(
    State(state): State<AppState>,
    OrgAdmin(admin): OrgAdmin,
    Path((_org, id)): Path<(String, String)>,
) -> Result<axum::Json<JoinRequest>, ApiError> {
    Ok(axum::Json(members::decide(&state.db, state.now(), &admin, &id, false).await?))
}
