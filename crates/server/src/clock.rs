//! The time source: `latchkey-clock`, shared with the agent.

pub use latchkey_clock::*;
