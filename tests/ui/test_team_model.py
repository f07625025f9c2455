"""The team model on its own: search, filters and sorting over plain rows."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPersistentModelIndex, Qt

from rmp_desktop.storage.team_query import TeamRow
from rmp_desktop.ui.team_model import ArchivedRole, PersonIdRole, TeamColumn, TeamTableModel


def row(person_id, name, band="5", area="business-partnering", *, title="", archived=False,
        preferred="", last="", due="", what=""):
    from rmp_desktop.domain.staff import fold

    search = fold(" ".join(filter(None, (name, preferred, title))))
    return TeamRow(person_id, preferred or name, name, title, band, area, archived, last, due,
                   what, search)


ROWS = [
    row(1, "Rūta Žukauskas", "6", "employee-relations", title="Employee Relations Adviser"),
    row(2, "Nguyễn Văn Bình", "5", "workforce-intelligence", preferred="Bình Nguyễn"),
    row(3, "Amelia Hart", "8c", title="Head of People", last="2025-03-12", due="2026-03-12",
        what="appraisal"),
    row(4, "Dawit Haile", "4", "learning-development", title="Learning Coordinator"),
    row(5, "Olu Bankole", "VSM", "organisational-development", title="Director of Workforce"),
    row(6, "Gwen Pryce", "2", title="Apprentice HR Administrator"),
    row(7, "Zoë Archer", "8a", archived=True, title="Former HR Adviser"),
]


@pytest.fixture
def model(qtbot):
    model = TeamTableModel()
    model.set_rows(list(ROWS))
    return model


def names(model: TeamTableModel) -> list[str]:
    return [model.index(r, TeamColumn.NAME).data() for r in range(model.rowCount())]


def test_passes_qt_model_tester_through_filter_and_sort(qtmodeltester, model):
    qtmodeltester.check(model)
    model.set_query("a")
    model.sort(TeamColumn.BAND, Qt.SortOrder.DescendingOrder)
    model.set_show_archived(True)
    qtmodeltester.check(model)


def test_search_ignores_case_and_accents():
    model = TeamTableModel()
    model.set_rows(list(ROWS))
    model.set_query("zukauskas")
    assert names(model) == ["Rūta Žukauskas"]
    model.set_query("NGUYEN")
    assert names(model) == ["Nguyễn Văn Bình (Bình Nguyễn)"]


def test_every_word_of_the_search_must_match(model):
    model.set_query("hr adviser")
    assert names(model) == []  # the only HR adviser is archived
    model.set_show_archived(True)
    assert names(model) == ["Zoë Archer (archived)"]
    model.set_query("people head")
    assert names(model) == ["Amelia Hart"]


def test_archived_people_are_hidden_unless_asked_for(model):
    assert "Zoë Archer" not in " ".join(names(model))
    model.set_show_archived(True)
    archived_row = model.visible_row_of(7)
    assert model.index(archived_row, 0).data(ArchivedRole) is True
    assert model.index(archived_row, 0).data(PersonIdRole) == 7


def test_band_sorts_in_pay_order_not_as_text(model):
    model.sort(TeamColumn.BAND, Qt.SortOrder.AscendingOrder)
    bands = [model.index(r, TeamColumn.BAND).data() for r in range(model.rowCount())]
    assert bands == ["2", "4", "5", "6", "8c", "VSM"]
    model.sort(TeamColumn.BAND, Qt.SortOrder.DescendingOrder)
    bands = [model.index(r, TeamColumn.BAND).data() for r in range(model.rowCount())]
    assert bands == ["VSM", "8c", "6", "5", "4", "2"]


def test_names_sort_with_accented_letters_among_their_plain_ones(model):
    model.set_rows([row(1, "Zane Young"), row(2, "Émile Zola"), row(3, "Ava Stone")])
    model.sort(TeamColumn.NAME, Qt.SortOrder.AscendingOrder)
    assert names(model) == ["Ava Stone", "Émile Zola", "Zane Young"]


def test_filters_by_band_and_functional_area(model):
    model.set_functional_area("business-partnering")
    assert names(model) == ["Amelia Hart", "Gwen Pryce"]
    model.set_band("2")
    assert names(model) == ["Gwen Pryce"]
    model.set_band(None)
    model.set_functional_area(None)
    assert len(names(model)) == 6


def test_sorting_keeps_persistent_indexes_on_the_same_person(model):
    index = QPersistentModelIndex(model.index(model.visible_row_of(3), TeamColumn.JOB_TITLE))
    model.sort(TeamColumn.BAND, Qt.SortOrder.DescendingOrder)
    assert index.isValid()
    assert model.index(index.row(), 0).data(PersonIdRole) == 3
    assert index.column() == TeamColumn.JOB_TITLE


def test_columns_show_area_names_and_conversation_dates(model):
    at = model.visible_row_of(3)
    assert model.index(at, TeamColumn.FUNCTIONAL_AREA).data() == "HR business partnering"
    assert model.index(at, TeamColumn.LAST_SIGNED).data() == "12 Mar 2025"
    assert model.index(at, TeamColumn.NEXT_DUE).data() == "Overdue: 12 Mar 2026, appraisal"
    assert model.index(model.visible_row_of(1), TeamColumn.NEXT_DUE).data() == \
        "Now: first appraisal"
    assert model.headerData(TeamColumn.BAND, Qt.Orientation.Horizontal) == "Band"


def test_counts_follow_filters(model, qtbot):
    with qtbot.waitSignal(model.countsChanged) as counts:
        model.set_query("hart")
    assert counts.args == [1, 6]


def test_upsert_adds_and_replaces_rows(model):
    model.upsert(row(8, "Idris Khan", "7"))
    assert "Idris Khan" in names(model)
    model.upsert(row(8, "Idris Khan-Ali", "7"))
    assert "Idris Khan-Ali" in names(model)
    assert model.total_count() == len(ROWS) + 1


def test_typing_on_and_deleting_give_the_same_rows_as_a_fresh_search(model):
    fresh = TeamTableModel()
    fresh.set_rows(list(ROWS))
    model.set_show_archived(True)
    fresh.set_show_archived(True)
    for query in ("a", "ar", "ar h", "ar ha", "ar h", "ar", "hart ar", "a", ""):
        model.set_query(query)
        fresh.set_rows(list(ROWS))
        fresh.set_query(query)
        assert names(model) == names(fresh), query


def test_next_due_says_overdue_in_words_only_after_the_day():
    from datetime import date

    from rmp_desktop.ui.team_model import next_due_text

    person = row(9, "Ada Lovelace", last="2026-01-05", due="2026-04-30", what="review")
    assert next_due_text(person, date(2026, 4, 30)) == "30 Apr 2026, review"
    assert next_due_text(person, date(2026, 5, 1)) == "Overdue: 30 Apr 2026, review"


def test_sorting_by_next_due_puts_people_due_now_first(model):
    model.sort(TeamColumn.NEXT_DUE)
    first = model.index(0, TeamColumn.NEXT_DUE).data()
    assert first == "Now: first appraisal"
    assert model.person_id_at(model.rowCount() - 1) == 3


def test_every_column_sorts_by_its_value_with_ties_in_name_order():
    """Each column's order is a stable sort of the name order by that column's value, for a
    team with repeated values, titles that differ only in case or accents and an unknown band."""
    import random

    from rmp_desktop.domain.staff import BAND_ORDER, area_label, fold
    from rmp_desktop.ui.team_model import TeamOrders

    rng = random.Random(5)
    titles = ["HR Adviser", "hr adviser", "Recruitment Lead", "Réviseur", "Reviseur", ""]
    areas = ["business-partnering", "employee-relations", "workforce-intelligence"]
    bands = ["2", "5", "8a", "VSM", "Locum", "Bank"]
    dates = ["", "2025-03-12", "2026-01-01", "2026-03-12"]
    rows = [row(i, f"{rng.choice(['Ana', 'Émile', 'Zoë', 'Olu'])} Person{rng.randint(1, 40)}",
                rng.choice(bands), rng.choice(areas), title=rng.choice(titles),
                last=rng.choice(dates), due=rng.choice(dates)) for i in range(300)]
    orders = TeamOrders(rows)
    by_name = orders.ascending(TeamColumn.NAME)
    expected = {
        TeamColumn.BAND: lambda r: BAND_ORDER.get(r.band, len(BAND_ORDER)),
        TeamColumn.JOB_TITLE: lambda r: fold(r.job_title),
        TeamColumn.FUNCTIONAL_AREA: lambda r: fold(area_label(r.functional_area)),
        TeamColumn.LAST_SIGNED: lambda r: r.last_signed,
        TeamColumn.NEXT_DUE: lambda r: r.next_due,
    }
    for column, key in expected.items():
        assert orders.ascending(column) == sorted(by_name, key=lambda i: key(rows[i])), column
