"""Reports on an organisation's store of 20,000 people and 200,000 conversations, on the loopback
PostgreSQL, against the same aggregates written as one plain SQL query each.

What is timed, each a median of interleaved runs in one process:

- coverage, the pipeline and the trends, each as the application works it out (storage
  .report_query gathers what the report needs, domain.report_tables counts every breakdown,
  domain.suppression suppresses every table), against one plain SQL query giving the same
  figures by band, unsuppressed (the fastest honest way to the numbers);
- the whole report (every section, every breakdown), as `store-admin publish-reports` and a
  window on the store work it out, against the three plain queries together;
- a manager's own team (the first manager's, through row-level security);
- the HR/OD lead's wait: reading the newest published report.

Targets: every report at most 1 s, and at most 3 times its plain SQL query.

    eval "$(bash scripts/test_postgres.sh start)"
    nice python benchmarks/bench_reports.py [--runs 5] [--rebuild]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.report_population import load_postgres, make  # noqa: E402
from rmp_desktop.content.loader import load_builtin  # noqa: E402
from rmp_desktop.domain.report_facts import quarter_ends  # noqa: E402
from rmp_desktop.domain.report_tables import ALL_SECTIONS, REPORTS, build_report  # noqa: E402

DATABASE = "rmp_bench_reports"
PEOPLE, CONVERSATIONS = 20_000, 200_000
ON = date(2027, 6, 15)
MANAGER_LOGIN = "rmp_bench_report_manager"
PIPELINE = ("aspirations", "transition", "talent", "wheel")


def prepare(server: str, rebuild: bool) -> str:
    import psycopg

    from rmp_desktop.storage import pg_admin
    from tests.pg_support import with_database

    url = with_database(server, DATABASE)
    with psycopg.connect(server, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s",
                              (DATABASE,)).fetchone()
        if exists and not rebuild:
            with psycopg.connect(url) as db:
                counts = db.execute("SELECT (SELECT count(*) FROM staff), "
                                    "(SELECT count(*) FROM conversations)").fetchone()
            if counts == (PEOPLE, CONVERSATIONS):
                return url
        conn.execute(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {DATABASE}")
    pg_admin.init(url)
    started = time.perf_counter()
    load_postgres(url, make(PEOPLE, CONVERSATIONS, on=ON))
    print(f"(loaded {PEOPLE:,} people and {CONVERSATIONS:,} conversations in "
          f"{time.perf_counter() - started:.0f} s)")
    return url


# -- the plain SQL baselines -------------------------------------------------------------------

_NEWEST = """newest AS (
  SELECT DISTINCT ON (person_id) person_id, id, held_on FROM conversations
   WHERE status = 'signed' AND held_on <= %(on)s ORDER BY person_id, held_on DESC, id DESC)"""

COVERAGE_SQL = f"""
WITH {_NEWEST},
last AS (
  SELECT person_id,
         max(held_on) FILTER (WHERE kind IN ('appraisal', 'both')) AS appraisal,
         max(held_on) FILTER (WHERE kind IN ('career', 'both')) AS career
    FROM conversations WHERE status = 'signed' AND held_on <= %(on)s GROUP BY person_id),
person AS (
  SELECT s.band, l.appraisal, l.career, n.held_on AS newest_on, p.body::jsonb AS plan
    FROM staff s LEFT JOIN last l ON l.person_id = s.id
    LEFT JOIN newest n ON n.person_id = s.id
    LEFT JOIN conversation_sections p ON p.conversation_id = n.id AND p.section = 'plan'
   WHERE NOT s.archived)
SELECT band, count(*),
  count(*) FILTER (WHERE appraisal > %(on)s::date - interval '12 months'),
  count(*) FILTER (WHERE career > %(on)s::date - interval '12 months'),
  count(*) FILTER (WHERE newest_on > %(on)s::date - interval '12 months'
                   AND (jsonb_array_length(plan->'objectives') > 0
                        OR jsonb_array_length(plan->'actions') > 0)),
  count(*) FILTER (WHERE newest_on > %(on)s::date - interval '12 months' AND jsonb_path_exists(
                   plan, '$.objectives[*] ? (@.edi == true && @.measure != "")')),
  count(*) FILTER (WHERE appraisal IS NULL OR appraisal <= %(on)s::date - interval '12 months'),
  count(*) FILTER (WHERE jsonb_path_exists(plan, '$.actions[*] ? ((@.target_date != "" &&
                   @.target_date < $d) || (@.review_date != "" && @.review_date < $d))',
                   jsonb_build_object('d', %(on)s::text)) OR jsonb_path_exists(plan,
                   '$.objectives[*] ? (@.due != "" && @.due < $d)',
                   jsonb_build_object('d', %(on)s::text)))
FROM person GROUP BY band"""


def pipeline_sql() -> str:
    packs = load_builtin()
    avenues = ",\n  ".join(
        f"count(*) FILTER (WHERE wheel->'avenues'->>'{a.id}' IN ('planned', 'active'))"
        for a in packs.wheel.avenues)
    boxes = ",\n  ".join(
        f"count(*) FILTER (WHERE (talent->>'included')::boolean AND talent->>'grid' = "
        f"'{packs.talent.id}' AND talent->'manager'->>'up' = '{b.up}' AND "
        f"talent->'manager'->>'across' = '{b.across}')" for b in packs.talent.boxes)
    readiness = ",\n  ".join(
        f"count(*) FILTER (WHERE transition->>'transition' = '{t.id}'),\n  "
        f"count(*) FILTER (WHERE transition->>'transition' = '{t.id}' AND 3 * (SELECT count(*) "
        f"FROM jsonb_each_text(transition->'expectations') e WHERE e.value = "
        f"'demonstrating') >= 2 * {len(t.all_expectations())})"
        for t in packs.transitions.transitions)
    return f"""
WITH {_NEWEST},
person AS (
  SELECT s.band, n.id AS record,
         (SELECT body::jsonb FROM conversation_sections c WHERE c.conversation_id = n.id
           AND c.section = 'aspirations') AS aspirations,
         (SELECT body::jsonb FROM conversation_sections c WHERE c.conversation_id = n.id
           AND c.section = 'transition') AS transition,
         (SELECT body::jsonb FROM conversation_sections c WHERE c.conversation_id = n.id
           AND c.section = 'talent') AS talent,
         (SELECT body::jsonb FROM conversation_sections c WHERE c.conversation_id = n.id
           AND c.section = 'wheel') AS wheel
    FROM staff s LEFT JOIN newest n ON n.person_id = s.id WHERE NOT s.archived)
SELECT band, count(*), count(record),
  count(*) FILTER (WHERE aspirations->'directions' ? 'depth'),
  count(*) FILTER (WHERE aspirations->'directions' ? 'breadth'),
  count(*) FILTER (WHERE aspirations->'directions' ? 'stretch'),
  {readiness},
  count(*) FILTER (WHERE (talent->>'included')::boolean),
  {boxes},
  {avenues}
FROM person GROUP BY band"""


def trends_sql(ends: tuple[date, ...]) -> tuple[str, dict[str, object]]:
    params: dict[str, object] = {}
    columns, outer = [], []
    for i, end in enumerate(ends):
        start = date(end.year, 3 * ((end.month - 1) // 3) + 1, 1)
        params[f"e{i}"], params[f"s{i}"] = end, start
        columns += [
            f"max(held_on) FILTER (WHERE kind IN ('appraisal', 'both') AND held_on <= %(e{i})s) "
            f"AS a{i}",
            f"max(held_on) FILTER (WHERE kind IN ('career', 'both') AND held_on <= %(e{i})s) "
            f"AS c{i}",
            f"count(*) FILTER (WHERE held_on BETWEEN %(s{i})s AND %(e{i})s) AS n{i}"]
        counted = f"(s.start_date IS NULL OR s.start_date <= %(e{i})s)"
        outer += [
            f"count(*) FILTER (WHERE {counted})",
            f"count(*) FILTER (WHERE {counted} AND a{i} > %(e{i})s::date - interval '12 months')",
            f"count(*) FILTER (WHERE {counted} AND c{i} > %(e{i})s::date - interval '12 months')",
            f"coalesce(sum(n{i}) FILTER (WHERE {counted}), 0)"]
    # Everyone's trend and each band's (ours also gives each group's recent quarters).
    sql = (f"WITH t AS (SELECT person_id, {', '.join(columns)} FROM conversations "
           f"WHERE status = 'signed' GROUP BY person_id) SELECT s.band, {', '.join(outer)} "
           "FROM staff s LEFT JOIN t ON t.person_id = s.id WHERE NOT s.archived "
           "GROUP BY GROUPING SETS ((), (s.band))")
    return sql, params


# -- timing ------------------------------------------------------------------------------------

def median_ms(fn: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument("--server", default=os.environ.get("RMP_TEST_PG_URL", ""))
    args = parser.parse_args()
    if not args.server:
        print("Start the test server first: eval \"$(bash scripts/test_postgres.sh start)\"",
              file=sys.stderr)
        return 2
    import psycopg

    from rmp_desktop.storage import pg_admin
    from rmp_desktop.storage.dialect import POSTGRESQL, DbConnection
    from rmp_desktop.storage.report_publish import latest, publish
    from rmp_desktop.storage.report_query import PIPELINE_SECTIONS, gather
    from tests.pg_support import with_user

    url = prepare(args.server, args.rebuild)
    packs = load_builtin()
    raw = psycopg.connect(url, autocommit=True, options="-c jit=off")
    conn = DbConnection(raw, POSTGRESQL)
    ends = quarter_ends(ON)
    trend_query, trend_params = trends_sql(ends)
    pipeline_query = pipeline_sql()

    def ours(read: tuple[str, ...] | None, report: str) -> Callable[[], object]:
        """Gather the sections `read` (None: no records), build the tables of `report` (every
        breakdown)."""
        tables = REPORTS[report] if report in REPORTS else ALL_SECTIONS
        return lambda: build_report(
            gather(conn, ON, sections=read or (), records=read is not None), ON,
            scope="bench", packs=packs, sections=tables)

    def plain(sql: str, params: dict[str, object]) -> Callable[[], object]:
        return lambda: raw.execute(sql, params).fetchall()

    on = {"on": ON}
    cases = [
        ("coverage", ours(("plan",), "coverage"), plain(COVERAGE_SQL, on)),
        ("pipeline", ours(PIPELINE, "pipeline"), plain(pipeline_query, on)),
        ("trends", ours(None, "trends"), plain(trend_query, trend_params)),
        ("whole report", ours(PIPELINE_SECTIONS, "whole"),
         lambda: (plain(COVERAGE_SQL, on)(), plain(pipeline_query, on)(),
                  plain(trend_query, trend_params)())),
    ]
    for _name, mine, baseline in cases:  # warm the caches once, both ways
        mine()
        baseline()
    results = []
    for name, mine, baseline in cases:
        mine_ms, plain_ms = [], []
        for _ in range(args.runs):  # interleaved, so noise on the machine hits both alike
            mine_ms.append(median_ms(mine, 1))
            plain_ms.append(median_ms(baseline, 1))
        results.append((name, statistics.median(mine_ms), statistics.median(plain_ms)))

    # A manager of ten, through row-level security.
    manager_uid = raw.execute("SELECT m.uid FROM staff m WHERE EXISTS (SELECT 1 FROM staff s "
                              "WHERE s.line_manager_id = m.id) ORDER BY m.id LIMIT 1"
                              ).fetchone()[0]
    pg_admin.add_manager(url, MANAGER_LOGIN, manager_uid)
    with psycopg.connect(with_user(url, MANAGER_LOGIN), autocommit=True,
                         options="-c jit=off") as as_manager:
        team = DbConnection(as_manager, POSTGRESQL)
        team_ms = median_ms(lambda: build_report(gather(team, ON), ON, scope="bench",
                                                 packs=packs), args.runs)
        team_size = len(gather(team, ON))
    publish(url, ON, packs, made_by="bench")
    lead_ms = median_ms(lambda: latest(raw), args.runs)
    raw.close()

    load = Path("/proc/loadavg").read_text().split()[:3] if Path("/proc/loadavg").exists() \
        else ["?"]
    print(f"Reports on {PEOPLE:,} people and {CONVERSATIONS:,} conversations (PostgreSQL, "
          f"loopback), median of {args.runs} interleaved runs; load {' '.join(load)}")
    print(f"{'report':<14} {'ours ms':>9} {'plain SQL ms':>13} {'ratio':>6}  target")
    worst = 0.0
    for name, mine, baseline in results:
        ratio = mine / baseline
        worst = max(worst, ratio)
        ok = "ok" if mine <= 1000 and ratio <= 3 else "OVER"
        print(f"{name:<14} {mine:>9.0f} {baseline:>13.0f} {ratio:>6.2f}  <= 1000 ms, <= 3x  {ok}")
    print(f"a manager's own team ({team_size} people, row-level security): {team_ms:.0f} ms")
    print(f"the HR/OD lead's wait, the newest published report read: {lead_ms:.1f} ms")
    return 0 if all(m <= 1000 and m / b <= 3 for _n, m, b in results) else 1


if __name__ == "__main__":
    raise SystemExit(main())
