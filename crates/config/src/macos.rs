//! The macOS layers: forced managed preferences (`/Library/Managed Preferences/`, written by MDM
//! configuration profiles; the per-user folder first) and the machine defaults in
//! `/Library/Preferences/com.latchkey.client.plist`. Type-checked on Linux
//! (`make check-platforms`); it runs only on macOS.

use std::path::Path;

use crate::{Key, Layer, Problem, Raw, Source};

const DOMAIN_FILE: &str = "com.latchkey.client.plist";

fn read_plist(path: &Path, source: Source, layer: &mut Layer) {
    if !path.exists() {
        return;
    }
    let origin = path.display().to_string();
    let dict = match plist::Value::from_file(path) {
        Ok(plist::Value::Dictionary(dict)) => dict,
        Ok(_) => {
            layer.problems.push(Problem { source, origin, key: None, message: "is not a dictionary".into() });
            return;
        }
        Err(e) => {
            layer.problems.push(Problem { source, origin, key: None, message: format!("cannot be read: {e}") });
            return;
        }
    };
    for setting in Key::ALL {
        if layer.values.contains_key(&setting) {
            continue;
        }
        let raw = match dict.get(setting.name()) {
            None => continue,
            Some(plist::Value::String(s)) => Raw::Text(s.clone()),
            Some(plist::Value::Boolean(b)) => Raw::Bool(*b),
            Some(plist::Value::Integer(i)) => match i.as_signed() {
                Some(i) => Raw::Integer(i),
                None => continue,
            },
            Some(_) => {
                let message = "expected a string, a boolean or an integer".to_owned();
                layer.problems.push(Problem { source, origin: origin.clone(), key: Some(setting), message });
                continue;
            }
        };
        layer.set(setting, raw, origin.clone());
    }
}

pub(crate) fn policy_layer() -> Layer {
    let mut layer = Layer::default();
    if let Ok(user) = std::env::var("USER") {
        read_plist(&Path::new("/Library/Managed Preferences").join(user).join(DOMAIN_FILE), Source::Policy, &mut layer);
    }
    read_plist(&Path::new("/Library/Managed Preferences").join(DOMAIN_FILE), Source::Policy, &mut layer);
    layer
}

pub(crate) fn machine_layer() -> Layer {
    let mut layer = Layer::default();
    read_plist(&Path::new("/Library/Preferences").join(DOMAIN_FILE), Source::Machine, &mut layer);
    layer
}
