//! Random identifiers, tokens and codes, and the hashes under which tokens are stored.

use base64::Engine as _;
use rand::{Rng, RngCore};
use sha2::{Digest, Sha256};

const B64: base64::engine::GeneralPurpose = base64::engine::general_purpose::URL_SAFE_NO_PAD;

/// An opaque id such as `usr_3q0n…` (96 random bits).
pub fn new_id(prefix: &str) -> String {
    let mut bytes = [0u8; 12];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    format!("{prefix}_{}", B64.encode(bytes))
}

/// 256 random bits, URL-safe: refresh tokens, `ToS` tickets.
pub fn random_token() -> String {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    B64.encode(bytes)
}

/// Eight decimal digits from the OS CSPRNG.
pub fn one_time_code() -> String {
    format!("{:08}", rand::rngs::OsRng.gen_range(0..100_000_000u32))
}

/// How tokens are stored: SHA-256, hex. They carry 256 random bits, so no salt or stretching is
/// needed; a database dump does not give usable tokens.
pub fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

pub fn b64(bytes: &[u8]) -> String {
    B64.encode(bytes)
}

pub fn b64_decode(text: &str) -> Option<Vec<u8>> {
    B64.decode(text).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_eight_digits_and_tokens_256_bits() {
        for _ in 0..100 {
            let code = one_time_code();
            assert_eq!(code.len(), 8);
            assert!(code.chars().all(|c| c.is_ascii_digit()));
        }
        assert_eq!(b64_decode(&random_token()).unwrap().len(), 32);
        assert_ne!(random_token(), random_token());
    }
}
