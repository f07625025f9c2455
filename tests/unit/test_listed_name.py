"""A person is listed by their full name with the name they are known by after it."""

from __future__ import annotations

from rmp_desktop.domain.record import PersonSnapshot
from rmp_desktop.domain.staff import StaffMember, listed_name
from rmp_desktop.export.record_export import file_name


def test_the_known_as_name_follows_the_full_name_when_it_is_different():
    assert listed_name("Lâm Thị Hồng Nhung", "Nhung") == "Lâm Thị Hồng Nhung (Nhung)"
    assert listed_name("Amelia Hart", "") == "Amelia Hart"
    assert listed_name(" Amelia Hart ", "amelia HART") == "Amelia Hart"  # the same name twice
    assert listed_name("", "Bình") == "Bình"


def test_people_and_records_name_the_same_way():
    member = StaffMember(full_name="Chidinma Okafor", preferred_name="Chidi")
    assert member.listed_name == PersonSnapshot.of(member).listed_name == "Chidinma Okafor (Chidi)"
    assert member.display_name == "Chidi"  # how the window speaks of them, as before


def test_a_pdf_file_name_carries_the_full_name_and_the_known_as_name():
    name = file_name("Chidinma Okafor (Chidi)", "both", "2026-10-06", 2, "ab" * 16)
    assert name.startswith("Chidinma Okafor (Chidi) - Appraisal and career conversation - "
                           "2026-10-06 - version 2 - ")
