//! The terminal sign-in dialogue (when no desktop window can be opened), and forgot/reset
//! password, which talk to the backend directly (`ServerUrl` from the configuration).

use std::fmt::Write as _;
use std::io::{BufRead, Write};
use std::process::ExitCode;

use latchkey_agent::backend::{Backend, BackendError};
use latchkey_protocol::local::SessionState;
use latchkey_protocol::{ClientInfo, ErrorCode};
use latchkey_sdk::{Client, Error, Secret};

use crate::{exit, fail, print_json, read_secret_line, say};

fn ask(prompt: &str) -> Option<String> {
    let _ = write!(std::io::stderr(), "{prompt}");
    let _ = std::io::stderr().flush();
    let mut line = String::new();
    match std::io::stdin().lock().read_line(&mut line) {
        Ok(0) | Err(_) => None,
        Ok(_) => Some(line.trim().to_owned()),
    }
}

fn backend() -> Result<Backend, ExitCode> {
    let config = latchkey_config::load_from_process();
    let Some(url) = config.server_url() else {
        say("latchkey: no server is configured: set ServerUrl (LATCHKEY_SERVER_URL, or server_url in ~/.config/latchkey/settings.toml)");
        return Err(ExitCode::from(exit::USAGE));
    };
    Backend::new(
        url,
        &config,
        ClientInfo { name: "latchkey-cli".into(), version: env!("CARGO_PKG_VERSION").into(), device: String::new() },
        latchkey_agent::backend::REQUEST_TIMEOUT,
    )
    .map_err(|e| {
        say(&format!("latchkey: {e}"));
        ExitCode::from(exit::USAGE)
    })
}

fn backend_failure(error: &BackendError) -> ExitCode {
    match error {
        BackendError::Refused(problem) => {
            let mut text = format!("latchkey: {} ({})", problem.title, problem.code.as_str());
            if let Some(remaining) = problem.attempts_remaining {
                let _ = write!(text, "; {remaining} tries left on this code");
            }
            if !problem.reasons.is_empty() {
                let reasons: Vec<String> = problem
                    .reasons
                    .iter()
                    .map(|r| serde_json::to_value(r).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default())
                    .collect();
                let _ = write!(text, ": {}", reasons.join(", "));
            }
            if let Some(retry) = problem.retry_after {
                let _ = write!(text, "; try again in {retry} s");
            }
            say(&text);
            ExitCode::from(if problem.code == ErrorCode::InvalidRequest { exit::USAGE } else { exit::NEGATIVE })
        }
        outage => {
            say(&format!("latchkey: {outage}"));
            ExitCode::from(exit::UNREACHABLE)
        }
    }
}

/// `latchkey forgot-password --email E`.
pub async fn forgot_password(email: &str, json: bool) -> ExitCode {
    let backend = match backend() {
        Ok(b) => b,
        Err(code) => return code,
    };
    match backend.forgot_password(email).await {
        Ok(sent) => {
            if json {
                print_json(&sent);
            } else {
                say("If the address is registered, a code is on its way by email.");
            }
            ExitCode::SUCCESS
        }
        Err(e) => backend_failure(&e),
    }
}

/// `latchkey reset-password --email E --code C --password-stdin`.
pub async fn reset_password(email: &str, code: &Secret, password: &Secret, json: bool) -> ExitCode {
    let backend = match backend() {
        Ok(b) => b,
        Err(code) => return code,
    };
    match backend.reset_password(email, code, password).await {
        Ok(set) => {
            if json {
                print_json(&set);
            } else {
                say("Your password is set: sign in with `latchkey sign-in`.");
            }
            ExitCode::SUCCESS
        }
        Err(e) => backend_failure(&e),
    }
}

/// The terminal dialogue with the agent: password, or forgot password → code → new password;
/// then the Terms of Service.
pub async fn run(client: &Client, json: bool) -> ExitCode {
    let Some(email) = ask("Email: ").filter(|e| !e.is_empty()) else {
        say("latchkey: no email given");
        return ExitCode::from(exit::USAGE);
    };
    let mut password = match read_secret_line("Password (leave empty if you have none yet or forgot it): ") {
        Ok(p) => p,
        Err(e) => return fail(&Error::Io(e)),
    };
    if password.expose().is_empty() {
        let backend = match backend() {
            Ok(b) => b,
            Err(code) => return code,
        };
        if let Err(e) = backend.forgot_password(&email).await {
            return backend_failure(&e);
        }
        say("If the address is registered, we sent a code to it.");
        loop {
            let Some(code) = ask("Code from the email: ") else { return ExitCode::from(exit::USAGE) };
            let Some(code) = latchkey_core::code::parse_code(&code) else {
                say("The code is the 8 digits from the email.");
                continue;
            };
            let new_password = match read_secret_line("New password: ") {
                Ok(p) => p,
                Err(e) => return fail(&Error::Io(e)),
            };
            match backend.reset_password(&email, &Secret::new(code), &new_password).await {
                Ok(_) => {
                    say("Password set.");
                    password = new_password;
                    break;
                }
                Err(BackendError::Refused(problem)) if matches!(problem.code, ErrorCode::InvalidCode | ErrorCode::WeakPassword) => {
                    let _ = backend_failure(&BackendError::Refused(problem));
                }
                Err(e) => return backend_failure(&e),
            }
        }
    }
    let mut status = match client.sign_in_with_password(&email, &password, false).await {
        Ok(status) => status,
        Err(e) => return fail(&e),
    };
    if let (Some(tos), SessionState::TosRequired) = (status.tos.clone(), status.state) {
        say(&format!("\n{}\n\n{}\n", tos.title, tos.body_markdown));
        let agreed = ask(&format!("Accept the Terms of Service (version {})? [y/N] ", tos.version))
            .is_some_and(|a| a.eq_ignore_ascii_case("y") || a.eq_ignore_ascii_case("yes"));
        if !agreed {
            let _ = client.decline_tos().await;
            say("You cannot use Latchkey without accepting the Terms of Service; you are signed out.");
            return ExitCode::from(exit::TOS);
        }
        status = match client.accept_tos(&tos.version).await {
            Ok(status) => status,
            Err(e) => return fail(&e),
        };
    }
    if json {
        print_json(&status);
    } else {
        say(&crate::describe(&status));
    }
    crate::status_exit(&status)
}
