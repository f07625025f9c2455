"""What a screen reader hears, through the real AT-SPI bus, on every screen.

One tour of the application (tests/atspi/tour.py) runs under Xvfb with Qt's accessibility
on, a session D-Bus and the accessibility registry; the walker reads each screen as Orca
does. Each test below is one kind of finding (tests/atspi/findings.py) and fails with every
place it was found.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.atspi.desktop import accessible_desktop
from tests.atspi.findings import KINDS, all_findings

ROOT = Path(__file__).parents[2]

# Every screen the issue names must be in the tour: a screen that stops opening is a finding,
# a screen left out of the tour is this list's failure.
SCREENS = {
    "team", "person", "person_dialog", "archive_question", "staff_import", "role_question",
    "about", "verify", "verify verdict", "export", "batch_export", "batch_export done",
    "restore", "restore question", "amend", "signoff", "signoff refused",
    "preparation_import", "differences", "preparation_form", "record_copy",
    "step setup", "step reflection", "step looking_back", "step wellbeing",
    "step aspirations", "step competencies", "step transition", "step wheel", "step plan",
    "step summary", "signed setup", "signed plan", "signed summary",
    "mine About me", "mine My preparation", "mine My records", "mine My plan",
    "mine send", "mine sheet", "mine import copy", "year_view", "midyear", "step talent",
    "step talent included", "backup", "guide", "step help", "equality_consent", "reports",
}


@pytest.fixture(scope="module")
def report(tmp_path_factory) -> dict:
    folder = tmp_path_factory.mktemp("atspi")
    out = folder / "report.json"
    with accessible_desktop(folder) as env:
        tour = subprocess.run(
            [sys.executable, "-m", "tests.atspi.tour", "--data-dir", str(folder / "data"),
             "--report", str(out)], cwd=ROOT, env=env, capture_output=True, text=True,
            timeout=900, check=False)
    assert tour.returncode == 0 and out.exists(), tour.stderr[-4000:]
    return json.loads(out.read_text(encoding="utf-8"))


def test_the_tour_reached_every_screen(report):
    assert SCREENS <= set(report), sorted(SCREENS - set(report))
    walked = {name for name, entry in report.items() if entry.get("bus", {}).get("objects")}
    assert SCREENS <= walked | {name for name in SCREENS if "error" in report.get(name, {})}


def test_every_change_was_listened_for(report):
    """The changes the issue names are each tried (a silent one is a finding below)."""
    tried = [heard["what"] for entry in report.values() for heard in entry["announcements"]]
    for what in ("the verdict", "a status-bar message", "Space in the avenue table",
                 "an error beside the file field, focus on Verify"):
        assert what in tried


@pytest.mark.parametrize("kind", list(KINDS))
def test_nothing_a_listener_would_stumble_on(report, kind):
    found = [str(f) for f in all_findings(report) if f.kind == kind]
    assert found == [], f"{KINDS[kind]}:\n" + "\n".join(found)
