"""Run the Alembic migrations in-process (batch mode for SQLite, each revision atomic)."""

from __future__ import annotations

import os
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory

from rmp_desktop.storage.engine import make_engine
from rmp_desktop.store_location import StoreLocation

MIGRATIONS = Path(__file__).parent / "migrations"


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def script_head() -> str | None:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def upgrade_to_head(source: StoreLocation | str | os.PathLike[str], revision: str = "head", *,
                    as_role: str | None = None) -> None:
    """Migrate a store (a SQLite path, or a PostgreSQL location: only ever from store-admin,
    under an advisory lock so two administrators cannot upgrade at once)."""
    from sqlalchemy import text

    from rmp_desktop.storage.dialect import MIGRATION_LOCK, POSTGRESQL

    engine = make_engine(source)
    try:
        with engine.begin() as connection:
            if connection.dialect.name == POSTGRESQL:
                connection.execute(text("SELECT pg_advisory_xact_lock(:k)"),
                                   {"k": MIGRATION_LOCK})
                if as_role:  # the schema belongs to the owner role, not to whoever upgrades
                    connection.exec_driver_sql(f'SET LOCAL ROLE "{as_role}"')
            config = alembic_config()
            config.attributes["connection"] = connection
            command.upgrade(config, revision)
    finally:
        engine.dispose()
