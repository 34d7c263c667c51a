//! The command's words in the user's language: the `Language` setting, else the system's locale
//! (`LC_ALL`, `LC_MESSAGES`, `LANG`), else English, from the window's Fluent files
//! (`latchkey-i18n`). They are loaded at the first message, so `latchkey token`, which prints
//! none, pays nothing for them.

use std::sync::LazyLock;

use latchkey_i18n::{Arg, Messages, Problem};
use latchkey_protocol::WeakPasswordReason;
use latchkey_sdk::Error;

static MESSAGES: LazyLock<Messages> = LazyLock::new(|| {
    let config = latchkey_config::load_from_process();
    Messages::new(latchkey_i18n::choose(config.language(), sys_locale::get_locale().as_deref()))
});

/// The message `id` with text arguments.
pub fn text(id: &str, args: &[(&str, &str)]) -> String {
    MESSAGES.text(id, args)
}

/// The message `id` with text and count arguments.
pub fn format(id: &str, args: &[(&str, Arg<'_>)]) -> String {
    MESSAGES.format(id, args)
}

/// The words for an error code of either contract (`error-<code>`), or `fallback` (the server's
/// own title) for a code this client does not know.
pub fn error_code(code: &str, fallback: &str) -> String {
    MESSAGES.find(&format!("error-{code}"), &[]).unwrap_or_else(|| fallback.to_owned())
}

/// A refusal of the backend in the user's words, as the window words it, with its code.
pub fn problem(problem: &latchkey_protocol::Problem) -> String {
    let reasons: Vec<String> = problem.reasons.iter().map(|r| reason_code(*r)).collect();
    let reasons: Vec<&str> = reasons.iter().map(String::as_str).collect();
    let words = MESSAGES.problem(&Problem {
        code: problem.code.as_str(),
        title: &problem.title,
        reasons: &reasons,
        attempts_remaining: problem.attempts_remaining.map(u64::from),
        retry_after: problem.retry_after,
    });
    format!("{words} ({})", problem.code.as_str())
}

fn reason_code(reason: WeakPasswordReason) -> String {
    serde_json::to_value(reason).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default()
}

/// Whether `answer` means yes: the language's own words (`cli-yes`) or English's.
pub fn is_yes(answer: &str) -> bool {
    let answer = answer.trim().to_lowercase();
    let yes = text("cli-yes", &[]);
    yes.split(',').map(|word| word.trim().to_lowercase()).chain(["y".to_owned(), "yes".to_owned()]).any(|word| word == answer)
}

/// An error of the local API, in the user's words.
pub fn error(error: &Error) -> String {
    match error {
        Error::AgentNotRunning { socket } => text("cli-agent-not-running", &[("socket", &socket.display().to_string())]),
        Error::ForeignAgent { socket, user } => text("cli-foreign-agent", &[("socket", &socket.display().to_string()), ("user", user)]),
        Error::NotSignedIn => text("cli-not-signed-in", &[]),
        Error::TosRequired => text("cli-tos-required", &[]),
        Error::BackendUnreachable(detail) => format!("{} ({detail})", text("error-backend_unreachable", &[])),
        Error::UnsupportedAudience => text("error-unsupported_audience", &[]),
        Error::AccessDenied { code, detail } | Error::Api { code, detail, .. } => error_code(code.as_str(), detail),
        // The agent's detail names the program and how to allow it.
        Error::AppNotAllowed(detail) => format!("{} ({detail})", text("error-app_not_allowed", &[])),
        Error::InvalidCredentials => text("error-invalid_credentials", &[]),
        Error::AccountLocked { retry_after } => {
            MESSAGES.problem(&Problem { code: "account_locked", retry_after: *retry_after, ..Problem::default() })
        }
        Error::Timeout => text("error-timeout", &[]),
        Error::NoInteractiveSession => text("error-no_interactive_session", &[]),
        Error::NotPending => text("error-not_pending", &[]),
        Error::TosVersionMismatch => text("error-tos_version_mismatch", &[]),
        Error::Protocol(detail) => text("cli-unexpected-answer", &[("detail", detail)]),
        Error::Io(e) => text("cli-agent-io", &[("detail", &e.to_string())]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every message id this program names exists in English, and so (`src-tauri/tests/locales.rs`
    /// checks every locale has every message) in each language.
    #[test]
    fn every_message_the_command_names_exists() {
        let english = Messages::new("en");
        let sources = [
            include_str!("lib.rs"),
            include_str!("main.rs"),
            include_str!("messages.rs"),
            include_str!("bin/latchkey-agent/main.rs"),
            include_str!("bin/latchkey-agent/dialogue.rs"),
        ];
        let mut named = Vec::new();
        for source in sources {
            for (start, _) in source.match_indices("\"cli-").chain(source.match_indices("\"error-")) {
                let id: String = source[start + 1..].chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_').collect();
                // `"error-{code}"` builds ids from codes; those are checked where the codes are.
                if !id.ends_with('-') {
                    named.push(id);
                }
            }
        }
        assert!(named.len() > 30, "the scan finds the ids: {named:?}");
        let missing: Vec<&String> = named.iter().filter(|id| english.find(id, &[]).is_none()).collect();
        assert!(missing.is_empty(), "messages the command names but no locale has: {missing:?}");
    }

    #[test]
    fn yes_is_the_languages_word_or_englishs() {
        let german = Messages::new("de");
        let words = german.text("cli-yes", &[]);
        assert!(words.split(',').any(|w| w.trim() == "ja"), "{words}");
        assert!(is_yes(" Y ") && is_yes("yes"));
        assert!(!is_yes("") && !is_yes("n") && !is_yes("nein"));
    }
}
