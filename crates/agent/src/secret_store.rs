//! Where the refresh token is kept between runs: the OS keyring (Secret Service on Linux, the
//! kernel keyring when Linux has no Secret Service, the macOS Keychain, the Windows Credential
//! Manager), never a plain file. Only the short opaque refresh token goes there; access tokens
//! live in memory only.
//!
//! [`MemoryStore`] can be told to fail, so the "keyring locked or unavailable" paths are tested
//! without breaking a real keyring.

use std::sync::Mutex;

use latchkey_protocol::Secret;

/// The keyring service name; the entry's user is the backend URL, so two backends never share
/// a token.
pub const SERVICE: &str = "latchkey";

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum StoreError {
    /// The store exists but refuses access (locked collection, denied prompt).
    #[error("the {store} is locked or refused access: {reason}")]
    Locked { store: &'static str, reason: String },
    /// No store can be reached (no Secret Service and no kernel keyring, ...).
    #[error("the {store} is unavailable: {reason}")]
    Unavailable { store: &'static str, reason: String },
}

/// A place for one secret per account.
pub trait SecretStore: Send + Sync {
    /// `secret_service`, `kernel_keyring`, `keychain`, `credential_manager` or `memory`.
    fn kind(&self) -> &'static str;
    fn load(&self, account: &str) -> Result<Option<Secret>, StoreError>;
    fn save(&self, account: &str, secret: &Secret) -> Result<(), StoreError>;
    fn delete(&self, account: &str) -> Result<(), StoreError>;
}

/// A store in memory, for unit tests: nothing survives the process.
#[derive(Default)]
pub struct MemoryStore {
    entries: Mutex<std::collections::HashMap<String, Secret>>,
    failure: Mutex<Option<StoreError>>,
}

impl MemoryStore {
    /// Makes every following call fail with `error` (or work again with `None`).
    pub fn fail_with(&self, error: Option<StoreError>) {
        *self.failure.lock().unwrap_or_else(std::sync::PoisonError::into_inner) = error;
    }

    fn check(&self) -> Result<(), StoreError> {
        match &*self.failure.lock().unwrap_or_else(std::sync::PoisonError::into_inner) {
            Some(error) => Err(error.clone()),
            None => Ok(()),
        }
    }

    fn entries(&self) -> std::sync::MutexGuard<'_, std::collections::HashMap<String, Secret>> {
        self.entries.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

impl SecretStore for MemoryStore {
    fn kind(&self) -> &'static str {
        "memory"
    }
    fn load(&self, account: &str) -> Result<Option<Secret>, StoreError> {
        self.check()?;
        Ok(self.entries().get(account).cloned())
    }
    fn save(&self, account: &str, secret: &Secret) -> Result<(), StoreError> {
        self.check()?;
        self.entries().insert(account.to_owned(), secret.clone());
        Ok(())
    }
    fn delete(&self, account: &str) -> Result<(), StoreError> {
        self.check()?;
        self.entries().remove(account);
        Ok(())
    }
}

/// The OS keyring through the `keyring` crate, with the backend chosen once at start-up.
pub struct OsKeyring {
    kind: &'static str,
    #[cfg(target_os = "linux")]
    linux: LinuxBackend,
}

#[cfg(target_os = "linux")]
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum LinuxBackend {
    SecretService,
    KernelKeyring,
}

fn convert(store: &'static str, error: keyring::Error) -> StoreError {
    match error {
        keyring::Error::NoStorageAccess(e) => StoreError::Locked { store, reason: e.to_string() },
        other => StoreError::Unavailable { store, reason: other.to_string() },
    }
}

impl OsKeyring {
    /// Picks this OS's keyring. On Linux: Secret Service when a service answers on the session
    /// bus, else the kernel keyring (servers, SSH sessions).
    pub fn detect() -> OsKeyring {
        #[cfg(target_os = "linux")]
        {
            let probe = keyring::secret_service::SsCredential::new_with_target(None, SERVICE, "probe")
                .map(|c| keyring::Entry::new_with_credential(Box::new(c)))
                .and_then(|entry| match entry.get_password() {
                    Ok(_) | Err(keyring::Error::NoEntry) => Ok(()),
                    Err(e) => Err(e),
                });
            match probe {
                Ok(()) => OsKeyring { kind: "secret_service", linux: LinuxBackend::SecretService },
                Err(e) => {
                    tracing::info!(reason = %e, "no usable Secret Service; the refresh token goes to the kernel keyring");
                    OsKeyring { kind: "kernel_keyring", linux: LinuxBackend::KernelKeyring }
                }
            }
        }
        #[cfg(target_os = "macos")]
        {
            OsKeyring { kind: "keychain" }
        }
        #[cfg(windows)]
        {
            OsKeyring { kind: "credential_manager" }
        }
    }

    /// The kernel keyring alone (what Linux uses without a Secret Service).
    #[cfg(target_os = "linux")]
    pub fn kernel_keyring() -> OsKeyring {
        OsKeyring { kind: "kernel_keyring", linux: LinuxBackend::KernelKeyring }
    }

    fn entry(&self, account: &str) -> Result<keyring::Entry, StoreError> {
        #[cfg(target_os = "linux")]
        {
            let credential: Box<keyring::Credential> = match self.linux {
                LinuxBackend::SecretService => Box::new(
                    keyring::secret_service::SsCredential::new_with_target(None, SERVICE, account).map_err(|e| convert(self.kind, e))?,
                ),
                LinuxBackend::KernelKeyring => Box::new(
                    keyring::keyutils::KeyutilsCredential::new_with_target(None, SERVICE, account).map_err(|e| convert(self.kind, e))?,
                ),
            };
            Ok(keyring::Entry::new_with_credential(credential))
        }
        #[cfg(not(target_os = "linux"))]
        {
            keyring::Entry::new(SERVICE, account).map_err(|e| convert(self.kind, e))
        }
    }
}

impl SecretStore for OsKeyring {
    fn kind(&self) -> &'static str {
        self.kind
    }

    fn load(&self, account: &str) -> Result<Option<Secret>, StoreError> {
        match self.entry(account)?.get_password() {
            Ok(secret) => Ok(Some(Secret::new(secret))),
            Err(keyring::Error::NoEntry) => Ok(None),
            Err(e) => Err(convert(self.kind, e)),
        }
    }

    fn save(&self, account: &str, secret: &Secret) -> Result<(), StoreError> {
        self.entry(account)?.set_password(secret.expose()).map_err(|e| convert(self.kind, e))
    }

    fn delete(&self, account: &str) -> Result<(), StoreError> {
        match self.entry(account)?.delete_credential() {
            Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
            Err(e) => Err(convert(self.kind, e)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_memory_store_keeps_and_forgets_and_fails_on_demand() {
        let store = MemoryStore::default();
        assert_eq!(store.load("https://a").unwrap(), None);
        store.save("https://a", &Secret::new("r1")).unwrap();
        assert_eq!(store.load("https://a").unwrap(), Some(Secret::new("r1")));
        store.fail_with(Some(StoreError::Locked { store: "memory", reason: "test".into() }));
        assert!(matches!(store.load("https://a"), Err(StoreError::Locked { .. })));
        store.fail_with(None);
        store.delete("https://a").unwrap();
        assert_eq!(store.load("https://a").unwrap(), None);
    }
}
