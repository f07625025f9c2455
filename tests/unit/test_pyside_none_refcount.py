"""PySide6 6.12.0 on Python 3.11 drops a reference to None on every void call and every
Python data() that returns None, and the process aborts (none_dealloc). This would catch it."""

from __future__ import annotations

import subprocess
import sys
from importlib.metadata import version

CALLS = 200_000  # far past the few thousand that abort an affected build

SCRIPT = f"""
import sys
from PySide6.QtCore import QAbstractListModel, QCoreApplication, QModelIndex, QObject, Qt

class Empty(QAbstractListModel):
    def rowCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else 10
    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        return None

app = QCoreApplication([])
model = Empty()
obj = QObject()
before = sys.getrefcount(None)
for i in range({CALLS}):
    obj.setObjectName("x")          # a void call
    model.index(i % 10, 0).data()   # data() returning None, called through C++
print("survived", before <= sys.getrefcount(None) + 1000)
"""


def test_many_void_calls_and_none_returns_do_not_abort():
    result = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True,
                            timeout=120, env={"QT_QPA_PLATFORM": "offscreen"})
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == "survived True"


def test_the_known_bad_combination_is_not_installed():
    bad = sys.version_info < (3, 12) and version("PySide6-Essentials") == "6.12.0"
    assert not bad, "PySide6 6.12.0 aborts on Python 3.11; pyproject's markers should exclude it"
