"""The team list at 10,000 and 100,000 people: one search keystroke and one column sort,
each including the view's repaint, against a bare repaint of the same view in the same run.
A sort is the first click on each column's header after the list was loaded (as the loader
leaves it), never a re-sort of an order already worked out; the worst column is shown too.
Targets: 30 ms median at 10,000 people, 100 ms at 100,000.

    python benchmarks/bench_team_list.py
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtWidgets import QApplication, QTableView  # noqa: E402

from benchmarks.support import build_store  # noqa: E402
from rmp_desktop.storage.team_query import load_team  # noqa: E402
from rmp_desktop.ui.team_loader import read_team  # noqa: E402
from rmp_desktop.ui.team_model import TeamColumn, TeamTableModel  # noqa: E402

KEYSTROKES = ["n", "ng", "ngu", "nguy", "nguye", "nguyen", "nguye", "nguy", "ngu", "ng", "n", ""]


def timed(app: QApplication, action) -> float:
    start = time.perf_counter()
    action()
    app.processEvents()  # the repaint the user waits for
    return time.perf_counter() - start


def main() -> None:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    for people, target in ((10_000, 30), (100_000, 100)):
        with tempfile.TemporaryDirectory() as tmp:
            rows = load_team(build_store(Path(tmp) / "store.sqlite3", people))
        measure(app, rows, people, target)


def loaded(rows: list):
    """The rows and orders as the loading thread hands them to the window."""
    return read_team(None, lambda: rows)


def first_clicks(app: QApplication, view: QTableView, rows: list,
                 rounds: int = 3) -> dict[TeamColumn, list[float]]:
    """Each column's first header click on a freshly loaded list (name order is the one
    the list opens in; a click on it turns it round)."""
    found: dict[TeamColumn, list[float]] = {c: [] for c in TeamColumn}
    for _ in range(rounds):
        for column in TeamColumn:
            model = TeamTableModel(view)
            model.set_rows(*loaded(rows))
            view.setModel(model)
            app.processEvents()
            order = (Qt.SortOrder.DescendingOrder if column == TeamColumn.NAME
                     else Qt.SortOrder.AscendingOrder)
            found[column].append(timed(app, lambda m=model, c=column, o=order: m.sort(int(c), o)))
    return found


def measure(app: QApplication, rows: list, people: int, target: float) -> None:
    model = TeamTableModel()
    model.set_rows(*loaded(rows))
    view = QTableView()
    view.setModel(model)
    view.resize(1000, 700)
    view.show()
    app.processEvents()
    bare = statistics.median(timed(app, view.viewport().repaint) for _ in range(30))
    keys = [timed(app, lambda q=q: model.set_query(q)) for q in KEYSTROKES * 3]
    model.set_query("")
    clicks = first_clicks(app, view, rows)
    sorts = [t for samples in clicks.values() for t in samples]
    for name, samples in (("search keystroke", keys), ("first column sort", sorts)):
        med = statistics.median(samples)
        verdict = "ok" if med * 1000 <= target else f"OVER {target} ms"
        print(f"{people:>7,} people  {name:<17} median {med * 1000:7.2f} ms  "
              f"(bare repaint {bare * 1000:.2f} ms, ratio {med / bare:6.1f})  {verdict}")
    worst = max(clicks, key=lambda c: statistics.median(clicks[c]))
    print(f"{'':>15}  slowest first sort: {worst.name.lower()}, median "
          f"{statistics.median(clicks[worst]) * 1000:.2f} ms", flush=True)
    view.close()


if __name__ == "__main__":
    main()
