//! The session engine: the one owner of the refresh token. It answers token and entitlement
//! questions from memory, refreshes once for any number of concurrent callers (single flight),
//! refreshes ahead of expiry on its own, and keeps serving the signed entitlements offline until
//! their `offline_until`. The decisions are `latchkey-core`'s; this module does the I/O they call for.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError, RwLock};
use std::time::Duration;

use latchkey_config::Config;
use latchkey_core::{decide, needs_refresh, refresh_at, Decision, EntitlementSet, Event, Session, State};
use latchkey_protocol::local::{
    EntitlementCacheStatus, EntitlementsView, LocalErrorCode as C, ProductEntitlement, SecretStoreStatus, SessionState, Status, StatusUser,
    TokenRequest, TokenResponse,
};
use latchkey_protocol::{Entitlement, ErrorCode, Jwks, Secret, SessionResponse, SignedIn, TosDocument, TosRequired};
use tokio::sync::{watch, Notify};

use crate::backend::{Backend, BackendError};
use crate::clock::{rfc3339, Clock};
use crate::error::LocalError;
use crate::offline_cache::{self, EntitlementCache, SealKey};
use crate::secret_store::{SecretStore, StoreError};

/// Seconds a token must stay valid when the caller does not say (`min_valid_seconds`).
pub const DEFAULT_MIN_VALID: u32 = 60;

pub struct EngineOptions {
    pub config: Config,
    pub backend: Option<Backend>,
    pub store: Arc<dyn SecretStore>,
    pub clock: Arc<dyn Clock>,
    /// Where the last signed entitlement set is cached (never a token); `None`: memory only.
    pub state_dir: Option<PathBuf>,
    /// How often to retry an unreachable backend.
    pub retry: Duration,
}

#[derive(Clone)]
struct CachedToken {
    token: Secret,
    issued_at: i64,
    expires_at: i64,
}

struct Inner {
    session: Session,
    refresh_token: Option<Secret>,
    tokens: HashMap<String, CachedToken>,
    user: Option<StatusUser>,
    cache: Option<(EntitlementCache, EntitlementSet)>,
    /// The key that seals the cache file, from the secret store (created at the first save).
    seal_key: Option<SealKey>,
    /// What became of the cache file read at start (`/v1/status`'s `entitlement_cache`).
    cache_check: Option<EntitlementCacheStatus>,
    /// Whether `cache` was fetched with the current session online (else it came from disk).
    cache_online: bool,
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
    /// Held for the whole of a refresh: the single flight.
    refresh_lock: tokio::sync::Mutex<()>,
    status: watch::Sender<Status>,
    wake: Notify,
    stopped: AtomicBool,
    prompter: Mutex<Option<Arc<dyn Fn() + Send + Sync>>>,
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
        let (cache, cache_check) = match (&cache_file, &account, &refresh_token) {
            (Some(file), Some(account), Some(_)) => match offline_cache::load(file, account, seal_key.as_ref()) {
                Ok(Some(cache)) => (Some(cache), Some(cache_status(None))),
                Ok(None) => (None, None),
                Err(refusal) => {
                    tracing::error!(reason = refusal.code(), error = %refusal, file = %file.display(), "the cached entitlements are not trusted; ignored");
                    (None, Some(cache_status(Some(&refusal))))
                }
            },
            _ => (None, None),
        };
        let session = if refresh_token.is_some() { Session::restored(now) } else { Session::new(now) };
        let inner = Inner {
            session,
            refresh_token,
            tokens: HashMap::new(),
            user: cache.as_ref().map(|(c, _)| c.user.clone()),
            cache,
            seal_key,
            cache_check,
            cache_online: false,
            tos: None,
            store_error,
            next_retry: now,
        };
        let (status, _) = watch::channel(placeholder_status());
        let engine = Arc::new(Engine {
            backend: RwLock::new(options.backend),
            config: RwLock::new(Arc::new(options.config)),
            store: options.store,
            clock: options.clock,
            cache_file,
            retry: options.retry,
            inner: Mutex::new(inner),
            refresh_lock: tokio::sync::Mutex::new(()),
            status,
            wake: Notify::new(),
            stopped: AtomicBool::new(false),
            prompter: Mutex::new(None),
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
        let _flight = self.refresh_lock.lock().await;
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
            offline_until: inner.cache.as_ref().map(|(_, set)| rfc3339(set.offline_until)),
            version: env!("CARGO_PKG_VERSION").to_owned(),
            tos,
            secret_store: SecretStoreStatus { kind: self.store.kind().to_owned(), error: inner.store_error.clone() },
            entitlement_cache: inner.cache_check.clone(),
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

    /// `POST /v1/token`: from memory while the cached token lasts, else one refresh shared by
    /// every concurrent caller.
    pub async fn token(&self, request: &TokenRequest) -> Result<TokenResponse, LocalError> {
        let audience = request.audience.clone().unwrap_or_default();
        let min_valid = i64::from(request.min_valid_seconds.unwrap_or(DEFAULT_MIN_VALID));
        if let Some(answer) = self.cached_token(&audience, min_valid)? {
            return Ok(answer);
        }
        let _flight = self.refresh_lock.lock().await;
        // Whoever held the lock before us may have refreshed already.
        if let Some(answer) = self.cached_token(&audience, min_valid)? {
            return Ok(answer);
        }
        let fresh = self.refresh_locked(&audience).await?;
        Ok(TokenResponse { access_token: fresh.token, token_type: "Bearer".into(), expires_at: rfc3339(fresh.expires_at) })
    }

    fn cached_token(&self, audience: &str, min_valid: i64) -> Result<Option<TokenResponse>, LocalError> {
        let inner = self.inner();
        match inner.session.state() {
            State::TosRequired(_) => {
                return Err(LocalError::new(C::TosRequired, "the Terms of Service must be accepted first (`latchkey sign-in`)"))
            }
            State::SignedOut | State::SigningIn => return Err(not_signed_in()),
            State::Expired if inner.refresh_token.is_none() => return Err(not_signed_in()),
            State::SignedIn | State::Offline { .. } | State::Expired => {}
        }
        let now = self.clock.now();
        Ok(inner.tokens.get(audience).filter(|t| !needs_refresh(now, t.expires_at, min_valid)).map(|t| TokenResponse {
            access_token: t.token.clone(),
            token_type: "Bearer".into(),
            expires_at: rfc3339(t.expires_at),
        }))
    }

    /// Refreshes for `audience`; the caller holds `refresh_lock`.
    async fn refresh_locked(&self, audience: &str) -> Result<CachedToken, LocalError> {
        if self.stopped.load(Ordering::SeqCst) {
            return Err(LocalError::new(C::ShuttingDown, "this agent handed over to another and no longer refreshes"));
        }
        let backend = self.backend().ok_or_else(no_backend)?;
        let refresh_token = self.inner().refresh_token.clone().ok_or_else(not_signed_in)?;
        let requested = (!audience.is_empty()).then_some(audience);
        match backend.refresh(&refresh_token, requested).await {
            Ok(SessionResponse::SignedIn(signed_in)) => {
                let fresh = self.signed_in(signed_in, audience, Event::Refreshed).await;
                if audience.is_empty() {
                    self.update_entitlements(&fresh.token).await;
                }
                Ok(fresh)
            }
            Ok(SessionResponse::TosRequired(required)) => {
                self.tos_required(required);
                Err(LocalError::new(C::TosRequired, "new Terms of Service must be accepted first (`latchkey sign-in`)"))
            }
            Err(BackendError::Refused(problem)) if problem.code == ErrorCode::InvalidGrant => {
                tracing::info!("the backend ended the session (refresh refused)");
                self.end_session(Event::RefreshRefused).await;
                Err(LocalError::new(C::NotSignedIn, "the session ended: sign in again"))
            }
            Err(BackendError::Refused(problem)) if problem.code == ErrorCode::UnsupportedAudience => {
                Err(LocalError::new(C::UnsupportedAudience, format!("the server issues no tokens for the audience {audience:?}")))
            }
            Err(BackendError::Refused(problem)) => {
                Err(LocalError::new(C::BackendRefused, format!("the server answered {}", problem.code.as_str())))
            }
            Err(outage) => {
                self.went_offline(&outage);
                Err(LocalError::new(C::BackendUnreachable, outage.to_string()))
            }
        }
    }

    fn went_offline(&self, why: &BackendError) {
        tracing::warn!(error = %why, "backend unreachable; serving the signed entitlements offline");
        {
            let mut inner = self.inner();
            let now = self.clock.now();
            let offline_until = inner.cache.as_ref().map_or(now, |(_, set)| set.offline_until);
            self.apply(&mut inner, Event::BackendUnreachable { offline_until });
            inner.next_retry = now + self.retry.as_secs().max(1) as i64;
        }
        self.publish();
    }

    /// Takes in a signed-in answer (sign-in, ToS acceptance or refresh): keeps the rotated
    /// refresh token (keyring first, so a crash never loses the newest one), the access token
    /// and the user.
    async fn signed_in(&self, answer: SignedIn, audience: &str, event: Event) -> CachedToken {
        let now = self.clock.now();
        let store_error = self.persist(Some(answer.refresh_token.clone())).await;
        let fresh = CachedToken { token: answer.access_token, issued_at: now, expires_at: now + answer.expires_in as i64 };
        {
            let mut inner = self.inner();
            inner.store_error = store_error;
            inner.refresh_token = Some(answer.refresh_token);
            inner.tokens.insert(audience.to_owned(), fresh.clone());
            inner.user = Some(status_user(&answer.user));
            inner.tos = None;
            if inner.cache.as_ref().is_some_and(|(cache, _)| cache.user.id != answer.user.id) {
                inner.cache = None; // another user's entitlements
            }
            self.apply(&mut inner, event);
        }
        self.publish();
        fresh
    }

    /// Saves (or with `None` deletes) the refresh token in the secret store; the error, if any,
    /// for the status.
    async fn persist(&self, token: Option<Secret>) -> Option<String> {
        let account = self.account().ok()?;
        let store = self.store.clone();
        let result = tokio::task::spawn_blocking(move || match token {
            Some(token) => store.save(&account, &token),
            None => store.delete(&account),
        })
        .await
        .unwrap_or_else(|e| Err(StoreError::Unavailable { store: "keyring", reason: e.to_string() }));
        match result {
            Ok(()) => None,
            Err(e) => {
                tracing::warn!(error = %e, "the keyring refused the refresh token; the session lasts only as long as this agent");
                Some(e.to_string())
            }
        }
    }

    fn tos_required(&self, required: TosRequired) {
        {
            let mut inner = self.inner();
            let version = required.tos.version.clone();
            inner.tos = Some((required.tos, required.tos_ticket));
            self.apply(&mut inner, Event::TosRequired { version });
        }
        self.publish();
    }

    /// Forgets the session: tokens, keyring entry, cached entitlements.
    async fn end_session(&self, event: Event) {
        let store_error = self.persist(None).await;
        if let Ok(account) = self.account() {
            let store = self.store.clone();
            let _ = tokio::task::spawn_blocking(move || store.delete(&offline_cache::key_account(&account))).await;
        }
        {
            let mut inner = self.inner();
            inner.refresh_token = None;
            inner.tokens.clear();
            inner.cache = None;
            inner.seal_key = None;
            inner.cache_check = None;
            inner.cache_online = false;
            inner.tos = None;
            inner.store_error = store_error;
            self.apply(&mut inner, event);
        }
        if let Some(file) = &self.cache_file {
            let _ = std::fs::remove_file(file);
        }
        self.publish();
    }

    /// Fetches, verifies and caches the signed entitlement set. Failures leave the last set.
    async fn update_entitlements(&self, access_token: &Secret) {
        let Some(backend) = self.backend() else { return };
        let result = async {
            let entitlements = backend.entitlements(access_token).await?;
            let (issuer, jwks) = {
                let known = self.inner().cache.as_ref().map(|(c, _)| (c.issuer.clone(), c.jwks.clone()));
                match known {
                    Some(known) => known,
                    None => fetch_keys(&backend).await?,
                }
            };
            Ok::<_, BackendError>((entitlements, issuer, jwks))
        }
        .await;
        let (entitlements, issuer, mut jwks) = match result {
            Ok(fetched) => fetched,
            Err(e) => {
                tracing::warn!(error = %e, "cannot fetch the entitlements");
                if e.is_outage() {
                    self.went_offline(&e);
                }
                return;
            }
        };
        let Some(user) = self.inner().user.clone() else { return };
        let mut verified = crate::signed::verify(&entitlements.signed, &jwks, &issuer, &user.id);
        if verified.is_err() {
            // The signing key may have rotated: fetch the keys once more.
            if let Ok((_, fresh)) = fetch_keys(&backend).await {
                jwks = fresh;
                verified = crate::signed::verify(&entitlements.signed, &jwks, &issuer, &user.id);
            }
        }
        let set = match verified {
            Ok(set) => set,
            Err(e) => {
                tracing::error!(error = %e, "the backend's entitlement set does not verify; it is not used");
                return;
            }
        };
        let cache = EntitlementCache { backend: backend.base().to_owned(), issuer, jwks, user, entitlements };
        if let Some(file) = &self.cache_file {
            match self.seal_key().await {
                Some(key) => {
                    if let Err(e) = offline_cache::save(file, &cache, &key) {
                        tracing::warn!(error = %e, file = %file.display(), "cannot cache the entitlements for offline use");
                    }
                }
                None => {
                    // Without a key the file could not be trusted offline: keep none.
                    let _ = std::fs::remove_file(file);
                }
            }
        }
        {
            let mut inner = self.inner();
            inner.cache = Some((cache, set));
            inner.cache_online = true;
            inner.cache_check = None; // a fresh set from the backend replaces whatever was on disk
        }
        self.publish();
    }

    /// The seal key of the cache file: the one in memory, else a new one saved in the secret
    /// store first. `None` when the store refuses it.
    async fn seal_key(&self) -> Option<SealKey> {
        if let Some(key) = self.inner().seal_key.clone() {
            return Some(key);
        }
        let account = offline_cache::key_account(&self.account().ok()?);
        let key = SealKey::generate();
        let store = self.store.clone();
        let secret = key.to_secret();
        match tokio::task::spawn_blocking(move || store.save(&account, &secret)).await {
            Ok(Ok(())) => {
                self.inner().seal_key = Some(key.clone());
                Some(key)
            }
            Ok(Err(e)) => {
                tracing::warn!(error = %e, "the keyring refused the cache's seal key; the entitlements are not cached on disk");
                None
            }
            Err(_) => None,
        }
    }

    /// `GET /v1/entitlements`: built from the verified set alone (the signed JWS's claims), never
    /// from the unsigned copy beside it.
    pub async fn entitlements(&self) -> Result<EntitlementsView, LocalError> {
        self.ensure_entitlements().await?;
        let inner = self.inner();
        let (cache, set) =
            inner.cache.as_ref().ok_or_else(|| LocalError::new(C::BackendUnreachable, "no entitlements could be fetched yet"))?;
        let online = inner.cache_online && matches!(inner.session.state(), State::SignedIn);
        Ok(EntitlementsView {
            entitlements: set
                .entitlements
                .iter()
                .map(|e| Entitlement { product: e.product.clone(), features: e.features.clone(), expires_at: e.expires_at.map(rfc3339) })
                .collect(),
            issued_at: rfc3339(set.issued_at),
            offline_until: rfc3339(set.offline_until),
            signed: cache.entitlements.signed.clone(),
            source: if online { "online" } else { "cache" }.into(),
        })
    }

    /// `GET /v1/entitlements/{product}`.
    pub async fn entitlement(&self, product: &str) -> Result<ProductEntitlement, LocalError> {
        self.ensure_entitlements().await?;
        self.publish(); // the offline grace may have run out
        let inner = self.inner();
        let (_, set) =
            inner.cache.as_ref().ok_or_else(|| LocalError::new(C::BackendUnreachable, "no entitlements could be fetched yet"))?;
        let online = inner.cache_online && matches!(inner.session.state(), State::SignedIn);
        let offline_until = rfc3339(set.offline_until);
        Ok(match decide(set, product, self.clock.now(), online) {
            Decision::Entitled { features } => {
                ProductEntitlement { product: product.to_owned(), entitled: true, features, offline_until, reason: None }
            }
            Decision::Refused(refusal) => ProductEntitlement {
                product: product.to_owned(),
                entitled: false,
                features: Vec::new(),
                offline_until,
                reason: Some(refusal.code().to_owned()),
            },
        })
    }

    /// Makes sure a set is at hand: signed in with none yet (just restored), fetch one.
    async fn ensure_entitlements(&self) -> Result<(), LocalError> {
        let (has_cache, state) = {
            let inner = self.inner();
            (inner.cache.is_some(), inner.session.state().clone())
        };
        match state {
            State::SignedOut | State::SigningIn => return Err(not_signed_in()),
            State::TosRequired(_) if !has_cache => {
                return Err(LocalError::new(C::TosRequired, "the Terms of Service must be accepted first"))
            }
            State::Expired if !has_cache => return Err(not_signed_in()),
            _ => {}
        }
        if !has_cache || !self.inner().cache_online && matches!(state, State::SignedIn) {
            if let Ok(token) = self.token(&TokenRequest::default()).await {
                self.update_entitlements(&token.access_token).await;
            }
        }
        Ok(())
    }

    /// `POST /v1/sign-in/password`.
    pub async fn sign_in_with_password(&self, email: &str, password: &Secret, accept_tos: bool) -> Result<Status, LocalError> {
        let backend = self.backend().ok_or_else(no_backend)?;
        let _flight = self.refresh_lock.lock().await;
        let previous = {
            let mut inner = self.inner();
            if !matches!(inner.session.state(), State::SignedOut | State::Expired | State::SigningIn) {
                self.apply(&mut inner, Event::SignedOut);
            }
            self.apply(&mut inner, Event::SignInStarted);
            inner.refresh_token.take()
        };
        self.publish();
        if let Some(previous) = previous {
            // Signing in again replaces the old session: end it at the backend too.
            let _ = backend.revoke(&previous).await;
        }
        let answer = match backend.sign_in(email, password).await {
            Ok(answer) => answer,
            Err(e) => {
                {
                    let mut inner = self.inner();
                    self.apply(&mut inner, Event::SignInCancelled);
                }
                self.publish();
                return Err(sign_in_error(e));
            }
        };
        self.take_session_answer(answer, accept_tos).await?;
        Ok(self.status())
    }

    async fn take_session_answer(&self, answer: SessionResponse, accept_tos: bool) -> Result<(), LocalError> {
        match answer {
            SessionResponse::SignedIn(signed_in) => {
                let fresh = self.signed_in(signed_in, "", Event::SignedIn).await;
                self.update_entitlements(&fresh.token).await;
                Ok(())
            }
            SessionResponse::TosRequired(required) => {
                let version = required.tos.version.clone();
                self.tos_required(required);
                if accept_tos {
                    self.accept_tos_locked(&version).await?;
                }
                Ok(())
            }
        }
    }

    /// `POST /v1/tos/accept`.
    pub async fn accept_tos(&self, version: &str) -> Result<Status, LocalError> {
        let _flight = self.refresh_lock.lock().await;
        self.accept_tos_locked(version).await?;
        Ok(self.status())
    }

    async fn accept_tos_locked(&self, version: &str) -> Result<(), LocalError> {
        let backend = self.backend().ok_or_else(no_backend)?;
        let (pending, ticket) = {
            let inner = self.inner();
            match (inner.session.state(), &inner.tos) {
                (State::TosRequired(pending), Some((_, ticket))) => (pending.version.clone(), ticket.clone()),
                _ => return Err(LocalError::new(C::NotPending, "no Terms of Service are awaiting acceptance")),
            }
        };
        if pending != version {
            return Err(LocalError::new(
                C::TosVersionMismatch,
                format!("the Terms awaiting acceptance are version {pending}, not {version}"),
            ));
        }
        match backend.accept_tos(&ticket, version).await {
            Ok(SessionResponse::SignedIn(signed_in)) => {
                let fresh = self.signed_in(signed_in, "", Event::SignedIn).await;
                self.update_entitlements(&fresh.token).await;
                Ok(())
            }
            Ok(SessionResponse::TosRequired(required)) => {
                self.tos_required(required);
                Err(LocalError::new(C::TosVersionMismatch, "newer Terms of Service were published meanwhile: read and accept them"))
            }
            Err(BackendError::Refused(problem)) if problem.code == ErrorCode::TosVersionMismatch => {
                Err(LocalError::new(C::TosVersionMismatch, "newer Terms of Service were published meanwhile: sign in again to see them"))
            }
            Err(BackendError::Refused(problem)) if problem.code == ErrorCode::InvalidTicket => {
                {
                    let mut inner = self.inner();
                    inner.tos = None;
                    let event = if inner.refresh_token.is_some() { Event::RefreshRefused } else { Event::TosDeclined };
                    self.apply(&mut inner, event);
                }
                self.publish();
                Err(LocalError::new(C::NotPending, "the Terms of Service prompt expired: sign in again"))
            }
            Err(e) => Err(sign_in_error(e)),
        }
    }

    /// The user declined the Terms (the desktop app's Decline button): back to signed out.
    pub fn decline_tos(&self) -> Status {
        {
            let mut inner = self.inner();
            inner.tos = None;
            self.apply(&mut inner, Event::TosDeclined);
        }
        self.status()
    }

    /// `POST /v1/sign-out`.
    pub async fn sign_out(&self) -> Result<Status, LocalError> {
        if !self.config().allow_sign_out() {
            return Err(LocalError::new(C::SignOutDisabled, "signing out is turned off by your organization (AllowSignOut)"));
        }
        let _flight = self.refresh_lock.lock().await;
        let token = self.inner().refresh_token.clone();
        if let (Some(token), Some(backend)) = (token, self.backend()) {
            if let Err(e) = backend.revoke(&token).await {
                tracing::warn!(error = %e, "could not revoke the refresh token at the backend; it is forgotten here anyway");
            }
        }
        self.end_session(Event::SignedOut).await;
        {
            let mut inner = self.inner();
            inner.user = None;
        }
        Ok(self.status())
    }

    /// `POST /v1/sign-in`: asks the desktop app to show its window, and with `wait` waits until
    /// the user is signed in.
    pub async fn prompt_sign_in(&self, wait: Option<Duration>) -> Result<Option<Status>, LocalError> {
        let prompter = self.prompter.lock().unwrap_or_else(PoisonError::into_inner).clone();
        let Some(prompter) = prompter else {
            return Err(LocalError::new(
                C::NoInteractiveSession,
                "this agent runs without a window (`latchkey agent`): sign in with `latchkey sign-in` in a terminal",
            ));
        };
        let mut changes = self.subscribe();
        if wait.is_some() && changes.borrow().state == SessionState::SignedIn {
            return Ok(Some(self.status()));
        }
        {
            let mut inner = self.inner();
            self.apply(&mut inner, Event::SignInStarted);
        }
        self.publish();
        prompter();
        let Some(wait) = wait else { return Ok(None) };
        let signed_in = tokio::time::timeout(wait, changes.wait_for(|s| s.state == SessionState::SignedIn)).await;
        match signed_in {
            Ok(Ok(status)) => Ok(Some(status.clone())),
            _ => Err(LocalError::new(C::Timeout, format!("the user did not sign in within {} seconds", wait.as_secs()))),
        }
    }

    /// Stops refreshing for good (handover): the new agent owns the refresh token from now on.
    pub async fn stop(&self) {
        self.stopped.store(true, Ordering::SeqCst);
        // Wait for a refresh in flight to finish, so its rotated token reaches the keyring.
        let _flight = self.refresh_lock.lock().await;
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
                    State::SignedIn => Some(inner.tokens.get("").map_or(now, |t| refresh_at(now, t.issued_at, t.expires_at))),
                    State::Offline { until } => Some(inner.next_retry.min(*until)),
                    State::Expired if inner.refresh_token.is_some() => Some(inner.next_retry),
                    _ => None,
                }
            };
            match due {
                Some(at) if at <= now => {
                    let _flight = self.refresh_lock.lock().await;
                    let still_due = {
                        let inner = self.inner();
                        let now = self.clock.now();
                        match (inner.session.state(), inner.tokens.get("")) {
                            (State::SignedIn, Some(t)) => refresh_at(now, t.issued_at, t.expires_at) <= now,
                            (State::SignedIn | State::Offline { .. }, None) => true,
                            (State::Offline { .. }, Some(_)) | (State::Expired, _) => {
                                inner.next_retry <= now && inner.refresh_token.is_some()
                            }
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

fn sign_in_error(error: BackendError) -> LocalError {
    match error {
        BackendError::Refused(problem) => match problem.code {
            ErrorCode::InvalidCredentials => LocalError::new(C::InvalidCredentials, "wrong email or password"),
            ErrorCode::AccountLocked => LocalError {
                code: C::AccountLocked,
                detail: "too many failed sign-ins for this address".into(),
                retry_after: problem.retry_after,
            },
            ErrorCode::TosVersionMismatch => LocalError::new(C::TosVersionMismatch, "the Terms changed meanwhile"),
            ErrorCode::InvalidEmail | ErrorCode::InvalidRequest => {
                LocalError::new(C::InvalidRequest, problem.detail.unwrap_or(problem.title))
            }
            other => LocalError::new(C::BackendRefused, format!("the server answered {}", other.as_str())),
        },
        outage => LocalError::new(C::BackendUnreachable, outage.to_string()),
    }
}

async fn fetch_keys(backend: &Backend) -> Result<(String, Jwks), BackendError> {
    let discovery = backend.discovery().await?;
    let jwks = backend.jwks(&discovery.jwks_uri).await?;
    Ok((discovery.issuer, jwks))
}

fn cache_status(refusal: Option<&offline_cache::Refusal>) -> EntitlementCacheStatus {
    match refusal {
        None => EntitlementCacheStatus { state: "verified".into(), reason: None, detail: None },
        Some(refusal) => {
            EntitlementCacheStatus { state: "refused".into(), reason: Some(refusal.code().into()), detail: Some(refusal.to_string()) }
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
