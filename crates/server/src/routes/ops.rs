//! Discovery, keys, health, metrics and the `OpenAPI` document.

use std::fmt::Write as _;

use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::response::IntoResponse;
use axum::routing::get;
use axum::Router;
use latchkey_protocol::{Discovery, Jwks};
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::OpenApi;

use crate::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/.well-known/openid-configuration", get(discovery))
        .route("/.well-known/jwks.json", get(jwks))
        .route("/healthz", get(healthz))
        .route("/readyz", get(readyz))
        .route("/metrics", get(metrics))
        .route("/openapi.json", get(openapi))
}

#[derive(OpenApi)]
#[openapi(
    info(title = "Latchkey registration backend", description = "The HTTP contract of latchkey-server (v1). Errors are RFC 9457 problem documents with a stable `code`.", license(name = "MIT OR Apache-2.0")),
    paths(
        super::selfservice::password_policy, super::selfservice::challenge, super::selfservice::register, super::selfservice::forgot_password,
        super::selfservice::reset_password, super::selfservice::sign_in, super::selfservice::current_tos,
        super::selfservice::accept_tos, super::selfservice::refresh, super::selfservice::revoke,
        super::selfservice::oauth_token, super::selfservice::oauth_revoke,
        super::user::me, super::user::entitlements, super::user::roles,
        super::operator::create_org, super::operator::subscribe, super::operator::update_org, super::operator::name_product,
        super::operator::verify_domain, super::operator::unverify_domain, super::operator::publish_tos,
        super::operator::bulk_register, super::operator::rotate_keys,
        super::admin::org, super::admin::list_users, super::admin::add_user, super::admin::bulk_register,
        super::admin::set_roles, super::admin::remove_user, super::admin::list_domains, super::admin::put_domain,
        super::admin::list_requests, super::admin::approve, super::admin::reject,
        super::admin::software_policy, super::admin::set_software_policy,
        super::delivery::catalog, super::delivery::file,
        discovery, jwks, healthz, readyz, metrics,
    ),
    modifiers(&SecuritySchemes),
)]
pub struct ApiDoc;

struct SecuritySchemes;

impl utoipa::Modify for SecuritySchemes {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).bearer_format("JWT").build()),
        );
        components.add_security_scheme(
            "operator",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).description(Some("LATCHKEY_OPERATOR_KEY")).build()),
        );
    }
}

/// `OpenID` Provider metadata (the parts a refresh-only OAuth client needs).
#[utoipa::path(get, path = "/.well-known/openid-configuration", tag = "discovery", responses((status = 200, body = Discovery)))]
async fn discovery(State(state): State<AppState>) -> impl IntoResponse {
    let base = &state.settings.public_url;
    let body = Discovery {
        issuer: base.clone(),
        jwks_uri: format!("{base}/.well-known/jwks.json"),
        token_endpoint: format!("{base}/oauth2/token"),
        revocation_endpoint: format!("{base}/oauth2/revoke"),
        grant_types_supported: vec!["refresh_token".into()],
        token_endpoint_auth_methods_supported: vec!["none".into()],
        revocation_endpoint_auth_methods_supported: vec!["none".into()],
        id_token_signing_alg_values_supported: vec!["EdDSA".into()],
        response_types_supported: vec![],
        subject_types_supported: vec!["public".into()],
    };
    ([(header::CACHE_CONTROL, "public, max-age=300")], axum::Json(body))
}

/// The public keys that verify access tokens and signed entitlements.
#[utoipa::path(get, path = "/.well-known/jwks.json", tag = "discovery", responses((status = 200, body = Jwks)))]
async fn jwks(State(state): State<AppState>) -> impl IntoResponse {
    ([(header::CACHE_CONTROL, "public, max-age=300")], axum::Json(state.keys.jwks()))
}

/// Liveness: the process answers.
#[utoipa::path(get, path = "/healthz", tag = "operations", responses((status = 200, description = "Alive", body = serde_json::Value)))]
async fn healthz() -> axum::Json<serde_json::Value> {
    axum::Json(serde_json::json!({"status": "ok"}))
}

/// Readiness: the database answers.
#[utoipa::path(get, path = "/readyz", tag = "operations", responses(
    (status = 200, description = "Ready", body = serde_json::Value),
    (status = 503, description = "The database does not answer", body = serde_json::Value)))]
async fn readyz(State(state): State<AppState>) -> impl IntoResponse {
    match sqlx::query_scalar::<_, i64>("SELECT 1").fetch_one(&state.db.pool).await {
        Ok(_) => (StatusCode::OK, axum::Json(serde_json::json!({"status": "ready"}))),
        Err(e) => {
            tracing::warn!(error = %e, "readiness: database unreachable");
            (StatusCode::SERVICE_UNAVAILABLE, axum::Json(serde_json::json!({"status": "database_unavailable"})))
        }
    }
}

/// Prometheus text exposition.
#[utoipa::path(get, path = "/metrics", tag = "operations", responses((status = 200, description = "Prometheus text format", body = String, content_type = "text/plain")))]
async fn metrics(State(state): State<AppState>) -> impl IntoResponse {
    let mut text = state.metrics.render();
    let pending: Result<i64, _> =
        sqlx::query_scalar("SELECT COUNT(*) FROM outbox WHERE sent_at IS NULL AND failed_at IS NULL").fetch_one(&state.db.pool).await;
    if let Ok(pending) = pending {
        let _ = write!(text, "# HELP latchkey_outbox_pending Mails waiting for delivery\n# TYPE latchkey_outbox_pending gauge\nlatchkey_outbox_pending {pending}\n");
    }
    ([(header::CONTENT_TYPE, "text/plain; version=0.0.4")], text)
}

async fn openapi() -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "application/json")], document())
}

/// The `OpenAPI` 3.1 document, as served and as committed in `openapi/backend.json`.
pub fn document() -> String {
    ApiDoc::openapi().to_pretty_json().unwrap_or_default()
}
