"""The one control for entering a date: type it as you would write it, or pick it on a calendar.

Qt's QDateEdit was not enough: it takes three Tab stops (day, month, year), ignores
a day typed unless that section is selected first, and refuses "30 Sept 2027".
This is a line edit read through domain.dates (tolerant, day first, UK words):
one Tab stop, anything a person writes, shown as "31 Mar 2027" when they leave the
field, as in every list and the PDF. A calendar opens from the button inside the
field, Alt+Down or F4; Up and Down move a day, Page Up and Page Down a month.

Text that is not a date is kept exactly as typed (nothing written is lost) and
`problem()` says what is wrong; `date()` is then None. Where a date may not be
left empty or unreadable (a conversation's date), the caller keeps the last good
one and shows the problem beside the field.
"""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QDate, QLocale, QPoint, QRectF, Qt, Signal
from PySide6.QtGui import QAction, QColor, QIcon, QKeyEvent, QPainter, QPalette, QPen, QPixmap
from PySide6.QtWidgets import QCalendarWidget, QFrame, QLineEdit, QVBoxLayout, QWidget

from rmp_desktop.domain.dates import EXAMPLE, display_date, parse_date, read_date, tidy
from rmp_desktop.ui.widgets import route_undo_keys

PLACEHOLDER = f"For example {EXAMPLE}"
# The calendar's month and day names in UK English, whatever the desktop's language: the same
# words as every date the application shows.
UK = QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)
Day = date  # the type, under a name DateField.date() does not hide
CALENDAR_KEYS = "Alt+Down or F4"


class DateField(QLineEdit):
    """A date typed or picked; `dateChanged(date | None)` whenever the date it reads changes."""

    dateChanged = Signal(object)

    def __init__(self, name: str, *, earliest: Day | None = None, latest: Day | None = None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.earliest, self.latest = earliest, latest
        self.setAccessibleName(name)
        self.setPlaceholderText(PLACEHOLDER)
        self.setMaxLength(40)
        self.setClearButtonEnabled(False)
        route_undo_keys(self)
        self.calendar_action = QAction(calendar_icon(self.palette()), "Choose from a calendar",
                                       self)
        self.calendar_action.setToolTip(f"Choose the date from a calendar ({CALENDAR_KEYS})")
        self.calendar_action.triggered.connect(lambda _checked=False: self.open_calendar())
        self.addAction(self.calendar_action, QLineEdit.ActionPosition.TrailingPosition)
        self.setAccessibleDescription(f"Type a date, for example {EXAMPLE}, or open a calendar "
                                      f"with {CALENDAR_KEYS}.")
        self.popup: CalendarPopup | None = None
        self._last: Day | None = None
        self.textChanged.connect(self._text_changed)
        self.editingFinished.connect(self.tidy_text)

    # -- the value -------------------------------------------------------------------------------

    def date(self) -> Day | None:
        """The date the field reads now, or None (empty, not a date, or outside its range)."""
        found = read_date(self.text())
        return found if found is not None and self._in_range(found) else None

    def set_date(self, value: Day | None) -> None:
        shown = display_date(value) if value is not None else ""
        if self.text() != shown:
            self.setText(shown)

    def stored_text(self) -> str:
        """What to keep for free-text dates: ISO once it reads as a date, else as typed."""
        return tidy(self.text().strip())

    def set_stored_text(self, text: str) -> None:
        shown = display_date(text)
        if self.text() != shown:
            self.setText(shown)

    def problem(self) -> str | None:
        """What is wrong with the text, in words that say what to do; None when empty or fine."""
        if not self.text().strip():
            return None
        try:
            found = parse_date(self.text())
        except ValueError as exc:
            return str(exc)
        if self.earliest is not None and found < self.earliest:
            return f"{display_date(found)} is too early: choose {display_date(self.earliest)} or later."
        if self.latest is not None and found > self.latest:
            return (f"{display_date(found)} is too late: choose {display_date(self.latest)} or "
                    "earlier.")
        return None

    def tidy_text(self) -> None:
        """Say a readable date the usual way ("31/3/2027" becomes "31 Mar 2027")."""
        found = read_date(self.text())
        if found is not None:
            self.set_date(found)

    def _in_range(self, value: Day) -> bool:
        return ((self.earliest is None or value >= self.earliest)
                and (self.latest is None or value <= self.latest))

    def _text_changed(self, _text: str) -> None:
        now = self.date()
        if now != self._last:
            self._last = now
            self.dateChanged.emit(now)

    # -- keys and the calendar -------------------------------------------------------------------

    def setReadOnly(self, read_only: bool) -> None:  # noqa: N802 - Qt override
        super().setReadOnly(read_only)
        self.calendar_action.setEnabled(not read_only)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        try:
            key, modifiers = Qt.Key(event.key()), event.modifiers()
        except ValueError:  # a key Qt has no name for: typed text
            super().keyPressEvent(event)
            return
        if (key == Qt.Key.Key_F4 or (key == Qt.Key.Key_Down
                                     and modifiers & Qt.KeyboardModifier.AltModifier)):
            self.open_calendar()
            return
        steps = {Qt.Key.Key_Up: 1, Qt.Key.Key_Down: -1}
        months = {Qt.Key.Key_PageUp: 1, Qt.Key.Key_PageDown: -1}
        if not self.isReadOnly() and not modifiers & ~Qt.KeyboardModifier.KeypadModifier and (
                key in steps or key in months):
            start = read_date(self.text()) or date.today()
            moved = (start + timedelta(days=steps[key]) if key in steps
                     else _add_months(start, months[key]))
            if self._in_range(moved):
                self.set_date(moved)
                self.selectAll()
            return
        super().keyPressEvent(event)

    def open_calendar(self) -> CalendarPopup | None:
        if self.isReadOnly() or not self.isEnabled():
            return None
        if self.popup is None:
            self.popup = CalendarPopup(self)
            self.popup.picked.connect(self._picked)
        shown = read_date(self.text()) or date.today()
        self.popup.show_below(self, shown, self.earliest, self.latest)
        return self.popup

    def _picked(self, value: Day) -> None:
        self.set_date(value)
        self.setFocus(Qt.FocusReason.PopupFocusReason)
        self.editingFinished.emit()


class CalendarPopup(QFrame):
    """A month calendar under the field: arrows move, Enter or a click picks, Escape leaves."""

    picked = Signal(object)  # date

    def __init__(self, field: QWidget):
        super().__init__(field, Qt.WindowType.Popup)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAccessibleName(f"Calendar for {field.accessibleName().lower()}")
        self.calendar = QCalendarWidget()
        self.calendar.setLocale(UK)
        self.calendar.setFirstDayOfWeek(Qt.DayOfWeek.Monday)
        self.calendar.setGridVisible(True)
        self.calendar.setVerticalHeaderFormat(
            QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
        self.calendar.setAccessibleName(self.accessibleName())
        self.calendar.setAccessibleDescription("Arrow keys move a day or a week, Page Up and "
                                               "Page Down a month; Enter picks, Escape leaves.")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(self.calendar)
        self.calendar.activated.connect(self._pick)  # Enter, or a double click
        self.calendar.clicked.connect(self._pick)

    def show_below(self, field: QWidget, shown: date, earliest: date | None,
                   latest: date | None) -> None:
        self.calendar.setMinimumDate(_qdate(earliest) if earliest else QDate(1900, 1, 1))
        self.calendar.setMaximumDate(_qdate(latest) if latest else QDate(2199, 12, 31))
        self.calendar.setSelectedDate(_qdate(shown))
        self.adjustSize()
        place = field.mapToGlobal(QPoint(0, field.height()))
        screen = field.screen().availableGeometry()
        size = self.sizeHint()
        if place.y() + size.height() > screen.bottom():  # no room below: open above
            place.setY(field.mapToGlobal(QPoint(0, 0)).y() - size.height())
        place.setX(max(screen.left(), min(place.x(), screen.right() - size.width())))
        place.setY(max(screen.top(), place.y()))
        self.move(place)
        self.show()
        self.calendar.setFocus(Qt.FocusReason.PopupFocusReason)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if event.key() == Qt.Key.Key_Escape:
            self.close()
            return
        super().keyPressEvent(event)

    def _pick(self, chosen: QDate) -> None:
        self.close()
        self.picked.emit(date(chosen.year(), chosen.month(), chosen.day()))


def calendar_icon(palette: QPalette) -> QIcon:
    """A small calendar drawn in the text colour, so it follows the theme and its contrast."""
    size = 64
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    ink = QColor(palette.color(QPalette.ColorRole.Text))
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QPen(ink, 5))
    painter.drawRoundedRect(QRectF(8, 12, 48, 44), 5, 5)
    painter.fillRect(QRectF(8, 12, 48, 12), ink)
    for x in (20, 44):  # the rings it hangs from
        painter.drawLine(x, 5, x, 16)
    for row in range(2):
        for column in range(3):
            painter.fillRect(QRectF(17 + column * 12, 31 + row * 11, 7, 6), ink)
    painter.end()
    return QIcon(pixmap)


def _qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)


def _add_months(value: date, months: int) -> date:
    month_index = value.year * 12 + value.month - 1 + months
    year, month = divmod(month_index, 12)
    month += 1
    for day in range(value.day, 27, -1):  # 31 Jan + 1 month is 28 or 29 Feb
        try:
            return date(year, month, day)
        except ValueError:
            continue
    return date(year, month, min(value.day, 28))
