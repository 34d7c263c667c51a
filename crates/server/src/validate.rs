//! Input rules shared by every endpoint: email addresses, names, countries.

use latchkey_protocol::FieldError;

/// A syntactically valid address: trimmed, with its domain IDNA-normalised.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Email {
    /// The address as stored and shown: the local part as typed, the domain in ASCII lower case.
    pub address: String,
    /// The comparison key: the whole address in lower case.
    pub key: String,
    pub local: String,
    pub domain: String,
}

/// [`email`] as the API refuses it: 400 `validation` naming the `email` field.
pub fn email_field(input: &str) -> Result<Email, crate::error::ApiError> {
    email(input).map_err(|_| crate::error::ApiError::validation(vec![FieldError { field: "email".into(), code: "invalid_email".into() }]))
}

pub fn email(input: &str) -> Result<Email, &'static str> {
    let trimmed = input.trim();
    if trimmed.is_empty() {
        return Err("missing_field");
    }
    let (local, domain) = trimmed.rsplit_once('@').ok_or("invalid_email")?;
    if local.is_empty() || local.chars().count() > 64 || !local_part_ok(local) {
        return Err("invalid_email");
    }
    let domain = idna::domain_to_ascii(domain).map_err(|_| "invalid_email")?;
    if !domain_ok(&domain) {
        return Err("invalid_email");
    }
    let address = format!("{local}@{domain}");
    if address.len() > 254 {
        return Err("invalid_email");
    }
    Ok(Email { key: address.to_lowercase(), address, local: local.to_owned(), domain })
}

fn local_part_ok(local: &str) -> bool {
    const SPECIALS: &str = "!#$%&'*+/=?^_`{|}~.-";
    !local.starts_with('.')
        && !local.ends_with('.')
        && !local.contains("..")
        && local
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || SPECIALS.contains(c) || (!c.is_ascii() && !c.is_control() && !c.is_whitespace()))
}

fn domain_ok(domain: &str) -> bool {
    let labels: Vec<&str> = domain.split('.').collect();
    labels.len() >= 2
        && domain.len() <= 253
        && labels.iter().all(|l| {
            !l.is_empty()
                && l.len() <= 63
                && !l.starts_with('-')
                && !l.ends_with('-')
                && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        })
        && !labels.last().is_some_and(|tld| tld.chars().all(|c| c.is_ascii_digit()))
}

/// A person's name: 1 to 100 characters, no control characters.
pub fn name(input: &str) -> Result<String, &'static str> {
    let trimmed = input.trim();
    if trimmed.is_empty() {
        return Err("missing_field");
    }
    if trimmed.chars().count() > 100 {
        return Err("field_too_long");
    }
    if trimmed.chars().any(char::is_control) {
        return Err("invalid_characters");
    }
    Ok(trimmed.to_owned())
}

/// An ISO 3166-1 alpha-2 code, any case in, upper case out.
pub fn country(input: &str) -> Result<String, &'static str> {
    let trimmed = input.trim();
    if trimmed.is_empty() {
        return Err("missing_field");
    }
    isocountry::CountryCode::for_alpha2_caseless(trimmed).map(|c| c.alpha2().to_owned()).map_err(|_| "invalid_country")
}

/// Collects field errors so one answer names every invalid field.
#[derive(Default)]
pub struct Fields(pub Vec<FieldError>);

impl Fields {
    pub fn check<T>(&mut self, field: &str, result: Result<T, &'static str>) -> Option<T> {
        match result {
            Ok(value) => Some(value),
            Err(code) => {
                self.0.push(FieldError { field: field.to_owned(), code: code.to_owned() });
                None
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_are_trimmed_lowercased_for_comparison_and_idna_normalised() {
        let e = email("  Ada.Lovelace@Bücher.Example ").unwrap();
        assert_eq!(e.address, "Ada.Lovelace@xn--bcher-kva.example");
        assert_eq!(e.key, "ada.lovelace@xn--bcher-kva.example");
        assert_eq!(e.local, "Ada.Lovelace");
    }

    #[test]
    fn bad_emails_are_refused() {
        for bad in ["", "plain", "a@b", "a@@b.com", ".a@b.com", "a..b@c.com", "a b@c.com", "a@-b.com", "a@b.123", "a@b..com"] {
            assert!(email(bad).is_err(), "{bad} should be refused");
        }
        assert_eq!(email("   ").unwrap_err(), "missing_field");
    }

    #[test]
    fn countries_and_names() {
        assert_eq!(country("gb").unwrap(), "GB");
        assert_eq!(country("XX").unwrap_err(), "invalid_country");
        assert_eq!(name("A\u{7}").unwrap_err(), "invalid_characters");
        assert_eq!(name(&"x".repeat(101)).unwrap_err(), "field_too_long");
    }
}
