"""Crash torture: a real process edits a conversation and is killed with SIGKILL, again and again.

After every kill: the store passes integrity_check, every edit the process reported as saved is
in it, and the text holds everything typed more than a second before the kill.

Settings (environment):
    RMP_TORTURE_KILLS      kills in total (default 200)
    RMP_TORTURE_LANES      stores edited side by side, one process each (default: 2, or 1 on one CPU)
    RMP_TORTURE_DELAY      "MIN,MAX" seconds from the first keystroke to a random kill (default
                           0.1,2.0: it straddles the Autosaver's 0.9 s deadline, so both runs
                           with nothing saved yet and runs with several saves are killed)
    RMP_TORTURE_MID_SAVE   share of kills aimed at a save in progress (default 0.25)
    RMP_TORTURE_MODE       "fork" (a fork server preloads imports; default) or "spawn" (a fresh
                           interpreter per kill, ~0.7 s slower each)
    RMP_TORTURE_REPORT     also write the figures to this JSON file
Figures are printed at the end (pytest -s) and written to torture-figures.json in the test's
temporary folder.
"""

from __future__ import annotations

import json
import os
import random
import select
import signal
import sqlite3
import statistics
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path

import pytest

from tests.e2e.editor_process import FIELD, SECTION, expected_text

EDITOR = Path(__file__).with_name("editor_process.py")
ALLOWED_LOSS_S = 1.0
READ_TIMEOUT_S = 30.0

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(os.name != "posix", reason="needs SIGKILL and select() on pipes")]


def _setting(name: str, default: str) -> str:
    return os.environ.get(f"RMP_TORTURE_{name}", default)


@dataclass
class Kill:
    lane: int
    n: int
    aimed_mid_save: bool
    start_len: int = 0
    typed: dict[int, float] = field(default_factory=dict)  # length -> child's monotonic time
    saves_reported: int = 0
    max_saved: int = 0
    saving_in_flight: bool = False
    kill_time: float = 0.0
    stored_len: int = 0
    integrity: str = ""
    lost_chars: int = 0
    lost_ms: float = 0.0
    problems: list[str] = field(default_factory=list)


class Lines:
    """Whole lines from a pipe, waited for with select (never a sleep)."""

    def __init__(self, fd: int):
        self.fd = fd
        self.buffer = b""
        self.eof = False

    def next(self, until: float) -> str | None:
        while b"\n" not in self.buffer:
            if self.eof:
                return None
            remaining = until - time.monotonic()
            if remaining <= 0:
                return None
            ready, _, _ = select.select([self.fd], [], [], remaining)
            if ready:
                chunk = os.read(self.fd, 65536)
                if not chunk:
                    self.eof = True
                self.buffer += chunk
        line, self.buffer = self.buffer.split(b"\n", 1)
        return line.decode("utf-8")


class ForkServer:
    def __init__(self, env: dict):
        self.proc = subprocess.Popen([sys.executable, str(EDITOR), "serve"], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, env=env, bufsize=0)
        self.lines = Lines(self.proc.stdout.fileno())
        assert self.lines.next(time.monotonic() + READ_TIMEOUT_S) == "ready"

    def start(self, store: Path, cid: int, seed: int) -> tuple[int, Lines]:
        self.proc.stdin.write(f"run {store} {cid} {seed}\n".encode())
        return 0, self.lines  # the pid arrives as a "child PID" line

    def finish(self, kill: Kill, pid: int, on_line) -> None:
        deadline = time.monotonic() + READ_TIMEOUT_S
        while (line := self.lines.next(deadline)) is not None:
            if line.startswith(f"exited {pid} "):
                if int(line.split()[2]) != -signal.SIGKILL:
                    kill.problems.append(f"process ended with {line.split()[2]}, not by the kill")
                return
            on_line(line)
        kill.problems.append("the fork server never reported the process's end")

    def close(self) -> None:
        self.proc.stdin.close()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


class Spawner:
    def __init__(self, env: dict):
        self.env = env
        self.proc: subprocess.Popen | None = None

    def start(self, store: Path, cid: int, seed: int) -> tuple[int, Lines]:
        self.proc = subprocess.Popen([sys.executable, str(EDITOR), "run", str(store), str(cid),
                                      str(seed)], stdout=subprocess.PIPE, env=self.env, bufsize=0)
        return self.proc.pid, Lines(self.proc.stdout.fileno())

    def finish(self, kill: Kill, pid: int, on_line) -> None:
        lines = Lines(self.proc.stdout.fileno())
        deadline = time.monotonic() + READ_TIMEOUT_S
        while (line := lines.next(deadline)) is not None:
            on_line(line)
        code = self.proc.wait(timeout=READ_TIMEOUT_S)
        self.proc.stdout.close()
        if code != -signal.SIGKILL:
            kill.problems.append(f"process ended with {code}, not by the kill")

    def close(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()


def make_store(folder: Path) -> tuple[Path, int]:
    from rmp_desktop.domain.staff import StaffMember
    from rmp_desktop.paths import AppPaths
    from rmp_desktop.storage import bootstrap
    from rmp_desktop.storage.store import Store

    paths = AppPaths(folder).ensure()
    bootstrap.prepare(paths.store, paths.backups)
    store = Store(paths.store)
    try:
        person = store.staff.add(StaffMember(full_name="Rūta Žukauskas", job_title="ER adviser"))
        cid = store.conversations.create(person.id, "appraisal", date(2025, 4, 1),
                                         document={}).id
    finally:
        store.close()
    return paths.store, cid


def read_back(store: Path, cid: int) -> tuple[str, str]:
    """integrity_check and the field, read as the next start would (WAL recovered, not folded in)."""
    conn = sqlite3.connect(f"{store.as_uri()}?mode=ro", uri=True, timeout=10)
    try:
        verdict = "; ".join(r[0] for r in conn.execute("PRAGMA integrity_check"))
        row = conn.execute("SELECT body FROM conversation_sections WHERE conversation_id = ? "
                           "AND section = ?", (cid, SECTION)).fetchone()
    finally:
        conn.close()
    text = json.loads(row[0]).get(FIELD, "") if row else ""
    return verdict, text


def run_lane(lane: int, kills: int, store: Path, cid: int, env: dict, mode: str,
             delay: tuple[float, float], mid_save_share: float) -> list[Kill]:
    rng = random.Random(1000 + lane)
    starter = ForkServer(env) if mode == "fork" else Spawner(env)
    results: list[Kill] = []
    try:
        for n in range(kills):
            kill = Kill(lane=lane, n=n, aimed_mid_save=rng.random() < mid_save_share)
            results.append(kill)
            one_kill(kill, starter, store, cid, rng, delay)
            verdict, text = read_back(store, cid)
            check(kill, verdict, text)
            if kill.problems and len([k for k in results if k.problems]) > 10:
                break  # enough evidence; do not spend minutes repeating a broken case
    finally:
        starter.close()
    return results


def one_kill(kill: Kill, starter, store: Path, cid: int, rng: random.Random,
             delay: tuple[float, float]) -> None:
    pid, lines = starter.start(store, cid, rng.randrange(1 << 30))
    state = {"pid": pid, "first_typed": None}

    def on_line(line: str) -> None:
        word, _, rest = line.partition(" ")
        if word == "child":
            state["pid"] = int(rest)
        elif word == "start":
            kill.start_len = int(rest)
        elif word == "typed":
            length, at = rest.split()
            kill.typed[int(length)] = float(at)
            if state["first_typed"] is None:
                state["first_typed"] = time.monotonic()
        elif word == "saving":
            kill.saving_in_flight = True
        elif word == "saved":
            kill.saving_in_flight = False
            kill.saves_reported += 1
            kill.max_saved = max(kill.max_saved, int(rest))
        elif word == "failed":
            kill.saving_in_flight = False
            kill.problems.append("a save failed")

    deadline = time.monotonic() + READ_TIMEOUT_S
    while state["first_typed"] is None or not state["pid"]:
        line = lines.next(deadline)
        if line is None:
            kill.problems.append("the editor never started typing")
            if state["pid"]:
                os.kill(state["pid"], signal.SIGKILL)
                starter.finish(kill, state["pid"], on_line)
            return
        on_line(line)
    kill_at = state["first_typed"] + rng.uniform(*delay)
    if kill.aimed_mid_save:
        # Kill on the first save that starts after the minimum delay: mid-transaction or mid-fsync.
        kill_at = state["first_typed"] + READ_TIMEOUT_S
        earliest = state["first_typed"] + delay[0]
    while True:
        if kill.aimed_mid_save and kill.saving_in_flight and time.monotonic() >= earliest:
            break
        if time.monotonic() >= kill_at:
            break
        line = lines.next(kill_at)
        if line is not None:
            on_line(line)
    kill.kill_time = time.monotonic()
    os.kill(state["pid"], signal.SIGKILL)
    starter.finish(kill, state["pid"], on_line)


def check(kill: Kill, verdict: str, text: str) -> None:
    kill.integrity = verdict
    kill.stored_len = len(text)
    if verdict != "ok":
        kill.problems.append(f"integrity_check: {verdict[:200]}")
    if text != expected_text(len(text)):
        kill.problems.append("the stored text is not exactly what was typed")
    if len(text) < kill.start_len:
        kill.problems.append(f"text saved by an earlier process was lost ({kill.start_len} -> "
                             f"{len(text)} characters)")
    if len(text) < kill.max_saved:
        kill.problems.append(f"reported saved {kill.max_saved} characters, store holds {len(text)}")
    must_hold = max([n for n, at in kill.typed.items() if at <= kill.kill_time - ALLOWED_LOSS_S],
                    default=0)
    if len(text) < must_hold:
        kill.problems.append(f"lost text typed more than {ALLOWED_LOSS_S} s before the kill "
                             f"({must_hold} typed, {len(text)} stored)")
    typed_max = max(kill.typed, default=0)
    if typed_max > len(text):
        kill.lost_chars = typed_max - len(text)
        first_lost = kill.typed.get(len(text) + 1)
        if first_lost is not None:
            kill.lost_ms = (kill.kill_time - first_lost) * 1000


def test_sigkill_while_editing_never_loses_saved_work(tmp_path):
    kills = int(_setting("KILLS", "200"))
    lanes = max(1, int(_setting("LANES", str(min(2, os.cpu_count() or 1)))))
    low, high = (float(x) for x in _setting("DELAY", "0.1,2.0").split(","))
    mid_save = float(_setting("MID_SAVE", "0.25"))
    mode = _setting("MODE", "fork")
    if mode == "fork" and not hasattr(os, "fork"):
        mode = "spawn"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen",
           "PYTHONPATH": os.pathsep.join([str(Path(__file__).parents[2]),
                                          os.environ.get("PYTHONPATH", "")])}
    shares = [kills // lanes + (1 if i < kills % lanes else 0) for i in range(lanes)]
    # Made here, one after another: Alembic's migration context is process-global.
    stores = [make_store(tmp_path / f"lane-{i}") for i in range(lanes)]
    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=lanes) as pool:
        futures = [pool.submit(run_lane, i, shares[i], *stores[i], env, mode, (low, high),
                               mid_save) for i in range(lanes)]
        results = [k for f in futures for k in f.result()]
    elapsed = time.monotonic() - started

    failed = [k for k in results if k.problems]
    lossy = [k for k in results if k.lost_chars]
    figures = {
        "kills": len(results),
        "failures": len(failed),
        "lanes": lanes,
        "mode": mode,
        "kill_delay_s": [low, high],
        "kills_aimed_mid_save": sum(k.aimed_mid_save for k in results),
        "kills_with_a_save_in_flight": sum(k.saving_in_flight for k in results),
        "kills_after_at_least_one_save": sum(k.saves_reported > 0 for k in results),
        "saves_reported": sum(k.saves_reported for k in results),
        "kills_that_lost_unsaved_typing": len(lossy),
        "worst_loss_ms": round(max((k.lost_ms for k in results), default=0.0), 1),
        "worst_loss_characters": max((k.lost_chars for k in results), default=0),
        "median_loss_ms_when_lost": round(statistics.median([k.lost_ms for k in lossy]), 1)
        if lossy else 0.0,
        "allowed_loss_ms": ALLOWED_LOSS_S * 1000,
        "final_text_lengths": [max((k.stored_len for k in results if k.lane == i), default=0)
                               for i in range(lanes)],
        "seconds": round(elapsed, 1),
        "first_failures": [asdict(k) | {"typed": len(k.typed)} for k in failed[:5]],
    }
    report = json.dumps(figures, indent=2, ensure_ascii=False)
    (tmp_path / "torture-figures.json").write_text(report, encoding="utf-8")
    if os.environ.get("RMP_TORTURE_REPORT"):
        Path(os.environ["RMP_TORTURE_REPORT"]).write_text(report, encoding="utf-8")
    print(f"\ncrash torture: {figures['kills']} kills, {figures['failures']} failures, worst loss "
          f"{figures['worst_loss_ms']} ms / {figures['worst_loss_characters']} characters "
          f"(allowed {ALLOWED_LOSS_S * 1000:.0f} ms); {figures['kills_with_a_save_in_flight']} "
          f"kills during a save, {figures['saves_reported']} saves reported, "
          f"{figures['seconds']} s\n{report}")

    assert len(results) >= kills or failed, "fewer kills than asked for"
    assert not failed, "\n".join(f"lane {k.lane} kill {k.n}: {'; '.join(k.problems)}"
                                 for k in failed[:10])
