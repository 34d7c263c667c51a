//! The desktop around the app under test: a private session bus, and a panel on it (the tray's
//! `StatusNotifierWatcher` and the notification service, played by `desktop_panel.py`) that the
//! tests ask for the tray menu, its icon and the notifications.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

use crate::Process;

/// A private session bus (`dbus-daemon`), so the tray test can own the panel's names.
pub struct PrivateBus {
    _daemon: Process,
    pub address: String,
}

impl PrivateBus {
    /// A session bus without service activation: nothing starts by itself on it (the system's
    /// gnome-keyring would, with a locked keyring), so the app meets only the test's panel.
    pub fn start(folder: &Path) -> PrivateBus {
        use std::io::BufRead;
        let config = folder.join("bus.conf");
        std::fs::write(
            &config,
            "<!DOCTYPE busconfig PUBLIC \"-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN\" \"http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd\">\n\
             <busconfig><type>session</type><listen>unix:tmpdir=/tmp</listen><auth>EXTERNAL</auth>\
             <policy context=\"default\"><allow send_destination=\"*\" eavesdrop=\"true\"/><allow eavesdrop=\"true\"/><allow own=\"*\"/></policy></busconfig>\n",
        )
        .unwrap();
        let mut daemon = Command::new("dbus-daemon")
            .arg(format!("--config-file={}", config.display()))
            .args(["--nofork", "--print-address=1"])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("dbus-daemon runs (make test installs dbus)");
        let mut address = String::new();
        std::io::BufReader::new(daemon.stdout.take().unwrap()).read_line(&mut address).unwrap();
        PrivateBus { _daemon: Process(daemon), address: address.trim().to_owned() }
    }
}

/// `desktop_panel.py`: the `StatusNotifierWatcher` and the notification service on a bus.
pub struct Panel {
    _process: Process,
    input: std::process::ChildStdin,
    output: std::io::BufReader<std::process::ChildStdout>,
}

impl Panel {
    pub fn start(bus: &PrivateBus) -> Panel {
        use std::io::BufRead;
        let script = crate::workspace_root().join("crates/test-support/desktop_panel.py");
        let mut child = Command::new(crate::python())
            .arg(script)
            .env("DBUS_SESSION_BUS_ADDRESS", &bus.address)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .unwrap();
        let input = child.stdin.take().unwrap();
        let mut output = std::io::BufReader::new(child.stdout.take().unwrap());
        let mut ready = String::new();
        output.read_line(&mut ready).unwrap();
        assert!(ready.contains("ready"), "the panel did not start: {ready:?}");
        Panel { _process: Process(child), input, output }
    }

    pub fn ask(&mut self, command: &Value) -> Value {
        use std::io::{BufRead, Write};
        writeln!(self.input, "{command}").unwrap();
        let mut line = String::new();
        self.output.read_line(&mut line).unwrap();
        let answer: Value = serde_json::from_str(&line).unwrap_or_else(|e| panic!("{e}: {line:?}"));
        assert!(answer.get("error").is_none(), "{command}: {answer}");
        answer
    }

    pub fn menu(&mut self) -> Value {
        self.ask(&json!({"cmd": "menu"}))
    }

    /// The top-level labels, separators as `---`.
    pub fn labels(&mut self) -> Vec<String> {
        self.menu().as_array().unwrap().iter().map(|item| item["label"].as_str().unwrap().to_owned()).collect()
    }

    /// Waits until the menu satisfies `check` (the app rebuilds it after each change).
    pub fn wait_for_menu(&mut self, what: &str, check: impl Fn(&[String]) -> bool) -> Vec<String> {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let labels = self.labels();
            if check(&labels) {
                return labels;
            }
            assert!(Instant::now() < deadline, "the tray menu never showed {what}: {labels:?}");
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    pub fn item(&mut self, label: &str) -> Value {
        fn find(items: &Value, label: &str) -> Option<Value> {
            items
                .as_array()?
                .iter()
                .find_map(|item| if item["label"] == label { Some(item.clone()) } else { find(&item["children"], label) })
        }
        find(&self.menu(), label).unwrap_or_else(|| panic!("no menu item {label:?}"))
    }

    pub fn click(&mut self, label: &str) {
        self.ask(&json!({"cmd": "click", "label": label}));
    }

    /// The colour of the tray icon now: the mean of its opaque pixels.
    pub fn icon_colour(&mut self) -> [u8; 3] {
        let item = self.ask(&json!({"cmd": "item"}));
        let name = item["IconName"].as_str().unwrap();
        let path = if name.starts_with('/') {
            PathBuf::from(name)
        } else {
            Path::new(item["IconThemePath"].as_str().unwrap()).join(format!("{name}.png"))
        };
        let decoder = png::Decoder::new(std::io::BufReader::new(std::fs::File::open(&path).unwrap()));
        let mut reader = decoder.read_info().unwrap();
        let mut pixels = vec![0; reader.output_buffer_size().unwrap()];
        let info = reader.next_frame(&mut pixels).unwrap();
        assert_eq!(info.color_type, png::ColorType::Rgba, "{}", path.display());
        let (mut sum, mut count) = ([0_u64; 3], 0_u64);
        for pixel in pixels[..info.buffer_size()].chunks(4).filter(|p| p[3] > 200) {
            for channel in 0..3 {
                sum[channel] += u64::from(pixel[channel]);
            }
            count += 1;
        }
        assert!(count > 0, "the icon is empty");
        sum.map(|s| u8::try_from(s / count).unwrap())
    }

    pub fn wait_for_icon(&mut self, what: &str, check: impl Fn([u8; 3]) -> bool) {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let colour = self.icon_colour();
            if check(colour) {
                return;
            }
            assert!(Instant::now() < deadline, "the tray icon never turned {what}: {colour:?}");
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    pub fn wait_for_notification(&mut self, summary: &str) -> Value {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let all = self.ask(&json!({"cmd": "notifications"}));
            if let Some(found) = all.as_array().unwrap().iter().find(|n| n["summary"] == summary) {
                return found.clone();
            }
            assert!(Instant::now() < deadline, "no notification {summary:?}; got {all}");
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}
