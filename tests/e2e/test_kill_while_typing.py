"""Kill the real wizard (SIGKILL) while text is being typed: everything typed more than a
second before the kill is in the reopened store, and the store is intact."""

from __future__ import annotations

import os
import selectors
import signal
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest

from rmp_desktop.domain.staff import StaffMember
from tests.e2e.typing_app import expected

APP = Path(__file__).with_name("typing_app.py")
ROOT = Path(__file__).resolve().parents[2]
TYPE_FOR_S = 2.5  # long enough for several debounced saves before the kill


class Lines:
    """Lines a process writes, read without ever blocking past a deadline; partial lines kept."""

    def __init__(self, process: subprocess.Popen):
        self.fd = process.stdout.fileno()
        self.selector = selectors.DefaultSelector()
        self.selector.register(process.stdout, selectors.EVENT_READ)
        self.lines: list[str] = []
        self._buffer = b""

    def read(self, seconds: float, stop: str | None = None) -> None:
        until = time.monotonic() + seconds
        while time.monotonic() < until and (stop is None or stop not in self.lines):
            if not self.selector.select(timeout=max(0.0, until - time.monotonic())):
                continue
            chunk = os.read(self.fd, 65536)
            if not chunk:
                break
            *complete, self._buffer = (self._buffer + chunk).split(b"\n")
            self.lines += [line.decode("utf-8") for line in complete]


@pytest.mark.slow
@pytest.mark.parametrize("run", range(3))
def test_kill_while_typing_keeps_all_but_the_last_second(paths, store, run):
    person = store.staff.add(StaffMember(full_name="Ifeoma Castellanos-Byrne", band="6",
                                         job_title="HR Adviser", assignment_number=f"K-{run}"))
    from rmp_desktop.content.loader import load_builtin

    cid = store.conversations.create(person.id, "both", date(2026, 10, 6), manager_name="Ruth",
                                     packs=load_builtin()).id
    store.close()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    process = subprocess.Popen([sys.executable, str(APP), str(paths.data_dir), str(cid)],
                               stdout=subprocess.PIPE, env=env, cwd=ROOT)
    try:
        output = Lines(process)
        output.read(60, stop="ready")
        assert "ready" in output.lines, "the wizard did not start"
        output.read(TYPE_FOR_S)
        killed_at = time.monotonic()
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=10)
        output.read(0.2)  # whatever was written before the kill is still in the pipe
    finally:
        if process.poll() is None:
            process.kill()
        process.stdout.close()
    lines = output.lines

    typed = [(int(n), float(t)) for _, n, t in (line.split() for line in lines
                                                if line.startswith("typed "))]
    assert typed[-1][0] > 50, "too little was typed to tell anything"
    must_have = max((n for n, t in typed if t < killed_at - 1.0), default=0)
    assert must_have > 0

    from rmp_desktop.storage.store import Store

    reopened = Store(paths.store)
    try:
        assert reopened.integrity_report() == []
        saved = reopened.conversations.document(cid)["reflection"]["went_well"]
    finally:
        reopened.close()
    assert len(saved) >= must_have, (len(saved), must_have, typed[-1][0])
    assert saved == expected(len(saved))  # a clean prefix of what was typed, nothing garbled
