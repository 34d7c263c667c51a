//! Entitlements: what a user may use, from their organization's active subscriptions and their
//! roles, signed so that clients can check them offline until `offline_until`.

use latchkey_protocol::{Entitlement, Entitlements};
use serde::Serialize;

use crate::clock::rfc3339;
use crate::db::Tx;
use crate::AppState;

pub const DEFAULT_OFFLINE_GRACE_DAYS: i64 = 7;

#[derive(Serialize)]
struct SignedEntitlements<'a> {
    iss: &'a str,
    sub: &'a str,
    org: Option<&'a str>,
    iat: i64,
    exp: i64,
    entitlements: &'a [Entitlement],
}

/// The user's entitlements now, signed; `None` if the account is gone.
pub async fn for_user(state: &AppState, user_id: &str) -> Result<Option<Entitlements>, sqlx::Error> {
    let mut tx = state.db.pool.begin().await?;
    let entitlements = compute(state, &mut tx, user_id).await?;
    tx.commit().await?;
    Ok(entitlements)
}

async fn compute(state: &AppState, tx: &mut Tx, user_id: &str) -> Result<Option<Entitlements>, sqlx::Error> {
    let now = state.now();
    let row: Option<(Option<String>, Option<i64>)> =
        sqlx::query_as("SELECT u.org_id, o.offline_grace_days FROM users u LEFT JOIN orgs o ON o.id = u.org_id WHERE u.id = $1")
            .bind(user_id)
            .fetch_optional(&mut **tx)
            .await?;
    let Some((org, grace_days)) = row else { return Ok(None) };
    let mut entitlements = Vec::new();
    if let Some(org) = &org {
        let downloads: bool = sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM user_roles WHERE user_id = $1 AND role = $2")
            .bind(user_id)
            .bind(crate::roles::PRODUCT_DELIVERY_DOWNLOAD)
            .fetch_one(&mut **tx)
            .await?
            > 0;
        let subscriptions = crate::products::subscriptions(tx, org, Some(now)).await?;
        entitlements = subscriptions
            .into_iter()
            .map(|(product, name, expires_at)| Entitlement {
                product,
                name,
                features: if downloads { vec!["download".into()] } else { Vec::new() },
                expires_at: expires_at.map(rfc3339),
            })
            .collect();
    }
    let offline_until = now + grace_days.unwrap_or(DEFAULT_OFFLINE_GRACE_DAYS) * 86_400;
    let signed = state.keys.sign(
        "entitlements+jwt",
        &SignedEntitlements {
            iss: &state.settings.public_url,
            sub: user_id,
            org: org.as_deref(),
            iat: now,
            exp: offline_until,
            entitlements: &entitlements,
        },
    );
    Ok(Some(Entitlements { entitlements, issued_at: rfc3339(now), offline_until: rfc3339(offline_until), signed }))
}
