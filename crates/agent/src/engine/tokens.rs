//! The access tokens: kept per audience in memory ([`TokenCache`]), answered from there while
//! they last, and refreshed once for any number of concurrent callers ([`SingleFlight`]). The
//! refresh itself (rotation, the keyring first, going offline) is [`Engine::refresh_locked`].

use std::collections::HashMap;
use std::sync::atomic::Ordering;

use latchkey_core::{needs_refresh, refresh_at, Event, State};
use latchkey_protocol::local::{LocalErrorCode as C, TokenRequest, TokenResponse};
use latchkey_protocol::{ErrorCode, Secret, SessionResponse, SignedIn};

use super::{no_backend, not_signed_in, status_user, Engine};
use crate::backend::BackendError;
use crate::clock::rfc3339;
use crate::error::LocalError;
use crate::secret_store::StoreError;

/// Seconds a token must stay valid when the caller does not say (`min_valid_seconds`).
pub const DEFAULT_MIN_VALID: u32 = 60;

/// An access token and its lifetime (seconds since the epoch).
#[derive(Clone)]
pub(super) struct CachedToken {
    pub(super) token: Secret,
    pub(super) issued_at: i64,
    pub(super) expires_at: i64,
}

/// The access tokens of the session, one per audience; `""` is the Latchkey server's own, which
/// the session keeps fresh by itself.
#[derive(Default)]
pub(super) struct TokenCache(HashMap<String, CachedToken>);

impl TokenCache {
    /// The token for `audience` when it stays valid at least `min_valid` more seconds.
    pub(super) fn usable(&self, audience: &str, now: i64, min_valid: i64) -> Option<TokenResponse> {
        self.0.get(audience).filter(|t| !needs_refresh(now, t.expires_at, min_valid)).map(|t| TokenResponse {
            access_token: t.token.clone(),
            token_type: "Bearer".into(),
            expires_at: rfc3339(t.expires_at),
        })
    }

    pub(super) fn keep(&mut self, audience: &str, token: CachedToken) {
        self.0.insert(audience.to_owned(), token);
    }

    pub(super) fn clear(&mut self) {
        self.0.clear();
    }

    /// When the session's own token is due for its proactive refresh: ahead of its expiry, or
    /// `now` when there is none.
    pub(super) fn refresh_due(&self, now: i64) -> i64 {
        self.0.get("").map_or(now, |t| refresh_at(now, t.issued_at, t.expires_at))
    }

    /// Whether the session's own token is at hand.
    pub(super) fn has_own(&self) -> bool {
        self.0.contains_key("")
    }
}

/// One refresh in flight at a time. It is also the one lane for every change of the session
/// (sign-in, the Terms, sign-out, a new backend, the handover), so none interleaves with a
/// refresh and a rotated token is never lost between two writers.
#[derive(Default)]
pub(super) struct SingleFlight(tokio::sync::Mutex<()>);

impl SingleFlight {
    /// Waits for the lane, and holds it until the guard drops.
    pub(super) async fn enter(&self) -> tokio::sync::MutexGuard<'_, ()> {
        self.0.lock().await
    }

    /// `cached`'s answer when it has one; else, alone in flight, `cached` once more (whoever flew
    /// before us may have refreshed meanwhile) and only then `refresh`. However many callers
    /// arrive together, one refresh serves them.
    pub(super) async fn cached_or<T, E>(
        &self,
        cached: impl Fn() -> Result<Option<T>, E>,
        refresh: impl AsyncFnOnce() -> Result<T, E>,
    ) -> Result<T, E> {
        if let Some(answer) = cached()? {
            return Ok(answer);
        }
        let _flight = self.enter().await;
        if let Some(answer) = cached()? {
            return Ok(answer);
        }
        refresh().await
    }
}

impl Engine {
    /// `POST /v1/token`: from memory while the cached token lasts, else one refresh shared by
    /// every concurrent caller.
    pub async fn token(&self, request: &TokenRequest) -> Result<TokenResponse, LocalError> {
        let audience = request.audience.clone().unwrap_or_default();
        let min_valid = i64::from(request.min_valid_seconds.unwrap_or(DEFAULT_MIN_VALID));
        self.flight
            .cached_or(
                || self.cached_token(&audience, min_valid),
                async || {
                    let fresh = self.refresh_locked(&audience).await?;
                    Ok(TokenResponse { access_token: fresh.token, token_type: "Bearer".into(), expires_at: rfc3339(fresh.expires_at) })
                },
            )
            .await
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
        Ok(inner.tokens.usable(audience, self.clock.now(), min_valid))
    }

    /// Refreshes for `audience`; the caller holds the flight ([`SingleFlight::enter`]).
    pub(super) async fn refresh_locked(&self, audience: &str) -> Result<CachedToken, LocalError> {
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

    pub(super) fn went_offline(&self, why: &BackendError) {
        tracing::warn!(error = %why, "backend unreachable; serving the signed entitlements offline");
        {
            let mut inner = self.inner();
            let now = self.clock.now();
            let offline_until = inner.offline.cache.as_ref().map_or(now, |(_, set)| set.offline_until);
            self.apply(&mut inner, Event::BackendUnreachable { offline_until });
            inner.next_retry = now + self.retry.as_secs().max(1) as i64;
        }
        self.publish();
    }

    /// Takes in a signed-in answer (sign-in, ToS acceptance or refresh): keeps the rotated
    /// refresh token (keyring first, so a crash never loses the newest one), the access token
    /// and the user.
    pub(super) async fn signed_in(&self, answer: SignedIn, audience: &str, event: Event) -> CachedToken {
        let now = self.clock.now();
        let store_error = self.persist(Some(answer.refresh_token.clone())).await;
        let fresh = CachedToken { token: answer.access_token, issued_at: now, expires_at: now + answer.expires_in as i64 };
        {
            let mut inner = self.inner();
            inner.store_error = store_error;
            inner.refresh_token = Some(answer.refresh_token);
            inner.tokens.keep(audience, fresh.clone());
            inner.user = Some(status_user(&answer.user));
            inner.tos = None;
            if inner.offline.cache.as_ref().is_some_and(|(cache, _)| cache.user.id != answer.user.id) {
                inner.offline.cache = None; // another user's entitlements
            }
            self.apply(&mut inner, event);
        }
        self.publish();
        fresh
    }

    /// Saves (or with `None` deletes) the refresh token in the secret store; the error, if any,
    /// for the status.
    pub(super) async fn persist(&self, token: Option<Secret>) -> Option<String> {
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
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::AtomicU32;
    use std::sync::{Arc, Mutex};
    use std::time::Duration;

    use super::*;

    fn token(issued_at: i64, expires_at: i64) -> CachedToken {
        CachedToken { token: Secret::new(format!("at-{expires_at}")), issued_at, expires_at }
    }

    #[test]
    fn a_token_answers_for_its_audience_while_it_stays_valid_long_enough() {
        let mut cache = TokenCache::default();
        cache.keep("", token(1000, 1300));
        cache.keep("https://api.example.com", token(1000, 1100));
        let own = cache.usable("", 1000, 60).unwrap();
        assert_eq!((own.access_token.expose(), own.expires_at.as_str()), ("at-1300", "1970-01-01T00:21:40Z"));
        assert!(cache.usable("", 1240, 60).is_some(), "exactly 60 s left is enough for 60");
        assert!(cache.usable("", 1241, 60).is_none(), "59 s left is not");
        assert!(cache.usable("", 1241, 0).is_some(), "a caller content with any valid token");
        assert_eq!(cache.usable("https://api.example.com", 1000, 60).unwrap().access_token.expose(), "at-1100");
        assert!(cache.usable("https://other.example.com", 1000, 0).is_none(), "each audience has its own token");
        cache.clear();
        assert!(cache.usable("", 1000, 0).is_none());
    }

    #[test]
    fn the_own_token_is_refreshed_ahead_of_expiry() {
        let mut cache = TokenCache::default();
        assert_eq!(cache.refresh_due(5000), 5000, "no token: due now");
        assert!(!cache.has_own());
        cache.keep("https://api.example.com", token(0, 600));
        assert_eq!(cache.refresh_due(5000), 5000, "another audience's token does not count");
        cache.keep("", token(1000, 1600));
        assert!(cache.has_own());
        assert_eq!(cache.refresh_due(1000), 1480, "at four fifths of a 10-minute life");
        assert_eq!(cache.refresh_due(1500), 1500, "never before now");
    }

    /// Twenty callers at once, none with a cached answer: one refresh, and all get its token.
    #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
    async fn concurrent_callers_share_one_refresh() {
        let flight = Arc::new(SingleFlight::default());
        let held: Arc<Mutex<Option<u32>>> = Arc::new(Mutex::new(None));
        let refreshes = Arc::new(AtomicU32::new(0));
        let mut callers = tokio::task::JoinSet::new();
        for _ in 0..20 {
            let (flight, held, refreshes) = (flight.clone(), held.clone(), refreshes.clone());
            callers.spawn(async move {
                flight
                    .cached_or(
                        || Ok::<_, String>(*held.lock().unwrap()),
                        async || {
                            let n = refreshes.fetch_add(1, Ordering::SeqCst) + 1;
                            tokio::time::sleep(Duration::from_millis(50)).await;
                            *held.lock().unwrap() = Some(n);
                            Ok(n)
                        },
                    )
                    .await
            });
        }
        let answers: Vec<Result<u32, String>> = callers.join_all().await;
        assert_eq!(refreshes.load(Ordering::SeqCst), 1);
        assert!(answers.iter().all(|a| *a == Ok(1)), "{answers:?}");
    }

    /// A refresh that fails answers its own caller; the next caller tries again, and an error
    /// from the cache (signed out) is answered without flying at all.
    #[tokio::test]
    async fn a_failed_refresh_is_not_shared_and_a_refusal_does_not_fly() {
        let flight = SingleFlight::default();
        let attempts = AtomicU32::new(0);
        for _ in 0..2 {
            let answer: Result<u32, String> = flight
                .cached_or(
                    || Ok(None),
                    async || {
                        attempts.fetch_add(1, Ordering::SeqCst);
                        Err("unreachable".to_owned())
                    },
                )
                .await;
            assert_eq!(answer, Err("unreachable".to_owned()));
        }
        assert_eq!(attempts.load(Ordering::SeqCst), 2);
        let refused: Result<u32, &str> = flight.cached_or(|| Err("not signed in"), async || unreachable!("no refresh when refused")).await;
        assert_eq!(refused, Err("not signed in"));
    }
}
