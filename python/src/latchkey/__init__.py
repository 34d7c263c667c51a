"""Latchkey for Python: the user's sign-in session, access tokens and entitlements from the
Latchkey agent, without ever handling a password.

    import latchkey

    client = latchkey.Client(app_name="my-tool")
    token = client.token(audience="https://api.example.com")
    headers = {"Authorization": token.authorization()}

Standard library only. See ``README.md`` (python/README.md in the Latchkey repository) and
``docs/local-api.md`` for the protocol underneath.
"""

from .client import (
    APP_HEADER,
    HOST,
    SOCKET_ENV,
    Client,
    EventStream,
    Response,
    default_socket,
)
from .errors import (
    START_HINT,
    AccessDenied,
    AccountLocked,
    AgentNotRunning,
    ApiError,
    AppNotAllowed,
    BackendUnreachable,
    ForeignAgent,
    InvalidCredentials,
    LatchkeyError,
    NoInteractiveSession,
    NotSignedIn,
    ProtocolError,
    Timeout,
    TosRequired,
    TransportError,
    UnsupportedAudience,
    error_from_problem,
)
from .models import (
    SIGNED_IN_STATES,
    AppIdentity,
    Catalog,
    CatalogProduct,
    Consent,
    ConsentRequest,
    Entitlement,
    Entitlements,
    InstallProgress,
    Org,
    ProductEntitlement,
    RememberedApp,
    SecretStore,
    Setting,
    Settings,
    SignInOutcome,
    Status,
    StatusUser,
    Token,
    UpdateCheck,
    parse_timestamp,
)

__version__ = "0.1.0"

__all__ = [
    "__version__",
    # client
    "Client",
    "EventStream",
    "Response",
    "default_socket",
    "SOCKET_ENV",
    "HOST",
    "APP_HEADER",
    # errors
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
    # answers
    "SIGNED_IN_STATES",
    "parse_timestamp",
    "Org",
    "StatusUser",
    "SecretStore",
    "Status",
    "Setting",
    "Settings",
    "Token",
    "Entitlement",
    "Entitlements",
    "ProductEntitlement",
    "SignInOutcome",
    "Catalog",
    "CatalogProduct",
    "UpdateCheck",
    "InstallProgress",
    "AppIdentity",
    "RememberedApp",
    "ConsentRequest",
    "Consent",
]
