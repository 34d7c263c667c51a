//! Operator endpoints (`Authorization: Bearer <LATCHKEY_OPERATOR_KEY>`): purchase, subscriptions,
//! offline grace, products' display names, domain verification, Terms of Service publication and
//! signing key rotation.

use axum::extract::{FromRequestParts, Path, State};
use axum::http::request::Parts;
use axum::http::StatusCode;
use axum::routing::{patch, post, put};
use axum::Router;
use latchkey_protocol::{Language, Problem};
use serde::Deserialize;

use super::org_document::OrgDocument;
use crate::error::ApiError;
use crate::http::{read_csv, BulkQuery, Json, Query};
use crate::orgs::{self, Purchase};
use crate::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/v1/operator/orgs", post(create_org))
        .route("/v1/operator/orgs/{org}/subscriptions", post(subscribe))
        .route("/v1/operator/orgs/{org}", patch(update_org))
        .route("/v1/operator/products/{product}", put(name_product))
        .route("/v1/operator/orgs/{org}/domains/{domain}", put(verify_domain).delete(unverify_domain))
        .route("/v1/operator/tos", post(publish_tos))
        .route("/v1/operator/orgs/{org}/users:bulk", post(bulk_register))
        .route("/v1/operator/keys/rotate", post(rotate_keys))
}

/// Rotates the signing key: a new key signs from now on (this instance at once, the others
/// within a minute); the old one stays in the JWKS until `retired_until`, past the expiry of
/// every token and entitlement set it signed.
#[utoipa::path(post, path = "/v1/operator/keys/rotate", tag = "operator", security(("operator" = [])),
    responses(
        (status = 200, description = "Rotated", body = crate::keys::Rotated),
        (status = 401, description = "`unauthorized`", body = Problem, content_type = "application/problem+json"),
    ))]
async fn rotate_keys(State(state): State<AppState>, _: Operator) -> Result<axum::Json<crate::keys::Rotated>, ApiError> {
    let rotated = crate::keys::rotate(&state.db, state.now()).await?;
    state.keys.reload(&state.db, state.now()).await?;
    Ok(axum::Json(rotated))
}

/// The caller proved it holds the operator key.
struct Operator;

impl FromRequestParts<AppState> for Operator {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let presented = crate::http::bearer_token(parts).ok_or_else(|| ApiError::unauthorized("the operator key is required"))?;
        match &state.settings.operator_key {
            Some(key) if crate::keys::macs_equal(key.expose(), presented) => Ok(Operator),
            _ => Err(ApiError::unauthorized("the operator key is not valid")),
        }
    }
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct PurchaseRequest {
    name: String,
    contact_email: String,
    contact_first_name: String,
    contact_last_name: String,
    contact_country: String,
    contact_language: Option<Language>,
    #[serde(default)]
    subscriptions: Vec<SubscriptionRequest>,
    offline_grace_days: Option<i64>,
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct SubscriptionRequest {
    product: String,
    /// `YYYY-MM-DD` (end of that day, UTC) or RFC 3339; none for no expiry.
    expires_at: Option<String>,
}

/// Purchase: the organization, its subscriptions and its Fulfillment Contact (no password),
/// who is mailed how to complete registration.
#[utoipa::path(post, path = "/v1/operator/orgs", tag = "operator", security(("operator" = [])), request_body = PurchaseRequest,
    responses(
        (status = 201, body = OrgDocument),
        (status = 400, description = "`invalid_request`, `invalid_email`", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "`unauthorized`", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`member_of_other_org`", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "`payload_too_large`", body = Problem, content_type = "application/problem+json"),
    ))]
async fn create_org(
    State(state): State<AppState>,
    _: Operator,
    Json(request): Json<PurchaseRequest>,
) -> Result<(StatusCode, axum::Json<OrgDocument>), ApiError> {
    let products = request
        .subscriptions
        .iter()
        .map(|s| Ok((s.product.clone(), expiry(s.expires_at.as_deref())?)))
        .collect::<Result<Vec<_>, ApiError>>()?;
    let purchase = Purchase {
        name: request.name,
        contact_email: request.contact_email,
        contact_first_name: request.contact_first_name,
        contact_last_name: request.contact_last_name,
        contact_country: request.contact_country,
        contact_language: request.contact_language,
        products,
        offline_grace_days: request.offline_grace_days,
    };
    let org = orgs::create(&state.db, state.now(), purchase).await?;
    state.mail_wake.notify_one();
    Ok((StatusCode::CREATED, axum::Json(org.into())))
}

/// Adds or renews a subscription.
#[utoipa::path(post, path = "/v1/operator/orgs/{org}/subscriptions", tag = "operator", security(("operator" = [])), request_body = SubscriptionRequest,
    params(("org" = String, Path, description = "Organization id")),
    responses(
        (status = 200, body = OrgDocument),
        (status = 400, description = "`invalid_request`", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "`unauthorized`", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "`not_found`", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "`payload_too_large`", body = Problem, content_type = "application/problem+json"),
    ))]
async fn subscribe(
    State(state): State<AppState>,
    _: Operator,
    Path(org): Path<String>,
    Json(request): Json<SubscriptionRequest>,
) -> Result<axum::Json<OrgDocument>, ApiError> {
    let expires_at = expiry(request.expires_at.as_deref())?;
    Ok(axum::Json(orgs::subscribe(&state.db, &org, &request.product, expires_at).await?.into()))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct ProductRequest {
    /// What people read ("Acme Design Suite"): 1 to 100 characters, no control characters.
    name: String,
}

/// Gives a product its display name (or a new one). Subscriptions and entitlements keep naming it
/// by its identifier; the portal, the desktop window and the CLI show this name.
#[utoipa::path(put, path = "/v1/operator/products/{product}", tag = "operator", security(("operator" = [])), request_body = ProductRequest,
    params(("product" = String, Path, description = "Product identifier (letters, digits, - _ .)")),
    responses(
        (status = 200, body = crate::products::Product),
        (status = 400, description = "`invalid_request` (the `product` or `name` field)", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "`unauthorized`", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "`payload_too_large`", body = Problem, content_type = "application/problem+json"),
    ))]
async fn name_product(
    State(state): State<AppState>,
    _: Operator,
    Path(product): Path<String>,
    Json(request): Json<ProductRequest>,
) -> Result<axum::Json<crate::products::Product>, ApiError> {
    Ok(axum::Json(crate::products::set_name(&state.db, &product, &request.name).await?))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct OrgPatch {
    /// 1 to 30.
    offline_grace_days: Option<i64>,
}

/// Changes an organization's settings (the offline grace, 1 to 30 days).
#[utoipa::path(patch, path = "/v1/operator/orgs/{org}", tag = "operator", security(("operator" = [])), request_body = OrgPatch,
    params(("org" = String, Path, description = "Organization id")),
    responses(
        (status = 200, body = OrgDocument),
        (status = 400, description = "`invalid_request`", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "`unauthorized`", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "`not_found`", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "`payload_too_large`", body = Problem, content_type = "application/problem+json"),
    ))]
async fn update_org(
    State(state): State<AppState>,
    _: Operator,
    Path(org): Path<String>,
    Json(request): Json<OrgPatch>,
) -> Result<axum::Json<OrgDocument>, ApiError> {
    let Some(days) = request.offline_grace_days else {
        return Err(ApiError::bad_request(latchkey_protocol::ErrorCode::InvalidRequest, "nothing to change: give offline_grace_days"));
    };
    Ok(axum::Json(orgs::set_offline_grace(&state.db, &org, days).await?.into()))
}

/// Verifies a domain for the organization.
#[utoipa::path(put, path = "/v1/operator/orgs/{org}/domains/{domain}", tag = "operator", security(("operator" = [])),
    params(("org" = String, Path, description = "Organization id"), ("domain" = String, Path, description = "Mail domain")),
    responses(
        (status = 204, description = "Verified"),
        (status = 400, description = "`public_domain` or `invalid_request`", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "`unauthorized`", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "`not_found`", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`domain_taken`", body = Problem, content_type = "application/problem+json"),
    ))]
async fn verify_domain(
    State(state): State<AppState>,
    _: Operator,
    Path((org, domain)): Path<(String, String)>,
) -> Result<crate::http::NoContent, ApiError> {
    orgs::set_domain_verified(&state.db, state.now(), &org, &domain, true).await?;
    Ok(crate::http::NoContent)
}

/// Withdraws a domain from the organization.
#[utoipa::path(delete, path = "/v1/operator/orgs/{org}/domains/{domain}", tag = "operator", security(("operator" = [])),
    params(("org" = String, Path, description = "Organization id"), ("domain" = String, Path, description = "Mail domain")),
    responses(
        (status = 204, description = "Withdrawn"),
        (status = 400, description = "`public_domain` or `invalid_request`", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "`unauthorized`", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "`not_found`", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`domain_taken`", body = Problem, content_type = "application/problem+json"),
    ))]
async fn unverify_domain(
    State(state): State<AppState>,
    _: Operator,
    Path((org, domain)): Path<(String, String)>,
) -> Result<crate::http::NoContent, ApiError> {
    orgs::set_domain_verified(&state.db, state.now(), &org, &domain, false).await?;
    Ok(crate::http::NoContent)
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct PublishTosRequest {
    version: String,
    title: String,
    body_markdown: String,
    lang: Option<Language>,
}

/// Publishes a Terms of Service version (every user accepts it at their next sign-in or
/// refresh), or a translation of a published one (no new acceptance).
#[utoipa::path(post, path = "/v1/operator/tos", tag = "operator", security(("operator" = [])), request_body = PublishTosRequest,
    responses(
        (status = 204, description = "Published"),
        (status = 400, description = "`invalid_request`", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "`unauthorized`", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "`payload_too_large`", body = Problem, content_type = "application/problem+json"),
    ))]
async fn publish_tos(
    State(state): State<AppState>,
    _: Operator,
    Json(request): Json<PublishTosRequest>,
) -> Result<crate::http::NoContent, ApiError> {
    crate::tos::publish_checked(
        &state.db,
        state.now(),
        &request.version,
        request.lang.unwrap_or_default(),
        &request.title,
        &request.body_markdown,
    )
    .await?;
    Ok(crate::http::NoContent)
}

/// Bulk registration into any organization, as `POST /v1/orgs/{org}/users:bulk` (same CSV, same
/// report), granting any role.
#[utoipa::path(post, path = "/v1/operator/orgs/{org}/users:bulk", tag = "operator", security(("operator" = [])),
    request_body(content = String, content_type = "text/csv"),
    params(("org" = String, Path, description = "Organization id"), BulkQuery),
    responses(
        (status = 200, body = latchkey_protocol::BulkReport),
        (status = 400, description = "`invalid_csv`, `invalid_request`", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "`unauthorized`", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "`not_found`", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "`payload_too_large`, `too_many_rows`", body = Problem, content_type = "application/problem+json"),
    ))]
async fn bulk_register(
    State(state): State<AppState>,
    _: Operator,
    Path(org): Path<String>,
    Query(query): Query<BulkQuery>,
    headers: axum::http::HeaderMap,
    body: axum::body::Body,
) -> Result<axum::Json<latchkey_protocol::BulkReport>, ApiError> {
    let bytes = read_csv(&headers, body).await?;
    let checked = tokio::task::spawn_blocking(move || crate::bulk::check(&bytes, 0)).await.map_err(|e| ApiError::internal(&e))??;
    let report = crate::bulk::import(&state.db, state.now(), &org, &crate::bulk::Granter::Operator, checked, query.dry_run).await?;
    state.mail_wake.notify_one();
    Ok(axum::Json(report))
}

fn expiry(text: Option<&str>) -> Result<Option<i64>, ApiError> {
    text.map(|t| {
        crate::clock::parse_date(t)
            .map_err(|e| ApiError::bad_request(latchkey_protocol::ErrorCode::InvalidRequest, format!("expires_at: {e}")))
    })
    .transpose()
}
