//! The registration backend's client: reqwest over rustls with the OS trust store plus
//! `ExtraCaFile`, through the system proxy or the configured `Proxy`.

use std::time::Duration;

use latchkey_config::{Config, Proxy};
use latchkey_protocol::{
    Challenge, ChallengePurpose, ChallengeRequest, ClientInfo, CodeSent, Discovery, Entitlements, ForgotPasswordRequest, Jwks,
    PasswordPolicy, PasswordSet, Problem, Proof, RefreshRequest, RegisterRequest, ResetPasswordRequest, RevokeRequest, Secret,
    SessionResponse, SignInRequest, TosAcceptRequest, TosDocument,
};
use serde::de::DeserializeOwned;
use serde::Serialize;
use std::fmt::Write as _;

/// What went wrong talking to the backend.
#[derive(Debug, thiserror::Error)]
pub enum BackendError {
    /// No answer: connection refused, DNS, TLS, timeout.
    #[error("the backend cannot be reached: {0}")]
    Unreachable(String),
    /// An answer that is not the contract's (a 5xx, a proxy's error page, malformed JSON).
    #[error("the backend answered something unexpected: {0}")]
    Garbled(String),
    /// The backend refused the request with a problem document.
    #[error("the backend refused the request: {} ({})", .0.code.as_str(), .0.title)]
    Refused(Box<Problem>),
}

impl BackendError {
    /// Whether the session should go offline (as opposed to the request being wrong).
    pub fn is_outage(&self) -> bool {
        matches!(self, BackendError::Unreachable(_) | BackendError::Garbled(_))
    }
}

/// Why the client could not be built from the configuration.
#[derive(Debug, thiserror::Error)]
pub enum ClientBuildError {
    #[error("ServerUrl: {0}")]
    ServerUrl(String),
    #[error("ExtraCaFile {path}: {reason}")]
    ExtraCa { path: String, reason: String },
    #[error("Proxy {0}: not a usable proxy URL")]
    Proxy(String),
    #[error("the HTTP client cannot start: {0}")]
    Client(String),
}

#[derive(Clone)]
pub struct Backend {
    base: String,
    http: reqwest::Client,
    client: ClientInfo,
    /// How requests leave (`Proxy http://…`, `PAC …`), named in errors; `None`: the system's way.
    route: Option<String>,
}

impl std::fmt::Debug for Backend {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Backend").field("base", &self.base).finish_non_exhaustive()
    }
}

/// How long the agent waits for the backend before it calls it unreachable.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(15);

impl Backend {
    /// A client for `base` (the `ServerUrl`), honouring `Proxy` and `ExtraCaFile`; a request
    /// with no whole answer within `timeout` counts as unreachable.
    pub fn new(base: &str, config: &Config, client: ClientInfo, timeout: Duration) -> Result<Backend, ClientBuildError> {
        // Checked again here, whatever path the URL came by (a layer, the first-run screen, a flag).
        latchkey_config::check_server_url(base).map_err(ClientBuildError::ServerUrl)?;
        let mut builder = reqwest::Client::builder()
            .connect_timeout(timeout.min(Duration::from_secs(5)))
            .timeout(timeout)
            .user_agent(format!("latchkey-agent/{}", env!("CARGO_PKG_VERSION")))
            .redirect(reqwest::redirect::Policy::none());
        let mut roots = Vec::new();
        if let Some(path) = config.extra_ca_file() {
            let shown = path.display().to_string();
            let pem = std::fs::read(&path).map_err(|e| ClientBuildError::ExtraCa { path: shown.clone(), reason: e.to_string() })?;
            let certificates = reqwest::Certificate::from_pem_bundle(&pem)
                .map_err(|e| ClientBuildError::ExtraCa { path: shown.clone(), reason: e.to_string() })?;
            if certificates.is_empty() {
                return Err(ClientBuildError::ExtraCa { path: shown, reason: "holds no PEM certificate".into() });
            }
            roots = certificates;
        }
        for certificate in &roots {
            builder = builder.add_root_certificate(certificate.clone());
        }
        let route = match config.proxy() {
            // reqwest reads the system's settings: the `*_proxy` variables (all systems), the
            // Internet Settings of the registry on Windows, SystemConfiguration on macOS.
            Proxy::System => None,
            Proxy::Direct => {
                builder = builder.no_proxy();
                None
            }
            Proxy::Url(url) => {
                builder = builder.proxy(reqwest::Proxy::all(&url).map_err(|_| ClientBuildError::Proxy(url.clone()))?);
                Some(format!("Proxy {url}"))
            }
            Proxy::Pac(url) => {
                // The PAC file itself is fetched directly (it cannot route its own fetch).
                let mut fetch = reqwest::Client::builder().no_proxy().timeout(Duration::from_secs(10));
                for certificate in &roots {
                    fetch = fetch.add_root_certificate(certificate.clone());
                }
                let fetch = fetch.build().map_err(|e| ClientBuildError::Client(e.to_string()))?;
                let pac = crate::pac::Pac::start(url.clone(), fetch);
                builder = builder.proxy(reqwest::Proxy::custom(move |target| pac.proxy_for(target)));
                Some(format!("PAC {url}"))
            }
        };
        let http = builder.build().map_err(|e| ClientBuildError::Client(e.to_string()))?;
        Ok(Backend { base: base.trim_end_matches('/').to_owned(), http, client, route })
    }

    pub fn base(&self) -> &str {
        &self.base
    }

    /// A failed request in words an administrator can act on: the cause's chain, then what to
    /// check (the certificate's trust, the proxy that was used).
    fn describe(&self, error: &reqwest::Error) -> String {
        let mut text = describe(error);
        if text.contains("invalid peer certificate") || text.contains("certificate") && text.contains("UnknownIssuer") {
            text.push_str(
                " (the backend's TLS certificate is not trusted: if your organization uses its own certificate authority, \
                 set ExtraCaFile to its PEM file)",
            );
        } else if let Some(route) = &self.route {
            let _ = write!(text, " (through {route}: check the Proxy setting)");
        }
        text
    }

    async fn send<T: DeserializeOwned>(&self, request: reqwest::RequestBuilder) -> Result<T, BackendError> {
        let response = request.send().await.map_err(|e| BackendError::Unreachable(self.describe(&e)))?;
        let status = response.status();
        let bytes = response.bytes().await.map_err(|e| BackendError::Unreachable(self.describe(&e)))?;
        if status.is_success() {
            return serde_json::from_slice(&bytes)
                .map_err(|e| BackendError::Garbled(format!("status {status}, body not as expected: {e}")));
        }
        if status.is_client_error() {
            if let Ok(problem) = serde_json::from_slice::<Problem>(&bytes) {
                return Err(BackendError::Refused(Box::new(problem)));
            }
        }
        Err(BackendError::Garbled(format!("status {status}")))
    }

    async fn post<B: Serialize, T: DeserializeOwned>(&self, path: &str, body: &B) -> Result<T, BackendError> {
        self.send(self.http.post(format!("{}{path}", self.base)).json(body)).await
    }

    pub async fn sign_in(&self, email: &str, password: &Secret) -> Result<SessionResponse, BackendError> {
        let body = SignInRequest { email: email.to_owned(), password: password.clone(), client: Some(self.client.clone()) };
        self.post("/v1/sessions", &body).await
    }

    pub async fn accept_tos(&self, ticket: &Secret, version: &str) -> Result<SessionResponse, BackendError> {
        self.post("/v1/tos/accept", &TosAcceptRequest { tos_ticket: ticket.clone(), version: version.to_owned() }).await
    }

    pub async fn refresh(&self, refresh_token: &Secret, audience: Option<&str>) -> Result<SessionResponse, BackendError> {
        let body = RefreshRequest {
            grant_type: "refresh_token".into(),
            refresh_token: refresh_token.clone(),
            audience: audience.map(str::to_owned),
        };
        self.post("/v1/token", &body).await
    }

    pub async fn revoke(&self, refresh_token: &Secret) -> Result<(), BackendError> {
        let request =
            self.http.post(format!("{}/v1/sessions/revoke", self.base)).json(&RevokeRequest { refresh_token: refresh_token.clone() });
        let response = request.send().await.map_err(|e| BackendError::Unreachable(self.describe(&e)))?;
        if response.status().is_success() {
            Ok(())
        } else {
            Err(BackendError::Garbled(format!("status {}", response.status())))
        }
    }

    pub async fn entitlements(&self, access_token: &Secret) -> Result<Entitlements, BackendError> {
        self.send(self.http.get(format!("{}/v1/entitlements", self.base)).bearer_auth(access_token.expose())).await
    }

    /// The user's catalogue (`GET /v1/catalog`).
    pub async fn catalog(&self, access_token: &Secret) -> Result<latchkey_protocol::delivery::Catalog, BackendError> {
        self.send(self.http.get(format!("{}/v1/catalog", self.base)).bearer_auth(access_token.expose())).await
    }

    /// The HTTP client, for downloads (same proxy and trust settings as every other request).
    pub fn http(&self) -> &reqwest::Client {
        &self.http
    }

    pub async fn discovery(&self) -> Result<Discovery, BackendError> {
        self.send(self.http.get(format!("{}/.well-known/openid-configuration", self.base))).await
    }

    pub async fn jwks(&self, uri: &str) -> Result<Jwks, BackendError> {
        self.send(self.http.get(uri)).await
    }

    /// Forgot password, with a solved proof of work (bot protection).
    pub async fn forgot_password(&self, email: &str) -> Result<CodeSent, BackendError> {
        self.with_proof("/v1/password/forgot", ChallengePurpose::Forgot, email, |pow| ForgotPasswordRequest {
            email: email.to_owned(),
            pow,
        })
        .await
    }

    pub async fn reset_password(&self, email: &str, code: &Secret, new_password: &Secret) -> Result<PasswordSet, BackendError> {
        let body = ResetPasswordRequest { email: email.to_owned(), code: code.clone(), new_password: new_password.clone() };
        self.post("/v1/password/reset", &body).await
    }

    /// Self-registration, with a solved proof of work (bot protection).
    pub async fn register(&self, request: &RegisterRequest) -> Result<CodeSent, BackendError> {
        self.with_proof("/v1/register", ChallengePurpose::Register, &request.email, |pow| RegisterRequest { pow, ..request.clone() }).await
    }

    /// Asks for a challenge, solves it off the async workers and sends `body` with it (a request
    /// with a valid proof is never answered `proof_required`). A backend without `/v1/challenge`,
    /// or one that refuses to issue (an invalid address), gets the request without a proof and
    /// answers it as it will.
    async fn with_proof<B: Serialize>(
        &self,
        path: &str,
        purpose: ChallengePurpose,
        email: &str,
        body: impl Fn(Option<Proof>) -> B,
    ) -> Result<CodeSent, BackendError> {
        let request = ChallengeRequest { purpose, email: email.to_owned() };
        let pow = match self.post::<_, Challenge>("/v1/challenge", &request).await {
            Ok(challenge) => solve(challenge).await?,
            Err(BackendError::Refused(_)) => None,
            Err(e) => return Err(e),
        };
        self.post(path, &body(pow)).await
    }

    pub async fn password_policy(&self) -> Result<PasswordPolicy, BackendError> {
        self.send(self.http.get(format!("{}/v1/password/policy", self.base))).await
    }

    pub async fn current_tos(&self, lang: &str) -> Result<TosDocument, BackendError> {
        self.send(self.http.get(format!("{}/v1/tos/current", self.base)).query(&[("lang", lang)])).await
    }
}

/// The proof for a challenge, solved on tokio's blocking pool (it takes a core for up to a
/// second at a high difficulty). `None` for a challenge this client cannot solve.
async fn solve(challenge: Challenge) -> Result<Option<Proof>, BackendError> {
    if challenge.algorithm != crate::pow::ALGORITHM {
        return Ok(None);
    }
    let Challenge { challenge, difficulty, signature, .. } = challenge;
    let started = std::time::Instant::now();
    let (challenge, solution) = tokio::task::spawn_blocking(move || {
        let solution = crate::pow::solve(&challenge, difficulty);
        (challenge, solution)
    })
    .await
    .map_err(|e| BackendError::Garbled(format!("the proof of work did not finish: {e}")))?;
    tracing::debug!(difficulty, elapsed_ms = started.elapsed().as_millis() as u64, "proof of work solved");
    Ok(solution.map(|solution| Proof { challenge, signature, solution }))
}

/// The error's chain in one line (URLs carry no secret: tokens travel in bodies and headers).
fn describe(error: &reqwest::Error) -> String {
    let mut text = if error.is_timeout() { "timed out".to_owned() } else { error.to_string() };
    let mut source = std::error::Error::source(error);
    while let Some(inner) = source {
        text.push_str(": ");
        text.push_str(&inner.to_string());
        source = inner.source();
    }
    text
}
