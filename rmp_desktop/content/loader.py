"""Read content packs: the five shipped with the application, and an organisation's own folder.

An organisation replaces a built-in by dropping a file of the same kind into its
pack folder. A broken file never stops the application: it is reported, and the
built-in of that kind stays in use.
"""

from __future__ import annotations

import json
import os
import stat
from functools import lru_cache
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

import yaml

from rmp_desktop.content.errors import PackError
from rmp_desktop.content.parse import parse_pack
from rmp_desktop.domain.packs import (
    ROLE_ASPIRANT,
    SET_FIELDS,
    CompetencyFramework,
    Pack,
    PackSet,
)

BUILTIN_FILES: dict[str, str] = {
    "competency_framework": "competency-framework.yaml",
    "exposure_wheel": "exposure-wheel.yaml",
    "career_transitions": "career-transitions.yaml",
    "career_pathway": "career-pathway.yaml",
    "conversation_prompts": "conversation-prompts.yaml",
    "talent_grid": "talent-scope-for-growth.yaml",
}
# The aspirant competency frameworks offered beside the core one, in the order offered.
ASPIRANT_FILES: tuple[str, ...] = ("aspirant-business-partner.yaml",
                                   "aspirant-deputy-director.yaml")
# Shipped for organisations to choose by copying it into their pack folder: the nine-box
# talent grid in place of Scope for Growth.
OPTIONAL_FILES: tuple[str, ...] = ("talent-nine-box.yaml",)
PACK_SUFFIXES = (".yaml", ".yml", ".json")
# A pack is a few hundred lines; these bound what a wrong or hostile file can cost.
MAX_PACK_BYTES = 2_000_000
MAX_DEPTH = 32

# libyaml's loader is several times faster and just as safe; start-up reads five files.
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def parse_text(text: str, name: str) -> Pack:
    """A pack from the text of a file called `name` (JSON if it ends in .json, else YAML)."""
    if name.lower().endswith(".json"):
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise PackError(name, f"line {exc.lineno}, column {exc.colno}",
                            f"not valid JSON: {exc.msg}") from None
        except RecursionError:
            raise _too_deep(name) from None
        _check_depth(data, name)
    else:
        try:
            _scan_yaml(text, name)  # depth and aliases, before anything is built
            data = yaml.load(text, Loader=_YAML_LOADER)
        except yaml.YAMLError as exc:
            raise _yaml_error(name, exc) from None
    if data is None:
        raise PackError(name, "", "the file is empty")
    return parse_pack(data, name)


def _yaml_error(name: str, exc: yaml.YAMLError) -> PackError:
    mark = getattr(exc, "problem_mark", None)
    if "nesting depth" in str(getattr(exc, "problem", "") or ""):  # libyaml's own limit
        return _too_deep(name, mark)
    place = f"line {mark.line + 1}, column {mark.column + 1}" if mark else ""
    problem = getattr(exc, "problem", None) or str(exc)
    return PackError(name, place, f"not valid YAML: {problem}")


def _scan_yaml(text: str, name: str) -> None:
    """Walk the YAML's events (cheap, nothing built) and refuse deep nesting and aliases, so a
    hostile file can neither exhaust the stack nor expand into gigabytes."""
    depth = 0
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    for event in yaml.parse(text, Loader=loader):
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            depth += 1
            if depth > MAX_DEPTH:
                raise _too_deep(name, event.start_mark)
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            depth -= 1
        elif isinstance(event, yaml.AliasEvent):
            mark = event.start_mark
            place = f"line {mark.line + 1}, column {mark.column + 1}" if mark is not None else ""
            raise PackError(name, place,
                            "uses a YAML alias (*name); write the text out in full instead")


def _check_depth(data: object, name: str) -> None:
    todo: list[tuple[object, int]] = [(data, 1)]
    while todo:
        value, depth = todo.pop()
        if depth > MAX_DEPTH:
            raise _too_deep(name)
        if isinstance(value, dict):
            todo += [(v, depth + 1) for v in value.values()]
        elif isinstance(value, list):
            todo += [(v, depth + 1) for v in value]


def _too_deep(name: str, mark: Any = None) -> PackError:
    place = f"line {mark.line + 1}, column {mark.column + 1}" if mark is not None else ""
    return PackError(name, place, f"nested more than {MAX_DEPTH} levels deep; a pack never "
                                  "needs that many")


def read_pack_file(path: str | Path) -> Pack:
    """A pack from a file: only a regular file, no larger than MAX_PACK_BYTES, checked before
    reading (a FIFO would wait for ever, /dev/zero would never end)."""
    path = Path(path)
    try:
        raw = _read_regular(path)
    except OSError as exc:
        raise PackError(path.name, "", f"cannot be read: {exc.strerror or exc}") from None
    try:
        text = raw.decode("utf-8-sig")  # tolerate the BOM some editors add
    except UnicodeDecodeError:
        raise PackError(path.name, "", "not readable as UTF-8 text; save it as UTF-8") from None
    return parse_text(text, path.name)


def _read_regular(path: Path) -> bytes:
    # Opened without blocking (a FIFO would otherwise wait for a writer), then judged by what
    # was actually opened, so swapping the file in between changes nothing.
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise PackError(path.name, "", "is not an ordinary file (a device, pipe or folder); "
                                           "put the pack's own file in the folder")
        if info.st_size > MAX_PACK_BYTES:
            raise PackError(path.name, "", f"is {info.st_size // 1_000_000} MB; a pack may be "
                                           f"at most {MAX_PACK_BYTES // 1_000_000} MB")
        chunks, total = [], 0
        while total <= MAX_PACK_BYTES:
            chunk = os.read(fd, 65536)
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        if total > MAX_PACK_BYTES:  # it grew while being read
            raise PackError(path.name, "", f"is larger than {MAX_PACK_BYTES // 1_000_000} MB")
        return b"".join(chunks)
    finally:
        os.close(fd)


def _builtin_dir() -> Traversable:
    try:
        from importlib.resources import files

        folder = files("rmp_desktop.resources") / "packs"
        if folder.is_dir():
            return folder
    except ModuleNotFoundError:  # a source checkout that was never pip-installed
        pass
    return Path(__file__).resolve().parents[2] / "resources" / "packs"


@lru_cache(maxsize=1)
def load_builtin() -> PackSet:
    """The packs shipped with the application. A fault here is a bug, so it raises."""
    folder = _builtin_dir()
    packs: dict[str, Any] = {}
    for kind, name in BUILTIN_FILES.items():
        pack = parse_text((folder / name).read_text(encoding="utf-8"), name)
        if pack.kind != kind:
            raise PackError(name, "kind", f"expected kind '{kind}', found '{pack.kind}'")
        packs[SET_FIELDS[kind]] = pack
    frameworks = []
    for name in ASPIRANT_FILES:
        pack = parse_text((folder / name).read_text(encoding="utf-8"), name)
        if not (isinstance(pack, CompetencyFramework) and pack.role == ROLE_ASPIRANT):
            raise PackError(name, "role", "expected an aspirant competency framework")
        frameworks.append(pack)
    return PackSet(**packs, frameworks=tuple(frameworks))


def builtin_pack(kind: str, pack_id: str) -> Pack | None:
    """The built-in pack an organisation's file of this kind and id would stand in for."""
    builtin = load_builtin()
    if kind == CompetencyFramework.kind and pack_id != builtin.competency.id:
        return builtin.framework(pack_id)
    return builtin.by_kind.get(kind)


def slot(pack: Pack) -> str:
    """What a pack fills in a set: its kind, or (an aspirant framework) its own place."""
    if isinstance(pack, CompetencyFramework) and pack.role == ROLE_ASPIRANT:
        return f"{pack.kind}:{pack.id}"
    return pack.kind


def load_directory(path: str | Path) -> tuple[PackSet, list[PackError]]:
    """The built-ins with any valid pack from `path` in place of its kind, and what went wrong."""
    folder = Path(path)
    packs = load_builtin()
    if not folder.is_dir():
        return packs, [PackError(str(folder), "", "this pack folder does not exist")]
    errors: list[PackError] = []
    chosen: dict[str, str] = {}  # kind -> file that provides it
    for file in sorted(folder.iterdir()):
        if file.name.startswith(".") or file.suffix.lower() not in PACK_SUFFIXES:
            continue
        try:
            pack = read_pack_file(file)
        except PackError as exc:
            errors.append(exc)
            continue
        original = builtin_pack(pack.kind, pack.id)
        if (original is not None and (pack.id, pack.version) == (original.id, original.version)
                and pack.fingerprint != original.fingerprint):
            # One id and version must always mean one content: records name packs that way.
            errors.append(PackError(file.name, "version",
                                    f"says it is the built-in pack {pack.id} {pack.version}, "
                                    "but its content is different; give it a new version "
                                    "number (or its own id)"))
            continue
        if slot(pack) in chosen:
            errors.append(PackError(file.name, "kind",
                                    f"{chosen[slot(pack)]} already provides the {pack.kind} "
                                    "pack; keep one file of each kind in the folder"))
            continue
        chosen[slot(pack)] = file.name
        packs = packs.with_pack(pack)
    return packs, errors


__all__ = [
    "ASPIRANT_FILES", "BUILTIN_FILES", "OPTIONAL_FILES", "Pack", "PackError", "PackSet", "load_builtin", "load_directory",
    "parse_pack", "parse_text", "read_pack_file",
]
