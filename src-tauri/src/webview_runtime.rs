//! The window needs the system's web view: `WebKitGTK` on Linux (a package dependency), `WKWebView`
//! on macOS (always there), the Microsoft Edge `WebView2` Runtime on Windows (in Windows 11 and current
//! Windows 10; elsewhere IT installs it, see installer/README.md). Without it the tray, the local
//! API and the CLI keep working and only the window cannot open: the user is told that, and why,
//! instead of nothing happening.

use crate::i18n::Messages;

/// The variable `WebKitGTK` reads, once per process, to draw without GPU compositing.
#[cfg(target_os = "linux")]
const DISABLE_COMPOSITING: &str = "WEBKIT_DISABLE_COMPOSITING_MODE";

/// On Linux, has `WebKitGTK` draw the window without GPU compositing unless the environment says
/// otherwise (`WEBKIT_DISABLE_COMPOSITING_MODE=0` turns compositing back on). The window is a small
/// form with no animation to accelerate, and compositing costs its set-up on every open: with
/// software GL (virtual machines, remote desktops, Xvfb) opening the window took 1037 ms instead of
/// 345 ms (BENCHMARKS.md). Must run before any thread starts and before GTK does.
pub fn prefer_software_compositing() {
    #[cfg(target_os = "linux")]
    if let Some(value) = compositing_override(std::env::var_os(DISABLE_COMPOSITING).as_deref()) {
        std::env::set_var(DISABLE_COMPOSITING, value);
    }
}

/// What to set `WEBKIT_DISABLE_COMPOSITING_MODE` to, given its value in the environment: whoever
/// started the app (a user, IT's launcher, a GPU driver's advice) decides first.
#[cfg(target_os = "linux")]
fn compositing_override(current: Option<&std::ffi::OsStr>) -> Option<&'static str> {
    current.is_none().then_some("1")
}

#[cfg(all(test, target_os = "linux"))]
mod tests {
    use super::*;

    #[test]
    fn compositing_is_off_unless_the_environment_chose() {
        assert_eq!(compositing_override(None), Some("1"));
        assert_eq!(compositing_override(Some("0".as_ref())), None, "0 turns compositing back on: left alone");
        assert_eq!(compositing_override(Some("1".as_ref())), None);
    }
}

/// Why the web view cannot be used, or `None` when it can.
pub fn missing() -> Option<String> {
    tauri::webview_version().err().map(|e| e.to_string())
}

/// Logs what is missing and, on Windows, says it in a message box (on a thread of its own: the
/// box waits for its OK, the tray must not).
pub fn explain(messages: &Messages, cause: &str) {
    tracing::error!(cause, "the WebView2 runtime is missing: the window cannot open; the tray, the local API and the CLI work");
    #[cfg(windows)]
    {
        let title = messages.text("webview-missing-title", &[]);
        let text = messages.text("webview-missing", &[]);
        std::thread::spawn(move || message_box(&title, &text));
    }
    #[cfg(not(windows))]
    let _ = messages;
}

/// The one Win32 call of the app: no window of its own can show the message, since the window is
/// what is missing.
#[cfg(windows)]
#[allow(unsafe_code)]
fn message_box(title: &str, text: &str) {
    use windows_sys::Win32::UI::WindowsAndMessaging::{MessageBoxW, MB_ICONWARNING, MB_OK};
    let wide = |s: &str| s.encode_utf16().chain(std::iter::once(0)).collect::<Vec<u16>>();
    let (title, text) = (wide(title), wide(text));
    // SAFETY: both strings are NUL-terminated UTF-16 that outlive the call; no owner window.
    unsafe { MessageBoxW(std::ptr::null_mut(), text.as_ptr(), title.as_ptr(), MB_OK | MB_ICONWARNING) };
}
