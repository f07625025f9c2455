from __future__ import annotations

from datetime import date

import pytest

from rmp_desktop.domain.staff import StaffMember
from rmp_desktop.storage.staff_repo import ValidationFailed


def person(name, **kw):
    return StaffMember(full_name=name, band=kw.pop("band", "5"),
                       functional_area=kw.pop("functional_area", "hr-policy"), **kw)


def test_search_folds_case_and_accents(store):
    store.staff.add(person("Aušra Žukauskienė", job_title="Employee Relations Adviser"))
    store.staff.add(person("Nguyễn Thị Minh Anh", job_title="Workforce Lead"))
    store.staff.add(person("Ганна Коваленко"))
    assert [m.full_name for m in store.staff.find("zukausk")] == ["Aušra Žukauskienė"]
    assert [m.full_name for m in store.staff.find("NGUYEN anh")] == ["Nguyễn Thị Minh Anh"]
    assert [m.full_name for m in store.staff.find("коваленко")] == ["Ганна Коваленко"]
    assert store.staff.find("relations")[0].full_name == "Aušra Žukauskienė"
    assert store.staff.find("nobody-like-this") == []


def test_search_follows_edits(store):
    saved = store.staff.add(person("Siobhán Ní Bhriain"))
    store.staff.update(saved.with_changes(full_name="Siobhán Walsh"))
    assert store.staff.find("bhriain") == []
    assert store.staff.find("siobhan walsh")[0].id == saved.id


def test_invalid_person_is_refused_with_field_messages(store):
    with pytest.raises(ValidationFailed) as caught:
        store.staff.add(person("", band="10", email="not-an-email"))
    assert set(caught.value.errors) == {"full_name", "band", "email"}
    assert store.staff.count(include_archived=True) == 0


def test_duplicate_assignment_number_names_the_field(store):
    store.staff.add(person("Kwame Asante-Boateng", assignment_number="A-1"))
    with pytest.raises(ValidationFailed) as caught:
        store.staff.add(person("Zainab Al-Farsi", assignment_number="A-1"))
    assert "assignment_number" in caught.value.errors


def test_import_is_idempotent_and_updates(store):
    members = [person("Mehmet Yılmaz", assignment_number="A-1", job_title="OH Manager"),
               person("Chloé Dubois-Mensah", email="chloe@example.nhs.uk")]
    first = store.staff.import_all(members)
    again = store.staff.import_all(members)
    changed = store.staff.import_all([members[0].with_changes(job_title="Head of OH")])
    assert (first.added, again.added, again.unchanged) == (2, 0, 2)
    assert changed.updated == 1
    assert store.staff.count() == 2
    assert store.staff.find("yilmaz")[0].job_title == "Head of OH"


def test_import_is_all_or_nothing(store):
    members = [person("Priya Raghunathan", assignment_number="A-1"),
               person("Tomasz Wiśniewski", start_date=date(2999, 1, 1))]
    with pytest.raises(ValidationFailed):
        store.staff.import_all(members)
    assert store.staff.count(include_archived=True) == 0


def test_archive_hides_from_active_count_and_is_audited(store):
    saved = store.staff.add(person("Ioanna Papadopoulou"))
    store.staff.set_archived(saved.id, True)
    assert store.staff.count() == 0 and store.staff.count(include_archived=True) == 1
    assert store.integrity_report() == []
