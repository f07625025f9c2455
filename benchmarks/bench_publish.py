"""Publishing a team's two years of records from a laptop to the organisation's store, on the
loopback, against the same rows copied into the same store with COPY.

The laptop (built once, through the application's own sign-off, so every fingerprint is
real): a manager and a team of 15, each with an appraisal and a career conversation in each of
two years, every step filled (tests/fixtures/full_record.py), signed by both; a few of them
amended and signed again. The organisation's store: a database made by `store-admin init`,
the manager's login mapped to them; each run gets a fresh copy of it, and of the laptop.

  ours      storage.publish.publish as File > Publish runs it: connect, who am I, read the
            laptop, every batch through rmp_access.publish (the store recomputes every
            fingerprint and checks every pack as it takes them), due dates worked out, the
            laptop's own note of what went and when. Target: at most 2 s, and at most 2 times
            the baseline.
  COPY      the rows the same publish leaves in the store (people, packs, conversations,
            sections, signatures, audit entries, due dates), copied by the store's owner with
            COPY into the same store, whose rules check them as they do ours: records in as
            drafts and fixed by one UPDATE per version, packs proved, signatures at commit.
  bare COPY the same rows into tables of the same shape with no rules at all: what moving the
            bytes alone costs (said, not a target).

Runs are interleaved so machine noise hits all alike; medians and the load are printed.

    eval "$(bash scripts/test_postgres.sh start)"
    python benchmarks/bench_publish.py [--runs 9] [--server URL]
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import statistics
import sys
import tempfile
import time
from contextlib import closing
from datetime import date, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

TEMPLATE = "rmp_bench_publish_template"
LOGIN = "rmp_bench_publisher"
TARGET_SECONDS, TARGET_RATIO = 2.0, 2.0
TEAM_SIZE, YEARS, AMENDED = 15, (2025, 2026), 3
# The store's tables a publish writes, in an order COPY can fill them (foreign keys).
TABLES = ("staff", "staff_aliases", "pack_snapshots", "conversations", "conversation_sections",
          "signatures", "audit_log", "due_summary")


def build_laptop(folder: Path) -> tuple[Path, str, int]:
    """The laptop's store file, its manager's uid and how many fixed records it holds."""
    from rmp_desktop.domain.conversation import STEP_IDS
    from rmp_desktop.domain.staff import FUNCTIONAL_AREAS, StaffMember
    from rmp_desktop.storage import bootstrap
    from rmp_desktop.storage.signoff_repo import SignoffRepository
    from rmp_desktop.storage.store import Store
    from tests.fixtures.full_record import document, packs

    folder.mkdir(parents=True)
    path = folder / "rmp-desktop.sqlite3"
    bootstrap.prepare(path, folder / "backups")
    store = Store(path)
    repo = SignoffRepository.of(store)
    pack_set, areas = packs(), sorted(FUNCTIONAL_AREAS)
    manager = store.staff.add(StaffMember(
        full_name="Ганна Коваленко", job_title="Head of Workforce Intelligence", band="8b",
        functional_area="workforce-intelligence", assignment_number="B-0000"))
    records = 0
    for i in range(TEAM_SIZE):
        person = store.staff.add(StaffMember(
            full_name=f"Nguyễn Thị Minh Anh {i}", preferred_name=f"Minh Anh {i}",
            job_title="Workforce Analyst", band=("5", "6", "7")[i % 3],
            functional_area=areas[i % len(areas)], assignment_number=f"B-{i + 1:04d}",
            line_manager_id=manager.id))
        for year in YEARS:
            for kind, month in (("appraisal", 4), ("career", 10)):
                meta = store.conversations.create(
                    person.id, kind, date(year, month, 3 + i), manager_name=manager.full_name,
                    manager_id=manager.id, packs=pack_set)
                doc = document()
                for step in STEP_IDS:
                    store.conversations.save_section(meta.id, step, doc[step])
                signed_at = datetime(year, month, 3 + i, 15, 0)
                repo.sign(meta.id, "employee", person.full_name, True, signed_at=signed_at)
                repo.sign(meta.id, "manager", manager.full_name, True, signed_at=signed_at)
                records += 1
                if i < AMENDED and year == YEARS[-1] and kind == "career":
                    amendment = repo.start_amendment(meta.id, "A target date moved")
                    store.conversations.save_section(amendment.id, "summary", {
                        **doc["summary"], "comments_visited": True})
                    repo.sign(amendment.id, "employee", person.full_name, True)
                    repo.sign(amendment.id, "manager", manager.full_name, True)
                    records += 1
    store.close()
    return path, manager.uid, records


def copy_file(source: Path, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / "rmp-desktop.sqlite3"
    with closing(sqlite3.connect(source)) as src, closing(sqlite3.connect(target)) as dst:
        src.backup(dst)
    return target


def make_template(server: str, manager_uid: str) -> None:
    import psycopg

    from rmp_desktop.storage import pg_admin
    from tests.pg_support import with_database

    with psycopg.connect(server, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {TEMPLATE} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {TEMPLATE}")
    url = with_database(server, TEMPLATE)
    pg_admin.init(url)
    pg_admin.add_manager(url, LOGIN, manager_uid)
    with psycopg.connect(url, autocommit=True) as conn:
        # The baseline's bare tables: the same columns, keys and indexes; no rules at all.
        conn.execute("CREATE SCHEMA bare")
        for table in TABLES:
            conn.execute(f"CREATE TABLE bare.{table} (LIKE public.{table} INCLUDING DEFAULTS "
                         "INCLUDING CONSTRAINTS INCLUDING INDEXES)")


def fresh_database(server: str, name: str) -> str:
    import psycopg

    from tests.pg_support import with_database

    with psycopg.connect(server, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {name} TEMPLATE {TEMPLATE}")
    return with_database(server, name)


def drop_database(server: str, name: str) -> None:
    import psycopg

    with psycopg.connect(server, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def run_publish(laptop_file: Path, url: str) -> tuple[float, object]:
    from rmp_desktop.storage.publish import publish
    from rmp_desktop.storage.store import Store
    from tests.pg_support import with_user

    store = Store(laptop_file)  # open already in the window when File > Publish is chosen
    try:
        start = time.perf_counter()
        report = publish(store, with_user(url, LOGIN))
        elapsed = time.perf_counter() - start
    finally:
        store.close()
    return elapsed, report


def published_rows(url: str) -> dict[str, tuple[list[str], list[tuple]]]:
    """Every row a publish left in the store, table by table (with their columns)."""
    import psycopg

    out = {}
    with psycopg.connect(url) as conn:
        for table in TABLES:
            cur = conn.execute(f"SELECT * FROM {table} ORDER BY 1")
            out[table] = ([d.name for d in cur.description], cur.fetchall())
    return out


def run_copy(url: str, rows: dict[str, tuple[list[str], list[tuple]]], *, bare: bool) -> float:
    """COPY `rows` in as the owner: into the store itself (its rules checking them) or into
    the bare tables."""
    import psycopg

    start = time.perf_counter()
    with psycopg.connect(url) as conn:
        if bare:
            conn.execute("SET search_path = bare")
        for table in TABLES:
            columns, data = rows[table]
            if table == "conversations" and not bare:  # in as drafts: the store fixes them
                at = columns.index("status"), columns.index("fingerprint")
                data = [tuple("draft" if i == at[0] else None if i == at[1] else v
                              for i, v in enumerate(row)) for row in data]
            with conn.cursor().copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
                for row in data:
                    copy.write_row(row)
        if not bare:
            columns, data = rows["conversations"]
            uid, status, fingerprint, version = (columns.index(c) for c in (
                "uid", "status", "fingerprint", "version"))
            for level in sorted({row[version] for row in data}):  # a version after the one
                fixes = [(row[uid], row[status], row[fingerprint]) for row in data  # it amends
                         if row[version] == level]
                conn.cursor().executemany(
                    "UPDATE conversations SET status = %s, fingerprint = %s WHERE uid = %s",
                    [(s, f, u) for u, s, f in fixes])
            head = rows["audit_log"][1][-1][rows["audit_log"][0].index("hash")]
            conn.execute("INSERT INTO app_meta(key, value) VALUES ('audit_head', %s) "
                         "ON CONFLICT (key) DO UPDATE SET value = excluded.value", (head,))
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--server", default=os.environ.get("RMP_TEST_PG_URL"),
                        help="a PostgreSQL superuser URL (default: $RMP_TEST_PG_URL)")
    args = parser.parse_args()
    if not args.server:
        sys.exit("Start a server first: eval \"$(bash scripts/test_postgres.sh start)\"")
    import psycopg

    with tempfile.TemporaryDirectory(prefix="rmp-bench-publish-") as work:
        work_dir = Path(work)
        built = time.perf_counter()
        laptop, manager_uid, records = build_laptop(work_dir / "laptop")
        print(f"laptop: a team of {TEAM_SIZE} and their manager, {records} signed records "
              f"({AMENDED} amended), built in {time.perf_counter() - built:.1f} s")
        make_template(args.server, manager_uid)
        try:
            # One publish to find the rows it leaves, for the COPY baselines (and warm-up).
            url = fresh_database(args.server, "rmp_bench_publish_0")
            _elapsed, report = run_publish(copy_file(laptop, work_dir / "warm"), url)
            assert not report.problems(), report.problems()
            rows = published_rows(url)
            drop_database(args.server, "rmp_bench_publish_0")
            sizes = ", ".join(f"{len(rows[t][1])} {t}" for t in TABLES)
            print(f"a publish leaves: {sizes}")
            ours, copied, bare = [], [], []
            for run in range(args.runs):
                name = f"rmp_bench_publish_{run + 1}"
                url = fresh_database(args.server, name)
                elapsed, report = run_publish(copy_file(laptop, work_dir / f"run{run}"), url)
                assert report.published == records and not report.problems()
                ours.append(elapsed)
                drop_database(args.server, name)
                url = fresh_database(args.server, name)
                copied.append(run_copy(url, rows, bare=False))
                bare.append(run_copy(url, rows, bare=True))
                drop_database(args.server, name)
        finally:
            with psycopg.connect(args.server, autocommit=True) as conn:
                conn.execute(f"DROP DATABASE IF EXISTS {TEMPLATE} WITH (FORCE)")
                conn.execute(f"DROP ROLE IF EXISTS {LOGIN}")
    ours_m, copy_m, bare_m = (statistics.median(x) for x in (ours, copied, bare))
    load = open("/proc/loadavg").read().split()[0]
    print(f"publish, {records} records                      {ours_m * 1000:8.1f} ms "
          f"(target {TARGET_SECONDS:.0f} s: {'ok' if ours_m <= TARGET_SECONDS else 'OVER'})")
    print(f"COPY of the same rows into the store           {copy_m * 1000:8.1f} ms   "
          f"ratio {ours_m / copy_m:5.2f} (target {TARGET_RATIO}: "
          f"{'ok' if ours_m / copy_m <= TARGET_RATIO else 'OVER'})")
    print(f"COPY into bare tables (no rules)               {bare_m * 1000:8.1f} ms   "
          f"ratio {ours_m / bare_m:5.2f}")
    print(f"medians of {args.runs} interleaved runs (load {load})")


if __name__ == "__main__":
    main()
