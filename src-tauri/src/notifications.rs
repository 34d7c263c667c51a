//! Desktop notifications for the changes a user must hear about even with the window closed:
//! signed in, session expired, new Terms of Service to accept, working offline. Which change
//! deserves one is decided here from two statuses (tested without a desktop); showing it goes
//! through `notify-rust` (the freedesktop notification service on Linux, the notification centre on
//! macOS and Windows).

use latchkey_protocol::local::{SessionState, Status};

use crate::i18n::Messages;

/// A change worth a notification.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Notice {
    SignedIn {
        email: String,
    },
    Expired,
    NewTerms,
    Offline {
        until: String,
    },
    /// A newer Latchkey is offered and the update channel is `notify`.
    UpdateAvailable {
        version: String,
    },
    /// The updater (channel `auto`) is installing a newer Latchkey.
    Updating {
        version: String,
    },
}

/// The notice for the change from `before` to `after`, if any. Refreshes that keep a session
/// going, and a return online, stay silent.
pub fn notice(before: &Status, after: &Status) -> Option<Notice> {
    if before.state == after.state {
        return None;
    }
    match after.state {
        SessionState::SignedIn
            if matches!(
                before.state,
                SessionState::SignedOut | SessionState::SigningIn | SessionState::TosRequired | SessionState::Expired
            ) =>
        {
            Some(Notice::SignedIn { email: after.user.as_ref().map(|u| u.email.clone()).unwrap_or_default() })
        }
        SessionState::Expired => Some(Notice::Expired),
        // New Terms met at a refresh; while signing in, the window shows them already.
        SessionState::TosRequired if before.state.is_signed_in() => Some(Notice::NewTerms),
        SessionState::Offline => Some(Notice::Offline { until: after.offline_until.clone().unwrap_or_default() }),
        _ => None,
    }
}

impl Notice {
    /// (title, body) in the shown language.
    pub fn text(&self, messages: &Messages) -> (String, String) {
        match self {
            Notice::SignedIn { email } => {
                (messages.text("notify-signed-in", &[]), messages.text("notify-signed-in-body", &[("email", email)]))
            }
            Notice::Expired => (messages.text("notify-expired", &[]), messages.text("notify-expired-body", &[])),
            Notice::NewTerms => (messages.text("notify-terms", &[]), messages.text("notify-terms-body", &[])),
            Notice::Offline { until } => (messages.text("notify-offline", &[]), messages.text("notify-offline-body", &[("until", until)])),
            Notice::UpdateAvailable { version } => {
                (messages.text("notify-update", &[]), messages.text("notify-update-body", &[("version", version)]))
            }
            Notice::Updating { version } => {
                (messages.text("notify-updating", &[]), messages.text("notify-updating-body", &[("version", version)]))
            }
        }
    }
}

/// Shows `notice` (off the UI thread: the D-Bus call blocks). A desktop without a notification
/// service only loses the notification.
pub fn show(notice: &Notice, messages: &Messages) {
    let (title, body) = notice.text(messages);
    tauri::async_runtime::spawn_blocking(move || {
        let shown = notify_rust::Notification::new().appname("Latchkey").summary(&title).body(&body).icon("latchkey").show();
        if let Err(e) = shown {
            tracing::debug!(error = %e, "no notification service: notification dropped");
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use latchkey_protocol::local::{SecretStoreStatus, StatusUser};

    fn status(state: SessionState) -> Status {
        Status {
            state,
            user: Some(StatusUser {
                id: "u1".into(),
                email: "ada@example.com".into(),
                first_name: "Ada".into(),
                last_name: "Lovelace".into(),
                org: None,
                roles: vec![],
            }),
            backend: Some("https://id.example.com".into()),
            since: "2026-12-01T00:00:00Z".into(),
            offline_until: Some("2026-12-08T00:00:00Z".into()),
            version: "0.1.0".into(),
            tos: None,
            secret_store: SecretStoreStatus { kind: "memory".into(), error: None },
            entitlement_cache: None,
        }
    }

    #[test]
    fn each_change_users_must_hear_about_has_one_notice() {
        assert_eq!(
            notice(&status(SessionState::SigningIn), &status(SessionState::SignedIn)),
            Some(Notice::SignedIn { email: "ada@example.com".into() })
        );
        assert_eq!(
            notice(&status(SessionState::TosRequired), &status(SessionState::SignedIn)),
            Some(Notice::SignedIn { email: "ada@example.com".into() })
        );
        assert_eq!(notice(&status(SessionState::SignedIn), &status(SessionState::Expired)), Some(Notice::Expired));
        assert_eq!(notice(&status(SessionState::Offline), &status(SessionState::Expired)), Some(Notice::Expired));
        assert_eq!(notice(&status(SessionState::SignedIn), &status(SessionState::TosRequired)), Some(Notice::NewTerms));
        assert_eq!(
            notice(&status(SessionState::SignedIn), &status(SessionState::Offline)),
            Some(Notice::Offline { until: "2026-12-08T00:00:00Z".into() })
        );
    }

    #[test]
    fn routine_changes_stay_silent() {
        assert_eq!(notice(&status(SessionState::SignedIn), &status(SessionState::SignedIn)), None);
        assert_eq!(notice(&status(SessionState::Offline), &status(SessionState::SignedIn)), None, "back online");
        assert_eq!(notice(&status(SessionState::SigningIn), &status(SessionState::TosRequired)), None, "the window shows the Terms");
        assert_eq!(notice(&status(SessionState::SignedIn), &status(SessionState::SignedOut)), None, "the user signed out");
    }

    #[test]
    fn notices_read_in_the_shown_language() {
        let (title, body) = Notice::Offline { until: "2026-12-08".into() }.text(&Messages::new("de"));
        assert!(!title.starts_with("notify-") && body.contains("2026-12-08"), "{title} / {body}");
        for notice in [Notice::UpdateAvailable { version: "9.0.0".into() }, Notice::Updating { version: "9.0.0".into() }] {
            let (title, body) = notice.text(&Messages::new("fr"));
            assert!(!title.starts_with("notify-") && body.contains("9.0.0"), "{title} / {body}");
        }
    }
}
