"""Typed views of the local API's JSON answers.

Every class is a frozen dataclass built by ``from_json`` from the decoded body. Fields this
version does not know are ignored (a newer agent may add some); the whole body stays available as
``raw``. Timestamps stay RFC 3339 strings as the agent sent them; :func:`parse_timestamp` turns one
into an aware :class:`datetime.datetime`.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Mapping as _Object
from dataclasses import dataclass, field
from typing import Any, Iterator, List, Mapping, Optional, Tuple, Type, TypeVar

from .errors import ProtocolError

__all__ = [
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
    "CatalogProduct",
    "Catalog",
    "UpdateCheck",
    "InstallProgress",
    "AppIdentity",
    "RememberedApp",
    "ConsentRequest",
    "Consent",
    "SIGNED_IN_STATES",
]

#: The states in which the user's applications are served (online, or offline within the grace).
SIGNED_IN_STATES = ("signed_in", "offline")

_RFC3339 = re.compile(
    r"^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(?:([Zz])|([+-])(\d{2}):(\d{2}))$"
)


def parse_timestamp(text: str) -> _dt.datetime:
    """An RFC 3339 timestamp (``2026-05-01T12:00:00.123456789Z``) as an aware datetime (UTC when
    the text says ``Z``); fractions beyond microseconds are dropped. ``ValueError`` otherwise."""
    match = _RFC3339.match(text)
    if not match:
        raise ValueError(f"not an RFC 3339 timestamp: {text!r}")
    year, month, day, hour, minute, second, fraction, zulu, sign, off_h, off_m = match.groups()
    micro = int((fraction or "0")[:6].ljust(6, "0"))
    if zulu:
        tz = _dt.timezone.utc
    else:
        offset = _dt.timedelta(hours=int(off_h), minutes=int(off_m))
        tz = _dt.timezone(-offset if sign == "-" else offset)
    return _dt.datetime(int(year), int(month), int(day), int(hour), int(minute), min(int(second), 59), micro, tzinfo=tz)


T = TypeVar("T")
_MISSING = object()


def _obj(value: Any, what: str) -> Mapping[str, Any]:
    if not isinstance(value, _Object):
        raise ProtocolError(detail=f"{what}: expected a JSON object, got {type(value).__name__}")
    return value


def _get(doc: Mapping[str, Any], key: str, kind: Type[T], what: str, default: Any = _MISSING) -> T:
    """``doc[key]`` of type ``kind``; a missing key (or ``null``) gives ``default`` when one is
    given, else a :class:`ProtocolError`."""
    value = doc.get(key)
    if value is None:
        if default is _MISSING:
            raise ProtocolError(detail=f"{what}: the field `{key}` is missing")
        return default  # type: ignore[no-any-return]
    if kind is int and isinstance(value, bool) or not isinstance(value, kind):
        raise ProtocolError(detail=f"{what}: the field `{key}` is not a {kind.__name__}")
    return value


def _opt_str(doc: Mapping[str, Any], key: str, what: str) -> Optional[str]:
    return _get(doc, key, str, what, None)


def _opt_obj(doc: Mapping[str, Any], key: str, what: str) -> Optional[Mapping[str, Any]]:
    value = doc.get(key)
    return None if value is None else _obj(value, f"{what}.{key}")


def _strings(doc: Mapping[str, Any], key: str, what: str) -> Tuple[str, ...]:
    values = _get(doc, key, list, what, [])
    if not all(isinstance(v, str) for v in values):
        raise ProtocolError(detail=f"{what}: `{key}` must be a list of strings")
    return tuple(values)


def _objects(doc: Mapping[str, Any], key: str, what: str) -> List[Mapping[str, Any]]:
    return [_obj(v, f"{what}.{key}[]") for v in _get(doc, key, list, what, [])]


@dataclass(frozen=True)
class Org:
    id: str
    name: str

    @classmethod
    def from_json(cls, doc: Any) -> "Org":
        doc = _obj(doc, "org")
        return cls(id=_get(doc, "id", str, "org", ""), name=_get(doc, "name", str, "org", ""))


@dataclass(frozen=True)
class StatusUser:
    """The signed-in user (``status.user``)."""

    id: str
    email: str
    first_name: str
    last_name: str
    org: Optional[Org]
    roles: Tuple[str, ...]
    raw: Mapping[str, Any] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def from_json(cls, doc: Any) -> "StatusUser":
        doc = _obj(doc, "user")
        org = doc.get("org")
        return cls(
            id=_get(doc, "id", str, "user", ""),
            email=_get(doc, "email", str, "user"),
            first_name=_get(doc, "first_name", str, "user", ""),
            last_name=_get(doc, "last_name", str, "user", ""),
            org=Org.from_json(org) if org is not None else None,
            roles=_strings(doc, "roles", "user"),
            raw=doc,
        )

    @property
    def display_name(self) -> str:
        """``First Last <email>``."""
        name = f"{self.first_name} {self.last_name}".strip()
        return f"{name} <{self.email}>" if name else self.email


@dataclass(frozen=True)
class SecretStore:
    """Where the agent keeps the refresh token (``secret_service``, ``keychain``, ...), and why
    its last use failed (``error``), if it did."""

    kind: str
    error: Optional[str] = None

    @classmethod
    def from_json(cls, doc: Any) -> "SecretStore":
        doc = _obj(doc, "secret_store")
        return cls(kind=_get(doc, "kind", str, "secret_store", ""), error=_opt_str(doc, "error", "secret_store"))


@dataclass(frozen=True)
class Status:
    """``GET /v1/status`` (and each ``status`` event).

    ``state``: ``signed_out``, ``signing_in``, ``tos_required`` (with ``tos``), ``signed_in``,
    ``offline`` (signed in, the backend out of reach), ``expired`` (sign in again); a newer agent
    may send others.
    """

    state: str
    user: Optional[StatusUser]
    backend: Optional[str]
    since: Optional[str]
    offline_until: Optional[str]
    version: Optional[str]
    tos: Optional[Mapping[str, Any]] = None
    secret_store: Optional[SecretStore] = None
    entitlement_cache: Optional[Mapping[str, Any]] = None
    raw: Mapping[str, Any] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def from_json(cls, doc: Any) -> "Status":
        doc = _obj(doc, "status")
        user = doc.get("user")
        store = doc.get("secret_store")
        return cls(
            state=_get(doc, "state", str, "status"),
            user=StatusUser.from_json(user) if user is not None else None,
            backend=_opt_str(doc, "backend", "status"),
            since=_opt_str(doc, "since", "status"),
            offline_until=_opt_str(doc, "offline_until", "status"),
            version=_opt_str(doc, "version", "status"),
            tos=_opt_obj(doc, "tos", "status"),
            secret_store=SecretStore.from_json(store) if store is not None else None,
            entitlement_cache=_opt_obj(doc, "entitlement_cache", "status"),
            raw=doc,
        )

    @property
    def is_signed_in(self) -> bool:
        """Whether applications are served: ``signed_in``, or ``offline`` within the grace."""
        return self.state in SIGNED_IN_STATES


@dataclass(frozen=True)
class Setting:
    """One effective setting: its ``value`` (a string, a boolean or ``None``) and the layer it
    came from (``policy``, ``environment``, ``user``, ``machine`` or ``default``)."""

    value: Any
    source: str


class Settings(Mapping[str, Setting]):
    """``GET /v1/settings``: a read-only mapping of each key (``ServerUrl``, ...) to its
    :class:`Setting`; ``raw`` is the body."""

    def __init__(self, settings: Mapping[str, Setting], raw: Mapping[str, Any]) -> None:
        self._settings = dict(settings)
        self.raw = raw

    @classmethod
    def from_json(cls, doc: Any) -> "Settings":
        doc = _obj(doc, "settings")
        settings = {}
        for key, value in doc.items():
            value = _obj(value, f"settings.{key}")
            settings[key] = Setting(value=value.get("value"), source=_get(value, "source", str, f"settings.{key}", ""))
        return cls(settings, doc)

    def __getitem__(self, key: str) -> Setting:
        return self._settings[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._settings)

    def __len__(self) -> int:
        return len(self._settings)

    def __repr__(self) -> str:
        return f"Settings({self._settings!r})"


@dataclass(frozen=True, repr=False)
class Token:
    """``POST /v1/token``: an access token for ``Authorization: Bearer ...``.

    ``repr()`` and ``str()`` never show ``access_token`` (nor does ``raw``'s place in the repr):
    a token printed by accident into a log is a token anyone reading the log can use.
    """

    access_token: str = field(repr=False)
    token_type: str
    expires_at: str
    raw: Mapping[str, Any] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def from_json(cls, doc: Any) -> "Token":
        doc = _obj(doc, "token")
        return cls(
            access_token=_get(doc, "access_token", str, "token"),
            token_type=_get(doc, "token_type", str, "token", "Bearer"),
            expires_at=_get(doc, "expires_at", str, "token"),
            raw=doc,
        )

    def __repr__(self) -> str:
        return f"Token(token_type={self.token_type!r}, expires_at={self.expires_at!r}, access_token=<hidden>)"

    __str__ = __repr__

    def __format__(self, spec: str) -> str:
        return format(repr(self), spec)

    @property
    def expires(self) -> _dt.datetime:
        """``expires_at`` as an aware datetime."""
        return parse_timestamp(self.expires_at)

    def authorization(self) -> str:
        """The ``Authorization`` header's value: ``Bearer <token>``."""
        return f"{self.token_type or 'Bearer'} {self.access_token}"


@dataclass(frozen=True)
class Entitlement:
    """One entry of ``GET /v1/entitlements``."""

    product: str
    name: Optional[str]
    features: Tuple[str, ...]
    expires_at: Optional[str]
    raw: Mapping[str, Any] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def from_json(cls, doc: Any) -> "Entitlement":
        doc = _obj(doc, "entitlement")
        return cls(
            product=_get(doc, "product", str, "entitlement"),
            name=_opt_str(doc, "name", "entitlement"),
            features=_strings(doc, "features", "entitlement"),
            expires_at=_opt_str(doc, "expires_at", "entitlement"),
            raw=doc,
        )


@dataclass(frozen=True)
class Entitlements:
    """``GET /v1/entitlements``. ``signed`` is the backend's compact JWS of the same set, for
    applications that verify it themselves; ``source`` is ``online`` or ``cache``."""

    entitlements: Tuple[Entitlement, ...]
    issued_at: Optional[str]
    offline_until: Optional[str]
    signed: Optional[str]
    source: Optional[str]
    raw: Mapping[str, Any] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def from_json(cls, doc: Any) -> "Entitlements":
        doc = _obj(doc, "entitlements")
        return cls(
            entitlements=tuple(Entitlement.from_json(e) for e in _get(doc, "entitlements", list, "entitlements")),
            issued_at=_opt_str(doc, "issued_at", "entitlements"),
            offline_until=_opt_str(doc, "offline_until", "entitlements"),
            signed=_opt_str(doc, "signed", "entitlements"),
            source=_opt_str(doc, "source", "entitlements"),
            raw=doc,
        )

    def get(self, product: str) -> Optional[Entitlement]:
        return next((e for e in self.entitlements if e.product == product), None)


@dataclass(frozen=True)
class ProductEntitlement:
    """``GET /v1/entitlements/{product}``. When not ``entitled``, ``reason`` is
    ``not_entitled``, ``subscription_expired`` or ``offline_grace_expired``."""

    product: str
    entitled: bool
    features: Tuple[str, ...]
    offline_until: Optional[str]
    reason: Optional[str] = None
    raw: Mapping[str, Any] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def from_json(cls, doc: Any) -> "ProductEntitlement":
        doc = _obj(doc, "entitlement")
        return cls(
            product=_get(doc, "product", str, "entitlement"),
            entitled=_get(doc, "entitled", bool, "entitlement"),
            features=_strings(doc, "features", "entitlement"),
            offline_until=_opt_str(doc, "offline_until", "entitlement"),
            reason=_opt_str(doc, "reason", "entitlement"),
            raw=doc,
        )

    def __bool__(self) -> bool:
        return self.entitled


@dataclass(frozen=True)
class SignInOutcome:
    """What ``POST /v1/sign-in`` did: ``prompted`` (202: the desktop window is open, the user
    signs in there), or signed in (200, asked with a wait) with the ``status``."""

    prompted: bool
    status: Optional[Status]
    raw: Mapping[str, Any] = field(default_factory=dict, repr=False, compare=False)


@dataclass(frozen=True)
class CatalogProduct:
    """A product of ``GET /v1/catalog`` as this computer sees it. ``available`` is the offered
    release (a JSON object), ``blocked_by`` why it may not be downloaded."""

    product: str
    name: Optional[str]
    may_download: bool
    blocked_by: Optional[str]
    installed_version: Optional[str]
    available: Optional[Mapping[str, Any]]
    update_available: bool
    raw: Mapping[str, Any] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def from_json(cls, doc: Any) -> "CatalogProduct":
        doc = _obj(doc, "catalog product")
        blocked = doc.get("blocked_by")
        return cls(
            product=_get(doc, "product", str, "catalog product"),
            name=_opt_str(doc, "name", "catalog product"),
            may_download=_get(doc, "may_download", bool, "catalog product", False),
            blocked_by=blocked if isinstance(blocked, str) else None,
            installed_version=_opt_str(doc, "installed_version", "catalog product"),
            available=_opt_obj(doc, "available", "catalog product"),
            update_available=_get(doc, "update_available", bool, "catalog product", False),
            raw=doc,
        )


@dataclass(frozen=True)
class Catalog:
    """``GET /v1/catalog``: the user's products, what is installed here and what is offered."""

    platform: Any
    update_channel: Any
    products: Tuple[CatalogProduct, ...]
    raw: Mapping[str, Any] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def from_json(cls, doc: Any) -> "Catalog":
        doc = _obj(doc, "catalog")
        return cls(
            platform=doc.get("platform"),
            update_channel=doc.get("update_channel"),
            products=tuple(CatalogProduct.from_json(p) for p in _get(doc, "products", list, "catalog", [])),
            raw=doc,
        )


@dataclass(frozen=True)
class UpdateCheck:
    """``GET /v1/updates/{product}``: whether a release newer than ``current_version`` is
    offered for this computer; offer it only when ``may_download``."""

    product: str
    current_version: Optional[str]
    available_version: Optional[str]
    update_available: bool
    may_download: bool
    release_id: Optional[str] = None
    notes: Optional[str] = None
    raw: Mapping[str, Any] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def from_json(cls, doc: Any) -> "UpdateCheck":
        doc = _obj(doc, "update check")
        return cls(
            product=_get(doc, "product", str, "update check"),
            current_version=_opt_str(doc, "current_version", "update check"),
            available_version=_opt_str(doc, "available_version", "update check"),
            update_available=_get(doc, "update_available", bool, "update check"),
            may_download=_get(doc, "may_download", bool, "update check", False),
            release_id=_opt_str(doc, "release_id", "update check"),
            notes=_opt_str(doc, "notes", "update check"),
            raw=doc,
        )


@dataclass(frozen=True)
class InstallProgress:
    """``POST``/``GET``/``DELETE /v1/installs/{product}``. ``state``: ``downloading``,
    ``verifying``, ``installing``, ``installed``, ``failed``, ``cancelled``."""

    product: str
    version: Optional[str]
    state: str
    received: int
    total: int
    error: Optional[str] = None
    detail: Optional[str] = None
    raw: Mapping[str, Any] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def from_json(cls, doc: Any) -> "InstallProgress":
        doc = _obj(doc, "install")
        return cls(
            product=_get(doc, "product", str, "install"),
            version=_opt_str(doc, "version", "install"),
            state=_get(doc, "state", str, "install"),
            received=_get(doc, "received", int, "install", 0),
            total=_get(doc, "total", int, "install", 0),
            error=_opt_str(doc, "error", "install"),
            detail=_opt_str(doc, "detail", "install"),
            raw=doc,
        )

    @property
    def is_final(self) -> bool:
        return self.state in ("installed", "failed", "cancelled")


@dataclass(frozen=True)
class AppIdentity:
    """A program as the agent identified it from the connection: its executable's ``path`` and
    ``sha256``; ``name`` is what it called itself (``Latchkey-App``), a hint only."""

    path: str
    sha256: str
    name: Optional[str] = None

    @classmethod
    def from_json(cls, doc: Any) -> "AppIdentity":
        doc = _obj(doc, "app")
        return cls(
            path=_get(doc, "path", str, "app", ""),
            sha256=_get(doc, "sha256", str, "app", ""),
            name=_opt_str(doc, "name", "app"),
        )


@dataclass(frozen=True)
class RememberedApp:
    """A decision the user made about a program: ``allowed`` or ``denied``, until revoked."""

    app: AppIdentity
    decision: str
    decided_at: Optional[str]

    @classmethod
    def from_json(cls, doc: Any) -> "RememberedApp":
        doc = _obj(doc, "remembered")
        return cls(
            app=AppIdentity.from_json(doc.get("app")),
            decision=_get(doc, "decision", str, "remembered"),
            decided_at=_opt_str(doc, "decided_at", "remembered"),
        )


@dataclass(frozen=True)
class ConsentRequest:
    """A program waiting for the user's answer (refused with ``app_not_allowed`` at
    ``expires_at`` when nobody answers)."""

    id: str
    app: AppIdentity
    pid: Optional[int]
    asked_at: Optional[str]
    expires_at: Optional[str]

    @classmethod
    def from_json(cls, doc: Any) -> "ConsentRequest":
        doc = _obj(doc, "pending")
        return cls(
            id=_get(doc, "id", str, "pending"),
            app=AppIdentity.from_json(doc.get("app")),
            pid=_get(doc, "pid", int, "pending", None),
            asked_at=_opt_str(doc, "asked_at", "pending"),
            expires_at=_opt_str(doc, "expires_at", "pending"),
        )


@dataclass(frozen=True)
class Consent:
    """``GET /v1/consent`` (Latchkey's own programs only): the ``mode`` in force (``prompt``,
    ``allow``, ``deny-unknown``), the programs IT allows (``allowed_apps``: paths or
    ``sha256:`` hashes), the user's remembered decisions and who waits for an answer."""

    mode: str
    allowed_apps: Tuple[str, ...]
    remembered: Tuple[RememberedApp, ...]
    pending: Tuple[ConsentRequest, ...]
    raw: Mapping[str, Any] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def from_json(cls, doc: Any) -> "Consent":
        doc = _obj(doc, "consent")
        return cls(
            mode=_get(doc, "mode", str, "consent"),
            allowed_apps=_strings(doc, "allowed_apps", "consent"),
            remembered=tuple(RememberedApp.from_json(r) for r in _objects(doc, "remembered", "consent")),
            pending=tuple(ConsentRequest.from_json(p) for p in _objects(doc, "pending", "consent")),
            raw=doc,
        )
