//! Software delivery for users: the catalogue and the release files (Range, `ETag`, resumable).

use axum::body::Body;
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use latchkey_protocol::delivery::Catalog;
use latchkey_protocol::Problem;

use crate::error::ApiError;
use crate::http::{Bearer, ClientIp};
use crate::AppState;

pub fn router() -> Router<AppState> {
    Router::new().route("/v1/catalog", get(catalog)).route("/v1/releases/{id}/file", get(file))
}

/// The products the signed-in user is entitled to (Latchkey itself first), each with the release
/// offered per platform (the version the organization pinned, else the latest not yanked) and its
/// signed manifest, and whether the user may download it (`blocked_by` says why not).
#[utoipa::path(get, path = "/v1/catalog", tag = "delivery", security(("bearer" = [])),
    responses(
        (status = 200, body = Catalog),
        (status = 401, description = "`unauthorized`", body = Problem, content_type = "application/problem+json"),
    ))]
async fn catalog(State(state): State<AppState>, Bearer(claims): Bearer) -> Result<axum::Json<Catalog>, ApiError> {
    crate::catalog::for_user(&state, &claims.sub)
        .await?
        .map(axum::Json)
        .ok_or_else(|| ApiError::unauthorized("the account of this token no longer exists"))
}

/// A release's file. Latchkey's own releases are public; any other needs a bearer token of a user
/// with the Product Delivery – Download role whose organization subscribes to the product and
/// allows this version. Single byte ranges (`Range`, `If-Range`) resume a download; the `ETag` is
/// the file's SHA-256. Every download is audited.
#[utoipa::path(get, path = "/v1/releases/{id}/file", tag = "delivery", security((), ("bearer" = [])),
    params(
        ("id" = String, Path, description = "Release id"),
        ("Range" = Option<String>, Header, description = "One byte range: `bytes=START-`, `bytes=START-END` or `bytes=-LAST`"),
        ("If-Range" = Option<String>, Header, description = "The `ETag`: the range applies only if the file is still this one"),
        ("If-None-Match" = Option<String>, Header, description = "The `ETag` the caller holds: 304 if it matches"),
    ),
    responses(
        (status = 200, description = "The whole file", content_type = "application/octet-stream", body = Vec<u8>,
            headers(("ETag" = String), ("Accept-Ranges" = String), ("Content-Length" = u64))),
        (status = 206, description = "The requested range", content_type = "application/octet-stream", body = Vec<u8>,
            headers(("Content-Range" = String), ("ETag" = String))),
        (status = 304, description = "Not modified (`If-None-Match`)"),
        (status = 401, description = "`unauthorized`: no or a bad token for a product other than Latchkey", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "`download_not_permitted`: no Download role, no subscription, not allowed or not the pinned version", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "`not_found`: no such release, or yanked", body = Problem, content_type = "application/problem+json"),
        (status = 416, description = "`invalid_request`: the range is outside the file", body = Problem, content_type = "application/problem+json",
            headers(("Content-Range" = String))),
    ))]
async fn file(
    State(state): State<AppState>,
    bearer: Option<Bearer>,
    ClientIp(ip): ClientIp,
    Path(id): Path<String>,
    method: Method,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let user = bearer.map(|Bearer(claims)| claims.sub);
    let release = crate::catalog::downloadable(&state, user.as_deref(), &id).await?;
    let etag = format!("\"{}\"", release.sha256);
    let header_text = |name: header::HeaderName| headers.get(name).and_then(|v| v.to_str().ok());
    if header_text(header::IF_NONE_MATCH).is_some_and(|v| v.split(',').any(|t| t.trim() == etag || t.trim() == "*")) {
        return Ok((StatusCode::NOT_MODIFIED, [(header::ETAG, etag)]).into_response());
    }
    // A range of another version of the file would corrupt the caller's copy: serve it whole.
    let range_applies = header_text(header::IF_RANGE).is_none_or(|v| v.trim() == etag);
    let range = match header_text(header::RANGE) {
        Some(text) if range_applies => parse_range(text, release.size),
        _ => Ranged::Whole,
    };
    let (status, start, length) = match range {
        Ranged::Whole => (StatusCode::OK, 0, release.size),
        Ranged::Part { start, end } => (StatusCode::PARTIAL_CONTENT, start, end - start + 1),
        Ranged::Unsatisfiable => {
            let mut refusal = ApiError::new(StatusCode::RANGE_NOT_SATISFIABLE, latchkey_protocol::ErrorCode::InvalidRequest)
                .detail(format!("the range is outside the file of {} bytes", release.size))
                .into_response();
            refusal.headers_mut().insert(header::CONTENT_RANGE, value(&format!("bytes */{}", release.size)));
            return Ok(refusal);
        }
    };
    // HEAD answers the headers only: nothing is read from the store.
    let bytes = if length == 0 || method == Method::HEAD {
        futures_util::StreamExt::boxed(futures_util::stream::empty())
    } else {
        state
            .release_store
            .read(&release.sha256, start, length)
            .await
            .map_err(|e| ApiError::internal(&format!("release {}: {e}", release.id)))?
    };
    if method == Method::GET {
        let mut tx = state.db.begin().await?;
        let detail = serde_json::json!({
            "release": release.id, "product": release.product, "version": release.version,
            "platform": release.platform, "from_byte": start, "bytes": length,
        });
        crate::audit::record(
            &mut tx,
            state.now(),
            "release.download",
            crate::audit::Entry { user_id: user.as_deref(), ip: Some(&ip), detail, ..Default::default() },
        )
        .await?;
        tx.commit().await?;
    }
    let body = Body::from_stream(bytes);
    let mut response = Response::new(body);
    *response.status_mut() = status;
    let response_headers = response.headers_mut();
    response_headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("application/octet-stream"));
    response_headers.insert(header::CONTENT_LENGTH, value(&length.to_string()));
    response_headers.insert(header::ACCEPT_RANGES, HeaderValue::from_static("bytes"));
    response_headers.insert(header::ETAG, value(&etag));
    // Revalidate with the ETag rather than the router's blanket `no-store`.
    response_headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("private, no-cache"));
    response_headers.insert(header::CONTENT_DISPOSITION, content_disposition(&release.file_name));
    if status == StatusCode::PARTIAL_CONTENT {
        response_headers.insert(header::CONTENT_RANGE, value(&format!("bytes {start}-{}/{}", start + length - 1, release.size)));
    }
    Ok(response)
}

fn value(text: &str) -> HeaderValue {
    HeaderValue::from_str(text).unwrap_or_else(|_| HeaderValue::from_static(""))
}

/// `attachment` with the published name: plain for ASCII, RFC 5987 `filename*` besides for others.
fn content_disposition(file_name: &str) -> HeaderValue {
    let ascii: String = file_name.chars().map(|c| if c.is_ascii_graphic() || c == ' ' { c } else { '_' }).collect();
    let encoded: String = file_name
        .bytes()
        .map(|b| if b.is_ascii_alphanumeric() || b"-._~".contains(&b) { char::from(b).to_string() } else { format!("%{b:02X}") })
        .collect();
    value(&format!("attachment; filename=\"{ascii}\"; filename*=UTF-8''{encoded}"))
}

/// What a `Range` header asks of a file of `size` bytes.
#[derive(Debug, PartialEq, Eq)]
enum Ranged {
    /// No usable range (absent, malformed, several ranges): the whole file, as RFC 9110 allows.
    Whole,
    /// Bytes `start..=end`.
    Part { start: u64, end: u64 },
    /// A well-formed range that starts past the end (416).
    Unsatisfiable,
}

fn parse_range(header: &str, size: u64) -> Ranged {
    let Some(spec) = header.trim().strip_prefix("bytes=") else { return Ranged::Whole };
    if spec.contains(',') {
        return Ranged::Whole;
    }
    let Some((first, last)) = spec.split_once('-') else { return Ranged::Whole };
    let number = |t: &str| if t.trim().is_empty() { Ok(None) } else { t.trim().parse::<u64>().map(Some) };
    match (number(first), number(last)) {
        (Ok(Some(start)), Ok(end)) => {
            if end.is_some_and(|e| e < start) {
                Ranged::Whole
            } else if start >= size {
                Ranged::Unsatisfiable
            } else {
                Ranged::Part { start, end: end.map_or(size - 1, |e| e.min(size - 1)) }
            }
        }
        (Ok(None), Ok(Some(suffix))) => {
            if suffix == 0 || size == 0 {
                Ranged::Unsatisfiable
            } else {
                Ranged::Part { start: size.saturating_sub(suffix), end: size - 1 }
            }
        }
        _ => Ranged::Whole,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_are_read_as_rfc_9110_says() {
        assert_eq!(parse_range("bytes=0-99", 1000), Ranged::Part { start: 0, end: 99 });
        assert_eq!(parse_range("bytes=500-", 1000), Ranged::Part { start: 500, end: 999 });
        assert_eq!(parse_range("bytes=900-5000", 1000), Ranged::Part { start: 900, end: 999 });
        assert_eq!(parse_range("bytes=-100", 1000), Ranged::Part { start: 900, end: 999 });
        assert_eq!(parse_range("bytes=-5000", 1000), Ranged::Part { start: 0, end: 999 });
        assert_eq!(parse_range("bytes=1000-", 1000), Ranged::Unsatisfiable);
        assert_eq!(parse_range("bytes=-0", 1000), Ranged::Unsatisfiable);
        assert_eq!(parse_range("bytes=0-", 0), Ranged::Unsatisfiable);
        for ignored in ["items=0-1", "bytes=0-1,5-6", "bytes=9-3", "bytes=a-", "bytes=", "bytes=-", "0-1"] {
            assert_eq!(parse_range(ignored, 1000), Ranged::Whole, "{ignored}");
        }
    }

    #[test]
    fn file_names_are_quoted_safely() {
        assert_eq!(content_disposition("setup.msi"), "attachment; filename=\"setup.msi\"; filename*=UTF-8''setup.msi");
        assert_eq!(content_disposition("Ürün 1.deb"), "attachment; filename=\"_r_n 1.deb\"; filename*=UTF-8''%C3%9Cr%C3%BCn%201.deb");
    }
}
