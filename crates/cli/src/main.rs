//! `latchkey`, the small program: it answers what only asks the agent (status, settings, token,
//! entitlements, sign-in through the agent, sign-out) and hands the rest to `latchkey-agent`,
//! installed beside it, with the same arguments. It links neither the agent nor the backend
//! client: a smaller program starts faster, and `latchkey token` runs once per shell command.

use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = match latchkey_cli::parse() {
        Ok(cli) => cli,
        Err(code) => return code,
    };
    let runtime = match tokio::runtime::Builder::new_current_thread().enable_all().build() {
        Ok(runtime) => runtime,
        Err(e) => {
            latchkey_cli::say(&format!("latchkey: {e}"));
            return ExitCode::from(latchkey_cli::exit::USAGE);
        }
    };
    match runtime.block_on(latchkey_cli::run(&cli)) {
        Some(code) => code,
        None => {
            drop(runtime);
            hand_over()
        }
    }
}

/// Runs `latchkey-agent` with this command line: on Unix in place of this process (same process
/// id, standard streams and exit code), elsewhere as a child whose exit code is ours.
fn hand_over() -> ExitCode {
    let program = match std::env::current_exe() {
        Ok(this) => this.with_file_name(format!("latchkey-agent{}", std::env::consts::EXE_SUFFIX)),
        Err(e) => return cannot_hand_over(&e.to_string()),
    };
    let mut command = std::process::Command::new(&program);
    command.args(std::env::args_os().skip(1));
    #[cfg(unix)]
    {
        use std::os::unix::process::CommandExt as _;
        let failed = command.exec();
        cannot_hand_over(&format!("{}: {failed}", program.display()))
    }
    #[cfg(not(unix))]
    match command.status() {
        Ok(status) => ExitCode::from(status.code().and_then(|c| u8::try_from(c).ok()).unwrap_or(latchkey_cli::exit::USAGE)),
        Err(failed) => cannot_hand_over(&format!("{}: {failed}", program.display())),
    }
}

fn cannot_hand_over(why: &str) -> ExitCode {
    latchkey_cli::say(&format!("latchkey: {}", latchkey_cli::messages::text("cli-no-agent-program", &[("detail", why)])));
    ExitCode::from(latchkey_cli::exit::USAGE)
}
