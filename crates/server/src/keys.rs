//! The server's signing key (Ed25519, shared by every instance through the database), the HMAC
//! key for one-time codes, and compact JWS signing and verification.

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

pub struct Keys {
    signing: SigningKey,
    kid: String,
    code_mac_key: Zeroizing<Vec<u8>>,
}

impl std::fmt::Debug for Keys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Keys").field("kid", &self.kid).finish_non_exhaustive()
    }
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
        let corrupt = || sqlx::Error::Protocol("server_secrets holds a malformed key".into());
        let (kid, seed) = stored_signing.split_once('.').ok_or_else(corrupt)?;
        let seed: [u8; 32] = b64_decode(seed).and_then(|s| s.try_into().ok()).ok_or_else(corrupt)?;
        Ok(Keys {
            signing: SigningKey::from_bytes(&seed),
            kid: kid.to_owned(),
            code_mac_key: Zeroizing::new(b64_decode(&stored_mac).ok_or_else(corrupt)?),
        })
    }

    pub fn jwks(&self) -> Jwks {
        Jwks {
            keys: vec![Jwk {
                kty: "OKP".into(),
                crv: "Ed25519".into(),
                x: b64(self.signing.verifying_key().as_bytes()),
                kid: self.kid.clone(),
                use_: "sig".into(),
                alg: "EdDSA".into(),
            }],
        }
    }

    /// A compact JWS over `claims` with header `{alg: EdDSA, typ, kid}`.
    pub fn sign<T: Serialize>(&self, typ: &str, claims: &T) -> String {
        let header = serde_json::json!({"alg": "EdDSA", "typ": typ, "kid": self.kid});
        let signing_input = format!("{}.{}", b64(header.to_string().as_bytes()), b64(&serde_json::to_vec(claims).unwrap_or_default()));
        let signature = self.signing.sign(signing_input.as_bytes());
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
        if header["alg"] != "EdDSA" || header["typ"] != typ || header["kid"] != self.kid.as_str() {
            return Err(JwsError::Header);
        }
        let signature: [u8; 64] = b64_decode(signature).and_then(|s| s.try_into().ok()).ok_or(JwsError::Malformed)?;
        let verifying: VerifyingKey = self.signing.verifying_key();
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

/// Length of `.signature` at the end of a compact JWS.
fn parts_len_of_last(jws: &str) -> usize {
    jws.rfind('.').map_or(0, |i| jws.len() - i)
}

/// Constant-time equality of two MACs.
pub fn macs_equal(a: &str, b: &str) -> bool {
    a.len() == b.len() && bool::from(a.as_bytes().ct_eq(b.as_bytes()))
}
