//! Server settings: environment variables, over an optional TOML file with the same keys, over
//! built-in defaults.

use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::time::Duration;

use latchkey_protocol::Secret;

/// A limit such as `5/15m`: at most `max` events per `window`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rate {
    pub max: u32,
    pub window: Duration,
}

impl Rate {
    pub const fn new(max: u32, window_secs: u64) -> Self {
        Self { max, window: Duration::from_secs(window_secs) }
    }

    /// Parses `N/window`, the window being a number with `s`, `m`, `h` or `d`.
    pub fn parse(text: &str) -> Result<Rate, String> {
        let (max, window) = text.split_once('/').ok_or_else(|| format!("`{text}` is not of the form N/window, such as 5/15m"))?;
        let max = max.trim().parse::<u32>().map_err(|_| format!("`{max}` in `{text}` is not a whole number"))?;
        Ok(Rate { max, window: parse_duration(window.trim())? })
    }
}

/// Parses `30s`, `15m`, `2h`, `7d` (a bare number is seconds).
pub fn parse_duration(text: &str) -> Result<Duration, String> {
    let (number, unit) = match text.find(|c: char| !c.is_ascii_digit()) {
        Some(i) => text.split_at(i),
        None => (text, "s"),
    };
    let number: u64 = number.parse().map_err(|_| format!("`{text}` is not a duration such as 15m"))?;
    let seconds = match unit {
        "s" => number,
        "m" => number * 60,
        "h" => number * 3600,
        "d" => number * 86_400,
        _ => return Err(format!("`{text}`: the unit must be s, m, h or d")),
    };
    if seconds == 0 {
        return Err(format!("`{text}`: the window must be longer than zero"));
    }
    Ok(Duration::from_secs(seconds))
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Limits {
    pub codes_per_address: Rate,
    pub codes_per_ip: Rate,
    pub register_per_ip: Rate,
    pub lock_after: u32,
    pub signin_failures_per_ip: Rate,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            codes_per_address: Rate::new(5, 15 * 60),
            codes_per_ip: Rate::new(50, 15 * 60),
            register_per_ip: Rate::new(20, 15 * 60),
            lock_after: 5,
            signin_failures_per_ip: Rate::new(100, 15 * 60),
        }
    }
}

/// Proof-of-work bot protection on forgot password and register (`crate::pow`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Pow {
    /// Leading zero bits at the base rate (`LATCHKEY_POW_DIFFICULTY`).
    pub base_difficulty: u32,
    /// Requests without a proof accepted per address (`LATCHKEY_POW_FREE_PER_ADDRESS`); by
    /// default the contract's codes per address, so clients that send no proof see the contract.
    pub free_per_address: Rate,
    /// The same per IPv4 address or IPv6 /64 (`LATCHKEY_POW_FREE_PER_NETWORK`); by default the
    /// codes per client IP.
    pub free_per_network: Rate,
}

/// Base difficulty by default: about 2^18 hashes, tens of milliseconds native, under a second
/// in a browser (BENCHMARKS.md).
pub const POW_DIFFICULTY: u32 = 18;

/// Where release files live.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ReleaseStoreLocation {
    Folder(PathBuf),
    /// An S3 bucket (or an S3-compatible server at `endpoint`). Credentials not given here come
    /// from the `AWS_*` environment, as for any AWS client.
    S3 {
        url: String,
        /// `LATCHKEY_RELEASE_STORE_ENDPOINT`: an S3-compatible server (`https://minio.internal:9000`).
        endpoint: Option<String>,
        /// `LATCHKEY_RELEASE_STORE_REGION`.
        region: Option<String>,
        /// `LATCHKEY_RELEASE_STORE_ACCESS_KEY_ID`.
        access_key_id: Option<String>,
        /// `LATCHKEY_RELEASE_STORE_SECRET_ACCESS_KEY`.
        secret_access_key: Option<Secret>,
    },
}

impl ReleaseStoreLocation {
    /// The folder, when the store is one.
    pub fn folder(&self) -> Option<&std::path::Path> {
        match self {
            ReleaseStoreLocation::Folder(root) => Some(root),
            ReleaseStoreLocation::S3 { .. } => None,
        }
    }
}

#[derive(Clone, Debug)]
pub struct Settings {
    /// May hold a password (`postgres://user:password@…`), hence `Secret`.
    pub database_url: Secret,
    pub listen: SocketAddr,
    pub public_url: String,
    pub data_dir: PathBuf,
    /// May hold SMTP credentials.
    pub smtp_url: Option<Secret>,
    pub mail_from: String,
    pub mail_dir: Option<PathBuf>,
    pub operator_key: Option<Secret>,
    pub audiences: Vec<String>,
    pub trusted_proxies: Vec<IpAddr>,
    pub limits: Limits,
    pub password_min_length: usize,
    pub access_token_ttl: Duration,
    /// How many Argon2 computations may run at once (each takes a core for tens of ms).
    pub hash_concurrency: usize,
    pub pow: Pow,
    /// Where release files live (`LATCHKEY_RELEASE_STORE`): a folder (`releases/` in the data
    /// folder by default), or `s3://bucket/prefix`, which instances that serve downloads together
    /// share.
    pub release_store: ReleaseStoreLocation,
    /// The operator's Trust Center page (`LATCHKEY_TRUST_CENTER_URL`), linked beside the Terms.
    pub trust_center_url: Option<String>,
}

impl Settings {
    /// Reads the process environment, and the TOML file named by `LATCHKEY_CONFIG` when set.
    pub fn from_env() -> Result<Settings, String> {
        let mut values: HashMap<String, String> = HashMap::new();
        if let Ok(path) = std::env::var("LATCHKEY_CONFIG") {
            let text = std::fs::read_to_string(&path).map_err(|e| format!("cannot read LATCHKEY_CONFIG file {path}: {e}"))?;
            values.extend(parse_toml(&text).map_err(|e| format!("{path}: {e}"))?);
        }
        values.extend(std::env::vars().filter(|(k, _)| k.starts_with("LATCHKEY_")));
        Settings::from_values(&values)
    }

    /// Builds settings from `LATCHKEY_*` keys; every bad value is reported with its key.
    pub fn from_values(values: &HashMap<String, String>) -> Result<Settings, String> {
        let get = |key: &str| values.get(key).map(|v| v.trim().to_owned()).filter(|v| !v.is_empty());
        let rate = |key: &str, default: Rate| -> Result<Rate, String> {
            get(key).map_or(Ok(default), |v| Rate::parse(&v).map_err(|e| format!("{key}: {e}")))
        };
        let data_dir = get("LATCHKEY_DATA_DIR").map_or_else(default_data_dir, PathBuf::from);
        let listen: SocketAddr =
            get("LATCHKEY_LISTEN").unwrap_or_else(|| "127.0.0.1:8080".into()).parse().map_err(|e| format!("LATCHKEY_LISTEN: {e}"))?;
        let public_url = get("LATCHKEY_PUBLIC_URL").unwrap_or_else(|| format!("http://{listen}")).trim_end_matches('/').to_owned();
        if !(public_url.starts_with("http://") || public_url.starts_with("https://")) {
            return Err(format!("LATCHKEY_PUBLIC_URL: `{public_url}` must start with http:// or https://"));
        }
        let database_url =
            get("LATCHKEY_DATABASE_URL").unwrap_or_else(|| format!("sqlite://{}?mode=rwc", data_dir.join("latchkey.db").display()));
        if crate::db::is_in_memory_sqlite(&database_url) {
            return Err(
                "LATCHKEY_DATABASE_URL: an in-memory SQLite database cannot be shared by the server's connections; give a file".into()
            );
        }
        if !(database_url.starts_with("sqlite:") || database_url.starts_with("postgres")) {
            return Err("LATCHKEY_DATABASE_URL: must start with sqlite:// or postgres://".into());
        }
        let audiences = get("LATCHKEY_AUDIENCES")
            .map_or_else(|| vec![public_url.clone()], |v| v.split(',').map(|a| a.trim().to_owned()).filter(|a| !a.is_empty()).collect());
        if audiences.is_empty() {
            return Err("LATCHKEY_AUDIENCES: name at least one audience".into());
        }
        let trusted_proxies = get("LATCHKEY_TRUSTED_PROXIES")
            .map(|v| {
                v.split(',')
                    .map(str::trim)
                    .filter(|a| !a.is_empty())
                    .map(|a| a.parse::<IpAddr>().map_err(|_| format!("LATCHKEY_TRUSTED_PROXIES: `{a}` is not an IP address")))
                    .collect::<Result<Vec<_>, _>>()
            })
            .transpose()?
            .unwrap_or_default();
        let lock_after = get("LATCHKEY_LOCK_AFTER")
            .map(|v| v.parse::<u32>().ok().filter(|n| *n > 0).ok_or_else(|| format!("LATCHKEY_LOCK_AFTER: `{v}` is not a positive number")))
            .transpose()?
            .unwrap_or(5);
        let defaults = Limits::default();
        let limits = Limits {
            codes_per_address: rate("LATCHKEY_LIMIT_CODES_PER_ADDRESS", defaults.codes_per_address)?,
            codes_per_ip: rate("LATCHKEY_LIMIT_CODES_PER_IP", defaults.codes_per_ip)?,
            register_per_ip: rate("LATCHKEY_LIMIT_REGISTER_PER_IP", defaults.register_per_ip)?,
            lock_after,
            signin_failures_per_ip: rate("LATCHKEY_LIMIT_SIGNIN_FAILURES_PER_IP", defaults.signin_failures_per_ip)?,
        };
        let pow = Pow {
            base_difficulty: get("LATCHKEY_POW_DIFFICULTY")
                .map(|v| {
                    v.parse::<u32>()
                        .ok()
                        .filter(|n| (1..=32).contains(n))
                        .ok_or_else(|| format!("LATCHKEY_POW_DIFFICULTY: `{v}` must be a number of bits from 1 to 32"))
                })
                .transpose()?
                .unwrap_or(POW_DIFFICULTY),
            free_per_address: rate("LATCHKEY_POW_FREE_PER_ADDRESS", limits.codes_per_address)?,
            free_per_network: rate("LATCHKEY_POW_FREE_PER_NETWORK", limits.codes_per_ip)?,
        };
        let password_min_length = get("LATCHKEY_PASSWORD_MIN_LENGTH")
            .map(|v| {
                v.parse::<usize>()
                    .ok()
                    .filter(|n| (8..=128).contains(n))
                    .ok_or_else(|| format!("LATCHKEY_PASSWORD_MIN_LENGTH: `{v}` must be a number from 8 to 128"))
            })
            .transpose()?
            .unwrap_or(15);
        // Access tokens cannot be revoked, so their lifetime is capped at an hour.
        let access_token_ttl = get("LATCHKEY_ACCESS_TOKEN_TTL")
            .map(|v| {
                parse_duration(&v)
                    .and_then(|d| if (60..=3600).contains(&d.as_secs()) { Ok(d) } else { Err(format!("`{v}` must be from 1m to 1h")) })
                    .map_err(|e| format!("LATCHKEY_ACCESS_TOKEN_TTL: {e}"))
            })
            .transpose()?
            .unwrap_or(Duration::from_mins(10));
        let cores = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
        let hash_concurrency = get("LATCHKEY_HASH_CONCURRENCY")
            .map(|v| {
                v.parse::<usize>()
                    .ok()
                    .filter(|n| *n > 0)
                    .ok_or_else(|| format!("LATCHKEY_HASH_CONCURRENCY: `{v}` is not a positive number"))
            })
            .transpose()?
            // Leave a core for refreshes and health checks.
            .unwrap_or_else(|| cores.saturating_sub(1).max(1));
        let smtp_url = get("LATCHKEY_SMTP_URL");
        // Without SMTP, mail goes to the development folder so that nothing is lost silently.
        let mail_dir = get("LATCHKEY_MAIL_DIR").map(PathBuf::from).or_else(|| smtp_url.is_none().then(|| data_dir.join("mail")));
        let release_store = match get("LATCHKEY_RELEASE_STORE") {
            None => ReleaseStoreLocation::Folder(data_dir.join("releases")),
            Some(url) if url.starts_with("s3://") => {
                let bucket = url.trim_start_matches("s3://").split('/').next().unwrap_or_default();
                if bucket.is_empty() {
                    return Err(format!("LATCHKEY_RELEASE_STORE: `{url}` names no bucket (s3://bucket/prefix)"));
                }
                let endpoint = get("LATCHKEY_RELEASE_STORE_ENDPOINT");
                if let Some(endpoint) = &endpoint {
                    if !(endpoint.starts_with("https://") || endpoint.starts_with("http://")) {
                        return Err(format!("LATCHKEY_RELEASE_STORE_ENDPOINT: `{endpoint}` must start with https:// or http://"));
                    }
                }
                ReleaseStoreLocation::S3 {
                    url,
                    endpoint,
                    region: get("LATCHKEY_RELEASE_STORE_REGION"),
                    access_key_id: get("LATCHKEY_RELEASE_STORE_ACCESS_KEY_ID"),
                    secret_access_key: get("LATCHKEY_RELEASE_STORE_SECRET_ACCESS_KEY").map(Secret::new),
                }
            }
            Some(url) if url.contains("://") => {
                return Err(format!("LATCHKEY_RELEASE_STORE: `{url}` is neither a folder nor an s3:// URL"));
            }
            Some(folder) => ReleaseStoreLocation::Folder(PathBuf::from(folder)),
        };
        let trust_center_url = get("LATCHKEY_TRUST_CENTER_URL");
        if let Some(url) = &trust_center_url {
            if !url.starts_with("https://") && !url.starts_with("http://") {
                return Err(format!("LATCHKEY_TRUST_CENTER_URL: `{url}` must start with https:// or http://"));
            }
        }
        Ok(Settings {
            release_store,
            trust_center_url,
            database_url: Secret::new(database_url),
            listen,
            public_url,
            data_dir,
            smtp_url: smtp_url.map(Secret::new),
            mail_from: get("LATCHKEY_MAIL_FROM").unwrap_or_else(|| "Latchkey <no-reply@latchkey.invalid>".into()),
            mail_dir,
            operator_key: get("LATCHKEY_OPERATOR_KEY").map(Secret::new),
            audiences,
            trusted_proxies,
            limits,
            password_min_length,
            access_token_ttl,
            hash_concurrency,
            pow,
        })
    }

    pub fn default_audience(&self) -> &str {
        &self.audiences[0]
    }
}

fn default_data_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("XDG_DATA_HOME") {
        return PathBuf::from(dir).join("latchkey-server");
    }
    if let Some(home) = std::env::var_os("HOME") {
        return PathBuf::from(home).join(".local/share/latchkey-server");
    }
    PathBuf::from("latchkey-data")
}

fn parse_toml(text: &str) -> Result<HashMap<String, String>, String> {
    let table: toml::Table = text.parse().map_err(|e: toml::de::Error| e.to_string())?;
    table
        .into_iter()
        .map(|(key, value)| {
            let text = match value {
                toml::Value::String(s) => s,
                toml::Value::Integer(i) => i.to_string(),
                toml::Value::Boolean(b) => b.to_string(),
                toml::Value::Array(items) => {
                    items.iter().map(|i| i.as_str().map_or_else(|| i.to_string(), str::to_owned)).collect::<Vec<_>>().join(",")
                }
                other => return Err(format!("{key}: unsupported value {other}")),
            };
            Ok((key, text))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings(pairs: &[(&str, &str)]) -> Result<Settings, String> {
        let values = pairs.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect();
        Settings::from_values(&values)
    }

    #[test]
    fn defaults_follow_the_contract() {
        let s = settings(&[("LATCHKEY_DATA_DIR", "/tmp/x")]).unwrap();
        assert_eq!(s.limits, Limits::default());
        assert_eq!(s.listen.to_string(), "127.0.0.1:8080");
        assert_eq!(s.audiences, vec!["http://127.0.0.1:8080".to_owned()]);
        assert_eq!(s.password_min_length, 15);
        assert!(s.database_url.expose().starts_with("sqlite:///tmp/x/latchkey.db"));
        assert_eq!(s.mail_dir, Some(PathBuf::from("/tmp/x/mail")));
        assert_eq!(s.release_store, ReleaseStoreLocation::Folder(PathBuf::from("/tmp/x/releases")));
        assert_eq!(s.trust_center_url, None);
        // Clients that send no proof get the contract's answers up to the contract's limits.
        assert_eq!(
            s.pow,
            Pow { base_difficulty: POW_DIFFICULTY, free_per_address: Rate::new(5, 900), free_per_network: Rate::new(50, 900) }
        );
        let s = settings(&[("LATCHKEY_LIMIT_CODES_PER_IP", "7/1h"), ("LATCHKEY_POW_FREE_PER_ADDRESS", "0/15m")]).unwrap();
        assert_eq!((s.pow.free_per_address, s.pow.free_per_network), (Rate::new(0, 900), Rate::new(7, 3600)));
    }

    #[test]
    fn rates_parse_and_bad_ones_name_their_key() {
        assert_eq!(Rate::parse("5/15m").unwrap(), Rate::new(5, 900));
        assert_eq!(Rate::parse("100/1h").unwrap(), Rate::new(100, 3600));
        let err = settings(&[("LATCHKEY_LIMIT_CODES_PER_IP", "lots")]).unwrap_err();
        assert!(err.contains("LATCHKEY_LIMIT_CODES_PER_IP"), "{err}");
        let err = settings(&[("LATCHKEY_LIMIT_CODES_PER_IP", "5/0m")]).unwrap_err();
        assert!(err.contains("longer than zero"), "{err}");
        let err = settings(&[("LATCHKEY_PASSWORD_MIN_LENGTH", "6")]).unwrap_err();
        assert!(err.contains("8 to 128"), "{err}");
        let err = settings(&[("LATCHKEY_ACCESS_TOKEN_TTL", "1d")]).unwrap_err();
        assert!(err.contains("from 1m to 1h"), "{err}");
        let err = settings(&[("LATCHKEY_POW_DIFFICULTY", "40")]).unwrap_err();
        assert!(err.contains("LATCHKEY_POW_DIFFICULTY"), "{err}");
        let err = settings(&[("LATCHKEY_POW_FREE_PER_NETWORK", "many")]).unwrap_err();
        assert!(err.contains("LATCHKEY_POW_FREE_PER_NETWORK"), "{err}");
        let err = settings(&[("LATCHKEY_LISTEN", "nowhere")]).unwrap_err();
        assert!(err.contains("LATCHKEY_LISTEN"), "{err}");
        let err = settings(&[("LATCHKEY_RELEASE_STORE", "ftp://host/releases")]).unwrap_err();
        assert!(err.contains("LATCHKEY_RELEASE_STORE") && err.contains("folder"), "{err}");
        let err = settings(&[("LATCHKEY_RELEASE_STORE", "s3:///prefix")]).unwrap_err();
        assert!(err.contains("bucket"), "{err}");
        let err = settings(&[("LATCHKEY_RELEASE_STORE", "s3://b/p"), ("LATCHKEY_RELEASE_STORE_ENDPOINT", "minio:9000")]).unwrap_err();
        assert!(err.contains("LATCHKEY_RELEASE_STORE_ENDPOINT"), "{err}");
        let s3 =
            settings(&[("LATCHKEY_RELEASE_STORE", "s3://b/p"), ("LATCHKEY_RELEASE_STORE_SECRET_ACCESS_KEY", "s3-secret-000")]).unwrap();
        assert!(s3.release_store.folder().is_none() && !format!("{s3:?}").contains("s3-secret-000"), "the secret key is redacted");
        let err = settings(&[("LATCHKEY_TRUST_CENTER_URL", "trust.example.com")]).unwrap_err();
        assert!(err.contains("LATCHKEY_TRUST_CENTER_URL"), "{err}");
        let s =
            settings(&[("LATCHKEY_RELEASE_STORE", "/srv/releases"), ("LATCHKEY_TRUST_CENTER_URL", "https://trust.example.com")]).unwrap();
        assert_eq!(
            (s.release_store.folder().and_then(|f| f.to_str()), s.trust_center_url.as_deref()),
            (Some("/srv/releases"), Some("https://trust.example.com"))
        );
    }

    #[test]
    fn toml_file_uses_the_same_keys() {
        let values =
            parse_toml("LATCHKEY_LISTEN = \"127.0.0.1:9999\"\nLATCHKEY_AUDIENCES = [\"a\", \"b\"]\nLATCHKEY_LOCK_AFTER = 3\n").unwrap();
        let s = Settings::from_values(&values).unwrap();
        assert_eq!(s.listen.port(), 9999);
        assert_eq!(s.audiences, vec!["a".to_owned(), "b".to_owned()]);
        assert_eq!(s.limits.lock_after, 3);
    }

    #[test]
    fn secrets_in_settings_are_not_printed_by_debug() {
        let s = settings(&[
            ("LATCHKEY_OPERATOR_KEY", "op-secret-123"),
            ("LATCHKEY_DATABASE_URL", "postgres://u:db-secret-456@h/d"),
            ("LATCHKEY_SMTP_URL", "smtp://u:smtp-secret-789@h:25"),
        ])
        .unwrap();
        let debug = format!("{s:?}");
        for secret in ["op-secret-123", "db-secret-456", "smtp-secret-789"] {
            assert!(!debug.contains(secret), "{debug}");
        }
    }
}
