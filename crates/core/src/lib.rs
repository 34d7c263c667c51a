//! The session, sign-in flow and entitlement decisions of the Latchkey agent, as a pure state
//! machine: no I/O, no clock of its own (every time is a Unix second passed in), no knowledge of
//! HTTP, the keyring or Tauri. The agent feeds it what happened and does what it answers.

pub mod code;
pub mod entitlements;
pub mod session;
pub mod timing;

pub use entitlements::{decide, Decision, EntitlementSet, Refusal, SignedEntitlement};
pub use session::{Event, Session, State, TosPending};
pub use timing::{needs_refresh, refresh_at};
