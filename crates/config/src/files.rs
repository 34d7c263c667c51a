//! The TOML layers: `/etc/latchkey/policies/*.toml`, `/etc/latchkey/config.toml` and the user's
//! `settings.toml` (the same keys everywhere).

use std::fmt;
use std::io;
use std::path::{Path, PathBuf};

use crate::{Key, Layer, Problem, Raw, Source};

/// Parses one TOML file into a layer. A missing file is an empty layer; an unreadable or
/// malformed one is an empty layer with a problem.
pub fn read_toml_file(path: &Path, source: Source) -> Layer {
    let mut layer = Layer::default();
    let origin = path.display().to_string();
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return layer,
        Err(e) => {
            layer.problems.push(Problem { source, origin, key: None, message: format!("cannot be read: {e}") });
            return layer;
        }
    };
    let table: toml::Table = match text.parse() {
        Ok(table) => table,
        Err(e) => {
            let message = format!("is not valid TOML: {}", e.message());
            layer.problems.push(Problem { source, origin, key: None, message });
            return layer;
        }
    };
    for (name, value) in table {
        let Some(key) = Key::from_toml_key(&name) else {
            layer.problems.push(Problem { source, origin: origin.clone(), key: None, message: format!("unknown key {name:?}") });
            continue;
        };
        let raw = match value {
            toml::Value::String(s) => Raw::Text(s),
            toml::Value::Boolean(b) => Raw::Bool(b),
            toml::Value::Integer(i) => Raw::Integer(i),
            other => {
                let message = format!("expected a string or a boolean, found a {}", other.type_str());
                layer.problems.push(Problem { source, origin: origin.clone(), key: Some(key), message });
                continue;
            }
        };
        layer.set(key, raw, origin.clone());
    }
    layer
}

pub(crate) fn file_layer(path: &Path, source: Source) -> Layer {
    read_toml_file(path, source)
}

/// Every `*.toml` of `dir` in lexical order, a later file winning.
pub(crate) fn policy_dir_layer(dir: &Path, source: Source) -> Layer {
    let mut merged = Layer::default();
    let mut files: Vec<PathBuf> = match std::fs::read_dir(dir) {
        Ok(entries) => entries.filter_map(Result::ok).map(|e| e.path()).filter(|p| p.extension().is_some_and(|e| e == "toml")).collect(),
        Err(e) if e.kind() == io::ErrorKind::NotFound => return merged,
        Err(e) => {
            merged.problems.push(Problem { source, origin: dir.display().to_string(), key: None, message: format!("cannot be read: {e}") });
            return merged;
        }
    };
    files.sort();
    for file in files {
        let layer = read_toml_file(&file, source);
        merged.problems.extend(layer.problems);
        // A later file wins, but a malformed value in it must not hide a good one of an earlier
        // file: only values that check out replace earlier ones.
        for (key, (raw, origin)) in layer.values {
            match crate::check(key, &raw) {
                Ok(Some(_)) => {
                    merged.values.insert(key, (raw, origin));
                }
                Ok(None) => {}
                Err(message) => merged.problems.push(Problem { source, origin, key: Some(key), message }),
            }
        }
    }
    merged
}

/// Why a user setting could not be written.
#[derive(Debug)]
pub enum WriteError {
    /// The value is malformed for the key.
    Invalid(String),
    /// The existing file is not valid TOML: it is left alone rather than overwritten.
    Unparsable(String),
    Io(io::Error),
}

impl fmt::Display for WriteError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WriteError::Invalid(m) => write!(f, "invalid value: {m}"),
            WriteError::Unparsable(m) => write!(f, "the settings file is not valid TOML ({m}); fix or remove it"),
            WriteError::Io(e) => write!(f, "cannot write the settings file: {e}"),
        }
    }
}

impl std::error::Error for WriteError {}

/// Sets (or with `None` removes) `key` in the user's settings file, keeping every other line's
/// value; written to a temporary file and renamed, so a crash leaves the old file or the new one.
pub fn write_user_setting(path: &Path, key: Key, value: Option<Raw>) -> Result<(), WriteError> {
    if let Some(raw) = &value {
        crate::check(key, raw).map_err(WriteError::Invalid)?;
    }
    let mut table: toml::Table = match std::fs::read_to_string(path) {
        Ok(text) => text.parse().map_err(|e: toml::de::Error| WriteError::Unparsable(e.message().to_owned()))?,
        Err(e) if e.kind() == io::ErrorKind::NotFound => toml::Table::new(),
        Err(e) => return Err(WriteError::Io(e)),
    };
    match value {
        None => {
            table.remove(key.toml_key());
        }
        Some(Raw::Text(t)) => {
            table.insert(key.toml_key().into(), toml::Value::String(t));
        }
        Some(Raw::Bool(b)) => {
            table.insert(key.toml_key().into(), toml::Value::Boolean(b));
        }
        Some(Raw::Integer(i)) => {
            table.insert(key.toml_key().into(), toml::Value::Integer(i));
        }
    }
    let dir = path.parent().ok_or_else(|| WriteError::Io(io::Error::other("the settings path has no folder")))?;
    std::fs::create_dir_all(dir).map_err(WriteError::Io)?;
    let temporary = dir.join(".settings.toml.tmp");
    std::fs::write(&temporary, toml::to_string(&table).map_err(|e| WriteError::Io(io::Error::other(e)))?).map_err(WriteError::Io)?;
    std::fs::rename(&temporary, path).map_err(WriteError::Io)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{load, Locations};

    fn places(root: &Path) -> Locations {
        Locations {
            policy_dir: Some(root.join("etc/policies")),
            user_file: Some(root.join("home/settings.toml")),
            machine_file: Some(root.join("etc/config.toml")),
        }
    }

    fn write(root: &Path, relative: &str, text: &str) {
        let path = root.join(relative);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    #[test]
    fn every_layer_from_real_files_in_order() {
        let root = tempfile::tempdir().unwrap();
        let root = root.path();
        write(root, "etc/policies/10-base.toml", "allow_sign_out = false\nserver_url = \"https://policy-a.example.com\"\n");
        write(root, "etc/policies/20-site.toml", "server_url = \"https://policy-b.example.com\"\nlanguage = \"xx\"\n");
        write(root, "etc/policies/README", "not toml, not read");
        write(root, "etc/config.toml", "autostart = false\nlanguage = \"fr\"\nproxy = \"none\"\n");
        write(root, "home/settings.toml", "language = \"pl\"\nproxy = \"http://proxy:3128\"\n");
        let env = |name: &str| (name == "LATCHKEY_PROXY").then(|| "pac+http://wpad/proxy.pac".to_owned());
        let config = load(&places(root), &env);
        assert_eq!(config.server_url(), Some("https://policy-b.example.com"), "the later policy file wins");
        assert!(!config.allow_sign_out());
        assert_eq!(config.source(crate::Key::ServerUrl), Source::Policy);
        assert_eq!(config.proxy(), crate::Proxy::Pac("http://wpad/proxy.pac".into()));
        assert_eq!(config.language(), Some("pl"), "the bad policy language is ignored; the user's wins over the machine's");
        assert!(!config.autostart());
        assert_eq!(config.source(crate::Key::AutoStart), Source::Machine);
        assert_eq!(config.problems.len(), 1, "{:?}", config.problems);
        assert!(config.problems[0].origin.ends_with("20-site.toml"));
    }

    #[test]
    fn broken_files_are_reported_and_never_stop_the_reading() {
        let root = tempfile::tempdir().unwrap();
        let root = root.path();
        write(root, "etc/config.toml", "autostart = [1, 2]\nunknown_key = 1\nserver_url = \"https://m.example.com\"\n");
        write(root, "home/settings.toml", "this is = = not toml");
        let config = load(&places(root), &|_| None);
        assert_eq!(config.server_url(), Some("https://m.example.com"));
        let messages: Vec<String> = config.problems.iter().map(ToString::to_string).collect();
        assert_eq!(messages.len(), 3, "{messages:?}");
        assert!(messages.iter().any(|m| m.contains("not valid TOML")), "{messages:?}");
        assert!(messages.iter().any(|m| m.contains("unknown key \"unknown_key\"")), "{messages:?}");
        assert!(messages.iter().any(|m| m.contains("AutoStart") && m.contains("array")), "{messages:?}");
    }

    #[test]
    fn user_settings_are_written_in_place_and_keep_the_rest() {
        let root = tempfile::tempdir().unwrap();
        let file = root.path().join("home/settings.toml");
        write_user_setting(&file, Key::Language, Some(Raw::Text("de".into()))).unwrap();
        write_user_setting(&file, Key::AutoStart, Some(Raw::Bool(false))).unwrap();
        write_user_setting(&file, Key::Language, None).unwrap();
        assert!(matches!(write_user_setting(&file, Key::Language, Some(Raw::Text("xx".into()))), Err(WriteError::Invalid(_))));
        let layer = read_toml_file(&file, Source::User);
        assert_eq!(layer.values.len(), 1);
        assert_eq!(layer.values[&Key::AutoStart].0, Raw::Bool(false));
        std::fs::write(&file, "= broken").unwrap();
        assert!(matches!(write_user_setting(&file, Key::AutoStart, Some(Raw::Bool(true))), Err(WriteError::Unparsable(_))));
        assert_eq!(std::fs::read_to_string(&file).unwrap(), "= broken", "a broken file is not overwritten");
    }
}
