"""An organisation's PostgreSQL store: its roles, grants and row-level security, and upgrades.

Run only by the store's administrators (`rmp-desktop store-admin ...`), connected as a login
that may create roles (CREATEROLE) and owns the database, or as a superuser. The roles:

  rmp_owner    owns the schema (tables, triggers, policies). Nobody logs in as it; the
               administrator's login is made a member so migrations can SET ROLE to it. It is
               kept apart from every login that uses the store, because a table's owner is not
               subject to its row-level security.
  rmp_manager  granted to each manager's login. Reads and writes their own team's people and
               records (the team: the manager's own staff row and everyone whose line manager
               they are), through row-level security. A login is mapped to the manager's
               stable staff uid in rmp_access.manager_logins (that uid, or one in
               staff_aliases, finds their staff row). People a manager adds join their team.
  rmp_lead     granted to each HR/OD lead's login. Reads the `reporting` schema only: the
               table of published reports (reporting.published_reports), which holds nothing
               but suppressed figures, written by the owner (`store-admin publish-reports`,
               storage.report_publish). No grant on people, conversations, sections,
               signatures, equality monitoring or anything else.

Equality monitoring answers (equality_monitoring) are closed to every login's reading except
the manager who entered a row (with the person's consent, or by bringing in their
preparation), who may read back, change or remove only that row; the database, not the
application, says who entered it.

Nobody's login can change or delete a signed record, a signature or the audit log: no such
grants, and the immutability triggers stop even the owner. Everything here is idempotent:
`apply_access` is run again after every upgrade, since a migration may recreate a table.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import psycopg
from psycopg import sql

from rmp_desktop.storage import pg_publish
from rmp_desktop.storage.dialect import MIGRATION_LOCK
from rmp_desktop.storage.pg_connect import connect
from rmp_desktop.storage.pg_roles import LEAD_ROLE as LEAD_ROLE
from rmp_desktop.storage.pg_roles import MANAGER_ROLE as MANAGER_ROLE
from rmp_desktop.storage.pg_roles import OWNER_ROLE as OWNER_ROLE

GROUP_ROLES = (OWNER_ROLE, MANAGER_ROLE, LEAD_ROLE)
ACCESS_SCHEMA = "rmp_access"
REPORTING_SCHEMA = "reporting"

UID = re.compile(r"^[0-9a-f]{32}$")

# Tables a manager's team owns, and how a row finds its way to the team.
_TEAM_OF_PERSON = "EXISTS (SELECT 1 FROM staff s WHERE s.id = {column})"
_TEAM_OF_CONVERSATION = "EXISTS (SELECT 1 FROM conversations c WHERE c.id = conversation_id)"
_ME = f"(SELECT {ACCESS_SCHEMA}.my_staff_id())"  # a sub-select: evaluated once per query

# table -> (privileges for rmp_manager, the row-level policy's condition or None for none)
MANAGER_TABLES: dict[str, tuple[str, str | None]] = {
    "staff": ("SELECT, INSERT, UPDATE", None),  # policies of their own, below
    "staff_aliases": ("SELECT, INSERT", _TEAM_OF_PERSON.format(column="staff_id")),
    "conversations": ("SELECT, INSERT, UPDATE, DELETE", _TEAM_OF_PERSON.format(column="person_id")),
    "conversation_sections": ("SELECT, INSERT, UPDATE, DELETE", _TEAM_OF_CONVERSATION),
    "signatures": ("SELECT, INSERT", _TEAM_OF_CONVERSATION),
    "exports": ("SELECT, INSERT", _TEAM_OF_CONVERSATION),
    # What is due for each person of the team, and mid-year reviews of their signed plans.
    "due_summary": ("SELECT, INSERT, UPDATE, DELETE", _TEAM_OF_PERSON.format(column="staff_id")),
    "midyear_reviews": ("SELECT, INSERT, UPDATE, DELETE",
                        _TEAM_OF_PERSON.format(column="staff_id")),
    # Preparations a manager brought into their team's conversations (what was said: team only).
    "preparation_imports": ("SELECT, INSERT", _TEAM_OF_CONVERSATION),
    # Equality monitoring: policies of their own, below (a manager reads back only what their
    # own login entered, for someone of their team).
    "equality_monitoring": ("SELECT, INSERT, UPDATE, DELETE", None),
    # Framework content, shared by everyone; no personal data.
    "pack_snapshots": ("SELECT, INSERT", None),
    # Identifiers and event facts only (never names or content): the chain is one for the store.
    "audit_log": ("SELECT, INSERT", None),
    "app_meta": ("SELECT, INSERT, UPDATE", None),  # policies of their own, below
    "alembic_version": ("SELECT", None),
}
# Every other table (the staff member's own side of a laptop store: my_development,
# preparation_parts, plan_progress, record_copies; a laptop's note of what it published:
# publications, published_people, published_equality; and any table a later migration adds)
# has row-level security on and no grant: closed to every login until the access rules name
# it. Laptops publish through rmp_access.publish (storage/pg_publish.py), never by these
# grants alone.


class AdminError(RuntimeError):
    """An administration step that cannot be done; the message says what to do."""


def _connect(url: str) -> psycopg.Connection[Any]:
    return connect(url)


def valid_login(login: str) -> str:
    login = (login or "").strip()
    if not login or len(login.encode()) > 63 or login.startswith("pg_") or login in GROUP_ROLES:
        raise AdminError(f"“{login}” cannot be used as a login name: give the database login "
                         "(at most 63 bytes, not starting with pg_, not one of "
                         f"{', '.join(GROUP_ROLES)}).")
    return login


# -- creating and upgrading ------------------------------------------------------------------

def init(url: str) -> str | None:
    """Create the group roles, let this login act as the owner, migrate, apply the access rules.
    Returns the revision the store was at before (None for a new store)."""
    with _connect(url) as conn:
        with conn.transaction():
            conn.execute("SELECT pg_advisory_xact_lock(%s)", (MIGRATION_LOCK,))
            for role in GROUP_ROLES:
                conn.execute(sql.SQL(
                    "DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = {name}) "
                    "THEN CREATE ROLE {role} NOLOGIN; END IF; END $$").format(
                        name=sql.Literal(role), role=sql.Identifier(role)))
            conn.execute(sql.SQL("GRANT {owner} TO CURRENT_USER").format(
                owner=sql.Identifier(OWNER_ROLE)))
    return upgrade(url)


def _give_owner_its_schema(url: str) -> None:
    """The owner role may create in the public schema and the database (a database copied from
    a template, or restored by a DBA, may have lost these grants)."""
    with _connect(url) as conn, conn.transaction():
        try:
            conn.execute(sql.SQL("GRANT USAGE, CREATE ON SCHEMA public TO {owner}").format(
                owner=sql.Identifier(OWNER_ROLE)))
            conn.execute(sql.SQL("GRANT CREATE ON DATABASE {db} TO {owner}").format(
                db=sql.Identifier(conn.info.dbname), owner=sql.Identifier(OWNER_ROLE)))
        except psycopg.errors.InsufficientPrivilege as exc:
            raise AdminError("This login may not hand the public schema to the store's owner "
                             f"role ({OWNER_ROLE}). Run store-admin as the database's owner or "
                             "a superuser.") from exc


def current_revision(url: str) -> str | None:
    from rmp_desktop.storage.bootstrap import pg_revision
    from rmp_desktop.store_location import StoreLocation

    return pg_revision(StoreLocation.of(url))


def upgrade(url: str) -> str | None:
    """Migrate to the head revision as the owner role, under an advisory lock, then re-apply the
    access rules. Returns the revision before."""
    from rmp_desktop.storage.migrate import upgrade_to_head
    from rmp_desktop.storage.schema import REVISIONS

    before = current_revision(url)
    if before is not None and before not in REVISIONS:
        raise AdminError(f"The store is at schema {before}, newer than this version knows; "
                         "upgrade it with the newer version.")
    _give_owner_its_schema(url)
    upgrade_to_head(url, as_role=OWNER_ROLE)
    apply_access(url)
    return before


def apply_access(url: str) -> None:
    """Schemas, the login map, grants, row-level security and policies; safe to run again."""
    with _connect(url) as conn, conn.transaction():
        conn.execute("SELECT pg_advisory_xact_lock(%s)", (MIGRATION_LOCK,))
        conn.execute(sql.SQL("SET LOCAL ROLE {}").format(sql.Identifier(OWNER_ROLE)))
        for statement in _access_statements():
            conn.execute(statement)


def _access_statements() -> list[str]:
    a, m, lead, o = ACCESS_SCHEMA, MANAGER_ROLE, LEAD_ROLE, OWNER_ROLE
    out = [
        f"CREATE SCHEMA IF NOT EXISTS {a}",
        f"REVOKE ALL ON SCHEMA {a} FROM PUBLIC",
        f"GRANT USAGE ON SCHEMA {a} TO {m}",
        f"""CREATE TABLE IF NOT EXISTS {a}.manager_logins (
              login name PRIMARY KEY,
              staff_uid varchar(32) NOT NULL CHECK (staff_uid ~ '^[0-9a-f]{{32}}$'),
              added_at timestamp NOT NULL DEFAULT (now() AT TIME ZONE 'utc'))""",
        # SECURITY DEFINER: runs as the owner, who reads staff unfiltered; session_user is the
        # login that connected (inside the function current_user is the owner).
        f"""CREATE OR REPLACE FUNCTION {a}.my_staff_id() RETURNS integer
              LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
              SELECT coalesce(
                (SELECT s.id FROM {a}.manager_logins l JOIN staff s ON s.uid = l.staff_uid
                  WHERE l.login = session_user),
                (SELECT al.staff_id FROM {a}.manager_logins l
                   JOIN staff_aliases al ON al.uid = l.staff_uid WHERE l.login = session_user))
            $$""",
        f"REVOKE ALL ON FUNCTION {a}.my_staff_id() FROM PUBLIC",
        f"GRANT EXECUTE ON FUNCTION {a}.my_staff_id() TO {m}",
        # Someone a manager adds without a line manager joins that manager's team.
        f"""CREATE OR REPLACE FUNCTION {a}.join_my_team() RETURNS trigger LANGUAGE plpgsql
              SECURITY DEFINER SET search_path = public, pg_temp AS $$
            BEGIN
              IF NEW.line_manager_id IS NULL THEN
                NEW.line_manager_id := {a}.my_staff_id();
              END IF;
              RETURN NEW;
            END $$""",
        f"REVOKE ALL ON FUNCTION {a}.join_my_team() FROM PUBLIC",
        "DROP TRIGGER IF EXISTS staff_joins_my_team ON staff",
        f"CREATE TRIGGER staff_joins_my_team BEFORE INSERT ON staff FOR EACH ROW "
        f"EXECUTE FUNCTION {a}.join_my_team()",
        f"CREATE SCHEMA IF NOT EXISTS {REPORTING_SCHEMA}",
        f"REVOKE ALL ON SCHEMA {REPORTING_SCHEMA} FROM PUBLIC",
        f"GRANT USAGE ON SCHEMA {REPORTING_SCHEMA} TO {lead}",
        # Reports as the lead reads them: suppressed figures only, one row per report made.
        f"""CREATE TABLE IF NOT EXISTS {REPORTING_SCHEMA}.published_reports (
              id bigserial PRIMARY KEY,
              made_at timestamp NOT NULL DEFAULT (now() AT TIME ZONE 'utc'),
              on_day date NOT NULL,
              body jsonb NOT NULL CHECK (body->>'format' = 'rmp-report'))""",
        f"REVOKE ALL ON {REPORTING_SCHEMA}.published_reports FROM PUBLIC",
        f"GRANT SELECT ON ALL TABLES IN SCHEMA {REPORTING_SCHEMA} TO {lead}",
        f"ALTER DEFAULT PRIVILEGES FOR ROLE {o} IN SCHEMA {REPORTING_SCHEMA} "
        f"GRANT SELECT ON TABLES TO {lead}",
        f"GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO {m}",
    ]
    out += pg_publish.access_statements(m)  # publishing from laptops (storage/pg_publish.py)
    out.append("""DO $$ DECLARE t record; BEGIN
          FOR t IN SELECT tablename FROM pg_tables WHERE schemaname = 'public' LOOP
            EXECUTE format('ALTER TABLE public.%I ENABLE ROW LEVEL SECURITY', t.tablename);
            EXECUTE format('REVOKE ALL ON public.%I FROM PUBLIC', t.tablename);
          END LOOP; END $$""")
    for table, (privileges, condition) in MANAGER_TABLES.items():
        out += [f"REVOKE ALL ON {table} FROM PUBLIC, {m}, {lead}",
                f"GRANT {privileges} ON {table} TO {m}"]
        if condition is not None:
            out += _policies(table, [("team", "ALL", condition, condition)])
    out += _policies("staff", [
        ("team_reads", "SELECT", f"id = {_ME} OR line_manager_id = {_ME}", None),
        ("team_joins", "INSERT", None, f"line_manager_id = {_ME}"),
        ("team_edits", "UPDATE", f"id = {_ME} OR line_manager_id = {_ME}",
         f"id = {_ME} OR line_manager_id = {_ME}"),
    ])
    entered_by_me = "entered_by = session_user"
    of_my_team = ("(EXISTS (SELECT 1 FROM staff s WHERE s.uid = staff_uid) OR EXISTS "
                  "(SELECT 1 FROM staff_aliases al WHERE al.uid = staff_uid))")
    out += _policies("equality_monitoring", [
        ("reads_own_entries", "SELECT", entered_by_me, None),
        ("enters_for_team", "INSERT", None, f"{entered_by_me} AND {of_my_team}"),
        ("edits_own_entries", "UPDATE", entered_by_me, f"{entered_by_me} AND {of_my_team}"),
        ("removes_own_entries", "DELETE", entered_by_me, None),
    ])
    out += _policies("app_meta", [
        ("reads", "SELECT", "true", None),
        # The audit chain's head is the only fact a manager's work moves.
        ("audit_head_inserts", "INSERT", None, "key = 'audit_head'"),
        ("audit_head_updates", "UPDATE", "key = 'audit_head'", "key = 'audit_head'"),
    ])
    for table in ("pack_snapshots", "audit_log"):
        out += _policies(table, [("shared_reads", "SELECT", "true", None),
                                 ("shared_appends", "INSERT", None, "true")])
    out.append("ALTER TABLE alembic_version ENABLE ROW LEVEL SECURITY")
    out += ["DROP POLICY IF EXISTS reads ON alembic_version",
            f"CREATE POLICY reads ON alembic_version FOR SELECT TO {m} USING (true)"]
    return out


def _policies(table: str, policies: list[tuple[str, str, str | None, str | None]]) -> list[str]:
    out = [f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY"]
    for name, command, using, check in policies:
        clause = f"CREATE POLICY {name} ON {table} FOR {command} TO {MANAGER_ROLE}"
        if using is not None:
            clause += f" USING ({using})"
        if check is not None:
            clause += f" WITH CHECK ({check})"
        out += [f"DROP POLICY IF EXISTS {name} ON {table}", clause]
    return out


# -- people who use the store ----------------------------------------------------------------

def add_manager(url: str, login: str, staff_uid: str) -> bool:
    """Let `login` (created if missing, without a password: set one with psql's \\password, or
    use Kerberos) work as the manager whose stable uid is `staff_uid`. True if the login was
    created."""
    login = valid_login(login)
    staff_uid = (staff_uid or "").strip().lower().replace("-", "")
    if not UID.match(staff_uid):
        raise AdminError("Give the manager's staff uid: 32 hexadecimal characters, as "
                         "`rmp-desktop records --json` or the manager's own store shows it.")
    with _connect(url) as conn, conn.transaction():
        created = _ensure_login(conn, login)
        conn.execute(sql.SQL("GRANT {} TO {}").format(sql.Identifier(MANAGER_ROLE),
                                                       sql.Identifier(login)))
        conn.execute(sql.SQL("SET LOCAL ROLE {}").format(sql.Identifier(OWNER_ROLE)))
        conn.execute(f"INSERT INTO {ACCESS_SCHEMA}.manager_logins(login, staff_uid) "
                     "VALUES (%s, %s) ON CONFLICT (login) DO UPDATE SET staff_uid = "
                     "excluded.staff_uid", (login, staff_uid))
    return created


def add_lead(url: str, login: str) -> bool:
    """Let `login` (created if missing) read the reporting views, and nothing else."""
    login = valid_login(login)
    with _connect(url) as conn, conn.transaction():
        created = _ensure_login(conn, login)
        conn.execute(sql.SQL("GRANT {} TO {}").format(sql.Identifier(LEAD_ROLE),
                                                       sql.Identifier(login)))
    return created


def _ensure_login(conn: psycopg.Connection[Any], login: str) -> bool:
    exists = conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (login,)).fetchone()
    if exists:
        return False
    conn.execute(sql.SQL("CREATE ROLE {} LOGIN").format(sql.Identifier(login)))
    return True


@dataclass(frozen=True)
class AccessSummary:
    revision: str | None
    managers: list[tuple[str, str]]  # (login, staff uid)
    leads: list[str]


def summary(url: str) -> AccessSummary:
    revision = current_revision(url)
    with _connect(url) as conn:
        mapped = conn.execute(f"SELECT to_regclass('{ACCESS_SCHEMA}.manager_logins')").fetchone()
        managers = conn.execute(
            f"SELECT login, staff_uid FROM {ACCESS_SCHEMA}.manager_logins ORDER BY login"
        ).fetchall() if mapped and mapped[0] else []
        leads = [r[0] for r in conn.execute(
            "SELECT m.rolname FROM pg_auth_members am JOIN pg_roles g ON g.oid = am.roleid "
            "JOIN pg_roles m ON m.oid = am.member WHERE g.rolname = %s ORDER BY 1",
            (LEAD_ROLE,))]
    return AccessSummary(revision, [(str(login), str(uid)) for login, uid in managers], leads)
