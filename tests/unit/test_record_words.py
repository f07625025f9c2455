"""The words a record is described in, one home each: status and amendment chain, kind, band,
gap names, and what of the wellbeing section may leave the record."""

from __future__ import annotations

import pytest

from rmp_desktop.domain import privacy
from rmp_desktop.domain.conversation import Status, kind_label
from rmp_desktop.domain.names import Names
from rmp_desktop.domain.record_words import chain_words, status_words
from rmp_desktop.domain.staff import area_label, band_label
from tests.fixtures.full_record import packs


# The calls are made inside the test (not while the list is built) so that mutation testing,
# which follows the calls each test makes, sees this test reach status_words.
@pytest.mark.parametrize(("status", "given", "expected"), [
    (Status.DRAFT, {"step": "competencies"}, "Draft (at Competencies)"),
    (Status.DRAFT, {"step": "unknown-step"}, "Draft (at unknown-step)"),
    (Status.DRAFT, {}, "Draft"),
    (Status.AWAITING_SIGNOFF, {"step": "plan"}, "Awaiting sign-off"),
    (Status.SIGNED, {"version": 2, "amends": 1, "reason": "  Dates\n moved "},
     "Signed, version 2, amends version 1: Dates moved"),
    (Status.SIGNED, {"amended_by": 2}, "Signed, amended by version 2 (not yet signed)"),
    (Status.SUPERSEDED, {"amended_by": 3}, "Superseded by version 3"),
    (Status.SUPERSEDED, {}, "Superseded"),
    (Status.SIGNED, {"version": 2, "amends": 1}, "Signed, version 2, amends version 1"),
    (Status.DRAFT, {"version": 3, "step": "plan", "amends": 2, "reason": "x" * 80,
                    "reason_limit": 10},
     "Draft (at Objectives and plan), version 3, amends version 2: xxxxxxxxxx…"),
    (Status.SIGNED, {"version": 2, "amends": 1, "reason": "Exactly ten", "reason_limit": 11},
     "Signed, version 2, amends version 1: Exactly ten"),
])
def test_a_status_in_words_with_its_place_in_the_chain(status, given, expected):
    assert status_words(status, **given) == expected


def test_the_chain_alone_is_empty_for_a_first_version():
    assert chain_words(1, None, "ignored") == ""
    assert chain_words(2, None, "") == "version 2"
    assert chain_words(2, 1, "Why") == "version 2, amends version 1: Why"
    assert chain_words(0, 1, "Why") == ""
    assert chain_words(2, 1) == "version 2, amends version 1"
    assert chain_words(2, 1, None) == "version 2, amends version 1"  # type: ignore[arg-type]
    assert chain_words(2, 1, "ab  cd ef", limit=5) == "version 2, amends version 1: ab cd…"
    assert chain_words(2, 1, "ab cd", limit=5) == "version 2, amends version 1: ab cd"
    assert chain_words(2, 1, "ab cd", limit=3) == "version 2, amends version 1: ab…"
    assert chain_words(2, 1, "abcdef", limit=0) == "version 2, amends version 1: abcdef"


def test_kinds_and_bands_are_named_once():
    assert kind_label("career") == "Career conversation"
    assert kind_label("mentoring") == "Mentoring"  # a kind this version does not know
    assert band_label("8a") == "Band 8a" and band_label("VSM") == "Very senior manager"
    assert band_label("") == ""
    assert area_label("edi") == "Equality, diversity and inclusion"
    assert area_label("unheard-of") == "unheard-of"


def test_a_gap_is_named_by_its_kind_and_the_pack_entry_it_points_at():
    names = Names(packs())
    assert names.gap({"kind": "competency", "ref": "change-catalyst"}) == (
        "Competency: Change Catalyst")
    assert names.gap({"kind": "avenue", "ref": "shadowing"}) == "Exposure avenue: Shadowing"
    assert names.gap({"kind": "competency", "ref": "gone-since"}) == "Competency: gone-since"
    assert names.gap({"kind": "other", "ref": ""}) == "Other"
    assert names.gap({"kind": "", "ref": ""}) == "" and names.gap(None) == ""


@pytest.mark.parametrize(("section", "shared"), [
    ({"share_in_record": True}, True),
    ({"share_in_record": False}, False),
    ({"share_in_record": "yes"}, False),  # only a real tick shares it
    ({"share_in_record": 1}, False),
    ({}, False),
    (None, False),
])
def test_wellbeing_leaves_the_record_only_when_the_person_ticked_to_share_it(section, shared):
    assert privacy.is_shared(section) is shared
    assert privacy.may_leave_record("wellbeing", section) is shared
    assert privacy.may_leave_record("plan", section) is True
    assert privacy.privacy_words(section) == (privacy.SHARED_WORDS if shared
                                              else privacy.PRIVATE_WORDS)


def test_every_kind_of_identifier_is_named_from_the_packs_and_kept_when_unknown():
    names = Names(packs())
    assert names.functional_area("business-partnering") == "HR business partnering"
    assert names.functional_area("edi-unknown") == "edi-unknown"
    assert names.pathway_level(2) == "Level 2: Adviser and practitioner"
    assert names.pathway_level(99) == "Level 99"
    assert names.pathway_level("2") == "Level 2"  # only a whole number is looked up
    assert names.pathway_level(2.0) == "Level 2.0"
    assert names.pathway_level(None) == ""
    assert names.competency_level(1) == "Level 1: Entry and support"
    assert names.competency_level(99) == "Level 99"
    assert names.competency_level("1") == "Level 1"
    assert names.competency_level(1.0) == "Level 1.0"
    assert names.competency_level(None) == ""
    assert names.competency_area("change-catalyst") == "Change Catalyst"
    assert names.competency_area("gone") == "gone"
    assert names.membership("foundation") == "CIPD Foundation member"
    assert names.membership("gone") == "gone" and names.membership("") == ""
    assert names.wellbeing_area("physical") == "Physical"
    assert names.wellbeing_area("gone") == "gone"
    assert names.avenue("shadowing") == "Shadowing" and names.avenue("gone") == "gone"
    assert names.dimension("leading-people") == "Leading people inclusively and compassionately"
    assert names.dimension("gone") == "gone"
    assert names.experience("t1-exp-1") == "Continuous improvement"
    assert names.experience("gone") == "gone"


def test_a_gap_of_each_kind_is_named():
    names = Names(packs())
    assert names.gap({"kind": "dimension", "ref": "leading-people"}) == (
        "Transition dimension: Leading people inclusively and compassionately")
    assert names.gap({"kind": "experience", "ref": "t1-exp-1"}) == (
        "Transition experience: Continuous improvement")
    assert names.gap({"kind": "avenue", "ref": ""}) == "Exposure avenue"
    assert names.gap({"kind": "someday", "ref": "x"}) == "someday: x"
    assert names.gap({"kind": "", "ref": "t1-exp-1"}) == "Continuous improvement"
    assert names.gap({"ref": "gone"}) == "gone"
    assert names.gap({"kind": None, "ref": None}) == ""
    assert names.gap(["competency", "change-catalyst"]) == ""
