//! The Latchkey desktop app: a thin Tauri 2 shell over the embedded agent. It starts the agent (taking
//! over from a headless one), lives in the tray, opens its window on demand (and drops the webview
//! when the window closes), and turns the agent's status into the tray's icon, tooltip and menu.
//! Every decision is the agent's; the commands in `commands.rs` only call it.

mod commands;
pub mod i18n;
mod tray;

use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant};

use latchkey_agent::{Agent, AgentOptions, Engine, StartError};
use tauri::{AppHandle, Manager, RunEvent, WebviewUrl, WebviewWindowBuilder};

/// When the process started, for the start-up figures in the log (`make bench` reads them).
static STARTED: OnceLock<Instant> = OnceLock::new();

/// Milliseconds since the process started.
pub fn since_start_ms() -> u128 {
    STARTED.get().map_or(0, |s| s.elapsed().as_millis())
}

/// The window's label (its capability file names it).
pub const MAIN_WINDOW: &str = "main";

/// What the commands and the tray reach: the embedded agent's engine.
pub struct Shell {
    pub engine: Arc<Engine>,
    /// The messages in the effective language (the window asks for the same language).
    pub messages: i18n::Messages,
}

/// How the app was started.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Launch {
    /// `--autostart`: started at login; stays in the tray (or exits when `AutoStart` is off).
    pub autostart: bool,
}

impl Launch {
    pub fn from_args(args: &[String]) -> Launch {
        Launch { autostart: args.iter().any(|a| a == "--autostart") }
    }
}

/// Opens the window (creating its webview), or brings it to the front.
pub fn show_window(app: &AppHandle) {
    if let Some(window) = app.get_webview_window(MAIN_WINDOW) {
        let _ = window.unminimize();
        let _ = window.show();
        let _ = window.set_focus();
        return;
    }
    let built = WebviewWindowBuilder::new(app, MAIN_WINDOW, WebviewUrl::App("index.html".into()))
        .title("Latchkey")
        .inner_size(460.0, 640.0)
        .min_inner_size(360.0, 480.0)
        .build();
    if let Err(e) = built {
        tracing::error!(error = %e, "cannot open the window");
    }
}

/// Starts the embedded agent; when a headless agent serves the socket, asks it to hand over first.
async fn start_agent() -> Result<Agent, StartError> {
    match Agent::start(AgentOptions::for_this_user("latchkey-desktop")).await {
        Err(StartError::Bind(latchkey_agent::BindError::AlreadyRunning(socket))) => {
            tracing::info!(socket = %socket.display(), "a headless agent runs: asking it to hand over");
            let client = latchkey_sdk::Client::new(latchkey_sdk::ClientOptions::default().socket(&socket).app_name("latchkey-desktop"));
            if let Err(e) = client.handover(Duration::from_secs(10)).await {
                tracing::warn!(error = %e, "the running agent did not hand over");
            }
            let mut last = None;
            for _ in 0..50 {
                match Agent::start(AgentOptions::for_this_user("latchkey-desktop")).await {
                    Ok(agent) => return Ok(agent),
                    Err(e) => last = Some(e),
                }
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
            Err(last.expect("fifty tries failed"))
        }
        other => other,
    }
}

/// Runs the app; returns the process exit code.
pub fn run() -> i32 {
    STARTED.get_or_init(Instant::now);
    tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::try_from_env("LATCHKEY_LOG").unwrap_or_else(|_| "info".into()))
        .with_writer(std::io::stderr)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .init();
    let args: Vec<String> = std::env::args().collect();
    let launch = Launch::from_args(&args);
    if launch.autostart && !latchkey_config::load_from_process().autostart() {
        tracing::info!("started at login, but AutoStart is off: exiting");
        return 0;
    }
    let app = tauri::Builder::default()
        .plugin(tauri_plugin_single_instance::init(|app, _argv, _cwd| show_window(app)))
        .invoke_handler(tauri::generate_handler![
            commands::status,
            commands::sign_in,
            commands::accept_tos,
            commands::decline_tos,
            commands::sign_out,
            commands::forgot_password,
            commands::reset_password,
            commands::password_policy,
            commands::entitlements,
            commands::language,
            commands::register,
            commands::settings,
            commands::about,
            commands::export_diagnostics,
            commands::painted,
        ])
        .setup(move |app| {
            let agent = tauri::async_runtime::block_on(start_agent())?;
            let engine = agent.engine.clone();
            let handle = app.handle().clone();
            engine.set_prompter(Some(Arc::new(move || {
                let handle = handle.clone();
                let _ = handle.clone().run_on_main_thread(move || show_window(&handle));
            })));
            let lang = i18n::choose(engine.config().language(), sys_locale::get_locale().as_deref());
            app.manage(Shell { engine: engine.clone(), messages: i18n::Messages::new(lang) });
            tray::create(app.handle(), &engine)?;
            tracing::info!(elapsed_ms = since_start_ms(), "tray ready");
            let handle = app.handle().clone();
            tauri::async_runtime::spawn(async move {
                agent.serve(std::future::pending()).await;
                // A handover to another app instance: this one has nothing left to do.
                handle.exit(0);
            });
            if !launch.autostart {
                show_window(app.handle());
            }
            Ok(())
        })
        .build(tauri::generate_context!());
    let app = match app {
        Ok(app) => app,
        Err(e) => {
            tracing::error!(error = %e, "the app cannot start");
            return 1;
        }
    };
    app.run(|app, event| {
        // The app lives in the tray: closing the last window must not end it; Quit does.
        if let RunEvent::ExitRequested { code: None, api, .. } = event {
            if !tray::quitting(app) {
                api.prevent_exit();
            }
        }
    });
    0
}
