//! `Proxy = pac+http://…/proxy.pac`: the proxy auto-config script, evaluated for real.
//!
//! The engine is Boa (`boa_engine`), a maintained JavaScript engine written in Rust: no C to
//! cross-compile for Windows and macOS, and limits on loops and recursion so that a broken script
//! cannot hang the agent. `Context` is not `Send`, so one thread owns it; reqwest asks through
//! [`Pac::proxy_for`], which answers from a per-origin cache (five minutes) and otherwise waits
//! at most two seconds for the thread. The script is fetched once (directly, never through itself)
//! and again every fifteen minutes; while it cannot be fetched or fails, requests go direct, as
//! browsers do, and the log says why.
//!
//! The helpers of the PAC convention are defined in JavaScript here (`HELPERS`), except the ones
//! that need the system: `dnsResolve`, `myIpAddress` (native functions).

use std::collections::HashMap;
use std::net::{IpAddr, ToSocketAddrs, UdpSocket};
use std::sync::mpsc;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use boa_engine::{js_string, Context, JsResult, JsString, JsValue, NativeFunction, Source};

/// The PAC helpers that need no system access, after the Netscape convention.
const HELPERS: &str = r"
function isPlainHostName(host) { return String(host).indexOf('.') < 0; }
function dnsDomainIs(host, domain) {
  host = String(host).toLowerCase(); domain = String(domain).toLowerCase();
  return host.length >= domain.length && host.substring(host.length - domain.length) === domain;
}
function localHostOrDomainIs(host, hostdom) {
  host = String(host).toLowerCase(); hostdom = String(hostdom).toLowerCase();
  return host === hostdom || hostdom.lastIndexOf(host + '.', 0) === 0;
}
function isResolvable(host) { return dnsResolve(host) !== null; }
function dnsDomainLevels(host) { return String(host).split('.').length - 1; }
function __ipv4(text) {
  var parts = String(text).split('.');
  if (parts.length !== 4) return null;
  var value = 0;
  for (var i = 0; i < 4; i++) {
    if (!/^[0-9]{1,3}$/.test(parts[i])) return null;
    var n = parseInt(parts[i], 10);
    if (n > 255) return null;
    value = value * 256 + n;
  }
  return value;
}
function convert_addr(ip) { var v = __ipv4(ip); return v === null ? 0 : v; }
function isInNet(host, pattern, mask) {
  var address = __ipv4(host) === null ? dnsResolve(host) : host;
  if (address === null) return false;
  var a = __ipv4(address), p = __ipv4(pattern), m = __ipv4(mask);
  if (a === null || p === null || m === null) return false;
  // 32-bit AND without the sign trouble of JavaScript's bitwise operators.
  for (var bit = 31; bit >= 0; bit--) {
    var weight = Math.pow(2, bit);
    var mb = Math.floor(m / weight) % 2, ab = Math.floor(a / weight) % 2, pb = Math.floor(p / weight) % 2;
    if (mb === 1 && ab !== pb) return false;
  }
  return true;
}
function shExpMatch(text, pattern) {
  var source = String(pattern).replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp('^' + source + '$').test(String(text));
}
var __days = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];
function weekdayRange(first, last, gmt) {
  if (last === 'GMT') { gmt = last; last = undefined; }
  var now = new Date(), day = gmt === 'GMT' ? now.getUTCDay() : now.getDay();
  var a = __days.indexOf(String(first).toUpperCase()), b = last === undefined ? a : __days.indexOf(String(last).toUpperCase());
  if (a < 0 || b < 0) return false;
  return a <= b ? (day >= a && day <= b) : (day >= a || day <= b);
}
function timeRange() {
  var args = Array.prototype.slice.call(arguments), gmt = args[args.length - 1] === 'GMT';
  if (gmt) args.pop();
  var now = new Date(), hour = gmt ? now.getUTCHours() : now.getHours();
  if (args.length === 1) return hour === Number(args[0]);
  if (args.length === 2) {
    var from = Number(args[0]), to = Number(args[1]);
    return from <= to ? hour >= from && hour <= to : hour >= from || hour <= to;
  }
  return false;
}
";

/// Where a request goes, as a PAC script decided.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Route {
    Direct,
    /// A proxy URL reqwest understands: `http://`, `https://` or `socks5://`.
    Proxy(String),
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PacError {
    #[error("the PAC script does not run: {0}")]
    Script(String),
    #[error("the PAC script defines no FindProxyForURL function")]
    NoFunction,
    #[error("the PAC file cannot be fetched: {0}")]
    Fetch(String),
}

/// A compiled PAC script in its own JavaScript context.
pub struct Engine {
    context: Context,
}

fn text_arg(args: &[JsValue], index: usize, context: &mut Context) -> JsResult<String> {
    Ok(args.get(index).cloned().unwrap_or_default().to_string(context)?.to_std_string_escaped())
}

fn dns_resolve(_this: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let host = text_arg(args, 0, context)?;
    Ok(resolve_ipv4(&host).map_or(JsValue::null(), |ip| JsValue::from(JsString::from(ip.to_string().as_str()))))
}

#[allow(clippy::unnecessary_wraps)] // the signature of a native function
fn my_ip_address(_this: &JsValue, _args: &[JsValue], _context: &mut Context) -> JsResult<JsValue> {
    Ok(JsValue::from(JsString::from(local_address().to_string().as_str())))
}

fn resolve_ipv4(host: &str) -> Option<IpAddr> {
    (host, 0).to_socket_addrs().ok()?.map(|a| a.ip()).find(IpAddr::is_ipv4)
}

/// The address this machine would use to reach the outside (no packet is sent: a UDP "connect"
/// only picks the route), else loopback.
fn local_address() -> IpAddr {
    UdpSocket::bind("0.0.0.0:0")
        .and_then(|socket| socket.connect("192.0.2.1:53").and_then(|()| socket.local_addr()))
        .map_or(IpAddr::from([127, 0, 0, 1]), |a| a.ip())
}

impl Engine {
    pub fn compile(script: &str) -> Result<Engine, PacError> {
        let mut context = Context::default();
        context.runtime_limits_mut().set_loop_iteration_limit(1_000_000);
        context.runtime_limits_mut().set_recursion_limit(256);
        let register = |context: &mut Context, name: JsString, body: NativeFunction| {
            context.register_global_builtin_callable(name, 1, body).map_err(|e| PacError::Script(e.to_string()))
        };
        register(&mut context, js_string!("dnsResolve"), NativeFunction::from_fn_ptr(dns_resolve))?;
        register(&mut context, js_string!("myIpAddress"), NativeFunction::from_fn_ptr(my_ip_address))?;
        context.eval(Source::from_bytes(HELPERS)).map_err(|e| PacError::Script(e.to_string()))?;
        context.eval(Source::from_bytes(script)).map_err(|e| PacError::Script(e.to_string()))?;
        let function =
            context.global_object().get(js_string!("FindProxyForURL"), &mut context).map_err(|e| PacError::Script(e.to_string()))?;
        if !function.is_callable() {
            return Err(PacError::NoFunction);
        }
        Ok(Engine { context })
    }

    /// `FindProxyForURL(url, host)`'s answer, e.g. `PROXY proxy:3128; DIRECT`.
    pub fn find_proxy(&mut self, url: &str, host: &str) -> Result<String, PacError> {
        let context = &mut self.context;
        let function = context.global_object().get(js_string!("FindProxyForURL"), context).map_err(|e| PacError::Script(e.to_string()))?;
        let callable = function.as_callable().ok_or(PacError::NoFunction)?;
        let arguments = [JsValue::from(JsString::from(url)), JsValue::from(JsString::from(host))];
        let answer = callable.call(&JsValue::undefined(), &arguments, context).map_err(|e| PacError::Script(e.to_string()))?;
        Ok(answer.to_string(context).map_err(|e| PacError::Script(e.to_string()))?.to_std_string_escaped())
    }
}

/// The first usable entry of a PAC answer (`PROXY h:p; SOCKS5 h:p; DIRECT`). Later entries, the
/// browsers' failover, are not tried: the first one is the organization's choice.
pub fn route_of(answer: &str) -> Route {
    for entry in answer.split(';').map(str::trim).filter(|e| !e.is_empty()) {
        let mut words = entry.split_whitespace();
        let kind = words.next().unwrap_or("").to_ascii_uppercase();
        let target = words.next();
        match (kind.as_str(), target) {
            ("DIRECT", _) => return Route::Direct,
            ("PROXY" | "HTTP", Some(target)) => return Route::Proxy(format!("http://{target}")),
            ("HTTPS", Some(target)) => return Route::Proxy(format!("https://{target}")),
            ("SOCKS" | "SOCKS5", Some(target)) => return Route::Proxy(format!("socks5://{target}")),
            _ => {}
        }
    }
    Route::Direct
}

struct Job {
    url: String,
    host: String,
    reply: mpsc::SyncSender<Route>,
}

/// The PAC of one agent: its evaluation thread and the answers it gave.
pub struct Pac {
    jobs: Mutex<mpsc::Sender<Job>>,
    answers: Mutex<HashMap<String, (Instant, Route)>>,
}

const ANSWER_LIFETIME: Duration = Duration::from_mins(5);
const SCRIPT_LIFETIME: Duration = Duration::from_mins(15);
const WAIT: Duration = Duration::from_secs(2);

impl Pac {
    /// Starts the evaluation thread for the PAC file at `pac_url`, fetched with `fetch`.
    pub fn start(pac_url: String, fetch: reqwest::Client) -> Arc<Pac> {
        let (jobs, queue) = mpsc::channel::<Job>();
        std::thread::Builder::new()
            .name("latchkey-pac".into())
            .spawn(move || evaluate_forever(&pac_url, &fetch, &queue))
            .map_err(|e| tracing::error!(error = %e, "cannot start the PAC thread; requests go direct"))
            .ok();
        Arc::new(Pac { jobs: Mutex::new(jobs), answers: Mutex::new(HashMap::new()) })
    }

    /// The proxy for `url`, for `reqwest::Proxy::custom`: `None` is direct.
    pub fn proxy_for(&self, url: &reqwest::Url) -> Option<reqwest::Url> {
        let host = url.host_str()?.to_owned();
        let origin = format!("{}://{}:{}", url.scheme(), host, url.port_or_known_default().unwrap_or(0));
        let now = Instant::now();
        let cached = self
            .answers
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .get(&origin)
            .filter(|(at, _)| now.duration_since(*at) < ANSWER_LIFETIME)
            .map(|(_, r)| r.clone());
        let route = match cached {
            Some(route) => route,
            None => {
                let (reply, answer) = mpsc::sync_channel(1);
                let sent =
                    self.jobs.lock().unwrap_or_else(PoisonError::into_inner).send(Job { url: url.to_string(), host: host.clone(), reply });
                let route = sent.ok().and_then(|()| answer.recv_timeout(WAIT).ok());
                match route {
                    Some(route) => {
                        self.answers.lock().unwrap_or_else(PoisonError::into_inner).insert(origin, (now, route.clone()));
                        route
                    }
                    None => Route::Direct,
                }
            }
        };
        match route {
            Route::Direct => None,
            Route::Proxy(proxy) => reqwest::Url::parse(&proxy).ok(),
        }
    }
}

fn fetch_script(pac_url: &str, fetch: &reqwest::Client) -> Result<String, PacError> {
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().map_err(|e| PacError::Fetch(e.to_string()))?;
    runtime.block_on(async {
        let response = fetch.get(pac_url).send().await.map_err(|e| PacError::Fetch(e.to_string()))?;
        if !response.status().is_success() {
            return Err(PacError::Fetch(format!("status {}", response.status())));
        }
        response.text().await.map_err(|e| PacError::Fetch(e.to_string()))
    })
}

fn evaluate_forever(pac_url: &str, fetch: &reqwest::Client, queue: &mpsc::Receiver<Job>) {
    let mut engine: Option<(Instant, Result<Engine, PacError>)> = None;
    let load = |engine: &mut Option<(Instant, Result<Engine, PacError>)>| {
        let loaded = fetch_script(pac_url, fetch).and_then(|script| Engine::compile(&script));
        match &loaded {
            Ok(_) => tracing::info!(pac = %pac_url, "PAC file loaded"),
            Err(e) => tracing::warn!(pac = %pac_url, error = %e, "PAC file unusable; requests go direct until it loads"),
        }
        // A failure is tried again after a minute, a success after the script's lifetime.
        let lifetime = if loaded.is_ok() { SCRIPT_LIFETIME } else { Duration::from_mins(1) };
        *engine = Some((Instant::now() + lifetime, loaded));
    };
    load(&mut engine);
    while let Ok(job) = queue.recv() {
        if engine.as_ref().is_none_or(|(until, _)| Instant::now() >= *until) {
            load(&mut engine);
        }
        let route = match engine.as_mut().map(|(_, e)| e) {
            Some(Ok(engine)) => match engine.find_proxy(&job.url, &job.host) {
                Ok(answer) => route_of(&answer),
                Err(e) => {
                    tracing::warn!(pac = %pac_url, host = %job.host, error = %e, "FindProxyForURL failed; going direct");
                    Route::Direct
                }
            },
            _ => Route::Direct,
        };
        let _ = job.reply.send(route);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SCRIPT: &str = r#"
        function FindProxyForURL(url, host) {
          if (isPlainHostName(host) || host === "127.0.0.1") return "DIRECT";
          if (dnsDomainIs(host, ".corp.test")) return "PROXY 127.0.0.1:3128; DIRECT";
          if (shExpMatch(host, "*.socks.example")) return "SOCKS5 10.0.0.9:1080";
          if (isInNet(host, "10.0.0.0", "255.0.0.0")) return "HTTPS secure.proxy:443";
          if (isInNet(myIpAddress(), "203.0.113.0", "255.255.255.0")) return "PROXY lab:8080";
          return "DIRECT";
        }"#;

    #[test]
    fn the_helpers_route_as_the_convention_says() {
        let mut engine = Engine::compile(SCRIPT).unwrap();
        let mut route = |host: &str| route_of(&engine.find_proxy(&format!("https://{host}/v1"), host).unwrap());
        assert_eq!(route("id.corp.test"), Route::Proxy("http://127.0.0.1:3128".into()));
        assert_eq!(route("intranet"), Route::Direct);
        assert_eq!(route("a.socks.example"), Route::Proxy("socks5://10.0.0.9:1080".into()));
        assert_eq!(route("10.1.2.3"), Route::Proxy("https://secure.proxy:443".into()));
        assert_eq!(route("11.1.2.3"), Route::Direct);
        assert_eq!(route("example.com"), Route::Direct);
    }

    #[test]
    fn answers_are_read_in_order_and_malformed_ones_go_direct() {
        assert_eq!(route_of("PROXY a:1; DIRECT"), Route::Proxy("http://a:1".into()));
        assert_eq!(route_of("  direct "), Route::Direct);
        assert_eq!(route_of("PROXY; SOCKS b:2"), Route::Proxy("socks5://b:2".into()));
        assert_eq!(route_of("nonsense"), Route::Direct);
        assert_eq!(route_of(""), Route::Direct);
    }

    #[test]
    fn broken_scripts_are_clear_errors_and_loops_are_stopped() {
        assert!(matches!(Engine::compile("function ("), Err(PacError::Script(_))));
        assert_eq!(Engine::compile("var x = 1;").err(), Some(PacError::NoFunction));
        let mut looping = Engine::compile("function FindProxyForURL(u, h) { while (true) {} }").unwrap();
        assert!(matches!(looping.find_proxy("http://x/", "x"), Err(PacError::Script(_))));
        let mut throwing = Engine::compile("function FindProxyForURL(u, h) { throw new Error('no'); }").unwrap();
        assert!(matches!(throwing.find_proxy("http://x/", "x"), Err(PacError::Script(_))));
    }

    #[test]
    fn shell_patterns_and_networks() {
        let mut engine = Engine::compile(
            "function FindProxyForURL(u, h) { return [shExpMatch(h, '*.ex?mple.com'), shExpMatch(h, 'a.b'), \
             isInNet(h, '192.168.0.0', '255.255.0.0'), localHostOrDomainIs(h, 'www.ex4mple.com'), dnsDomainLevels(h), \
             isInNet('127.0.0.1', '127.0.0.0', '255.0.0.0'), dnsResolve('localhost')].join(','); }",
        )
        .unwrap();
        assert_eq!(engine.find_proxy("http://www.ex4mple.com/", "www.ex4mple.com").unwrap(), "true,false,false,true,2,true,127.0.0.1");
        assert_eq!(engine.find_proxy("http://192.168.7.1/", "192.168.7.1").unwrap(), "false,false,true,false,3,true,127.0.0.1");
    }
}
