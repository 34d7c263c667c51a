//! The window's commands: each one calls the embedded agent (or, for forgot/reset password, the
//! backend through the agent's client) and hands back the wire types. No decisions here.

use latchkey_agent::backend::BackendError;
use latchkey_agent::LocalError;
use latchkey_config::{Key, Raw};
use latchkey_protocol::local::{ConsentAnswer, ConsentView, EntitlementsView, InstallProgress, LocalCatalog, SettingsView, Status};
use latchkey_protocol::{Language, PasswordPolicy, RegisterRequest, Secret};
use serde::Serialize;
use tauri::{AppHandle, Emitter, Manager, State};

use crate::settings::ChangeError;
use crate::Shell;

/// An error as the UI shows it: the stable `code` (each has a message in the UI's languages) and
/// the details some screens need.
#[derive(Debug, Serialize, ts_rs::TS)]
pub struct UiError {
    /// A code of the backend or of the local API, or one of the app's own about settings.
    #[ts(type = "ErrorCode | LocalErrorCode | \"setting_enforced\" | \"invalid_setting\" | \"setting_unwritable\" | \"no_server\"")]
    pub code: String,
    pub detail: Option<String>,
    #[ts(type = "number | null")]
    pub retry_after: Option<u64>,
    pub attempts_remaining: Option<u32>,
    pub reasons: Vec<String>,
}

impl From<LocalError> for UiError {
    fn from(error: LocalError) -> Self {
        UiError {
            code: error.code.as_str().to_owned(),
            detail: Some(error.detail),
            retry_after: error.retry_after,
            attempts_remaining: None,
            reasons: Vec::new(),
        }
    }
}

impl From<BackendError> for UiError {
    fn from(error: BackendError) -> Self {
        match error {
            BackendError::Refused(problem) => UiError {
                code: problem.code.as_str().to_owned(),
                detail: problem.detail,
                retry_after: problem.retry_after,
                attempts_remaining: problem.attempts_remaining,
                reasons: problem.reasons.iter().filter_map(|r| serde_json::to_value(r).ok()?.as_str().map(str::to_owned)).collect(),
            },
            outage => UiError {
                code: "backend_unreachable".into(),
                detail: Some(outage.to_string()),
                retry_after: None,
                attempts_remaining: None,
                reasons: Vec::new(),
            },
        }
    }
}

impl UiError {
    fn new(code: &str, detail: impl Into<String>) -> UiError {
        UiError { code: code.into(), detail: Some(detail.into()), retry_after: None, attempts_remaining: None, reasons: Vec::new() }
    }
}

impl From<ChangeError> for UiError {
    fn from(error: ChangeError) -> Self {
        let code = match error {
            ChangeError::Enforced(_) => "setting_enforced",
            ChangeError::Invalid(_) => "invalid_setting",
            ChangeError::Unwritable(_) => "setting_unwritable",
        };
        UiError::new(code, error.to_string())
    }
}

fn no_server() -> UiError {
    UiError::new("no_server", "no ServerUrl is configured")
}

#[tauri::command]
#[allow(clippy::needless_pass_by_value)] // Tauri passes `State` by value
pub fn status(shell: State<'_, Shell>) -> Status {
    shell.engine.status()
}

#[tauri::command]
pub async fn sign_in(shell: State<'_, Shell>, email: String, password: String) -> Result<Status, UiError> {
    Ok(shell.engine.sign_in_with_password(email.trim(), &Secret::new(password), false).await?)
}

#[tauri::command]
pub async fn accept_tos(shell: State<'_, Shell>, version: String) -> Result<Status, UiError> {
    Ok(shell.engine.accept_tos(&version).await?)
}

#[tauri::command]
#[allow(clippy::needless_pass_by_value)] // Tauri passes `State` by value
pub fn decline_tos(shell: State<'_, Shell>) -> Status {
    shell.engine.decline_tos()
}

#[tauri::command]
pub async fn sign_out(shell: State<'_, Shell>) -> Result<Status, UiError> {
    Ok(shell.engine.sign_out().await?)
}

#[tauri::command]
pub async fn forgot_password(shell: State<'_, Shell>, email: String) -> Result<(), UiError> {
    let backend = shell.engine.backend().ok_or_else(no_server)?;
    backend.forgot_password(email.trim()).await?;
    Ok(())
}

#[tauri::command]
pub async fn reset_password(shell: State<'_, Shell>, email: String, code: String, new_password: String) -> Result<(), UiError> {
    let backend = shell.engine.backend().ok_or_else(no_server)?;
    backend.reset_password(email.trim(), &Secret::new(code), &Secret::new(new_password)).await?;
    Ok(())
}

#[tauri::command]
pub async fn password_policy(shell: State<'_, Shell>) -> Result<PasswordPolicy, UiError> {
    let backend = shell.engine.backend().ok_or_else(no_server)?;
    Ok(backend.password_policy().await?)
}

#[tauri::command]
pub async fn entitlements(shell: State<'_, Shell>) -> Result<EntitlementsView, UiError> {
    Ok(shell.engine.entitlements().await?)
}

/// The Applications screen: the user's products with what is installed here and what is offered.
#[tauri::command]
pub async fn apps(shell: State<'_, Shell>) -> Result<LocalCatalog, UiError> {
    Ok(shell.engine.catalog().await?)
}

/// Download and install: starts (or joins) the installation of the release offered here.
#[tauri::command]
pub async fn install(shell: State<'_, Shell>, product: String) -> Result<InstallProgress, UiError> {
    Ok(shell.engine.start_install(&product).await?)
}

#[tauri::command]
#[allow(clippy::needless_pass_by_value)] // Tauri passes `State` by value
pub fn install_progress(shell: State<'_, Shell>, product: String) -> Result<InstallProgress, UiError> {
    Ok(shell.engine.install_progress(&product)?)
}

/// Stops a download, keeping what was received for a resume.
#[tauri::command]
pub async fn cancel_install(shell: State<'_, Shell>, product: String) -> Result<InstallProgress, UiError> {
    Ok(shell.engine.cancel_install(&product).await?)
}

/// The consent screen and the settings' list: the programs waiting, allowed and denied.
#[tauri::command]
#[allow(clippy::needless_pass_by_value)] // Tauri passes `State` by value
pub fn consent_view(shell: State<'_, Shell>) -> ConsentView {
    shell.engine.consent().view(&shell.engine.config())
}

/// The user's answer to a waiting program: Allow once, Always allow or Deny.
#[tauri::command]
#[allow(clippy::needless_pass_by_value)] // Tauri passes `State` by value
pub fn answer_consent(shell: State<'_, Shell>, id: String, answer: ConsentAnswer) -> Result<ConsentView, UiError> {
    Ok(shell.engine.consent().answer(&id, answer, &shell.engine.config())?)
}

/// Forgets the decision about a program: it will be asked about again.
#[tauri::command]
#[allow(clippy::needless_pass_by_value)] // Tauri passes `State` by value
pub fn revoke_app(shell: State<'_, Shell>, sha256: String) -> Result<ConsentView, UiError> {
    Ok(shell.engine.consent().revoke(&sha256, &shell.engine.config())?)
}

/// Opens the operator's Trust Center, linked beside the pending Terms, in the user's browser. The
/// address is the one the backend sent with the Terms, never one the window names.
#[tauri::command]
#[allow(clippy::needless_pass_by_value)] // Tauri passes `State` by value
pub fn open_trust_center(shell: State<'_, Shell>) -> Result<(), UiError> {
    let url = shell
        .engine
        .status()
        .tos
        .and_then(|tos| tos.trust_center_url)
        .filter(|url| url.starts_with("https://") || url.starts_with("http://"))
        .ok_or_else(|| UiError::new("not_found", "no Trust Center is linked to these Terms"))?;
    let opener = if cfg!(windows) {
        "explorer"
    } else if cfg!(target_os = "macos") {
        "open"
    } else {
        "xdg-open"
    };
    std::process::Command::new(opener).arg(&url).spawn().map_err(|e| io_error(&format!("cannot run {opener}: {e}")))?;
    Ok(())
}

/// The language the window shows: the same as the tray's.
#[tauri::command]
#[allow(clippy::needless_pass_by_value)] // Tauri passes `State` by value
pub fn language(shell: State<'_, Shell>) -> &'static str {
    shell.messages().lang
}

/// The system's locale as a BCP 47 tag (`en-GB`), for dates and numbers in the window: `WebKitGTK`
/// reports `en-US` whatever the system says. `None` when the system names none.
#[tauri::command]
pub fn system_locale() -> Option<String> {
    sys_locale::get_locale().map(|locale| bcp47(&locale))
}

/// `en_GB.UTF-8` → `en-GB` (POSIX names carry a codeset and `_`; BCP 47 has neither).
fn bcp47(locale: &str) -> String {
    let name = locale.split(['.', '@']).next().unwrap_or(locale);
    name.replace('_', "-")
}

/// Saves `setting` in the user layer and applies the reloaded configuration to the engine.
fn change(shell: &Shell, key: Key, value: Option<Raw>) -> Result<(), UiError> {
    let config = crate::settings::change_for_this_user(&shell.engine.config(), key, value)?;
    shell.engine.set_config(config);
    Ok(())
}

/// The event that announces a new language (its tag) to the window and the tray.
pub const LANGUAGE_CHANGED: &str = "language";
/// The event that announces start at login switched (on or off).
pub const AUTOSTART_CHANGED: &str = "autostart";

/// Switches the language live (`None`: follow the OS again): tray, notifications and window.
#[tauri::command]
#[allow(clippy::needless_pass_by_value)] // Tauri passes `AppHandle` and `State` by value
pub fn set_language(app: AppHandle, shell: State<'_, Shell>, language: Option<String>) -> Result<&'static str, UiError> {
    change(&shell, Key::Language, language.map(Raw::Text))?;
    let lang = shell.relanguage();
    let _ = app.emit(LANGUAGE_CHANGED, lang);
    Ok(lang)
}

/// Start at login: the `AutoStart` setting, and the per-user entry that follows it.
#[tauri::command]
#[allow(clippy::needless_pass_by_value)] // Tauri passes `AppHandle` and `State` by value
pub fn set_autostart(app: AppHandle, shell: State<'_, Shell>, enabled: bool) -> Result<SettingsScreen, UiError> {
    change(&shell, Key::AutoStart, Some(Raw::Bool(enabled)))?;
    crate::autostart::follow_setting(shell.engine.config().autostart());
    let _ = app.emit(AUTOSTART_CHANGED, enabled);
    Ok(settings_screen(&shell))
}

/// The first-run screen: the server to use, when none is configured (or to change it while
/// signed out), unless the organization enforces one.
#[tauri::command]
pub async fn set_server(shell: State<'_, Shell>, url: String) -> Result<Status, UiError> {
    let url = url.trim().trim_end_matches('/').to_owned();
    change(&shell, Key::ServerUrl, Some(Raw::Text(url.clone())))?;
    let config = shell.engine.config();
    let backend = latchkey_agent::backend_for(&url, &config, "latchkey-desktop", latchkey_agent::backend::REQUEST_TIMEOUT)
        .map_err(|e| UiError::new("invalid_setting", e.to_string()))?;
    Ok(shell.engine.set_backend(backend).await?)
}

/// Self-registration: the backend mails a code (the same answer whether or not the address is
/// known); the user then sets a password with it, as in forgot password.
#[tauri::command]
pub async fn register(
    shell: State<'_, Shell>,
    email: String,
    first_name: String,
    last_name: String,
    country: String,
) -> Result<(), UiError> {
    let backend = shell.engine.backend().ok_or_else(no_server)?;
    let request = RegisterRequest {
        email: email.trim().to_owned(),
        first_name: first_name.trim().to_owned(),
        last_name: last_name.trim().to_owned(),
        country,
        language: Language::from_tag(shell.messages().lang),
        // The agent's backend client solves the proof of work.
        pow: None,
    };
    backend.register(&request).await?;
    Ok(())
}

/// The settings screen: each effective value with its layer (`policy` is "set by your
/// organization"), and the malformed values that were ignored.
#[derive(Debug, Serialize, ts_rs::TS)]
pub struct SettingsScreen {
    #[ts(type = "Record<string, EffectiveSetting>")]
    pub values: SettingsView,
    pub problems: Vec<String>,
    /// Whether the per-user start-at-login entry exists.
    pub autostart_entry: bool,
    /// The machine-wide start-at-login entry an installer made, if any.
    pub machine_autostart_entry: Option<String>,
}

fn settings_screen(shell: &Shell) -> SettingsScreen {
    let config = shell.engine.config();
    SettingsScreen {
        values: latchkey_agent::api::settings_view(&config),
        problems: config.problems.iter().map(ToString::to_string).collect(),
        autostart_entry: crate::autostart::user_entry_exists(),
        machine_autostart_entry: crate::autostart::machine_wide_entry().map(|p| p.display().to_string()),
    }
}

#[tauri::command]
#[allow(clippy::needless_pass_by_value)] // Tauri passes `State` by value
pub fn settings(shell: State<'_, Shell>) -> SettingsScreen {
    settings_screen(&shell)
}

#[derive(Debug, Serialize, ts_rs::TS)]
pub struct About {
    pub version: &'static str,
    pub backend: Option<String>,
}

#[tauri::command]
#[allow(clippy::needless_pass_by_value)] // Tauri passes `State` by value
pub fn about(shell: State<'_, Shell>) -> About {
    About { version: env!("CARGO_PKG_VERSION"), backend: shell.engine.backend().map(|b| b.base().to_owned()) }
}

/// Writes a diagnostics bundle (versions, OS, the status, the settings and their problems — no
/// password, code or token, none of which the status or settings hold) to the Downloads folder
/// (else the home folder) and returns its path.
#[tauri::command]
#[allow(clippy::needless_pass_by_value)] // Tauri passes `AppHandle` and `State` by value
pub fn export_diagnostics(app: AppHandle, shell: State<'_, Shell>) -> Result<String, UiError> {
    let config = shell.engine.config();
    let bundle = serde_json::json!({
        "latchkey_version": env!("CARGO_PKG_VERSION"),
        "os": std::env::consts::OS,
        "arch": std::env::consts::ARCH,
        "status": shell.engine.status(),
        "settings": latchkey_agent::api::settings_view(&config),
        "settings_problems": config.problems.iter().map(ToString::to_string).collect::<Vec<_>>(),
    });
    let folder = app.path().download_dir().or_else(|_| app.path().home_dir()).map_err(|e| io_error(&e.to_string()))?;
    std::fs::create_dir_all(&folder).map_err(|e| io_error(&e.to_string()))?;
    let stamp = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or_default();
    let path = folder.join(format!("latchkey-diagnostics-{stamp}.json"));
    let text = serde_json::to_string_pretty(&bundle).map_err(|e| io_error(&e.to_string()))?;
    std::fs::write(&path, text).map_err(|e| io_error(&e.to_string()))?;
    Ok(path.display().to_string())
}

fn io_error(detail: &str) -> UiError {
    UiError::new("internal", detail)
}

/// The window reports its first paint (for the start-up figures of `make bench`), with the
/// milliseconds its page took from navigation start (`page_ms`: what remains of the time since
/// the window was asked for is `WebKit`'s: its web process, the page load); it takes the keyboard
/// focus then, once it is on screen (asked earlier, an unmapped window cannot have it).
#[tauri::command]
#[allow(clippy::needless_pass_by_value)] // Tauri passes `WebviewWindow` by value
pub fn painted(window: tauri::WebviewWindow, page_ms: Option<u64>) {
    let since_open_ms = crate::since_open_requested_ms();
    tracing::info!(elapsed_ms = crate::since_start_ms(), since_open_ms, page_ms, "window painted");
    let _ = window.set_focus();
}

#[cfg(test)]
mod tests {
    #[test]
    fn posix_locale_names_become_bcp47_tags() {
        assert_eq!(super::bcp47("en_GB.UTF-8"), "en-GB");
        assert_eq!(super::bcp47("de_DE@euro"), "de-DE");
        assert_eq!(super::bcp47("pl-PL"), "pl-PL");
        assert_eq!(super::bcp47("C"), "C");
    }
}
