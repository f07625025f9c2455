"""`due` and `calendar` as a manager's scripts would run them, on fixed dates."""

from __future__ import annotations

import json
from datetime import date

import icalendar

from rmp_desktop.cli import main
from rmp_desktop.content.loader import load_builtin
from rmp_desktop.storage.signoff_repo import SignoffRepository
from tests.records_support import add_people, ready_conversation, sign_both


def run(paths, *args) -> int:
    return main(["--data-dir", str(paths.data_dir), *args])


def _team(store):
    """Ewa with a signed appraisal on 29 Feb 2024 (a leap day), Theo with nothing signed."""
    person, manager = add_people(store)
    meta = ready_conversation(store, person, manager, kind="appraisal",
                              held_on=date(2024, 2, 29))
    plan = store.conversations.document(meta.id)["plan"]
    plan["actions"][0]["review_date"] = "2024-09-30"
    plan["actions"][0]["target_date"] = "2025-01-20"
    plan["objectives"][0]["due"] = "2025-03-31"
    plan["objectives"][1]["due"] = "2025-05-31"
    store.conversations.save_section(meta.id, "plan", plan)
    sign_both(store, meta.id)
    return person, manager, meta


def test_due_as_json_applies_the_pay_progression_rule_on_the_day_given(paths, store, capsys):
    person, manager, _meta = _team(store)
    assert run(paths, "due", "--json", "--on", "28/02/2025") == 0
    body = json.loads(capsys.readouterr().out)
    assert body["on"] == "2025-02-28" and body["people"] == 2
    assert body["appraised_in_last_12_months"] == 1  # the leap day's year ends on 28 Feb
    ewa = [i for i in body["items"] if i["person"] == "Ewa"]
    assert ("appraisal", "soon", "2025-02-28") in [(i["what"], i["state"], i["due"]) for i in ewa]
    theo = [(i["what"], i["state"]) for i in body["items"] if i["person"] == "Theo"]
    assert theo == [("appraisal", "never"), ("career", "never")]

    assert run(paths, "due", "--json", "--on", "1 Mar 2025") == 0
    body = json.loads(capsys.readouterr().out)
    assert body["appraised_in_last_12_months"] == 0
    ewa = {(i["what"], i["state"]) for i in body["items"] if i["person"] == "Ewa"}
    assert ("appraisal", "overdue") in ewa and ("review", "overdue") in ewa


def test_due_in_words_groups_by_urgency_and_refuses_a_bad_date(paths, store, capsys):
    _team(store)
    assert run(paths, "due", "--on", "1/10/2024", "--person", "ewa") == 0
    out = capsys.readouterr().out
    assert "What is due on 1 Oct 2024 for 1 person" in out
    assert "Overdue\n  Ewa: Review of an action: Shadow the deputy director" in out
    assert "(overdue since 30 Sept 2024)" in out
    assert run(paths, "due", "--on", "31/02/2025") == 2
    assert "February 2025 has 28 days" in capsys.readouterr().err


def _events(path):
    calendar = icalendar.Calendar.from_ical(path.read_bytes())
    return {str(e["UID"]): e for e in calendar.walk("VEVENT")}


def test_the_calendar_parses_back_with_the_library_and_matches_the_plan(paths, store, capsys, tmp_path):
    person, _manager, meta = _team(store)
    out = tmp_path / "due.ics"
    assert run(paths, "calendar", "--out", str(out)) == 0
    assert "5 events" in capsys.readouterr().out
    events = _events(out)
    starts = sorted((e["SUMMARY"], e.decoded("DTSTART")) for e in events.values())
    assert starts == [("Appraisal due: Ewa", date(2025, 2, 28)),
                      ("Objective due: Ewa", date(2025, 3, 31)),
                      ("Objective due: Ewa", date(2025, 5, 31)),
                      ("Review: Ewa", date(2024, 9, 30)),
                      ("Target date: Ewa", date(2025, 1, 20))]
    review = next(e for e in events.values() if e["SUMMARY"] == "Review: Ewa")
    assert "Shadow the deputy director at a tribunal hearing" in str(review["DESCRIPTION"])
    assert str(review["CLASS"]) == "PRIVATE" and review.decoded("DTEND") == date(2024, 10, 1)

    # Made again: same file name refused without --overwrite, then the same identifiers.
    assert run(paths, "calendar", "--out", str(out)) == 1
    assert "already exists" in capsys.readouterr().err
    assert run(paths, "calendar", "--out", str(out), "--overwrite") == 0
    assert set(_events(out)) == set(events)

    # An amendment moves a date: the event keeps its identifier, its sequence rises.
    amendment = SignoffRepository.of(store).start_amendment(meta.id, "Review moved")
    plan = store.conversations.document(amendment.id)["plan"]
    plan["actions"][0]["review_date"] = "2024-10-31"
    store.conversations.save_section(amendment.id, "plan", plan)
    store.conversations.save_section(amendment.id, "summary", {
        "employee_comments": "Agreed.", "comments_visited": True})
    sign_both(store, amendment.id)
    capsys.readouterr()
    assert run(paths, "calendar", "--out", str(out), "--overwrite") == 0
    again = _events(out)
    assert set(again) == set(events)
    moved = next(e for e in again.values() if e["SUMMARY"] == "Review: Ewa")
    assert moved.decoded("DTSTART") == date(2024, 10, 31) and int(moved["SEQUENCE"]) == 1


def test_the_calendar_never_replaces_a_file_it_did_not_write(paths, store, capsys, tmp_path):
    _team(store)
    other = tmp_path / "notes.ics"
    other.write_text("my own notes", "utf-8")
    assert run(paths, "calendar", "--out", str(other), "--overwrite") == 1
    assert other.read_text("utf-8") == "my own notes"
    assert load_builtin()  # the packs are untouched by any of this
