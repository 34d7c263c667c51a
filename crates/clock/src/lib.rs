//! The time source of the server and the agent. Their logic never reads the system clock itself,
//! so that tests can move time: the offline grace, a token's expiry, a code's ten minutes.

use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Arc;

use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

/// Unix seconds now.
pub trait Clock: Send + Sync + 'static {
    fn now(&self) -> i64;
}

pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> i64 {
        OffsetDateTime::now_utc().unix_timestamp()
    }
}

/// The system clock moved by an offset the test controls.
#[derive(Clone, Default)]
pub struct ShiftedClock(Arc<AtomicI64>);

impl ShiftedClock {
    pub fn advance(&self, seconds: i64) {
        self.0.fetch_add(seconds, Ordering::SeqCst);
    }
}

impl Clock for ShiftedClock {
    fn now(&self) -> i64 {
        SystemClock.now() + self.0.load(Ordering::SeqCst)
    }
}

/// RFC 3339 UTC text of a Unix time (the epoch for a time `time` cannot represent).
pub fn rfc3339(unix: i64) -> String {
    let t = OffsetDateTime::from_unix_timestamp(unix).unwrap_or(OffsetDateTime::UNIX_EPOCH);
    t.format(&Rfc3339).unwrap_or_default()
}

/// The Unix time of an RFC 3339 text.
pub fn parse_rfc3339(text: &str) -> Option<i64> {
    OffsetDateTime::parse(text, &Rfc3339).ok().map(OffsetDateTime::unix_timestamp)
}

/// Parses `YYYY-MM-DD` (the end of that day, UTC) or an RFC 3339 time, as operators type them.
pub fn parse_date(text: &str) -> Result<i64, String> {
    if let Some(unix) = parse_rfc3339(text) {
        return Ok(unix);
    }
    let format = time::macros::format_description!("[year]-[month]-[day]");
    let date = time::Date::parse(text, &format).map_err(|_| format!("`{text}` is not a date such as 2027-12-31"))?;
    Ok(date.with_hms(23, 59, 59).map_err(|e| e.to_string())?.assume_utc().unix_timestamp())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_round_trip() {
        assert_eq!(rfc3339(0), "1970-01-01T00:00:00Z");
        assert_eq!(parse_rfc3339("2030-01-01T00:00:00Z"), Some(1_893_456_000));
        assert_eq!(parse_rfc3339("yesterday"), None);
        assert_eq!(rfc3339(parse_date("2027-12-31").unwrap()), "2027-12-31T23:59:59Z");
        assert!(parse_date("31/12/2027").is_err());
    }

    #[test]
    fn a_shifted_clock_moves_only_forward_by_what_the_test_says() {
        let clock = ShiftedClock::default();
        let before = clock.now();
        clock.advance(3600);
        let after = clock.now();
        assert!((3600..3610).contains(&(after - before)), "{before} → {after}");
    }
}
