//! `ApiError`: every failure a handler can return, shown to clients only as an RFC 9457 problem
//! document. Internal errors are logged here and never described to the client.

use axum::extract::rejection::{FormRejection, JsonRejection, PathRejection, QueryRejection};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use latchkey_protocol::{ErrorCode, FieldError, Problem, WeakPasswordReason};

#[derive(Debug)]
pub struct ApiError {
    pub status: StatusCode,
    pub problem: Problem,
}

impl ApiError {
    pub fn new(status: StatusCode, code: ErrorCode) -> Self {
        Self {
            status,
            problem: Problem {
                kind: format!("https://latchkey.dev/problems/{}", code.as_str()),
                title: title(code).to_owned(),
                status: status.as_u16(),
                code,
                detail: None,
                errors: Vec::new(),
                retry_after: None,
                attempts_remaining: None,
                reasons: Vec::new(),
                challenge: None,
            },
        }
    }

    pub fn detail(mut self, detail: impl Into<String>) -> Self {
        self.problem.detail = Some(detail.into());
        self
    }

    pub fn bad_request(code: ErrorCode, detail: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, code).detail(detail)
    }

    /// 400 with the list of invalid fields.
    pub fn validation(errors: Vec<FieldError>) -> Self {
        let code = if errors.iter().all(|e| e.code == "invalid_email") { ErrorCode::InvalidEmail } else { ErrorCode::InvalidRequest };
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        let mut error = Self::bad_request(code, format!("invalid fields: {}", fields.join(", ")));
        error.problem.errors = errors;
        error
    }

    pub fn retry_after(mut self, seconds: u64) -> Self {
        self.problem.retry_after = Some(seconds.max(1));
        self
    }

    pub fn rate_limited(seconds: u64) -> Self {
        Self::new(StatusCode::TOO_MANY_REQUESTS, ErrorCode::RateLimited)
            .detail(format!("too many requests: try again in {seconds} seconds"))
            .retry_after(seconds)
    }

    pub fn invalid_code(attempts_remaining: u32) -> Self {
        let mut error = Self::bad_request(ErrorCode::InvalidCode, "the code is not valid");
        error.problem.attempts_remaining = Some(attempts_remaining);
        error
    }

    pub fn weak_password(reasons: Vec<WeakPasswordReason>) -> Self {
        let mut error = Self::bad_request(ErrorCode::WeakPassword, "the password does not meet the policy");
        error.problem.reasons = reasons;
        error
    }

    pub fn unauthorized(detail: &str) -> Self {
        Self::new(StatusCode::UNAUTHORIZED, ErrorCode::Unauthorized).detail(detail)
    }

    pub fn not_found() -> Self {
        Self::new(StatusCode::NOT_FOUND, ErrorCode::NotFound)
    }

    pub fn forbidden(detail: &str) -> Self {
        Self::new(StatusCode::FORBIDDEN, ErrorCode::Forbidden).detail(detail)
    }

    /// Logs the cause (never shown to the client) and answers 500 `internal`.
    pub fn internal(cause: &dyn std::fmt::Display) -> Self {
        tracing::error!(error = %cause, "internal error");
        Self::new(StatusCode::INTERNAL_SERVER_ERROR, ErrorCode::Internal)
    }
}

fn title(code: ErrorCode) -> &'static str {
    match code {
        ErrorCode::InvalidRequest => "The request is not valid",
        ErrorCode::InvalidEmail => "The email address is not valid",
        ErrorCode::PayloadTooLarge => "The request body is too large",
        ErrorCode::TooManyRows => "The file has too many rows",
        ErrorCode::RateLimited => "Too many requests",
        ErrorCode::InvalidCode => "The code is not valid",
        ErrorCode::CodeExpired => "The code has expired",
        ErrorCode::WeakPassword => "The password is too weak",
        ErrorCode::InvalidCredentials => "The email address or password is wrong",
        ErrorCode::AccountLocked => "Too many failed sign-ins: try again later",
        ErrorCode::NoTos => "No Terms of Service are published",
        ErrorCode::InvalidTicket => "The Terms of Service ticket is not valid",
        ErrorCode::TosVersionMismatch => "The Terms of Service have changed",
        ErrorCode::InvalidGrant => "The refresh token is not valid",
        ErrorCode::UnsupportedAudience => "The audience is not supported",
        ErrorCode::Unauthorized => "Authentication is required",
        ErrorCode::Forbidden => "Not allowed",
        ErrorCode::NotFound => "Not found",
        ErrorCode::AlreadyMember => "Already a member",
        ErrorCode::MemberOfOtherOrg => "Member of another organization",
        ErrorCode::InvalidCsv => "The CSV file is not valid",
        ErrorCode::UnknownRole => "Unknown role",
        ErrorCode::RoleNotGrantable => "The role cannot be granted",
        ErrorCode::LastAdministrator => "The organization would have no administrator",
        ErrorCode::DomainNotVerified => "The domain is not verified",
        ErrorCode::PublicDomain => "Public mail domains cannot be claimed",
        ErrorCode::DomainTaken => "The domain belongs to another organization",
        ErrorCode::DownloadNotPermitted => "Downloading this release is not permitted",
        ErrorCode::ProofRequired => "A proof of work is required",
        ErrorCode::ProofInvalid => "The proof of work is not valid",
        ErrorCode::Internal => "Internal error",
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = serde_json::to_vec(&self.problem).unwrap_or_default();
        let mut response = (self.status, body).into_response();
        let headers = response.headers_mut();
        headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("application/problem+json"));
        if self.status == StatusCode::UNAUTHORIZED && self.problem.code == ErrorCode::Unauthorized {
            headers.insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer realm=\"latchkey\""));
        }
        if let Some(seconds) = self.problem.retry_after {
            if let Ok(value) = HeaderValue::from_str(&seconds.to_string()) {
                headers.insert(header::RETRY_AFTER, value);
            }
        }
        response
    }
}

impl From<sqlx::Error> for ApiError {
    fn from(error: sqlx::Error) -> Self {
        // A uniqueness race (two requests creating the same row at once) is the client's to
        // retry, not an internal error.
        if error.as_database_error().is_some_and(sqlx::error::DatabaseError::is_unique_violation) {
            return ApiError::new(StatusCode::CONFLICT, ErrorCode::InvalidRequest)
                .detail("the request conflicts with a change made at the same time: try again");
        }
        ApiError::internal(&error)
    }
}

impl From<JsonRejection> for ApiError {
    fn from(rejection: JsonRejection) -> Self {
        if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
            return ApiError::new(StatusCode::PAYLOAD_TOO_LARGE, ErrorCode::PayloadTooLarge)
                .detail("the request body is over the limit of 1 MiB");
        }
        // The rejection text names the problem (syntax, missing field, wrong type) but never
        // echoes a value, so it is safe to show.
        ApiError::bad_request(ErrorCode::InvalidRequest, rejection.body_text())
    }
}

impl From<FormRejection> for ApiError {
    fn from(rejection: FormRejection) -> Self {
        if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
            return ApiError::new(StatusCode::PAYLOAD_TOO_LARGE, ErrorCode::PayloadTooLarge);
        }
        ApiError::bad_request(ErrorCode::InvalidRequest, rejection.body_text())
    }
}

impl From<QueryRejection> for ApiError {
    fn from(rejection: QueryRejection) -> Self {
        ApiError::bad_request(ErrorCode::InvalidRequest, rejection.body_text())
    }
}

impl From<PathRejection> for ApiError {
    fn from(rejection: PathRejection) -> Self {
        ApiError::bad_request(ErrorCode::InvalidRequest, rejection.body_text())
    }
}

/// Why the server could not start or stopped serving.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    #[error("database: {0}")]
    Database(#[from] sqlx::Error),
    /// A setting that cannot be used, named with its key.
    #[error("{0}")]
    Setting(String),
    #[error("{0}")]
    Io(#[from] std::io::Error),
}
