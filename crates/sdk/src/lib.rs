//! The client of Latchkey's local API, for applications that need the user's sign-in session, an
//! access token or entitlements without ever handling a password.
//!
//! ```no_run
//! # async fn example() -> Result<(), latchkey_sdk::Error> {
//! let client = latchkey_sdk::Client::default();
//! let token = client.token(&latchkey_sdk::TokenRequest::default().audience("https://api.example.com")).await?;
//! // send `Authorization: Bearer {token.access_token.expose()}`
//! # Ok(()) }
//! ```
//!
//! The protocol is plain HTTP/1.1 with JSON over a Unix socket (see `docs/local-api.md`): any
//! language can call it. This crate adds what every caller should do: find the socket, check that
//! the agent is the caller's own user before sending anything, retry while the agent starts, and
//! turn problem documents into typed errors.

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::Duration;

use http_body_util::{BodyExt, Full};
use hyper::body::Bytes;
use hyper::client::conn::http1::SendRequest;
use hyper::{Method, Request, StatusCode};
use hyper_util::rt::TokioIo;
pub use latchkey_protocol::local::{ConsentAnswer, ConsentRequest, ConsentView, RememberedApp};
use latchkey_protocol::local::{
    ConsentAnswerBody, EntitlementsView, InstallProgress, LocalCatalog, LocalErrorCode, LocalProblem, PasswordSignIn, ProductEntitlement,
    SettingsView, SignInPrompt, Status, TosAccept, UpdateCheck, APP_HEADER, HOST,
};
pub use latchkey_protocol::local::{Status as AgentStatus, TokenResponse};
pub use latchkey_protocol::Secret;
use latchkey_transport::ConnectError;
use serde::de::DeserializeOwned;
use serde::Serialize;

/// How to start an agent, for [`Error::AgentNotRunning`].
pub const START_HINT: &str = "open the Latchkey app, or run `latchkey agent` (for servers and SSH sessions)";

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("no Latchkey agent is running on {socket}: {hint}", socket = .socket.display(), hint = START_HINT)]
    AgentNotRunning { socket: PathBuf },
    /// The socket is served by a process of another user: nothing was sent to it.
    #[error("the agent on {socket} runs as {user}, not as this user; refusing to talk to it", socket = .socket.display())]
    ForeignAgent { socket: PathBuf, user: String },
    #[error("not signed in: run `latchkey sign-in` or open Latchkey")]
    NotSignedIn,
    #[error("the Terms of Service must be accepted first: run `latchkey sign-in` or open Latchkey")]
    TosRequired,
    #[error("the Latchkey server cannot be reached: {0}")]
    BackendUnreachable(String),
    #[error("the server issues no tokens for this audience")]
    UnsupportedAudience,
    /// The agent refused this caller or this action (`forbidden_peer`, `forbidden_origin`,
    /// `sign_out_disabled`, `download_not_permitted`).
    #[error("access denied ({code}): {detail}")]
    AccessDenied { code: LocalErrorCode, detail: String },
    /// This program may not use the session (`app_not_allowed`): the user denied it or did not
    /// answer in time, or the organization admits only the programs it lists. The detail says
    /// which, and how to allow it.
    #[error("this program may not use the Latchkey sign-in: {0}")]
    AppNotAllowed(String),
    #[error("wrong email or password")]
    InvalidCredentials,
    #[error("too many failed sign-ins: try again in {} seconds", retry_after.unwrap_or(0))]
    AccountLocked { retry_after: Option<u64> },
    #[error("timed out waiting for the user to sign in")]
    Timeout,
    #[error("the agent has no window to ask the user in: sign in with `latchkey sign-in`")]
    NoInteractiveSession,
    #[error("no Terms of Service are awaiting acceptance")]
    NotPending,
    #[error("these are not the Terms of Service awaiting acceptance")]
    TosVersionMismatch,
    /// Any other problem document.
    #[error("the agent answered {status} {code}: {detail}")]
    Api { status: u16, code: LocalErrorCode, detail: String },
    /// The agent's answer is not the protocol's.
    #[error("unexpected answer from the agent: {0}")]
    Protocol(String),
    #[error("talking to the agent failed: {0}")]
    Io(#[from] std::io::Error),
}

impl Error {
    fn from_problem(status: u16, problem: LocalProblem) -> Error {
        let detail = problem.detail.unwrap_or(problem.title);
        match problem.code {
            LocalErrorCode::NotSignedIn => Error::NotSignedIn,
            LocalErrorCode::TosRequired => Error::TosRequired,
            LocalErrorCode::BackendUnreachable => Error::BackendUnreachable(detail),
            LocalErrorCode::UnsupportedAudience => Error::UnsupportedAudience,
            code @ (LocalErrorCode::ForbiddenPeer
            | LocalErrorCode::ForbiddenOrigin
            | LocalErrorCode::SignOutDisabled
            | LocalErrorCode::DownloadNotPermitted) => Error::AccessDenied { code, detail },
            LocalErrorCode::AppNotAllowed => Error::AppNotAllowed(detail),
            LocalErrorCode::InvalidCredentials => Error::InvalidCredentials,
            LocalErrorCode::AccountLocked => Error::AccountLocked { retry_after: problem.retry_after },
            LocalErrorCode::Timeout => Error::Timeout,
            LocalErrorCode::NoInteractiveSession => Error::NoInteractiveSession,
            LocalErrorCode::NotPending => Error::NotPending,
            LocalErrorCode::TosVersionMismatch => Error::TosVersionMismatch,
            code => Error::Api { status, code, detail },
        }
    }
}

/// A path segment or query value, percent-encoded.
fn encode(text: &str) -> String {
    text.bytes()
        .map(|b| if b.is_ascii_alphanumeric() || b"-._~".contains(&b) { (b as char).to_string() } else { format!("%{b:02X}") })
        .collect()
}

/// What to ask `POST /v1/token` for.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct TokenRequest {
    /// The API the token is for; `None`: the Latchkey server's own audience.
    pub audience: Option<String>,
    /// The token must stay valid at least this long (the agent's default: 60 s).
    pub min_valid: Option<Duration>,
}

impl TokenRequest {
    pub fn audience(mut self, audience: impl Into<String>) -> Self {
        self.audience = Some(audience.into());
        self
    }
    pub fn min_valid(mut self, min_valid: Duration) -> Self {
        self.min_valid = Some(min_valid);
        self
    }
}

/// How to reach the agent.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct ClientOptions {
    /// The socket; `None`: `LATCHKEY_AGENT_SOCKET`, else the contract's place for this user.
    pub socket: Option<PathBuf>,
    /// Sent as `Latchkey-App`, shown to the user and logged by the agent.
    pub app_name: Option<String>,
    /// How long to keep retrying while no agent answers yet (it may be starting).
    pub startup_wait: Duration,
}

impl Default for ClientOptions {
    fn default() -> Self {
        ClientOptions { socket: None, app_name: None, startup_wait: Duration::from_secs(1) }
    }
}

impl ClientOptions {
    pub fn socket(mut self, socket: impl Into<PathBuf>) -> Self {
        self.socket = Some(socket.into());
        self
    }
    pub fn app_name(mut self, name: impl Into<String>) -> Self {
        self.app_name = Some(name.into());
        self
    }
    pub fn startup_wait(mut self, wait: Duration) -> Self {
        self.startup_wait = wait;
        self
    }
}

/// What `POST /v1/sign-in` did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SignInOutcome {
    /// The desktop window was opened; the user signs in there.
    Prompted,
    /// Signed in (asked with a wait).
    SignedIn(Box<Status>),
}

/// A client of the local API. Cheap to keep: it reuses its connections.
pub struct Client {
    socket: PathBuf,
    app_name: Option<String>,
    startup_wait: Duration,
    idle: Mutex<Vec<SendRequest<Full<Bytes>>>>,
}

impl Default for Client {
    fn default() -> Self {
        Client::new(ClientOptions::default())
    }
}

/// The contract's socket path (or pipe name) for this user (`LATCHKEY_AGENT_SOCKET` first).
pub fn default_socket() -> PathBuf {
    latchkey_transport::default_path_from_process()
}

impl Client {
    pub fn new(options: ClientOptions) -> Client {
        Client {
            socket: options.socket.unwrap_or_else(default_socket),
            app_name: options.app_name,
            startup_wait: options.startup_wait,
            idle: Mutex::new(Vec::new()),
        }
    }

    pub fn socket(&self) -> &Path {
        &self.socket
    }

    /// A new connection, after checking that the agent on the other end is this user's.
    async fn connect(&self) -> Result<SendRequest<Full<Bytes>>, Error> {
        let deadline = tokio::time::Instant::now() + self.startup_wait;
        let stream = loop {
            match latchkey_transport::connect(&self.socket).await {
                Ok(stream) => break stream,
                Err(ConnectError::NotRunning(_)) if tokio::time::Instant::now() < deadline => {
                    tokio::time::sleep(Duration::from_millis(50)).await;
                }
                Err(ConnectError::NotRunning(_)) => return Err(Error::AgentNotRunning { socket: self.socket.clone() }),
                Err(ConnectError::ForeignAgent { user, .. }) => return Err(Error::ForeignAgent { socket: self.socket.clone(), user }),
                Err(ConnectError::Io { source, .. }) => return Err(Error::Io(source)),
            }
        };
        let (sender, connection) =
            hyper::client::conn::http1::handshake(TokioIo::new(stream)).await.map_err(|e| Error::Protocol(e.to_string()))?;
        tokio::spawn(async move {
            let _ = connection.await;
        });
        Ok(sender)
    }

    fn request(&self, method: Method, path: &str, body: Option<Vec<u8>>) -> Request<Full<Bytes>> {
        let mut builder = Request::builder().method(method).uri(path).header(hyper::header::HOST, HOST);
        if let Some(app) = &self.app_name {
            builder = builder.header(APP_HEADER, app.as_str());
        }
        if body.is_some() {
            builder = builder.header(hyper::header::CONTENT_TYPE, "application/json");
        }
        builder.body(Full::new(Bytes::from(body.unwrap_or_default()))).expect("a request of constant parts is valid")
    }

    /// Sends one request on an idle connection (or a new one) and reads the whole answer.
    async fn exchange(&self, method: Method, path: &str, body: Option<Vec<u8>>) -> Result<(StatusCode, Bytes), Error> {
        let pooled = {
            let mut idle = self.idle.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
            std::iter::from_fn(|| idle.pop()).find(|s| !s.is_closed())
        };
        let mut sender = match pooled {
            Some(sender) => sender,
            None => self.connect().await?,
        };
        if sender.ready().await.is_err() {
            sender = self.connect().await?;
        }
        let response = match sender.send_request(self.request(method.clone(), path, body.clone())).await {
            Ok(response) => response,
            // The agent closed an idle connection just as we used it: once more on a new one.
            Err(e) if e.is_canceled() || e.is_closed() => {
                sender = self.connect().await?;
                sender.send_request(self.request(method, path, body)).await.map_err(|e| Error::Protocol(e.to_string()))?
            }
            Err(e) => return Err(Error::Protocol(e.to_string())),
        };
        let status = response.status();
        let bytes = response.into_body().collect().await.map_err(|e| Error::Protocol(e.to_string()))?.to_bytes();
        if !sender.is_closed() {
            self.idle.lock().unwrap_or_else(std::sync::PoisonError::into_inner).push(sender);
        }
        Ok((status, bytes))
    }

    async fn call<T: DeserializeOwned>(&self, method: Method, path: &str, body: Option<&impl Serialize>) -> Result<(StatusCode, T), Error> {
        let body = body.map(|b| serde_json::to_vec(b).expect("request types serialise"));
        let (status, bytes) = self.exchange(method, path, body).await?;
        if status.is_success() {
            let value = serde_json::from_slice(&bytes).map_err(|e| Error::Protocol(format!("{path}: {e}")))?;
            return Ok((status, value));
        }
        match serde_json::from_slice::<LocalProblem>(&bytes) {
            Ok(problem) => Err(Error::from_problem(status.as_u16(), problem)),
            Err(_) => Err(Error::Protocol(format!("{path}: status {status} without a problem document"))),
        }
    }

    async fn get<T: DeserializeOwned>(&self, path: &str) -> Result<T, Error> {
        self.call(Method::GET, path, None::<&()>).await.map(|(_, v)| v)
    }

    /// `GET /v1/status`.
    pub async fn status(&self) -> Result<Status, Error> {
        self.get("/v1/status").await
    }

    /// `GET /v1/settings`: each setting with the layer it came from.
    pub async fn settings(&self) -> Result<SettingsView, Error> {
        self.get("/v1/settings").await
    }

    /// `POST /v1/token`: an access token valid at least `min_valid` (default 60 s). The first call
    /// of a program the user has not allowed yet waits for their answer (per-app consent), then
    /// succeeds or fails with [`Error::AppNotAllowed`]; so do the entitlement calls.
    pub async fn token(&self, request: &TokenRequest) -> Result<TokenResponse, Error> {
        let body = latchkey_protocol::local::TokenRequest {
            audience: request.audience.clone(),
            min_valid_seconds: request.min_valid.map(|d| u32::try_from(d.as_secs()).unwrap_or(u32::MAX)),
        };
        self.call(Method::POST, "/v1/token", Some(&body)).await.map(|(_, v)| v)
    }

    /// `GET /v1/entitlements`.
    pub async fn entitlements(&self) -> Result<EntitlementsView, Error> {
        self.get("/v1/entitlements").await
    }

    /// `GET /v1/entitlements/{product}`.
    pub async fn entitlement(&self, product: &str) -> Result<ProductEntitlement, Error> {
        self.get(&format!("/v1/entitlements/{}", encode(product))).await
    }

    /// `GET /v1/catalog`: the user's products, what is installed here and what is offered.
    pub async fn catalog(&self) -> Result<LocalCatalog, Error> {
        self.get("/v1/catalog").await
    }

    /// `GET /v1/updates/{product}`: whether a release newer than `current` (else the installed
    /// version) is offered for this computer.
    pub async fn update_check(&self, product: &str, current: Option<&str>) -> Result<UpdateCheck, Error> {
        let query = current.map(|c| format!("?current={}", encode(c))).unwrap_or_default();
        self.get(&format!("/v1/updates/{}{query}", encode(product))).await
    }

    /// `POST /v1/installs/{product}`: starts (or joins) the installation of the offered release.
    pub async fn start_install(&self, product: &str) -> Result<InstallProgress, Error> {
        self.call(Method::POST, &format!("/v1/installs/{}", encode(product)), None::<&()>).await.map(|(_, v)| v)
    }

    /// `GET /v1/installs/{product}`.
    pub async fn install_progress(&self, product: &str) -> Result<InstallProgress, Error> {
        self.get(&format!("/v1/installs/{}", encode(product))).await
    }

    /// `DELETE /v1/installs/{product}`: stops the download, keeping what was received.
    pub async fn cancel_install(&self, product: &str) -> Result<InstallProgress, Error> {
        self.call(Method::DELETE, &format!("/v1/installs/{}", encode(product)), None::<&()>).await.map(|(_, v)| v)
    }

    /// `GET /v1/consent`: the consent mode, the programs allowed or denied, and those waiting for
    /// an answer. Only Latchkey's own programs may ask.
    pub async fn consent(&self) -> Result<ConsentView, Error> {
        self.get("/v1/consent").await
    }

    /// `POST /v1/consent/requests/{id}`: answers a waiting program.
    pub async fn answer_consent(&self, id: &str, answer: ConsentAnswer) -> Result<ConsentView, Error> {
        let body = ConsentAnswerBody { answer };
        self.call(Method::POST, &format!("/v1/consent/requests/{}", encode(id)), Some(&body)).await.map(|(_, v)| v)
    }

    /// `DELETE /v1/consent/apps/{sha256}`: forgets the decision about an executable.
    pub async fn revoke_consent(&self, sha256: &str) -> Result<ConsentView, Error> {
        self.call(Method::DELETE, &format!("/v1/consent/apps/{}", encode(sha256)), None::<&()>).await.map(|(_, v)| v)
    }

    /// `POST /v1/sign-in`: opens the desktop window; with `wait`, until the user signed in.
    pub async fn sign_in(&self, wait: Option<Duration>) -> Result<SignInOutcome, Error> {
        let body = SignInPrompt { wait_seconds: wait.map(|w| u32::try_from(w.as_secs()).unwrap_or(u32::MAX)) };
        let (status, value): (StatusCode, serde_json::Value) = self.call(Method::POST, "/v1/sign-in", Some(&body)).await?;
        if status == StatusCode::ACCEPTED {
            return Ok(SignInOutcome::Prompted);
        }
        serde_json::from_value(value).map(|s| SignInOutcome::SignedIn(Box::new(s))).map_err(|e| Error::Protocol(e.to_string()))
    }

    /// `POST /v1/sign-in/password`.
    pub async fn sign_in_with_password(&self, email: &str, password: &Secret, accept_tos: bool) -> Result<Status, Error> {
        let body = PasswordSignIn { email: email.to_owned(), password: password.clone(), accept_tos: Some(accept_tos) };
        self.call(Method::POST, "/v1/sign-in/password", Some(&body)).await.map(|(_, v)| v)
    }

    /// `POST /v1/tos/accept`.
    pub async fn accept_tos(&self, version: &str) -> Result<Status, Error> {
        self.call(Method::POST, "/v1/tos/accept", Some(&TosAccept { version: version.to_owned() })).await.map(|(_, v)| v)
    }

    /// `POST /v1/tos/decline`.
    pub async fn decline_tos(&self) -> Result<Status, Error> {
        self.call(Method::POST, "/v1/tos/decline", None::<&()>).await.map(|(_, v)| v)
    }

    /// `POST /v1/sign-out`.
    pub async fn sign_out(&self) -> Result<Status, Error> {
        self.call(Method::POST, "/v1/sign-out", None::<&()>).await.map(|(_, v)| v)
    }

    /// `POST /v1/agent/handover`, then waits (up to `wait`) until the socket is free to bind.
    pub async fn handover(&self, wait: Duration) -> Result<(), Error> {
        let _: (StatusCode, serde_json::Value) = self.call(Method::POST, "/v1/agent/handover", None::<&()>).await?;
        self.idle.lock().unwrap_or_else(std::sync::PoisonError::into_inner).clear();
        let deadline = tokio::time::Instant::now() + wait;
        while self.socket.exists() && tokio::time::Instant::now() < deadline {
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        Ok(())
    }

    /// `GET /v1/events`: the status now, then at every change.
    pub async fn events(&self) -> Result<Events, Error> {
        let mut sender = self.connect().await?;
        let response =
            sender.send_request(self.request(Method::GET, "/v1/events", None)).await.map_err(|e| Error::Protocol(e.to_string()))?;
        if !response.status().is_success() {
            let status = response.status().as_u16();
            let bytes = response.into_body().collect().await.map_err(|e| Error::Protocol(e.to_string()))?.to_bytes();
            let problem: LocalProblem = serde_json::from_slice(&bytes).map_err(|e| Error::Protocol(e.to_string()))?;
            return Err(Error::from_problem(status, problem));
        }
        Ok(Events { body: response.into_body(), buffer: Vec::new(), _sender: sender })
    }
}

/// The stream of `status` events.
pub struct Events {
    body: hyper::body::Incoming,
    buffer: Vec<u8>,
    _sender: SendRequest<Full<Bytes>>,
}

impl Events {
    /// The next status; `None` when the agent closed the stream.
    pub async fn next(&mut self) -> Option<Result<Status, Error>> {
        loop {
            if let Some(end) = self.buffer.windows(2).position(|w| w == b"\n\n") {
                let event: Vec<u8> = self.buffer.drain(..end + 2).collect();
                let text = String::from_utf8_lossy(&event);
                let data: String = text.lines().filter_map(|l| l.strip_prefix("data:")).map(str::trim_start).collect::<Vec<_>>().join("\n");
                if text.lines().any(|l| l.trim() == "event: status") && !data.is_empty() {
                    return Some(serde_json::from_str(&data).map_err(|e| Error::Protocol(e.to_string())));
                }
                continue; // a keep-alive comment
            }
            match self.body.frame().await? {
                Ok(frame) => {
                    if let Some(data) = frame.data_ref() {
                        self.buffer.extend_from_slice(data);
                    }
                }
                Err(e) => return Some(Err(Error::Protocol(e.to_string()))),
            }
        }
    }
}
