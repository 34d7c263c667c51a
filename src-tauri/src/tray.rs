//! The tray icon: one icon per state (signed out, signed in, attention — Terms or an ended
//! session —, offline), a tooltip, and a menu that reaches every action (appindicator trays send no
//! click): who is signed in, Open Latchkey, Sign in / Sign out (hidden when `AllowSignOut` is off),
//! Quit. It follows the agent's status and forwards each change to the window.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use latchkey_agent::Engine;
use latchkey_protocol::local::Status;
use tauri::image::Image;
use tauri::menu::{Menu, MenuItem, PredefinedMenuItem};
use tauri::tray::TrayIconBuilder;
use tauri::{AppHandle, Emitter, Manager, Wry};

use crate::i18n::Messages;
use crate::Shell;

const TRAY: &str = "latchkey";

/// Set by Quit, so the exit is not prevented.
struct Quitting(AtomicBool);

pub fn quitting(app: &AppHandle) -> bool {
    app.try_state::<Quitting>().is_some_and(|q| q.0.load(Ordering::SeqCst))
}

/// The tray's look for a status: (icon, tooltip).
pub fn appearance(status: &Status, messages: &Messages) -> (&'static [u8], String) {
    let who = status.user.as_ref().map(|u| u.email.clone()).unwrap_or_default();
    match status.state.as_str() {
        "signed_in" => (include_bytes!("../../icons/tray/signed-in.png"), messages.text("tooltip-signed-in", &[("email", &who)])),
        "offline" => {
            let until = status.offline_until.as_deref().unwrap_or("?");
            (include_bytes!("../../icons/tray/offline.png"), messages.text("tooltip-offline", &[("until", until)]))
        }
        "tos_required" => (include_bytes!("../../icons/tray/attention.png"), messages.text("tooltip-terms", &[])),
        "expired" => (include_bytes!("../../icons/tray/attention.png"), messages.text("tooltip-expired", &[])),
        _ => (include_bytes!("../../icons/tray/signed-out.png"), messages.text("tooltip-signed-out", &[])),
    }
}

fn menu(app: &AppHandle, status: &Status, allow_sign_out: bool, messages: &Messages) -> tauri::Result<Menu<Wry>> {
    let who = match &status.user {
        Some(user) if matches!(status.state.as_str(), "signed_in" | "offline") => {
            format!("{} {} ({})", user.first_name, user.last_name, user.email)
        }
        _ => messages.text("tray-not-signed-in", &[]),
    };
    let signed_in = matches!(status.state.as_str(), "signed_in" | "offline");
    let menu = Menu::new(app)?;
    menu.append(&MenuItem::with_id(app, "who", who, false, None::<&str>)?)?;
    menu.append(&PredefinedMenuItem::separator(app)?)?;
    menu.append(&MenuItem::with_id(app, "open", messages.text("tray-open", &[]), true, None::<&str>)?)?;
    if !signed_in {
        menu.append(&MenuItem::with_id(app, "sign-in", messages.text("tray-sign-in", &[]), true, None::<&str>)?)?;
    } else if allow_sign_out {
        menu.append(&MenuItem::with_id(app, "sign-out", messages.text("tray-sign-out", &[]), true, None::<&str>)?)?;
    }
    menu.append(&PredefinedMenuItem::separator(app)?)?;
    menu.append(&MenuItem::with_id(app, "quit", messages.text("tray-quit", &[]), true, None::<&str>)?)?;
    Ok(menu)
}

fn refresh(app: &AppHandle, engine: &Engine, status: &Status) {
    let Some(tray) = app.tray_by_id(TRAY) else { return };
    let shell = app.state::<Shell>();
    let messages = &shell.messages;
    let (icon, tooltip) = appearance(status, messages);
    if let Ok(image) = Image::from_bytes(icon) {
        let _ = tray.set_icon(Some(image));
    }
    let _ = tray.set_tooltip(Some(tooltip));
    if let Ok(menu) = menu(app, status, engine.config().allow_sign_out(), messages) {
        let _ = tray.set_menu(Some(menu));
    }
}

/// Builds the tray and keeps it (and the window) in step with the agent's status.
pub fn create(app: &AppHandle, engine: &Arc<Engine>) -> tauri::Result<()> {
    app.manage(Quitting(AtomicBool::new(false)));
    let status = engine.status();
    let shell = app.state::<Shell>();
    let (icon, tooltip) = appearance(&status, &shell.messages);
    TrayIconBuilder::with_id(TRAY)
        .icon(Image::from_bytes(icon)?)
        .tooltip(tooltip)
        .menu(&menu(app, &status, engine.config().allow_sign_out(), &shell.messages)?)
        .show_menu_on_left_click(true)
        .on_menu_event({
            let engine = engine.clone();
            move |app, event| match event.id().as_ref() {
                "open" | "sign-in" => crate::show_window(app),
                "sign-out" => {
                    let engine = engine.clone();
                    tauri::async_runtime::spawn(async move {
                        if let Err(e) = engine.sign_out().await {
                            tracing::warn!(error = %e, "sign-out from the tray failed");
                        }
                    });
                }
                "quit" => {
                    if let Some(quitting) = app.try_state::<Quitting>() {
                        quitting.0.store(true, Ordering::SeqCst);
                    }
                    app.exit(0);
                }
                _ => {}
            }
        })
        .build(app)?;
    let mut changes = engine.subscribe();
    let app = app.clone();
    let engine = engine.clone();
    tauri::async_runtime::spawn(async move {
        while changes.changed().await.is_ok() {
            let status = changes.borrow_and_update().clone();
            let _ = app.emit("status", &status);
            let (handle, engine) = (app.clone(), engine.clone());
            let _ = app.run_on_main_thread(move || refresh(&handle, &engine, &status));
        }
    });
    Ok(())
}
