"""Opens the windows a manager meets in a day on whatever screen Qt was given, photographs each
and reports, as JSON on stdout, every way one does not fit: a window beyond the free area of the
screen, a button cut off, a scroll bar or cut-off content sideways, Back, Next or the save state
out of reach. Run by tests/e2e/test_windows_fit.py in its own process per screen, since a
screen's size and scaling are fixed when Qt starts.

    python -m tests.e2e.window_fit_app DATA_DIR OUT_DIR [FONT_SCALE]
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from PySide6.QtCore import QRect
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QApplication,
    QLabel,
    QScrollArea,
    QWidget,
)


def wait(app: QApplication, until=lambda: True, seconds: float = 20) -> None:
    end = time.monotonic() + seconds
    for _ in range(5):
        app.processEvents()
    while not until() and time.monotonic() < end:
        app.processEvents()
    for _ in range(5):
        app.processEvents()


# Parts of a step below its first screen that are the widest things on their page.
LOWER_PARTS = {"aspirations": "area_columns", "competencies": "gap_table", "plan": "action_list"}


def problems_of(window: QWidget, name: str) -> list[str]:
    """What does not fit in `window` as it is on screen now."""
    found = []
    area = window.screen().availableGeometry()
    frame = window.frameGeometry()
    if not area.contains(frame):
        found.append(f"{name}: the window {_rect(frame)} goes beyond the screen's free area "
                     f"{_rect(area)}")
    inside = QRect(0, 0, window.width(), window.height())
    for scroller in window.findChildren(QAbstractScrollArea):
        if not scroller.isVisibleTo(window) or _hidden_inside(scroller, window):
            continue
        what = f"{name}: {scroller.accessibleName() or type(scroller).__name__}"
        if scroller.horizontalScrollBar().isVisible():
            found.append(f"{what} scrolls sideways")
        if isinstance(scroller, QScrollArea) and scroller.widget() is not None:
            content, room = scroller.widget().width(), scroller.viewport().width()
            if content > room + 1:
                found.append(f"{what} is cut off on the right ({content} wide in {room})")
    for control in [*window.findChildren(QAbstractButton), *window.findChildren(QLabel)]:
        if not control.isVisibleTo(window) or _hidden_inside(control, window):
            continue
        if _in_scrolled_content(control, window):
            continue  # scrolled into view when reached; its scroll area is checked above
        placed = QRect(control.mapTo(window, control.rect().topLeft()), control.size())
        if not inside.contains(placed):
            label = control.text().replace("&", "") or control.accessibleName()
            found.append(f"{name}: “{label[:40]}” is cut off by the window edge")
    return found


def _hidden_inside(widget: QWidget, window: QWidget) -> bool:
    if widget.window() is not window:  # a dialog of its own, checked on its own
        return True
    parent = widget.parentWidget()
    while parent is not None and parent is not window:
        if not parent.isVisible():
            return True
        parent = parent.parentWidget()
    return False


def _in_scrolled_content(widget: QWidget, window: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None and parent is not window:
        if isinstance(parent, QAbstractScrollArea):
            return True
        parent = parent.parentWidget()
    return False


def _rect(rect: QRect) -> str:
    return f"{rect.width()}x{rect.height()} at {rect.x()},{rect.y()}"


def main(data_dir: str, out_dir: str, font_scale: float = 1.0) -> int:
    app = QApplication(["rmp-desktop-fit"])
    if font_scale != 1.0:
        font = app.font()
        font.setPointSizeF(font.pointSizeF() * font_scale)
        app.setFont(font)
    from rmp_desktop.context import AppContext
    from rmp_desktop.domain.conversation import Status
    from rmp_desktop.paths import AppPaths
    from rmp_desktop.ui.main_window import MainWindow
    from rmp_desktop.ui.wizard import open_conversation

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    context = AppContext(AppPaths(Path(data_dir)).ensure())
    report: dict = {"screen": _rect(app.primaryScreen().availableGeometry()),
                    "scale": app.primaryScreen().devicePixelRatio(), "problems": [], "shots": {}}

    def shoot(widget: QWidget, name: str) -> None:
        wait(app)
        report["problems"] += problems_of(widget, name)
        path = out / f"{name}.png"
        widget.grab().save(str(path))
        report["shots"][name] = [widget.width(), widget.height()]

    from rmp_desktop.storage import bootstrap

    empty_paths = AppPaths(out / "empty-data").ensure()
    bootstrap.prepare(empty_paths.store, empty_paths.backups)  # as start-up does
    (out / "empty-data" / "settings.ini").write_text("[app]\nrole=team\n", encoding="utf-8")
    empty = AppContext(empty_paths)
    first_run = MainWindow(empty)
    first_run.show()
    wait(app, lambda: not first_run.is_team_loading())
    shoot(first_run, "empty-team")
    if first_run.person_page.nobody.sample_button.isHidden():
        report["problems"].append("empty-team: no Explore with a sample team button")
    first_run.close()

    window = MainWindow(context)
    window.show()
    wait(app, lambda: window.model.rowCount() > 0)
    window.team.table.selectRow(0)
    shoot(window, "team")

    metas = context.store().conversations.all()
    draft = next(m for m in metas if m.status is Status.DRAFT)
    signed = next(m for m in metas if m.status is Status.SIGNED)
    # A person with records: their history beside the list, in the room the list leaves it.
    window.team.select_person(signed.person_id)
    wait(app, lambda: window.history is not None and window.history.current_id() is not None)
    shoot(window, "team-person-with-records")
    conversation = open_conversation(context, draft.id, window)
    wait(app)
    widget = conversation.conversation
    for step in widget.steps():
        widget.go_to(step)
        shoot(conversation, f"conversation-{step}")
        lower = LOWER_PARTS.get(step)
        if lower is not None:  # the wide parts further down, photographed where they are
            widget.pages[step].scroll_area.ensureWidgetVisible(getattr(widget.pages[step], lower))
            shoot(conversation, f"conversation-{step}-lower")
        for part in (widget.back_button, widget.next_button, widget.save_state, widget.position):
            if not part.isVisible():
                report["problems"].append(f"conversation-{step}: {part.text()} is not shown")
    signoff = widget.open_signoff()
    shoot(signoff, "sign-off")
    signoff.reject()
    widget.go_to("summary")
    shoot(conversation, "conversation-summary-top")
    conversation.close()

    person_dialog = window.edit_person(draft.person_id)
    shoot(person_dialog, "person")
    person_dialog.reject()
    for name, opened in (("export", lambda: window.export_record(signed.id)),
                         ("amend", lambda: window.amend_record(signed.id)),
                         ("export-all", window.export_all_signed),
                         ("verify", window.verify_pdf),
                         ("about", window.show_about),
                         ("back-up", window.back_up_now),
                         ("guide", window.show_guide),
                         ("restore", window.restore_from_backup)):
        dialog = opened()
        shoot(dialog, name)
        dialog.reject()
        wait(app)
    print(json.dumps(report))
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2], float(sys.argv[3]) if len(sys.argv) > 3 else 1.0))
