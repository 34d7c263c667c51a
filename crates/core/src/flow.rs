//! The forgot-password flow as the client walks it: email → "if the address is registered, we
//! sent a code" → code (with a resend cooldown) → new password → done.

/// Seconds between two "send the code again" requests (the backend allows 5 per 15 minutes).
pub const RESEND_COOLDOWN: i64 = 60;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ForgotStep {
    EnterEmail,
    /// A code was asked for at `sent_at`; the user types it and a new password.
    EnterCode {
        email: String,
        sent_at: i64,
    },
    /// The password is set: sign in with it next.
    Done {
        email: String,
    },
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ForgotPassword {
    step: ForgotStep,
}

impl Default for ForgotPassword {
    fn default() -> Self {
        ForgotPassword { step: ForgotStep::EnterEmail }
    }
}

impl ForgotPassword {
    pub fn step(&self) -> &ForgotStep {
        &self.step
    }

    /// The backend accepted the request for a code (it answers the same for unknown addresses).
    pub fn code_sent(&mut self, email: &str, now: i64) {
        self.step = ForgotStep::EnterCode { email: email.to_owned(), sent_at: now };
    }

    /// Seconds until the code may be sent again (0: now); `None` outside the code step.
    pub fn resend_in(&self, now: i64) -> Option<i64> {
        match &self.step {
            ForgotStep::EnterCode { sent_at, .. } => Some((sent_at + RESEND_COOLDOWN - now).max(0)),
            _ => None,
        }
    }

    /// The backend set the password.
    pub fn password_set(&mut self) {
        if let ForgotStep::EnterCode { email, .. } = &self.step {
            self.step = ForgotStep::Done { email: email.clone() };
        }
    }

    /// The code is dead (five wrong tries, expired): ask for a new one.
    pub fn code_dead(&mut self) {
        if let ForgotStep::EnterCode { sent_at, email } = &self.step {
            // Keep the step, but let a new code go out at once.
            self.step = ForgotStep::EnterCode { email: email.clone(), sent_at: sent_at - RESEND_COOLDOWN };
        }
    }
}

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
    fn the_flow_walks_email_code_done() {
        let mut flow = ForgotPassword::default();
        assert_eq!(flow.resend_in(0), None);
        flow.code_sent("ada@example.com", 100);
        assert_eq!(flow.resend_in(130), Some(30));
        assert_eq!(flow.resend_in(200), Some(0));
        flow.password_set();
        assert_eq!(flow.step(), &ForgotStep::Done { email: "ada@example.com".into() });
    }

    #[test]
    fn a_dead_code_may_be_replaced_at_once() {
        let mut flow = ForgotPassword::default();
        flow.code_sent("ada@example.com", 100);
        flow.code_dead();
        assert_eq!(flow.resend_in(101), Some(0));
    }

    #[test]
    fn pasted_codes_are_cleaned_and_checked() {
        assert_eq!(parse_code(" 1234 5678\n").as_deref(), Some("12345678"));
        assert_eq!(parse_code("1234-5678").as_deref(), Some("12345678"));
        assert_eq!(parse_code("1234567"), None);
        assert_eq!(parse_code("code: 12345678"), None);
    }
}
