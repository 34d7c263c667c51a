//! The server's signing keys (Ed25519, shared by every instance through the database), the HMAC
//! key for one-time codes, and compact JWS signing and verification.
//!
//! Keys rotate (`latchkey-server keys rotate`, `POST /v1/operator/keys/rotate`): the new key signs
//! from then on, and the old one stays in the JWKS and verifies until `retire_after`, past the
//! expiry of anything it can have signed (access tokens: at most an hour; entitlement sets: at most
//! the 30-day offline grace), then leaves. Every instance reloads the set from `signing_keys` each
//! minute (`reload`), so all of them sign with the new key within a minute of a rotation.

use ed25519_dalek::{Signature, Signer, SigningKey, Verifier, VerifyingKey};
use hmac::{Hmac, Mac};
use latchkey_protocol::{Jwk, Jwks};
use rand::RngCore;
use serde::{de::DeserializeOwned, Serialize};
use sha2::Sha256;
use subtle::ConstantTimeEq;
use zeroize::Zeroizing;

use crate::db::Db;
use crate::ids::{b64, b64_decode};

/// How long a retired key stays in the JWKS: the longest offline grace (30 days, the latest `exp`
/// of an entitlement set) plus the longest access-token lifetime (one hour).
pub const RETIRED_KEY_LIFETIME: i64 = 30 * 86_400 + 3_600;

/// The keys that verify, and the one that signs.
struct KeySet {
    kid: String,
    signing: SigningKey,
    /// Every key still in the JWKS (the signing one first): kid, key.
    verifying: Vec<(String, VerifyingKey)>,
}

pub struct Keys {
    set: std::sync::RwLock<KeySet>,
    code_mac_key: Zeroizing<Vec<u8>>,
}

impl std::fmt::Debug for Keys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Keys").field("kid", &self.kid()).finish_non_exhaustive()
    }
}

/// What a rotation did: the new signing key and the old one's last day in the JWKS.
#[derive(Debug, Clone, Serialize, PartialEq, Eq, utoipa::ToSchema)]
pub struct Rotated {
    pub kid: String,
    pub retired_kid: Option<String>,
    /// Until when the retired key stays in the JWKS (Unix seconds).
    pub retired_until: Option<i64>,
}

fn corrupt() -> sqlx::Error {
    sqlx::Error::Protocol("signing_keys holds a malformed key".into())
}

fn signing_key_of(seed: &str) -> Result<SigningKey, sqlx::Error> {
    let seed: Zeroizing<[u8; 32]> = Zeroizing::new(b64_decode(seed).and_then(|s| s.try_into().ok()).ok_or_else(corrupt)?);
    Ok(SigningKey::from_bytes(&seed))
}

fn new_seed() -> String {
    let mut seed = Zeroizing::new([0u8; 32]);
    rand::rngs::OsRng.fill_bytes(seed.as_mut());
    b64(seed.as_ref())
}

/// Reads the keys still in the JWKS at `now`, the signing one first (the newest unretired).
async fn read_set(db: &Db, now: i64) -> Result<KeySet, sqlx::Error> {
    let rows: Vec<(String, String, Option<i64>)> = sqlx::query_as(
        "SELECT kid, seed, retired_at FROM signing_keys WHERE retire_after IS NULL OR retire_after > $1 \
         ORDER BY CASE WHEN retired_at IS NULL THEN 0 ELSE 1 END, created_at DESC, kid",
    )
    .bind(now)
    .fetch_all(&db.pool)
    .await?;
    let Some((kid, seed, None)) = rows.first().cloned() else {
        return Err(sqlx::Error::Protocol("signing_keys has no current key".into()));
    };
    let signing = signing_key_of(&seed)?;
    let mut verifying = Vec::with_capacity(rows.len());
    for (kid, seed, _) in &rows {
        verifying.push((kid.clone(), signing_key_of(seed)?.verifying_key()));
    }
    Ok(KeySet { kid, signing, verifying })
}

/// Makes a new signing key current and retires the current one until `now +
/// RETIRED_KEY_LIFETIME`. Instances pick it up at their next `reload`.
pub async fn rotate(db: &Db, now: i64) -> Result<Rotated, sqlx::Error> {
    let mut tx = db.begin().await?;
    let retire_after = now + RETIRED_KEY_LIFETIME;
    let retired: Option<String> =
        sqlx::query_scalar("UPDATE signing_keys SET retired_at = $1, retire_after = $2 WHERE retired_at IS NULL RETURNING kid")
            .bind(now)
            .bind(retire_after)
            .fetch_optional(&mut *tx)
            .await?;
    let kid = crate::ids::new_id("key");
    sqlx::query("INSERT INTO signing_keys (kid, seed, created_at) VALUES ($1, $2, $3)")
        .bind(&kid)
        .bind(new_seed())
        .bind(now)
        .execute(&mut *tx)
        .await?;
    crate::audit::record(
        &mut tx,
        now,
        "signing_key_rotated",
        crate::audit::Entry {
            detail: serde_json::json!({"kid": kid, "retired": retired, "retire_after": retire_after}),
            ..Default::default()
        },
    )
    .await?;
    tx.commit().await?;
    tracing::info!(%kid, retired = ?retired, "signing key rotated");
    Ok(Rotated { kid, retired_until: retired.as_ref().map(|_| retire_after), retired_kid: retired })
}

#[derive(Debug, thiserror::Error)]
pub enum JwsError {
    #[error("not a compact JWS")]
    Malformed,
    #[error("unexpected header")]
    Header,
    #[error("bad signature")]
    Signature,
}

impl Keys {
    /// Loads the keys, creating them on first start. Two instances starting at once agree,
    /// because the first insert wins and both read back what was stored.
    pub async fn load_or_create(db: &Db, now: i64) -> Result<Keys, sqlx::Error> {
        let mut seed = Zeroizing::new([0u8; 32]);
        rand::rngs::OsRng.fill_bytes(seed.as_mut());
        let mut mac_key = Zeroizing::new([0u8; 32]);
        rand::rngs::OsRng.fill_bytes(mac_key.as_mut());
        let signing_value = format!("{}.{}", crate::ids::new_id("key"), b64(seed.as_ref()));
        for (name, value) in [("signing_key", signing_value), ("code_mac_key", b64(mac_key.as_ref()))] {
            sqlx::query("INSERT INTO server_secrets (name, value, created_at) VALUES ($1, $2, $3) ON CONFLICT (name) DO NOTHING")
                .bind(name)
                .bind(value)
                .bind(now)
                .execute(&db.pool)
                .await?;
        }
        let stored_signing: String =
            sqlx::query_scalar("SELECT value FROM server_secrets WHERE name = 'signing_key'").fetch_one(&db.pool).await?;
        let stored_mac: String =
            sqlx::query_scalar("SELECT value FROM server_secrets WHERE name = 'code_mac_key'").fetch_one(&db.pool).await?;
        // The first key (of this start, or of a version before rotation) becomes the first row of
        // `signing_keys`; once that table has a key, it alone decides.
        let (kid, seed) = stored_signing.split_once('.').ok_or_else(corrupt)?;
        let any: Option<String> = sqlx::query_scalar("SELECT kid FROM signing_keys LIMIT 1").fetch_optional(&db.pool).await?;
        if any.is_none() {
            sqlx::query("INSERT INTO signing_keys (kid, seed, created_at) VALUES ($1, $2, $3) ON CONFLICT (kid) DO NOTHING")
                .bind(kid)
                .bind(seed)
                .bind(now)
                .execute(&db.pool)
                .await?;
        }
        Ok(Keys {
            set: std::sync::RwLock::new(read_set(db, now).await?),
            code_mac_key: Zeroizing::new(b64_decode(&stored_mac).ok_or_else(corrupt)?),
        })
    }

    /// Reads the key set again (a rotation by another instance or the CLI; a retired key whose
    /// time is up leaves).
    pub async fn reload(&self, db: &Db, now: i64) -> Result<(), sqlx::Error> {
        let set = read_set(db, now).await?;
        let changed = set.kid != self.kid();
        *self.set.write().unwrap_or_else(std::sync::PoisonError::into_inner) = set;
        if changed {
            tracing::info!(kid = %self.kid(), "signing with a new key");
        }
        Ok(())
    }

    fn read(&self) -> std::sync::RwLockReadGuard<'_, KeySet> {
        self.set.read().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// The kid of the signing key.
    pub fn kid(&self) -> String {
        self.read().kid.clone()
    }

    pub fn jwks(&self) -> Jwks {
        Jwks {
            keys: self
                .read()
                .verifying
                .iter()
                .map(|(kid, key)| Jwk {
                    kty: "OKP".into(),
                    crv: "Ed25519".into(),
                    x: b64(key.as_bytes()),
                    kid: kid.clone(),
                    use_: "sig".into(),
                    alg: "EdDSA".into(),
                })
                .collect(),
        }
    }

    /// A compact JWS over `claims` with header `{alg: EdDSA, typ, kid}`, by the signing key.
    pub fn sign<T: Serialize>(&self, typ: &str, claims: &T) -> String {
        let set = self.read();
        let header = serde_json::json!({"alg": "EdDSA", "typ": typ, "kid": set.kid});
        let signing_input = format!("{}.{}", b64(header.to_string().as_bytes()), b64(&serde_json::to_vec(claims).unwrap_or_default()));
        let signature = set.signing.sign(signing_input.as_bytes());
        format!("{signing_input}.{}", b64(&signature.to_bytes()))
    }

    /// Verifies a compact JWS of ours with the given `typ` and returns its claims. Time and
    /// audience checks are the caller's.
    pub fn verify<T: DeserializeOwned>(&self, typ: &str, jws: &str) -> Result<T, JwsError> {
        let mut parts = jws.split('.');
        let (Some(header), Some(payload), Some(signature), None) = (parts.next(), parts.next(), parts.next(), parts.next()) else {
            return Err(JwsError::Malformed);
        };
        let header: serde_json::Value = b64_decode(header).and_then(|h| serde_json::from_slice(&h).ok()).ok_or(JwsError::Malformed)?;
        if header["alg"] != "EdDSA" || header["typ"] != typ {
            return Err(JwsError::Header);
        }
        // Any key still in the JWKS: a token signed just before a rotation stays good.
        let verifying: VerifyingKey = {
            let set = self.read();
            let kid = header["kid"].as_str().ok_or(JwsError::Header)?;
            set.verifying.iter().find(|(k, _)| k == kid).map(|(_, key)| *key).ok_or(JwsError::Header)?
        };
        let signature: [u8; 64] = b64_decode(signature).and_then(|s| s.try_into().ok()).ok_or(JwsError::Malformed)?;
        let signing_input = &jws[..jws.len() - parts_len_of_last(jws)];
        verifying.verify(signing_input.as_bytes(), &Signature::from_bytes(&signature)).map_err(|_| JwsError::Signature)?;
        b64_decode(payload).and_then(|p| serde_json::from_slice(&p).ok()).ok_or(JwsError::Malformed)
    }

    /// HMAC-SHA-256 of a one-time code, bound to its address, hex.
    pub fn code_mac(&self, address_key: &str, code: &str) -> String {
        let mut mac = Hmac::<Sha256>::new_from_slice(&self.code_mac_key).expect("HMAC takes any key length");
        mac.update(address_key.as_bytes());
        mac.update(b"\0");
        mac.update(code.as_bytes());
        hex::encode(mac.finalize().into_bytes())
    }
}

impl Keys {
    /// HMAC-SHA-256 of a proof-of-work challenge and what it is bound to, hex. Under the code key,
    /// kept apart from code MACs by its `pow` prefix (an address key always holds an `@`).
    pub fn pow_mac(&self, parts: &[&str]) -> String {
        let mut mac = Hmac::<Sha256>::new_from_slice(&self.code_mac_key).expect("HMAC takes any key length");
        mac.update(b"pow");
        for part in parts {
            mac.update(b"\0");
            mac.update(part.as_bytes());
        }
        hex::encode(mac.finalize().into_bytes())
    }
}

/// Length of `.signature` at the end of a compact JWS.
fn parts_len_of_last(jws: &str) -> usize {
    jws.rfind('.').map_or(0, |i| jws.len() - i)
}

/// Constant-time equality of two MACs.
pub fn macs_equal(a: &str, b: &str) -> bool {
    a.len() == b.len() && bool::from(a.as_bytes().ct_eq(b.as_bytes()))
}
