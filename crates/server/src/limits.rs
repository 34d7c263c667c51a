//! Rate limits and sign-in lockouts, kept in the database so every instance sees the same state.

use crate::config::Rate;
use crate::db::Tx;

/// Counts one event against `key` in a fixed window. `Err(retry_after)` once over the limit.
pub async fn hit(tx: &mut Tx, key: &str, rate: Rate, now: i64) -> Result<Result<(), u64>, sqlx::Error> {
    let window = rate.window.as_secs() as i64;
    let (count, window_start) = count(tx, key, rate.window, now).await?;
    if count > i64::from(rate.max) {
        Ok(Err((window_start + window - now).max(1) as u64))
    } else {
        Ok(Ok(()))
    }
}

/// Counts one event against `key` in a fixed window; returns the count (this one included) and
/// the window's start.
pub async fn count(tx: &mut Tx, key: &str, window: std::time::Duration, now: i64) -> Result<(i64, i64), sqlx::Error> {
    let window = window.as_secs() as i64;
    // In both databases `SET` reads the old row, so the window restarts atomically.
    let (count, window_start): (i64, i64) = sqlx::query_as(
        "INSERT INTO rate_counters (key, window_start, count) VALUES ($1, $2, 1) \
         ON CONFLICT (key) DO UPDATE SET \
           count = CASE WHEN rate_counters.window_start <= $3 THEN 1 ELSE rate_counters.count + 1 END, \
           window_start = CASE WHEN rate_counters.window_start <= $3 THEN $2 ELSE rate_counters.window_start END \
         RETURNING count, window_start",
    )
    .bind(key)
    .bind(now)
    .bind(now - window)
    .fetch_one(&mut **tx)
    .await?;
    Ok((count, window_start))
}

/// First lock 30 s, doubling with each further lock, at most 15 minutes.
pub fn lock_delay(lock_count: i64) -> i64 {
    (30i64 << lock_count.clamp(0, 5)).min(15 * 60)
}

/// Counts a sign-in attempt against the address before its password is checked. `Err` with
/// the seconds left when the address is locked, or when `lock_after` attempts are already in
/// flight or failed (the caller's transaction then rolls the count back).
pub async fn reserve_attempt(tx: &mut Tx, address_key: &str, lock_after: u32, now: i64) -> Result<Result<(), u64>, sqlx::Error> {
    let (failures, lock_count, locked_until): (i64, i64, i64) = sqlx::query_as(
        "INSERT INTO signin_lockouts (address, failures, lock_count, locked_until) VALUES ($1, 1, 0, 0) \
         ON CONFLICT (address) DO UPDATE SET failures = signin_lockouts.failures + 1 \
         RETURNING failures, lock_count, locked_until",
    )
    .bind(address_key)
    .fetch_one(&mut **tx)
    .await?;
    if locked_until > now {
        return Ok(Err((locked_until - now) as u64));
    }
    if failures > i64::from(lock_after) {
        return Ok(Err(lock_delay(lock_count) as u64));
    }
    Ok(Ok(()))
}

/// The reserved attempt failed: lock the address once `lock_after` failures are counted.
pub async fn settle_failure(tx: &mut Tx, address_key: &str, lock_after: u32, now: i64) -> Result<(), sqlx::Error> {
    let (failures, lock_count): (i64, i64) = sqlx::query_as("SELECT failures, lock_count FROM signin_lockouts WHERE address = $1")
        .bind(address_key)
        .fetch_optional(&mut **tx)
        .await?
        .unwrap_or((0, 0));
    if failures >= i64::from(lock_after) {
        sqlx::query("UPDATE signin_lockouts SET failures = 0, lock_count = lock_count + 1, locked_until = $2 WHERE address = $1")
            .bind(address_key)
            .bind(now + lock_delay(lock_count))
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}

/// Takes back one counted event (a sign-in that turned out right is not a failure).
pub async fn give_back(tx: &mut Tx, key: &str) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE rate_counters SET count = count - 1 WHERE key = $1 AND count > 0").bind(key).execute(&mut **tx).await?;
    Ok(())
}

/// A successful sign-in forgets the failures; a password reset also forgets the locks.
pub async fn clear(tx: &mut Tx, address_key: &str, including_locks: bool) -> Result<(), sqlx::Error> {
    let sql = if including_locks {
        "DELETE FROM signin_lockouts WHERE address = $1"
    } else {
        "UPDATE signin_lockouts SET failures = 0 WHERE address = $1"
    };
    sqlx::query(sql).bind(address_key).execute(&mut **tx).await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::lock_delay;

    #[test]
    fn lock_delay_doubles_from_thirty_seconds_to_fifteen_minutes() {
        assert_eq!((0..7).map(lock_delay).collect::<Vec<_>>(), vec![30, 60, 120, 240, 480, 900, 900]);
    }
}
