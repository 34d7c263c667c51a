//! The session engine: the one owner of the refresh token. It answers token and entitlement
//! questions from memory, refreshes once for any number of concurrent callers (single flight),
//! refreshes ahead of expiry on its own, and keeps serving the signed entitlements offline until
//! their `offline_until`. The decisions are `latchkey-core`'s; this module does the I/O they call for.
//!
//! Here: the engine's state, its status and the background refresh loop. Its parts:
//! [`tokens`] (the token cache, the single flight and the refresh), [`entitlements`] (the
//! verified set, its sealed file and the entitlement answers) and [`flow`] (sign-in, the Terms,
//! sign-out and the window prompt).

mod delivery;
mod entitlements;
mod flow;
mod tokens;

pub use tokens::DEFAULT_MIN_VALID;

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError, RwLock};
use std::time::Duration;

use latchkey_config::Config;
use latchkey_core::{Event, Session, State};
use latchkey_protocol::local::{LocalErrorCode as C, SecretStoreStatus, SessionState, Status, StatusUser};
use latchkey_protocol::{Secret, TosDocument};
use tokio::sync::{watch, Notify};

use crate::backend::Backend;
use crate::clock::{rfc3339, Clock};
use crate::error::LocalError;
use crate::offline_cache::{self, SealKey};
use crate::secret_store::{SecretStore, StoreError};
use entitlements::OfflineEntitlements;
use tokens::{SingleFlight, TokenCache};

pub struct EngineOptions {
    pub config: Config,
    pub backend: Option<Backend>,
    pub store: Arc<dyn SecretStore>,
    pub clock: Arc<dyn Clock>,
    /// Where the last signed entitlement set is cached (never a token); `None`: memory only.
    pub state_dir: Option<PathBuf>,
    /// How often to retry an unreachable backend.
    pub retry: Duration,
    /// How long a program's call waits for the user to allow it.
    pub consent_timeout: Duration,
}

struct Inner {
    session: Session,
    refresh_token: Option<Secret>,
    tokens: TokenCache,
    user: Option<StatusUser>,
    offline: OfflineEntitlements,
    tos: Option<(TosDocument, Secret)>,
    store_error: Option<String>,
    next_retry: i64,
}

pub struct Engine {
    /// Replaceable only while signed out (the desktop app's first-run screen sets it).
    backend: RwLock<Option<Backend>>,
    /// Reloaded when the desktop app changes a user setting (`set_config`).
    config: RwLock<Arc<Config>>,
    store: Arc<dyn SecretStore>,
    clock: Arc<dyn Clock>,
    cache_file: Option<PathBuf>,
    retry: Duration,
    inner: Mutex<Inner>,
    /// Held for the whole of a refresh, and of every change of the session.
    flight: SingleFlight,
    status: watch::Sender<Status>,
    wake: Notify,
    stopped: AtomicBool,
    prompter: Mutex<Option<Arc<dyn Fn() + Send + Sync>>>,
    installs: delivery::Installs,
    consent: crate::consent::Consent,
}

fn not_signed_in() -> LocalError {
    LocalError::new(C::NotSignedIn, "no one is signed in: run `latchkey sign-in` or open Latchkey")
}

fn no_backend() -> LocalError {
    LocalError::new(C::BackendUnreachable, "no ServerUrl is configured")
}

fn status_user(user: &latchkey_protocol::User) -> StatusUser {
    StatusUser {
        id: user.id.clone(),
        email: user.email.clone(),
        first_name: user.first_name.clone(),
        last_name: user.last_name.clone(),
        org: user.org.clone(),
        roles: user.roles.clone(),
    }
}

impl Engine {
    /// Starts the engine: finds a refresh token left in the keyring (the session survives a
    /// restart without a new sign-in) and the cached entitlements.
    pub async fn start(options: EngineOptions) -> Arc<Engine> {
        let now = options.clock.now();
        let cache_file = options.state_dir.as_ref().map(|d| d.join("entitlements.json"));
        let account = options.backend.as_ref().map(|b| b.base().to_owned());
        let (refresh_token, seal_key, store_error) = match &account {
            Some(account) => {
                let store = options.store.clone();
                let account = account.clone();
                let loaded = tokio::task::spawn_blocking(move || {
                    let token = store.load(&account)?;
                    // Without its seal key the cache is refused (`no_seal_key`), never the session.
                    let key = match &token {
                        Some(_) => store.load(&offline_cache::key_account(&account)).unwrap_or_else(|e| {
                            tracing::warn!(error = %e, "cannot read the entitlement cache's seal key from the keyring");
                            None
                        }),
                        None => None,
                    };
                    Ok::<_, StoreError>((token, key))
                })
                .await;
                match loaded {
                    Ok(Ok((token, key))) => (token, key.as_ref().and_then(SealKey::from_secret), None),
                    Ok(Err(e)) => {
                        tracing::warn!(error = %e, "cannot read the refresh token from the keyring; signed out until it can");
                        (None, None, Some(e.to_string()))
                    }
                    Err(e) => (None, None, Some(e.to_string())),
                }
            }
            None => (None, None, None),
        };
        let offline = OfflineEntitlements::at_start(cache_file.as_deref(), account.as_deref(), refresh_token.is_some(), seal_key);
        let session = if refresh_token.is_some() { Session::restored(now) } else { Session::new(now) };
        let inner = Inner {
            session,
            refresh_token,
            tokens: TokenCache::default(),
            user: offline.cache.as_ref().map(|(c, _)| c.user.clone()),
            offline,
            tos: None,
            store_error,
            next_retry: now,
        };
        let consent = crate::consent::Consent::load(options.state_dir.as_deref(), options.consent_timeout, options.clock.clone());
        let (status, _) = watch::channel(placeholder_status());
        let engine = Arc::new(Engine {
            backend: RwLock::new(options.backend),
            config: RwLock::new(Arc::new(options.config)),
            store: options.store,
            clock: options.clock,
            cache_file,
            retry: options.retry,
            inner: Mutex::new(inner),
            flight: SingleFlight::default(),
            status,
            wake: Notify::new(),
            stopped: AtomicBool::new(false),
            prompter: Mutex::new(None),
            installs: delivery::Installs::new(options.state_dir.as_deref()),
            consent,
        });
        engine.publish();
        engine
    }

    fn inner(&self) -> MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// The effective configuration (as last loaded).
    pub fn config(&self) -> Arc<Config> {
        self.config.read().unwrap_or_else(PoisonError::into_inner).clone()
    }

    /// Replaces the configuration after a settings change; the backend stays (see `set_backend`).
    pub fn set_config(&self, config: Config) {
        *self.config.write().unwrap_or_else(PoisonError::into_inner) = Arc::new(config);
    }

    /// The backend client (cheap to clone: it shares its connection pool).
    pub fn backend(&self) -> Option<Backend> {
        self.backend.read().unwrap_or_else(PoisonError::into_inner).clone()
    }

    /// The backend's URL, read in place (no copy of the client).
    fn backend_base(&self) -> Option<String> {
        self.backend.read().unwrap_or_else(PoisonError::into_inner).as_ref().map(|b| b.base().to_owned())
    }

    /// Points the engine at another backend (the first-run screen's `ServerUrl`). Only while no one
    /// is signed in, so no session ever mixes two servers; a refresh token the keyring holds for
    /// the new server resumes its session.
    pub async fn set_backend(&self, backend: Backend) -> Result<Status, LocalError> {
        let _flight = self.flight.enter().await;
        if !matches!(self.inner().session.state(), State::SignedOut) {
            return Err(LocalError::new(C::InvalidRequest, "sign out before changing the server"));
        }
        let account = backend.base().to_owned();
        let store = self.store.clone();
        let loaded = tokio::task::spawn_blocking(move || store.load(&account)).await;
        *self.backend.write().unwrap_or_else(PoisonError::into_inner) = Some(backend);
        {
            let mut inner = self.inner();
            let now = self.clock.now();
            match loaded {
                Ok(Ok(Some(token))) => {
                    inner.refresh_token = Some(token);
                    inner.session = Session::restored(now);
                    inner.store_error = None;
                }
                Ok(Ok(None)) => inner.store_error = None,
                Ok(Err(e)) => inner.store_error = Some(e.to_string()),
                Err(e) => inner.store_error = Some(e.to_string()),
            }
            inner.next_retry = now;
        }
        self.publish();
        Ok(self.status())
    }

    /// Lets `POST /v1/sign-in` open a window (the desktop app sets this; a headless agent has none).
    pub fn set_prompter(&self, prompter: Option<Arc<dyn Fn() + Send + Sync>>) {
        *self.prompter.lock().unwrap_or_else(PoisonError::into_inner) = prompter;
    }

    /// Which programs may have the session (per-app consent).
    pub fn consent(&self) -> &crate::consent::Consent {
        &self.consent
    }

    pub fn subscribe(&self) -> watch::Receiver<Status> {
        self.status.subscribe()
    }

    fn account(&self) -> Result<String, LocalError> {
        self.backend_base().ok_or_else(no_backend)
    }

    /// Applies `event` and publishes the new status when the state changed.
    fn apply(&self, inner: &mut Inner, event: Event) {
        let now = self.clock.now();
        if let Err(refused) = inner.session.apply(event, now) {
            tracing::debug!(%refused, "session event ignored");
        }
    }

    fn status_of(&self, inner: &Inner) -> Status {
        let tos = match inner.session.state() {
            State::TosRequired(_) => inner.tos.as_ref().map(|(doc, _)| doc.clone()),
            _ => None,
        };
        Status {
            state: wire_state(inner.session.state()),
            user: match inner.session.state() {
                State::SignedOut | State::SigningIn => None,
                _ => inner.user.clone(),
            },
            backend: self.backend_base(),
            since: rfc3339(inner.session.since()),
            offline_until: inner.offline.cache.as_ref().map(|(_, set)| rfc3339(set.offline_until)),
            version: env!("CARGO_PKG_VERSION").to_owned(),
            tos,
            secret_store: SecretStoreStatus { kind: self.store.kind().to_owned(), error: inner.store_error.clone() },
            entitlement_cache: inner.offline.check.clone(),
        }
    }

    fn publish(&self) {
        let status = {
            let mut inner = self.inner();
            let now = self.clock.now();
            let _ = inner.session.apply(Event::Tick, now);
            self.status_of(&inner)
        };
        self.status.send_if_modified(|current| {
            if *current == status {
                false
            } else {
                *current = status;
                true
            }
        });
        self.wake.notify_one();
    }

    /// `GET /v1/status`.
    pub fn status(&self) -> Status {
        self.publish();
        self.status.borrow().clone()
    }

    /// Stops refreshing for good (handover): the new agent owns the refresh token from now on.
    pub async fn stop(&self) {
        self.stopped.store(true, Ordering::SeqCst);
        // Wait for a refresh in flight to finish, so its rotated token reaches the keyring.
        let _flight = self.flight.enter().await;
        self.wake.notify_one();
    }

    /// Wakes the refresh loop to look at the clock again (as its timer would).
    pub fn nudge(&self) {
        self.wake.notify_one();
    }

    pub fn is_stopped(&self) -> bool {
        self.stopped.load(Ordering::SeqCst)
    }

    /// The background refresher: ahead of expiry while signed in; every `retry` while the
    /// backend is unreachable, until it answers again.
    pub async fn run_refresh_loop(self: Arc<Self>) {
        loop {
            if self.is_stopped() {
                return;
            }
            let now = self.clock.now();
            let due = {
                let inner = self.inner();
                match inner.session.state() {
                    State::SignedIn => Some(inner.tokens.refresh_due(now)),
                    State::Offline { until } => Some(inner.next_retry.min(*until)),
                    State::Expired if inner.refresh_token.is_some() => Some(inner.next_retry),
                    _ => None,
                }
            };
            match due {
                Some(at) if at <= now => {
                    let _flight = self.flight.enter().await;
                    let still_due = {
                        let inner = self.inner();
                        let now = self.clock.now();
                        match inner.session.state() {
                            State::SignedIn => inner.tokens.refresh_due(now) <= now,
                            State::Offline { .. } if !inner.tokens.has_own() => true,
                            State::Offline { .. } | State::Expired => inner.next_retry <= now && inner.refresh_token.is_some(),
                            _ => false,
                        }
                    };
                    if still_due && !self.is_stopped() {
                        if let Err(e) = self.refresh_locked("").await {
                            tracing::debug!(error = %e, "background refresh failed");
                        }
                    }
                    self.publish();
                }
                Some(at) => {
                    let wait = Duration::from_secs((at - now).max(1).unsigned_abs()).min(Duration::from_secs(30));
                    let _ = tokio::time::timeout(wait, self.wake.notified()).await;
                }
                None => {
                    let _ = tokio::time::timeout(Duration::from_secs(30), self.wake.notified()).await;
                }
            }
        }
    }
}

/// The session's state as the local API names it.
fn wire_state(state: &State) -> SessionState {
    match state {
        State::SignedOut => SessionState::SignedOut,
        State::SigningIn => SessionState::SigningIn,
        State::TosRequired(_) => SessionState::TosRequired,
        State::SignedIn => SessionState::SignedIn,
        State::Offline { .. } => SessionState::Offline,
        State::Expired => SessionState::Expired,
    }
}

fn placeholder_status() -> Status {
    Status {
        state: SessionState::SignedOut,
        user: None,
        backend: None,
        since: String::new(),
        offline_until: None,
        version: String::new(),
        tos: None,
        secret_store: SecretStoreStatus { kind: String::new(), error: None },
        entitlement_cache: None,
    }
}

/// An engine over a memory store for the unit tests of the engine's parts: with `server`, a
/// backend client for it (nothing need answer there).
#[cfg(test)]
pub(crate) mod fixtures {
    use std::sync::Arc;
    use std::time::Duration;

    use latchkey_config::{Config, Key, Layer, Raw, Source};

    use super::{Engine, EngineOptions};
    use crate::backend::Backend;
    use crate::clock::SystemClock;
    use crate::secret_store::MemoryStore;

    /// The configuration with `AllowSignOut` set by policy when `allow_sign_out` is given.
    pub(crate) fn config(allow_sign_out: Option<bool>) -> Config {
        let mut policy = Layer::default();
        if let Some(allowed) = allow_sign_out {
            policy.set(Key::AllowSignOut, Raw::Bool(allowed), "test policy");
        }
        latchkey_config::merge(vec![(Source::Policy, policy)])
    }

    pub(crate) fn backend(server: &str) -> Backend {
        let client = latchkey_protocol::ClientInfo { name: "engine-test".into(), version: "0".into(), device: String::new() };
        Backend::new(server, &config(None), client, Duration::from_secs(2)).unwrap()
    }

    pub(crate) async fn engine(server: Option<&str>, store: Arc<MemoryStore>, config: Config) -> Arc<Engine> {
        Engine::start(EngineOptions {
            config,
            backend: server.map(backend),
            store,
            clock: Arc::new(SystemClock),
            state_dir: None,
            consent_timeout: crate::consent::DEFAULT_TIMEOUT,
            retry: Duration::from_secs(1),
        })
        .await
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use latchkey_protocol::local::{LocalErrorCode as C, SessionState, TokenRequest};
    use latchkey_protocol::Secret;

    use super::fixtures::{backend, config, engine};
    use crate::secret_store::{MemoryStore, SecretStore, StoreError};

    /// Nothing listens on port 9 (discard): every request fails at once, as with a network down.
    const UNREACHABLE: &str = "http://127.0.0.1:9";

    /// A refresh token in the keyring resumes the session at start; a server that cannot be
    /// reached takes it offline, and the token stays: an outage never ends a session.
    #[tokio::test]
    async fn an_outage_takes_a_restored_session_offline_and_keeps_its_token() {
        let store = Arc::new(MemoryStore::default());
        let account = backend(UNREACHABLE).base().to_owned();
        store.save(&account, &Secret::new("rt-kept")).unwrap();
        let engine = engine(Some(UNREACHABLE), store.clone(), config(None)).await;
        assert_eq!(engine.status().state, SessionState::SignedIn, "restored from the keyring");

        let refused = engine.token(&TokenRequest::default()).await.unwrap_err();
        assert_eq!(refused.code, C::BackendUnreachable);
        let state = engine.status().state;
        assert!(matches!(state, SessionState::Offline | SessionState::Expired), "{state:?}");
        assert_eq!(store.load(&account).unwrap().unwrap().expose(), "rt-kept");
    }

    /// A keyring that cannot be read leaves the agent signed out and says why in the status.
    #[tokio::test]
    async fn a_keyring_that_fails_is_reported_in_the_status() {
        let store = Arc::new(MemoryStore::default());
        store.fail_with(Some(StoreError::Unavailable { store: "keyring", reason: "locked".into() }));
        let engine = engine(Some(UNREACHABLE), store, config(None)).await;
        let status = engine.status();
        assert_eq!(status.state, SessionState::SignedOut);
        assert!(status.secret_store.error.is_some_and(|e| e.contains("locked")));
        assert_eq!(status.secret_store.kind, "memory");
    }
}
