//! A W3C `WebDriver` client in plain HTTP, for the tests that drive a real browser or the desktop
//! app: chromedriver for the User Management portal, tauri-driver for the desktop window.

use std::time::{Duration, Instant};

use serde_json::{json, Value};

/// A W3C `WebDriver` session, spoken in plain HTTP.
pub struct Driver {
    http: reqwest::Client,
    base: String,
    session: String,
    /// The last capture `check_screen` took, and of which screen.
    last_capture: std::sync::Mutex<Option<(String, Vec<u8>)>>,
}

impl Driver {
    /// Opens a session on the driver listening on `port` (tauri-driver, chromedriver) with
    /// `capabilities` (`alwaysMatch`), waiting for the driver to come up.
    pub async fn start(port: u16, capabilities: Value) -> Driver {
        let http = reqwest::Client::new();
        let base = format!("http://127.0.0.1:{port}");
        let deadline = Instant::now() + Duration::from_secs(30);
        let body = json!({"capabilities": {"alwaysMatch": capabilities}});
        loop {
            // A bound: a session whose app never comes up must fail the test, not hang it.
            match http.post(format!("{base}/session")).json(&body).timeout(Duration::from_secs(90)).send().await {
                Ok(response) => {
                    let value: Value = response.json().await.unwrap();
                    let session = value["value"]["sessionId"].as_str().unwrap_or_else(|| panic!("no session: {value}")).to_owned();
                    return Driver { http, base, session, last_capture: std::sync::Mutex::default() };
                }
                Err(_) if Instant::now() < deadline => tokio::time::sleep(Duration::from_millis(100)).await,
                Err(e) => panic!("the WebDriver server does not answer: {e}"),
            }
        }
    }

    pub async fn call(&self, method: reqwest::Method, path: &str, body: Option<Value>) -> Value {
        let url = format!("{}/session/{}{path}", self.base, self.session);
        let mut request = self.http.request(method, url);
        if let Some(body) = body {
            request = request.json(&body);
        }
        // A WebDriver command that never answers fails the test instead of hanging the run.
        let answer = request.timeout(std::time::Duration::from_secs(60)).send().await;
        let value: Value = answer.unwrap_or_else(|e| panic!("{path}: {e}")).json().await.unwrap();
        assert!(value["value"].get("error").is_none(), "{path}: {value}");
        value["value"].clone()
    }

    pub async fn script(&self, script: &str) -> Value {
        self.call(reqwest::Method::POST, "/execute/sync", Some(json!({"script": script, "args": []}))).await
    }

    pub async fn element(&self, css: &str) -> String {
        let value = self.call(reqwest::Method::POST, "/element", Some(json!({"using": "css selector", "value": css}))).await;
        value.as_object().and_then(|o| o.values().next()).and_then(Value::as_str).unwrap().to_owned()
    }

    pub async fn click(&self, css: &str) {
        let element = self.element(css).await;
        self.call(reqwest::Method::POST, &format!("/element/{element}/click"), Some(json!({}))).await;
    }

    /// Types into a field, as keystrokes, after clearing it.
    pub async fn type_into(&self, css: &str, text: &str) {
        let element = self.element(css).await;
        self.call(reqwest::Method::POST, &format!("/element/{element}/clear"), Some(json!({}))).await;
        self.call(reqwest::Method::POST, &format!("/element/{element}/value"), Some(json!({"text": text}))).await;
    }

    pub async fn visible(&self, id: &str) -> bool {
        // Rendered, not merely un-`hidden`: a style that overrides `hidden` would show every screen.
        self.script(&format!("const e = document.getElementById('{id}'); return !!e && getComputedStyle(e).display !== 'none' && e.getClientRects().length > 0;")).await == json!(true)
    }

    pub async fn wait_for_screen(&self, id: &str) {
        let deadline = Instant::now() + Duration::from_secs(20);
        while !self.visible(id).await {
            assert!(
                Instant::now() < deadline,
                "the {id} screen did not show; page: {}",
                self.script("return document.body.innerText").await
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    pub async fn text(&self, id: &str) -> String {
        self.script(&format!("return document.getElementById('{id}').textContent")).await.as_str().unwrap_or_default().to_owned()
    }

    pub async fn wait_for_text(&self, id: &str, needle: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let text = self.text(id).await;
            if text.contains(needle) {
                return text;
            }
            assert!(Instant::now() < deadline, "#{id} never said {needle:?}; it says {text:?}");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Waits for the page to paint what it shows now. `WebKit`'s snapshot is its last painted
    /// frame, which lags a change a script made just before: without this, a capture showed the
    /// screen before (or the empty page before the first).
    pub async fn settle(&self) {
        let script = "const done = arguments[arguments.length - 1];\
            requestAnimationFrame(() => requestAnimationFrame(() => done(true)));";
        self.call(reqwest::Method::POST, "/execute/async", Some(json!({"script": script, "args": []}))).await;
    }

    /// Saves the page as `target/screenshots/{name}.png`, once it has painted; returns the PNG.
    pub async fn screenshot(&self, name: &str) -> Vec<u8> {
        self.settle().await;
        let data = self.call(reqwest::Method::GET, "/screenshot", None).await;
        let png = base64_decode::decode(data.as_str().unwrap());
        let dir = crate::workspace_root().join("target/screenshots");
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join(format!("{name}.png")), &png).unwrap();
        png
    }

    /// Fails when the capture does not show the screen it names: where the page lays out the
    /// content of `main` below its heading, the picture must hold more than a background, and it
    /// must differ from the previous capture of another screen.
    async fn assert_shows_the_screen(&self, name: &str, png: &[u8]) {
        let area = self
            .script(
                "const shown = [...document.querySelectorAll('main > *')]\
                   .filter((e) => e.tagName !== 'H1' && e.id !== 'error' && e.getClientRects().length > 0)\
                   .map((e) => e.getBoundingClientRect());\
                 if (!shown.length) return null;\
                 const top = Math.min(...shown.map((r) => r.top)), bottom = Math.max(...shown.map((r) => r.bottom));\
                 const left = Math.min(...shown.map((r) => r.left)), right = Math.max(...shown.map((r) => r.right));\
                 return [left, top, right, Math.min(bottom, innerHeight), devicePixelRatio];",
            )
            .await;
        let area: Vec<f64> = serde_json::from_value(area).unwrap_or_default();
        assert_eq!(area.len(), 5, "the {name} screen shows nothing inside <main>");
        let colours = distinct_colours(png, [area[0], area[1], area[2], area[3]].map(|v| v * area[4]));
        assert!(colours >= 3, "the {name} capture is blank where the screen is ({colours} colours in {area:?})");
        let mut last = self.last_capture.lock().unwrap();
        if let Some((previous, pixels)) = last.as_ref() {
            assert!(pixels != png, "the {name} capture is the same picture as the {previous} capture");
        }
        *last = Some((name.to_owned(), png.to_vec()));
    }

    /// Runs axe-core on the page as it is now; returns the violations (rule: targets).
    pub async fn accessibility_violations(&self) -> Vec<String> {
        let axe = std::fs::read_to_string(crate::workspace_root().join("ui/node_modules/axe-core/axe.min.js"))
            .expect("axe-core is installed by scripts/ui-build.sh");
        self.script(&format!("{axe}\nreturn true;")).await;
        let script = "const done = arguments[arguments.length - 1];\
            axe.run(document, { resultTypes: ['violations'] })\
              .then((r) => done(r.violations.map((v) => v.id + ': ' + v.nodes.map((n) => n.target.join(' ')).join(', '))))\
              .catch((e) => done(['axe failed: ' + e]));";
        let value = self.call(reqwest::Method::POST, "/execute/async", Some(json!({"script": script, "args": []}))).await;
        value.as_array().unwrap().iter().map(|v| v.as_str().unwrap_or_default().to_owned()).collect()
    }

    /// Screenshot (which must show the screen) and accessibility audit of the screen showing now.
    pub async fn check_screen(&self, name: &str) {
        let png = self.screenshot(name).await;
        self.assert_shows_the_screen(name, &png).await;
        let violations = self.accessibility_violations().await;
        assert!(violations.is_empty(), "axe-core finds violations on the {name} screen: {violations:#?}");
    }

    /// Presses `keys` (characters, or `WebDriver` key codes such as `TAB`) as a keyboard would, to
    /// whatever has the focus.
    pub async fn press(&self, keys: &str) {
        let mut actions = Vec::new();
        for key in keys.chars() {
            actions.push(json!({"type": "keyDown", "value": key.to_string()}));
            actions.push(json!({"type": "keyUp", "value": key.to_string()}));
        }
        self.call(reqwest::Method::POST, "/actions", Some(json!({"actions": [{"type": "key", "id": "keyboard", "actions": actions}]})))
            .await;
    }

    /// Selects everything in the focused field (Control+A), so that typing replaces it.
    pub async fn select_all(&self) {
        let actions = json!([
            {"type": "keyDown", "value": CONTROL}, {"type": "keyDown", "value": "a"},
            {"type": "keyUp", "value": "a"}, {"type": "keyUp", "value": CONTROL},
        ]);
        self.call(reqwest::Method::POST, "/actions", Some(json!({"actions": [{"type": "key", "id": "keyboard", "actions": actions}]})))
            .await;
    }

    /// The focused element's id, and whether the focus is drawn (an outline that is not `none`).
    pub async fn focus(&self) -> (String, bool) {
        let value = self.script("const e = document.activeElement; return [e.id, getComputedStyle(e).outlineStyle !== 'none' && parseFloat(getComputedStyle(e).outlineWidth) > 0];").await;
        (value[0].as_str().unwrap_or_default().to_owned(), value[1] == json!(true))
    }

    /// Tabs forward until `id` has the focus (at most `limit` presses), checking that every stop
    /// shows where the focus is.
    pub async fn tab_to(&self, id: &str, limit: usize) {
        let mut stops = Vec::new();
        for _ in 0..limit {
            self.press(TAB).await;
            let (focused, drawn) = self.focus().await;
            assert!(drawn, "the focus on #{focused} is not visible");
            if focused == id {
                return;
            }
            stops.push(focused);
        }
        panic!("#{id} is not reachable with the Tab key within {limit} presses; the focus went to {stops:?}");
    }

    pub async fn quit(&self) {
        let _ = self.http.delete(format!("{}/session/{}", self.base, self.session)).send().await;
    }
}

/// How many colours the picture has inside `[left, top, right, bottom]` (device pixels): one or two
/// for a background, many where text or controls are drawn.
fn distinct_colours(png: &[u8], [left, top, right, bottom]: [f64; 4]) -> usize {
    let mut reader = png::Decoder::new(std::io::Cursor::new(png)).read_info().expect("a PNG screenshot");
    let mut pixels = vec![0; reader.output_buffer_size().expect("a sane PNG size")];
    let info = reader.next_frame(&mut pixels).expect("a PNG frame");
    let channels = info.color_type.samples();
    let clamp = |v: f64, max: u32| (v.max(0.0) as u32).min(max);
    let (x0, x1) = (clamp(left, info.width), clamp(right, info.width));
    let (y0, y1) = (clamp(top, info.height), clamp(bottom, info.height));
    let mut seen = std::collections::HashSet::new();
    for y in y0..y1 {
        for x in x0..x1 {
            let at = (y as usize * info.width as usize + x as usize) * channels;
            seen.insert(pixels[at..at + channels.min(3)].to_vec());
        }
    }
    seen.len()
}

/// `WebDriver` key codes.
pub const TAB: &str = "\u{E004}";
pub const ENTER: &str = "\u{E007}";
pub const END: &str = "\u{E010}";
pub const CONTROL: &str = "\u{E009}";

/// Standard base64 (the screenshot's encoding), without another dependency.
mod base64_decode {
    pub fn decode(text: &str) -> Vec<u8> {
        let value = |c: u8| match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            _ => 63,
        };
        let clean: Vec<u8> = text.bytes().filter(|c| !c.is_ascii_whitespace() && *c != b'=').collect();
        clean
            .chunks(4)
            .flat_map(|chunk| {
                let n = chunk.iter().enumerate().fold(0_u32, |acc, (i, c)| acc | (u32::from(value(*c)) << (18 - 6 * i)));
                let bytes = [(n >> 16) as u8, (n >> 8) as u8, n as u8];
                bytes.into_iter().take(chunk.len().saturating_sub(1))
            })
            .collect()
    }
}
