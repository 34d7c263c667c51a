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

# Each module names what it exports; the package exports all of it.
from . import client as _client
from . import errors as _errors
from . import models as _models

__all__ = ["__version__"]
__all__ += _client.__all__
__all__ += _errors.__all__
__all__ += _models.__all__
