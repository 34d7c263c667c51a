//! Whether a product may be used, online or from the signed cache: the decision behind
//! `GET /v1/entitlements/{product}` (`entitled`, `reason`).

/// One product of the signed entitlement set.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SignedEntitlement {
    pub product: String,
    /// The display name, signed with the rest; `None` when the operator gave none.
    pub name: Option<String>,
    pub features: Vec<String>,
    /// Unix seconds; `None` when the subscription does not expire.
    pub expires_at: Option<i64>,
}

/// The entitlement set as last verified (its signature checked by the agent).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EntitlementSet {
    pub entitlements: Vec<SignedEntitlement>,
    pub issued_at: i64,
    /// The set's `exp`: past it, the cache proves nothing.
    pub offline_until: i64,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refusal {
    NotEntitled,
    OfflineGraceExpired,
    SubscriptionExpired,
}

impl Refusal {
    /// The `reason` of the local API.
    pub fn code(self) -> &'static str {
        match self {
            Refusal::NotEntitled => "not_entitled",
            Refusal::OfflineGraceExpired => "offline_grace_expired",
            Refusal::SubscriptionExpired => "subscription_expired",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Decision {
    Entitled { features: Vec<String> },
    Refused(Refusal),
}

/// Decides `product` at `now`. `online` says whether the set was just fetched from the backend;
/// a cached set counts only until its `offline_until`.
pub fn decide(set: &EntitlementSet, product: &str, now: i64, online: bool) -> Decision {
    if !online && now >= set.offline_until {
        return Decision::Refused(Refusal::OfflineGraceExpired);
    }
    match set.entitlements.iter().find(|e| e.product == product) {
        None => Decision::Refused(Refusal::NotEntitled),
        Some(e) if e.expires_at.is_some_and(|end| end <= now) => Decision::Refused(Refusal::SubscriptionExpired),
        Some(e) => Decision::Entitled { features: e.features.clone() },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set() -> EntitlementSet {
        EntitlementSet {
            entitlements: vec![
                SignedEntitlement { product: "suite".into(), name: None, features: vec!["download".into()], expires_at: None },
                SignedEntitlement { product: "old".into(), name: None, features: vec![], expires_at: Some(50) },
            ],
            issued_at: 0,
            offline_until: 100,
        }
    }

    #[test]
    fn entitled_online_and_offline_within_the_grace() {
        let entitled = Decision::Entitled { features: vec!["download".into()] };
        assert_eq!(decide(&set(), "suite", 10, true), entitled);
        assert_eq!(decide(&set(), "suite", 99, false), entitled);
    }

    #[test]
    fn each_refusal_has_its_reason() {
        assert_eq!(decide(&set(), "other", 10, true), Decision::Refused(Refusal::NotEntitled));
        assert_eq!(decide(&set(), "old", 60, true), Decision::Refused(Refusal::SubscriptionExpired));
        assert_eq!(decide(&set(), "suite", 100, false), Decision::Refused(Refusal::OfflineGraceExpired));
        assert_eq!(Refusal::OfflineGraceExpired.code(), "offline_grace_expired");
    }

    #[test]
    fn a_fresh_online_set_is_not_bound_by_the_offline_window() {
        assert!(matches!(decide(&set(), "suite", 150, true), Decision::Entitled { .. }));
    }
}
