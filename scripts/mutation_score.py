"""The mutation score by module from mutmut's results in mutants/ (scripts/mutation.sh).

A mutant counts as killed when a test failed on it, it ran out of time, or the type checker
refused it; one no test reaches counts as survived. Mutants listed in
tests/mutation/equivalent.md (equivalent to the original, so no test can tell them apart) are
shown apart and left out of the score.

    python scripts/mutation_score.py              # the table
    python scripts/mutation_score.py --survivors  # every surviving mutant not yet listed
    python scripts/mutation_score.py --modules    # the modules the configuration mutates
"""

from __future__ import annotations

import fnmatch
import json
import re
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
KILLED = {1, 3, 36, 37, -24, 24, 152, 255}
EQUIVALENT = ROOT / "tests" / "mutation" / "equivalent.md"


def configured_modules() -> list[str]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"]["mutmut"]
    found = []
    for path in sorted((ROOT / "rmp_desktop").rglob("*.py")):
        relative = path.relative_to(ROOT).as_posix()
        if path.name != "__init__.py" and any(fnmatch.fnmatch(relative, p)
                                              for p in config["only_mutate"]):
            found.append(relative.removeprefix("rmp_desktop/").removesuffix(".py").replace("/", "."))
    return found


def equivalent_names() -> set[str]:
    if not EQUIVALENT.exists():
        return set()
    return set(re.findall(r"`(rmp_desktop\.[\w.]+__mutmut_\d+)`", EQUIVALENT.read_text("utf-8")))


def results() -> dict[str, dict[str, int | None]]:
    by_module: dict[str, dict[str, int | None]] = {}
    for module in configured_modules():
        meta = ROOT / "mutants" / "rmp_desktop" / (module.replace(".", "/") + ".py.meta")
        if meta.exists():
            by_module[module] = json.loads(meta.read_text("utf-8"))["exit_code_by_key"]
    return by_module


def main(argv: list[str]) -> int:
    if "--modules" in argv:
        print("\n".join(configured_modules()))
        return 0
    equivalent = equivalent_names()
    found = results()
    if "--survivors" in argv:
        for codes in found.values():
            for name, code in sorted(codes.items()):
                if code is not None and code not in KILLED and name not in equivalent:
                    print(name)
        return 0
    total_killed = total_counted = total_equivalent = not_run = 0
    print(f"{'module':34} {'mutants':>8} {'killed':>7} {'equiv.':>7} {'left':>5} {'score':>7}")
    for module, codes in found.items():
        tried = {k: v for k, v in codes.items() if v is not None}
        same = sum(1 for k in tried if k in equivalent)
        killed = sum(1 for k, v in tried.items() if v in KILLED and k not in equivalent)
        counted = len(tried) - same
        left = counted - killed
        if not tried:  # mutmut listed the mutants but never ran them: no score to claim
            print(f"{module:34} {len(codes):8} {'':7} {'':7} {'':5} {'not run':>7}")
            not_run += len(codes)
            continue
        score = 100.0 * killed / counted if counted else 100.0
        print(f"{module:34} {len(tried):8} {killed:7} {same:7} {left:5} {score:6.1f}%")
        total_killed += killed
        total_counted += counted
        total_equivalent += same
    score = 100.0 * total_killed / total_counted if total_counted else 100.0
    print(f"{'all':34} {total_counted + total_equivalent:8} {total_killed:7} "
          f"{total_equivalent:7} {total_counted - total_killed:5} {score:6.1f}%")
    if not_run:
        print(f"{not_run} mutants in modules not run are left out of the score above")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
