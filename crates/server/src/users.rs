//! User rows: the columns of a user with their organization and roles, read by name from any
//! driver's row ([`Columns`]), so the hot queries (sign-in, the refresh grant, `GET /v1/me`)
//! build a [`User`] with one piece of code.

use latchkey_protocol::{Language, OrgRef, User};
use sqlx::any::AnyRow;
use sqlx::Row as _;

use crate::db::{Dialect, Tx};
use crate::AppState;

/// The columns of a user with their organization's name and their roles (comma-joined), for
/// `FROM users u LEFT JOIN orgs o ON o.id = u.org_id`: one query instead of two on hot paths.
pub(crate) fn user_columns(dialect: Dialect) -> String {
    let roles = match dialect {
        Dialect::Sqlite => "group_concat(r.role, ',')",
        Dialect::Postgres => "string_agg(r.role, ',')",
    };
    format!(
        "u.id AS user_id, u.email, u.first_name, u.last_name, u.country, u.language, u.org_id, o.name AS org_name, \
         u.tos_accepted_version, (SELECT {roles} FROM user_roles r WHERE r.user_id = u.id) AS roles"
    )
}

/// A result row, read by column name: sqlx's rows, and the rotator's (`sessions::rotator`:
/// rusqlite's, PostgreSQL's), so each builds a grant with one piece of code.
pub(crate) trait Columns {
    fn text(&self, name: &str) -> Result<Option<String>, sqlx::Error>;
    fn int(&self, name: &str) -> Result<Option<i64>, sqlx::Error>;

    fn required_text(&self, name: &str) -> Result<String, sqlx::Error> {
        self.text(name)?.ok_or_else(|| null_column(name))
    }

    fn required_int(&self, name: &str) -> Result<i64, sqlx::Error> {
        self.int(name)?.ok_or_else(|| null_column(name))
    }
}

fn null_column(name: &str) -> sqlx::Error {
    sqlx::Error::ColumnDecode { index: name.to_owned(), source: "unexpected NULL".into() }
}

impl Columns for AnyRow {
    fn text(&self, name: &str) -> Result<Option<String>, sqlx::Error> {
        self.try_get(name)
    }

    fn int(&self, name: &str) -> Result<Option<i64>, sqlx::Error> {
        self.try_get(name)
    }
}

pub(crate) fn user_from_row(row: &impl Columns) -> Result<(User, Option<String>), sqlx::Error> {
    let mut roles: Vec<String> = row.text("roles")?.map(|r| r.split(',').map(str::to_owned).collect()).unwrap_or_default();
    roles.sort_by_key(|r| crate::roles::rank(r));
    let org_id = row.text("org_id")?;
    let org_name = row.text("org_name")?;
    let language = row.required_text("language")?;
    let user = User {
        id: row.required_text("user_id")?,
        email: row.required_text("email")?,
        first_name: row.required_text("first_name")?,
        last_name: row.required_text("last_name")?,
        country: row.required_text("country")?,
        language: Language::from_tag(&language).unwrap_or_default(),
        org: org_id.map(|id| OrgRef { id, name: org_name.unwrap_or_default() }),
        roles,
    };
    Ok((user, row.text("tos_accepted_version")?))
}

/// The user and the Terms version they accepted last.
pub async fn load_user(tx: &mut Tx, dialect: Dialect, user_id: &str) -> Result<Option<(User, Option<String>)>, sqlx::Error> {
    let sql = format!("SELECT {} FROM users u LEFT JOIN orgs o ON o.id = u.org_id WHERE u.id = $1", user_columns(dialect));
    let row = sqlx::query(&sql).bind(user_id).fetch_optional(&mut **tx).await?;
    row.as_ref().map(user_from_row).transpose()
}

/// `GET /v1/me`: the user and the Terms version they accepted, or `None` if the account is gone.
pub async fn me(state: &AppState, user_id: &str) -> Result<Option<latchkey_protocol::Me>, sqlx::Error> {
    let mut tx = state.db.pool.begin().await?;
    let found = load_user(&mut tx, state.db.dialect, user_id).await?;
    tx.commit().await?;
    Ok(found.map(|(user, tos_accepted_version)| latchkey_protocol::Me { user, tos_accepted_version }))
}
