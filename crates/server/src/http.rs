//! The HTTP pieces every router shares, the API's and the web portal's: the body limit, the
//! extractors (client address, language, bearer token, problem-document `Json` and `Query`)
//! and the bulk upload's body reader. Nothing here knows a route.

use std::net::{IpAddr, SocketAddr};

use axum::body::Body;
use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use latchkey_protocol::{ErrorCode, Language};
use serde::Deserialize;

use crate::bulk;
use crate::error::ApiError;
use crate::AppState;

/// Request bodies above this are refused with 413 `payload_too_large`.
pub const BODY_LIMIT: usize = 1024 * 1024;

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

/// No `Authorization` header: `None`; a header with a bad token is still refused (401).
impl axum::extract::OptionalFromRequestParts<AppState> for Bearer {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Option<Self>, ApiError> {
        if parts.headers.contains_key(header::AUTHORIZATION) {
            <Bearer as FromRequestParts<AppState>>::from_request_parts(parts, state).await.map(Some)
        } else {
            Ok(None)
        }
    }
}

pub fn bearer_token(parts: &Parts) -> Option<&str> {
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

/// `axum::Json` whose rejections are problem documents.
#[derive(axum::extract::FromRequest)]
#[from_request(via(axum::Json), rejection(ApiError))]
pub struct Json<T>(pub T);

/// `axum::extract::Query` whose rejections are problem documents.
#[derive(axum::extract::FromRequestParts)]
#[from_request(via(axum::extract::Query), rejection(ApiError))]
pub struct Query<T>(pub T);

/// Past this, an oversized body is answered at once; below it, it is read to its end and thrown
/// away first, so that the client, still sending, reads the 413 instead of a reset connection.
const DRAIN_LIMIT: usize = 2 * bulk::MAX_BYTES;

/// Reads a CSV body of at most 10 MiB (413 `payload_too_large` past it; never more than 10 MiB
/// kept in memory).
pub async fn read_csv(headers: &HeaderMap, body: Body) -> Result<Vec<u8>, ApiError> {
    use http_body_util::BodyExt;
    let too_large =
        || ApiError::new(StatusCode::PAYLOAD_TOO_LARGE, ErrorCode::PayloadTooLarge).detail("a bulk import file may hold at most 10 MiB");
    let declared = headers.get(header::CONTENT_LENGTH).and_then(|v| v.to_str().ok()).and_then(|v| v.parse::<usize>().ok());
    if declared.is_some_and(|length| length > DRAIN_LIMIT) {
        return Err(too_large());
    }
    let mut bytes = Vec::with_capacity(declared.unwrap_or(0).min(bulk::MAX_BYTES));
    let mut received = 0_usize;
    let mut body = body;
    while let Some(frame) = body.frame().await {
        let frame = frame.map_err(|e| ApiError::bad_request(ErrorCode::InvalidRequest, format!("the body could not be read: {e}")))?;
        if let Ok(data) = frame.into_data() {
            received += data.len();
            if received > DRAIN_LIMIT {
                return Err(too_large());
            }
            if received <= bulk::MAX_BYTES {
                bytes.extend_from_slice(&data);
            } else if !bytes.is_empty() {
                bytes = Vec::new(); // over the limit: drop what was kept, read the rest away
            }
        }
    }
    if received > bulk::MAX_BYTES {
        return Err(too_large());
    }
    Ok(bytes)
}

#[derive(Deserialize, utoipa::IntoParams)]
pub struct BulkQuery {
    /// `true`: check and report, write and mail nothing.
    #[serde(default)]
    pub dry_run: bool,
}
