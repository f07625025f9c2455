"""Pack files from outside: only ordinary files, a size limit checked before reading, a depth
limit while parsing, and one id and version always meaning one content."""

from __future__ import annotations

import os
import threading

import pytest

from rmp_desktop.content.errors import PackError
from rmp_desktop.content.loader import (
    MAX_DEPTH,
    MAX_PACK_BYTES,
    load_builtin,
    load_directory,
    read_pack_file,
)
from tests.unit.test_content_packs import builtin_data, error_from, write_yaml


def test_a_fifo_is_refused_at_once(tmp_path):
    fifo = tmp_path / "competency.yaml"
    os.mkfifo(fifo)
    result: dict = {}

    def read() -> None:  # on a thread, so a hang fails the test instead of stalling the run
        try:
            read_pack_file(fifo)
        except PackError as exc:
            result["error"] = exc

    worker = threading.Thread(target=read, daemon=True)
    worker.start()
    worker.join(timeout=10)
    assert not worker.is_alive(), "reading a FIFO hung"
    assert "is not an ordinary file" in str(result["error"])


def test_a_link_to_dev_zero_is_refused_without_reading_it(tmp_path):
    link = tmp_path / "wheel.yaml"
    link.symlink_to("/dev/zero")
    assert "is not an ordinary file" in str(error_from(link))


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(tmp_path):
    big = tmp_path / "big.yaml"
    with open(big, "wb") as handle:
        handle.truncate(MAX_PACK_BYTES + 1)  # sparse: no time spent writing it
    assert "a pack may be at most 2 MB" in str(error_from(big))


@pytest.mark.parametrize("suffix, text", [
    (".yaml", "a: " + "[" * 100_000 + "]" * 100_000),
    (".yaml", "".join(f"{'  ' * i}k{i}:\n" for i in range(60)) + "  " * 60 + "x"),
    (".json", "[" * 100_000 + "]" * 100_000),
    (".json", "[" * 60 + "]" * 60),
])
def test_deep_nesting_is_refused_in_words(tmp_path, suffix, text):
    path = tmp_path / f"deep{suffix}"
    path.write_text(text, encoding="utf-8")
    assert f"nested more than {MAX_DEPTH} levels deep" in str(error_from(path))


def test_yaml_aliases_are_refused_so_nothing_can_expand(tmp_path):
    laughs = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join([f'*{chr(97 + i)}'] * 9)}]\n" for i in range(8))
    path = tmp_path / "laughs.yaml"
    path.write_text(laughs, encoding="utf-8")
    assert "uses a YAML alias" in str(error_from(path))


def test_a_pack_claiming_a_builtins_id_and_version_with_other_content_is_refused(tmp_path):
    data = builtin_data("exposure_wheel")
    data["title"] = data["title"] + " (edited)"
    write_yaml(tmp_path, "wheel.yaml", data)
    packs, errors = load_directory(tmp_path)
    assert [e.file for e in errors] == ["wheel.yaml"]
    assert "says it is the built-in pack rmp.exposure-wheel" in str(errors[0])
    assert "give it a new version number" in str(errors[0])
    assert packs.wheel.fingerprint == load_builtin().wheel.fingerprint  # the built-in stands in


def test_the_same_content_under_the_builtins_id_and_version_is_accepted(tmp_path):
    write_yaml(tmp_path, "wheel.yaml", builtin_data("exposure_wheel"))
    _packs, errors = load_directory(tmp_path)
    assert errors == []


def test_a_new_version_of_a_builtin_is_accepted(tmp_path):
    data = builtin_data("exposure_wheel")
    data["title"] = data["title"] + " (edited)"
    data["version"] = "9.0.0"
    write_yaml(tmp_path, "wheel.yaml", data)
    packs, errors = load_directory(tmp_path)
    assert errors == [] and packs.wheel.version == "9.0.0"


def test_check_names_a_fifo_in_the_pack_folder_instead_of_hanging(paths, store, capsys):
    from rmp_desktop.cli import main

    paths.packs.mkdir()
    os.mkfifo(paths.packs / "competency.yaml")
    assert main(["--data-dir", str(paths.data_dir), "check"]) == 1
    assert "competency.yaml: is not an ordinary file" in capsys.readouterr().out


