//! When to refresh: a cached access token answers a caller while it stays valid for the
//! caller's `min_valid_seconds`; the agent refreshes on its own ahead of expiry.

/// Whether a token expiring at `expires_at` must be refreshed before answering a caller that
/// needs it valid for `min_valid` more seconds.
pub fn needs_refresh(now: i64, expires_at: i64, min_valid: i64) -> bool {
    expires_at - now < min_valid.max(0)
}

/// When the agent refreshes on its own: at four fifths of the token's life, but at least a
/// minute before it expires (and never before now). Spreading refreshes over the last fifth
/// keeps thousands of clients that signed in together from refreshing in the same second.
pub fn refresh_at(now: i64, issued_at: i64, expires_at: i64) -> i64 {
    let lifetime = (expires_at - issued_at).max(0);
    let four_fifths = issued_at + lifetime * 4 / 5;
    four_fifths.min(expires_at - 60).max(now)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cached_token_answers_while_it_lasts_long_enough() {
        assert!(!needs_refresh(0, 600, 60));
        assert!(!needs_refresh(540, 600, 60));
        assert!(needs_refresh(541, 600, 60));
        // Asking for more than a fresh token's lifetime always refreshes.
        assert!(needs_refresh(0, 600, 3600));
        assert!(!needs_refresh(0, 600, -5), "a negative minimum means now");
    }

    #[test]
    fn proactive_refresh_at_four_fifths_or_a_minute_before_expiry() {
        assert_eq!(refresh_at(0, 0, 600), 480);
        assert_eq!(refresh_at(0, 0, 100), 40, "a short token refreshes a minute before its end");
        assert_eq!(refresh_at(590, 0, 600), 590, "never in the past");
    }
}
