//! The Windows named pipe `\\.\pipe\latchkey-agent-<user SID>`: created with
//! `FILE_FLAG_FIRST_PIPE_INSTANCE` (a second agent cannot take the name: one agent per user),
//! `PIPE_REJECT_REMOTE_CLIENTS`, and a protected DACL that admits the current user only. The peer
//! is identified by its process's token user, in both directions
//! (`GetNamedPipeClientProcessId` / `GetNamedPipeServerProcessId`).
//!
//! Type-checked on Linux (`make check-platforms`). Its tests below run under Wine in `make test`
//! (`scripts/windows-build.sh` builds them, `crates/cli/tests/windows.rs` runs them in its prefix),
//! and the whole transport runs there end to end with the app and the CLI. This is the one module of the workspace with `unsafe`: the Win32 security calls
//! have no safe wrapper in the maintained crates. Every block below is a plain FFI call on
//! handles and buffers that this module owns and frees.
#![allow(unsafe_code)]

use std::ffi::c_void;
use std::io;
use std::os::windows::io::AsRawHandle;
use std::path::{Path, PathBuf};

use tokio::net::windows::named_pipe::{ClientOptions, NamedPipeClient, NamedPipeServer, ServerOptions};
use windows_sys::Win32::Foundation::{CloseHandle, LocalFree, ERROR_ACCESS_DENIED, ERROR_PIPE_BUSY, HANDLE};
use windows_sys::Win32::Security::Authorization::{
    ConvertSidToStringSidW, ConvertStringSecurityDescriptorToSecurityDescriptorW, SDDL_REVISION_1,
};
use windows_sys::Win32::Security::{
    EqualSid, GetTokenInformation, TokenUser, PSECURITY_DESCRIPTOR, SECURITY_ATTRIBUTES, TOKEN_QUERY, TOKEN_USER,
};
use windows_sys::Win32::System::Pipes::{GetNamedPipeClientProcessId, GetNamedPipeServerProcessId};
use windows_sys::Win32::System::Threading::{
    GetCurrentProcess, OpenProcess, OpenProcessToken, QueryFullProcessImageNameW, PROCESS_NAME_WIN32, PROCESS_QUERY_LIMITED_INFORMATION,
};

use crate::{BindError, ConnectError, Peer};

/// A connection on the agent's side of the pipe.
pub type Stream = NamedPipeServer;

/// A process token's `TOKEN_USER`, in a buffer aligned for it.
struct TokenUserBuffer(Vec<u64>);

impl TokenUserBuffer {
    fn of_process(process: HANDLE) -> io::Result<TokenUserBuffer> {
        let mut token: HANDLE = std::ptr::null_mut();
        // SAFETY: `token` is written by the call and closed below.
        if unsafe { OpenProcessToken(process, TOKEN_QUERY, &raw mut token) } == 0 {
            return Err(io::Error::last_os_error());
        }
        let mut needed = 0_u32;
        // SAFETY: a size query with no buffer.
        unsafe { GetTokenInformation(token, TokenUser, std::ptr::null_mut(), 0, &raw mut needed) };
        let mut buffer = vec![0_u64; (needed as usize).div_ceil(8).max(1)];
        // SAFETY: the buffer holds `needed` bytes at least.
        let ok = unsafe { GetTokenInformation(token, TokenUser, buffer.as_mut_ptr().cast(), needed, &raw mut needed) };
        let error = io::Error::last_os_error();
        // SAFETY: `token` came from OpenProcessToken.
        unsafe { CloseHandle(token) };
        if ok == 0 {
            return Err(error);
        }
        Ok(TokenUserBuffer(buffer))
    }

    fn of_pid(pid: u32) -> io::Result<TokenUserBuffer> {
        // SAFETY: the handle is checked and closed below.
        let process = unsafe { OpenProcess(PROCESS_QUERY_LIMITED_INFORMATION, 0, pid) };
        if process.is_null() {
            return Err(io::Error::last_os_error());
        }
        let user = TokenUserBuffer::of_process(process);
        // SAFETY: `process` came from OpenProcess.
        unsafe { CloseHandle(process) };
        user
    }

    fn sid(&self) -> *mut c_void {
        // SAFETY: the buffer was filled by GetTokenInformation(TokenUser) and is aligned for it.
        unsafe { (*self.0.as_ptr().cast::<TOKEN_USER>()).User.Sid }
    }

    fn same_user(&self, other: &TokenUserBuffer) -> bool {
        // SAFETY: both SIDs point into live buffers.
        unsafe { EqualSid(self.sid(), other.sid()) != 0 }
    }

    fn sid_string(&self) -> io::Result<String> {
        let mut text: *mut u16 = std::ptr::null_mut();
        // SAFETY: `text` is allocated by the call and freed with LocalFree below.
        if unsafe { ConvertSidToStringSidW(self.sid(), &raw mut text) } == 0 {
            return Err(io::Error::last_os_error());
        }
        // SAFETY: a NUL-terminated string from ConvertSidToStringSidW.
        let sid = unsafe {
            let mut length = 0;
            while *text.add(length) != 0 {
                length += 1;
            }
            String::from_utf16_lossy(std::slice::from_raw_parts(text, length))
        };
        // SAFETY: allocated by ConvertSidToStringSidW.
        unsafe { LocalFree(text.cast()) };
        Ok(sid)
    }
}

fn current_user() -> io::Result<TokenUserBuffer> {
    // SAFETY: GetCurrentProcess returns a pseudo-handle that needs no closing.
    TokenUserBuffer::of_process(unsafe { GetCurrentProcess() })
}

/// `\\.\pipe\latchkey-agent-<SID of the current user>`.
pub fn default_pipe_name() -> PathBuf {
    let sid = current_user().and_then(|u| u.sid_string()).unwrap_or_else(|_| "unknown".into());
    PathBuf::from(format!(r"\\.\pipe\latchkey-agent-{sid}"))
}

fn wide(text: &str) -> Vec<u16> {
    text.encode_utf16().chain(std::iter::once(0)).collect()
}

fn executable_of(pid: u32) -> Option<String> {
    // SAFETY: the handle is checked and closed below; the buffer's size is passed in.
    unsafe {
        let process = OpenProcess(PROCESS_QUERY_LIMITED_INFORMATION, 0, pid);
        if process.is_null() {
            return None;
        }
        let mut buffer = [0_u16; 1024];
        let mut size = buffer.len() as u32;
        let ok = QueryFullProcessImageNameW(process, PROCESS_NAME_WIN32, buffer.as_mut_ptr(), &raw mut size);
        CloseHandle(process);
        (ok != 0).then(|| String::from_utf16_lossy(&buffer[..size as usize]))
    }
}

/// The agent's pipe: the instance waiting for the next client.
pub struct Listener {
    name: PathBuf,
    next: NamedPipeServer,
    me: TokenUserBuffer,
    sddl: Vec<u16>,
}

impl Listener {
    fn create(name: &Path, sddl: &[u16], first: bool) -> io::Result<NamedPipeServer> {
        let mut descriptor: PSECURITY_DESCRIPTOR = std::ptr::null_mut();
        // SAFETY: `descriptor` is allocated by the call and freed with LocalFree below.
        if unsafe {
            ConvertStringSecurityDescriptorToSecurityDescriptorW(sddl.as_ptr(), SDDL_REVISION_1, &raw mut descriptor, std::ptr::null_mut())
        } == 0
        {
            return Err(io::Error::last_os_error());
        }
        let mut attributes = SECURITY_ATTRIBUTES {
            nLength: std::mem::size_of::<SECURITY_ATTRIBUTES>() as u32,
            lpSecurityDescriptor: descriptor,
            bInheritHandle: 0,
        };
        let mut options = ServerOptions::new();
        options.first_pipe_instance(first).reject_remote_clients(true);
        // SAFETY: `attributes` and the descriptor it points to outlive the call.
        let server = unsafe { options.create_with_security_attributes_raw(name, std::ptr::from_mut(&mut attributes).cast()) };
        // SAFETY: allocated by ConvertStringSecurityDescriptorToSecurityDescriptorW.
        unsafe { LocalFree(descriptor) };
        server
    }

    /// Creates the first instance of the pipe; fails when another agent holds the name.
    pub fn bind(name: &Path) -> Result<Listener, BindError> {
        let io_error = |source| BindError::Io { path: name.to_owned(), source };
        let me = current_user().map_err(io_error)?;
        let sid = me.sid_string().map_err(io_error)?;
        // A protected DACL with one entry: full access for this user, nobody else.
        let sddl = wide(&format!("D:P(A;;GA;;;{sid})"));
        let next = match Listener::create(name, &sddl, true) {
            Ok(server) => server,
            Err(e) if e.raw_os_error() == Some(ERROR_ACCESS_DENIED as i32) => return Err(BindError::AlreadyRunning(name.to_owned())),
            Err(e) => return Err(io_error(e)),
        };
        Ok(Listener { name: name.to_owned(), next, me, sddl })
    }

    pub fn path(&self) -> &Path {
        &self.name
    }

    /// Waits for a client; a new instance takes its place for the next one.
    pub async fn accept(&mut self) -> io::Result<(Stream, Peer)> {
        self.next.connect().await?;
        let following = Listener::create(&self.name, &self.sddl, false)?;
        let connected = std::mem::replace(&mut self.next, following);
        let peer = self.peer_of(&connected);
        Ok((connected, peer))
    }

    fn peer_of(&self, pipe: &NamedPipeServer) -> Peer {
        let mut pid = 0_u32;
        // SAFETY: the handle belongs to `pipe`, which outlives the call.
        if unsafe { GetNamedPipeClientProcessId(pipe.as_raw_handle(), &raw mut pid) } == 0 {
            return Peer::unknown();
        }
        match TokenUserBuffer::of_pid(pid) {
            Ok(user) => Peer { same_user: self.me.same_user(&user), user: user.sid_string().ok(), pid: Some(pid), exe: executable_of(pid) },
            Err(_) => Peer { pid: Some(pid), ..Peer::unknown() },
        }
    }

    /// Closes the pipe: the name is free as soon as the last instance is gone.
    pub fn release(self) {}
}

/// Opens the agent's pipe and checks that the agent runs as this user before anything is sent.
pub async fn connect(name: &Path) -> Result<NamedPipeClient, ConnectError> {
    let client = loop {
        match ClientOptions::new().open(name) {
            Ok(client) => break client,
            Err(e) if e.raw_os_error() == Some(ERROR_PIPE_BUSY as i32) => tokio::time::sleep(std::time::Duration::from_millis(20)).await,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Err(ConnectError::NotRunning(name.to_owned())),
            Err(source) => return Err(ConnectError::Io { path: name.to_owned(), source }),
        }
    };
    let mut pid = 0_u32;
    // SAFETY: the handle belongs to `client`, which outlives the call.
    if unsafe { GetNamedPipeServerProcessId(client.as_raw_handle(), &raw mut pid) } == 0 {
        return Err(ConnectError::Io { path: name.to_owned(), source: io::Error::last_os_error() });
    }
    let io_error = |source| ConnectError::Io { path: name.to_owned(), source };
    let agent = TokenUserBuffer::of_pid(pid).map_err(io_error)?;
    refuse_a_foreign_agent(name, &current_user().map_err(io_error)?, &agent)?;
    Ok(client)
}

/// The client's half of the peer check: nothing is sent to an agent of another user.
fn refuse_a_foreign_agent(name: &Path, me: &TokenUserBuffer, agent: &TokenUserBuffer) -> Result<(), ConnectError> {
    if me.same_user(agent) {
        return Ok(());
    }
    Err(ConnectError::ForeignAgent { path: name.to_owned(), user: agent.sid_string().unwrap_or_else(|_| "another user".into()) })
}

/// Run under Wine by `make test`, and on Windows by the native CI workflow. Wine runs every process
/// as one user, so a second user cannot connect for real: the tests show instead that the pipe's
/// DACL is exactly this user, that a DACL leaving a user out (the position another user is in)
/// refuses them, and that both peer checks compare the token users the kernel reports. Wine 8
/// neither checks a pipe's DACL on open nor honours `FILE_FLAG_FIRST_PIPE_INSTANCE`: those two
/// refusals are asserted on Windows only (`under_wine`).
#[cfg(test)]
mod tests {
    use super::*;
    use windows_sys::Win32::Security::Authorization::{
        ConvertSecurityDescriptorToStringSecurityDescriptorW, GetSecurityInfo, SE_KERNEL_OBJECT,
    };
    use windows_sys::Win32::Security::{CreateWellKnownSid, WinLocalSystemSid, DACL_SECURITY_INFORMATION, SID_AND_ATTRIBUTES};
    use windows_sys::Win32::System::LibraryLoader::{GetModuleHandleA, GetProcAddress};

    fn pipe_name(purpose: &str) -> PathBuf {
        PathBuf::from(format!(r"\\.\pipe\latchkey-test-{purpose}-{}", std::process::id()))
    }

    fn wide_to_string(text: *const u16) -> String {
        // SAFETY: a NUL-terminated string from the system.
        unsafe {
            let mut length = 0;
            while *text.add(length) != 0 {
                length += 1;
            }
            String::from_utf16_lossy(std::slice::from_raw_parts(text, length))
        }
    }

    /// The DACL of a kernel object, as SDDL.
    fn dacl_of(handle: HANDLE) -> String {
        let mut descriptor: PSECURITY_DESCRIPTOR = std::ptr::null_mut();
        // SAFETY: the descriptor is allocated by the call and freed below.
        let status = unsafe {
            GetSecurityInfo(
                handle,
                SE_KERNEL_OBJECT,
                DACL_SECURITY_INFORMATION,
                std::ptr::null_mut(),
                std::ptr::null_mut(),
                std::ptr::null_mut(),
                std::ptr::null_mut(),
                &raw mut descriptor,
            )
        };
        assert_eq!(status, 0, "GetSecurityInfo");
        let mut text: *mut u16 = std::ptr::null_mut();
        // SAFETY: `text` is allocated by the call and freed below.
        let ok = unsafe {
            ConvertSecurityDescriptorToStringSecurityDescriptorW(
                descriptor,
                SDDL_REVISION_1,
                DACL_SECURITY_INFORMATION,
                &raw mut text,
                std::ptr::null_mut(),
            )
        };
        assert_ne!(ok, 0, "ConvertSecurityDescriptorToStringSecurityDescriptorW: {}", io::Error::last_os_error());
        let sddl = wide_to_string(text);
        // SAFETY: both were allocated by the calls above.
        unsafe {
            LocalFree(text.cast());
            LocalFree(descriptor);
        }
        sddl
    }

    /// A `TOKEN_USER` for `LocalSystem`: a user this process is not.
    fn local_system() -> TokenUserBuffer {
        let header = std::mem::size_of::<TOKEN_USER>();
        let mut buffer = TokenUserBuffer(vec![0_u64; (header + 68).div_ceil(8)]);
        let words = buffer.0.as_mut_ptr();
        let base = words.cast::<u8>();
        // SAFETY: the SID is written after the header, inside the buffer (68 bytes is SECURITY_MAX_SID_SIZE);
        // the header then points at it. The buffer is never resized, so the pointer stays valid.
        unsafe {
            let sid = base.add(header).cast::<c_void>();
            let mut size = 68_u32;
            assert_ne!(CreateWellKnownSid(WinLocalSystemSid, std::ptr::null_mut(), sid, &raw mut size), 0, "CreateWellKnownSid");
            *words.cast::<TOKEN_USER>() = TOKEN_USER { User: SID_AND_ATTRIBUTES { Sid: sid, Attributes: 0 } };
        }
        buffer
    }

    #[tokio::test]
    async fn both_ends_see_this_user_and_the_dacl_admits_this_user_only() {
        let name = pipe_name("peer");
        let mut listener = Listener::bind(&name).unwrap();
        let me = current_user().unwrap().sid_string().unwrap();
        assert!(me.starts_with("S-1-5-"), "{me}");

        let dacl = dacl_of(listener.next.as_raw_handle());
        assert!(dacl.starts_with("D:P("), "a protected DACL: {dacl}");
        assert_eq!(dacl.matches('(').count(), 1, "one entry: {dacl}");
        assert!(dacl.starts_with("D:P(A;;") && dacl.ends_with(&format!(";;;{me})")), "an allow entry for {me}: {dacl}");

        let (client, accepted) = tokio::join!(connect(&name), listener.accept());
        let _client = client.expect("the agent's own user connects");
        let (_stream, peer) = accepted.unwrap();
        assert!(peer.same_user, "{peer:?}");
        assert_eq!(peer.user.as_deref(), Some(me.as_str()));
        assert_eq!(peer.pid, Some(std::process::id()));
        let exe = peer.exe.expect("the peer's executable");
        assert!(exe.eq_ignore_ascii_case(&std::env::current_exe().unwrap().to_string_lossy()), "{exe}");

        // The instance that took the connection's place carries the same DACL.
        assert_eq!(dacl_of(listener.next.as_raw_handle()), dacl);
    }

    #[tokio::test]
    async fn a_second_agent_cannot_take_the_name() {
        let name = pipe_name("twice");
        let _first = Listener::bind(&name).unwrap();
        if under_wine() {
            eprintln!("Wine ignores FILE_FLAG_FIRST_PIPE_INSTANCE: the refusal is shown on Windows only");
            return;
        }
        match Listener::bind(&name) {
            Err(BindError::AlreadyRunning(held)) => assert_eq!(held, name),
            Err(other) => panic!("a second agent on {}: {other:?}", name.display()),
            Ok(_) => panic!("a second agent took {}", name.display()),
        }
    }

    /// Wine stores a pipe's security descriptor but does not check it when a client opens the pipe.
    fn under_wine() -> bool {
        // SAFETY: ntdll is always loaded; the name is a NUL-terminated literal.
        unsafe { GetProcAddress(GetModuleHandleA(c"ntdll.dll".as_ptr().cast()), c"wine_get_version".as_ptr().cast()).is_some() }
    }

    #[tokio::test]
    async fn a_pipe_whose_dacl_leaves_this_user_out_cannot_be_opened() {
        // Another user faces our pipe as we face this one: a protected DACL that does not name them.
        let name = pipe_name("foreign");
        let server = Listener::create(&name, &wide("D:P(A;;GA;;;SY)"), true).unwrap();
        assert_eq!(dacl_of(server.as_raw_handle()), "D:P(A;;GA;;;SY)");
        if under_wine() {
            eprintln!("Wine does not check a named pipe's DACL when a client opens it: the refusal is shown on Windows only");
            return;
        }
        let error = ClientOptions::new().open(&name).expect_err("the DACL leaves this user out");
        assert_eq!(error.raw_os_error(), Some(ERROR_ACCESS_DENIED as i32), "{error}");
        assert!(matches!(connect(&name).await, Err(ConnectError::Io { .. })));
    }

    #[test]
    fn the_client_refuses_an_agent_of_another_user_before_sending_anything() {
        let name = pipe_name("check");
        let me = current_user().unwrap();
        assert!(refuse_a_foreign_agent(&name, &me, &current_user().unwrap()).is_ok());
        let system = local_system();
        assert_eq!(system.sid_string().unwrap(), "S-1-5-18");
        match refuse_a_foreign_agent(&name, &me, &system) {
            Err(ConnectError::ForeignAgent { user, .. }) => assert_eq!(user, "S-1-5-18"),
            other => panic!("an agent of LocalSystem was accepted: {other:?}"),
        }
    }
}
