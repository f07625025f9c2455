"""Where the store is: a SQLite file in the data folder, or an organisation's PostgreSQL database.

Known without importing SQLAlchemy or a database driver (start-up reads it), and below every
other module of ours (paths.py names it; storage opens it). A PostgreSQL
location is a libpq URL (`postgresql://host/db?sslmode=verify-full`, or
`postgresql:///?service=rmp` for a service file); it never carries a password: libpq's own
mechanisms (.pgpass, PGPASSFILE, service files, Kerberos/GSSAPI single sign-on) or the
operating system's keyring supply one.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

PG_SCHEMES = ("postgresql", "postgres")
SETTINGS_KEY = "store_url"  # in settings.ini, beside the window's layout
# The organisation's store a laptop publishes its signed records to (storage/publish.py).
PUBLISH_KEY = "publish_url"


class StoreLocationError(ValueError):
    """A store location that cannot be used; the message says what to do."""


@dataclass(frozen=True)
class StoreLocation:
    """Exactly one of `path` (SQLite) and `url` (PostgreSQL)."""

    path: Path | None = None
    url: str | None = None
    # This installation's data folder (its signing key, logs): beside a store file; for an
    # organisation's store, the folder the location was given with, if any.
    data_dir: Path | None = field(default=None, compare=False)

    @property
    def is_postgres(self) -> bool:
        return self.url is not None

    @property
    def sqlite_path(self) -> Path:
        """The store's file; only for a SQLite location."""
        if self.path is None:
            raise ValueError("an organisation's store has no file")
        return self.path

    @property
    def pg_url(self) -> str:
        """The store's address; only for a PostgreSQL location."""
        if self.url is None:
            raise ValueError("a store file has no PostgreSQL address")
        return self.url

    @property
    def files_folder(self) -> Path | None:
        """Where this installation keeps its own files for this store (None for an address
        given without a data folder: the caller decides)."""
        return self.path.parent if self.path is not None else self.data_dir

    @classmethod
    def of(cls, source: StoreLocation | str | os.PathLike[str]) -> StoreLocation:
        """A location from a location, a SQLite path, or a PostgreSQL URL."""
        if isinstance(source, StoreLocation):
            return source
        if isinstance(source, str) and is_postgres_url(source):
            return cls(url=checked_url(source))
        return cls(path=Path(source))

    def describe(self) -> str:
        """Words for a person: the file, or the server and database (never a password)."""
        if self.path is not None:
            return str(self.path)
        parts = urlsplit(self.pg_url)
        query = parse_qs(parts.query)
        host = parts.hostname or (query.get("host") or ["the local server"])[0]
        database = parts.path.lstrip("/") or (query.get("dbname") or [""])[0]
        if "service" in query and not parts.hostname:
            return f"the PostgreSQL service “{query['service'][0]}”"
        return f"the PostgreSQL database {database or '(default)'} on {host}"


def is_postgres_url(text: str) -> bool:
    return text.split(":", 1)[0].lower() in PG_SCHEMES and "://" in text


def checked_url(url: str) -> str:
    """The URL, or StoreLocationError if it holds a password (a file or a shell history is no
    place for one)."""
    parts = urlsplit(url)
    if parts.password is not None or "password" in parse_qs(parts.query):
        raise StoreLocationError(
            "The store's address holds a password, which must never be written in a settings "
            "file or typed on a command line. Remove it from the address and let the database "
            "driver find it: a .pgpass file (or PGPASSFILE), a service file, your "
            "organisation's single sign-on, or the keyring (rmp-desktop store-password).")
    return url


def url_from_settings(settings_file: Path, key: str = SETTINGS_KEY) -> str | None:
    """`store_url` (or `key`, such as publish_url) from settings.ini (top level, as Qt writes
    it under [General]), or None.

    Read with configparser, so start-up does not wait for Qt to read a preference."""
    if not settings_file.is_file():
        return None
    import configparser

    parser = configparser.ConfigParser(interpolation=None, strict=False)
    try:
        parser.read(settings_file, encoding="utf-8")
    except (configparser.Error, UnicodeDecodeError) as exc:
        raise StoreLocationError(f"{settings_file} cannot be read ({type(exc).__name__}); "
                                 "correct or delete it.") from exc
    for section in ("General", "store"):
        if parser.has_option(section, key):
            value = parser.get(section, key).strip().strip('"')
            if value and not is_postgres_url(value):
                what = ("to use the store in the data folder" if key == SETTINGS_KEY
                        else "to stop publishing")
                raise StoreLocationError(
                    f"{key} in {settings_file} is not a PostgreSQL address "
                    f"(postgresql://server/database). Correct it, or remove it {what}.")
            return checked_url(value) if value else None
    return None
