//! The local API's routes (`shared/contract/local-api.md`): one flat, versioned table. Every
//! request passes the guard first: the peer must be this agent's own user (`forbidden_peer`),
//! and nothing that looks like a browser gets through (`forbidden_origin`).

use std::convert::Infallible;
use std::sync::Arc;
use std::time::Duration;

use axum::body::Bytes;
use axum::extract::rejection::PathRejection;
use axum::extract::{DefaultBodyLimit, FromRequest, FromRequestParts, Path, Request, State};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::middleware::{self, Next};
use axum::response::sse::{Event as SseEvent, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::{delete, get, post};
use axum::{Json, Router};
use latchkey_protocol::local::{
    ConsentAnswerBody, ConsentMode, EffectiveSetting, HandingOver, LocalErrorCode as C, PasswordSignIn, Prompted, SettingsView,
    SignInPrompt, TokenRequest, TosAccept, APP_HEADER, HOST,
};
use serde::de::DeserializeOwned;
use tokio::sync::Notify;
use tokio_stream::StreamExt;

use crate::consent::{Caller, CallerCell};
use crate::engine::Engine;
use crate::error::LocalError;

/// Largest request body the local API reads.
pub const MAX_BODY: usize = 64 * 1024;
/// How long a client may take to send its body.
const BODY_TIMEOUT: Duration = Duration::from_secs(10);
/// The longest `wait_seconds` of `POST /v1/sign-in`.
const MAX_WAIT: u32 = 600;

pub use latchkey_transport::Peer;

#[derive(Clone)]
pub struct ApiState {
    pub engine: Arc<Engine>,
    /// Whether peers of another user are refused (always, but for tests without a socket).
    pub check_peer: bool,
    /// Notified by `POST /v1/agent/handover`.
    pub handover: Arc<Notify>,
}

impl IntoResponse for LocalError {
    fn into_response(self) -> Response {
        let status = StatusCode::from_u16(self.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let mut response = (status, Json(self.problem())).into_response();
        response.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("application/problem+json"));
        if self.code == C::ForbiddenPeer {
            response.headers_mut().insert(header::CONNECTION, HeaderValue::from_static("close"));
        }
        response
    }
}

/// A JSON body, with every failure a `LocalError` that names the problem. An empty body is the
/// default value, for the endpoints whose body is optional.
pub struct Body<T>(pub T);

impl<T: DeserializeOwned + Default, S: Send + Sync> FromRequest<S> for Body<T> {
    type Rejection = LocalError;

    async fn from_request(request: Request, state: &S) -> Result<Self, LocalError> {
        let bytes = read_body(request, state).await?;
        if bytes.iter().all(u8::is_ascii_whitespace) {
            return Ok(Body(T::default()));
        }
        parse(&bytes).map(Body)
    }
}

/// A JSON body that must be present.
pub struct Required<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for Required<T> {
    type Rejection = LocalError;

    async fn from_request(request: Request, state: &S) -> Result<Self, LocalError> {
        let bytes = read_body(request, state).await?;
        parse(&bytes).map(Required)
    }
}

async fn read_body<S: Send + Sync>(request: Request, state: &S) -> Result<Bytes, LocalError> {
    match tokio::time::timeout(BODY_TIMEOUT, Bytes::from_request(request, state)).await {
        Err(_) => Err(LocalError::new(C::InvalidRequest, "the request body did not arrive in time")),
        Ok(Err(rejection)) if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE => {
            Err(LocalError::new(C::PayloadTooLarge, format!("request bodies are limited to {MAX_BODY} bytes")))
        }
        Ok(Err(rejection)) => Err(LocalError::new(C::InvalidRequest, rejection.body_text())),
        Ok(Ok(bytes)) => Ok(bytes),
    }
}

fn parse<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, LocalError> {
    serde_json::from_slice(bytes).map_err(|e| {
        // serde's message names the field and the position, and may quote the offending value: it
        // goes back only to the caller that sent it, and the request log never holds it.
        LocalError::new(C::InvalidRequest, format!("the body is not valid for this endpoint: {e}"))
    })
}

/// Refuses other users and anything browser-like, logs every request with its caller, and adds
/// the headers every answer carries.
async fn guard(State(state): State<ApiState>, request: Request, next: Next) -> Response {
    let peer = request.extensions().get::<Peer>().cloned().unwrap_or_else(Peer::unknown);
    let app = app_name(request.headers());
    tracing::info!(
        method = %request.method(),
        path = %request.uri().path(),
        pid = peer.pid,
        exe = peer.exe.as_deref().unwrap_or("?"),
        app = app.as_deref().unwrap_or("-"),
        "local API request"
    );
    let refusal = if state.check_peer && !peer.same_user {
        Some(LocalError::new(C::ForbiddenPeer, "this agent serves only its own user"))
    } else {
        browser_refusal(request.headers())
    };
    let mut response = match refusal {
        Some(error) => {
            tracing::warn!(pid = peer.pid, user = peer.user.as_deref().unwrap_or("?"), code = %error.code, "refused a caller");
            error.into_response()
        }
        None => next.run(request).await,
    };
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static("default-src 'none'"));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    response
}

/// `Origin` or `Referer` present, or a `Host` other than `latchkey`: a browser, or something
/// relaying for one.
pub fn browser_refusal(headers: &HeaderMap) -> Option<LocalError> {
    if headers.contains_key(header::ORIGIN) || headers.contains_key(header::REFERER) {
        return Some(LocalError::new(C::ForbiddenOrigin, "requests carrying Origin or Referer are refused"));
    }
    let host_ok = headers.get_all(header::HOST).iter().count() == 1
        && headers.get(header::HOST).is_some_and(|h| h.as_bytes().eq_ignore_ascii_case(HOST.as_bytes()));
    (!host_ok).then(|| LocalError::new(C::ForbiddenOrigin, format!("the Host header must be {HOST:?}")))
}

/// The `Latchkey-App` header: a display hint, at most 64 characters, never trusted.
fn app_name(headers: &HeaderMap) -> Option<String> {
    headers.get(APP_HEADER).and_then(|v| v.to_str().ok()).map(|v| v.chars().filter(|c| !c.is_control()).take(64).collect::<String>())
}

/// Runs `check` with the program behind this connection, identified once per connection.
async fn with_caller<T>(
    parts: &Parts,
    state: &ApiState,
    check: impl AsyncFnOnce(&Caller) -> Result<T, LocalError>,
) -> Result<T, LocalError> {
    let peer = parts.extensions.get::<Peer>().cloned().unwrap_or_else(Peer::unknown);
    let cell = parts.extensions.get::<CallerCell>().cloned().unwrap_or_default();
    let engine = state.engine.clone();
    let identified = cell
        .get_or_init(|| async move {
            tokio::task::spawn_blocking(move || engine.consent().identify(&peer)).await.unwrap_or_else(|e| Err(e.to_string()))
        })
        .await;
    match identified {
        Ok(caller) => check(caller).await,
        Err(e) => Err(LocalError::new(
            C::AppNotAllowed,
            format!("the calling program cannot be identified ({e}); only identified programs are served"),
        )),
    }
}

/// A caller that per-app consent admits to the session: the token and entitlement endpoints take
/// it, so the first call of an unknown program waits for the user's answer, and so do the
/// software endpoints (the catalogue lists the user's products; an installation spends the
/// user's session).
pub struct Admitted;

impl FromRequestParts<ApiState> for Admitted {
    type Rejection = LocalError;

    async fn from_request_parts(parts: &mut Parts, state: &ApiState) -> Result<Self, LocalError> {
        let config = state.engine.config();
        // Without a socket (router tests) there is no peer to identify.
        if !state.check_peer || config.consent_mode() == ConsentMode::Allow {
            return Ok(Admitted);
        }
        let name = app_name(&parts.headers);
        with_caller(parts, state, async |caller| state.engine.consent().admit(caller, name.as_deref(), &config).await).await?;
        Ok(Admitted)
    }
}

/// One of Latchkey's own programs (the CLI, the agent, the desktop app): only they may read and
/// answer consent requests, so that a program cannot allow itself.
pub struct LatchkeyProgram;

impl FromRequestParts<ApiState> for LatchkeyProgram {
    type Rejection = LocalError;

    async fn from_request_parts(parts: &mut Parts, state: &ApiState) -> Result<Self, LocalError> {
        if !state.check_peer {
            return Ok(LatchkeyProgram);
        }
        with_caller(parts, state, async |caller| {
            if state.engine.consent().is_latchkey_program(caller) {
                Ok(LatchkeyProgram)
            } else {
                Err(LocalError::new(
                    C::AppNotAllowed,
                    format!("only Latchkey's own programs may see and answer consent requests, not {}", caller.path.display()),
                ))
            }
        })
        .await
    }
}

/// The whole local API.
pub fn router(state: ApiState) -> Router {
    Router::new()
        .route("/v1/status", get(status))
        .route("/v1/settings", get(settings))
        .route("/v1/settings/problems", get(settings_problems))
        .route("/v1/token", post(token))
        .route("/v1/entitlements", get(entitlements))
        .route("/v1/entitlements/{product}", get(entitlement))
        .route("/v1/sign-in", post(sign_in))
        .route("/v1/sign-in/password", post(sign_in_password))
        .route("/v1/tos/accept", post(accept_tos))
        .route("/v1/tos/decline", post(decline_tos))
        .route("/v1/sign-out", post(sign_out))
        .route("/v1/events", get(events))
        .route("/v1/catalog", get(catalog))
        .route("/v1/updates/{product}", get(update_check))
        .route("/v1/installs/{product}", post(start_install).get(install_progress).delete(cancel_install))
        .route("/v1/self-update", post(self_update))
        .route("/v1/consent", get(consent_view))
        .route("/v1/consent/requests/{id}", post(answer_consent))
        .route("/v1/consent/apps/{sha256}", delete(revoke_consent))
        .route("/v1/agent/handover", post(handover))
        .route("/v1/openapi.json", get(openapi))
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(DefaultBodyLimit::max(MAX_BODY))
        .layer(middleware::from_fn_with_state(state.clone(), guard))
        .with_state(state)
}

async fn not_found() -> LocalError {
    LocalError::new(C::NotFound, "no such endpoint in the local API v1 (see GET /v1/openapi.json)")
}

async fn method_not_allowed() -> LocalError {
    LocalError::new(C::MethodNotAllowed, "this endpoint does not take that method")
}

async fn status(State(state): State<ApiState>) -> Response {
    Json(state.engine.status()).into_response()
}

pub fn settings_view(config: &latchkey_config::Config) -> SettingsView {
    config
        .values
        .iter()
        .map(|(key, effective)| {
            let value = match &effective.value {
                latchkey_config::Value::Text(Some(text)) => serde_json::Value::String(text.clone()),
                latchkey_config::Value::Text(None) => serde_json::Value::Null,
                latchkey_config::Value::Bool(b) => serde_json::Value::Bool(*b),
            };
            (key.name().to_owned(), EffectiveSetting { value, source: effective.source.name().to_owned() })
        })
        .collect()
}

async fn settings(State(state): State<ApiState>) -> Response {
    Json(settings_view(&state.engine.config())).into_response()
}

async fn settings_problems(State(state): State<ApiState>) -> Response {
    let problems: Vec<String> = state.engine.config().problems.iter().map(ToString::to_string).collect();
    Json(serde_json::json!({ "problems": problems })).into_response()
}

async fn token(_: Admitted, State(state): State<ApiState>, Body(request): Body<TokenRequest>) -> Result<Response, LocalError> {
    Ok(Json(state.engine.token(&request).await?).into_response())
}

async fn entitlements(_: Admitted, State(state): State<ApiState>) -> Result<Response, LocalError> {
    Ok(Json(state.engine.entitlements().await?).into_response())
}

async fn entitlement(
    _: Admitted,
    State(state): State<ApiState>,
    product: Result<Path<String>, PathRejection>,
) -> Result<Response, LocalError> {
    let Path(product) = product.map_err(|e| LocalError::new(C::InvalidRequest, format!("the product name: {}", e.body_text())))?;
    Ok(Json(state.engine.entitlement(&product).await?).into_response())
}

fn product_of(product: Result<Path<String>, PathRejection>) -> Result<String, LocalError> {
    let Path(product) = product.map_err(|e| LocalError::new(C::InvalidRequest, format!("the product name: {}", e.body_text())))?;
    Ok(product)
}

async fn catalog(_: Admitted, State(state): State<ApiState>) -> Result<Response, LocalError> {
    Ok(Json(state.engine.catalog().await?).into_response())
}

#[derive(serde::Deserialize)]
struct UpdateQuery {
    current: Option<String>,
}

async fn update_check(
    _: Admitted,
    State(state): State<ApiState>,
    product: Result<Path<String>, PathRejection>,
    query: Result<axum::extract::Query<UpdateQuery>, axum::extract::rejection::QueryRejection>,
) -> Result<Response, LocalError> {
    let product = product_of(product)?;
    let axum::extract::Query(query) = query.map_err(|e| LocalError::new(C::InvalidRequest, format!("the query: {}", e.body_text())))?;
    let current = query.current.filter(|c| !c.trim().is_empty());
    if current.as_ref().is_some_and(|c| c.len() > 64 || c.chars().any(char::is_control)) {
        return Err(LocalError::new(C::InvalidRequest, "current: a version is at most 64 characters, without control characters"));
    }
    Ok(Json(state.engine.update_check(&product, current).await?).into_response())
}

async fn start_install(
    _: Admitted,
    State(state): State<ApiState>,
    product: Result<Path<String>, PathRejection>,
) -> Result<Response, LocalError> {
    let progress = state.engine.start_install(&product_of(product)?).await?;
    Ok((StatusCode::ACCEPTED, Json(progress)).into_response())
}

async fn install_progress(
    _: Admitted,
    State(state): State<ApiState>,
    product: Result<Path<String>, PathRejection>,
) -> Result<Response, LocalError> {
    Ok(Json(state.engine.install_progress(&product_of(product)?)?).into_response())
}

async fn cancel_install(
    _: Admitted,
    State(state): State<ApiState>,
    product: Result<Path<String>, PathRejection>,
) -> Result<Response, LocalError> {
    Ok(Json(state.engine.cancel_install(&product_of(product)?).await?).into_response())
}

async fn self_update(_: Admitted, State(state): State<ApiState>) -> Result<Response, LocalError> {
    Ok(Json(state.engine.self_update(env!("CARGO_PKG_VERSION")).await?).into_response())
}

async fn consent_view(_: LatchkeyProgram, State(state): State<ApiState>) -> Response {
    Json(state.engine.consent().view(&state.engine.config())).into_response()
}

async fn answer_consent(
    _: LatchkeyProgram,
    State(state): State<ApiState>,
    id: Result<Path<String>, PathRejection>,
    Required(body): Required<ConsentAnswerBody>,
) -> Result<Response, LocalError> {
    let Path(id) = id.map_err(|e| LocalError::new(C::InvalidRequest, format!("the request id: {}", e.body_text())))?;
    Ok(Json(state.engine.consent().answer(&id, body.answer, &state.engine.config())?).into_response())
}

async fn revoke_consent(
    _: LatchkeyProgram,
    State(state): State<ApiState>,
    sha256: Result<Path<String>, PathRejection>,
) -> Result<Response, LocalError> {
    let Path(sha256) = sha256.map_err(|e| LocalError::new(C::InvalidRequest, format!("the hash: {}", e.body_text())))?;
    if sha256.len() != 64 || !sha256.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)) {
        return Err(LocalError::new(C::InvalidRequest, "sha256: 64 lowercase hexadecimal digits"));
    }
    Ok(Json(state.engine.consent().revoke(&sha256, &state.engine.config())?).into_response())
}

async fn sign_in(State(state): State<ApiState>, Body(request): Body<SignInPrompt>) -> Result<Response, LocalError> {
    if request.wait_seconds.is_some_and(|w| w > MAX_WAIT) {
        return Err(LocalError::new(C::InvalidRequest, format!("wait_seconds is at most {MAX_WAIT}")));
    }
    let wait = request.wait_seconds.map(|s| Duration::from_secs(u64::from(s)));
    Ok(match state.engine.prompt_sign_in(wait).await? {
        Some(status) => Json(status).into_response(),
        None => (StatusCode::ACCEPTED, Json(Prompted { status: "prompted".into() })).into_response(),
    })
}

async fn sign_in_password(State(state): State<ApiState>, Required(request): Required<PasswordSignIn>) -> Result<Response, LocalError> {
    if request.email.trim().is_empty() || request.password.expose().is_empty() {
        return Err(LocalError::new(C::InvalidRequest, "email and password are required"));
    }
    let status = state.engine.sign_in_with_password(request.email.trim(), &request.password, request.accept_tos.unwrap_or(false)).await?;
    Ok(Json(status).into_response())
}

async fn accept_tos(State(state): State<ApiState>, Required(request): Required<TosAccept>) -> Result<Response, LocalError> {
    Ok(Json(state.engine.accept_tos(&request.version).await?).into_response())
}

async fn decline_tos(State(state): State<ApiState>) -> Response {
    Json(state.engine.decline_tos()).into_response()
}

async fn sign_out(State(state): State<ApiState>) -> Result<Response, LocalError> {
    Ok(Json(state.engine.sign_out().await?).into_response())
}

async fn events(State(state): State<ApiState>) -> Response {
    let engine = state.engine.clone();
    let _ = engine.status(); // bring the status up to date before the first event
    let stream = tokio_stream::wrappers::WatchStream::new(engine.subscribe())
        .map(|status| Ok::<_, Infallible>(SseEvent::default().event("status").json_data(status).unwrap_or_default()));
    Sse::new(stream).keep_alive(KeepAlive::default()).into_response()
}

async fn handover(State(state): State<ApiState>) -> Response {
    tracing::info!("handover asked: this agent stops refreshing, releases the socket and exits");
    state.handover.notify_one();
    let mut response = (StatusCode::ACCEPTED, Json(HandingOver { status: "handing_over".into() })).into_response();
    response.headers_mut().insert(header::CONNECTION, HeaderValue::from_static("close"));
    response
}

async fn openapi() -> Response {
    ([(header::CONTENT_TYPE, "application/json")], crate::openapi::document()).into_response()
}
