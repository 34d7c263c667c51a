//! The Windows layers: Group Policy's `HKLM\SOFTWARE\Policies\Latchkey\Latchkey` (then the same
//! under HKCU) and the installer's machine defaults under `HKLM\SOFTWARE\Latchkey\Latchkey`.
//! Values are `REG_SZ` or `REG_DWORD`. Type-checked on Linux (`make check-platforms`); it runs only
//! on Windows.

use winreg::enums::{HKEY_CURRENT_USER, HKEY_LOCAL_MACHINE, KEY_READ};
use winreg::RegKey;

use crate::{Key, Layer, Problem, Raw, Source};

const POLICY_KEY: &str = r"SOFTWARE\Policies\Latchkey\Latchkey";
const MACHINE_KEY: &str = r"SOFTWARE\Latchkey\Latchkey";

fn read_key(root: &RegKey, root_name: &str, path: &str, source: Source, layer: &mut Layer) {
    let Ok(key) = root.open_subkey_with_flags(path, KEY_READ) else {
        return; // a missing key is an empty layer
    };
    let origin = format!(r"{root_name}\{path}");
    for setting in Key::ALL {
        if layer.values.contains_key(&setting) {
            continue; // HKLM ranks above HKCU
        }
        if let Ok(text) = key.get_value::<String, _>(setting.name()) {
            layer.set(setting, Raw::Text(text), origin.clone());
        } else if let Ok(number) = key.get_value::<u32, _>(setting.name()) {
            layer.set(setting, Raw::Integer(i64::from(number)), origin.clone());
        } else if key.get_raw_value(setting.name()).is_ok() {
            let message = "has a registry type other than REG_SZ or REG_DWORD".to_owned();
            layer.problems.push(Problem { source, origin: origin.clone(), key: Some(setting), message });
        }
    }
}

pub(crate) fn policy_layer() -> Layer {
    let mut layer = Layer::default();
    read_key(&RegKey::predef(HKEY_LOCAL_MACHINE), "HKLM", POLICY_KEY, Source::Policy, &mut layer);
    read_key(&RegKey::predef(HKEY_CURRENT_USER), "HKCU", POLICY_KEY, Source::Policy, &mut layer);
    layer
}

pub(crate) fn machine_layer() -> Layer {
    let mut layer = Layer::default();
    read_key(&RegKey::predef(HKEY_LOCAL_MACHINE), "HKLM", MACHINE_KEY, Source::Machine, &mut layer);
    layer
}
