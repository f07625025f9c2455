"""Stands in for PyInstaller's PySide6 run-time hook without importing QtCore at start.

PyInstaller's own hook imports PySide6.QtCore before the program runs (to register a qt.conf),
which costs every run ~150 ms and loads ICU, even `--version` and the window-less commands
that never touch Qt. PySide6's PyPI wheels register their own relocatable qt.conf when QtCore
is imported, so only the paths are set here; Qt itself loads when the program imports it.
"""


def _pyi_rthook():
    import os
    import sys

    base = sys._MEIPASS
    if sys.platform.startswith("win"):
        qt = os.path.join(base, "PySide6")
        # QtNetwork finds the OpenSSL DLLs that PyInstaller put beside the program.
        os.environ["PATH"] = base + os.pathsep + os.environ.get("PATH", "")
    else:
        qt = os.path.join(base, "PySide6", "Qt")
    os.environ["QT_PLUGIN_PATH"] = os.path.join(qt, "plugins")
    if sys.platform == "darwin" and not base.rstrip("/").endswith("Contents/Frameworks"):
        os.environ["DYLD_LIBRARY_PATH"] = base + os.pathsep + os.environ.get("DYLD_LIBRARY_PATH", "")


_pyi_rthook()
del _pyi_rthook
