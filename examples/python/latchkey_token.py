#!/usr/bin/env python3
"""Calls the Latchkey agent's local API with nothing but the standard library: plain HTTP/1.1
over the agent's Unix socket. Prints the session state, an access token for the server's own
audience, and whether PRODUCT (the first argument, if given) is entitled, as one JSON object.

    python3 latchkey_token.py [PRODUCT]
"""
import http.client
import json
import os
import socket
import struct
import sys


def socket_path():
    if os.environ.get("LATCHKEY_AGENT_SOCKET"):
        return os.environ["LATCHKEY_AGENT_SOCKET"]
    runtime = os.environ.get("XDG_RUNTIME_DIR")
    if runtime:
        return os.path.join(runtime, "latchkey", "agent.sock")
    return f"/tmp/latchkey-{os.getuid()}/agent.sock"


class AgentConnection(http.client.HTTPConnection):
    """HTTP over the agent's socket; refuses an agent that runs as another user."""

    def __init__(self, path):
        super().__init__("latchkey")  # the Host header must be "latchkey"
        self.socket_path = path

    def connect(self):
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        sock.connect(self.socket_path)
        # SO_PEERCRED: (pid, uid, gid) of the agent. Check it before sending anything.
        _pid, uid, _gid = struct.unpack("3i", sock.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED, struct.calcsize("3i")))
        if uid != os.getuid():
            sock.close()
            raise PermissionError(f"the agent runs as uid {uid}, not as this user")
        self.sock = sock


def call(connection, method, path, body=None):
    headers = {"Latchkey-App": "python-example"}
    payload = None
    if body is not None:
        payload = json.dumps(body)
        headers["Content-Type"] = "application/json"
    connection.request(method, path, body=payload, headers=headers)
    response = connection.getresponse()
    document = json.loads(response.read() or b"null")
    if response.status >= 400:
        # RFC 9457 problem document: `code` is the stable part
        raise RuntimeError(f"{path}: {response.status} {document.get('code')}: {document.get('detail')}")
    return document


def main():
    connection = AgentConnection(socket_path())
    status = call(connection, "GET", "/v1/status")
    result = {"state": status["state"]}
    if status["state"] in ("signed_in", "offline"):
        token = call(connection, "POST", "/v1/token", {"min_valid_seconds": 60})
        result["access_token"] = token["access_token"]
        result["expires_at"] = token["expires_at"]
        if len(sys.argv) > 1:
            result["entitled"] = call(connection, "GET", f"/v1/entitlements/{sys.argv[1]}")["entitled"]
    print(json.dumps(result))


if __name__ == "__main__":
    main()
