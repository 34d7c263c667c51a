//! What a user may install: the catalogue (`GET /v1/catalog`), the organization's software
//! policy that shapes it (`GET`/`PUT /v1/orgs/{org}/software`), and the check in front of every
//! download (`GET /v1/releases/{id}/file`). One rule decides both what the catalogue offers and
//! what the file endpoint serves: [`Entitlement::offers`].

use axum::http::StatusCode;
use latchkey_protocol::delivery::{
    Catalog, CatalogProduct, DownloadBlock, OfferedRelease, ProductPolicy, Release, SoftwarePolicy, UpdateChannel, LATCHKEY_PRODUCT,
};
use latchkey_protocol::{ErrorCode, FieldError};

use crate::db::Db;
use crate::error::ApiError;
use crate::AppState;

/// What the user may do with one product, from their organization's subscription and policy and
/// their roles.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Entitlement {
    product: String,
    name: Option<String>,
    block: Option<DownloadBlock>,
    pinned_version: Option<String>,
}

impl Entitlement {
    /// Whether `release` (of this product, not yanked) may be downloaded under this entitlement:
    /// nothing blocks it and it is the pinned version, if one is pinned.
    fn offers(&self, release: &Release) -> bool {
        self.block.is_none() && self.pinned_version.as_deref().is_none_or(|v| v == release.version)
    }
}

/// The user's organization, whether they hold the Download role, and the organization's update
/// channel; `None` when the account is gone.
async fn membership(db: &Db, user_id: &str) -> Result<Option<(Option<String>, bool, UpdateChannel)>, sqlx::Error> {
    let row: Option<(Option<String>, Option<String>, i64)> = sqlx::query_as(
        "SELECT u.org_id, o.update_channel, \
         (SELECT COUNT(*) FROM user_roles r WHERE r.user_id = u.id AND r.role = $2) \
         FROM users u LEFT JOIN orgs o ON o.id = u.org_id WHERE u.id = $1",
    )
    .bind(user_id)
    .bind(crate::roles::PRODUCT_DELIVERY_DOWNLOAD)
    .fetch_optional(&db.pool)
    .await?;
    Ok(row.map(|(org, channel, downloads)| (org, downloads > 0, channel.as_deref().and_then(UpdateChannel::parse).unwrap_or_default())))
}

/// Every product the user is entitled to, Latchkey itself first (anyone may download it).
async fn entitlements(db: &Db, now: i64, org: Option<&str>, downloads: bool) -> Result<Vec<Entitlement>, sqlx::Error> {
    let latchkey_name: Option<String> =
        sqlx::query_scalar("SELECT name FROM products WHERE id = $1").bind(LATCHKEY_PRODUCT).fetch_optional(&db.pool).await?;
    // Latchkey is shown by its name even before the operator gives it one.
    let name = latchkey_name.or_else(|| Some("Latchkey".to_owned()));
    let mut products = vec![Entitlement { product: LATCHKEY_PRODUCT.into(), name, block: None, pinned_version: None }];
    let Some(org) = org else { return Ok(products) };
    let rows: Vec<(String, Option<String>, Option<i64>, Option<String>)> = sqlx::query_as(
        "SELECT s.product, p.name, w.allowed, w.pinned_version FROM subscriptions s \
         LEFT JOIN products p ON p.id = s.product \
         LEFT JOIN org_software w ON w.org_id = s.org_id AND w.product = s.product \
         WHERE s.org_id = $1 AND (s.expires_at IS NULL OR s.expires_at > $2) ORDER BY s.product",
    )
    .bind(org)
    .bind(now)
    .fetch_all(&db.pool)
    .await?;
    products.extend(rows.into_iter().filter(|(product, ..)| product != LATCHKEY_PRODUCT).map(
        |(product, name, allowed, pinned_version)| {
            let block = if allowed == Some(0) {
                Some(DownloadBlock::NotAllowedByOrganization)
            } else if !downloads {
                Some(DownloadBlock::RoleRequired)
            } else {
                None
            };
            Entitlement { product, name, block, pinned_version }
        },
    ));
    Ok(products)
}

/// The user's catalogue: each entitled product with the release offered per platform (its
/// manifest signed now) and whether they may download it; `None` when the account is gone.
pub async fn for_user(state: &AppState, user_id: &str) -> Result<Option<Catalog>, sqlx::Error> {
    let now = state.now();
    let Some((org, downloads, update_channel)) = membership(&state.db, user_id).await? else { return Ok(None) };
    let entitled = entitlements(&state.db, now, org.as_deref(), downloads).await?;
    let ids: Vec<String> = entitled.iter().map(|e| e.product.clone()).collect();
    let mut live = crate::releases::live_of(&state.db, &ids).await?;
    let products = entitled
        .into_iter()
        .map(|entitlement| {
            let (mine, rest): (Vec<Release>, Vec<Release>) = live.drain(..).partition(|r| r.product == entitlement.product);
            live = rest;
            let releases = crate::releases::offered(mine, entitlement.pinned_version.as_deref())
                .into_iter()
                .map(|release| offer(state, now, release))
                .collect();
            CatalogProduct {
                product: entitlement.product,
                name: entitlement.name,
                may_download: entitlement.block.is_none(),
                blocked_by: entitlement.block,
                pinned_version: entitlement.pinned_version,
                releases,
            }
        })
        .collect();
    Ok(Some(Catalog { products, update_channel }))
}

/// The public catalogue of Latchkey itself: the download page and anyone without an account.
pub async fn latchkey_releases(state: &AppState) -> Result<Vec<OfferedRelease>, sqlx::Error> {
    let live = crate::releases::live_of(&state.db, &[LATCHKEY_PRODUCT.to_owned()]).await?;
    let now = state.now();
    Ok(crate::releases::offered(live, None).into_iter().map(|r| offer(state, now, r)).collect())
}

fn offer(state: &AppState, now: i64, release: Release) -> OfferedRelease {
    let manifest = crate::releases::manifest(&state.keys, &state.settings.public_url, now, &release);
    let download_url = format!("{}/v1/releases/{}/file", state.settings.public_url, release.id);
    OfferedRelease { release, manifest, download_url }
}

fn not_permitted(detail: impl Into<String>) -> ApiError {
    ApiError::new(StatusCode::FORBIDDEN, ErrorCode::DownloadNotPermitted).detail(detail)
}

/// The release `id` if `user` may download it: Latchkey's own releases are public; any other
/// needs a signed-in user whose organization subscribes to the product, allows it (at this
/// version, if it pinned one) and who holds the Download role. A yanked or unknown release is 404.
pub async fn downloadable(state: &AppState, user: Option<&str>, id: &str) -> Result<Release, ApiError> {
    let release = crate::releases::find(&state.db, id)
        .await?
        .filter(|r| r.yanked_at.is_none())
        .ok_or_else(|| ApiError::not_found().detail(format!("no release `{id}` is offered")))?;
    if release.product == LATCHKEY_PRODUCT {
        return Ok(release);
    }
    let user = user.ok_or_else(|| ApiError::unauthorized("this release is downloaded with an `Authorization: Bearer` access token"))?;
    let (org, downloads, _) =
        membership(&state.db, user).await?.ok_or_else(|| ApiError::unauthorized("the account of this token no longer exists"))?;
    let entitled = entitlements(&state.db, state.now(), org.as_deref(), downloads).await?;
    let Some(entitlement) = entitled.into_iter().find(|e| e.product == release.product) else {
        return Err(not_permitted(format!("your organization has no active subscription to {}", release.product)));
    };
    match entitlement.block {
        Some(DownloadBlock::RoleRequired) => {
            Err(not_permitted("downloading needs the Product Delivery – Download role: ask your administrator"))
        }
        Some(DownloadBlock::NotAllowedByOrganization) => {
            Err(not_permitted(format!("your organization does not let its members install {}", release.product)))
        }
        None if !entitlement.offers(&release) => Err(not_permitted(format!(
            "your organization holds {} at version {}",
            release.product,
            entitlement.pinned_version.as_deref().unwrap_or_default()
        ))),
        None => Ok(release),
    }
}

/// The organization's software policy: its update channel and an entry per subscribed product
/// (allowed at the latest version when it set nothing).
pub async fn policy(db: &Db, org: &str) -> Result<SoftwarePolicy, ApiError> {
    let channel: Option<String> =
        sqlx::query_scalar("SELECT update_channel FROM orgs WHERE id = $1").bind(org).fetch_optional(&db.pool).await?;
    let channel = channel.ok_or_else(ApiError::not_found)?;
    let rows: Vec<(String, Option<i64>, Option<String>)> = sqlx::query_as(
        "SELECT s.product, w.allowed, w.pinned_version FROM subscriptions s \
         LEFT JOIN org_software w ON w.org_id = s.org_id AND w.product = s.product WHERE s.org_id = $1 ORDER BY s.product",
    )
    .bind(org)
    .fetch_all(&db.pool)
    .await?;
    Ok(SoftwarePolicy {
        update_channel: UpdateChannel::parse(&channel).unwrap_or_default(),
        products: rows
            .into_iter()
            .map(|(product, allowed, pinned_version)| ProductPolicy { product, allowed: allowed != Some(0), pinned_version })
            .collect(),
    })
}

/// Replaces the organization's software policy. Every product must be one it subscribes to, named
/// once; a pinned version must be published (and not yanked) for that product. Refused whole.
pub async fn set_policy(db: &Db, now: i64, actor: Option<&str>, org: &str, wanted: SoftwarePolicy) -> Result<SoftwarePolicy, ApiError> {
    let mut tx = db.begin().await?;
    let subscribed: Vec<String> =
        sqlx::query_scalar("SELECT product FROM subscriptions WHERE org_id = $1").bind(org).fetch_all(&mut *tx).await?;
    let exists: Option<String> = sqlx::query_scalar("SELECT id FROM orgs WHERE id = $1").bind(org).fetch_optional(&mut *tx).await?;
    if exists.is_none() {
        return Err(ApiError::not_found());
    }
    let mut errors = Vec::new();
    for (i, entry) in wanted.products.iter().enumerate() {
        let field = |name: &str| format!("products[{i}].{name}");
        if !subscribed.contains(&entry.product) {
            errors.push(FieldError { field: field("product"), code: "not_subscribed".into() });
        } else if wanted.products[..i].iter().any(|e| e.product == entry.product) {
            errors.push(FieldError { field: field("product"), code: "duplicate".into() });
        }
        if let Some(version) = &entry.pinned_version {
            if crate::releases::check_version(&field("pinned_version"), version).is_err() {
                errors.push(FieldError { field: field("pinned_version"), code: "invalid_version".into() });
                continue;
            }
            let published: i64 =
                sqlx::query_scalar("SELECT COUNT(*) FROM releases WHERE product = $1 AND version = $2 AND yanked_at IS NULL")
                    .bind(&entry.product)
                    .bind(version)
                    .fetch_one(&mut *tx)
                    .await?;
            if published == 0 {
                errors.push(FieldError { field: field("pinned_version"), code: "unknown_version".into() });
            }
        }
    }
    if !errors.is_empty() {
        return Err(ApiError::validation(errors)
            .detail("each product is one the organization subscribes to, named once; a pinned version is one published for it"));
    }
    sqlx::query("UPDATE orgs SET update_channel = $1 WHERE id = $2")
        .bind(wanted.update_channel.as_str())
        .bind(org)
        .execute(&mut *tx)
        .await?;
    sqlx::query("DELETE FROM org_software WHERE org_id = $1").bind(org).execute(&mut *tx).await?;
    for entry in &wanted.products {
        sqlx::query("INSERT INTO org_software (org_id, product, allowed, pinned_version) VALUES ($1, $2, $3, $4)")
            .bind(org)
            .bind(&entry.product)
            .bind(i64::from(entry.allowed))
            .bind(entry.pinned_version.as_deref())
            .execute(&mut *tx)
            .await?;
    }
    let detail = serde_json::json!({ "org": org, "policy": &wanted });
    crate::audit::record(&mut tx, now, "org.software_policy", crate::audit::Entry { user_id: actor, detail, ..Default::default() }).await?;
    tx.commit().await?;
    policy(db, org).await
}

#[cfg(test)]
mod tests {
    use super::*;
    use latchkey_protocol::delivery::Platform;

    #[test]
    fn a_pinned_entitlement_offers_only_its_version() {
        let release = |version: &str| crate::releases::fixture(version, Platform::LinuxX64Deb);
        let open = Entitlement { product: "p".into(), name: None, block: None, pinned_version: None };
        assert!(open.offers(&release("1.0")) && open.offers(&release("2.0")));
        let pinned = Entitlement { pinned_version: Some("1.0".into()), ..open.clone() };
        assert!(pinned.offers(&release("1.0")) && !pinned.offers(&release("2.0")));
        let blocked = Entitlement { block: Some(DownloadBlock::RoleRequired), ..open };
        assert!(!blocked.offers(&release("1.0")));
    }
}
