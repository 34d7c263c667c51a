//! The session's state and its transitions.
//!
//! `signed_out → signing_in → (tos_required →) signed_in ⇄ offline`, and `expired` when the
//! backend refuses the session. Every transition is an [`Event`] applied with [`Session::apply`];
//! an event that makes no sense in the current state is refused and changes nothing.

/// The `state` of the local API's status body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum State {
    SignedOut,
    SigningIn,
    TosRequired(TosPending),
    SignedIn,
    /// Signed in, backend unreachable; entitlements come from the signed cache until `until`.
    Offline {
        until: i64,
    },
    /// The session ended (refresh refused, or the offline grace ran out): sign in again.
    Expired,
}

impl State {
    /// The state's name in refusals and logs (the agent maps each state to the wire's
    /// `SessionState` of the protocol crate, which this crate does not depend on).
    pub fn name(&self) -> &'static str {
        match self {
            State::SignedOut => "signed_out",
            State::SigningIn => "signing_in",
            State::TosRequired(_) => "tos_required",
            State::SignedIn => "signed_in",
            State::Offline { .. } => "offline",
            State::Expired => "expired",
        }
    }
}

/// Terms of Service waiting for acceptance.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TosPending {
    pub version: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Event {
    /// The user (or an app through `POST /v1/sign-in`) started signing in.
    SignInStarted,
    /// The user gave up signing in.
    SignInCancelled,
    /// The backend issued tokens.
    SignedIn,
    /// The backend asks for acceptance of `version` before any token.
    TosRequired { version: String },
    /// The user declined the Terms: no way on without them.
    TosDeclined,
    /// A refresh succeeded.
    Refreshed,
    /// The backend refused the refresh token (`invalid_grant`).
    RefreshRefused,
    /// The backend could not be reached; the signed entitlements allow offline use until then.
    BackendUnreachable { offline_until: i64 },
    /// Time passed (the agent ticks this on a timer and before answering).
    Tick,
    /// The user signed out (or an administrator's policy ended the session).
    SignedOut,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Session {
    state: State,
    /// When the current state began (status `since`).
    since: i64,
}

/// An event that does not apply in the current state.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Refused {
    pub state: &'static str,
    pub event: Event,
}

impl std::fmt::Display for Refused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:?} does not apply while {}", self.event, self.state)
    }
}

impl std::error::Error for Refused {}

impl Session {
    pub fn new(now: i64) -> Self {
        Session { state: State::SignedOut, since: now }
    }

    /// A session restored at start-up from a refresh token in the keyring: signed in until the
    /// first refresh says otherwise.
    pub fn restored(now: i64) -> Self {
        Session { state: State::SignedIn, since: now }
    }

    pub fn state(&self) -> &State {
        &self.state
    }

    pub fn since(&self) -> i64 {
        self.since
    }

    /// Applies `event` at `now`; returns whether the state changed (so the agent sends a
    /// `status` event only then).
    pub fn apply(&mut self, event: Event, now: i64) -> Result<bool, Refused> {
        use State as S;
        let next = match (&self.state, &event) {
            (_, Event::SignedOut) | (S::SigningIn | S::TosRequired(_), Event::SignInCancelled | Event::TosDeclined) => S::SignedOut,
            (S::SignedOut | S::Expired, Event::SignInStarted) => S::SigningIn,
            // From `expired` too: a session kept past its grace may come back to new Terms.
            (S::SigningIn | S::SignedIn | S::Offline { .. } | S::Expired, Event::TosRequired { version }) => {
                S::TosRequired(TosPending { version: version.clone() })
            }
            // From `expired` too: when the offline grace ran out, the refresh token is still held, and a
            // backend that comes back may accept it.
            (S::SigningIn | S::TosRequired(_), Event::SignedIn) | (S::SignedIn | S::Offline { .. } | S::Expired, Event::Refreshed) => {
                S::SignedIn
            }
            (S::SignedIn | S::Offline { .. } | S::TosRequired(_), Event::RefreshRefused) => S::Expired,
            (S::SignedIn | S::Offline { .. }, Event::BackendUnreachable { offline_until }) => {
                if *offline_until > now {
                    S::Offline { until: *offline_until }
                } else {
                    S::Expired
                }
            }
            (S::Offline { until }, Event::Tick) if *until <= now => S::Expired,
            (S::Expired, Event::BackendUnreachable { .. }) | (_, Event::Tick) => return Ok(false),
            _ => return Err(Refused { state: self.state.name(), event }),
        };
        if next == self.state {
            return Ok(false);
        }
        self.state = next;
        self.since = now;
        Ok(true)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn walk(events: &[(Event, i64)]) -> Session {
        let mut session = Session::new(0);
        for (event, at) in events {
            session.apply(event.clone(), *at).unwrap_or_else(|e| panic!("{e}"));
        }
        session
    }

    #[test]
    fn forgot_password_then_terms_then_signed_in() {
        let session = walk(&[(Event::SignInStarted, 1), (Event::TosRequired { version: "2026-11".into() }, 2), (Event::SignedIn, 3)]);
        assert_eq!(session.state(), &State::SignedIn);
        assert_eq!(session.since(), 3);
    }

    #[test]
    fn declining_the_terms_returns_to_signed_out() {
        let session = walk(&[(Event::SignInStarted, 1), (Event::TosRequired { version: "v".into() }, 2), (Event::TosDeclined, 3)]);
        assert_eq!(session.state(), &State::SignedOut);
    }

    #[test]
    fn a_new_terms_version_at_refresh_asks_again() {
        let mut session = Session::restored(0);
        assert!(session.apply(Event::TosRequired { version: "v2".into() }, 5).unwrap());
        assert_eq!(session.state().name(), "tos_required");
        assert!(session.apply(Event::SignedIn, 6).unwrap());
    }

    #[test]
    fn offline_within_grace_then_expired_after_it() {
        let mut session = Session::restored(0);
        session.apply(Event::BackendUnreachable { offline_until: 100 }, 10).unwrap();
        assert_eq!(session.state(), &State::Offline { until: 100 });
        assert!(!session.apply(Event::Tick, 99).unwrap(), "nothing changes inside the grace");
        assert!(session.apply(Event::Tick, 100).unwrap());
        assert_eq!(session.state(), &State::Expired);
    }

    #[test]
    fn back_online_after_a_refresh() {
        let mut session = Session::restored(0);
        session.apply(Event::BackendUnreachable { offline_until: 100 }, 10).unwrap();
        session.apply(Event::Refreshed, 20).unwrap();
        assert_eq!(session.state(), &State::SignedIn);
    }

    #[test]
    fn a_backend_back_after_the_grace_ran_out_restores_the_session() {
        let mut session = Session::restored(0);
        session.apply(Event::BackendUnreachable { offline_until: 100 }, 10).unwrap();
        session.apply(Event::Tick, 100).unwrap();
        assert!(!session.apply(Event::BackendUnreachable { offline_until: 100 }, 110).unwrap());
        assert!(session.apply(Event::Refreshed, 120).unwrap());
        assert_eq!(session.state(), &State::SignedIn);
    }

    #[test]
    fn a_session_past_its_grace_can_meet_new_terms_when_the_backend_returns() {
        let mut session = Session::restored(0);
        session.apply(Event::BackendUnreachable { offline_until: 5 }, 10).unwrap();
        assert!(session.apply(Event::TosRequired { version: "v2".into() }, 20).unwrap());
        assert_eq!(session.state().name(), "tos_required");
    }

    #[test]
    fn unreachable_with_the_grace_already_over_is_expired() {
        let mut session = Session::restored(0);
        session.apply(Event::BackendUnreachable { offline_until: 5 }, 10).unwrap();
        assert_eq!(session.state(), &State::Expired);
    }

    #[test]
    fn a_refused_refresh_expires_the_session_and_sign_in_starts_over() {
        let mut session = Session::restored(0);
        session.apply(Event::RefreshRefused, 1).unwrap();
        assert_eq!(session.state().name(), "expired");
        session.apply(Event::SignInStarted, 2).unwrap();
        assert_eq!(session.state(), &State::SigningIn);
    }

    #[test]
    fn events_out_of_place_are_refused_and_change_nothing() {
        let mut session = Session::new(0);
        for event in [Event::SignedIn, Event::Refreshed, Event::TosDeclined, Event::RefreshRefused] {
            let refused = session.apply(event.clone(), 1).unwrap_err();
            assert_eq!(refused.event, event);
            assert_eq!(session.state(), &State::SignedOut);
            assert_eq!(session.since(), 0);
        }
    }

    #[test]
    fn sign_out_applies_in_every_state() {
        for mut session in [Session::new(0), Session::restored(0), walk(&[(Event::SignInStarted, 1)])] {
            session.apply(Event::SignedOut, 9).unwrap();
            assert_eq!(session.state(), &State::SignedOut);
        }
    }
}
