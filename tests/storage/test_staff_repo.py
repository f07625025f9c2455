from __future__ import annotations

import pytest

from rmp_desktop.domain.staff import StaffMember
from rmp_desktop.storage.errors import ValidationFailed


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


def rows(text: str):
    from rmp_desktop.domain.staff_import import parse_staff_text

    parsed = parse_staff_text(text)
    assert parsed.ok, parsed.errors
    return parsed.rows


def test_import_is_idempotent_and_updates(store):
    header = "Name,Job title,Band,Functional area,Email,Assignment number\n"
    first = store.staff.import_rows(rows(header + "Mehmet Yılmaz,OH Manager,7,Occupational health,,A-1\n"
                                         "Chloé Dubois-Mensah,,5,HR policy,chloe@example.nhs.uk,\n"))
    again = store.staff.import_rows(rows(header + "Mehmet Yılmaz,OH Manager,7,Occupational health,,A-1\n"
                                         "Chloé Dubois-Mensah,,5,HR policy,chloe@example.nhs.uk,\n"))
    changed = store.staff.import_rows(rows(header + "Mehmet Yılmaz,Head of OH,7,Occupational health,,a-1\n"))
    assert (first.added, again.added, again.unchanged) == (2, 0, 2)
    assert (changed.updated, changed.added) == (1, 0)
    assert store.staff.count() == 2
    assert store.staff.find("yilmaz")[0].job_title == "Head of OH"
    assert store.integrity_report() == []  # the search index and the audit chain kept up


def test_an_assignment_number_clash_ignores_case(store):
    store.staff.add(person("Kwame Asante-Boateng", assignment_number="ab-1"))
    with pytest.raises(ValidationFailed) as caught:
        store.staff.add(person("Zainab Al-Farsi", assignment_number="AB-1"))
    assert "assignment_number" in caught.value.errors


def test_archive_hides_from_active_count_and_is_audited(store):
    saved = store.staff.add(person("Ioanna Papadopoulou"))
    store.staff.set_archived(saved.id, True)
    assert store.staff.count() == 0 and store.staff.count(include_archived=True) == 1
    assert store.integrity_report() == []
