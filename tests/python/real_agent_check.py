#!/usr/bin/env python3
"""End-to-end check of the `latchkey` Python package against a REAL agent where a user is signed
in. The Rust end-to-end test runs it; it must import `latchkey` from the INSTALLED wheel, never
from python/src. The recipe, offline (nothing is downloaded): REPO is the checkout, PY its
.venv/bin/python, which has setuptools 80.9.0 from tests/requirements.txt (the build needs 77+).

    TMP=$(mktemp -d)
    cp -R "$REPO/python" "$TMP/src"                # build a copy: setuptools writes build/ and *.egg-info beside the sources
    rm -rf "$TMP/src/build" "$TMP/src/src/latchkey.egg-info"
    "$PY" -m pip wheel --no-deps --no-build-isolation --no-index --disable-pip-version-check -q -w "$TMP/wheel" "$TMP/src"
    "$PY" -m venv --without-pip "$TMP/venv"
    "$PY" -m pip --python "$TMP/venv/bin/python" install --no-deps --no-index --disable-pip-version-check -q "$TMP"/wheel/latchkey-0.1.0-py3-none-any.whl
    env -u PYTHONPATH \
        LATCHKEY_AGENT_SOCKET=/path/to/agent.sock \
        LATCHKEY_TEST_EMAIL=bea@example.com \
        LATCHKEY_TEST_PRODUCT=suite \
        LATCHKEY_TEST_UNENTITLED=other-product \
        "$TMP/venv/bin/python" "$REPO/tests/python/real_agent_check.py"

It prints "OK" and exits 0 when every check passes; otherwise it names the failed check on stderr
and exits 1 (2 when the environment is incomplete). It never prints a token. The agent must
serve this program without asking the user (``LATCHKEY_CONSENT_MODE=allow``, or among
``AllowedApps`` the interpreter's real path, ``os.path.realpath("$TMP/venv/bin/python")``: the agent
sees the executable behind the venv's symlink): otherwise the token call waits for an answer.
"""

import datetime
import json
import os
import subprocess
import sys
import tempfile


class Failed(Exception):
    pass


def check(condition, message):
    if not condition:
        raise Failed(message)


def environment(name):
    value = os.environ.get(name)
    if not value:
        print(f"real_agent_check: the environment variable {name} must be set", file=sys.stderr)
        sys.exit(2)
    return value


def cli(args, socket_path):
    """`python -m latchkey ARGS` with this interpreter, isolated from PYTHONPATH and the current
    folder (`-I`), so that it too runs the installed package."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env["LATCHKEY_AGENT_SOCKET"] = socket_path
    return subprocess.run(
        [sys.executable, "-I", "-m", "latchkey", *args], env=env, capture_output=True, text=True, timeout=300
    )


def describe(result):
    return f"exit {result.returncode}, stderr: {result.stderr.strip()[:500]!r}"


def main():
    socket_path = environment("LATCHKEY_AGENT_SOCKET")
    email = environment("LATCHKEY_TEST_EMAIL")
    product = environment("LATCHKEY_TEST_PRODUCT")
    unentitled = environment("LATCHKEY_TEST_UNENTITLED")

    import latchkey

    # The installed wheel, not the sources of the checkout.
    here = os.path.realpath(latchkey.__file__)
    repo_sources = os.path.realpath(
        os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "python", "src")
    )
    check(
        not here.startswith(repo_sources + os.sep),
        f"latchkey was imported from the sources ({here}), not from the installed wheel",
    )
    check(
        here.startswith(os.path.realpath(sys.prefix) + os.sep),
        f"latchkey ({here}) is not installed in this environment ({sys.prefix})",
    )
    check(latchkey.__version__ == "0.1.0", f"latchkey {latchkey.__version__}, expected 0.1.0")

    with latchkey.Client(app_name="real-agent-check") as client:
        status = client.status()
        check(status.state == "signed_in", f"status: state {status.state!r}, expected 'signed_in'")
        check(status.user is not None and status.user.email == email, f"status: user {status.user!r}, expected {email}")

        token = client.token()
        secret = token.access_token
        check(isinstance(secret, str) and len(secret) > 0, "token(): an empty access token")
        check(token.token_type == "Bearer", f"token(): token_type {token.token_type!r}")
        now = datetime.datetime.now(datetime.timezone.utc)
        check(token.expires > now, f"token(): expires_at {token.expires_at} is not in the future")
        for text in (repr(token), str(token), f"{token}", repr([token])):
            check(secret not in text, "repr/str of the token shows the token")
        check(secret[:16] not in repr(token), "repr of the token shows part of the token")

        entitlement = client.entitlement(product)
        check(
            entitlement.entitled is True,
            f"entitlement({product!r}): entitled {entitlement.entitled!r} ({entitlement.reason})",
        )
        check(client.is_entitled(product) is True, f"is_entitled({product!r}) is not True")
        check(client.is_entitled(unentitled) is False, f"is_entitled({unentitled!r}) is not False")
        listed = client.entitlements()
        check(listed.get(product) is not None, f"entitlements(): {product} is not listed")

    result = cli(["token"], socket_path)
    check(result.returncode == 0, f"python -m latchkey token: {describe(result)}")
    printed = result.stdout.strip()
    check(
        printed and result.stdout.count("\n") == 1 and " " not in printed,
        "python -m latchkey token: not one bare token on stdout",
    )
    check(printed.count(".") == secret.count("."), "python -m latchkey token: not the same kind of token as token()")

    result = cli(["entitlements", unentitled], socket_path)
    check(result.returncode == 1, f"python -m latchkey entitlements {unentitled}: {describe(result)}, expected exit 1")
    result = cli(["entitlements", product], socket_path)
    check(result.returncode == 0, f"python -m latchkey entitlements {product}: {describe(result)}, expected exit 0")

    result = cli(["status", "--json"], socket_path)
    check(result.returncode == 0, f"python -m latchkey status --json: {describe(result)}")
    try:
        document = json.loads(result.stdout)
    except ValueError:
        raise Failed("python -m latchkey status --json: stdout is not JSON") from None
    check(document.get("state") == "signed_in", f"python -m latchkey status --json: state {document.get('state')!r}")
    check((document.get("user") or {}).get("email") == email, "python -m latchkey status --json: not the user's email")

    with tempfile.TemporaryDirectory() as folder:
        missing = os.path.join(folder, "nobody-here", "agent.sock")
        result = cli(["status"], missing)
        check(
            result.returncode == 3, f"python -m latchkey status without an agent: {describe(result)}, expected exit 3"
        )
        check(
            "latchkey agent" in result.stderr and "open the Latchkey app" in result.stderr,
            f"no hint how to start the agent: {result.stderr!r}",
        )
        try:
            latchkey.Client(socket=missing, startup_wait=0.2).status()
            raise Failed("Client.status() without an agent did not raise")
        except latchkey.AgentNotRunning as e:
            check(e.exit_code == 3, f"AgentNotRunning.exit_code {e.exit_code}")

    print("OK")


if __name__ == "__main__":
    try:
        main()
    except Failed as failure:
        print(f"real_agent_check: FAILED: {failure}", file=sys.stderr)
        sys.exit(1)
    except Exception as error:  # an error of the package itself (LatchkeyError, ...)
        print(f"real_agent_check: FAILED: {type(error).__name__}: {error}", file=sys.stderr)
        sys.exit(1)
