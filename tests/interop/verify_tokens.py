"""Verifies Latchkey's access token and signed entitlements with PyJWT, an independent JOSE
library, against the published JWKS. Usage: verify_tokens.py BASE_URL ACCESS_TOKEN SIGNED_ENTITLEMENTS
Prints the verified claims as JSON; exits non-zero (with the reason) when anything fails."""
import json
import sys
import time

import jwt
import requests

base, access_token, signed = sys.argv[1:4]
discovery = requests.get(f"{base}/.well-known/openid-configuration", timeout=10).json()
assert discovery["issuer"] == base, discovery
jwks = jwt.PyJWKClient(discovery["jwks_uri"])

header = jwt.get_unverified_header(access_token)
assert header["typ"] == "at+jwt", header
assert header["alg"] == "EdDSA", header
key = jwks.get_signing_key_from_jwt(access_token)
access = jwt.decode(
    access_token, key.key, algorithms=["EdDSA"], audience=base, issuer=base,
    options={"require": ["iss", "sub", "aud", "exp", "iat", "jti"]},
)
for claim in ("client_id", "email", "org", "roles"):
    assert claim in access, f"access token lacks {claim}"

header = jwt.get_unverified_header(signed)
assert header["typ"] == "entitlements+jwt", header
key = jwks.get_signing_key_from_jwt(signed)
entitlements = jwt.decode(signed, key.key, algorithms=["EdDSA"], issuer=base, options={"require": ["iss", "sub", "exp", "iat"]})
assert entitlements["sub"] == access["sub"], (entitlements, access)
assert entitlements["exp"] > time.time()

# A tampered token must fail.
parts = access_token.split(".")
tampered = ".".join([parts[0], parts[1][:-2] + ("AA" if parts[1][-2:] != "AA" else "BB"), parts[2]])
try:
    jwt.decode(tampered, key.key, algorithms=["EdDSA"], audience=base)
except jwt.InvalidTokenError:
    pass
else:
    raise SystemExit("a tampered token verified")

print(json.dumps({"access": access, "entitlements": entitlements}))
