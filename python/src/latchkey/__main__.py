"""``python -m latchkey``: the agent's answers on the command line, like the ``latchkey`` program.

    python -m latchkey status|settings|token|entitlements [PRODUCT]|sign-in|sign-out|updates PRODUCT

``--json`` prints the API's JSON body on stdout; messages go to stderr. Exit codes: 0 success;
1 a negative answer (not entitled, signed out, ...); 2 usage error or an unexpected answer;
3 no agent running; 4 backend unreachable; 5 the Terms of Service must be accepted first;
6 this program is not allowed to use the session (``app_not_allowed``).
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any, List, Optional

from . import __version__
from .client import Client
from .errors import LatchkeyError
from .models import Status

#: The name this command line gives itself in ``Latchkey-App``.
APP_NAME = "latchkey-python-cli"

EXIT_OK = 0
EXIT_NEGATIVE = 1
EXIT_USAGE = 2


def _answer(text: str) -> None:
    print(text, flush=True)


def _say(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def _print_json(document: Any) -> None:
    _answer(json.dumps(document, indent=2, ensure_ascii=False))


def describe(status: Status) -> str:
    """The status in a sentence (the words of the ``latchkey`` program)."""
    who = None
    if status.user is not None:
        org = f" ({status.user.org.name})" if status.user.org is not None and status.user.org.name else ""
        who = f"{status.user.display_name}{org}"
    if status.state == "signed_in" and who:
        return f"Signed in as {who}"
    if status.state == "offline" and who:
        return f"Signed in as {who}, working offline until {status.offline_until or '?'}"
    if status.state == "tos_required":
        return "The Terms of Service must be accepted: run `latchkey sign-in`"
    if status.state == "expired":
        return "The session ended: run `latchkey sign-in`"
    if status.state == "signing_in":
        return "Signing in…"
    return "Signed out"


def status_exit(status: Status) -> int:
    """0 when signed in (or offline within the grace), 5 when the Terms wait, else 1."""
    if status.is_signed_in:
        return EXIT_OK
    if status.state == "tos_required":
        return 5
    return EXIT_NEGATIVE


def _parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--json", action="store_true", default=argparse.SUPPRESS, help="print the API's JSON body on stdout"
    )
    parser = argparse.ArgumentParser(
        prog="python -m latchkey",
        description="Latchkey from Python: your organization's sign-in, for you and your applications.",
        parents=[common],
    )
    parser.add_argument("--version", action="version", version=f"latchkey (Python) {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands.required = True
    commands.add_parser(
        "status", parents=[common], help="who is signed in (exit 1 when signed out, 5 when the Terms wait)"
    )
    commands.add_parser("settings", parents=[common], help="the effective settings and where each comes from")
    token = commands.add_parser("token", parents=[common], help="print an access token")
    token.add_argument("--audience", help="the API the token is for (default: the Latchkey server itself)")
    token.add_argument(
        "--min-valid", type=int, metavar="SECONDS", help="the token must stay valid at least this many seconds"
    )
    entitlements = commands.add_parser(
        "entitlements", parents=[common], help="the entitlements; with PRODUCT, exit 0 when entitled and 1 when not"
    )
    entitlements.add_argument("product", nargs="?", metavar="PRODUCT")
    sign_in = commands.add_parser("sign-in", parents=[common], help="open the Latchkey window to sign in")
    sign_in.add_argument("--wait", type=int, metavar="SECONDS", help="wait until the user signed in (at most 600)")
    commands.add_parser("sign-out", parents=[common], help="sign out, here and at the server")
    updates = commands.add_parser("updates", parents=[common], help="whether a newer release of PRODUCT is offered")
    updates.add_argument("product", metavar="PRODUCT")
    updates.add_argument("--current", metavar="VERSION", help="the version you run (default: the installed one)")
    return parser


def _run(args: argparse.Namespace, client: Client) -> int:
    as_json = bool(getattr(args, "json", False))
    command = args.command
    if command == "status":
        status = client.status()
        if as_json:
            _print_json(status.raw)
        else:
            _answer(describe(status))
        return status_exit(status)
    if command == "settings":
        settings = client.settings()
        if as_json:
            _print_json(settings.raw)
        else:
            for key, setting in settings.items():
                value = setting.value
                text = "(unset)" if value is None else value if isinstance(value, str) else json.dumps(value)
                _answer(f"{key:<13} {text}  [{setting.source}]")
        return EXIT_OK
    if command == "token":
        if args.min_valid is not None and args.min_valid < 0:
            _say("python -m latchkey: --min-valid must not be negative")
            return EXIT_USAGE
        token = client.token(audience=args.audience, min_valid_seconds=args.min_valid)
        if as_json:
            _print_json(token.raw)
        else:
            _answer(token.access_token)
        return EXIT_OK
    if command == "entitlements" and args.product is not None:
        entitlement = client.entitlement(args.product)
        if as_json:
            _print_json(entitlement.raw)
        elif entitlement.entitled:
            _answer(f"{args.product}: entitled ({', '.join(entitlement.features)})")
        else:
            _answer(f"{args.product}: not entitled ({entitlement.reason or 'not_entitled'})")
        return EXIT_OK if entitlement.entitled else EXIT_NEGATIVE
    if command == "entitlements":
        view = client.entitlements()
        if as_json:
            _print_json(view.raw)
        else:
            for e in view.entitlements:
                until = f"until {e.expires_at}" if e.expires_at else "no end date"
                product = f"{e.name} ({e.product})" if e.name else e.product
                _answer(f"{product}  [{', '.join(e.features)}]  {until}")
            count = len(view.entitlements)
            _say(
                f"{count} entitlement{'' if count == 1 else 's'} ({view.source or '?'}), "
                f"usable offline until {view.offline_until or '?'}"
            )
        return EXIT_OK
    if command == "sign-in":
        outcome = client.sign_in(wait_seconds=args.wait)
        if as_json:
            _print_json(outcome.raw)
        elif outcome.prompted:
            _say("The Latchkey window is open: sign in there.")
        elif outcome.status is not None:
            _say(describe(outcome.status))
        return EXIT_OK
    if command == "sign-out":
        status = client.sign_out()
        if as_json:
            _print_json(status.raw)
        else:
            _say("Signed out.")
        return EXIT_OK
    if command == "updates":
        check = client.update_check(args.product, current=args.current)
        if as_json:
            _print_json(check.raw)
        else:
            current = check.current_version or "not installed"
            if check.update_available and check.available_version:
                note = "" if check.may_download else "; you may not download it: ask your administrator"
                _answer(f"{check.product}: {check.available_version} available (you have {current}){note}")
            else:
                _answer(f"{check.product}: up to date ({current})")
        return EXIT_OK
    raise AssertionError(f"unhandled command {command}")


def main(argv: Optional[List[str]] = None) -> int:
    """Runs the command line; returns the exit code."""
    args = _parser().parse_args(argv)  # usage errors exit 2 here
    try:
        with Client(app_name=APP_NAME) as client:
            return _run(args, client)
    except LatchkeyError as e:
        _say("latchkey: " + " ".join(str(e).split()))
        return e.exit_code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
