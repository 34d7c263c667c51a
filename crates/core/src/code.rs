//! The codes the backend mails (forgot password, registration): eight digits, however they were
//! pasted. (The resend cooldown is the backend's rate limit; the window and the CLI only show it.)

/// Reads a pasted code: the eight digits, whatever spaces or dashes came with them.
pub fn parse_code(pasted: &str) -> Option<String> {
    let digits: String = pasted.chars().filter(char::is_ascii_digit).collect();
    let only_separators = pasted.chars().all(|c| c.is_ascii_digit() || c.is_whitespace() || c == '-');
    (digits.len() == 8 && only_separators).then_some(digits)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pasted_codes_are_cleaned_and_checked() {
        assert_eq!(parse_code(" 1234 5678\n").as_deref(), Some("12345678"));
        assert_eq!(parse_code("1234-5678").as_deref(), Some("12345678"));
        assert_eq!(parse_code("1234567"), None);
        assert_eq!(parse_code("code: 12345678"), None);
    }
}
