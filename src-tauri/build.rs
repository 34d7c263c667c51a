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
        "apps",
        "install",
        "install_progress",
        "cancel_install",
        "open_trust_center",
        "consent_view",
        "answer_consent",
        "revoke_app",
        "language",
        "system_locale",
        "register",
        "settings",
        "set_language",
        "set_autostart",
        "set_server",
        "about",
        "export_diagnostics",
        "painted",
    ];
    // `generate_context!` embeds ui/dist when this crate compiles, and nothing tells Cargo that a
    // rebuilt window (scripts/ui-build.sh) needs the app compiled again: this does.
    println!("cargo:rerun-if-changed=../ui/dist");
    tauri_build::try_build(tauri_build::Attributes::new().app_manifest(tauri_build::AppManifest::new().commands(commands)))
        .expect("the Tauri build step runs");
}
