"""The window on an organisation's PostgreSQL store against the same window on a SQLite file.

The same 10,000 fictional people (and 5,000 conversations) are put in a store file and in a
PostgreSQL database; the PostgreSQL one is read as a manager's login would read it, through
row-level security, with every one of them in that manager's team (the policy is checked on
every row). Each measurement is a fresh `rmp-desktop` process, timed from spawn to its first
paint and to the team list shown; SQLite and PostgreSQL runs are interleaved, so machine
noise hits both alike. Target: PostgreSQL within 1.2 times SQLite for both.

    eval "$(bash scripts/test_postgres.sh start)"
    python benchmarks/bench_pg_window.py [--runs 9] [--server URL]
"""

from __future__ import annotations

import argparse
import compileall
import os
import sqlite3
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.bench_startup import OURS, run  # noqa: E402
from benchmarks.support import build_store  # noqa: E402

DATABASE = "rmp_bench_window"
MANAGER_LOGIN = "rmp_bench_manager"
# The same probe as bench_startup, with the program's arguments passed through.
PROBE = OURS.replace('main(["--data-dir", sys.argv[1]])', "main(sys.argv[1:])")
COLUMNS = ("uid", "full_name", "preferred_name", "job_title", "band", "functional_area",
           "line_manager_id", "start_date", "email", "assignment_number", "archived",
           "search_text", "created_at", "updated_at")


def copy_to_postgres(sqlite_path: Path, server: str) -> str:
    """A PostgreSQL store (made by store-admin init) holding the file's people and
    conversations, all in one manager's team; returns that manager's URL."""
    import psycopg

    from rmp_desktop.storage import pg_admin
    from tests.pg_support import with_database, with_user

    with psycopg.connect(server, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {DATABASE}")
    url = with_database(server, DATABASE)
    pg_admin.init(url)
    source = sqlite3.connect(sqlite_path)
    staff = source.execute(f"SELECT {', '.join(COLUMNS)} FROM staff ORDER BY id").fetchall()
    conversations = source.execute("SELECT id, uid, person_id, kind, held_on, created_at, "
                                   "updated_at FROM conversations ORDER BY id").fetchall()
    with psycopg.connect(url) as conn:
        with conn.cursor() as cur:
            # The manager first (id 1), then everyone else in their team.
            manager_uid = os.urandom(16).hex()
            cur.execute("INSERT INTO staff(uid, full_name, band, functional_area, search_text, "
                        "created_at, updated_at) VALUES (%s, 'Bench Manager', '8a', 'hr-policy',"
                        " 'bench manager', now(), now()) RETURNING id", (manager_uid,))
            manager_id = cur.fetchone()[0]
            with cur.copy(f"COPY staff ({', '.join(COLUMNS)}) FROM STDIN") as copy:
                for row in staff:
                    row = list(row)
                    row[6] = manager_id
                    row[10] = bool(row[10])
                    copy.write_row(row)
            cur.execute("SELECT id FROM staff WHERE id <> %s ORDER BY id", (manager_id,))
            new_ids = [r[0] for r in cur.fetchall()]
            with cur.copy("COPY conversations (uid, person_id, kind, held_on, created_at, "
                          "updated_at) FROM STDIN") as copy:
                for _cid, uid, person_id, kind, held_on, created, updated in conversations:
                    copy.write_row((uid, new_ids[person_id - 1], kind, held_on, created, updated))
        conn.execute("ANALYZE")
    with psycopg.connect(server, autocommit=True) as conn:
        conn.execute(f"DROP ROLE IF EXISTS {MANAGER_LOGIN}")
    pg_admin.add_manager(url, MANAGER_LOGIN, manager_uid)
    return with_user(url, MANAGER_LOGIN)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--server", default=os.environ.get("RMP_TEST_PG_URL"),
                        help="a PostgreSQL superuser URL (default $RMP_TEST_PG_URL)")
    args = parser.parse_args()
    if not args.server:
        sys.exit("Give --server URL or start scripts/test_postgres.sh and set RMP_TEST_PG_URL.")
    compileall.compile_dir(str(ROOT / "rmp_desktop"), quiet=1)
    with tempfile.TemporaryDirectory() as tmp:
        sqlite_dir, pg_dir = Path(tmp, "sqlite"), Path(tmp, "pg")
        sqlite_dir.mkdir()
        pg_dir.mkdir()
        build_store(sqlite_dir / "rmp-desktop.sqlite3", args.people,
                    conversations=args.people // 2)
        manager_url = copy_to_postgres(sqlite_dir / "rmp-desktop.sqlite3", args.server)
        lite_args = ("--data-dir", str(sqlite_dir))
        pg_args = ("--data-dir", str(pg_dir), "--store", manager_url)
        people = [run(PROBE, *lite_args), run(PROBE, *pg_args)]  # warm caches for both
        if run(PROBE, *pg_args).get("team") is None:
            raise SystemExit("the PostgreSQL window never showed its team")
        del people
        lite, pg = [], []
        for _ in range(args.runs):
            lite.append(run(PROBE, *lite_args))
            pg.append(run(PROBE, *pg_args))
    print(f"the window on {args.people:,} people, median of {args.runs} interleaved runs "
          f"(load {open('/proc/loadavg').read().split()[0]})")
    for key, label in (("paint", "first paint"), ("team", "team list shown")):
        a = statistics.median(r[key] for r in lite)
        b = statistics.median(r[key] for r in pg)
        verdict = "ok" if b / a <= 1.2 else "OVER target 1.2"
        print(f"  {label:<16} SQLite {a * 1000:7.1f} ms   PostgreSQL (a manager's login, RLS) "
              f"{b * 1000:7.1f} ms   ratio {b / a:.2f}  {verdict}")


if __name__ == "__main__":
    main()
