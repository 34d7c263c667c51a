//! The HTTP API: one router per feature module, merged by [`app`]. Handlers only translate
//! between HTTP and the domain modules; the rules live in those modules.

mod admin;
mod delivery;
mod operator;
mod ops;
mod org_document;
mod selfservice;
mod user;

use axum::extract::{DefaultBodyLimit, Request};
use axum::http::{header, HeaderName, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::Router;
use latchkey_protocol::ErrorCode;
use tower_http::request_id::{MakeRequestId, PropagateRequestIdLayer, RequestId, SetRequestIdLayer};
use tower_http::set_header::SetResponseHeaderLayer;

use crate::error::ApiError;
use crate::http::BODY_LIMIT;
use crate::metrics::Metrics;
use crate::AppState;

pub use ops::{document as ops_document, ApiDoc};

static REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

pub fn app(state: AppState) -> Router {
    Router::new()
        .merge(selfservice::router())
        .merge(user::router())
        .merge(delivery::router())
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
