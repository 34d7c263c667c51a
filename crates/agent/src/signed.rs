//! Checks the backend's signed documents (compact JWS, `EdDSA` with a key of the JWKS): the
//! entitlement set (`typ: entitlements+jwt`), which the agent trusts offline only when the
//! signature, `typ`, `iss` and `sub` check out (`exp` = `offline_until` is the core's decision), and
//! a release manifest (`typ: release-manifest+jwt`), checked before an installer runs.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use ed25519_dalek::{Signature, VerifyingKey};
use latchkey_core::{EntitlementSet, SignedEntitlement};
use latchkey_protocol::delivery::{ReleaseManifest, MANIFEST_TYP};
use latchkey_protocol::{Entitlement, Jwks};
use serde::Deserialize;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SignedError {
    #[error("the signed document is malformed")]
    Malformed,
    #[error("the signed document has an unexpected header (alg, typ or kid)")]
    Header,
    #[error("the signed document's signature does not verify")]
    Signature,
    #[error("the signed document is for another issuer or user")]
    Claims,
}

#[derive(Deserialize)]
struct Header {
    alg: String,
    typ: String,
    kid: String,
}

#[derive(Deserialize)]
struct Claims {
    iss: String,
    sub: String,
    iat: i64,
    exp: i64,
    entitlements: Vec<Entitlement>,
}

fn decode(part: &str) -> Result<Vec<u8>, SignedError> {
    URL_SAFE_NO_PAD.decode(part).map_err(|_| SignedError::Malformed)
}

/// Checks a compact JWS of the backend's (`EdDSA`, this `typ`, a key of `keys`) and returns its
/// payload.
fn verified_payload(compact: &str, keys: &Jwks, typ: &str) -> Result<Vec<u8>, SignedError> {
    let mut parts = compact.split('.');
    let (Some(header), Some(payload), Some(signature), None) = (parts.next(), parts.next(), parts.next(), parts.next()) else {
        return Err(SignedError::Malformed);
    };
    let header: Header = serde_json::from_slice(&decode(header)?).map_err(|_| SignedError::Malformed)?;
    if header.alg != "EdDSA" || header.typ != typ {
        return Err(SignedError::Header);
    }
    let key = keys.keys.iter().find(|k| k.kid == header.kid && k.kty == "OKP" && k.crv == "Ed25519").ok_or(SignedError::Header)?;
    let key: [u8; 32] = decode(&key.x)?.try_into().map_err(|_| SignedError::Malformed)?;
    let key = VerifyingKey::from_bytes(&key).map_err(|_| SignedError::Malformed)?;
    let signature: [u8; 64] = decode(signature)?.try_into().map_err(|_| SignedError::Malformed)?;
    let signing_input = &compact[..compact.len() - signature_len(compact)];
    key.verify_strict(signing_input.as_bytes(), &Signature::from_bytes(&signature)).map_err(|_| SignedError::Signature)?;
    decode(payload)
}

/// Verifies `jws` against `jwks` for `issuer` and `subject`, and returns the set it proves.
pub fn verify(compact: &str, keys: &Jwks, issuer: &str, subject: &str) -> Result<EntitlementSet, SignedError> {
    let payload = verified_payload(compact, keys, "entitlements+jwt")?;
    let claims: Claims = serde_json::from_slice(&payload).map_err(|_| SignedError::Malformed)?;
    if claims.iss != issuer || claims.sub != subject {
        return Err(SignedError::Claims);
    }
    let mut entitlements = Vec::with_capacity(claims.entitlements.len());
    for e in claims.entitlements {
        let expires_at = match &e.expires_at {
            None => None,
            Some(text) => Some(crate::clock::parse_rfc3339(text).ok_or(SignedError::Malformed)?),
        };
        entitlements.push(SignedEntitlement { product: e.product, name: e.name, features: e.features, expires_at });
    }
    Ok(EntitlementSet { entitlements, issued_at: claims.iat, offline_until: claims.exp })
}

/// Verifies a release manifest (`typ: release-manifest+jwt`) against `jwks` for `issuer`.
pub fn verify_manifest(compact: &str, keys: &Jwks, issuer: &str) -> Result<ReleaseManifest, SignedError> {
    let payload = verified_payload(compact, keys, MANIFEST_TYP)?;
    let manifest: ReleaseManifest = serde_json::from_slice(&payload).map_err(|_| SignedError::Malformed)?;
    if manifest.iss != issuer {
        return Err(SignedError::Claims);
    }
    Ok(manifest)
}

/// Length of `.signature` at the end of a compact JWS.
fn signature_len(jws: &str) -> usize {
    jws.len() - jws.rfind('.').unwrap_or(jws.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use ed25519_dalek::{Signer, SigningKey};
    use latchkey_protocol::Jwk;

    fn b64(bytes: &[u8]) -> String {
        URL_SAFE_NO_PAD.encode(bytes)
    }

    fn keypair() -> (SigningKey, Jwks) {
        let key = SigningKey::from_bytes(&[7; 32]);
        let jwk = Jwk {
            kty: "OKP".into(),
            crv: "Ed25519".into(),
            x: b64(key.verifying_key().as_bytes()),
            kid: "k1".into(),
            use_: "sig".into(),
            alg: "EdDSA".into(),
        };
        (key, Jwks { keys: vec![jwk] })
    }

    fn sign(key: &SigningKey, header: &serde_json::Value, claims: &serde_json::Value) -> String {
        let input = format!("{}.{}", b64(header.to_string().as_bytes()), b64(claims.to_string().as_bytes()));
        format!("{input}.{}", b64(&key.sign(input.as_bytes()).to_bytes()))
    }

    fn claims() -> serde_json::Value {
        serde_json::json!({"iss": "https://id.example.com", "sub": "u1", "org": "o1", "iat": 10, "exp": 1000,
            "entitlements": [{"product": "suite", "features": ["download"], "expires_at": "2030-01-01T00:00:00Z"}]})
    }

    fn header() -> serde_json::Value {
        serde_json::json!({"alg": "EdDSA", "typ": "entitlements+jwt", "kid": "k1"})
    }

    #[test]
    fn a_genuine_set_verifies() {
        let (key, jwks) = keypair();
        let set = verify(&sign(&key, &header(), &claims()), &jwks, "https://id.example.com", "u1").unwrap();
        assert_eq!(set.offline_until, 1000);
        assert_eq!(set.entitlements[0].product, "suite");
        assert_eq!(set.entitlements[0].expires_at, Some(1_893_456_000));
    }

    #[test]
    fn tampering_is_caught() {
        let (key, jwks) = keypair();
        let genuine = sign(&key, &header(), &claims());
        let mut parts: Vec<&str> = genuine.split('.').collect();
        let mut longer = claims();
        longer["exp"] = serde_json::json!(9_999_999_999_i64);
        let forged_payload = b64(longer.to_string().as_bytes());
        parts[1] = &forged_payload;
        assert_eq!(verify(&parts.join("."), &jwks, "https://id.example.com", "u1"), Err(SignedError::Signature));

        let other_key = SigningKey::from_bytes(&[8; 32]);
        assert_eq!(verify(&sign(&other_key, &header(), &claims()), &jwks, "https://id.example.com", "u1"), Err(SignedError::Signature));
        let access_token_header = serde_json::json!({"alg": "EdDSA", "typ": "at+jwt", "kid": "k1"});
        assert_eq!(verify(&sign(&key, &access_token_header, &claims()), &jwks, "https://id.example.com", "u1"), Err(SignedError::Header));
        assert_eq!(verify(&genuine, &jwks, "https://id.example.com", "someone-else"), Err(SignedError::Claims));
        assert_eq!(verify(&genuine, &jwks, "https://evil.example.com", "u1"), Err(SignedError::Claims));
        assert_eq!(verify("a.b", &jwks, "x", "y"), Err(SignedError::Malformed));
    }

    #[test]
    fn a_release_manifest_verifies_only_from_the_backends_key_for_a_release() {
        let (key, jwks) = keypair();
        let manifest = serde_json::json!({"iss": "https://id.example.com", "iat": 10, "release": "rel_1", "product": "suite",
            "version": "2.0.0", "platform": "linux-x64-deb", "file_name": "suite.deb", "size": 3, "sha256": "ab", "package_id": "suite"});
        let manifest_header = serde_json::json!({"alg": "EdDSA", "typ": MANIFEST_TYP, "kid": "k1"});
        let genuine = verify_manifest(&sign(&key, &manifest_header, &manifest), &jwks, "https://id.example.com").unwrap();
        assert_eq!(
            (genuine.release.as_str(), genuine.size, genuine.platform),
            ("rel_1", 3, latchkey_protocol::delivery::Platform::LinuxX64Deb)
        );
        let other_key = SigningKey::from_bytes(&[8; 32]);
        assert_eq!(
            verify_manifest(&sign(&other_key, &manifest_header, &manifest), &jwks, "https://id.example.com"),
            Err(SignedError::Signature)
        );
        assert_eq!(
            verify_manifest(&sign(&key, &header(), &manifest), &jwks, "https://id.example.com"),
            Err(SignedError::Header),
            "an entitlement set is no manifest"
        );
        assert_eq!(verify_manifest(&sign(&key, &manifest_header, &manifest), &jwks, "https://evil.example.com"), Err(SignedError::Claims));
        let mut bigger = manifest.clone();
        bigger["size"] = serde_json::json!(4);
        let genuine_text = sign(&key, &manifest_header, &manifest);
        let mut parts: Vec<&str> = genuine_text.split('.').collect();
        let forged = b64(bigger.to_string().as_bytes());
        parts[1] = &forged;
        assert_eq!(verify_manifest(&parts.join("."), &jwks, "https://id.example.com"), Err(SignedError::Signature));
    }
}
