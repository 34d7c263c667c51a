//! Latchkey's own updates: a while after start and then every six hours, while someone is signed
//! in, the engine's updater (`Engine::self_update`) checks the catalogue for a newer Latchkey and,
//! by the stricter of the machine's `Updates` and the organization's channel, installs it, or
//! tells the user with a notification, or leaves it (`off`). The decision is the agent's.

use std::sync::Arc;
use std::time::Duration;

use latchkey_agent::Engine;
use latchkey_protocol::local::SelfUpdateAction;
use tauri::{AppHandle, Manager};

use crate::notifications::{self, Notice};
use crate::Shell;

/// The first check waits this long, so that it never competes with the app's start.
const FIRST_CHECK: Duration = Duration::from_secs(30);
const EVERY: Duration = Duration::from_hours(6);
/// While no one is signed in, look again this often.
const SIGNED_OUT_RETRY: Duration = Duration::from_mins(1);

pub async fn run(app: AppHandle, engine: Arc<Engine>) {
    tokio::time::sleep(FIRST_CHECK).await;
    loop {
        if !engine.status().state.is_signed_in() {
            tokio::time::sleep(SIGNED_OUT_RETRY).await;
            continue;
        }
        match engine.self_update(env!("CARGO_PKG_VERSION")).await {
            Ok(update) => {
                let version = update.available_version.unwrap_or_default();
                let notice = match update.action {
                    SelfUpdateAction::Notify => Some(Notice::UpdateAvailable { version }),
                    SelfUpdateAction::Installing => Some(Notice::Updating { version }),
                    SelfUpdateAction::UpToDate | SelfUpdateAction::Off => None,
                };
                if let Some(notice) = notice {
                    notifications::show(&notice, &app.state::<Shell>().messages());
                }
            }
            Err(e) => tracing::info!(error = %e, "cannot check for a newer Latchkey now"),
        }
        tokio::time::sleep(EVERY).await;
    }
}
