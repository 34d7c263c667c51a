//! The user's steps: sign in with a password, the Terms of Service (accept, decline, a newer
//! version meanwhile), sign out, and asking the desktop app to show its window. Each holds the
//! flight ([`super::tokens::SingleFlight`]) so no refresh interleaves.

use std::sync::PoisonError;
use std::time::Duration;

use latchkey_core::{Event, State};
use latchkey_protocol::local::{LocalErrorCode as C, SessionState, Status};
use latchkey_protocol::{ErrorCode, Secret, SessionResponse, TosRequired};

use super::{no_backend, Engine};
use crate::backend::BackendError;
use crate::error::LocalError;
use crate::offline_cache;

impl Engine {
    /// `POST /v1/sign-in/password`.
    pub async fn sign_in_with_password(&self, email: &str, password: &Secret, accept_tos: bool) -> Result<Status, LocalError> {
        let backend = self.backend().ok_or_else(no_backend)?;
        let _flight = self.flight.enter().await;
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
        let _flight = self.flight.enter().await;
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
        let _flight = self.flight.enter().await;
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

    pub(super) fn tos_required(&self, required: TosRequired) {
        {
            let mut inner = self.inner();
            let version = required.tos.version.clone();
            inner.tos = Some((required.tos, required.tos_ticket));
            self.apply(&mut inner, Event::TosRequired { version });
        }
        self.publish();
    }

    /// Forgets the session: tokens, keyring entry, cached entitlements.
    pub(super) async fn end_session(&self, event: Event) {
        let store_error = self.persist(None).await;
        if let Ok(account) = self.account() {
            let store = self.store.clone();
            let _ = tokio::task::spawn_blocking(move || store.delete(&offline_cache::key_account(&account))).await;
        }
        {
            let mut inner = self.inner();
            inner.refresh_token = None;
            inner.tokens.clear();
            inner.offline.forget();
            inner.tos = None;
            inner.store_error = store_error;
            self.apply(&mut inner, event);
        }
        if let Some(file) = &self.cache_file {
            let _ = std::fs::remove_file(file);
        }
        self.publish();
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

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicU32, Ordering};
    use std::sync::Arc;

    use latchkey_protocol::local::{LocalErrorCode as C, TokenRequest};
    use latchkey_protocol::Problem;

    use super::*;
    use crate::engine::fixtures::{backend, config, engine};
    use crate::secret_store::{MemoryStore, SecretStore};

    #[tokio::test]
    async fn without_a_server_nothing_signs_in_and_nothing_is_served() {
        let engine = engine(None, Arc::new(MemoryStore::default()), config(None)).await;
        let refused = engine.sign_in_with_password("a@example.com", &Secret::new("pw"), false).await.unwrap_err();
        assert_eq!((refused.code, refused.detail.as_str()), (C::BackendUnreachable, "no ServerUrl is configured"));
        assert_eq!(engine.token(&TokenRequest::default()).await.unwrap_err().code, C::NotSignedIn);
        assert_eq!(engine.entitlements().await.unwrap_err().code, C::NotSignedIn);
        assert_eq!(engine.status().state, SessionState::SignedOut);
    }

    /// A headless agent has no window to ask in; with one, the window is asked once and the
    /// session shows it is signing in; waiting for a user who never signs in times out.
    #[tokio::test]
    async fn the_window_is_asked_to_sign_in_when_there_is_one() {
        let engine = engine(None, Arc::new(MemoryStore::default()), config(None)).await;
        assert_eq!(engine.prompt_sign_in(None).await.unwrap_err().code, C::NoInteractiveSession);

        let asked = Arc::new(AtomicU32::new(0));
        let counter = asked.clone();
        engine.set_prompter(Some(Arc::new(move || {
            counter.fetch_add(1, Ordering::SeqCst);
        })));
        assert!(engine.prompt_sign_in(None).await.unwrap().is_none(), "without wait: answered at once");
        assert_eq!(asked.load(Ordering::SeqCst), 1);
        assert_eq!(engine.status().state, SessionState::SigningIn);
        let waited = engine.prompt_sign_in(Some(Duration::from_millis(100))).await.unwrap_err();
        assert_eq!(waited.code, C::Timeout);
        assert_eq!(asked.load(Ordering::SeqCst), 2);
    }

    /// Signing out obeys `AllowSignOut`; allowed, it forgets the refresh token even when the
    /// server cannot be told.
    #[tokio::test]
    async fn signing_out_obeys_the_organization_and_forgets_the_token() {
        let store = Arc::new(MemoryStore::default());
        let account = backend("http://127.0.0.1:9").base().to_owned();
        store.save(&account, &Secret::new("rt")).unwrap();
        let locked = engine(Some("http://127.0.0.1:9"), store.clone(), config(Some(false))).await;
        assert_eq!(locked.sign_out().await.unwrap_err().code, C::SignOutDisabled);
        assert!(store.load(&account).unwrap().is_some(), "refused: nothing changed");
        drop(locked);

        let engine = engine(Some("http://127.0.0.1:9"), store.clone(), config(None)).await;
        assert_eq!(engine.sign_out().await.unwrap().state, SessionState::SignedOut);
        assert!(store.load(&account).unwrap().is_none(), "the keyring no longer holds it");
        assert!(store.load(&offline_cache::key_account(&account)).unwrap().is_none());
    }

    #[tokio::test]
    async fn terms_are_accepted_only_when_some_are_pending() {
        let engine = engine(Some("http://127.0.0.1:9"), Arc::new(MemoryStore::default()), config(None)).await;
        assert_eq!(engine.accept_tos("2026-11").await.unwrap_err().code, C::NotPending);
        assert_eq!(engine.decline_tos().state, SessionState::SignedOut);
    }

    fn refused(code: ErrorCode, retry_after: Option<u64>) -> BackendError {
        BackendError::Refused(Box::new(Problem {
            kind: "about:blank".into(),
            title: "Refused".into(),
            status: 400,
            code,
            detail: Some("the server's detail".into()),
            errors: vec![],
            retry_after,
            attempts_remaining: None,
            reasons: vec![],
            challenge: None,
        }))
    }

    #[test]
    fn the_servers_refusals_become_the_local_apis() {
        let wrong = sign_in_error(refused(ErrorCode::InvalidCredentials, None));
        assert_eq!(wrong.code, C::InvalidCredentials);
        let locked = sign_in_error(refused(ErrorCode::AccountLocked, Some(900)));
        assert_eq!((locked.code, locked.retry_after), (C::AccountLocked, Some(900)));
        let bad = sign_in_error(refused(ErrorCode::InvalidEmail, None));
        assert_eq!((bad.code, bad.detail.as_str()), (C::InvalidRequest, "the server's detail"));
        let other = sign_in_error(refused(ErrorCode::RateLimited, None));
        assert_eq!((other.code, other.detail.as_str()), (C::BackendRefused, "the server answered rate_limited"));
        let down = sign_in_error(BackendError::Unreachable("connection refused".into()));
        assert_eq!(down.code, C::BackendUnreachable);
    }
}
