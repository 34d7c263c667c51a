//! The password policy (NIST SP 800-63B) and Argon2id hashing behind a bound.

use std::collections::HashSet;
use std::sync::Arc;

use argon2::password_hash::{rand_core::OsRng, PasswordHash, PasswordHasher as _, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use latchkey_protocol::{PasswordPolicy as PolicyDocument, Secret, WeakPasswordReason};
use tokio::sync::Semaphore;
use unicode_normalization::UnicodeNormalization;

const COMMON_PASSWORDS: &str = include_str!("../data/common-passwords.txt");
pub const MAX_LENGTH: usize = 128;

pub struct Policy {
    pub min_length: usize,
    common: HashSet<&'static str>,
}

impl Policy {
    pub fn new(min_length: usize) -> Self {
        Self { min_length, common: COMMON_PASSWORDS.lines().map(str::trim).filter(|l| !l.is_empty()).collect() }
    }

    pub fn document(&self) -> PolicyDocument {
        PolicyDocument {
            min_length: self.min_length,
            max_length: MAX_LENGTH,
            normalization: "NFKC".into(),
            rejects_common: true,
            rejects_email: true,
            composition_rules: false,
        }
    }

    /// The NFKC-normalised password, or every reason it is refused.
    pub fn check(&self, password: &Secret, email_local: &str) -> Result<Secret, Vec<WeakPasswordReason>> {
        let normalized: String = password.expose().nfkc().collect();
        let length = normalized.chars().count();
        let lower = normalized.to_lowercase();
        let mut reasons = Vec::new();
        if length < self.min_length {
            reasons.push(WeakPasswordReason::TooShort);
        }
        if length > MAX_LENGTH {
            reasons.push(WeakPasswordReason::TooLong);
        }
        if self.common.contains(lower.as_str()) {
            reasons.push(WeakPasswordReason::Common);
        }
        // A one- or two-letter local part would forbid half the alphabet; three is the least
        // that says something about the address.
        let local = email_local.to_lowercase();
        if local.chars().count() >= 3 && lower.contains(&local) {
            reasons.push(WeakPasswordReason::ContainsEmail);
        }
        if reasons.is_empty() {
            Ok(Secret::new(normalized))
        } else {
            Err(reasons)
        }
    }
}

/// The form a password is hashed and checked in (NFKC), so that the same text typed through
/// another input method still matches.
pub fn normalize(password: &Secret) -> Secret {
    Secret::new(password.expose().nfkc().collect::<String>())
}

/// A hash could not be computed (never a wrong password: that is `Ok(false)`).
#[derive(Debug, thiserror::Error)]
pub enum HashError {
    #[error("the hashing pool is closed")]
    Closed(#[from] tokio::sync::AcquireError),
    #[error("the hashing task failed: {0}")]
    Task(#[from] tokio::task::JoinError),
    #[error("argon2: {0}")]
    Argon2(String),
}

/// Argon2id with OWASP's parameters (m = 19 MiB, t = 2, p = 1), run on the blocking pool and at
/// most `concurrency` at a time, so a flood of sign-ins cannot starve the async workers.
#[derive(Clone)]
pub struct Hasher {
    permits: Arc<Semaphore>,
    /// A real hash of a random password: unknown accounts are checked against it, so a wrong
    /// address costs the same time as a wrong password.
    decoy: Arc<String>,
}

fn argon2() -> Argon2<'static> {
    let params = Params::new(19 * 1024, 2, 1, None).expect("valid Argon2 parameters");
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

fn hash_now(password: &str) -> Result<String, argon2::password_hash::Error> {
    let salt = SaltString::generate(&mut OsRng);
    Ok(argon2().hash_password(password.as_bytes(), &salt)?.to_string())
}

fn verify_now(password: &str, hash: &str) -> bool {
    PasswordHash::new(hash).is_ok_and(|parsed| argon2().verify_password(password.as_bytes(), &parsed).is_ok())
}

impl Hasher {
    pub fn new(concurrency: usize) -> Self {
        let decoy = hash_now(&crate::ids::random_token()).expect("hashing a random password");
        Self { permits: Arc::new(Semaphore::new(concurrency.max(1))), decoy: Arc::new(decoy) }
    }

    pub async fn hash(&self, password: Secret) -> Result<String, HashError> {
        // The permit moves into the blocking task: a caller that goes away must not free a slot
        // while its hash still runs.
        let permit = Arc::clone(&self.permits).acquire_owned().await?;
        tokio::task::spawn_blocking(move || {
            let _permit = permit;
            hash_now(password.expose())
        })
        .await?
        .map_err(|e| HashError::Argon2(e.to_string()))
    }

    /// Checks `password` against `hash`, or against the decoy when there is none.
    pub async fn verify(&self, password: Secret, hash: Option<String>) -> Result<bool, HashError> {
        let permit = Arc::clone(&self.permits).acquire_owned().await?;
        let decoy = self.decoy.clone();
        Ok(tokio::task::spawn_blocking(move || {
            let _permit = permit;
            if let Some(hash) = hash {
                verify_now(password.expose(), &hash)
            } else {
                verify_now(password.expose(), &decoy);
                false
            }
        })
        .await?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reasons(policy: &Policy, password: &str, local: &str) -> Vec<WeakPasswordReason> {
        policy.check(&Secret::new(password), local).err().unwrap_or_default()
    }

    #[test]
    fn each_reason_is_reported() {
        let policy = Policy::new(15);
        assert_eq!(reasons(&policy, "short one", "ada"), vec![WeakPasswordReason::TooShort]);
        assert_eq!(reasons(&policy, &"x".repeat(129), "ada"), vec![WeakPasswordReason::TooLong]);
        assert!(reasons(&policy, "password", "zz").contains(&WeakPasswordReason::Common));
        assert_eq!(reasons(&policy, "my name is ada.lovelace, hi", "Ada.Lovelace"), vec![WeakPasswordReason::ContainsEmail]);
        assert!(reasons(&policy, "correct horse battery staple", "ada").is_empty());
    }

    #[test]
    fn passwords_are_nfkc_normalised_and_counted_in_characters() {
        let policy = Policy::new(15);
        // Fullwidth letters normalise to ASCII; 15 characters of them pass.
        let ok = policy.check(&Secret::new("ｃｏｒｒｅｃｔｈｏｒｓｅｂａｔｔ"), "zz").unwrap();
        assert_eq!(ok.expose(), "correcthorsebatt");
        assert_eq!(policy.check(&Secret::new("ééééééééééééééé"), "zz").unwrap().expose().chars().count(), 15);
    }

    #[test]
    fn the_common_list_has_at_least_ten_thousand_entries() {
        assert!(Policy::new(15).common.len() >= 10_000);
    }

    #[tokio::test]
    async fn hashes_verify_and_the_decoy_never_matches() {
        let hasher = Hasher::new(1);
        let hash = hasher.hash(Secret::new("correct horse battery staple")).await.unwrap();
        assert!(hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{hash}");
        assert!(hasher.verify(Secret::new("correct horse battery staple"), Some(hash.clone())).await.unwrap());
        assert!(!hasher.verify(Secret::new("wrong"), Some(hash)).await.unwrap());
        assert!(!hasher.verify(Secret::new("anything"), None).await.unwrap());
    }
}
