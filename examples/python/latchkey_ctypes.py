#!/usr/bin/env python3
"""Calls the Latchkey agent through liblatchkey with nothing but the standard library's ctypes, and
prints what examples/c/latchkey_example.c prints: `key=value` lines, the same exit statuses.

    python3 latchkey_ctypes.py [PRODUCT] [--audience URL] [--print-token] [--threads N] [--watch SECONDS]

The library is $LATCHKEY_LIBRARY when set (a path: target/debug/liblatchkey.so, latchkey.dll),
else whatever ctypes.util.find_library("latchkey") finds (the installed /usr/lib/.../liblatchkey.so,
or latchkey.dll on the PATH).

Exit status: 0 done; 1 nobody signed in (or the terms wait to be accepted) or PRODUCT not entitled;
3 no agent runs for this user; 6 the user (or IT) did not allow this program; 2 any other failure.
The access token is printed only with --print-token; it is read from the library's memory only then,
so no Python string holds it otherwise (lk_token_free overwrites the library's copy).
"""
import ctypes
import ctypes.util
import os
import sys
import threading
import time

APP_NAME = b"python-ctypes-example"
CALLS_PER_THREAD = 50

# lk_result
LK_OK = 0
LK_ERR_NO_AGENT = 2
LK_ERR_NOT_SIGNED_IN = 4
LK_ERR_TOS_REQUIRED = 5
LK_ERR_BACKEND_UNREACHABLE = 6
LK_ERR_APP_NOT_ALLOWED = 7
LK_ERR_PROTOCOL = 13

# lk_state, in the order of the C enum
STATES = ["signed_out", "signing_in", "tos_required", "signed_in", "offline", "expired", "unknown"]
LK_STATE_SIGNED_IN = 3
LK_STATE_OFFLINE = 4

EXIT_DONE, EXIT_NOT_ENTITLED, EXIT_OTHER, EXIT_NO_AGENT, EXIT_APP_NOT_ALLOWED = 0, 1, 2, 3, 6


class LkStatus(ctypes.Structure):
    _fields_ = [
        ("state", ctypes.c_int),  # lk_state: a C enum, an int
        ("email", ctypes.c_char_p),
        ("first_name", ctypes.c_char_p),
        ("last_name", ctypes.c_char_p),
        ("org_name", ctypes.c_char_p),
        ("offline_until", ctypes.c_char_p),
    ]


class LkToken(ctypes.Structure):
    _fields_ = [
        ("access_token", ctypes.c_void_p),  # not c_char_p: that would copy the secret into a bytes object
        ("access_token_len", ctypes.c_size_t),
        ("expires_at", ctypes.c_char_p),
        ("expires_at_unix", ctypes.c_int64),
    ]


class LkEntitlement(ctypes.Structure):
    _fields_ = [
        ("product", ctypes.c_char_p),
        ("name", ctypes.c_char_p),
        ("features", ctypes.POINTER(ctypes.c_char_p)),
        ("feature_count", ctypes.c_size_t),
        ("expires_at", ctypes.c_char_p),
    ]


class LkEntitlements(ctypes.Structure):
    _fields_ = [
        ("items", ctypes.POINTER(LkEntitlement)),
        ("count", ctypes.c_size_t),
        ("offline_until", ctypes.c_char_p),
        ("from_cache", ctypes.c_bool),
    ]


# void (*lk_status_callback)(const lk_status *status, void *user_data)
STATUS_CALLBACK = ctypes.CFUNCTYPE(None, ctypes.POINTER(LkStatus), ctypes.c_void_p)


def load_library():
    path = os.environ.get("LATCHKEY_LIBRARY") or ctypes.util.find_library("latchkey")
    if not path:
        raise OSError("liblatchkey not found: install Latchkey's SDK or set LATCHKEY_LIBRARY")
    lib = ctypes.CDLL(path)  # cdecl; ctypes releases the GIL during each call
    P = ctypes.POINTER
    client_p = ctypes.c_void_p  # lk_client *: opaque
    signatures = {
        "lk_version": ([], ctypes.c_char_p),
        "lk_connect": ([ctypes.c_char_p, ctypes.c_char_p, P(client_p)], ctypes.c_int),
        "lk_client_free": ([client_p], None),
        "lk_status_get": ([client_p, P(P(LkStatus))], ctypes.c_int),
        "lk_status_free": ([P(LkStatus)], None),
        "lk_token_get": ([client_p, ctypes.c_char_p, ctypes.c_uint32, P(P(LkToken))], ctypes.c_int),
        "lk_token_free": ([P(LkToken)], None),
        "lk_entitlements_get": ([client_p, P(P(LkEntitlements))], ctypes.c_int),
        "lk_entitlements_free": ([P(LkEntitlements)], None),
        # char **reason: a c_void_p out, so that the pointer can go back to lk_string_free
        "lk_product_check": ([client_p, ctypes.c_char_p, P(ctypes.c_bool), P(ctypes.c_void_p)], ctypes.c_int),
        "lk_sign_in": ([client_p, ctypes.c_uint32], ctypes.c_int),
        "lk_subscribe": ([client_p, STATUS_CALLBACK, ctypes.c_void_p, P(ctypes.c_void_p)], ctypes.c_int),
        "lk_subscription_free": ([ctypes.c_void_p], None),
        "lk_last_error_message": ([], ctypes.c_char_p),
        "lk_last_error_code": ([], ctypes.c_char_p),
        "lk_result_name": ([ctypes.c_int], ctypes.c_char_p),
        "lk_string_free": ([ctypes.c_void_p], None),
    }
    for name, (argtypes, restype) in signatures.items():
        function = getattr(lib, name)
        function.argtypes = argtypes
        function.restype = restype
    return lib


def text(value):
    """A C string (bytes, or None for NULL) as one line of text."""
    if value is None:
        return "none"
    return value.decode("utf-8", "replace").replace("\r", " ").replace("\n", " ")


def exit_status_of(result):
    if result == LK_OK:
        return EXIT_DONE
    if result in (LK_ERR_NOT_SIGNED_IN, LK_ERR_TOS_REQUIRED):
        return EXIT_NOT_ENTITLED
    if result == LK_ERR_NO_AGENT:
        return EXIT_NO_AGENT
    if result == LK_ERR_APP_NOT_ALLOWED:
        return EXIT_APP_NOT_ALLOWED
    return EXIT_OTHER


class Failure:
    """The failure of the last call on this thread, read at once: the library keeps it per thread,
    until that thread's next lk_ call."""

    def __init__(self, lib, function, result):
        self.function = function
        self.result = result
        self.message = text(lib.lk_last_error_message())
        self.code = text(lib.lk_last_error_code())

    def report(self, lib):
        print(f"error={self.function} {text(lib.lk_result_name(self.result))}")
        print(f"error_code={self.code}")
        print(f"error_message={self.message}")
        return exit_status_of(self.result)


def print_status(lib, client):
    status = ctypes.POINTER(LkStatus)()
    result = lib.lk_status_get(client, ctypes.byref(status))
    if result != LK_OK:
        return Failure(lib, "lk_status_get", result).report(lib), None
    s = status.contents
    state = s.state
    print(f"state={STATES[state] if 0 <= state < len(STATES) else 'unknown'}")
    if s.email is not None:
        print(f"email={text(s.email)}")
    if s.first_name is not None or s.last_name is not None:
        print("name=" + " ".join(text(n) for n in (s.first_name, s.last_name) if n is not None))
    if s.org_name is not None:
        print(f"organization={text(s.org_name)}")
    if s.offline_until is not None:
        print(f"offline_until={text(s.offline_until)}")
    lib.lk_status_free(status)
    return EXIT_DONE, state


def print_token(lib, client, audience, print_secret, state):
    token = ctypes.POINTER(LkToken)()
    result = lib.lk_token_get(client, audience, 0, ctypes.byref(token))  # 0: the agent's default, 60 s
    if result == LK_ERR_BACKEND_UNREACHABLE and state == LK_STATE_OFFLINE:
        Failure(lib, "lk_token_get", result).report(lib)  # offline: the entitlements still answer
        return EXIT_DONE
    if result != LK_OK:
        return Failure(lib, "lk_token_get", result).report(lib)
    t = token.contents
    print(f"token_expires_at={text(t.expires_at)}")
    print(f"token_expires_at_unix={t.expires_at_unix}")
    print(f"token_length={t.access_token_len}")
    if print_secret:
        print(f"access_token={text(ctypes.string_at(t.access_token))}")
    lib.lk_token_free(token)
    return EXIT_DONE


def print_entitlements(lib, client):
    entitlements = ctypes.POINTER(LkEntitlements)()
    result = lib.lk_entitlements_get(client, ctypes.byref(entitlements))
    if result != LK_OK:
        return Failure(lib, "lk_entitlements_get", result).report(lib)
    e = entitlements.contents
    print(f"entitlements={e.count}")
    print(f"entitlements_source={'cache' if e.from_cache else 'server'}")
    print(f"entitlements_offline_until={text(e.offline_until)}")
    for i in range(e.count):
        item = e.items[i]
        features = ",".join(text(item.features[f]) for f in range(item.feature_count)) or "none"
        expires = text(item.expires_at) if item.expires_at is not None else "never"
        line = f"entitlement={text(item.product)} features={features} expires_at={expires}"
        if item.name is not None:
            line += f" name={text(item.name)}"
        print(line)
    lib.lk_entitlements_free(entitlements)
    return EXIT_DONE


def print_product_check(lib, client, product):
    entitled = ctypes.c_bool(False)
    reason = ctypes.c_void_p()
    result = lib.lk_product_check(client, product.encode(), ctypes.byref(entitled), ctypes.byref(reason))
    if result != LK_OK:
        return Failure(lib, "lk_product_check", result).report(lib)
    print(f"entitled={product} {'yes' if entitled.value else 'no'}")
    if reason.value:
        print(f"entitled_reason={text(ctypes.string_at(reason.value))}")
        lib.lk_string_free(reason)
    return EXIT_DONE if entitled.value else EXIT_NOT_ENTITLED


def run_threads(lib, client, audience, count):
    failures = []  # (thread index, Failure); list.append is atomic under the GIL
    counts = [0] * count

    def work(index):
        for _ in range(CALLS_PER_THREAD):
            token = ctypes.POINTER(LkToken)()
            result = lib.lk_token_get(client, audience, 0, ctypes.byref(token))
            if result == LK_OK and (not token.contents.access_token or token.contents.expires_at is None):
                result = LK_ERR_PROTOCOL
            if result != LK_OK:
                counts[index] += 1
                if counts[index] == 1:
                    failures.append((index, Failure(lib, "lk_token_get", result)))  # on this thread
            lib.lk_token_free(token)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    print(f"threads={count}")
    print(f"thread_calls={count * CALLS_PER_THREAD}")
    print(f"thread_failures={sum(counts)}")
    if failures:
        return min(failures, key=lambda f: f[0])[1].report(lib)
    return EXIT_DONE


def watch_session(lib, client, seconds):
    calls = ctypes.c_int(0)  # counted through user_data, as the C example does

    def on_status(status, user_data):
        # On a library thread (ctypes takes the GIL); `status` lives only during the call.
        try:
            counter = ctypes.cast(user_data, ctypes.POINTER(ctypes.c_int)).contents
            counter.value += 1
            state = status.contents.state
            print(f"watch_state={STATES[state] if 0 <= state < len(STATES) else 'unknown'}", flush=True)
        except Exception as error:  # an exception must not reach the library's thread
            print(f"error=callback {error!r}", file=sys.stderr)

    callback = STATUS_CALLBACK(on_status)  # keep a reference until lk_subscription_free returns
    subscription = ctypes.c_void_p()
    result = lib.lk_subscribe(client, callback, ctypes.cast(ctypes.pointer(calls), ctypes.c_void_p), ctypes.byref(subscription))
    if result != LK_OK:
        return Failure(lib, "lk_subscribe", result).report(lib)
    time.sleep(seconds)
    lib.lk_subscription_free(subscription)  # once it returns, on_status is never called again
    seen = calls.value
    print(f"watch_calls={seen}")
    time.sleep(0.2)
    if calls.value != seen:
        print("error=lk_subscription_free the callback ran after lk_subscription_free returned")
        return EXIT_OTHER
    return EXIT_DONE


def usage():
    print(f"usage: {sys.argv[0]} [PRODUCT] [--audience URL] [--print-token] [--threads N] [--watch SECONDS]", file=sys.stderr)
    return EXIT_OTHER


def count_argument(args, maximum):
    value = args.pop(0) if args else ""
    if not value.isdigit() or int(value) > maximum:
        raise ValueError(value)
    return int(value)


def main():
    product, audience, print_secret, threads, watch_seconds = None, None, False, 0, 0
    args = sys.argv[1:]
    try:
        while args:
            arg = args.pop(0)
            if arg == "--print-token":
                print_secret = True
            elif arg == "--audience" and args:
                audience = args.pop(0).encode()
            elif arg == "--threads":
                threads = count_argument(args, 256)
            elif arg == "--watch":
                watch_seconds = count_argument(args, 24 * 3600)
            elif arg.startswith("-") or product is not None:
                return usage()
            else:
                product = arg
    except ValueError:
        return usage()
    sys.stdout.reconfigure(line_buffering=True)  # each line at once, also into a pipe

    print("variant=python")
    try:
        lib = load_library()
    except OSError as error:
        print("error=load LK_ERR_NO_LIBRARY")
        print("error_code=none")
        print(f"error_message={error}")
        return EXIT_OTHER
    print(f"library_version={text(lib.lk_version())}")

    client = ctypes.c_void_p()
    result = lib.lk_connect(None, APP_NAME, ctypes.byref(client))
    if result != LK_OK:
        return Failure(lib, "lk_connect", result).report(lib)
    try:
        status, state = print_status(lib, client)
        if status == EXIT_DONE and state not in (LK_STATE_SIGNED_IN, LK_STATE_OFFLINE):
            status = EXIT_NOT_ENTITLED  # nobody signed in: no token, no entitlements
        elif status == EXIT_DONE:
            status = print_token(lib, client, audience, print_secret, state)
            if status == EXIT_DONE:
                status = print_entitlements(lib, client)
            if status == EXIT_DONE and product is not None:
                status = print_product_check(lib, client, product)
            if status == EXIT_DONE and threads > 0:
                status = run_threads(lib, client, audience, threads)
        if watch_seconds > 0:
            watched = watch_session(lib, client, watch_seconds)
            status = status or watched
        return status
    finally:
        lib.lk_client_free(client)


if __name__ == "__main__":
    sys.exit(main())
