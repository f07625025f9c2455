"""What the record's PDF says about the thread between conversations: the framework chosen,
last time's ratings with the change, the last plan's actions, feedback by role and the talent
placement; a record made before any of this prints exactly as it did."""

from __future__ import annotations

import copy
from datetime import date

from pypdf import PdfReader

from rmp_desktop.content.loader import load_builtin
from rmp_desktop.domain.progress import ChartRow, ProgressChart
from rmp_desktop.export.pdf import render_record
from rmp_desktop.export.printouts import render_progress
from rmp_desktop.storage.signoff_repo import SignoffRepository
from tests.fixtures.full_record import full_record, signatures_for
from tests.records_support import add_people, ready_conversation, sign_both


def _text(data: bytes) -> str:
    import io

    pages = PdfReader(io.BytesIO(data)).pages
    return " ".join(" ".join(p.extract_text() for p in pages).split())


def test_a_record_made_before_the_framework_choice_prints_without_naming_it():
    import dataclasses

    record = full_record()
    document = copy.deepcopy(record.document)  # as a record signed before issue 10 is stored
    for key in ("framework", "last_time"):
        document["competencies"].pop(key, None)
    for key in ("actions", "feedback_items"):
        document["looking_back"].pop(key, None)
    document.pop("talent", None)
    record = dataclasses.replace(record, document=document)
    text = _text(render_record(record, load_builtin(), signatures_for(record), final=True))
    assert "Framework HR and OD core" not in text
    assert "Scope for Growth" not in text


def test_the_second_record_prints_the_thread_from_the_first(store):
    packs = load_builtin()
    person, manager = add_people(store)
    first = ready_conversation(store, person, manager, kind="both", held_on=date(2026, 10, 6))
    area = packs.competency.areas[0]
    store.conversations.save_section(first.id, "competencies", {
        "framework": "", "last_time": {}, "current_level": 3, "target_level": 3,
        "ratings": {area.id: {"self": 2, "manager": 2, "evidence": ""}}})
    sign_both(store, first.id)
    second = store.conversations.create(person.id, "both", date(2027, 10, 5),
                                        manager_name=manager.full_name, packs=packs)
    doc = store.conversations.document(second.id)
    looking = copy.deepcopy(doc["looking_back"])
    looking["actions"][0].update(outcome="done", note="Attended in March")
    for row in looking["objectives"]:
        row["outcome"] = "met"
    looking["feedback_items"] = [
        {"id": "f1", "source": "customer", "themes": "Clear advice", "examples": "Rota case",
         "named": False, "names": ""}]
    store.conversations.save_section(second.id, "looking_back", looking)
    competencies = copy.deepcopy(doc["competencies"])
    competencies["ratings"] = {area.id: {"self": 3, "manager": 3, "evidence": "Led it"}}
    store.conversations.save_section(second.id, "competencies", competencies)
    store.conversations.save_section(second.id, "talent", {
        "included": True, "grid": packs.talent.id,
        "self": {"up": "impact-strong", "across": "growth-stretch"},
        "manager": {"up": "impact-steady", "across": "growth-stretch"},
        "reason": "Steady delivery and a clear wish to step up"})
    from tests.records_support import fill_ready

    plan_before = store.conversations.document(second.id)
    fill_ready(store, second.id)
    assert store.conversations.document(second.id)["looking_back"] == \
        plan_before["looking_back"]
    sign_both(store, second.id)
    repo = SignoffRepository.of(store)
    record = repo.record_for(second.id)
    text = _text(render_record(record, repo.packs_for(second.id).packs,
                               repo.signatures(second.id), final=True))
    assert "Framework HR and OD core competency framework" in text
    assert "Last time (6 Oct 2026)" in text and "Developing (up 1)" in text
    assert "The last plan's development actions" in text
    assert "Attended in March" in text
    assert "Feedback, by who gave it" in text and "A customer or service user" in text
    assert "Scope for Growth" in text
    assert "Steady impact, Stretch: Growing towards a step up" in text
    assert "Strong impact, Stretch: Ready to step up" in text

    # Chose the aspirant deputy director framework instead: the PDF names that one.
    third = store.conversations.create(person.id, "career", date(2028, 10, 5),
                                       manager_name=manager.full_name, packs=packs)
    competencies = store.conversations.document(third.id)["competencies"]
    competencies["framework"] = "rmp.aspirant-deputy-director"
    deputy = packs.framework("rmp.aspirant-deputy-director")
    competencies["ratings"] = {deputy.areas[0].id: {"self": 3, "manager": 3, "evidence": ""}}
    store.conversations.save_section(third.id, "competencies", competencies)
    fill_ready(store, third.id)
    sign_both(store, third.id)
    text = _text(render_record(repo.record_for(third.id), repo.packs_for(third.id).packs,
                               repo.signatures(third.id), final=True))
    assert "Framework Aspirant Deputy Director framework" in text
    assert deputy.areas[0].name in text


def test_the_progress_printout_draws_and_lists_the_same_figures():
    chart = ProgressChart(("6 Oct 2026", "5 Oct 2027"),
                          (ChartRow("Strategic Operator", (2, 3), 4),
                           ChartRow("Avenues pursued or done", (1, None), 4)),
                          "HR and OD core competency framework")
    text = _text(render_progress("Ewa", chart, ["5 Oct 2027: Ready to broaden"]))
    assert "Progress over time" in text and "Strategic Operator" in text
    assert "5 Oct 2027: Ready to broaden" in text
    assert chart.lines() == ["Strategic Operator: 6 Oct 2026: 2, 5 Oct 2027: 3",
                             "Avenues pursued or done: 6 Oct 2026: 1, "
                             "5 Oct 2027: –"]


def test_six_records_a_month_apart_keep_their_dates_apart_on_the_printout(tmp_path):
    import subprocess
    import xml.etree.ElementTree as ET

    dates = ("9 May 2026", "8 Jun 2026", "7 Jul 2026", "6 Aug 2026", "5 Sept 2026",
             "5 Oct 2026")
    chart = ProgressChart(dates, (ChartRow("Strategic Operator", (1, 2, 2, 3, 3, 4), 4),),
                          "HR and OD core competency framework")
    assert chart.stacked_columns()[0] == ("9 May", "2026")
    pdf = tmp_path / "progress.pdf"
    pdf.write_bytes(render_progress("Ewa", chart, []))
    subprocess.run(["pdftotext", "-bbox", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "w")],
                   check=True)
    words = [(float(w.get("xMin")), float(w.get("xMax")), float(w.get("yMin")), w.text)
             for w in ET.parse(tmp_path / "w").iter("{http://www.w3.org/1999/xhtml}word")]
    shown = " ".join(w[3] for w in words)
    for day in dates:
        assert all(part in shown for part in day.split())
    # No two words on one line overlap: a date never runs into the next column's.
    for i, (x0, x1, y, text) in enumerate(words):
        for u0, u1, v, other in words[i + 1:]:
            if abs(y - v) < 2:
                assert x1 <= u0 + 0.5 or u1 <= x0 + 0.5, (text, other)
