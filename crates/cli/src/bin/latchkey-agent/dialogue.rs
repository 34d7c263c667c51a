//! The terminal sign-in dialogue (when no desktop window can be opened), and forgot/reset
//! password, which talk to the backend directly (`ServerUrl` from the configuration).

use std::io::{BufRead, Write};
use std::process::ExitCode;

use latchkey_agent::backend::{Backend, BackendError};
use latchkey_protocol::local::SessionState;
use latchkey_protocol::{ClientInfo, ErrorCode};
use latchkey_sdk::{Client, Error, Secret};

use latchkey_cli::messages::{self, text};
use latchkey_cli::{exit, fail, print_json, read_secret_line, say};

/// Asks the question `prompt` (a message, with `args`) and reads the answer's line.
fn ask(prompt_id: &str, args: &[(&str, &str)]) -> Option<String> {
    let prompt = text(prompt_id, args);
    // A question ("…? [y/N]") is followed by a space, a field name by a colon.
    let separator = if prompt.ends_with(['?', ']']) { " " } else { ": " };
    let _ = write!(std::io::stderr(), "{prompt}{separator}");
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
        say(&format!("latchkey: {}", text("cli-no-server", &[])));
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
            say(&format!("latchkey: {}", messages::problem(problem)));
            ExitCode::from(if problem.code == ErrorCode::InvalidRequest { exit::USAGE } else { exit::NEGATIVE })
        }
        outage => {
            say(&format!("latchkey: {} ({outage})", text("error-backend_unreachable", &[])));
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
                say(&text("cli-code-sent", &[]));
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
                say(&text("cli-password-set-sign-in", &[]));
            }
            ExitCode::SUCCESS
        }
        Err(e) => backend_failure(&e),
    }
}

/// The terminal dialogue with the agent: password, or forgot password → code → new password;
/// then the Terms of Service.
pub async fn run(client: &Client, json: bool) -> ExitCode {
    let Some(email) = ask("cli-prompt-email", &[]).filter(|e| !e.is_empty()) else {
        say(&format!("latchkey: {}", text("cli-no-email", &[])));
        return ExitCode::from(exit::USAGE);
    };
    let mut password = match read_secret_line("cli-prompt-password-or-empty") {
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
        say(&text("cli-code-sent", &[]));
        loop {
            let Some(code) = ask("cli-prompt-code", &[]) else { return ExitCode::from(exit::USAGE) };
            let Some(code) = latchkey_core::code::parse_code(&code) else {
                say(&text("cli-code-format", &[]));
                continue;
            };
            let new_password = match read_secret_line("cli-prompt-new-password") {
                Ok(p) => p,
                Err(e) => return fail(&Error::Io(e)),
            };
            match backend.reset_password(&email, &Secret::new(code), &new_password).await {
                Ok(_) => {
                    say(&text("cli-password-set", &[]));
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
        let agreed = ask("cli-accept-tos", &[("version", &tos.version)]).is_some_and(|a| messages::is_yes(&a));
        if !agreed {
            let _ = client.decline_tos().await;
            say(&text("cli-tos-declined", &[]));
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
        say(&latchkey_cli::describe(&status));
    }
    latchkey_cli::status_exit(&status)
}
