//! The local API as OpenAPI 3.1, generated from the wire types. Served at `GET /v1/openapi.json`
//! on the socket; the copy in `openapi/local.json` is checked against it by a test.
//!
//! The functions below exist only to carry each route's description: the handlers live in
//! `api.rs`, whose route table a test compares with this document.

#![allow(dead_code, clippy::unused_async)]

use std::sync::LazyLock;

use latchkey_protocol::local::{
    AppIdentity, ConsentAnswer, ConsentAnswerBody, ConsentDecision, ConsentMode, ConsentRequest, ConsentView, EffectiveSetting,
    EntitlementCacheStatus, EntitlementsView, HandingOver, InstallProgress, InstallState, LocalCatalog, LocalErrorCode, LocalProblem,
    LocalProduct, PasswordSignIn, ProductEntitlement, Prompted, RememberedApp, SecretStoreStatus, SelfUpdate, SelfUpdateAction,
    SignInPrompt, Status, StatusUser, TokenRequest, TokenResponse, TosAccept, UpdateCheck,
};
use latchkey_protocol::{Entitlement, OrgRef, TosDocument};
use utoipa::OpenApi;

#[utoipa::path(get, path = "/v1/status", tag = "session", responses((status = 200, body = Status)))]
fn status() {}

#[utoipa::path(get, path = "/v1/settings", tag = "settings",
    description = "Each key of the configuration contract (`ServerUrl`, `AutoStart`, `AllowSignOut`, `Proxy`, `ExtraCaFile`, `Language`, and `Updates`, `ConsentMode`, `AllowedApps`) with its effective value and the layer it came from.",
    responses((status = 200, body = std::collections::BTreeMap<String, EffectiveSetting>)))]
fn settings() {}

#[utoipa::path(get, path = "/v1/settings/problems", tag = "settings",
    description = "Malformed values met in any layer (each ignored), as sentences for the settings screen.",
    responses((status = 200, body = Object, example = json!({"problems": ["AutoStart (policy layer, /etc/latchkey/policies/10.toml): expected 1/0/true/false, found \"yes\""]}))))]
fn settings_problems() {}

#[utoipa::path(post, path = "/v1/token", tag = "session", request_body(content = TokenRequest, description = "Optional; an empty body asks for the server's default audience, valid 60 s at least."),
    responses((status = 200, body = TokenResponse), (status = 400, description = "`unsupported_audience`, `invalid_request`", body = LocalProblem),
        (status = 401, description = "`not_signed_in`", body = LocalProblem), (status = 409, description = "`tos_required`", body = LocalProblem),
        (status = 403, description = "`app_not_allowed`: per-app consent refused this program (denied, unanswered within the agent's wait, or not on the organization's `AllowedApps` under `deny-unknown`)", body = LocalProblem),
        (status = 503, description = "`backend_unreachable`", body = LocalProblem)))]
fn token() {}

#[utoipa::path(get, path = "/v1/entitlements", tag = "entitlements",
    responses((status = 200, body = EntitlementsView), (status = 401, description = "`not_signed_in`", body = LocalProblem),
        (status = 403, description = "`app_not_allowed`: per-app consent refused this program (denied, unanswered within the agent's wait, or not on the organization's `AllowedApps` under `deny-unknown`)", body = LocalProblem)))]
fn entitlements() {}

#[utoipa::path(get, path = "/v1/entitlements/{product}", tag = "entitlements", params(("product" = String, Path)),
    responses((status = 200, body = ProductEntitlement), (status = 401, description = "`not_signed_in`", body = LocalProblem),
        (status = 403, description = "`app_not_allowed`: per-app consent refused this program (denied, unanswered within the agent's wait, or not on the organization's `AllowedApps` under `deny-unknown`)", body = LocalProblem)))]
fn entitlement() {}

#[utoipa::path(post, path = "/v1/sign-in", tag = "session", request_body(content = SignInPrompt, description = "Optional."),
    responses((status = 202, body = Prompted), (status = 200, description = "Signed in (with `wait_seconds`)", body = Status),
        (status = 408, description = "`timeout`", body = LocalProblem), (status = 409, description = "`no_interactive_session`", body = LocalProblem)))]
fn sign_in() {}

#[utoipa::path(post, path = "/v1/sign-in/password", tag = "session", request_body = PasswordSignIn,
    responses((status = 200, body = Status), (status = 400, description = "`invalid_request`", body = LocalProblem),
        (status = 401, description = "`invalid_credentials`", body = LocalProblem), (status = 429, description = "`account_locked`", body = LocalProblem),
        (status = 503, description = "`backend_unreachable`", body = LocalProblem)))]
fn sign_in_password() {}

#[utoipa::path(post, path = "/v1/tos/accept", tag = "session", request_body = TosAccept,
    responses((status = 200, body = Status), (status = 409, description = "`tos_version_mismatch`, `not_pending`", body = LocalProblem)))]
fn accept_tos() {}

#[utoipa::path(post, path = "/v1/tos/decline", tag = "session", description = "The user declines the pending Terms of Service: back to `signed_out`.",
    responses((status = 200, body = Status)))]
fn decline_tos() {}

#[utoipa::path(post, path = "/v1/sign-out", tag = "session",
    responses((status = 200, body = Status), (status = 403, description = "`sign_out_disabled`", body = LocalProblem)))]
fn sign_out() {}

#[utoipa::path(get, path = "/v1/events", tag = "session", description = "Server-sent events: one `status` event (a Status body) now and one at every change.",
    responses((status = 200, content_type = "text/event-stream", body = String)))]
fn events() {}

#[utoipa::path(get, path = "/v1/catalog", tag = "software",
    description = "The products the user is entitled to (Latchkey itself first), each with the version installed on this computer (dpkg, rpm, the Windows uninstall keys, macOS receipts), the release offered for this computer's platform with its signed manifest, and whether the user may download it (`blocked_by`: `role_required`, `not_allowed_by_organization`). `update_channel` is how Latchkey updates itself here.",
    responses((status = 200, body = LocalCatalog), (status = 401, description = "`not_signed_in`", body = LocalProblem),
        (status = 403, description = "`app_not_allowed`: per-app consent refused this program", body = LocalProblem),
        (status = 409, description = "`tos_required`", body = LocalProblem), (status = 503, description = "`backend_unreachable`", body = LocalProblem)))]
fn catalog() {}

#[utoipa::path(get, path = "/v1/updates/{product}", tag = "software",
    description = "Whether a release of `product` newer than `current` (else the installed version) is offered for this computer: for an application to offer its own update.",
    params(("product" = String, Path), ("current" = Option<String>, Query, description = "The caller's version (at most 64 characters)")),
    responses((status = 200, body = UpdateCheck), (status = 400, description = "`invalid_request`", body = LocalProblem),
        (status = 401, description = "`not_signed_in`", body = LocalProblem),
        (status = 403, description = "`app_not_allowed`: per-app consent refused this program", body = LocalProblem),
        (status = 404, description = "`not_found`: not in the user's catalogue", body = LocalProblem),
        (status = 503, description = "`backend_unreachable`", body = LocalProblem)))]
fn update_check() {}

#[utoipa::path(post, path = "/v1/installs/{product}", tag = "software",
    description = "Downloads the release offered for this computer (resuming what an earlier attempt received), checks the manifest's signature, the length and the SHA-256, then runs the platform's installer. Answers at once with the progress; poll `GET` for the rest. An installation under way is answered as it is.",
    params(("product" = String, Path)),
    responses((status = 202, body = InstallProgress), (status = 401, description = "`not_signed_in`", body = LocalProblem),
        (status = 403, description = "`download_not_permitted`; `app_not_allowed` (per-app consent refused this program)", body = LocalProblem), (status = 404, description = "`no_release` for this platform", body = LocalProblem),
        (status = 502, description = "`integrity_failed`: the manifest does not verify", body = LocalProblem),
        (status = 503, description = "`backend_unreachable`", body = LocalProblem)))]
fn start_install() {}

#[utoipa::path(get, path = "/v1/installs/{product}", tag = "software",
    description = "The installation's progress: `downloading` (`received` of `total` bytes), `verifying`, `installing`, then `installed`, `failed` (with `error`: `integrity_failed`, `install_failed`, `download_not_permitted`, `backend_unreachable`, and `detail`) or `cancelled`.",
    params(("product" = String, Path)),
    responses((status = 200, body = InstallProgress), (status = 403, description = "`app_not_allowed`: per-app consent refused this program", body = LocalProblem),
        (status = 404, description = "`not_found`: none started", body = LocalProblem)))]
fn install_progress() {}

#[utoipa::path(delete, path = "/v1/installs/{product}", tag = "software",
    description = "Cancels a download (what was received is kept: `POST` again resumes it). An installer already running is not interrupted.",
    params(("product" = String, Path)),
    responses((status = 200, body = InstallProgress), (status = 403, description = "`app_not_allowed`: per-app consent refused this program", body = LocalProblem),
        (status = 404, description = "`not_found`: none started", body = LocalProblem)))]
fn cancel_install() {}

#[utoipa::path(post, path = "/v1/self-update", tag = "software",
    description = "The updater's check of Latchkey itself: a newer Latchkey offered for this computer is installed (`auto`), announced (`notify`) or left alone (`off`), by the stricter of the machine's `Updates` setting and the organization's channel. The desktop app runs it at start and every six hours.",
    responses((status = 200, body = SelfUpdate), (status = 401, description = "`not_signed_in`", body = LocalProblem),
        (status = 403, description = "`download_not_permitted`; `app_not_allowed` (per-app consent refused this program)", body = LocalProblem), (status = 503, description = "`backend_unreachable`", body = LocalProblem)))]
fn self_update() {}

#[utoipa::path(get, path = "/v1/consent", tag = "consent",
    description = "Per-app consent: the mode in force (`ConsentMode`), the organization's `AllowedApps`, the programs the user allowed or denied (by the SHA-256 of their executable), and those waiting for an answer. Only Latchkey's own programs (the CLI, the agent, the desktop app, found beside the agent's executable) may call the consent endpoints; others get 403 `app_not_allowed`.",
    responses((status = 200, body = ConsentView), (status = 403, description = "`app_not_allowed`: not one of Latchkey's programs", body = LocalProblem)))]
fn consent_view() {}

#[utoipa::path(post, path = "/v1/consent/requests/{id}", tag = "consent",
    description = "Answers a waiting program: `allow_once` (this process, while it runs), `always_allow` or `deny` (remembered for the executable until revoked). The program's held call then completes or gets `app_not_allowed`.",
    params(("id" = String, Path)), request_body = ConsentAnswerBody,
    responses((status = 200, body = ConsentView), (status = 400, description = "`invalid_request`", body = LocalProblem),
        (status = 403, description = "`app_not_allowed`: not one of Latchkey's programs", body = LocalProblem),
        (status = 404, description = "`not_found`: no such request waits (answered, or the program gave up)", body = LocalProblem)))]
fn answer_consent() {}

#[utoipa::path(delete, path = "/v1/consent/apps/{sha256}", tag = "consent",
    description = "Forgets the decision about the executable with this SHA-256: it is asked about again.",
    params(("sha256" = String, Path, description = "64 lowercase hexadecimal digits")),
    responses((status = 200, body = ConsentView), (status = 400, description = "`invalid_request`", body = LocalProblem),
        (status = 403, description = "`app_not_allowed`: not one of Latchkey's programs", body = LocalProblem),
        (status = 404, description = "`not_found`: no decision is remembered for it", body = LocalProblem)))]
fn revoke_consent() {}

#[utoipa::path(post, path = "/v1/agent/handover", tag = "agent", description = "The agent stops refreshing, releases the socket and exits; the caller binds next.",
    responses((status = 202, body = HandingOver)))]
fn handover() {}

#[utoipa::path(get, path = "/v1/openapi.json", tag = "agent", responses((status = 200, body = Object)))]
fn openapi() {}

#[derive(OpenApi)]
#[openapi(
    info(title = "Latchkey local API", description = "Served by the Latchkey agent to the applications of its own user over a Unix socket (Linux, macOS) or a named pipe (Windows): `curl --unix-socket \"$XDG_RUNTIME_DIR/latchkey/agent.sock\" http://latchkey/v1/status`. Every request must carry `Host: latchkey` and no `Origin` or `Referer` (else 403 `forbidden_origin`); a peer of another user gets 403 `forbidden_peer`. The token and entitlement endpoints apply per-app consent: the agent identifies the calling program from the connection (pid, executable, SHA-256) and, under `ConsentMode` `prompt`, holds an unknown program's first call until the user answers (403 `app_not_allowed` when refused or unanswered). Errors are RFC 9457 problem documents with a stable `code`.", license(name = "MIT OR Apache-2.0")),
    servers((url = "http://latchkey")),
    paths(status, settings, settings_problems, token, entitlements, entitlement, sign_in, sign_in_password, accept_tos, decline_tos, sign_out, events,
        catalog, update_check, start_install, install_progress, cancel_install, self_update, consent_view, answer_consent, revoke_consent, handover, openapi),
    components(schemas(Status, StatusUser, SecretStoreStatus, EntitlementCacheStatus, OrgRef, TosDocument, EffectiveSetting, TokenRequest, TokenResponse, EntitlementsView, Entitlement,
        ProductEntitlement, SignInPrompt, Prompted, PasswordSignIn, TosAccept, HandingOver, LocalProblem, LocalErrorCode,
        LocalCatalog, LocalProduct, UpdateCheck, InstallProgress, InstallState, SelfUpdate, SelfUpdateAction,
        ConsentMode, AppIdentity, ConsentRequest, ConsentDecision, RememberedApp, ConsentView, ConsentAnswer, ConsentAnswerBody)),
)]
pub struct LocalApiDoc;

static DOCUMENT: LazyLock<String> = LazyLock::new(|| LocalApiDoc::openapi().to_pretty_json().unwrap_or_default());

/// The document as served.
pub fn document() -> &'static str {
    &DOCUMENT
}
