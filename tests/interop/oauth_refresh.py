"""Refreshes and revokes through Latchkey's standard OAuth 2.0 endpoints with Authlib, an
off-the-shelf client that knows nothing of Latchkey. Usage: oauth_refresh.py BASE_URL REFRESH_TOKEN
Prints {"refreshed": <token response>, "revoked": <the refresh token it revoked>}."""
import json
import sys

import requests
from authlib.integrations.requests_client import OAuth2Session

base, refresh_token = sys.argv[1:3]
discovery = requests.get(f"{base}/.well-known/openid-configuration", timeout=10).json()
session = OAuth2Session(client_id="latchkey-desktop", token_endpoint_auth_method="none")
token = session.refresh_token(discovery["token_endpoint"], refresh_token=refresh_token)
assert token["token_type"].lower() == "bearer", token
assert token["refresh_token"] != refresh_token, "rotated"
second = session.refresh_token(discovery["token_endpoint"], refresh_token=token["refresh_token"])
response = session.revoke_token(discovery["revocation_endpoint"], second["refresh_token"], token_type_hint="refresh_token")
assert response.status_code == 200, response.text
print(json.dumps({"refreshed": second, "revoked": second["refresh_token"]}))
