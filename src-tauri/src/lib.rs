//! The Latchkey desktop app: a thin Tauri 2 shell over the embedded agent. It starts the agent (taking
//! over from a headless one), lives in the tray, opens its window on demand (and drops the webview
//! when the window closes), and turns the agent's status into the tray's icon, tooltip, menu and
//! desktop notifications. Every decision is the agent's; the commands in `commands.rs` only call it.

pub mod autostart;
pub mod bindings;
pub mod commands;
pub mod i18n;
pub mod notifications;
pub mod settings;
mod tray;
mod updater;
pub mod webview_runtime;

use std::sync::{Arc, OnceLock, PoisonError, RwLock};
use std::time::{Duration, Instant};

use latchkey_agent::{Agent, AgentOptions, Engine, StartError};
use tauri::{AppHandle, Emitter, Manager, RunEvent, WebviewUrl, WebviewWindowBuilder};

/// When the process started, for the start-up figures in the log (`make bench` reads them).
static STARTED: OnceLock<Instant> = OnceLock::new();

/// Milliseconds since the process started.
pub fn since_start_ms() -> u128 {
    STARTED.get().map_or(0, |s| s.elapsed().as_millis())
}

/// When the window was last asked for with no webview yet (the tray's Open, a second launch):
/// `make bench` measures opening the window from there to its first paint.
static OPEN_REQUESTED: std::sync::Mutex<Option<std::time::Instant>> = std::sync::Mutex::new(None);

/// Milliseconds since the window was asked for, once (the first paint after it).
pub fn since_open_requested_ms() -> Option<u128> {
    OPEN_REQUESTED.lock().unwrap_or_else(std::sync::PoisonError::into_inner).take().map(|at| at.elapsed().as_millis())
}

/// The window's label (its capability file names it).
pub const MAIN_WINDOW: &str = "main";

/// What the commands and the tray reach: the embedded agent's engine and the shown language.
pub struct Shell {
    pub engine: Arc<Engine>,
    messages: RwLock<Arc<i18n::Messages>>,
}

impl Shell {
    pub fn new(engine: Arc<Engine>) -> Shell {
        let lang = i18n::choose(engine.config().language(), sys_locale::get_locale().as_deref());
        Shell { engine, messages: RwLock::new(Arc::new(i18n::Messages::new(lang))) }
    }

    /// The messages in the effective language (the window asks for the same language).
    pub fn messages(&self) -> Arc<i18n::Messages> {
        self.messages.read().unwrap_or_else(PoisonError::into_inner).clone()
    }

    /// Follows the effective `Language` (after a settings change): the tray and window switch live.
    pub fn relanguage(&self) -> &'static str {
        let lang = i18n::choose(self.engine.config().language(), sys_locale::get_locale().as_deref());
        let mut messages = self.messages.write().unwrap_or_else(PoisonError::into_inner);
        if messages.lang != lang {
            *messages = Arc::new(i18n::Messages::new(lang));
        }
        lang
    }
}

/// Quit asks the embedded agent to stop serving (releasing its socket); the app exits after it.
pub struct QuitSignal(pub Arc<tokio::sync::Notify>);

/// How the app was started.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Launch {
    /// `--autostart`: started at login; stays in the tray (or exits when `AutoStart` is off).
    pub autostart: bool,
    /// `--sign-in`: open the window on the sign-in screen (also forwarded to a running instance).
    pub sign_in: bool,
}

impl Launch {
    pub fn from_args(args: &[String]) -> Launch {
        Launch { autostart: args.iter().any(|a| a == "--autostart"), sign_in: args.iter().any(|a| a == "--sign-in") }
    }
}

/// The screens the tray or a second launch can open the window on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Screen {
    /// Whatever the status calls for.
    Status,
    SignIn,
    About,
    /// A program waits for the user to allow it (per-app consent).
    Consent,
}

impl Screen {
    fn fragment(self) -> &'static str {
        match self {
            Screen::Status => "",
            Screen::SignIn => "sign-in",
            Screen::About => "about",
            Screen::Consent => "consent",
        }
    }
}

/// Opens the window (creating its webview) on `screen`, or brings it to the front and switches to it.
pub fn show_window(app: &AppHandle, screen: Screen) {
    if let Some(window) = app.get_webview_window(MAIN_WINDOW) {
        let _ = window.unminimize();
        let _ = window.show();
        let _ = window.set_focus();
        if screen != Screen::Status {
            let _ = window.emit("navigate", screen.fragment());
        }
        return;
    }
    if let Some(cause) = webview_runtime::missing() {
        webview_runtime::explain(&app.state::<Shell>().messages(), &cause);
        return;
    }
    *OPEN_REQUESTED.lock().unwrap_or_else(std::sync::PoisonError::into_inner) = Some(std::time::Instant::now());
    let page = match screen {
        Screen::Status => "index.html".to_owned(),
        other => format!("index.html#{}", other.fragment()),
    };
    let built = WebviewWindowBuilder::new(app, MAIN_WINDOW, WebviewUrl::App(page.into()))
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
    webview_runtime::prefer_software_compositing();
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
        .plugin(tauri_plugin_single_instance::init(|app, argv, _cwd| {
            // A second launch (menu, desktop icon, `--sign-in` from another program) shows this one.
            let screen = if Launch::from_args(&argv).sign_in { Screen::SignIn } else { Screen::Status };
            show_window(app, screen);
        }))
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
            commands::apps,
            commands::install,
            commands::install_progress,
            commands::cancel_install,
            commands::open_trust_center,
            commands::consent_view,
            commands::answer_consent,
            commands::revoke_app,
            commands::language,
            commands::system_locale,
            commands::register,
            commands::settings,
            commands::set_language,
            commands::set_autostart,
            commands::set_server,
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
                let _ = handle.clone().run_on_main_thread(move || show_window(&handle, Screen::SignIn));
            })));
            let handle = app.handle().clone();
            engine.consent().set_prompter(Some(Arc::new(move || {
                let handle = handle.clone();
                let _ = handle.clone().run_on_main_thread(move || show_window(&handle, Screen::Consent));
            })));
            app.manage(Shell::new(engine.clone()));
            autostart::follow_setting(engine.config().autostart());
            tray::create(app.handle(), &engine)?;
            tracing::info!(elapsed_ms = since_start_ms(), "tray ready");
            if let Some(cause) = webview_runtime::missing() {
                // Said now, in the log, rather than when someone first asks for the window.
                tracing::warn!(cause, "the WebView2 runtime is missing: the window cannot open until it is installed");
            }
            tauri::async_runtime::spawn(updater::run(app.handle().clone(), engine.clone()));
            let handle = app.handle().clone();
            let quit = Arc::new(tokio::sync::Notify::new());
            app.manage(QuitSignal(quit.clone()));
            tauri::async_runtime::spawn(async move {
                agent.serve(async move { quit.notified().await }).await;
                // Quit, or a handover to another app instance: the socket is released; nothing is left to do.
                handle.exit(0);
            });
            if launch.sign_in {
                show_window(app.handle(), Screen::SignIn);
            } else if !launch.autostart {
                show_window(app.handle(), Screen::Status);
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
