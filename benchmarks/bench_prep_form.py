"""Producing the preparation form, against producing a record PDF of the same content.

Both in-process, the same person and framework packs, medians after a warm-up, the two
measured in turn so that a busy machine weighs on both alike. Target: at most 1.5x.

    python benchmarks/bench_prep_form.py [--runs 15]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.support import report  # noqa: E402
from rmp_desktop.export.pdf import render_record  # noqa: E402
from rmp_desktop.export.prep_form import FormSubject, render_form  # noqa: E402
from tests.fixtures.full_record import (  # noqa: E402
    ACTIONS,
    MANAGER,
    OBJECTIVES,
    PERSON,
    full_record,
    packs,
    signatures_for,
)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    pk = packs()
    record = full_record()
    signatures = signatures_for(record)
    subject = FormSubject(
        {"uid": "ab" * 16, "full_name": PERSON.full_name, "preferred_name": PERSON.preferred_name,
         "job_title": PERSON.job_title, "band": PERSON.band,
         "functional_area": PERSON.functional_area, "manager_name": MANAGER,
         "assignment_number": "T-0001", "email": "minh.anh@example.nhs.uk"},
        [{"id": o["id"], "text": o["text"]} for o in OBJECTIVES],
        [{"record": "c" * 32, "action": a["id"], "text": a["text"], "due": a["target_date"]}
         for a in ACTIONS], "2026-05-01T09:00:00Z")
    form = lambda: render_form(subject, pk)  # noqa: E731
    pdf = lambda: render_record(record, pk, signatures, final=True)  # noqa: E731
    form(), pdf()
    times: dict[str, list[float]] = {"form": [], "record": []}
    for _ in range(args.runs):
        for name, fn in (("form", form), ("record", pdf)):
            start = time.perf_counter()
            fn()
            times[name].append(time.perf_counter() - start)
    ours, baseline = statistics.median(times["form"]), statistics.median(times["record"])
    print(f"median of {args.runs}; form {len(form()) // 1024} KB, record {len(pdf()) // 1024} KB")
    report("preparation form / record PDF of the same content", ours, baseline, target=1.5)


if __name__ == "__main__":
    main()
