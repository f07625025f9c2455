"""Every control in the window and its dialogs has a name a screen reader can say."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from rmp_desktop.ui.accessibility import (
    clashing_mnemonics,
    describe,
    is_control,
    mnemonic,
    unnamed_controls,
)


def assert_all_named(root: QWidget) -> None:
    missing = [describe(w) for w in unnamed_controls(root)]
    assert missing == [], f"controls without an accessible name in {type(root).__name__}"
    assert any(is_control(w) for w in root.findChildren(QWidget))  # the walk found something


def test_main_window_controls_are_named(window, team):
    window.team.select_person(team["Amelia Hart"].id)  # the person page's buttons too
    assert_all_named(window)


def test_empty_window_controls_are_named(empty_window):
    assert_all_named(empty_window)


def test_person_dialog_controls_are_named(window):
    dialog = window.add_person()
    assert_all_named(dialog)
    dialog.reject()


def test_other_dialogs_and_questions_are_named(window, team, tmp_path, qtbot):

    about = window.show_about()
    assert_all_named(about)
    about.reject()
    window.team.select_person(team["Gwen Pryce"].id)
    question = window.archive_person()
    assert_all_named(question)
    question.reject()
    bad = tmp_path / "team.csv"
    bad.write_text("Name,Band,Functional area\nAma Owusu,12,HR policy\n", encoding="utf-8")
    problems = window.import_from_path(bad)
    with qtbot.waitSignal(problems.previewShown, timeout=10000):
        pass
    assert_all_named(problems)
    problems.reject()


def test_the_walk_notices_an_unnamed_control(qtbot):
    from PySide6.QtWidgets import QLineEdit, QVBoxLayout

    root = QWidget()
    qtbot.addWidget(root)
    QVBoxLayout(root).addWidget(QLineEdit())
    assert [type(w).__name__ for w in unnamed_controls(root)] == ["QLineEdit"]


def test_the_walk_notices_two_controls_on_one_alt_key(qtbot):
    from PySide6.QtWidgets import QCheckBox, QPushButton, QVBoxLayout

    root = QWidget()
    qtbot.addWidget(root)
    layout = QVBoxLayout(root)
    layout.addWidget(QPushButton("&Save"))
    layout.addWidget(QCheckBox("&Show archived"))
    assert clashing_mnemonics(root) == {"s": ["&Save", "&Show archived"]}


def test_no_two_controls_share_an_alt_key(window, team):
    assert clashing_mnemonics(window) == {}
    window.team.select_person(team["Amelia Hart"].id)
    assert clashing_mnemonics(window) == {}
    dialog = window.add_person()
    assert clashing_mnemonics(dialog) == {}
    dialog.reject()


def test_mnemonics_are_read_as_qt_reads_them():
    assert [mnemonic(t) for t in ("&Save", "Start da&te:", "R&&D", "Plain", "End&")] == [
        "s", "t", None, None, None]
