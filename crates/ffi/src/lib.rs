//! `liblatchkey`: Latchkey's local API for native programs — C, C++, and .NET through P/Invoke —
//! over the Rust SDK (`latchkey-sdk`), so they get the user's session, access tokens and
//! entitlements the way Rust programs do: the socket or pipe found as the contract says, the
//! agent's user checked before anything is sent, problem documents turned into error codes.
//!
//! The rules of the boundary, which `include/latchkey.h` repeats for C readers:
//! - every function returns an [`lk_result`]; the last failure's sentence and the agent's code are
//!   kept per thread (`lk_last_error_message`, `lk_last_error_code`);
//! - every object the library returns has its `lk_*_free`; a token is overwritten before it is freed;
//! - no panic crosses the boundary (each entry point catches one as `LK_ERR_INTERNAL`);
//! - an `lk_client` may be shared by threads; a call blocks its caller until the agent answers
//!   (the connections are kept by one library thread);
//! - subscription callbacks run on a library thread of their own, never inside the library's
//!   runtime, so they may call the library; they must not throw (a C++ or .NET exception must not
//!   unwind into the library);
//! - the text the library hands out is read-only (`const char *`): it is freed with the object it
//!   belongs to.
//!
//! The names follow C's conventions (`lk_status`, `LK_OK`), not Rust's: they are what C sees.
#![allow(unsafe_code)] // the C boundary: raw pointers in and out, each use commented
#![allow(non_camel_case_types)]

use std::cell::RefCell;
use std::ffi::{c_char, c_void, CStr, CString};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::ptr;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, LazyLock};
use std::time::Duration;

use latchkey_protocol::local::{LocalErrorCode, SessionState, Status};
use latchkey_sdk::{Client, ClientOptions, Error, TokenRequest};
use zeroize::Zeroize;

/// What a call did: `LK_OK`, or why it failed.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum lk_result {
    LK_OK = 0,
    /// A NULL where a value is required, or text that is not UTF-8.
    LK_ERR_INVALID_ARGUMENT = 1,
    /// No agent runs for this user: open Latchkey, or run `latchkey agent`.
    LK_ERR_NO_AGENT = 2,
    /// The socket belongs to another user's agent: nothing was sent.
    LK_ERR_FOREIGN_AGENT = 3,
    LK_ERR_NOT_SIGNED_IN = 4,
    LK_ERR_TOS_REQUIRED = 5,
    LK_ERR_BACKEND_UNREACHABLE = 6,
    /// The user denied this program, did not answer in time, or the organization admits only
    /// the programs it lists.
    LK_ERR_APP_NOT_ALLOWED = 7,
    LK_ERR_UNSUPPORTED_AUDIENCE = 8,
    LK_ERR_TIMEOUT = 9,
    LK_ERR_NO_INTERACTIVE_SESSION = 10,
    LK_ERR_ACCESS_DENIED = 11,
    /// Any other problem the agent reported: see `lk_last_error_code()`.
    LK_ERR_AGENT = 12,
    /// An I/O failure, or an answer that is not the protocol's.
    LK_ERR_PROTOCOL = 13,
    /// A bug in the library (a caught panic).
    LK_ERR_INTERNAL = 14,
}

/// Where the session stands.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum lk_state {
    LK_STATE_SIGNED_OUT = 0,
    LK_STATE_SIGNING_IN = 1,
    LK_STATE_TOS_REQUIRED = 2,
    LK_STATE_SIGNED_IN = 3,
    /// Signed in, the server out of reach: entitlements come from the signed cache.
    LK_STATE_OFFLINE = 4,
    /// The session ended: sign in again.
    LK_STATE_EXPIRED = 5,
    /// A state this library does not know (a newer agent).
    LK_STATE_UNKNOWN = 6,
}

/// A connection to this user's agent (opaque). Thread-safe.
pub struct lk_client {
    client: Client,
}

/// A running subscription to the session's changes (opaque).
pub struct lk_subscription {
    stop: Arc<AtomicBool>,
    wake: Arc<tokio::sync::Notify>,
    thread: Option<std::thread::JoinHandle<()>>,
}

/// The session, as `GET /v1/status` tells it.
#[repr(C)]
pub struct lk_status {
    pub state: lk_state,
    /// NULL when nobody is signed in.
    pub email: *const c_char,
    /// NULL when nobody is signed in.
    pub first_name: *const c_char,
    /// NULL when nobody is signed in.
    pub last_name: *const c_char,
    /// NULL without an organization.
    pub org_name: *const c_char,
    /// RFC 3339, or NULL.
    pub offline_until: *const c_char,
}

/// An access token. `lk_token_free` overwrites it before freeing it.
#[repr(C)]
pub struct lk_token {
    pub access_token: *const c_char,
    /// The token's length in bytes, without the NUL (for bindings that copy it into a buffer they
    /// can wipe).
    pub access_token_len: usize,
    /// RFC 3339.
    pub expires_at: *const c_char,
    /// The same instant in seconds since 1970.
    pub expires_at_unix: i64,
}

/// One product the user is entitled to.
#[repr(C)]
pub struct lk_entitlement {
    /// The identifier applications check ("acme-design").
    pub product: *const c_char,
    /// The display name, or NULL.
    pub name: *const c_char,
    /// `feature_count` strings.
    pub features: *const *const c_char,
    pub feature_count: usize,
    /// RFC 3339, or NULL when the subscription does not expire.
    pub expires_at: *const c_char,
}

/// The user's entitlements.
#[repr(C)]
pub struct lk_entitlements {
    /// `count` entitlements.
    pub items: *mut lk_entitlement,
    pub count: usize,
    /// RFC 3339: until when they hold without reaching the server.
    pub offline_until: *const c_char,
    /// Served offline from the signed cache.
    pub from_cache: bool,
}

/// Called on a library thread at each change of the session; `status` is valid only during the
/// call. It must return normally (no C++ or .NET exception may leave it).
pub type lk_status_callback = Option<unsafe extern "C" fn(status: *const lk_status, user_data: *mut c_void)>;

/// The one runtime every client's calls run on: a single worker thread, started at first use.
static RUNTIME: LazyLock<Result<tokio::runtime::Runtime, String>> = LazyLock::new(|| {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .thread_name("latchkey")
        .enable_all()
        .build()
        .map_err(|e| format!("cannot start the library's thread: {e}"))
});

struct LastError {
    message: CString,
    code: Option<CString>,
}

thread_local! {
    static LAST_ERROR: RefCell<LastError> = RefCell::new(LastError { message: CString::default(), code: None });
}

/// A failure: its code, a sentence, and the agent's code when it sent one.
struct Failure {
    result: lk_result,
    message: String,
    code: Option<&'static str>,
}

impl Failure {
    fn new(result: lk_result, message: impl Into<String>) -> Failure {
        Failure { result, message: message.into(), code: None }
    }
}

impl From<Error> for Failure {
    fn from(error: Error) -> Failure {
        use lk_result as R;
        let (result, code) = match &error {
            Error::AgentNotRunning { .. } => (R::LK_ERR_NO_AGENT, None),
            Error::ForeignAgent { .. } => (R::LK_ERR_FOREIGN_AGENT, None),
            Error::NotSignedIn => (R::LK_ERR_NOT_SIGNED_IN, Some(LocalErrorCode::NotSignedIn)),
            Error::TosRequired => (R::LK_ERR_TOS_REQUIRED, Some(LocalErrorCode::TosRequired)),
            Error::BackendUnreachable(_) => (R::LK_ERR_BACKEND_UNREACHABLE, Some(LocalErrorCode::BackendUnreachable)),
            Error::UnsupportedAudience => (R::LK_ERR_UNSUPPORTED_AUDIENCE, Some(LocalErrorCode::UnsupportedAudience)),
            Error::AccessDenied { code, .. } => (R::LK_ERR_ACCESS_DENIED, Some(*code)),
            Error::AppNotAllowed(_) => (R::LK_ERR_APP_NOT_ALLOWED, Some(LocalErrorCode::AppNotAllowed)),
            Error::Timeout => (R::LK_ERR_TIMEOUT, Some(LocalErrorCode::Timeout)),
            Error::NoInteractiveSession => (R::LK_ERR_NO_INTERACTIVE_SESSION, Some(LocalErrorCode::NoInteractiveSession)),
            Error::InvalidCredentials => (R::LK_ERR_AGENT, Some(LocalErrorCode::InvalidCredentials)),
            Error::AccountLocked { .. } => (R::LK_ERR_AGENT, Some(LocalErrorCode::AccountLocked)),
            Error::NotPending => (R::LK_ERR_AGENT, Some(LocalErrorCode::NotPending)),
            Error::TosVersionMismatch => (R::LK_ERR_AGENT, Some(LocalErrorCode::TosVersionMismatch)),
            Error::Api { code, .. } => (R::LK_ERR_AGENT, Some(*code)),
            Error::Protocol(_) | Error::Io(_) => (R::LK_ERR_PROTOCOL, None),
        };
        Failure { result, message: error.to_string(), code: code.map(LocalErrorCode::as_str) }
    }
}

/// Runs an entry point: a panic becomes `LK_ERR_INTERNAL`, a failure is recorded for
/// `lk_last_error_*`.
fn entry(body: impl FnOnce() -> Result<(), Failure>) -> lk_result {
    let failure = match catch_unwind(AssertUnwindSafe(body)) {
        Ok(Ok(())) => return lk_result::LK_OK,
        Ok(Err(failure)) => failure,
        Err(_) => Failure::new(lk_result::LK_ERR_INTERNAL, "liblatchkey failed inside (a bug): please report it"),
    };
    // A message with an inner NUL would not be C text: cut there.
    let text = |s: &str| CString::new(s.split('\0').next().unwrap_or_default()).unwrap_or_default();
    LAST_ERROR.with(|last| {
        *last.borrow_mut() = LastError { message: text(&failure.message), code: failure.code.map(text) };
    });
    failure.result
}

fn runtime() -> Result<&'static tokio::runtime::Runtime, Failure> {
    RUNTIME.as_ref().map_err(|e| Failure::new(lk_result::LK_ERR_INTERNAL, e.clone()))
}

/// Blocks this thread on `future` (on the library's thread).
fn block_on<T>(future: impl std::future::Future<Output = Result<T, Error>>) -> Result<T, Failure> {
    runtime()?.block_on(future).map_err(Failure::from)
}

/// Optional C text: NULL is `None`.
///
/// # Safety
/// `text` is NULL or a NUL-terminated string that stays valid during the call.
unsafe fn optional_text<'a>(text: *const c_char, name: &str) -> Result<Option<&'a str>, Failure> {
    if text.is_null() {
        return Ok(None);
    }
    // SAFETY: not NULL, and NUL-terminated by the caller's promise.
    let text = unsafe { CStr::from_ptr(text) };
    text.to_str().map(Some).map_err(|_| Failure::new(lk_result::LK_ERR_INVALID_ARGUMENT, format!("{name} is not UTF-8 text")))
}

/// The client behind `client`, or the failure of a NULL.
///
/// # Safety
/// `client` is NULL or a live pointer from `lk_connect`.
unsafe fn client_ref<'a>(client: *const lk_client) -> Result<&'a Client, Failure> {
    // SAFETY: the caller passes what `lk_connect` returned and has not freed it.
    unsafe { client.as_ref() }
        .map(|c| &c.client)
        .ok_or_else(|| Failure::new(lk_result::LK_ERR_INVALID_ARGUMENT, "client is NULL: call lk_connect first"))
}

fn out_pointer<T>(out: *mut *mut T, name: &str) -> Result<(), Failure> {
    if out.is_null() {
        return Err(Failure::new(lk_result::LK_ERR_INVALID_ARGUMENT, format!("{name} is NULL: pass the address of a pointer")));
    }
    Ok(())
}

/// Text for C, owned by the library until its `lk_*_free`.
fn c_text(text: &str) -> *const c_char {
    CString::new(text.replace('\0', "")).unwrap_or_default().into_raw()
}

fn c_optional(text: Option<&str>) -> *const c_char {
    text.map_or(ptr::null(), c_text)
}

/// Frees text made by `c_text`.
///
/// # Safety
/// `text` is NULL or came from `c_text` and was not freed.
unsafe fn free_text(text: *const c_char) {
    if !text.is_null() {
        // SAFETY: made by `CString::into_raw` in this library; C only reads it (`const char *`).
        drop(unsafe { CString::from_raw(text.cast_mut()) });
    }
}

fn state_of(state: SessionState) -> lk_state {
    match state {
        SessionState::SignedOut => lk_state::LK_STATE_SIGNED_OUT,
        SessionState::SigningIn => lk_state::LK_STATE_SIGNING_IN,
        SessionState::TosRequired => lk_state::LK_STATE_TOS_REQUIRED,
        SessionState::SignedIn => lk_state::LK_STATE_SIGNED_IN,
        SessionState::Offline => lk_state::LK_STATE_OFFLINE,
        SessionState::Expired => lk_state::LK_STATE_EXPIRED,
        SessionState::Unknown => lk_state::LK_STATE_UNKNOWN,
    }
}

fn c_status(status: &Status) -> lk_status {
    let user = status.user.as_ref();
    lk_status {
        state: state_of(status.state),
        email: c_optional(user.map(|u| u.email.as_str())),
        first_name: c_optional(user.map(|u| u.first_name.as_str())),
        last_name: c_optional(user.map(|u| u.last_name.as_str())),
        org_name: c_optional(user.and_then(|u| u.org.as_ref()).map(|o| o.name.as_str())),
        offline_until: c_optional(status.offline_until.as_deref()),
    }
}

/// Frees the fields of a status made by `c_status`.
///
/// # Safety
/// The fields came from `c_status` and were not freed.
unsafe fn free_status_fields(status: &lk_status) {
    // SAFETY: each field is NULL or made by `c_text`.
    unsafe {
        free_text(status.email);
        free_text(status.first_name);
        free_text(status.last_name);
        free_text(status.org_name);
        free_text(status.offline_until);
    }
}

/// The library's version ("0.1.0"): a static string, not to be freed.
#[unsafe(no_mangle)]
pub extern "C" fn lk_version() -> *const c_char {
    concat!(env!("CARGO_PKG_VERSION"), "\0").as_ptr().cast()
}

/// Connects to this user's agent and checks that it answers. `socket_path`: NULL for the
/// contract's place (`LATCHKEY_AGENT_SOCKET` first); `app_name`: NULL, or a name shown to the
/// user and logged (`Latchkey-App`) — a hint only: the agent identifies the program by its
/// executable. On success `*out` is a client to free with `lk_client_free`.
///
/// # Safety
/// `socket_path` and `app_name` are NULL or NUL-terminated strings; `out` is a valid pointer.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lk_connect(socket_path: *const c_char, app_name: *const c_char, out: *mut *mut lk_client) -> lk_result {
    entry(|| {
        out_pointer(out, "out")?;
        // SAFETY: `out` is not NULL and points to writable memory (the caller's promise).
        unsafe { *out = ptr::null_mut() };
        // SAFETY: NULL or NUL-terminated by the caller's promise.
        let socket = unsafe { optional_text(socket_path, "socket_path") }?;
        // SAFETY: as above.
        let app = unsafe { optional_text(app_name, "app_name") }?;
        let mut options = ClientOptions::default();
        if let Some(socket) = socket {
            options = options.socket(socket);
        }
        if let Some(app) = app {
            options = options.app_name(app);
        }
        let client = Client::new(options);
        block_on(client.status())?;
        // SAFETY: checked above.
        unsafe { *out = Box::into_raw(Box::new(lk_client { client })) };
        Ok(())
    })
}

/// Closes the client's connections and frees it. NULL is fine.
///
/// # Safety
/// `client` is NULL or from `lk_connect`, not freed before, and no other thread uses it.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lk_client_free(client: *mut lk_client) {
    if !client.is_null() {
        // The pooled connections' tasks end with their senders, on the library's thread.
        let _ = catch_unwind(AssertUnwindSafe(|| {
            // SAFETY: made by `Box::into_raw` in `lk_connect`.
            drop(unsafe { Box::from_raw(client) });
        }));
    }
}

/// The session's state and who is signed in. Free `*out` with `lk_status_free`.
///
/// # Safety
/// `client` is from `lk_connect`; `out` is a valid pointer.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lk_status_get(client: *const lk_client, out: *mut *mut lk_status) -> lk_result {
    entry(|| {
        out_pointer(out, "out")?;
        // SAFETY: checked not NULL above.
        unsafe { *out = ptr::null_mut() };
        // SAFETY: the caller's promise.
        let client = unsafe { client_ref(client) }?;
        let status = block_on(client.status())?;
        // SAFETY: checked not NULL above.
        unsafe { *out = Box::into_raw(Box::new(c_status(&status))) };
        Ok(())
    })
}

/// Frees a status. NULL is fine.
///
/// # Safety
/// `status` is NULL or from `lk_status_get`, not freed before.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lk_status_free(status: *mut lk_status) {
    if !status.is_null() {
        // SAFETY: made by `Box::into_raw` in `lk_status_get`; its fields by `c_text`.
        unsafe {
            let status = Box::from_raw(status);
            free_status_fields(&status);
        }
    }
}

/// An access token valid at least `min_valid_seconds` (0: the agent's default, 60 s).
/// `audience`: NULL for the Latchkey server's own. The first call of a program the user has not
/// allowed yet waits for their answer (`LK_ERR_APP_NOT_ALLOWED` when they refuse or do not
/// answer). Free `*out` with `lk_token_free`.
///
/// # Safety
/// `client` is from `lk_connect`; `audience` is NULL or NUL-terminated; `out` is a valid pointer.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lk_token_get(
    client: *const lk_client,
    audience: *const c_char,
    min_valid_seconds: u32,
    out: *mut *mut lk_token,
) -> lk_result {
    entry(|| {
        out_pointer(out, "out")?;
        // SAFETY: checked not NULL above.
        unsafe { *out = ptr::null_mut() };
        // SAFETY: the caller's promise.
        let client = unsafe { client_ref(client) }?;
        // SAFETY: NULL or NUL-terminated by the caller's promise.
        let audience = unsafe { optional_text(audience, "audience") }?;
        let mut request = TokenRequest::default();
        if let Some(audience) = audience {
            request = request.audience(audience);
        }
        if min_valid_seconds > 0 {
            request = request.min_valid(Duration::from_secs(u64::from(min_valid_seconds)));
        }
        let token = block_on(client.token(&request))?;
        let expires_at_unix = time::OffsetDateTime::parse(&token.expires_at, &time::format_description::well_known::Rfc3339)
            .map(time::OffsetDateTime::unix_timestamp)
            .map_err(|e| Failure::new(lk_result::LK_ERR_PROTOCOL, format!("the token's expires_at is not RFC 3339: {e}")))?;
        // A token is URL-safe ASCII: no NUL to take out, one copy made.
        let secret = token.access_token.expose();
        let access_token = CString::new(secret).map_err(|_| Failure::new(lk_result::LK_ERR_PROTOCOL, "the token holds a NUL"))?;
        let c_token = lk_token {
            access_token: access_token.into_raw(),
            access_token_len: secret.len(),
            expires_at: c_text(&token.expires_at),
            expires_at_unix,
        };
        // SAFETY: checked not NULL above.
        unsafe { *out = Box::into_raw(Box::new(c_token)) };
        Ok(())
    })
}

/// Overwrites the token with zeros and frees it. NULL is fine.
///
/// # Safety
/// `token` is NULL or from `lk_token_get`, not freed before.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lk_token_free(token: *mut lk_token) {
    if token.is_null() {
        return;
    }
    // SAFETY: made by `Box::into_raw` in `lk_token_get`; its texts by `c_text`.
    unsafe {
        let token = Box::from_raw(token);
        if !token.access_token.is_null() {
            // By the recorded length, not by reading up to a NUL: the bytes are the caller's to
            // have overwritten already.
            let length = token.access_token_len + 1;
            let mut bytes = Box::from_raw(ptr::slice_from_raw_parts_mut(token.access_token.cast_mut().cast::<u8>(), length));
            bytes.zeroize();
        }
        free_text(token.expires_at);
    }
}

/// The user's entitlements. Free `*out` with `lk_entitlements_free`.
///
/// # Safety
/// `client` is from `lk_connect`; `out` is a valid pointer.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lk_entitlements_get(client: *const lk_client, out: *mut *mut lk_entitlements) -> lk_result {
    entry(|| {
        out_pointer(out, "out")?;
        // SAFETY: checked not NULL above.
        unsafe { *out = ptr::null_mut() };
        // SAFETY: the caller's promise.
        let client = unsafe { client_ref(client) }?;
        let view = block_on(client.entitlements())?;
        let items: Box<[lk_entitlement]> = view
            .entitlements
            .iter()
            .map(|e| {
                let features: Box<[*const c_char]> = e.features.iter().map(|f| c_text(f)).collect();
                let feature_count = features.len();
                lk_entitlement {
                    product: c_text(&e.product),
                    name: c_optional(e.name.as_deref()),
                    features: Box::into_raw(features).cast(),
                    feature_count,
                    expires_at: c_optional(e.expires_at.as_deref()),
                }
            })
            .collect();
        let count = items.len();
        let entitlements = lk_entitlements {
            items: Box::into_raw(items).cast(),
            count,
            offline_until: c_text(&view.offline_until),
            from_cache: view.source == "cache",
        };
        // SAFETY: checked not NULL above.
        unsafe { *out = Box::into_raw(Box::new(entitlements)) };
        Ok(())
    })
}

/// Frees entitlements. NULL is fine.
///
/// # Safety
/// `entitlements` is NULL or from `lk_entitlements_get`, not freed before.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lk_entitlements_free(entitlements: *mut lk_entitlements) {
    if entitlements.is_null() {
        return;
    }
    // SAFETY: every pointer below was made in `lk_entitlements_get` by `Box::into_raw` of a boxed
    // slice of the recorded length, or by `c_text`.
    unsafe {
        let entitlements = Box::from_raw(entitlements);
        let items = Box::from_raw(ptr::slice_from_raw_parts_mut(entitlements.items, entitlements.count));
        for item in &items {
            let features = Box::from_raw(ptr::slice_from_raw_parts_mut(item.features.cast_mut(), item.feature_count));
            for feature in &features {
                free_text(*feature);
            }
            free_text(item.product);
            free_text(item.name);
            free_text(item.expires_at);
        }
        free_text(entitlements.offline_until);
    }
}

/// Whether the user may use `product`. `*entitled` is set; `reason`, when not NULL, receives NULL
/// when entitled, else `not_entitled`, `offline_grace_expired` or `subscription_expired` (free it
/// with `lk_string_free`).
///
/// # Safety
/// `client` is from `lk_connect`; `product` is NUL-terminated; `entitled` is a valid pointer;
/// `reason` is NULL or a valid pointer.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lk_product_check(
    client: *const lk_client,
    product: *const c_char,
    entitled: *mut bool,
    reason: *mut *mut c_char,
) -> lk_result {
    entry(|| {
        if entitled.is_null() {
            return Err(Failure::new(lk_result::LK_ERR_INVALID_ARGUMENT, "entitled is NULL: pass the address of a bool"));
        }
        // SAFETY: checked not NULL; `reason` when given is writable (the caller's promise).
        unsafe {
            *entitled = false;
            if !reason.is_null() {
                *reason = ptr::null_mut();
            }
        }
        // SAFETY: the caller's promise.
        let client = unsafe { client_ref(client) }?;
        // SAFETY: NULL or NUL-terminated by the caller's promise.
        let product = unsafe { optional_text(product, "product") }?
            .filter(|p| !p.is_empty())
            .ok_or_else(|| Failure::new(lk_result::LK_ERR_INVALID_ARGUMENT, "product is NULL or empty: name the product to check"))?;
        let answer = block_on(client.entitlement(product))?;
        // SAFETY: as above.
        unsafe {
            *entitled = answer.entitled;
            if !reason.is_null() && !answer.entitled {
                *reason = c_text(answer.reason.as_deref().unwrap_or("not_entitled")).cast_mut();
            }
        }
        Ok(())
    })
}

/// Opens the desktop window's sign-in. `wait_seconds` 0 returns at once; more waits (at most
/// 600 s) until the user signed in (`LK_ERR_TIMEOUT` when they did not). Without a desktop
/// session: `LK_ERR_NO_INTERACTIVE_SESSION`.
///
/// # Safety
/// `client` is from `lk_connect`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lk_sign_in(client: *const lk_client, wait_seconds: u32) -> lk_result {
    entry(|| {
        // SAFETY: the caller's promise.
        let client = unsafe { client_ref(client) }?;
        let wait = (wait_seconds > 0).then(|| Duration::from_secs(u64::from(wait_seconds)));
        block_on(client.sign_in(wait)).map(|_| ())
    })
}

/// A C pointer that crosses to the subscription's thread: the caller promised it may.
struct UserData(*mut c_void);
// SAFETY: `lk_subscribe`'s contract: the callback and its user data may be used from another
// thread.
unsafe impl Send for UserData {}

/// Calls `callback(status, user_data)` now and at each change of the session, on a library
/// thread, until `lk_subscription_free`. Free `*out` with `lk_subscription_free`.
///
/// # Safety
/// `client` is from `lk_connect`; `callback` is a function that may be called from another
/// thread with `user_data`; `out` is a valid pointer.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lk_subscribe(
    client: *const lk_client,
    callback: lk_status_callback,
    user_data: *mut c_void,
    out: *mut *mut lk_subscription,
) -> lk_result {
    entry(|| {
        out_pointer(out, "out")?;
        // SAFETY: checked not NULL above.
        unsafe { *out = ptr::null_mut() };
        // SAFETY: the caller's promise.
        let client = unsafe { client_ref(client) }?;
        let callback = callback.ok_or_else(|| Failure::new(lk_result::LK_ERR_INVALID_ARGUMENT, "callback is NULL"))?;
        let mut events = block_on(client.events())?;
        let stop = Arc::new(AtomicBool::new(false));
        let wake = Arc::new(tokio::sync::Notify::new());
        let user_data = UserData(user_data);
        let thread = std::thread::Builder::new()
            .name("latchkey-events".into())
            .spawn({
                let stop = stop.clone();
                let wake = wake.clone();
                move || {
                    let user_data = user_data;
                    let Ok(runtime) = runtime() else { return };
                    while !stop.load(Ordering::SeqCst) {
                        let next = runtime.block_on(async {
                            tokio::select! {
                                next = events.next() => next,
                                () = wake.notified() => None,
                            }
                        });
                        let Some(Ok(status)) = next else { break };
                        if stop.load(Ordering::SeqCst) {
                            break;
                        }
                        let c = c_status(&status);
                        // SAFETY: the caller's callback, called with a status valid for the call.
                        let _ = catch_unwind(AssertUnwindSafe(|| unsafe { callback(&raw const c, user_data.0) }));
                        // SAFETY: made by `c_status` just above.
                        unsafe { free_status_fields(&c) };
                    }
                }
            })
            .map_err(|e| Failure::new(lk_result::LK_ERR_INTERNAL, format!("cannot start the subscription's thread: {e}")))?;
        let subscription = lk_subscription { stop, wake, thread: Some(thread) };
        // SAFETY: checked not NULL above.
        unsafe { *out = Box::into_raw(Box::new(subscription)) };
        Ok(())
    })
}

/// Stops a subscription: once this returns, its callback is never called again (called from
/// within the callback, after the callback returns). NULL is fine. A subscription ends by itself
/// when the agent stops (a restart, a handover): subscribe again once `lk_connect` succeeds.
///
/// # Safety
/// `subscription` is NULL or from `lk_subscribe`, not freed before.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lk_subscription_free(subscription: *mut lk_subscription) {
    if subscription.is_null() {
        return;
    }
    let _ = catch_unwind(AssertUnwindSafe(|| {
        // SAFETY: made by `Box::into_raw` in `lk_subscribe`.
        let mut subscription = unsafe { Box::from_raw(subscription) };
        subscription.stop.store(true, Ordering::SeqCst);
        subscription.wake.notify_one();
        if let Some(thread) = subscription.thread.take() {
            // From the callback itself the thread cannot wait for itself; it stops after it.
            if thread.thread().id() != std::thread::current().id() {
                let _ = thread.join();
            }
        }
    }));
}

/// The last failure on this thread, as a sentence ("" when there was none). Valid until the
/// next failing `lk_` call on this thread; do not free.
#[unsafe(no_mangle)]
pub extern "C" fn lk_last_error_message() -> *const c_char {
    LAST_ERROR.with(|last| last.borrow().message.as_ptr())
}

/// The agent's stable code for the last failure on this thread (`app_not_allowed`), or NULL when
/// the failure was the library's own. Valid until the next failing `lk_` call on this thread.
#[unsafe(no_mangle)]
pub extern "C" fn lk_last_error_code() -> *const c_char {
    LAST_ERROR.with(|last| last.borrow().code.as_ref().map_or(ptr::null(), |c| c.as_ptr()))
}

/// The name of a result (`LK_ERR_APP_NOT_ALLOWED`): a static string. It takes any integer, so
/// that a value from a newer library (or a binding's mistake) is named `LK_ERR_UNKNOWN` rather
/// than read as an enum it is not.
#[unsafe(no_mangle)]
pub extern "C" fn lk_result_name(result: i32) -> *const c_char {
    use lk_result as R;
    let names = [
        (R::LK_OK, "LK_OK\0"),
        (R::LK_ERR_INVALID_ARGUMENT, "LK_ERR_INVALID_ARGUMENT\0"),
        (R::LK_ERR_NO_AGENT, "LK_ERR_NO_AGENT\0"),
        (R::LK_ERR_FOREIGN_AGENT, "LK_ERR_FOREIGN_AGENT\0"),
        (R::LK_ERR_NOT_SIGNED_IN, "LK_ERR_NOT_SIGNED_IN\0"),
        (R::LK_ERR_TOS_REQUIRED, "LK_ERR_TOS_REQUIRED\0"),
        (R::LK_ERR_BACKEND_UNREACHABLE, "LK_ERR_BACKEND_UNREACHABLE\0"),
        (R::LK_ERR_APP_NOT_ALLOWED, "LK_ERR_APP_NOT_ALLOWED\0"),
        (R::LK_ERR_UNSUPPORTED_AUDIENCE, "LK_ERR_UNSUPPORTED_AUDIENCE\0"),
        (R::LK_ERR_TIMEOUT, "LK_ERR_TIMEOUT\0"),
        (R::LK_ERR_NO_INTERACTIVE_SESSION, "LK_ERR_NO_INTERACTIVE_SESSION\0"),
        (R::LK_ERR_ACCESS_DENIED, "LK_ERR_ACCESS_DENIED\0"),
        (R::LK_ERR_AGENT, "LK_ERR_AGENT\0"),
        (R::LK_ERR_PROTOCOL, "LK_ERR_PROTOCOL\0"),
        (R::LK_ERR_INTERNAL, "LK_ERR_INTERNAL\0"),
    ];
    let name = names.iter().find(|(r, _)| *r as i32 == result).map_or("LK_ERR_UNKNOWN\0", |(_, name)| name);
    name.as_ptr().cast()
}

/// Frees text the library returned (`lk_product_check`'s reason). NULL is fine.
///
/// # Safety
/// `text` is NULL or text from this library that its own `lk_*_free` does not free, not freed before.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lk_string_free(text: *mut c_char) {
    // SAFETY: the caller's promise.
    unsafe { free_text(text) };
}

#[cfg(test)]
mod tests {
    use super::*;

    fn last_message() -> String {
        // SAFETY: the library's own NUL-terminated text.
        unsafe { CStr::from_ptr(lk_last_error_message()) }.to_string_lossy().into_owned()
    }

    #[test]
    fn bad_arguments_are_named_and_nothing_panics() {
        let mut client = ptr::null_mut();
        // SAFETY: the arguments are valid or NULL as each case intends.
        unsafe {
            assert_eq!(lk_connect(ptr::null(), ptr::null(), ptr::null_mut()), lk_result::LK_ERR_INVALID_ARGUMENT);
            assert!(last_message().contains("out is NULL"), "{}", last_message());
            assert!(lk_last_error_code().is_null());

            let nowhere = CString::new("/nonexistent/latchkey/agent.sock").unwrap();
            assert_eq!(lk_connect(nowhere.as_ptr(), ptr::null(), &raw mut client), lk_result::LK_ERR_NO_AGENT);
            assert!(client.is_null());
            assert!(last_message().contains("latchkey agent"), "says how to start one: {}", last_message());

            let not_utf8 = [0xff_u8, 0xfe, 0];
            assert_eq!(lk_connect(not_utf8.as_ptr().cast(), ptr::null(), &raw mut client), lk_result::LK_ERR_INVALID_ARGUMENT);
            assert!(last_message().contains("socket_path is not UTF-8"));

            let mut token = ptr::null_mut();
            assert_eq!(lk_token_get(ptr::null(), ptr::null(), 0, &raw mut token), lk_result::LK_ERR_INVALID_ARGUMENT);
            assert!(last_message().contains("lk_connect first"));
            let mut entitled = true;
            assert_eq!(lk_product_check(ptr::null(), ptr::null(), &raw mut entitled, ptr::null_mut()), lk_result::LK_ERR_INVALID_ARGUMENT);
            assert!(!entitled, "cleared before anything else");

            lk_client_free(ptr::null_mut());
            lk_status_free(ptr::null_mut());
            lk_token_free(ptr::null_mut());
            lk_entitlements_free(ptr::null_mut());
            lk_subscription_free(ptr::null_mut());
            lk_string_free(ptr::null_mut());
        }
    }

    #[test]
    fn errors_are_per_thread_and_results_have_names() {
        let failed = std::thread::spawn(|| {
            // SAFETY: NULL `out` is the error under test.
            unsafe { lk_status_get(ptr::null(), ptr::null_mut()) };
            last_message()
        })
        .join()
        .unwrap();
        assert!(failed.contains("out is NULL"));
        assert_eq!(last_message(), "", "another thread's failure is not this one's");
        // SAFETY: static NUL-terminated names.
        let name = unsafe { CStr::from_ptr(lk_result_name(lk_result::LK_ERR_APP_NOT_ALLOWED as i32)) };
        assert_eq!(name.to_str().unwrap(), "LK_ERR_APP_NOT_ALLOWED");
        // SAFETY: as above.
        let unknown = unsafe { CStr::from_ptr(lk_result_name(99)) };
        assert_eq!(unknown.to_str().unwrap(), "LK_ERR_UNKNOWN");
        // SAFETY: as above.
        let version = unsafe { CStr::from_ptr(lk_version()) };
        assert_eq!(version.to_str().unwrap(), env!("CARGO_PKG_VERSION"));
    }

    #[test]
    fn a_panic_inside_is_an_error_not_an_abort() {
        let result = entry(|| panic!("boom"));
        assert_eq!(result, lk_result::LK_ERR_INTERNAL);
        assert!(last_message().contains("a bug"));
    }
}
