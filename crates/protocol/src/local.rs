//! Wire types of the local API (`shared/contract/local-api.md`): what the agent serves to the
//! applications of its own user over the socket, and what the SDK, the CLI and the desktop app read.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

#[cfg(feature = "openapi")]
use utoipa::ToSchema;

use crate::{OrgRef, Secret, TosDocument};

/// The host name every request must carry (`Host: latchkey`); anything else is a browser or a
/// confused client, and gets `forbidden_origin`.
pub const HOST: &str = "latchkey";

/// The header a caller may name itself with.
pub const APP_HEADER: &str = "latchkey-app";

/// The local API's error codes (a closed list, as in the contract's endpoint table, plus the
/// generic ones every HTTP API needs).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum LocalErrorCode {
    NotSignedIn,
    TosRequired,
    BackendUnreachable,
    UnsupportedAudience,
    Timeout,
    NoInteractiveSession,
    InvalidCredentials,
    AccountLocked,
    TosVersionMismatch,
    NotPending,
    SignOutDisabled,
    ForbiddenPeer,
    ForbiddenOrigin,
    /// The request is malformed (bad JSON, a missing or wrong field); `detail` names it.
    InvalidRequest,
    PayloadTooLarge,
    NotFound,
    MethodNotAllowed,
    /// The backend refused the request for a reason of its own (`detail` carries its code).
    BackendRefused,
    /// The agent is shutting down (after a handover).
    ShuttingDown,
    /// The user may not download this product (no Download role, or the organization's policy).
    DownloadNotPermitted,
    /// Nothing of this product is offered for this computer's platform.
    NoRelease,
    /// A downloaded file does not match its signed manifest (length, SHA-256), or the manifest's
    /// signature does not verify: nothing was run.
    IntegrityFailed,
    /// The platform's installer refused or failed; `detail` says what it reported.
    InstallFailed,
    /// The calling program may not use the session: the user denied it or did not answer in
    /// time, the policy admits only listed programs, or (for the consent endpoints) the caller is
    /// not one of Latchkey's own programs.
    AppNotAllowed,
    Internal,
    /// A code this version does not know (a newer agent).
    #[serde(other)]
    Unknown,
}

impl LocalErrorCode {
    /// Every code a current agent sends (not `Unknown`).
    pub const ALL: [LocalErrorCode; 25] = [
        LocalErrorCode::NotSignedIn,
        LocalErrorCode::TosRequired,
        LocalErrorCode::BackendUnreachable,
        LocalErrorCode::UnsupportedAudience,
        LocalErrorCode::Timeout,
        LocalErrorCode::NoInteractiveSession,
        LocalErrorCode::InvalidCredentials,
        LocalErrorCode::AccountLocked,
        LocalErrorCode::TosVersionMismatch,
        LocalErrorCode::NotPending,
        LocalErrorCode::SignOutDisabled,
        LocalErrorCode::ForbiddenPeer,
        LocalErrorCode::ForbiddenOrigin,
        LocalErrorCode::InvalidRequest,
        LocalErrorCode::PayloadTooLarge,
        LocalErrorCode::NotFound,
        LocalErrorCode::MethodNotAllowed,
        LocalErrorCode::BackendRefused,
        LocalErrorCode::ShuttingDown,
        LocalErrorCode::DownloadNotPermitted,
        LocalErrorCode::NoRelease,
        LocalErrorCode::IntegrityFailed,
        LocalErrorCode::InstallFailed,
        LocalErrorCode::AppNotAllowed,
        LocalErrorCode::Internal,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            LocalErrorCode::NotSignedIn => "not_signed_in",
            LocalErrorCode::TosRequired => "tos_required",
            LocalErrorCode::BackendUnreachable => "backend_unreachable",
            LocalErrorCode::UnsupportedAudience => "unsupported_audience",
            LocalErrorCode::Timeout => "timeout",
            LocalErrorCode::NoInteractiveSession => "no_interactive_session",
            LocalErrorCode::InvalidCredentials => "invalid_credentials",
            LocalErrorCode::AccountLocked => "account_locked",
            LocalErrorCode::TosVersionMismatch => "tos_version_mismatch",
            LocalErrorCode::NotPending => "not_pending",
            LocalErrorCode::SignOutDisabled => "sign_out_disabled",
            LocalErrorCode::ForbiddenPeer => "forbidden_peer",
            LocalErrorCode::ForbiddenOrigin => "forbidden_origin",
            LocalErrorCode::InvalidRequest => "invalid_request",
            LocalErrorCode::PayloadTooLarge => "payload_too_large",
            LocalErrorCode::NotFound => "not_found",
            LocalErrorCode::MethodNotAllowed => "method_not_allowed",
            LocalErrorCode::BackendRefused => "backend_refused",
            LocalErrorCode::ShuttingDown => "shutting_down",
            LocalErrorCode::DownloadNotPermitted => "download_not_permitted",
            LocalErrorCode::NoRelease => "no_release",
            LocalErrorCode::IntegrityFailed => "integrity_failed",
            LocalErrorCode::InstallFailed => "install_failed",
            LocalErrorCode::AppNotAllowed => "app_not_allowed",
            LocalErrorCode::Internal => "internal",
            LocalErrorCode::Unknown => "unknown",
        }
    }
}

impl fmt::Display for LocalErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An RFC 9457 problem document of the local API.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct LocalProblem {
    #[serde(rename = "type", default)]
    pub kind: String,
    #[serde(default)]
    pub title: String,
    pub status: u16,
    pub code: LocalErrorCode,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    /// Seconds until a retry may succeed (`account_locked`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retry_after: Option<u64>,
}

/// The user as the status shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct StatusUser {
    pub id: String,
    pub email: String,
    pub first_name: String,
    pub last_name: String,
    pub org: Option<OrgRef>,
    pub roles: Vec<String>,
}

/// Where the agent keeps the refresh token, and whether that store works.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SecretStoreStatus {
    /// `secret_service`, `kernel_keyring`, `keychain`, `credential_manager` or `memory`.
    pub kind: String,
    /// Why the last use of the store failed (locked, unavailable); absent when it works.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

/// Where the session stands (`status.state`); the wire names are snake case (`signed_in`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum SessionState {
    #[default]
    SignedOut,
    SigningIn,
    /// Signed in, but the current Terms of Service wait to be accepted (`status.tos`).
    TosRequired,
    SignedIn,
    /// Signed in, the backend out of reach: the signed entitlements serve until `offline_until`.
    Offline,
    /// The session ended (the refresh token expired or was revoked): sign in again.
    Expired,
    /// A state this version does not know (a newer agent).
    #[serde(other)]
    Unknown,
}

impl SessionState {
    pub fn as_str(self) -> &'static str {
        match self {
            SessionState::SignedOut => "signed_out",
            SessionState::SigningIn => "signing_in",
            SessionState::TosRequired => "tos_required",
            SessionState::SignedIn => "signed_in",
            SessionState::Offline => "offline",
            SessionState::Expired => "expired",
            SessionState::Unknown => "unknown",
        }
    }

    /// Whether the user's applications are served (online, or offline within the grace period).
    pub fn is_signed_in(self) -> bool {
        matches!(self, SessionState::SignedIn | SessionState::Offline)
    }
}

impl fmt::Display for SessionState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// `GET /v1/status`, and every `status` event.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Status {
    pub state: SessionState,
    pub user: Option<StatusUser>,
    /// The backend's URL (`ServerUrl`), `null` when none is configured.
    pub backend: Option<String>,
    /// When the current state began (RFC 3339).
    pub since: String,
    /// Until when the signed entitlements allow offline use (RFC 3339), when known.
    pub offline_until: Option<String>,
    pub version: String,
    /// The Terms of Service to accept (`tos_required` only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tos: Option<TosDocument>,
    pub secret_store: SecretStoreStatus,
    /// Whether the entitlement cache read from disk was trusted; absent when none was read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entitlement_cache: Option<EntitlementCacheStatus>,
}

/// The entitlement cache read from disk at start: `state` is `verified` (its seal and signature
/// check out) or `refused`, with the `reason` (`seal_mismatch`, `no_seal_key`, `malformed`,
/// `signature`, `other_backend`, `unreadable`) and a sentence for people in `detail`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct EntitlementCacheStatus {
    pub state: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
}

/// One effective setting and the layer it came from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct EffectiveSetting {
    /// A string, a boolean, or `null` when unset.
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    #[cfg_attr(feature = "ts", ts(type = "string | boolean | null"))]
    pub value: serde_json::Value,
    /// `policy`, `environment`, `user`, `machine` or `default`.
    pub source: String,
}

/// `GET /v1/settings`: each key of `configuration.md` (`ServerUrl`, `AutoStart`, ...).
pub type SettingsView = BTreeMap<String, EffectiveSetting>;

/// `POST /v1/token`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(deny_unknown_fields)]
pub struct TokenRequest {
    #[serde(default)]
    pub audience: Option<String>,
    /// The token must stay valid at least this long (default 60).
    #[serde(default)]
    pub min_valid_seconds: Option<u32>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct TokenResponse {
    pub access_token: Secret,
    /// Always `Bearer`.
    pub token_type: String,
    /// RFC 3339.
    pub expires_at: String,
}

/// `GET /v1/entitlements`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct EntitlementsView {
    pub entitlements: Vec<crate::Entitlement>,
    pub issued_at: String,
    pub offline_until: String,
    /// The backend's compact JWS of the same set, for applications that check it themselves.
    pub signed: String,
    /// `online` (fetched with the current session) or `cache` (the last signed set, offline).
    pub source: String,
}

/// `GET /v1/entitlements/{product}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ProductEntitlement {
    pub product: String,
    pub entitled: bool,
    pub features: Vec<String>,
    pub offline_until: String,
    /// `not_entitled`, `offline_grace_expired` or `subscription_expired` when not entitled.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// `POST /v1/sign-in`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(deny_unknown_fields)]
pub struct SignInPrompt {
    /// Wait up to this long for the user to finish signing in (at most 600).
    #[serde(default)]
    pub wait_seconds: Option<u32>,
}

/// `202` answer to `POST /v1/sign-in` without `wait_seconds`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Prompted {
    /// Always `prompted`.
    pub status: String,
}

/// `POST /v1/sign-in/password`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(deny_unknown_fields)]
pub struct PasswordSignIn {
    pub email: String,
    pub password: Secret,
    #[serde(default)]
    pub accept_tos: Option<bool>,
}

/// `POST /v1/tos/accept`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(deny_unknown_fields)]
pub struct TosAccept {
    pub version: String,
}

/// `202` answer to `POST /v1/agent/handover`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct HandingOver {
    /// Always `handing_over`.
    pub status: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_error_codes_from_a_newer_agent_still_parse() {
        let problem: LocalProblem = serde_json::from_value(serde_json::json!({"status": 418, "code": "brand_new"})).unwrap();
        assert_eq!(problem.code, LocalErrorCode::Unknown);
    }

    #[test]
    fn error_codes_serialise_as_their_contract_names() {
        for code in [LocalErrorCode::NotSignedIn, LocalErrorCode::ForbiddenPeer, LocalErrorCode::TosVersionMismatch] {
            assert_eq!(serde_json::to_value(code).unwrap(), serde_json::Value::String(code.as_str().into()));
        }
    }

    #[test]
    fn a_password_sign_in_never_prints_the_password() {
        let request = PasswordSignIn { email: "a@example.com".into(), password: Secret::new("hunter2hunter2"), accept_tos: None };
        assert!(!format!("{request:?}").contains("hunter2"));
    }
}

/// A product of the user's catalogue as this computer sees it (`GET /v1/catalog`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct LocalProduct {
    pub product: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub name: Option<String>,
    pub may_download: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub blocked_by: Option<crate::delivery::DownloadBlock>,
    /// The installed version, where the platform tells (dpkg, rpm, the uninstall registry keys,
    /// macOS receipts); `null` when not installed or unknown.
    pub installed_version: Option<String>,
    /// The release offered for this computer's platform, if any.
    pub available: Option<crate::delivery::OfferedRelease>,
    /// `available` is newer than `installed_version` (or nothing is installed).
    pub update_available: bool,
}

/// `GET /v1/catalog`: the catalogue for this computer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct LocalCatalog {
    /// This computer's platform; `null` where Latchkey cannot install (an unknown Linux).
    pub platform: Option<crate::delivery::Platform>,
    /// How Latchkey updates itself here: the stricter of the organization's channel and the
    /// machine's `Updates` setting.
    pub update_channel: crate::delivery::UpdateChannel,
    pub products: Vec<LocalProduct>,
}

/// `GET /v1/updates/{product}`: whether a newer release is offered for an application.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct UpdateCheck {
    pub product: String,
    /// The version the caller named (`?current=`), else the installed one.
    pub current_version: Option<String>,
    pub available_version: Option<String>,
    pub update_available: bool,
    /// The user may download it (an application may offer the update only then).
    pub may_download: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub release_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub notes: Option<String>,
}

/// Where an installation is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum InstallState {
    Downloading,
    /// Checking the length, the SHA-256 and the manifest's signature.
    Verifying,
    /// The platform's installer runs.
    Installing,
    Installed,
    Failed,
    Cancelled,
}

impl InstallState {
    /// Whether the installation has ended (a new one may start).
    pub fn is_final(self) -> bool {
        matches!(self, InstallState::Installed | InstallState::Failed | InstallState::Cancelled)
    }
}

/// An installation's progress (`POST`, `GET`, `DELETE /v1/installs/{product}`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct InstallProgress {
    pub product: String,
    pub version: String,
    pub state: InstallState,
    /// Bytes downloaded so far (a resumed download counts what it already had).
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub received: u64,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub total: u64,
    /// Why it failed: `integrity_failed`, `install_failed`, `download_not_permitted`,
    /// `backend_unreachable`, …
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub error: Option<LocalErrorCode>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub detail: Option<String>,
}

/// What the updater did about Latchkey itself (`POST /v1/self-update`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum SelfUpdateAction {
    /// Nothing newer is offered for this computer.
    UpToDate,
    /// A newer Latchkey is offered, and the channel is `off`: nothing was done.
    Off,
    /// A newer Latchkey is offered, and the channel is `notify`: the user is told.
    Notify,
    /// A newer Latchkey is offered, and the channel is `auto`: its installation started
    /// (`GET /v1/installs/latchkey` follows it).
    Installing,
}

/// `POST /v1/self-update`: the updater's check of Latchkey itself, and what it did.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SelfUpdate {
    /// The effective channel: the stricter of the machine's `Updates` and the organization's.
    pub channel: crate::delivery::UpdateChannel,
    pub current_version: String,
    pub available_version: Option<String>,
    pub action: SelfUpdateAction,
}

/// How the agent treats a program that asks for a token or entitlements for the first time
/// (the `ConsentMode` setting).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "kebab-case")]
pub enum ConsentMode {
    /// Ask the user (in the window, or `latchkey apps approve` without one); remember "always".
    #[default]
    Prompt,
    /// Every program of the user is served without asking (the behaviour before consent existed).
    Allow,
    /// Only the programs of the `AllowedApps` setting are served; nobody is asked.
    DenyUnknown,
}

impl ConsentMode {
    pub const ALL: [ConsentMode; 3] = [ConsentMode::Prompt, ConsentMode::Allow, ConsentMode::DenyUnknown];

    pub fn as_str(self) -> &'static str {
        match self {
            ConsentMode::Prompt => "prompt",
            ConsentMode::Allow => "allow",
            ConsentMode::DenyUnknown => "deny-unknown",
        }
    }

    pub fn parse(text: &str) -> Option<ConsentMode> {
        ConsentMode::ALL.into_iter().find(|m| m.as_str() == text)
    }
}

/// A program on this machine, as the agent identified it from the connection (never from what
/// the caller says about itself).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AppIdentity {
    /// The executable's path.
    pub path: String,
    /// The SHA-256 of the executable (lowercase hex): decisions are remembered by it, so a
    /// program replaced at the same path is asked about again.
    pub sha256: String,
    /// What the program calls itself (`Latchkey-App` header): a display hint, never trusted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub name: Option<String>,
}

/// A program waiting for the user's answer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ConsentRequest {
    /// Names the request in `POST /v1/consent/requests/{id}` and `latchkey apps approve ID`.
    pub id: String,
    pub app: AppIdentity,
    /// The process that asked first.
    pub pid: u32,
    pub asked_at: String,
    /// When the waiting calls are refused with `app_not_allowed` if nobody answered.
    pub expires_at: String,
}

/// A remembered decision.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum ConsentDecision {
    Allowed,
    Denied,
}

/// A program the user decided about ("Always allow" or "Deny"); revocable.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RememberedApp {
    pub app: AppIdentity,
    pub decision: ConsentDecision,
    pub decided_at: String,
}

/// `GET /v1/consent`: the mode in force, what IT allows, what the user decided, who waits.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ConsentView {
    pub mode: ConsentMode,
    /// The `AllowedApps` entries (paths, or `sha256:` hashes) served without asking.
    pub allowed_apps: Vec<String>,
    pub remembered: Vec<RememberedApp>,
    pub pending: Vec<ConsentRequest>,
}

/// The user's answer to a [`ConsentRequest`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum ConsentAnswer {
    /// This process, for as long as it runs; not remembered.
    AllowOnce,
    /// This executable (by its SHA-256), until revoked.
    AlwaysAllow,
    /// Refused, and remembered until revoked.
    Deny,
}

/// `POST /v1/consent/requests/{id}` body.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ConsentAnswerBody {
    pub answer: ConsentAnswer,
}
