"""domain.carry at its edges: plan rows missing a field, a rating that is not a mapping
before good ones, and "start from last time" never sharing the step's own lists."""

from __future__ import annotations

from rmp_desktop.domain.carry import LastSigned, agreed_ratings, carried_items, start_from


def test_plan_rows_missing_a_field_carry_it_as_empty_and_rows_without_text_stay_behind():
    plan = {"objectives": [{"text": "Mentor a new starter"},
                           {"id": "o2", "due": "2027-03-31"}],  # no text: not carried
            "actions": [{"text": "Join the ER network"},
                        {"id": "a2", "target_date": "2027-05-01"}]}  # no text either
    last = LastSigned("r" * 32, "2026-10-06", 1, {"plan": plan})
    # An action without an id is looked up under "" among the mid-year words.
    midyear = {"": {"progress": "behind", "on": "2027-04-01", "note": ""}}
    assert carried_items(last, midyear) == [
        {"source": "objective", "text": "Mentor a new starter", "due": "", "origin": "",
         "record": "r" * 32},
        {"source": "action", "text": "Join the ER network", "due": "", "review": "",
         "origin": "", "record": "r" * 32,
         "midyear": {"progress": "behind", "on": "2027-04-01", "note": ""}},
    ]


def test_a_rating_that_is_not_a_mapping_is_skipped_and_the_rest_still_read():
    document = {"competencies": {"ratings": {"broken": 3, "strategic": {"manager": 2},
                                             "expert": {"self": 4}}}}
    assert agreed_ratings(document) == {"strategic": 2, "expert": 4}


def test_start_from_leaves_the_steps_own_lists_unshared_when_last_time_lacks_them():
    section = {"directions": ["depth"], "functional_areas": ["er"], "notes": ""}
    out = start_from("aspirations", section, {"target_level": 3})
    assert out == {"directions": ["depth"], "functional_areas": ["er"], "notes": "",
                   "target_level": 3}
    out["directions"].append("stretch")
    out["functional_areas"].clear()
    assert section == {"directions": ["depth"], "functional_areas": ["er"], "notes": ""}
