"""Between conversations on a big store: starting a second conversation, the team's year, and
the team list's new columns.

A store of 10,000 people and 100,000 conversations with full plans (three objectives, four
actions with target and review dates, rated competencies, a wheel), seven in ten signed, and
the due summary filled as the migration fills it. Measured, each against a baseline in the
same run:

- gathering everything a second conversation carries from the last signed plan
  (storage.last_time.start_document), against reading that record's id and sections with raw
  sqlite3; target at most 50 ms median. Also the whole start (the draft written, fsync'd).
- the year view for a team of 50 (storage.due_query.person_years + domain.due.team_year),
  against reading the same conversations and plans with raw sqlite3; target 100 ms.
- the team list's read with its new columns (Last signed, Next due), against the read it
  replaces (the newest conversation per person, worked out in the query); target 1.2.

    python benchmarks/bench_between.py [--runs 21] [--people 10000] [--conversations 100000]
"""

from __future__ import annotations

import argparse
import json
import random
import sqlite3
import sys
import tempfile
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.support import build_store, median_of, report  # noqa: E402
from rmp_desktop.content.loader import load_builtin  # noqa: E402
from rmp_desktop.domain.conversation import STEP_IDS  # noqa: E402
from rmp_desktop.domain.due import team_year  # noqa: E402
from rmp_desktop.storage import due_summary  # noqa: E402
from rmp_desktop.storage.due_query import person_years  # noqa: E402
from rmp_desktop.storage.last_time import start_document  # noqa: E402
from rmp_desktop.storage.store import Store  # noqa: E402
from rmp_desktop.storage.team_query import load_team  # noqa: E402

# The team list's read before this work: the newest conversation of any status per person.
TODAYS_TEAM_SQL = """
SELECT s.id,
       CASE WHEN s.preferred_name != '' THEN s.preferred_name ELSE s.full_name END,
       s.full_name, s.job_title, s.band, s.functional_area, s.archived,
       COALESCE((SELECT max(c.held_on) FROM conversations c WHERE c.person_id = s.id), ''),
       s.search_text
FROM staff s
"""
_NOW = "2026-01-01 09:00:00"


def dumps(value) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


def fill(path: Path, people: int, conversations: int, seed: int = 11) -> None:
    rng = random.Random(seed)
    packs = load_builtin()
    areas = [a.id for a in packs.competency.areas]
    avenues = [a.id for a in packs.wheel.avenues]
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA synchronous=OFF")
    batch = 10_000
    for start in range(1, conversations + 1, batch):
        convs, sections, signed = [], [], []
        for c in range(start, min(start + batch, conversations + 1)):
            year = rng.randint(2019, 2026)
            held = f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
            status = "signed" if rng.random() < 0.7 else "draft"
            plan = {"objectives": [{"id": f"o{c}-{i}", "text": f"Objective {i} of the plan",
                                    "measure": "Measured", "due": f"{year + 1}-0{i + 3}-15",
                                    "edi": i == 0} for i in range(3)],
                    "actions": [{"id": f"a{c}-{i}", "text": f"Development action {i}",
                                 "gap": {"kind": "other", "ref": ""}, "support": "Time",
                                 "success_measure": "Done", "owner": "Them",
                                 "target_date": f"{year + 1}-0{i + 2}-20",
                                 "review_date": f"{year}-12-0{i + 1}", "suggested": False}
                                for i in range(4)],
                    "dismissed_suggestions": [], "proposed_objectives": [],
                    "development_ideas": []}
            body = {step: {"notes": "A few words of what was said."} for step in STEP_IDS}
            body["plan"] = plan
            body["competencies"] = {"framework": "", "last_time": {}, "current_level": 2,
                                    "target_level": 3, "ratings": {
                                        a: {"self": rng.randint(1, 4), "manager": rng.randint(1, 4),
                                            "evidence": "An example"} for a in areas}}
            body["wheel"] = {"avenues": {a: rng.choice(["exploring", "active", "done"])
                                         for a in rng.sample(avenues, 5)}, "notes": ""}
            body["aspirations"] = {"directions": ["stretch"], "target_level": 3,
                                   "time_horizon": "2y", "notes": "Words"}
            convs.append((c, f"{c:032x}", rng.randint(1, people),
                          rng.choice(["appraisal", "career", "both"]), held, "draft", _NOW, _NOW))
            if status == "signed":
                signed.append((c,))
            sections += [(c, step, dumps(body[step]), _NOW) for step in STEP_IDS]
        conn.executemany("INSERT INTO conversations(id, uid, person_id, kind, held_on, status, "
                         "created_at, updated_at) VALUES (?,?,?,?,?,?,?,?)", convs)
        conn.executemany("INSERT INTO conversation_sections(conversation_id, section, body, "
                         "updated_at) VALUES (?,?,?,?)", sections)
        # Signed once their sections are in, as the triggers allow (fingerprints are not
        # what is measured here).
        conn.executemany("UPDATE conversations SET status = 'signed' WHERE id = ?", signed)
    conn.commit()
    conn.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=21)
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--conversations", type=int, default=100_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = build_store(Path(tmp) / "store.sqlite3", args.people)
        fill(path, args.people, args.conversations)
        store = Store(path)
        import time

        started = time.perf_counter()
        with store.engine.begin() as conn:
            due_summary.refresh_everyone(conn)
        print(f"filling the due summary for {args.people:,} people (as migration 0005 does): "
              f"{(time.perf_counter() - started) * 1000:.0f} ms, once")
        measure(store, path, args)
        store.close()


def measure(store: Store, path: Path, args) -> None:
    rng = random.Random(5)
    raw = sqlite3.connect(path)
    signed_people = [r[0] for r in raw.execute(
        "SELECT DISTINCT person_id FROM conversations WHERE status = 'signed'")]
    people = iter(rng.sample(signed_people, args.runs * 4 + 4))

    def gather():
        with store.engine.connect() as conn:
            start_document(conn, next(people))

    def gather_raw():
        pid = next(people)
        row = raw.execute("SELECT id FROM conversations WHERE person_id = ? AND status = "
                          "'signed' ORDER BY held_on DESC, id DESC LIMIT 1", (pid,)).fetchone()
        [json.loads(b) for _s, b in raw.execute(
            "SELECT section, body FROM conversation_sections WHERE conversation_id = ?",
            (row[0],))]

    print(f"\n{args.people:,} people, {args.conversations:,} conversations")
    report("second conversation: gathering what it carries / raw read", median_of(
        gather, args.runs), median_of(gather_raw, args.runs))
    packs = load_builtin()
    starts = iter(rng.sample(signed_people, args.runs + 1))
    report("second conversation: the whole start, written / gathering alone", median_of(
        lambda: store.conversations.create(next(starts), "both", date(2027, 1, 5), packs=packs),
        args.runs), median_of(gather, args.runs))

    current = [r[0] for r in raw.execute("SELECT id FROM staff WHERE archived = 0")]
    team = rng.sample(current, 50)

    def year():
        with store.engine.connect() as conn:
            return team_year(person_years(conn, team), date(2026, 11, 27))

    marks = ",".join("?" * len(team))

    def year_raw():
        rows = raw.execute(f"SELECT id, person_id, kind, held_on, status FROM conversations "
                           f"WHERE person_id IN ({marks})", team).fetchall()
        ids = [r[0] for r in rows if r[4] == "signed"]
        [json.loads(b) for (b,) in raw.execute(
            f"SELECT body FROM conversation_sections WHERE section = 'plan' AND "
            f"conversation_id IN ({','.join('?' * len(ids))})", ids)]

    assert len(year().people) == 50
    report("what is due for a team of 50 / raw read of the same rows", median_of(
        year, args.runs), median_of(year_raw, args.runs))

    assert len(load_team(path)) == args.people
    report("team list with Last signed and Next due / today's read", median_of(
        lambda: load_team(path), max(args.runs // 2, 5)),
        median_of(lambda: sqlite3.connect(path).execute(TODAYS_TEAM_SQL).fetchall(),
                  max(args.runs // 2, 5)), target=1.2)
    raw.close()


if __name__ == "__main__":
    main()
