//! The Latchkey agent: the one process per user that holds the refresh token and serves the local
//! API (`shared/contract/local-api.md`) to the user's other applications. `latchkey agent` runs it
//! headless; the desktop app embeds it.

pub mod api;
pub mod backend;
pub mod clock;
pub mod consent;
pub mod delivery;
pub mod engine;
pub mod error;
pub mod offline_cache;
pub mod openapi;
pub mod pac;
pub mod paths;
pub mod pow;
pub mod secret_store;
pub mod signed;

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use hyper_util::rt::{TokioIo, TokioTimer};
use latchkey_protocol::ClientInfo;
use tokio::sync::Notify;

pub use engine::{Engine, EngineOptions};
pub use error::LocalError;
pub use latchkey_transport::BindError;

/// How long a client may take to send its request head (slow-loris callers are cut off).
const HEADER_TIMEOUT: Duration = Duration::from_secs(5);
/// Connections served at once; more wait in the kernel's backlog.
const MAX_CONNECTIONS: usize = 512;

/// Why the agent could not start.
#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error(transparent)]
    Bind(#[from] latchkey_transport::BindError),
    #[error(transparent)]
    Backend(#[from] backend::ClientBuildError),
}

/// What `run` needs besides the configuration.
pub struct AgentOptions {
    pub socket: PathBuf,
    pub config: latchkey_config::Config,
    pub store: Arc<dyn secret_store::SecretStore>,
    pub clock: Arc<dyn clock::Clock>,
    pub state_dir: Option<PathBuf>,
    pub retry: Duration,
    /// How long to wait for the backend before calling it unreachable.
    pub backend_timeout: Duration,
    /// Shown to the backend with each sign-in.
    pub client_name: String,
    /// How long a program's first call waits for the user to allow it.
    pub consent_timeout: Duration,
}

impl AgentOptions {
    /// The options of this user on this machine: the contract's socket, the OS keyring, the
    /// process environment's configuration.
    pub fn for_this_user(client_name: &str) -> AgentOptions {
        let env = paths::process_env;
        // Seconds from the environment, at most an hour (tests and unattended set-ups).
        let seconds = |name: &str, default: Duration| {
            std::env::var(name).ok().and_then(|s| s.parse::<u64>().ok()).map_or(default, |s| Duration::from_secs(s.min(3600)))
        };
        let retry = seconds("LATCHKEY_AGENT_RETRY_SECONDS", Duration::from_secs(30));
        let consent_timeout = seconds("LATCHKEY_CONSENT_TIMEOUT_SECONDS", consent::DEFAULT_TIMEOUT);
        AgentOptions {
            socket: latchkey_transport::default_path(&env),
            config: latchkey_config::load_from_process(),
            store: Arc::new(secret_store::OsKeyring::detect()),
            clock: Arc::new(clock::SystemClock),
            state_dir: paths::state_dir(&env),
            retry,
            backend_timeout: backend::REQUEST_TIMEOUT,
            client_name: client_name.to_owned(),
            consent_timeout,
        }
    }
}

/// A started agent: the socket is bound and the engine runs. [`Agent::serve`] answers until a
/// handover or `shutdown`.
pub struct Agent {
    pub engine: Arc<Engine>,
    listener: latchkey_transport::Listener,
    handover: Arc<Notify>,
}

/// The backend client for `url`, describing this program (`client_name`) and this machine to the
/// server, through the proxy and CA settings of `config`.
pub fn backend_for(
    url: &str,
    config: &latchkey_config::Config,
    client_name: &str,
    timeout: Duration,
) -> Result<backend::Backend, backend::ClientBuildError> {
    let device = std::fs::read_to_string("/etc/hostname").map(|h| h.trim().to_owned()).unwrap_or_default();
    let client = ClientInfo { name: client_name.to_owned(), version: env!("CARGO_PKG_VERSION").into(), device };
    backend::Backend::new(url, config, client, timeout)
}

impl Agent {
    /// Binds the socket (refusing while another agent of this user serves it) and starts the
    /// session engine.
    pub async fn start(options: AgentOptions) -> Result<Agent, StartError> {
        let listener = latchkey_transport::Listener::bind(&options.socket)?;
        for problem in &options.config.problems {
            tracing::warn!(%problem, "configuration value ignored");
        }
        let backend = match options.config.server_url() {
            Some(url) => Some(backend_for(url, &options.config, &options.client_name, options.backend_timeout)?),
            None => {
                tracing::warn!("no ServerUrl is configured: the agent serves its status but cannot sign in");
                None
            }
        };
        let engine = Engine::start(EngineOptions {
            config: options.config,
            backend,
            store: options.store,
            clock: options.clock,
            state_dir: options.state_dir,
            retry: options.retry,
            consent_timeout: options.consent_timeout,
        })
        .await;
        tokio::spawn(engine.clone().run_refresh_loop());
        tracing::info!(socket = %listener.path().display(), "agent serving");
        Ok(Agent { engine, listener, handover: Arc::new(Notify::new()) })
    }

    pub fn socket(&self) -> &std::path::Path {
        self.listener.path()
    }

    /// Serves the local API until a handover is asked or `shutdown` completes; then stops
    /// refreshing, lets answers in flight finish, and releases the socket.
    pub async fn serve(mut self, shutdown: impl std::future::Future<Output = ()>) {
        let state = api::ApiState { engine: self.engine.clone(), check_peer: true, handover: self.handover.clone() };
        let router = api::router(state);
        let permits = Arc::new(tokio::sync::Semaphore::new(MAX_CONNECTIONS));
        let connections = inflight::Tracker::default();
        tokio::pin!(shutdown);
        loop {
            let permit = tokio::select! {
                permit = permits.clone().acquire_owned() => permit.expect("the semaphore is never closed"),
                () = self.handover.notified() => break,
                () = &mut shutdown => break,
            };
            let accepted = tokio::select! {
                accepted = self.listener.accept() => accepted,
                () = self.handover.notified() => break,
                () = &mut shutdown => break,
            };
            let (stream, peer) = match accepted {
                Ok(accepted) => accepted,
                Err(e) => {
                    tracing::warn!(error = %e, "accept failed");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            };
            let router = router.clone();
            // Found on the connection's first call that needs it, then shared by its requests.
            let caller = consent::CallerCell::default();
            let service = hyper::service::service_fn(move |mut request: hyper::Request<hyper::body::Incoming>| {
                request.extensions_mut().insert(peer.clone());
                request.extensions_mut().insert(caller.clone());
                let mut router = router.clone();
                async move { tower::Service::call(&mut router, request).await }
            });
            let guard = connections.enter();
            tokio::spawn(async move {
                let connection = hyper::server::conn::http1::Builder::new()
                    .timer(TokioTimer::new())
                    .header_read_timeout(HEADER_TIMEOUT)
                    .max_buf_size(api::MAX_BODY + 16 * 1024)
                    .serve_connection(TokioIo::new(stream), service);
                if let Err(e) = connection.await {
                    tracing::debug!(error = %e, "connection ended with an error");
                }
                drop(guard);
                drop(permit);
            });
        }
        self.engine.stop().await;
        // The socket goes first, so the next agent can bind while answers in flight finish.
        self.listener.release();
        connections.wait(Duration::from_secs(5)).await;
        tracing::info!("agent stopped");
    }
}

/// A count of live connections, to let answers in flight finish at shutdown.
mod inflight {
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::Arc;
    use std::time::Duration;

    #[derive(Clone, Default)]
    pub struct Tracker(Arc<AtomicUsize>);

    pub struct Guard(Arc<AtomicUsize>);

    impl Tracker {
        pub fn enter(&self) -> Guard {
            self.0.fetch_add(1, Ordering::SeqCst);
            Guard(self.0.clone())
        }

        /// Waits until no connection is open, or `limit` passed. Open event streams are not
        /// waited for beyond the limit.
        pub async fn wait(&self, limit: Duration) {
            let deadline = tokio::time::Instant::now() + limit;
            while self.0.load(Ordering::SeqCst) > 0 && tokio::time::Instant::now() < deadline {
                tokio::time::sleep(Duration::from_millis(10)).await;
            }
        }
    }

    impl Drop for Guard {
        fn drop(&mut self) {
            self.0.fetch_sub(1, Ordering::SeqCst);
        }
    }
}
