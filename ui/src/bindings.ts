// Generated from the Rust types by ts-rs (src-tauri/src/bindings.rs): do not edit.
// LATCHKEY_UPDATE_BINDINGS=1 cargo test -p latchkey-desktop bindings rewrites it.

export type Language = "en" | "es" | "fr" | "tr" | "nl" | "it" | "de" | "pl" | "cs";

export type OrgRef = { id: string, name: string, };

export type StatusUser = { id: string, email: string, first_name: string, last_name: string, org: OrgRef | null, roles: Array<string>, };

export type TosDocument = { version: string, title: string, body_markdown: string, published_at: string, lang: Language, 
/**
 * The operator's Trust Center (security and privacy information), linked beside the Terms,
 * when the operator configured one (`LATCHKEY_TRUST_CENTER_URL`).
 */
trust_center_url?: string, };

export type SecretStoreStatus = { 
/**
 * `secret_service`, `kernel_keyring`, `keychain`, `credential_manager` or `memory`.
 */
kind: string, 
/**
 * Why the last use of the store failed (locked, unavailable); absent when it works.
 */
error?: string | null, };

export type EntitlementCacheStatus = { state: string, reason?: string | null, detail?: string | null, };

export type SessionState = "signed_out" | "signing_in" | "tos_required" | "signed_in" | "offline" | "expired" | "unknown";

export type Status = { state: SessionState, user: StatusUser | null, 
/**
 * The backend's URL (`ServerUrl`), `null` when none is configured.
 */
backend: string | null, 
/**
 * When the current state began (RFC 3339).
 */
since: string, 
/**
 * Until when the signed entitlements allow offline use (RFC 3339), when known.
 */
offline_until: string | null, version: string, 
/**
 * The Terms of Service to accept (`tos_required` only).
 */
tos?: TosDocument | null, secret_store: SecretStoreStatus, 
/**
 * Whether the entitlement cache read from disk was trusted; absent when none was read.
 */
entitlement_cache?: EntitlementCacheStatus | null, };

export type Entitlement = { 
/**
 * The identifier applications check (`acme-design`).
 */
product: string, 
/**
 * The product's display name ("Acme Design Suite"), when the operator gave one: what people read.
 * Absent from sets signed before names existed, and from those of products without one.
 */
name?: string, features: Array<string>, 
/**
 * `null` when the subscription does not expire.
 */
expires_at: string | null, };

export type EntitlementsView = { entitlements: Array<Entitlement>, issued_at: string, offline_until: string, 
/**
 * The backend's compact JWS of the same set, for applications that check it themselves.
 */
signed: string, 
/**
 * `online` (fetched with the current session) or `cache` (the last signed set, offline).
 */
source: string, };

export type PasswordPolicy = { min_length: number, max_length: number, 
/**
 * Passwords are compared after Unicode NFKC normalisation.
 */
normalization: string, 
/**
 * Passwords on the list of common passwords are refused.
 */
rejects_common: boolean, 
/**
 * Passwords that contain the local part of the email address are refused.
 */
rejects_email: boolean, 
/**
 * No composition rules (NIST SP 800-63B).
 */
composition_rules: boolean, };

export type EffectiveSetting = { 
/**
 * A string, a boolean, or `null` when unset.
 */
value: string | boolean | null, 
/**
 * `policy`, `environment`, `user`, `machine` or `default`.
 */
source: string, };

export type SettingsScreen = { values: Record<string, EffectiveSetting>, problems: Array<string>, 
/**
 * Whether the per-user start-at-login entry exists.
 */
autostart_entry: boolean, 
/**
 * The machine-wide start-at-login entry an installer made, if any.
 */
machine_autostart_entry: string | null, };

export type About = { version: string, backend: string | null, };

export type Platform = "windows-x64" | "windows-x86" | "linux-x64-deb" | "linux-x64-rpm" | "macos-universal-pkg";

export type Release = { id: string, product: string, version: string, platform: Platform, 
/**
 * The installer's file name, as the operator published it.
 */
file_name: string, 
/**
 * Bytes.
 */
size: number, 
/**
 * Lower-case hex SHA-256 of the file.
 */
sha256: string, 
/**
 * What the installed software calls itself, to tell the installed version: the Debian or RPM
 * package name, the macOS package identifier, the Windows uninstall entry's display name.
 */
package_id: string, 
/**
 * Release notes (Markdown), if any.
 */
notes?: string, published_at: string, 
/**
 * When the operator withdrew it; a yanked release is neither offered nor served.
 */
yanked_at?: string, };

export type OfferedRelease = { 
/**
 * Compact JWS (`typ: release-manifest+jwt`) of the [`ReleaseManifest`].
 */
manifest: string, 
/**
 * Where to download it: `GET /v1/releases/{id}/file`.
 */
download_url: string, id: string, product: string, version: string, platform: Platform, 
/**
 * The installer's file name, as the operator published it.
 */
file_name: string, 
/**
 * Bytes.
 */
size: number, 
/**
 * Lower-case hex SHA-256 of the file.
 */
sha256: string, 
/**
 * What the installed software calls itself, to tell the installed version: the Debian or RPM
 * package name, the macOS package identifier, the Windows uninstall entry's display name.
 */
package_id: string, 
/**
 * Release notes (Markdown), if any.
 */
notes?: string, published_at: string, 
/**
 * When the operator withdrew it; a yanked release is neither offered nor served.
 */
yanked_at?: string, };

export type DownloadBlock = "role_required" | "not_allowed_by_organization";

export type UpdateChannel = "auto" | "notify" | "off";

export type LocalProduct = { product: string, name?: string, may_download: boolean, blocked_by?: DownloadBlock, 
/**
 * The installed version, where the platform tells (dpkg, rpm, the uninstall registry keys,
 * macOS receipts); `null` when not installed or unknown.
 */
installed_version: string | null, 
/**
 * The release offered for this computer's platform, if any.
 */
available: OfferedRelease | null, 
/**
 * `available` is newer than `installed_version` (or nothing is installed).
 */
update_available: boolean, };

export type LocalCatalog = { 
/**
 * This computer's platform; `null` where Latchkey cannot install (an unknown Linux).
 */
platform: Platform | null, 
/**
 * How Latchkey updates itself here: the stricter of the organization's channel and the
 * machine's `Updates` setting.
 */
update_channel: UpdateChannel, products: Array<LocalProduct>, };

export type InstallState = "downloading" | "verifying" | "installing" | "installed" | "failed" | "cancelled";

export type InstallProgress = { product: string, version: string, state: InstallState, 
/**
 * Bytes downloaded so far (a resumed download counts what it already had).
 */
received: number, total: number, 
/**
 * Why it failed: `integrity_failed`, `install_failed`, `download_not_permitted`,
 * `backend_unreachable`, …
 */
error?: LocalErrorCode, detail?: string, };

export type ConsentMode = "prompt" | "allow" | "deny-unknown";

export type AppIdentity = { 
/**
 * The executable's path.
 */
path: string, 
/**
 * The SHA-256 of the executable (lowercase hex): decisions are remembered by it, so a
 * program replaced at the same path is asked about again.
 */
sha256: string, 
/**
 * What the program calls itself (`Latchkey-App` header): a display hint, never trusted.
 */
name?: string, };

export type ConsentRequest = { 
/**
 * Names the request in `POST /v1/consent/requests/{id}` and `latchkey apps approve ID`.
 */
id: string, app: AppIdentity, 
/**
 * The process that asked first.
 */
pid: number, asked_at: string, 
/**
 * When the waiting calls are refused with `app_not_allowed` if nobody answered.
 */
expires_at: string, };

export type ConsentDecision = "allowed" | "denied";

export type RememberedApp = { app: AppIdentity, decision: ConsentDecision, decided_at: string, };

export type ConsentView = { mode: ConsentMode, 
/**
 * The `AllowedApps` entries (paths, or `sha256:` hashes) served without asking.
 */
allowed_apps: Array<string>, remembered: Array<RememberedApp>, pending: Array<ConsentRequest>, };

export type ConsentAnswer = "allow_once" | "always_allow" | "deny";

export type ErrorCode = "invalid_request" | "invalid_email" | "payload_too_large" | "too_many_rows" | "rate_limited" | "invalid_code" | "code_expired" | "weak_password" | "invalid_credentials" | "account_locked" | "no_tos" | "invalid_ticket" | "tos_version_mismatch" | "invalid_grant" | "unsupported_audience" | "unauthorized" | "forbidden" | "not_found" | "already_member" | "member_of_other_org" | "invalid_csv" | "unknown_role" | "role_not_grantable" | "last_administrator" | "domain_not_verified" | "public_domain" | "domain_taken" | "download_not_permitted" | "proof_required" | "proof_invalid" | "internal";

export type LocalErrorCode = "not_signed_in" | "tos_required" | "backend_unreachable" | "unsupported_audience" | "timeout" | "no_interactive_session" | "invalid_credentials" | "account_locked" | "tos_version_mismatch" | "not_pending" | "sign_out_disabled" | "forbidden_peer" | "forbidden_origin" | "invalid_request" | "payload_too_large" | "not_found" | "method_not_allowed" | "backend_refused" | "shutting_down" | "download_not_permitted" | "no_release" | "integrity_failed" | "install_failed" | "app_not_allowed" | "internal" | "unknown";

export type UiError = { 
/**
 * A code of the backend or of the local API, or one of the app's own about settings.
 */
code: ErrorCode | LocalErrorCode | "setting_enforced" | "invalid_setting" | "setting_unwritable" | "no_server", detail: string | null, retry_after: number | null, attempts_remaining: number | null, reasons: Array<string>, };

/** Each language of the product and its name in itself. */
export const LANGUAGES: [Language, string][] = [["en", "English"], ["es", "Español"], ["fr", "Français"], ["tr", "Türkçe"], ["nl", "Nederlands"], ["it", "Italiano"], ["de", "Deutsch"], ["pl", "Polski"], ["cs", "Čeština"]];
