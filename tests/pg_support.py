"""PostgreSQL for the tests: a server from RMP_TEST_PG_URL, a fresh database per test.

`scripts/test_postgres.sh start` starts a throwaway server and prints the URL to export.
Without RMP_TEST_PG_URL the PostgreSQL tests are skipped with a reason, unless
RMP_REQUIRE_PG=1 (as in CI), which makes a missing server a failure.

Fixtures (registered in tests/conftest.py, so every test folder can use them):
  pg_server     session: the server's superuser URL (skips or fails as above)
  pg_template   session: a template database made by `store-admin init` (schema at head, the
                roles and their access rules), so each test's database is a quick copy
  pg_database   a fresh database copied from the template, as the superuser's URL; dropped after
  pg_login      a factory: pg_login("manager", staff_uid) or pg_login("lead") adds a login
                (dropped after the test) and returns its URL for the test's database
"""

from __future__ import annotations

import itertools
import os
import uuid

import pytest

ENV_URL = "RMP_TEST_PG_URL"
ENV_REQUIRE = "RMP_REQUIRE_PG"

_counter = itertools.count(1)


def with_database(url: str, database: str) -> str:
    """The same server and user, another database."""
    from urllib.parse import urlsplit, urlunsplit

    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{database}"))


def with_user(url: str, user: str) -> str:
    from urllib.parse import quote, urlsplit, urlunsplit

    parts = urlsplit(url)
    host = parts.netloc.rsplit("@", 1)[-1]
    return urlunsplit(parts._replace(netloc=f"{quote(user, safe='')}@{host}"))


def _admin(url: str):
    import psycopg

    return psycopg.connect(url, autocommit=True)


@pytest.fixture(scope="session")
def pg_server() -> str:
    url = os.environ.get(ENV_URL, "").strip()
    if not url:
        message = (f"no PostgreSQL server: run `eval \"$(bash scripts/test_postgres.sh start)\"` "
                   f"to set {ENV_URL}")
        if os.environ.get(ENV_REQUIRE) == "1":
            pytest.fail(f"{ENV_REQUIRE}=1 but {message}")
        pytest.skip(message)
    try:
        _admin(url).close()
    except Exception as exc:  # noqa: BLE001 - said plainly, whatever the driver raised
        pytest.fail(f"{ENV_URL}={url} cannot be reached: {exc}")
    return url


@pytest.fixture(scope="session")
def pg_template(pg_server) -> str:
    from rmp_desktop.storage import pg_admin

    name = f"rmp_template_{os.getpid()}"
    with _admin(pg_server) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    pg_admin.init(with_database(pg_server, name))
    yield name
    with _admin(pg_server) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def pg_database(pg_server, pg_template) -> str:
    name = f"rmp_test_{os.getpid()}_{next(_counter)}"
    with _admin(pg_server) as conn:
        conn.execute(f'CREATE DATABASE "{name}" TEMPLATE "{pg_template}"')
    yield with_database(pg_server, name)
    with _admin(pg_server) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def pg_login(pg_server, pg_database):
    from rmp_desktop.storage import pg_admin

    made: list[str] = []

    def make(kind: str, staff_uid: str | None = None) -> str:
        login = f"rmp_t_{kind}_{uuid.uuid4().hex[:8]}"
        if kind == "manager":
            pg_admin.add_manager(pg_database, login, staff_uid)
        elif kind == "lead":
            pg_admin.add_lead(pg_database, login)
        else:
            raise ValueError(kind)
        made.append(login)
        return with_user(pg_database, login)

    yield make
    with _admin(pg_database) as conn:  # privileges in this database go with it
        for login in made:
            conn.execute(f'DROP OWNED BY "{login}"')
    with _admin(pg_server) as conn:
        for login in made:
            conn.execute(f'DROP ROLE IF EXISTS "{login}"')
