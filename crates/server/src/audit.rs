//! The audit log: who did what, when, from where. Never codes, passwords or tokens.

use crate::db::Tx;

#[derive(Default)]
pub struct Entry<'a> {
    pub user_id: Option<&'a str>,
    pub address: Option<&'a str>,
    pub ip: Option<&'a str>,
    pub detail: serde_json::Value,
}

pub async fn record(tx: &mut Tx, now: i64, event: &str, entry: Entry<'_>) -> Result<(), sqlx::Error> {
    let detail = if entry.detail.is_null() { "{}".to_owned() } else { entry.detail.to_string() };
    sqlx::query("INSERT INTO audit_log (id, at, event, user_id, address, ip, detail) VALUES ($1, $2, $3, $4, $5, $6, $7)")
        .bind(crate::ids::new_id("aud"))
        .bind(now)
        .bind(event)
        .bind(entry.user_id)
        .bind(entry.address)
        .bind(entry.ip)
        .bind(detail)
        .execute(&mut **tx)
        .await?;
    Ok(())
}
