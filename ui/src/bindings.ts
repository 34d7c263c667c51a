// Generated from the Rust types by ts-rs (src-tauri/src/bindings.rs): do not edit.
// LATCHKEY_UPDATE_BINDINGS=1 cargo test -p latchkey-desktop bindings rewrites it.

export type Language = "en" | "es" | "fr" | "tr" | "nl" | "it" | "de" | "pl" | "cs";

export type OrgRef = { id: string, name: string, };

export type StatusUser = { id: string, email: string, first_name: string, last_name: string, org: OrgRef | null, roles: Array<string>, };

export type TosDocument = { version: string, title: string, body_markdown: string, published_at: string, lang: Language, };

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

export type Status = { 
/**
 * `signed_out`, `signing_in`, `tos_required`, `signed_in`, `offline` or `expired`.
 */
state: string, user: StatusUser | null, 
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

export type Entitlement = { product: string, features: Array<string>, 
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

export type UiError = { code: string, detail: string | null, retry_after: number | null, attempts_remaining: number | null, reasons: Array<string>, };
