"""Qt's date fields show dates as domain.dates does, whatever the desktop's locale.

A QDateEdit writes month names from its locale; the UK English locale with this
format gives exactly domain.dates.display_date ("31 Mar 2027", "30 Sept 2027"),
so a date reads the same in a field, a list and the PDF.
"""

from __future__ import annotations

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QDateEdit

UK = QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)
DISPLAY_FORMAT = "d MMM yyyy"


def show_uk_dates(edit: QDateEdit) -> QDateEdit:
    edit.setLocale(UK)
    edit.setDisplayFormat(DISPLAY_FORMAT)
    if edit.calendarWidget() is not None:
        edit.calendarWidget().setLocale(UK)
    return edit
