//! The organization as the operator's and the administrators' endpoints show it.

use serde::Serialize;

use crate::orgs;

#[derive(Serialize, utoipa::ToSchema)]
pub struct OrgDocument {
    id: String,
    name: String,
    subscriptions: Vec<SubscriptionDocument>,
    offline_grace_days: i64,
    fulfillment_contact: ContactDocument,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct SubscriptionDocument {
    product: String,
    /// The product's display name; `null` when the operator gave none (show `product`).
    name: Option<String>,
    expires_at: Option<String>,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct ContactDocument {
    id: String,
    email: String,
}

impl From<orgs::Org> for OrgDocument {
    fn from(org: orgs::Org) -> Self {
        OrgDocument {
            id: org.id,
            name: org.name,
            subscriptions: org
                .subscriptions
                .into_iter()
                .map(|s| SubscriptionDocument { product: s.product, name: s.name, expires_at: s.expires_at })
                .collect(),
            offline_grace_days: org.offline_grace_days,
            fulfillment_contact: ContactDocument { id: org.fulfillment_contact.id, email: org.fulfillment_contact.email },
        }
    }
}
