//! The signed entitlement set cached on disk for offline use, sealed with a key the file cannot
//! change: an HMAC-SHA256 over the whole cache, with a 256-bit key kept in the secret store beside
//! the refresh token. Whoever can write the state folder but not the keyring can neither edit the
//! set nor swap in their own JWKS, issuer or user; the JWS signature is checked again on top.

use std::path::Path;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use hmac::{Hmac, Mac};
use latchkey_core::EntitlementSet;
use latchkey_protocol::local::StatusUser;
use latchkey_protocol::{Entitlements, Jwks, Secret};
use rand::RngCore;
use serde::{Deserialize, Serialize};
use sha2::Sha256;

/// The secret store's account of the seal key for the backend at `backend`.
pub fn key_account(backend: &str) -> String {
    format!("{backend}#offline-cache-key")
}

/// What the cache holds: the verified set and what is needed to check it again offline.
#[derive(Clone, Serialize, Deserialize)]
pub struct EntitlementCache {
    pub backend: String,
    pub issuer: String,
    pub jwks: Jwks,
    pub user: StatusUser,
    pub entitlements: Entitlements,
}

/// The 256-bit seal key. No `Debug`: it never reaches a log.
#[derive(Clone)]
pub struct SealKey([u8; 32]);

impl SealKey {
    pub fn generate() -> SealKey {
        let mut key = [0; 32];
        rand::rngs::OsRng.fill_bytes(&mut key);
        SealKey(key)
    }

    /// The form kept in the secret store.
    pub fn to_secret(&self) -> Secret {
        Secret::new(URL_SAFE_NO_PAD.encode(self.0))
    }

    pub fn from_secret(secret: &Secret) -> Option<SealKey> {
        let bytes = URL_SAFE_NO_PAD.decode(secret.expose()).ok()?;
        Some(SealKey(bytes.try_into().ok()?))
    }

    fn mac(&self, backend: &str, cache: &str) -> Hmac<Sha256> {
        let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(&self.0).expect("HMAC takes any key length");
        // Bound to the backend too, so a cache of one backend never passes for another's.
        mac.update(b"latchkey offline entitlement cache v1\0");
        mac.update(backend.as_bytes());
        mac.update(b"\0");
        mac.update(cache.as_bytes());
        mac
    }
}

/// The file: the cache's JSON text as a string, and its seal.
#[derive(Serialize, Deserialize)]
struct SealedFile {
    format: u32,
    cache: String,
    seal: String,
}

const FORMAT: u32 = 2;

/// Why a cache file was not trusted; shown in `/v1/status` as `entitlement_cache.reason`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    #[error("the cache file cannot be read: {0}")]
    Unreadable(String),
    #[error("the cache file is not a sealed entitlement cache (malformed or from an older version)")]
    Malformed,
    #[error("the keyring holds no seal key for the cache")]
    NoKey,
    #[error("the cache's seal does not match: the file was changed outside the agent")]
    SealMismatch,
    #[error("the cache belongs to another backend")]
    OtherBackend,
    #[error("the cached set does not verify: {0}")]
    Signature(#[from] crate::signed::SignedError),
}

impl Refusal {
    /// A stable word for the reason (`/v1/status`'s `entitlement_cache.reason`).
    pub fn code(&self) -> &'static str {
        match self {
            Refusal::Unreadable(_) => "unreadable",
            Refusal::Malformed => "malformed",
            Refusal::NoKey => "no_seal_key",
            Refusal::SealMismatch => "seal_mismatch",
            Refusal::OtherBackend => "other_backend",
            Refusal::Signature(_) => "signature",
        }
    }
}

/// Reads the cache at `file` for `backend`, trusting it only when the seal made with `key` matches
/// and the set verifies against the sealed JWKS. `Ok(None)`: there is no file.
pub fn load(file: &Path, backend: &str, key: Option<&SealKey>) -> Result<Option<(EntitlementCache, EntitlementSet)>, Refusal> {
    let bytes = match std::fs::read(file) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(Refusal::Unreadable(e.kind().to_string())),
    };
    let sealed: SealedFile = serde_json::from_slice(&bytes).map_err(|_| Refusal::Malformed)?;
    if sealed.format != FORMAT {
        return Err(Refusal::Malformed);
    }
    let key = key.ok_or(Refusal::NoKey)?;
    let seal = URL_SAFE_NO_PAD.decode(&sealed.seal).map_err(|_| Refusal::Malformed)?;
    key.mac(backend, &sealed.cache).verify_slice(&seal).map_err(|_| Refusal::SealMismatch)?;
    let cache: EntitlementCache = serde_json::from_str(&sealed.cache).map_err(|_| Refusal::Malformed)?;
    if cache.backend != backend {
        return Err(Refusal::OtherBackend);
    }
    let set = crate::signed::verify(&cache.entitlements.signed, &cache.jwks, &cache.issuer, &cache.user.id)?;
    Ok(Some((cache, set)))
}

/// Writes `cache` sealed with `key`, atomically, readable by the user alone.
pub fn save(file: &Path, cache: &EntitlementCache, key: &SealKey) -> std::io::Result<()> {
    let text = serde_json::to_string(cache).map_err(std::io::Error::other)?;
    let seal = URL_SAFE_NO_PAD.encode(key.mac(&cache.backend, &text).finalize().into_bytes());
    let sealed = serde_json::to_vec(&SealedFile { format: FORMAT, cache: text, seal }).map_err(std::io::Error::other)?;
    let dir = file.parent().ok_or_else(|| std::io::Error::other("no folder"))?;
    #[cfg(unix)]
    latchkey_transport::ensure_private_folder(dir).map_err(std::io::Error::other)?;
    #[cfg(not(unix))]
    std::fs::create_dir_all(dir)?;
    let temporary = dir.join(".entitlements.json.tmp");
    {
        use std::io::Write;
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create(true).truncate(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        let mut out = options.open(&temporary)?;
        out.write_all(&sealed)?;
        out.sync_all()?;
    }
    std::fs::rename(&temporary, file)
}

/// A signed entitlement cache as the backend would issue it, for the tests of this module and the
/// engine's.
#[cfg(test)]
pub(crate) mod fixtures {
    use super::*;
    use ed25519_dalek::{Signer, SigningKey};
    use latchkey_protocol::{Entitlement, Jwk};

    pub(crate) const BACKEND: &str = "https://id.example.com";

    fn b64(bytes: &[u8]) -> String {
        URL_SAFE_NO_PAD.encode(bytes)
    }

    /// A cache for user `u1` of `BACKEND` with `products`, signed by `signing` as `kid`, whose
    /// set may be used offline until `exp`.
    pub(crate) fn signed_cache(signing: &SigningKey, kid: &str, products: &[&str], exp: i64) -> EntitlementCache {
        let jwks = Jwks {
            keys: vec![Jwk {
                kty: "OKP".into(),
                crv: "Ed25519".into(),
                x: b64(signing.verifying_key().as_bytes()),
                kid: kid.into(),
                use_: "sig".into(),
                alg: "EdDSA".into(),
            }],
        };
        let entitlements: Vec<Entitlement> =
            products.iter().map(|p| Entitlement { product: (*p).into(), name: None, features: vec![], expires_at: None }).collect();
        let header = serde_json::json!({"alg": "EdDSA", "typ": "entitlements+jwt", "kid": kid});
        let claims = serde_json::json!({"iss": BACKEND, "sub": "u1", "iat": 10, "exp": exp, "entitlements": entitlements});
        let input = format!("{}.{}", b64(header.to_string().as_bytes()), b64(claims.to_string().as_bytes()));
        let signed = format!("{input}.{}", b64(&signing.sign(input.as_bytes()).to_bytes()));
        EntitlementCache {
            backend: BACKEND.into(),
            issuer: BACKEND.into(),
            jwks,
            user: StatusUser {
                id: "u1".into(),
                email: "u@example.com".into(),
                first_name: "U".into(),
                last_name: "One".into(),
                org: None,
                roles: vec![],
            },
            entitlements: Entitlements {
                entitlements,
                issued_at: "1970-01-01T00:00:10Z".into(),
                offline_until: "1970-01-01T00:16:40Z".into(),
                signed,
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::fixtures::{signed_cache, BACKEND};
    use super::*;
    use ed25519_dalek::SigningKey;

    #[test]
    fn a_sealed_cache_reads_back_and_every_edit_is_refused() {
        let folder = tempfile::tempdir().unwrap();
        let file = folder.path().join("latchkey/entitlements.json");
        let key = SealKey::generate();
        let backend_key = SigningKey::from_bytes(&[7; 32]);
        save(&file, &signed_cache(&backend_key, "k1", &["suite"], 1000), &key).unwrap();
        let (cache, set) = load(&file, BACKEND, Some(&key)).unwrap().unwrap();
        assert_eq!(cache.user.id, "u1");
        assert_eq!(set.entitlements.len(), 1);

        // The unsigned array edited in place.
        let text = std::fs::read_to_string(&file).unwrap();
        std::fs::write(&file, text.replace(r#"\"product\":\"suite\""#, r#"\"product\":\"studio\""#)).unwrap();
        assert_eq!(load(&file, BACKEND, Some(&key)).err(), Some(Refusal::SealMismatch));

        // A whole new cache, genuinely signed with the attacker's own key and JWKS, sealed with a
        // key that is not the keyring's.
        let attacker = SigningKey::from_bytes(&[9; 32]);
        save(&file, &signed_cache(&attacker, "k1", &["suite", "studio"], 9_999_999_999), &SealKey::generate()).unwrap();
        assert_eq!(load(&file, BACKEND, Some(&key)).err(), Some(Refusal::SealMismatch));
        assert_eq!(load(&file, BACKEND, None).err(), Some(Refusal::NoKey));
        assert_eq!(load(&file, "https://other.example.com", Some(&key)).err(), Some(Refusal::SealMismatch));

        // The unsealed format of earlier versions is not trusted at all.
        std::fs::write(&file, serde_json::to_vec(&signed_cache(&attacker, "k1", &["studio"], 9_999_999_999)).unwrap()).unwrap();
        assert_eq!(load(&file, BACKEND, Some(&key)).err(), Some(Refusal::Malformed));

        std::fs::remove_file(&file).unwrap();
        assert!(load(&file, BACKEND, Some(&key)).unwrap().is_none());
    }

    #[test]
    fn a_sealed_set_must_still_verify() {
        let folder = tempfile::tempdir().unwrap();
        let file = folder.path().join("latchkey/entitlements.json");
        let key = SealKey::generate();
        let mut cache = signed_cache(&SigningKey::from_bytes(&[7; 32]), "k1", &["suite"], 1000);
        cache.user.id = "u2".into(); // the set is for u1
        save(&file, &cache, &key).unwrap();
        assert!(matches!(load(&file, BACKEND, Some(&key)), Err(Refusal::Signature(_))));
    }

    #[test]
    fn the_key_survives_the_secret_store_and_never_prints() {
        let key = SealKey::generate();
        let again = SealKey::from_secret(&key.to_secret()).unwrap();
        assert_eq!(key.0, again.0);
        assert!(SealKey::from_secret(&Secret::new("short")).is_none());
        assert!(!format!("{:?}", key.to_secret()).contains(&URL_SAFE_NO_PAD.encode(key.0)));
    }
}
