//! Products as people read them. Subscriptions and entitlements name a product by its identifier
//! (`acme-design`, what applications check); the operator gives it a display name
//! ("Acme Design Suite") that the portal, the desktop window and the CLI show. A product without one is
//! shown by its identifier.

use latchkey_protocol::FieldError;
use serde::Serialize;

use crate::db::{Db, Tx};
use crate::error::ApiError;
use crate::validate;

/// A product identifier: 1 to 64 letters, digits, `-`, `_` and `.`.
pub fn check_id(product: &str) -> Result<(), ApiError> {
    let ok = !product.is_empty() && product.len() <= 64 && product.chars().all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c));
    if ok {
        Ok(())
    } else {
        Err(ApiError::validation(vec![FieldError { field: "product".into(), code: "invalid_product".into() }])
            .detail(format!("`{product}` is not a product identifier (letters, digits, - _ .)")))
    }
}

/// The subscriptions of `org`, each with its product's display name when it has one: `(product,
/// name, expires_at)` by product. With `active_at`, only those that have not expired by then.
pub async fn subscriptions(
    tx: &mut Tx,
    org: &str,
    active_at: Option<i64>,
) -> Result<Vec<(String, Option<String>, Option<i64>)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT s.product, p.name, s.expires_at FROM subscriptions s LEFT JOIN products p ON p.id = s.product \
         WHERE s.org_id = $1 AND ($2 IS NULL OR s.expires_at IS NULL OR s.expires_at > $2) ORDER BY s.product",
    )
    .bind(org)
    .bind(active_at)
    .fetch_all(&mut **tx)
    .await
}

/// A product and its display name.
#[derive(Serialize, Debug, PartialEq, Eq, utoipa::ToSchema)]
pub struct Product {
    pub id: String,
    pub name: String,
}

/// Gives `product` its display name (1 to 100 characters, no control characters), or a new one.
/// The product need not be subscribed yet: the name is ready when it is.
pub async fn set_name(db: &Db, product: &str, name: &str) -> Result<Product, ApiError> {
    check_id(product)?;
    let name = validate::name(name).map_err(|code| {
        ApiError::validation(vec![FieldError { field: "name".into(), code: code.into() }])
            .detail("a product's name is 1 to 100 characters, without control characters")
    })?;
    sqlx::query("INSERT INTO products (id, name) VALUES ($1, $2) ON CONFLICT (id) DO UPDATE SET name = excluded.name")
        .bind(product)
        .bind(&name)
        .execute(&db.pool)
        .await?;
    Ok(Product { id: product.to_owned(), name })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identifiers_are_plain() {
        assert!(check_id("microstation").is_ok());
        assert!(check_id("suite-2027.1_x").is_ok());
        for bad in ["", "micro station", "ü", &"x".repeat(65), "a/b"] {
            assert!(check_id(bad).is_err(), "{bad:?}");
        }
    }
}
