"""Names: a functional area is named as the record's own pathway pack names it, before the
application's built-in list."""

from __future__ import annotations

import dataclasses

from rmp_desktop.content.loader import load_builtin
from rmp_desktop.domain.names import Names


def test_a_functional_area_takes_the_packs_own_name_first():
    packs = load_builtin()
    areas = tuple(dataclasses.replace(a, name="People relations") if a.id == "employee-relations"
                  else a for a in packs.pathway.functional_areas)
    renamed = dataclasses.replace(packs, pathway=dataclasses.replace(packs.pathway,
                                                                     functional_areas=areas))
    names = Names(renamed)
    assert names.functional_area("employee-relations") == "People relations"
    assert names.functional_area("hr-policy") == "HR policy"
    assert names.functional_area("unheard-of") == "unheard-of"
