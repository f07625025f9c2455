"""A fictional organisation for the reports: people with bands, areas, directorates and line
managers, years of signed appraisals and career conversations with full plans, aspirations,
transitions, talent placements and exposure wheels, and equality monitoring answers for most.

Loaded straight into a store's tables, fast (executemany into a file, COPY into PostgreSQL,
with triggers off while the rows go in, as a restore would): the point is the size and shape
of the data the reports read, not the path records take to be signed. Fingerprints are
placeholders, so `check` would complain about these stores; nothing else reads them.

    python benchmarks/report_population.py STORE.sqlite3 [--people 400]   # for screenshots
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.support import FAMILY, GIVEN, TITLES  # noqa: E402
from rmp_desktop.domain.equality import QUESTION_IDS  # noqa: E402
from rmp_desktop.domain.staff import BANDS, FUNCTIONAL_AREAS, fold  # noqa: E402

DIRECTORATES = ("Corporate services", "Medicine", "Surgery", "Women and children",
                "Community services", "Mental health", "Estates and facilities",
                "Finance and digital")
BAND_WEIGHTS = (4, 6, 10, 20, 20, 18, 8, 5, 4, 2, 2, 1)
AVENUES = ("secondments", "shadowing", "experience-placements", "stretch-assignments",
           "acting-up", "committees-board", "coaching", "mentoring", "reverse-mentoring",
           "networks", "action-learning", "master-classes", "events-conferences",
           "development-programmes", "qualifications-membership", "online-learning")
STATUSES = ("exploring", "planned", "active", "done")
ETHNIC = (("white-british", 40), ("white-irish", 3), ("white-other", 9), ("mixed-other", 3),
          ("mixed-white-black-caribbean", 2), ("asian-indian", 10), ("asian-pakistani", 5),
          ("asian-bangladeshi", 3), ("asian-other", 3), ("black-african", 10),
          ("black-caribbean", 6), ("black-other", 1), ("other-arab", 1), ("other-any", 1),
          ("prefer-not", 3))
NOW = "2027-01-01 09:00:00"


@dataclass
class Rows:
    staff: list[tuple] = field(default_factory=list)
    conversations: list[tuple] = field(default_factory=list)
    sections: list[tuple] = field(default_factory=list)
    equality: list[tuple] = field(default_factory=list)


def make(people: int, conversations: int, *, on: date = date(2027, 6, 15),
         seed: int = 12) -> Rows:
    """`people` staff (one in ten a line manager) and about `conversations` conversations,
    most signed, over the five years before `on`."""
    rng = random.Random(seed)
    rows = Rows()
    areas = list(FUNCTIONAL_AREAS)
    managers: list[int] = []
    for i in range(1, people + 1):
        name = f"{rng.choice(GIVEN)} {rng.choice(FAMILY)} {i}"
        title = rng.choice(TITLES)
        manager = rng.choice(managers) if managers and i % 10 else None
        if i % 10 == 1:
            managers.append(i)
        started = on - timedelta(days=rng.randint(30, 365 * 12))
        rows.staff.append((i, f"{rng.getrandbits(128):032x}", name, "", title,
                           rng.choices(BANDS, BAND_WEIGHTS)[0], rng.choice(areas), manager,
                           started, "", f"R{i:07d}", False, fold(f"{name} {title}"),
                           rng.choice(DIRECTORATES), NOW, NOW))
        if rng.random() < 0.7:
            answers = {"ethnic_group": rng.choices([e for e, _ in ETHNIC],
                                                   [w for _, w in ETHNIC])[0],
                       "disability": rng.choices(("yes", "no", "prefer-not"), (8, 85, 7))[0],
                       "sex": rng.choices(("female", "male", "prefer-not"), (70, 28, 2))[0],
                       "age_band": rng.choice(("under-25", "25-34", "35-44", "45-54",
                                               "55-64"))}
            rows.equality.append((rows.staff[-1][1], *(answers.get(q) for q in QUESTION_IDS),
                                  "self", None, False, "", NOW))
    per_person = max(conversations / max(people, 1), 0.0)
    conversation_id = 0
    for staff in rows.staff:
        person, band = staff[0], staff[5]
        count = int(per_person) + (1 if rng.random() < per_person % 1 else 0)
        day = on - timedelta(days=rng.randint(0, 200))
        for n in range(count):
            conversation_id += 1
            kind = rng.choices(("appraisal", "career", "both"), (5, 2, 3))[0]
            status = "signed" if n or rng.random() < 0.85 else rng.choice(
                ("draft", "awaiting_signoff"))
            held = day - timedelta(days=int(n * 365 * 5 / max(count, 1)) + rng.randint(0, 40))
            rows.conversations.append((
                conversation_id, f"{rng.getrandbits(128):032x}", person, staff[7], "A manager",
                kind, held, status, "summary", "[]", 1, None, "",
                "0" * 64 if status != "draft" else None, NOW, NOW))
            for section, body in _sections(rng, band, held, on).items():
                rows.sections.append((conversation_id, section, body, NOW))
    return rows


def _sections(rng: random.Random, band: str, held: date, on: date) -> dict[str, str]:
    def later(days: int) -> str:
        return (held + timedelta(days=days)).isoformat()

    objectives = [{"id": f"o{k}", "text": "Lead the review of the recruitment pathway and "
                                          "agree the changes with the divisions",
                   "measure": "Time to hire down by a fifth by the year end" if
                   rng.random() < 0.9 else "", "due": later(rng.randint(120, 360)),
                   "edi": k == 1 and rng.random() < 0.6} for k in range(1, rng.randint(2, 4))]
    actions = [{"id": f"a{k}", "text": "Shadow the deputy director at the workforce committee",
                "gap": {"kind": "avenue", "ref": "shadowing"}, "support": "Time agreed",
                "success_measure": "Two meetings attended and a note written",
                "owner": "Themselves", "target_date": later(rng.randint(60, 300)),
                "review_date": later(rng.randint(30, 150)), "suggested": False}
               for k in range(1, rng.randint(2, 5))]
    plan = {"objectives": objectives, "actions": actions, "dismissed_suggestions": [],
            "proposed_objectives": [], "development_ideas": []}
    directions = rng.sample(("depth", "breadth", "stretch"), rng.randint(0, 2))
    aspirations = {"directions": directions, "target_level": rng.choice((None, 2, 3, 4)),
                   "target_roles": "Senior HR business partner", "functional_areas": [],
                   "time_horizon": rng.choice(("", "1y", "2y", "3y")),
                   "membership_current": "", "membership_target": "",
                   "notes": "Wants to grow towards leading a service."}
    senior = band in ("8a", "8b", "8c", "8d", "9", "VSM")
    transition = {"stream": "", "transition": "", "expectations": {}, "experiences": {},
                  "notes": ""}
    if senior and rng.random() < 0.5:
        chosen = "transition-1" if band in ("8a", "8b") else "transition-2"
        ready = rng.random()  # how far along this person is
        transition.update(stream="stream-1" if chosen == "transition-1" else "stream-2",
                          transition=chosen, expectations={
                              e: "demonstrating" if rng.random() < ready else "developing"
                              for e in _EXPECTATIONS[chosen]})
    talent = {"included": False, "grid": "", "self": {"up": "", "across": ""},
              "manager": {"up": "", "across": ""}, "reason": ""}
    if rng.random() < 0.3:
        placement = {"up": rng.choice(("impact-building", "impact-steady", "impact-strong")),
                     "across": rng.choice(("growth-depth", "growth-breadth", "growth-stretch"))}
        talent = {"included": True, "grid": "rmp.talent-scope-for-growth", "self": placement,
                  "manager": placement, "reason": "Agreed together."}
    wheel = {"avenues": {a: rng.choice(STATUSES) for a in rng.sample(AVENUES, rng.randint(2, 6))},
             "notes": ""}
    reflection = {"went_well": "The recruitment pilot cut agency use in two wards. " * 3,
                  "was_hard": "Winter pressures.", "proud_of": "", "hopes": ""}
    return {name: json.dumps(body, separators=(",", ":")) for name, body in (
        ("reflection", reflection), ("aspirations", aspirations), ("transition", transition),
        ("talent", talent), ("wheel", wheel), ("plan", plan),
        ("summary", {"employee_comments": "Agreed.", "comments_visited": True}))}


def _expectations() -> dict[str, list[str]]:
    from rmp_desktop.content.loader import load_builtin

    return {t.id: [e.id for e in t.all_expectations()]
            for t in load_builtin().transitions.transitions}


_EXPECTATIONS = _expectations()

STAFF_COLUMNS = ("id", "uid", "full_name", "preferred_name", "job_title", "band",
                 "functional_area", "line_manager_id", "start_date", "email",
                 "assignment_number", "archived", "search_text", "directorate", "created_at",
                 "updated_at")
CONVERSATION_COLUMNS = ("id", "uid", "person_id", "manager_id", "manager_name", "kind",
                        "held_on", "status", "current_step", "pack_refs", "version",
                        "supersedes_id", "amendment_reason", "fingerprint", "created_at",
                        "updated_at")
SECTION_COLUMNS = ("conversation_id", "section", "body", "updated_at")
EQUALITY_COLUMNS = ("staff_uid", *QUESTION_IDS, "source", "consent_on", "share", "entered_by",
                    "updated_at")
TABLES = (("staff", STAFF_COLUMNS, "staff"), ("conversations", CONVERSATION_COLUMNS,
                                                "conversations"),
          ("conversation_sections", SECTION_COLUMNS, "sections"),
          ("equality_monitoring", EQUALITY_COLUMNS, "equality"))


def load_sqlite(path: Path, rows: Rows) -> None:
    """Into a store file at the head revision (made if missing)."""
    import sqlite3

    from rmp_desktop.storage import bootstrap

    bootstrap.prepare(path, path.parent / "backups")
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA synchronous=OFF")
    status, fingerprint = CONVERSATION_COLUMNS.index("status"), \
        CONVERSATION_COLUMNS.index("fingerprint")
    for table, columns, attribute in TABLES:
        marks = ", ".join("?" for _ in columns)
        values = [tuple(v.isoformat() if isinstance(v, date) else v for v in row)
                  for row in getattr(rows, attribute)]
        if table == "conversations":  # drafts while their sections go in, as in the window
            values = [(*v[:status], "draft", *v[status + 1:fingerprint], None,
                       *v[fingerprint + 1:]) for v in values]
        conn.executemany(f"INSERT INTO {table}({', '.join(columns)}) VALUES ({marks})", values)
    conn.executemany("UPDATE conversations SET status = ?, fingerprint = ? WHERE id = ?",
                     [(c[status], c[fingerprint], c[0]) for c in rows.conversations
                      if c[status] != "draft"])
    conn.commit()
    conn.close()


def load_postgres(url: str, rows: Rows) -> None:
    """Into an organisation's store made by `store-admin init`, as its superuser."""
    import psycopg

    with psycopg.connect(url) as conn:
        conn.execute("SET session_replication_role = replica")  # a restore: no triggers
        for table, columns, attribute in TABLES:
            with conn.cursor().copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
                for row in getattr(rows, attribute):
                    copy.write_row(row)
        for table in ("staff", "conversations"):
            conn.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                         f"(SELECT max(id) FROM {table}))")
        conn.execute("ANALYZE")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("store", type=Path)
    parser.add_argument("--people", type=int, default=400)
    parser.add_argument("--conversations", type=int, default=None)
    args = parser.parse_args()
    rows = make(args.people, args.conversations or args.people * 8)
    load_sqlite(args.store, rows)
    print(f"{args.store}: {len(rows.staff)} people, {len(rows.conversations)} conversations")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
