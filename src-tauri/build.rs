//! Embeds the web UI and declares the app's commands, so that each window's capability file can
//! grant exactly the ones it uses.

fn main() {
    let commands = &[
        "status",
        "sign_in",
        "accept_tos",
        "decline_tos",
        "sign_out",
        "forgot_password",
        "reset_password",
        "password_policy",
        "entitlements",
        "language",
        "register",
        "settings",
        "set_language",
        "set_autostart",
        "set_server",
        "about",
        "export_diagnostics",
        "painted",
    ];
    tauri_build::try_build(tauri_build::Attributes::new().app_manifest(tauri_build::AppManifest::new().commands(commands)))
        .expect("the Tauri build step runs");
}
