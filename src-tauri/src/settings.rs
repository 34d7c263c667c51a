//! The settings a user may change from the app (the language, start at login, and on first run the
//! server): written to the user layer, then reloaded so that every layer above it still wins. A
//! value an organization enforces (the policy layer) is refused, never written and ignored.

use latchkey_config::{Config, Key, Locations, Raw, WriteError};

/// Why a setting was not changed.
#[derive(Debug, PartialEq, Eq)]
pub enum ChangeError {
    /// The policy layer sets it.
    Enforced(Key),
    /// The value is not valid for the key (the message names the problem).
    Invalid(String),
    /// The user settings file could not be written (or read: it is malformed).
    Unwritable(String),
}

impl std::fmt::Display for ChangeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ChangeError::Enforced(key) => write!(f, "{} is set by your organization", key.name()),
            ChangeError::Invalid(reason) => f.write_str(reason),
            ChangeError::Unwritable(reason) => write!(f, "cannot save the setting: {reason}"),
        }
    }
}

/// Sets `key` to `value` (or with `None` returns it to the layers below) in the user file of
/// `locations`, given the configuration in force; returns the configuration reloaded from
/// `locations` and `env`.
pub fn change(
    current: &Config,
    locations: &Locations,
    env: &dyn Fn(&str) -> Option<String>,
    key: Key,
    value: Option<Raw>,
) -> Result<Config, ChangeError> {
    if current.enforced(key) {
        return Err(ChangeError::Enforced(key));
    }
    let file = locations
        .user_file
        .as_deref()
        .ok_or_else(|| ChangeError::Unwritable("there is no user settings folder (HOME is not set)".into()))?;
    latchkey_config::write_user_setting(file, key, value).map_err(|e| match e {
        WriteError::Invalid(reason) => ChangeError::Invalid(reason),
        other => ChangeError::Unwritable(other.to_string()),
    })?;
    Ok(latchkey_config::load(locations, env))
}

/// [`change`] with this process's places and environment.
pub fn change_for_this_user(current: &Config, key: Key, value: Option<Raw>) -> Result<Config, ChangeError> {
    let env = |name: &str| std::env::var(name).ok();
    change(current, &Locations::for_this_os(&env), &env, key, value)
}

#[cfg(test)]
mod tests {
    use super::*;
    use latchkey_config::{Layer, Source};

    fn locations(root: &std::path::Path) -> Locations {
        Locations {
            policy_dir: Some(root.join("policies")),
            user_file: Some(root.join("user/settings.toml")),
            machine_file: Some(root.join("config.toml")),
        }
    }

    #[test]
    fn a_change_lands_in_the_user_file_and_a_layer_above_still_wins() {
        let root = tempfile::tempdir().unwrap();
        let places = locations(root.path());
        let no_env = |_: &str| None;
        let config =
            change(&latchkey_config::load(&places, &no_env), &places, &no_env, Key::Language, Some(Raw::Text("de".into()))).unwrap();
        assert_eq!(config.language(), Some("de"));
        assert!(std::fs::read_to_string(root.path().join("user/settings.toml")).unwrap().contains("de"));
        let env = |name: &str| (name == Key::Language.env_var()).then(|| "fr".to_owned());
        let config = change(&config, &places, &env, Key::Language, Some(Raw::Text("it".into()))).unwrap();
        assert_eq!(config.language(), Some("fr"), "the environment is above the user layer");
    }

    #[test]
    fn an_enforced_or_invalid_value_is_refused_and_nothing_is_written() {
        let root = tempfile::tempdir().unwrap();
        let places = locations(root.path());
        let no_env = |_: &str| None;
        let mut policy = Layer::default();
        policy.set(Key::AutoStart, Raw::Bool(true), "test policy");
        let enforced = latchkey_config::merge(vec![(Source::Policy, policy)]);
        assert_eq!(change(&enforced, &places, &no_env, Key::AutoStart, Some(Raw::Bool(false))), Err(ChangeError::Enforced(Key::AutoStart)));
        let current = latchkey_config::load(&places, &no_env);
        let invalid = change(&current, &places, &no_env, Key::ServerUrl, Some(Raw::Text("ftp://nowhere".into())));
        assert!(matches!(&invalid, Err(ChangeError::Invalid(reason)) if !reason.is_empty()), "{invalid:?}");
        assert!(!root.path().join("user/settings.toml").exists());
    }
}
