//! Harness for the agent's end-to-end tests: a private home for each test (runtime, config and
//! state folders), the `latchkey` binary as a process, and the agent in-process with a shifted
//! clock for the tests that need time to pass.
#![allow(dead_code)] // each test binary uses part of the harness

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use latchkey_agent::clock::ShiftedClock;
use latchkey_agent::secret_store::SecretStore;
use latchkey_agent::{Agent, AgentOptions};
use latchkey_config::{Layer, Raw, Source};

pub mod native;
pub mod proxy;

pub const BIN: &str = env!("CARGO_BIN_EXE_latchkey");

/// A user's folders: `run` (`XDG_RUNTIME_DIR`, 0700), `config`, `state`, `home`.
pub struct Home {
    pub dir: tempfile::TempDir,
}

impl Home {
    pub fn new() -> Home {
        let dir = tempfile::tempdir().unwrap();
        for sub in ["run", "config", "state", "home"] {
            std::fs::create_dir(dir.path().join(sub)).unwrap();
            std::fs::set_permissions(dir.path().join(sub), std::fs::Permissions::from_mode(0o700)).unwrap();
        }
        Home { dir }
    }

    pub fn path(&self, sub: &str) -> PathBuf {
        self.dir.path().join(sub)
    }

    pub fn socket(&self) -> PathBuf {
        self.path("run").join("latchkey/agent.sock")
    }

    /// The environment of a `latchkey` process of this user talking to `server`.
    pub fn env(&self, server: &str) -> Vec<(String, String)> {
        vec![
            ("HOME".into(), self.path("home").display().to_string()),
            ("XDG_RUNTIME_DIR".into(), self.path("run").display().to_string()),
            ("XDG_CONFIG_HOME".into(), self.path("config").display().to_string()),
            ("XDG_STATE_HOME".into(), self.path("state").display().to_string()),
            ("LATCHKEY_SERVER_URL".into(), server.into()),
            ("LATCHKEY_AGENT_RETRY_SECONDS".into(), "1".into()),
            ("LATCHKEY_LOG".into(), "info,latchkey_agent=debug".into()),
            // Most tests are about something else; the consent tests set `prompt` themselves.
            ("LATCHKEY_CONSENT_MODE".into(), "allow".into()),
        ]
    }

    pub fn command(&self, server: &str, args: &[&str]) -> Command {
        let mut command = Command::new(BIN);
        // English unless a test asks for another language: the machine's locale must not decide.
        command.args(args).env_remove("LATCHKEY_AGENT_SOCKET").env_remove("LC_ALL").env_remove("LC_MESSAGES").env("LANG", "C.UTF-8");
        command.envs(self.env(server));
        command
    }

    /// Runs `latchkey ARGS` with `stdin`, to completion.
    pub fn run(&self, server: &str, args: &[&str], stdin: &str) -> Output {
        run_with_stdin(self.command(server, args), stdin)
    }

    /// Starts `latchkey agent` and waits until it serves.
    pub fn spawn_agent(&self, server: &str, extra_env: &[(&str, &str)]) -> AgentProcess {
        let mut command = self.command(server, &["agent"]);
        command.envs(extra_env.iter().map(|(k, v)| (*k, *v)));
        AgentProcess::spawn(command, &self.socket())
    }

    /// Files under the config, state and home folders that contain `needle`.
    pub fn files_containing(&self, needle: &str) -> Vec<PathBuf> {
        let mut found = Vec::new();
        for sub in ["config", "state", "home", "run"] {
            grep(&self.path(sub), needle.as_bytes(), &mut found);
        }
        found
    }
}

fn grep(dir: &Path, needle: &[u8], found: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        let Ok(kind) = entry.file_type() else { continue };
        if kind.is_dir() {
            grep(&path, needle, found);
        } else if kind.is_file() && std::fs::read(&path).is_ok_and(|bytes| bytes.windows(needle.len()).any(|w| w == needle)) {
            found.push(path);
        }
    }
}

pub fn run_with_stdin(mut command: Command, stdin: &str) -> Output {
    use std::io::Write;
    let mut child = command.stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    child.stdin.take().unwrap().write_all(stdin.as_bytes()).unwrap();
    child.wait_with_output().unwrap()
}

pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// A `latchkey agent` process; killed when dropped.
pub struct AgentProcess {
    pub child: Child,
    pub log: PathBuf,
    _log_dir: tempfile::TempDir,
}

impl AgentProcess {
    pub fn spawn(mut command: Command, socket: &Path) -> AgentProcess {
        let log_dir = tempfile::tempdir().unwrap();
        let log = log_dir.path().join("agent.log");
        let file = std::fs::File::create(&log).unwrap();
        let child = command.stdin(Stdio::null()).stdout(Stdio::null()).stderr(file).spawn().unwrap();
        let mut agent = AgentProcess { child, log, _log_dir: log_dir };
        agent.wait_until_serving(socket);
        agent
    }

    fn wait_until_serving(&mut self, socket: &Path) {
        let deadline = Instant::now() + Duration::from_secs(20);
        while Instant::now() < deadline {
            if std::os::unix::net::UnixStream::connect(socket).is_ok() {
                return;
            }
            if let Some(status) = self.child.try_wait().unwrap() {
                panic!("the agent exited with {status}: {}", self.log_text());
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        panic!("the agent did not serve {} in time: {}", socket.display(), self.log_text());
    }

    pub fn log_text(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    /// SIGKILL: a crash, leaving the socket file behind.
    pub fn crash(&mut self) {
        self.child.kill().unwrap();
        self.child.wait().unwrap();
    }

    /// Waits for the process to end by itself.
    pub fn wait_exit(&mut self, limit: Duration) -> Option<std::process::ExitStatus> {
        let deadline = Instant::now() + limit;
        while Instant::now() < deadline {
            if let Some(status) = self.child.try_wait().unwrap() {
                return Some(status);
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        None
    }
}

impl Drop for AgentProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The agent running inside the test, with a clock the test moves.
pub struct InProcessAgent {
    pub engine: Arc<latchkey_agent::Engine>,
    pub clock: ShiftedClock,
    pub socket: PathBuf,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    pub task: tokio::task::JoinHandle<()>,
}

pub struct InProcessOptions {
    pub store: Arc<dyn SecretStore>,
    pub backend_timeout: Duration,
    pub clock: ShiftedClock,
}

impl InProcessAgent {
    pub async fn start(home: &Home, server: &str, options: InProcessOptions) -> Result<InProcessAgent, latchkey_agent::StartError> {
        Self::start_with_settings(home, &[(latchkey_config::Key::ServerUrl, server)], options).await
    }

    /// Starts with `settings` in the environment layer (`ServerUrl`, `Proxy`, `ExtraCaFile`, ...).
    pub async fn start_with_settings(
        home: &Home,
        settings: &[(latchkey_config::Key, &str)],
        options: InProcessOptions,
    ) -> Result<InProcessAgent, latchkey_agent::StartError> {
        let mut environment = Layer::default();
        // These tests are not about consent: the test binary itself calls (consent.rs tests it).
        environment.set(latchkey_config::Key::ConsentMode, Raw::Text("allow".into()), "test");
        for (key, value) in settings {
            environment.set(*key, Raw::Text((*value).into()), "test");
        }
        let config = latchkey_config::merge(vec![(Source::Environment, environment)]);
        let socket = home.socket();
        let agent = Agent::start(AgentOptions {
            socket: socket.clone(),
            config,
            store: options.store,
            clock: Arc::new(options.clock.clone()),
            state_dir: Some(home.path("state").join("latchkey")),
            retry: Duration::from_secs(1),
            backend_timeout: options.backend_timeout,
            client_name: "e2e".into(),
            consent_timeout: latchkey_agent::consent::DEFAULT_TIMEOUT,
        })
        .await?;
        let engine = agent.engine.clone();
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let task = tokio::spawn(agent.serve(async {
            let _ = stopped.await;
        }));
        Ok(InProcessAgent { engine, clock: options.clock, socket, stop: Some(stop), task })
    }

    pub fn client(&self) -> latchkey_sdk::Client {
        latchkey_sdk::Client::new(latchkey_sdk::ClientOptions::default().socket(&self.socket).app_name("e2e"))
    }

    pub async fn stop(mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        let _ = (&mut self.task).await;
    }
}

/// `curl --unix-socket` as a real outside client; returns (status, body).
pub fn curl(socket: &Path, method: &str, path: &str, body: Option<&str>, headers: &[&str]) -> (u16, String) {
    let mut command = Command::new("curl");
    command.args(["-s", "-o", "-", "-w", "\n%{http_code}", "--max-time", "20", "--unix-socket"]).arg(socket).args(["-X", method]);
    for header in headers {
        command.args(["-H", header]);
    }
    let body_file = tempfile::NamedTempFile::new().unwrap();
    if let Some(body) = body {
        std::fs::write(body_file.path(), body).unwrap();
        command.args(["-H", "content-type: application/json", "--data-binary"]).arg(format!("@{}", body_file.path().display()));
    }
    command.arg(format!("http://latchkey{path}"));
    let output = command.output().expect("curl runs (make test installs it)");
    let text = String::from_utf8_lossy(&output.stdout).into_owned();
    let (body, code) = text.rsplit_once('\n').unwrap_or(("", "0"));
    (code.trim().parse().unwrap_or(0), body.to_owned())
}

pub fn json(text: &str) -> serde_json::Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("not JSON ({e}): {text}"))
}

/// The count of refresh grants the server answered with tokens.
pub fn refreshes(server: &super::support::TestServer) -> u64 {
    server.state.metrics.refreshes_succeeded.load(std::sync::atomic::Ordering::SeqCst)
}

/// Waits until `check` holds (polling), or panics with `what`.
pub async fn eventually(what: &str, limit: Duration, mut check: impl AsyncFnMut() -> bool) {
    let deadline = Instant::now() + limit;
    while Instant::now() < deadline {
        if check().await {
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("timed out waiting for: {what}");
}
