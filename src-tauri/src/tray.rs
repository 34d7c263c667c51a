//! The tray icon: one icon per state (signed out, signed in, attention — Terms or an ended
//! session —, offline), a tooltip, and a menu that reaches every action (appindicator trays send no
//! click): who is signed in, Open Latchkey, Sign in / Sign out (hidden when `AllowSignOut` is off),
//! Start at login (locked when enforced), Language, About, Quit. It follows the agent's status,
//! forwards each change to the window and shows the notifications the change calls for.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use latchkey_agent::Engine;
use latchkey_config::Key;
use latchkey_protocol::local::{SessionState, Status};
use latchkey_protocol::Language;
use tauri::image::Image;
use tauri::menu::{CheckMenuItem, Menu, MenuItem, PredefinedMenuItem, Submenu};
use tauri::tray::TrayIconBuilder;
use tauri::{AppHandle, Emitter, Listener, Manager, Wry};

use crate::i18n::Messages;
use crate::{Screen, Shell};

const TRAY: &str = "latchkey";

/// Set by Quit, so the exit is not prevented.
struct Quitting(AtomicBool);

pub fn quitting(app: &AppHandle) -> bool {
    app.try_state::<Quitting>().is_some_and(|q| q.0.load(Ordering::SeqCst))
}

/// The tray's look for a status: (icon, tooltip).
pub fn appearance(status: &Status, messages: &Messages) -> (&'static [u8], String) {
    let who = status.user.as_ref().map(|u| u.email.clone()).unwrap_or_default();
    match status.state {
        SessionState::SignedIn => {
            (include_bytes!("../../icons/tray/signed-in.png"), messages.text("tooltip-signed-in", &[("email", &who)]))
        }
        SessionState::Offline => {
            let until = status.offline_until.as_deref().unwrap_or("?");
            (include_bytes!("../../icons/tray/offline.png"), messages.text("tooltip-offline", &[("until", until)]))
        }
        SessionState::TosRequired => (include_bytes!("../../icons/tray/attention.png"), messages.text("tooltip-terms", &[])),
        SessionState::Expired => (include_bytes!("../../icons/tray/attention.png"), messages.text("tooltip-expired", &[])),
        _ => (include_bytes!("../../icons/tray/signed-out.png"), messages.text("tooltip-signed-out", &[])),
    }
}

fn menu(app: &AppHandle, status: &Status, shell: &Shell) -> tauri::Result<Menu<Wry>> {
    let messages = shell.messages();
    let config = shell.engine.config();
    let who = match &status.user {
        Some(user) if status.state.is_signed_in() => {
            format!("{} {} ({})", user.first_name, user.last_name, user.email)
        }
        _ => messages.text("tray-not-signed-in", &[]),
    };
    let signed_in = status.state.is_signed_in();
    let menu = Menu::new(app)?;
    menu.append(&MenuItem::with_id(app, "who", who, false, None::<&str>)?)?;
    menu.append(&PredefinedMenuItem::separator(app)?)?;
    menu.append(&MenuItem::with_id(app, "open", messages.text("tray-open", &[]), true, None::<&str>)?)?;
    let session_item = if !signed_in {
        Some(("sign-in", "tray-sign-in"))
    } else if config.allow_sign_out() {
        Some(("sign-out", "tray-sign-out"))
    } else {
        None
    };
    if let Some((id, text)) = session_item {
        menu.append(&MenuItem::with_id(app, id, messages.text(text, &[]), true, None::<&str>)?)?;
    }
    // Where no tray can be scripted (Windows under Wine, in the tests), this line shows the menu.
    tracing::info!(state = %status.state, session_item = session_item.map_or("none", |(id, _)| id), "tray menu");
    menu.append(&PredefinedMenuItem::separator(app)?)?;
    let autostart_label = if config.enforced(Key::AutoStart) {
        format!("{} ({})", messages.text("tray-start-at-login", &[]), messages.text("set-by-organization", &[]))
    } else {
        messages.text("tray-start-at-login", &[])
    };
    menu.append(&CheckMenuItem::with_id(
        app,
        "autostart",
        autostart_label,
        !config.enforced(Key::AutoStart),
        config.autostart(),
        None::<&str>,
    )?)?;
    let languages = Submenu::with_id(app, "language", messages.text("tray-language", &[]), !config.enforced(Key::Language))?;
    for language in Language::ALL {
        let lang = language.code();
        languages.append(&CheckMenuItem::with_id(
            app,
            format!("lang-{lang}"),
            language.endonym(),
            true,
            messages.lang == lang,
            None::<&str>,
        )?)?;
    }
    menu.append(&languages)?;
    menu.append(&MenuItem::with_id(app, "about", messages.text("tray-about", &[]), true, None::<&str>)?)?;
    menu.append(&PredefinedMenuItem::separator(app)?)?;
    menu.append(&MenuItem::with_id(app, "quit", messages.text("tray-quit", &[]), true, None::<&str>)?)?;
    Ok(menu)
}

fn refresh(app: &AppHandle, status: &Status) {
    let Some(tray) = app.tray_by_id(TRAY) else { return };
    let shell = app.state::<Shell>();
    let (icon, tooltip) = appearance(status, &shell.messages());
    if let Ok(image) = Image::from_bytes(icon) {
        let _ = tray.set_icon(Some(image));
    }
    let _ = tray.set_tooltip(Some(tooltip));
    match menu(app, status, &shell) {
        Ok(menu) => {
            let _ = tray.set_menu(Some(menu));
        }
        Err(e) => tracing::warn!(error = %e, "cannot rebuild the tray menu"),
    }
}

/// Rebuilds the tray now (after a language or setting change), on the main thread.
pub fn refresh_now(app: &AppHandle) {
    let status = app.state::<Shell>().engine.status();
    let handle = app.clone();
    let _ = app.run_on_main_thread(move || refresh(&handle, &status));
}

fn on_menu(app: &AppHandle, engine: &Arc<Engine>, id: &str) {
    match id {
        "open" => crate::show_window(app, Screen::Status),
        "sign-in" => crate::show_window(app, Screen::SignIn),
        "about" => crate::show_window(app, Screen::About),
        "sign-out" => {
            let engine = engine.clone();
            tauri::async_runtime::spawn(async move {
                if let Err(e) = engine.sign_out().await {
                    tracing::warn!(error = %e, "sign-out from the tray failed");
                }
            });
        }
        "autostart" => {
            let shell = app.state::<Shell>();
            let wanted = !shell.engine.config().autostart();
            if let Err(e) = crate::commands::set_autostart(app.clone(), shell, wanted) {
                tracing::warn!(error = ?e.detail, "cannot change start at login");
                refresh_now(app);
            }
        }
        "quit" => {
            if let Some(quitting) = app.try_state::<Quitting>() {
                quitting.0.store(true, Ordering::SeqCst);
            }
            match app.try_state::<crate::QuitSignal>() {
                Some(quit) => {
                    quit.0.notify_one();
                    // Should the agent not stop in time (an answer that never finishes), exit anyway.
                    let app = app.clone();
                    std::thread::spawn(move || {
                        std::thread::sleep(std::time::Duration::from_secs(8));
                        app.exit(0);
                    });
                }
                None => app.exit(0),
            }
        }
        other => {
            if let Some(lang) = other.strip_prefix("lang-") {
                if let Err(e) = crate::commands::set_language(app.clone(), app.state::<Shell>(), Some(lang.to_owned())) {
                    tracing::warn!(error = ?e.detail, "cannot change the language");
                    refresh_now(app);
                }
            }
        }
    }
}

/// Builds the tray and keeps it (and the window) in step with the agent's status.
pub fn create(app: &AppHandle, engine: &Arc<Engine>) -> tauri::Result<()> {
    app.manage(Quitting(AtomicBool::new(false)));
    let status = engine.status();
    let shell = app.state::<Shell>();
    let (icon, tooltip) = appearance(&status, &shell.messages());
    TrayIconBuilder::with_id(TRAY)
        .icon(Image::from_bytes(icon)?)
        .tooltip(tooltip)
        .menu(&menu(app, &status, &shell)?)
        .show_menu_on_left_click(true)
        .on_menu_event({
            let engine = engine.clone();
            move |app, event| on_menu(app, &engine, event.id().as_ref())
        })
        .build(app)?;
    // A language or start-at-login change, from the window or this menu: redraw the menu. (The
    // commands announce the change; they do not reach into the tray.)
    for setting in [crate::commands::LANGUAGE_CHANGED, crate::commands::AUTOSTART_CHANGED] {
        let handle = app.clone();
        app.listen_any(setting, move |_| refresh_now(&handle));
    }
    let mut changes = engine.subscribe();
    let app = app.clone();
    tauri::async_runtime::spawn(async move {
        let mut before = changes.borrow_and_update().clone();
        while changes.changed().await.is_ok() {
            let status = changes.borrow_and_update().clone();
            let _ = app.emit("status", &status);
            if let Some(notice) = crate::notifications::notice(&before, &status) {
                crate::notifications::show(&notice, &app.state::<Shell>().messages());
            }
            before = status.clone();
            let handle = app.clone();
            let _ = app.run_on_main_thread(move || refresh(&handle, &status));
        }
    });
    Ok(())
}
