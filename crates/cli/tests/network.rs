//! Enterprise networks for real: the backend behind a TLS front (nginx) whose certificate a private
//! CA made here signed, reached through a forward proxy (squid) that alone can resolve its name,
//! through a SOCKS5 proxy (dante), and through a PAC file that routes the backend to the proxy and
//! everything else direct. The agent is the real one, in process, with the real server and SMTP.

use latchkey_test_support as support;
mod support_agent;

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use latchkey_agent::clock::ShiftedClock;
use latchkey_agent::secret_store::MemoryStore;
use latchkey_config::Key;
use latchkey_protocol::local::SessionState;
use latchkey_sdk::{Error, Secret, TokenRequest};
use support::{Backend, Smtp, TestServer, PASSWORD};
use support_agent::{Home, InProcessAgent, InProcessOptions};

/// The backend's name on the "corporate" network: nothing resolves it but the proxy.
const HOST: &str = "id.corp.test";

fn run(command: &mut Command) {
    let output = command.output().unwrap_or_else(|e| panic!("{command:?}: {e} (make test installs it)"));
    assert!(output.status.success(), "{command:?}: {}", String::from_utf8_lossy(&output.stderr));
}

/// A private CA and a server certificate for `HOST`, `localhost` and 127.0.0.1, by openssl.
struct Pki {
    ca: PathBuf,
    certificate: PathBuf,
    key: PathBuf,
}

impl Pki {
    fn new(dir: &Path) -> Pki {
        let path = |name: &str| dir.join(name);
        let ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"];
        run(Command::new("openssl")
            .args(["req", "-x509"])
            .args(ec)
            .arg("-keyout")
            .arg(path("ca.key"))
            .arg("-out")
            .arg(path("ca.pem"))
            .args(["-days", "2", "-subj", "/CN=Latchkey Test Private CA"])
            .args(["-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign"]));
        run(Command::new("openssl")
            .arg("req")
            .args(ec)
            .arg("-keyout")
            .arg(path("server.key"))
            .arg("-out")
            .arg(path("server.csr"))
            .args(["-subj", &format!("/CN={HOST}")]));
        std::fs::write(
            path("server.ext"),
            format!(
                "subjectAltName=DNS:{HOST},DNS:localhost,IP:127.0.0.1\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n\
                 keyUsage=critical,digitalSignature\n"
            ),
        )
        .unwrap();
        run(Command::new("openssl")
            .args(["x509", "-req", "-in"])
            .arg(path("server.csr"))
            .arg("-CA")
            .arg(path("ca.pem"))
            .arg("-CAkey")
            .arg(path("ca.key"))
            .args(["-CAcreateserial", "-days", "2", "-extfile"])
            .arg(path("server.ext"))
            .arg("-out")
            .arg(path("server.pem")));
        Pki { ca: path("ca.pem"), certificate: path("server.pem"), key: path("server.key") }
    }
}

/// A real server process (nginx, squid, danted) in the foreground, killed at the end.
struct Daemon {
    child: Child,
    log: PathBuf,
}

impl Daemon {
    fn start(command: &mut Command, port: u16, log: PathBuf) -> Daemon {
        let child = command.stdout(Stdio::null()).stderr(Stdio::null()).spawn().unwrap_or_else(|e| panic!("{command:?}: {e}"));
        let mut daemon = Daemon { child, log };
        let deadline = Instant::now() + Duration::from_secs(20);
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            if let Some(status) = daemon.child.try_wait().unwrap() {
                panic!("{command:?} exited with {status}: {}", daemon.log_text());
            }
            assert!(Instant::now() < deadline, "{command:?} did not listen on {port}: {}", daemon.log_text());
            std::thread::sleep(Duration::from_millis(50));
        }
        daemon
    }

    fn log_text(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }
}

impl Drop for Daemon {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn is_root() -> bool {
    Command::new("id").arg("-u").output().is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
}

/// A folder the daemons' unprivileged workers may write (squid and dante drop root).
fn shared_folder() -> tempfile::TempDir {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o777)).unwrap();
    dir
}

/// nginx terminating TLS for the backend on `port`, and serving `dir` (the PAC file) in plain HTTP
/// on `files_port`.
fn nginx(dir: &Path, pki: &Pki, port: u16, files_port: u16, upstream: &str) -> Daemon {
    let user = if is_root() { "user root root;" } else { "" };
    // Where the machine has IPv6 loopback, `localhost` may resolve to ::1 first (a proxy that
    // resolves it connects there): the TLS front listens on both.
    let ipv6 = if std::net::TcpListener::bind("[::1]:0").is_ok() { format!("listen [::1]:{port} ssl;") } else { String::new() };
    let d = dir.display();
    let config = format!(
        "{user}\nworker_processes 1;\ndaemon off;\npid {d}/nginx.pid;\nerror_log {d}/nginx-error.log;\n\
         events {{ worker_connections 64; }}\n\
         http {{\n  access_log {d}/nginx-access.log;\n  client_body_temp_path {d}/body;\n  proxy_temp_path {d}/proxy;\n\
           fastcgi_temp_path {d}/fastcgi;\n  uwsgi_temp_path {d}/uwsgi;\n  scgi_temp_path {d}/scgi;\n\
           server {{\n    listen 127.0.0.1:{port} ssl;\n    {ipv6}\n    server_name {HOST} localhost;\n\
             ssl_certificate {};\n    ssl_certificate_key {};\n\
             location / {{ proxy_pass {upstream}; proxy_set_header Host $host; proxy_buffering off; proxy_read_timeout 120s; }}\n  }}\n\
           server {{\n    listen 127.0.0.1:{files_port};\n    default_type application/x-ns-proxy-autoconfig;\n    root {d}/files;\n  }}\n}}\n",
        pki.certificate.display(),
        pki.key.display(),
    );
    std::fs::create_dir_all(dir.join("files")).unwrap();
    std::fs::write(dir.join("nginx.conf"), config).unwrap();
    Daemon::start(
        Command::new("nginx").arg("-p").arg(dir).arg("-e").arg(dir.join("nginx-error.log")).arg("-c").arg(dir.join("nginx.conf")),
        port,
        dir.join("nginx-error.log"),
    )
}

/// squid on `port`, resolving `HOST` to 127.0.0.1 from its own hosts file.
fn squid(dir: &Path, port: u16) -> Daemon {
    let d = dir.display();
    std::fs::write(dir.join("hosts"), format!("127.0.0.1 {HOST} localhost\n")).unwrap();
    let config = format!(
        "http_port 127.0.0.1:{port}\npid_filename {d}/squid.pid\ncache_log {d}/squid-cache.log\naccess_log stdio:{d}/squid-access.log\n\
         cache deny all\ncache_mem 8 MB\nhosts_file {d}/hosts\ncoredump_dir {d}\nshutdown_lifetime 0 seconds\n\
         http_access allow localhost\nhttp_access deny all\n"
    );
    std::fs::write(dir.join("squid.conf"), config).unwrap();
    Daemon::start(Command::new("squid").args(["-N", "-f"]).arg(dir.join("squid.conf")), port, dir.join("squid-cache.log"))
}

/// dante, a SOCKS5 server, on `port`.
fn dante(dir: &Path, port: u16) -> Daemon {
    let d = dir.display();
    let users = if is_root() { "user.privileged: root\nuser.unprivileged: nobody\n" } else { "" };
    let config = format!(
        "logoutput: {d}/danted.log\ninternal: 127.0.0.1 port = {port}\nexternal: lo\nclientmethod: none\nsocksmethod: none\n{users}\
         client pass {{ from: 127.0.0.0/8 to: 0/0 log: connect error }}\n\
         socks pass {{ from: 127.0.0.0/8 to: 0/0 log: connect error }}\n"
    );
    std::fs::write(dir.join("danted.conf"), config).unwrap();
    Daemon::start(Command::new("danted").arg("-f").arg(dir.join("danted.conf")), port, dir.join("danted.log"))
}

struct Network {
    _smtp: Smtp,
    server: TestServer,
    pki: Pki,
    dir: tempfile::TempDir,
    _nginx: Daemon,
    tls_port: u16,
    files_port: u16,
}

impl Network {
    /// The server behind nginx's TLS (its public URL, the issuer and the JWKS address, is
    /// `https://localhost:port`), with a user who has a password.
    async fn start() -> Network {
        let smtp = Smtp::start();
        let dir = shared_folder();
        let pki = Pki::new(dir.path());
        let tls_port = support::free_port();
        let files_port = support::free_port();
        let public = format!("https://localhost:{tls_port}");
        let server = TestServer::start(Backend::Sqlite, &smtp, &[("LATCHKEY_PUBLIC_URL", &public)]).await;
        server.publish_tos("2026-11", "en").await;
        server.purchase("net@corp.test").await;
        server.set_password(&smtp, "net@corp.test", 1).await;
        let nginx = nginx(dir.path(), &pki, tls_port, files_port, &server.url);
        Network { _smtp: smtp, server, pki, dir, _nginx: nginx, tls_port, files_port }
    }

    async fn agent(&self, home: &Home, settings: &[(Key, &str)]) -> InProcessAgent {
        let options = InProcessOptions {
            store: Arc::new(MemoryStore::default()),
            backend_timeout: Duration::from_secs(10),
            clock: ShiftedClock::default(),
        };
        InProcessAgent::start_with_settings(home, settings, options).await.unwrap()
    }

    /// Signs in and fetches a token and the entitlements: the whole path works.
    async fn signs_in(&self, settings: &[(Key, &str)]) {
        let home = Home::new();
        let agent = self.agent(&home, settings).await;
        let client = agent.client();
        let status = client.sign_in_with_password("net@corp.test", &Secret::new(PASSWORD), true).await;
        let state = status.map_or_else(|e| panic!("{settings:?}: {e}"), |s| s.state);
        assert_eq!(state, SessionState::SignedIn, "{settings:?}: {:?}", client.status().await);
        let token = client.token(&TokenRequest::default()).await.unwrap();
        let (status, me) = self.server.get("/v1/me", Some(token.access_token.expose())).await;
        assert_eq!((status, me["email"].as_str()), (200, Some("net@corp.test")));
        assert!(client.entitlement("suite").await.unwrap().entitled, "{settings:?}");
        agent.stop().await;
    }

    /// Signs in and returns the refusal's words.
    async fn fails(&self, settings: &[(Key, &str)]) -> String {
        let home = Home::new();
        let agent = self.agent(&home, settings).await;
        let answer = agent.client().sign_in_with_password("net@corp.test", &Secret::new(PASSWORD), true).await;
        agent.stop().await;
        match answer {
            Err(Error::BackendUnreachable(detail)) => detail,
            other => panic!("{settings:?}: expected backend_unreachable, got {other:?}"),
        }
    }
}

/// squid's access log once `seen` holds, or after 10 seconds: squid writes a tunnel's line when
/// the tunnel closes, which can be a moment after the agent that used it stopped.
async fn squid_log_once(log: &Path, seen: impl Fn(&str) -> bool) -> String {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let text = std::fs::read_to_string(log).unwrap_or_default();
        if seen(&text) || Instant::now() > deadline {
            return text;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_private_ca_needs_extra_ca_file_and_an_http_proxy_is_the_only_route() {
    let net = Network::start().await;
    let ca = net.pki.ca.display().to_string();
    let at_localhost = format!("https://localhost:{}", net.tls_port);
    let at_corp = format!("https://{HOST}:{}", net.tls_port);

    // TLS signed by a CA the system does not trust: a clear certificate error, then sign-in with it.
    let refused = net.fails(&[(Key::ServerUrl, &at_localhost)]).await;
    assert!(refused.contains("certificate") && refused.contains("ExtraCaFile"), "{refused}");
    net.signs_in(&[(Key::ServerUrl, &at_localhost), (Key::ExtraCaFile, &ca)]).await;

    // The corporate name resolves only at the proxy: direct fails, the proxy works.
    let squid_port = support::free_port();
    let squid = squid(net.dir.path(), squid_port);
    let proxy = format!("http://127.0.0.1:{squid_port}");
    let direct = net.fails(&[(Key::ServerUrl, &at_corp), (Key::ExtraCaFile, &ca), (Key::Proxy, "none")]).await;
    assert!(!direct.is_empty(), "{direct}");
    net.signs_in(&[(Key::ServerUrl, &at_corp), (Key::ExtraCaFile, &ca), (Key::Proxy, &proxy)]).await;
    let access_log = net.dir.path().join("squid-access.log");
    let connect = format!("CONNECT {HOST}:{}", net.tls_port);
    let access = squid_log_once(&access_log, |log| log.contains(&connect)).await;
    assert!(access.contains(&connect), "the proxy carried the backend: {access}");

    // A proxy that is not there: the error names it.
    let wrong = format!("http://127.0.0.1:{}", support::free_port());
    let refused = net.fails(&[(Key::ServerUrl, &at_corp), (Key::ExtraCaFile, &ca), (Key::Proxy, &wrong)]).await;
    assert!(refused.contains(&format!("through Proxy {wrong}")), "{refused}");

    // PAC: the backend through the proxy, everything else direct.
    let pac = format!(
        "function FindProxyForURL(url, host) {{\n  if (dnsDomainIs(host, '.corp.test') && shExpMatch(url, 'https://*')) return 'PROXY 127.0.0.1:{squid_port}';\n\
           if (isInNet(host, '10.0.0.0', '255.0.0.0') || isInNet(myIpAddress(), '198.51.100.0', '255.255.255.0')) return 'PROXY 10.9.9.9:1';\n  return 'DIRECT';\n}}\n"
    );
    std::fs::write(net.dir.path().join("files/proxy.pac"), pac).unwrap();
    let pac_url = format!("pac+http://127.0.0.1:{}/proxy.pac", net.files_port);
    let tunnels = |log: &str| log.matches(&connect).count();
    let before = tunnels(&std::fs::read_to_string(&access_log).unwrap_or_default());
    net.signs_in(&[(Key::ServerUrl, &at_corp), (Key::ExtraCaFile, &ca), (Key::Proxy, &pac_url)]).await;
    let access = squid_log_once(&access_log, |log| tunnels(log) > before).await;
    assert!(tunnels(&access) > before, "the PAC routed the backend through the proxy: {access}");
    // ... and a host the PAC sends direct goes direct (localhost, not through squid).
    // (Earlier steps tunnelled to localhost too: the agent reads the server's keys at its issuer URL.)
    let localhost_tunnels = |log: &str| log.matches(&format!("CONNECT localhost:{}", net.tls_port)).count();
    let before = localhost_tunnels(&access);
    net.signs_in(&[(Key::ServerUrl, &at_localhost), (Key::ExtraCaFile, &ca), (Key::Proxy, &pac_url)]).await;
    let access = squid_log_once(&access_log, |log| localhost_tunnels(log) > before).await;
    assert_eq!(localhost_tunnels(&access), before, "localhost went direct: {access}");
    drop(squid);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_socks5_proxy_carries_the_backend() {
    let net = Network::start().await;
    let ca = net.pki.ca.display().to_string();
    let socks_port = support::free_port();
    let socks = dante(net.dir.path(), socks_port);
    // socks5: the agent resolves the name and sends an address; socks5h: dante resolves it (to
    // 127.0.0.1 or ::1, where the TLS front listens too).
    let at_localhost = format!("https://localhost:{}", net.tls_port);
    for scheme in ["socks5", "socks5h"] {
        let proxy = format!("{scheme}://127.0.0.1:{socks_port}");
        net.signs_in(&[(Key::ServerUrl, &at_localhost), (Key::ExtraCaFile, &ca), (Key::Proxy, &proxy)]).await;
    }
    let log = socks.log_text();
    assert!(log.contains(&format!(".{}", net.tls_port)), "dante carried the connections to the TLS front: {log}");
}
