"""The wheel carries every package: pyproject's list is the folders on disk, no more, no less.

A package missing from the list installs as a wheel without it (as ui.wizard once did),
which no test run from the source tree would notice. CI also builds and installs the wheel
(scripts/wheel_smoke.sh); this test says which package is missing before that.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _config() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def _packages_on_disk(folder: Path, name: str) -> set[str]:
    """Every folder holding Python modules or shipped data, under its importable name."""
    found = set()
    for path in [folder, *sorted(p for p in folder.rglob("*") if p.is_dir())]:
        if path.name == "__pycache__" or "__pycache__" in path.parts:
            continue
        if not any(f.is_file() and f.name != ".gitignore" for f in path.iterdir()):
            continue
        relative = path.relative_to(folder).parts
        found.add(".".join((name, *relative)))
    return found


def test_every_package_folder_is_in_the_wheel_and_nothing_else():
    setuptools = _config()["tool"]["setuptools"]
    listed = set(setuptools["packages"])
    package_dir = setuptools.get("package-dir", {})
    on_disk = _packages_on_disk(ROOT / "rmp_desktop", "rmp_desktop")
    for name, folder in package_dir.items():
        on_disk |= _packages_on_disk(ROOT / folder, name)
    assert sorted(on_disk - listed) == [], "add these to [tool.setuptools] packages"
    assert sorted(listed - on_disk) == [], "these listed packages have no folder"


def test_every_data_package_says_which_files_it_ships():
    setuptools = _config()["tool"]["setuptools"]
    data = setuptools["package-data"]
    package_dir = setuptools["package-dir"]
    for name, folder in package_dir.items():
        for package in _packages_on_disk(ROOT / folder, name):
            path = ROOT / folder / Path(*package.split(".")[len(name.split(".")):])
            shipped = {f.suffix for f in path.iterdir() if f.is_file() and f.suffix != ".py"}
            patterns = {p.removeprefix("*") for p in data.get(package, [])}
            assert shipped <= patterns, f"{package} ships {shipped - patterns} without saying so"
