"""Read content packs: the five shipped with the application, and an organisation's own folder.

An organisation replaces a built-in by dropping a file of the same kind into its
pack folder. A broken file never stops the application: it is reported, and the
built-in of that kind stays in use.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import yaml

from rmp_desktop.content.errors import PackError
from rmp_desktop.content.model import SET_FIELDS, Pack, PackSet
from rmp_desktop.content.parse import parse_pack

BUILTIN_FILES: dict[str, str] = {
    "competency_framework": "competency-framework.yaml",
    "exposure_wheel": "exposure-wheel.yaml",
    "career_transitions": "career-transitions.yaml",
    "career_pathway": "career-pathway.yaml",
    "conversation_prompts": "conversation-prompts.yaml",
}
PACK_SUFFIXES = (".yaml", ".yml", ".json")

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
    else:
        try:
            data = yaml.load(text, Loader=_YAML_LOADER)
        except yaml.YAMLError as exc:
            raise _yaml_error(name, exc) from None
    if data is None:
        raise PackError(name, "", "the file is empty")
    return parse_pack(data, name)


def _yaml_error(name: str, exc: yaml.YAMLError) -> PackError:
    mark = getattr(exc, "problem_mark", None)
    place = f"line {mark.line + 1}, column {mark.column + 1}" if mark else ""
    problem = getattr(exc, "problem", None) or str(exc)
    return PackError(name, place, f"not valid YAML: {problem}")


def read_pack_file(path: str | Path) -> Pack:
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")  # tolerate the BOM some editors add
    except UnicodeDecodeError:
        raise PackError(path.name, "", "not readable as UTF-8 text; save it as UTF-8") from None
    except OSError as exc:
        raise PackError(path.name, "", f"cannot be read: {exc.strerror or exc}") from None
    return parse_text(text, path.name)


def _builtin_dir():
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
    """The five packs shipped with the application. A fault here is a bug, so it raises."""
    folder = _builtin_dir()
    packs = {}
    for kind, name in BUILTIN_FILES.items():
        pack = parse_text((folder / name).read_text(encoding="utf-8"), name)
        if pack.kind != kind:
            raise PackError(name, "kind", f"expected kind '{kind}', found '{pack.kind}'")
        packs[SET_FIELDS[kind]] = pack
    return PackSet(**packs)


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
        if pack.kind in chosen:
            errors.append(PackError(file.name, "kind",
                                    f"{chosen[pack.kind]} already provides the {pack.kind} pack; "
                                    "keep one file of each kind in the folder"))
            continue
        chosen[pack.kind] = file.name
        packs = packs.with_pack(pack)
    return packs, errors


__all__ = [
    "BUILTIN_FILES", "Pack", "PackError", "PackSet", "load_builtin", "load_directory",
    "parse_pack", "parse_text", "read_pack_file",
]
