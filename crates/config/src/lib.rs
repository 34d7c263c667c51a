//! The desktop client's settings (`shared/contract/configuration.md`): its six keys and three of
//! ours (`Updates`, `ConsentMode`, `AllowedApps`), read from five
//! layers — policy, environment, user settings, machine defaults, built-in defaults — highest
//! first. A malformed value is reported and that layer's value ignored; reading never fails.

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

mod files;
#[cfg(target_os = "macos")]
mod macos;
#[cfg(windows)]
mod windows;

pub use files::{read_toml_file, write_user_setting, WriteError};
pub use latchkey_protocol::local::ConsentMode;

/// The six keys of the contract, then the keys added since.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Key {
    ServerUrl,
    AutoStart,
    AllowSignOut,
    Proxy,
    ExtraCaFile,
    Language,
    /// How Latchkey updates itself: `auto`, `notify` or `off` (the organization's channel applies
    /// too; the stricter wins).
    Updates,
    /// How a program that asks for the user's token or entitlements for the first time is
    /// treated: `prompt`, `allow` or `deny-unknown`.
    ConsentMode,
    /// Programs served without asking: `;`-separated absolute paths or `sha256:` hashes.
    AllowedApps,
}

impl Key {
    pub const ALL: [Key; 9] = [
        Key::ServerUrl,
        Key::AutoStart,
        Key::AllowSignOut,
        Key::Proxy,
        Key::ExtraCaFile,
        Key::Language,
        Key::Updates,
        Key::ConsentMode,
        Key::AllowedApps,
    ];

    /// The registry / plist name, also the key of `GET /v1/settings`.
    pub fn name(self) -> &'static str {
        match self {
            Key::ServerUrl => "ServerUrl",
            Key::AutoStart => "AutoStart",
            Key::AllowSignOut => "AllowSignOut",
            Key::Proxy => "Proxy",
            Key::ExtraCaFile => "ExtraCaFile",
            Key::Language => "Language",
            Key::Updates => "Updates",
            Key::ConsentMode => "ConsentMode",
            Key::AllowedApps => "AllowedApps",
        }
    }

    pub fn toml_key(self) -> &'static str {
        match self {
            Key::ServerUrl => "server_url",
            Key::AutoStart => "autostart",
            Key::AllowSignOut => "allow_sign_out",
            Key::Proxy => "proxy",
            Key::ExtraCaFile => "extra_ca_file",
            Key::Language => "language",
            Key::Updates => "updates",
            Key::ConsentMode => "consent_mode",
            Key::AllowedApps => "allowed_apps",
        }
    }

    /// The MSI's public property that sets it (configuration.md).
    pub fn msi_property(self) -> &'static str {
        match self {
            Key::ServerUrl => "SERVER_URL",
            Key::AutoStart => "AUTOSTART",
            Key::AllowSignOut => "ALLOW_SIGNOUT",
            Key::Proxy => "PROXY",
            Key::ExtraCaFile => "EXTRA_CA_FILE",
            Key::Language => "UI_LANGUAGE",
            Key::Updates => "UPDATES",
            Key::ConsentMode => "CONSENT_MODE",
            Key::AllowedApps => "ALLOWED_APPS",
        }
    }

    pub fn env_var(self) -> &'static str {
        match self {
            Key::ServerUrl => "LATCHKEY_SERVER_URL",
            Key::AutoStart => "LATCHKEY_AUTOSTART",
            Key::AllowSignOut => "LATCHKEY_ALLOW_SIGN_OUT",
            Key::Proxy => "LATCHKEY_PROXY",
            Key::ExtraCaFile => "LATCHKEY_EXTRA_CA_FILE",
            Key::Language => "LATCHKEY_LANGUAGE",
            Key::Updates => "LATCHKEY_UPDATES",
            Key::ConsentMode => "LATCHKEY_CONSENT_MODE",
            Key::AllowedApps => "LATCHKEY_ALLOWED_APPS",
        }
    }

    pub fn from_toml_key(key: &str) -> Option<Key> {
        Key::ALL.into_iter().find(|k| k.toml_key() == key)
    }

    pub fn from_name(name: &str) -> Option<Key> {
        Key::ALL.into_iter().find(|k| k.name().eq_ignore_ascii_case(name))
    }
}

/// The layer a value came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Source {
    Policy,
    Environment,
    User,
    Machine,
    Default,
}

impl Source {
    pub fn name(self) -> &'static str {
        match self {
            Source::Policy => "policy",
            Source::Environment => "environment",
            Source::User => "user",
            Source::Machine => "machine",
            Source::Default => "default",
        }
    }
}

/// A value as a layer holds it, before it is checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Raw {
    Text(String),
    Bool(bool),
    Integer(i64),
}

/// One layer: the keys it sets. `origin` names the file or registry key for messages.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Layer {
    pub values: BTreeMap<Key, (Raw, String)>,
    pub problems: Vec<Problem>,
}

impl Layer {
    pub fn set(&mut self, key: Key, raw: Raw, origin: impl Into<String>) {
        self.values.insert(key, (raw, origin.into()));
    }
}

/// A malformed value (or unreadable file), reported and ignored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub source: Source,
    /// The file or registry key.
    pub origin: String,
    pub key: Option<Key>,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.key {
            Some(key) => write!(f, "{} ({} layer, {}): {}", key.name(), self.source.name(), self.origin, self.message),
            None => write!(f, "{} layer, {}: {}", self.source.name(), self.origin, self.message),
        }
    }
}

/// How the backend is reached.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Proxy {
    /// `""`: the system's proxy settings (the `*_proxy` variables on Linux).
    System,
    /// `none`: always direct.
    Direct,
    /// `http://host:port` (or https).
    Url(String),
    /// `pac+http://…/proxy.pac`: the URL of the PAC file, without `pac+`.
    Pac(String),
}

/// One entry of `AllowedApps`: a program named by its executable's absolute path, or by the
/// SHA-256 of the executable (which survives a move and does not survive a change).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AllowedApp {
    Path(PathBuf),
    Sha256(String),
}

impl AllowedApp {
    /// Parses a `;`-separated list; empty entries are skipped, a bad one refuses the whole list
    /// (the layer's value is then ignored, as for any malformed value).
    pub fn parse_list(text: &str) -> Result<Vec<AllowedApp>, String> {
        text.split(';').map(str::trim).filter(|e| !e.is_empty()).map(AllowedApp::parse).collect()
    }

    fn parse(entry: &str) -> Result<AllowedApp, String> {
        if let Some(hash) = entry.get(..7).filter(|p| p.eq_ignore_ascii_case("sha256:")).map(|_| &entry[7..]) {
            return if hash.len() == 64 && hash.bytes().all(|b| b.is_ascii_hexdigit()) {
                Ok(AllowedApp::Sha256(hash.to_ascii_lowercase()))
            } else {
                Err(format!("{entry:?}: a sha256: entry needs 64 hexadecimal digits"))
            };
        }
        if Path::new(entry).is_absolute() {
            Ok(AllowedApp::Path(PathBuf::from(entry)))
        } else {
            Err(format!("{entry:?} is neither an absolute path nor sha256:<64 hex digits>"))
        }
    }
}

impl fmt::Display for AllowedApp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AllowedApp::Path(path) => write!(f, "{}", path.display()),
            AllowedApp::Sha256(hash) => write!(f, "sha256:{hash}"),
        }
    }
}

/// A checked value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Value {
    Text(Option<String>),
    Bool(bool),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Effective {
    pub value: Value,
    pub source: Source,
}

/// The effective configuration: each key with its layer, and every problem met on the way.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Config {
    pub values: BTreeMap<Key, Effective>,
    pub problems: Vec<Problem>,
}

impl Config {
    fn text(&self, key: Key) -> Option<&str> {
        match &self.values[&key].value {
            Value::Text(text) => text.as_deref(),
            Value::Bool(_) => None,
        }
    }

    fn flag(&self, key: Key) -> bool {
        matches!(self.values[&key].value, Value::Bool(true))
    }

    pub fn server_url(&self) -> Option<&str> {
        self.text(Key::ServerUrl)
    }
    pub fn autostart(&self) -> bool {
        self.flag(Key::AutoStart)
    }
    pub fn allow_sign_out(&self) -> bool {
        self.flag(Key::AllowSignOut)
    }
    pub fn proxy(&self) -> Proxy {
        match self.text(Key::Proxy) {
            None => Proxy::System,
            Some(p) if p.eq_ignore_ascii_case("none") => Proxy::Direct,
            Some(p) => match p.strip_prefix("pac+") {
                Some(url) => Proxy::Pac(url.to_owned()),
                None => Proxy::Url(p.to_owned()),
            },
        }
    }
    pub fn extra_ca_file(&self) -> Option<PathBuf> {
        self.text(Key::ExtraCaFile).map(PathBuf::from)
    }
    /// `None`: the OS locale.
    pub fn language(&self) -> Option<&str> {
        self.text(Key::Language)
    }
    /// How Latchkey may update itself on this machine (`auto` when unset; the organization's
    /// channel may be stricter).
    pub fn updates(&self) -> latchkey_protocol::delivery::UpdateChannel {
        self.text(Key::Updates).and_then(latchkey_protocol::delivery::UpdateChannel::parse).unwrap_or_default()
    }
    /// How programs asking for the session for the first time are treated (`prompt` when unset).
    pub fn consent_mode(&self) -> ConsentMode {
        self.text(Key::ConsentMode).and_then(ConsentMode::parse).unwrap_or_default()
    }
    /// The programs IT lets use the session without asking.
    pub fn allowed_apps(&self) -> Vec<AllowedApp> {
        self.text(Key::AllowedApps).and_then(|text| AllowedApp::parse_list(text).ok()).unwrap_or_default()
    }
    /// Whether the policy layer enforces `key` (the UI shows it as "set by your organization").
    pub fn enforced(&self, key: Key) -> bool {
        self.values[&key].source == Source::Policy
    }
    pub fn source(&self, key: Key) -> Source {
        self.values[&key].source
    }
}

fn default_value(key: Key) -> Value {
    match key {
        Key::AutoStart | Key::AllowSignOut => Value::Bool(true),
        Key::ServerUrl | Key::Proxy | Key::ExtraCaFile | Key::Language | Key::Updates | Key::ConsentMode | Key::AllowedApps => {
            Value::Text(None)
        }
    }
}

/// Checks one raw value for `key`. `Ok(None)` is an empty value: unset, the next layer decides.
pub fn check(key: Key, raw: &Raw) -> Result<Option<Value>, String> {
    match key {
        Key::AutoStart | Key::AllowSignOut => match raw {
            Raw::Bool(b) => Ok(Some(Value::Bool(*b))),
            Raw::Integer(0) => Ok(Some(Value::Bool(false))),
            Raw::Integer(1) => Ok(Some(Value::Bool(true))),
            Raw::Integer(n) => Err(format!("expected 1/0/true/false, found {n}")),
            Raw::Text(t) => match t.trim().to_ascii_lowercase().as_str() {
                "" => Ok(None),
                "1" | "true" => Ok(Some(Value::Bool(true))),
                "0" | "false" => Ok(Some(Value::Bool(false))),
                _ => Err(format!("expected 1/0/true/false, found {t:?}")),
            },
        },
        _ => {
            let text = match raw {
                Raw::Text(t) => t.trim(),
                Raw::Bool(_) | Raw::Integer(_) => return Err("expected a string".into()),
            };
            if text.is_empty() {
                return Ok(None);
            }
            if text.chars().any(char::is_control) {
                return Err("contains control characters".into());
            }
            match key {
                Key::ServerUrl => {
                    check_server_url(text)?;
                    Ok(Some(Value::Text(Some(text.trim_end_matches('/').to_owned()))))
                }
                Key::Proxy => {
                    if text.eq_ignore_ascii_case("none") {
                        return Ok(Some(Value::Text(Some("none".into()))));
                    }
                    match text.get(..4).filter(|p| p.eq_ignore_ascii_case("pac+")) {
                        Some(_) => check_url(&text[4..], &["http", "https"])?,
                        None => check_url(text, &["http", "https", "socks5", "socks5h"])?,
                    };
                    Ok(Some(Value::Text(Some(text.to_owned()))))
                }
                Key::ExtraCaFile => {
                    if Path::new(text).is_absolute() {
                        Ok(Some(Value::Text(Some(text.to_owned()))))
                    } else {
                        Err(format!("{text:?} is not an absolute path"))
                    }
                }
                Key::Language => {
                    if let Some(language) = latchkey_protocol::Language::from_code(&text.to_ascii_lowercase()) {
                        Ok(Some(Value::Text(Some(language.code().to_owned()))))
                    } else {
                        let codes: Vec<&str> = latchkey_protocol::Language::ALL.iter().map(|l| l.code()).collect();
                        Err(format!("{text:?} is not one of {}", codes.join(", ")))
                    }
                }
                Key::Updates => match latchkey_protocol::delivery::UpdateChannel::parse(&text.to_ascii_lowercase()) {
                    Some(channel) => Ok(Some(Value::Text(Some(channel.as_str().to_owned())))),
                    None => Err(format!("{text:?} is not one of auto, notify, off")),
                },
                Key::ConsentMode => match ConsentMode::parse(&text.to_ascii_lowercase()) {
                    Some(mode) => Ok(Some(Value::Text(Some(mode.as_str().to_owned())))),
                    None => Err(format!("{text:?} is not one of prompt, allow, deny-unknown")),
                },
                Key::AllowedApps => {
                    let entries = AllowedApp::parse_list(text)?;
                    let canonical: Vec<String> = entries.iter().map(ToString::to_string).collect();
                    Ok(Some(Value::Text(Some(canonical.join(";")))))
                }
                Key::AutoStart | Key::AllowSignOut => unreachable!("booleans are handled above"),
            }
        }
    }
}

/// Parses `text` as an absolute URL (the `url` crate, WHATWG rules) with one of `schemes`, a
/// host, and no user name or password (a setting is no place for a secret).
fn check_url(text: &str, schemes: &[&str]) -> Result<url::Url, String> {
    let url = url::Url::parse(text).map_err(|e| format!("{text:?} is not a valid URL ({e})"))?;
    if !schemes.contains(&url.scheme()) {
        let names: Vec<String> = schemes.iter().map(|s| format!("{s}://")).collect();
        return Err(format!("{text:?} must start with {}", names.join(" or ")));
    }
    if url.host().is_none() || url.host_str().is_some_and(str::is_empty) {
        return Err(format!("{text:?} has no valid host"));
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(format!("{text:?} must not carry a user name or password"));
    }
    Ok(url)
}

/// `ServerUrl`: `https://`, or plain `http://` to a loopback address only (a password sent to
/// any other host over plain HTTP would cross the network in clear).
pub fn check_server_url(text: &str) -> Result<url::Url, String> {
    let url = check_url(text, &["https", "http"])?;
    if url.scheme() == "http" && !is_loopback(&url) {
        return Err(format!(
            "{text:?} uses plain http:// to a host that is not this machine: passwords would travel in clear. \
             Use https:// (plain http:// is accepted for localhost, 127.0.0.1 and ::1 only)"
        ));
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(format!("{text:?} must not have a query or fragment"));
    }
    Ok(url)
}

/// Whether the URL's host is this machine: `localhost` (and `*.localhost`, RFC 6761), 127/8, `::1`.
pub fn is_loopback(url: &url::Url) -> bool {
    match url.host() {
        Some(url::Host::Domain(name)) => {
            let name = name.trim_end_matches('.').to_ascii_lowercase();
            name == "localhost" || name.ends_with(".localhost")
        }
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        None => false,
    }
}

/// Merges the layers (highest first) over the built-in defaults.
pub fn merge(layers: Vec<(Source, Layer)>) -> Config {
    let mut problems = Vec::new();
    let mut values = BTreeMap::new();
    for (source, layer) in layers {
        problems.extend(layer.problems);
        for (key, (raw, origin)) in layer.values {
            match check(key, &raw) {
                Ok(Some(value)) => {
                    values.entry(key).or_insert(Effective { value, source });
                }
                Ok(None) => {}
                Err(message) => problems.push(Problem { source, origin, key: Some(key), message }),
            }
        }
    }
    for key in Key::ALL {
        values.entry(key).or_insert(Effective { value: default_value(key), source: Source::Default });
    }
    Config { values, problems }
}

/// Where this OS keeps each layer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Locations {
    /// Linux: `/etc/latchkey/policies` (every `*.toml`, lexical order, later wins).
    pub policy_dir: Option<PathBuf>,
    pub user_file: Option<PathBuf>,
    /// Linux: `/etc/latchkey/config.toml`.
    pub machine_file: Option<PathBuf>,
}

impl Locations {
    /// The places of `configuration.md` for this OS. The policy layer's place is fixed: no
    /// variable moves it. `env` looks up `XDG_CONFIG_HOME`, `HOME` and `APPDATA`.
    pub fn for_this_os(env: &dyn Fn(&str) -> Option<String>) -> Locations {
        let home = env("HOME").filter(|h| !h.is_empty()).map(PathBuf::from);
        if cfg!(windows) {
            Locations {
                policy_dir: None,
                user_file: env("APPDATA").map(|a| PathBuf::from(a).join("Latchkey").join("settings.toml")),
                machine_file: None,
            }
        } else if cfg!(target_os = "macos") {
            Locations {
                policy_dir: None,
                user_file: home.map(|h| h.join("Library/Application Support/Latchkey/settings.toml")),
                machine_file: None,
            }
        } else {
            let config_home = env("XDG_CONFIG_HOME")
                .filter(|p| Path::new(p).is_absolute())
                .map(PathBuf::from)
                .or_else(|| home.map(|h| h.join(".config")));
            Locations {
                policy_dir: Some(PathBuf::from("/etc/latchkey/policies")),
                user_file: config_home.map(|c| c.join("latchkey").join("settings.toml")),
                machine_file: Some(PathBuf::from("/etc/latchkey/config.toml")),
            }
        }
    }
}

/// Reads the environment layer through `env`.
pub fn environment_layer(env: &dyn Fn(&str) -> Option<String>) -> Layer {
    let mut layer = Layer::default();
    for key in Key::ALL {
        if let Some(value) = env(key.env_var()) {
            layer.set(key, Raw::Text(value), key.env_var());
        }
    }
    layer
}

/// Reads every layer of this OS: the policy and machine layers from their fixed places (the
/// registry on Windows, managed preferences on macOS, `/etc/latchkey` on Linux), the environment
/// through `env`, and the user file.
pub fn load(locations: &Locations, env: &dyn Fn(&str) -> Option<String>) -> Config {
    let (mut policy, mut machine) = platform_layers();
    if let Some(dir) = &locations.policy_dir {
        policy = files::policy_dir_layer(dir, Source::Policy);
    }
    if let Some(file) = &locations.machine_file {
        machine = files::file_layer(file, Source::Machine);
    }
    let user = locations.user_file.as_deref().map(|f| files::file_layer(f, Source::User)).unwrap_or_default();
    merge(vec![(Source::Policy, policy), (Source::Environment, environment_layer(env)), (Source::User, user), (Source::Machine, machine)])
}

/// The policy and machine layers kept outside files: the registry (Windows), preferences (macOS).
fn platform_layers() -> (Layer, Layer) {
    #[cfg(windows)]
    {
        (windows::policy_layer(), windows::machine_layer())
    }
    #[cfg(target_os = "macos")]
    {
        (macos::policy_layer(), macos::machine_layer())
    }
    #[cfg(not(any(windows, target_os = "macos")))]
    {
        (Layer::default(), Layer::default())
    }
}

/// [`load`] with the process environment.
pub fn load_from_process() -> Config {
    let env = |name: &str| std::env::var(name).ok();
    load(&Locations::for_this_os(&env), &env)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn layer(values: &[(Key, Raw)]) -> Layer {
        let mut layer = Layer::default();
        for (key, raw) in values {
            layer.set(*key, raw.clone(), "test");
        }
        layer
    }

    fn text(t: &str) -> Raw {
        Raw::Text(t.into())
    }

    #[test]
    fn the_highest_layer_with_a_value_wins() {
        let config = merge(vec![
            (Source::Policy, layer(&[(Key::AllowSignOut, text("0"))])),
            (Source::Environment, layer(&[(Key::ServerUrl, text("https://env.example.com/")), (Key::AllowSignOut, text("1"))])),
            (Source::User, layer(&[(Key::ServerUrl, text("https://user.example.com")), (Key::Language, text("DE"))])),
            (Source::Machine, layer(&[(Key::Language, text("fr")), (Key::Proxy, text("pac+http://wpad/proxy.pac"))])),
        ]);
        assert!(!config.allow_sign_out());
        assert!(config.enforced(Key::AllowSignOut));
        assert_eq!(config.server_url(), Some("https://env.example.com"));
        assert_eq!(config.source(Key::ServerUrl), Source::Environment);
        assert_eq!(config.language(), Some("de"), "user settings rank above machine defaults");
        assert_eq!(config.proxy(), Proxy::Pac("http://wpad/proxy.pac".into()));
        assert!(config.autostart());
        assert_eq!(config.source(Key::AutoStart), Source::Default);
        assert!(config.problems.is_empty(), "{:?}", config.problems);
    }

    #[test]
    fn malformed_values_are_reported_and_the_next_layer_decides() {
        let config = merge(vec![
            (Source::Policy, layer(&[(Key::AutoStart, text("yes please")), (Key::Language, text("klingon"))])),
            (
                Source::User,
                layer(&[(Key::AutoStart, Raw::Integer(0)), (Key::ServerUrl, text("ftp://x")), (Key::ExtraCaFile, text("rel/ca.pem"))]),
            ),
            (Source::Machine, layer(&[(Key::ServerUrl, text("https://machine.example.com"))])),
        ]);
        assert!(!config.autostart());
        assert_eq!(config.source(Key::AutoStart), Source::User);
        assert_eq!(config.language(), None);
        assert_eq!(config.server_url(), Some("https://machine.example.com"));
        assert_eq!(config.extra_ca_file(), None);
        let keys: Vec<_> = config.problems.iter().filter_map(|p| p.key).collect();
        assert_eq!(keys, [Key::AutoStart, Key::Language, Key::ServerUrl, Key::ExtraCaFile]);
        assert!(config.problems[0].to_string().contains("AutoStart (policy layer"), "{}", config.problems[0]);
    }

    #[test]
    fn empty_values_are_unset() {
        let config = merge(vec![
            (Source::Policy, layer(&[(Key::ServerUrl, text("  ")), (Key::AutoStart, text(""))])),
            (Source::User, layer(&[(Key::AutoStart, text("false"))])),
        ]);
        assert_eq!(config.server_url(), None);
        assert_eq!(config.source(Key::ServerUrl), Source::Default);
        assert!(!config.autostart());
        assert!(config.problems.is_empty());
    }

    #[test]
    fn booleans_take_every_documented_spelling() {
        for (raw, expected) in [
            (text("1"), true),
            (text("TRUE"), true),
            (text("0"), false),
            (text("false"), false),
            (Raw::Integer(1), true),
            (Raw::Bool(false), false),
        ] {
            assert_eq!(check(Key::AutoStart, &raw), Ok(Some(Value::Bool(expected))), "{raw:?}");
        }
        assert!(check(Key::AutoStart, &Raw::Integer(2)).is_err());
        assert!(check(Key::ServerUrl, &Raw::Bool(true)).is_err());
    }

    #[test]
    // Regression (issue 14, defect 7): `http://` was accepted for any host, so a password could
    // cross the network in clear; URLs were checked by prefix by hand.
    fn server_url_is_https_or_loopback_http_and_a_real_url() {
        for good in [
            "https://id.example.com",
            "https://id.example.com:8443/base/",
            "http://localhost:8080",
            "http://127.0.0.1:8080",
            "http://127.3.4.5",
            "http://[::1]:8080",
            "http://api.localhost",
            "HTTPS://ID.EXAMPLE.COM",
        ] {
            assert!(check(Key::ServerUrl, &text(good)).is_ok(), "{good}");
        }
        for (bad, why) in [
            ("http://id.example.com", "plain http://"),
            ("http://10.0.0.5:8080", "plain http://"),
            ("http://localhost.example.com", "plain http://"),
            ("http://[::ffff:7f00:1]", "plain http://"),
            ("ftp://id.example.com", "must start with https:// or http://"),
            ("https://", "not a valid URL"),
            ("https://user:pass@id.example.com", "user name or password"),
            ("https://id.example.com/?next=x", "query"),
            ("https://exa mple.com", "not a valid URL"),
            ("id.example.com", "not a valid URL"),
        ] {
            let error = check(Key::ServerUrl, &text(bad)).unwrap_err();
            assert!(error.contains(why), "{bad}: {error}");
        }
        // The problem names the setting and its layer.
        let config = merge(vec![(Source::Policy, layer(&[(Key::ServerUrl, text("http://id.example.com"))]))]);
        assert_eq!(config.server_url(), None);
        let shown = config.problems[0].to_string();
        assert!(shown.starts_with("ServerUrl (policy layer") && shown.contains("https://"), "{shown}");
    }

    #[test]
    fn consent_mode_and_allowed_apps_are_checked() {
        assert_eq!(merge(vec![]).consent_mode(), ConsentMode::Prompt, "new installs ask");
        let config = merge(vec![(Source::Machine, layer(&[(Key::ConsentMode, text(" Deny-Unknown "))]))]);
        assert_eq!(config.consent_mode(), ConsentMode::DenyUnknown);
        let error = check(Key::ConsentMode, &text("ask")).unwrap_err();
        assert!(error.contains("prompt, allow, deny-unknown"), "{error}");

        let hash = "AB".repeat(32);
        let list = format!("/opt/acme/bin/acme; ;sha256:{hash};");
        let config = merge(vec![(Source::Policy, layer(&[(Key::AllowedApps, text(&list))]))]);
        assert_eq!(config.allowed_apps(), vec![AllowedApp::Path(PathBuf::from("/opt/acme/bin/acme")), AllowedApp::Sha256("ab".repeat(32))]);
        assert!(config.enforced(Key::AllowedApps));
        for (bad, why) in [("acme", "neither an absolute path"), ("sha256:abc", "64 hexadecimal"), ("/ok;relative/x", "relative/x")] {
            let error = check(Key::AllowedApps, &text(bad)).unwrap_err();
            assert!(error.contains(why), "{bad}: {error}");
        }
        // A bad entry refuses the layer's whole list: a half-read allow-list is not what IT wrote.
        let config = merge(vec![
            (Source::Policy, layer(&[(Key::AllowedApps, text("/opt/a;oops"))])),
            (Source::Machine, layer(&[(Key::AllowedApps, text("/opt/b"))])),
        ]);
        assert_eq!(config.allowed_apps(), vec![AllowedApp::Path(PathBuf::from("/opt/b"))]);
        assert_eq!(config.problems.len(), 1);
    }

    #[test]
    fn proxy_urls_are_parsed() {
        for good in [
            "http://proxy:3128",
            "https://proxy.corp:443",
            "socks5://127.0.0.1:1080",
            "socks5h://proxy:1080",
            "pac+http://wpad/proxy.pac",
            "pac+https://cfg.corp/p.pac",
            "none",
            "NONE",
        ] {
            assert!(check(Key::Proxy, &text(good)).is_ok(), "{good}");
        }
        for bad in ["proxy:3128", "ftp://proxy", "pac+ftp://x/p.pac", "http://user:pw@proxy:3128", "pac+", "http://"] {
            assert!(check(Key::Proxy, &text(bad)).is_err(), "{bad}");
        }
    }

    #[test]
    fn proxy_values() {
        let proxy = |t: &str| merge(vec![(Source::User, layer(&[(Key::Proxy, text(t))]))]);
        assert_eq!(proxy("none").proxy(), Proxy::Direct);
        assert_eq!(proxy("http://proxy:3128").proxy(), Proxy::Url("http://proxy:3128".into()));
        assert_eq!(proxy("").proxy(), Proxy::System);
        assert_eq!(proxy("proxy:3128").proxy(), Proxy::System, "malformed: reported and ignored");
        assert_eq!(proxy("proxy:3128").problems.len(), 1);
    }

    #[test]
    fn linux_locations_follow_xdg_and_keep_the_policy_place_fixed() {
        if !cfg!(target_os = "linux") {
            return;
        }
        let env = |name: &str| match name {
            "HOME" => Some("/home/ada".to_owned()),
            "XDG_CONFIG_HOME" => Some("/home/ada/.cfg".to_owned()),
            _ => None,
        };
        let places = Locations::for_this_os(&env);
        assert_eq!(places.user_file.as_deref(), Some(Path::new("/home/ada/.cfg/latchkey/settings.toml")));
        assert_eq!(places.policy_dir.as_deref(), Some(Path::new("/etc/latchkey/policies")));
        let relative =
            |name: &str| (name == "XDG_CONFIG_HOME").then(|| "rel".to_owned()).or_else(|| (name == "HOME").then(|| "/h".to_owned()));
        assert_eq!(Locations::for_this_os(&relative).user_file.as_deref(), Some(Path::new("/h/.config/latchkey/settings.toml")));
    }

    #[test]
    fn updates_take_a_channel_and_default_to_auto() {
        use latchkey_protocol::delivery::UpdateChannel;
        assert_eq!(check(Key::Updates, &Raw::Text(" Notify ".into())), Ok(Some(Value::Text(Some("notify".into())))));
        assert_eq!(check(Key::Updates, &Raw::Text(String::new())), Ok(None));
        assert!(check(Key::Updates, &Raw::Text("sometimes".into())).unwrap_err().contains("auto, notify, off"));
        assert!(check(Key::Updates, &Raw::Bool(true)).is_err());
        assert_eq!(merge(vec![]).updates(), UpdateChannel::Auto);
        let mut policy = Layer::default();
        policy.set(Key::Updates, Raw::Text("off".into()), "/etc/latchkey/policies/10.toml");
        let config = merge(vec![(Source::Policy, policy)]);
        assert_eq!((config.updates(), config.enforced(Key::Updates)), (UpdateChannel::Off, true));
    }
}
