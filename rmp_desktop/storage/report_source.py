"""Where a report's figures come from, for whoever opens it: one call for the window, the
command line and the PDF.

- A store file (a manager's laptop, or one's own): worked out now from everyone in it.
- An organisation's store, as a manager or an administrator: worked out now from what the
  login may read (a manager's own team; everyone for an administrator).
- An organisation's store, as an HR/OD lead: the newest report the administrators published
  (storage.report_publish); the lead's login reads nothing else.

Either way the result has been through domain.suppression: no one receives a true count.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from rmp_desktop.domain.packs import PackSet
from rmp_desktop.domain.report_model import Report
from rmp_desktop.domain.report_tables import build_report
from rmp_desktop.storage.pg_roles import LEAD_ROLE, MANAGER_ROLE, OWNER_ROLE
from rmp_desktop.store_location import StoreLocation

if TYPE_CHECKING:
    import psycopg

ON_FILE = "everyone in this store"
MY_TEAM = "your team on the organisation's store"
EVERYONE = "everyone on the organisation's store"


@dataclass(frozen=True)
class ReportAccess:
    published: bool  # the lead's view: published figures only
    scope: str


@dataclass(frozen=True)
class ReportView:
    report: Report
    published: bool  # the newest published report (a lead's login), not worked out now


class ReportsUnavailable(RuntimeError):
    """This login may not read reports here; the message says whom to ask."""


def load_report(location: StoreLocation, on: date, packs: PackSet | None, *,
                made_by: str = "") -> ReportView:
    """The report for this store and login (as at `on`, unless it is a published one, which
    carries its own day)."""
    from rmp_desktop.storage.dialect import POSTGRESQL, DbConnection, connect
    from rmp_desktop.storage.report_query import gather

    if not location.is_postgres:
        with connect(location, read_only=True) as conn:
            people = gather(conn, on)
        return ReportView(build_report(people, on, scope=ON_FILE, packs=packs,
                                       made_by=made_by), False)
    import psycopg

    from rmp_desktop.storage.pg_connect import connect as pg_connect
    from rmp_desktop.storage.report_publish import latest

    with pg_connect(location.pg_url, autocommit=True, options="-c jit=off") as raw:
        access = login_access(raw)
        if access.published:
            try:
                return ReportView(latest(raw), True)
            except psycopg.errors.InsufficientPrivilege as exc:
                raise ReportsUnavailable(
                    f"Your sign-in to {location.describe()} may not read reports. Ask the "
                    "store's administrators to add you (rmp-desktop store-admin add-lead, or "
                    "add-manager for your own team's).") from exc
        people = gather(DbConnection(raw, POSTGRESQL), on)
    return ReportView(build_report(people, on, scope=access.scope, packs=packs,
                                   made_by=made_by), False)


def login_access(raw: psycopg.Connection[Any]) -> ReportAccess:
    """What this PostgreSQL login's reports are: published (a lead, who cannot read people)
    or worked out now, for a manager's team or for everyone."""
    row = raw.execute(
        "SELECT has_table_privilege('public.staff', 'SELECT'), "
        "pg_has_role(%s, 'MEMBER'), pg_has_role(%s, 'MEMBER'), pg_has_role(%s, 'MEMBER')",
        (LEAD_ROLE, MANAGER_ROLE, OWNER_ROLE)).fetchone()
    assert row is not None  # a SELECT of four values always has its row
    reads_people, lead, manager, owner = (bool(v) for v in row)
    if not reads_people:
        return ReportAccess(True, EVERYONE) if lead else ReportAccess(True, "")
    if manager and not owner:
        return ReportAccess(False, MY_TEAM)
    return ReportAccess(False, EVERYONE)
