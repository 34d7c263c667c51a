//! Self-service endpoints (no authentication): register, forgot and reset password, sign in,
//! Terms of Service, refresh and revoke, and the standard OAuth 2.0 token and revocation endpoints.

use axum::extract::rejection::FormRejection;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use latchkey_protocol::{
    Challenge, ChallengeRequest, CodeSent, ErrorCode, ForgotPasswordRequest, Language, OAuthError, OAuthToken, PasswordPolicy, PasswordSet,
    Problem, RefreshRequest, RegisterRequest, ResetPasswordRequest, RevokeRequest, Secret, SessionResponse, SignInRequest,
    TosAcceptRequest, TosDocument,
};
use serde::Deserialize;

use crate::error::ApiError;
use crate::http::{AcceptLanguage, ClientIp, Json, NoContent, Query};
use crate::sessions::{self, RefreshRefused};
use crate::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/v1/password/policy", get(password_policy))
        .route("/v1/challenge", post(challenge))
        .route("/v1/register", post(register))
        .route("/v1/password/forgot", post(forgot_password))
        .route("/v1/password/reset", post(reset_password))
        .route("/v1/sessions", post(sign_in))
        .route("/v1/tos/current", get(current_tos))
        .route("/v1/tos/accept", post(accept_tos))
        .route("/v1/token", post(refresh))
        .route("/v1/sessions/revoke", post(revoke))
        .route("/oauth2/token", post(oauth_token))
        .route("/oauth2/revoke", post(oauth_revoke))
}

/// The password rules, for clients to show them as the user types.
#[utoipa::path(get, path = "/v1/password/policy", tag = "self-service",
    responses((status = 200, body = PasswordPolicy)))]
async fn password_policy(State(state): State<AppState>) -> axum::Json<PasswordPolicy> {
    axum::Json(state.policy.document())
}

/// A proof-of-work challenge for `/v1/register` or `/v1/password/forgot` (bot protection, no
/// third party). Find a whole number `solution` such that SHA-256 of the UTF-8 `challenge`
/// followed by `solution` in decimal ASCII starts with `difficulty` zero bits, and send
/// `{challenge, signature, solution}` as `pow` in that request within five minutes, once. The
/// challenge is bound to the purpose, the address and the client's network (an IPv4 address or
/// an IPv6 /64); its difficulty rises with their recent rate. Not in the contract (an addition):
/// a request without `pow` is still answered as the contract says within the free allowance
/// (`LATCHKEY_POW_FREE_PER_ADDRESS`, `LATCHKEY_POW_FREE_PER_NETWORK`, by default the contract's
/// sending limits), and refused beyond it with 428 `proof_required` carrying a `challenge`.
/// Answers the same whether or not the address is known.
#[utoipa::path(post, path = "/v1/challenge", tag = "self-service", request_body = ChallengeRequest,
    responses(
        (status = 200, body = Challenge),
        (status = 400, description = "`invalid_email` or `invalid_request`", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "`payload_too_large`", body = Problem, content_type = "application/problem+json"),
    ))]
async fn challenge(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    Json(request): Json<ChallengeRequest>,
) -> Result<axum::Json<Challenge>, ApiError> {
    Ok(axum::Json(crate::pow::issue(&state, request.purpose, &request.email, &ip).await?))
}

/// Starts a self-registration: mails a code that completes it (with `/v1/password/reset`).
/// Answers the same whether or not the address is registered. `pow` carries a solved
/// challenge of `/v1/challenge` (purpose `register`), required only beyond the free allowance.
#[utoipa::path(post, path = "/v1/register", tag = "self-service", request_body = RegisterRequest,
    responses(
        (status = 202, body = CodeSent),
        (status = 400, description = "Validation error (`invalid_request`, `invalid_email`); `proof_invalid`: the proof of work is wrong, expired, forged, for another request or already used", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "`payload_too_large`", body = Problem, content_type = "application/problem+json"),
        (status = 428, description = "`proof_required`: past the free allowance; solve `challenge` and send again with `pow`", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "`rate_limited` with `retry_after`", body = Problem, content_type = "application/problem+json"),
    ))]
async fn register(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    AcceptLanguage(language): AcceptLanguage,
    Json(request): Json<RegisterRequest>,
) -> Result<(StatusCode, axum::Json<CodeSent>), ApiError> {
    crate::accounts::register(&state, request, language, &ip).await?;
    Ok((StatusCode::ACCEPTED, axum::Json(CodeSent::new())))
}

/// Mails a one-time code for setting a new password, if the address has an account.
/// Answers the same whether or not it has one. `pow` carries a solved challenge of
/// `/v1/challenge` (purpose `forgot`), required only beyond the free allowance.
#[utoipa::path(post, path = "/v1/password/forgot", tag = "self-service", request_body = ForgotPasswordRequest,
    responses(
        (status = 202, body = CodeSent),
        (status = 400, description = "`invalid_email` or `invalid_request`; `proof_invalid`: the proof of work is wrong, expired, forged, for another request or already used", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "`payload_too_large`", body = Problem, content_type = "application/problem+json"),
        (status = 428, description = "`proof_required`: past the free allowance; solve `challenge` and send again with `pow`", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "`rate_limited` with `retry_after`", body = Problem, content_type = "application/problem+json"),
    ))]
async fn forgot_password(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    Json(request): Json<ForgotPasswordRequest>,
) -> Result<(StatusCode, axum::Json<CodeSent>), ApiError> {
    crate::accounts::forgot(&state, &request.email, &ip, request.pow.as_ref()).await?;
    Ok((StatusCode::ACCEPTED, axum::Json(CodeSent::new())))
}

/// Sets a password with the emailed code. Ends every other session and lifts a lockout.
#[utoipa::path(post, path = "/v1/password/reset", tag = "self-service", request_body = ResetPasswordRequest,
    responses(
        (status = 200, body = PasswordSet),
        (status = 400, description = "`invalid_code` (with `attempts_remaining`), `code_expired`, `weak_password` (with `reasons`), `invalid_email`, `invalid_request`", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "`payload_too_large`", body = Problem, content_type = "application/problem+json"),
    ))]
async fn reset_password(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    Json(request): Json<ResetPasswordRequest>,
) -> Result<axum::Json<PasswordSet>, ApiError> {
    crate::accounts::reset(&state, request, &ip).await?;
    Ok(axum::Json(PasswordSet { status: "password_set".into() }))
}

/// Signs in with email and password. Answers `tos_required` until the current Terms are accepted.
#[utoipa::path(post, path = "/v1/sessions", tag = "self-service", request_body = SignInRequest,
    responses(
        (status = 200, body = SessionResponse),
        (status = 400, description = "`invalid_email` or `invalid_request`", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "`invalid_credentials`", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "`payload_too_large`", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "`account_locked` or `rate_limited`, with `retry_after`", body = Problem, content_type = "application/problem+json"),
    ))]
async fn sign_in(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    Json(request): Json<SignInRequest>,
) -> Result<axum::Json<SessionResponse>, ApiError> {
    let answer = sessions::sign_in(&state, &request.email, request.password, request.client.unwrap_or_default(), &ip).await?;
    Ok(axum::Json(with_trust_center(&state, answer)))
}

/// Links the operator's Trust Center beside the Terms of a `tos_required` answer.
fn with_trust_center(state: &AppState, mut answer: SessionResponse) -> SessionResponse {
    if let SessionResponse::TosRequired(required) = &mut answer {
        required.tos.trust_center_url.clone_from(&state.settings.trust_center_url);
    }
    answer
}

#[derive(Deserialize, utoipa::IntoParams)]
struct TosQuery {
    /// Preferred language; the English text (or any published one) when missing.
    lang: Option<String>,
}

/// The current Terms of Service.
#[utoipa::path(get, path = "/v1/tos/current", tag = "self-service", params(TosQuery),
    responses(
        (status = 200, body = TosDocument),
        (status = 400, description = "`invalid_request`", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "`no_tos`: none is published", body = Problem, content_type = "application/problem+json"),
    ))]
async fn current_tos(
    State(state): State<AppState>,
    AcceptLanguage(accepted): AcceptLanguage,
    Query(query): Query<TosQuery>,
) -> Result<axum::Json<TosDocument>, ApiError> {
    let language = query.lang.as_deref().and_then(Language::from_tag).unwrap_or(accepted);
    let document = crate::tos::current_document(&state.db, language).await?;
    document
        .map(|mut document| {
            document.trust_center_url.clone_from(&state.settings.trust_center_url);
            axum::Json(document)
        })
        .ok_or_else(|| ApiError::new(StatusCode::NOT_FOUND, ErrorCode::NoTos).detail("no Terms of Service are published"))
}

/// Accepts the current Terms of Service with the ticket of a `tos_required` answer.
#[utoipa::path(post, path = "/v1/tos/accept", tag = "self-service", request_body = TosAcceptRequest,
    responses(
        (status = 200, body = SessionResponse),
        (status = 400, description = "`invalid_ticket` or `invalid_request`", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`tos_version_mismatch`", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "`payload_too_large`", body = Problem, content_type = "application/problem+json"),
    ))]
async fn accept_tos(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    Json(request): Json<TosAcceptRequest>,
) -> Result<axum::Json<SessionResponse>, ApiError> {
    Ok(axum::Json(with_trust_center(&state, sessions::accept_tos(&state, &request.tos_ticket, &request.version, &ip).await?)))
}

/// Exchanges a refresh token (rotated on every use) for new tokens.
#[utoipa::path(post, path = "/v1/token", tag = "self-service", request_body = RefreshRequest,
    responses(
        (status = 200, body = SessionResponse),
        (status = 400, description = "`unsupported_audience` or `invalid_request`", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "`invalid_grant`", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "`payload_too_large`", body = Problem, content_type = "application/problem+json"),
    ))]
async fn refresh(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    Json(request): Json<RefreshRequest>,
) -> Result<axum::Json<SessionResponse>, ApiError> {
    if request.grant_type != "refresh_token" {
        return Err(ApiError::bad_request(ErrorCode::InvalidRequest, "grant_type must be refresh_token"));
    }
    Ok(axum::Json(with_trust_center(&state, sessions::refresh(&state, &request.refresh_token, request.audience.as_deref(), &ip).await?)))
}

/// Ends the session of a refresh token (its whole family). Unknown tokens are not an error.
#[utoipa::path(post, path = "/v1/sessions/revoke", tag = "self-service", request_body = RevokeRequest,
    responses(
        (status = 204, description = "Revoked (or already unknown)"),
        (status = 400, description = "`invalid_request`", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "`payload_too_large`", body = Problem, content_type = "application/problem+json"),
    ))]
async fn revoke(State(state): State<AppState>, ClientIp(ip): ClientIp, Json(request): Json<RevokeRequest>) -> Result<NoContent, ApiError> {
    sessions::revoke(&state, &request.refresh_token, &ip).await?;
    Ok(NoContent)
}

/// `application/x-www-form-urlencoded` body of the OAuth token endpoint.
#[derive(Deserialize, utoipa::ToSchema)]
pub struct OAuthTokenForm {
    grant_type: String,
    #[schema(value_type = Option<String>)]
    refresh_token: Option<Secret>,
    client_id: Option<String>,
    audience: Option<String>,
}

/// `application/x-www-form-urlencoded` body of the OAuth revocation endpoint.
#[derive(Deserialize, utoipa::ToSchema)]
pub struct OAuthRevokeForm {
    #[schema(value_type = String)]
    token: Secret,
    /// Accepted as RFC 7009 allows; only refresh tokens can be revoked.
    #[expect(dead_code, reason = "documented in the schema; the token itself says what it is")]
    token_type_hint: Option<String>,
    #[expect(dead_code, reason = "documented in the schema; latchkey-desktop is the only client")]
    client_id: Option<String>,
}

fn oauth_error(status: StatusCode, error: &str, description: &str) -> Response {
    let body = OAuthError { error: error.into(), error_description: Some(description.into()) };
    (status, axum::Json(body)).into_response()
}

/// RFC 6749 §6 refresh grant for off-the-shelf OAuth clients (public client `latchkey-desktop`).
#[utoipa::path(post, path = "/oauth2/token", tag = "oauth2",
    request_body(content = OAuthTokenForm, content_type = "application/x-www-form-urlencoded"),
    responses(
        (status = 200, body = OAuthToken),
        (status = 400, description = "RFC 6749 §5.2 error: `invalid_request`, `invalid_client`, `unsupported_grant_type`, `invalid_grant` (also for pending Terms of Service: `terms_of_service_required`), `invalid_target`", body = OAuthError),
        (status = 413, description = "Body over 1 MiB", body = OAuthError),
    ))]
async fn oauth_token(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    form: Result<axum::Form<OAuthTokenForm>, FormRejection>,
) -> Response {
    let form = match form {
        Ok(axum::Form(form)) => form,
        Err(rejection) if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE => {
            return oauth_error(StatusCode::PAYLOAD_TOO_LARGE, "invalid_request", "the body is over 1 MiB")
        }
        Err(_) => return oauth_error(StatusCode::BAD_REQUEST, "invalid_request", "expected a form with grant_type and refresh_token"),
    };
    if form.grant_type != "refresh_token" {
        return oauth_error(StatusCode::BAD_REQUEST, "unsupported_grant_type", "only the refresh_token grant is supported");
    }
    if form.client_id.as_deref().is_some_and(|c| c != sessions::CLIENT_ID) {
        return oauth_error(StatusCode::BAD_REQUEST, "invalid_client", "unknown client_id");
    }
    let Some(token) = form.refresh_token else {
        return oauth_error(StatusCode::BAD_REQUEST, "invalid_request", "refresh_token is required");
    };
    match sessions::refresh(&state, &token, form.audience.as_deref(), &ip).await {
        Ok(SessionResponse::SignedIn(signed_in)) => axum::Json(OAuthToken {
            access_token: signed_in.access_token,
            token_type: signed_in.token_type,
            expires_in: signed_in.expires_in,
            refresh_token: signed_in.refresh_token,
        })
        .into_response(),
        Ok(SessionResponse::TosRequired(_)) => oauth_error(StatusCode::BAD_REQUEST, "invalid_grant", "terms_of_service_required"),
        Err(RefreshRefused::InvalidGrant) => oauth_error(StatusCode::BAD_REQUEST, "invalid_grant", "the refresh token is not valid"),
        Err(RefreshRefused::UnsupportedAudience) => oauth_error(StatusCode::BAD_REQUEST, "invalid_target", "unsupported audience"),
        Err(RefreshRefused::Api(e)) => e.into_response(),
    }
}

/// RFC 7009 revocation: 200 whether or not the token was valid.
#[utoipa::path(post, path = "/oauth2/revoke", tag = "oauth2",
    request_body(content = OAuthRevokeForm, content_type = "application/x-www-form-urlencoded"),
    responses(
        (status = 200, description = "Revoked, or the token was not valid"),
        (status = 400, description = "`invalid_request`: no token", body = OAuthError),
        (status = 413, description = "Body over 1 MiB", body = OAuthError),
    ))]
async fn oauth_revoke(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    form: Result<axum::Form<OAuthRevokeForm>, FormRejection>,
) -> Response {
    match form {
        Ok(axum::Form(form)) => match sessions::revoke(&state, &form.token, &ip).await {
            Ok(()) => StatusCode::OK.into_response(),
            Err(e) => e.into_response(),
        },
        Err(rejection) if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE => {
            oauth_error(StatusCode::PAYLOAD_TOO_LARGE, "invalid_request", "the body is over 1 MiB")
        }
        Err(_) => oauth_error(StatusCode::BAD_REQUEST, "invalid_request", "expected a form with token"),
    }
}
