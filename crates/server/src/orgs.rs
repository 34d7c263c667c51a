//! Organizations as the operator manages them: purchase (organization, subscriptions and its
//! Fulfillment Contact), subscriptions, offline grace, and domain verification.

use latchkey_protocol::{ErrorCode, Language};
use serde::Serialize;

use crate::audit::{self, Entry};
use crate::clock::rfc3339;
use crate::db::{Db, Tx};
use crate::error::ApiError;
use crate::mail::{self, Mail};
use crate::validate::{self, Fields};

/// Mail providers whose domains no organization may claim.
pub const PUBLIC_MAIL_DOMAINS: &[&str] = &[
    "gmail.com",
    "googlemail.com",
    "outlook.com",
    "hotmail.com",
    "live.com",
    "msn.com",
    "yahoo.com",
    "ymail.com",
    "aol.com",
    "icloud.com",
    "me.com",
    "mac.com",
    "proton.me",
    "protonmail.com",
    "pm.me",
    "gmx.com",
    "gmx.de",
    "gmx.net",
    "gmx.at",
    "web.de",
    "t-online.de",
    "mail.com",
    "yandex.com",
    "yandex.ru",
    "yandex.com.tr",
    "mail.ru",
    "zoho.com",
    "qq.com",
    "163.com",
    "126.com",
    "orange.fr",
    "free.fr",
    "laposte.net",
    "sfr.fr",
    "wanadoo.fr",
    "libero.it",
    "virgilio.it",
    "tiscali.it",
    "seznam.cz",
    "email.cz",
    "centrum.cz",
    "wp.pl",
    "o2.pl",
    "onet.pl",
    "interia.pl",
    "yahoo.co.uk",
    "hotmail.co.uk",
    "btinternet.com",
    "comcast.net",
    "fastmail.com",
    "hey.com",
    "tutanota.com",
    "tuta.io",
    "yahoo.fr",
    "hotmail.fr",
    "outlook.fr",
    "yahoo.es",
    "hotmail.es",
    "outlook.es",
    "yahoo.it",
    "hotmail.it",
    "yahoo.de",
    "outlook.de",
    "bluewin.ch",
    "ziggo.nl",
    "kpnmail.nl",
    "hotmail.nl",
    "planet.nl",
    "telenet.be",
    "skynet.be",
    "mynet.com",
    "hotmail.com.tr",
    "att.net",
    "verizon.net",
    "sbcglobal.net",
];

pub fn is_public_domain(domain: &str) -> bool {
    PUBLIC_MAIL_DOMAINS.contains(&domain.to_ascii_lowercase().as_str())
}

pub struct Purchase {
    pub name: String,
    pub contact_email: String,
    pub contact_first_name: String,
    pub contact_last_name: String,
    pub contact_country: String,
    pub contact_language: Option<Language>,
    /// Product and optional expiry (Unix seconds).
    pub products: Vec<(String, Option<i64>)>,
    pub offline_grace_days: Option<i64>,
}

#[derive(Serialize, Debug)]
pub struct Subscription {
    pub product: String,
    /// The product's display name, when the operator gave one (`products`).
    pub name: Option<String>,
    pub expires_at: Option<String>,
}

#[derive(Serialize, Debug)]
pub struct Contact {
    pub id: String,
    pub email: String,
}

#[derive(Serialize, Debug)]
pub struct Org {
    pub id: String,
    pub name: String,
    pub subscriptions: Vec<Subscription>,
    pub offline_grace_days: i64,
    pub fulfillment_contact: Contact,
}

fn check_grace(days: i64) -> Result<i64, ApiError> {
    if (1..=30).contains(&days) {
        Ok(days)
    } else {
        Err(ApiError::validation(vec![latchkey_protocol::FieldError { field: "offline_grace_days".into(), code: "out_of_range".into() }])
            .detail("offline_grace_days must be from 1 to 30"))
    }
}

/// A person to add to an organization, checked.
pub struct NewMember<'a> {
    pub email: &'a crate::validate::Email,
    pub first_name: &'a str,
    pub last_name: &'a str,
    pub country: &'a str,
    pub language: Language,
}

/// A new account of `org` with no password (the contact at purchase, a member an administrator
/// adds); its id.
pub async fn insert_member(tx: &mut Tx, org: &str, member: &NewMember<'_>, now: i64) -> Result<String, sqlx::Error> {
    let id = crate::ids::new_id("usr");
    sqlx::query(
        "INSERT INTO users (id, email, email_key, first_name, last_name, country, language, org_id, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(&id)
    .bind(&member.email.address)
    .bind(&member.email.key)
    .bind(member.first_name)
    .bind(member.last_name)
    .bind(member.country)
    .bind(member.language.code())
    .bind(org)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    Ok(id)
}

/// Creates the organization, its subscriptions and its Fulfillment Contact (no password), and
/// mails the contact how to complete registration; all in one transaction.
pub async fn create(db: &Db, now: i64, purchase: Purchase) -> Result<Org, ApiError> {
    let mut fields = Fields::default();
    let name = fields.check("name", validate::name(&purchase.name));
    let email = fields.check("contact_email", validate::email(&purchase.contact_email));
    let first = fields.check("contact_first_name", validate::name(&purchase.contact_first_name));
    let last = fields.check("contact_last_name", validate::name(&purchase.contact_last_name));
    let country = fields.check("contact_country", validate::country(&purchase.contact_country));
    let (Some(name), Some(email), Some(first), Some(last), Some(country)) = (name, email, first, last, country) else {
        return Err(ApiError::validation(fields.0));
    };
    let grace = check_grace(purchase.offline_grace_days.unwrap_or(crate::entitlements::DEFAULT_OFFLINE_GRACE_DAYS))?;
    for (product, _) in &purchase.products {
        crate::products::check_id(product)?;
    }
    let language = purchase.contact_language.unwrap_or_default();
    let org_id = crate::ids::new_id("org");
    let mut tx = db.begin().await?;
    sqlx::query("INSERT INTO orgs (id, name, offline_grace_days, created_at) VALUES ($1, $2, $3, $4)")
        .bind(&org_id)
        .bind(&name)
        .bind(grace)
        .bind(now)
        .execute(&mut *tx)
        .await?;
    for (product, expires_at) in &purchase.products {
        upsert_subscription(&mut tx, &org_id, product, *expires_at).await?;
    }
    let existing: Option<(String, Option<String>)> =
        sqlx::query_as("SELECT id, org_id FROM users WHERE email_key = $1").bind(&email.key).fetch_optional(&mut *tx).await?;
    let contact_id = match existing {
        Some((_, Some(_))) => {
            return Err(ApiError::new(axum::http::StatusCode::CONFLICT, ErrorCode::MemberOfOtherOrg)
                .detail("the contact already belongs to another organization"))
        }
        Some((id, None)) => {
            sqlx::query("UPDATE users SET org_id = $2 WHERE id = $1").bind(&id).bind(&org_id).execute(&mut *tx).await?;
            id
        }
        None => {
            let member = NewMember { email: &email, first_name: &first, last_name: &last, country: &country, language };
            insert_member(&mut tx, &org_id, &member, now).await?
        }
    };
    sqlx::query("INSERT INTO user_roles (user_id, role) VALUES ($1, $2) ON CONFLICT DO NOTHING")
        .bind(&contact_id)
        .bind(crate::roles::FULFILLMENT_CONTACT)
        .execute(&mut *tx)
        .await?;
    mail::enqueue(&mut tx, now, &email.address, language, &Mail::Purchase { first_name: &first, org: &name, email: &email.address })
        .await?;
    audit::record(
        &mut tx,
        now,
        "org_created",
        Entry { user_id: Some(&contact_id), detail: serde_json::json!({"org": org_id, "name": name}), ..Entry::default() },
    )
    .await?;
    let org = describe(&mut tx, &org_id).await?;
    tx.commit().await?;
    org.ok_or_else(|| ApiError::internal(&"created organization not found"))
}

async fn upsert_subscription(tx: &mut Tx, org: &str, product: &str, expires_at: Option<i64>) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO subscriptions (org_id, product, expires_at) VALUES ($1, $2, $3) \
         ON CONFLICT (org_id, product) DO UPDATE SET expires_at = excluded.expires_at",
    )
    .bind(org)
    .bind(product)
    .bind(expires_at)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

pub async fn describe(tx: &mut Tx, org_id: &str) -> Result<Option<Org>, sqlx::Error> {
    let row: Option<(String, String, i64)> =
        sqlx::query_as("SELECT id, name, offline_grace_days FROM orgs WHERE id = $1").bind(org_id).fetch_optional(&mut **tx).await?;
    let Some((id, name, offline_grace_days)) = row else { return Ok(None) };
    let subscriptions = crate::products::subscriptions(tx, &id, None).await?;
    let contact: Option<(String, String)> = sqlx::query_as(
        "SELECT u.id, u.email FROM users u JOIN user_roles r ON r.user_id = u.id WHERE u.org_id = $1 AND r.role = $2 ORDER BY u.created_at LIMIT 1",
    )
    .bind(&id)
    .bind(crate::roles::FULFILLMENT_CONTACT)
    .fetch_optional(&mut **tx)
    .await?;
    let (contact_id, contact_email) = contact.unwrap_or_default();
    Ok(Some(Org {
        id,
        name,
        subscriptions: subscriptions
            .into_iter()
            .map(|(product, name, expires_at)| Subscription { product, name, expires_at: expires_at.map(rfc3339) })
            .collect(),
        offline_grace_days,
        fulfillment_contact: Contact { id: contact_id, email: contact_email },
    }))
}

async fn require_org(tx: &mut Tx, org: &str) -> Result<(), ApiError> {
    let found: Option<String> = sqlx::query_scalar("SELECT id FROM orgs WHERE id = $1").bind(org).fetch_optional(&mut **tx).await?;
    found.map(|_| ()).ok_or_else(|| ApiError::not_found().detail(format!("no organization `{org}`")))
}

pub async fn subscribe(db: &Db, org: &str, product: &str, expires_at: Option<i64>) -> Result<Org, ApiError> {
    crate::products::check_id(product)?;
    let mut tx = db.begin().await?;
    require_org(&mut tx, org).await?;
    upsert_subscription(&mut tx, org, product, expires_at).await?;
    let described = describe(&mut tx, org).await?;
    tx.commit().await?;
    described.ok_or_else(ApiError::not_found)
}

pub async fn set_offline_grace(db: &Db, org: &str, days: i64) -> Result<Org, ApiError> {
    let days = check_grace(days)?;
    let mut tx = db.begin().await?;
    require_org(&mut tx, org).await?;
    sqlx::query("UPDATE orgs SET offline_grace_days = $2 WHERE id = $1").bind(org).bind(days).execute(&mut *tx).await?;
    let described = describe(&mut tx, org).await?;
    tx.commit().await?;
    described.ok_or_else(ApiError::not_found)
}

/// A domain an organization may hold: IDNA-normalised, not a public mail provider.
pub fn organization_domain(domain: &str) -> Result<String, ApiError> {
    let domain = idna::domain_to_ascii(domain.trim())
        .ok()
        .filter(|d| validate::email(&format!("x@{d}")).is_ok())
        .ok_or_else(|| ApiError::bad_request(ErrorCode::InvalidRequest, format!("`{domain}` is not a domain name")))?;
    if is_public_domain(&domain) {
        return Err(ApiError::bad_request(ErrorCode::PublicDomain, format!("{domain} is a public mail provider")));
    }
    Ok(domain)
}

/// The operator verifies a domain for an organization (or withdraws it).
pub async fn set_domain_verified(db: &Db, now: i64, org: &str, domain: &str, verified: bool) -> Result<(), ApiError> {
    let domain = organization_domain(domain)?;
    let mut tx = db.begin().await?;
    require_org(&mut tx, org).await?;
    let owner: Option<String> =
        sqlx::query_scalar("SELECT org_id FROM domains WHERE domain = $1").bind(&domain).fetch_optional(&mut *tx).await?;
    if owner.as_deref().is_some_and(|o| o != org) {
        return Err(ApiError::new(axum::http::StatusCode::CONFLICT, ErrorCode::DomainTaken)
            .detail(format!("{domain} belongs to another organization")));
    }
    if verified {
        sqlx::query(
            "INSERT INTO domains (domain, org_id, verified, auto_approve, created_at) VALUES ($1, $2, 1, 0, $3) \
             ON CONFLICT (domain) DO UPDATE SET verified = 1",
        )
        .bind(&domain)
        .bind(org)
        .bind(now)
        .execute(&mut *tx)
        .await?;
    } else {
        sqlx::query("DELETE FROM domains WHERE domain = $1 AND org_id = $2").bind(&domain).bind(org).execute(&mut *tx).await?;
    }
    let event = if verified { "domain_verified" } else { "domain_unverified" };
    audit::record(
        &mut tx,
        now,
        event,
        Entry { detail: serde_json::json!({"org": org, "domain": domain, "by": "operator"}), ..Entry::default() },
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
