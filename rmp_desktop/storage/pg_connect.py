"""Connecting to an organisation's PostgreSQL store with psycopg 3.

Passwords come from libpq's own mechanisms first (.pgpass or PGPASSFILE, service files,
PGPASSWORD for scripts, Kerberos/GSSAPI single sign-on): nothing here gets in their way.
Only when the server asks for a password that libpq could not find is the operating
system's keyring asked (Windows Credential Manager, macOS Keychain, the Secret Service on
Linux; skipped where no keyring works), under the service name "rmp-desktop" and the key
`user@host:port/database`; `rmp-desktop store-password` saves one there.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import psycopg
    from sqlalchemy.engine import Engine

log = logging.getLogger(__name__)

KEYRING_SERVICE = "rmp-desktop"
CONNECT_TIMEOUT_S = 10  # a laptop off the network should hear so promptly, not hang
APPLICATION_NAME = "rmp-desktop"


def conninfo_params(url: str) -> dict[str, Any]:
    from psycopg.conninfo import conninfo_to_dict

    return conninfo_to_dict(url)


def keyring_key(url: str) -> str:
    """The keyring entry's name for a store: who, where and which database (libpq defaults
    filled in as libpq itself would, so the key is the same however the URL is spelt)."""
    import getpass
    import os

    params = conninfo_params(url)
    user = params.get("user") or os.environ.get("PGUSER") or getpass.getuser()
    host = params.get("host") or os.environ.get("PGHOST") or "localhost"
    port = params.get("port") or os.environ.get("PGPORT") or "5432"
    dbname = params.get("dbname") or os.environ.get("PGDATABASE") or user
    return f"{user}@{host}:{port}/{dbname}"


def keyring_password(url: str) -> str | None:
    try:
        import keyring
        from keyring.errors import KeyringError
    except ImportError:
        return None
    try:
        return keyring.get_password(KEYRING_SERVICE, keyring_key(url))
    except (KeyringError, RuntimeError) as exc:  # no usable backend on this machine
        log.info("keyring unavailable: %s", type(exc).__name__)
        return None


def save_keyring_password(url: str, password: str) -> None:
    """Keep `password` for this store in the OS keyring; raises RuntimeError saying why not."""
    try:
        import keyring
        from keyring.errors import KeyringError
    except ImportError as exc:
        raise RuntimeError("The keyring package is not installed, so passwords cannot be kept "
                           "in the system keyring; use a .pgpass file instead.") from exc
    try:
        keyring.set_password(KEYRING_SERVICE, keyring_key(url), password)
    except (KeyringError, RuntimeError) as exc:
        raise RuntimeError(f"The system keyring refused the password ({exc}); use a .pgpass "
                           "file instead.") from exc


def _needs_password(exc: Exception) -> bool:
    words = str(exc).lower()
    return "no password supplied" in words or "password authentication failed" in words


def connect_kwargs(url: str) -> dict[str, Any]:
    params = conninfo_params(url)
    kwargs: dict[str, Any] = {}
    if "connect_timeout" not in params:
        kwargs["connect_timeout"] = CONNECT_TIMEOUT_S
    if "application_name" not in params:
        kwargs["application_name"] = APPLICATION_NAME
    return kwargs


def connect(url: str, **kwargs: Any) -> psycopg.Connection[Any]:
    """A psycopg connection to the store at `url`, with the keyring as the last resort."""
    import psycopg

    options = connect_kwargs(url) | kwargs
    try:
        return psycopg.connect(url, **options)
    except psycopg.OperationalError as exc:
        if not _needs_password(exc):
            raise
        password = keyring_password(url)
        if password is None:
            raise
    return psycopg.connect(url, password=password, **options)


def sqlalchemy_url(url: str) -> str:
    """The same address for SQLAlchemy's psycopg 3 dialect."""
    return "postgresql+psycopg://" + url.split("://", 1)[1]


def make_pg_engine(url: str, *, connect_timeout: int | None = None,
                   **engine_kwargs: Any) -> Engine:
    """A SQLAlchemy engine whose connections come from `connect`, so both paths authenticate
    alike. `connect_timeout` (seconds) overrides the default wait for an unreachable server
    (a background task gives up sooner)."""
    from sqlalchemy import create_engine

    extra = {"connect_timeout": connect_timeout} if connect_timeout else {}
    return create_engine(sqlalchemy_url(url), creator=lambda: connect(url, **extra),
                         pool_pre_ping=True, **engine_kwargs)
