"""The store on PostgreSQL: the same schema as the models, migrations only by its administrators,
its address never holding a password, and plain words when the server is out of reach."""

from __future__ import annotations

import psycopg
import pytest

from rmp_desktop.cli import main
from rmp_desktop.paths import AppPaths
from rmp_desktop.storage import bootstrap, pg_admin
from rmp_desktop.storage.schema import HEAD
from rmp_desktop.storage.store import Store
from rmp_desktop.store_location import StoreLocation, StoreLocationError, url_from_settings
from tests.pg_support import with_database


@pytest.fixture
def store_kind() -> str:
    return "postgresql"


@pytest.fixture
def empty_database(pg_server):
    name = "rmp_test_empty"
    with psycopg.connect(pg_server, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {name}")
    yield with_database(pg_server, name)
    with psycopg.connect(pg_server, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def test_models_match_the_migrated_schema(store):
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from rmp_desktop.storage.models import Base

    with store.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    # The full-text search index exists only in the migration, on purpose (as FTS5 on SQLite).
    diff = [d for d in diff if not (d[0] == "remove_index" and d[1].name == "ix_staff_search")]
    assert diff == []


def test_a_new_database_is_created_only_by_its_administrators(empty_database, tmp_path, capsys):
    with pytest.raises(bootstrap.StoreNeedsAdmin, match="store-admin init"):
        bootstrap.prepare(StoreLocation.of(empty_database), tmp_path)
    data = ["--data-dir", str(tmp_path), "--store", empty_database]
    assert main([*data, "records"]) == 1
    assert "store-admin init" in capsys.readouterr().err
    with psycopg.connect(empty_database) as conn:  # the manager's command created nothing
        assert conn.execute("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"
                            ).fetchone() == (0,)

    assert main([*data, "store-admin", "init"]) == 0
    assert f"schema {HEAD} (created)" in capsys.readouterr().out
    assert bootstrap.prepare(StoreLocation.of(empty_database), tmp_path).path is None
    assert main([*data, "store-admin", "upgrade"]) == 0
    assert "already current" in capsys.readouterr().out
    assert main([*data, "store-admin", "status"]) == 0
    assert f"schema {HEAD}" in capsys.readouterr().out


def test_an_older_store_waits_for_its_administrators_and_a_newer_one_is_refused(paths):
    location = paths.location
    with psycopg.connect(location.url, autocommit=True) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '0002'")
    with pytest.raises(bootstrap.StoreNeedsAdmin, match="store-admin upgrade"):
        bootstrap.prepare(location, paths.backups)
    with psycopg.connect(location.url, autocommit=True) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
    with pytest.raises(bootstrap.StoreTooNew, match="newer version"):
        bootstrap.prepare(location, paths.backups)


def test_the_background_check_reads_the_revision_and_reports_like_the_inline_one(paths):
    check = bootstrap.BackgroundCheck(paths.location)
    assert bootstrap.prepare(paths.location, paths.backups, check=check).created is False
    out_of_reach = StoreLocation.of("postgresql://nobody@127.0.0.1:1/none?connect_timeout=2")
    check = bootstrap.BackgroundCheck(out_of_reach)
    with pytest.raises(bootstrap.StoreUnavailable, match="cannot be reached.*network"):
        bootstrap.prepare(out_of_reach, paths.backups, check=check)


def test_a_store_address_with_a_password_is_refused_everywhere(tmp_path, capsys):
    with pytest.raises(StoreLocationError, match="password"):
        StoreLocation.of("postgresql://ann:secret@db.example.nhs.uk/rmp")
    with pytest.raises(StoreLocationError, match="password"):
        StoreLocation.of("postgresql://db.example.nhs.uk/rmp?password=secret")
    settings = tmp_path / "settings.ini"
    settings.write_text("[General]\nstore_url=postgresql://ann:secret@db.example.nhs.uk/rmp\n")
    assert main(["--data-dir", str(tmp_path), "records"]) == 1
    assert "must never be written in a settings file" in capsys.readouterr().err


def test_settings_name_the_organisation_store(tmp_path, pg_database, capsys):
    settings = tmp_path / "settings.ini"
    settings.write_text("[main_window]\ngeometry=@ByteArray(1%2)\n\n"
                        f"[General]\nstore_url={pg_database}\n")
    assert url_from_settings(settings) == pg_database
    paths = AppPaths(tmp_path)
    assert paths.location.is_postgres and paths.location.url == pg_database
    assert main(["--data-dir", str(tmp_path), "check"]) == 0
    assert "healthy" in capsys.readouterr().out
    assert not paths.store.exists()  # nothing was made in the data folder
    settings.write_text("[General]\nstore_url=/home/ann/rmp.sqlite3\n")
    with pytest.raises(StoreLocationError, match="not a PostgreSQL address"):
        url_from_settings(settings)


def test_backup_and_restore_say_the_organisation_backs_up(paths, store, capsys):
    assert main(["backup"]) == 1
    assert "its administrators back up" in capsys.readouterr().err
    assert main(["restore", "somewhere.sqlite3", "--yes"]) == 1
    assert "its administrators back up" in capsys.readouterr().err


def test_store_admin_needs_an_organisation_store_and_its_arguments(tmp_path, pg_database, capsys):
    assert main(["--data-dir", str(tmp_path), "store-admin", "status"]) == 2
    assert "--store URL" in capsys.readouterr().err
    data = ["--data-dir", str(tmp_path), "--store", pg_database]
    assert main([*data, "store-admin", "add-manager"]) == 2
    assert main([*data, "store-admin", "add-manager", "rmp_t_ann"]) == 2
    assert "--staff-uid" in capsys.readouterr().err
    assert main([*data, "store-admin", "add-manager", "rmp_t_ann", "--staff-uid", "x"]) == 1
    assert "32 hexadecimal" in capsys.readouterr().err


def test_the_keyring_is_asked_last_under_one_key_however_the_address_is_spelt(monkeypatch):
    import keyring
    from keyring.backend import KeyringBackend

    from rmp_desktop.storage import pg_connect

    class Memory(KeyringBackend):
        priority = 1
        kept: dict = {}

        def get_password(self, service, username):
            return self.kept.get((service, username))

        def set_password(self, service, username, password):
            self.kept[(service, username)] = password

        def delete_password(self, service, username):
            self.kept.pop((service, username), None)

    previous = keyring.get_keyring()
    keyring.set_keyring(Memory())
    try:
        pg_connect.save_keyring_password("postgresql://ann@db.example.nhs.uk/rmp", "s3cret")
        assert pg_connect.keyring_password(
            "postgresql://ann@db.example.nhs.uk:5432/rmp?sslmode=require") == "s3cret"
        assert pg_connect.keyring_password("postgresql://bea@db.example.nhs.uk/rmp") is None
        # libpq is asked first: a refusal that is not about a password never reaches the keyring.
        asked = []
        monkeypatch.setattr(pg_connect, "keyring_password", lambda url: asked.append(url))
        with pytest.raises(psycopg.OperationalError):
            pg_connect.connect("postgresql://ann@127.0.0.1:1/rmp?connect_timeout=2")
        assert asked == []
    finally:
        keyring.set_keyring(previous)


def test_the_window_options_need_no_parser():
    from rmp_desktop.cli.main import _WINDOW, _window_options

    assert _window_options([]) == {}
    assert _window_options(["--store", "postgresql://db/rmp", "--data-dir", "/d"]) == {
        "--store": "postgresql://db/rmp", "--data-dir": "/d"}
    assert _window_options(["--store=postgresql://db/rmp"]) == {"--store": "postgresql://db/rmp"}
    assert _window_options(["--store"]) is _WINDOW
    assert _window_options(["records", "--store", "postgresql://db/rmp"]) is _WINDOW


def test_the_owner_role_migrates_and_a_second_upgrade_changes_nothing(pg_database):
    assert pg_admin.upgrade(pg_database) == HEAD
    store = Store(pg_database)
    try:
        assert store.integrity_report() == []
    finally:
        store.close()


def test_start_up_reads_through_libpq_alone_and_agree_with_psycopg(store, paths, monkeypatch):
    from rmp_desktop.storage import libpq_reader
    from rmp_desktop.storage.team_query import load_team
    from tests.records_support import add_people, ready_conversation, sign_both

    person, manager = add_people(store)
    sign_both(store, ready_conversation(store, person, manager).id)
    url = paths.location.url
    through_libpq = load_team(url)
    assert libpq_reader.revision(url) == HEAD
    assert {r.full_name for r in through_libpq} == {person.full_name, manager.full_name}
    [row] = [r for r in through_libpq if r.id == person.id]
    assert row.last_signed == "2026-10-06" and row.next_due > row.last_signed  # dates as text

    monkeypatch.setattr(libpq_reader, "_library", lambda: None)  # as where no libpq is found
    with pytest.raises(libpq_reader.LibpqUnavailable):
        libpq_reader.revision(url)
    assert sorted(load_team(url)) == sorted(through_libpq)  # psycopg reads the same rows
    check = bootstrap.BackgroundCheck(paths.location)
    assert check.revision() == HEAD
    assert check.first_team() is None  # psycopg reads the revision; the window reads the team


def test_start_up_reads_the_team_on_the_same_trip_as_the_revision(store, paths):
    from rmp_desktop.storage.team_query import load_team
    from tests.records_support import add_people

    add_people(store)
    check = bootstrap.BackgroundCheck(paths.location)
    assert bootstrap.prepare(paths.location, paths.backups, check=check).path is None
    assert sorted(check.first_team()) == sorted(load_team(paths.location))
    assert check.first_team() is None  # handed over once; later reads are fresh


def test_a_lost_connection_or_a_refusal_is_told_in_plain_words():
    from sqlalchemy import create_engine, text
    from sqlalchemy.exc import OperationalError

    from rmp_desktop.storage.safety import NOT_ALLOWED, OFFLINE, describe_storage_error

    engine = create_engine("postgresql+psycopg://nobody@127.0.0.1:1/none?connect_timeout=2")
    with pytest.raises(OperationalError) as caught, engine.connect() as conn:
        conn.execute(text("SELECT 1"))
    assert describe_storage_error(caught.value) == OFFLINE
    assert describe_storage_error(psycopg.errors.InsufficientPrivilege("denied")) == NOT_ALLOWED


def test_the_record_rules_the_windows_and_verify_apply_run_on_postgres(store, paths):
    from rmp_desktop.storage.record_checks import record_problems
    from tests.records_support import (
        add_people,
        drop_trigger,
        raw,
        ready_conversation,
        sign_both,
    )

    person, manager = add_people(store)
    signed = sign_both(store, ready_conversation(store, person, manager).id)
    draft = ready_conversation(store, person, manager)
    assert record_problems(store, [signed.id, draft.id]) == {}
    conn = raw(paths)
    drop_trigger(conn, "sections_locked_update")
    conn.execute("UPDATE conversation_sections SET body = replace(body, 'Launch', 'Cancel') "
                 "WHERE conversation_id = ? AND section = 'plan'", (signed.id,))
    conn.close()
    found = record_problems(store, [signed.id, draft.id])
    assert list(found) == [signed.id]
    assert "changed in the store after signing" in " ".join(found[signed.id])
