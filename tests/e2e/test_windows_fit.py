"""Windows that fit: on a 1366x768 laptop, on a 1920x1080 screen at 150% scaling, and with the
font at 150%, every window a manager meets opens inside the screen's free area, with no button
cut off, nothing to scroll sideways, and Back, Next and the save state in reach on every step.

Each screen is a process of its own (tests/e2e/window_fit_app.py), since Qt fixes a screen's
size and scaling when it starts; Qt's offscreen platform is given the screen in a file. Every
window is photographed: set RMP_SCREENSHOTS=DIR to keep the pictures and look at them.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from rmp_desktop.cli import main

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[2]

SCREENS = {  # name: (width, height, QT_SCALE_FACTOR, font scale)
    "laptop-1366x768": (1366, 768, 1.0, 1.0),
    "1920x1080-at-150-percent": (1920, 1080, 1.5, 1.0),
    "laptop-large-font": (1366, 768, 1.0, 1.5),
    "laptop-1366x768-at-150-percent": (1366, 768, 1.5, 1.0),  # 911x512 logical pixels
}


@pytest.fixture(scope="module")
def demo_store(tmp_path_factory) -> Path:
    data = tmp_path_factory.mktemp("fit") / "data"
    assert main(["--data-dir", str(data), "demo"]) == 0
    # A manager, already past the first-run question of who uses the application.
    (data / "settings.ini").write_text("[app]\nrole=team\n", encoding="utf-8")
    return data


def run_on_screen(data: Path, out: Path, width: int, height: int, scale: float,
                  font: float) -> dict:
    config = out.parent / f"{out.name}-screen.json"
    config.write_text(json.dumps({"screens": [{"name": "screen", "x": 0, "y": 0, "width": width,
                                               "height": height, "logicalDpi": 96, "dpr": 1}]}))
    env = dict(os.environ, QT_QPA_PLATFORM=f"offscreen:configfile={config}",
               QT_SCALE_FACTOR=str(scale), TMPDIR=str(out.parent))
    done = subprocess.run([sys.executable, "-m", "tests.e2e.window_fit_app", str(data), str(out),
                           str(font)], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout.strip().splitlines()[-1])
    keep = os.environ.get("RMP_SCREENSHOTS")
    if keep:
        shutil.copytree(out, Path(keep) / out.name, dirs_exist_ok=True)
    return report


@pytest.mark.parametrize("screen", SCREENS)
def test_every_window_fits_the_screen(screen, demo_store, tmp_path):
    width, height, scale, font = SCREENS[screen]
    data = tmp_path / "data"
    shutil.copytree(demo_store, data)
    report = run_on_screen(data, tmp_path / screen, width, height, scale, font)
    assert report["screen"] == f"{round(width / scale)}x{round(height / scale)} at 0,0"
    assert report["problems"] == []
    shots = report["shots"]
    assert {"team", "team-person-with-records", "conversation-setup", "conversation-plan", "conversation-summary",
            "sign-off", "person", "export", "restore"} <= set(shots)
    for name, (shown_width, shown_height) in shots.items():
        picture = QImage(str(tmp_path / screen / f"{name}.png"))
        assert abs(picture.width() - shown_width * scale) <= 1, name
        assert abs(picture.height() - shown_height * scale) <= 1, name
    # The team and the conversation take the room a laptop has, not a small part of it.
    team_width, team_height = shots["team"]
    assert team_width > 0.9 * width / scale and team_height > 0.85 * height / scale


def test_a_size_remembered_from_a_larger_screen_is_cut_to_a_smaller_one(demo_store, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(demo_store, data)
    big = run_on_screen(data, tmp_path / "big", 2560, 1440, 1.0, 1.0)
    assert big["problems"] == []
    assert big["shots"]["team"][0] > 1366  # remembered at its larger size when it closed
    small = run_on_screen(data, tmp_path / "small", 1366, 768, 1.0, 1.0)
    assert small["problems"] == []
    assert small["shots"]["team"][0] <= 1366 and small["shots"]["team"][1] <= 768
