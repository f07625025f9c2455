"""Everything that differs between a SQLite store and a PostgreSQL one, in one place.

The models, repositories and migrations are shared; what is not shared lives here:
  - name search: SQLite's FTS5 table, or PostgreSQL full-text search over the same folded
    `search_text` (folded once, in Python, by `domain.staff.fold`, so both databases find
    "Nguyễn" from "nguyen" by the same rule and no SQL-side folding can disagree with it);
  - the immutability rules: SQLite triggers (migration 0002), or the PL/pgSQL ones below,
    making the same promises (no change to fixed records; signatures and the audit log
    append-only) with the same trigger names, so a test can name one on either database;
  - the audit chain's writers: serialised by SQLite's write lock, or by an advisory lock;
  - the plain DB-API readers (team list, a person, records for export) that keep SQLAlchemy
    off the window's and the export's critical path;
  - integrity checks (storage/record_checks.py): storage/integrity.py reads a SQLite file; on
    PostgreSQL, which enforces its own structure and links and is checked and backed up by its
    administrators, `check` proves the audit chain and every fixed record's fingerprint.

Sections stay text on PostgreSQL (not JSONB): the stored text is what was fixed at signing,
byte for byte the same on a laptop and on the organisation's store; JSONB would rewrite it
(key order, duplicate keys, number spelling). Reports cast `body::jsonb` where they need to.
"""

from __future__ import annotations

import os
import re
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from datetime import datetime

    from rmp_desktop.store_location import StoreLocation

SQLITE = "sqlite"
POSTGRESQL = "postgresql"

# pg_advisory_xact_lock keys (two int4s would do; one bigint is simplest): arbitrary, stable.
AUDIT_CHAIN_LOCK = 0x524D5001  # writers of the audit chain, one at a time
MIGRATION_LOCK = 0x524D5002  # store-admin upgrade, one at a time


def name_of(bind: Any) -> str:
    """SQLITE or POSTGRESQL for an engine, connection or session."""
    if hasattr(bind, "get_bind"):
        bind = bind.get_bind()
    return str(bind.dialect.name)


# -- name search ---------------------------------------------------------------------------------

PG_SEARCH_VECTOR = "to_tsvector('simple', search_text)"


def search_statement(dialect: str, words: list[str], limit: int | None
                     ) -> tuple[str, dict[str, str]]:
    """SQL and parameters for ids whose folded text has words starting with every one of
    `words` (already folded, \\w+ only), best match first."""
    if dialect == POSTGRESQL:
        query = " & ".join(f"'{w}':*" for w in words)
        sql = (f"SELECT id FROM staff WHERE {PG_SEARCH_VECTOR} @@ to_tsquery('simple', :q) "
               f"ORDER BY ts_rank({PG_SEARCH_VECTOR}, to_tsquery('simple', :q)) DESC, id")
        params = {"q": query}
    else:
        sql = "SELECT rowid FROM staff_fts WHERE staff_fts MATCH :m ORDER BY rank"
        params = {"m": " ".join(f'"{w}"*' for w in words)}
    if limit:
        sql += f" LIMIT {int(limit)}"
    return sql, params


# -- the audit chain -----------------------------------------------------------------------------

def lock_audit_chain(session_or_connection: Any) -> None:
    """Make this transaction the chain's only writer until it ends (PostgreSQL; SQLite's
    single writer already is)."""
    if name_of(session_or_connection) == POSTGRESQL:
        from sqlalchemy import text

        session_or_connection.execute(text("SELECT pg_advisory_xact_lock(:k)"),
                                      {"k": AUDIT_CHAIN_LOCK})


# -- plain DB-API connections --------------------------------------------------------------------

class DbConnection:
    """A DB-API connection to either database taking SQL in one spelling (`?` placeholders,
    SQLite's), for the readers that must not wait for SQLAlchemy."""

    def __init__(self, raw: Any, dialect: str):
        self.raw = raw
        self.dialect = dialect

    @property
    def is_postgres(self) -> bool:
        return self.dialect == POSTGRESQL

    def execute(self, sql: str, params: tuple[Any, ...] | list[Any] = ()) -> Any:
        if self.is_postgres:
            sql = qmark_to_format(sql)
        return self.raw.execute(sql, params)

    def begin_write(self) -> None:
        """A transaction that will append to the audit chain."""
        if self.is_postgres:
            self.raw.execute("BEGIN")
            self.raw.execute("SELECT pg_advisory_xact_lock(%s)", (AUDIT_CHAIN_LOCK,))
        else:
            self.raw.execute("BEGIN IMMEDIATE")  # no other writer between reading the head and adding

    def timestamp(self, at: datetime) -> datetime | str:
        """A naive UTC datetime as a parameter: as SQLAlchemy's SQLite dialect writes it (so
        the ORM reads it back alike), or as itself."""
        return at if self.is_postgres else at.strftime("%Y-%m-%d %H:%M:%S.%f")

    def close(self) -> None:
        self.raw.close()

    def __enter__(self) -> DbConnection:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def qmark_to_format(sql: str) -> str:
    """`?` placeholders as psycopg's `%s` (our own SQL only: no `?` or `%` inside literals)."""
    return re.sub(r"\?", "%s", sql.replace("%", "%%"))


def connect(source: StoreLocation | str | os.PathLike[str], *,
            read_only: bool = False) -> DbConnection:
    """A DB-API connection to a store (a StoreLocation, a SQLite path or a PostgreSQL URL).

    SQLite: the standard library, read-only by URI when asked, SQLAlchemy's pragmas for a
    writer. PostgreSQL: psycopg in autocommit (each read is its own statement; writers say
    BEGIN through begin_write)."""
    from rmp_desktop.store_location import StoreLocation

    location = StoreLocation.of(source)
    if location.is_postgres:
        from rmp_desktop.storage import pg_connect

        # No JIT for these short reads: compiling would cost more than the query itself.
        return DbConnection(pg_connect.connect(location.pg_url, autocommit=True,
                                               options="-c jit=off"), POSTGRESQL)
    import sqlite3

    path = location.sqlite_path
    if read_only:
        raw = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=5)
    else:
        raw = sqlite3.connect(str(path), timeout=5, isolation_level=None)
        raw.execute("PRAGMA foreign_keys=ON")
        raw.execute("PRAGMA busy_timeout=5000")
    return DbConnection(raw, SQLITE)


def reader_errors() -> tuple[type[BaseException], ...]:
    """The exceptions a plain reader may raise, whichever database it reads."""
    import sqlite3

    errors: tuple[type[BaseException], ...] = (sqlite3.Error,)
    try:
        import psycopg
    except ImportError:
        return errors
    return errors + (psycopg.Error,)


# -- PostgreSQL schema pieces the migrations use -------------------------------------------------

PG_SEARCH_INDEX = f"CREATE INDEX ix_staff_search ON staff USING gin ({PG_SEARCH_VECTOR})"

_LOCKED = "this record is signed and cannot be changed; start an amendment instead"
# SQLSTATE 23000 (integrity constraint violation): drivers raise IntegrityError, as for SQLite.
_RAISE_LOCKED = f"RAISE EXCEPTION '{_LOCKED}' USING ERRCODE = '23000'"


def pg_immutability_ddl() -> list[str]:
    """PL/pgSQL triggers with the promises of the SQLite ones in migration 0002."""
    statements = [
        # Sections of a record whose content is fixed: no insert, update or delete.
        f"""CREATE FUNCTION rmp_sections_locked() RETURNS trigger LANGUAGE plpgsql AS $$
        DECLARE parent_status text;
        BEGIN
          SELECT status INTO parent_status FROM conversations
           WHERE id = CASE WHEN TG_OP = 'INSERT' THEN NEW.conversation_id
                           ELSE OLD.conversation_id END;
          IF parent_status <> 'draft' THEN {_RAISE_LOCKED}; END IF;
          RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
        END $$""",
        # Status may move on (awaiting -> signed -> superseded); content columns may not.
        f"""CREATE FUNCTION rmp_conversations_locked() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF OLD.status <> 'draft' THEN
            IF TG_OP = 'DELETE' THEN {_RAISE_LOCKED}; END IF;
            IF NEW.kind IS DISTINCT FROM OLD.kind OR NEW.held_on IS DISTINCT FROM OLD.held_on
               OR NEW.person_id IS DISTINCT FROM OLD.person_id
               OR NEW.manager_name IS DISTINCT FROM OLD.manager_name
               OR NEW.pack_refs IS DISTINCT FROM OLD.pack_refs
               OR NEW.fingerprint IS DISTINCT FROM OLD.fingerprint
               OR NEW.uid IS DISTINCT FROM OLD.uid OR NEW.version IS DISTINCT FROM OLD.version
               OR NEW.supersedes_id IS DISTINCT FROM OLD.supersedes_id
               OR NEW.status = 'draft' THEN
              {_RAISE_LOCKED};
            END IF;
          END IF;
          RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
        END $$""",
        """CREATE FUNCTION rmp_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = '23000';
        END $$""",
    ]
    for event in ("INSERT", "UPDATE", "DELETE"):
        statements.append(f"CREATE TRIGGER sections_locked_{event.lower()} BEFORE {event} ON "
                          "conversation_sections FOR EACH ROW EXECUTE FUNCTION "
                          "rmp_sections_locked()")
    for event in ("UPDATE", "DELETE"):
        statements.append(f"CREATE TRIGGER conversations_locked_{event.lower()} BEFORE {event} "
                          "ON conversations FOR EACH ROW EXECUTE FUNCTION "
                          "rmp_conversations_locked()")
    for table in ("signatures", "audit_log"):
        for event in ("UPDATE", "DELETE"):
            statements.append(f"CREATE TRIGGER {table}_append_only_{event.lower()} BEFORE "
                              f"{event} ON {table} FOR EACH ROW EXECUTE FUNCTION "
                              "rmp_append_only()")
        # TRUNCATE skips row triggers: refuse it as a statement.
        statements.append(f"CREATE TRIGGER {table}_append_only_truncate BEFORE TRUNCATE ON "
                          f"{table} FOR EACH STATEMENT EXECUTE FUNCTION rmp_append_only()")
    return statements
