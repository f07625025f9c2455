"""The organisation's reports as its HR/OD leads read them: suppressed figures, kept in
`reporting.published_reports`, the one table their login can read.

Why a table of finished reports rather than views or functions the lead's login could call:
the lead's login then never reaches anything but figures already suppressed (there is no
query it can shape, no parameter to vary until two answers differ by one person, no function
that reads people on its behalf), and suppression runs in one place, domain.suppression, the
same Python every other report uses and the tests check on crafted data, rather than in a
second copy written in SQL that would have to be kept equal to it. The price is that figures
are as fresh as the last time they were made: the store's administrators make them with
`rmp-desktop store-admin publish-reports` (after every upgrade, and on a schedule, nightly
say), connected as a login that may act as the store's owner, which reads every row. The
window says when the figures were made.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from rmp_desktop.domain.packs import PackSet
from rmp_desktop.domain.report_model import Report, from_json
from rmp_desktop.domain.report_tables import build_report

KEEP = 8  # reports kept: the newest is shown; a few before it stay for the administrators
ORGANISATION = "everyone on the organisation's store"


class NothingPublished(LookupError):
    """No report has been made on this store yet; the message says who makes them."""

    def __init__(self) -> None:
        super().__init__("No report has been prepared on this store yet. The store's "
                         "administrators prepare them with `rmp-desktop store-admin "
                         "publish-reports`; ask them to, or to run it on a schedule.")


def publish(url: str, on: date, packs: PackSet, *, made_by: str = "") -> Report:
    """Work out the report as at `on` from every row (as the owner role), and keep it for the
    leads. Returns what was kept."""
    from rmp_desktop.storage.dialect import POSTGRESQL, DbConnection
    from rmp_desktop.storage.pg_admin import OWNER_ROLE, REPORTING_SCHEMA
    from rmp_desktop.storage.pg_connect import connect
    from rmp_desktop.storage.report_query import gather

    with connect(url) as raw:
        raw.execute("SET jit = off")
        with raw.transaction():
            raw.execute(f'SET LOCAL ROLE "{OWNER_ROLE}"')
            conn = DbConnection(raw, POSTGRESQL)
            people = gather(conn, on)
            report = build_report(people, on, scope=ORGANISATION, packs=packs,
                                  made_at=datetime.now(UTC).replace(tzinfo=None, microsecond=0),
                                  made_by=made_by)
            raw.execute(f"INSERT INTO {REPORTING_SCHEMA}.published_reports(on_day, body) "
                        "VALUES (%s, %s::jsonb)", (on, report.to_json()))
            raw.execute(f"DELETE FROM {REPORTING_SCHEMA}.published_reports WHERE id NOT IN "
                        f"(SELECT id FROM {REPORTING_SCHEMA}.published_reports "
                        "ORDER BY id DESC LIMIT %s)", (KEEP,))
    return report


def latest(raw: Any) -> Report:
    """The newest published report, read through an open psycopg connection (any login that
    may read the reporting schema). NothingPublished, or ReportDamaged, in plain words."""
    from rmp_desktop.storage.pg_admin import REPORTING_SCHEMA

    row = raw.execute(f"SELECT body::text FROM {REPORTING_SCHEMA}.published_reports "
                      "ORDER BY id DESC LIMIT 1").fetchone()
    if row is None:
        raise NothingPublished()
    return from_json(row[0])  # ReportDamaged, in plain words, if it cannot be read
