//! `latchkey`: the command line of the local API (`shared/contract/local-api.md`), the terminal
//! sign-in dialogue, forgot/reset password straight against the backend, and the headless agent.
//!
//! Two programs share this library. `latchkey` (`src/main.rs`) is small: it answers the commands
//! that only ask the agent ([`run`]), so that `latchkey token` starts in about a millisecond, and
//! hands every other command (`agent`, `forgot-password`, `reset-password`, the terminal sign-in
//! dialogue) to `latchkey-agent` beside it (`src/bin/latchkey-agent`), which carries the agent
//! and the backend client and runs the same command line in full.
//!
//! Answers go to stdout (with `--json`, the API body unchanged); messages and logs to stderr.
//! Exit codes: 0 success; 1 a negative answer; 2 usage error or refused start; 3 no agent
//! running; 4 backend unreachable; 5 the Terms of Service must be accepted first; 6 this program
//! may not use the sign-in (`app_not_allowed`: denied, unanswered, or not on the organization's
//! list).

use std::io::{BufRead, IsTerminal, Write};
use std::process::ExitCode;
use std::time::Duration;

use clap::Subcommand;
use latchkey_i18n::Arg;
use latchkey_protocol::delivery::DownloadBlock;
use latchkey_protocol::local::{
    ConsentAnswer, ConsentDecision, ConsentRequest, ConsentView, InstallState, LocalErrorCode, LocalProduct, SessionState, Status,
};
use latchkey_sdk::{Client, ClientOptions, Error, Secret, SignInOutcome, TokenRequest};

use crate::messages::text;

pub mod messages;

#[derive(clap::Parser)]
#[command(name = "latchkey", version, about = "Latchkey: your organization's sign-in, for you and your applications", long_about = None)]
pub struct Cli {
    /// Print the API's JSON body unchanged on stdout.
    #[arg(long, global = true)]
    pub json: bool,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand)]
pub enum Command {
    /// Who is signed in, and the session's state (exit 1 when signed out, 5 when the Terms wait).
    Status,
    /// The effective settings and the layer each comes from.
    Settings,
    /// Print an access token, for `Authorization: Bearer $(latchkey token)`.
    Token {
        /// The API the token is for (default: the Latchkey server itself).
        #[arg(long)]
        audience: Option<String>,
        /// The token must stay valid at least this many seconds.
        #[arg(long, value_name = "SECONDS")]
        min_valid: Option<u32>,
    },
    /// The entitlements; with PRODUCT, exit 0 when entitled and 1 when not.
    Entitlements { product: Option<String> },
    /// Sign in: in the desktop window when the app runs, else here in the terminal.
    SignIn {
        /// Scripted sign-in: the email address (the password comes from stdin).
        #[arg(long, requires = "password_stdin")]
        email: Option<String>,
        /// Read the password from the first line of stdin.
        #[arg(long, requires = "email")]
        password_stdin: bool,
        /// Accept the current Terms of Service if they are pending.
        #[arg(long)]
        accept_tos: bool,
    },
    /// Sign out: the session ends here and at the server.
    SignOut,
    /// The products you may install here (installed and offered versions); with a subcommand, the
    /// programs of this computer that may use your sign-in.
    Apps {
        #[command(subcommand)]
        action: Option<AppsAction>,
    },
    /// Download and install PRODUCT (checked against its signed manifest before it runs);
    /// Ctrl-C cancels, and the same command resumes the download.
    Install { product: String },
    /// Ask for a one-time code by email (talks to the server directly; no agent needed).
    ForgotPassword {
        #[arg(long)]
        email: String,
    },
    /// Set a new password with the emailed code (the password comes from stdin).
    ResetPassword {
        #[arg(long)]
        email: String,
        #[arg(long)]
        code: String,
        /// Read the new password from the first line of stdin.
        #[arg(long, required = true)]
        password_stdin: bool,
    },
    /// Run the agent without any window (servers, SSH sessions, CI).
    Agent,
}

/// Per-app consent: which programs of this computer may use your sign-in.
#[derive(Subcommand)]
pub enum AppsAction {
    /// The programs you allowed or denied, and what your organization allows.
    List,
    /// The programs waiting for your answer.
    Pending,
    /// Allow a waiting program (the only one waiting when ID is left out).
    Approve {
        id: Option<String>,
        /// Remember the answer for this executable (else only for as long as the process runs).
        #[arg(long)]
        always: bool,
        /// Wait up to this many seconds for a program to ask.
        #[arg(long, value_name = "SECONDS", default_value_t = 0)]
        wait: u32,
    },
    /// Refuse a waiting program, and remember it.
    Deny { id: String },
    /// Forget the decision about a program (by SHA-256 or path): it will be asked about again.
    Revoke { program: String },
}

/// The exit codes of the contract.
pub mod exit {
    pub const NEGATIVE: u8 = 1;
    pub const USAGE: u8 = 2;
    pub const NO_AGENT: u8 = 3;
    pub const UNREACHABLE: u8 = 4;
    pub const TOS: u8 = 5;
    /// Not in the contract's list, which predates per-app consent: this program may not use the
    /// sign-in (`app_not_allowed`).
    pub const NOT_ALLOWED: u8 = 6;
}

/// Prints to stdout: the one place this program writes answers.
#[allow(clippy::print_stdout)]
pub fn answer(text: &str) {
    println!("{text}");
}

pub fn say(text: &str) {
    let _ = writeln!(std::io::stderr(), "{text}");
}

fn exit_code_of(error: &Error) -> u8 {
    match error {
        Error::AgentNotRunning { .. } => exit::NO_AGENT,
        Error::BackendUnreachable(_) => exit::UNREACHABLE,
        Error::TosRequired => exit::TOS,
        Error::AppNotAllowed(_) => exit::NOT_ALLOWED,
        Error::ForeignAgent { .. } | Error::Io(_) | Error::Protocol(_) => exit::USAGE,
        _ => exit::NEGATIVE,
    }
}

pub fn fail(error: &Error) -> ExitCode {
    say(&format!("latchkey: {}", messages::error(error)));
    ExitCode::from(exit_code_of(error))
}

pub fn print_json<T: serde::Serialize>(value: &T) {
    answer(&serde_json::to_string_pretty(value).unwrap_or_default());
}

pub fn describe(status: &Status) -> String {
    let who = status.user.as_ref().map(|u| {
        let org = u.org.as_ref().map(|o| format!(" ({})", o.name)).unwrap_or_default();
        format!("{} {} <{}>{org}", u.first_name, u.last_name, u.email)
    });
    match (status.state, who) {
        (SessionState::SignedIn, Some(who)) => text("cli-signed-in", &[("who", &who)]),
        (SessionState::Offline, Some(who)) => {
            text("cli-signed-in-offline", &[("who", &who), ("until", status.offline_until.as_deref().unwrap_or("?"))])
        }
        (SessionState::TosRequired, _) => text("cli-tos-pending", &[]),
        (SessionState::Expired, _) => text("cli-session-ended", &[]),
        (SessionState::SigningIn, _) => text("cli-signing-in", &[]),
        _ => text("cli-signed-out", &[]),
    }
}

/// A product of `latchkey apps`: its name, what is installed, what is offered, or why not.
pub fn describe_app(product: &LocalProduct) -> String {
    let name = match &product.name {
        Some(name) => format!("{name} ({})", product.product),
        None => product.product.clone(),
    };
    let installed = match &product.installed_version {
        Some(version) => text("cli-app-installed", &[("version", version)]),
        None => text("cli-app-not-installed", &[]),
    };
    let offer = match (&product.available, product.blocked_by) {
        (_, Some(DownloadBlock::RoleRequired)) => text("cli-app-ask-admin", &[]),
        (_, Some(DownloadBlock::NotAllowedByOrganization)) => text("cli-app-not-allowed", &[]),
        (None, None) => text("cli-app-nothing-here", &[]),
        (Some(offered), None) if product.update_available => text("cli-app-available", &[("version", &offered.release.version)]),
        (Some(_), None) => text("cli-app-up-to-date", &[]),
    };
    format!("{name}  {installed}  {offer}")
}

/// `latchkey install`: starts the installation, shows its progress on a terminal, cancels it on
/// Ctrl-C; exit 0 once installed, 1 when it failed or was cancelled.
async fn install(product: &str, json: bool) -> ExitCode {
    let client = client();
    let mut progress = match client.start_install(product).await {
        Ok(progress) => progress,
        Err(e) => return fail(&e),
    };
    let terminal = std::io::stderr().is_terminal();
    let mut shown = String::new();
    let interrupted = tokio::signal::ctrl_c();
    tokio::pin!(interrupted);
    // Ctrl-C asks once: an installer already running is not stopped, and the wait goes on.
    let mut cancel_sent = false;
    while !progress.state.is_final() {
        let line = match progress.state {
            InstallState::Downloading => {
                let percent = (progress.received * 100).checked_div(progress.total).unwrap_or(100).to_string();
                text("cli-install-progress", &[("product", product), ("version", &progress.version), ("percent", &percent)])
            }
            InstallState::Verifying => text("cli-install-verifying", &[]),
            _ => text("cli-install-installing", &[("product", product), ("version", &progress.version)]),
        };
        if line != shown {
            if terminal {
                let _ = write!(std::io::stderr(), "\r\x1b[2K{line}");
            } else if progress.state != InstallState::Downloading || shown.is_empty() {
                say(&line);
            }
            shown = line;
        }
        let next = tokio::select! {
            () = tokio::time::sleep(Duration::from_millis(200)) => client.install_progress(product).await,
            _ = &mut interrupted, if !cancel_sent => {
                cancel_sent = true;
                client.cancel_install(product).await
            }
        };
        progress = match next {
            Ok(progress) => progress,
            Err(e) => return fail(&e),
        };
    }
    if terminal && !shown.is_empty() {
        let _ = writeln!(std::io::stderr());
    }
    if json {
        print_json(&progress);
    }
    match progress.state {
        InstallState::Installed => {
            say(&text("cli-install-done", &[("product", product), ("version", &progress.version)]));
            ExitCode::SUCCESS
        }
        InstallState::Cancelled => {
            say(&text("cli-install-cancelled", &[]));
            ExitCode::from(exit::NEGATIVE)
        }
        _ => {
            let code = progress.error.unwrap_or(LocalErrorCode::Internal);
            let detail = progress.detail.as_deref().unwrap_or_default();
            say(&format!("latchkey: {} ({detail})", messages::error_code(code.as_str(), detail)));
            ExitCode::from(if code == LocalErrorCode::BackendUnreachable { exit::UNREACHABLE } else { exit::NEGATIVE })
        }
    }
}

pub fn status_exit(status: &Status) -> ExitCode {
    match status.state {
        state if state.is_signed_in() => ExitCode::SUCCESS,
        SessionState::TosRequired => ExitCode::from(exit::TOS),
        _ => ExitCode::from(exit::NEGATIVE),
    }
}

/// Reads a secret after the prompt `prompt_id` (a message), without echo on a terminal.
pub fn read_secret_line(prompt_id: &str) -> std::io::Result<Secret> {
    if std::io::stdin().is_terminal() {
        return rpassword::prompt_password(format!("{}: ", text(prompt_id, &[]))).map(Secret::new);
    }
    let mut line = String::new();
    std::io::stdin().lock().read_line(&mut line)?;
    Ok(Secret::new(line.trim_end_matches(['\n', '\r'])))
}

pub fn client() -> Client {
    Client::new(ClientOptions::default().app_name("latchkey-cli"))
}

/// A program's path or name as a terminal shows it: control and bidirectional-formatting
/// characters (which could redraw the line or reorder it) spelled out.
fn printable(text: &str) -> String {
    text.chars()
        .map(|c| {
            let hidden = c.is_control() || matches!(c, '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}');
            if hidden {
                c.escape_unicode().to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
}

fn describe_request(request: &ConsentRequest) -> String {
    let name = printable(request.app.name.as_deref().unwrap_or("-"));
    let sha = request.app.sha256.get(..16).unwrap_or_default();
    format!("{}  {name}  {}  pid {}  sha256 {sha}…", request.id, printable(&request.app.path), request.pid)
}

/// `latchkey apps list|pending|approve|deny|revoke`.
async fn consent(action: &AppsAction, json: bool) -> ExitCode {
    let client = client();
    let result = match action {
        AppsAction::List => client.consent().await,
        AppsAction::Pending => match client.consent().await {
            Ok(view) if json => {
                print_json(&view.pending);
                return ExitCode::SUCCESS;
            }
            Ok(view) => {
                if view.pending.is_empty() {
                    say(&text("cli-consent-none-waiting", &[]));
                }
                view.pending.iter().for_each(|r| answer(&describe_request(r)));
                return ExitCode::SUCCESS;
            }
            Err(e) => return fail(&e),
        },
        AppsAction::Approve { id, always, wait } => {
            let answer = if *always { ConsentAnswer::AlwaysAllow } else { ConsentAnswer::AllowOnce };
            let id = match id {
                Some(id) => id.clone(),
                None => match the_one_waiting(&client, *wait).await {
                    Ok(request) => {
                        let program = describe_request(&request);
                        // At a terminal, the person confirms the program it names; a script
                        // names the request's id or takes the one that waits.
                        if std::io::stdin().is_terminal() {
                            let mut line = String::new();
                            let _ = write!(std::io::stderr(), "{} ", text("cli-consent-confirm", &[("program", &program)]));
                            if std::io::stdin().lock().read_line(&mut line).is_err() || !messages::is_yes(&line) {
                                return ExitCode::from(exit::NEGATIVE);
                            }
                        } else {
                            say(&text("cli-consent-approving", &[("program", &program)]));
                        }
                        request.id
                    }
                    Err(code) => return code,
                },
            };
            client.answer_consent(&id, answer).await
        }
        AppsAction::Deny { id } => client.answer_consent(id, ConsentAnswer::Deny).await,
        AppsAction::Revoke { program } => {
            // By hash, or by path: every build remembered at that path (an updated program
            // leaves its earlier builds' decisions behind).
            let hashes = if program.len() == 64 && program.bytes().all(|b| b.is_ascii_hexdigit()) {
                vec![program.to_ascii_lowercase()]
            } else {
                let path = std::path::absolute(program).map_or_else(|_| program.clone(), |p| p.display().to_string());
                match client.consent().await {
                    Ok(view) => view.remembered.iter().filter(|r| r.app.path == path).map(|r| r.app.sha256.clone()).collect(),
                    Err(e) => return fail(&e),
                }
            };
            if hashes.is_empty() {
                say(&text("cli-consent-unknown-program", &[("program", &printable(program))]));
                return ExitCode::from(exit::NEGATIVE);
            }
            let mut result = Err(Error::Protocol("nothing revoked".into()));
            for sha256 in hashes {
                result = client.revoke_consent(&sha256).await;
                if result.is_err() {
                    break;
                }
            }
            result
        }
    };
    match result {
        Ok(view) if json => {
            print_json(&view);
            ExitCode::SUCCESS
        }
        Ok(view) => {
            describe_consent(&view);
            ExitCode::SUCCESS
        }
        Err(e) => fail(&e),
    }
}

/// The request to approve when none is named: the only one waiting (after up to `wait` seconds).
async fn the_one_waiting(client: &Client, wait: u32) -> Result<ConsentRequest, ExitCode> {
    let deadline = tokio::time::Instant::now() + Duration::from_secs(u64::from(wait));
    loop {
        let view = client.consent().await.map_err(|e| fail(&e))?;
        match view.pending.len() {
            1 => return Ok(view.pending.into_iter().next().expect("one request")),
            0 if tokio::time::Instant::now() < deadline => tokio::time::sleep(Duration::from_millis(200)).await,
            0 => {
                say(&text("cli-consent-none-waiting", &[]));
                return Err(ExitCode::from(exit::NEGATIVE));
            }
            _ => {
                say(&text("cli-consent-name-one", &[]));
                view.pending.iter().for_each(|r| say(&describe_request(r)));
                return Err(ExitCode::from(exit::USAGE));
            }
        }
    }
}

fn describe_consent(view: &ConsentView) {
    say(&text("cli-consent-mode", &[("mode", view.mode.as_str())]));
    for entry in &view.allowed_apps {
        answer(&format!("{}  {}", text("cli-consent-by-organization", &[]), printable(entry)));
    }
    for remembered in &view.remembered {
        let decision = match remembered.decision {
            ConsentDecision::Allowed => text("cli-consent-allowed", &[]),
            ConsentDecision::Denied => text("cli-consent-denied", &[]),
        };
        let name = printable(remembered.app.name.as_deref().unwrap_or("-"));
        let path = printable(&remembered.app.path);
        answer(&format!("{decision}  {name}  {path}  sha256 {}  {}", remembered.app.sha256, remembered.decided_at));
    }
    view.pending.iter().for_each(|r| answer(&format!("{}  {}", text("cli-consent-waiting", &[]), describe_request(r))));
}

/// Parses the command line; a usage error (or `--help`) is answered here, as `Err` with its exit
/// code.
pub fn parse() -> Result<Cli, ExitCode> {
    use clap::Parser as _;
    Cli::try_parse().map_err(|e| {
        let _ = e.print();
        if e.use_stderr() {
            ExitCode::from(exit::USAGE)
        } else {
            ExitCode::SUCCESS
        }
    })
}

/// Runs a command that only asks the agent. `None` for the commands `latchkey-agent` runs: the
/// agent itself, forgot and reset password, and the terminal dialogue (a sign-in with no window
/// to open).
pub async fn run(cli: &Cli) -> Option<ExitCode> {
    let json = cli.json;
    Some(match &cli.command {
        Command::Status => match client().status().await {
            Ok(status) => {
                if json {
                    print_json(&status);
                } else {
                    answer(&describe(&status));
                }
                status_exit(&status)
            }
            Err(e) => fail(&e),
        },
        Command::Settings => match client().settings().await {
            Ok(settings) => {
                if json {
                    print_json(&settings);
                } else {
                    for (key, setting) in &settings {
                        let value = match &setting.value {
                            serde_json::Value::Null => text("cli-setting-unset", &[]),
                            serde_json::Value::String(s) => s.clone(),
                            other => other.to_string(),
                        };
                        answer(&format!("{key:<13} {value}  [{}]", setting.source));
                    }
                }
                ExitCode::SUCCESS
            }
            Err(e) => fail(&e),
        },
        Command::Token { audience, min_valid } => {
            let mut request = TokenRequest::default();
            if let Some(audience) = audience {
                request = request.audience(audience);
            }
            if let Some(seconds) = min_valid {
                request = request.min_valid(Duration::from_secs(u64::from(*seconds)));
            }
            match client().token(&request).await {
                Ok(token) if json => {
                    print_json(&token);
                    ExitCode::SUCCESS
                }
                Ok(token) => {
                    answer(token.access_token.expose());
                    ExitCode::SUCCESS
                }
                Err(e) => fail(&e),
            }
        }
        Command::Entitlements { product: Some(product) } => match client().entitlement(product).await {
            Ok(entitlement) => {
                if json {
                    print_json(&entitlement);
                } else if entitlement.entitled {
                    answer(&text("cli-entitled", &[("product", product), ("features", &entitlement.features.join(", "))]));
                } else {
                    let reason = entitlement.reason.as_deref().unwrap_or("not_entitled");
                    answer(&text("cli-not-entitled", &[("product", product), ("reason", reason)]));
                }
                if entitlement.entitled {
                    ExitCode::SUCCESS
                } else {
                    ExitCode::from(exit::NEGATIVE)
                }
            }
            Err(e) => fail(&e),
        },
        Command::Entitlements { product: None } => match client().entitlements().await {
            Ok(view) => {
                if json {
                    print_json(&view);
                } else {
                    for e in &view.entitlements {
                        let until = match e.expires_at.as_deref() {
                            Some(date) => text("cli-entitlement-until", &[("date", date)]),
                            None => text("cli-entitlement-no-end", &[]),
                        };
                        let product = match &e.name {
                            Some(name) => format!("{name} ({})", e.product),
                            None => e.product.clone(),
                        };
                        answer(&format!("{product}  [{}]  {until}", e.features.join(", ")));
                    }
                    let source = view.source.clone();
                    let count = Arg::Count(view.entitlements.len() as u64);
                    say(&messages::format(
                        "cli-entitlements-summary",
                        &[("count", count), ("source", Arg::Text(&source)), ("until", Arg::Text(&view.offline_until))],
                    ));
                }
                ExitCode::SUCCESS
            }
            Err(e) => fail(&e),
        },
        Command::SignIn { email: Some(email), password_stdin: true, accept_tos } => {
            let password = match read_secret_line("cli-prompt-password") {
                Ok(p) => p,
                Err(e) => return Some(fail(&Error::Io(e))),
            };
            match client().sign_in_with_password(email, &password, *accept_tos).await {
                Ok(status) => {
                    if json {
                        print_json(&status);
                    } else {
                        say(&describe(&status));
                    }
                    status_exit(&status)
                }
                Err(e) => fail(&e),
            }
        }
        Command::SignIn { .. } => {
            let client = client();
            match client.sign_in(None).await {
                Ok(SignInOutcome::Prompted) => {
                    say(&text("cli-window-open", &[]));
                    ExitCode::SUCCESS
                }
                Ok(SignInOutcome::SignedIn(status)) => {
                    say(&describe(&status));
                    ExitCode::SUCCESS
                }
                Err(Error::NoInteractiveSession) => return None,
                Err(e) => fail(&e),
            }
        }
        Command::SignOut => match client().sign_out().await {
            Ok(status) => {
                if json {
                    print_json(&status);
                } else {
                    say(&text("cli-sign-out-done", &[]));
                }
                ExitCode::SUCCESS
            }
            Err(e) => fail(&e),
        },
        Command::Apps { action: Some(action) } => consent(action, json).await,
        Command::Apps { action: None } => match client().catalog().await {
            Ok(catalog) => {
                if json {
                    print_json(&catalog);
                } else {
                    catalog.products.iter().for_each(|p| answer(&describe_app(p)));
                }
                ExitCode::SUCCESS
            }
            Err(e) => fail(&e),
        },
        Command::Install { product } => install(product, json).await,
        Command::ForgotPassword { .. } | Command::ResetPassword { .. } | Command::Agent => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::printable;

    #[test]
    fn a_programs_path_cannot_redraw_the_terminal() {
        assert_eq!(printable("/opt/acme/bin/acme"), "/opt/acme/bin/acme");
        let hostile = "/tmp/\u{1b}[2Kok\u{202e}exe.sh";
        let shown = printable(hostile);
        assert!(!shown.contains('\u{1b}') && !shown.contains('\u{202e}'), "{shown}");
        assert!(shown.contains("\\u{1b}") && shown.contains("\\u{202e}"), "{shown}");
    }
}
