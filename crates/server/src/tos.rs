//! Terms of Service: published versions and their translations. The current version is the one
//! published last; a translation added later to an older version does not change which is current.

use latchkey_protocol::{Language, TosDocument};

use crate::clock::rfc3339;
use crate::db::Tx;

pub struct Version {
    pub version: String,
}

/// The current version as a scalar subquery, for queries that need it beside other data.
pub const CURRENT_VERSION_SQL: &str =
    "(SELECT version FROM tos_versions GROUP BY version ORDER BY MIN(published_at) DESC, version DESC LIMIT 1)";

pub async fn current(tx: &mut Tx) -> Result<Option<Version>, sqlx::Error> {
    let version: Option<String> =
        sqlx::query_scalar(&format!("SELECT {CURRENT_VERSION_SQL} AS version")).fetch_optional(&mut **tx).await?.flatten();
    Ok(version.map(|version| Version { version }))
}

/// The current version's text in `language` (see [`document`]), if any version is published.
pub async fn current_document(db: &crate::db::Db, language: Language) -> Result<Option<TosDocument>, sqlx::Error> {
    let mut tx = db.pool.begin().await?;
    let document = match current(&mut tx).await? {
        Some(current) => Some(document(&mut tx, &current.version, language).await?),
        None => None,
    };
    tx.commit().await?;
    Ok(document)
}

/// The text of `version` in `language`, else in English, else in any language it has.
pub async fn document(tx: &mut Tx, version: &str, language: Language) -> Result<TosDocument, sqlx::Error> {
    let (title, body_markdown, lang, published_at): (String, String, String, i64) = sqlx::query_as(
        "SELECT title, body_markdown, lang, published_at FROM tos_versions WHERE version = $1 \
         ORDER BY CASE WHEN lang = $2 THEN 0 WHEN lang = 'en' THEN 1 ELSE 2 END, lang LIMIT 1",
    )
    .bind(version)
    .bind(language.code())
    .fetch_one(&mut **tx)
    .await?;
    let first_published: i64 = sqlx::query_scalar("SELECT MIN(published_at) FROM tos_versions WHERE version = $1")
        .bind(version)
        .fetch_one(&mut **tx)
        .await
        .unwrap_or(published_at);
    Ok(TosDocument {
        version: version.to_owned(),
        title,
        body_markdown,
        published_at: rfc3339(first_published),
        lang: Language::from_tag(&lang).unwrap_or_default(),
        // Filled at the edge (`routes::selfservice`), which knows the settings.
        trust_center_url: None,
    })
}

/// Publishes a version or a translation of one; publishing the same pair again replaces its text.
pub async fn publish(tx: &mut Tx, version: &str, language: Language, title: &str, body: &str, now: i64) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO tos_versions (version, lang, title, body_markdown, published_at) VALUES ($1, $2, $3, $4, $5) \
         ON CONFLICT (version, lang) DO UPDATE SET title = excluded.title, body_markdown = excluded.body_markdown",
    )
    .bind(version)
    .bind(language.code())
    .bind(title)
    .bind(body)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Validates and publishes in its own transaction, with an audit entry.
pub async fn publish_checked(
    db: &crate::db::Db,
    now: i64,
    version: &str,
    language: Language,
    title: &str,
    body: &str,
) -> Result<(), crate::error::ApiError> {
    use crate::error::ApiError;
    use latchkey_protocol::ErrorCode;
    let version = version.trim();
    if version.is_empty() || version.len() > 64 || !version.chars().all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c)) {
        return Err(ApiError::bad_request(ErrorCode::InvalidRequest, "version: 1 to 64 letters, digits, - _ ."));
    }
    if title.trim().is_empty() || title.chars().count() > 200 || title.chars().any(char::is_control) {
        return Err(ApiError::bad_request(ErrorCode::InvalidRequest, "title: 1 to 200 characters, no control characters"));
    }
    if body.trim().is_empty() {
        return Err(ApiError::bad_request(ErrorCode::InvalidRequest, "the Terms of Service text is empty"));
    }
    let mut tx = db.begin().await?;
    publish(&mut tx, version, language, title.trim(), body, now).await?;
    crate::audit::record(
        &mut tx,
        now,
        "tos_published",
        crate::audit::Entry { detail: serde_json::json!({"version": version, "lang": language}), ..Default::default() },
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
