//! The window's TypeScript types, generated from the Rust types its commands exchange (ts-rs).
//! `ui/src/bindings.ts` is committed; the test fails when it is stale, and
//! `LATCHKEY_UPDATE_BINDINGS=1 cargo test -p latchkey-desktop bindings` rewrites it.

use latchkey_protocol::delivery::{DownloadBlock, OfferedRelease, Platform, Release, UpdateChannel};
use latchkey_protocol::local::{
    AppIdentity, ConsentAnswer, ConsentDecision, ConsentMode, ConsentRequest, ConsentView, EffectiveSetting, EntitlementCacheStatus,
    EntitlementsView, InstallProgress, InstallState, LocalCatalog, LocalErrorCode, LocalProduct, RememberedApp, SecretStoreStatus,
    SessionState, Status, StatusUser,
};
use latchkey_protocol::{Entitlement, ErrorCode, Language, OrgRef, PasswordPolicy, TosDocument};
use ts_rs::TS;

use crate::commands::{About, SettingsScreen, UiError};

/// The contents of `ui/src/bindings.ts`.
pub fn typescript() -> String {
    let config = ts_rs::Config::default();
    let declarations = [
        Language::decl(&config),
        OrgRef::decl(&config),
        StatusUser::decl(&config),
        TosDocument::decl(&config),
        SecretStoreStatus::decl(&config),
        EntitlementCacheStatus::decl(&config),
        SessionState::decl(&config),
        Status::decl(&config),
        Entitlement::decl(&config),
        EntitlementsView::decl(&config),
        PasswordPolicy::decl(&config),
        EffectiveSetting::decl(&config),
        SettingsScreen::decl(&config),
        About::decl(&config),
        Platform::decl(&config),
        Release::decl(&config),
        OfferedRelease::decl(&config),
        DownloadBlock::decl(&config),
        UpdateChannel::decl(&config),
        LocalProduct::decl(&config),
        LocalCatalog::decl(&config),
        InstallState::decl(&config),
        InstallProgress::decl(&config),
        ConsentMode::decl(&config),
        AppIdentity::decl(&config),
        ConsentRequest::decl(&config),
        ConsentDecision::decl(&config),
        RememberedApp::decl(&config),
        ConsentView::decl(&config),
        ConsentAnswer::decl(&config),
        ErrorCode::decl(&config),
        LocalErrorCode::decl(&config),
        UiError::decl(&config),
    ];
    let mut text = String::from(
        "// Generated from the Rust types by ts-rs (src-tauri/src/bindings.rs): do not edit.\n\
         // LATCHKEY_UPDATE_BINDINGS=1 cargo test -p latchkey-desktop bindings rewrites it.\n",
    );
    for declaration in declarations {
        text.push_str("\nexport ");
        text.push_str(&declaration);
        text.push('\n');
    }
    // The product's one language table (protocol's `Language`), for the window's language switch.
    let languages: Vec<String> = Language::ALL.iter().map(|l| format!("[\"{}\", \"{}\"]", l.code(), l.endonym())).collect();
    text.push_str("\n/** Each language of the product and its name in itself. */\nexport const LANGUAGES: [Language, string][] = [");
    text.push_str(&languages.join(", "));
    text.push_str("];\n");
    text
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_committed_bindings_match_the_rust_types() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui/src/bindings.ts");
        let fresh = super::typescript();
        if std::env::var_os("LATCHKEY_UPDATE_BINDINGS").is_some() {
            std::fs::write(&path, &fresh).unwrap();
        }
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            committed == fresh,
            "ui/src/bindings.ts is stale: run `LATCHKEY_UPDATE_BINDINGS=1 cargo test -p latchkey-desktop bindings`"
        );
    }
}
