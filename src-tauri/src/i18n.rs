//! The app's messages (tray menu, tooltips, notifications) come from `latchkey-i18n`, which the
//! `latchkey` command shares: the window's Fluent files, compiled in.

pub use latchkey_i18n::{choose, Messages, SOURCES};
