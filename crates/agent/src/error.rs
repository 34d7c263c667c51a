//! The local API's errors: a stable `code`, a status and a sentence for people, turned into an
//! RFC 9457 problem document at the edge.

use latchkey_protocol::local::{LocalErrorCode, LocalProblem};

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{code}: {detail}")]
pub struct LocalError {
    pub code: LocalErrorCode,
    pub detail: String,
    pub retry_after: Option<u64>,
}

impl LocalError {
    pub fn new(code: LocalErrorCode, detail: impl Into<String>) -> LocalError {
        LocalError { code, detail: detail.into(), retry_after: None }
    }

    pub fn status(&self) -> u16 {
        use LocalErrorCode as C;
        match self.code {
            C::NotSignedIn | C::InvalidCredentials => 401,
            C::ForbiddenPeer | C::ForbiddenOrigin | C::SignOutDisabled | C::DownloadNotPermitted | C::AppNotAllowed => 403,
            C::NotFound | C::NoRelease => 404,
            C::MethodNotAllowed => 405,
            C::Timeout => 408,
            C::TosRequired | C::NoInteractiveSession | C::TosVersionMismatch | C::NotPending => 409,
            C::PayloadTooLarge => 413,
            C::AccountLocked => 429,
            C::InvalidRequest | C::UnsupportedAudience => 400,
            C::BackendRefused | C::IntegrityFailed => 502,
            // The platform's installer, which this request depended on, failed.
            C::InstallFailed => 424,
            C::BackendUnreachable | C::ShuttingDown => 503,
            C::Internal | C::Unknown => 500,
        }
    }

    pub fn title(&self) -> &'static str {
        use LocalErrorCode as C;
        match self.code {
            C::NotSignedIn => "Not signed in",
            C::TosRequired => "The Terms of Service must be accepted first",
            C::BackendUnreachable => "The Latchkey server cannot be reached",
            C::UnsupportedAudience => "The server does not issue tokens for this audience",
            C::Timeout => "Timed out waiting for the user",
            C::NoInteractiveSession => "No desktop session to ask the user in",
            C::InvalidCredentials => "Wrong email or password",
            C::AccountLocked => "Too many failed sign-ins: try again later",
            C::TosVersionMismatch => "These are not the Terms of Service awaiting acceptance",
            C::NotPending => "No Terms of Service are awaiting acceptance",
            C::SignOutDisabled => "Your organization does not allow signing out",
            C::ForbiddenPeer => "The caller is not this agent's user",
            C::ForbiddenOrigin => "Requests from web pages are refused",
            C::InvalidRequest => "Invalid request",
            C::PayloadTooLarge => "Request body too large",
            C::NotFound => "No such endpoint",
            C::MethodNotAllowed => "Method not allowed",
            C::BackendRefused => "The Latchkey server refused the request",
            C::ShuttingDown => "The agent is handing over and shutting down",
            C::DownloadNotPermitted => "You may not download this product",
            C::NoRelease => "Nothing is offered for this computer",
            C::IntegrityFailed => "The download does not match its signed manifest",
            C::InstallFailed => "The installer failed",
            C::AppNotAllowed => "This program may not use your Latchkey sign-in",
            C::Internal | C::Unknown => "Internal error",
        }
    }

    pub fn problem(&self) -> LocalProblem {
        LocalProblem {
            kind: format!("https://latchkey.invalid/problems/{}", self.code.as_str()),
            title: self.title().to_owned(),
            status: self.status(),
            code: self.code,
            detail: Some(self.detail.clone()),
            retry_after: self.retry_after,
        }
    }
}
