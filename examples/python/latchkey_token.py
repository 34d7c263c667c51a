#!/usr/bin/env python3
"""Calls the Latchkey agent with the `latchkey` Python package (python/ in this repository;
its usage page is python/README.md). Prints the session state, an access token for the server's
own audience, and whether PRODUCT (the first argument, if given) is entitled, as one JSON object.

    python3 latchkey_token.py [PRODUCT]

Install the package with `pip install ./python` (standard library only, Python 3.9+). Run from a
checkout without installing it, this script uses the package's sources beside it.
"""

import json
import os
import sys

try:
    import latchkey
except ImportError:  # not installed: the sources in this repository
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "python", "src"))
    import latchkey


def main():
    client = latchkey.Client(app_name="python-example")
    try:
        status = client.status()
        result = {"state": status.state}
        if status.is_signed_in:  # signed_in, or offline within the grace period
            token = client.token(min_valid_seconds=60)
            result["access_token"] = token.access_token
            result["expires_at"] = token.expires_at
            if len(sys.argv) > 1:
                result["entitled"] = client.is_entitled(sys.argv[1])
    except latchkey.AppNotAllowed as e:
        # The user refused this program (or did not answer), or IT admits only listed programs.
        print(f"latchkey_token.py: {e}", file=sys.stderr)
        return e.exit_code
    except latchkey.LatchkeyError as e:
        print(f"latchkey_token.py: {e}", file=sys.stderr)
        return e.exit_code
    finally:
        client.close()
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
