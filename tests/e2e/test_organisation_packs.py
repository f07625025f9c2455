"""An organisation's own packs in the data folder replace the built-ins; a broken one is
reported by file and place, and the application carries on with the built-in."""

from __future__ import annotations

from pathlib import Path

from rmp_desktop.cli import main
from rmp_desktop.context import AppContext
from rmp_desktop.paths import resources_dir
from rmp_desktop.ui.main_window import MainWindow


def write_packs(paths, *, broken: bool) -> None:
    paths.packs.mkdir()
    wheel = (resources_dir() / "packs" / "exposure-wheel.yaml").read_text(encoding="utf-8")
    ours = wheel.replace("version: \"1.0.0\"", "version: \"9.1.0\"").replace(
        "name: Secondments", "name: Trust secondment scheme")
    assert ours != wheel
    Path(paths.packs / "our-wheel.yaml").write_text(ours, encoding="utf-8")
    if broken:
        framework = (resources_dir() / "packs" / "competency-framework.yaml").read_text("utf-8")
        Path(paths.packs / "our-framework.yaml").write_text(
            framework.replace("  - number: 4\n", "  - number: 5\n", 1), encoding="utf-8")


def test_organisation_pack_replaces_the_built_in(paths):
    write_packs(paths, broken=False)
    context = AppContext(paths)
    packs = context.packs()
    assert context.pack_problems == []
    assert packs.wheel.version == "9.1.0"
    assert packs.wheel.avenue("secondments").name == "Trust secondment scheme"


def test_a_broken_pack_is_reported_and_the_built_in_stands_in(paths, store, capsys, qtbot):
    write_packs(paths, broken=True)
    context = AppContext(paths)
    packs = context.packs()
    assert packs.wheel.version == "9.1.0"  # the good one is still used
    assert [p.file for p in context.pack_problems] == ["our-framework.yaml"]
    assert [lv.number for lv in packs.competency.levels] == [1, 2, 3, 4]  # built-in kept

    assert main(["--data-dir", str(paths.data_dir), "check"]) == 1
    out = capsys.readouterr().out
    assert "our-framework.yaml" in out and "built-in pack is used instead" in out

    window = MainWindow(AppContext(paths))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.open_dialog is not None and window.open_dialog.isVisible())
    assert "our-framework.yaml" in window.open_dialog.text()
    window.open_dialog.accept()
    window.close()
