"""The real program opens its window, shows the team and, asked to, closes itself: how CI
checks an installed build (scripts/wheel_smoke.sh) without a person to close it."""

from __future__ import annotations

import os
import subprocess
import sys

from rmp_desktop.app import ENV_QUIT_AFTER_START
from rmp_desktop.cli import main


def test_the_window_shows_the_team_then_closes_when_asked(tmp_path):
    data = tmp_path / "data"
    assert main(["--data-dir", str(data), "demo"]) == 0
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", TMPDIR=str(tmp_path),
               **{ENV_QUIT_AFTER_START: "1"})
    done = subprocess.run([sys.executable, "-m", "rmp_desktop", "--data-dir", str(data)],
                          env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    log = "".join(path.read_text(encoding="utf-8") for path in (data / "logs").glob("*.log*"))
    assert "team shown: 13 people" in log  # the demo team, read and on screen before closing
