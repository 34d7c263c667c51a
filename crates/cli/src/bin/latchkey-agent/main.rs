//! `latchkey-agent`: the whole command line, with the agent and the backend client. `latchkey`
//! hands it the commands it does not run itself (`agent`, `forgot-password`, `reset-password`,
//! the terminal sign-in dialogue); run directly, it answers every command as `latchkey` does.

use std::io::IsTerminal;
use std::process::ExitCode;

use latchkey_cli::{exit, fail, messages::text, read_secret_line, say, Cli, Command};
use latchkey_sdk::{Error, Secret};

mod dialogue;

#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
    let cli = match latchkey_cli::parse() {
        Ok(cli) => cli,
        Err(code) => return code,
    };
    if let Some(code) = latchkey_cli::run(&cli).await {
        return code;
    }
    let Cli { json, command } = cli;
    match command {
        Command::ForgotPassword { email } => dialogue::forgot_password(&email, json).await,
        Command::ResetPassword { email, code, .. } => {
            let password = match read_secret_line("cli-prompt-new-password") {
                Ok(p) => p,
                Err(e) => return fail(&Error::Io(e)),
            };
            dialogue::reset_password(&email, &Secret::new(code), &password, json).await
        }
        Command::Agent => run_agent().await,
        // A sign-in with no window to open: here in the terminal.
        _ => dialogue::run(&latchkey_cli::client(), json).await,
    }
}

async fn run_agent() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::try_from_env("LATCHKEY_LOG").unwrap_or_else(|_| "info".into()))
        .with_writer(std::io::stderr)
        .with_ansi(std::io::stderr().is_terminal())
        .init();
    let options = latchkey_agent::AgentOptions::for_this_user("latchkey-cli");
    let agent = match latchkey_agent::Agent::start(options).await {
        Ok(agent) => agent,
        Err(e) => {
            say(&format!("latchkey agent: {}", text("cli-agent-cannot-start", &[("detail", &e.to_string())])));
            return ExitCode::from(exit::USAGE);
        }
    };
    agent.serve(shutdown_signal()).await;
    ExitCode::SUCCESS
}

/// Ctrl-C, or SIGTERM where there is one (systemd, `kill`).
async fn shutdown_signal() {
    #[cfg(unix)]
    {
        let mut terminate = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()).expect("SIGTERM can be handled");
        tokio::select! {
            _ = tokio::signal::ctrl_c() => {}
            _ = terminate.recv() => {}
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}
