"""Shared pieces of the benchmarks: big fictional stores, medians, ratios."""

from __future__ import annotations

import random
import sqlite3
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from rmp_desktop.domain.staff import BANDS, FUNCTIONAL_AREAS, fold
from rmp_desktop.storage import bootstrap

GIVEN = ["Aušra", "Minh Anh", "Ганна", "Ιωάννα", "Siobhán", "Oluwaseun", "Chloé", "Mehmet", "Zainab",
         "Kwame", "Priya", "Tomasz", "Adaeze", "Björn", "Małgorzata", "Đức", "Søren", "Ngozi", "Wei",
         "Aroha", "Fatima", "Joaquín", "Leilani", "Dmitri", "Sinéad", "Tariq", "Yusuf", "Eilidh"]
FAMILY = ["Žukauskienė", "Nguyễn", "Коваленко", "Παπαδοπούλου", "Ní Bhriain", "Adébáyọ̀", "Dubois",
          "Yılmaz", "Al-Farsi", "Asante", "Raghunathan", "Wiśniewski", "Okonkwo", "Løvland",
          "Szczęsna", "Trần", "Ødegård", "Eze", "Zhang", "Ngata", "Haddad", "Peña", "Kahale",
          "Sokolov", "Ó Briain", "Rahman", "Demir", "MacLeòid"]
TITLES = ["HR Adviser", "Senior HR Business Partner", "Workforce Analyst", "OD Practitioner",
          "Recruitment Coordinator", "Medical Staffing Officer", "Employee Relations Lead",
          "Learning and Development Officer", "EDI Lead", "Occupational Health Nurse"]


def build_store(path: Path, people: int, conversations: int = 0, seed: int = 7) -> Path:
    """A store with `people` fictional staff and `conversations` draft conversations, fast."""
    rng = random.Random(seed)
    bootstrap.prepare(path, path.parent / "backups")
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA synchronous=OFF")
    now = "2026-01-01 09:00:00"
    areas = list(FUNCTIONAL_AREAS)
    rows = []
    for i in range(people):
        name = f"{rng.choice(GIVEN)} {rng.choice(FAMILY)} {i}"
        title = rng.choice(TITLES)
        rows.append((f"{rng.getrandbits(128):032x}", name, "", title, rng.choice(BANDS),
                     rng.choice(areas), None, None, "", f"B{i:07d}", int(rng.random() < 0.05),
                     fold(f"{name} {title}"), now, now))
    conn.executemany(
        "INSERT INTO staff(uid, full_name, preferred_name, job_title, band, functional_area, "
        "line_manager_id, start_date, email, assignment_number, archived, search_text, "
        "created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)", rows)
    if conversations:
        body = '{"went_well":"' + "Steady progress on the workforce plan. " * 8 + '"}'
        convs, sections = [], []
        for c in range(1, conversations + 1):
            convs.append((c, f"{c:032x}", rng.randint(1, people), "both",
                          f"202{rng.randint(2, 6)}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}",
                          now, now))
            sections.append((c, "reflection", body, now))
        conn.executemany("INSERT INTO conversations(id, uid, person_id, kind, held_on, created_at, "
                         "updated_at) VALUES (?,?,?,?,?,?,?)", convs)
        conn.executemany("INSERT INTO conversation_sections(conversation_id, section, body, "
                         "updated_at) VALUES (?,?,?,?)", sections)
    conn.commit()
    conn.close()
    return path


def median_of(fn: Callable[[], object], runs: int, warmup: int = 1) -> float:
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def report(name: str, ours: float, baseline: float, target: float | None = None,
           unit: str = "ms") -> None:
    ratio = ours / baseline if baseline else float("inf")
    scale = 1000 if unit == "ms" else 1
    verdict = "" if target is None else ("  ok" if ratio <= target else f"  OVER target {target}")
    print(f"{name:<58} {ours * scale:9.2f} {unit}  baseline {baseline * scale:9.2f} {unit}  "
          f"ratio {ratio:5.2f}{verdict}")


NOTES = ("Talked through the rota review and what the ward managers said about it. ",
         "Wants more time on the workforce plan before the next board paper. ",
         "Agreed to shadow the deputy director at two consultations. ",
         "The job evaluation panel went well; evidence is in the portfolio. ",
         "Finds the quarterly returns hard to fit around casework. ",
         "Keen to lead the next recruitment campaign for health care support workers. ")


def grow_store(path: Path, megabytes: int, seed: int = 11) -> Path:
    """Add conversations, each with a page of notes in four sections, until the store file
    is `megabytes` big (as a store used for years grows: mostly what was written down)."""
    rng = random.Random(seed)
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA synchronous=OFF")
    people = conn.execute("SELECT count(*) FROM staff").fetchone()[0]
    next_id = (conn.execute("SELECT max(id) FROM conversations").fetchone()[0] or 0) + 1
    now = "2026-01-01 09:00:00"
    while path.stat().st_size < megabytes * 1_000_000:
        convs, sections = [], []
        for cid in range(next_id, next_id + 2000):
            convs.append((cid, f"{rng.getrandbits(128):032x}", rng.randint(1, people), "both",
                          f"20{rng.randint(10, 26)}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}",
                          now, now))
            for section in ("setup", "reflection", "aspirations", "plan"):
                notes = "".join(rng.choice(NOTES) for _ in range(12))  # about 800 characters
                sections.append((cid, section, '{"notes":"' + notes + '"}', now))
        next_id += 2000
        conn.executemany("INSERT INTO conversations(id, uid, person_id, kind, held_on, "
                         "created_at, updated_at) VALUES (?,?,?,?,?,?,?)", convs)
        conn.executemany("INSERT INTO conversation_sections(conversation_id, section, body, "
                         "updated_at) VALUES (?,?,?,?)", sections)
        conn.commit()
    conn.close()
    return path
