"""The errors of the Latchkey local API, one class per stable problem ``code``.

They mirror the Rust SDK (``crates/sdk``): every error is a :class:`LatchkeyError` with

- ``code``: the problem document's stable ``code`` (``not_signed_in``, ``app_not_allowed``, ...),
  or a local one for what happened on this side (``agent_not_running``, ``foreign_agent``,
  ``protocol_error``, ``transport_error``);
- ``status``: the HTTP status, or ``None`` when the agent never answered;
- ``detail``: the agent's explanation (``detail``, else ``title``), or ours;
- ``exit_code``: what ``latchkey`` (and ``python -m latchkey``) exits with for it.
"""

from __future__ import annotations

from typing import Any, Dict, Mapping, Optional, Type

__all__ = [
    "START_HINT",
    "LatchkeyError",
    "AgentNotRunning",
    "ForeignAgent",
    "NotSignedIn",
    "TosRequired",
    "BackendUnreachable",
    "UnsupportedAudience",
    "AccessDenied",
    "AppNotAllowed",
    "InvalidCredentials",
    "AccountLocked",
    "Timeout",
    "NoInteractiveSession",
    "ProtocolError",
    "TransportError",
    "ApiError",
    "error_from_problem",
]

#: How to start an agent (the Rust SDK's ``START_HINT``).
START_HINT = "open the Latchkey app, or run `latchkey agent` (for servers and SSH sessions)"


class LatchkeyError(Exception):
    """Anything that kept a call to the agent from succeeding."""

    #: The code used when none is given (each subclass names its own).
    default_code = "error"
    #: The command line's exit code for this error.
    exit_code = 1

    def __init__(
        self,
        message: Optional[str] = None,
        *,
        code: Optional[str] = None,
        status: Optional[int] = None,
        detail: Optional[str] = None,
        problem: Optional[Mapping[str, Any]] = None,
    ) -> None:
        self.code: str = code or self.default_code
        self.status: Optional[int] = status
        self.detail: Optional[str] = detail
        #: The problem document as the agent sent it (``None`` for local errors).
        self.problem: Optional[Mapping[str, Any]] = problem
        super().__init__(message or self._default_message())

    def _default_message(self) -> str:
        return self.detail or self.code

    @property
    def message(self) -> str:
        return str(self.args[0]) if self.args else ""

    def __repr__(self) -> str:
        return f"{type(self).__name__}(code={self.code!r}, status={self.status!r}, detail={self.detail!r})"


class AgentNotRunning(LatchkeyError):
    """No agent listens on the socket (none there, or a stale one), even after ``startup_wait``."""

    default_code = "agent_not_running"
    exit_code = 3

    def __init__(self, socket: str) -> None:
        self.socket = socket
        super().__init__(f"no Latchkey agent is running on {socket}: {START_HINT}", detail=START_HINT)


class ForeignAgent(LatchkeyError):
    """The socket is served by a process of another user: nothing was sent to it."""

    default_code = "foreign_agent"
    exit_code = 2

    def __init__(self, socket: str, user: str) -> None:
        self.socket = socket
        self.user = user
        super().__init__(
            f"the agent on {socket} runs as {user}, not as this user; refusing to talk to it",
            detail=f"the agent runs as {user}",
        )


class NotSignedIn(LatchkeyError):
    """``not_signed_in`` (401)."""

    default_code = "not_signed_in"

    def _default_message(self) -> str:
        return "not signed in: run `latchkey sign-in` or open Latchkey"


class TosRequired(LatchkeyError):
    """``tos_required`` (409): the Terms of Service wait to be accepted in Latchkey."""

    default_code = "tos_required"
    exit_code = 5

    def _default_message(self) -> str:
        return "the Terms of Service must be accepted first: run `latchkey sign-in` or open Latchkey"


class BackendUnreachable(LatchkeyError):
    """``backend_unreachable`` (503): offline; entitlements still answer from the signed cache."""

    default_code = "backend_unreachable"
    exit_code = 4

    def _default_message(self) -> str:
        return f"the Latchkey server cannot be reached: {self.detail or 'offline'}"


class UnsupportedAudience(LatchkeyError):
    """``unsupported_audience`` (400): the server issues no tokens for this audience."""

    default_code = "unsupported_audience"

    def _default_message(self) -> str:
        return "the server issues no tokens for this audience"


class AccessDenied(LatchkeyError):
    """The agent refused this caller or this action: ``forbidden_peer``, ``forbidden_origin``,
    ``sign_out_disabled``, ``download_not_permitted`` (403)."""

    default_code = "access_denied"

    def _default_message(self) -> str:
        return f"access denied ({self.code}): {self.detail or ''}".rstrip(": ")


class AppNotAllowed(LatchkeyError):
    """``app_not_allowed`` (403): this program may not use the user's Latchkey session.

    The user denied it, or did not answer the agent's question in time, or the organization's
    policy admits only listed programs (``ConsentMode`` ``deny-unknown`` and ``AllowedApps``).
    For the consent endpoints: the caller is not one of Latchkey's own programs.
    """

    default_code = "app_not_allowed"
    exit_code = 6

    def _default_message(self) -> str:
        # The agent's detail names the program and how to allow it.
        why = self.detail or (
            "the user denied it or did not answer in time, or the organization admits only the programs it lists"
        )
        return f"this program may not use the Latchkey sign-in: {why}"


class InvalidCredentials(LatchkeyError):
    """``invalid_credentials`` (401): wrong email or password."""

    default_code = "invalid_credentials"

    def _default_message(self) -> str:
        return "wrong email or password"


class AccountLocked(LatchkeyError):
    """``account_locked`` (429): too many failed sign-ins; ``retry_after`` seconds to wait."""

    default_code = "account_locked"

    def __init__(self, message: Optional[str] = None, *, retry_after: Optional[int] = None, **kwargs: Any) -> None:
        self.retry_after: Optional[int] = retry_after
        super().__init__(message, **kwargs)

    def _default_message(self) -> str:
        return f"too many failed sign-ins: try again in {self.retry_after or 0} seconds"


class Timeout(LatchkeyError):
    """``timeout`` (408): the user did not finish signing in within ``wait_seconds``."""

    default_code = "timeout"

    def _default_message(self) -> str:
        return "timed out waiting for the user to sign in"


class NoInteractiveSession(LatchkeyError):
    """``no_interactive_session`` (409): the agent has no window to ask the user in."""

    default_code = "no_interactive_session"

    def _default_message(self) -> str:
        return "the agent has no window to ask the user in: sign in with `latchkey sign-in`"


class ProtocolError(LatchkeyError):
    """The agent's answer is not the protocol's (not HTTP, not JSON, a field missing)."""

    default_code = "protocol_error"
    exit_code = 2

    def _default_message(self) -> str:
        return f"unexpected answer from the agent: {self.detail}"


class TransportError(LatchkeyError):
    """Talking to the agent failed on this side (an I/O error, or the caller's ``timeout``
    elapsed). The Rust SDK's ``Error::Io``."""

    default_code = "transport_error"
    exit_code = 2

    def _default_message(self) -> str:
        return f"talking to the agent failed: {self.detail}"


class ApiError(LatchkeyError):
    """Any other problem document (``invalid_request``, ``not_found``, ``not_pending``,
    ``tos_version_mismatch``, a code this version does not know, ...)."""

    default_code = "unknown"

    def _default_message(self) -> str:
        return f"the agent answered {self.status} {self.code}: {self.detail or ''}".rstrip(": ")


_BY_CODE: Dict[str, Type[LatchkeyError]] = {
    "not_signed_in": NotSignedIn,
    "tos_required": TosRequired,
    "backend_unreachable": BackendUnreachable,
    "unsupported_audience": UnsupportedAudience,
    "forbidden_peer": AccessDenied,
    "forbidden_origin": AccessDenied,
    "sign_out_disabled": AccessDenied,
    "download_not_permitted": AccessDenied,
    "app_not_allowed": AppNotAllowed,
    "invalid_credentials": InvalidCredentials,
    "account_locked": AccountLocked,
    "timeout": Timeout,
    "no_interactive_session": NoInteractiveSession,
}


def error_from_problem(status: int, problem: Mapping[str, Any]) -> LatchkeyError:
    """The error for an RFC 9457 problem document ``{type, title, status, code, detail?,
    retry_after?}`` answered with HTTP ``status``."""
    code = problem.get("code")
    if not isinstance(code, str) or not code:
        return ProtocolError(
            detail=f"status {status} with a problem document without a code", status=status, problem=problem
        )
    detail = problem.get("detail")
    if not isinstance(detail, str):
        title = problem.get("title")
        detail = title if isinstance(title, str) and title else None
    cls = _BY_CODE.get(code, ApiError)
    if cls is AccountLocked:
        retry_after = problem.get("retry_after")
        retry = retry_after if isinstance(retry_after, int) and not isinstance(retry_after, bool) else None
        return AccountLocked(retry_after=retry, code=code, status=status, detail=detail, problem=problem)
    return cls(code=code, status=status, detail=detail, problem=problem)
