//! Endpoints of a signed-in user (bearer access token): who they are and what they may use.

use axum::extract::State;
use axum::routing::get;
use axum::Router;
use latchkey_protocol::{Entitlements, Me, Problem, Role};

use crate::error::ApiError;
use crate::http::Bearer;
use crate::AppState;

pub fn router() -> Router<AppState> {
    Router::new().route("/v1/me", get(me)).route("/v1/entitlements", get(entitlements)).route("/v1/roles", get(roles))
}

fn gone() -> ApiError {
    ApiError::unauthorized("the account of this token no longer exists")
}

/// The signed-in user.
#[utoipa::path(get, path = "/v1/me", tag = "user", security(("bearer" = [])),
    responses(
        (status = 200, body = Me),
        (status = 401, description = "`unauthorized`", body = Problem, content_type = "application/problem+json"),
    ))]
async fn me(State(state): State<AppState>, Bearer(claims): Bearer) -> Result<axum::Json<Me>, ApiError> {
    crate::users::me(&state, &claims.sub).await?.map(axum::Json).ok_or_else(gone)
}

/// The user's entitlements, with a signed copy (`typ: entitlements+jwt`) valid offline until `offline_until`.
#[utoipa::path(get, path = "/v1/entitlements", tag = "user", security(("bearer" = [])),
    responses(
        (status = 200, body = Entitlements),
        (status = 401, description = "`unauthorized`", body = Problem, content_type = "application/problem+json"),
    ))]
async fn entitlements(State(state): State<AppState>, Bearer(claims): Bearer) -> Result<axum::Json<Entitlements>, ApiError> {
    crate::entitlements::for_user(&state, &claims.sub).await?.map(axum::Json).ok_or_else(gone)
}

/// The roles an organization's users can have, highest authority first.
#[utoipa::path(get, path = "/v1/roles", tag = "user", security(("bearer" = [])),
    responses(
        (status = 200, body = Vec<Role>),
        (status = 401, description = "`unauthorized`", body = Problem, content_type = "application/problem+json"),
    ))]
async fn roles(_signed_in: Bearer) -> axum::Json<Vec<Role>> {
    axum::Json(crate::roles::list())
}
