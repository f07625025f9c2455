"""Names for the identifiers a document holds, looked up in the packs the record was made with.

One naming for the window's summary, the PDF and anything that reports on
records. An identifier the packs no longer know is shown as it is, never
dropped: the record must show everything that was agreed.
"""

from __future__ import annotations

from dataclasses import dataclass

from rmp_desktop.domain.conversation import GAP_KINDS
from rmp_desktop.domain.packs import PackSet
from rmp_desktop.domain.staff import area_label


@dataclass(frozen=True)
class Names:
    packs: PackSet

    def functional_area(self, area_id: str) -> str:
        found = next((a.name for a in self.packs.pathway.functional_areas if a.id == area_id), None)
        return found or area_label(area_id)

    def pathway_level(self, number: object) -> str:
        level = self.packs.pathway.level(number) if isinstance(number, int) else None
        return f"Level {number}: {level.name}" if level else ("" if number is None else f"Level {number}")

    def competency_level(self, number: object) -> str:
        level = self.packs.competency.level(number) if isinstance(number, int) else None
        return f"Level {number}: {level.name}" if level else ("" if number is None else f"Level {number}")

    def competency_area(self, area_id: str) -> str:
        area = self.packs.competency.area(area_id)
        return area.name if area else area_id

    def membership(self, membership_id: str) -> str:
        item = self.packs.pathway.membership(membership_id) if membership_id else None
        return item.name if item else membership_id

    def wellbeing_area(self, area_id: str) -> str:
        found = next((a.name for a in self.packs.prompts.wellbeing_areas if a.id == area_id), None)
        return found or area_id

    def avenue(self, avenue_id: str) -> str:
        avenue = self.packs.wheel.avenue(avenue_id)
        return avenue.name if avenue else avenue_id

    def dimension(self, dimension_id: str) -> str:
        dimension = self.packs.transitions.dimension(dimension_id)
        return dimension.name if dimension else dimension_id

    def experience(self, experience_id: str) -> str:
        for transition in self.packs.transitions.transitions:
            for exp in transition.experiences:
                if exp.id == experience_id:
                    return exp.name or exp.text
        return experience_id

    def gap(self, gap: object) -> str:
        """'Competency: Change Catalyst' for a plan action's gap reference."""
        if not isinstance(gap, dict) or not (gap.get("kind") or gap.get("ref")):
            return ""
        kind, ref = str(gap.get("kind") or ""), str(gap.get("ref") or "")
        name = {"competency": self.competency_area, "dimension": self.dimension,
                "avenue": self.avenue}.get(kind, self.experience)(ref) if ref else ""
        label = GAP_KINDS.get(kind, kind)
        if not label:  # a reference without its kind: the name alone, not ": name"
            return name
        return f"{label}: {name}" if name else label
