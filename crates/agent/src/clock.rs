//! The time source: `latchkey-clock`, shared with the server.

pub use latchkey_clock::*;
