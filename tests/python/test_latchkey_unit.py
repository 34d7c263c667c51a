"""Unit tests of the `latchkey` Python package (python/src/latchkey) against a fake agent: a
threading HTTP/1.1 server on a Unix socket in a temporary folder. Standard library only:

    .venv/bin/python -m unittest discover -s tests/python -v
"""

from __future__ import annotations

import contextlib
import http.server
import io
import json
import os
import socket
import socketserver
import subprocess
import sys
import tempfile
import threading
import time
import unittest
from typing import Any, Callable, Dict, List, Optional, Tuple
from unittest import mock

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SOURCE = os.path.join(ROOT, "python", "src")
if SOURCE not in sys.path:
    sys.path.insert(0, SOURCE)

import latchkey  # noqa: E402
import latchkey.client  # noqa: E402
from latchkey.__main__ import main as cli_main  # noqa: E402

SECRET = "eyJhbGciOiJFZERTQSJ9.c2VjcmV0LXBheWxvYWQ.c2lnbmF0dXJl-very-secret"

STATUS = {
    "state": "signed_in",
    "user": {
        "id": "u-1",
        "email": "bea@example.com",
        "first_name": "Bea",
        "last_name": "Example",
        "org": {"id": "o-1", "name": "Example Org"},
        "roles": ["member"],
        "a_field_from_the_future": 1,
    },
    "backend": "https://latchkey.example.com",
    "since": "2026-05-01T10:00:00Z",
    "offline_until": "2026-05-08T10:00:00Z",
    "version": "1.2.3",
    "secret_store": {"kind": "secret_service"},
    "another_new_field": {"nested": True},
}

TOKEN = {"access_token": SECRET, "token_type": "Bearer", "expires_at": "2999-01-01T00:00:00.123456789Z"}


def problem(status: int, code: str, detail: str = "", **extra: Any) -> Tuple[int, Dict[str, Any]]:
    document = {"type": "about:blank", "title": code.replace("_", " "), "status": status, "code": code}
    if detail:
        document["detail"] = detail
    document.update(extra)
    return status, document


Route = Callable[["Request"], Any]


class Request:
    def __init__(self, method: str, path: str, headers: Dict[str, str], body: bytes, connection: int) -> None:
        self.method = method
        self.path = path
        self.headers = headers
        self.body = body
        self.connection = connection

    def json(self) -> Any:
        return json.loads(self.body) if self.body else None


class FakeAgent:
    """An agent that answers from `routes`: (METHOD, path) -> a function of the Request returning
    (status, JSON document or bytes[, extra headers]). Records every request."""

    def __init__(self, folder: str, routes: Optional[Dict[Tuple[str, str], Route]] = None) -> None:
        self.path = os.path.join(folder, "agent.sock")
        self.routes: Dict[Tuple[str, str], Route] = {
            ("GET", "/v1/status"): lambda r: (200, STATUS),
            ("POST", "/v1/token"): lambda r: (200, TOKEN),
        }
        self.routes.update(routes or {})
        self.requests: List[Request] = []
        self.connections = 0
        self.close_after_answer = False  # answer with keep-alive, then close: an idle timeout
        self.drop_next_request = False  # read a request, close without answering: a race
        agent = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def setup(self) -> None:
                super().setup()
                agent.connections += 1
                self.number = agent.connections

            def log_message(self, *args: Any) -> None:
                pass

            def handle_one(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                if agent.drop_next_request:
                    agent.drop_next_request = False
                    self.close_connection = True
                    return
                request = Request(
                    self.command, self.path, {k.lower(): v for k, v in self.headers.items()}, body, self.number
                )
                agent.requests.append(request)
                route = agent.routes.get((self.command, self.path.split("?")[0]))
                if route is None:
                    answer: Any = problem(404, "not_found", f"no {self.path}")
                else:
                    answer = route(request)
                if answer is None:  # the route wrote the answer itself
                    self.close_connection = True
                    return
                status, document = answer[0], answer[1]
                extra = answer[2] if len(answer) > 2 else {}
                data = document if isinstance(document, bytes) else json.dumps(document).encode()
                self.send_response(status)
                content_type = "application/problem+json" if status >= 400 else "application/json"
                self.send_header("Content-Type", extra.pop("Content-Type", content_type))
                self.send_header("Content-Length", str(len(data)))
                for key, value in extra.items():
                    self.send_header(key, value)
                self.end_headers()
                self.wfile.write(data)
                self.wfile.flush()
                if agent.close_after_answer:
                    self.close_connection = True

            do_GET = do_POST = do_DELETE = handle_one

        class Server(socketserver.ThreadingMixIn, socketserver.UnixStreamServer):
            daemon_threads = True

            def handle_error(self, request: Any, client_address: Any) -> None:
                if not isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
                    super().handle_error(request, client_address)  # a client that gave up: expected

        self.handler: Any = Handler
        self.server = Server(self.path, Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
        self.thread.start()

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        with contextlib.suppress(FileNotFoundError):
            os.unlink(self.path)


class AgentTest(unittest.TestCase):
    def setUp(self) -> None:
        self.folder = tempfile.mkdtemp(prefix="latchkey-test-")
        self.agent = FakeAgent(self.folder)
        self.addCleanup(self.agent.stop)
        self.client = latchkey.Client(socket=self.agent.path, app_name="unit-test", startup_wait=0.2)
        self.addCleanup(self.client.close)

    def cli(self, *args: str, socket_path: Optional[str] = None) -> subprocess.CompletedProcess:
        env = dict(os.environ, PYTHONPATH=SOURCE, LATCHKEY_AGENT_SOCKET=socket_path or self.agent.path)
        return subprocess.run(
            [sys.executable, "-m", "latchkey", *args], env=env, capture_output=True, text=True, timeout=30
        )


class SocketPathTest(unittest.TestCase):
    def test_the_environment_variable_comes_first(self) -> None:
        env = {"LATCHKEY_AGENT_SOCKET": "/x/agent.sock", "XDG_RUNTIME_DIR": "/run/user/1000"}
        for platform in ("linux", "darwin", "win32"):
            self.assertEqual(latchkey.default_socket(env, platform), "/x/agent.sock")

    def test_linux_uses_an_absolute_xdg_runtime_dir_else_tmp(self) -> None:
        self.assertEqual(
            latchkey.default_socket({"XDG_RUNTIME_DIR": "/run/user/1000"}, "linux"),
            "/run/user/1000/latchkey/agent.sock",
        )
        tmp = f"/tmp/latchkey-{os.getuid()}/agent.sock"
        self.assertEqual(latchkey.default_socket({}, "linux"), tmp)
        self.assertEqual(latchkey.default_socket({"XDG_RUNTIME_DIR": "run/user"}, "linux"), tmp, "relative: ignored")
        self.assertEqual(latchkey.default_socket({"XDG_RUNTIME_DIR": ""}, "linux"), tmp)
        self.assertEqual(latchkey.default_socket({"LATCHKEY_AGENT_SOCKET": ""}, "linux"), tmp, "empty: ignored")

    def test_macos_uses_application_support(self) -> None:
        self.assertEqual(
            latchkey.default_socket({"HOME": "/Users/bea", "XDG_RUNTIME_DIR": "/run/x"}, "darwin"),
            "/Users/bea/Library/Application Support/Latchkey/agent.sock",
        )

    def test_windows_uses_the_pipe_of_the_users_sid(self) -> None:
        with mock.patch.object(latchkey.client, "_windows_user_sid", return_value="S-1-5-21-1-2-3-1001"):
            self.assertEqual(latchkey.default_socket({}, "win32"), "\\\\.\\pipe\\latchkey-agent-S-1-5-21-1-2-3-1001")

    def test_the_client_takes_the_default(self) -> None:
        with mock.patch.dict(os.environ, {"LATCHKEY_AGENT_SOCKET": "/somewhere/agent.sock"}):
            self.assertEqual(latchkey.Client().socket, "/somewhere/agent.sock")


class RequestTest(AgentTest):
    def test_every_request_names_the_host_and_the_app(self) -> None:
        self.client.status()
        self.client.token()
        anonymous = latchkey.Client(socket=self.agent.path)
        anonymous.status()
        anonymous.close()
        for request in self.agent.requests:
            self.assertEqual(request.headers["host"], "latchkey")
            self.assertNotIn("origin", request.headers)
            self.assertNotIn("referer", request.headers)
        self.assertEqual([r.headers.get("latchkey-app") for r in self.agent.requests], ["unit-test", "unit-test", None])

    def test_an_app_name_cannot_inject_headers(self) -> None:
        with self.assertRaises(ValueError):
            latchkey.Client(socket=self.agent.path, app_name="x\r\nOrigin: https://evil.example")

    def test_status_is_typed_and_keeps_unknown_fields_in_raw(self) -> None:
        status = self.client.status()
        self.assertEqual(status.state, "signed_in")
        self.assertTrue(status.is_signed_in)
        assert status.user is not None
        self.assertEqual(status.user.email, "bea@example.com")
        self.assertEqual(status.user.org, latchkey.Org(id="o-1", name="Example Org"))
        self.assertEqual(status.user.roles, ("member",))
        self.assertEqual(status.secret_store, latchkey.SecretStore(kind="secret_service"))
        self.assertEqual(status.raw["another_new_field"], {"nested": True})

    def test_token_request_body_and_the_secret_stays_out_of_repr(self) -> None:
        token = self.client.token(audience="https://api.example.com", min_valid_seconds=120)
        self.assertEqual(
            self.agent.requests[-1].json(), {"audience": "https://api.example.com", "min_valid_seconds": 120}
        )
        self.assertEqual(self.agent.requests[-1].headers["content-type"], "application/json")
        self.assertEqual(token.access_token, SECRET)
        self.assertEqual(token.authorization(), f"Bearer {SECRET}")
        self.assertEqual(token.expires.year, 2999)
        for text in (repr(token), str(token), f"{token}", "%s" % (token,), repr([token]), repr({"t": token})):
            self.assertNotIn(SECRET, text)
            self.assertNotIn("very-secret", text)
        self.client.token()
        self.assertEqual(self.agent.requests[-1].json(), {}, "nothing asked: an empty object")

    def test_paths_are_percent_encoded(self) -> None:
        seen: List[str] = []

        def entitlement(request: Request) -> Any:
            seen.append(request.path)
            return 200, {
                "product": "a b/c",
                "entitled": False,
                "features": [],
                "offline_until": "x",
                "reason": "not_entitled",
            }

        self.agent.routes[("GET", "/v1/entitlements/a%20b%2Fc")] = entitlement
        self.agent.routes[("GET", "/v1/updates/a%20b%2Fc")] = lambda r: (
            seen.append(r.path) or 200,
            {
                "product": "a b/c",
                "current_version": "1.0 beta",
                "available_version": "2.0",
                "update_available": True,
                "may_download": True,
            },
        )
        self.assertFalse(self.client.is_entitled("a b/c"))
        check = self.client.update_check("a b/c", current="1.0 beta&x=1")
        self.assertTrue(check.update_available)
        self.assertEqual(seen, ["/v1/entitlements/a%20b%2Fc", "/v1/updates/a%20b%2Fc?current=1.0%20beta%26x%3D1"])
        self.client.update_check("a b/c")
        self.assertEqual(self.agent.requests[-1].path, "/v1/updates/a%20b%2Fc")

    def test_entitlements_settings_catalog_consent_sign_in_and_out(self) -> None:
        self.agent.routes.update(
            {
                ("GET", "/v1/entitlements"): lambda r: (
                    200,
                    {
                        "entitlements": [
                            {"product": "suite", "name": "Suite", "features": ["pro"], "expires_at": None}
                        ],
                        "issued_at": "2026-05-01T10:00:00Z",
                        "offline_until": "2026-05-08T10:00:00Z",
                        "signed": "a.b.c",
                        "source": "online",
                    },
                ),
                ("GET", "/v1/entitlements/suite"): lambda r: (
                    200,
                    {
                        "product": "suite",
                        "entitled": True,
                        "features": ["pro"],
                        "offline_until": "2026-05-08T10:00:00Z",
                    },
                ),
                ("GET", "/v1/settings"): lambda r: (
                    200,
                    {
                        "ServerUrl": {"value": "https://x", "source": "environment"},
                        "AllowSignOut": {"value": True, "source": "default"},
                    },
                ),
                ("GET", "/v1/catalog"): lambda r: (
                    200,
                    {
                        "platform": "linux-x64-deb",
                        "update_channel": "notify",
                        "products": [
                            {
                                "product": "suite",
                                "may_download": True,
                                "installed_version": None,
                                "available": {"release": {"version": "2.0"}},
                                "update_available": True,
                            }
                        ],
                    },
                ),
                ("GET", "/v1/consent"): lambda r: (
                    200,
                    {
                        "mode": "prompt",
                        "allowed_apps": ["/usr/bin/tool"],
                        "remembered": [
                            {
                                "app": {"path": "/usr/bin/x", "sha256": "ab" * 32, "name": "x"},
                                "decision": "denied",
                                "decided_at": "2026-05-01T10:00:00Z",
                            }
                        ],
                        "pending": [
                            {
                                "id": "r1",
                                "app": {"path": "/usr/bin/y", "sha256": "cd" * 32},
                                "pid": 42,
                                "asked_at": "a",
                                "expires_at": "b",
                            }
                        ],
                    },
                ),
                ("POST", "/v1/sign-in"): lambda r: (202, {"status": "prompted"}) if not r.json() else (200, STATUS),
                ("POST", "/v1/sign-out"): lambda r: (200, dict(STATUS, state="signed_out", user=None)),
            }
        )
        view = self.client.entitlements()
        self.assertEqual(view.entitlements[0], latchkey.Entitlement("suite", "Suite", ("pro",), None))
        self.assertEqual(view.source, "online")
        self.assertIsNotNone(view.get("suite"))
        self.assertTrue(self.client.entitlement("suite").entitled)
        self.assertTrue(self.client.is_entitled("suite"))
        settings = self.client.settings()
        self.assertEqual(settings["AllowSignOut"], latchkey.Setting(True, "default"))
        self.assertEqual(len(settings), 2)
        catalog = self.client.catalog()
        self.assertEqual(catalog.products[0].product, "suite")
        self.assertIsNone(catalog.products[0].installed_version)
        consent = self.client.consent()
        self.assertEqual(consent.mode, "prompt")
        self.assertEqual(consent.remembered[0].decision, "denied")
        self.assertEqual(consent.remembered[0].app.name, "x")
        self.assertEqual(consent.pending[0].pid, 42)
        self.assertIsNone(consent.pending[0].app.name)
        outcome = self.client.sign_in()
        self.assertTrue(outcome.prompted)
        self.assertIsNone(outcome.status)
        outcome = self.client.sign_in(wait_seconds=30)
        self.assertEqual(self.agent.requests[-1].json(), {"wait_seconds": 30})
        self.assertFalse(outcome.prompted)
        assert outcome.status is not None
        self.assertEqual(outcome.status.state, "signed_in")
        self.assertEqual(self.client.sign_out().state, "signed_out")
        self.assertEqual(self.agent.requests[-1].headers.get("content-length"), "0")


class ErrorTest(AgentTest):
    CASES = [
        (401, "not_signed_in", latchkey.NotSignedIn, 1),
        (409, "tos_required", latchkey.TosRequired, 5),
        (503, "backend_unreachable", latchkey.BackendUnreachable, 4),
        (400, "unsupported_audience", latchkey.UnsupportedAudience, 1),
        (403, "forbidden_peer", latchkey.AccessDenied, 1),
        (403, "forbidden_origin", latchkey.AccessDenied, 1),
        (403, "sign_out_disabled", latchkey.AccessDenied, 1),
        (403, "download_not_permitted", latchkey.AccessDenied, 1),
        (403, "app_not_allowed", latchkey.AppNotAllowed, 6),
        (401, "invalid_credentials", latchkey.InvalidCredentials, 1),
        (429, "account_locked", latchkey.AccountLocked, 1),
        (408, "timeout", latchkey.Timeout, 1),
        (409, "no_interactive_session", latchkey.NoInteractiveSession, 1),
        (400, "invalid_request", latchkey.ApiError, 1),
        (409, "not_pending", latchkey.ApiError, 1),
        (418, "a_code_from_a_newer_agent", latchkey.ApiError, 1),
    ]

    def test_each_problem_code_raises_its_error_with_its_exit_code(self) -> None:
        for status, code, cls, exit_code in self.CASES:
            with self.subTest(code=code):
                self.agent.routes[("POST", "/v1/token")] = lambda r, s=status, c=code: problem(
                    s, c, f"detail of {c}", retry_after=30
                )
                with self.assertRaises(cls) as caught:
                    self.client.token()
                error = caught.exception
                self.assertIsInstance(error, latchkey.LatchkeyError)
                self.assertEqual((error.code, error.status, error.exit_code), (code, status, exit_code))
                self.assertEqual(error.detail, f"detail of {code}")
                self.assertNotIn("\n", str(error))
        self.assertEqual(error.problem["code"], "a_code_from_a_newer_agent")  # type: ignore[index]

    def test_account_locked_carries_retry_after_and_title_stands_in_for_detail(self) -> None:
        self.agent.routes[("POST", "/v1/token")] = lambda r: (
            429,
            {"type": "about:blank", "title": "Locked", "status": 429, "code": "account_locked", "retry_after": 90},
        )
        with self.assertRaises(latchkey.AccountLocked) as caught:
            self.client.token()
        self.assertEqual(caught.exception.retry_after, 90)
        self.assertEqual(caught.exception.detail, "Locked")
        self.assertIn("90 seconds", str(caught.exception))

    def test_app_not_allowed_after_the_agent_held_the_request(self) -> None:
        def held(request: Request) -> Any:
            time.sleep(1.0)  # the agent waits for the user's answer
            return problem(403, "app_not_allowed", "the user did not answer in time")

        self.agent.routes[("GET", "/v1/entitlements/suite")] = held
        started = time.monotonic()
        with self.assertRaises(latchkey.AppNotAllowed) as caught:
            self.client.entitlement("suite")
        self.assertGreaterEqual(time.monotonic() - started, 0.9)
        self.assertEqual(caught.exception.exit_code, 6)
        self.assertEqual(
            str(caught.exception), "this program may not use the Latchkey sign-in: the user did not answer in time"
        )

    def test_an_explicit_timeout_ends_a_wait(self) -> None:
        self.agent.routes[("GET", "/v1/entitlements/suite")] = lambda r: (
            time.sleep(1.5) or problem(403, "app_not_allowed")
        )
        client = latchkey.Client(socket=self.agent.path, timeout=0.3)
        self.addCleanup(client.close)
        with self.assertRaises(latchkey.TransportError) as caught:
            client.entitlement("suite")
        self.assertEqual(caught.exception.exit_code, 2)

    def test_answers_outside_the_protocol_are_protocol_errors(self) -> None:
        self.agent.routes[("GET", "/v1/status")] = lambda r: (
            200,
            b"<html>not json</html>",
            {"Content-Type": "text/html"},
        )
        with self.assertRaises(latchkey.ProtocolError) as caught:
            self.client.status()
        self.assertEqual(caught.exception.exit_code, 2)
        self.agent.routes[("GET", "/v1/status")] = lambda r: (502, b"Bad Gateway", {"Content-Type": "text/plain"})
        with self.assertRaises(latchkey.ProtocolError):
            self.client.status()
        self.agent.routes[("GET", "/v1/status")] = lambda r: (200, {"no_state": True})
        with self.assertRaises(latchkey.ProtocolError):
            self.client.status()

    def test_no_agent_means_agent_not_running_after_the_startup_wait(self) -> None:
        missing = os.path.join(self.folder, "nobody", "agent.sock")
        client = latchkey.Client(socket=missing, startup_wait=0.2)
        started = time.monotonic()
        with self.assertRaises(latchkey.AgentNotRunning) as caught:
            client.status()
        self.assertGreaterEqual(time.monotonic() - started, 0.2)
        self.assertLess(time.monotonic() - started, 2.0)
        self.assertEqual((caught.exception.code, caught.exception.exit_code), ("agent_not_running", 3))
        self.assertIn(latchkey.START_HINT, str(caught.exception))
        self.assertIn(missing, str(caught.exception))

    def test_a_stale_socket_refuses_and_counts_as_no_agent(self) -> None:
        stale = os.path.join(self.folder, "stale.sock")
        sock = socket.socket(socket.AF_UNIX)
        sock.bind(stale)
        sock.close()  # the file stays; nobody listens
        with self.assertRaises(latchkey.AgentNotRunning):
            latchkey.Client(socket=stale, startup_wait=0.1).status()

    def test_an_agent_that_starts_within_the_startup_wait_is_reached(self) -> None:
        folder = tempfile.mkdtemp(prefix="latchkey-late-")
        late: List[FakeAgent] = []
        timer = threading.Timer(0.3, lambda: late.append(FakeAgent(folder)))
        timer.start()
        try:
            client = latchkey.Client(socket=os.path.join(folder, "agent.sock"), startup_wait=5.0)
            self.assertEqual(client.status().state, "signed_in")
            client.close()
        finally:
            timer.join()
            for agent in late:
                agent.stop()

    def test_an_agent_of_another_user_is_refused_before_anything_is_sent(self) -> None:
        with mock.patch.object(latchkey.client, "_current_uid", return_value=os.getuid() + 1):
            with self.assertRaises(latchkey.ForeignAgent) as caught:
                self.client.status()
        self.assertEqual(caught.exception.exit_code, 2)
        self.assertIn(f"user {os.getuid()}", str(caught.exception))
        time.sleep(0.1)
        self.assertEqual(self.agent.requests, [], "nothing was sent")


class ConnectionTest(AgentTest):
    def test_one_connection_is_kept_alive(self) -> None:
        for _ in range(5):
            self.client.status()
            self.client.token()
        self.assertEqual({r.connection for r in self.agent.requests}, {1})
        self.assertEqual(self.agent.connections, 1)

    def test_a_connection_the_agent_closed_while_idle_is_replaced(self) -> None:
        self.agent.close_after_answer = True
        self.client.status()
        time.sleep(0.1)
        self.agent.close_after_answer = False
        self.assertEqual(self.client.status().state, "signed_in")
        self.assertEqual([r.connection for r in self.agent.requests], [1, 2])

    def test_a_connection_closed_just_as_it_is_used_is_retried_once_on_a_new_one(self) -> None:
        self.client.status()
        self.agent.drop_next_request = True
        with mock.patch.object(latchkey.client._UnixStream, "closed_by_peer", return_value=False):
            self.assertEqual(self.client.token().access_token, SECRET)
        self.assertEqual([r.connection for r in self.agent.requests], [1, 2])

    def test_a_new_connection_closed_without_an_answer_is_a_protocol_error(self) -> None:
        self.agent.drop_next_request = True
        with self.assertRaises(latchkey.ProtocolError):
            self.client.status()
        self.assertEqual(self.client.status().state, "signed_in", "the next call works")

    def test_the_client_may_be_shared_between_threads(self) -> None:
        errors: List[BaseException] = []

        def work() -> None:
            try:
                for _ in range(20):
                    self.assertEqual(self.client.token().access_token, SECRET)
            except BaseException as e:  # noqa: BLE001
                errors.append(e)

        threads = [threading.Thread(target=work) for _ in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self.assertEqual(errors, [])
        self.assertEqual(len(self.agent.requests), 80)


class EventsTest(AgentTest):
    def stream(self, pieces: List[bytes]) -> None:
        """Answers GET /v1/events with a chunked event stream made of `pieces`, then ends it."""
        agent = self.agent
        original = agent.handler.handle_one

        def handle_one(handler: Any) -> None:
            if handler.path != "/v1/events":
                return original(handler)
            agent.requests.append(
                Request("GET", handler.path, {k.lower(): v for k, v in handler.headers.items()}, b"", handler.number)
            )
            handler.wfile.write(
                b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n"
            )
            for piece in pieces:
                handler.wfile.write(b"%x\r\n%s\r\n" % (len(piece), piece))
                handler.wfile.flush()
                time.sleep(0.01)
            handler.wfile.write(b"0\r\n\r\n")
            handler.wfile.flush()
            handler.close_connection = True

        agent.handler.do_GET = handle_one

    def test_status_events_are_parsed_across_chunk_boundaries(self) -> None:
        first = json.dumps(STATUS).encode()
        second = json.dumps(dict(STATUS, state="signed_out", user=None)).encode()
        self.stream(
            [
                b": keep-alive\n\n",
                b"event: status\ndata: " + first[:20],
                first[20:] + b"\n\n",
                b"event: other\ndata: {}\n\n",
                b"event: status\r\ndata:" + second + b"\r",
                b"\n\r\n",
            ]
        )
        with self.client.events() as events:
            states = [status.state for status in events]
        self.assertEqual(states, ["signed_in", "signed_out"])
        self.assertEqual(self.agent.requests[-1].headers["accept"], "text/event-stream")
        self.assertEqual(self.agent.requests[-1].headers["host"], "latchkey")

    def test_an_error_before_the_stream_raises_at_once(self) -> None:
        self.agent.routes[("GET", "/v1/events")] = lambda r: problem(403, "app_not_allowed")
        with self.assertRaises(latchkey.AppNotAllowed):
            self.client.events()


class CliTest(AgentTest):
    def test_status_exit_codes_and_json_passthrough(self) -> None:
        result = self.cli("status")
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(result.stdout.strip(), "Signed in as Bea Example <bea@example.com> (Example Org)")
        result = self.cli("status", "--json")
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(json.loads(result.stdout), STATUS, "the body unchanged, unknown fields too")
        result = self.cli("--json", "status")
        self.assertEqual(json.loads(result.stdout), STATUS)
        for state, code in (("offline", 0), ("tos_required", 5), ("signed_out", 1), ("expired", 1)):
            self.agent.routes[("GET", "/v1/status")] = lambda r, s=state: (200, dict(STATUS, state=s))
            self.assertEqual(self.cli("status").returncode, code, state)

    def test_token_prints_the_bare_token(self) -> None:
        result = self.cli("token", "--audience", "https://api.example.com", "--min-valid", "90")
        self.assertEqual((result.returncode, result.stdout), (0, SECRET + "\n"), result.stderr)
        self.assertEqual(
            self.agent.requests[-1].json(), {"audience": "https://api.example.com", "min_valid_seconds": 90}
        )
        self.assertEqual(self.agent.requests[-1].headers["latchkey-app"], "latchkey-python-cli")
        self.assertEqual(json.loads(self.cli("token", "--json").stdout), TOKEN)

    def test_entitlements_of_a_product_exit_0_when_entitled_and_1_when_not(self) -> None:
        self.agent.routes[("GET", "/v1/entitlements/suite")] = lambda r: (
            200,
            {"product": "suite", "entitled": True, "features": ["pro"], "offline_until": "x"},
        )
        self.agent.routes[("GET", "/v1/entitlements/nothing")] = lambda r: (
            200,
            {"product": "nothing", "entitled": False, "features": [], "offline_until": "x", "reason": "not_entitled"},
        )
        result = self.cli("entitlements", "suite")
        self.assertEqual((result.returncode, result.stdout.strip()), (0, "suite: entitled (pro)"))
        result = self.cli("entitlements", "nothing")
        self.assertEqual((result.returncode, result.stdout.strip()), (1, "nothing: not entitled (not_entitled)"))
        result = self.cli("entitlements", "nothing", "--json")
        self.assertEqual((result.returncode, json.loads(result.stdout)["reason"]), (1, "not_entitled"))

    def test_errors_print_one_line_and_exit_with_their_code(self) -> None:
        for status, code, exit_code in (
            (403, "app_not_allowed", 6),
            (503, "backend_unreachable", 4),
            (409, "tos_required", 5),
            (401, "not_signed_in", 1),
        ):
            self.agent.routes[("POST", "/v1/token")] = lambda r, s=status, c=code: problem(s, c, "why")
            result = self.cli("token")
            self.assertEqual(result.returncode, exit_code, (code, result.stderr))
            self.assertEqual(result.stdout, "")
            self.assertEqual(len(result.stderr.strip().splitlines()), 1, result.stderr)
            self.assertTrue(result.stderr.startswith("latchkey: "), result.stderr)

    def test_no_agent_exits_3_and_says_how_to_start_one(self) -> None:
        result = self.cli("status", socket_path=os.path.join(self.folder, "missing.sock"))
        self.assertEqual(result.returncode, 3, result.stderr)
        self.assertIn("latchkey agent", result.stderr)
        self.assertIn("open the Latchkey app", result.stderr)

    def test_usage_errors_exit_2(self) -> None:
        for args in ((), ("frobnicate",), ("token", "--min-valid", "soon"), ("updates",)):
            result = self.cli(*args)
            self.assertEqual(result.returncode, 2, (args, result.stderr))
        self.assertEqual(self.agent.requests, [])

    def test_updates_sign_in_sign_out_and_settings(self) -> None:
        self.agent.routes.update(
            {
                ("GET", "/v1/updates/suite"): lambda r: (
                    200,
                    {
                        "product": "suite",
                        "current_version": "1.0",
                        "available_version": "2.0",
                        "update_available": True,
                        "may_download": True,
                    },
                ),
                ("POST", "/v1/sign-in"): lambda r: (202, {"status": "prompted"}),
                ("POST", "/v1/sign-out"): lambda r: (200, dict(STATUS, state="signed_out", user=None)),
                ("GET", "/v1/settings"): lambda r: (200, {"ServerUrl": {"value": None, "source": "default"}}),
            }
        )
        result = self.cli("updates", "suite", "--current", "1.0")
        self.assertEqual((result.returncode, result.stdout.strip()), (0, "suite: 2.0 available (you have 1.0)"))
        self.assertEqual(self.agent.requests[-1].path, "/v1/updates/suite?current=1.0")
        result = self.cli("sign-in")
        self.assertEqual((result.returncode, result.stderr.strip()), (0, "The Latchkey window is open: sign in there."))
        self.assertEqual(self.cli("sign-out").returncode, 0)
        result = self.cli("settings")
        self.assertEqual((result.returncode, result.stdout.split()), (0, ["ServerUrl", "(unset)", "[default]"]))

    def test_main_in_process(self) -> None:
        out, err = io.StringIO(), io.StringIO()
        with (
            mock.patch.dict(os.environ, {"LATCHKEY_AGENT_SOCKET": self.agent.path}),
            contextlib.redirect_stdout(out),
            contextlib.redirect_stderr(err),
        ):
            self.assertEqual(cli_main(["token"]), 0)
        self.assertEqual(out.getvalue(), SECRET + "\n")


class ExampleTest(AgentTest):
    def test_the_example_prints_state_token_and_entitlement_without_installing_the_package(self) -> None:
        self.agent.routes[("GET", "/v1/entitlements/suite")] = lambda r: (
            200,
            {"product": "suite", "entitled": True, "features": [], "offline_until": "x"},
        )
        env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
        env["LATCHKEY_AGENT_SOCKET"] = self.agent.path
        result = subprocess.run(
            [sys.executable, os.path.join(ROOT, "examples", "python", "latchkey_token.py"), "suite"],
            env=env,
            capture_output=True,
            text=True,
            timeout=30,
            cwd=self.folder,
        )
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(
            json.loads(result.stdout),
            {"state": "signed_in", "access_token": SECRET, "expires_at": TOKEN["expires_at"], "entitled": True},
        )
        self.agent.routes[("GET", "/v1/status")] = lambda r: (200, dict(STATUS, state="signed_out", user=None))
        result = subprocess.run(
            [sys.executable, os.path.join(ROOT, "examples", "python", "latchkey_token.py")],
            env=env,
            capture_output=True,
            text=True,
            timeout=30,
            cwd=self.folder,
        )
        self.assertEqual((result.returncode, json.loads(result.stdout)), (0, {"state": "signed_out"}), result.stderr)


if __name__ == "__main__":
    unittest.main()
