"""Which competency framework suits a conversation: the core one, or an aspirant one. Plain Python.

An aspirant framework says who it suits (`suggested_for`: bands, functional areas, directions,
a lowest target level); one is suggested when the person's band or aspirations meet every
condition it sets. The suggestion is only that: the conversation chooses, and the record and
its PDF name the framework chosen.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from rmp_desktop.domain.packs import CompetencyFramework, PackSet


def fits(framework: CompetencyFramework, band: str, aspirations: Mapping[str, Any]) -> bool:
    fit = getattr(framework, "suggested_for", None)
    if fit is None:
        return False
    if fit.bands and band not in fit.bands:
        return False
    if fit.functional_areas and not set(fit.functional_areas) & set(
            aspirations.get("functional_areas") or ()):
        return False
    if fit.directions and not set(fit.directions) & set(aspirations.get("directions") or ()):
        return False
    target = aspirations.get("target_level")
    if fit.min_target_level and not (isinstance(target, int) and target >= fit.min_target_level):
        return False
    return True


def suggest_framework(packs: PackSet, band: str,
                      aspirations: Mapping[str, Any]) -> CompetencyFramework:
    """The aspirant framework the person's band and aspirations point to (the first that fits,
    in the order the packs offer them), else the core framework."""
    for framework in packs.frameworks:
        if fits(framework, band, aspirations):
            return framework
    return packs.competency
