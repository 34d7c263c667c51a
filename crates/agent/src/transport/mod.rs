//! The platform transports of the local API. Unix sockets on Linux and macOS; the Windows named
//! pipe (`\\.\pipe\latchkey-agent-<SID>` with a DACL for the user alone) is not built yet.

#[cfg(unix)]
pub mod unix;
