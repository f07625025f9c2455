"""Backups of a big store: their cost against a plain file copy, and how long the window is blocked.

A store with 10,000 people and 100,000 conversations (four section rows each, 150 bytes to
1.5 KB of JSON, as a conversation's steps are) is built once with executemany on raw sqlite3
after bootstrap.prepare made the schema. Then, in the same run:

  1. make_backup (online backup API, integrity_check of the copy, fsync, rename, describe)
     against shutil.copyfile of the same closed store, median of 5 each, interleaved; with
     the backup's parts timed on their own to show where the time goes;
  2. the GUI thread while BackupScheduler backs up in the background: the largest gap between
     ticks of a 5 ms QTimer (target: never more than 50 ms), against the same timer with no
     backup running.

    python benchmarks/bench_backup.py [--people 10000] [--conversations 100000] [--runs 5]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from benchmarks.support import build_store  # noqa: E402
from rmp_desktop.storage import backup, restore  # noqa: E402

GUI_TARGET_MS = 50.0
TICK_MS = 5

PHRASES = ["Led the rota review with the medical staffing team", "Coached two new HR advisers",
           "Needs more exposure to employment tribunals", "Wants to shadow the director of OD",
           "Completed the Mary Seacole programme", "Wellbeing conversations went well this year",
           "Objective met: recruitment time to hire down by a fifth", "Plans a secondment"]


def add_conversations(path: Path, people: int, conversations: int, seed: int = 11) -> None:
    rng = random.Random(seed)
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA synchronous=OFF")
    conn.execute("DELETE FROM conversation_sections")
    conn.execute("DELETE FROM conversations")
    now = "2026-01-01 09:00:00"
    sections = ("reflection", "aspirations", "competencies", "plan")
    batch = 10_000
    for start in range(1, conversations + 1, batch):
        convs, rows = [], []
        for c in range(start, min(start + batch, conversations + 1)):
            convs.append((c, f"{c:032x}", rng.randint(1, people), rng.choice(["appraisal", "both"]),
                          f"20{rng.randint(19, 26)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                          now, now))
            for section in sections:
                words = " ".join(rng.choice(PHRASES) for _ in range(rng.randint(2, 28)))
                rows.append((c, section, json.dumps({"notes": words}, ensure_ascii=False), now))
        conn.executemany("INSERT INTO conversations(id, uid, person_id, kind, held_on, created_at, "
                         "updated_at) VALUES (?,?,?,?,?,?,?)", convs)
        conn.executemany("INSERT INTO conversation_sections(conversation_id, section, body, "
                         "updated_at) VALUES (?,?,?,?)", rows)
    # Most records are signed; sections are written first because signed ones are locked.
    conn.execute("UPDATE conversations SET status = 'signed', fingerprint = printf('%064x', id) "
                 "WHERE id % 5 != 0")
    conn.commit()
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()


def time_once(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def bench_copy(store: Path, work: Path, runs: int) -> dict:
    backups = work / "backups"
    plain = work / "plain-copy.sqlite3"
    times: dict[str, list[float]] = {"make_backup": [], "copyfile": [], "copyfile+fsync": [],
                                     "online copy only": [], "integrity_check only": []}

    def copy_and_sync():
        shutil.copyfile(store, plain)
        fd = os.open(plain, os.O_RDONLY)
        os.fsync(fd)
        os.close(fd)

    shutil.copyfile(store, plain)  # warm the page cache for both alike
    plain.unlink()
    raw = work / "online.sqlite3"
    for _ in range(runs):
        made = []
        times["make_backup"].append(time_once(
            lambda made=made: made.append(backup.make_backup(store, backups, reason="benchmark"))))
        kept = made[0].path
        times["integrity_check only"].append(time_once(lambda p=kept: backup.integrity_check(p)))
        kept.unlink()
        times["copyfile"].append(time_once(lambda: shutil.copyfile(store, plain)))
        plain.unlink()
        times["copyfile+fsync"].append(time_once(copy_and_sync))
        plain.unlink()
        times["online copy only"].append(time_once(lambda: backup.copy_online(store, raw)))
        raw.unlink()
    return {name: statistics.median(values) for name, values in times.items()}


def bench_gui(store: Path, work: Path, backups_to_watch: int) -> dict:
    from PySide6.QtCore import QElapsedTimer, QEventLoop, Qt, QTimer
    from PySide6.QtWidgets import QApplication, QLabel

    from rmp_desktop.ui.backup_scheduler import BackupScheduler

    app = QApplication.instance() or QApplication([sys.argv[0]])
    window = QLabel("backing up…")
    window.show()
    scheduler = BackupScheduler(store, work / "gui-backups", interval_ms=3_600_000)
    clock = QElapsedTimer()
    ticker = QTimer(interval=TICK_MS)
    ticker.setTimerType(Qt.TimerType.PreciseTimer)
    state = {"last": 0, "gaps": []}

    def tick():
        now = clock.nsecsElapsed()
        state["gaps"].append((now - state["last"]) / 1e6)
        state["last"] = now

    ticker.timeout.connect(tick)

    def watch(start_work, done_signal=None, duration_ms=None) -> list[float]:
        loop = QEventLoop()
        state["gaps"] = []
        clock.start()
        state["last"] = clock.nsecsElapsed()
        ticker.start()
        if done_signal is not None:
            done_signal.connect(loop.quit)
        else:
            QTimer.singleShot(duration_ms, loop.quit)
        QTimer.singleShot(0, start_work)
        loop.exec()
        ticker.stop()
        if done_signal is not None:
            done_signal.disconnect(loop.quit)
        return state["gaps"][1:]  # the first gap includes starting the loop

    results = {"during_backup": [], "idle": []}
    for _ in range(backups_to_watch):
        started = time.perf_counter()
        gaps = watch(lambda: scheduler.backup_now("benchmark"), done_signal=scheduler.idle)
        elapsed_ms = (time.perf_counter() - started) * 1000
        results["during_backup"].append({"max_gap_ms": max(gaps), "ticks": len(gaps),
                                         "p99_gap_ms": sorted(gaps)[int(len(gaps) * 0.99) - 1],
                                         "backup_ms": elapsed_ms})
        idle = watch(lambda: None, duration_ms=int(elapsed_ms))
        results["idle"].append({"max_gap_ms": max(idle), "ticks": len(idle)})
    window.close()
    shutil.rmtree(work / "gui-backups", ignore_errors=True)
    app.processEvents()
    return results


RESTORE_TARGET = 1.5


def bench_restore(work: Path, people: int, conversations: int, runs: int) -> dict:
    """restore_backup as it is (schema proven, every check on the copy) against the same
    restore with only the integrity_check the earlier version ran: same process, same files,
    interleaved. The store is one that passes every check (consistent_store), since the
    checks rightly refuse a store with made-up fingerprints."""
    from benchmarks.consistent_store import build_consistent_store

    data = work / "restore-data"
    data.mkdir()
    source = build_consistent_store(work / "restore-source.sqlite3", people, conversations)
    kept = backup.make_backup(source, work / "restore-backups", reason="benchmark").path
    store = data / "rmp-desktop.sqlite3"
    proven_schema, proven_records = restore._prove_schema, restore._prove_records
    restore.restore_backup(kept, store, data / "backups", confirm=True)  # warm: schema reference

    def earlier(info) -> None:  # what restore checked before: SQLite's integrity_check only
        verdict = backup.integrity_check(info.path)
        assert verdict == "ok", verdict

    times: dict[str, list[float]] = {"restore now": [], "restore as before": []}
    for _ in range(runs):
        times["restore now"].append(time_once(lambda: restore.restore_backup(
            kept, store, data / "backups", confirm=True)))
        restore._prove_schema, restore._prove_records = earlier, lambda staging, info: None
        try:
            times["restore as before"].append(time_once(lambda: restore.restore_backup(
                kept, store, data / "backups", confirm=True)))
        finally:
            restore._prove_schema, restore._prove_records = proven_schema, proven_records
        for old in (data / "backups").glob("*.sqlite3"):
            old.unlink()
    return {name: statistics.median(values) for name, values in times.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--conversations", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--gui-backups", type=int, default=3)
    parser.add_argument("--json", metavar="FILE", help="also write the figures here")
    parser.add_argument("--restore-only", action="store_true",
                        help="only the restore figure (restore's checks against the earlier one)")
    args = parser.parse_args()
    if args.restore_only:
        with tempfile.TemporaryDirectory(prefix="rmp-bench-restore-") as tmp:
            restore = bench_restore(Path(tmp), args.people, args.conversations, args.runs)
        now, before = restore["restore now"], restore["restore as before"]
        print(f"restore of {args.people:,} people, {args.conversations:,} conversations "
              f"(median of {args.runs}): {now:.2f} s with every check, {before:.2f} s with "
              f"only integrity_check as before: x{now / before:.2f} (target at most "
              f"{RESTORE_TARGET})")
        print(f"load: {open('/proc/loadavg').read().strip()}")
        return

    with tempfile.TemporaryDirectory(prefix="rmp-bench-backup-") as tmp:
        work = Path(tmp)
        store = work / "store.sqlite3"
        started = time.perf_counter()
        build_store(store, args.people)
        add_conversations(store, args.people, args.conversations)
        size_mb = store.stat().st_size / 1e6
        print(f"store: {args.people:,} people, {args.conversations:,} conversations, "
              f"{size_mb:.0f} MB (built in {time.perf_counter() - started:.0f} s)")

        copy = bench_copy(store, work, args.runs)
        base = copy["copyfile"]
        print(f"\nbackup against a plain copy (median of {args.runs}, same run)")
        for name, seconds in copy.items():
            print(f"  {name:<22} {seconds * 1000:9.1f} ms   x{seconds / base:5.2f} of copyfile")

        gui = bench_gui(store, work, args.gui_backups)
        worst = max(r["max_gap_ms"] for r in gui["during_backup"])
        idle_worst = max(r["max_gap_ms"] for r in gui["idle"])
        print(f"\nGUI thread during background backups ({TICK_MS} ms timer, "
              f"{args.gui_backups} backups)")
        for during, idle in zip(gui["during_backup"], gui["idle"], strict=True):
            print(f"  backup {during['backup_ms']:7.0f} ms: max gap {during['max_gap_ms']:6.1f} ms, "
                  f"p99 {during['p99_gap_ms']:5.1f} ms over {during['ticks']} ticks; "
                  f"idle max gap {idle['max_gap_ms']:5.1f} ms")
        verdict = "ok" if worst <= GUI_TARGET_MS else "OVER target"
        print(f"  worst blocked: {worst:.1f} ms (target <= {GUI_TARGET_MS:.0f} ms) {verdict}; "
              f"no backup: {idle_worst:.1f} ms")

        figures = {"people": args.people, "conversations": args.conversations,
                   "store_mb": round(size_mb, 1),
                   "median_ms": {k: round(v * 1000, 1) for k, v in copy.items()},
                   "ratio_make_backup_to_copyfile": round(copy["make_backup"] / base, 2),
                   "gui_worst_gap_ms": round(worst, 1), "gui_idle_worst_gap_ms": round(idle_worst, 1),
                   "gui_runs": gui}
        if args.json:
            Path(args.json).write_text(json.dumps(figures, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
