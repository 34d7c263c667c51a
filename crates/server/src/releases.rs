//! Releases: the operator publishes an installer of a product's version for a platform
//! (`latchkey-server release publish`), lists and yanks them. The file goes to the
//! [`ReleaseStore`] under its SHA-256; the row records what a client needs to check it, and
//! [`manifest`] signs that statement whenever the release is offered.

use std::path::Path;

use axum::http::StatusCode;
use latchkey_protocol::delivery::{Platform, Release, ReleaseManifest, MANIFEST_TYP};
use latchkey_protocol::{ErrorCode, FieldError};

use crate::clock::rfc3339;
use crate::db::Db;
use crate::error::ApiError;
use crate::keys::Keys;
use crate::release_store::ReleaseStore;

/// Release notes longer than this are refused (they are shown in a window, not a book).
pub const MAX_NOTES_BYTES: usize = 64 * 1024;

/// What the operator publishes.
#[derive(Debug)]
pub struct Publication<'a> {
    pub product: &'a str,
    pub version: &'a str,
    pub platform: Platform,
    pub file: &'a Path,
    /// Release notes (Markdown).
    pub notes: Option<String>,
    /// The installed software's name for itself; the product identifier when not given.
    pub package_id: Option<&'a str>,
}

/// A version: 1 to 64 characters, starting with a letter or digit, then letters, digits and
/// `. - + _ ~`.
pub fn check_version(field: &str, version: &str) -> Result<(), ApiError> {
    let ok = version.len() <= 64
        && version.starts_with(|c: char| c.is_ascii_alphanumeric())
        && version.chars().all(|c| c.is_ascii_alphanumeric() || ".-+_~".contains(c));
    if ok {
        Ok(())
    } else {
        Err(ApiError::validation(vec![FieldError { field: field.into(), code: "invalid_version".into() }])
            .detail(format!("`{version}` is not a version (1 to 64 letters, digits and . - + _ ~, such as 2027.1.0)")))
    }
}

fn field_error(field: &str, code: &str, detail: String) -> ApiError {
    ApiError::validation(vec![FieldError { field: field.into(), code: code.into() }]).detail(detail)
}

/// Checks everything about a publication that can be checked before its file is copied.
fn check(publication: &Publication<'_>) -> Result<(String, String), ApiError> {
    crate::products::check_id(publication.product)?;
    check_version("version", publication.version)?;
    if let Some(notes) = &publication.notes {
        if notes.len() > MAX_NOTES_BYTES {
            return Err(field_error("notes", "too_long", format!("release notes are at most {MAX_NOTES_BYTES} bytes")));
        }
    }
    let file_name = publication
        .file
        .file_name()
        .and_then(|n| n.to_str())
        .filter(|n| n.len() <= 255 && !n.chars().any(char::is_control) && !n.contains(['"', '\\']))
        .ok_or_else(|| {
            field_error(
                "file",
                "invalid_file_name",
                format!(
                    "{}: the file's name must be UTF-8, at most 255 bytes, without quotes or control characters",
                    publication.file.display()
                ),
            )
        })?
        .to_owned();
    let package_id = publication.package_id.unwrap_or(publication.product);
    // Never read as an option by the package managers that get it as an argument.
    let package_ok =
        !package_id.is_empty() && !package_id.starts_with('-') && package_id.len() <= 200 && !package_id.chars().any(char::is_control);
    if !package_ok {
        return Err(field_error(
            "package_id",
            "invalid_package_id",
            "a package identifier is 1 to 200 characters, not starting with -, without control characters".into(),
        ));
    }
    Ok((file_name, package_id.to_owned()))
}

/// Publishes a release: checks it, copies the file into the store (hashing it), records it.
/// Refused whole, with nothing left in the store, when the same product, version and platform
/// were published before.
pub async fn publish(db: &Db, store: &ReleaseStore, now: i64, publication: Publication<'_>) -> Result<Release, ApiError> {
    let (file_name, package_id) = check(&publication)?;
    if find_published(db, publication.product, publication.version, publication.platform).await?.is_some() {
        return Err(already_published(publication.product, publication.version, publication.platform));
    }
    let stored = store.put(publication.file).await.map_err(|e| match e {
        crate::release_store::StoreError::Source { .. } => field_error("file", "unreadable", e.to_string()),
        // The store, not the operator's input, failed: a failure (exit 1), said whole.
        other => ApiError::internal(&other).detail(other.to_string()),
    })?;
    let release = Release {
        id: crate::ids::new_id("rel"),
        product: publication.product.to_owned(),
        version: publication.version.to_owned(),
        platform: publication.platform,
        file_name,
        size: stored.size,
        sha256: stored.sha256,
        package_id,
        notes: publication.notes,
        published_at: rfc3339(now),
        yanked_at: None,
    };
    let inserted = sqlx::query(
        "INSERT INTO releases (id, product, version, platform, file_name, size, sha256, package_id, notes, published_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
    )
    .bind(&release.id)
    .bind(&release.product)
    .bind(&release.version)
    .bind(release.platform.as_str())
    .bind(&release.file_name)
    .bind(i64::try_from(release.size).unwrap_or(i64::MAX))
    .bind(&release.sha256)
    .bind(&release.package_id)
    .bind(release.notes.as_deref())
    .bind(now)
    .execute(&db.pool)
    .await;
    match inserted {
        Ok(_) => Ok(release),
        Err(e) => {
            // A concurrent publication of the same release, or a database failure: keep the
            // stored file only if another release has the same bytes.
            if !is_referenced(db, &release.sha256).await.unwrap_or(true) {
                store.remove(&release.sha256).await;
            }
            if e.as_database_error().is_some_and(sqlx::error::DatabaseError::is_unique_violation) {
                return Err(already_published(&release.product, &release.version, release.platform));
            }
            Err(e.into())
        }
    }
}

fn already_published(product: &str, version: &str, platform: Platform) -> ApiError {
    ApiError::new(StatusCode::CONFLICT, ErrorCode::InvalidRequest).detail(format!(
        "{product} {version} for {platform} is already published: publish a new version (and yank this one if it must not be installed)"
    ))
}

async fn is_referenced(db: &Db, sha256: &str) -> Result<bool, sqlx::Error> {
    let count: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM releases WHERE sha256 = $1").bind(sha256).fetch_one(&db.pool).await?;
    Ok(count > 0)
}

const COLUMNS: &str = "id, product, version, platform, file_name, size, sha256, package_id, notes, published_at, yanked_at";

type Row = (String, String, String, String, String, i64, String, String, Option<String>, i64, Option<i64>);

fn from_row(row: Row) -> Result<Release, sqlx::Error> {
    let (id, product, version, platform, file_name, size, sha256, package_id, notes, published_at, yanked_at) = row;
    let platform = Platform::parse(&platform).ok_or_else(|| sqlx::Error::Decode(format!("unknown platform `{platform}`").into()))?;
    Ok(Release {
        id,
        product,
        version,
        platform,
        file_name,
        size: u64::try_from(size).unwrap_or(0),
        sha256,
        package_id,
        notes,
        published_at: rfc3339(published_at),
        yanked_at: yanked_at.map(rfc3339),
    })
}

async fn find_published(db: &Db, product: &str, version: &str, platform: Platform) -> Result<Option<Release>, sqlx::Error> {
    let sql = format!("SELECT {COLUMNS} FROM releases WHERE product = $1 AND version = $2 AND platform = $3");
    let row: Option<Row> = sqlx::query_as(&sql).bind(product).bind(version).bind(platform.as_str()).fetch_optional(&db.pool).await?;
    row.map(from_row).transpose()
}

/// One release by id, yanked or not.
pub async fn find(db: &Db, id: &str) -> Result<Option<Release>, sqlx::Error> {
    let row: Option<Row> =
        sqlx::query_as(&format!("SELECT {COLUMNS} FROM releases WHERE id = $1")).bind(id).fetch_optional(&db.pool).await?;
    row.map(from_row).transpose()
}

/// Every release of `product` (of every product when `None`), yanked ones included, by product
/// and then newest version first.
pub async fn list(db: &Db, product: Option<&str>) -> Result<Vec<Release>, sqlx::Error> {
    let sql = format!("SELECT {COLUMNS} FROM releases WHERE $1 IS NULL OR product = $1");
    let rows: Vec<Row> = sqlx::query_as(&sql).bind(product).fetch_all(&db.pool).await?;
    let mut releases = rows.into_iter().map(from_row).collect::<Result<Vec<_>, _>>()?;
    releases.sort_by(|a, b| {
        a.product
            .cmp(&b.product)
            .then_with(|| latchkey_protocol::delivery::compare_versions(&b.version, &a.version))
            .then_with(|| a.platform.cmp(&b.platform))
    });
    Ok(releases)
}

/// The releases of these products that are not yanked.
pub async fn live_of(db: &Db, products: &[String]) -> Result<Vec<Release>, sqlx::Error> {
    if products.is_empty() {
        return Ok(Vec::new());
    }
    let placeholders = (1..=products.len()).map(|i| format!("${i}")).collect::<Vec<_>>().join(", ");
    let sql = format!("SELECT {COLUMNS} FROM releases WHERE yanked_at IS NULL AND product IN ({placeholders})");
    let mut query = sqlx::query_as::<_, Row>(&sql);
    for product in products {
        query = query.bind(product);
    }
    query.fetch_all(&db.pool).await?.into_iter().map(from_row).collect()
}

/// Withdraws a release: it is no longer offered or served. Yanking twice is the same as once.
pub async fn yank(db: &Db, now: i64, id: &str) -> Result<Release, ApiError> {
    sqlx::query("UPDATE releases SET yanked_at = $1 WHERE id = $2 AND yanked_at IS NULL").bind(now).bind(id).execute(&db.pool).await?;
    find(db, id).await?.ok_or_else(|| ApiError::not_found().detail(format!("no release `{id}`")))
}

/// The offered release per platform among `releases` (one product's, not yanked): the
/// `pinned` version when given (a platform without it offers nothing), else the newest.
pub fn offered(releases: Vec<Release>, pinned: Option<&str>) -> Vec<Release> {
    let mut best: Vec<Release> = Vec::new();
    for release in releases {
        if pinned.is_some_and(|v| v != release.version) {
            continue;
        }
        match best.iter_mut().find(|b| b.platform == release.platform) {
            Some(current) => {
                if latchkey_protocol::delivery::compare_versions(&release.version, &current.version).is_gt() {
                    *current = release;
                }
            }
            None => best.push(release),
        }
    }
    best.sort_by_key(|r| r.platform);
    best
}

/// The signed manifest of `release`, by the current signing key.
pub fn manifest(keys: &Keys, issuer: &str, now: i64, release: &Release) -> String {
    keys.sign(
        MANIFEST_TYP,
        &ReleaseManifest {
            iss: issuer.to_owned(),
            iat: now,
            release: release.id.clone(),
            product: release.product.clone(),
            version: release.version.clone(),
            platform: release.platform,
            file_name: release.file_name.clone(),
            size: release.size,
            sha256: release.sha256.clone(),
            package_id: release.package_id.clone(),
        },
    )
}

/// A release of product `p` for the unit tests here and in `catalog`.
#[cfg(test)]
pub(crate) fn fixture(version: &str, platform: Platform) -> Release {
    Release {
        id: format!("rel_{version}_{platform}"),
        product: "p".into(),
        version: version.into(),
        platform,
        file_name: "f".into(),
        size: 1,
        sha256: "00".into(),
        package_id: "p".into(),
        notes: None,
        published_at: String::new(),
        yanked_at: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn release(version: &str, platform: Platform) -> Release {
        fixture(version, platform)
    }

    #[test]
    fn the_newest_or_the_pinned_version_is_offered_per_platform() {
        let all = vec![
            release("2027.1.0", Platform::LinuxX64Deb),
            release("2027.10.0", Platform::LinuxX64Deb),
            release("2027.9.0", Platform::LinuxX64Deb),
            release("2027.1.0", Platform::WindowsX64),
        ];
        let latest: Vec<_> = offered(all.clone(), None).into_iter().map(|r| (r.platform, r.version)).collect();
        assert_eq!(latest, vec![(Platform::WindowsX64, "2027.1.0".into()), (Platform::LinuxX64Deb, "2027.10.0".into())]);
        let pinned: Vec<_> = offered(all.clone(), Some("2027.9.0")).into_iter().map(|r| (r.platform, r.version)).collect();
        assert_eq!(pinned, vec![(Platform::LinuxX64Deb, "2027.9.0".into())], "a platform without the pinned version offers nothing");
        assert!(offered(all, Some("3.0")).is_empty());
    }

    #[test]
    fn versions_and_publications_are_checked_before_any_copy() {
        for good in ["2027.1.0", "1", "1.0.0-rc.1+build.5", "v2"] {
            assert!(check_version("version", good).is_ok(), "{good}");
        }
        for bad in ["", "-1", ".1", "1 0", "1/0", "ü", &"1".repeat(65)] {
            assert!(check_version("version", bad).is_err(), "{bad:?}");
        }
        let publication = |file: &'static str, notes: Option<String>, package_id: Option<&'static str>| Publication {
            product: "p",
            version: "1.0",
            platform: Platform::LinuxX64Deb,
            file: Path::new(file),
            notes,
            package_id,
        };
        assert_eq!(check(&publication("/tmp/p_1.0.deb", None, None)).unwrap(), ("p_1.0.deb".into(), "p".into()));
        let field = |e: ApiError| e.problem.errors[0].field.clone();
        assert_eq!(field(check(&publication("/tmp/a\"b.deb", None, None)).unwrap_err()), "file");
        assert_eq!(field(check(&publication("/tmp/p.deb", Some("x".repeat(MAX_NOTES_BYTES + 1)), None)).unwrap_err()), "notes");
        assert_eq!(field(check(&publication("/tmp/p.deb", None, Some(""))).unwrap_err()), "package_id");
        assert_eq!(field(check(&publication("/tmp/p.deb", None, Some("--force-all"))).unwrap_err()), "package_id");
    }
}
