"""The window's start-up reads from an organisation's store, through libpq itself.

Importing psycopg costs about as much as Qt's own loading (some 150 ms of Python modules,
holding the interpreter's lock), so the first paint and the team list would wait for it, as
they would for SQLAlchemy on a store file. The few reads start-up needs (the schema revision,
the team) go instead straight to libpq, the C library psycopg itself is built on, through
ctypes: the same connection string, the same password sources (.pgpass, service files,
Kerberos/GSSAPI), the same server; each answer comes back as one text value (the team as
one JSON array), so there is one foreign call per query, not one per row, and ctypes lets
other threads run meanwhile.

The libpq used is the one psycopg's binary package ships (with Kerberos), else the system's.
Anything unusual (no libpq found, a password only the keyring knows, any error at all)
raises LibpqUnavailable, and the caller reads through psycopg instead, which says in plain
words what went wrong.
"""

from __future__ import annotations

import ctypes
import sys
from pathlib import Path
from urllib.parse import quote

_TUPLES_OK = 2
_CONNECTION_OK = 0
_lib: ctypes.CDLL | None = None
_looked = False


class LibpqUnavailable(RuntimeError):
    """Read through psycopg instead."""


def _candidates() -> list[str]:
    found: list[str] = []
    try:
        from importlib.util import find_spec

        spec = find_spec("psycopg_binary")  # finds the package without importing it
    except (ImportError, ValueError):
        spec = None
    if spec is not None and spec.origin:
        package = Path(spec.origin).parent
        for folder in (package.parent / "psycopg_binary.libs", package / ".dylibs", package):
            found += sorted(str(p) for p in folder.glob("libpq*")
                            if p.suffix in (".dll", ".dylib") or ".so" in p.name)
    found += {"win32": ["libpq.dll"], "darwin": ["libpq.5.dylib"]}.get(sys.platform,
                                                                          ["libpq.so.5"])
    return found


def _library() -> ctypes.CDLL | None:
    global _lib, _looked
    if _looked:
        return _lib
    _looked = True
    for candidate in _candidates():
        try:
            lib = ctypes.CDLL(candidate)
        except OSError:
            continue
        lib.PQconnectdb.restype = ctypes.c_void_p
        lib.PQconnectdb.argtypes = [ctypes.c_char_p]
        lib.PQstatus.argtypes = [ctypes.c_void_p]
        lib.PQfinish.argtypes = [ctypes.c_void_p]
        lib.PQexec.restype = ctypes.c_void_p
        lib.PQexec.argtypes = [ctypes.c_void_p, ctypes.c_char_p]
        lib.PQresultStatus.argtypes = [ctypes.c_void_p]
        lib.PQntuples.argtypes = [ctypes.c_void_p]
        lib.PQgetisnull.argtypes = [ctypes.c_void_p, ctypes.c_int, ctypes.c_int]
        lib.PQgetvalue.restype = ctypes.c_char_p
        lib.PQgetvalue.argtypes = [ctypes.c_void_p, ctypes.c_int, ctypes.c_int]
        lib.PQclear.argtypes = [ctypes.c_void_p]
        _lib = lib
        break
    return _lib


def _conninfo(url: str) -> bytes:
    """The store's URL with what psycopg's connections also say: a timeout, our name, UTF-8,
    no JIT (compiling would cost more than these short reads)."""
    extra = {"connect_timeout": "10", "application_name": "rmp-desktop",
             "client_encoding": "UTF8", "options": "-c jit=off"}
    query = url.split("?", 1)[1] if "?" in url else ""
    given = {part.split("=", 1)[0] for part in query.split("&") if part}
    added = "&".join(f"{k}={quote(v)}" for k, v in extra.items() if k not in given)
    if not added:
        return url.encode()
    return (url + ("&" if "?" in url else "?") + added).encode()


class LibpqConnection:
    def __init__(self, url: str):
        lib = _library()
        if lib is None:
            raise LibpqUnavailable("no libpq")
        self._lib: ctypes.CDLL = lib
        self._conn: int | None = lib.PQconnectdb(_conninfo(url))
        if not self._conn or self._lib.PQstatus(self._conn) != _CONNECTION_OK:
            self.close()
            raise LibpqUnavailable("no connection")

    def value(self, sql: str) -> str | None:
        """The first column of the first row, as text (None for SQL NULL or no row)."""
        result = self._lib.PQexec(self._conn, sql.encode())
        try:
            if not result or self._lib.PQresultStatus(result) != _TUPLES_OK:
                raise LibpqUnavailable("query failed")
            if self._lib.PQntuples(result) == 0 or self._lib.PQgetisnull(result, 0, 0):
                return None
            value: bytes = self._lib.PQgetvalue(result, 0, 0)
            return value.decode("utf-8")
        finally:
            if result:
                self._lib.PQclear(result)

    def close(self) -> None:
        if self._conn:
            self._lib.PQfinish(self._conn)
            self._conn = None

    def __enter__(self) -> LibpqConnection:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def read_revision(conn: LibpqConnection) -> str | None:
    if conn.value("SELECT to_regclass('alembic_version') IS NOT NULL") != "t":
        return None
    return conn.value("SELECT version_num FROM alembic_version")


def revision(url: str) -> str | None:
    with LibpqConnection(url) as conn:
        return read_revision(conn)


def text_value(url: str, sql: str) -> str | None:
    with LibpqConnection(url) as conn:
        return conn.value(sql)
