//! The HTTP API: one router per feature module, merged by [`app`]. Handlers only translate
//! between HTTP and the domain modules; the rules live in those modules.

mod admin;
mod operator;
mod ops;
mod selfservice;
mod user;

use std::net::{IpAddr, SocketAddr};

use axum::extract::{ConnectInfo, DefaultBodyLimit, FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::{header, HeaderName, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::Router;
use latchkey_protocol::{ErrorCode, Language};
use tower_http::request_id::{MakeRequestId, PropagateRequestIdLayer, RequestId, SetRequestIdLayer};
use tower_http::set_header::SetResponseHeaderLayer;

use crate::error::ApiError;
use crate::state::{AppState, Metrics};

pub use ops::{document as ops_document, ApiDoc};

/// Request bodies above this are refused with 413 `payload_too_large`.
pub const BODY_LIMIT: usize = 1024 * 1024;

static REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

pub fn app(state: AppState) -> Router {
    Router::new()
        .merge(selfservice::router())
        .merge(user::router())
        .merge(operator::router())
        .merge(admin::router())
        .merge(ops::router())
        .merge(crate::portal::router(state.clone()))
        .fallback(fallback)
        .method_not_allowed_fallback(|| async {
            ApiError::new(StatusCode::METHOD_NOT_ALLOWED, ErrorCode::InvalidRequest).detail("method not allowed on this endpoint")
        })
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .layer(axum::middleware::from_fn_with_state(state.clone(), observe))
        .layer(SetResponseHeaderLayer::if_not_present(header::CACHE_CONTROL, HeaderValue::from_static("no-store")))
        .layer(SetResponseHeaderLayer::overriding(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff")))
        .layer(PropagateRequestIdLayer::new(REQUEST_ID.clone()))
        .layer(SetRequestIdLayer::new(REQUEST_ID.clone(), NewRequestId))
        .with_state(state)
}

/// An unknown path: a page under `/admin`, a problem document elsewhere.
async fn fallback(axum::extract::State(state): axum::extract::State<AppState>, request: Request) -> Response {
    let (parts, _) = request.into_parts();
    if parts.uri.path().starts_with("/admin/") {
        return crate::portal::not_found(parts, &state).await;
    }
    ApiError::not_found().detail("no such endpoint").into_response()
}

#[derive(Clone)]
struct NewRequestId;

impl MakeRequestId for NewRequestId {
    fn make_request_id<B>(&mut self, _: &axum::http::Request<B>) -> Option<RequestId> {
        HeaderValue::from_str(&crate::ids::new_id("req")).ok().map(RequestId::new)
    }
}

/// Counts and logs every request (method, path, status, time: never bodies or query values).
async fn observe(axum::extract::State(state): axum::extract::State<AppState>, request: Request, next: Next) -> Response {
    let started = std::time::Instant::now();
    let method = request.method().clone();
    let path = request.uri().path().to_owned();
    let id = request.headers().get(&REQUEST_ID).and_then(|v| v.to_str().ok()).unwrap_or("").to_owned();
    let response = next.run(request).await;
    Metrics::add(&state.metrics.http_requests);
    let status = response.status();
    if status.is_server_error() {
        Metrics::add(&state.metrics.http_server_errors);
        tracing::error!(%method, %path, status = status.as_u16(), request_id = %id, "request failed");
    } else {
        tracing::debug!(%method, %path, status = status.as_u16(), request_id = %id, elapsed_ms = started.elapsed().as_millis() as u64, "request");
    }
    response
}

/// The client's address: the peer, or the last `X-Forwarded-For` hop when the peer is a
/// trusted proxy. Rate limits are keyed on it.
pub struct ClientIp(pub String);

impl FromRequestParts<AppState> for ClientIp {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        // Canonical form: an IPv4 peer of a dual-stack listener arrives as `::ffff:a.b.c.d`.
        let peer: Option<IpAddr> = parts.extensions.get::<ConnectInfo<SocketAddr>>().map(|c| c.0.ip().to_canonical());
        let forwarded = || {
            parts
                .headers
                .get_all("x-forwarded-for")
                .iter()
                .filter_map(|v| v.to_str().ok())
                .flat_map(|v| v.split(','))
                .next_back()
                .and_then(|hop| hop.trim().parse::<IpAddr>().ok())
                .map(|hop| hop.to_canonical())
        };
        let ip = match peer {
            Some(peer) if state.settings.trusted_proxies.contains(&peer) => forwarded().unwrap_or(peer),
            Some(peer) => peer,
            None => IpAddr::from([127, 0, 0, 1]),
        };
        Ok(ClientIp(ip.to_string()))
    }
}

/// The language from `Accept-Language`, else English.
pub struct AcceptLanguage(pub Language);

impl<S: Send + Sync> FromRequestParts<S> for AcceptLanguage {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        let language = parts
            .headers
            .get(header::ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok())
            .and_then(Language::from_accept_language)
            .unwrap_or_default();
        Ok(AcceptLanguage(language))
    }
}

/// A verified access token of this server's audience.
pub struct Bearer(pub crate::sessions::AccessClaims);

impl FromRequestParts<AppState> for Bearer {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let token = bearer_token(parts).ok_or_else(|| ApiError::unauthorized("an `Authorization: Bearer` access token is required"))?;
        crate::sessions::verify_access_token(state, token).map(Bearer)
    }
}

fn bearer_token(parts: &Parts) -> Option<&str> {
    let value = parts.headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.split_once(' ')?;
    scheme.eq_ignore_ascii_case("bearer").then(|| token.trim()).filter(|t| !t.is_empty())
}

/// 204 No Content.
pub struct NoContent;

impl IntoResponse for NoContent {
    fn into_response(self) -> Response {
        StatusCode::NO_CONTENT.into_response()
    }
}
