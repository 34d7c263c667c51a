//! Wire types of Latchkey's backend HTTP contract (`shared/contract/backend-api.md`), serde only.
//!
//! Both the server and every client speak these types, so a field renamed here is a contract
//! change. Secrets travel in [`Secret`], whose `Debug` never shows the value.

use std::fmt;

pub mod delivery;
pub mod local;

use serde::{Deserialize, Serialize};

#[cfg(feature = "openapi")]
use utoipa::ToSchema;

/// A password, one-time code or token. Serialises as the plain string (it must reach the other
/// side), but `Debug` prints `[redacted]`, so a log line or panic message never shows it.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "openapi", derive(ToSchema), schema(value_type = String))]
#[serde(transparent)]
pub struct Secret(String);

impl Secret {
    pub fn new(value: impl Into<String>) -> Self {
        Self(value.into())
    }
    /// The value itself; the name makes every use easy to find in review.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[redacted]")
    }
}

impl From<String> for Secret {
    fn from(value: String) -> Self {
        Self(value)
    }
}

/// The nine languages of the product.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "lowercase")]
pub enum Language {
    #[default]
    En,
    Es,
    Fr,
    Tr,
    Nl,
    It,
    De,
    Pl,
    Cs,
}

impl Language {
    pub const ALL: [Language; 9] =
        [Language::En, Language::Es, Language::Fr, Language::Tr, Language::Nl, Language::It, Language::De, Language::Pl, Language::Cs];

    pub fn code(self) -> &'static str {
        match self {
            Language::En => "en",
            Language::Es => "es",
            Language::Fr => "fr",
            Language::Tr => "tr",
            Language::Nl => "nl",
            Language::It => "it",
            Language::De => "de",
            Language::Pl => "pl",
            Language::Cs => "cs",
        }
    }

    /// The language's name in itself, for every language switch (window, tray, portal) and the
    /// installers' policy templates.
    pub fn endonym(self) -> &'static str {
        match self {
            Language::En => "English",
            Language::Es => "Español",
            Language::Fr => "Français",
            Language::Tr => "Türkçe",
            Language::Nl => "Nederlands",
            Language::It => "Italiano",
            Language::De => "Deutsch",
            Language::Pl => "Polski",
            Language::Cs => "Čeština",
        }
    }

    /// The language of exactly this code (`de`), as settings store it.
    pub fn from_code(code: &str) -> Option<Language> {
        Language::ALL.into_iter().find(|l| l.code() == code)
    }

    /// Parses a language tag (`de`, `de-AT`, `DE_at`), keeping only the primary subtag.
    pub fn from_tag(tag: &str) -> Option<Language> {
        let primary = tag.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        Language::ALL.into_iter().find(|l| l.code() == primary)
    }

    /// The best of our languages for an `Accept-Language` header, honouring `q` weights.
    pub fn from_accept_language(header: &str) -> Option<Language> {
        let mut best: Option<(f32, Language)> = None;
        for item in header.split(',') {
            let mut parts = item.split(';');
            let Some(language) = parts.next().and_then(Language::from_tag) else {
                continue;
            };
            let quality = parts.find_map(|p| p.trim().strip_prefix("q=")).and_then(|q| q.trim().parse::<f32>().ok()).unwrap_or(1.0);
            if quality > 0.0 && best.is_none_or(|(q, _)| quality > q) {
                best = Some((quality, language));
            }
        }
        best.map(|(_, l)| l)
    }
}

impl fmt::Display for Language {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// The closed list of machine-readable error codes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    InvalidRequest,
    InvalidEmail,
    PayloadTooLarge,
    TooManyRows,
    RateLimited,
    InvalidCode,
    CodeExpired,
    WeakPassword,
    InvalidCredentials,
    AccountLocked,
    NoTos,
    InvalidTicket,
    TosVersionMismatch,
    InvalidGrant,
    UnsupportedAudience,
    Unauthorized,
    Forbidden,
    NotFound,
    AlreadyMember,
    MemberOfOtherOrg,
    InvalidCsv,
    UnknownRole,
    RoleNotGrantable,
    LastAdministrator,
    DomainNotVerified,
    PublicDomain,
    DomainTaken,
    /// The release's file is not for this user: the Product Delivery – Download role, a
    /// subscription to the product, or the organization's software policy is missing (403).
    DownloadNotPermitted,
    /// Beyond the free allowance a request must carry a solved proof of work (428, with a
    /// fresh `challenge`). Not in the contract's list: an addition, documented in `OpenAPI`.
    ProofRequired,
    /// The proof of work is wrong, expired, forged, for another request, or already used.
    ProofInvalid,
    Internal,
}

impl ErrorCode {
    /// Every code, for the clients' message tables (each needs a human message in every language).
    pub const ALL: [ErrorCode; 31] = [
        ErrorCode::InvalidRequest,
        ErrorCode::InvalidEmail,
        ErrorCode::PayloadTooLarge,
        ErrorCode::TooManyRows,
        ErrorCode::RateLimited,
        ErrorCode::InvalidCode,
        ErrorCode::CodeExpired,
        ErrorCode::WeakPassword,
        ErrorCode::InvalidCredentials,
        ErrorCode::AccountLocked,
        ErrorCode::NoTos,
        ErrorCode::InvalidTicket,
        ErrorCode::TosVersionMismatch,
        ErrorCode::InvalidGrant,
        ErrorCode::UnsupportedAudience,
        ErrorCode::Unauthorized,
        ErrorCode::Forbidden,
        ErrorCode::NotFound,
        ErrorCode::AlreadyMember,
        ErrorCode::MemberOfOtherOrg,
        ErrorCode::InvalidCsv,
        ErrorCode::UnknownRole,
        ErrorCode::RoleNotGrantable,
        ErrorCode::LastAdministrator,
        ErrorCode::DomainNotVerified,
        ErrorCode::PublicDomain,
        ErrorCode::DomainTaken,
        ErrorCode::DownloadNotPermitted,
        ErrorCode::ProofRequired,
        ErrorCode::ProofInvalid,
        ErrorCode::Internal,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::InvalidRequest => "invalid_request",
            ErrorCode::InvalidEmail => "invalid_email",
            ErrorCode::PayloadTooLarge => "payload_too_large",
            ErrorCode::TooManyRows => "too_many_rows",
            ErrorCode::RateLimited => "rate_limited",
            ErrorCode::InvalidCode => "invalid_code",
            ErrorCode::CodeExpired => "code_expired",
            ErrorCode::WeakPassword => "weak_password",
            ErrorCode::InvalidCredentials => "invalid_credentials",
            ErrorCode::AccountLocked => "account_locked",
            ErrorCode::NoTos => "no_tos",
            ErrorCode::InvalidTicket => "invalid_ticket",
            ErrorCode::TosVersionMismatch => "tos_version_mismatch",
            ErrorCode::InvalidGrant => "invalid_grant",
            ErrorCode::UnsupportedAudience => "unsupported_audience",
            ErrorCode::Unauthorized => "unauthorized",
            ErrorCode::Forbidden => "forbidden",
            ErrorCode::NotFound => "not_found",
            ErrorCode::AlreadyMember => "already_member",
            ErrorCode::MemberOfOtherOrg => "member_of_other_org",
            ErrorCode::InvalidCsv => "invalid_csv",
            ErrorCode::UnknownRole => "unknown_role",
            ErrorCode::RoleNotGrantable => "role_not_grantable",
            ErrorCode::LastAdministrator => "last_administrator",
            ErrorCode::DomainNotVerified => "domain_not_verified",
            ErrorCode::PublicDomain => "public_domain",
            ErrorCode::DomainTaken => "domain_taken",
            ErrorCode::DownloadNotPermitted => "download_not_permitted",
            ErrorCode::ProofRequired => "proof_required",
            ErrorCode::ProofInvalid => "proof_invalid",
            ErrorCode::Internal => "internal",
        }
    }
}

/// One invalid field of a request.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct FieldError {
    pub field: String,
    pub code: String,
}

/// Why a password was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum WeakPasswordReason {
    TooShort,
    TooLong,
    Common,
    ContainsEmail,
}

/// An RFC 9457 problem document, with the extra members the contract names.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Problem {
    #[serde(rename = "type")]
    pub kind: String,
    pub title: String,
    pub status: u16,
    pub code: ErrorCode,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<FieldError>,
    /// Seconds until the request may succeed (`rate_limited`, `account_locked`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retry_after: Option<u64>,
    /// Wrong tries left on the current code (`invalid_code`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attempts_remaining: Option<u32>,
    /// Why a password was refused (`weak_password`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub reasons: Vec<WeakPasswordReason>,
    /// A fresh proof-of-work challenge to solve and send again (`proof_required`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub challenge: Option<Box<Challenge>>,
}

/// What a proof-of-work challenge is for: it is valid for that request only.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ChallengePurpose {
    /// `POST /v1/password/forgot`.
    Forgot,
    /// `POST /v1/register`.
    Register,
}

impl ChallengePurpose {
    pub fn as_str(self) -> &'static str {
        match self {
            ChallengePurpose::Forgot => "forgot",
            ChallengePurpose::Register => "register",
        }
    }
}

/// Body of `POST /v1/challenge`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ChallengeRequest {
    pub purpose: ChallengePurpose,
    /// The address the request will name; the challenge is bound to it.
    #[cfg_attr(feature = "openapi", schema(format = "email", max_length = 254))]
    pub email: String,
}

/// A signed proof-of-work challenge (the ALTCHA idea, no third party): find a whole number
/// `solution` such that SHA-256(`challenge` followed by `solution` in decimal ASCII) starts with
/// `difficulty` zero bits. Bound to the purpose, the address and the client's network.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Challenge {
    /// Always `SHA-256`.
    pub algorithm: String,
    /// Opaque; hashed as its UTF-8 bytes.
    pub challenge: String,
    /// Leading zero bits the hash must have.
    pub difficulty: u32,
    pub expires_at: String,
    /// The server's MAC over the challenge and what it is bound to; sent back unchanged.
    pub signature: String,
}

/// A solved challenge, sent in `pow` with the request it was asked for.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Proof {
    #[cfg_attr(feature = "openapi", schema(max_length = 200))]
    pub challenge: String,
    #[cfg_attr(feature = "openapi", schema(max_length = 200))]
    pub signature: String,
    pub solution: u64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct CodeSent {
    /// Always `code_sent`.
    pub status: String,
}

impl CodeSent {
    pub fn new() -> Self {
        Self { status: "code_sent".into() }
    }
}

impl Default for CodeSent {
    fn default() -> Self {
        Self::new()
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct PasswordSet {
    /// Always `password_set`.
    pub status: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PasswordPolicy {
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub min_length: usize,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub max_length: usize,
    /// Passwords are compared after Unicode NFKC normalisation.
    pub normalization: String,
    /// Passwords on the list of common passwords are refused.
    pub rejects_common: bool,
    /// Passwords that contain the local part of the email address are refused.
    pub rejects_email: bool,
    /// No composition rules (NIST SP 800-63B).
    pub composition_rules: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct RegisterRequest {
    #[cfg_attr(feature = "openapi", schema(format = "email", max_length = 254))]
    pub email: String,
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 100))]
    pub first_name: String,
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 100))]
    pub last_name: String,
    /// ISO 3166-1 alpha-2, any case.
    #[cfg_attr(feature = "openapi", schema(pattern = "^[A-Za-z]{2}$"))]
    pub country: String,
    #[serde(default)]
    pub language: Option<Language>,
    /// A solved challenge (`POST /v1/challenge`, purpose `register`). Optional within the free
    /// allowance; required beyond it (`proof_required`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pow: Option<Proof>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ForgotPasswordRequest {
    #[cfg_attr(feature = "openapi", schema(format = "email", max_length = 254))]
    pub email: String,
    /// A solved challenge (`POST /v1/challenge`, purpose `forgot`). Optional within the free
    /// allowance; required beyond it (`proof_required`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pow: Option<Proof>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ResetPasswordRequest {
    #[cfg_attr(feature = "openapi", schema(format = "email", max_length = 254))]
    pub email: String,
    /// The eight digits from the mail.
    #[cfg_attr(feature = "openapi", schema(value_type = String, pattern = "^[0-9]{8}$"))]
    pub code: Secret,
    pub new_password: Secret,
}

/// The application that signs in, shown in the audit log.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ClientInfo {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub version: String,
    #[serde(default)]
    pub device: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct SignInRequest {
    #[cfg_attr(feature = "openapi", schema(format = "email", max_length = 254))]
    pub email: String,
    pub password: Secret,
    #[serde(default)]
    pub client: Option<ClientInfo>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct OrgRef {
    pub id: String,
    pub name: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct User {
    pub id: String,
    #[cfg_attr(feature = "openapi", schema(format = "email", max_length = 254))]
    pub email: String,
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 100))]
    pub first_name: String,
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 100))]
    pub last_name: String,
    /// ISO 3166-1 alpha-2, any case.
    #[cfg_attr(feature = "openapi", schema(pattern = "^[A-Za-z]{2}$"))]
    pub country: String,
    pub language: Language,
    pub org: Option<OrgRef>,
    pub roles: Vec<String>,
}

/// `GET /v1/me`: the user, plus the Terms of Service version they accepted last.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Me {
    #[serde(flatten)]
    pub user: User,
    pub tos_accepted_version: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TosDocument {
    pub version: String,
    pub title: String,
    pub body_markdown: String,
    pub published_at: String,
    pub lang: Language,
    /// The operator's Trust Center (security and privacy information), linked beside the Terms,
    /// when the operator configured one (`LATCHKEY_TRUST_CENTER_URL`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub trust_center_url: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct SignedIn {
    pub access_token: Secret,
    /// Always `Bearer`.
    pub token_type: String,
    /// Seconds.
    pub expires_in: u64,
    pub refresh_token: Secret,
    pub user: User,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct TosRequired {
    pub tos_ticket: Secret,
    pub tos: TosDocument,
}

/// The answer to a sign-in, a refresh or a `ToS` acceptance.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum SessionResponse {
    SignedIn(SignedIn),
    TosRequired(TosRequired),
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct TosAcceptRequest {
    pub tos_ticket: Secret,
    pub version: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct RefreshRequest {
    /// Always `refresh_token`.
    pub grant_type: String,
    pub refresh_token: Secret,
    #[serde(default)]
    pub audience: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct RevokeRequest {
    pub refresh_token: Secret,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Entitlement {
    /// The identifier applications check (`acme-design`).
    pub product: String,
    /// The product's display name ("Acme Design Suite"), when the operator gave one: what people read.
    /// Absent from sets signed before names existed, and from those of products without one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub name: Option<String>,
    pub features: Vec<String>,
    /// `null` when the subscription does not expire.
    pub expires_at: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Entitlements {
    pub entitlements: Vec<Entitlement>,
    pub issued_at: String,
    pub offline_until: String,
    /// Compact JWS (`typ: entitlements+jwt`) of the same set, for offline checks.
    pub signed: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Role {
    pub id: String,
    pub name: String,
}

/// A member of an organization, as administrators see it (`GET /v1/orgs/{org}/users`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct OrgMember {
    pub id: String,
    pub email: String,
    pub first_name: String,
    pub last_name: String,
    /// ISO 3166-1 alpha-2, upper case.
    pub country: String,
    pub language: Language,
    pub roles: Vec<String>,
    /// `invited` (no password yet), `active` or `locked`.
    pub status: String,
    /// RFC 3339.
    pub created_at: String,
}

/// One page of members, ordered by email address; `next_cursor` is `null` on the last page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct MemberPage {
    pub users: Vec<OrgMember>,
    pub next_cursor: Option<String>,
}

/// `POST /v1/orgs/{org}/users`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct AddMemberRequest {
    pub email: String,
    pub first_name: String,
    pub last_name: String,
    pub country: String,
    #[serde(default)]
    pub roles: Vec<String>,
    /// The language of the member's mail (default `en`).
    #[serde(default)]
    pub language: Option<Language>,
}

/// `PUT /v1/orgs/{org}/users/{user}/roles`: the member's whole set of roles.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct SetRolesRequest {
    pub roles: Vec<String>,
}

/// The answer to a bulk import (`users:bulk`, `users import`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct BulkReport {
    /// Members created (or, for an address with an account and no organization, joined).
    pub created: u64,
    /// Rows whose address is already a member of this organization: left unchanged.
    pub already_registered: u64,
    pub failed: Vec<BulkFailure>,
    pub dry_run: bool,
}

/// A row that was not imported.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct BulkFailure {
    /// The physical line where the record starts (the header is line 1).
    pub line: u64,
    pub email: String,
    /// `invalid_email`, `invalid_country`, `unknown_role`, `duplicate_row`, `missing_field`,
    /// `field_too_long`, `invalid_characters`, `member_of_other_org`, `role_not_grantable` or
    /// `invalid_language`.
    pub code: String,
}

/// A domain of an organization.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct DomainEntry {
    pub domain: String,
    pub verified: bool,
    pub auto_approve: bool,
}

/// `PUT /v1/orgs/{org}/domains/{domain}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct DomainUpdate {
    pub auto_approve: bool,
}

/// A registration at a verified domain without auto approval, awaiting an administrator.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct JoinRequest {
    pub id: String,
    pub email: String,
    pub first_name: String,
    pub last_name: String,
    pub country: String,
    /// RFC 3339.
    pub created_at: String,
}

/// `GET /v1/orgs/{org}/requests`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct JoinRequests {
    pub requests: Vec<JoinRequest>,
}

/// RFC 6749 §5.1 successful token response.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct OAuthToken {
    pub access_token: Secret,
    pub token_type: String,
    pub expires_in: u64,
    pub refresh_token: Secret,
}

/// RFC 6749 §5.2 error response.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct OAuthError {
    pub error: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error_description: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Discovery {
    pub issuer: String,
    pub jwks_uri: String,
    pub token_endpoint: String,
    pub revocation_endpoint: String,
    pub grant_types_supported: Vec<String>,
    pub token_endpoint_auth_methods_supported: Vec<String>,
    pub revocation_endpoint_auth_methods_supported: Vec<String>,
    pub id_token_signing_alg_values_supported: Vec<String>,
    pub response_types_supported: Vec<String>,
    pub subject_types_supported: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Jwk {
    pub kty: String,
    pub crv: String,
    pub x: String,
    pub kid: String,
    #[serde(rename = "use")]
    pub use_: String,
    pub alg: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Jwks {
    pub keys: Vec<Jwk>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secret_debug_is_redacted_but_serialises_the_value() {
        let request = ResetPasswordRequest {
            email: "a@example.com".into(),
            code: Secret::new("12345678"),
            new_password: Secret::new("correct horse battery staple"),
        };
        let debug = format!("{request:?}");
        assert!(!debug.contains("12345678"), "{debug}");
        assert!(!debug.contains("horse"), "{debug}");
        let json = serde_json::to_string(&request).unwrap();
        assert!(json.contains("\"code\":\"12345678\""), "{json}");
    }

    #[test]
    fn accept_language_picks_the_highest_weight_we_speak() {
        assert_eq!(Language::from_accept_language("ja, de-AT;q=0.8, fr;q=0.9"), Some(Language::Fr));
        assert_eq!(Language::from_accept_language("ja, zh;q=0.5"), None);
        assert_eq!(Language::from_accept_language("cs;q=0, pl"), Some(Language::Pl));
    }

    #[test]
    fn session_response_is_tagged_by_status() {
        let json = serde_json::json!({
            "status": "tos_required", "tos_ticket": "t",
            "tos": {"version": "1", "title": "T", "body_markdown": "b", "published_at": "2026-01-01T00:00:00Z", "lang": "en"}
        });
        let parsed: SessionResponse = serde_json::from_value(json).unwrap();
        assert!(matches!(parsed, SessionResponse::TosRequired(_)));
    }

    #[test]
    fn error_codes_serialise_as_their_contract_names() {
        for code in [ErrorCode::InvalidCode, ErrorCode::MemberOfOtherOrg, ErrorCode::Internal] {
            assert_eq!(serde_json::to_value(code).unwrap(), serde_json::Value::String(code.as_str().into()));
        }
    }
}
