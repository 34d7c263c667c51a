//! macOS: the executable of a peer process, from its pid (`proc_pidpath`). The pid itself comes
//! from the socket (`LOCAL_PEERPID`, read by tokio's `peer_cred`).
#![allow(unsafe_code)]

/// The absolute path of process `pid`'s executable, when the kernel tells.
pub fn executable_of(pid: u32) -> Option<String> {
    let pid = i32::try_from(pid).ok()?;
    let mut buffer = vec![0_u8; libc::PROC_PIDPATHINFO_MAXSIZE as usize];
    // SAFETY: the buffer is valid for its whole length, which is passed in; the call writes at most
    // that many bytes and returns how many it wrote.
    let written = unsafe { libc::proc_pidpath(pid, buffer.as_mut_ptr().cast(), buffer.len() as u32) };
    let written = usize::try_from(written).ok().filter(|&n| n > 0)?;
    buffer.truncate(written);
    String::from_utf8(buffer).ok()
}
