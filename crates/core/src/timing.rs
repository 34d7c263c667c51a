//! When to refresh: a cached access token answers a caller while it stays valid for the
//! caller's `min_valid_seconds`; the agent refreshes on its own ahead of expiry.

/// Whether a token expiring at `expires_at` must be refreshed before answering a caller that
/// needs it valid for `min_valid` more seconds.
pub fn needs_refresh(now: i64, expires_at: i64, min_valid: i64) -> bool {
    expires_at - now < min_valid.max(0)
}

/// When the agent refreshes on its own: at four fifths of the token's life, but at least a
/// minute before it expires when the token lives over two minutes (a short token refreshes at
/// half its life, never at once: that would refresh in a loop). Never before now.
pub fn refresh_at(now: i64, issued_at: i64, expires_at: i64) -> i64 {
    let lifetime = (expires_at - issued_at).max(0);
    let lead = (lifetime / 5).max(60.min(lifetime / 2));
    (expires_at - lead).max(now)
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
        assert_eq!(refresh_at(0, 0, 200), 140, "a minute before the end");
        assert_eq!(refresh_at(0, 0, 60), 30, "a one-minute token at half its life, not at once");
        assert_eq!(refresh_at(590, 0, 600), 590, "never in the past");
    }
}
