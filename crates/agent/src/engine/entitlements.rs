//! The entitlements: the verified, signed set at hand ([`OfflineEntitlements`]), its sealed file
//! for offline use (`offline_cache`), fetching a fresh set after each refresh, and the answers of
//! `GET /v1/entitlements` and `GET /v1/entitlements/{product}`, built from the verified set alone
//! (the signed JWS's claims), never from the unsigned copy beside it.

use std::path::Path;

use latchkey_core::{decide, Decision, EntitlementSet, State};
use latchkey_protocol::local::{EntitlementCacheStatus, EntitlementsView, LocalErrorCode as C, ProductEntitlement, TokenRequest};
use latchkey_protocol::{Entitlement, Jwks, Secret};

use super::{not_signed_in, Engine};
use crate::backend::{Backend, BackendError};
use crate::clock::rfc3339;
use crate::error::LocalError;
use crate::offline_cache::{self, EntitlementCache, SealKey};

/// The entitlement set the session holds, and what is known about its origin.
#[derive(Default)]
pub(super) struct OfflineEntitlements {
    /// The verified set, with the form it was fetched in (or read from the file).
    pub(super) cache: Option<(EntitlementCache, EntitlementSet)>,
    /// The key that seals the cache file, from the secret store (created at the first save).
    pub(super) seal_key: Option<SealKey>,
    /// What became of the cache file read at start (`/v1/status`'s `entitlement_cache`).
    pub(super) check: Option<EntitlementCacheStatus>,
    /// Whether `cache` was fetched with the current session online (else it came from disk).
    pub(super) online: bool,
}

impl OfflineEntitlements {
    /// What the agent starts with: the sealed file of `account`'s last set when a session was
    /// restored (`signed_in`), checked with `seal_key`; a file that fails any check is ignored
    /// and reported, never trusted.
    pub(super) fn at_start(file: Option<&Path>, account: Option<&str>, signed_in: bool, seal_key: Option<SealKey>) -> OfflineEntitlements {
        let (cache, check) = match (file, account, signed_in) {
            (Some(file), Some(account), true) => match offline_cache::load(file, account, seal_key.as_ref()) {
                Ok(Some(cache)) => (Some(cache), Some(cache_status(None))),
                Ok(None) => (None, None),
                Err(refusal) => {
                    tracing::error!(reason = refusal.code(), error = %refusal, file = %file.display(), "the cached entitlements are not trusted; ignored");
                    (None, Some(cache_status(Some(&refusal))))
                }
            },
            _ => (None, None),
        };
        OfflineEntitlements { cache, seal_key, check, online: false }
    }

    /// A set fresh from the backend, which replaces whatever was on disk.
    pub(super) fn fetched(&mut self, cache: EntitlementCache, set: EntitlementSet) {
        self.cache = Some((cache, set));
        self.online = true;
        self.check = None;
    }

    /// The session ended: nothing of it stays.
    pub(super) fn forget(&mut self) {
        *self = OfflineEntitlements::default();
    }

    /// `GET /v1/entitlements`, while the session is in `state`.
    pub(super) fn view(&self, state: &State) -> Option<EntitlementsView> {
        let (cache, set) = self.cache.as_ref()?;
        Some(EntitlementsView {
            entitlements: set
                .entitlements
                .iter()
                .map(|e| Entitlement {
                    product: e.product.clone(),
                    name: e.name.clone(),
                    features: e.features.clone(),
                    expires_at: e.expires_at.map(rfc3339),
                })
                .collect(),
            issued_at: rfc3339(set.issued_at),
            offline_until: rfc3339(set.offline_until),
            signed: cache.entitlements.signed.clone(),
            source: if self.is_online(state) { "online" } else { "cache" }.into(),
        })
    }

    /// `GET /v1/entitlements/{product}` at `now`, while the session is in `state`: `core`'s
    /// decision.
    pub(super) fn product(&self, product: &str, now: i64, state: &State) -> Option<ProductEntitlement> {
        let (_, set) = self.cache.as_ref()?;
        let offline_until = rfc3339(set.offline_until);
        Some(match decide(set, product, now, self.is_online(state)) {
            Decision::Entitled { features } => {
                ProductEntitlement { product: product.to_owned(), entitled: true, features, offline_until, reason: None }
            }
            Decision::Refused(refusal) => ProductEntitlement {
                product: product.to_owned(),
                entitled: false,
                features: Vec::new(),
                offline_until,
                reason: Some(refusal.code().to_owned()),
            },
        })
    }

    /// Fetched in this session and the backend still answers: no offline grace applies.
    fn is_online(&self, state: &State) -> bool {
        self.online && matches!(state, State::SignedIn)
    }
}

fn no_set_yet() -> LocalError {
    LocalError::new(C::BackendUnreachable, "no entitlements could be fetched yet")
}

impl Engine {
    /// Fetches, verifies and caches the signed entitlement set. Failures leave the last set.
    pub(super) async fn update_entitlements(&self, access_token: &Secret) {
        let Some(backend) = self.backend() else { return };
        let result = async {
            let entitlements = backend.entitlements(access_token).await?;
            let (issuer, jwks) = {
                let known = self.inner().offline.cache.as_ref().map(|(c, _)| (c.issuer.clone(), c.jwks.clone()));
                match known {
                    Some(known) => known,
                    None => fetch_keys(&backend).await?,
                }
            };
            Ok::<_, BackendError>((entitlements, issuer, jwks))
        }
        .await;
        let (entitlements, issuer, mut jwks) = match result {
            Ok(fetched) => fetched,
            Err(e) => {
                tracing::warn!(error = %e, "cannot fetch the entitlements");
                if e.is_outage() {
                    self.went_offline(&e);
                }
                return;
            }
        };
        let Some(user) = self.inner().user.clone() else { return };
        let mut verified = crate::signed::verify(&entitlements.signed, &jwks, &issuer, &user.id);
        if verified.is_err() {
            // The signing key may have rotated: fetch the keys once more.
            if let Ok((_, fresh)) = fetch_keys(&backend).await {
                jwks = fresh;
                verified = crate::signed::verify(&entitlements.signed, &jwks, &issuer, &user.id);
            }
        }
        let set = match verified {
            Ok(set) => set,
            Err(e) => {
                tracing::error!(error = %e, "the backend's entitlement set does not verify; it is not used");
                return;
            }
        };
        let cache = EntitlementCache { backend: backend.base().to_owned(), issuer, jwks, user, entitlements };
        if let Some(file) = &self.cache_file {
            match self.seal_key().await {
                Some(key) => {
                    if let Err(e) = offline_cache::save(file, &cache, &key) {
                        tracing::warn!(error = %e, file = %file.display(), "cannot cache the entitlements for offline use");
                    }
                }
                None => {
                    // Without a key the file could not be trusted offline: keep none.
                    let _ = std::fs::remove_file(file);
                }
            }
        }
        self.inner().offline.fetched(cache, set);
        self.publish();
    }

    /// The seal key of the cache file: the one in memory, else a new one saved in the secret
    /// store first. `None` when the store refuses it.
    async fn seal_key(&self) -> Option<SealKey> {
        if let Some(key) = self.inner().offline.seal_key.clone() {
            return Some(key);
        }
        let account = offline_cache::key_account(&self.account().ok()?);
        let key = SealKey::generate();
        let store = self.store.clone();
        let secret = key.to_secret();
        match tokio::task::spawn_blocking(move || store.save(&account, &secret)).await {
            Ok(Ok(())) => {
                self.inner().offline.seal_key = Some(key.clone());
                Some(key)
            }
            Ok(Err(e)) => {
                tracing::warn!(error = %e, "the keyring refused the cache's seal key; the entitlements are not cached on disk");
                None
            }
            Err(_) => None,
        }
    }

    /// `GET /v1/entitlements`.
    pub async fn entitlements(&self) -> Result<EntitlementsView, LocalError> {
        self.ensure_entitlements().await?;
        let inner = self.inner();
        inner.offline.view(inner.session.state()).ok_or_else(no_set_yet)
    }

    /// `GET /v1/entitlements/{product}`.
    pub async fn entitlement(&self, product: &str) -> Result<ProductEntitlement, LocalError> {
        self.ensure_entitlements().await?;
        self.publish(); // the offline grace may have run out
        let inner = self.inner();
        inner.offline.product(product, self.clock.now(), inner.session.state()).ok_or_else(no_set_yet)
    }

    /// Makes sure a set is at hand: signed in with none yet (just restored), fetch one.
    async fn ensure_entitlements(&self) -> Result<(), LocalError> {
        let (has_cache, state) = {
            let inner = self.inner();
            (inner.offline.cache.is_some(), inner.session.state().clone())
        };
        match state {
            State::SignedOut | State::SigningIn => return Err(not_signed_in()),
            State::TosRequired(_) if !has_cache => {
                return Err(LocalError::new(C::TosRequired, "the Terms of Service must be accepted first"))
            }
            State::Expired if !has_cache => return Err(not_signed_in()),
            _ => {}
        }
        if !has_cache || !self.inner().offline.online && matches!(state, State::SignedIn) {
            if let Ok(token) = self.token(&TokenRequest::default()).await {
                self.update_entitlements(&token.access_token).await;
            }
        }
        Ok(())
    }
}

pub(super) async fn fetch_keys(backend: &Backend) -> Result<(String, Jwks), BackendError> {
    let discovery = backend.discovery().await?;
    let jwks = backend.jwks(&discovery.jwks_uri).await?;
    Ok((discovery.issuer, jwks))
}

fn cache_status(refusal: Option<&offline_cache::Refusal>) -> EntitlementCacheStatus {
    match refusal {
        None => EntitlementCacheStatus { state: "verified".into(), reason: None, detail: None },
        Some(refusal) => {
            EntitlementCacheStatus { state: "refused".into(), reason: Some(refusal.code().into()), detail: Some(refusal.to_string()) }
        }
    }
}

#[cfg(test)]
mod tests {
    use ed25519_dalek::SigningKey;
    use latchkey_protocol::Entitlement;

    use super::*;
    use crate::offline_cache::fixtures::{signed_cache, BACKEND};

    /// The set the backend signed for `products`, usable offline until 1000, as the engine holds it.
    fn fetched(products: &[&str]) -> OfflineEntitlements {
        let cache = signed_cache(&SigningKey::from_bytes(&[7; 32]), "k1", products, 1000);
        let set = crate::signed::verify(&cache.entitlements.signed, &cache.jwks, BACKEND, "u1").unwrap();
        let mut held = OfflineEntitlements::default();
        held.fetched(cache, set);
        held
    }

    #[test]
    fn the_view_is_the_verified_set_whatever_the_unsigned_copy_says() {
        let mut held = fetched(&["suite"]);
        let (cache, _) = held.cache.as_mut().unwrap();
        cache.entitlements.entitlements.push(Entitlement { product: "studio".into(), name: None, features: vec![], expires_at: None });
        let view = held.view(&State::SignedIn).unwrap();
        let products: Vec<&str> = view.entitlements.iter().map(|e| e.product.as_str()).collect();
        assert_eq!(products, ["suite"]);
        assert_eq!((view.source.as_str(), view.offline_until.as_str()), ("online", "1970-01-01T00:16:40Z"));
        assert_eq!(held.view(&State::Offline { until: 1000 }).unwrap().source, "cache", "offline, the set is the cached one");
        assert!(OfflineEntitlements::default().view(&State::SignedIn).is_none(), "no set, no view");
    }

    #[test]
    fn a_product_is_decided_by_the_set_and_the_offline_grace() {
        let held = fetched(&["suite"]);
        let offline = State::Offline { until: 1000 };
        let answer = |product: &str, now: i64, state: &State| {
            let answer = held.product(product, now, state).unwrap();
            (answer.entitled, answer.reason)
        };
        assert_eq!(answer("suite", 500, &State::SignedIn), (true, None));
        assert_eq!(answer("suite", 999, &offline), (true, None), "within the grace");
        assert_eq!(answer("suite", 1001, &offline), (false, Some("offline_grace_expired".to_owned())));
        assert_eq!(answer("studio", 500, &State::SignedIn), (false, Some("not_entitled".to_owned())));
    }

    #[test]
    fn at_start_the_file_is_read_only_for_a_restored_session_and_only_if_its_seal_holds() {
        let folder = tempfile::tempdir().unwrap();
        let file = folder.path().join("latchkey/entitlements.json");
        let key = SealKey::generate();
        offline_cache::save(&file, &signed_cache(&SigningKey::from_bytes(&[7; 32]), "k1", &["suite"], 1000), &key).unwrap();

        let read = OfflineEntitlements::at_start(Some(&file), Some(BACKEND), true, Some(key.clone()));
        assert!(read.cache.is_some() && !read.online, "a set from disk is not an online one");
        assert_eq!(read.check.as_ref().map(|c| c.state.as_str()), Some("verified"));

        let other_key = OfflineEntitlements::at_start(Some(&file), Some(BACKEND), true, Some(SealKey::generate()));
        assert!(other_key.cache.is_none());
        let check = other_key.check.unwrap();
        assert_eq!((check.state.as_str(), check.reason.as_deref()), ("refused", Some("seal_mismatch")));

        let no_key = OfflineEntitlements::at_start(Some(&file), Some(BACKEND), true, None);
        assert_eq!(no_key.check.and_then(|c| c.reason).as_deref(), Some("no_seal_key"));

        let signed_out = OfflineEntitlements::at_start(Some(&file), Some(BACKEND), false, Some(key));
        assert!(signed_out.cache.is_none() && signed_out.check.is_none(), "without a session the file is not even read");
    }

    #[test]
    fn forgetting_leaves_nothing() {
        let mut held = fetched(&["suite"]);
        held.seal_key = Some(SealKey::generate());
        held.forget();
        assert!(held.cache.is_none() && held.seal_key.is_none() && held.check.is_none() && !held.online);
    }
}
