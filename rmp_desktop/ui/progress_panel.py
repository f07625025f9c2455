"""A person's progress over time on their page: the chart, their talent placements, a printout.

Read from their signed records when the person is shown. Placements appear here, on the
person's own page, and nowhere that lists people.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from rmp_desktop.domain.dates import display_date
from rmp_desktop.domain.packs import TalentGrid
from rmp_desktop.domain.progress import ProgressChart, progress_chart
from rmp_desktop.domain.talent import placements
from rmp_desktop.ui.progress_chart import ProgressChartWidget

log = logging.getLogger(__name__)


def _label(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    return label


class ProgressPanel(QGroupBox):
    printed = Signal(object)  # the path written

    def __init__(self, context, parent: QWidget | None = None):
        super().__init__("Progress over time", parent)
        self.setAccessibleName("Progress over time")
        self.context = context
        self.person_id = -1
        self.person_name = ""
        self.chart = ProgressChart((), (), "")
        self.placement_lines: list[str] = []
        self.explanation = _label("Agreed ratings in each signed record (1 Not yet to 4 Role "
                                  "model), and the exposure wheel's avenues actively pursued "
                                  "or done, for the newest six records.")
        self.chart_view = ProgressChartWidget()
        self.placements = _label()
        self.placements.setAccessibleName("Placements over time")
        self.empty = _label("Nothing to show yet: progress appears once a record is signed.")
        self.print_button = QPushButton("&Print progress…")
        self.print_button.setAccessibleName("Print progress… as a PDF")
        buttons = QHBoxLayout()
        buttons.addWidget(self.print_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        for widget in (self.explanation, self.chart_view, self.placements, self.empty):
            layout.addWidget(widget)
        layout.addLayout(buttons)
        self.print_button.clicked.connect(lambda: self.print_progress())
        self.open_dialog: QWidget | None = None

    def show_person(self, person_id: int) -> None:
        from rmp_desktop.storage.last_time import signed_documents

        self.person_id = person_id
        store = self.context.store()
        packs = self.context.packs()
        self.person_name = store.staff.get(person_id).display_name
        with store.engine.connect() as conn:
            records = signed_documents(conn, person_id)
        self.chart = progress_chart(records, packs.framework)
        grids: dict[str, TalentGrid] = {packs.talent.id: packs.talent, **_other_grids()}
        placed = placements([(r.held_on, r.document) for r in records], grids)
        self.placement_lines = [
            f"{display_date(p.held_on)}: {p.box or 'a box this grid no longer has'}"
            + (f" (their own view: {p.self_box})" if p.self_box else "") for p in placed]
        self.chart_view.set_chart(self.chart)
        self.placements.setText(
            "Placements on the talent grid, shown only here on their own page:\n"
            + "\n".join(self.placement_lines) if self.placement_lines else "")
        self.placements.setVisible(bool(self.placement_lines))
        for widget in (self.explanation, self.chart_view):
            widget.setVisible(not self.chart.empty)
        self.empty.setVisible(self.chart.empty)
        self.print_button.setEnabled(not self.chart.empty)

    def print_progress(self, path: Path | None = None):
        """Write the progress printout (asking where, unless `path` is given)."""
        from PySide6.QtWidgets import QFileDialog, QMessageBox

        from rmp_desktop.export.destination import (
            OUR_FILE,
            DestinationRefused,
            Protected,
            write_bytes,
        )
        from rmp_desktop.export.printouts import render_progress

        if self.chart.empty:
            return None
        if path is None:
            chosen, _ = QFileDialog.getSaveFileName(
                self, "Print progress", str(Path.home() / f"Progress {self.person_name}.pdf"),
                "PDF (*.pdf)")
            if not chosen:
                return None
            path = Path(chosen)
        data = render_progress(self.person_name, self.chart, self.placement_lines)
        try:
            written = write_bytes(path, data, OUR_FILE,
                                  protect=Protected.for_store(self.context.paths.store),
                                  overwrite=True)
        except DestinationRefused as exc:
            box = QMessageBox(QMessageBox.Icon.Warning, "Print progress", str(exc),
                              QMessageBox.StandardButton.Ok, self)
            box.setAccessibleName("Print progress")
            box.open()
            self.open_dialog = box
            return None
        self.printed.emit(written)
        return written


def _other_grids() -> dict[str, TalentGrid]:
    """The talent grids shipped with the application, for records made with another one."""
    from rmp_desktop.content.loader import OPTIONAL_FILES, _builtin_dir, load_builtin, parse_text

    grids: dict[str, TalentGrid] = {load_builtin().talent.id: load_builtin().talent}
    for name in OPTIONAL_FILES:
        try:
            grid = parse_text((_builtin_dir() / name).read_text(encoding="utf-8"), name)
        except Exception:  # noqa: BLE001 - an optional grid that cannot be read is left out
            log.exception("an optional talent grid could not be read")
            continue
        if isinstance(grid, TalentGrid):
            grids[grid.id] = grid
    return grids
