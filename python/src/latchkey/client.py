"""The client of Latchkey's local API: plain HTTP/1.1 with JSON over the agent's Unix socket
(Linux, macOS) or named pipe (Windows), as ``shared/contract/local-api.md`` describes it.

What every caller should do, done once here: find the socket, check that the agent on the other
end runs as this user before sending anything, retry briefly while the agent starts, keep one
connection alive (and reconnect once when the agent closed it), and turn problem documents into
typed errors (:mod:`latchkey.errors`).
"""

from __future__ import annotations

import json
import math
import os
import select
import socket as _socket
import struct
import sys
import threading
import time
from typing import Any, Callable, Dict, Iterator, List, Mapping, Optional, Tuple

from .errors import (
    AgentNotRunning,
    ForeignAgent,
    LatchkeyError,
    ProtocolError,
    TransportError,
    error_from_problem,
)
from .models import (
    Catalog,
    Consent,
    Entitlements,
    InstallProgress,
    ProductEntitlement,
    Settings,
    SignInOutcome,
    Status,
    Token,
    UpdateCheck,
)

__all__ = ["Client", "EventStream", "Response", "default_socket", "SOCKET_ENV", "HOST", "APP_HEADER"]

#: Overrides the socket path (or pipe name) for every client and the agent.
SOCKET_ENV = "LATCHKEY_AGENT_SOCKET"
#: Every request carries ``Host: latchkey``; anything else is refused as a browser.
HOST = "latchkey"
#: The header a caller names itself with (shown to the user, logged by the agent).
APP_HEADER = "Latchkey-App"

_MAX_LINE = 65536
_MAX_HEADERS = 100
_PIPE_PREFIX = "\\\\.\\pipe\\"


# --------------------------------------------------------------------------------------------
# Where the agent is


def default_socket(environ: Optional[Mapping[str, str]] = None, platform: Optional[str] = None) -> str:
    """The contract's socket path (or pipe name) for this user.

    1. ``$LATCHKEY_AGENT_SOCKET``, when set and not empty;
    2. Windows: ``\\\\.\\pipe\\latchkey-agent-<SID of this user>``;
    3. macOS: ``~/Library/Application Support/Latchkey/agent.sock``;
    4. Linux (and other Unix): ``$XDG_RUNTIME_DIR/latchkey/agent.sock`` when ``XDG_RUNTIME_DIR``
       is an absolute path, else ``/tmp/latchkey-<uid>/agent.sock``.

    ``environ`` and ``platform`` (``sys.platform``'s values) default to this process's.
    """
    env = os.environ if environ is None else environ
    platform = sys.platform if platform is None else platform
    explicit = env.get(SOCKET_ENV)
    if explicit:
        return explicit
    if platform == "win32":
        return f"{_PIPE_PREFIX}latchkey-agent-{_windows_user_sid()}"
    if platform == "darwin":
        home = env.get("HOME") or os.path.expanduser("~")
        return os.path.join(home, "Library", "Application Support", "Latchkey", "agent.sock")
    runtime = env.get("XDG_RUNTIME_DIR")
    if runtime and runtime.startswith("/"):
        return os.path.join(runtime, "latchkey", "agent.sock")
    return f"/tmp/latchkey-{_current_uid()}/agent.sock"


def _current_uid() -> int:
    """This process's user id (the agent must run as the same); a hook for the tests."""
    return os.getuid()  # type: ignore[attr-defined,no-any-return,unused-ignore]


# --------------------------------------------------------------------------------------------
# Windows: the user's SID and the pipe's server (ctypes only; nothing runs at import)


def _win32() -> Tuple[Any, Any, Any]:
    import ctypes
    from ctypes import wintypes

    kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)  # type: ignore[attr-defined,unused-ignore]
    advapi32 = ctypes.WinDLL("advapi32", use_last_error=True)  # type: ignore[attr-defined,unused-ignore]
    kernel32.GetCurrentProcess.restype = wintypes.HANDLE
    kernel32.GetCurrentProcess.argtypes = []
    kernel32.OpenProcess.restype = wintypes.HANDLE
    kernel32.OpenProcess.argtypes = [wintypes.DWORD, wintypes.BOOL, wintypes.DWORD]
    kernel32.CloseHandle.restype = wintypes.BOOL
    kernel32.CloseHandle.argtypes = [wintypes.HANDLE]
    kernel32.LocalFree.restype = ctypes.c_void_p
    kernel32.LocalFree.argtypes = [ctypes.c_void_p]
    kernel32.GetNamedPipeServerProcessId.restype = wintypes.BOOL
    kernel32.GetNamedPipeServerProcessId.argtypes = [wintypes.HANDLE, ctypes.POINTER(wintypes.ULONG)]
    advapi32.OpenProcessToken.restype = wintypes.BOOL
    advapi32.OpenProcessToken.argtypes = [wintypes.HANDLE, wintypes.DWORD, ctypes.POINTER(wintypes.HANDLE)]
    advapi32.GetTokenInformation.restype = wintypes.BOOL
    advapi32.GetTokenInformation.argtypes = [
        wintypes.HANDLE,
        ctypes.c_int,
        ctypes.c_void_p,
        wintypes.DWORD,
        ctypes.POINTER(wintypes.DWORD),
    ]
    advapi32.ConvertSidToStringSidW.restype = wintypes.BOOL
    advapi32.ConvertSidToStringSidW.argtypes = [ctypes.c_void_p, ctypes.POINTER(ctypes.c_void_p)]
    return ctypes, kernel32, advapi32


def _windows_sid_of_process(process: Any) -> str:
    """The string SID (``S-1-5-21-...``) of the user a process runs as."""
    ctypes, kernel32, advapi32 = _win32()
    from ctypes import wintypes

    token_query, token_user = 0x0008, 1
    token = wintypes.HANDLE()
    if not advapi32.OpenProcessToken(process, token_query, ctypes.byref(token)):
        raise ctypes.WinError(ctypes.get_last_error())  # type: ignore[attr-defined,unused-ignore]
    try:
        size = wintypes.DWORD(0)
        advapi32.GetTokenInformation(token, token_user, None, 0, ctypes.byref(size))
        buffer = ctypes.create_string_buffer(max(size.value, 1))
        if not advapi32.GetTokenInformation(token, token_user, buffer, size, ctypes.byref(size)):
            raise ctypes.WinError(ctypes.get_last_error())  # type: ignore[attr-defined,unused-ignore]
        # TOKEN_USER { SID_AND_ATTRIBUTES User { PSID Sid; DWORD Attributes; } }: the SID pointer first.
        sid = ctypes.cast(buffer, ctypes.POINTER(ctypes.c_void_p))[0]
        text = ctypes.c_void_p()
        if not advapi32.ConvertSidToStringSidW(sid, ctypes.byref(text)):
            raise ctypes.WinError(ctypes.get_last_error())  # type: ignore[attr-defined,unused-ignore]
        try:
            return str(ctypes.wstring_at(text.value))
        finally:
            kernel32.LocalFree(text)
    finally:
        kernel32.CloseHandle(token)


def _windows_user_sid() -> str:
    _ctypes, kernel32, _advapi32 = _win32()
    try:
        return _windows_sid_of_process(kernel32.GetCurrentProcess())
    except OSError:
        return "unknown"


def _windows_pipe_server_sid(handle: int) -> str:
    """The SID of the user the pipe's server (the agent) runs as."""
    ctypes, kernel32, _advapi32 = _win32()
    from ctypes import wintypes

    pid = wintypes.ULONG(0)
    if not kernel32.GetNamedPipeServerProcessId(handle, ctypes.byref(pid)):
        raise ctypes.WinError(ctypes.get_last_error())  # type: ignore[attr-defined,unused-ignore]
    process_query_limited_information = 0x1000
    process = kernel32.OpenProcess(process_query_limited_information, False, pid.value)
    if not process:
        raise ctypes.WinError(ctypes.get_last_error())  # type: ignore[attr-defined,unused-ignore]
    try:
        return _windows_sid_of_process(process)
    finally:
        kernel32.CloseHandle(process)


# --------------------------------------------------------------------------------------------
# Streams: a Unix socket, or a Windows named pipe


class _NotRunning(Exception):
    """Nothing listens there (yet): retried until ``startup_wait`` runs out."""


class _Stream:
    def send_all(self, data: bytes) -> None:
        raise NotImplementedError

    def recv(self, size: int) -> bytes:
        raise NotImplementedError

    def set_timeout(self, timeout: Optional[float]) -> None:
        pass

    def closed_by_peer(self) -> bool:
        """Whether an idle connection was closed by the agent (checked before reusing it)."""
        return False

    def close(self) -> None:
        raise NotImplementedError


class _UnixStream(_Stream):
    def __init__(self, sock: _socket.socket) -> None:
        self.sock = sock

    def send_all(self, data: bytes) -> None:
        self.sock.sendall(data)

    def recv(self, size: int) -> bytes:
        return self.sock.recv(size)

    def set_timeout(self, timeout: Optional[float]) -> None:
        self.sock.settimeout(timeout)

    def closed_by_peer(self) -> bool:
        try:
            readable, _, _ = select.select([self.sock], [], [], 0)
            if not readable:
                return False
            # Readable while idle: the agent closed it (EOF), or sent something unasked for.
            return True
        except (OSError, ValueError):
            return True

    def close(self) -> None:
        try:
            self.sock.close()
        except OSError:
            pass


class _PipeStream(_Stream):
    """A Windows named pipe, opened as a file: HTTP/1.1 goes over it as over a socket.
    ``timeout`` does not apply to pipes (reads block until the agent answers)."""

    def __init__(self, pipe: Any) -> None:
        self.pipe = pipe

    def send_all(self, data: bytes) -> None:
        view = memoryview(data)
        while view:
            written = self.pipe.write(view)
            if not written:
                raise BrokenPipeError("the agent closed the pipe")
            view = view[written:]

    def recv(self, size: int) -> bytes:
        return self.pipe.read(size) or b""

    def close(self) -> None:
        try:
            self.pipe.close()
        except OSError:
            pass


def _check_unix_peer(sock: _socket.socket, path: str) -> None:
    """Refuses an agent that runs as another user (before anything is sent)."""
    me = _current_uid()
    if hasattr(_socket, "SO_PEERCRED"):
        # Linux: struct ucred { pid_t pid; uid_t uid; gid_t gid; }
        size = struct.calcsize("iII")
        _pid, uid, _gid = struct.unpack("iII", sock.getsockopt(_socket.SOL_SOCKET, _socket.SO_PEERCRED, size))
    elif sys.platform == "darwin" or sys.platform.startswith("freebsd"):
        # macOS, FreeBSD: getsockopt(SOL_LOCAL = 0, LOCAL_PEERCRED = 1) gives struct xucred
        # { u_int cr_version; uid_t cr_uid; short cr_ngroups; gid_t cr_groups[16]; }, which is
        # what getpeereid() reads.
        local_peercred = getattr(_socket, "LOCAL_PEERCRED", 0x001)
        data = sock.getsockopt(0, local_peercred, struct.calcsize("=IIh2x16I"))
        version, uid = struct.unpack_from("=II", data)
        if version != 0:
            raise OSError(f"unexpected xucred version {version}")
    else:
        # Another Unix without a peer-credential call Python can reach: the socket's private
        # 0700 folder is the only guard left.
        return
    if uid != me:
        raise ForeignAgent(path, f"user {uid}")


# --------------------------------------------------------------------------------------------
# HTTP/1.1


class _ConnectionLost(Exception):
    """The agent closed the connection before answering anything."""


class Response:
    """An answer of the agent: ``status``, ``headers`` (lower-case names) and the ``body``."""

    def __init__(self, status: int, headers: Dict[str, str], body: bytes) -> None:
        self.status = status
        self.headers = headers
        self.body = body

    def json(self) -> Any:
        try:
            return json.loads(self.body.decode("utf-8")) if self.body else None
        except (UnicodeDecodeError, ValueError) as e:
            raise ProtocolError(detail=f"the body is not JSON: {e}", status=self.status) from None

    def __repr__(self) -> str:
        return f"Response(status={self.status}, {len(self.body)} bytes)"


class _Head:
    def __init__(self, status: int, version: str, headers: Dict[str, str]) -> None:
        self.status = status
        self.version = version
        self.headers = headers

    def keep_alive(self) -> bool:
        connection = self.headers.get("connection", "").lower()
        if self.version == "HTTP/1.0":
            return "keep-alive" in connection
        return "close" not in connection


class _Connection:
    """One HTTP/1.1 connection to the agent."""

    def __init__(self, stream: _Stream) -> None:
        self.stream = stream
        self.buffer = bytearray()
        self.reusable = False

    def close(self) -> None:
        self.reusable = False
        self.stream.close()

    def _fill(self) -> bool:
        data = self.stream.recv(65536)
        if not data:
            return False
        self.buffer += data
        return True

    def _line(self) -> bytes:
        while True:
            end = self.buffer.find(b"\n")
            if end >= 0:
                line = bytes(self.buffer[: end + 1])
                del self.buffer[: end + 1]
                return line.rstrip(b"\r\n")
            if len(self.buffer) > _MAX_LINE:
                raise ProtocolError(detail="a header line is too long")
            if not self._fill():
                raise ProtocolError(detail="the agent closed the connection in the middle of an answer")

    def _exact(self, size: int) -> bytes:
        while len(self.buffer) < size:
            if not self._fill():
                raise ProtocolError(detail="the agent closed the connection in the middle of an answer")
        data = bytes(self.buffer[:size])
        del self.buffer[:size]
        return data

    def send(self, data: bytes) -> None:
        self.reusable = False
        self.stream.send_all(data)

    def read_head(self) -> _Head:
        """The status line and headers; :class:`_ConnectionLost` when the agent closed the
        connection before sending a byte."""
        while True:
            if not self.buffer and not self._fill():
                raise _ConnectionLost()
            status_line = self._line()
            parts = status_line.decode("latin-1").split(" ", 2)
            if len(parts) < 2 or not parts[0].startswith("HTTP/1.") or not parts[1].isdigit():
                raise ProtocolError(detail=f"not an HTTP answer: {status_line[:80]!r}")
            headers: Dict[str, str] = {}
            for _ in range(_MAX_HEADERS + 1):
                line = self._line()
                if not line:
                    break
                name, sep, value = line.decode("latin-1").partition(":")
                if not sep:
                    raise ProtocolError(detail=f"a malformed header line: {line[:80]!r}")
                key = name.strip().lower()
                value = value.strip()
                headers[key] = f"{headers[key]}, {value}" if key in headers else value
            else:
                raise ProtocolError(detail="too many header lines")
            status = int(parts[1])
            if 100 <= status < 200:
                continue  # an interim answer (100 Continue): the real one follows
            return _Head(status, parts[0], headers)

    def body_chunks(self, head: _Head, method: str) -> Iterator[bytes]:
        """The body as it arrives; afterwards ``reusable`` tells whether the connection may
        carry another request."""
        if method == "HEAD" or head.status in (204, 304):
            self.reusable = head.keep_alive()
            return
        encoding = head.headers.get("transfer-encoding", "").lower()
        if "chunked" in encoding:
            while True:
                size_line = self._line().split(b";", 1)[0].strip()
                try:
                    size = int(size_line, 16)
                except ValueError:
                    raise ProtocolError(detail=f"a malformed chunk size: {size_line[:20]!r}") from None
                if size == 0:
                    while self._line():  # trailers, up to the empty line
                        pass
                    break
                chunk = self._exact(size)
                if self._exact(2) != b"\r\n":
                    raise ProtocolError(detail="a chunk does not end with CRLF")
                yield chunk
            self.reusable = head.keep_alive()
        elif "content-length" in head.headers:
            try:
                remaining = int(head.headers["content-length"])
            except ValueError:
                raise ProtocolError(detail="a malformed Content-Length") from None
            while remaining > 0:
                if not self.buffer and not self._fill():
                    raise ProtocolError(detail="the agent closed the connection in the middle of an answer")
                chunk = bytes(self.buffer[:remaining])
                del self.buffer[: len(chunk)]
                remaining -= len(chunk)
                yield chunk
            self.reusable = head.keep_alive()
        else:
            # Neither length nor chunks: the body runs until the agent closes the connection.
            while True:
                if self.buffer:
                    chunk = bytes(self.buffer)
                    self.buffer.clear()
                    yield chunk
                if not self._fill():
                    break
            self.reusable = False


def _encode(text: str) -> str:
    """A path segment or query value, percent-encoded (everything but ``A-Za-z0-9-._~``)."""
    from urllib.parse import quote

    return quote(text, safe="")


def _check_header_value(value: str, what: str) -> str:
    if not value or any(ord(c) < 0x20 or ord(c) > 0x7E for c in value):
        raise ValueError(f"{what} must be printable ASCII without line breaks: {value!r}")
    return value


# --------------------------------------------------------------------------------------------
# The client


class Client:
    """A client of the local API. Cheap to keep: it reuses its connection.

    :param socket: the socket path (or pipe name); default :func:`default_socket`.
    :param app_name: sent as ``Latchkey-App``: shown to the user (for instance when the agent
        asks whether this program may use the session) and logged. A hint only: the agent
        identifies the program by its executable.
    :param startup_wait: how long (seconds) to keep retrying while no agent answers yet (the
        socket is missing or refuses connections: it may be starting).
    :param timeout: seconds to wait on each read or write of the socket; ``None`` (the default)
        waits as long as the agent takes. Keep it ``None`` (or at least a few minutes) for
        :meth:`token`, :meth:`entitlements` and :meth:`entitlement`: the first time a program
        asks, the agent may hold the request until the user answers whether it may (up to a
        couple of minutes), then serve it or refuse it with :class:`~latchkey.AppNotAllowed`.
        Not applied to Windows named pipes.

    A client may be shared between threads: each request takes an idle connection, or opens one.
    """

    def __init__(
        self,
        socket: Optional[str] = None,
        app_name: Optional[str] = None,
        startup_wait: float = 1.0,
        timeout: Optional[float] = None,
    ) -> None:
        self.socket: str = os.fspath(socket) if socket is not None else default_socket()
        self.app_name: Optional[str] = _check_header_value(app_name, "app_name") if app_name is not None else None
        self.startup_wait = float(startup_wait)
        self.timeout = timeout
        self._idle: List[_Connection] = []
        self._lock = threading.Lock()

    def __repr__(self) -> str:
        return f"Client(socket={self.socket!r}, app_name={self.app_name!r})"

    def __enter__(self) -> "Client":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def close(self) -> None:
        """Closes the idle connection(s); the client stays usable."""
        with self._lock:
            idle, self._idle = self._idle, []
        for connection in idle:
            connection.close()

    # -- connecting ---------------------------------------------------------------------------

    def _is_pipe(self) -> bool:
        return sys.platform == "win32"

    def _open(self) -> _Stream:
        if self._is_pipe():
            return self._open_pipe()
        sock = _socket.socket(_socket.AF_UNIX, _socket.SOCK_STREAM)  # type: ignore[attr-defined,unused-ignore]
        try:
            sock.connect(self.socket)
        except (FileNotFoundError, ConnectionRefusedError, NotADirectoryError):
            sock.close()
            raise _NotRunning() from None
        except OSError as e:
            sock.close()
            raise TransportError(detail=f"cannot connect to {self.socket}: {e}") from None
        try:
            _check_unix_peer(sock, self.socket)
        except LatchkeyError:
            sock.close()
            raise
        except OSError as e:
            sock.close()
            raise TransportError(detail=f"cannot read the credentials of the agent on {self.socket}: {e}") from None
        sock.settimeout(self.timeout)
        return _UnixStream(sock)

    def _open_pipe(self) -> _Stream:
        busy_until = time.monotonic() + max(self.startup_wait, 10.0)
        while True:
            try:
                pipe = open(self.socket, "r+b", buffering=0)
                break
            except FileNotFoundError:
                raise _NotRunning() from None
            except OSError as e:
                if getattr(e, "winerror", None) == 231 and time.monotonic() < busy_until:  # ERROR_PIPE_BUSY
                    time.sleep(0.02)
                    continue
                raise TransportError(detail=f"cannot open {self.socket}: {e}") from None
        try:
            import msvcrt

            handle = msvcrt.get_osfhandle(pipe.fileno())  # type: ignore[attr-defined,unused-ignore]
            agent, me = _windows_pipe_server_sid(handle), _windows_user_sid()
        except OSError as e:
            pipe.close()
            raise TransportError(detail=f"cannot tell who serves {self.socket}: {e}") from None
        if agent != me:
            pipe.close()
            raise ForeignAgent(self.socket, agent)
        return _PipeStream(pipe)

    def _connect(self) -> _Connection:
        """A new connection, after checking that the agent on the other end is this user's;
        retried for ``startup_wait`` seconds while nobody listens."""
        deadline = time.monotonic() + self.startup_wait
        while True:
            try:
                return _Connection(self._open())
            except _NotRunning:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise AgentNotRunning(self.socket) from None
                time.sleep(min(0.05, left))

    def _take_idle(self) -> Optional[_Connection]:
        with self._lock:
            while self._idle:
                connection = self._idle.pop()
                if connection.stream.closed_by_peer():
                    connection.close()
                    continue
                return connection
        return None

    def _give_back(self, connection: _Connection) -> None:
        if not connection.reusable:
            connection.close()
            return
        with self._lock:
            self._idle.append(connection)

    # -- requests -----------------------------------------------------------------------------

    def _request_bytes(self, method: str, path: str, body: Optional[bytes], accept: str) -> bytes:
        lines = [f"{method} {path} HTTP/1.1", f"Host: {HOST}", f"Accept: {accept}"]
        if self.app_name is not None:
            lines.append(f"{APP_HEADER}: {self.app_name}")
        if body is not None:
            lines.append("Content-Type: application/json")
        if body is not None or method not in ("GET", "HEAD"):
            lines.append(f"Content-Length: {len(body or b'')}")
        return ("\r\n".join(lines) + "\r\n\r\n").encode("ascii") + (body or b"")

    def _send(
        self, method: str, path: str, body: Optional[bytes], accept: str, fresh: bool
    ) -> Tuple[_Connection, _Head]:
        """Sends a request and reads the answer's head. A kept-alive connection the agent closed
        meanwhile is replaced once by a new one."""
        data = self._request_bytes(method, path, body, accept)
        connection = None if fresh else self._take_idle()
        if connection is not None:
            try:
                connection.send(data)
                return connection, connection.read_head()
            except (_ConnectionLost, ConnectionError):
                connection.close()  # the agent closed it just as we used it: once more, anew
            except BaseException:
                connection.close()
                raise
        connection = self._connect()
        try:
            connection.send(data)
            return connection, connection.read_head()
        except _ConnectionLost:
            connection.close()
            raise ProtocolError(detail=f"{path}: the agent closed the connection without answering") from None
        except BaseException:
            connection.close()
            raise

    def request(self, method: str, path: str, body: Any = None) -> Response:
        """Sends one request (``body``, when not ``None``, as JSON) and returns the agent's
        answer whatever its status; :meth:`call` raises on problem documents instead."""
        payload = None if body is None else json.dumps(body, separators=(",", ":")).encode("utf-8")
        try:
            connection, head = self._send(method, path, payload, "application/json", fresh=False)
            try:
                content = b"".join(connection.body_chunks(head, method))
            except BaseException:
                connection.close()
                raise
            self._give_back(connection)
        except _socket.timeout:
            raise TransportError(detail=f"{path}: no answer from the agent within {self.timeout} seconds") from None
        except OSError as e:
            raise TransportError(detail=f"{path}: {e}") from None
        return Response(head.status, head.headers, content)

    def call(self, method: str, path: str, body: Any = None) -> Tuple[int, Any]:
        """The HTTP status and decoded JSON of a successful answer; a problem document raises
        its :class:`~latchkey.LatchkeyError`."""
        response = self.request(method, path, body)
        if 200 <= response.status < 300:
            return response.status, response.json()
        raise _error_of(path, response)

    def _get(self, path: str) -> Any:
        return self.call("GET", path)[1]

    # -- the API ------------------------------------------------------------------------------

    def status(self) -> Status:
        """``GET /v1/status``: the session's state and the signed-in user."""
        return Status.from_json(self._get("/v1/status"))

    def settings(self) -> Settings:
        """``GET /v1/settings``: each setting with the layer it came from."""
        return Settings.from_json(self._get("/v1/settings"))

    def token(self, audience: Optional[str] = None, min_valid_seconds: Optional[float] = None) -> Token:
        """``POST /v1/token``: an access token for ``audience`` (default: the Latchkey server's
        own), valid at least ``min_valid_seconds`` (the agent's default: 60).

        May wait for the user's consent the first time this program asks (see :class:`Client`).
        Raises :class:`~latchkey.NotSignedIn`, :class:`~latchkey.TosRequired`,
        :class:`~latchkey.BackendUnreachable`, :class:`~latchkey.UnsupportedAudience`,
        :class:`~latchkey.AppNotAllowed`, ...
        """
        body: Dict[str, Any] = {}
        if audience is not None:
            body["audience"] = audience
        if min_valid_seconds is not None:
            if min_valid_seconds < 0:
                raise ValueError("min_valid_seconds must not be negative")
            body["min_valid_seconds"] = min(int(math.ceil(min_valid_seconds)), 2**32 - 1)
        return Token.from_json(self.call("POST", "/v1/token", body)[1])

    def entitlements(self) -> Entitlements:
        """``GET /v1/entitlements``: every entitlement, and the backend's signed copy.
        May wait for the user's consent (see :class:`Client`)."""
        return Entitlements.from_json(self._get("/v1/entitlements"))

    def entitlement(self, product: str) -> ProductEntitlement:
        """``GET /v1/entitlements/{product}``. May wait for the user's consent."""
        return ProductEntitlement.from_json(self._get(f"/v1/entitlements/{_encode(product)}"))

    def is_entitled(self, product: str) -> bool:
        """Whether the user is entitled to ``product``; errors (not signed in, ...) raise as
        with :meth:`entitlement`."""
        return self.entitlement(product).entitled

    def sign_in(self, wait_seconds: Optional[float] = None) -> SignInOutcome:
        """``POST /v1/sign-in``: opens the desktop window (``prompted``); with ``wait_seconds``
        (at most 600), waits until the user signed in and returns the status.
        :class:`~latchkey.NoInteractiveSession` when the agent has no window to open."""
        body: Dict[str, Any] = {}
        if wait_seconds is not None:
            body["wait_seconds"] = min(max(int(math.ceil(wait_seconds)), 0), 2**32 - 1)
        status, document = self.call("POST", "/v1/sign-in", body)
        if status == 202:
            return SignInOutcome(prompted=True, status=None, raw=document if isinstance(document, Mapping) else {})
        return SignInOutcome(prompted=False, status=Status.from_json(document), raw=document)

    def sign_in_with_password(self, email: str, password: str, accept_tos: bool = False) -> Status:
        """``POST /v1/sign-in/password`` (for scripts and terminals; the password is sent to the
        agent only, and never logged)."""
        body = {"email": email, "password": password, "accept_tos": bool(accept_tos)}
        return Status.from_json(self.call("POST", "/v1/sign-in/password", body)[1])

    def accept_tos(self, version: str) -> Status:
        """``POST /v1/tos/accept``."""
        return Status.from_json(self.call("POST", "/v1/tos/accept", {"version": version})[1])

    def decline_tos(self) -> Status:
        """``POST /v1/tos/decline``."""
        return Status.from_json(self.call("POST", "/v1/tos/decline")[1])

    def sign_out(self) -> Status:
        """``POST /v1/sign-out``. :class:`~latchkey.AccessDenied` (``sign_out_disabled``) when
        the organization does not allow it."""
        return Status.from_json(self.call("POST", "/v1/sign-out")[1])

    def catalog(self) -> Catalog:
        """``GET /v1/catalog``: the user's products, what is installed here and what is offered."""
        return Catalog.from_json(self._get("/v1/catalog"))

    def update_check(self, product: str, current: Optional[str] = None) -> UpdateCheck:
        """``GET /v1/updates/{product}?current=VERSION``: whether a release newer than
        ``current`` (else the installed version) is offered for this computer."""
        query = f"?current={_encode(current)}" if current is not None else ""
        return UpdateCheck.from_json(self._get(f"/v1/updates/{_encode(product)}{query}"))

    def start_install(self, product: str) -> InstallProgress:
        """``POST /v1/installs/{product}``: starts (or joins) the installation of the offered release."""
        return InstallProgress.from_json(self.call("POST", f"/v1/installs/{_encode(product)}")[1])

    def install_progress(self, product: str) -> InstallProgress:
        """``GET /v1/installs/{product}``."""
        return InstallProgress.from_json(self._get(f"/v1/installs/{_encode(product)}"))

    def cancel_install(self, product: str) -> InstallProgress:
        """``DELETE /v1/installs/{product}``: stops the download, keeping what was received."""
        return InstallProgress.from_json(self.call("DELETE", f"/v1/installs/{_encode(product)}")[1])

    def consent(self) -> Consent:
        """``GET /v1/consent``: the consent mode, the programs IT allows, the user's remembered
        decisions and the programs waiting for an answer. Only Latchkey's own programs may ask:
        others get :class:`~latchkey.AppNotAllowed`."""
        return Consent.from_json(self._get("/v1/consent"))

    def events(self) -> "EventStream":
        """``GET /v1/events``: an iterator of :class:`~latchkey.Status`, the current one first,
        then one at every change, on a connection of its own. Close it (or use ``with``) to stop.

        ``timeout``, when set, applies to the wait between events too (the agent sends a
        keep-alive comment every 15 seconds)."""
        try:
            connection, head = self._send("GET", "/v1/events", None, "text/event-stream", fresh=True)
        except _socket.timeout:
            raise TransportError(detail=f"/v1/events: no answer from the agent within {self.timeout} seconds") from None
        except OSError as e:
            raise TransportError(detail=f"/v1/events: {e}") from None
        if not 200 <= head.status < 300:
            try:
                content = b"".join(connection.body_chunks(head, "GET"))
            finally:
                connection.close()
            raise _error_of("/v1/events", Response(head.status, head.headers, content))
        return EventStream(connection, head, self.timeout)


def _error_of(path: str, response: Response) -> LatchkeyError:
    try:
        document = json.loads(response.body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        document = None
    if isinstance(document, Mapping) and "code" in document:
        return error_from_problem(response.status, document)
    return ProtocolError(detail=f"{path}: status {response.status} without a problem document", status=response.status)


class EventStream:
    """The ``status`` events of ``GET /v1/events`` (server-sent events), as :class:`Status`.

    Iterate it (``for status in client.events(): ...``); iteration ends when the agent closes
    the stream. ``close()`` (or leaving a ``with`` block) ends it from this side."""

    def __init__(self, connection: _Connection, head: _Head, timeout: Optional[float]) -> None:
        self._connection = connection
        self._timeout = timeout
        self._events = self._parse(connection.body_chunks(head, "GET"))
        self.closed = False

    def __iter__(self) -> "EventStream":
        return self

    def __next__(self) -> Status:
        if self.closed:
            raise StopIteration
        try:
            return next(self._events)
        except StopIteration:
            self.close()
            raise
        except _socket.timeout:
            self.close()
            raise TransportError(detail=f"/v1/events: no event within {self._timeout} seconds") from None
        except OSError as e:
            self.close()
            raise TransportError(detail=f"/v1/events: {e}") from None
        except BaseException:
            self.close()
            raise

    def __enter__(self) -> "EventStream":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def close(self) -> None:
        if not self.closed:
            self.closed = True
            self._connection.close()

    @staticmethod
    def _parse(chunks: Iterator[bytes]) -> Iterator[Status]:
        yield from (Status.from_json(data) for data in _sse_data(chunks, "status"))


def _sse_data(chunks: Iterator[bytes], wanted: str, decode: Callable[[str], Any] = json.loads) -> Iterator[Any]:
    """The decoded ``data`` of each server-sent event of type ``wanted`` (the WHATWG rules:
    ``field: value`` lines ended by CRLF, LF or CR, ``:`` comments, an empty line ends an event)."""
    pending = b""
    event = ""
    data: List[str] = []
    for chunk in chunks:
        pending += chunk
        # A CR at the end may be the first half of a CRLF split between two chunks: keep it.
        complete, held = (pending[:-1], pending[-1:]) if pending.endswith(b"\r") else (pending, b"")
        *lines, rest = complete.replace(b"\r\n", b"\n").replace(b"\r", b"\n").split(b"\n")
        pending = rest + held
        for raw in lines:
            line = raw.decode("utf-8", errors="replace")
            if not line:
                if event == wanted and data:
                    try:
                        yield decode("\n".join(data))
                    except ValueError as e:
                        raise ProtocolError(detail=f"a {wanted} event is not JSON: {e}") from None
                event, data = "", []
                continue
            if line.startswith(":"):
                continue  # a comment: the keep-alive
            name, _, value = line.partition(":")
            value = value[1:] if value.startswith(" ") else value
            if name == "event":
                event = value
            elif name == "data":
                data.append(value)
