"""Warming the context before the first person is opened leaves the packs the record checks
rebuild from their snapshots already built."""

from __future__ import annotations

from datetime import date

from rmp_desktop.domain.staff import StaffMember
from rmp_desktop.storage import packs_for_record


def test_warming_rebuilds_todays_packs_from_the_stored_snapshots(context, store):
    person = store.staff.add(StaffMember(full_name="Aušra Nguyễn", band="6"))
    store.conversations.create(person.id, "both", date(2026, 10, 6), manager_name="Ngozi",
                               packs=context.packs())  # stores today's packs' snapshots
    packs_for_record._CACHE.clear()
    context.warm()

    def read_again(fingerprint: str):
        raise AssertionError(f"snapshot {fingerprint[:8]} read again after warming")

    rebuilt = packs_for_record.packs_for_refs(context.packs().refs(), read_again)
    assert rebuilt.problems == ()
    assert rebuilt.packs.refs() == context.packs().refs()
